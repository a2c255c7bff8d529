//! What the program needs from its runtime before anything else runs: the wasm module's
//! static constructors, run once, and (natively) a way to wait for a future.

#[cfg(target_family = "wasm")]
unsafe extern "C" {
    /// The module's static constructors (the kernel registries of Burn's GPU compiler use
    /// them), synthesised by the linker.
    fn __wasm_call_ctors();
}

/// Runs the module's static constructors, once. Calling them ourselves also stops the linker
/// from wrapping every exported function in a call to them, which cost about 5 ms per call
/// from JavaScript. Called at start-up and before a backend is opened (test harnesses do not
/// run the start function).
pub fn run_constructors_once() {
    #[cfg(target_family = "wasm")]
    {
        static ONCE: std::sync::Once = std::sync::Once::new();
        // SAFETY: the linker's constructor function, guarded to run exactly once.
        ONCE.call_once(|| unsafe { __wasm_call_ctors() });
    }
}

/// Runs a future to completion on the current thread (native only). The CPU backends resolve
/// their reads at once; native wgpu drives its own queue.
#[cfg(not(target_family = "wasm"))]
pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut future = std::pin::pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
        std::thread::yield_now();
    }
}
