// @ts-check
import { FACE } from './types/operations.js';

// The one message protocol between the page and its worker. Every operation the page can ask
// for is in OPERATIONS: the wasm face's, listed once in Rust (src/contract.rs generates
// www/types/operations.js and their declarations in www/types/face.d.ts), and the worker's own
// below. Every event the worker (or the client) sends is in EVENTS. The client
// (`labclient.js`) offers one method per operation, each taking one argument record, so a view
// calls `lab.anomaly({model, pixels})`, never a string, and `tsc` checks the record.
//
// On the wire: `{id, op, args}` in, `{id, ok: true, result}` or `{id, ok: false, error, fatal}`
// out, and `{event, ...}` while work runs. `args` is the operation's record, handed to the
// face as it is (Rust reads it, fills in its defaults, refuses fields it does not know).
//
// Adding an operation of the wasm face: a method in src/web.rs and a line in src/contract.rs's
// list; nothing here. Only the worker's own operations are rows here, with a handler in worker.js.

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
 * @property {AdapterInfo} [adapter] on WebGPU, the adapter the session computes on
 */

/**
 * @typedef {object} AdapterInfo A WebGPU adapter as the page names it.
 * @property {string} name its description, or its vendor and architecture
 * @property {boolean} software whether it is a software adapter (the CPU standing in for a GPU)
 */

/**
 * @typedef {object} ProbeResult Ms of a training step of each shipped model, summed (each the
 *   median of 3 steps after a warm-up), as the performance line counts a step; null where the
 *   backend failed.
 * @property {number | null} webgpu @property {number | null} cpu
 * @property {string} model the labels of the models timed
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
 * @typedef {object} TrainArgs What to train: a model of the table (`model`), or a lab's own
 *   network (`toy`: 'plane', 'helix', 'superres'), never both.
 * @property {string} [model] a model's name, or ALL_MODELS
 * @property {string} [toy] a lab's own network
 * @property {number} steps steps for each model, a whole number ≥ 1
 * @property {number} [testEvery] evaluate on test digits every this many steps (0: never)
 */

/**
 * @typedef {object} TrainRun What one `train` call did.
 * @property {Record<string, number[]>} losses every step's loss, by model (a toy: its models'
 *   losses, the last chunk's of each step)
 * @property {Record<string, TrainReport>} reports each model's last report (a toy's: its ToyReport)
 * @property {number} steps steps taken, all models together
 * @property {number} ms time in training, all models together: the chunks' own time in the
 *   worker, not their waits behind other jobs of its queue
 * @property {number} msPerStep `ms / steps`
 * @property {boolean} stopped whether Pause ended it early
 * @property {number} chunks the calls into the module it took
 * @property {Record<string, number>} [gpu] what its steps asked of the GPU, where WebGPU calls
 *   are counted (www/gpucount.js)
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
 * @property {'progress'} event @property {string} model the model of the table, or the toy
 * @property {boolean} toy whether `model` is a lab's own network (its report a ToyReport)
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
 * @property {Record<string, unknown>} [defaults] values for arguments left out (the worker's
 *   own operations; the face's records carry their defaults in Rust)
 */

/**
 * The worker's own operations (every other one is the wasm face's, `FACE`). The comment of
 * each row names its result.
 * @type {Record<string, Operation>}
 */
const WORKER_OPERATIONS = {
  /** → OpenInfo: opens a session on a backend with the given (or shipped) weights. */
  open: { by: 'worker' },
  /** → ProbeResult: times a training step on WebGPU and on the CPU. */
  probe: { by: 'worker' },
  /** → PictureDigit: an image file (PNG, JPEG…) made an MNIST-like digit. */
  picture: { by: 'worker' },
  /** → Digits: the first `count` test digits (up to 100 before `data` has loaded them all). */
  gallery: { by: 'worker' },
  /** → DataInfo: gives the session a data set's training and test images, fetching them once
   *  (DataEvents as they arrive); a failed fetch or a bad own set changes nothing. */
  data: { by: 'worker', defaults: { set: 'mnist', own: null } },
  /** → Digits: Fashion-MNIST examples (not digits). */
  fashion: { by: 'worker' },
  /** → {wasm: {cpu?, full?, threads?: bytes}, heap: bytes | null}: the worker's memory (the soak samples it). */
  memory: { by: 'worker' },
  /** → the WebGPU calls counted since the last reset (www/gpucount.js), null without WebGPU. */
  gpuCounts: { by: 'worker', defaults: { reset: false } },
  /** → TrainRun: trains a model of the table, all of them, or a lab's own network, in chunks, posting ProgressEvent and TestEvent. */
  train: { by: 'worker', defaults: { testEvery: 0 } },
  /** → true: asks the training run (the table's, or a toy's) to stop after its chunk. */
  pause: { by: 'worker' },
  /** → EnergyRun: an energy minimisation, posting EnergyEvent frames; a newer run stops it. */
  energy: { by: 'worker', defaults: { every: 2 } },
};

/**
 * Every operation: the worker's own, then the wasm face's (generated from Rust's list in
 * src/contract.rs). A name in both would be the worker's; none is.
 * @type {Readonly<Record<string, Operation>>}
 */
export const OPERATIONS = Object.freeze({
  ...Object.fromEntries(Object.entries(FACE).map(([name, by]) => [name, { by }])),
  ...WORKER_OPERATIONS,
});

/**
 * The worker's own operations as the client offers them.
 * @typedef {object} WorkerMethods
 * @property {(args: OpenArgs) => Promise<OpenInfo>} open
 * @property {() => Promise<ProbeResult>} probe
 * @property {(args: {bytes: Uint8Array, name: string}) => Promise<PictureDigit>} picture
 * @property {(args: {count: number}) => Promise<Digits>} gallery
 * @property {(args?: DataArgs) => Promise<DataInfo>} data
 * @property {() => Promise<Digits>} fashion
 * @property {() => Promise<{wasm: Record<string, number>, heap: number | null}>} memory
 * @property {(args?: {reset?: boolean}) => Promise<Record<string, number> | null>} gpuCounts
 * @property {(args: TrainArgs) => Promise<TrainRun>} train
 * @property {(args?: {toy?: string}) => Promise<boolean>} pause
 * @property {(args: EnergyArgs) => Promise<EnergyRun>} energy
 */

/**
 * The client's methods, one per operation, each taking its one argument record: the face's
 * declared from Rust (`FaceMethods`, in www/types/face.d.ts), the worker's above.
 * @typedef {Omit<import('./types/face').FaceMethods, 'train'> & WorkerMethods} LabMethods
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
