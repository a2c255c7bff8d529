//! Loading a file into a model of the table, as the page's Upload and every session does
//! (`Lab::load_weights`): burnpack, 8-bit (`AEP8`), the notebook's safetensors, checkpoints
//! (`AEPC`). The first byte picks the model.
#![no_main]
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, block_on};
use std::cell::RefCell;

thread_local! {
    static LAB: RefCell<Lab> = RefCell::new(block_on(Lab::new(Backend::NdArray)).expect("a CPU session"));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let model = if which % 2 == 0 { "standard" } else { "denoising" };
    LAB.with(|lab| {
        let _ = lab.borrow_mut().load_weights(model, bytes);
    });
});
