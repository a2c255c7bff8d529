// @ts-check
// window.playground: the page's console API for teachers, tests and benchmarks. Everything goes
// through the same parts the buttons use, so what the console does shows on the page.
import { ALL_MODELS } from './protocol.js';
import { t, language } from './i18n.js';
import { LABS } from './labs/index.js';

/**
 * The parts of the page the console reaches; filled in while the page boots.
 * @typedef {object} Page
 * @property {import('./labclient.js').Lab} lab the LabClient
 * @property {import('./state.js').PageState} state
 * @property {import('./parts/backendswitch.js').BackendSwitch} backends
 * @property {import('./parts/training.js').TrainingPanel} [training]
 * @property {import('./parts/autosave.js').Autosave} [autosave]
 * @property {Record<string, import('./hooks.js').Hooks>} labs the registry's labs, by name, once made
 * @property {import('./parts/datasets.js').DataSets} [datasets]
 */

/**
 * Installs window.playground.
 * @param {Page} page
 * @param {Promise<void>} ready resolves once every view is drawn
 */
export function installConsole(page, ready) {
  const { lab } = page;
  /** The first model of the table: the default of every call that takes a model. */
  const first = () => page.backends.models[0]?.name;
  const floats = (/** @type {ArrayLike<number>} */ values) => (values instanceof Float32Array ? values : Float32Array.from(values));
  /** @param {string} what */
  const needs = (what) => { throw new Error(`${what} is not ready yet: await playground.ready first`); };

  const api = {
    ready,
    /** The backend in use: 'webgpu', 'cpu' (burn-ndarray) or 'flex' (burn-flex). */
    get backend() {
      return page.backends.backend;
    },
    /**
     * How the CPU backends run: `{threads, isolated}`; `threads` > 1 when the threaded module
     * runs (the page is cross-origin isolated: from the second visit on, through sw.js).
     */
    get threads() {
      return { threads: page.backends.info?.threads ?? 1, isolated: Boolean(page.backends.info?.isolated) };
    },
    /** Switches backend, keeping the models; resolves to the backend in use. */
    setBackend: (/** @type {string} */ name) => page.backends.set(name),
    /**
     * Rust's table of models: [{name, label, description, latent, activation, tied, scale, loss,
     * corruption, contractive, colour, shipped}].
     */
    models: () => structuredClone(page.backends.models),
    /**
     * Builds a model from a recipe ({name, latent, activation: 'tanh'|'linear', tied, scale:
     * 'symmetric'|'unit', loss: 'mse'|'bce', corruption: {kind: 'none'} | {kind: 'dropout', p} |
     * {kind: 'gaussian', sigma}, contractive}) and adds it to the page; resolves to its row.
     * @param {import('./protocol.js').Recipe} recipe
     */
    build: (recipe) => page.backends.build(recipe),
    /** A model file of a model (its recipe and weights), as downloaded: a Uint8Array. */
    exportModel: (/** @type {string} */ name) => lab.export_model({ model: name }),
    /**
     * Adds the model a model file (bytes as exportModel gives them) or a notebook file
     * (.safetensors) describes; resolves to its row. `fileName` names a notebook file's model.
     * @param {ArrayLike<number>} bytes @param {string} [fileName]
     */
    importModel: (bytes, fileName) => page.backends.import(Uint8Array.from(bytes), fileName),
    /** A model as a notebook file (safetensors: the notebook's names, PyTorch's layout): a Uint8Array. */
    exportNotebook: (/** @type {string} */ name) => lab.export_notebook({ model: name }),
    /**
     * A model as a runnable notebook (.ipynb text, src/ipynb.rs) for the data set the models
     * train on, in the page's language: its class, its weights, the page's figures beside the
     * notebook's, the notebook's loop.
     */
    exportIpynb: (/** @type {string} */ name) => lab.export_ipynb({ model: name, dataset: /** @type {import('./types/face.d.ts').Source} */ (page.state.data), language: /** @type {'en' | 'pt'} */ (language()) }),
    /**
     * Trains and shows every view on a data set: 'mnist', 'fashion' or 'own' (the drawings and
     * pictures added to it); resolves to {set, trainLen, testLen}.
     */
    setData: (/** @type {import('./protocol.js').DataSetName} */ set) => (page.datasets ?? needs('the data sets')).choose(set),
    /**
     * Adds digits to the own data set: 784 values in [0, 1] each, with a label ('3', 'cat').
     * @param {ArrayLike<number>} pixels @param {string | number} label
     */
    addToOwnData: (pixels, label) => (page.datasets ?? needs('the data sets')).addDigits(Float32Array.from(pixels), String(label)),
    /** The own data set as kept: {pixels (n × 784 values 0..255), labels (n), classes (each label's name, or null)}. */
    ownData: () => {
      const own = (page.datasets ?? needs('the data sets')).own;
      return { pixels: Array.from(own.pixels), labels: Array.from(own.labels), classes: [...own.classes] };
    },
    /** Removes a built model. */
    remove: (/** @type {string} */ name) => page.backends.remove(name),
    /** The encoder's kernels: {units, weights, scale, rarePixels, rareSpread, inkedSpread, initSpread}. */
    kernels: (model = first()) => lab.kernels({ model }),
    /** A model (≤ 100 hidden units) against PCA with as many components: {k, pcaPsnr, modelPsnr, overlap, explained, digits, fitted}. */
    pca: (model = first(), limit = 1000) => lab.pca({ model, limit }),
    /**
     * Times a training step of the shipped models on WebGPU and on the CPU, as the page's probe
     * does where it finds a GPU: {webgpu, cpu, model, batch}, ms a step of all of them (null
     * where a backend failed).
     */
    probe: () => lab.probe(),
    /** 784 values in [0, 1] → 784 values in [0, 1]. @param {ArrayLike<number>} pixels @param {string} [model] */
    reconstruct: (pixels, model = first()) => lab.reconstruct({ model, pixels: floats(pixels) }),
    /** @param {ArrayLike<number>} pixels 784 values in [0, 1] @param {string} [model] */
    encode: (pixels, model = first()) => lab.encode({ model, pixels: floats(pixels) }),
    /** @param {ArrayLike<number>} codes @param {string} [model] */
    decode: (codes, model = first()) => lab.decode({ model, codes: floats(codes) }),
    /**
     * Trains `steps` steps (a whole number ≥ 1) of a model, or of all of them with 'both', as
     * the Train button does; resolves to {losses, msPerStep, steps, epochs, stopped}.
     */
    async train({ model = first(), steps = 10, fromScratch = false } = {}) {
      const training = page.training ?? needs('training');
      const run = await training.train({ model, steps, fromScratch, source: () => t('training.source.console') });
      const report = model === ALL_MODELS ? null : run.reports[model];
      return {
        losses: model === ALL_MODELS ? run.losses : run.losses[model],
        msPerStep: run.msPerStep,
        steps: report ? report.steps : Object.fromEntries(Object.entries(run.reports).map(([m, r]) => [m, r.steps])),
        epochs: report ? report.epochs : Object.fromEntries(Object.entries(run.reports).map(([m, r]) => [m, r.epochs])),
        stopped: run.stopped,
        chunks: run.chunks,
        gpu: run.gpu,
      };
    },
    /** The loss curves drawn on the page: {'standard train': [[step, loss], …], …}. */
    history: () => page.training?.history() ?? {},
    /** Every step's loss of a model since it was created, reset or loaded (Rust's record, kept in its checkpoint). */
    losses: async (model = first()) => Array.from(await lab.history({ model })),
    /** The worker's memory: each loaded wasm module's (bytes) and its JS heap. */
    memory: () => lab.memory(),
    /**
     * The WebGPU calls the worker made since the last reset (dispatches, compute passes,
     * pipelines and buffers made, writes, submits, read backs: www/gpucount.js); the first
     * call starts counting. `reset` starts again from zero after answering.
     */
    gpuCounts: ({ reset = false } = {}) => lab.gpuCounts({ reset }),
    /**
     * Resolves once the page has nothing left to do: the autosave written, no call to the worker
     * in flight, and the page idle (an idle callback) with still none started.
     */
    async settled() {
      for (;;) {
        await page.autosave?.writing;
        await lab.idle();
        await new Promise((resolve) => requestIdleCallback(() => resolve(undefined)));
        if (!lab.pending.size) return;
      }
    },
    /** Saves the trained and built models in the browser's storage now (as after each epoch); resolves to how many. */
    autosave: () => (page.autosave ?? needs('the autosave')).save(),
    /** Test-set scores: {mse (images in [-1, 1]), mseUnit (in [0, 1]), psnr (dB), digits}. */
    evaluate: ({ model = first(), limit = 10000 } = {}) => lab.evaluate({ model, limit }),
    state: page.state,
  };
  // Each lab's own entries (www/labs/<lab>/unit.js), given its controller once the page has made it.
  for (const unit of /** @type {readonly import('./labs/index.js').LabUnit[]} */ (LABS)) {
    if (!unit.console) continue;
    const the = () => page.labs[unit.name];
    const need = () => the() ?? needs(`the ${unit.name} lab`);
    for (const [name, entry] of Object.entries(unit.console({ lab, the: /** @type {any} */ (the), need: /** @type {any} */ (need), first, floats }))) {
      if (name in api) throw new Error(`the console entry '${name}' of the ${unit.name} lab is taken`);
      /** @type {Record<string, unknown>} */ (api)[name] = entry;
    }
  }
  Object.defineProperty(window, 'playground', { value: api, configurable: true });
  return api;
}
