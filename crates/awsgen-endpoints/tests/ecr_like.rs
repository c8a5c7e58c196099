//! A rule set shaped like ECR's (written for this crate, in
//! `fixtures/ecr-like-ruleset.json`), resolved for the cases the transport
//! depends on. Runs without `../shared`.

use awsgen_endpoints::{ParameterType, Params, ResolveError, RuleSet, Value};

fn rules() -> RuleSet {
    match RuleSet::from_json(include_str!("fixtures/ecr-like-ruleset.json")) {
        Ok(rules) => rules,
        Err(err) => panic!("the fixture rule set is rejected: {err}"),
    }
}

fn url(params: Params) -> String {
    match rules().resolve(&params) {
        Ok(endpoint) => endpoint.url,
        Err(err) => panic!("expected an endpoint, got: {err}"),
    }
}

fn rule_error(params: Params) -> String {
    match rules().resolve(&params) {
        Err(ResolveError::Rule(message)) => message,
        other => panic!("expected a rule error, got {other:?}"),
    }
}

fn region(region: &str) -> Params {
    Params::new().with("Region", region)
}

#[test]
fn regional_endpoint() {
    assert_eq!(
        url(region("us-east-1")),
        "https://api.ecr.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url(region("cn-north-1")),
        "https://api.ecr.cn-north-1.amazonaws.com.cn"
    );
    assert_eq!(
        url(region("us-iso-east-1")),
        "https://api.ecr.us-iso-east-1.c2s.ic.gov"
    );
}

#[test]
fn fips_endpoint_has_no_api_label_in_aws_and_govcloud() {
    assert_eq!(
        url(region("us-east-1").with("UseFIPS", true)),
        "https://ecr-fips.us-east-1.amazonaws.com"
    );
    assert_eq!(
        url(region("us-gov-west-1").with("UseFIPS", true)),
        "https://ecr-fips.us-gov-west-1.amazonaws.com"
    );
    assert_eq!(
        url(region("cn-north-1").with("UseFIPS", true)),
        "https://api.ecr-fips.cn-north-1.amazonaws.com.cn"
    );
}

#[test]
fn dual_stack_endpoint() {
    assert_eq!(
        url(region("us-east-1").with("UseDualStack", true)),
        "https://api.ecr.us-east-1.api.aws"
    );
    assert_eq!(
        url(region("us-east-1")
            .with("UseDualStack", true)
            .with("UseFIPS", true)),
        "https://api.ecr-fips.us-east-1.api.aws"
    );
}

#[test]
fn dual_stack_is_refused_in_the_pinned_iso_partitions() {
    assert_eq!(
        rule_error(region("us-isob-east-1").with("UseDualStack", true)),
        "DualStack is enabled but this partition does not support DualStack"
    );
    assert_eq!(
        rule_error(
            region("us-iso-east-1")
                .with("UseDualStack", true)
                .with("UseFIPS", true)
        ),
        "FIPS and DualStack are enabled, but this partition does not support one or both"
    );
}

#[test]
fn custom_endpoint_is_kept_verbatim_with_its_path() {
    let custom = "https://example.com:8443/registry/v1";
    assert_eq!(url(region("us-east-1").with("Endpoint", custom)), custom);
    // Region is not needed with a custom endpoint.
    assert_eq!(url(Params::new().with("Endpoint", custom)), custom);
}

#[test]
fn custom_endpoint_with_fips_or_dual_stack_is_an_error() {
    assert_eq!(
        rule_error(
            region("us-east-1")
                .with("Endpoint", "https://example.com")
                .with("UseFIPS", true)
        ),
        "Invalid Configuration: FIPS and custom endpoint are not supported"
    );
    assert_eq!(
        rule_error(
            Params::new()
                .with("Endpoint", "https://example.com")
                .with("UseDualStack", true)
        ),
        "Invalid Configuration: Dualstack and custom endpoint are not supported"
    );
}

#[test]
fn missing_region_is_the_rule_sets_own_error() {
    assert_eq!(
        rule_error(Params::new()),
        "Invalid Configuration: Missing Region"
    );
}

#[test]
fn endpoint_has_no_headers_or_properties() {
    let endpoint = rules()
        .resolve(&region("eu-west-1"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(endpoint.headers.is_empty());
    assert_eq!(endpoint.properties, serde_json::json!({}));
}

#[test]
fn parameters_carry_their_metadata() {
    let rules = rules();
    let names: Vec<&str> = rules.parameters().map(|p| p.name()).collect();
    assert_eq!(names, ["Endpoint", "Region", "UseDualStack", "UseFIPS"]);
    let fips = rules
        .parameter("UseFIPS")
        .unwrap_or_else(|| panic!("no UseFIPS"));
    assert_eq!(fips.built_in(), Some("AWS::UseFIPS"));
    assert_eq!(fips.parameter_type(), ParameterType::Boolean);
    assert!(fips.required());
    assert_eq!(fips.default(), Some(&Value::Bool(false)));
    let region = rules
        .parameter("Region")
        .unwrap_or_else(|| panic!("no Region"));
    assert!(!region.required());
    assert_eq!(region.default(), None);
}

#[test]
fn a_wrongly_typed_or_unknown_parameter_is_refused() {
    assert_eq!(
        rules().resolve(&Params::new().with("UseFIPS", "yes")),
        Err(ResolveError::ParameterType {
            name: "UseFIPS".into(),
            expected: "boolean",
            found: "string"
        })
    );
    assert_eq!(
        rules().resolve(&region("us-east-1").with("UseFips", true)),
        Err(ResolveError::UnknownParameter {
            name: "UseFips".into()
        })
    );
}
