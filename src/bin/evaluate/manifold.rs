//! `evaluate --manifold`: the manifold lab's figures for fixed seeds (lecture figures 15–19).

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::manifold::{Curve, PlaneSetup, Way};
use autoencoder_playground::unrolling::HelixSetup;
use autoencoder_playground::{Backend, block_on};
use std::time::Instant;

/// The lab's default plane (`www/state.js`'s defaults).
fn base(seed: u64) -> PlaneSetup {
    PlaneSetup { curve: Curve::Branches, points: 300, seed, sigma: 0.1, hidden: 128, lambda: 0.003, nearest: false, tied: false }
}

pub fn section(args: &Args, backend: Backend) {
    let steps: usize = args.get("steps", 2000);
    let seed: u64 = args.get("seed", 1);
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    if args.flag("sweep") {
        figure_18_sweep(&mut lab, steps, seed);
        return;
    }
    let base = base(seed);
    println!("The manifold lab: 300 points, σ = {}, h = {}, λ = {}, {steps} full-batch steps of Adam (lr {}), seed {seed}, backend {}.", base.sigma, base.hidden, base.lambda, autoencoder_playground::manifold::LEARNING_RATE, backend.name());
    println!("Travel ‖f(x) − x‖: of the points on the curve, of points at distance σ from it, of grid points farther than 3σ, of the points in the gap between branches.");
    println!("Alignment: mean |cos| between the Jacobian's most stretched direction and the curve's tangent; ratio: its smaller singular value over its larger (0: squashed onto the tangent).");
    println!();
    println!("| curve | weights | model | travel on | at σ | far | gap | on / at σ | alignment | ratio | s |");
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    let variants = Curve::ALL.iter().flat_map(|&curve| [(curve, false, false), (curve, true, false)]).chain([(Curve::Branches, false, true), (Curve::Circle, false, true)]);
    for (curve, tied, nearest) in variants {
        {
            lab.plane_setup(PlaneSetup { curve, tied, nearest, ..base }).unwrap_or_else(|e| fail(e));
            let started = Instant::now();
            block_on(lab.plane_train(steps)).unwrap_or_else(|e| fail(e));
            let seconds = started.elapsed().as_secs_f64();
            let view = block_on(lab.plane_view(Way::Denoising, 32)).unwrap_or_else(|e| fail(e));
            for (way, n) in Way::ALL.iter().map(|&w| (w, view.all.get(w))) {
                println!(
                    "| {curve:?} | {} | {way:?} | {:.3} | {:.3} | {:.3} | {} | {:.2} | {:.3} | {:.3} | {seconds:.1} |",
                    match (tied, nearest) {
                        (true, _) => "tied",
                        (false, true) => "separate, denoising towards the nearest point",
                        _ => "separate",
                    },
                    n.travel_on,
                    n.travel_sigma,
                    n.travel_far,
                    n.travel_gap.map_or("—".into(), |g| format!("{g:.3}")),
                    n.travel_on / n.travel_sigma.max(1e-9),
                    n.alignment,
                    n.ratio,
                );
            }
        }
    }
    println!();
    println!("The helix of figure 19 (300 points, 3 → 64 → 1 → 64 → 3, {steps} steps): Spearman's ρ between the code and the position along the curve; mean distance to the helix of the reconstructions, of codes halfway between training codes decoded, of codes beyond them decoded.");
    println!();
    println!("| turns | points | ρ | off: training | between | beyond |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for (turns, points) in [(1.0f32, 300usize), (1.0, 12), (1.5, 300)] {
        lab.helix_setup(HelixSetup { points, seed, hidden: 64, turns }).unwrap_or_else(|e| fail(e));
        block_on(lab.helix_train(steps)).unwrap_or_else(|e| fail(e));
        let v = block_on(lab.helix_view()).unwrap_or_else(|e| fail(e));
        println!("| {turns} | {points} | {:.3} | {:.3} | {:.3} | {:.3} |", v.rho, v.off_training, v.off_between, v.off_beyond);
    }
}

/// `evaluate --manifold --sweep`: where does the contractive model squash across the curve, as
/// figure 18 draws it? For each curve, weights tied or not, hidden size and λ, the contractive
/// model's tangent alignment and singular ratio (≤ 0.3 with alignment ≥ 0.9: squashed onto the
/// tangent), beside the plain model's on the same plane.
fn figure_18_sweep(lab: &mut Lab, steps: usize, seed: u64) {
    println!("Figure 18 sweep: the contractive model on the manifold lab's plane (300 points, {steps} full-batch steps, seed {seed}); ratio: the Jacobian's smaller singular value over its larger, on the curve (0: squashed onto the tangent); alignment: |cos| of its most stretched direction with the tangent.");
    println!();
    println!("| curve | weights | h | λ | contractive: alignment | ratio | travel on | plain: ratio | squashes | s |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|---|---:|");
    for curve in [Curve::Branches, Curve::Circle] {
        for tied in [false, true] {
            for hidden in [16usize, 128] {
                for lambda in [0.0001f32, 0.0003, 0.001, 0.003, 0.03, 0.3] {
                    lab.plane_setup(PlaneSetup { curve, tied, hidden, lambda, ..base(seed) }).unwrap_or_else(|e| fail(e));
                    let started = Instant::now();
                    block_on(lab.plane_train(steps)).unwrap_or_else(|e| fail(e));
                    let seconds = started.elapsed().as_secs_f64();
                    let view = block_on(lab.plane_view(Way::Contractive, 32)).unwrap_or_else(|e| fail(e));
                    let (c, plain) = (view.all.get(Way::Contractive), view.all.get(Way::Plain));
                    let squashes = c.ratio <= 0.3 && c.alignment >= 0.9;
                    println!(
                        "| {curve:?} | {} | {hidden} | {lambda} | {:.3} | {:.3} | {:.3} | {:.3} | {} | {seconds:.1} |",
                        if tied { "tied" } else { "separate" },
                        c.alignment,
                        c.ratio,
                        c.travel_on,
                        plain.ratio,
                        if squashes { "yes" } else { "no" },
                    );
                }
            }
        }
    }
}
