//! `--format json` through the binary: one document on stdout (schema
//! `ecr-scan/v1`, JSON-OUTPUT.md), diagnostics on stderr, and no document
//! when a call failed.

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use canned_server::{json_response, CannedServer};
use cli_run::{counted_findings_page, findings_page, journey_env, run_journey, Run, STARTED};

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
    assert_eq!(server.finish().len(), 1, "not retried, no wait");
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
