//! Scores the shipped weights on the 10k MNIST test digits.
//!
//! `cargo run --release --bin evaluate -- [--weights www/models] [--backend cpu] [--limit N]`

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::corrupt::DropoutNoise;
use autoencoder_playground::data::files;
use autoencoder_playground::evaluation::{Input, Scores, reconstruction_error};
use autoencoder_playground::lab::{EVALUATION_SEED, weights_to_model};
use autoencoder_playground::ModelKind;

const USAGE: &str = "evaluate [--weights www/models] [--backend cpu|flex|wgpu] [--limit N]";

fn main() {
    let args = Args::parse(USAGE);
    let dir = files::repo_root().join(args.value("weights").unwrap_or("www/models"));
    let device = args.backend().device_blocking().unwrap_or_else(|e| fail(e));
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let test = test.take(args.get("limit", test.len()));
    let images = test.to_tensor(&device);

    println!("MNIST test set: {} digits; dropout mask p = 0.5, seed {EVALUATION_SEED}", test.len());
    println!();
    println!("| model | latent | input | MSE [-1,1] | MSE [0,1] | PSNR (dB) |");
    println!("|---|---:|---|---:|---:|---:|");
    for kind in ModelKind::ALL {
        let path = dir.join(format!("{}.bpk", kind.name()));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let model = weights_to_model(kind, &bytes, &device).unwrap_or_else(|e| fail(e));
        for (label, input) in [
            ("clean", Input::Clean),
            ("dropout", Input::Dropout(DropoutNoise::default(), EVALUATION_SEED)),
        ] {
            let mse = reconstruction_error(&model, &images, input, 1000).into_scalar::<f32>() as f64;
            let s = Scores::from_mse(mse);
            println!(
                "| {} | {} | {label} | {:.4} | {:.4} | {:.2} |",
                kind.name(),
                model.latent(),
                s.mse,
                s.mse_unit(),
                s.psnr()
            );
        }
    }
}
