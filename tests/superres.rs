//! Super-resolution (lecture figure 9): the classical upsamplers against Pillow's, the area
//! average, and the network learning to beat bicubic.

use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::superres::{SuperResSetup, bicubic, bilinear, downsample, nearest};
use autoencoder_playground::{Backend, block_on};

fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap())).collect()
}

#[test]
fn the_upsamplers_are_pillows() {
    let raw = include_bytes!("fixtures/upsampling-pillow.bin");
    assert_eq!(&raw[..4], b"AEPU");
    let count = u32::from_le_bytes(raw[4..8].try_into().unwrap());
    let mut at = 8;
    for case in 0..count {
        let side = u32::from_le_bytes(raw[at..at + 4].try_into().unwrap()) as usize;
        at += 4;
        let low = f32s(&raw[at..at + 4 * side * side]);
        at += 4 * side * side;
        for (name, ours) in [("nearest", nearest(&low, side)), ("bilinear", bilinear(&low, side)), ("bicubic", bicubic(&low, side))] {
            let pillow = f32s(&raw[at..at + 4 * 784]);
            at += 4 * 784;
            let worst = ours.iter().zip(&pillow).map(|(a, b)| (a - b).abs()).fold(0.0f32, f32::max);
            assert!(worst < 1e-5, "case {case} ({side}×{side}) {name}: differs from Pillow by up to {worst}");
        }
    }
}

#[test]
fn downsampling_averages_blocks() {
    let image: Vec<f32> = (0..784).map(|i| ((i % 28) / 4) as f32 / 7.0).collect();
    let low = downsample(&image, 4);
    assert_eq!(low.len(), 49);
    for (i, v) in low.iter().enumerate() {
        assert!((v - (i % 7) as f32 / 7.0).abs() < 1e-6);
    }
    // A constant image stays constant through every upsampler.
    let flat = vec![0.25f32; 49];
    for up in [nearest(&flat, 7), bilinear(&flat, 7), bicubic(&flat, 7)] {
        assert!(up.iter().all(|v| (v - 0.25).abs() < 1e-6));
    }
}

#[test]
fn the_network_learns_to_beat_bicubic() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(files::page_training_set().unwrap().take(6000)).unwrap();
    lab.set_test_digits(files::test_set().unwrap().take(500)).unwrap();
    assert_eq!(lab.superres_setup(SuperResSetup { factor: 4, hidden: 256, up_to: 9, seed: 1 }).unwrap(), 6000);
    let first = block_on(lab.superres_train(5)).unwrap().losses[0].loss;
    let last = block_on(lab.superres_train(300)).unwrap().losses[0].loss;
    assert!(last < 0.5 * first, "loss {first} → {last}");
    let s = block_on(lab.superres_scores(500, 0, 9)).unwrap();
    assert!(s.network > s.bicubic + 1.0 && s.bicubic > s.nearest, "{s:?}");
    // Only 0–4: fewer training digits, and on 5–9 it does worse than on 0–4.
    let n = lab.superres_setup(SuperResSetup { factor: 4, hidden: 256, up_to: 4, seed: 1 }).unwrap();
    assert!(n < 6000 && n > 2500, "{n}");
    block_on(lab.superres_train(300)).unwrap();
    let known = block_on(lab.superres_scores(300, 0, 4)).unwrap();
    let unknown = block_on(lab.superres_scores(300, 5, 9)).unwrap();
    assert!(known.network > unknown.network + 0.5, "0–4 {} dB, 5–9 {} dB", known.network, unknown.network);
    // A bad setup changes nothing and says why.
    assert!(lab.superres_setup(SuperResSetup { factor: 3, hidden: 256, up_to: 9, seed: 1 }).unwrap_err().contains("factor 3"));
}
