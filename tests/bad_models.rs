//! Broken models: each ends in diagnostics that name the shape (and member)
//! at fault, never in a panic or in generated code. A model with several
//! independent problems reports all of them at once.

mod support;

#[path = "bad_models/defaults.rs"]
mod defaults;
#[path = "bad_models/pagination_waiters.rs"]
mod pagination_waiters;
#[path = "bad_models/recursion.rs"]
mod recursion;
#[path = "bad_models/trait_values.rs"]
mod trait_values;

use std::panic::{catch_unwind, AssertUnwindSafe};

use awsgen_codegen::{Diagnostic, Diagnostics, GenerateConfig, ModelSource, OperationSelection};
use serde_json::{json, Map, Value};

const NS: &str = "example.bad";

/// A valid model (service `Svc`, operation `Op` with input `OpInput`) with
/// `shapes` added or replacing shapes of the same ID.
fn model_with(shapes: Value) -> String {
    let mut all = Map::new();
    all.insert(
        format!("{NS}#Svc"),
        json!({
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": format!("{NS}#Op")}],
            "traits": {"aws.protocols#awsJson1_1": {}, "aws.auth#sigv4": {"name": "bad"}}
        }),
    );
    all.insert(
        format!("{NS}#Op"),
        json!({"type": "operation", "input": {"target": format!("{NS}#OpInput")}}),
    );
    all.insert(
        format!("{NS}#OpInput"),
        json!({
            "type": "structure",
            "members": {"name": {"target": "smithy.api#String"}},
            "traits": {"smithy.api#input": {}}
        }),
    );
    if let Value::Object(extra) = shapes {
        all.extend(extra);
    }
    json!({"smithy": "2.0", "shapes": all}).to_string()
}

/// `OpInput` with these members (so the shapes they target are in the closure).
fn input_members(members: Value) -> (String, Value) {
    (
        format!("{NS}#OpInput"),
        json!({"type": "structure", "members": members, "traits": {"smithy.api#input": {}}}),
    )
}

fn shapes(entries: Vec<(String, Value)>) -> Value {
    Value::Object(entries.into_iter().collect())
}

/// Loads and generates; the run must neither panic nor succeed.
fn errors_with(sources: &[ModelSource], config: &GenerateConfig) -> Diagnostics {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        support::generate_with(sources, config).map(|generated| generated.files.len())
    }));
    match outcome {
        Err(_) => panic!("the generator panicked on a broken model"),
        Ok(Ok(files)) => panic!("a broken model generated {files} files instead of failing"),
        Ok(Err(diagnostics)) => {
            assert!(
                diagnostics.has_errors(),
                "failed without an error:\n{diagnostics}"
            );
            diagnostics
        }
    }
}

fn errors(model: &str) -> Diagnostics {
    errors_with(
        &[ModelSource::new("bad.json", model)],
        &GenerateConfig::default(),
    )
}

/// The error about `subject` whose message contains `phrase`.
fn error_about<'d>(diagnostics: &'d Diagnostics, subject: &str, phrase: &str) -> &'d Diagnostic {
    diagnostics
        .items()
        .iter()
        .find(|d| d.is_error() && d.subject == subject && d.message.contains(phrase))
        .unwrap_or_else(|| {
            panic!("no error about `{subject}` saying {phrase:?}; got:\n{diagnostics}")
        })
}

#[test]
fn invalid_json_names_the_file() {
    let diagnostics = errors("{\"smithy\": \"2.0\", \"shapes\": {");
    error_about(&diagnostics, "bad.json", "not a Smithy JSON AST document");
}

#[test]
fn wrong_smithy_version_names_the_file_and_version() {
    let model = model_with(json!({})).replace("\"smithy\":\"2.0\"", "\"smithy\":\"3.0\"");
    let diagnostics = errors(&model);
    let d = error_about(&diagnostics, "bad.json", "unsupported Smithy version");
    assert!(d.message.contains("3.0"), "{d}");
}

#[test]
fn unknown_shape_type_names_the_shape() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Thing": {"type": "struct", "members": {}}
    })));
    let d = error_about(
        &diagnostics,
        "example.bad#Thing",
        "invalid shape definition",
    );
    assert!(d.message.contains("struct"), "{d}");
}

#[test]
fn dangling_member_target_names_the_member_and_target() {
    let (id, input) = input_members(json!({"name": {"target": "example.bad#Missing"}}));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    error_about(
        &diagnostics,
        "example.bad#OpInput$name",
        "`example.bad#Missing`",
    );
}

#[test]
fn dangling_operation_input_names_the_operation() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Op": {"type": "operation", "input": {"target": "example.bad#NoSuchInput"}}
    })));
    error_about(&diagnostics, "example.bad#Op", "`example.bad#NoSuchInput`");
}

#[test]
fn member_targeting_an_operation_names_the_member() {
    let (id, input) = input_members(json!({"op": {"target": "example.bad#Op"}}));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    error_about(&diagnostics, "example.bad#OpInput$op", "operation");
}

#[test]
fn map_key_targeting_an_integer_names_the_key() {
    let (id, input) = input_members(json!({"counts": {"target": "example.bad#Counts"}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Counts".to_owned(),
            json!({"type": "map", "key": {"target": "smithy.api#Integer"}, "value": {"target": "smithy.api#String"}}),
        ),
    ])));
    error_about(
        &diagnostics,
        "example.bad#Counts$key",
        "map keys must target a string",
    );
}

#[test]
fn member_names_differing_only_in_case_name_both() {
    let (id, input) = input_members(json!({
        "name": {"target": "smithy.api#String"},
        "Name": {"target": "smithy.api#String"}
    }));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    // Either member may be the one reported; the message names the other.
    let d = diagnostics
        .items()
        .iter()
        .find(|d| d.message.contains("case-insensitively unique"))
        .unwrap_or_else(|| panic!("no case clash reported:\n{diagnostics}"));
    let (reported, other) = match d.subject.as_str() {
        "example.bad#OpInput$name" => ("name", "`Name`"),
        "example.bad#OpInput$Name" => ("Name", "`name`"),
        _ => panic!("the clash is reported against another shape: {d}"),
    };
    assert!(d.message.contains(other), "{reported}: {d}");
}

#[test]
fn members_colliding_after_snake_case_name_both() {
    let (id, input) = input_members(json!({
        "fooBar": {"target": "smithy.api#String"},
        "foo_bar": {"target": "smithy.api#String"}
    }));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    let d = error_about(&diagnostics, "example.bad#OpInput$foo_bar", "`foo_bar`");
    assert!(d.message.contains("example.bad#OpInput$fooBar"), "{d}");
}

#[test]
fn shape_names_conflicting_across_namespaces_name_both() {
    let (id, input) = input_members(json!({
        "a": {"target": "example.bad#Thing"},
        "b": {"target": "example.other#Thing"}
    }));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Thing".to_owned(),
            json!({"type": "structure", "members": {}}),
        ),
        (
            "example.other#Thing".to_owned(),
            json!({"type": "structure", "members": {}}),
        ),
    ])));
    let d = error_about(&diagnostics, "example.other#Thing", "`Thing`");
    assert!(d.message.contains("example.bad#Thing"), "{d}");
}

#[test]
fn shape_names_colliding_after_pascal_case_name_both() {
    let (id, input) = input_members(json!({
        "a": {"target": "example.bad#fooBar"},
        "b": {"target": "example.bad#Foo_Bar"}
    }));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#fooBar".to_owned(),
            json!({"type": "structure", "members": {}}),
        ),
        (
            "example.bad#Foo_Bar".to_owned(),
            json!({"type": "enum", "members": {"A": {"target": "smithy.api#Unit"}}}),
        ),
    ])));
    let d = error_about(
        &diagnostics,
        "example.bad#fooBar",
        "Rust type name `FooBar`",
    );
    assert!(d.message.contains("example.bad#Foo_Bar"), "{d}");
}

#[test]
fn mixin_cycle_names_a_shape_of_the_cycle() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#A": {"type": "structure", "mixins": [{"target": "example.bad#B"}], "members": {}, "traits": {"smithy.api#mixin": {}}},
        "example.bad#B": {"type": "structure", "mixins": [{"target": "example.bad#A"}], "members": {}, "traits": {"smithy.api#mixin": {}}}
    })));
    let cycle = diagnostics
        .items()
        .iter()
        .find(|d| d.message.contains("cycle"))
        .unwrap_or_else(|| panic!("no cycle reported:\n{diagnostics}"));
    assert!(
        cycle.subject == "example.bad#A" || cycle.subject == "example.bad#B",
        "{cycle}"
    );
}

#[test]
fn apply_to_a_missing_shape_names_the_target() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Nowhere": {"type": "apply", "traits": {"smithy.api#documentation": "lost"}}
    })));
    error_about(&diagnostics, "example.bad#Nowhere", "does not exist");
}

#[test]
fn apply_to_a_missing_member_names_the_member() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#OpInput$nope": {"type": "apply", "traits": {"smithy.api#documentation": "lost"}}
    })));
    error_about(
        &diagnostics,
        "example.bad#OpInput$nope",
        "member that does not exist",
    );
}

#[test]
fn trait_with_a_wrong_value_type_names_the_member_and_trait() {
    let (id, input) = input_members(json!({
        "name": {"target": "smithy.api#String", "traits": {"smithy.api#length": {"min": "three"}}}
    }));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    error_about(
        &diagnostics,
        "example.bad#OpInput$name",
        "smithy.api#length",
    );
}

#[test]
fn enum_member_targeting_a_string_names_the_member() {
    let (id, input) = input_members(json!({"kind": {"target": "example.bad#Kind"}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Kind".to_owned(),
            json!({"type": "enum", "members": {"A": {"target": "smithy.api#String"}}}),
        ),
    ])));
    error_about(&diagnostics, "example.bad#Kind$A", "smithy.api#Unit");
}

#[test]
fn operation_error_without_the_error_trait_names_the_operation_and_shape() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Op": {
            "type": "operation",
            "input": {"target": "example.bad#OpInput"},
            "errors": [{"target": "example.bad#NotAnError"}]
        },
        "example.bad#NotAnError": {"type": "structure", "members": {}}
    })));
    error_about(&diagnostics, "example.bad#Op", "`example.bad#NotAnError`");
}

#[test]
fn unknown_operation_requested_names_the_service_and_operation() {
    let config = GenerateConfig {
        operations: OperationSelection::Named(vec!["Nope".to_owned()]),
        ..GenerateConfig::default()
    };
    let diagnostics = errors_with(
        &[ModelSource::new("bad.json", model_with(json!({})))],
        &config,
    );
    let d = error_about(&diagnostics, "example.bad#Svc", "`Nope`");
    assert!(
        d.message.contains("Op"),
        "the known operations are listed: {d}"
    );
}

#[test]
fn two_services_and_none_chosen_lists_both() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Other": {"type": "service", "version": "1", "traits": {"aws.protocols#awsJson1_1": {}}}
    })));
    let d = diagnostics
        .items()
        .iter()
        .find(|d| d.message.contains("several services"))
        .unwrap_or_else(|| panic!("no service ambiguity reported:\n{diagnostics}"));
    assert!(d.message.contains("example.bad#Svc"), "{d}");
    assert!(d.message.contains("example.bad#Other"), "{d}");
}

#[test]
fn union_without_members_names_the_union() {
    let (id, input) = input_members(json!({"choice": {"target": "example.bad#Choice"}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Choice".to_owned(),
            json!({"type": "union", "members": {}}),
        ),
    ])));
    error_about(&diagnostics, "example.bad#Choice", "at least one member");
}

#[test]
fn malformed_shape_id_names_the_file_and_the_id() {
    let diagnostics = errors(&model_with(json!({"not a shape id": {"type": "string"}})));
    error_about(&diagnostics, "bad.json", "`not a shape id`");
}

#[test]
fn host_prefix_label_without_a_member_names_the_operation() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Op": {
            "type": "operation",
            "input": {"target": "example.bad#OpInput"},
            "traits": {"smithy.api#endpoint": {"hostPrefix": "{account}.data."}}
        }
    })));
    error_about(&diagnostics, "example.bad#Op", "`account`");
}

#[test]
fn duplicate_enum_values_name_the_member() {
    let (id, input) = input_members(json!({"kind": {"target": "example.bad#Kind"}}));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Kind".to_owned(),
            json!({"type": "enum", "members": {
                "A": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}},
                "B": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "x"}}
            }}),
        ),
    ])));
    error_about(&diagnostics, "example.bad#Kind$B", "appears twice");
}

#[test]
fn operation_input_that_is_not_a_structure_names_the_operation() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Op": {"type": "operation", "input": {"target": "smithy.api#String"}}
    })));
    error_about(&diagnostics, "example.bad#Op", "must be a structure");
}

#[test]
fn invalid_timestamp_format_names_the_member() {
    let (id, input) = input_members(json!({
        "at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "iso"}}
    }));
    let diagnostics = errors(&model_with(shapes(vec![(id, input)])));
    error_about(
        &diagnostics,
        "example.bad#OpInput$at",
        "smithy.api#timestampFormat",
    );
}

#[test]
fn invalid_error_fault_names_the_error_shape() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Op": {
            "type": "operation",
            "input": {"target": "example.bad#OpInput"},
            "errors": [{"target": "example.bad#Oops"}]
        },
        "example.bad#Oops": {"type": "structure", "members": {}, "traits": {"smithy.api#error": "both"}}
    })));
    error_about(&diagnostics, "example.bad#Oops", "smithy.api#error");
}

#[test]
fn service_with_an_unsupported_protocol_names_the_service_and_the_protocol() {
    let diagnostics = errors(&model_with(json!({
        "example.bad#Svc": {
            "type": "service",
            "version": "1",
            "operations": [{"target": "example.bad#Op"}],
            "traits": {"smithy.protocols#rpcv2Json": {}}
        }
    })));
    error_about(
        &diagnostics,
        "example.bad#Svc",
        "smithy.protocols#rpcv2Json, which the generator does not support yet",
    );
    let diagnostics = errors(&model_with(json!({
        "example.bad#Svc": {
            "type": "service",
            "version": "1",
            "operations": [{"target": "example.bad#Op"}]
        }
    })));
    error_about(&diagnostics, "example.bad#Svc", "no protocol trait");
}

/// A default the member's type cannot hold must be reported, not wrapped
/// around into another number.
#[test]
fn default_out_of_range_for_the_member_type_names_the_member() {
    let struct_with = |target: &str, default: Value| {
        let (id, input) = input_members(json!({"holder": {"target": "example.bad#Holder"}}));
        model_with(shapes(vec![
            (id, input),
            (
                "example.bad#Holder".to_owned(),
                json!({"type": "structure", "members": {
                    "value": {"target": target, "traits": {"smithy.api#default": default}}
                }}),
            ),
        ]))
    };
    for (target, default) in [
        ("smithy.api#Byte", json!(300)),
        ("smithy.api#Short", json!(-40_000)),
        ("smithy.api#Integer", json!(5_000_000_000_i64)),
    ] {
        let diagnostics = errors(&struct_with(target, default.clone()));
        error_about(
            &diagnostics,
            "example.bad#Holder$value",
            &default.to_string(),
        );
    }
}

#[test]
fn three_independent_problems_are_reported_together() {
    let (id, input) = input_members(json!({
        "a": {"target": "example.bad#Missing"},
        "counts": {"target": "example.bad#Counts"},
        "choice": {"target": "example.bad#Choice"}
    }));
    let diagnostics = errors(&model_with(shapes(vec![
        (id, input),
        (
            "example.bad#Counts".to_owned(),
            json!({"type": "map", "key": {"target": "smithy.api#Long"}, "value": {"target": "smithy.api#String"}}),
        ),
        (
            "example.bad#Choice".to_owned(),
            json!({"type": "union", "members": {}}),
        ),
    ])));
    let errors: Vec<&Diagnostic> = diagnostics
        .items()
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert_eq!(
        errors.len(),
        3,
        "expected exactly three errors:\n{diagnostics}"
    );
    expect_test::expect![[r#"
        3 error(s), 0 warning(s):
          error: example.bad#Choice: a union needs at least one member
          error: example.bad#Counts$key: map keys must target a string or enum, not a long
          error: example.bad#OpInput$a: targets `example.bad#Missing`, which does not exist
    "#]]
    .assert_eq(&diagnostics.to_string());
}

#[test]
fn problems_in_several_files_are_reported_together() {
    let broken_json = ModelSource::new("first.json", "[");
    let wrong_version = ModelSource::new("second.json", r#"{"smithy": "9"}"#);
    let diagnostics = errors_with(&[broken_json, wrong_version], &GenerateConfig::default());
    error_about(&diagnostics, "first.json", "not a Smithy JSON AST document");
    error_about(&diagnostics, "second.json", "unsupported Smithy version");
}
