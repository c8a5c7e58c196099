//! Untyped values: Smithy `document`, `bigInteger` and `bigDecimal`.

use std::fmt;
use std::str::FromStr;

use serde::de::Error as _;
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::serde_as::ZeroValue;
use crate::text::shorten;

/// A Smithy `document`: any JSON value, written and read verbatim.
pub type Document = serde_json::Value;

/// Text that is not a number of the kind a [`BigInteger`] or [`BigDecimal`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseBigNumberError {
    type_name: &'static str,
    input: String,
}

impl fmt::Display for ParseBigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expected = if self.type_name == "BigInteger" {
            "an integer such as `-42`"
        } else {
            "a JSON number such as `-4.2e1`"
        };
        write!(
            f,
            "`{}` is not a valid {}: expected {expected}",
            self.input, self.type_name
        )
    }
}

impl std::error::Error for ParseBigNumberError {}

/// Splits off the JSON integer part `-?(0|[1-9][0-9]*)`, if `text` starts with one.
fn split_integer(text: &str) -> Option<(&str, &str)> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    let leading_zero = digits > 1 && unsigned.starts_with('0');
    if digits == 0 || leading_zero {
        return None;
    }
    let end = text.len() - unsigned.len() + digits;
    Some((text.get(..end)?, text.get(end..)?))
}

/// Whether `text` is exactly a JSON integer.
fn is_json_integer(text: &str) -> bool {
    matches!(split_integer(text), Some((_, "")))
}

/// Whether `text` is exactly a JSON number: integer, optional fraction, optional exponent.
fn is_json_number(text: &str) -> bool {
    let Some((_, mut rest)) = split_integer(text) else {
        return false;
    };
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = fraction.get(digits..).unwrap_or_default();
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        return !exponent.is_empty() && exponent.bytes().all(|b| b.is_ascii_digit());
    }
    rest.is_empty()
}

/// Writes a big number as a JSON number. serde_json (without its
/// `arbitrary_precision` feature) keeps only `i64`/`u64`/`f64` precision.
fn serialize_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    let number = serde_json::Number::from_str(text).map_err(|error| {
        S::Error::custom(format_args!(
            "cannot write number `{}`: {error}",
            shorten(text)
        ))
    })?;
    number.serialize(serializer)
}

/// Defines a string-backed number type; the two differ only in which numbers
/// they accept.
macro_rules! big_number {
    ($(#[$doc:meta])* $name:ident, accepts = $accepts:path, from_json = $from_json:path) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, Debug)]
        pub struct $name(String);

        impl $name {
            /// Wraps the textual form of a number, checking that it is one.
            pub fn new(text: impl Into<String>) -> Result<Self, ParseBigNumberError> {
                let text = text.into();
                if $accepts(&text) {
                    Ok($name(text))
                } else {
                    Err(ParseBigNumberError {
                        type_name: stringify!($name),
                        input: shorten(&text).into_owned(),
                    })
                }
            }

            /// The number as text, exactly as given.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ZeroValue for $name {
            fn zero_value() -> Self {
                $name("0".to_owned())
            }
        }

        impl FromStr for $name {
            type Err = ParseBigNumberError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $name::new(text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serialize_number(&self.0, serializer)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            /// Reads a JSON number, or a string holding one.
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = match Value::deserialize(deserializer)? {
                    Value::Number(number) => $from_json(&number).map_err(D::Error::custom)?,
                    Value::String(text) => text,
                    other => {
                        return Err(D::Error::custom(format_args!(
                            "expected a number for {}, found {}",
                            stringify!($name),
                            json_kind(&other)
                        )))
                    }
                };
                $name::new(text).map_err(D::Error::custom)
            }
        }
    };
}

big_number!(
    /// An arbitrarily large integer (Smithy `bigInteger`), kept as its decimal text.
    ///
    /// On the wire it is a plain JSON number. Written through serde_json, a value
    /// beyond `i64`/`u64` becomes an `f64` and loses precision; read from JSON, an
    /// integer that large arrives as an `f64` already (the loss happens in the
    /// parser, not here).
    BigInteger,
    accepts = is_json_integer,
    from_json = integer_text
);

big_number!(
    /// An arbitrary-precision decimal (Smithy `bigDecimal`), kept as its text.
    ///
    /// On the wire it is a plain JSON number. Through serde_json, precision
    /// beyond `i64`/`u64`/`f64` is lost when it is written or read.
    BigDecimal,
    accepts = is_json_number,
    from_json = number_text
);

/// Machine integers are big numbers of either kind; their decimal text is
/// always a JSON integer, so these conversions cannot fail.
macro_rules! from_integers {
    ($name:ident: $($int:ty),*) => {
        $(impl From<$int> for $name {
            fn from(value: $int) -> Self {
                $name(value.to_string())
            }
        })*
    };
}

from_integers!(BigInteger: i64, u64, i128);
from_integers!(BigDecimal: i64, u64, i128);

impl BigDecimal {
    /// `unscaled × 10^-scale`, written with `scale` digits after the point:
    /// `from_scaled(-225, 2)` is `-2.25`, `from_scaled(5, 3)` is `0.005`.
    /// Generated code builds `@default` values with it, so a default never
    /// needs text checked at run time. The text has at least `scale + 1`
    /// digits, so `scale` is meant to be small.
    pub fn from_scaled(unscaled: i128, scale: u32) -> Self {
        let digits = unscaled.unsigned_abs().to_string();
        let sign = if unscaled < 0 { "-" } else { "" };
        let scale = usize::try_from(scale).unwrap_or(usize::MAX);
        if scale == 0 {
            return BigDecimal(format!("{sign}{digits}"));
        }
        // At least one digit before the point: `5` at scale 3 is `0.005`.
        let padded = format!("{digits:0>width$}", width = scale.saturating_add(1));
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        BigDecimal(format!("{sign}{whole}.{fraction}"))
    }
}

/// The decimal text of a JSON number that must be an integer.
fn integer_text(number: &serde_json::Number) -> Result<String, String> {
    let text = number.to_string();
    if is_json_integer(&text) {
        return Ok(text);
    }
    match number.as_f64() {
        // `1e3` arrives as the float 1000.0; `f64`'s `Display` writes an
        // integral value with neither fraction nor exponent.
        Some(value) if value.is_finite() && value.fract() == 0.0 => Ok(format!("{value}")),
        _ => Err(format!(
            "`{}` is not a valid BigInteger: it has a fraction",
            shorten(&text)
        )),
    }
}

/// The text of any JSON number.
fn number_text(number: &serde_json::Number) -> Result<String, String> {
    Ok(number.to_string())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_integer_accepts_only_json_integers() {
        for good in ["0", "-0", "42", "-123456789012345678901234567890"] {
            assert_eq!(BigInteger::new(good).unwrap().as_str(), good);
        }
        for bad in ["", "-", "01", "1.0", "1e3", "+1", " 1", "0x10", "١"] {
            assert!(BigInteger::new(bad).is_err(), "{bad}");
        }
        assert_eq!(
            "1.5".parse::<BigInteger>().unwrap_err().to_string(),
            "`1.5` is not a valid BigInteger: expected an integer such as `-42`"
        );
    }

    #[test]
    fn big_decimal_accepts_json_numbers() {
        for good in ["0", "-1.5", "1e10", "2.5E-3", "1.0e+2", "-0.0"] {
            assert_eq!(good.parse::<BigDecimal>().unwrap().to_string(), good);
        }
        for bad in [
            "", ".5", "1.", "1e", "1e+", "NaN", "Infinity", "01.5", "1.5x",
        ] {
            assert!(BigDecimal::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serializes_as_a_json_number() {
        let integer = BigInteger::new("-42").unwrap();
        assert_eq!(serde_json::to_string(&integer).unwrap(), "-42");
        let decimal = BigDecimal::new("1.5").unwrap();
        assert_eq!(serde_json::to_string(&decimal).unwrap(), "1.5");
    }

    #[test]
    fn numbers_beyond_f64_range_fail_to_serialize_with_a_message() {
        let huge = BigDecimal::new("1e400").unwrap();
        let error = serde_json::to_string(&huge).unwrap_err().to_string();
        assert!(error.starts_with("cannot write number `1e400`"), "{error}");
    }

    #[test]
    fn deserializes_from_numbers_and_numeric_strings() {
        let integer: BigInteger = serde_json::from_str("18446744073709551615").unwrap();
        assert_eq!(integer.as_str(), "18446744073709551615");
        let quoted: BigInteger =
            serde_json::from_str(r#""123456789012345678901234567890""#).unwrap();
        assert_eq!(quoted.as_str(), "123456789012345678901234567890");
        let integral_float: BigInteger = serde_json::from_str("1e3").unwrap();
        assert_eq!(integral_float.as_str(), "1000");
        let decimal: BigDecimal = serde_json::from_str("-2.5").unwrap();
        assert_eq!(decimal.as_str(), "-2.5");
    }

    #[test]
    fn deserialization_rejects_non_numbers_and_fractions_for_integers() {
        let error = serde_json::from_str::<BigInteger>("1.5")
            .unwrap_err()
            .to_string();
        assert!(error.contains("`1.5` is not a valid BigInteger"), "{error}");
        let error = serde_json::from_str::<BigDecimal>(r#""abc""#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("`abc` is not a valid BigDecimal"), "{error}");
        let error = serde_json::from_str::<BigDecimal>("true")
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("expected a number for BigDecimal, found a boolean"),
            "{error}"
        );
    }

    #[test]
    fn integers_convert_to_big_numbers() {
        assert_eq!(BigInteger::from(-42_i64).as_str(), "-42");
        assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(
            BigInteger::from(i128::MIN).as_str(),
            "-170141183460469231731687303715884105728"
        );
        assert_eq!(BigDecimal::from(7_u64).as_str(), "7");
    }

    #[test]
    fn scaled_decimals_are_json_numbers() {
        for (unscaled, scale, text) in [
            (15, 1, "1.5"),
            (-225, 2, "-2.25"),
            (5, 3, "0.005"),
            (-5, 3, "-0.005"),
            (0, 0, "0"),
            (0, 2, "0.00"),
            (100, 0, "100"),
            (i128::MIN, 0, "-170141183460469231731687303715884105728"),
            (i128::MIN, 40, "-0.0170141183460469231731687303715884105728"),
        ] {
            let decimal = BigDecimal::from_scaled(unscaled, scale);
            assert_eq!(decimal.as_str(), text);
            assert_eq!(
                BigDecimal::new(text),
                Ok(decimal),
                "{text} is a JSON number"
            );
        }
    }

    #[test]
    fn document_is_verbatim_json() {
        let text = r#"{"a":[1,null,"x"],"b":{"c":true}}"#;
        let document: Document = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&document).unwrap(), text);
    }
}
