//! `aws.protocols#httpChecksum`: lowered to the input fields it names and
//! emitted as `HTTP_CHECKSUM` and the readers of those fields; a member
//! that is missing or not text is an error naming it.

use awsgen_codegen::{generate, load, GenerateConfig, ModelSource};

use crate::{file, generate_files, model};

/// In the shape of S3's `DeleteObjects` (checksum required, algorithm
/// member) with `GetObject`'s validation mode and response algorithms.
fn with_trait(trait_value: &str, algorithm_target: &str) -> String {
    model(&format!(
        r#""ex#Op": {{
            "type": "operation",
            "input": {{"target": "ex#OpInput"}},
            "traits": {{"aws.protocols#httpChecksum": {trait_value}}}
        }},
        "ex#OpInput": {{
            "type": "structure",
            "members": {{
                "ChecksumAlgorithm": {{"target": "{algorithm_target}"}},
                "ChecksumMode": {{"target": "ex#ChecksumMode", "traits": {{"smithy.api#required": {{}}}}}}
            }},
            "traits": {{"smithy.api#input": {{}}}}
        }},
        "ex#ChecksumAlgorithm": {{
            "type": "enum",
            "members": {{"CRC32": {{"target": "smithy.api#Unit", "traits": {{"smithy.api#enumValue": "CRC32"}}}}}}
        }},
        "ex#ChecksumMode": {{
            "type": "enum",
            "members": {{"ENABLED": {{"target": "smithy.api#Unit", "traits": {{"smithy.api#enumValue": "ENABLED"}}}}}}
        }}"#
    ))
}

const FULL: &str = r#"{
    "requestAlgorithmMember": "ChecksumAlgorithm",
    "requestChecksumRequired": true,
    "requestValidationModeMember": "ChecksumMode",
    "responseAlgorithms": ["CRC32", "SHA256"]
}"#;

#[test]
fn the_trait_becomes_a_constant_and_two_readers() {
    let files = generate_files(&with_trait(FULL, "ex#ChecksumAlgorithm"));
    let operation = file(&files, "src/operation.rs");
    for expected in [
        "const HTTP_CHECKSUM: ::std::option::Option<::awsgen_types::HttpChecksum>",
        "::awsgen_types::HttpChecksum::new(true, &[\"CRC32\", \"SHA256\"])",
        "fn request_checksum_algorithm(input: &Self::Input) -> ::std::option::Option<&str> {\n        input.checksum_algorithm.as_ref().map(|value| value.as_str())\n    }",
        // A required member is read without `Option`.
        "fn response_checksum_validation_mode(\n        input: &Self::Input,\n    ) -> ::std::option::Option<&str> {\n        ::std::option::Option::Some(input.checksum_mode.as_str())\n    }",
    ] {
        assert!(operation.contains(expected), "{expected}\nnot in:\n{operation}");
    }
    // The CRCs are built for this crate: its `client` feature turns them on.
    let manifest_features = generated_features(&with_trait(FULL, "ex#ChecksumAlgorithm"));
    assert_eq!(manifest_features, ["awsgen-client/checksums"]);
}

#[test]
fn an_operation_without_the_trait_emits_nothing_of_it() {
    let files = generate_files(&model(r#""ex#Op": {"type": "operation"}"#));
    assert!(!file(&files, "src/operation.rs").contains("HTTP_CHECKSUM"));
    assert!(generated_features(&model(r#""ex#Op": {"type": "operation"}"#)).is_empty());
}

#[test]
fn a_member_that_is_missing_or_not_text_is_named() {
    let missing = r#"{"requestAlgorithmMember": "Algorithm"}"#;
    let message = generation_error(&with_trait(missing, "ex#ChecksumAlgorithm"));
    assert!(
        message.contains(
            "requestAlgorithmMember `Algorithm` is not a member of the operation's input"
        ),
        "{message}"
    );
    let message = generation_error(&with_trait(FULL, "smithy.api#Integer"));
    assert!(
        message
            .contains("requestAlgorithmMember `ChecksumAlgorithm` must be a string or enum member"),
        "{message}"
    );
    assert!(message.contains("ex#Op"), "{message}");
    let unknown_key = r#"{"requestAlgorithmMember": "ChecksumAlgorithm", "algorithms": []}"#;
    let message = generation_error(&with_trait(unknown_key, "ex#ChecksumAlgorithm"));
    assert!(message.contains("algorithms"), "{message}");
}

fn generated_features(model: &str) -> Vec<String> {
    let model = load(&[ModelSource::new("fixture.json", model)]).unwrap();
    generate(&model, &GenerateConfig::default())
        .unwrap()
        .runtime_features
}

fn generation_error(model: &str) -> String {
    let model = load(&[ModelSource::new("fixture.json", model)]).unwrap();
    generate(&model, &GenerateConfig::default())
        .map(|_| ())
        .unwrap_err()
        .to_string()
}
