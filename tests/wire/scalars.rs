//! Kitchen sink: simple shapes on the wire (blob, boolean, string, the integer
//! and float types, big numbers, documents).

use awsgen_types::{BigDecimal, BigInteger, Blob};
use kitchen_sink_types::Everything;
use serde_json::json;

fn read(json: serde_json::Value) -> Result<Everything, serde_json::Error> {
    serde_json::from_value(json)
}

#[test]
fn every_scalar_round_trips_with_keys_in_model_order() {
    let value = Everything::new()
        .with_blob(Blob::new(b"foo".to_vec()))
        .with_boolean(true)
        .with_string("text")
        .with_byte(-8)
        .with_short(-16_000)
        .with_integer(2_000_000_000)
        .with_long(9_007_199_254_740_993)
        .with_float(1.5)
        .with_double(-0.25)
        .with_big_integer(BigInteger::new("18446744073709551615").expect("an integer"))
        .with_big_decimal(BigDecimal::new("12.5").expect("a decimal"));
    let json = serde_json::to_string(&value).expect("writes");
    assert_eq!(
        json,
        concat!(
            r#"{"blob":"Zm9v","boolean":true,"string":"text","byte":-8,"short":-16000,"#,
            r#""integer":2000000000,"long":9007199254740993,"float":1.5,"double":-0.25,"#,
            r#""bigInteger":18446744073709551615,"bigDecimal":12.5}"#
        )
    );
    let back: Everything = serde_json::from_str(&json).expect("reads");
    assert_eq!(back, value);
}

#[test]
fn an_empty_structure_is_an_empty_object() {
    assert_eq!(
        serde_json::to_string(&Everything::new()).expect("writes"),
        "{}"
    );
    assert_eq!(read(json!({})).expect("reads"), Everything::new());
}

#[test]
fn non_finite_floats_are_strings_on_the_wire() {
    let value = Everything::new()
        .with_float(f32::INFINITY)
        .with_double(f64::NEG_INFINITY);
    assert_eq!(
        serde_json::to_value(&value).expect("writes"),
        json!({"float": "Infinity", "double": "-Infinity"})
    );
    let nan = Everything::new().with_float(f32::NAN).with_double(f64::NAN);
    assert_eq!(
        serde_json::to_value(&nan).expect("writes"),
        json!({"float": "NaN", "double": "NaN"})
    );
    let back = read(json!({"float": "NaN", "double": "Infinity"})).expect("reads");
    assert!(back.float.is_some_and(f32::is_nan));
    assert_eq!(back.double, Some(f64::INFINITY));
    let negative = read(json!({"float": "-Infinity"})).expect("reads");
    assert_eq!(negative.float, Some(f32::NEG_INFINITY));
}

#[test]
fn floats_accept_integers_and_refuse_other_strings() {
    let value = read(json!({"float": 3, "double": -7})).expect("integers are numbers");
    assert_eq!((value.float, value.double), (Some(3.0), Some(-7.0)));
    for bad in ["nan", "inf", "1.5", ""] {
        let error = read(json!({ "double": bad })).expect_err(bad);
        assert!(!error.to_string().is_empty());
    }
}

#[test]
fn integers_out_of_range_are_errors() {
    assert!(read(json!({"byte": 128})).is_err());
    assert!(read(json!({"short": 40000})).is_err());
    assert!(read(json!({"integer": 3_000_000_000_u64})).is_err());
    assert!(read(json!({"integer": 1.5})).is_err());
    assert_eq!(read(json!({"byte": -128})).expect("fits").byte, Some(-128));
}

#[test]
fn blobs_are_base64() {
    let value = read(json!({"blob": "AAEC/w=="})).expect("reads");
    assert_eq!(
        value.blob.as_ref().map(Blob::as_bytes),
        Some(&[0u8, 1, 2, 255][..])
    );
    assert_eq!(
        serde_json::to_value(&value).expect("writes"),
        json!({"blob": "AAEC/w=="})
    );
    let empty = read(json!({"blob": ""})).expect("reads");
    assert_eq!(empty.blob.map(Blob::into_inner), Some(Vec::new()));
    assert!(read(json!({"blob": "not base64!"})).is_err());
    assert!(read(json!({"blob": 12})).is_err());
}

#[test]
fn documents_are_written_and_read_verbatim() {
    for document in [
        json!({"a": [1, "two", null, {"b": false}], "n": 1.5}),
        json!([1, 2, 3]),
        json!("just a string"),
        json!(42),
        json!(true),
        json!({}),
    ] {
        let value = read(json!({ "document": document })).expect("reads");
        assert_eq!(value.document.as_ref(), Some(&document));
        assert_eq!(
            serde_json::to_value(&value).expect("writes"),
            json!({ "document": document })
        );
    }
}

#[test]
fn big_numbers_read_from_json_numbers() {
    let value = read(json!({"bigInteger": -42, "bigDecimal": -0.5})).expect("reads");
    assert_eq!(
        value.big_integer.as_ref().map(BigInteger::as_str),
        Some("-42")
    );
    assert_eq!(
        value.big_decimal.as_ref().map(BigDecimal::as_str),
        Some("-0.5")
    );
    assert!(read(json!({"bigInteger": 1.5})).is_err());
    assert!(BigInteger::new("12x").is_err());
}

#[test]
fn booleans_and_strings_refuse_other_types() {
    assert!(read(json!({"boolean": "true"})).is_err());
    assert!(read(json!({"string": 5})).is_err());
    assert_eq!(
        read(json!({"boolean": false})).expect("reads").boolean,
        Some(false)
    );
}
