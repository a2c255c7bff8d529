//! Four `f32` values at a time for the hand-written step's passes: WebAssembly SIMD's `v128`
//! in the page (every browser with WebGPU has it; `.cargo/config.toml` enables it), four plain
//! values elsewhere. Each operation is the same IEEE operation lane by lane on both, so the
//! page's passes give the native tests' values bit for bit (`tests/dense.rs` checks those
//! against Burn's step; `tests/web.rs` checks the page's build against Burn's in Chromium).
//!
//! Written out because the page's CPU module is built for size (`opt-level = "z"`), where the
//! compiler neither vectorises loops nor inlines `f32::exp`: one call per value was most of a
//! toy's step (`docs/performance.md`, "Where a small step goes").

/// `+ − × ÷` for [`F4`], each written as `|a, b| body` over two `F4`s (the body pasted in).
macro_rules! operators {
    ($(($trait:ident, $method:ident, |$a:ident, $b:ident| $body:expr)),*) => {
        $(impl std::ops::$trait for F4 {
            type Output = F4;
            #[inline(always)]
            fn $method(self, other: F4) -> F4 {
                let ($a, $b) = (self, other);
                $body
            }
        })*
    };
}
use operators;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub struct F4(v128);

    super::operators!(
        (Add, add, |a, b| F4(f32x4_add(a.0, b.0))),
        (Sub, sub, |a, b| F4(f32x4_sub(a.0, b.0))),
        (Mul, mul, |a, b| F4(f32x4_mul(a.0, b.0))),
        (Div, div, |a, b| F4(f32x4_div(a.0, b.0)))
    );

    impl F4 {
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            Self(f32x4_splat(v))
        }
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> Self {
            Self(f32x4(a[0], a[1], a[2], a[3]))
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            [f32x4_extract_lane::<0>(self.0), f32x4_extract_lane::<1>(self.0), f32x4_extract_lane::<2>(self.0), f32x4_extract_lane::<3>(self.0)]
        }
        /// `s[i..i + 4]`.
        #[inline(always)]
        pub fn load(s: &[f32], i: usize) -> Self {
            assert!(i + 4 <= s.len(), "four values past the end");
            // SAFETY: s[i..i + 4] is in bounds (checked above); v128_load reads unaligned.
            Self(unsafe { v128_load(s.as_ptr().add(i) as *const v128) })
        }
        /// Writes `s[i..i + 4]`.
        #[inline(always)]
        pub fn store(self, s: &mut [f32], i: usize) {
            assert!(i + 4 <= s.len(), "four values past the end");
            // SAFETY: as in `load`.
            unsafe { v128_store(s.as_mut_ptr().add(i) as *mut v128, self.0) }
        }
        /// `o < self ? o : self`, lane by lane.
        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            Self(f32x4_pmin(self.0, o.0))
        }
        /// `self < o ? o : self`, lane by lane.
        #[inline(always)]
        pub fn max(self, o: Self) -> Self {
            Self(f32x4_pmax(self.0, o.0))
        }
        #[inline(always)]
        pub fn sqrt(self) -> Self {
            Self(f32x4_sqrt(self.0))
        }
        #[inline(always)]
        pub fn floor(self) -> Self {
            Self(f32x4_floor(self.0))
        }
        /// `2^n` for whole `n` in [-126, 127] (self holds n as a float).
        #[inline(always)]
        pub fn pow2(self) -> Self {
            Self(i32x4_shl(i32x4_add(i32x4_trunc_sat_f32x4(self.0), i32x4_splat(127)), 23))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct F4([f32; 4]);

    super::operators!(
        (Add, add, |a, b| a.each(b, |x, y| x + y)),
        (Sub, sub, |a, b| a.each(b, |x, y| x - y)),
        (Mul, mul, |a, b| a.each(b, |x, y| x * y)),
        (Div, div, |a, b| a.each(b, |x, y| x / y))
    );

    impl F4 {
        #[inline(always)]
        fn each(self, o: Self, f: impl Fn(f32, f32) -> f32) -> Self {
            Self([f(self.0[0], o.0[0]), f(self.0[1], o.0[1]), f(self.0[2], o.0[2]), f(self.0[3], o.0[3])])
        }
        #[inline(always)]
        pub fn splat(v: f32) -> Self {
            Self([v; 4])
        }
        #[inline(always)]
        pub fn from_array(a: [f32; 4]) -> Self {
            Self(a)
        }
        #[inline(always)]
        pub fn to_array(self) -> [f32; 4] {
            self.0
        }
        #[inline(always)]
        pub fn load(s: &[f32], i: usize) -> Self {
            Self(s[i..i + 4].try_into().expect("four values"))
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f32], i: usize) {
            s[i..i + 4].copy_from_slice(&self.0);
        }
        #[inline(always)]
        pub fn min(self, o: Self) -> Self {
            self.each(o, |a, b| if b < a { b } else { a })
        }
        #[inline(always)]
        pub fn max(self, o: Self) -> Self {
            self.each(o, |a, b| if a < b { b } else { a })
        }
        #[inline(always)]
        pub fn sqrt(self) -> Self {
            Self(self.0.map(f32::sqrt))
        }
        #[inline(always)]
        pub fn floor(self) -> Self {
            Self(self.0.map(f32::floor))
        }
        #[inline(always)]
        pub fn pow2(self) -> Self {
            Self(self.0.map(|n| f32::from_bits(((n as i32 + 127) << 23) as u32)))
        }
    }
}

pub use imp::F4;

impl F4 {
    /// The last `s.len() − i` (< 4) values from `i`, zeros after them.
    #[inline(never)]
    pub fn load_tail(s: &[f32], i: usize) -> Self {
        let mut a = [0.0; 4];
        a[..s.len() - i].copy_from_slice(&s[i..]);
        Self::from_array(a)
    }
    /// Writes the first `s.len() − i` (< 4) lanes to `s[i..]`.
    #[inline(never)]
    pub fn store_tail(self, s: &mut [f32], i: usize) {
        let n = s.len() - i;
        s[i..].copy_from_slice(&self.to_array()[..n]);
    }
    /// The first `count` lanes, zeros after them.
    #[inline(always)]
    pub fn first(self, count: usize) -> Self {
        if count >= 4 {
            return self;
        }
        let mut a = self.to_array();
        a[count..].fill(0.0);
        Self::from_array(a)
    }
    /// The four lanes summed in order: `((l₀ + l₁) + l₂) + l₃`.
    #[inline(always)]
    pub fn sum(self) -> f32 {
        let a = self.to_array();
        ((a[0] + a[1]) + a[2]) + a[3]
    }
    /// `e^x` (Cephes's `expf`: the exponent and a degree-7 polynomial, within 2 ulp of the
    /// exact value; x clamped to [-87.3, 87.3], where f32 keeps a normal result).
    #[inline(always)]
    pub fn exp(self) -> Self {
        let x = self.max(F4::splat(-87.3)).min(F4::splat(87.3));
        let n = (x * F4::splat(std::f32::consts::LOG2_E) + F4::splat(0.5)).floor();
        let r = x - n * F4::splat(0.693_359_4) - n * F4::splat(-2.121_944_4e-4);
        let y = F4::splat(1.987_569_1e-4) * r + F4::splat(1.398_199_9e-3);
        let y = y * r + F4::splat(8.333_452e-3);
        let y = y * r + F4::splat(4.166_579_6e-2);
        let y = y * r + F4::splat(0.166_666_65);
        let y = y * r + F4::splat(0.5);
        (y * (r * r) + r + F4::splat(1.0)) * n.pow2()
    }
    /// `model::tanh`'s formula: `1 − 2 / (e^{2x} + 1)` on x clamped to [-15, 15].
    #[inline(always)]
    pub fn tanh(self) -> Self {
        let x = self.max(F4::splat(-15.0)).min(F4::splat(15.0));
        let one = F4::splat(1.0);
        one - F4::splat(2.0) / ((x + x).exp() + one)
    }
    /// `1 / (1 + e^{−x})`.
    #[inline(always)]
    pub fn sigmoid(self) -> Self {
        let one = F4::splat(1.0);
        one / ((F4::splat(0.0) - self).exp() + one)
    }
}
