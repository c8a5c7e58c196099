//! `@requestCompression`: gzip request bodies of operations that accept it.
//!
//! Only with the `gzip` feature. Without it every body is sent as it is, which
//! the trait always allows ("clients MAY send an uncompressed payload").

use awsgen_types::RequestCompression;

/// Request compression settings.
///
/// Defaults: enabled, bodies of at least 10240 bytes are compressed. They take
/// effect only when the crate is built with the `gzip` feature; without it,
/// bodies are always sent uncompressed (the settings are still checked).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct CompressionConfig {
    disabled: bool,
    min_size: u32,
}

impl CompressionConfig {
    /// Default threshold in bytes.
    pub const DEFAULT_MIN_SIZE: u32 = 10_240;
    /// Largest allowed threshold in bytes (the SDK limit).
    pub const MAX_MIN_SIZE: u32 = 10_485_760;

    /// The defaults.
    pub fn new() -> Self {
        CompressionConfig {
            disabled: false,
            min_size: Self::DEFAULT_MIN_SIZE,
        }
    }

    /// Turns request compression off (or back on).
    pub fn with_disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }

    /// Bodies shorter than this are sent as they are; `0..=10485760`, checked when
    /// the client is built.
    pub fn with_min_size(mut self, min_size: u32) -> Self {
        self.min_size = min_size;
        self
    }

    /// Whether compression is off.
    pub fn disabled(&self) -> bool {
        self.disabled
    }

    /// The threshold in bytes.
    pub fn min_size(&self) -> u32 {
        self.min_size
    }
}

impl Default for CompressionConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// The encoding to apply to a body, if any: always none without the `gzip` feature.
pub(crate) fn choose_encoding(
    operation: Option<RequestCompression>,
    config: &CompressionConfig,
    body_len: usize,
) -> Option<&'static str> {
    if !cfg!(feature = "gzip") || config.disabled || body_len < config.min_size as usize {
        return None;
    }
    operation?
        .encodings
        .iter()
        .copied()
        .find(|encoding| encoding.eq_ignore_ascii_case("gzip"))
}

/// Gzips `body`.
#[cfg(feature = "gzip")]
pub(crate) fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;

    use flate2::write::GzEncoder;
    use flate2::Compression;

    let mut encoder = GzEncoder::new(
        Vec::with_capacity(body.len() / 4 + 64),
        Compression::default(),
    );
    encoder.write_all(body)?;
    encoder.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GZIP_ONLY: Option<RequestCompression> = Some(RequestCompression::new(&["gzip"]));

    #[test]
    #[cfg(feature = "gzip")]
    fn compresses_only_at_or_above_the_threshold() {
        let config = CompressionConfig::new().with_min_size(100);
        assert_eq!(choose_encoding(GZIP_ONLY, &config, 99), None);
        assert_eq!(choose_encoding(GZIP_ONLY, &config, 100), Some("gzip"));
        assert_eq!(choose_encoding(None, &config, 1000), None);
        assert_eq!(
            choose_encoding(GZIP_ONLY, &config.with_disabled(true), 1000),
            None
        );
        let zstd_only = Some(RequestCompression::new(&["zstd"]));
        assert_eq!(choose_encoding(zstd_only, &config, 1000), None);
        assert_eq!(
            choose_encoding(GZIP_ONLY, &CompressionConfig::new().with_min_size(0), 0),
            Some("gzip")
        );
    }

    #[test]
    #[cfg(not(feature = "gzip"))]
    fn without_the_feature_nothing_is_compressed() {
        let config = CompressionConfig::new().with_min_size(0);
        assert_eq!(choose_encoding(GZIP_ONLY, &config, 100_000), None);
    }

    #[test]
    #[cfg(feature = "gzip")]
    fn gzip_round_trips() {
        use std::io::Read;

        let body = br#"{"data":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}"#.repeat(50);
        let packed = gzip(&body).unwrap();
        assert!(packed.len() < body.len());
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&packed[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, body);
    }
}
