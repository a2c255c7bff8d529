//! Telea and Navier–Stokes inpainting against OpenCV's `cv2.inpaint` (radius 3) on masked
//! MNIST digits (fixtures made by pkg-scripts/make-inpaint-fixtures).

use autoencoder_playground::inpaint::{Method, inpaint, inpaint_unit};

struct Case {
    image: Vec<u8>,
    mask: Vec<bool>,
    telea: Vec<u8>,
    ns: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let raw = include_bytes!("fixtures/inpaint-opencv.bin");
    assert_eq!(&raw[..4], b"AEPI");
    let n = u32::from_le_bytes(raw[4..8].try_into().unwrap()) as usize;
    (0..n)
        .map(|i| {
            let c = &raw[8 + i * 4 * 784..8 + (i + 1) * 4 * 784];
            Case {
                image: c[..784].to_vec(),
                mask: c[784..1568].iter().map(|&m| m != 0).collect(),
                telea: c[1568..2352].to_vec(),
                ns: c[2352..].to_vec(),
            }
        })
        .collect()
}

/// Mean absolute difference over the filled pixels, in grey levels (0..255).
fn mean_abs_diff_filled(a: &[u8], b: &[u8], mask: &[bool]) -> f64 {
    let (sum, n) = a.iter().zip(b).zip(mask).filter(|(_, m)| **m).fold((0.0, 0), |(s, n), ((x, y), _)| {
        (s + (*x as f64 - *y as f64).abs(), n + 1)
    });
    sum / n as f64
}

fn check(method: Method, reference: impl Fn(&Case) -> &[u8]) {
    let cases = cases();
    assert_eq!(cases.len(), 6);
    for (i, c) in cases.iter().enumerate() {
        let ours = inpaint(&c.image, &c.mask, 28, 28, 3.0, method);
        // Known pixels are never touched.
        for p in 0..784 {
            if !c.mask[p] {
                assert_eq!(ours[p], c.image[p]);
            }
        }
        let diff = mean_abs_diff_filled(&ours, reference(c), &c.mask);
        println!("{method:?} case {i}: mean |ours - OpenCV| over filled pixels = {diff:.3} grey levels");
        // Within one grey level on average over the filled pixels (of 255).
        assert!(diff < 1.0, "{method:?} case {i}: mean |ours - OpenCV| = {diff:.3} grey levels");
        // And far closer to OpenCV than the damaged input is.
        let grey = mean_abs_diff_filled(&c.image, reference(c), &c.mask);
        assert!(diff < grey / 10.0, "{method:?} case {i}: {diff} vs damaged {grey}");
    }
}

#[test]
fn telea_matches_opencv() {
    check(Method::Telea, |c| &c.telea);
}

#[test]
fn navier_stokes_matches_opencv() {
    check(Method::NavierStokes, |c| &c.ns);
}

#[test]
fn nothing_to_fill_changes_nothing_and_unit_images_round_trip() {
    let c = &cases()[0];
    let none = vec![false; 784];
    assert_eq!(inpaint(&c.image, &none, 28, 28, 3.0, Method::Telea), c.image);
    let unit: Vec<f32> = c.image.iter().map(|&v| v as f32 / 255.0).collect();
    let out = inpaint_unit(&unit, &c.mask, 28, 28, 3.0, Method::NavierStokes);
    let bytes = inpaint(&c.image, &c.mask, 28, 28, 3.0, Method::NavierStokes);
    for (a, b) in out.iter().zip(&bytes) {
        assert!((a * 255.0 - *b as f32).abs() < 1e-3);
    }
}

#[test]
fn a_flat_image_is_filled_flat() {
    let image = vec![200u8; 100];
    let mut mask = vec![false; 100];
    for y in 3..7 {
        for x in 2..8 {
            mask[y * 10 + x] = true;
        }
    }
    let mut damaged = image.clone();
    for (p, m) in mask.iter().enumerate() {
        if *m {
            damaged[p] = 0;
        }
    }
    // Telea adds the normalised gradient term (at most one grey level, like OpenCV) and
    // rounds up; the Navier–Stokes average is exact.
    for (method, tolerance) in [(Method::Telea, 2), (Method::NavierStokes, 0)] {
        let out = inpaint(&damaged, &mask, 10, 10, 3.0, method);
        assert!(out.iter().all(|&v| v.abs_diff(200) <= tolerance), "{method:?}: {out:?}");
    }
}
