// Fetching the page's static files: the gzipped MNIST digits and the model weights.

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

/**
 * The first `count` digits (all by default) of a digits file (`AEPD`, u32 count, count × 784
 * pixels, count labels): `{pixels: 0..255, labels}`.
 */
export function parseDigits(bytes, count = Infinity) {
  const n = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const k = Math.min(count, n);
  return { pixels: bytes.slice(8, 8 + k * 784), labels: bytes.slice(8 + n * 784, 8 + n * 784 + k) };
}

/** The training and test digits shipped in www/data (the digits format, uncompressed). */
export async function loadDigits(base) {
  const [train, test] = await Promise.all(
    ['train', 'test'].map(async (split) => gunzip(await fetchBytes(`${base}www/data/mnist-${split}.bin.gz`))),
  );
  return { train, test };
}
