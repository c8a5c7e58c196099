//! What the signer is told: credentials and scope, and the knobs that differ between
//! services.

use std::time::SystemTime;

use http::header::{AUTHORIZATION, TRANSFER_ENCODING, USER_AGENT};
use http::HeaderName;

use crate::credentials::Credentials;

/// Where the session token of temporary credentials goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SessionTokenMode {
    /// Add `X-Amz-Security-Token` before signing, so it is part of the signature
    /// (what ECR and almost every service expect).
    #[default]
    Include,
    /// Add `X-Amz-Security-Token` only after signing, leaving it out of the signature
    /// (a few services, for example IoT, require this).
    AddAfterSigning,
}

/// Service-dependent signing options.
///
/// The defaults are right for every awsJson service: normalized, double-encoded path,
/// session token signed, no `x-amz-content-sha256` header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningSettings {
    /// Remove `.`/`..` segments and collapse repeated `/` before encoding the path.
    /// Only S3 turns this off.
    pub normalize_path: bool,
    /// Percent-encode the (already encoded) path once more, so `%3A` is signed as
    /// `%253A`. Every service except S3 expects this.
    pub double_encode_path: bool,
    /// Whether the session token is part of the signature.
    pub session_token: SessionTokenMode,
    /// Headers never signed, because proxies or the HTTP stack may change them on the
    /// way. `authorization` is never signed whatever this list holds.
    pub excluded_headers: Vec<HeaderName>,
    /// Add (and sign) `x-amz-content-sha256` with the payload hash. S3 wants it; ECR
    /// does not.
    pub content_sha256_header: bool,
}

impl Default for SigningSettings {
    fn default() -> Self {
        Self {
            normalize_path: true,
            double_encode_path: true,
            session_token: SessionTokenMode::Include,
            excluded_headers: vec![
                AUTHORIZATION,
                USER_AGENT,
                HeaderName::from_static("x-amzn-trace-id"),
                TRANSFER_ENCODING,
            ],
            content_sha256_header: false,
        }
    }
}

/// Everything a single signature depends on besides the request itself.
#[derive(Debug, Clone, Copy)]
pub struct SigningParams<'a> {
    /// The identity that signs.
    pub credentials: &'a Credentials,
    /// The signing region, for example `us-east-1`.
    pub region: &'a str,
    /// The signing name of the service, for example `ecr`.
    pub service: &'a str,
    /// The signing time; retries must pass a fresh one.
    pub time: SystemTime,
    /// Service-dependent options.
    pub settings: &'a SigningSettings,
}
