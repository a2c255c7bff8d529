//! The face the page's worker calls (`#[wasm_bindgen]` on wasm, plain Rust elsewhere so the
//! same surface is tested natively). Errors are messages the page shows as they are.

use crate::backend::Backend;
use crate::data::Digits;
use crate::corrupt::DropoutNoise;
use crate::data::denormalize;
use crate::lab::{Lab, corrupt};
use crate::energy::{Descent, Unknown};
use crate::model::ModelKind;

#[cfg(target_family = "wasm")]
use wasm_bindgen::prelude::*;

#[cfg(target_family = "wasm")]
unsafe extern "C" {
    /// The module's static constructors (the kernel registries of Burn's GPU compiler use
    /// them), synthesised by the linker.
    fn __wasm_call_ctors();
}

/// Runs the module's static constructors, once. Calling them ourselves also stops the linker
/// from wrapping every exported function in a call to them, which cost about 5 ms per call
/// from JavaScript. Called at start-up and before a backend is opened (test harnesses do not
/// run the start function).
pub fn run_constructors_once() {
    #[cfg(target_family = "wasm")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: the linker's constructor function, guarded to run exactly once.
        ONCE.call_once(|| unsafe { __wasm_call_ctors() });
    }
}

/// Runs once when the module starts: the static constructors, then the panic hook so a Rust
/// panic reaches the console with its message.
#[cfg_attr(target_family = "wasm", wasm_bindgen(start))]
pub fn start() {
    run_constructors_once();
    #[cfg(target_family = "wasm")]
    console_error_panic_hook::set_once();
}

/// `Some` dropout noise for a probability above 0.
fn noise(dropout: f32, seed: u32) -> Result<Option<(DropoutNoise, u64)>, String> {
    if dropout > 0.0 { Ok(Some((DropoutNoise::new(dropout)?, seed as u64))) } else { Ok(None) }
}

/// A lab session, as JavaScript sees it.
#[cfg_attr(target_family = "wasm", wasm_bindgen)]
pub struct Playground {
    lab: Lab,
    /// The energy minimisation in progress, if any.
    descent: Option<Descent>,
}

#[cfg_attr(target_family = "wasm", wasm_bindgen)]
impl Playground {
    /// Opens a session on `backend`: "webgpu", "cpu" (burn-ndarray) or "flex" (burn-flex).
    pub async fn open(backend: String) -> Result<Playground, String> {
        let backend = Backend::from_name(&backend)?;
        Ok(Playground { lab: Lab::new(backend).await?, descent: None })
    }

    /// The backend's name.
    pub fn backend(&self) -> String {
        self.lab.backend().name().to_string()
    }

    /// Loads digits ("train" or "test") from the uncompressed digits format.
    pub fn load_digits(&mut self, split: String, bytes: &[u8]) -> Result<usize, String> {
        let digits = Digits::from_bytes(bytes)?;
        match split.as_str() {
            "train" => self.lab.set_training_digits(digits),
            "test" => self.lab.set_test_digits(digits),
            other => Err(format!("unknown split '{other}' (expected 'train' or 'test')")),
        }
    }

    /// Replaces a model's weights (burnpack bytes); a bad file changes nothing.
    pub fn load_weights(&mut self, model: String, bytes: &[u8]) -> Result<(), String> {
        self.lab.load_weights(ModelKind::from_name(&model)?, bytes)
    }

    /// A model's weights as burnpack bytes.
    pub async fn weights(&self, model: String) -> Result<Vec<u8>, String> {
        self.lab.weights(ModelKind::from_name(&model)?).await
    }

    /// Starts a model again from random weights.
    pub fn reset(&mut self, model: String, seed: u32) -> Result<(), String> {
        self.lab.reset(ModelKind::from_name(&model)?, seed as u64);
        Ok(())
    }

    /// Reconstructs `n × 784` pixels in [0, 1]; returns `n × 784` values in [0, 1]. With
    /// `dropout` > 0 the model sees the pixels corrupted by the mask [`Playground::corrupt`]
    /// draws from the same seed.
    pub async fn reconstruct(&self, model: String, pixels: Vec<f32>, dropout: f32, seed: u32) -> Result<Vec<f32>, String> {
        let noise = noise(dropout, seed)?;
        self.lab.reconstruct(ModelKind::from_name(&model)?, &pixels, noise).await
    }

    /// The dropout-corrupted input the model sees, shown in [0, 1] (dropped pixels are grey,
    /// kept ones doubled and clipped).
    pub fn corrupt(pixels: Vec<f32>, dropout: f32, seed: u32) -> Result<Vec<f32>, String> {
        let noise = DropoutNoise::new(dropout)?;
        Ok(corrupt(&pixels, noise, seed as u64).into_iter().map(|v| denormalize(v).clamp(0.0, 1.0)).collect())
    }

    /// The denoising lab's restorations of a damaged digit (see [`Lab::restore`]): `hidden`
    /// holds 784 values, non-zero where a pixel is hidden. Returns 5 × 784 values in [0, 1].
    pub async fn restore(&self, shown: Vec<f32>, hidden: Vec<u8>, dropout: f32, radius: f32) -> Result<Vec<f32>, String> {
        let hidden: Vec<bool> = hidden.iter().map(|&h| h != 0).collect();
        self.lab.restore(&shown, &hidden, dropout, radius).await
    }

    /// Damages a clean digit (784 values in [0, 1]): `hidden` (784 values, non-zero = hidden by
    /// hand), the dropout mask of probability `dropout` and Gaussian noise of deviation `sigma`,
    /// drawn from `seed`. Returns 2 × 784 values: the image shown, then 1 where hidden.
    pub fn damage(clean: Vec<f32>, hidden: Vec<u8>, dropout: f32, sigma: f32, seed: u32) -> Result<Vec<f32>, String> {
        if clean.len() != 784 || hidden.len() != 784 {
            return Err("expected 784 pixels and 784 mask values".into());
        }
        let hidden: Vec<bool> = hidden.iter().map(|&h| h != 0).collect();
        let (shown, hidden) = crate::corrupt::damage(&clean, &hidden, dropout, sigma, seed as u64);
        Ok(shown.into_iter().chain(hidden.into_iter().map(|h| if h { 1.0 } else { 0.0 })).collect())
    }

    /// An MNIST-like digit (784 values in [0, 1]) from a `width × height` drawing in [0, 1].
    pub fn to_mnist(drawing: Vec<f32>, width: usize, height: usize) -> Result<Vec<f32>, String> {
        if drawing.len() != width * height {
            return Err(format!("a {width}×{height} drawing has {} values, not {}", width * height, drawing.len()));
        }
        Ok(crate::drawing::to_mnist(&drawing, width, height))
    }

    /// Latent codes of `n × 784` pixels in [0, 1].
    pub async fn encode(&self, model: String, pixels: Vec<f32>) -> Result<Vec<f32>, String> {
        self.lab.encode(ModelKind::from_name(&model)?, &pixels).await
    }

    /// Images in [0, 1] decoded from `n × latent` codes.
    pub async fn decode(&self, model: String, codes: Vec<f32>) -> Result<Vec<f32>, String> {
        self.lab.decode(ModelKind::from_name(&model)?, &codes).await
    }

    /// Takes `steps` training steps; returns the loss of each.
    pub async fn train(&mut self, model: String, steps: usize) -> Result<Vec<f32>, String> {
        Ok(self.lab.train(ModelKind::from_name(&model)?, steps).await?.losses)
    }

    /// Training steps the model has taken.
    pub fn steps(&self, model: String) -> Result<usize, String> {
        Ok(self.lab.steps(ModelKind::from_name(&model)?))
    }

    /// Number of training digits loaded.
    pub fn training_len(&self) -> usize {
        self.lab.training_len()
    }

    /// Test MSE (in [-1, 1]) on the first `limit` test digits.
    pub async fn evaluate(&self, model: String, limit: usize) -> Result<f64, String> {
        self.lab.evaluate(ModelKind::from_name(&model)?, limit).await
    }

    /// Size of a model's latent code.
    pub fn latent_size(&self, model: String) -> Result<usize, String> {
        Ok(self.lab.model(ModelKind::from_name(&model)?).latent())
    }

    /// Interpolation from A to B (784 values each in [0, 1]) in `frames` frames: pixel
    /// blends, decoded latent blends (`frames × 784` each), then the blended codes.
    pub async fn interpolate(&self, model: String, a: Vec<f32>, b: Vec<f32>, frames: usize) -> Result<Vec<f32>, String> {
        self.lab.interpolate(ModelKind::from_name(&model)?, &a, &b, frames).await
    }

    /// Starts inpainting a damaged digit by energy minimisation: `unknown` is "latent" or
    /// "pixels", `shown` the damaged image in [0, 1], `hidden` 784 values (non-zero = hidden).
    /// Returns the energy, then the 784 pixels of the starting image.
    pub async fn energy_start(&mut self, model: String, unknown: String, shown: Vec<f32>, hidden: Vec<u8>, dropout: f32) -> Result<Vec<f32>, String> {
        self.descent = None;
        let hidden: Vec<bool> = hidden.iter().map(|&h| h != 0).collect();
        let descent = self.lab.descent(ModelKind::from_name(&model)?, Unknown::from_name(&unknown)?, &shown, &hidden, dropout).await?;
        let out = self.energy_state(&descent).await?;
        self.descent = Some(descent);
        Ok(out)
    }

    /// Runs `iterations` more iterations of the descent started by [`Playground::energy_start`];
    /// returns the energy, then the 784 pixels of the current image.
    pub async fn energy_step(&mut self, iterations: usize) -> Result<Vec<f32>, String> {
        let mut descent = self.descent.take().ok_or("no energy minimisation was started")?;
        for _ in 0..iterations {
            descent.step().await?;
        }
        let out = self.energy_state(&descent).await?;
        self.descent = Some(descent);
        Ok(out)
    }

    async fn energy_state(&self, descent: &Descent) -> Result<Vec<f32>, String> {
        let mut out = vec![descent.energies()[0]];
        out.extend(self.lab.descent_images(descent).await?);
        Ok(out)
    }

    /// How digit-like an image (784 values in [0, 1]) is: score, percentile among test digits,
    /// reconstruction error, its percentile, the mean-image term, the ink fraction, 1 or 0 for
    /// "empty" and for "unusual", then the flagging score and its percentile.
    pub async fn anomaly(&mut self, model: String, pixels: Vec<f32>) -> Result<Vec<f32>, String> {
        let kind = ModelKind::from_name(&model)?;
        let a = self.lab.anomaly(kind, &pixels).await?;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        Ok(vec![
            a.score,
            a.percentile,
            a.features.error,
            a.error_percentile,
            a.features.atypicality,
            a.features.ink,
            flag(a.empty),
            flag(a.unusual),
            self.lab.anomaly_reference(kind).await?.threshold(),
            crate::anomaly::UNUSUAL_PERCENTILE,
        ])
    }

    /// The anomaly scores of the reference test digits, sorted.
    pub async fn anomaly_scores(&mut self, model: String) -> Result<Vec<f32>, String> {
        Ok(self.lab.anomaly_reference(ModelKind::from_name(&model)?).await?.test_scores().to_vec())
    }

    /// Fits the latent map to the first `count` test digits. Returns the variance along each
    /// axis, the total variance, then the digits' coordinates (`count × 2`).
    pub async fn latent_map(&mut self, model: String, count: usize) -> Result<Vec<f32>, String> {
        let (map, points) = self.lab.latent_map(ModelKind::from_name(&model)?, count).await?;
        let mut out = vec![map.variance[0], map.variance[1], map.total_variance];
        out.extend(points);
        Ok(out)
    }

    /// Map coordinates of `n × latent` codes.
    pub fn map_codes(&self, model: String, codes: Vec<f32>) -> Result<Vec<f32>, String> {
        self.lab.map_codes(ModelKind::from_name(&model)?, &codes)
    }

    /// Images at `n × 2` map coordinates.
    pub async fn map_decode(&self, model: String, points: Vec<f32>) -> Result<Vec<f32>, String> {
        self.lab.map_decode(ModelKind::from_name(&model)?, &points).await
    }

    /// Codes rounded to `bits` bits each (see [`crate::latent::quantise`]).
    pub fn quantise(codes: Vec<f32>, bits: u32) -> Vec<f32> {
        crate::latent::quantise(&codes, bits)
    }
}
