//! [MS-DTYP] 2.3.3 FILETIME.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

/// 100-nanosecond intervals between 1601-01-01 and 1970-01-01 (UTC).
pub const UNIX_EPOCH_AS_FILETIME: u64 = 116_444_736_000_000_000;

/// [MS-DTYP] 2.3.3 FILETIME: 100-nanosecond intervals since
/// 1601-01-01T00:00:00Z, as two little-endian 32-bit halves
/// (dwLowDateTime, then dwHighDateTime).
///
/// Kept losslessly as the raw 64-bit value: every value round-trips,
/// including the ones Exchange uses as markers (0, `0x7FFF_FFFF_FFFF_FFFF`
/// and all-ones for "never"). Conversions to calendar time are views.
///
/// ```
/// use ms_dtyp::FileTime;
/// let t = FileTime::from_unix_seconds(1_000_000_000);
/// assert_eq!(t.to_string(), "2001-09-09T01:46:40Z");
/// assert_eq!(t.to_unix_nanos(), 1_000_000_000_000_000_000);
/// assert_eq!(FileTime::from_parts(t.low(), t.high()), t);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FileTime(pub u64);

impl FileTime {
    /// The largest signed value, which Exchange uses for "no end" / "never".
    pub const NEVER: FileTime = FileTime(0x7FFF_FFFF_FFFF_FFFF);

    /// From dwLowDateTime and dwHighDateTime.
    pub const fn from_parts(low: u32, high: u32) -> Self {
        FileTime((high as u64) << 32 | low as u64)
    }

    /// dwLowDateTime.
    pub const fn low(self) -> u32 {
        self.0 as u32
    }

    /// dwHighDateTime.
    pub const fn high(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// Nanoseconds since the Unix epoch (negative before 1970).
    pub const fn to_unix_nanos(self) -> i128 {
        (self.0 as i128 - UNIX_EPOCH_AS_FILETIME as i128) * 100
    }

    /// The FILETIME for whole seconds since the Unix epoch (saturating).
    pub const fn from_unix_seconds(secs: i64) -> Self {
        let v = secs as i128 * 10_000_000 + UNIX_EPOCH_AS_FILETIME as i128;
        FileTime(if v < 0 {
            0
        } else if v > u64::MAX as i128 {
            u64::MAX
        } else {
            v as u64
        })
    }

    /// The FILETIME for nanoseconds since the Unix epoch (truncated to
    /// 100 ns, saturating).
    pub const fn from_unix_nanos(nanos: i128) -> Self {
        let v = nanos.div_euclid(100) + UNIX_EPOCH_AS_FILETIME as i128;
        FileTime(if v < 0 {
            0
        } else if v > u64::MAX as i128 {
            u64::MAX
        } else {
            v as u64
        })
    }

    /// As a [`SystemTime`] (exact to 100 ns).
    pub fn to_system_time(self) -> SystemTime {
        let nanos = self.to_unix_nanos();
        let d = Duration::new(
            (nanos.unsigned_abs() / 1_000_000_000) as u64,
            (nanos.unsigned_abs() % 1_000_000_000) as u32,
        );
        if nanos >= 0 {
            UNIX_EPOCH + d
        } else {
            UNIX_EPOCH - d
        }
    }

    /// From a [`SystemTime`] (truncated to 100 ns, saturating).
    pub fn from_system_time(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Self::from_unix_nanos(d.as_nanos() as i128),
            Err(e) => Self::from_unix_nanos(-(e.duration().as_nanos() as i128)),
        }
    }

    /// The UTC calendar date and time:
    /// `(year, month 1-12, day 1-31, hour, minute, second, 100ns units)`.
    pub const fn to_utc(self) -> (i64, u8, u8, u8, u8, u8, u32) {
        let units = self.0;
        let frac = (units % 10_000_000) as u32;
        let secs = units / 10_000_000;
        let days = (secs / 86_400) as i64;
        let sod = secs % 86_400;
        // days since 1601-01-01 -> days since 1970-01-01
        let (y, m, d) = civil_from_days(days - 134_774);
        (
            y,
            m,
            d,
            (sod / 3600) as u8,
            (sod / 60 % 60) as u8,
            (sod % 60) as u8,
            frac,
        )
    }

    /// The FILETIME for a UTC calendar date and time (`None` before 1601 or
    /// for an impossible date).
    pub fn from_utc(
        year: i64,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        units_100ns: u32,
    ) -> Option<Self> {
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
            || units_100ns >= 10_000_000
        {
            return None;
        }
        let days = days_from_civil(year, month, day) + 134_774;
        let secs = i128::from(days) * 86_400
            + i128::from(hour) * 3600
            + i128::from(minute) * 60
            + i128::from(second);
        let v = secs * 10_000_000 + i128::from(units_100ns);
        u64::try_from(v).ok().map(FileTime)
    }
}

/// Days in `month` of `year` (proleptic Gregorian).
pub const fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// (year, month, day) for days since 1970-01-01 (proleptic Gregorian;
/// the well-known era-based algorithm).
pub const fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 for a proleptic Gregorian date.
pub const fn days_from_civil(y: i64, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for FileTime {
    /// ISO 8601 in UTC, with as many fraction digits as needed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s, frac) = self.to_utc();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}")?;
        if frac != 0 {
            let digits = format!("{frac:07}");
            write!(f, ".{}", digits.trim_end_matches('0'))?;
        }
        f.write_str("Z")
    }
}

impl fmt::Debug for FileTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FileTime({self} = 0x{:016X})", self.0)
    }
}

impl<'a> Decode<'a> for FileTime {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let low = r.u32()?;
        let high = r.u32()?;
        Ok(FileTime::from_parts(low, high))
    }
}

impl Encode for FileTime {
    fn encoded_len(&self) -> usize {
        8
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.low());
        buf.put_u32_le(self.high());
        Ok(())
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_calendar_conversions_agree() {
        assert_eq!(FileTime(0).to_string(), "1601-01-01T00:00:00Z");
        assert_eq!(
            FileTime(UNIX_EPOCH_AS_FILETIME).to_string(),
            "1970-01-01T00:00:00Z"
        );
        let t = FileTime::from_utc(2024, 2, 29, 23, 59, 58, 1_234_500).unwrap();
        assert_eq!(t.to_string(), "2024-02-29T23:59:58.12345Z");
        assert_eq!(t.to_utc(), (2024, 2, 29, 23, 59, 58, 1_234_500));
        assert!(FileTime::from_utc(2023, 2, 29, 0, 0, 0, 0).is_none());
        assert_eq!(FileTime::from_system_time(t.to_system_time()), t);
        // the largest values still print
        assert_eq!(
            FileTime(u64::MAX).to_string(),
            "60056-05-28T05:36:10.9551615Z"
        );
    }
}
