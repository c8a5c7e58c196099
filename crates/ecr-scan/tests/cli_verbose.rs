//! `-v`, `-vv` and `RUST_LOG`: the client's call span and attempt events
//! on stderr, with no secret in them; nothing without them.

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use canned_server::{json_response, CannedServer};
use cli_run::{credentials, run, Run, SECRET, STARTED};

/// A 500, then the scan started; `ecr-scan team/app:v1 --no-wait` with `flags`.
fn scan_with_a_retry(flags: &[&str], rust_log: Option<&str>) -> (Run, String) {
    let server = CannedServer::start(vec![
        json_response(
            500,
            &[("x-amzn-requestid", "req-500")],
            r#"{"__type":"ServerException","message":"try again"}"#,
        ),
        json_response(200, &[("x-amzn-requestid", "req-200")], STARTED),
    ]);
    let url = server.url();
    let mut env = credentials().to_vec();
    env.extend([
        ("AWS_REGION", "us-east-1"),
        ("AWS_SESSION_TOKEN", "cli-test-session-token"),
    ]);
    if let Some(rust_log) = rust_log {
        env.push(("RUST_LOG", rust_log));
    }
    let mut args = vec!["team/app:v1", "--endpoint-url", &url, "--no-wait"];
    args.extend(flags);
    let out = run(&args, &env);
    let requests = server.finish();
    assert_eq!(requests.len(), 2, "{}", out.stderr);
    let authorization = requests[1]
        .header("authorization")
        .unwrap_or_default()
        .to_owned();
    (out, authorization)
}

fn assert_no_secret(out: &Run, authorization: &str) {
    let signature = authorization.rsplit_once("Signature=").unwrap().1;
    for secret in [SECRET, "cli-test-session-token", authorization, signature] {
        assert!(!out.stderr.contains(secret), "{secret} in:\n{}", out.stderr);
    }
}

#[test]
fn v_shows_the_call_and_each_attempt_on_stderr() {
    let (out, authorization) = scan_with_a_retry(&["-v"], None);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "scan of team/app:v1 (sha256:0123) in registry 123456789012: IN_PROGRESS\n"
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    let failed = lines
        .iter()
        .find(|line| line.contains("attempt failed"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    for part in [
        "DEBUG awsgen_client]",
        "call{service=ECR operation=StartImageScan}: attempt failed",
        "attempt=1",
        "status=500",
        "request_id=req-500",
        "retry=retry",
        "delay_ms=",
        "duration_ms=",
        "ServerException: try again",
    ] {
        assert!(failed.contains(part), "{part} not in {failed}");
    }
    let succeeded = lines
        .iter()
        .find(|line| line.contains("attempt succeeded"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    for part in [
        "attempt=2",
        "status=200",
        "request_id=req-200",
        "endpoint=http://127.0.0.1:",
    ] {
        assert!(succeeded.contains(part), "{part} not in {succeeded}");
    }
    let end = lines
        .iter()
        .find(|line| line.ends_with(": end"))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(end.contains("attempts=2 outcome=ok"), "{end}");
    // -v stops at DEBUG: no request heads.
    assert!(!out.stderr.contains("TRACE"), "{}", out.stderr);
    assert_no_secret(&out, &authorization);
}

#[test]
fn vv_and_rust_log_trace_add_the_heads_with_secrets_redacted() {
    for (flags, rust_log) in [(&["-vv"][..], None), (&[][..], Some("awsgen_client=trace"))] {
        let (out, authorization) = scan_with_a_retry(flags, rust_log);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(
            out.stderr.contains("TRACE awsgen_client]")
                && out.stderr.contains("authorization: <redacted>")
                && out.stderr.contains("x-amz-security-token: <redacted>")
                && out
                    .stderr
                    .contains("x-amz-target: AmazonEC2ContainerRegistry_V20150921.StartImageScan"),
            "{flags:?} {rust_log:?}:\n{}",
            out.stderr
        );
        assert_no_secret(&out, &authorization);
    }
}

#[test]
fn without_v_or_rust_log_stderr_stays_quiet() {
    let (out, _) = scan_with_a_retry(&[], None);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr, "");
}

#[test]
fn a_rust_log_directive_it_cannot_read_is_named() {
    let (out, _) = scan_with_a_retry(&[], Some("[call]=debug,awsgen_client=debug"));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("ecr-scan: RUST_LOG: ignoring `[call]=debug`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("attempt succeeded"), "{}", out.stderr);
}
