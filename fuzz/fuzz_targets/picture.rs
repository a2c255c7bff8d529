//! A picture made a digit (`drawing::image_to_mnist`), as the own data set takes them: the
//! first two bytes give the width and height (1 to 256), the rest is RGBA (cut or padded with
//! zeros to the size, as the worker's canvas always gives whole images).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let (w, h) = (data[0] as usize + 1, data[1] as usize + 1);
    let mut rgba = data[2..].to_vec();
    rgba.resize(w * h * 4, 0);
    let _ = autoencoder_playground::drawing::image_to_mnist(&rgba, w, h);
});
