//! The table of models: every autoencoder the lab knows, described once. The page builds its
//! selects, chart series, legends and captions from this table (`Playground::models`), the
//! trainer reads its recipe from it, and the lab keeps one slot per row. The two rows of the
//! lecture's notebook ship trained; the model builder adds rows at run time from a [`Recipe`].
//!
//! The two rows of the lecture's notebook (`10-autoencoder.ipynb`):
//! - **standard**: under-complete, d = 30 < 784, trained to reproduce its clean input (lecture
//!   figure 12: the hidden layer is a bottleneck, so it cannot learn the identity);
//! - **denoising**: over-complete, d = 500, trained to restore inputs corrupted by the dropout
//!   mask (figures 15–17: the corruption, not the size, stops it from copying).
//!
//! A recipe names the lecture's parts (figure 13: `h = f(W_h x + b_h)`, `x̂ = g(W_x h + b_x)`):
//! the hidden size d, the activation f (tanh or linear), tied weights (`W_x = W_hᵀ`), the scale
//! the model sees its pixels in, the loss (MSE, or BCE with a sigmoid g), the corruption of the
//! training input and the weight λ of the contractive penalty (figure 18).

pub use crate::parts::{Activation, Corruption, Loss, Output, Scale};
use crate::parts::decimal;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The hidden sizes the model builder offers (lecture figure 14: under- to over-complete).
pub const HIDDEN_SIZES: [usize; 7] = [2, 5, 10, 30, 100, 500, 1000];

/// The largest hidden size a model may have: the builder offers [`HIDDEN_SIZES`], a notebook
/// file (`notebook.rs`) may bring any d up to this.
pub const MAX_LATENT: usize = 2048;

/// The largest contractive weight λ the builder accepts.
pub const MAX_CONTRACTIVE: f32 = 10.0;

/// Colours of built models, in turn (the shipped ones have their own): the Okabe–Ito palette,
/// whose hues stay apart for readers with any common colour-vision deficiency, each darkened
/// at the same hue to at least 4.5:1 against white, since a model's name is written in its
/// colour. The shipped models take its blue (#0072b2, as it is) and vermillion (#be5400).
const PALETTE: [&str; 8] = ["#008460", "#bb4d8a", "#9c6c00", "#177ab2", "#80770a", "#000000", "#5d6d7e", "#7a5c2e"];

/// One row of the table: what a model is, as the page and the trainer need to know it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
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
    /// The hidden layer's activation f.
    pub activation: Activation,
    /// Whether the decoder's weight is the encoder's transposed (`W_x = W_hᵀ`).
    pub tied: bool,
    /// The scale the model sees its pixels in.
    pub scale: Scale,
    pub loss: Loss,
    /// The corruption of the training input.
    pub corruption: Corruption,
    /// The weight λ of the contractive penalty `λ‖∂h/∂x‖²_F` (0: none).
    #[serde(serialize_with = "decimal")]
    pub contractive: f32,
    /// Train on the first this many training digits only (`None`: all of them); a handful
    /// shows a wide model memorising them (the identity-function warning).
    pub training_digits: Option<usize>,
    /// Its colour in charts and legends (a CSS colour).
    pub colour: Cow<'static, str>,
    /// Whether trained weights ship with the page, in `www/models/<name>.bpk`.
    pub shipped: bool,
}

/// What the model builder asks for: a model's parts, without the page's words and colour. A
/// [`ModelSpec`] serialised is also a recipe (the extra fields are ignored), which is how a
/// built model is carried to another backend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(rename_all = "camelCase")]
pub struct Recipe {
    pub name: String,
    pub latent: usize,
    pub activation: Activation,
    #[serde(default)]
    pub tied: bool,
    pub scale: Scale,
    pub loss: Loss,
    pub corruption: Corruption,
    #[serde(default)]
    pub contractive: f32,
    #[serde(default)]
    pub training_digits: Option<usize>,
}

impl ModelSpec {
    /// Whether the model learns to undo a corruption of its input.
    pub fn denoises(&self) -> bool {
        self.corruption != Corruption::None
    }

    /// Whether the hidden layer is larger than the input (the lecture's over-complete case).
    pub fn over_complete(&self) -> bool {
        self.latent >= crate::parts::IMAGE_PIXELS
    }

    /// The output function g: a sigmoid for BCE, otherwise the hidden activation.
    pub fn output(&self) -> Output {
        output_of(self.loss, self.activation)
    }

    /// This model's parts as a recipe.
    pub fn recipe(&self) -> Recipe {
        Recipe {
            name: self.name.to_string(),
            latent: self.latent,
            activation: self.activation,
            tied: self.tied,
            scale: self.scale,
            loss: self.loss,
            corruption: self.corruption,
            contractive: self.contractive,
            training_digits: self.training_digits,
        }
    }
}

/// The output function g of a model with this loss and hidden activation: a sigmoid for BCE,
/// otherwise the hidden activation.
pub fn output_of(loss: Loss, activation: Activation) -> Output {
    match (loss, activation) {
        (Loss::Bce, _) => Output::Sigmoid,
        (Loss::Mse, Activation::Tanh) => Output::Tanh,
        (Loss::Mse, Activation::Linear) => Output::Linear,
    }
}

/// What the model builder offers, for the page to build its controls from.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct BuilderOptions {
    pub hidden_sizes: Vec<usize>,
    pub max_contractive: f32,
    pub max_models: usize,
}

impl BuilderOptions {
    pub fn get() -> Self {
        Self { hidden_sizes: HIDDEN_SIZES.to_vec(), max_contractive: MAX_CONTRACTIVE, max_models: MAX_MODELS }
    }
}

/// The largest number of models a session holds (each d = 1000 model is 6 MB of weights and
/// as much again of optimiser state).
pub const MAX_MODELS: usize = 12;

impl Recipe {
    /// The notebook's parts (tanh, separate weights, [-1, 1], MSE, clean input) with a hidden
    /// layer of `latent` units: the start of every experiment that changes one part.
    pub fn notebook(name: &str, latent: usize) -> Self {
        Self {
            name: name.into(),
            latent,
            activation: Activation::Tanh,
            tied: false,
            scale: Scale::Symmetric,
            loss: Loss::Mse,
            corruption: Corruption::None,
            contractive: 0.0,
            training_digits: None,
        }
    }

    /// The table row for this recipe, checked, with the `turn`-th colour of the palette. The
    /// errors are sentences the page shows as they are.
    pub fn build(&self, turn: usize) -> Result<ModelSpec, String> {
        let name = self.name.trim();
        let name_ok = (1..=24).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && name.starts_with(|c: char| c.is_ascii_lowercase());
        if !name_ok {
            return Err(format!("a model's name is 1 to 24 lower-case letters, digits or dashes, starting with a letter; '{name}' is not"));
        }
        if matches!(name, "both" | "all") {
            return Err(format!("'{name}' means every model; choose another name"));
        }
        if !(1..=MAX_LATENT).contains(&self.latent) {
            return Err(format!("the hidden size d must be between 1 and {MAX_LATENT}, not {}", self.latent));
        }
        if self.loss == Loss::Bce && self.scale != Scale::Unit {
            return Err("BCE compares probabilities: it needs pixels in [0, 1] (choose that scale, or MSE)".into());
        }
        if !(self.contractive.is_finite() && (0.0..=MAX_CONTRACTIVE).contains(&self.contractive)) {
            return Err(format!("the contractive weight λ must be between 0 and {MAX_CONTRACTIVE}, got {}", self.contractive));
        }
        let corruption = self.corruption.check()?;
        if let Some(n) = self.training_digits
            && !(1..=60_000).contains(&n)
        {
            return Err(format!("the number of training digits must be between 1 and 60,000, not {n}"));
        }
        let activation = match self.activation {
            Activation::Tanh => "tanh",
            Activation::Linear => "linear",
        };
        let scale = match self.scale {
            Scale::Symmetric => "[-1, 1]",
            Scale::Unit => "[0, 1]",
        };
        let loss = match self.loss {
            Loss::Mse => "MSE",
            Loss::Bce => "BCE with a sigmoid output",
        };
        let tied = if self.tied { ", tied weights (W_x = W_hᵀ)" } else { "" };
        let contractive = if self.contractive > 0.0 { format!(", contractive penalty λ = {}", self.contractive) } else { String::new() };
        let digits = match self.training_digits {
            Some(n) => format!(", from its first {n} training digits only"),
            None => String::new(),
        };
        let description = format!(
            "784 → {} → 784 with {activation} units{tied}, pixels in {scale}, {loss}{contractive}, trained to restore {}{digits}.",
            self.latent,
            corruption.words()
        );
        Ok(ModelSpec {
            name: Cow::Owned(name.to_string()),
            label: Cow::Owned(format!("{name} (d={})", self.latent)),
            description: Cow::Owned(description),
            latent: self.latent,
            activation: self.activation,
            tied: self.tied,
            scale: self.scale,
            loss: self.loss,
            corruption,
            contractive: self.contractive,
            training_digits: self.training_digits,
            colour: Cow::Borrowed(PALETTE[turn % PALETTE.len()]),
            shipped: false,
        })
    }
}

/// A model name made from free text (a file's name): lower-case letters, digits and dashes,
/// starting with a letter, at most 24 characters; `fallback` if nothing is left.
pub fn name_from(text: &str, fallback: &str) -> String {
    let mut name = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'a'..='z' | '0'..='9' => name.push(c),
            _ if !name.is_empty() && !name.ends_with('-') => name.push('-'),
            _ => {}
        }
    }
    let name: String = name.trim_start_matches(|c: char| !c.is_ascii_lowercase()).chars().take(24).collect();
    let name = name.trim_end_matches('-');
    if name.is_empty() || matches!(name, "both" | "all") { fallback.to_string() } else { name.to_string() }
}

/// The models of the lecture's notebook, in the order the page shows them.
pub const MODELS: [ModelSpec; 2] = [
    ModelSpec {
        name: Cow::Borrowed("standard"),
        label: Cow::Borrowed("standard AE (d=30)"),
        description: Cow::Borrowed("784 → 30 → 784 with tanh, trained to reproduce its clean input: the bottleneck forces a summary."),
        latent: 30,
        activation: Activation::Tanh,
        tied: false,
        scale: Scale::Symmetric,
        loss: Loss::Mse,
        corruption: Corruption::None,
        contractive: 0.0,
        training_digits: None,
        colour: Cow::Borrowed("#0072b2"),
        shipped: true,
    },
    ModelSpec {
        name: Cow::Borrowed("denoising"),
        label: Cow::Borrowed("denoising AE (d=500)"),
        description: Cow::Borrowed("784 → 500 → 784 with tanh, trained to restore digits with half their pixels dropped (the notebook's nn.Dropout())."),
        latent: 500,
        activation: Activation::Tanh,
        tied: false,
        scale: Scale::Symmetric,
        loss: Loss::Mse,
        corruption: Corruption::Dropout { p: 0.5 },
        contractive: 0.0,
        training_digits: None,
        colour: Cow::Borrowed("#be5400"),
        shipped: true,
    },
];

/// The row named `name`, with a message naming the known ones otherwise.
pub fn find(name: &str) -> Result<&'static ModelSpec, String> {
    MODELS.iter().find(|m| m.name == name).ok_or_else(|| unknown(name, MODELS.iter()))
}

/// The message for a model name that `known` does not have.
pub fn unknown<'a>(name: &str, known: impl Iterator<Item = &'a ModelSpec>) -> String {
    let names: Vec<String> = known.map(|m| format!("'{}'", m.name)).collect();
    let expected = match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "none: the table is empty".into(),
    };
    format!("unknown model '{name}' (expected {expected})")
}
