//! Checkpoints (`checkpoint.rs`), what the page's autosave keeps in the browser's storage:
//! read, then restored into the model they name if they fit it.
#![no_main]
use autoencoder_playground::checkpoint::Checkpoint;
use autoencoder_playground::lab::Lab;
use autoencoder_playground::{Backend, block_on};
use std::cell::RefCell;

thread_local! {
    static LAB: RefCell<Lab> = RefCell::new(block_on(Lab::new(Backend::NdArray)).expect("a CPU session"));
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(checkpoint) = Checkpoint::read(data) {
        let model = checkpoint.recipe.name.clone();
        LAB.with(|lab| {
            let _ = lab.borrow_mut().load_weights(&model, data);
        });
    }
});
