//! The digits format (`data.rs`): the page's data sets and a student's own set, as downloaded
//! or dropped back onto the page.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = autoencoder_playground::data::Digits::from_bytes(data);
});
