//! The hand-written step of the small networks (`src/dense.rs`) against Burn's autodiff and
//! Adam: from the same weights, on the same batches (and the same corruption noise), 100 steps
//! of each kind of network the lab trains on burn-ndarray leave every weight within 1e-5 of
//! where Burn's 100 steps leave it, Adam's moments with them, and every step's loss within 1e-4
//! of Burn's (relatively).

use autoencoder_playground::data::files;
use autoencoder_playground::dense;
use autoencoder_playground::manifold::{Curve, Plane, PlaneSetup, Way};
use autoencoder_playground::spec::{Corruption, Loss, MODELS, ModelSpec, Recipe};
use autoencoder_playground::training::{Trainer, TrainingConfig};
use autoencoder_playground::parts::{Activation, Scale};
use autoencoder_playground::superres::{SuperRes, SuperResSetup};
use autoencoder_playground::unrolling::{Helix, HelixSetup};
use burn::prelude::*;

const STEPS: usize = 100;
const TOLERANCE: f32 = 1e-5;

/// The CPU device, with this file's lock: the device's random generator (seeded by each
/// network's set-up, drawn by the corruptions) is one for the process, and the tests of a file
/// run in parallel threads.
#[allow(deprecated)]
fn cpu() -> (Device, std::sync::MutexGuard<'static, ()>) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    (Device::ndarray(), ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner()))
}

/// The largest difference between two lists of parameters (same paths, same sizes).
fn largest_difference(a: &[dense::Param], b: &[dense::Param]) -> (f32, String) {
    assert_eq!(a.len(), b.len());
    let mut worst = (0.0f32, String::new());
    for (p, q) in a.iter().zip(b) {
        assert_eq!((&p.path, p.values.len()), (&q.path, q.values.len()));
        for (x, y) in p.values.iter().zip(&q.values) {
            let d = (x - y).abs();
            assert!(d.is_finite(), "{}: {x} against {y}", p.path);
            if d > worst.0 {
                worst = (d, p.path.clone());
            }
        }
    }
    worst
}

/// Each step's loss within 1e-4 of Burn's, relatively: the weights agree to 1e-5, but a batch's
/// loss sums 200,704 squares, and where the loss jumps (the d = 500 model's tenth step) a
/// difference of 1e-6 in the weights shows as 5e-5 of the loss.
fn losses_agree(what: &str, hand: &[f32], burn: &[f32]) {
    for (step, (h, b)) in hand.iter().zip(burn).enumerate() {
        assert!((h - b).abs() <= 1e-4 * b.abs(), "{what}, step {step}: loss {h} by hand, {b} by Burn");
    }
}

fn spec(recipe: Recipe) -> ModelSpec {
    recipe.build(0).expect("a valid recipe")
}

/// Every part the model builder offers: the lecture's two models, then tied weights with
/// linear units, [0, 1] pixels with a sigmoid and BCE, the contractive penalty, Gaussian noise.
fn specs() -> Vec<ModelSpec> {
    let mut all = MODELS.to_vec();
    let base = |name: &str, latent| Recipe::notebook(name, latent);
    all.push(spec(Recipe { tied: true, activation: Activation::Linear, ..base("tied", 40) }));
    all.push(spec(Recipe { scale: Scale::Unit, loss: Loss::Bce, ..base("bce", 64) }));
    all.push(spec(Recipe { contractive: 0.05, tied: true, ..base("contractive", 50) }));
    all.push(spec(Recipe { corruption: Corruption::Gaussian { sigma: 0.3 }, ..base("gaussian", 30) }));
    all
}

#[test]
fn the_table_models_follow_burn() {
    let (device, _lock) = cpu();
    let digits = files::test_set().expect("www/data/mnist-test.bin.gz").take(1024);
    let images = digits.to_tensor(&device.clone().autodiff());
    for (stream, spec) in specs().iter().enumerate() {
        let config = || TrainingConfig::new().with_seed(5);
        let mut hand = Trainer::new(spec, stream as u64, config(), &device);
        let mut burn = Trainer::new(spec, stream as u64, config(), &device).with_burn_step();
        assert!(hand.hand_step() && !burn.hand_step());
        let run = |trainer: &mut Trainer| -> Vec<f32> {
            // The same corruption noise for both: the device's generator from the same seed.
            // As the page trains: the hand-written step reads its batches from the digits'
            // bytes, Burn's selects them from the tensor.
            device.seed(77);
            (0..STEPS).map(|_| trainer.step_digits(&digits, &images).into_scalar::<f32>()).collect()
        };
        let (by_hand, by_burn) = (run(&mut hand), run(&mut burn));
        let (worst, path) = largest_difference(&dense::read(&hand.inference_model()), &dense::read(&burn.inference_model()));
        losses_agree(&spec.name, &by_hand, &by_burn);
        assert!(by_hand[STEPS - 1] < by_hand[0], "{}: the loss did not fall", spec.name);
        println!("{}: largest difference after {STEPS} steps {worst:.2e} ({path})", spec.name);
        assert!(worst <= TOLERANCE, "{}: {path} differs by {worst} after {STEPS} steps", spec.name);
        // Adam's moments, saved and resumed, are the same too (the page's autosave).
        let (a, b) = (autoencoder_playground::block_on(hand.state()).unwrap(), autoencoder_playground::block_on(burn.state()).unwrap());
        assert_eq!(a.moments.len(), b.moments.len());
        for (m, n) in a.moments.iter().zip(&b.moments) {
            assert_eq!((&m.path, m.time), (&n.path, n.time));
            let close = |x: &[f32], y: &[f32]| x.iter().zip(y).all(|(x, y)| (x - y).abs() <= TOLERANCE * y.abs().max(1e-3));
            assert!(close(&m.first, &n.first) && close(&m.second, &n.second), "{}: {}'s moments differ", spec.name, m.path);
        }
    }
}

#[test]
fn a_resumed_hand_trainer_takes_the_steps_it_would_have() {
    let (device, _lock) = cpu();
    let images = files::test_set().unwrap().take(512).to_tensor(&device.clone().autodiff());
    let spec = &MODELS[0];
    let mut straight = Trainer::new(spec, 0, TrainingConfig::new(), &device);
    let mut halfway = Trainer::new(spec, 0, TrainingConfig::new(), &device);
    for _ in 0..10 {
        straight.step(&images);
        halfway.step(&images);
    }
    let state = autoencoder_playground::block_on(halfway.state()).unwrap();
    let mut resumed = Trainer::resume(spec, halfway.inference_model(), state);
    assert!(resumed.hand_step());
    for _ in 0..10 {
        let (a, b) = (straight.step(&images).into_scalar::<f32>(), resumed.step(&images).into_scalar::<f32>());
        assert_eq!(a, b);
    }
    let (worst, _) = largest_difference(&dense::read(&straight.inference_model()), &dense::read(&resumed.inference_model()));
    assert_eq!(worst, 0.0);
}

#[test]
fn the_toys_follow_burn() {
    let (device, _lock) = cpu();
    for (tied, nearest, curve) in [(false, false, Curve::Circle), (true, true, Curve::Branches)] {
        let setup = PlaneSetup { curve, points: 300, seed: 3, sigma: 0.1, hidden: 128, lambda: 0.003, nearest, tied };
        let mut hand = Plane::new(setup, &device).unwrap();
        let mut burn = Plane::new(setup, &device).unwrap().with_burn_step();
        let by_hand: Vec<Vec<f32>> = (0..STEPS).map(|_| hand.step().into_data().try_to_vec::<f32>().unwrap()).collect();
        let by_burn: Vec<Vec<f32>> = (0..STEPS).map(|_| burn.step().into_data().try_to_vec::<f32>().unwrap()).collect();
        losses_agree("plane", &by_hand.concat(), &by_burn.concat());
        for way in Way::ALL {
            let (worst, path) = largest_difference(&dense::read(&hand.model(way)), &dense::read(&burn.model(way)));
            println!("plane {way:?} (tied {tied}): largest difference after {STEPS} steps {worst:.2e} ({path})");
            assert!(worst <= TOLERANCE, "plane {way:?}: {path} differs by {worst}");
        }
    }
    let setup = HelixSetup { points: 300, seed: 1, hidden: 64, turns: 1.0 };
    let mut hand = Helix::new(setup, &device).unwrap();
    let mut burn = Helix::new(setup, &device).unwrap().with_burn_step();
    let by_hand: Vec<f32> = (0..STEPS).map(|_| hand.step().into_scalar::<f32>()).collect();
    let by_burn: Vec<f32> = (0..STEPS).map(|_| burn.step().into_scalar::<f32>()).collect();
    losses_agree("helix", &by_hand, &by_burn);
    let (worst, path) = largest_difference(&dense::read(&hand.model()), &dense::read(&burn.model()));
    println!("helix: largest difference after {STEPS} steps {worst:.2e} ({path})");
    assert!(worst <= TOLERANCE, "helix: {path} differs by {worst}");
}

#[test]
fn super_resolution_follows_burn() {
    let (device, _lock) = cpu();
    let digits = files::test_set().unwrap().take(2000);
    let setup = SuperResSetup { factor: 4, hidden: 300, up_to: 9, seed: 2 };
    let mut hand = SuperRes::new(setup, &digits, &device).unwrap();
    let mut burn = SuperRes::new(setup, &digits, &device).unwrap().with_burn_step();
    let by_hand: Vec<f32> = (0..STEPS).map(|_| hand.step().into_scalar::<f32>()).collect();
    let by_burn: Vec<f32> = (0..STEPS).map(|_| burn.step().into_scalar::<f32>()).collect();
    losses_agree("super-resolution", &by_hand, &by_burn);
    let (worst, path) = largest_difference(&dense::read(&hand.model()), &dense::read(&burn.model()));
    println!("super-resolution: largest difference after {STEPS} steps {worst:.2e} ({path})");
    assert!(worst <= TOLERANCE, "super-resolution: {path} differs by {worst}");
}
