// Benchmarks of the page in one headless Chromium run: training ms/step at batch 256 for
// d=30 and d=500 on each backend, single-digit reconstruction, time to the first
// reconstructions, the denoising and latent labs' latencies, and the sizes of what the page
// downloads; on the CPU backend, the model builder: one epoch of every hidden size up to 500
// and what the contractive penalty adds to a step.
// Usage: node pkg-scripts/bench.mjs [--backends cpu,flex,webgpu] [--steps 12] [--gpu-steps 5]
//        node pkg-scripts/bench.mjs --builder-only   (the builder's figures alone)
//        node pkg-scripts/bench.mjs --manifold-only  (the manifold lab's figures alone)
//        node pkg-scripts/bench.mjs --superres-only  (super-resolution's and the transformations')
//        node pkg-scripts/bench.mjs --train-only     (the backends' rows and the TensorFlow.js yardstick)
//        node pkg-scripts/bench.mjs --gpu-counts     (what a training step asks of the GPU on WebGPU)
//        node pkg-scripts/bench.mjs --regions-only   (the regions lab: frames while it trains, the decoded grid)
//        node pkg-scripts/bench.mjs --threads-only   (the CPU backends on 1 thread and on the threaded
//                                                     module's pool, the page isolated by sw.js)
// With the CPU backend, the same model's step in TensorFlow.js 4.22's WebAssembly backend
// (pkg-scripts/tfjs/) is timed in the same run, and the ratio printed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: node pkg-scripts/bench.mjs [options]   (pkg-scripts/bench runs it, then the native bench)
Training ms/step at batch 256 for d=30 and d=500 on each backend (TensorFlow.js's wasm step beside
the CPU backend's), the first reconstructions, the labs' latencies and the modules' sizes; with the
CPU backend, the builder's, the manifold lab's, super-resolution's and the transformations' figures.
  --backends LIST    backends to time, of cpu,flex,webgpu (default: all three)
  --steps N          timed chunks of 8 steps a model on the CPU backends (default 12)
  --gpu-steps N      timed steps a model on WebGPU (default 5)
  --train-only       the backends' training rows and TensorFlow.js alone
  --builder-only     the model builder's figures alone
  --manifold-only    the manifold lab's figures alone
  --superres-only    super-resolution's and the transformations' figures alone
  --threads-only     the CPU backends on one thread and on the threaded module's pool
  --gpu-counts       what a training step asks of the GPU on WebGPU (www/gpucount.js), alone
  --regions-only     the regions lab's figures alone: frames while it trains, the 20 × 20 decoded grid
  --help             this text`;
const FLAGS = new Set(['--gpu-counts', '--regions-only', '--train-only', '--builder-only', '--manifold-only', '--superres-only', '--threads-only', '--help', '-h']);
const VALUED = new Set(['--backends', '--steps', '--gpu-steps']);
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (VALUED.has(a)) { i++; continue; }
  if (!FLAGS.has(a)) { console.error(`error: unknown option '${a}'\n\n${USAGE}`); process.exit(2); }
}
if (process.argv.includes('--help') || process.argv.includes('-h')) { console.log(USAGE); process.exit(0); }
// Playwright is loaded only once the options are read (so --help needs no npm packages).
const { start, openPage } = await import('../tests/browser.mjs');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const backends = arg('backends', 'cpu,flex,webgpu').split(',');
const steps = Number(arg('steps', 12));
const gpuSteps = Number(arg('gpu-steps', 5));
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
const mb = (n) => `${(n / 1048576).toFixed(2)} MiB`;

/**
 * The CPU backends on one thread (the single-threaded modules) and on the threaded module's
 * pool of one worker per core: a first visit installs the service worker, which isolates the
 * page from the next load on, as on GitHub Pages. Steps of the two models, the runs alternating
 * so that both see the same machine.
 */
async function threadRows(ctx) {
  const page = await ctx.context.newPage();
  await page.goto(`${ctx.url}?backend=cpu`);
  await page.waitForFunction(() => document.body.dataset.offline === 'ready', null, { timeout: 300_000 });
  const out = [];
  for (const backend of ['cpu', 'flex']) {
    /** @type {Record<string, Record<string, number[]>>} */
    const ms = {};
    let cores = 1;
    for (let round = 0; round < 3; round++) {
      for (const threads of [1, 0]) {
        await page.goto(`${ctx.url}?backend=${backend}&threads=${threads}`);
        await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
        const got = await page.evaluate(() => window.playground.threads);
        if (threads === 0) cores = got.threads;
        const key = threads === 1 ? '1' : 'pool';
        const runs = await page.evaluate(async (n) => {
          const r = {};
          for (const model of ['standard', 'denoising']) {
            await window.playground.train({ model, steps: 2 });
            r[model] = [];
            for (let i = 0; i < n; i++) r[model].push((await window.playground.train({ model, steps: 1 })).msPerStep);
          }
          return r;
        }, Math.max(4, Math.ceil(steps / 3)));
        ms[key] ??= { standard: [], denoising: [] };
        for (const m of ['standard', 'denoising']) ms[key][m].push(...runs[m]);
      }
    }
    const row = (m) => `${m === 'standard' ? 'd=30' : 'd=500'} ${median(ms['1'][m]).toFixed(1)} → ${median(ms.pool[m]).toFixed(1)} ms/step (${(median(ms['1'][m]) / median(ms.pool[m])).toFixed(2)}×)`;
    out.push(`threads ${backend}: 1 thread → ${cores} threads (the threaded module, isolated by sw.js): ${row('standard')}, ${row('denoising')} (medians of ${ms.pool.standard.length}, batch 256)`);
  }
  await page.close();
  return out;
}

/** The WebGPU calls counted, in the order the table shows them. */
const COUNTED = [
  ['dispatchWorkgroups', 'dispatches'], ['beginComputePass', 'compute passes'], ['createComputePipeline', 'pipelines made'],
  ['createBuffer', 'buffers made'], ['destroy', 'buffers destroyed'], ['writeBuffer', 'writeBuffer'], ['submit', 'submits'], ['mapAsync', 'mapAsync (read backs)'],
];

/**
 * What a training step asks of the GPU (www/gpucount.js counts the worker's WebGPU calls): the
 * notebook's two models on WebGPU, after a warm-up of 3 steps (kernels compiled, buffers
 * pooled), over `n` chunks of `k` steps each (the worker trains in chunks; on a software
 * adapter each chunk is one step, on a GPU up to 64), so a per-chunk cost shows apart from a
 * per-step one.
 */
async function gpuCountRows(ctx, n = 3) {
  const { page } = await openPage(ctx, '?backend=webgpu');
  const adapter = await page.evaluate(() => window.playground.backend);
  if (adapter !== 'webgpu') return [`gpu counts: no WebGPU here (the page runs on ${adapter})`];
  await page.evaluate(() => window.playground.gpuCounts());
  const runs = await page.evaluate(async (n) => {
    const out = {};
    for (const model of ['standard', 'denoising']) {
      await window.playground.train({ model, steps: 3 });
      const one = [];
      for (let i = 0; i < n; i++) one.push(await window.playground.train({ model, steps: 1 }));
      out[model] = one;
    }
    return out;
  }, n);
  const rows = ['| per training step (batch 256, after 3 warm-up steps) | d=30 | d=500 |', '|---|---:|---:|'];
  const per = (model, key) => {
    const r = runs[model];
    return r.reduce((s, run) => s + (run.gpu?.[key] ?? 0), 0) / r.length; // one step a run
  };
  for (const [key, label] of [...COUNTED, ['createBytes', 'bytes of buffers made'], ['writeBytes', 'bytes written']]) {
    rows.push(`| ${label} | ${per('standard', key).toFixed(1)} | ${per('denoising', key).toFixed(1)} |`);
  }
  // The dispatches by kind of kernel (the pipelines' labels, without their hashes).
  const family = (/** @type {string} */ label) => label.replace(/^kernel: /, '').replace(/_(c|e|f|t|in|lhs)_.*$/, '').replace(/_[0-9a-f]{8}$/, '');
  const kinds = (model) => {
    const out = {};
    for (const run of runs[model]) {
      for (const [key, v] of Object.entries(run.gpu ?? {})) if (key.startsWith('kernel: ') && v) out[family(key)] = (out[family(key)] ?? 0) + v / runs[model].length;
    }
    return out;
  };
  const [k30, k500] = [kinds('standard'), kinds('denoising')];
  for (const kind of [...new Set([...Object.keys(k30), ...Object.keys(k500)])].sort((a, b) => (k30[b] ?? 0) - (k30[a] ?? 0))) {
    rows.push(`| dispatches of ${kind} | ${(k30[kind] ?? 0).toFixed(1)} | ${(k500[kind] ?? 0).toFixed(1)} |`);
  }
  const chunks = runs.standard.reduce((s, run) => s + run.chunks, 0);
  rows.push(`(webgpu, gpu counts: ${runs.standard.length} runs of 1 step per model, ${chunks} chunks for d=30)`);
  await page.close();
  return rows;
}

/**
 * The model builder on the CPU backend: an epoch (the page's training digits, batches of 256)
 * of a tanh model of each hidden size up to 500, and d = 500 with and without the contractive
 * penalty, the two alternating so that both see the same machine.
 */
async function builderRows(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  const out = await page.evaluate(async () => {
    const pg = window.playground;
    const sizes = [2, 5, 10, 30, 100, 500];
    const recipe = (name, latent, contractive = 0) => ({ name, latent, activation: 'tanh', tied: false, scale: 'symmetric', loss: 'mse', corruption: { kind: 'none' }, contractive });
    const trainLen = 12000;
    const epoch = Math.ceil(trainLen / 256);
    const epochs = {};
    for (const d of sizes) {
      await pg.build(recipe(`bench-${d}`, d));
      await pg.train({ model: `bench-${d}`, steps: 2 });
      const t = performance.now();
      await pg.train({ model: `bench-${d}`, steps: epoch });
      epochs[d] = (performance.now() - t) / 1000;
      await pg.remove(`bench-${d}`);
    }
    await pg.build(recipe('bench-plain', 500));
    await pg.build(recipe('bench-cae', 500, 0.001));
    const ms = { plain: [], cae: [] };
    for (const name of ['plain', 'cae']) await pg.train({ model: `bench-${name}`, steps: 2 });
    for (let i = 0; i < 5; i++) {
      for (const name of ['plain', 'cae']) ms[name].push((await pg.train({ model: `bench-${name}`, steps: 4 })).msPerStep);
    }
    return { epochs, epoch, ms };
  });
  await page.close();
  const plain = median(out.ms.plain);
  const cae = median(out.ms.cae);
  return [
    `cpu, model builder: one epoch (${out.epoch} steps of 256 of the page's 12,000 digits, tanh, MSE) ` +
      Object.entries(out.epochs).map(([d, s]) => `d=${d} ${s.toFixed(2)} s`).join(', '),
    `cpu, model builder: d=500 ${plain.toFixed(1)} ms/step, with the contractive penalty ${cae.toFixed(1)} ms/step (+${((cae / plain - 1) * 100).toFixed(0)}%; medians of 5 alternating runs of 4 steps)`,
  ];
}

/**
 * The manifold lab on the CPU backend: 1,000 steps of the plane's three models and of the helix,
 * drawn live as on the page, and the page's frame intervals meanwhile (requestAnimationFrame).
 */
async function manifoldRows(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await page.waitForFunction(() => document.getElementById('helix').dataset.frames, null, { timeout: 300_000 });
  const out = await page.evaluate(async () => {
    const pg = window.playground;
    const frames = [];
    let last = performance.now();
    let going = true;
    const tick = (t) => { frames.push(t - last); last = t; if (going) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    const t0 = performance.now();
    const plane = await pg.trainManifold({ toy: 'plane', steps: 1000 });
    const planeMs = performance.now() - t0;
    going = false;
    const t1 = performance.now();
    const helix = await pg.trainManifold({ toy: 'helix', steps: 1000 });
    const helixMs = performance.now() - t1;
    // The step alone, without drawing: 500 steps in one call, the median of three calls.
    const alone = async (toy) => {
      const ms = [];
      for (let i = 0; i < 3; i++) ms.push((await pg.toySteps({ toy, steps: 500 })).ms / 500);
      return ms.sort((a, b) => a - b)[1];
    };
    return { planeMs, helixMs, frames, dae: plane.numbers.denoising, rho: helix.rho, planeStep: await alone('plane'), helixStep: await alone('helix') };
  });
  await page.close();
  const sorted = [...out.frames].sort((a, b) => a - b);
  const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return [
    `cpu, manifold lab: 1,000 steps of the plane's three models (300 points, h = 128) drawn live ${(out.planeMs / 1000).toFixed(2)} s ` +
      `(denoising model then: travel ${out.dae.travelOn.toFixed(3)} on the curve, ${out.dae.travelSigma.toFixed(3)} at σ); 1,000 steps of the helix ${(out.helixMs / 1000).toFixed(2)} s (ρ ${out.rho.toFixed(3)})`,
    `cpu, manifold lab: page frame interval while the plane trains: median ${pct(0.5).toFixed(1)} ms, 95th percentile ${pct(0.95).toFixed(1)} ms (${out.frames.length} frames)`,
    `cpu, manifold lab, the step alone (500 steps in one call, median of 3): the plane's three 2 → 128 → 2 models ${out.planeStep.toFixed(3)} ms a step (${(out.planeStep / 3).toFixed(3)} ms a model), the helix's 3 → 128 → 1 → 128 → 3 model ${out.helixStep.toFixed(3)} ms`,
  ];
}

/** Off the manifold on the CPU backend: from a slider's move to the panels and the curve redrawn. */
async function transformRows(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await page.waitForFunction(() => Number(document.getElementById('transforms').dataset.runs || 0) > 0, null, { timeout: 300_000 });
  const ms = await page.evaluate(async () => {
    const root = document.getElementById('transforms');
    const el = document.getElementById('tf-rotation');
    const out = [];
    for (let i = 0; i < 15; i++) {
      const n = Number(root.dataset.runs);
      const t = performance.now();
      el.value = String((i % 7) * 5);
      el.dispatchEvent(new Event('input'));
      await new Promise((done) => {
        const check = () => (Number(root.dataset.runs) > n ? done() : requestAnimationFrame(check));
        check();
      });
      out.push(performance.now() - t);
    }
    return out;
  });
  await page.close();
  return [`cpu, transformations: a slider's move to the transformed digit, its reconstruction (standard AE) and the curve redrawn: median ${median(ms).toFixed(1)} ms (15 moves, polled each frame)`];
}

/** Super-resolution on the CPU backend: the time of each of three epochs, drawn live. */
async function superresRows(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu');
  await page.waitForFunction(() => Number(document.getElementById('superres').dataset.shown || 0) > 0, null, { timeout: 300_000 });
  const ms = [];
  let scores = null;
  for (let i = 0; i < 3; i++) {
    scores = await page.evaluate(() => window.playground.trainSuperres({ epochs: 1 }));
    ms.push(Number(await page.$eval('#superres', (e) => e.dataset.epochMs)));
  }
  await page.close();
  const [s] = scores;
  return [`cpu, super-resolution 7×7 → 300 → 784: an epoch of the page's 12,000 digits, drawn live, ${ms.map((m) => (m / 1000).toFixed(2)).join(', ')} s; after 3 epochs network ${s.network.toFixed(2)} dB, bicubic ${s.bicubic.toFixed(2)} dB (1,000 test digits)`];
}

/**
 * The regions lab on the CPU backend (d = 2): the frames drawn while both networks train (each
 * the codes of 1,000 test digits and the two planes), what drawing a frame takes, and the 20 × 20
 * decoded grid (the worker's round trip).
 */
async function regionsRows(ctx) {
  const { page } = await openPage(ctx, '?backend=cpu&restore=no');
  await page.waitForFunction(() => document.getElementById('regions') !== null, null, { timeout: 300_000 });
  await page.locator('#regions').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('regions').dataset.frames || 0) > 0 && document.getElementById('regions').dataset.samples !== undefined, null, { timeout: 300_000 });
  await page.evaluate(() => window.playground.trainRegions({ steps: 200 }));
  const { frames } = await page.evaluate(() => window.playground.regions());
  const grid = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => window.playground.trainRegions({ steps: 1 }));
    grid.push(Number(await page.$eval('#regions-grid-vae', (c) => c.dataset.ms)));
  }
  await page.close();
  return [`cpu, regions lab (d = 2, both networks, batches of 256): ${frames.count} frames in ${(frames.ms / 1000).toFixed(1)} s of 200 training steps, ${(frames.count / (frames.ms / 1000)).toFixed(1)} frames a second, a frame drawn (1,000 digits on two planes) in ${frames.drawMs.toFixed(1)} ms; the 20 × 20 decoded grid ${median(grid).toFixed(0)} ms (median of 5, worker round trip)`];
}

const ctx = await start();
/** The CPU backend's median ms per step, by hidden size (for the ratio to TensorFlow.js). @type {Record<number, number>} */
const cpuSteps = {};
const rows = [];
try {
  if (process.argv.includes('--gpu-counts')) {
    rows.push(...await gpuCountRows(ctx));
    backends.length = 0;
  } else if (process.argv.includes('--builder-only')) {
    rows.push(...await builderRows(ctx));
    backends.length = 0;
  } else if (process.argv.includes('--manifold-only')) {
    rows.push(...await manifoldRows(ctx));
    backends.length = 0;
  } else if (process.argv.includes('--threads-only')) {
    rows.push(...await threadRows(ctx));
    backends.length = 0;
  } else if (process.argv.includes('--regions-only')) {
    rows.push(...await regionsRows(ctx));
    backends.length = 0;
  } else if (process.argv.includes('--superres-only')) {
    rows.push(...await superresRows(ctx));
    rows.push(...await transformRows(ctx));
    backends.length = 0;
  } else if (backends.includes('cpu') && !process.argv.includes('--train-only')) {
    rows.push(...await builderRows(ctx));
    rows.push(...await manifoldRows(ctx));
    rows.push(...await superresRows(ctx));
    rows.push(...await transformRows(ctx));
    rows.push(...await regionsRows(ctx));
  }
  for (const backend of backends) {
    const energyIterations = backend === 'webgpu' ? 10 : 100;
    const { page } = await openPage(ctx, `?backend=${backend}&iterations=${energyIterations}`);
    const got = await page.evaluate(() => window.playground.backend);
    if (got !== backend) {
      rows.push(`${backend}: not available here (page chose ${got})`);
      await page.close();
      continue;
    }
    const firstMs = await page.evaluate(() => performance.getEntriesByName('first-reconstructions')[0]?.startTime);
    // The latent lab: when it is filled in, and the energy minimisation's iterations (both
    // descents, standard model).
    await page.waitForFunction(() => document.getElementById('latent-lab').dataset.ready, null, { timeout: 300_000 });
    const latentMs = await page.evaluate(() => performance.getEntriesByName('latent-lab-ready')[0]?.startTime);
    // Time in the worker (start, iterations, reading each frame back), without the playback.
    const energy = await page.evaluate(async () => {
      const root = document.getElementById('energy');
      const n = Number(root.dataset.runs || 0);
      document.getElementById('energy-run').click();
      await new Promise((done) => {
        const check = () => (Number(root.dataset.runs || 0) > n ? done() : requestAnimationFrame(check));
        check();
      });
      return window.playground.latent().energy;
    });
    const interpolationMs = await page.evaluate(async () => {
      const root = document.getElementById('interpolation');
      const ms = [];
      for (let i = 0; i < 7; i++) {
        const n = Number(root.dataset.renders || 0);
        const t = performance.now();
        document.getElementById('swap').click();
        await new Promise((done) => {
          const check = () => (Number(root.dataset.renders || 0) > n ? done() : requestAnimationFrame(check));
          check();
        });
        ms.push(performance.now() - t);
      }
      return ms;
    });
    rows.push(`${backend}: latent lab filled in ${(latentMs / 1000).toFixed(2)} s after navigation; energy minimisation ${(energy.latent.ms / energyIterations).toFixed(1)} ms/iteration on z, ${(energy.pixels.ms / energyIterations).toFixed(1)} on the pixels ` +
      `(${energyIterations} iterations each, d=30, a frame read back every 2); interpolation strips redrawn ${median(interpolationMs).toFixed(1)} ms after a swap (8 frames)`);
    const n = backend === 'webgpu' ? gpuSteps : steps;
    // Every model of the page's table (Rust's), by name and label.
    const table = await page.evaluate(() => window.playground.models());
    const largest = table.reduce((a, b) => (b.latent > a.latent ? b : a));
    // Timed as the page trains: in chunks of steps per call into the worker (the page's chunks
    // grow to 64 steps; 8 here, 1 on WebGPU, where SwiftShader takes about a second a step).
    const chunk = backend === 'webgpu' ? 1 : 8;
    const perStep = await page.evaluate(async ({ n, names, chunk }) => {
      const out = {};
      for (const model of names) {
        await window.playground.train({ model, steps: 2 }); // warm-up: compile kernels, allocate
        const ms = [];
        for (let i = 0; i < n; i++) ms.push((await window.playground.train({ model, steps: chunk })).msPerStep);
        out[model] = ms;
      }
      return out;
    }, { n, names: table.map((m) => m.name), chunk });
    const reconMs = await page.evaluate(async (model) => {
      const digit = Array.from({ length: 784 }, (_, i) => (i % 29 === 0 ? 1 : 0));
      await window.playground.reconstruct(digit, model);
      const ms = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await window.playground.reconstruct(digit, model);
        ms.push(performance.now() - t);
      }
      return ms;
    }, largest.name);
    // The denoising lab: from a change of the damage to all six panels redrawn.
    const labMs = await page.evaluate(async () => {
      const root = document.getElementById('denoising-lab');
      const el = document.getElementById('lab-sigma');
      const ms = [];
      for (let i = 0; i < 15; i++) {
        const n = Number(root.dataset.runs);
        const t = performance.now();
        el.value = String((i % 5) * 0.02);
        el.dispatchEvent(new Event('input'));
        await new Promise((done) => {
          const check = () => (Number(root.dataset.runs) > n && !root.dataset.busy ? done() : requestAnimationFrame(check));
          check();
        });
        ms.push(performance.now() - t);
      }
      return ms;
    });
    const trainText = table.map((m) => `${m.label} ${median(perStep[m.name]).toFixed(1)} ms/step`).join(', ');
    if (backend === 'cpu') for (const m of table) cpuSteps[m.latent] = median(perStep[m.name]);
    rows.push(`${backend}: train ${trainText} (median of ${n} chunks of ${chunk} step${chunk > 1 ? 's' : ''}, batch 256); ` +
      `reconstruct one digit (${largest.label}, page round trip) ${median(reconMs).toFixed(2)} ms; first reconstructions ${(firstMs / 1000).toFixed(2)} s after navigation; ` +
      `denoising lab update ${median(labMs).toFixed(1)} ms (change to six panels redrawn, polled each frame)`);
    await page.close();
  }
  // The yardstick: the same models' step in TensorFlow.js's WebAssembly backend, same browser.
  if (Object.keys(cpuSteps).length) {
    const page = await ctx.context.newPage();
    await page.goto(`${ctx.url}pkg-scripts/tfjs/index.html`);
    const tfBackend = await page.evaluate(() => window.tfjsReady);
    const tf = {};
    for (const latent of Object.keys(cpuSteps).map(Number)) tf[latent] = median(await page.evaluate((args) => window.tfjsSteps(args), { latent, steps }));
    rows.push(`tfjs (TensorFlow.js 4.22, ${tfBackend} backend, one thread): train ${Object.entries(tf).map(([d, ms]) => `d=${d} ${ms.toFixed(1)} ms/step`).join(', ')} (median of ${steps}, batch 256); ` +
      `the page's CPU backend is ${Object.entries(tf).map(([d, ms]) => `${(ms / cpuSteps[Number(d)]).toFixed(1)}× as fast at d=${d}`).join(', ')}`);
    await page.close();
  }
  // What the small step pays for besides its arithmetic: a step is five matrix products of
  // 2·256·784·d FLOP each (two forward, three backward), so d=500 does 16.7× the work of d=30.
  if (cpuSteps[30] && cpuSteps[500]) {
    const gflops = (d) => (10 * 256 * 784 * d) / (cpuSteps[d] * 1e6);
    rows.push(`cpu: d=500 / d=30 step time ratio ${(cpuSteps[500] / cpuSteps[30]).toFixed(1)} (their arithmetic's ratio 16.7); ` +
      `d=30 ${gflops(30).toFixed(1)} GFLOP/s, d=500 ${gflops(500).toFixed(1)} GFLOP/s (10·256·784·d FLOP a step)`);
  }
} finally {
  await ctx.stop();
}

const modules = ['cpu', 'full'].map((m) => [m, fs.readFileSync(path.join(ROOT, `pkg/${m}/autoencoder_playground_bg.wasm`))]);
const dataFiles = ['www/data/mnist-test.bin.gz', 'www/data/mnist-train.bin.gz'].map((f) => fs.statSync(path.join(ROOT, f)).size);
const weights = fs.readdirSync(path.join(ROOT, 'www/models')).filter((f) => f.endsWith('.q8.gz')).sort()
  .map((f) => [path.basename(f, '.q8.gz'), fs.statSync(path.join(ROOT, 'www/models', f)).size]);
const size = (n) => (n < 1048576 ? kb(n) : mb(n));
rows.push(`wasm: ${modules.map(([m, bytes]) => `${m} module ${mb(bytes.length)} raw, ${mb(zlib.gzipSync(bytes, { level: 9 }).length)} gzip`).join('; ')}`);
rows.push(`data: ${mb(dataFiles[0] + dataFiles[1])} gzip (test ${mb(dataFiles[0])}, training ${mb(dataFiles[1])})`);
rows.push(`weights as the page fetches them (8-bit, gzip): ${weights.map(([name, n]) => `${name} ${size(n)}`).join(', ')}`);
console.log(rows.join('\n'));
