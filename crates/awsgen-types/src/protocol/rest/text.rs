//! Text forms of values in URIs, query strings and headers, both ways.
//! Booleans and integers are written with `Display` (`true`, `42`); what
//! needs more than that is here.

use std::borrow::Cow;
use std::str::FromStr;

use base64::Engine as _;

use crate::blob::Blob;
use crate::date_time::{DateTime, TimestampFormat};
use crate::document::{BigDecimal, BigInteger};

/// A float's text: decimal, or `NaN`, `Infinity`, `-Infinity`.
pub fn float<F: Float>(value: F) -> Cow<'static, str> {
    if value.is_nan() {
        Cow::Borrowed("NaN")
    } else if value.is_infinite() {
        Cow::Borrowed(if value.is_sign_negative() {
            "-Infinity"
        } else {
            "Infinity"
        })
    } else {
        Cow::Owned(value.to_string())
    }
}

/// The two float widths, written each with its own shortest text (`1.1`
/// for an `f32` too, not `1.100000023841858`).
pub trait Float: Copy + std::fmt::Display + FromStr {
    fn is_nan(self) -> bool;
    fn is_infinite(self) -> bool;
    fn is_sign_negative(self) -> bool;
    const NAN: Self;
    const INFINITY: Self;
    const NEG_INFINITY: Self;
}

macro_rules! float_impl {
    ($t:ty) => {
        impl Float for $t {
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            fn is_infinite(self) -> bool {
                <$t>::is_infinite(self)
            }
            fn is_sign_negative(self) -> bool {
                <$t>::is_sign_negative(self)
            }
            const NAN: Self = <$t>::NAN;
            const INFINITY: Self = <$t>::INFINITY;
            const NEG_INFINITY: Self = <$t>::NEG_INFINITY;
        }
    };
}
float_impl!(f32);
float_impl!(f64);

/// A timestamp in `format`.
pub fn timestamp(value: &DateTime, format: TimestampFormat) -> String {
    value.fmt(format)
}

/// Bytes as standard base64 (a blob, or a `@mediaType` string in a header).
pub fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Reading a value back from its text. `Err` says what the text should
/// have been.
pub trait FromHttpText: Sized {
    /// Parses `text` (already trimmed).
    fn from_http_text(text: &str) -> Result<Self, String>;
}

impl FromHttpText for String {
    fn from_http_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromHttpText for bool {
    fn from_http_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(format!("expected `true` or `false`, got {}", quoted(text))),
        }
    }
}

macro_rules! integer_impl {
    ($($t:ty),*) => {$(
        impl FromHttpText for $t {
            fn from_http_text(text: &str) -> Result<Self, String> {
                text.parse().map_err(|_| {
                    format!("expected an integer that fits {}, got {}", stringify!($t), quoted(text))
                })
            }
        }
    )*};
}
integer_impl!(i8, i16, i32, i64);

macro_rules! float_parse_impl {
    ($($t:ty),*) => {$(
        impl FromHttpText for $t {
            fn from_http_text(text: &str) -> Result<Self, String> {
                match text {
                    "NaN" => Ok(<$t>::NAN),
                    "Infinity" => Ok(<$t>::INFINITY),
                    "-Infinity" => Ok(<$t>::NEG_INFINITY),
                    // Rust also reads `inf` and `nan`, which no protocol sends.
                    _ if text.bytes().any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E')) => {
                        Err(format!("expected a number, got {}", quoted(text)))
                    }
                    _ => text.parse().map_err(|_| format!("expected a number, got {}", quoted(text))),
                }
            }
        }
    )*};
}
float_parse_impl!(f32, f64);

impl FromHttpText for BigInteger {
    fn from_http_text(text: &str) -> Result<Self, String> {
        BigInteger::new(text).map_err(|err| err.to_string())
    }
}

impl FromHttpText for BigDecimal {
    fn from_http_text(text: &str) -> Result<Self, String> {
        BigDecimal::new(text).map_err(|err| err.to_string())
    }
}

impl FromHttpText for Blob {
    fn from_http_text(text: &str) -> Result<Self, String> {
        Blob::from_base64(text).map_err(|err| format!("expected base64: {err}"))
    }
}

/// A timestamp from its text in `format`.
pub fn parse_timestamp(text: &str, format: TimestampFormat) -> Result<DateTime, String> {
    DateTime::parse(text, format).map_err(|err| err.to_string())
}

/// A `@mediaType` string from its base64 text in a header.
pub fn parse_media_type_string(text: &str) -> Result<String, String> {
    let bytes = Blob::from_base64(text)
        .map_err(|err| format!("expected base64: {err}"))?
        .into_inner();
    String::from_utf8(bytes).map_err(|_| "the base64 text is not of UTF-8 text".to_owned())
}

/// `text` in backticks, cut to a readable length.
fn quoted(text: &str) -> String {
    const LIMIT: usize = 64;
    match text.char_indices().nth(LIMIT) {
        Some((cut, _)) => format!("`{}...`", &text[..cut]),
        None => format!("`{text}`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_have_their_special_names_and_shortest_text() {
        assert_eq!(float(1.1f32), "1.1");
        assert_eq!(float(1.1f64), "1.1");
        assert_eq!(float(f64::NAN), "NaN");
        assert_eq!(float(f32::INFINITY), "Infinity");
        assert_eq!(float(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(f64::from_http_text("-Infinity"), Ok(f64::NEG_INFINITY));
        assert!(f64::from_http_text("NaN").unwrap().is_nan());
        assert_eq!(f32::from_http_text("1.5e3"), Ok(1500.0));
        assert!(f64::from_http_text("inf").is_err());
        assert!(f64::from_http_text("nan").is_err());
    }

    #[test]
    fn scalars_read_back_or_say_what_was_expected() {
        assert_eq!(bool::from_http_text("true"), Ok(true));
        assert!(bool::from_http_text("True").unwrap_err().contains("`True`"));
        assert_eq!(i8::from_http_text("-128"), Ok(-128));
        assert!(i8::from_http_text("128").unwrap_err().contains("i8"));
        assert_eq!(
            Blob::from_http_text("YmxvYg==").unwrap().as_bytes(),
            b"blob"
        );
        assert_eq!(parse_media_type_string("dHJ1ZQ==").unwrap(), "true");
        let long = "x".repeat(1000);
        assert!(i32::from_http_text(&long).unwrap_err().len() < 200);
    }
}
