//! Training, the notebook's recipe: Adam (lr 1e-3), batches of 256, the loss of the model's
//! spec (MSE, or BCE for a sigmoid output, see `loss.rs`) against the clean image, plus the
//! contractive penalty if the spec has one (`contractive.rs`). A model whose spec has a
//! corruption (the denoising autoencoder) sees its input corrupted by it.
//!
//! Continuing from trained weights (the shipped ones, an upload, a backend switch) starts a
//! fresh Adam, whose first steps move every weight by about the full learning rate, whatever
//! its gradient: on a converged model that undoes part of the training (the batch loss of the
//! shipped standard autoencoder jumped from 0.053 to 0.18 in two steps). So a trainer made from
//! existing weights warms its learning rate up over [`TrainingConfig::warmup`] steps while
//! Adam's moment estimates fill in.

use crate::contractive;
use crate::data::batch;
use crate::loss::{bce_with_logits, mse};
use crate::model::{Autoencoder, AutoencoderConfig};
use crate::rng::Rng;
use crate::spec::{Corruption, Loss, ModelSpec};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use burn::tensor::Distribution;

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
    /// Steps over which the learning rate of a trainer made from existing weights rises
    /// linearly to `learning_rate` (a fresh model starts at full rate, as in the notebook).
    #[config(default = 200)]
    pub warmup: usize,
}

impl Default for TrainingConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// What a step minimises, from the spec: the loss, the contractive weight, the corruption.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Objective {
    pub loss: Loss,
    pub contractive: f32,
    pub corruption: Corruption,
}

impl Objective {
    pub fn of(spec: &ModelSpec) -> Self {
        Self { loss: spec.loss, contractive: spec.contractive, corruption: spec.corruption }
    }

    /// The training input for a batch of clean digits (`[batch, 784]` in [-1, 1]), corrupted
    /// on the device with fresh noise.
    pub fn corrupt(&self, clean: Tensor<2>) -> Tensor<2> {
        match self.corruption {
            Corruption::None => clean,
            Corruption::Dropout { p } => crate::corrupt::DropoutNoise { p }.corrupt(clean),
            Corruption::Gaussian { sigma } => {
                let noise = Tensor::<2>::random(clean.shape(), Distribution::Normal(0.0, 2.0 * sigma as f64), &clean.device());
                clean + noise
            }
        }
    }

    /// The loss of `model` restoring `clean` from `input` (both `[batch, 784]` in [-1, 1]),
    /// in the model's scale, plus the contractive penalty: a scalar `[1]`.
    pub fn loss(&self, model: &Autoencoder, input: Tensor<2>, clean: Tensor<2>) -> Tensor<1> {
        let target = model.prepare(clean);
        let hidden = model.encode(input);
        let logits = model.decoder_preactivation(hidden.clone());
        let loss = match self.loss {
            Loss::Mse => mse(model.output(logits), target),
            Loss::Bce => bce_with_logits(logits, target),
        };
        if self.contractive > 0.0 { loss + contractive::penalty(model, hidden, self.contractive) } else { loss }
    }
}

/// One autoencoder with its optimiser and its place in the shuffled training data.
#[derive(Clone)]
pub struct Trainer {
    pub config: TrainingConfig,
    objective: Objective,
    /// Steps of learning-rate warm-up (0: full rate from the first step).
    warmup: usize,
    /// Parameters live on an autodiff device.
    model: Option<Autoencoder>,
    optim: ModuleOptimizer,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    /// Optimisation steps taken.
    pub steps: usize,
    /// Training digits seen, over all epochs.
    pub samples: usize,
}

impl Trainer {
    /// A fresh model as `spec` describes it, on `device` (made an autodiff device here).
    /// `stream` separates the random streams of models trained with the same seed (the
    /// model's row in the table).
    pub fn new(spec: &ModelSpec, stream: u64, config: TrainingConfig, device: &Device) -> Self {
        let device = device.clone().autodiff();
        device.seed(config.seed ^ stream);
        let model = AutoencoderConfig::of(spec).init(&device);
        Self { warmup: 0, ..Self::from_model(spec, stream, model, config) }
    }

    /// Continues training `model` (moved to an autodiff device) with a fresh optimiser, its
    /// learning rate warmed up over `config.warmup` steps.
    pub fn from_model(spec: &ModelSpec, stream: u64, model: Autoencoder, config: TrainingConfig) -> Self {
        let device = model.devices()[0].clone().autodiff();
        let model = model.to_device(&device).train();
        let optim = AdamConfig::new().with_epsilon(1e-8).init();
        let rng = Rng::new(config.seed.wrapping_mul(31).wrapping_add(stream));
        Self {
            objective: Objective::of(spec),
            warmup: config.warmup,
            config,
            model: Some(model),
            optim,
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

    /// The learning rate of the next step: `learning_rate`, or during the warm-up of a
    /// continued run `learning_rate × (steps + 1) / warmup`.
    pub fn learning_rate(&self) -> f64 {
        let rate = self.config.learning_rate;
        if self.steps < self.warmup { rate * (self.steps + 1) as f64 / self.warmup as f64 } else { rate }
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
        self.step_batch(batch(images, &indices))
    }

    /// One optimisation step on a batch of clean digits (`[n, 784]` in [-1, 1], on
    /// [`Trainer::device`]) that the caller chose (e.g. augmented, with [`Trainer::next_batch`]'s
    /// indices). Returns the batch's objective, still on the device.
    pub fn step_batch(&mut self, clean: Tensor<2>) -> Tensor<1> {
        let count = clean.dims()[0];
        let input = self.objective.corrupt(clean.clone());
        let rate = self.learning_rate();
        let model = self.model.take().expect("model present");
        let loss = self.objective.loss(&model, input, clean);
        let grads = GradientsParams::from_grads(loss.backward(), &model);
        self.model = Some(self.optim.step(rate, model, grads));
        self.steps += 1;
        self.samples += count;
        loss.detach()
    }
}
