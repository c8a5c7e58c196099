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

use crate::error::{ChecksumError, InvalidRequest};

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
    if carries_checksum(headers) {
        return Ok(None);
    }
    match O::request_checksum_algorithm(input) {
        Some(name) => Algorithm::from_name(name).map(Some),
        None if trait_.request_checksum_required => Algorithm::from_name("CRC32").map(Some),
        None => Ok(None),
    }
}

/// The checksum headers a caller may set through input members: one per
/// algorithm S3 knows, CRC64NVME included (not `x-amz-checksum-mode` or
/// `x-amz-checksum-type`, which are no checksum).
const CHECKSUM_HEADERS: [&str; 5] = [
    "x-amz-checksum-crc32",
    "x-amz-checksum-crc32c",
    "x-amz-checksum-crc64nvme",
    "x-amz-checksum-sha1",
    "x-amz-checksum-sha256",
];

/// Whether the input already set a checksum header.
fn carries_checksum(headers: &[(HeaderName, HeaderValue)]) -> bool {
    headers
        .iter()
        .any(|(name, _)| CHECKSUM_HEADERS.contains(&name.as_str()))
}

/// Adds `x-amz-checksum-<alg>: <value>`, and `x-amz-sdk-checksum-algorithm`
/// unless the input's algorithm member already put it there.
pub(crate) fn add_headers(
    headers: &mut Vec<(HeaderName, HeaderValue)>,
    algorithm: Algorithm,
    value: &str,
) -> Result<(), InvalidRequest> {
    // Base64 text is always a valid header value; the error is for form.
    let value = HeaderValue::from_str(value).map_err(|_| InvalidRequest::InvalidHeader {
        name: algorithm.header().to_owned(),
    })?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_checksum_header_counts_as_the_caller_s_checksum() {
        let header = |name: &'static str| {
            vec![(HeaderName::from_static(name), HeaderValue::from_static("x"))]
        };
        assert!(carries_checksum(&header("x-amz-checksum-crc32c")));
        assert!(carries_checksum(&header("x-amz-checksum-crc64nvme")));
        assert!(!carries_checksum(&header("x-amz-checksum-type")));
        assert!(!carries_checksum(&header("x-amz-checksum-mode")));
        assert!(!carries_checksum(&header("x-amz-sdk-checksum-algorithm")));
    }

    #[test]
    fn the_algorithm_is_named_once() {
        let mut headers = Vec::new();
        add_headers(
            &mut headers,
            Algorithm::Sha1,
            "e1AsOh9IyGCa4hLN+2Od7jlnP14=",
        )
        .unwrap();
        add_algorithm_header(&mut headers, Algorithm::Sha1);
        let names: Vec<&str> = headers.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            ["x-amz-checksum-sha1", "x-amz-sdk-checksum-algorithm"]
        );
        assert_eq!(headers[1].1, "SHA1");
    }
}
