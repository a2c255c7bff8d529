// The model builder in headless Chromium: the equations render as MathML; a model built from
// the controls trains in the training panel, its kernels redraw while it trains, and it shows
// in the reconstruction grid, the denoising lab and the latent lab; a refused recipe changes
// nothing; a built model survives a backend switch and leaves when removed; the kernels of the
// two shipped models tell figures 22 and 23 apart; the same on WebGPU with a few steps.
// Run with: node --test tests/builder.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const kernelDraws = (page) => page.$eval('#kernels', (c) => Number(c.dataset.updated || 0));
const names = (page) => page.evaluate(() => window.playground.models().map((m) => m.name));

test('the equations render as MathML, each with its TeX', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const maths = await page.$$eval('#builder [data-equation]', (els) => els.map((e) => ({
    key: e.dataset.equation, math: e.querySelectorAll('math').length, tex: e.querySelector('annotation[encoding="application/x-tex"]')?.textContent ?? '',
  })));
  assert.ok(maths.length >= 7, `${maths.length} equations`);
  for (const m of maths) assert.ok(m.math === 1 && m.tex.length > 5, `${m.key} rendered`);
  assert.ok(maths.find((m) => m.key === 'contractive').tex.includes('\\lambda'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the kernels of the shipped models: the standard keeps its start on empty pixels, the denoising fades', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  // The builder scores and draws once the student scrolls to it.
  assert.equal(await page.$eval('#kernels', (c) => c.dataset.updated ?? ''), '', 'nothing computed off screen');
  await page.locator('#builder').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => Number(document.getElementById('kernels').dataset.updated || 0) > 0);
  const standard = await page.evaluate(() => window.playground.kernels('standard'));
  assert.equal(standard.units.length, 30);
  assert.ok(Math.abs(standard.rareSpread / standard.initSpread - 1) < 0.05, `standard ${standard.rareSpread}`);
  assert.match(await page.textContent('#kernel-stats'), /all 30 kernels.*keep their random start/);
  // The kernels' key runs over their weights' range, ±the largest |weight| shown.
  const key = await page.$eval('#kernels-key', (c) => ({ ...c.dataset }));
  assert.ok(Math.abs(Number(key.to) - standard.scale) < 1e-6 && Number(key.from) === -Number(key.to), JSON.stringify(key));
  // The first kernel is shown enlarged; a click on the fourth tile enlarges that one.
  assert.equal(await page.$eval('#kernel-zoom', (c) => c.dataset.unit), String(standard.units[0]));
  await page.click('#kernels', { position: { x: 3 * 58 + 28, y: 28 } });
  await page.waitForFunction((u) => document.getElementById('kernel-zoom').dataset.unit === u, String(standard.units[3]));
  await page.selectOption('#kernel-model', 'denoising');
  await page.waitForFunction(() => /denoising/.test(document.getElementById('kernel-stats').textContent));
  assert.match(await page.textContent('#kernel-stats'), /64 of its 500 kernels.*fade/);
  assert.match(page.url(), /kernels=denoising/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a built model trains live, redraws its kernels, and joins every view; refusals change nothing', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&buildLatent=10');
  assert.equal(await page.$eval('#build-latent', (s) => s.value), '10');
  // Refused: BCE on [-1, 1] pixels.
  await page.selectOption('#build-loss', 'bce');
  await page.click('#build');
  await page.waitForFunction(() => document.getElementById('build-error').textContent !== '');
  assert.match(await page.textContent('#build-error'), /needs pixels in \[0, 1\]/);
  assert.deepEqual(await names(page), ['standard', 'denoising']);
  // Built: BCE on [0, 1], tied, with a contractive penalty; trained one epoch by the panel.
  await page.selectOption('#build-scale', 'unit');
  await page.check('#build-tied');
  await page.fill('#build-lambda', '0.01');
  await page.dispatchEvent('#build-lambda', 'change');
  await page.fill('#build-name', 'tiny');
  const before = await kernelDraws(page);
  await page.click('#build-train');
  await page.waitForFunction(() => /last run: tiny/.test(document.getElementById('last-run').textContent), null, { timeout: 120000 });
  assert.equal(await page.textContent('#build-error'), '');
  const models = await page.evaluate(() => window.playground.models());
  const tiny = models.find((m) => m.name === 'tiny');
  assert.deepEqual([tiny.latent, tiny.tied, tiny.scale, tiny.loss, tiny.contractive], [10, true, 'unit', 'bce', 0.01]);
  assert.ok(await kernelDraws(page) >= before + 2, 'the kernels were redrawn while it trained');
  assert.match(await page.textContent('#kernel-stats'), /tiny \(d=10\): all 10 kernels/);
  // Every view has it.
  await page.waitForFunction(() => /dB/.test(document.querySelector('#model-table tr[data-row="tiny"] .psnr')?.textContent ?? ''));
  assert.match(await page.textContent('#model-table tr[data-row="tiny"] .bce'), /^\d\.\d{4} \(H = 0\.\d{3}\)$/);
  assert.ok(await page.$('#latent-model option[value="tiny"]'), 'the latent lab offers it');
  assert.ok(await page.$('#model-select option[value="tiny"]'), 'the training panel offers it');
  await page.waitForFunction(() => window.playground.lab()?.restorations.some((r) => r.model === 'tiny'));
  assert.ok(await page.$('#denoising-lab figure[data-panel="tiny-pasted"], #denoising-lab figure[data-panel="tiny"]'), 'the denoising lab shows it');
  const grid = await page.$eval('#recon-grid', (c) => c.height);
  // It moves to another backend with its weights, and leaves when removed.
  const psnr = () => page.evaluate(() => window.playground.evaluate({ model: 'tiny', limit: 100 }).then((e) => e.psnr));
  const onCpu = await psnr();
  await page.evaluate(() => window.playground.setBackend('flex'));
  assert.deepEqual(await names(page), ['standard', 'denoising', 'tiny']);
  const onFlex = await psnr();
  assert.ok(Math.abs(onFlex - onCpu) < 0.01, `the same weights: ${onCpu} dB on the CPU, ${onFlex} dB on flex`);
  // Saved as a model file, removed, and uploaded again: the same model, the same weights.
  const file = await page.evaluate(async () => Array.from(await window.playground.exportModel('tiny')));
  const codes = () => page.evaluate(async () => Array.from(await window.playground.encode(window.playground.lab().digit, 'tiny')));
  const codesBefore = await codes();
  await page.click('#model-table tr[data-row="tiny"] button:has-text("Remove")');
  await page.waitForFunction(() => !document.querySelector('#latent-model option[value="tiny"]'));
  assert.deepEqual(await names(page), ['standard', 'denoising']);
  await page.setInputFiles('#upload', { name: 'tiny.aepm', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await page.waitForFunction(() => document.querySelector('#latent-model option[value="tiny"]'));
  await page.waitForFunction(() => /Loaded tiny\.aepm: the tiny \(d=10\) model/.test(document.getElementById('notices').textContent));
  assert.deepEqual(await codes(), codesBefore);
  // A broken model file changes nothing and says why.
  await page.setInputFiles('#upload', { name: 'broken.aepm', mimeType: 'application/octet-stream', buffer: Buffer.from(file.slice(0, 30)) });
  await page.waitForFunction(() => /broken\.aepm was not loaded/.test(document.getElementById('notices').textContent));
  assert.deepEqual(await names(page), ['standard', 'denoising', 'tiny']);
  await page.click('#model-table tr[data-row="tiny"] button:has-text("Remove")');
  await page.waitForFunction(() => !document.querySelector('#latent-model option[value="tiny"]'));
  await page.waitForFunction((h) => document.getElementById('recon-grid').height < h, grid);
  assert.deepEqual(errors, []);
  await page.close();
});

test('on WebGPU: a built model trains a few steps and shows its kernels', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  const spec = await page.evaluate(() => window.playground.build({
    name: 'gpu-linear', latent: 5, activation: 'linear', tied: true, scale: 'symmetric', loss: 'mse', corruption: { kind: 'gaussian', sigma: 0.2 }, contractive: 0,
  }));
  assert.equal(spec.label, 'gpu-linear (d=5)');
  const run = await page.evaluate(() => window.playground.train({ model: 'gpu-linear', steps: 3 }));
  assert.equal(run.losses.length, 3);
  assert.ok(run.losses.every((l) => Number.isFinite(l) && l > 0));
  const k = await page.evaluate(() => window.playground.kernels('gpu-linear'));
  assert.equal(k.weights.length, 5 * 784);
  assert.deepEqual(errors, []);
  await page.close();
});

test('capacity, PCA and memorisation: the sweep plots both data sets, a linear tied model meets PCA, a wide model memorises 32 digits', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&sweepSteps=10');
  await page.locator('#builder').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => /training digits ink \d+ at least once/.test(document.getElementById('ink-line').textContent));
  // The sweep: one point per hidden size on each line, and the models it trained are gone.
  await page.click('#sweep');
  await page.waitForFunction(() => /^done/.test(document.getElementById('sweep-status').textContent), null, { timeout: 300000 });
  const sizes = await page.$$eval('#build-latent option', (os) => os.length);
  assert.equal(await page.$eval('#sweep-chart', (c) => Number(c.dataset.points)), 2 * sizes);
  assert.match(await page.textContent('#sweep-legend'), /Gap \(selectivity\): d=2: -?\d+\.\d dB/);
  // Where the digits' curve flattens, or that it still rises: one of the two, from its points.
  const knee = await page.$eval('#sweep-legend', (l) => l.dataset.knee);
  assert.ok(['sweep.knee', 'sweep.noKnee'].includes(knee), knee);
  assert.match(await page.textContent('#sweep-legend'), knee === 'sweep.knee' ? /Past d = \d+, each larger code gains less than 1 dB/ : /still rises by -?[\d.]+ dB at d = \d+/);
  assert.deepEqual(await names(page), ['standard', 'denoising']);
  // PCA against a linear tied model trained 20 epochs here: the same subspace, nearly the same PSNR.
  await page.click('[data-preset="pca"]');
  await page.fill('#build-name', 'pca-30');
  await page.click('#build');
  await page.waitForFunction(() => window.playground.models().some((m) => m.name === 'pca-30'));
  await page.evaluate(() => window.playground.train({ model: 'pca-30', steps: 940 }));
  await page.selectOption('#pca-model', 'pca-30');
  await page.click('#pca');
  await page.waitForFunction(() => document.getElementById('pca-result').dataset.overlap);
  const pca = await page.evaluate(() => window.playground.pca('pca-30'));
  assert.ok(pca.overlap > 0.8, `overlap ${pca.overlap}`);
  assert.ok(pca.pcaPsnr - pca.modelPsnr < 1, `PCA ${pca.pcaPsnr} dB, model ${pca.modelPsnr} dB`);
  assert.match(await page.textContent('#pca-result'), /PCA with k = 30 components .* Subspace overlap 0\.\d{3}/);
  // Memorisation: d = 1000 on 32 digits.
  await page.click('[data-preset="memorise"]');
  assert.equal(await page.$eval('#build-digits', (s) => s.value), '32');
  await page.fill('#build-name', 'memo');
  await page.click('#build');
  await page.waitForFunction(() => window.playground.models().some((m) => m.name === 'memo'));
  await page.evaluate(() => window.playground.train({ model: 'memo', steps: 150 }));
  const memo = await page.evaluate(() => window.playground.evaluate({ model: 'memo', limit: 1000 }));
  assert.equal(memo.trainDigits, 32);
  assert.ok(memo.trainPsnr > memo.psnr + 5, `train ${memo.trainPsnr} dB, test ${memo.psnr} dB`);
  assert.deepEqual(errors, []);
  await page.close();
});
