//! Native tests of the lecture's theory (issue: the model builder): the contractive penalty's
//! closed form against autodiff, tied weights, BCE against its formula, PCA and subspace
//! overlap, the kernels' spread, and capacity.

use autoencoder_playground::contractive::jacobian_norm_squared;
use autoencoder_playground::data::{Digits, files};
use autoencoder_playground::kernels::{INIT_SPREAD, Kernels, ink_frequency};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::loss::{bce_with_logits, binary_entropy};
use autoencoder_playground::model::{AutoencoderConfig, IMAGE_PIXELS};
use autoencoder_playground::pca::{Pca, moments, subspace_overlap};
use autoencoder_playground::rng::Rng;
use autoencoder_playground::spec::{Activation, MODELS, Recipe};
use autoencoder_playground::{Backend, block_on};
use burn::prelude::*;

#[allow(deprecated)]
fn cpu() -> Device {
    Device::ndarray()
}

fn recipe(name: &str, latent: usize) -> Recipe {
    Recipe::notebook(name, latent)
}

fn random(n: usize, seed: u64) -> Vec<f32> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| rng.next_f32() * 2.0 - 1.0).collect()
}

#[test]
fn the_closed_form_jacobian_norm_is_autodiffs() {
    for activation in [Activation::Tanh, Activation::Linear] {
        let device = cpu().autodiff();
        let spec = Recipe { activation, ..recipe("j", 5) }.build(0).unwrap();
        let model = AutoencoderConfig::of(&spec).init(&device);
        let x = Tensor::<2>::from_data(TensorData::new(random(3 * IMAGE_PIXELS, 4), [3, IMAGE_PIXELS]), &device);
        let closed: Vec<f32> = jacobian_norm_squared(&model, x.clone()).into_data().try_to_vec().unwrap();
        for (b, &value) in closed.iter().enumerate() {
            // ‖J‖²_F = Σ_j ‖∂h_j/∂x‖², one backward pass per hidden unit.
            let mut total = 0.0f64;
            for j in 0..5 {
                let input = x.clone().slice([b..b + 1, 0..IMAGE_PIXELS]).detach().require_grad();
                let h = model.encode(input.clone()).slice([0..1, j..j + 1]).sum();
                let grads = h.backward();
                let g: Vec<f32> = input.grad(&grads).unwrap().into_data().try_to_vec().unwrap();
                total += g.iter().map(|v| (*v as f64).powi(2)).sum::<f64>();
            }
            assert!((value as f64 - total).abs() < 1e-4 * total.max(1e-3), "{activation:?} input {b}: closed form {value}, autodiff {total}");
        }
    }
}

#[test]
fn a_tied_decoder_is_the_encoder_transposed() {
    let device = cpu();
    let spec = Recipe { tied: true, activation: Activation::Linear, ..recipe("tied", 10) }.build(0).unwrap();
    let model = AutoencoderConfig::of(&spec).init(&device);
    assert!(model.decoder.is_none(), "a tied model has no decoder weight of its own");
    let w: Vec<f32> = model.encoder.weight.val().into_data().try_to_vec().unwrap(); // [784, 10]
    let wx: Vec<f32> = model.decoder_weight().into_data().try_to_vec().unwrap(); // [10, 784]
    for i in 0..IMAGE_PIXELS {
        for j in 0..10 {
            assert_eq!(wx[j * IMAGE_PIXELS + i], w[i * 10 + j]);
        }
    }
    // x̂ = W_hᵀ (W_h x + b_h) + b_x, computed by hand for one input.
    let x = random(IMAGE_PIXELS, 5);
    let bh: Vec<f32> = model.encoder.bias.as_ref().unwrap().val().into_data().try_to_vec().unwrap();
    let bx: Vec<f32> = model.decoder_bias.as_ref().unwrap().val().into_data().try_to_vec().unwrap();
    let h: Vec<f32> = (0..10).map(|j| bh[j] + (0..IMAGE_PIXELS).map(|i| w[i * 10 + j] * x[i]).sum::<f32>()).collect();
    let expected: Vec<f32> = (0..IMAGE_PIXELS).map(|i| bx[i] + (0..10).map(|j| w[i * 10 + j] * h[j]).sum::<f32>()).collect();
    let out: Vec<f32> = model.reconstruct(Tensor::from_data(TensorData::new(x, [1, IMAGE_PIXELS]), &device)).into_data().try_to_vec().unwrap();
    for (a, b) in out.iter().zip(&expected) {
        assert!((a - b).abs() < 1e-4, "{a} vs {b}");
    }
}

#[test]
fn bce_with_a_sigmoid_is_the_formula() {
    let device = cpu();
    let logits = [-3.0f32, -0.5, 0.0, 0.7, 4.0, 30.0];
    let targets = [0.0f32, 0.2, 0.5, 1.0, 0.9, 1.0];
    let formula: f64 = logits
        .iter()
        .zip(&targets)
        .map(|(&a, &x)| {
            let p = 1.0 / (1.0 + (-a as f64).exp());
            -(x as f64 * p.ln() + (1.0 - x as f64) * (1.0 - p).max(1e-300).ln())
        })
        .sum::<f64>()
        / 6.0;
    let t = |v: &[f32]| Tensor::<2>::from_data(TensorData::new(v.to_vec(), [2, 3]), &device);
    let bce: f32 = bce_with_logits(t(&logits), t(&targets)).into_scalar();
    assert!((bce as f64 - formula).abs() < 1e-5, "{bce} vs {formula}");
    // Its gradient is (σ(a) − x) / n everywhere, a = 0 included.
    let a = Tensor::<2>::from_data(TensorData::new(logits.to_vec(), [2, 3]), &device.clone().autodiff()).require_grad();
    let target = Tensor::<2>::from_data(TensorData::new(targets.to_vec(), [2, 3]), &device.clone().autodiff());
    let grads = bce_with_logits(a.clone(), target).backward();
    let g: Vec<f32> = a.grad(&grads).unwrap().into_data().try_to_vec().unwrap();
    for ((&a, &x), g) in logits.iter().zip(&targets).zip(g) {
        let want = (1.0 / (1.0 + (-a).exp()) - x) / 6.0;
        assert!((g - want).abs() < 1e-6, "gradient at a = {a}: {g} vs {want}");
    }
    // Its floor: at x̂ = x the BCE is the targets' entropy (log 2 at ½, 0 at 0 and 1).
    let h = binary_entropy(&[0.0, 0.5, 1.0, 0.2]);
    assert!((h[1] - 2f32.ln()).abs() < 1e-6 && h[0] == 0.0 && h[2] == 0.0);
    let logit = (0.2f32 / 0.8).ln();
    let at_target: f32 = bce_with_logits(Tensor::from_data(TensorData::new(vec![logit], [1, 1]), &device), Tensor::from_data(TensorData::new(vec![0.2f32], [1, 1]), &device)).into_scalar();
    assert!((at_target - h[3]).abs() < 1e-5, "{at_target} vs {}", h[3]);
}

fn digits(n: usize) -> Digits {
    files::page_training_set().unwrap().take(n)
}

#[test]
fn pca_spans_the_best_subspace_and_overlap_measures_it() {
    let device = cpu();
    let set = digits(3000);
    let images = set.to_tensor(&device);
    let (mean, covariance) = moments(images);
    let mean: Vec<f32> = mean.into_data().try_to_vec().unwrap();
    let covariance = covariance.into_data().try_to_vec::<f32>().unwrap();
    let pca = Pca::from_moments(mean.clone(), &covariance, 10, 300).unwrap();
    // Orthonormal components, by decreasing variance.
    for (a, u) in pca.components.iter().enumerate() {
        for (b, v) in pca.components.iter().enumerate() {
            let d: f64 = u.iter().zip(v).map(|(x, y)| x * y).sum();
            assert!((d - if a == b { 1.0 } else { 0.0 }).abs() < 1e-6);
        }
    }
    assert!(pca.variances.windows(2).all(|w| w[0] >= w[1] - 1e-9), "{:?}", pca.variances);
    // The reconstruction error is the variance left over.
    let x = set.normalised();
    let out = pca.reconstruct(&x);
    let error: f64 = x.iter().zip(&out).map(|(a, b)| ((a - b) as f64).powi(2)).sum::<f64>() / set.len() as f64;
    let left = pca.total_variance - pca.variances.iter().sum::<f64>();
    assert!((error - left).abs() < 1e-3 * left, "error {error} vs variance left {left}");
    // Overlap: 1 with its own span (in any basis), about k/784 with a random one.
    let as_columns = |vectors: &[Vec<f64>]| -> Vec<f32> {
        let k = vectors.len();
        (0..IMAGE_PIXELS).flat_map(|i| (0..k).map(move |j| vectors[j][i] as f32)).collect()
    };
    let mixed: Vec<Vec<f64>> = (0..10).map(|j| (0..IMAGE_PIXELS).map(|i| pca.components[j][i] + 0.5 * pca.components[(j + 1) % 10][i]).collect()).collect();
    assert!(subspace_overlap(&pca.components, &as_columns(&mixed), 10) > 0.9999);
    // The page's quick fit (40 rounds) finds the same subspace.
    let quick = Pca::from_moments(mean, &covariance, 10, 40).unwrap();
    let overlap = subspace_overlap(&pca.components, &as_columns(&quick.components), 10);
    assert!(overlap > 0.999, "40 rounds against 300: overlap {overlap}");
    let noise = random(IMAGE_PIXELS * 10, 8);
    let overlap = subspace_overlap(&pca.components, &noise, 10);
    assert!(overlap < 0.05, "random overlap {overlap}");
}

#[test]
fn the_standard_kernels_keep_their_start_on_empty_pixels_and_the_denoising_ones_fade() {
    let ink = ink_frequency(&files::page_training_set().unwrap());
    let mut spreads = Vec::new();
    for spec in &MODELS {
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{}.bpk", spec.name))).unwrap();
        let model = autoencoder_playground::weights::weights_to_model(spec, &bytes, &cpu()).unwrap();
        let weight: Vec<f32> = model.encoder.weight.val().into_data().try_to_vec().unwrap();
        let k = Kernels::of(&weight, spec.latent, &ink);
        assert!(k.rare_pixels > 50, "{} rare pixels", k.rare_pixels);
        spreads.push((k.rare_spread, k.inked_spread));
    }
    // Standard: the constant −1 input gives those weights identical updates: the spread stays
    // the initialisation's (a uniform draw's sample spread, within 5%), as large as on the
    // inked pixels.
    let [(standard, standard_inked), (denoising, denoising_inked)] = [spreads[0], spreads[1]];
    assert!((standard / INIT_SPREAD - 1.0).abs() < 0.05, "standard {standard} vs init {INIT_SPREAD}");
    assert!(standard / standard_inked > 0.9, "standard: rare {standard} vs inked {standard_inked}");
    // Denoising: dropout makes them noise: they shrink below their start while the inked
    // pixels' weights grow, so the edges look empty beside the strokes (figure 23).
    assert!(denoising < 0.8 * INIT_SPREAD, "denoising {denoising} vs init {INIT_SPREAD}");
    assert!(denoising / denoising_inked < 0.5, "denoising: rare {denoising} vs inked {denoising_inked}");
}

#[test]
fn test_psnr_rises_with_the_hidden_size() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(digits(4000)).unwrap();
    lab.set_test_digits(files::test_set().unwrap().take(1000)).unwrap();
    let mut psnr = Vec::new();
    for d in [2, 10, 100] {
        let name = format!("d{d}");
        lab.add_model(&recipe(&name, d), 1).unwrap();
        block_on(lab.train(&name, 150)).unwrap();
        psnr.push(block_on(lab.evaluate(&name, 1000)).unwrap().psnr);
    }
    assert!(psnr.windows(2).all(|w| w[1] > w[0] + 0.5), "test PSNR for d = 2, 10, 100: {psnr:?}");
}
