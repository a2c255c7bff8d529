//! Native training speed: median milliseconds per step (batch 256) of every model of the table,
//! with the loss read back after every step and after every 10 (as the page's training reads
//! it, once per chunk of steps): on a GPU a read waits for the queue to drain, so reading every
//! step stalls every step.
//!
//! `cargo run --release --bin bench -- [--backend cpu|flex|wgpu] [--steps 20]`
//! (`--features gpu` for wgpu).

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::training::{Trainer, TrainingConfig};
use autoencoder_playground::MODELS;
use std::time::Instant;

const USAGE: &str = "bench [--backend cpu|flex|wgpu] [--steps 20]";

fn main() {
    let args = Args::parse(USAGE);
    let backend = args.backend();
    let steps: usize = args.get("steps", 20);
    let device = backend.device_blocking().unwrap_or_else(|e| fail(e));
    let digits = files::test_set().unwrap_or_else(|e| fail(e));
    let images = digits.to_tensor(&device.clone().autodiff());
    for (stream, spec) in MODELS.iter().enumerate() {
        let mut trainer = Trainer::new(spec, stream as u64, TrainingConfig::new(), &device);
        // Warm-up (kernel compilation on the GPU, allocations on the CPU).
        for _ in 0..3 {
            trainer.step(&images).into_scalar::<f32>();
        }
        let mut median = |every: usize| {
            let mut ms: Vec<f64> = (0..steps.div_ceil(every))
                .map(|_| {
                    let t = Instant::now();
                    let losses: Vec<_> = (0..every).map(|_| trainer.step(&images)).collect();
                    burn::prelude::Tensor::cat(losses, 0).into_data();
                    t.elapsed().as_secs_f64() * 1e3 / every as f64
                })
                .collect();
            ms.sort_by(f64::total_cmp);
            ms[ms.len() / 2]
        };
        let (each, tenth) = (median(1), median(10));
        println!(
            "native {} d={}: median {each:.2} ms/step with the loss read every step, {tenth:.2} read every 10 steps (batch 256, {steps} steps each)",
            backend.name(),
            spec.latent,
        );
    }
}
