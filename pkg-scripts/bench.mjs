// Benchmarks of the page in one headless Chromium run: training ms/step at batch 256 for
// d=30 and d=500 on each backend, single-digit reconstruction, time to the first
// reconstructions, the denoising and latent labs' latencies, and the sizes of what the page
// downloads.
// Usage: node pkg-scripts/bench.mjs [--backends cpu,flex,webgpu] [--steps 12] [--gpu-steps 5]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { start, openPage } from '../tests/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
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

const ctx = await start();
const rows = [];
try {
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
    const perStep = await page.evaluate(async ({ n, names }) => {
      const out = {};
      for (const model of names) {
        await window.playground.train({ model, steps: 2 }); // warm-up: compile kernels, allocate
        const ms = [];
        for (let i = 0; i < n; i++) ms.push((await window.playground.train({ model, steps: 1 })).msPerStep);
        out[model] = ms;
      }
      return out;
    }, { n, names: table.map((m) => m.name) });
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
    rows.push(`${backend}: train ${trainText} (median of ${n}, batch 256); ` +
      `reconstruct one digit (${largest.label}, page round trip) ${median(reconMs).toFixed(2)} ms; first reconstructions ${(firstMs / 1000).toFixed(2)} s after navigation; ` +
      `denoising lab update ${median(labMs).toFixed(1)} ms (change to six panels redrawn, polled each frame)`);
    await page.close();
  }
} finally {
  await ctx.stop();
}

const wasm = fs.readFileSync(path.join(ROOT, 'pkg/autoencoder_playground_bg.wasm'));
const glue = fs.readFileSync(path.join(ROOT, 'pkg/autoencoder_playground.js'));
const dataFiles = ['www/data/mnist-test.bin.gz', 'www/data/mnist-train.bin.gz'].map((f) => fs.statSync(path.join(ROOT, f)).size);
const weights = fs.readdirSync(path.join(ROOT, 'www/models')).filter((f) => f.endsWith('.bpk')).sort()
  .map((f) => [path.basename(f, '.bpk'), fs.readFileSync(path.join(ROOT, 'www/models', f))]);
const size = (n) => (n < 1048576 ? kb(n) : mb(n));
rows.push(`wasm: ${mb(wasm.length)} raw, ${mb(zlib.gzipSync(wasm, { level: 9 }).length)} gzip; JS glue ${kb(glue.length)}`);
rows.push(`data: ${mb(dataFiles[0] + dataFiles[1])} gzip (test ${mb(dataFiles[0])}, training ${mb(dataFiles[1])})`);
rows.push(`weights: ${weights.map(([name, bytes]) => `${name} ${size(bytes.length)} (${size(zlib.gzipSync(bytes).length)} gzip)`).join(', ')}`);
console.log(rows.join('\n'));
