//! A lab session: a backend, the digits, and one slot per row of the table of models (its
//! trainer, an inference copy, and what is derived from it on first use). Plain Rust with
//! async reads, so the same code runs natively (tests, benchmarks, the `train` and `evaluate`
//! commands) and in the browser's worker (through the face, `web.rs`).
//!
//! The session orchestrates; each computation lives in its concept's module. Every method
//! that takes pixels checks them with one validator ([`normalised`]), and every method that
//! fails leaves the session as it was.

use crate::anomaly::{Features, PixelStatistics, Reference, features, roc_auc};
use crate::backend::Backend;
use crate::corrupt::{Damage, DropoutNoise, damage};
use crate::data::{Digits, denormalize, normalize};
use crate::energy::{Descent, Unknown, starting_point};
pub use crate::evaluation::EVALUATION_SEED;
use crate::evaluation::{Input, Scores, binary_cross_entropy, jacobian_norm, mean_entropy, reconstruction_error};
use crate::interpolate;
use crate::latent::LatentMap;
use crate::model::{Autoencoder, IMAGE_PIXELS};
use crate::record::{Images, Mask};
use crate::restoration::{Restoration, restorations};
use crate::kernels::{Ink, Kernels, ink_frequency};
use crate::manifold::{Plane, PlaneSetup, PlaneView, Way, Weights};
use crate::unrolling::{Helix, HelixSetup, HelixView};
use crate::superres::{SuperRes, SuperResSetup, UpscaleScores, Upscaled};
use crate::transform::{Augmentation, Kind, Transform};
use crate::rng::Rng;
use crate::pca::{Pca, PcaComparison, moments, subspace_overlap};
use crate::spec::{MAX_MODELS, MODELS, ModelSpec, Recipe, unknown};
use crate::training::{Trainer, TrainingConfig};
use crate::weights::{is_model_file, model_file, model_to_weights, read_model_file, weights_to_model};
use crate::checkpoint::{Checkpoint, is_checkpoint};
use crate::notebook::{is_safetensors, model_to_notebook, read_notebook_file};
use burn::prelude::*;
use serde::Serialize;

/// Digits used to calibrate the anomaly score in a session: this many training digits for the
/// score's scales and this many test digits for its percentiles.
pub const ANOMALY_REFERENCE_DIGITS: usize = 2000;

/// Digits loaded on the device.
struct DeviceDigits {
    digits: Digits,
    images: Tensor<2>,
}

/// One model of the session.
struct ModelSlot {
    spec: ModelSpec,
    trainer: Trainer,
    /// The trainer's model without autodiff, kept ready for inference.
    inference: Autoencoder,
    /// Made on first use, dropped when the model or the digits change.
    anomaly: Option<Reference>,
    map: Option<LatentMap>,
    /// Random transformations of the training digits, if it trains with augmentation, and the
    /// stream they are drawn from.
    augmentation: Option<(Augmentation, Rng)>,
    /// Every step's loss since the model was created, reset or loaded (what a checkpoint keeps).
    history: Vec<f32>,
}

impl ModelSlot {
    fn new(spec: ModelSpec, trainer: Trainer) -> Self {
        Self { inference: trainer.inference_model(), spec, trainer, anomaly: None, map: None, augmentation: None, history: Vec::new() }
    }
}

/// A digit transformed and reconstructed.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Transformed {
    /// The transformed digit and the model's reconstruction of it: 784 values each in [0, 1].
    pub input: Images,
    pub output: Images,
    /// PSNR (dB) of the reconstruction against the transformed digit.
    pub psnr: f64,
}

/// PSNR against the amount of one kind of transformation, for one digit.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TransformCurve {
    pub kind: Kind,
    pub amounts: Vec<f32>,
    pub psnr: Vec<f64>,
    /// The transformed digits, one per amount: `amounts.len() × 784` values in [0, 1].
    pub inputs: Images,
}

/// The result of a run of training steps.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainReport {
    /// The objective of each step on its batch: the model's loss in its own scale (MSE, or
    /// BCE per pixel) plus its contractive penalty, if any.
    pub losses: Vec<f32>,
    /// Steps taken by this model since it was created or loaded.
    pub steps: usize,
    /// Epochs over the training digits, as a fraction.
    pub epochs: f64,
}

/// A model's reconstruction error on test digits, on both scales.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Evaluation {
    /// Mean squared error with images in [-1, 1] (the training loss's scale).
    pub mse: f64,
    /// Mean squared error with images in [0, 1] (a quarter of `mse`).
    pub mse_unit: f64,
    /// 10 · log10(1 / `mse_unit`), in dB.
    pub psnr: f64,
    /// How many test digits were scored.
    pub digits: usize,
    /// The mean Frobenius norm of the encoder's Jacobian `‖∂h/∂x‖_F` on the clean test digits
    /// (what the contractive penalty shrinks; with respect to the model's input scale).
    pub jacobian: f64,
    /// PSNR (dB) on the first `train_digits` of the digits the model trains on, from the same
    /// input: far above the test PSNR when it memorised them.
    pub train_psnr: f64,
    pub train_digits: usize,
    /// For a model trained with BCE: its mean per-pixel BCE on the clean test digits minus the
    /// digits' own entropy (BCE's floor), in nats. `None` for the others.
    pub bce_excess: Option<f64>,
    /// For a model trained with BCE: the digits' mean per-pixel entropy, in nats.
    pub entropy: Option<f64>,
}

/// A digit from a drawing, damaged, and every restoration of it (the denoising lab).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Denoised {
    /// The drawing made MNIST-like: 784 values in [0, 1], the clean ground truth.
    pub digit: Images,
    /// The damaged digit as shown (hidden pixels grey): 784 values in [0, 1].
    pub shown: Images,
    /// 1 where a pixel is hidden.
    pub hidden: Mask,
    /// See [`restorations`]: each `pixels` holds 784 values.
    pub restorations: Vec<Restoration>,
}

/// An interpolation from image A to image B.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Interpolation {
    pub frames: usize,
    /// Size of a code.
    pub latent: usize,
    /// The pixel blends: `frames × 784` values in [0, 1].
    pub pixels: Images,
    /// The decoded blends of the two codes: `frames × 784` values in [0, 1].
    pub decoded: Images,
    /// The blended codes: `frames × latent`.
    pub codes: Images,
}

/// One frame of an energy minimisation.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EnergyFrame {
    /// Iterations run so far.
    pub iteration: usize,
    /// The energy now.
    pub energy: f32,
    /// The current restoration: 784 values in [0, 1].
    pub image: Images,
}

/// How digit-like an image is to a model (see `anomaly.rs`).
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnomalyReport {
    /// The combined score.
    pub score: f32,
    /// Fraction of the reference test digits with a lower score.
    pub percentile: f32,
    /// The reconstruction error, MSE in [-1, 1] (the lecture's anomaly score).
    pub error: f32,
    /// Fraction of the reference test digits with a lower reconstruction error.
    pub error_percentile: f32,
    /// The mean-image term.
    pub atypicality: f32,
    /// Mean pixel in [0, 1].
    pub ink: f32,
    pub empty: bool,
    pub unusual: bool,
    /// Empty or unusual.
    pub flagged: bool,
    /// The score above which an image is unusual.
    pub threshold: f32,
    /// The percentile of the test digits' scores above which an image is unusual.
    pub flag_above: f32,
    /// The model's reconstruction: 784 values in [0, 1].
    pub reconstruction: Images,
    /// The squared error of each pixel, on the [0, 1] scale: 784 values in [0, 1].
    pub error_map: Images,
}

/// How well the anomaly score separates the reference test digits from given outliers.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AnomalyRoc {
    /// ROC AUC of the combined score.
    pub auc: f64,
    /// ROC AUC of the reconstruction error alone.
    pub auc_reconstruction: f64,
    /// Reference test digits.
    pub digits: usize,
    /// Outliers scored.
    pub outliers: usize,
}

/// The latent map of some test digits.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MapReport {
    /// Variance of the codes along the map's two axes.
    pub variance: [f32; 2],
    /// Total variance of the codes.
    pub total_variance: f32,
    /// The digits' coordinates: `count × 2`.
    pub points: Images,
}

/// Checks `n × 784` pixels in [0, 1] (exactly `count` images when given) and returns them
/// normalised to [-1, 1], clamped.
pub fn normalised(pixels: &[f32], count: Option<usize>) -> Result<Vec<f32>, String> {
    match count {
        Some(1) if pixels.len() != IMAGE_PIXELS => return Err(format!("expected one image of {IMAGE_PIXELS} pixels, got {} values", pixels.len())),
        Some(n) if pixels.len() != n * IMAGE_PIXELS => return Err(format!("expected {n} images of {IMAGE_PIXELS} pixels, got {} values", pixels.len())),
        _ if pixels.is_empty() || !pixels.len().is_multiple_of(IMAGE_PIXELS) => {
            return Err(format!("expected a multiple of {IMAGE_PIXELS} pixels, got {}", pixels.len()));
        }
        _ => {}
    }
    if let Some(bad) = pixels.iter().find(|v| !v.is_finite()) {
        return Err(format!("pixel value {bad} is not a number in [0, 1]"));
    }
    Ok(pixels.iter().map(|&p| normalize(p.clamp(0.0, 1.0))).collect())
}

/// Checks a mask of one image's pixels.
fn one_mask(hidden: &[bool]) -> Result<(), String> {
    if hidden.len() == IMAGE_PIXELS { Ok(()) } else { Err(format!("expected {IMAGE_PIXELS} mask values, got {}", hidden.len())) }
}

/// A session.
pub struct Lab {
    backend: Backend,
    device: Device,
    train: Option<DeviceDigits>,
    test: Option<DeviceDigits>,
    /// The share of training digits that ink each pixel (for the kernels' statistics).
    ink: Vec<f32>,
    slots: Vec<ModelSlot>,
    /// Models built so far in this session (their colours and random streams take turns).
    built: usize,
    /// The training digits' mean and covariance (784 and 784 × 784 values), made on first use.
    moments: Option<(Vec<f32>, Vec<f32>)>,
    /// PCA fits by number of components, made on first use.
    pcas: Vec<Pca>,
    /// The manifold lab's plane and helix, once set up.
    plane: Option<Plane>,
    helix: Option<Helix>,
    /// The super-resolution network, once set up.
    superres: Option<SuperRes>,
}

/// What a run of a toy's training steps did.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToyReport {
    /// Steps taken since the toy was set up.
    pub steps: usize,
    /// The last step's loss of each model (the plane: plain, denoising, contractive).
    pub losses: Vec<f32>,
}

impl Lab {
    /// A session on `backend` with every model of the table freshly initialised.
    pub async fn new(backend: Backend) -> Result<Self, String> {
        let device = backend.device().await?;
        let slots = MODELS
            .iter()
            .enumerate()
            .map(|(i, spec)| ModelSlot::new(spec.clone(), Trainer::new(spec, i as u64, TrainingConfig::new(), &device)))
            .collect();
        Ok(Self { backend, device, train: None, test: None, ink: Vec::new(), slots, built: 0, moments: None, pcas: Vec::new(), plane: None, helix: None, superres: None })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    /// The models of the session, in the table's order.
    pub fn models(&self) -> Vec<ModelSpec> {
        self.slots.iter().map(|s| s.spec.clone()).collect()
    }

    fn index(&self, model: &str) -> Result<usize, String> {
        self.slots.iter().position(|s| s.spec.name == model).ok_or_else(|| unknown(model, self.slots.iter().map(|s| &s.spec)))
    }

    fn slot(&self, model: &str) -> Result<&ModelSlot, String> {
        Ok(&self.slots[self.index(model)?])
    }

    /// The spec of `model`.
    pub fn spec(&self, model: &str) -> Result<&ModelSpec, String> {
        Ok(&self.slot(model)?.spec)
    }

    /// The model `model`, for inference.
    pub fn model(&self, model: &str) -> Result<Autoencoder, String> {
        Ok(self.slot(model)?.inference.clone())
    }

    /// Adds a model built from `recipe` (fresh weights drawn from `seed`) to the end of the
    /// table and returns its row. A bad recipe, a name in use or a full table change nothing.
    pub fn add_model(&mut self, recipe: &Recipe, seed: u64) -> Result<ModelSpec, String> {
        if self.slots.iter().any(|s| s.spec.name == recipe.name.trim()) {
            return Err(format!("a model named '{}' exists already; choose another name", recipe.name.trim()));
        }
        if self.slots.len() >= MAX_MODELS {
            return Err(format!("the lab holds at most {MAX_MODELS} models: remove one first"));
        }
        let spec = recipe.build(self.built)?;
        let stream = (MODELS.len() + self.built) as u64;
        let trainer = Trainer::new(&spec, stream, TrainingConfig::new().with_seed(seed), &self.device);
        self.slots.push(ModelSlot::new(spec.clone(), trainer));
        self.built += 1;
        Ok(spec)
    }

    /// A model file of `model`: its recipe and its weights (see `weights.rs`).
    pub async fn export_model(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        model_file(&slot.spec.recipe(), &model_to_weights(&slot.inference).await?)
    }

    /// `model` as a notebook file (safetensors with the notebook's names, see `notebook.rs`).
    pub async fn export_notebook(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        model_to_notebook(&slot.inference, &slot.spec.recipe()).await
    }

    /// Builds the model a file describes, with its weights, and adds it to the table: a model
    /// file (its recipe inside), or a notebook file (safetensors: the recipe the page wrote into
    /// it, else the notebook's model with d read from the shapes, named after `file_name` and
    /// renamed `-2`, `-3`… if the name is in use). A bad file, a model file whose name is in
    /// use, or a full table change nothing.
    pub fn import_model(&mut self, bytes: &[u8], file_name: Option<&str>) -> Result<ModelSpec, String> {
        if self.slots.len() >= MAX_MODELS {
            return Err(format!("the lab holds at most {MAX_MODELS} models: remove one first"));
        }
        let (spec, loaded) = if is_safetensors(bytes) {
            let file = read_notebook_file(bytes)?;
            let mut recipe = file.recipe(file_name);
            recipe.name = self.free_name(&recipe.name);
            let spec = recipe.build(self.built)?;
            let loaded = file.load(&spec, bytes, &self.device)?;
            (spec, loaded)
        } else if !is_model_file(bytes) {
            return Err("not a model file: the page takes its own model files (.aepm) and the notebook's safetensors files (.safetensors)".into());
        } else {
            let (recipe, weights) = read_model_file(bytes)?;
            if self.slots.iter().any(|s| s.spec.name == recipe.name.trim()) {
                return Err(format!("a model named '{}' exists already: remove it first, or load the file into it as weights", recipe.name.trim()));
            }
            let spec = recipe.build(self.built)?;
            let loaded = weights_to_model(&spec, weights, &self.device)?;
            (spec, loaded)
        };
        let stream = (MODELS.len() + self.built) as u64;
        let trainer = Trainer::from_model(&spec, stream, loaded, TrainingConfig::new());
        self.slots.push(ModelSlot::new(spec.clone(), trainer));
        self.built += 1;
        Ok(spec)
    }

    /// `name`, or `name-2`, `name-3`… whichever no model of the table has (within 24 characters).
    fn free_name(&self, name: &str) -> String {
        let taken = |n: &str| self.slots.iter().any(|s| s.spec.name == n);
        if !taken(name) {
            return name.to_string();
        }
        (2..)
            .map(|i| {
                let suffix = format!("-{i}");
                format!("{}{suffix}", &name[..name.len().min(24 - suffix.len())])
            })
            .find(|n| !taken(n))
            .expect("the table is finite")
    }

    /// Removes a built model (the shipped ones stay).
    pub fn remove_model(&mut self, model: &str) -> Result<(), String> {
        let index = self.index(model)?;
        if self.slots[index].spec.shipped {
            return Err(format!("the {model} model ships with the page and stays; reset it instead"));
        }
        self.slots.remove(index);
        Ok(())
    }

    /// The kernels of `model`'s encoder (lecture figures 22–23), with the spread of their
    /// weights on the pixels the training digits almost never ink.
    pub async fn kernels(&self, model: &str) -> Result<Kernels, String> {
        let slot = self.slot(model)?;
        if self.ink.is_empty() {
            return Err("no training digits loaded".into());
        }
        let weight = self.read(slot.inference.encoder.weight.val()).await?;
        Ok(Kernels::of(&weight, slot.spec.latent, &self.ink))
    }

    /// Which pixels the training digits ink, and their mean image's PSNR on the first 1,000
    /// test digits.
    pub fn ink(&self) -> Result<Ink, String> {
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        Ok(Ink::of(&self.ink, &train.digits, &test.digits.take_at_most(1000)))
    }

    /// `model` against PCA with as many components as its hidden units (up to 100), both on
    /// the first `limit` test digits; PCA is fitted to the training digits (once per k).
    pub async fn pca(&mut self, model: &str, limit: usize) -> Result<PcaComparison, String> {
        let k = self.spec(model)?.latent;
        if k > 100 {
            return Err(format!("PCA is compared with models of up to 100 hidden units; this one has {k}"));
        }
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let fitted = train.digits.len();
        if self.moments.is_none() {
            let (mean, covariance) = moments(train.digits.to_tensor(&self.device));
            self.moments = Some((self.read(mean).await?, self.read(covariance).await?));
        }
        if !self.pcas.iter().any(|p| p.components.len() == k) {
            let (mean, covariance) = self.moments.as_ref().expect("made above");
            self.pcas.push(Pca::from_moments(mean.clone(), covariance, k, 40)?);
        }
        let pca = self.pcas.iter().find(|p| p.components.len() == k).expect("made above");
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = limit.clamp(1, test.digits.len());
        let x = test.digits.take(n).normalised();
        let projected = pca.reconstruct(&x);
        let mse = x.iter().zip(&projected).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / x.len() as f64;
        let slot = self.slot(model)?;
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let error = self.read(reconstruction_error(&slot.inference, &images, Input::Clean, 1000)).await?[0] as f64;
        let weight = self.read(slot.inference.encoder.weight.val()).await?;
        Ok(PcaComparison {
            k,
            pca_psnr: Scores::from_mse(mse).psnr(),
            model_psnr: Scores::from_mse(error).psnr(),
            overlap: subspace_overlap(&pca.components, &weight, k),
            explained: pca.variances.iter().sum::<f64>() / pca.total_variance,
            digits: n,
            fitted,
        })
    }

    /// Sets up the manifold lab's plane: points on a curve and three fresh autoencoders. Bad
    /// settings change nothing. Returns the number of points.
    pub fn plane_setup(&mut self, setup: PlaneSetup) -> Result<usize, String> {
        let plane = Plane::new(setup, &self.device)?;
        let n = plane.clean.len();
        self.plane = Some(plane);
        Ok(n)
    }

    /// Runs `steps` steps of a toy on a copy, reading the losses once at the end; the copy is
    /// returned only if every loss is finite, so a failed run changes nothing.
    async fn toy_steps<T: Clone>(&self, toy: Option<&T>, what: &str, steps: usize, mut step: impl FnMut(&mut T) -> Tensor<1>) -> Result<(T, Vec<f32>), String> {
        let mut toy = toy.cloned().ok_or_else(|| format!("the {what} is not set up"))?;
        if !(1..=10_000).contains(&steps) {
            return Err(format!("the number of steps must be between 1 and 10,000, not {steps}"));
        }
        let pending: Vec<Tensor<1>> = (0..steps).map(|_| step(&mut toy)).collect();
        let losses = self.read(Tensor::cat(pending, 0)).await?;
        if let Some(bad) = losses.iter().find(|v| !v.is_finite()) {
            return Err(format!("the loss became {bad}: training diverged, the {what} was kept as it was"));
        }
        Ok((toy, losses))
    }

    /// Takes `steps` full-batch steps of the plane's three models; a non-finite loss keeps
    /// them as they were.
    pub async fn plane_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        let (plane, losses) = self.toy_steps(self.plane.as_ref(), "plane", steps, Plane::step).await?;
        let report = ToyReport { steps: plane.steps, losses: losses[losses.len() - 3..].to_vec() };
        self.plane = Some(plane);
        Ok(report)
    }

    /// The weights of the plane's three models, read at once.
    async fn plane_weights(&self) -> Result<(&Plane, Vec<Weights>), String> {
        let plane = self.plane.as_ref().ok_or("the plane is not set up")?;
        let flats: Vec<Tensor<1>> = Way::ALL.iter().map(|&w| Weights::flat(&plane.model(w))).collect();
        let values = self.read(Tensor::cat(flats, 0)).await?;
        let h = plane.setup.hidden;
        let size = 5 * h + 2;
        Ok((plane, values.chunks_exact(size).map(|v| Weights::from_flat(v, h)).collect()))
    }

    /// What the page draws of the plane for the model trained `way`, on a `grid × grid` grid.
    pub async fn plane_view(&self, way: Way, grid: usize) -> Result<PlaneView, String> {
        if !(4..=128).contains(&grid) {
            return Err(format!("the grid must be 4 to 128 points wide, not {grid}"));
        }
        let (plane, weights) = self.plane_weights().await?;
        Ok(crate::manifold::view(plane, way, &weights, grid))
    }

    /// The noisy points moved `k` times through the model trained `way`: `n × 2`.
    pub async fn plane_apply(&self, way: Way, k: usize) -> Result<Images, String> {
        if k > 100 {
            return Err(format!("apply the model at most 100 times, not {k}"));
        }
        let (plane, weights) = self.plane_weights().await?;
        let moved = crate::manifold::apply_again(&weights[way as usize], &plane.noisy, k);
        Ok(moved.into_iter().flatten().collect::<Vec<_>>().into())
    }

    /// Sets up the helix of figure 19 and a fresh autoencoder; returns the number of points.
    pub fn helix_setup(&mut self, setup: HelixSetup) -> Result<usize, String> {
        let helix = Helix::new(setup, &self.device)?;
        let n = helix.points.len();
        self.helix = Some(helix);
        Ok(n)
    }

    /// Takes `steps` full-batch steps of the helix's autoencoder.
    pub async fn helix_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        let (helix, losses) = self.toy_steps(self.helix.as_ref(), "helix", steps, Helix::step).await?;
        let report = ToyReport { steps: helix.steps, losses: vec![*losses.last().expect("at least one step")] };
        self.helix = Some(helix);
        Ok(report)
    }

    /// Sets up a super-resolution network on the training digits (of the classes the setup
    /// keeps); returns how many digits it trains on.
    pub fn superres_setup(&mut self, setup: SuperResSetup) -> Result<usize, String> {
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let sr = SuperRes::new(setup, &train.digits, &self.device)?;
        let n = sr.digits;
        self.superres = Some(sr);
        Ok(n)
    }

    /// Takes `steps` steps of the super-resolution network: `{steps, losses}`.
    pub async fn superres_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        let (sr, losses) = self.toy_steps(self.superres.as_ref(), "super-resolution network", steps, SuperRes::step).await?;
        let report = ToyReport { steps: sr.steps, losses: vec![*losses.last().expect("at least one step")] };
        self.superres = Some(sr);
        Ok(report)
    }

    /// One digit made small and large again every way: from a 28 × 28 image in [0, 1] (784
    /// values: shrunk here, and the truth for the PSNRs) or from a low-resolution drawing
    /// (side² values, no truth).
    pub async fn superres(&self, pixels: &[f32]) -> Result<Upscaled, String> {
        let sr = self.superres.as_ref().ok_or("the super-resolution network is not set up")?;
        let side = sr.setup.side();
        if pixels.iter().any(|v| !v.is_finite()) {
            return Err("pixel values must be numbers".into());
        }
        let unit: Vec<f32> = pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect();
        let (low, truth) = match unit.len() {
            IMAGE_PIXELS => (crate::superres::downsample(&unit, sr.setup.factor), Some(unit.as_slice())),
            n if n == side * side => (unit.clone(), None),
            n => return Err(format!("expected {IMAGE_PIXELS} pixels or {} low-resolution ones, got {n}", side * side)),
        };
        let x: Vec<f32> = low.iter().map(|&v| normalize(v)).collect();
        let out = self.read(sr.model().forward(Tensor::from_data(TensorData::new(x, [1, side * side]), &self.device))).await?;
        Ok(crate::superres::upscaled(low, side, crate::superres::to_unit(out), truth))
    }

    /// The network against the classical upsamplers on the first `limit` test digits of the
    /// classes `from..=to`.
    pub async fn superres_scores(&self, limit: usize, from: u8, to: u8) -> Result<UpscaleScores, String> {
        let sr = self.superres.as_ref().ok_or("the super-resolution network is not set up")?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let chosen: Vec<usize> = (0..test.digits.len()).filter(|&i| (from..=to).contains(&test.digits.labels[i])).take(limit.max(1)).collect();
        if chosen.is_empty() {
            return Err(format!("no test digits of the classes {from} to {to}"));
        }
        let digits = Digits { pixels: chosen.iter().flat_map(|&i| test.digits.image(i).to_vec()).collect(), labels: chosen.iter().map(|&i| test.digits.labels[i]).collect() };
        let side = sr.setup.side();
        let low = crate::superres::low_inputs(&digits, sr.setup.factor);
        let out = self.read(sr.model().forward(Tensor::from_data(TensorData::new(low, [digits.len(), side * side]), &self.device))).await?;
        let truth: Vec<f32> = digits.pixels.iter().map(|&p| p as f32 / 255.0).collect();
        Ok(UpscaleScores::of(&truth, &crate::superres::to_unit(out), sr.setup.factor))
    }

    /// The helix, its points' codes, Spearman's ρ, and what codes between and beyond decode to.
    pub async fn helix_view(&self) -> Result<HelixView, String> {
        use crate::unrolling::{between, path_codes, spearman};
        let helix = self.helix.as_ref().ok_or("the helix is not set up")?;
        let model = helix.model();
        let x = helix.points_tensor(&self.device);
        let codes = self.read(model.encode(x.clone())).await?;
        let path = path_codes(&codes, 64);
        let mid = between(&codes);
        let lo = codes.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = codes.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let beyond: Vec<f32> = path.iter().copied().filter(|&c| c < lo || c > hi).collect();
        let probe: Vec<f32> = path.iter().chain(&mid).chain(&beyond).copied().collect();
        let z = Tensor::<2>::from_data(TensorData::new(probe.clone(), [probe.len(), 1]), &self.device);
        let decoded = self.read(Tensor::cat(vec![model.decode(z).reshape([-1]), model.decode(model.encode(x)).reshape([-1])], 0)).await?;
        let points3 = |v: &[f32]| -> Vec<[f32; 3]> { v.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect() };
        let all = points3(&decoded);
        let (path_points, rest) = all.split_at(path.len());
        let (mid_points, rest) = rest.split_at(mid.len());
        let (beyond_points, training) = rest.split_at(beyond.len());
        let off = |ps: &[[f32; 3]]| if ps.is_empty() { 0.0 } else { ps.iter().map(|&p| helix.setup.distance(p)).sum::<f32>() / ps.len() as f32 };
        Ok(HelixView {
            steps: helix.steps,
            points: helix.points.iter().flatten().copied().collect::<Vec<_>>().into(),
            positions: helix.positions.clone().into(),
            rho: spearman(&codes, &helix.positions),
            codes: codes.into(),
            path_codes: path.into(),
            path: path_points.iter().flatten().copied().collect::<Vec<_>>().into(),
            off_training: off(training),
            off_between: off(mid_points),
            off_beyond: off(beyond_points),
        })
    }

    /// Replaces the trainer of a slot, and with it everything derived from its model (its
    /// augmentation and loss history stay).
    fn set_trainer(&mut self, index: usize, trainer: Trainer) {
        let slot = &mut self.slots[index];
        let augmentation = slot.augmentation.take();
        let history = std::mem::take(&mut slot.history);
        *slot = ModelSlot::new(slot.spec.clone(), trainer);
        slot.augmentation = augmentation;
        slot.history = history;
    }

    /// Trains `model` from now on with random transformations of its digits within `ranges`
    /// (`None`: the digits as they are).
    pub fn set_augmentation(&mut self, model: &str, ranges: Option<Augmentation>) -> Result<(), String> {
        let index = self.index(model)?;
        if let Some(a) = &ranges {
            a.check()?;
        }
        self.slots[index].augmentation = ranges.map(|a| (a, Rng::new(0xa06 ^ index as u64)));
        Ok(())
    }

    /// The augmentation ranges `model` trains with, if any.
    pub fn augmentation(&self, model: &str) -> Result<Option<Augmentation>, String> {
        Ok(self.slot(model)?.augmentation.as_ref().map(|(a, _)| *a))
    }

    /// A digit (784 values in [0, 1]) transformed by `t` and reconstructed by `model`.
    pub async fn transform(&self, model: &str, pixels: &[f32], t: &Transform) -> Result<Transformed, String> {
        normalised(pixels, Some(1))?;
        t.check()?;
        let input = crate::transform::apply(&pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect::<Vec<_>>(), t);
        let output = self.reconstruct(model, &input, None).await?;
        let mse = output.iter().zip(&input).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / IMAGE_PIXELS as f64;
        Ok(Transformed { psnr: crate::evaluation::psnr(mse), input: input.into(), output })
    }

    /// `model`'s PSNR on a digit transformed by each amount of `kind` (one batch).
    pub async fn transform_curve(&self, model: &str, pixels: &[f32], kind: Kind) -> Result<TransformCurve, String> {
        normalised(pixels, Some(1))?;
        let unit: Vec<f32> = pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect();
        let amounts = kind.amounts();
        let inputs: Vec<f32> = amounts.iter().flat_map(|&a| crate::transform::apply(&unit, &kind.transform(a))).collect();
        let outputs = self.reconstruct(model, &inputs, None).await?;
        let psnr = outputs
            .chunks_exact(IMAGE_PIXELS)
            .zip(inputs.chunks_exact(IMAGE_PIXELS))
            .map(|(o, i)| crate::evaluation::psnr(o.iter().zip(i).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / IMAGE_PIXELS as f64))
            .collect();
        Ok(TransformCurve { kind, amounts, psnr, inputs: inputs.into() })
    }

    /// Sets the training digits (kept on the autodiff device the trainers use).
    pub fn set_training_digits(&mut self, digits: Digits) -> Result<usize, String> {
        if digits.is_empty() {
            return Err("no training digits".into());
        }
        let images = digits.to_tensor(&self.device.clone().autodiff());
        let n = digits.len();
        self.ink = ink_frequency(&digits);
        (self.moments, self.pcas) = (None, Vec::new());
        self.train = Some(DeviceDigits { digits, images });
        self.slots.iter_mut().for_each(|s| s.anomaly = None);
        Ok(n)
    }

    /// Sets the test digits.
    pub fn set_test_digits(&mut self, digits: Digits) -> Result<usize, String> {
        if digits.is_empty() {
            return Err("no test digits".into());
        }
        let images = digits.to_tensor(&self.device);
        let n = digits.len();
        self.test = Some(DeviceDigits { digits, images });
        self.slots.iter_mut().for_each(|s| (s.anomaly, s.map) = (None, None));
        Ok(n)
    }

    /// The test digits, if loaded.
    pub fn test_digits(&self) -> Option<&Digits> {
        self.test.as_ref().map(|t| &t.digits)
    }

    /// Number of training digits loaded.
    pub fn training_len(&self) -> usize {
        self.train.as_ref().map_or(0, |t| t.digits.len())
    }

    /// Replaces `model`'s weights with a weights file (burnpack, 8-bit or the notebook's, see
    /// `weights.rs`), or its whole training with a checkpoint of it (`checkpoint.rs`). A bad
    /// file leaves the model as it was.
    /// From weights alone, training continues with a warmed-up learning rate (see
    /// `training.rs`); from a checkpoint, as if it had never stopped.
    pub fn load_weights(&mut self, model: &str, bytes: &[u8]) -> Result<(), String> {
        let index = self.index(model)?;
        if is_checkpoint(bytes) {
            return self.resume(index, bytes);
        }
        let slot = &self.slots[index];
        let loaded = weights_to_model(&slot.spec, bytes, &self.device)?;
        let trainer = Trainer::from_model(&slot.spec, index as u64, loaded, slot.trainer.config.clone());
        self.set_trainer(index, trainer);
        self.slots[index].history.clear();
        Ok(())
    }

    /// Puts a checkpoint of the model in slot `index` back: its weights, Adam's moments, its
    /// place in the data, its augmentation and its loss history. A checkpoint of another model,
    /// or one whose weights or moments do not fit, changes nothing.
    fn resume(&mut self, index: usize, bytes: &[u8]) -> Result<(), String> {
        let checkpoint = Checkpoint::read(bytes)?;
        let spec = &self.slots[index].spec;
        if checkpoint.recipe != spec.recipe() {
            return Err(format!("this checkpoint is of the model '{}' as built then, not of the {} model as it is now", checkpoint.recipe.name, spec.name));
        }
        let loaded = weights_to_model(spec, &checkpoint.weights, &self.device)?;
        let saved: Vec<(String, usize)> = checkpoint.trainer.moments.iter().map(|m| (m.path.clone(), m.first.len())).collect();
        // The trainer is only kept once its moments are known to fit its parameters.
        let trainer = Trainer::resume(spec, loaded, checkpoint.trainer);
        let parameters = trainer.parameters();
        if let Some((path, len)) = saved.iter().find(|s| !parameters.contains(s)) {
            return Err(format!("the checkpoint's optimiser state for '{path}' ({len} values) fits no parameter of the {} model", spec.name));
        }
        self.set_trainer(index, trainer);
        let slot = &mut self.slots[index];
        slot.augmentation = checkpoint.augmentation.map(|(a, state)| (a, Rng::resume(state)));
        slot.history = checkpoint.history;
        Ok(())
    }

    /// A checkpoint of `model`: everything to continue its training later (`checkpoint.rs`),
    /// read asynchronously (so on WebGPU too).
    pub async fn checkpoint(&self, model: &str) -> Result<Vec<u8>, String> {
        let slot = self.slot(model)?;
        Checkpoint {
            recipe: slot.spec.recipe(),
            trainer: slot.trainer.state().await?,
            augmentation: slot.augmentation.as_ref().map(|(a, rng)| (*a, rng.state())),
            history: slot.history.clone(),
            weights: model_to_weights(&slot.inference).await?,
        }
        .to_bytes()
    }

    /// Every step's loss of `model` since it was created, reset or loaded (a checkpoint keeps it).
    pub fn history(&self, model: &str) -> Result<&[f32], String> {
        Ok(&self.slot(model)?.history)
    }

    /// Starts `model` again from random weights.
    pub fn reset(&mut self, model: &str, seed: u64) -> Result<(), String> {
        let index = self.index(model)?;
        let trainer = Trainer::new(&self.slots[index].spec, index as u64, TrainingConfig::new().with_seed(seed), &self.device);
        self.set_trainer(index, trainer);
        self.slots[index].history.clear();
        Ok(())
    }

    /// `model`'s weights in burnpack format (read asynchronously, so it works on WebGPU).
    pub async fn weights(&self, model: &str) -> Result<Vec<u8>, String> {
        model_to_weights(&self.slot(model)?.inference).await
    }

    /// Reconstructs images given in [0, 1] (`n × 784` values), returning them in [0, 1]. With
    /// `noise`, the model sees the images corrupted by a dropout mask drawn from the seed.
    pub async fn reconstruct(&self, model: &str, pixels: &[f32], noise: Option<(DropoutNoise, u64)>) -> Result<Images, String> {
        let autoencoder = &self.slot(model)?.inference;
        let x = normalised(pixels, None)?;
        let x = match noise {
            None => x,
            Some((noise, seed)) => noise.apply_seeded(&x, seed),
        };
        let x = self.tensor(x)?;
        Ok(self.read_images(autoencoder.reconstruct(x)).await?.into())
    }

    /// The latent codes of images given in [0, 1] (`n × 784` values): `n × latent` values.
    pub async fn encode(&self, model: &str, pixels: &[f32]) -> Result<Images, String> {
        let autoencoder = &self.slot(model)?.inference;
        let x = self.tensor(normalised(pixels, None)?)?;
        Ok(self.read(autoencoder.encode(x)).await?.into())
    }

    /// The images (in [0, 1]) that latent codes (`n × latent` values) stand for.
    pub async fn decode(&self, model: &str, codes: &[f32]) -> Result<Images, String> {
        let autoencoder = &self.slot(model)?.inference;
        let latent = autoencoder.latent();
        if codes.is_empty() || !codes.len().is_multiple_of(latent) || codes.iter().any(|v| !v.is_finite()) {
            return Err(format!("expected a multiple of {latent} finite latent values, got {}", codes.len()));
        }
        let z = Tensor::<2>::from_data(TensorData::new(codes.to_vec(), [codes.len() / latent, latent]), &self.device);
        Ok(self.read_images(autoencoder.decode(z)).await?.into())
    }

    /// The denoising lab in one call: a `width × height` drawing in [0, 1] made MNIST-like, then
    /// damaged (pixels `hidden_by_hand`, the dropout mask of probability `dropout`, Gaussian
    /// noise of deviation `sigma`, drawn from `seed`), then restored every way there is.
    #[allow(clippy::too_many_arguments)]
    pub async fn denoise(
        &self,
        drawing: &[f32],
        width: usize,
        height: usize,
        hidden_by_hand: &[bool],
        dropout: f32,
        sigma: f32,
        seed: u64,
        radius: f32,
    ) -> Result<Denoised, String> {
        if drawing.len() != width * height || drawing.iter().any(|v| !v.is_finite()) {
            return Err(format!("a {width}×{height} drawing has {} finite values, not {}", width * height, drawing.len()));
        }
        one_mask(hidden_by_hand)?;
        if !(0.0..=1.0).contains(&sigma) {
            return Err(format!("the noise deviation must be in [0, 1], got {sigma}"));
        }
        let noise = DropoutNoise::new(dropout)?;
        let digit = crate::drawing::to_mnist(drawing, width, height);
        let (shown, hidden) = damage(&digit, hidden_by_hand, noise.p, sigma, seed);
        let restorations = self.restore(&shown, &hidden, noise.p, radius).await?;
        Ok(Denoised { digit: digit.into(), shown: shown.into(), hidden: Mask::from_bools(&hidden), restorations })
    }

    /// The restorations of one damaged digit (see [`restorations`]): `shown` is the damaged
    /// image in [0, 1] (784 values), `hidden` marks its hidden pixels, `dropout` the dropout
    /// probability of the damage.
    pub async fn restore(&self, shown: &[f32], hidden: &[bool], dropout: f32, radius: f32) -> Result<Vec<Restoration>, String> {
        normalised(shown, Some(1))?;
        one_mask(hidden)?;
        let damage = Damage::Dropout(DropoutNoise::new(dropout)?.p);
        let models: Vec<(&ModelSpec, &Autoencoder)> = self.slots.iter().map(|s| (&s.spec, &s.inference)).collect();
        restorations(&models, self.backend, damage, shown, hidden, radius).await
    }

    /// The interpolation from image A to image B (784 values each in [0, 1]) in `frames`
    /// frames: the blends of the pixels and the decoded blends of the codes.
    pub async fn interpolate(&self, model: &str, a: &[f32], b: &[f32], frames: usize) -> Result<Interpolation, String> {
        normalised(a, Some(1))?;
        normalised(b, Some(1))?;
        if !(2..=64).contains(&frames) {
            return Err(format!("the number of frames must be between 2 and 64, not {frames}"));
        }
        let ts = interpolate::weights(frames);
        let pair: Vec<f32> = a.iter().chain(b).copied().collect();
        let codes = self.encode(model, &pair).await?;
        let latent = codes.len() / 2;
        let path = interpolate::path(&codes[..latent], &codes[latent..], &ts);
        let pixels: Vec<f32> = interpolate::path(a, b, &ts).into_iter().map(|v| v.clamp(0.0, 1.0)).collect();
        let decoded = self.decode(model, &path).await?;
        Ok(Interpolation { frames, latent, pixels: pixels.into(), decoded, codes: path.into() })
    }

    /// Starts inpainting one damaged digit by energy minimisation with `model`: `shown` is the
    /// damaged image in [0, 1], `hidden` its hidden pixels, `dropout` the dropout probability of
    /// the damage (how a denoising model sees the digit).
    pub async fn descent(&self, model: &str, unknown: Unknown, shown: &[f32], hidden: &[bool], dropout: f32) -> Result<Descent, String> {
        let slot = self.slot(model)?;
        let known = normalised(shown, Some(1))?;
        one_mask(hidden)?;
        if !hidden.iter().any(|&h| h) {
            return Err("nothing is hidden: mask some pixels first".into());
        }
        let input = Damage::Dropout(DropoutNoise::new(dropout)?.p).model_input(slot.spec.corruption, &known, hidden);
        let start = starting_point(&slot.inference, unknown, self.tensor(input)?);
        Descent::new(slot.inference.clone(), self.backend, unknown, &known, hidden, start).await
    }

    /// The current frame of a descent.
    pub async fn descent_frame(&self, descent: &Descent) -> Result<EnergyFrame, String> {
        let image = self.read_images(descent.images()).await?;
        Ok(EnergyFrame { iteration: descent.iterations, energy: descent.energies()[0], image: image.into() })
    }

    /// The anomaly reference of `model`, made on first use from the loaded digits.
    pub async fn anomaly_reference(&mut self, model: &str) -> Result<&Reference, String> {
        let index = self.index(model)?;
        if self.slots[index].anomaly.is_none() {
            let train = self.train.as_ref().ok_or("no training digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let test = self.test.as_ref().ok_or("no test digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let train_pixels = train.normalised();
            let statistics = PixelStatistics::of(&train_pixels);
            let autoencoder = &self.slots[index].inference;
            let train_features = features(autoencoder, self.backend, &train_pixels, &statistics).await?;
            let test_features = features(autoencoder, self.backend, &test.normalised(), &statistics).await?;
            self.slots[index].anomaly = Some(Reference::new(statistics, &train_features, &test_features));
        }
        Ok(self.slots[index].anomaly.as_ref().expect("made above"))
    }

    /// How digit-like an image (784 values in [0, 1]) is to `model`.
    pub async fn anomaly(&mut self, model: &str, pixels: &[f32]) -> Result<AnomalyReport, String> {
        let x = normalised(pixels, Some(1))?;
        self.anomaly_reference(model).await?;
        let slot = self.slot(model)?;
        let reference = slot.anomaly.as_ref().expect("made above");
        // One pass through the model: the reconstruction gives the error the score uses (MSE in
        // [-1, 1], as `anomaly::reconstruction_errors` computes it) and the error map.
        let output = self.read(slot.inference.reconstruct(self.tensor(x.clone())?)).await?;
        let error = output.iter().zip(&x).map(|(r, v)| (r - v).powi(2)).sum::<f32>() / IMAGE_PIXELS as f32;
        let verdict = reference.judge(Features::of(&x, &[error], &reference.statistics)[0]);
        let reconstruction: Vec<f32> = output.into_iter().map(denormalize).collect();
        let error_map = reconstruction.iter().zip(pixels).map(|(r, p)| (r - p.clamp(0.0, 1.0)).powi(2)).collect::<Vec<f32>>();
        Ok(AnomalyReport {
            score: verdict.score,
            percentile: verdict.percentile,
            error: verdict.features.error,
            error_percentile: verdict.error_percentile,
            atypicality: verdict.features.atypicality,
            ink: verdict.features.ink,
            empty: verdict.empty,
            unusual: verdict.unusual,
            flagged: verdict.flagged(),
            threshold: reference.threshold(),
            flag_above: crate::anomaly::UNUSUAL_PERCENTILE,
            reconstruction: reconstruction.into(),
            error_map: error_map.into(),
        })
    }

    /// The ROC AUC of `model`'s anomaly score, and of its reconstruction error alone, between
    /// the reference test digits and `outliers` (`n × 784` values in [0, 1]).
    pub async fn anomaly_roc(&mut self, model: &str, outliers: &[f32]) -> Result<AnomalyRoc, String> {
        let x = normalised(outliers, None)?;
        self.anomaly_reference(model).await?;
        let slot = self.slot(model)?;
        let reference = slot.anomaly.as_ref().expect("made above");
        let found = features(&slot.inference, self.backend, &x, &reference.statistics).await?;
        let scores: Vec<f32> = found.iter().map(|f| reference.score(f)).collect();
        let errors: Vec<f32> = found.iter().map(|f| f.error).collect();
        Ok(AnomalyRoc {
            auc: roc_auc(&scores, reference.test_scores()),
            auc_reconstruction: roc_auc(&errors, reference.test_errors()),
            digits: reference.test_scores().len(),
            outliers: found.len(),
        })
    }

    /// The latent map of `model` fitted to the codes of the first `count` test digits.
    pub async fn latent_map(&mut self, model: &str, count: usize) -> Result<MapReport, String> {
        let index = self.index(model)?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = count.clamp(2, test.digits.len());
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let autoencoder = &self.slots[index].inference;
        let codes = self.read(autoencoder.encode(images)).await?;
        let map = LatentMap::fit(&codes, autoencoder.latent())?;
        let points = map.project(&codes);
        let report = MapReport { variance: map.variance, total_variance: map.total_variance, points: points.into() };
        self.slots[index].map = Some(map);
        Ok(report)
    }

    fn map(&self, model: &str) -> Result<&LatentMap, String> {
        self.slot(model)?.map.as_ref().ok_or_else(|| "the latent map has not been made yet".to_string())
    }

    /// Map coordinates of latent codes (`n × latent` values → `n × 2`).
    pub fn map_codes(&self, model: &str, codes: &[f32]) -> Result<Images, String> {
        let map = self.map(model)?;
        if codes.is_empty() || !codes.len().is_multiple_of(map.mean.len()) {
            return Err(format!("expected a multiple of {} latent values", map.mean.len()));
        }
        Ok(map.project(codes).into())
    }

    /// The images (in [0, 1]) at points of the latent map (`n × 2` values → `n × 784`).
    pub async fn map_decode(&self, model: &str, points: &[f32]) -> Result<Images, String> {
        if points.is_empty() || !points.len().is_multiple_of(2) || points.iter().any(|v| !v.is_finite()) {
            return Err("expected pairs of finite map coordinates".into());
        }
        let codes = self.map(model)?.unproject(points);
        self.decode(model, &codes).await
    }

    /// Takes `steps` (≥ 1) training steps on `model`. If any step's loss is not finite, the
    /// model stays as it was before this call and the error says so.
    pub async fn train(&mut self, model: &str, steps: usize) -> Result<TrainReport, String> {
        let index = self.index(model)?;
        if steps == 0 {
            return Err("the number of training steps must be a whole number of at least 1".into());
        }
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let len = self.slots[index].spec.training_digits.map_or(train.digits.len(), |n| n.min(train.digits.len()));
        let images = if len < train.digits.len() { train.images.clone().slice([0..len, 0..IMAGE_PIXELS]) } else { train.images.clone() };
        let mut trainer = self.slots[index].trainer.clone();
        let mut augmentation = self.slots[index].augmentation.clone();
        // The losses stay on the device until the last step, then come back in one read: on a
        // GPU each read waits for the queue to drain, so reading after every step would stall
        // every step.
        let pending: Vec<Tensor<1>> = (0..steps)
            .map(|_| match augmentation.as_mut() {
                None => trainer.step(&images),
                Some((ranges, rng)) => {
                    // Each digit of the batch transformed at random on the host, then uploaded.
                    let indices = trainer.next_batch(len);
                    let values: Vec<f32> = indices
                        .iter()
                        .flat_map(|&i| {
                            let unit: Vec<f32> = train.digits.image(i).iter().map(|&p| p as f32 / 255.0).collect();
                            ranges.apply(&unit, rng).into_iter().map(normalize)
                        })
                        .collect();
                    trainer.step_batch(Tensor::from_data(TensorData::new(values, [indices.len(), IMAGE_PIXELS]), &trainer.device()))
                }
            })
            .collect();
        let losses = self.read(Tensor::cat(pending, 0)).await?;
        if let Some(value) = losses.iter().find(|v| !v.is_finite()) {
            // The session's trainer was not touched: the model is as before these steps.
            return Err(format!("the loss became {value}: training diverged, the model was kept as it was before these steps"));
        }
        self.set_trainer(index, trainer);
        if augmentation.is_some() {
            self.slots[index].augmentation = augmentation;
        }
        self.slots[index].history.extend_from_slice(&losses);
        let trainer = &self.slots[index].trainer;
        Ok(TrainReport { losses, steps: trainer.steps, epochs: trainer.epochs_done(len) })
    }

    /// `model`'s test error on the first `limit` test digits, from the input it was trained on:
    /// clean, or corrupted as in its training (masks drawn from [`EVALUATION_SEED`]).
    pub async fn evaluate(&self, model: &str, limit: usize) -> Result<Evaluation, String> {
        let slot = self.slot(model)?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = limit.clamp(1, test.digits.len());
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let model = &slot.inference;
        let input = Input::training(slot.spec.corruption);
        let error = reconstruction_error(model, &images, input, 1000);
        let jacobian = jacobian_norm(model, &images, 1000);
        // The digits it trains on (up to `limit` of them), scored the same way.
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let seen = slot.spec.training_digits.unwrap_or(usize::MAX).min(train.digits.len()).min(n);
        let train_error = reconstruction_error(model, &train.digits.take(seen).to_tensor(&self.device), input, 1000);
        let bce = (slot.spec.loss == crate::spec::Loss::Bce).then(|| binary_cross_entropy(model, &images, 1000));
        let mut parts = vec![error, jacobian, train_error];
        parts.extend(bce);
        let values = self.read(Tensor::cat(parts, 0)).await?;
        let scores = Scores::from_mse(values[0] as f64);
        let train_psnr = Scores::from_mse(values[2] as f64).psnr();
        let bce = values.get(3).copied();
        let entropy = bce.map(|_| mean_entropy(&test.digits, n));
        Ok(Evaluation {
            mse: scores.mse,
            mse_unit: scores.mse_unit(),
            psnr: scores.psnr(),
            digits: n,
            jacobian: values[1] as f64,
            train_psnr,
            train_digits: seen,
            bce_excess: bce.zip(entropy).map(|(b, h)| b as f64 - h),
            entropy,
        })
    }

    /// Training steps taken by `model` since it was created or loaded.
    pub fn steps(&self, model: &str) -> Result<usize, String> {
        Ok(self.slot(model)?.trainer.steps)
    }

    /// Reads images in [-1, 1] off the device as values in [0, 1].
    async fn read_images<const D: usize>(&self, t: Tensor<D>) -> Result<Vec<f32>, String> {
        Ok(self.read(t).await?.into_iter().map(denormalize).collect())
    }

    /// Reads a tensor's values (see [`Backend::read`]).
    async fn read<const D: usize>(&self, t: Tensor<D>) -> Result<Vec<f32>, String> {
        self.backend.read(t).await
    }

    /// `n × 784` normalised values as a `[n, 784]` tensor on the session's device.
    fn tensor(&self, values: Vec<f32>) -> Result<Tensor<2>, String> {
        let n = values.len() / IMAGE_PIXELS;
        Ok(Tensor::from_data(TensorData::new(values, [n, IMAGE_PIXELS]), &self.device))
    }
}
