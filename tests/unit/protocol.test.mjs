// The message protocol (www/protocol.js): every operation has a client method, arguments travel
// as named records, and training arguments are checked with messages a student can read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS, EVENTS, checkSteps, modelsToTrain, epochsOf, stepsPerEpoch } from '../../www/protocol.js';
import { LabClient } from '../../www/labclient.js';
import { Latest } from '../../www/latest.js';
import { Emitter } from '../../www/emitter.js';

const TABLE = [{ name: 'standard' }, { name: 'denoising' }];

test('the client offers one method per operation, sending its one argument record as it is', async () => {
  const sent = [];
  const client = Object.create(LabClient.prototype);
  client.send = (op, args) => { sent.push([op, args]); return Promise.resolve(); };
  for (const op of Object.keys(OPERATIONS)) assert.equal(typeof client[op], 'function', op);
  const pixels = new Float32Array(784);
  await client.anomaly({ model: 'standard', pixels });
  await client.train({ model: 'both', steps: 3, testEvery: 1 });
  await client.models();
  assert.deepEqual(sent, [
    ['anomaly', { model: 'standard', pixels }],
    ['train', { model: 'both', steps: 3, testEvery: 1 }],
    ['models', {}],
  ]);
  assert.equal(sent[0][1].pixels, pixels, 'the typed array itself, not a copy');
});

test('every operation says who answers it; the worker\'s defaults are its own', () => {
  for (const [op, spec] of Object.entries(OPERATIONS)) {
    assert.ok(['session', 'static', 'worker'].includes(spec.by), op);
    if (spec.defaults) assert.equal(spec.by, 'worker', `${op}: the face's records carry their defaults in Rust`);
  }
  assert.equal(OPERATIONS.train.by, 'worker', 'the chunked training run, not one call of the face');
  assert.deepEqual([...EVENTS], ['progress', 'test', 'energy', 'data', 'fatal', 'alive']);
});

test('checkSteps refuses anything but a whole number of at least 1', () => {
  assert.equal(checkSteps(1), 1);
  assert.equal(checkSteps(60), 60);
  for (const [bad, shown] of [[0, '0'], [-1, '-1'], [1.5, '1.5'], [NaN, 'NaN'], [Infinity, 'Infinity'], ['10', "'10' (a string)"], [undefined, 'undefined']]) {
    assert.throws(() => checkSteps(bad), { message: `steps must be a whole number of at least 1, got ${shown}` });
  }
});

test('modelsToTrain: one model, all of them, or a clear refusal', () => {
  assert.deepEqual(modelsToTrain('standard', TABLE), ['standard']);
  assert.deepEqual(modelsToTrain('both', TABLE), ['standard', 'denoising']);
  assert.throws(() => modelsToTrain('quantum', TABLE), { message: "unknown model 'quantum' (expected 'standard', 'denoising' or 'both' (all of them))" });
});

test('epochs and steps per epoch as Rust counts them', () => {
  assert.equal(stepsPerEpoch(12000), 47);
  assert.equal(stepsPerEpoch(10), 1);
  assert.ok(Math.abs(epochsOf(60, 12000) - 1.28) < 1e-12);
  assert.equal(epochsOf(5, 0), 0);
});

test('Latest: one run in flight, requests meanwhile merge into one more run', async () => {
  let runs = 0;
  let release;
  const busy = [];
  const latest = new Latest(async () => {
    runs++;
    await new Promise((r) => { release = r; });
  }, { busy: (b) => busy.push(b) });
  const first = latest.request();
  await Promise.resolve();
  const second = latest.request();
  const third = latest.request();
  assert.equal(second, third, 'requests made during a run share the next one');
  assert.ok(latest.busy);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(runs, 1);
  release();
  await first;
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(runs, 2);
  release();
  await second;
  await latest.idle();
  assert.equal(runs, 2);
  assert.equal(latest.busy, false);
  assert.deepEqual(busy, [true, true, false]);
});

test('Latest: a failed run rejects its requesters and the next run still happens', async () => {
  let n = 0;
  const latest = new Latest(async () => { n++; if (n === 1) throw new Error('boom'); });
  const a = latest.request();
  const b = latest.request();
  await assert.rejects(a, /boom/);
  await b;
  assert.equal(n, 2);
});

test('Emitter: on, off, once, and a clear error for an unknown event', async () => {
  const e = new Emitter(['result']);
  const seen = [];
  const off = e.on('result', (v) => seen.push(v));
  const next = e.once('result', (v) => v > 1);
  e.emit('result', 1);
  e.emit('result', 2);
  off();
  e.emit('result', 3);
  assert.deepEqual(seen, [1, 2]);
  assert.equal(await next, 2);
  assert.throws(() => e.on('nope', () => {}), /no event 'nope'/);
});

test('the face\'s operations (www/types/operations.js, generated from Rust\'s lists) are methods of the face taking one record', async () => {
  const fs = await import('node:fs');
  const { FACE } = await import('../../www/types/operations.js');
  // The face's methods: src/web.rs's and each lab folder's face.rs (src/<lab>/face.rs).
  const src = new URL('../../src/', import.meta.url);
  const labFaces = fs.readdirSync(src, { withFileTypes: true }).filter((e) => e.isDirectory())
    .map((e) => new URL(`${e.name}/face.rs`, src)).filter((f) => fs.existsSync(f));
  const face = [new URL('web.rs', src), ...labFaces].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  /** @type {Map<string, string[]>} */
  const signatures = new Map();
  for (const m of face.matchAll(/pub (?:async )?fn (\w+)\(([^)]*)\)/g)) {
    signatures.set(m[1], m[2].split(',').map((p) => p.trim()).filter((p) => p && !/^&(mut )?self$/.test(p)));
  }
  const wrong = [];
  for (const [op, by] of Object.entries(FACE)) {
    const params = signatures.get(op);
    if (!params) wrong.push(`${op}: no such function on the face`);
    else if (params.length > 1 || (params.length === 1 && !/^args: Arg<\w+>$/.test(params[0]))) wrong.push(`${op}: takes (${params.join(', ')}), not one argument record`);
    if (OPERATIONS[op].by !== by && op !== 'train') wrong.push(`${op}: answered by ${OPERATIONS[op].by}, generated ${by}`);
  }
  assert.deepEqual(wrong, []);
});
