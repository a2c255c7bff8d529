//! The face the page's worker calls: `#[wasm_bindgen]` on wasm, plain Rust elsewhere so the
//! same surface is tested natively (`tests/face.rs`). Each method checks its arguments, calls
//! the session (`lab/`) and returns a named record: in the browser a plain object whose
//! fields are the record's, in camelCase, with pixel data as `Float32Array`s. Errors are
//! messages the page shows as they are.

// The threaded module's `initThreadPool(n)`: rayon's pool of n Web Workers sharing the memory.
#[cfg(all(feature = "threads", target_family = "wasm"))]
pub use wasm_bindgen_rayon::init_thread_pool;
use crate::backend::Backend;
mod args;

pub use args::*;
use crate::corrupt::DropoutNoise;
use crate::data::{Digits, denormalize};
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
use crate::manifold::{PlaneSetup, PlaneView};
use crate::unrolling::HelixView;
use crate::superres::{UpscaleScores, Upscaled};
use crate::transform::{TransformCurve, Transformed};
use crate::pca::PcaComparison;
use crate::spec::{BuilderOptions, ModelSpec};
use crate::superres::SuperResSetup;
use crate::unrolling::HelixSetup;
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

/// Lists operations of the face, once, beside their methods' module: each line is how the page
/// calls it (`session` and `awaited`: a method of the open session, answered at once or as a
/// promise; `module`: a static function), its argument record, if any, and its result. In test
/// builds it makes `operations()`, which `contract.rs` turns into the page's declarations, and
/// a function per line that calls the method as the line says, so a line that disagrees with
/// the method does not compile. The worker's own calls (`open`, `backend`, `load_digits`,
/// `training_len`, `test_len`, `image_to_digit`) are not operations of the page.
#[allow(unused_macros)] // used by test builds (contract.rs) and by lab folders' face.rs
macro_rules! operations {
    ($($how:ident $name:ident ($($arg:ty)?) -> $ret:ty;)*) => {
        #[cfg(test)]
        pub(crate) fn operations(all: &mut $crate::contract::Declarations) -> Vec<$crate::contract::Operation> {
            #[allow(unused_imports)]
            use ts_rs::{TS, TypeVisitor};
            vec![$($crate::contract::Operation {
                name: stringify!($name),
                by: $crate::web::operations!(@by $how),
                args: $crate::web::operations!(@args all $($arg)?),
                result: <$ret as $crate::contract::Returned>::ts(all),
            }),*]
        }

        #[cfg(test)]
        #[allow(dead_code, unused_variables, clippy::all)]
        mod checked {
            use super::*;
            $($crate::web::operations!(@check $how $name ($($arg)?) -> $ret);)*
        }
    };
    (@by module) => { "static" };
    (@by $how:ident) => { "session" };
    (@args $all:ident $arg:ty) => { { $all.visit::<$arg>(); Some(<$arg as TS>::name($all.config)) } };
    (@args $all:ident) => { None };
    (@check awaited $name:ident ($arg:ty) -> $ret:ty) => { async fn $name(pg: &mut $crate::web::Playground, a: $arg) -> $ret { pg.$name(a).await } };
    (@check awaited $name:ident () -> $ret:ty) => { async fn $name(pg: &mut $crate::web::Playground) -> $ret { pg.$name().await } };
    (@check session $name:ident ($arg:ty) -> $ret:ty) => { fn $name(pg: &mut $crate::web::Playground, a: $arg) -> $ret { pg.$name(a) } };
    (@check session $name:ident () -> $ret:ty) => { fn $name(pg: &mut $crate::web::Playground) -> $ret { pg.$name() } };
    (@check module $name:ident ($arg:ty) -> $ret:ty) => { fn $name(a: $arg) -> $ret { $crate::web::Playground::$name(a) } };
    (@check module $name:ident () -> $ret:ty) => { fn $name() -> $ret { $crate::web::Playground::$name() } };
}
#[allow(unused_imports)]
pub(crate) use operations;

/// `Some` dropout noise for a probability above 0.
fn noise(dropout: f32, seed: u32) -> Result<Option<(DropoutNoise, u64)>, String> {
    if dropout > 0.0 { Ok(Some((DropoutNoise::new(dropout)?, seed as u64))) } else { Ok(None) }
}

/// An operation's argument record as the face takes it: in the browser the plain object the
/// worker sends, read into the record when the call starts (a wrong one becomes the call's
/// error, [`take`]); natively the record itself, so the compiler checks every caller.
#[cfg(target_family = "wasm")]
pub type Arg<T> = from_js::FromJs<T>;
#[cfg(not(target_family = "wasm"))]
pub type Arg<T> = T;

/// The record of an [`Arg`], or the sentence saying what is wrong with it.
#[cfg(target_family = "wasm")]
pub(crate) fn take<T>(arg: Arg<T>) -> Result<T, String> {
    arg.0
}
#[cfg(not(target_family = "wasm"))]
pub(crate) fn take<T>(arg: Arg<T>) -> Result<T, String> {
    Ok(arg)
}

#[cfg(target_family = "wasm")]
mod from_js {
    use serde::de::DeserializeOwned;
    use wasm_bindgen::JsValue;
    use wasm_bindgen::convert::FromWasmAbi;
    use wasm_bindgen::describe::WasmDescribe;

    /// A record read from a JavaScript object, or why it could not be.
    pub struct FromJs<T>(pub(super) Result<T, String>);

    impl<T: DeserializeOwned> WasmDescribe for FromJs<T> {
        fn describe() {
            JsValue::describe()
        }
    }

    impl<T: DeserializeOwned> FromWasmAbi for FromJs<T> {
        type Abi = <JsValue as FromWasmAbi>::Abi;
        unsafe fn from_abi(js: Self::Abi) -> Self {
            let value = unsafe { JsValue::from_abi(js) };
            FromJs(serde_wasm_bindgen::from_value(value).map_err(|e| format!("wrong arguments: {e}")))
        }
    }
}

/// A lab session, as JavaScript sees it. Every operation takes one argument record of
/// `args.rs` (or none) and returns a record of its concept's module, a typed array, or a
/// plain value; `contract.rs` lists them all for the page's declarations.
#[cfg_attr(target_family = "wasm", wasm_bindgen)]
pub struct Playground {
    pub(crate) lab: Lab,
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
    pub fn add_model(&mut self, args: Arg<AddModel>) -> Result<Js<ModelSpec>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.add_model(&a.recipe, a.seed as u64)?))
    }

    /// A model file: the model's recipe and its weights, so that loading it builds the model.
    pub async fn export_model(&self, args: Arg<Model>) -> Result<Vec<u8>, String> {
        self.lab.export_model(&take(args)?.model).await
    }

    /// A model as a notebook file: safetensors with the notebook's names and PyTorch's layout.
    pub async fn export_notebook(&self, args: Arg<Model>) -> Result<Vec<u8>, String> {
        self.lab.export_notebook(&take(args)?.model).await
    }

    /// A model as a runnable notebook (`.ipynb`, see `ipynb.rs`): its class, its weights, the
    /// page's test figures beside the notebook's own, the notebook's training loop.
    pub async fn export_ipynb(&self, args: Arg<NotebookExport>) -> Result<String, String> {
        let a = take(args)?;
        self.lab.export_ipynb(&a.model, a.dataset, a.language).await
    }

    /// Adds the model a model file or a notebook file (safetensors) describes, with its
    /// weights; returns its row. A bad file or a model file's name in use changes nothing.
    /// `fileName` names a notebook file's model (the name is made free if in use).
    pub fn import_model(&mut self, args: Arg<ImportModel>) -> Result<Js<ModelSpec>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.import_model(&a.bytes.0, a.file_name.as_deref())?))
    }

    /// Whether bytes are a model file (recipe and weights) rather than weights alone.
    pub fn is_model_file(args: Arg<File>) -> Result<bool, String> {
        Ok(crate::format::recognise(&take(args)?.bytes.0) == crate::format::Format::ModelFile)
    }

    /// The MNIST-like digit (784 values in [0, 1]) of a picture's `width × height` RGBA bytes,
    /// by the drawings' preprocessing (see `drawing::image_to_mnist`); a sentence for a bad one.
    pub fn image_to_digit(args: Arg<Picture>) -> Result<Images, String> {
        let a = take(args)?;
        crate::drawing::image_to_mnist(&a.rgba.0, a.width, a.height).map(Images::from)
    }

    /// Whether bytes start like a safetensors file (the notebook's format, see `notebook.rs`).
    pub fn is_notebook_file(args: Arg<File>) -> Result<bool, String> {
        Ok(crate::format::recognise(&take(args)?.bytes.0) == crate::format::Format::Safetensors)
    }

    /// Sets up the manifold lab's plane (`{curve, points, seed, sigma, hidden, lambda,
    /// nearest}`): points on a curve and three fresh autoencoders; returns the number of points.
    pub fn plane_setup(&mut self, args: Arg<PlaneSetup>) -> Result<usize, String> {
        self.lab.plane_setup(take(args)?)
    }

    /// The plane as the model trained `way` ("plain", "denoising", "contractive") sees it:
    /// points, outputs, field, travel, ellipses and numbers (see `manifold::PlaneView`).
    pub async fn plane_view(&self, args: Arg<PlaneLook>) -> Result<Js<PlaneView>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.plane_view(a.way, a.grid).await?))
    }

    /// The noisy points moved `k` times through the model trained `way`: `n × 2` values.
    pub async fn plane_apply(&self, args: Arg<PlaneMove>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.plane_apply(a.way, a.k).await
    }

    /// Trains a lab's own network `steps` full-batch steps (the plane's three autoencoders, the
    /// helix's, the super-resolution network): `{steps, losses}`, the last step's loss of each
    /// model it trains, by name.
    pub async fn train_toy(&mut self, args: Arg<ToySteps>) -> Result<Js<ToyReport>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.train_toy(&a.toy, a.steps).await?))
    }

    /// Sets up the helix of figure 19 (`{points, seed, hidden, turns}`); returns the number of points.
    pub fn helix_setup(&mut self, args: Arg<HelixSetup>) -> Result<usize, String> {
        self.lab.helix_setup(take(args)?)
    }

    /// The helix, its codes, Spearman's ρ and the decoded path (see `unrolling::HelixView`).
    pub async fn helix_view(&self) -> Result<Js<HelixView>, String> {
        Ok(Js(self.lab.helix_view().await?))
    }

    /// Sets up a super-resolution network (`{factor, hidden, upTo, seed}`) on the training
    /// digits of classes 0 to `upTo`; returns how many digits it trains on.
    pub fn superres_setup(&mut self, args: Arg<SuperResSetup>) -> Result<usize, String> {
        self.lab.superres_setup(take(args)?)
    }

    /// A digit (784 values in [0, 1]) or a low-resolution drawing (side² values) made 28 × 28
    /// by the network and the classical upsamplers: `{low, side, network, nearest, bilinear,
    /// bicubic, psnr}`.
    pub async fn superres(&self, args: Arg<Pixels>) -> Result<Js<Upscaled>, String> {
        Ok(Js(self.lab.superres(&take(args)?.pixels).await?))
    }

    /// The network against the classical upsamplers on the first `limit` test digits of the
    /// classes `from` to `to`: `{digits, network, nearest, bilinear, bicubic}` (PSNR, dB).
    pub async fn superres_scores(&self, args: Arg<ClassRange>) -> Result<Js<UpscaleScores>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.superres_scores(a.limit, a.from, a.to).await?))
    }

    /// A digit (784 values in [0, 1]) transformed (`{shiftX, shiftY, rotation, zoom, brightness,
    /// contrast}`) and reconstructed by `model`: `{input, output, psnr}`.
    pub async fn transform(&self, args: Arg<Transforming>) -> Result<Js<Transformed>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.transform(&a.model, &a.pixels, &a.transform).await?))
    }

    /// `model`'s PSNR on a digit transformed by each amount of `kind` ("shift", "rotation",
    /// "zoom", "brightness", "contrast"): `{kind, amounts, psnr}`.
    pub async fn transform_curve(&self, args: Arg<TransformKind>) -> Result<Js<TransformCurve>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.transform_curve(&a.model, &a.pixels, a.kind).await?))
    }

    /// Trains `model` from now on with random transformations within `{shift, rotation, zoom,
    /// brightness}` (null: without).
    pub fn set_augmentation(&mut self, args: Arg<Augmenting>) -> Result<(), String> {
        let a = take(args)?;
        self.lab.set_augmentation(&a.model, a.ranges)
    }

    /// What the model builder offers: `{hiddenSizes, maxContractive, maxModels}`.
    pub fn builder_options() -> Js<BuilderOptions> {
        Js(BuilderOptions::get())
    }

    /// Removes a built model (the shipped ones stay).
    pub fn remove_model(&mut self, args: Arg<Model>) -> Result<(), String> {
        self.lab.remove_model(&take(args)?.model)
    }

    /// The encoder's kernels and their spread on rarely inked pixels: `{units, weights, scale,
    /// rarePixels, rareSpread, inkedSpread, initSpread}`.
    pub async fn kernels(&self, args: Arg<Model>) -> Result<Js<Kernels>, String> {
        Ok(Js(self.lab.kernels(&take(args)?.model).await?))
    }

    /// Which pixels the training digits ink: `{pixels, ever, often, rare, digits}`.
    pub fn ink(&self) -> Result<Js<Ink>, String> {
        Ok(Js(self.lab.ink()?))
    }

    /// The model against PCA with as many components as its hidden units (≤ 100), on the
    /// first `limit` test digits: `{k, pcaPsnr, modelPsnr, overlap, explained, digits, fitted}`.
    pub async fn pca(&mut self, args: Arg<ModelLimit>) -> Result<Js<PcaComparison>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.pca(&a.model, a.limit).await?))
    }

    /// The backend's name.
    pub fn backend(&self) -> String {
        self.lab.backend().name().to_string()
    }

    /// Loads digits ("train" or "test") from the uncompressed digits format; returns how many.
    pub fn load_digits(&mut self, args: Arg<Split>) -> Result<usize, String> {
        let a = take(args)?;
        let digits = Digits::from_bytes(&a.bytes.0)?;
        match a.split.as_str() {
            "train" => self.lab.set_training_digits(digits),
            "test" => self.lab.set_test_digits(digits),
            other => Err(format!("unknown split '{other}' (expected 'train' or 'test')")),
        }
    }

    /// Replaces a model's weights (burnpack, 8-bit or notebook bytes), or its whole training
    /// with a checkpoint of it; a bad file changes nothing.
    pub fn load_weights(&mut self, args: Arg<ModelFile>) -> Result<(), String> {
        let a = take(args)?;
        self.lab.load_weights(&a.model, &a.bytes.0)
    }

    /// A model's weights as burnpack bytes.
    pub async fn weights(&self, args: Arg<Model>) -> Result<Vec<u8>, String> {
        self.lab.weights(&take(args)?.model).await
    }

    /// A checkpoint of a model: its weights, Adam's moments, its place in the data and its loss
    /// history, to continue it later as if it never stopped (`load_weights` takes it back).
    pub async fn checkpoint(&self, args: Arg<Model>) -> Result<Vec<u8>, String> {
        self.lab.checkpoint(&take(args)?.model).await
    }

    /// Every step's loss of a model since it was created, reset or loaded.
    pub fn history(&self, args: Arg<Model>) -> Result<Images, String> {
        Ok(self.lab.history(&take(args)?.model)?.to_vec().into())
    }

    /// Starts a model again from random weights.
    pub fn reset(&mut self, args: Arg<ModelSeed>) -> Result<(), String> {
        let a = take(args)?;
        self.lab.reset(&a.model, a.seed as u64)
    }

    /// Reconstructs `n × 784` pixels in [0, 1]; returns `n × 784` values in [0, 1]. With
    /// `dropout` > 0 the model sees the pixels corrupted by the mask [`Playground::corrupt`]
    /// draws from the same seed.
    pub async fn reconstruct(&self, args: Arg<Reconstruct>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.reconstruct(&a.model, &a.pixels, noise(a.dropout, a.seed)?).await
    }

    /// The dropout-corrupted input a model sees, shown in [0, 1] (dropped pixels grey, kept
    /// ones doubled and clipped).
    pub fn corrupt(args: Arg<Corrupt>) -> Result<Images, String> {
        let a = take(args)?;
        let noise = DropoutNoise::new(a.dropout)?;
        let x = noise.apply_seeded(&normalised(&a.pixels, None)?, a.seed as u64);
        Ok(x.into_iter().map(|v| denormalize(v).clamp(0.0, 1.0)).collect::<Vec<_>>().into())
    }

    /// The denoising lab in one call (see [`Lab::denoise`]).
    pub async fn denoise(&self, args: Arg<Denoise>) -> Result<Js<Denoised>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.denoise(&a.drawing, a.width, a.height, &a.hidden.to_bools(), a.dropout, a.sigma, a.seed as u64, a.radius).await?))
    }

    /// Latent codes of `n × 784` pixels in [0, 1]: `n × latent` values.
    pub async fn encode(&self, args: Arg<ModelPixels>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.encode(&a.model, &a.pixels).await
    }

    /// Images in [0, 1] decoded from `n × latent` codes.
    pub async fn decode(&self, args: Arg<ModelCodes>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.decode(&a.model, &a.codes).await
    }

    /// Takes `steps` (≥ 1) training steps: `{losses, steps, epochs}`.
    pub async fn train(&mut self, args: Arg<ModelSteps>) -> Result<Js<TrainReport>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.train(&a.model, a.steps).await?))
    }

    /// Training steps the model has taken since it was created or loaded.
    pub fn steps(&self, args: Arg<Model>) -> Result<usize, String> {
        self.lab.steps(&take(args)?.model)
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
    pub async fn evaluate(&self, args: Arg<ModelLimit>) -> Result<Js<Evaluation>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.evaluate(&a.model, a.limit).await?))
    }

    /// Interpolation from A to B (784 values each in [0, 1]) in `frames` frames:
    /// `{frames, latent, pixels, decoded, codes}`.
    pub async fn interpolate(&self, args: Arg<Interpolate>) -> Result<Js<Interpolation>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.interpolate(&a.model, &a.a, &a.b, a.frames).await?))
    }

    /// Starts inpainting a damaged digit by energy minimisation; returns the first frame,
    /// `{iteration, energy, image}`.
    pub async fn energy_start(&mut self, args: Arg<EnergyStart>) -> Result<Js<EnergyFrame>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.energy_start(&a.model, a.unknown, &a.shown, &a.hidden.to_bools(), a.dropout).await?))
    }

    /// Runs `iterations` more iterations of the descent started by [`Playground::energy_start`];
    /// returns the frame reached.
    pub async fn energy_step(&mut self, args: Arg<Iterations>) -> Result<Js<EnergyFrame>, String> {
        Ok(Js(self.lab.energy_step(take(args)?.iterations).await?))
    }

    /// How digit-like an image (784 values in [0, 1]) is: the verdict, its parts, the
    /// reconstruction and the error map (see [`AnomalyReport`]).
    pub async fn anomaly(&mut self, args: Arg<ModelPixels>) -> Result<Js<AnomalyReport>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.anomaly(&a.model, &a.pixels).await?))
    }

    /// The anomaly scores of the reference test digits, sorted.
    pub async fn anomaly_scores(&mut self, args: Arg<Model>) -> Result<Images, String> {
        Ok(self.lab.anomaly_reference(&take(args)?.model).await?.test_scores().to_vec().into())
    }

    /// ROC AUCs of the score and of the reconstruction error alone, test digits against
    /// `outliers` (`n × 784` values in [0, 1]): `{auc, aucReconstruction, digits, outliers}`.
    pub async fn anomaly_roc(&mut self, args: Arg<ModelOutliers>) -> Result<Js<AnomalyRoc>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.anomaly_roc(&a.model, &a.outliers).await?))
    }

    /// Fits the latent map to the first `count` test digits: `{variance, totalVariance, points}`.
    pub async fn latent_map(&mut self, args: Arg<ModelCount>) -> Result<Js<MapReport>, String> {
        let a = take(args)?;
        Ok(Js(self.lab.latent_map(&a.model, a.count).await?))
    }

    /// Map coordinates of `n × latent` codes: `n × 2` values.
    pub fn map_codes(&self, args: Arg<ModelCodes>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.map_codes(&a.model, &a.codes)
    }

    /// Images at `n × 2` map coordinates: `n × 784` values in [0, 1].
    pub async fn map_decode(&self, args: Arg<ModelPoints>) -> Result<Images, String> {
        let a = take(args)?;
        self.lab.map_decode(&a.model, &a.points).await
    }

    /// Codes rounded to `bits` bits each (see [`crate::latent::quantise`]).
    pub fn quantise(args: Arg<Quantise>) -> Result<Images, String> {
        let a = take(args)?;
        Ok(crate::latent::quantise(&a.codes, a.bits).into())
    }
}
