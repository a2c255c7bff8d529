// Rows of the fault table, in headless Chromium, each with what the student sees and what is
// kept: the network gone while the digits stream in (a message and a retry; nothing half-loaded
// is used), and the browser's storage refusing (the own data set works for the visit and says
// it is not kept).
// Run with: node --test tests/faults.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

test('the network goes while the digits stream in: a message and Retry, nothing half-loaded, then it loads', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The training digits' download breaks off; the first view (its own small file) still comes.
  await page.route('**/www/data/mnist-train.bin.gz', (route) => route.abort('internetdisconnected'));
  await page.goto(`${ctx.url}?backend=cpu`);
  const retry = page.locator('#notices .notice button', { hasText: 'Retry' });
  await retry.waitFor({ timeout: 120_000 });
  assert.match(await page.textContent('#notices'), /The MNIST digits could not be loaded \(could not fetch .*mnist-train\.bin\.gz/);
  // The first view is there, nothing was given to the session, training cannot start.
  assert.equal(await page.$eval('#recon-grid', (c) => Number(c.dataset.updated) > 0), true);
  assert.equal(await page.evaluate(() => document.body.dataset.ready), undefined);
  assert.equal(await page.$eval('#train', (b) => b.disabled), true);
  // The network is back: Retry loads them and the page finishes.
  await page.unroute('**/www/data/mnist-train.bin.gz');
  await retry.click();
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  assert.ok(run.losses.every(Number.isFinite));
  assert.equal(await page.locator('#notices .notice button', { hasText: 'Retry' }).count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the browser refuses storage: the own data set works for the visit, and says it is not kept', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // As a full quota or a private window that allows no IndexedDB would.
  await page.addInitScript(() => {
    indexedDB.open = () => { throw new DOMException('the quota is exceeded', 'QuotaExceededError'); };
  });
  await page.goto(`${ctx.url}?backend=cpu`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 120_000 });
  assert.match(await page.textContent('#notices'), /Your data set is kept for this visit only: the browser's storage is not available/);
  const bar = Array.from({ length: 784 }, (_, i) => (i % 28 > 11 && i % 28 < 16 && i > 100 && i < 690 ? 1 : 0));
  await page.evaluate((b) => window.playground.addToOwnData([...b, ...b, ...b], '1'), bar);
  assert.match(await page.textContent('#own-summary'), /3 image\(s\) in the classes 1 \(3\)/);
  const info = await page.evaluate(() => window.playground.setData('own'));
  assert.deepEqual(info, { set: 'own', trainLen: 3, testLen: 3 });
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.ok(run.losses.every(Number.isFinite));
  assert.deepEqual(errors, []);
  await page.close();
});
