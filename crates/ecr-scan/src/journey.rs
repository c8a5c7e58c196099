//! After the scan is started: wait for it with the model's
//! `ImageScanComplete` waiter, then read every page of findings with the
//! `DescribeImageScanFindings` paginator and print the summary.

use std::time::Duration;

use awsgen_client::PaginationStop;
use ecr_types::DescribeImageScanFindingsResponse;

use crate::args::ScanArgs;
use crate::findings::Summary;
use crate::gate::Verdict;
use crate::output;
use crate::report::{exit_for, Exit};
use crate::wait_report;

/// Waits up to `max_wait`, then prints the findings; returns the exit status.
pub(crate) async fn wait_and_summarize(
    client: &ecr_types::Client,
    scan: &ScanArgs,
    max_wait: Duration,
) -> Exit {
    output::report_line(&format!(
        "waiting up to {}s for the scan of {} to complete...",
        max_wait.as_secs(),
        scan.image
    ));
    let waited = client
        .wait_until_image_scan_complete(scan.findings_request(), max_wait)
        .await;
    let first = match waited.map(|w| (w.attempts(), w.elapsed(), w.into_output())) {
        Ok((attempts, elapsed, Some(first))) => {
            output::report_line(&wait_report::completed(
                &scan.image,
                &first,
                attempts,
                elapsed,
            ));
            first
        }
        // The waiter only succeeds on an output; say so rather than guess.
        Ok((_, _, None)) => {
            output::diagnostic("the waiter succeeded without a response to read");
            return Exit::CallFailed;
        }
        Err(err) => {
            let (message, exit) = wait_report::wait_failed(&scan.image, &err);
            output::diagnostic(&message);
            return exit;
        }
    };
    let summary = match read_all_pages(client, scan, first).await {
        Ok(summary) => summary,
        Err(exit) => return exit,
    };
    output::report_line(&summary.render());
    let Some(threshold) = scan.fail_on else {
        return Exit::Success;
    };
    let verdict = Verdict::judge(threshold, &summary);
    if verdict.failed() {
        // On stderr, as the reason for the exit status; the findings above say which.
        output::diagnostic(&verdict.describe());
        Exit::FindingsAtOrAbove
    } else {
        output::report_line(&verdict.describe());
        Exit::Success
    }
}

/// The waiter's last response is the first page; the paginator resumes from
/// its token, so no page is read twice.
async fn read_all_pages(
    client: &ecr_types::Client,
    scan: &ScanArgs,
    first: DescribeImageScanFindingsResponse,
) -> Result<Summary, Exit> {
    let resume = first.next_token.clone().filter(|t| !t.is_empty());
    let mut summary = Summary::default();
    summary.add_page(first);
    let Some(token) = resume else {
        return Ok(summary);
    };
    let mut pages = client
        .describe_image_scan_findings_paginator(scan.findings_request().with_next_token(token));
    while let Some(page) = pages.next_page().await {
        match page {
            Ok(page) => summary.add_page(page),
            Err(err) => {
                output::diagnostic(&format!(
                    "reading page {} of the findings failed: {err}",
                    summary.pages + 1
                ));
                return Err(exit_for(&err));
            }
        }
    }
    if pages.stop_reason() == Some(PaginationStop::RepeatedToken) {
        output::diagnostic(
            "warning: the service sent the same page token twice; the findings below may be incomplete",
        );
    }
    Ok(summary)
}
