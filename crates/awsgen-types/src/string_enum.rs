//! Reading a string enum from JSON without copying its text.
//!
//! Generated enums convert from `&str` (known values become variants, others
//! an owned `Unknown`). Going through `String` would allocate for every enum
//! value read, only to drop the text at once for the known ones; the visitor
//! here hands the borrowed text straight to `From<&str>`.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// Deserializes the string enum `T` (named `name` in errors) from a JSON string.
pub fn deserialize_string_enum<'de, D, T>(
    deserializer: D,
    name: &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str>,
{
    deserializer.deserialize_str(StringEnumVisitor {
        name,
        enum_type: PhantomData,
    })
}

struct StringEnumVisitor<T> {
    name: &'static str,
    enum_type: PhantomData<T>,
}

impl<T: for<'a> From<&'a str>> Visitor<'_> for StringEnumVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a string (a {} value)", self.name)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, PartialEq)]
    enum Color {
        Red,
        Unknown(String),
    }

    impl From<&str> for Color {
        fn from(value: &str) -> Self {
            match value {
                "RED" => Color::Red,
                other => Color::Unknown(other.to_owned()),
            }
        }
    }

    impl<'de> Deserialize<'de> for Color {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_string_enum(deserializer, "Color")
        }
    }

    #[test]
    fn known_unknown_and_escaped_values_are_read() {
        let read = |json: &str| serde_json::from_str::<Color>(json);
        assert_eq!(read(r#""RED""#).unwrap(), Color::Red);
        // An escape makes serde_json hand over a transient, not borrowed, string.
        assert_eq!(read(r#""R\u0045D""#).unwrap(), Color::Red);
        assert_eq!(
            read(r#""BLUE""#).unwrap(),
            Color::Unknown("BLUE".to_owned())
        );
        // Through a `Value` (union members) the visitor receives an owned string.
        let value = serde_json::json!("RED");
        assert_eq!(Color::deserialize(value).unwrap(), Color::Red);
    }

    #[test]
    fn a_non_string_names_the_enum() {
        let err = serde_json::from_str::<Color>("5").unwrap_err().to_string();
        assert!(err.contains("a string (a Color value)"), "{err}");
    }
}
