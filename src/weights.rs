//! Weights files: a model in Burn's burnpack format, to and from bytes (the shipped
//! `www/models/<name>.bpk`, downloads and uploads on the page). The role `inference.rs` has in
//! Burn's guide: turning stored records back into a model.

use crate::format::{EIGHT_BIT_MAGIC, Format, MODEL_MAGIC, recognise};
use crate::model::{Autoencoder, AutoencoderConfig};
use burn::tensor::TensorData;
use crate::spec::{ModelSpec, Recipe};
use burn::module::Param;
use burn::nn::Linear;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;

/// Builds the model described by `spec` on `device` from a weights file (burnpack, the 8-bit
/// form of [`model_to_8bit`], or the notebook's safetensors, see `notebook.rs`), checking every tensor's shape. A bad file is an error that
/// names the model; nothing else changes.
pub fn weights_to_model(spec: &ModelSpec, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
    match recognise(bytes) {
        Format::EightBit => return eight_bit_to_model(spec, bytes, device),
        Format::Safetensors => return crate::notebook::notebook_to_model(spec, bytes, device),
        _ => {}
    }
    let not_weights = |e: &dyn std::fmt::Display| format!("not a weights file for the {} autoencoder: {e}", spec.name);
    // Every tensor in float32, as the model's parameters are: Burn would take another dtype as
    // it is (and panic on integers).
    let tensors = burn_pack::Reader::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).and_then(|r| r.into_tensors()).map_err(|e| not_weights(&e))?;
    if let Some(t) = tensors.iter().find(|t| t.dtype != burn::tensor::DType::F32) {
        return Err(format!("these weights do not fit the {} autoencoder: {} is stored as {:?}, not float32", spec.name, t.name, t.dtype));
    }
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).map_err(|e| not_weights(&e))?;
    let model = AutoencoderConfig::of(spec)
        .init(device)
        .try_load_record(record)
        .map_err(|e| format!("these weights do not fit the {} autoencoder: {e}", spec.name))?;
    Ok(model)
}

/// Serialises a model to burnpack bytes. Parameters are read asynchronously and the record is
/// assembled on the CPU, so this works where synchronous reads are impossible (WebGPU).
pub async fn model_to_weights(model: &Autoencoder) -> Result<Vec<u8>, String> {
    let bytes = model_on_cpu(model).await?.into_record().into_bytes().map_err(|e| format!("writing the weights failed: {e}"))?;
    Ok(bytes.to_vec())
}

/// A copy of a model on the CPU (burn-ndarray), its parameters read asynchronously: what the
/// weights files are written from, whatever device the model is on.
pub async fn model_on_cpu(model: &Autoencoder) -> Result<Autoencoder, String> {
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
    Ok(Autoencoder { encoder: linear_on(&model.encoder, &cpu).await?, decoder, decoder_bias, form: model.form })
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

/// The recipe and the weights of a model file; a message naming what is wrong otherwise.
pub fn read_model_file(bytes: &[u8]) -> Result<(Recipe, &[u8]), String> {
    if recognise(bytes) != Format::ModelFile || bytes.len() < 8 {
        return Err("not a model file (it does not start with AEPM)".into());
    }
    let len = u32::from_le_bytes(bytes[4..8].try_into().expect("4 bytes")) as usize;
    let json = bytes.get(8..8 + len).ok_or("the model file is cut short")?;
    let recipe = serde_json::from_slice(json).map_err(|e| format!("the model file's recipe cannot be read: {e}"))?;
    Ok((recipe, &bytes[8 + len..]))
}

/// The weights in 8 bits: what the page fetches first (a quarter of burnpack's f32 size; the
/// evaluate table moves by at most 0.01 dB, `cargo run --release --bin evaluate -- --eight-bit`).
///
/// `b"AEP8" | u32 LE input | u32 LE latent | u8 tied` then, all little-endian: the encoder's
/// weight `W_h` as [`quantise`] writes it (`[input, latent]`), its bias (`latent` f32), then for an
/// untied model the decoder's weight (`[latent, input]`) and for either the decoder's bias
/// (`input` f32). Biases stay in f32: they are few.
pub async fn model_to_8bit(model: &Autoencoder) -> Result<Vec<u8>, String> {
    let read = |e| format!("reading the weights failed: {e}");
    let values = |data: burn::tensor::TensorData| data.try_to_vec::<f32>().map_err(|e| format!("unexpected tensor data: {e:?}"));
    let [input, latent] = model.encoder.weight.dims();
    let mut out = Vec::new();
    out.extend_from_slice(EIGHT_BIT_MAGIC);
    out.extend_from_slice(&(input as u32).to_le_bytes());
    out.extend_from_slice(&(latent as u32).to_le_bytes());
    out.push(model.decoder.is_none() as u8);
    quantise(&values(model.encoder.weight.val().into_data_async().await.map_err(read)?)?, input, latent, &mut out);
    let bias = match &model.encoder.bias {
        Some(b) => values(b.val().into_data_async().await.map_err(read)?)?,
        None => vec![0.0; latent],
    };
    floats(&bias, &mut out);
    let decoder_bias = match (&model.decoder, &model.decoder_bias) {
        (Some(decoder), _) => {
            quantise(&values(decoder.weight.val().into_data_async().await.map_err(read)?)?, latent, input, &mut out);
            decoder.bias.as_ref().map(|b| b.val())
        }
        (None, bias) => bias.as_ref().map(|b| b.val()),
    };
    let decoder_bias = match decoder_bias {
        Some(b) => values(b.into_data_async().await.map_err(read)?)?,
        None => vec![0.0; input],
    };
    floats(&decoder_bias, &mut out);
    Ok(out)
}

/// A `[rows, cols]` matrix in 8 bits with one scale per column (per unit the layer feeds: a
/// column of Burn's `[in, out]` layout is a row of PyTorch's `[out, in]`): `cols` f32 scales
/// `s_j = max_i |w_ij| / 127`, then `rows × cols` i8 values `round(w_ij / s_j)`, row-major.
/// Each weight is off by at most `s_j / 2`.
pub(crate) fn quantise(w: &[f32], rows: usize, cols: usize, out: &mut Vec<u8>) {
    let scales: Vec<f32> =
        (0..cols).map(|j| (0..rows).map(|i| w[i * cols + j].abs()).fold(0.0f32, f32::max) / 127.0).collect();
    floats(&scales, out);
    for i in 0..rows {
        for j in 0..cols {
            let q = if scales[j] > 0.0 { (w[i * cols + j] / scales[j]).round().clamp(-127.0, 127.0) } else { 0.0 };
            out.push(q as i8 as u8);
        }
    }
}

pub(crate) fn floats(values: &[f32], out: &mut Vec<u8>) {
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

/// Reads an 8-bit weights file (see [`model_to_8bit`]) into the model `spec` describes.
fn eight_bit_to_model(spec: &ModelSpec, bytes: &[u8], device: &Device) -> Result<Autoencoder, String> {
    let name = &spec.name;
    let mut reader = Reader { bytes, at: 4, non_finite: false };
    let short = || format!("the 8-bit weights file for the {name} autoencoder is cut short");
    let input = reader.u32().ok_or_else(short)? as usize;
    let latent = reader.u32().ok_or_else(short)? as usize;
    let tied = reader.take(1).ok_or_else(short)?[0] != 0;
    let config = AutoencoderConfig::of(spec);
    if input != config.input || latent != config.latent || tied != config.tied {
        return Err(format!(
            "these weights do not fit the {name} autoencoder: they are {input} → {latent}{}, the model is {} → {}{}",
            if tied { ", tied" } else { "" },
            config.input,
            config.latent,
            if config.tied { ", tied" } else { "" },
        ));
    }
    let encoder = linear(reader.dequantised(input, latent).ok_or_else(short)?, reader.floats(latent).ok_or_else(short)?, input, latent, device);
    let (decoder, decoder_bias) = if tied {
        (None, Some(Param::from_tensor(Tensor::from_data(TensorData::new(reader.floats(input).ok_or_else(short)?, [input]), device))))
    } else {
        (Some(linear(reader.dequantised(latent, input).ok_or_else(short)?, reader.floats(input).ok_or_else(short)?, latent, input, device)), None)
    };
    if reader.at != bytes.len() {
        return Err(format!("the 8-bit weights file for the {name} autoencoder has {} bytes too many", bytes.len() - reader.at));
    }
    if reader.non_finite {
        return Err(format!("the 8-bit weights file for the {name} autoencoder holds a weight that is not a finite number"));
    }
    Ok(Autoencoder { encoder, decoder, decoder_bias, form: config.form })
}

/// A linear layer of weight `w` (`[rows, cols]`, Burn's layout, row-major) and bias `b`
/// (`cols` values) on `device`.
pub(crate) fn linear(w: Vec<f32>, b: Vec<f32>, rows: usize, cols: usize, device: &Device) -> Linear {
    Linear {
        weight: Param::from_tensor(Tensor::from_data(TensorData::new(w, [rows, cols]), device)),
        bias: Some(Param::from_tensor(Tensor::from_data(TensorData::new(b, [cols]), device))),
    }
}

/// Little-endian values read from the front of a byte slice.
pub(crate) struct Reader<'a> {
    pub(crate) bytes: &'a [u8],
    pub(crate) at: usize,
    pub(crate) non_finite: bool,
}

impl Reader<'_> {
    pub(crate) fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    /// A `[rows, cols]` matrix as [`quantise`] wrote it, back in f32.
    pub(crate) fn dequantised(&mut self, rows: usize, cols: usize) -> Option<Vec<f32>> {
        let scales = self.floats(cols)?;
        let q = self.take(rows.checked_mul(cols)?)?;
        Some(q.iter().enumerate().map(|(k, &v)| v as i8 as f32 * scales[k % cols]).collect())
    }

    pub(crate) fn floats(&mut self, n: usize) -> Option<Vec<f32>> {
        let values: Vec<f32> =
            self.take(n.checked_mul(4)?)?.chunks_exact(4).map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes"))).collect();
        self.non_finite |= values.iter().any(|v| !v.is_finite());
        Some(values)
    }
}
