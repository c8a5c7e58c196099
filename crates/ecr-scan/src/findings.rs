//! The findings summary: severity counts and the most severe findings, read
//! from every page of `DescribeImageScanFindings`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use ecr_types::{DescribeImageScanFindingsResponse, ImageScanFinding};

use crate::severity::rank;

/// How many of the most severe findings are listed by name.
const LISTED: usize = 10;

/// What the pages of a completed scan say.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// Count per severity: the service's own totals when it sent them,
    /// otherwise counted from the findings listed.
    pub(crate) counts: BTreeMap<String, i64>,
    /// Every finding listed, across pages.
    pub(crate) findings: Vec<ImageScanFinding>,
    pub(crate) pages: usize,
}

impl Summary {
    /// Adds one page.
    pub(crate) fn add_page(&mut self, page: DescribeImageScanFindingsResponse) {
        self.pages += 1;
        let Some(scan) = page.image_scan_findings else {
            return;
        };
        // Every page carries the same totals; the first page that has them wins.
        if self.counts.is_empty() {
            if let Some(counts) = scan.finding_severity_counts {
                self.counts = counts.into_iter().map(|(k, v)| (k, i64::from(v))).collect();
            }
        }
        self.findings.extend(scan.findings.unwrap_or_default());
    }

    /// The count per severity: the service's totals, or the listed findings
    /// counted. Gates and reports read this, never the list, which the
    /// service may cut short.
    pub(crate) fn totals(&self) -> BTreeMap<String, i64> {
        if !self.counts.is_empty() {
            return self.counts.clone();
        }
        let mut counted = BTreeMap::new();
        for finding in &self.findings {
            *counted.entry(severity_name(finding)).or_insert(0) += 1;
        }
        counted
    }

    /// The report printed after the scan completed.
    pub(crate) fn render(&self) -> String {
        let totals = self.totals();
        let total: i64 = totals.values().sum();
        let mut out = String::new();
        if total == 0 {
            out.push_str("no findings");
            return out;
        }
        let _ = write!(out, "{total} finding{}:", if total == 1 { "" } else { "s" });
        let mut keys: Vec<&String> = totals.keys().collect();
        keys.sort_by_key(|k| (rank(k), (*k).clone()));
        for key in keys {
            let _ = write!(out, "\n  {key:<13} {}", totals[key]);
        }
        let mut worst: Vec<&ImageScanFinding> = self.findings.iter().collect();
        worst.sort_by_key(|f| rank(&severity_name(f)));
        if !worst.is_empty() {
            let shown = worst.len().min(LISTED);
            let _ = write!(out, "\nmost severe ({shown} of {}):", worst.len());
            for finding in worst.into_iter().take(LISTED) {
                let name = finding.name.as_deref().unwrap_or("(unnamed)");
                let _ = write!(out, "\n  {:<13} {name}", severity_name(finding));
                if let Some(uri) = finding.uri.as_deref() {
                    let _ = write!(out, " {uri}");
                }
            }
        }
        out
    }
}

/// The finding's severity as ECR names it; none counts as UNDEFINED.
pub(crate) fn severity_name(finding: &ImageScanFinding) -> String {
    finding
        .severity
        .as_ref()
        .map_or_else(|| "UNDEFINED".to_owned(), |s| s.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use ecr_types::{FindingSeverity, ImageScanFindings};

    use super::*;

    fn finding(name: &str, severity: FindingSeverity) -> ImageScanFinding {
        ImageScanFinding::new()
            .with_name(name)
            .with_severity(severity)
            .with_uri(format!("https://cve.example/{name}"))
    }

    fn page(
        findings: Vec<ImageScanFinding>,
        counts: Option<&[(&str, i32)]>,
    ) -> DescribeImageScanFindingsResponse {
        let mut scan = ImageScanFindings::new().with_findings(findings);
        if let Some(counts) = counts {
            scan = scan.with_finding_severity_counts(
                counts.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect(),
            );
        }
        DescribeImageScanFindingsResponse::new().with_image_scan_findings(scan)
    }

    #[test]
    fn service_totals_win_and_findings_span_pages() {
        let mut summary = Summary::default();
        summary.add_page(page(
            vec![finding("CVE-1", FindingSeverity::Low)],
            Some(&[("LOW", 7), ("CRITICAL", 1)]),
        ));
        summary.add_page(page(
            vec![finding("CVE-2", FindingSeverity::Critical)],
            Some(&[("LOW", 7), ("CRITICAL", 1)]),
        ));
        assert_eq!(summary.pages, 2);
        assert_eq!(summary.findings.len(), 2);
        let text = summary.render();
        assert!(
            text.starts_with("8 findings:\n  CRITICAL      1\n  LOW           7"),
            "{text}"
        );
        // The most severe first, whatever the page order.
        let listed: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("most severe"))
            .collect();
        assert_eq!(listed[0], "most severe (2 of 2):");
        assert!(
            listed[1].contains("CRITICAL") && listed[1].contains("CVE-2"),
            "{text}"
        );
        assert!(
            listed[2].contains("CVE-1 https://cve.example/CVE-1"),
            "{text}"
        );
    }

    #[test]
    fn without_totals_the_listed_findings_are_counted() {
        let mut summary = Summary::default();
        summary.add_page(page(
            vec![
                finding("A", FindingSeverity::High),
                finding("B", FindingSeverity::High),
                ImageScanFinding::new().with_name("C"),
            ],
            None,
        ));
        let text = summary.render();
        assert!(
            text.starts_with("3 findings:\n  HIGH          2\n  UNDEFINED     1"),
            "{text}"
        );
    }

    #[test]
    fn an_empty_scan_says_so() {
        let mut summary = Summary::default();
        summary.add_page(DescribeImageScanFindingsResponse::new());
        assert_eq!(summary.render(), "no findings");
        assert_eq!(summary.pages, 1);
    }

    #[test]
    fn only_the_ten_worst_are_named() {
        let mut summary = Summary::default();
        let many = (0..15)
            .map(|i| finding(&format!("CVE-{i}"), FindingSeverity::Medium))
            .collect();
        summary.add_page(page(many, None));
        let text = summary.render();
        assert!(text.contains("most severe (10 of 15):"), "{text}");
        assert_eq!(
            text.lines()
                .filter(|l| l.contains("https://cve.example/"))
                .count(),
            10
        );
    }
}
