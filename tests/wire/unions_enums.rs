//! Kitchen sink: unions (unit, recursive and keyword members, `__type`,
//! unknown members) and open enums and intEnums.

use kitchen_sink_types::{Choice, Keywords, Priority, Suit, Visibility};
use serde_json::json;

fn read(json: serde_json::Value) -> Result<Choice, serde_json::Error> {
    serde_json::from_value(json)
}

fn write(choice: &Choice) -> serde_json::Value {
    serde_json::to_value(choice).expect("writes")
}

#[test]
fn each_union_member_round_trips() {
    let cases = [
        (Choice::Text("hi".into()), json!({"text": "hi"})),
        (Choice::Number(-3), json!({"number": -3})),
        (Choice::Nothing, json!({"nothing": {}})),
        (
            Choice::Nested(Box::new(Choice::Nested(Box::new(Choice::Number(1))))),
            json!({"nested": {"nested": {"number": 1}}}),
        ),
        (
            Choice::Self_(Keywords::new().with_type("t")),
            json!({"Self": {"type": "t"}}),
        ),
    ];
    for (choice, wire) in cases {
        assert_eq!(write(&choice), wire);
        assert_eq!(read(wire.clone()).expect("reads"), choice, "{wire}");
    }
}

#[test]
fn a_unit_member_is_an_empty_object() {
    assert_eq!(
        serde_json::to_string(&Choice::Nothing).expect("writes"),
        r#"{"nothing":{}}"#
    );
    assert_eq!(
        read(json!({"nothing": {}})).expect("reads"),
        Choice::Nothing
    );
}

#[test]
fn a_union_ignores_dunder_type_and_null_members() {
    let choice = read(json!({"__type": "example.kitchensink#Choice", "text": null, "number": 7}))
        .expect("reads");
    assert_eq!(choice, Choice::Number(7));
}

#[test]
fn an_unknown_union_member_is_kept_by_name_but_cannot_be_sent() {
    let choice = read(json!({"brandNew": {"deep": [1, 2]}})).expect("reads");
    assert_eq!(choice, Choice::Unknown("brandNew".into()));
    let error = serde_json::to_string(&choice).expect_err("unknown members cannot be sent");
    assert!(error.to_string().contains("brandNew"), "{error}");
}

#[test]
fn a_union_needs_exactly_one_member() {
    let none = read(json!({})).expect_err("no member set");
    assert!(none.to_string().contains("Choice"), "{none}");
    let only_type = read(json!({"__type": "x"})).expect_err("`__type` is not a member");
    assert!(only_type.to_string().contains("Choice"), "{only_type}");
    let two = read(json!({"text": "a", "number": 1})).expect_err("two members set");
    let message = two.to_string();
    assert!(
        message.contains("text") && message.contains("number"),
        "{message}"
    );
    assert!(read(json!(["text"])).is_err());
}

#[test]
fn a_structure_member_of_a_union_is_never_read_from_an_array() {
    // Positional decoding would give Keywords { type: "t", match: "m" }.
    let err = read(json!({"Self": ["t", "m"]})).expect_err("an array is not a structure");
    assert!(err.to_string().contains("struct Keywords"), "{err}");
    let ok = awsgen_types::json::from_slice::<Choice>(br#"{"Self":{"type":"t"}}"#);
    assert_eq!(
        ok.expect("an object is"),
        Choice::Self_(Keywords::new().with_type("t"))
    );
}

#[test]
fn a_union_member_of_the_wrong_type_is_an_error() {
    assert!(read(json!({"number": "one"})).is_err());
    assert!(read(json!({"nested": 5})).is_err());
}

#[test]
// `OLD_SPADE` is @deprecated in the model; it must still be read and written.
#[allow(deprecated)]
fn enum_wire_values_differ_from_member_names() {
    let cases = [
        (Suit::Diamond, "diamond"),
        (Suit::Club, "club"),
        (Suit::Heart, "HEART"),
        (Suit::OldSpade, "spade"),
    ];
    for (suit, wire) in cases {
        assert_eq!(serde_json::to_value(&suit).expect("writes"), json!(wire));
        let back: Suit = serde_json::from_value(json!(wire)).expect("reads");
        assert_eq!(back, suit);
    }
    assert_eq!(Suit::VALUES, &["diamond", "club", "HEART", "spade"]);
}

#[test]
fn unknown_enum_values_round_trip_unchanged() {
    let suit: Suit = serde_json::from_value(json!("DIAMOND")).expect("reads");
    assert_eq!(
        suit,
        Suit::Unknown("DIAMOND".into()),
        "matching is case-sensitive"
    );
    assert_eq!(
        serde_json::to_value(&suit).expect("writes"),
        json!("DIAMOND")
    );
    assert_eq!("club".parse::<Suit>(), Ok(Suit::Club));
    assert!(serde_json::from_value::<Suit>(json!(1)).is_err());
}

#[test]
fn int_enums_are_numbers_and_stay_open() {
    assert_eq!(
        serde_json::to_value(Priority::High).expect("writes"),
        json!(10)
    );
    let low: Priority = serde_json::from_value(json!(1)).expect("reads");
    assert_eq!(low, Priority::Low);
    let other: Priority = serde_json::from_value(json!(7)).expect("reads");
    assert_eq!(other, Priority::Unknown(7));
    assert_eq!(serde_json::to_value(other).expect("writes"), json!(7));
    assert_eq!(Priority::from(10), Priority::High);
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}

#[test]
fn a_member_named_like_the_catch_all_moves_the_catch_all_aside() {
    // `Visibility$Unknown_` takes the Rust name `Unknown`; unknown values go
    // to `UnknownValue` instead.
    let known: Visibility = serde_json::from_value(json!("unknown")).expect("reads");
    assert_eq!(known, Visibility::Unknown);
    let other: Visibility = serde_json::from_value(json!("HIDDEN")).expect("reads");
    assert_eq!(other, Visibility::UnknownValue("HIDDEN".into()));
    assert_eq!(
        serde_json::to_value(&other).expect("writes"),
        json!("HIDDEN")
    );
    assert_eq!(
        serde_json::to_value(Visibility::Unknown).expect("writes"),
        json!("unknown")
    );
    assert_eq!(Visibility::VALUES, &["VISIBLE", "unknown"]);
}
