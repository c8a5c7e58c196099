//! How the JSON protocols (awsJson1_0, awsJson1_1, restJson1) name and
//! describe an error, and the step from an error response to the
//! operation's error enum.

use http::HeaderName;

use crate::error::{sanitize_error_code, ErrorMetadata, ErrorResponse, OperationError};
use crate::response::HttpResponse;

const X_AMZN_ERRORTYPE: HeaderName = HeaderName::from_static("x-amzn-errortype");

/// The operation's error for a non-2xx response: the protocol's code and
/// message, then the modeled error that code names (or the catch-all).
pub fn read_error<E: OperationError>(response: &HttpResponse<'_>) -> E {
    let metadata = error_metadata(response);
    E::from_response(ErrorResponse {
        body: response.body,
        headers: response.headers,
        metadata: &metadata,
    })
}

/// The error of a service with `@awsQueryCompatible` (SQS, moved from
/// awsQuery to awsJson): its responses say the awsQuery error code in the
/// `x-amzn-query-error` header (`Code;Fault`), and that code is the one
/// callers have always matched on, so it becomes the metadata's code. The
/// generated error enum selects a modeled error by either code.
pub fn read_query_compatible_error<E: OperationError>(response: &HttpResponse<'_>) -> E {
    let mut metadata = error_metadata(response);
    if let Some(code) = query_error_code(response.headers) {
        metadata.code = Some(code.to_owned());
    }
    E::from_response(ErrorResponse {
        body: response.body,
        headers: response.headers,
        metadata: &metadata,
    })
}

/// The code part of `x-amzn-query-error: Code;Fault`, when it has one.
fn query_error_code(headers: &http::HeaderMap) -> Option<&str> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let (code, _fault) = value.split_once(';')?;
    let code = code.trim();
    (!code.is_empty()).then_some(code)
}

/// The top-level keys of an error body that name and describe the error.
/// Non-string values are ignored rather than failing the whole body.
#[derive(Default, serde::Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "string_or_none")]
    code: Option<String>,
    #[serde(default, rename = "__type", deserialize_with = "string_or_none")]
    type_name: Option<String>,
    #[serde(default, deserialize_with = "string_or_none")]
    message: Option<String>,
    #[serde(default, rename = "Message", deserialize_with = "string_or_none")]
    capital_message: Option<String>,
    #[serde(default, rename = "errorMessage", deserialize_with = "string_or_none")]
    error_message: Option<String>,
}

fn string_or_none<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum StringOrOther {
        String(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(
        match <StringOrOther as serde::Deserialize>::deserialize(deserializer)? {
            StringOrOther::String(s) => Some(s),
            StringOrOther::Other(_) => None,
        },
    )
}

/// Code and message of an awsJson or restJson1 error response (PROTOCOL §2.5).
///
/// Code: the `X-Amzn-Errortype` header, else the body's top-level `code`, else
/// its top-level `__type`; sanitized. Message: `message`, `Message` or
/// `errorMessage`. A body that is empty or not a JSON object (an HTML page
/// from a proxy) yields no code and no message; it is never an error.
pub fn error_metadata(response: &HttpResponse<'_>) -> ErrorMetadata {
    let (status, body) = (response.status, response.body);
    let error_type_header = response
        .headers
        .get(X_AMZN_ERRORTYPE)
        .and_then(|v| v.to_str().ok());
    let parsed: ErrorBody = if body.trim_ascii_start().starts_with(b"{") {
        serde_json::from_slice(body).unwrap_or_default()
    } else {
        ErrorBody::default()
    };
    let code = error_type_header
        .or(parsed.code.as_deref())
        .or(parsed.type_name.as_deref())
        .map(sanitize_error_code)
        .filter(|code| !code.is_empty())
        .map(str::to_owned);
    let message = parsed
        .message
        .or(parsed.capital_message)
        .or(parsed.error_message);
    ErrorMetadata::new(code, message, status, response.request_id())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderMap;

    fn metadata(status: u16, headers: &[(&str, &str)], body: &[u8]) -> ErrorMetadata {
        let headers: HeaderMap = headers
            .iter()
            .map(|(k, v)| {
                (
                    HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                )
            })
            .collect();
        error_metadata(&HttpResponse {
            status,
            headers: &headers,
            body,
        })
    }

    #[test]
    fn header_wins_over_code_which_wins_over_type() {
        let body = br#"{"code":"FromCode","__type":"ns#FromType","message":"m"}"#;
        let with_header = metadata(400, &[("X-Amzn-Errortype", "FromHeader:http://x/")], body);
        assert_eq!(with_header.code.as_deref(), Some("FromHeader"));
        assert_eq!(metadata(400, &[], body).code.as_deref(), Some("FromCode"));
        let only_type = metadata(
            400,
            &[],
            br#"{"__type":"aws.protocoltests.json#FooError:http://internal"}"#,
        );
        assert_eq!(only_type.code.as_deref(), Some("FooError"));
    }

    #[test]
    fn a_query_compatible_service_names_the_error_by_its_query_code() {
        let headers: HeaderMap = [(
            HeaderName::from_static("x-amzn-query-error"),
            "AWS.SimpleQueueService.NonExistentQueue;Sender"
                .parse()
                .unwrap(),
        )]
        .into_iter()
        .collect();
        assert_eq!(
            query_error_code(&headers),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        let bad: HeaderMap = [(
            HeaderName::from_static("x-amzn-query-error"),
            "NoFault".parse().unwrap(),
        )]
        .into_iter()
        .collect();
        assert_eq!(query_error_code(&bad), None);
        assert_eq!(query_error_code(&HeaderMap::new()), None);
    }

    #[test]
    fn nested_type_keys_do_not_count() {
        let meta = metadata(
            400,
            &[],
            br#"{"ErrorDetails":[{"__type":"Nested"}],"message":"hi"}"#,
        );
        assert_eq!(meta.code, None);
        assert_eq!(meta.message.as_deref(), Some("hi"));
    }

    #[test]
    fn message_keys_in_order() {
        let meta = metadata(400, &[], br#"{"Message":"B","errorMessage":"C"}"#);
        assert_eq!(meta.message.as_deref(), Some("B"));
        let meta = metadata(400, &[], br#"{"errorMessage":"C"}"#);
        assert_eq!(meta.message.as_deref(), Some("C"));
    }

    #[test]
    fn non_json_empty_and_odd_bodies_are_not_failures() {
        let html = metadata(
            503,
            &[("x-amzn-requestid", "r1")],
            b"<html>Service Unavailable</html>",
        );
        assert_eq!(html, ErrorMetadata::new(None, None, 503, Some("r1".into())));
        assert_eq!(
            metadata(500, &[], b""),
            ErrorMetadata::new(None, None, 500, None)
        );
        let odd = metadata(400, &[], br#"{"code":42,"__type":"Real","message":null}"#);
        assert_eq!(odd.code.as_deref(), Some("Real"));
        assert_eq!(odd.message, None);
        assert_eq!(metadata(400, &[], b"[1,2]").code, None);
        assert_eq!(metadata(400, &[], br#"["FooError","msg"]"#).code, None);
    }
}
