//! The two renderings of the signing time SigV4 uses: `20150830T123600Z` for
//! `X-Amz-Date` and the string to sign, `20150830` for the credential scope.

use std::time::{SystemTime, UNIX_EPOCH};

use super::SigningError;

const SECONDS_PER_DAY: u64 = 86_400;

/// The signing time in UTC, already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AmzDate {
    /// `YYYYMMDDTHHMMSSZ`.
    pub(crate) date_time: String,
}

impl AmzDate {
    /// Formats `time` (truncated to whole seconds) in UTC.
    pub(crate) fn from_system_time(time: SystemTime) -> Result<Self, SigningError> {
        let since_epoch =
            time.duration_since(UNIX_EPOCH)
                .map_err(|_| SigningError::TimeOutOfRange {
                    reason: "is before 1970-01-01",
                })?;
        let seconds = since_epoch.as_secs();
        let (year, month, day) = civil_from_days(seconds / SECONDS_PER_DAY);
        if year > 9999 {
            return Err(SigningError::TimeOutOfRange {
                reason: "is after the year 9999",
            });
        }
        let second_of_day = seconds % SECONDS_PER_DAY;
        // Written digit by digit into a fixed buffer: this runs for every
        // signature, and two `format!`s showed in the per-request profile.
        let mut text = *b"YYYYMMDDTHHMMSSZ";
        let (date, time) = text.split_at_mut(8);
        let (year_text, rest) = date.split_at_mut(4);
        let (month_text, day_text) = rest.split_at_mut(2);
        write_digits(year_text, year);
        write_digits(month_text, month);
        write_digits(day_text, day);
        let (hour_text, rest) = time.get_mut(1..7).unwrap_or_default().split_at_mut(2);
        let (minute_text, second_text) = rest.split_at_mut(2);
        write_digits(hour_text, second_of_day / 3600);
        write_digits(minute_text, second_of_day % 3600 / 60);
        write_digits(second_text, second_of_day % 60);
        let date_time = String::from_utf8_lossy(&text).into_owned();
        Ok(Self { date_time })
    }

    /// `YYYYMMDD`, the first eight characters of `date_time`.
    pub(crate) fn date(&self) -> &str {
        self.date_time.get(..8).unwrap_or_default()
    }
}

/// Fills `out` with the last `out.len()` decimal digits of `value`,
/// zero-padded. Dividing by the constant 10 compiles to a multiplication; the
/// earlier `value / 10.pow(position)` cost a real division per digit.
fn write_digits(out: &mut [u8], mut value: u64) {
    for slot in out.iter_mut().rev() {
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

/// Converts days since 1970-01-01 to a proleptic Gregorian (year, month, day).
///
/// Howard Hinnant's `civil_from_days`, restricted to non-negative day counts: the
/// calendar repeats every 400 years (146 097 days), and counting months from March
/// puts the leap day at the end of the year.
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    // Shift the epoch to 0000-03-01.
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn at(seconds: u64) -> AmzDate {
        match AmzDate::from_system_time(UNIX_EPOCH + Duration::from_secs(seconds)) {
            Ok(date) => date,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn formats_the_suite_timestamp() {
        // 2015-08-30T12:36:00Z
        let date = at(1_440_938_160);
        assert_eq!(date.date_time, "20150830T123600Z");
        assert_eq!(date.date(), "20150830");
    }

    #[test]
    fn formats_the_epoch_and_leap_days() {
        assert_eq!(at(0).date_time, "19700101T000000Z");
        // 2000-02-29T23:59:59Z: a leap day in a year divisible by 400.
        assert_eq!(at(951_868_799).date_time, "20000229T235959Z");
        // 2024-03-01T00:00:00Z: the day after a leap day.
        assert_eq!(at(1_709_251_200).date_time, "20240301T000000Z");
        // 2100-03-01T00:00:00Z: 2100 is not a leap year.
        assert_eq!(at(4_107_542_400).date_time, "21000301T000000Z");
    }

    #[test]
    fn drops_sub_second_precision() {
        let time = UNIX_EPOCH + Duration::from_millis(1_440_938_160_999);
        let date = AmzDate::from_system_time(time).map(|d| d.date_time);
        assert_eq!(date.ok().as_deref(), Some("20150830T123600Z"));
    }

    #[test]
    fn rejects_times_before_the_epoch() {
        let before = UNIX_EPOCH - Duration::from_secs(1);
        assert!(matches!(
            AmzDate::from_system_time(before),
            Err(SigningError::TimeOutOfRange { .. })
        ));
    }

    #[test]
    fn rejects_years_past_9999() {
        // 10000-01-01T00:00:00Z
        let far = UNIX_EPOCH + Duration::from_secs(253_402_300_800);
        assert!(matches!(
            AmzDate::from_system_time(far),
            Err(SigningError::TimeOutOfRange { .. })
        ));
    }
}
