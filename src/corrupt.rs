//! Corruption of the input, as the denoising autoencoder sees it.
//!
//! The notebook corrupts with `nn.Dropout()`: each pixel is kept with probability `1 - p`
//! (p = 0.5) and kept pixels are scaled by `1 / (1 - p)`; a dropped pixel becomes 0, the
//! middle grey of [-1, 1]. Background pixels (-1) that are kept become -2, exactly as in the
//! notebook.

use crate::rng::Rng;
use burn::prelude::*;
use burn::tensor::Distribution;

/// The notebook's dropout-mask noise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DropoutNoise {
    /// Probability that a pixel is dropped.
    pub p: f32,
}

impl Default for DropoutNoise {
    /// `nn.Dropout()`: p = 0.5.
    fn default() -> Self {
        Self { p: 0.5 }
    }
}

impl DropoutNoise {
    pub fn new(p: f32) -> Result<Self, String> {
        if (0.0..1.0).contains(&p) {
            Ok(Self { p })
        } else {
            Err(format!("dropout probability must be in [0, 1), got {p}"))
        }
    }

    /// Corrupts a batch with a fresh mask drawn on the tensor's device.
    ///
    /// - `x`: `[batch, pixels]` in [-1, 1]; returns the same shape.
    pub fn corrupt(&self, x: Tensor<2>) -> Tensor<2> {
        let keep = Tensor::<2>::random(x.shape(), Distribution::Bernoulli(1.0 - self.p as f64), &x.device());
        self.corrupt_with_mask(x, keep)
    }

    /// Corrupts with a given keep-mask (1 = kept, 0 = dropped) of the same shape as `x`.
    pub fn corrupt_with_mask(&self, x: Tensor<2>, keep: Tensor<2>) -> Tensor<2> {
        x.mul(keep).mul_scalar(1.0 / (1.0 - self.p))
    }

    /// A seeded keep-mask on the host: `n` values, 1.0 (kept) or 0.0 (dropped).
    pub fn mask(&self, n: usize, rng: &mut Rng) -> Vec<f32> {
        (0..n).map(|_| if rng.next_f32() < self.p { 0.0 } else { 1.0 }).collect()
    }

    /// Corrupts normalised pixels on the host with a keep-mask from [`DropoutNoise::mask`].
    pub fn apply(&self, x: &[f32], keep: &[f32]) -> Vec<f32> {
        let scale = 1.0 / (1.0 - self.p);
        x.iter().zip(keep).map(|(v, k)| v * k * scale).collect()
    }
}
