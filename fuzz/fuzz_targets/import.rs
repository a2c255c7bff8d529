//! Adding a model from a file, as the page's Upload does (`Lab::import_model`): a model file
//! (`AEPM`: recipe and weights) or a notebook file (safetensors). A model it adds is removed
//! again, so the table never fills.
#![no_main]
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, block_on};
use std::cell::RefCell;

thread_local! {
    static LAB: RefCell<Lab> = RefCell::new(block_on(Lab::new(Backend::NdArray)).expect("a CPU session"));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    LAB.with(|lab| {
        let mut lab = lab.borrow_mut();
        if let Ok(spec) = lab.import_model(data, Some("upload.safetensors")) {
            lab.remove_model(&spec.name).expect("an imported model can be removed");
        }
    });
});
