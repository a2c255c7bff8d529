//! Training, the notebook's recipe: Adam (lr 1e-3), batches of 256, mean squared error against
//! the clean image. The denoising autoencoder sees inputs corrupted by the dropout mask.

use crate::corrupt::DropoutNoise;
use crate::data::batch;
use crate::model::{Autoencoder, ModelKind};
use crate::rng::Rng;
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;

/// Hyper-parameters of a training run.
#[derive(Config, Debug)]
pub struct TrainingConfig {
    #[config(default = 1e-3)]
    pub learning_rate: f64,
    #[config(default = 256)]
    pub batch_size: usize,
    #[config(default = 20)]
    pub epochs: usize,
    #[config(default = 1)]
    pub seed: u64,
}

impl Default for TrainingConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// Mean squared error between two tensors of the same shape, a scalar `[1]`.
pub fn mse(output: Tensor<2>, target: Tensor<2>) -> Tensor<1> {
    (output - target).powi_scalar(2).mean()
}

/// One autoencoder with its optimiser and its place in the shuffled training data.
#[derive(Clone)]
pub struct Trainer {
    pub kind: ModelKind,
    pub config: TrainingConfig,
    /// Parameters live on an autodiff device.
    model: Option<Autoencoder>,
    optim: ModuleOptimizer,
    noise: DropoutNoise,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    /// Optimisation steps taken.
    pub steps: usize,
    /// Training digits seen, over all epochs.
    pub samples: usize,
}

impl Trainer {
    /// A fresh model of `kind` on `device` (made an autodiff device here).
    pub fn new(kind: ModelKind, config: TrainingConfig, device: &Device) -> Self {
        let device = device.clone().autodiff();
        device.seed(config.seed ^ kind as u64);
        let model = kind.config().init(&device);
        Self::from_model(kind, model, config)
    }

    /// Continues training `model` (moved to an autodiff device) with a fresh optimiser.
    pub fn from_model(kind: ModelKind, model: Autoencoder, config: TrainingConfig) -> Self {
        let device = model.devices()[0].clone().autodiff();
        let model = model.to_device(&device).train();
        let optim = AdamConfig::new().with_epsilon(1e-8).init();
        let rng = Rng::new(config.seed.wrapping_mul(31).wrapping_add(kind as u64));
        Self {
            kind,
            config,
            model: Some(model),
            optim,
            noise: DropoutNoise::default(),
            rng,
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            samples: 0,
        }
    }

    /// The device the parameters live on (an autodiff device).
    pub fn device(&self) -> Device {
        self.model().devices()[0].clone()
    }

    fn model(&self) -> &Autoencoder {
        self.model.as_ref().expect("model is only taken during a step")
    }

    /// The model for inference, without autodiff.
    pub fn inference_model(&self) -> Autoencoder {
        self.model().valid()
    }

    /// The indices of the next batch, reshuffling at each epoch.
    pub fn next_batch(&mut self, dataset_len: usize) -> Vec<usize> {
        let size = self.config.batch_size.min(dataset_len);
        if self.order.len() != dataset_len || self.cursor + size > dataset_len {
            self.order = self.rng.permutation(dataset_len);
            self.cursor = 0;
        }
        let indices = self.order[self.cursor..self.cursor + size].to_vec();
        self.cursor += size;
        indices
    }

    /// Epochs completed, as a fraction, for a dataset of `dataset_len` digits.
    pub fn epochs_done(&self, dataset_len: usize) -> f64 {
        self.samples as f64 / dataset_len.max(1) as f64
    }

    /// One optimisation step on the next batch of `images` (`[n, 784]` in [-1, 1], on
    /// [`Trainer::device`]). Returns the batch loss, still on the device: read it with
    /// `into_scalar` natively or `into_scalar_async` in the browser.
    pub fn step(&mut self, images: &Tensor<2>) -> Tensor<1> {
        let indices = self.next_batch(images.dims()[0]);
        let clean = batch(images, &indices);
        let input = if self.kind.denoises() { self.noise.corrupt(clean.clone()) } else { clean.clone() };
        let model = self.model.take().expect("model present");
        let loss = mse(model.reconstruct(input), clean);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(self.config.learning_rate, model, grads));
        self.steps += 1;
        self.samples += indices.len();
        loss.detach()
    }
}
