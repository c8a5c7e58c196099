//! Runs `StartImageScan` N times through the whole client with a canned
//! 200 response and no I/O, for counting instructions per call under
//! callgrind (repeatable whatever else the machine does, unlike time):
//!
//! ```sh
//! cargo build --release -p awsgen-client --example call_instructions
//! for n in 1000 2000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/tmp/calls.$n \
//!     target/release/examples/call_instructions $n 2>&1 | grep 'refs'
//! done
//! ```
//!
//! (refs at 2000 − refs at 1000) / 1000 is the cost of one call, setup
//! excluded. BENCHMARKS.md has the figures.

use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest};

const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;

fn main() {
    let calls: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let connector = awsgen_client::connector_fn(|_request| async {
        let mut response = http::Response::new(Bytes::from_static(STARTED));
        response.headers_mut().insert(
            "x-amzn-requestid",
            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
        );
        Ok::<_, awsgen_client::ConnectorError>(response)
    });
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(awsgen_client::Credentials::new(
            "AKIDEXAMPLE",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            None,
            "bench",
        ))
        .endpoint_url("https://api.ecr.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .expect("client");
    let client = ecr_types::Client::new(inner);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    for _ in 0..calls {
        let request =
            StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
        let output = runtime.block_on(client.start_image_scan(request));
        std::hint::black_box(output.expect("canned 200"));
    }
}
