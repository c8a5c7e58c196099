//! Timestamps in the awsJson default form, epoch seconds.

use super::{FastRead, Reader, Unsupported};
use crate::DateTime;

/// The number (or the RFC 3339 string some servers send) is handed, as
/// written, to serde_json and [`DateTime`]'s own `Deserialize`, the code the
/// serde path runs on it: integers, fractions, exponents, `-0`, huge values
/// and range checks all come out the same, and whatever that refuses makes
/// the reader give up. Only fields without `@timestampFormat` get here (the
/// generator reads the other forms with serde alone).
impl FastRead for DateTime {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        serde_json::from_str(reader.scalar_text()?).map_err(|_| Unsupported)
    }
}
