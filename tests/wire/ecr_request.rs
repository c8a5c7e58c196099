//! ECR `StartImageScan` requests: exact JSON bytes, key order, omitted members,
//! and `validate()`.

use awsgen_types::{Operation, Validate, ViolationKind};
use ecr_types::{ImageIdentifier, StartImageScan, StartImageScanRequest};

fn request() -> StartImageScanRequest {
    StartImageScanRequest::new("my/repo", ImageIdentifier::new().with_image_tag("latest"))
}

#[test]
fn request_serializes_to_the_exact_bytes_in_model_order() {
    let json = serde_json::to_string(&request()).expect("serializes");
    assert_eq!(
        json,
        r#"{"repositoryName":"my/repo","imageId":{"imageTag":"latest"}}"#
    );
}

#[test]
fn optional_members_appear_in_model_order_when_set() {
    let request = request().with_registry_id("123456789012");
    let json = serde_json::to_string(&request).expect("serializes");
    assert_eq!(
        json,
        r#"{"registryId":"123456789012","repositoryName":"my/repo","imageId":{"imageTag":"latest"}}"#
    );
    let with_digest = StartImageScanRequest::new(
        "my/repo",
        ImageIdentifier::new()
            .with_image_tag("latest")
            .with_image_digest("sha256:0123"),
    );
    assert_eq!(
        serde_json::to_string(&with_digest).expect("serializes"),
        r#"{"repositoryName":"my/repo","imageId":{"imageDigest":"sha256:0123","imageTag":"latest"}}"#,
        "imageId keys follow the model's member order, not the order of the calls"
    );
}

#[test]
fn absent_members_are_omitted_never_null() {
    let json = serde_json::to_string(&StartImageScanRequest::new("r", ImageIdentifier::new()))
        .expect("serializes");
    assert_eq!(json, r#"{"repositoryName":"r","imageId":{}}"#);
    assert!(!json.contains("null"));
}

#[test]
fn strings_are_escaped() {
    let request = StartImageScanRequest::new(
        "quote\"back\\slash\nnew\u{1}",
        ImageIdentifier::new().with_image_tag("ü"),
    );
    let json = serde_json::to_string(&request).expect("serializes");
    assert_eq!(
        json,
        r#"{"repositoryName":"quote\"back\\slash\nnew\u0001","imageId":{"imageTag":"ü"}}"#
    );
}

#[test]
fn the_operation_names_its_target_and_service() {
    assert_eq!(
        crate::support::target::<StartImageScan>(&request()),
        "AmazonEC2ContainerRegistry_V20150921.StartImageScan"
    );
    assert_eq!(StartImageScan::NAME, "StartImageScan");
    let service = StartImageScan::SERVICE;
    assert_eq!(service.signing_name, "ecr");
    assert_eq!(service.sdk_id, "ECR");
    assert_eq!(service.endpoint_prefix, "api.ecr");
    assert_eq!(
        service.target_prefix,
        "AmazonEC2ContainerRegistry_V20150921"
    );
    assert_eq!(service.protocol, awsgen_types::Protocol::AwsJson1_1);
    assert_eq!(service.version, "2015-09-21");
    assert!(StartImageScan::REQUEST_COMPRESSION.is_none());
    assert_eq!(StartImageScan::host_prefix(&request()), Ok(None));
    let rules = service
        .endpoint_rule_set
        .expect("ECR carries its endpoint rule set");
    let rules: serde_json::Value = serde_json::from_str(rules).expect("rule set is JSON");
    assert_eq!(rules["version"], "1.0");
}

#[test]
fn a_valid_request_passes_validation() {
    let valid = request().with_registry_id("123456789012");
    assert_eq!(valid.validate(), Ok(()));
}

#[test]
fn validate_reports_every_violation_with_its_path() {
    let invalid = StartImageScanRequest::new("A", ImageIdentifier::new().with_image_tag(""))
        .with_registry_id("12");
    let errors = invalid
        .validate()
        .expect_err("three members break constraints");
    let found: Vec<(&str, &ViolationKind)> = errors
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), &v.kind))
        .collect();
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(
        matches!(found[0], ("registryId", ViolationKind::Pattern { pattern }) if *pattern == "^[0-9]{12}$"),
        "{found:#?}"
    );
    assert!(
        matches!(
            found[1],
            (
                "repositoryName",
                ViolationKind::Length {
                    min: Some(2),
                    max: Some(256),
                    actual: 1
                }
            )
        ),
        "{found:#?}"
    );
    assert!(
        matches!(found[2], ("repositoryName", ViolationKind::Pattern { .. })),
        "an upper-case name breaks the pattern too: {found:#?}"
    );
    assert!(
        matches!(
            found[3],
            (
                "imageId.imageTag",
                ViolationKind::Length {
                    min: Some(1),
                    max: Some(300),
                    actual: 0
                }
            )
        ),
        "{found:#?}"
    );
    let text = errors.to_string();
    for path in ["`registryId`", "`repositoryName`", "`imageId.imageTag`"] {
        assert!(text.contains(path), "{path} missing from: {text}");
    }
}

#[test]
fn string_length_counts_unicode_scalar_values_not_bytes() {
    // 300 two-byte characters: 600 bytes, but exactly the maximum 300 characters.
    let tag = "é".repeat(300);
    let request = StartImageScanRequest::new("my/repo", ImageIdentifier::new().with_image_tag(tag));
    assert_eq!(request.validate(), Ok(()));
    let too_long = StartImageScanRequest::new(
        "my/repo",
        ImageIdentifier::new().with_image_tag("é".repeat(301)),
    );
    assert!(too_long.validate().is_err());
}

#[test]
fn serialization_never_validates() {
    let invalid = StartImageScanRequest::new("", ImageIdentifier::new()).with_registry_id("x");
    let json = serde_json::to_string(&invalid).expect("constraints are not enforced when sending");
    assert_eq!(
        json,
        r#"{"registryId":"x","repositoryName":"","imageId":{}}"#
    );
}
