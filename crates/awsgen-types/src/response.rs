//! The protocol-neutral view of a response that generated deserializers
//! read: status, headers and the whole body.

use std::fmt;

use http::{HeaderMap, HeaderName};

/// A response as the client received it.
#[derive(Debug, Clone, Copy)]
pub struct HttpResponse<'a> {
    /// The HTTP status code.
    pub status: u16,
    /// The response headers.
    pub headers: &'a HeaderMap,
    /// The whole body (possibly empty).
    pub body: &'a [u8],
}

const REQUEST_ID_NAMES: [HeaderName; 2] = [
    HeaderName::from_static("x-amzn-requestid"),
    HeaderName::from_static("x-amz-request-id"),
];

impl HttpResponse<'_> {
    /// The request ID: `x-amzn-RequestId`, else `x-amz-request-id`.
    pub fn request_id(&self) -> Option<String> {
        request_id(self.headers)
    }
}

/// The request ID of a response: `x-amzn-RequestId`, else `x-amz-request-id`
/// (header names are case-insensitive).
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_NAMES
        .iter()
        .find_map(|name| headers.get(name)?.to_str().ok())
        .map(str::to_owned)
}

/// Why a successful response could not be read as the operation's output.
#[derive(Debug)]
#[non_exhaustive]
pub enum DeserializeError {
    /// The body is not the output's JSON.
    Json(serde_json::Error),
    /// The body is not the output's CBOR.
    #[cfg(feature = "cbor")]
    Cbor(crate::cbor::Error),
    /// The body is not what the output's payload member holds.
    Body(String),
    /// A header bound to an output member holds a value of the wrong form.
    Header {
        /// The header name.
        header: String,
        /// The output member it is bound to.
        member: &'static str,
        /// What is wrong with the value.
        problem: String,
    },
}

impl From<serde_json::Error> for DeserializeError {
    fn from(err: serde_json::Error) -> Self {
        DeserializeError::Json(err)
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeserializeError::Json(err) => fmt::Display::fmt(err, f),
            #[cfg(feature = "cbor")]
            DeserializeError::Cbor(err) => fmt::Display::fmt(err, f),
            DeserializeError::Body(problem) => f.write_str(problem),
            DeserializeError::Header {
                header,
                member,
                problem,
            } => write!(f, "header `{header}` (member `{member}`): {problem}"),
        }
    }
}

impl std::error::Error for DeserializeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            DeserializeError::Json(err) => Some(err),
            #[cfg(feature = "cbor")]
            DeserializeError::Cbor(err) => Some(err),
            DeserializeError::Header { .. } | DeserializeError::Body(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn request_id_prefers_amzn_and_ignores_case() {
        let h = headers(&[("X-Amzn-Requestid", "a"), ("x-amz-request-id", "b")]);
        assert_eq!(request_id(&h).as_deref(), Some("a"));
        assert_eq!(
            request_id(&headers(&[("X-Amz-Request-Id", "b")])).as_deref(),
            Some("b")
        );
        assert_eq!(request_id(&HeaderMap::new()), None);
    }
}
