//! The `{}` that stands for a union member targeting `smithy.api#Unit`.

use std::fmt;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{DeserializeAs, SerializeAs};

/// Serializes as `{}`; deserializes from any JSON object, ignoring its keys.
/// Usable as a value, or as the adapter for `()`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct EmptyObject;

impl Serialize for EmptyObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_map(Some(0))?.end()
    }
}

impl<'de> Deserialize<'de> for EmptyObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(EmptyObjectVisitor)
    }
}

struct EmptyObjectVisitor;

impl<'de> Visitor<'de> for EmptyObjectVisitor {
    type Value = EmptyObject;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object (the unit member's `{}`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EmptyObject, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(EmptyObject)
    }
}

impl SerializeAs<()> for EmptyObject {
    fn serialize_as<S: Serializer>(_source: &(), serializer: S) -> Result<S::Ok, S::Error> {
        EmptyObject.serialize(serializer)
    }
}

impl<'de> DeserializeAs<'de, ()> for EmptyObject {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
        EmptyObject::deserialize(deserializer).map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::serde_as::{deserialize_value_as, SerializeWith};

    #[test]
    fn serializes_as_an_empty_object() {
        assert_eq!(serde_json::to_string(&EmptyObject).unwrap(), "{}");
        assert_eq!(
            serde_json::to_string(&SerializeWith::<EmptyObject, ()>::new(&())).unwrap(),
            "{}"
        );
    }

    #[test]
    fn deserializes_from_any_object() {
        assert_eq!(
            serde_json::from_str::<EmptyObject>("{}").unwrap(),
            EmptyObject
        );
        assert_eq!(
            serde_json::from_str::<EmptyObject>(r#"{"extra":[1,{"x":null}]}"#).unwrap(),
            EmptyObject
        );
        deserialize_value_as::<EmptyObject, ()>(json!({})).unwrap();
    }

    #[test]
    fn rejects_non_objects() {
        for bad in ["null", "[]", r#""{}""#, "0"] {
            let error = serde_json::from_str::<EmptyObject>(bad)
                .unwrap_err()
                .to_string();
            assert!(error.contains("expected an object"), "{bad}: {error}");
        }
    }
}
