//! What the run waits for and what fails it: `--max-wait`, `--no-wait` and
//! `--fail-on`, which needs the findings and so the wait.

use std::time::Duration;

use super::usage::UsageError;
use crate::severity::Threshold;

/// How long the scan is waited for when `--max-wait` is not given: basic
/// scans usually finish within minutes.
pub(super) const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(30 * 60);

/// The longest `--max-wait`: a day.
const MAX_WAIT_SECONDS: u64 = 86_400;

/// The wait (`None` with `--no-wait`) and the `--fail-on` threshold.
pub(super) fn settle(
    no_wait: bool,
    max_wait: Option<String>,
    fail_on: Option<String>,
) -> Result<(Option<Duration>, Option<Threshold>), UsageError> {
    let fail_on = fail_on
        .map(|value| Threshold::parse(&value).ok_or(UsageError::BadFailOn(value)))
        .transpose()?;
    let max_wait = match (no_wait, max_wait) {
        (true, Some(_)) => return Err(UsageError::WaitConflict),
        (true, None) if fail_on.is_some() => return Err(UsageError::FailOnWithoutWait),
        (true, None) => None,
        (false, None) => Some(DEFAULT_MAX_WAIT),
        (false, Some(value)) => Some(parse_seconds(&value)?),
    };
    Ok((max_wait, fail_on))
}

/// A whole number of seconds, 1 to a day.
fn parse_seconds(value: &str) -> Result<Duration, UsageError> {
    match value.trim().parse::<u64>() {
        Ok(secs @ 1..=MAX_WAIT_SECONDS) => Ok(Duration::from_secs(secs)),
        _ => Err(UsageError::BadMaxWait(value.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{run, scan};
    use super::*;

    #[test]
    fn waiting_is_bounded_or_switched_off() {
        assert_eq!(
            scan(&["a:1", "--max-wait", "90"]).max_wait,
            Some(Duration::from_secs(90))
        );
        assert_eq!(scan(&["a:1", "--no-wait"]).max_wait, None);
        for bad in ["0", "-5", "1.5", "ten", "86401"] {
            assert_eq!(
                run(&["a:1", "--max-wait", bad]),
                Err(UsageError::BadMaxWait(bad.into()))
            );
        }
        assert_eq!(
            run(&["a:1", "--no-wait", "--max-wait=5"]),
            Err(UsageError::WaitConflict)
        );
        assert_eq!(
            run(&["a:1", "--no-wait", "--no-wait"]),
            Err(UsageError::RepeatedFlag("no-wait"))
        );
    }

    #[test]
    fn fail_on_takes_a_severity_and_needs_the_wait() {
        assert_eq!(
            scan(&["a:1", "--fail-on", "high"]).fail_on,
            Threshold::parse("HIGH")
        );
        assert_eq!(scan(&["a:1"]).fail_on, None);
        assert_eq!(
            run(&["a:1", "--fail-on=severe"]),
            Err(UsageError::BadFailOn("severe".into()))
        );
        assert_eq!(
            run(&["a:1", "--fail-on=HIGH", "--no-wait"]),
            Err(UsageError::FailOnWithoutWait)
        );
    }
}
