//! Lowercase hexadecimal encoding, the only form SigV4 uses.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// The lowercase hex of a SHA-256 digest or HMAC-SHA256 tag, kept on the
/// stack: signing makes three of these per request.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct HexDigest([u8; 64]);

impl HexDigest {
    /// Encodes the 32 bytes of a SHA-256 output (a longer input is cut at 32
    /// bytes; SigV4 never produces one).
    pub(crate) fn new(digest: &[u8]) -> Self {
        let mut buffer = [b'0'; 64];
        for (pair, &byte) in buffer.chunks_exact_mut(2).zip(digest) {
            if let [high, low] = pair {
                *high = DIGITS[usize::from(byte >> 4)];
                *low = DIGITS[usize::from(byte & 0x0f)];
            }
        }
        Self(buffer)
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII hex digits are ever stored.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

/// Encodes `bytes` as lowercase hex, for comparing against published vectors.
#[cfg(test)]
pub(crate) fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .flat_map(|&byte| [byte >> 4, byte & 0x0f])
        .map(|nibble| char::from(DIGITS[usize::from(nibble)]))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn encodes_every_nibble_in_lowercase() {
        assert_eq!(super::encode(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(super::encode(&[]), "");
    }

    #[test]
    fn digests_are_64_lowercase_digits() {
        let digest: Vec<u8> = (0..32).map(|i| i * 8 + 7).collect();
        let hex = super::HexDigest::new(&digest);
        assert_eq!(hex.as_str(), super::encode(&digest));
        assert!(hex.as_str().starts_with("070f171f") && hex.as_str().ends_with("f7ff"));
        assert_eq!(hex.as_str().len(), 64);
    }
}
