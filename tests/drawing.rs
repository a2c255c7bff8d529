//! From a drawing to an MNIST digit: bounding box into 20 × 20, centre of mass at the centre.

use autoencoder_playground::data::files;
use autoencoder_playground::drawing::{bounding_box, centre_of_mass, to_mnist};

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
