//! Errors of `@httpChecksum` (aws.protocols): an algorithm the client
//! cannot compute, and a response whose body does not match its checksum.

/// A request checksum the client cannot compute.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ChecksumError {
    /// The input names an algorithm this client does not implement
    /// (CRC64NVME, or a value the service added later).
    #[error("checksum algorithm `{0}` is not one this client computes (CRC32, CRC32C, SHA1, SHA256); set another or send the checksum header yourself")]
    Unsupported(String),
    /// A CRC algorithm asked for without the `checksums` feature.
    #[error("checksum algorithm {0} needs awsgen-client's `checksums` feature (the generated crates of services with `@httpChecksum` turn it on)")]
    NeedsFeature(&'static str),
}

/// A response body whose checksum is not the one the service sent.
///
/// Returned as the call's error for a body read whole, and as the error of
/// the last read of a streamed body (a [`StreamError`](awsgen_types::StreamError)
/// whose source is this).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the response body's {algorithm} checksum is {actual}, but the service sent {expected} in `{header}`: the body was damaged on the way")]
#[non_exhaustive]
pub struct ChecksumMismatch {
    /// The algorithm, as the model names it (`CRC32`).
    pub algorithm: &'static str,
    /// The header the expected value came from (`x-amz-checksum-crc32`).
    pub header: &'static str,
    /// The service's value (base64).
    pub expected: String,
    /// The value of the bytes read (base64).
    pub actual: String,
}
