//! The state of one lab session: a backend, the digits, and both autoencoders with their
//! trainers. Plain Rust with async reads, so the same code runs natively (tests, benchmarks)
//! and in the browser's worker (through `web.rs`).

use crate::anomaly::{Anomaly, PixelStatistics, Reference, features};
use crate::backend::Backend;
use crate::energy::{Descent, Unknown, starting_point};
use crate::interpolate;
use crate::latent::LatentMap;
use crate::corrupt::{Damage, DropoutNoise};
use crate::inpaint::{Method, inpaint_unit};
use crate::data::{Digits, denormalize, normalize};
use crate::evaluation::{Input, reconstruction_error};
use crate::model::{Autoencoder, IMAGE_PIXELS, ModelKind};
use crate::rng::Rng;
use crate::training::{Trainer, TrainingConfig};
use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;

/// Seed of the corruption masks used to score the denoising autoencoder, so that every
/// evaluation of it sees the same corrupted digits.
pub const EVALUATION_SEED: u64 = 7;

/// Digits loaded on the device.
struct DeviceDigits {
    digits: Digits,
    images: Tensor<2>,
}

/// The result of a run of training steps.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    /// The loss of each step (MSE in [-1, 1] on the batch).
    pub losses: Vec<f32>,
    /// Steps taken by this model since it was created or loaded.
    pub steps: usize,
    /// Epochs over the training digits, as a fraction.
    pub epochs: f64,
}

/// A lab session.
pub struct Lab {
    backend: Backend,
    device: Device,
    train: Option<DeviceDigits>,
    test: Option<DeviceDigits>,
    trainers: Vec<Trainer>,
    /// The trainers' models without autodiff, kept ready for inference.
    inference: Vec<Autoencoder>,
    /// Per model, made on first use and dropped when the model changes.
    anomaly_references: Vec<Option<Reference>>,
    maps: Vec<Option<LatentMap>>,
}

/// Digits used to calibrate the anomaly score in a session: this many training digits for the
/// score's scales and this many test digits for its percentiles.
pub const ANOMALY_REFERENCE_DIGITS: usize = 2000;

impl Lab {
    /// A session on `backend` with freshly initialised models.
    pub async fn new(backend: Backend) -> Result<Self, String> {
        let device = backend.device().await?;
        let trainers: Vec<Trainer> = ModelKind::ALL
            .iter()
            .map(|&kind| Trainer::new(kind, TrainingConfig::new(), &device))
            .collect();
        let inference = trainers.iter().map(Trainer::inference_model).collect();
        Ok(Self {
            backend,
            device,
            train: None,
            test: None,
            trainers,
            inference,
            anomaly_references: vec![None, None],
            maps: vec![None, None],
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    fn trainer(&self, kind: ModelKind) -> &Trainer {
        &self.trainers[kind as usize]
    }

    /// Replaces the trainer of `kind` and its inference copy.
    fn set_trainer(&mut self, kind: ModelKind, trainer: Trainer) {
        self.inference[kind as usize] = trainer.inference_model();
        self.trainers[kind as usize] = trainer;
        self.anomaly_references[kind as usize] = None;
        self.maps[kind as usize] = None;
    }

    /// The model of `kind`, for inference.
    pub fn model(&self, kind: ModelKind) -> Autoencoder {
        self.inference[kind as usize].clone()
    }

    /// Sets the training digits (kept on the autodiff device the trainers use).
    pub fn set_training_digits(&mut self, digits: Digits) -> Result<usize, String> {
        if digits.is_empty() {
            return Err("no training digits".into());
        }
        let images = digits.to_tensor(&self.trainer(ModelKind::Standard).device());
        let n = digits.len();
        self.train = Some(DeviceDigits { digits, images });
        self.anomaly_references = vec![None, None];
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
        self.anomaly_references = vec![None, None];
        self.maps = vec![None, None];
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

    /// Replaces the model of `kind` with weights in Burn's burnpack format. A bad file leaves
    /// the current model as it was.
    pub fn load_weights(&mut self, kind: ModelKind, bytes: &[u8]) -> Result<(), String> {
        let model = weights_to_model(kind, bytes, &self.device)?;
        let config = self.trainer(kind).config.clone();
        self.set_trainer(kind, Trainer::from_model(kind, model, config));
        Ok(())
    }

    /// Starts the model of `kind` again from random weights.
    pub fn reset(&mut self, kind: ModelKind, seed: u64) {
        let config = TrainingConfig::new().with_seed(seed);
        self.set_trainer(kind, Trainer::new(kind, config, &self.device));
    }

    /// The weights of `kind` in burnpack format (read asynchronously, so it works on WebGPU).
    pub async fn weights(&self, kind: ModelKind) -> Result<Vec<u8>, String> {
        model_to_weights(&self.model(kind)).await
    }

    /// Reconstructs images given in [0, 1] (`n × 784` values), returning them in [0, 1]. With
    /// `noise`, the model sees the images corrupted by a dropout mask drawn from the seed.
    pub async fn reconstruct(
        &self,
        kind: ModelKind,
        pixels: &[f32],
        noise: Option<(DropoutNoise, u64)>,
    ) -> Result<Vec<f32>, String> {
        let x = match noise {
            None => images_tensor(pixels, &self.device)?,
            Some((noise, seed)) => {
                let n = images_tensor(pixels, &self.device)?.dims()[0];
                let values = corrupt(pixels, noise, seed);
                Tensor::from_data(TensorData::new(values, [n, IMAGE_PIXELS]), &self.device)
            }
        };
        self.read(self.model(kind).reconstruct(x)).await.map(|v| v.into_iter().map(denormalize).collect())
    }

    /// The restorations of one damaged digit, for the denoising lab: `shown` is the damaged
    /// image in [0, 1] (784 values), `hidden` marks its hidden pixels, `dropout` the dropout
    /// probability of the damage (the denoising autoencoder sees the visible pixels scaled by
    /// `1 / (1 - dropout)`, as in training). Returns 5 × 784 values in [0, 1]: standard AE,
    /// denoising AE, denoising AE with the visible pixels pasted back, Telea, Navier–Stokes.
    pub async fn restore(&self, shown: &[f32], hidden: &[bool], dropout: f32, radius: f32) -> Result<Vec<f32>, String> {
        if shown.len() != IMAGE_PIXELS || hidden.len() != IMAGE_PIXELS {
            return Err(format!("expected {IMAGE_PIXELS} pixels and {IMAGE_PIXELS} mask values"));
        }
        let shown = Damage::shown(shown, hidden);
        let normalised: Vec<f32> = shown.iter().map(|&v| normalize(v.clamp(0.0, 1.0))).collect();
        let run = |kind: ModelKind, x: Vec<f32>| {
            let x = Tensor::<2>::from_data(TensorData::new(x, [1, IMAGE_PIXELS]), &self.device);
            self.read(self.model(kind).reconstruct(x))
        };
        let damage = Damage::Dropout(DropoutNoise::new(dropout)?.p);
        let standard = run(ModelKind::Standard, damage.model_input(ModelKind::Standard, &normalised, hidden)).await?;
        let denoising = run(ModelKind::Denoising, damage.model_input(ModelKind::Denoising, &normalised, hidden)).await?;
        let denoising: Vec<f32> = denoising.into_iter().map(denormalize).collect();
        let pasted = Damage::paste(&denoising, &shown, hidden);
        let mut out: Vec<f32> = standard.into_iter().map(denormalize).collect();
        out.extend(denoising);
        out.extend(pasted);
        out.extend(inpaint_unit(&shown, hidden, 28, 28, radius, Method::Telea));
        out.extend(inpaint_unit(&shown, hidden, 28, 28, radius, Method::NavierStokes));
        Ok(out)
    }

    /// The latent codes of images given in [0, 1] (`n × 784` values): `n × latent` values.
    pub async fn encode(&self, kind: ModelKind, pixels: &[f32]) -> Result<Vec<f32>, String> {
        let x = images_tensor(pixels, &self.device)?;
        self.read(self.model(kind).encode(x)).await
    }

    /// The images (in [0, 1]) that latent codes (`n × latent` values) stand for.
    pub async fn decode(&self, kind: ModelKind, codes: &[f32]) -> Result<Vec<f32>, String> {
        let model = self.model(kind);
        let latent = model.latent();
        if codes.is_empty() || !codes.len().is_multiple_of(latent) {
            return Err(format!("expected a multiple of {latent} latent values, got {}", codes.len()));
        }
        let z = Tensor::<2>::from_data(TensorData::new(codes.to_vec(), [codes.len() / latent, latent]), &self.device);
        self.read(model.decode(z)).await.map(|v| v.into_iter().map(denormalize).collect())
    }

    /// The interpolation from image A to image B (784 values each in [0, 1]) in `frames` frames:
    /// the pixel blends, then the decoded blends of the latent codes (each `frames × 784`
    /// values in [0, 1]), then the blended codes themselves (`frames × latent`).
    pub async fn interpolate(&self, kind: ModelKind, a: &[f32], b: &[f32], frames: usize) -> Result<Vec<f32>, String> {
        if a.len() != IMAGE_PIXELS || b.len() != IMAGE_PIXELS {
            return Err(format!("expected two images of {IMAGE_PIXELS} pixels"));
        }
        if !(2..=64).contains(&frames) {
            return Err(format!("the number of frames must be between 2 and 64, not {frames}"));
        }
        let ts = interpolate::weights(frames);
        let pair: Vec<f32> = a.iter().chain(b).copied().collect();
        let codes = self.encode(kind, &pair).await?;
        let latent = codes.len() / 2;
        let path = interpolate::path(&codes[..latent], &codes[latent..], &ts);
        let mut out: Vec<f32> = interpolate::path(a, b, &ts).into_iter().map(|v| v.clamp(0.0, 1.0)).collect();
        out.extend(self.decode(kind, &path).await?);
        out.extend(path);
        Ok(out)
    }

    /// Starts inpainting one damaged digit by energy minimisation with the model of `kind`:
    /// `shown` is the damaged image in [0, 1], `hidden` its hidden pixels, `dropout` the
    /// dropout probability of the damage (how the denoising autoencoder sees the digit).
    pub async fn descent(&self, kind: ModelKind, unknown: Unknown, shown: &[f32], hidden: &[bool], dropout: f32) -> Result<Descent, String> {
        if shown.len() != IMAGE_PIXELS || hidden.len() != IMAGE_PIXELS {
            return Err(format!("expected {IMAGE_PIXELS} pixels and {IMAGE_PIXELS} mask values"));
        }
        if !hidden.iter().any(|&h| h) {
            return Err("nothing is hidden: mask some pixels first".into());
        }
        let known: Vec<f32> = shown.iter().map(|&v| normalize(v.clamp(0.0, 1.0))).collect();
        let input = Damage::Dropout(DropoutNoise::new(dropout)?.p).model_input(kind, &known, hidden);
        let model = self.model(kind);
        let input = Tensor::<2>::from_data(TensorData::new(input, [1, IMAGE_PIXELS]), &self.device);
        let start = starting_point(&model, unknown, input);
        Descent::new(model, self.backend, unknown, &known, hidden, start).await
    }

    /// The current images of a descent, in [0, 1].
    pub async fn descent_images(&self, descent: &Descent) -> Result<Vec<f32>, String> {
        self.read(descent.images()).await.map(|v| v.into_iter().map(denormalize).collect())
    }

    /// The anomaly reference of `kind`, made on first use from the loaded digits.
    pub async fn anomaly_reference(&mut self, kind: ModelKind) -> Result<&Reference, String> {
        if self.anomaly_references[kind as usize].is_none() {
            let train = self.train.as_ref().ok_or("no training digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let test = self.test.as_ref().ok_or("no test digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let train_pixels = train.normalised();
            let statistics = PixelStatistics::of(&train_pixels);
            let model = self.model(kind);
            let train_features = features(&model, self.backend, &train_pixels, &statistics).await?;
            let test_features = features(&model, self.backend, &test.normalised(), &statistics).await?;
            self.anomaly_references[kind as usize] = Some(Reference::new(statistics, &train_features, &test_features));
        }
        Ok(self.anomaly_references[kind as usize].as_ref().expect("made above"))
    }

    /// How digit-like an image (784 values in [0, 1]) is to the model of `kind`.
    pub async fn anomaly(&mut self, kind: ModelKind, pixels: &[f32]) -> Result<Anomaly, String> {
        if pixels.len() != IMAGE_PIXELS {
            return Err(format!("expected one image of {IMAGE_PIXELS} pixels"));
        }
        if let Some(bad) = pixels.iter().find(|v| !v.is_finite()) {
            return Err(format!("pixel value {bad} is not a number in [0, 1]"));
        }
        let normalised: Vec<f32> = pixels.iter().map(|&p| normalize(p.clamp(0.0, 1.0))).collect();
        self.anomaly_reference(kind).await?;
        let reference = self.anomaly_references[kind as usize].as_ref().expect("made above");
        let image = features(&self.model(kind), self.backend, &normalised, &reference.statistics).await?[0];
        Ok(reference.judge(image))
    }

    /// The latent map of `kind` fitted to the codes of the first `count` test digits; returns
    /// the map and the digits' coordinates on it (`count × 2` values).
    pub async fn latent_map(&mut self, kind: ModelKind, count: usize) -> Result<(LatentMap, Vec<f32>), String> {
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = count.clamp(2, test.digits.len());
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let model = self.model(kind);
        let codes = self.read(model.encode(images)).await?;
        let map = LatentMap::fit(&codes, model.latent())?;
        let points = map.project(&codes);
        self.maps[kind as usize] = Some(map.clone());
        Ok((map, points))
    }

    fn map(&self, kind: ModelKind) -> Result<&LatentMap, String> {
        self.maps[kind as usize].as_ref().ok_or_else(|| "the latent map has not been made yet".to_string())
    }

    /// Map coordinates of latent codes (`n × latent` values → `n × 2`).
    pub fn map_codes(&self, kind: ModelKind, codes: &[f32]) -> Result<Vec<f32>, String> {
        let map = self.map(kind)?;
        if codes.is_empty() || !codes.len().is_multiple_of(map.mean.len()) {
            return Err(format!("expected a multiple of {} latent values", map.mean.len()));
        }
        Ok(map.project(codes))
    }

    /// The images (in [0, 1]) at points of the latent map (`n × 2` values → `n × 784`).
    pub async fn map_decode(&self, kind: ModelKind, points: &[f32]) -> Result<Vec<f32>, String> {
        if points.is_empty() || !points.len().is_multiple_of(2) || points.iter().any(|v| !v.is_finite()) {
            return Err("expected pairs of finite map coordinates".into());
        }
        let codes = self.map(kind)?.unproject(points);
        self.decode(kind, &codes).await
    }

    /// Takes `steps` training steps on `kind`. A step whose loss is not finite restores the
    /// model as it was before this call and reports an error.
    pub async fn train(&mut self, kind: ModelKind, steps: usize) -> Result<TrainReport, String> {
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let images = train.images.clone();
        let len = train.digits.len();
        let mut trainer = self.trainer(kind).clone();
        let mut losses = Vec::with_capacity(steps);
        for _ in 0..steps {
            let loss = trainer.step(&images);
            let value = self.read(loss).await?[0];
            if !value.is_finite() {
                // The trainer of this lab was not touched: the model is as before these steps.
                return Err(format!(
                    "the loss became {value}: training diverged, the model was kept as it was before these steps"
                ));
            }
            losses.push(value);
        }
        self.set_trainer(kind, trainer);
        let trainer = self.trainer(kind);
        Ok(TrainReport { losses, steps: trainer.steps, epochs: trainer.epochs_done(len) })
    }

    /// Test MSE (in [-1, 1]) of `kind` on the first `limit` test digits, from the clean input
    /// for the standard autoencoder and from dropout-corrupted input for the denoising one.
    pub async fn evaluate(&self, kind: ModelKind, limit: usize) -> Result<f64, String> {
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = limit.clamp(1, test.digits.len());
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let input = if kind.denoises() { Input::Dropout(DropoutNoise::default(), EVALUATION_SEED) } else { Input::Clean };
        let error = reconstruction_error(&self.model(kind), &images, input, 1000);
        self.read(error).await.map(|v| v[0] as f64)
    }

    /// Reads a tensor's values (see [`Backend::read`]).
    async fn read<const D: usize>(&self, t: Tensor<D>) -> Result<Vec<f32>, String> {
        self.backend.read(t).await
    }

    /// Training steps taken by `kind`.
    pub fn steps(&self, kind: ModelKind) -> usize {
        self.trainer(kind).steps
    }
}

/// Normalises pixels in [0, 1] and corrupts them with a dropout mask drawn from `seed`: the
/// model's input, in [-1 / (1 - p), 1 / (1 - p)].
pub fn corrupt(pixels: &[f32], noise: DropoutNoise, seed: u64) -> Vec<f32> {
    let x: Vec<f32> = pixels.iter().map(|&p| normalize(p.clamp(0.0, 1.0))).collect();
    let keep = noise.mask(x.len(), &mut Rng::new(seed));
    noise.apply(&x, &keep)
}

/// `n × 784` values in [0, 1] as a normalised `[n, 784]` tensor.
fn images_tensor(pixels: &[f32], device: &Device) -> Result<Tensor<2>, String> {
    if pixels.is_empty() || !pixels.len().is_multiple_of(IMAGE_PIXELS) {
        return Err(format!("expected a multiple of {IMAGE_PIXELS} pixels, got {}", pixels.len()));
    }
    if let Some(bad) = pixels.iter().find(|v| !v.is_finite()) {
        return Err(format!("pixel value {bad} is not a number in [0, 1]"));
    }
    let values: Vec<f32> = pixels.iter().map(|&p| normalize(p.clamp(0.0, 1.0))).collect();
    Ok(Tensor::from_data(TensorData::new(values, [pixels.len() / IMAGE_PIXELS, IMAGE_PIXELS]), device))
}

/// Builds the model of `kind` on `device` from burnpack bytes, checking every tensor's shape.
pub fn weights_to_model(kind: ModelKind, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
        .map_err(|e| format!("not a weights file for the {} autoencoder: {e}", kind.name()))?;
    let model = kind
        .config()
        .init(device)
        .try_load_record(record)
        .map_err(|e| format!("these weights do not fit the {} autoencoder: {e}", kind.name()))?;
    Ok(model)
}

/// Serialises a model to burnpack bytes. Parameters are read asynchronously and the record is
/// assembled on the CPU, so this works where synchronous reads are impossible (WebGPU).
pub async fn model_to_weights(model: &Autoencoder) -> Result<Vec<u8>, String> {
    #[allow(deprecated)]
    let cpu = Device::ndarray();
    let host = Autoencoder {
        encoder: linear_on(&model.encoder, &cpu).await?,
        decoder: linear_on(&model.decoder, &cpu).await?,
    };
    let bytes = host.into_record().into_bytes().map_err(|e| format!("writing the weights failed: {e}"))?;
    Ok(bytes.to_vec())
}

/// A copy of a linear layer on `device`, read asynchronously.
async fn linear_on(layer: &Linear, device: &Device) -> Result<Linear, String> {
    let read = |e| format!("reading the weights failed: {e}");
    let weight = layer.weight.val().into_data_async().await.map_err(read)?;
    let bias = match &layer.bias {
        Some(b) => Some(Param::from_tensor(Tensor::from_data(b.val().into_data_async().await.map_err(read)?, device))),
        None => None,
    };
    Ok(Linear { weight: Param::from_tensor(Tensor::from_data(weight, device)), bias })
}
