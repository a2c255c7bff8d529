//! Lecture figure 19: a 1-D curve in 3-D (a helix) and an autoencoder `3 → h → 1 → h → 3` that
//! learns to unroll it onto a line: its one-number code should follow the position along the
//! curve (Spearman's ρ between the two near ±1). The autoencoder learns a map of *points*: the
//! codes of the training points decode back onto the curve, but codes beyond theirs decode to
//! points off it, and how far codes between them stay on it depends on how densely the curve
//! was sampled.

use crate::dense::{self, Layer, Net, Unit};
#[cfg(any(feature = "gpu", feature = "flex"))]
use crate::loss::mse;
use crate::manifold::points_tensor;
use crate::model::tanh;
use crate::rng::Rng;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::optim::{AdamConfig, ModuleOptimizer};
#[cfg(any(feature = "gpu", feature = "flex"))]
use burn::optim::GradientsParams;
use burn::prelude::*;
use serde::{Deserialize, Serialize};
use std::f32::consts::PI;

/// The autoencoder of figure 19: two layers on each side of a one-number code.
#[derive(Module, Debug)]
pub struct Unroller {
    pub encoder_hidden: Linear,
    pub encoder_code: Linear,
    pub decoder_hidden: Linear,
    pub decoder_output: Linear,
}

impl Unroller {
    pub fn new(hidden: usize, device: &Device) -> Self {
        Self {
            encoder_hidden: LinearConfig::new(3, hidden).init(device),
            encoder_code: LinearConfig::new(hidden, 1).init(device),
            decoder_hidden: LinearConfig::new(1, hidden).init(device),
            decoder_output: LinearConfig::new(hidden, 3).init(device),
        }
    }

    /// `[n, 3]` → `[n, 1]`.
    pub fn encode(&self, x: Tensor<2>) -> Tensor<2> {
        self.encoder_code.forward(tanh(self.encoder_hidden.forward(x)))
    }

    /// `[n, 1]` → `[n, 3]`.
    pub fn decode(&self, z: Tensor<2>) -> Tensor<2> {
        self.decoder_output.forward(tanh(self.decoder_hidden.forward(z)))
    }

    /// This unroller as `dense.rs`'s network (its values read from the CPU, fresh Adam
    /// moments): `3 → h` tanh, `h → 1`, `1 → h` tanh, `h → 3`, minimising the MSE.
    pub fn hand_net(&self) -> Net {
        let params = dense::read(self);
        let hidden = self.encoder_hidden.weight.dims()[1];
        let layers = vec![
            Layer::linear(&params, "encoder_hidden", 3, hidden, Unit::Tanh),
            Layer::linear(&params, "encoder_code", hidden, 1, Unit::Linear),
            Layer::linear(&params, "decoder_hidden", 1, hidden, Unit::Tanh),
            Layer::linear(&params, "decoder_output", hidden, 3, Unit::Linear),
        ];
        Net::new(layers, params, dense::Loss::Mse, 0.0).expect("the unroller's layers chain")
    }
}

/// The helix's settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HelixSetup {
    /// Points on the helix (10 to 2,000).
    pub points: usize,
    pub seed: u64,
    /// Hidden units on each side (8 to 256).
    pub hidden: usize,
    /// Turns of the helix (0.5 to 3).
    pub turns: f32,
}

impl HelixSetup {
    pub fn check(&self) -> Result<(), String> {
        if !(10..=2000).contains(&self.points) {
            return Err(format!("the number of points must be between 10 and 2,000, not {}", self.points));
        }
        if !(8..=256).contains(&self.hidden) {
            return Err(format!("the hidden layers must have 8 to 256 units, not {}", self.hidden));
        }
        if !(self.turns.is_finite() && (0.5..=3.0).contains(&self.turns)) {
            return Err(format!("the helix must have 0.5 to 3 turns, not {}", self.turns));
        }
        Ok(())
    }

    /// The point at position `t` ∈ [0, 1] along the helix.
    pub fn at(&self, t: f32) -> [f32; 3] {
        let angle = 2.0 * PI * self.turns * t;
        [0.7 * angle.cos(), 0.7 * angle.sin(), 1.6 * t - 0.8]
    }

    /// Distance from `p` to the helix (sampled densely).
    pub fn distance(&self, p: [f32; 3]) -> f32 {
        (0..=2000)
            .map(|i| {
                let q = self.at(i as f32 / 2000.0);
                ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
            })
            .fold(f32::INFINITY, f32::min)
    }
}

/// The learning rate (Adam).
pub const LEARNING_RATE: f64 = 2e-3;

/// The helix experiment: the points, their positions along the curve, the model.
#[derive(Clone)]
pub struct Helix {
    pub setup: HelixSetup,
    pub points: Vec<[f32; 3]>,
    /// Each point's position along the curve, in [0, 1].
    pub positions: Vec<f32>,
    /// With `hand`, the model's structure only: its values are `hand`'s.
    model: Option<Unroller>,
    #[cfg_attr(not(any(feature = "gpu", feature = "flex")), allow(dead_code))] // Burn's step only
    optim: ModuleOptimizer,
    /// On burn-ndarray, the network and Adam's moments, stepped by `dense.rs`.
    hand: Option<Net>,
    pub steps: usize,
}

impl Helix {
    /// Points at seeded random positions along the helix and a fresh model on `device`
    /// (made an autodiff device here).
    pub fn new(setup: HelixSetup, device: &Device) -> Result<Self, String> {
        setup.check()?;
        let device = device.clone().autodiff();
        device.seed(setup.seed);
        let mut rng = Rng::new(setup.seed);
        let positions: Vec<f32> = (0..setup.points).map(|_| rng.next_f32()).collect();
        let points = positions.iter().map(|&t| setup.at(t)).collect();
        let model = Unroller::new(setup.hidden, &device).train();
        let hand = dense::hand_device(&device).then(|| model.hand_net());
        Ok(Self { setup, points, positions, model: Some(model), optim: AdamConfig::new().with_epsilon(1e-8).init(), hand, steps: 0 })
    }

    /// The model for inference.
    pub fn model(&self) -> Unroller {
        dense::inference(self.model.as_ref().expect("present between steps"), self.hand.as_ref())
    }

    /// Takes Burn's step from now on, even on burn-ndarray (for comparing the two steps).
    #[cfg(any(feature = "gpu", feature = "flex"))]
    pub fn with_burn_step(mut self) -> Self {
        assert!(self.steps == 0, "switched before the first step");
        self.hand = None;
        self
    }

    /// One full-batch step; returns the loss, still on the device.
    pub fn step(&mut self) -> Tensor<1> {
        if let Some(net) = self.hand.as_mut() {
            let x: Vec<f32> = self.points.iter().flatten().copied().collect();
            let loss = net.step(&x, &x, self.points.len(), LEARNING_RATE);
            self.steps += 1;
            let device = self.model.as_ref().expect("present").devices()[0].clone();
            return Tensor::from_data(TensorData::new(vec![loss], [1]), &device);
        }
        // Burn's step: only in the modules with another backend than burn-ndarray.
        #[cfg(any(feature = "gpu", feature = "flex"))]
        {
            let model = self.model.take().expect("present");
            let x = points_tensor(&self.points, &model.devices()[0]);
            let loss = mse(model.decode(model.encode(x.clone())), x);
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            self.model = Some(self.optim.step(LEARNING_RATE, model, grads));
            self.steps += 1;
            loss.detach()
        }
        #[cfg(not(any(feature = "gpu", feature = "flex")))]
        unreachable!("burn-ndarray, this module's one backend, takes the hand-written step")
    }

    /// The training points as a tensor on the inference device.
    pub fn points_tensor(&self, device: &Device) -> Tensor<2> {
        points_tensor(&self.points, device)
    }
}

/// Spearman's rank correlation of two equally long lists (ties get their mean rank).
pub fn spearman(a: &[f32], b: &[f32]) -> f32 {
    let ranks = |v: &[f32]| -> Vec<f64> {
        let mut order: Vec<usize> = (0..v.len()).collect();
        order.sort_by(|&i, &j| v[i].total_cmp(&v[j]));
        let mut r = vec![0.0; v.len()];
        let mut k = 0;
        while k < order.len() {
            let mut end = k;
            while end + 1 < order.len() && v[order[end + 1]] == v[order[k]] {
                end += 1;
            }
            let mean = (k + end) as f64 / 2.0;
            for &i in &order[k..=end] {
                r[i] = mean;
            }
            k = end + 1;
        }
        r
    };
    let (ra, rb) = (ranks(a), ranks(b));
    let n = ra.len() as f64;
    let (ma, mb) = (ra.iter().sum::<f64>() / n, rb.iter().sum::<f64>() / n);
    let cov: f64 = ra.iter().zip(&rb).map(|(x, y)| (x - ma) * (y - mb)).sum();
    let va: f64 = ra.iter().map(|x| (x - ma).powi(2)).sum();
    let vb: f64 = rb.iter().map(|y| (y - mb).powi(2)).sum();
    if va == 0.0 || vb == 0.0 { 0.0 } else { (cov / (va * vb).sqrt()) as f32 }
}

/// What the page draws and says about the helix.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct HelixView {
    pub steps: usize,
    /// The points, `n × 3`, and their positions along the curve.
    pub points: crate::record::Images,
    pub positions: crate::record::Images,
    /// Each point's code.
    pub codes: crate::record::Images,
    /// Spearman's ρ between the codes and the positions (±1: unrolled).
    pub rho: f32,
    /// Codes from below the smallest training code to above the largest, and what they decode
    /// to: `path × 3`.
    pub path_codes: crate::record::Images,
    pub path: crate::record::Images,
    /// Mean distance to the helix of: the reconstructions of the training points, the decoded
    /// codes halfway between neighbouring training codes, the decoded codes beyond them.
    pub off_training: f32,
    pub off_between: f32,
    pub off_beyond: f32,
}

/// Codes for the path the page draws: `count` evenly spaced from half the codes' range below
/// their smallest to half above their largest.
pub fn path_codes(codes: &[f32], count: usize) -> Vec<f32> {
    let lo = codes.iter().copied().fold(f32::INFINITY, f32::min);
    let hi = codes.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let range = (hi - lo).max(1e-6);
    (0..count).map(|i| lo - 0.5 * range + 2.0 * range * i as f32 / (count - 1).max(1) as f32).collect()
}

/// The codes halfway between neighbouring sorted `codes`.
pub fn between(codes: &[f32]) -> Vec<f32> {
    let mut sorted = codes.to_vec();
    sorted.sort_by(f32::total_cmp);
    sorted.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect()
}

/// The codes the helix's view decodes: a path from below the training codes to above them
/// ([`path_codes`], 64 codes), the codes halfway between neighbouring training codes
/// ([`between`]), and the path's codes beyond the training codes' range.
pub struct Probe {
    pub path: Vec<f32>,
    pub between: Vec<f32>,
    pub beyond: Vec<f32>,
}

impl Probe {
    /// The probe of the training points' `codes`.
    pub fn of(codes: &[f32]) -> Self {
        let path = path_codes(codes, 64);
        let lo = codes.iter().copied().fold(f32::INFINITY, f32::min);
        let hi = codes.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let beyond = path.iter().copied().filter(|&c| c < lo || c > hi).collect();
        Self { between: between(codes), path, beyond }
    }

    /// Every code of the probe in one list: the path, between, beyond.
    pub fn all(&self) -> Vec<f32> {
        self.path.iter().chain(&self.between).chain(&self.beyond).copied().collect()
    }
}

impl HelixView {
    /// The view of `helix` from its points' `codes`, the `probe` and `decoded`: the probe's
    /// codes decoded (in [`Probe::all`]'s order), then the points' reconstructions, 3 values each.
    pub fn of(helix: &Helix, codes: Vec<f32>, probe: Probe, decoded: &[f32]) -> Self {
        let all: Vec<[f32; 3]> = decoded.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
        let (path_points, rest) = all.split_at(probe.path.len());
        let (mid_points, rest) = rest.split_at(probe.between.len());
        let (beyond_points, training) = rest.split_at(probe.beyond.len());
        let off = |ps: &[[f32; 3]]| if ps.is_empty() { 0.0 } else { ps.iter().map(|&p| helix.setup.distance(p)).sum::<f32>() / ps.len() as f32 };
        Self {
            steps: helix.steps,
            points: helix.points.iter().flatten().copied().collect::<Vec<_>>().into(),
            positions: helix.positions.clone().into(),
            rho: spearman(&codes, &helix.positions),
            codes: codes.into(),
            path_codes: probe.path.into(),
            path: path_points.iter().flatten().copied().collect::<Vec<_>>().into(),
            off_training: off(training),
            off_between: off(mid_points),
            off_beyond: off(beyond_points),
        }
    }
}
