//! The denoising lab's comparison (lecture figures 15–17 against classical inpainting): a
//! damaged digit restored by every autoencoder of the table, raw and with its visible pixels
//! pasted back, and by Telea's and the Navier–Stokes inpainting. One batched function serves
//! the page (one digit at a time) and the `evaluate` command (10,000 digits, 500 at a time).

use crate::backend::Backend;
use crate::corrupt::Damage;
use crate::data::{denormalize, normalize};
use crate::inpaint::{Method, inpaint_unit};
use crate::model::{Autoencoder, IMAGE_PIXELS};
use crate::record::Images;
use crate::spec::ModelSpec;
use burn::prelude::*;
use serde::Serialize;
use crate::record::Mask;

/// The radius of the classical inpaintings (OpenCV's usual 3).
pub const INPAINT_RADIUS: f32 = 3.0;

/// One way of restoring a batch of damaged digits.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS), ts(optional_fields))]
#[serde(rename_all = "camelCase")]
pub struct Restoration {
    /// A stable key: the model's name, `<name>-pasted`, `telea` or `navier-stokes`.
    pub key: String,
    /// What the page writes under it.
    pub label: String,
    /// The model it comes from, if any.
    pub model: Option<String>,
    /// Whether the visible pixels of the damaged input were pasted back over the output.
    pub pasted: bool,
    /// Whether the denoising lab shows it as a panel: every model's own output, the pasted
    /// output of the models trained to denoise, and the classical inpaintings. (The others serve
    /// comparisons like with like, such as the energy lab's.)
    pub primary: bool,
    /// `n × 784` values in [0, 1].
    pub pixels: Images,
}

/// Restores `n` damaged digits: `shown` holds `n × 784` values in [0, 1] as a person sees them
/// (hidden pixels grey), `hidden` marks the hidden pixels, `damage` says how the digits were
/// damaged (what each model is given follows from it and its training, see
/// [`Damage::model_input`]). Every model runs once on the whole batch.
pub async fn restorations(
    models: &[(&ModelSpec, &Autoencoder)],
    backend: Backend,
    damage: Damage,
    shown: &[f32],
    hidden: &[bool],
    radius: f32,
) -> Result<Vec<Restoration>, String> {
    if shown.is_empty() || shown.len() != hidden.len() || !shown.len().is_multiple_of(IMAGE_PIXELS) {
        return Err(format!("expected n × {IMAGE_PIXELS} pixels and as many mask values"));
    }
    let n = shown.len() / IMAGE_PIXELS;
    let shown: Vec<f32> = shown.iter().zip(hidden).map(|(&v, &h)| if h { 0.5 } else { v.clamp(0.0, 1.0) }).collect();
    let normalised: Vec<f32> = shown.iter().map(|&v| normalize(v)).collect();
    let mut raw = Vec::new();
    let mut pasted = Vec::new();
    for &(spec, model) in models {
        let input: Vec<f32> = normalised
            .chunks(IMAGE_PIXELS)
            .zip(hidden.chunks(IMAGE_PIXELS))
            .flat_map(|(x, h)| damage.model_input(spec.corruption, x, h))
            .collect();
        let device = model.devices()[0].clone();
        let x = Tensor::<2>::from_data(TensorData::new(input, [n, IMAGE_PIXELS]), &device);
        let output: Vec<f32> = backend.read(model.reconstruct(x)).await?.into_iter().map(denormalize).collect();
        let restoration = |pixels: Vec<f32>, is_pasted: bool| Restoration {
            key: if is_pasted { format!("{}-pasted", spec.name) } else { spec.name.to_string() },
            label: if is_pasted { format!("{}, visible pixels pasted", spec.label) } else { spec.label.to_string() },
            model: Some(spec.name.to_string()),
            pasted: is_pasted,
            primary: !is_pasted || spec.denoises(),
            pixels: Images(pixels),
        };
        pasted.push(restoration(Damage::paste(&output, &shown, hidden), true));
        raw.push(restoration(output, false));
    }
    let classical = |method: Method, key: &str, name: &str| Restoration {
        key: key.into(),
        label: format!("{name} (radius {radius})"),
        model: None,
        pasted: false,
        primary: true,
        pixels: Images(
            shown
                .chunks(IMAGE_PIXELS)
                .zip(hidden.chunks(IMAGE_PIXELS))
                .flat_map(|(s, h)| inpaint_unit(s, h, 28, 28, radius, method))
                .collect(),
        ),
    };
    let mut out = raw;
    out.append(&mut pasted);
    out.push(classical(Method::Telea, "telea", "Telea"));
    out.push(classical(Method::NavierStokes, "navier-stokes", "Navier–Stokes"));
    Ok(out)
}

/// A digit from a drawing, damaged, and every restoration of it (the denoising lab).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Denoised {
    /// The drawing made MNIST-like: 784 values in [0, 1], the clean ground truth.
    pub digit: Images,
    /// The damaged digit as shown (hidden pixels grey): 784 values in [0, 1].
    pub shown: Images,
    /// 1 where a pixel is hidden.
    pub hidden: Mask,
    /// See [`restorations`]: each `pixels` holds 784 values.
    pub restorations: Vec<Restoration>,
}
