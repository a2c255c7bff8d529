//! Checkpoints (`checkpoint.rs`): a model's training saved and put back, natively on the CPU
//! backend with real MNIST digits. A restored model has the same weights bit for bit and goes on
//! exactly as the one never stopped; a bad checkpoint changes nothing.

use autoencoder_playground::checkpoint::Checkpoint;
use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::spec::Recipe;
use autoencoder_playground::transform::Augmentation;
use autoencoder_playground::{Backend, block_on};

fn lab() -> Lab {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(files::page_training_set().unwrap().take(3000)).unwrap();
    lab.set_test_digits(files::test_set().unwrap().take(100)).unwrap();
    lab
}

/// A model's parameters, bit for bit (the weights file's values; the file also holds each
/// parameter's random id, which a reload draws anew).
fn parameters(lab: &Lab, model: &str) -> Vec<u32> {
    let m = lab.model(model).unwrap();
    let mut values = m.encoder.weight.val().into_data().try_to_vec::<f32>().unwrap();
    values.extend(m.encoder.bias.as_ref().unwrap().val().into_data().try_to_vec::<f32>().unwrap());
    if let Some(d) = &m.decoder {
        values.extend(d.weight.val().into_data().try_to_vec::<f32>().unwrap());
        values.extend(d.bias.as_ref().unwrap().val().into_data().try_to_vec::<f32>().unwrap());
    }
    assert!(values.len() > 40_000);
    values.into_iter().map(f32::to_bits).collect()
}

fn digit() -> Vec<f32> {
    files::test_set().unwrap().take(1).image(0).iter().map(|&p| p as f32 / 255.0).collect()
}

/// Train, checkpoint, restore in a fresh session: the weights are identical, the history is
/// kept, and the next steps' losses are those of the session that never stopped (the standard
/// model has no corruption, so nothing random is drawn on the device).
#[test]
fn a_restored_model_goes_on_as_if_it_never_stopped() {
    let mut first = lab();
    let trained = block_on(first.train("standard", 7)).unwrap();
    let saved = block_on(first.checkpoint("standard")).unwrap();
    let mut second = lab();
    second.load_weights("standard", &saved).unwrap();
    assert!(parameters(&second, "standard") == parameters(&first, "standard"), "weights bit-identical");
    assert_eq!(second.history("standard").unwrap(), &trained.losses[..]);
    assert_eq!(second.steps("standard").unwrap(), 7);
    let go_on = block_on(first.train("standard", 5)).unwrap();
    let resumed = block_on(second.train("standard", 5)).unwrap();
    assert_eq!(resumed.losses, go_on.losses, "Adam's moments and the shuffle went on where they stood");
    assert_eq!(resumed.steps, 12);
    assert_eq!(second.history("standard").unwrap().len(), 12);
    assert!(parameters(&second, "standard") == parameters(&first, "standard"));
    // Loading weights alone (not a checkpoint) starts a new history.
    let weights = block_on(first.weights("standard")).unwrap();
    second.load_weights("standard", &weights).unwrap();
    assert!(second.history("standard").unwrap().is_empty());
}

/// A built model with augmentation: its recipe, augmentation and shuffle come back too.
#[test]
fn a_built_model_with_augmentation_comes_back_whole() {
    let recipe: Recipe = serde_json::from_str(r#"{"name":"small","latent":10,"activation":"tanh","tied":true,"scale":"unit","loss":"bce","corruption":{"kind":"none"}}"#).unwrap();
    let mut first = lab();
    first.add_model(&recipe, 3).unwrap();
    let ranges = Augmentation { shift: 2.0, rotation: 10.0, zoom: 0.1, brightness: 0.0, thickness: 0.0, blur: 0.0 };
    first.set_augmentation("small", Some(ranges)).unwrap();
    block_on(first.train("small", 4)).unwrap();
    let saved = block_on(first.checkpoint("small")).unwrap();
    let parsed = Checkpoint::read(&saved).unwrap();
    assert_eq!(parsed.recipe.name, "small");
    assert_eq!(Checkpoint::read(&parsed.to_bytes().unwrap()).unwrap(), parsed, "bytes round-trip");
    let mut second = lab();
    second.add_model(&recipe, 99).unwrap();
    second.load_weights("small", &saved).unwrap();
    assert_eq!(second.augmentation("small").unwrap(), Some(ranges));
    assert_eq!(block_on(second.train("small", 3)).unwrap().losses, block_on(first.train("small", 3)).unwrap().losses);
}

/// Cut, padded, poisoned or foreign checkpoints are refused with a sentence, and the model
/// keeps its weights and history.
#[test]
fn a_bad_checkpoint_changes_nothing() {
    let mut lab = lab();
    block_on(lab.train("standard", 2)).unwrap();
    let good = block_on(lab.checkpoint("standard")).unwrap();
    let other = block_on(lab.checkpoint("denoising")).unwrap();
    block_on(lab.train("standard", 1)).unwrap();
    let before = block_on(lab.reconstruct("standard", &digit(), None)).unwrap();
    let history = lab.history("standard").unwrap().to_vec();
    let mut nan = good.clone();
    let n = nan.len();
    nan[n - 4..].copy_from_slice(&f32::NAN.to_le_bytes());
    let mut padded = good.clone();
    padded.push(0);
    let mut header = good.clone();
    header[12] = b'!';
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("cut short", good[..good.len() - 9].to_vec(), "cut short"),
        ("cut in the header", good[..20].to_vec(), "cut short"),
        ("one byte more", padded, "more than its header"),
        ("a NaN moment", nan, "NaN"),
        ("a broken header", header, "header cannot be read"),
        ("another model's", other, "not of the standard model"),
    ];
    for (what, bytes, expected) in cases {
        let error = lab.load_weights("standard", &bytes).expect_err(what);
        assert!(error.contains(expected), "{what}: {error}");
        assert_eq!(block_on(lab.reconstruct("standard", &digit(), None)).unwrap(), before, "{what}: the model changed");
        assert_eq!(lab.history("standard").unwrap(), &history[..], "{what}: the history changed");
    }
}
