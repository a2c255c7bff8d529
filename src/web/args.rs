//! The argument records of the face's operations: each operation takes one of these, by
//! name, as a plain object with camelCase fields (`{model, pixels}`); a field left out takes
//! the default written here, a field not written here is refused. The page's declarations of
//! them are generated (`src/contract.rs` → `www/types/face.d.ts`).

use crate::energy::Unknown;
use crate::ipynb::{Language, Source};
use crate::manifold::Way;
use crate::record::{Bytes, Images, Mask};
use crate::spec::Recipe;
use crate::transform::{Augmentation, Kind, Transform};
use serde::Deserialize;

fn one() -> u32 {
    1
}

fn thousand() -> usize {
    1000
}

/// A record of arguments: `#[derive]`s every argument record shares.
macro_rules! args {
    ($($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident : $ty:ty),* $(,)? })*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug, Deserialize)]
            #[cfg_attr(test, derive(ts_rs::TS))]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct $name {
                $($(#[$fdoc])* pub $field: $ty,)*
            }
        )*
    };
}

args! {
    /// A model of the table, by name.
    Model { model: String }
    /// A model and a seed of fresh weights (1 when left out).
    ModelSeed { model: String, #[serde(default = "one")] #[cfg_attr(test, ts(as = "Option<u32>", optional))] seed: u32 }
    /// A model and how many test digits to measure it on (1,000 when left out).
    ModelLimit { model: String, #[serde(default = "thousand")] #[cfg_attr(test, ts(as = "Option<usize>", optional))] limit: usize }
    /// A model and `n × 784` pixels in [0, 1].
    ModelPixels { model: String, pixels: Images }
    /// A model and `n × latent` codes.
    ModelCodes { model: String, codes: Images }
    /// A model and `n × 2` coordinates of the latent map.
    ModelPoints { model: String, points: Images }
    /// A model and a file of its weights (burnpack, 8-bit, notebook or checkpoint).
    ModelFile { model: String, bytes: Bytes }
    /// A model and a number of training steps (≥ 1).
    ModelSteps { model: String, steps: usize }
    /// A model and a number of test digits.
    ModelCount { model: String, count: usize }
    /// A model and outliers, `n × 784` pixels in [0, 1].
    ModelOutliers { model: String, outliers: Images }
    /// A recipe to build a model from, with fresh weights drawn from `seed` (1 when left out).
    AddModel { recipe: Recipe, #[serde(default = "one")] #[cfg_attr(test, ts(as = "Option<u32>", optional))] seed: u32 }
    /// A model file or a notebook file; `fileName` names a notebook file's model.
    ImportModel { bytes: Bytes, #[serde(default)] #[cfg_attr(test, ts(optional = nullable))] file_name: Option<String> }
    /// A model as a runnable notebook, for the data set it trained on (`mnist` when left out),
    /// in the page's language (`en`).
    NotebookExport { model: String, #[serde(default)] #[cfg_attr(test, ts(as = "Option<Source>", optional))] dataset: Source, #[serde(default)] #[cfg_attr(test, ts(as = "Option<Language>", optional))] language: Language }
    /// A file's bytes.
    File { bytes: Bytes }
    /// A picture's `width × height` RGBA bytes.
    Picture { rgba: Bytes, width: usize, height: usize }
    /// Digits in the digits format, for the "train" or the "test" split.
    Split { split: String, bytes: Bytes }
    /// A lab's own network (`toy`: "plane", "helix" or "superres") and a number of training
    /// steps (1 to 10,000).
    ToySteps { toy: String, steps: usize }
    /// How the plane's model trained `way` sees it, on a `grid × grid` field (40 when left out).
    PlaneLook { way: Way, #[serde(default = "forty")] #[cfg_attr(test, ts(as = "Option<usize>", optional))] grid: usize }
    /// The plane's noisy points moved `k` times through the model trained `way`.
    PlaneMove { way: Way, k: usize }
    /// A digit (784 values in [0, 1]) or a low-resolution drawing (side² values).
    Pixels { pixels: Images }
    /// The first `limit` test digits (1,000) of the classes `from` (0) to `to` (9).
    ClassRange { #[serde(default = "thousand")] #[cfg_attr(test, ts(as = "Option<usize>", optional))] limit: usize, #[serde(default)] #[cfg_attr(test, ts(as = "Option<u8>", optional))] from: u8, #[serde(default = "nine")] #[cfg_attr(test, ts(as = "Option<u8>", optional))] to: u8 }
    /// A digit transformed, for a model to reconstruct.
    Transforming { model: String, pixels: Images, transform: Transform }
    /// A digit and one kind of transformation, at every amount.
    TransformKind { model: String, pixels: Images, kind: Kind }
    /// A model's training augmentation from now on (`null`: none).
    Augmenting { model: String, ranges: Option<Augmentation> }
    /// Pixels to reconstruct; with `dropout` > 0 (0 when left out) corrupted by the mask drawn
    /// from `seed` (0).
    Reconstruct { model: String, pixels: Images, #[serde(default)] #[cfg_attr(test, ts(as = "Option<f32>", optional))] dropout: f32, #[serde(default)] #[cfg_attr(test, ts(as = "Option<u32>", optional))] seed: u32 }
    /// Pixels to corrupt by dropout with probability `dropout`, the mask drawn from `seed`.
    Corrupt { pixels: Images, dropout: f32, seed: u32 }
    /// The denoising lab's input: a `width × height` drawing in [0, 1], the pixels hidden by
    /// hand (784 values, 1 = hidden), the dropout probability, the Gaussian noise's deviation,
    /// the seed of both, and the classical inpaintings' radius (3 when left out).
    Denoise {
        drawing: Images, width: usize, height: usize, hidden: Mask, dropout: f32, sigma: f32, seed: u32,
        #[serde(default = "three")] #[cfg_attr(test, ts(as = "Option<f32>", optional))] radius: f32,
    }
    /// Two digits (784 values each in [0, 1]) and the frames between them.
    Interpolate { model: String, a: Images, b: Images, frames: usize }
    /// An energy descent's start: what it moves, the damaged image in [0, 1], the hidden
    /// pixels (784 values, 1 = hidden) and the dropout probability the energy assumes.
    EnergyStart { model: String, unknown: Unknown, shown: Images, hidden: Mask, dropout: f32 }
    /// Iterations of the energy descent.
    Iterations { iterations: usize }
    /// Codes to round to `bits` bits each.
    Quantise { codes: Images, bits: u32 }
}

fn forty() -> usize {
    40
}

fn nine() -> u8 {
    9
}

fn three() -> f32 {
    3.0
}
