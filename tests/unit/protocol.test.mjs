// The message protocol (www/protocol.js): every operation has a client method, arguments travel
// as named records, and training arguments are checked with messages a student can read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OPERATIONS, EVENTS, argsOf, paramsOf, checkSteps, modelsToTrain, epochsOf, stepsPerEpoch } from '../../www/protocol.js';
import { LabClient } from '../../www/labclient.js';
import { Latest } from '../../www/latest.js';
import { Emitter } from '../../www/emitter.js';

const TABLE = [{ name: 'standard' }, { name: 'denoising' }];

test('the client offers one method per operation, sending named arguments', async () => {
  const sent = [];
  const client = Object.create(LabClient.prototype);
  client.send = (op, args) => { sent.push([op, args]); return Promise.resolve(); };
  for (const op of Object.keys(OPERATIONS)) assert.equal(typeof client[op], 'function', op);
  await client.anomaly('standard', new Float32Array(784));
  await client.train({ model: 'both', steps: 3, testEvery: 1 });
  await client.reconstruct('denoising', new Float32Array(784));
  assert.deepEqual(sent.map(([op, args]) => [op, Object.keys(args)]), [
    ['anomaly', ['model', 'pixels']],
    ['train', ['model', 'steps', 'testEvery']],
    ['reconstruct', ['model', 'pixels']],
  ]);
});

test('every operation says who answers it and names its parameters', () => {
  for (const [op, spec] of Object.entries(OPERATIONS)) {
    assert.ok(['session', 'static', 'worker'].includes(spec.by), op);
    assert.ok(Array.isArray(spec.params), op);
    for (const key of Object.keys(spec.defaults ?? {})) assert.ok(spec.params.includes(key), `${op}: default for ${key}`);
  }
  assert.deepEqual([...EVENTS], ['progress', 'test', 'energy', 'data', 'fatal', 'alive']);
});

test('argsOf and paramsOf: positional ↔ named, defaults filled in', () => {
  const pixels = new Float32Array(4);
  assert.deepEqual(argsOf('reconstruct', ['standard', pixels]), { model: 'standard', pixels });
  assert.deepEqual(paramsOf('reconstruct', { model: 'standard', pixels }), ['standard', pixels, 0, 0]);
  assert.deepEqual(paramsOf('reconstruct', { model: 'standard', pixels, dropout: 0.5, seed: 42 }), ['standard', pixels, 0.5, 42]);
  assert.deepEqual(argsOf('train', [{ model: 'standard', steps: 1 }]), { model: 'standard', steps: 1 });
  assert.deepEqual(paramsOf('denoise', { drawing: pixels, width: 2, height: 2, hidden: 1, dropout: 0, sigma: 0, seed: 1 }),
    [pixels, 2, 2, 1, 0, 0, 1, 3]);
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

test('every operation the session or the module answers exists on the face (src/web.rs) with the same parameters in the same order', async () => {
  const fs = await import('node:fs');
  const face = fs.readFileSync(new URL('../../src/web.rs', import.meta.url), 'utf8');
  const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
  /** @type {Map<string, string[]>} the face's public functions and their parameters (camelCase) */
  const signatures = new Map();
  for (const m of face.matchAll(/pub (?:async )?fn (\w+)\(([^)]*)\)/gs)) {
    const params = m[2].split(',').map((p) => p.trim()).filter((p) => p && !/^&(mut )?self$/.test(p)).map((p) => camel(p.split(':')[0].trim()));
    signatures.set(m[1], params);
  }
  const wrong = [];
  for (const [op, spec] of Object.entries(OPERATIONS)) {
    if (spec.by === 'worker') continue;
    const params = signatures.get(op);
    if (!params) wrong.push(`${op}: no such function on the face`);
    else if (params.join() !== spec.params.join()) wrong.push(`${op}: the face takes (${params.join(', ')}), protocol.js sends (${spec.params.join(', ')})`);
  }
  assert.deepEqual(wrong, []);
});
