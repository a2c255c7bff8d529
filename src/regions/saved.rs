//! The regions lab's two networks saved, to go on training on the next visit (the page keeps
//! them in the browser's storage after each run). Layout, little-endian: `b"AEPR" | u32 header
//! length | header (JSON: the setup, β, the steps, the random stream's state) | u32 length | the
//! variational autoencoder's weights (burnpack) | the plain one's (burnpack)`. Adam's moments
//! are not kept: a restored training starts them afresh, and its batches from a new shuffle.
//! A file that does not add up, or does not fit the setup it names, is refused and changes
//! nothing.

use super::{Regions, RegionsSetup, Vae};
use crate::data::Digits;
use crate::format::REGIONS_MAGIC;
use crate::rng::Rng;
use crate::weights::linear_on;
use burn::module::Module;
use burn::prelude::*;
use burn::store::ModuleRecord;
use burn::tensor::Bytes;
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Header {
    setup: RegionsSetup,
    beta: f32,
    steps: usize,
    rng: u64,
}

/// A network's weights as burnpack bytes, read asynchronously onto the CPU first (so this
/// works on WebGPU too).
async fn weights(net: &Vae) -> Result<Vec<u8>, String> {
    #[allow(deprecated)]
    let cpu = Device::ndarray();
    let on_cpu = Vae { hidden: linear_on(&net.hidden, &cpu).await?, code: linear_on(&net.code, &cpu).await?, back: linear_on(&net.back, &cpu).await?, output: linear_on(&net.output, &cpu).await? };
    Ok(on_cpu.into_record().into_bytes().map_err(|e| format!("writing the weights failed: {e}"))?.to_vec())
}

fn net(bytes: &[u8], latent: usize, device: &Device) -> Result<Vae, String> {
    let bad = |e: &dyn std::fmt::Display| format!("the saved variational autoencoder does not fit its setup: {e}");
    let record = ModuleRecord::from_bytes(Bytes::from_bytes_vec(bytes.to_vec())).map_err(|e| bad(&e))?;
    Vae::new(latent, device).try_load_record(record).map_err(|e| bad(&e))
}

impl Regions {
    /// Both networks, their setup, β, steps and random stream, as bytes.
    pub async fn save(&self) -> Result<Vec<u8>, String> {
        let header = serde_json::to_vec(&Header { setup: self.setup, beta: self.beta, steps: self.steps, rng: self.rng.state() }).map_err(|e| e.to_string())?;
        let vae = weights(&self.vae()).await?;
        let plain = weights(&self.plain()).await?;
        let mut out = REGIONS_MAGIC.to_vec();
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(&header);
        out.extend_from_slice(&(vae.len() as u32).to_le_bytes());
        out.extend_from_slice(&vae);
        out.extend_from_slice(&plain);
        Ok(out)
    }

    /// The networks [`Regions::save`] wrote, on `digits`, to train on.
    pub fn load(bytes: &[u8], digits: &Digits, device: &Device) -> Result<Self, String> {
        if bytes.get(..4) != Some(REGIONS_MAGIC) {
            return Err("these are not the regions lab's saved networks".into());
        }
        let short = || "the regions lab's saved networks are cut short".to_string();
        let u32_at = |at: usize| -> Result<usize, String> { Ok(u32::from_le_bytes(bytes.get(at..at + 4).ok_or_else(short)?.try_into().expect("4 bytes")) as usize) };
        let header_len = u32_at(4)?;
        let header: Header = serde_json::from_slice(bytes.get(8..8 + header_len).ok_or_else(short)?).map_err(|e| format!("the regions lab's saved networks have a bad header: {e}"))?;
        let at = 8 + header_len;
        let vae_len = u32_at(at)?;
        let vae = bytes.get(at + 4..at + 4 + vae_len).ok_or_else(short)?;
        let plain = bytes.get(at + 4 + vae_len..).ok_or_else(short)?;
        let mut regions = Regions::new(header.setup, digits, device)?;
        crate::regions::check_beta(header.beta)?;
        let device = device.clone().autodiff();
        regions.vae = Some(net(vae, header.setup.latent, &device)?.train());
        regions.plain = Some(net(plain, header.setup.latent, &device)?.train());
        regions.beta = header.beta;
        regions.steps = header.steps;
        regions.rng = Rng::resume(header.rng);
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
