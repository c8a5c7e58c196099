//! Types no value can have: a cycle through `@required` members, or a union
//! whose every member leads back to it, is an error naming the cycle.
//! Recursion an absent member, an empty list or an empty map can end is fine.

use serde_json::{json, Value};

use super::{error_about, errors, input_members, model_with, shapes, support, NS};

/// The input refers to `A`; `extra` holds the shapes.
fn model_reaching_a(extra: Value) -> String {
    let (id, input) = input_members(json!({"a": {"target": format!("{NS}#A")}}));
    let mut all = vec![(id, input)];
    if let Value::Object(extra) = extra {
        all.extend(extra);
    }
    model_with(shapes(all))
}

fn required(target: &str) -> Value {
    json!({"target": format!("{NS}#{target}"), "traits": {"smithy.api#required": {}}})
}

#[test]
fn structures_requiring_each_other_name_the_cycle() {
    let diagnostics = errors(&model_reaching_a(json!({
        format!("{NS}#A"): {"type": "structure", "members": {"name": {"target": "smithy.api#String"}, "b": required("B")}},
        format!("{NS}#B"): {"type": "structure", "members": {"a": required("A")}}
    })));
    error_about(
        &diagnostics,
        &format!("{NS}#A"),
        "`example.bad#A$b` > `example.bad#B$a` > `example.bad#A`",
    );
    // One cycle, one error.
    assert_eq!(
        diagnostics.items().iter().filter(|d| d.is_error()).count(),
        1,
        "{diagnostics}"
    );
}

#[test]
fn a_structure_requiring_itself_names_the_member() {
    let diagnostics = errors(&model_reaching_a(json!({
        format!("{NS}#A"): {"type": "structure", "members": {"me": required("A")}}
    })));
    error_about(
        &diagnostics,
        &format!("{NS}#A"),
        "`example.bad#A$me` > `example.bad#A`",
    );
}

#[test]
fn a_union_whose_only_member_is_itself_names_the_cycle() {
    let diagnostics = errors(&model_reaching_a(json!({
        format!("{NS}#A"): {"type": "union", "members": {"again": {"target": format!("{NS}#A")}}}
    })));
    error_about(
        &diagnostics,
        &format!("{NS}#A"),
        "`example.bad#A$again` > `example.bad#A`",
    );
}

#[test]
fn a_structure_requiring_a_union_that_only_leads_back_names_both() {
    let diagnostics = errors(&model_reaching_a(json!({
        format!("{NS}#A"): {"type": "structure", "members": {"choice": required("U")}},
        format!("{NS}#U"): {"type": "union", "members": {"a": {"target": format!("{NS}#A")}, "u": {"target": format!("{NS}#U")}}}
    })));
    error_about(
        &diagnostics,
        &format!("{NS}#A"),
        "`example.bad#A$choice` > `example.bad#U$a` > `example.bad#A`",
    );
}

/// A shape that needs a shape of a cycle has no value either, but the one
/// thing to fix is the cycle: it alone is reported.
#[test]
fn a_shape_requiring_a_cycle_is_not_reported_on_its_own() {
    let (id, input) = input_members(json!({"outer": {"target": format!("{NS}#Outer")}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            format!("{NS}#Outer"),
            json!({"type": "structure", "members": {"a": required("A")}}),
        ),
        (
            format!("{NS}#A"),
            json!({"type": "structure", "members": {"b": required("B")}}),
        ),
        (
            format!("{NS}#B"),
            json!({"type": "structure", "members": {"a": required("A")}}),
        ),
    ])));
    let errors: Vec<_> = diagnostics
        .items()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(errors.len(), 1, "{diagnostics}");
    assert_eq!(errors[0].subject, format!("{NS}#A"));
}

#[test]
fn recursion_an_optional_member_a_list_a_map_or_another_union_member_ends_generates() {
    let model = model_reaching_a(json!({
        format!("{NS}#A"): {"type": "structure", "members": {
            "optional": {"target": format!("{NS}#A")},
            "list": required("AList"),
            "map": required("AMap"),
            "choice": required("U")
        }},
        format!("{NS}#AList"): {"type": "list", "member": {"target": format!("{NS}#A")}},
        format!("{NS}#AMap"): {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": format!("{NS}#A")}},
        format!("{NS}#U"): {"type": "union", "members": {"a": {"target": format!("{NS}#A")}, "leaf": {"target": "smithy.api#Unit"}}}
    }));
    let generated =
        support::load_and_generate(&[awsgen_codegen::ModelSource::new("recursive.json", model)]);
    if let Err(diagnostics) = generated {
        panic!("recursion that can end must generate:\n{diagnostics}");
    }
}
