//! Regions of the latent space: where the lecture ends. Its helix (figure 19) closes with "we
//! now have a correspondence between points of the input space and points of the latent space,
//! but not between regions". A plain autoencoder maps each training digit to a point; a code
//! between or around those points was never trained to decode to anything, so it decodes to a
//! blur (a hole). The variational autoencoder of the course's next notebook (`11-VAE.ipynb`)
//! maps each digit to a region instead, a Gaussian `N(μ(x), σ²(x))`, and pulls every region
//! towards the prior `N(0, I)`, so the regions fill the plane and any code near the origin
//! decodes to a digit.
//!
//! The network is the notebook's: 784 → 400 → 2·d (ReLU; the means μ and the log-variances
//! log σ²), and d → 400 → 784 (ReLU, sigmoid output), pixels in [0, 1]. Its loss per digit is
//! the BCE summed over the 784 pixels plus β times the KL divergence of `N(μ, σ²)` from
//! `N(0, I)` in closed form, `½ Σ_j (σ_j² + μ_j² − 1 − log σ_j²)`; the code it decodes is drawn
//! by the reparameterisation `z = μ + σ ⊙ ε`, `ε ~ N(0, I)`, so the gradient reaches μ and σ.
//! β = 1 is the notebook's loss; β = 0 leaves only the reconstruction (with noise); a large β
//! pulls every region onto the prior (posterior collapse). Beside it the lab trains the same
//! network as a plain autoencoder (`z = μ`, no KL): the lecture's points.
//!
//! How digit-like a decoded image is: the confidence of a small classifier ([`classifier`]),
//! trained by the project's trainer on MNIST. The lab's state and its operations of the page
//! are in `face.rs`.

pub mod classifier;
pub mod face;
mod saved;

use crate::data::Digits;
use crate::loss::bce_with_logits_elements;
use crate::model::{IMAGE_PIXELS, sigmoid};
use crate::rng::Rng;
use burn::module::Module;
use burn::nn::{Linear, LinearConfig};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer};
use burn::prelude::*;
use serde::{Deserialize, Serialize};

/// The hidden layer's width, the notebook's `d ** 2` for d = 20.
pub const HIDDEN: usize = 400;
/// The notebook's learning rate (Adam) and batch.
pub const LEARNING_RATE: f64 = 1e-3;
pub const BATCH: usize = 256;
/// The largest β the lab takes.
pub const MAX_BETA: f32 = 50.0;

/// The variational autoencoder's network (also trained as the plain autoencoder, reading μ).
#[derive(Module, Debug)]
pub struct Vae {
    pub hidden: Linear,
    /// 400 → 2·d: the means, then the log-variances.
    pub code: Linear,
    pub back: Linear,
    pub output: Linear,
}

impl Vae {
    pub fn new(latent: usize, device: &Device) -> Self {
        Self {
            hidden: LinearConfig::new(IMAGE_PIXELS, HIDDEN).init(device),
            code: LinearConfig::new(HIDDEN, 2 * latent).init(device),
            back: LinearConfig::new(latent, HIDDEN).init(device),
            output: LinearConfig::new(HIDDEN, IMAGE_PIXELS).init(device),
        }
    }

    /// d, the size of a code.
    pub fn latent(&self) -> usize {
        self.back.weight.dims()[0]
    }

    /// Digits `[n, 784]` in [0, 1] → their means μ and log-variances log σ², each `[n, d]`.
    pub fn encode(&self, x: Tensor<2>) -> (Tensor<2>, Tensor<2>) {
        let d = self.latent();
        let both = self.code.forward(self.hidden.forward(x).clamp_min(0.0));
        (both.clone().narrow(1, 0, d), both.narrow(1, d, d))
    }

    /// Codes `[n, d]` → the decoder's logits `[n, 784]`.
    pub fn logits(&self, z: Tensor<2>) -> Tensor<2> {
        self.output.forward(self.back.forward(z).clamp_min(0.0))
    }

    /// Codes `[n, d]` → images `[n, 784]` in [0, 1].
    pub fn decode(&self, z: Tensor<2>) -> Tensor<2> {
        sigmoid(self.logits(z))
    }
}

/// The reparameterisation: `z = μ + exp(½ log σ²) ⊙ ε`.
pub fn reparameterise(mean: Tensor<2>, log_var: Tensor<2>, eps: Tensor<2>) -> Tensor<2> {
    mean + log_var.mul_scalar(0.5).exp() * eps
}

/// KL(N(μ, σ²) ‖ N(0, I)) of each digit, `½ Σ_j (σ_j² + μ_j² − 1 − log σ_j²)`, averaged over
/// the batch: a scalar `[1]`, in nats.
pub fn kl(mean: Tensor<2>, log_var: Tensor<2>) -> Tensor<1> {
    (log_var.clone().exp() + mean.powi_scalar(2) - log_var).sub_scalar(1.0).sum_dim(1).mul_scalar(0.5).mean()
}

/// The BCE of each digit summed over its 784 pixels (the notebook's `reduction='sum'`, per
/// digit), averaged over the batch: a scalar `[1]`, in nats.
pub fn reconstruction(logits: Tensor<2>, x: Tensor<2>) -> Tensor<1> {
    bce_with_logits_elements(logits, x).sum_dim(1).mean()
}

/// The variational loss's two terms for digits `x` in [0, 1] and noise `ε` `[n, d]`:
/// (reconstruction of the reparameterised code, KL), each a scalar `[1]`.
pub fn variational_terms(model: &Vae, x: Tensor<2>, eps: Tensor<2>) -> (Tensor<1>, Tensor<1>) {
    let (mean, log_var) = model.encode(x.clone());
    let z = reparameterise(mean.clone(), log_var.clone(), eps);
    (reconstruction(model.logits(z), x), kl(mean, log_var))
}

/// The plain autoencoder's loss: the reconstruction of μ, no noise and no KL.
pub fn plain_loss(model: &Vae, x: Tensor<2>) -> Tensor<1> {
    let (mean, _) = model.encode(x.clone());
    reconstruction(model.logits(mean), x)
}

/// What the page sets up: the size of a code (2 for the picture, 20 as in the notebook), β,
/// and the seed of the weights, the batches and the noise.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RegionsSetup {
    pub latent: usize,
    pub beta: f32,
    pub seed: u64,
}

impl RegionsSetup {
    pub fn check(&self) -> Result<(), String> {
        if !(1..=64).contains(&self.latent) {
            return Err(format!("a code must have 1 to 64 numbers, not {}", self.latent));
        }
        check_beta(self.beta)
    }
}

/// β must be a number from 0 to [`MAX_BETA`].
pub fn check_beta(beta: f32) -> Result<(), String> {
    if beta.is_finite() && (0.0..=MAX_BETA).contains(&beta) { Ok(()) } else { Err(format!("β must be a number from 0 to {MAX_BETA}, not {beta}")) }
}

/// The two networks trained side by side on the same batches: the variational autoencoder and
/// the plain one.
#[derive(Clone)]
pub struct Regions {
    pub setup: RegionsSetup,
    /// β now (the slider changes it while it trains).
    pub beta: f32,
    pub(crate) vae: Option<Vae>,
    pub(crate) plain: Option<Vae>,
    optim_vae: ModuleOptimizer,
    optim_plain: ModuleOptimizer,
    digits: Tensor<2>,
    n: usize,
    pub(crate) rng: Rng,
    order: Vec<usize>,
    cursor: usize,
    pub steps: usize,
}

impl Regions {
    /// Two fresh networks (the same initial weights) on `digits`.
    pub fn new(setup: RegionsSetup, digits: &Digits, device: &Device) -> Result<Self, String> {
        setup.check()?;
        if digits.is_empty() {
            return Err("no training digits loaded".into());
        }
        let device = device.clone().autodiff();
        device.seed(setup.seed);
        let vae = Vae::new(setup.latent, &device).train();
        let unit = digits.unit();
        Ok(Self {
            setup,
            beta: setup.beta,
            plain: Some(vae.clone()),
            vae: Some(vae),
            optim_vae: AdamConfig::new().with_epsilon(1e-8).init(),
            optim_plain: AdamConfig::new().with_epsilon(1e-8).init(),
            digits: Tensor::from_data(TensorData::new(unit, [digits.len(), IMAGE_PIXELS]), &device),
            n: digits.len(),
            rng: Rng::new(setup.seed),
            order: Vec::new(),
            cursor: 0,
            steps: 0,
        })
    }

    /// The variational autoencoder, without autodiff.
    pub fn vae(&self) -> Vae {
        self.vae.as_ref().expect("present between steps").valid()
    }

    /// The plain autoencoder, without autodiff.
    pub fn plain(&self) -> Vae {
        self.plain.as_ref().expect("present between steps").valid()
    }

    /// One step of each network on the same batch of 256 digits: `[3]`, the variational
    /// autoencoder's reconstruction and KL terms and the plain one's reconstruction (per digit,
    /// nats), left on the device.
    pub fn step(&mut self) -> Tensor<1> {
        let size = BATCH.min(self.n);
        if self.order.len() != self.n || self.cursor + size > self.n {
            self.order = self.rng.permutation(self.n);
            self.cursor = 0;
        }
        let indices = self.order[self.cursor..self.cursor + size].to_vec();
        self.cursor += size;
        let x = crate::data::batch(&self.digits, &indices);
        let d = self.setup.latent;
        let noise: Vec<f32> = (0..size * d).map(|_| self.rng.normal()).collect();
        let eps = Tensor::from_data(TensorData::new(noise, [size, d]), &x.device());

        let vae = self.vae.take().expect("present");
        let (rec, kl) = variational_terms(&vae, x.clone(), eps);
        let loss = rec.clone() + kl.clone().mul_scalar(self.beta);
        let grads = GradientsParams::from_grads(loss.backward(), &vae);
        self.vae = Some(self.optim_vae.step(LEARNING_RATE, vae, grads));

        let plain = self.plain.take().expect("present");
        let plain_rec = plain_loss(&plain, x);
        let grads = GradientsParams::from_grads(plain_rec.backward(), &plain);
        self.plain = Some(self.optim_plain.step(LEARNING_RATE, plain, grads));
        self.steps += 1;
        Tensor::cat(vec![rec.detach(), kl.detach(), plain_rec.detach()], 0)
    }

    /// Epochs run: steps × batch / digits.
    pub fn epochs(&self) -> f64 {
        (self.steps * BATCH.min(self.n)) as f64 / self.n as f64
    }
}

/// A Gaussian fit of codes `[n, d]` and draws from it: the mean and the lower Cholesky factor
/// of the covariance (full up to d = 512, else its diagonal: a full factor of a larger d costs
/// seconds in the page).
pub struct GaussianFit {
    pub mean: Vec<f64>,
    /// `d × d`, row-major, lower triangular.
    pub factor: Vec<f64>,
    pub full: bool,
}

/// Above this d the fit is diagonal.
pub const FULL_FIT_UP_TO: usize = 512;

impl GaussianFit {
    pub fn of(codes: &[f32], d: usize) -> Self {
        let n = (codes.len() / d).max(1);
        let mut mean = vec![0.0f64; d];
        for row in codes.chunks_exact(d) {
            for (m, &v) in mean.iter_mut().zip(row) {
                *m += v as f64 / n as f64;
            }
        }
        let full = d <= FULL_FIT_UP_TO;
        let mut cov = vec![0.0f64; d * d];
        for row in codes.chunks_exact(d) {
            for i in 0..d {
                let a = row[i] as f64 - mean[i];
                if full {
                    for j in 0..=i {
                        cov[i * d + j] += a * (row[j] as f64 - mean[j]) / n as f64;
                    }
                } else {
                    cov[i * d + i] += a * a / n as f64;
                }
            }
        }
        // A small ridge keeps the factor real when codes are collinear (a saturated unit).
        for i in 0..d {
            cov[i * d + i] += 1e-6;
        }
        let mut l = vec![0.0f64; d * d];
        for i in 0..d {
            for j in 0..=i {
                if !full && i != j {
                    continue;
                }
                let s: f64 = (0..j).map(|k| l[i * d + k] * l[j * d + k]).sum();
                if i == j {
                    l[i * d + i] = (cov[i * d + i] - s).max(1e-12).sqrt();
                } else {
                    l[i * d + j] = (cov[i * d + j] - s) / l[j * d + j];
                }
            }
        }
        Self { mean, factor: l, full }
    }

    /// `count` codes drawn from the fit: `μ + L ε`.
    pub fn sample(&self, count: usize, rng: &mut Rng) -> Vec<f32> {
        let d = self.mean.len();
        let mut out = Vec::with_capacity(count * d);
        for _ in 0..count {
            let eps: Vec<f64> = (0..d).map(|_| rng.normal() as f64).collect();
            for i in 0..d {
                let row = &self.factor[i * d..i * d + i + 1];
                out.push((self.mean[i] + row.iter().zip(&eps).map(|(a, b)| a * b).sum::<f64>()) as f32);
            }
        }
        out
    }
}

/// `count` codes halfway between two training codes drawn at random (`[count, d]`).
pub fn between(codes: &[f32], d: usize, count: usize, rng: &mut Rng) -> Vec<f32> {
    let n = codes.len() / d;
    let code = |i: usize| &codes[i * d..(i + 1) * d];
    (0..count).flat_map(|_| crate::interpolate::blend(code(rng.below(n)), code(rng.below(n)), 0.5)).collect()
}

/// The points of a `size × size` grid over `[-extent, extent]²` (row by row from the top, y
/// down the rows), for a plane of codes: `[size², 2]`.
pub fn grid(size: usize, x: (f32, f32), y: (f32, f32)) -> Vec<f32> {
    let at = |k: usize, (lo, hi): (f32, f32)| if size == 1 { 0.5 * (lo + hi) } else { lo + (hi - lo) * k as f32 / (size - 1) as f32 };
    (0..size).flat_map(|r| (0..size).flat_map(move |c| [at(c, x), at(size - 1 - r, y)])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use burn::module::Param;
    use crate::backend::Backend;

    fn device() -> Device {
        Backend::NdArray.device_blocking().unwrap()
    }

    fn values(t: Tensor<1>) -> Vec<f32> {
        t.into_data().try_to_vec::<f32>().unwrap()
    }

    /// The closed-form KL against the definition, by hand: one digit with μ = (1, −2),
    /// log σ² = (0, ln 4): ½[(1 + 1 − 1 − 0) + (4 + 4 − 1 − ln 4)] = ½(1 + 7 − ln 4).
    #[test]
    fn kl_is_its_closed_form() {
        let d = device();
        let mean = Tensor::<2>::from_data(TensorData::new(vec![1.0f32, -2.0], [1, 2]), &d);
        let log_var = Tensor::<2>::from_data(TensorData::new(vec![0.0f32, 4f32.ln()], [1, 2]), &d);
        let got = values(kl(mean, log_var))[0];
        let want = 0.5 * (1.0 + 7.0 - 4f32.ln());
        assert!((got - want).abs() < 1e-5, "{got} vs {want}");
    }

    /// The KL's closed form against a Monte Carlo estimate of E_q[log q(z) − log p(z)].
    #[test]
    fn kl_matches_monte_carlo() {
        let d = device();
        let (mu, lv) = ([0.7f64, -0.3, 1.5], [-1.0f64, 0.5, 0.0]);
        let closed = values(kl(
            Tensor::<2>::from_data(TensorData::new(mu.map(|v| v as f32).to_vec(), [1, 3]), &d),
            Tensor::<2>::from_data(TensorData::new(lv.map(|v| v as f32).to_vec(), [1, 3]), &d),
        ))[0] as f64;
        let mut rng = Rng::new(3);
        let draws = 200_000;
        let mut sum = 0.0;
        for _ in 0..draws {
            for j in 0..3 {
                let s = (lv[j] / 2.0).exp();
                let e = rng.normal() as f64;
                let z = mu[j] + s * e;
                // log q − log p, the ½ log 2π terms cancel.
                sum += (-0.5 * e * e - s.ln()) - (-0.5 * z * z);
            }
        }
        let estimate = sum / draws as f64;
        assert!((estimate - closed).abs() < 0.02, "Monte Carlo {estimate} vs closed form {closed}");
    }

    /// The reparameterised loss and its gradient by hand, on a network whose weights are set:
    /// d = 1, every hidden unit's input weight 0 and bias 1 (so h = 1 whatever the digit), μ =
    /// Σ h·a + b_μ, log σ² = Σ h·c + b_v; the decoder's logits all equal `w z`. With ε fixed, the
    /// loss and its derivative with respect to the bias of μ follow from the chain rule.
    #[test]
    fn reparameterised_loss_and_gradient_by_hand() {
        let device = device().autodiff();
        let mut vae = Vae::new(1, &device);
        let set2 = |rows: usize, cols: usize, v: Vec<f32>| Param::from_tensor(Tensor::<2>::from_data(TensorData::new(v, [rows, cols]), &device).require_grad());
        let set1 = |v: Vec<f32>| Some(Param::from_tensor(Tensor::<1>::from_data(TensorData::new(v.clone(), [v.len()]), &device).require_grad()));
        vae.hidden.weight = set2(IMAGE_PIXELS, HIDDEN, vec![0.0; IMAGE_PIXELS * HIDDEN]);
        vae.hidden.bias = set1(vec![1.0; HIDDEN]);
        // μ = 0.001·400 + 0.1 = 0.5; log σ² = 0 + ln 0.25 (σ = 0.5).
        let mut code = vec![0.0f32; HIDDEN * 2];
        for k in 0..HIDDEN {
            code[k * 2] = 0.001;
        }
        vae.code.weight = set2(HIDDEN, 2, code);
        vae.code.bias = set1(vec![0.1, 0.25f32.ln()]);
        // back: h' = relu(z·1 + 0) for unit 0 only; output logits = 2·h'_0 = 2z (z > 0).
        let mut back = vec![0.0f32; HIDDEN];
        back[0] = 1.0;
        vae.back.weight = set2(1, HIDDEN, back);
        vae.back.bias = set1(vec![0.0; HIDDEN]);
        let mut out = vec![0.0f32; HIDDEN * IMAGE_PIXELS];
        out[..IMAGE_PIXELS].fill(2.0);
        vae.output.weight = set2(HIDDEN, IMAGE_PIXELS, out);
        vae.output.bias = set1(vec![0.0; IMAGE_PIXELS]);

        // A digit of 784 pixels, 300 of them 1 and the rest 0; ε = 0.4: z = 0.5 + 0.5·0.4 = 0.7.
        let pixels: Vec<f32> = (0..IMAGE_PIXELS).map(|i| if i < 300 { 1.0 } else { 0.0 }).collect();
        let x = Tensor::<2>::from_data(TensorData::new(pixels, [1, IMAGE_PIXELS]), &device);
        let eps = Tensor::<2>::from_data(TensorData::new(vec![0.4f32], [1, 1]), &device);
        let (rec, kl_term) = variational_terms(&vae, x, eps);
        let beta = 2.0f64;
        let loss = rec.clone() + kl_term.clone().mul_scalar(beta as f32);

        let (z, a) = (0.7f64, 1.4f64); // a = 2z, every logit
        let softplus = |a: f64| (1.0 + a.exp()).ln();
        let want_rec = 300.0 * (softplus(a) - a) + 484.0 * softplus(a);
        let (mu, var) = (0.5f64, 0.25f64);
        let want_kl = 0.5 * (var + mu * mu - 1.0 - var.ln());
        let sig = 1.0 / (1.0 + (-a).exp());
        // ∂rec/∂a = Σ (σ(a) − x) = 784σ − 300; ∂a/∂z = 2; ∂z/∂μ = 1; ∂KL/∂μ = μ.
        let want_grad = (784.0 * sig - 300.0) * 2.0 + beta * mu;
        let _ = z;
        let got_rec = values(rec.clone())[0] as f64;
        let got_kl = values(kl_term.clone())[0] as f64;
        assert!((got_rec - want_rec).abs() < 1e-3 * want_rec, "reconstruction {got_rec} vs {want_rec}");
        assert!((got_kl - want_kl).abs() < 1e-5, "KL {got_kl} vs {want_kl}");
        let grads = loss.backward();
        let bias = vae.code.bias.as_ref().unwrap().val();
        let g = bias.grad(&grads).expect("a gradient").to_data().try_to_vec::<f32>().unwrap();
        assert!((g[0] as f64 - want_grad).abs() < 1e-2 * want_grad.abs(), "∂loss/∂b_μ {} vs {want_grad}", g[0]);
        // ∂/∂ log σ²: ∂rec/∂z · ε · σ/2 + β·½(σ² − 1).
        let want_lv = (784.0 * sig - 300.0) * 2.0 * 0.4 * 0.5 * 0.5 + beta * 0.5 * (var - 1.0);
        assert!((g[1] as f64 - want_lv).abs() < 1e-2 * want_lv.abs().max(1.0), "∂loss/∂b_logσ² {} vs {want_lv}", g[1]);
    }

    #[test]
    fn gaussian_fit_draws_match_the_codes_moments() {
        let mut rng = Rng::new(5);
        // Codes with covariance [[4, 2], [2, 2]] around (1, −1).
        let codes: Vec<f32> = (0..20_000)
            .flat_map(|_| {
                let (a, b) = (rng.normal(), rng.normal());
                [1.0 + 2.0 * a, -1.0 + a + b]
            })
            .collect();
        let fit = GaussianFit::of(&codes, 2);
        assert!(fit.full);
        let draws = fit.sample(20_000, &mut Rng::new(9));
        let again = GaussianFit::of(&draws, 2);
        for (a, b) in fit.mean.iter().zip(&again.mean) {
            assert!((a - b).abs() < 0.05, "{a} vs {b}");
        }
        for (a, b) in fit.factor.iter().zip(&again.factor) {
            assert!((a - b).abs() < 0.05, "{a} vs {b}");
        }
        assert!((fit.factor[2] - 1.0).abs() < 0.05 && (fit.factor[0] - 2.0).abs() < 0.05, "{:?}", fit.factor);
    }

    #[test]
    fn grid_points() {
        let g = grid(3, (-1.0, 1.0), (-2.0, 2.0));
        assert_eq!(&g[..6], &[-1.0, 2.0, 0.0, 2.0, 1.0, 2.0]);
        assert_eq!(&g[12..], &[-1.0, -2.0, 0.0, -2.0, 1.0, -2.0]);
    }

    /// Training lowers both networks' reconstruction; β = 0 leaves the KL free to grow and a
    /// large β drives it towards 0.
    #[test]
    fn training_lowers_the_loss_and_beta_sets_the_kl() {
        let digits = crate::data::files::page_training_set().unwrap().take(2048);
        let run = |beta: f32| {
            let mut r = Regions::new(RegionsSetup { latent: 2, beta, seed: 1 }, &digits, &device()).unwrap();
            let first = values(r.step());
            let mut last = first.clone();
            for _ in 0..40 {
                last = values(r.step());
            }
            (first, last)
        };
        let (first, last) = run(1.0);
        assert!(last[0] < first[0] && last[2] < first[2], "{first:?} → {last:?}");
        let (_, free) = run(0.0);
        let (_, heavy) = run(20.0);
        assert!(heavy[1] < free[1], "KL with β = 20: {} against β = 0: {}", heavy[1], free[1]);
    }
}
