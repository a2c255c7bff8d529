//! The denoising lab (the lecture's comparison of the denoising autoencoder with classical
//! inpainting): a drawing made MNIST-like, damaged, and restored every way there is.

use super::{Lab, normalised, one_mask};
use crate::corrupt::{Damage, DropoutNoise, damage};
use crate::model::Autoencoder;
use crate::record::Mask;
use crate::restoration::{Denoised, Restoration, restorations};
use crate::spec::ModelSpec;

impl Lab {
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
}
