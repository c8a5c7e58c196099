//! `@default` values: every kind Smithy allows becomes a typed Rust value
//! (no warning, no field left optional), and the default functions serde
//! and the direct reader call build it without parsing anything at run time.

use awsgen_codegen::{generate, load, GenerateConfig, ModelSource};
use expect_test::expect;

use crate::{file, items, model_about_subject};

/// The `default_*` functions of `Subject`, one per line: `name -> type = value`.
/// Generation must succeed without warnings.
fn subject_defaults(shapes: &str) -> String {
    let model = load(&[ModelSource::new(
        "fixture.json",
        model_about_subject(shapes),
    )])
    .unwrap_or_else(|d| panic!("the fixture does not load:\n{d}"));
    let generated = generate(&model, &GenerateConfig::default())
        .unwrap_or_else(|d| panic!("the fixture does not generate:\n{d}"));
    let warnings: Vec<String> = generated.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "warnings: {warnings:#?}");
    let source = items(file(&generated.files, "src/types.rs"), &["impl Subject "]);
    default_functions(&source)
}

/// `pub(crate) fn default_x() -> T {` + body + `}` as `x -> T = body`.
fn default_functions(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines();
    while let Some(line) = lines.next() {
        let Some(signature) = line.trim().strip_prefix("pub(crate) fn default_") else {
            continue;
        };
        let signature = signature.trim_end_matches('{').trim().replace("() ", " ");
        let body: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim() != "}")
            .map(str::trim)
            .collect();
        out.push_str(&format!("{signature} = {}\n", body.join(" ")));
    }
    out
}

/// The members of `aws.protocoltests.restjson#Defaults` in the restJson1
/// compliance model, with the shapes they target.
#[test]
fn every_default_of_the_rest_json_compliance_model() {
    let actual = subject_defaults(
        r#""ex#Subject": {"type": "structure", "members": {
            "defaultString": {"target": "smithy.api#String", "traits": {"smithy.api#default": "hi"}},
            "defaultBoolean": {"target": "smithy.api#Boolean", "traits": {"smithy.api#default": true}},
            "defaultList": {"target": "ex#TestStringList", "traits": {"smithy.api#default": []}},
            "defaultDocumentMap": {"target": "ex#Document", "traits": {"smithy.api#default": {}}},
            "defaultDocumentString": {"target": "ex#Document", "traits": {"smithy.api#default": "hi"}},
            "defaultDocumentBoolean": {"target": "ex#Document", "traits": {"smithy.api#default": true}},
            "defaultDocumentList": {"target": "ex#Document", "traits": {"smithy.api#default": []}},
            "defaultNullDocument": {"target": "ex#Document", "traits": {"smithy.api#default": null}},
            "defaultTimestamp": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": 0}},
            "defaultBlob": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": "YWJj"}},
            "defaultByte": {"target": "smithy.api#Byte", "traits": {"smithy.api#default": 1}},
            "defaultShort": {"target": "smithy.api#Short", "traits": {"smithy.api#default": 1}},
            "defaultInteger": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 10}},
            "defaultLong": {"target": "smithy.api#Long", "traits": {"smithy.api#default": 100}},
            "defaultFloat": {"target": "smithy.api#Float", "traits": {"smithy.api#default": 1.0}},
            "defaultDouble": {"target": "smithy.api#Double", "traits": {"smithy.api#default": 1.0}},
            "defaultMap": {"target": "ex#TestStringMap", "traits": {"smithy.api#default": {}}},
            "defaultEnum": {"target": "ex#TestEnum", "traits": {"smithy.api#default": "FOO"}},
            "defaultIntEnum": {"target": "ex#TestIntEnum", "traits": {"smithy.api#default": 1}},
            "emptyString": {"target": "smithy.api#String", "traits": {"smithy.api#default": ""}},
            "falseBoolean": {"target": "smithy.api#Boolean", "traits": {"smithy.api#default": false}},
            "emptyBlob": {"target": "smithy.api#Blob", "traits": {"smithy.api#default": ""}},
            "zeroByte": {"target": "smithy.api#Byte", "traits": {"smithy.api#default": 0}},
            "zeroShort": {"target": "smithy.api#Short", "traits": {"smithy.api#default": 0}},
            "zeroInteger": {"target": "smithy.api#Integer", "traits": {"smithy.api#default": 0}},
            "zeroLong": {"target": "smithy.api#Long", "traits": {"smithy.api#default": 0}},
            "zeroFloat": {"target": "smithy.api#Float", "traits": {"smithy.api#default": 0.0}},
            "zeroDouble": {"target": "smithy.api#Double", "traits": {"smithy.api#default": 0.0}}
        }},
        "ex#TestStringList": {"type": "list", "member": {"target": "smithy.api#String"}},
        "ex#Document": {"type": "document"},
        "ex#TestStringMap": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "smithy.api#String"}},
        "ex#TestEnum": {"type": "enum", "members": {
            "FOO": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "FOO"}},
            "BAR": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "BAR"}}
        }},
        "ex#TestIntEnum": {"type": "intEnum", "members": {
            "ONE": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
            "TWO": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 2}}
        }}"#,
    );
    expect![[r#"
        default_string -> ::std::string::String = ::std::string::String::from("hi")
        default_boolean -> bool = true
        default_document_map -> ::awsgen_types::Document = ::awsgen_types::Document::Object(::std::default::Default::default())
        default_document_string -> ::awsgen_types::Document = ::awsgen_types::Document::String(::std::string::String::from("hi"))
        default_document_boolean -> ::awsgen_types::Document = ::awsgen_types::Document::Bool(true)
        default_document_list -> ::awsgen_types::Document = ::awsgen_types::Document::Array(::std::vec![])
        default_timestamp -> ::awsgen_types::DateTime = ::awsgen_types::DateTime::from_secs_and_nanos(0i64, 0u32)
        default_blob -> ::awsgen_types::Blob = ::awsgen_types::Blob::from(&b"abc"[..])
        default_byte -> i8 = 1i8
        default_short -> i16 = 1i16
        default_integer -> i32 = 10i32
        default_long -> i64 = 100i64
        default_float -> f32 = 1f32
        default_double -> f64 = 1f64
        default_enum -> super::TestEnum = super::TestEnum::Foo
        default_int_enum -> super::TestIntEnum = super::TestIntEnum::One
        empty_string -> ::std::string::String = ::std::string::String::from("")
        false_boolean -> bool = false
        empty_blob -> ::awsgen_types::Blob = ::awsgen_types::Blob::from(&b""[..])
        zero_byte -> i8 = 0i8
        zero_short -> i16 = 0i16
        zero_integer -> i32 = 0i32
        zero_long -> i64 = 0i64
        zero_float -> f32 = 0f32
        zero_double -> f64 = 0f64
    "#]].assert_eq(&actual);
}

/// Kinds the compliance model does not use: big numbers, a date-time
/// timestamp, numbers in a document, non-finite floats, a legacy `@enum`.
#[test]
fn big_numbers_date_times_document_numbers_and_non_finite_floats() {
    let actual = subject_defaults(
        r#""ex#Subject": {"type": "structure", "members": {
            "huge": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": -9223372036854775808}},
            "wide": {"target": "smithy.api#BigInteger", "traits": {"smithy.api#default": 18446744073709551615}},
            "exact": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 100.01}},
            "tiny": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 1e-7}},
            "whole": {"target": "smithy.api#BigDecimal", "traits": {"smithy.api#default": 12}},
            "at": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": "1985-04-12T23:20:50.52Z"}},
            "since": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#default": 1515531081.123}},
            "count": {"target": "ex#Document", "traits": {"smithy.api#default": -3}},
            "share": {"target": "ex#Document", "traits": {"smithy.api#default": 0.25}},
            "nested": {"target": "ex#Document", "traits": {"smithy.api#default": {"b": [1, null, "x"], "a": {}}}},
            "notANumber": {"target": "smithy.api#Double", "traits": {"smithy.api#default": "NaN"}},
            "ceiling": {"target": "smithy.api#Float", "traits": {"smithy.api#default": "-Infinity"}},
            "legacy": {"target": "ex#LegacyEnum", "traits": {"smithy.api#default": "b-value"}}
        }},
        "ex#Document": {"type": "document"},
        "ex#LegacyEnum": {"type": "string", "traits": {"smithy.api#enum": [
            {"value": "a-value", "name": "A"},
            {"value": "b-value", "name": "B_NAME"}
        ]}}"#,
    );
    expect![[r#"
        huge -> ::awsgen_types::BigInteger = ::awsgen_types::BigInteger::from(-9223372036854775808i128)
        wide -> ::awsgen_types::BigInteger = ::awsgen_types::BigInteger::from(18446744073709551615i128)
        exact -> ::awsgen_types::BigDecimal = ::awsgen_types::BigDecimal::from_scaled(10001i128, 2u32)
        tiny -> ::awsgen_types::BigDecimal = ::awsgen_types::BigDecimal::from_scaled(1i128, 7u32)
        whole -> ::awsgen_types::BigDecimal = ::awsgen_types::BigDecimal::from_scaled(12i128, 0u32)
        at -> ::awsgen_types::DateTime = ::awsgen_types::DateTime::from_secs_and_nanos(482196050i64, 520000000u32)
        since -> ::awsgen_types::DateTime = ::awsgen_types::DateTime::from_secs_and_nanos(1515531081i64, 123000000u32)
        count -> ::awsgen_types::Document = ::awsgen_types::Document::from(-3i64)
        share -> ::awsgen_types::Document = ::awsgen_types::Document::from(0.25f64)
        nested -> ::awsgen_types::Document = ::awsgen_types::Document::Object( ::std::iter::FromIterator::from_iter([ ( ::std::string::String::from("a"), ::awsgen_types::Document::Object(::std::default::Default::default()), ), ( ::std::string::String::from("b"), ::awsgen_types::Document::Array( ::std::vec![ ::awsgen_types::Document::from(1i64), ::awsgen_types::Document::Null, ::awsgen_types::Document::String(::std::string::String::from("x")) ], ), ), ]), )
        not_a_number -> f64 = ::std::primitive::f64::NAN
        ceiling -> f32 = ::std::primitive::f32::NEG_INFINITY
        legacy -> super::LegacyEnum = super::LegacyEnum::BName
    "#]].assert_eq(&actual);
}

/// A `@required` member with a `@default` is a `T` that starts at its
/// default, in an input as anywhere: a request cannot lack it, so it is no
/// constructor argument, and a response that leaves it out gets the default.
#[test]
fn a_required_member_with_a_default_takes_the_default() {
    let files = crate::generate_files(&crate::model(
        r#""ex#Op": {"type": "operation", "input": {"target": "ex#OpInput"}, "output": {"target": "ex#OpOutput"}},
        "ex#OpInput": {"type": "structure", "members": {
            "name": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}},
            "mode": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#default": "auto"}}
        }, "traits": {"smithy.api#input": {}}},
        "ex#OpOutput": {"type": "structure", "members": {
            "mode": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}, "smithy.api#default": "auto"}}
        }, "traits": {"smithy.api#output": {}}}"#,
    ));
    let operation = file(&files, "src/types.rs");
    let constructors: Vec<&str> = operation
        .lines()
        .filter(|line| line.contains("pub fn new("))
        .map(str::trim)
        .collect();
    let mode_fields: Vec<&str> = operation
        .lines()
        .filter(|line| line.contains("pub mode:") || line.contains("Required"))
        .map(str::trim)
        .collect();
    expect![[r#"
        pub fn new(name: impl ::std::convert::Into<::std::string::String>) -> Self {
        pub fn new() -> Self {
        /// Required.
        /// Required, with a default: always sent, and read as the default when left out.
        pub mode: ::std::string::String,
        /// Required, with a default: always sent, and read as the default when left out.
        pub mode: ::std::string::String,
        mode -> ::std::string::String = ::std::string::String::from("auto")
        mode -> ::std::string::String = ::std::string::String::from("auto")
    "#]]
    .assert_eq(&format!(
        "{}\n{}\n{}",
        constructors.join("\n"),
        mode_fields.join("\n"),
        default_functions(operation)
    ));
}
