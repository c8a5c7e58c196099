//! The `ecr-scan` binary as a user runs it: arguments, environment, exit
//! statuses and messages, against a canned loopback server (no moto needed).

#[path = "support/canned_server.rs"]
mod canned_server;

use std::path::Path;
use std::process::Command;

use canned_server::{json_response, CannedServer};

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYcli-test-secret";

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs the binary with only the given environment (and a home without AWS files).
fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ecr-scan-empty-home");
    let output = Command::new(env!("CARGO_BIN_EXE_ecr-scan"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .envs(env.iter().copied())
        .output()
        .expect("run ecr-scan");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn credentials() -> [(&'static str, &'static str); 2] {
    [
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]
}

const STARTED: &str = r#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:0123","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;

#[test]
fn help_prints_usage_and_exits_0() {
    let out = run(&["--help"], &[]);
    assert_eq!(out.code, Some(0));
    assert!(
        out.stdout.starts_with("usage: ecr-scan IMAGE"),
        "{}",
        out.stdout
    );
}

/// The pointer printed under every usage error instead of the whole help.
const HELP_POINTER: &str = "Try `ecr-scan --help` for the flags and image forms.";

#[test]
fn a_usage_error_is_one_line_and_a_pointer_to_help() {
    for (args, problem) in [
        (&[][..], "no image given"),
        (
            &["team/app"][..],
            "`team/app` names a repository but no image: add a tag or a digest, for example `team/app:latest`",
        ),
        (&["a:1", "--color"][..], "unknown option `--color`"),
        (&["a:1", "--region"][..], "option `--region` needs a value"),
        (
            &["a:1", "--fail-on", "severe"][..],
            "--fail-on `severe` is not a severity: expected one of CRITICAL, HIGH, MEDIUM, LOW, \
             INFORMATIONAL, UNDEFINED",
        ),
        (
            &["a:1", "--format", "yaml"][..],
            "--format `yaml` is not an output format: expected one of text, json",
        ),
        (
            &["a:1", "--fail-on", "high", "--no-wait"][..],
            "--fail-on needs the scan's findings, which --no-wait does not wait for",
        ),
    ] {
        let out = run(args, &credentials());
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        let lines: Vec<&str> = out.stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {}", out.stderr);
        assert!(
            lines[0].starts_with(&format!("ecr-scan: {problem}")),
            "{args:?}: {}",
            out.stderr
        );
        assert_eq!(lines[1], HELP_POINTER);
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
}

#[test]
fn echoed_input_is_escaped_and_cut() {
    // A terminal escape sequence and a bidi override are shown, not obeyed.
    let out = run(&["a:1", "--\u{1b}[2J\u{202e}x"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("ecr-scan: unknown option `--\\u{1b}[2J\\u{202e}x`"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains(['\u{1b}', '\u{202e}']),
        "{:?}",
        out.stderr
    );

    // 100 KiB of argument (near Linux's 128 KiB limit for one) gives a short message.
    let huge = format!("--{}", "x".repeat(100 * 1024));
    let out = run(&["a:1", &huge], &credentials());
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.len() < 300, "{} bytes", out.stderr.len());
    assert!(
        out.stderr.contains("...` (102402 characters)"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_invalid_repository_name_is_refused_before_any_request() {
    let out = run(&["Team/App:v1", "--region", "us-east-1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("ecr-scan: the request for `Team/App:v1` is not valid: `repositoryName`"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
}

#[test]
fn no_region_anywhere_says_where_it_looked_and_what_to_do() {
    let out = run(&["team/app:v1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "ecr-scan: no AWS region is configured: give --region REGION or the image as its URI"
        ) && out
            .stderr
            .contains("looked at: environment variable AWS_REGION (not set)")
            && out.stderr.contains("AWS_DEFAULT_REGION"),
        "{}",
        out.stderr
    );
    // The client's name for a region set in code means nothing on a command line.
    assert!(
        !out.stderr.contains("explicit configuration"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_region_flag_is_blamed_on_the_flag() {
    let out = run(&["team/app:v1", "--region", "us east 1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "ecr-scan: --region `us east 1` is not a region name: only ASCII letters, \
             digits and `-` are allowed\n{HELP_POINTER}\n"
        )
    );
}

#[test]
fn a_bad_region_elsewhere_names_its_source_and_is_cut() {
    let out = run(
        &["team/app:v1"],
        &[
            ("AWS_REGION", "us east 1"),
            credentials()[0],
            credentials()[1],
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "ecr-scan: invalid AWS region `us east 1` (from environment variable AWS_REGION)"
        ) && out.stderr.contains("give --region REGION"),
        "{}",
        out.stderr
    );

    // A megabyte of region in the shared config file: one short line.
    let config = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ecr-scan-huge-region-config");
    let huge = "a".repeat(1 << 20);
    std::fs::write(&config, format!("[default]\nregion = {huge}\n")).expect("write config");
    let config = config.to_string_lossy().into_owned();
    let out = run(
        &["team/app:v1"],
        &[
            ("AWS_CONFIG_FILE", &config),
            credentials()[0],
            credentials()[1],
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.len() < 300, "{} bytes", out.stderr.len());
    assert!(
        out.stderr
            .contains("...` (1048576 characters) (from profile `default`)"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_bad_endpoint_flag_is_blamed_on_the_flag() {
    let out = run(
        &["team/app:v1", "--endpoint-url", "http://example.com"],
        &[
            ("AWS_REGION", "us-east-1"),
            credentials()[0],
            credentials()[1],
        ],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "ecr-scan: --endpoint-url `http://example.com` cannot be used: plain http"
        ),
        "{}",
        out.stderr
    );
    // Builder vocabulary means nothing to a command-line user.
    assert!(
        !out.stderr.contains("endpoint_url(..)") && !out.stderr.contains("allow_http"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_credentials_exit_2_without_sending_anything() {
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let url = server.url();
    let out = run(
        &["team/app:v1", "--endpoint-url", &url],
        &[("AWS_REGION", "us-east-1")],
    );
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("no usable credentials")
            && out
                .stderr
                .contains("\n  set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
            && out.stderr.contains("or set AWS_PROFILE"),
        "{}",
        out.stderr
    );
    assert!(server.finish().is_empty());
}

#[test]
fn a_started_scan_prints_its_status_and_the_flags_win_over_the_environment() {
    let server = CannedServer::start(vec![json_response(
        200,
        &[("x-amzn-requestid", "req-1")],
        STARTED,
    )]);
    let url = server.url();
    let mut env = credentials().to_vec();
    env.extend([
        ("AWS_REGION", "us-east-1"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:9"),
    ]);
    let out = run(
        &[
            "team/app:v1",
            "--region=eu-west-1",
            "--endpoint-url",
            &url,
            "--registry-id",
            "123456789012",
            "--no-wait",
        ],
        &env,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "scan of team/app:v1 (sha256:0123) in registry 123456789012: IN_PROGRESS\n"
    );
    let requests = server.finish();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert!(
        request.head.starts_with("POST / HTTP/1.1"),
        "{}",
        request.head
    );
    assert_eq!(
        request.header("x-amz-target"),
        Some("AmazonEC2ContainerRegistry_V20150921.StartImageScan")
    );
    let authorization = request.header("authorization").unwrap_or_default();
    assert!(
        authorization.contains("/eu-west-1/ecr/aws4_request"),
        "signed for the flag's region: {authorization}"
    );
    let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "registryId": "123456789012",
            "repositoryName": "team/app",
            "imageId": {"imageTag": "v1"}
        })
    );
}

// ---------------------------------------------------------------------------
// Image URIs as `docker images` shows them
// ---------------------------------------------------------------------------

const DIGEST: &str = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

/// The region of a request's SigV4 credential scope.
fn signed_region(request: &canned_server::Recorded) -> String {
    let authorization = request.header("authorization").unwrap_or_default();
    authorization
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn an_image_uri_gives_the_registry_and_the_region() {
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let url = server.url();
    let mut env = credentials().to_vec();
    // The URI says where the image is; the environment's region is only a default.
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_ECR", &url)]);
    let uris = [
        (
            "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1".to_owned(),
            "eu-west-1",
        ),
        (
            "111122223333.dkr.ecr.cn-north-1.amazonaws.com.cn/team/app:v1".to_owned(),
            "cn-north-1",
        ),
        (
            format!("111122223333.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/app@{DIGEST}"),
            "us-gov-west-1",
        ),
        (
            "111122223333.dkr-ecr.ap-south-1.on.aws/team/app:v1".to_owned(),
            "ap-south-1",
        ),
        (
            "111122223333.dkr-ecr-fips.us-east-2.on.aws/team/app:v1".to_owned(),
            "us-east-2",
        ),
    ];
    for (uri, _) in &uris {
        let out = run(&[uri, "--no-wait"], &env);
        assert_eq!(out.code, Some(0), "{uri}: {}", out.stderr);
        assert!(out.stdout.starts_with("scan of team/app"), "{}", out.stdout);
    }
    let requests = server.finish();
    assert_eq!(requests.len(), uris.len());
    for ((uri, region), request) in uris.iter().zip(&requests) {
        assert_eq!(signed_region(request), *region, "{uri}");
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body["registryId"], "111122223333", "{uri}");
        assert_eq!(body["repositoryName"], "team/app", "{uri}");
    }
}

#[test]
fn a_flag_that_disagrees_with_the_image_uri_names_both() {
    let uri = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1";
    let out = run(&[uri, "--region", "us-east-1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "ecr-scan: --region `us-east-1` disagrees with the image URI, whose host names \
             region `eu-west-1`: leave out --region, or correct one of them\n{HELP_POINTER}\n"
        )
    );
    let out = run(&[uri, "--registry-id=123456789012"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.starts_with(
            "ecr-scan: --registry-id `123456789012` disagrees with the image URI, whose host \
             names account `111122223333`"
        ),
        "{}",
        out.stderr
    );
    // Agreeing flags are fine: the scan goes ahead (and fails here for want of an endpoint).
    let out = run(
        &[
            uri,
            "--region",
            "eu-west-1",
            "--endpoint-url",
            "http://127.0.0.1:1",
        ],
        &[
            credentials()[0],
            credentials()[1],
            ("AWS_MAX_ATTEMPTS", "1"),
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
}

#[test]
fn a_malformed_digest_or_host_is_refused_before_any_request() {
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let url = server.url();
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_ECR", &url)]);
    for (image, problem) in [
        (
            "team/app@sha256:ABC",
            "digest `sha256:ABC` is not sha256: followed by 64 lowercase hex digits",
        ),
        (
            "team/app@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef",
            "lowercase hex digits",
        ),
        (
            "public.ecr.aws/team/app:v1",
            "images in ECR Public (public.ecr.aws) cannot be scanned",
        ),
        (
            "api.ecr.us-east-1.amazonaws.com/team/app:v1",
            "`api.ecr.us-east-1.amazonaws.com` is not an Amazon ECR private registry host",
        ),
        (
            "1234.dkr.ecr.us-east-1.amazonaws.com/team/app:v1",
            "does not start with a 12-digit account ID",
        ),
    ] {
        let out = run(&[image], &env);
        assert_eq!(out.code, Some(2), "{image}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("ecr-scan: {problem}"))
                || out
                    .stderr
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .contains(problem),
            "{image}: {}",
            out.stderr
        );
        assert!(
            out.stderr.ends_with(&format!("{HELP_POINTER}\n")),
            "{}",
            out.stderr
        );
    }
    assert!(server.finish().is_empty(), "nothing is sent");
}

#[test]
fn with_no_wait_the_quota_error_exits_1_after_one_request_and_says_what_happened() {
    let server = CannedServer::start(vec![json_response(
        400,
        &[("x-amzn-requestid", "req-2")],
        r#"{"__type":"LimitExceededException","message":"The scan quota per image has been exceeded. Wait and try again."}"#,
    )]);
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1")]);
    let url = server.url();
    env.push(("AWS_ENDPOINT_URL_ECR", &url));
    let out = run(&["team/app:v1", "--no-wait"], &env);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("ecr-scan: the 24-hour scan quota was hit")
            && out.stderr.contains("team/app:v1")
            && out.stderr.contains("request ID req-2"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(SECRET));
    assert_eq!(server.finish().len(), 1, "never retried");
}

#[test]
fn a_service_message_is_shown_not_obeyed() {
    // JSON's \u001b is a real ESC once decoded: the service's text reaches stderr escaped.
    let server = CannedServer::start(vec![json_response(
        400,
        &[],
        r#"{"__type":"ValidationException","message":"bad\u001b[2Jrequest\u202e"}"#,
    )]);
    let mut env = credentials().to_vec();
    env.push(("AWS_REGION", "us-east-1"));
    let url = server.url();
    let out = run(&["team/app:v1", "--endpoint-url", &url, "--no-wait"], &env);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("bad\\u{1b}[2Jrequest\\u{202e}"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains(['\u{1b}', '\u{202e}']),
        "{:?}",
        out.stderr
    );
}

#[test]
fn a_server_error_exits_1_after_the_retries() {
    let server = CannedServer::start(vec![json_response(503, &[("x-amz-retry-after", "1")], "")]);
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_MAX_ATTEMPTS", "2")]);
    let url = server.url();
    let out = run(&["team/app:v1", "--endpoint-url", &url, "--no-wait"], &env);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("HTTP 503") && out.stderr.contains("gave up after 2 attempts"),
        "{}",
        out.stderr
    );
    assert_eq!(server.finish().len(), 2);
}

// ---------------------------------------------------------------------------
// The journey: start, wait (ImageScanComplete), read every findings page
// ---------------------------------------------------------------------------

const TARGET_PREFIX: &str = "AmazonEC2ContainerRegistry_V20150921.";

/// A DescribeImageScanFindings page with this status, findings and token,
/// and the totals CRITICAL 1, LOW 2.
fn findings_page(status: &str, findings: &[(&str, &str)], next: Option<&str>) -> String {
    counted_findings_page(status, findings, next, &[("CRITICAL", 1), ("LOW", 2)])
}

/// A DescribeImageScanFindings page with these totals.
fn counted_findings_page(
    status: &str,
    findings: &[(&str, &str)],
    next: Option<&str>,
    counts: &[(&str, i64)],
) -> String {
    let counts: serde_json::Map<String, serde_json::Value> = counts
        .iter()
        .map(|(severity, count)| ((*severity).to_owned(), serde_json::json!(count)))
        .collect();
    let findings: Vec<serde_json::Value> = findings
        .iter()
        .map(|(name, severity)| serde_json::json!({"name": name, "severity": severity}))
        .collect();
    let mut page = serde_json::json!({
        "repositoryName": "team/app",
        "imageId": {"imageTag": "v1"},
        "imageScanStatus": {"status": status, "description": format!("scan {status}")},
        "imageScanFindings": {
            "imageScanCompletedAt": 1700000000,
            "findingSeverityCounts": counts,
            "findings": findings
        }
    });
    if let Some(next) = next {
        page["nextToken"] = serde_json::json!(next);
    }
    json_response(200, &[], &page.to_string())
}

/// The `X-Amz-Target` operation names and bodies the server received.
fn calls(requests: &[canned_server::Recorded]) -> Vec<(String, serde_json::Value)> {
    requests
        .iter()
        .map(|r| {
            let target = r.header("x-amz-target").unwrap_or_default();
            (
                target.trim_start_matches(TARGET_PREFIX).to_owned(),
                serde_json::from_slice(&r.body).unwrap_or_default(),
            )
        })
        .collect()
}

fn journey_env(url: &str) -> Vec<(&'static str, String)> {
    let mut env: Vec<(&str, String)> = credentials()
        .iter()
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
    env.push(("AWS_REGION", "us-east-1".to_owned()));
    env.push(("AWS_ENDPOINT_URL_ECR", url.to_owned()));
    env
}

fn run_journey(args: &[&str], env: &[(&'static str, String)]) -> Run {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    run(args, &env)
}

#[test]
fn the_journey_starts_waits_and_summarizes_every_page() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("COMPLETE", &[("CVE-low", "LOW")], Some("page-2")),
        findings_page("COMPLETE", &[("CVE-crit", "CRITICAL")], None),
    ]);
    let out = run_journey(&["team/app:v1"], &journey_env(&server.url()));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "scan of team/app:v1 (sha256:0123) in registry 123456789012: IN_PROGRESS"
    );
    assert!(
        lines[1].starts_with("waiting up to 1800s for the scan of team/app:v1"),
        "{}",
        out.stdout
    );
    assert!(
        lines[2].starts_with(
            "scan of team/app:v1 complete (finished 2023-11-14T22:13:20Z) after 1 poll"
        ),
        "{}",
        out.stdout
    );
    // The service's totals, then the findings of both pages, worst first.
    assert_eq!(
        lines[3..6],
        ["3 findings:", "  CRITICAL      1", "  LOW           2"]
    );
    assert_eq!(lines[6], "most severe (2 of 2):");
    assert!(
        lines[7].contains("CVE-crit") && lines[8].contains("CVE-low"),
        "{}",
        out.stdout
    );
    let image = serde_json::json!({"repositoryName": "team/app", "imageId": {"imageTag": "v1"}});
    let mut second = image.clone();
    second["nextToken"] = serde_json::json!("page-2");
    assert_eq!(
        calls(&server.finish()),
        [
            ("StartImageScan".to_owned(), image.clone()),
            ("DescribeImageScanFindings".to_owned(), image),
            ("DescribeImageScanFindings".to_owned(), second),
        ]
    );
}

#[test]
fn the_quota_error_is_explained_and_the_existing_scan_is_waited_for() {
    let server = CannedServer::start(vec![
        json_response(
            400,
            &[("x-amzn-requestid", "req-2")],
            r#"{"__type":"LimitExceededException","message":"The scan quota per image has been exceeded."}"#,
        ),
        findings_page("COMPLETE", &[], None),
    ]);
    let out = run_journey(&["team/app:v1"], &journey_env(&server.url()));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("ecr-scan: note: the 24-hour scan quota was hit")
            && out.stderr.contains("waiting for that scan's results"),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("scan of team/app:v1 complete"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("3 findings:"), "{}", out.stdout);
    let names: Vec<String> = calls(&server.finish())
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        names,
        ["StartImageScan", "DescribeImageScanFindings"],
        "the quota error is never retried"
    );
}

#[test]
fn a_failed_scan_exits_3_with_the_services_description() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("FAILED", &[], None),
    ]);
    let out = run_journey(&["team/app:v1"], &journey_env(&server.url()));
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("the scan of team/app:v1 failed: FAILED - scan FAILED"),
        "{}",
        out.stderr
    );
    assert_eq!(server.finish().len(), 2);
}

#[test]
fn a_scan_still_running_at_the_deadline_exits_4() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("IN_PROGRESS", &[], None),
    ]);
    // One second is less than the waiter's 5-second minimum delay: one poll, then the deadline.
    let out = run_journey(
        &["team/app:v1", "--max-wait", "1"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("did not complete within 1s (last seen: IN_PROGRESS - scan IN_PROGRESS)")
            && out.stderr.contains("--max-wait"),
        "{}",
        out.stderr
    );
    assert_eq!(server.finish().len(), 2);
}

// ---------------------------------------------------------------------------
// --fail-on: the gate of a CI pipeline
// ---------------------------------------------------------------------------

#[test]
fn fail_on_exits_5_when_a_finding_is_at_or_above_the_threshold() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        counted_findings_page(
            "COMPLETE",
            &[("CVE-high", "HIGH")],
            None,
            &[("HIGH", 1), ("LOW", 4)],
        ),
    ]);
    let out = run_journey(
        &["team/app:v1", "--fail-on", "high"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "ecr-scan: 1 finding at or above HIGH (--fail-on HIGH)\n"
    );
    // The findings are reported as without the flag.
    assert!(
        out.stdout
            .contains("5 findings:\n  HIGH          1\n  LOW           4"),
        "{}",
        out.stdout
    );
}

#[test]
fn fail_on_passes_with_0_when_everything_is_below_it() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        counted_findings_page("COMPLETE", &[], None, &[("HIGH", 1), ("LOW", 4)]),
    ]);
    let out = run_journey(
        &["team/app:v1", "--fail-on=CRITICAL"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stdout
            .ends_with("no findings at or above CRITICAL (--fail-on CRITICAL)\n"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn fail_on_does_not_hide_a_failed_scan() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("FAILED", &[], None),
    ]);
    let out = run_journey(
        &["team/app:v1", "--fail-on", "LOW"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(3), "{}", out.stderr);
}

// ---------------------------------------------------------------------------
// --format json: one document on stdout, diagnostics on stderr
// ---------------------------------------------------------------------------

/// Stdout as the one JSON document it must be.
fn document(out: &Run) -> serde_json::Value {
    assert_eq!(
        out.stdout.lines().count(),
        1,
        "one line of JSON and nothing else: {}",
        out.stdout
    );
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", out.stdout))
}

#[test]
fn json_is_one_document_on_stdout_with_progress_on_stderr() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("COMPLETE", &[("CVE-low", "LOW")], Some("page-2")),
        findings_page("COMPLETE", &[("CVE-crit", "CRITICAL")], None),
    ]);
    let out = run_journey(
        &["team/app:v1", "--format", "json"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc = document(&out);
    assert_eq!(doc["schema"], "ecr-scan/v1");
    assert_eq!(
        doc["image"],
        serde_json::json!({
            "registryId": "123456789012",
            "repository": "team/app",
            "tag": "v1",
            "digest": "sha256:0123"
        })
    );
    assert_eq!(doc["scan"]["status"], "COMPLETE");
    assert_eq!(doc["scan"]["completedAt"], "2023-11-14T22:13:20Z");
    assert_eq!(doc["findings"]["total"], 3);
    assert_eq!(doc["findings"]["severityCounts"]["CRITICAL"], 1);
    assert_eq!(doc["findings"]["severityCounts"]["HIGH"], 0);
    let names: Vec<&str> = doc["findings"]["listed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["CVE-crit", "CVE-low"], "both pages, worst first");
    assert_eq!(doc["failOn"], serde_json::Value::Null);
    assert_eq!(doc["exitStatus"], 0);
    // What the text report prints on stdout is a diagnostic here.
    assert!(
        out.stderr
            .starts_with("ecr-scan: scan of team/app:v1 (sha256:0123)")
            && out.stderr.contains("ecr-scan: waiting up to 1800s")
            && out
                .stderr
                .contains("ecr-scan: scan of team/app:v1 complete"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_carries_the_fail_on_verdict_and_its_exit_status() {
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("COMPLETE", &[("CVE-crit", "CRITICAL")], None),
    ]);
    let out = run_journey(
        &["team/app:v1", "--format=json", "--fail-on", "high"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(5), "{}", out.stderr);
    let doc = document(&out);
    assert_eq!(
        doc["failOn"],
        serde_json::json!({"severity": "HIGH", "findingsAtOrAbove": 1, "failed": true})
    );
    assert_eq!(doc["exitStatus"], 5);
    assert!(
        out.stderr
            .ends_with("ecr-scan: 1 finding at or above HIGH (--fail-on HIGH)\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_reports_a_started_failed_or_unfinished_scan_and_nothing_after_an_error() {
    // --no-wait: the status StartImageScan answered, no findings.
    let server = CannedServer::start(vec![json_response(200, &[], STARTED)]);
    let out = run_journey(
        &["team/app:v1", "--format", "json", "--no-wait"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let doc = document(&out);
    assert_eq!(doc["scan"]["status"], "IN_PROGRESS");
    assert_eq!(doc["findings"], serde_json::Value::Null);

    // A failed scan: exit 3, the status and description the service gave.
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("FAILED", &[], None),
    ]);
    let out = run_journey(
        &["team/app:v1", "--format", "json"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    let doc = document(&out);
    assert_eq!(doc["scan"]["status"], "FAILED");
    assert_eq!(doc["scan"]["description"], "scan FAILED");
    assert_eq!(doc["findings"], serde_json::Value::Null);
    assert_eq!(doc["exitStatus"], 3);

    // Still running at the deadline: exit 4, the last status seen.
    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        findings_page("IN_PROGRESS", &[], None),
    ]);
    let out = run_journey(
        &["team/app:v1", "--format", "json", "--max-wait", "1"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert_eq!(document(&out)["scan"]["status"], "IN_PROGRESS");

    // A call that failed: stdout stays empty, stderr says why.
    let server = CannedServer::start(vec![json_response(
        400,
        &[],
        r#"{"__type":"RepositoryNotFoundException"}"#,
    )]);
    let out = run_journey(
        &["team/app:v1", "--format", "json"],
        &journey_env(&server.url()),
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
}

/// The keys of `value` at every depth (`a.b`, `a.list[].c`); arrays by their
/// first element.
fn key_paths(value: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                let path = format!("{prefix}{key}");
                out.push(path.clone());
                key_paths(inner, &format!("{path}."), out);
            }
        }
        serde_json::Value::Array(items) => {
            if let Some(first) = items.first() {
                key_paths(first, &format!("{}[].", prefix.trim_end_matches('.')), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_documented_example_has_the_keys_the_binary_writes() {
    let doc_text = include_str!("../JSON-OUTPUT.md");
    let example = doc_text
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("JSON-OUTPUT.md has a ```json example");
    let example: serde_json::Value =
        serde_json::from_str(example).expect("the documented example is JSON");

    let server = CannedServer::start(vec![
        json_response(200, &[], STARTED),
        counted_findings_page(
            "COMPLETE",
            &[("CVE-crit", "CRITICAL")],
            None,
            &[("CRITICAL", 1)],
        ),
    ]);
    let out = run_journey(
        &["team/app:v1", "--format", "json", "--fail-on", "HIGH"],
        &journey_env(&server.url()),
    );
    let written = document(&out);
    let (mut documented, mut actual) = (Vec::new(), Vec::new());
    key_paths(&example, "", &mut documented);
    key_paths(&written, "", &mut actual);
    // The canned finding has no attributes; the example's show their shape.
    documented.retain(|path| !path.starts_with("findings.listed[].attributes[]."));
    assert_eq!(documented, actual);
    // Every key of the example is in the field table too (the severities
    // are data, described under `findings.severityCounts`).
    for path in documented
        .iter()
        .filter(|path| !path.starts_with("findings.severityCounts."))
    {
        assert!(
            doc_text.contains(&format!("| `{path}` |")),
            "{path} is not in the field table"
        );
    }
}
