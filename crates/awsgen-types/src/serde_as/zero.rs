//! Zero values: what a client fills in when a server leaves a required member
//! out or sends it as `null` (Smithy's client error correction).

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::Visitor;
use serde::{Deserializer, Serializer};

use super::{DeserializeAs, SerializeAs};
use crate::{Blob, DateTime, Document};

/// The value a required member takes when the response does not carry it:
/// `false`, `0`, `""`, `[]`, `{}`, epoch 0, an empty blob, a `null` document,
/// and `0` for big numbers (implemented beside [`BigInteger`](crate::BigInteger)).
pub trait ZeroValue {
    /// The zero value.
    fn zero_value() -> Self;
}

/// [`ZeroValue::zero_value`] as a free function, for
/// `#[serde(default = "::awsgen_types::serde_as::zero_value")]`.
pub fn zero_value<T: ZeroValue>() -> T {
    T::zero_value()
}

macro_rules! zero_is_default {
    ($($ty:ty),* $(,)?) => {
        $(impl ZeroValue for $ty {
            fn zero_value() -> Self {
                <$ty>::default()
            }
        })*
    };
}

zero_is_default!(
    bool, i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64, String,
    DateTime, Blob, Document,
);

impl<T> ZeroValue for Vec<T> {
    fn zero_value() -> Self {
        Vec::new()
    }
}

impl<K, V> ZeroValue for BTreeMap<K, V> {
    fn zero_value() -> Self {
        BTreeMap::new()
    }
}

/// Recursive members are boxed; their zero value is the boxed zero.
impl<T: ZeroValue> ZeroValue for Box<T> {
    fn zero_value() -> Self {
        Box::new(T::zero_value())
    }
}

/// Adapter for a required (non-`Option`) member: written through `U`; read
/// through `U`, except that `null` becomes [`ZeroValue::zero_value`]. A missing
/// member is covered by `#[serde(default = "...::zero_value")]` on the field.
pub struct OrZero<U>(PhantomData<U>);

impl<T: ZeroValue, U: SerializeAs<T>> SerializeAs<T> for OrZero<U> {
    fn serialize_as<S: Serializer>(source: &T, serializer: S) -> Result<S::Ok, S::Error> {
        U::serialize_as(source, serializer)
    }
}

impl<'de, T: ZeroValue, U: DeserializeAs<'de, T>> DeserializeAs<'de, T> for OrZero<U> {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_option(OrZeroVisitor::<T, U>(PhantomData))
    }
}

struct OrZeroVisitor<T, U>(PhantomData<(T, U)>);

impl<'de, T: ZeroValue, U: DeserializeAs<'de, T>> Visitor<'de> for OrZeroVisitor<T, U> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<T, E> {
        Ok(T::zero_value())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<T, E> {
        Ok(T::zero_value())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        U::deserialize_as(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::serde_as::{deserialize_value_as, EpochSeconds, Float, Same, SerializeWith};
    use crate::{BigDecimal, BigInteger};

    #[test]
    fn zero_values_are_the_smithy_error_correction_values() {
        assert!(!zero_value::<bool>());
        assert_eq!(zero_value::<i64>(), 0);
        assert_eq!(zero_value::<f32>(), 0.0);
        assert_eq!(zero_value::<String>(), "");
        assert_eq!(zero_value::<Vec<u8>>(), Vec::<u8>::new());
        assert_eq!(zero_value::<BTreeMap<String, u8>>(), BTreeMap::new());
        assert_eq!(zero_value::<DateTime>(), DateTime::from_secs(0));
        assert_eq!(zero_value::<Blob>().as_bytes(), b"");
        assert_eq!(zero_value::<Document>(), json!(null));
        assert_eq!(zero_value::<BigInteger>().as_str(), "0");
        assert_eq!(zero_value::<BigDecimal>().as_str(), "0");
        assert_eq!(*zero_value::<Box<u32>>(), 0);
    }

    #[test]
    fn null_reads_as_the_zero_value() {
        assert_eq!(
            deserialize_value_as::<OrZero<Same>, String>(json!(null)).unwrap(),
            ""
        );
        assert_eq!(
            deserialize_value_as::<OrZero<Float>, f64>(json!(null)).unwrap(),
            0.0
        );
        assert_eq!(
            deserialize_value_as::<OrZero<EpochSeconds>, DateTime>(json!(null)).unwrap(),
            DateTime::default()
        );
    }

    #[test]
    fn other_values_go_through_the_inner_adapter() {
        assert_eq!(
            deserialize_value_as::<OrZero<Float>, f64>(json!("Infinity")).unwrap(),
            f64::INFINITY
        );
        assert!(deserialize_value_as::<OrZero<Float>, f64>(json!("nope")).is_err());
        let json =
            serde_json::to_value(SerializeWith::<OrZero<Float>, f64>::new(&f64::NAN)).unwrap();
        assert_eq!(json, json!("NaN"));
    }
}
