// Fetching the page's static files (the gzipped MNIST digits, the model weights) and reading
// the digits format.
import { PIXELS } from './protocol.js';

/**
 * Fetches a file as bytes, with a message that names it when it fails. `onProgress(received,
 * total)` hears every chunk as it arrives (total 0 when the server does not say).
 * @param {string} url
 * @param {(received: number, total: number) => void} [onProgress]
 */
export async function fetchBytes(url, onProgress) {
  let response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch ${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
  const total = Number(response.headers.get('content-length')) || 0;
  const chunks = [];
  let received = 0;
  try {
    for (const reader = response.body.getReader(); ;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, total);
    }
  } catch (e) {
    throw new Error(`the download of ${url} broke off after ${received} bytes: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (total && received !== total) throw new Error(`the download of ${url} broke off after ${received} of ${total} bytes`);
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) { bytes.set(c, at); at += c.length; }
  return bytes;
}

/** Gunzips bytes with the browser's own DecompressionStream. @param {Uint8Array<ArrayBuffer>} bytes */
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
 * A digits file of `n` digits: those of `bytes` (a digits file) over and over, in order; a
 * batch of any size from the few first digits (the backend probe's).
 * @param {Uint8Array} bytes @param {number} n
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function repeatDigits(bytes, n) {
  const { pixels, labels } = parseDigits(bytes);
  if (labels.length === 0) throw new Error('no digits to repeat');
  const out = new Uint8Array(8 + n * (PIXELS + 1));
  out.set([...MAGIC].map((c) => c.charCodeAt(0)));
  new DataView(out.buffer).setUint32(4, n, true);
  for (let i = 0; i < n; i++) {
    const k = i % labels.length;
    out.set(pixels.subarray(k * PIXELS, (k + 1) * PIXELS), 8 + i * PIXELS);
    out[8 + n * PIXELS + i] = labels[k];
  }
  return out;
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

/**
 * A data set's training and test images shipped in www/data (`<set>-train.bin.gz` and
 * `<set>-test.bin.gz`, the digits format), uncompressed. `onProgress({received, total})` hears
 * the bytes of both files together as they arrive.
 * @param {string} base
 * @param {'mnist' | 'fashion'} [set]
 * @param {(progress: {received: number, total: number}) => void} [onProgress]
 */
export async function loadDigits(base, set = 'mnist', onProgress = () => {}) {
  /** @type {Record<string, [number, number]>} */
  const parts = { train: [0, 0], test: [0, 0] };
  const report = () => {
    const all = Object.values(parts);
    onProgress({ received: all.reduce((s, p) => s + p[0], 0), total: all.reduce((s, p) => s + p[1], 0) });
  };
  const [train, test] = await Promise.all(['train', 'test'].map(async (split) => {
    const bytes = await fetchBytes(`${base}www/data/${set}-${split}.bin.gz`, (received, total) => {
      parts[split] = [received, total];
      report();
    });
    return gunzip(bytes);
  }));
  // Both files whole, or neither is used: a bad file is refused before a session sees it.
  parseDigits(train, 0);
  parseDigits(test, 0);
  return { train, test };
}

/** Test digits in www/data/mnist-first.bin.gz, the first file: all the first view shows. */
export const FIRST_DIGITS = 100;

/** The first test digits (`FIRST_DIGITS`; the digits format, uncompressed). @param {string} base the page's address, ending in '/' */
export async function loadFirstDigits(base) {
  return gunzip(await fetchBytes(`${base}www/data/mnist-first.bin.gz`));
}
