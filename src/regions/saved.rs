//! The regions lab's two networks saved, to go on training on the next visit (the page keeps
//! them in the browser's storage after each run). Layout, little-endian: `b"AEPR" | u32 code
//! size d | f32 β | u64 seed | u64 steps | u64 the random stream's state | the variational
//! autoencoder's weights | the plain one's`, each network's four layers in order (`hidden`,
//! `code`, `back`, `output`), each its weight `[in, out]` then its bias, f32 (raw values rather
//! than burnpack or JSON: the page's first module stays small). Adam's moments
//! are not kept: a restored training starts them afresh, and its batches from a new shuffle.
//! A file that does not add up, or does not fit the setup it names, is refused and changes
//! nothing.

use super::{HIDDEN, Regions, RegionsSetup, Vae};
use crate::data::Digits;
use crate::format::REGIONS_MAGIC;
use crate::model::IMAGE_PIXELS;
use crate::rng::Rng;
use crate::weights::{Reader, linear};
use burn::nn::Linear;
use burn::prelude::*;

/// The layers' shapes `[in, out]` of a network with codes of `latent` numbers.
fn shapes(latent: usize) -> [(usize, usize); 4] {
    [(IMAGE_PIXELS, HIDDEN), (HIDDEN, 2 * latent), (latent, HIDDEN), (HIDDEN, IMAGE_PIXELS)]
}

/// A network's weights, read asynchronously (so this works on WebGPU too), appended to `out`.
async fn write(net: &Vae, out: &mut Vec<u8>) -> Result<(), String> {
    let read = |t: Tensor<1>| async move {
        t.into_data_async().await.map_err(|e| format!("reading the weights failed: {e}"))?.try_to_vec::<f32>().map_err(|e| format!("unexpected tensor data: {e:?}"))
    };
    for layer in [&net.hidden, &net.code, &net.back, &net.output] {
        let bias = layer.bias.as_ref().ok_or("a layer without its bias")?.val();
        for v in read(layer.weight.val().reshape([-1])).await?.into_iter().chain(read(bias).await?) {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    Ok(())
}

/// A network read back from `reader`.
fn read(reader: &mut Reader, latent: usize, device: &Device) -> Result<Vae, String> {
    let short = || "the regions lab's saved networks are cut short".to_string();
    let mut layers = shapes(latent).into_iter().map(|(rows, cols)| -> Result<Linear, String> {
        let w = reader.floats(rows * cols).ok_or_else(short)?;
        Ok(linear(w, reader.floats(cols).ok_or_else(short)?, rows, cols, device))
    });
    let mut next = || layers.next().expect("four layers");
    Ok(Vae { hidden: next()?, code: next()?, back: next()?, output: next()? })
}

impl Regions {
    /// Both networks, their setup, β, steps and random stream, as bytes.
    pub async fn save(&self) -> Result<Vec<u8>, String> {
        let mut out = REGIONS_MAGIC.to_vec();
        out.extend_from_slice(&(self.setup.latent as u32).to_le_bytes());
        out.extend_from_slice(&self.beta.to_le_bytes());
        for v in [self.setup.seed, self.steps as u64, self.rng.state()] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        write(&self.vae(), &mut out).await?;
        write(&self.plain(), &mut out).await?;
        Ok(out)
    }

    /// The networks [`Regions::save`] wrote, on `digits`, to train on.
    pub fn load(bytes: &[u8], digits: &Digits, device: &Device) -> Result<Self, String> {
        if bytes.get(..4) != Some(REGIONS_MAGIC) {
            return Err("these are not the regions lab's saved networks".into());
        }
        let short = || "the regions lab's saved networks are cut short".to_string();
        let mut reader = Reader { bytes, at: 4, non_finite: false };
        let latent = reader.u32().ok_or_else(short)? as usize;
        let beta = reader.floats(1).ok_or_else(short)?[0];
        let mut u64s = [0u64; 3];
        for v in &mut u64s {
            *v = u64::from_le_bytes(reader.take(8).ok_or_else(short)?.try_into().expect("8 bytes"));
        }
        let [seed, steps, rng] = u64s;
        let mut regions = Regions::new(RegionsSetup { latent, beta, seed }, digits, device)?;
        let autodiff = device.clone().autodiff();
        let vae = read(&mut reader, latent, &autodiff)?;
        let plain = read(&mut reader, latent, &autodiff)?;
        if reader.at != bytes.len() {
            return Err(format!("the regions lab's saved networks have {} bytes too many", bytes.len() - reader.at));
        }
        if reader.non_finite {
            return Err("the regions lab's saved networks hold a weight that is not a finite number".into());
        }
        regions.vae = Some(vae.train());
        regions.plain = Some(plain.train());
        regions.steps = steps as usize;
        regions.rng = Rng::resume(rng);
        Ok(regions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;

    #[test]
    fn saved_networks_come_back_as_they_were() {
        let device = Backend::NdArray.device_blocking().unwrap();
        let digits = crate::data::files::page_training_set().unwrap().take(512);
        let mut r = Regions::new(RegionsSetup { latent: 2, beta: 4.0, seed: 3 }, &digits, &device).unwrap();
        for _ in 0..3 {
            r.step();
        }
        let bytes = crate::block_on(r.save()).unwrap();
        let back = Regions::load(&bytes, &digits, &device).unwrap();
        assert_eq!((back.steps, back.beta, back.setup), (3, 4.0, r.setup));
        let x = crate::data::batch(&Tensor::<2>::from_data(TensorData::new(digits.unit(), [digits.len(), 784]), &device), &[0, 1]);
        let codes = |n: Vae| n.encode(x.clone()).0.into_data().try_to_vec::<f32>().unwrap();
        assert_eq!(codes(r.vae()), codes(back.vae()));
        assert_eq!(codes(r.plain()), codes(back.plain()));
        assert!(Regions::load(&bytes[..bytes.len() - 10], &digits, &device).is_err());
        assert!(Regions::load(b"AEPM....", &digits, &device).err().unwrap().contains("not the regions"));
    }
}
