// The lab's worker: it owns the wasm module and every Burn model, so training and inference
// never block the page. Messages: {id, op, args} in; {id, ok, result | error} out, plus
// {event: 'progress' | 'test'} while training.
import init, { Playground } from '../pkg/autoencoder_playground.js';
import { loadDigits, fetchBytes, gunzip, parseDigits } from './data.js';

const MODELS = ['standard', 'denoising'];
let wasmReady = null;
let pg = null;            // the open Playground
let digits = null;        // {train, test}: uncompressed digits files (Uint8Array)
let queue = Promise.resolve();
let training = null;      // {stop} while a training run is going
let base = '';            // the page's root URL
let energyRun = 0;        // the newest energy minimisation; older ones stop

// One call into the Playground at a time: wasm-bindgen forbids re-entering an object that
// is awaiting (a WebGPU read), so every call waits for the previous one.
function exclusive(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}

// Lets queued messages run between training chunks (a zero-delay task, not a timer).
function yieldToEvents() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve();
    ch.port2.postMessage(null);
  });
}

function message(e) {
  if (e instanceof Error) return e.message;
  return String(e);
}

const ops = {
  // Opens a session on a backend, with the given weights (or the shipped ones).
  async open({ backend, base: root, weights, simulateGpuFailure }) {
    base = root;
    wasmReady ??= init({ module_or_path: new URL('../pkg/autoencoder_playground_bg.wasm', import.meta.url) });
    const dataReady = digits ? Promise.resolve(digits) : loadDigits(base);
    const shipped = weights ? null : Promise.all(MODELS.map((m) => fetchBytes(`${base}www/models/${m}.bpk`)));
    await wasmReady;
    if (simulateGpuFailure && self.navigator.gpu) {
      self.navigator.gpu.requestAdapter = async () => null;
    }
    const next = await Playground.open(backend);
    digits = await dataReady;
    next.load_digits('train', digits.train);
    next.load_digits('test', digits.test);
    const bytes = weights ?? (await shipped);
    MODELS.forEach((m, i) => { if (bytes[i]) next.load_weights(m, bytes[i]); });
    // The old session may be busy (a WebGPU read in flight): swap once its calls are done.
    return exclusive(() => {
      if (pg) pg.free();
      pg = next;
      return { backend: pg.backend(), trainLen: pg.training_len(), testLen: digits.test.length };
    });
  },

  // Times one batch of 256 through a fresh d=500 autoencoder on WebGPU and on the CPU
  // (median of 3 after a warm-up), to pick the faster backend.
  async probe() {
    wasmReady ??= init({ module_or_path: new URL('../pkg/autoencoder_playground_bg.wasm', import.meta.url) });
    await wasmReady;
    const x = new Float32Array(256 * 784).fill(0.5);
    const times = {};
    for (const backend of ['webgpu', 'cpu']) {
      let probe = null;
      try {
        probe = await Playground.open(backend);
        await probe.reconstruct('denoising', x, 0, 0);
        const ms = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          await probe.reconstruct('denoising', x, 0, 0);
          ms.push(performance.now() - t0);
        }
        times[backend] = ms.sort((a, b) => a - b)[1];
      } catch (e) {
        times[backend] = null;
      } finally {
        probe?.free();
      }
    }
    return times;
  },

  // The first `count` test digits (pixels 0..255 and labels) for the page's gallery.
  gallery: ({ count }) => parseDigits(digits.test, count),

  reconstruct: ({ model, pixels, dropout = 0, seed = 0 }) =>
    exclusive(() => pg.reconstruct(model, pixels, dropout, seed)),
  corrupt: ({ pixels, dropout, seed }) => Playground.corrupt(pixels, dropout, seed),
  encode: ({ model, pixels }) => exclusive(() => pg.encode(model, pixels)),
  decode: ({ model, codes }) => exclusive(() => pg.decode(model, codes)),
  evaluate: ({ model, limit = 1000 }) => exclusive(() => pg.evaluate(model, limit)),
  weights: ({ model }) => exclusive(() => pg.weights(model)),
  loadWeights: ({ model, bytes }) => exclusive(() => pg.load_weights(model, bytes)),
  reset: ({ model, seed = 1 }) => exclusive(() => pg.reset(model, seed)),
  steps: ({ model }) => exclusive(() => pg.steps(model)),

  // The denoising lab in one call: the drawing made MNIST-like, damaged, and restored by the
  // two autoencoders and the two classical inpaintings.
  async denoise({ drawing, width, height, hidden, dropout, sigma, seed, radius = 3 }) {
    const digit = Playground.to_mnist(drawing, width, height);
    const damaged = Playground.damage(digit, hidden, dropout, sigma, seed);
    const shown = damaged.slice(0, 784);
    const hiddenAll = Uint8Array.from(damaged.subarray(784));
    const outputs = await exclusive(() => pg.restore(shown, hiddenAll, dropout, radius));
    return { digit, shown, hidden: hiddenAll, outputs };
  },

  // Trains `steps` steps (on 'standard', 'denoising' or 'both', alternating), in chunks
  // sized to take about 150 ms so progress flows and other requests get served.
  async train({ model, steps, testEvery = 0 }) {
    if (training) throw new Error('training is already running');
    training = { stop: false };
    const models = model === 'both' ? MODELS : [model];
    const done = Object.fromEntries(models.map((m) => [m, 0]));
    const all = { losses: Object.fromEntries(models.map((m) => [m, []])), ms: 0, steps: 0 };
    let chunk = 1;
    try {
      for (let turn = 0; !training.stop && models.some((m) => done[m] < steps); turn++) {
        const m = models[turn % models.length];
        if (done[m] >= steps) continue;
        const k = Math.min(chunk, steps - done[m]);
        const t0 = performance.now();
        const [losses, total, trainLen] = await exclusive(async () => [await pg.train(m, k), pg.steps(m), pg.training_len()]);
        const ms = performance.now() - t0;
        done[m] += k;
        all.losses[m].push(...losses);
        all.ms += ms;
        all.steps += k;
        if (ms < 100) chunk = Math.min(chunk * 2, 64);
        else if (ms > 400 && chunk > 1) chunk = Math.max(1, chunk >> 1);
        self.postMessage({ event: 'progress', model: m, losses: Array.from(losses), ms, steps: k, total, done: done[m], target: steps, trainLen });
        if (testEvery > 0 && (Math.floor(done[m] / testEvery) > Math.floor((done[m] - k) / testEvery) || done[m] === steps)) {
          const [test, after] = await exclusive(async () => [await pg.evaluate(m, 1000), pg.steps(m)]);
          self.postMessage({ event: 'test', model: m, test, total: after });
        }
        await yieldToEvents();
      }
    } finally {
      const stopped = training.stop;
      training = null;
      all.stopped = stopped;
    }
    all.msPerStep = all.steps ? all.ms / all.steps : 0;
    return all;
  },

  // ---- the latent lab ----
  latentSize: ({ model }) => exclusive(() => pg.latent_size(model)),

  // Pixel blends, decoded latent blends and the blended codes from A to B.
  async interpolate({ model, a, b, frames }) {
    const [out, latent] = await exclusive(async () => [await pg.interpolate(model, a, b, frames), pg.latent_size(model)]);
    const size = frames * 784;
    return { pixels: out.slice(0, size), decoded: out.slice(size, 2 * size), codes: out.slice(2 * size), latent };
  },

  // Inpainting by energy minimisation: posts {event: 'energy'} with the image every `every`
  // iterations; a newer run stops this one.
  async energy({ model, unknown, shown, hidden, dropout, iterations, every = 2, token }) {
    const run = ++energyRun;
    const t0 = performance.now();
    const report = (iteration, out) => self.postMessage({ event: 'energy', token, unknown, iteration, energy: out[0], image: out.slice(1) });
    let out = await exclusive(() => pg.energy_start(model, unknown, shown, hidden, dropout));
    const first = out[0];
    report(0, out);
    let done = 0;
    while (done < iterations) {
      if (run !== energyRun) return { stopped: true };
      const k = Math.min(every, iterations - done);
      out = await exclusive(() => pg.energy_step(k));
      done += k;
      report(done, out);
      await yieldToEvents();
    }
    return { stopped: false, first, last: out[0], image: out.slice(1), iterations: done, ms: performance.now() - t0 };
  },

  async anomaly({ model, pixels }) {
    const v = await exclusive(() => pg.anomaly(model, pixels));
    return { score: v[0], percentile: v[1], error: v[2], errorPercentile: v[3], atypicality: v[4], ink: v[5], empty: v[6] > 0, unusual: v[7] > 0, threshold: v[8], flagAbove: v[9] };
  },
  anomalyScores: ({ model }) => exclusive(() => pg.anomaly_scores(model)),

  // The latent map of the first `count` test digits: variances and coordinates.
  async latentMap({ model, count }) {
    const out = await exclusive(() => pg.latent_map(model, count));
    return { variance: [out[0], out[1]], total: out[2], points: out.slice(3) };
  },
  mapCodes: ({ model, codes }) => exclusive(() => pg.map_codes(model, codes)),
  mapDecode: ({ model, points }) => exclusive(() => pg.map_decode(model, points)),
  quantise: ({ codes, bits }) => Playground.quantise(codes, bits),

  // Fashion-MNIST examples (pixels 0..255 and labels), the anomaly score's "not a digit".
  fashion: async () => parseDigits(await gunzip(await fetchBytes(`${base}www/data/fashion-examples.bin.gz`))),

  pause() {
    if (training) training.stop = true;
    return true;
  },
};

self.onmessage = async ({ data }) => {
  const { id, op, args } = data;
  try {
    if (!ops[op]) throw new Error(`unknown operation ${op}`);
    const result = await ops[op](args ?? {});
    const transfer = result instanceof Uint8Array || result instanceof Float32Array ? [result.buffer] : [];
    self.postMessage({ id, ok: true, result }, transfer);
  } catch (e) {
    // A Rust panic traps the module ("unreachable"): the session is gone, the page must
    // restart the worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, error: message(e), fatal });
  }
};
