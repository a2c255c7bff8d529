//! The lecture's vocabulary for a model (figure 13: `h = f(W_h x + b_h)`,
//! `x̂ = g(W_x h + b_x)`): the size of an image, the activation f and the output g, the scale
//! of the pixels, the loss, the corruption of the training input. Words only, with no
//! dependency on the rest of the crate, so that the table of models (`spec.rs`), the model
//! (`model.rs`) and the corruptions (`corrupt.rs`) share them without depending on each other.

use serde::{Deserialize, Serialize};

/// Pixels in one MNIST image (28 × 28).
pub const IMAGE_PIXELS: usize = 28 * 28;

/// How a model's training input is corrupted (the target is always the clean digit). Every
/// corruption acts on the pixels in [-1, 1], whatever scale the model sees them in, so one
/// corrupted digit means the same for every model.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Corruption {
    /// The clean digit.
    None,
    /// The notebook's `nn.Dropout(p)`: each pixel dropped (set to 0, the grey of [-1, 1]) with
    /// probability `p`, the others scaled by `1 / (1 - p)`.
    Dropout {
        #[serde(serialize_with = "decimal")]
        p: f32,
    },
    /// Additive Gaussian noise of deviation `sigma` in [0, 1] pixel units (2σ in [-1, 1]).
    Gaussian {
        #[serde(serialize_with = "decimal")]
        sigma: f32,
    },
}

impl Corruption {
    pub(crate) fn check(self) -> Result<Self, String> {
        match self {
            Corruption::None => Ok(self),
            Corruption::Dropout { p } if p > 0.0 && p < 1.0 => Ok(self),
            Corruption::Dropout { p } => Err(format!("the dropout probability must be above 0 and below 1, got {p}")),
            Corruption::Gaussian { sigma } if sigma > 0.0 && sigma <= 1.0 => Ok(self),
            Corruption::Gaussian { sigma } => Err(format!("the noise deviation σ must be above 0 and at most 1, got {sigma}")),
        }
    }

    pub(crate) fn words(self) -> String {
        match self {
            Corruption::None => "its clean input".into(),
            Corruption::Dropout { p } => format!("digits with a share {p} of their pixels dropped"),
            Corruption::Gaussian { sigma } => format!("digits with Gaussian noise σ = {sigma} added"),
        }
    }
}

/// An `f32` written as the shortest decimal that reads back as it (0.01, not
/// 0.009999999776482582 as its `f64` widening would show in JavaScript).
pub(crate) fn decimal<S: serde::Serializer>(value: &f32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(value.to_string().parse().unwrap_or(*value as f64))
}

/// The hidden layer's activation f (and, with the MSE loss, the output's g).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Activation {
    /// `tanh`, as in the notebook.
    Tanh,
    /// The identity: a linear autoencoder (with tied weights, PCA's subspace).
    Linear,
}

/// The scale a model sees its pixels in (the page's pixels are [0, 1] and the lab's [-1, 1];
/// the model converts on the way in and back on the way out).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Scale {
    /// [-1, 1], the notebook's `Normalize((0.5,), (0.5,))`: the background is -1.
    Symmetric,
    /// [0, 1], the raw grey levels: the background is 0 (BCE needs this scale).
    Unit,
}

/// What training minimises (plus the contractive penalty, if any).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Loss {
    /// The mean over pixels of `(x̂ − x)²`, in the model's scale (PyTorch's `MSELoss`).
    Mse,
    /// Binary cross-entropy with a sigmoid output on [0, 1] targets, the mean over pixels of
    /// `−[x log x̂ + (1 − x) log(1 − x̂)]` (PyTorch's `BCELoss`).
    Bce,
}

/// The function that makes the output from `W_x h + b_x`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Tanh,
    Linear,
    /// The logistic sigmoid, for BCE.
    Sigmoid,
}
