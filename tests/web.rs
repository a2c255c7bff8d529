//! The core in a real browser (headless Chromium through wasm-bindgen-test): a few training
//! steps on real MNIST digits lower the loss, on the CPU backend and on WebGPU.
#![cfg(target_family = "wasm")]

use autoencoder_playground::data::Digits;
use autoencoder_playground::model::ModelKind;
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
    let before = lab.evaluate(ModelKind::Standard, 256).await.unwrap();
    let report = lab.train(ModelKind::Standard, steps).await.unwrap();
    let after = lab.evaluate(ModelKind::Standard, 256).await.unwrap();
    let l = &report.losses;
    assert_eq!(l.len(), steps);
    assert!(l[steps - 1] < l[0], "{}: batch loss {:?}", backend.name(), l);
    assert!(after < before, "{}: test MSE {before} -> {after}", backend.name());
    // Reconstructions come back in [0, 1], read asynchronously from the device.
    let digit: Vec<f32> = digits().image(0).iter().map(|&p| p as f32 / 255.0).collect();
    let out = lab.reconstruct(ModelKind::Standard, &digit, None).await.unwrap();
    assert_eq!(out.len(), 784);
    assert!(out.iter().all(|v| (0.0..=1.0).contains(v)));
    // The weights can be saved from the device and loaded back.
    let bytes = lab.weights(ModelKind::Standard).await.unwrap();
    lab.load_weights(ModelKind::Standard, &bytes).unwrap();
    let again = lab.reconstruct(ModelKind::Standard, &digit, None).await.unwrap();
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
