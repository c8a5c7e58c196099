//! Adapters that let generated code pick a wire form per field with
//! `#[serde(with = "::awsgen_types::serde_as::As::<Adapter>")]`.
//!
//! An adapter is a type `U` implementing [`SerializeAs<T>`] and
//! [`DeserializeAs<T>`](DeserializeAs): it says how a `T` travels. Adapters
//! nest like the types they describe, so `As::<Option<Vec<Float>>>` handles an
//! `Option<Vec<f64>>` whose elements may be `"NaN"`.
//!
//! | adapter | for | wire form |
//! |---|---|---|
//! | [`Same`] | any serde type | its own |
//! | [`Float`] | `f32`, `f64` | number, or `"NaN"`/`"Infinity"`/`"-Infinity"` |
//! | [`EpochSeconds`], [`DateTimeString`], [`HttpDate`] | [`DateTime`](crate::DateTime) | number, RFC 3339 string, IMF-fixdate string |
//! | `Option<U>` | `Option<T>` | `null` or U's form |
//! | `Vec<U>`, `BTreeMap<String, U>` | `Vec<T>`, `BTreeMap<String, T>` | array / object of U's form |
//! | [`OrZero<U>`] | a required `T: ZeroValue` | U's form; `null` reads as the zero value |
//! | [`EmptyObject`] | `()` (a union member targeting `smithy.api#Unit`) | `{}` |

mod collections;
mod empty_object;
mod float;
mod timestamp;
mod zero;

use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use empty_object::EmptyObject;
pub use float::Float;
pub use timestamp::{DateTimeString, EpochSeconds, HttpDate};
pub use zero::{zero_value, OrZero, ZeroValue};

/// How a `T` is written: implemented by adapter types.
pub trait SerializeAs<T: ?Sized> {
    /// Writes `source` in this adapter's wire form.
    fn serialize_as<S: Serializer>(source: &T, serializer: S) -> Result<S::Ok, S::Error>;
}

/// How a `T` is read: implemented by adapter types.
pub trait DeserializeAs<'de, T>: Sized {
    /// Reads a `T` from this adapter's wire form.
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error>;
}

/// The bridge to `#[serde(with = "...")]`: `As::<U>` serializes and
/// deserializes a field through adapter `U`.
pub struct As<T: ?Sized>(PhantomData<T>);

impl<T: ?Sized> As<T> {
    /// Serializes `value` through adapter `T`.
    pub fn serialize<S: Serializer, I: ?Sized>(value: &I, serializer: S) -> Result<S::Ok, S::Error>
    where
        T: SerializeAs<I>,
    {
        T::serialize_as(value, serializer)
    }

    /// Deserializes a value through adapter `T`.
    pub fn deserialize<'de, D: Deserializer<'de>, I>(deserializer: D) -> Result<I, D::Error>
    where
        T: DeserializeAs<'de, I>,
    {
        T::deserialize_as(deserializer)
    }
}

/// The identity adapter: a type's own `Serialize`/`Deserialize`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Same;

impl<T: Serialize + ?Sized> SerializeAs<T> for Same {
    fn serialize_as<S: Serializer>(source: &T, serializer: S) -> Result<S::Ok, S::Error> {
        source.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> DeserializeAs<'de, T> for Same {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        T::deserialize(deserializer)
    }
}

/// A borrowed value that serializes through adapter `U`, for hand-written
/// serializers (unions): `map.serialize_entry("v", &SerializeWith::<Float, f64>::new(&x))`.
pub struct SerializeWith<'a, U: ?Sized, T: ?Sized> {
    value: &'a T,
    adapter: PhantomData<U>,
}

impl<'a, U: ?Sized, T: ?Sized> SerializeWith<'a, U, T> {
    /// Wraps `value`.
    pub fn new(value: &'a T) -> Self {
        SerializeWith {
            value,
            adapter: PhantomData,
        }
    }
}

impl<U: SerializeAs<T> + ?Sized, T: ?Sized> Serialize for SerializeWith<'_, U, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        U::serialize_as(self.value, serializer)
    }
}

/// Reads a `T` out of an already-parsed JSON value through adapter `U`, for
/// hand-written deserializers (unions, after [`crate::union::single_member`]).
/// Structures inside it must be JSON objects, as everywhere else
/// ([`crate::json::StructsFromObjects`]).
pub fn deserialize_value_as<U, T>(value: serde_json::Value) -> Result<T, serde_json::Error>
where
    U: for<'de> DeserializeAs<'de, T>,
{
    U::deserialize_as(crate::json::StructsFromObjects::new(value))
}

/// A `T` deserialized through adapter `U`, for use as an element type.
pub(crate) struct DeserializeAsWrap<T, U> {
    value: T,
    adapter: PhantomData<U>,
}

impl<T, U> DeserializeAsWrap<T, U> {
    pub(crate) fn into_inner(self) -> T {
        self.value
    }
}

impl<'de, T, U: DeserializeAs<'de, T>> Deserialize<'de> for DeserializeAsWrap<T, U> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        U::deserialize_as(deserializer).map(|value| DeserializeAsWrap {
            value,
            adapter: PhantomData,
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::DateTime;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Generated {
        #[serde(
            rename = "score",
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            with = "As::<Option<Float>>"
        )]
        score: Option<f64>,
        #[serde(rename = "Key", default = "zero_value", with = "As::<OrZero<Same>>")]
        key: String,
        #[serde(
            rename = "pushedAt",
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            with = "As::<Option<EpochSeconds>>"
        )]
        pushed_at: Option<DateTime>,
        #[serde(
            rename = "weights",
            default,
            skip_serializing_if = "::std::option::Option::is_none",
            with = "As::<Option<std::collections::BTreeMap<String, Vec<Option<Float>>>>>"
        )]
        weights: Option<std::collections::BTreeMap<String, Vec<Option<f32>>>>,
    }

    #[test]
    fn generated_style_struct_round_trips() {
        let value = Generated {
            score: Some(f64::NAN),
            key: "k".to_owned(),
            pushed_at: Some(DateTime::from_millis(1_515_531_081_123)),
            weights: Some(
                [(
                    "w".to_owned(),
                    vec![Some(1.5), None, Some(f32::NEG_INFINITY)],
                )]
                .into(),
            ),
        };
        let json = serde_json::to_value(&value).unwrap();
        assert_eq!(
            json,
            json!({
                "score": "NaN",
                "Key": "k",
                "pushedAt": 1515531081.123,
                "weights": {"w": [1.5, null, "-Infinity"]},
            })
        );
        let back: Generated = serde_json::from_value(json).unwrap();
        assert!(back.score.is_some_and(f64::is_nan));
        assert_eq!(
            (&back.key, back.pushed_at, &back.weights),
            (&value.key, value.pushed_at, &value.weights)
        );
    }

    #[test]
    fn absent_and_null_members_deserialize_as_none_or_zero() {
        let from_empty: Generated = serde_json::from_str("{}").unwrap();
        let from_nulls: Generated =
            serde_json::from_str(r#"{"score":null,"Key":null,"pushedAt":null,"weights":null}"#)
                .unwrap();
        for value in [from_empty, from_nulls] {
            assert_eq!(
                value,
                Generated {
                    score: None,
                    key: String::new(),
                    pushed_at: None,
                    weights: None
                }
            );
        }
        assert_eq!(
            serde_json::to_string(&Generated {
                score: None,
                key: "x".into(),
                pushed_at: None,
                weights: None
            })
            .unwrap(),
            r#"{"Key":"x"}"#
        );
    }

    #[test]
    fn errors_inside_nested_adapters_reach_the_caller() {
        let error = serde_json::from_str::<Generated>(r#"{"weights":{"w":["nan"]}}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains(r#"invalid float string "nan""#), "{error}");
    }

    #[test]
    fn serialize_with_and_deserialize_value_as_apply_the_adapter() {
        let json = serde_json::to_value(SerializeWith::<Float, f64>::new(&f64::INFINITY)).unwrap();
        assert_eq!(json, json!("Infinity"));
        let back: f64 = deserialize_value_as::<Float, f64>(json).unwrap();
        assert_eq!(back, f64::INFINITY);
        let time: DateTime =
            deserialize_value_as::<DateTimeString, DateTime>(json!("2000-01-02T20:34:56Z"))
                .unwrap();
        assert_eq!(time, DateTime::from_secs(946_845_296));
        assert!(deserialize_value_as::<Same, u8>(json!(300)).is_err());
    }
}
