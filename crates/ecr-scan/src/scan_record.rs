//! What is known about the image and its scan: the command line's words,
//! replaced by the service's as its responses arrive. The JSON report is
//! written from it.

use ecr_types::{
    DescribeImageScanFindingsResponse, ImageIdentifier, ImageScanStatus, StartImageScanResponse,
};

use crate::args::{Reference, ScanArgs};

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanRecord {
    pub(crate) registry_id: Option<String>,
    pub(crate) repository: String,
    pub(crate) tag: Option<String>,
    pub(crate) digest: Option<String>,
    /// The scan status as ECR names it (`IN_PROGRESS`, `COMPLETE`, `FAILED`, ...).
    pub(crate) status: Option<String>,
    pub(crate) description: Option<String>,
    /// RFC 3339, UTC.
    pub(crate) completed_at: Option<String>,
    /// RFC 3339, UTC.
    pub(crate) vulnerability_source_updated_at: Option<String>,
}

impl ScanRecord {
    /// The image as the command line names it; nothing known about a scan yet.
    pub(crate) fn new(scan: &ScanArgs) -> ScanRecord {
        let (tag, digest) = match &scan.image.reference {
            Reference::Tag(tag) => (Some(tag.clone()), None),
            Reference::Digest(digest) => (None, Some(digest.clone())),
        };
        ScanRecord {
            registry_id: scan.registry_id.clone(),
            repository: scan.image.repository.clone(),
            tag,
            digest,
            status: None,
            description: None,
            completed_at: None,
            vulnerability_source_updated_at: None,
        }
    }

    /// StartImageScan answered.
    pub(crate) fn saw_start(&mut self, output: &StartImageScanResponse) {
        self.saw_image(output.registry_id.as_deref(), output.image_id.as_ref());
        self.saw_status(output.image_scan_status.as_ref());
    }

    /// A DescribeImageScanFindings page (the waiter's polls included).
    pub(crate) fn saw_findings_page(&mut self, page: &DescribeImageScanFindingsResponse) {
        self.saw_image(page.registry_id.as_deref(), page.image_id.as_ref());
        self.saw_status(page.image_scan_status.as_ref());
        if let Some(findings) = &page.image_scan_findings {
            if let Some(at) = &findings.image_scan_completed_at {
                self.completed_at = Some(at.to_string());
            }
            if let Some(at) = &findings.vulnerability_source_updated_at {
                self.vulnerability_source_updated_at = Some(at.to_string());
            }
        }
    }

    /// The service's registry ID, tag and digest, where it names them.
    fn saw_image(&mut self, registry_id: Option<&str>, image: Option<&ImageIdentifier>) {
        if let Some(id) = registry_id {
            self.registry_id = Some(id.to_owned());
        }
        if let Some(tag) = image.and_then(|i| i.image_tag.as_deref()) {
            self.tag = Some(tag.to_owned());
        }
        if let Some(digest) = image.and_then(|i| i.image_digest.as_deref()) {
            self.digest = Some(digest.to_owned());
        }
    }

    /// The status and its description as the service last reported them.
    fn saw_status(&mut self, status: Option<&ImageScanStatus>) {
        let Some(status) = status else {
            return;
        };
        self.status = status.status.as_ref().map(|s| s.as_str().to_owned());
        self.description = status.description.clone().filter(|d| !d.is_empty());
    }
}

#[cfg(test)]
mod tests {
    use awsgen_types::DateTime;
    use ecr_types::{ImageScanFindings, ScanStatus};

    use super::*;
    use crate::args::ImageRef;

    fn scan_args() -> ScanArgs {
        ScanArgs {
            image: ImageRef {
                repository: "team/app".into(),
                reference: Reference::Tag("v1".into()),
            },
            registry_id: None,
            endpoint_url: None,
            region: None,
            max_wait: None,
            fail_on: None,
            format: crate::output::Format::Json,
            verbosity: 0,
        }
    }

    #[test]
    fn the_services_words_replace_the_command_lines() {
        let mut record = ScanRecord::new(&scan_args());
        assert_eq!(record.tag.as_deref(), Some("v1"));
        assert_eq!(record.status, None);
        record.saw_start(
            &StartImageScanResponse::new()
                .with_registry_id("123456789012")
                .with_image_id(ImageIdentifier::new().with_image_digest("sha256:ab"))
                .with_image_scan_status(ImageScanStatus::new().with_status(ScanStatus::InProgress)),
        );
        assert_eq!(record.registry_id.as_deref(), Some("123456789012"));
        assert_eq!(record.digest.as_deref(), Some("sha256:ab"));
        assert_eq!(
            record.tag.as_deref(),
            Some("v1"),
            "kept: the service did not name it"
        );
        assert_eq!(record.status.as_deref(), Some("IN_PROGRESS"));

        record.saw_findings_page(
            &DescribeImageScanFindingsResponse::new()
                .with_image_scan_status(
                    ImageScanStatus::new()
                        .with_status(ScanStatus::Complete)
                        .with_description("The scan was completed successfully."),
                )
                .with_image_scan_findings(
                    ImageScanFindings::new()
                        .with_image_scan_completed_at(DateTime::from_secs(1_700_000_000)),
                ),
        );
        assert_eq!(record.status.as_deref(), Some("COMPLETE"));
        assert_eq!(
            record.description.as_deref(),
            Some("The scan was completed successfully.")
        );
        assert_eq!(record.completed_at.as_deref(), Some("2023-11-14T22:13:20Z"));
        assert_eq!(record.vulnerability_source_updated_at, None);
    }
}
