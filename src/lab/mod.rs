//! A lab session: a backend, the digits, and one slot per row of the table of models (its
//! trainer, an inference copy, and what is derived from it on first use). Plain Rust with
//! async reads, so the same code runs natively (tests, benchmarks, the `train` and `evaluate`
//! commands) and in the browser's worker (through the face, `web.rs`).
//!
//! The session keeps what every lab shares (the backend, the digits, the table of models and
//! their checkpoints); each lab's operations are a file of this folder (`denoising`, `latent`,
//! `theory`, `transforms`, `toys` for the labs with models of their own, `table` for adding,
//! loading and saving models). The session orchestrates; each computation lives in its
//! concept's module. Every method
//! that takes pixels checks them with one validator ([`normalised`]), and every method that
//! fails leaves the session as it was.

mod denoising;
mod latent;
mod table;
mod theory;
mod toys;
mod transforms;

pub use toys::{Toy, ToyLoss, ToyReport};

use crate::anomaly::Reference;
use crate::backend::Backend;
use crate::corrupt::DropoutNoise;
use crate::data::{Digits, denormalize, normalize};
pub use crate::evaluation::EVALUATION_SEED;
use crate::evaluation::{Evaluation, Input, Scores, binary_cross_entropy, jacobian_norm, mean_entropy, reconstruction_error};
use crate::kernels::ink_frequency;
use crate::latent::LatentMap;
use crate::model::{Autoencoder, IMAGE_PIXELS};
use crate::record::Images;
use crate::transform::Augmentation;
use crate::rng::Rng;
use crate::pca::Pca;
use crate::spec::{MODELS, ModelSpec, unknown};
use crate::training::{TrainReport, Trainer, TrainingConfig};
use burn::prelude::*;

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
    /// The labs with models of their own (the manifold lab's plane and helix, the
    /// super-resolution network), once set up.
    toys: toys::Toys,
    /// The latent lab's energy minimisation, once started.
    descent: Option<crate::energy::Descent>,
    /// The state of the labs that are a folder of their own (`lib.rs`'s `labs!`), by type.
    own: std::collections::HashMap<std::any::TypeId, Box<dyn std::any::Any>>,
}

impl Lab {
    /// A lab's own state of type `T` (a type of its concept module), made by `Default` on
    /// first use and kept for the session: a lab that is a folder of its own keeps its state
    /// here, without a field of the session.
    pub fn own<T: Default + 'static>(&mut self) -> &mut T {
        self.own.entry(std::any::TypeId::of::<T>()).or_insert_with(|| Box::new(T::default())).downcast_mut::<T>().expect("kept by its type")
    }

    /// A lab's own state of type `T`, if it has made it.
    pub fn own_ref<T: 'static>(&self) -> Option<&T> {
        self.own.get(&std::any::TypeId::of::<T>()).and_then(|b| b.downcast_ref::<T>())
    }

    /// A session on `backend` with every model of the table freshly initialised.
    pub async fn new(backend: Backend) -> Result<Self, String> {
        let device = backend.device().await?;
        let slots = MODELS
            .iter()
            .enumerate()
            .map(|(i, spec)| ModelSlot::new(spec.clone(), Trainer::new(spec, i as u64, TrainingConfig::new(), &device)))
            .collect();
        Ok(Self { backend, device, train: None, test: None, ink: Vec::new(), slots, built: 0, moments: None, pcas: Vec::new(), toys: toys::Toys::default(), descent: None, own: Default::default() })
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

    /// The training digits, if loaded.
    pub fn training_digits(&self) -> Option<&Digits> {
        self.train.as_ref().map(|t| &t.digits)
    }

    /// Number of training digits loaded.
    pub fn training_len(&self) -> usize {
        self.train.as_ref().map_or(0, |t| t.digits.len())
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
                None => trainer.step_digits(&train.digits, &images),
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
