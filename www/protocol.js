// @ts-check
// The one message protocol between the page and its worker. Every operation the page can ask
// for is a row of OPERATIONS, named as the wasm face (`src/web.rs`) names it; every event the
// worker (or the client) sends is in EVENTS. The worker's handlers are keyed by these names,
// and the client (`labclient.js`) offers one method per row, so a view calls
// `lab.anomaly(model, pixels)`, never a string.
//
// On the wire: `{id, op, args}` in, `{id, ok: true, result}` or `{id, ok: false, error, fatal}`
// out, and `{event, ...}` while work runs. `args` is always a record named by `params`.
//
// Adding an operation that the wasm face offers: one row here (and its typedefs); the worker
// calls `pg[name](...params)` for rows with `by: 'session'` (an open Playground) or
// `Playground[name](...params)` for `by: 'static'`; only `by: 'worker'` rows need a handler.

// ---- records of the wasm face ------------------------------------------------------------
// Declared from the Rust types themselves (src/contract.rs writes www/types/face.d.ts; the
// native tests fail when it is stale): what each field means is written there, from Rust's docs.

/**
 * @typedef {import('./types/face').Corruption} Corruption
 * @typedef {import('./types/face').Recipe} Recipe
 * @typedef {import('./types/face').ModelSpec} ModelSpec
 * @typedef {import('./types/face').BuilderOptions} BuilderOptions
 * @typedef {import('./types/face').TrainReport} TrainReport
 * @typedef {import('./types/face').Evaluation} Evaluation
 * @typedef {import('./types/face').Ink} Ink
 * @typedef {import('./types/face').PcaComparison} PcaComparison
 * @typedef {import('./types/face').Kernels} Kernels
 * @typedef {import('./types/face').Restoration} Restoration
 * @typedef {import('./types/face').Denoised} Denoised
 * @typedef {import('./types/face').Interpolation} Interpolation
 * @typedef {import('./types/face').EnergyFrame} EnergyFrame
 * @typedef {import('./types/face').AnomalyReport} AnomalyReport
 * @typedef {import('./types/face').AnomalyRoc} AnomalyRoc
 * @typedef {import('./types/face').MapReport} MapReport
 * @typedef {import('./types/face').PlaneSetup} PlaneSetup
 * @typedef {import('./types/face').PlaneNumbers} PlaneNumbers
 * @typedef {import('./types/face').PlaneView} PlaneView
 * @typedef {import('./types/face').Way} Way
 * @typedef {import('./types/face').HelixSetup} HelixSetup
 * @typedef {import('./types/face').HelixView} HelixView
 * @typedef {import('./types/face').ToyReport} ToyReport
 * @typedef {import('./types/face').ToyLoss} ToyLoss
 * @typedef {import('./types/face').SuperResSetup} SuperResSetup
 * @typedef {import('./types/face').Upscaled} Upscaled
 * @typedef {import('./types/face').UpscalePsnr} UpscalePsnr
 * @typedef {import('./types/face').Transform} Transform
 * @typedef {import('./types/face').Kind} Kind
 * @typedef {import('./types/face').Transformed} Transformed
 * @typedef {import('./types/face').TransformCurve} TransformCurve
 * @typedef {import('./types/face').Augmentation} Augmentation
 * @typedef {import('./types/face').UpscaleScores} UpscaleScores
 */

// ---- records of the worker's own operations ------------------------------------------------

/**
 * @typedef {object} Digits Digits of the page's digits format.
 * @property {Uint8Array} pixels n × 784 grey levels 0..255
 * @property {Uint8Array} labels n classes
 */

/** @typedef {Record<string, Uint8Array>} Weights burnpack bytes by model name */

/**
 * @typedef {object} OpenArgs
 * @property {string} backend 'webgpu' | 'cpu' | 'flex'
 * @property {string} base the page's root URL (to fetch www/data and www/models)
 * @property {Weights} [weights] the weights to load; the shipped ones when absent
 * @property {Recipe[]} [recipes] built models to add before loading the weights
 * @property {boolean} [simulateGpuFailure] hide the GPU adapter (?gpu=fail)
 * @property {number} [threads] the CPU backends' threads where the page is cross-origin isolated
 *   (0: one per core; 1, the default: the single-threaded modules)
 * @property {DataArgs} [data] a data set the new session gets before it answers (a session opened
 *   without one gets the worker's, if it holds one)
 */

/**
 * @typedef {object} OpenInfo
 * @property {string} backend the backend opened
 * @property {number} trainLen training digits loaded
 * @property {number} testLen test digits loaded
 * @property {DataSetName} [set] the data set the new session was given (the worker's, if it holds one)
 * @property {number} [threads] threads computing (1 unless the threaded module runs)
 * @property {boolean} [isolated] whether the page is cross-origin isolated (shared memory allowed)
 * @property {string} [threadsFailed] why the threaded module could not start, if it could not
 */

/**
 * @typedef {object} ProbeResult Median ms of one batch through the largest model, or null.
 * @property {number | null} webgpu @property {number | null} cpu
 * @property {string} model the label of the model timed
 * @property {number} batch digits in the batch
 */

/**
 * @typedef {object} DenoiseArgs
 * @property {Float32Array} drawing width × height values in [0, 1]
 * @property {number} width @property {number} height
 * @property {Uint8Array} hidden 784 values, 1 = hidden by hand
 * @property {number} dropout @property {number} sigma @property {number} seed
 * @property {number} [radius] the classical inpaintings' radius (3)
 */

/**
 * @typedef {object} TrainArgs
 * @property {string} model a model's name, or ALL_MODELS
 * @property {number} steps steps for each model, a whole number ≥ 1
 * @property {number} [testEvery] evaluate on test digits every this many steps (0: never)
 */

/**
 * @typedef {object} TrainRun What one `train` call did.
 * @property {Record<string, number[]>} losses every step's loss, by model
 * @property {Record<string, TrainReport>} reports each model's last report
 * @property {number} steps steps taken, all models together
 * @property {number} ms time in training, all models together
 * @property {number} msPerStep
 * @property {boolean} stopped whether Pause ended it early
 */

/**
 * @typedef {object} EnergyArgs
 * @property {string} model @property {'latent' | 'pixels'} unknown
 * @property {Float32Array} shown @property {Uint8Array} hidden @property {number} dropout
 * @property {number} iterations @property {number} [every] a frame every this many (2)
 * @property {number} token echoed in the events, so a view can drop old runs' frames
 */

/**
 * @typedef {object} EnergyRun
 * @property {boolean} stopped whether a newer run stopped this one
 * @property {number} [first] the energy at the start @property {number} [last] at the end
 * @property {Float32Array} [image] the restoration reached
 * @property {number} [iterations] @property {number} [ms]
 */

// ---- events ----------------------------------------------------------------------------------

/**
 * @typedef {object} ProgressEvent After each chunk of training steps.
 * @property {'progress'} event @property {string} model
 * @property {TrainReport} report the chunk's report (its losses; the model's steps and epochs)
 * @property {number} taken steps in this chunk @property {number} ms the chunk's time
 * @property {number} done steps of this model in this run @property {number} target steps asked for
 */

/**
 * @typedef {object} TestEvent An evaluation on 1,000 test digits during training.
 * @property {'test'} event @property {string} model
 * @property {Evaluation} evaluation @property {number} steps the model's steps then
 */

/**
 * @typedef {object} EnergyEvent A frame of an energy minimisation.
 * @property {'energy'} event @property {number} token @property {'latent' | 'pixels'} unknown
 * @property {number} iteration @property {number} energy @property {Float32Array} image
 */

/**
 * @typedef {object} DataInfo The data set the session holds.
 * @property {DataSetName} set @property {number} trainLen @property {number} testLen
 */

/**
 * @typedef {'mnist' | 'fashion' | 'own'} DataSetName MNIST's digits, Fashion-MNIST's clothes,
 *   or the student's own drawings and pictures.
 */

/**
 * @typedef {object} DataArgs
 * @property {DataSetName} [set] 'mnist' when absent
 * @property {Uint8Array} [own] the own set's images in the digits format (AEPD), for set 'own':
 *   they are its training and its test images
 */

/**
 * @typedef {object} PictureDigit A picture made an MNIST-like digit.
 * @property {Float32Array} digit 784 values in [0, 1] @property {number} width @property {number} height the picture's size
 */

/**
 * @typedef {object} DataEvent Bytes of a data set's training and test images received so far.
 * @property {'data'} event @property {DataSetName} set @property {number} received @property {number} total 0 while unknown
 */

/**
 * @typedef {object} FatalEvent The worker's wasm died (a panic, a lost GPU): sent by the client.
 * @property {'fatal'} event @property {string} error
 */

/** Every event, by name. */
export const EVENTS = /** @type {const} */ (['progress', 'test', 'energy', 'data', 'fatal', 'alive']); // 'alive': the worker holds its lock (labclient.js)

// ---- operations ------------------------------------------------------------------------------

/**
 * @typedef {object} Operation
 * @property {'session' | 'static' | 'worker'} by who answers: the open Playground, a static
 *   function of the wasm module, or a handler of the worker's own
 * @property {string[]} params the argument names, in the wasm function's order
 * @property {Record<string, unknown>} [defaults] values for arguments left out
 * @property {boolean} [record] the client method takes one record (`lab.train({…})`)
 *   instead of positional arguments (`lab.anomaly(model, pixels)`)
 */

/**
 * Every operation. The comment of each row names its result.
 * @type {Record<string, Operation>}
 */
export const OPERATIONS = {
  /** → OpenInfo: opens a session on a backend with the given (or shipped) weights. */
  open: { by: 'worker', params: ['backend', 'base', 'weights', 'recipes', 'simulateGpuFailure', 'threads', 'data'], record: true },
  /** → ProbeResult: times WebGPU and the CPU on one batch. */
  probe: { by: 'worker', params: [] },
  /** → ModelSpec[]: Rust's table of models. */
  models: { by: 'session', params: [] },
  /** → ModelSpec: adds a model built from a Recipe, fresh weights drawn from `seed`. */
  add_model: { by: 'session', params: ['recipe', 'seed'], defaults: { seed: 1 } },
  /** → {hiddenSizes, maxContractive, maxModels}: what the model builder offers. */
  builder_options: { by: 'static', params: [] },
  /** → undefined: removes a built model. */
  remove_model: { by: 'session', params: ['model'] },
  /** → Kernels of the model's encoder. */
  kernels: { by: 'session', params: ['model'] },
  /** → Uint8Array: a model file (its recipe and its weights). */
  export_model: { by: 'session', params: ['model'] },
  /** → ModelSpec: adds the model a model file or a notebook file (safetensors) describes, with
   *  its weights; a notebook file's model is named after `fileName`. */
  import_model: { by: 'session', params: ['bytes', 'fileName'], defaults: { fileName: null } },
  /** → Uint8Array: the model as a notebook file (safetensors, the notebook's names and layout). */
  export_notebook: { by: 'session', params: ['model'] },
  /** → boolean: whether bytes are a model file rather than weights alone. */
  is_model_file: { by: 'static', params: ['bytes'] },
  /** → boolean: whether bytes start like a safetensors file. */
  is_notebook_file: { by: 'static', params: ['bytes'] },
  /** → PictureDigit: an image file (PNG, JPEG…) made an MNIST-like digit. */
  picture: { by: 'worker', params: ['bytes', 'name'] },
  /** → number of points: sets up the manifold lab's plane. */
  plane_setup: { by: 'session', params: ['setup'] },
  /** → ToyReport: trains the plane's three models. */
  plane_train: { by: 'session', params: ['steps'] },
  /** → PlaneView of the model trained `way`. */
  plane_view: { by: 'session', params: ['way', 'grid'], defaults: { grid: 40 } },
  /** → Float32Array n × 2: the noisy points moved k times. */
  plane_apply: { by: 'session', params: ['way', 'k'] },
  /** → number of points: sets up the helix. */
  helix_setup: { by: 'session', params: ['setup'] },
  /** → ToyReport: trains the helix's autoencoder. */
  helix_train: { by: 'session', params: ['steps'] },
  /** → HelixView. */
  helix_view: { by: 'session', params: [] },
  /** → number of training digits: sets up a super-resolution network. */
  superres_setup: { by: 'session', params: ['setup'] },
  /** → ToyReport: trains it. */
  superres_train: { by: 'session', params: ['steps'] },
  /** → Upscaled: a digit (784) or a low-resolution drawing (side²) made large every way. */
  superres: { by: 'session', params: ['pixels'] },
  /** → UpscaleScores on test digits of classes from..to. */
  superres_scores: { by: 'session', params: ['limit', 'from', 'to'], defaults: { limit: 1000, from: 0, to: 9 } },
  /** → Transformed: a digit transformed and reconstructed. */
  transform: { by: 'session', params: ['model', 'pixels', 'transform'] },
  /** → TransformCurve: PSNR against the amount of one kind of transformation. */
  transform_curve: { by: 'session', params: ['model', 'pixels', 'kind'] },
  /** → undefined: trains the model with random transformations from now on (null: without). */
  set_augmentation: { by: 'session', params: ['model', 'ranges'] },
  /** → Ink: which pixels the training digits ink. */
  ink: { by: 'session', params: [] },
  /** → PcaComparison on the first `limit` test digits. */
  pca: { by: 'session', params: ['model', 'limit'], defaults: { limit: 1000 } },
  /** → Digits: the first `count` test digits (up to 100 before `data` has loaded them all). */
  gallery: { by: 'worker', params: ['count'] },
  /** → DataInfo: gives the session a data set's training and test images, fetching them once
   *  (DataEvents as they arrive); a failed fetch or a bad own set changes nothing. */
  data: { by: 'worker', params: ['set', 'own'], defaults: { set: 'mnist', own: null }, record: true },
  /** → Digits: Fashion-MNIST examples (not digits). */
  fashion: { by: 'worker', params: [] },
  /** → Float32Array n × 784: reconstructions; with dropout > 0 of the corrupted input. */
  reconstruct: { by: 'session', params: ['model', 'pixels', 'dropout', 'seed'], defaults: { dropout: 0, seed: 0 } },
  /** → Float32Array n × 784: the dropout-corrupted input, shown in [0, 1]. */
  corrupt: { by: 'static', params: ['pixels', 'dropout', 'seed'] },
  /** → Float32Array n × latent. */
  encode: { by: 'session', params: ['model', 'pixels'] },
  /** → Float32Array n × 784. */
  decode: { by: 'session', params: ['model', 'codes'] },
  /** → Evaluation on the first `limit` test digits. */
  evaluate: { by: 'session', params: ['model', 'limit'], defaults: { limit: 1000 } },
  /** → Uint8Array: the model's weights (burnpack). */
  weights: { by: 'session', params: ['model'] },
  /** → undefined: replaces a model's weights, or its whole training with a checkpoint; a bad file changes nothing. */
  load_weights: { by: 'session', params: ['model', 'bytes'] },
  /** → {wasm: {cpu?, full?, threads?: bytes}, heap: bytes | null}: the worker's memory (the soak samples it). */
  memory: { by: 'worker', params: [] },
  /** → Uint8Array: a checkpoint (weights, Adam's moments, place in the data, loss history). */
  checkpoint: { by: 'session', params: ['model'] },
  /** → Float32Array: every step's loss since the model was created, reset or loaded. */
  history: { by: 'session', params: ['model'] },
  /** → undefined: random weights again. */
  reset: { by: 'session', params: ['model', 'seed'], defaults: { seed: 1 } },
  /** → number: steps the model took since it was created or loaded. */
  steps: { by: 'session', params: ['model'] },
  /** → Denoised: the denoising lab in one call. */
  denoise: { by: 'session', params: ['drawing', 'width', 'height', 'hidden', 'dropout', 'sigma', 'seed', 'radius'], defaults: { radius: 3 }, record: true },
  /** → TrainRun: trains in chunks, posting ProgressEvent and TestEvent. */
  train: { by: 'worker', params: ['model', 'steps', 'testEvery'], defaults: { testEvery: 0 }, record: true },
  /** → true: asks the training run to stop after its chunk. */
  pause: { by: 'worker', params: [] },
  /** → Interpolation from A to B. */
  interpolate: { by: 'session', params: ['model', 'a', 'b', 'frames'] },
  /** → EnergyRun: an energy minimisation, posting EnergyEvent frames; a newer run stops it. */
  energy: { by: 'worker', params: ['model', 'unknown', 'shown', 'hidden', 'dropout', 'iterations', 'every', 'token'], defaults: { every: 2 }, record: true },
  /** → AnomalyReport of one image. */
  anomaly: { by: 'session', params: ['model', 'pixels'] },
  /** → Float32Array: the reference test digits' scores, sorted. */
  anomaly_scores: { by: 'session', params: ['model'] },
  /** → AnomalyRoc: test digits against the given outliers (n × 784). */
  anomaly_roc: { by: 'session', params: ['model', 'outliers'] },
  /** → MapReport of the first `count` test digits. */
  latent_map: { by: 'session', params: ['model', 'count'] },
  /** → Float32Array n × 2: map coordinates of codes. */
  map_codes: { by: 'session', params: ['model', 'codes'] },
  /** → Float32Array n × 784: images at map coordinates. */
  map_decode: { by: 'session', params: ['model', 'points'] },
  /** → Float32Array: codes rounded to `bits` bits each. */
  quantise: { by: 'static', params: ['codes', 'bits'] },
};

/**
 * The client's methods, one per operation (generated in labclient.js from OPERATIONS).
 * @typedef {object} LabMethods
 * @property {(args: OpenArgs) => Promise<OpenInfo>} open
 * @property {() => Promise<ProbeResult>} probe
 * @property {() => Promise<ModelSpec[]>} models
 * @property {(recipe: Recipe, seed?: number) => Promise<ModelSpec>} add_model
 * @property {(model: string) => Promise<void>} remove_model
 * @property {() => Promise<{hiddenSizes: number[], maxContractive: number, maxModels: number}>} builder_options
 * @property {(model: string) => Promise<Kernels>} kernels
 * @property {(model: string) => Promise<Uint8Array>} export_model
 * @property {(bytes: Uint8Array, fileName?: string | null) => Promise<ModelSpec>} import_model
 * @property {(model: string) => Promise<Uint8Array>} export_notebook
 * @property {(bytes: Uint8Array) => Promise<boolean>} is_model_file
 * @property {(bytes: Uint8Array) => Promise<boolean>} is_notebook_file
 * @property {(bytes: Uint8Array, name: string) => Promise<PictureDigit>} picture
 * @property {(setup: PlaneSetup) => Promise<number>} plane_setup
 * @property {(steps: number) => Promise<ToyReport>} plane_train
 * @property {(way: string, grid?: number) => Promise<PlaneView>} plane_view
 * @property {(way: string, k: number) => Promise<Float32Array>} plane_apply
 * @property {(setup: HelixSetup) => Promise<number>} helix_setup
 * @property {(steps: number) => Promise<ToyReport>} helix_train
 * @property {() => Promise<HelixView>} helix_view
 * @property {(setup: SuperResSetup) => Promise<number>} superres_setup
 * @property {(steps: number) => Promise<ToyReport>} superres_train
 * @property {(pixels: Float32Array) => Promise<Upscaled>} superres
 * @property {(limit?: number, from?: number, to?: number) => Promise<UpscaleScores>} superres_scores
 * @property {(model: string, pixels: Float32Array, transform: Transform) => Promise<Transformed>} transform
 * @property {(model: string, pixels: Float32Array, kind: string) => Promise<TransformCurve>} transform_curve
 * @property {(model: string, ranges: Augmentation | null) => Promise<void>} set_augmentation
 * @property {() => Promise<Ink>} ink
 * @property {(model: string, limit?: number) => Promise<PcaComparison>} pca
 * @property {(count: number) => Promise<Digits>} gallery
 * @property {(args?: DataArgs) => Promise<DataInfo>} data
 * @property {() => Promise<Digits>} fashion
 * @property {(model: string, pixels: Float32Array, dropout?: number, seed?: number) => Promise<Float32Array>} reconstruct
 * @property {(pixels: Float32Array, dropout: number, seed: number) => Promise<Float32Array>} corrupt
 * @property {(model: string, pixels: Float32Array) => Promise<Float32Array>} encode
 * @property {(model: string, codes: Float32Array) => Promise<Float32Array>} decode
 * @property {(model: string, limit?: number) => Promise<Evaluation>} evaluate
 * @property {(model: string) => Promise<Uint8Array>} weights
 * @property {(model: string, bytes: Uint8Array) => Promise<void>} load_weights
 * @property {(model: string) => Promise<Uint8Array>} checkpoint
 * @property {() => Promise<{wasm: Record<string, number>, heap: number | null}>} memory
 * @property {(model: string) => Promise<Float32Array>} history
 * @property {(model: string, seed?: number) => Promise<void>} reset
 * @property {(model: string) => Promise<number>} steps
 * @property {(args: DenoiseArgs) => Promise<Denoised>} denoise
 * @property {(args: TrainArgs) => Promise<TrainRun>} train
 * @property {() => Promise<boolean>} pause
 * @property {(model: string, a: Float32Array, b: Float32Array, frames: number) => Promise<Interpolation>} interpolate
 * @property {(args: EnergyArgs) => Promise<EnergyRun>} energy
 * @property {(model: string, pixels: Float32Array) => Promise<AnomalyReport>} anomaly
 * @property {(model: string) => Promise<Float32Array>} anomaly_scores
 * @property {(model: string, outliers: Float32Array) => Promise<AnomalyRoc>} anomaly_roc
 * @property {(model: string, count: number) => Promise<MapReport>} latent_map
 * @property {(model: string, codes: Float32Array) => Promise<Float32Array>} map_codes
 * @property {(model: string, points: Float32Array) => Promise<Float32Array>} map_decode
 * @property {(codes: Float32Array, bits: number) => Promise<Float32Array>} quantise
 */

// ---- the facts both sides share --------------------------------------------------------------

/** The `model` of a `train` call that trains every model of the table, taking turns. */
export const ALL_MODELS = 'both';

/** Digits in a training batch (the notebook's 256; Rust's `TrainingConfig::batch_size`). */
export const BATCH = 256;

/** Pixels in a digit (28 × 28). */
export const PIXELS = 784;

/** Training steps that see each of `trainLen` digits at least once: one epoch. @param {number} trainLen */
export function stepsPerEpoch(trainLen) {
  return Math.max(1, Math.ceil(trainLen / BATCH));
}

/**
 * Epochs after `steps` steps, as Rust counts them (digits seen / training digits); for a
 * model without a TrainReport yet (a report's own `epochs` is preferred).
 * @param {number} steps @param {number} trainLen
 */
export function epochsOf(steps, trainLen) {
  return trainLen > 0 ? (steps * Math.min(BATCH, trainLen)) / trainLen : 0;
}

/**
 * Checks a number of training steps: a whole number of at least 1 (not a string, not NaN).
 * @param {unknown} steps
 * @returns {number}
 */
export function checkSteps(steps) {
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1) {
    const shown = typeof steps === 'string' ? `'${steps}' (a string)` : String(steps);
    throw new Error(`steps must be a whole number of at least 1, got ${shown}`);
  }
  return steps;
}

/**
 * The models a `train` call names: one of the table, or all of them for ALL_MODELS.
 * @param {unknown} model
 * @param {ModelSpec[]} table
 * @returns {string[]}
 */
export function modelsToTrain(model, table) {
  if (model === ALL_MODELS) return table.map((m) => m.name);
  if (typeof model === 'string' && table.some((m) => m.name === model)) return [model];
  const names = [...table.map((m) => `'${m.name}'`), `'${ALL_MODELS}' (all of them)`];
  throw new Error(`unknown model ${typeof model === 'string' ? `'${model}'` : String(model)} (expected ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]})`);
}

/**
 * The record an operation is sent with, from a method's positional arguments.
 * @param {string} op
 * @param {unknown[]} values
 * @returns {Record<string, unknown>}
 */
export function argsOf(op, values) {
  const spec = OPERATIONS[op];
  if (spec.record) return { .../** @type {object} */ (values[0] ?? {}) };
  /** @type {Record<string, unknown>} */
  const args = {};
  spec.params.forEach((name, i) => { if (values[i] !== undefined) args[name] = values[i]; });
  return args;
}

/**
 * The positional arguments of the wasm function, from a record (defaults filled in).
 * @param {string} op
 * @param {Record<string, unknown>} args
 * @returns {unknown[]}
 */
export function paramsOf(op, args) {
  const spec = OPERATIONS[op];
  return spec.params.map((name) => args[name] ?? spec.defaults?.[name]);
}
