// @ts-check
// The lab's worker: it owns the wasm module and every Burn model, so training and inference
// never block the page. It answers the operations of `protocol.js`: rows answered by the open
// Playground or by the module's static functions are called by name with the record's
// arguments, and their named records go back as they are; the rest (opening, the gallery,
// chunked training, animated energy descents) are handlers here.
import { loadDigits, loadFirstDigits, fetchBytes, gunzip, parseDigits, repeatDigits, FIRST_DIGITS } from './data.js';
import { OPERATIONS, BATCH, PIXELS, checkSteps, modelsToTrain } from './protocol.js';
import { gpuCounts, counted } from './gpucount.js';

/** @typedef {import('./protocol.js').ModelSpec} ModelSpec */

/** @type {any} the open Playground */
let pg = null;
/** The open session's backend (read without calling into the session, which may be busy). */
let sessionBackend = '';
/** @typedef {{train: Uint8Array, test: Uint8Array}} DataFiles a data set's files (digits format, uncompressed) */
/** @type {Partial<Record<string, Promise<DataFiles>>>} the shipped sets, downloading or downloaded */
const setsLoading = {};
/** @type {{set: import('./protocol.js').DataSetName, files: DataFiles} | null} the data set the session holds (a new session gets it too) */
let held = null;
/** The held data set's files, once here. */
const digits = () => held?.files ?? null;
/** @type {Uint8Array | null} the first test digits (mnist-first), uncompressed */
let firstDigits = null;
let queue = Promise.resolve();
/** @type {Promise<void>} the open in flight, if any (settled otherwise): other calls wait for it */
let opening = Promise.resolve();
/** The training runs going, by what they train: TABLE_RUN (the table's models) or a toy's name. @type {Map<string, {stop: boolean}>} */
const runs = new Map();
const TABLE_RUN = ' the table';
let base = '';            // the page's root URL
let energyRun = 0;        // the newest energy minimisation; older ones stop
// Pictures taken into a data set: at most this many bytes and pixels, scaled to this longer side.
const PICTURE_BYTES = 20e6;
const PICTURE_PIXELS = 40e6;
const PICTURE_SIDE = 280;
// The three builds of the wasm module: the CPU one (burn-ndarray alone), loaded first; the full
// one (WebGPU and burn-flex too; mostly the GPU kernel compiler, several times larger), fetched
// only when a session asks for one of those; and the threaded one (burn-ndarray and burn-flex on
// rayon's pool of Web Workers), for the CPU backends where the page is cross-origin isolated
// (shared memory needs it; on GitHub Pages the service worker, sw.js, makes the page so).
const MODULES = { cpu: '../pkg/cpu/', full: '../pkg/full/', threads: '../pkg/threads/' };
/** The threaded module's pool size, once started (it cannot change while the module lives). */
let poolSize = 0;
/** @type {Record<string, Promise<any>>} each module, loading or loaded */
const modules = {};
/** @type {Record<string, WebAssembly.Memory>} each loaded module's memory */
const memories = {};

/**
 * The GPU adapter WebGPU gives this worker, as the page names it: its description (or vendor
 * and architecture), and whether it is a software adapter (a CPU standing in for a GPU).
 * @returns {Promise<import('./protocol.js').AdapterInfo | undefined>}
 */
async function adapterInfo() {
  try {
    const adapter = await /** @type {any} */ (navigator).gpu?.requestAdapter();
    const info = adapter?.info ?? {};
    const name = String(info.description || [info.vendor, info.architecture, info.device].filter(Boolean).join(' ') || 'unnamed adapter');
    const software = Boolean(info.isFallbackAdapter) || /swiftshader|llvmpipe|lavapipe|software|basic render/i.test(name);
    return { name, software };
  } catch {
    return undefined;
  }
}

/**
 * Loads one build of the wasm module, once (again after a failed load). The threaded one starts
 * its pool of `threads` workers (0: one per core).
 * @param {'cpu' | 'full' | 'threads'} kind
 * @param {number} [threads]
 * @returns {Promise<{Playground: any}>}
 */
function wasm(kind = 'cpu', threads = 0) {
  modules[kind] ??= (async () => {
    const glue = await import(`${MODULES[kind]}autoencoder_playground.js`);
    const exports = await glue.default({ module_or_path: new URL(`${MODULES[kind]}autoencoder_playground_bg.wasm`, import.meta.url) });
    memories[kind] = exports.memory;
    if (kind === 'threads') {
      const n = threads > 0 ? threads : self.navigator.hardwareConcurrency || 1;
      await glue.initThreadPool(n);
      poolSize = n;
    }
    return glue;
  })().catch((e) => {
    delete modules[kind];
    throw new Error(`the ${{ cpu: 'CPU', full: 'full', threads: 'threaded' }[kind]} module could not be loaded (${message(e)})`);
  });
  return modules[kind];
}

/**
 * The build that runs `backend`: the threaded one for the CPU backends where shared memory is
 * allowed and more than one thread is asked for (0: one per core), unless it failed to load;
 * else the CPU or the full one. One thread is the page's default: on the 2-core machines it was
 * measured on, the pool made no step faster (docs/performance.md).
 * @param {string} backend
 * @param {number} [threads]
 * @returns {'cpu' | 'full' | 'threads'}
 */
function moduleFor(backend, threads = 1) {
  const onCpu = ['cpu', 'ndarray', 'flex'].includes(backend);
  if (onCpu && self.crossOriginIsolated && threads !== 1 && !threadsFailed) return 'threads';
  return ['cpu', 'ndarray'].includes(backend) ? 'cpu' : 'full';
}
/** Why the threaded module could not start, if it could not (then the others serve). */
let threadsFailed = '';

/** The open session, or a message saying there is none yet. */
function session() {
  if (!pg) throw new Error('the lab is not open yet');
  return pg;
}

// One call into the Playground at a time: wasm-bindgen forbids re-entering an object that
// is awaiting (a WebGPU read), so every call waits for the previous one.
/**
 * @template T
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<T>}
 */
function exclusive(fn) {
  const run = queue.then(fn);
  queue = run.then(() => {}, () => {});
  return run;
}

// Lets queued messages run between training chunks (a zero-delay task, not a timer).
function yieldToEvents() {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => resolve(undefined);
    ch.port2.postMessage(null);
  });
}

/** @param {unknown} e */
function message(e) {
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * The buffers of the typed arrays in a result, to transfer rather than copy (only arrays
 * that own their whole buffer: never a view of the wasm memory).
 * @param {unknown} value
 * @param {Set<ArrayBuffer>} [found]
 */
function transferables(value, found = new Set()) {
  if (ArrayBuffer.isView(value)) {
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    for (const v of value) transferables(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) transferables(v, found);
  }
  return [...found];
}

/**
 * A data set, as a session holds it (`held`): MNIST or Fashion-MNIST, fetched once (a 'data'
 * event per chunk), or the student's own images (one digits file: its training and its test images).
 * @param {import('./protocol.js').DataArgs} args
 * @returns {Promise<{set: import('./protocol.js').DataSetName, files: DataFiles}>}
 */
async function dataSet({ set = 'mnist', own }) {
  if (set === 'own') {
    if (!(own instanceof Uint8Array) || parseDigits(own).labels.length === 0) throw new Error('your data set is empty: add drawings or pictures to it first');
    return { set, files: { train: own, test: own } };
  }
  if (set !== 'mnist' && set !== 'fashion') throw new Error(`unknown data set '${set}' (expected 'mnist', 'fashion' or 'own')`);
  setsLoading[set] ??= loadDigits(base, set, (p) => self.postMessage({ event: 'data', set, ...p }))
    .catch((e) => {
      delete setsLoading[set];
      throw e;
    });
  return { set, files: /** @type {DataFiles} */ (await setsLoading[set]) };
}

/** @type {Record<string, (args: any) => unknown>} the operations answered here */
const handlers = {
  // Opens a session on a backend, with the given weights (or the shipped ones) and, when asked,
  // a data set (a fresh worker after a crash holds none): the session is whole once it answers.
  // Otherwise the digits come separately (`data`); a session opened after they came gets them.
  // The shipped weights are fetched in 8 bits (`.q8.gz`, see src/weights.rs).
  async open({ backend, base: root, weights, recipes = [], simulateGpuFailure, threads = 1, data }) {
    base = root;
    const asked = data ? await dataSet(data) : null;
    let kind = moduleFor(backend, threads);
    /** @type {{Playground: any}} */
    let glue;
    try {
      glue = await wasm(kind, threads);
    } catch (e) {
      if (kind !== 'threads') throw e;
      threadsFailed = message(e);
      kind = moduleFor(backend, threads);
      glue = await wasm(kind);
    }
    const { Playground } = glue;
    const gpu = /** @type {any} */ (self.navigator).gpu;
    if (simulateGpuFailure && gpu) gpu.requestAdapter = async () => null;
    const next = await Playground.open(backend);
    try {
      const d = (asked ?? held)?.files;
      if (d) {
        next.load_digits({ split: 'train', bytes: d.train });
        next.load_digits({ split: 'test', bytes: d.test });
      }
      for (const recipe of recipes) next.add_model({ recipe, seed: 1 });
      /** @type {ModelSpec[]} */
      const table = next.models();
      const bytes = weights ?? Object.fromEntries(await Promise.all(table.filter((m) => m.shipped)
        .map(async (m) => [m.name, await gunzip(await fetchBytes(`${base}www/models/${m.name}.q8.gz`))])));
      for (const m of table) if (bytes[m.name]) next.load_weights({ model: m.name, bytes: bytes[m.name] });
    } catch (e) {
      next.free();
      throw e;
    }
    // The old session may be busy (a WebGPU read in flight): swap once its calls are done.
    return exclusive(() => {
      if (pg) pg.free();
      pg = next;
      if (asked) held = asked;
      sessionBackend = pg.backend();
      return {
        backend: sessionBackend, set: held?.set, trainLen: pg.training_len(), testLen: pg.test_len(),
        threads: kind === 'threads' ? poolSize : 1, isolated: Boolean(self.crossOriginIsolated), threadsFailed,
      };
    }).then(async (info) => (info.backend === 'webgpu' ? { ...info, adapter: await adapterInfo() } : info));
  },

  // Gives the session a data set: MNIST or Fashion-MNIST, fetched once (a 'data' event per
  // chunk), or the student's own images (given as one digits file: its training and its test
  // images). A failed download or a bad own set keeps nothing and changes nothing.
  async data({ set, own }) {
    const asked = await dataSet({ set, own });
    return exclusive(() => {
      const s = session();
      if (held?.files !== asked.files || s.training_len() === 0) {
        // The test images first: if they are refused, the session still holds one whole set.
        s.load_digits({ split: 'test', bytes: asked.files.test });
        s.load_digits({ split: 'train', bytes: asked.files.train });
        held = asked;
      }
      return { set, trainLen: s.training_len(), testLen: s.test_len() };
    });
  },

  // An image file (PNG, JPEG, anything the browser decodes) made an MNIST-like digit, by the
  // drawings' preprocessing (src/drawing.rs): decoded here, off the page's thread, and scaled
  // so its longer side is at most 280 pixels. Not an image, empty or huge: a sentence.
  async picture({ bytes, name }) {
    const { Playground } = await wasm('cpu');
    if (!bytes?.length) throw new Error(`${name} is empty (0 bytes)`);
    if (bytes.length > PICTURE_BYTES) throw new Error(`${name} is ${(bytes.length / 1e6).toFixed(0)} MB; pictures of up to ${PICTURE_BYTES / 1e6} MB are taken`);
    let bitmap;
    try {
      bitmap = await createImageBitmap(new Blob([bytes]));
    } catch {
      throw new Error(`${name} is not an image the browser can read (PNG, JPEG, GIF, WebP, BMP)`);
    }
    const { width, height } = bitmap;
    try {
      if (width === 0 || height === 0) throw new Error(`${name} is empty (${width} × ${height} pixels)`);
      if (width * height > PICTURE_PIXELS) throw new Error(`${name} is ${width} × ${height} pixels; pictures of up to ${PICTURE_PIXELS / 1e6} million pixels are taken`);
      const scale = Math.min(1, PICTURE_SIDE / Math.max(width, height));
      const w = Math.max(1, Math.round(width * scale));
      const h = Math.max(1, Math.round(height * scale));
      const canvas = new OffscreenCanvas(w, h);
      const context = /** @type {OffscreenCanvasRenderingContext2D} */ (canvas.getContext('2d'));
      context.drawImage(bitmap, 0, 0, w, h);
      const rgba = new Uint8Array(context.getImageData(0, 0, w, h).data.buffer);
      try {
        return { digit: Playground.image_to_digit({ rgba, width: w, height: h }), width, height };
      } catch (e) {
        throw new Error(`${name}: ${message(e)}`);
      }
    } finally {
      bitmap.close();
    }
  },

  // Times a training step of each shipped model (what Train does by default) on WebGPU and on
  // the CPU, as the performance line counts one: a call of one step, its loss read back, timed
  // from the call. Each backend in a fresh session of its own, on the first digits repeated to
  // a batch of 256; for each model the median of 3 steps after a warm-up step, summed.
  async probe() {
    firstDigits ??= await loadFirstDigits(base);
    const digits = repeatDigits(firstDigits, BATCH);
    /** @type {import('./protocol.js').ProbeResult} */
    const times = { webgpu: null, cpu: null, model: '', batch: BATCH };
    for (const backend of /** @type {const} */ (['webgpu', 'cpu'])) {
      let probe = null;
      try {
        probe = await (await wasm(moduleFor(backend))).Playground.open(backend);
        probe.load_digits({ split: 'train', bytes: digits });
        /** @type {ModelSpec[]} */
        const models = probe.models().filter((/** @type {ModelSpec} */ m) => m.shipped);
        times.model = models.map((m) => m.label).join(' + ');
        let total = 0;
        for (const m of models) {
          await probe.train({ model: m.name, steps: 1 });
          const ms = [];
          for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            await probe.train({ model: m.name, steps: 1 });
            ms.push(performance.now() - t0);
          }
          total += ms.sort((a, b) => a - b)[1];
        }
        times[backend] = total;
      } catch {
        times[backend] = null;
      } finally {
        probe?.free();
      }
    }
    return times;
  },

  // The first `count` test digits (pixels 0..255 and labels) for the page's gallery: from the
  // small first file while the whole test set is still on its way.
  async gallery({ count }) {
    const d = digits();
    if (d) return parseDigits(d.test, count);
    if (!held && count <= FIRST_DIGITS) {
      firstDigits ??= await loadFirstDigits(base);
      return parseDigits(firstDigits, count);
    }
    throw new Error('the test digits are still loading');
  },

  // Fashion-MNIST examples (pixels 0..255 and labels), the anomaly score's "not a digit".
  fashion: async () => parseDigits(await gunzip(await fetchBytes(`${base}www/data/fashion-examples.bin.gz`))),

  // Trains anything trainable, in chunks sized to take about 150 ms so progress flows and other
  // requests get served: `steps` steps of one model of the table or of every model (taking
  // turns), or of a lab's own network (`toy`: the plane, the helix, super-resolution). One run
  // of the table's models at a time, and one of each toy; `pause` ends a run after its chunk.
  async train({ model, toy, steps, testEvery }) {
    checkSteps(steps);
    const key = toy === undefined ? TABLE_RUN : String(toy);
    if (runs.has(key)) throw new Error(toy === undefined ? 'training is already running' : `the ${toy} is training already`);
    const training = { stop: false };
    runs.set(key, training);
    /** @type {import('./protocol.js').TrainRun} */
    const run = { losses: {}, reports: {}, ms: 0, steps: 0, msPerStep: 0, stopped: false, chunks: 0 };
    // Where WebGPU calls are counted (gpuCounts was called), what the steps asked of the GPU.
    if (gpuCounts() !== null) run.gpu = {};
    let chunk = 1;
    try {
      const models = toy === undefined ? modelsToTrain(model, await exclusive(() => session().models())) : [key];
      // A chunk's time is the steps' own, from when its turn in the queue comes: not the wait
      // for the jobs ahead of it (the views that the last chunk's progress redrew).
      let began = 0;
      /** One chunk of `k` steps of `m`: its report, and the losses of its steps. @type {(m: string, k: number) => Promise<{report: any, losses: number[]}>} */
      const stepOf = toy === undefined
        ? async (m, k) => {
          /** @type {import('./protocol.js').TrainReport} */
          const report = await exclusive(() => { began = performance.now(); return counted(() => session().train({ model: m, steps: k }), run.gpu); });
          return { report, losses: report.losses };
        }
        : async (m, k) => {
          /** @type {import('./protocol.js').ToyReport} */
          const report = await exclusive(() => { began = performance.now(); return session().train_toy({ toy: m, steps: k }); });
          return { report, losses: report.losses.map((l) => l.loss) };
        };
      /** @type {Record<string, number>} */
      const done = Object.fromEntries(models.map((m) => [m, 0]));
      for (const m of models) run.losses[m] = [];
      for (let turn = 0; !training.stop && models.some((m) => done[m] < steps); turn++) {
        const m = models[turn % models.length];
        if (done[m] >= steps) continue;
        const k = Math.min(chunk, steps - done[m]);
        const { report, losses } = await stepOf(m, k);
        const ms = performance.now() - began;
        done[m] += k;
        run.losses[m].push(...losses);
        run.reports[m] = report;
        run.ms += ms;
        run.steps += k;
        run.chunks++;
        if (ms < 100) chunk = Math.min(chunk * 2, 64);
        else if (ms > 400 && chunk > 1) chunk = Math.max(1, chunk >> 1);
        self.postMessage({ event: 'progress', model: m, toy: toy !== undefined, report, taken: k, ms, done: done[m], target: steps });
        if (toy === undefined && testEvery > 0 && (Math.floor(done[m] / testEvery) > Math.floor((done[m] - k) / testEvery) || done[m] === steps)) {
          const evaluation = await exclusive(() => session().evaluate({ model: m, limit: 1000 }));
          self.postMessage({ event: 'test', model: m, evaluation, steps: report.steps });
        }
        await yieldToEvents();
      }
    } finally {
      run.stopped = training.stop;
      if (runs.get(key) === training) runs.delete(key);
    }
    run.msPerStep = run.steps ? run.ms / run.steps : 0;
    return run;
  },

  // Ends a run after its chunk: the table's models' run, or a toy's (`toy`); true.
  pause({ toy } = {}) {
    const training = runs.get(toy === undefined ? TABLE_RUN : String(toy));
    if (training) training.stop = true;
    return true;
  },

  // The WebGPU calls counted since the last reset (www/gpucount.js); counting starts at the first call.
  gpuCounts({ reset }) {
    return gpuCounts(reset);
  },

  // The worker's memory: each loaded module's wasm memory (bytes) and the worker's JS heap, where the browser tells it.
  memory() {
    const heap = /** @type {any} */ (performance).memory;
    return {
      wasm: Object.fromEntries(Object.entries(memories).map(([kind, m]) => [kind, m.buffer.byteLength])),
      heap: heap ? heap.usedJSHeapSize : null,
    };
  },

  // Inpainting by energy minimisation: posts an 'energy' event with the frame every `every`
  // iterations; a newer run stops this one.
  async energy({ model, unknown, shown, hidden, dropout, iterations, every, token }) {
    const run = ++energyRun;
    const t0 = performance.now();
    /** @param {import('./protocol.js').EnergyFrame} frame */
    const report = (frame) => self.postMessage({ event: 'energy', token, unknown, ...frame });
    /** @type {import('./protocol.js').EnergyFrame} */
    let frame = await exclusive(() => session().energy_start({ model, unknown, shown, hidden, dropout }));
    const first = frame.energy;
    report(frame);
    let done = 0;
    while (done < iterations) {
      if (run !== energyRun) return { stopped: true };
      const k = Math.min(every, iterations - done);
      frame = await exclusive(() => session().energy_step({ iterations: k }));
      done += k;
      report(frame);
      await yieldToEvents();
    }
    return { stopped: false, first, last: frame.energy, image: frame.image, iterations: done, ms: performance.now() - t0 };
  },
};

/**
 * Answers one operation of the protocol.
 * @param {string} op
 * @param {Record<string, unknown>} args
 */
async function answer(op, args) {
  const spec = OPERATIONS[op];
  if (!spec) throw new Error(`unknown operation '${op}'`);
  if (spec.by === 'worker') {
    if (!handlers[op]) throw new Error(`the worker has no handler for '${op}'`);
    return handlers[op]({ ...spec.defaults, ...args });
  }
  if (spec.by === 'static') {
    const { Playground } = await wasm('cpu');
    return Playground[op](args);
  }
  return exclusive(() => session()[op](args));
}

// A lost GPU device (the browser dropped it, the driver reset, a test destroyed it) would leave
// every WebGPU call waiting or failing: while the session runs on WebGPU, the worker says so
// and ends, and the page starts a fresh one on the CPU from the last checkpoints.
if (typeof GPUAdapter !== 'undefined') {
  const requestDevice = GPUAdapter.prototype.requestDevice;
  GPUAdapter.prototype.requestDevice = async function (...args) {
    const device = await requestDevice.apply(this, args);
    device.lost.then((/** @type {GPUDeviceLostInfo} */ info) => {
      if (sessionBackend !== 'webgpu') return;
      self.postMessage({ event: 'fatal', error: `the GPU device was lost (${info.message || info.reason || 'no reason given'})` });
      self.close();
    });
    return device;
  };
}

// Held while this worker lives (see labclient.js): the page learns it is gone when it gets it.
const lockName = self.name;
if (lockName && self.navigator.locks) {
  self.navigator.locks.request(lockName, () => {
    self.postMessage({ event: 'alive' });
    return new Promise(() => {});
  }).catch(() => {});
}

self.onmessage = async ({ data }) => {
  const { id, op, args } = data;
  try {
    // A call made while a session opens (a backend switch, the fresh worker after a crash) is
    // meant for the new session: it waits until the open has ended, however it ended.
    if (op !== 'open') await opening;
    const run = answer(op, args ?? {});
    if (op === 'open') opening = run.then(() => {}, () => {});
    const result = await run;
    self.postMessage({ id, ok: true, result }, { transfer: transferables(result) });
  } catch (e) {
    // A Rust panic traps the module ("unreachable"): the session is gone, the page must
    // restart the worker.
    const fatal = e instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, ok: false, error: message(e), fatal });
  }
};
