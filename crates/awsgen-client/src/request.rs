//! Building the HTTP request of an operation (PROTOCOL §2.1, §2.8, §2.9) and
//! signing it afresh for each attempt (§4.2).

use std::time::SystemTime;

use awsgen_auth::{Credentials, Signer, SigningParams, SigningSettings};
use awsgen_types::Operation;
use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use crate::compression::{choose_encoding, CompressionConfig};
use crate::endpoint::ResolvedEndpoint;
use crate::error::InvalidRequest;
use crate::invocation::InvocationId;

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const REQUEST_INFO: HeaderName = HeaderName::from_static("amz-sdk-request");
/// A `static`, not a `const`, so the optional entry of the list below can
/// borrow it for the whole function.
static TRACE_ID: HeaderName = HeaderName::from_static("x-amzn-trace-id");

/// A request with everything but the per-attempt headers and the signature.
///
/// The headers are kept as values, not as a map: each attempt builds its one
/// map straight from them, which costs less than copying a prepared map.
#[derive(Debug)]
pub(crate) struct PreparedRequest {
    uri: Uri,
    /// The endpoint's own headers (from the rule set), sent first.
    endpoint_headers: HeaderMap,
    content_type: HeaderValue,
    target: HeaderValue,
    host: HeaderValue,
    invocation_id: InvocationId,
    user_agent: HeaderValue,
    content_encoding: Option<HeaderValue>,
    /// Lambda's trace ID (`x-amzn-trace-id`), not signed.
    trace_id: Option<HeaderValue>,
    body: Bytes,
}

/// Who signs, for which scope, at what time.
pub(crate) struct SigningContext<'a> {
    pub(crate) signer: &'a Signer,
    pub(crate) credentials: &'a Credentials,
    pub(crate) region: &'a str,
    pub(crate) settings: &'a SigningSettings,
    pub(crate) time: SystemTime,
}

/// Serializes the input and gathers the headers of operation `O`'s request.
///
/// `user_agent` goes in although it is not signed: the signer never signs
/// `user-agent` (see `SigningSettings::excluded_headers`), so proxies may
/// rewrite it.
pub(crate) fn prepare<O: Operation>(
    input: &O::Input,
    endpoint: &ResolvedEndpoint,
    compression: &CompressionConfig,
    invocation_id: InvocationId,
    user_agent: &HeaderValue,
    trace_id: Option<HeaderValue>,
) -> Result<PreparedRequest, InvalidRequest> {
    let prefix = O::host_prefix(input)
        .map_err(InvalidRequest::HostPrefix)?
        .unwrap_or_default();
    check_host_prefix(&prefix)?;
    let (uri, host) = endpoint.target(&prefix)?;

    #[cfg_attr(not(feature = "gzip"), allow(unused_mut))]
    let mut body = serialize_body(input)?;
    let encoding = choose_encoding(O::REQUEST_COMPRESSION, compression, body.len());
    #[cfg(feature = "gzip")]
    if encoding.is_some() {
        body = crate::compression::gzip(&body).map_err(InvalidRequest::Compression)?;
    }
    Ok(PreparedRequest {
        uri,
        endpoint_headers: endpoint.headers.clone(),
        // Both are constants of the operation, so they are checked (and a bad
        // one rejected) when the client is compiled for it, not per call.
        content_type: const { HeaderValue::from_static(O::SERVICE.protocol.content_type()) },
        target: const { HeaderValue::from_static(O::TARGET) },
        host,
        invocation_id,
        user_agent: user_agent.clone(),
        content_encoding: encoding.map(HeaderValue::from_static),
        trace_id,
        body: Bytes::from(body),
    })
}

impl PreparedRequest {
    /// The request of attempt `attempt` of `max`, signed with `signing`.
    pub(crate) fn for_attempt(
        &self,
        attempt: u32,
        max: u32,
        service: &str,
        signing: &SigningContext<'_>,
    ) -> Result<http::Request<Bytes>, InvalidRequest> {
        // Made afresh for each attempt and moved into its map: cloning a
        // value made once per call would cost an extra allocation.
        let invocation_id =
            HeaderValue::from_bytes(self.invocation_id.as_bytes()).map_err(|_| {
                InvalidRequest::InvalidHeader {
                    name: "amz-sdk-invocation-id".to_owned(),
                }
            })?;
        let request_info = request_info(attempt, max)?;
        let content_length = decimal_value(self.body.len())?;
        // In name order, which spares the signer a sort; the endpoint's own
        // headers (rarely any) come last and then make it sort. What is signed
        // is exactly what the map below holds: a fixed header replaces an
        // endpoint header of the same name. The map is built from its own
        // list so the per-attempt values can be moved into it (one list of
        // owned values measured 8% slower per call); the loopback tests check
        // that every header sent is signed (`tests/client/sigv4_check.rs`).
        let fixed = [
            Some((&INVOCATION_ID, &invocation_id)),
            Some((&REQUEST_INFO, &request_info)),
            self.content_encoding
                .as_ref()
                .map(|value| (&CONTENT_ENCODING, value)),
            Some((&CONTENT_LENGTH, &content_length)),
            Some((&CONTENT_TYPE, &self.content_type)),
            Some((&HOST, &self.host)),
            Some((&USER_AGENT, &self.user_agent)),
            Some((&X_AMZ_TARGET, &self.target)),
            // Not signed (`SigningSettings::excluded_headers`), like User-Agent.
            self.trace_id.as_ref().map(|value| (&TRACE_ID, value)),
        ];
        let listed = fixed
            .iter()
            .flatten()
            .copied()
            .chain(self.endpoint_headers.iter().filter(|(name, _)| {
                !fixed
                    .iter()
                    .flatten()
                    .any(|(fixed_name, _)| fixed_name == name)
            }));
        let params = SigningParams {
            credentials: signing.credentials,
            region: signing.region,
            service,
            time: signing.time,
            settings: signing.settings,
        };
        let signature =
            signing
                .signer
                .sign_headers(&Method::POST, &self.uri, listed, &self.body, &params)?;

        // Sized exactly: a map keeps room for a power of two of entries
        // (about 100 bytes each) above a third more than asked for, so a
        // spare or two can double the allocation.
        let mut headers = HeaderMap::with_capacity(
            self.endpoint_headers.len() + fixed.iter().flatten().count() + signature.len(),
        );
        for (name, value) in &self.endpoint_headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(INVOCATION_ID, invocation_id);
        headers.insert(REQUEST_INFO, request_info);
        if let Some(encoding) = &self.content_encoding {
            // awsJson binds no input member to headers, so nothing else sets Content-Encoding.
            headers.insert(CONTENT_ENCODING, encoding.clone());
        }
        headers.insert(CONTENT_LENGTH, content_length);
        headers.insert(CONTENT_TYPE, self.content_type.clone());
        headers.insert(HOST, self.host.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        headers.insert(X_AMZ_TARGET, self.target.clone());
        if let Some(trace_id) = &self.trace_id {
            headers.insert(TRACE_ID.clone(), trace_id.clone());
        }
        for (name, value) in signature {
            headers.insert(name, value);
        }
        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// `attempt=N; max=M` (the SDKs' `amz-sdk-request`).
fn request_info(attempt: u32, max: u32) -> Result<HeaderValue, InvalidRequest> {
    let mut info = ShortText::default();
    info.push(b"attempt=");
    info.push_decimal(attempt.into());
    info.push(b"; max=");
    info.push_decimal(max.into());
    info.into_value("amz-sdk-request")
}

/// A number as a header value.
fn decimal_value(value: usize) -> Result<HeaderValue, InvalidRequest> {
    let mut text = ShortText::default();
    text.push_decimal(value as u64);
    text.into_value("content-length")
}

/// Header text written on the stack and copied into a header value once: a
/// `String` turned into a `HeaderValue` costs a second allocation whenever
/// its capacity exceeds its length, and `HeaderValue::from(usize)` two.
struct ShortText {
    bytes: [u8; 48],
    len: usize,
    overflowed: bool,
}

impl Default for ShortText {
    fn default() -> Self {
        Self {
            bytes: [0; 48],
            len: 0,
            overflowed: false,
        }
    }
}

impl ShortText {
    fn push(&mut self, text: &[u8]) {
        match self.bytes.get_mut(self.len..self.len + text.len()) {
            Some(room) => {
                room.copy_from_slice(text);
                self.len += text.len();
            }
            None => self.overflowed = true,
        }
    }

    fn push_decimal(&mut self, value: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = value;
        while start > 0 {
            start -= 1;
            if let Some(digit) = digits.get_mut(start) {
                *digit = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        self.push(digits.get(start..).unwrap_or_default());
    }

    fn into_value(self, name: &str) -> Result<HeaderValue, InvalidRequest> {
        let invalid = || InvalidRequest::InvalidHeader {
            name: name.to_owned(),
        };
        if self.overflowed {
            return Err(invalid());
        }
        HeaderValue::from_bytes(self.bytes.get(..self.len).unwrap_or_default())
            .map_err(|_| invalid())
    }
}

/// The JSON body; an input that serializes to nothing (a unit input) is sent as `{}`.
fn serialize_body<T: serde::Serialize>(input: &T) -> Result<Vec<u8>, InvalidRequest> {
    let body = serde_json::to_vec(input).map_err(InvalidRequest::Serialize)?;
    if body.is_empty() || body == b"null" {
        Ok(b"{}".to_vec())
    } else {
        Ok(body)
    }
}

/// The host prefix comes from input values, so it must be checked before it
/// becomes part of the host: host-name characters only, and labels of 1 to 63
/// characters that do not start with `-`.
fn check_host_prefix(prefix: &str) -> Result<(), InvalidRequest> {
    let invalid = |reason| {
        Err(InvalidRequest::InvalidHostPrefix {
            prefix: prefix.to_owned(),
            reason,
        })
    };
    if prefix.is_empty() {
        return Ok(());
    }
    if !prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return invalid("only letters, digits, `-` and `.` are allowed");
    }
    let labels: Vec<&str> = prefix.split('.').collect();
    // A prefix ending in `.` leaves an empty last piece; the endpoint host follows it.
    let last = labels.len() - 1;
    for (i, label) in labels.iter().enumerate() {
        if label.is_empty() && i != last {
            return invalid("it has an empty label");
        }
        if label.len() > 63 {
            return invalid("a label is longer than 63 characters");
        }
        if label.starts_with('-') {
            return invalid("a label starts with `-`");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_and_empty_inputs_become_an_empty_object() {
        assert_eq!(serialize_body(&()).unwrap(), b"{}");
        assert_eq!(serialize_body(&serde_json::json!({})).unwrap(), b"{}");
        assert_eq!(
            serialize_body(&serde_json::json!({"a": 1})).unwrap(),
            br#"{"a":1}"#
        );
    }

    #[test]
    fn lengths_are_written_in_decimal() {
        for value in [0, 7, 9, 10, 60, 1_048_576, usize::MAX] {
            assert_eq!(
                decimal_value(value).unwrap(),
                value.to_string().as_str(),
                "{value}"
            );
        }
    }

    #[test]
    fn request_info_counts_attempts() {
        for (attempt, max, expected) in [
            (1, 3, "attempt=1; max=3"),
            (10, 10, "attempt=10; max=10"),
            (0, u32::MAX, "attempt=0; max=4294967295"),
            (u32::MAX, u32::MAX, "attempt=4294967295; max=4294967295"),
        ] {
            assert_eq!(request_info(attempt, max).unwrap(), expected);
        }
    }

    #[test]
    fn host_prefixes_are_checked() {
        for ok in [
            "",
            "foo.",
            "foo.bar.",
            "data-",
            "a1-b2.",
            &format!("{}.", "a".repeat(63)),
        ] {
            assert!(check_host_prefix(ok).is_ok(), "{ok}");
        }
        for bad in [
            ".foo.",
            "foo..",
            "-foo.",
            "foo bar.",
            "foo/.",
            "ex\u{e9}.",
            "a\r\n.",
            &format!("{}.", "a".repeat(64)),
        ] {
            assert!(check_host_prefix(bad).is_err(), "{bad}");
        }
    }
}
