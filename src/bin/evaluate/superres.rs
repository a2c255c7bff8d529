//! `evaluate --superres`: super-resolution on the 10k test digits (lecture figure 9).

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::superres::{BATCH, SuperResSetup};
use autoencoder_playground::{Backend, block_on};
use std::time::Instant;

pub fn section(args: &Args, backend: Backend) {
    let epochs: usize = args.get("epochs", 5);
    let hidden: usize = args.get("hidden", 500);
    let train = files::full_training_set().unwrap_or_else(|e| fail(e));
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    lab.set_training_digits(train).unwrap_or_else(|e| fail(e));
    lab.set_test_digits(test.clone()).unwrap_or_else(|e| fail(e));
    println!("Super-resolution: networks side² → {hidden} → 784 (tanh), Adam 1e-3, batches of {BATCH}, {epochs} epochs of the training digits they keep; PSNR over the 10,000 test digits (or those of the classes named).");
    println!();
    println!("| low resolution | trained on | tested on | network | nearest | bilinear | bicubic | network − bicubic | s |");
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|");
    for (factor, up_to) in [(4usize, 9u8), (2, 9), (4, 4)] {
        let n = lab.superres_setup(SuperResSetup { factor, hidden, up_to, seed: 1 }).unwrap_or_else(|e| fail(e));
        let started = Instant::now();
        for _ in 0..epochs {
            block_on(lab.superres_train(n / BATCH)).unwrap_or_else(|e| fail(e));
        }
        let seconds = started.elapsed().as_secs_f64();
        let side = 28 / factor;
        let trained = if up_to == 9 { "0–9".to_string() } else { format!("0–{up_to}") };
        let ranges: Vec<(u8, u8)> = if up_to == 9 { vec![(0, 9)] } else { vec![(0, up_to), (up_to + 1, 9)] };
        for (from, to) in ranges {
            let s = block_on(lab.superres_scores(usize::MAX, from, to)).unwrap_or_else(|e| fail(e));
            println!(
                "| {side}×{side} | {trained} ({n}) | {from}–{to} ({}) | {:.2} | {:.2} | {:.2} | {:.2} | {:+.2} | {seconds:.0} |",
                s.digits, s.network, s.nearest, s.bilinear, s.bicubic, s.network - s.bicubic
            );
        }
    }
}
