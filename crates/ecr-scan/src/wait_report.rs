//! What the user is told about the wait: completion, a failed scan, the
//! deadline, or an error while polling.

use std::time::Duration;

use awsgen_client::{WaitError, WaitErrorKind};
use ecr_types::{
    DescribeImageScanFindings, DescribeImageScanFindingsError, DescribeImageScanFindingsResponse,
};

use crate::args::ImageRef;
use crate::report::{exit_for, no_image, no_repository, Exit};

/// The line printed when the scan completed.
pub(crate) fn completed(
    image: &ImageRef,
    output: &DescribeImageScanFindingsResponse,
    attempts: u32,
    elapsed: Duration,
) -> String {
    let mut line = format!("scan of {image} complete");
    if let Some(at) = output
        .image_scan_findings
        .as_ref()
        .and_then(|f| f.image_scan_completed_at.as_ref())
    {
        line.push_str(&format!(" (finished {at})"));
    }
    let plural = if attempts == 1 { "" } else { "s" };
    line.push_str(&format!(
        " after {attempts} poll{plural} in {}s",
        elapsed.as_secs()
    ));
    line
}

/// The status and description the service last reported, as one phrase.
fn last_status(output: &DescribeImageScanFindingsResponse) -> String {
    let status = output.image_scan_status.as_ref();
    let mut text = status
        .and_then(|s| s.status.as_ref())
        .map_or_else(|| "no status".to_owned(), |s| s.as_str().to_owned());
    if let Some(description) = status
        .and_then(|s| s.description.as_deref())
        .filter(|d| !d.is_empty())
    {
        text.push_str(&format!(" - {description}"));
    }
    text
}

/// The last response the waiter read before the scan failed or the time ran
/// out, if one was read: what the service last said about the scan.
pub(crate) fn last_response(
    err: &WaitError<DescribeImageScanFindings>,
) -> Option<&DescribeImageScanFindingsResponse> {
    match err.kind() {
        WaitErrorKind::Failure {
            last: Ok(output), ..
        }
        | WaitErrorKind::Timeout {
            last: Some(Ok(output)),
            ..
        } => Some(output),
        _ => None,
    }
}

/// The message and exit status of a wait that did not succeed.
pub(crate) fn wait_failed(
    image: &ImageRef,
    err: &WaitError<DescribeImageScanFindings>,
) -> (String, Exit) {
    match err.kind() {
        WaitErrorKind::Failure {
            last: Ok(output), ..
        } => (
            format!("the scan of {image} failed: {}", last_status(output)),
            Exit::ScanFailed,
        ),
        WaitErrorKind::Failure {
            last: Err(call), ..
        } => (call.to_string(), exit_for(call)),
        WaitErrorKind::Timeout { max_wait, last, .. } => {
            let status = match last {
                Some(Ok(output)) => last_status(output),
                Some(Err(call)) => format!("the last poll failed: {call}"),
                None => "no poll completed".to_owned(),
            };
            (
                format!(
                    "the scan of {image} did not complete within {}s (last seen: {status}); \
                     run ecr-scan again later, or give a longer --max-wait",
                    max_wait.as_secs()
                ),
                Exit::TimedOut,
            )
        }
        WaitErrorKind::Error(call) => {
            let message = match call.as_service() {
                Some(DescribeImageScanFindingsError::ScanNotFoundException(_)) => format!(
                    "ECR has no scan of {image} to wait for (the quota refused a new one, \
                     but no earlier scan is recorded)\n  {call}"
                ),
                Some(DescribeImageScanFindingsError::ImageNotFoundException(_)) => {
                    format!("{}\n  {call}", no_image(image))
                }
                Some(DescribeImageScanFindingsError::RepositoryNotFoundException(_)) => {
                    format!("{}\n  {call}", no_repository(image))
                }
                _ => format!("waiting for the scan of {image} failed: {err}"),
            };
            (message, exit_for(call))
        }
        WaitErrorKind::InvalidConfig(_) => (err.to_string(), Exit::UsageOrConfig),
        _ => (err.to_string(), Exit::CallFailed),
    }
}
