//! Replay through `recordings/ecr-journey.jsonl`, recorded from moto by
//! `examples/record_ecr_journey.rs`, and through small hand-written ones.

use awsgen_client::testing::{self, ReplayConnector};
use awsgen_client::{CallErrorKind, HttpConnector, PaginationStop};
use bytes::Bytes;
use ecr_types::{
    DescribeImageScanFindings, DescribeImageScanFindingsError, DescribeImageScanFindingsRequest,
    FindingSeverity, ImageIdentifier, ScanStatus, StartImageScanError, StartImageScanRequest,
};

use crate::{recording, run};

const DIGEST: &str = "sha256:9f447b1b473d359884f2b8541a1ad0b7d194ed59b79e8eee48047ec4830564fd";

fn journey() -> ReplayConnector {
    ReplayConnector::from_file(recording("ecr-journey.jsonl")).expect("the recording reads")
}

fn client(replay: &ReplayConnector) -> ecr_types::Client {
    ecr_types::Client::new(
        testing::client_builder(replay.clone())
            .build()
            .expect("a client"),
    )
}

fn scan(repository: &str, tag: &str) -> StartImageScanRequest {
    StartImageScanRequest::new(repository, ImageIdentifier::new().with_image_tag(tag))
}

fn findings(repository: &str, tag: &str) -> DescribeImageScanFindingsRequest {
    DescribeImageScanFindingsRequest::new(repository, ImageIdentifier::new().with_image_tag(tag))
}

/// The whole journey as moto answered it, replayed through the generated
/// client: outputs, the waiter, the paginator and three typed errors with
/// their recorded request IDs; every recorded exchange is used.
#[test]
fn the_recorded_ecr_journey_replays_through_the_typed_client() {
    run(async {
        let replay = journey();
        let ecr = client(&replay);

        let started = ecr.start_image_scan(scan("team/app", "v1")).await.unwrap();
        assert_eq!(
            started.image_id.unwrap().image_digest.as_deref(),
            Some(DIGEST)
        );
        assert_eq!(
            started.image_scan_status.and_then(|s| s.status),
            Some(ScanStatus::InProgress)
        );

        let waited = ecr
            .wait_until_image_scan_complete(
                findings("team/app", "v1"),
                std::time::Duration::from_secs(60),
            )
            .await
            .unwrap();
        assert_eq!(waited.attempts(), 1);

        let mut pages = ecr.describe_image_scan_findings_paginator(
            findings("team/app", "v1").with_max_results(50),
        );
        let mut all = Vec::new();
        while let Some(page) = pages.next_page().await {
            all.extend(page.unwrap().image_scan_findings.unwrap().findings.unwrap());
        }
        assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].name.as_deref(), Some("CVE-9999-9999"));
        assert_eq!(all[0].severity, Some(FindingSeverity::High));

        // The same request as the first: answered by the later exchange.
        let quota = ecr
            .start_image_scan(scan("team/app", "v1"))
            .await
            .unwrap_err();
        let Some(StartImageScanError::LimitExceededException(error)) = quota.as_service() else {
            panic!("expected the quota error: {quota:?}");
        };
        assert_eq!(error.metadata().status, 400);
        assert_eq!(
            error.metadata().request_id.as_deref(),
            Some("sQIqgRltj9qiBhkTNTCmTB0Po340oaKFWN26Rcc6vBKLrM2DJTmy")
        );
        assert_eq!(quota.attempts(), 1);

        let missing = ecr
            .start_image_scan(scan("team/app", "missing"))
            .await
            .unwrap_err();
        assert!(matches!(
            missing.as_service(),
            Some(StartImageScanError::ImageNotFoundException(_))
        ));
        let none = ecr
            .describe_image_scan_findings(findings("team/none", "v1"))
            .await
            .unwrap_err();
        assert!(matches!(
            none.as_service(),
            Some(DescribeImageScanFindingsError::RepositoryNotFoundException(
                _
            ))
        ));

        replay.finish().unwrap();
    });
}

/// A request the recording does not hold fails at once (not retried), and
/// the error names it, the closest recorded exchange and what differs;
/// `finish` reports it again with the exchanges never requested.
#[test]
fn an_unexpected_request_names_itself_and_the_closest_recorded_one() {
    run(async {
        let replay = journey();
        let err = client(&replay)
            .start_image_scan(scan("team/app", "v2"))
            .await
            .unwrap_err();
        assert_eq!(err.attempts(), 1, "{err}");
        assert!(matches!(err.kind(), CallErrorKind::Io(_)), "{err:?}");
        let message = err.to_string();
        for expected in [
            "ecr-journey.jsonl: request 1 (ECR StartImageScan: POST /) matches no recorded exchange left",
            "x-amz-target: AmazonEC2ContainerRegistry_V20150921.StartImageScan",
            "the closest unused exchange is line 2 (ECR StartImageScan: POST /), which differs in:",
            r#"body: recorded {"repositoryName":"team/app","imageId":{"imageTag":"v1"}}, sent {"repositoryName":"team/app","imageId":{"imageTag":"v2"}}"#,
        ] {
            assert!(message.contains(expected), "missing {expected:?} in:\n{message}");
        }
        let finished = replay.finish().unwrap_err().to_string();
        assert!(
            finished.contains("request 1 (ECR StartImageScan: POST /)"),
            "{finished}"
        );
        assert!(
            finished.contains("6 recorded exchange(s) of") && finished.contains("never requested"),
            "{finished}"
        );
        assert!(
            finished.contains("line 7: ECR DescribeImageScanFindings: POST /"),
            "{finished}"
        );
    });
}

/// Identical requests take the recorded exchanges in order; one more than
/// recorded says so.
#[test]
fn identical_requests_replay_in_order_and_one_too_many_is_named() {
    run(async {
        let replay = journey();
        let ecr = client(&replay);
        ecr.start_image_scan(scan("team/app", "v1")).await.unwrap();
        let second = ecr
            .start_image_scan(scan("team/app", "v1"))
            .await
            .unwrap_err();
        assert!(
            second.as_service().is_some(),
            "the recorded quota error: {second:?}"
        );
        let third = ecr
            .start_image_scan(scan("team/app", "v1"))
            .await
            .unwrap_err();
        let message = third.to_string();
        assert!(
            message.contains("line 2 matches it but was replayed already: this run makes more requests than were recorded"),
            "{message}"
        );
    });
}

fn request(method: &str, uri: &str, headers: &[(&str, &str)], body: &str) -> http::Request<Bytes> {
    let mut builder = http::Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(Bytes::from(body.to_owned())).unwrap()
}

const HAND_WRITTEN: &str = r#"{"format":"awsgen-replay","version":1}

{"request":{"method":"GET","uri":"/things?b=2&a=1","headers":[["x-api-version","7"]],"body":"{\"x\":1,\"y\":[true]}"},"response":{"status":200,"headers":[["content-type","application/json"]],"body":"{\"ok\":true}"}}
{"request":{"method":"PUT","uri":"/blob"},"response":{"status":204,"body_base64":"/wA="}}
"#;

/// Query parameters in any order, JSON bodies by value, extra headers only
/// when asked to match them; a base64 body comes back as its bytes.
#[test]
fn query_order_json_key_order_and_chosen_headers() {
    run(async {
        let replay = ReplayConnector::from_text("hand-written", HAND_WRITTEN).unwrap();
        let response = replay
            .call(request(
                "GET",
                "https://h/things?a=1&b=2",
                &[("x-api-version", "8")],
                r#"{ "y": [true], "x": 1 }"#,
            ))
            .await
            .unwrap();
        assert_eq!(response.body().as_ref(), br#"{"ok":true}"#);
        assert_eq!(response.headers()["content-type"], "application/json");
        let blob = replay.call(request("PUT", "/blob", &[], "")).await.unwrap();
        assert_eq!(blob.status(), 204);
        assert_eq!(blob.body().as_ref(), &[0xff, 0x00]);
        replay.finish().unwrap();

        let strict = ReplayConnector::from_text("hand-written", HAND_WRITTEN)
            .unwrap()
            .match_header("x-api-version");
        let err = strict
            .call(request(
                "GET",
                "/things?a=1&b=2",
                &[("x-api-version", "8")],
                r#"{"x":1,"y":[true]}"#,
            ))
            .await
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("header x-api-version: recorded 7, sent 8"),
            "{err}"
        );
    });
}

/// A recorded connection failure replays as one: the client retries it
/// and the next exchange answers.
#[test]
fn a_recorded_connection_failure_is_retried_like_a_real_one() {
    let recording = r#"{"format":"awsgen-replay","version":1}
{"request":{"method":"POST","uri":"/","headers":[["x-amz-target","AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings"]],"body":"{\"repositoryName\":\"r\",\"imageId\":{\"imageTag\":\"t\"}}"},"error":{"kind":"connect","message":"connection refused"}}
{"request":{"method":"POST","uri":"/","headers":[["x-amz-target","AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings"]],"body":"{\"repositoryName\":\"r\",\"imageId\":{\"imageTag\":\"t\"}}"},"response":{"status":200,"body":"{\"imageScanStatus\":{\"status\":\"COMPLETE\"}}"}}
"#;
    run(async {
        let replay = ReplayConnector::from_text("retry", recording)
            .unwrap()
            .ignore_header("content-type");
        let client = testing::client_builder(replay.clone()).build().unwrap();
        let (output, metadata) = client
            .call_with_metadata::<DescribeImageScanFindings>(findings("r", "t"))
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);
        assert_eq!(
            output.image_scan_status.and_then(|s| s.status),
            Some(ScanStatus::Complete)
        );
        replay.finish().unwrap();
    });
}

/// A broken recording fails when it is read, naming the line.
#[test]
fn a_broken_recording_names_its_line() {
    let cases = [
        ("", "line 1: empty"),
        ("{\"format\":\"har\",\"version\":1}\n", "line 1: format \"har\" version 1 is not \"awsgen-replay\" version 1"),
        (
            "{\"format\":\"awsgen-replay\",\"version\":1}\n\n{\"request\":{}}\n",
            "line 3: missing field `method`",
        ),
        (
            "{\"format\":\"awsgen-replay\",\"version\":1}\n{\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"response\":{\"status\":1000}}\n",
            "line 2: status 1000 is not an HTTP status",
        ),
        (
            "{\"format\":\"awsgen-replay\",\"version\":1}\n{\"request\":{\"method\":\"GET\",\"uri\":\"/\"}}\n",
            "line 2: has neither a `response` nor an `error`",
        ),
    ];
    for (text, expected) in cases {
        let err = ReplayConnector::from_text("broken.jsonl", text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("broken.jsonl, "), "{err}");
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    }
    let missing = ReplayConnector::from_file("no/such/recording.jsonl")
        .unwrap_err()
        .to_string();
    assert!(
        missing.contains("cannot read the recording no/such/recording.jsonl"),
        "{missing}"
    );
}
