//! `aws.protocols#awsJson1_0` and `awsJson1_1`: every operation is
//! `POST /` with the input as a JSON object and `X-Amz-Target` naming the
//! operation; the versions differ only in the content type (PROTOCOL §2).

use std::borrow::Cow;

use bytes::Bytes;
use http::header::CONTENT_TYPE;
use http::{HeaderName, HeaderValue, Method};
use serde::Serialize;

use crate::request::{HttpRequest, SerializeError};
use crate::response::{DeserializeError, HttpResponse};

/// `Content-Type` of awsJson1_0 requests.
pub const CONTENT_TYPE_1_0: HeaderValue = HeaderValue::from_static("application/x-amz-json-1.0");
/// `Content-Type` of awsJson1_1 requests.
pub const CONTENT_TYPE_1_1: HeaderValue = HeaderValue::from_static("application/x-amz-json-1.1");

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");

/// The operation's two headers, content type and `X-Amz-Target`, in name
/// order, for the generated operation's `static`: built at compile time (an
/// invalid target fails the build of the generated crate, not a call) and
/// borrowed by every request.
pub const fn headers(
    content_type: HeaderValue,
    target: HeaderValue,
) -> [(HeaderName, HeaderValue); 2] {
    [(CONTENT_TYPE, content_type), (X_AMZ_TARGET, target)]
}

/// The request: `POST /`, the operation's [`headers`] and the input as
/// JSON. An input that serializes to nothing (a unit input) is sent as `{}`.
pub fn serialize_request<T: Serialize>(
    input: &T,
    headers: &'static [(HeaderName, HeaderValue)],
) -> Result<HttpRequest, SerializeError> {
    let body = serde_json::to_vec(input).map_err(SerializeError::Body)?;
    let body = if body.is_empty() || body == b"null" {
        Bytes::from_static(b"{}")
    } else {
        Bytes::from(body)
    };
    Ok(HttpRequest {
        method: Method::POST,
        path_and_query: "/".into(),
        headers: Cow::Borrowed(headers),
        body: body.into(),
    })
}

/// Reads the output from a 2xx response with `read` (serde, or the direct
/// reader when the output has one); an empty or all-whitespace body reads
/// as `{}`.
pub fn deserialize_output<T>(
    response: &HttpResponse<'_>,
    read: fn(&[u8]) -> Result<T, crate::json::Error>,
) -> Result<T, DeserializeError> {
    read(non_empty(response.body)).map_err(DeserializeError::Json)
}

/// `body`, or `{}` when it is empty or all whitespace.
pub(crate) fn non_empty(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static HEADERS: [(HeaderName, HeaderValue); 2] =
        headers(CONTENT_TYPE_1_1, HeaderValue::from_static("S.Op"));

    #[test]
    fn unit_and_empty_inputs_become_an_empty_object() {
        let body = |input: &serde_json::Value| {
            serialize_request(input, &HEADERS)
                .unwrap()
                .body
                .into_bytes()
                .unwrap()
        };
        assert_eq!(
            serialize_request(&(), &HEADERS)
                .unwrap()
                .body
                .into_bytes()
                .unwrap(),
            &b"{}"[..]
        );
        assert_eq!(body(&serde_json::json!({})), &b"{}"[..]);
        assert_eq!(body(&serde_json::json!({"a": 1})), &br#"{"a":1}"#[..]);
    }

    #[test]
    fn headers_are_in_name_order() {
        let request = serialize_request(&(), &HEADERS).unwrap();
        assert!(
            matches!(request.headers, Cow::Borrowed(_)),
            "nothing allocated"
        );
        let names: Vec<_> = request.headers.iter().map(|(n, _)| n.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
        assert_eq!(request.method, Method::POST);
        assert_eq!(request.path_and_query, "/");
    }

    #[test]
    fn empty_bodies_read_as_an_empty_object() {
        assert_eq!(non_empty(b""), b"{}");
        assert_eq!(non_empty(b" \n"), b"{}");
        assert_eq!(non_empty(b" x "), b" x ");
    }
}
