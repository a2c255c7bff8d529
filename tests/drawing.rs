//! From a drawing to an MNIST digit: bounding box into 20 × 20, centre of mass at the centre.

use autoencoder_playground::data::files;
use autoencoder_playground::drawing::{bounding_box, centre_of_mass, image_to_mnist, to_mnist};

/// A 280 × 280 drawing: a thick vertical bar (a "1") at an off-centre position.
fn bar(x0: usize, y0: usize, w: usize, h: usize) -> Vec<f32> {
    let mut img = vec![0.0; 280 * 280];
    for y in y0..y0 + h {
        for x in x0..x0 + w {
            img[y * 280 + x] = 1.0;
        }
    }
    img
}

#[test]
fn the_bounding_box_is_fitted_into_20_by_20_keeping_the_aspect() {
    let digit = to_mnist(&bar(30, 40, 40, 160), 280, 280);
    let (x0, y0, x1, y1) = bounding_box(&digit, 28, 28).unwrap();
    assert_eq!(y1 - y0, 20, "the long side becomes 20 pixels");
    assert_eq!(x1 - x0, 5, "the short side keeps the 1:4 aspect");
    // Anti-aliased: the resampled interior is full ink, nothing exceeds 1.
    assert!(digit.iter().all(|&v| (0.0..=1.0).contains(&v)));
    assert!(digit.iter().filter(|&&v| v > 0.99).count() >= 80);
}

#[test]
fn the_centre_of_mass_lands_at_the_centre_wherever_the_drawing_was() {
    let a = to_mnist(&bar(20, 20, 40, 160), 280, 280);
    let b = to_mnist(&bar(200, 100, 40, 160), 280, 280);
    assert_eq!(a, b, "translation does not matter");
    let (cx, cy) = centre_of_mass(&a, 28).unwrap();
    assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5, "centre of mass ({cx}, {cy})");
    // Scaling does not matter either (up to resampling).
    let c = to_mnist(&bar(100, 60, 20, 80), 280, 280);
    let diff: f32 = a.iter().zip(&c).map(|(x, y)| (x - y).abs()).sum::<f32>() / 784.0;
    assert!(diff < 0.02, "mean difference {diff}");
}

#[test]
fn blank_drawings_give_blank_digits() {
    assert!(to_mnist(&vec![0.0; 100 * 100], 100, 100).iter().all(|&v| v == 0.0));
    assert_eq!(bounding_box(&[0.0; 4], 2, 2), None);
}

#[test]
fn mnist_digits_are_already_in_this_form() {
    // Re-normalising a real MNIST digit changes it little: they were made this way.
    let test = files::test_set().unwrap();
    for i in 0..20 {
        let digit: Vec<f32> = test.image(i).iter().map(|&p| p as f32 / 255.0).collect();
        let again = to_mnist(&digit, 28, 28);
        let (cx, cy) = centre_of_mass(&again, 28).unwrap();
        assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5, "digit {i}: ({cx}, {cy})");
        let (x0, y0, x1, y1) = bounding_box(&again, 28, 28).unwrap();
        assert_eq!((x1 - x0).max(y1 - y0), 20, "digit {i}");
    }
}

/// A `w × h` RGBA picture of a dark bar on light paper (or light on dark).
fn picture(w: usize, h: usize, dark_on_light: bool, alpha: u8) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(w * h * 4);
    for y in 0..h {
        for x in 0..w {
            let bar = (w / 3..w / 2).contains(&x) && (h / 5..4 * h / 5).contains(&y);
            let v = if bar == dark_on_light { 30u8 } else { 230u8 };
            rgba.extend_from_slice(&[v, v, v, if bar { 255 } else { alpha }]);
        }
    }
    rgba
}

#[test]
fn a_picture_becomes_the_digit_its_drawing_would() {
    // A dark figure on paper and a light one on black give the same digit: white on black.
    let paper = image_to_mnist(&picture(120, 90, true, 255), 120, 90).unwrap();
    let screen = image_to_mnist(&picture(120, 90, false, 255), 120, 90).unwrap();
    assert_eq!(paper, screen);
    assert!(paper[0] == 0.0 && paper.iter().copied().fold(0.0, f32::max) > 0.99, "white on black");
    let (cx, cy) = centre_of_mass(&paper, 28).unwrap();
    assert!((cx - 14.0).abs() <= 0.5 && (cy - 14.0).abs() <= 0.5, "centred: ({cx}, {cy})");
    // A transparent background counts as paper.
    assert_eq!(image_to_mnist(&picture(120, 90, true, 0), 120, 90).unwrap(), paper);
}

#[test]
fn bad_pictures_are_refused_with_a_reason() {
    assert!(image_to_mnist(&[], 0, 10).unwrap_err().contains("empty"));
    assert!(image_to_mnist(&vec![128; 4 * 300 * 10], 300, 10).unwrap_err().contains("at most 280"));
    assert!(image_to_mnist(&[0; 7], 2, 2).unwrap_err().contains("RGBA"));
    assert!(image_to_mnist(&vec![200; 4 * 50 * 50], 50, 50).unwrap_err().contains("blank"));
}
