//! JSON forms of a [`DateTime`]: epoch seconds as a number (the awsJson
//! default, used by `DateTime`'s own serde impls) or a formatted string.
//! In a binary format (CBOR) every timestamp is tag 1 around epoch seconds,
//! whatever `@timestampFormat` says, as rpcv2Cbor requires.

use std::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{DateTime, TimestampFormat};
use crate::json_number::number_from_map;

impl Serialize for DateTime {
    /// Epoch seconds as a JSON number: an integer when there is no fraction.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_epoch(self, serializer)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    /// Epoch seconds from a JSON integer or float, truncated to milliseconds.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_epoch(deserializer)
    }
}

/// Refuses instants no Smithy timestamp can hold, so nothing invalid is sent.
fn check_range<E: serde::ser::Error>(time: &DateTime) -> Result<(), E> {
    if time.is_in_smithy_range() {
        Ok(())
    } else {
        Err(E::custom(format_args!(
            "timestamp {} lies outside years 0001-9999 and cannot be sent",
            time.fmt(TimestampFormat::EpochSeconds)
        )))
    }
}

pub(crate) fn serialize_epoch<S: Serializer>(
    time: &DateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    check_range::<S::Error>(time)?;
    if !serializer.is_human_readable() {
        return crate::tagged::serialize(serializer, crate::tagged::EPOCH_TIME, &Epoch(time));
    }
    epoch_number(time, serializer)
}

/// The content of a binary timestamp's tag: its epoch seconds.
struct Epoch<'a>(&'a DateTime);

impl Serialize for Epoch<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        epoch_number(self.0, serializer)
    }
}

/// Epoch seconds: an integer when there is no fraction, else the float.
fn epoch_number<S: Serializer>(time: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
    if time.subsec_nanos() == 0 {
        return serializer.serialize_i64(time.secs());
    }
    // Parsing the exact decimal text gives the `f64` nearest to the instant,
    // which serde_json then writes back as that same short decimal.
    let text = time.fmt(TimestampFormat::EpochSeconds);
    let seconds: f64 = text
        .parse()
        .map_err(|_| S::Error::custom(format_args!("timestamp {text} is not a decimal number")))?;
    serializer.serialize_f64(seconds)
}

pub(crate) fn serialize_text<S: Serializer>(
    time: &DateTime,
    format: TimestampFormat,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    if !serializer.is_human_readable() {
        return serialize_epoch(time, serializer);
    }
    check_range::<S::Error>(time)?;
    serializer.serialize_str(&time.fmt(format))
}

pub(crate) fn deserialize_epoch<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime, D::Error> {
    if !deserializer.is_human_readable() {
        return crate::tagged::deserialize(
            deserializer,
            crate::tagged::EPOCH_TIME,
            "a timestamp (CBOR tag 1 around epoch seconds)",
            BinaryEpoch,
        );
    }
    deserializer.deserialize_any(EpochVisitor)
}

pub(crate) fn deserialize_text<'de, D: Deserializer<'de>>(
    deserializer: D,
    format: TimestampFormat,
) -> Result<DateTime, D::Error> {
    if !deserializer.is_human_readable() {
        return deserialize_epoch(deserializer);
    }
    deserializer.deserialize_str(TextVisitor(format))
}

/// A binary timestamp's content: epoch seconds as an integer or a float
/// (of any width), never text.
struct BinaryEpoch;

impl<'de> serde::de::DeserializeSeed<'de> for BinaryEpoch {
    type Value = DateTime;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<DateTime, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BinaryEpoch {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("epoch seconds as a number")
    }

    fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<DateTime, E> {
        EpochVisitor.visit_i64(seconds)
    }

    fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<DateTime, E> {
        EpochVisitor.visit_u64(seconds)
    }

    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<DateTime, E> {
        EpochVisitor.visit_f64(seconds)
    }
}

fn in_range<E: de::Error>(time: DateTime) -> Result<DateTime, E> {
    if time.is_in_smithy_range() {
        Ok(time.truncated_to_millis())
    } else {
        Err(E::custom(format_args!(
            "invalid epoch-seconds timestamp {}: it lies outside years 0001-9999",
            time.fmt(TimestampFormat::EpochSeconds)
        )))
    }
}

struct EpochVisitor;

impl<'de> Visitor<'de> for EpochVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a timestamp as a number of epoch seconds")
    }

    /// awsJson sends epoch seconds, but some ECR-compatible servers (moto)
    /// send RFC 3339 text, which botocore also reads; nothing else is taken.
    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
        match DateTime::parse(text, TimestampFormat::DateTime) {
            Ok(time) => in_range(time),
            Err(_) => Err(E::custom(format_args!(
                "invalid timestamp `{text}`: expected a number of epoch seconds (or RFC 3339 text)"
            ))),
        }
    }

    fn visit_i64<E: de::Error>(self, seconds: i64) -> Result<DateTime, E> {
        in_range(DateTime::from_secs(seconds))
    }

    fn visit_u64<E: de::Error>(self, seconds: u64) -> Result<DateTime, E> {
        match i64::try_from(seconds) {
            Ok(seconds) => self.visit_i64(seconds),
            Err(_) => Err(E::custom(format_args!(
                "invalid epoch-seconds timestamp {seconds}: it lies outside years 0001-9999"
            ))),
        }
    }

    fn visit_f64<E: de::Error>(self, seconds: f64) -> Result<DateTime, E> {
        DateTime::from_secs_f64(seconds)
            .map_err(E::custom)
            .and_then(in_range)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<DateTime, A::Error> {
        let number = number_from_map(map)?;
        if let Some(seconds) = number.as_i64() {
            self.visit_i64(seconds)
        } else if let Some(seconds) = number.as_u64() {
            self.visit_u64(seconds)
        } else {
            match number.as_f64() {
                Some(seconds) => self.visit_f64(seconds),
                None => Err(de::Error::custom(format_args!(
                    "invalid epoch-seconds timestamp {number}"
                ))),
            }
        }
    }
}

struct TextVisitor(TimestampFormat);

impl Visitor<'_> for TextVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} timestamp string", self.0)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<DateTime, E> {
        DateTime::parse(text, self.0)
            .map(DateTime::truncated_to_millis)
            .map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_whole_seconds_as_an_integer_and_fractions_as_a_float() {
        assert_eq!(
            serde_json::to_string(&DateTime::from_secs(946_845_296)).unwrap(),
            "946845296"
        );
        assert_eq!(
            serde_json::to_string(&DateTime::from_millis(1_515_531_081_123)).unwrap(),
            "1515531081.123"
        );
        assert_eq!(
            serde_json::to_string(&DateTime::from_millis(-1_250)).unwrap(),
            "-1.25"
        );
    }

    #[test]
    fn refuses_to_serialize_instants_outside_the_smithy_range() {
        let error = serde_json::to_string(&DateTime::from_secs(i64::MAX))
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "timestamp 9223372036854775807 lies outside years 0001-9999 and cannot be sent"
        );
    }

    #[test]
    fn deserializes_integers_and_floats() {
        let whole: DateTime = serde_json::from_str("946845296").unwrap();
        assert_eq!(whole, DateTime::from_secs(946_845_296));
        let fraction: DateTime = serde_json::from_str("1515531081.123").unwrap();
        assert_eq!(fraction, DateTime::from_millis(1_515_531_081_123));
        let before_epoch: DateTime = serde_json::from_str("-1.5").unwrap();
        assert_eq!(before_epoch, DateTime::from_millis(-1_500));
    }

    #[test]
    fn deserialized_values_are_truncated_to_milliseconds() {
        let time: DateTime = serde_json::from_str("1515531081.1239").unwrap();
        assert_eq!(time, DateTime::from_millis(1_515_531_081_123));
        let negative: DateTime = serde_json::from_str("-0.0001").unwrap();
        assert_eq!(negative, DateTime::from_millis(-1));
    }

    #[test]
    fn reads_rfc3339_text_as_some_servers_send_it() {
        let time: DateTime = serde_json::from_str(r#""2000-01-02T20:34:56.123Z""#).unwrap();
        assert_eq!(time, DateTime::from_millis(946_845_296_123));
        let error = serde_json::from_str::<DateTime>(r#""yesterday""#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("invalid timestamp `yesterday`"), "{error}");
    }

    #[test]
    fn rejects_other_strings_null_non_finite_and_out_of_range_values() {
        for bad in [
            r#""946845296""#,
            "null",
            "1e300",
            "253402300800",
            "18446744073709551615",
        ] {
            assert!(serde_json::from_str::<DateTime>(bad).is_err(), "{bad}");
        }
        let error = serde_json::from_str::<DateTime>("253402300800")
            .unwrap_err()
            .to_string();
        assert!(error.contains("it lies outside years 0001-9999"), "{error}");
        // serde_json never produces NaN, but other deserializers can.
        let error = EpochVisitor
            .visit_f64::<serde_json::Error>(f64::NAN)
            .unwrap_err();
        assert!(error.to_string().contains("not a finite number"), "{error}");
    }

    #[test]
    fn text_forms_round_trip_through_json_strings() {
        let time = DateTime::from_millis(946_845_296_123);
        for format in [TimestampFormat::DateTime, TimestampFormat::EpochSeconds] {
            let json = serialize_text(&time, format, serde_json::value::Serializer).unwrap();
            assert_eq!(deserialize_text(json, format).unwrap(), time);
        }
    }

    #[test]
    fn text_forms_are_truncated_to_milliseconds_and_name_bad_input() {
        let json = serde_json::json!("2000-01-02T20:34:56.123999Z");
        let time = deserialize_text(json, TimestampFormat::DateTime).unwrap();
        assert_eq!(time, DateTime::from_millis(946_845_296_123));
        let error = deserialize_text(serde_json::json!("2000-01-02"), TimestampFormat::HttpDate)
            .unwrap_err()
            .to_string();
        assert_eq!(
            error,
            "invalid http-date timestamp `2000-01-02`: expected a 3-letter weekday"
        );
    }
}
