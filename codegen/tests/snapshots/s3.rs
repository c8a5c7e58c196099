//! S3's customizations (`lower/s3.rs`): the bucket left to the endpoint
//! rules, object keys with their dot segments, the unwrapped
//! `GetBucketLocation` output, errors inside a `200`, and the service's
//! signing and custom-endpoint rules.

use expect_test::expect;

use crate::{file, generate_files, items};

/// An S3-shaped restXml model; `bucket_traits` are the `Bucket` members'
/// extra traits (the rule set's `contextParam`, or none), `rules` the
/// service's rule-set trait (or none).
fn s3_model_with(service_id: &str, bucket_traits: &str, rules: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
            "{service_id}": {{
                "type": "service", "version": "2006-03-01",
                "operations": [{{"target": "com.amazonaws.s3#CopyObject"}},
                               {{"target": "com.amazonaws.s3#GetBucketLocation"}}],
                "traits": {{"aws.protocols#restXml": {{"noErrorWrapping": true}},
                            "aws.auth#sigv4": {{"name": "s3"}}{rules}}}
            }},
            "com.amazonaws.s3#CopyObject": {{
                "type": "operation",
                "input": {{"target": "com.amazonaws.s3#CopyObjectRequest"}},
                "traits": {{"smithy.api#http": {{"method": "PUT", "uri": "/{{Bucket}}/{{Key+}}?x-id=CopyObject"}}}}
            }},
            "com.amazonaws.s3#CopyObjectRequest": {{
                "type": "structure",
                "members": {{
                    "Bucket": {{"target": "smithy.api#String", "traits": {{"smithy.api#httpLabel": {{}}, "smithy.api#required": {{}}{bucket_traits}}}}},
                    "Key": {{"target": "smithy.api#String", "traits": {{"smithy.api#httpLabel": {{}}, "smithy.api#required": {{}}}}}}
                }}
            }},
            "com.amazonaws.s3#GetBucketLocation": {{
                "type": "operation",
                "input": {{"target": "com.amazonaws.s3#GetBucketLocationRequest"}},
                "output": {{"target": "com.amazonaws.s3#GetBucketLocationOutput"}},
                "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/{{Bucket}}?location"}},
                            "aws.customizations#s3UnwrappedXmlOutput": {{}}}}
            }},
            "com.amazonaws.s3#GetBucketLocationRequest": {{
                "type": "structure",
                "members": {{
                    "Bucket": {{"target": "smithy.api#String", "traits": {{"smithy.api#httpLabel": {{}}, "smithy.api#required": {{}}{bucket_traits}}}}}
                }}
            }},
            "com.amazonaws.s3#GetBucketLocationOutput": {{
                "type": "structure",
                "members": {{"LocationConstraint": {{"target": "smithy.api#String"}}}}
            }}
        }}}}"#
    )
}

const CONTEXT_PARAM: &str = r#", "smithy.rules#contextParam": {"name": "Bucket"}"#;

/// A rule set that takes the bucket (S3's, much reduced).
const RULES: &str = r#", "smithy.rules#endpointRuleSet": {
    "version": "1.0",
    "parameters": {"Bucket": {"type": "String", "required": false}},
    "rules": [{"conditions": [], "endpoint": {"url": "https://{Bucket}.s3.example.com"}, "type": "endpoint"}]
}"#;

fn s3_model(service_id: &str, bucket_traits: &str) -> String {
    s3_model_with(service_id, bucket_traits, RULES)
}

fn operation(files: &[awsgen_codegen::GeneratedFile], name: &str) -> String {
    items(
        file(files, "src/operation.rs"),
        &[&format!("impl ::awsgen_types::Operation for {name} ")],
    )
}

#[test]
fn the_bucket_is_the_rules_and_object_keys_keep_dot_segments() {
    let files = generate_files(&s3_model("com.amazonaws.s3#AmazonS3", CONTEXT_PARAM));
    let copy = operation(&files, "CopyObject");
    let start = copy.find("fn serialize_request").unwrap();
    let end = copy[start..].find("let request").unwrap();
    expect![[r#"
        fn serialize_request(
                input: &Self::Input,
            ) -> ::std::result::Result<
                ::awsgen_types::HttpRequest,
                ::awsgen_types::SerializeError,
            > {
                let mut uri = ::awsgen_types::protocol::rest::Uri::new();
                uri.literal("/");
                {
                    let value = &input.key;
                    uri.greedy_label_with_dot_segments("Key", value.as_str())?;
                }
                uri.query("x-id", "CopyObject");
                "#]]
    .assert_eq(&copy[start..start + end]);
    assert!(
        copy.contains("const ERROR_IN_OK_RESPONSE: bool = true;"),
        "{copy}"
    );
    let location = operation(&files, "GetBucketLocation");
    assert!(!location.contains("ERROR_IN_OK_RESPONSE"), "{location}");
    assert!(!location.contains("uri.label"), "{location}");
    assert!(
        location.contains("::awsgen_types::protocol::rest_xml::read_unwrapped_document("),
        "{location}"
    );
    let service = file(&files, "src/service.rs");
    assert!(
        service.contains("    )\n    .with_custom_endpoint_through_rules();"),
        "{service}"
    );
}

#[test]
fn a_bucket_the_rules_do_not_take_stays_in_the_path() {
    // Without `contextParam` nothing would place the bucket: it stays a label.
    let files = generate_files(&s3_model("com.amazonaws.s3#AmazonS3", ""));
    let copy = operation(&files, "CopyObject");
    assert!(
        copy.contains("uri.label(\"Bucket\", value.as_str())?;"),
        "{copy}"
    );
    // Nor without a rule set to place it.
    let files = generate_files(&s3_model_with(
        "com.amazonaws.s3#AmazonS3",
        CONTEXT_PARAM,
        "",
    ));
    let copy = operation(&files, "CopyObject");
    assert!(
        copy.contains("uri.label(\"Bucket\", value.as_str())?;"),
        "{copy}"
    );
    // Another service of the same shape gets none of S3's rules.
    let files = generate_files(&s3_model("com.example#NotS3", CONTEXT_PARAM));
    let copy = operation(&files, "CopyObject");
    assert!(copy.contains("uri.greedy_label(\"Key\""), "{copy}");
    assert!(!copy.contains("ERROR_IN_OK_RESPONSE"), "{copy}");
    assert!(!file(&files, "src/service.rs").contains("with_custom_endpoint_through_rules"));
}
