//! Writing a [`DateTime`] in each [`TimestampFormat`].

use super::civil::{civil_from_days, weekday_from_days, CivilDate};
use super::{DateTime, TimestampFormat, NANOS_PER_SECOND};

const SECONDS_PER_DAY: i64 = 86_400;

pub(super) const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
pub(super) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl DateTime {
    /// Writes this instant in `format`.
    ///
    /// - epoch-seconds: `946845296`, or `1515531081.123` with up to nine
    ///   fractional digits and no trailing zeros.
    /// - date-time: `2000-01-02T20:34:56Z`, or `2000-01-02T20:34:56.123Z`.
    /// - http-date: `Sun, 02 Jan 2000 20:34:56 GMT`. IMF-fixdate has whole
    ///   seconds only, so any fraction is dropped.
    ///
    /// Years outside 0001-9999 (which no Smithy timestamp has, and which
    /// [`DateTime::parse`] rejects) are written with a sign, ISO 8601 style:
    /// `+10000`, `-0001`.
    pub fn fmt(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::EpochSeconds => epoch_seconds(self),
            TimestampFormat::DateTime => rfc3339(self),
            TimestampFormat::HttpDate => http_date(self),
        }
    }
}

fn epoch_seconds(time: &DateTime) -> String {
    let (seconds, nanos) = (time.secs(), time.subsec_nanos());
    if nanos == 0 {
        return seconds.to_string();
    }
    if seconds < 0 {
        // -2 s + 0.75 s is written -1.25.
        let whole = (seconds + 1).unsigned_abs();
        format!("-{whole}{}", fraction(NANOS_PER_SECOND - nanos))
    } else {
        format!("{seconds}{}", fraction(nanos))
    }
}

fn rfc3339(time: &DateTime) -> String {
    let (date, clock) = split(time);
    format!(
        "{}-{:02}-{:02}T{clock}{}Z",
        year(date.year),
        date.month,
        date.day,
        fraction(time.subsec_nanos())
    )
}

fn http_date(time: &DateTime) -> String {
    let (date, clock) = split(time);
    let days = time.secs().div_euclid(SECONDS_PER_DAY);
    let weekday = WEEKDAYS
        .get(weekday_from_days(days) as usize)
        .copied()
        .unwrap_or("???");
    let month = date
        .month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("???");
    format!(
        "{weekday}, {:02} {month} {} {clock} GMT",
        date.day,
        year(date.year)
    )
}

/// The calendar date and the `HH:MM:SS` time of day.
fn split(time: &DateTime) -> (CivilDate, String) {
    let days = time.secs().div_euclid(SECONDS_PER_DAY);
    let of_day = time.secs().rem_euclid(SECONDS_PER_DAY);
    let clock = format!(
        "{:02}:{:02}:{:02}",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    );
    (civil_from_days(days), clock)
}

fn year(year: i64) -> String {
    if (1..=9999).contains(&year) {
        format!("{year:04}")
    } else {
        format!("{year:+05}")
    }
}

/// `.123` for 123 000 000 ns; empty for zero.
fn fraction(nanos: u32) -> String {
    if nanos == 0 {
        return String::new();
    }
    let digits = format!("{nanos:09}");
    format!(".{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_print_whole_seconds_without_a_fraction() {
        assert_eq!(
            DateTime::from_secs(946_845_296).fmt(TimestampFormat::EpochSeconds),
            "946845296"
        );
        assert_eq!(
            DateTime::from_secs(-5).fmt(TimestampFormat::EpochSeconds),
            "-5"
        );
    }

    #[test]
    fn epoch_seconds_print_fractions_without_trailing_zeros() {
        let cases = [
            (DateTime::from_millis(1_515_531_081_123), "1515531081.123"),
            (DateTime::from_secs_and_nanos(1, 500_000_000), "1.5"),
            (DateTime::from_secs_and_nanos(0, 1), "0.000000001"),
            (DateTime::from_secs_and_nanos(-2, 750_000_000), "-1.25"),
            (DateTime::from_secs_and_nanos(-1, 500_000_000), "-0.5"),
        ];
        for (time, expected) in cases {
            assert_eq!(time.fmt(TimestampFormat::EpochSeconds), expected);
        }
    }

    #[test]
    fn date_time_prints_rfc_3339_in_utc() {
        assert_eq!(
            DateTime::from_secs(946_845_296).fmt(TimestampFormat::DateTime),
            "2000-01-02T20:34:56Z"
        );
        assert_eq!(
            DateTime::from_millis(946_845_296_123).fmt(TimestampFormat::DateTime),
            "2000-01-02T20:34:56.123Z"
        );
        assert_eq!(
            DateTime::from_secs(-1).fmt(TimestampFormat::DateTime),
            "1969-12-31T23:59:59Z"
        );
        assert_eq!(
            DateTime::EARLIEST.fmt(TimestampFormat::DateTime),
            "0001-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::LATEST.fmt(TimestampFormat::DateTime),
            "9999-12-31T23:59:59.999999999Z"
        );
    }

    #[test]
    fn http_date_prints_imf_fixdate_with_whole_seconds() {
        assert_eq!(
            DateTime::from_secs(946_845_296).fmt(TimestampFormat::HttpDate),
            "Sun, 02 Jan 2000 20:34:56 GMT"
        );
        assert_eq!(
            DateTime::from_millis(1_398_796_238_999).fmt(TimestampFormat::HttpDate),
            "Tue, 29 Apr 2014 18:30:38 GMT"
        );
    }

    #[test]
    fn years_outside_the_smithy_range_are_signed() {
        let after = DateTime::from_secs(DateTime::LATEST.secs() + 1);
        assert_eq!(
            after.fmt(TimestampFormat::DateTime),
            "+10000-01-01T00:00:00Z"
        );
        let before = DateTime::from_secs(DateTime::EARLIEST.secs() - 1);
        assert_eq!(
            before.fmt(TimestampFormat::DateTime),
            "+0000-12-31T23:59:59Z"
        );
    }

    #[test]
    fn extreme_second_counts_format_without_overflow() {
        for seconds in [i64::MIN, i64::MAX] {
            let text = DateTime::from_secs_and_nanos(seconds, 1).fmt(TimestampFormat::HttpDate);
            assert!(text.ends_with(" GMT"), "{text}");
        }
    }
}
