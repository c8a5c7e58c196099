//! The run against ECR: start the scan, wait for it with the model's
//! `ImageScanComplete` waiter, read every page of findings with the
//! `DescribeImageScanFindings` paginator, and judge them against `--fail-on`.
//! Problems are reported on stderr as they happen; what was learned comes
//! back as an `Ending` for the report.

use std::time::Duration;

use awsgen_client::PaginationStop;
use ecr_types::DescribeImageScanFindingsResponse;

use crate::args::ScanArgs;
use crate::ending::Ending;
use crate::findings::Summary;
use crate::gate::Verdict;
use crate::output;
use crate::report::{self, exit_for, Exit};
use crate::scan_record::ScanRecord;
use crate::wait_report;

/// Starts the scan and, unless `--no-wait`, waits for it and reads the findings.
pub(crate) async fn run(client: &ecr_types::Client, scan: &ScanArgs) -> Ending {
    let mut ending = Ending {
        exit: Exit::Success,
        record: ScanRecord::new(scan),
        summary: None,
        verdict: None,
    };
    match client.start_image_scan(scan.request()).await {
        Ok(started) => {
            output::progress(scan.format, &report::started(&scan.image, &started));
            ending.record.saw_start(&started);
        }
        // The image was scanned in the last 24 hours: that scan's results are
        // what the user wants, so wait for them.
        Err(err) if report::is_quota(&err) && scan.max_wait.is_some() => {
            output::diagnostic(&report::quota_hit_waiting(&scan.image));
        }
        Err(err) => {
            let (message, exit) = report::failed(&scan.image, &err);
            output::diagnostic(&message);
            ending.exit = exit;
            return ending;
        }
    }
    if let Some(max_wait) = scan.max_wait {
        wait_and_summarize(client, scan, max_wait, &mut ending).await;
    }
    ending
}

/// Waits up to `max_wait`, reads the findings and judges them, into `ending`.
async fn wait_and_summarize(
    client: &ecr_types::Client,
    scan: &ScanArgs,
    max_wait: Duration,
    ending: &mut Ending,
) {
    output::progress(
        scan.format,
        &format!(
            "waiting up to {}s for the scan of {} to complete...",
            max_wait.as_secs(),
            scan.image
        ),
    );
    let waited = client
        .wait_until_image_scan_complete(scan.findings_request(), max_wait)
        .await;
    let first = match waited.map(|w| (w.attempts(), w.elapsed(), w.into_output())) {
        Ok((attempts, elapsed, Some(first))) => {
            output::progress(
                scan.format,
                &wait_report::completed(&scan.image, &first, attempts, elapsed),
            );
            first
        }
        // The waiter only succeeds on an output; say so rather than guess.
        Ok((_, _, None)) => {
            output::diagnostic("the waiter succeeded without a response to read");
            ending.exit = Exit::CallFailed;
            return;
        }
        Err(err) => {
            if let Some(last) = wait_report::last_response(&err) {
                ending.record.saw_findings_page(last);
            }
            let (message, exit) = wait_report::wait_failed(&scan.image, &err);
            output::diagnostic(&message);
            ending.exit = exit;
            return;
        }
    };
    ending.record.saw_findings_page(&first);
    let summary = match read_all_pages(client, scan, first).await {
        Ok(summary) => summary,
        Err(exit) => {
            ending.exit = exit;
            return;
        }
    };
    if let Some(threshold) = scan.fail_on {
        let verdict = Verdict::judge(threshold, &summary);
        if verdict.failed() {
            ending.exit = Exit::FindingsAtOrAbove;
        }
        ending.verdict = Some(verdict);
    }
    ending.summary = Some(summary);
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
