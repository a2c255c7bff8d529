// The latent lab in headless Chromium: interpolation strips, the energy animation, the
// anomaly gauge, the latent map and compression, on the CPU and on WebGPU.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage, mse, latentLabReady } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const count = (page, id, key = 'runs') => page.evaluate(([i, k]) => Number(document.getElementById(i).dataset[k] || 0), [id, key]);
const waitCount = (page, id, since, key = 'runs', timeout = 120_000) =>
  page.waitForFunction(([i, k, n]) => Number(document.getElementById(i).dataset[k] || 0) > n, [id, key, since], { timeout });

async function openLatentLab(query) {
  const opened = await openPage(ctx, query);
  await latentLabReady(opened.page);
  return opened;
}

/** Frame `column` of row `row` of the interpolation strips, as 784 values in [0, 1]. */
function stripFrame(page, row, column) {
  return page.evaluate(([r, i]) => {
    const c = document.getElementById('strips');
    const ratio = c.width / parseFloat(c.style.width);
    const scale = 2, cell = 56, gap = 4, labelWidth = 100;
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const px = [];
    for (let y = 0; y < 28; y++) for (let x = 0; x < 28; x++) {
      const cx = Math.floor((labelWidth + i * (cell + gap) + x * scale + 1) * ratio);
      const cy = Math.floor((r * (cell + gap) + y * scale + 1) * ratio);
      px.push(data[4 * (cy * c.width + cx)] / 255);
    }
    return px;
  }, [row, column]);
}

/** How many pixels of a canvas are lit (red channel above 40). */
const litPixels = (page, selector) => page.$eval(selector, (c) => {
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) if (d[i] > 40) n++;
  return n;
});

/** Switches the latent lab's model and waits until every view has redrawn with it. */
async function chooseModel(page, model) {
  if (await page.$eval('#latent-model', (s) => s.value) === model) return;
  await page.selectOption('#latent-model', model);
  await latentLabReady(page);
}

const setRange = (page, selector, value) => page.evaluate(([s, v]) => {
  const input = document.querySelector(s);
  input.value = String(v);
  input.dispatchEvent(new Event('input'));
  input.dispatchEvent(new Event('change'));
}, [selector, value]);

test('interpolation strips render, the latent row differs from the pixel row, swap and frames work', async () => {
  const { page, errors } = await openLatentLab('?backend=cpu');
  const { a, b, frames } = await page.evaluate(() => window.playground.latent().interpolation);
  assert.equal(frames, 8);
  // The pixel strip starts at A and ends at B, read off the canvas.
  assert.ok(mse(await stripFrame(page, 0, 0), Object.values(a)) < 1e-3);
  assert.ok(mse(await stripFrame(page, 0, 7), Object.values(b)) < 1e-3);
  // Halfway, the two rows show different images: two ghosts against one decoded digit.
  const gap = mse(await stripFrame(page, 0, 4), await stripFrame(page, 1, 4));
  assert.ok(gap > 0.004, `pixel and latent frames differ by MSE ${gap}`);
  // Both rows end near the same digits: the latent row at decode(encode(A)).
  assert.ok(mse(await stripFrame(page, 1, 0), Object.values(a)) < 0.06);

  let n = await count(page, 'interpolation', 'renders');
  await page.click('#swap');
  await waitCount(page, 'interpolation', n, 'renders');
  assert.ok(mse(await stripFrame(page, 0, 0), Object.values(b)) < 1e-3, 'after swap the strip starts at the old B');

  n = await count(page, 'interpolation', 'renders');
  await setRange(page, '#frames', 12);
  await waitCount(page, 'interpolation', n, 'renders');
  assert.equal(await page.evaluate(() => window.playground.latent().interpolation.frames), 12);
  assert.match(page.url(), /frames=12/);

  n = await count(page, 'interpolation', 'renders');
  await page.click('#random-pair');
  await waitCount(page, 'interpolation', n, 'renders');
  const pair = await page.evaluate(() => window.playground.latent().interpolation);
  assert.ok(mse(Object.values(pair.a), Object.values(pair.b)) > 0.01, 'a random pair of two different digits');

  // Compression: fewer bits per code number, a worse reconstruction.
  const psnrAt = async (bits) => {
    const k = await count(page, 'compression');
    await setRange(page, '#bits', bits);
    await waitCount(page, 'compression', k);
    return parseFloat(await page.textContent('#compression-outputs figure[data-panel="2"] .score'));
  };
  const fine = await psnrAt(8);
  const coarse = await psnrAt(1);
  assert.ok(coarse < fine - 1, `1 bit ${coarse} dB against 8 bits ${fine} dB`);
  assert.match(await page.textContent('#compression-text'), /30 numbers/);
  // The code against what the digit takes as a file, not against 784 raw bytes: a PNG and a
  // gzip of a digit are smaller than the raw image, and the page says their sizes.
  const files = await page.$eval('#compression', (el) => JSON.parse(el.dataset.files));
  assert.ok(files.png > 0 && files.png < 784 && files.gzip > 0 && files.gzip < 784, JSON.stringify(files));
  const text = await page.textContent('#compression-text');
  assert.ok(text.includes(`${files.png} bytes as a grey PNG and ${files.gzip} gzipped`), text);
  const code = (30 * 1) / 8;
  const smaller = Math.min(files.png, files.gzip);
  assert.ok(text.includes(`${(smaller / code).toFixed(1)}× smaller than the smaller of those files`), text);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the energy animation runs and ends with a lower energy', async () => {
  const { page, errors } = await openLatentLab('?backend=cpu&iterations=40');
  // Before any descent, the panels are not blank: the digit it will restore, and what to press.
  await page.waitForSelector('#energy[data-preview="whole"]');
  assert.equal(await page.locator('#energy-outputs figure').count(), 1);
  assert.match(await page.textContent('#energy-outputs figure[data-panel="shown"] figcaption'), /denoising lab's digit: Minimise first hides/);
  assert.match(await page.textContent('#energy-status'), /^Press “Minimise the energy”/);
  await page.click('#energy-run');
  await waitCount(page, 'energy', 0);
  assert.equal(await page.$eval('#energy', (el) => el.dataset.preview ?? 'none'), 'none');
  assert.equal(await page.locator('#energy-outputs figure').count(), 4);
  const { energy } = await page.evaluate(() => window.playground.latent());
  for (const unknown of ['latent', 'pixels']) {
    assert.ok(energy[unknown].last < energy[unknown].first, `${unknown}: ${energy[unknown].first} -> ${energy[unknown].last}`);
  }
  // Two descents of 40 iterations shown every 2 iterations, plus their starting points.
  assert.equal(await count(page, 'energy', 'frames'), 42);
  assert.match(await page.textContent('#energy-outputs figure[data-panel="latent"] .score'), /^it\. 40 · E .* dB$/);
  // With nothing hidden, the block test's damage was applied in the denoising lab.
  const { hidden } = await page.evaluate(() => window.playground.lab());
  assert.equal(hidden.reduce((s, h) => s + h, 0), 100);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the anomaly score passes the drawing and flags white, black, inverted and clothes', async () => {
  const { page, errors } = await openLatentLab('?backend=cpu');
  const verdict = () => page.evaluate(() => ({ flagged: document.getElementById('anomaly').dataset.flagged, text: document.getElementById('anomaly-verdict').textContent }));
  assert.equal((await verdict()).flagged, 'false', 'a test digit looks like a digit');
  // The lecture's score is the reconstruction error: the reconstruction and its error map are
  // drawn beside the input.
  assert.ok(await litPixels(page, '#anomaly-reconstruction') > 500, 'the reconstruction of the digit has ink');
  assert.ok(await litPixels(page, '#anomaly-error') > 100, 'the error map has ink');
  assert.match(await page.textContent('#anomaly-error-caption'), /white = [\d.e-]+/);
  // The ROC AUC on the Fashion-MNIST examples: for the score, for the reconstruction error alone
  // (the autoencoder's own) and for the mean-image baseline.
  const roc = await page.textContent('#anomaly-roc');
  const aucs = [...roc.matchAll(/AUC ([\d.]+) for the score, ([\d.]+) for the autoencoder's reconstruction error alone \(the lecture's score\), ([\d.]+) for the distance to the average digit alone/g)].flatMap((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
  assert.equal(aucs.length, 3, roc);
  for (const auc of aucs) assert.ok(auc >= 0 && auc <= 1, roc);
  assert.match(roc, /^On these 100 Fashion-MNIST images against 2,000 test digits/);
  const digitScore = (await page.evaluate(() => window.playground.latent().anomaly)).score;
  for (const button of ['#anomaly-white', '#anomaly-black', '#anomaly-invert', '#anomaly-noise']) {
    const n = await count(page, 'anomaly');
    await page.click(button);
    await waitCount(page, 'anomaly', n);
    const v = await verdict();
    assert.equal(v.flagged, 'true', `${button}: ${v.text}`);
    assert.match(v.text, /^Not a digit/);
    // Plain words at the ends of the scale: "higher than every test digit's", never "above 100.0%".
    assert.doesNotMatch(v.text, /100(\.0)?%/, `${button}: ${v.text}`);
    assert.doesNotMatch(await page.textContent('#anomaly-details'), /than (0|100)(\.0)?%/);
  }
  const n = await count(page, 'anomaly');
  await page.locator('#fashion-strip').scrollIntoViewIfNeeded();
  const box = await page.locator('#fashion-strip').boundingBox();
  await page.mouse.click(box.x + 100 + 42 * 1 + 20, box.y + 20); // the second image: a trouser
  await waitCount(page, 'anomaly', n);
  const clothes = await page.evaluate(() => window.playground.latent().anomaly);
  assert.equal(clothes.source, 'fashion');
  assert.ok(clothes.score > digitScore, `clothes ${clothes.score} against the digit ${digitScore}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each model: compression says what its code is, the energy lab compares it with its own one-shot output', async () => {
  const { page, errors } = await openLatentLab('?backend=cpu&iterations=4');
  for (const model of ['standard', 'denoising']) {
    await chooseModel(page, model);
    const chosen = await page.$eval('#latent-model', (s) => s.selectedOptions[0].textContent);
    assert.match(chosen, new RegExp(`^${model} AE`), 'the select shows the model table\'s label');
    const text = await page.textContent('#compression-text');
    if (model === 'standard') {
      assert.match(text, /under-complete/);
      assert.match(text, /As 32-bit floats the code is \d+ bytes, [\d.]+× smaller than the image/);
    } else {
      // 500 numbers: fewer than 784 pixels, yet over-complete, and larger than the image as floats.
      assert.match(text, /over-complete/);
      assert.doesNotMatch(text, /32-bit floats[^.;]*smaller/, text);
      assert.match(text, /As 32-bit floats the code is \d+ bytes, [\d.]+× larger than the image/);
    }
    const n = await count(page, 'energy');
    await page.click('#energy-run');
    await waitCount(page, 'energy', n);
    const title = await page.$eval('#energy-outputs figure[data-panel="one-shot"] figcaption', (f) => f.firstChild.textContent);
    assert.ok(title.startsWith(chosen), `the one-shot panel "${title}" shows the model chosen, "${chosen}"`);
    assert.match(title, /pasted/);
    const { energy } = await page.evaluate(() => window.playground.latent());
    assert.equal(energy.model, model);
    assert.match(await page.textContent('#energy-outputs figure[data-panel="one-shot"] .score'), / dB$/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('the latent map renders, hovering shows a digit and a click decodes', async () => {
  const { page, errors } = await openLatentLab('?backend=cpu&latent=denoising');
  const coloured = await page.evaluate(() => {
    const c = document.getElementById('latent-map');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    return n;
  });
  assert.ok(coloured > 2000, `${coloured} coloured pixels`);
  const map = await page.evaluate(() => window.playground.latent().map);
  assert.equal(map.points, 2000);
  assert.ok(map.variance[0] >= map.variance[1] && map.variance[0] + map.variance[1] < map.total);

  await page.locator('#latent-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#latent-map').boundingBox();
  let shown = false;
  for (let k = 0; k < 40 && !shown; k++) {
    await page.mouse.move(box.x + box.width * (0.35 + 0.3 * ((k * 7) % 10) / 10), box.y + box.height * (0.35 + 0.3 * Math.floor(k / 4) / 10));
    shown = await page.evaluate(() => !document.getElementById('map-hover').hidden);
  }
  assert.ok(shown, 'hovering over the dots shows a digit');

  const n = await count(page, 'map', 'decoded');
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
  await waitCount(page, 'map', n, 'decoded');
  const decoded = await page.evaluate(() => window.playground.latent().decoded);
  const ink = Object.values(decoded.image).reduce((s, v) => s + v, 0) / 784;
  assert.ok(ink > 0.02 && ink < 0.6, `decoded image ink ${ink}`);
  assert.match(await page.textContent('#map-decoded-caption'), /^decoded at \(-?\d/);
  // The star (the drawing) and the interpolation path are drawn: black pixels on the map.
  const dark = await page.evaluate(() => {
    const c = document.getElementById('latent-map');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 40 && d[i + 1] < 40 && d[i + 2] < 40) n++;
    return n;
  });
  assert.ok(dark > 100, `${dark} black pixels for the star and the path`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the latent lab on WebGPU: strips, a short energy descent, the map', async () => {
  const { page, errors } = await openLatentLab('?backend=webgpu&iterations=4&frames=4');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  const gap = mse(await stripFrame(page, 0, 2), await stripFrame(page, 1, 2));
  assert.ok(gap > 0.005, `pixel and latent frames differ by MSE ${gap}`);
  await page.click('#energy-run');
  await waitCount(page, 'energy', 0, 'runs', 240_000);
  const { energy, map } = await page.evaluate(() => window.playground.latent());
  assert.ok(energy.latent.last < energy.latent.first && energy.pixels.last < energy.pixels.first);
  assert.equal(map.points, 2000);
  await page.locator('#latent-map').scrollIntoViewIfNeeded();
  const box = await page.locator('#latent-map').boundingBox();
  const n = await count(page, 'map', 'decoded');
  await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await waitCount(page, 'map', n, 'decoded');
  assert.deepEqual(errors, []);
  await page.close();
});
