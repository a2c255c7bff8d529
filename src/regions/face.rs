//! The regions lab's operations of the page, its state in the session and the networks it
//! trains through the worker's one training loop (the toy `regions`).

use super::classifier::{Classifier, confidences, from_8bit};
use super::{GaussianFit, Regions, RegionsSetup, between, check_beta, grid};
use crate::interpolate::{path, weights};
use crate::lab::{Lab, Toy, ToyReport};
use crate::model::IMAGE_PIXELS;
use crate::record::Images;
use crate::rng::Rng;
use crate::web::{Arg, File, Js, Playground, take};
use burn::prelude::*;
use serde::{Deserialize, Serialize};
#[cfg(target_family = "wasm")]
use wasm_bindgen::prelude::*;

/// The lab's state in the session: the two networks once set up, the classifier once loaded.
#[derive(Default)]
pub struct RegionsState {
    trainer: Option<Regions>,
    classifier: Option<Classifier>,
}

impl Toy for Regions {
    const NAME: &'static str = "variational autoencoder";
    const MODELS: &'static [&'static str] = &["vae", "kl", "plain"];
    fn step(&mut self) -> Tensor<1> {
        Regions::step(self)
    }
    fn steps(&self) -> usize {
        self.steps
    }
    fn slot(lab: &mut Lab) -> &mut Option<Self> {
        &mut lab.own::<RegionsState>().trainer
    }
    fn get(lab: &Lab) -> Option<&Self> {
        lab.own_ref::<RegionsState>().and_then(|s| s.trainer.as_ref())
    }
}

/// The networks this lab trains through the worker's training loop, by name.
pub const TOYS: &[&str] = &["regions"];

/// Takes `steps` steps of the lab's networks when `toy` names them.
pub(crate) async fn train(lab: &mut Lab, toy: &str, steps: usize) -> Option<Result<ToyReport, String>> {
    (toy == "regions").then_some(())?;
    Some(lab.toy_train::<Regions>(steps).await)
}

/// A network of the lab: the variational autoencoder or the plain one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Net {
    Vae,
    Plain,
}

/// How digit-like some images are: the classifier's confidence and class of each, and their
/// mean confidence.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Likeness {
    pub confidence: Vec<f32>,
    pub class: Vec<u8>,
    pub mean: f32,
}

/// The two networks' codes of the first test digits and their test losses.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RegionsView {
    pub latent: usize,
    pub steps: usize,
    pub epochs: f64,
    pub beta: f32,
    pub labels: Vec<u8>,
    /// The variational autoencoder's means μ: `n × d`.
    pub means: Images,
    /// Its spreads σ = exp(½ log σ²): `n × d`.
    pub spreads: Images,
    /// The plain autoencoder's codes: `n × d`.
    pub plain: Images,
    /// On these digits, per digit (nats), decoding μ as the notebook's test does: the
    /// variational autoencoder's BCE summed over the pixels and its KL, the plain one's BCE.
    pub reconstruction: f32,
    pub kl: f32,
    pub plain_reconstruction: f32,
}

/// Images decoded from codes, with how digit-like each is.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Decoded {
    pub images: Images,
    pub codes: Images,
    pub likeness: Likeness,
}

/// Samples of each network: the variational autoencoder's codes drawn from its prior N(0, I),
/// the plain one's from a Gaussian fit of its training codes.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RegionsSamples {
    pub vae: Decoded,
    pub plain: Decoded,
}

/// What a model of the table decodes from codes it was never given: test digits (the real
/// thing), codes drawn from a Gaussian fit of its training codes, and codes halfway between
/// two training codes; each with its digit-likeness and the anomaly score's percentile.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Holes {
    pub model: String,
    pub latent: usize,
    /// "full" covariance, or "diagonal" above d = 512.
    pub fit: String,
    pub real: Images,
    pub random: Decoded,
    pub between: Decoded,
    pub real_likeness: Likeness,
    /// The anomaly score's percentile among the test digits, of each image.
    pub real_anomaly: Vec<f32>,
    pub random_anomaly: Vec<f32>,
    pub between_anomaly: Vec<f32>,
}

/// The straight line between two digits' codes, decoded by each network.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RegionsLine {
    pub vae: Decoded,
    pub plain: Decoded,
}

macro_rules! records {
    ($($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty),* $(,)? })*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Debug, Deserialize)]
            #[cfg_attr(test, derive(ts_rs::TS))]
            #[serde(rename_all = "camelCase", deny_unknown_fields)]
            pub struct $name {
                $(pub $field: $ty,)*
            }
        )*
    };
}

records! {
    /// β for the running training.
    Beta { beta: f32 }
    /// The first `count` test digits.
    RegionsLook { count: usize }
    /// A `size × size` grid of codes over `[xMin, xMax] × [yMin, yMax]`, decoded by `net`.
    RegionsGrid { net: Net, size: usize, x_min: f32, x_max: f32, y_min: f32, y_max: f32 }
    /// `count` samples of each network, drawn from `seed`.
    SampleCount { count: usize, seed: u32 }
    /// Two digits (784 values each in [0, 1]) and the number of frames between them, ends included.
    DigitPair { a: Images, b: Images, frames: usize }
    /// A model of the table, how many images of each kind, and the seed of the draws.
    HolesOf { model: String, count: usize, seed: u32 }
    /// The networks `regions_save` wrote, and the code size they must have.
    SavedRegions { bytes: crate::record::Bytes, latent: usize }
}

impl RegionsState {
    fn trainer(&self) -> Result<&Regions, String> {
        self.trainer.as_ref().ok_or_else(|| "the variational autoencoder is not set up".to_string())
    }
}

fn state(lab: &Lab) -> Option<&RegionsState> {
    lab.own_ref::<RegionsState>()
}

fn trainer(lab: &Lab) -> Result<&Regions, String> {
    state(lab).ok_or("the variational autoencoder is not set up")?.trainer()
}

fn check_count(count: usize, most: usize) -> Result<(), String> {
    if (1..=most).contains(&count) { Ok(()) } else { Err(format!("ask for 1 to {most} images, not {count}")) }
}

/// Images in [0, 1] as a `[n, 784]` tensor, checked.
fn unit_images(lab: &Lab, pixels: &[f32]) -> Result<Tensor<2>, String> {
    let n = crate::lab::normalised(pixels, None)?.len() / IMAGE_PIXELS;
    let clamped: Vec<f32> = pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect();
    Ok(Tensor::from_data(TensorData::new(clamped, [n, IMAGE_PIXELS]), lab.device()))
}

/// How digit-like images in [0, 1] are, by the loaded classifier.
async fn likeness(lab: &Lab, images: &[f32]) -> Result<Likeness, String> {
    let classifier = state(lab).and_then(|s| s.classifier.as_ref()).ok_or("the digit classifier's weights are not loaded")?;
    let x = unit_images(lab, images)?;
    let p = lab.backend().read(classifier.probabilities(x)).await?;
    let (confidence, class) = confidences(&p);
    let mean = confidence.iter().sum::<f32>() / confidence.len().max(1) as f32;
    Ok(Likeness { confidence, class, mean })
}

/// Codes `[n, d]` decoded by a network and scored.
async fn decoded(lab: &Lab, net: &super::Vae, codes: Vec<f32>) -> Result<Decoded, String> {
    let d = net.latent();
    let z = Tensor::<2>::from_data(TensorData::new(codes.clone(), [codes.len() / d, d]), lab.device());
    let images = lab.backend().read(net.decode(z)).await?;
    let likeness = likeness(lab, &images).await?;
    Ok(Decoded { images: images.into(), codes: codes.into(), likeness })
}

/// A network's codes of digits in [0, 1]: (μ, log σ²), read at once.
async fn codes(lab: &Lab, net: &super::Vae, x: Tensor<2>) -> Result<(Vec<f32>, Vec<f32>), String> {
    let (mean, log_var) = net.encode(x);
    let n = mean.dims()[0] * mean.dims()[1];
    let both = lab.backend().read(Tensor::cat(vec![mean.reshape([-1]), log_var.reshape([-1])], 0)).await?;
    Ok((both[..n].to_vec(), both[n..].to_vec()))
}

#[cfg_attr(target_family = "wasm", wasm_bindgen)]
impl Playground {
    /// Sets up the regions lab's two networks (`{latent, beta, seed}`) on the training digits;
    /// returns how many digits they train on. Bad settings change nothing.
    pub fn regions_setup(&mut self, args: Arg<RegionsSetup>) -> Result<usize, String> {
        let setup = take(args)?;
        let digits = self.lab.training_digits().ok_or("no training digits loaded")?;
        let regions = Regions::new(setup, digits, self.lab.device())?;
        let n = digits.len();
        self.lab.own::<RegionsState>().trainer = Some(regions);
        Ok(n)
    }

    /// Sets β for the following steps of the running training.
    pub fn regions_beta(&mut self, args: Arg<Beta>) -> Result<(), String> {
        let beta = take(args)?.beta;
        check_beta(beta)?;
        let trainer = self.lab.own::<RegionsState>().trainer.as_mut().ok_or("the variational autoencoder is not set up")?;
        trainer.beta = beta;
        Ok(())
    }

    /// Loads the digit classifier's weights (`www/models/classifier.q8.gz`, unzipped).
    pub fn regions_classifier(&mut self, args: Arg<File>) -> Result<(), String> {
        let classifier = from_8bit(&take(args)?.bytes.0, self.lab.device())?;
        self.lab.own::<RegionsState>().classifier = Some(classifier);
        Ok(())
    }

    /// Both networks as bytes, to keep in the browser's storage (see `regions/saved.rs`).
    pub async fn regions_save(&self) -> Result<Vec<u8>, String> {
        trainer(&self.lab)?.save().await
    }

    /// The networks `regions_save` wrote, set up on the training digits to go on training,
    /// when their codes have `latent` numbers; returns their setup. A bad file changes nothing.
    pub fn regions_load(&mut self, args: Arg<SavedRegions>) -> Result<Js<RegionsSetup>, String> {
        let a = take(args)?;
        let digits = self.lab.training_digits().ok_or("no training digits loaded")?;
        let regions = Regions::load(&a.bytes.0, digits, self.lab.device())?;
        if regions.setup.latent != a.latent {
            return Err(format!("the saved networks' codes have {} numbers, not {}", regions.setup.latent, a.latent));
        }
        let setup = RegionsSetup { beta: regions.beta, ..regions.setup };
        self.lab.own::<RegionsState>().trainer = Some(regions);
        Ok(Js(setup))
    }

    /// The networks' codes of the first `count` (1 to 10,000) test digits and their test losses.
    pub async fn regions_view(&self, args: Arg<RegionsLook>) -> Result<Js<RegionsView>, String> {
        let count = take(args)?.count;
        check_count(count, 10_000)?;
        let lab = &self.lab;
        let r = trainer(lab)?;
        let test = lab.test_digits().ok_or("no test digits loaded")?.take_at_most(count);
        let x = Tensor::<2>::from_data(TensorData::new(test.unit(), [test.len(), IMAGE_PIXELS]), lab.device());
        let (vae, plain) = (r.vae(), r.plain());
        let (mean, log_var) = vae.encode(x.clone());
        let (plain_code, _) = plain.encode(x.clone());
        let n = test.len() * r.setup.latent;
        let losses = Tensor::cat(
            vec![
                super::reconstruction(vae.logits(mean.clone()), x.clone()),
                super::kl(mean.clone(), log_var.clone()),
                super::reconstruction(plain.logits(plain_code.clone()), x),
            ],
            0,
        );
        let all = lab
            .backend()
            .read(Tensor::cat(vec![mean.reshape([-1]), log_var.mul_scalar(0.5).exp().reshape([-1]), plain_code.reshape([-1]), losses], 0))
            .await?;
        Ok(Js(RegionsView {
            latent: r.setup.latent,
            steps: r.steps,
            epochs: r.epochs(),
            beta: r.beta,
            labels: test.labels.clone(),
            means: all[..n].to_vec().into(),
            spreads: all[n..2 * n].to_vec().into(),
            plain: all[2 * n..3 * n].to_vec().into(),
            reconstruction: all[3 * n],
            kl: all[3 * n + 1],
            plain_reconstruction: all[3 * n + 2],
        }))
    }

    /// A `size × size` grid (2 to 40) of the plane of codes decoded by `net` (`d = 2` only):
    /// `size² × 784` values in [0, 1], row by row from the top.
    pub async fn regions_grid(&self, args: Arg<RegionsGrid>) -> Result<Images, String> {
        let a = take(args)?;
        if !(2..=40).contains(&a.size) {
            return Err(format!("the grid must be 2 to 40 images wide, not {}", a.size));
        }
        if ![a.x_min, a.x_max, a.y_min, a.y_max].iter().all(|v| v.is_finite()) || a.x_min >= a.x_max || a.y_min >= a.y_max {
            return Err("the grid's bounds must be finite numbers with each minimum below its maximum".into());
        }
        let r = trainer(&self.lab)?;
        if r.setup.latent != 2 {
            return Err(format!("the grid draws a plane of codes: set the code size to 2, not {}", r.setup.latent));
        }
        let net = if a.net == Net::Vae { r.vae() } else { r.plain() };
        let points = grid(a.size, (a.x_min, a.x_max), (a.y_min, a.y_max));
        let z = Tensor::<2>::from_data(TensorData::new(points, [a.size * a.size, 2]), self.lab.device());
        Ok(self.lab.backend().read(net.decode(z)).await?.into())
    }

    /// `count` (1 to 100) samples of each network: the variational autoencoder's codes from its
    /// prior N(0, I), the plain one's from a Gaussian fit of its codes of 2,000 training digits.
    pub async fn regions_samples(&self, args: Arg<SampleCount>) -> Result<Js<RegionsSamples>, String> {
        let a = take(args)?;
        check_count(a.count, 100)?;
        let lab = &self.lab;
        let r = trainer(lab)?;
        let d = r.setup.latent;
        let mut rng = Rng::new(a.seed as u64);
        let prior: Vec<f32> = (0..a.count * d).map(|_| rng.normal()).collect();
        let train = lab.training_digits().ok_or("no training digits loaded")?.take_at_most(2000);
        let x = Tensor::<2>::from_data(TensorData::new(train.unit(), [train.len(), IMAGE_PIXELS]), lab.device());
        let (plain_codes, _) = codes(lab, &r.plain(), x).await?;
        let fitted = GaussianFit::of(&plain_codes, d).sample(a.count, &mut rng);
        Ok(Js(RegionsSamples { vae: decoded(lab, &r.vae(), prior).await?, plain: decoded(lab, &r.plain(), fitted).await? }))
    }

    /// The straight line from digit `a`'s code to digit `b`'s (`frames`, 2 to 16), through the
    /// variational autoencoder's means and through the plain one's codes, decoded and scored.
    pub async fn regions_interpolate(&self, args: Arg<DigitPair>) -> Result<Js<RegionsLine>, String> {
        let a = take(args)?;
        if !(2..=16).contains(&a.frames) {
            return Err(format!("ask for 2 to 16 frames, not {}", a.frames));
        }
        if a.a.0.len() != IMAGE_PIXELS || a.b.0.len() != IMAGE_PIXELS {
            return Err(format!("expected two images of {IMAGE_PIXELS} pixels, got {} and {} values", a.a.0.len(), a.b.0.len()));
        }
        let lab = &self.lab;
        let r = trainer(lab)?;
        let pair = unit_images(lab, &[a.a.0.as_slice(), a.b.0.as_slice()].concat())?;
        let d = r.setup.latent;
        let mut out = Vec::new();
        for net in [r.vae(), r.plain()] {
            let (mean, _) = codes(lab, &net, pair.clone()).await?;
            out.push(decoded(lab, &net, path(&mean[..d], &mean[d..], &weights(a.frames))).await?);
        }
        let plain = out.pop().expect("two");
        Ok(Js(RegionsLine { vae: out.pop().expect("two"), plain }))
    }

    /// The holes of a model of the table: `count` (1 to 64) test digits, codes drawn from a
    /// Gaussian fit of its codes of 2,000 training digits, and codes halfway between two of
    /// them, decoded; each scored by the classifier and by the model's anomaly score.
    pub async fn regions_holes(&mut self, args: Arg<HolesOf>) -> Result<Js<Holes>, String> {
        let a = take(args)?;
        check_count(a.count, 64)?;
        let lab = &mut self.lab;
        let train = lab.training_digits().ok_or("no training digits loaded")?.take_at_most(2000);
        let test = lab.test_digits().ok_or("no test digits loaded")?.take_at_most(a.count);
        let codes = lab.encode(&a.model, &train.unit()).await?.0;
        let d = codes.len() / train.len();
        let fit = GaussianFit::of(&codes, d);
        let mut rng = Rng::new(a.seed as u64);
        let random_codes = fit.sample(a.count, &mut rng);
        let between_codes = between(&codes, d, a.count, &mut rng);
        let random = lab.decode(&a.model, &random_codes).await?.0;
        let halfway = lab.decode(&a.model, &between_codes).await?.0;
        let real = test.unit();
        let mut anomaly = [Vec::new(), Vec::new(), Vec::new()];
        for (k, images) in [&real, &random, &halfway].into_iter().enumerate() {
            for image in images.chunks_exact(IMAGE_PIXELS) {
                anomaly[k].push(lab.anomaly(&a.model, image).await?.percentile);
            }
        }
        let [real_anomaly, random_anomaly, between_anomaly] = anomaly;
        let lab = &self.lab;
        Ok(Js(Holes {
            model: a.model,
            latent: d,
            fit: if fit.full { "full" } else { "diagonal" }.into(),
            real_likeness: likeness(lab, &real).await?,
            random: Decoded { likeness: likeness(lab, &random).await?, images: random.into(), codes: random_codes.into() },
            between: Decoded { likeness: likeness(lab, &halfway).await?, images: halfway.into(), codes: between_codes.into() },
            real: real.into(),
            real_anomaly,
            random_anomaly,
            between_anomaly,
        }))
    }
}

crate::web::operations! {
    session regions_setup(RegionsSetup) -> Result<usize, String>;
    session regions_beta(Beta) -> Result<(), String>;
    session regions_classifier(File) -> Result<(), String>;
    awaited regions_save() -> Result<Vec<u8>, String>;
    session regions_load(SavedRegions) -> Result<Js<RegionsSetup>, String>;
    awaited regions_view(RegionsLook) -> Result<Js<RegionsView>, String>;
    awaited regions_grid(RegionsGrid) -> Result<Images, String>;
    awaited regions_samples(SampleCount) -> Result<Js<RegionsSamples>, String>;
    awaited regions_interpolate(DigitPair) -> Result<Js<RegionsLine>, String>;
    awaited regions_holes(HolesOf) -> Result<Js<Holes>, String>;
}
