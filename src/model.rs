//! The autoencoder of the lecture: `x̂ = tanh(W_d · tanh(W_e · x + b_e) + b_d)`.
//!
//! Inputs and outputs live in [-1, 1] (MNIST normalised with mean 0.5, std 0.5), which is why
//! both the encoder and the decoder end in `tanh`.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

/// `tanh(x)`, computed as `1 − 2 / (e^{2x} + 1)`: the same function (exact at ±∞, no
/// overflow), but Burn's CPU backends evaluate `exp` in f32 several times faster than `tanh`
/// (which goes through libm in f64): profiling the CPU training step showed `tanh` taking
/// about a quarter of it.
pub fn tanh<const D: usize>(x: Tensor<D>) -> Tensor<D> {
    x.mul_scalar(2.0).exp().add_scalar(1.0).recip().mul_scalar(-2.0).add_scalar(1.0)
}

/// Pixels in one MNIST image (28 × 28).
pub const IMAGE_PIXELS: usize = 28 * 28;

/// Shape of an autoencoder: `input → latent → input`.
#[derive(Config, Debug)]
pub struct AutoencoderConfig {
    /// Size of the hidden layer, the latent code `z`.
    pub latent: usize,
    /// Size of the input and of the reconstruction.
    #[config(default = 784)]
    pub input: usize,
}

impl AutoencoderConfig {
    /// A freshly initialised autoencoder (PyTorch's default Kaiming-uniform initialisation).
    pub fn init(&self, device: &Device) -> Autoencoder {
        Autoencoder {
            encoder: LinearConfig::new(self.input, self.latent).init(device),
            decoder: LinearConfig::new(self.latent, self.input).init(device),
        }
    }
}

/// One hidden layer autoencoder, as in the course notebook.
#[derive(Module, Debug)]
pub struct Autoencoder {
    /// `input → latent`, followed by `tanh`.
    pub encoder: Linear,
    /// `latent → input`, followed by `tanh`.
    pub decoder: Linear,
}

impl Autoencoder {
    /// The latent code of a batch of images.
    ///
    /// - `x`: `[batch, input]` in [-1, 1]
    /// - returns `[batch, latent]` in (-1, 1)
    pub fn encode(&self, x: Tensor<2>) -> Tensor<2> {
        tanh(self.encoder.forward(x))
    }

    /// The image a latent code stands for.
    ///
    /// - `z`: `[batch, latent]`
    /// - returns `[batch, input]` in (-1, 1)
    pub fn decode(&self, z: Tensor<2>) -> Tensor<2> {
        tanh(self.decoder.forward(z))
    }

    /// `decode(encode(x))`: `[batch, input]` → `[batch, input]`.
    pub fn reconstruct(&self, x: Tensor<2>) -> Tensor<2> {
        self.decode(self.encode(x))
    }

    /// Size of the latent code.
    pub fn latent(&self) -> usize {
        self.encoder.weight.dims()[1]
    }
}
