//! The `smithy.rules#endpointTests` trait: the test cases a model ships with
//! its rule set, and the check of a resolution against a case's `expect`.
//!
//! Resolution never uses this module; test runners do (this crate's tests of
//! the AWS models, and the operation-input tests `cargo xtask endpoint-tests`
//! generates), so that every runner reads cases and judges results alike.
//!
//! ```
//! use awsgen_endpoints::test_case::TestCase;
//! use awsgen_endpoints::RuleSet;
//! let rules = RuleSet::from_json(r#"{"version": "1.0",
//!     "parameters": {"Region": {"type": "String", "required": true}},
//!     "rules": [{"type": "endpoint", "conditions": [],
//!                "endpoint": {"url": "https://svc.{Region}.example.com"}}]}"#)?;
//! let case = TestCase::from_value(&serde_json::json!({
//!     "params": {"Region": "eu-west-1"},
//!     "expect": {"endpoint": {"url": "https://svc.eu-west-1.example.com"}}
//! }))?;
//! assert!(case.expect.check(&rules.resolve(&case.params())).is_ok());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod expectation;
mod param_value;

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::value::{Params, Value};

pub use expectation::{Expectation, ExpectedEndpoint, Mismatch};

/// The trait's ID on a service shape.
pub const TRAIT_ID: &str = "smithy.rules#endpointTests";

/// The trait's value. Cases are kept as JSON so that each is read on its
/// own ([`TestCase::from_value`]) and a malformed one fails alone.
#[derive(Debug, Clone, Deserialize)]
pub struct EndpointTests {
    /// The test-case format version (`"1.0"`).
    #[serde(rename = "version")]
    pub version: String,
    /// The cases, unread.
    #[serde(rename = "testCases", default)]
    pub test_cases: Vec<serde_json::Value>,
}

/// One test case.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    /// What the case is about.
    #[serde(rename = "documentation", default)]
    pub documentation: Option<String>,
    /// The rule-set parameters, by name.
    #[serde(
        rename = "params",
        default,
        deserialize_with = "param_value::deserialize_map"
    )]
    pub params: BTreeMap<String, Value>,
    /// The endpoint or error the parameters resolve to.
    #[serde(rename = "expect")]
    pub expect: Expectation,
    /// The same case as a client meets it: operations called with inputs
    /// and client settings, which must yield `expect` too.
    #[serde(rename = "operationInputs", default)]
    pub operation_inputs: Vec<OperationInput>,
}

impl TestCase {
    /// Reads one case of [`EndpointTests::test_cases`].
    pub fn from_value(value: &serde_json::Value) -> Result<TestCase, serde_json::Error> {
        TestCase::deserialize(value)
    }

    /// The case's `params` as resolution takes them.
    pub fn params(&self) -> Params {
        let mut params = Params::new();
        for (name, value) in &self.params {
            params.set(name.clone(), value.clone());
        }
        params
    }
}

/// An operation call that must resolve to the case's expectation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OperationInput {
    /// The operation's shape name, e.g. `DescribeTable`.
    #[serde(rename = "operationName")]
    pub operation_name: String,
    /// The input in model form (member names, blobs as text, timestamps as
    /// epoch seconds); absent means an empty input.
    #[serde(rename = "operationParams", default)]
    pub operation_params: Option<serde_json::Value>,
    /// Client settings, by built-in ID (`AWS::Region`, `SDK::Endpoint`, ...).
    #[serde(
        rename = "builtInParams",
        default,
        deserialize_with = "param_value::deserialize_map"
    )]
    pub built_in_params: BTreeMap<String, Value>,
    /// Values of the service's `clientContextParams`, by name.
    #[serde(
        rename = "clientParams",
        default,
        deserialize_with = "param_value::deserialize_map"
    )]
    pub client_params: BTreeMap<String, Value>,
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_a_case_with_operation_inputs() {
        let case = TestCase::from_value(&json!({
            "documentation": "d",
            "params": {"Region": "us-east-1", "UseFIPS": true, "Arns": ["a"]},
            "expect": {"error": "no"},
            "operationInputs": [{
                "operationName": "ListTables",
                "operationParams": {"Limit": 1},
                "builtInParams": {"AWS::Region": "us-east-1"}
            }]
        }))
        .unwrap();
        assert_eq!(case.documentation.as_deref(), Some("d"));
        assert_eq!(case.params().get("UseFIPS"), Some(&Value::Bool(true)));
        assert_eq!(
            case.params().get("Arns"),
            Some(&Value::StringArray(vec!["a".into()]))
        );
        assert_eq!(case.expect, Expectation::Error("no".into()));
        let [input] = case.operation_inputs.as_slice() else {
            panic!("one operation input");
        };
        assert_eq!(input.operation_name, "ListTables");
        assert_eq!(input.operation_params, Some(json!({"Limit": 1})));
        assert_eq!(
            input.built_in_params.get("AWS::Region"),
            Some(&Value::String("us-east-1".into()))
        );
        assert!(input.client_params.is_empty());
    }

    #[test]
    fn a_malformed_case_is_an_error_naming_what_is_wrong() {
        let number = TestCase::from_value(&json!({
            "params": {"Region": 1},
            "expect": {"error": "e"}
        }))
        .unwrap_err();
        assert!(
            number
                .to_string()
                .contains("a string, a boolean or a list of strings"),
            "{number}"
        );
        let neither = TestCase::from_value(&json!({"expect": {}})).unwrap_err();
        assert!(neither.to_string().contains("expect"), "{neither}");
        let typo = TestCase::from_value(&json!({"expect": {"error": "e"}, "param": {}}));
        assert!(typo.is_err());
    }
}
