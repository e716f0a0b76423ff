//! Minutes since 1601: the time unit of the [MS-OXOCAL] recurrence blobs.
//!
//! Every date and time in a RecurrencePattern, an ExceptionInfo and an
//! ExtendedException is a count of minutes since 1601-01-01T00:00 in the
//! series' *local* time ([MS-OXOCAL] 2.2.1.44.1: "the number of minutes
//! between midnight, January 1, 1601, and midnight of the specified day, in
//! the time zone specified by the PidLidTimeZoneStruct property"). The wire
//! fields are kept as the `u32` they are; this module gives the calendar
//! view ([`DateTime`]) and the arithmetic the expansion uses, on days since
//! 1601 with the proleptic Gregorian calendar of `ms-dtyp`.

use std::fmt;

use ms_dtyp::FileTime;
use ms_dtyp::filetime::{civil_from_days, days_from_civil, days_in_month};

/// Minutes in a day.
pub const MINUTES_PER_DAY: i64 = 1440;

/// Days from 1601-01-01 to 1970-01-01.
const DAYS_1601_TO_1970: i64 = 134_774;

/// FILETIME units (100 ns) per minute.
const UNITS_PER_MINUTE: i128 = 600_000_000;

/// The calendar date of a day count since 1601-01-01: `(year, month 1-12, day 1-31)`.
pub fn civil_from_day(days_since_1601: i64) -> (i64, u8, u8) {
    civil_from_days(days_since_1601.saturating_sub(DAYS_1601_TO_1970))
}

/// Days since 1601-01-01 of a calendar date (proleptic Gregorian; the day
/// is not checked against the month).
pub fn day_from_civil(year: i64, month: u8, day: u8) -> i64 {
    days_from_civil(year, month, day).saturating_add(DAYS_1601_TO_1970)
}

/// The day of the week of a day count since 1601-01-01, 0 = Sunday
/// (1601-01-01 was a Monday).
pub fn weekday(days_since_1601: i64) -> u8 {
    // rem_euclid(7) is in 0..7, so the cast cannot truncate.
    (days_since_1601.saturating_add(1)).rem_euclid(7) as u8
}

/// Days in a month of the proleptic Gregorian calendar (0 for a month
/// outside 1-12).
pub fn month_length(year: i64, month: u8) -> u8 {
    days_in_month(year, month)
}

/// A month count `year * 12 + (month - 1)` and back.
pub(crate) fn month_index(year: i64, month: u8) -> i64 {
    year.saturating_mul(12)
        .saturating_add(i64::from(month).saturating_sub(1))
}

/// `(year, month 1-12)` of a month count made by [`month_index`].
pub(crate) fn month_from_index(index: i64) -> (i64, u8) {
    // rem_euclid(12) is in 0..12.
    (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8)
}

/// The UTC [`FileTime`] of a UTC minute count since 1601, or `None` before
/// 1601 or past what a FILETIME holds.
pub fn file_time_from_minutes(minutes: i64) -> Option<FileTime> {
    let units = i128::from(minutes).checked_mul(UNITS_PER_MINUTE)?;
    u64::try_from(units).ok().map(FileTime)
}

/// Whole minutes since 1601 of a [`FileTime`] (rounded down).
pub fn minutes_from_file_time(t: FileTime) -> i64 {
    // u64::MAX / 600_000_000 fits an i64 comfortably.
    (i128::from(t.0) / UNITS_PER_MINUTE) as i64
}

/// A date and time to the minute, in no particular time zone: the calendar
/// view of a minute count since 1601-01-01T00:00, what the [MS-OXOCAL]
/// 2.2.1.44 recurrence fields hold (in the series' local time).
///
/// ```
/// use ms_oxocal::time::DateTime;
/// // 0x0CDB6DE6 minutes: the start of an exception in MFCMAPI's example
/// let t = DateTime::from_minutes(0x0CDB_6DE6);
/// assert_eq!(t.to_string(), "2011-02-17T14:30");
/// assert_eq!(t.to_minutes(), Some(0x0CDB_6DE6));
/// assert_eq!(DateTime::new(2011, 2, 17, 0, 0).unwrap().to_minutes(), Some(0x0CDB_6A80));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DateTime {
    /// Year (1601 and later for wire values).
    pub year: i64,
    /// Month, 1-12.
    pub month: u8,
    /// Day of the month, 1-31.
    pub day: u8,
    /// Hour, 0-23.
    pub hour: u8,
    /// Minute, 0-59.
    pub minute: u8,
}

impl DateTime {
    /// A date and time, or `None` when the fields do not name one.
    pub fn new(year: i64, month: u8, day: u8, hour: u8, minute: u8) -> Option<Self> {
        if !(1..=12).contains(&month)
            || day == 0
            || day > month_length(year, month)
            || hour > 23
            || minute > 59
        {
            return None;
        }
        Some(DateTime {
            year,
            month,
            day,
            hour,
            minute,
        })
    }

    /// The calendar view of a minute count since 1601-01-01T00:00.
    pub fn from_minutes(minutes: i64) -> Self {
        let day = minutes.div_euclid(MINUTES_PER_DAY);
        let in_day = minutes.rem_euclid(MINUTES_PER_DAY);
        let (year, month, d) = civil_from_day(day);
        DateTime {
            year,
            month,
            day: d,
            // in_day is in 0..1440
            hour: (in_day / 60) as u8,
            minute: (in_day % 60) as u8,
        }
    }

    /// The minute count since 1601-01-01T00:00 (`None` when the fields do
    /// not name a date).
    pub fn to_minutes(&self) -> Option<i64> {
        let v = DateTime::new(self.year, self.month, self.day, self.hour, self.minute)?;
        let day = day_from_civil(v.year, v.month, v.day);
        day.checked_mul(MINUTES_PER_DAY)?
            .checked_add(i64::from(v.hour) * 60 + i64::from(v.minute))
    }

    /// The day of the week, 0 = Sunday.
    pub fn weekday(&self) -> u8 {
        weekday(day_from_civil(self.year, self.month, self.day))
    }
}

impl fmt::Display for DateTime {
    /// `YYYY-MM-DDTHH:MM`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic_agrees_with_known_dates() {
        assert_eq!(civil_from_day(0), (1601, 1, 1));
        assert_eq!(weekday(0), 1); // Monday
        assert_eq!(day_from_civil(1970, 1, 1), DAYS_1601_TO_1970);
        assert_eq!(weekday(day_from_civil(2024, 2, 29)), 4); // Thursday
        assert_eq!(
            DateTime::from_minutes(0x0CD8_F480).to_string(),
            "2010-10-28T00:00"
        );
        assert_eq!(
            file_time_from_minutes(0).map(|t| t.to_string()),
            Some("1601-01-01T00:00:00Z".into())
        );
        assert_eq!(file_time_from_minutes(-1), None);
        let t = file_time_from_minutes(215_544_960).unwrap();
        assert_eq!(minutes_from_file_time(t), 215_544_960);
        assert_eq!(month_from_index(month_index(2011, 12)), (2011, 12));
        assert!(DateTime::new(2023, 2, 29, 0, 0).is_none());
    }
}
