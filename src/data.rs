//! MNIST digits: the compact file format written by `pkg-scripts/fetch-mnist`, the
//! normalisation of the notebook, and batches as tensors.
//!
//! File format: `b"AEPD" | u32 LE count | count × 784 u8 pixels | count u8 labels`.

use crate::model::IMAGE_PIXELS;
use burn::prelude::*;

const MAGIC: &[u8; 4] = b"AEPD";

/// A set of 28×28 grey-level digits with their labels.
#[derive(Clone, Debug)]
pub struct Digits {
    /// `len × 784` pixels, 0 (black) to 255 (white), row-major.
    pub pixels: Vec<u8>,
    /// `len` labels, 0 to 9.
    pub labels: Vec<u8>,
}

impl Digits {
    /// Parses the compact format; the message says what is wrong with a bad file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        if bytes.len() < 8 || &bytes[..4] != MAGIC {
            return Err("not a digits file (missing AEPD header)".into());
        }
        let count = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
        let expected = 8 + count * (IMAGE_PIXELS + 1);
        if bytes.len() != expected {
            return Err(format!(
                "digits file holds {} bytes, expected {expected} for {count} digits",
                bytes.len()
            ));
        }
        let pixels = bytes[8..8 + count * IMAGE_PIXELS].to_vec();
        let labels = bytes[8 + count * IMAGE_PIXELS..].to_vec();
        if let Some(bad) = labels.iter().find(|&&l| l > 9) {
            return Err(format!("digits file has label {bad}"));
        }
        Ok(Self { pixels, labels })
    }

    /// Serialises to the compact format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(8 + self.pixels.len() + self.labels.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.pixels);
        out.extend_from_slice(&self.labels);
        out
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The first `n` digits (or all of them).
    pub fn take(&self, n: usize) -> Self {
        let n = n.min(self.len());
        Self { pixels: self.pixels[..n * IMAGE_PIXELS].to_vec(), labels: self.labels[..n].to_vec() }
    }

    /// The first `n` digits, or all of them if there are fewer.
    pub fn take_at_most(&self, n: usize) -> Self {
        self.take(n.min(self.len()))
    }

    /// All pixels normalised to [-1, 1], digit after digit.
    pub fn normalised(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| normalize(p as f32 / 255.0)).collect()
    }

    /// Every pixel in [0, 1], digit after digit.
    pub fn unit(&self) -> Vec<f32> {
        self.pixels.iter().map(|&p| p as f32 / 255.0).collect()
    }

    /// The first `limit` digits of the classes `from..=to`, in order.
    pub fn of_classes(&self, from: u8, to: u8, limit: usize) -> Self {
        let chosen: Vec<usize> = (0..self.len()).filter(|&i| (from..=to).contains(&self.labels[i])).take(limit).collect();
        Self { pixels: chosen.iter().flat_map(|&i| self.image(i).to_vec()).collect(), labels: chosen.iter().map(|&i| self.labels[i]).collect() }
    }

    /// The digits `indices`, normalised to [-1, 1], row after row: the values of
    /// `batch(&self.to_tensor(device), indices)`, read from the host's bytes.
    pub fn rows(&self, indices: &[usize]) -> Vec<f32> {
        let mut levels = [0.0f32; 256];
        for p in 0..256 {
            levels[p] = normalize(p as f32 / 255.0);
        }
        let mut values = vec![0.0; indices.len() * IMAGE_PIXELS];
        // Index loops: the page's CPU module is built for size, where an iterator is a call a value.
        for (r, &i) in indices.iter().enumerate() {
            let (image, row) = (self.image(i), &mut values[r * IMAGE_PIXELS..(r + 1) * IMAGE_PIXELS]);
            for k in 0..IMAGE_PIXELS {
                row[k] = levels[image[k] as usize];
            }
        }
        values
    }

    /// The raw pixels of digit `i`.
    pub fn image(&self, i: usize) -> &[u8] {
        &self.pixels[i * IMAGE_PIXELS..(i + 1) * IMAGE_PIXELS]
    }

    /// Every digit, normalised to [-1, 1], as one `[len, 784]` tensor.
    pub fn to_tensor(&self, device: &Device) -> Tensor<2> {
        let values: Vec<f32> = self.pixels.iter().map(|&p| normalize(p as f32 / 255.0)).collect();
        Tensor::from_data(TensorData::new(values, [self.len(), IMAGE_PIXELS]), device)
    }
}

/// The notebook's `Normalize((0.5,), (0.5,))`: [0, 1] → [-1, 1].
pub fn normalize(unit: f32) -> f32 {
    (unit - 0.5) / 0.5
}

/// The inverse of [`normalize`]: [-1, 1] → [0, 1].
pub fn denormalize(value: f32) -> f32 {
    value * 0.5 + 0.5
}

/// The rows `indices` of a `[n, 784]` tensor: a batch `[indices.len(), 784]`.
pub fn batch(images: &Tensor<2>, indices: &[usize]) -> Tensor<2> {
    let device = images.device();
    let idx: Vec<i64> = indices.iter().map(|&i| i as i64).collect();
    let idx = Tensor::<1, Int>::from_data(TensorData::new(idx, [indices.len()]), &device);
    images.clone().select(0, idx)
}

/// Reading the data files on a native machine (trainer, evaluator, tests).
#[cfg(not(target_family = "wasm"))]
pub mod files {
    use super::Digits;
    use std::io::Read;
    use std::path::{Path, PathBuf};

    /// The repository root (where `Cargo.toml` is): the one cargo names when it runs the program
    /// (`cargo run`, `cargo test`), else the one it was built in. Cargo reuses a build across
    /// checkouts of the same sources (a shared `CARGO_TARGET_DIR`), so the path baked in at
    /// build time may be another checkout's, since deleted.
    pub fn repo_root() -> PathBuf {
        std::env::var_os("CARGO_MANIFEST_DIR")
            .map(PathBuf::from)
            .filter(|dir| dir.join("Cargo.toml").is_file())
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
    }

    /// Where `pkg-scripts/fetch-mnist` keeps the full MNIST: `$AEP_CACHE` or
    /// `~/.cache/autoencoder-playground`.
    pub fn cache_dir() -> PathBuf {
        if let Some(dir) = std::env::var_os("AEP_CACHE") {
            return PathBuf::from(dir);
        }
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| ".".into());
        home.join(".cache").join("autoencoder-playground")
    }

    /// A file's bytes, gunzipped when its name ends in `.gz` (the page's digits and 8-bit
    /// weights); errors name the file.
    pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
        let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        if !path.extension().is_some_and(|e| e == "gz") {
            return Ok(raw);
        }
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(out)
    }

    /// Reads a digits file, gunzipping it when its name ends in `.gz`.
    pub fn read(path: &Path) -> Result<Digits, String> {
        Digits::from_bytes(&read_bytes(path)?).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The 10k MNIST test digits shipped with the page.
    pub fn test_set() -> Result<Digits, String> {
        read(&repo_root().join("www/data/mnist-test.bin.gz"))
    }

    /// The training digits shipped with the page (a subset of the 60k).
    pub fn page_training_set() -> Result<Digits, String> {
        read(&repo_root().join("www/data/mnist-train.bin.gz"))
    }

    /// All 60k training digits, from the cache filled by `pkg-scripts/fetch-mnist`.
    pub fn full_training_set() -> Result<Digits, String> {
        read(&cache_dir().join("mnist-train.bin")).map_err(|e| {
            format!("{e}\nthe full MNIST training set is missing: run pkg-scripts/fetch-mnist")
        })
    }
}
