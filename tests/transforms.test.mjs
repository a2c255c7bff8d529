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
