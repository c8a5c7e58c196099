//! Floats: Smithy `float` and `double`, which generated code always reads
//! through the [`Float`] codec (so `f32`/`f64` here mean that codec's reading,
//! not serde's plain one; the generator marks no other float field readable).

use super::{FastRead, Reader, Unsupported};
use crate::serde_as::{DeserializeAs, DeserializeAsWrap, Float};

/// The number, or the string, is handed as written to serde_json and the
/// [`Float`] codec, the code the serde path runs on it: fractions,
/// exponents, `-0`, integers too wide for 53 bits, out-of-range numbers,
/// `"NaN"`/`"Infinity"`/`"-Infinity"` and every other string all come out
/// the same, and whatever that refuses makes the reader give up. No float
/// parsing of our own, so there is nothing to get subtly different.
fn through_float_codec<T>(reader: &mut Reader<'_>) -> Result<T, Unsupported>
where
    Float: for<'de> DeserializeAs<'de, T>,
{
    // `from_str` also refuses anything left after the value; `scalar_text`
    // hands over exactly one token, so that never happens, but it is checked.
    serde_json::from_str::<DeserializeAsWrap<T, Float>>(reader.scalar_text()?)
        .map(DeserializeAsWrap::into_inner)
        .map_err(|_| Unsupported)
}

impl FastRead for f64 {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        through_float_codec(reader)
    }
}

/// Narrowed by the codec itself, which refuses a finite value beyond `f32`.
impl FastRead for f32 {
    fn fast_read(reader: &mut Reader<'_>) -> Result<Self, Unsupported> {
        through_float_codec(reader)
    }
}
