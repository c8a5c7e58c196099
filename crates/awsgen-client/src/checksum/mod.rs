//! `aws.protocols#httpChecksum`: the request checksum the client sends
//! (`x-amz-checksum-<alg>` and `x-amz-sdk-checksum-algorithm`), computed
//! over a body in memory, in a first pass over a stream, or while
//! streaming as an aws-chunked trailer; and the response validation the
//! input may ask for.
//!
//! CRC32 and CRC32C need the `checksums` feature (crc32fast, crc32c);
//! SHA-1 and SHA-256 come from ring, which TLS and SigV4 already build.

mod algorithm;
pub(crate) mod aws_chunked;
pub(crate) mod response;

use awsgen_types::Operation;
use http::{HeaderName, HeaderValue};

pub(crate) use algorithm::{checksum_of, Algorithm};

use crate::error::ChecksumError;

const SDK_CHECKSUM_ALGORITHM: HeaderName = HeaderName::from_static("x-amz-sdk-checksum-algorithm");

/// The algorithm of the checksum operation `O`'s request carries: the one
/// the input names, else CRC32 (the SDKs' default) when the trait requires
/// a checksum, else none. None either when the input already carries a
/// checksum header (an `x-amz-checksum-*` member the caller set, such as
/// S3's `ChecksumCRC32` of a precomputed upload): the caller's value goes.
pub(crate) fn request_algorithm<O: Operation>(
    input: &O::Input,
    headers: &[(HeaderName, HeaderValue)],
) -> Result<Option<Algorithm>, ChecksumError> {
    let Some(trait_) = O::HTTP_CHECKSUM else {
        return Ok(None);
    };
    if headers.iter().any(|(name, _)| {
        name.as_str().starts_with("x-amz-checksum-") && name != "x-amz-checksum-mode"
    }) {
        return Ok(None);
    }
    match O::request_checksum_algorithm(input) {
        Some(name) => Algorithm::from_name(name).map(Some),
        None if trait_.request_checksum_required => Algorithm::from_name("CRC32").map(Some),
        None => Ok(None),
    }
}

/// Adds `x-amz-checksum-<alg>: <value>`, and `x-amz-sdk-checksum-algorithm`
/// unless the input's algorithm member already put it there.
pub(crate) fn add_headers(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    algorithm: Algorithm,
    value: &str,
) -> Result<(), ChecksumError> {
    // Base64 text is always a valid header value.
    let value = HeaderValue::from_str(value)
        .map_err(|_| ChecksumError::Unsupported(algorithm.name().to_owned()))?;
    headers.push((HeaderName::from_static(algorithm.header()), value));
    add_algorithm_header(headers, algorithm);
    Ok(())
}

/// `x-amz-sdk-checksum-algorithm`, unless the input set it.
pub(crate) fn add_algorithm_header(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    algorithm: Algorithm,
) {
    if !headers
        .iter()
        .any(|(name, _)| *name == SDK_CHECKSUM_ALGORITHM)
    {
        headers.push((
            SDK_CHECKSUM_ALGORITHM,
            HeaderValue::from_static(algorithm.name()),
        ));
    }
}
