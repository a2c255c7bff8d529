//! Replays `tests/fixtures/fuzz/<target>/*` through the code each fuzz target runs
//! (`fuzz/fuzz_targets/`): every input must come back as a value or a sentence, never a panic.
//! The folders hold hand-made hostile inputs (lengths that claim more than the file holds) and
//! every input the fuzzer ever crashed on.

use autoencoder_playground::checkpoint::Checkpoint;
use autoencoder_playground::data::{Digits, files};
use autoencoder_playground::drawing::image_to_mnist;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, block_on};

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = files::repo_root().join("tests/fixtures/fuzz").join(target);
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no inputs for {target}");
    found
}

#[test]
fn every_input_that_ever_broke_a_parser_is_refused_or_taken() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    for (name, bytes) in inputs("digits") {
        assert!(Digits::from_bytes(&bytes).is_err(), "digits/{name}");
    }
    for (name, bytes) in inputs("weights") {
        let (&which, rest) = bytes.split_first().unwrap();
        let model = if which % 2 == 0 { "standard" } else { "denoising" };
        assert!(lab.load_weights(model, rest).is_err(), "weights/{name}");
    }
    for (name, bytes) in inputs("import") {
        assert!(lab.import_model(&bytes, Some("upload.safetensors")).is_err(), "import/{name}");
    }
    for (name, bytes) in inputs("checkpoint") {
        let refused = Checkpoint::read(&bytes).err().or_else(|| lab.load_weights("standard", &bytes).err());
        assert!(refused.is_some(), "checkpoint/{name}");
    }
    for (name, bytes) in inputs("picture") {
        let (w, h) = (bytes[0] as usize + 1, bytes[1] as usize + 1);
        let mut rgba = bytes[2..].to_vec();
        rgba.resize(w * h * 4, 0);
        let _ = image_to_mnist(&rgba, w, h).map(|d| assert_eq!(d.len(), 784, "picture/{name}"));
    }
    assert_eq!(lab.models().len(), 2, "nothing was added");
}
