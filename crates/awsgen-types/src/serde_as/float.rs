//! Floats whose non-finite values travel as strings (`"NaN"`, `"Infinity"`, `"-Infinity"`).

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserializer, Serializer};

use super::{DeserializeAs, SerializeAs};
use crate::json_number::number_from_map;
use crate::text::shorten;

/// Adapter for `f32`/`f64`: finite values are JSON numbers, the others the
/// strings `"NaN"`, `"Infinity"` and `"-Infinity"`. Reading accepts any JSON
/// number (integers too) and exactly those three strings.
#[derive(Debug, Clone, Copy, Default)]
pub struct Float;

/// The wire string of a non-finite value.
fn non_finite_name(value: f64) -> &'static str {
    if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

impl SerializeAs<f64> for Float {
    fn serialize_as<S: Serializer>(source: &f64, serializer: S) -> Result<S::Ok, S::Error> {
        // A binary format (CBOR) carries NaN and the infinities as floats.
        if source.is_finite() || !serializer.is_human_readable() {
            serializer.serialize_f64(*source)
        } else {
            serializer.serialize_str(non_finite_name(*source))
        }
    }
}

impl SerializeAs<f32> for Float {
    fn serialize_as<S: Serializer>(source: &f32, serializer: S) -> Result<S::Ok, S::Error> {
        if source.is_finite() || !serializer.is_human_readable() {
            serializer.serialize_f32(*source)
        } else {
            serializer.serialize_str(non_finite_name(f64::from(*source)))
        }
    }
}

impl<'de> DeserializeAs<'de, f64> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
        let binary = !deserializer.is_human_readable();
        deserializer.deserialize_any(FloatVisitor { binary })
    }
}

impl<'de> DeserializeAs<'de, f32> for Float {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
        let binary = !deserializer.is_human_readable();
        let wide = deserializer.deserialize_any(FloatVisitor { binary })?;
        // Deliberately narrowing; only a finite value that overflows is refused.
        let narrow = wide as f32;
        if wide.is_finite() && narrow.is_infinite() {
            return Err(de::Error::custom(format_args!(
                "number {wide:e} is out of range for a 32-bit float"
            )));
        }
        Ok(narrow)
    }
}

/// `binary`: the format carries non-finite floats natively (CBOR), so the
/// three strings are not floats there.
struct FloatVisitor {
    binary: bool,
}

impl<'de> Visitor<'de> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.binary {
            f.write_str("a number")
        } else {
            f.write_str(r#"a number or one of the strings "NaN", "Infinity", "-Infinity""#)
        }
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<f64, E> {
        Ok(value)
    }

    // Integers wider than 53 bits round to the nearest float, as any JSON
    // reader would when the target is a float.
    fn visit_i64<E: de::Error>(self, value: i64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<f64, E> {
        Ok(value as f64)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<f64, E> {
        if self.binary {
            return Err(de::Error::invalid_type(de::Unexpected::Str(text), &self));
        }
        match text {
            "NaN" => Ok(f64::NAN),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => Err(E::custom(format_args!(
                r#"invalid float string {:?}: only "NaN", "Infinity" and "-Infinity" are allowed"#,
                shorten(other)
            ))),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<f64, A::Error> {
        let number = number_from_map(map)?;
        number.as_f64().ok_or_else(|| {
            de::Error::custom(format_args!("number {number} is out of range for a float"))
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::serde_as::{deserialize_value_as, SerializeWith};

    fn write<T>(value: T) -> serde_json::Value
    where
        Float: SerializeAs<T>,
    {
        serde_json::to_value(SerializeWith::<Float, T>::new(&value)).unwrap()
    }

    #[test]
    fn finite_values_are_numbers() {
        assert_eq!(write(1.5f64), json!(1.5));
        assert_eq!(write(-0.25f32), json!(-0.25));
    }

    #[test]
    fn non_finite_values_are_strings() {
        assert_eq!(write(f64::NAN), json!("NaN"));
        assert_eq!(write(f64::INFINITY), json!("Infinity"));
        assert_eq!(write(f64::NEG_INFINITY), json!("-Infinity"));
        assert_eq!(write(f32::NAN), json!("NaN"));
        assert_eq!(write(f32::NEG_INFINITY), json!("-Infinity"));
    }

    #[test]
    fn the_three_strings_read_back_as_non_finite_values() {
        assert!(deserialize_value_as::<Float, f64>(json!("NaN"))
            .unwrap()
            .is_nan());
        assert_eq!(
            deserialize_value_as::<Float, f64>(json!("Infinity")).unwrap(),
            f64::INFINITY
        );
        assert_eq!(
            deserialize_value_as::<Float, f32>(json!("-Infinity")).unwrap(),
            f32::NEG_INFINITY
        );
    }

    #[test]
    fn numbers_of_any_json_kind_are_accepted() {
        assert_eq!(deserialize_value_as::<Float, f64>(json!(2)).unwrap(), 2.0);
        assert_eq!(deserialize_value_as::<Float, f64>(json!(-3)).unwrap(), -3.0);
        assert_eq!(deserialize_value_as::<Float, f32>(json!(0.5)).unwrap(), 0.5);
    }

    #[test]
    fn other_strings_are_rejected_by_name() {
        for bad in ["nan", "inf", "+Infinity", "1.5", ""] {
            let error = deserialize_value_as::<Float, f64>(json!(bad))
                .unwrap_err()
                .to_string();
            assert_eq!(
                error,
                format!(
                    r#"invalid float string {bad:?}: only "NaN", "Infinity" and "-Infinity" are allowed"#
                )
            );
        }
    }

    #[test]
    fn null_and_other_types_are_rejected() {
        for bad in [json!(null), json!(true), json!([1.0])] {
            assert!(deserialize_value_as::<Float, f64>(bad).is_err());
        }
    }

    #[test]
    fn f32_overflow_is_an_error_not_infinity() {
        let error = deserialize_value_as::<Float, f32>(json!(1e300))
            .unwrap_err()
            .to_string();
        assert_eq!(error, "number 1e300 is out of range for a 32-bit float");
    }
}
