//! Checkpoints: a model's training, saved to go on later as if it had never stopped. What the
//! page keeps in the browser's storage after each epoch and when the tab is hidden (its
//! autosave), and what carries a model through a backend switch or a restarted worker.
//!
//! A checkpoint holds the model's recipe, its weights (burnpack, bit for bit), Adam's two
//! moment estimates for every parameter (`training.rs`), the trainer's place in the shuffled
//! training digits and its counts, its augmentation, and every step's loss so far (the loss
//! history, one f32 per step).
//!
//! Layout, all little-endian:
//! `b"AEPC" | u32 header length | header (JSON) | weights | order (u32 each) | history (f32
//! each) | for each parameter in the header's order: first moment, second moment (f32 each)`.
//! The header gives every length; a file whose parts do not add up to its length exactly, or
//! holds a NaN, is refused with a sentence and changes nothing.

use crate::spec::Recipe;
use crate::training::{SavedMoments, TrainerState};
use crate::transform::Augmentation;
use serde::{Deserialize, Serialize};

pub use crate::format::CHECKPOINT_MAGIC;

/// The layout's version, in the header.
const VERSION: u32 = 1;

/// A model's whole training state, on the host.
#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    pub recipe: Recipe,
    pub trainer: TrainerState,
    /// The augmentation ranges it trains with, and their generator's state.
    pub augmentation: Option<(Augmentation, u64)>,
    /// Every step's loss, from the model's first step (or its loading) on.
    pub history: Vec<f32>,
    /// The weights, in burnpack format (`weights.rs`).
    pub weights: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Header {
    version: u32,
    recipe: Recipe,
    learning_rate: f64,
    batch_size: usize,
    seed: u64,
    warmup: usize,
    rng: u64,
    cursor: usize,
    steps: usize,
    samples: usize,
    augmentation: Option<Augmentation>,
    augmentation_rng: Option<u64>,
    /// Lengths of the parts after the header: bytes of weights, entries of order and history.
    weights: usize,
    order: usize,
    history: usize,
    moments: Vec<MomentsHeader>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MomentsHeader {
    path: String,
    time: usize,
    len: usize,
}

impl Checkpoint {
    /// The checkpoint's bytes (see the module's layout).
    pub fn to_bytes(&self) -> Result<Vec<u8>, String> {
        let t = &self.trainer;
        let header = Header {
            version: VERSION,
            recipe: self.recipe.clone(),
            learning_rate: t.learning_rate,
            batch_size: t.batch_size,
            seed: t.seed,
            warmup: t.warmup,
            rng: t.rng,
            cursor: t.cursor,
            steps: t.steps,
            samples: t.samples,
            augmentation: self.augmentation.map(|(a, _)| a),
            augmentation_rng: self.augmentation.map(|(_, r)| r),
            weights: self.weights.len(),
            order: t.order.len(),
            history: self.history.len(),
            moments: t.moments.iter().map(|m| MomentsHeader { path: m.path.clone(), time: m.time, len: m.first.len() }).collect(),
        };
        let json = serde_json::to_vec(&header).map_err(|e| format!("writing the checkpoint failed: {e}"))?;
        let floats = t.moments.iter().map(|m| m.first.len() * 2).sum::<usize>();
        let mut out = Vec::with_capacity(8 + json.len() + self.weights.len() + 4 * (t.order.len() + self.history.len() + floats));
        out.extend_from_slice(CHECKPOINT_MAGIC);
        out.extend_from_slice(&(json.len() as u32).to_le_bytes());
        out.extend_from_slice(&json);
        out.extend_from_slice(&self.weights);
        t.order.iter().for_each(|i| out.extend_from_slice(&i.to_le_bytes()));
        self.history.iter().for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        for m in &t.moments {
            if m.second.len() != m.first.len() {
                return Err(format!("the optimiser's moments of {} differ in size", m.path));
            }
            m.first.iter().chain(&m.second).for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        }
        Ok(out)
    }

    /// Reads a checkpoint, checking its layout and values (not yet that it fits a model: the
    /// session checks the weights and the moments against the model it restores).
    pub fn read(bytes: &[u8]) -> Result<Checkpoint, String> {
        if crate::format::recognise(bytes) != crate::format::Format::Checkpoint || bytes.len() < 8 {
            return Err("not a checkpoint (it does not start with AEPC)".into());
        }
        let len = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
        let json = bytes.get(8..8usize.saturating_add(len)).ok_or("the checkpoint is cut short (in its header)")?;
        let h: Header = serde_json::from_slice(json).map_err(|e| format!("the checkpoint's header cannot be read: {e}"))?;
        if h.version != VERSION {
            return Err(format!("the checkpoint is of version {}; this page reads version {VERSION}", h.version));
        }
        if !(h.learning_rate.is_finite() && h.learning_rate > 0.0) || h.batch_size == 0 {
            return Err("the checkpoint's learning rate or batch size is not usable".into());
        }
        if h.cursor > h.order {
            return Err(format!("the checkpoint's place in the data ({}) is past its end ({})", h.cursor, h.order));
        }
        let mut rest = &bytes[8 + len..];
        let mut take = |n: Option<usize>, what: &str| -> Result<&[u8], String> {
            let n = n.filter(|&n| n <= rest.len()).ok_or_else(|| format!("the checkpoint is cut short (in its {what})"))?;
            let (part, after) = rest.split_at(n);
            rest = after;
            Ok(part)
        };
        let weights = take(Some(h.weights), "weights")?.to_vec();
        let order: Vec<u32> = take(h.order.checked_mul(4), "order")?.chunks_exact(4).map(|b| u32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
        if let Some(i) = order.iter().find(|&&i| i as usize >= order.len()) {
            return Err(format!("the checkpoint's order names digit {i} of {}", order.len()));
        }
        let history = finite(take(h.history.checked_mul(4), "loss history")?, "loss history")?;
        let mut moments = Vec::with_capacity(h.moments.len().min(16));
        for m in &h.moments {
            let what = format!("moments of {}", m.path);
            let values = finite(take(m.len.checked_mul(8), &what)?, &what)?;
            let (first, second) = values.split_at(m.len);
            moments.push(SavedMoments { path: m.path.clone(), time: m.time, first: first.to_vec(), second: second.to_vec() });
        }
        if !rest.is_empty() {
            return Err(format!("the checkpoint has {} bytes more than its header describes", rest.len()));
        }
        Ok(Checkpoint {
            augmentation: match (h.augmentation, h.augmentation_rng) {
                (Some(a), Some(r)) => {
                    a.check()?;
                    Some((a, r))
                }
                _ => None,
            },
            recipe: h.recipe,
            trainer: TrainerState {
                learning_rate: h.learning_rate,
                batch_size: h.batch_size,
                seed: h.seed,
                warmup: h.warmup,
                rng: h.rng,
                order,
                cursor: h.cursor,
                steps: h.steps,
                samples: h.samples,
                moments,
            },
            history,
            weights,
        })
    }
}

/// Little-endian f32s, refused if any is NaN or infinite.
fn finite(bytes: &[u8], what: &str) -> Result<Vec<f32>, String> {
    let values: Vec<f32> = bytes.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
    match values.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(format!("the checkpoint's {what} hold {} at position {i}", values[i])),
        None => Ok(values),
    }
}
