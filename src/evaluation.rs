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
