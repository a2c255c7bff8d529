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
