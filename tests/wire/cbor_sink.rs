//! The cbor sink (rpcv2Cbor): requests, outputs and errors of a generated
//! crate against CBOR bytes. Timestamps are tag 1 around epoch seconds
//! whatever `@timestampFormat` says, blobs are byte strings, floats carry
//! NaN natively, a `Unit` input sends no body.

use awsgen_types::http::{HeaderMap, HeaderValue};
use awsgen_types::{Blob, DateTime, HttpResponse, Operation, OperationError};
use cbor_sink_types::{
    ImageIdentifier, ImageScanStatus, Ping, ScanStatus, StartScan, StartScanError,
    StartScanRequest, StartScanResponse,
};

fn cbor_headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("smithy-protocol", HeaderValue::from_static("rpc-v2-cbor"));
    headers
}

fn response<'a>(status: u16, headers: &'a HeaderMap, body: &'a [u8]) -> HttpResponse<'a> {
    HttpResponse {
        status,
        headers,
        body,
    }
}

fn header_names(request: &awsgen_types::HttpRequest) -> Vec<String> {
    request
        .headers
        .iter()
        .map(|(name, value)| format!("{name}: {}", value.to_str().unwrap()))
        .collect()
}

#[test]
fn a_request_is_a_cbor_map_posted_to_the_operation_path() {
    let input = StartScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
    let request = StartScan::serialize_request(&input).unwrap();
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.path_and_query,
        "/service/CborSink/operation/StartScan"
    );
    assert_eq!(
        header_names(&request),
        [
            "accept: application/cbor",
            "content-type: application/cbor",
            "smithy-protocol: rpc-v2-cbor"
        ]
    );
    let body = request.body.as_bytes().unwrap();
    // {"repositoryName": "team/app", "imageId": {"imageTag": "v1"}}
    let expected = b"\xa2\x6erepositoryName\x68team/app\x67imageId\xa1\x68imageTag\x62v1";
    assert_eq!(&body[..], &expected[..]);
}

#[test]
fn a_unit_input_sends_no_body_and_no_content_type() {
    let request = Ping::serialize_request(&Default::default()).unwrap();
    assert_eq!(request.path_and_query, "/service/CborSink/operation/Ping");
    assert_eq!(request.body.as_bytes().map(|b| b.len()), Some(0));
    assert_eq!(
        header_names(&request),
        ["accept: application/cbor", "smithy-protocol: rpc-v2-cbor"]
    );
    let headers = cbor_headers();
    Ping::deserialize_output(&response(200, &headers, b"")).unwrap();
}

#[test]
fn outputs_read_tagged_timestamps_byte_strings_and_native_nan() {
    let output = StartScanResponse::new()
        .with_repository_name("team/app")
        .with_image_scan_status(ImageScanStatus::new().with_status(ScanStatus::InProgress))
        .with_started_at(DateTime::from_millis(946_845_296_123))
        .with_score(f64::NAN)
        .with_digest_bytes(Blob::from(&[0u8, 0xff][..]));
    let body = awsgen_types::cbor::to_vec(&output).unwrap();
    // The date-time format of the model does not apply: tag 1 (0xc1) and a double.
    let started = b"\x69startedAt\xc1\xfb\x41\xcc\x37\xdb\x38\x0f\xbe\x77";
    assert!(body.windows(started.len()).any(|w| w == started));
    let digest = b"\x6bdigestBytes\x42\x00\xff";
    assert!(
        body.windows(digest.len()).any(|w| w == digest),
        "a byte string"
    );
    let headers = cbor_headers();
    let read = StartScan::deserialize_output(&response(200, &headers, &body)).unwrap();
    assert!(read.score.unwrap().is_nan());
    assert_eq!(read.started_at, output.started_at);
    assert_eq!(read.digest_bytes, output.digest_bytes);
    assert_eq!(read.image_scan_status, output.image_scan_status);
}

#[test]
fn a_hostile_output_is_an_error_naming_what_is_wrong() {
    let headers = cbor_headers();
    let deep = [&[0xa1, 0x61, b'x'][..]; 200].concat();
    for (body, message) in [
        (
            &deep[..],
            "CBOR at byte 384: arrays and maps nest deeper than 128 levels",
        ),
        (
            &b"\xa1\x6erepositoryName\x7b\x00\x00\x01\x00\x00\x00\x00\x00"[..],
            "CBOR at byte 16: a string declares 1099511627776 bytes but only 0 remain in the body",
        ),
        (
            &b"\x81\x01"[..],
            "CBOR at byte 0: expected struct StartScanResponse, found an array",
        ),
    ] {
        let error = StartScan::deserialize_output(&response(200, &headers, body)).unwrap_err();
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn errors_are_named_by_type_and_a_foreign_response_by_status_alone() {
    let headers = cbor_headers();
    // {"__type": "example.cborsink#ScanNotFound", "message": "no scan"}
    let body = b"\xa2\x66__type\x78\x1dexample.cborsink#ScanNotFound\x67message\x67no scan";
    match StartScan::deserialize_error(&response(400, &headers, body)) {
        StartScanError::ScanNotFound(error) => {
            assert_eq!(error.message.as_deref(), Some("no scan"));
            assert_eq!(error.metadata().code.as_deref(), Some("ScanNotFound"));
        }
        other => panic!("expected ScanNotFound, got {other:?}"),
    }
    let throttled = b"\xa1\x66__type\x78\x1aexample.cborsink#Throttled";
    let error = StartScan::deserialize_error(&response(429, &headers, throttled));
    assert_eq!(
        error.retry_class(),
        Some(awsgen_types::RetryClass::Throttling)
    );
    // Without `smithy-protocol`, the body is not read at all.
    let plain = HeaderMap::new();
    match StartScan::deserialize_error(&response(400, &plain, body)) {
        StartScanError::Unhandled(error) => assert_eq!(error.metadata().code, None),
        other => panic!("expected Unhandled, got {other:?}"),
    }
}
