//! The `--format json` document, schema `ecr-scan/v1`, described field by
//! field in `crates/ecr-scan/JSON-OUTPUT.md`. Typed serde structs with every
//! key spelled out, so the document's shape is visible here and stays put.
//!
//! Stable within v1: keys are only ever added; a key removed, renamed or
//! given another type means `ecr-scan/v2`.

use serde::ser::{Serialize, Serializer};
use serde::Serialize as DeriveSerialize;

use crate::findings::{severity_name, Summary};
use crate::gate::Verdict;
use crate::report::Exit;
use crate::scan_record::ScanRecord;
use crate::severity::{rank, ORDER};

/// The value of the `schema` key.
pub(crate) const SCHEMA: &str = "ecr-scan/v1";

#[derive(DeriveSerialize)]
struct Document<'a> {
    #[serde(rename = "schema")]
    schema: &'static str,
    #[serde(rename = "image")]
    image: Image<'a>,
    #[serde(rename = "scan")]
    scan: Scan<'a>,
    #[serde(rename = "findings")]
    findings: Option<Findings<'a>>,
    #[serde(rename = "failOn")]
    fail_on: Option<FailOn>,
    #[serde(rename = "exitStatus")]
    exit_status: u8,
}

#[derive(DeriveSerialize)]
struct Image<'a> {
    #[serde(rename = "registryId")]
    registry_id: Option<&'a str>,
    #[serde(rename = "repository")]
    repository: &'a str,
    #[serde(rename = "tag")]
    tag: Option<&'a str>,
    #[serde(rename = "digest")]
    digest: Option<&'a str>,
}

#[derive(DeriveSerialize)]
struct Scan<'a> {
    #[serde(rename = "status")]
    status: Option<&'a str>,
    #[serde(rename = "description")]
    description: Option<&'a str>,
    #[serde(rename = "completedAt")]
    completed_at: Option<&'a str>,
    #[serde(rename = "vulnerabilitySourceUpdatedAt")]
    vulnerability_source_updated_at: Option<&'a str>,
}

#[derive(DeriveSerialize)]
struct Findings<'a> {
    #[serde(rename = "total")]
    total: i64,
    #[serde(rename = "severityCounts")]
    severity_counts: SeverityCounts,
    #[serde(rename = "listed")]
    listed: Vec<Finding<'a>>,
}

/// Every severity ECR defines, worst first and 0 when absent (so a consumer
/// can read `.CRITICAL` without a default), then any the service adds later.
struct SeverityCounts(Vec<(String, i64)>);

impl Serialize for SeverityCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(severity, count)| (severity, count)))
    }
}

#[derive(DeriveSerialize)]
struct Finding<'a> {
    #[serde(rename = "name")]
    name: Option<&'a str>,
    #[serde(rename = "severity")]
    severity: String,
    #[serde(rename = "description")]
    description: Option<&'a str>,
    #[serde(rename = "uri")]
    uri: Option<&'a str>,
    #[serde(rename = "attributes")]
    attributes: Vec<Attribute<'a>>,
}

/// A list of `{key, value}` rather than an object: keys may repeat, and
/// jq's `from_entries` turns it into an object when they do not.
#[derive(DeriveSerialize)]
struct Attribute<'a> {
    #[serde(rename = "key")]
    key: &'a str,
    #[serde(rename = "value")]
    value: Option<&'a str>,
}

#[derive(DeriveSerialize)]
struct FailOn {
    #[serde(rename = "severity")]
    severity: &'static str,
    #[serde(rename = "findingsAtOrAbove")]
    findings_at_or_above: i64,
    #[serde(rename = "failed")]
    failed: bool,
}

/// The document of a run that ended with `exit`, as one line of JSON.
pub(crate) fn document(
    record: &ScanRecord,
    summary: Option<&Summary>,
    verdict: Option<Verdict>,
    exit: Exit,
) -> String {
    let document = Document {
        schema: SCHEMA,
        image: Image {
            registry_id: record.registry_id.as_deref(),
            repository: &record.repository,
            tag: record.tag.as_deref(),
            digest: record.digest.as_deref(),
        },
        scan: Scan {
            status: record.status.as_deref(),
            description: record.description.as_deref(),
            completed_at: record.completed_at.as_deref(),
            vulnerability_source_updated_at: record.vulnerability_source_updated_at.as_deref(),
        },
        findings: summary.map(findings),
        fail_on: verdict.map(|verdict| FailOn {
            severity: verdict.threshold.name(),
            findings_at_or_above: verdict.at_or_above,
            failed: verdict.failed(),
        }),
        exit_status: exit as u8,
    };
    // Strings, integers and booleans only: serialization cannot fail, and
    // the error arm keeps stdout valid JSON even if it someday did.
    serde_json::to_string(&document).unwrap_or_else(|err| {
        serde_json::json!({"schema": SCHEMA, "error": err.to_string()}).to_string()
    })
}

fn findings(summary: &Summary) -> Findings<'_> {
    let totals = summary.totals();
    let mut counts: Vec<(String, i64)> = ORDER
        .iter()
        .map(|severity| {
            (
                (*severity).to_owned(),
                totals.get(*severity).copied().unwrap_or(0),
            )
        })
        .collect();
    counts.extend(
        totals
            .iter()
            .filter(|(severity, _)| !ORDER.contains(&severity.as_str()))
            .map(|(severity, count)| (severity.clone(), *count)),
    );
    // Worst first; the service's order within a severity (a stable sort).
    let mut listed: Vec<Finding<'_>> = summary
        .findings
        .iter()
        .map(|finding| Finding {
            name: finding.name.as_deref(),
            severity: severity_name(finding),
            description: finding.description.as_deref(),
            uri: finding.uri.as_deref(),
            attributes: finding
                .attributes
                .iter()
                .flatten()
                .map(|attribute| Attribute {
                    key: &attribute.key,
                    value: attribute.value.as_deref(),
                })
                .collect(),
        })
        .collect();
    listed.sort_by_key(|finding| rank(&finding.severity));
    Findings {
        total: totals.values().sum(),
        severity_counts: SeverityCounts(counts),
        listed,
    }
}

#[cfg(test)]
mod tests {
    use ecr_types::{
        Attribute as EcrAttribute, DescribeImageScanFindingsResponse, FindingSeverity,
        ImageScanFinding, ImageScanFindings,
    };
    use serde_json::{json, Value};

    use super::*;
    use crate::severity::Threshold;

    fn record() -> ScanRecord {
        ScanRecord {
            registry_id: Some("123456789012".into()),
            repository: "team/app".into(),
            tag: Some("v1".into()),
            digest: None,
            status: Some("COMPLETE".into()),
            description: None,
            completed_at: Some("2023-11-14T22:13:20Z".into()),
            vulnerability_source_updated_at: None,
        }
    }

    fn summary() -> Summary {
        let mut summary = Summary::default();
        let findings = vec![
            ImageScanFinding::new()
                .with_name("CVE-low")
                .with_severity(FindingSeverity::Low),
            ImageScanFinding::new()
                .with_name("CVE-crit")
                .with_severity(FindingSeverity::Critical)
                .with_uri("https://cve.example/CVE-crit")
                .with_attributes(vec![
                    EcrAttribute::new("package_name").with_value("openssl"),
                    EcrAttribute::new("CVSS2_VECTOR"),
                ]),
        ];
        let counts = [("CRITICAL", 1), ("LOW", 1), ("SEVERE", 2)]
            .iter()
            .map(|(k, v)| ((*k).to_owned(), *v))
            .collect();
        summary.add_page(
            DescribeImageScanFindingsResponse::new().with_image_scan_findings(
                ImageScanFindings::new()
                    .with_findings(findings)
                    .with_finding_severity_counts(counts),
            ),
        );
        summary
    }

    #[test]
    fn a_completed_scan_with_a_failed_gate() {
        let summary = summary();
        let verdict = Verdict::judge(Threshold::parse("HIGH").unwrap(), &summary);
        let text = document(
            &record(),
            Some(&summary),
            Some(verdict),
            Exit::FindingsAtOrAbove,
        );
        assert!(!text.contains('\n'), "one line: {text}");
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value,
            json!({
                "schema": "ecr-scan/v1",
                "image": {
                    "registryId": "123456789012",
                    "repository": "team/app",
                    "tag": "v1",
                    "digest": null
                },
                "scan": {
                    "status": "COMPLETE",
                    "description": null,
                    "completedAt": "2023-11-14T22:13:20Z",
                    "vulnerabilitySourceUpdatedAt": null
                },
                "findings": {
                    "total": 4,
                    "severityCounts": {
                        "CRITICAL": 1, "HIGH": 0, "MEDIUM": 0, "LOW": 1,
                        "INFORMATIONAL": 0, "UNDEFINED": 0, "SEVERE": 2
                    },
                    "listed": [
                        {
                            "name": "CVE-crit",
                            "severity": "CRITICAL",
                            "description": null,
                            "uri": "https://cve.example/CVE-crit",
                            "attributes": [
                                {"key": "package_name", "value": "openssl"},
                                {"key": "CVSS2_VECTOR", "value": null}
                            ]
                        },
                        {
                            "name": "CVE-low",
                            "severity": "LOW",
                            "description": null,
                            "uri": null,
                            "attributes": []
                        }
                    ]
                },
                "failOn": {"severity": "HIGH", "findingsAtOrAbove": 1, "failed": true},
                "exitStatus": 5
            })
        );
        // Severity counts keep ECR's order, worst first, in the text itself.
        let counts = &text[text.find("\"severityCounts\"").unwrap()..];
        let order: Vec<usize> = [
            "CRITICAL",
            "HIGH",
            "MEDIUM",
            "LOW",
            "INFORMATIONAL",
            "UNDEFINED",
            "SEVERE",
        ]
        .iter()
        .map(|s| counts.find(&format!("\"{s}\"")).unwrap())
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{counts}");
    }

    #[test]
    fn a_scan_without_findings_to_report_has_null_findings() {
        let mut record = record();
        record.status = Some("IN_PROGRESS".into());
        let value: Value =
            serde_json::from_str(&document(&record, None, None, Exit::Success)).unwrap();
        assert_eq!(value["findings"], Value::Null);
        assert_eq!(value["failOn"], Value::Null);
        assert_eq!(value["exitStatus"], 0);
        assert_eq!(value["scan"]["status"], "IN_PROGRESS");
    }
}
