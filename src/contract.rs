//! The contract between the page and the wasm face, written once: the TypeScript declarations
//! of every record that crosses `web.rs` (in either direction) are generated from the Rust
//! types by `ts-rs` and kept in `www/types/face.d.ts`, which the page's JSDoc imports and
//! `tsc --checkJs` checks (`pkg-scripts/test`). A field renamed or retyped here and not there
//! fails this test; `AEP_BLESS=1 cargo test --lib contract` writes the file anew.
//!
//! The operations are listed once, below (`face!`): each line names a method of `web.rs`, its
//! argument record and its result. The compiler checks each line against the method (a
//! function per line calls it with those types), and the list becomes `FaceMethods` in
//! `face.d.ts` (what the page's client offers) and `www/types/operations.js` (who answers each
//! operation: the open session or a static function of the module).
//!
//! Compiled for tests only: the derives are `#[cfg_attr(test, derive(ts_rs::TS))]`, so the
//! modules the page downloads carry none of it.

use std::collections::BTreeMap;
use crate::record::Images;
use crate::web::*;
use ts_rs::{Config, TS, TypeVisitor};

/// Collects a type's declaration and those of everything it names, once each, by name.
pub(crate) struct Declarations<'a> {
    pub(crate) config: &'a Config,
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

/// What an operation's result is in the page, and the records it names.
pub(crate) trait Returned {
    fn ts(all: &mut Declarations) -> String;
}

impl<T: Returned> Returned for Result<T, String> {
    fn ts(all: &mut Declarations) -> String {
        T::ts(all)
    }
}

impl<T: TS + serde::Serialize + 'static> Returned for Js<T> {
    fn ts(all: &mut Declarations) -> String {
        all.visit::<T>();
        T::name(all.config)
    }
}

macro_rules! returned {
    ($($ty:ty => $ts:literal),*) => {
        $(impl Returned for $ty {
            fn ts(_: &mut Declarations) -> String {
                $ts.into()
            }
        })*
    };
}

returned!(Images => "Float32Array", Vec<u8> => "Uint8Array", String => "string", bool => "boolean", usize => "number", () => "void");

/// One operation of the face, as the page sees it.
pub(crate) struct Operation {
    pub(crate) name: &'static str,
    pub(crate) by: &'static str,
    pub(crate) args: Option<String>,
    pub(crate) result: String,
}

use crate::anomaly::{AnomalyReport, AnomalyRoc};
use crate::energy::EnergyFrame;
use crate::evaluation::Evaluation;
use crate::interpolate::Interpolation;
use crate::kernels::{Ink, Kernels};
use crate::lab::ToyReport;
use crate::latent::MapReport;
use crate::manifold::{PlaneSetup, PlaneView};
use crate::pca::PcaComparison;
use crate::restoration::Denoised;
use crate::spec::{BuilderOptions, ModelSpec};
use crate::superres::{SuperResSetup, UpscaleScores, Upscaled};
use crate::training::TrainReport;
use crate::transform::{TransformCurve, Transformed};
use crate::unrolling::{HelixSetup, HelixView};

crate::web::operations! {
    session models() -> Js<Vec<ModelSpec>>;
    session add_model(AddModel) -> Result<Js<ModelSpec>, String>;
    session remove_model(Model) -> Result<(), String>;
    module builder_options() -> Js<BuilderOptions>;
    awaited export_model(Model) -> Result<Vec<u8>, String>;
    awaited export_notebook(Model) -> Result<Vec<u8>, String>;
    awaited export_ipynb(NotebookExport) -> Result<String, String>;
    session import_model(ImportModel) -> Result<Js<ModelSpec>, String>;
    module is_model_file(File) -> Result<bool, String>;
    module is_notebook_file(File) -> Result<bool, String>;
    session load_weights(ModelFile) -> Result<(), String>;
    awaited weights(Model) -> Result<Vec<u8>, String>;
    awaited checkpoint(Model) -> Result<Vec<u8>, String>;
    session history(Model) -> Result<Images, String>;
    session reset(ModelSeed) -> Result<(), String>;
    session steps(Model) -> Result<usize, String>;
    awaited train(ModelSteps) -> Result<Js<TrainReport>, String>;
    awaited evaluate(ModelLimit) -> Result<Js<Evaluation>, String>;
    awaited reconstruct(Reconstruct) -> Result<Images, String>;
    module corrupt(Corrupt) -> Result<Images, String>;
    awaited encode(ModelPixels) -> Result<Images, String>;
    awaited decode(ModelCodes) -> Result<Images, String>;
    awaited denoise(Denoise) -> Result<Js<Denoised>, String>;
    awaited interpolate(Interpolate) -> Result<Js<Interpolation>, String>;
    awaited energy_start(EnergyStart) -> Result<Js<EnergyFrame>, String>;
    awaited energy_step(Iterations) -> Result<Js<EnergyFrame>, String>;
    awaited anomaly(ModelPixels) -> Result<Js<AnomalyReport>, String>;
    awaited anomaly_scores(Model) -> Result<Images, String>;
    awaited anomaly_roc(ModelOutliers) -> Result<Js<AnomalyRoc>, String>;
    awaited latent_map(ModelCount) -> Result<Js<MapReport>, String>;
    session map_codes(ModelCodes) -> Result<Images, String>;
    awaited map_decode(ModelPoints) -> Result<Images, String>;
    module quantise(Quantise) -> Result<Images, String>;
    awaited kernels(Model) -> Result<Js<Kernels>, String>;
    session ink() -> Result<Js<Ink>, String>;
    awaited pca(ModelLimit) -> Result<Js<PcaComparison>, String>;
    session plane_setup(PlaneSetup) -> Result<usize, String>;
    awaited train_toy(ToySteps) -> Result<Js<ToyReport>, String>;
    awaited plane_view(PlaneLook) -> Result<Js<PlaneView>, String>;
    awaited plane_apply(PlaneMove) -> Result<Images, String>;
    session helix_setup(HelixSetup) -> Result<usize, String>;
    awaited helix_view() -> Result<Js<HelixView>, String>;
    session superres_setup(SuperResSetup) -> Result<usize, String>;
    awaited superres(Pixels) -> Result<Js<Upscaled>, String>;
    awaited superres_scores(ClassRange) -> Result<Js<UpscaleScores>, String>;
    awaited transform(Transforming) -> Result<Js<Transformed>, String>;
    awaited transform_curve(TransformKind) -> Result<Js<TransformCurve>, String>;
    session set_augmentation(Augmenting) -> Result<(), String>;
}

/// The face's methods the worker calls itself, and which are no operation of the page.
const WORKER_ONLY: [&str; 6] = ["open", "backend", "load_digits", "training_len", "test_len", "image_to_digit"];

/// Every record the face hands out or takes, with the records they contain.
pub(crate) fn declarations() -> (String, String) {
    let config = Config::new().with_large_int("number");
    let mut all = Declarations { config: &config, by_name: BTreeMap::new() };
    let mut operations = operations(&mut all);
    operations.extend(crate::lab_operations(&mut all));
    let mut text = String::from(
        "// The records and operations of the wasm face, generated from the Rust types and the list in\n\
         // src/contract.rs (records by ts-rs). Do not edit: `AEP_BLESS=1 cargo test --lib contract`\n\
         // writes this file anew.\n\n",
    );
    for declaration in all.by_name.values() {
        text.push_str(declaration);
        text.push_str("\n\n");
    }
    text.push_str("/** The face's operations, as the page's client offers them (one argument record each). */\nexport interface FaceMethods {\n");
    let mut js = String::from(
        "// @ts-check\n// Who answers each operation of the wasm face: the open session or a static function of the\n\
         // module. Generated from src/contract.rs: `AEP_BLESS=1 cargo test --lib contract` writes it anew.\n\n\
         /** @type {Readonly<Record<keyof import('./face').FaceMethods, 'session' | 'static'>>} */\nexport const FACE = Object.freeze({\n",
    );
    for op in &operations {
        let args = op.args.as_ref().map(|a| format!("args: {a}")).unwrap_or_default();
        text.push_str(&format!("  {}({args}): Promise<{}>;\n", op.name, op.result));
        js.push_str(&format!("  {}: '{}',\n", op.name, op.by));
    }
    text.push_str("}\n");
    js.push_str("});\n");
    (text, js)
}

#[cfg(test)]
mod tests {
    const DECLARATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/types/face.d.ts");
    const OPERATIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/types/operations.js");

    #[test]
    fn the_page_declares_every_record_and_operation_as_rust_defines_them() {
        let (declarations, operations) = super::declarations();
        if std::env::var("AEP_BLESS").as_deref() == Ok("1") {
            std::fs::create_dir_all(std::path::Path::new(DECLARATIONS).parent().unwrap()).unwrap();
            std::fs::write(DECLARATIONS, &declarations).unwrap();
            std::fs::write(OPERATIONS, &operations).unwrap();
        }
        for (path, generated) in [(DECLARATIONS, &declarations), (OPERATIONS, &operations)] {
            let kept = std::fs::read_to_string(path).unwrap_or_default();
            assert!(
                &kept == generated,
                "{path} differs from the Rust records and operations: run `AEP_BLESS=1 cargo test --lib contract` and commit it"
            );
        }
    }

    /// Every public method of the face is an operation of the list or one the worker calls itself.
    #[test]
    fn every_method_of_the_face_is_listed() {
        let config = ts_rs::Config::new();
        let mut all = super::Declarations { config: &config, by_name: Default::default() };
        let mut operations = super::operations(&mut all);
        operations.extend(crate::lab_operations(&mut all));
        let listed: Vec<&str> = operations.iter().map(|op| op.name).collect();
        // The face's methods: src/web.rs's, and each lab folder's face.rs.
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut face = std::fs::read_to_string(format!("{src}/web.rs")).unwrap();
        for entry in std::fs::read_dir(src).unwrap().flatten() {
            if let Ok(text) = std::fs::read_to_string(entry.path().join("face.rs")) {
                face.push_str(&text);
            }
        }
        let methods: Vec<&str> = face
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub async fn ").or_else(|| l.trim().strip_prefix("pub fn ")))
            .filter_map(|l| l.split('(').next())
            .filter(|name| !["start"].contains(name))
            .collect();
        for name in &methods {
            assert!(listed.contains(name) || super::WORKER_ONLY.contains(name), "the face's `{name}` is in no list of operations (contract.rs's, a lab's face.rs) nor WORKER_ONLY");
        }
        for name in &listed {
            assert!(methods.contains(name), "`{name}` is listed, but the face does not have it");
        }
    }
}
