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

// ---- records of the wasm face (see src/lab/, src/spec.rs and the concept modules that own them) -------------

/**
 * @typedef {{kind: 'none'} | {kind: 'dropout', p: number} | {kind: 'gaussian', sigma: number}} Corruption
 *   How a model's training input is corrupted (the target is always the clean digit).
 */

/**
 * @typedef {object} Recipe What the model builder asks Rust for (`src/spec.rs`); a ModelSpec is one too.
 * @property {string} name lower-case letters, digits and dashes
 * @property {number} latent the hidden size d: 2, 5, 10, 30, 100, 500 or 1000
 * @property {'tanh' | 'linear'} activation f (and g, with MSE)
 * @property {boolean} tied W_x = W_hᵀ
 * @property {'symmetric' | 'unit'} scale the pixels as the model sees them: [-1, 1] or [0, 1]
 * @property {'mse' | 'bce'} loss BCE needs scale 'unit' and gets a sigmoid output
 * @property {Corruption} corruption
 * @property {number} contractive λ of the contractive penalty (0: none)
 * @property {number | null} [trainingDigits] train on the first this many training digits only
 */

/**
 * @typedef {object} ModelSpec One row of Rust's model table (`pg.models()`).
 * @property {string} name the name used in files, URLs and calls ('standard', …)
 * @property {string} label the short label the page shows ('standard AE (d=30)')
 * @property {string} description one sentence: what the model is and how it was trained
 * @property {number} latent the size of the code z
 * @property {'tanh' | 'linear'} activation @property {boolean} tied
 * @property {'symmetric' | 'unit'} scale @property {'mse' | 'bce'} loss
 * @property {Corruption} corruption @property {number} contractive
 * @property {number | null} trainingDigits
 * @property {string} colour its colour in charts and legends (CSS)
 * @property {boolean} shipped whether `www/models/<name>.bpk` ships with the page
 */

/**
 * @typedef {object} TrainReport What a run of training steps of one model did.
 * @property {number[]} losses each step's objective on its batch (the model's loss in its own
 *   scale plus its contractive penalty; MSE [-1,1] for the notebook's models)
 * @property {number} steps steps taken by the model since it was created or loaded
 * @property {number} epochs epochs over the training digits, as a fraction
 */

/**
 * @typedef {object} Evaluation A model's error on test digits.
 * @property {number} mse MSE of images in [-1, 1] (the loss's scale)
 * @property {number} mseUnit MSE of images in [0, 1]
 * @property {number} psnr 10·log10(1 / mseUnit), in dB
 * @property {number} digits how many test digits were scored
 * @property {number} jacobian mean ‖∂h/∂x‖_F on the clean test digits
 * @property {number} trainPsnr PSNR on the first trainDigits digits it trains on, same input
 * @property {number} trainDigits
 * @property {number | null} bceExcess for a BCE model: its BCE minus the digits' entropy (nats/pixel)
 * @property {number | null} entropy for a BCE model: the digits' mean entropy (nats/pixel)
 */

/**
 * @typedef {object} Ink Which pixels the training digits ink (`src/kernels.rs`).
 * @property {number} pixels @property {number} ever @property {number} often inked by ≥ 1%
 * @property {number} rare inked by < 0.1% @property {number} digits
 * @property {number} meanImagePsnr the training digits' mean image on 1,000 test digits (dB)
 */

/**
 * @typedef {object} PcaComparison A model against PCA with k = its hidden size (`src/pca.rs`).
 * @property {number} k @property {number} pcaPsnr @property {number} modelPsnr
 * @property {number} overlap ‖UᵀQ‖²_F / k @property {number} explained variance share of k components
 * @property {number} digits test digits scored @property {number} fitted training digits PCA saw
 */

/**
 * @typedef {object} Kernels Some of an encoder's kernels (`src/kernels.rs`).
 * @property {number[]} units the hidden units shown
 * @property {Float32Array} weights units.length × 784 weights
 * @property {number} scale the largest |weight| among them
 * @property {number} rarePixels pixels almost never inked in the training digits
 * @property {number} rareSpread RMS over units of their weights' spread on those pixels
 * @property {number} inkedSpread the same on the other pixels
 * @property {number} initSpread the spread at initialisation
 */

/**
 * @typedef {object} Restoration One restoration of the denoising lab's damaged digit.
 * @property {string} key a stable key: a model's name, '<name>-pasted', 'telea', 'navier-stokes'
 * @property {string} label what the page writes under it
 * @property {string} [model] the model it comes from, if any
 * @property {boolean} pasted whether the visible pixels were pasted back over the output
 * @property {boolean} primary whether the denoising lab shows it as a panel
 * @property {Float32Array} pixels 784 values in [0, 1]
 */

/**
 * @typedef {object} Denoised The denoising lab's drawing, damaged and restored.
 * @property {Float32Array} digit the drawing made MNIST-like: 784 values in [0, 1]
 * @property {Float32Array} shown the damaged digit as shown: 784 values in [0, 1]
 * @property {Uint8Array} hidden 1 where a pixel is hidden
 * @property {Restoration[]} restorations
 */

/**
 * @typedef {object} Interpolation From image A to image B.
 * @property {number} frames
 * @property {number} latent the size of a code
 * @property {Float32Array} pixels the pixel blends: frames × 784
 * @property {Float32Array} decoded the decoded blends of the codes: frames × 784
 * @property {Float32Array} codes the blended codes: frames × latent
 */

/**
 * @typedef {object} EnergyFrame One frame of an energy minimisation.
 * @property {number} iteration
 * @property {number} energy
 * @property {Float32Array} image 784 values in [0, 1]
 */

/**
 * @typedef {object} AnomalyReport How digit-like an image is to a model.
 * @property {number} score @property {number} percentile
 * @property {number} error reconstruction error, MSE [-1,1]
 * @property {number} errorPercentile @property {number} atypicality @property {number} ink
 * @property {boolean} empty @property {boolean} unusual @property {boolean} flagged
 * @property {number} threshold @property {number} flagAbove
 * @property {Float32Array} reconstruction 784 values in [0, 1]
 * @property {Float32Array} errorMap 784 per-pixel squared errors, [0, 1] scale
 */

/**
 * @typedef {object} AnomalyRoc How well the score separates test digits from outliers.
 * @property {number} auc @property {number} aucReconstruction the reconstruction error alone @property {number} aucMeanImage the mean-image term alone (no autoencoder)
 * @property {number} digits @property {number} outliers
 */

/**
 * @typedef {object} MapReport The latent map of the first test digits.
 * @property {[number, number]} variance variance along the map's two axes
 * @property {number} totalVariance
 * @property {Float32Array} points count × 2 coordinates
 */

/**
 * @typedef {object} PlaneSetup The manifold lab's plane (`src/manifold.rs`).
 * @property {'branches' | 'circle' | 'spiral' | 'moons'} curve @property {number} points
 * @property {number} seed @property {number} sigma @property {number} hidden @property {number} lambda
 * @property {boolean} nearest train the denoising model towards the nearest point of the curve
 * @property {boolean} tied W_x = W_hᵀ for all three models
 */

/**
 * @typedef {object} PlaneNumbers How one plane model treats the plane.
 * @property {number} travelOn @property {number} travelSigma @property {number} travelFar
 * @property {number | null} travelGap @property {number} alignment @property {number} ratio
 * @property {number} offCurve
 */

/**
 * @typedef {object} PlaneView What the page draws of the plane for one model.
 * @property {'plain' | 'denoising' | 'contractive'} way @property {number} steps
 * @property {Float32Array} clean n × 2 @property {Float32Array} noisy n × 2 @property {Float32Array} outputs n × 2
 * @property {number} grid @property {number} extent
 * @property {Float32Array} field grid² × 2: f(x) − x @property {Float32Array} travel grid²
 * @property {Float32Array} ellipses n × 3: larger and smaller singular value, angle
 * @property {PlaneNumbers} numbers @property {{plain: PlaneNumbers, denoising: PlaneNumbers, contractive: PlaneNumbers}} all the three models by name
 */

/**
 * @typedef {object} HelixSetup The helix of figure 19 (`src/unrolling.rs`).
 * @property {number} points @property {number} seed @property {number} hidden @property {number} turns
 */

/**
 * @typedef {object} HelixView
 * @property {number} steps @property {Float32Array} points n × 3 @property {Float32Array} positions
 * @property {Float32Array} codes @property {number} rho Spearman's ρ of codes and positions
 * @property {Float32Array} pathCodes @property {Float32Array} path pathCodes.length × 3
 * @property {number} offTraining @property {number} offBetween @property {number} offBeyond
 */

/**
 * @typedef {object} ToyReport @property {number} steps @property {{model: string, loss: number}[]} losses the last step's loss of each model, by name
 */

/**
 * @typedef {object} SuperResSetup (`src/superres.rs`)
 * @property {2 | 4} factor 28/2 = 14 or 28/4 = 7 pixels wide @property {number} hidden
 * @property {number} upTo train on the digits 0 to upTo @property {number} seed
 */

/**
 * @typedef {object} Upscaled A digit made small and large again every way.
 * @property {Float32Array} low side² values @property {number} side
 * @property {Float32Array} network @property {Float32Array} nearest
 * @property {Float32Array} bilinear @property {Float32Array} bicubic 784 values each
 * @property {{network: number, nearest: number, bilinear: number, bicubic: number} | undefined} psnr dB of each against the digit (absent without a truth)
 */

/**
 * @typedef {object} Transform (`src/transform.rs`)
 * @property {number} shiftX @property {number} shiftY @property {number} rotation degrees
 * @property {number} zoom @property {number} brightness @property {number} contrast
 */

/**
 * @typedef {object} Transformed @property {Float32Array} input @property {Float32Array} output
 * @property {number} psnr of the reconstruction against the transformed digit
 */

/**
 * @typedef {object} TransformCurve @property {string} kind @property {number[]} amounts @property {number[]} psnr
 * @property {Float32Array} inputs the transformed digit at each amount: amounts × 784
 */

/**
 * @typedef {object} Augmentation ranges of random transformations in training
 * @property {number} shift px @property {number} rotation degrees @property {number} zoom @property {number} brightness
 */

/**
 * @typedef {object} UpscaleScores PSNR (dB) over test digits.
 * @property {number} digits @property {number} network @property {number} nearest
 * @property {number} bilinear @property {number} bicubic
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

/** Training steps that see each of `trainLen` digits at least once: one epoch. */
export function stepsPerEpoch(trainLen) {
  return Math.max(1, Math.ceil(trainLen / BATCH));
}

/**
 * Epochs after `steps` steps, as Rust counts them (digits seen / training digits); for a
 * model without a TrainReport yet (a report's own `epochs` is preferred).
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
