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
    /// row-major) that [`moments`] computes: subspace iteration, 300 rounds at most.
    pub fn from_moments(mean: Vec<f32>, covariance: &[f32], k: usize) -> Result<Self, String> {
        let d = IMAGE_PIXELS;
        if covariance.len() != d * d || mean.len() != d {
            return Err(format!("expected a {d} × {d} covariance and a {d}-pixel mean"));
        }
        if !(1..=d).contains(&k) {
            return Err(format!("the number of components must be between 1 and {d}, not {k}"));
        }
        let c: Vec<f64> = covariance.iter().map(|&v| v as f64).collect();
        let apply = |v: &[f64]| -> Vec<f64> { c.chunks_exact(d).map(|row| dot(row, v)).collect() };
        let mut basis: Vec<Vec<f64>> = (0..k).map(|j| (0..d).map(|i| (((i * 31 + j * 17) % 97) as f64) - 48.0 + if i == j { 100.0 } else { 0.0 }).collect()).collect();
        orthonormalise(&mut basis);
        for _ in 0..300 {
            let mut next: Vec<Vec<f64>> = basis.iter().map(|v| apply(v)).collect();
            orthonormalise(&mut next);
            let change = basis.iter().zip(&next).map(|(a, b)| 1.0 - dot(a, b).abs()).fold(0.0, f64::max);
            basis = next;
            if change < 1e-10 {
                break;
            }
        }
        // Rayleigh–Ritz inside the subspace would order it exactly; the power iteration's
        // order is by variance already once converged, sorted here to be sure.
        let mut pairs: Vec<(f64, Vec<f64>)> = basis.into_iter().map(|v| (dot(&v, &apply(&v)), v)).collect();
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
        let total_variance = (0..d).map(|i| c[i * d + i]).sum();
        Ok(Self { mean, variances: pairs.iter().map(|p| p.0).collect(), components: pairs.into_iter().map(|p| p.1).collect(), total_variance })
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
