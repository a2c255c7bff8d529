//! What a file is, recognised once from its first bytes: every loader (`weights.rs`,
//! `notebook.rs`, `checkpoint.rs`, the session's imports) starts from [`recognise`], and the
//! page's own formats' first bytes are written here.

/// The first bytes of a model file: a built model's recipe and its weights (`weights.rs`).
pub const MODEL_MAGIC: &[u8; 4] = b"AEPM";
/// The first bytes of an 8-bit weights file (`weights.rs`).
pub const EIGHT_BIT_MAGIC: &[u8; 4] = b"AEP8";
/// The first bytes of a checkpoint (`checkpoint.rs`).
pub const CHECKPOINT_MAGIC: &[u8; 4] = b"AEPC";
/// The first bytes of the regions lab's digit classifier in 8 bits (`regions/classifier.rs`):
/// no model of the table, so [`recognise`] reads it as `Other` and a loader refuses it.
pub const CLASSIFIER_MAGIC: &[u8; 4] = b"AEPK";
/// The first bytes of the regions lab's saved networks (`regions/saved.rs`), read as `Other` too.
pub const REGIONS_MAGIC: &[u8; 4] = b"AEPR";

/// The kinds of file the lab reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A model file: the recipe and burnpack weights (`.aepm`).
    ModelFile,
    /// 8-bit weights (the page's shipped `.q8.gz`, unzipped).
    EightBit,
    /// A checkpoint: a model's whole training.
    Checkpoint,
    /// The lecture's notebook's safetensors.
    Safetensors,
    /// Anything else: read as Burn's burnpack weights, which say what is wrong if it is not.
    Other,
}

/// What `bytes` are. A safetensors file starts with a little-endian u64 header length (below
/// 4 GiB, so its high four bytes are zero) and then a JSON object; the page's own formats start
/// with `AEP` (a model file also has JSON at byte 8, after a non-zero u32 length).
pub fn recognise(bytes: &[u8]) -> Format {
    if bytes.starts_with(MODEL_MAGIC) {
        Format::ModelFile
    } else if bytes.starts_with(EIGHT_BIT_MAGIC) {
        Format::EightBit
    } else if bytes.starts_with(CHECKPOINT_MAGIC) {
        Format::Checkpoint
    } else if bytes.len() >= 9 && bytes[4..8] == [0; 4] && bytes[8] == b'{' && !bytes.starts_with(b"AEP") {
        Format::Safetensors
    } else {
        Format::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_told_from_its_first_bytes() {
        assert_eq!(recognise(b"AEPM\x05\0\0\0{...}"), Format::ModelFile);
        assert_eq!(recognise(b"AEP8rest"), Format::EightBit);
        assert_eq!(recognise(b"AEPCrest"), Format::Checkpoint);
        assert_eq!(recognise(b"\x10\0\0\0\0\0\0\0{\"a\":1}"), Format::Safetensors);
        assert_eq!(recognise(b"\x10\0\0\0\x01\0\0\0{"), Format::Other, "a header of 4 GiB or more is no safetensors file");
        assert_eq!(recognise(b""), Format::Other);
    }
}
