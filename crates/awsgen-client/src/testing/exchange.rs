//! The recording file: one JSON object per line (JSON Lines), stable and
//! readable, documented in [`super`]. Secrets are redacted here, before
//! anything is written.

use std::fmt;

use base64::Engine as _;
use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::error::{ConnectorError, ConnectorErrorKind};
use crate::operation_id::OperationId;

/// The first line of every recording.
pub(crate) const FORMAT: &str = "awsgen-replay";
/// The format version this crate writes and reads.
pub(crate) const VERSION: u32 = 1;

/// What a redacted value is replaced with.
pub const REDACTED: &str = "<redacted>";

/// The first line of a recording.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FileHeader {
    pub(crate) format: String,
    pub(crate) version: u32,
}

/// One request and what came back: a response, or the connector's error.
///
/// A [`RecordingConnector`](super::RecordingConnector) hands each one to its
/// [`scrub`](super::RecordingConnector::scrub) function before writing it,
/// which may change anything (a secret in a body, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Exchange {
    /// The operation, as `OperationId`'s `Display` shows it (`ECR
    /// StartImageScan`); informational, never matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// The request.
    pub request: RecordedRequest,
    /// The response, when one arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<RecordedResponse>,
    /// The connector's error, when no response arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RecordedError>,
}

/// A request as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `POST`, `GET`, ...
    pub method: String,
    /// The path and query (`/`, `/things/a?x=1`); the host is kept apart
    /// because it changes with the endpoint.
    pub uri: String,
    /// The host the request went to; informational, never matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Header names (lower case) and values, in the order sent; signing
    /// headers and tokens are [`REDACTED`].
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(flatten)]
    pub body: RecordedBody,
}

/// A response as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordedResponse {
    /// The HTTP status.
    pub status: u16,
    /// Header names (lower case) and values, in the order received.
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    /// The body.
    #[serde(flatten)]
    pub body: RecordedBody,
}

/// A body: UTF-8 text as `body`, anything else as `body_base64`, nothing
/// for an empty one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordedBody {
    /// The body as text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body in standard base64, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
}

/// A connector error as recorded: its kind and message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RecordedError {
    /// `connect`, `timeout`, `io`, `response_too_large`, `payload` or `other`.
    pub kind: String,
    /// What the connector said.
    pub message: String,
}

impl RecordedBody {
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        if bytes.is_empty() {
            return RecordedBody::default();
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => RecordedBody {
                body: Some(text.to_owned()),
                body_base64: None,
            },
            Err(_) => RecordedBody {
                body: None,
                body_base64: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
            },
        }
    }

    /// The bytes; `Err` names what is wrong with the recorded form.
    pub(crate) fn to_bytes(&self) -> Result<Bytes, String> {
        match (&self.body, &self.body_base64) {
            (Some(_), Some(_)) => Err("has both `body` and `body_base64`".to_owned()),
            (Some(text), None) => Ok(Bytes::from(text.clone())),
            (None, Some(encoded)) => base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map(Bytes::from)
                .map_err(|e| format!("`body_base64` is not base64: {e}")),
            (None, None) => Ok(Bytes::new()),
        }
    }
}

impl Exchange {
    /// Records a request and its outcome, with secrets redacted.
    pub(crate) fn new(
        request: &http::Request<Bytes>,
        outcome: &Result<http::Response<Bytes>, ConnectorError>,
    ) -> Self {
        let uri = request
            .uri()
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| redact_query(p.as_str()));
        let host = request.uri().host().map(str::to_owned).or_else(|| {
            request
                .headers()
                .get(http::header::HOST)
                .map(|h| String::from_utf8_lossy(h.as_bytes()).into_owned())
        });
        let (response, error) = match outcome {
            Ok(response) => (
                Some(RecordedResponse {
                    status: response.status().as_u16(),
                    headers: header_list(response.headers()),
                    body: RecordedBody::from_bytes(response.body()),
                }),
                None,
            ),
            Err(err) => (
                None,
                Some(RecordedError {
                    kind: kind_name(err.kind()).to_owned(),
                    message: err.to_string(),
                }),
            ),
        };
        Exchange {
            operation: OperationId::of_request(request).map(ToString::to_string),
            request: RecordedRequest {
                method: request.method().as_str().to_owned(),
                uri,
                host,
                headers: header_list(request.headers()),
                body: RecordedBody::from_bytes(request.body()),
            },
            response,
            error,
        }
    }

    /// The outcome to replay: the response, or the recorded error.
    pub(crate) fn replay(&self) -> Result<Result<http::Response<Bytes>, ConnectorError>, String> {
        match (&self.response, &self.error) {
            (Some(recorded), None) => {
                let mut response = http::Response::new(recorded.body.to_bytes()?);
                *response.status_mut() = http::StatusCode::from_u16(recorded.status)
                    .map_err(|_| format!("status {} is not an HTTP status", recorded.status))?;
                for (name, value) in &recorded.headers {
                    let name = HeaderName::try_from(name.as_str())
                        .map_err(|_| format!("`{name}` is not a header name"))?;
                    let value = HeaderValue::try_from(value.as_str())
                        .map_err(|_| format!("the value of `{name}` is not a header value"))?;
                    response.headers_mut().append(name, value);
                }
                Ok(Ok(response))
            }
            (None, Some(error)) => {
                let kind = kind_from_name(&error.kind)
                    .ok_or_else(|| format!("`{}` is not a connector error kind", error.kind))?;
                Ok(Err(ConnectorError::new(kind, error.message.clone())))
            }
            (Some(_), Some(_)) => Err("has both a `response` and an `error`".to_owned()),
            (None, None) => Err("has neither a `response` nor an `error`".to_owned()),
        }
    }
}

/// A short description for messages: `ECR StartImageScan: POST /`.
impl fmt::Display for Exchange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = &self.operation {
            write!(f, "{operation}: ")?;
        }
        write!(f, "{} {}", self.request.method, self.request.uri)
    }
}

/// Whether a header's value is a secret and is never written: the
/// signature, session tokens, cookies, proxy credentials.
pub(crate) fn is_secret_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    matches!(
        name.as_str(),
        "authorization" | "proxy-authorization" | "cookie" | "set-cookie" | "x-amz-security-token"
    ) || (name.starts_with("x-amz-") && name.contains("token"))
}

/// Whether a query parameter carries a secret (a presigned URL's signature,
/// credential scope or session token).
fn is_secret_query_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    matches!(key.as_str(), "x-amz-signature" | "x-amz-credential")
        || (key.starts_with("x-amz-") && key.contains("token"))
}

fn header_list(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_secret_header(name.as_str()) {
                REDACTED.to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), shown)
        })
        .collect()
}

fn redact_query(path_and_query: &str) -> String {
    let Some((path, query)) = path_and_query.split_once('?') else {
        return path_and_query.to_owned();
    };
    let pairs: Vec<String> = query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, _)) if is_secret_query_key(key) => format!("{key}={REDACTED}"),
            _ => pair.to_owned(),
        })
        .collect();
    format!("{path}?{}", pairs.join("&"))
}

fn kind_name(kind: ConnectorErrorKind) -> &'static str {
    match kind {
        ConnectorErrorKind::Connect => "connect",
        ConnectorErrorKind::Timeout => "timeout",
        ConnectorErrorKind::Io => "io",
        ConnectorErrorKind::ResponseTooLarge => "response_too_large",
        ConnectorErrorKind::Payload => "payload",
        ConnectorErrorKind::Other => "other",
    }
}

fn kind_from_name(name: &str) -> Option<ConnectorErrorKind> {
    Some(match name {
        "connect" => ConnectorErrorKind::Connect,
        "timeout" => ConnectorErrorKind::Timeout,
        "io" => ConnectorErrorKind::Io,
        "response_too_large" => ConnectorErrorKind::ResponseTooLarge,
        "payload" => ConnectorErrorKind::Payload,
        "other" => ConnectorErrorKind::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_headers_and_tokens_are_secrets() {
        for name in [
            "Authorization",
            "x-amz-security-token",
            "X-Amz-Security-Token",
            "x-amz-federation-token",
            "proxy-authorization",
            "cookie",
            "set-cookie",
        ] {
            assert!(is_secret_header(name), "{name}");
        }
        for name in [
            "x-amz-date",
            "x-amz-target",
            "content-type",
            "x-amzn-requestid",
        ] {
            assert!(!is_secret_header(name), "{name}");
        }
    }

    #[test]
    fn presigned_query_secrets_are_redacted() {
        assert_eq!(
            redact_query("/k?X-Amz-Signature=abc&x=1&X-Amz-Security-Token=t"),
            "/k?X-Amz-Signature=<redacted>&x=1&X-Amz-Security-Token=<redacted>"
        );
        assert_eq!(redact_query("/plain"), "/plain");
    }

    #[test]
    fn bodies_are_text_or_base64() {
        assert_eq!(RecordedBody::from_bytes(b""), RecordedBody::default());
        let text = RecordedBody::from_bytes(b"{\"a\":1}");
        assert_eq!(text.body.as_deref(), Some("{\"a\":1}"));
        let binary = RecordedBody::from_bytes(&[0xff, 0x00]);
        assert_eq!(binary.body_base64.as_deref(), Some("/wA="));
        assert_eq!(binary.to_bytes().unwrap().as_ref(), &[0xff, 0x00]);
    }
}
