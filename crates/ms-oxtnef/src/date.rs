//! [MS-OXTNEF] 2.1.3.3 DTR: the 14-byte date of the legacy date attributes.

use ms_dtyp::FileTime;

/// The DTR structure: year, month, day, hour, minute, second, day of week
/// (seven little-endian UINT16s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Dtr {
    /// Year (e.g. 2024).
    pub year: u16,
    /// Month, 1-12.
    pub month: u16,
    /// Day of month, 1-31.
    pub day: u16,
    /// Hour, 0-23.
    pub hour: u16,
    /// Minute, 0-59.
    pub minute: u16,
    /// Second, 0-59.
    pub second: u16,
    /// Day of week, 0 = Sunday.
    pub day_of_week: u16,
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl Dtr {
    /// Reads the 14 bytes.
    pub fn from_bytes(b: &[u8]) -> Option<Dtr> {
        let w = |i: usize| -> Option<u16> {
            let s = b.get(i * 2..i * 2 + 2)?;
            Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
        };
        if b.len() != 14 {
            return None;
        }
        Some(Dtr {
            year: w(0)?,
            month: w(1)?,
            day: w(2)?,
            hour: w(3)?,
            minute: w(4)?,
            second: w(5)?,
            day_of_week: w(6)?,
        })
    }

    /// The 14 bytes.
    pub fn to_bytes(self) -> [u8; 14] {
        let mut out = [0u8; 14];
        for (chunk, v) in out.chunks_exact_mut(2).zip([
            self.year,
            self.month,
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.day_of_week,
        ]) {
            chunk.copy_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// The date as a FILETIME (UTC), if it is a valid date.
    pub fn to_filetime(self) -> Option<FileTime> {
        if !(1..=12).contains(&self.month)
            || !(1..=31).contains(&self.day)
            || self.hour > 23
            || self.minute > 59
            || self.second > 60
        {
            return None;
        }
        let days = days_from_civil(self.year.into(), self.month.into(), self.day.into());
        let secs = days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        let ft = FileTime::from_unix_seconds(secs);
        (ft.0 != 0).then_some(ft)
    }

    /// The DTR of a FILETIME (UTC; sub-second part dropped).
    pub fn from_filetime(t: FileTime) -> Dtr {
        let (year, month, day, hour, minute, second, _) = t.to_utc();
        let days = days_from_civil(year, month.into(), day.into());
        Dtr {
            year: u16::try_from(year).unwrap_or(0),
            month: month.into(),
            day: day.into(),
            hour: hour.into(),
            minute: minute.into(),
            second: second.into(),
            day_of_week: ((days + 4).rem_euclid(7)) as u16,
        }
    }
}
