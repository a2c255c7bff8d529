//! Native tests of the core on the CPU backend, with real MNIST digits.

use autoencoder_playground::corrupt::DropoutNoise;
use autoencoder_playground::data::{self, Digits, files};
use autoencoder_playground::evaluation::{Input, Scores, psnr, reconstruction_error};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::model::{AutoencoderConfig, IMAGE_PIXELS};
use autoencoder_playground::spec::{MODELS, find};
use autoencoder_playground::weights::{model_to_8bit, model_to_weights, weights_to_model};
use autoencoder_playground::rng::Rng;
use autoencoder_playground::loss::mse;
use autoencoder_playground::training::{Trainer, TrainingConfig};
use autoencoder_playground::{Backend, block_on};
use burn::prelude::*;

#[allow(deprecated)]
fn cpu() -> Device {
    Device::ndarray()
}

fn test_digits(n: usize) -> Digits {
    files::test_set().expect("www/data/mnist-test.bin.gz").take(n)
}

#[test]
fn shipped_data_is_mnist() {
    let test = files::test_set().unwrap();
    assert_eq!(test.len(), 10_000);
    let mut counts = [0usize; 10];
    for &l in &test.labels {
        counts[l as usize] += 1;
    }
    assert_eq!(counts, [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    let train = files::page_training_set().unwrap();
    assert!(train.len() >= 10_000, "page training subset has {} digits", train.len());
    // MNIST digits are white strokes on black: most pixels are 0, a few are 255.
    let zeros = test.pixels.iter().filter(|&&p| p == 0).count() as f64 / test.pixels.len() as f64;
    assert!((0.75..0.85).contains(&zeros), "fraction of black pixels {zeros}");
}

#[test]
fn digits_format_round_trips_and_rejects_garbage() {
    let d = test_digits(3);
    let back = Digits::from_bytes(&d.to_bytes()).unwrap();
    assert_eq!(back.pixels, d.pixels);
    assert_eq!(back.labels, d.labels);
    assert!(Digits::from_bytes(b"hello").is_err());
    let mut truncated = d.to_bytes();
    truncated.pop();
    assert!(Digits::from_bytes(&truncated).unwrap_err().contains("expected"));
}

#[test]
fn normalisation_matches_the_notebook() {
    assert_eq!(data::normalize(0.0), -1.0);
    assert_eq!(data::normalize(1.0), 1.0);
    assert_eq!(data::normalize(0.5), 0.0);
    assert_eq!(data::denormalize(data::normalize(0.25)), 0.25);
    let t = test_digits(2).to_tensor(&cpu());
    let v = t.into_data().try_to_vec::<f32>().unwrap();
    assert!(v.iter().all(|x| (-1.0..=1.0).contains(x)));
    assert_eq!(v.iter().cloned().fold(f32::MAX, f32::min), -1.0);
}

#[test]
fn model_shapes() {
    let device = cpu();
    for (name, latent) in [("standard", 30), ("denoising", 500)] {
        assert_eq!(find(name).unwrap().latent, latent);
        let model = AutoencoderConfig::new(latent).init(&device);
        assert_eq!(model.latent(), latent);
        let x = test_digits(5).to_tensor(&device);
        assert_eq!(model.encode(x.clone()).dims(), [5, latent]);
        let y = model.reconstruct(x);
        assert_eq!(y.dims(), [5, IMAGE_PIXELS]);
        let v = y.into_data().try_to_vec::<f32>().unwrap();
        assert!(v.iter().all(|x| x.abs() < 1.0), "tanh output stays in (-1, 1)");
    }
}

#[test]
fn dropout_noise_statistics() {
    let noise = DropoutNoise::default();
    // Host masks: about half the pixels dropped, the same for the same seed.
    let mask = noise.mask(100_000, &mut Rng::new(3));
    let kept = mask.iter().filter(|&&k| k == 1.0).count() as f64 / mask.len() as f64;
    assert!((kept - 0.5).abs() < 0.01, "kept fraction {kept}");
    assert_eq!(mask, noise.mask(100_000, &mut Rng::new(3)));
    assert_ne!(mask, noise.mask(100_000, &mut Rng::new(4)));
    // Kept pixels are doubled, dropped ones become 0 (grey in [-1, 1]).
    assert_eq!(noise.apply(&[-1.0, 1.0, 0.5], &[1.0, 0.0, 1.0]), vec![-2.0, 0.0, 1.0]);

    // Device masks: same statistics, and the mean of the corrupted input is preserved.
    let device = cpu();
    let x = Tensor::<2>::ones([200, IMAGE_PIXELS], &device);
    let y = noise.corrupt(x).into_data().try_to_vec::<f32>().unwrap();
    assert!(y.iter().all(|&v| v == 0.0 || v == 2.0));
    let zeros = y.iter().filter(|&&v| v == 0.0).count() as f64 / y.len() as f64;
    assert!((zeros - 0.5).abs() < 0.01, "dropped fraction {zeros}");
    let mean = y.iter().map(|&v| v as f64).sum::<f64>() / y.len() as f64;
    assert!((mean - 1.0).abs() < 0.02, "mean {mean}");
    assert!(DropoutNoise::new(1.0).is_err());
}

#[test]
fn evaluation_maths() {
    assert!((psnr(0.01) - 20.0).abs() < 1e-9);
    assert!((psnr(0.001) - 30.0).abs() < 1e-9);
    let s = Scores::from_mse(0.04);
    assert!((s.mse_unit() - 0.01).abs() < 1e-12);
    assert!((s.psnr() - 20.0).abs() < 1e-9);
    let device = cpu();
    let a = Tensor::<2>::from_data([[0.0f32, 1.0], [2.0, 3.0]], &device);
    let b = Tensor::<2>::from_data([[0.0f32, 0.0], [0.0, 1.0]], &device);
    assert_eq!(mse(a, b).into_scalar::<f32>(), (1.0 + 4.0 + 4.0) / 4.0);

    // The batched evaluation equals the error computed in one go.
    let model = AutoencoderConfig::new(30).init(&device);
    let x = test_digits(250).to_tensor(&device);
    let whole = mse(model.reconstruct(x.clone()), x.clone()).into_scalar::<f32>();
    let batched = reconstruction_error(&model, &x, Input::Clean, 64).into_scalar::<f32>();
    assert!((whole - batched).abs() < 1e-5, "{whole} vs {batched}");
    // The same seed gives the same corrupted evaluation.
    let noisy = |seed| reconstruction_error(&model, &x, Input::Dropout(DropoutNoise::default(), seed), 100).into_scalar::<f32>();
    assert_eq!(noisy(5), noisy(5));
    assert_ne!(noisy(5), noisy(6));
}

#[test]
fn a_few_training_steps_lower_the_loss_on_real_digits() {
    let device = cpu();
    let images = test_digits(2048).to_tensor(&device.clone().autodiff());
    // The lecture's models (those that ship trained): 30 steps take 40% off the loss.
    for (stream, spec) in MODELS.iter().enumerate().filter(|(_, s)| s.shipped) {
        let mut trainer = Trainer::new(spec, stream as u64, TrainingConfig::new().with_seed(3), &device);
        let losses: Vec<f32> = (0..30).map(|_| trainer.step(&images).into_scalar::<f32>()).collect();
        let first = losses[..3].iter().sum::<f32>() / 3.0;
        let last = losses[losses.len() - 3..].iter().sum::<f32>() / 3.0;
        assert!(last < 0.6 * first, "{}: loss went from {first} to {last}", spec.name);
        assert_eq!(trainer.steps, 30);
        assert_eq!(trainer.samples, 30 * 256);
    }
}

#[test]
fn batches_cover_every_digit_once_per_epoch() {
    let mut trainer = Trainer::new(&MODELS[0], 0, TrainingConfig::new().with_batch_size(10), &cpu());
    let mut seen: Vec<usize> = (0..5).flat_map(|_| trainer.next_batch(50)).collect();
    seen.sort();
    assert_eq!(seen, (0..50).collect::<Vec<_>>());
}

/// The hand-written step's batches, read from the digits' bytes, hold the tensor's rows.
#[test]
fn rows_read_from_the_bytes_are_the_tensors_rows() {
    let digits = test_digits(300);
    let indices = [299, 0, 17, 17, 150];
    let from_tensor = data::batch(&digits.to_tensor(&cpu()), &indices).into_data().try_to_vec::<f32>().unwrap();
    assert_eq!(digits.rows(&indices), from_tensor);
    assert!(from_tensor.iter().any(|&v| v > 0.0) && from_tensor.iter().all(|v| (-1.0..=1.0).contains(v)));
}

#[test]
fn weights_round_trip_through_save_and_load() {
    let device = cpu();
    let model = AutoencoderConfig::new(30).init(&device);
    let bytes = block_on(model_to_weights(&model)).unwrap();
    let standard = find("standard").unwrap();
    let loaded = weights_to_model(standard, &bytes, &device).unwrap();
    let x = test_digits(4).to_tensor(&device);
    let a = model.reconstruct(x.clone()).into_data().try_to_vec::<f32>().unwrap();
    let b = loaded.reconstruct(x).into_data().try_to_vec::<f32>().unwrap();
    assert_eq!(a, b);
    // Weights of one model do not fit the other, and garbage is refused with a message.
    assert!(weights_to_model(find("denoising").unwrap(), &bytes, &device).unwrap_err().contains("do not fit"));
    assert!(weights_to_model(standard, b"garbage", &device).is_err());
}

/// The page's 8-bit weights: every weight within half its unit's step of the original, the
/// reconstructions within a hair, the shipped `.q8.gz` files those of the shipped `.bpk` files;
/// and every bad file (cut short, too long, another shape, a NaN) refused with its reason.
#[test]
fn eight_bit_weights_are_close_and_bad_ones_are_refused() {
    let device = cpu();
    for name in ["standard", "denoising"] {
        let spec = find(name).unwrap();
        let full = std::fs::read(files::repo_root().join(format!("www/models/{name}.bpk"))).unwrap();
        let model = weights_to_model(spec, &full, &device).unwrap();
        let eight = block_on(model_to_8bit(&model)).unwrap();
        let shipped = files::read_bytes(&files::repo_root().join(format!("www/models/{name}.q8.gz"))).unwrap();
        assert_eq!(eight, shipped, "{name}: www/models/{name}.q8.gz is the 8-bit form of {name}.bpk");
        let small = weights_to_model(spec, &eight, &device).unwrap();
        let w = model.encoder.weight.val().into_data().try_to_vec::<f32>().unwrap();
        let q = small.encoder.weight.val().into_data().try_to_vec::<f32>().unwrap();
        let latent = spec.latent;
        for j in 0..latent {
            let column: Vec<usize> = (0..IMAGE_PIXELS).map(|i| i * latent + j).collect();
            let step = column.iter().map(|&k| w[k].abs()).fold(0.0f32, f32::max) / 127.0;
            assert!(column.iter().all(|&k| (w[k] - q[k]).abs() <= step * 0.5 + 1e-7), "{name}: unit {j} off by more than half a step");
        }
        let x = test_digits(200).to_tensor(&device);
        let (a, b) = (reconstruction_error(&model, &x, Input::Clean, 200).into_scalar::<f32>(), reconstruction_error(&small, &x, Input::Clean, 200).into_scalar::<f32>());
        assert!((psnr(a as f64 / 4.0) - psnr(b as f64 / 4.0)).abs() < 0.05, "{name}: {a} against {b}");

        let refused = |bytes: &[u8], why: &str| {
            let e = weights_to_model(spec, bytes, &device).unwrap_err();
            assert!(e.contains(why), "{name}: '{e}' should say '{why}'");
        };
        refused(&eight[..eight.len() - 1], "cut short");
        refused(&eight[..9], "cut short");
        refused(&[&eight[..], &[0u8]].concat(), "too many");
        let other = if name == "standard" { "denoising" } else { "standard" };
        assert!(weights_to_model(find(other).unwrap(), &eight, &device).unwrap_err().contains("do not fit"));
        let mut nan = eight.clone();
        let first_scale = 13;
        nan[first_scale..first_scale + 4].copy_from_slice(&f32::NAN.to_le_bytes());
        refused(&nan, "not a finite number");
    }
}

#[test]
fn lab_survives_bad_input_and_keeps_its_model() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    let digit: Vec<f32> = test_digits(1).image(0).iter().map(|&p| p as f32 / 255.0).collect();
    let before = block_on(lab.reconstruct("standard", &digit, None)).unwrap();
    assert!(lab.load_weights("standard", b"not weights").is_err());
    assert!(block_on(lab.reconstruct("standard", &digit[..100], None)).is_err());
    assert!(block_on(lab.reconstruct("standard", &[f32::NAN; 784], None)).is_err());
    assert!(block_on(lab.train("standard", 1)).unwrap_err().contains("no training digits"));
    assert!(block_on(lab.train("standard", 0)).unwrap_err().contains("at least 1"));
    assert!(block_on(lab.train("variational", 1)).unwrap_err().contains("unknown model 'variational'"));
    let after = block_on(lab.reconstruct("standard", &digit, None)).unwrap();
    assert_eq!(before, after);
    assert!(after.iter().all(|v| (0.0..=1.0).contains(v)));
}

#[test]
fn shipped_weights_reconstruct_test_digits() {
    let device = cpu();
    let x = test_digits(500).to_tensor(&device);
    for (name, bound) in [("standard", 0.065), ("denoising", 0.05)] {
        let spec = find(name).unwrap();
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{name}.bpk"))).expect("shipped weights");
        let model = weights_to_model(spec, &bytes, &device).unwrap();
        let err = reconstruction_error(&model, &x, Input::training(spec.corruption), 250).into_scalar::<f32>();
        assert!(err < bound, "{name}: test MSE {err}");
    }
}

/// Pressing Train on the page continues from the shipped weights with a fresh optimiser: one
/// epoch over the page's 12,000 training digits (46 steps of 256) must leave the test loss no
/// worse than shipped (within 0.5%), for both models. Without the learning-rate warm-up the
/// first steps undo part of the training.
#[test]
fn continuing_from_the_shipped_weights_does_not_make_them_worse() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    let train = files::page_training_set().unwrap();
    let epoch = train.len() / TrainingConfig::new().batch_size;
    lab.set_training_digits(train).unwrap();
    lab.set_test_digits(files::test_set().unwrap()).unwrap();
    for spec in MODELS.iter().filter(|s| s.shipped) {
        let name = spec.name.as_ref();
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{name}.bpk"))).unwrap();
        lab.load_weights(name, &bytes).unwrap();
        let before = block_on(lab.evaluate(name, usize::MAX)).unwrap().mse;
        let report = block_on(lab.train(name, epoch)).unwrap();
        let after = block_on(lab.evaluate(name, usize::MAX)).unwrap().mse;
        println!("{name}: test MSE {before:.5} -> {after:.5} after {epoch} steps (batch losses {:.4} .. {:.4})", report.losses[0], report.losses[epoch - 1]);
        assert!(after <= before * 1.005, "{name}: one epoch from the shipped weights took the test MSE from {before} to {after}");
    }
}

/// A run whose loss is not finite leaves the model as it was and says so (the losses of a run
/// are read once, after its last step).
#[test]
fn a_diverging_run_changes_nothing() {
    let device = cpu();
    let mut model = AutoencoderConfig::new(30).init(&device);
    let bias = model.encoder.bias.as_ref().unwrap().val();
    let poisoned = bias.clone().mul_scalar(f32::NAN);
    model.encoder.bias = Some(burn::module::Param::from_tensor(poisoned));
    let bytes = block_on(model_to_weights(&model)).unwrap();
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(test_digits(512)).unwrap();
    lab.load_weights("standard", &bytes).unwrap();
    // Every parameter's bits (NaN included), encoder then decoder.
    let bits = |lab: &Lab| -> Vec<u32> {
        let m = lab.model("standard").unwrap();
        let decoder = m.decoder.unwrap();
        [m.encoder.weight.val(), decoder.weight.val()]
            .into_iter()
            .map(|t| t.reshape([-1]))
            .chain([m.encoder.bias.unwrap().val(), decoder.bias.unwrap().val()])
            .flat_map(|t| t.into_data().try_to_vec::<f32>().unwrap())
            .map(f32::to_bits)
            .collect()
    };
    let before = bits(&lab);
    let error = block_on(lab.train("standard", 5)).unwrap_err();
    assert!(error.contains("training diverged, the model was kept"), "{error}");
    assert_eq!(lab.steps("standard").unwrap(), 0);
    assert!(bits(&lab) == before, "the parameters changed");
    // A healthy model trains on: 5 steps, one read.
    lab.reset("standard", 2).unwrap();
    let report = block_on(lab.train("standard", 5)).unwrap();
    assert_eq!((report.losses.len(), report.steps), (5, 5));
    assert!(report.losses.iter().all(|l| l.is_finite()));
}
