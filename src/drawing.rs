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

/// The longest side, in pixels, of an image given to [`image_to_mnist`]: the page scales larger
/// images down to this before reading their pixels (the 20 × 20 box needs no more).
pub const IMAGE_SIDE: usize = 280;

/// The MNIST-like digit of a picture (a photo or a scan of a digit or a shape), by the same
/// preprocessing as a drawing ([`to_mnist`]) once it is a drawing: grey (Rec. 601 luma, a
/// transparent pixel counts as the background), then turned white-on-black if its border is
/// mostly light, as a dark figure on paper is. Input: `width × height` RGBA bytes, the longer
/// side at most [`IMAGE_SIDE`]. Returns 784 values in [0, 1]; a sentence for an empty, a
/// blank (one colour) or a mis-sized image.
pub fn image_to_mnist(rgba: &[u8], width: usize, height: usize) -> Result<Vec<f32>, String> {
    if width == 0 || height == 0 {
        return Err(format!("the image is empty ({width} × {height} pixels)"));
    }
    if width.max(height) > IMAGE_SIDE {
        return Err(format!("the image is {width} × {height} pixels; scale it to at most {IMAGE_SIDE} on its longer side first"));
    }
    if rgba.len() != width * height * 4 {
        return Err(format!("a {width} × {height} image has {} RGBA bytes, not {}", width * height * 4, rgba.len()));
    }
    let grey: Vec<f32> = rgba
        .chunks_exact(4)
        .map(|p| {
            let luma = (0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32) / 255.0;
            let alpha = p[3] as f32 / 255.0;
            // Composited on white, the colour of paper.
            luma * alpha + (1.0 - alpha)
        })
        .collect();
    let border: Vec<f32> = (0..height)
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .filter(|&(x, y)| x == 0 || y == 0 || x + 1 == width || y + 1 == height)
        .map(|(x, y)| grey[y * width + x])
        .collect();
    let light_border = border.iter().sum::<f32>() / border.len() as f32 > 0.5;
    let ink: Vec<f32> = grey.iter().map(|&g| if light_border { 1.0 - g } else { g }).collect();
    // The background is the border's level: ink is what stands out of it.
    let mut sorted: Vec<f32> = border.iter().map(|&g| if light_border { 1.0 - g } else { g }).collect();
    sorted.sort_by(f32::total_cmp);
    let background = sorted[sorted.len() / 2];
    let peak = ink.iter().copied().fold(0.0, f32::max);
    if peak - background < 0.1 {
        return Err("the image is blank: nothing in it stands out from its background".into());
    }
    let drawing: Vec<f32> = ink.iter().map(|&v| ((v - background) / (peak - background)).clamp(0.0, 1.0)).collect();
    Ok(to_mnist(&drawing, width, height))
}
