//! Native training speed: median milliseconds per step (batch 256) of every model of the table,
//! with the loss read back after every step and after every 10 (as the page's training reads
//! it, once per chunk of steps): on a GPU a read waits for the queue to drain, so reading every
//! step stalls every step.
//!
//! On the CPU backend (burn-ndarray) each model is timed twice: with the hand-written step the
//! page takes there (`dense.rs`) and with Burn's autodiff step; then the manifold lab's toys.
//!
//! `cargo run --release --bin bench -- [--backend cpu|flex|wgpu] [--steps 20] [--burn-only] [--hand-only] [--latent 30 | --toys-only]`
//! (`--features gpu` for wgpu; `--burn-only`, `--hand-only`, `--latent d`: one step, one model, for
//! profiling them with `perf record`).

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::dense;
use autoencoder_playground::manifold::{Curve, Plane, PlaneSetup};
use autoencoder_playground::unrolling::{Helix, HelixSetup};
use autoencoder_playground::training::{Trainer, TrainingConfig};
use autoencoder_playground::MODELS;
use std::time::Instant;

const USAGE: &str = "bench [--backend cpu|flex|wgpu] [--steps 20] [--burn-only] [--hand-only] [--latent 30 | --toys-only]";

fn main() {
    let args = Args::parse(USAGE);
    let backend = args.backend();
    let steps: usize = args.get("steps", 20);
    let device = backend.device_blocking().unwrap_or_else(|e| fail(e));
    let digits = files::test_set().unwrap_or_else(|e| fail(e));
    let images = digits.to_tensor(&device.clone().autodiff());
    let hand = dense::hand_device(&device);
    let burn_only = args.flag("burn-only");
    let hand_only = args.flag("hand-only");
    let latent: usize = args.get("latent", 0);
    let toys_only = args.flag("toys-only");
    for (stream, spec) in MODELS.iter().enumerate().filter(|(_, s)| !toys_only && (latent == 0 || s.latent == latent)) {
        for by_hand in [true, false] {
            if (by_hand && (!hand || burn_only)) || (!by_hand && hand && hand_only) {
                continue;
            }
            let trainer = Trainer::new(spec, stream as u64, TrainingConfig::new(), &device);
            let mut trainer = if by_hand { trainer } else { trainer.with_burn_step() };
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
            let step = if by_hand { "hand-written step" } else { "Burn's step" };
            println!(
                "native {} d={}, {step}: median {each:.2} ms/step with the loss read every step, {tenth:.2} read every 10 steps (batch 256, {steps} steps each)",
                backend.name(),
                spec.latent,
            );
        }
    }
    // The manifold lab's toys: the plane's three 2 → 128 → 2 models on 300 points, the helix's
    // 3 → 128 → 1 → 128 → 3 model, 500 steps each, losses read once at the end.
    let plane = PlaneSetup { curve: Curve::Circle, points: 300, seed: 1, sigma: 0.1, hidden: 128, lambda: 0.003, nearest: false, tied: false };
    let helix = HelixSetup { points: 300, seed: 1, hidden: 128, turns: 1.0 };
    for by_hand in [true, false] {
        if latent != 0 || (by_hand && (!hand || burn_only)) || (!by_hand && hand && hand_only) {
            continue;
        }
        let timed = |mut step: Box<dyn FnMut() -> burn::prelude::Tensor<1>>| {
            let t = Instant::now();
            let losses: Vec<_> = (0..500).map(|_| step()).collect();
            burn::prelude::Tensor::cat(losses, 0).into_data();
            t.elapsed().as_secs_f64() * 1e3 / 500.0
        };
        let p = Plane::new(plane, &device).unwrap_or_else(|e| fail(e));
        let mut p = if by_hand { p } else { p.with_burn_step() };
        let h = Helix::new(helix, &device).unwrap_or_else(|e| fail(e));
        let mut h = if by_hand { h } else { h.with_burn_step() };
        let (plane_ms, helix_ms) = (timed(Box::new(move || p.step())), timed(Box::new(move || h.step())));
        let step = if by_hand { "hand-written step" } else { "Burn's step" };
        println!("native {}, {step}: the plane's three 2 → 128 → 2 models {plane_ms:.3} ms a step, the helix {helix_ms:.3} ms a step (500 steps)", backend.name());
    }
}
