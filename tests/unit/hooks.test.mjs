// The page's hooks (www/hooks.js): every part that answers a hook hears it, in the page's order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tell, tellEach } from '../../www/hooks.js';

test('tell calls the hook on every part that has it, in order, skipping the others and parts not made yet', async () => {
  const heard = [];
  const parts = [
    { onWeights: (all) => { heard.push(['grid', all]); } },
    undefined,
    { onTable: () => heard.push(['table']) },
    { onWeights: async (all) => { await Promise.resolve(); heard.push(['latent', all]); } },
    { onWeights: (all) => { heard.push(['builder', all]); } },
  ];
  await tell(parts, 'onWeights', true);
  assert.deepEqual(heard, [['grid', true], ['latent', true], ['builder', true]]);
});

test('tell waits for a part that returns a promise before telling the next', async () => {
  const heard = [];
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const told = tell([{ onData: () => gate.then(() => heard.push('first')) }, { onData: () => heard.push('second') }], 'onData', { test: { pixels: new Uint8Array(0), labels: new Uint8Array(0) }, set: 'mnist' });
  await Promise.resolve();
  assert.deepEqual(heard, []);
  release();
  await told;
  assert.deepEqual(heard, ['first', 'second']);
});

test('hooks that return nothing have all run when tell returns, before anything awaits it', () => {
  const heard = [];
  tell([{ onTable: () => heard.push(1) }, { onTable: () => heard.push(2) }], 'onTable');
  assert.deepEqual(heard, [1, 2]);
});

test('tell stops at a failing part and rejects with its error', async () => {
  const heard = [];
  const parts = [{ onTable: () => { throw new Error('broken'); } }, { onTable: () => heard.push('after') }];
  await assert.rejects(tell(parts, 'onTable'), /broken/);
  assert.deepEqual(heard, []);
});

test('tellEach starts every part at once and reports each failure without stopping the others', async () => {
  const heard = [];
  const failures = [];
  await tellEach([
    { onSession: async () => { throw new Error('toys'); } },
    { onSession: async () => { heard.push('superres'); } },
  ], 'onSession', (e) => failures.push(e.message));
  assert.deepEqual(heard, ['superres']);
  assert.deepEqual(failures, ['toys']);
});
