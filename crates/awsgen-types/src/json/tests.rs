use std::collections::HashMap;

use serde::Deserialize;
use serde_json::json;

use super::*;
use crate::serde_as::{As, EpochSeconds, Float, OrZero, Same};
use crate::{BigDecimal, Blob, DateTime, Document};

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct ImageId {
    #[serde(rename = "imageDigest", default)]
    digest: Option<String>,
    #[serde(rename = "imageTag", default)]
    tag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Wrapper(ImageId);

#[derive(Debug, Clone, PartialEq, Deserialize)]
enum Tagged {
    Newtype(ImageId),
    Struct {
        #[serde(default)]
        tag: Option<String>,
    },
    Pair(String, u8),
    Unit,
}

/// Every place a nested struct can sit, plus the runtime's own value types.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Output {
    #[serde(rename = "registryId", default)]
    registry_id: Option<String>,
    #[serde(rename = "imageId", default)]
    image_id: Option<ImageId>,
    #[serde(rename = "images", default)]
    images: Vec<ImageId>,
    #[serde(rename = "byTag", default)]
    by_tag: HashMap<String, ImageId>,
    #[serde(rename = "wrapped", default)]
    wrapped: Option<Wrapper>,
    #[serde(rename = "tagged", default)]
    tagged: Vec<Tagged>,
    #[serde(rename = "tags", default)]
    tags: Vec<String>,
    #[serde(rename = "pushedAt", default, with = "As::<Option<EpochSeconds>>")]
    pushed_at: Option<DateTime>,
    #[serde(rename = "score", default, with = "As::<OrZero<Float>>")]
    score: f64,
    #[serde(rename = "count", default, with = "As::<OrZero<Same>>")]
    count: i32,
    #[serde(rename = "blob", default)]
    blob: Option<Blob>,
    #[serde(rename = "big", default)]
    big: Option<BigDecimal>,
    #[serde(rename = "document", default)]
    document: Option<Document>,
}

const WELL_FORMED: &str = r#"{
    "registryId": "123456789012",
    "imageId": {"imageDigest": "sha256:abc", "imageTag": "v1"},
    "images": [{"imageTag": "a"}, {"imageDigest": "d", "extra": [1, {"x": 2}]}],
    "byTag": {"v1": {"imageDigest": "d1"}, "v2": {}},
    "wrapped": {"imageTag": "w"},
    "tagged": [{"Newtype": {"imageTag": "n"}}, {"Struct": {"tag": "s"}}, {"Pair": ["p", 7]}, "Unit"],
    "tags": ["x", "y"],
    "pushedAt": 1515531081.123,
    "score": "NaN",
    "count": null,
    "blob": "Zm9v",
    "big": "123456789012345678901234567890.5",
    "document": [1, "two", {"three": [3.5, null, true]}],
    "unknownMember": {"nested": [[], {}]}
}"#;

fn message<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> String {
    from_slice::<T>(text.as_bytes())
        .expect_err("an array in place of a struct")
        .to_string()
}

#[test]
fn a_top_level_array_for_a_struct_is_refused_naming_the_struct() {
    // Plain serde_json fills the struct by position.
    let positional: ImageId = serde_json::from_str(r#"["sha256:abc","v1"]"#).unwrap();
    assert_eq!(positional.tag.as_deref(), Some("v1"));
    let text = message::<ImageId>(r#"["sha256:abc","v1"]"#);
    assert!(
        text.starts_with("invalid type: sequence, expected struct ImageId at line 1"),
        "{text}"
    );
}

#[test]
fn nested_arrays_for_structs_are_refused_wherever_they_sit() {
    for (body, expected) in [
        (r#"{"imageId":["d","t"]}"#, "struct ImageId"),
        (
            r#"{"images":[{"imageTag":"a"},["d","t"]]}"#,
            "struct ImageId",
        ),
        (r#"{"byTag":{"v1":["d","t"]}}"#, "struct ImageId"),
        (r#"{"wrapped":["d","t"]}"#, "struct ImageId"),
        (r#"{"tagged":[{"Newtype":["d","t"]}]}"#, "struct ImageId"),
        (
            r#"{"tagged":[{"Struct":["s"]}]}"#,
            "struct variant Tagged::Struct",
        ),
        (r#"["123456789012"]"#, "struct Output"),
    ] {
        let text = message::<Output>(body);
        assert!(
            text.contains(&format!("invalid type: sequence, expected {expected}")),
            "{body}: {text}"
        );
    }
    assert!(message::<Option<ImageId>>(r#"["d"]"#).contains("expected struct ImageId"));
    assert!(message::<Vec<Option<ImageId>>>(r#"[null,["d"]]"#).contains("expected struct ImageId"));
}

#[test]
fn a_well_formed_body_decodes_as_plain_serde_json_does() {
    let ours: Output = from_slice(WELL_FORMED.as_bytes()).unwrap();
    let plain: Output = serde_json::from_str(WELL_FORMED).unwrap();
    assert!(ours.score.is_nan() && plain.score.is_nan());
    let comparable = |output: &Output| Output {
        score: 0.0,
        ..output.clone()
    };
    assert_eq!(comparable(&ours), comparable(&plain));
    // Spot checks that the value is the intended one, not just an equal one.
    assert_eq!(ours.images.len(), 2);
    assert_eq!(
        ours.by_tag["v2"],
        ImageId {
            digest: None,
            tag: None
        }
    );
    assert_eq!(ours.tagged[2], Tagged::Pair("p".into(), 7));
    assert_eq!(ours.tagged[3], Tagged::Unit);
    assert_eq!(
        ours.pushed_at,
        Some(DateTime::from_millis(1_515_531_081_123))
    );
    assert_eq!(ours.count, 0);
    assert_eq!(ours.blob.as_ref().map(Blob::as_ref), Some(&b"foo"[..]));
    assert_eq!(
        ours.big.as_ref().map(BigDecimal::as_str),
        Some("123456789012345678901234567890.5")
    );
    assert_eq!(
        ours.document,
        Some(json!([1, "two", {"three": [3.5, null, true]}]))
    );
}

#[test]
fn nulls_and_empty_objects_read_as_absent() {
    let ours: Output = from_slice(br#"{"imageId":null,"wrapped":null,"pushedAt":null}"#).unwrap();
    let empty: Output = from_slice(b"{}").unwrap();
    assert_eq!(ours.image_id, None);
    assert_eq!(ours.wrapped, None);
    assert_eq!(ours.pushed_at, None);
    assert_eq!(ours.registry_id, empty.registry_id);
}

#[test]
fn unknown_members_are_ignored_at_every_level() {
    let id: ImageId = from_slice(br#"{"imageTag":"t","new":[1,[2]],"obj":{"a":{}}}"#).unwrap();
    assert_eq!(
        id,
        ImageId {
            digest: None,
            tag: Some("t".into())
        }
    );
}

#[test]
fn trailing_characters_are_an_error_and_whitespace_is_not() {
    let text = from_slice::<ImageId>(br#"{"imageTag":"t"} x"#)
        .unwrap_err()
        .to_string();
    assert!(text.starts_with("trailing characters"), "{text}");
    assert!(from_slice::<ImageId>(b"{}{}").is_err());
    assert!(from_slice::<ImageId>(b" {} \n").is_ok());
}

#[test]
fn arrays_where_the_model_has_lists_still_read() {
    let tags: Vec<String> = from_slice(br#"["a","b"]"#).unwrap();
    assert_eq!(tags, ["a", "b"]);
    let document: Document = from_slice(br#"[{"a":[1]},2]"#).unwrap();
    assert_eq!(document, json!([{"a": [1]}, 2]));
}

#[test]
fn errors_are_serde_jsons_own_with_their_position() {
    let ours = from_slice::<Output>(br#"{"images":[{"imageTag":5}]}"#).unwrap_err();
    let plain = serde_json::from_slice::<Output>(br#"{"images":[{"imageTag":5}]}"#).unwrap_err();
    assert_eq!(ours.to_string(), plain.to_string());
    assert_eq!((ours.line(), ours.column()), (1, 24));
}

#[test]
fn the_adapter_also_guards_an_already_parsed_value() {
    let value = json!({"imageId": ["d", "t"]});
    let text = Output::deserialize(StructsFromObjects::new(value))
        .unwrap_err()
        .to_string();
    assert!(text.contains("expected struct ImageId"), "{text}");
    let fine = ImageId::deserialize(StructsFromObjects::new(json!({"imageTag": "t"}))).unwrap();
    assert_eq!(fine.tag.as_deref(), Some("t"));
}

#[test]
fn deep_nesting_hits_serde_jsons_recursion_limit_not_the_stack() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let text = from_slice::<Document>(deep(10_000).as_bytes())
        .unwrap_err()
        .to_string();
    assert!(text.starts_with("recursion limit exceeded"), "{text}");
    assert!(from_slice::<Document>(deep(120).as_bytes()).is_ok());
}

#[test]
fn text_that_is_not_utf8_is_refused_with_serde_jsons_position() {
    // Valid UTF-8 takes the checked-once path; these bytes take the other,
    // and the error must be what plain serde_json says, position included.
    let bad = b"{\"registryId\":\"12\xff34\"}";
    let ours = from_slice::<Output>(bad).unwrap_err();
    let plain = serde_json::from_slice::<Output>(bad).unwrap_err();
    assert_eq!(ours.to_string(), plain.to_string());
    assert_eq!((ours.line(), ours.column()), (1, 18));
    let lone_continuation = b"{\"images\":[{\"imageTag\":\"\x80\"}]}";
    assert!(from_slice::<Output>(lone_continuation).is_err());
}

#[test]
fn non_ascii_and_escaped_text_reads_the_same_on_both_paths() {
    let text = r#"{"registryId":"caf\u00e9 ☕","tags":["\ud83d\ude00","naïve","a\"b\\c"]}"#;
    let ours = from_slice::<Output>(text.as_bytes()).unwrap();
    let plain = serde_json::from_slice::<Output>(text.as_bytes()).unwrap();
    assert_eq!(ours, plain);
    assert_eq!(ours.registry_id.as_deref(), Some("café ☕"));
    assert_eq!(ours.tags, ["😀", "naïve", "a\"b\\c"]);
}
