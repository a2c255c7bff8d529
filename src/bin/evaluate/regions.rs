//! `evaluate --vae`: the regions lab natively, through the page's own operations (the face,
//! `src/regions/face.rs`). The variational autoencoder of the course's next notebook
//! (`11-VAE.ipynb`: 784 → 400 → 2·20 → 400 → 784, BCE summed over the pixels + KL, Adam 10⁻³,
//! batches of 256, 10 epochs) trained on the 60,000 training digits beside the plain
//! autoencoder of the same network, with its test loss per epoch as the notebook prints it (the
//! sum over the 10,000 test digits divided by 10,000, decoding μ); the notebook's own figures
//! are `tests/fixtures/vae-reference.json` (`pkg-scripts/make-vae-reference` runs the notebook's
//! code in PyTorch). Then with d = 2 (the lab's picture): how digit-like the samples of each
//! network are, and the holes of the shipped standard model.

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::lab::ToyLoss;
use autoencoder_playground::regions::RegionsSetup;
use autoencoder_playground::regions::face::{HolesOf, RegionsLook, SampleCount};
use autoencoder_playground::web::{File, ModelFile, Playground, Split, ToySteps};
use autoencoder_playground::{Backend, block_on};
use std::time::Instant;

fn open(backend: Backend) -> (Playground, usize) {
    let mut pg = block_on(Playground::open(backend.name().into())).unwrap_or_else(|e| fail(e));
    let train = files::full_training_set().unwrap_or_else(|e| fail(e));
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let n = pg.load_digits(Split { split: "train".into(), bytes: train.to_bytes().into() }).unwrap_or_else(|e| fail(e));
    pg.load_digits(Split { split: "test".into(), bytes: test.to_bytes().into() }).unwrap_or_else(|e| fail(e));
    let models = files::repo_root().join("www/models");
    let classifier = files::read_bytes(&models.join("classifier.q8.gz")).unwrap_or_else(|e| fail(e));
    pg.regions_classifier(File { bytes: classifier.into() }).unwrap_or_else(|e| fail(e));
    let standard = std::fs::read(models.join("standard.bpk")).unwrap_or_else(|e| fail(e));
    pg.load_weights(ModelFile { model: "standard".into(), bytes: standard.into() }).unwrap_or_else(|e| fail(e));
    (pg, n)
}

fn reference() -> Option<serde_json::Value> {
    let path = files::repo_root().join("tests/fixtures/vae-reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
}

pub fn section(args: &Args, backend: Backend) {
    let epochs: usize = args.get("epochs", 10);
    let latent: usize = args.get("latent", 20);
    let (mut pg, n) = open(backend);
    let per_epoch = n / 256;
    let reference = reference();
    let notebook = |epoch: usize, key: &str| -> String {
        reference
            .as_ref()
            .and_then(|r| r["epochs"].get(epoch - 1)?[key].as_f64())
            .map_or("–".into(), |v| format!("{v:.2}"))
    };
    for d in [latent, 2] {
        pg.regions_setup(RegionsSetup { latent: d, beta: 1.0, seed: 1 }).unwrap_or_else(|e| fail(e));
        println!("Variational autoencoder 784 → 400 → 2·{d} → 400 → 784 (β = 1) and the plain autoencoder of the same network, {epochs} epochs of {n} digits, batches of 256, Adam 1e-3, backend {}.", backend.name());
        println!("Per digit, nats. Train: the mean over the epoch's steps (the VAE's reconstruction of its sampled code); test: over the 10,000 test digits, decoding μ.");
        if d == latent {
            println!("The notebook's (11-VAE.ipynb, d = 20, run in PyTorch by pkg-scripts/make-vae-reference): its printed average loss, train and test.");
        }
        println!();
        println!("| epoch | train BCE | train KL | train BCE + KL | test BCE | test KL | test BCE + KL | notebook train | notebook test | plain AE test BCE | s |");
        println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        let started = Instant::now();
        for epoch in 1..=epochs {
            let (mut rec, mut kl) = (0.0f64, 0.0f64);
            // One step a call: a call reports its last step's losses.
            for _ in 0..per_epoch {
                let report = block_on(pg.train_toy(ToySteps { toy: "regions".into(), steps: 1 })).unwrap_or_else(|e| fail(e));
                let of = |m: &str| report.losses.iter().find(|l: &&ToyLoss| l.model == m).map_or(f32::NAN, |l| l.loss) as f64;
                rec += of("vae");
                kl += of("kl");
            }
            let (rec, kl) = (rec / per_epoch as f64, kl / per_epoch as f64);
            let view = block_on(pg.regions_view(RegionsLook { count: 10_000 })).unwrap_or_else(|e| fail(e));
            let (nb_train, nb_test) = if d == latent && d == 20 { (notebook(epoch, "train"), notebook(epoch, "test")) } else { ("–".into(), "–".into()) };
            println!(
                "| {epoch} | {rec:.2} | {kl:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {nb_train} | {nb_test} | {:.2} | {:.0} |",
                rec + kl,
                view.reconstruction,
                view.kl,
                view.reconstruction + view.kl,
                view.plain_reconstruction,
                started.elapsed().as_secs_f64()
            );
        }
        println!();
        let samples = block_on(pg.regions_samples(SampleCount { count: 100, seed: 1 })).unwrap_or_else(|e| fail(e));
        println!(
            "Digit-likeness (the classifier's mean confidence, 0.1 to 1) of 100 samples, d = {d}: the VAE's codes from its prior N(0, I): {:.3}; the plain autoencoder's codes from a Gaussian fit of its codes of 2,000 training digits: {:.3}.",
            samples.vae.likeness.mean, samples.plain.likeness.mean
        );
        println!();
    }
    // d = 2 now: the holes of the shipped standard model.
    let holes = block_on(pg.regions_holes(HolesOf { model: "standard".into(), count: 64, seed: 1 })).unwrap_or_else(|e| fail(e));
    let mean = |v: &[f32]| v.iter().sum::<f32>() / v.len().max(1) as f32;
    println!(
        "The shipped standard model (d = {}, {} Gaussian fit), 64 images each: digit-likeness of test digits {:.3}, of codes drawn from the fit {:.3}, of codes halfway between two training codes {:.3}; the anomaly score's mean percentile among the test digits: {:.2}, {:.2}, {:.2}.",
        holes.latent,
        holes.fit,
        holes.real_likeness.mean,
        holes.random.likeness.mean,
        holes.between.likeness.mean,
        mean(&holes.real_anomaly),
        mean(&holes.random_anomaly),
        mean(&holes.between_anomaly),
    );
}
