//! `evaluate --concepts`: the lecture's theory on the full 60k/10k MNIST, every model trained
//! here from a fresh start with the notebook's recipe (Adam 1e-3, batches of 256):
//!
//! - capacity (figure 14): test PSNR on digits and on Fashion-MNIST for each hidden size;
//! - tied weights and PCA: a linear tied autoencoder against PCA with the same k;
//! - tanh with tied weights under [-1, 1] and [0, 1] pixels;
//! - MSE against BCE;
//! - the contractive penalty (figure 18): ‖∂h/∂x‖_F and PSNR under small input noise.

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::{Digits, files};
use autoencoder_playground::evaluation::{EVALUATION_SEED, Input, Scores, jacobian_norm, psnr, reconstruction_error};
use autoencoder_playground::kernels::ink_frequency;
use autoencoder_playground::pca::{Pca, moments, rows_kept, subspace_overlap};
use autoencoder_playground::spec::{Activation, HIDDEN_SIZES, Loss, Recipe, Scale};
use autoencoder_playground::training::TrainingConfig;
use autoencoder_playground::{Backend, Lab, block_on};
use burn::prelude::*;
use std::time::Instant;

fn recipe(name: &str, latent: usize) -> Recipe {
    Recipe::notebook(name, latent)
}

struct Session {
    lab: Lab,
    steps_per_epoch: usize,
    test: Tensor<2>,
    fashion: Tensor<2>,
    seed: u64,
}

impl Session {
    /// Builds and trains a model for `epochs` epochs; prints a line of progress.
    fn train(&mut self, recipe: Recipe, epochs: usize) -> String {
        let name = recipe.name.clone();
        let _ = self.lab.remove_model(&name);
        self.lab.add_model(&recipe, self.seed).unwrap_or_else(|e| fail(e));
        let started = Instant::now();
        for _ in 0..epochs {
            block_on(self.lab.train(&name, self.steps_per_epoch)).unwrap_or_else(|e| fail(e));
        }
        eprintln!("  trained {name}: {epochs} epochs in {:.0} s", started.elapsed().as_secs_f64());
        name
    }

    /// PSNR (dB) of `name` on clean test digits, or on `images` from `input`.
    fn psnr_on(&self, name: &str, images: &Tensor<2>, input: Input) -> f64 {
        let model = self.lab.model(name).unwrap_or_else(|e| fail(e));
        Scores::from_mse(reconstruction_error(&model, images, input, 1000).into_scalar::<f32>() as f64).psnr()
    }

    fn psnr(&self, name: &str) -> f64 {
        self.psnr_on(name, &self.test, Input::Clean)
    }
}

pub fn section(args: &Args, backend: Backend) {
    let epochs: usize = args.get("epochs", 5);
    let tied_epochs: usize = args.get("tied-epochs", 20);
    let train = files::full_training_set().unwrap_or_else(|e| fail(e));
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let fashion_path = files::cache_dir().join("fashion-test.bin");
    let fashion = files::read(&fashion_path)
        .unwrap_or_else(|e| fail(format!("{e}\nthe Fashion-MNIST test set is missing: run pkg-scripts/fetch-fashion-mnist")));
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    let device = lab.device().clone();
    let n = lab.set_training_digits(train.clone()).unwrap_or_else(|e| fail(e));
    lab.set_test_digits(test.clone()).unwrap_or_else(|e| fail(e));
    let steps_per_epoch = n / TrainingConfig::new().batch_size;
    let mut s = Session { lab, steps_per_epoch, test: test.to_tensor(&device), fashion: fashion.to_tensor(&device), seed: args.get("seed", 1) };
    println!("The lecture's theory on MNIST: {n} training digits, {} test digits, {} Fashion-MNIST test images; backend {}; seed {}.", test.len(), fashion.len(), backend.name(), s.seed);

    // Capacity.
    let ink = ink_frequency(&train);
    let ever = ink.iter().filter(|&&f| f > 0.0).count();
    let often = ink.iter().filter(|&&f| f >= 0.01).count();
    println!();
    println!("Capacity ({epochs} epochs each, tanh, [-1, 1], MSE). Pixels ever inked in the 60k training digits: {ever} of 784; inked in at least 1% of them: {often}.");
    println!();
    println!("| d | PSNR digits (dB) | PSNR Fashion (dB) | gap (dB) |");
    println!("|---:|---:|---:|---:|");
    for d in HIDDEN_SIZES {
        let name = s.train(recipe(&format!("d{d}"), d), epochs);
        let (digits, clothes) = (s.psnr(&name), s.psnr_on(&name, &s.fashion, Input::Clean));
        println!("| {d} | {digits:.2} | {clothes:.2} | {:.2} |", digits - clothes);
        s.lab.remove_model(&name).unwrap_or_else(|e| fail(e));
    }

    // Tied weights and PCA.
    let k = 30;
    let (mean, covariance) = moments(train.to_tensor(&device));
    let pca = Pca::from_moments(read(mean), &read(covariance), k, 300).unwrap_or_else(|e| fail(e));
    let test_pixels = test.normalised();
    let projected = pca.reconstruct(&test_pixels);
    let pca_mse = test_pixels.iter().zip(&projected).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / test_pixels.len() as f64;
    let linear = s.train(Recipe { tied: true, activation: Activation::Linear, ..recipe("linear-tied", k) }, tied_epochs);
    let weight = read(s.lab.model(&linear).unwrap_or_else(|e| fail(e)).encoder.weight.val());
    let untied = s.train(Recipe { activation: Activation::Linear, ..recipe("linear", k) }, tied_epochs);
    let untied_weight = read(s.lab.model(&untied).unwrap_or_else(|e| fail(e)).encoder.weight.val());
    println!();
    println!("Tied weights and PCA (k = {k}; the autoencoders {tied_epochs} epochs, linear, [-1, 1], MSE; outputs unclipped):");
    println!();
    let inked: Vec<bool> = ink_frequency(&train).iter().map(|&share| share > 0.0).collect();
    println!("| model | PSNR (dB) | MSE [0,1] | subspace overlap with PCA-{k} | on the {} inked pixels |", inked.iter().filter(|&&i| i).count());
    println!("|---|---:|---:|---:|---:|");
    println!("| PCA-{k} | {:.2} | {:.4} | 1 | 1 |", psnr(pca_mse / 4.0), pca_mse / 4.0);
    for (name, w) in [(&linear, &weight), (&untied, &untied_weight)] {
        let p = s.psnr(name);
        let (all, on_ink) = (subspace_overlap(&pca.components, w, k), subspace_overlap(&pca.components, &rows_kept(w, k, &inked), k));
        println!("| {name} | {p:.2} | {:.4} | {all:.3} | {on_ink:.3} |", 1.0 / 10f64.powf(p / 10.0));
    }

    // tanh with tied weights under both scales.
    println!();
    println!("tanh with tied weights, d = {k}, {epochs} epochs: the pixels' scale decides. The mean image reconstructs with MSE [-1,1] {:.3}.", mean_image_mse(&train, &test));
    println!();
    println!("| pixels | MSE [-1,1] | PSNR (dB) |");
    println!("|---|---:|---:|");
    for (scale, words) in [(Scale::Symmetric, "[-1, 1]"), (Scale::Unit, "[0, 1]")] {
        let name = s.train(Recipe { tied: true, scale, ..recipe("tanh-tied", k) }, epochs);
        let p = s.psnr(&name);
        println!("| {words} | {:.3} | {p:.2} |", 4.0 / 10f64.powf(p / 10.0));
    }

    // MSE against BCE.
    println!();
    println!("MSE against BCE (d = {k}, tanh units, [0, 1] pixels, {tied_epochs} epochs); BCE − H(x) in nats per pixel, H(x) the digits' own entropy:");
    println!();
    println!("| loss | output | PSNR (dB) | BCE − H(x) |");
    println!("|---|---|---:|---:|");
    for (loss, output) in [(Loss::Mse, "tanh"), (Loss::Bce, "sigmoid")] {
        let name = s.train(Recipe { loss, scale: Scale::Unit, ..recipe("loss", k) }, tied_epochs);
        let e = block_on(s.lab.evaluate(&name, usize::MAX)).unwrap_or_else(|e| fail(e));
        let excess = e.bce_excess.map_or("—".to_string(), |v| format!("{v:.4} (H = {:.4})", e.entropy.unwrap_or(0.0)));
        println!("| {} | {output} | {:.2} | {excess} |", if loss == Loss::Mse { "MSE" } else { "BCE" }, e.psnr);
    }

    // The contractive penalty.
    let d = args.get("contractive-d", 100);
    let sigma = 0.1;
    println!();
    println!("The contractive penalty (d = {d}, tanh, [-1, 1], MSE, {epochs} epochs): mean ‖∂h/∂x‖_F on the clean test digits, PSNR on them clean and with Gaussian noise σ = {sigma} added:");
    println!();
    println!("| λ | PSNR clean (dB) | PSNR noisy (dB) | mean ‖J‖_F | ‖J‖_F against λ = 0 |");
    println!("|---:|---:|---:|---:|---:|");
    let mut baseline: Option<(f64, f32)> = None;
    let mut chosen = None;
    for lambda in [0.0f32, 0.0005, 0.001, 0.002, 0.005, 0.01] {
        let name = s.train(Recipe { contractive: lambda, ..recipe("contractive", d) }, epochs);
        let model = s.lab.model(&name).unwrap_or_else(|e| fail(e));
        let j = jacobian_norm(&model, &s.test, 1000).into_scalar::<f32>();
        let noisy = s.psnr_on(&name, &s.test, Input::Gaussian(sigma, EVALUATION_SEED));
        let clean = s.psnr(&name);
        let (base_psnr, base_j) = *baseline.get_or_insert((clean, j));
        if lambda > 0.0 && base_psnr - clean <= 1.0 {
            chosen = Some((lambda, base_j / j));
        }
        println!("| {lambda} | {clean:.2} | {noisy:.2} | {j:.3} | {:.2}× smaller |", base_j / j);
    }
    match chosen {
        Some((lambda, ratio)) => println!("\nThe largest λ within 1 dB of λ = 0: {lambda}, its mean ‖J‖_F {ratio:.2}× smaller."),
        None => println!("\nNo λ tried keeps the PSNR within 1 dB of λ = 0."),
    }
}

/// The kernels of the shipped models (figures 22–23): their weights' spread on the pixels the
/// page's training digits almost never ink, against initialisation.
pub fn kernels_section() {
    let train = files::page_training_set().unwrap_or_else(|e| fail(e));
    let ink = ink_frequency(&train);
    #[allow(deprecated)]
    let device = Device::ndarray();
    println!("Kernels of the shipped models; pixels almost never inked: fewer than {}% of the page's {} training digits ink them.", autoencoder_playground::kernels::RARE_SHARE * 100.0, train.len());
    println!();
    println!("| model | rare pixels | spread there | at initialisation | spread on the other pixels |");
    println!("|---|---:|---:|---:|---:|");
    for spec in autoencoder_playground::MODELS.iter().filter(|s| s.shipped) {
        let path = files::repo_root().join(format!("www/models/{}.bpk", spec.name));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        let model = autoencoder_playground::weights::weights_to_model(spec, &bytes, &device).unwrap_or_else(|e| fail(e));
        let k = autoencoder_playground::kernels::Kernels::of(&read(model.encoder.weight.val()), spec.latent, &ink);
        println!("| {} | {} | {:.4} | {:.4} | {:.4} |", spec.name, k.rare_pixels, k.rare_spread, k.init_spread, k.inked_spread);
    }
}

fn read<const D: usize>(t: Tensor<D>) -> Vec<f32> {
    t.into_data().try_to_vec::<f32>().unwrap_or_else(|e| fail(format!("{e:?}")))
}

/// MSE [-1, 1] of the training digits' mean image against the test digits.
fn mean_image_mse(train: &Digits, test: &Digits) -> f64 {
    let x = train.normalised();
    let n = train.len() as f64;
    let mut mean = vec![0.0f64; 784];
    for image in x.chunks_exact(784) {
        mean.iter_mut().zip(image).for_each(|(m, &v)| *m += v as f64 / n);
    }
    let t = test.normalised();
    t.chunks_exact(784).flat_map(|image| image.iter().zip(&mean).map(|(&v, m)| (v as f64 - m).powi(2))).sum::<f64>() / t.len() as f64
}
