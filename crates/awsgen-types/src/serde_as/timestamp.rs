//! Adapters choosing a timestamp's wire form (`@timestampFormat`).

use serde::{Deserializer, Serializer};

use super::{DeserializeAs, SerializeAs};
use crate::date_time::{deserialize_epoch, deserialize_text, serialize_epoch, serialize_text};
use crate::{DateTime, TimestampFormat};

/// `epoch-seconds`: a JSON number, `1515531081.123` (the awsJson default, and
/// the same as [`DateTime`]'s own serde impls).
#[derive(Debug, Clone, Copy, Default)]
pub struct EpochSeconds;

/// `date-time`: an RFC 3339 string, `"2000-01-02T20:34:56.123Z"`; offsets are
/// accepted when reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateTimeString;

/// `http-date`: an IMF-fixdate string, `"Sun, 02 Jan 2000 20:34:56 GMT"`.
/// Whole seconds are written; fractions are accepted when reading.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpDate;

impl SerializeAs<DateTime> for EpochSeconds {
    fn serialize_as<S: Serializer>(source: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_epoch(source, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for EpochSeconds {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserialize_epoch(deserializer)
    }
}

impl SerializeAs<DateTime> for DateTimeString {
    fn serialize_as<S: Serializer>(source: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(source, TimestampFormat::DateTime, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for DateTimeString {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserialize_text(deserializer, TimestampFormat::DateTime)
    }
}

impl SerializeAs<DateTime> for HttpDate {
    fn serialize_as<S: Serializer>(source: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_text(source, TimestampFormat::HttpDate, serializer)
    }
}

impl<'de> DeserializeAs<'de, DateTime> for HttpDate {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<DateTime, D::Error> {
        deserialize_text(deserializer, TimestampFormat::HttpDate)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::serde_as::{deserialize_value_as, SerializeWith};

    #[test]
    fn each_adapter_writes_the_protocol_test_vector() {
        let time = DateTime::from_secs(946_845_296);
        let written = [
            serde_json::to_value(SerializeWith::<EpochSeconds, _>::new(&time)).unwrap(),
            serde_json::to_value(SerializeWith::<DateTimeString, _>::new(&time)).unwrap(),
            serde_json::to_value(SerializeWith::<HttpDate, _>::new(&time)).unwrap(),
        ];
        assert_eq!(
            written,
            [
                json!(946845296),
                json!("2000-01-02T20:34:56Z"),
                json!("Sun, 02 Jan 2000 20:34:56 GMT")
            ]
        );
    }

    #[test]
    fn each_adapter_reads_the_protocol_test_vector() {
        let expected = DateTime::from_secs(946_845_296);
        assert_eq!(
            deserialize_value_as::<EpochSeconds, DateTime>(json!(946845296)).unwrap(),
            expected
        );
        assert_eq!(
            deserialize_value_as::<DateTimeString, DateTime>(json!("2000-01-02T20:34:56Z"))
                .unwrap(),
            expected
        );
        assert_eq!(
            deserialize_value_as::<HttpDate, DateTime>(json!("Sun, 02 Jan 2000 20:34:56 GMT"))
                .unwrap(),
            expected
        );
        assert_eq!(
            deserialize_value_as::<DateTimeString, DateTime>(json!("2019-12-17T00:48:18+01:00"))
                .unwrap(),
            DateTime::from_secs(1_576_540_098)
        );
        assert_eq!(
            deserialize_value_as::<HttpDate, DateTime>(json!("Sun, 02 Jan 2000 20:34:56.123 GMT"))
                .unwrap(),
            DateTime::from_millis(946_845_296_123)
        );
    }

    #[test]
    fn string_forms_reject_numbers_and_numbers_reject_strings() {
        assert!(deserialize_value_as::<DateTimeString, DateTime>(json!(946845296)).is_err());
        assert!(deserialize_value_as::<HttpDate, DateTime>(json!(946845296)).is_err());
        assert!(deserialize_value_as::<EpochSeconds, DateTime>(json!("946845296")).is_err());
    }

    #[test]
    fn string_forms_refuse_to_write_years_outside_0001_to_9999() {
        let far = DateTime::from_secs(DateTime::LATEST.secs() + 1);
        let error =
            serde_json::to_string(&SerializeWith::<DateTimeString, _>::new(&far)).unwrap_err();
        assert!(
            error.to_string().contains("outside years 0001-9999"),
            "{error}"
        );
    }
}
