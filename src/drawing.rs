//! From a drawing to an MNIST digit, the way MNIST was made: the stroke's bounding box is
//! fitted into a 20 × 20 box keeping its aspect ratio (anti-aliased: each new pixel is the
//! area average of what it covers), then placed in the 28 × 28 field so that its centre of
//! mass sits at the centre.

/// Pixels darker than this (of 1) do not count as ink for the bounding box.
const INK: f32 = 0.05;

/// The inked bounding box `(x0, y0, x1, y1)` (exclusive ends), or `None` for a blank drawing.
pub fn bounding_box(pixels: &[f32], width: usize, height: usize) -> Option<(usize, usize, usize, usize)> {
    let (mut x0, mut y0, mut x1, mut y1) = (width, height, 0, 0);
    for y in 0..height {
        for x in 0..width {
            if pixels[y * width + x] > INK {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x + 1);
                y1 = y1.max(y + 1);
            }
        }
    }
    (x1 > x0).then_some((x0, y0, x1, y1))
}

/// Centre of mass `(x, y)` of a grey image (pixel centres at `i + 0.5`), or `None` if blank.
pub fn centre_of_mass(pixels: &[f32], width: usize) -> Option<(f32, f32)> {
    let (mut m, mut mx, mut my) = (0.0f64, 0.0f64, 0.0f64);
    for (i, &v) in pixels.iter().enumerate() {
        let v = v as f64;
        m += v;
        mx += v * ((i % width) as f64 + 0.5);
        my += v * ((i / width) as f64 + 0.5);
    }
    (m > 0.0).then(|| ((mx / m) as f32, (my / m) as f32))
}

/// Resamples the box `[x0, x1) × [y0, y1)` of a grey image to `tw × th` by area averaging.
fn resample(pixels: &[f32], width: usize, (x0, y0, x1, y1): (usize, usize, usize, usize), tw: usize, th: usize) -> Vec<f32> {
    // Overlap of source cells [s, s+1) with the target cell's footprint, along one axis.
    let weights = |start: usize, len: usize, target: usize| -> Vec<Vec<(usize, f32)>> {
        let step = len as f32 / target as f32;
        (0..target)
            .map(|t| {
                let (a, b) = (t as f32 * step, (t + 1) as f32 * step);
                (a.floor() as usize..(b.ceil() as usize).min(len))
                    .map(|s| (start + s, ((s + 1) as f32).min(b) - (s as f32).max(a)))
                    .filter(|&(_, w)| w > 0.0)
                    .collect()
            })
            .collect()
    };
    let wx = weights(x0, x1 - x0, tw);
    let wy = weights(y0, y1 - y0, th);
    let mut out = vec![0.0; tw * th];
    for (ty, row) in wy.iter().enumerate() {
        for (tx, col) in wx.iter().enumerate() {
            let (mut sum, mut area) = (0.0, 0.0);
            for &(sy, ay) in row {
                for &(sx, ax) in col {
                    sum += pixels[sy * width + sx] * ax * ay;
                    area += ax * ay;
                }
            }
            out[ty * tw + tx] = sum / area;
        }
    }
    out
}

/// The MNIST-like 28 × 28 digit (values in [0, 1], white on black) of a `width × height`
/// drawing with values in [0, 1] (white ink on black). A blank drawing gives a blank digit.
pub fn to_mnist(pixels: &[f32], width: usize, height: usize) -> Vec<f32> {
    assert_eq!(pixels.len(), width * height, "drawing size");
    let mut digit = vec![0.0; 784];
    let Some(bbox @ (x0, y0, x1, y1)) = bounding_box(pixels, width, height) else {
        return digit;
    };
    let (bw, bh) = (x1 - x0, y1 - y0);
    let scale = 20.0 / bw.max(bh) as f32;
    let tw = ((bw as f32 * scale).round() as usize).clamp(1, 20);
    let th = ((bh as f32 * scale).round() as usize).clamp(1, 20);
    let small = resample(pixels, width, bbox, tw, th);
    let (cx, cy) = centre_of_mass(&small, tw).unwrap_or((tw as f32 / 2.0, th as f32 / 2.0));
    let left = ((14.0 - cx).round() as i64).clamp(0, (28 - tw) as i64) as usize;
    let top = ((14.0 - cy).round() as i64).clamp(0, (28 - th) as i64) as usize;
    for y in 0..th {
        for x in 0..tw {
            digit[(top + y) * 28 + left + x] = small[y * tw + x].clamp(0.0, 1.0);
        }
    }
    digit
}
