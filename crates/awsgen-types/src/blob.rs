//! Binary data (Smithy `blob`), carried on the wire as a base64 string.

use std::fmt;

use base64::alphabet;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// How many bytes `Debug` shows before eliding the rest.
const DEBUG_PREVIEW_BYTES: usize = 32;

/// Decodes the standard alphabet whether or not the `=` padding is present:
/// servers are expected to pad, but a missing pad loses no information.
const LENIENT_STANDARD: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An owned byte sequence. Serializes as standard, padded base64.
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Creates a blob from anything that converts into bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// Decodes standard base64, padded or not: how a blob is read from JSON
    /// (serde and the direct reader both call this).
    pub(crate) fn from_base64(text: &str) -> Result<Self, base64::DecodeError> {
        LENIENT_STANDARD.decode(text).map(Blob)
    }

    /// Takes the bytes out.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl fmt::Debug for Blob {
    /// `Blob(12 bytes, "binary-value")` for text, `Blob(3 bytes, 0xdeadbe)` otherwise;
    /// only the first few bytes are shown so a large payload stays readable.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = self.0.get(..DEBUG_PREVIEW_BYTES).unwrap_or(&self.0);
        let elided = if shown.len() < self.0.len() {
            "…"
        } else {
            ""
        };
        write!(f, "Blob({} bytes", self.0.len())?;
        if shown.is_empty() {
            return f.write_str(")");
        }
        match utf8_prefix(shown) {
            Some(text) if !text.chars().any(char::is_control) => {
                write!(f, ", {text:?}{elided})")
            }
            _ => {
                f.write_str(", 0x")?;
                for byte in shown {
                    write!(f, "{byte:02x}")?;
                }
                write!(f, "{elided})")
            }
        }
    }
}

/// The bytes as text when they are UTF-8, allowing the preview cut to have split
/// the last character.
fn utf8_prefix(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(error) if error.error_len().is_none() => {
            std::str::from_utf8(bytes.get(..error.valid_up_to())?).ok()
        }
        Err(_) => None,
    }
}

impl Serialize for Blob {
    /// Base64 text in JSON; the bytes themselves in a binary format (a CBOR
    /// byte string).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&STANDARD.encode(&self.0))
        } else {
            serializer.serialize_bytes(&self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(BlobVisitor)
        } else {
            deserializer.deserialize_byte_buf(BytesVisitor)
        }
    }
}

/// A blob in a binary format: a byte string, never text.
struct BytesVisitor;

impl Visitor<'_> for BytesVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a byte string (blob)")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
        Ok(Blob(bytes.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
        Ok(Blob(bytes))
    }
}

struct BlobVisitor;

impl Visitor<'_> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string (blob)")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
        Blob::from_base64(text)
            .map_err(|error| E::custom(format_args!("invalid base64 in blob: {error}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_padded_standard_base64() {
        let json = serde_json::to_string(&Blob::from("binary-value")).unwrap();
        assert_eq!(json, r#""YmluYXJ5LXZhbHVl""#);
        let padded = serde_json::to_string(&Blob::new(vec![0xfb, 0xff])).unwrap();
        assert_eq!(padded, r#""+/8=""#);
    }

    #[test]
    fn round_trips_every_byte_value() {
        let blob = Blob::new((0..=255u8).collect::<Vec<_>>());
        let json = serde_json::to_string(&blob).unwrap();
        assert_eq!(serde_json::from_str::<Blob>(&json).unwrap(), blob);
    }

    #[test]
    fn accepts_missing_padding() {
        let blob: Blob = serde_json::from_str(r#""Zm9vYg""#).unwrap();
        assert_eq!(blob.as_bytes(), b"foob");
    }

    #[test]
    fn rejects_invalid_base64_naming_the_problem() {
        let error = serde_json::from_str::<Blob>(r#""Zm9v!""#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("invalid base64 in blob"), "{error}");
        assert!(error.contains("offset 4"), "{error}");
    }

    #[test]
    fn rejects_non_string_json() {
        let error = serde_json::from_str::<Blob>("[1, 2]")
            .unwrap_err()
            .to_string();
        assert!(error.contains("expected a base64 string"), "{error}");
    }

    #[test]
    fn debug_shows_length_and_preview() {
        assert_eq!(
            format!("{:?}", Blob::from("binary-value")),
            r#"Blob(12 bytes, "binary-value")"#
        );
        assert_eq!(
            format!("{:?}", Blob::new(vec![0xde, 0xad, 0xbe])),
            "Blob(3 bytes, 0xdeadbe)"
        );
        assert_eq!(format!("{:?}", Blob::default()), "Blob(0 bytes)");
        let long = format!("{:?}", Blob::new(vec![b'a'; 100]));
        assert_eq!(long, format!("Blob(100 bytes, {:?}…)", "a".repeat(32)));
    }

    #[test]
    fn debug_preview_cut_inside_a_character_still_shows_text() {
        // 31 ASCII bytes then a 3-byte character straddling the 32-byte cut.
        let text = format!("{}€", "a".repeat(31));
        assert_eq!(
            format!("{:?}", Blob::from(text.as_str())),
            format!("Blob(34 bytes, {:?}…)", "a".repeat(31))
        );
    }

    #[test]
    fn conversions_keep_the_bytes() {
        let bytes: &[u8] = &[1, 2, 3];
        assert_eq!(Blob::from(bytes).into_inner(), vec![1, 2, 3]);
        assert_eq!(Blob::from(vec![4u8]).as_ref(), &[4]);
    }
}
