//! Corruption of the input, as the denoising autoencoder sees it.
//!
//! The notebook corrupts with `nn.Dropout()`: each pixel is kept with probability `1 - p`
//! (p = 0.5) and kept pixels are scaled by `1 / (1 - p)`; a dropped pixel becomes 0, the
//! middle grey of [-1, 1]. Background pixels (-1) that are kept become -2, exactly as in the
//! notebook.

use crate::parts::Corruption;
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

impl Corruption {
    /// The dropout noise, if the model trains on it.
    pub fn dropout(self) -> Option<DropoutNoise> {
        match self {
            Corruption::Dropout { p } => Some(DropoutNoise { p }),
            _ => None,
        }
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

    /// Corrupts normalised pixels on the host with a keep-mask drawn from `seed`.
    pub fn apply_seeded(&self, x: &[f32], seed: u64) -> Vec<f32> {
        self.apply(x, &self.mask(x.len(), &mut Rng::new(seed)))
    }

    /// Corrupts normalised pixels on the host with a keep-mask from [`DropoutNoise::mask`].
    pub fn apply(&self, x: &[f32], keep: &[f32]) -> Vec<f32> {
        let scale = 1.0 / (1.0 - self.p);
        x.iter().zip(keep).map(|(v, k)| v * k * scale).collect()
    }
}

/// Damage for the denoising lab: which pixels are hidden. Hidden pixels are shown grey (0 in
/// [-1, 1], 0.5 in [0, 1]); the clean image stays the ground truth.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Damage {
    /// The notebook's dropout mask: each pixel hidden with probability `p`. The denoising
    /// autoencoder sees the kept pixels scaled by `1 / (1 - p)`, as it was trained.
    Dropout(f32),
    /// A `size × size` grey block at a random position inside the 28 × 28 image.
    Block(usize),
}

impl Damage {
    /// The hidden pixels of one 28 × 28 image (`true` = hidden), drawn from `rng`.
    pub fn hidden(&self, rng: &mut Rng) -> Vec<bool> {
        match *self {
            Damage::Dropout(p) => (0..784).map(|_| rng.next_f32() < p).collect(),
            Damage::Block(size) => {
                let size = size.min(28);
                let (y0, x0) = (rng.below(29 - size), rng.below(29 - size));
                (0..784).map(|i| (y0..y0 + size).contains(&(i / 28)) && (x0..x0 + size).contains(&(i % 28))).collect()
            }
        }
    }

    /// What a model trained with `corruption` is given for a damaged digit: normalised pixels
    /// with the hidden ones grey (0). A model trained on the dropout mask (the denoising
    /// autoencoder) also sees the kept pixels scaled by `1 / (1 - p)` as in training; one
    /// trained on clean images sees them unchanged.
    pub fn model_input(&self, corruption: Corruption, normalised: &[f32], hidden: &[bool]) -> Vec<f32> {
        let scale = match *self {
            Damage::Dropout(p) if corruption.dropout().is_some() => 1.0 / (1.0 - p),
            _ => 1.0,
        };
        normalised.iter().zip(hidden).map(|(&v, &h)| if h { 0.0 } else { v * scale }).collect()
    }

    /// A restoration with the visible pixels of `shown` pasted back: only the hidden pixels
    /// come from `restored`.
    pub fn paste(restored: &[f32], shown: &[f32], hidden: &[bool]) -> Vec<f32> {
        restored.iter().zip(shown).zip(hidden).map(|((&r, &s), &h)| if h { r } else { s }).collect()
    }

    /// The damaged image in [0, 1] as a person (or classical inpainting) sees it: hidden
    /// pixels grey, the others unchanged.
    pub fn shown(unit: &[f32], hidden: &[bool]) -> Vec<f32> {
        unit.iter().zip(hidden).map(|(&v, &h)| if h { 0.5 } else { v }).collect()
    }
}

/// The damage the denoising lab applies to a clean digit (values in [0, 1]): the pixels hidden
/// by hand, plus the dropout mask, plus Gaussian noise on the visible pixels. Returns the image
/// shown (hidden pixels grey, noisy pixels clipped to [0, 1]) and the hidden pixels.
pub fn damage(clean: &[f32], hidden_by_hand: &[bool], dropout: f32, sigma: f32, seed: u64) -> (Vec<f32>, Vec<bool>) {
    let mut rng = Rng::new(seed);
    let keep = if dropout > 0.0 { DropoutNoise { p: dropout.min(0.99) }.mask(clean.len(), &mut rng) } else { vec![1.0; clean.len()] };
    let hidden: Vec<bool> = hidden_by_hand.iter().zip(&keep).map(|(&h, &k)| h || k == 0.0).collect();
    let shown = clean
        .iter()
        .zip(&hidden)
        .map(|(&v, &h)| if h { 0.5 } else { (v + sigma * rng.normal()).clamp(0.0, 1.0) })
        .collect();
    (shown, hidden)
}
