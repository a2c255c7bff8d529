// Off the manifold in headless Chromium: a slider changes the transformed input and the PSNR,
// the curve is drawn with the natively measured references, and a model trained one epoch with
// augmentation reconstructs shifted digits better. Run with: node --test tests/transforms.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

const runs = (page) => page.$eval('#transforms', (e) => Number(e.dataset.runs || 0));
async function settle(page, before) {
  await page.waitForFunction((n) => Number(document.getElementById('transforms').dataset.runs || 0) > n, before, { timeout: 300000 });
  return page.evaluate(() => window.playground.transformed());
}

test('sliders change the input and the PSNR; augmentation flattens the shift curve', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const first = await settle(page, 0);
  const n = await runs(page);
  await page.$eval('#tf-shift-x', (el) => { el.value = '5'; el.dispatchEvent(new Event('input')); });
  const moved = await settle(page, n);
  assert.notDeepEqual(Array.from(moved.last.input), Array.from(first.last.input), 'the input moved');
  assert.ok(moved.last.psnr < first.last.psnr - 1, `PSNR ${first.last.psnr} → ${moved.last.psnr}`);
  assert.equal(moved.curve.kind, 'shift');
  assert.equal(await page.$eval('#tf-outputs figure[data-panel="output"]', (f) => Number(f.dataset.psnr)), moved.last.psnr);
  await page.waitForFunction(() => Number(document.getElementById('tf-chart').dataset.series) === 3);
  assert.match(await page.textContent('#tf-legend'), /evaluate --transform/);
  // The digit's path on the latent map: one point per amount.
  await page.waitForFunction(() => Number(document.getElementById('transforms').dataset.path || 0) > 0);
  assert.equal(await page.$eval('#transforms', (e) => Number(e.dataset.path)), moved.curve.amounts.length);
  assert.match(await page.textContent('#tf-map-caption'), /path of the digit as the shift goes/);
  // A change of language draws the chart again in the new words, from the last run: the worker
  // is not asked again.
  const [runsBefore, framesBefore] = [await runs(page), await page.$eval('#tf-chart', (c) => Number(c.dataset.frames))];
  await page.selectOption('#language-select', 'pt');
  await page.waitForFunction((n) => Number(document.getElementById('tf-chart').dataset.frames) > n, framesBefore);
  // Once nothing is in flight, a run the change had asked for would have been counted.
  await page.evaluate(() => window.playground.settled());
  assert.match(await page.textContent('#tf-map-caption'), /o caminho do dígito/);
  assert.equal(await page.$eval('#tf-chart', (c) => Number(c.dataset.frames)), framesBefore + 1);
  assert.equal(await runs(page), runsBefore, 'no new run for a change of language');
  await page.selectOption('#language-select', 'en');
  // One epoch with augmentation: this digit's PSNR at a 5-pixel shift rises.
  const atFive = (curve) => curve.psnr[curve.amounts.indexOf(5)];
  await page.click('#tf-augment');
  await page.waitForFunction(() => /trained one epoch/.test(document.getElementById('tf-status').textContent), null, { timeout: 300000 });
  const trained = await page.evaluate(() => window.playground.transformed());
  assert.ok(atFive(trained.curve) > atFive(moved.curve), `at 5 px: ${atFive(moved.curve)} → ${atFive(trained.curve)} dB`);
  assert.match(await page.textContent('#last-run'), /with augmentation/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving the code instead of the pixels (figures 5–8): a direction measured on test digits, decoded along', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  try {
    await page.locator('#tf-latent-go').scrollIntoViewIfNeeded();
    const runs = () => page.evaluate(() => Number(document.getElementById('tf-latent').dataset.runs || 0));
    const go = async () => {
      const before = await runs();
      await page.click('#tf-latent-go');
      await page.waitForFunction((n) => Number(document.getElementById('tf-latent').dataset.runs || 0) > n, before, { timeout: 300_000 });
      return page.evaluate(() => {
        const m = window.playground.transformed().latentMove;
        return { ...m, images: Array.from(m.images), digit: Array.from(m.digit) };
      });
    };
    // Sliders at rest: no transformation, so no direction, and every panel is α = 0's.
    const still = await go();
    assert.ok(still.length < 1e-5, `no direction: ${still.length}`);
    for (let k = 1; k < still.alpha.length; k++) {
      assert.ok(still.images.slice(k * 784, (k + 1) * 784).every((v, i) => Math.abs(v - still.images[i]) < 1e-4), `panel ${k} is α = 0's`);
    }
    // α = 0 is the model's own reconstruction of the digit.
    const recon = await page.evaluate((d) => window.playground.reconstruct(d, 'standard').then(Array.from), still.digit);
    assert.ok(recon.every((v, i) => Math.abs(v - still.images[i]) < 1e-4), 'α = 0 decodes the digit\'s own code');
    // Turned 30°: a direction of some length, and the words give its figures.
    await page.$eval('#tf-rotation', (el) => { el.value = '30'; el.dispatchEvent(new Event('input')); });
    const turned = await go();
    assert.ok(turned.length > 0.1, `a direction: ${turned.length}`);
    assert.equal(turned.digits, 100);
    const text = await page.textContent('#tf-latent-text');
    assert.match(text, /from 100 test digits, has length [\d.]+\. At α = 1 the decoded code scores [\d.]+ dB/);
    assert.ok(text.includes(turned.length.toFixed(2)), `${text} gives ${turned.length.toFixed(2)}`);
    assert.equal(await page.locator('#tf-latent-row canvas').count(), 6);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
