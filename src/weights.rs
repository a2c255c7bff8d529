//! Weights files: a model in Burn's burnpack format, to and from bytes (the shipped
//! `www/models/<name>.bpk`, downloads and uploads on the page). The role `inference.rs` has in
//! Burn's guide: turning stored records back into a model.

use crate::model::{Autoencoder, AutoencoderConfig};
use crate::spec::{ModelSpec, Recipe};
use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;

/// Builds the model described by `spec` on `device` from burnpack bytes, checking every
/// tensor's shape. A bad file is an error that names the model; nothing else changes.
pub fn weights_to_model(spec: &ModelSpec, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec()))
        .map_err(|e| format!("not a weights file for the {} autoencoder: {e}", spec.name))?;
    let model = AutoencoderConfig::of(spec)
        .init(device)
        .try_load_record(record)
        .map_err(|e| format!("these weights do not fit the {} autoencoder: {e}", spec.name))?;
    Ok(model)
}

/// Serialises a model to burnpack bytes. Parameters are read asynchronously and the record is
/// assembled on the CPU, so this works where synchronous reads are impossible (WebGPU).
pub async fn model_to_weights(model: &Autoencoder) -> Result<Vec<u8>, String> {
    #[allow(deprecated)]
    let cpu = Device::ndarray();
    let decoder = match &model.decoder {
        Some(layer) => Some(linear_on(layer, &cpu).await?),
        None => None,
    };
    let decoder_bias = match &model.decoder_bias {
        Some(bias) => Some(param_on(bias, &cpu).await?),
        None => None,
    };
    let host = Autoencoder { encoder: linear_on(&model.encoder, &cpu).await?, decoder, decoder_bias, form: model.form };
    let bytes = host.into_record().into_bytes().map_err(|e| format!("writing the weights failed: {e}"))?;
    Ok(bytes.to_vec())
}

/// A copy of a parameter on `device`, read asynchronously.
async fn param_on<const D: usize>(param: &Param<Tensor<D>>, device: &Device) -> Result<Param<Tensor<D>>, String> {
    let data = param.val().into_data_async().await.map_err(|e| format!("reading the weights failed: {e}"))?;
    Ok(Param::from_tensor(Tensor::from_data(data, device)))
}

/// A copy of a linear layer on `device`, read asynchronously.
async fn linear_on(layer: &Linear, device: &Device) -> Result<Linear, String> {
    let read = |e| format!("reading the weights failed: {e}");
    let weight = layer.weight.val().into_data_async().await.map_err(read)?;
    let bias = match &layer.bias {
        Some(b) => Some(Param::from_tensor(Tensor::from_data(b.val().into_data_async().await.map_err(read)?, device))),
        None => None,
    };
    Ok(Linear { weight: Param::from_tensor(Tensor::from_data(weight, device)), bias })
}

/// The first bytes of a model file: a built model's recipe and its weights together.
const MODEL_MAGIC: &[u8; 4] = b"AEPM";

/// A model file: `b"AEPM" | u32 LE length | the recipe as JSON | the weights (burnpack)`. What
/// the page downloads for a built model, so that loading it builds the same model.
pub fn model_file(recipe: &Recipe, weights: &[u8]) -> Result<Vec<u8>, String> {
    let json = serde_json::to_vec(recipe).map_err(|e| format!("writing the recipe failed: {e}"))?;
    let mut out = Vec::with_capacity(8 + json.len() + weights.len());
    out.extend_from_slice(MODEL_MAGIC);
    out.extend_from_slice(&(json.len() as u32).to_le_bytes());
    out.extend_from_slice(&json);
    out.extend_from_slice(weights);
    Ok(out)
}

/// Whether `bytes` start like a model file.
pub fn is_model_file(bytes: &[u8]) -> bool {
    bytes.starts_with(MODEL_MAGIC)
}

/// The recipe and the weights of a model file; a message naming what is wrong otherwise.
pub fn read_model_file(bytes: &[u8]) -> Result<(Recipe, &[u8]), String> {
    if !is_model_file(bytes) || bytes.len() < 8 {
        return Err("not a model file (it does not start with AEPM)".into());
    }
    let len = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    let json = bytes.get(8..8 + len).ok_or("the model file is cut short")?;
    let recipe = serde_json::from_slice(json).map_err(|e| format!("the model file's recipe cannot be read: {e}"))?;
    Ok((recipe, &bytes[8 + len..]))
}
