//! Writes the fuzz targets' seed corpora from the project's real files: `seeds DIR` fills
//! `DIR/<target>/`. The committed files (data sets, shipped weights, the notebook fixture) and
//! what the page itself writes (a model file, a notebook export, checkpoints, pictures).
use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::spec::Recipe;
use autoencoder_playground::weights::model_file;
use autoencoder_playground::{Backend, block_on};
use std::path::{Path, PathBuf};

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) {
    let folder = dir.join(target);
    std::fs::create_dir_all(&folder).expect("a seed folder");
    std::fs::write(folder.join(name), bytes).expect("a seed file");
}

fn with_model(which: u8, bytes: &[u8]) -> Vec<u8> {
    [&[which][..], bytes].concat()
}

fn gunzip(path: PathBuf) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&path).expect("a committed file")).read_to_end(&mut out).expect("gzip");
    out
}

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: seeds DIR"));
    // The project's files are the repository's, one folder up from this crate (which cargo
    // names as the running package's folder).
    let project = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("fuzz/ is in the repository").to_path_buf();
    // SAFETY: set before any thread starts.
    unsafe { std::env::set_var("CARGO_MANIFEST_DIR", project) };
    let root = files::repo_root();
    let read = |p: &str| std::fs::read(root.join(p)).expect("a committed file");

    // Digits: the first test digits and a few of the training set.
    write(&dir, "digits", "mnist-first", &gunzip(root.join("www/data/mnist-first.bin.gz")));
    write(&dir, "digits", "fashion-examples", &gunzip(root.join("www/data/fashion-examples.bin.gz")));
    let test = files::test_set().expect("test digits");
    write(&dir, "digits", "three", &test.take(3).to_bytes());

    // Weights of every kind, into the standard model (first byte 0).
    write(&dir, "weights", "standard.bpk", &with_model(0, &read("www/models/standard.bpk")));
    write(&dir, "weights", "standard.q8", &with_model(0, &gunzip(root.join("www/models/standard.q8.gz"))));
    write(&dir, "weights", "notebook-d30.safetensors", &with_model(0, &read("tests/fixtures/notebook/notebook-d30.safetensors")));

    // A session that trained a little: checkpoints, a model file, a notebook export.
    let mut lab = block_on(Lab::new(Backend::NdArray)).expect("a CPU session");
    lab.set_training_digits(files::page_training_set().expect("training digits").take(600)).unwrap();
    lab.set_test_digits(test.take(50)).unwrap();
    block_on(lab.train("standard", 3)).unwrap();
    let checkpoint = block_on(lab.checkpoint("standard")).unwrap();
    write(&dir, "weights", "standard.aepc", &with_model(0, &checkpoint));
    write(&dir, "checkpoint", "standard.aepc", &checkpoint);
    let recipe: Recipe = serde_json::from_str(r#"{"name":"tiny","latent":2,"activation":"tanh","tied":true,"scale":"unit","loss":"bce","corruption":{"kind":"dropout","p":0.5}}"#).unwrap();
    lab.add_model(&recipe, 1).unwrap();
    block_on(lab.train("tiny", 2)).unwrap();
    let weights = block_on(lab.weights("tiny")).unwrap();
    write(&dir, "import", "tiny.aepm", &model_file(&recipe, &weights).unwrap());
    write(&dir, "import", "tiny.safetensors", &block_on(lab.export_notebook("tiny")).unwrap());
    write(&dir, "import", "notebook-d30.safetensors", &read("tests/fixtures/notebook/notebook-d30.safetensors"));

    // Pictures: a digit white on black, and dark on light paper (width − 1, height − 1, RGBA).
    let digit = test.image(0);
    let rgba = |ink: &dyn Fn(u8) -> u8| digit.iter().flat_map(|&p| [ink(p), ink(p), ink(p), 255]).collect::<Vec<u8>>();
    write(&dir, "picture", "digit", &[&[27, 27][..], &rgba(&|p| p)].concat());
    write(&dir, "picture", "paper", &[&[27, 27][..], &rgba(&|p| 255 - p)].concat());
    println!("seeds written to {}", dir.display());
}
