//! The `ecr-scan` binary as a user runs it: arguments, environment, exit
//! statuses and messages, against a canned loopback server (no moto needed).
//! The image URI forms, the journey with `--fail-on`, and `--format json`
//! have their own files (`cli_image_uri.rs`, `cli_journey.rs`, `cli_json.rs`).

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use std::path::Path;

use canned_server::{json_response, CannedServer};
use cli_run::{credentials, run, HELP_POINTER, SECRET, STARTED};

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
            && out.stderr.contains("AWS_DEFAULT_REGION")
            && out
                .stderr
                .contains("EC2 instance metadata (turned off by AWS_EC2_METADATA_DISABLED)"),
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
fn the_services_text_on_stdout_is_shown_not_obeyed() {
    let started =
        r#"{"imageScanStatus":{"status":"IN_PROGRESS","description":"queued\u001b[2J\u202e"}}"#;
    let server = CannedServer::start(vec![json_response(200, &[], started)]);
    let mut env = credentials().to_vec();
    env.push(("AWS_REGION", "us-east-1"));
    let url = server.url();
    let out = run(&["team/app:v1", "--endpoint-url", &url, "--no-wait"], &env);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "scan of team/app:v1: IN_PROGRESS - queued\\u{1b}[2J\\u{202e}\n"
    );
    // JSON escapes in its own way: \u001b, which a JSON reader decodes.
    let out = run(
        &[
            "team/app:v1",
            "--endpoint-url",
            &url,
            "--no-wait",
            "--format=json",
        ],
        &env,
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "{:?}", out.stdout);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["scan"]["description"], "queued\u{1b}[2J\u{202e}");
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
