//! Reading a [`DateTime`] from each [`TimestampFormat`].

use super::civil::{days_from_civil, days_in_month, weekday_from_days, CivilDate};
use super::format::{MONTHS, WEEKDAYS};
use super::{DateTime, DateTimeParseError, TimestampFormat, NANOS_PER_SECOND};
use crate::text::shorten;

/// Digits a fraction may carry beyond nanoseconds are read and ignored.
const NANO_DIGITS: usize = 9;
/// More integer digits than this cannot be a second count in years 0001-9999
/// (nor fit an `i64`), so they are rejected before any arithmetic.
const MAX_EPOCH_DIGITS: usize = 18;

impl DateTime {
    /// Reads `input` in `format`, normalizing to UTC and keeping up to
    /// nanoseconds (the serde impls truncate to milliseconds).
    ///
    /// - epoch-seconds: `946845296`, `-1.25`, `1515531081.123` (no exponent).
    /// - date-time: RFC 3339 with optional fraction and a `Z`/`z` or `±HH:MM`
    ///   offset: `2019-12-16T22:48:18-01:00`.
    /// - http-date: IMF-fixdate, optionally with a fraction:
    ///   `Sun, 02 Jan 2000 20:34:56.123 GMT`. The weekday must match the date.
    ///
    /// Malformed text, and instants outside years 0001-9999, are errors that
    /// name the input and what is wrong with it.
    pub fn parse(input: &str, format: TimestampFormat) -> Result<DateTime, DateTimeParseError> {
        let parsed = match format {
            TimestampFormat::EpochSeconds => epoch_decimal(input),
            TimestampFormat::DateTime => rfc3339(input),
            TimestampFormat::HttpDate => http_date(input),
        };
        parsed
            .and_then(|time| {
                if time.is_in_smithy_range() {
                    Ok(time)
                } else {
                    Err("it lies outside years 0001-9999".to_owned())
                }
            })
            .map_err(|reason| DateTimeParseError::new(input, format, reason))
    }
}

/// `-?digits(.digits)?`, any size up to [`MAX_EPOCH_DIGITS`] whole digits.
pub(super) fn epoch_decimal(input: &str) -> Result<DateTime, String> {
    let (negative, unsigned) = match input.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let (whole_text, fraction_text) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    if whole_text.is_empty() || !whole_text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("expected a decimal number of seconds such as `1515531081.123`".to_owned());
    }
    let significant = whole_text.trim_start_matches('0');
    if significant.len() > MAX_EPOCH_DIGITS {
        return Err("it lies outside years 0001-9999".to_owned());
    }
    // At most 18 digits, so this cannot overflow.
    let whole = significant
        .bytes()
        .fold(0i64, |value, digit| value * 10 + i64::from(digit - b'0'));
    let nanos = match fraction_text {
        Some(digits) => {
            let mut cursor = Cursor::new(digits);
            let nanos = cursor.fraction_digits()?;
            cursor.end()?;
            nanos
        }
        None => 0,
    };
    Ok(match (negative, nanos) {
        (false, _) => DateTime::from_secs_and_nanos(whole, nanos),
        (true, 0) => DateTime::from_secs(-whole),
        (true, _) => DateTime::from_secs_and_nanos(-whole - 1, NANOS_PER_SECOND - nanos),
    })
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
fn rfc3339(input: &str) -> Result<DateTime, String> {
    let mut cursor = Cursor::new(input);
    let year = cursor.number(4, "year")?;
    cursor.literal("-", "after the year")?;
    let month = cursor.number(2, "month")?;
    cursor.literal("-", "after the month")?;
    let day = cursor.number(2, "day")?;
    if !cursor.take_if(|b| b == b'T' || b == b't') {
        return Err("expected `T` between the date and the time".to_owned());
    }
    let (date, seconds_of_day) = date_and_clock(&mut cursor, year, month, day)?;
    let nanos = cursor.optional_fraction()?;
    let offset_seconds = if cursor.take_if(|b| b == b'Z' || b == b'z') {
        0
    } else {
        let sign = match cursor.next() {
            Some(b'+') => 1,
            Some(b'-') => -1,
            _ => return Err("expected `Z` or a `+HH:MM`/`-HH:MM` offset after the time".to_owned()),
        };
        let hours = cursor.number(2, "offset hour")?;
        cursor.literal(":", "in the offset")?;
        let minutes = cursor.number(2, "offset minute")?;
        if hours > 23 || minutes > 59 {
            return Err(format!("offset {hours:02}:{minutes:02} is out of range"));
        }
        sign * (i64::from(hours) * 3600 + i64::from(minutes) * 60)
    };
    cursor.end()?;
    let local = days_from_civil(date) * 86_400 + seconds_of_day;
    Ok(DateTime::from_secs_and_nanos(local - offset_seconds, nanos))
}

/// `Www, DD Mmm YYYY HH:MM:SS[.fraction] GMT`.
fn http_date(input: &str) -> Result<DateTime, String> {
    let mut cursor = Cursor::new(input);
    let weekday_name = cursor.word(3, "weekday")?;
    let weekday = WEEKDAYS
        .iter()
        .position(|name| *name == weekday_name)
        .ok_or_else(|| format!("`{weekday_name}` is not a weekday name such as `Sun`"))?;
    cursor.literal(", ", "after the weekday")?;
    let day = cursor.number(2, "day")?;
    cursor.literal(" ", "after the day")?;
    let month_name = cursor.word(3, "month")?;
    let month = MONTHS
        .iter()
        .position(|name| *name == month_name)
        .ok_or_else(|| format!("`{month_name}` is not a month name such as `Jan`"))?;
    cursor.literal(" ", "after the month")?;
    let year = cursor.number(4, "year")?;
    cursor.literal(" ", "after the year")?;
    // `position` found the name among twelve, so this cannot truncate.
    let (date, seconds_of_day) = date_and_clock(&mut cursor, year, month as u32 + 1, day)?;
    let nanos = cursor.optional_fraction()?;
    cursor.literal(" GMT", "after the time")?;
    cursor.end()?;
    let days = days_from_civil(date);
    let actual_weekday = weekday_from_days(days) as usize;
    if actual_weekday != weekday {
        let actual = WEEKDAYS.get(actual_weekday).copied().unwrap_or("?");
        return Err(format!(
            "the weekday is {weekday_name} but that date is a {actual}"
        ));
    }
    Ok(DateTime::from_secs_and_nanos(
        days * 86_400 + seconds_of_day,
        nanos,
    ))
}

/// Checks the date fields, then reads `HH:MM:SS`; returns the date and the
/// seconds since its midnight.
fn date_and_clock(
    cursor: &mut Cursor<'_>,
    year: u32,
    month: u32,
    day: u32,
) -> Result<(CivilDate, i64), String> {
    let year = i64::from(year);
    if year == 0 {
        return Err("year 0000 is outside years 0001-9999".to_owned());
    }
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} is out of range 01-12"));
    }
    let month_days = days_in_month(year, month);
    if !(1..=month_days).contains(&day) {
        return Err(format!(
            "day {day:02} is out of range for {year:04}-{month:02} (01-{month_days})"
        ));
    }
    let hour = cursor.number(2, "hour")?;
    cursor.literal(":", "after the hour")?;
    let minute = cursor.number(2, "minute")?;
    cursor.literal(":", "after the minute")?;
    let second = cursor.number(2, "second")?;
    if hour > 23 {
        return Err(format!("hour {hour:02} is out of range 00-23"));
    }
    if minute > 59 {
        return Err(format!("minute {minute:02} is out of range 00-59"));
    }
    if second > 59 {
        return Err(format!(
            "second {second:02} is out of range 00-59 (leap seconds are not supported)"
        ));
    }
    let seconds_of_day = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Ok((CivilDate { year, month, day }, seconds_of_day))
}

/// Reads fixed-width fields left to right; every failure says what was expected.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn new(input: &'a str) -> Self {
        Cursor {
            rest: input.as_bytes(),
        }
    }

    fn next(&mut self) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        self.rest = rest;
        Some(first)
    }

    fn take_if(&mut self, accept: impl Fn(u8) -> bool) -> bool {
        match self.rest.first() {
            Some(&byte) if accept(byte) => {
                self.rest = self.rest.get(1..).unwrap_or_default();
                true
            }
            _ => false,
        }
    }

    /// Exactly `width` ASCII digits.
    fn number(&mut self, width: usize, what: &str) -> Result<u32, String> {
        let digits = self
            .rest
            .get(..width)
            .filter(|digits| digits.iter().all(u8::is_ascii_digit))
            .ok_or_else(|| format!("expected a {width}-digit {what}"))?;
        self.rest = self.rest.get(width..).unwrap_or_default();
        Ok(digits
            .iter()
            .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')))
    }

    /// Exactly `width` ASCII letters.
    fn word(&mut self, width: usize, what: &str) -> Result<&'a str, String> {
        let letters = self
            .rest
            .get(..width)
            .filter(|letters| letters.iter().all(u8::is_ascii_alphabetic))
            .and_then(|letters| std::str::from_utf8(letters).ok())
            .ok_or_else(|| format!("expected a {width}-letter {what}"))?;
        self.rest = self.rest.get(width..).unwrap_or_default();
        Ok(letters)
    }

    fn literal(&mut self, expected: &str, where_: &str) -> Result<(), String> {
        match self.rest.strip_prefix(expected.as_bytes()) {
            Some(rest) => {
                self.rest = rest;
                Ok(())
            }
            None => Err(format!("expected `{expected}` {where_}")),
        }
    }

    /// A `.` and its digits when present; the nanoseconds they denote.
    fn optional_fraction(&mut self) -> Result<u32, String> {
        if self.take_if(|b| b == b'.') {
            self.fraction_digits()
        } else {
            Ok(0)
        }
    }

    /// One or more digits after a decimal point, as nanoseconds (truncated).
    fn fraction_digits(&mut self) -> Result<u32, String> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return Err("expected digits after the decimal point".to_owned());
        }
        let (digits, rest) = self.rest.split_at(count);
        self.rest = rest;
        let kept = digits.iter().take(NANO_DIGITS);
        let value = kept.fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
        Ok(value * 10u32.pow(NANO_DIGITS.saturating_sub(count) as u32))
    }

    fn end(&self) -> Result<(), String> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            let rest = String::from_utf8_lossy(self.rest);
            Err(format!("unexpected `{}` at the end", shorten(&rest)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &str, format: TimestampFormat) -> DateTime {
        DateTime::parse(input, format).unwrap_or_else(|error| panic!("{error}"))
    }

    fn reason(input: &str, format: TimestampFormat) -> String {
        DateTime::parse(input, format).unwrap_err().to_string()
    }

    #[test]
    fn epoch_seconds_keep_their_fraction() {
        assert_eq!(
            parse("946845296", TimestampFormat::EpochSeconds),
            DateTime::from_secs(946_845_296)
        );
        assert_eq!(
            parse("1515531081.123", TimestampFormat::EpochSeconds),
            DateTime::from_millis(1_515_531_081_123)
        );
        assert_eq!(
            parse("-1.25", TimestampFormat::EpochSeconds),
            DateTime::from_secs_and_nanos(-2, 750_000_000)
        );
        assert_eq!(
            parse("0.1234567899", TimestampFormat::EpochSeconds),
            DateTime::from_secs_and_nanos(0, 123_456_789)
        );
    }

    #[test]
    fn epoch_seconds_reject_malformed_text() {
        for bad in ["", "-", "1.", ".5", "1e9", "+5", "12a", "1.2.3", " 1"] {
            let error = DateTime::parse(bad, TimestampFormat::EpochSeconds).unwrap_err();
            assert_eq!(error.input(), bad);
        }
        assert_eq!(
            reason("1e9", TimestampFormat::EpochSeconds),
            "invalid epoch-seconds timestamp `1e9`: expected a decimal number of seconds such as `1515531081.123`"
        );
    }

    #[test]
    fn epoch_seconds_outside_the_year_range_are_rejected() {
        let latest = DateTime::LATEST.secs();
        assert!(DateTime::parse(&latest.to_string(), TimestampFormat::EpochSeconds).is_ok());
        for bad in [
            (latest + 1).to_string(),
            "-62135596801".to_owned(),
            "9".repeat(40),
        ] {
            let error = reason(&bad, TimestampFormat::EpochSeconds);
            assert!(
                error.ends_with("it lies outside years 0001-9999"),
                "{error}"
            );
        }
    }

    #[test]
    fn date_time_round_trips() {
        for time in [
            DateTime::from_secs(946_845_296),
            DateTime::from_millis(946_845_296_123),
            DateTime::from_secs_and_nanos(-1, 1),
            DateTime::EARLIEST,
            DateTime::LATEST,
        ] {
            for format in [TimestampFormat::DateTime, TimestampFormat::EpochSeconds] {
                assert_eq!(parse(&time.fmt(format), format), time, "{format}");
            }
        }
    }

    #[test]
    fn http_date_round_trips_whole_seconds() {
        for time in [
            DateTime::from_secs(946_845_296),
            DateTime::EARLIEST,
            DateTime::from_secs(DateTime::LATEST.secs()),
        ] {
            assert_eq!(
                parse(
                    &time.fmt(TimestampFormat::HttpDate),
                    TimestampFormat::HttpDate
                ),
                time
            );
        }
    }

    #[test]
    fn date_time_offsets_normalize_to_utc() {
        let expected = DateTime::from_secs(1_576_540_098);
        assert_eq!(
            parse("2019-12-16T22:48:18-01:00", TimestampFormat::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-17T00:48:18+01:00", TimestampFormat::DateTime),
            expected
        );
        assert_eq!(
            parse("2019-12-16t23:48:18z", TimestampFormat::DateTime),
            expected
        );
    }

    #[test]
    fn date_time_accepts_fractional_seconds() {
        assert_eq!(
            parse("2000-01-02T20:34:56.123Z", TimestampFormat::DateTime),
            DateTime::from_millis(946_845_296_123)
        );
        assert_eq!(
            parse(
                "2000-01-02T20:34:56.000000001+00:00",
                TimestampFormat::DateTime
            ),
            DateTime::from_secs_and_nanos(946_845_296, 1)
        );
    }

    #[test]
    fn date_time_rejects_malformed_fields_by_name() {
        let cases = [
            ("2000-13-02T20:34:56Z", "month 13 is out of range 01-12"),
            (
                "2001-02-29T20:34:56Z",
                "day 29 is out of range for 2001-02 (01-28)",
            ),
            ("2000-01-02T24:00:00Z", "hour 24 is out of range 00-23"),
            ("2000-01-02T20:60:00Z", "minute 60 is out of range 00-59"),
            (
                "2000-01-02T20:34:60Z",
                "second 60 is out of range 00-59 (leap seconds are not supported)",
            ),
            (
                "2000-01-02 20:34:56Z",
                "expected `T` between the date and the time",
            ),
            (
                "2000-01-02T20:34:56",
                "expected `Z` or a `+HH:MM`/`-HH:MM` offset after the time",
            ),
            ("2000-01-02T20:34:56+0100", "expected `:` in the offset"),
            ("2000-01-02T20:34:56+24:00", "offset 24:00 is out of range"),
            (
                "2000-01-02T20:34:56.Z",
                "expected digits after the decimal point",
            ),
            ("2000-01-02T20:34:56Zjunk", "unexpected `junk` at the end"),
            ("200-01-02T20:34:56Z", "expected a 4-digit year"),
            ("", "expected a 4-digit year"),
        ];
        for (input, why) in cases {
            assert_eq!(
                reason(input, TimestampFormat::DateTime),
                format!("invalid date-time timestamp `{input}`: {why}")
            );
        }
    }

    #[test]
    fn years_outside_0001_to_9999_are_rejected() {
        assert_eq!(
            reason("0000-01-01T00:00:00Z", TimestampFormat::DateTime),
            "invalid date-time timestamp `0000-01-01T00:00:00Z`: year 0000 is outside years 0001-9999"
        );
        // In range as written, out of range once the offset is applied.
        for input in ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00"] {
            assert!(reason(input, TimestampFormat::DateTime)
                .ends_with("it lies outside years 0001-9999"));
        }
        assert_eq!(
            parse("0001-01-01T00:00:00Z", TimestampFormat::DateTime),
            DateTime::EARLIEST
        );
        assert_eq!(
            parse("9999-12-31T23:59:59Z", TimestampFormat::DateTime).secs(),
            DateTime::LATEST.secs()
        );
    }

    #[test]
    fn http_date_accepts_fractional_seconds() {
        assert_eq!(
            parse(
                "Sun, 02 Jan 2000 20:34:56.123 GMT",
                TimestampFormat::HttpDate
            ),
            DateTime::from_millis(946_845_296_123)
        );
    }

    #[test]
    fn http_date_rejects_malformed_text() {
        let cases = [
            (
                "Mon, 02 Jan 2000 20:34:56 GMT",
                "the weekday is Mon but that date is a Sun",
            ),
            (
                "Sun, 02 Foo 2000 20:34:56 GMT",
                "`Foo` is not a month name such as `Jan`",
            ),
            (
                "Xyz, 02 Jan 2000 20:34:56 GMT",
                "`Xyz` is not a weekday name such as `Sun`",
            ),
            ("Sun, 2 Jan 2000 20:34:56 GMT", "expected a 2-digit day"),
            (
                "Sun, 02 Jan 2000 20:34:56 UTC",
                "expected ` GMT` after the time",
            ),
            (
                "Sunday, 02-Jan-00 20:34:56 GMT",
                "expected `, ` after the weekday",
            ),
            (
                "Sun, 31 Feb 2000 20:34:56 GMT",
                "day 31 is out of range for 2000-02 (01-29)",
            ),
        ];
        for (input, why) in cases {
            assert_eq!(
                reason(input, TimestampFormat::HttpDate),
                format!("invalid http-date timestamp `{input}`: {why}")
            );
        }
    }

    #[test]
    fn non_ascii_input_is_an_error_not_a_panic() {
        for format in [
            TimestampFormat::EpochSeconds,
            TimestampFormat::DateTime,
            TimestampFormat::HttpDate,
        ] {
            assert!(DateTime::parse("２０００-01-02T20:34:56Z", format).is_err());
            assert!(DateTime::parse("Sün, 02 Jan 2000 20:34:56 GMT", format).is_err());
        }
    }

    #[test]
    fn long_input_is_shortened_in_the_error() {
        let long = format!("2000-01-02T20:34:56Z{}", "x".repeat(10_000));
        let error = DateTime::parse(&long, TimestampFormat::DateTime).unwrap_err();
        assert!(error.input().chars().count() <= 65);
    }
}
