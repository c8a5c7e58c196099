use serde_json::{json, Value};

use super::{parse, JmespathErrorKind, MAX_DEPTH};

fn eval(expression: &str, data: &Value) -> Value {
    match parse(expression) {
        Ok(parsed) => parsed.evaluate(data),
        Err(err) => panic!("{expression:?} should parse: {err}"),
    }
}

fn error(expression: &str) -> (usize, JmespathErrorKind) {
    match parse(expression) {
        Ok(parsed) => panic!("{expression:?} should not parse, got {parsed:?}"),
        Err(err) => (err.position(), err.kind().clone()),
    }
}

fn scan() -> Value {
    json!({
        "imageScanStatus": {"status": "COMPLETE", "description": "done"},
        "findings": [
            {"name": "CVE-1", "severity": "HIGH", "score": 7.5, "tags": ["a", "b"]},
            {"name": "CVE-2", "severity": "LOW", "score": 2, "tags": ["c"]},
            {"name": "CVE-3", "severity": "HIGH", "score": 9, "tags": []}
        ],
        "counts": {"HIGH": 2, "LOW": 1, "NONE": null},
        "nested": [[1, 2], [3, [4]], 5],
        "flag": true,
        "with space": "quoted",
        "empty": ""
    })
}

#[test]
fn identifiers_and_subexpressions() {
    let data = scan();
    assert_eq!(eval("imageScanStatus.status", &data), json!("COMPLETE"));
    assert_eq!(eval("\"with space\"", &data), json!("quoted"));
    assert_eq!(eval("imageScanStatus.\"status\"", &data), json!("COMPLETE"));
    assert_eq!(eval("\"\\u0066lag\"", &data), json!(true));
    assert_eq!(eval("missing.status", &data), Value::Null);
    assert_eq!(eval("flag.status", &data), Value::Null);
    assert_eq!(
        eval("  imageScanStatus . status  ", &data),
        json!("COMPLETE")
    );
}

#[test]
fn indexes_count_from_either_end() {
    let data = scan();
    assert_eq!(eval("findings[0].name", &data), json!("CVE-1"));
    assert_eq!(eval("findings[-1].name", &data), json!("CVE-3"));
    assert_eq!(eval("findings[3]", &data), Value::Null);
    assert_eq!(eval("findings[-4]", &data), Value::Null);
    assert_eq!(eval("findings[-9223372036854775808]", &data), Value::Null);
    assert_eq!(eval("counts[0]", &data), Value::Null);
    assert_eq!(eval("[1]", &json!(["x", "y"])), json!("y"));
    assert_eq!(eval("findings[0].tags[1]", &data), json!("b"));
}

#[test]
fn list_projections_apply_the_right_side_to_each_element_and_drop_nulls() {
    let data = scan();
    assert_eq!(
        eval("findings[*].name", &data),
        json!(["CVE-1", "CVE-2", "CVE-3"])
    );
    assert_eq!(eval("findings[*].missing", &data), json!([]));
    assert_eq!(eval("findings[*].tags[0]", &data), json!(["a", "c"]));
    assert_eq!(eval("counts[*]", &data), Value::Null);
    assert_eq!(eval("[*]", &json!([1, null, 2])), json!([1, 2]));
    // A projection inside a projection keeps the nesting.
    assert_eq!(
        eval("findings[*].tags[*]", &data),
        json!([["a", "b"], ["c"], []])
    );
}

#[test]
fn flatten_merges_one_level_and_projects() {
    let data = scan();
    assert_eq!(eval("nested[]", &data), json!([1, 2, 3, [4], 5]));
    assert_eq!(eval("nested[][]", &data), json!([1, 2, 3, 4, 5]));
    assert_eq!(eval("findings[].tags[]", &data), json!(["a", "b", "c"]));
    assert_eq!(eval("findings[*].tags[]", &data), json!(["a", "b", "c"]));
    assert_eq!(eval("flag[]", &data), Value::Null);
    assert_eq!(eval("[]", &json!([[1], [2]])), json!([1, 2]));
}

#[test]
fn object_wildcards_project_over_values() {
    let data = scan();
    // Object order depends on serde_json's `preserve_order` feature: compare as sets.
    let sorted = |value: Value| {
        let mut items: Vec<String> = value
            .as_array()
            .expect("a projection gives an array")
            .iter()
            .map(Value::to_string)
            .collect();
        items.sort();
        items
    };
    assert_eq!(sorted(eval("counts.*", &data)), ["1", "2"]);
    assert_eq!(eval("*.status", &data), json!(["COMPLETE"]));
    assert_eq!(eval("findings.*", &data), Value::Null);
    assert_eq!(
        sorted(eval("imageScanStatus.*", &data)),
        ["\"COMPLETE\"", "\"done\""]
    );
}

#[test]
fn filters_keep_elements_whose_condition_is_truthy() {
    let data = scan();
    assert_eq!(
        eval("findings[?severity == 'HIGH'].name", &data),
        json!(["CVE-1", "CVE-3"])
    );
    assert_eq!(
        eval("findings[?score > `5`].name", &data),
        json!(["CVE-1", "CVE-3"])
    );
    assert_eq!(
        eval("findings[?score >= `9`].name", &data),
        json!(["CVE-3"])
    );
    assert_eq!(
        eval("findings[?score < `7.5`].name", &data),
        json!(["CVE-2"])
    );
    assert_eq!(
        eval("findings[?score <= `7.5`].name", &data),
        json!(["CVE-1", "CVE-2"])
    );
    assert_eq!(
        eval("findings[?tags].name", &data),
        json!(["CVE-1", "CVE-2"])
    );
    assert_eq!(eval("findings[?!tags].name", &data), json!(["CVE-3"]));
    assert_eq!(
        eval("findings[?severity != 'HIGH'] | [0].name", &data),
        json!("CVE-2")
    );
    assert_eq!(eval("[?@ > `1`]", &json!([1, 2, 3])), json!([2, 3]));
    assert_eq!(eval("counts[?@]", &data), Value::Null);
}

#[test]
fn projections_stop_at_comparators_pipes_and_flatten() {
    let data = scan();
    // The comparison sees the whole projected list.
    assert_eq!(
        eval(
            "findings[*].severity == `[\"HIGH\", \"LOW\", \"HIGH\"]`",
            &data
        ),
        json!(true)
    );
    assert_eq!(eval("findings[*].name | [0]", &data), json!("CVE-1"));
    // Without the pipe, the index applies to each element.
    assert_eq!(eval("findings[*].name[0]", &data), json!([]));
}

#[test]
fn comparators_logic_and_truthiness() {
    let data = scan();
    assert_eq!(eval("flag == `true`", &data), json!(true));
    assert_eq!(eval("counts.HIGH == `2.0`", &data), json!(true));
    assert_eq!(
        eval(
            "counts == `{\"LOW\": 1.0, \"HIGH\": 2, \"NONE\": null}`",
            &data
        ),
        json!(true)
    );
    assert_eq!(eval("'a' < 'b'", &data), Value::Null);
    assert_eq!(eval("empty || 'fallback'", &data), json!("fallback"));
    assert_eq!(
        eval("flag && imageScanStatus.status", &data),
        json!("COMPLETE")
    );
    assert_eq!(eval("empty && 'never'", &data), json!(""));
    assert_eq!(eval("!empty", &data), json!(true));
    assert_eq!(eval("!(flag && empty)", &data), json!(true));
    assert_eq!(eval("flag || missing && missing", &data), json!(true));
    assert_eq!(
        eval("`0` && 'numbers are truthy'", &data),
        json!("numbers are truthy")
    );
}

#[test]
fn literals_raw_strings_and_current_node() {
    let data = scan();
    assert_eq!(eval("`\"str\"`", &data), json!("str"));
    assert_eq!(eval("`[1, {\"a\": null}]`", &data), json!([1, {"a": null}]));
    assert_eq!(eval("`\"back\\`tick\"`", &data), json!("back`tick"));
    assert_eq!(eval("'it\\'s'", &data), json!("it's"));
    assert_eq!(eval("'a\\\\b'", &data), json!("a\\b"));
    assert_eq!(eval("'keeps \\n as is'", &data), json!("keeps \\n as is"));
    assert_eq!(eval("@", &json!(5)), json!(5));
    assert_eq!(eval("@.a", &json!({"a": 1})), json!(1));
}

#[test]
fn length_and_contains() {
    let data = scan();
    assert_eq!(eval("length(findings)", &data), json!(3));
    assert_eq!(eval("length(counts)", &data), json!(3));
    assert_eq!(eval("length('héllo')", &data), json!(5));
    assert_eq!(eval("length(flag)", &data), Value::Null);
    assert_eq!(
        eval("length(findings[?severity == 'HIGH']) > `1`", &data),
        json!(true)
    );
    assert_eq!(
        eval("contains(findings[*].severity, 'LOW')", &data),
        json!(true)
    );
    assert_eq!(
        eval("contains(findings[*].severity, 'NONE')", &data),
        json!(false)
    );
    assert_eq!(
        eval("contains(imageScanStatus.description, 'on')", &data),
        json!(true)
    );
    assert_eq!(eval("contains(`[1]`, `1.0`)", &data), json!(true));
    assert_eq!(eval("contains(flag, 'x')", &data), Value::Null);
    assert_eq!(
        eval("findings[?contains(tags, 'c')].name", &data),
        json!(["CVE-2"])
    );
}

#[test]
fn unsupported_functions_and_wrong_arity_are_parse_errors() {
    assert_eq!(
        error("foo.sort_by(@)"),
        (4, JmespathErrorKind::UnsupportedFunction("sort_by".into()))
    );
    assert_eq!(
        error("length(a, b)"),
        (
            0,
            JmespathErrorKind::WrongArgumentCount {
                function: "length",
                expected: 1,
                found: 2
            }
        )
    );
    assert_eq!(
        error("contains()").1,
        JmespathErrorKind::WrongArgumentCount {
            function: "contains",
            expected: 2,
            found: 0
        }
    );
    let message = parse("sort(@)").unwrap_err().to_string();
    assert!(message.contains("unsupported function `sort`"), "{message}");
    assert!(message.contains("offset 0"), "{message}");
}

#[test]
fn keys_lists_an_objects_member_names() {
    let data = serde_json::json!({"m": {"b": 1, "a": 2}, "n": 3});
    assert_eq!(
        parse("keys(m)").unwrap().evaluate(&data),
        serde_json::json!(["a", "b"])
    );
    assert_eq!(
        parse("keys(n)").unwrap().evaluate(&data),
        serde_json::Value::Null
    );
}

#[test]
fn errors_name_the_position_and_the_problem() {
    assert_eq!(error("a.b.").0, 4);
    assert!(matches!(
        error("a.b.").1,
        JmespathErrorKind::UnexpectedToken { .. }
    ));
    assert_eq!(
        error("a ^ b"),
        (2, JmespathErrorKind::UnexpectedCharacter('^'))
    );
    assert_eq!(
        error("a.'unterminated"),
        (2, JmespathErrorKind::Unterminated('\''))
    );
    assert_eq!(error("\"open"), (0, JmespathErrorKind::Unterminated('"')));
    assert_eq!(error("a == `{bad json}`").0, 5);
    assert!(matches!(
        error("a == `{bad json}`").1,
        JmespathErrorKind::InvalidLiteral(_)
    ));
    assert!(matches!(
        error("\"\\x\"").1,
        JmespathErrorKind::InvalidQuotedIdentifier(_)
    ));
    assert_eq!(error("a[99999999999999999999]").0, 2);
    assert_eq!(
        error("a[0:2]"),
        (
            1,
            JmespathErrorKind::Unsupported("slices (`[start:stop:step]`)")
        )
    );
    assert_eq!(
        error("a.[b, c]"),
        (
            2,
            JmespathErrorKind::Unsupported("multi-select lists (`[a, b]`)")
        )
    );
    assert_eq!(
        error("{a: b}"),
        (
            0,
            JmespathErrorKind::Unsupported("multi-select hashes (`{...}`)")
        )
    );
    assert_eq!(error("a[?b"), (4, error("a[?b").1));
    assert_eq!(error("(a"), (2, error("(a").1));
    assert_eq!(error("a b").0, 2);
    assert_eq!(error("").0, 0);
    assert_eq!(error("a[*]b").0, 4);
    assert_eq!(error("5").0, 0);
    let message = parse("a.b.").unwrap_err().to_string();
    assert_eq!(
        message,
        "expected an identifier or `*` after `.`, found the end of the expression at offset 4"
    );
}

#[test]
fn hostile_nesting_is_refused_not_overflowed() {
    for hostile in [
        "(".repeat(100_000),
        "!".repeat(100_000),
        format!("{}a", "a.".repeat(100_000)),
        format!("a{}", "[0]".repeat(100_000)),
        format!("a{}", "[*]".repeat(100_000)),
        format!("a{}", " || a".repeat(100_000)),
        format!("{}a{}", "length(".repeat(10_000), ")".repeat(10_000)),
    ] {
        let err = parse(&hostile).expect_err("too deep to accept");
        assert_eq!(
            err.kind(),
            &JmespathErrorKind::TooDeep { limit: MAX_DEPTH },
            "{}",
            &hostile[..20]
        );
    }
    // Just inside the limit still parses and evaluates.
    let chain = format!("{}a", "a.".repeat(MAX_DEPTH / 2 - 1));
    let mut data = json!(1);
    for _ in 0..MAX_DEPTH / 2 {
        data = json!({ "a": data });
    }
    assert_eq!(eval(&chain, &data), json!(1));
}

#[test]
fn expressions_keep_their_source() {
    let parsed = parse("a.b").unwrap();
    assert_eq!(parsed.as_str(), "a.b");
    assert_eq!(parsed.to_string(), "a.b");
    assert_eq!("a.b".parse::<super::Expression>().unwrap(), parsed);
}
