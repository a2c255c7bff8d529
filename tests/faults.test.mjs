// Rows of the fault table, in headless Chromium, each with what the student sees and what is
// kept: the network gone while the digits stream in (a message and a retry; nothing half-loaded
// is used); the browser's storage refusing (the own data set works for the visit and says it is
// not kept); the worker killed mid-training (CPU and WebGPU: the lab restarts on the CPU from
// the last checkpoints) and while the page draws its first views; the wasm module out of
// memory; the GPU device lost; the tab frozen and thawed (CPU and WebGPU: every step counted
// once); the storage full (the autosave says so).
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

/** Keeps every Worker the page makes in window.__workers, so a test can kill one. */
const keepWorkers = () => {
  const Native = window.Worker;
  window.__workers = [];
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      window.__workers.push(this);
    }
  };
};
/**
 * A page on `backend` whose workers are kept (keepWorkers), with its page errors collected;
 * `init` runs in it before its scripts, and unless `untilReady` is false it has booted.
 */
async function openKeepingWorkers(backend, { init = () => {}, untilReady = true } = {}) {
  const page = await ctx.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(keepWorkers);
  await page.addInitScript(init);
  await page.goto(`${ctx.url}?backend=${backend}&restore=no`);
  if (untilReady) await ready(page);
  return { page, errors };
}
const ready = (page) => page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 240_000 });
const stepsShown = (page, model = 'standard') => page.evaluate((m) => Number(document.querySelector(`#train-stats tr[data-model=${m}] .steps`).textContent), model);
/** Resolves to {ok} or {error} when a training run started in the page ends. */
const trainInPage = (page, args) => page.evaluate((a) => { window.__run = window.playground.train(a).then((r) => ({ ok: true, steps: r.losses.length }), (e) => ({ ok: false, error: e.message })); }, args);

test('the worker is killed mid-training: a message, a fresh worker on the CPU, the last checkpoints back', async () => {
  const { page, errors } = await openKeepingWorkers('cpu');
  await trainInPage(page, { model: 'standard', steps: 200 });
  // Past the first epoch (47 steps of 256 of the 12,000 training digits), which saved a checkpoint.
  await page.waitForFunction(() => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) >= 70, null, { timeout: 120_000 });
  const killedAt = await stepsShown(page);
  await page.evaluate(() => window.__workers.at(-1).terminate());
  const run = await page.evaluate(() => window.__run);
  assert.deepEqual(run, { ok: false, error: "the lab's worker stopped" });
  await page.waitForFunction(() => document.querySelector('header .backend').dataset.recoveries === '1', null, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.__workers.length), 2);
  assert.match(await page.textContent('#notices'), /The CPU \(burn-ndarray\) backend failed \(the lab's worker stopped\)\. The lab restarts on the CPU from the models' last checkpoints/);
  await page.waitForFunction((k) => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) < k, killedAt, { timeout: 120_000 });
  const kept = await stepsShown(page);
  assert.ok(kept >= 47 && kept < killedAt, `the model came back at step ${kept} (killed at ${killedAt})`);
  assert.equal((await page.evaluate(() => window.playground.losses('standard'))).length, kept, 'its loss history with it');
  const chart = await page.evaluate(() => window.playground.history()['standard train']);
  assert.ok(chart.at(-1)[0] <= kept, 'the chart holds no step that was lost');
  const again = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.ok(again.losses.every(Number.isFinite));
  assert.equal(await stepsShown(page), kept + 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the worker is killed while the page draws its first views: the lab comes back whole, not "could not start"', async () => {
  // The moment the page says it is ready, its last views (the latent lab, the toys) are still
  // being computed: the worker is killed then, with their calls in flight.
  const killWhenReady = () => new MutationObserver((_, observer) => {
    if (document.body?.dataset.ready !== 'true') return;
    observer.disconnect();
    window.__latentReadyAtKill = document.querySelector('#latent-lab')?.dataset.ready ?? 'no';
    window.__workers.at(-1).terminate();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
  const { page, errors } = await openKeepingWorkers('cpu', { init: killWhenReady, untilReady: false });
  await page.waitForFunction(() => document.querySelector('header .backend').dataset.recoveries === '1', null, { timeout: 240_000 });
  assert.equal(await page.evaluate(() => window.__latentReadyAtKill), 'no', 'killed before the latent lab was drawn');
  // Calls made while the fresh worker opened its session waited for it: the views fill in.
  await page.waitForFunction(() => document.querySelector('#latent-lab').dataset.ready === 'true' || document.body.dataset.ready === 'failed', null, { timeout: 240_000 });
  assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true', await page.textContent('#notices'));
  assert.equal(await page.evaluate(() => document.querySelector('#latent-lab').dataset.ready), 'true');
  await page.waitForFunction(() => window.playground.manifold().plane && window.playground.manifold().helix && window.playground.superres(), null, { timeout: 240_000 });
  const viewErrors = await page.$$eval('[id$=-error]', (els) => els.filter((e) => e.textContent).map((e) => `#${e.id}: ${e.textContent}`));
  assert.deepEqual(viewErrors, [], 'no view is left with an error');
  const notices = await page.textContent('#notices');
  assert.match(notices, /The CPU \(burn-ndarray\) backend failed \(the lab's worker stopped\)/);
  assert.doesNotMatch(notices, /could not start|not open yet/);
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.ok(run.losses.every(Number.isFinite));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the worker is killed mid-training on WebGPU: the same message, the lab on the CPU from the last checkpoint', async () => {
  const { page, errors } = await openKeepingWorkers('webgpu');
  assert.equal(await page.evaluate(() => window.playground.backend), 'webgpu');
  // A run of 2 steps, whose end saves a checkpoint; then a longer run, killed after its first steps.
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  await trainInPage(page, { model: 'standard', steps: 30 });
  await page.waitForFunction(() => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) >= 4, null, { timeout: 240_000 });
  await page.evaluate(() => window.__workers.at(-1).terminate());
  assert.deepEqual(await page.evaluate(() => window.__run), { ok: false, error: "the lab's worker stopped" });
  await page.waitForFunction(() => document.querySelector('header .backend').dataset.recoveries === '1', null, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  assert.match(await page.textContent('#notices'), /The WebGPU \(burn-wgpu\) backend failed \(the lab's worker stopped\)\. The lab restarts on the CPU from the models' last checkpoints/);
  await page.waitForFunction(() => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) === 2, null, { timeout: 120_000 });
  assert.equal((await page.evaluate(() => window.playground.losses('standard'))).length, 2, 'its loss history with it');
  const chart = await page.evaluate(() => window.playground.history()['standard train']);
  assert.ok(chart.at(-1)[0] <= 2, 'the chart holds no step that was lost');
  const again = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.ok(again.losses.every(Number.isFinite));
  assert.equal(await stepsShown(page), 5);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the wasm module runs out of memory (a huge batch through the API): a message, a fresh worker, the models kept', async () => {
  const { page } = await openKeepingWorkers('cpu');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 5 }));
  // 550,000 images of 784 floats: 1.7 GB in, and the module's copies of it pass wasm32's 4 GiB.
  const result = await page.evaluate(async () => {
    const pixels = new Float32Array(784 * 550_000);
    try {
      await window.playground.reconstruct(pixels, 'standard');
      return 'answered';
    } catch (e) {
      return e.message;
    }
  }).catch((e) => `page: ${e.message}`);
  assert.notEqual(result, 'answered');
  await page.waitForFunction(() => document.querySelector('header .backend').dataset.recoveries === '1', null, { timeout: 180_000 });
  assert.equal(await page.evaluate(() => [window.__workers.length, window.playground.backend].join()), '2,cpu');
  await page.waitForFunction(() => /The CPU \(burn-ndarray\) backend failed \(the lab's worker failed: .*RuntimeError/.test(document.getElementById('notices').textContent), null, { timeout: 60_000 });
  await page.waitForFunction(() => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) === 5, null, { timeout: 60_000 });
  const again = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  assert.ok(again.losses.every(Number.isFinite));
  assert.equal(await stepsShown(page), 7);
  await page.close();
});

test('the GPU device is lost mid-training (destroyed on SwiftShader): the page says so and goes on on the CPU', async () => {
  const page = await ctx.context.newPage();
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  await page.goto(`${ctx.url}?backend=cpu&restore=no`);
  await ready(page);
  // Keep the devices the worker asks for, then move to WebGPU (which asks for one).
  await workers[0].evaluate(() => {
    const request = GPUAdapter.prototype.requestDevice;
    self.__devices = [];
    GPUAdapter.prototype.requestDevice = async function (...args) {
      const device = await request.apply(this, args);
      self.__devices.push(device);
      return device;
    };
  });
  assert.equal(await page.evaluate(() => window.playground.setBackend('webgpu')), 'webgpu');
  await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  const before = await stepsShown(page);
  await trainInPage(page, { model: 'standard', steps: 40 });
  await page.waitForFunction((b) => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) > b, before, { timeout: 120_000 });
  assert.ok(await workers[0].evaluate(() => { self.__devices.forEach((d) => d.destroy()); return self.__devices.length; }) > 0);
  // The run in flight fails (its next read, or the device's loss, says so first).
  const run = await page.evaluate(() => window.__run);
  assert.equal(run.ok, false);
  await page.waitForFunction(() => document.querySelector('header .backend').dataset.recoveries === '1', null, { timeout: 120_000 });
  assert.equal(await page.evaluate(() => window.playground.backend), 'cpu');
  assert.match(await page.textContent('#notices'), /backend failed \(the GPU device was lost.*\)\. The lab restarts on the CPU/);
  // From the last checkpoint (taken after the 2 steps' run): the same steps, and training goes on.
  await page.waitForFunction((b) => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) === b, before, { timeout: 60_000 });
  const again = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 3 }));
  assert.ok(again.losses.every(Number.isFinite));
  assert.equal(await stepsShown(page), before + 3);
  await page.close();
});

// On the CPU a run of 120 steps frozen after 10; on WebGPU (SwiftShader, about a second a step)
// a run of 12 frozen after 3.
for (const [backend, steps, frozenAt] of [['cpu', 120, 10], ['webgpu', 12, 3]]) {
  test(`the tab is frozen mid-training and thawed (${backend}): training goes on, every step counted once, the chart without a jump`, async () => {
    const page = await ctx.context.newPage();
    await page.goto(`${ctx.url}?backend=${backend}&restore=no`);
    await ready(page);
    assert.equal(await page.evaluate(() => window.playground.backend), backend);
    const cdp = await page.context().newCDPSession(page);
    await trainInPage(page, { model: 'standard', steps });
    await page.waitForFunction((k) => Number(document.querySelector('#train-stats tr[data-model=standard] .steps').textContent) >= k, frozenAt, { timeout: 240_000 });
    await cdp.send('Page.setWebLifecycleState', { state: 'frozen' });
    // The freeze lasts two seconds of the scenario (not a wait for anything).
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
    await cdp.send('Page.setWebLifecycleState', { state: 'active' });
    const run = await page.evaluate(() => window.__run);
    assert.deepEqual(run, { ok: true, steps });
    assert.equal(await stepsShown(page), steps);
    assert.equal((await page.evaluate(() => window.playground.losses('standard'))).length, steps, 'each step once in the history');
    const chart = await page.evaluate(() => window.playground.history()['standard train']);
    assert.equal(chart.at(-1)[0], steps);
    assert.ok(chart.every((p, i) => i === 0 || (p[0] > chart[i - 1][0] && p[0] - chart[i - 1][0] <= 64)), 'steps rise by at most a chunk between points');
    await page.close();
  });
}

test('the storage is full (a quota of 1 kB): the autosave says so once, training goes on', async () => {
  const page = await ctx.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  // The page under another origin (127.0.0.1, not localhost), whose storage the other tests
  // never opened, with a quota of 1 kB: a model's checkpoint does not fit.
  const url = ctx.url.replace('localhost', '127.0.0.1');
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize: 1000 });
  await page.goto(`${url}?backend=cpu&restore=no`);
  await ready(page);
  const run = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 50 }));
  assert.equal(run.losses.length, 50);
  assert.equal(await page.evaluate(() => window.playground.autosave()), 0);
  const notice = page.locator('[data-autosave=failed]');
  assert.equal(await notice.count(), 1, 'said once');
  assert.match(await notice.textContent(), /Your models are not being saved in this browser \(the browser's storage is full\)/);
  const more = await page.evaluate(() => window.playground.train({ model: 'standard', steps: 2 }));
  assert.equal(more.losses.length, 2);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin });
  await page.close();
});
