// The direction of the transformations' latent move (www/labs/transforms/latentmove.js): the
// mean, over the digits, of each transformed digit's code less its plain code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meanDifference } from '../../www/labs/transforms/latentmove.js';

test('meanDifference: the mean of b − a over the rows', () => {
  const a = Float32Array.from([0, 1, 2, 3]);
  const b = Float32Array.from([1, 1, 4, 7]);
  assert.deepEqual(Array.from(meanDifference(a, b, 2)), [1.5, 2]);
  assert.deepEqual(Array.from(meanDifference(a, a, 2)), [0, 0], 'no transformation, no direction');
});
