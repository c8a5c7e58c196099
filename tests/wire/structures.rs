//! Kitchen sink: structures — required, default and clientOptional members,
//! keyword members, recursion, mixins, `apply`, `@sensitive`, `@deprecated`,
//! and constraint checks.

use awsgen_types::{Blob, DateTime, Validate, ViolationKind, REDACTED};
use kitchen_sink_types::{
    Choice, Constrained, Credentials, Defaults, Everything, Inner, Keywords, Outer, Priority,
    Record, Settings, Suit,
};
use serde_json::json;

fn read<T: serde::de::DeserializeOwned>(json: serde_json::Value) -> T {
    serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("cannot read {json}: {e}"))
}

#[test]
fn missing_defaulted_members_take_their_defaults() {
    let value: Defaults = read(json!({"name": "n"}));
    assert_eq!(value.name, "n");
    assert_eq!(value.count, 5);
    assert_eq!(value.ratio, 1.5);
    assert!(value.enabled);
    assert_eq!(value.label, "none");
    assert_eq!(value.suit, Suit::Diamond);
    assert_eq!(value.priority, Priority::High);
    assert_eq!(value.tags, Vec::<String>::new());
    assert!(!value.zeroed);
    assert_eq!(value, Defaults::new("n"));
}

#[test]
fn defaults_of_every_kind_are_typed_values() {
    // Blob (base64 in the model), 8- and 16-bit integers, a float the model
    // writes as "Infinity", big numbers, timestamps (a date-time string and
    // epoch seconds), and documents.
    let value: Defaults = read(json!({"name": "n"}));
    assert_eq!(value.bytes, Blob::from("abc"));
    assert_eq!((value.tiny, value.small), (-8, 300));
    assert_eq!(value.ceiling, f32::INFINITY);
    assert_eq!(value.huge.as_str(), "12345678901234567890");
    assert_eq!(value.exact.as_str(), "100.01");
    assert_eq!(value.at, DateTime::from_millis(482_196_050_520));
    assert_eq!(value.since, DateTime::from_millis(1_515_531_081_123));
    assert_eq!(value.flag_document, json!(true));
    assert_eq!(value.text_document, json!("hi"));
    assert_eq!(value.number_document, json!(-1.5));
    assert_eq!(value.list_document, json!([]));
    assert_eq!(value.map_document, json!({}));
    assert_eq!(value.nested_document, json!({"a": [1, "x", null], "b": {}}));
    // The same values as a response carrying them.
    let carried: Defaults = read(json!({
        "name": "n", "bytes": "YWJj", "tiny": -8, "small": 300, "ceiling": "Infinity",
        "huge": 12345678901234567890_u64, "exact": 100.01, "at": "1985-04-12T23:20:50.52Z",
        "since": 1515531081.123, "flagDocument": true, "textDocument": "hi",
        "numberDocument": -1.5, "listDocument": [], "mapDocument": {},
        "nestedDocument": {"a": [1, "x", null], "b": {}}
    }));
    assert_eq!(carried, value);
}

#[test]
fn null_defaulted_members_take_their_defaults_like_missing_ones() {
    // PROTOCOL §2.4: a member whose value is `null` counts as absent.
    let value: Defaults = read(json!({
        "name": "n", "count": null, "ratio": null, "enabled": null,
        "label": null, "suit": null, "priority": null, "tags": null,
        "bytes": null, "tiny": null, "small": null, "ceiling": null, "huge": null,
        "exact": null, "at": null, "since": null, "flagDocument": null,
        "textDocument": null, "numberDocument": null, "listDocument": null,
        "mapDocument": null, "nestedDocument": null
    }));
    assert_eq!(value, Defaults::new("n"));
}

#[test]
fn effective_defaults_are_serialized() {
    assert_eq!(
        serde_json::to_string(&Defaults::new("n")).expect("writes"),
        concat!(
            r#"{"name":"n","count":5,"ratio":1.5,"enabled":true,"label":"none","#,
            r#""suit":"diamond","priority":10,"tags":[],"zeroed":false,"bytes":"YWJj","#,
            r#""tiny":-8,"small":300,"ceiling":"Infinity","huge":12345678901234567890,"#,
            r#""exact":100.01,"at":"1985-04-12T23:20:50.52Z","since":1515531081.123,"#,
            r#""flagDocument":true,"textDocument":"hi","numberDocument":-1.5,"#,
            r#""listDocument":[],"mapDocument":{},"nestedDocument":{"a":[1,"x",null],"b":{}}}"#
        )
    );
}

#[test]
fn a_missing_or_null_required_member_is_error_corrected_to_its_zero_value() {
    let missing: Defaults = read(json!({}));
    assert_eq!(missing.name, "");
    let null: Defaults = read(json!({"name": null}));
    assert_eq!(null.name, "");
    let record: Record = read(json!({"createdBy": "me"}));
    assert_eq!(record.id, "");
}

#[test]
fn a_required_member_with_a_default_is_error_corrected_to_its_default() {
    // Smithy's client error correction fills in a missing @required member;
    // when it has a @default, that is the value, not the type's zero.
    let missing: Settings = read(json!({}));
    assert_eq!((missing.mode.as_str(), missing.attempts), ("auto", 2));
    let null: Settings = read(json!({"mode": null, "attempts": null}));
    assert_eq!((null.mode.as_str(), null.attempts), ("auto", 2));
    // It is always sent.
    let written = serde_json::to_value(read::<Settings>(json!({}))).expect("writes");
    assert_eq!(
        (&written["mode"], &written["attempts"]),
        (&json!("auto"), &json!(2))
    );
}

#[test]
fn client_optional_and_default_null_members_are_optional() {
    let value: Defaults = read(json!({"name": "n"}));
    assert_eq!(value.lenient, None, "@required @clientOptional");
    assert_eq!(
        value.opted_out, None,
        "@default(null) opts out of the target's default"
    );
    let set: Defaults = read(json!({"name": "n", "lenient": "l", "optedOut": 0}));
    assert_eq!(set.lenient.as_deref(), Some("l"));
    assert_eq!(set.opted_out, Some(0));
    assert_eq!(
        serde_json::to_value(Defaults::new("n").with_opted_out(3)).expect("writes")["optedOut"],
        json!(3)
    );
}

#[test]
fn keyword_members_keep_their_wire_names() {
    let json = json!({"type": "t", "match": "m", "self": "s", "async": "a"});
    let value: Keywords = read(json.clone());
    assert_eq!(value.r#type.as_deref(), Some("t"));
    assert_eq!(value.r#match.as_deref(), Some("m"));
    assert_eq!(value.self_.as_deref(), Some("s"));
    assert_eq!(value.r#async.as_deref(), Some("a"));
    let built = Keywords::new()
        .with_type("t")
        .with_match("m")
        .with_self_("s")
        .with_async("a");
    assert_eq!(built, value);
    assert_eq!(
        serde_json::to_string(&built).expect("writes"),
        r#"{"type":"t","match":"m","self":"s","async":"a"}"#
    );
}

#[test]
fn recursive_structures_nest_through_boxes() {
    let json =
        json!({"name": "a", "inner": {"depth": 1, "outer": {"name": "b", "inner": {"depth": 2}}}});
    let value: Outer = read(json.clone());
    let expected = Outer::new().with_name("a").with_inner(
        Inner::new().with_depth(1).with_outer(
            Outer::new()
                .with_name("b")
                .with_inner(Inner::new().with_depth(2)),
        ),
    );
    assert_eq!(value, expected);
    assert_eq!(serde_json::to_value(&value).expect("writes"), json);
}

#[test]
fn deeply_recursive_input_is_an_error_not_a_stack_overflow() {
    // serde_json stops at 128 levels; the generated types must not recurse past that.
    let mut text = String::new();
    for _ in 0..10_000 {
        text.push_str(r#"{"inner":{"outer":"#);
    }
    text.push_str("{}");
    for _ in 0..10_000 {
        text.push_str("}}");
    }
    assert!(serde_json::from_str::<Outer>(&text).is_err());
}

#[test]
fn mixin_members_come_first_in_model_order() {
    let record = Record::new("r-1")
        .with_created_by("me")
        .with_created_at(DateTime::from_secs(1));
    assert_eq!(
        serde_json::to_string(&record).expect("writes"),
        r#"{"createdBy":"me","createdAt":1,"id":"r-1"}"#
    );
}

#[test]
fn a_trait_applied_to_a_mixin_member_is_checked() {
    let record = Record::new("r-1").with_created_by("x".repeat(17));
    let errors = record.validate().expect_err("`apply` set @length(max: 16)");
    assert_eq!(errors.violations().len(), 1);
    assert_eq!(errors.violations()[0].path, "createdBy");
    assert!(Record::new("r-1").with_created_by("me").validate().is_ok());
}

#[test]
fn constraint_violations_are_all_reported_with_paths() {
    let value = Constrained::new()
        .with_name("AB")
        .with_count(11)
        .with_tags(vec!["a".into(), "b".into(), "c".into()])
        .with_unique(vec!["x".into(), "x".into()])
        .with_code("abc");
    let errors = value
        .validate()
        .expect_err("every member breaks a constraint");
    let found: Vec<(&str, &ViolationKind)> = errors
        .violations()
        .iter()
        .map(|v| (v.path.as_str(), &v.kind))
        .collect();
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(
        matches!(
            found[0],
            (
                "name",
                ViolationKind::Length {
                    min: Some(3),
                    max: Some(8),
                    actual: 2
                }
            )
        ),
        "{found:#?}"
    );
    assert!(
        matches!(found[1], ("name", ViolationKind::Pattern { pattern }) if *pattern == "^[a-z]+$"),
        "{found:#?}"
    );
    assert!(
        matches!(found[2], ("count", ViolationKind::Range { actual, .. }) if *actual == 11.0),
        "{found:#?}"
    );
    assert!(
        matches!(
            found[3],
            (
                "tags",
                ViolationKind::Length {
                    max: Some(2),
                    actual: 3,
                    ..
                }
            )
        ),
        "{found:#?}"
    );
    assert!(
        matches!(
            found[4],
            (
                "unique",
                ViolationKind::UniqueItems {
                    first: 0,
                    second: 1
                }
            )
        ),
        "{found:#?}"
    );
    assert!(
        matches!(found[5], ("code", ViolationKind::Pattern { .. })),
        "{found:#?}"
    );
    let valid = Constrained::new()
        .with_name("abc")
        .with_count(10)
        .with_code("ABC");
    assert_eq!(valid.validate(), Ok(()));
}

/// `label` (`\p{L}`) and `alias` (a lookahead) are checked by the full
/// engine, which this test build has: `awsgen-codegen`, a dev-dependency
/// here, enables `awsgen-types/full-patterns`. `printable` (`\p{Print}`, a
/// Java POSIX class) is never checked; its docs say so.
#[test]
fn patterns_beyond_regex_lite_are_checked_with_full_patterns() {
    let valid = Constrained::new()
        .with_label("Zürich Straße")
        .with_alias("team:prod")
        .with_printable("\u{7}");
    assert_eq!(valid.validate(), Ok(()));
    let invalid = Constrained::new()
        .with_label("tab\tlabel")
        .with_alias("aws:reserved");
    let errors = invalid.validate().expect_err("both patterns are broken");
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["label", "alias"]);
}

#[test]
fn nested_violations_carry_the_full_path() {
    let value = Everything::new()
        .with_constrained(Constrained::new().with_count(0))
        .with_record(Record::new("r").with_created_by(""))
        .with_choice(Choice::Nested(Box::new(Choice::Number(1))));
    let errors = value.validate().expect_err("two nested violations");
    let paths: Vec<&str> = errors
        .violations()
        .iter()
        .map(|v| v.path.as_str())
        .collect();
    assert_eq!(paths, ["constrained.count", "record.createdBy"]);
}

#[test]
fn sensitive_members_and_structures_are_redacted_in_debug() {
    let value = Everything::new()
        .with_string("visible-text")
        .with_secret("hunter2")
        .with_credentials(
            Credentials::new()
                .with_access_key("AKIDEXAMPLE")
                .with_secret_key("wJalrXUtnFEMI"),
        );
    let debug = format!("{value:?}");
    for secret in ["hunter2", "AKIDEXAMPLE", "wJalrXUtnFEMI"] {
        assert!(!debug.contains(secret), "{secret} leaked: {debug}");
    }
    assert!(debug.contains(REDACTED), "{debug}");
    assert!(
        debug.contains("visible-text"),
        "other members stay visible: {debug}"
    );
    let credentials = Credentials::new().with_secret_key("wJalrXUtnFEMI");
    let debug = format!("{credentials:?} {credentials:#?}");
    assert!(!debug.contains("wJalrXUtnFEMI"), "{debug}");
    // The wire is unaffected.
    assert_eq!(
        serde_json::to_value(&credentials).expect("writes"),
        json!({"secretKey": "wJalrXUtnFEMI"})
    );
}

#[test]
// `oldName` is @deprecated in the model; it must still be read and written.
#[allow(deprecated)]
fn deprecated_members_are_still_read_and_written() {
    let value: Everything = read(json!({"oldName": "legacy"}));
    assert_eq!(value.old_name.as_deref(), Some("legacy"));
    assert_eq!(
        serde_json::to_value(Everything::new().with_old_name("x")).expect("writes"),
        json!({"oldName": "x"})
    );
}
