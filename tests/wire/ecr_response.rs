//! ECR `StartImageScan` responses, shaped like the response syntax of the
//! boto3 and JavaScript v3 documentation (the project's seeds).

use ecr_types::{ImageIdentifier, ImageScanStatus, ScanStatus, StartImageScanResponse};

/// Every `imageScanStatus.status` value the JavaScript v3 page lists (boto3's
/// page lists the same values except `LIMIT_EXCEEDED`).
const DOCUMENTED_STATUSES: [&str; 9] = [
    "IN_PROGRESS",
    "COMPLETE",
    "FAILED",
    "UNSUPPORTED_IMAGE",
    "ACTIVE",
    "PENDING",
    "SCAN_ELIGIBILITY_EXPIRED",
    "FINDINGS_UNAVAILABLE",
    "LIMIT_EXCEEDED",
];

fn parse(json: &str) -> StartImageScanResponse {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("cannot read {json}: {e}"))
}

#[test]
fn the_documented_response_syntax_reads_every_member() {
    let response = parse(
        r#"{
            "registryId": "123456789012",
            "repositoryName": "my/repo",
            "imageId": {"imageDigest": "sha256:abc", "imageTag": "latest"},
            "imageScanStatus": {"status": "IN_PROGRESS", "description": "The scan was started."}
        }"#,
    );
    let expected = StartImageScanResponse::new()
        .with_registry_id("123456789012")
        .with_repository_name("my/repo")
        .with_image_id(
            ImageIdentifier::new()
                .with_image_digest("sha256:abc")
                .with_image_tag("latest"),
        )
        .with_image_scan_status(
            ImageScanStatus::new()
                .with_status(ScanStatus::InProgress)
                .with_description("The scan was started."),
        );
    assert_eq!(response, expected);
}

#[test]
fn every_documented_status_is_a_known_variant_and_round_trips() {
    for wire in DOCUMENTED_STATUSES {
        let status: ScanStatus =
            serde_json::from_value(serde_json::json!(wire)).expect("a string reads");
        assert!(
            !matches!(status, ScanStatus::Unknown(_)),
            "{wire} should be a known variant"
        );
        assert_eq!(status.as_str(), wire);
        assert_eq!(serde_json::to_value(&status).expect("writes"), wire);
        assert!(ScanStatus::VALUES.contains(&wire));
    }
    assert_eq!(ScanStatus::VALUES.len(), DOCUMENTED_STATUSES.len());
}

#[test]
fn an_unknown_status_is_kept_and_written_back_unchanged() {
    let response = parse(r#"{"imageScanStatus": {"status": "QUANTUM_SCAN"}}"#);
    let status = response
        .image_scan_status
        .as_ref()
        .and_then(|s| s.status.clone())
        .expect("status present");
    assert_eq!(status, ScanStatus::Unknown("QUANTUM_SCAN".to_owned()));
    assert_eq!(status.to_string(), "QUANTUM_SCAN");
    assert_eq!(
        serde_json::to_string(&response).expect("writes"),
        r#"{"imageScanStatus":{"status":"QUANTUM_SCAN"}}"#
    );
    assert_eq!(ScanStatus::from("COMPLETE"), ScanStatus::Complete);
}

#[test]
fn unknown_fields_are_ignored_at_every_level() {
    let response = parse(
        r#"{
            "repositoryName": "my/repo",
            "futureTopLevel": {"deep": [1, 2, {"x": null}]},
            "imageId": {"imageTag": "latest", "imageSize": 12},
            "imageScanStatus": {"status": "COMPLETE", "extra": true}
        }"#,
    );
    assert_eq!(response.repository_name.as_deref(), Some("my/repo"));
    assert_eq!(
        response.image_id,
        Some(ImageIdentifier::new().with_image_tag("latest"))
    );
    assert_eq!(
        response.image_scan_status.and_then(|s| s.status),
        Some(ScanStatus::Complete)
    );
}

#[test]
fn null_members_read_as_absent() {
    let response = parse(
        r#"{"registryId": null, "repositoryName": null, "imageId": null,
            "imageScanStatus": {"status": null, "description": null}}"#,
    );
    assert_eq!(
        response,
        StartImageScanResponse::new().with_image_scan_status(ImageScanStatus::new())
    );
}

#[test]
fn an_empty_object_reads_as_an_empty_response() {
    assert_eq!(parse("{}"), StartImageScanResponse::new());
    assert_eq!(parse(" { } "), StartImageScanResponse::default());
}

#[test]
fn a_wrongly_typed_member_is_an_error_naming_the_member() {
    let error = serde_json::from_str::<StartImageScanResponse>(r#"{"repositoryName": 7}"#)
        .expect_err("a number is not a string");
    assert!(error.to_string().contains("invalid type"), "{error}");
    assert!(serde_json::from_str::<StartImageScanResponse>("").is_err());
    assert!(serde_json::from_str::<StartImageScanResponse>("\"{}\"").is_err());
}

#[test]
fn a_response_round_trips() {
    let json = r#"{"registryId":"123456789012","repositoryName":"my/repo","imageId":{"imageDigest":"sha256:abc","imageTag":"latest"},"imageScanStatus":{"status":"FINDINGS_UNAVAILABLE","description":"d"}}"#;
    let response = parse(json);
    assert_eq!(serde_json::to_string(&response).expect("writes"), json);
}
