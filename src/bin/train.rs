//! Trains the models of the table (`spec.rs`: the standard d = 30 and denoising d = 500
//! autoencoders) on the 60k MNIST training digits with the notebook's recipe and writes the
//! weights the page ships.
//!
//! `cargo run --release --bin train -- [--epochs 20] [--seed 1] [--model all] [--backend cpu]
//!  [--out www/models] [--train-limit N]`

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::weights::model_to_weights;
use autoencoder_playground::training::TrainingConfig;
use autoencoder_playground::{Lab, block_on};
use std::time::Instant;

const USAGE: &str = "train [--epochs 20] [--seed 1] [--model NAME|all] \
[--backend cpu|flex|wgpu] [--out www/models] [--train-limit N]";

fn main() {
    let args = Args::parse(USAGE);
    let epochs: usize = args.get("epochs", 20);
    let seed: u64 = args.get("seed", 1);
    let out = files::repo_root().join(args.value("out").unwrap_or("www/models"));
    let backend = args.backend();
    let train = files::full_training_set().unwrap_or_else(|e| fail(e));
    let train = train.take(args.get("train-limit", train.len()));
    let test = files::test_set().unwrap_or_else(|e| fail(e));

    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    let n = lab.set_training_digits(train).unwrap_or_else(|e| fail(e));
    lab.set_test_digits(test).unwrap_or_else(|e| fail(e));
    std::fs::create_dir_all(&out).unwrap_or_else(|e| fail(e));
    println!("training on {n} digits, backend {}, {epochs} epochs, seed {seed}", backend.name());

    for spec in args.models() {
        let name = spec.name.as_ref();
        lab.reset(name, seed).unwrap_or_else(|e| fail(e));
        let started = Instant::now();
        for epoch in 1..=epochs {
            // One epoch: every full batch once (the trainer reshuffles after the last one).
            let steps = (n / TrainingConfig::new().batch_size.min(n)).max(1);
            let report = block_on(lab.train(name, steps)).unwrap_or_else(|e| fail(e));
            let mean = report.losses.iter().map(|&l| l as f64).sum::<f64>() / report.losses.len() as f64;
            let test = block_on(lab.evaluate(name, usize::MAX)).unwrap_or_else(|e| fail(e)).mse;
            println!(
                "{:>9} epoch {epoch:>2}/{epochs}: train loss {mean:.5}  test MSE {test:.5}  ({:.0} s)",
                name,
                started.elapsed().as_secs_f64()
            );
        }
        let bytes = block_on(model_to_weights(&lab.model(name).unwrap_or_else(|e| fail(e)))).unwrap_or_else(|e| fail(e));
        let path = out.join(format!("{name}.bpk"));
        std::fs::write(&path, bytes).unwrap_or_else(|e| fail(e));
        println!("wrote {}", path.display());
    }
}
