//! The core in a real browser (headless Chromium through wasm-bindgen-test): a few training
//! steps on real MNIST digits lower the loss, on the CPU backend and on WebGPU; the latent
//! lab's core (energy descents, interpolation, anomaly score, latent map) on both.
#![cfg(target_family = "wasm")]

use autoencoder_playground::data::Digits;
use autoencoder_playground::{Backend, Lab};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Gunzips a file written by pkg-scripts/fetch-mnist (RFC 1952 header, then raw deflate).
fn gunzip(gz: &[u8]) -> Vec<u8> {
    use miniz_oxide::inflate::core::{DecompressorOxide, decompress, inflate_flags};
    assert_eq!(&gz[..3], &[0x1f, 0x8b, 8], "gzip header");
    let flags = gz[3];
    let mut pos = 10;
    if flags & 4 != 0 {
        pos += 2 + u16::from_le_bytes([gz[pos], gz[pos + 1]]) as usize;
    }
    for bit in [8, 16] {
        if flags & bit != 0 {
            pos += gz[pos..].iter().position(|&b| b == 0).unwrap() + 1;
        }
    }
    if flags & 2 != 0 {
        pos += 2;
    }
    let size = u32::from_le_bytes(gz[gz.len() - 4..].try_into().unwrap()) as usize;
    let mut out = vec![0u8; size];
    let (status, _, written) = decompress(
        &mut DecompressorOxide::new(),
        &gz[pos..gz.len() - 8],
        &mut out,
        0,
        inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    );
    assert_eq!(written, size, "inflate: {status:?}");
    out
}

fn digits() -> Digits {
    let bytes = gunzip(include_bytes!("../www/data/mnist-test.bin.gz"));
    Digits::from_bytes(&bytes).unwrap().take(1024)
}

async fn training_lowers_the_loss(backend: Backend, steps: usize) {
    let mut lab = Lab::new(backend).await.expect("backend opens");
    lab.set_training_digits(digits()).unwrap();
    lab.set_test_digits(digits().take(256)).unwrap();
    let before = lab.evaluate("standard", 256).await.unwrap().mse;
    let report = lab.train("standard", steps).await.unwrap();
    let after = lab.evaluate("standard", 256).await.unwrap().mse;
    let l = &report.losses;
    assert_eq!(l.len(), steps);
    assert!(l[steps - 1] < l[0], "{}: batch loss {:?}", backend.name(), l);
    assert!(after < before, "{}: test MSE {before} -> {after}", backend.name());
    // Reconstructions come back in [0, 1], read asynchronously from the device.
    let digit: Vec<f32> = digits().image(0).iter().map(|&p| p as f32 / 255.0).collect();
    let out = lab.reconstruct("standard", &digit, None).await.unwrap();
    assert_eq!(out.len(), 784);
    assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
    // The weights can be saved from the device and loaded back.
    let bytes = lab.weights("standard").await.unwrap();
    lab.load_weights("standard", &bytes).unwrap();
    let again = lab.reconstruct("standard", &digit, None).await.unwrap();
    let diff = out.iter().zip(&again).map(|(a, b)| (a - b).abs()).fold(0.0, f32::max);
    assert!(diff < 1e-5, "reloaded weights differ by {diff}");
}

#[wasm_bindgen_test]
async fn cpu_training_lowers_the_loss() {
    training_lowers_the_loss(Backend::NdArray, 20).await;
}

#[wasm_bindgen_test]
async fn flex_training_lowers_the_loss() {
    training_lowers_the_loss(Backend::Flex, 20).await;
}

#[wasm_bindgen_test]
async fn webgpu_training_lowers_the_loss() {
    training_lowers_the_loss(Backend::Gpu, 4).await;
}

/// The latent lab's core on `backend`, with the shipped standard weights: an energy descent
/// on the code and on the hidden pixels (the energy never rises and ends lower), interpolation
/// endpoints, the anomaly flags and the latent map, all read back asynchronously.
async fn latent_lab_works(backend: Backend, iterations: usize) {
    use autoencoder_playground::corrupt::Damage;
    use autoencoder_playground::energy::Unknown;
    let mut lab = Lab::new(backend).await.expect("backend opens");
    lab.load_weights("standard", include_bytes!("../www/models/standard.bpk")).unwrap();
    lab.set_training_digits(digits()).unwrap();
    lab.set_test_digits(digits().take(512)).unwrap();
    let clean: Vec<f32> = digits().image(3).iter().map(|&p| p as f32 / 255.0).collect();
    let hidden: Vec<bool> = (0..784).map(|i| (9..19).contains(&(i / 28)) && (9..19).contains(&(i % 28))).collect();
    let shown = Damage::shown(&clean, &hidden);
    for unknown in Unknown::ALL {
        let mut descent = lab.descent("standard", unknown, &shown, &hidden, 0.0).await.unwrap();
        let first = descent.energies()[0];
        let mut last = first;
        for _ in 0..iterations {
            descent.step().await.unwrap();
            assert!(descent.energies()[0] <= last, "{}: the energy rose", backend.name());
            last = descent.energies()[0];
        }
        assert!(last < first, "{} {unknown:?}: energy {first} -> {last}", backend.name());
        assert_eq!(lab.descent_frame(&descent).await.unwrap().image.len(), 784);
    }
    let b: Vec<f32> = digits().image(1).iter().map(|&p| p as f32 / 255.0).collect();
    let strips = lab.interpolate("standard", &clean, &b, 4).await.unwrap();
    let recon = lab.reconstruct("standard", &clean, None).await.unwrap();
    let gap = strips.decoded[..784].iter().zip(&recon).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max);
    assert!(gap < 1e-3, "{}: the latent strip starts {gap} away from decode(encode(A))", backend.name());
    assert!(lab.anomaly("standard", &[1.0; 784]).await.unwrap().flagged);
    assert!(!lab.anomaly("standard", &clean).await.unwrap().empty);
    let map = lab.latent_map("standard", 256).await.unwrap();
    assert_eq!(map.points.len(), 512);
    assert!(map.variance[0] >= map.variance[1]);
    assert_eq!(lab.map_decode("standard", &map.points[..2]).await.unwrap().len(), 784);
}

#[wasm_bindgen_test]
async fn cpu_latent_lab_works() {
    latent_lab_works(Backend::NdArray, 20).await;
}

#[wasm_bindgen_test]
async fn webgpu_latent_lab_works() {
    latent_lab_works(Backend::Gpu, 4).await;
}

/// The hand-written step as the page runs it (`src/dense/lanes.rs` on wasm SIMD) against Burn's
/// step in the browser: from the same weights, on the same batches and noise, 30 steps of the
/// lecture's two models, of a [0, 1]/BCE model and of the plane's toys leave every weight
/// within 1e-5 of Burn's (the native `tests/dense.rs` runs 100 steps of every network).
#[wasm_bindgen_test]
async fn cpu_hand_step_follows_burn_on_wasm_simd() {
    use autoencoder_playground::dense;
    use autoencoder_playground::manifold::{Curve, Plane, PlaneSetup, Way};
    use autoencoder_playground::parts::Scale;
    use autoencoder_playground::spec::{Loss, MODELS, Recipe};
    use autoencoder_playground::training::{Trainer, TrainingConfig};
    use burn::prelude::*;
    const STEPS: usize = 30;
    assert!(cfg!(target_feature = "simd128"), "the page's modules and this test are built with wasm SIMD (.cargo/config.toml)");
    let largest = |a: Vec<dense::Param>, b: Vec<dense::Param>| -> f32 {
        assert_eq!(a.len(), b.len());
        a.iter().zip(&b).flat_map(|(p, q)| p.values.iter().zip(&q.values).map(|(x, y)| (x - y).abs())).fold(0.0, f32::max)
    };
    #[allow(deprecated)]
    let device = Device::ndarray();
    let digits = digits();
    let images = digits.to_tensor(&device.clone().autodiff());
    let bce = Recipe { scale: Scale::Unit, loss: Loss::Bce, ..Recipe::notebook("bce", 64) }.build(0).unwrap();
    for (stream, spec) in [MODELS[0].clone(), MODELS[1].clone(), bce].iter().enumerate() {
        let mut hand = Trainer::new(spec, stream as u64, TrainingConfig::new().with_seed(5), &device);
        let mut burn = Trainer::new(spec, stream as u64, TrainingConfig::new().with_seed(5), &device).with_burn_step();
        assert!(hand.hand_step() && !burn.hand_step());
        let run = |trainer: &mut Trainer| -> Vec<f32> {
            device.seed(77);
            (0..STEPS).map(|_| trainer.step_digits(&digits, &images).into_scalar::<f32>()).collect()
        };
        let (by_hand, by_burn) = (run(&mut hand), run(&mut burn));
        for (h, b) in by_hand.iter().zip(&by_burn) {
            assert!((h - b).abs() <= 1e-4 * b.abs(), "{}: loss {h} by hand, {b} by Burn", spec.name);
        }
        let worst = largest(dense::read(&hand.inference_model()), dense::read(&burn.inference_model()));
        assert!(worst <= 1e-5 && by_hand[STEPS - 1] < by_hand[0], "{}: weights differ by {worst} after {STEPS} steps", spec.name);
    }
    let setup = PlaneSetup { curve: Curve::Circle, points: 300, seed: 3, sigma: 0.1, hidden: 128, lambda: 0.003, nearest: false, tied: false };
    let (mut hand, mut burn) = (Plane::new(setup, &device).unwrap(), Plane::new(setup, &device).unwrap().with_burn_step());
    for _ in 0..STEPS {
        hand.step();
        burn.step();
    }
    for way in Way::ALL {
        let worst = largest(dense::read(&hand.model(way)), dense::read(&burn.model(way)));
        assert!(worst <= 1e-5, "plane {way:?}: weights differ by {worst} after {STEPS} steps");
    }
}
