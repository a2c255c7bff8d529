//! How well an autoencoder reconstructs: mean squared error in the model's range [-1, 1], in
//! the image range [0, 1] (a quarter of it), and PSNR = 10 · log10(1 / MSE[0, 1]).

use crate::backend::Backend;
use crate::corrupt::{Damage, DropoutNoise};
use crate::data::{Digits, normalize};
use crate::energy::{Descent, Unknown, starting_point};
use crate::model::{Autoencoder, IMAGE_PIXELS};
use crate::restoration::restorations;
use crate::rng::Rng;
use crate::spec::{Corruption, ModelSpec};
use burn::prelude::*;
use serde::Serialize;

/// Reconstruction error of a model on a set of digits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scores {
    /// Mean squared error with images in [-1, 1] (the training loss).
    pub mse: f64,
}

impl Scores {
    pub fn from_mse(mse: f64) -> Self {
        Self { mse }
    }

    /// Mean squared error with images in [0, 1].
    pub fn mse_unit(&self) -> f64 {
        self.mse / 4.0
    }

    /// Peak signal-to-noise ratio in dB, for images in [0, 1].
    pub fn psnr(&self) -> f64 {
        psnr(self.mse_unit())
    }
}

/// Mean squared error between two images (or batches of them) on the scale they are given in.
pub fn mse_between(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| ((x - y) as f64).powi(2)).sum::<f64>() / a.len().max(1) as f64
}

/// PSNR in dB of a mean squared error on images in [0, 1].
pub fn psnr(mse_unit: f64) -> f64 {
    10.0 * (1.0 / mse_unit).log10()
}

/// Seed of the corruption masks used to score a denoising autoencoder, so that every
/// evaluation of it sees the same corrupted digits.
pub const EVALUATION_SEED: u64 = 7;

/// What the model is given: the clean image or the notebook's corruption.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    Clean,
    /// Dropout noise with seeded masks, the same for every model evaluated with that seed.
    Dropout(DropoutNoise, u64),
    /// Gaussian noise of deviation σ (in [0, 1] units), seeded.
    Gaussian(f32, u64),
}

impl Input {
    /// The input a model trained with `corruption` is scored on: the same corruption, masks
    /// drawn from [`EVALUATION_SEED`].
    pub fn training(corruption: Corruption) -> Self {
        match corruption {
            Corruption::Dropout { p } => Input::Dropout(DropoutNoise { p }, EVALUATION_SEED),
            Corruption::Gaussian { sigma } => Input::Gaussian(sigma, EVALUATION_SEED),
            Corruption::None => Input::Clean,
        }
    }
}

/// Mean squared error (in [-1, 1]) of `model` reconstructing the clean `images`
/// (`[n, 784]` in [-1, 1]) from `input`, over batches of `batch_size`. The result stays on the
/// device, a scalar `[1]`: read it natively with `into_scalar`, in the browser asynchronously.
pub fn reconstruction_error(model: &Autoencoder, images: &Tensor<2>, input: Input, batch_size: usize) -> Tensor<1> {
    let [n, pixels] = images.dims();
    let device = images.device();
    let mut rng = match input {
        Input::Dropout(_, seed) | Input::Gaussian(_, seed) => Rng::new(seed),
        Input::Clean => Rng::new(0),
    };
    let mut total = Tensor::<1>::zeros([1], &device);
    let mut start = 0;
    while start < n {
        let end = (start + batch_size).min(n);
        let clean = images.clone().slice([start..end, 0..pixels]);
        let x = match input {
            Input::Clean => clean.clone(),
            Input::Dropout(noise, _) => {
                let keep = noise.mask((end - start) * pixels, &mut rng);
                let keep = Tensor::<2>::from_data(TensorData::new(keep, [end - start, pixels]), &device);
                noise.corrupt_with_mask(clean.clone(), keep)
            }
            Input::Gaussian(sigma, _) => {
                let noise: Vec<f32> = (0..(end - start) * pixels).map(|_| 2.0 * sigma * rng.normal()).collect();
                clean.clone() + Tensor::<2>::from_data(TensorData::new(noise, [end - start, pixels]), &device)
            }
        };
        total = total + (model.reconstruct(x) - clean).powi_scalar(2).sum();
        start = end;
    }
    total.div_scalar((n * pixels) as f64)
}

/// Sums `per_batch` over `images` (`[n, 784]`) in batches of `batch_size`, divided by
/// `divisor(n)`: a scalar `[1]` left on the device.
fn batched(images: &Tensor<2>, batch_size: usize, per_batch: impl Fn(Tensor<2>) -> Tensor<1>, divisor: f64) -> Tensor<1> {
    let [n, pixels] = images.dims();
    let mut total = Tensor::<1>::zeros([1], &images.device());
    for start in (0..n).step_by(batch_size.max(1)) {
        let end = (start + batch_size).min(n);
        total = total + per_batch(images.clone().slice([start..end, 0..pixels]));
    }
    total.div_scalar(divisor)
}

/// The mean over `images` (`[n, 784]` in [-1, 1], clean) of the encoder Jacobian's Frobenius
/// norm `‖∂h/∂x‖_F` (see `contractive.rs`): a scalar `[1]` on the device.
pub fn jacobian_norm(model: &Autoencoder, images: &Tensor<2>, batch_size: usize) -> Tensor<1> {
    let n = images.dims()[0] as f64;
    batched(images, batch_size, |x| crate::contractive::jacobian_norm_squared(model, x).sqrt().sum(), n)
}

/// The mean per-pixel binary cross-entropy of `model`'s reconstructions of the clean
/// `images` (`[n, 784]` in [-1, 1]) against them in [0, 1]; for a model with a sigmoid
/// output, the BCE it was trained on. A scalar `[1]` on the device.
pub fn binary_cross_entropy(model: &Autoencoder, images: &Tensor<2>, batch_size: usize) -> Tensor<1> {
    let [n, pixels] = images.dims();
    batched(
        images,
        batch_size,
        |x| {
            let target = x.clone().add_scalar(1.0).mul_scalar(0.5);
            let logits = model.decoder_preactivation(model.encode(x));
            crate::loss::bce_with_logits_elements(logits, target).sum()
        },
        (n * pixels) as f64,
    )
}

/// The mean per-pixel binary entropy (in nats) of the first `n` of `digits` in [0, 1]: the
/// floor of the binary cross-entropy against them (see `loss.rs`).
pub fn mean_entropy(digits: &Digits, n: usize) -> f64 {
    let levels: Vec<f32> = (0..=255).map(|p| p as f32 / 255.0).collect();
    let table = crate::loss::binary_entropy(&levels);
    let pixels = &digits.pixels[..n.min(digits.len()) * IMAGE_PIXELS];
    pixels.iter().map(|&p| table[p as usize] as f64).sum::<f64>() / pixels.len().max(1) as f64
}

/// Mean squared errors in [0, 1], against the clean digits, of the damaged input and of every
/// restoration (see [`restorations`]) of `digits` damaged by `damage` (masks drawn from
/// `seed`), 500 digits at a time: `(label, MSE)` pairs, the damaged input first.
pub async fn compare_restorations(
    models: &[(&ModelSpec, &Autoencoder)],
    backend: Backend,
    digits: &Digits,
    damage: Damage,
    seed: u64,
    radius: f32,
) -> Result<Vec<(String, f64)>, String> {
    let mut rng = Rng::new(seed);
    let mut sums: Vec<(String, f64)> = Vec::new();
    let n = digits.len();
    for start in (0..n).step_by(500) {
        let end = (start + 500).min(n);
        let clean: Vec<f32> = digits.pixels[start * IMAGE_PIXELS..end * IMAGE_PIXELS].iter().map(|&p| p as f32 / 255.0).collect();
        let hidden: Vec<bool> = (start..end).flat_map(|_| damage.hidden(&mut rng)).collect();
        let shown = Damage::shown(&clean, &hidden);
        let mut outputs = vec![("damaged input".to_string(), shown.clone())];
        for r in restorations(models, backend, damage, &shown, &hidden, radius).await? {
            outputs.push((r.label, r.pixels.into_vec()));
        }
        if sums.is_empty() {
            sums = outputs.iter().map(|(label, _)| (label.clone(), 0.0)).collect();
        }
        for ((_, sum), (_, out)) in sums.iter_mut().zip(&outputs) {
            *sum += out.iter().zip(&clean).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>();
        }
    }
    Ok(sums.into_iter().map(|(label, s)| (label, s / (n * IMAGE_PIXELS) as f64)).collect())
}

/// Inpainting by energy minimisation over `digits` damaged by `damage` (the masks of
/// [`compare_restorations`] for the same `seed`), `iterations` iterations moving `unknown`.
/// Returns the MSE in [0, 1] against the clean digits before the first and after the last
/// iteration, and the mean energy after each iteration (the first value: at the start).
#[allow(clippy::too_many_arguments)]
pub async fn energy_inpainting(
    spec: &ModelSpec,
    model: &Autoencoder,
    backend: Backend,
    digits: &Digits,
    damage: Damage,
    seed: u64,
    unknown: Unknown,
    iterations: usize,
) -> Result<(f64, f64, Vec<f64>), String> {
    let device = model.devices()[0].clone();
    let mut rng = Rng::new(seed);
    let n = digits.len();
    let (mut before, mut after) = (0.0f64, 0.0f64);
    let mut curve = vec![0.0f64; iterations + 1];
    for start in (0..n).step_by(500) {
        let end = (start + 500).min(n);
        let count = end - start;
        let clean: Vec<f32> = (start..end).flat_map(|i| digits.image(i).iter().map(|&p| normalize(p as f32 / 255.0))).collect();
        let hidden: Vec<bool> = (0..count).flat_map(|_| damage.hidden(&mut rng)).collect();
        let input: Vec<f32> = clean
            .chunks(784)
            .zip(hidden.chunks(784))
            .flat_map(|(x, h)| damage.model_input(spec.corruption, x, h))
            .collect();
        let input = Tensor::<2>::from_data(TensorData::new(input, [count, 784]), &device);
        let first = starting_point(model, unknown, input);
        let mut descent = Descent::new(model.clone(), backend, unknown, &clean, &hidden, first).await?;
        let error = |images: Vec<f32>| -> f64 {
            images.iter().zip(&clean).map(|(a, b)| (((a - b) / 2.0) as f64).powi(2)).sum()
        };
        before += error(backend.read(descent.images()).await?);
        curve[0] += descent.energies().iter().map(|&e| e as f64).sum::<f64>();
        for k in 1..=iterations {
            descent.step().await?;
            curve[k] += descent.energies().iter().map(|&e| e as f64).sum::<f64>();
        }
        after += error(backend.read(descent.images()).await?);
    }
    let pixels = (n * 784) as f64;
    Ok((before / pixels, after / pixels, curve.into_iter().map(|e| e / n as f64).collect()))
}

/// A model's reconstruction error on test digits, on both scales.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
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
