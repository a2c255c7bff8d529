// Offline use (sw.js, www/offline.js) and what the first view needs: after a first visit the
// page loads and trains with the network gone; a new deploy is offered as an update and
// replaces the old version's cache; the full module (WebGPU, burn-flex) is never fetched on
// the CPU.
// Run with: node --test tests/offline.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writePrecache } from '../pkg-scripts/precache.mjs';
import { start, gridCells } from './browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A copy of the site (what Pages serves), so the test can deploy a new version of it. */
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-site-'));
let ctx;
let url;
let context;

before(async () => {
  writePrecache();
  for (const f of ['index.html', 'sw.js', 'www', 'pkg']) fs.cpSync(path.join(ROOT, f), path.join(site, f), { recursive: true });
  ctx = await start({ root: site });
  ({ url, context } = ctx);
});

after(async () => {
  await ctx?.stop();
  fs.rmSync(site, { recursive: true, force: true });
});

/** The version sw.js caches, as the site's precache list says. */
const version = () => /"version": "([0-9a-f]+)"/.exec(fs.readFileSync(path.join(site, 'pkg/precache.js'), 'utf8'))?.[1];

test('after a first visit the page loads and trains offline; a new deploy is offered and replaces the cache', async () => {
  const page = await context.newPage();
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
  // The first visit never needed the full module (WebGPU, burn-flex): Chromium's only adapter
  // here is software.
  assert.ok(!requested.some((p) => p.includes('/pkg/full/')), 'the full module was not fetched');
  assert.ok(requested.some((p) => p.endsWith('/www/data/mnist-first.bin.gz')), 'the first digits came in their small file');
  await page.waitForFunction(() => document.body.dataset.offline === 'ready', null, { timeout: 120_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    return { names, files: (await (await caches.open(names[0])).keys()).length };
  });
  assert.deepEqual(cached.names, [`autoencoder-playground-${version()}`]);
  assert.ok(cached.files > 40, `${cached.files} files cached`);

  // The network goes away; the page comes back from the cache and trains.
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 300_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#notices'));
  const [digits, standard] = await gridCells(page);
  assert.equal(digits.filter((d) => d.some((v) => v > 0.5)).length, 12, 'the grid shows its twelve digits offline');
  assert.ok(standard.some((d) => d.some((v) => v > 0.5)), 'and their reconstructions');
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.equal(run.steps, 3, 'three training steps ran offline');
  assert.ok(run.losses.length === 3 && run.losses.every(Number.isFinite), `losses ${run.losses}`);
  await context.setOffline(false);

  // A new deploy (a changed script, so a new version): the page says an update is ready; the
  // student accepts, the page reloads on the new version and only its cache is left.
  const old = version();
  fs.appendFileSync(path.join(site, 'www/emitter.js'), '\n// a new deploy\n');
  const text = fs.readFileSync(path.join(site, 'pkg/precache.js'), 'utf8');
  fs.writeFileSync(path.join(site, 'pkg/precache.js'), text.replace(old, old.split('').reverse().join('')));
  const fresh = version();
  assert.notEqual(fresh, old);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  const notice = page.locator('.notice[data-update]');
  await notice.waitFor({ timeout: 120_000 });
  assert.match(await notice.textContent(), /new version/);
  await Promise.all([page.waitForEvent('load', { timeout: 120_000 }), notice.locator('button', { hasText: /reload/i }).click()]);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
  await page.waitForFunction(async (name) => {
    const names = await caches.keys();
    return names.length === 1 && names[0] === name;
  }, `autoencoder-playground-${fresh}`, { timeout: 60_000 });
  const script = await page.evaluate(async () => (await (await fetch('www/emitter.js')).text()).includes('a new deploy'));
  assert.ok(script, 'the new version of the script is served');
  assert.deepEqual(errors, []);
  await page.close();
});
