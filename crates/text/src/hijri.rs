//! Hijri (Islamic lunar) dates to Gregorian, by the tabular Islamic calendar.
//!
//! The tabular calendar (30-year cycle, leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29) with the
//! astronomical epoch (Thursday 15 July 622, Julian) is within a day or two of the calendars that
//! states actually use (Umm al-Qura in Saudi Arabia, sighting elsewhere), so a converted date can be
//! a day off. When the text also names the weekday, [`to_gregorian_on_weekday`] moves the result to
//! the nearest day with that weekday, which removes most of that error.

use chrono::{Datelike, NaiveDate};

/// Julian day number of 1 Muharram 1 AH at the astronomical epoch.
const EPOCH_JDN: i64 = 1_948_439;
/// Julian day number of 1 January 1 CE (proleptic Gregorian), so that days from CE = JDN - this.
const CE_JDN: i64 = 1_721_425;

/// The Gregorian date of Hijri `year`-`month`-`day` (tabular calendar); `None` when out of range.
pub fn to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) || !(1..=3000).contains(&year) {
        return None;
    }
    let (y, m, d) = (year as i64, month as i64, day as i64);
    // ceil(29.5 * (m - 1)) days before the month, 354 a year plus the cycle's leap days.
    let month_days = (59 * (m - 1) + 1) / 2;
    let jdn = d + month_days + (y - 1) * 354 + (3 + 11 * y).div_euclid(30) + EPOCH_JDN - 1;
    NaiveDate::from_num_days_from_ce_opt((jdn - CE_JDN) as i32)
}

/// Like [`to_gregorian`], moved by at most two days to fall on `weekday` (Monday = 0) when the text
/// names one.
pub fn to_gregorian_on_weekday(year: i32, month: u32, day: u32, weekday: u32) -> Option<NaiveDate> {
    let date = to_gregorian(year, month, day)?;
    [0i64, -1, 1, -2, 2]
        .iter()
        .filter_map(|&shift| date.checked_add_signed(chrono::Duration::days(shift)))
        .find(|d| d.weekday().num_days_from_monday() == weekday)
        .or(Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn known_new_years() {
        // 1 Muharram 1443 fell on Monday 9 August 2021 (Umm al-Qura).
        assert_eq!(to_gregorian(1443, 1, 1), Some(ymd(2021, 8, 9)));
        assert_eq!(to_gregorian(1, 1, 1).map(|d| d.year()), Some(622));
    }

    #[test]
    fn weekday_pulls_to_the_named_day() {
        // A Thursday in the middle of Shawwal 1436.
        let date = to_gregorian_on_weekday(1436, 10, 21, 3).unwrap();
        assert_eq!(date.weekday().num_days_from_monday(), 3);
        assert!((date - to_gregorian(1436, 10, 21).unwrap()).num_days().abs() <= 2);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(to_gregorian(1436, 13, 1), None);
        assert_eq!(to_gregorian(1436, 1, 31), None);
    }
}
