//! The denoising lab's damage tools and restorations.

use autoencoder_playground::corrupt::{Damage, damage};
use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::spec::MODELS;
use autoencoder_playground::rng::Rng;
use autoencoder_playground::{Backend, block_on};

fn digit(i: usize) -> Vec<f32> {
    files::test_set().unwrap().image(i).iter().map(|&p| p as f32 / 255.0).collect()
}

#[test]
fn dropout_hides_about_p_of_the_pixels_and_shows_them_grey() {
    let clean = digit(0);
    for p in [0.25f32, 0.5, 0.75] {
        let (mut hidden_total, mut n) = (0usize, 0usize);
        for seed in 0..50 {
            let (shown, hidden) = damage(&clean, &[false; 784], p, 0.0, seed);
            hidden_total += hidden.iter().filter(|&&h| h).count();
            n += 784;
            for i in 0..784 {
                assert_eq!(shown[i], if hidden[i] { 0.5 } else { clean[i] });
            }
        }
        let fraction = hidden_total as f32 / n as f32;
        assert!((fraction - p).abs() < 0.01, "p = {p}: hidden fraction {fraction}");
    }
    // Same seed, same mask; hand-hidden pixels stay hidden.
    let mut by_hand = [false; 784];
    by_hand[300] = true;
    let (a, ha) = damage(&clean, &by_hand, 0.5, 0.1, 9);
    let (b, hb) = damage(&clean, &by_hand, 0.5, 0.1, 9);
    assert_eq!((a, ha.clone()), (b, hb));
    assert!(ha[300]);
}

#[test]
fn gaussian_noise_has_the_requested_deviation() {
    let grey = vec![0.5f32; 784];
    let (shown, hidden) = damage(&grey, &[false; 784], 0.0, 0.1, 3);
    assert!(hidden.iter().all(|&h| !h));
    let sd = (shown.iter().map(|v| ((v - 0.5) as f64).powi(2)).sum::<f64>() / 784.0).sqrt();
    assert!((sd - 0.1).abs() < 0.01, "deviation {sd}");
    assert!(shown.iter().all(|v| (0.0..=1.0).contains(v)));
}

#[test]
fn blocks_are_placed_inside_the_image_everywhere() {
    let mut rng = Rng::new(1);
    let mut corners = std::collections::HashSet::new();
    for _ in 0..6000 {
        let hidden = Damage::Block(10).hidden(&mut rng);
        assert_eq!(hidden.iter().filter(|&&h| h).count(), 100);
        let first = hidden.iter().position(|&h| h).unwrap();
        let (y, x) = (first / 28, first % 28);
        assert!(y <= 18 && x <= 18);
        for dy in 0..10 {
            for dx in 0..10 {
                assert!(hidden[(y + dy) * 28 + x + dx]);
            }
        }
        corners.insert((y, x));
    }
    assert_eq!(corners.len(), 19 * 19, "every position is used");
}

#[test]
fn restorations_keep_visible_pixels_and_the_denoising_ae_beats_telea_on_dropout() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    for spec in MODELS.iter().filter(|m| m.shipped) {
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{}.bpk", spec.name))).unwrap();
        lab.load_weights(&spec.name, &bytes).unwrap();
    }
    let (mut den, mut telea) = (0.0, 0.0);
    for i in 0..20 {
        let clean = digit(i);
        let (shown, hidden) = damage(&clean, &[false; 784], 0.5, 0.0, i as u64);
        let out = block_on(lab.restore(&shown, &hidden, 0.5, 3.0)).unwrap();
        let keys: Vec<String> = out.iter().map(|r| r.key.clone()).collect();
        let mut expected: Vec<String> = MODELS.iter().map(|m| m.name.to_string()).collect();
        expected.extend(MODELS.iter().map(|m| format!("{}-pasted", m.name)));
        expected.extend(["telea".to_string(), "navier-stokes".to_string()]);
        assert_eq!(keys, expected);
        let get = |key: &str| &out.iter().find(|r| r.key == key).unwrap().pixels;
        let err = |key: &str| get(key).iter().zip(&clean).map(|(a, b)| (a - b).powi(2)).sum::<f32>() / 784.0;
        // Pasted: visible pixels are exactly the input's; Telea and NS never touch them either.
        for r in out.iter().filter(|r| r.pasted || r.model.is_none()) {
            assert_eq!(r.pixels.len(), 784);
            for p in (0..784).filter(|&p| !hidden[p]) {
                assert_eq!(r.pixels[p], shown[p], "{}: visible pixel {p} changed", r.key);
            }
        }
        den += err("denoising");
        telea += err("telea");
    }
    assert!(den < telea, "denoising AE MSE {den} vs Telea {telea} over 20 digits");
    // Nothing hidden: every pasted output and both inpaintings give the digit back exactly (the
    // page shows ∞ dB for all of them alike).
    let clean = digit(3);
    let out = block_on(lab.restore(&clean, &[false; 784], 0.0, 3.0)).unwrap();
    for r in out.iter().filter(|r| r.pasted || r.model.is_none()) {
        assert_eq!(&r.pixels[..], &clean[..], "{} changed an undamaged digit", r.key);
    }
}
