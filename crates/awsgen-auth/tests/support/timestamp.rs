//! `YYYY-MM-DDTHH:MM:SSZ` to `SystemTime`, for test inputs.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Parses a UTC timestamp such as `2015-08-30T12:36:00Z` (no fractions, no offsets).
pub fn parse_utc(text: &str) -> Result<SystemTime, String> {
    let bad = || format!("timestamp {text:?} is not YYYY-MM-DDTHH:MM:SSZ");
    let (date, time) = text
        .strip_suffix('Z')
        .and_then(|rest| rest.split_once('T'))
        .ok_or_else(bad)?;
    let numbers = |part: &str, separator: char| -> Result<Vec<u64>, String> {
        part.split(separator)
            .map(|n| n.parse::<u64>().map_err(|_| bad()))
            .collect()
    };
    let (year, month, day) = match numbers(date, '-')?.as_slice() {
        [y, m, d] if (1..=12).contains(m) && (1..=31).contains(d) && *y >= 1970 => (*y, *m, *d),
        _ => return Err(bad()),
    };
    let (hour, minute, second) = match numbers(time, ':')?.as_slice() {
        [h, m, s] if *h < 24 && *m < 60 && *s < 60 => (*h, *m, *s),
        _ => return Err(bad()),
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    Ok(UNIX_EPOCH + Duration::from_secs(seconds))
}

/// Days from 1970-01-01 to a proleptic Gregorian date on or after it.
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    // Count years from March so the leap day falls at the end of a year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year % 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
