//! `@default` values of the wrong kind for their member: each is an error
//! naming the member (or the shape whose `@default` it inherits) and the
//! value, never a field quietly left optional, and never a panic.

use serde_json::{json, Value};

use super::{error_about, errors, input_members, model_with, shapes, NS};

/// A plain structure `Holder` (reachable from the input) whose member
/// `value` targets `target` with `@default(default)`, plus `extra` shapes.
fn holder_with(target: &str, default: Value, extra: Value) -> String {
    let (id, input) = input_members(json!({"holder": {"target": format!("{NS}#Holder")}}));
    let mut all = vec![
        (id, input),
        (
            format!("{NS}#Holder"),
            json!({"type": "structure", "members": {
                "value": {"target": target, "traits": {"smithy.api#default": default}}
            }}),
        ),
    ];
    if let Value::Object(extra) = extra {
        all.extend(extra);
    }
    model_with(shapes(all))
}

/// The error about `Holder$value` names the value and says what is wrong.
fn default_error(target: &str, default: Value, extra: Value, phrase: &str) {
    let diagnostics = errors(&holder_with(target, default.clone(), extra));
    let d = error_about(
        &diagnostics,
        &format!("{NS}#Holder$value"),
        &format!("@default {default}"),
    );
    assert!(d.message.contains(phrase), "{d}");
}

#[test]
fn a_default_of_the_wrong_json_kind_names_the_member() {
    for (target, default, phrase) in [
        ("smithy.api#String", json!(5), "it must be a string"),
        ("smithy.api#Boolean", json!("yes"), "it must be a boolean"),
        ("smithy.api#Integer", json!(1.5), "integer"),
        ("smithy.api#Integer", json!("1"), "it must be an integer"),
        ("smithy.api#Double", json!("lots"), "\"NaN\""),
        ("smithy.api#Double", json!(true), "it must be a number"),
        (
            "smithy.api#Timestamp",
            json!(true),
            "epoch seconds or a date-time string",
        ),
        ("smithy.api#Timestamp", json!("yesterday"), "date-time"),
        ("smithy.api#BigInteger", json!(2.5), "it must be an integer"),
        ("smithy.api#BigDecimal", json!("1.5"), "it must be a number"),
    ] {
        default_error(target, default, json!({}), phrase);
    }
}

#[test]
fn a_blob_default_must_be_base64() {
    default_error("smithy.api#Blob", json!("not base64!"), json!({}), "base64");
    default_error("smithy.api#Blob", json!(12), json!({}), "base64");
}

#[test]
fn a_float_default_beyond_f32_is_an_error_not_a_panic() {
    // `1e39` as an `f32` is infinite, which no float literal can spell.
    default_error("smithy.api#Float", json!(1e39), json!({}), "32-bit");
}

#[test]
fn a_big_integer_default_beyond_what_json_numbers_carry_exactly_is_refused() {
    default_error(
        "smithy.api#BigInteger",
        json!(1e30),
        json!({}),
        "not read exactly",
    );
}

#[test]
fn list_and_map_defaults_are_limited_to_what_smithy_allows() {
    let extra = json!({
        format!("{NS}#Names"): {"type": "list", "member": {"target": "smithy.api#String"}},
        format!("{NS}#Counts"): {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#Integer"}}
    });
    default_error(
        &format!("{NS}#Names"),
        json!(["a"]),
        extra.clone(),
        "only default to []",
    );
    default_error(
        &format!("{NS}#Counts"),
        json!({"a": 1}),
        extra,
        "only default to {}",
    );
}

#[test]
fn an_enum_default_must_be_one_of_its_values() {
    let extra = json!({
        format!("{NS}#Kind"): {"type": "enum", "members": {
            "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "a"}}
        }},
        format!("{NS}#Level"): {"type": "intEnum", "members": {
            "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}}
        }}
    });
    default_error(&format!("{NS}#Kind"), json!("A"), extra.clone(), "\"a\"");
    default_error(
        &format!("{NS}#Kind"),
        json!(1),
        extra.clone(),
        "it must be a string",
    );
    default_error(&format!("{NS}#Level"), json!(2), extra.clone(), "1");
    default_error(
        &format!("{NS}#Level"),
        json!("LOW"),
        extra,
        "it must be an integer",
    );
}

#[test]
fn a_structure_or_union_cannot_have_a_default() {
    let extra = json!({
        format!("{NS}#Inner"): {"type": "structure", "members": {}}
    });
    default_error(&format!("{NS}#Inner"), json!({}), extra, "no default");
}

#[test]
fn a_streaming_blob_defaults_only_to_the_empty_stream() {
    let model = json!({
        format!("{NS}#Svc"): {
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": format!("{NS}#Op")}],
            "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "bad"}}
        },
        format!("{NS}#Op"): {
            "type": "operation",
            "input": {"target": format!("{NS}#OpInput")},
            "traits": {"smithy.api#http": {"method": "PUT", "uri": "/"}}
        },
        format!("{NS}#OpInput"): {
            "type": "structure",
            "members": {"body": {
                "target": format!("{NS}#Stream"),
                "traits": {"smithy.api#httpPayload": {}, "smithy.api#default": "YWJj"}
            }},
            "traits": {"smithy.api#input": {}}
        },
        format!("{NS}#Stream"): {"type": "blob", "traits": {"smithy.api#streaming": {}}}
    });
    let diagnostics = errors(&json!({"smithy": "2.0", "shapes": model}).to_string());
    error_about(
        &diagnostics,
        &format!("{NS}#OpInput$body"),
        "the empty stream",
    );
}

/// An input member's default is checked too, though the field is optional.
#[test]
fn a_wrong_default_on_an_input_member_is_still_reported() {
    let (id, input) = input_members(json!({
        "count": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": "ten"}}
    }));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    error_about(
        &diagnostics,
        &format!("{NS}#OpInput$count"),
        "@default \"ten\"",
    );
}

#[test]
fn a_member_default_must_repeat_its_targets_default() {
    let extra = json!({
        format!("{NS}#Zero"): {"type": "integer", "traits": {"smithy.api#default": 0}}
    });
    default_error(
        &format!("{NS}#Zero"),
        json!(1),
        extra,
        "differs from the @default 0",
    );
    // The target's own default is checked where it sits.
    let extra = json!({
        format!("{NS}#Wrong"): {"type": "integer", "traits": {"smithy.api#default": "zero"}}
    });
    let (id, input) = input_members(json!({"holder": {"target": format!("{NS}#Holder")}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            format!("{NS}#Holder"),
            json!({"type": "structure", "members": {"value": {"target": format!("{NS}#Wrong")}}}),
        ),
        (format!("{NS}#Wrong"), extra[format!("{NS}#Wrong")].clone()),
    ])));
    error_about(&diagnostics, &format!("{NS}#Wrong"), "@default \"zero\"");
}
