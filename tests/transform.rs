//! Transformations that leave the manifold (lecture figures 5–8): each against hand-computed
//! cases, and training with augmentation raising a model's PSNR on shifted digits.

use autoencoder_playground::data::files;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::transform::{Augmentation, Kind, Transform, apply, blur, brighten, rotate, shift, thicken, zoom};
use autoencoder_playground::{Backend, block_on};

fn digit(i: usize) -> Vec<f32> {
    files::test_set().unwrap().image(i).iter().map(|&p| p as f32 / 255.0).collect()
}

fn centre_of_mass(image: &[f32]) -> (f32, f32) {
    let total: f32 = image.iter().sum();
    let x = image.iter().enumerate().map(|(i, v)| (i % 28) as f32 * v).sum::<f32>() / total;
    let y = image.iter().enumerate().map(|(i, v)| (i / 28) as f32 * v).sum::<f32>() / total;
    (x, y)
}

fn max_difference(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| (x - y).abs()).fold(0.0, f32::max)
}

#[test]
fn each_transformation_on_hand_computed_cases() {
    let d = digit(0);
    // Identity at 0 (and zoom 1, contrast 1).
    assert!(max_difference(&apply(&d, &Transform::default()), &d) < 1e-6);
    assert!(max_difference(&shift(&d, 0.0, 0.0), &d) < 1e-6 && max_difference(&rotate(&d, 0.0), &d) < 1e-5);
    // A whole-pixel shift moves every pixel: the centre of mass moves by it (nothing falls off).
    let moved = shift(&d, 2.0, -3.0);
    let (x0, y0) = centre_of_mass(&d);
    let (x1, y1) = centre_of_mass(&moved);
    assert!((x1 - x0 - 2.0).abs() < 1e-3 && (y1 - y0 + 3.0).abs() < 1e-3, "({x0}, {y0}) → ({x1}, {y1})");
    assert_eq!(moved[3 * 28 + 10 + 2], d[6 * 28 + 10], "pixel (10, 6) lands at (12, 3)");
    // A 90° turn twice is a 180° turn, which is the image upside down and mirrored (about the centre).
    let twice = rotate(&rotate(&d, 90.0), 90.0);
    let half = rotate(&d, 180.0);
    assert!(max_difference(&twice, &half) < 1e-4);
    for i in 0..784 {
        assert!((half[i] - d[783 - i]).abs() < 1e-4);
    }
    // 90° counter-clockwise as seen: the top row becomes the left column.
    let mut bar = vec![0.0f32; 784];
    (0..28).for_each(|x| bar[28 + x] = 1.0); // row 1
    let turned = rotate(&bar, 90.0);
    assert!((0..28).all(|y| turned[y * 28 + 1] > 0.99), "row 1 → column 1");
    // Zoom scales positions about the centre: the centre of mass too (0.8: nothing falls off).
    let big = zoom(&d, 0.8);
    let (x2, y2) = centre_of_mass(&big);
    assert!((x2 - 13.5 - 0.8 * (x0 - 13.5)).abs() < 0.3 && (y2 - 13.5 - 0.8 * (y0 - 13.5)).abs() < 0.3, "({x0}, {y0}) → ({x2}, {y2})");
    // Brightness adds and clips.
    let bright = brighten(&d, 0.3);
    assert!(bright.iter().zip(&d).all(|(b, v)| (b - (v + 0.3).min(1.0)).abs() < 1e-6));
    // Thicker strokes hold more ink, never less at any pixel; thinner ones less; 0 changes nothing.
    let ink = |v: &[f32]| v.iter().sum::<f32>();
    let (thick, thin) = (thicken(&d, 1.0), thicken(&d, -1.0));
    assert!(thick.iter().zip(&d).all(|(t, v)| t >= v) && thin.iter().zip(&d).all(|(t, v)| t <= v));
    assert!(ink(&thick) > 1.3 * ink(&d) && ink(&thin) < 0.7 * ink(&d) && thicken(&d, 0.0) == d);
    // A blur keeps a centred digit's ink (nothing reaches the border) and lowers its peak.
    let soft = blur(&d, 1.0);
    assert!((ink(&soft) - ink(&d)).abs() < 1e-2 * ink(&d), "{} vs {}", ink(&soft), ink(&d));
    assert!(soft.iter().cloned().fold(0.0, f32::max) < d.iter().cloned().fold(0.0, f32::max) && blur(&d, 0.0) == d);
    assert_eq!(Kind::from_name("rotation").unwrap(), Kind::Rotation);
    assert!(Kind::from_name("shear").is_err());
}

#[test]
fn training_with_augmentation_covers_shifted_digits() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.set_training_digits(files::page_training_set().unwrap().take(4000)).unwrap();
    let bytes = std::fs::read(files::repo_root().join("www/models/standard.bpk")).unwrap();
    lab.load_weights("standard", &bytes).unwrap();
    let digits: Vec<Vec<f32>> = (0..20).map(digit).collect();
    let shifted = |lab: &Lab| -> f64 {
        digits.iter().map(|d| block_on(lab.transform_curve("standard", d, Kind::Shift)).unwrap().psnr[8]).sum::<f64>() / digits.len() as f64
    };
    let before = shifted(&lab);
    lab.set_augmentation("standard", Some(Augmentation { shift: 4.0, rotation: 0.0, zoom: 0.0, brightness: 0.0, thickness: 0.0, blur: 0.0 })).unwrap();
    block_on(lab.train("standard", 300)).unwrap();
    assert!(lab.augmentation("standard").unwrap().is_some());
    let after = shifted(&lab);
    assert!(after > before + 1.0, "PSNR at a 4-pixel shift: {before} → {after} dB");
    assert!(lab.set_augmentation("standard", Some(Augmentation { shift: 20.0, rotation: 0.0, zoom: 0.0, brightness: 0.0, thickness: 0.0, blur: 0.0 })).is_err());
}
