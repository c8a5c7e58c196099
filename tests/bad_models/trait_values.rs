//! Trait values of the wrong kind, or on shapes they do not apply to: each
//! is an error naming the shape or member that carries the trait, instead of
//! a trait silently ignored (or a check no value can pass).

use serde_json::{json, Value};

use super::{error_about, errors, input_members, model_with, shapes, NS};

/// The input has member `value` targeting `target` (with member `traits`),
/// plus `extra` shapes.
fn member_model(target: &str, traits: Value, extra: Value) -> String {
    let (id, input) = input_members(json!({"value": {"target": target, "traits": traits}}));
    let mut all = vec![(id, input)];
    if let Value::Object(extra) = extra {
        all.extend(extra);
    }
    model_with(shapes(all))
}

fn member_error(target: &str, traits: Value, phrase: &str) {
    let diagnostics = errors(&member_model(target, traits, json!({})));
    error_about(&diagnostics, &format!("{NS}#OpInput$value"), phrase);
}

#[test]
fn a_length_or_range_whose_min_exceeds_its_max_names_the_member() {
    member_error(
        "smithy.api#String",
        json!({"smithy.api#length": {"min": 5, "max": 2}}),
        "@length min 5 exceeds its max 2",
    );
    member_error(
        "smithy.api#Integer",
        json!({"smithy.api#range": {"min": 10, "max": -1}}),
        "@range min 10 exceeds its max -1",
    );
}

#[test]
fn a_length_whose_min_exceeds_its_max_names_the_shape_carrying_it() {
    let extra = json!({
        format!("{NS}#Name"): {"type": "string", "traits": {"smithy.api#length": {"min": 3, "max": 1}}}
    });
    let diagnostics = errors(&member_model(&format!("{NS}#Name"), json!({}), extra));
    error_about(
        &diagnostics,
        &format!("{NS}#Name"),
        "@length min 3 exceeds its max 1",
    );
}

#[test]
fn constraint_traits_on_shapes_they_do_not_apply_to_name_the_member() {
    member_error(
        "smithy.api#Integer",
        json!({"smithy.api#length": {"max": 3}}),
        "@length applies to strings, blobs, lists and maps, not to a member targeting an integer",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#range": {"max": 3}}),
        "@range applies to numbers, not to a member targeting a string",
    );
    member_error(
        "smithy.api#Long",
        json!({"smithy.api#pattern": "^a$"}),
        "@pattern applies to strings, not to a member targeting a long",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#uniqueItems": {}}),
        "@uniqueItems applies to lists, not to a member targeting a string",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#timestampFormat": "date-time"}),
        "@timestampFormat applies to timestamps, not to a member targeting a string",
    );
}

#[test]
fn sparse_on_a_structure_names_the_structure() {
    let extra = json!({
        format!("{NS}#Thing"): {"type": "structure", "members": {}, "traits": {"smithy.api#sparse": {}}}
    });
    let diagnostics = errors(&member_model(&format!("{NS}#Thing"), json!({}), extra));
    error_about(
        &diagnostics,
        &format!("{NS}#Thing"),
        "@sparse applies to lists and maps, not to a structure",
    );
}

#[test]
fn string_traits_with_other_values_name_the_member() {
    member_error(
        "smithy.api#String",
        json!({"smithy.api#jsonName": 5}),
        "smithy.api#jsonName",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#documentation": ["not", "text"]}),
        "smithy.api#documentation",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#pattern": 7}),
        "smithy.api#pattern",
    );
    member_error(
        "smithy.api#String",
        json!({"smithy.api#httpHeader": {"name": "x-a"}}),
        "smithy.api#httpHeader",
    );
}

#[test]
fn text_traits_of_the_service_and_operations_are_checked_too() {
    let diagnostics = errors(&model_with(json!({
        format!("{NS}#Svc"): {
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": format!("{NS}#Op")}],
            "traits": {
                "aws.protocols#awsJson1_1": {},
                "aws.auth#sigv4": {"name": "bad"},
                "smithy.api#title": 5
            }
        },
        format!("{NS}#Op"): {
            "type": "operation",
            "input": {"target": format!("{NS}#OpInput")},
            "traits": {"smithy.api#documentation": {"text": "x"}}
        }
    })));
    error_about(&diagnostics, &format!("{NS}#Svc"), "smithy.api#title");
    error_about(
        &diagnostics,
        &format!("{NS}#Op"),
        "smithy.api#documentation",
    );
}

#[test]
fn an_empty_enum_value_names_the_member() {
    let extra = json!({
        format!("{NS}#Kind"): {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": ""}},
            "B": {"target": "smithy.api#Unit"}
        }}
    });
    let diagnostics = errors(&member_model(&format!("{NS}#Kind"), json!({}), extra));
    error_about(
        &diagnostics,
        &format!("{NS}#Kind$A"),
        "an enum value cannot be empty",
    );
}

#[test]
fn a_smithy_1_enum_with_an_empty_or_repeated_value_names_the_shape() {
    let extra = json!({
        format!("{NS}#Legacy"): {"type": "string", "traits": {"smithy.api#enum": [
            {"value": "", "name": "EMPTY"},
            {"value": "a", "name": "A"},
            {"value": "a", "name": "AGAIN"}
        ]}}
    });
    let diagnostics = errors(&member_model(&format!("{NS}#Legacy"), json!({}), extra));
    error_about(
        &diagnostics,
        &format!("{NS}#Legacy"),
        "an enum value cannot be empty",
    );
    error_about(
        &diagnostics,
        &format!("{NS}#Legacy"),
        "the enum value `a` appears twice",
    );
}
