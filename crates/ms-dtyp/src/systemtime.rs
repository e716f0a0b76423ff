//! [MS-DTYP] 2.3.13 SYSTEMTIME.

use std::fmt;

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

use crate::filetime::{FileTime, days_from_civil};

/// [MS-DTYP] 2.3.13 SYSTEMTIME: a date and time as eight little-endian
/// 16-bit fields (wYear, wMonth, wDayOfWeek, wDay, wHour, wMinute,
/// wSecond, wMilliseconds).
///
/// Every field is kept as read, with no validation: Exchange time-zone
/// structures ([MS-OXOCAL] TZRule, [MS-OXOCAL] PidLidTimeZoneStruct) reuse
/// SYSTEMTIME for transition rules in which `w_day` is a week of the month
/// and `w_year` is 0, so an "invalid" date is often meaningful. The
/// conversions to and from [`FileTime`] are views that need a real date.
///
/// ```
/// use ms_dtyp::{FileTime, SystemTime};
/// use msox_codec::{Decode, Encode};
/// let t = SystemTime::from_file_time(FileTime::from_unix_seconds(0));
/// assert_eq!(t.to_string(), "1970-01-01T00:00:00.000Z");
/// assert_eq!(t.w_day_of_week, 4); // a Thursday
/// let wire = t.to_vec()?;
/// assert_eq!(wire.len(), 16);
/// assert_eq!(SystemTime::decode_exact(&wire)?.to_file_time(), Some(FileTime::from_unix_seconds(0)));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SystemTime {
    /// wYear.
    pub w_year: u16,
    /// wMonth (1 = January).
    pub w_month: u16,
    /// wDayOfWeek (0 = Sunday).
    pub w_day_of_week: u16,
    /// wDay (day of the month, 1-31).
    pub w_day: u16,
    /// wHour.
    pub w_hour: u16,
    /// wMinute.
    pub w_minute: u16,
    /// wSecond.
    pub w_second: u16,
    /// wMilliseconds.
    pub w_milliseconds: u16,
}

impl SystemTime {
    /// The UTC date and time of a [`FileTime`], truncated to milliseconds,
    /// with the day of the week filled in. Years past 65535 saturate.
    pub fn from_file_time(t: FileTime) -> Self {
        let (y, mo, d, h, mi, s, frac) = t.to_utc();
        let days = (t.0 / 10_000_000 / 86_400) as i64;
        // 1601-01-01 was a Monday.
        let dow = (days + 1).rem_euclid(7) as u16;
        SystemTime {
            w_year: u16::try_from(y).unwrap_or(u16::MAX),
            w_month: u16::from(mo),
            w_day_of_week: dow,
            w_day: u16::from(d),
            w_hour: u16::from(h),
            w_minute: u16::from(mi),
            w_second: u16::from(s),
            w_milliseconds: (frac / 10_000) as u16,
        }
    }

    /// The [`FileTime`] of this date and time, or `None` when the fields do
    /// not name a real UTC instant from 1601 on (wDayOfWeek is not checked).
    pub fn to_file_time(&self) -> Option<FileTime> {
        if self.w_milliseconds > 999 {
            return None;
        }
        let month = u8::try_from(self.w_month).ok()?;
        let day = u8::try_from(self.w_day).ok()?;
        FileTime::from_utc(
            i64::from(self.w_year),
            month,
            day,
            u8::try_from(self.w_hour).ok()?,
            u8::try_from(self.w_minute).ok()?,
            u8::try_from(self.w_second).ok()?,
            u32::from(self.w_milliseconds) * 10_000,
        )
    }

    /// Whether the fields name a real date and time (and wDayOfWeek is the
    /// right day for it).
    pub fn is_valid_date(&self) -> bool {
        let Some(_) = self.to_file_time() else {
            return false;
        };
        let days = days_from_civil(i64::from(self.w_year), self.w_month as u8, self.w_day as u8);
        // 1970-01-01 was a Thursday.
        u16::try_from((days + 4).rem_euclid(7)).ok() == Some(self.w_day_of_week)
    }
}

impl fmt::Display for SystemTime {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` from the fields as they are (no validation).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            self.w_year,
            self.w_month,
            self.w_day,
            self.w_hour,
            self.w_minute,
            self.w_second,
            self.w_milliseconds
        )
    }
}

impl<'a> Decode<'a> for SystemTime {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let mut w = [0u16; 8];
        for v in &mut w {
            *v = r.u16()?;
        }
        let [
            w_year,
            w_month,
            w_day_of_week,
            w_day,
            w_hour,
            w_minute,
            w_second,
            w_milliseconds,
        ] = w;
        Ok(SystemTime {
            w_year,
            w_month,
            w_day_of_week,
            w_day,
            w_hour,
            w_minute,
            w_second,
            w_milliseconds,
        })
    }
}

impl Encode for SystemTime {
    fn encoded_len(&self) -> usize {
        16
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        for v in [
            self.w_year,
            self.w_month,
            self.w_day_of_week,
            self.w_day,
            self.w_hour,
            self.w_minute,
            self.w_second,
            self.w_milliseconds,
        ] {
            buf.put_u16_le(v);
        }
        Ok(())
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_time_conversions_agree() {
        let ft = FileTime::from_utc(2024, 2, 29, 23, 59, 58, 1_230_000).unwrap();
        let st = SystemTime::from_file_time(ft);
        assert_eq!(st.to_string(), "2024-02-29T23:59:58.123Z");
        assert_eq!(st.w_day_of_week, 4); // Thursday
        assert!(st.is_valid_date());
        assert_eq!(st.to_file_time(), Some(ft));
        assert_eq!(SystemTime::from_file_time(FileTime(0)).w_day_of_week, 1);
        let rule = SystemTime {
            w_month: 3,
            w_day: 5,
            w_hour: 2,
            ..SystemTime::default()
        };
        assert!(rule.to_file_time().is_none());
        assert!(!rule.is_valid_date());
    }
}
