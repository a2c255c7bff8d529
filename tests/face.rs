//! The face the page's worker calls (`src/web.rs`), called natively: every method returns a
//! record with named fields, and those names (camelCase, as JavaScript reads them) are pinned
//! here, so a renamed or reordered field fails a test instead of a page.

use autoencoder_playground::data::files;
use autoencoder_playground::web::*;
use autoencoder_playground::record::Mask;
use autoencoder_playground::energy::Unknown;
use autoencoder_playground::manifold::Way;
use autoencoder_playground::transform::Kind;
use autoencoder_playground::spec::{Loss, Recipe, Scale};
use autoencoder_playground::regions::RegionsSetup;
use autoencoder_playground::regions::face::{Beta, HolesOf, RegionsLook, SampleCount, SavedRegions};
use autoencoder_playground::{MODELS, block_on};
use serde::Serialize;
use serde_json::Value;

/// The JSON keys of a record, sorted.
fn keys<T: Serialize>(record: &T) -> Vec<String> {
    match serde_json::to_value(record).unwrap() {
        Value::Object(map) => {
            let mut keys: Vec<String> = map.keys().cloned().collect();
            keys.sort();
            keys
        }
        other => panic!("not a record: {other}"),
    }
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// A CPU session with the page's digits and the shipped weights, as the worker opens it.
fn playground() -> Playground {
    let mut pg = block_on(Playground::open("cpu".into())).unwrap();
    assert_eq!(pg.backend(), "cpu");
    let train = files::page_training_set().unwrap().take(3000);
    let test = files::test_set().unwrap().take(2500);
    assert_eq!(pg.load_digits(Split { split: "train".into(), bytes: train.to_bytes().into() }).unwrap(), 3000);
    assert_eq!(pg.load_digits(Split { split: "test".into(), bytes: test.to_bytes().into() }).unwrap(), 2500);
    for spec in MODELS.iter().filter(|s| s.shipped) {
        let bytes = std::fs::read(files::repo_root().join(format!("www/models/{}.bpk", spec.name))).unwrap();
        pg.load_weights(ModelFile { model: spec.name.to_string(), bytes: bytes.into() }).unwrap();
    }
    pg
}

fn digit(i: usize) -> Vec<f32> {
    files::test_set().unwrap().image(i).iter().map(|&p| p as f32 / 255.0).collect()
}

#[test]
fn the_model_table_reaches_the_page_with_named_fields() {
    let pg = playground();
    let models = pg.models();
    assert_eq!(models.len(), MODELS.len());
    assert_eq!(keys(&models[0]), sorted(&["name", "label", "description", "latent", "activation", "tied", "scale", "loss", "corruption", "contractive", "trainingDigits", "colour", "shipped"]));
    let json = serde_json::to_value(&*models).unwrap();
    assert_eq!(json[0]["name"], "standard");
    assert_eq!(json[0]["latent"], 30);
    assert_eq!(json[0]["corruption"]["kind"], "none");
    assert_eq!(json[1]["corruption"]["kind"], "dropout");
    assert_eq!(json[1]["corruption"]["p"], 0.5);
    assert_eq!((json[0]["activation"].as_str(), json[0]["scale"].as_str(), json[0]["loss"].as_str()), (Some("tanh"), Some("symmetric"), Some("mse")));
}

#[test]
fn a_built_model_joins_the_table_and_leaves_it() {
    let mut pg = playground();
    // A row of the table, serialised, is a recipe (how a built model moves to another backend).
    let mut recipe: Recipe = serde_json::from_value(serde_json::to_value(&MODELS[0]).unwrap()).unwrap();
    recipe.name = "tied-bce".into();
    (recipe.tied, recipe.scale, recipe.loss, recipe.contractive) = (true, Scale::Unit, Loss::Bce, 0.1);
    let spec = pg.add_model(AddModel { recipe: recipe.clone(), seed: 3 }).unwrap();
    assert_eq!((spec.name.as_ref(), spec.label.as_ref(), spec.shipped), ("tied-bce", "tied-bce (d=30)", false));
    assert!(spec.description.contains("tied weights") && spec.description.contains("BCE"), "{}", spec.description);
    let names: Vec<String> = pg.models().iter().map(|m| m.name.to_string()).collect();
    assert_eq!(names, ["standard", "denoising", "tied-bce"]);
    // It trains, and reports BCE above the digits' entropy; the others report no BCE.
    let report = block_on(pg.train(ModelSteps { model: "tied-bce".into(), steps: 2 })).unwrap();
    assert!(report.losses.iter().all(|l| l.is_finite() && *l > 0.0));
    let e = block_on(pg.evaluate(ModelLimit { model: "tied-bce".into(), limit: 200 })).unwrap();
    assert!(e.bce_excess.unwrap() > 0.0 && e.entropy.unwrap() > 0.05, "{e:?}");
    assert!(block_on(pg.evaluate(ModelLimit { model: "standard".into(), limit: 200 })).unwrap().bce_excess.is_none());
    // Its kernels: 30 of them, named fields.
    let k = block_on(pg.kernels(Model { model: "tied-bce".into() })).unwrap();
    assert_eq!(keys(&*k), sorted(&["units", "weights", "scale", "rarePixels", "rareSpread", "inkedSpread", "initSpread"]));
    assert_eq!((k.units.len(), k.weights.len()), (30, 30 * 784));
    // Refused: the same name again, a BCE model on [-1, 1], a shipped model's removal.
    assert!(pg.add_model(AddModel { recipe: recipe.clone(), seed: 3 }).unwrap_err().contains("exists already"));
    let bad = Recipe { name: "bce-sym".into(), scale: Scale::Symmetric, ..recipe.clone() };
    assert!(pg.add_model(AddModel { recipe: bad, seed: 3 }).unwrap_err().contains("needs pixels in [0, 1]"));
    assert!(pg.remove_model(Model { model: "standard".into() }).unwrap_err().contains("ships with the page"));
    assert_eq!(pg.models().len(), 3);
    // Its weights come back into a model of the same recipe, on another session.
    let bytes = block_on(pg.weights(Model { model: "tied-bce".into() })).unwrap();
    let mut other = block_on(Playground::open("cpu".into())).unwrap();
    other.add_model(AddModel { recipe, seed: 9 }).unwrap();
    other.load_weights(ModelFile { model: "tied-bce".into(), bytes: bytes.clone().into() }).unwrap();
    assert!(other.load_weights(ModelFile { model: "standard".into(), bytes: bytes.clone().into() }).unwrap_err().contains("do not fit"));
    // A model file carries the recipe: loading it elsewhere builds the same model, same weights.
    let file = block_on(pg.export_model(Model { model: "tied-bce".into() })).unwrap();
    assert!(Playground::is_model_file(File { bytes: file.clone().into() }).unwrap() && !Playground::is_model_file(File { bytes: bytes.clone().into() }).unwrap());
    let mut third = block_on(Playground::open("cpu".into())).unwrap();
    assert!(third.import_model(ImportModel { bytes: bytes.clone().into(), file_name: None }).unwrap_err().contains("not a model file"));
    assert!(third.import_model(ImportModel { bytes: file[..20].into(), file_name: None }).unwrap_err().contains("cut short"));
    let imported = third.import_model(ImportModel { bytes: file.clone().into(), file_name: None }).unwrap();
    assert_eq!((imported.name.as_ref(), imported.tied, imported.loss, imported.contractive), ("tied-bce", true, Loss::Bce, 0.1));
    let codes = |p: &Playground| block_on(p.encode(ModelPixels { model: "tied-bce".into(), pixels: digit(3).into() })).unwrap().into_vec();
    assert!(codes(&third) == codes(&pg), "the same weights give the same codes");
    assert!(third.import_model(ImportModel { bytes: file.clone().into(), file_name: None }).unwrap_err().contains("exists already"));
    assert_eq!(third.models().len(), 3);
    pg.remove_model(Model { model: "tied-bce".into() }).unwrap();
    // The ink of the training digits, and a model against PCA with as many components.
    let ink = pg.ink().unwrap();
    assert_eq!(keys(&*ink), sorted(&["pixels", "ever", "often", "rare", "digits", "meanImagePsnr"]));
    // The mean image: MSE [-1,1] about 0.27 on MNIST, so about 11.7 dB.
    assert!((11.0..12.5).contains(&ink.mean_image_psnr), "{ink:?}");
    assert!(ink.pixels == 784 && ink.often < ink.ever && ink.ever <= 784 && ink.digits == 3000);
    let pca = block_on(pg.pca(ModelLimit { model: "standard".into(), limit: 300 })).unwrap();
    assert_eq!(keys(&*pca), sorted(&["k", "pcaPsnr", "modelPsnr", "overlap", "overlapInked", "inked", "explained", "digits", "fitted"]));
    assert!((600..784).contains(&pca.inked) && pca.overlap_inked >= 0.0 && pca.overlap_inked <= 1.0 + 1e-9, "{pca:?}");
    assert!(pca.k == 30 && pca.digits == 300 && pca.fitted == 3000);
    assert!(pca.overlap > 0.05 && pca.overlap <= 1.0 + 1e-9 && (0.5..1.0).contains(&pca.explained), "{pca:?}");
    assert!(pca.pca_psnr > 15.0 && pca.model_psnr > 15.0, "{pca:?}");
    assert!(block_on(pg.pca(ModelLimit { model: "denoising".into(), limit: 300 })).unwrap_err().contains("up to 100 hidden units"));
    assert_eq!(pg.models().len(), 2);
}

#[test]
fn training_and_evaluation_are_records() {
    let mut pg = playground();
    let report = block_on(pg.train(ModelSteps { model: "standard".into(), steps: 3 })).unwrap();
    assert_eq!(keys(&*report), sorted(&["losses", "steps", "epochs"]));
    assert_eq!((report.losses.len(), report.steps), (3, 3));
    assert!((report.epochs - 3.0 * 256.0 / 3000.0).abs() < 1e-9);
    assert_eq!(pg.steps(Model { model: "standard".into() }).unwrap(), 3);
    let e = block_on(pg.evaluate(ModelLimit { model: "denoising".into(), limit: 500 })).unwrap();
    assert_eq!(keys(&*e), sorted(&["mse", "mseUnit", "psnr", "digits", "jacobian", "trainPsnr", "trainDigits", "bceExcess", "entropy"]));
    assert_eq!(e.digits, 500);
    assert!((e.mse_unit - e.mse / 4.0).abs() < 1e-12 && (e.psnr - 10.0 * (1.0 / e.mse_unit).log10()).abs() < 1e-9);
    // Bad calls change nothing and say why.
    assert!(block_on(pg.train(ModelSteps { model: "standard".into(), steps: 0 })).unwrap_err().contains("at least 1"));
    let unknown = block_on(pg.train(ModelSteps { model: "pca".into(), steps: 1 })).unwrap_err();
    assert!(unknown.starts_with("unknown model 'pca' (expected "), "{unknown}");
    assert!(MODELS.iter().all(|m| unknown.contains(m.name.as_ref())), "{unknown}");
    assert_eq!(pg.steps(Model { model: "standard".into() }).unwrap(), 3);
}

#[test]
fn the_denoising_lab_gets_named_restorations() {
    let pg = playground();
    let d = digit(0);
    let mut hidden = vec![0u8; 784];
    hidden[300..320].fill(1);
    let r = block_on(pg.denoise(Denoise { drawing: d.clone().into(), width: 28, height: 28, hidden: Mask(hidden), dropout: 0.25, sigma: 0.0, seed: 5, radius: 3.0 })).unwrap();
    assert_eq!(keys(&*r), sorted(&["digit", "shown", "hidden", "restorations"]));
    assert_eq!((r.digit.len(), r.shown.len(), r.hidden.0.len()), (784, 784, 784));
    assert!(r.hidden.0[300..320].iter().all(|&h| h == 1));
    assert_eq!(keys(&r.restorations[0]), sorted(&["key", "label", "model", "pasted", "primary", "pixels"]));
    // Every model's own output, the pasted output of those trained to denoise, then the two
    // classical inpaintings; labels from the table.
    let primary: Vec<String> = r.restorations.iter().filter(|x| x.primary).map(|x| x.label.clone()).collect();
    let mut expected: Vec<String> = MODELS.iter().map(|m| m.label.to_string()).collect();
    expected.extend(MODELS.iter().filter(|m| m.denoises()).map(|m| format!("{}, visible pixels pasted", m.label)));
    expected.extend(["Telea (radius 3)".to_string(), "Navier–Stokes (radius 3)".to_string()]);
    assert_eq!(primary, expected);
    assert_eq!(r.restorations.len(), 2 * MODELS.len() + 2);
    assert!(block_on(pg.denoise(Denoise { drawing: d.into(), width: 27, height: 28, hidden: Mask(vec![0; 784]), dropout: 0.5, sigma: 0.0, seed: 1, radius: 3.0 })).is_err());
}

#[test]
fn the_latent_lab_gets_named_records() {
    let mut pg = playground();
    let (a, b) = (digit(0), digit(1));
    let i = block_on(pg.interpolate(Interpolate { model: "standard".into(), a: a.clone().into(), b: b.into(), frames: 5 })).unwrap();
    assert_eq!(keys(&*i), sorted(&["frames", "latent", "pixels", "decoded", "codes"]));
    assert_eq!((i.pixels.len(), i.decoded.len(), i.codes.len()), (5 * 784, 5 * 784, 5 * 30));

    let mut shown = a.clone();
    let hidden: Vec<u8> = (0..784).map(|p| ((10..18).contains(&(p / 28)) && (10..18).contains(&(p % 28))) as u8).collect();
    shown.iter_mut().zip(&hidden).for_each(|(v, &h)| if h == 1 { *v = 0.5 });
    let first = block_on(pg.energy_start(EnergyStart { model: "denoising".into(), unknown: Unknown::Latent, shown: shown.into(), hidden: Mask(hidden), dropout: 0.0 })).unwrap();
    assert_eq!(keys(&*first), sorted(&["iteration", "energy", "image"]));
    let later = block_on(pg.energy_step(Iterations { iterations: 5 })).unwrap();
    assert_eq!((first.iteration, later.iteration), (0, 5));
    assert!(later.energy <= first.energy);

    let white = block_on(pg.anomaly(ModelPixels { model: "standard".into(), pixels: vec![1.0; 784].into() })).unwrap();
    assert_eq!(
        keys(&*white),
        sorted(&[
            "score", "percentile", "error", "errorPercentile", "atypicality", "ink", "empty", "unusual", "flagged",
            "threshold", "flagAbove", "reconstruction", "errorMap"
        ])
    );
    assert!(white.flagged && white.percentile >= white.flag_above);
    let scores = block_on(pg.anomaly_scores(Model { model: "standard".into() })).unwrap();
    assert_eq!(scores.len(), 2000);
    assert!(scores.windows(2).all(|w| w[0] <= w[1]));
    let roc = block_on(pg.anomaly_roc(ModelOutliers { model: "standard".into(), outliers: vec![1.0; 784 * 2].into() })).unwrap();
    assert_eq!(keys(&*roc), sorted(&["auc", "aucReconstruction", "aucMeanImage", "digits", "outliers"]));

    let map = block_on(pg.latent_map(ModelCount { model: "standard".into(), count: 300 })).unwrap();
    assert_eq!(keys(&*map), sorted(&["variance", "totalVariance", "points"]));
    assert_eq!(map.points.len(), 600);
    let code = block_on(pg.encode(ModelPixels { model: "standard".into(), pixels: a.into() })).unwrap();
    assert_eq!(pg.map_codes(ModelCodes { model: "standard".into(), codes: code.clone() }).unwrap().len(), 2);
    assert_eq!(block_on(pg.map_decode(ModelPoints { model: "standard".into(), points: vec![0.0, 0.0].into() })).unwrap().len(), 784);
    assert_eq!(Playground::quantise(Quantise { codes: code.clone(), bits: 4 }).unwrap().len(), 30);
}

/// The records of the labs with models of their own (the manifold lab's plane and helix,
/// super-resolution), of the transformations and of the builder's options, pinned field by
/// field: none is read by position.
#[test]
fn the_labs_records_reach_the_page_with_named_fields() {
    use autoencoder_playground::manifold::{Curve, PlaneSetup};
    use autoencoder_playground::superres::SuperResSetup;
    use autoencoder_playground::transform::Transform;
    use autoencoder_playground::unrolling::HelixSetup;
    let mut pg = playground();

    pg.plane_setup(PlaneSetup { curve: Curve::Circle, points: 100, seed: 1, sigma: 0.1, hidden: 16, lambda: 0.003, nearest: false, tied: false }).unwrap();
    let report = block_on(pg.train_toy(ToySteps { toy: "plane".into(), steps: 2 })).unwrap();
    assert_eq!(keys(&*report), sorted(&["steps", "losses"]));
    let losses = serde_json::to_value(&report.losses).unwrap();
    assert_eq!(losses.as_array().unwrap().iter().map(|l| l["model"].as_str().unwrap()).collect::<Vec<_>>(), ["plain", "denoising", "contractive"]);
    assert!(losses.as_array().unwrap().iter().all(|l| l["loss"].as_f64().is_some_and(f64::is_finite)));
    let view = block_on(pg.plane_view(PlaneLook { way: Way::Denoising, grid: 8 })).unwrap();
    assert_eq!(keys(&*view), sorted(&["way", "steps", "clean", "noisy", "outputs", "grid", "extent", "field", "travel", "ellipses", "numbers", "all"]));
    let numbers = ["travelOn", "travelSigma", "travelFar", "travelGap", "alignment", "ratio", "offCurve"];
    assert_eq!(keys(&view.numbers), sorted(&numbers));
    assert_eq!(keys(&view.all), sorted(&["plain", "denoising", "contractive"]));
    assert_eq!(keys(&view.all.contractive), sorted(&numbers));

    pg.helix_setup(HelixSetup { points: 100, seed: 1, hidden: 16, turns: 1.0 }).unwrap();
    let report = block_on(pg.train_toy(ToySteps { toy: "helix".into(), steps: 2 })).unwrap();
    assert_eq!(serde_json::to_value(&report.losses).unwrap()[0]["model"], "helix");
    let helix = block_on(pg.helix_view()).unwrap();
    assert_eq!(keys(&*helix), sorted(&["steps", "points", "positions", "codes", "rho", "pathCodes", "path", "offTraining", "offBetween", "offBeyond"]));

    pg.superres_setup(SuperResSetup { factor: 4, hidden: 32, up_to: 9, seed: 1 }).unwrap();
    let report = block_on(pg.train_toy(ToySteps { toy: "superres".into(), steps: 2 })).unwrap();
    assert_eq!(serde_json::to_value(&report.losses).unwrap()[0]["model"], "network");
    assert!(block_on(pg.train_toy(ToySteps { toy: "kite".into(), steps: 2 })).unwrap_err().contains("no lab trains 'kite' (expected one of plane, helix, superres, regions)"));
    let up = block_on(pg.superres(Pixels { pixels: digit(0).into() })).unwrap();
    assert_eq!(keys(&*up), sorted(&["low", "side", "network", "nearest", "bilinear", "bicubic", "psnr"]));
    assert_eq!(keys(up.psnr.as_ref().unwrap()), sorted(&["network", "nearest", "bilinear", "bicubic"]));
    let drawn = block_on(pg.superres(Pixels { pixels: vec![0.5; 49].into() })).unwrap();
    assert!(drawn.psnr.is_none(), "a drawing at low resolution has no truth");

    // The regions lab, a lab folder: its operations and its network trained through train_toy.
    let classifier = files::read_bytes(&files::repo_root().join("www/models/classifier.q8.gz")).unwrap();
    pg.regions_classifier(File { bytes: classifier.into() }).unwrap();
    assert_eq!(pg.regions_setup(RegionsSetup { latent: 2, beta: 1.0, seed: 1 }).unwrap(), 3000);
    let report = block_on(pg.train_toy(ToySteps { toy: "regions".into(), steps: 2 })).unwrap();
    let names: Vec<Value> = serde_json::to_value(&report.losses).unwrap().as_array().unwrap().iter().map(|l| l["model"].clone()).collect();
    assert_eq!(names, ["vae", "kl", "plain"]);
    let view = block_on(pg.regions_view(RegionsLook { count: 50 })).unwrap();
    assert_eq!(keys(&*view), sorted(&["latent", "steps", "epochs", "beta", "labels", "means", "spreads", "plain", "reconstruction", "kl", "plainReconstruction"]));
    assert_eq!((view.steps, view.means.0.len()), (2, 100));
    let samples = block_on(pg.regions_samples(SampleCount { count: 3, seed: 1 })).unwrap();
    assert_eq!(keys(&samples.vae), sorted(&["images", "codes", "likeness"]));
    assert_eq!(keys(&samples.vae.likeness), sorted(&["confidence", "class", "mean"]));
    let holes = block_on(pg.regions_holes(HolesOf { model: "standard".into(), count: 2, seed: 1 })).unwrap();
    assert_eq!(keys(&*holes), sorted(&["model", "latent", "fit", "real", "random", "between", "realLikeness", "realAnomaly", "randomAnomaly", "betweenAnomaly"]));
    assert!(pg.regions_beta(Beta { beta: -1.0 }).unwrap_err().contains("β must be a number from 0 to 50"));
    let saved = block_on(pg.regions_save()).unwrap();
    assert!(pg.regions_load(SavedRegions { bytes: saved.clone().into(), latent: 20 }).unwrap_err().contains("have 2 numbers, not 20"));
    assert_eq!(pg.regions_load(SavedRegions { bytes: saved.into(), latent: 2 }).unwrap().latent, 2);
    let scores = block_on(pg.superres_scores(ClassRange { limit: 20, from: 0, to: 9 })).unwrap();
    assert_eq!(keys(&*scores), sorted(&["digits", "network", "nearest", "bilinear", "bicubic"]));

    let t = block_on(pg.transform(Transforming { model: "standard".into(), pixels: digit(0).into(), transform: Transform { rotation: 10.0, ..Transform::default() } })).unwrap();
    assert_eq!(keys(&*t), sorted(&["input", "output", "psnr"]));
    let curve = block_on(pg.transform_curve(TransformKind { model: "standard".into(), pixels: digit(0).into(), kind: Kind::Zoom })).unwrap();
    assert_eq!(keys(&*curve), sorted(&["kind", "amounts", "psnr", "inputs"]));
    assert_eq!(curve.psnr.len(), curve.amounts.len());

    assert_eq!(keys(&*Playground::builder_options()), sorted(&["hiddenSizes", "maxContractive", "maxModels"]));
}

/// An argument record as the page sends it: fields left out take their defaults, a field the
/// record does not have is refused by name (a misspelt argument is never silently dropped).
#[test]
fn argument_records_fill_in_defaults_and_refuse_unknown_fields() {
    let limit: ModelLimit = serde_json::from_value(serde_json::json!({ "model": "standard" })).unwrap();
    assert_eq!((limit.model.as_str(), limit.limit), ("standard", 1000));
    let r: Reconstruct = serde_json::from_value(serde_json::json!({ "model": "standard", "pixels": [0.5, 1.0] })).unwrap();
    assert_eq!((r.dropout, r.seed, r.pixels.len()), (0.0, 0, 2));
    let range: ClassRange = serde_json::from_value(serde_json::json!({})).unwrap();
    assert_eq!((range.limit, range.from, range.to), (1000, 0, 9));
    let wrong = serde_json::from_value::<ModelLimit>(serde_json::json!({ "model": "standard", "limt": 5 })).unwrap_err().to_string();
    assert!(wrong.contains("unknown field `limt`") && wrong.contains("`limit`"), "{wrong}");
    let missing = serde_json::from_value::<ModelSteps>(serde_json::json!({ "steps": 5 })).unwrap_err().to_string();
    assert!(missing.contains("missing field `model`"), "{missing}");
    let way = serde_json::from_value::<PlaneLook>(serde_json::json!({ "way": "sideways" })).unwrap_err().to_string();
    assert!(way.contains("unknown variant `sideways`") && way.contains("`contractive`"), "{way}");
}
