//! End to end against moto (PyPI `moto[server]`), a real ECR-compatible server,
//! with its SigV4 checking switched on.
//!
//! Run `bash tests/e2e/setup-moto.sh` once (it installs moto into
//! `target/moto-venv`), then `cargo test -p ecr-scan --test moto -- --ignored`.
//! `.ci/run` does both.
//!
//! moto checks signatures only for access keys it issued, so each test creates
//! an IAM user with an `ecr:*` policy and an access key through moto's IAM
//! query API, then turns authentication on (`POST /moto-api/reset-auth` with
//! the body `0`: the number of requests still let through unauthenticated; the
//! endpoint parses its body as a number, so `{"value": true}` would be a 500).
//! From then on a wrong signature fails the call with HTTP 403.
//!
//! What moto 5.2.5 does, as asserted here:
//! - StartImageScan answers `IN_PROGRESS`, and DescribeImageScanFindings
//!   then answers `COMPLETE` at once, with one canned `HIGH` finding
//!   (`CVE-9999-9999`) and its timestamps as ISO 8601 text rather than epoch
//!   seconds (read leniently, as botocore does);
//! - DescribeImageScanFindings of an image never scanned is
//!   `ScanNotFoundException`;
//! - a second scan of the same image on the same calendar day (moto compares
//!   dates, not a rolling 24 hours) is `LimitExceededException`, HTTP 400;
//! - the findings' totals (`findingSeverityCounts`) count that one `HIGH`,
//!   which `--fail-on HIGH` fails on and `--fail-on CRITICAL` passes;
//! - a refused signature is HTTP 403 with an XML `<ErrorResponse>` body naming
//!   `SignatureDoesNotMatch`, not the awsJson error (real ECR answers
//!   `{"__type":"InvalidSignatureException"}`), so the client sees a 403
//!   without an error code: its catch-all error with the status and request
//!   ID, and the raw body holding the code.

// Shared with the restJson1 end-to-end test (`cargo xtask moto-e2e`), which
// uses other parts of it.
#[allow(dead_code)]
#[path = "../../../tests/e2e/support/moto_server.rs"]
mod moto_server;
#[path = "../../../tests/e2e/support/raw_http.rs"]
mod raw_http;

use std::process::Command;
use std::time::Duration;

use awsgen_client::{CallErrorKind, Credentials, PaginationStop, WaitErrorKind};
use awsgen_types::{ErrorMetadata, ErrorResponse, Operation, OperationError, UnhandledError};
use ecr_types::{
    DescribeImageScanFindingsError, DescribeImageScanFindingsRequest, FindingSeverity,
    ImageIdentifier, ScanStatus, StartImageScan, StartImageScanError, StartImageScanRequest,
};
use moto_server::{workspace_root, Moto, REGION};
use serde::{Deserialize, Serialize};

/// moto's default account, which owns everything created without an account header.
const ACCOUNT: &str = "123456789012";

// ---------------------------------------------------------------------------
// Two ECR operations the generated crate does not have, written by hand
// ---------------------------------------------------------------------------

/// The awsJson1_1 functions the generator would emit for ECR operation `$name`.
macro_rules! ecr_operation {
    ($name:literal) => {
        const NAME: &'static str = $name;

        fn serialize_request(
            input: &Self::Input,
        ) -> Result<awsgen_types::HttpRequest, awsgen_types::SerializeError> {
            static HEADERS: [(
                awsgen_types::http::HeaderName,
                awsgen_types::http::HeaderValue,
            ); 2] = awsgen_types::protocol::aws_json::headers(
                awsgen_types::protocol::aws_json::CONTENT_TYPE_1_1,
                awsgen_types::http::HeaderValue::from_static(concat!(
                    "AmazonEC2ContainerRegistry_V20150921.",
                    $name
                )),
            );
            awsgen_types::protocol::aws_json::serialize_request(input, &HEADERS)
        }

        fn deserialize_output(
            response: &awsgen_types::HttpResponse<'_>,
        ) -> Result<Self::Output, awsgen_types::DeserializeError> {
            awsgen_types::protocol::aws_json::deserialize_output(
                response,
                awsgen_types::json::from_slice,
            )
        }

        fn deserialize_error(response: &awsgen_types::HttpResponse<'_>) -> Self::Error {
            awsgen_types::protocol::json_error::read_error(response)
        }
    };
}

/// Every error of the hand-written operations, kept as the catch-all.
#[derive(Debug)]
struct AnyError(UnhandledError);

impl std::fmt::Display for AnyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for AnyError {}

impl OperationError for AnyError {
    fn from_response(response: ErrorResponse<'_>) -> Self {
        AnyError(UnhandledError::new(response))
    }
    fn metadata(&self) -> &ErrorMetadata {
        self.0.metadata()
    }
    fn retry_class(&self) -> Option<awsgen_types::RetryClass> {
        None
    }
}

struct CreateRepository;

#[derive(Serialize)]
struct CreateRepositoryInput {
    #[serde(rename = "repositoryName")]
    repository_name: String,
}

#[derive(Deserialize)]
struct CreateRepositoryOutput {
    repository: Repository,
}

#[derive(Deserialize)]
struct Repository {
    #[serde(rename = "registryId")]
    registry_id: String,
}

impl Operation for CreateRepository {
    type Input = CreateRepositoryInput;
    type Output = CreateRepositoryOutput;
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &ecr_types::SERVICE;
    ecr_operation!("CreateRepository");
}

struct PutImage;

#[derive(Serialize)]
struct PutImageInput {
    #[serde(rename = "repositoryName")]
    repository_name: String,
    #[serde(rename = "imageManifest")]
    image_manifest: String,
    #[serde(rename = "imageTag")]
    image_tag: String,
}

#[derive(Deserialize)]
struct PutImageOutput {
    image: PutImageResult,
}

#[derive(Deserialize)]
struct PutImageResult {
    #[serde(rename = "imageId")]
    image_id: ImageIdentifier,
}

impl Operation for PutImage {
    type Input = PutImageInput;
    type Output = PutImageOutput;
    type Error = AnyError;
    const SERVICE: &'static awsgen_types::ServiceMeta = &ecr_types::SERVICE;
    ecr_operation!("PutImage");
}

/// A Docker image manifest (schema 2) with one layer; `seed` makes it unique.
fn manifest(seed: &str) -> String {
    let digest = |c: char| format!("sha256:{}", c.to_string().repeat(64));
    serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {
            "mediaType": "application/vnd.docker.container.image.v1+json",
            "size": 1470,
            "digest": digest('c'),
        },
        "layers": [{
            "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "size": 977,
            "digest": digest('a'),
            "annotations": {"e2e.seed": seed},
        }],
    })
    .to_string()
}

/// A transport client signing with `credentials` and sending to moto.
fn client_for(moto: &Moto, credentials: Credentials) -> awsgen_client::Client {
    awsgen_client::Client::builder()
        .region(REGION)
        .credentials(credentials)
        .endpoint_url(moto.url())
        .build()
        .expect("a client for moto")
}

/// Creates `repository` and pushes an image tagged `tag`; returns its digest.
async fn push_image(client: &awsgen_client::Client, repository: &str, tag: &str) -> String {
    let created = client
        .call::<CreateRepository>(CreateRepositoryInput {
            repository_name: repository.to_owned(),
        })
        .await
        .unwrap_or_else(|e| panic!("CreateRepository {repository}: {e}"));
    assert_eq!(created.repository.registry_id, ACCOUNT);
    let pushed = client
        .call::<PutImage>(PutImageInput {
            repository_name: repository.to_owned(),
            image_manifest: manifest(&format!("{repository}:{tag}")),
            image_tag: tag.to_owned(),
        })
        .await
        .unwrap_or_else(|e| panic!("PutImage {repository}:{tag}: {e}"));
    pushed
        .image
        .image_id
        .image_digest
        .expect("PutImage names the image digest")
}

/// Pushes another image (its own manifest) into an existing repository.
async fn push_image_tag(client: &awsgen_client::Client, repository: &str, tag: &str) {
    client
        .call::<PutImage>(PutImageInput {
            repository_name: repository.to_owned(),
            image_manifest: manifest(&format!("{repository}:{tag}")),
            image_tag: tag.to_owned(),
        })
        .await
        .unwrap_or_else(|e| panic!("PutImage {repository}:{tag}: {e}"));
}

fn scan_request(repository: &str, tag: &str) -> StartImageScanRequest {
    StartImageScanRequest::new(repository, ImageIdentifier::new().with_image_tag(tag))
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs moto: run tests/e2e/setup-moto.sh; run by .ci/run"]
async fn start_image_scan_against_moto_with_signatures_checked() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-scanner", &["ecr:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials.clone());
    let digest = push_image(&transport, "e2e/app", "v1").await;
    let ecr = ecr_types::Client::new(transport.clone());

    // First scan: started, as moto reports it.
    let (output, metadata) = ecr
        .inner()
        .call_with_metadata::<StartImageScan>(scan_request("e2e/app", "v1"))
        .await
        .unwrap_or_else(|e| panic!("the first scan must start: {e}"));
    assert_eq!(metadata.attempts, 1);
    assert!(metadata.request_id.is_some(), "moto sends x-amzn-RequestId");
    assert_eq!(output.registry_id.as_deref(), Some(ACCOUNT));
    assert_eq!(output.repository_name.as_deref(), Some("e2e/app"));
    let image_id = output.image_id.expect("the output names the image");
    assert_eq!(image_id.image_digest.as_deref(), Some(digest.as_str()));
    assert_eq!(image_id.image_tag.as_deref(), Some("v1"));
    let status = output.image_scan_status.and_then(|s| s.status);
    assert_eq!(status, Some(ScanStatus::InProgress));

    // The journey: wait with the model's waiter, then page through the findings.
    let findings_request = || {
        DescribeImageScanFindingsRequest::new(
            "e2e/app",
            ImageIdentifier::new().with_image_tag("v1"),
        )
    };
    let waited = ecr
        .wait_until_image_scan_complete(findings_request(), Duration::from_secs(60))
        .await
        .unwrap_or_else(|e| panic!("moto completes scans at once: {e}"));
    assert_eq!(waited.attempts(), 1);
    assert_eq!(waited.acceptor(), 0, "the COMPLETE acceptor matched");
    let first = waited.into_output().expect("success on an output");
    assert_eq!(
        first.image_scan_status.and_then(|s| s.status),
        Some(ScanStatus::Complete)
    );
    let mut pages =
        ecr.describe_image_scan_findings_paginator(findings_request().with_max_results(50));
    let mut findings = Vec::new();
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap_or_else(|e| panic!("a findings page: {e}"));
        let scan = page
            .image_scan_findings
            .expect("a completed scan has findings");
        assert!(
            scan.image_scan_completed_at.is_some(),
            "moto's ISO 8601 timestamp is read"
        );
        findings.extend(scan.findings.unwrap_or_default());
    }
    assert_eq!(pages.pages(), 1);
    assert_eq!(pages.stop_reason(), Some(PaginationStop::Exhausted));
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].name.as_deref(), Some("CVE-9999-9999"));
    assert_eq!(findings[0].severity, Some(FindingSeverity::High));

    // Waiting for an image that was never scanned: the typed error ends the wait.
    push_image_tag(&transport, "e2e/app", "unscanned").await;
    let err = ecr
        .wait_until_image_scan_complete(
            DescribeImageScanFindingsRequest::new(
                "e2e/app",
                ImageIdentifier::new().with_image_tag("unscanned"),
            ),
            Duration::from_secs(60),
        )
        .await
        .expect_err("no scan to wait for");
    assert_eq!(err.attempts(), 1);
    match err.kind() {
        WaitErrorKind::Error(call) => assert!(
            matches!(
                call.as_service(),
                Some(DescribeImageScanFindingsError::ScanNotFoundException(_))
            ),
            "{call:?}"
        ),
        _ => panic!("expected the call error to end the wait: {err}"),
    }

    // Second scan of the same image: the per-image quota, typed, after one request.
    let err = ecr
        .start_image_scan(scan_request("e2e/app", "v1"))
        .await
        .expect_err("a second scan the same day must hit the quota");
    assert_eq!(err.attempts(), 1, "the quota error is never retried: {err}");
    assert!(err.retry_stop().is_none(), "{err:?}");
    assert!(
        matches!(
            err.as_service(),
            Some(StartImageScanError::LimitExceededException(_))
        ),
        "{err:?}"
    );
    let shown = err.to_string();
    assert!(
        shown.contains("LimitExceededException") && shown.contains("HTTP 400"),
        "{shown}"
    );

    // A repository that does not exist.
    let err = ecr
        .start_image_scan(scan_request("e2e/missing", "v1"))
        .await
        .expect_err("no such repository");
    assert!(
        matches!(
            err.as_service(),
            Some(StartImageScanError::RepositoryNotFoundException(_))
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);

    // An image that does not exist in a repository that does.
    let err = ecr
        .start_image_scan(scan_request("e2e/app", "no-such-tag"))
        .await
        .expect_err("no such image");
    assert!(
        matches!(
            err.as_service(),
            Some(StartImageScanError::ImageNotFoundException(_))
        ),
        "{err:?}"
    );
    assert_eq!(err.attempts(), 1);

    // The same key with a tampered secret: moto recomputes the signature and refuses.
    let tampered_secret = format!("{}x", credentials.secret_access_key());
    let tampered = Credentials::new(
        credentials.access_key_id(),
        tampered_secret.clone(),
        None,
        "tampered",
    );
    let err = ecr_types::Client::new(client_for(&moto, tampered))
        .start_image_scan(scan_request("e2e/app", "v1"))
        .await
        .expect_err("a wrong signature must be refused");
    assert_eq!(err.attempts(), 1, "a 403 is not retried: {err}");
    let shown = err.to_string();
    assert!(shown.contains("HTTP 403"), "{shown}");
    assert!(!shown.contains(&tampered_secret), "{shown}");
    let Some(StartImageScanError::Unhandled(unhandled)) = err.as_service() else {
        panic!("a refused signature is a service error: {err:?}");
    };
    assert_eq!(unhandled.metadata().status, 403);
    assert!(unhandled.metadata().request_id.is_some());
    // moto's XML body is the only place naming the code (see the module docs).
    let body = String::from_utf8_lossy(unhandled.body());
    assert!(body.contains("SignatureDoesNotMatch"), "{body}");

    // A key moto never issued is refused too, proving checks are on for every key.
    let unknown = Credentials::new("AKIAUNKNOWNKEY000000", "whatever", None, "unknown");
    let err = ecr_types::Client::new(client_for(&moto, unknown))
        .start_image_scan(scan_request("e2e/app", "v1"))
        .await
        .expect_err("an unknown key must be refused");
    assert!(
        matches!(err.kind(), CallErrorKind::Service(e) if e.metadata().status == 403),
        "{err:?}"
    );
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs moto: run tests/e2e/setup-moto.sh; run by .ci/run"]
async fn the_ecr_scan_binary_against_moto() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-scanner", &["ecr:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials.clone());
    push_image(&transport, "e2e/cli", "v1").await;

    let home = workspace_root().join("target/moto-e2e/empty-home");
    let run = |secret: &str, args: &[&str], endpoint_env: bool| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ecr-scan"));
        command
            .args(args)
            .env_clear()
            .env("HOME", &home)
            .env("AWS_ACCESS_KEY_ID", credentials.access_key_id())
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .env("AWS_REGION", REGION);
        if endpoint_env {
            command.env("AWS_ENDPOINT_URL_ECR", moto.url());
        }
        let output = command.output().expect("run ecr-scan");
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let url = moto.url();
    let secret = credentials.secret_access_key().to_owned();

    // The endpoint from AWS_ENDPOINT_URL_ECR: start, wait, findings.
    let (code, stdout, stderr) = run(&secret, &["e2e/cli:v1"], true);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stdout.starts_with("scan of e2e/cli:v1 (sha256:")
            && stdout.contains(&format!("in registry {ACCOUNT}: IN_PROGRESS")),
        "{stdout}"
    );
    assert!(stdout.contains("scan of e2e/cli:v1 complete"), "{stdout}");
    assert!(
        stdout.contains("1 finding:\n  HIGH          1") && stdout.contains("CVE-9999-9999"),
        "{stdout}"
    );

    // The endpoint from the flag; the second scan hits the quota, says so,
    // and still reports the existing scan's findings.
    let (code, stdout, stderr) = run(&secret, &["e2e/cli:v1", "--endpoint-url", &url], false);
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert!(
        stderr.contains("24-hour scan quota was hit") && stderr.contains("waiting for that scan"),
        "{stderr}"
    );
    assert!(stdout.contains("CVE-9999-9999"), "{stdout}");

    // With --no-wait the quota is an error.
    let (code, _, stderr) = run(
        &secret,
        &["e2e/cli:v1", "--no-wait", "--endpoint-url", &url],
        false,
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("24-hour scan quota was hit"), "{stderr}");

    let (code, _, stderr) = run(&secret, &["e2e/nothing:v1", "--endpoint-url", &url], false);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("RepositoryNotFoundException"), "{stderr}");

    let tampered = format!("{secret}x");
    let (code, _, stderr) = run(&tampered, &["e2e/cli:v1", "--endpoint-url", &url], false);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("HTTP 403") && stderr.contains("SignatureDoesNotMatch"),
        "{stderr}"
    );
    assert!(
        !stderr.contains(&tampered),
        "the secret never shows: {stderr}"
    );
}

/// `ecr-scan` run with moto's user, the given extra environment and no AWS
/// files; returns exit status, stdout and stderr.
fn ecr_scan(
    credentials: &Credentials,
    args: &[&str],
    env: &[(&str, &str)],
) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_ecr-scan"))
        .args(args)
        .env_clear()
        .env("HOME", workspace_root().join("target/moto-e2e/empty-home"))
        .env("AWS_ACCESS_KEY_ID", credentials.access_key_id())
        .env("AWS_SECRET_ACCESS_KEY", credentials.secret_access_key())
        .envs(env.iter().copied())
        .output()
        .expect("run ecr-scan");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs moto: run tests/e2e/setup-moto.sh; run by .ci/run"]
async fn the_ecr_scan_binary_gates_a_pipeline_against_moto() {
    let moto = Moto::start();
    let credentials = moto.create_user("e2e-scanner", &["ecr:*"]);
    moto.require_signatures();
    let transport = client_for(&moto, credentials.clone());
    let digest = push_image(&transport, "e2e/gate", "v1").await;
    let url = moto.url();

    // The image URI as `docker images` shows it gives the account and the
    // region (no AWS_REGION anywhere); JSON on stdout; moto's HIGH finding
    // fails --fail-on HIGH with exit 5.
    let uri = format!("{ACCOUNT}.dkr.ecr.{REGION}.amazonaws.com/e2e/gate:v1");
    let (code, stdout, stderr) = ecr_scan(
        &credentials,
        &[
            &uri,
            "--endpoint-url",
            &url,
            "--format",
            "json",
            "--fail-on",
            "high",
        ],
        &[],
    );
    assert_eq!(code, Some(5), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(stdout.lines().count(), 1, "one document: {stdout}");
    let doc: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {stdout}"));
    assert_eq!(doc["schema"], "ecr-scan/v1");
    assert_eq!(
        doc["image"],
        serde_json::json!({
            "registryId": ACCOUNT,
            "repository": "e2e/gate",
            "tag": "v1",
            "digest": digest,
        })
    );
    assert_eq!(doc["scan"]["status"], "COMPLETE");
    assert!(
        doc["scan"]["completedAt"].is_string(),
        "moto's ISO 8601 time, read and written as RFC 3339: {doc}"
    );
    assert_eq!(doc["findings"]["total"], 1);
    assert_eq!(doc["findings"]["severityCounts"]["HIGH"], 1);
    assert_eq!(doc["findings"]["severityCounts"]["CRITICAL"], 0);
    assert_eq!(doc["findings"]["listed"][0]["name"], "CVE-9999-9999");
    assert_eq!(doc["findings"]["listed"][0]["severity"], "HIGH");
    assert_eq!(
        doc["failOn"],
        serde_json::json!({"severity": "HIGH", "findingsAtOrAbove": 1, "failed": true})
    );
    assert_eq!(doc["exitStatus"], 5);
    assert!(
        stderr.contains("ecr-scan: scan of e2e/gate:v1 complete")
            && stderr.ends_with("ecr-scan: 1 finding at or above HIGH (--fail-on HIGH)\n"),
        "{stderr}"
    );

    // By digest, in text, with a threshold above moto's finding: exit 0. The
    // second scan of the day hits the quota and reports the first's results.
    let by_digest = format!("e2e/gate@{digest}");
    let (code, stdout, stderr) = ecr_scan(
        &credentials,
        &[&by_digest, "--endpoint-url", &url, "--fail-on", "CRITICAL"],
        &[("AWS_REGION", REGION)],
    );
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    assert!(stderr.contains("24-hour scan quota was hit"), "{stderr}");
    assert!(
        stdout.contains("1 finding:\n  HIGH          1")
            && stdout.ends_with("no findings at or above CRITICAL (--fail-on CRITICAL)\n"),
        "{stdout}"
    );

    // A URI naming another region than --region: refused before any request.
    let (code, stdout, stderr) = ecr_scan(
        &credentials,
        &[&uri, "--endpoint-url", &url, "--region", "eu-west-1"],
        &[],
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stdout.is_empty() && stderr.contains("disagrees with the image URI"),
        "{stderr}"
    );

    // An image moto does not have: a failed call, so no document on stdout.
    let (code, stdout, stderr) = ecr_scan(
        &credentials,
        &["e2e/gate:nope", "--endpoint-url", &url, "--format", "json"],
        &[("AWS_REGION", REGION)],
    );
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stdout, "", "{stderr}");
    assert!(stderr.contains("ImageNotFoundException"), "{stderr}");
}
