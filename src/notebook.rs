//! The lecture's notebook and the page exchange models as `safetensors` files.
//!
//! The notebook's model (`10-autoencoder.ipynb`, lecture figure 13) is
//!
//! ```python
//! self.encoder = nn.Sequential(nn.Linear(784, d), nn.Tanh())
//! self.decoder = nn.Sequential(nn.Linear(d, 784), nn.Tanh())
//! ```
//!
//! and `safetensors.torch.save_file(model.state_dict(), "ae.safetensors")` writes four float32
//! tensors: `encoder.0.weight` `[d, 784]`, `encoder.0.bias` `[d]`, `decoder.0.weight`
//! `[784, d]`, `decoder.0.bias` `[784]` (PyTorch's `Linear.weight` is `[out, in]`; Burn's is
//! `[in, out]`). Burn's store reads and writes them: [`SafetensorsStore`] with its PyTorch
//! adapters (which transpose the linear weights), the tensors renamed (`encoder.0.` ↔ `encoder.`)
//! by [`renamed`] (Burn's own key remapping takes regular expressions, whose engine would double
//! the size of the module every student downloads first). The header is checked first with the `safetensors` crate's own reader, so that a
//! wrong file is refused with a sentence naming the problem before any weight is touched.
//!
//! The page's models go out in the same layout, so `model.load_state_dict(load_file(...))`
//! works in the notebook. A tied model (`W_x = W_hᵀ`) goes out with its decoder weight written
//! out, and comes back untied. The file's metadata carries the page's recipe (activation, scale,
//! loss, corruption), so a model built on the page comes back as itself; a notebook file has no
//! recipe and is read as the notebook's model (tanh, pixels in [-1, 1]), with d from its shapes.

use crate::format::{Format, recognise};
use crate::model::{Autoencoder, AutoencoderConfig, IMAGE_PIXELS};
use crate::spec::{MAX_LATENT, ModelSpec, Recipe, name_from};
use crate::weights::model_on_cpu;
use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::store::{BurnToPyTorchAdapter, ModuleSnapshot, PyTorchToBurnAdapter, SafetensorsStore};
use safetensors::{Dtype, SafeTensors};

/// The metadata key under which the page writes a model's recipe (JSON).
pub const RECIPE_KEY: &str = "autoencoder_playground.recipe";

/// The notebook's tensor names, in its `state_dict` order.
pub const NAMES: [&str; 4] = ["encoder.0.weight", "encoder.0.bias", "decoder.0.weight", "decoder.0.bias"];

/// What a notebook file holds, once checked.
#[derive(Clone, Debug)]
pub struct NotebookFile {
    /// The hidden size d, read from the shapes.
    pub latent: usize,
    /// The recipe the page wrote, if the file came from the page.
    pub recipe: Option<Recipe>,
}

/// Checks a notebook file: every tensor the notebook's model has, in float32, with the shapes of
/// one hidden size, every weight finite; a sentence naming the first problem otherwise.
pub fn read_notebook_file(bytes: &[u8]) -> Result<NotebookFile, String> {
    if recognise(bytes) != Format::Safetensors {
        return Err("not a safetensors file (it does not start with a safetensors header)".into());
    }
    let header = u64::from_le_bytes(bytes[..8].try_into().expect("8 bytes"));
    if header > (bytes.len() - 8) as u64 {
        return Err(format!("the safetensors file is cut short: its header alone says {header} bytes, the file has {}", bytes.len()));
    }
    let file = SafeTensors::deserialize(bytes).map_err(|e| match e {
        safetensors::SafeTensorError::MetadataIncompleteBuffer => "the safetensors file is cut short: its tensors end past the end of the file".to_string(),
        e => format!("the safetensors file cannot be read: {e}"),
    })?;
    let names = file.names();
    for name in NAMES {
        if !names.contains(&name) {
            let mut held: Vec<&str> = names.clone();
            held.sort();
            return Err(format!(
                "the file has no tensor '{name}': the notebook's model has {} (this file holds {})",
                NAMES.join(", "),
                if held.is_empty() { "none".to_string() } else { held.join(", ") }
            ));
        }
    }
    let tensor = |name: &str| file.tensor(name).expect("checked above");
    let latent = match tensor("encoder.0.weight").shape() {
        [d, input] if *input == IMAGE_PIXELS => *d,
        shape => return Err(format!("'encoder.0.weight' has the shape {shape:?}; the notebook's nn.Linear(784, d) has [d, 784]")),
    };
    if !(1..=MAX_LATENT).contains(&latent) {
        return Err(format!("the hidden size d read from 'encoder.0.weight' is {latent}; the page takes 1 to {MAX_LATENT}"));
    }
    let expected: [(&str, Vec<usize>); 4] = [
        ("encoder.0.weight", vec![latent, IMAGE_PIXELS]),
        ("encoder.0.bias", vec![latent]),
        ("decoder.0.weight", vec![IMAGE_PIXELS, latent]),
        ("decoder.0.bias", vec![IMAGE_PIXELS]),
    ];
    for (name, shape) in &expected {
        let view = tensor(name);
        if view.shape() != shape.as_slice() {
            return Err(format!("'{name}' has the shape {:?}; with d = {latent} (from 'encoder.0.weight') it must be {shape:?}", view.shape()));
        }
        if view.dtype() != Dtype::F32 {
            return Err(format!("'{name}' is stored as {:?}; the page reads float32 (call model.float() before saving)", view.dtype()));
        }
        if let Some(i) = view.data().chunks_exact(4).position(|b| !f32::from_le_bytes(b.try_into().expect("4 bytes")).is_finite()) {
            return Err(format!("'{name}' holds a weight that is not a finite number (NaN or infinity) at position {i}: the model it was saved from had diverged"));
        }
    }
    let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(|e| format!("the safetensors file cannot be read: {e}"))?;
    let recipe = match metadata.metadata().as_ref().and_then(|m| m.get(RECIPE_KEY)) {
        None => None,
        Some(json) => {
            let mut recipe: Recipe = serde_json::from_str(json).map_err(|e| format!("the file's recipe ({RECIPE_KEY}) cannot be read: {e}"))?;
            if recipe.latent != latent {
                return Err(format!("the file's recipe says d = {}, its tensors d = {latent}", recipe.latent));
            }
            recipe.tied = false;
            Some(recipe)
        }
    };
    Ok(NotebookFile { latent, recipe })
}

/// The model `spec` describes (untied, with the file's d) with a notebook file's weights. A bad
/// file is an error naming the problem; nothing else changes.
pub fn notebook_to_model(spec: &ModelSpec, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
    read_notebook_file(bytes)?.load(spec, bytes, device)
}

impl NotebookFile {
    /// The recipe of the model the file holds: the one the page wrote into it, else the
    /// notebook's with the file's d, named after `file_name` without its extension; the name
    /// made a model name either way (see [`name_from`]).
    pub fn recipe(&self, file_name: Option<&str>) -> Recipe {
        let stem = file_name.map(|f| f.rsplit_once('.').map_or(f, |(stem, _)| stem)).unwrap_or("notebook");
        let mut recipe = self.recipe.clone().unwrap_or_else(|| Recipe::notebook(stem, self.latent));
        recipe.name = name_from(&recipe.name, "notebook");
        recipe
    }

    /// The model `spec` describes with the weights of `bytes`, the file this was read from
    /// (its header and weights already checked by [`read_notebook_file`]).
    pub fn load(&self, spec: &ModelSpec, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
        if spec.tied {
            return Err(format!("the {} model has tied weights (W_x = W_hᵀ); a notebook file has a decoder weight of its own: add it as a model of its own instead", spec.name));
        }
        if self.latent != spec.latent {
            return Err(format!("this file's model has d = {}, the {} model d = {}: add it as a model of its own instead", self.latent, spec.name, spec.latent));
        }
        let burn_names = renamed(bytes, |name| name.replacen(".0.", ".", 1))?;
        let mut store = SafetensorsStore::from_bytes(Some(burn_names)).with_from_adapter(PyTorchToBurnAdapter);
        let mut model = AutoencoderConfig::of(spec).init(device);
        let result = model.load_from(&mut store).map_err(|e| format!("the safetensors file cannot be loaded: {e}"))?;
        if let Some(e) = result.errors.first() {
            return Err(format!("the safetensors file does not fit the {} model: {e:?}", spec.name));
        }
        if let Some((path, _)) = result.missing.first() {
            return Err(format!("the safetensors file left '{path}' of the {} model unset", spec.name));
        }
        Ok(model)
    }
}

/// A model as a notebook file: the notebook's names and PyTorch's layout, the recipe in the
/// metadata. Parameters are read asynchronously (so it works on WebGPU) and written on the CPU.
pub async fn model_to_notebook(model: &Autoencoder, recipe: &Recipe) -> Result<Vec<u8>, String> {
    let mut host = model_on_cpu(model).await?;
    if host.decoder.is_none() {
        // Tied: the decoder's weight written out (the encoder's transposed), with its bias.
        host.decoder = Some(Linear { weight: Param::from_tensor(host.decoder_weight()), bias: host.decoder_bias.take() });
    }
    let json = serde_json::to_string(&Recipe { tied: false, ..recipe.clone() }).map_err(|e| format!("writing the recipe failed: {e}"))?;
    let mut store = SafetensorsStore::from_bytes(None).with_to_adapter(BurnToPyTorchAdapter).metadata(RECIPE_KEY, json);
    host.save_into(&mut store).map_err(|e| format!("writing the safetensors file failed: {e}"))?;
    let bytes = store.get_bytes().map_err(|e| format!("writing the safetensors file failed: {e}"))?;
    let bytes = renamed(&bytes, |name| match name.split_once('.') {
        Some((layer @ ("encoder" | "decoder"), rest)) => format!("{layer}.0.{rest}"),
        _ => name.to_string(),
    })?;
    Ok(canonical(&bytes))
}

/// The same safetensors file with its header's keys in order (the metadata is a hash map, whose
/// order changes from run to run): the same model makes the same bytes, so a notebook that
/// embeds them is the same notebook.
fn canonical(bytes: &[u8]) -> Vec<u8> {
    let length = u64::from_le_bytes(bytes[..8].try_into().expect("a checked header")) as usize;
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + length]).expect("a header safetensors wrote");
    // serde_json's maps keep their keys sorted; the header is padded to 8 bytes with spaces, as
    // safetensors pads it.
    let mut text = serde_json::to_vec(&header).expect("JSON");
    text.resize(text.len().div_ceil(8) * 8, b' ');
    let mut out = Vec::with_capacity(8 + text.len() + bytes.len() - 8 - length);
    out.extend_from_slice(&(text.len() as u64).to_le_bytes());
    out.extend_from_slice(&text);
    out.extend_from_slice(&bytes[8 + length..]);
    out
}

/// A safetensors file with each tensor renamed by `rename` (data, shapes, dtypes and metadata
/// as they were): the notebook's names (`encoder.0.weight`) to Burn's (`encoder.weight`) and
/// back.
pub fn renamed(bytes: &[u8], rename: impl Fn(&str) -> String) -> Result<Vec<u8>, String> {
    let file = SafeTensors::deserialize(bytes).map_err(|e| format!("the safetensors file cannot be read: {e}"))?;
    let (_, metadata) = SafeTensors::read_metadata(bytes).map_err(|e| format!("the safetensors file cannot be read: {e}"))?;
    let tensors = file.tensors().into_iter().map(|(name, view)| (rename(&name), view));
    safetensors::serialize(tensors, metadata.metadata().clone()).map_err(|e| format!("writing the safetensors file failed: {e}"))
}
