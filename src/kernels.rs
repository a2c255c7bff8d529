//! The encoder's kernels (lecture figures 22–23): each hidden unit's 784 weights `W_j`, seen
//! as a 28 × 28 image. The standard autoencoder's kernels keep their random start on the
//! pixels at the edge of the image; the denoising autoencoder's fade there.
//!
//! Why, in one number: on a pixel that is never inked the standard model's input is the
//! constant −1, so the gradient of each weight on such pixels is the same for all of them
//! (unit j's error times −1, like its bias's): Adam moves them together and their spread
//! across those pixels stays what it was at initialisation. The denoising model's dropout makes
//! the same pixels noise (−2 kept, 0 dropped) that says nothing about the target, so their
//! weights shrink. [`Kernels::rare_spread`] measures the spread, [`INIT_SPREAD`] is its value
//! at PyTorch's (and Burn's) initialisation, `U(−1/√784, 1/√784)`: `1/√(3·784)`.

use crate::data::Digits;
use crate::model::IMAGE_PIXELS;
use serde::Serialize;

/// The standard deviation of a freshly initialised encoder weight: `1 / √(3 · 784)`.
pub const INIT_SPREAD: f32 = 0.020_619_652;

/// A pixel counts as inked above this grey level (of 255).
pub const INK_LEVEL: u8 = 26;

/// A pixel is "almost never inked" when fewer than this share of the digits ink it.
pub const RARE_SHARE: f32 = 0.001;

/// The kernels the page draws: all of them up to this many hidden units, this many evenly
/// spaced ones otherwise.
pub const SHOWN: usize = 100;
const SAMPLED: usize = 64;

/// For each pixel, the share of `digits` that ink it (784 values in [0, 1]).
pub fn ink_frequency(digits: &Digits) -> Vec<f32> {
    let mut counts = vec![0u32; IMAGE_PIXELS];
    for image in digits.pixels.chunks_exact(IMAGE_PIXELS) {
        for (c, &p) in counts.iter_mut().zip(image) {
            *c += (p > INK_LEVEL) as u32;
        }
    }
    counts.iter().map(|&c| c as f32 / digits.len().max(1) as f32).collect()
}

/// Which pixels the training digits ink: why the lecture calls a 500-unit layer over-complete.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Ink {
    /// Pixels in an image (784).
    pub pixels: usize,
    /// Pixels inked by at least one training digit.
    pub ever: usize,
    /// Pixels inked by at least 1% of them.
    pub often: usize,
    /// Pixels almost never inked (fewer than [`RARE_SHARE`] of them).
    pub rare: usize,
    /// Training digits counted.
    pub digits: usize,
    /// PSNR (dB) of the training digits' mean image against the test digits scored: what a
    /// model that has collapsed to the mean image scores.
    pub mean_image_psnr: f64,
}

impl Ink {
    /// From the [`ink_frequency`] of `train` and, for the mean image's PSNR, `test`.
    pub fn of(frequency: &[f32], train: &Digits, test: &Digits) -> Self {
        let count = |keep: &dyn Fn(f32) -> bool| frequency.iter().filter(|&&f| keep(f)).count();
        let mut mean = vec![0.0f64; IMAGE_PIXELS];
        for image in train.pixels.chunks_exact(IMAGE_PIXELS) {
            mean.iter_mut().zip(image).for_each(|(m, &p)| *m += p as f64 / 255.0);
        }
        mean.iter_mut().for_each(|m| *m /= train.len().max(1) as f64);
        let error = test.pixels.chunks_exact(IMAGE_PIXELS).flat_map(|image| image.iter().zip(&mean).map(|(&p, m)| (p as f64 / 255.0 - m).powi(2))).sum::<f64>()
            / test.pixels.len().max(1) as f64;
        Self {
            pixels: frequency.len(),
            ever: count(&|f| f > 0.0),
            often: count(&|f| f >= 0.01),
            rare: count(&|f| f < RARE_SHARE),
            digits: train.len(),
            mean_image_psnr: crate::evaluation::psnr(error),
        }
    }
}

/// The hidden units whose kernels are shown: all for `latent` ≤ [`SHOWN`], else 64 evenly
/// spaced ones.
pub fn shown_units(latent: usize) -> Vec<usize> {
    if latent <= SHOWN { (0..latent).collect() } else { (0..SAMPLED).map(|i| i * latent / SAMPLED).collect() }
}

/// Some kernels of an encoder, with the statistics the page shows beside them.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Kernels {
    /// The hidden units shown.
    pub units: Vec<usize>,
    /// Their weights: `units.len() × 784`, unit after unit, pixel by pixel (row-major 28 × 28).
    pub weights: crate::record::Images,
    /// The largest |weight| among them (the colour map's end).
    pub scale: f32,
    /// Pixels almost never inked in the training digits (fewer than [`RARE_SHARE`] of them).
    pub rare_pixels: usize,
    /// The root mean square, over every hidden unit, of the standard deviation of its weights
    /// on the rare pixels.
    pub rare_spread: f32,
    /// The same on the other pixels.
    pub inked_spread: f32,
    /// [`INIT_SPREAD`], the spread of every pixel's weights at initialisation.
    pub init_spread: f32,
}

impl Kernels {
    /// From an encoder weight as Burn stores it, `[784, latent]` row-major (`weight[i·latent + j]`
    /// is pixel i's weight in unit j), and the ink frequency of the training digits.
    pub fn of(weight: &[f32], latent: usize, ink: &[f32]) -> Self {
        let units = shown_units(latent);
        let kernel = |j: usize| -> Vec<f32> { (0..IMAGE_PIXELS).map(|i| weight[i * latent + j]).collect() };
        let weights: Vec<f32> = units.iter().flat_map(|&j| kernel(j)).collect();
        let scale = weights.iter().fold(0.0f32, |a, w| a.max(w.abs()));
        let rare: Vec<bool> = ink.iter().map(|&f| f < RARE_SHARE).collect();
        let spread = |pick: bool| -> f32 {
            let per_unit = (0..latent).map(|j| {
                let values: Vec<f64> = (0..IMAGE_PIXELS).filter(|&i| rare[i] == pick).map(|i| weight[i * latent + j] as f64).collect();
                variance(&values)
            });
            (per_unit.sum::<f64>() / latent.max(1) as f64).sqrt() as f32
        };
        Self {
            rare_pixels: rare.iter().filter(|&&r| r).count(),
            rare_spread: spread(true),
            inked_spread: spread(false),
            init_spread: INIT_SPREAD,
            units,
            weights: weights.into(),
            scale,
        }
    }
}

fn variance(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return 0.0;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / values.len() as f64
}
