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
        // Written digit by digit: this runs for every signature, and two
        // `format!`s showed in the per-request profile.
        let mut date_time = String::with_capacity(16);
        push_digits(&mut date_time, year, 4);
        push_digits(&mut date_time, month, 2);
        push_digits(&mut date_time, day, 2);
        date_time.push('T');
        push_digits(&mut date_time, second_of_day / 3600, 2);
        push_digits(&mut date_time, second_of_day % 3600 / 60, 2);
        push_digits(&mut date_time, second_of_day % 60, 2);
        date_time.push('Z');
        Ok(Self { date_time })
    }

    /// `YYYYMMDD`, the first eight characters of `date_time`.
    pub(crate) fn date(&self) -> &str {
        self.date_time.get(..8).unwrap_or_default()
    }
}

/// Appends the last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u64, width: u32) {
    for position in (0..width).rev() {
        let digit = value / 10_u64.pow(position) % 10;
        out.push(char::from(b'0' + digit as u8));
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
