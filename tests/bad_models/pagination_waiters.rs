//! Broken `@paginated` and `smithy.waiters#waitable` traits: each is an error
//! on the operation that names the trait, the waiter or acceptor, and the
//! member path at fault.

use serde_json::{json, Value};

use super::{error_about, errors, model_with, NS};

/// `Op` with `traits`, an input with `nextToken`, `limit` and `required`, and
/// an output with `page.next`, `items` and `status`.
fn op_with(traits: Value) -> String {
    model_with(json!({
        format!("{NS}#Op"): {
            "type": "operation",
            "input": {"target": format!("{NS}#OpInput")},
            "output": {"target": format!("{NS}#OpOutput")},
            "traits": traits
        },
        format!("{NS}#OpInput"): {
            "type": "structure",
            "members": {
                "nextToken": {"target": "smithy.api#String"},
                "limit": {"target": "smithy.api#Integer"},
                "label": {"target": "smithy.api#String"},
                "required": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}
            },
            "traits": {"smithy.api#input": {}}
        },
        format!("{NS}#OpOutput"): {
            "type": "structure",
            "members": {
                "page": {"target": format!("{NS}#Page")},
                "items": {"target": format!("{NS}#Names")},
                "status": {"target": "smithy.api#String"},
                "count": {"target": "smithy.api#Integer"}
            },
            "traits": {"smithy.api#output": {}}
        },
        format!("{NS}#Page"): {
            "type": "structure",
            "members": {"next": {"target": "smithy.api#String"}}
        },
        format!("{NS}#Names"): {"type": "list", "member": {"target": "smithy.api#String"}}
    }))
}

fn paginated(trait_: Value) -> String {
    op_with(json!({"smithy.api#paginated": trait_}))
}

fn waiter(acceptors: Value) -> String {
    op_with(json!({"smithy.waiters#waitable": {"Done": {"acceptors": acceptors}}}))
}

fn status_is(path: &str, comparator: &str, expected: &str) -> Value {
    json!([{"state": "success", "matcher": {"output": {
        "path": path, "expected": expected, "comparator": comparator
    }}}])
}

const OP: &str = "example.bad#Op";

#[test]
fn input_token_that_is_not_a_member() {
    let d = errors(&paginated(
        json!({"inputToken": "cursor", "outputToken": "page.next"}),
    ));
    let e = error_about(&d, OP, "@paginated `inputToken`");
    assert!(e.message.contains("`cursor` is not a member"), "{e}");
}

#[test]
fn output_token_path_through_a_missing_member() {
    let d = errors(&paginated(
        json!({"inputToken": "nextToken", "outputToken": "page.nxt"}),
    ));
    let e = error_about(&d, OP, "@paginated `outputToken`");
    assert!(
        e.message.contains("`nxt`") && e.message.contains("example.bad#Page"),
        "{e}"
    );
}

#[test]
fn output_token_path_through_a_non_structure() {
    let d = errors(&paginated(
        json!({"inputToken": "nextToken", "outputToken": "status.next"}),
    ));
    error_about(&d, OP, "is not a structure");
}

#[test]
fn required_input_token() {
    let d = errors(&paginated(
        json!({"inputToken": "required", "outputToken": "page.next"}),
    ));
    error_about(&d, OP, "must be optional");
}

#[test]
fn missing_output_token_even_with_service_defaults() {
    let d = errors(&paginated(json!({"inputToken": "nextToken"})));
    error_about(&d, OP, "needs both `inputToken` and `outputToken`");
}

#[test]
fn token_types_that_differ() {
    let d = errors(&paginated(
        json!({"inputToken": "nextToken", "outputToken": "count"}),
    ));
    error_about(&d, OP, "different type");
}

#[test]
fn items_that_are_not_a_collection() {
    let d = errors(&paginated(json!({
        "inputToken": "nextToken", "outputToken": "page.next", "items": "status"
    })));
    error_about(&d, OP, "must be a list or a map");
}

#[test]
fn page_size_that_is_not_an_integer() {
    let d = errors(&paginated(json!({
        "inputToken": "nextToken", "outputToken": "page.next", "pageSize": "label"
    })));
    error_about(&d, OP, "must be an integer or a long");
}

#[test]
fn malformed_paginated_trait_names_the_field() {
    let d = errors(&paginated(json!({"inputToken": 7})));
    error_about(&d, OP, "smithy.api#paginated");
}

#[test]
fn waiter_path_through_a_missing_member() {
    let d = errors(&waiter(status_is("page.nxt", "stringEquals", "DONE")));
    let e = error_about(&d, OP, "waiter `Done`: acceptor 1");
    assert!(e.message.contains("`nxt`"), "{e}");
}

#[test]
fn waiter_path_that_is_not_jmespath() {
    let d = errors(&waiter(status_is("status[", "stringEquals", "DONE")));
    error_about(&d, OP, "not supported JMESPath");
}

#[test]
fn waiter_input_output_path_must_start_with_input_or_output() {
    let d = errors(&waiter(
        json!([{"state": "success", "matcher": {"inputOutput": {
            "path": "status", "expected": "DONE", "comparator": "stringEquals"
        }}}]),
    ));
    error_about(&d, OP, "must start with `input` or `output`");
}

#[test]
fn boolean_equals_needs_true_or_false() {
    let d = errors(&waiter(status_is("status", "booleanEquals", "yes")));
    error_about(&d, OP, "booleanEquals expects `true` or `false`");
}

#[test]
fn waiter_without_acceptors() {
    let d = errors(&waiter(json!([])));
    error_about(&d, OP, "has no acceptors");
}

#[test]
fn waiter_delays_out_of_order() {
    let d = errors(&op_with(json!({"smithy.waiters#waitable": {"Done": {
        "minDelay": 30, "maxDelay": 10,
        "acceptors": status_is("status", "stringEquals", "DONE")
    }}})));
    error_about(&d, OP, "maxDelay (10) is less than minDelay (30)");
    let d = errors(&op_with(json!({"smithy.waiters#waitable": {"Done": {
        "minDelay": 0, "acceptors": status_is("status", "stringEquals", "DONE")
    }}})));
    error_about(&d, OP, "minDelay is 0");
}

#[test]
fn matcher_with_an_unknown_kind_names_the_trait() {
    let d = errors(&waiter(
        json!([{"state": "success", "matcher": {"outputs": {}}}]),
    ));
    error_about(&d, OP, "smithy.waiters#waitable");
}

#[test]
fn every_broken_acceptor_is_reported_at_once() {
    let mut acceptors = status_is("page.nxt", "stringEquals", "x");
    if let (Value::Array(all), Value::Array(more)) = (
        &mut acceptors,
        status_is("status", "booleanEquals", "maybe"),
    ) {
        all.extend(more);
    }
    let d = errors(&waiter(acceptors));
    error_about(&d, OP, "acceptor 1");
    error_about(&d, OP, "acceptor 2");
}

#[test]
fn operation_context_param_path_that_is_not_jmespath() {
    let d = errors(&op_with(json!({"smithy.rules#operationContextParams": {
        "Names": {"path": "items[*"}
    }})));
    error_about(&d, OP, "operationContextParams `Names`");
}

#[test]
fn a_member_named_anywhere_in_a_path_must_exist_where_it_is_read() {
    // Not only plain member paths: function arguments and operands too.
    for path in ["length(stats) > `0`", "status == 'DONE' && !missing"] {
        let d = errors(&waiter(status_is(path, "booleanEquals", "true")));
        error_about(&d, OP, "is not a member of");
    }
    let d = errors(&op_with(json!({"smithy.rules#operationContextParams": {
        "Names": {"path": "pages[].next"}
    }})));
    error_about(
        &d,
        OP,
        "operationContextParams `Names`: `pages` (in `pages[].next`) is not a member",
    );
}

#[test]
fn static_context_param_of_an_unusable_type() {
    let d = errors(&op_with(json!({"smithy.rules#staticContextParams": {
        "Mode": {"value": 3}
    }})));
    error_about(&d, OP, "staticContextParams `Mode`");
}

/// An operation without an output gets an empty one from the generator; a
/// path into it names that, not a made-up shape ID.
#[test]
fn a_path_into_an_output_the_model_leaves_out_names_the_operation() {
    let model = model_with(json!({
        format!("{NS}#Op"): {
            "type": "operation",
            "input": {"target": format!("{NS}#OpInput")},
            "traits": {"smithy.api#paginated": {"inputToken": "name", "outputToken": "next"}}
        }
    }));
    let d = errors(&model);
    let e = error_about(&d, OP, "@paginated `outputToken`");
    assert!(
        e.message
            .contains("`next` (in `next`) is not a member of the output of `example.bad#Op`, which the model leaves empty"),
        "{e}"
    );
    assert!(!e.message.contains("$synthetic"), "{e}");
}
