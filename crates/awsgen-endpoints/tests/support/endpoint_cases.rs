//! Runs the `smithy.rules#endpointTests` cases of a Smithy JSON AST model
//! file against its `smithy.rules#endpointRuleSet`; shared by the tests of
//! the project's own ECR model and of the shared AWS models.

use std::fs;
use std::path::Path;

use awsgen_endpoints::{Params, ResolveError, RuleSet, Value};
use serde_json::Value as Json;

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

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
            traits.and_then(|t| t.get(TESTS_TRAIT)),
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
        let cases = tests.get("testCases").and_then(Json::as_array);
        for (index, case) in cases.into_iter().flatten().enumerate() {
            match run_case(&rules, case) {
                Ok(()) => tally.passed += 1,
                Err(why) => {
                    let doc = case
                        .get("documentation")
                        .and_then(Json::as_str)
                        .unwrap_or("");
                    tally.failures.push(format!("case #{index} ({doc}): {why}"));
                }
            }
        }
    }
}

fn run_case(rules: &RuleSet, case: &Json) -> Result<(), String> {
    let params = params_from_json(case.get("params"))?;
    let expect = case.get("expect").ok_or("the case has no `expect`")?;
    let result = rules.resolve(&params);
    if let Some(expected_error) = expect.get("error") {
        let expected_error = expected_error
            .as_str()
            .ok_or("`expect.error` is not a string")?;
        return match result {
            Err(ResolveError::Rule(message)) if message == expected_error => Ok(()),
            Err(other) => Err(format!(
                "expected error {expected_error:?}, got error {other:?}"
            )),
            Ok(endpoint) => Err(format!(
                "expected error {expected_error:?}, got {}",
                endpoint.url
            )),
        };
    }
    let expected = expect
        .get("endpoint")
        .ok_or("`expect` has neither `error` nor `endpoint`")?;
    let endpoint = result.map_err(|err| format!("expected an endpoint, got error: {err}"))?;
    let expected_url = expected
        .get("url")
        .and_then(Json::as_str)
        .ok_or("no expected url")?;
    if endpoint.url != expected_url {
        return Err(format!(
            "url: expected {expected_url}, got {}",
            endpoint.url
        ));
    }
    if let Some(expected_headers) = expected.get("headers") {
        let headers = serde_json::to_value(&endpoint.headers).map_err(|e| e.to_string())?;
        if &headers != expected_headers {
            return Err(format!(
                "headers: expected {expected_headers}, got {headers}"
            ));
        }
    }
    if let Some(expected_properties) = expected.get("properties") {
        if &endpoint.properties != expected_properties {
            return Err(format!(
                "properties: expected {expected_properties}, got {}",
                endpoint.properties
            ));
        }
    }
    Ok(())
}

/// A test case's `params` object (absent means no parameters).
fn params_from_json(params: Option<&Json>) -> Result<Params, String> {
    let mut out = Params::new();
    let Some(params) = params else {
        return Ok(out);
    };
    let object = params.as_object().ok_or("`params` is not an object")?;
    for (name, value) in object {
        let value = match value {
            Json::String(s) => Value::String(s.clone()),
            Json::Bool(b) => Value::Bool(*b),
            Json::Array(items) => Value::StringArray(
                items
                    .iter()
                    .map(|item| item.as_str().map(str::to_owned))
                    .collect::<Option<_>>()
                    .ok_or_else(|| format!("param {name}: array of non-strings"))?,
            ),
            other => return Err(format!("param {name}: unsupported value {other}")),
        };
        out.set(name.clone(), value);
    }
    Ok(out)
}
