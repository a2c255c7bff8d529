//! The manifold lab on the plane (lecture figures 15–18): points on a curve, an autoencoder
//! `2 → h → 2` (tanh hidden units, a linear output: the same [`Autoencoder`] as the MNIST
//! models, with two inputs) trained three ways side by side, and what each does to the plane.
//! Optionally the weights are tied (`W_x = W_hᵀ`), as in the contractive autoencoder's paper:
//! with separate weights the contractive penalty on `∂h/∂x` can be dodged by shrinking the
//! encoder and growing the decoder, and the page lets the student see that.
//!
//! - **plain**: reconstruct the clean points;
//! - **denoising** (figures 15–17): reconstruct each clean point from a copy with Gaussian noise
//!   of deviation σ added (or, as the practicum suggests, the point of the curve nearest to the
//!   noisy copy);
//! - **contractive** (figure 18): reconstruct the clean points, plus `λ‖∂h/∂x‖²_F`.
//!
//! What the page draws: the field `f(x) − x` on a grid, the travel `‖f(x) − x‖` (figure 17: small
//! on the curve, large far from it, and a spurious valley between the branches, where the pulls
//! of the two branches cancel), and each point's Jacobian `J = ∂f/∂x` as the ellipse a small
//! circle becomes. Its largest singular direction should follow the curve's tangent: the
//! autoencoder keeps what moves along the data and squashes what moves across it.
//!
//! Coordinates: the curves live in about [-1, 1]²; σ is in the same units.

#[cfg(any(feature = "gpu", feature = "flex"))]
use crate::contractive;
use crate::dense::{self, Net};
#[cfg(any(feature = "gpu", feature = "flex"))]
use crate::loss::mse;
use crate::model::{Autoencoder, AutoencoderConfig, Form};
use crate::rng::Rng;
use crate::spec::{Activation, Output, Scale};
use burn::optim::{AdamConfig, ModuleOptimizer};
#[cfg(any(feature = "gpu", feature = "flex"))]
use burn::optim::GradientsParams;
use burn::prelude::*;
use serde::{Deserialize, Serialize};
use std::f32::consts::PI;

/// The data sets of the plane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Curve {
    /// The lecture's curve: a "C" whose top and bottom branches face each other across a gap.
    Branches,
    Circle,
    Spiral,
    /// Two interleaved half circles.
    Moons,
}

impl Curve {
    pub const ALL: [Curve; 4] = [Curve::Branches, Curve::Circle, Curve::Spiral, Curve::Moons];

    /// The curve's pieces as dense polylines (for sampling, nearest points and tangents).
    pub fn polylines(self) -> Vec<Vec<[f32; 2]>> {
        let arc = |from: f32, to: f32, f: &dyn Fn(f32) -> [f32; 2]| -> Vec<[f32; 2]> {
            (0..=400).map(|i| f(from + (to - from) * i as f32 / 400.0)).collect()
        };
        match self {
            Curve::Branches => vec![arc(0.3 * PI, 1.7 * PI, &|t| [0.9 * t.cos() - 0.1, 0.75 * t.sin()])],
            Curve::Circle => vec![arc(0.0, 2.0 * PI, &|t| [0.8 * t.cos(), 0.8 * t.sin()])],
            Curve::Spiral => vec![arc(0.5 * PI, 3.5 * PI, &|t| {
                let r = 0.09 * t;
                [r * t.cos(), r * t.sin()]
            })],
            Curve::Moons => vec![
                arc(0.0, PI, &|t| [0.6 * t.cos() - 0.3, 0.6 * t.sin() - 0.15]),
                arc(0.0, PI, &|t| [0.3 - 0.6 * t.cos(), 0.15 - 0.6 * t.sin()]),
            ],
        }
    }

    /// Points between the pieces of the curve, equally far from two of them: where the
    /// lecture's spurious valleys are. `None` where the curve has no such gap.
    pub fn gap_points(self) -> Option<Vec<[f32; 2]>> {
        match self {
            // Inside the C, on its axis of symmetry, between the two branches.
            Curve::Branches => Some((0..9).map(|i| [-0.55 + 0.15 * i as f32, 0.0]).collect()),
            Curve::Circle => Some(vec![[0.0, 0.0]]),
            Curve::Spiral | Curve::Moons => None,
        }
    }

    /// `n` points spread along the curve, seeded (evenly spaced positions, jittered).
    pub fn sample(self, n: usize, seed: u64) -> Vec<[f32; 2]> {
        let pieces = self.polylines();
        let lengths: Vec<f32> = pieces.iter().map(|p| length(p)).collect();
        let total: f32 = lengths.iter().sum();
        let mut rng = Rng::new(seed);
        (0..n)
            .map(|i| {
                let mut s = ((i as f32 + rng.next_f32()) / n as f32) * total;
                for (piece, &len) in pieces.iter().zip(&lengths) {
                    if s <= len {
                        return at_length(piece, s);
                    }
                    s -= len;
                }
                *pieces.last().and_then(|p| p.last()).expect("a curve has points")
            })
            .collect()
    }

    /// The point of the curve nearest to `p`, and the unit tangent there.
    pub fn nearest(self, p: [f32; 2]) -> ([f32; 2], [f32; 2]) {
        nearest_on(&self.polylines(), p)
    }
}

fn length(line: &[[f32; 2]]) -> f32 {
    line.windows(2).map(|w| distance(w[0], w[1])).sum()
}

fn distance(a: [f32; 2], b: [f32; 2]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn at_length(line: &[[f32; 2]], mut s: f32) -> [f32; 2] {
    for w in line.windows(2) {
        let d = distance(w[0], w[1]);
        if s <= d {
            let t = if d > 0.0 { s / d } else { 0.0 };
            return [w[0][0] + t * (w[1][0] - w[0][0]), w[0][1] + t * (w[1][1] - w[0][1])];
        }
        s -= d;
    }
    *line.last().expect("a line has points")
}

/// The nearest point of some polylines to `p` and the unit tangent there.
pub fn nearest_on(pieces: &[Vec<[f32; 2]>], p: [f32; 2]) -> ([f32; 2], [f32; 2]) {
    let mut best = (f32::INFINITY, [0.0, 0.0], [1.0, 0.0]);
    for line in pieces {
        for w in line.windows(2) {
            let (a, b) = (w[0], w[1]);
            let ab = [b[0] - a[0], b[1] - a[1]];
            let len2 = ab[0] * ab[0] + ab[1] * ab[1];
            let t = if len2 > 0.0 { (((p[0] - a[0]) * ab[0] + (p[1] - a[1]) * ab[1]) / len2).clamp(0.0, 1.0) } else { 0.0 };
            let q = [a[0] + t * ab[0], a[1] + t * ab[1]];
            let d = distance(p, q);
            if d < best.0 {
                let norm = len2.sqrt().max(1e-12);
                best = (d, q, [ab[0] / norm, ab[1] / norm]);
            }
        }
    }
    (best.1, best.2)
}

/// The settings of the plane's experiment.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlaneSetup {
    pub curve: Curve,
    /// Points on the curve (20 to 2,000).
    pub points: usize,
    pub seed: u64,
    /// The denoising model's noise deviation (0.01 to 0.5).
    pub sigma: f32,
    /// Hidden units (8 to 512; the lecture's toy uses 64–256).
    pub hidden: usize,
    /// The contractive model's λ (0 to 10).
    pub lambda: f32,
    /// Train the denoising model towards the curve's point nearest to the noisy copy instead of
    /// the point the copy came from.
    #[serde(default)]
    pub nearest: bool,
    /// Tie the decoder's weight to the encoder's (`W_x = W_hᵀ`), for all three models.
    #[serde(default)]
    pub tied: bool,
}

impl PlaneSetup {
    /// Checks the settings; the errors are sentences for the page.
    pub fn check(&self) -> Result<(), String> {
        if !(20..=2000).contains(&self.points) {
            return Err(format!("the number of points must be between 20 and 2,000, not {}", self.points));
        }
        if !(self.sigma.is_finite() && (0.01..=0.5).contains(&self.sigma)) {
            return Err(format!("σ must be between 0.01 and 0.5, not {}", self.sigma));
        }
        if !(8..=512).contains(&self.hidden) {
            return Err(format!("the hidden layer must have 8 to 512 units, not {}", self.hidden));
        }
        if !(self.lambda.is_finite() && (0.0..=10.0).contains(&self.lambda)) {
            return Err(format!("λ must be between 0 and 10, not {}", self.lambda));
        }
        Ok(())
    }
}

/// The three ways the plane's autoencoders are trained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Way {
    Plain,
    Denoising,
    Contractive,
}

impl Way {
    pub const ALL: [Way; 3] = [Way::Plain, Way::Denoising, Way::Contractive];

    pub fn from_name(name: &str) -> Result<Way, String> {
        match name {
            "plain" => Ok(Way::Plain),
            "denoising" => Ok(Way::Denoising),
            "contractive" => Ok(Way::Contractive),
            other => Err(format!("unknown model '{other}' (expected 'plain', 'denoising' or 'contractive')")),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The learning rate of the toys (Adam): larger than MNIST's, so a picture forms in seconds.
pub const LEARNING_RATE: f64 = 5e-3;

/// One autoencoder of the plane with its optimiser, on an autodiff device.
#[derive(Clone)]
struct Toy {
    /// With `hand`, the model's structure only: its values are `hand`'s.
    model: Option<Autoencoder>,
    #[cfg_attr(not(any(feature = "gpu", feature = "flex")), allow(dead_code))] // Burn's step only
    optim: ModuleOptimizer,
    /// On burn-ndarray, the network and Adam's moments, stepped by `dense.rs`.
    hand: Option<Net>,
}

/// The plane's experiment: the points and three autoencoders.
#[derive(Clone)]
pub struct Plane {
    pub setup: PlaneSetup,
    /// The clean points.
    pub clean: Vec<[f32; 2]>,
    /// A fixed noisy copy of each point (σ, seeded), for the pictures and the numbers.
    pub noisy: Vec<[f32; 2]>,
    toys: [Toy; 3],
    rng: Rng,
    pub steps: usize,
}

/// The form of every plane model: tanh hidden units, a linear output, coordinates as they are.
const TOY_FORM: Form = Form { activation: Activation::Tanh, output: Output::Linear, scale: Scale::Symmetric };

/// `n × D` points (the plane's 2-D ones, the helix's 3-D ones) as an `[n, D]` tensor.
pub(crate) fn points_tensor<const D: usize>(points: &[[f32; D]], device: &Device) -> Tensor<2> {
    let flat: Vec<f32> = points.iter().flatten().copied().collect();
    Tensor::from_data(TensorData::new(flat, [points.len(), D]), device)
}

impl Plane {
    /// Fresh points and three fresh models on `device` (made an autodiff device here).
    pub fn new(setup: PlaneSetup, device: &Device) -> Result<Self, String> {
        setup.check()?;
        let device = device.clone().autodiff();
        device.seed(setup.seed);
        let clean = setup.curve.sample(setup.points, setup.seed);
        let mut rng = Rng::new(setup.seed ^ 0x5eed);
        let noisy = clean.iter().map(|p| [p[0] + setup.sigma * rng.normal(), p[1] + setup.sigma * rng.normal()]).collect();
        let config = AutoencoderConfig { latent: setup.hidden, input: 2, tied: setup.tied, form: TOY_FORM };
        let toys = Way::ALL.map(|way| {
            let model = config.init(&device).train();
            let lambda = if way == Way::Contractive { setup.lambda } else { 0.0 };
            let hand = dense::hand_device(&device).then(|| model.hand_net(dense::Loss::Mse, lambda));
            Toy { model: Some(model), optim: AdamConfig::new().with_epsilon(1e-8).init(), hand }
        });
        Ok(Self { setup, clean, noisy, toys, rng, steps: 0 })
    }

    /// The model trained `way`, for inference.
    pub fn model(&self, way: Way) -> Autoencoder {
        let toy = &self.toys[way.index()];
        dense::inference(toy.model.as_ref().expect("present between steps"), toy.hand.as_ref())
    }

    /// Takes Burn's step from now on, even on burn-ndarray (for comparing the two steps).
    #[cfg(any(feature = "gpu", feature = "flex"))]
    pub fn with_burn_step(mut self) -> Self {
        assert!(self.steps == 0, "switched before the first step");
        self.toys.iter_mut().for_each(|toy| toy.hand = None);
        self
    }

    fn device(&self) -> Device {
        self.toys[0].model.as_ref().expect("present").devices()[0].clone()
    }

    /// One full-batch step of each model; returns their losses (plain, denoising,
    /// contractive), still on the device: `[3]`.
    pub fn step(&mut self) -> Tensor<1> {
        let device = self.device();
        let sigma = self.setup.sigma;
        // The denoising input: fresh noise each step; its target, the clean point or the curve's
        // point nearest to the noisy copy.
        let noisy: Vec<[f32; 2]> = self.clean.iter().map(|p| [p[0] + sigma * self.rng.normal(), p[1] + sigma * self.rng.normal()]).collect();
        let nearest = self.setup.nearest.then(|| {
            let pieces = self.setup.curve.polylines();
            noisy.iter().map(|&p| nearest_on(&pieces, p).0).collect::<Vec<_>>()
        });
        if self.toys[0].hand.is_some() {
            let flat = |points: &[[f32; 2]]| points.iter().flatten().copied().collect::<Vec<f32>>();
            let (clean, noisy, n) = (flat(&self.clean), flat(&noisy), self.clean.len());
            let target = nearest.as_deref().map(flat);
            let mut losses = vec![0.0; 3];
            for (way, loss) in Way::ALL.into_iter().zip(&mut losses) {
                let (input, goal) = if way == Way::Denoising { (&noisy, target.as_ref().unwrap_or(&clean)) } else { (&clean, &clean) };
                *loss = self.toys[way.index()].hand.as_mut().expect("every toy has its network").step(input, goal, n, LEARNING_RATE);
            }
            self.steps += 1;
            return Tensor::from_data(TensorData::new(losses, [3]), &device);
        }
        // Burn's step: only in the modules with another backend than burn-ndarray.
        #[cfg(any(feature = "gpu", feature = "flex"))]
        {
            let clean = points_tensor(&self.clean, &device);
            let target = match &nearest {
                Some(points) => points_tensor(points, &device),
                None => clean.clone(),
            };
            let noisy = points_tensor(&noisy, &device);
            let lambda = self.setup.lambda;
            let mut losses = Vec::with_capacity(3);
            for way in Way::ALL {
                let toy = &mut self.toys[way.index()];
                let model = toy.model.take().expect("present");
                let loss = match way {
                    Way::Plain => mse(model.reconstruct(clean.clone()), clean.clone()),
                    Way::Denoising => mse(model.reconstruct(noisy.clone()), target.clone()),
                    Way::Contractive => {
                        let hidden = model.encode(clean.clone());
                        let out = model.decode(hidden.clone());
                        mse(out, clean.clone()) + contractive::penalty(&model, hidden, lambda)
                    }
                };
                let grads = GradientsParams::from_grads(loss.backward(), &model);
                toy.model = Some(toy.optim.step(LEARNING_RATE, model, grads));
                losses.push(loss.detach());
            }
            self.steps += 1;
            Tensor::cat(losses, 0)
        }
        #[cfg(not(any(feature = "gpu", feature = "flex")))]
        unreachable!("burn-ndarray, this module's one backend, takes the hand-written step")
    }
}

/// The Jacobian of `f(x) = W_xᵀ tanh(W_hᵀ x + b_h) + b_x` at `x`, as Burn stores the weights
/// (`encoder`: `[2, h]`, `decoder`: `[h, 2]`, row-major): `[[∂f₀/∂x₀, ∂f₀/∂x₁], [∂f₁/∂x₀, ∂f₁/∂x₁]]`.
pub fn jacobian(encoder: &[f32], bias: &[f32], decoder: &[f32], x: [f32; 2]) -> [[f32; 2]; 2] {
    let h = bias.len();
    let mut j = [[0.0f32; 2]; 2];
    for k in 0..h {
        let a = encoder[k] * x[0] + encoder[h + k] * x[1] + bias[k];
        let slope = 1.0 - a.tanh().powi(2);
        for (o, row) in j.iter_mut().enumerate() {
            for (i, cell) in row.iter_mut().enumerate() {
                *cell += decoder[k * 2 + o] * slope * encoder[i * h + k];
            }
        }
    }
    j
}

/// The singular values (largest first) of a 2 × 2 matrix, the output direction of the largest
/// (an angle, radians) and its input direction (a unit vector).
pub fn singular(j: [[f32; 2]; 2]) -> (f32, f32, f32, [f32; 2]) {
    // JᵀJ = [[p, q], [q, r]]: its eigenvectors are the input directions.
    let p = j[0][0] * j[0][0] + j[1][0] * j[1][0];
    let q = j[0][0] * j[0][1] + j[1][0] * j[1][1];
    let r = j[0][1] * j[0][1] + j[1][1] * j[1][1];
    let mean = (p + r) / 2.0;
    let spread = (((p - r) / 2.0).powi(2) + q * q).sqrt();
    let (l1, l2) = (mean + spread, (mean - spread).max(0.0));
    let theta = 0.5 * (2.0 * q).atan2(p - r);
    let v = [theta.cos(), theta.sin()];
    let u = [j[0][0] * v[0] + j[0][1] * v[1], j[1][0] * v[0] + j[1][1] * v[1]];
    (l1.sqrt(), l2.sqrt(), u[1].atan2(u[0]), v)
}

/// How a model treats the plane, in numbers.
#[derive(Clone, Copy, Debug, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct PlaneNumbers {
    /// Mean travel ‖f(x) − x‖ of the clean points.
    pub travel_on: f32,
    /// Mean travel of points at distance σ from the curve (both sides).
    pub travel_sigma: f32,
    /// Mean travel of grid points more than 3σ from the curve.
    pub travel_far: f32,
    /// Mean travel of the points in the gap between branches, if the curve has one.
    pub travel_gap: Option<f32>,
    /// Mean |cos| between the Jacobian's most stretched input direction and the curve's tangent.
    pub alignment: f32,
    /// Mean ratio of the Jacobian's smaller to larger singular value (0: squashed to a line).
    pub ratio: f32,
    /// Mean distance of the outputs of the clean points to the curve.
    pub off_curve: f32,
}

/// What the page draws for one model.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PlaneView {
    pub way: Way,
    pub steps: usize,
    /// The clean points, the noisy copies and the model's outputs of the noisy copies: `n × 2`.
    pub clean: crate::record::Images,
    pub noisy: crate::record::Images,
    pub outputs: crate::record::Images,
    /// The grid: `grid × grid` points over `[-extent, extent]²`, row by row from the top.
    pub grid: usize,
    pub extent: f32,
    /// `f(x) − x` at each grid point: `grid² × 2`.
    pub field: crate::record::Images,
    /// `‖f(x) − x‖` at each grid point: `grid²`.
    pub travel: crate::record::Images,
    /// Each clean point's Jacobian ellipse: `n × 3` (larger and smaller singular value, angle).
    pub ellipses: crate::record::Images,
    pub numbers: PlaneNumbers,
    /// The numbers of the three models side by side.
    pub all: ByWay<PlaneNumbers>,
}

/// One value for each of the plane's three models, by name.
#[derive(Clone, Copy, Debug, Default, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ByWay<T> {
    pub plain: T,
    pub denoising: T,
    pub contractive: T,
}

impl<T> ByWay<T> {
    /// From values in the order of [`Way::ALL`].
    pub fn from_fn(mut f: impl FnMut(Way) -> T) -> Self {
        Self { plain: f(Way::Plain), denoising: f(Way::Denoising), contractive: f(Way::Contractive) }
    }

    pub fn get(&self, way: Way) -> &T {
        match way {
            Way::Plain => &self.plain,
            Way::Denoising => &self.denoising,
            Way::Contractive => &self.contractive,
        }
    }
}

/// The half-width of the plane the page shows.
pub const EXTENT: f32 = 1.5;

/// The grid points, row by row from the top.
pub fn grid_points(grid: usize) -> Vec<[f32; 2]> {
    let at = |i: usize| -EXTENT + 2.0 * EXTENT * (i as f32 + 0.5) / grid as f32;
    (0..grid).flat_map(|r| (0..grid).map(move |c| [at(c), -at(r)])).collect()
}

/// The host copies of a plane model's weights: encoder `[2, h]`, its bias `[h]`, decoder
/// `[h, 2]`, its bias `[2]` (Burn's layout, row-major). The pictures and numbers are computed
/// from them on the host: one read per frame instead of one per query, which on WebGPU would
/// each wait for the queue.
#[derive(Clone, Debug)]
pub struct Weights {
    pub encoder: Vec<f32>,
    pub bias: Vec<f32>,
    pub decoder: Vec<f32>,
    pub out_bias: [f32; 2],
}

impl Weights {
    /// All four parameters of `model` in one tensor (`[5h + 2]`), to read at once (a tied
    /// model's decoder weight is its encoder's, transposed).
    pub fn flat(model: &Autoencoder) -> Tensor<1> {
        let bias = |b: &Option<burn::module::Param<Tensor<1>>>| b.as_ref().expect("with biases").val();
        let out_bias = match &model.decoder {
            Some(decoder) => bias(&decoder.bias),
            None => bias(&model.decoder_bias),
        };
        Tensor::cat(vec![model.encoder.weight.val().reshape([-1]), bias(&model.encoder.bias), model.decoder_weight().reshape([-1]), out_bias], 0)
    }

    /// From the values [`Weights::flat`] reads, for `h` hidden units.
    pub fn from_flat(values: &[f32], h: usize) -> Self {
        Self {
            encoder: values[..2 * h].to_vec(),
            bias: values[2 * h..3 * h].to_vec(),
            decoder: values[3 * h..5 * h].to_vec(),
            out_bias: [values[5 * h], values[5 * h + 1]],
        }
    }

    /// The weights of each model from the values of their [`Weights::flat`]s read one after
    /// another.
    pub fn all_from_flat(values: &[f32], h: usize) -> Vec<Self> {
        values.chunks_exact(5 * h + 2).map(|v| Self::from_flat(v, h)).collect()
    }

    /// `f(x)` on the host (the same function as the model's).
    pub fn apply(&self, x: [f32; 2]) -> [f32; 2] {
        let h = self.bias.len();
        let mut out = self.out_bias;
        for k in 0..h {
            let a = (self.encoder[k] * x[0] + self.encoder[h + k] * x[1] + self.bias[k]).tanh();
            out[0] += self.decoder[k * 2] * a;
            out[1] += self.decoder[k * 2 + 1] * a;
        }
        out
    }

    pub fn jacobian(&self, x: [f32; 2]) -> [[f32; 2]; 2] {
        jacobian(&self.encoder, &self.bias, &self.decoder, x)
    }
}

/// The numbers of one model given its weights.
pub fn numbers(setup: &PlaneSetup, clean: &[[f32; 2]], w: &Weights) -> PlaneNumbers {
    let f = |x: [f32; 2]| w.apply(x);
    let travel = |x: [f32; 2]| distance(f(x), x);
    let mean = |v: &mut dyn Iterator<Item = f32>| {
        let (s, n) = v.fold((0.0f32, 0usize), |(s, n), x| (s + x, n + 1));
        if n > 0 { s / n as f32 } else { 0.0 }
    };
    let pieces = setup.curve.polylines();
    let sigma = setup.sigma;
    let mut at_sigma = Vec::new();
    let mut alignment = 0.0f32;
    let mut ratio = 0.0f32;
    let mut off = 0.0f32;
    for &p in clean {
        let (_, t) = nearest_on(&pieces, p);
        let normal = [-t[1], t[0]];
        at_sigma.push([p[0] + sigma * normal[0], p[1] + sigma * normal[1]]);
        at_sigma.push([p[0] - sigma * normal[0], p[1] - sigma * normal[1]]);
        let (s1, s2, _, v) = singular(w.jacobian(p));
        alignment += (v[0] * t[0] + v[1] * t[1]).abs();
        ratio += if s1 > 0.0 { s2 / s1 } else { 1.0 };
        let y = f(p);
        off += distance(nearest_on(&pieces, y).0, y);
    }
    let n = clean.len().max(1) as f32;
    let far: Vec<[f32; 2]> = grid_points(24).into_iter().filter(|&g| distance(nearest_on(&pieces, g).0, g) > 3.0 * sigma).collect();
    PlaneNumbers {
        travel_on: mean(&mut clean.iter().map(|&p| travel(p))),
        travel_sigma: mean(&mut at_sigma.iter().map(|&p| travel(p))),
        travel_far: mean(&mut far.iter().map(|&p| travel(p))),
        travel_gap: setup.curve.gap_points().map(|g| mean(&mut g.iter().map(|&p| travel(p)))),
        alignment: alignment / n,
        ratio: ratio / n,
        off_curve: off / n,
    }
}

/// The view of one model: its pictures, its numbers, and the numbers of all three.
pub fn view(plane: &Plane, way: Way, weights: &[Weights], grid: usize) -> PlaneView {
    let w = &weights[way as usize];
    let points = grid_points(grid);
    let mut field = Vec::with_capacity(2 * points.len());
    let mut travel = Vec::with_capacity(points.len());
    for &g in &points {
        let y = w.apply(g);
        field.extend([y[0] - g[0], y[1] - g[1]]);
        travel.push(distance(y, g));
    }
    let outputs: Vec<f32> = plane.noisy.iter().flat_map(|&p| w.apply(p)).collect();
    let ellipses: Vec<f32> = plane
        .clean
        .iter()
        .flat_map(|&p| {
            let (s1, s2, angle, _) = singular(w.jacobian(p));
            [s1, s2, angle]
        })
        .collect();
    let all = ByWay::from_fn(|w| numbers(&plane.setup, &plane.clean, &weights[w.index()]));
    PlaneView {
        way,
        steps: plane.steps,
        clean: plane.clean.iter().flatten().copied().collect::<Vec<_>>().into(),
        noisy: plane.noisy.iter().flatten().copied().collect::<Vec<_>>().into(),
        outputs: outputs.into(),
        grid,
        extent: EXTENT,
        field: field.into(),
        travel: travel.into(),
        ellipses: ellipses.into(),
        numbers: *all.get(way),
        all,
    }
}

/// `points` moved through the model `k` times (`apply again ×k`).
pub fn apply_again(w: &Weights, points: &[[f32; 2]], k: usize) -> Vec<[f32; 2]> {
    points.iter().map(|&p| (0..k).fold(p, |x, _| w.apply(x))).collect()
}
