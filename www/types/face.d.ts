// The records and operations of the wasm face, generated from the Rust types and the list in
// src/contract.rs (records by ts-rs). Do not edit: `AEP_BLESS=1 cargo test --lib contract`
// writes this file anew.

/**
 * The hidden layer's activation f (and, with the MSE loss, the output's g).
 */
export type Activation = "tanh" | "linear";

/**
 * A recipe to build a model from, with fresh weights drawn from `seed` (1 when left out).
 */
export type AddModel = { recipe: Recipe, seed?: number, };

/**
 * How digit-like an image is to a model (see `anomaly.rs`).
 */
export type AnomalyReport = { 
/**
 * The combined score.
 */
score: number, 
/**
 * Fraction of the reference test digits with a lower score.
 */
percentile: number, 
/**
 * The reconstruction error, MSE in [-1, 1] (the lecture's anomaly score).
 */
error: number, 
/**
 * Fraction of the reference test digits with a lower reconstruction error.
 */
errorPercentile: number, 
/**
 * The mean-image term.
 */
atypicality: number, 
/**
 * Mean pixel in [0, 1].
 */
ink: number, empty: boolean, unusual: boolean, 
/**
 * Empty or unusual.
 */
flagged: boolean, 
/**
 * The score above which an image is unusual.
 */
threshold: number, 
/**
 * The percentile of the test digits' scores above which an image is unusual.
 */
flagAbove: number, 
/**
 * The model's reconstruction: 784 values in [0, 1].
 */
reconstruction: Images, 
/**
 * The squared error of each pixel, on the [0, 1] scale: 784 values in [0, 1].
 */
errorMap: Images, };

/**
 * How well the anomaly score separates the reference test digits from given outliers.
 */
export type AnomalyRoc = { 
/**
 * ROC AUC of the combined score.
 */
auc: number, 
/**
 * ROC AUC of the reconstruction error alone: the autoencoder's own score (the lecture's).
 */
aucReconstruction: number, 
/**
 * ROC AUC of the mean-image term alone, a baseline with no autoencoder in it.
 */
aucMeanImage: number, 
/**
 * Reference test digits.
 */
digits: number, 
/**
 * Outliers scored.
 */
outliers: number, };

/**
 * Ranges of random transformations for training with augmentation: each image of a batch is
 * shifted by up to `shift` pixels each way, turned by up to `rotation` degrees either way,
 * zoomed by a factor in `1 ± zoom`, brightened by up to `brightness` either way, its strokes
 * thickened or thinned by up to `thickness` (see [`thicken`]) and blurred by a Gaussian of
 * deviation up to `blur` pixels.
 */
export type Augmentation = { shift: number, rotation: number, zoom: number, brightness: number, thickness: number, blur: number, };

/**
 * A model's training augmentation from now on (`null`: none).
 */
export type Augmenting = { model: string, ranges: Augmentation | null, };

/**
 * β for the running training.
 */
export type Beta = { beta: number, };

/**
 * What the model builder offers, for the page to build its controls from.
 */
export type BuilderOptions = { hiddenSizes: Array<number>, maxContractive: number, maxModels: number, };

/**
 * One value for each of the plane's three models, by name.
 */
export type ByWay<T> = { plain: T, denoising: T, contractive: T, };

/**
 * A file's bytes: one `Uint8Array` in JavaScript.
 */
export type Bytes = Uint8Array;

/**
 * The first `limit` test digits (1,000) of the classes `from` (0) to `to` (9).
 */
export type ClassRange = { limit?: number, from?: number, to?: number, };

/**
 * Pixels to corrupt by dropout with probability `dropout`, the mask drawn from `seed`.
 */
export type Corrupt = { pixels: Images, dropout: number, seed: number, };

/**
 * How a model's training input is corrupted (the target is always the clean digit). Every
 * corruption acts on the pixels in [-1, 1], whatever scale the model sees them in, so one
 * corrupted digit means the same for every model.
 */
export type Corruption = { "kind": "none" } | { "kind": "dropout", p: number, } | { "kind": "gaussian", sigma: number, };

/**
 * The data sets of the plane.
 */
export type Curve = "branches" | "circle" | "spiral" | "moons";

/**
 * Images decoded from codes, with how digit-like each is.
 */
export type Decoded = { images: Images, codes: Images, likeness: Likeness, };

/**
 * The denoising lab's input: a `width × height` drawing in [0, 1], the pixels hidden by
 * hand (784 values, 1 = hidden), the dropout probability, the Gaussian noise's deviation,
 * the seed of both, and the classical inpaintings' radius (3 when left out).
 */
export type Denoise = { drawing: Images, width: number, height: number, hidden: Mask, dropout: number, sigma: number, seed: number, radius?: number, };

/**
 * A digit from a drawing, damaged, and every restoration of it (the denoising lab).
 */
export type Denoised = { 
/**
 * The drawing made MNIST-like: 784 values in [0, 1], the clean ground truth.
 */
digit: Images, 
/**
 * The damaged digit as shown (hidden pixels grey): 784 values in [0, 1].
 */
shown: Images, 
/**
 * 1 where a pixel is hidden.
 */
hidden: Mask, 
/**
 * See [`restorations`]: each `pixels` holds 784 values.
 */
restorations: Array<Restoration>, };

/**
 * Two digits (784 values each in [0, 1]) and the number of frames between them, ends included.
 */
export type DigitPair = { a: Images, b: Images, frames: number, };

/**
 * One frame of an energy minimisation.
 */
export type EnergyFrame = { 
/**
 * Iterations run so far.
 */
iteration: number, 
/**
 * The energy now.
 */
energy: number, 
/**
 * The current restoration: 784 values in [0, 1].
 */
image: Images, };

/**
 * An energy descent's start: what it moves, the damaged image in [0, 1], the hidden
 * pixels (784 values, 1 = hidden) and the dropout probability the energy assumes.
 */
export type EnergyStart = { model: string, unknown: Unknown, shown: Images, hidden: Mask, dropout: number, };

/**
 * A model's reconstruction error on test digits, on both scales.
 */
export type Evaluation = { 
/**
 * Mean squared error with images in [-1, 1] (the training loss's scale).
 */
mse: number, 
/**
 * Mean squared error with images in [0, 1] (a quarter of `mse`).
 */
mseUnit: number, 
/**
 * 10 · log10(1 / `mse_unit`), in dB.
 */
psnr: number, 
/**
 * How many test digits were scored.
 */
digits: number, 
/**
 * The mean Frobenius norm of the encoder's Jacobian `‖∂h/∂x‖_F` on the clean test digits
 * (what the contractive penalty shrinks; with respect to the model's input scale).
 */
jacobian: number, 
/**
 * PSNR (dB) on the first `train_digits` of the digits the model trains on, from the same
 * input: far above the test PSNR when it memorised them.
 */
trainPsnr: number, trainDigits: number, 
/**
 * For a model trained with BCE: its mean per-pixel BCE on the clean test digits minus the
 * digits' own entropy (BCE's floor), in nats. `None` for the others.
 */
bceExcess?: number, 
/**
 * For a model trained with BCE: the digits' mean per-pixel entropy, in nats.
 */
entropy?: number, };

/**
 * A file's bytes.
 */
export type File = { bytes: Bytes, };

/**
 * The helix's settings.
 */
export type HelixSetup = { 
/**
 * Points on the helix (10 to 2,000).
 */
points: number, seed: number, 
/**
 * Hidden units on each side (8 to 256).
 */
hidden: number, 
/**
 * Turns of the helix (0.5 to 3).
 */
turns: number, };

/**
 * What the page draws and says about the helix.
 */
export type HelixView = { steps: number, 
/**
 * The points, `n × 3`, and their positions along the curve.
 */
points: Images, positions: Images, 
/**
 * Each point's code.
 */
codes: Images, 
/**
 * Spearman's ρ between the codes and the positions (±1: unrolled).
 */
rho: number, 
/**
 * Codes from below the smallest training code to above the largest, and what they decode
 * to: `path × 3`.
 */
pathCodes: Images, path: Images, 
/**
 * Mean distance to the helix of: the reconstructions of the training points, the decoded
 * codes halfway between neighbouring training codes, the decoded codes beyond them.
 */
offTraining: number, offBetween: number, offBeyond: number, };

/**
 * What a model of the table decodes from codes it was never given: test digits (the real
 * thing), codes drawn from a Gaussian fit of its training codes, and codes halfway between
 * two training codes; each with its digit-likeness and the anomaly score's percentile.
 */
export type Holes = { model: string, latent: number, 
/**
 * "full" covariance, or "diagonal" above d = 512.
 */
fit: string, real: Images, random: Decoded, between: Decoded, realLikeness: Likeness, 
/**
 * The anomaly score's percentile among the test digits, of each image.
 */
realAnomaly: Array<number>, randomAnomaly: Array<number>, betweenAnomaly: Array<number>, };

/**
 * A model of the table, how many images of each kind, and the seed of the draws.
 */
export type HolesOf = { model: string, count: number, seed: number, };

/**
 * `n × 784` values in [0, 1] (or `n × d` latent values): one `Float32Array` in JavaScript.
 */
export type Images = Float32Array;

/**
 * A model file or a notebook file; `fileName` names a notebook file's model.
 */
export type ImportModel = { bytes: Bytes, fileName?: string | null, };

/**
 * Which pixels the training digits ink: why the lecture calls a 500-unit layer over-complete.
 */
export type Ink = { 
/**
 * Pixels in an image (784).
 */
pixels: number, 
/**
 * Pixels inked by at least one training digit.
 */
ever: number, 
/**
 * Pixels inked by at least 1% of them.
 */
often: number, 
/**
 * Pixels almost never inked (fewer than [`RARE_SHARE`] of them).
 */
rare: number, 
/**
 * Training digits counted.
 */
digits: number, 
/**
 * PSNR (dB) of the training digits' mean image against the test digits scored: what a
 * model that has collapsed to the mean image scores.
 */
meanImagePsnr: number, };

/**
 * Two digits (784 values each in [0, 1]) and the frames between them.
 */
export type Interpolate = { model: string, a: Images, b: Images, frames: number, };

/**
 * An interpolation from image A to image B.
 */
export type Interpolation = { frames: number, 
/**
 * Size of a code.
 */
latent: number, 
/**
 * The pixel blends: `frames × 784` values in [0, 1].
 */
pixels: Images, 
/**
 * The decoded blends of the two codes: `frames × 784` values in [0, 1].
 */
decoded: Images, 
/**
 * The blended codes: `frames × latent`.
 */
codes: Images, };

/**
 * Iterations of the energy descent.
 */
export type Iterations = { iterations: number, };

/**
 * Some kernels of an encoder, with the statistics the page shows beside them.
 */
export type Kernels = { 
/**
 * The hidden units shown.
 */
units: Array<number>, 
/**
 * Their weights: `units.len() × 784`, unit after unit, pixel by pixel (row-major 28 × 28).
 */
weights: Images, 
/**
 * The largest |weight| among them (the colour map's end).
 */
scale: number, 
/**
 * Pixels almost never inked in the training digits (fewer than [`RARE_SHARE`] of them).
 */
rarePixels: number, 
/**
 * The root mean square, over every hidden unit, of the standard deviation of its weights
 * on the rare pixels.
 */
rareSpread: number, 
/**
 * The same on the other pixels.
 */
inkedSpread: number, 
/**
 * [`INIT_SPREAD`], the spread of every pixel's weights at initialisation.
 */
initSpread: number, };

/**
 * The kinds of transformation, for the curves of PSNR against the amount.
 */
export type Kind = "shift" | "rotation" | "zoom" | "brightness" | "contrast";

/**
 * The notebook's words: English or Portuguese, as the page is.
 */
export type Language = "en" | "pt";

/**
 * How digit-like some images are: the classifier's confidence and class of each, and their
 * mean confidence.
 */
export type Likeness = { confidence: Array<number>, class: Array<number>, mean: number, };

/**
 * What training minimises (plus the contractive penalty, if any).
 */
export type Loss = "mse" | "bce";

/**
 * The latent map of some test digits.
 */
export type MapReport = { 
/**
 * Variance of the codes along the map's two axes.
 */
variance: [number, number], 
/**
 * Total variance of the codes.
 */
totalVariance: number, 
/**
 * The digits' coordinates: `count × 2`.
 */
points: Images, };

/**
 * Pixel masks (1 = hidden): one `Uint8Array` in JavaScript.
 */
export type Mask = Uint8Array;

/**
 * A model of the table, by name.
 */
export type Model = { model: string, };

/**
 * A model and `n × latent` codes.
 */
export type ModelCodes = { model: string, codes: Images, };

/**
 * A model and a number of test digits.
 */
export type ModelCount = { model: string, count: number, };

/**
 * A model and a file of its weights (burnpack, 8-bit, notebook or checkpoint).
 */
export type ModelFile = { model: string, bytes: Bytes, };

/**
 * A model and how many test digits to measure it on (1,000 when left out).
 */
export type ModelLimit = { model: string, limit?: number, };

/**
 * A model and outliers, `n × 784` pixels in [0, 1].
 */
export type ModelOutliers = { model: string, outliers: Images, };

/**
 * A model and `n × 784` pixels in [0, 1].
 */
export type ModelPixels = { model: string, pixels: Images, };

/**
 * A model and `n × 2` coordinates of the latent map.
 */
export type ModelPoints = { model: string, points: Images, };

/**
 * A model and a seed of fresh weights (1 when left out).
 */
export type ModelSeed = { model: string, seed?: number, };

/**
 * One row of the table: what a model is, as the page and the trainer need to know it.
 */
export type ModelSpec = { 
/**
 * The name used in files, URLs and the JavaScript API.
 */
name: string, 
/**
 * The short label the page shows ("standard AE (d=30)").
 */
label: string, 
/**
 * One sentence for the page: what the model is and how it was trained.
 */
description: string, 
/**
 * The size of the hidden layer, the latent code `z`: 784 → latent → 784.
 */
latent: number, 
/**
 * The hidden layer's activation f.
 */
activation: Activation, 
/**
 * Whether the decoder's weight is the encoder's transposed (`W_x = W_hᵀ`).
 */
tied: boolean, 
/**
 * The scale the model sees its pixels in.
 */
scale: Scale, loss: Loss, 
/**
 * The corruption of the training input.
 */
corruption: Corruption, 
/**
 * The weight λ of the contractive penalty `λ‖∂h/∂x‖²_F` (0: none).
 */
contractive: number, 
/**
 * Train on the first this many training digits only (`None`: all of them); a handful
 * shows a wide model memorising them (the identity-function warning).
 */
trainingDigits?: number, 
/**
 * Its colour in charts and legends (a CSS colour).
 */
colour: string, 
/**
 * Whether trained weights ship with the page, in `www/models/<name>.bpk`.
 */
shipped: boolean, };

/**
 * A model and a number of training steps (≥ 1).
 */
export type ModelSteps = { model: string, steps: number, };

/**
 * A network of the lab: the variational autoencoder or the plain one.
 */
export type Net = "vae" | "plain";

/**
 * A model as a runnable notebook, for the data set it trained on (`mnist` when left out),
 * in the page's language (`en`).
 */
export type NotebookExport = { model: string, dataset?: Source, language?: Language, };

/**
 * An autoencoder against PCA with as many components as it has hidden units.
 */
export type PcaComparison = { 
/**
 * Components, the model's hidden size.
 */
k: number, 
/**
 * PSNR (dB) of the projections onto the first k components, on the test digits scored.
 */
pcaPsnr: number, 
/**
 * The model's PSNR on the same digits (clean input).
 */
modelPsnr: number, 
/**
 * `‖UᵀQ‖²_F / k` between PCA's subspace and the span of the encoder's weights.
 */
overlap: number, 
/**
 * The same with the encoder's weights on the pixels no training digit inks set to 0:
 * there every digit has the same value, so those weights act as a bias, and PCA's
 * components are 0 there.
 */
overlapInked: number, 
/**
 * Pixels inked by at least one training digit.
 */
inked: number, 
/**
 * The share of the digits' variance the k components hold.
 */
explained: number, 
/**
 * Test digits scored.
 */
digits: number, 
/**
 * Training digits PCA was fitted to.
 */
fitted: number, };

/**
 * A digit (784 values in [0, 1]) or a low-resolution drawing (side² values).
 */
export type Pixels = { pixels: Images, };

/**
 * How the plane's model trained `way` sees it, on a `grid × grid` field (40 when left out).
 */
export type PlaneLook = { way: Way, grid?: number, };

/**
 * The plane's noisy points moved `k` times through the model trained `way`.
 */
export type PlaneMove = { way: Way, k: number, };

/**
 * How a model treats the plane, in numbers.
 */
export type PlaneNumbers = { 
/**
 * Mean travel ‖f(x) − x‖ of the clean points.
 */
travelOn: number, 
/**
 * Mean travel of points at distance σ from the curve (both sides).
 */
travelSigma: number, 
/**
 * Mean travel of grid points more than 3σ from the curve.
 */
travelFar: number, 
/**
 * Mean travel of the points in the gap between branches, if the curve has one.
 */
travelGap?: number, 
/**
 * Mean |cos| between the Jacobian's most stretched input direction and the curve's tangent.
 */
alignment: number, 
/**
 * Mean ratio of the Jacobian's smaller to larger singular value (0: squashed to a line).
 */
ratio: number, 
/**
 * Mean distance of the outputs of the clean points to the curve.
 */
offCurve: number, };

/**
 * The settings of the plane's experiment.
 */
export type PlaneSetup = { curve: Curve, 
/**
 * Points on the curve (20 to 2,000).
 */
points: number, seed: number, 
/**
 * The denoising model's noise deviation (0.01 to 0.5).
 */
sigma: number, 
/**
 * Hidden units (8 to 512; the lecture's toy uses 64–256).
 */
hidden: number, 
/**
 * The contractive model's λ (0 to 10).
 */
lambda: number, 
/**
 * Train the denoising model towards the curve's point nearest to the noisy copy instead of
 * the point the copy came from.
 */
nearest: boolean, 
/**
 * Tie the decoder's weight to the encoder's (`W_x = W_hᵀ`), for all three models.
 */
tied: boolean, };

/**
 * What the page draws for one model.
 */
export type PlaneView = { way: Way, steps: number, 
/**
 * The clean points, the noisy copies and the model's outputs of the noisy copies: `n × 2`.
 */
clean: Images, noisy: Images, outputs: Images, 
/**
 * The grid: `grid × grid` points over `[-extent, extent]²`, row by row from the top.
 */
grid: number, extent: number, 
/**
 * `f(x) − x` at each grid point: `grid² × 2`.
 */
field: Images, 
/**
 * `‖f(x) − x‖` at each grid point: `grid²`.
 */
travel: Images, 
/**
 * Each clean point's Jacobian ellipse: `n × 3` (larger and smaller singular value, angle).
 */
ellipses: Images, numbers: PlaneNumbers, 
/**
 * The numbers of the three models side by side.
 */
all: ByWay<PlaneNumbers>, };

/**
 * Codes to round to `bits` bits each.
 */
export type Quantise = { codes: Images, bits: number, };

/**
 * What the model builder asks for: a model's parts, without the page's words and colour. A
 * [`ModelSpec`] serialised is also a recipe (the extra fields are ignored), which is how a
 * built model is carried to another backend.
 */
export type Recipe = { name: string, latent: number, activation: Activation, tied: boolean, scale: Scale, loss: Loss, corruption: Corruption, contractive: number, trainingDigits?: number | null, };

/**
 * Pixels to reconstruct; with `dropout` > 0 (0 when left out) corrupted by the mask drawn
 * from `seed` (0).
 */
export type Reconstruct = { model: string, pixels: Images, dropout?: number, seed?: number, };

/**
 * A `size × size` grid of codes over `[xMin, xMax] × [yMin, yMax]`, decoded by `net`.
 */
export type RegionsGrid = { net: Net, size: number, xMin: number, xMax: number, yMin: number, yMax: number, };

/**
 * The straight line between two digits' codes, decoded by each network.
 */
export type RegionsLine = { vae: Decoded, plain: Decoded, };

/**
 * The first `count` test digits.
 */
export type RegionsLook = { count: number, };

/**
 * Samples of each network: the variational autoencoder's codes drawn from its prior N(0, I),
 * the plain one's from a Gaussian fit of its training codes.
 */
export type RegionsSamples = { vae: Decoded, plain: Decoded, };

/**
 * What the page sets up: the size of a code (2 for the picture, 20 as in the notebook), β,
 * and the seed of the weights, the batches and the noise.
 */
export type RegionsSetup = { latent: number, beta: number, seed: number, };

/**
 * The two networks' codes of the first test digits and their test losses.
 */
export type RegionsView = { latent: number, steps: number, epochs: number, beta: number, labels: Array<number>, 
/**
 * The variational autoencoder's means μ: `n × d`.
 */
means: Images, 
/**
 * Its spreads σ = exp(½ log σ²): `n × d`.
 */
spreads: Images, 
/**
 * The plain autoencoder's codes: `n × d`.
 */
plain: Images, 
/**
 * On these digits, per digit (nats), decoding μ as the notebook's test does: the
 * variational autoencoder's BCE summed over the pixels and its KL, the plain one's BCE.
 */
reconstruction: number, kl: number, plainReconstruction: number, };

/**
 * One way of restoring a batch of damaged digits.
 */
export type Restoration = { 
/**
 * A stable key: the model's name, `<name>-pasted`, `telea` or `navier-stokes`.
 */
key: string, 
/**
 * What the page writes under it.
 */
label: string, 
/**
 * The model it comes from, if any.
 */
model?: string, 
/**
 * Whether the visible pixels of the damaged input were pasted back over the output.
 */
pasted: boolean, 
/**
 * Whether the denoising lab shows it as a panel: every model's own output, the pasted
 * output of the models trained to denoise, and the classical inpaintings. (The others serve
 * comparisons like with like, such as the energy lab's.)
 */
primary: boolean, 
/**
 * `n × 784` values in [0, 1].
 */
pixels: Images, };

/**
 * `count` samples of each network, drawn from `seed`.
 */
export type SampleCount = { count: number, seed: number, };

/**
 * The networks `regions_save` wrote, and the code size they must have.
 */
export type SavedRegions = { bytes: Bytes, latent: number, };

/**
 * The scale a model sees its pixels in (the page's pixels are [0, 1] and the lab's [-1, 1];
 * the model converts on the way in and back on the way out).
 */
export type Scale = "symmetric" | "unit";

/**
 * The data set the model trained on, as the page names it.
 */
export type Source = "mnist" | "fashion" | "own";

/**
 * The super-resolution experiment's settings.
 */
export type SuperResSetup = { 
/**
 * 4 (28 → 7) or 2 (28 → 14).
 */
factor: number, 
/**
 * Hidden units (16 to 1,000).
 */
hidden: number, 
/**
 * Train only on digits up to this class (4: the 0–4 bias demo; 9: all).
 */
upTo: number, seed: number, };

/**
 * One model's loss.
 */
export type ToyLoss = { model: string, loss: number, };

/**
 * What a run of a toy's training steps did.
 */
export type ToyReport = { 
/**
 * Steps taken since the toy was set up.
 */
steps: number, 
/**
 * The last step's loss of each model it trains, by name (the plane: `plain`,
 * `denoising`, `contractive`; the helix: `helix`; super-resolution: `network`).
 */
losses: Array<ToyLoss>, };

/**
 * A lab's own network (`toy`: "plane", "helix" or "superres") and a number of training
 * steps (1 to 10,000).
 */
export type ToySteps = { toy: string, steps: number, };

/**
 * The result of a run of training steps.
 */
export type TrainReport = { 
/**
 * The objective of each step on its batch: the model's loss in its own scale (MSE, or
 * BCE per pixel) plus its contractive penalty, if any.
 */
losses: Array<number>, 
/**
 * Steps taken by this model since it was created or loaded.
 */
steps: number, 
/**
 * Epochs over the training digits, as a fraction.
 */
epochs: number, };

/**
 * One transformation of each kind, applied in the order shift ∘ rotation ∘ zoom, then
 * contrast and brightness.
 */
export type Transform = { 
/**
 * Pixels right and down.
 */
shiftX: number, shiftY: number, 
/**
 * Degrees, counter-clockwise as seen.
 */
rotation: number, 
/**
 * Scale about the centre (1: unchanged).
 */
zoom: number, 
/**
 * Added to every pixel.
 */
brightness: number, 
/**
 * Scales every pixel's distance from the image's mean (1: unchanged).
 */
contrast: number, };

/**
 * PSNR against the amount of one kind of transformation, for one digit.
 */
export type TransformCurve = { kind: Kind, amounts: Array<number>, psnr: Array<number>, 
/**
 * The transformed digits, one per amount: `amounts.len() × 784` values in [0, 1].
 */
inputs: Images, };

/**
 * A digit and one kind of transformation, at every amount.
 */
export type TransformKind = { model: string, pixels: Images, kind: Kind, };

/**
 * A digit transformed and reconstructed.
 */
export type Transformed = { 
/**
 * The transformed digit and the model's reconstruction of it: 784 values each in [0, 1].
 */
input: Images, output: Images, 
/**
 * PSNR (dB) of the reconstruction against the transformed digit.
 */
psnr: number, };

/**
 * A digit transformed, for a model to reconstruct.
 */
export type Transforming = { model: string, pixels: Images, transform: Transform, };

/**
 * What the descent moves.
 */
export type Unknown = "latent" | "pixels";

/**
 * One PSNR (dB) for each way of upscaling, by name.
 */
export type UpscalePsnr = { network: number, nearest: number, bilinear: number, bicubic: number, };

/**
 * The network against the classical upsamplers on some digits.
 */
export type UpscaleScores = { digits: number, 
/**
 * PSNR (dB) of the network, nearest, bilinear and bicubic, over all those digits.
 */
network: number, nearest: number, bilinear: number, bicubic: number, };

/**
 * One digit restored every way, with each restoration's PSNR against the truth (when there is
 * one: a drawing made at low resolution has none).
 */
export type Upscaled = { 
/**
 * The low-resolution image, `side²` values in [0, 1].
 */
low: Images, side: number, 
/**
 * 784 values each, in [0, 1] (bicubic may overshoot a little).
 */
network: Images, nearest: Images, bilinear: Images, bicubic: Images, 
/**
 * PSNR (dB) of each against the full-resolution digit; `None` (absent in JavaScript)
 * without a truth.
 */
psnr?: UpscalePsnr, };

/**
 * The three ways the plane's autoencoders are trained.
 */
export type Way = "plain" | "denoising" | "contractive";

/** The face's operations, as the page's client offers them (one argument record each). */
export interface FaceMethods {
  models(): Promise<Array<ModelSpec>>;
  add_model(args: AddModel): Promise<ModelSpec>;
  remove_model(args: Model): Promise<void>;
  builder_options(): Promise<BuilderOptions>;
  export_model(args: Model): Promise<Uint8Array>;
  export_notebook(args: Model): Promise<Uint8Array>;
  export_ipynb(args: NotebookExport): Promise<string>;
  import_model(args: ImportModel): Promise<ModelSpec>;
  is_model_file(args: File): Promise<boolean>;
  is_notebook_file(args: File): Promise<boolean>;
  load_weights(args: ModelFile): Promise<void>;
  weights(args: Model): Promise<Uint8Array>;
  checkpoint(args: Model): Promise<Uint8Array>;
  history(args: Model): Promise<Float32Array>;
  reset(args: ModelSeed): Promise<void>;
  steps(args: Model): Promise<number>;
  train(args: ModelSteps): Promise<TrainReport>;
  evaluate(args: ModelLimit): Promise<Evaluation>;
  reconstruct(args: Reconstruct): Promise<Float32Array>;
  corrupt(args: Corrupt): Promise<Float32Array>;
  encode(args: ModelPixels): Promise<Float32Array>;
  decode(args: ModelCodes): Promise<Float32Array>;
  denoise(args: Denoise): Promise<Denoised>;
  interpolate(args: Interpolate): Promise<Interpolation>;
  energy_start(args: EnergyStart): Promise<EnergyFrame>;
  energy_step(args: Iterations): Promise<EnergyFrame>;
  anomaly(args: ModelPixels): Promise<AnomalyReport>;
  anomaly_scores(args: Model): Promise<Float32Array>;
  anomaly_roc(args: ModelOutliers): Promise<AnomalyRoc>;
  latent_map(args: ModelCount): Promise<MapReport>;
  map_codes(args: ModelCodes): Promise<Float32Array>;
  map_decode(args: ModelPoints): Promise<Float32Array>;
  quantise(args: Quantise): Promise<Float32Array>;
  kernels(args: Model): Promise<Kernels>;
  ink(): Promise<Ink>;
  pca(args: ModelLimit): Promise<PcaComparison>;
  plane_setup(args: PlaneSetup): Promise<number>;
  train_toy(args: ToySteps): Promise<ToyReport>;
  plane_view(args: PlaneLook): Promise<PlaneView>;
  plane_apply(args: PlaneMove): Promise<Float32Array>;
  helix_setup(args: HelixSetup): Promise<number>;
  helix_view(): Promise<HelixView>;
  superres_setup(args: SuperResSetup): Promise<number>;
  superres(args: Pixels): Promise<Upscaled>;
  superres_scores(args: ClassRange): Promise<UpscaleScores>;
  transform(args: Transforming): Promise<Transformed>;
  transform_curve(args: TransformKind): Promise<TransformCurve>;
  set_augmentation(args: Augmenting): Promise<void>;
  regions_setup(args: RegionsSetup): Promise<number>;
  regions_beta(args: Beta): Promise<void>;
  regions_classifier(args: File): Promise<void>;
  regions_save(): Promise<Uint8Array>;
  regions_load(args: SavedRegions): Promise<RegionsSetup>;
  regions_view(args: RegionsLook): Promise<RegionsView>;
  regions_grid(args: RegionsGrid): Promise<Float32Array>;
  regions_samples(args: SampleCount): Promise<RegionsSamples>;
  regions_interpolate(args: DigitPair): Promise<RegionsLine>;
  regions_holes(args: HolesOf): Promise<Holes>;
}
