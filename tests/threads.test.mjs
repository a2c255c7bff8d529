// Every core on GitHub Pages: served like Pages (a sub-path, no isolation headers from the
// server), the first visit runs on one thread; the service worker then adds the cross-origin
// isolation headers, so from the next visit `?threads=0` (one per core) runs the CPU backends on
// the threaded module (rayon's pool of Web Workers), which trains, computes what the
// single-threaded module computes, and leaves the rest of the page working (the digits, another
// data set, the labs). Without it (one thread, the default) the single-threaded modules run.
// Run with: node --test tests/threads.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, latentLabReady } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); }); // under a sub-path, as on GitHub Pages
after(async () => { await ctx?.stop(); });

const ready = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 180_000 });
const threads = (page) => page.evaluate(() => window.playground.threads);
const digit = Array.from({ length: 784 }, (_, i) => ((i * 7919) % 13 === 0 ? 1 : 0));

test('the second visit is cross-origin isolated and trains on every core with ?threads=0; one thread by default', async () => {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${ctx.url}?backend=flex&threads=0`);
  await ready(page);
  assert.deepEqual(await threads(page), { threads: 1, isolated: false });
  const single = await page.evaluate((d) => window.playground.reconstruct(d, 'denoising').then(Array.from), digit);
  await page.waitForFunction(() => document.body.dataset.offline === 'ready', null, { timeout: 180_000 });

  await page.reload();
  await ready(page);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  assert.deepEqual(await threads(page), { threads: cores, isolated: true });
  // (A one-core machine has a pool of one: the badge then names the backend alone.)
  assert.match(await page.textContent('#backend-badge'), cores > 1 ? new RegExp(`burn-flex\\), ${cores} threads`) : /^CPU \(burn-flex\)$/);
  // The same model computes the same on the pool (summation order aside).
  const pooled = await page.evaluate((d) => window.playground.reconstruct(d, 'denoising').then(Array.from), digit);
  assert.ok(pooled.every((v, i) => Math.abs(v - single[i]) < 1e-5), 'the threaded module reconstructs as the single one');
  // It trains (the digits came through the isolated page), on both CPU backends.
  for (const backend of ['flex', 'cpu']) {
    if (backend !== 'flex') await page.evaluate((b) => window.playground.setBackend(b), backend);
    assert.equal((await threads(page)).threads, cores, backend);
    const run = await page.evaluate(() => window.playground.train({ model: 'denoising', steps: 4 }));
    assert.ok(run.losses.length === 4 && run.losses.every(Number.isFinite), `${backend}: ${run.losses}`);
  }
  // The rest of the page: the latent lab, another data set fetched under isolation.
  await latentLabReady(page);
  const fashion = await page.evaluate(() => window.playground.setData('fashion'));
  assert.equal(fashion.trainLen, 12000);
  assert.equal(await page.$eval('#latent-error', (e) => e.textContent), '');

  await page.goto(`${ctx.url}?backend=flex`);
  await ready(page);
  assert.deepEqual(await threads(page), { threads: 1, isolated: true });
  assert.deepEqual(errors, []);
  await page.close();
});
