//! Building the HTTP request of an operation (PROTOCOL §2.1, §2.8, §2.9) and
//! signing it afresh for each attempt (§4.2).

use std::time::SystemTime;

use awsjson_auth::{sign, Credentials, SigningParams, SigningSettings};
use awsjson_types::Operation;
use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, USER_AGENT};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Uri};

use crate::compression::{choose_encoding, gzip, CompressionConfig};
use crate::endpoint::ResolvedEndpoint;
use crate::error::InvalidRequest;

const X_AMZ_TARGET: HeaderName = HeaderName::from_static("x-amz-target");
const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const REQUEST_INFO: HeaderName = HeaderName::from_static("amz-sdk-request");

/// A request with everything but the per-attempt headers and the signature.
#[derive(Debug)]
pub(crate) struct PreparedRequest {
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    user_agent: HeaderValue,
}

/// Who signs, for which scope, at what time.
pub(crate) struct SigningContext<'a> {
    pub(crate) credentials: &'a Credentials,
    pub(crate) region: &'a str,
    pub(crate) settings: &'a SigningSettings,
    pub(crate) time: SystemTime,
}

/// Serializes the input and builds the unsigned request of operation `O`.
pub(crate) fn prepare<O: Operation>(
    input: &O::Input,
    endpoint: &ResolvedEndpoint,
    compression: &CompressionConfig,
    invocation_id: &str,
    user_agent: &str,
) -> Result<PreparedRequest, InvalidRequest> {
    let prefix = O::host_prefix(input)
        .map_err(InvalidRequest::HostPrefix)?
        .unwrap_or_default();
    check_host_prefix(&prefix)?;
    let uri = endpoint
        .url
        .request_uri(&prefix)
        .map_err(InvalidRequest::Uri)?;

    let mut body = serialize_body(input)?;
    let encoding = choose_encoding(O::REQUEST_COMPRESSION, compression, body.len());
    if encoding.is_some() {
        body = gzip(&body).map_err(InvalidRequest::Compression)?;
    }

    let mut headers = endpoint.headers.clone();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(O::SERVICE.protocol.content_type()),
    );
    headers.insert(X_AMZ_TARGET, header_value("X-Amz-Target", O::TARGET)?);
    headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
    headers.insert(
        HOST,
        header_value("Host", &endpoint.url.authority(&prefix))?,
    );
    headers.insert(
        INVOCATION_ID,
        header_value("amz-sdk-invocation-id", invocation_id)?,
    );
    if let Some(encoding) = encoding {
        // awsJson binds no input member to headers, so nothing else sets Content-Encoding.
        headers.insert(CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    Ok(PreparedRequest {
        uri,
        headers,
        body: Bytes::from(body),
        user_agent: header_value("User-Agent", user_agent)?,
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
        let mut headers = self.headers.clone();
        let info = format!("attempt={attempt}; max={max}");
        headers.insert(REQUEST_INFO, header_value("amz-sdk-request", &info)?);
        let params = SigningParams {
            credentials: signing.credentials,
            region: signing.region,
            service,
            time: signing.time,
            settings: signing.settings,
        };
        sign(&Method::POST, &self.uri, &mut headers, &self.body, &params)?;
        // Added after signing so it is never signed: proxies may rewrite it.
        headers.insert(USER_AGENT, self.user_agent.clone());

        let mut request = http::Request::new(self.body.clone());
        *request.method_mut() = Method::POST;
        *request.uri_mut() = self.uri.clone();
        *request.headers_mut() = headers;
        Ok(request)
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

fn header_value(name: &str, value: &str) -> Result<HeaderValue, InvalidRequest> {
    HeaderValue::from_str(value).map_err(|_| InvalidRequest::InvalidHeader {
        name: name.to_owned(),
    })
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
