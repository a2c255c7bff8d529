// The notebook's training step in TensorFlow.js, for pkg-scripts/bench.mjs to time beside the
// page's: `await tfjsSteps({latent, steps})` trains 784 → latent → 784 (tanh, MSE, Adam lr 1e-3,
// batch 256 of MNIST-like values in [-1, 1]) and resolves to the milliseconds of each step, the
// loss read back after every step as the page reads it after each chunk.
/* global tf */
window.tfjsReady = (async () => {
  tf.wasm.setWasmPaths(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', location.href).href);
  await tf.setBackend('wasm');
  await tf.ready();
  document.getElementById('status').textContent = `ready: ${tf.getBackend()}`;
  return tf.getBackend();
})();

/** PyTorch's default initialisation of nn.Linear(fanIn, fanOut): U(-1/√fanIn, 1/√fanIn). */
function linear(fanIn, fanOut) {
  const bound = 1 / Math.sqrt(fanIn);
  return { w: tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound)), b: tf.variable(tf.randomUniform([fanOut], -bound, bound)) };
}

window.tfjsSteps = async ({ latent, steps, batch = 256 }) => {
  await window.tfjsReady;
  const encoder = linear(784, latent);
  const decoder = linear(latent, 784);
  const optimiser = tf.train.adam(1e-3);
  // A fixed batch of sparse values in [-1, 1], as MNIST's are (most pixels -1).
  const x = tf.tidy(() => tf.where(tf.less(tf.randomUniform([batch, 784]), 0.2), tf.randomUniform([batch, 784], -1, 1), tf.fill([batch, 784], -1)));
  const loss = () => tf.tidy(() => {
    const h = tf.tanh(tf.add(tf.matMul(x, encoder.w), encoder.b));
    const y = tf.tanh(tf.add(tf.matMul(h, decoder.w), decoder.b));
    return tf.losses.meanSquaredError(x, y);
  });
  const ms = [];
  for (let i = 0; i < steps + 3; i++) {
    const t0 = performance.now();
    const cost = optimiser.minimize(loss, true);
    cost.dataSync();
    cost.dispose();
    if (i >= 3) ms.push(performance.now() - t0);
  }
  for (const v of [encoder.w, encoder.b, decoder.w, decoder.b]) v.dispose();
  x.dispose();
  optimiser.dispose();
  return ms;
};
