//! Super-resolution and its bias (lecture figure 9): a digit shrunk to 7 × 7 (or 14 × 14) by
//! averaging blocks of pixels, then made 28 × 28 again, by the classical upsamplers (nearest
//! neighbour, bilinear, bicubic: what they do is fixed, whatever the image) and by an
//! autoencoder-like network `side² → h → 784` trained to undo the shrinking on MNIST. The
//! network fills in what its training digits taught it: trained on 0–4 only, it turns a 7 into
//! one of those.
//!
//! The classical upsamplers follow Pillow's `Image.resize` on float images (separable
//! convolution, horizontal then vertical, with the triangle kernel for bilinear and Keys'
//! cubic with a = −0.5 for bicubic; the kernel's weights renormalised at the borders);
//! `tests/superres.rs` checks them against Pillow's output (`pkg-scripts/make-upsampling-fixtures`).

use crate::data::{Digits, denormalize, normalize};
#[cfg(any(feature = "gpu", feature = "flex"))]
use crate::loss::mse;
use crate::model::{IMAGE_PIXELS, tanh};
use crate::rng::Rng;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use crate::dense::{self, Layer, Net, Unit};
use burn::optim::{AdamConfig, ModuleOptimizer};
#[cfg(any(feature = "gpu", feature = "flex"))]
use burn::optim::GradientsParams;
use burn::prelude::*;
use serde::{Deserialize, Serialize};

const SIDE: usize = 28;

/// Averages `factor × factor` blocks of a 28 × 28 image (values in [0, 1]): `(28/factor)²` values.
pub fn downsample(image: &[f32], factor: usize) -> Vec<f32> {
    let side = SIDE / factor;
    let mut out = vec![0.0f32; side * side];
    for y in 0..SIDE {
        for x in 0..SIDE {
            out[(y / factor) * side + x / factor] += image[y * SIDE + x];
        }
    }
    out.iter_mut().for_each(|v| *v /= (factor * factor) as f32);
    out
}

/// Pillow's nearest neighbour: output pixel x takes input pixel ⌊(x + ½)·in/out⌋.
pub fn nearest(low: &[f32], side: usize) -> Vec<f32> {
    let source = |x: usize| (((x as f64 + 0.5) * side as f64 / SIDE as f64) as usize).min(side - 1);
    (0..SIDE * SIDE).map(|i| low[source(i / SIDE) * side + source(i % SIDE)]).collect()
}

/// The triangle kernel (bilinear), support 1.
fn triangle(x: f64) -> f64 {
    let x = x.abs();
    if x < 1.0 { 1.0 - x } else { 0.0 }
}

/// Keys' cubic kernel with a = −0.5 (Pillow's bicubic), support 2.
fn cubic(x: f64) -> f64 {
    let a = -0.5;
    let x = x.abs();
    if x < 1.0 {
        ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0
    } else if x < 2.0 {
        (((x - 5.0) * x + 8.0) * x - 4.0) * a
    } else {
        0.0
    }
}

/// For each output position, the first input index and the normalised weights (Pillow's
/// `precompute_coeffs` for an upscale: the kernel at its own scale).
fn coefficients(input: usize, output: usize, support: f64, kernel: fn(f64) -> f64) -> Vec<(usize, Vec<f64>)> {
    let scale = input as f64 / output as f64;
    (0..output)
        .map(|x| {
            let center = (x as f64 + 0.5) * scale;
            let min = ((center - support + 0.5).floor().max(0.0)) as usize;
            let max = ((center + support + 0.5).floor() as usize).min(input);
            let mut w: Vec<f64> = (min..max).map(|k| kernel(k as f64 - center + 0.5)).collect();
            let sum: f64 = w.iter().sum();
            if sum != 0.0 {
                w.iter_mut().for_each(|v| *v /= sum);
            }
            (min, w)
        })
        .collect()
}

/// Separable resampling of a `side × side` image to 28 × 28: horizontally, then vertically.
fn resample(low: &[f32], side: usize, support: f64, kernel: fn(f64) -> f64) -> Vec<f32> {
    let c = coefficients(side, SIDE, support, kernel);
    let mut wide = vec![0.0f32; side * SIDE];
    for y in 0..side {
        for (x, (min, w)) in c.iter().enumerate() {
            wide[y * SIDE + x] = w.iter().enumerate().map(|(k, wk)| wk * low[y * side + min + k] as f64).sum::<f64>() as f32;
        }
    }
    let mut out = vec![0.0f32; SIDE * SIDE];
    for (y, (min, w)) in c.iter().enumerate() {
        for x in 0..SIDE {
            out[y * SIDE + x] = w.iter().enumerate().map(|(k, wk)| wk * wide[(min + k) * SIDE + x] as f64).sum::<f64>() as f32;
        }
    }
    out
}

/// Bilinear upsampling of a `side × side` image to 28 × 28 (Pillow's `BILINEAR`).
pub fn bilinear(low: &[f32], side: usize) -> Vec<f32> {
    resample(low, side, 1.0, triangle)
}

/// Bicubic upsampling of a `side × side` image to 28 × 28 (Pillow's `BICUBIC`); may leave
/// [0, 1] a little (ringing), as Pillow's does on float images.
pub fn bicubic(low: &[f32], side: usize) -> Vec<f32> {
    resample(low, side, 2.0, cubic)
}

/// The network: `side² → h → 784` with tanh, input and output in [-1, 1].
#[derive(Module, Debug)]
pub struct Upsampler {
    pub hidden: Linear,
    pub output: Linear,
}

impl Upsampler {
    pub fn new(input: usize, hidden: usize, device: &Device) -> Self {
        Self { hidden: LinearConfig::new(input, hidden).init(device), output: LinearConfig::new(hidden, IMAGE_PIXELS).init(device) }
    }

    /// `[n, side²]` → `[n, 784]`, both in [-1, 1].
    pub fn forward(&self, low: Tensor<2>) -> Tensor<2> {
        tanh(self.output.forward(tanh(self.hidden.forward(low))))
    }

    /// This network as `dense.rs`'s (its values read from the CPU, fresh Adam moments):
    /// `side² → h` tanh, `h → 784` tanh, minimising the MSE.
    pub fn hand_net(&self) -> Net {
        let params = dense::read(self);
        let [input, hidden] = self.hidden.weight.dims();
        let layers = vec![Layer::linear(&params, "hidden", input, hidden, Unit::Tanh), Layer::linear(&params, "output", hidden, IMAGE_PIXELS, Unit::Tanh)];
        Net::new(layers, params, dense::Loss::Mse, 0.0).expect("the upsampler's layers chain")
    }
}

/// The super-resolution experiment's settings.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SuperResSetup {
    /// 4 (28 → 7) or 2 (28 → 14).
    pub factor: usize,
    /// Hidden units (16 to 1,000).
    pub hidden: usize,
    /// Train only on digits up to this class (4: the 0–4 bias demo; 9: all).
    pub up_to: u8,
    pub seed: u64,
}

impl SuperResSetup {
    pub fn check(&self) -> Result<(), String> {
        if self.factor != 2 && self.factor != 4 {
            return Err(format!("the low resolution is 28/2 = 14 or 28/4 = 7 pixels wide; factor {} is neither", self.factor));
        }
        if !(16..=1000).contains(&self.hidden) {
            return Err(format!("the hidden layer must have 16 to 1,000 units, not {}", self.hidden));
        }
        if self.up_to > 9 {
            return Err(format!("digits go up to 9, not {}", self.up_to));
        }
        Ok(())
    }

    /// The low-resolution side, 7 or 14.
    pub fn side(&self) -> usize {
        SIDE / self.factor
    }
}

/// The learning rate (Adam) and the batch, as the notebook's.
pub const LEARNING_RATE: f64 = 1e-3;
pub const BATCH: usize = 256;

/// A super-resolution network in training, with its training pairs on its device.
#[derive(Clone)]
pub struct SuperRes {
    pub setup: SuperResSetup,
    /// With `hand`, the network's structure only: its values are `hand`'s.
    model: Option<Upsampler>,
    #[cfg_attr(not(any(feature = "gpu", feature = "flex")), allow(dead_code))] // Burn's step only
    optim: ModuleOptimizer,
    /// On burn-ndarray, the network and Adam's moments, stepped by `dense.rs`.
    hand: Option<Net>,
    /// Low-resolution inputs `[n, side²]` and full-resolution targets `[n, 784]`, in [-1, 1].
    low: Tensor<2>,
    high: Tensor<2>,
    rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    pub steps: usize,
    /// Training digits used.
    pub digits: usize,
}

/// Low-resolution copies of digits, normalised to [-1, 1]: `n × side²` values.
pub fn low_inputs(digits: &Digits, factor: usize) -> Vec<f32> {
    digits.unit().chunks_exact(IMAGE_PIXELS).flat_map(|unit| network_input(&downsample(unit, factor))).collect()
}

/// The low-resolution image of one picture, and its truth: a 28 × 28 digit (784 values in
/// [0, 1], shrunk here; the truth for the PSNRs) or a low-resolution drawing (`side²` values, no
/// truth). Values are clamped to [0, 1]; anything else is refused.
pub fn low_input(pixels: &[f32], setup: &SuperResSetup) -> Result<(Vec<f32>, Option<Vec<f32>>), String> {
    let side = setup.side();
    if pixels.iter().any(|v| !v.is_finite()) {
        return Err("pixel values must be numbers".into());
    }
    let unit: Vec<f32> = pixels.iter().map(|v| v.clamp(0.0, 1.0)).collect();
    match unit.len() {
        IMAGE_PIXELS => Ok((downsample(&unit, setup.factor), Some(unit))),
        n if n == side * side => Ok((unit, None)),
        n => Err(format!("expected {IMAGE_PIXELS} pixels or {} low-resolution ones, got {n}", side * side)),
    }
}

/// A low-resolution image in [0, 1] as the network takes it, in [-1, 1].
pub fn network_input(low: &[f32]) -> Vec<f32> {
    low.iter().map(|&v| normalize(v)).collect()
}

impl SuperRes {
    /// A fresh network trained on the `digits` of classes up to `setup.up_to`, on `device`
    /// (made an autodiff device here).
    pub fn new(setup: SuperResSetup, digits: &Digits, device: &Device) -> Result<Self, String> {
        setup.check()?;
        let keep: Vec<usize> = (0..digits.len()).filter(|&i| digits.labels[i] <= setup.up_to).collect();
        if keep.is_empty() {
            return Err("no training digits of those classes".into());
        }
        let chosen = Digits {
            pixels: keep.iter().flat_map(|&i| digits.image(i).to_vec()).collect(),
            labels: keep.iter().map(|&i| digits.labels[i]).collect(),
        };
        let device = device.clone().autodiff();
        device.seed(setup.seed);
        let side = setup.side();
        let low = Tensor::from_data(TensorData::new(low_inputs(&chosen, setup.factor), [chosen.len(), side * side]), &device);
        let high = chosen.to_tensor(&device);
        let model = Upsampler::new(side * side, setup.hidden, &device).train();
        let hand = dense::hand_device(&device).then(|| model.hand_net());
        Ok(Self {
            setup,
            model: Some(model),
            optim: AdamConfig::new().with_epsilon(1e-8).init(),
            hand,
            low,
            high,
            rng: Rng::new(setup.seed),
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            digits: chosen.len(),
        })
    }

    /// The network for inference.
    pub fn model(&self) -> Upsampler {
        dense::inference(self.model.as_ref().expect("present between steps"), self.hand.as_ref())
    }

    /// Takes Burn's step from now on, even on burn-ndarray (for comparing the two steps).
    #[cfg(any(feature = "gpu", feature = "flex"))]
    pub fn with_burn_step(mut self) -> Self {
        assert!(self.steps == 0, "switched before the first step");
        self.hand = None;
        self
    }

    /// One step on the next batch (reshuffled each epoch); the loss, still on the device.
    pub fn step(&mut self) -> Tensor<1> {
        let n = self.digits;
        let size = BATCH.min(n);
        if self.order.len() != n || self.cursor + size > n {
            self.order = self.rng.permutation(n);
            self.cursor = 0;
        }
        let indices = self.order[self.cursor..self.cursor + size].to_vec();
        self.cursor += size;
        let low = crate::data::batch(&self.low, &indices);
        let high = crate::data::batch(&self.high, &indices);
        if let Some(net) = self.hand.as_mut() {
            let device = low.device();
            let host = |t: Tensor<2>| t.into_data().try_into_vec::<f32>().expect("float pixels");
            let loss = net.step(&host(low), &host(high), size, LEARNING_RATE);
            self.steps += 1;
            return Tensor::from_data(TensorData::new(vec![loss], [1]), &device);
        }
        // Burn's step: only in the modules with another backend than burn-ndarray.
        #[cfg(any(feature = "gpu", feature = "flex"))]
        {
            let model = self.model.take().expect("present");
            let loss = mse(model.forward(low), high);
            let grads = GradientsParams::from_grads(loss.backward(), &model);
            self.model = Some(self.optim.step(LEARNING_RATE, model, grads));
            self.steps += 1;
            loss.detach()
        }
        #[cfg(not(any(feature = "gpu", feature = "flex")))]
        unreachable!("burn-ndarray, this module's one backend, takes the hand-written step")
    }

    /// Epochs over its training digits, as a fraction.
    pub fn epochs(&self) -> f64 {
        (self.steps * BATCH.min(self.digits)) as f64 / self.digits as f64
    }
}

/// One digit restored every way, with each restoration's PSNR against the truth (when there is
/// one: a drawing made at low resolution has none).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Upscaled {
    /// The low-resolution image, `side²` values in [0, 1].
    pub low: crate::record::Images,
    pub side: usize,
    /// 784 values each, in [0, 1] (bicubic may overshoot a little).
    pub network: crate::record::Images,
    pub nearest: crate::record::Images,
    pub bilinear: crate::record::Images,
    pub bicubic: crate::record::Images,
    /// PSNR (dB) of each against the full-resolution digit; `None` (absent in JavaScript)
    /// without a truth.
    pub psnr: Option<UpscalePsnr>,
}

/// One PSNR (dB) for each way of upscaling, by name.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct UpscalePsnr {
    pub network: f64,
    pub nearest: f64,
    pub bilinear: f64,
    pub bicubic: f64,
}

/// The classical upsamplings of `low` and their PSNRs against `truth`, around the network's
/// output `network` (784 values in [0, 1]).
pub fn upscaled(low: Vec<f32>, side: usize, network: Vec<f32>, truth: Option<&[f32]>) -> Upscaled {
    let (n, b, c) = (nearest(&low, side), bilinear(&low, side), bicubic(&low, side));
    let psnr = truth.map(|t| {
        let of = |img: &[f32]| crate::evaluation::psnr(unit_mse(img, t));
        UpscalePsnr { network: of(&network), nearest: of(&n), bilinear: of(&b), bicubic: of(&c) }
    });
    Upscaled { low: low.into(), side, network: network.into(), nearest: n.into(), bilinear: b.into(), bicubic: c.into(), psnr }
}

/// Mean squared error of two images in [0, 1] (the first clipped to [0, 1], as shown).
pub fn unit_mse(a: &[f32], b: &[f32]) -> f64 {
    a.iter().zip(b).map(|(&x, &y)| ((x.clamp(0.0, 1.0) - y) as f64).powi(2)).sum::<f64>() / a.len().max(1) as f64
}

/// Network outputs in [-1, 1] as images in [0, 1].
pub fn to_unit(values: Vec<f32>) -> Vec<f32> {
    values.into_iter().map(denormalize).collect()
}

/// Mean PSNR over images, from per-image MSEs in [0, 1] (the mean of the MSEs, then PSNR, as
/// the page's other test-set figures).
pub fn mean_psnr(mses: &[f64]) -> f64 {
    crate::evaluation::psnr(mses.iter().sum::<f64>() / mses.len().max(1) as f64)
}

/// The network against the classical upsamplers on some digits.
#[derive(Clone, Copy, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct UpscaleScores {
    pub digits: usize,
    /// PSNR (dB) of the network, nearest, bilinear and bicubic, over all those digits.
    pub network: f64,
    pub nearest: f64,
    pub bilinear: f64,
    pub bicubic: f64,
}

impl UpscaleScores {
    /// From full-resolution digits (`n × 784` in [0, 1]) and the network's outputs for them.
    pub fn of(truth: &[f32], network: &[f32], factor: usize) -> Self {
        let side = SIDE / factor;
        let mut m = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
        for (t, o) in truth.chunks_exact(IMAGE_PIXELS).zip(network.chunks_exact(IMAGE_PIXELS)) {
            let low = downsample(t, factor);
            m[0].push(unit_mse(o, t));
            m[1].push(unit_mse(&nearest(&low, side), t));
            m[2].push(unit_mse(&bilinear(&low, side), t));
            m[3].push(unit_mse(&bicubic(&low, side), t));
        }
        Self { digits: m[0].len(), network: mean_psnr(&m[0]), nearest: mean_psnr(&m[1]), bilinear: mean_psnr(&m[2]), bicubic: mean_psnr(&m[3]) }
    }
}
