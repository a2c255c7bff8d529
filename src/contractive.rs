//! The contractive autoencoder (lecture figure 18): the loss gains `λ‖∂h/∂x‖²_F`, the squared
//! Frobenius norm of the encoder's Jacobian, so the code moves as little as it can when the input
//! moves — except along the directions the reconstruction needs, the data's manifold.
//!
//! For `h = f(W_h x + b_h)` the Jacobian's row j is `f'(a_j) W_j`, where `W_j` is unit j's
//! weights (a column of Burn's `[input, latent]` weight), so
//!
//! `‖J(x)‖²_F = Σ_j f'(a_j)² ‖W_j‖²`, with `f'(a) = 1 − tanh(a)²` for tanh and `1` for a
//! linear unit.
//!
//! Cheap: one product of the batch's `[batch, latent]` slopes with the `[latent]` column norms,
//! no second backward pass. The Jacobian is taken with respect to the input as the model sees
//! it (its own scale, see `model.rs`).

use crate::model::Autoencoder;
use crate::spec::Activation;
use burn::prelude::*;

/// `‖J(x)‖²_F` of each input: `x` is `[batch, input]` in [-1, 1]; returns `[batch]`.
pub fn jacobian_norm_squared(model: &Autoencoder, x: Tensor<2>) -> Tensor<1> {
    let hidden = model.encode(x);
    from_hidden(model, hidden)
}

/// `‖J(x)‖²_F` of each input from its hidden layer `h = f(a)` (`[batch, latent]`, already
/// computed by the forward pass): returns `[batch]`.
pub fn from_hidden(model: &Autoencoder, hidden: Tensor<2>) -> Tensor<1> {
    let columns = model.encoder.weight.val().powi_scalar(2).sum_dim(0); // [1, latent]
    let slopes = match model.form.activation {
        Activation::Tanh => hidden.clone().mul(hidden).neg().add_scalar(1.0).powi_scalar(2),
        Activation::Linear => hidden.ones_like(),
    };
    slopes.mul(columns).sum_dim(1).squeeze_dim(1)
}

/// The penalty added to the loss: `λ` times the batch mean of `‖J(x)‖²_F`, from the hidden
/// layer of the batch (see [`from_hidden`]): a scalar `[1]`.
pub fn penalty(model: &Autoencoder, hidden: Tensor<2>, lambda: f32) -> Tensor<1> {
    from_hidden(model, hidden).mean().mul_scalar(lambda)
}
