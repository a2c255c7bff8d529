//! The training step of the lab's small dense networks, written by hand for the CPU: the
//! lecture's autoencoder (figure 13, `784 → d → 784`, every form of the model builder), the
//! manifold lab's toys (`2 → h → 2`, figures 15–18), the helix's unroller
//! (`3 → h → 1 → h → 3`, figure 19) and super-resolution's upsampler (`side² → h → 784`, figure 9).
//!
//! Burn's step builds an autodiff graph of some twenty tensors, allocates each, and runs Adam
//! one tensor operation at a time; at the lecture's sizes (d = 30: about 0.06 GFLOP a step;
//! a toy: a few hundred kFLOP) that bookkeeping, not the arithmetic, was most of the step
//! (`docs/performance.md`, "Where a small step goes"). This step does the same arithmetic in
//! five matrix products (matrixmultiply's kernels, burn-ndarray's own, with their wasm SIMD
//! path), one fused pass for the output and the loss's gradient, one for each hidden layer's
//! derivative, and one pass of Adam per parameter, in buffers kept from one step to the next;
//! the passes go four values at a time (`lanes.rs`: wasm SIMD in the page).
//!
//! It is Burn's step in its arithmetic: `tanh` is `model::tanh`'s formula (its `exp`
//! Cephes's, within 2 ulp), Adam is `burn::optim::Adam`'s update term by term (β = (0.9,
//! 0.999), ε = 1e-8), and `tests/dense.rs` checks 100 steps of each network against Burn's to
//! 1e-5 (`tests/web.rs` checks the page's SIMD build in Chromium). Burn stays the path on the
//! GPU and burn-flex, and for every other network (the regions lab's VAE).
//!
//! Shapes: a batch is `rows × inputs` row-major; a layer's weight is `[inputs, outputs]`
//! row-major (Burn's `Linear`), its bias `[outputs]`.

use matrixmultiply::sgemm;

mod lanes;
use lanes::F4;

/// A layer's function after its affine map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unit {
    /// `model::tanh`: `1 − 2 / (e^{2x} + 1)` on x clamped to [-15, 15].
    Tanh,
    Linear,
    /// `1 / (1 + e^{−x})`.
    Sigmoid,
}

/// What the step minimises over the last layer's output `y` (or its logits `a`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Loss {
    /// `mean((y − t)²)` over every value of the batch.
    Mse,
    /// `mean(softplus(a) − t·a)`: binary cross-entropy of `σ(a)`, on the logits.
    BceWithLogits,
}

/// Where a layer's weight is kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Weight {
    /// Parameter `i` of [`Net::params`], `[inputs, outputs]`.
    Own(usize),
    /// Parameter `i` transposed (a tied decoder: `W_x = W_hᵀ`).
    TransposeOf(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    pub weight: Weight,
    /// Parameter index of the bias, `[outputs]`.
    pub bias: Option<usize>,
    pub unit: Unit,
}

impl Layer {
    /// The layer of Burn's `Linear` at `name` among `params` (its `name.weight`, and its
    /// `name.bias` if it has one).
    pub fn linear(params: &[Param], name: &str, inputs: usize, outputs: usize, unit: Unit) -> Layer {
        let weight = index(params, &format!("{name}.weight")).expect("a linear layer has a weight");
        Layer { inputs, outputs, weight: Weight::Own(weight), bias: index(params, &format!("{name}.bias")).ok(), unit }
    }
}

/// One parameter with Adam's state: `first` and `second` are its moment estimates (as many
/// values as `values`; empty before the first step), `time` the steps Adam has taken on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// Its path in the Burn module (`encoder.weight`, …).
    pub path: String,
    pub values: Vec<f32>,
    pub first: Vec<f32>,
    pub second: Vec<f32>,
    pub time: usize,
}

const BETA_1: f32 = 0.9;
const BETA_2: f32 = 0.999;
const EPSILON: f32 = 1e-8;

/// A dense network, its parameters with Adam's moments, and the buffers its steps reuse.
#[derive(Debug)]
pub struct Net {
    pub layers: Vec<Layer>,
    pub params: Vec<Param>,
    pub loss: Loss,
    /// The contractive penalty's λ on the first layer's units (`contractive.rs`: λ times the
    /// batch mean of `Σ_j f'(a_j)² ‖W_j‖²`); 0 for none.
    pub contractive: f32,
    scratch: Scratch,
}

/// Buffers of one step, kept for the next (no allocation per step once their sizes are set).
#[derive(Debug, Default)]
struct Scratch {
    /// Each layer's output, `rows × outputs` (the last one: its pre-activation).
    outputs: Vec<Vec<f32>>,
    /// The loss's gradient with respect to each layer's pre-activation.
    deltas: Vec<Vec<f32>>,
    /// The gradient with respect to a hidden layer's output.
    back: Vec<f32>,
    /// Each parameter's gradient.
    grads: Vec<Vec<f32>>,
    /// The contractive penalty's per-unit factors.
    columns: Vec<f32>,
}

impl Clone for Net {
    /// The network and its optimiser's state; the buffers start empty.
    fn clone(&self) -> Self {
        Self { layers: self.layers.clone(), params: self.params.clone(), loss: self.loss, contractive: self.contractive, scratch: Scratch::default() }
    }
}

/// `c ← α·a·b + β·c` with `a` `m × k` and `b` `k × n` given by their strides, `c` `m × n`
/// row-major.
#[allow(clippy::too_many_arguments)]
fn product(m: usize, k: usize, n: usize, a: &[f32], (ra, ca): (usize, usize), b: &[f32], (rb, cb): (usize, usize), beta: f32, c: &mut [f32]) {
    if m == 0 || n == 0 {
        return;
    }
    let last = |rows: usize, cols: usize, r: usize, s: usize| if rows == 0 || cols == 0 { 0 } else { (rows - 1) * r + (cols - 1) * s };
    assert!(k == 0 || (last(m, k, ra, ca) < a.len() && last(k, n, rb, cb) < b.len()), "matrix product out of bounds");
    assert!(c.len() >= m * n, "matrix product's output too small");
    // SAFETY: every element read (row r < rows, column s < cols: index r·stride + s·stride ≤
    // the last one checked above) lies in `a` or `b`; `c` holds m × n values written with
    // strides (n, 1), which do not alias.
    unsafe {
        sgemm(m, k, n, 1.0, a.as_ptr(), ra as isize, ca as isize, b.as_ptr(), rb as isize, cb as isize, beta, c.as_mut_ptr(), n as isize, 1);
    }
}

/// The BCE pass's sigmoid, one value at a time (`F4::sigmoid` elsewhere).
#[inline(always)]
fn sigmoid(x: f32) -> f32 {
    1.0 / ((-x).exp() + 1.0)
}

#[inline(always)]
fn softplus(a: f32) -> f32 {
    (a + a.abs()) * 0.5 + (-a.abs()).exp().ln_1p()
}

impl Net {
    /// A network of `layers` over `params` (fresh Adam moments unless `params` carry some).
    /// Checks that the layers chain and that each parameter has its layer's size.
    pub fn new(layers: Vec<Layer>, params: Vec<Param>, loss: Loss, contractive: f32) -> Result<Self, String> {
        let size = |p: usize| params.get(p).map(|p| p.values.len());
        let chains = layers.windows(2).all(|w| w[0].outputs == w[1].inputs);
        let fits = layers.iter().all(|l| {
            let (Weight::Own(w) | Weight::TransposeOf(w)) = l.weight;
            size(w) == Some(l.inputs * l.outputs) && l.bias.is_none_or(|b| size(b) == Some(l.outputs))
        });
        let moments = params.iter().all(|p| (p.first.is_empty() && p.second.is_empty()) || (p.first.len() == p.values.len() && p.second.len() == p.values.len()));
        let penalty = contractive == 0.0 || matches!(layers.first().map(|l| l.weight), Some(Weight::Own(_)));
        if layers.is_empty() || !(chains && fits && moments && penalty) {
            return Err("the network's layers, parameters and moments do not fit together".into());
        }
        Ok(Self { layers, params, loss, contractive, scratch: Scratch::default() })
    }

    fn weight_strides(&self, layer: usize) -> (&[f32], (usize, usize)) {
        let l = &self.layers[layer];
        match l.weight {
            Weight::Own(p) => (&self.params[p].values, (l.outputs, 1)),
            // Parameter p is [outputs, inputs]; its transpose's (r, c) is p's (c, r).
            Weight::TransposeOf(p) => (&self.params[p].values, (1, l.inputs)),
        }
    }

    /// The network's output for `rows` inputs (`rows × inputs`): the last layer's units
    /// applied (a sigmoid's probabilities, not its logits).
    pub fn forward(&mut self, input: &[f32], rows: usize) -> Vec<f32> {
        self.run_forward(input, rows);
        let last = self.layers.len() - 1;
        let mut out = self.scratch.outputs[last].clone();
        map_in_place(self.layers[last].unit, &mut out);
        out
    }

    /// Fills `scratch.outputs`: each hidden layer's output, the last layer's pre-activation.
    fn run_forward(&mut self, input: &[f32], rows: usize) {
        let count = self.layers.len();
        let mut outputs = std::mem::take(&mut self.scratch.outputs);
        outputs.resize_with(count, Vec::new);
        for l in 0..count {
            let (inputs, width, unit) = (self.layers[l].inputs, self.layers[l].outputs, self.layers[l].unit);
            let (before, rest) = outputs.split_at_mut(l);
            let out = &mut rest[0];
            out.resize(rows * width, 0.0);
            match self.layers[l].bias {
                Some(b) => {
                    let bias = &self.params[b].values;
                    out.chunks_exact_mut(width).for_each(|row| row.copy_from_slice(bias));
                }
                None => out.fill(0.0),
            }
            let x: &[f32] = if l == 0 { input } else { &before[l - 1] };
            let (w, strides) = self.weight_strides(l);
            product(rows, inputs, width, x, (inputs, 1), w, strides, 1.0, out);
            if l + 1 < count {
                map_in_place(unit, out);
            }
        }
        self.scratch.outputs = outputs;
    }

    /// One step of Adam at learning rate `rate` on a batch of `rows` inputs and their targets
    /// (`rows × inputs`, `rows × outputs`): returns the batch's loss (plus the contractive
    /// penalty), computed before the step.
    pub fn step(&mut self, input: &[f32], target: &[f32], rows: usize, rate: f64) -> f32 {
        let count = self.layers.len();
        let first_inputs = self.layers[0].inputs;
        assert_eq!(input.len(), rows * first_inputs, "input size");
        assert_eq!(target.len(), rows * self.layers[count - 1].outputs, "target size");
        self.run_forward(input, rows);
        let mut s = std::mem::take(&mut self.scratch);
        s.deltas.resize_with(count, Vec::new);
        s.grads.resize_with(self.params.len(), Vec::new);
        for (g, p) in s.grads.iter_mut().zip(&self.params) {
            g.resize(p.values.len(), 0.0);
        }
        let mut written = vec![false; self.params.len()];

        // The loss and its gradient with respect to the last pre-activation, in one pass.
        let last = count - 1;
        let unit = self.layers[last].unit;
        let scale = 1.0 / target.len() as f32;
        let delta = &mut s.deltas[last];
        delta.resize(target.len(), 0.0);
        let outputs = &s.outputs[last];
        let total = match self.loss {
            Loss::Mse => mse_pass(unit, outputs, target, delta, scale),
            Loss::BceWithLogits => {
                let mut total = 0.0f64;
                for i in 0..delta.len() {
                    let (a, t) = (outputs[i], target[i]);
                    total += (softplus(a) - t * a) as f64;
                    delta[i] = (sigmoid(a) - t) * scale;
                }
                total
            }
        };
        let mut loss = (total / target.len() as f64) as f32;

        let mut penalty_weights = None;
        for l in (0..count).rev() {
            let (inputs, width) = (self.layers[l].inputs, self.layers[l].outputs);
            let x: &[f32] = if l == 0 { input } else { &s.outputs[l - 1] };
            let delta = &s.deltas[l];
            // The weight's gradient: xᵀ·δ (`inputs × outputs`), or its transpose for a tied one.
            match self.layers[l].weight {
                Weight::Own(p) => {
                    let beta = if written[p] { 1.0 } else { 0.0 };
                    product(inputs, rows, width, x, (1, inputs), delta, (width, 1), beta, &mut s.grads[p]);
                    written[p] = true;
                }
                Weight::TransposeOf(p) => {
                    let beta = if written[p] { 1.0 } else { 0.0 };
                    product(width, rows, inputs, delta, (1, width), x, (inputs, 1), beta, &mut s.grads[p]);
                    written[p] = true;
                }
            }
            if let Some(b) = self.layers[l].bias {
                column_sums(delta, width, &mut s.grads[b]);
                written[b] = true;
            }
            if l == 0 {
                break;
            }
            // The gradient with respect to this layer's input, the layer before's output h.
            let (w, (rw, cw)) = self.weight_strides(l);
            s.back.resize(rows * inputs, 0.0);
            product(rows, width, inputs, delta, (width, 1), w, (cw, rw), 0.0, &mut s.back);
            let hidden_unit = self.layers[l - 1].unit;
            let h = &s.outputs[l - 1];
            if l == 1 && self.contractive > 0.0 {
                // λ·mean_n Σ_j s(h_nj)·c_j with c_j = ‖W_j‖², s = (1 − h²)² for tanh, 1 for a
                // linear unit; its gradients: ∂/∂h = λ/n·c_j·s'(h), ∂/∂W_ij = 2W_ij·λ/n·Σ_n s.
                let Weight::Own(p) = self.layers[0].weight else { unreachable!("checked in new") };
                let hidden = self.layers[0].outputs;
                let w0 = &self.params[p].values;
                s.columns.clear();
                s.columns.resize(hidden, 0.0);
                for row in w0.chunks_exact(hidden) {
                    s.columns.iter_mut().zip(row).for_each(|(c, &w)| *c += w * w);
                }
                let factor = self.contractive / rows as f32;
                let mut sums = vec![0.0f32; hidden];
                let mut penalty = 0.0f64;
                for (h_row, back_row) in h.chunks_exact(hidden).zip(s.back.chunks_exact_mut(hidden)) {
                    for j in 0..hidden {
                        let hj = h_row[j];
                        let (value, derivative) = match hidden_unit {
                            Unit::Tanh => {
                                let q = 1.0 - hj * hj;
                                (q * q, -4.0 * hj * q)
                            }
                            _ => (1.0, 0.0),
                        };
                        penalty += (value * s.columns[j]) as f64;
                        sums[j] += value;
                        back_row[j] += factor * s.columns[j] * derivative;
                    }
                }
                loss += (penalty / rows as f64) as f32 * self.contractive;
                penalty_weights = Some((p, sums.into_iter().map(|v| 2.0 * factor * v).collect::<Vec<f32>>()));
            }
            let before = &mut s.deltas[l - 1];
            before.resize(rows * inputs, 0.0);
            derivative_pass(hidden_unit, &s.back, h, before);
        }
        if let Some((p, factors)) = penalty_weights {
            let hidden = factors.len();
            let w0 = &self.params[p].values;
            for (g_row, w_row) in s.grads[p].chunks_exact_mut(hidden).zip(w0.chunks_exact(hidden)) {
                for j in 0..hidden {
                    g_row[j] += w_row[j] * factors[j];
                }
            }
        }
        // As Burn's, a parameter no layer uses has no gradient and does not move.
        for ((param, grad), _) in self.params.iter_mut().zip(&s.grads).zip(&written).filter(|(_, w)| **w) {
            adam(param, grad, rate as f32);
        }
        self.scratch = s;
        loss
    }
}

/// Values summed in f32 before each partial sum joins the f64 total.
const LANES: usize = 64;

// The passes below go four values at a time ([`F4`]: wasm SIMD in the page), the unit chosen
// in each group of four. Index loops, not iterator adaptors: at the CPU module's
// `opt-level = "z"` an adaptor is a call per value.

/// A unit's output at pre-activations `a`.
#[inline(always)]
fn apply(unit: Unit, a: F4) -> F4 {
    match unit {
        Unit::Tanh => a.tanh(),
        Unit::Linear => a,
        Unit::Sigmoid => a.sigmoid(),
    }
}

/// A unit's slope where its output is `y`: `1 − y²` for tanh, `y(1 − y)` for the sigmoid.
#[inline(always)]
fn slope(unit: Unit, y: F4) -> F4 {
    let one = F4::splat(1.0);
    match unit {
        Unit::Tanh => one - y * y,
        Unit::Linear => one,
        Unit::Sigmoid => y * (one - y),
    }
}

/// `unit` applied to every value.
fn map_in_place(unit: Unit, values: &mut [f32]) {
    if unit == Unit::Linear {
        return;
    }
    let n = values.len();
    let mut i = 0;
    while i + 4 <= n {
        apply(unit, F4::load(values, i)).store(values, i);
        i += 4;
    }
    if i < n {
        apply(unit, F4::load_tail(values, i)).store_tail(values, i);
    }
}

/// The MSE's sum of squares and its gradient with respect to the pre-activations `outputs`
/// (`delta ← 2(y − t)/N · f'`, `scale` = 1/N), in one pass.
fn mse_pass(unit: Unit, outputs: &[f32], target: &[f32], delta: &mut [f32], scale: f32) -> f64 {
    let n = delta.len();
    let (outputs, target) = (&outputs[..n], &target[..n]);
    let (two, scale) = (F4::splat(2.0), F4::splat(scale));
    let mut total = 0.0f64;
    let mut start = 0;
    while start < n {
        let end = (start + LANES).min(n);
        let mut part = F4::splat(0.0);
        let mut i = start;
        while i < end {
            let count = (end - i).min(4);
            let (a, t) = if count == 4 { (F4::load(outputs, i), F4::load(target, i)) } else { (F4::load_tail(outputs, i), F4::load_tail(target, i)) };
            let y = apply(unit, a);
            let e = (y - t).first(count);
            part = part + e * e;
            let d = two * e * scale * slope(unit, y);
            if count == 4 { d.store(delta, i) } else { d.store_tail(delta, i) }
            i += 4;
        }
        total += part.sum() as f64;
        start = end;
    }
    total
}

/// A hidden layer's δ from the gradient `back` with respect to its output `h`: `back · f'`.
fn derivative_pass(unit: Unit, back: &[f32], h: &[f32], before: &mut [f32]) {
    let n = before.len();
    let (back, h) = (&back[..n], &h[..n]);
    let mut i = 0;
    while i + 4 <= n {
        (F4::load(back, i) * slope(unit, F4::load(h, i))).store(before, i);
        i += 4;
    }
    if i < n {
        (F4::load_tail(back, i) * slope(unit, F4::load_tail(h, i))).store_tail(before, i);
    }
}

/// `sums[j] ← Σ_r values[r·width + j]`: a bias's gradient from its layer's δ.
fn column_sums(values: &[f32], width: usize, sums: &mut [f32]) {
    let sums = &mut sums[..width];
    sums.fill(0.0);
    let mut start = 0;
    while start + width <= values.len() {
        let row = &values[start..start + width];
        let mut j = 0;
        while j + 4 <= width {
            (F4::load(sums, j) + F4::load(row, j)).store(sums, j);
            j += 4;
        }
        while j < width {
            sums[j] += row[j];
            j += 1;
        }
        start += width;
    }
}

/// `burn::optim::Adam`'s step, term by term in the same order (so in the same rounding):
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, then
/// `w ← w − rate · m·c / (√v + ε·√(1−β₂ᵗ))` with `c = √(1−β₂ᵗ) / (1−β₁ᵗ)`.
fn adam(param: &mut Param, grad: &[f32], rate: f32) {
    if param.first.is_empty() {
        param.first = vec![0.0; param.values.len()];
        param.second = vec![0.0; param.values.len()];
    }
    param.time += 1;
    let time = param.time as i32;
    let correction = (1.0 - BETA_2.powi(time)).sqrt();
    // Burn's first step starts the moments from the gradient alone (no 0·β term).
    let c = AdamTerms {
        first: param.time == 1,
        factor: F4::splat(correction / (1.0 - BETA_1.powi(time))),
        epsilon: F4::splat(EPSILON * correction),
        rate: F4::splat(rate),
    };
    let n = param.values.len();
    let (w, m, v, grad) = (&mut param.values[..n], &mut param.first[..n], &mut param.second[..n], &grad[..n]);
    let mut i = 0;
    while i + 4 <= n {
        let (m_new, v_new, w_new) = adam_lanes(&c, F4::load(grad, i), F4::load(m, i), F4::load(v, i), F4::load(w, i));
        m_new.store(m, i);
        v_new.store(v, i);
        w_new.store(w, i);
        i += 4;
    }
    if i < n {
        let (m_new, v_new, w_new) = adam_lanes(&c, F4::load_tail(grad, i), F4::load_tail(m, i), F4::load_tail(v, i), F4::load_tail(w, i));
        m_new.store_tail(m, i);
        v_new.store_tail(v, i);
        w_new.store_tail(w, i);
    }
}

/// Adam's terms of one step for one parameter.
struct AdamTerms {
    first: bool,
    factor: F4,
    epsilon: F4,
    rate: F4,
}

/// Four values' new moments and weights: `(m, v, w)`.
#[inline(always)]
fn adam_lanes(c: &AdamTerms, g: F4, m: F4, v: F4, w: F4) -> (F4, F4, F4) {
    let (new_1, new_2) = (F4::splat(1.0 - BETA_1), F4::splat(1.0 - BETA_2));
    let (m, v) = if c.first { (g * new_1, g * g * new_2) } else { (m * F4::splat(BETA_1) + g * new_1, v * F4::splat(BETA_2) + g * g * new_2) };
    (m, v, w - m * c.factor / (v.sqrt() + c.epsilon) * c.rate)
}

/// Whether `device` (plain or autodiff) is burn-ndarray's, where the lab's dense networks take
/// this step; burn-flex and the GPU take Burn's.
pub fn hand_device(device: &burn::prelude::Device) -> bool {
    #[allow(deprecated)] // burn-ndarray is the page's CPU backend (`backend.rs`)
    let ndarray = burn::prelude::Device::ndarray();
    device.clone().inner() == ndarray
}

/// A Burn module's float parameters, in the order Burn visits them, by path, with their values
/// (read synchronously: for a CPU device) and no moments yet.
pub fn read<M: burn::module::Module>(module: &M) -> Vec<Param> {
    let mut reader = Reader::default();
    module.visit(&mut reader);
    reader.found
}

/// `module` with each float parameter replaced by the values of the parameter of the same path
/// in `params` (same ids, same shapes; a parameter not in `params` is kept).
pub fn write<M: burn::module::Module>(module: M, params: &[Param]) -> M {
    module.map(&mut Writer { params, path: Vec::new() })
}

#[derive(Default)]
struct Reader {
    path: Vec<String>,
    found: Vec<Param>,
}

impl burn::module::ModuleVisitor for Reader {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn visit_float<const D: usize>(&mut self, param: &burn::module::Param<burn::prelude::Tensor<D>>) {
        let values = param.val().into_data().try_into_vec::<f32>().expect("float parameters");
        self.found.push(Param { path: self.path.join("."), values, first: Vec::new(), second: Vec::new(), time: 0 });
    }
}

struct Writer<'a> {
    params: &'a [Param],
    path: Vec<String>,
}

impl burn::module::ModuleMapper for Writer<'_> {
    fn enter_module(&mut self, name: &str, _container_type: &str) {
        self.path.push(name.to_string());
    }

    fn exit_module(&mut self, _name: &str, _container_type: &str) {
        self.path.pop();
    }

    fn map_float<const D: usize>(&mut self, param: burn::module::Param<burn::prelude::Tensor<D>>) -> burn::module::Param<burn::prelude::Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let value = match self.values(tensor.shape()) {
            Some(data) => burn::prelude::Tensor::<D>::from_data(data, &tensor.device()).require_grad(),
            None => tensor,
        };
        burn::module::Param::from_mapped_value(id, value, mapper)
    }
}

impl Writer<'_> {
    /// The values of the parameter at the current path, in `shape` (the generic part of
    /// `map_float` kept small: it is made once for each module and rank).
    fn values(&self, shape: burn::tensor::Shape) -> Option<burn::tensor::TensorData> {
        let path = self.path.join(".");
        let found = self.params.iter().find(|p| p.path == path)?;
        Some(burn::tensor::TensorData::new(found.values.clone(), shape))
    }
}

/// `model` for inference: with `hand`, the module's structure with the hand-written step's
/// values; without, `model` itself.
pub fn inference<M: burn::module::Module>(model: &M, hand: Option<&Net>) -> M {
    match hand {
        Some(net) => write(model.clone(), &net.params).valid(),
        None => model.valid(),
    }
}

/// The parameter at `path` among `params`, by index.
pub fn index(params: &[Param], path: &str) -> Result<usize, String> {
    params.iter().position(|p| p.path == path).ok_or_else(|| format!("the network has no parameter {path}"))
}
