// End to end: the served page in headless Chromium, on the CPU and on WebGPU (SwiftShader
// where the machine has no GPU). Run with: node --test tests/e2e.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start, openPage, gridCells, mse } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** The grid shows test digits and close reconstructions (pixels read off the canvas). */
async function assertReconstructionsClose(page) {
  const [digits, standard, corrupted, denoising] = await gridCells(page);
  const inked = digits.filter((d) => d.some((v) => v > 0.5)).length;
  assert.equal(inked, 12, 'twelve test digits are drawn');
  const errStd = digits.map((d, i) => mse(d, standard[i]));
  const errDen = digits.map((d, i) => mse(d, denoising[i]));
  const errCorrupt = digits.map((d, i) => mse(d, corrupted[i]));
  // Against another digit, the error is far larger: the reconstructions are of these digits.
  const errOther = digits.map((d, i) => mse(d, standard[(i + 1) % 12]));
  const mean = (a) => a.reduce((x, y) => x + y, 0) / a.length;
  assert.ok(mean(errStd) < 0.03, `standard AE mean pixel MSE ${mean(errStd)}`);
  assert.ok(mean(errDen) < 0.03, `denoising AE mean pixel MSE ${mean(errDen)}`);
  assert.ok(mean(errStd) < mean(errOther) / 3, `standard ${mean(errStd)} vs other digit ${mean(errOther)}`);
  assert.ok(mean(errDen) < mean(errCorrupt) / 2, `denoising ${mean(errDen)} vs its corrupted input ${mean(errCorrupt)}`);
}

test('CPU backend: loads without console errors and shows close reconstructions', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  assert.match(await page.textContent('#backend-badge'), /CPU/);
  await assertReconstructionsClose(page);
  // The console API takes 784 values in [0, 1] and gives 784 back in [0, 1]; a vertical
  // bar (a "1") comes back closer to itself than to its inverse.
  const { ok, err, errInverse } = await page.evaluate(async () => {
    const bar = Array.from({ length: 784 }, (_, i) => (i % 28 > 11 && i % 28 < 16 && i > 120 && i < 680 ? 1 : 0));
    const out = Array.from(await window.playground.reconstruct(bar));
    const m = (a, b) => a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length;
    return { ok: out.length === 784 && out.every((v) => v >= 0 && v <= 1), err: m(out, bar), errInverse: m(out, bar.map((v) => 1 - v)) };
  });
  assert.ok(ok);
  assert.ok(err < errInverse / 4, `bar reconstruction error ${err}, against its inverse ${errInverse}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('CPU backend: training from scratch lowers the loss shown on the page', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const result = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 40, fromScratch: true }));
  assert.equal(result.losses.length, 40);
  assert.ok(result.msPerStep > 0);
  const history = await page.evaluate(() => window.playground.history()['standard train']);
  assert.ok(history.length >= 2, 'the chart has points');
  const first = history[0][1], last = history[history.length - 1][1];
  assert.ok(last < first * 0.5, `loss shown went from ${first} to ${last}`);
  const shown = Number(await page.textContent('tr[data-model="standard"] .loss'));
  assert.ok(Math.abs(shown - last) < 1e-3, `table shows ${shown}, chart ends at ${last}`);
  assert.equal(Number(await page.textContent('tr[data-model="standard"] .steps')), 40);
  assert.deepEqual(errors, []);
  await page.close();
});

test('WebGPU backend: loads, reconstructs, and a few steps lower the loss', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  assert.match(await page.textContent('#backend-badge'), /WebGPU/);
  await assertReconstructionsClose(page);
  const result = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 4, fromScratch: true }));
  assert.equal(result.losses.length, 4);
  assert.ok(result.losses[3] < result.losses[0], `losses ${result.losses}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('switching backends keeps the trained models', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 5 }));
  const digit = Array.from({ length: 784 }, (_, i) => ((i * 7919) % 13 === 0 ? 1 : 0));
  const onCpu = await page.evaluate((d) => window.playground.reconstruct(d), digit);
  assert.equal(await page.evaluate(() => window.playground.setBackend('webgpu')), 'webgpu');
  assert.match(await page.textContent('#backend-badge'), /WebGPU/);
  const onGpu = await page.evaluate((d) => window.playground.reconstruct(d), digit);
  const diff = Math.max(...Object.values(onCpu).map((v, i) => Math.abs(v - onGpu[i])));
  assert.ok(diff < 1e-3, `same model on both backends, max difference ${diff}`);
  await assertReconstructionsClose(page);
  assert.equal(await page.evaluate(() => window.playground.setBackend('cpu')), 'cpu');
  // And back again: the GPU device opened first is reused (wgpu cannot open it twice).
  assert.equal(await page.evaluate(() => window.playground.setBackend('webgpu')), 'webgpu');
  const again = await page.evaluate((d) => window.playground.reconstruct(d), digit);
  assert.ok(Math.max(...Object.values(onCpu).map((v, i) => Math.abs(v - again[i]))) < 1e-3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a WebGPU failure falls back to the CPU with a visible notice', async () => {
  const { page } = await openPage(ctx, '?backend=webgpu&gpu=fail');
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  const notice = await page.textContent('.notice.warn');
  assert.match(notice, /WebGPU .*could not start/);
  assert.match(notice, /Falling back to the CPU/);
  assert.ok(await page.isVisible('.notice.warn'));
  await assertReconstructionsClose(page);
  await page.close();
});

test('auto mode without WebGPU picks the CPU and says why', async () => {
  const { page, errors } = await openPage(ctx, '?gpu=fail');
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  assert.match(await page.textContent('#notices'), /no WebGPU/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a bad weights upload is refused and the model is kept', async () => {
  const { page } = await openPage(ctx, '?backend=cpu');
  const before = await gridCells(page);
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aep-')), 'standard.bpk');
  fs.writeFileSync(bad, 'this is not a weights file');
  await page.setInputFiles('#upload', bad);
  await page.waitForSelector('.notice.error');
  assert.match(await page.textContent('.notice.error'), /was not loaded.*unchanged/);
  const afterCells = await gridCells(page);
  assert.deepEqual(afterCells[1], before[1], 'the standard reconstructions are unchanged');
  await assertReconstructionsClose(page);
  await page.close();
});
