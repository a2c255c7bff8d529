// Which kernel tile a click lands on (www/views/kernels.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tileAt } from '../../www/views/kernels.js';

test('a point inside a tile names that tile; gaps and the empty end of the last row name none', () => {
  const layout = { n: 25, columns: 10, zoom: 2, gap: 2 }; // tiles 56 px, 58 px apart
  assert.equal(tileAt(0, 0, layout), 0);
  assert.equal(tileAt(55, 55, layout), 0);
  assert.equal(tileAt(56, 10, layout), -1, 'the gap after the first tile');
  assert.equal(tileAt(58, 0, layout), 1);
  assert.equal(tileAt(3 * 58 + 10, 2 * 58 + 10, layout), 23);
  assert.equal(tileAt(5 * 58 + 10, 2 * 58 + 10, layout), -1, 'past the 25th kernel');
  assert.equal(tileAt(10 * 58 + 1, 0, layout), -1, 'right of the last column');
  assert.equal(tileAt(-1, 5, layout), -1);
});
