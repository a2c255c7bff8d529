//! Inpainting by energy minimisation (the lecture's figures 10 and 11): the autoencoder
//! defines an energy that is low on the data manifold, and a damaged digit is restored by
//! walking downhill in that energy while the known pixels stay as they are.
//!
//! Two things can move:
//! - [`Unknown::Latent`]: the latent code `z`, with the energy
//!   `E(z) = mean over the known pixels of (decode(z) − x)²`: the point of the manifold whose
//!   image best matches what is known. The hidden pixels are read off `decode(z)`.
//! - [`Unknown::Pixels`]: the hidden pixels `h` themselves, with the reconstruction error of
//!   the autoencoder as the energy, `E(h) = mean of (reconstruct(x) − x)²` where `x` is the
//!   known pixels completed by `h`.
//!
//! The gradient comes from Burn's autodiff. Each iteration tries one gradient step per image
//! and keeps it only if it lowers that image's energy (doubling the step size after a success,
//! halving it after a failure), so the energy never rises.

use crate::backend::Backend;
use crate::model::{Autoencoder, IMAGE_PIXELS};
use burn::prelude::*;
use burn::tensor::Bool;
use crate::record::Images;
use serde::{Deserialize, Serialize};

/// What the descent moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Unknown {
    /// The latent code.
    Latent,
    /// The hidden pixels.
    Pixels,
}

impl Unknown {
    pub const ALL: [Unknown; 2] = [Unknown::Latent, Unknown::Pixels];

    pub fn name(self) -> &'static str {
        match self {
            Unknown::Latent => "latent",
            Unknown::Pixels => "pixels",
        }
    }

    pub fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "latent" => Ok(Unknown::Latent),
            "pixels" => Ok(Unknown::Pixels),
            other => Err(format!("unknown energy variable '{other}' (expected latent or pixels)")),
        }
    }

    /// The first step size tried (the energies are means of squares of values in [-1, 1]).
    fn initial_step(self) -> f32 {
        match self {
            Unknown::Latent => 1.0,
            Unknown::Pixels => 100.0,
        }
    }
}

/// The tensors an energy needs, on one device (with or without autodiff).
#[derive(Clone)]
struct Problem {
    model: Autoencoder,
    /// The damaged images, normalised, hidden pixels 0: `[n, 784]`.
    known: Tensor<2>,
    /// 1 on known pixels, 0 on hidden ones: `[n, 784]`.
    visible: Tensor<2>,
    /// 1 on hidden pixels: `[n, 784]`.
    hidden: Tensor<2>,
}

impl Problem {
    fn to_autodiff(&self) -> Self {
        let device = self.known.device().autodiff();
        Self {
            model: self.model.clone().to_device(&device).no_grad(),
            known: self.known.clone().autodiff(),
            visible: self.visible.clone().autodiff(),
            hidden: self.hidden.clone().autodiff(),
        }
    }

    /// The images the unknowns stand for, known pixels in place: `[n, 784]` in [-1, 1].
    fn images(&self, unknown: Unknown, state: Tensor<2>) -> Tensor<2> {
        let filled = match unknown {
            Unknown::Latent => self.model.decode(state),
            Unknown::Pixels => state,
        };
        self.known.clone() + self.hidden.clone() * filled
    }

    /// The energy of each image: `[n]`.
    fn energies(&self, unknown: Unknown, state: Tensor<2>) -> Tensor<1> {
        let n = state.dims()[0];
        match unknown {
            Unknown::Latent => {
                let error = (self.model.decode(state) - self.known.clone()).powi_scalar(2) * self.visible.clone();
                let counts = self.visible.clone().sum_dim(1).clamp_min(1.0);
                (error.sum_dim(1) / counts).reshape([n])
            }
            Unknown::Pixels => {
                let x = self.images(unknown, state);
                (self.model.reconstruct(x.clone()) - x).powi_scalar(2).mean_dim(1).reshape([n])
            }
        }
    }
}

/// A running minimisation over a batch of damaged images.
pub struct Descent {
    unknown: Unknown,
    backend: Backend,
    problem: Problem,
    tracked: Problem,
    /// The unknowns: `[n, latent]` codes or `[n, 784]` pixel values (only hidden ones matter).
    state: Tensor<2>,
    /// The gradient at `state`, kept while no image moved (it has not changed).
    gradient: Option<Tensor<2>>,
    step_sizes: Vec<f32>,
    energies: Vec<f32>,
    /// Iterations run so far.
    pub iterations: usize,
}

impl Descent {
    /// Starts a descent for `n` damaged images: `known` are their normalised pixels (`n × 784`
    /// values, those under `hidden` ignored), `start` the first unknowns (`[n, latent]` codes or
    /// `[n, 784]` pixels).
    pub async fn new(
        model: Autoencoder,
        backend: Backend,
        unknown: Unknown,
        known: &[f32],
        hidden: &[bool],
        start: Tensor<2>,
    ) -> Result<Self, String> {
        if known.is_empty() || known.len() != hidden.len() || !known.len().is_multiple_of(IMAGE_PIXELS) {
            return Err(format!("expected n × {IMAGE_PIXELS} pixels and as many mask values"));
        }
        let n = known.len() / IMAGE_PIXELS;
        let width = match unknown {
            Unknown::Latent => model.latent(),
            Unknown::Pixels => IMAGE_PIXELS,
        };
        if start.dims() != [n, width] {
            return Err(format!("the starting point has shape {:?}, expected [{n}, {width}]", start.dims()));
        }
        let device = start.device();
        let tensor = |values: Vec<f32>| Tensor::<2>::from_data(TensorData::new(values, [n, IMAGE_PIXELS]), &device);
        let problem = Problem {
            model,
            known: tensor(known.iter().zip(hidden).map(|(&v, &h)| if h { 0.0 } else { v }).collect()),
            visible: tensor(hidden.iter().map(|&h| if h { 0.0 } else { 1.0 }).collect()),
            hidden: tensor(hidden.iter().map(|&h| if h { 1.0 } else { 0.0 }).collect()),
        };
        let energies = backend.read(problem.energies(unknown, start.clone())).await?;
        Ok(Self {
            unknown,
            backend,
            tracked: problem.to_autodiff(),
            problem,
            state: start,
            gradient: None,
            step_sizes: vec![unknown.initial_step(); n],
            energies,
            iterations: 0,
        })
    }

    pub fn unknown(&self) -> Unknown {
        self.unknown
    }

    /// The current energy of each image.
    pub fn energies(&self) -> &[f32] {
        &self.energies
    }

    /// One iteration: a trial gradient step for every image, kept where it lowers the energy.
    pub async fn step(&mut self) -> Result<(), String> {
        let [n, width] = self.state.dims();
        let gradient = match self.gradient.take() {
            Some(g) => g,
            None => {
                let leaf = self.state.clone().autodiff().require_grad();
                let grads = self.tracked.energies(self.unknown, leaf.clone()).sum().backward();
                leaf.grad(&grads).ok_or("the energy has no gradient")?
            }
        };
        let device = self.state.device();
        let steps = Tensor::<2>::from_data(TensorData::new(self.step_sizes.clone(), [n, 1]), &device);
        let mut candidate = self.state.clone() - gradient.clone() * steps;
        if self.unknown == Unknown::Pixels {
            candidate = candidate.clamp(-1.0, 1.0);
        }
        let energies = self.backend.read(self.problem.energies(self.unknown, candidate.clone())).await?;
        let accepted: Vec<bool> = energies.iter().zip(&self.energies).map(|(new, old)| new.is_finite() && new < old).collect();
        if accepted.iter().any(|&a| a) {
            let rows: Vec<bool> = accepted.iter().flat_map(|&a| std::iter::repeat_n(a, width)).collect();
            let mask = Tensor::<2, Bool>::from_data(TensorData::new(rows, [n, width]), &device);
            self.state = self.state.clone().mask_where(mask, candidate);
        } else {
            self.gradient = Some(gradient);
        }
        for (i, &a) in accepted.iter().enumerate() {
            if a {
                self.energies[i] = energies[i];
                self.step_sizes[i] = (self.step_sizes[i] * 2.0).min(1e4);
            } else {
                self.step_sizes[i] *= 0.5;
            }
        }
        self.iterations += 1;
        Ok(())
    }

    /// The current restorations, known pixels in place: `[n, 784]` in [-1, 1].
    pub fn images(&self) -> Tensor<2> {
        self.problem.images(self.unknown, self.state.clone())
    }
}

/// Where a descent starts: for the latent code, the encoding of the model's input (the damaged
/// digit as the model sees it, `[n, 784]`); for the pixels, the model's own one-shot
/// reconstruction of the hidden pixels.
pub fn starting_point(model: &Autoencoder, unknown: Unknown, input: Tensor<2>) -> Tensor<2> {
    match unknown {
        Unknown::Latent => model.encode(input),
        Unknown::Pixels => model.reconstruct(input),
    }
}

/// One frame of an energy minimisation.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct EnergyFrame {
    /// Iterations run so far.
    pub iteration: usize,
    /// The energy now.
    pub energy: f32,
    /// The current restoration: 784 values in [0, 1].
    pub image: Images,
}
