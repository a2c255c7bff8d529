// Fetching the page's static files (the gzipped MNIST digits, the model weights) and reading
// the digits format.
import { PIXELS } from './protocol.js';

/** Fetches a file as bytes, with a message that names it when it fails. */
export async function fetchBytes(url) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${e.message}`);
  }
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Gunzips bytes with the browser's own DecompressionStream. */
export async function gunzip(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const MAGIC = 'AEPD';

/**
 * The first `count` digits (all by default) of a digits file (`AEPD`, u32 count, count × 784
 * pixels, count labels): `{pixels: 0..255, labels}`. A file that is not one, or is cut short,
 * is refused with a message that says so.
 * @param {Uint8Array} bytes
 * @param {number} [count]
 * @returns {{pixels: Uint8Array, labels: Uint8Array}}
 */
export function parseDigits(bytes, count = Infinity) {
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== MAGIC) {
    throw new Error(`not a digits file (it does not start with the ${MAGIC} header)`);
  }
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  const expected = 8 + n * (PIXELS + 1);
  if (bytes.length !== expected) {
    throw new Error(`the digits file holds ${bytes.length} bytes, expected ${expected} for its ${n} digits (is it cut short?)`);
  }
  const k = Math.min(count, n);
  return { pixels: bytes.slice(8, 8 + k * PIXELS), labels: bytes.slice(8 + n * PIXELS, 8 + n * PIXELS + k) };
}

/**
 * Row `i` of an `n × width` array, such as code `i` of `n × latent` codes (a view, not a copy).
 * @template {Uint8Array | Float32Array} T
 * @param {T} values
 * @param {number} i
 * @param {number} width
 * @returns {T}
 */
export function rowAt(values, i, width) {
  return /** @type {T} */ (values.subarray(i * width, (i + 1) * width));
}

/**
 * Digit `i` of `n × 784` pixels (a view, not a copy).
 * @template {Uint8Array | Float32Array} T
 * @param {T} pixels
 * @param {number} i
 * @returns {T}
 */
export function digitAt(pixels, i) {
  return rowAt(pixels, i, PIXELS);
}

/**
 * Digit `i` of grey levels 0..255 as 784 values in [0, 1] (a copy).
 * @param {Uint8Array} bytes
 * @param {number} i
 */
export function digitUnit(bytes, i) {
  return Float32Array.from(digitAt(bytes, i), (v) => v / 255);
}

/** The training and test digits shipped in www/data (the digits format, uncompressed). */
export async function loadDigits(base) {
  const [train, test] = await Promise.all(
    ['train', 'test'].map(async (split) => gunzip(await fetchBytes(`${base}www/data/mnist-${split}.bin.gz`))),
  );
  return { train, test };
}
