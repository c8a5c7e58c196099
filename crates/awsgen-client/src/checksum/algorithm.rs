//! The four checksum algorithms of `@httpChecksum` this client computes,
//! their header names, and a running hasher for each.

use base64::Engine as _;
use ring::digest;

use crate::error::ChecksumError;

/// A checksum algorithm of `aws.protocols#httpChecksum`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Crc32,
    Crc32c,
    Sha1,
    Sha256,
}

/// The order in which a response's checksums are validated when it carries
/// several: the fastest to compute first, as the SDKs do.
pub(crate) const VALIDATION_ORDER: [Algorithm; 4] = [
    Algorithm::Crc32c,
    Algorithm::Crc32,
    Algorithm::Sha1,
    Algorithm::Sha256,
];

impl Algorithm {
    /// The algorithm a model or input names (`CRC32`, case-insensitive as
    /// the SDKs accept it); an error for one this client does not compute.
    pub(crate) fn from_name(name: &str) -> Result<Algorithm, ChecksumError> {
        Self::from_name_in(name, cfg!(feature = "checksums"))
    }

    /// [`from_name`](Self::from_name) in a build with or without the CRCs.
    fn from_name_in(name: &str, crcs_built: bool) -> Result<Algorithm, ChecksumError> {
        let algorithm = [
            Algorithm::Crc32,
            Algorithm::Crc32c,
            Algorithm::Sha1,
            Algorithm::Sha256,
        ]
        .into_iter()
        .find(|algorithm| algorithm.name().eq_ignore_ascii_case(name))
        .ok_or_else(|| ChecksumError::Unsupported(name.to_owned()))?;
        let is_crc = matches!(algorithm, Algorithm::Crc32 | Algorithm::Crc32c);
        if is_crc && !crcs_built {
            return Err(ChecksumError::NeedsFeature(algorithm.name()));
        }
        Ok(algorithm)
    }

    /// The model's name, also the value of `x-amz-sdk-checksum-algorithm`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "CRC32",
            Algorithm::Crc32c => "CRC32C",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
        }
    }

    /// The header that carries the checksum, request and response alike.
    pub(crate) fn header(self) -> &'static str {
        match self {
            Algorithm::Crc32 => "x-amz-checksum-crc32",
            Algorithm::Crc32c => "x-amz-checksum-crc32c",
            Algorithm::Sha1 => "x-amz-checksum-sha1",
            Algorithm::Sha256 => "x-amz-checksum-sha256",
        }
    }

    /// The length of the base64 text of a digest (known ahead, so an
    /// aws-chunked body's length is known before its trailer is computed).
    pub(crate) fn base64_len(self) -> usize {
        let bytes: usize = match self {
            Algorithm::Crc32 | Algorithm::Crc32c => 4,
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
        };
        bytes.div_ceil(3) * 4
    }

    /// A hasher at its start. Only called for an algorithm `from_name`
    /// accepted, so a CRC without the feature cannot reach it; should one
    /// anyway, the error says which feature is missing.
    pub(crate) fn hasher(self) -> Result<Hasher, ChecksumError> {
        Ok(match self {
            #[cfg(feature = "checksums")]
            Algorithm::Crc32 => Hasher::Crc32(crc32fast::Hasher::new()),
            #[cfg(feature = "checksums")]
            Algorithm::Crc32c => Hasher::Crc32c(0),
            #[cfg(not(feature = "checksums"))]
            Algorithm::Crc32 | Algorithm::Crc32c => {
                return Err(ChecksumError::NeedsFeature(self.name()))
            }
            // SHA-1 is what the service asks for here, not a choice of ours.
            Algorithm::Sha1 => Hasher::Sha(Box::new(digest::Context::new(
                &digest::SHA1_FOR_LEGACY_USE_ONLY,
            ))),
            Algorithm::Sha256 => Hasher::Sha(Box::new(digest::Context::new(&digest::SHA256))),
        })
    }
}

/// A checksum computed chunk by chunk.
pub(crate) enum Hasher {
    #[cfg(feature = "checksums")]
    Crc32(crc32fast::Hasher),
    #[cfg(feature = "checksums")]
    Crc32c(u32),
    /// Boxed: a SHA context is 200 bytes more than a CRC's state.
    Sha(Box<digest::Context>),
}

impl Hasher {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            #[cfg(feature = "checksums")]
            Hasher::Crc32(hasher) => hasher.update(bytes),
            #[cfg(feature = "checksums")]
            Hasher::Crc32c(crc) => *crc = crc32c::crc32c_append(*crc, bytes),
            Hasher::Sha(context) => context.update(bytes),
        }
    }

    /// The base64 of the digest, big-endian for the CRCs, as the headers carry it.
    pub(crate) fn finish_base64(self) -> String {
        let engine = base64::engine::general_purpose::STANDARD;
        match self {
            #[cfg(feature = "checksums")]
            Hasher::Crc32(hasher) => engine.encode(hasher.finalize().to_be_bytes()),
            #[cfg(feature = "checksums")]
            Hasher::Crc32c(crc) => engine.encode(crc.to_be_bytes()),
            Hasher::Sha(context) => engine.encode(context.finish()),
        }
    }
}

/// The base64 checksum of `bytes` in one go.
pub(crate) fn checksum_of(algorithm: Algorithm, bytes: &[u8]) -> Result<String, ChecksumError> {
    let mut hasher = algorithm.hasher()?;
    hasher.update(bytes);
    Ok(hasher.finish_base64())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_of_base64(text: &str) -> String {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap();
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn sha_known_answers() {
        // FIPS 180 examples and the empty message.
        let cases = [
            (
                Algorithm::Sha1,
                &b""[..],
                "da39a3ee5e6b4b0d3255bfef95601890afd80709",
            ),
            (
                Algorithm::Sha1,
                b"abc",
                "a9993e364706816aba3e25717850c26c9cd0d89d",
            ),
            (
                Algorithm::Sha256,
                b"",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            ),
            (
                Algorithm::Sha256,
                b"abc",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ),
        ];
        for (algorithm, input, hex) in cases {
            let text = checksum_of(algorithm, input).unwrap();
            assert_eq!(hex_of_base64(&text), hex, "{algorithm:?} {input:?}");
            assert_eq!(text.len(), algorithm.base64_len());
        }
        // The smithy spec's "Hello world" example, as the header carries it.
        assert_eq!(
            checksum_of(Algorithm::Sha256, b"Hello world").unwrap(),
            "ZOyIygCyaOW6GjVnihtTFtIS9PNmskdyMlNKiuyjfzw="
        );
        assert_eq!(
            checksum_of(Algorithm::Sha1, b"Hello world").unwrap(),
            "e1AsOh9IyGCa4hLN+2Od7jlnP14="
        );
    }

    #[cfg(feature = "checksums")]
    #[test]
    fn crc_known_answers() {
        // The check values of the CRC catalogue ("123456789"), the empty
        // input, and the smithy spec's "Hello world" header values.
        let cases = [
            (Algorithm::Crc32, &b"123456789"[..], "cbf43926"),
            (Algorithm::Crc32c, b"123456789", "e3069283"),
            (Algorithm::Crc32, b"", "00000000"),
            (Algorithm::Crc32c, b"", "00000000"),
        ];
        for (algorithm, input, hex) in cases {
            let text = checksum_of(algorithm, input).unwrap();
            assert_eq!(hex_of_base64(&text), hex, "{algorithm:?} {input:?}");
            assert_eq!(text.len(), algorithm.base64_len());
        }
        assert_eq!(
            checksum_of(Algorithm::Crc32, b"Hello world").unwrap(),
            "i9aeUg=="
        );
        assert_eq!(
            checksum_of(Algorithm::Crc32c, b"Hello world").unwrap(),
            "crUfeA=="
        );
    }

    #[test]
    fn chunks_hash_as_the_whole() {
        for algorithm in VALIDATION_ORDER
            .into_iter()
            .filter(|a| Algorithm::from_name(a.name()).is_ok())
        {
            let mut hasher = algorithm.hasher().unwrap();
            hasher.update(b"Hello ");
            hasher.update(b"world");
            assert_eq!(
                hasher.finish_base64(),
                checksum_of(algorithm, b"Hello world").unwrap()
            );
        }
    }

    #[test]
    fn names_are_read_case_insensitively_and_unknown_ones_are_named() {
        assert_eq!(Algorithm::from_name("sha256"), Ok(Algorithm::Sha256));
        assert_eq!(
            Algorithm::from_name("CRC64NVME"),
            Err(ChecksumError::Unsupported("CRC64NVME".to_owned()))
        );
        let message = Algorithm::from_name("MD4").unwrap_err().to_string();
        assert!(message.contains("`MD4`"), "{message}");
    }

    #[test]
    fn a_crc_without_the_feature_names_it() {
        assert_eq!(
            Algorithm::from_name_in("CRC32C", false),
            Err(ChecksumError::NeedsFeature("CRC32C"))
        );
        let message = ChecksumError::NeedsFeature("CRC32").to_string();
        assert!(message.contains("`checksums` feature"), "{message}");
        assert_eq!(Algorithm::from_name_in("SHA1", false), Ok(Algorithm::Sha1));
        assert_eq!(Algorithm::from_name_in("CRC32", true), Ok(Algorithm::Crc32));
    }
}
