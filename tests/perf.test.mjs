// The training section's performance line in headless Chromium: the backend and its adapter
// (SwiftShader is named a software adapter), ms a step, samples and GFLOP a second of the run,
// and, once the same model has trained on the CPU and on WebGPU in one session, which was
// faster, as the two figures say; and the backend probe, which times the same step on both.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const perf = (page) => page.$eval('#perf', (el) => ({ text: el.textContent, ...el.dataset }));

test('the performance line measures the run on each backend and compares them', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lesson=training');
  assert.match((await perf(page)).text, /train to measure/);
  const cpuRun = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 4 }));
  const cpu = await perf(page);
  assert.equal(cpu.backend, 'cpu');
  assert.ok(Math.abs(Number(cpu.msPerStep) - cpuRun.msPerStep) < 1e-9, 'the run\'s own ms a step');
  // 6 × 256 × (2 × 784 × 30) FLOP a step, over the step's time.
  const flop = 6 * 256 * 2 * 784 * 30;
  assert.ok(Math.abs(Number(cpu.gflops) - flop / Number(cpu.msPerStep) / 1e6) < 1e-6, `${cpu.gflops} GFLOP/s`);
  assert.match(cpu.text, /^CPU \(burn-ndarray\) on 1 thread\(s\): [\d.]+ ms a step, [\d,]+ samples\/s, [\d.]+ GFLOP\/s \(72 MFLOP a step/);
  assert.match(cpu.text, /Switch to WebGPU and train this model again to compare\.$/);
  assert.equal(await page.evaluate(() => window.playground.setBackend('webgpu')), 'webgpu');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 1 }));
  const gpu = await perf(page);
  assert.equal(gpu.backend, 'webgpu');
  assert.equal(gpu.software, 'true', 'SwiftShader is a software adapter');
  assert.match(gpu.text, /^WebGPU on a software adapter \(.+\): the CPU standing in for a GPU: /);
  // The sentence the two figures call for.
  const ratio = Number(gpu.msPerStep) / Number(cpu.msPerStep);
  const said = ratio >= 1.2 ? 'slower than' : ratio <= 1 / 1.2 ? 'faster than' : 'about as fast as';
  assert.ok(gpu.text.includes(said), `${gpu.msPerStep} against ${cpu.msPerStep} ms: ${gpu.text}`);
  assert.ok(gpu.text.includes(`ms a step for standard in this session`), gpu.text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the probe times a training step of the shipped models on each backend and says its figures', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const times = await page.evaluate(() => window.playground.probe());
  assert.equal(times.batch, 256);
  assert.match(times.model, /^standard AE \(d=30\) \+ denoising AE \(d=500\)$/);
  assert.ok(times.cpu > 0 && times.webgpu > 0, JSON.stringify(times));
  // The notice names both figures and the faster backend (on SwiftShader, the CPU).
  const notice = await page.evaluate(async (t) => {
    const { probeChoice } = await import('./www/backend.js');
    const { choice, notice: text } = probeChoice(t);
    return { choice, text: text() };
  }, times);
  assert.equal(notice.choice, times.webgpu < times.cpu ? 'webgpu' : 'cpu');
  assert.match(notice.text, /^Probe \(a training step, batches of 256, of the standard AE \(d=30\) \+ denoising AE \(d=500\)\): WebGPU [\d,.]+ ms, CPU [\d,.]+ ms a step\. Using /);
  // The session the page uses is untouched: still on the CPU, its models as they were.
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  assert.deepEqual(errors, []);
  await page.close();
});
