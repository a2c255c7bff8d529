//! Native tests of the manifold lab (lecture figures 15–19): the field and the Jacobian on
//! analytic cases and against autodiff, and the lecture's claims on small seeded runs.

use autoencoder_playground::lab::Lab;
use autoencoder_playground::manifold::{Curve, PlaneSetup, Way, Weights, grid_points, jacobian, singular};
use autoencoder_playground::model::{AutoencoderConfig, Form};
use autoencoder_playground::spec::{Activation, Output, Scale};
use autoencoder_playground::unrolling::{HelixSetup, spearman};
use autoencoder_playground::{Backend, block_on};
use burn::prelude::*;

#[allow(deprecated)]
fn cpu() -> Device {
    Device::ndarray()
}

fn setup(curve: Curve) -> PlaneSetup {
    PlaneSetup { curve, points: 300, seed: 1, sigma: 0.1, hidden: 128, lambda: 0.003, nearest: false, tied: false }
}

#[test]
fn the_field_of_an_analytic_map() {
    // h = 1: f(x) = d·tanh(e·x + b) + c, with e = (1, 0), d = (0.5, 0), b = 0, c = (0, 0.25).
    let w = Weights { encoder: vec![1.0, 0.0], bias: vec![0.0], decoder: vec![0.5, 0.0], out_bias: [0.0, 0.25] };
    for x in [[0.0f32, 0.0], [0.3, -0.2], [-1.0, 1.0]] {
        let y = w.apply(x);
        assert!((y[0] - 0.5 * x[0].tanh()).abs() < 1e-6 && (y[1] - 0.25).abs() < 1e-6, "{x:?} → {y:?}");
        // J = [[0.5(1 − tanh²x₀), 0], [0, 0]]: singular values 0.5(1 − tanh²x₀) and 0, along x₀.
        let j = w.jacobian(x);
        let slope = 0.5 * (1.0 - x[0].tanh().powi(2));
        assert!((j[0][0] - slope).abs() < 1e-6 && j[0][1] == 0.0 && j[1][0] == 0.0 && j[1][1] == 0.0);
        let (s1, s2, angle, v) = singular(j);
        assert!((s1 - slope).abs() < 1e-5 && s2.abs() < 1e-5 && angle.abs() < 1e-5 && (v[0].abs() - 1.0).abs() < 1e-5);
    }
    // A rotation by 90° scaled by 2: both singular values 2.
    let (s1, s2, _, _) = singular([[0.0, -2.0], [2.0, 0.0]]);
    assert!((s1 - 2.0).abs() < 1e-5 && (s2 - 2.0).abs() < 1e-5);
    // The grid covers the plane row by row from the top.
    let g = grid_points(4);
    assert_eq!(g.len(), 16);
    assert!(g[0][1] > 0.0 && g[0][0] < 0.0 && g[15][1] < 0.0 && g[15][0] > 0.0);
}

#[test]
fn the_jacobian_is_autodiffs() {
    let device = cpu().autodiff();
    for tied in [false, true] {
        let model = AutoencoderConfig { latent: 16, input: 2, tied, form: Form { activation: Activation::Tanh, output: Output::Linear, scale: Scale::Symmetric } }.init(&device);
        let read = |t: Tensor<1>| t.into_data().try_to_vec::<f32>().unwrap();
        let w = Weights::from_flat(&read(Weights::flat(&model)), 16);
        for x in [[0.2f32, -0.4], [-0.9, 0.7]] {
            let j = jacobian(&w.encoder, &w.bias, &w.decoder, x);
            for out in 0..2 {
                let input = Tensor::<2>::from_data(TensorData::new(x.to_vec(), [1, 2]), &device).require_grad();
                let y = model.reconstruct(input.clone()).slice([0..1, out..out + 1]).sum();
                let g = read(input.grad(&y.backward()).unwrap().reshape([-1]));
                for i in 0..2 {
                    assert!((g[i] - j[out][i]).abs() < 1e-5, "tied {tied}, x {x:?}: ∂f{out}/∂x{i} autodiff {} closed form {}", g[i], j[out][i]);
                }
            }
            let y = model.reconstruct(Tensor::from_data(TensorData::new(x.to_vec(), [1, 2]), &device));
            let y = read(y.reshape([-1]));
            let host = w.apply(x);
            assert!((y[0] - host[0]).abs() < 1e-5 && (y[1] - host[1]).abs() < 1e-5);
        }
    }
}

#[test]
fn the_denoising_autoencoder_pulls_the_plane_onto_the_curve() {
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.plane_setup(setup(Curve::Branches)).unwrap();
    let before = block_on(lab.plane_view(Way::Denoising, 16)).unwrap();
    block_on(lab.plane_train(1500)).unwrap();
    let view = block_on(lab.plane_view(Way::Denoising, 16)).unwrap();
    assert_ne!(before.field.clone().into_vec(), view.field.clone().into_vec(), "training changed the field");
    let d = view.all.denoising;
    let plain = view.all.plain;
    // Points on the curve barely move; points at σ move much more; far ones more still.
    assert!(d.travel_on < 0.4 * d.travel_sigma && d.travel_sigma < d.travel_far, "{d:?}");
    // It squashes across the curve and keeps along it: its most stretched direction is the tangent.
    assert!(d.alignment > 0.95 && d.ratio < 0.3, "{d:?}");
    // The plain autoencoder, trained on clean points only, stays close to the identity.
    assert!(plain.ratio > 0.7, "{plain:?}");
    // Applying it again moves the noisy points closer to the curve.
    let noisy = block_on(lab.plane_apply(Way::Denoising, 0)).unwrap().into_vec();
    let moved = block_on(lab.plane_apply(Way::Denoising, 3)).unwrap().into_vec();
    let off = |v: &[f32]| v.chunks_exact(2).map(|p| {
        let (q, _) = Curve::Branches.nearest([p[0], p[1]]);
        ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt()
    }).sum::<f32>() / (v.len() / 2) as f32;
    assert!(off(&moved) < 0.5 * off(&noisy), "noisy {} after ×3 {}", off(&noisy), off(&moved));
    // Bad settings change nothing.
    assert!(lab.plane_setup(PlaneSetup { sigma: 2.0, ..setup(Curve::Circle) }).unwrap_err().contains("σ must be"));
    assert_eq!(block_on(lab.plane_view(Way::Denoising, 16)).unwrap().steps, 1500);
}

#[test]
fn the_helix_is_unrolled_onto_a_line() {
    assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[10.0, 20.0, 30.0, 40.0]) - 1.0).abs() < 1e-6);
    assert!((spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-6);
    let mut lab = block_on(Lab::new(Backend::NdArray)).unwrap();
    lab.helix_setup(HelixSetup { points: 300, seed: 1, hidden: 64, turns: 1.0 }).unwrap();
    block_on(lab.helix_train(1000)).unwrap();
    let v = block_on(lab.helix_view()).unwrap();
    assert!(v.rho.abs() > 0.95, "ρ {}", v.rho);
    // Points correspond: the training points come back onto the helix; codes beyond theirs do not.
    assert!(v.off_training < 0.02 && v.off_beyond > 10.0 * v.off_training, "{} {}", v.off_training, v.off_beyond);
    assert_eq!(v.path.len(), 64 * 3);
}
