//! A point in time (Smithy `timestamp`) and its three wire formats.

mod civil;
mod error;
mod format;
mod parse;
mod serde_impl;

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use error::{DateTimeParseError, SystemTimeConversionError};
pub(crate) use serde_impl::{deserialize_epoch, deserialize_text, serialize_epoch, serialize_text};

const NANOS_PER_SECOND: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;

/// An instant, as seconds since 1970-01-01T00:00:00Z plus a fraction.
///
/// Any `i64` second count can be held, but Smithy timestamps (and so every
/// parser and serializer here) cover only years 0001 through 9999:
/// [`DateTime::EARLIEST`] to [`DateTime::LATEST`].
///
/// `Serialize`/`Deserialize` use the awsJson default, epoch seconds as a JSON
/// number; deserialized values are truncated to milliseconds.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct DateTime {
    // `subsec_nanos` is always below one second and counts forward from
    // `seconds`, even before 1970, so the derived ordering is chronological.
    seconds: i64,
    subsec_nanos: u32,
}

/// The text formats a Smithy timestamp can take (`@timestampFormat`).
///
/// Exhaustive on purpose: the Smithy specification fixes exactly these three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// `epoch-seconds`: `1515531081.123`.
    EpochSeconds,
    /// `date-time`: RFC 3339, `2000-01-02T20:34:56.123Z`.
    DateTime,
    /// `http-date`: IMF-fixdate, `Sun, 02 Jan 2000 20:34:56 GMT`.
    HttpDate,
}

impl TimestampFormat {
    /// The format's name in the Smithy `@timestampFormat` trait.
    pub const fn smithy_name(self) -> &'static str {
        match self {
            TimestampFormat::EpochSeconds => "epoch-seconds",
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.smithy_name())
    }
}

impl DateTime {
    /// 0001-01-01T00:00:00Z, the earliest instant a Smithy timestamp can carry.
    pub const EARLIEST: DateTime = DateTime {
        seconds: civil::days_from_civil(civil::CivilDate {
            year: 1,
            month: 1,
            day: 1,
        }) * 86_400,
        subsec_nanos: 0,
    };

    /// 9999-12-31T23:59:59.999999999Z, the latest instant a Smithy timestamp can carry.
    pub const LATEST: DateTime = DateTime {
        seconds: civil::days_from_civil(civil::CivilDate {
            year: 9999,
            month: 12,
            day: 31,
        }) * 86_400
            + 86_399,
        subsec_nanos: NANOS_PER_SECOND - 1,
    };

    /// Whole seconds since the epoch.
    pub const fn from_secs(seconds: i64) -> Self {
        DateTime {
            seconds,
            subsec_nanos: 0,
        }
    }

    /// Milliseconds since the epoch.
    pub const fn from_millis(millis: i64) -> Self {
        DateTime {
            seconds: millis.div_euclid(1000),
            subsec_nanos: millis.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// Seconds since the epoch plus nanoseconds after that second. Nanoseconds
    /// of a second or more carry into `seconds` (saturating at `i64::MAX`).
    pub const fn from_secs_and_nanos(seconds: i64, nanos: u32) -> Self {
        DateTime {
            seconds: seconds.saturating_add((nanos / NANOS_PER_SECOND) as i64),
            subsec_nanos: nanos % NANOS_PER_SECOND,
        }
    }

    /// Fractional seconds since the epoch, such as `1515531081.123`.
    ///
    /// The value is read through its shortest decimal form, so `1515531081.123`
    /// gives exactly 123 ms rather than the 122.999… an `f64` actually holds.
    /// NaN, infinities and magnitudes of 10^18 seconds or more are errors.
    pub fn from_secs_f64(seconds: f64) -> Result<Self, DateTimeParseError> {
        let text = seconds.to_string();
        if !seconds.is_finite() {
            return Err(DateTimeParseError::new(
                &text,
                TimestampFormat::EpochSeconds,
                "not a finite number",
            ));
        }
        // `f64`'s `Display` never uses an exponent, so the decimal parser applies.
        parse::epoch_decimal(&text)
            .map_err(|reason| DateTimeParseError::new(&text, TimestampFormat::EpochSeconds, reason))
    }

    /// Whole seconds since the epoch (rounded towards the past).
    pub const fn secs(&self) -> i64 {
        self.seconds
    }

    /// Nanoseconds after [`secs`](Self::secs), below 1 000 000 000.
    pub const fn subsec_nanos(&self) -> u32 {
        self.subsec_nanos
    }

    /// Seconds since the epoch as a float (sub-microsecond detail is lost).
    pub fn as_secs_f64(&self) -> f64 {
        self.seconds as f64 + f64::from(self.subsec_nanos) / f64::from(NANOS_PER_SECOND)
    }

    /// Whether this instant lies in years 0001-9999.
    pub(crate) fn is_in_smithy_range(&self) -> bool {
        (DateTime::EARLIEST..=DateTime::LATEST).contains(self)
    }

    /// This instant with everything below a millisecond dropped (towards the past).
    pub(crate) const fn truncated_to_millis(self) -> Self {
        DateTime {
            seconds: self.seconds,
            subsec_nanos: self.subsec_nanos - self.subsec_nanos % NANOS_PER_MILLI,
        }
    }
}

impl fmt::Display for DateTime {
    /// RFC 3339 (`date-time`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&DateTime::fmt(self, TimestampFormat::DateTime))
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "DateTime({})",
            DateTime::fmt(self, TimestampFormat::DateTime)
        )
    }
}

impl From<SystemTime> for DateTime {
    /// Exact to the nanosecond. A time more than `i64::MAX` seconds after the
    /// epoch (which no platform clock produces) saturates.
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => DateTime {
                seconds: i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                subsec_nanos: after.subsec_nanos(),
            },
            Err(before) => {
                let before = before.duration();
                let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                match before.subsec_nanos() {
                    0 => DateTime::from_secs(whole.saturating_neg()),
                    nanos => DateTime {
                        seconds: whole.saturating_neg().saturating_sub(1),
                        subsec_nanos: NANOS_PER_SECOND - nanos,
                    },
                }
            }
        }
    }
}

impl TryFrom<DateTime> for SystemTime {
    type Error = SystemTimeConversionError;

    fn try_from(time: DateTime) -> Result<Self, Self::Error> {
        let converted = if time.seconds >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(
                time.seconds.unsigned_abs(),
                time.subsec_nanos,
            ))
        } else {
            // `seconds` is negative and the nanoseconds count forward from it.
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(time.seconds.unsigned_abs()))
                .and_then(|whole| whole.checked_add(Duration::from_nanos(time.subsec_nanos.into())))
        };
        converted.ok_or(SystemTimeConversionError::new(time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_is_the_epoch() {
        assert_eq!(DateTime::default(), DateTime::from_secs(0));
        assert_eq!(DateTime::default().secs(), 0);
    }

    #[test]
    fn from_millis_counts_forward_from_the_earlier_second() {
        let before = DateTime::from_millis(-1_500);
        assert_eq!((before.secs(), before.subsec_nanos()), (-2, 500_000_000));
        let after = DateTime::from_millis(1_515_531_081_123);
        assert_eq!(
            (after.secs(), after.subsec_nanos()),
            (1_515_531_081, 123_000_000)
        );
    }

    #[test]
    fn from_secs_and_nanos_carries_whole_seconds() {
        let time = DateTime::from_secs_and_nanos(10, 2_500_000_000);
        assert_eq!((time.secs(), time.subsec_nanos()), (12, 500_000_000));
    }

    #[test]
    fn from_secs_f64_reads_the_shortest_decimal() {
        let time = DateTime::from_secs_f64(1_515_531_081.123).unwrap();
        assert_eq!(
            (time.secs(), time.subsec_nanos()),
            (1_515_531_081, 123_000_000)
        );
        let negative = DateTime::from_secs_f64(-1.25).unwrap();
        assert_eq!(
            (negative.secs(), negative.subsec_nanos()),
            (-2, 750_000_000)
        );
        assert_eq!(negative.as_secs_f64(), -1.25);
    }

    #[test]
    fn from_secs_f64_rejects_non_finite_and_huge_values() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300] {
            let error = DateTime::from_secs_f64(bad).unwrap_err();
            assert_eq!(error.format(), TimestampFormat::EpochSeconds, "{bad}");
        }
        let error = DateTime::from_secs_f64(f64::NAN).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid epoch-seconds timestamp `NaN`: not a finite number"
        );
    }

    #[test]
    fn ordering_is_chronological_across_the_epoch() {
        let mut times = [
            DateTime::from_millis(1),
            DateTime::from_millis(-1),
            DateTime::from_millis(0),
            DateTime::from_millis(-1001),
        ];
        times.sort();
        let millis: Vec<i64> = times
            .iter()
            .map(|t| t.secs() * 1000 + i64::from(t.subsec_nanos() / NANOS_PER_MILLI))
            .collect();
        assert_eq!(millis, [-1001, -1, 0, 1]);
    }

    #[test]
    fn smithy_range_bounds_are_the_first_and_last_instants_of_years_1_and_9999() {
        assert_eq!(DateTime::EARLIEST.secs(), -62_135_596_800);
        assert_eq!(DateTime::LATEST.secs(), 253_402_300_799);
        assert!(DateTime::LATEST.is_in_smithy_range());
        assert!(!DateTime::from_secs(DateTime::EARLIEST.secs() - 1).is_in_smithy_range());
        assert!(!DateTime::from_secs(DateTime::LATEST.secs() + 1).is_in_smithy_range());
    }

    #[test]
    fn system_time_round_trips_on_both_sides_of_the_epoch() {
        for time in [
            DateTime::from_secs_and_nanos(1_515_531_081, 123_456_789),
            DateTime::from_secs_and_nanos(-2, 750_000_000),
            DateTime::from_secs(-86_400),
        ] {
            let system = SystemTime::try_from(time).unwrap();
            assert_eq!(DateTime::from(system), time);
        }
        let before = UNIX_EPOCH - Duration::from_millis(1_250);
        assert_eq!(DateTime::from(before), DateTime::from_millis(-1_250));
    }

    #[test]
    fn debug_and_display_use_rfc_3339() {
        let time = DateTime::from_millis(946_845_296_123);
        assert_eq!(time.to_string(), "2000-01-02T20:34:56.123Z");
        assert_eq!(format!("{time:?}"), "DateTime(2000-01-02T20:34:56.123Z)");
    }

    #[test]
    fn truncation_drops_sub_millisecond_detail_towards_the_past() {
        let time = DateTime::from_secs_and_nanos(-1, 999_999_999).truncated_to_millis();
        assert_eq!((time.secs(), time.subsec_nanos()), (-1, 999_000_000));
    }
}
