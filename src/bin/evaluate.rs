//! Scores the shipped weights on the 10k MNIST test digits.
//!
//! `cargo run --release --bin evaluate -- [--weights www/models] [--backend cpu] [--limit N]`

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::corrupt::{Damage, DropoutNoise};
use autoencoder_playground::data::files;
use autoencoder_playground::evaluation::{Input, RESTORATIONS, Scores, compare_restorations, psnr, reconstruction_error};
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

    let mut models = Vec::new();
    println!("MNIST test set: {} digits; dropout mask p = 0.5, seed {EVALUATION_SEED}", test.len());
    println!();
    println!("| model | latent | input | MSE [-1,1] | MSE [0,1] | PSNR (dB) |");
    println!("|---|---:|---|---:|---:|---:|");
    for kind in ModelKind::ALL {
        let path = dir.join(format!("{}.bpk", kind.name()));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let model = weights_to_model(kind, &bytes, &device).unwrap_or_else(|e| fail(e));
        models.push(model.clone());
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

    // The denoising lab's comparison: every restoration against the clean digit.
    for (title, damage) in [("dropout mask, p = 0.5", Damage::Dropout(0.5)), ("10×10 grey block at a random position", Damage::Block(10))] {
        let mse = compare_restorations(&models[0], &models[1], &test, damage, EVALUATION_SEED, 3.0);
        println!();
        println!("Restoring digits damaged by a {title} (inpainting radius 3):");
        println!();
        println!("| restoration | MSE [0,1] | PSNR (dB) |");
        println!("|---|---:|---:|");
        for (name, m) in RESTORATIONS.iter().zip(mse) {
            println!("| {name} | {m:.4} | {:.2} |", psnr(m));
        }
    }
}
