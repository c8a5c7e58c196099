use http::HeaderMap;

use super::*;

fn header_map(pairs: &[(&str, &str)]) -> HeaderMap {
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

const CBOR: (&str, &str) = ("smithy-protocol", "rpc-v2-cbor");

fn metadata(headers: &[(&str, &str)], body: &[u8], query: bool) -> ErrorMetadata {
    let headers = header_map(headers);
    error_metadata(
        &HttpResponse {
            status: 400,
            headers: &headers,
            body,
        },
        query,
    )
}

/// `{"__type": "ns#Oops", "message": "hi"}`
const OOPS: &[u8] = b"\xa2\x66__type\x67ns#Oops\x67message\x62hi";

#[test]
fn requests_have_the_protocol_headers_in_name_order_and_a_body_only_for_an_input() {
    #[derive(Serialize)]
    struct Empty {}
    let with = serialize_request(&Empty {}, "/service/S/operation/Op", false).unwrap();
    assert_eq!(with.method, Method::POST);
    assert_eq!(with.path_and_query, "/service/S/operation/Op");
    assert_eq!(with.body.as_bytes().map(|b| &b[..]), Some(&[0xa0][..]));
    let names = |r: &HttpRequest| {
        r.headers
            .iter()
            .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&with),
        [
            "accept: application/cbor",
            "content-type: application/cbor",
            "smithy-protocol: rpc-v2-cbor"
        ]
    );
    let without = request_without_body("/service/S/operation/Op", true);
    assert_eq!(without.body.as_bytes().map(|b| b.len()), Some(0));
    assert_eq!(
        names(&without),
        [
            "accept: application/cbor",
            "smithy-protocol: rpc-v2-cbor",
            "x-amzn-query-mode: true"
        ]
    );
    for (body, query) in [(true, false), (false, false), (true, true), (false, true)] {
        let list: Vec<&str> = headers(body, query)
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        let mut sorted = list.clone();
        sorted.sort_unstable();
        assert_eq!(list, sorted);
    }
}

#[test]
fn the_code_is_the_sanitized_type_and_the_query_header_wins_when_compatible() {
    let meta = metadata(&[CBOR], OOPS, false);
    assert_eq!(
        (meta.code.as_deref(), meta.message.as_deref()),
        (Some("Oops"), Some("hi"))
    );
    let query = [CBOR, ("x-amzn-query-error", "Customized;Sender")];
    assert_eq!(
        metadata(&query, OOPS, true).code.as_deref(),
        Some("Customized")
    );
    // A service that is not query-compatible ignores the header.
    assert_eq!(metadata(&query, OOPS, false).code.as_deref(), Some("Oops"));
}

#[test]
fn a_response_without_the_protocol_header_or_with_a_bad_body_is_judged_by_status() {
    assert_eq!(
        metadata(&[], OOPS, false),
        ErrorMetadata::new(None, None, 400, None)
    );
    for body in [&b""[..], b"<html>", b"\x81\x61a", b"\xa1\x66__type\x05"] {
        assert_eq!(metadata(&[CBOR], body, false).code, None, "{body:?}");
    }
}

#[test]
fn outputs_read_from_cbor_and_an_empty_body_is_an_empty_map() {
    #[derive(Debug, PartialEq, Deserialize)]
    struct Out {
        #[serde(default)]
        a: Option<i32>,
    }
    let headers = header_map(&[CBOR]);
    let read = |body: &[u8]| {
        deserialize_output::<Out>(&HttpResponse {
            status: 200,
            headers: &headers,
            body,
        })
    };
    assert_eq!(read(b"").unwrap(), Out { a: None });
    assert_eq!(read(b"\xbf\x61a\x05\xff").unwrap(), Out { a: Some(5) });
    assert_eq!(
        read(b"\xa1\x61a").unwrap_err().to_string(),
        "CBOR at byte 3: the body ends where a data item was expected"
    );
    let plain = HeaderMap::new();
    let error = deserialize_output::<Out>(&HttpResponse {
        status: 200,
        headers: &plain,
        body: b"",
    })
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("lacks the header `smithy-protocol: rpc-v2-cbor`"),
        "{error}"
    );
}
