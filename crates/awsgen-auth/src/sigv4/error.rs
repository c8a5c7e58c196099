//! Why a request could not be signed.

use std::time::Duration;

use http::HeaderName;

use super::PresignExpiry;

/// A request that cannot be signed. No variant carries a secret: header values are
/// named, never shown.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SigningError {
    /// SigV4 always signs `host`, and the caller must set it to the authority sent.
    #[error("cannot sign the request: it has no Host header (set it to the authority actually sent, without a default port)")]
    MissingHost,
    /// A header value is not UTF-8 text, so it has no canonical form.
    #[error(
        "cannot sign the request: the value of header `{name}` is not valid UTF-8 header text"
    )]
    InvalidHeaderValue {
        /// The offending header.
        name: HeaderName,
    },
    /// The signing time cannot be written as `YYYYMMDDTHHMMSSZ`.
    #[error("cannot sign the request: signing time {reason}")]
    TimeOutOfRange {
        /// What is wrong with the time.
        reason: &'static str,
    },
    /// The region or service would break the credential scope (`date/region/service/aws4_request`).
    #[error(
        "cannot sign the request: {what} `{value}` is not valid in a credential scope ({reason})"
    )]
    InvalidScope {
        /// `region` or `service`.
        what: &'static str,
        /// The rejected value (neither is secret).
        value: String,
        /// Why it was rejected.
        reason: &'static str,
    },
    /// The access key id is empty or cannot appear in an `Authorization` header.
    #[error("cannot sign the request: the access key id is empty or contains whitespace, `/`, `,` or characters not allowed in an HTTP header")]
    InvalidAccessKeyId,
    /// The session token cannot be sent as an `X-Amz-Security-Token` header value.
    #[error("cannot sign the request: the session token contains characters not allowed in an HTTP header")]
    InvalidSessionToken,
    /// A presigned request's expiry is not a whole number of seconds within
    /// what SigV4 allows.
    #[error(
        "cannot presign the request: an expiry of {requested:?} is not a whole number of seconds from {min} to {max} seconds (7 days)",
        min = PresignExpiry::MIN_SECONDS,
        max = PresignExpiry::MAX_SECONDS
    )]
    InvalidExpiry {
        /// The expiry asked for.
        requested: Duration,
    },
    /// The request's query already holds a parameter query signing adds
    /// (the URI was presigned before, or carries a stray one).
    #[error("cannot presign the request: its query already has a `{name}` parameter, which the query signature sets")]
    QueryParameterTaken {
        /// The parameter, as query signing spells it.
        name: &'static str,
    },
    /// The presigned URI could not be put together (never expected: every
    /// part comes from a valid URI or is percent-encoded).
    #[error("cannot presign the request: the signed URI is invalid: {reason}")]
    PresignedUri {
        /// What the URI parser said (it does not quote the URI).
        reason: String,
    },
}
