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
        out.stdout.starts_with("usage: ecr-scan REPOSITORY:TAG"),
        "{}",
        out.stdout
    );
}

#[test]
fn usage_errors_exit_2_with_the_problem_and_the_usage() {
    for (args, problem) in [
        (&[][..], "no image given"),
        (&["team/app"][..], "`team/app` is not an image reference"),
        (&["a:1", "--color"][..], "unknown option `--color`"),
        (&["a:1", "--region"][..], "option `--region` needs a value"),
    ] {
        let out = run(args, &credentials());
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!("ecr-scan: {problem}"))
                && out.stderr.contains("usage:"),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn an_invalid_repository_name_is_refused_before_any_request() {
    let out = run(&["Team/App:v1", "--region", "us-east-1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("is not valid") && out.stderr.contains("`repositoryName`"),
        "{}",
        out.stderr
    );
}

#[test]
fn no_region_anywhere_is_a_configuration_error_naming_where_it_looked() {
    let out = run(&["team/app:v1"], &credentials());
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot be configured")
            && out.stderr.contains("AWS_REGION")
            && out.stderr.contains("AWS_DEFAULT_REGION"),
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
        out.stderr.contains("no usable credentials"),
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
fn the_quota_error_exits_1_after_one_request_and_says_what_happened() {
    let server = CannedServer::start(vec![json_response(
        400,
        &[("x-amzn-requestid", "req-2")],
        r#"{"__type":"LimitExceededException","message":"The scan quota per image has been exceeded. Wait and try again."}"#,
    )]);
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1")]);
    let url = server.url();
    env.push(("AWS_ENDPOINT_URL_ECR", &url));
    let out = run(&["team/app:v1"], &env);
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
fn a_server_error_exits_1_after_the_retries() {
    let server = CannedServer::start(vec![json_response(503, &[("x-amz-retry-after", "1")], "")]);
    let mut env = credentials().to_vec();
    env.extend([("AWS_REGION", "us-east-1"), ("AWS_MAX_ATTEMPTS", "2")]);
    let url = server.url();
    let out = run(&["team/app:v1", "--endpoint-url", &url], &env);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(
        out.stderr.contains("HTTP 503") && out.stderr.contains("gave up after 2 attempts"),
        "{}",
        out.stderr
    );
    assert_eq!(server.finish().len(), 2);
}
