// The page's address (www/state.js) read in Node: inputs the URL fuzzer (pkg-scripts/fuzz-url.mjs)
// found, kept as tests. Run with: node --test tests/url-state.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { State, describeCorrections } from '../www/state.js';

test("?__proto__, ?constructor and ?toString are not settings: ignored and said, nothing thrown", () => {
  const state = new State({ search: '?backend=cpu&__proto__&constructor=1&toString=x&hasOwnProperty=2', write: () => {} });
  assert.equal(state.backend, 'cpu');
  assert.deepEqual(state.corrections.map((c) => c.key), ['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
  assert.match(describeCorrections(state.corrections), /^Ignored \?__proto__= \(not a setting of this page\)/);
  assert.throws(() => state.set('__proto__', 1), /there is no setting '__proto__'/);
  assert.equal(new State({ search: state.query(), write: () => {} }).corrections.length, 0);
});

test('?restore=no is a setting (a teacher’s link that offers no saved models); anything else is corrected to ask', () => {
  assert.equal(new State({ search: '?restore=no', write: () => {} }).restore, 'no');
  const state = new State({ search: '?restore=yes', write: () => {} });
  assert.equal(state.restore, 'ask');
  assert.equal(state.corrections[0].key, 'restore');
});
