use super::cbor_items::{compare, parse, same, Item};

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn item(text: &str) -> Item {
    parse(&hex(text)).unwrap()
}

#[test]
fn maps_are_unordered_and_lengths_of_either_form_are_equal() {
    // {"a": 1, "b": [_ "x"]} against {_ "b": ["x"], "a": 1}
    assert!(same(
        &item("a2 6161 01 6162 9f 6178 ff"),
        &item("bf 6162 81 6178 6161 01 ff")
    ));
    // A text string in chunks equals the whole.
    assert!(same(&item("7f 6161 6162 ff"), &item("62 6162")));
}

#[test]
fn numbers_compare_by_value_across_widths_and_kinds() {
    // 1.5 as f16, f32 and f64; 1 as an integer and a float; NaN as f16 and f64.
    assert!(same(&item("f9 3e00"), &item("fb 3ff8000000000000")));
    assert!(same(&item("fa 3fc00000"), &item("f9 3e00")));
    assert!(same(&item("01"), &item("f9 3c00")));
    assert!(same(&item("f9 7e00"), &item("fb 7ff8000000000000")));
    assert!(!same(&item("01"), &item("02")));
    assert!(!same(&item("20"), &item("01")));
}

#[test]
fn differences_are_named_by_their_path() {
    let mut problems = Vec::new();
    compare(
        &item("a2 6161 82 01 02 6163 f5"),
        &item("a2 6161 82 01 03 6162 f4"),
        "body",
        &mut problems,
    );
    assert_eq!(
        problems,
        [
            "body.\"a\"[1]: expected 3, got 2",
            "body.\"b\": missing, expected false",
            "body.\"c\": not expected, got true",
        ]
    );
}

#[test]
fn tags_bytes_and_nulls_must_match() {
    assert!(same(&item("c1 01"), &item("c1 f9 3c00")));
    assert!(!same(&item("c1 01"), &item("01")));
    assert!(!same(&item("41 01"), &item("41 02")));
    assert!(!same(&item("f6"), &item("f7")));
}

#[test]
fn malformed_bodies_are_errors_not_panics() {
    for (body, message) in [
        ("", "the body ends inside a data item"),
        ("62 61", "a string of 2 bytes runs past the body"),
        ("01 02", "1 bytes follow the data item"),
        ("1c", "reserved additional information 28"),
        ("7f 41 61 ff", "a bad chunk in an indefinite-length string"),
    ] {
        assert_eq!(parse(&hex(body)).unwrap_err(), message, "{body}");
    }
    let deep = "81".repeat(1000) + "00";
    assert_eq!(parse(&hex(&deep)).unwrap_err(), "the body nests too deep");
}
