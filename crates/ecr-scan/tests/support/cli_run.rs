//! Running the `ecr-scan` binary as a user does, and the canned ECR answers
//! the CLI tests script. Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;

use crate::canned_server::{self, json_response};

pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYcli-test-secret";

pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the binary with only the given environment (and a home without AWS
/// files, and EC2 instance metadata turned off unless `env` turns it on:
/// no test reaches for 169.254.169.254).
pub fn run(args: &[&str], env: &[(&str, &str)]) -> Run {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ecr-scan-empty-home");
    let output = Command::new(env!("CARGO_BIN_EXE_ecr-scan"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .envs(env.iter().copied())
        .output()
        .expect("run ecr-scan");
    Run {
        code: output.status.code(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

pub fn credentials() -> [(&'static str, &'static str); 2] {
    [
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"),
        ("AWS_SECRET_ACCESS_KEY", SECRET),
    ]
}

/// StartImageScan's answer for `team/app:v1`.
pub const STARTED: &str = r#"{"registryId":"123456789012","repositoryName":"team/app","imageId":{"imageDigest":"sha256:0123","imageTag":"v1"},"imageScanStatus":{"status":"IN_PROGRESS"}}"#;

/// The pointer printed under every usage error instead of the whole help.
pub const HELP_POINTER: &str = "Try `ecr-scan --help` for the flags and image forms.";

pub const TARGET_PREFIX: &str = "AmazonEC2ContainerRegistry_V20150921.";

/// A DescribeImageScanFindings page with this status, findings and token,
/// and the totals CRITICAL 1, LOW 2.
pub fn findings_page(status: &str, findings: &[(&str, &str)], next: Option<&str>) -> String {
    counted_findings_page(status, findings, next, &[("CRITICAL", 1), ("LOW", 2)])
}

/// A DescribeImageScanFindings page with these totals.
pub fn counted_findings_page(
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
pub fn calls(requests: &[canned_server::Recorded]) -> Vec<(String, serde_json::Value)> {
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

pub fn journey_env(url: &str) -> Vec<(&'static str, String)> {
    let mut env: Vec<(&str, String)> = credentials()
        .iter()
        .map(|(k, v)| (*k, (*v).to_owned()))
        .collect();
    env.push(("AWS_REGION", "us-east-1".to_owned()));
    env.push(("AWS_ENDPOINT_URL_ECR", url.to_owned()));
    env
}

pub fn run_journey(args: &[&str], env: &[(&'static str, String)]) -> Run {
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    run(args, &env)
}
