//! A signer that remembers its derived signing key between requests.

use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use super::payload::SignedPayload;
use super::presign::{presign_listed, PresignedUri};
use super::sign::{sign_listed, sign_with_cache, SignatureHeaders, Texts};
use super::signing_key::KeyCache;
use super::{PresignExpiry, SigningError, SigningOutput, SigningParams};

/// Signs requests exactly like [`sign`](super::sign()), and keeps the derived
/// signing key of the last signature for the next one.
///
/// The key depends only on the secret, the date, the region and the service,
/// so a client that signs many requests with one identity derives it once a
/// day instead of once per request (four HMAC-SHA256 computations saved per
/// signature). It is reused only when the secret, access key id, date, region
/// and service all match. Share one `Signer` per client; it is `Send + Sync`.
///
/// `Debug` shows the credential scope of the remembered key, never the key.
#[derive(Debug, Default)]
pub struct Signer {
    keys: KeyCache,
}

impl Signer {
    /// A signer that has not derived any key yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Signs a request; see [`sign`](super::sign()) for what is added to
    /// `headers` and what is required of them.
    pub fn sign(
        &self,
        method: &Method,
        uri: &Uri,
        headers: &mut HeaderMap,
        body: &[u8],
        params: &SigningParams<'_>,
    ) -> Result<SigningOutput, SigningError> {
        sign_with_cache(method, uri, headers, body, params, &self.keys)
    }

    /// Signs a request whose headers are listed instead of kept in a map, and
    /// returns the headers the signature adds, for a caller that builds the
    /// request's map afterwards (one map per request instead of two).
    ///
    /// The rules are those of [`sign`](super::sign()): `host` must be listed,
    /// every listed header is signed except `authorization` and the excluded
    /// ones, and a listed `x-amz-date` or `x-amz-security-token` (or
    /// `x-amz-content-sha256` when the settings add it) is ignored, since the
    /// signature sets those. Listing the headers in name order spares a sort.
    pub fn sign_headers<'a>(
        &self,
        method: &Method,
        uri: &Uri,
        headers: impl IntoIterator<Item = (&'a HeaderName, &'a HeaderValue)>,
        payload: SignedPayload<'_>,
        params: &SigningParams<'_>,
    ) -> Result<SignatureHeaders, SigningError> {
        let listed = headers
            .into_iter()
            .map(|(name, value)| (name, value.as_bytes()));
        sign_listed(
            method,
            uri,
            listed,
            payload,
            params,
            &self.keys,
            Texts::Skip,
        )
        .map(|(added, _)| added)
    }

    /// Presigns a request like [`presign`](super::presign()), with the
    /// headers listed rather than kept in a map, and the derived key taken
    /// from (and left in) this signer.
    pub fn presign<'a>(
        &self,
        method: &Method,
        uri: &Uri,
        headers: impl IntoIterator<Item = (&'a HeaderName, &'a HeaderValue)>,
        payload: SignedPayload<'_>,
        params: &SigningParams<'_>,
        expires_in: PresignExpiry,
    ) -> Result<PresignedUri, SigningError> {
        let listed = headers
            .into_iter()
            .map(|(name, value)| (name, value.as_bytes()));
        presign_listed(method, uri, listed, payload, params, expires_in, &self.keys)
    }
}
