//! Where the tensors live: the GPU through wgpu (WebGPU in the browser, Vulkan/Metal/DX12
//! natively) or the CPU (Burn's `ndarray` backend, or its newer `flex` backend).

use burn::prelude::{Device, Tensor};

/// A compute backend the lab can run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Backend {
    /// burn-wgpu: WebGPU in the browser, the native GPU API elsewhere.
    Gpu,
    /// burn-ndarray on the CPU.
    NdArray,
    /// burn-flex on the CPU.
    Flex,
}

impl Backend {
    pub const ALL: [Backend; 3] = [Backend::Gpu, Backend::NdArray, Backend::Flex];

    /// The name used in URLs, the JavaScript API and the command lines.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Gpu => "webgpu",
            Backend::NdArray => "cpu",
            Backend::Flex => "flex",
        }
    }

    /// Parses [`Backend::name`] (`gpu` and `wgpu` are accepted for the GPU, `ndarray` for the CPU).
    pub fn from_name(name: &str) -> Result<Self, String> {
        match name {
            "webgpu" | "gpu" | "wgpu" => Ok(Backend::Gpu),
            "cpu" | "ndarray" => Ok(Backend::NdArray),
            "flex" => Ok(Backend::Flex),
            other => Err(format!("unknown backend '{other}' (expected webgpu, cpu or flex)")),
        }
    }

    /// Opens the device. Only the GPU can fail (no adapter, no WebGPU, a lost device).
    pub async fn device(self) -> Result<Device, String> {
        crate::runtime::run_constructors_once();
        match self {
            #[cfg(feature = "gpu")]
            Backend::Gpu => {
                // wgpu registers one runtime per device for the life of the program: a second
                // initialisation fails ("a server is still registered"), so every session after
                // the first (a backend switch, the start-up probe) reuses the first device.
                thread_local! {
                    static GPU: std::cell::RefCell<Option<Device>> = const { std::cell::RefCell::new(None) };
                }
                if let Some(device) = GPU.with(|g| g.borrow().clone()) {
                    return Ok(device);
                }
                let device = Device::wgpu_options().init_async().await.map_err(|e| format!("no usable GPU: {e}"))?;
                GPU.with(|g| *g.borrow_mut() = Some(device.clone()));
                Ok(device)
            }
            #[cfg(not(feature = "gpu"))]
            Backend::Gpu => Err("this build has no GPU backend (the page loads its WebGPU module for it; natively, build with --features gpu)".into()),
            #[allow(deprecated)]
            Backend::NdArray => Ok(Device::ndarray()),
            #[cfg(feature = "flex")]
            Backend::Flex => Ok(Device::flex()),
            #[cfg(not(feature = "flex"))]
            Backend::Flex => Err("this build has no burn-flex backend (the page loads its full module for it; natively, build with --features flex)".into()),
        }
    }

    /// Reads a tensor's values: synchronously on the CPU backends (an asynchronous read there
    /// still waits for a browser task, about 5 ms a call), asynchronously on the GPU, where a
    /// synchronous read is impossible in the browser.
    pub async fn read<const D: usize>(self, t: Tensor<D>) -> Result<Vec<f32>, String> {
        let data = if self == Backend::Gpu {
            t.into_data_async().await.map_err(|e| format!("reading from the device failed: {e}"))?
        } else {
            t.try_into_data().map_err(|e| format!("reading from the device failed: {e:?}"))?
        };
        data.try_to_vec::<f32>().map_err(|e| format!("unexpected tensor data: {e:?}"))
    }

    /// Opens the device, blocking (native only).
    #[cfg(not(target_family = "wasm"))]
    pub fn device_blocking(self) -> Result<Device, String> {
        crate::runtime::block_on(self.device())
    }
}
