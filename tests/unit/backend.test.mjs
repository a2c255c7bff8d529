// Choosing the backend (www/backend.js chooseAndOpen) with fake browsers and fake sessions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseAndOpen, probeChoice } from '../../www/backend.js';
import { setLanguage } from '../../www/i18n.js';

/**
 * A fake world: what WebGPU the browser offers, the probe's times, and which backends fail
 * to open. Records what was opened and whether the probe ran.
 */
function world({ gpu = 'hardware', times = { webgpu: 5, cpu: 50 }, failing = [] } = {}) {
  const opened = [];
  let probed = 0;
  return {
    opened,
    get probed() { return probed; },
    deps: {
      availability: async () => gpu,
      probe: async () => { probed++; return { ...times, model: 'denoising AE (d=500)', batch: 256 }; },
      open: async (name) => {
        opened.push(name);
        if (failing.includes(name)) throw new Error(`${name} exploded`);
      },
    },
  };
}

test('no WebGPU: the CPU, without a probe, and the notice says why', async () => {
  const w = world({ gpu: 'none' });
  const { backend, notices } = await chooseAndOpen('auto', w.deps);
  assert.equal(backend, 'cpu');
  assert.deepEqual(w.opened, ['cpu']);
  assert.equal(w.probed, 0);
  assert.match(notices[0][0](), /no WebGPU/);
});

test('WebGPU without an adapter: the CPU', async () => {
  const w = world({ gpu: 'no-adapter' });
  const { backend, notices } = await chooseAndOpen('auto', w.deps);
  assert.equal(backend, 'cpu');
  assert.match(notices[0][0](), /no GPU adapter/);
});

test('a software adapter only: the CPU', async () => {
  const w = world({ gpu: 'software' });
  const { backend, notices } = await chooseAndOpen('auto', w.deps);
  assert.equal(backend, 'cpu');
  assert.equal(w.probed, 0);
  assert.match(notices[0][0](), /software one/);
});

test('the notices are written in the language of the moment, so they follow a change of language', async () => {
  const { notices } = await chooseAndOpen('auto', world({ gpu: 'software' }).deps);
  const { notice } = probeChoice({ webgpu: 4.2, cpu: 80, model: 'denoising AE (d=500)', batch: 256 });
  const before = [notices[0][0](), notice()];
  try {
    setLanguage('pt');
    assert.match(notices[0][0](), /adaptador WebGPU é de software/);
    assert.notEqual(notice(), before[1]);
  } finally {
    setLanguage('en');
  }
  assert.deepEqual([notices[0][0](), notice()], before);
});

test('a hardware adapter: the CPU first, without a probe, and an upgrade to consider', async () => {
  const w = world({ gpu: 'hardware' });
  const { backend, notices, upgrade } = await chooseAndOpen('auto', w.deps);
  assert.equal(backend, 'cpu');
  assert.deepEqual(w.opened, ['cpu']);
  assert.equal(w.probed, 0);
  assert.equal(upgrade, true);
  assert.deepEqual(notices, []);
});

test('the probe after the first view: WebGPU when faster, with the times in the notice', () => {
  const { choice, notice } = probeChoice({ webgpu: 4.2, cpu: 80, model: 'standard AE (d=30) + denoising AE (d=500)', batch: 256 });
  assert.equal(choice, 'webgpu');
  assert.equal(notice(), 'Probe (a training step, batches of 256, of the standard AE (d=30) + denoising AE (d=500)): WebGPU 4.2 ms, CPU 80.0 ms a step. Using WebGPU (burn-wgpu).');
});

test('the probe: the CPU when WebGPU is slower or failed', () => {
  for (const times of [{ webgpu: 90, cpu: 80 }, { webgpu: null, cpu: 80 }]) {
    const { choice, notice } = probeChoice({ ...times, model: 'denoising AE (d=500)', batch: 256 });
    assert.equal(choice, 'cpu');
    assert.match(notice(), /Using CPU/);
  }
});

test('a named backend opens without a probe', async () => {
  const w = world();
  const { backend, notices } = await chooseAndOpen('flex', w.deps);
  assert.equal(backend, 'flex');
  assert.deepEqual(w.opened, ['flex']);
  assert.equal(w.probed, 0);
  assert.deepEqual(notices, []);
});

test('a backend that fails to open falls back to the CPU with a warning', async () => {
  const w = world({ failing: ['webgpu'] });
  const { backend, notices } = await chooseAndOpen('webgpu', w.deps);
  assert.equal(backend, 'cpu');
  assert.deepEqual(w.opened, ['webgpu', 'cpu']);
  const [text, kind] = notices.at(-1);
  assert.equal(kind, 'warn');
  assert.match(text(), /WebGPU \(burn-wgpu\) could not start \(webgpu exploded\)\. Falling back to the CPU/);
});

test('the CPU failing to open is an error (there is nothing to fall back to)', async () => {
  const w = world({ gpu: 'none', failing: ['cpu'] });
  await assert.rejects(chooseAndOpen('auto', w.deps), /cpu exploded/);
});
