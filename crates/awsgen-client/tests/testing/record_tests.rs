//! Recording through a canned connector: what the file holds (and never
//! holds), and that it replays to the same answers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use awsgen_client::testing::{self, RecordingConnector, ReplayConnector};
use awsgen_client::{connector_fn, Client, ConnectorError, Credentials};
use bytes::Bytes;
use ecr_types::{DescribeImageScanFindings, DescribeImageScanFindingsRequest, ImageIdentifier};

use crate::{run, temp_file};

const SECRET_KEY: &str = "SECRETKEYwJalrXUtnFEMI";
const SESSION_TOKEN: &str = "SESSIONTOKENFwoGZXIvYXdz";
const OUTPUT: &str = r#"{"imageScanStatus":{"status":"COMPLETE"},"nextToken":"t2"}"#;

fn canned() -> impl awsgen_client::HttpConnector {
    connector_fn(|_request| async {
        let mut response = http::Response::new(Bytes::from_static(OUTPUT.as_bytes()));
        response.headers_mut().insert(
            "set-cookie",
            http::HeaderValue::from_static("session=abc123"),
        );
        response
            .headers_mut()
            .insert("x-amzn-requestid", http::HeaderValue::from_static("req-1"));
        Ok::<_, ConnectorError>(response)
    })
}

fn request() -> DescribeImageScanFindingsRequest {
    DescribeImageScanFindingsRequest::new("team/app", ImageIdentifier::new().with_image_tag("v1"))
}

fn client(connector: impl awsgen_client::HttpConnector + 'static) -> Client {
    Client::builder()
        .region("eu-west-1")
        .credentials(Credentials::new(
            "AKIDRECORDING",
            SECRET_KEY,
            SESSION_TOKEN.to_owned(),
            "test",
        ))
        .connector(connector)
        .build()
        .unwrap()
}

/// The signature, the session token and cookies never reach the file (nor
/// the secret key, which is never sent); the rest is there as sent, and the
/// file replays to the same output.
#[test]
fn a_recording_holds_the_exchange_without_its_secrets_and_replays() {
    let path = temp_file("redaction");
    run(async {
        let recorder = RecordingConnector::create(&path, canned()).unwrap();
        let recorded = client(recorder)
            .call::<DescribeImageScanFindings>(request())
            .await
            .unwrap();

        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0], r#"{"format":"awsgen-replay","version":1}"#);
        for secret in [
            SECRET_KEY,
            SESSION_TOKEN,
            "Signature=",
            "Credential=",
            "session=abc123",
        ] {
            assert!(!text.contains(secret), "{secret} was written:\n{text}");
        }
        for kept in [
            r#""operation":"ECR DescribeImageScanFindings""#,
            r#"["authorization","<redacted>"]"#,
            r#"["x-amz-security-token","<redacted>"]"#,
            r#"["set-cookie","<redacted>"]"#,
            r#"["x-amz-target","AmazonEC2ContainerRegistry_V20150921.DescribeImageScanFindings"]"#,
            r#""host":"api.ecr.eu-west-1.amazonaws.com""#,
            r#""body":"{\"repositoryName\":\"team/app\",\"imageId\":{\"imageTag\":\"v1\"}}""#,
            r#""status":200"#,
            r#"["x-amzn-requestid","req-1"]"#,
        ] {
            assert!(text.contains(kept), "{kept} is missing:\n{text}");
        }

        let replay = ReplayConnector::from_file(&path).unwrap();
        let replayed = testing::client_builder(replay.clone())
            .build()
            .unwrap()
            .call::<DescribeImageScanFindings>(request())
            .await
            .unwrap();
        assert_eq!(replayed, recorded);
        replay.finish().unwrap();
    });
    std::fs::remove_file(&path).ok();
}

/// `scrub` sees each exchange before it is written.
#[test]
fn scrub_changes_what_is_written() {
    let path = temp_file("scrub");
    run(async {
        let recorder = RecordingConnector::create(&path, canned())
            .unwrap()
            .scrub(|exchange| {
                if let Some(response) = exchange.response.as_mut() {
                    response.body.body = Some(r#"{"nextToken":"scrubbed"}"#.to_owned());
                }
            });
        client(recorder)
            .call::<DescribeImageScanFindings>(request())
            .await
            .unwrap();
    });
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains(r#""body":"{\"nextToken\":\"scrubbed\"}""#),
        "{text}"
    );
    assert!(!text.contains("COMPLETE"), "{text}");
    std::fs::remove_file(&path).ok();
}

/// A connector error is recorded with its kind, and replays as the same
/// failure (retried by the client, as a real refused connection is).
#[test]
fn a_failed_attempt_is_recorded_and_replays_as_a_failure() {
    let path = temp_file("failure");
    run(async {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let flaky = connector_fn(move |_request| {
            let first = counted.fetch_add(1, Ordering::SeqCst) == 0;
            async move {
                if first {
                    Err(ConnectorError::connect("connection refused"))
                } else {
                    Ok(http::Response::new(Bytes::from_static(OUTPUT.as_bytes())))
                }
            }
        });
        let recorder = RecordingConnector::create(&path, flaky).unwrap();
        let builder = testing::client_builder(recorder);
        let (_, metadata) = builder
            .build()
            .unwrap()
            .call_with_metadata::<DescribeImageScanFindings>(request())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(
                r#""error":{"kind":"connect","message":"connection failed: connection refused"}"#
            ),
            "{text}"
        );

        let replay = ReplayConnector::from_file(&path).unwrap();
        let (_, metadata) = testing::client_builder(replay.clone())
            .build()
            .unwrap()
            .call_with_metadata::<DescribeImageScanFindings>(request())
            .await
            .unwrap();
        assert_eq!(metadata.attempts, 2);
        replay.finish().unwrap();
    });
    std::fs::remove_file(&path).ok();
}
