//! Training, the notebook's recipe: Adam (lr 1e-3), batches of 256, the loss of the model's
//! spec (MSE, or BCE for a sigmoid output, see `loss.rs`) against the clean image, plus the
//! contractive penalty if the spec has one (`contractive.rs`). A model whose spec has a
//! corruption (the denoising autoencoder) sees its input corrupted by it.
//!
//! Continuing from trained weights alone (the shipped ones, an upload) starts a
//! fresh Adam, whose first steps move every weight by about the full learning rate, whatever
//! its gradient: on a converged model that undoes part of the training (the batch loss of the
//! shipped standard autoencoder jumped from 0.053 to 0.18 in two steps). So a trainer made from
//! existing weights warms its learning rate up over [`TrainingConfig::warmup`] steps while
//! Adam's moment estimates fill in.
//!
//! Adam is Burn's (`burn::optim::Adam`, stepped one parameter at a time), but its moments are
//! kept here, by parameter path (`encoder.weight`, …): so a trainer's whole state (weights,
//! moments, its place in the shuffled data) can be read asynchronously on any device, WebGPU
//! included, and put back on any other (`checkpoint.rs`: the page's autosave, a backend switch,
//! a restarted worker), where Burn's own optimiser records read synchronously and key by
//! parameter ids that a reloaded model does not keep.

use crate::contractive;
use crate::data::{batch, Digits};
use crate::model::IMAGE_PIXELS;
use crate::dense::{self, Net};
use crate::loss::{bce_with_logits, mse};
use crate::model::{Autoencoder, AutoencoderConfig};
use crate::rng::Rng;
use crate::parts::Scale;
use crate::spec::{Corruption, Loss, ModelSpec};
use burn::module::Param;
#[cfg(any(feature = "gpu", feature = "flex"))]
use burn::module::ModuleMapper;
use burn::optim::{Adam, AdamConfig};
#[cfg(any(feature = "gpu", feature = "flex"))]
use burn::optim::{AdamState, AdaptiveMomentumState, GradientsParams, Optimizer};
use std::cell::OnceCell;
use std::collections::BTreeMap;
use burn::prelude::*;
use burn::tensor::Distribution;
use serde::Serialize;

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
    /// Parameters live on an autodiff device. With `hand`, the model's structure only: its
    /// values are `hand`'s, written into `current` when asked for.
    model: Option<Autoencoder>,
    /// On burn-ndarray, the network and Adam's moments, stepped by `dense.rs`'s hand-written
    /// step (Burn's step elsewhere).
    hand: Option<Net>,
    /// `model` with `hand`'s values, made when first asked for after a step.
    current: OnceCell<Autoencoder>,
    #[cfg_attr(not(any(feature = "gpu", feature = "flex")), allow(dead_code))] // Burn's step only
    adam: Adam,
    /// Adam's moments of each parameter, by path (Burn's step only).
    moments: BTreeMap<String, Moments>,
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
        let rng = Rng::new(config.seed.wrapping_mul(31).wrapping_add(stream));
        let objective = Objective::of(spec);
        let hand = dense::hand_device(&device).then(|| model.hand_net(hand_loss(&objective), objective.contractive));
        Self {
            objective,
            warmup: config.warmup,
            config,
            model: Some(model),
            hand,
            current: OnceCell::new(),
            adam: adam(),
            moments: BTreeMap::new(),
            rng,
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            samples: 0,
        }
    }

    /// What the trainer holds besides its weights, read off the device (asynchronously, so on
    /// WebGPU too): Adam's moments, its place in the shuffled data, its counts. With the weights,
    /// [`Trainer::resume`] continues from it as if never stopped.
    pub async fn state(&self) -> Result<TrainerState, String> {
        let mut moments = Vec::with_capacity(self.moments.len());
        if let Some(net) = &self.hand {
            let taken = net.params.iter().filter(|p| p.time > 0);
            moments.extend(taken.map(|p| SavedMoments { path: p.path.clone(), time: p.time, first: p.first.clone(), second: p.second.clone() }));
            // By path, as Burn's step keeps them.
            moments.sort_by(|a, b| a.path.cmp(&b.path));
        }
        for (path, m) in &self.moments {
            let read = |e| format!("reading the optimiser's state failed: {e}");
            let first = m.first.clone().into_data_async().await.map_err(read)?.try_to_vec::<f32>().map_err(|e| format!("reading the optimiser's state failed: {e:?}"))?;
            let second = m.second.clone().into_data_async().await.map_err(read)?.try_to_vec::<f32>().map_err(|e| format!("reading the optimiser's state failed: {e:?}"))?;
            moments.push(SavedMoments { path: path.clone(), time: m.time, first, second });
        }
        Ok(TrainerState {
            learning_rate: self.config.learning_rate,
            batch_size: self.config.batch_size,
            seed: self.config.seed,
            warmup: self.warmup,
            rng: self.rng.state(),
            order: self.order.iter().map(|&i| i as u32).collect(),
            cursor: self.cursor,
            steps: self.steps,
            samples: self.samples,
            moments,
        })
    }

    /// Continues training `model` (moved to an autodiff device) from a saved [`TrainerState`]:
    /// the same Adam moments, shuffle, cursor and counts, so the next steps are the ones the
    /// saved trainer would have taken (bar a corruption's fresh noise, drawn on the device).
    pub fn resume(spec: &ModelSpec, model: Autoencoder, state: TrainerState) -> Self {
        let plain = model.devices()[0].clone();
        let model = model.to_device(&plain.clone().autodiff()).train();
        let objective = Objective::of(spec);
        let hand = dense::hand_device(&plain).then(|| {
            let mut net = model.hand_net(hand_loss(&objective), objective.contractive);
            for saved in &state.moments {
                if let Some(p) = net.params.iter_mut().find(|p| p.path == saved.path && p.values.len() == saved.first.len() && saved.first.len() == saved.second.len()) {
                    (p.first, p.second, p.time) = (saved.first.clone(), saved.second.clone(), saved.time);
                }
            }
            net
        });
        let moments = if hand.is_some() { Vec::new() } else { state.moments };
        let moments = moments
            .into_iter()
            .map(|m| {
                let n = m.first.len();
                let tensor = |v: Vec<f32>| Tensor::<1>::from_data(TensorData::new(v, [n]), &plain);
                (m.path, Moments { time: m.time, first: tensor(m.first), second: tensor(m.second) })
            })
            .collect();
        Self {
            config: TrainingConfig::new().with_learning_rate(state.learning_rate).with_batch_size(state.batch_size).with_seed(state.seed),
            objective,
            warmup: state.warmup,
            model: Some(model),
            hand,
            current: OnceCell::new(),
            adam: adam(),
            moments,
            rng: Rng::resume(state.rng),
            order: state.order.into_iter().map(|i| i as usize).collect(),
            cursor: state.cursor,
            steps: state.steps,
            samples: state.samples,
        }
    }

    /// The names and sizes of the parameters Adam keeps moments for: every parameter of the
    /// model, by path (`encoder.weight`, …), with its number of values.
    pub fn parameters(&self) -> Vec<(String, usize)> {
        let mut names = ParameterNames::default();
        self.model().visit(&mut names);
        names.found
    }

    /// The device the parameters live on (an autodiff device).
    pub fn device(&self) -> Device {
        self.model.as_ref().expect("model is only taken during a step").devices()[0].clone()
    }

    fn model(&self) -> &Autoencoder {
        let model = self.model.as_ref().expect("model is only taken during a step");
        match &self.hand {
            Some(net) => self.current.get_or_init(|| dense::write(model.clone(), &net.params)),
            None => model,
        }
    }

    /// Takes Burn's step from now on, even on burn-ndarray (for comparing the two steps):
    /// the same weights and Adam moments, carried over.
    #[cfg(any(feature = "gpu", feature = "flex"))]
    pub fn with_burn_step(mut self) -> Self {
        // The model with the hand-written step's values, read before the network is let go.
        let model = self.model().clone();
        if let Some(net) = self.hand.take() {
            let device = model.devices()[0].clone();
            for p in net.params.iter().filter(|p| p.time > 0) {
                let n = p.first.len();
                let tensor = |v: &[f32]| Tensor::<1>::from_data(TensorData::new(v.to_vec(), [n]), &device.clone().inner());
                self.moments.insert(p.path.clone(), Moments { time: p.time, first: tensor(&p.first), second: tensor(&p.second) });
            }
            self.model = Some(model);
            self.current = OnceCell::new();
        }
        self
    }

    /// Whether the steps are `dense.rs`'s hand-written ones.
    pub fn hand_step(&self) -> bool {
        self.hand.is_some()
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

    /// One optimisation step on the next batch of `digits`, whose first `images.dims()[0]` are
    /// `images` on [`Trainer::device`] (as [`Trainer::step`]): the hand-written step reads the
    /// batch from the host's bytes, Burn's selects it on the device.
    pub fn step_digits(&mut self, digits: &Digits, images: &Tensor<2>) -> Tensor<1> {
        if self.hand.is_none() {
            return self.step(images);
        }
        let indices = self.next_batch(images.dims()[0]);
        let clean = digits.rows(&indices);
        self.hand_batch(clean, indices.len())
    }

    /// One optimisation step on a batch of clean digits (`[n, 784]` in [-1, 1], on
    /// [`Trainer::device`]) that the caller chose (e.g. augmented, with [`Trainer::next_batch`]'s
    /// indices). Returns the batch's objective, still on the device.
    pub fn step_batch(&mut self, clean: Tensor<2>) -> Tensor<1> {
        let count = clean.dims()[0];
        if self.hand.is_some() {
            // Read while no other handle shares it: burn-ndarray then hands its buffer over,
            // where a shared one is copied value by value (6 ms for a batch).
            let values = clean.into_data().try_into_vec::<f32>().expect("float pixels");
            return self.hand_batch(values, count);
        }
        // Burn's step: compiled only into the modules with another backend than burn-ndarray
        // (the CPU module has that one alone, and it takes the step above).
        #[cfg(any(feature = "gpu", feature = "flex"))]
        {
            let rate = self.learning_rate();
            let input = self.objective.corrupt(clean.clone());
            let model = self.model.take().expect("model present");
            let loss = self.objective.loss(&model, input, clean);
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            let mut step = AdamStep { adam: &self.adam, moments: &mut self.moments, grads, rate, path: Vec::new() };
            self.model = Some(model.map(&mut step));
            self.steps += 1;
            self.samples += count;
            loss.detach()
        }
        #[cfg(not(any(feature = "gpu", feature = "flex")))]
        unreachable!("burn-ndarray, this module's one backend, takes the hand-written step")
    }
}

impl Trainer {
    /// The hand-written step on `count` clean digits (`count × 784` values in [-1, 1]).
    fn hand_batch(&mut self, clean: Vec<f32>, count: usize) -> Tensor<1> {
        let rate = self.learning_rate();
        let device = self.device();
        let scale = self.model.as_ref().expect("model present").form.scale;
        // The pixels in the model's scale: [-1, 1], or [0, 1].
        let scaled = |mut values: Vec<f32>| {
            if scale == Scale::Unit {
                for i in 0..values.len() {
                    values[i] = (values[i] + 1.0) * 0.5;
                }
            }
            values
        };
        let input = (self.objective.corruption != Corruption::None).then(|| {
            let tensor = Tensor::<2>::from_data(TensorData::new(clean.clone(), [count, IMAGE_PIXELS]), &device);
            scaled(self.objective.corrupt(tensor).into_data().try_into_vec::<f32>().expect("float pixels"))
        });
        let clean = scaled(clean);
        let net = self.hand.as_mut().expect("a hand-written step");
        let loss = net.step(input.as_deref().unwrap_or(&clean), &clean, count, rate);
        self.current = OnceCell::new();
        self.steps += 1;
        self.samples += count;
        Tensor::from_data(TensorData::new(vec![loss], [1]), &device)
    }
}

/// `dense.rs`'s loss for the spec's.
fn hand_loss(objective: &Objective) -> dense::Loss {
    match objective.loss {
        Loss::Mse => dense::Loss::Mse,
        Loss::Bce => dense::Loss::BceWithLogits,
    }
}

/// A trainer's state apart from its weights, on the host (see [`Trainer::state`]).
#[derive(Clone, Debug, PartialEq)]
pub struct TrainerState {
    pub learning_rate: f64,
    pub batch_size: usize,
    pub seed: u64,
    /// Steps of learning-rate warm-up this trainer started with.
    pub warmup: usize,
    /// The shuffling generator's state.
    pub rng: u64,
    /// The epoch's shuffled order of the training digits and how far into it the trainer is.
    pub order: Vec<u32>,
    pub cursor: usize,
    pub steps: usize,
    pub samples: usize,
    pub moments: Vec<SavedMoments>,
}

/// Adam's moments of one parameter, on the host: `first` and `second` hold the parameter's
/// number of values each, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedMoments {
    pub path: String,
    pub time: usize,
    pub first: Vec<f32>,
    pub second: Vec<f32>,
}

/// Collects a model's parameter paths and sizes.
#[derive(Default)]
struct ParameterNames {
    path: Vec<String>,
    found: Vec<(String, usize)>,
}

impl burn::module::ModuleVisitor for ParameterNames {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        self.found.push((self.path.join("."), param.shape().num_elements()));
    }
}

/// Burn's Adam as the notebook sets it up (`torch.optim.Adam`: β = (0.9, 0.999), ε = 1e-8).
fn adam() -> Adam {
    AdamConfig::new().with_epsilon(1e-8).build()
}

/// Adam's state for one parameter: the steps it has taken and its two moment estimates,
/// flattened (the parameter's values in order).
#[derive(Clone)]
pub struct Moments {
    pub time: usize,
    /// In the parameter's shape once a step has run (read them flat: `into_data` and
    /// `to_vec`); flat when restored from a checkpoint.
    pub first: Tensor<1>,
    pub second: Tensor<1>,
}

/// One Adam step over a model's parameters: each one with a gradient moves, its moments
/// (looked up by its path) updated.
#[cfg(any(feature = "gpu", feature = "flex"))]
struct AdamStep<'a> {
    adam: &'a Adam,
    moments: &'a mut BTreeMap<String, Moments>,
    grads: GradientsParams,
    rate: f64,
    path: Vec<String>,
}

#[cfg(any(feature = "gpu", feature = "flex"))]
impl ModuleMapper for AdamStep<'_> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let Some(grad) = self.grads.remove::<D>(id) else {
            return Param::from_mapped_value(id, tensor, mapper);
        };
        let path = self.path.join(".");
        let shape = tensor.shape();
        let state = self.moments.remove(&path).map(|m| {
            let device = grad.device();
            // Moments kept from the last step are in the parameter's shape already; restored
            // ones (a checkpoint) are flat and take it once.
            let unflatten = |t: Tensor<1>| -> Tensor<D> {
                if t.shape().num_dims() == D { Tensor::from_bridge(t.into_bridge()) } else { t.to_device(&device).reshape(shape.clone()) }
            };
            AdamState::new(AdaptiveMomentumState::new(m.time, unflatten(m.first), unflatten(m.second)))
        });
        let (updated, state) = self.adam.step(self.rate, tensor.inner(), grad, state);
        if let Some(AdamState { momentum }) = state {
            // Kept in the parameter's own shape (a `Tensor<1>` only holds it): no reshape sits
            // between one step's Adam operations and the next's, which lets burn-fusion fuse
            // them on the GPU.
            let (first, second) = (Tensor::from_bridge(momentum.moment_1.into_bridge()), Tensor::from_bridge(momentum.moment_2.into_bridge()));
            self.moments.insert(path, Moments { time: momentum.time, first, second });
        }
        Param::from_mapped_value(id, Tensor::from_inner(updated).require_grad(), mapper)
    }
}

/// The result of a run of training steps.
#[derive(Clone, Debug, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TrainReport {
    /// The objective of each step on its batch: the model's loss in its own scale (MSE, or
    /// BCE per pixel) plus its contractive penalty, if any.
    pub losses: Vec<f32>,
    /// Steps taken by this model since it was created or loaded.
    pub steps: usize,
    /// Epochs over the training digits, as a fraction.
    pub epochs: f64,
}
