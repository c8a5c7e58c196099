use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{from_slice, to_vec, MAX_DEPTH};
use crate::{Blob, DateTime};

#[derive(Debug, PartialEq, Serialize, Deserialize, Default)]
struct Item {
    #[serde(rename = "name", default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "size", default, skip_serializing_if = "Option::is_none")]
    size: Option<i64>,
    #[serde(rename = "ratio", default, skip_serializing_if = "Option::is_none")]
    ratio: Option<f32>,
    #[serde(rename = "data", default, skip_serializing_if = "Option::is_none")]
    data: Option<Blob>,
    #[serde(rename = "at", default, skip_serializing_if = "Option::is_none")]
    at: Option<DateTime>,
    #[serde(rename = "tags", default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<Option<String>>>,
    #[serde(rename = "inner", default, skip_serializing_if = "Option::is_none")]
    inner: Option<Box<Item>>,
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn error(bytes: &[u8]) -> String {
    from_slice::<Item>(bytes).unwrap_err().to_string()
}

#[test]
fn writes_definite_maps_shortest_integers_and_native_blobs_and_tags() {
    let item = Item {
        name: Some("a".into()),
        size: Some(-500),
        data: Some(Blob::from(&b"\x01\x02"[..])),
        at: Some(DateTime::from_secs(1)),
        ..Item::default()
    };
    // {"name": "a", "size": -500, "data": h'0102', "at": 1(1)}
    assert_eq!(
        to_vec(&item).unwrap(),
        hex(
            "a4646e616d6561616473697a6539 01f3 6464617461420102 626174c101"
                .replace(' ', "")
                .as_str()
        )
    );
}

#[test]
fn floats_keep_their_width_and_non_finite_values() {
    let item = Item {
        ratio: Some(f32::NAN),
        ..Item::default()
    };
    assert_eq!(to_vec(&item).unwrap(), hex("a165726174696ffa7fc00000"));
    let back: Item = from_slice(&to_vec(&item).unwrap()).unwrap();
    assert!(back.ratio.unwrap().is_nan());
}

#[test]
fn round_trips_nested_values_and_fractional_timestamps() {
    let item = Item {
        name: Some("outer".into()),
        at: Some(DateTime::from_millis(946_845_296_123)),
        tags: Some(vec![Some("x".into()), None]),
        inner: Some(Box::new(Item {
            ratio: Some(1.5),
            ..Item::default()
        })),
        ..Item::default()
    };
    assert_eq!(from_slice::<Item>(&to_vec(&item).unwrap()).unwrap(), item);
}

#[test]
fn half_precision_floats_read_as_their_value() {
    for (bits, expected) in [
        ("3c00", 1.0),
        ("0050", 80.0 * 2f32.powi(-24)),
        ("c400", -4.0),
    ] {
        let item: Item = from_slice(&hex(&format!("a165726174696ff9{bits}"))).unwrap();
        assert_eq!(item.ratio, Some(expected), "{bits}");
    }
    let inf: Item = from_slice(&hex("a165726174696ff97c00")).unwrap();
    assert_eq!(inf.ratio, Some(f32::INFINITY));
    let nan: Item = from_slice(&hex("a165726174696ff97c01")).unwrap();
    assert!(nan.ratio.unwrap().is_nan());
}

#[test]
fn indefinite_lengths_read_like_definite_ones() {
    // {_ "name": (_ "ab", "c"), "tags": [_ "x", null]}
    let item: Item = from_slice(&hex("bf646e616d657f626162616 3ff6474616773 9f6178f6ff ff"
        .replace(' ', "")
        .as_str()))
    .unwrap();
    assert_eq!(item.name.as_deref(), Some("abc"));
    assert_eq!(item.tags, Some(vec![Some("x".into()), None]));
    // A byte string in chunks.
    let item: Item = from_slice(&hex("a164646174615f4101420203ff")).unwrap();
    assert_eq!(item.data, Some(Blob::from(&[1u8, 2, 3][..])));
}

#[test]
fn undefined_reads_as_null_and_unknown_members_are_skipped() {
    // {"name": undefined, "zz": [1, {"a": h''}], "size": 3}
    let item: Item = from_slice(&hex("a3646e616d65f7627a7a8201a161614064 73697a6503"
        .replace(' ', "")
        .as_str()))
    .unwrap();
    assert_eq!(
        item,
        Item {
            size: Some(3),
            ..Item::default()
        }
    );
}

#[test]
fn timestamps_need_tag_1_and_read_integers_and_floats() {
    let item: Item = from_slice(&hex("a16261 74c1fb41cc37db380fbe77"
        .replace(' ', "")
        .as_str()))
    .unwrap();
    assert_eq!(item.at, Some(DateTime::from_millis(946_845_296_123)));
    let item: Item = from_slice(&hex("a1626174c11a3a6f3f70")).unwrap();
    assert_eq!(item.at, Some(DateTime::from_secs(980_369_264)));
    assert_eq!(
        error(&hex("a16261741a3a6f3f70")),
        "CBOR at byte 4: expected a timestamp (CBOR tag 1 around epoch seconds), found an unsigned integer"
    );
    assert_eq!(
        error(&hex("a1626174c21a3a6f3f70")),
        "CBOR at byte 4: expected a timestamp (CBOR tag 1 around epoch seconds), found CBOR tag 2"
    );
}

#[test]
fn structures_are_read_from_maps_only() {
    assert_eq!(
        error(&hex("8161 61".replace(' ', "").as_str())),
        "CBOR at byte 0: expected struct Item, found an array"
    );
}

#[test]
fn declared_lengths_beyond_the_body_fail_before_anything_is_reserved() {
    // A text string claiming 2^63 bytes, an array claiming 2^40 items, a map 2^32 pairs.
    assert_eq!(
        error(&hex("a1646e616d657b7fffffffffffffff61")),
        "CBOR at byte 6: a string declares 9223372036854775807 bytes but only 1 remain in the body"
    );
    assert_eq!(
        error(&hex("a1647461677 39b0000010000000000 6161".replace(' ', "").as_str())),
        "CBOR at byte 6: an array declares 1099511627776 entries but only 2 bytes remain in the body"
    );
    assert_eq!(
        error(&hex("bb0000000100000000a0")),
        "CBOR at byte 0: a map declares 4294967296 entries but only 1 bytes remain in the body"
    );
}

#[test]
fn nesting_is_limited_for_values_read_and_values_skipped() {
    let nested = |open: &str, depth: usize| {
        let mut text = String::from("a1627a7a");
        text.push_str(&open.repeat(depth));
        text.push_str("00");
        hex(&text)
    };
    assert!(from_slice::<Item>(&nested("81", MAX_DEPTH - 2)).is_ok());
    for deep in [
        nested("81", 100_000),
        nested("9f", 100_000),
        nested("a16161", 100_000),
    ] {
        let message = error(&deep);
        assert!(
            message.ends_with("arrays and maps nest deeper than 128 levels"),
            "{message}"
        );
    }
    // Recursive types too: {"inner": {"inner": ...}}.
    let mut deep = "a165696e6e6572".repeat(100_000);
    deep.push_str("a0");
    let message = error(&hex(&deep));
    assert!(
        message.ends_with("arrays and maps nest deeper than 128 levels"),
        "{message}"
    );
}

#[test]
fn malformed_bodies_name_the_problem_and_its_offset() {
    for (body, message) in [
        ("", "CBOR at byte 0: the body ends where a data item was expected"),
        ("a1646e616d65", "CBOR at byte 6: the body ends where a data item was expected"),
        ("a1646e616d6562ff", "CBOR at byte 6: a string declares 2 bytes but only 1 remain in the body"),
        ("a1646e616d6562c328", "CBOR at byte 6: a text string is not valid UTF-8"),
        ("a1646e616d651c", "CBOR at byte 6: initial byte 0x1c uses reserved additional information 28"),
        ("a1646e616d651f", "CBOR at byte 6: an unsigned integer cannot have an indefinite length"),
        ("a1646e616d657f4161ff", "CBOR at byte 7: a chunk of an indefinite-length string is not a definite string of the same type"),
        ("a0ff", "CBOR at byte 1: 1 bytes follow the body's data item"),
        ("a1646e616d6505", "CBOR at byte 6: invalid type: integer `5`, expected a string"),
        ("a1646e616d65e0", "CBOR at byte 6: simple value 0 is not a Smithy value"),
        ("a1646e616d65ff", "CBOR at byte 6: a break code where no indefinite-length item is open"),
    ] {
        assert_eq!(error(&hex(body)), message, "{body}");
    }
}

#[test]
fn maps_of_any_length_form_and_nulls_in_sparse_maps() {
    let map: BTreeMap<String, Option<i32>> =
        from_slice(&hex("bf6178f66179 01ff".replace(' ', "").as_str())).unwrap();
    assert_eq!(
        map,
        BTreeMap::from([("x".into(), None), ("y".into(), Some(1))])
    );
    assert_eq!(to_vec(&map).unwrap(), hex("a26178f6617901"));
}

#[test]
fn a_structure_that_writes_fewer_members_than_it_declared_is_an_error() {
    struct Liar;
    impl Serialize for Liar {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeStruct;
            let mut st = s.serialize_struct("Liar", 2)?;
            st.serialize_field("a", &1)?;
            st.end()
        }
    }
    assert_eq!(
        to_vec(&Liar).unwrap_err().to_string(),
        "CBOR: a structure declared 2 entries but wrote 1"
    );
}
