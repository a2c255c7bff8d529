// The digits format (www/data.js parseDigits) on hand-built files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDigits, digitAt, digitUnit, repeatDigits } from '../../www/data.js';

/** A digits file: AEPD, u32 count, count × 784 pixels, count labels. */
function digitsFile(labels) {
  const n = labels.length;
  const bytes = new Uint8Array(8 + n * 785);
  bytes.set([65, 69, 80, 68]); // 'AEPD'
  new DataView(bytes.buffer).setUint32(4, n, true);
  for (let i = 0; i < n; i++) bytes.fill(10 * (i + 1), 8 + i * 784, 8 + (i + 1) * 784);
  bytes.set(labels, 8 + n * 784);
  return bytes;
}

test('parseDigits reads pixels and labels', () => {
  const { pixels, labels } = parseDigits(digitsFile([7, 2, 1]));
  assert.equal(pixels.length, 3 * 784);
  assert.deepEqual([...labels], [7, 2, 1]);
  assert.equal(pixels[0], 10);
  assert.equal(pixels[784 * 2 + 5], 30);
});

test('parseDigits takes the first `count` digits, and a file at an offset', () => {
  const file = digitsFile([3, 4, 5]);
  const padded = new Uint8Array(file.length + 16);
  padded.set(file, 16);
  const { pixels, labels } = parseDigits(padded.subarray(16), 2);
  assert.equal(pixels.length, 2 * 784);
  assert.deepEqual([...labels], [3, 4]);
  assert.equal(pixels[784], 20);
});

test('a truncated file is refused with a message that says so', () => {
  const file = digitsFile([1, 2]);
  assert.throws(() => parseDigits(file.subarray(0, file.length - 100)), /holds 1478 bytes, expected 1578 for its 2 digits \(is it cut short\?\)/);
  assert.throws(() => parseDigits(file.subarray(0, 6)), /not a digits file/);
  assert.throws(() => parseDigits(new TextEncoder().encode('<!doctype html><html>…')), /not a digits file/);
});

test('digitAt is a view of one digit; digitUnit scales 0..255 to [0, 1]', () => {
  const { pixels } = parseDigits(digitsFile([0, 9]));
  const second = digitAt(pixels, 1);
  assert.equal(second.length, 784);
  assert.equal(second[0], 20);
  const unit = digitUnit(pixels, 1);
  assert.ok(unit instanceof Float32Array);
  assert.ok(Math.abs(unit[3] - 20 / 255) < 1e-7);
});

test('repeatDigits makes a file of n digits from a file\'s own, over and over', () => {
  const { pixels, labels } = parseDigits(repeatDigits(digitsFile([7, 2, 1]), 8));
  assert.deepEqual([...labels], [7, 2, 1, 7, 2, 1, 7, 2]);
  assert.deepEqual([...pixels.subarray(0, 784)], [...pixels.subarray(3 * 784, 4 * 784)]);
  assert.equal(pixels[7 * 784], 20, 'the eighth digit is the second one again');
  assert.throws(() => repeatDigits(digitsFile([]), 4), /no digits/);
});
