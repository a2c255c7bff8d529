// The first visit's bytes against the budgets that let thirty students load the page on one
// school Wi-Fi: the CPU module (what every student waits for) at most 0.907 MB gzipped, the
// requests made before the first reconstructions at most 2 MB, and everything the page fetches
// until it is ready and settled at most 6 MB. Bytes as served (gzipped, as GitHub Pages does),
// in a fresh profile on the CPU backend: the same page gives the same bytes on any machine, so
// this is no timed test. `node pkg-scripts/bench-load.mjs --files` lists the files.
// Run with: node --test tests/budget.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from '../pkg-scripts/serve.mjs';
import { firstVisit } from './browser.mjs';

export const BUDGETS = { cpuModule: 0.907e6, firstView: 2e6, total: 6e6 };

let server;
let url;
before(async () => { ({ server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' })); });
after(() => server?.close());

const MB = (n) => `${(n / 1e6).toFixed(3)} MB`;
/** The files of a visit, largest first, for a failure's message. */
const list = (files) => [...files].sort((a, b) => b.bytes - a.bytes).map((f) => `${MB(f.bytes)} ${f.url.replace(url, '')}`).join('\n');

test('the first visit stays within its budgets: the CPU module, the first view, everything', async () => {
  const visit = await firstVisit(url);
  // The module, preloaded by the page and asked for again by the worker (a 304 then).
  const module = visit.files.filter((f) => f.url.endsWith('pkg/cpu/autoencoder_playground_bg.wasm'));
  const moduleBytes = module.reduce((s, f) => s + f.bytes, 0);
  assert.ok(module.length > 0 && module.every((f) => visit.firstFiles.includes(f)), `the first view fetches the CPU module:\n${list(visit.firstFiles)}`);
  assert.ok(moduleBytes <= BUDGETS.cpuModule, `the CPU module is ${MB(moduleBytes)} gzipped (budget ${MB(BUDGETS.cpuModule)})`);
  assert.ok(visit.firstView <= BUDGETS.firstView,
    `the first view asked for ${MB(visit.firstView)} before its first reconstructions (budget ${MB(BUDGETS.firstView)}):\n${list(visit.firstFiles)}`);
  assert.ok(visit.total <= BUDGETS.total, `the page fetched ${MB(visit.total)} in all (budget ${MB(BUDGETS.total)}):\n${list(visit.files)}`);
  // The first view waits for neither the digits to train on nor the other modules.
  const early = visit.firstFiles.filter((f) => /mnist-train|mnist-test|pkg\/full\/|pkg\/threads\//.test(f.url));
  assert.deepEqual(early, [], `asked for before the first reconstructions:\n${list(early)}`);
});
