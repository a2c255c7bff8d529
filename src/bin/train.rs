//! Trains the models of the table (`spec.rs`: the standard d = 30 and denoising d = 500
//! autoencoders) on the 60k MNIST training digits with the notebook's recipe and writes the
//! weights the page ships.
//!
//! `cargo run --release --bin train -- [--epochs 20] [--seed 1] [--model all] [--backend cpu]
//!  [--out www/models] [--train-limit N]`
//!
//! Each model is written twice: `<name>.bpk` (burnpack, f32: what the native programs and the
//! tests read) and `<name>.q8.gz` (8-bit, gzipped: what the page fetches, see
//! `weights::model_to_8bit`). `--eight-bit` only writes the 8-bit files from the `.bpk` files
//! already in `--out`, without training. `--classifier` trains the regions lab's digit
//! classifier instead (`regions::classifier`, 5 epochs unless `--epochs`) and writes
//! `<out>/classifier.q8.gz`, printing its accuracy on the 10,000 test digits.

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::weights::{model_to_8bit, model_to_weights, weights_to_model};
use autoencoder_playground::{Autoencoder, MODELS};
use autoencoder_playground::training::TrainingConfig;
use autoencoder_playground::{Lab, block_on};
use std::time::Instant;

const USAGE: &str = "train [--epochs 20] [--seed 1] [--model NAME|all] \
[--backend cpu|flex|wgpu] [--out www/models] [--train-limit N] [--eight-bit] [--classifier]";

fn main() {
    let args = Args::parse(USAGE);
    let epochs: usize = args.get("epochs", 20);
    let seed: u64 = args.get("seed", 1);
    let out = files::repo_root().join(args.value("out").unwrap_or("www/models"));
    let backend = args.backend();
    if args.flag("classifier") {
        return classifier(args.get("epochs", 5), seed, backend, &out);
    }
    if args.flag("eight-bit") {
        let device = backend.device_blocking().unwrap_or_else(|e| fail(e));
        for spec in MODELS.iter().filter(|s| s.shipped) {
            let path = out.join(format!("{}.bpk", spec.name));
            let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
            write_eight_bit(&weights_to_model(spec, &bytes, &device).unwrap_or_else(|e| fail(e)), &out, spec.name.as_ref());
        }
        return;
    }
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
        write_eight_bit(&lab.model(name).unwrap_or_else(|e| fail(e)), &out, name);
    }
}

/// Writes `<out>/<name>.q8.gz`, the 8-bit weights the page fetches.
fn write_eight_bit(model: &Autoencoder, out: &std::path::Path, name: &str) {
    use std::io::Write;
    let bytes = block_on(model_to_8bit(model)).unwrap_or_else(|e| fail(e));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).and_then(|_| gz.flush()).unwrap_or_else(|e| fail(e));
    let packed = gz.finish().unwrap_or_else(|e| fail(e));
    let path = out.join(format!("{name}.q8.gz"));
    std::fs::write(&path, &packed).unwrap_or_else(|e| fail(e));
    println!("wrote {} ({} bytes, {} before gzip)", path.display(), packed.len(), bytes.len());
}

/// Trains the regions lab's digit classifier on the 60,000 training digits and writes
/// `<out>/classifier.q8.gz`; prints the 8-bit copy's test accuracy.
fn classifier(epochs: usize, seed: u64, backend: autoencoder_playground::Backend, out: &std::path::Path) {
    use autoencoder_playground::regions::classifier::{confidences, from_8bit, to_8bit, train};
    use burn::prelude::*;
    use std::io::Write;
    let device = backend.device_blocking().unwrap_or_else(|e| fail(e));
    let digits = files::full_training_set().unwrap_or_else(|e| fail(e));
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let started = Instant::now();
    let model = train(&digits, epochs, seed, &device, |epoch, loss| {
        println!("classifier epoch {epoch}/{epochs}: train loss {loss:.4} ({:.0} s)", started.elapsed().as_secs_f64())
    });
    let bytes = block_on(to_8bit(&model)).unwrap_or_else(|e| fail(e));
    let back = from_8bit(&bytes, &device).unwrap_or_else(|e| fail(e));
    let x = Tensor::<2>::from_data(TensorData::new(test.unit(), [test.len(), 784]), &device);
    let p = block_on(backend.read(back.probabilities(x))).unwrap_or_else(|e| fail(e));
    let (confidence, class) = confidences(&p);
    let right = class.iter().zip(&test.labels).filter(|(a, b)| a == b).count();
    let mean = confidence.iter().sum::<f32>() / confidence.len() as f32;
    println!("test accuracy (8-bit weights): {:.2} % ({right}/{}), mean confidence {mean:.3}", 100.0 * right as f64 / test.len() as f64, test.len());
    std::fs::create_dir_all(out).unwrap_or_else(|e| fail(e));
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes).unwrap_or_else(|e| fail(e));
    let path = out.join("classifier.q8.gz");
    std::fs::write(&path, gz.finish().unwrap_or_else(|e| fail(e))).unwrap_or_else(|e| fail(e));
    println!("wrote {}", path.display());
}
