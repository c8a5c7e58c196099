//! Runs the `smithy.rules#endpointTests` cases of a Smithy JSON AST model
//! file against its `smithy.rules#endpointRuleSet`; shared by the tests of
//! the project's own ECR model and of the shared AWS models. Cases are read
//! and judged by `awsgen_endpoints::test_case`, as the generated
//! operation-input tests (`cargo xtask endpoint-tests`) judge theirs.

use std::fs;
use std::path::Path;

use awsgen_endpoints::test_case::{self, EndpointTests, TestCase};
use awsgen_endpoints::RuleSet;
use serde::Deserialize;
use serde_json::Value as Json;

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";

/// Cases passed, and a line per failing case.
#[derive(Default)]
pub struct Tally {
    pub passed: usize,
    pub failures: Vec<String>,
}

pub fn run_model(file: &Path, tally: &mut Tally) {
    let text = fs::read_to_string(file)
        .unwrap_or_else(|err| panic!("reading {} failed: {err}", file.display()));
    let model: Json = serde_json::from_str(&text)
        .unwrap_or_else(|err| panic!("{} is not JSON: {err}", file.display()));
    let Some(shapes) = model.get("shapes").and_then(Json::as_object) else {
        panic!("{} has no `shapes` object", file.display());
    };
    for (shape_id, shape) in shapes {
        let traits = shape.get("traits");
        let (Some(rule_set), Some(tests)) = (
            traits.and_then(|t| t.get(RULE_SET_TRAIT)),
            traits.and_then(|t| t.get(test_case::TRAIT_ID)),
        ) else {
            continue;
        };
        let rules = match RuleSet::from_value(rule_set) {
            Ok(rules) => rules,
            Err(err) => {
                tally
                    .failures
                    .push(format!("{shape_id}: rule set rejected: {err}"));
                continue;
            }
        };
        let tests = match EndpointTests::deserialize(tests) {
            Ok(tests) => tests,
            Err(err) => {
                tally
                    .failures
                    .push(format!("{shape_id}: endpoint tests unreadable: {err}"));
                continue;
            }
        };
        for (index, case) in tests.test_cases.iter().enumerate() {
            let doc = case
                .get("documentation")
                .and_then(Json::as_str)
                .unwrap_or("");
            match run_case(&rules, case) {
                Ok(()) => tally.passed += 1,
                Err(why) => tally.failures.push(format!("case #{index} ({doc}): {why}")),
            }
        }
    }
}

fn run_case(rules: &RuleSet, case: &Json) -> Result<(), String> {
    let case = TestCase::from_value(case).map_err(|err| format!("unreadable case: {err}"))?;
    case.expect
        .check(&rules.resolve(&case.params()))
        .map_err(|mismatch| mismatch.to_string())
}
