// The training panel and the console in headless Chromium: bad step counts are refused before
// anything changes and never leave the controls stuck; a console run is shown as what it was;
// the model table drives the selects; the address's bad values are reported and its lab
// settings kept. Run with: node --test tests/training.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, openPage } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** Which training controls can be pressed. */
const controls = (page) => page.evaluate(() => ({
  train: !document.getElementById('train').disabled,
  scratch: !document.getElementById('train-scratch').disabled,
  pause: !document.getElementById('pause').disabled,
  backend: !document.getElementById('backend-select').disabled,
}));

test('bad step counts and models are refused clearly; the controls stay usable; a console run is shown', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const stepsBefore = await page.textContent('tr[data-model="standard"] .steps');
  for (const [steps, shown] of [[0, '0'], [-1, '-1'], [1.5, '1.5'], ['10', "'10' (a string)"]]) {
    const message = await page.evaluate((s) => window.playground.train({ model: 'standard', steps: s }).then(() => 'resolved', (e) => e.message), steps);
    assert.equal(message, `steps must be a whole number of at least 1, got ${shown}`);
    assert.deepEqual(await controls(page), { train: true, scratch: true, pause: false, backend: true }, `after steps ${shown}`);
  }
  const nan = await page.evaluate(() => window.playground.train({ model: 'standard', steps: NaN }).then(() => 'resolved', (e) => e.message));
  assert.equal(nan, 'steps must be a whole number of at least 1, got NaN');
  const unknown = await page.evaluate(() => window.playground.train({ model: 'quantum', steps: 2 }).then(() => 'resolved', (e) => e.message));
  const names = await page.evaluate(() => window.playground.models().map((m) => m.name));
  assert.match(unknown, /^unknown model 'quantum' \(expected /);
  for (const name of [...names, 'both']) assert.ok(unknown.includes(`'${name}'`), `${unknown} names '${name}'`);
  assert.equal(await page.textContent('tr[data-model="standard"] .steps'), stepsBefore, 'nothing was trained');
  assert.equal(await page.textContent('#last-run'), 'last run: none yet');
  assert.equal(await page.locator('.notice.error').count(), 0, 'a refused call is the caller\'s error, not a training failure');

  // A following good call works.
  const two = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  assert.equal(two.losses.length, 2);
  assert.deepEqual(await controls(page), { train: true, scratch: true, pause: false, backend: true });

  // A console run of 60 steps: the panel says what ran, not what its controls say.
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 60 }));
  assert.equal(run.losses.length, 60);
  assert.equal(run.steps, 62);
  assert.ok(Math.abs(run.epochs - (62 * 256) / 12000) < 1e-9, `epochs ${run.epochs}`);
  assert.equal(await page.textContent('#last-run'), 'last run: standard, 60 steps (1.3 epochs), from the console');
  assert.equal(await page.$eval('#model-select', (s) => s.value), 'both', 'the controls still show their own choice');
  assert.equal(await page.textContent('tr[data-model="standard"] .steps'), '62');
  assert.equal(await page.textContent('tr[data-model="standard"] .epochs'), run.epochs.toFixed(2));
  assert.match(await page.textContent('#training table.stats thead'), /train loss \(its objective\).*test loss, MSE \[-1,1\]/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the model table drives the selects, the stats, the legend and the grid', async () => {
  const { page, errors } = await openPage(ctx, '?backend=cpu');
  const models = await page.evaluate(() => window.playground.models());
  assert.ok(models.length >= 2);
  const names = models.map((m) => m.name);
  const options = (id) => page.$$eval(`#${id} option`, (os) => os.map((o) => [o.value, o.textContent]));
  assert.deepEqual(await options('latent-model'), models.map((m) => [m.name, m.label]), 'one option per model of the table');
  assert.deepEqual((await options('model-select')).map(([v]) => v), ['both', ...names]);
  assert.match((await options('model-select'))[0][1], /^all \d+ models$/);
  assert.deepEqual((await options('upload-model')).map(([v]) => v), names);
  assert.deepEqual(await page.$$eval('#train-stats tr', (rs) => rs.map((r) => r.dataset.model)), names);
  const legend = await page.textContent('#loss-legend');
  for (const m of models) assert.ok(legend.includes(m.label), `legend names ${m.label}`);
  assert.match(legend, /MSE \[-1,1\]/);
  const list = await page.textContent('#model-list');
  for (const m of models) assert.ok(list.includes(m.description), `the page describes ${m.name}`);
  assert.match(await page.textContent('#psnr-defined'), /PSNR = 10·log10\(1 \/ MSE\[0,1\]\), in dB.*higher is better.*∞ for an exact copy/s);
  assert.deepEqual(Object.keys(await page.evaluate(() => window.playground.history())).sort(),
    names.flatMap((n) => [`${n} test`, `${n} train`]).sort());
  assert.deepEqual(errors, []);
  await page.close();
});

test('bad values in the address are named in one notice; the lab\'s settings live in the address', async () => {
  const { page } = await openPage(ctx, '?backend=quantum&epochs=-5&frames=9999&bits=abc&gpu=fail&labDropout=0.3&sigma=0.1&patch=10');
  const notice = page.locator('.notice[data-corrections]');
  assert.equal(await notice.count(), 1, 'one notice');
  const text = await notice.textContent();
  assert.match(text, /Ignored \?backend=quantum \(not one of auto, webgpu, cpu, flex; using auto\)/);
  assert.match(text, /epochs=-5 clamped to 1/);
  assert.match(text, /frames=9999 clamped to 16/);
  assert.match(text, /ignored \?bits=abc \(not a number; using 8\)/);
  assert.equal(await page.$eval('#epochs', (e) => e.value), '1');
  assert.equal(await page.$eval('#lab-dropout', (e) => e.value), '0.3');
  assert.equal(await page.$eval('#lab-sigma', (e) => e.value), '0.1');
  assert.equal(await page.$eval('#patch-size', (e) => e.value), '10');
  await page.waitForFunction(() => Number(document.getElementById('denoising-lab').dataset.runs || 0) > 0);
  const last = await page.evaluate(() => window.playground.lab());
  assert.equal(last.dropout, 0.3);
  assert.equal(last.sigma, 0.1);
  await page.$eval('#lab-dropout', (el) => { el.value = '0.5'; el.dispatchEvent(new Event('input')); });
  await page.$eval('#lab-sigma', (el) => { el.value = '0'; el.dispatchEvent(new Event('input')); });
  assert.match(page.url(), /labDropout=0\.5/);
  assert.doesNotMatch(page.url(), /sigma=/);
  assert.match(page.url(), /patch=10/);
  await page.close();
});
