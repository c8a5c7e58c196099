//! Records the ECR scan journey against a local moto into a replay file:
//! how `tests/testing/recordings/ecr-journey.jsonl` was made, and how to
//! make it again.
//!
//! ```sh
//! MOTO_PORT=5000 bash tests/e2e/moto-dry-run.sh   # moto, reset, with team/app:v1 pushed
//! cargo run -p awsgen-client --example record_ecr_journey -- \
//!     crates/awsgen-client/tests/testing/recordings/ecr-journey.jsonl http://127.0.0.1:5000
//! bash tests/e2e/moto-dry-run.sh stop
//! ```
//!
//! The journey: start a scan of `team/app:v1` (IN_PROGRESS), wait for it with
//! the model's waiter (COMPLETE), page through its findings, start it again
//! (the per-image quota, `LimitExceededException`), scan a tag that does not
//! exist (`ImageNotFoundException`) and ask for the findings of a repository
//! that does not exist (`RepositoryNotFoundException`). The replay test in
//! `tests/testing/replay_tests.rs` asserts each answer.

use std::time::Duration;

use awsgen_client::testing::RecordingConnector;
use awsgen_client::{Client, Credentials, HyperConnector, DEFAULT_MAX_RESPONSE_BYTES};
use ecr_types::{DescribeImageScanFindingsRequest, ImageIdentifier, StartImageScanRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(endpoint)) = (args.next(), args.next()) else {
        return Err("usage: record_ecr_journey RECORDING.jsonl http://127.0.0.1:PORT".into());
    };
    let real = HyperConnector::new(Duration::from_secs(3), DEFAULT_MAX_RESPONSE_BYTES)?;
    let recorder = RecordingConnector::create(&path, real)?;
    let client = ecr_types::Client::new(
        Client::builder()
            .region("us-east-1")
            .credentials(Credentials::new("testing", "testing", None, "moto"))
            .endpoint_url(endpoint)
            .connector(recorder)
            .build()?,
    );
    let tag = |tag: &str| ImageIdentifier::new().with_image_tag(tag);

    let started = client
        .start_image_scan(StartImageScanRequest::new("team/app", tag("v1")))
        .await?;
    println!("started: {:?}", started.image_scan_status);
    let waited = client
        .wait_until_image_scan_complete(
            DescribeImageScanFindingsRequest::new("team/app", tag("v1")),
            Duration::from_secs(60),
        )
        .await?;
    println!("waited: {} poll(s)", waited.attempts());
    let mut pages = client.describe_image_scan_findings_paginator(
        DescribeImageScanFindingsRequest::new("team/app", tag("v1")).with_max_results(50),
    );
    while let Some(page) = pages.next_page().await {
        let findings = page?.image_scan_findings.and_then(|f| f.findings);
        println!("page: {} finding(s)", findings.map_or(0, |f| f.len()));
    }
    for (repository, image) in [("team/app", "v1"), ("team/app", "missing")] {
        let again = client
            .start_image_scan(StartImageScanRequest::new(repository, tag(image)))
            .await;
        println!(
            "start {repository}:{image}: {:?}",
            again.err().map(|e| e.to_string())
        );
    }
    let missing = client
        .describe_image_scan_findings(DescribeImageScanFindingsRequest::new(
            "team/none",
            tag("v1"),
        ))
        .await;
    println!(
        "findings of team/none: {:?}",
        missing.err().map(|e| e.to_string())
    );
    println!("recorded to {path}");
    Ok(())
}
