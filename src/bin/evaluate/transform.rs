//! `evaluate --transform`: the shipped models' PSNR against the amount of each transformation
//! (lecture figures 5–8) on test digits, before and after training with augmentation; with
//! `--write`, the shipped models' curves go to `www/data/transform-curves.json` for the page.

use autoencoder_playground::cli::{Args, fail};
use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::transform::{Augmentation, Kind};
use autoencoder_playground::{Backend, MODELS, block_on};

/// PSNR of the mean MSE over `digits`, for each amount of `kind`.
fn curve(lab: &Lab, model: &str, digits: &[Vec<f32>], kind: Kind) -> Vec<f64> {
    let mut mse = vec![0.0f64; kind.amounts().len()];
    for d in digits {
        let c = block_on(lab.transform_curve(model, d, kind)).unwrap_or_else(|e| fail(e));
        for (m, p) in mse.iter_mut().zip(&c.psnr) {
            *m += 10f64.powf(-p / 10.0) / digits.len() as f64;
        }
    }
    mse.iter().map(|m| 10.0 * (1.0 / m).log10()).collect()
}

pub fn section(args: &Args, backend: Backend) {
    let limit: usize = args.get("limit", 1000);
    let epochs: usize = args.get("epochs", 2);
    let test = files::test_set().unwrap_or_else(|e| fail(e));
    let train = files::full_training_set().unwrap_or_else(|e| fail(e));
    let digits: Vec<Vec<f32>> = (0..limit.min(test.len())).map(|i| test.image(i).iter().map(|&p| p as f32 / 255.0).collect()).collect();
    let mut lab = block_on(Lab::new(backend)).unwrap_or_else(|e| fail(e));
    let n = lab.set_training_digits(train).unwrap_or_else(|e| fail(e));
    let ranges = Augmentation { shift: 4.0, rotation: 30.0, zoom: 0.25, brightness: 0.3, thickness: 0.0, blur: 0.0 };
    println!(
        "PSNR (dB, of the mean MSE) of each shipped model's reconstruction against the transformed digit, over the first {} test digits; augmented: the shipped weights trained {epochs} more epochs of the {n} training digits with random shifts up to ±{} px, rotations up to ±{}°, zoom 1 ± {}, brightness ±{}.",
        digits.len(), ranges.shift, ranges.rotation, ranges.zoom, ranges.brightness
    );
    let mut json = Vec::new();
    for spec in MODELS.iter().filter(|s| s.shipped) {
        let name = spec.name.as_ref();
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{name}.bpk"))).unwrap_or_else(|e| fail(e));
        lab.load_weights(name, &bytes).unwrap_or_else(|e| fail(e));
        let before: Vec<(Kind, Vec<f64>)> = Kind::ALL.iter().map(|&k| (k, curve(&lab, name, &digits, k))).collect();
        lab.set_augmentation(name, Some(ranges)).unwrap_or_else(|e| fail(e));
        for _ in 0..epochs {
            block_on(lab.train(name, n / 256)).unwrap_or_else(|e| fail(e));
        }
        println!();
        println!("{name}:");
        println!();
        println!("| transformation | amount | shipped | augmented |");
        println!("|---|---:|---:|---:|");
        let mut kinds = Vec::new();
        for (kind, shipped) in &before {
            let augmented = curve(&lab, name, &digits, *kind);
            let amounts = kind.amounts();
            for (i, a) in amounts.iter().enumerate() {
                if i % 2 == 0 || i == amounts.len() - 1 {
                    println!("| {} | {a:.2} | {:.2} | {:.2} |", kind.name(), shipped[i], augmented[i]);
                }
            }
            let list = |v: &[f64]| v.iter().map(|p| format!("{p:.3}")).collect::<Vec<_>>().join(", ");
            kinds.push(format!(
                "\"{}\": {{\"amounts\": [{}], \"shipped\": [{}], \"augmented\": [{}]}}",
                kind.name(),
                amounts.iter().map(|a| format!("{a}")).collect::<Vec<_>>().join(", "),
                list(shipped),
                list(&augmented)
            ));
        }
        json.push(format!("\"{name}\": {{{}}}", kinds.join(", ")));
        lab.set_augmentation(name, None).unwrap_or_else(|e| fail(e));
    }
    if args.flag("write") {
        let path = files::repo_root().join("www/data/transform-curves.json");
        let text = format!(
            "{{\"digits\": {}, \"epochs\": {epochs}, \"ranges\": {{\"shift\": {}, \"rotation\": {}, \"zoom\": {}, \"brightness\": {}}}, \"models\": {{{}}}}}\n",
            digits.len(), ranges.shift, ranges.rotation, ranges.zoom, ranges.brightness, json.join(", ")
        );
        std::fs::write(&path, text).unwrap_or_else(|e| fail(e));
        eprintln!("wrote {}", path.display());
    }
}
