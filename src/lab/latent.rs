//! The latent lab: interpolation (figures 3–4), inpainting by energy minimisation (figures
//! 10–11), the anomaly score, and the map of the codes.

use super::{ANOMALY_REFERENCE_DIGITS, Lab, normalised, one_mask};
use crate::anomaly::{AnomalyReport, AnomalyRoc, PixelStatistics, Reference, features, roc_auc};
use crate::corrupt::{Damage, DropoutNoise};
use crate::energy::{Descent, EnergyFrame, Unknown, starting_point};
use crate::interpolate::{self, Interpolation};
use crate::latent::{LatentMap, MapReport};
use crate::model::IMAGE_PIXELS;
use crate::record::Images;

impl Lab {
    /// The interpolation from image A to image B (784 values each in [0, 1]) in `frames`
    /// frames: the blends of the pixels and the decoded blends of the codes.
    pub async fn interpolate(&self, model: &str, a: &[f32], b: &[f32], frames: usize) -> Result<Interpolation, String> {
        normalised(a, Some(1))?;
        normalised(b, Some(1))?;
        if !(2..=64).contains(&frames) {
            return Err(format!("the number of frames must be between 2 and 64, not {frames}"));
        }
        let ts = interpolate::weights(frames);
        let pair: Vec<f32> = a.iter().chain(b).copied().collect();
        let codes = self.encode(model, &pair).await?;
        let latent = codes.len() / 2;
        let path = interpolate::path(&codes[..latent], &codes[latent..], &ts);
        let pixels: Vec<f32> = interpolate::path(a, b, &ts).into_iter().map(|v| v.clamp(0.0, 1.0)).collect();
        let decoded = self.decode(model, &path).await?;
        Ok(Interpolation { frames, latent, pixels: pixels.into(), decoded, codes: path.into() })
    }

    /// Starts inpainting one damaged digit by energy minimisation with `model`: `shown` is the
    /// damaged image in [0, 1], `hidden` its hidden pixels, `dropout` the dropout probability of
    /// the damage (how a denoising model sees the digit).
    pub async fn descent(&self, model: &str, unknown: Unknown, shown: &[f32], hidden: &[bool], dropout: f32) -> Result<Descent, String> {
        let slot = self.slot(model)?;
        let known = normalised(shown, Some(1))?;
        one_mask(hidden)?;
        if !hidden.iter().any(|&h| h) {
            return Err("nothing is hidden: mask some pixels first".into());
        }
        let input = Damage::Dropout(DropoutNoise::new(dropout)?.p).model_input(slot.spec.corruption, &known, hidden);
        let start = starting_point(&slot.inference, unknown, self.tensor(input)?);
        Descent::new(slot.inference.clone(), self.backend, unknown, &known, hidden, start).await
    }

    /// Starts the session's energy minimisation (see [`Lab::descent`]), replacing the one
    /// before, and returns its first frame. A bad start keeps the one before.
    pub async fn energy_start(&mut self, model: &str, unknown: Unknown, shown: &[f32], hidden: &[bool], dropout: f32) -> Result<EnergyFrame, String> {
        let descent = self.descent(model, unknown, shown, hidden, dropout).await?;
        let frame = self.descent_frame(&descent).await?;
        self.descent = Some(descent);
        Ok(frame)
    }

    /// Runs `iterations` more iterations of the session's energy minimisation and returns the
    /// frame reached.
    pub async fn energy_step(&mut self, iterations: usize) -> Result<EnergyFrame, String> {
        let mut descent = self.descent.take().ok_or("no energy minimisation was started")?;
        let stepped = async {
            for _ in 0..iterations {
                descent.step().await?;
            }
            self.descent_frame(&descent).await
        }
        .await;
        self.descent = Some(descent);
        stepped
    }

    /// The current frame of a descent.
    pub async fn descent_frame(&self, descent: &Descent) -> Result<EnergyFrame, String> {
        let image = self.read_images(descent.images()).await?;
        Ok(EnergyFrame { iteration: descent.iterations, energy: descent.energies()[0], image: image.into() })
    }

    /// The anomaly reference of `model`, made on first use from the loaded digits.
    pub async fn anomaly_reference(&mut self, model: &str) -> Result<&Reference, String> {
        let index = self.index(model)?;
        if self.slots[index].anomaly.is_none() {
            let train = self.train.as_ref().ok_or("no training digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let test = self.test.as_ref().ok_or("no test digits loaded")?.digits.take_at_most(ANOMALY_REFERENCE_DIGITS);
            let train_pixels = train.normalised();
            let statistics = PixelStatistics::of(&train_pixels);
            let autoencoder = &self.slots[index].inference;
            let train_features = features(autoencoder, self.backend, &train_pixels, &statistics).await?;
            let test_features = features(autoencoder, self.backend, &test.normalised(), &statistics).await?;
            self.slots[index].anomaly = Some(Reference::new(statistics, &train_features, &test_features));
        }
        Ok(self.slots[index].anomaly.as_ref().expect("made above"))
    }

    /// How digit-like an image (784 values in [0, 1]) is to `model`.
    pub async fn anomaly(&mut self, model: &str, pixels: &[f32]) -> Result<AnomalyReport, String> {
        let x = normalised(pixels, Some(1))?;
        self.anomaly_reference(model).await?;
        let slot = self.slot(model)?;
        let reference = slot.anomaly.as_ref().expect("made above");
        let output = self.read(slot.inference.reconstruct(self.tensor(x.clone())?)).await?;
        Ok(AnomalyReport::of(reference, &x, output))
    }

    /// The ROC AUC of `model`'s anomaly score, and of its reconstruction error alone, between
    /// the reference test digits and `outliers` (`n × 784` values in [0, 1]).
    pub async fn anomaly_roc(&mut self, model: &str, outliers: &[f32]) -> Result<AnomalyRoc, String> {
        let x = normalised(outliers, None)?;
        self.anomaly_reference(model).await?;
        let slot = self.slot(model)?;
        let reference = slot.anomaly.as_ref().expect("made above");
        let found = features(&slot.inference, self.backend, &x, &reference.statistics).await?;
        let scores: Vec<f32> = found.iter().map(|f| reference.score(f)).collect();
        let errors: Vec<f32> = found.iter().map(|f| f.error).collect();
        let atypicalities: Vec<f32> = found.iter().map(|f| f.atypicality).collect();
        Ok(AnomalyRoc {
            auc: roc_auc(&scores, reference.test_scores()),
            auc_reconstruction: roc_auc(&errors, reference.test_errors()),
            auc_mean_image: roc_auc(&atypicalities, reference.test_atypicalities()),
            digits: reference.test_scores().len(),
            outliers: found.len(),
        })
    }

    /// The latent map of `model` fitted to the codes of the first `count` test digits.
    pub async fn latent_map(&mut self, model: &str, count: usize) -> Result<MapReport, String> {
        let index = self.index(model)?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = count.clamp(2, test.digits.len());
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let autoencoder = &self.slots[index].inference;
        let codes = self.read(autoencoder.encode(images)).await?;
        let map = LatentMap::fit(&codes, autoencoder.latent())?;
        let points = map.project(&codes);
        let report = MapReport { variance: map.variance, total_variance: map.total_variance, points: points.into() };
        self.slots[index].map = Some(map);
        Ok(report)
    }

    fn map(&self, model: &str) -> Result<&LatentMap, String> {
        self.slot(model)?.map.as_ref().ok_or_else(|| "the latent map has not been made yet".to_string())
    }

    /// Map coordinates of latent codes (`n × latent` values → `n × 2`).
    pub fn map_codes(&self, model: &str, codes: &[f32]) -> Result<Images, String> {
        let map = self.map(model)?;
        if codes.is_empty() || !codes.len().is_multiple_of(map.mean.len()) {
            return Err(format!("expected a multiple of {} latent values", map.mean.len()));
        }
        Ok(map.project(codes).into())
    }

    /// The images (in [0, 1]) at points of the latent map (`n × 2` values → `n × 784`).
    pub async fn map_decode(&self, model: &str, points: &[f32]) -> Result<Images, String> {
        if points.is_empty() || !points.len().is_multiple_of(2) || points.iter().any(|v| !v.is_finite()) {
            return Err("expected pairs of finite map coordinates".into());
        }
        let codes = self.map(model)?.unproject(points);
        self.decode(model, &codes).await
    }
}
