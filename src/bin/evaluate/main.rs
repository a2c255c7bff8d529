//! Scores the shipped weights (every model of the table that ships trained) on the 10k MNIST
//! test digits.
//!
//! `cargo run --release --bin evaluate -- [--weights www/models] [--backend cpu] [--limit N]
//! [--energy] [--anomaly] [--concepts]`: with no flag every section of the shipped weights;
//! `--energy` only inpainting by energy minimisation, `--anomaly` only the anomaly score.
//! `--concepts [--epochs 5] [--tied-epochs 20]` trains the models of the lecture's theory on the
//! full 60k digits and prints their table (see `concepts.rs`); `--kernels` the spread of the
//! shipped models' kernels on the pixels the page's training digits almost never ink;
//! `--manifold` the manifold lab's toys (see `manifold.rs`); `--superres` super-resolution
//! (see `superres.rs`); `--vae` the regions lab's variational autoencoder (see `regions.rs`); `--transform` transformations and augmentation (see `transform.rs`);
//! `--handwriting` the denoising lab's comparison on font digits, before and after augmentation;
//! `--eight-bit` the shipped weights in f32 (`.bpk`) against the 8-bit copies the page fetches
//! (`.q8.gz`).
//!
//! A student's model: `--weights FILE.safetensors` (the lecture's notebook's model, see
//! `notebook.rs`; any d) scores that file instead of the shipped weights, and `--dataset
//! fashion` scores on the 10,000 Fashion-MNIST test images instead of MNIST's. `--export-notebook
//! FILE [--model standard]` writes a shipped model as a notebook file; `--export-ipynb FILE` as a
//! runnable notebook, and `--ipynb-fixtures DIR` the notebooks `pkg-scripts/make-ipynb-fixtures`
//! runs (see `ipynb.rs`).

mod concepts;
mod handwriting;
mod ipynb;
mod manifold;
mod regions;
mod superres;
mod transform;

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::corrupt::{Damage, DropoutNoise};
use autoencoder_playground::data::files;
use autoencoder_playground::evaluation::{EVALUATION_SEED, Input, Scores, compare_restorations, psnr, reconstruction_error};
use autoencoder_playground::restoration::INPAINT_RADIUS;
use autoencoder_playground::weights::weights_to_model;
use autoencoder_playground::notebook::{model_to_notebook, read_notebook_file};
use autoencoder_playground::anomaly::{EMPTY_INK, Features, PixelStatistics, Reference, UNUSUAL_PERCENTILE, features, roc_auc};
use autoencoder_playground::energy::Unknown;
use autoencoder_playground::evaluation::energy_inpainting;
use autoencoder_playground::rng::Rng;
use autoencoder_playground::{Autoencoder, Backend, Digits, MODELS, ModelSpec, block_on};

const USAGE: &str = "evaluate [--weights www/models] [--backend cpu|flex|wgpu] [--limit N] [--iterations 100] [--energy] [--anomaly] [--concepts [--epochs 5] [--tied-epochs 20] [--seed 1]] [--kernels] [--manifold [--steps 2000] [--sweep]] [--superres [--epochs 5] [--hidden 500]] [--vae [--epochs 10] [--latent 20]] [--transform [--limit 1000] [--epochs 2] [--write]] [--handwriting [--epochs 2] [--step 3] [--limit 2000]] [--eight-bit] [--weights FILE.safetensors] [--dataset mnist|fashion] [--export-notebook FILE [--model standard]] [--export-ipynb FILE [--model standard] [--language en|pt]] [--ipynb-fixtures DIR [--steps 300]] [--page-figures FILE]";

fn main() {
    let args = Args::parse(USAGE);
    // The sections that train their own models, each behind its flag.
    let sections: [(&str, fn(&Args, Backend)); 6] = [
        ("concepts", concepts::section),
        ("manifold", manifold::section),
        ("handwriting", handwriting::section),
        ("transform", transform::section),
        ("superres", superres::section),
        ("vae", regions::section),
    ];
    if let Some((_, section)) = sections.iter().find(|(flag, _)| args.flag(flag)) {
        section(&args, args.backend());
        return;
    }
    if let Some(out) = args.value("export-ipynb") {
        ipynb::export(&args, out);
        return;
    }
    if let Some(file) = args.value("page-figures") {
        ipynb::page_figures(&args, file);
        return;
    }
    if let Some(dir) = args.value("ipynb-fixtures") {
        ipynb::fixtures(&args, dir);
        return;
    }
    if args.flag("kernels") {
        concepts::kernels_section();
        return;
    }
    let weights = args.value("weights").unwrap_or("www/models");
    let dir = files::repo_root().join(weights);
    let device = args.backend().device_blocking().unwrap_or_else(|e| fail(e));
    let (test, set_name) = match args.value("dataset").unwrap_or("mnist") {
        "mnist" => (files::test_set().unwrap_or_else(|e| fail(e)), "MNIST test set"),
        "fashion" => (
            files::read(&files::cache_dir().join("fashion-test.bin")).unwrap_or_else(|e| fail(format!("{e} (write it with: pkg-scripts/fetch-fashion-mnist)"))),
            "Fashion-MNIST test set",
        ),
        other => fail(format!("unknown data set '{other}' (expected mnist or fashion)")),
    };
    let test = test.take(args.get("limit", test.len()));
    let images = test.to_tensor(&device);
    let backend = args.backend();
    // A notebook file: one model, its recipe from the file (or the notebook's, d from its shapes).
    let notebook: Option<(ModelSpec, Autoencoder)> = weights.ends_with(".safetensors").then(|| {
        let path = std::path::Path::new(weights);
        let bytes = std::fs::read(path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let file = read_notebook_file(&bytes).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let spec = file.recipe(path.file_name().and_then(|s| s.to_str())).build(0).unwrap_or_else(|e| fail(e));
        let model = file.load(&spec, &bytes, &device).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        (spec, model)
    });
    let models: Vec<(&ModelSpec, Autoencoder)> = match &notebook {
        Some((spec, model)) => vec![(spec, model.clone())],
        None => MODELS
            .iter()
            .filter(|spec| spec.shipped)
            .map(|spec| {
                let path = dir.join(format!("{}.bpk", spec.name));
                let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
                (spec, weights_to_model(spec, &bytes, &device).unwrap_or_else(|e| fail(e)))
            })
            .collect(),
    };
    if let Some(out) = args.value("export-notebook") {
        let name = args.value("model").unwrap_or("standard");
        let (spec, model) = models.iter().find(|(s, _)| s.name == name).unwrap_or_else(|| fail(format!("no model '{name}' to export")));
        let bytes = block_on(model_to_notebook(model, &spec.recipe())).unwrap_or_else(|e| fail(e));
        std::fs::write(out, &bytes).unwrap_or_else(|e| fail(format!("{out}: {e}")));
        eprintln!("wrote {out} ({} bytes): the {name} model in the notebook's layout", bytes.len());
        return;
    }
    if args.flag("eight-bit") {
        eight_bit_section(&models, &dir, &images, &device);
        return;
    }
    let (energy, anomaly) = (args.flag("energy"), args.flag("anomaly"));
    if energy || anomaly {
        if energy {
            energy_section(&models, backend, &test, args.get("iterations", 100));
        }
        if anomaly {
            anomaly_section(&models, backend, &test);
        }
        return;
    }

    println!("{set_name}: {} images; dropout mask p = 0.5, seed {EVALUATION_SEED}", test.len());
    println!();
    println!("| model | latent | input | MSE [-1,1] | MSE [0,1] | PSNR (dB) |");
    println!("|---|---:|---|---:|---:|---:|");
    for (spec, model) in &models {
        for (label, input) in [
            ("clean", Input::Clean),
            ("dropout", Input::Dropout(DropoutNoise::default(), EVALUATION_SEED)),
        ] {
            let mse = reconstruction_error(model, &images, input, 1000).into_scalar::<f32>() as f64;
            let s = Scores::from_mse(mse);
            println!(
                "| {} | {} | {label} | {:.4} | {:.4} | {:.2} |",
                spec.name,
                model.latent(),
                s.mse,
                s.mse_unit(),
                s.psnr()
            );
        }
    }

    // The denoising lab's comparison: every restoration against the clean digit.
    for (title, damage) in [("dropout mask, p = 0.5", Damage::Dropout(0.5)), ("10×10 grey block at a random position", Damage::Block(10))] {
        let pairs: Vec<(&ModelSpec, &Autoencoder)> = models.iter().map(|(s, m)| (*s, m)).collect();
        let mse = block_on(compare_restorations(&pairs, backend, &test, damage, EVALUATION_SEED, INPAINT_RADIUS)).unwrap_or_else(|e| fail(e));
        println!();
        println!("Restoring digits damaged by a {title} (inpainting radius {INPAINT_RADIUS}):");
        println!();
        println!("| restoration | MSE [0,1] | PSNR (dB) |");
        println!("|---|---:|---:|");
        for (name, m) in mse {
            println!("| {name} | {m:.4} | {:.2} |", psnr(m));
        }
    }
    energy_section(&models, backend, &test, args.get("iterations", 100));
    anomaly_section(&models, backend, &test);
}

/// Inpainting by energy minimisation on the 10×10 block test.
fn energy_section(models: &[(&ModelSpec, Autoencoder)], backend: Backend, test: &Digits, iterations: usize) {
    println!();
    println!("Inpainting by energy minimisation, 10×10 grey block at a random position (the masks above), {iterations} iterations:");
    println!();
    println!("| model | moving | energy start → end | PSNR start (dB) | PSNR end (dB) |");
    println!("|---|---|---:|---:|---:|");
    for (spec, model) in models {
        for unknown in Unknown::ALL {
            let (before, after, curve) =
                block_on(energy_inpainting(spec, model, backend, test, Damage::Block(10), EVALUATION_SEED, unknown, iterations))
                    .unwrap_or_else(|e| fail(e));
            println!(
                "| {} | {} | {:.4} → {:.4} | {:.2} | {:.2} |",
                spec.name,
                unknown.name(),
                curve[0],
                curve[iterations],
                psnr(before),
                psnr(after)
            );
        }
    }
}

/// The anomaly features of every digit of a set.
fn digit_features(model: &Autoencoder, backend: Backend, digits: &Digits, statistics: &PixelStatistics) -> Vec<Features> {
    block_on(features(model, backend, &digits.normalised(), statistics)).unwrap_or_else(|e| fail(e))
}

/// The anomaly score: MNIST test digits against Fashion-MNIST, and the three inputs the plain
/// reconstruction error misses.
fn anomaly_section(models: &[(&ModelSpec, Autoencoder)], backend: Backend, test: &Digits) {
    let train = files::page_training_set().unwrap_or_else(|e| fail(e));
    let fashion_path = files::cache_dir().join("fashion-test.bin");
    let (fashion, fashion_name) = match files::read(&fashion_path) {
        Ok(f) => (f, "the 10,000 Fashion-MNIST test images"),
        Err(_) => {
            eprintln!("{} is missing (run pkg-scripts/fetch-fashion-mnist): using the 100 images shipped with the page", fashion_path.display());
            (files::read(&files::repo_root().join("www/data/fashion-examples.bin.gz")).unwrap_or_else(|e| fail(e)), "the 100 Fashion-MNIST images shipped with the page")
        }
    };
    let statistics = PixelStatistics::of(&train.normalised());
    let inverted = Digits { pixels: test.pixels.iter().map(|p| 255 - p).collect(), labels: test.labels.clone() };
    let mut noise_rng = Rng::new(EVALUATION_SEED);
    let noise = Digits { pixels: (0..1000 * 784).map(|_| (noise_rng.next_f32() * 256.0) as u8).collect(), labels: vec![0; 1000] };
    let uniform = |v: u8| Digits { pixels: vec![v; 784], labels: vec![0] };
    let emptiest = (0..test.len()).map(|i| test.image(i).iter().map(|&p| p as f32 / 255.0).sum::<f32>() / 784.0).fold(1.0f32, f32::min);
    println!();
    println!(
        "Anomaly score: MNIST test digits ({}) against {fashion_name}; scales from {} training digits. Flagged = empty (ink < {:.0}%; the emptiest test digit has {:.1}%) or a score above the {:.0}th percentile of the test digits.",
        test.len(),
        train.len(),
        EMPTY_INK * 100.0,
        emptiest * 100.0,
        UNUSUAL_PERCENTILE * 100.0
    );
    println!();
    println!("| model | ROC AUC: reconstruction error | mean-image term | combined score | flagged: MNIST | Fashion | white | black | inverted digits | uniform noise |");
    println!("|---|---:|---:|---:|---:|---:|---|---|---:|---:|");
    for (spec, model) in models {
        let train_f = digit_features(model, backend, &train, &statistics);
        let test_f = digit_features(model, backend, test, &statistics);
        let reference = Reference::new(statistics.clone(), &train_f, &test_f);
        let fashion_f = digit_features(model, backend, &fashion, &statistics);
        let auc = |f: fn(&Features) -> f32| roc_auc(&fashion_f.iter().map(f).collect::<Vec<_>>(), &test_f.iter().map(f).collect::<Vec<_>>());
        let combined = roc_auc(
            &fashion_f.iter().map(|f| reference.score(f)).collect::<Vec<_>>(),
            &test_f.iter().map(|f| reference.score(f)).collect::<Vec<_>>(),
        );
        let share = |set: &Digits| {
            let f = digit_features(model, backend, set, &statistics);
            f.iter().filter(|f| reference.judge(**f).flagged()).count() as f64 / f.len() as f64
        };
        let yes = |set: &Digits| if share(set) == 1.0 { "flagged" } else { "missed" };
        println!(
            "| {} | {:.4} | {:.4} | {:.4} | {:.1}% | {:.1}% | {} | {} | {:.1}% | {:.1}% |",
            spec.name,
            auc(|f| f.error),
            auc(|f| f.atypicality),
            combined,
            share(test) * 100.0,
            share(&fashion) * 100.0,
            yes(&uniform(255)),
            yes(&uniform(0)),
            share(&inverted) * 100.0,
            share(&noise) * 100.0
        );
    }
}

/// The shipped weights against their 8-bit copies: test MSE and PSNR of both, clean and through
/// the dropout mask.
fn eight_bit_section(models: &[(&ModelSpec, Autoencoder)], dir: &std::path::Path, images: &burn::prelude::Tensor<2>, device: &burn::prelude::Device) {
    println!("| model | input | PSNR f32 (dB) | PSNR 8-bit (dB) | difference (dB) | file f32 (bytes) | file 8-bit, gzip (bytes) |");
    println!("|---|---|---:|---:|---:|---:|---:|");
    for (spec, model) in models {
        let path = dir.join(format!("{}.q8.gz", spec.name));
        let bytes = files::read_bytes(&path).unwrap_or_else(|e| fail(format!("{e} (write it with: cargo run --release --bin train -- --eight-bit)")));
        let packed = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let eight = weights_to_model(spec, &bytes, device).unwrap_or_else(|e| fail(e));
        let f32_size = std::fs::metadata(dir.join(format!("{}.bpk", spec.name))).map(|m| m.len()).unwrap_or(0);
        for (label, input) in [("clean", Input::Clean), ("dropout", Input::Dropout(DropoutNoise::default(), EVALUATION_SEED))] {
            let score = |m: &Autoencoder| Scores::from_mse(reconstruction_error(m, images, input, 1000).into_scalar::<f32>() as f64).psnr();
            let (full, small) = (score(model), score(&eight));
            println!("| {} | {label} | {full:.3} | {small:.3} | {:+.3} | {f32_size} | {packed} |", spec.name, small - full);
        }
    }
}
