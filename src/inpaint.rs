//! Classical inpainting, the lecture's "state of the art" baselines, as OpenCV's `cv2.inpaint`
//! computes them: both fill the hole from its border inwards in fast-marching order (distance
//! to the known region), and differ in how a new pixel is estimated from the known pixels
//! within `radius`:
//!
//! - **Telea** (A. Telea, "An image inpainting technique based on the fast marching method",
//!   2004): a weighted first-order extrapolation, weights favouring close pixels along the
//!   normal of the front and on the same level set.
//! - **Navier–Stokes** (Bertalmio, Bertozzi, Sapiro, 2001, as OpenCV's `INPAINT_NS`): a weighted
//!   average whose weights favour pixels along the isophotes (lines of constant grey).
//!
//! Images are grey levels 0..=255, row-major; the mask marks the pixels to fill.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Which classical method fills the hole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Telea,
    NavierStokes,
}

// Pixel states during the march.
const KNOWN: u8 = 0;
const BAND: u8 = 1;
const INSIDE: u8 = 2;
const CHANGE: u8 = 3;

/// A min-heap of pixels by arrival time; equal times leave in the order they came.
struct Front {
    heap: BinaryHeap<Entry>,
    order: u64,
}

struct Entry {
    time: f32,
    order: u64,
    index: usize,
}

impl PartialEq for Entry {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Entry {}
impl PartialOrd for Entry {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Entry {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: the smallest time (then the earliest push) is the greatest.
        other.time.total_cmp(&self.time).then(other.order.cmp(&self.order))
    }
}

impl Front {
    fn new() -> Self {
        Self { heap: BinaryHeap::new(), order: 0 }
    }

    fn push(&mut self, index: usize, time: f32) {
        self.heap.push(Entry { time, order: self.order, index });
        self.order += 1;
    }

    fn pop(&mut self) -> Option<usize> {
        self.heap.pop().map(|e| e.index)
    }
}

/// The working grids, one pixel larger than the image on every side.
struct Grid {
    w: usize,
    h: usize,
    flags: Vec<u8>,
    time: Vec<f32>,
}

impl Grid {
    /// The arrival time at a pixel from two neighbours (one per axis): the upwind solution of
    /// |∇T| = 1 on the grid.
    fn solve(&self, flags: &[u8], a: usize, b: usize) -> f32 {
        let (ta, tb) = (self.time[a] as f64, self.time[b] as f64);
        let sol = match (flags[a] != INSIDE, flags[b] != INSIDE) {
            (true, true) if (ta - tb).abs() >= 1.0 => 1.0 + ta.min(tb),
            (true, true) => (ta + tb + (2.0 - (ta - tb) * (ta - tb)).sqrt()) * 0.5,
            (true, false) => 1.0 + ta,
            (false, true) => 1.0 + tb,
            (false, false) => 1.0 + ta.min(tb),
        };
        sol as f32
    }

    /// The smallest arrival time at `p` over its four pairs of neighbours.
    fn arrival(&self, flags: &[u8], p: usize) -> f32 {
        let w = self.w;
        let (up, down, left, right) = (p - w, p + w, p - 1, p + 1);
        self.solve(flags, up, left)
            .min(self.solve(flags, down, left))
            .min(self.solve(flags, up, right).min(self.solve(flags, down, right)))
    }

    /// The four neighbours of `p` that are strictly inside the grid's border.
    fn neighbours(&self, p: usize) -> impl Iterator<Item = usize> + use<> {
        let (w, h) = (self.w, self.h);
        let (y, x) = (p / w, p % w);
        let cand = [(y.wrapping_sub(1), x), (y, x.wrapping_sub(1)), (y + 1, x), (y, x + 1)];
        cand.into_iter().filter(move |&(y, x)| y >= 1 && x >= 1 && y < h - 1 && x < w - 1).map(move |(y, x)| y * w + x)
    }
}

/// Fills the masked pixels of a grey image.
///
/// - `image`: `width × height` grey levels; `mask`: same size, `true` = fill this pixel.
/// - `radius`: the neighbourhood considered for each new pixel (rounded, 1 to 100; OpenCV's
///   `inpaintRadius`, 3 in the notebook).
pub fn inpaint(image: &[u8], mask: &[bool], width: usize, height: usize, radius: f32, method: Method) -> Vec<u8> {
    assert_eq!(image.len(), width * height, "image size");
    assert_eq!(mask.len(), width * height, "mask size");
    let range = (radius.round() as i64).clamp(1, 100) as usize;
    let (w, h) = (width + 2, height + 2);
    let at = |y: usize, x: usize| y * w + x;

    let mut inside = vec![KNOWN; w * h];
    for y in 0..height {
        for x in 0..width {
            if mask[y * width + x] {
                inside[at(y + 1, x + 1)] = INSIDE;
            }
        }
    }
    // The initial front: known pixels next to the hole (not on the grid's border).
    let mut band = vec![false; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let p = at(y, x);
            band[p] = inside[p] != INSIDE
                && [p - w, p + w, p - 1, p + 1].iter().any(|&q| inside[q] == INSIDE);
        }
    }
    let mut grid = Grid { w, h, flags: inside.clone(), time: vec![1.0e6; w * h] };
    let mut front = Front::new();
    for p in 0..w * h {
        if band[p] {
            grid.flags[p] = BAND;
            grid.time[p] = 0.0;
            front.push(p, 0.0);
        }
    }

    if method == Method::Telea {
        outside_distances(&mut grid, &inside, &band, range);
    }

    let mut out = image.to_vec();
    while let Some(p) = front.pop() {
        grid.flags[p] = KNOWN;
        for q in grid.neighbours(p).collect::<Vec<_>>() {
            if grid.flags[q] != INSIDE {
                continue;
            }
            let t = grid.arrival(&grid.flags, q);
            grid.time[q] = t;
            let value = match method {
                Method::Telea => telea_estimate(&grid, &out, q, range, width),
                Method::NavierStokes => isophote_estimate(&grid, &out, q, range, width),
            };
            let (y, x) = (q / w, q % w);
            out[(y - 1) * width + (x - 1)] = value;
            grid.flags[q] = BAND;
            front.push(q, t);
        }
    }
    out
}

/// Inpaints grey levels in [0, 1]: the hidden pixels are filled from the image rounded to 256
/// levels (like an 8-bit image, as OpenCV works); the visible ones are returned exactly as given,
/// so an image with nothing hidden comes back unchanged.
pub fn inpaint_unit(image: &[f32], mask: &[bool], width: usize, height: usize, radius: f32, method: Method) -> Vec<f32> {
    let bytes: Vec<u8> = image.iter().map(|&v| (v.clamp(0.0, 1.0) * 255.0).round() as u8).collect();
    let filled = inpaint(&bytes, mask, width, height, radius, method);
    filled.into_iter().zip(image).zip(mask).map(|((v, &given), &hidden)| if hidden { v as f32 / 255.0 } else { given }).collect()
}

/// Telea needs the distance to the hole's border outside the hole as well (negative there),
/// within `range` of the hole, for the level-set weights.
fn outside_distances(grid: &mut Grid, inside: &[u8], band: &[bool], range: usize) {
    let (w, h) = (grid.w, grid.h);
    // The region: within a (2·range+1)² square of the hole, not the hole, not the band, not
    // the grid's border.
    let mut region = vec![KNOWN; w * h];
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let p = y * w + x;
            if inside[p] == INSIDE || band[p] {
                continue;
            }
            let near = (y.saturating_sub(range)..=(y + range).min(h - 1))
                .any(|yy| (x.saturating_sub(range)..=(x + range).min(w - 1)).any(|xx| inside[yy * w + xx] == INSIDE));
            if near {
                region[p] = INSIDE;
            }
        }
    }
    let mut front = Front::new();
    for p in 0..w * h {
        if band[p] {
            front.push(p, 0.0);
        }
    }
    while let Some(p) = front.pop() {
        region[p] = CHANGE;
        for q in grid.neighbours(p).collect::<Vec<_>>() {
            if region[q] == INSIDE {
                let t = grid.arrival(&region, q);
                grid.time[q] = t;
                region[q] = BAND;
                front.push(q, t);
            }
        }
    }
    for p in 0..w * h {
        if region[p] == CHANGE {
            grid.time[p] = -grid.time[p];
        }
    }
}

/// Reads the output image at grid position (y, x) (grid = image shifted by one).
fn pixel(out: &[u8], width: usize, y: usize, x: usize) -> f32 {
    out[(y - 1) * width + (x - 1)] as f32
}

/// The difference of `value` at grid pixel `p` along one axis (`step` 1: x, `step` w: y):
/// central where both neighbours are known, one-sided where one is, 0 where none is.
fn known_difference(flags: &[u8], p: usize, step: usize, value: impl Fn(usize) -> f32, central_scale: f32) -> f32 {
    let fwd = flags[p + step] != INSIDE;
    let back = flags[p - step] != INSIDE;
    match (fwd, back) {
        (true, true) => (value(p + step) - value(p - step)) * central_scale,
        (true, false) => value(p + step) - value(p),
        (false, true) => value(p) - value(p - step),
        (false, false) => 0.0,
    }
}

/// The known pixels within `range` of grid pixel `q` (inside the grid's border).
fn neighbourhood(grid: &Grid, q: usize, range: usize) -> Vec<(usize, usize, usize)> {
    let (w, h) = (grid.w as i64, grid.h as i64);
    let (i, j) = ((q / grid.w) as i64, (q % grid.w) as i64);
    let r = range as i64;
    let mut out = Vec::new();
    for k in i - r..=i + r {
        for l in j - r..=j + r {
            if k > 0 && l > 0 && k < h - 1 && l < w - 1 {
                let p = (k * w + l) as usize;
                if grid.flags[p] != INSIDE && (l - j) * (l - j) + (k - i) * (k - i) <= r * r {
                    out.push((k as usize, l as usize, p));
                }
            }
        }
    }
    out
}

/// Image gradient at a known grid pixel (k, l), clamped to the image at its edges.
fn image_gradient(grid: &Grid, out: &[u8], width: usize, k: usize, l: usize, central_scale: f32) -> (f32, f32) {
    let (w, h) = (grid.w, grid.h);
    // Image coordinates of the pixel and of its clamped neighbours.
    let km = k - 1 + usize::from(k == 1);
    let kp = k - 1 - usize::from(k == h - 2);
    let lm = l - 1 + usize::from(l == 1);
    let lp = l - 1 - usize::from(l == w - 2);
    let img = |y: usize, x: usize| out[y * width + x] as f32;
    let p = k * w + l;
    let f = &grid.flags;
    let gx = match (f[p + 1] != INSIDE, f[p - 1] != INSIDE) {
        (true, true) => (img(km, lp + 1) - img(km, lm - 1)) * central_scale,
        (true, false) => img(km, lp + 1) - img(km, lm),
        (false, true) => img(km, lp) - img(km, lm - 1),
        (false, false) => 0.0,
    };
    let gy = match (f[p + w] != INSIDE, f[p - w] != INSIDE) {
        (true, true) => (img(kp + 1, lm) - img(km - 1, lm)) * central_scale,
        (true, false) => img(kp + 1, lm) - img(km, lm),
        (false, true) => img(kp, lm) - img(km - 1, lm),
        (false, false) => 0.0,
    };
    (gx, gy)
}

/// Telea's estimate of grid pixel `q`: first-order extrapolation from each known neighbour,
/// weighted by direction (along the front's normal), distance and level set.
fn telea_estimate(grid: &Grid, out: &[u8], q: usize, range: usize, width: usize) -> u8 {
    let w = grid.w;
    let t = &grid.time;
    let grad_t = (
        known_difference(&grid.flags, q, 1, |p| t[p], 0.5),
        known_difference(&grid.flags, q, w, |p| t[p], 0.5),
    );
    let (i, j) = (q / w, q % w);
    let (mut ia, mut jx, mut jy, mut s) = (0.0f32, 0.0f32, 0.0f32, 1.0e-20f32);
    for (k, l, p) in neighbourhood(grid, q, range) {
        let r = ((j as f32 - l as f32), (i as f32 - k as f32));
        let len2 = r.0 * r.0 + r.1 * r.1;
        let dst = (1.0 / (len2 as f64 * (len2 as f64).sqrt())) as f32;
        let lev = (1.0 / (1.0 + (t[p] - t[q]).abs() as f64)) as f32;
        let mut dir = r.0 * grad_t.0 + r.1 * grad_t.1;
        if dir.abs() <= 0.01 {
            dir = 0.000001;
        }
        let weight = (dst * lev * dir).abs();
        let (gx, gy) = image_gradient(grid, out, width, k, l, 2.0);
        ia += weight * pixel(out, width, k, l);
        jx -= weight * (gx * r.0);
        jy -= weight * (gy * r.1);
        s += weight;
    }
    let sat = ia / s + (jx + jy) / ((jx * jx + jy * jy).sqrt() + 1.0e-20) + 0.5;
    sat.round().clamp(0.0, 255.0) as u8
}

/// The Navier–Stokes estimate of grid pixel `q`: an average of known neighbours weighted by
/// distance and by how well the offset lines up with the isophote through them.
fn isophote_estimate(grid: &Grid, out: &[u8], q: usize, range: usize, width: usize) -> u8 {
    let (w, h) = (grid.w, grid.h);
    let (i, j) = (q / w, q % w);
    let f = &grid.flags;
    let (mut ia, mut s) = (0.0f32, 1.0e-20f32);
    for (k, l, p) in neighbourhood(grid, q, range) {
        let r = ((j as f32 - l as f32), (i as f32 - k as f32));
        let len2 = r.0 * r.0 + r.1 * r.1;
        let dst = 1.0 / (len2 * len2 + 1.0);
        let km = k - 1 + usize::from(k == 1);
        let kp = k - 1 - usize::from(k == h - 2);
        let lm = l - 1 + usize::from(l == 1);
        let lp = l - 1 - usize::from(l == w - 2);
        let img = |y: usize, x: usize| out[y * width + x] as f32;
        // Absolute variations across rows (x) and across columns (y), as OpenCV's INPAINT_NS.
        let mut gx = match (f[p + w] != INSIDE, f[p - w] != INSIDE) {
            (true, true) => (img(kp + 1, lm) - img(kp, lm)).abs() + (img(kp, lm) - img(km - 1, lm)).abs(),
            (true, false) => (img(kp + 1, lm) - img(kp, lm)).abs() * 2.0,
            (false, true) => (img(kp, lm) - img(km - 1, lm)).abs() * 2.0,
            (false, false) => 0.0,
        };
        let gy = match (f[p + 1] != INSIDE, f[p - 1] != INSIDE) {
            (true, true) => (img(km, lp + 1) - img(km, lm)).abs() + (img(km, lm) - img(km, lm - 1)).abs(),
            (true, false) => (img(km, lp + 1) - img(km, lm)).abs() * 2.0,
            (false, true) => (img(km, lm) - img(km, lm - 1)).abs() * 2.0,
            (false, false) => 0.0,
        };
        gx = -gx;
        let dot = r.0 * gx + r.1 * gy;
        let dir = if dot.abs() <= 0.01 {
            0.000001
        } else {
            (dot / (len2 * (gx * gx + gy * gy)).sqrt()).abs()
        };
        let weight = dst * dir;
        ia += weight * pixel(out, width, k, l);
        s += weight;
    }
    ((ia as f64) / (s as f64)).round().clamp(0.0, 255.0) as u8
}
