//! Small hand-written rule sets exercising each part of the engine through
//! the public API.

use awsgen_endpoints::{Params, ResolveError, RuleSet, RuleSetError};
use serde_json::json;

/// A rule set with `Input` (string), `Flag` (boolean, default false) and
/// `List` (stringArray) parameters and the given rules.
fn rule_set(rules: serde_json::Value) -> RuleSet {
    let doc = json!({
        "version": "1.0",
        "parameters": {
            "Input": {"type": "String"},
            "Flag": {"type": "Boolean", "required": true, "default": false},
            "List": {"type": "stringArray"}
        },
        "rules": rules
    });
    RuleSet::from_value(&doc).unwrap_or_else(|err| panic!("rule set rejected: {err}"))
}

/// Rules that return `https://{Out}.test` when `condition` (which assigns
/// `Out`) holds, and the error "no match" otherwise.
fn assigning(condition: serde_json::Value) -> RuleSet {
    rule_set(json!([
        {"type": "endpoint", "conditions": [condition], "endpoint": {"url": "https://{Out}.test"}},
        {"type": "error", "conditions": [], "error": "no match"}
    ]))
}

/// Rules that return `https://yes.test` when `condition` holds and the error
/// "no match" otherwise.
fn predicate(condition: serde_json::Value) -> RuleSet {
    rule_set(json!([
        {"type": "endpoint", "conditions": [condition], "endpoint": {"url": "https://yes.test"}},
        {"type": "error", "conditions": [], "error": "no match"}
    ]))
}

fn input(value: &str) -> Params {
    Params::new().with("Input", value)
}

fn url_or_error(rules: &RuleSet, params: &Params) -> String {
    match rules.resolve(params) {
        Ok(endpoint) => endpoint.url,
        Err(err) => format!("error: {err}"),
    }
}

fn holds(rules: &RuleSet, params: &Params) -> bool {
    match url_or_error(rules, params).as_str() {
        "https://yes.test" => true,
        "error: no match" => false,
        other => panic!("unexpected outcome {other}"),
    }
}

#[test]
fn is_set_and_not() {
    let rules =
        predicate(json!({"fn": "not", "argv": [{"fn": "isSet", "argv": [{"ref": "Input"}]}]}));
    assert!(holds(&rules, &Params::new()));
    assert!(!holds(&rules, &input("x")));
}

#[test]
fn boolean_equals_and_defaults() {
    let rules = predicate(json!({"fn": "booleanEquals", "argv": [{"ref": "Flag"}, false]}));
    assert!(holds(&rules, &Params::new()), "the default false applies");
    assert!(!holds(&rules, &Params::new().with("Flag", true)));
}

#[test]
fn string_equals_with_a_template_argument() {
    let rules = predicate(json!({"fn": "stringEquals", "argv": [{"ref": "Input"}, "{Input}"]}));
    assert!(holds(&rules, &input("abc")));
    let rules = predicate(json!({"fn": "stringEquals", "argv": [{"ref": "Input"}, "abc"]}));
    assert!(holds(&rules, &input("abc")));
    assert!(!holds(&rules, &input("abd")));
}

#[test]
fn an_unset_argument_fails_the_condition() {
    let rules = predicate(json!({"fn": "stringEquals", "argv": [{"ref": "Input"}, "abc"]}));
    assert!(!holds(&rules, &Params::new()));
}

#[test]
fn substring_forward_reverse_and_too_short() {
    let forward = assigning(
        json!({"fn": "substring", "argv": [{"ref": "Input"}, 0, 4, false], "assign": "Out"}),
    );
    let reverse = assigning(
        json!({"fn": "substring", "argv": [{"ref": "Input"}, 0, 4, true], "assign": "Out"}),
    );
    assert_eq!(
        url_or_error(&forward, &input("abcdefg")),
        "https://abcd.test"
    );
    assert_eq!(
        url_or_error(&reverse, &input("abcdefg")),
        "https://defg.test"
    );
    assert_eq!(url_or_error(&forward, &input("abc")), "error: no match");
}

#[test]
fn uri_encode() {
    let rules = rule_set(json!([
        {"type": "error",
         "conditions": [{"fn": "uriEncode", "argv": [{"ref": "Input"}], "assign": "Out"}],
         "error": "{Out}"}
    ]));
    assert_eq!(
        rules.resolve(&input("a b/c?d~")),
        Err(ResolveError::Rule("a%20b%2Fc%3Fd~".into()))
    );
}

#[test]
fn parse_url_fields() {
    let rules = rule_set(json!([
        {"type": "endpoint",
         "conditions": [
             {"fn": "parseURL", "argv": [{"ref": "Input"}], "assign": "U"},
             {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "U"}, "isIp"]}, false]}],
         "endpoint": {"url": "{U#scheme}://bucket.{U#authority}{U#normalizedPath}x{U#path}"}},
        {"type": "error", "conditions": [], "error": "not a usable URL"}
    ]));
    assert_eq!(
        url_or_error(&rules, &input("https://example.com:8443/base")),
        "https://bucket.example.com:8443/base/x/base"
    );
    assert_eq!(
        url_or_error(&rules, &input("https://10.0.0.1")),
        "error: not a usable URL"
    );
    assert_eq!(
        url_or_error(&rules, &input("https://example.com/?q=1")),
        "error: not a usable URL"
    );
}

#[test]
fn is_valid_host_label_with_and_without_sub_domains() {
    let single = predicate(json!({"fn": "isValidHostLabel", "argv": [{"ref": "Input"}, false]}));
    let dotted = predicate(json!({"fn": "isValidHostLabel", "argv": [{"ref": "Input"}, true]}));
    assert!(holds(&single, &input("my-host1")));
    assert!(!holds(&single, &input("a.b")));
    assert!(holds(&dotted, &input("a.b")));
    assert!(!holds(&dotted, &input("a..b")));
    assert!(!holds(&single, &input("-bad")));
}

#[test]
fn aws_partition_lookups() {
    let rules = rule_set(json!([
        {"type": "endpoint",
         "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Input"}], "assign": "P"}],
         "endpoint": {"url": "https://{P#name}.{P#dnsSuffix}.{P#dualStackDnsSuffix}.{P#implicitGlobalRegion}"}}
    ]));
    let cases = [
        ("us-west-2", "https://aws.amazonaws.com.api.aws.us-east-1"),
        (
            "cn-northwest-1",
            "https://aws-cn.amazonaws.com.cn.api.amazonwebservices.com.cn.cn-northwest-1",
        ),
        (
            "us-gov-east-1",
            "https://aws-us-gov.amazonaws.com.api.aws.us-gov-west-1",
        ),
        (
            "us-isob-east-1",
            "https://aws-iso-b.sc2s.sgov.gov.sc2s.sgov.gov.us-isob-east-1",
        ),
        (
            "eu-isoe-west-1",
            "https://aws-iso-e.cloud.adc-e.uk.cloud.adc-e.uk.eu-isoe-west-1",
        ),
        (
            "us-isof-south-1",
            "https://aws-iso-f.csp.hci.ic.gov.csp.hci.ic.gov.us-isof-south-1",
        ),
        (
            "eusc-de-east-1",
            "https://aws-eusc.amazonaws.eu.amazonaws.eu.eusc-de-east-1",
        ),
        ("ap-future-9", "https://aws.amazonaws.com.api.aws.us-east-1"),
        ("nowhere", "https://aws.amazonaws.com.api.aws.us-east-1"),
    ];
    for (region, expected) in cases {
        assert_eq!(url_or_error(&rules, &input(region)), expected, "{region}");
    }
}

#[test]
fn aws_parse_arn_and_indexed_attributes() {
    let rules = rule_set(json!([
        {"type": "endpoint",
         "conditions": [
             {"fn": "aws.parseArn", "argv": [{"ref": "Input"}], "assign": "Arn"},
             {"fn": "getAttr", "argv": [{"ref": "Arn"}, "resourceId[1]"], "assign": "Name"}],
         "endpoint": {"url": "https://{Arn#accountId}.{Arn#service}.{Arn#region}.{Arn#partition}/{Name}/{Arn#resourceId[0]}"}},
        {"type": "error", "conditions": [], "error": "no match"}
    ]));
    assert_eq!(
        url_or_error(
            &rules,
            &input("arn:aws:kinesis:us-east-1:123456789012:stream/orders")
        ),
        "https://123456789012.kinesis.us-east-1.aws/orders/stream"
    );
    // resourceId[1] is past the end: the condition fails, it is not an error.
    assert_eq!(
        url_or_error(
            &rules,
            &input("arn:aws:kinesis:us-east-1:123456789012:stream")
        ),
        "error: no match"
    );
    assert_eq!(
        url_or_error(&rules, &input("not-an-arn")),
        "error: no match"
    );
}

#[test]
fn aws_is_virtual_hostable_s3_bucket() {
    let single = predicate(
        json!({"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Input"}, false]}),
    );
    let dotted =
        predicate(json!({"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "Input"}, true]}));
    assert!(holds(&single, &input("my-bucket")));
    assert!(!holds(&single, &input("My-Bucket")));
    assert!(!holds(&single, &input("my.bucket")));
    assert!(holds(&dotted, &input("my.bucket")));
    assert!(!holds(&dotted, &input("10.1.2.3")));
}

#[test]
fn string_array_parameters_index_with_get_attr() {
    let rules =
        assigning(json!({"fn": "getAttr", "argv": [{"ref": "List"}, "[1]"], "assign": "Out"}));
    assert_eq!(
        url_or_error(&rules, &Params::new().with("List", vec!["a", "b"])),
        "https://b.test"
    );
    assert_eq!(
        url_or_error(&rules, &Params::new().with("List", vec!["a"])),
        "error: no match"
    );
}

#[test]
fn template_escapes_and_headers_and_properties() {
    let rules = rule_set(json!([
        {"type": "endpoint", "conditions": [],
         "endpoint": {
             "url": "https://{Input}.test/{{literal}}",
             "headers": {"x-id": ["{Input}", "fixed"]},
             "properties": {
                 "authSchemes": [{"name": "sigv4", "signingRegion": "{Input}", "disableDoubleEncoding": true}],
                 "count": 3
             }}}
    ]));
    let endpoint = rules
        .resolve(&input("abc"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(endpoint.url, "https://abc.test/{literal}");
    assert_eq!(
        endpoint.headers.get("x-id"),
        Some(&vec!["abc".to_owned(), "fixed".to_owned()])
    );
    assert_eq!(
        endpoint.properties,
        json!({"authSchemes": [{"name": "sigv4", "signingRegion": "abc", "disableDoubleEncoding": true}], "count": 3})
    );
}

#[test]
fn assign_is_visible_in_the_subtree_only() {
    let rules = rule_set(json!([
        {"type": "tree",
         "conditions": [
             {"fn": "isSet", "argv": [{"ref": "Input"}]},
             {"fn": "aws.partition", "argv": [{"ref": "Input"}], "assign": "P"}],
         "rules": [
             {"type": "tree", "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
              "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://deep.{P#dnsSuffix}"}}]},
             {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{P#name}.test"}}
         ]},
        {"type": "error", "conditions": [], "error": "unset"}
    ]));
    assert_eq!(
        url_or_error(&rules, &input("cn-north-1")),
        "https://aws-cn.test"
    );
    assert_eq!(
        url_or_error(&rules, &input("cn-north-1").with("Flag", true)),
        "https://deep.amazonaws.com.cn"
    );
    assert_eq!(url_or_error(&rules, &Params::new()), "error: unset");

    let out_of_scope = RuleSet::from_value(&json!({
        "version": "1.0",
        "parameters": {"Input": {"type": "String"}},
        "rules": [
            {"type": "tree",
             "conditions": [{"fn": "aws.partition", "argv": [{"ref": "Input"}], "assign": "P"}],
             "rules": [{"type": "error", "conditions": [], "error": "x"}]},
            {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{P#name}.test"}}
        ]
    }));
    assert!(
        matches!(out_of_scope, Err(RuleSetError::UndefinedReference { ref name, .. }) if name == "P")
    );
}

#[test]
fn an_exhausted_tree_is_an_error_not_a_fall_through() {
    let rules = rule_set(json!([
        {"type": "tree", "conditions": [{"fn": "isSet", "argv": [{"ref": "Input"}]}],
         "rules": [{"type": "endpoint",
                    "conditions": [{"fn": "booleanEquals", "argv": [{"ref": "Flag"}, true]}],
                    "endpoint": {"url": "https://flagged.test"}}]},
        {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://sibling.test"}}
    ]));
    assert_eq!(
        rules.resolve(&input("x")),
        Err(ResolveError::Exhausted {
            location: "rules[0].rules".into()
        })
    );
    assert_eq!(url_or_error(&rules, &Params::new()), "https://sibling.test");
}

#[test]
fn top_level_exhaustion_is_an_error() {
    let rules = predicate(json!({"fn": "isSet", "argv": [{"ref": "Input"}]}));
    let rules_without_fallback = rule_set(json!([
        {"type": "endpoint", "conditions": [{"fn": "isSet", "argv": [{"ref": "Input"}]}],
         "endpoint": {"url": "https://yes.test"}}
    ]));
    assert!(holds(&rules, &input("x")));
    assert_eq!(
        rules_without_fallback.resolve(&Params::new()),
        Err(ResolveError::Exhausted {
            location: "rules".into()
        })
    );
}

#[test]
fn required_parameters_without_defaults_must_be_given() {
    let rules = RuleSet::from_value(&json!({
        "version": "1.3",
        "parameters": {"Bucket": {"type": "string", "required": true}},
        "rules": [{"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Bucket}.test"}}]
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        rules.resolve(&Params::new()),
        Err(ResolveError::MissingParameter {
            name: "Bucket".into()
        })
    );
    assert_eq!(
        rules
            .resolve(&Params::new().with("Bucket", "b"))
            .map(|e| e.url),
        Ok("https://b.test".to_owned())
    );
}

#[test]
fn rule_set_type_errors_name_the_function() {
    let rules = predicate(json!({"fn": "booleanEquals", "argv": [{"ref": "Input"}, true]}));
    assert_eq!(
        rules.resolve(&input("x")),
        Err(ResolveError::ArgumentType {
            function: "booleanEquals",
            position: 0,
            expected: "boolean",
            found: "string",
            location: "rules[0].conditions[0]".into()
        })
    );
    let rules = predicate(json!({"fn": "getAttr", "argv": [{"ref": "Input"}, "name"]}));
    let err = rules.resolve(&input("x")).unwrap_err().to_string();
    assert!(
        err.contains("`name` is not an attribute of a string"),
        "{err}"
    );
}

#[test]
fn a_template_needing_an_unset_value_is_an_error() {
    let rules = rule_set(json!([
        {"type": "endpoint", "conditions": [], "endpoint": {"url": "https://{Input}.test"}}
    ]));
    let err = rules.resolve(&Params::new()).unwrap_err();
    assert_eq!(
        err,
        ResolveError::UnsetValue {
            name: "Input".into(),
            location: "rules[0].endpoint.url".into()
        }
    );
}

#[test]
fn broken_documents_are_rejected_with_a_reason() {
    let cases = [
        ("not json", "rule set schema"),
        (
            r#"{"version": "1.0", "parameters": {}}"#,
            "missing field `rules`",
        ),
        (
            r#"{"version": "2.0", "parameters": {}, "rules": []}"#,
            "`2.0` is not supported",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "endpoint", "conditions": []}]}"#,
            "missing field `endpoint`",
        ),
        (
            r#"{"version": "1.0", "parameters": {}, "rules": [{"type": "error", "conditions": [{"fn": "split", "argv": ["a", "b", 0]}], "error": "x"}]}"#,
            "unknown rules-engine function `split`",
        ),
    ];
    for (json, expected) in cases {
        let err = RuleSet::from_json(json).unwrap_err().to_string();
        assert!(err.contains(expected), "expected {expected:?} in {err:?}");
    }
}

#[test]
fn rule_sets_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<RuleSet>();
    assert_send_sync::<Params>();
    assert_send_sync::<ResolveError>();
    assert_send_sync::<RuleSetError>();
}
