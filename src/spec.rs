//! The table of models: every autoencoder the lab knows, described once. The page builds its
//! selects, chart series, legends and captions from this table (`Playground::models`), the
//! trainer reads its recipe from it, and the lab keeps one slot per row. Adding a model is one
//! row here (and its weights in `www/models/<name>.bpk` if it ships trained).
//!
//! The two rows of the lecture's notebook (`10-autoencoder.ipynb`):
//! - **standard**: under-complete, d = 30 < 784, trained to reproduce its clean input (lecture
//!   figure 12: the hidden layer is a bottleneck, so it cannot learn the identity);
//! - **denoising**: over-complete, d = 500, trained to restore inputs corrupted by the dropout
//!   mask (figures 15–17: the corruption, not the size, stops it from copying).

use crate::corrupt::DropoutNoise;
use serde::Serialize;
use std::borrow::Cow;

/// How a model's training input is corrupted (the target is always the clean digit).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Corruption {
    /// The clean digit.
    None,
    /// The notebook's `nn.Dropout(p)`: each pixel dropped (set to 0, the grey of [-1, 1]) with
    /// probability `p`, the others scaled by `1 / (1 - p)`.
    Dropout { p: f32 },
}

impl Corruption {
    /// The dropout noise, if the model trains on it.
    pub fn dropout(self) -> Option<DropoutNoise> {
        match self {
            Corruption::None => None,
            Corruption::Dropout { p } => Some(DropoutNoise { p }),
        }
    }
}

/// One row of the table: what a model is, as the page and the trainer need to know it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelSpec {
    /// The name used in files, URLs and the JavaScript API.
    pub name: Cow<'static, str>,
    /// The short label the page shows ("standard AE (d=30)").
    pub label: Cow<'static, str>,
    /// One sentence for the page: what the model is and how it was trained.
    pub description: Cow<'static, str>,
    /// The size of the hidden layer, the latent code `z`: 784 → latent → 784.
    pub latent: usize,
    /// The corruption of the training input.
    pub corruption: Corruption,
    /// Its colour in charts and legends (a CSS colour).
    pub colour: Cow<'static, str>,
    /// Whether trained weights ship with the page, in `www/models/<name>.bpk`.
    pub shipped: bool,
}

impl ModelSpec {
    /// Whether the model learns to undo a corruption of its input.
    pub fn denoises(&self) -> bool {
        self.corruption != Corruption::None
    }

    /// Whether the hidden layer is larger than the input (the lecture's over-complete case).
    pub fn over_complete(&self) -> bool {
        self.latent >= crate::model::IMAGE_PIXELS
    }
}

/// The models of the lecture's notebook, in the order the page shows them.
pub const MODELS: [ModelSpec; 2] = [
    ModelSpec {
        name: Cow::Borrowed("standard"),
        label: Cow::Borrowed("standard AE (d=30)"),
        description: Cow::Borrowed("784 → 30 → 784 with tanh, trained to reproduce its clean input: the bottleneck forces a summary."),
        latent: 30,
        corruption: Corruption::None,
        colour: Cow::Borrowed("#1f6fd1"),
        shipped: true,
    },
    ModelSpec {
        name: Cow::Borrowed("denoising"),
        label: Cow::Borrowed("denoising AE (d=500)"),
        description: Cow::Borrowed("784 → 500 → 784 with tanh, trained to restore digits with half their pixels dropped (the notebook's nn.Dropout())."),
        latent: 500,
        corruption: Corruption::Dropout { p: 0.5 },
        colour: Cow::Borrowed("#d9661f"),
        shipped: true,
    },
];

/// The row named `name`, with a message naming the known ones otherwise.
pub fn find(name: &str) -> Result<&'static ModelSpec, String> {
    MODELS.iter().find(|m| m.name == name).ok_or_else(|| unknown(name))
}

/// The message for a model name the table does not have.
pub fn unknown(name: &str) -> String {
    let names: Vec<&str> = MODELS.iter().map(|m| m.name.as_ref()).collect();
    format!("unknown model '{name}' (expected {})", names.join(" or "))
}
