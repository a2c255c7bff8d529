//! Tied weights and PCA (the lecture's note on tied weights, `W_x = W_hᵀ`): a linear
//! autoencoder with a k-unit hidden layer, trained with MSE, spans the same subspace as the
//! first k principal components of the data — the subspace, not the components themselves:
//! any rotation of the code inside it reconstructs as well, so its units are mixtures of the
//! components, in no order.
//!
//! [`Pca`] is principal component analysis of the digits (subspace iteration on their
//! 784 × 784 covariance); [`subspace_overlap`] measures how much two k-dimensional subspaces
//! coincide: `‖UᵀQ‖²_F / k`, 1 when they are the same, about k/784 for random ones.

use crate::model::IMAGE_PIXELS;
use burn::prelude::*;

/// The mean image and covariance of `images` (`[n, 784]`), on their device: `[1, 784]` and
/// `[784, 784]`.
pub fn moments(images: Tensor<2>) -> (Tensor<2>, Tensor<2>) {
    let n = images.dims()[0] as f64;
    let mean = images.clone().mean_dim(0);
    let centred = images - mean.clone();
    let covariance = centred.clone().transpose().matmul(centred).div_scalar(n);
    (mean, covariance)
}

/// An autoencoder against PCA with as many components as it has hidden units.
#[derive(Clone, Copy, Debug, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct PcaComparison {
    /// Components, the model's hidden size.
    pub k: usize,
    /// PSNR (dB) of the projections onto the first k components, on the test digits scored.
    pub pca_psnr: f64,
    /// The model's PSNR on the same digits (clean input).
    pub model_psnr: f64,
    /// `‖UᵀQ‖²_F / k` between PCA's subspace and the span of the encoder's weights.
    pub overlap: f64,
    /// The same with the encoder's weights on the pixels no training digit inks set to 0:
    /// there every digit has the same value, so those weights act as a bias, and PCA's
    /// components are 0 there.
    pub overlap_inked: f64,
    /// Pixels inked by at least one training digit.
    pub inked: usize,
    /// The share of the digits' variance the k components hold.
    pub explained: f64,
    /// Test digits scored.
    pub digits: usize,
    /// Training digits PCA was fitted to.
    pub fitted: usize,
}

/// The first k principal components of a set of images.
#[derive(Clone, Debug)]
pub struct Pca {
    /// The mean image (784 values).
    pub mean: Vec<f32>,
    /// `k` orthonormal components, each 784 values, by decreasing variance.
    pub components: Vec<Vec<f64>>,
    /// The variance along each component.
    pub variances: Vec<f64>,
    /// The total variance of the images.
    pub total_variance: f64,
}

impl Pca {
    /// The first `k` components from the mean (784 values) and the covariance (784 × 784,
    /// row-major) that [`moments`] computes: subspace iteration on `k + 10` vectors for at most
    /// `rounds` rounds (the extra vectors make the first k converge fast), then Rayleigh–Ritz
    /// (the covariance restricted to the subspace, diagonalised by Jacobi rotations) to order
    /// them exactly.
    pub fn from_moments(mean: Vec<f32>, covariance: &[f32], k: usize, rounds: usize) -> Result<Self, String> {
        let d = IMAGE_PIXELS;
        if covariance.len() != d * d || mean.len() != d {
            return Err(format!("expected a {d} × {d} covariance and a {d}-pixel mean"));
        }
        if !(1..=d).contains(&k) {
            return Err(format!("the number of components must be between 1 and {d}, not {k}"));
        }
        let c: Vec<f64> = covariance.iter().map(|&v| v as f64).collect();
        let m = (k + 10).min(d);
        let apply_all = |vs: &[Vec<f64>]| -> Vec<Vec<f64>> {
            let mut out = vec![vec![0.0; d]; vs.len()];
            for (i, row) in c.chunks_exact(d).enumerate() {
                for (o, v) in out.iter_mut().zip(vs) {
                    o[i] = dot(row, v);
                }
            }
            out
        };
        let mut basis: Vec<Vec<f64>> = (0..m).map(|j| (0..d).map(|i| (((i * 31 + j * 17) % 97) as f64) - 48.0 + if i == j { 100.0 } else { 0.0 }).collect()).collect();
        orthonormalise(&mut basis);
        for _ in 0..rounds {
            let mut next = apply_all(&basis);
            orthonormalise(&mut next);
            let change = basis.iter().zip(&next).take(k).map(|(a, b)| 1.0 - dot(a, b).abs()).fold(0.0, f64::max);
            basis = next;
            if change < 1e-12 {
                break;
            }
        }
        // Rayleigh–Ritz: B = QᵀCQ (m × m), B = VΛVᵀ, components = QV by decreasing Λ.
        let applied = apply_all(&basis);
        let b: Vec<f64> = (0..m).flat_map(|i| (0..m).map(|j| dot(&basis[i], &applied[j])).collect::<Vec<_>>()).collect();
        let (values, vectors) = jacobi_eigen(b, m);
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| values[b].total_cmp(&values[a]));
        let components: Vec<Vec<f64>> = order[..k]
            .iter()
            .map(|&e| (0..d).map(|i| (0..m).map(|j| basis[j][i] * vectors[j * m + e]).sum()).collect())
            .collect();
        let total_variance = (0..d).map(|i| c[i * d + i]).sum();
        Ok(Self { mean, variances: order[..k].iter().map(|&e| values[e]).collect(), components, total_variance })
    }

    /// The mean squared error of `n × 784` images against their projections (on the images'
    /// scale).
    pub fn mse(&self, images: &[f32]) -> f64 {
        crate::evaluation::mse_between(images, &self.reconstruct(images))
    }

    /// The projections of `n × 784` images onto the mean plus the components' span.
    pub fn reconstruct(&self, images: &[f32]) -> Vec<f32> {
        images
            .chunks_exact(IMAGE_PIXELS)
            .flat_map(|x| {
                let centred: Vec<f64> = x.iter().zip(&self.mean).map(|(&v, &m)| (v - m) as f64).collect();
                let mut out: Vec<f64> = self.mean.iter().map(|&m| m as f64).collect();
                for u in &self.components {
                    let p = dot(u, &centred);
                    out.iter_mut().zip(u).for_each(|(o, ui)| *o += p * ui);
                }
                out.into_iter().map(|v| v as f32)
            })
            .collect()
    }
}

/// `‖UᵀQ‖²_F / k`: the overlap of the span of `k` orthonormal vectors `u` with the span of the
/// columns of `w` (`784 × k` row-major, e.g. an encoder's weight as Burn stores it), which are
/// orthonormalised first. 1 for the same subspace, 0 for orthogonal ones.
pub fn subspace_overlap(u: &[Vec<f64>], w: &[f32], k: usize) -> f64 {
    let d = w.len() / k.max(1);
    let mut q: Vec<Vec<f64>> = (0..k).map(|j| (0..d).map(|i| w[i * k + j] as f64).collect()).collect();
    orthonormalise(&mut q);
    let sum: f64 = u.iter().flat_map(|a| q.iter().map(move |b| dot(a, b).powi(2))).sum();
    sum / u.len().max(1) as f64
}

/// `w` (`784 × k` row-major) with the rows of the pixels not in `keep` set to 0.
pub fn rows_kept(w: &[f32], k: usize, keep: &[bool]) -> Vec<f32> {
    w.chunks_exact(k.max(1)).zip(keep).flat_map(|(row, &kept)| row.iter().map(move |&v| if kept { v } else { 0.0 })).collect()
}

/// Eigenvalues and eigenvectors (columns of the returned row-major `n × n` matrix) of a
/// symmetric `n × n` matrix, by cyclic Jacobi rotations.
fn jacobi_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v: Vec<f64> = (0..n * n).map(|i| if i / n == i % n { 1.0 } else { 0.0 }).collect();
    for _ in 0..100 {
        let off: f64 = (0..n).flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j))).map(|(i, j)| a[i * n + j].powi(2)).sum();
        let diag: f64 = (0..n).map(|i| a[i * n + i].powi(2)).sum();
        if off <= 1e-24 * diag.max(1e-300) {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let (cos, sin) = (1.0 / (t * t + 1.0).sqrt(), t / (t * t + 1.0).sqrt());
                for r in 0..n {
                    let (arp, arq) = (a[r * n + p], a[r * n + q]);
                    a[r * n + p] = cos * arp - sin * arq;
                    a[r * n + q] = sin * arp + cos * arq;
                }
                for r in 0..n {
                    let (apr, aqr) = (a[p * n + r], a[q * n + r]);
                    a[p * n + r] = cos * apr - sin * aqr;
                    a[q * n + r] = sin * apr + cos * aqr;
                }
                for r in 0..n {
                    let (vrp, vrq) = (v[r * n + p], v[r * n + q]);
                    v[r * n + p] = cos * vrp - sin * vrq;
                    v[r * n + q] = sin * vrp + cos * vrq;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Modified Gram–Schmidt, twice for accuracy; a vector that vanishes stays zero.
fn orthonormalise(vectors: &mut [Vec<f64>]) {
    for _ in 0..2 {
        for j in 0..vectors.len() {
            let (done, rest) = vectors.split_at_mut(j);
            let v = &mut rest[0];
            for u in done.iter() {
                let p = dot(u, v);
                v.iter_mut().zip(u).for_each(|(x, ui)| *x -= p * ui);
            }
            let norm = dot(v, v).sqrt();
            if norm > 1e-30 {
                v.iter_mut().for_each(|x| *x /= norm);
            }
        }
    }
}
