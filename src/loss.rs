//! The two reconstruction losses of the lecture (figure 13's `ℓ(x, x̂)`), as PyTorch means
//! them: per pixel, averaged over the batch and the 784 pixels.
//!
//! - **MSE**: the lecture writes the per-sample loss `½‖x − x̂‖²`; PyTorch's `MSELoss` (and this
//!   lab) takes the mean `(1/784) Σ_i (x_i − x̂_i)²`, which is that sum times 2/784. The same
//!   minimiser, a different number.
//! - **BCE**: `−Σ_i [x_i log x̂_i + (1 − x_i) log(1 − x̂_i)]` per sample, for targets in [0, 1]
//!   and a sigmoid output `x̂ = σ(a)`; computed from the logits `a` as
//!   `softplus(a) − x·a`, which never takes the log of 0. The lecture reads each pixel as a
//!   Bernoulli variable, but MNIST's pixels are grey: the loss cannot reach 0, its floor is
//!   the targets' own entropy `H(x) = −Σ [x log x + (1 − x) log(1 − x)]`, reached at `x̂ = x`.
//!   So the page shows `BCE − H(x)` (the KL divergence, ≥ 0, and 0 only at `x̂ = x`).

use burn::prelude::*;

/// Mean squared error between two tensors of the same shape: a scalar `[1]`.
pub fn mse(output: Tensor<2>, target: Tensor<2>) -> Tensor<1> {
    (output - target).powi_scalar(2).mean()
}

/// `softplus(a) = log(1 + e^a)`, computed as `(a + |a|)/2 + log(1 + e^{−|a|})` (no overflow;
/// written with `|a|` on both sides so that its gradient at `a = 0` is `σ(0) = ½`).
pub fn softplus<const D: usize>(a: Tensor<D>) -> Tensor<D> {
    let magnitude = a.clone().abs();
    (a + magnitude.clone()).mul_scalar(0.5) + magnitude.neg().exp().log1p()
}

/// Binary cross-entropy of `σ(logits)` against `target` in [0, 1], per element:
/// `softplus(a) − x·a`, the same shape as its inputs.
pub fn bce_with_logits_elements(logits: Tensor<2>, target: Tensor<2>) -> Tensor<2> {
    softplus(logits.clone()) - target * logits
}

/// The mean over elements of [`bce_with_logits_elements`]: a scalar `[1]` (PyTorch's
/// `BCEWithLogitsLoss`, equal to `BCELoss` after a sigmoid).
pub fn bce_with_logits(logits: Tensor<2>, target: Tensor<2>) -> Tensor<1> {
    bce_with_logits_elements(logits, target).mean()
}

/// The binary entropy of values in [0, 1], per element, in nats: `−[x log x + (1 − x) log(1 − x)]`
/// (0 at 0 and 1, log 2 at ½). The floor of BCE against these targets.
pub fn binary_entropy(x: &[f32]) -> Vec<f32> {
    let term = |p: f32| if p <= 0.0 { 0.0 } else { -p * p.ln() };
    x.iter().map(|&p| term(p.clamp(0.0, 1.0)) + term(1.0 - p.clamp(0.0, 1.0))).collect()
}
