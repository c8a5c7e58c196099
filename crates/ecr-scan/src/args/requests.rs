//! The ECR requests a command line describes.

use ecr_types::{DescribeImageScanFindingsRequest, ImageIdentifier, StartImageScanRequest};

use super::{Reference, ScanArgs};

impl ScanArgs {
    /// The `StartImageScan` input these arguments describe.
    pub(crate) fn request(&self) -> StartImageScanRequest {
        let image_id = match &self.image.reference {
            Reference::Tag(tag) => ImageIdentifier::new().with_image_tag(tag),
            Reference::Digest(digest) => ImageIdentifier::new().with_image_digest(digest),
        };
        let request = StartImageScanRequest::new(&self.image.repository, image_id);
        match &self.registry_id {
            Some(id) => request.with_registry_id(id),
            None => request,
        }
    }

    /// The `DescribeImageScanFindings` input for the same image.
    pub(crate) fn findings_request(&self) -> DescribeImageScanFindingsRequest {
        let start = self.request();
        let request = DescribeImageScanFindingsRequest::new(start.repository_name, start.image_id);
        match start.registry_id {
            Some(id) => request.with_registry_id(id),
            None => request,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{scan, DIGEST};

    #[test]
    fn a_digest_keeps_its_colon() {
        let body = serde_json::to_value(scan(&[&format!("app@{DIGEST}")]).request()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"repositoryName": "app", "imageId": {"imageDigest": DIGEST}})
        );
    }

    #[test]
    fn the_request_carries_tag_and_registry() {
        let body =
            serde_json::to_value(scan(&["app:latest", "--registry-id=111122223333"]).request())
                .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "111122223333",
                "repositoryName": "app",
                "imageId": {"imageTag": "latest"}
            })
        );
    }

    #[test]
    fn an_image_uri_names_its_registry() {
        let parsed = scan(&["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1"]);
        let body = serde_json::to_value(parsed.request()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "123456789012",
                "repositoryName": "team/app",
                "imageId": {"imageTag": "v1"}
            })
        );
    }

    #[test]
    fn the_findings_request_names_the_same_image() {
        let body = serde_json::to_value(
            scan(&[&format!("team/app@{DIGEST}"), "--registry-id=111122223333"]).findings_request(),
        )
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "registryId": "111122223333",
                "repositoryName": "team/app",
                "imageId": {"imageDigest": DIGEST}
            })
        );
    }
}
