//! `--export-ipynb FILE [--model standard] [--language en|pt]`: a model of a native session (the
//! shipped weights) as the notebook the page downloads (`ipynb.rs`).
//!
//! `--page-figures FILE`: a file the notebook saved, taken back as the page takes it, and its
//! figures.
//!
//! `--ipynb-fixtures DIR`: what `pkg-scripts/make-ipynb-fixtures` runs in PyTorch. The three
//! built models of `ipynb::fixture_recipes` are trained (`--steps 300`, seed 1) on the page's
//! training digits and written as model files (`DIR/<name>.model`, what the page downloads);
//! then the notebooks of those and of the two shipped models go to `DIR/<name>.ipynb` (the
//! denoising model's in Portuguese, the others in English), each with the page's figures on
//! the 10,000 test digits.

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::ipynb::{Language, Source, fixture_recipes};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, MODELS, block_on};

/// A native session with the shipped weights, the page's training digits and the 10,000 test
/// digits.
pub fn session(backend: Backend) -> Lab {
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    for spec in MODELS.iter().filter(|spec| spec.shipped) {
        let path = files::repo_root().join(format!("www/models/{}.bpk", spec.name));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}", path.display())));
        lab.load_weights(&spec.name, &bytes).unwrap_or_else(|e| fail(e));
    }
    lab.set_training_digits(files::page_training_set().unwrap_or_else(|e| fail(e))).unwrap_or_else(|e| fail(e));
    lab.set_test_digits(files::test_set().unwrap_or_else(|e| fail(e))).unwrap_or_else(|e| fail(e));
    lab
}

/// The language a fixture's notebook is written in.
pub fn fixture_language(model: &str) -> Language {
    if model == "denoising" { Language::Pt } else { Language::En }
}

pub fn export(args: &Args, out: &str) {
    let lab = session(args.backend());
    let model = args.value("model").unwrap_or("standard");
    let language = Language::parse(args.value("language").unwrap_or("en")).unwrap_or_else(|e| fail(e));
    let text = block_on(lab.export_ipynb(model, Source::Mnist, language)).unwrap_or_else(|e| fail(e));
    std::fs::write(out, &text).unwrap_or_else(|e| fail(format!("{out}: {e}")));
    eprintln!("wrote {out} ({} bytes): the {model} model as a notebook", text.len());
}

pub fn fixtures(args: &Args, dir: &str) {
    let dir = std::path::Path::new(dir);
    std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(format!("{}: {e}", dir.display())));
    let mut lab = session(args.backend());
    let steps = args.get("steps", 300);
    let mut names = vec!["standard".to_string(), "denoising".to_string()];
    for recipe in fixture_recipes() {
        lab.add_model(&recipe, 1).unwrap_or_else(|e| fail(e));
        let report = block_on(lab.train(&recipe.name, steps)).unwrap_or_else(|e| fail(e));
        let file = dir.join(format!("{}.model", recipe.name));
        let bytes = block_on(lab.export_model(&recipe.name)).unwrap_or_else(|e| fail(e));
        std::fs::write(&file, &bytes).unwrap_or_else(|e| fail(format!("{}: {e}", file.display())));
        eprintln!("trained {} for {steps} steps (last loss {:.4}): wrote {}", recipe.name, report.losses.last().copied().unwrap_or(f32::NAN), file.display());
        names.push(recipe.name);
    }
    let write = |file: &str, text: String| {
        let file = dir.join(file);
        std::fs::write(&file, &text).unwrap_or_else(|e| fail(format!("{}: {e}", file.display())));
        eprintln!("wrote {} ({} bytes)", file.display(), text.len());
    };
    for name in names {
        write(&format!("{name}.ipynb"), block_on(lab.export_ipynb(&name, Source::Mnist, fixture_language(&name))).unwrap_or_else(|e| fail(e)));
    }
    // A student's own images, embedded: the standard model on a small session.
    let own = own_session(args.backend());
    write("standard-own.ipynb", block_on(own.export_ipynb("standard", Source::Own, Language::En)).unwrap_or_else(|e| fail(e)));
}

/// A session whose data set stands for a student's own (the page's first 300 training digits,
/// the first 100 test digits), with the shipped weights.
pub fn own_session(backend: Backend) -> Lab {
    let mut lab = session(backend);
    lab.set_training_digits(files::page_training_set().unwrap_or_else(|e| fail(e)).take(300)).unwrap_or_else(|e| fail(e));
    lab.set_test_digits(files::test_set().unwrap_or_else(|e| fail(e)).take(100)).unwrap_or_else(|e| fail(e));
    lab
}

/// `--page-figures FILE`: a model file or a notebook file (safetensors, as a notebook saves it)
/// added to a session as the page adds it, and its figures as the page computes them.
pub fn page_figures(args: &Args, file: &str) {
    let mut lab = session(args.backend());
    let bytes = std::fs::read(file).unwrap_or_else(|e| fail(format!("{file}: {e}")));
    let name = std::path::Path::new(file).file_name().and_then(|s| s.to_str());
    let spec = lab.import_model(&bytes, name).unwrap_or_else(|e| fail(format!("{file}: {e}")));
    let e = block_on(lab.evaluate(&spec.name, 10_000)).unwrap_or_else(|e| fail(e));
    println!("{}: {} — MSE on [-1, 1] {:.6}, PSNR {:.4} dB on {} test digits, from the input it trained on", spec.name, spec.description, e.mse, e.psnr, e.digits);
}
