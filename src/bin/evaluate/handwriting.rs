//! `evaluate --handwriting`: the denoising lab's comparison (the dropout mask, p = 0.5) on
//! digits in other styles than MNIST's: the ten digits rendered from the DejaVu and Liberation
//! fonts (`pkg-scripts/make-font-digits`), thinner, thicker, slanted and blurred, made
//! MNIST-like by the page's own preprocessing (`drawing::to_mnist`); then the same after the
//! denoising model trained on with augmentation (stroke thickness, blur, small affine changes).

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::corrupt::Damage;
use autoencoder_playground::data::{Digits, files};
use autoencoder_playground::evaluation::{EVALUATION_SEED, compare_restorations, psnr};
use autoencoder_playground::lab::Lab;
use autoencoder_playground::restoration::INPAINT_RADIUS;
use autoencoder_playground::transform::Augmentation;
use autoencoder_playground::{Autoencoder, Backend, MODELS, ModelSpec, block_on};

const RENDER: usize = 64;

/// The font renders made MNIST-like (every `step`-th of them).
fn font_digits(step: usize) -> Digits {
    let path = files::cache_dir().join("font-digits.bin");
    let raw = std::fs::read(&path).unwrap_or_else(|e| fail(format!("{}: {e}\nrun pkg-scripts/make-font-digits first", path.display())));
    if raw.len() < 8 || &raw[..4] != b"AEPF" {
        fail(format!("{} is not a font-digits file", path.display()));
    }
    let count = u32::from_le_bytes(raw[4..8].try_into().expect("4 bytes")) as usize;
    let record = 1 + RENDER * RENDER;
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for i in (0..count).step_by(step.max(1)) {
        let r = &raw[8 + i * record..8 + (i + 1) * record];
        let drawing: Vec<f32> = r[1..].iter().map(|&p| p as f32 / 255.0).collect();
        let digit = autoencoder_playground::drawing::to_mnist(&drawing, RENDER, RENDER);
        pixels.extend(digit.iter().map(|v| (v.clamp(0.0, 1.0) * 255.0).round() as u8));
        labels.push(r[0]);
    }
    Digits { pixels, labels }
}

fn table(models: &[(&ModelSpec, Autoencoder)], backend: Backend, digits: &Digits) -> Vec<(String, f64)> {
    let pairs: Vec<(&ModelSpec, &Autoencoder)> = models.iter().map(|(s, m)| (*s, m)).collect();
    block_on(compare_restorations(&pairs, backend, digits, Damage::Dropout(0.5), EVALUATION_SEED, INPAINT_RADIUS)).unwrap_or_else(|e| fail(e))
}

pub fn section(args: &Args, backend: Backend) {
    let epochs: usize = args.get("epochs", 2);
    let fonts = font_digits(args.get("step", 3));
    let mnist = files::test_set().unwrap_or_else(|e| fail(e)).take(args.get("limit", 2000));
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    let n = lab.set_training_digits(files::full_training_set().unwrap_or_else(|e| fail(e))).unwrap_or_else(|e| fail(e));
    for spec in MODELS.iter().filter(|s| s.shipped) {
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{}.bpk", spec.name))).unwrap_or_else(|e| fail(e));
        lab.load_weights(&spec.name, &bytes).unwrap_or_else(|e| fail(e));
    }
    let models = |lab: &Lab| -> Vec<(&'static ModelSpec, Autoencoder)> {
        MODELS.iter().filter(|s| s.shipped).map(|s| (s, lab.model(&s.name).unwrap_or_else(|e| fail(e)))).collect()
    };
    let before_fonts = table(&models(&lab), backend, &fonts);
    let before_mnist = table(&models(&lab), backend, &mnist);
    // A control: the same weights trained as long without augmentation (a fresh optimiser
    // moves a converged model too).
    let mut recipe = MODELS[1].recipe();
    recipe.name = "control".into();
    lab.add_model(&recipe, 1).unwrap_or_else(|e| fail(e));
    let bytes = std::fs::read(files::repo_root().join("www/models/denoising.bpk")).unwrap_or_else(|e| fail(e));
    lab.load_weights("control", &bytes).unwrap_or_else(|e| fail(e));
    for _ in 0..epochs {
        block_on(lab.train("control", n / 256)).unwrap_or_else(|e| fail(e));
    }
    let control_spec = lab.spec("control").unwrap_or_else(|e| fail(e)).clone();
    let control = vec![(&control_spec, lab.model("control").unwrap_or_else(|e| fail(e)))];
    let control_fonts = table(&control, backend, &fonts);
    let control_mnist = table(&control, backend, &mnist);
    let ranges = Augmentation { shift: 1.0, rotation: 8.0, zoom: 0.05, brightness: 0.0, thickness: 0.5, blur: 0.5 };
    lab.set_augmentation("denoising", Some(ranges)).unwrap_or_else(|e| fail(e));
    for _ in 0..epochs {
        block_on(lab.train("denoising", n / 256)).unwrap_or_else(|e| fail(e));
    }
    let after_fonts = table(&models(&lab), backend, &fonts);
    let after_mnist = table(&models(&lab), backend, &mnist);
    println!(
        "Restoring digits damaged by the dropout mask (p = 0.5, seed {EVALUATION_SEED}): {} font digits (37 faces of DejaVu and Liberation, three stroke widths, three slants, sharp and blurred: one in {}) and the first {} MNIST test digits. PSNR (dB). After: the shipped denoising model trained {epochs} more epochs of the {n} training digits with augmentation (shift ±{} px, rotation ±{}°, zoom 1 ± {}, stroke thickness ±{}, blur up to {} px); the standard model unchanged.",
        fonts.len(), args.get("step", 3), mnist.len(), ranges.shift, ranges.rotation, ranges.zoom, ranges.thickness, ranges.blur
    );
    println!("Control: the shipped denoising model trained as long without augmentation.");
    println!();
    println!("| restoration | fonts | fonts, after | MNIST | MNIST, after |");
    println!("|---|---:|---:|---:|---:|");
    for i in 0..before_fonts.len() {
        println!(
            "| {} | {:.2} | {:.2} | {:.2} | {:.2} |",
            before_fonts[i].0,
            psnr(before_fonts[i].1),
            psnr(after_fonts[i].1),
            psnr(before_mnist[i].1),
            psnr(after_mnist[i].1)
        );
    }
    // The control's two rows: its output and its output with the visible pixels pasted.
    for (f, m) in control_fonts.iter().zip(&control_mnist).filter(|(f, _)| f.0.starts_with("control")) {
        let label = if f.0.contains("pasted") { "denoising AE trained as long without augmentation (control), visible pixels pasted" } else { "denoising AE trained as long without augmentation (control)" };
        println!("| {label} | — | {:.2} | — | {:.2} |", psnr(f.1), psnr(m.1));
    }
}
