//! Kitchen sink: lists and maps, dense and sparse, and `@uniqueItems`.

use std::collections::BTreeMap;

use awsgen_types::{Validate, ViolationKind};
use kitchen_sink_types::Everything;
use serde_json::json;

fn read(json: serde_json::Value) -> Result<Everything, serde_json::Error> {
    serde_json::from_value(json)
}

fn write(value: &Everything) -> serde_json::Value {
    serde_json::to_value(value).expect("writes")
}

#[test]
fn dense_lists_round_trip_in_order() {
    let json = json!({"strings": ["b", "a", "b"]});
    let value = read(json.clone()).expect("reads");
    assert_eq!(
        value.strings,
        Some(vec!["b".into(), "a".into(), "b".into()])
    );
    assert_eq!(write(&value), json);
    let empty = read(json!({"strings": []})).expect("reads");
    assert_eq!(empty.strings, Some(Vec::new()));
    assert_eq!(write(&empty), json!({"strings": []}));
}

#[test]
fn a_null_in_a_dense_list_is_an_error() {
    let error = read(json!({"strings": ["a", null]})).expect_err("dense lists hold no null");
    assert!(!error.to_string().is_empty());
}

#[test]
fn sparse_lists_keep_their_nulls() {
    let json = json!({"sparseStrings": ["a", null, "b", null]});
    let value = read(json.clone()).expect("reads");
    assert_eq!(
        value.sparse_strings,
        Some(vec![Some("a".into()), None, Some("b".into()), None])
    );
    assert_eq!(write(&value), json, "nulls are written back");
}

#[test]
fn dense_maps_round_trip_and_refuse_null_values() {
    let json = json!({"counts": {"one": 1, "two": 2}});
    let value = read(json.clone()).expect("reads");
    let expected: BTreeMap<String, i32> = [("one".into(), 1), ("two".into(), 2)].into();
    assert_eq!(value.counts, Some(expected));
    assert_eq!(write(&value), json);
    assert!(read(json!({"counts": {"one": null}})).is_err());
    assert!(read(json!({"counts": {"one": "1"}})).is_err());
}

#[test]
fn sparse_maps_keep_null_values() {
    let json = json!({"sparseCounts": {"set": 3, "unset": null}});
    let value = read(json.clone()).expect("reads");
    let expected: BTreeMap<String, Option<i32>> =
        [("set".into(), Some(3)), ("unset".into(), None)].into();
    assert_eq!(value.sparse_counts, Some(expected));
    assert_eq!(write(&value), json);
}

#[test]
fn maps_keyed_by_an_enum_keep_unknown_keys() {
    let json = json!({"suits": {"diamond": "red", "joker": "wild"}});
    let value = read(json.clone()).expect("reads");
    assert_eq!(
        value
            .suits
            .as_ref()
            .and_then(|m| m.get("joker"))
            .map(String::as_str),
        Some("wild")
    );
    assert_eq!(write(&value), json);
}

#[test]
fn unique_items_are_read_as_sent_and_checked_only_by_validate() {
    let value = read(json!({"uniqueStrings": ["x", "y", "x"]})).expect("reading never validates");
    assert_eq!(value.unique_strings.as_ref().map(Vec::len), Some(3));
    // `uniqueStrings` on `Everything` targets the list shape, whose own trait applies.
    let errors = value.validate().expect_err("a duplicate item");
    let violation = &errors.violations()[0];
    assert_eq!(violation.path, "uniqueStrings");
    assert_eq!(
        violation.kind,
        ViolationKind::UniqueItems {
            first: 0,
            second: 2
        }
    );
}

#[test]
fn collections_refuse_the_wrong_json_type() {
    assert!(read(json!({"strings": "a"})).is_err());
    assert!(read(json!({"counts": [1]})).is_err());
    assert!(read(json!({"sparseStrings": {"a": 1}})).is_err());
}
