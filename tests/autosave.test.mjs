// The autosave, in headless Chromium on both backends: train (a shipped model and a built one),
// reload, restore: the weights are bit-identical, Rust's loss history and the chart are back,
// and training goes on from where it stopped (the step count and the history continue). A
// teacher's link with ?restore=no offers nothing; Discard forgets the saved models, and a Discard
// the storage refuses says why and forgets nothing.
// Run with: node --test tests/autosave.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './browser.mjs';

let ctx;
before(async () => { ctx = await start(); });
after(async () => { await ctx?.stop(); });

/** Forgets what earlier tests saved in the browser's storage (from a page of the origin that holds no connection). */
async function forget(page) {
  await page.goto(`${ctx.url}www/icon.svg`);
  await page.evaluate(() => new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase('autoencoder-playground');
    request.onsuccess = resolve;
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('a page of an earlier test still holds the database open'));
  }));
}

const ready = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 240_000 });

/**
 * A model's tensors in its notebook file (safetensors), by name: the raw f32 bytes, read by the
 * format's rules (u64 header length, JSON header, data offsets).
 */
async function tensors(page, model) {
  const bytes = Buffer.from(await page.evaluate(async (m) => Array.from(await window.playground.exportNotebook(m)), model));
  const length = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + length).toString());
  delete header.__metadata__;
  return Object.fromEntries(Object.entries(header).map(([name, t]) => [name, bytes.subarray(8 + length + t.data_offsets[0], 8 + length + t.data_offsets[1]).toString('base64')]));
}

const TINY = { name: 'tiny', latent: 2, activation: 'tanh', tied: true, scale: 'unit', loss: 'bce', corruption: { kind: 'none' }, contractive: 0 };

for (const [backend, steps] of [['cpu', 50], ['webgpu', 3]]) {
  test(`${backend}: trained models come back after a reload, bit for bit, and go on training`, async (t) => {
    const page = await ctx.context.newPage();
    t.after(() => page.close());
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await forget(page);
    await page.goto(`${ctx.url}?backend=${backend}`);
    await ready(page);
    assert.equal(await page.locator('[data-autosave=offer]').count(), 0, 'nothing saved yet, nothing offered');
    await page.evaluate((r) => window.playground.build(r), TINY);
    await page.evaluate((s) => window.playground.train({ model: 'standard', steps: s }), steps);
    await page.evaluate(() => window.playground.train({ model: 'tiny', steps: 2 }));
    // Saved after each run; a hidden page saves again.
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    assert.equal(await page.evaluate(() => window.playground.autosave()), 2, 'the trained shipped model and the built one');
    const before = {
      standard: await tensors(page, 'standard'),
      tiny: await tensors(page, 'tiny'),
      losses: await page.evaluate(() => window.playground.losses('standard')),
      chart: await page.evaluate(() => window.playground.history()['standard train']),
    };
    assert.equal(before.losses.length, steps);

    await page.reload();
    await ready(page);
    const offer = page.locator('[data-autosave=offer]');
    assert.match(await offer.textContent(), new RegExp(`standard AE \\(d=30\\) \\(${steps} steps\\).*tiny.*\\(2 steps\\)`));
    assert.deepEqual(await page.evaluate(() => window.playground.models().map((m) => m.name)), ['standard', 'denoising'], 'nothing restored before the student says so');
    await offer.locator('button[data-action=restore]').click();
    await page.locator('[data-autosave=restored]').waitFor({ timeout: 120_000 });
    assert.deepEqual(await page.evaluate(() => window.playground.models().map((m) => m.name)), ['standard', 'denoising', 'tiny']);
    assert.deepEqual(await tensors(page, 'standard'), before.standard, 'the standard model bit for bit');
    assert.deepEqual(await tensors(page, 'tiny'), before.tiny, 'the built model bit for bit');
    assert.deepEqual(await page.evaluate(() => window.playground.losses('standard')), before.losses, "Rust's loss history");
    assert.deepEqual(await page.evaluate(() => window.playground.history()['standard train']), before.chart, 'the chart');
    assert.equal(await page.textContent('#train-stats tr[data-model=standard] .steps'), String(steps));

    // Training goes on from there: the steps and the history continue, the chart with them.
    const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
    assert.equal(run.losses.length, 2);
    const losses = await page.evaluate(() => window.playground.losses('standard'));
    assert.deepEqual(losses, [...before.losses, ...run.losses]);
    const chart = await page.evaluate(() => window.playground.history()['standard train']);
    assert.equal(chart.at(-1)[0], steps + 2, 'the chart continues at the next step');
    assert.ok(chart.every((p, i) => i === 0 || p[0] > chart[i - 1][0]), 'no step counted twice');
    assert.deepEqual(errors, []);

    // Forget them: the next visit offers nothing.
    await page.reload();
    await ready(page);
    await page.locator('[data-autosave=offer] button[data-action=discard]').click();
    await page.locator('[data-autosave=discarded]').waitFor();
    await page.reload();
    await ready(page);
    assert.equal(await page.locator('[data-autosave=offer]').count(), 0);
  });
}

/**
 * A page (closed when test `t` ends) on the CPU, on a browser whose storage now holds one saved
 * model: the standard model after two steps.
 * @param {import('node:test').TestContext} t
 */
async function pageThatSaved(t) {
  const page = await ctx.context.newPage();
  t.after(() => page.close());
  await forget(page);
  await page.goto(`${ctx.url}?backend=cpu`);
  await ready(page);
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  return page;
}

test("a teacher's link with ?restore=no does not offer the saved models", async (t) => {
  const page = await pageThatSaved(t);
  await page.goto(`${ctx.url}?backend=cpu&restore=no`);
  await ready(page);
  assert.equal(await page.locator('[data-autosave=offer]').count(), 0);
  await page.goto(`${ctx.url}?backend=cpu`);
  await ready(page);
  assert.equal(await page.locator('[data-autosave=offer]').count(), 1, 'still saved for a visit without the teacher’s link');
});

test('Discard that the storage refuses says why and forgets nothing: the next visit offers the models again', async (t) => {
  const page = await pageThatSaved(t);
  await page.reload();
  await ready(page);
  // The browser refuses every delete from here on (as a storage turned off mid-visit would).
  await page.evaluate(() => {
    IDBObjectStore.prototype.delete = () => { throw new DOMException('deleting is turned off', 'InvalidStateError'); };
  });
  await page.locator('[data-autosave=offer] button[data-action=discard]').click();
  const notice = page.locator('[data-autosave=not-discarded]');
  await notice.waitFor();
  assert.match(await notice.textContent(), /The saved models could not be forgotten \(the browser's storage refused \(deleting is turned off\)\); the next visit offers them again/);
  assert.equal(await page.locator('[data-autosave=discarded]').count(), 0);
  await page.reload();
  await ready(page);
  assert.match(await page.locator('[data-autosave=offer]').textContent(), /standard AE \(d=30\) \(2 steps\)/, 'still saved, still offered');
});
