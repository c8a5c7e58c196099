//! Reading a union: a JSON object with exactly one member set.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::Deserializer;
use serde_json::Value;

/// The key servers may add to a union object to name its type; never a member.
const TYPE_KEY: &str = "__type";
/// How many member names an error lists before summarizing the rest.
const NAMES_LISTED: usize = 8;

/// Reads a union object and returns its one member name and value.
///
/// A top-level `__type` key and keys whose value is `null` are skipped. With
/// none left the error is "union `X` has no member set"; with several,
/// "union `X` has more than one member set: `a`, `b`". Anything but an object
/// is an error too. Unknown names are returned like known ones: the caller
/// decides what an unknown member becomes.
pub fn single_member<'de, D: Deserializer<'de>>(
    deserializer: D,
    union_name: &'static str,
) -> Result<(String, Value), D::Error> {
    deserializer.deserialize_map(SingleMemberVisitor { union_name })
}

struct SingleMemberVisitor {
    union_name: &'static str,
}

impl<'de> Visitor<'de> for SingleMemberVisitor {
    type Value = (String, Value);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "union `{}` as an object with exactly one member set",
            self.union_name
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(String, Value), A::Error> {
        let mut first: Option<(String, Value)> = None;
        let mut others: Vec<String> = Vec::new();
        let mut unlisted = 0usize;
        while let Some(key) = map.next_key::<String>()? {
            if key == TYPE_KEY {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let value: Value = map.next_value()?;
            if value.is_null() {
                continue;
            }
            if first.is_none() {
                first = Some((key, value));
            } else if others.len() + 1 < NAMES_LISTED {
                others.push(key);
            } else {
                unlisted += 1;
            }
        }
        let Some((name, value)) = first else {
            return Err(de::Error::custom(format_args!(
                "union `{}` has no member set",
                self.union_name
            )));
        };
        if others.is_empty() {
            return Ok((name, value));
        }
        let mut names = format!("`{name}`");
        for other in &others {
            names.push_str(&format!(", `{other}`"));
        }
        if unlisted > 0 {
            names.push_str(&format!(" and {unlisted} more"));
        }
        Err(de::Error::custom(format_args!(
            "union `{}` has more than one member set: {names}",
            self.union_name
        )))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn read(value: Value) -> Result<(String, Value), String> {
        single_member(value, "Contents").map_err(|error| error.to_string())
    }

    #[test]
    fn returns_the_one_member_set() {
        assert_eq!(
            read(json!({"stringValue": "foo"})),
            Ok(("stringValue".to_owned(), json!("foo")))
        );
    }

    #[test]
    fn ignores_type_key_and_null_members() {
        let value = json!({"__type": "aws.protocoltests.json#MyUnion", "a": null, "structureValue": {"hi": "hello"}});
        assert_eq!(
            read(value),
            Ok(("structureValue".to_owned(), json!({"hi": "hello"})))
        );
    }

    #[test]
    fn reads_straight_from_json_text() {
        let mut deserializer =
            serde_json::Deserializer::from_str(r#"{"blobValue": "Zm9v", "__type": 5}"#);
        let (name, value) = single_member(&mut deserializer, "Contents").unwrap();
        assert_eq!((name.as_str(), value), ("blobValue", json!("Zm9v")));
    }

    #[test]
    fn rejects_no_member() {
        for value in [json!({}), json!({"__type": "X"}), json!({"a": null})] {
            assert_eq!(
                read(value),
                Err("union `Contents` has no member set".to_owned())
            );
        }
    }

    #[test]
    fn rejects_two_members_naming_both() {
        assert_eq!(
            read(json!({"a": 1, "b": 2})),
            Err("union `Contents` has more than one member set: `a`, `b`".to_owned())
        );
    }

    #[test]
    fn many_members_are_listed_briefly() {
        let object: serde_json::Map<String, Value> =
            (0..20).map(|i| (format!("m{i:02}"), json!(i))).collect();
        let error = read(Value::Object(object)).unwrap_err();
        assert!(error.ends_with("`m07` and 12 more"), "{error}");
    }

    #[test]
    fn rejects_non_objects() {
        for value in [json!(null), json!("a"), json!(["a"])] {
            let error = read(value).unwrap_err();
            assert!(
                error
                    .contains("expected union `Contents` as an object with exactly one member set"),
                "{error}"
            );
        }
    }
}
