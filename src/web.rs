//! The face the page's worker calls: `#[wasm_bindgen]` on wasm, plain Rust elsewhere so the
//! same surface is tested natively (`tests/face.rs`). Each method checks its arguments, calls
//! the session (`lab/`) and returns a named record: in the browser a plain object whose
//! fields are the record's, in camelCase, with pixel data as `Float32Array`s. Errors are
//! messages the page shows as they are.

// The threaded module's `initThreadPool(n)`: rayon's pool of n Web Workers sharing the memory.
#[cfg(all(feature = "threads", target_family = "wasm"))]
pub use wasm_bindgen_rayon::init_thread_pool;
use crate::backend::Backend;
use crate::corrupt::DropoutNoise;
use crate::data::{Digits, denormalize};
use crate::energy::Unknown;
use crate::anomaly::{AnomalyReport, AnomalyRoc};
use crate::energy::EnergyFrame;
use crate::evaluation::Evaluation;
use crate::interpolate::Interpolation;
use crate::lab::{Lab, normalised};
use crate::latent::MapReport;
use crate::restoration::Denoised;
use crate::training::TrainReport;
use crate::record::Images;
use crate::runtime::run_constructors_once;
use crate::kernels::{Ink, Kernels};
use crate::lab::ToyReport;
use crate::manifold::{PlaneView, Way};
use crate::unrolling::HelixView;
use crate::superres::{UpscaleScores, Upscaled};
use crate::transform::{Augmentation, Kind, Transform, TransformCurve, Transformed};
use crate::pca::PcaComparison;
use crate::spec::{BuilderOptions, ModelSpec, Recipe};
use serde::Serialize;

#[cfg(target_family = "wasm")]
use wasm_bindgen::prelude::*;

/// A record on its way to JavaScript: natively the record itself (`.0`); in the browser it
/// becomes a plain object through serde-wasm-bindgen.
#[derive(Debug)]
pub struct Js<T: Serialize>(pub T);

impl<T: Serialize> std::ops::Deref for Js<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

#[cfg(target_family = "wasm")]
mod to_js {
    use super::Js;
    use serde::Serialize;
    use wasm_bindgen::JsValue;
    use wasm_bindgen::convert::{IntoWasmAbi, OptionIntoWasmAbi};
    use wasm_bindgen::describe::WasmDescribe;

    impl<T: Serialize> From<Js<T>> for JsValue {
        fn from(record: Js<T>) -> JsValue {
            let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
            record.0.serialize(&serializer).unwrap_or_else(|e| JsValue::from_str(&format!("a record could not be converted: {e}")))
        }
    }

    impl<T: Serialize> WasmDescribe for Js<T> {
        fn describe() {
            JsValue::describe()
        }
    }

    impl<T: Serialize> IntoWasmAbi for Js<T> {
        type Abi = <JsValue as IntoWasmAbi>::Abi;
        fn into_abi(self) -> Self::Abi {
            JsValue::from(self).into_abi()
        }
    }

    impl<T: Serialize> OptionIntoWasmAbi for Js<T> {
        fn none() -> Self::Abi {
            <JsValue as OptionIntoWasmAbi>::none()
        }
    }

    // Images returned on their own: one Float32Array.
    impl From<crate::record::Images> for JsValue {
        fn from(images: crate::record::Images) -> JsValue {
            js_sys::Float32Array::from(&images.0[..]).into()
        }
    }

    impl WasmDescribe for crate::record::Images {
        fn describe() {
            <Vec<f32>>::describe()
        }
    }

    impl IntoWasmAbi for crate::record::Images {
        type Abi = <Vec<f32> as IntoWasmAbi>::Abi;
        fn into_abi(self) -> Self::Abi {
            self.0.into_abi()
        }
    }
}

/// Runs once when the module starts: the static constructors, then the panic hook so a Rust
/// panic reaches the console with its message.
#[cfg_attr(target_family = "wasm", wasm_bindgen(start))]
pub fn start() {
    run_constructors_once();
    #[cfg(target_family = "wasm")]
    console_error_panic_hook::set_once();
}

/// `Some` dropout noise for a probability above 0.
fn noise(dropout: f32, seed: u32) -> Result<Option<(DropoutNoise, u64)>, String> {
    if dropout > 0.0 { Ok(Some((DropoutNoise::new(dropout)?, seed as u64))) } else { Ok(None) }
}

/// A recipe as the page sends it: a plain object (`{name, latent, activation, tied, scale,
/// loss, corruption, contractive}`, as `models()` writes them); natively the recipe itself.
#[cfg(target_family = "wasm")]
pub type RecipeArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type RecipeArg = Recipe;

/// The manifold lab's settings as the page sends them (see `manifold.rs`, `unrolling.rs`).
#[cfg(target_family = "wasm")]
pub type PlaneArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type PlaneArg = crate::manifold::PlaneSetup;
#[cfg(target_family = "wasm")]
pub type HelixArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type HelixArg = crate::unrolling::HelixSetup;
#[cfg(target_family = "wasm")]
pub type SuperResArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type SuperResArg = crate::superres::SuperResSetup;
#[cfg(target_family = "wasm")]
pub type TransformArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type TransformArg = Transform;
#[cfg(target_family = "wasm")]
pub type AugmentationArg = JsValue;
#[cfg(not(target_family = "wasm"))]
pub type AugmentationArg = Option<Augmentation>;

/// A record from JavaScript (a plain object with the record's camelCase fields), or a
/// sentence saying what is wrong with it.
#[cfg(target_family = "wasm")]
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| format!("not {what}: {e}"))
}

#[cfg(not(target_family = "wasm"))]
fn from_js<T>(value: T, _what: &str) -> Result<T, String> {
    Ok(value)
}

fn recipe_of(value: RecipeArg) -> Result<Recipe, String> {
    from_js(value, "a model recipe")
}

/// Masks from JavaScript: non-zero = hidden.
fn bools(mask: &[u8]) -> Vec<bool> {
    mask.iter().map(|&h| h != 0).collect()
}

/// A lab session, as JavaScript sees it.
#[cfg_attr(target_family = "wasm", wasm_bindgen)]
pub struct Playground {
    lab: Lab,
}

#[cfg_attr(target_family = "wasm", wasm_bindgen)]
impl Playground {
    /// Opens a session on `backend`: "webgpu", "cpu" (burn-ndarray) or "flex" (burn-flex).
    pub async fn open(backend: String) -> Result<Playground, String> {
        let backend = Backend::from_name(&backend)?;
        Ok(Playground { lab: Lab::new(backend).await? })
    }

    /// The table of models (see `spec.rs`): `[{name, label, description, latent, corruption,
    /// colour, shipped}]`.
    pub fn models(&self) -> Js<Vec<ModelSpec>> {
        Js(self.lab.models())
    }

    /// Adds a model built from a recipe, with fresh weights drawn from `seed`; returns its
    /// row of the table. A bad recipe or a name in use changes nothing.
    pub fn add_model(&mut self, recipe: RecipeArg, seed: u32) -> Result<Js<ModelSpec>, String> {
        Ok(Js(self.lab.add_model(&recipe_of(recipe)?, seed as u64)?))
    }

    /// A model file: the model's recipe and its weights, so that loading it builds the model.
    pub async fn export_model(&self, model: String) -> Result<Vec<u8>, String> {
        self.lab.export_model(&model).await
    }

    /// A model as a notebook file: safetensors with the notebook's names and PyTorch's layout.
    pub async fn export_notebook(&self, model: String) -> Result<Vec<u8>, String> {
        self.lab.export_notebook(&model).await
    }

    /// Adds the model a model file or a notebook file (safetensors) describes, with its
    /// weights; returns its row. A bad file or a model file's name in use changes nothing.
    /// `file_name` names a notebook file's model (the name is made free if in use).
    pub fn import_model(&mut self, bytes: &[u8], file_name: Option<String>) -> Result<Js<ModelSpec>, String> {
        Ok(Js(self.lab.import_model(bytes, file_name.as_deref())?))
    }

    /// Whether bytes are a model file (recipe and weights) rather than weights alone.
    pub fn is_model_file(bytes: &[u8]) -> bool {
        crate::format::recognise(bytes) == crate::format::Format::ModelFile
    }

    /// The MNIST-like digit (784 values in [0, 1]) of a picture's `width × height` RGBA bytes,
    /// by the drawings' preprocessing (see `drawing::image_to_mnist`); a sentence for a bad one.
    pub fn image_to_digit(rgba: &[u8], width: usize, height: usize) -> Result<Vec<f32>, String> {
        crate::drawing::image_to_mnist(rgba, width, height)
    }

    /// Whether bytes start like a safetensors file (the notebook's format, see `notebook.rs`).
    pub fn is_notebook_file(bytes: &[u8]) -> bool {
        crate::format::recognise(bytes) == crate::format::Format::Safetensors
    }

    /// Sets up the manifold lab's plane (`{curve, points, seed, sigma, hidden, lambda,
    /// nearest}`): points on a curve and three fresh autoencoders; returns the number of points.
    pub fn plane_setup(&mut self, setup: PlaneArg) -> Result<usize, String> {
        self.lab.plane_setup(from_js(setup, "the plane's settings")?)
    }

    /// Trains the plane's three autoencoders `steps` full-batch steps: `{steps, losses}`.
    pub async fn plane_train(&mut self, steps: usize) -> Result<Js<ToyReport>, String> {
        Ok(Js(self.lab.plane_train(steps).await?))
    }

    /// The plane as the model trained `way` ("plain", "denoising", "contractive") sees it:
    /// points, outputs, field, travel, ellipses and numbers (see `manifold::PlaneView`).
    pub async fn plane_view(&self, way: String, grid: usize) -> Result<Js<PlaneView>, String> {
        Ok(Js(self.lab.plane_view(Way::from_name(&way)?, grid).await?))
    }

    /// The noisy points moved `k` times through the model trained `way`: `n × 2` values.
    pub async fn plane_apply(&self, way: String, k: usize) -> Result<Images, String> {
        self.lab.plane_apply(Way::from_name(&way)?, k).await
    }

    /// Sets up the helix of figure 19 (`{points, seed, hidden, turns}`); returns the number of points.
    pub fn helix_setup(&mut self, setup: HelixArg) -> Result<usize, String> {
        self.lab.helix_setup(from_js(setup, "the helix's settings")?)
    }

    /// Trains the helix's autoencoder `steps` full-batch steps: `{steps, losses}`.
    pub async fn helix_train(&mut self, steps: usize) -> Result<Js<ToyReport>, String> {
        Ok(Js(self.lab.helix_train(steps).await?))
    }

    /// The helix, its codes, Spearman's ρ and the decoded path (see `unrolling::HelixView`).
    pub async fn helix_view(&self) -> Result<Js<HelixView>, String> {
        Ok(Js(self.lab.helix_view().await?))
    }

    /// Sets up a super-resolution network (`{factor, hidden, upTo, seed}`) on the training
    /// digits of classes 0 to `upTo`; returns how many digits it trains on.
    pub fn superres_setup(&mut self, setup: SuperResArg) -> Result<usize, String> {
        self.lab.superres_setup(from_js(setup, "the super-resolution settings")?)
    }

    /// Trains the super-resolution network `steps` steps: `{steps, losses}`.
    pub async fn superres_train(&mut self, steps: usize) -> Result<Js<ToyReport>, String> {
        Ok(Js(self.lab.superres_train(steps).await?))
    }

    /// A digit (784 values in [0, 1]) or a low-resolution drawing (side² values) made 28 × 28
    /// by the network and the classical upsamplers: `{low, side, network, nearest, bilinear,
    /// bicubic, psnr}`.
    pub async fn superres(&self, pixels: Vec<f32>) -> Result<Js<Upscaled>, String> {
        Ok(Js(self.lab.superres(&pixels).await?))
    }

    /// The network against the classical upsamplers on the first `limit` test digits of the
    /// classes `from` to `to`: `{digits, network, nearest, bilinear, bicubic}` (PSNR, dB).
    pub async fn superres_scores(&self, limit: usize, from: u8, to: u8) -> Result<Js<UpscaleScores>, String> {
        Ok(Js(self.lab.superres_scores(limit, from, to).await?))
    }

    /// A digit (784 values in [0, 1]) transformed (`{shiftX, shiftY, rotation, zoom, brightness,
    /// contrast}`) and reconstructed by `model`: `{input, output, psnr}`.
    pub async fn transform(&self, model: String, pixels: Vec<f32>, transform: TransformArg) -> Result<Js<Transformed>, String> {
        let t: Transform = from_js(transform, "a transformation")?;
        Ok(Js(self.lab.transform(&model, &pixels, &t).await?))
    }

    /// `model`'s PSNR on a digit transformed by each amount of `kind` ("shift", "rotation",
    /// "zoom", "brightness", "contrast"): `{kind, amounts, psnr}`.
    pub async fn transform_curve(&self, model: String, pixels: Vec<f32>, kind: String) -> Result<Js<TransformCurve>, String> {
        Ok(Js(self.lab.transform_curve(&model, &pixels, Kind::from_name(&kind)?).await?))
    }

    /// Trains `model` from now on with random transformations within `{shift, rotation, zoom,
    /// brightness}` (null: without).
    pub fn set_augmentation(&mut self, model: String, ranges: AugmentationArg) -> Result<(), String> {
        let ranges: Option<Augmentation> = from_js(ranges, "augmentation ranges")?;
        self.lab.set_augmentation(&model, ranges)
    }

    /// What the model builder offers: `{hiddenSizes, maxContractive, maxModels}`.
    pub fn builder_options() -> Js<BuilderOptions> {
        Js(BuilderOptions::get())
    }

    /// Removes a built model (the shipped ones stay).
    pub fn remove_model(&mut self, model: String) -> Result<(), String> {
        self.lab.remove_model(&model)
    }

    /// The encoder's kernels and their spread on rarely inked pixels: `{units, weights, scale,
    /// rarePixels, rareSpread, inkedSpread, initSpread}`.
    pub async fn kernels(&self, model: String) -> Result<Js<Kernels>, String> {
        Ok(Js(self.lab.kernels(&model).await?))
    }

    /// Which pixels the training digits ink: `{pixels, ever, often, rare, digits}`.
    pub fn ink(&self) -> Result<Js<Ink>, String> {
        Ok(Js(self.lab.ink()?))
    }

    /// The model against PCA with as many components as its hidden units (≤ 100), on the
    /// first `limit` test digits: `{k, pcaPsnr, modelPsnr, overlap, explained, digits, fitted}`.
    pub async fn pca(&mut self, model: String, limit: usize) -> Result<Js<PcaComparison>, String> {
        Ok(Js(self.lab.pca(&model, limit).await?))
    }

    /// The backend's name.
    pub fn backend(&self) -> String {
        self.lab.backend().name().to_string()
    }

    /// Loads digits ("train" or "test") from the uncompressed digits format; returns how many.
    pub fn load_digits(&mut self, split: String, bytes: &[u8]) -> Result<usize, String> {
        let digits = Digits::from_bytes(bytes)?;
        match split.as_str() {
            "train" => self.lab.set_training_digits(digits),
            "test" => self.lab.set_test_digits(digits),
            other => Err(format!("unknown split '{other}' (expected 'train' or 'test')")),
        }
    }

    /// Replaces a model's weights (burnpack, 8-bit or notebook bytes), or its whole training
    /// with a checkpoint of it; a bad file changes nothing.
    pub fn load_weights(&mut self, model: String, bytes: &[u8]) -> Result<(), String> {
        self.lab.load_weights(&model, bytes)
    }

    /// A model's weights as burnpack bytes.
    pub async fn weights(&self, model: String) -> Result<Vec<u8>, String> {
        self.lab.weights(&model).await
    }

    /// A checkpoint of a model: its weights, Adam's moments, its place in the data and its loss
    /// history, to continue it later as if it never stopped (`load_weights` takes it back).
    pub async fn checkpoint(&self, model: String) -> Result<Vec<u8>, String> {
        self.lab.checkpoint(&model).await
    }

    /// Every step's loss of a model since it was created, reset or loaded.
    pub fn history(&self, model: String) -> Result<Vec<f32>, String> {
        Ok(self.lab.history(&model)?.to_vec())
    }

    /// Starts a model again from random weights.
    pub fn reset(&mut self, model: String, seed: u32) -> Result<(), String> {
        self.lab.reset(&model, seed as u64)
    }

    /// Reconstructs `n × 784` pixels in [0, 1]; returns `n × 784` values in [0, 1]. With
    /// `dropout` > 0 the model sees the pixels corrupted by the mask [`Playground::corrupt`]
    /// draws from the same seed.
    pub async fn reconstruct(&self, model: String, pixels: Vec<f32>, dropout: f32, seed: u32) -> Result<Images, String> {
        self.lab.reconstruct(&model, &pixels, noise(dropout, seed)?).await
    }

    /// The dropout-corrupted input a model sees, shown in [0, 1] (dropped pixels grey, kept
    /// ones doubled and clipped).
    pub fn corrupt(pixels: Vec<f32>, dropout: f32, seed: u32) -> Result<Images, String> {
        let noise = DropoutNoise::new(dropout)?;
        let x = noise.apply_seeded(&normalised(&pixels, None)?, seed as u64);
        Ok(x.into_iter().map(|v| denormalize(v).clamp(0.0, 1.0)).collect::<Vec<_>>().into())
    }

    /// The denoising lab in one call (see [`Lab::denoise`]): a `width × height` drawing in
    /// [0, 1], the pixels hidden by hand (784 values, non-zero = hidden), the dropout
    /// probability, the Gaussian noise's deviation, the seed of both, the inpainting radius.
    #[allow(clippy::too_many_arguments)]
    pub async fn denoise(
        &self,
        drawing: Vec<f32>,
        width: usize,
        height: usize,
        hidden: Vec<u8>,
        dropout: f32,
        sigma: f32,
        seed: u32,
        radius: f32,
    ) -> Result<Js<Denoised>, String> {
        Ok(Js(self.lab.denoise(&drawing, width, height, &bools(&hidden), dropout, sigma, seed as u64, radius).await?))
    }

    /// Latent codes of `n × 784` pixels in [0, 1]: `n × latent` values.
    pub async fn encode(&self, model: String, pixels: Vec<f32>) -> Result<Images, String> {
        self.lab.encode(&model, &pixels).await
    }

    /// Images in [0, 1] decoded from `n × latent` codes.
    pub async fn decode(&self, model: String, codes: Vec<f32>) -> Result<Images, String> {
        self.lab.decode(&model, &codes).await
    }

    /// Takes `steps` (≥ 1) training steps: `{losses, steps, epochs}`.
    pub async fn train(&mut self, model: String, steps: usize) -> Result<Js<TrainReport>, String> {
        Ok(Js(self.lab.train(&model, steps).await?))
    }

    /// Training steps the model has taken since it was created or loaded.
    pub fn steps(&self, model: String) -> Result<usize, String> {
        self.lab.steps(&model)
    }

    /// Number of training digits loaded.
    pub fn training_len(&self) -> usize {
        self.lab.training_len()
    }

    /// Number of test digits loaded.
    pub fn test_len(&self) -> usize {
        self.lab.test_digits().map_or(0, |d| d.len())
    }

    /// The test error on the first `limit` test digits: `{mse, mseUnit, psnr, digits, jacobian,
    /// bceExcess, entropy}`.
    pub async fn evaluate(&self, model: String, limit: usize) -> Result<Js<Evaluation>, String> {
        Ok(Js(self.lab.evaluate(&model, limit).await?))
    }

    /// Interpolation from A to B (784 values each in [0, 1]) in `frames` frames:
    /// `{frames, latent, pixels, decoded, codes}`.
    pub async fn interpolate(&self, model: String, a: Vec<f32>, b: Vec<f32>, frames: usize) -> Result<Js<Interpolation>, String> {
        Ok(Js(self.lab.interpolate(&model, &a, &b, frames).await?))
    }

    /// Starts inpainting a damaged digit by energy minimisation: `unknown` is "latent" or
    /// "pixels", `shown` the damaged image in [0, 1], `hidden` 784 values (non-zero = hidden).
    /// Returns the first frame, `{iteration, energy, image}`.
    pub async fn energy_start(&mut self, model: String, unknown: String, shown: Vec<f32>, hidden: Vec<u8>, dropout: f32) -> Result<Js<EnergyFrame>, String> {
        Ok(Js(self.lab.energy_start(&model, Unknown::from_name(&unknown)?, &shown, &bools(&hidden), dropout).await?))
    }

    /// Runs `iterations` more iterations of the descent started by [`Playground::energy_start`];
    /// returns the frame reached.
    pub async fn energy_step(&mut self, iterations: usize) -> Result<Js<EnergyFrame>, String> {
        Ok(Js(self.lab.energy_step(iterations).await?))
    }

    /// How digit-like an image (784 values in [0, 1]) is: the verdict, its parts, the
    /// reconstruction and the error map (see [`AnomalyReport`]).
    pub async fn anomaly(&mut self, model: String, pixels: Vec<f32>) -> Result<Js<AnomalyReport>, String> {
        Ok(Js(self.lab.anomaly(&model, &pixels).await?))
    }

    /// The anomaly scores of the reference test digits, sorted.
    pub async fn anomaly_scores(&mut self, model: String) -> Result<Images, String> {
        Ok(self.lab.anomaly_reference(&model).await?.test_scores().to_vec().into())
    }

    /// ROC AUCs of the score and of the reconstruction error alone, test digits against
    /// `outliers` (`n × 784` values in [0, 1]): `{auc, aucReconstruction, digits, outliers}`.
    pub async fn anomaly_roc(&mut self, model: String, outliers: Vec<f32>) -> Result<Js<AnomalyRoc>, String> {
        Ok(Js(self.lab.anomaly_roc(&model, &outliers).await?))
    }

    /// Fits the latent map to the first `count` test digits: `{variance, totalVariance, points}`.
    pub async fn latent_map(&mut self, model: String, count: usize) -> Result<Js<MapReport>, String> {
        Ok(Js(self.lab.latent_map(&model, count).await?))
    }

    /// Map coordinates of `n × latent` codes: `n × 2` values.
    pub fn map_codes(&self, model: String, codes: Vec<f32>) -> Result<Images, String> {
        self.lab.map_codes(&model, &codes)
    }

    /// Images at `n × 2` map coordinates: `n × 784` values in [0, 1].
    pub async fn map_decode(&self, model: String, points: Vec<f32>) -> Result<Images, String> {
        self.lab.map_decode(&model, &points).await
    }

    /// Codes rounded to `bits` bits each (see [`crate::latent::quantise`]).
    pub fn quantise(codes: Vec<f32>, bits: u32) -> Images {
        crate::latent::quantise(&codes, bits).into()
    }
}
