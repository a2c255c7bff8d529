//! Interpolation between two digits (the lecture's figures 3 and 4): a blend of the pixels
//! gives two ghosts on top of each other halfway; a blend of the latent codes, decoded, moves
//! through images that look like digits, because the decoder only produces points of the
//! data manifold it learned.

use crate::record::Images;
use serde::Serialize;

/// The blend weights of `frames` frames from A (t = 0) to B (t = 1), evenly spaced.
pub fn weights(frames: usize) -> Vec<f32> {
    match frames {
        0 => Vec::new(),
        1 => vec![0.0],
        n => (0..n).map(|i| i as f32 / (n - 1) as f32).collect(),
    }
}

/// `(1 - t) · a + t · b`, element by element.
pub fn blend(a: &[f32], b: &[f32], t: f32) -> Vec<f32> {
    a.iter().zip(b).map(|(&x, &y)| (1.0 - t) * x + t * y).collect()
}

/// The blends of `a` and `b` at each weight of `ts`, one after the other (`ts.len() × a.len()`
/// values). Used for the pixel strip (on images) and the latent strip (on codes).
pub fn path(a: &[f32], b: &[f32], ts: &[f32]) -> Vec<f32> {
    ts.iter().flat_map(|&t| blend(a, b, t)).collect()
}

/// An interpolation from image A to image B.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Interpolation {
    pub frames: usize,
    /// Size of a code.
    pub latent: usize,
    /// The pixel blends: `frames × 784` values in [0, 1].
    pub pixels: Images,
    /// The decoded blends of the two codes: `frames × 784` values in [0, 1].
    pub decoded: Images,
    /// The blended codes: `frames × latent`.
    pub codes: Images,
}
