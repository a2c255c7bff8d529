//! The contract between the page and the wasm face, written once: the TypeScript declarations
//! of every record that crosses `web.rs` (in either direction) are generated from the Rust
//! types by `ts-rs` and kept in `www/types/face.d.ts`, which the page's JSDoc imports and
//! `tsc --checkJs` checks (`pkg-scripts/test`). A field renamed or retyped here and not there
//! fails this test; `AEP_BLESS=1 cargo test --lib contract` writes the file anew.
//!
//! Compiled for tests only: the derives are `#[cfg_attr(test, derive(ts_rs::TS))]`, so the
//! modules the page downloads carry none of it.

use std::collections::BTreeMap;
use ts_rs::{Config, TS, TypeVisitor};

/// Collects a type's declaration and those of everything it names, once each, by name.
struct Declarations<'a> {
    config: &'a Config,
    by_name: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Only the project's own records are declared (std's types have no output path).
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident(self.config);
        if self.by_name.contains_key(&name) {
            return;
        }
        let docs = T::docs().unwrap_or_default();
        self.by_name.insert(name, format!("{docs}export {}", T::decl(self.config)));
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// Every record the face hands out or takes, with the records they contain.
pub(crate) fn declarations() -> String {
    use crate::{anomaly, energy, evaluation, interpolate, kernels, lab, latent, manifold, pca, restoration, spec, superres, training, transform, unrolling};
    let config = Config::new().with_large_int("number");
    let mut all = Declarations { config: &config, by_name: BTreeMap::new() };
    // Results.
    all.visit::<spec::ModelSpec>();
    all.visit::<spec::BuilderOptions>();
    all.visit::<training::TrainReport>();
    all.visit::<evaluation::Evaluation>();
    all.visit::<kernels::Ink>();
    all.visit::<kernels::Kernels>();
    all.visit::<pca::PcaComparison>();
    all.visit::<restoration::Denoised>();
    all.visit::<interpolate::Interpolation>();
    all.visit::<energy::EnergyFrame>();
    all.visit::<anomaly::AnomalyReport>();
    all.visit::<anomaly::AnomalyRoc>();
    all.visit::<latent::MapReport>();
    all.visit::<manifold::PlaneView>();
    all.visit::<unrolling::HelixView>();
    all.visit::<lab::ToyReport>();
    all.visit::<superres::Upscaled>();
    all.visit::<superres::UpscaleScores>();
    all.visit::<transform::Transformed>();
    all.visit::<transform::TransformCurve>();
    // Arguments.
    all.visit::<spec::Recipe>();
    all.visit::<manifold::PlaneSetup>();
    all.visit::<manifold::Way>();
    all.visit::<unrolling::HelixSetup>();
    all.visit::<superres::SuperResSetup>();
    all.visit::<transform::Transform>();
    all.visit::<transform::Kind>();
    all.visit::<transform::Augmentation>();
    let mut text = String::from(
        "// The records of the wasm face, generated from the Rust types (src/contract.rs) by ts-rs.\n\
         // Do not edit: `AEP_BLESS=1 cargo test --lib contract` writes this file anew.\n\n",
    );
    for declaration in all.by_name.values() {
        text.push_str(declaration);
        text.push_str("\n\n");
    }
    text
}

#[cfg(test)]
mod tests {
    const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/types/face.d.ts");

    #[test]
    fn the_page_declares_every_record_as_rust_defines_it() {
        let generated = super::declarations();
        if std::env::var("AEP_BLESS").as_deref() == Ok("1") {
            std::fs::create_dir_all(std::path::Path::new(PATH).parent().unwrap()).unwrap();
            std::fs::write(PATH, &generated).unwrap();
        }
        let kept = std::fs::read_to_string(PATH).unwrap_or_default();
        assert!(
            kept == generated,
            "www/types/face.d.ts differs from the Rust records: run `AEP_BLESS=1 cargo test --lib contract` and commit the file"
        );
    }
}
