//! Proleptic Gregorian calendar arithmetic, counted in days from 1970-01-01.
//!
//! The calendar repeats every 400 years (146 097 days). Counting years from
//! March makes the leap day the last day of its year, so a day-of-year maps to
//! a month with one linear formula.

/// Days in one 400-year cycle.
const DAYS_PER_ERA: i64 = 146_097;
/// Days from 0000-03-01 (the start of an era) to 1970-01-01.
const EPOCH_SHIFT: i64 = 719_468;

/// A calendar date: year, month (1-12), day of month (1-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct CivilDate {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Days since 1970-01-01 of a date whose month and day are already in range.
pub(super) const fn days_from_civil(date: CivilDate) -> i64 {
    let march_year = if date.month <= 2 {
        date.year - 1
    } else {
        date.year
    };
    let era = march_year.div_euclid(400);
    let year_of_era = march_year - era * 400;
    let month_from_march = (date.month as i64 + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + date.day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * DAYS_PER_ERA + day_of_era - EPOCH_SHIFT
}

/// The date `days` after 1970-01-01 (before it when negative).
pub(super) const fn civil_from_days(days: i64) -> CivilDate {
    let shifted = days + EPOCH_SHIFT;
    let era = shifted.div_euclid(DAYS_PER_ERA);
    let day_of_era = shifted - era * DAYS_PER_ERA;
    // Removes the leap days so far in the era; the last day of an era is the
    // one case where both the 4- and 400-year corrections apply.
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let march_year = year_of_era + era * 400;
    let year = if month <= 2 {
        march_year + 1
    } else {
        march_year
    };
    CivilDate { year, month, day }
}

/// Whether `year` has a 29 February.
pub(super) const fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Number of days in `month` (1-12) of `year`; 0 for a month out of range.
pub(super) const fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day of the week, 0 = Sunday, of the day `days` after 1970-01-01 (a Thursday).
pub(super) const fn weekday_from_days(days: i64) -> u32 {
    (days + 4).rem_euclid(7) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i64, month: u32, day: u32) -> CivilDate {
        CivilDate { year, month, day }
    }

    #[test]
    fn known_dates_map_to_known_day_numbers() {
        assert_eq!(days_from_civil(date(1970, 1, 1)), 0);
        assert_eq!(days_from_civil(date(2000, 1, 2)), 10_958);
        assert_eq!(days_from_civil(date(2000, 3, 1)), 11_017);
        assert_eq!(days_from_civil(date(1969, 12, 31)), -1);
        assert_eq!(days_from_civil(date(1, 1, 1)), -719_162);
        assert_eq!(days_from_civil(date(9999, 12, 31)), 2_932_896);
    }

    #[test]
    fn every_day_of_years_0001_to_9999_round_trips() {
        let first = days_from_civil(date(1, 1, 1));
        let last = days_from_civil(date(9999, 12, 31));
        let mut expected = date(1, 1, 1);
        for days in first..=last {
            let actual = civil_from_days(days);
            assert_eq!(actual, expected, "day {days}");
            assert_eq!(days_from_civil(actual), days);
            expected = if expected.day < days_in_month(expected.year, expected.month) {
                date(expected.year, expected.month, expected.day + 1)
            } else if expected.month < 12 {
                date(expected.year, expected.month + 1, 1)
            } else {
                date(expected.year + 1, 1, 1)
            };
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap_year(2000));
        assert!(is_leap_year(2024));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2023));
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2000, 13), 0);
    }

    #[test]
    fn weekdays_are_counted_from_a_thursday() {
        assert_eq!(weekday_from_days(0), 4);
        assert_eq!(weekday_from_days(10_958), 0); // 2000-01-02 was a Sunday
        assert_eq!(weekday_from_days(-1), 3);
    }
}
