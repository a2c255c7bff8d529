//! Autoencoder Playground: the standard and denoising autoencoders of the NYU Deep Learning
//! lecture (week 7), trained with Burn on MNIST, natively or in the browser.
//!
//! Each concept of the lecture has its own module; `lab` is the session that orchestrates them,
//! `web` the thin face the page's worker calls. `ARCHITECTURE.md` draws the map.

pub mod anomaly;
pub mod backend;
pub mod checkpoint;
#[cfg(not(target_family = "wasm"))]
pub mod cli;
#[cfg(test)]
mod contract;
pub mod contractive;
pub mod corrupt;
pub mod data;
pub mod dense;
pub mod drawing;
pub mod energy;
pub mod evaluation;
pub mod format;
pub mod inpaint;
pub mod interpolate;
pub mod ipynb;
pub mod kernels;
pub mod lab;
pub mod latent;
pub mod loss;
pub mod manifold;
pub mod model;
pub mod notebook;
pub mod parts;
pub mod pca;
pub mod record;
pub mod restoration;
pub mod rng;
pub mod runtime;
pub mod spec;
pub mod superres;
pub mod training;
pub mod transform;
pub mod unrolling;
pub mod web;
pub mod weights;

/// The labs that are a folder of their own, `src/<lab>/`: the concept (`mod.rs`, no session or
/// face), its operations of the face (`face.rs`: an `impl Playground` and its `operations!`
/// list, the networks it trains through the worker's one training loop, `TOYS`, and `train`)
/// and its state in the session (`Lab::own`). A new lab is its folder and its name here.
macro_rules! labs {
    ($($lab:ident),* $(,)?) => {
        $(pub mod $lab;)*

        /// The names the page trains the lab folders' networks by (`train_toy`).
        pub fn lab_toys() -> Vec<&'static str> {
            let all: &[&[&'static str]] = &[$($lab::face::TOYS),*];
            all.concat()
        }

        /// Takes `steps` steps of the lab folders' network the page names `toy`; `None` when no
        /// lab folder trains one of that name.
        pub(crate) async fn train_lab_toy(lab: &mut Lab, toy: &str, steps: usize) -> Option<Result<lab::ToyReport, String>> {
            $(if let Some(report) = $lab::face::train(lab, toy, steps).await {
                return Some(report);
            })*
            let _ = (lab, steps);
            None
        }

        /// The operations of every lab folder's face, for the page's declarations.
        #[cfg(test)]
        pub(crate) fn lab_operations(all: &mut contract::Declarations) -> Vec<contract::Operation> {
            #[allow(unused_mut)]
            let mut operations = Vec::new();
            $(operations.extend($lab::face::operations(all));)*
            let _ = all;
            operations
        }
    };
}

labs! { regions }

pub use backend::Backend;
pub use data::Digits;
pub use lab::Lab;
pub use model::{Autoencoder, AutoencoderConfig};
#[cfg(not(target_family = "wasm"))]
pub use runtime::block_on;
pub use spec::{MODELS, ModelSpec};
