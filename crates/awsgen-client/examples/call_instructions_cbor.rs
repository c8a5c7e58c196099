//! `call_instructions` for rpcv2Cbor: runs the cbor sink's `StartScan`
//! (tests/fixtures/cbor-sink, ECR's StartImageScan in size: the same
//! request members and response values) N times through the whole client
//! with a canned 200 CBOR response and no I/O, for callgrind:
//!
//! ```sh
//! cargo build --release -p awsgen-client --example call_instructions_cbor
//! for n in 1000 2000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/tmp/cbor.$n \
//!     target/release/examples/call_instructions_cbor $n 2>&1 | grep 'refs'
//! done
//! ```
//!
//! (refs at 2000 − refs at 1000) / 1000 is the cost of one call, setup
//! excluded; BENCHMARKS.md sets it beside the awsJson call's.

use bytes::Bytes;
use cbor_sink_types::{
    ImageIdentifier, ImageScanStatus, ScanStatus, StartScanRequest, StartScanResponse,
};

fn main() {
    let calls: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    // The values of call_instructions' awsJson response, as CBOR.
    let started = StartScanResponse::new()
        .with_registry_id("123456789012")
        .with_repository_name("team/app")
        .with_image_id(
            ImageIdentifier::new()
                .with_image_digest(
                    "sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6",
                )
                .with_image_tag("v1"),
        )
        .with_image_scan_status(ImageScanStatus::new().with_status(ScanStatus::InProgress));
    let body = Bytes::from(awsgen_types::cbor::to_vec(&started).expect("CBOR"));
    let connector = awsgen_client::connector_fn(move |_request| {
        let mut response = http::Response::new(body.clone());
        let headers = response.headers_mut();
        headers.insert(
            "x-amzn-requestid",
            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
        );
        headers.insert(
            "smithy-protocol",
            http::HeaderValue::from_static("rpc-v2-cbor"),
        );
        async move { Ok::<_, awsgen_client::ConnectorError>(response) }
    });
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(awsgen_client::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            "bench",
        ))
        .endpoint_url("https://cbor-sink.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .expect("client");
    let client = cbor_sink_types::Client::new(inner);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    for _ in 0..calls {
        let request =
            StartScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
        let output = runtime.block_on(client.start_scan(request));
        std::hint::black_box(output.expect("canned 200"));
    }
}
