//! How well an autoencoder reconstructs: mean squared error in the model's range [-1, 1], in
//! the image range [0, 1] (a quarter of it), and PSNR = 10 · log10(1 / MSE[0, 1]).

use crate::corrupt::DropoutNoise;
use crate::model::Autoencoder;
use crate::rng::Rng;
use burn::prelude::*;

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

/// PSNR in dB of a mean squared error on images in [0, 1].
pub fn psnr(mse_unit: f64) -> f64 {
    10.0 * (1.0 / mse_unit).log10()
}

/// What the model is given: the clean image or the notebook's corruption.
#[derive(Clone, Copy, Debug)]
pub enum Input {
    Clean,
    /// Dropout noise with seeded masks, the same for every model evaluated with that seed.
    Dropout(DropoutNoise, u64),
}

/// Mean squared error (in [-1, 1]) of `model` reconstructing the clean `images`
/// (`[n, 784]` in [-1, 1]) from `input`, over batches of `batch_size`. The result stays on the
/// device, a scalar `[1]`: read it natively with `into_scalar`, in the browser asynchronously.
pub fn reconstruction_error(model: &Autoencoder, images: &Tensor<2>, input: Input, batch_size: usize) -> Tensor<1> {
    let [n, pixels] = images.dims();
    let device = images.device();
    let mut rng = match input {
        Input::Dropout(_, seed) => Rng::new(seed),
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
        };
        total = total + (model.reconstruct(x) - clean).powi_scalar(2).sum();
        start = end;
    }
    total.div_scalar((n * pixels) as f64)
}

/// The restorations the denoising lab compares, each scored against the clean image.
pub const RESTORATIONS: [&str; 6] =
    ["damaged input", "standard AE", "denoising AE", "denoising AE, known pixels pasted", "Telea", "Navier–Stokes"];

/// Mean squared errors in [0, 1] of the six [`RESTORATIONS`] over `digits` damaged by `damage`
/// (masks drawn from `seed`), with the two autoencoders on `device`, classical inpainting at
/// `radius`.
pub fn compare_restorations(
    standard: &Autoencoder,
    denoising: &Autoencoder,
    digits: &crate::data::Digits,
    damage: crate::corrupt::Damage,
    seed: u64,
    radius: f32,
) -> [f64; 6] {
    use crate::corrupt::Damage;
    use crate::data::{denormalize, normalize};
    use crate::inpaint::{Method, inpaint_unit};
    use crate::model::ModelKind;
    let device = standard.devices()[0].clone();
    let mut rng = Rng::new(seed);
    let mut sums = [0.0f64; 6];
    let n = digits.len();
    for start in (0..n).step_by(500) {
        let end = (start + 500).min(n);
        let count = end - start;
        let clean: Vec<Vec<f32>> = (start..end).map(|i| digits.image(i).iter().map(|&p| p as f32 / 255.0).collect()).collect();
        let hidden: Vec<Vec<bool>> = (0..count).map(|_| damage.hidden(&mut rng)).collect();
        let normalised: Vec<Vec<f32>> = clean.iter().map(|c| c.iter().map(|&v| normalize(v)).collect()).collect();
        let input = |kind| -> Vec<f32> { normalised.iter().zip(&hidden).flat_map(|(x, h)| damage.model_input(kind, x, h)).collect() };
        let shape = [count, 784];
        let run = |model: &Autoencoder, values: Vec<f32>| -> Vec<f32> {
            let x = Tensor::<2>::from_data(TensorData::new(values, shape), &device);
            model.reconstruct(x).into_data().try_to_vec::<f32>().unwrap().into_iter().map(denormalize).collect()
        };
        let std_out = run(standard, input(ModelKind::Standard));
        let den_out = run(denoising, input(ModelKind::Denoising));
        for (k, (c, h)) in clean.iter().zip(&hidden).enumerate() {
            let shown = Damage::shown(c, h);
            let s = &std_out[k * 784..(k + 1) * 784];
            let d = &den_out[k * 784..(k + 1) * 784];
            let pasted = Damage::paste(d, &shown, h);
            let telea = inpaint_unit(&shown, h, 28, 28, radius, Method::Telea);
            let ns = inpaint_unit(&shown, h, 28, 28, radius, Method::NavierStokes);
            for (slot, out) in [&shown[..], s, d, &pasted, &telea, &ns].into_iter().enumerate() {
                sums[slot] += out.iter().zip(c).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>();
            }
        }
    }
    sums.map(|s| s / (n * 784) as f64)
}

/// Inpainting by energy minimisation over `digits` damaged by `damage` (the masks of
/// [`compare_restorations`] for the same `seed`), `iterations` iterations moving `unknown`.
/// Returns the MSE in [0, 1] against the clean digits before the first and after the last
/// iteration, and the mean energy after each iteration (the first value: at the start).
pub async fn energy_inpainting(
    kind: crate::model::ModelKind,
    model: &Autoencoder,
    backend: crate::backend::Backend,
    digits: &crate::data::Digits,
    damage: crate::corrupt::Damage,
    seed: u64,
    unknown: crate::energy::Unknown,
    iterations: usize,
) -> Result<(f64, f64, Vec<f64>), String> {
    use crate::data::normalize;
    use crate::energy::{Descent, starting_point};
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
            .flat_map(|(x, h)| damage.model_input(kind, x, h))
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
