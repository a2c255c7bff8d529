//! How digit-like an image is: a small classifier, 784 → 100 → 10 (ReLU, softmax), trained by
//! the project's trainer on the 60,000 MNIST training digits (`cargo run --release --bin train
//! -- --classifier`, which prints its test accuracy) and shipped in 8 bits like the models
//! (`www/models/classifier.q8.gz`). An image's digit-likeness is the classifier's confidence,
//! the largest of its ten probabilities: near 1 for a clear digit of one class, near 0.1 for
//! an image it cannot tell from any class. It is a proxy: a confident classifier can be fooled
//! by a blob that happens to look like one class, which is why the lab shows the anomaly score
//! beside it.

use crate::model::IMAGE_PIXELS;
use crate::weights::{Reader, linear};
#[cfg(not(target_family = "wasm"))]
use crate::{
    data::Digits,
    rng::Rng,
    weights::{floats, quantise},
};
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
#[cfg(not(target_family = "wasm"))]
use burn::optim::{AdamConfig, GradientsParams};
use burn::prelude::*;

pub const CLASSES: usize = 10;
pub const CLASSIFIER_HIDDEN: usize = 100;
use crate::format::CLASSIFIER_MAGIC as MAGIC;

#[derive(Module, Debug)]
pub struct Classifier {
    pub hidden: Linear,
    pub output: Linear,
}

impl Classifier {
    pub fn new(device: &Device) -> Self {
        Self { hidden: LinearConfig::new(IMAGE_PIXELS, CLASSIFIER_HIDDEN).init(device), output: LinearConfig::new(CLASSIFIER_HIDDEN, CLASSES).init(device) }
    }

    /// Images `[n, 784]` in [0, 1] → logits `[n, 10]`.
    pub fn logits(&self, x: Tensor<2>) -> Tensor<2> {
        self.output.forward(self.hidden.forward(x).clamp_min(0.0))
    }

    /// Each image's class probabilities `[n, 10]`.
    pub fn probabilities(&self, x: Tensor<2>) -> Tensor<2> {
        burn::tensor::activation::softmax(self.logits(x), 1)
    }
}

/// Each image's confidence (largest probability) and class, from the probabilities read back
/// (`n × 10`).
pub fn confidences(probabilities: &[f32]) -> (Vec<f32>, Vec<u8>) {
    probabilities
        .chunks_exact(CLASSES)
        .map(|p| {
            let (k, &c) = p.iter().enumerate().fold((0, &f32::MIN), |best, (k, v)| if *v > *best.1 { (k, v) } else { best });
            (c, k as u8)
        })
        .unzip()
}

/// Cross-entropy of the logits against the labels, averaged over the batch: `[1]`. (Training
/// and writing the classifier are native only: the page only reads it.)
#[cfg(not(target_family = "wasm"))]
fn cross_entropy(logits: Tensor<2>, labels: &[u8]) -> Tensor<1> {
    let device = logits.device();
    let n = labels.len();
    let mut one_hot = vec![0.0f32; n * CLASSES];
    for (i, &l) in labels.iter().enumerate() {
        one_hot[i * CLASSES + l as usize] = 1.0;
    }
    let target = Tensor::<2>::from_data(TensorData::new(one_hot, [n, CLASSES]), &device);
    let log_probs = burn::tensor::activation::log_softmax(logits, 1);
    (log_probs * target).sum_dim(1).neg().mean()
}

/// Trains a classifier on `digits` (`epochs` passes in batches of 128, Adam 10⁻³), calling
/// `report(epoch, mean loss)` after each epoch.
#[cfg(not(target_family = "wasm"))]
pub fn train(digits: &Digits, epochs: usize, seed: u64, device: &Device, mut report: impl FnMut(usize, f32)) -> Classifier {
    let device = device.clone().autodiff();
    device.seed(seed);
    let mut model = Classifier::new(&device).train();
    let mut optim = AdamConfig::new().with_epsilon(1e-8).init();
    let x = Tensor::<2>::from_data(TensorData::new(digits.unit(), [digits.len(), IMAGE_PIXELS]), &device);
    let mut rng = Rng::new(seed);
    let batch = 128.min(digits.len());
    for epoch in 1..=epochs {
        let order = rng.permutation(digits.len());
        let mut losses = Vec::new();
        for chunk in order.chunks_exact(batch) {
            let labels: Vec<u8> = chunk.iter().map(|&i| digits.labels[i]).collect();
            let loss = cross_entropy(model.logits(crate::data::batch(&x, chunk)), &labels);
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            losses.push(loss.detach());
            model = optim.step(1e-3, model, grads);
        }
        let mean = Tensor::cat(losses, 0).mean().into_data().try_to_vec::<f32>().unwrap_or_default().first().copied().unwrap_or(f32::NAN);
        report(epoch, mean);
    }
    model.valid()
}

/// The classifier in 8 bits: `b"AEPK" | u32 LE hidden`, then the hidden layer's weight as
/// `weights::quantise` writes it (`[784, hidden]`), its bias (f32), the output layer's weight
/// (`[hidden, 10]`) and bias.
#[cfg(not(target_family = "wasm"))]
pub async fn to_8bit(model: &Classifier) -> Result<Vec<u8>, String> {
    let read = |t: Tensor<1>| async move { t.into_data_async().await.map_err(|e| format!("reading the weights failed: {e}"))?.try_to_vec::<f32>().map_err(|e| format!("unexpected tensor data: {e:?}")) };
    let hidden = model.hidden.weight.dims()[1];
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&(hidden as u32).to_le_bytes());
    for (layer, rows, cols) in [(&model.hidden, IMAGE_PIXELS, hidden), (&model.output, hidden, CLASSES)] {
        quantise(&read(layer.weight.val().reshape([-1])).await?, rows, cols, &mut out);
        floats(&read(layer.bias.as_ref().expect("a bias").val()).await?, &mut out);
    }
    Ok(out)
}

/// Reads [`to_8bit`]'s file.
pub fn from_8bit(bytes: &[u8], device: &Device) -> Result<Classifier, String> {
    if bytes.get(..4) != Some(MAGIC) {
        return Err("this is not the digit classifier's weights file".into());
    }
    let short = || "the digit classifier's weights file is cut short".to_string();
    let mut reader = Reader { bytes, at: 4, non_finite: false };
    let hidden = reader.u32().ok_or_else(short)? as usize;
    if !(1..=4096).contains(&hidden) {
        return Err(format!("the digit classifier's weights file says its hidden layer has {hidden} units"));
    }
    let mut layer = |rows: usize, cols: usize| -> Result<Linear, String> {
        let w = reader.dequantised(rows, cols).ok_or_else(short)?;
        Ok(linear(w, reader.floats(cols).ok_or_else(short)?, rows, cols, device))
    };
    let hidden_layer = layer(IMAGE_PIXELS, hidden)?;
    let output = layer(hidden, CLASSES)?;
    if reader.at != bytes.len() {
        return Err(format!("the digit classifier's weights file has {} bytes too many", bytes.len() - reader.at));
    }
    if reader.non_finite {
        return Err("the digit classifier's weights file holds a weight that is not a finite number".into());
    }
    Ok(Classifier { hidden: hidden_layer, output })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidences_pick_the_largest() {
        let mut p = vec![0.1f32; 20];
        p[3] = 0.9;
        p[10 + 7] = 0.5;
        let (c, k) = confidences(&p);
        assert_eq!(k, vec![3, 7]);
        assert_eq!(c, vec![0.9, 0.5]);
    }

    #[test]
    fn bad_files_are_refused() {
        let d = crate::backend::Backend::NdArray.device_blocking().unwrap();
        assert!(from_8bit(b"AEP8", &d).unwrap_err().contains("not the digit classifier"));
        assert!(from_8bit(b"AEPK\x64\0\0\0\0", &d).unwrap_err().contains("cut short"));
    }
}
