//! The model builder's theory (the lecture's figures 22–23 and its PCA remark): the encoder's
//! kernels, the ink of the digits, a model against PCA.

use super::Lab;
use crate::evaluation::{Input, Scores, reconstruction_error};
use crate::kernels::{Ink, Kernels};
use crate::model::IMAGE_PIXELS;
use crate::pca::{Pca, PcaComparison, moments, rows_kept, subspace_overlap};

impl Lab {
    /// The kernels of `model`'s encoder (lecture figures 22–23), with the spread of their
    /// weights on the pixels the training digits almost never ink.
    pub async fn kernels(&self, model: &str) -> Result<Kernels, String> {
        let slot = self.slot(model)?;
        if self.ink.is_empty() {
            return Err("no training digits loaded".into());
        }
        let weight = self.read(slot.inference.encoder.weight.val()).await?;
        Ok(Kernels::of(&weight, slot.spec.latent, &self.ink))
    }

    /// Which pixels the training digits ink, and their mean image's PSNR on the first 1,000
    /// test digits.
    pub fn ink(&self) -> Result<Ink, String> {
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        Ok(Ink::of(&self.ink, &train.digits, &test.digits.take_at_most(1000)))
    }

    /// `model` against PCA with as many components as its hidden units (up to 100), both on
    /// the first `limit` test digits; PCA is fitted to the training digits (once per k).
    pub async fn pca(&mut self, model: &str, limit: usize) -> Result<PcaComparison, String> {
        let k = self.spec(model)?.latent;
        if k > 100 {
            return Err(format!("PCA is compared with models of up to 100 hidden units; this one has {k}"));
        }
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let fitted = train.digits.len();
        if self.moments.is_none() {
            let (mean, covariance) = moments(train.digits.to_tensor(&self.device));
            self.moments = Some((self.read(mean).await?, self.read(covariance).await?));
        }
        if !self.pcas.iter().any(|p| p.components.len() == k) {
            let (mean, covariance) = self.moments.as_ref().expect("made above");
            self.pcas.push(Pca::from_moments(mean.clone(), covariance, k, 40)?);
        }
        let pca = self.pcas.iter().find(|p| p.components.len() == k).expect("made above");
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let n = limit.clamp(1, test.digits.len());
        let mse = pca.mse(&test.digits.take(n).normalised());
        let slot = self.slot(model)?;
        let images = test.images.clone().slice([0..n, 0..IMAGE_PIXELS]);
        let error = self.read(reconstruction_error(&slot.inference, &images, Input::Clean, 1000)).await?[0] as f64;
        let weight = self.read(slot.inference.encoder.weight.val()).await?;
        let inked: Vec<bool> = self.ink.iter().map(|&share| share > 0.0).collect();
        Ok(PcaComparison {
            k,
            pca_psnr: Scores::from_mse(mse).psnr(),
            model_psnr: Scores::from_mse(error).psnr(),
            overlap: subspace_overlap(&pca.components, &weight, k),
            overlap_inked: subspace_overlap(&pca.components, &rows_kept(&weight, k, &inked), k),
            inked: inked.iter().filter(|&&i| i).count(),
            explained: pca.variances.iter().sum::<f64>() / pca.total_variance,
            digits: n,
            fitted,
        })
    }
}
