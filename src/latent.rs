//! The latent space: a 2-D map of the codes (their two principal directions) and the size of
//! a code when it is stored (compression).

use crate::record::Images;
use serde::Serialize;

/// The plane through the mean of a set of latent codes spanned by their two directions of
/// largest variance (PCA). Projecting puts a code on the map; unprojecting turns a point of the
/// map back into a code (the mean plus the point's coordinates along the two directions).
#[derive(Clone, Debug, PartialEq)]
pub struct LatentMap {
    pub mean: Vec<f32>,
    /// Two orthonormal directions.
    pub axes: [Vec<f32>; 2],
    /// Variance of the codes along each axis.
    pub variance: [f32; 2],
    /// Total variance of the codes (so `variance / total` is the share the map shows).
    pub total_variance: f32,
}

impl LatentMap {
    /// Fits the map to `n × dim` codes (block power iteration on the centred codes).
    pub fn fit(codes: &[f32], dim: usize) -> Result<Self, String> {
        if dim < 2 || codes.len() < 2 * dim || !codes.len().is_multiple_of(dim) {
            return Err(format!("need at least two codes of {dim} (≥ 2) values"));
        }
        let n = codes.len() / dim;
        let mut mean = vec![0.0f64; dim];
        for code in codes.chunks_exact(dim) {
            for (m, &c) in mean.iter_mut().zip(code) {
                *m += c as f64 / n as f64;
            }
        }
        let centred: Vec<f64> = codes.chunks_exact(dim).flat_map(|c| c.iter().zip(&mean).map(|(&v, m)| v as f64 - m)).collect();
        let total: f64 = centred.iter().map(|v| v * v).sum::<f64>() / n as f64;
        // C·v = Xᵀ(X v) / n without forming C.
        let apply = |v: &[f64]| -> Vec<f64> {
            let mut out = vec![0.0; dim];
            for row in centred.chunks_exact(dim) {
                let p: f64 = row.iter().zip(v).map(|(a, b)| a * b).sum();
                for (o, &r) in out.iter_mut().zip(row) {
                    *o += p * r;
                }
            }
            out.iter().map(|o| o / n as f64).collect()
        };
        let mut basis: [Vec<f64>; 2] = [
            (0..dim).map(|i| if i % 2 == 0 { 1.0 } else { 0.5 }).collect(),
            (0..dim).map(|i| ((i * 7 + 3) % 11) as f64 - 5.0).collect(),
        ];
        let mut eigen = [0.0f64; 2];
        for _ in 0..200 {
            let mut next = [apply(&basis[0]), apply(&basis[1])];
            orthonormalise(&mut next);
            let change: f64 = next.iter().zip(&basis).map(|(a, b)| 1.0 - dot(a, b).abs()).sum();
            basis = next;
            if change < 1e-12 {
                break;
            }
        }
        for (k, axis) in basis.iter().enumerate() {
            eigen[k] = dot(axis, &apply(axis));
        }
        if eigen[1] > eigen[0] {
            basis.swap(0, 1);
            eigen.swap(0, 1);
        }
        // A fixed sign per axis, so refits of the same codes give the same map.
        for axis in basis.iter_mut() {
            let largest = axis.iter().copied().fold(0.0f64, |a, b| if b.abs() > a.abs() { b } else { a });
            if largest < 0.0 {
                axis.iter_mut().for_each(|v| *v = -*v);
            }
        }
        Ok(Self {
            mean: mean.iter().map(|&m| m as f32).collect(),
            axes: basis.map(|a| a.iter().map(|&v| v as f32).collect()),
            variance: eigen.map(|e| e as f32),
            total_variance: total as f32,
        })
    }

    /// The map coordinates of each of `n × dim` codes (`n × 2` values).
    pub fn project(&self, codes: &[f32]) -> Vec<f32> {
        codes
            .chunks_exact(self.mean.len())
            .flat_map(|code| {
                self.axes.iter().map(move |axis| code.iter().zip(&self.mean).zip(axis).map(|((c, m), a)| (c - m) * a).sum::<f32>())
            })
            .collect()
    }

    /// The codes at each of `n × 2` map coordinates (`n × dim` values).
    pub fn unproject(&self, points: &[f32]) -> Vec<f32> {
        points
            .chunks_exact(2)
            .flat_map(|p| (0..self.mean.len()).map(move |i| self.mean[i] + p[0] * self.axes[0][i] + p[1] * self.axes[1][i]))
            .collect()
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Gram–Schmidt on two vectors.
fn orthonormalise(v: &mut [Vec<f64>; 2]) {
    let norm = dot(&v[0], &v[0]).sqrt().max(1e-30);
    v[0].iter_mut().for_each(|x| *x /= norm);
    let p = dot(&v[0], &v[1]);
    let first = v[0].clone();
    v[1].iter_mut().zip(&first).for_each(|(x, f)| *x -= p * f);
    let norm = dot(&v[1], &v[1]).sqrt().max(1e-30);
    v[1].iter_mut().for_each(|x| *x /= norm);
}

/// Codes in (-1, 1) (the encoder ends in tanh) rounded to `bits` bits each: `2^bits` evenly
/// spaced levels from -1 to 1. What a code costs when stored in `bits × latent` bits.
pub fn quantise(codes: &[f32], bits: u32) -> Vec<f32> {
    let levels = ((1u64 << bits.clamp(1, 24)) - 1) as f32;
    codes.iter().map(|&c| ((c.clamp(-1.0, 1.0) + 1.0) / 2.0 * levels).round() / levels * 2.0 - 1.0).collect()
}

/// The latent map of some test digits.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MapReport {
    /// Variance of the codes along the map's two axes.
    pub variance: [f32; 2],
    /// Total variance of the codes.
    pub total_variance: f32,
    /// The digits' coordinates: `count × 2`.
    pub points: Images,
}
