//! Runs one operation N times through the whole client with a canned 200
//! response and no I/O, for counting instructions per call under callgrind
//! (repeatable whatever else the machine does, unlike time): awsJson's
//! `StartImageScan` (ECR), or with `rest-json` the restJson1 `ListParts` of
//! the rest-sink fixture (a label, a query parameter and a header out; a
//! header and a JSON payload of about the same size back), or with
//! `aws-query` / `rest-xml` `StartScan` of the query-sink / xml-sink
//! fixtures (ECR's members and answer as a form and XML; restXml with the
//! repository in the path), or with `awsjson-400` StartImageScan answered
//! with its modeled, never-retried `LimitExceededException` (the error
//! path: the typed error read, the retry decision, the `CallError`). With
//! `expiring` (after the mode: `N awsjson expiring`), the credentials expire in an hour, so each call reads them
//! from the cache's expiring slot rather than the `OnceLock` of credentials
//! that do not expire.
//!
//! ```sh
//! cargo build --release -p awsgen-client --example call_instructions
//! for n in 1000 2000; do
//!   valgrind --tool=callgrind --callgrind-out-file=/tmp/calls.$n \
//!     target/release/examples/call_instructions $n [awsjson-400|rest-json|aws-query|rest-xml] 2>&1 | grep 'refs'
//! done
//! ```
//!
//! (refs at 2000 − refs at 1000) / 1000 is the cost of one call, setup
//! excluded. BENCHMARKS.md has the figures.

use bytes::Bytes;
use ecr_types::{ImageIdentifier, StartImageScanRequest};
use rest_sink_types::ListPartsRequest;

/// ListParts' payload, about as long as [`STARTED`].
const PARTS: &[u8] = br#"{"Parts":[{"name":"hinge-left-upper","status":"READY"},{"name":"hinge-left-lower","status":"READY"},{"name":"bracket-main","status":"BUILDING"},{"name":"bolt-m8x40","status":"READY"}]}"#;

/// StartScan's answer in awsQuery and restXml: [`STARTED`]'s members.
const QUERY_STARTED: &[u8] = br#"<StartScanResponse xmlns="https://example.com/query-sink/2020-01-08/"><StartScanResult><registryId>123456789012</registryId><repositoryName>team/app</repositoryName><imageId><imageDigest>sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6</imageDigest><imageTag>v1</imageTag></imageId><imageScanStatus><status>IN_PROGRESS</status></imageScanStatus></StartScanResult><ResponseMetadata><RequestId>b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d</RequestId></ResponseMetadata></StartScanResponse>"#;
const XML_STARTED: &[u8] = br#"<StartScanResponse xmlns="https://example.com/xml-sink/2020-01-08/"><registryId>123456789012</registryId><repositoryName>team/app</repositoryName><imageId><imageDigest>sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6</imageDigest><imageTag>v1</imageTag></imageId><imageScanStatus><status>IN_PROGRESS</status></imageScanStatus></StartScanResponse>"#;

/// StartImageScan's modeled error, never retried (one attempt a call).
const QUOTA: &[u8] = br#"{"__type":"LimitExceededException","message":"The scan quota per image has been exceeded. Wait and try again."}"#;

const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;

fn main() {
    let calls: u32 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let mode = std::env::args().nth(2).unwrap_or_default();
    let rest = mode == "rest-json";
    let expiring = std::env::args().nth(3).as_deref() == Some("expiring");
    let quota = mode == "awsjson-400";
    let body = match mode.as_str() {
        "awsjson-400" => QUOTA,
        "rest-json" => PARTS,
        "aws-query" => QUERY_STARTED,
        "rest-xml" => XML_STARTED,
        _ => STARTED,
    };
    let connector = awsgen_client::connector_fn(move |_request| async move {
        let mut response = http::Response::new(Bytes::from_static(body));
        if quota {
            *response.status_mut() = http::StatusCode::BAD_REQUEST;
        }
        response.headers_mut().insert(
            "x-amzn-requestid",
            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
        );
        if rest {
            response.headers_mut().insert(
                "x-next-token",
                http::HeaderValue::from_static("page-2-of-9"),
            );
        }
        Ok::<_, awsgen_client::ConnectorError>(response)
    });
    let credentials = awsgen_client::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        "bench",
    );
    let credentials = if expiring {
        credentials.with_expiry(std::time::SystemTime::now() + std::time::Duration::from_secs(3600))
    } else {
        credentials
    };
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(credentials)
        .endpoint_url("https://api.ecr.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .expect("client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("runtime");
    if mode == "aws-query" {
        let client = query_sink_types::Client::new(inner);
        for _ in 0..calls {
            let request = query_sink_types::StartScanRequest::new(
                "team/app",
                query_sink_types::ImageIdentifier::new().with_image_tag("v1"),
            );
            let output = runtime.block_on(client.start_scan(request));
            std::hint::black_box(output.expect("canned 200"));
        }
        return;
    }
    if mode == "rest-xml" {
        let client = xml_sink_types::Client::new(inner);
        for _ in 0..calls {
            let request = xml_sink_types::StartScanRequest::new(
                "team/app",
                xml_sink_types::ImageIdentifier::new().with_image_tag("v1"),
            );
            let output = runtime.block_on(client.start_scan(request));
            std::hint::black_box(output.expect("canned 200"));
        }
        return;
    }
    if rest {
        let client = rest_sink_types::Client::new(inner);
        for _ in 0..calls {
            let request = ListPartsRequest::new("w-0123456789abcdef")
                .with_next("page-1-of-9")
                .with_page_size(25);
            let output = runtime.block_on(client.list_parts(request));
            std::hint::black_box(output.expect("canned 200"));
        }
        return;
    }
    let client = ecr_types::Client::new(inner);
    for _ in 0..calls {
        let request =
            StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"));
        let output = runtime.block_on(client.start_image_scan(request));
        if quota {
            std::hint::black_box(output.expect_err("canned 400"));
        } else {
            std::hint::black_box(output.expect("canned 200"));
        }
    }
}
