//! `--fail-on`: whether a completed scan's findings fail the run, as a CI
//! gate reads it.

use crate::findings::Summary;
use crate::severity::Threshold;

/// A completed scan judged against `--fail-on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) threshold: Threshold,
    /// Findings at or above the threshold, by the service's totals (which
    /// count every finding, listed or not).
    pub(crate) at_or_above: i64,
}

impl Verdict {
    pub(crate) fn judge(threshold: Threshold, summary: &Summary) -> Verdict {
        let at_or_above = summary
            .totals()
            .iter()
            .filter(|(severity, _)| threshold.includes(severity))
            .map(|(_, count)| *count)
            .sum();
        Verdict {
            threshold,
            at_or_above,
        }
    }

    pub(crate) fn failed(self) -> bool {
        self.at_or_above > 0
    }

    /// One line saying which way it went.
    pub(crate) fn describe(self) -> String {
        let threshold = self.threshold;
        match self.at_or_above {
            0 => format!("no findings at or above {threshold} (--fail-on {threshold})"),
            1 => format!("1 finding at or above {threshold} (--fail-on {threshold})"),
            n => format!("{n} findings at or above {threshold} (--fail-on {threshold})"),
        }
    }
}

#[cfg(test)]
mod tests {
    use ecr_types::{DescribeImageScanFindingsResponse, ImageScanFindings};

    use super::*;

    fn summary(counts: &[(&str, i32)]) -> Summary {
        let counts = counts.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        let mut summary = Summary::default();
        summary.add_page(
            DescribeImageScanFindingsResponse::new().with_image_scan_findings(
                ImageScanFindings::new().with_finding_severity_counts(counts),
            ),
        );
        summary
    }

    fn threshold(name: &str) -> Threshold {
        Threshold::parse(name).unwrap()
    }

    #[test]
    fn findings_at_or_above_the_threshold_fail() {
        let scanned = summary(&[("CRITICAL", 1), ("HIGH", 2), ("LOW", 7)]);
        let verdict = Verdict::judge(threshold("HIGH"), &scanned);
        assert_eq!(verdict.at_or_above, 3);
        assert!(verdict.failed());
        assert_eq!(
            verdict.describe(),
            "3 findings at or above HIGH (--fail-on HIGH)"
        );
        assert_eq!(Verdict::judge(threshold("LOW"), &scanned).at_or_above, 10);
    }

    #[test]
    fn findings_below_it_pass() {
        let verdict = Verdict::judge(threshold("CRITICAL"), &summary(&[("HIGH", 2)]));
        assert!(!verdict.failed());
        assert_eq!(
            verdict.describe(),
            "no findings at or above CRITICAL (--fail-on CRITICAL)"
        );
        assert!(!Verdict::judge(threshold("INFORMATIONAL"), &summary(&[])).failed());
    }

    #[test]
    fn an_unknown_severity_counts_as_undefined() {
        let scanned = summary(&[("SEVERE", 1)]);
        assert!(!Verdict::judge(threshold("CRITICAL"), &scanned).failed());
        assert!(Verdict::judge(threshold("UNDEFINED"), &scanned).failed());
    }
}
