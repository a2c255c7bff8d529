// Bring your own, in headless Chromium: Fashion-MNIST trains and shows in every view (and the page
// says where a model is shown what it never learnt); ten drawings drawn with the mouse make a
// data set that trains a model, works in the latent lab and survives a reload; pictures (a
// folder whose sub-folders name the classes) join it and bad ones are refused by name; a model
// trained in PyTorch loads through the upload and matches PyTorch's outputs to 1e-5 (CPU and
// WebGPU); the page's export follows the safetensors format with the notebook's names; bad
// notebook files are refused with their reason and change nothing.
// Run with: node --test tests/datasets.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { start, openPage, stroke, latentLabReady } from './browser.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const NOTEBOOK = fs.readFileSync(path.join(ROOT, 'tests/fixtures/notebook/notebook-d30.safetensors'));

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** The first `n` MNIST test digits as values in [0, 1], and PyTorch's reconstructions of them in [-1, 1]. */
function pytorchCase(fixture) {
  const bytes = fs.readFileSync(path.join(ROOT, 'tests/fixtures/notebook', fixture));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(4, true);
  const outputs = Array.from({ length: n * 784 }, (_, i) => view.getFloat32(8 + 4 * n + 4 * i, true));
  const test = zlib.gunzipSync(fs.readFileSync(path.join(ROOT, 'www/data/mnist-test.bin.gz')));
  const pixels = Array.from(test.subarray(8, 8 + n * 784), (v) => v / 255);
  return { pixels, outputs };
}

/** The largest difference between the page's reconstructions (in [0, 1]) and PyTorch's (in [-1, 1]), on the [-1, 1] scale. */
async function largestDifference(page, model, fixture) {
  const { pixels, outputs } = pytorchCase(fixture);
  const got = await page.evaluate(async ({ pixels, model }) => Array.from(await window.playground.reconstruct(pixels, model)), { pixels, model });
  return got.reduce((m, v, i) => Math.max(m, Math.abs(v * 2 - 1 - outputs[i])), 0);
}

const names = (page) => page.evaluate(() => window.playground.models().map((m) => m.name));
const lastNotice = (page) => page.evaluate(() => [...document.querySelectorAll('#notices .notice')].map((n) => n.textContent).pop() ?? '');

/**
 * Uploads a file through an input and waits for a new notice.
 * @param {string} input the input's selector
 */
async function upload(page, input, files) {
  const before = await page.$$eval('#notices .notice', (n) => n.length);
  await page.setInputFiles(input, files);
  await page.waitForFunction((n) => document.querySelectorAll('#notices .notice').length > n, before, { timeout: 60_000 });
  return lastNotice(page);
}

test('Fashion-MNIST: the switch gives every view its images, the page says what the models never learnt, a model trains on it', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  const gridDraws = await page.$eval('#recon-grid', (c) => Number(c.dataset.updated));
  const before = await page.evaluate(() => window.playground.evaluate({ model: 'standard', limit: 1000 }));
  await page.selectOption('#dataset-select', 'fashion');
  await page.waitForFunction(() => /Fashion-MNIST/.test(document.getElementById('grid-heading').textContent), null, { timeout: 60_000 });
  await page.waitForFunction((n) => Number(document.getElementById('recon-grid').dataset.updated) > n, gridDraws);
  await latentLabReady(page);
  assert.match(page.url(), /data=fashion/);
  assert.match(await page.textContent('#data-mismatch'), /standard AE \(d=30\), denoising AE \(d=500\) learnt MNIST digits, and these are Fashion-MNIST clothes/);
  assert.equal(await page.$eval('#anomaly-mismatch', (e) => e.hidden), false);
  // Every view holds Fashion-MNIST: the test score, the latent map's 2,000 points, super-resolution.
  const onFashion = await page.evaluate(() => window.playground.evaluate({ model: 'standard', limit: 1000 }));
  assert.ok(onFashion.psnr < before.psnr - 3, `MNIST ${before.psnr} dB, Fashion ${onFashion.psnr} dB`);
  assert.equal((await page.evaluate(() => window.playground.latent())).map.points, 2000);
  // Trained on Fashion-MNIST, the standard model restores it better and is no longer named in the note.
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 60 }));
  const trained = await page.evaluate(() => window.playground.evaluate({ model: 'standard', limit: 1000 }));
  assert.ok(trained.psnr > onFashion.psnr + 1, `before ${onFashion.psnr} dB, after ${trained.psnr} dB`);
  await page.waitForFunction(() => !/standard AE/.test(document.getElementById('data-mismatch').textContent));
  assert.match(await page.textContent('#data-mismatch'), /denoising AE \(d=500\) learnt MNIST digits/);
  // A link to this view opens on Fashion-MNIST.
  const again = await openPage(ctx, '?backend=cpu&data=fashion');
  await again.page.waitForFunction(() => /Fashion-MNIST/.test(document.getElementById('grid-heading').textContent), null, { timeout: 120_000 });
  assert.equal(await again.page.$eval('#dataset-select', (s) => s.value), 'fashion');
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
});

/** Draws one stroke on the sketch pad through `points` (in the pad's 280 × 280 pixels). */
const drawOnPad = (page, points) => stroke(page, '#sketch', points.map(([x, y]) => [x / 280, y / 280]));

test('ten drawings make a data set: it trains a model, the latent lab works on it, and it survives a reload', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  /** @type {string[]} the lab's digit of each drawing added, as the set stores it */
  const drawn = [];
  for (let i = 0; i < 10; i++) {
    await page.click('#sketch-clear');
    // Five bars leaning different ways (class '1') and five rings (class 'ring').
    if (i % 2 === 0) await drawOnPad(page, [[140 + 10 * i - 40, 50], [140 - 10 * i + 40, 230]]);
    else await drawOnPad(page, Array.from({ length: 13 }, (_, k) => [140 + (60 + i * 3) * Math.cos(k * Math.PI / 6), 140 + 80 * Math.sin(k * Math.PI / 6)]));
    await page.fill('#own-class', i % 2 === 0 ? '1' : 'ring');
    // Added at once, while the lab may still be busy with the clear, the stroke or the page's
    // first views: the page waits for the lab's digit of the drawing on the pad.
    await page.click('#own-add-drawing');
    await page.waitForFunction((n) => new RegExp(`: ${n} image`).test(document.getElementById('own-summary').textContent), i + 1, { timeout: 120_000 });
    drawn.push(await page.evaluate(() => Array.from(window.playground.lab().digit, (v) => Math.round(v * 255)).join()));
  }
  assert.match(await page.textContent('#own-summary'), /10 image\(s\) in the classes 1 \(5\), ring \(5\)/);
  // Each image kept is the drawing that was on the pad when it was added: ten different ones.
  const kept = await page.evaluate(() => window.playground.ownData());
  assert.equal(new Set(drawn).size, 10);
  for (let i = 0; i < 10; i++) assert.equal(kept.pixels.slice(i * 784, (i + 1) * 784).join(), drawn[i], `image ${i}`);
  await page.click('#own-use');
  await page.waitForFunction(() => /your own/.test(document.getElementById('grid-heading').textContent), null, { timeout: 60_000 });
  await latentLabReady(page);
  const start = await page.evaluate(() => window.playground.evaluate({ model: 'standard', limit: 10 }));
  assert.equal(start.digits, 10);
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 100 }));
  const trained = await page.evaluate(() => window.playground.evaluate({ model: 'standard', limit: 10 }));
  assert.ok(trained.mse < start.mse, `MSE ${start.mse} → ${trained.mse}`);
  await latentLabReady(page);
  const latent = await page.evaluate(() => window.playground.latent());
  assert.equal(latent.map.points, 10);
  // The interpolation runs between two of the set's images (its gallery: the first two of each class).
  assert.equal(latent.interpolation.latent, 30);
  assert.equal(latent.interpolation.decoded.length, latent.interpolation.frames * 784);
  assert.equal(await page.$eval('#latent-error', (e) => e.textContent), '');
  // The set stays in the browser.
  const reloaded = await openPage(ctx, '?backend=cpu&data=own');
  await reloaded.page.waitForFunction(() => /your own/.test(document.getElementById('grid-heading').textContent), null, { timeout: 120_000 });
  assert.match(await reloaded.page.textContent('#own-summary'), /10 image\(s\)/);
  assert.deepEqual([...errors, ...reloaded.errors], []);
  await reloaded.page.close();
  await page.close();
});

test('pictures join the set (a folder names the classes); bad ones are refused by name and change nothing', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  await page.evaluate(() => document.getElementById('own-clear').click());
  // PNGs made by the browser: dark circles and squares on light paper, of several sizes.
  const pngs = await page.evaluate(async () => {
    const make = async (kind, w, h) => {
      const c = new OffscreenCanvas(w, h);
      const g = c.getContext('2d');
      g.fillStyle = '#f4f1ea'; g.fillRect(0, 0, w, h);
      g.fillStyle = '#202020';
      if (kind === 'circle') { g.beginPath(); g.arc(w / 2, h / 2, Math.min(w, h) / 3, 0, 7); g.fill(); } else g.fillRect(w / 4, h / 4, w / 2, h / 2);
      return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
    };
    return { circle: [await make('circle', 64, 64), await make('circle', 900, 600)], square: [await make('square', 50, 80), await make('square', 300, 300)] };
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-shapes-'));
  const folder = path.join(dir, 'shapes');
  for (const [kind, files] of Object.entries(pngs)) {
    fs.mkdirSync(path.join(folder, kind), { recursive: true });
    files.forEach((bytes, i) => fs.writeFileSync(path.join(folder, kind, `${i}.png`), Buffer.from(bytes)));
  }
  await page.setInputFiles('#own-folder', folder);
  await page.waitForFunction(() => /4 image/.test(document.getElementById('own-summary').textContent), null, { timeout: 60_000 });
  assert.match(await page.textContent('#own-summary'), /circle \(2\)/);
  assert.match(await page.textContent('#own-summary'), /square \(2\)/);
  fs.rmSync(dir, { recursive: true, force: true });
  const [huge, blank] = await page.evaluate(async () => Promise.all([[8000, 6000], [100, 100]].map(async ([w, h]) => {
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext('2d');
    g.fillStyle = '#808080';
    g.fillRect(0, 0, w, h);
    if (w > 1000) g.clearRect(10, 10, 20, 20);
    return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/png' })).arrayBuffer()));
  })));
  const notice = await upload(page, '#own-files', [
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are notes, not a picture') },
    { name: 'empty.png', mimeType: 'image/png', buffer: Buffer.alloc(0) },
    { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.from(huge) },
    { name: 'blank.png', mimeType: 'image/png', buffer: Buffer.from(blank) },
  ]);
  assert.match(notice, /notes\.png: is not an image the browser can read/);
  assert.match(notice, /empty\.png: is empty/);
  assert.match(notice, /huge\.png: is 8000 × 6000 pixels/);
  assert.match(notice, /blank\.png: the image is blank/);
  assert.match(await page.textContent('#own-summary'), /4 image/);
  assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
  await page.close();
});

/**
 * A safetensors file: a little-endian header length, the JSON header, the tensors' bytes.
 * @param {Record<string, {dtype: string, shape: number[], data: Buffer}>} tensors
 */
function safetensors(tensors) {
  const header = {};
  let at = 0;
  for (const [name, t] of Object.entries(tensors)) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [at, at + t.data.length] };
    at += t.data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([length, json, ...Object.values(tensors).map((t) => t.data)]);
}

/** The header of a safetensors file: {name: {dtype, shape, data_offsets}, __metadata__}. */
function header(bytes) {
  const n = Number(Buffer.from(bytes).readBigUInt64LE(0));
  return { n, header: JSON.parse(Buffer.from(bytes).subarray(8, 8 + n).toString('utf8')) };
}

test('notebook files: a PyTorch model loads through the upload and matches PyTorch; the export follows the format; bad files change nothing', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  await latentLabReady(page);
  const draws = await page.$eval('#recon-grid', (c) => Number(c.dataset.updated));
  assert.match(await upload(page, '#upload', { name: 'notebook-d30.safetensors', mimeType: 'application/octet-stream', buffer: NOTEBOOK }), /Loaded notebook-d30\.safetensors: the notebook-d30 \(d=30\) model/);
  assert.deepEqual(await names(page), ['standard', 'denoising', 'notebook-d30']);
  await page.waitForFunction((n) => Number(document.getElementById('recon-grid').dataset.updated) > n, draws);
  const diff = await largestDifference(page, 'notebook-d30', 'notebook-d30-pytorch.bin');
  assert.ok(diff <= 1e-5, `the page and PyTorch differ by ${diff}`);

  // The export (of the f32 weights the fixture script exported; the page starts on their 8-bit
  // copy): the notebook's names, float32, PyTorch's [out, in], the bytes where the header says.
  assert.match(await upload(page, '#upload', { name: 'standard.bpk', mimeType: 'application/octet-stream', buffer: fs.readFileSync(path.join(ROOT, 'www/models/standard.bpk')) }), /Loaded standard\.bpk/);
  const exported = await page.evaluate(async () => Array.from(await window.playground.exportNotebook('standard')));
  const { n, header: h } = header(exported);
  assert.deepEqual(Object.keys(h).filter((k) => k !== '__metadata__').sort(), ['decoder.0.bias', 'decoder.0.weight', 'encoder.0.bias', 'encoder.0.weight']);
  const shapes = { 'encoder.0.weight': [30, 784], 'encoder.0.bias': [30], 'decoder.0.weight': [784, 30], 'decoder.0.bias': [784] };
  let end = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    assert.equal(h[name].dtype, 'F32', name);
    assert.deepEqual(h[name].shape, shape, name);
    assert.equal(h[name].data_offsets[1] - h[name].data_offsets[0], 4 * shape.reduce((a, b) => a * b, 1), name);
    end = Math.max(end, h[name].data_offsets[1]);
  }
  assert.equal(exported.length, 8 + n + end);
  assert.equal(JSON.parse(h.__metadata__['autoencoder_playground.recipe']).name, 'standard');
  // PyTorch's outputs with this export (fixture script: load_state_dict(strict=True)) are the page's.
  assert.ok(await largestDifference(page, 'standard', 'page-standard-pytorch.bin') <= 1e-5);

  // Named after a model, the file goes into it: the standard model back after some training.
  const digit = pytorchCase('page-standard-pytorch.bin').pixels.slice(0, 784);
  const original = await page.evaluate(async (d) => Array.from(await window.playground.reconstruct(d, 'standard')), digit);
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.notDeepEqual(await page.evaluate(async (d) => Array.from(await window.playground.reconstruct(d, 'standard')), digit), original);
  assert.match(await upload(page, '#upload', { name: 'standard.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(exported) }), /Loaded standard\.safetensors into the standard autoencoder/);
  assert.deepEqual(await page.evaluate(async (d) => Array.from(await window.playground.reconstruct(d, 'standard')), digit), original);

  // Bad files: each refused with its reason; the table and the standard model unchanged.
  const f32 = (count, value = 0.01) => { const b = Buffer.alloc(4 * count); for (let i = 0; i < count; i++) b.writeFloatLE(value, 4 * i); return b; };
  const good = { 'encoder.0.weight': { dtype: 'F32', shape: [7, 784], data: f32(7 * 784) }, 'encoder.0.bias': { dtype: 'F32', shape: [7], data: f32(7) },
    'decoder.0.weight': { dtype: 'F32', shape: [784, 7], data: f32(784 * 7) }, 'decoder.0.bias': { dtype: 'F32', shape: [784], data: f32(784) } };
  const { ['decoder.0.weight']: _, ...missing } = good;
  const nan = { ...good, 'encoder.0.bias': { dtype: 'F32', shape: [7], data: f32(7, NaN) } };
  const wrong = { ...good, 'decoder.0.bias': { dtype: 'F32', shape: [783], data: f32(783) } };
  const cases = [
    ['cut.safetensors', NOTEBOOK.subarray(0, NOTEBOOK.length - 1000), /cut short/],
    ['missing.safetensors', safetensors(missing), /no tensor 'decoder\.0\.weight'/],
    ['nan.safetensors', safetensors(nan), /'encoder\.0\.bias' holds a weight that is not a finite number/],
    ['shape.safetensors', safetensors(wrong), /'decoder\.0\.bias' has the shape \[783\]/],
    ['denoising.safetensors', NOTEBOOK, /d = 30, the denoising model d = 500/],
  ];
  const table = await names(page);
  const kept = await page.evaluate(async (d) => Array.from(await window.playground.reconstruct(d, 'standard')), digit);
  for (const [name, buffer, reason] of cases) {
    const notice = await upload(page, '#upload', { name, mimeType: 'application/octet-stream', buffer });
    assert.match(notice, reason, name);
    assert.match(notice, /not loaded/, name);
  }
  assert.deepEqual(await names(page), table);
  assert.deepEqual(await page.evaluate(async (d) => Array.from(await window.playground.reconstruct(d, 'standard')), digit), kept);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a notebook file on WebGPU matches PyTorch too', async () => {
  const { page, errors } = await openPage(ctx, '?backend=webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  const spec = await page.evaluate(async (bytes) => window.playground.importModel(bytes, 'notebook.safetensors'), Array.from(NOTEBOOK));
  assert.equal(spec.name, 'notebook');
  const diff = await largestDifference(page, 'notebook', 'notebook-d30-pytorch.bin');
  assert.ok(diff <= 1e-5, `WebGPU and PyTorch differ by ${diff}`);
  assert.deepEqual(errors, []);
  await page.close();
});
