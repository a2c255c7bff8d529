//! The latent lab: interpolation, inpainting by energy minimisation, the anomaly score, the
//! latent map and compression, with the shipped weights on real digits.

use autoencoder_playground::anomaly::roc_auc;
use autoencoder_playground::corrupt::Damage;
use autoencoder_playground::data::{Digits, files};
use autoencoder_playground::energy::Unknown;
use autoencoder_playground::evaluation::{energy_inpainting, psnr};
use autoencoder_playground::latent::{LatentMap, quantise};
use autoencoder_playground::rng::Rng;
use autoencoder_playground::spec::find;
use autoencoder_playground::{Backend, Lab, MODELS, block_on};

/// The names of the models of the table that ship trained.
fn names() -> impl Iterator<Item = &'static str> {
    MODELS.iter().filter(|m| m.shipped).map(|m| m.name.as_ref())
}

/// A CPU lab with the shipped weights and the page's digits.
fn lab() -> Lab {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    for kind in names() {
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{kind}.bpk"))).unwrap();
        lab.load_weights(kind, &bytes).unwrap();
    }
    lab.set_training_digits(files::page_training_set().unwrap()).unwrap();
    lab.set_test_digits(files::test_set().unwrap()).unwrap();
    lab
}

fn unit(digits: &Digits, i: usize) -> Vec<f32> {
    digits.image(i).iter().map(|&p| p as f32 / 255.0).collect()
}

fn max_difference(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn interpolation_ends_at_the_decoded_digits_and_differs_from_the_pixel_blend() {
    let lab = lab();
    let test = files::test_set().unwrap();
    let (a, b) = (unit(&test, 0), unit(&test, 1)); // a 7 and a 2
    for kind in names() {
        let frames = 8;
        let out = block_on(lab.interpolate(kind, &a, &b, frames)).unwrap();
        let latent = lab.model(kind).unwrap().latent();
        assert_eq!((out.frames, out.latent), (frames, latent));
        assert_eq!((out.pixels.len(), out.decoded.len(), out.codes.len()), (frames * 784, frames * 784, frames * latent));
        let (pixels, decoded, codes) = (&out.pixels[..], &out.decoded[..], &out.codes[..]);
        let frame = |v: &[f32], i: usize| v[i * 784..(i + 1) * 784].to_vec();
        // Pixel strip: A, then B.
        assert!(max_difference(&frame(pixels, 0), &a) < 1e-6);
        assert!(max_difference(&frame(pixels, frames - 1), &b) < 1e-6);
        // Latent strip: decode(encode(A)), then decode(encode(B)).
        let ra = block_on(lab.reconstruct(kind, &a, None)).unwrap();
        let rb = block_on(lab.reconstruct(kind, &b, None)).unwrap();
        assert!(max_difference(&frame(decoded, 0), &ra) < 1e-4, "{kind:?} t=0");
        assert!(max_difference(&frame(decoded, frames - 1), &rb) < 1e-4, "{kind:?} t=1");
        // The codes are the blends of the two encodings.
        let ends = block_on(lab.encode(kind, &[a.clone(), b.clone()].concat())).unwrap();
        assert!(max_difference(&codes[..latent], &ends[..latent]) < 1e-6);
        assert!(max_difference(&codes[(frames - 1) * latent..], &ends[latent..]) < 1e-6);
        // Halfway, the two strips show different images.
        let mid = frames / 2;
        let gap: f32 = frame(pixels, mid).iter().zip(frame(decoded, mid)).map(|(x, y)| (x - y).abs()).sum::<f32>() / 784.0;
        assert!(gap > 0.05, "{kind:?}: pixel and latent blends differ by only {gap}");
    }
    assert!(block_on(lab.interpolate("standard", &a, &b[..10], 8)).is_err());
    assert!(block_on(lab.interpolate("standard", &a, &b, 1)).is_err());
}

#[test]
fn energy_never_rises_and_falls_on_a_fixed_example() {
    let lab = lab();
    let test = files::test_set().unwrap();
    let clean = unit(&test, 3);
    let hidden: Vec<bool> = (0..784).map(|i| (9..19).contains(&(i / 28)) && (9..19).contains(&(i % 28))).collect();
    let shown = Damage::shown(&clean, &hidden);
    for kind in names() {
        for unknown in Unknown::ALL {
            let mut descent = block_on(lab.descent(kind, unknown, &shown, &hidden, 0.0)).unwrap();
            let first = descent.energies()[0];
            let mut last = first;
            for _ in 0..40 {
                block_on(descent.step()).unwrap();
                let e = descent.energies()[0];
                assert!(e <= last, "{kind:?} {unknown:?}: energy rose from {last} to {e}");
                last = e;
            }
            assert!(last < 0.8 * first, "{kind:?} {unknown:?}: energy {first} -> {last}");
            // Known pixels never move.
            let frame = block_on(lab.descent_frame(&descent)).unwrap();
            assert_eq!((frame.iteration, frame.energy), (40, last));
            let moved = frame.image.iter().zip(&shown).zip(&hidden).filter(|((a, b), h)| !**h && (*a - *b).abs() > 1e-5).count();
            assert_eq!(moved, 0, "{kind:?} {unknown:?}");
        }
    }
    assert!(block_on(lab.descent("standard", Unknown::Latent, &shown, &[false; 784], 0.0)).is_err());
}

#[test]
fn latent_energy_minimisation_improves_the_denoising_autoencoder_on_blocks() {
    let test = files::test_set().unwrap().take(100);
    let lab = lab();
    let model = lab.model("denoising").unwrap();
    let (before, after, curve) =
        block_on(energy_inpainting(find("denoising").unwrap(), &model, Backend::NdArray, &test, Damage::Block(10), 7, Unknown::Latent, 30)).unwrap();
    assert!(curve.windows(2).all(|w| w[1] <= w[0] + 1e-9));
    assert!(psnr(after) > psnr(before) + 0.3, "{:.2} dB -> {:.2} dB", psnr(before), psnr(after));
}

#[test]
fn anomaly_score_orders_digits_clothes_and_noise_and_flags_the_obvious() {
    let mut lab = lab();
    let test = files::test_set().unwrap();
    let fashion = files::read(&files::repo_root().join("www/data/fashion-examples.bin.gz")).unwrap();
    let mut rng = Rng::new(3);
    let mut mean_score = |images: Vec<Vec<f32>>| {
        let n = images.len() as f32;
        images.iter().map(|x| block_on(lab.anomaly("standard", x)).unwrap().score).sum::<f32>() / n
    };
    // Digits after the 2,000 the lab calibrates on.
    let digits = mean_score((5000..5030).map(|i| unit(&test, i)).collect());
    let clothes = mean_score((0..fashion.len()).map(|i| unit(&fashion, i)).collect());
    let noise = mean_score((0..30).map(|_| (0..784).map(|_| rng.next_f32()).collect()).collect());
    assert!(digits < clothes && clothes < noise, "digits {digits}, clothes {clothes}, noise {noise}");

    // Both models flag a white and a blank page, which the plain reconstruction error misses:
    // both come back better than a typical digit.
    for kind in names() {
        let white = block_on(lab.anomaly(kind, &[1.0; 784])).unwrap();
        let black = block_on(lab.anomaly(kind, &[0.0; 784])).unwrap();
        assert!(white.flagged && black.flagged && black.empty, "{kind:?}: {white:?} {black:?}");
        // The report carries the reconstruction and the per-pixel error the score starts from.
        assert_eq!((white.reconstruction.len(), white.error_map.len()), (784, 784));
        let mean_error = white.error_map.iter().sum::<f32>() / 784.0;
        assert!((4.0 * mean_error - white.error).abs() < 1e-3, "{kind:?}: error map mean {mean_error} vs error {}", white.error);
        assert!(white.error_percentile < 0.5 && black.error_percentile < 0.5, "{kind:?}: {white:?} {black:?}");
    }
    let mut judge = |x: Vec<f32>| block_on(lab.anomaly("standard", &x)).unwrap();
    let mut flagged = 0;
    for i in 5000..5020 {
        let digit = unit(&test, i);
        let inverted: Vec<f32> = digit.iter().map(|v| 1.0 - v).collect();
        assert!(judge(inverted).flagged, "inverted test digit {i}");
        flagged += judge(digit).flagged as usize;
    }
    assert!(flagged <= 2, "{flagged} of 20 test digits flagged");
    assert!(block_on(lab.anomaly("standard", &[0.5; 10])).is_err());
    // On the shipped Fashion-MNIST examples the combined score separates better than the
    // reconstruction error alone, and both far better than chance.
    let clothes: Vec<f32> = fashion.pixels.iter().map(|&p| p as f32 / 255.0).collect();
    let roc = block_on(lab.anomaly_roc("standard", &clothes)).unwrap();
    assert_eq!((roc.digits, roc.outliers), (2000, fashion.len()));
    assert!(roc.auc > 0.97 && roc.auc_reconstruction > 0.9 && roc.auc >= roc.auc_reconstruction, "{roc:?}");
    assert!((0.5..=1.0).contains(&roc.auc_mean_image), "the mean-image baseline ranks the images better than chance: {roc:?}");
}

#[test]
fn roc_auc_is_a_probability_of_ranking() {
    assert_eq!(roc_auc(&[3.0, 4.0], &[1.0, 2.0]), 1.0);
    assert_eq!(roc_auc(&[1.0, 2.0], &[3.0, 4.0]), 0.0);
    assert_eq!(roc_auc(&[1.0], &[1.0]), 0.5);
    assert!((roc_auc(&[2.0, 0.0], &[1.0]) - 0.5).abs() < 1e-12);
}

#[test]
fn latent_map_is_the_plane_of_largest_variance() {
    // Codes spread mostly along (1, 1, 0, 0), then along (0, 0, 1, 0).
    let mut rng = Rng::new(5);
    let codes: Vec<f32> = (0..500)
        .flat_map(|_| {
            let (a, b, c) = (3.0 * rng.normal(), rng.normal(), 0.1 * rng.normal());
            [a + 0.5, a - 0.2, b, c]
        })
        .collect();
    let map = LatentMap::fit(&codes, 4).unwrap();
    let dot = |u: &[f32], v: &[f32]| u.iter().zip(v).map(|(a, b)| a * b).sum::<f32>();
    assert!((dot(&map.axes[0], &map.axes[0]) - 1.0).abs() < 1e-5);
    assert!(dot(&map.axes[0], &map.axes[1]).abs() < 1e-5);
    assert!(dot(&map.axes[0], &[0.70710677, -0.70710677, 0.0, 0.0]).abs() > 0.99 || dot(&map.axes[0], &[0.70710677, 0.70710677, 0.0, 0.0]).abs() > 0.99);
    assert!(map.axes[1][2].abs() > 0.99);
    assert!(map.variance[0] > map.variance[1] && map.variance[0] + map.variance[1] <= map.total_variance * 1.0001);
    // The mean is the origin of the map; unprojecting a projection stays in the plane.
    assert!(map.project(&map.mean).iter().all(|v| v.abs() < 1e-5));
    let p = map.project(&codes[..4]);
    let back = map.project(&map.unproject(&p));
    assert!(max_difference(&p, &back) < 1e-4);
    assert!(LatentMap::fit(&codes[..4], 4).is_err());
}

#[test]
fn latent_map_of_real_codes_decodes_its_points() {
    let mut lab = lab();
    for kind in names() {
        let map = block_on(lab.latent_map(kind, 1000)).unwrap();
        let points = &map.points;
        assert_eq!(points.len(), 2000);
        assert!(map.variance[0] >= map.variance[1] && map.variance[1] > 0.0 && map.variance[0] + map.variance[1] <= map.total_variance);
        // Decoding a digit's point gives a digit-like image (not blank, not saturated).
        let images = block_on(lab.map_decode(kind, &points[..2])).unwrap();
        let ink = images.iter().sum::<f32>() / 784.0;
        assert!(ink > 0.03 && ink < 0.5, "{kind:?}: ink {ink}");
        assert!(block_on(lab.map_decode(kind, &[f32::NAN, 0.0])).is_err());
    }
}

#[test]
fn quantised_codes_stay_close_and_reconstruct() {
    let codes: Vec<f32> = (0..1000).map(|i| (i as f32 / 500.0 - 1.0) * 0.999).collect();
    for bits in [2, 4, 8] {
        let q = quantise(&codes, bits);
        let step = 2.0 / ((1u32 << bits) - 1) as f32;
        assert!(max_difference(&q, &codes) <= step / 2.0 + 1e-6, "{bits} bits");
        let mut levels = q.clone();
        levels.dedup();
        assert!(levels.len() <= 1 << bits);
    }
    let lab = lab();
    let test = files::test_set().unwrap();
    let digit = unit(&test, 0);
    let code = block_on(lab.encode("standard", &digit)).unwrap();
    let exact = block_on(lab.decode("standard", &code)).unwrap();
    let rounded = block_on(lab.decode("standard", &quantise(&code, 8))).unwrap();
    assert!(max_difference(&exact, &rounded) < 0.05);
}
