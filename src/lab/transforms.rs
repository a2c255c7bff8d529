//! Off the manifold (the lecture's figures 5–8): a digit transformed and reconstructed, the
//! PSNR against the amount, and training with augmentation.

use super::{Lab, normalised};
use crate::rng::Rng;
use crate::transform::{Augmentation, Kind, Transform, TransformCurve, Transformed, curve_inputs};

impl Lab {
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
        Ok(Transformed::of(input, output))
    }

    /// `model`'s PSNR on a digit transformed by each amount of `kind` (one batch).
    pub async fn transform_curve(&self, model: &str, pixels: &[f32], kind: Kind) -> Result<TransformCurve, String> {
        normalised(pixels, Some(1))?;
        let unit: Vec<f32> = pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect();
        let (amounts, inputs) = curve_inputs(&unit, kind);
        let outputs = self.reconstruct(model, &inputs, None).await?;
        Ok(TransformCurve::of(kind, amounts, inputs, &outputs))
    }
}
