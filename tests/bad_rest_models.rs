//! Broken or unexpressible HTTP bindings of restJson1 models: each is an
//! error naming the operation or member, never a panic or a wrong request.

mod support;

use std::panic::{catch_unwind, AssertUnwindSafe};

use awsgen_codegen::{Diagnostics, GenerateConfig, ModelSource};
use serde_json::{json, Value};

const NS: &str = "example.rest";

/// A restJson1 service with one operation `Op` whose `@http` trait is
/// `http` and whose input has `members`.
fn model(http: Value, members: Value, extra: Value) -> String {
    let mut shapes = json!({
        format!("{NS}#Svc"): {
            "type": "service",
            "version": "2024-01-01",
            "operations": [{"target": format!("{NS}#Op")}],
            "traits": {"aws.protocols#restJson1": {}, "aws.auth#sigv4": {"name": "rest"}}
        },
        format!("{NS}#Op"): {
            "type": "operation",
            "input": {"target": format!("{NS}#OpInput")},
            "traits": {"smithy.api#http": http}
        },
        format!("{NS}#OpInput"): {
            "type": "structure",
            "members": members,
            "traits": {"smithy.api#input": {}}
        }
    });
    if let (Value::Object(all), Value::Object(extra)) = (&mut shapes, extra) {
        all.extend(extra);
    }
    json!({"smithy": "2.0", "shapes": shapes}).to_string()
}

/// Loads and generates; the run must neither panic nor succeed.
fn errors(model: &str) -> Diagnostics {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        support::generate_with(
            &[ModelSource::new("rest.json", model)],
            &GenerateConfig::default(),
        )
        .map(|generated| generated.files.len())
    }));
    match outcome {
        Err(_) => panic!("the generator panicked on a broken model"),
        Ok(Ok(files)) => panic!("a broken model generated {files} files instead of failing"),
        Ok(Err(diagnostics)) => diagnostics,
    }
}

fn assert_error(diagnostics: &Diagnostics, subject: &str, phrase: &str) {
    assert!(
        diagnostics
            .items()
            .iter()
            .any(|d| d.is_error() && d.subject == subject && d.message.contains(phrase)),
        "no error about `{subject}` saying {phrase:?}; got:\n{diagnostics}"
    );
}

#[test]
fn an_operation_without_http_is_named() {
    let model = model(Value::Null, json!({}), json!({}));
    let without = model.replace(r#""smithy.api#http":null"#, "");
    assert_error(
        &errors(&without),
        &format!("{NS}#Op"),
        "needs the @http trait",
    );
}

#[test]
fn a_uri_label_without_its_member_and_a_label_member_without_its_label_are_named() {
    let model = model(
        json!({"method": "GET", "uri": "/things/{name}"}),
        json!({"id": {"target": "smithy.api#String", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}),
        json!({}),
    );
    let diagnostics = errors(&model);
    assert_error(&diagnostics, &format!("{NS}#Op"), "has label `name`");
    assert_error(
        &diagnostics,
        &format!("{NS}#Op"),
        "input member `id` has @httpLabel",
    );
}

#[test]
fn a_header_bound_to_a_structure_is_named() {
    let model = model(
        json!({"method": "POST", "uri": "/things"}),
        json!({"nested": {"target": format!("{NS}#Nested"), "traits": {"smithy.api#httpHeader": "X-Nested"}}}),
        json!({format!("{NS}#Nested"): {"type": "structure", "members": {}}}),
    );
    assert_error(
        &errors(&model),
        &format!("{NS}#OpInput$nested"),
        "which the generator cannot express",
    );
}

#[test]
fn a_header_name_that_is_not_an_http_token_is_named_not_a_panic() {
    for name in ["X Spaced", "X-Colon:", "", "X-\u{e9}t\u{e9}"] {
        let model = model(
            json!({"method": "POST", "uri": "/things"}),
            json!({"value": {"target": "smithy.api#String", "traits": {"smithy.api#httpHeader": name}}}),
            json!({}),
        );
        assert_error(
            &errors(&model),
            &format!("{NS}#OpInput$value"),
            "is not a valid HTTP header name",
        );
    }
}

#[test]
fn a_prefix_that_cannot_start_a_header_name_is_named() {
    let model = model(
        json!({"method": "POST", "uri": "/things"}),
        json!({"meta": {"target": format!("{NS}#Meta"), "traits": {"smithy.api#httpPrefixHeaders": "X-Meta "}}}),
        json!({format!("{NS}#Meta"): {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}}}),
    );
    assert_error(
        &errors(&model),
        &format!("{NS}#OpInput$meta"),
        "cannot start an HTTP header name",
    );
}

#[test]
fn an_unknown_method_is_named() {
    let model = model(
        json!({"method": "BREW", "uri": "/pot"}),
        json!({}),
        json!({}),
    );
    assert_error(&errors(&model), &format!("{NS}#Op"), "`BREW`");
}

#[test]
fn a_greedy_label_on_a_number_is_named() {
    let model = model(
        json!({"method": "GET", "uri": "/n/{count+}"}),
        json!({"count": {"target": "smithy.api#Integer", "traits": {"smithy.api#httpLabel": {}, "smithy.api#required": {}}}}),
        json!({}),
    );
    assert_error(
        &errors(&model),
        &format!("{NS}#Op"),
        "must be bound to a string",
    );
}

#[test]
fn two_members_with_one_json_key_are_named_and_swapped_keys_are_not() {
    // `a` is written `b`, which is `b`'s own key; in the union `p` takes `q`'s.
    let colliding = model(
        json!({"method": "POST", "uri": "/op"}),
        json!({
            "a": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "b"}},
            "b": {"target": "smithy.api#String"},
            "u": {"target": format!("{NS}#U")}
        }),
        json!({format!("{NS}#U"): {"type": "union", "members": {
            "p": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "q"}},
            "q": {"target": "smithy.api#Integer"}
        }}}),
    );
    let diagnostics = errors(&colliding);
    assert_error(
        &diagnostics,
        &format!("{NS}#OpInput$b"),
        &format!("its JSON key `b` is also the key of `{NS}#OpInput$a`"),
    );
    assert_error(
        &diagnostics,
        &format!("{NS}#U$q"),
        &format!("its JSON key `q` is also the key of `{NS}#U$p`"),
    );

    // API Gateway's PutIntegration: the label `httpMethod` is written
    // `requestHttpMethod` so that `integrationHttpMethod` can be `httpMethod`.
    let swapped = model(
        json!({"method": "PUT", "uri": "/integration/{httpMethod}"}),
        json!({
            "httpMethod": {"target": "smithy.api#String", "traits": {
                "smithy.api#httpLabel": {}, "smithy.api#required": {},
                "smithy.api#jsonName": "requestHttpMethod"
            }},
            "integrationHttpMethod": {"target": "smithy.api#String", "traits": {"smithy.api#jsonName": "httpMethod"}}
        }),
        json!({}),
    );
    if let Err(diagnostics) = support::generate_with(
        &[ModelSource::new("rest.json", &swapped)],
        &GenerateConfig::default(),
    ) {
        panic!("keys swapped by @jsonName are distinct:\n{diagnostics}");
    }
}
