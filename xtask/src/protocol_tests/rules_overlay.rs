//! The endpoint rules a suite's model leaves out. `restXml.AmazonS3`'s model
//! is the S3 service (same shape IDs) without its `smithy.rules#*` traits,
//! yet its cases are about where the rules send a request (virtual-hosted,
//! path-style, dual-stack and accelerate hosts). So that suite is loaded with
//! an `apply` overlay of those traits, taken from the official model in
//! `../shared/models`: the rule set and client context parameters on the
//! service, static and operation context parameters on its operations,
//! `contextParam` on their input members, for every shape both models have.

use anyhow::{anyhow, Context};
use awsgen_codegen::ModelSource;
use serde_json::{json, Map, Value};

/// Suites whose model lacks the rules, and the official model (under
/// `../shared/models`) that has them.
const RULES_FROM: &[(&str, &str)] = &[("restXml.AmazonS3", "restXml/s3-2006-03-01.json")];

/// The overlay for suite `stem`, if it is one that needs it.
pub fn overlay(stem: &str, suite_model: &str) -> anyhow::Result<Option<ModelSource>> {
    let Some((_, official)) = RULES_FROM.iter().find(|(suite, _)| *suite == stem) else {
        return Ok(None);
    };
    let path = crate::shared::shared_dir("protocol-tests")?
        .join("models")
        .join(official);
    let official_text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let applies = rules_applies(suite_model, &official_text)
        .with_context(|| format!("the rules of {} for {stem}", path.display()))?;
    let text = json!({"smithy": "2.0", "shapes": applies}).to_string();
    Ok(Some(ModelSource::new(
        format!("{official} (endpoint rules for {stem})"),
        text,
    )))
}

/// `apply` entries carrying the official model's `smithy.rules#*` traits to
/// the shapes and members the suite's model also has.
fn rules_applies(suite_model: &str, official_model: &str) -> anyhow::Result<Map<String, Value>> {
    let suite = shapes(suite_model)?;
    let official = shapes(official_model)?;
    let mut applies = Map::new();
    for (id, shape) in &official {
        let Some(ours) = suite.get(id) else {
            continue;
        };
        add_apply(&mut applies, id.clone(), shape.get("traits"));
        let (Some(members), Some(our_members)) = (
            shape.get("members").and_then(Value::as_object),
            ours.get("members").and_then(Value::as_object),
        ) else {
            continue;
        };
        for (name, member) in members {
            if our_members.contains_key(name) {
                add_apply(&mut applies, format!("{id}${name}"), member.get("traits"));
            }
        }
    }
    Ok(applies)
}

fn shapes(model: &str) -> anyhow::Result<Map<String, Value>> {
    let mut value: Value = serde_json::from_str(model).context("not JSON")?;
    match value.get_mut("shapes").map(Value::take) {
        Some(Value::Object(shapes)) => Ok(shapes),
        _ => Err(anyhow!("no `shapes` object")),
    }
}

/// Adds `apply` of the `smithy.rules#*` traits among `traits` to `target`.
fn add_apply(applies: &mut Map<String, Value>, target: String, traits: Option<&Value>) {
    let rules: Map<String, Value> = traits
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(trait_id, _)| trait_id.starts_with("smithy.rules#"))
        .map(|(trait_id, value)| (trait_id.clone(), value.clone()))
        .collect();
    if !rules.is_empty() {
        applies.insert(target, json!({"type": "apply", "traits": rules}));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_rules_traits_of_shared_shapes_and_members_are_applied() {
        let suite = r#"{"smithy": "2.0", "shapes": {
            "s#Svc": {"type": "service", "traits": {"smithy.api#title": "T"}},
            "s#In": {"type": "structure", "members": {"Bucket": {"target": "smithy.api#String"}}}
        }}"#;
        let official = r#"{"smithy": "2.0", "shapes": {
            "s#Svc": {"type": "service", "traits": {"smithy.rules#endpointRuleSet": {"version": "1.0"},
                                                   "smithy.api#title": "Official"}},
            "s#In": {"type": "structure", "members": {
                "Bucket": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {"name": "Bucket"}}},
                "Other": {"target": "smithy.api#String", "traits": {"smithy.rules#contextParam": {"name": "X"}}}}},
            "s#NotInSuite": {"type": "operation", "traits": {"smithy.rules#staticContextParams": {}}}
        }}"#;
        let applies = rules_applies(suite, official).unwrap();
        let keys: Vec<&str> = applies.keys().map(String::as_str).collect();
        assert_eq!(keys, ["s#In$Bucket", "s#Svc"]);
        assert_eq!(
            applies["s#Svc"],
            json!({"type": "apply", "traits": {"smithy.rules#endpointRuleSet": {"version": "1.0"}}})
        );
        assert!(rules_applies("[]", official).is_err());
    }
}
