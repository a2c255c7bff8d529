//! The notebooks the page exports (`src/ipynb.rs`) against the ones PyTorch ran
//! (`tests/fixtures/ipynb/`, written by `pkg-scripts/make-ipynb-fixtures`): for the two shipped
//! models and three built ones, the exporter writes the same cells with the same weights, and
//! the figures the notebook printed in PyTorch are the page's to 0.01 dB.

use autoencoder_playground::data::files;
use autoencoder_playground::ipynb::{Language, Source, fnv1a64};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, MODELS, block_on};
use serde_json::Value;

const FIXTURES: &str = "tests/fixtures/ipynb";

/// A session as `evaluate --ipynb-fixtures` makes it: the shipped weights, the page's training
/// digits, the 10,000 test digits, and the built models from their files.
fn session() -> Lab {
    let root = files::repo_root();
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    for spec in MODELS.iter().filter(|spec| spec.shipped) {
        lab.load_weights(&spec.name, &std::fs::read(root.join(format!("www/models/{}.bpk", spec.name))).unwrap()).unwrap();
    }
    lab.set_training_digits(files::page_training_set().unwrap()).unwrap();
    lab.set_test_digits(files::test_set().unwrap()).unwrap();
    for name in ["tied-linear", "bce-gaussian", "contractive"] {
        let bytes = std::fs::read(root.join(FIXTURES).join(format!("{name}.model"))).unwrap();
        assert_eq!(lab.import_model(&bytes, None).unwrap().name, name);
    }
    lab
}

/// A cell's text.
fn cell_text(cell: &Value) -> String {
    cell["source"].as_array().unwrap().iter().map(|l| l.as_str().unwrap()).collect()
}

/// The text with what it embeds (weights, a student's images) replaced by its hash, as the
/// fixtures keep it.
fn hashed(text: &str) -> String {
    text.lines()
        .map(|line| {
            for name in ["WEIGHTS", "TRAIN", "TEST"] {
                if let Some(b64) = line.strip_prefix(&format!("{name} = '")).and_then(|rest| rest.strip_suffix('\''))
                    && !b64.starts_with('<')
                {
                    return format!("{name} = '<fnv1a64 {:016x}>'", fnv1a64(b64.as_bytes()));
                }
            }
            line.to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first PSNR a notebook printed (before it trained further).
fn printed_psnr(notebook: &Value) -> f64 {
    for cell in notebook["cells"].as_array().unwrap() {
        for output in cell["outputs"].as_array().into_iter().flatten() {
            let text: String = match &output["text"] {
                Value::String(s) => s.clone(),
                Value::Array(lines) => lines.iter().map(|l| l.as_str().unwrap()).collect(),
                _ => continue,
            };
            if let Some(at) = text.find("PSNR: ") {
                return text[at + 6..].split(' ').next().unwrap().parse().unwrap();
            }
        }
    }
    panic!("the notebook printed no PSNR");
}

#[test]
fn exported_notebooks_are_those_pytorch_ran_and_print_the_pages_figures() {
    let lab = session();
    for name in ["standard", "denoising", "tied-linear", "bce-gaussian", "contractive"] {
        let language = if name == "denoising" { Language::Pt } else { Language::En };
        compare(&lab, name, name, Source::Mnist, language);
    }
    // A student's own images, embedded in the notebook: the standard model on a small session.
    let mut own = block_on(Lab::new(Backend::NdArray)).unwrap();
    own.load_weights("standard", &std::fs::read(files::repo_root().join("www/models/standard.bpk")).unwrap()).unwrap();
    own.set_training_digits(files::page_training_set().unwrap().take(300)).unwrap();
    own.set_test_digits(files::test_set().unwrap().take(100)).unwrap();
    compare(&own, "standard", "standard-own", Source::Own, Language::En);
}

/// The notebook `lab` exports for `name` against the one PyTorch ran (`fixture`).
fn compare(lab: &Lab, name: &str, fixture: &str, source: Source, language: Language) {
    {
        let recorded: Value = serde_json::from_slice(&std::fs::read(files::repo_root().join(FIXTURES).join(format!("{fixture}.ipynb"))).unwrap()).unwrap();
        let exported: Value = serde_json::from_str(&block_on(lab.export_ipynb(name, source, language)).unwrap()).unwrap();
        assert_eq!(exported["nbformat"], 4);
        assert_eq!(exported["metadata"]["autoencoder_playground"]["model"], name);
        let (a, b) = (exported["cells"].as_array().unwrap(), recorded["cells"].as_array().unwrap());
        assert_eq!(a.len(), b.len(), "{name}: the number of cells");
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert_eq!(x["cell_type"], y["cell_type"], "{name}: cell {i}");
            assert_eq!(hashed(&cell_text(x)), hashed(&cell_text(y)), "{name}: cell {i} differs from the notebook PyTorch ran");
        }
        let page = block_on(lab.evaluate(name, 10_000)).unwrap();
        let notebook = printed_psnr(&recorded);
        assert!((notebook - page.psnr).abs() < 0.01, "{fixture}: PyTorch printed {notebook} dB, the page computes {} dB", page.psnr);
    }
}

#[test]
fn a_notebook_says_what_it_is_in_the_pages_language_and_refuses_what_it_cannot_hold() {
    let lab = session();
    let pt = block_on(lab.export_ipynb("standard", Source::Mnist, Language::Pt)).unwrap();
    assert!(pt.contains("Os dados") && pt.contains("datasets.MNIST("), "the Portuguese notebook");
    let fashion = block_on(lab.export_ipynb("standard", Source::Fashion, Language::En)).unwrap();
    assert!(fashion.contains("datasets.FashionMNIST("));
    // A student's own images go inside the notebook, in the page's digits format (the page
    // holds at most 5,000 of them); more than a notebook embeds is refused with a sentence.
    let refused = block_on(lab.export_ipynb("standard", Source::Own, Language::En)).unwrap_err();
    assert!(refused.contains("22000 images; a notebook embeds at most 12000"), "{refused}");
    let mut small = block_on(Lab::new(Backend::NdArray)).unwrap();
    small.set_training_digits(files::page_training_set().unwrap().take(300)).unwrap();
    small.set_test_digits(files::test_set().unwrap().take(100)).unwrap();
    let own = block_on(small.export_ipynb("standard", Source::Own, Language::En)).unwrap();
    assert!(own.contains("TRAIN = '") && own.contains("TensorDataset"), "own images embedded");
    assert!(own.contains("'digits': 100}"), "the page's figures on its 100 test images");
    assert!(block_on(lab.export_ipynb("variational", Source::Mnist, Language::En)).unwrap_err().contains("unknown model 'variational'"));
}

/// The largest model the page can hold (d = 2048) makes the largest notebook: about 17 MB, under
/// the limit (`cargo test --release --test ipynb largest -- --nocapture` prints its size).
#[test]
fn the_largest_model_fits_in_a_notebook() {
    use autoencoder_playground::ipynb::MAX_NOTEBOOK_BYTES;
    use autoencoder_playground::spec::{MAX_LATENT, Recipe};
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(files::page_training_set().unwrap().take(300)).unwrap();
    lab.set_test_digits(files::test_set().unwrap().take(100)).unwrap();
    lab.add_model(&Recipe::notebook("widest", MAX_LATENT), 1).unwrap();
    let text = block_on(lab.export_ipynb("widest", Source::Mnist, Language::En)).unwrap();
    println!("the largest notebook (d = {MAX_LATENT}): {:.1} MB", text.len() as f64 / 1e6);
    assert!(text.len() < MAX_NOTEBOOK_BYTES);
    assert!((16_000_000..18_000_000).contains(&text.len()), "{} bytes", text.len());
}
