//! What presigning hands over: a request that someone else sends.

use std::fmt;
use std::time::{Duration, SystemTime};

use awsgen_auth::redact_presigned_uri;
use bytes::Bytes;
use http::{HeaderMap, Method, Uri};

use crate::observe::Redacted;

/// A request signed in its URL ([`Client::presign`](crate::Client::presign)),
/// to be sent by anyone who holds it, without credentials, until it
/// expires.
///
/// Whoever sends it must use [`method`](Self::method) and
/// [`uri`](Self::uri) as they are, send every header of
/// [`headers`](Self::headers) with its value (they are signed; `Host` is
/// signed too and is the URI's authority, so it is not listed), and send
/// the body the signature expects:
///
/// - for S3 (signing name `s3`) the payload is `UNSIGNED-PAYLOAD`: any
///   body, as the SDKs presign S3 (an upload URL for a file the signer
///   never sees);
/// - for any other service the signature covers the body's SHA-256, so
///   the body must be exactly [`body`](Self::body) (empty for most reads);
///   an operation whose payload is a stream is signed over what the stream
///   held when it was presigned, which the sender must send unchanged.
///
/// The URI is a credential: `Debug` shows it with `X-Amz-Signature` and
/// `X-Amz-Security-Token` redacted, and header values that may carry
/// secrets hidden. Hand the URI itself only to whoever is meant to use it.
#[derive(Clone)]
pub struct PresignedRequest {
    pub(crate) method: Method,
    pub(crate) uri: Uri,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Option<Bytes>,
    pub(crate) signed_at: SystemTime,
    pub(crate) expires_in: Duration,
}

impl PresignedRequest {
    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The URL with the signed query.
    pub fn uri(&self) -> &Uri {
        &self.uri
    }

    /// The headers the sender must send with these values (signed), apart
    /// from `Host`. Often empty for a read; a write usually has its
    /// `Content-Type` here.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The serialized body the signature covers (see the type's docs for
    /// S3), or `None` when the operation's payload is a stream, which the
    /// sender provides.
    pub fn body(&self) -> Option<&Bytes> {
        self.body.as_ref()
    }

    /// The signing time (`X-Amz-Date`), by the service's clock as the
    /// client has learned it.
    pub fn signed_at(&self) -> SystemTime {
        self.signed_at
    }

    /// When the service stops accepting the request: the signing time plus
    /// the expiry.
    pub fn expires_at(&self) -> SystemTime {
        self.signed_at + self.expires_in
    }

    /// The request as an `http::Request` for an HTTP client: method, URI,
    /// headers and body (empty when the payload is a stream, which the
    /// caller then puts in).
    pub fn to_http_request(&self) -> http::Request<Bytes> {
        let (mut head, ()) = http::Request::new(()).into_parts();
        head.method = self.method.clone();
        head.uri = self.uri.clone();
        head.headers = self.headers.clone();
        http::Request::from_parts(head, self.body.clone().unwrap_or_default())
    }
}

impl fmt::Debug for PresignedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PresignedRequest")
            .field("method", &self.method)
            .field("uri", &redact_presigned_uri(&self.uri.to_string()))
            .field("headers", &format_args!("{}", Redacted(&self.headers)))
            .field("body", &self.body.as_ref().map(Bytes::len))
            .field("signed_at", &self.signed_at)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    #[test]
    fn debug_redacts_the_signature_the_token_and_secret_headers() {
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        headers.insert(
            "x-amz-server-side-encryption-customer-key",
            HeaderValue::from_static("CUSTOMERKEY"),
        );
        let request = PresignedRequest {
            method: Method::PUT,
            uri: Uri::from_static(
                "https://example.com/k?X-Amz-Expires=60&X-Amz-Security-Token=SESSIONTOKEN&X-Amz-Signature=0123abcd",
            ),
            headers,
            body: Some(Bytes::from_static(b"{}")),
            signed_at: SystemTime::UNIX_EPOCH,
            expires_in: Duration::from_secs(60),
        };
        let debug = format!("{request:?}");
        for secret in ["SESSIONTOKEN", "0123abcd", "CUSTOMERKEY"] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("X-Amz-Expires=60"), "{debug}");
        assert!(debug.contains("application/json"), "{debug}");
        assert_eq!(
            request.expires_at(),
            SystemTime::UNIX_EPOCH + Duration::from_secs(60)
        );
    }
}
