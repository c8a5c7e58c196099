//! CPU per request, without a network: `StartImageScan` through the whole
//! client (endpoint lookup, serialize, build, sign, the connector seam, parse,
//! retry bookkeeping) with a closure connector that returns a canned response,
//! plus the main parts on their own so a regression can be located.
//! `start_scan_rpc_v2_cbor/*` is the same call over rpcv2Cbor: the cbor
//! sink's `StartScan` (tests/fixtures/cbor-sink), ECR's StartImageScan in
//! size, answered with the same values as CBOR.
//!
//! `cargo bench -p awsgen-client --bench per_request`; method and figures in
//! BENCHMARKS.md ("Transport").

use std::hint::black_box;
use std::time::SystemTime;

use awsgen_auth::{sign, Signer, SigningParams, SigningSettings};
use awsgen_client::{connector_fn, ConnectorError, Credentials};
use awsgen_types::json::fast::{FastRead, Reader};
use bytes::Bytes;
use cbor_sink_types::{ImageScanStatus, ScanStatus, StartScanRequest, StartScanResponse};
use criterion::{criterion_group, criterion_main, Criterion};
use ecr_types::{
    DescribeImageScanFindings, DescribeImageScanFindingsResponse, ImageIdentifier,
    StartImageScanRequest, StartImageScanResponse,
};

/// What ECR answers to a started scan.
const STARTED: &[u8] = br#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;
/// The per-image quota error (never retried, so one attempt).
const QUOTA: &[u8] = br#"{"__type":"LimitExceededException","message":"The scan quota per image has been exceeded. Wait and try again."}"#;

fn request() -> StartImageScanRequest {
    StartImageScanRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn credentials() -> Credentials {
    Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        "bench",
    )
}

/// A client whose every request gets `status` and `body`, with no I/O at all.
fn client_answering(status: u16, body: &'static [u8]) -> ecr_types::Client {
    let connector = connector_fn(move |_request| async move {
        let mut response = http::Response::new(Bytes::from_static(body));
        *response.status_mut() =
            http::StatusCode::from_u16(status).map_err(|e| ConnectorError::other(e.to_string()))?;
        response.headers_mut().insert(
            "x-amzn-requestid",
            http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
        );
        Ok(response)
    });
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url("https://api.ecr.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .expect("bench client");
    ecr_types::Client::new(inner)
}

/// [`STARTED`]'s values as the cbor sink's `StartScan` output, in CBOR.
fn started_cbor() -> Vec<u8> {
    let output = StartScanResponse::new()
        .with_registry_id("123456789012")
        .with_repository_name("team/app")
        .with_image_id(
            cbor_sink_types::ImageIdentifier::new()
                .with_image_digest(
                    "sha256:4ae3b0f6e7c5b1d2a9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6",
                )
                .with_image_tag("v1"),
        )
        .with_image_scan_status(ImageScanStatus::new().with_status(ScanStatus::InProgress));
    awsgen_types::cbor::to_vec(&output).expect("CBOR")
}

/// A modeled, never-retried error of `StartScan` with [`QUOTA`]'s message, in CBOR.
fn not_found_cbor() -> Vec<u8> {
    let error = std::collections::BTreeMap::from([
        ("__type", "example.cborsink#ScanNotFound"),
        (
            "message",
            "The scan quota per image has been exceeded. Wait and try again.",
        ),
    ]);
    awsgen_types::cbor::to_vec(&error).expect("CBOR")
}

fn scan_request() -> StartScanRequest {
    StartScanRequest::new(
        "team/app",
        cbor_sink_types::ImageIdentifier::new().with_image_tag("v1"),
    )
}

/// The cbor sink's client, every request answered with `status` and `body`
/// marked as rpcv2Cbor, with no I/O at all.
fn cbor_client_answering(status: u16, body: Vec<u8>) -> cbor_sink_types::Client {
    let body = Bytes::from(body);
    let connector = connector_fn(move |_request| {
        let mut response = http::Response::new(body.clone());
        let status = http::StatusCode::from_u16(status);
        async move {
            *response.status_mut() = status.map_err(|e| ConnectorError::other(e.to_string()))?;
            let headers = response.headers_mut();
            headers.insert(
                "x-amzn-requestid",
                http::HeaderValue::from_static("b3f0c8a2-5d1e-4a7b-9c6d-2e8f1a0b3c4d"),
            );
            headers.insert(
                "smithy-protocol",
                http::HeaderValue::from_static("rpc-v2-cbor"),
            );
            Ok(response)
        }
    });
    let inner = awsgen_client::Client::builder()
        .region("us-east-1")
        .credentials(credentials())
        .endpoint_url("https://cbor-sink.us-east-1.amazonaws.com")
        .connector(connector)
        .build()
        .expect("bench client");
    cbor_sink_types::Client::new(inner)
}

fn whole_call(c: &mut Criterion) {
    // The operation timeout needs the timer, as in real use.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("tokio runtime");
    let mut group = c.benchmark_group("start_image_scan");

    let ok = client_answering(200, STARTED);
    group.bench_function("200_output", |b| {
        b.iter(|| {
            let output = runtime.block_on(ok.start_image_scan(request()));
            black_box(output.expect("canned 200"))
        })
    });

    let quota = client_answering(400, QUOTA);
    group.bench_function("400_quota_error", |b| {
        b.iter(|| {
            let err = runtime.block_on(quota.start_image_scan(request()));
            black_box(err.expect_err("canned 400"))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("start_scan_rpc_v2_cbor");
    let ok = cbor_client_answering(200, started_cbor());
    group.bench_function("200_output", |b| {
        b.iter(|| {
            let output = runtime.block_on(ok.start_scan(scan_request()));
            black_box(output.expect("canned 200"))
        })
    });
    let not_found = cbor_client_answering(400, not_found_cbor());
    let err = runtime
        .block_on(not_found.start_scan(scan_request()))
        .expect_err("canned 400");
    assert!(
        matches!(
            err.as_service(),
            Some(cbor_sink_types::StartScanError::ScanNotFound(_))
        ),
        "the canned 400 must read as the modeled error: {err}"
    );
    assert_eq!(err.attempts(), 1, "a modeled 400 is not retried");
    group.bench_function("400_not_found_error", |b| {
        b.iter(|| {
            let err = runtime.block_on(not_found.start_scan(scan_request()));
            black_box(err.expect_err("canned 400"))
        })
    });
    group.finish();
}

/// A 200 response with `body` and no headers, as the client hands it to an operation.
fn ok(body: &[u8]) -> awsgen_types::HttpResponse<'_> {
    static NO_HEADERS: std::sync::OnceLock<http::HeaderMap> = std::sync::OnceLock::new();
    awsgen_types::HttpResponse {
        status: 200,
        headers: NO_HEADERS.get_or_init(http::HeaderMap::new),
        body,
    }
}

fn parts(c: &mut Criterion) {
    let mut group = c.benchmark_group("parts");
    let input = request();
    group.bench_function("serialize_input", |b| {
        b.iter(|| black_box(serde_json::to_vec(black_box(&input)).expect("serialize")))
    });
    // What the client does: the generated direct reader, serde as fallback.
    group.bench_function("parse_output", |b| {
        b.iter(|| {
            black_box(
                <ecr_types::StartImageScan as awsgen_types::Operation>::deserialize_output(&ok(
                    black_box(STARTED),
                ))
                .expect("parse"),
            )
        })
    });
    // serde_json alone, for comparison.
    group.bench_function("parse_output_serde", |b| {
        b.iter(|| {
            black_box(
                awsgen_types::json::from_slice::<StartImageScanResponse>(black_box(STARTED))
                    .expect("parse"),
            )
        })
    });
    // StartScan's output over rpcv2Cbor: serde over the CBOR reader.
    let started_cbor = started_cbor();
    let mut cbor_headers = http::HeaderMap::new();
    cbor_headers.insert(
        "smithy-protocol",
        http::HeaderValue::from_static("rpc-v2-cbor"),
    );
    group.bench_function("parse_output_cbor", |b| {
        b.iter(|| {
            let response = awsgen_types::HttpResponse {
                status: 200,
                headers: &cbor_headers,
                body: black_box(&started_cbor),
            };
            black_box(
                <cbor_sink_types::StartScan as awsgen_types::Operation>::deserialize_output(
                    &response,
                )
                .expect("parse"),
            )
        })
    });
    // A page of enhanced scan findings (CVSS floats, timestamps, maps,
    // nested lists), as the ImageScanComplete waiter and the findings
    // paginator read it: the direct reader, then serde alone.
    let findings: &[u8] =
        include_bytes!("../../../tests/fixtures/ecr/describe-image-scan-findings-page.json");
    // Otherwise both benches would time serde.
    let mut reader = Reader::new(std::str::from_utf8(findings).expect("the page is UTF-8"));
    let direct = DescribeImageScanFindingsResponse::fast_read(&mut reader);
    assert!(
        direct.is_ok() && reader.at_end(),
        "the findings page must take the direct reader"
    );
    group.bench_function("parse_scan_findings", |b| {
        b.iter(|| {
            black_box(
                <DescribeImageScanFindings as awsgen_types::Operation>::deserialize_output(&ok(
                    black_box(findings),
                ))
                .expect("parse"),
            )
        })
    });
    group.bench_function("parse_scan_findings_serde", |b| {
        b.iter(|| {
            black_box(
                awsgen_types::json::from_slice::<DescribeImageScanFindingsResponse>(black_box(
                    findings,
                ))
                .expect("parse"),
            )
        })
    });

    let body = serde_json::to_vec(&input).expect("serialize");
    let uri: http::Uri = "https://api.ecr.us-east-1.amazonaws.com/"
        .parse()
        .expect("uri");
    let mut headers = http::HeaderMap::new();
    for (name, value) in [
        ("host", "api.ecr.us-east-1.amazonaws.com"),
        ("content-type", "application/x-amz-json-1.1"),
        (
            "x-amz-target",
            "AmazonEC2ContainerRegistry_V20150921.StartImageScan",
        ),
        ("content-length", "61"),
        (
            "amz-sdk-invocation-id",
            "9b0e3f5c-1d2a-4e6b-8c7d-0a1b2c3d4e5f",
        ),
        ("amz-sdk-request", "attempt=1; max=3"),
    ] {
        headers.insert(name, http::HeaderValue::from_static(value));
    }
    let credentials = credentials();
    let settings = SigningSettings::default();
    group.bench_function("sigv4_sign", |b| {
        b.iter(|| {
            let mut signed = headers.clone();
            let params = SigningParams {
                credentials: &credentials,
                region: "us-east-1",
                service: "ecr",
                time: SystemTime::now(),
                settings: &settings,
            };
            sign(&http::Method::POST, &uri, &mut signed, &body, &params).expect("sign");
            black_box(signed)
        })
    });
    // What the client does: the derived key is remembered between requests.
    let signer = Signer::new();
    group.bench_function("sigv4_signer", |b| {
        b.iter(|| {
            let mut signed = headers.clone();
            let params = SigningParams {
                credentials: &credentials,
                region: "us-east-1",
                service: "ecr",
                time: SystemTime::now(),
                settings: &settings,
            };
            signer
                .sign(&http::Method::POST, &uri, &mut signed, &body, &params)
                .expect("sign");
            black_box(signed)
        })
    });
    // The client's own path: the headers listed in name order, no map.
    let listed: Vec<(http::HeaderName, http::HeaderValue)> = {
        let mut pairs: Vec<_> = headers
            .iter()
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        pairs.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
        pairs
    };
    // Temporary credentials carry a session token, about a kilobyte from STS.
    let temporary = Credentials::new(
        "ASIAEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        Some("IQoJb3JpZ2luX2VjEXAMPLE/".repeat(40)),
        "bench",
    );
    for (name, credentials) in [
        ("sigv4_sign_headers", &credentials),
        ("sigv4_sign_headers_session_token", &temporary),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let params = SigningParams {
                    credentials,
                    region: "us-east-1",
                    service: "ecr",
                    time: SystemTime::now(),
                    settings: &settings,
                };
                let added = signer
                    .sign_headers(
                        &http::Method::POST,
                        &uri,
                        listed.iter().map(|(name, value)| (name, value)),
                        awsgen_auth::SignedPayload::Bytes(&body),
                        &params,
                    )
                    .expect("sign");
                black_box(added)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, whole_call, parts);
criterion_main!(benches);
