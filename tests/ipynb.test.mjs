// "Open as a notebook" in headless Chromium: a model of the table goes out as a runnable
// notebook (src/ipynb.rs) on the CPU and on WebGPU, in English and Portuguese, with the page's
// own test figures written in it. That the notebook runs in PyTorch and prints those figures
// again is checked natively against the notebooks PyTorch ran (tests/ipynb.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** The page's figures a notebook carries (its `PAGE = {...}` line). */
function pageFigures(notebook) {
  const text = notebook.cells.map((c) => c.source.join('')).join('\n');
  const m = /^PAGE = \{'mse': ([0-9.]+), 'psnr': ([0-9.]+), 'digits': (\d+)\}/m.exec(text);
  assert.ok(m, 'the notebook holds the page\'s figures');
  return { mse: Number(m[1]), psnr: Number(m[2]), digits: Number(m[3]), text };
}

test('the button downloads the selected model as a notebook with the page\'s figures (CPU, English)', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu&lesson=training');
  await page.selectOption('#upload-model', 'denoising');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('#download-ipynb')]);
  assert.equal(download.suggestedFilename(), 'denoising.ipynb');
  const notebook = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(notebook.nbformat, 4);
  assert.equal(notebook.metadata.autoencoder_playground.model, 'denoising');
  const figures = pageFigures(notebook);
  assert.match(figures.text, /datasets\.MNIST\('data', train=False/);
  assert.match(figures.text, /self\.encoder = nn\.Sequential\(nn\.Linear\(n, d\), nn\.Tanh\(\)\)/);
  assert.match(figures.text, /^n, d = 28 \* 28, 500$/m);
  assert.match(figures.text, /do = nn\.Dropout\(P\)/);
  assert.match(figures.text, /^## The data$/m);
  // The figures written in it are the page's own, on every test digit.
  const e = await page.evaluate(() => window.playground.evaluate({ model: 'denoising', limit: 10000 }));
  assert.equal(figures.digits, e.digits);
  assert.ok(Math.abs(figures.psnr - e.psnr) < 1e-4, `${figures.psnr} against ${e.psnr}`);
  assert.ok(Math.abs(figures.mse - e.mse) < 1e-6, `${figures.mse} against ${e.mse}`);
  await page.waitForFunction(() => /the notebook of denoising is downloaded \(\d+[.,]\d MB\)/.test(document.getElementById('notices').textContent));
  assert.equal(await page.$eval('#download-ipynb', (b) => b.disabled), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('from the console on WebGPU, in Portuguese: the notebook follows the page\'s language; a wrong model is refused', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu&lang=pt');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  const text = await page.evaluate(() => window.playground.exportIpynb('standard'));
  const notebook = JSON.parse(text);
  const figures = pageFigures(notebook);
  assert.match(figures.text, /^## Os dados$/m);
  assert.match(figures.text, /^n, d = 28 \* 28, 30$/m);
  assert.equal(figures.digits, 10000);
  // The figures the native CPU backend computes for it (recorded by make-ipynb-fixtures), to
  // the rounding of two backends.
  const native = JSON.parse(fs.readFileSync(new URL('./fixtures/ipynb/figures.json', import.meta.url), 'utf8')).standard.page;
  assert.ok(Math.abs(figures.psnr - native.psnr) < 0.01, `WebGPU ${figures.psnr} dB, the CPU ${native.psnr} dB`);
  const refused = await page.evaluate(() => window.playground.exportIpynb('nenhum').then(() => 'exported', (e) => e.message));
  assert.match(refused, /unknown model 'nenhum'/);
  assert.deepEqual(errors, []);
  await page.close();
});
