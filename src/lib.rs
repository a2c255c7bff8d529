//! Autoencoder Playground: the standard, denoising and contractive autoencoders of the NYU
//! Deep Learning lecture (week 7), trained with Burn on MNIST, natively or in the browser.
//!
//! Each concept of the lecture has its own module; `web` is the thin face the page calls.

pub mod anomaly;
pub mod backend;
#[cfg(not(target_family = "wasm"))]
pub mod cli;
pub mod corrupt;
pub mod data;
pub mod drawing;
pub mod energy;
pub mod evaluation;
pub mod inpaint;
pub mod interpolate;
pub mod lab;
pub mod latent;
pub mod model;
pub mod rng;
pub mod training;
pub mod web;

pub use backend::Backend;
pub use data::Digits;
pub use lab::Lab;
pub use model::{Autoencoder, AutoencoderConfig, ModelKind};

/// Runs a future to completion on the current thread (native only). The CPU backends resolve
/// their reads at once; native wgpu drives its own queue.
#[cfg(not(target_family = "wasm"))]
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}
