//! Building the HTTP request of an operation (PROTOCOL §2.1, §2.8, §2.9) and
//! signing it afresh for each attempt (§4.2).

use std::time::SystemTime;

use awsjson_auth::{Credentials, Signer, SigningParams, SigningSettings};
use awsjson_types::Operation;
use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use crate::compression::{choose_encoding, CompressionConfig};
use crate::endpoint::ResolvedEndpoint;
use crate::error::InvalidRequest;

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const REQUEST_INFO: HeaderName = HeaderName::from_static("amz-sdk-request");

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
    invocation_id: HeaderValue,
    user_agent: HeaderValue,
    content_encoding: Option<HeaderValue>,
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

/// Room for the headers set here, the four added per attempt (request info,
/// date, session token, authorization) and a spare, so no attempt grows the map.
const HEADER_CAPACITY: usize = 14;

/// Serializes the input and gathers the headers of operation `O`'s request.
///
/// `user_agent` goes in although it is not signed: the signer never signs
/// `user-agent` (see `SigningSettings::excluded_headers`), so proxies may
/// rewrite it.
pub(crate) fn prepare<O: Operation>(
    input: &O::Input,
    endpoint: &ResolvedEndpoint,
    compression: &CompressionConfig,
    invocation_id: String,
    user_agent: &HeaderValue,
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
        invocation_id: HeaderValue::try_from(invocation_id).map_err(|_| {
            InvalidRequest::InvalidHeader {
                name: "amz-sdk-invocation-id".to_owned(),
            }
        })?,
        user_agent: user_agent.clone(),
        content_encoding: encoding.map(HeaderValue::from_static),
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
        let mut headers = HeaderMap::with_capacity(HEADER_CAPACITY + self.endpoint_headers.len());
        for (name, value) in &self.endpoint_headers {
            headers.append(name.clone(), value.clone());
        }
        headers.insert(CONTENT_TYPE, self.content_type.clone());
        headers.insert(X_AMZ_TARGET, self.target.clone());
        headers.insert(CONTENT_LENGTH, HeaderValue::from(self.body.len()));
        headers.insert(HOST, self.host.clone());
        headers.insert(INVOCATION_ID, self.invocation_id.clone());
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(encoding) = &self.content_encoding {
            // awsJson binds no input member to headers, so nothing else sets Content-Encoding.
            headers.insert(CONTENT_ENCODING, encoding.clone());
        }
        headers.insert(REQUEST_INFO, request_info(attempt, max)?);
        let params = SigningParams {
            credentials: signing.credentials,
            region: signing.region,
            service,
            time: signing.time,
            settings: signing.settings,
        };
        signing
            .signer
            .sign(&Method::POST, &self.uri, &mut headers, &self.body, &params)?;

        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = headers;
        Ok(request)
    }
}

/// `attempt=N; max=M` (the SDKs' `amz-sdk-request`), written without `format!`.
fn request_info(attempt: u32, max: u32) -> Result<HeaderValue, InvalidRequest> {
    let mut info = String::with_capacity(32);
    info.push_str("attempt=");
    push_decimal(&mut info, attempt);
    info.push_str("; max=");
    push_decimal(&mut info, max);
    HeaderValue::try_from(info).map_err(|_| InvalidRequest::InvalidHeader {
        name: "amz-sdk-request".to_owned(),
    })
}

fn push_decimal(out: &mut String, value: u32) {
    if value >= 10 {
        push_decimal(out, value / 10);
    }
    out.push(char::from(b'0' + (value % 10) as u8));
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
    fn request_info_counts_attempts() {
        for (attempt, max, expected) in [
            (1, 3, "attempt=1; max=3"),
            (10, 10, "attempt=10; max=10"),
            (0, u32::MAX, "attempt=0; max=4294967295"),
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
