//! Images as they cross into JavaScript. A record the lab hands out (an anomaly verdict, an
//! interpolation, a training report) is a plain struct with named fields that derives
//! `Serialize`; the face (`web.rs`) turns it into a JavaScript object with the same names in
//! camelCase. Pixel data travels as [`Images`]: one `Float32Array` in the browser, a plain
//! list of numbers elsewhere.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `n × 784` values in [0, 1] (or `n × d` latent values): one `Float32Array` in JavaScript.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Images(#[cfg_attr(test, ts(type = "Float32Array"))] pub Vec<f32>);

impl Images {
    pub fn into_vec(self) -> Vec<f32> {
        self.0
    }
}

impl From<Vec<f32>> for Images {
    fn from(values: Vec<f32>) -> Self {
        Self(values)
    }
}

impl std::ops::Deref for Images {
    type Target = [f32];
    fn deref(&self) -> &[f32] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Images {
    type Item = &'a f32;
    type IntoIter = std::slice::Iter<'a, f32>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Serialize for Images {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[cfg(target_family = "wasm")]
        {
            // A typed array copied once, passed through serde-wasm-bindgen untouched.
            let array = js_sys::Float32Array::from(&self.0[..]);
            serde_wasm_bindgen::preserve::serialize(&array, serializer)
        }
        #[cfg(not(target_family = "wasm"))]
        {
            self.0.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Images {
    /// In the browser a `Float32Array` (or a plain array of numbers), copied once; elsewhere a
    /// list of numbers.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[cfg(target_family = "wasm")]
        {
            use wasm_bindgen::JsCast;
            let value: wasm_bindgen::JsValue = serde_wasm_bindgen::preserve::deserialize(deserializer)?;
            if let Some(array) = value.dyn_ref::<js_sys::Float32Array>() {
                Ok(Self(array.to_vec()))
            } else if js_sys::Array::is_array(&value) || value.is_instance_of::<js_sys::Float64Array>() {
                Ok(Self(js_sys::Float32Array::new(&value).to_vec()))
            } else {
                Err(serde::de::Error::custom("expected a Float32Array of values"))
            }
        }
        #[cfg(not(target_family = "wasm"))]
        {
            Vec::<f32>::deserialize(deserializer).map(Self)
        }
    }
}

/// A file's bytes: one `Uint8Array` in JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Bytes(#[serde(with = "serde_bytes")] #[cfg_attr(test, ts(type = "Uint8Array"))] pub Vec<u8>);

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }
}

impl From<&[u8]> for Bytes {
    fn from(bytes: &[u8]) -> Self {
        Self(bytes.to_vec())
    }
}

/// Pixel masks (1 = hidden): one `Uint8Array` in JavaScript.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Mask(#[serde(with = "serde_bytes")] #[cfg_attr(test, ts(type = "Uint8Array"))] pub Vec<u8>);

impl Mask {
    pub fn from_bools(hidden: &[bool]) -> Self {
        Self(hidden.iter().map(|&h| h as u8).collect())
    }

    pub fn to_bools(&self) -> Vec<bool> {
        self.0.iter().map(|&h| h != 0).collect()
    }
}
