//! The journey through the binary against a canned server: start, wait
//! (`ImageScanComplete`), read every findings page, and the `--fail-on` gate.

#[path = "support/canned_server.rs"]
mod canned_server;
#[path = "support/cli_run.rs"]
mod cli_run;

use canned_server::{json_response, CannedServer};
use cli_run::{calls, counted_findings_page, findings_page, journey_env, run_journey, STARTED};

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
