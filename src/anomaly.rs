//! How digit-like an image is: an anomaly score.
//!
//! The reconstruction error of an autoencoder is the classic score: a digit lies near the
//! manifold the model learned and comes back nearly unchanged, anything else does not. The
//! notebook's tanh autoencoders miss three obvious cases, though: a blank page and an all-white
//! one come back *better* than a digit, and an inverted digit comes back about as well as the
//! digit (the model is nearly odd, `f(−x) ≈ −f(x)`). So the score adds a second term, how far
//! each pixel is from the average digit in units of how much digits vary there (a mean-image
//! term: a diagonal Gaussian over the pixels), which is huge wherever ink sits where digits
//! never have any; and an image with almost no ink is flagged as empty.
//!
//! Both terms are taken as logarithms and standardised on training digits, then added; the
//! reconstruction term counts only above zero, since a reconstruction better than a typical
//! digit's is no evidence of a digit (the denoising autoencoder reproduces an all-white page
//! almost perfectly, which would otherwise cancel its huge mean-image term). The percentile of
//! a score is its place among the scores of test digits.

use crate::backend::Backend;
use crate::data::denormalize;
use crate::model::{Autoencoder, IMAGE_PIXELS};
use burn::prelude::*;
use crate::record::Images;
use serde::Serialize;

/// Below this fraction of ink (mean pixel in [0, 1]) an image counts as empty. The emptiest
/// MNIST test digit has 2.8% (`cargo run --release --bin evaluate -- --anomaly` prints it).
pub const EMPTY_INK: f32 = 0.02;

/// Scores above this percentile of the test digits' scores are flagged as not digit-like.
pub const UNUSUAL_PERCENTILE: f32 = 0.99;

/// Variance added to each pixel's, so pixels digits never touch do not divide by zero.
const VARIANCE_FLOOR: f32 = 0.01;

/// The reconstruction error (MSE in [-1, 1]) of each image: `[n, 784]` → `[n]`.
pub fn reconstruction_errors(model: &Autoencoder, images: Tensor<2>) -> Tensor<1> {
    let n = images.dims()[0];
    (model.reconstruct(images.clone()) - images).powi_scalar(2).mean_dim(1).reshape([n])
}

/// The features of `n × 784` normalised images (reconstructed 1,000 at a time on the model's
/// device, read back as `backend` reads).
pub async fn features(model: &Autoencoder, backend: Backend, images: &[f32], statistics: &PixelStatistics) -> Result<Vec<Features>, String> {
    let device = model.devices()[0].clone();
    let mut errors = Vec::with_capacity(images.len() / IMAGE_PIXELS);
    for chunk in images.chunks(1000 * IMAGE_PIXELS) {
        let x = Tensor::<2>::from_data(TensorData::new(chunk.to_vec(), [chunk.len() / IMAGE_PIXELS, IMAGE_PIXELS]), &device);
        errors.extend(backend.read(reconstruction_errors(model, x)).await?);
    }
    Ok(Features::of(images, &errors, statistics))
}

/// Mean and variance of each pixel over a set of digits (normalised, in [-1, 1]).
#[derive(Clone, Debug)]
pub struct PixelStatistics {
    pub mean: Vec<f32>,
    pub variance: Vec<f32>,
}

impl PixelStatistics {
    /// Statistics of `n × 784` normalised pixels.
    pub fn of(images: &[f32]) -> Self {
        let n = (images.len() / IMAGE_PIXELS).max(1) as f64;
        let mut sum = vec![0.0f64; IMAGE_PIXELS];
        let mut squares = vec![0.0f64; IMAGE_PIXELS];
        for image in images.chunks_exact(IMAGE_PIXELS) {
            for (k, &v) in image.iter().enumerate() {
                sum[k] += v as f64;
                squares[k] += (v as f64) * (v as f64);
            }
        }
        let mean: Vec<f32> = sum.iter().map(|s| (s / n) as f32).collect();
        let variance = squares.iter().zip(&mean).map(|(q, &m)| ((q / n) - (m as f64).powi(2)).max(0.0) as f32).collect();
        Self { mean, variance }
    }

    /// The mean-image term of one normalised image: mean over pixels of
    /// `(x − mean)² / (variance + 0.01)`.
    pub fn atypicality(&self, image: &[f32]) -> f32 {
        let sum: f32 = image
            .iter()
            .zip(self.mean.iter().zip(&self.variance))
            .map(|(&x, (&m, &v))| (x - m).powi(2) / (v + VARIANCE_FLOOR))
            .sum();
        sum / IMAGE_PIXELS as f32
    }
}

/// What the score is made of, for one image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Features {
    /// Reconstruction error of the autoencoder (MSE in [-1, 1]).
    pub error: f32,
    /// The mean-image term ([`PixelStatistics::atypicality`]).
    pub atypicality: f32,
    /// Fraction of ink: mean pixel in [0, 1].
    pub ink: f32,
}

impl Features {
    /// The features of each of `n` normalised images, given their reconstruction errors.
    pub fn of(images: &[f32], errors: &[f32], statistics: &PixelStatistics) -> Vec<Features> {
        images
            .chunks_exact(IMAGE_PIXELS)
            .zip(errors)
            .map(|(image, &error)| Features {
                error,
                atypicality: statistics.atypicality(image),
                ink: image.iter().map(|&v| (v + 1.0) / 2.0).sum::<f32>() / IMAGE_PIXELS as f32,
            })
            .collect()
    }
}

/// The verdict on one image.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Anomaly {
    pub features: Features,
    /// The combined score (0 is a typical training digit; about 1 per standard deviation).
    pub score: f32,
    /// Fraction of test digits with a lower score.
    pub percentile: f32,
    /// Fraction of test digits with a lower reconstruction error (the plain autoencoder's view).
    pub error_percentile: f32,
    /// Almost no ink.
    pub empty: bool,
    /// Score above [`UNUSUAL_PERCENTILE`] of the test digits.
    pub unusual: bool,
}

impl Anomaly {
    /// Flagged as not a digit.
    pub fn flagged(&self) -> bool {
        self.empty || self.unusual
    }
}

/// Mean and standard deviation of the logarithms of some values.
fn log_moments(values: impl Iterator<Item = f32>) -> (f32, f32) {
    let logs: Vec<f64> = values.map(|v| (v.max(1e-12) as f64).ln()).collect();
    let n = logs.len().max(1) as f64;
    let mean = logs.iter().sum::<f64>() / n;
    let sd = (logs.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).sqrt().max(1e-6);
    (mean as f32, sd as f32)
}

/// Everything needed to score new images: pixel statistics and score scales from training
/// digits, the sorted scores and errors of test digits.
#[derive(Clone, Debug)]
pub struct Reference {
    pub statistics: PixelStatistics,
    log_error: (f32, f32),
    log_atypicality: (f32, f32),
    test_scores: Vec<f32>,
    test_errors: Vec<f32>,
    test_atypicalities: Vec<f32>,
}

impl Reference {
    /// A reference from training digits' features (`train`, made with `statistics`) and test
    /// digits' features.
    pub fn new(statistics: PixelStatistics, train: &[Features], test: &[Features]) -> Self {
        let mut reference = Self {
            statistics,
            log_error: log_moments(train.iter().map(|f| f.error)),
            log_atypicality: log_moments(train.iter().map(|f| f.atypicality)),
            test_scores: Vec::new(),
            test_errors: test.iter().map(|f| f.error).collect(),
            test_atypicalities: test.iter().map(|f| f.atypicality).collect(),
        };
        reference.test_scores = test.iter().map(|f| reference.score(f)).collect();
        reference.test_scores.sort_by(f32::total_cmp);
        reference.test_errors.sort_by(f32::total_cmp);
        reference
    }

    /// The combined score: the two terms' logarithms, standardised, added (the reconstruction
    /// term only where it is above a typical training digit's).
    pub fn score(&self, f: &Features) -> f32 {
        let z = |v: f32, (mean, sd): (f32, f32)| (v.max(1e-12).ln() - mean) / sd;
        z(f.error, self.log_error).max(0.0) + z(f.atypicality, self.log_atypicality)
    }

    /// The verdict on an image with these features.
    pub fn judge(&self, features: Features) -> Anomaly {
        let score = self.score(&features);
        let percentile = fraction_below(&self.test_scores, score);
        Anomaly {
            features,
            score,
            percentile,
            error_percentile: fraction_below(&self.test_errors, features.error),
            empty: features.ink < EMPTY_INK,
            unusual: percentile > UNUSUAL_PERCENTILE,
        }
    }

    /// The score above which an image is flagged as unusual (the test digits' score at
    /// [`UNUSUAL_PERCENTILE`]).
    pub fn threshold(&self) -> f32 {
        let n = self.test_scores.len();
        self.test_scores[((n as f32 * UNUSUAL_PERCENTILE) as usize).min(n.saturating_sub(1))]
    }

    /// The test digits' scores, sorted (for the page's histogram).
    pub fn test_scores(&self) -> &[f32] {
        &self.test_scores
    }

    /// The test digits' reconstruction errors, sorted.
    pub fn test_errors(&self) -> &[f32] {
        &self.test_errors
    }

    /// The test digits' mean-image terms (how far their pixels are from the average digit's).
    pub fn test_atypicalities(&self) -> &[f32] {
        &self.test_atypicalities
    }
}

/// Fraction of the sorted `values` below `v`.
fn fraction_below(sorted: &[f32], v: f32) -> f32 {
    sorted.partition_point(|&x| x < v) as f32 / sorted.len().max(1) as f32
}

/// The area under the ROC curve of a score that should be higher on `positives` than on
/// `negatives`: the probability that a random positive scores above a random negative (ties
/// count half).
pub fn roc_auc(positives: &[f32], negatives: &[f32]) -> f64 {
    let mut negatives = negatives.to_vec();
    negatives.sort_by(f32::total_cmp);
    let total: f64 = positives
        .iter()
        .map(|&p| {
            let below = negatives.partition_point(|&x| x < p);
            let equal = negatives[below..].partition_point(|&x| x <= p);
            below as f64 + equal as f64 / 2.0
        })
        .sum();
    total / (positives.len().max(1) as f64 * negatives.len().max(1) as f64)
}

/// How digit-like an image is to a model (see `anomaly.rs`).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AnomalyReport {
    /// The combined score.
    pub score: f32,
    /// Fraction of the reference test digits with a lower score.
    pub percentile: f32,
    /// The reconstruction error, MSE in [-1, 1] (the lecture's anomaly score).
    pub error: f32,
    /// Fraction of the reference test digits with a lower reconstruction error.
    pub error_percentile: f32,
    /// The mean-image term.
    pub atypicality: f32,
    /// Mean pixel in [0, 1].
    pub ink: f32,
    pub empty: bool,
    pub unusual: bool,
    /// Empty or unusual.
    pub flagged: bool,
    /// The score above which an image is unusual.
    pub threshold: f32,
    /// The percentile of the test digits' scores above which an image is unusual.
    pub flag_above: f32,
    /// The model's reconstruction: 784 values in [0, 1].
    pub reconstruction: Images,
    /// The squared error of each pixel, on the [0, 1] scale: 784 values in [0, 1].
    pub error_map: Images,
}

/// How well the anomaly score separates the reference test digits from given outliers.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct AnomalyRoc {
    /// ROC AUC of the combined score.
    pub auc: f64,
    /// ROC AUC of the reconstruction error alone: the autoencoder's own score (the lecture's).
    pub auc_reconstruction: f64,
    /// ROC AUC of the mean-image term alone, a baseline with no autoencoder in it.
    pub auc_mean_image: f64,
    /// Reference test digits.
    pub digits: usize,
    /// Outliers scored.
    pub outliers: usize,
}

impl AnomalyReport {
    /// The report on one image: `x`, the image in [-1, 1] (784 values, as the model sees it),
    /// `output`, the model's reconstruction of it in [-1, 1], judged against `reference`. The
    /// error is the reconstruction's MSE in [-1, 1], as [`reconstruction_errors`] computes it;
    /// the reconstruction and the error map are shown in [0, 1].
    pub fn of(reference: &Reference, x: &[f32], output: Vec<f32>) -> Self {
        let error = output.iter().zip(x).map(|(r, v)| (r - v).powi(2)).sum::<f32>() / IMAGE_PIXELS as f32;
        let verdict = reference.judge(Features::of(x, &[error], &reference.statistics)[0]);
        let reconstruction: Vec<f32> = output.into_iter().map(denormalize).collect();
        let error_map: Vec<f32> = reconstruction.iter().zip(x).map(|(r, v)| (r - denormalize(*v)).powi(2)).collect();
        Self {
            score: verdict.score,
            percentile: verdict.percentile,
            error: verdict.features.error,
            error_percentile: verdict.error_percentile,
            atypicality: verdict.features.atypicality,
            ink: verdict.features.ink,
            empty: verdict.empty,
            unusual: verdict.unusual,
            flagged: verdict.flagged(),
            threshold: reference.threshold(),
            flag_above: UNUSUAL_PERCENTILE,
            reconstruction: reconstruction.into(),
            error_map: error_map.into(),
        }
    }
}
