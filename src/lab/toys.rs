//! The labs with models of their own, apart from the table of models: the manifold lab's plane
//! (three 2 → h → 2 autoencoders, figures 15–18) and helix (3 → h → 1 → h → 3, figure 19), and
//! the super-resolution network (figure 9). Each is a [`Toy`]: set up from its settings,
//! trained in steps through one loop ([`Lab::toy_train`]), drawn from a view its concept module
//! computes. A new one is a type that implements [`Toy`] and a field of [`Toys`].

use super::Lab;
use crate::manifold::{Plane, PlaneSetup, PlaneView, Way, Weights};
use crate::record::Images;
use crate::superres::{SuperRes, SuperResSetup, UpscaleScores, Upscaled};
use crate::unrolling::{Helix, HelixSetup, HelixView, Probe};
use burn::prelude::*;
use serde::Serialize;

/// A lab's own model that trains in full-batch steps.
pub trait Toy: Clone + Sized {
    /// What the messages call it ("the helix is not set up").
    const NAME: &'static str;
    /// The names of the models it trains, in the order of the losses a step gives.
    const MODELS: &'static [&'static str];
    /// One training step; its losses stay on the device until the run is read.
    fn step(&mut self) -> Tensor<1>;
    /// Steps taken since it was set up.
    fn steps(&self) -> usize;
    /// Where the session keeps it: a field of [`Toys`], or a lab folder's own state
    /// ([`Lab::own`]).
    fn slot(lab: &mut Lab) -> &mut Option<Self>;
    fn get(lab: &Lab) -> Option<&Self>;
}

/// Every toy of a session, each once set up.
#[derive(Default)]
pub struct Toys {
    plane: Option<Plane>,
    helix: Option<Helix>,
    superres: Option<SuperRes>,
}

/// Implements [`Toy`] for each type with an inherent `step` and a `steps` count, kept in the
/// field `$field` of [`Toys`] and trained by the page under the name `$key`
/// ([`Lab::train_toy`]).
macro_rules! toys {
    ($($ty:ty, $field:ident, $key:literal, $name:literal, [$($model:literal),+];)*) => {
        $(toy!($ty, $field, $name, [$($model),+]);)*

        /// The names the page trains the toys by, in the order of [`Toys`]' fields.
        pub const TOY_NAMES: &[&str] = &[$($key),*];

        impl Lab {
            /// Takes `steps` steps of the toy the page names `name` (see [`TOY_NAMES`]).
            pub async fn train_toy(&mut self, name: &str, steps: usize) -> Result<ToyReport, String> {
                match name {
                    $($key => self.toy_train::<$ty>(steps).await,)*
                    other => match crate::train_lab_toy(self, other, steps).await {
                        Some(report) => report,
                        None => Err(format!("no lab trains '{other}' (expected one of {})", TOY_NAMES.iter().copied().chain(crate::lab_toys()).collect::<Vec<_>>().join(", "))),
                    },
                }
            }
        }
    };
}

macro_rules! toy {
    ($ty:ty, $field:ident, $name:literal, [$($model:literal),+]) => {
        impl Toy for $ty {
            const NAME: &'static str = $name;
            const MODELS: &'static [&'static str] = &[$($model),+];
            fn step(&mut self) -> Tensor<1> {
                <$ty>::step(self)
            }
            fn steps(&self) -> usize {
                self.steps
            }
            fn slot(lab: &mut Lab) -> &mut Option<Self> {
                &mut lab.toys.$field
            }
            fn get(lab: &Lab) -> Option<&Self> {
                lab.toys.$field.as_ref()
            }
        }
    };
}

toys! {
    Plane, plane, "plane", "plane", ["plain", "denoising", "contractive"];
    Helix, helix, "helix", "helix", ["helix"];
    SuperRes, superres, "superres", "super-resolution network", ["network"];
}

/// What a run of a toy's training steps did.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ToyReport {
    /// Steps taken since the toy was set up.
    pub steps: usize,
    /// The last step's loss of each model it trains, by name (the plane: `plain`,
    /// `denoising`, `contractive`; the helix: `helix`; super-resolution: `network`).
    pub losses: Vec<ToyLoss>,
}

/// One model's loss.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ToyLoss {
    pub model: &'static str,
    pub loss: f32,
}

impl Lab {
    /// The toy `T`, once set up.
    fn toy<T: Toy>(&self) -> Result<&T, String> {
        T::get(self).ok_or_else(|| format!("the {} is not set up", T::NAME))
    }

    /// Takes `steps` (1 to 10,000) steps of the toy `T` on a copy, reading the losses once at
    /// the end; the copy replaces it only if every loss is finite, so a failed run changes
    /// nothing.
    pub async fn toy_train<T: Toy>(&mut self, steps: usize) -> Result<ToyReport, String> {
        let mut toy = self.toy::<T>()?.clone();
        if !(1..=10_000).contains(&steps) {
            return Err(format!("the number of steps must be between 1 and 10,000, not {steps}"));
        }
        let pending: Vec<Tensor<1>> = (0..steps).map(|_| toy.step()).collect();
        let losses = self.read(Tensor::cat(pending, 0)).await?;
        if let Some(bad) = losses.iter().find(|v| !v.is_finite()) {
            return Err(format!("the loss became {bad}: training diverged, the {} was kept as it was", T::NAME));
        }
        let last = &losses[losses.len() - T::MODELS.len()..];
        let report = ToyReport { steps: toy.steps(), losses: T::MODELS.iter().zip(last).map(|(&model, &loss)| ToyLoss { model, loss }).collect() };
        *T::slot(self) = Some(toy);
        Ok(report)
    }

    /// Sets up the manifold lab's plane: points on a curve and three fresh autoencoders. Bad
    /// settings change nothing. Returns the number of points.
    pub fn plane_setup(&mut self, setup: PlaneSetup) -> Result<usize, String> {
        let plane = Plane::new(setup, &self.device)?;
        let n = plane.clean.len();
        self.toys.plane = Some(plane);
        Ok(n)
    }

    /// Takes `steps` full-batch steps of the plane's three models; a non-finite loss keeps
    /// them as they were.
    pub async fn plane_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        self.toy_train::<Plane>(steps).await
    }

    /// The weights of the plane's three models, read at once.
    async fn plane_weights(&self) -> Result<(&Plane, Vec<Weights>), String> {
        let plane = self.toy::<Plane>()?;
        let flats: Vec<Tensor<1>> = Way::ALL.iter().map(|&w| Weights::flat(&plane.model(w))).collect();
        let values = self.read(Tensor::cat(flats, 0)).await?;
        Ok((plane, Weights::all_from_flat(&values, plane.setup.hidden)))
    }

    /// What the page draws of the plane for the model trained `way`, on a `grid × grid` grid.
    pub async fn plane_view(&self, way: Way, grid: usize) -> Result<PlaneView, String> {
        if !(4..=128).contains(&grid) {
            return Err(format!("the grid must be 4 to 128 points wide, not {grid}"));
        }
        let (plane, weights) = self.plane_weights().await?;
        Ok(crate::manifold::view(plane, way, &weights, grid))
    }

    /// The noisy points moved `k` times through the model trained `way`: `n × 2`.
    pub async fn plane_apply(&self, way: Way, k: usize) -> Result<Images, String> {
        if k > 100 {
            return Err(format!("apply the model at most 100 times, not {k}"));
        }
        let (plane, weights) = self.plane_weights().await?;
        let moved = crate::manifold::apply_again(&weights[way as usize], &plane.noisy, k);
        Ok(moved.into_iter().flatten().collect::<Vec<_>>().into())
    }

    /// Sets up the helix of figure 19 and a fresh autoencoder; returns the number of points.
    pub fn helix_setup(&mut self, setup: HelixSetup) -> Result<usize, String> {
        let helix = Helix::new(setup, &self.device)?;
        let n = helix.points.len();
        self.toys.helix = Some(helix);
        Ok(n)
    }

    /// Takes `steps` full-batch steps of the helix's autoencoder.
    pub async fn helix_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        self.toy_train::<Helix>(steps).await
    }

    /// The helix, its points' codes, Spearman's ρ, and what codes between and beyond decode to
    /// (see [`HelixView::of`]): two reads, the codes and then what the probe's codes decode to.
    pub async fn helix_view(&self) -> Result<HelixView, String> {
        let helix = self.toy::<Helix>()?;
        let model = helix.model();
        let x = helix.points_tensor(&self.device);
        let codes = self.read(model.encode(x.clone())).await?;
        let probe = Probe::of(&codes);
        let all = probe.all();
        let z = Tensor::<2>::from_data(TensorData::new(all.clone(), [all.len(), 1]), &self.device);
        let decoded = self.read(Tensor::cat(vec![model.decode(z).reshape([-1]), model.decode(model.encode(x)).reshape([-1])], 0)).await?;
        Ok(HelixView::of(helix, codes, probe, &decoded))
    }

    /// Sets up a super-resolution network on the training digits (of the classes the setup
    /// keeps); returns how many digits it trains on.
    pub fn superres_setup(&mut self, setup: SuperResSetup) -> Result<usize, String> {
        let train = self.train.as_ref().ok_or("no training digits loaded")?;
        let sr = SuperRes::new(setup, &train.digits, &self.device)?;
        let n = sr.digits;
        self.toys.superres = Some(sr);
        Ok(n)
    }

    /// Takes `steps` steps of the super-resolution network: `{steps, losses}`.
    pub async fn superres_train(&mut self, steps: usize) -> Result<ToyReport, String> {
        self.toy_train::<SuperRes>(steps).await
    }

    /// One digit made small and large again every way: from a 28 × 28 image in [0, 1] (784
    /// values: shrunk here, and the truth for the PSNRs) or from a low-resolution drawing
    /// (side² values, no truth).
    pub async fn superres(&self, pixels: &[f32]) -> Result<Upscaled, String> {
        let sr = self.toy::<SuperRes>()?;
        let side = sr.setup.side();
        let (low, truth) = crate::superres::low_input(pixels, &sr.setup)?;
        let x = crate::superres::network_input(&low);
        let out = self.read(sr.model().forward(Tensor::from_data(TensorData::new(x, [1, side * side]), &self.device))).await?;
        Ok(crate::superres::upscaled(low, side, crate::superres::to_unit(out), truth.as_deref()))
    }

    /// The network against the classical upsamplers on the first `limit` test digits of the
    /// classes `from..=to`.
    pub async fn superres_scores(&self, limit: usize, from: u8, to: u8) -> Result<UpscaleScores, String> {
        let sr = self.toy::<SuperRes>()?;
        let test = self.test.as_ref().ok_or("no test digits loaded")?;
        let digits = test.digits.of_classes(from, to, limit.max(1));
        if digits.is_empty() {
            return Err(format!("no test digits of the classes {from} to {to}"));
        }
        let side = sr.setup.side();
        let low = crate::superres::low_inputs(&digits, sr.setup.factor);
        let out = self.read(sr.model().forward(Tensor::from_data(TensorData::new(low, [digits.len(), side * side]), &self.device))).await?;
        Ok(UpscaleScores::of(&digits.unit(), &crate::superres::to_unit(out), sr.setup.factor))
    }
}
