//! What a signature says about the payload: the last line of the canonical
//! request, and `x-amz-content-sha256` when the settings add it.

use ring::digest;

use super::string_to_sign::sha256_hex;
use crate::hex::HexDigest;

/// The last line of the canonical request for an unsigned payload.
pub(crate) const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
/// The same for an unsigned `aws-chunked` payload with a trailer.
pub(crate) const UNSIGNED_WITH_TRAILER: &str = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/// How the payload enters the signature.
#[derive(Clone, Copy, Debug)]
pub enum SignedPayload<'a> {
    /// The payload itself, hashed while signing.
    Bytes(&'a [u8]),
    /// The SHA-256 of a payload streamed once ahead of the request
    /// ([`PayloadHasher`]), so a file is not held in memory to be signed.
    Sha256(&'a PayloadSha256),
    /// `UNSIGNED-PAYLOAD`: the payload is not part of the signature, as
    /// operations with `aws.auth#unsignedPayload` (and S3 over TLS) allow.
    Unsigned,
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`: an unsigned payload sent in
    /// the `aws-chunked` encoding with its checksum in a trailer (S3's
    /// flexible checksums of a streamed body over TLS).
    UnsignedWithTrailer,
}

impl SignedPayload<'_> {
    /// The payload hash when it is a fixed text rather than a hash.
    pub(crate) fn literal(&self) -> Option<&'static str> {
        match self {
            SignedPayload::Unsigned => Some(UNSIGNED_PAYLOAD),
            SignedPayload::UnsignedWithTrailer => Some(UNSIGNED_WITH_TRAILER),
            SignedPayload::Bytes(_) | SignedPayload::Sha256(_) => None,
        }
    }
}

impl<'a> From<&'a [u8]> for SignedPayload<'a> {
    fn from(bytes: &'a [u8]) -> Self {
        SignedPayload::Bytes(bytes)
    }
}

impl<'a> SignedPayload<'a> {
    /// The payload's line of the canonical request: its SHA-256 (computed
    /// here for bytes, kept on the stack), or a literal (`UNSIGNED-PAYLOAD`).
    pub(crate) fn hash(&self) -> PayloadHash<'a> {
        match *self {
            SignedPayload::Bytes(body) => PayloadHash::Computed(sha256_hex(body)),
            SignedPayload::Sha256(hash) => PayloadHash::Given(hash.as_str()),
            SignedPayload::Unsigned => PayloadHash::Given(UNSIGNED_PAYLOAD),
            SignedPayload::UnsignedWithTrailer => PayloadHash::Given(UNSIGNED_WITH_TRAILER),
        }
    }
}

/// What [`SignedPayload::hash`] gives: shared by header and query signing.
pub(crate) enum PayloadHash<'a> {
    Computed(HexDigest),
    Given(&'a str),
}

impl PayloadHash<'_> {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            PayloadHash::Computed(digest) => digest.as_str(),
            PayloadHash::Given(text) => text,
        }
    }
}

/// A SHA-256 of a payload, computed chunk by chunk.
pub struct PayloadHasher(digest::Context);

impl PayloadHasher {
    /// An empty hash.
    pub fn new() -> Self {
        PayloadHasher(digest::Context::new(&digest::SHA256))
    }

    /// Adds the next chunk.
    pub fn update(&mut self, chunk: &[u8]) {
        self.0.update(chunk);
    }

    /// The hash of every chunk added.
    pub fn finish(self) -> PayloadSha256 {
        PayloadSha256(HexDigest::new(self.0.finish().as_ref()))
    }
}

impl Default for PayloadHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for PayloadHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PayloadHasher")
    }
}

/// A payload's SHA-256, as lowercase hex.
#[derive(Clone, PartialEq, Eq)]
pub struct PayloadSha256(HexDigest);

impl PayloadSha256 {
    /// The hex text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Debug for PayloadSha256 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_hash_as_the_whole() {
        let mut hasher = PayloadHasher::new();
        hasher.update(b"ab");
        hasher.update(b"c");
        // SHA-256("abc"), FIPS 180-2's example.
        assert_eq!(
            hasher.finish().as_str(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn unsigned_payloads_are_announced_by_their_fixed_texts() {
        assert_eq!(SignedPayload::Unsigned.literal(), Some("UNSIGNED-PAYLOAD"));
        assert_eq!(
            SignedPayload::UnsignedWithTrailer.literal(),
            Some("STREAMING-UNSIGNED-PAYLOAD-TRAILER")
        );
        assert_eq!(SignedPayload::Bytes(b"x").literal(), None);
    }
}
