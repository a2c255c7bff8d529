//! The round trip between the lecture's PyTorch notebook and the page (`notebook.rs`), against
//! fixtures PyTorch wrote (`pkg-scripts/make-notebook-fixtures`): a notebook file loads and
//! computes what PyTorch computed; the page's export loads into PyTorch (the fixture script
//! checked that with `load_state_dict(strict=True)`) and PyTorch computes with it what Burn
//! does; every bad file is refused with its reason and the model kept.

use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::model::IMAGE_PIXELS;
use autoencoder_playground::notebook::{NAMES, RECIPE_KEY, model_to_notebook, read_notebook_file};
use autoencoder_playground::spec::{Recipe, find};
use autoencoder_playground::{Backend, block_on};
use safetensors::{Dtype, SafeTensors};

const NOTEBOOK: &[u8] = include_bytes!("fixtures/notebook/notebook-d30.safetensors");

/// PyTorch's reconstructions: `(test-digit indices, outputs in [-1, 1])`.
fn pytorch(bytes: &[u8]) -> (Vec<usize>, Vec<f32>) {
    assert_eq!(&bytes[..4], b"AEPR");
    let n = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let word = |i: usize| bytes[8 + 4 * i..12 + 4 * i].try_into().unwrap();
    let indices = (0..n).map(|i| u32::from_le_bytes(word(i)) as usize).collect();
    let outputs = (n..n + n * IMAGE_PIXELS).map(|i| f32::from_le_bytes(word(i))).collect();
    (indices, outputs)
}

fn lab() -> Lab {
    block_on(Lab::new(Backend::NdArray)).unwrap()
}

/// `model`'s reconstructions of the given test digits, in [-1, 1].
fn burn_outputs(lab: &Lab, model: &str, indices: &[usize]) -> Vec<f32> {
    let test = files::test_set().unwrap();
    let pixels: Vec<f32> = indices.iter().flat_map(|&i| test.image(i).iter().map(|&p| p as f32 / 255.0)).collect();
    let out = block_on(lab.reconstruct(model, &pixels, None)).unwrap();
    out.0.iter().map(|v| v * 2.0 - 1.0).collect()
}

fn largest_difference(a: &[f32], b: &[f32]) -> f32 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn a_notebook_file_computes_what_pytorch_computed() {
    let file = read_notebook_file(NOTEBOOK).unwrap();
    assert_eq!(file.latent, 30);
    assert!(file.recipe.is_none(), "PyTorch's file carries no recipe");
    let mut lab = lab();
    let spec = lab.import_model(NOTEBOOK, Some("My Notebook.safetensors")).unwrap();
    assert_eq!((spec.name.as_ref(), spec.latent, spec.tied), ("my-notebook", 30, false));
    let (indices, expected) = pytorch(include_bytes!("fixtures/notebook/notebook-d30-pytorch.bin"));
    let got = burn_outputs(&lab, "my-notebook", &indices);
    let diff = largest_difference(&got, &expected);
    eprintln!("largest difference between Burn and PyTorch: {diff:e}");
    assert!(diff <= 1e-5, "Burn and PyTorch differ by {diff}");
    // Loaded again: the name is made free.
    assert_eq!(lab.import_model(NOTEBOOK, Some("My Notebook.safetensors")).unwrap().name, "my-notebook-2");
    // Into a row of the same shape, as weights.
    lab.load_weights("standard", NOTEBOOK).unwrap();
    assert_eq!(largest_difference(&burn_outputs(&lab, "standard", &indices), &expected), diff);
}

#[test]
fn the_page_export_is_what_pytorch_reads() {
    let mut lab = lab();
    lab.load_weights("standard", &files::read_bytes(&files::repo_root().join("www/models/standard.bpk")).unwrap()).unwrap();
    let bytes = block_on(lab.export_notebook("standard")).unwrap();
    // The format's rules, read with the safetensors crate: the notebook's names, float32,
    // PyTorch's [out, in] layout.
    let file = SafeTensors::deserialize(&bytes).unwrap();
    let mut names = file.names();
    names.sort();
    let mut expected_names = NAMES.to_vec();
    expected_names.sort();
    assert_eq!(names, expected_names);
    for (name, shape) in [("encoder.0.weight", [30, 784].as_slice()), ("encoder.0.bias", &[30]), ("decoder.0.weight", &[784, 30]), ("decoder.0.bias", &[784])] {
        let t = file.tensor(name).unwrap();
        assert_eq!((t.dtype(), t.shape()), (Dtype::F32, shape), "{name}");
    }
    let (_, metadata) = SafeTensors::read_metadata(&bytes).unwrap();
    let recipe: Recipe = serde_json::from_str(&metadata.metadata().as_ref().unwrap()[RECIPE_KEY]).unwrap();
    assert_eq!(recipe, find("standard").unwrap().recipe());
    // PyTorch's outputs with the exported weights (load_state_dict(strict=True) in the fixture
    // script) are Burn's.
    let (indices, expected) = pytorch(include_bytes!("fixtures/notebook/page-standard-pytorch.bin"));
    let diff = largest_difference(&burn_outputs(&lab, "standard", &indices), &expected);
    eprintln!("largest difference between Burn and PyTorch: {diff:e}");
    assert!(diff <= 1e-5, "Burn and PyTorch differ by {diff}");
    // And the export comes back as the same model.
    let back = lab.import_model(&bytes, Some("standard.safetensors")).unwrap();
    assert_eq!(back.name, "standard-2");
    assert_eq!(burn_outputs(&lab, "standard-2", &indices), burn_outputs(&lab, "standard", &indices));
}

#[test]
fn a_tied_model_goes_out_untied_with_its_recipe() {
    let mut lab = lab();
    let recipe = Recipe { tied: true, latent: 10, ..Recipe::notebook("tied-ten", 10) };
    lab.add_model(&recipe, 3).unwrap();
    let model = lab.model("tied-ten").unwrap();
    let bytes = block_on(model_to_notebook(&model, &recipe)).unwrap();
    let file = read_notebook_file(&bytes).unwrap();
    assert_eq!(file.latent, 10);
    assert_eq!(file.recipe.as_ref().map(|r| (r.name.as_str(), r.tied)), Some(("tied-ten", false)));
    let spec = lab.import_model(&bytes, None).unwrap();
    assert_eq!((spec.name.as_ref(), spec.tied), ("tied-ten-2", false));
    assert_eq!(burn_outputs(&lab, "tied-ten-2", &[0, 1, 2]), burn_outputs(&lab, "tied-ten", &[0, 1, 2]));
    // A tied row cannot take a file's separate decoder weight.
    assert!(lab.load_weights("tied-ten", &bytes).unwrap_err().contains("tied"));
}

/// A safetensors file with the given tensors (name, dtype, shape, little-endian bytes).
fn safetensors_file(tensors: &[(&str, Dtype, Vec<usize>, Vec<u8>)]) -> Vec<u8> {
    let views: Vec<(String, safetensors::tensor::TensorView)> = tensors
        .iter()
        .map(|(name, dtype, shape, data)| (name.to_string(), safetensors::tensor::TensorView::new(*dtype, shape.clone(), data).unwrap()))
        .collect();
    safetensors::serialize(views, None).unwrap()
}

fn f32s(n: usize, value: f32) -> Vec<u8> {
    (0..n).flat_map(|_| value.to_le_bytes()).collect()
}

#[test]
fn every_bad_file_is_refused_with_its_reason_and_the_model_kept() {
    let mut lab = lab();
    let before = burn_outputs(&lab, "standard", &[0]);
    let models = lab.models().len();
    let d = 7;
    let good = |name: &str| -> (&str, Dtype, Vec<usize>, Vec<u8>) {
        match name {
            "encoder.0.weight" => ("encoder.0.weight", Dtype::F32, vec![d, 784], f32s(d * 784, 0.01)),
            "encoder.0.bias" => ("encoder.0.bias", Dtype::F32, vec![d], f32s(d, 0.0)),
            "decoder.0.weight" => ("decoder.0.weight", Dtype::F32, vec![784, d], f32s(784 * d, 0.01)),
            _ => ("decoder.0.bias", Dtype::F32, vec![784], f32s(784, 0.0)),
        }
    };
    let all = || NAMES.iter().map(|n| good(n)).collect::<Vec<_>>();
    // A well-formed file of any d is taken.
    assert_eq!(lab.import_model(&safetensors_file(&all()), Some("seven.safetensors")).unwrap().latent, 7);
    lab.remove_model("seven").unwrap();

    let mut missing = all();
    missing.remove(2);
    let mut wrong_shape = all();
    wrong_shape[3] = ("decoder.0.bias", Dtype::F32, vec![783], f32s(783, 0.0));
    let mut wrong_input = all();
    wrong_input[0] = ("encoder.0.weight", Dtype::F32, vec![d, 100], f32s(d * 100, 0.0));
    let mut half = all();
    half[1] = ("encoder.0.bias", Dtype::F16, vec![d], vec![0; 2 * d]);
    let mut nan = all();
    nan[2].3[40..44].copy_from_slice(&f32::NAN.to_le_bytes());
    let mut infinite = all();
    infinite[0].3[..4].copy_from_slice(&f32::INFINITY.to_le_bytes());
    let good_bytes = safetensors_file(&all());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("missing key", safetensors_file(&missing), "no tensor 'decoder.0.weight'"),
        ("wrong shape", safetensors_file(&wrong_shape), "'decoder.0.bias' has the shape [783]"),
        ("wrong input size", safetensors_file(&wrong_input), "nn.Linear(784, d)"),
        ("float16", safetensors_file(&half), "float32"),
        ("NaN", safetensors_file(&nan), "not a finite number"),
        ("infinity", safetensors_file(&infinite), "not a finite number"),
        ("truncated", good_bytes[..good_bytes.len() - 100].to_vec(), "cut short"),
        ("truncated header", good_bytes[..40].to_vec(), "cut short"),
        ("empty", Vec::new(), "not a model file"),
        ("not safetensors", b"PK\x03\x04 a zip file, not weights".to_vec(), "not a model file"),
        ("bad header", [8u64.to_le_bytes().as_slice(), b"{not json"].concat(), "cannot be read"),
    ];
    for (what, bytes, reason) in cases {
        let error = lab.import_model(&bytes, Some("bad.safetensors")).unwrap_err();
        assert!(error.contains(reason), "{what}: {error}");
        if bytes.len() > 8 {
            let error = lab.load_weights("standard", &bytes).unwrap_err();
            assert!(!error.is_empty(), "{what}");
        }
    }
    // The page's own model file also has JSON at byte 8: it is not taken for safetensors.
    let recipe = Recipe::notebook("tiny", 10);
    lab.add_model(&recipe, 1).unwrap();
    let file = block_on(lab.export_model("tiny")).unwrap();
    lab.remove_model("tiny").unwrap();
    assert_eq!(autoencoder_playground::format::recognise(&file), autoencoder_playground::format::Format::ModelFile);
    assert_eq!(lab.import_model(&file, Some("tiny.aepm")).unwrap().name, "tiny");
    lab.remove_model("tiny").unwrap();
    // A well-formed file of another d does not go into a row.
    assert!(lab.load_weights("standard", &good_bytes).unwrap_err().contains("d = 7"));
    assert_eq!(lab.models().len(), models);
    assert_eq!(burn_outputs(&lab, "standard", &[0]), before);
}
