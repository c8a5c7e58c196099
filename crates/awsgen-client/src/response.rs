//! Reading responses: the request ID, a successful output, and the code and
//! message of an error response (PROTOCOL §2.4–2.5).

use awsgen_types::ErrorMetadata;
use awsgen_types::Operation;
use http::{HeaderMap, HeaderName};

const REQUEST_ID_NAMES: [HeaderName; 2] = [
    HeaderName::from_static("x-amzn-requestid"),
    HeaderName::from_static("x-amz-request-id"),
];

/// The request ID: `x-amzn-RequestId`, else `x-amz-request-id` (header names are case-insensitive).
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_NAMES
        .iter()
        .find_map(|name| headers.get(name)?.to_str().ok())
        .map(str::to_owned)
}

/// Deserializes operation `O`'s output from a 2xx body
/// ([`Operation::read_output`]); an empty (or all-whitespace) body reads as
/// `{}`. A structure is read from a JSON object only, never filled from an
/// array by position ([`awsgen_types::json::from_slice`]).
pub(crate) fn parse_output<O: Operation>(body: &[u8]) -> Result<O::Output, serde_json::Error> {
    O::read_output(non_empty(body))
}

/// `body`, or `{}` when it is empty or all whitespace.
fn non_empty(body: &[u8]) -> &[u8] {
    if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    }
}

/// Code, message, status and request ID of an error response; the rule
/// itself lives in [`awsgen_types::error::error_metadata`].
pub(crate) fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let error_type = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    awsgen_types::error::error_metadata(status, error_type, body, request_id(headers))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
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

    #[test]
    fn header_wins_over_code_which_wins_over_type() {
        let body = br#"{"code":"FromCode","__type":"ns#FromType","message":"m"}"#;
        let with_header = error_metadata(
            400,
            &headers(&[("X-Amzn-Errortype", "FromHeader:http://x/")]),
            body,
        );
        assert_eq!(with_header.code.as_deref(), Some("FromHeader"));
        let no_header = error_metadata(400, &HeaderMap::new(), body);
        assert_eq!(no_header.code.as_deref(), Some("FromCode"));
        let only_type = error_metadata(
            400,
            &HeaderMap::new(),
            br#"{"__type":"aws.protocoltests.json#FooError:http://internal"}"#,
        );
        assert_eq!(only_type.code.as_deref(), Some("FooError"));
    }

    #[test]
    fn nested_type_keys_do_not_count() {
        let body = br#"{"ErrorDetails":[{"__type":"Nested"}],"message":"hi"}"#;
        let meta = error_metadata(400, &HeaderMap::new(), body);
        assert_eq!(meta.code, None);
        assert_eq!(meta.message.as_deref(), Some("hi"));
    }

    #[test]
    fn message_keys_in_order() {
        let meta = error_metadata(
            400,
            &HeaderMap::new(),
            br#"{"Message":"B","errorMessage":"C"}"#,
        );
        assert_eq!(meta.message.as_deref(), Some("B"));
        let meta = error_metadata(400, &HeaderMap::new(), br#"{"errorMessage":"C"}"#);
        assert_eq!(meta.message.as_deref(), Some("C"));
    }

    #[test]
    fn non_json_empty_and_odd_bodies_are_not_failures() {
        let html = error_metadata(
            503,
            &headers(&[("x-amzn-requestid", "r1")]),
            b"<html>Service Unavailable</html>",
        );
        assert_eq!(html, ErrorMetadata::new(None, None, 503, Some("r1".into())));
        assert_eq!(
            error_metadata(500, &HeaderMap::new(), b""),
            ErrorMetadata::new(None, None, 500, None)
        );
        let odd = error_metadata(
            400,
            &HeaderMap::new(),
            br#"{"code":42,"__type":"Real","message":null}"#,
        );
        assert_eq!(odd.code.as_deref(), Some("Real"));
        assert_eq!(odd.message, None);
        assert_eq!(error_metadata(400, &HeaderMap::new(), b"[1,2]").code, None);
        assert_eq!(
            error_metadata(400, &HeaderMap::new(), br#"["FooError","msg"]"#).code,
            None
        );
    }

    #[test]
    fn output_accepts_empty_and_unknown_keys() {
        #[derive(Deserialize, Debug, PartialEq)]
        struct Out {
            a: Option<u8>,
        }
        let parse = |body| awsgen_types::json::from_slice::<Out>(non_empty(body));
        assert_eq!(parse(b"").unwrap(), Out { a: None });
        assert_eq!(parse(b" \n").unwrap(), Out { a: None });
        assert_eq!(
            parse(br#"{"a":1,"zzz":{"x":[1]}}"#).unwrap(),
            Out { a: Some(1) }
        );
        assert!(parse(b"{not json").is_err());
        assert_eq!(non_empty(b" x "), b" x ");
    }
}
