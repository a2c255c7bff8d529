// Where a step of the page's CPU module goes, in Chromium: the DevTools protocol's sampling
// profiler over the lab's worker while it trains, with the wasm's function names. The page's
// own CPU module is built without its name section; this script makes a copy of the same
// compiled wasm with its names kept (wasm-bindgen without --remove-name-section, wasm-opt -O1
// -g, as pkg-scripts/build does otherwise) and serves it in place of pkg/cpu/ for this run only.
// Usage: node pkg-scripts/profile.mjs [--top 25] [--elsewhere] [--wasm PATH]
//   PATH: the compiled CPU module (default: the build folder's cpu-module build, as
//   pkg-scripts/build makes it; run that first).
//   --elsewhere: also the worker's functions outside the steps (the views redrawn meanwhile).
// Prints, for d = 30 and d = 500 training runs (8 steps, then 64, as the page trains them, in
// chunks), the plane's three toys (500 steps) and the helix (500 steps): the share of the steps'
// time by kind of work, and the functions with the most self time. A sample counts as the
// steps' when a training step (or a toy's step) is on its stack: the views' work that the runs
// set off in the same worker is counted apart.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, labWorker } from '../tests/browser.mjs';
import { serve } from './serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
if (process.argv.includes('--help')) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const top = Number(arg('top', 25));
const elsewhereToo = process.argv.includes('--elsewhere');
const target = process.env.CARGO_TARGET_DIR ?? path.join(os.homedir(), '.cache/autoencoder-playground/target');
const wasm = arg('wasm', path.join(target, 'wasm32-unknown-unknown/cpu-module/autoencoder_playground.wasm'));
if (!fs.existsSync(wasm)) {
  console.error(`error: no compiled CPU module at ${wasm}: run pkg-scripts/build first (or name one with --wasm)`);
  process.exit(2);
}

// The named copy: same wasm, same bindings, names kept.
const named = fs.mkdtempSync(path.join(os.tmpdir(), 'aep-profile-'));
console.log(`the CPU module with its names: ${named}`);
// wasm-bindgen names its output after its input: the compiled module under its own name first.
const input = path.join(named, 'input');
fs.mkdirSync(input);
fs.copyFileSync(wasm, path.join(input, 'autoencoder_playground.wasm'));
execFileSync('wasm-bindgen', ['--target', 'web', '--no-typescript', '--remove-producers-section', '--out-dir', named, path.join(input, 'autoencoder_playground.wasm')], { stdio: 'inherit' });
execFileSync(path.join(ROOT, 'node_modules/.bin/wasm-opt'), ['-O1', '-g', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '--enable-threads',
  path.join(named, 'autoencoder_playground_bg.wasm'), '-o', path.join(named, 'autoencoder_playground_bg.wasm')], { stdio: 'inherit' });

const { server, url } = await serve({ port: 0, prefix: '/autoencoder-playground/' });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1200, height: 900 } });
for (const file of ['autoencoder_playground.js', 'autoencoder_playground_bg.wasm']) {
  await context.route(`**/pkg/cpu/${file}`, (route) => route.fulfill({
    body: fs.readFileSync(path.join(named, file)),
    contentType: file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript',
  }));
}
const page = await context.newPage();
const cdp = await context.newCDPSession(page);

const attaching = labWorker(cdp);
await page.goto(`${url}?backend=cpu&restore=no`);
const send = await attaching;
await page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 300_000 });
await page.waitForFunction(() => document.getElementById('helix')?.dataset.frames, null, { timeout: 300_000 });
const loaded = await page.evaluate(() => window.playground.backend);
if (loaded !== 'cpu') throw new Error(`the page runs on ${loaded}, not the CPU module`);
await send('Profiler.enable');
await send('Profiler.setSamplingInterval', { interval: 50 });

/** Rust's legacy mangling (`_ZN…E`) to a path; anything else as it is. */
function demangle(name) {
  const m = /^_ZN(.*)E$/.exec(name);
  if (!m) return name;
  const parts = [];
  let s = m[1];
  while (s.length) {
    const len = /^(\d+)/.exec(s);
    if (!len) break;
    const n = Number(len[1]);
    parts.push(s.slice(len[1].length, len[1].length + n));
    s = s.slice(len[1].length + n);
  }
  return parts.filter((p) => !/^h[0-9a-f]{16}$/.test(p)).join('::')
    .replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\$RF\$/g, '&').replace(/\$C\$/g, ',')
    .replace(/\$u7b\$/g, '{').replace(/\$u7d\$/g, '}').replace(/\$u27\$/g, "'").replace(/\.\./g, '::');
}

/** The kind of work a function does, for the summary. */
const KINDS = [
  ['matrix products (matrixmultiply)', /matrixmultiply|sgemm|gemm/],
  ['exp, ln (libm, a call a value)', /(^|::)(exp|expf|ln|log|logf|log1p|log1pf|tanh|tanhf)$|libm|compiler_builtins::math/],
  ["the step's passes (dense.rs)", /autoencoder_playground::dense|Index<I>>::index/],
  ['the batch: its rows read, its noise drawn', /Digits::rows|Trainer::step_batch|Trainer::hand_batch|chacha|ElementRandom|TensorData::random|ndarray/],
  ['memory (allocation, copies, fills)', /memcpy|memset|memmove|dlmalloc|__rdl_|__rust_(alloc|dealloc|realloc)|extend_with|copy_from_slice|fill$|RawVec/],
  ['Burn', /burn/],
  ['the rest of the crate', /autoencoder_playground/],
  ['JavaScript and the worker', /^(\(program\)|\(garbage collector\))$|\.js$/],
];
const kindOf = (fn, url) => {
  if (url && !/^wasm:|\.wasm$/.test(url)) return 'JavaScript and the worker';
  for (const [kind, re] of KINDS) if (re.test(fn)) return kind;
  return 'other wasm';
};

/**
 * Profiles `run` (in the page) and prints where the worker's time went under the functions
 * matching `within` (the steps themselves; the views' redrawing after a run is left out).
 */
async function profile(title, within, run, argument) {
  await send('Profiler.start');
  const t0 = Date.now();
  const result = await page.evaluate(run, argument);
  const ms = Date.now() - t0;
  const { profile: p } = await send('Profiler.stop');
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  /** Whether a node is, or is called from, a function matching `within`. */
  const inside = new Map();
  const isInside = (id) => {
    if (inside.has(id)) return inside.get(id);
    const node = byId.get(id);
    const yes = within.test(node.callFrame.functionName) || (parent.has(id) && isInside(parent.get(id)));
    inside.set(id, yes);
    return yes;
  };
  const self = new Map();
  const elsewhere = new Map();
  let outside = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]);
    if (!isInside(node.id)) {
      const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
      outside += dt;
      const fn = demangle(node.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}(\[\d+\])?$/, '');
      if (!fn.startsWith('(idle)')) elsewhere.set(fn, (elsewhere.get(fn) ?? 0) + dt);
      continue;
    }
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const fn = demangle(node.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}(\[\d+\])?$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
    const key = `${fn}\t${node.callFrame.url}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
  const kinds = new Map();
  for (const [k, v] of self) {
    if (k.startsWith('(idle)')) continue;
    const [fn, u] = k.split('\t');
    const kind = kindOf(fn, u);
    kinds.set(kind, (kinds.get(kind) ?? 0) + v);
  }
  console.log(`\n## ${title}: ${result}; ${ms} ms in the page, the worker ${busy.toFixed(0)} ms in the steps (${within}), ${outside.toFixed(0)} ms outside them`);
  console.log('| kind of work | share of the steps\' time |\n|---|---:|');
  for (const [kind, v] of [...kinds].sort((a, b) => b[1] - a[1])) console.log(`| ${kind} | ${(100 * v / busy).toFixed(1)} % |`);
  console.log(`\nthe ${top} functions with the most self time:`);
  for (const [k, v] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, top)) {
    const [fn] = k.split('\t');
    console.log(`${(100 * v / busy).toFixed(1).padStart(5)} %  ${fn.length > 140 ? `${fn.slice(0, 137)}…` : fn}`);
  }
  if (elsewhereToo) {
    console.log('\noutside the steps:');
    for (const [fn, v] of [...elsewhere].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(0).padStart(6)} ms  ${fn.slice(0, 150)}`);
  }
}

const trainRun = async (model) => {
  await window.playground.train({ model, steps: 8 });
  const r = await window.playground.train({ model, steps: 64 });
  return `${r.msPerStep.toFixed(2)} ms a step`;
};
const TRAIN = /training::Trainer::(step_digits|step_batch|step)::/; // a training step, its batch read included
await profile('d = 30, 64 steps (after 8)', TRAIN, trainRun, 'standard');
await profile('d = 500, 64 steps (after 8)', TRAIN, trainRun, 'denoising');
const toyRun = async (toy) => {
  const r = await window.playground.toySteps({ toy, steps: 500 });
  return `${(r.ms / 500).toFixed(3)} ms a step`;
};
const TOY = /Plane::step|Helix::step/;
await profile("the plane's three toys, 500 steps", TOY, toyRun, 'plane');
await profile('the helix, 500 steps', TOY, toyRun, 'helix');
await browser.close();
server.close();
fs.rmSync(named, { recursive: true, force: true });
