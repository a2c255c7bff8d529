// @ts-check
// window.playground: the page's console API for teachers, tests and benchmarks. Everything goes
// through the same parts the buttons use, so what the console does shows on the page.
import { ALL_MODELS } from './protocol.js';
import { t } from './i18n.js';

/**
 * The parts of the page the console reaches; filled in while the page boots.
 * @typedef {object} Page
 * @property {import('./labclient.js').Lab} lab the LabClient
 * @property {import('./state.js').PageState} state
 * @property {import('./parts/backendswitch.js').BackendSwitch} backends
 * @property {import('./parts/training.js').TrainingPanel} [training]
 * @property {import('./parts/autosave.js').Autosave} [autosave]
 * @property {import('./denoiselab.js').DenoisingLab} [denoising]
 * @property {import('./latentlab.js').LatentLab} [latent]
 * @property {import('./builder.js').ModelBuilder} [builder]
 * @property {import('./manifoldlab.js').ManifoldLab} [manifold]
 * @property {import('./superreslab.js').SuperResLab} [superres]
 * @property {import('./transformlab.js').TransformLab} [transforms]
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
    exportModel: (/** @type {string} */ name) => lab.export_model(name),
    /**
     * Adds the model a model file (bytes as exportModel gives them) or a notebook file
     * (.safetensors) describes; resolves to its row. `fileName` names a notebook file's model.
     * @param {ArrayLike<number>} bytes @param {string} [fileName]
     */
    importModel: (bytes, fileName) => page.backends.import(Uint8Array.from(bytes), fileName),
    /** A model as a notebook file (safetensors: the notebook's names, PyTorch's layout): a Uint8Array. */
    exportNotebook: (/** @type {string} */ name) => lab.export_notebook(name),
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
    /**
     * The manifold lab: trains the plane's three models (or the helix's) `steps` more steps as
     * the Train button does, and resolves to the last frame's numbers.
     */
    async trainManifold({ toy = 'plane', steps = 500 } = {}) {
      const m = page.manifold ?? needs('the manifold lab');
      const view = toy === 'plane' ? m.view : m.helix;
      await m.train(/** @type {'plane' | 'helix'} */ (toy), (view?.steps ?? 0) + steps);
      return toy === 'plane' ? { steps: m.view?.steps, numbers: m.view?.all } : { steps: m.helix?.steps, rho: m.helix?.rho };
    },
    /** The manifold lab's last frames: {plane: PlaneView, helix: HelixView} (null before the first). */
    manifold: () => ({ plane: page.manifold?.view ?? null, helix: page.manifold?.helix ?? null }),
    /**
     * The manifold lab's toys trained `steps` steps in one call, without drawing (a benchmark of
     * the step itself): resolves to {steps, ms}, `ms` the worker round trip. The plane's step
     * trains its three models.
     */
    async toySteps({ toy = 'plane', steps = 100 } = {}) {
      const t0 = performance.now();
      const report = toy === 'plane' ? await lab.plane_train(steps) : await lab.helix_train(steps);
      return { steps: report.steps, ms: performance.now() - t0 };
    },
    /** The plane's noisy points moved `k` times through a model ('plain', 'denoising', 'contractive'): n × 2 values. */
    applyAgain: (way = 'denoising', k = 1) => lab.plane_apply(way, k),
    /**
     * Super-resolution: trains the network `epochs` epochs more, live, and resolves to its test
     * scores; with `steps`, only that many steps (no scores: {steps, losses: [{model: 'network', loss}]}).
     */
    async trainSuperres({ epochs = 1, steps = 0 } = {}) {
      const s = page.superres ?? needs('super-resolution');
      if (steps > 0) {
        const report = await lab.superres_train(steps);
        await s.show();
        return report;
      }
      await s.train(epochs);
      return s.scores;
    },
    /** Super-resolution's last digit: {low, side, network, nearest, bilinear, bicubic, psnr}. */
    superres: () => page.superres?.last ?? null,
    /** The transformations section's last result: {input, output, psnr} and its curve {kind, amounts, psnr}. */
    transformed: () => ({ last: page.transforms?.last ?? null, curve: page.transforms?.curve ?? null }),
    /** Removes a built model. */
    remove: (/** @type {string} */ name) => page.backends.remove(name),
    /** The encoder's kernels: {units, weights, scale, rarePixels, rareSpread, inkedSpread, initSpread}. */
    kernels: (model = first()) => lab.kernels(model),
    /** A model (≤ 100 hidden units) against PCA with as many components: {k, pcaPsnr, modelPsnr, overlap, explained, digits, fitted}. */
    pca: (model = first(), limit = 1000) => lab.pca(model, limit),
    /** 784 values in [0, 1] → 784 values in [0, 1]. @param {ArrayLike<number>} pixels @param {string} [model] */
    reconstruct: (pixels, model = first()) => lab.reconstruct(model, floats(pixels)),
    /** @param {ArrayLike<number>} pixels 784 values in [0, 1] @param {string} [model] */
    encode: (pixels, model = first()) => lab.encode(model, floats(pixels)),
    /** @param {ArrayLike<number>} codes @param {string} [model] */
    decode: (codes, model = first()) => lab.decode(model, floats(codes)),
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
      };
    },
    /** The loss curves drawn on the page: {'standard train': [[step, loss], …], …}. */
    history: () => page.training?.history() ?? {},
    /** Every step's loss of a model since it was created, reset or loaded (Rust's record, kept in its checkpoint). */
    losses: async (model = first()) => Array.from(await lab.history(model)),
    /** The worker's memory: each loaded wasm module's (bytes) and its JS heap. */
    memory: () => lab.memory(),
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
    evaluate: ({ model = first(), limit = 10000 } = {}) => lab.evaluate(model, limit),
    state: page.state,
    /** The denoising lab's last result: {digit, shown, hidden, restorations, dropout, sigma, scores}. */
    lab: () => page.denoising?.last,
    /** The latent lab's last results: interpolation, energy, anomaly, map, decoded point. */
    latent: () => page.latent?.results(),
    /**
     * Interpolation from A to B (784 values each in [0, 1]): {frames, latent, pixels, decoded, codes}.
     * @param {ArrayLike<number>} a @param {ArrayLike<number>} b @param {{model?: string, frames?: number}} [options]
     */
    interpolate: (a, b, { model = first(), frames = 8 } = {}) => lab.interpolate(model, floats(a), floats(b), frames),
    /** The anomaly score of an image (784 values in [0, 1]). @param {ArrayLike<number>} pixels @param {string} [model] */
    anomaly: (pixels, model = first()) => lab.anomaly(model, floats(pixels)),
    /**
     * ROC AUC of the anomaly score: the test digits against outliers (n × 784 values in [0, 1]).
     * @param {ArrayLike<number>} outliers @param {string} [model]
     */
    anomalyRoc: (outliers, model = first()) => lab.anomaly_roc(model, floats(outliers)),
  };
  Object.defineProperty(window, 'playground', { value: api, configurable: true });
  return api;
}
