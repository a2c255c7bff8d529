//! What the manifold does not cover (lecture figures 5–8): moving a digit through pixel space
//! by a transformation (shift, rotation, zoom, brightness, contrast) leaves the data's manifold,
//! and an autoencoder trained on MNIST reconstructs it worse the farther it goes. Trained with
//! those transformations as augmentation, it covers more of them.
//!
//! Images are 28 × 28, values in [0, 1], row-major. The geometric transformations map each
//! output pixel back to a point of the input (about the image's centre, 13.5, 13.5) and sample
//! it bilinearly, 0 (black) outside; [`apply`] composes them in one sampling, so a chain of them
//! blurs no more than one.

use crate::rng::Rng;
use serde::{Deserialize, Serialize};
use crate::model::IMAGE_PIXELS;
use crate::record::Images;

const SIDE: usize = 28;
const CENTRE: f32 = 13.5;

/// One transformation of each kind, applied in the order shift ∘ rotation ∘ zoom, then
/// contrast and brightness.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Transform {
    /// Pixels right and down.
    pub shift_x: f32,
    pub shift_y: f32,
    /// Degrees, counter-clockwise as seen.
    pub rotation: f32,
    /// Scale about the centre (1: unchanged).
    pub zoom: f32,
    /// Added to every pixel.
    pub brightness: f32,
    /// Scales every pixel's distance from the image's mean (1: unchanged).
    pub contrast: f32,
}

impl Default for Transform {
    fn default() -> Self {
        Self { shift_x: 0.0, shift_y: 0.0, rotation: 0.0, zoom: 1.0, brightness: 0.0, contrast: 1.0 }
    }
}

impl Transform {
    /// Checks the amounts; the errors are sentences for the page.
    pub fn check(&self) -> Result<(), String> {
        let all = [self.shift_x, self.shift_y, self.rotation, self.zoom, self.brightness, self.contrast];
        if all.iter().any(|v| !v.is_finite()) {
            return Err("every amount of a transformation must be a number".into());
        }
        if !(0.2..=5.0).contains(&self.zoom) || !(0.0..=5.0).contains(&self.contrast) {
            return Err(format!("zoom must be between 0.2 and 5 and contrast between 0 and 5, not {} and {}", self.zoom, self.contrast));
        }
        Ok(())
    }
}

/// The bilinear sample of `image` at (x, y) (pixel centres at whole numbers), 0 outside.
pub fn sample(image: &[f32], x: f32, y: f32) -> f32 {
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |xi: f32, yi: f32| -> f32 {
        if xi < 0.0 || yi < 0.0 || xi > (SIDE - 1) as f32 || yi > (SIDE - 1) as f32 { 0.0 } else { image[yi as usize * SIDE + xi as usize] }
    };
    at(x0, y0) * (1.0 - fx) * (1.0 - fy) + at(x0 + 1.0, y0) * fx * (1.0 - fy) + at(x0, y0 + 1.0) * (1.0 - fx) * fy + at(x0 + 1.0, y0 + 1.0) * fx * fy
}

/// Resamples `image` through `source`, which maps an output pixel to the input point it shows.
fn resample(image: &[f32], source: impl Fn(f32, f32) -> (f32, f32)) -> Vec<f32> {
    (0..SIDE * SIDE)
        .map(|i| {
            let (x, y) = source((i % SIDE) as f32, (i / SIDE) as f32);
            sample(image, x, y)
        })
        .collect()
}

/// Moves the digit `dx` pixels right and `dy` down.
pub fn shift(image: &[f32], dx: f32, dy: f32) -> Vec<f32> {
    resample(image, |x, y| (x - dx, y - dy))
}

/// Turns the digit by `degrees`, counter-clockwise as seen (y points down), about the centre.
pub fn rotate(image: &[f32], degrees: f32) -> Vec<f32> {
    let (s, c) = degrees.to_radians().sin_cos();
    resample(image, |x, y| {
        let (u, v) = (x - CENTRE, y - CENTRE);
        (c * u - s * v + CENTRE, s * u + c * v + CENTRE)
    })
}

/// Scales the digit by `factor` about the centre.
pub fn zoom(image: &[f32], factor: f32) -> Vec<f32> {
    resample(image, |x, y| ((x - CENTRE) / factor + CENTRE, (y - CENTRE) / factor + CENTRE))
}

/// Adds `amount` to every pixel, clipped to [0, 1].
pub fn brighten(image: &[f32], amount: f32) -> Vec<f32> {
    image.iter().map(|v| (v + amount).clamp(0.0, 1.0)).collect()
}

/// Scales every pixel's distance from the image's mean by `gain`, clipped to [0, 1].
pub fn contrast(image: &[f32], gain: f32) -> Vec<f32> {
    let mean = image.iter().sum::<f32>() / image.len().max(1) as f32;
    image.iter().map(|v| ((v - mean) * gain + mean).clamp(0.0, 1.0)).collect()
}

/// Thickens the strokes by `amount` ∈ [-1, 1]: a blend towards the 3 × 3 maximum (grey
/// dilation) for amount > 0, towards the 3 × 3 minimum (erosion) for amount < 0.
pub fn thicken(image: &[f32], amount: f32) -> Vec<f32> {
    if amount == 0.0 {
        return image.to_vec();
    }
    let grow = amount > 0.0;
    (0..SIDE * SIDE)
        .map(|i| {
            let (x, y) = ((i % SIDE) as i32, (i / SIDE) as i32);
            let mut extreme = image[i];
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (u, v) = (x + dx, y + dy);
                    let value = if (0..SIDE as i32).contains(&u) && (0..SIDE as i32).contains(&v) { image[v as usize * SIDE + u as usize] } else { 0.0 };
                    extreme = if grow { extreme.max(value) } else { extreme.min(value) };
                }
            }
            image[i] + amount.abs().min(1.0) * (extreme - image[i])
        })
        .collect()
}

/// A Gaussian blur of deviation `sigma` pixels (separable, 0 outside the image).
pub fn blur(image: &[f32], sigma: f32) -> Vec<f32> {
    if sigma <= 0.0 {
        return image.to_vec();
    }
    let radius = (3.0 * sigma).ceil() as i32;
    let weights: Vec<f32> = (-radius..=radius).map(|k| (-(k * k) as f32 / (2.0 * sigma * sigma)).exp()).collect();
    let total: f32 = weights.iter().sum();
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        (0..SIDE * SIDE)
            .map(|i| {
                let (x, y) = ((i % SIDE) as i32, (i / SIDE) as i32);
                (-radius..=radius)
                    .zip(&weights)
                    .map(|(k, w)| {
                        let (u, v) = if horizontal { (x + k, y) } else { (x, y + k) };
                        if (0..SIDE as i32).contains(&u) && (0..SIDE as i32).contains(&v) { w * src[v as usize * SIDE + u as usize] } else { 0.0 }
                    })
                    .sum::<f32>()
                    / total
            })
            .collect()
    };
    pass(&pass(image, true), false)
}

/// Every transformation of `t`, the geometric ones in one sampling.
pub fn apply(image: &[f32], t: &Transform) -> Vec<f32> {
    let (s, c) = t.rotation.to_radians().sin_cos();
    let moved = resample(image, |x, y| {
        // Undo the shift, then the rotation, then the zoom.
        let (u, v) = (x - t.shift_x - CENTRE, y - t.shift_y - CENTRE);
        let (u, v) = (c * u - s * v, s * u + c * v);
        (u / t.zoom + CENTRE, v / t.zoom + CENTRE)
    });
    brighten(&contrast(&moved, t.contrast), t.brightness)
}

/// The kinds of transformation, for the curves of PSNR against the amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    Shift,
    Rotation,
    Zoom,
    Brightness,
    Contrast,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Shift, Kind::Rotation, Kind::Zoom, Kind::Brightness, Kind::Contrast];

    pub fn from_name(name: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| format!("unknown transformation '{name}' (expected shift, rotation, zoom, brightness or contrast)"))
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Shift => "shift",
            Kind::Rotation => "rotation",
            Kind::Zoom => "zoom",
            Kind::Brightness => "brightness",
            Kind::Contrast => "contrast",
        }
    }

    /// The amounts a curve is drawn at: shift 0–6 px (to the right), rotation 0–60°, zoom
    /// 0.6–1.4, brightness −0.5–0.5, contrast 0.2–2.
    pub fn amounts(self) -> Vec<f32> {
        let range = |lo: f32, hi: f32, n: usize| (0..n).map(|i| lo + (hi - lo) * i as f32 / (n - 1) as f32).collect();
        match self {
            Kind::Shift => range(0.0, 6.0, 13),
            Kind::Rotation => range(0.0, 60.0, 13),
            Kind::Zoom => range(0.6, 1.4, 17),
            Kind::Brightness => range(-0.5, 0.5, 11),
            Kind::Contrast => range(0.2, 2.0, 10),
        }
    }

    /// The transformation of this kind by `amount`.
    pub fn transform(self, amount: f32) -> Transform {
        let mut t = Transform::default();
        match self {
            Kind::Shift => t.shift_x = amount,
            Kind::Rotation => t.rotation = amount,
            Kind::Zoom => t.zoom = amount,
            Kind::Brightness => t.brightness = amount,
            Kind::Contrast => t.contrast = amount,
        }
        t
    }
}

/// Ranges of random transformations for training with augmentation: each image of a batch is
/// shifted by up to `shift` pixels each way, turned by up to `rotation` degrees either way,
/// zoomed by a factor in `1 ± zoom`, brightened by up to `brightness` either way, its strokes
/// thickened or thinned by up to `thickness` (see [`thicken`]) and blurred by a Gaussian of
/// deviation up to `blur` pixels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Augmentation {
    pub shift: f32,
    pub rotation: f32,
    pub zoom: f32,
    pub brightness: f32,
    #[serde(default)]
    pub thickness: f32,
    #[serde(default)]
    pub blur: f32,
}

impl Augmentation {
    pub fn check(&self) -> Result<(), String> {
        let ok = [self.shift, self.rotation, self.zoom, self.brightness, self.thickness, self.blur].iter().all(|v| v.is_finite())
            && (0.0..=1.0).contains(&self.thickness)
            && (0.0..=2.0).contains(&self.blur)
            && (0.0..=8.0).contains(&self.shift)
            && (0.0..=90.0).contains(&self.rotation)
            && (0.0..=0.6).contains(&self.zoom)
            && (0.0..=0.8).contains(&self.brightness);
        if ok { Ok(()) } else { Err("augmentation ranges: shift 0–8 px, rotation 0–90°, zoom 0–0.6, brightness 0–0.8, thickness 0–1, blur 0–2 px".into()) }
    }

    /// `image` transformed at random within the ranges.
    pub fn apply(&self, image: &[f32], rng: &mut Rng) -> Vec<f32> {
        let t = self.draw(rng);
        let thickness = (rng.next_f32() * 2.0 - 1.0) * self.thickness;
        let sigma = rng.next_f32() * self.blur;
        blur(&thicken(&apply(image, &t), thickness), sigma)
    }

    /// A random transformation within the ranges.
    pub fn draw(&self, rng: &mut Rng) -> Transform {
        let mut spread = |r: f32| (rng.next_f32() * 2.0 - 1.0) * r;
        Transform {
            shift_x: spread(self.shift),
            shift_y: spread(self.shift),
            rotation: spread(self.rotation),
            zoom: 1.0 + spread(self.zoom),
            brightness: spread(self.brightness),
            contrast: 1.0,
        }
    }
}

/// A digit transformed and reconstructed.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Transformed {
    /// The transformed digit and the model's reconstruction of it: 784 values each in [0, 1].
    pub input: Images,
    pub output: Images,
    /// PSNR (dB) of the reconstruction against the transformed digit.
    pub psnr: f64,
}

/// PSNR against the amount of one kind of transformation, for one digit.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct TransformCurve {
    pub kind: Kind,
    pub amounts: Vec<f32>,
    pub psnr: Vec<f64>,
    /// The transformed digits, one per amount: `amounts.len() × 784` values in [0, 1].
    pub inputs: Images,
}

impl Transformed {
    /// `input`, a transformed digit, and `output`, a model's reconstruction of it (784 values
    /// each in [0, 1]), with the PSNR of one against the other.
    pub fn of(input: Vec<f32>, output: Images) -> Self {
        Self { psnr: crate::evaluation::psnr(crate::evaluation::mse_between(&output, &input)), input: input.into(), output }
    }
}

/// A digit (784 values in [0, 1]) transformed by each amount of `kind`: the amounts and
/// `amounts.len() × 784` values.
pub fn curve_inputs(digit: &[f32], kind: Kind) -> (Vec<f32>, Vec<f32>) {
    let amounts = kind.amounts();
    let inputs = amounts.iter().flat_map(|&a| apply(digit, &kind.transform(a))).collect();
    (amounts, inputs)
}

impl TransformCurve {
    /// The curve from [`curve_inputs`] and a model's reconstructions of them (in [0, 1]).
    pub fn of(kind: Kind, amounts: Vec<f32>, inputs: Vec<f32>, outputs: &[f32]) -> Self {
        let psnr = outputs
            .chunks_exact(IMAGE_PIXELS)
            .zip(inputs.chunks_exact(IMAGE_PIXELS))
            .map(|(o, i)| crate::evaluation::psnr(crate::evaluation::mse_between(o, i)))
            .collect();
        Self { kind, amounts, psnr, inputs: inputs.into() }
    }
}
