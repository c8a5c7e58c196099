//! Adapters for containers: `Option<U>`, `Vec<U>` and `BTreeMap<String, U>`
//! apply the element adapter `U` to each element.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserializer, Serializer};

use super::{DeserializeAs, DeserializeAsWrap, SerializeAs, SerializeWith};

/// Capacity reserved up front at most, whatever length a peer announces.
const MAX_PREALLOCATED: usize = 1024;

impl<T, U: SerializeAs<T>> SerializeAs<Option<T>> for Option<U> {
    fn serialize_as<S: Serializer>(source: &Option<T>, serializer: S) -> Result<S::Ok, S::Error> {
        match source {
            Some(value) => serializer.serialize_some(&SerializeWith::<U, T>::new(value)),
            None => serializer.serialize_none(),
        }
    }
}

impl<'de, T, U: DeserializeAs<'de, T>> DeserializeAs<'de, Option<T>> for Option<U> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(OptionVisitor::<T, U>(PhantomData))
    }
}

struct OptionVisitor<T, U>(PhantomData<(T, U)>);

impl<'de, T, U: DeserializeAs<'de, T>> Visitor<'de> for OptionVisitor<T, U> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        U::deserialize_as(deserializer).map(Some)
    }
}

impl<T, U: SerializeAs<T>> SerializeAs<Vec<T>> for Vec<U> {
    fn serialize_as<S: Serializer>(source: &Vec<T>, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(source.len()))?;
        for item in source {
            seq.serialize_element(&SerializeWith::<U, T>::new(item))?;
        }
        seq.end()
    }
}

impl<'de, T, U: DeserializeAs<'de, T>> DeserializeAs<'de, Vec<T>> for Vec<U> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(VecVisitor::<T, U>(PhantomData))
    }
}

struct VecVisitor<T, U>(PhantomData<(T, U)>);

impl<'de, T, U: DeserializeAs<'de, T>> Visitor<'de> for VecVisitor<T, U> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_PREALLOCATED));
        while let Some(item) = seq.next_element::<DeserializeAsWrap<T, U>>()? {
            items.push(item.into_inner());
        }
        Ok(items)
    }
}

impl<T, U: SerializeAs<T>> SerializeAs<BTreeMap<String, T>> for BTreeMap<String, U> {
    fn serialize_as<S: Serializer>(
        source: &BTreeMap<String, T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(source.len()))?;
        for (key, value) in source {
            map.serialize_entry(key, &SerializeWith::<U, T>::new(value))?;
        }
        map.end()
    }
}

impl<'de, T, U: DeserializeAs<'de, T>> DeserializeAs<'de, BTreeMap<String, T>>
    for BTreeMap<String, U>
{
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, T>, D::Error> {
        deserializer.deserialize_map(MapVisitor::<T, U>(PhantomData))
    }
}

struct MapVisitor<T, U>(PhantomData<(T, U)>);

impl<'de, T, U: DeserializeAs<'de, T>> Visitor<'de> for MapVisitor<T, U> {
    type Value = BTreeMap<String, T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BTreeMap<String, T>, A::Error> {
        let mut entries = BTreeMap::new();
        // A repeated key keeps its last value, as serde's own maps do.
        while let Some((key, value)) = map.next_entry::<String, DeserializeAsWrap<T, U>>()? {
            entries.insert(key, value.into_inner());
        }
        Ok(entries)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::serde_as::{deserialize_value_as, Float, Same};

    #[test]
    fn option_maps_none_to_null_both_ways() {
        let none =
            serde_json::to_value(SerializeWith::<Option<Float>, Option<f64>>::new(&None)).unwrap();
        assert_eq!(none, json!(null));
        assert_eq!(
            deserialize_value_as::<Option<Float>, Option<f64>>(json!(null)).unwrap(),
            None
        );
        assert_eq!(
            deserialize_value_as::<Option<Float>, Option<f64>>(json!("Infinity")).unwrap(),
            Some(f64::INFINITY)
        );
    }

    #[test]
    fn dense_lists_reject_null_elements() {
        let error = deserialize_value_as::<Vec<Same>, Vec<String>>(json!(["a", null])).unwrap_err();
        assert!(error.to_string().contains("invalid type: null"), "{error}");
    }

    #[test]
    fn sparse_lists_keep_null_elements_both_ways() {
        let items = vec![Some("a".to_owned()), None];
        let json =
            serde_json::to_value(SerializeWith::<Vec<Option<Same>>, _>::new(&items)).unwrap();
        assert_eq!(json, json!(["a", null]));
        assert_eq!(
            deserialize_value_as::<Vec<Option<Same>>, Vec<Option<String>>>(json).unwrap(),
            items
        );
    }

    #[test]
    fn maps_apply_the_adapter_to_values() {
        let map: BTreeMap<String, f64> =
            [("a".to_owned(), f64::NEG_INFINITY), ("b".to_owned(), 2.0)].into();
        let json =
            serde_json::to_value(SerializeWith::<BTreeMap<String, Float>, _>::new(&map)).unwrap();
        assert_eq!(json, json!({"a": "-Infinity", "b": 2.0}));
        assert_eq!(
            deserialize_value_as::<BTreeMap<String, Float>, BTreeMap<String, f64>>(json).unwrap(),
            map
        );
    }

    #[test]
    fn dense_maps_reject_null_values_and_sparse_maps_keep_them() {
        let json = json!({"a": null});
        assert!(
            deserialize_value_as::<BTreeMap<String, Same>, BTreeMap<String, String>>(json.clone())
                .is_err()
        );
        let sparse = deserialize_value_as::<
            BTreeMap<String, Option<Same>>,
            BTreeMap<String, Option<String>>,
        >(json)
        .unwrap();
        assert_eq!(sparse, [("a".to_owned(), None)].into());
    }

    #[test]
    fn wrong_container_kinds_are_rejected() {
        assert!(deserialize_value_as::<Vec<Same>, Vec<u8>>(json!({"a": 1})).is_err());
        assert!(
            deserialize_value_as::<BTreeMap<String, Same>, BTreeMap<String, u8>>(json!([1]))
                .is_err()
        );
    }
}
