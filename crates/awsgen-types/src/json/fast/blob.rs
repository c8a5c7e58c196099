//! Blobs: base64 strings.

use super::{FastRead, Reader, Unsupported};
use crate::Blob;

/// Decoded by `Blob::from_base64`, the function `Blob`'s `Deserialize`
/// calls; text it refuses makes the reader give up.
impl FastRead for Blob {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        Blob::from_base64(reader.string()?).map_err(|_| Unsupported)
    }
}
