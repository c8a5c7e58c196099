//! CBOR (RFC 8949) as a serde data format, for `smithy.protocols#rpcv2Cbor`.
//!
//! Written here rather than taken from a crate (ARCHITECTURE.md, "CBOR"):
//! generated types keep their serde derives, and the few values whose CBOR
//! form differs from their JSON one ask for it through
//! `Serializer::is_human_readable`, which is `false` here: a [`Blob`] is a
//! byte string, a float is a CBOR float (NaN and the infinities included),
//! and a timestamp is tag 1 around epoch seconds (`crate::tagged`).
//!
//! Reading is built for bodies from the network:
//!
//! - nesting deeper than [`MAX_DEPTH`] arrays and maps is an error, not a
//!   stack overflow;
//! - a declared length is checked against the bytes that are left before
//!   anything is read or reserved, so a five-byte body that claims a
//!   terabyte string fails at once;
//! - indefinite-length strings, arrays and maps are read like definite ones;
//! - a structure is read from a map only, never from an array by position;
//! - every error names what was wrong and the byte offset where.
//!
//! [`Blob`]: crate::Blob

mod de;
mod error;
mod head;
mod ser;

pub use de::from_slice;
pub use error::Error;
pub use ser::to_vec;

/// How many arrays and maps deep a body may nest (serde_json's limit too).
pub const MAX_DEPTH: usize = 128;

#[cfg(test)]
mod tests;
