//! RFC 5545 3.3 value types the conversion reads and writes: DATE and
//! DATE-TIME (3.3.4, 3.3.5: UTC, floating, or local with a TZID), DURATION
//! (3.3.6), UTC-OFFSET (3.3.14) and RECUR (3.3.10).

use std::fmt;

use ms_oxocal::time::{DateTime, MINUTES_PER_DAY, day_from_civil};

use crate::contentline::ContentLine;

/// A DATE or DATE-TIME value (RFC 5545 3.3.4, 3.3.5).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Timestamp {
    /// A DATE (`VALUE=DATE`, `20240101`).
    Date {
        /// Year.
        year: i64,
        /// Month 1-12.
        month: u8,
        /// Day 1-31.
        day: u8,
    },
    /// A DATE-TIME.
    DateTime {
        /// The wall-clock date and time.
        local: DateTime,
        /// Seconds (0-60).
        second: u8,
        /// How to read it: UTC, floating, or in a zone.
        zone: Zone,
    },
}

/// How a DATE-TIME is placed in time (RFC 5545 3.3.5 forms 1-3).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Zone {
    /// Form 2: UTC (`Z`).
    Utc,
    /// Form 1: floating (no zone).
    Floating,
    /// Form 3: local time in the zone a TZID names.
    Tzid(String),
}

impl Timestamp {
    /// Parses one DATE or DATE-TIME (`zone` from the TZID parameter, if
    /// any). `None` when the text is neither.
    pub fn parse(text: &str, tzid: Option<&str>) -> Option<Self> {
        let t = text.trim();
        let digits = |s: &str| -> Option<i64> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let year = digits(t.get(0..4)?)?;
        let month = u8::try_from(digits(t.get(4..6)?)?).ok()?;
        let day = u8::try_from(digits(t.get(6..8)?)?).ok()?;
        if t.len() == 8 {
            DateTime::new(year, month, day, 0, 0)?;
            return Some(Timestamp::Date { year, month, day });
        }
        if t.get(8..9)? != "T" {
            return None;
        }
        let hour = u8::try_from(digits(t.get(9..11)?)?).ok()?;
        let minute = u8::try_from(digits(t.get(11..13)?)?).ok()?;
        let second = u8::try_from(digits(t.get(13..15)?)?).ok()?;
        if second > 60 {
            return None;
        }
        let zone = match t.get(15..)? {
            "" => match tzid {
                Some(z) if !z.trim().is_empty() => Zone::Tzid(z.to_string()),
                _ => Zone::Floating,
            },
            "Z" | "z" => Zone::Utc,
            _ => return None,
        };
        let local = DateTime::new(year, month, day, hour, minute)?;
        Some(Timestamp::DateTime {
            local,
            second,
            zone,
        })
    }

    /// Parses the value of a property (its TZID parameter included);
    /// `None` when it is not a DATE or DATE-TIME.
    pub fn from_line(line: &ContentLine) -> Option<Self> {
        Self::parse(&line.value, line.param("TZID"))
    }

    /// Parses every value of a multi-valued property (EXDATE, RDATE);
    /// values that do not parse are returned as text.
    pub fn list_from_line(line: &ContentLine) -> (Vec<Self>, Vec<String>) {
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for v in line.value.split(',') {
            if v.trim().is_empty() {
                continue;
            }
            match Self::parse(v, line.param("TZID")) {
                Some(t) => ok.push(t),
                None => bad.push(v.to_string()),
            }
        }
        (ok, bad)
    }

    /// Whether this is a DATE.
    pub fn is_date(&self) -> bool {
        matches!(self, Timestamp::Date { .. })
    }

    /// The wall-clock minutes since 1601 (midnight for a DATE) and the seconds.
    pub fn local_minutes(&self) -> Option<(i64, u8)> {
        match self {
            Timestamp::Date { year, month, day } => {
                Some((day_from_civil(*year, *month, *day) * MINUTES_PER_DAY, 0))
            }
            Timestamp::DateTime { local, second, .. } => Some((local.to_minutes()?, *second)),
        }
    }

    /// The zone (`None` for a DATE).
    pub fn zone(&self) -> Option<&Zone> {
        match self {
            Timestamp::Date { .. } => None,
            Timestamp::DateTime { zone, .. } => Some(zone),
        }
    }

    /// A DATE-TIME from local minutes since 1601 in `zone`.
    pub fn from_minutes(minutes: i64, second: u8, zone: Zone) -> Self {
        Timestamp::DateTime {
            local: DateTime::from_minutes(minutes),
            second,
            zone,
        }
    }

    /// A DATE from minutes since 1601 (the day they fall in).
    pub fn date_from_minutes(minutes: i64) -> Self {
        let d = DateTime::from_minutes(minutes);
        Timestamp::Date {
            year: d.year,
            month: d.month,
            day: d.day,
        }
    }

    /// The value text (`20240101`, `20240101T090000`, `20240101T090000Z`).
    pub fn value_text(&self) -> String {
        self.to_string()
    }

    /// A content line `name` with this value (TZID and VALUE=DATE parameters
    /// as needed).
    pub fn to_line(&self, name: &str) -> ContentLine {
        let mut l = ContentLine::new(name, self.value_text());
        match self {
            Timestamp::Date { .. } => l = l.with_param("VALUE", "DATE"),
            Timestamp::DateTime {
                zone: Zone::Tzid(z),
                ..
            } => l = l.with_param("TZID", z.clone()),
            Timestamp::DateTime { .. } => {}
        }
        l
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Date { year, month, day } => write!(f, "{year:04}{month:02}{day:02}"),
            Timestamp::DateTime {
                local,
                second,
                zone,
            } => {
                write!(
                    f,
                    "{:04}{:02}{:02}T{:02}{:02}{:02}",
                    local.year, local.month, local.day, local.hour, local.minute, second
                )?;
                if *zone == Zone::Utc {
                    f.write_str("Z")?;
                }
                Ok(())
            }
        }
    }
}

/// Parses an RFC 5545 3.3.6 DURATION (`-PT15M`, `P1D`, `P1W`,
/// `P1DT2H3M4S`) into seconds; `None` when it is not one.
pub fn parse_duration(text: &str) -> Option<i64> {
    let t = text.trim();
    let (neg, rest) = match t.as_bytes().first()? {
        b'-' => (true, t.get(1..)?),
        b'+' => (false, t.get(1..)?),
        _ => (false, t),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut total: i64 = 0;
    let mut num: Option<i64> = None;
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        if let Some(d) = c.to_digit(10) {
            num = Some(
                num.unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(i64::from(d))?,
            );
            continue;
        }
        let unit = match c.to_ascii_uppercase() {
            'T' => {
                if num.is_some() || in_time {
                    return None;
                }
                in_time = true;
                continue;
            }
            'W' if !in_time => 7 * 86_400,
            'D' if !in_time => 86_400,
            'H' if in_time => 3_600,
            'M' if in_time => 60,
            'S' if in_time => 1,
            _ => return None,
        };
        total = total.checked_add(num.take()?.checked_mul(unit)?)?;
        any = true;
    }
    if num.is_some() || !any {
        return None;
    }
    Some(if neg { -total } else { total })
}

/// Formats seconds as an RFC 5545 3.3.6 DURATION (`-PT15M`, `P1D`, `PT0S`).
pub fn format_duration(seconds: i64) -> String {
    let mut out = String::new();
    if seconds < 0 {
        out.push('-');
    }
    out.push('P');
    let mut s = seconds.unsigned_abs();
    if s == 0 {
        out.push_str("T0S");
        return out;
    }
    if s.is_multiple_of(7 * 86_400) {
        out.push_str(&format!("{}W", s / (7 * 86_400)));
        return out;
    }
    let days = s / 86_400;
    s %= 86_400;
    if days > 0 {
        out.push_str(&format!("{days}D"));
    }
    if s > 0 {
        out.push('T');
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
        if sec > 0 {
            out.push_str(&format!("{sec}S"));
        }
    }
    out
}

/// Parses an RFC 5545 3.3.14 UTC-OFFSET (`+0200`, `-0500`, `+053000`) into
/// minutes east of UTC (seconds rounded toward zero).
pub fn parse_utc_offset(text: &str) -> Option<i32> {
    let t = text.trim();
    let sign = match t.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let d = t.get(1..)?;
    if !(d.len() == 4 || d.len() == 6) || !d.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let h: i32 = d.get(0..2)?.parse().ok()?;
    let m: i32 = d.get(2..4)?.parse().ok()?;
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 60 + m))
}

/// Formats minutes east of UTC as an RFC 5545 UTC-OFFSET (`+0100`).
pub fn format_utc_offset(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// RFC 5545 3.3.10 FREQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Freq {
    /// SECONDLY.
    Secondly,
    /// MINUTELY.
    Minutely,
    /// HOURLY.
    Hourly,
    /// DAILY.
    Daily,
    /// WEEKLY.
    Weekly,
    /// MONTHLY.
    Monthly,
    /// YEARLY.
    Yearly,
}

impl Freq {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_ascii_uppercase().as_str() {
            "SECONDLY" => Freq::Secondly,
            "MINUTELY" => Freq::Minutely,
            "HOURLY" => Freq::Hourly,
            "DAILY" => Freq::Daily,
            "WEEKLY" => Freq::Weekly,
            "MONTHLY" => Freq::Monthly,
            "YEARLY" => Freq::Yearly,
            _ => return None,
        })
    }

    /// The FREQ keyword.
    pub fn name(self) -> &'static str {
        match self {
            Freq::Secondly => "SECONDLY",
            Freq::Minutely => "MINUTELY",
            Freq::Hourly => "HOURLY",
            Freq::Daily => "DAILY",
            Freq::Weekly => "WEEKLY",
            Freq::Monthly => "MONTHLY",
            Freq::Yearly => "YEARLY",
        }
    }
}

/// The two-letter weekday names, Sunday first (0 = Sunday, as
/// [MS-OXOCAL] counts).
pub const WEEKDAYS: [&str; 7] = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

/// Parses a two-letter weekday (0 = Sunday).
pub fn parse_weekday(s: &str) -> Option<u8> {
    WEEKDAYS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(s.trim()))
        .and_then(|i| u8::try_from(i).ok())
}

/// One BYDAY element: an optional ordinal and a weekday (0 = Sunday).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WeekdayNum {
    /// The ordinal (`2MO` is 2, `-1SU` is -1), if any.
    pub ordinal: Option<i16>,
    /// The weekday, 0 = Sunday.
    pub weekday: u8,
}

/// An RFC 5545 3.3.10 RECUR value (RRULE): the parts this conversion
/// reads, plus every other part kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Recur {
    /// FREQ.
    pub freq: Freq,
    /// UNTIL.
    pub until: Option<Timestamp>,
    /// COUNT.
    pub count: Option<u32>,
    /// INTERVAL (1 when absent).
    pub interval: u32,
    /// BYDAY.
    pub by_day: Vec<WeekdayNum>,
    /// BYMONTHDAY.
    pub by_month_day: Vec<i16>,
    /// BYMONTH.
    pub by_month: Vec<u8>,
    /// BYSETPOS.
    pub by_set_pos: Vec<i16>,
    /// BYHOUR.
    pub by_hour: Vec<u8>,
    /// BYMINUTE.
    pub by_minute: Vec<u8>,
    /// WKST (0 = Sunday).
    pub wkst: Option<u8>,
    /// Parts not listed above (BYSECOND, BYYEARDAY, BYWEEKNO, X-...), as
    /// `(NAME, value)`.
    pub other: Vec<(String, String)>,
}

impl Recur {
    /// A rule of `freq` with INTERVAL 1 and nothing else.
    pub fn new(freq: Freq) -> Self {
        Recur {
            freq,
            until: None,
            count: None,
            interval: 1,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            by_set_pos: Vec::new(),
            by_hour: Vec::new(),
            by_minute: Vec::new(),
            wkst: None,
            other: Vec::new(),
        }
    }

    /// Parses a RECUR value; `Err` says which part is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut freq = None;
        let mut r = Recur::new(Freq::Daily);
        for part in text.trim().split(';') {
            if part.is_empty() {
                continue;
            }
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("RRULE part {part:?} has no '='"))?;
            let bad = || format!("RRULE part {part:?} is not valid");
            let list_i16 = |v: &str| -> Result<Vec<i16>, String> {
                v.split(',')
                    .map(|x| x.trim().parse::<i16>().map_err(|_| bad()))
                    .collect()
            };
            let list_u8 = |v: &str| -> Result<Vec<u8>, String> {
                v.split(',')
                    .map(|x| x.trim().parse::<u8>().map_err(|_| bad()))
                    .collect()
            };
            match k.trim().to_ascii_uppercase().as_str() {
                "FREQ" => freq = Some(Freq::parse(v).ok_or_else(bad)?),
                "UNTIL" => r.until = Some(Timestamp::parse(v, None).ok_or_else(bad)?),
                "COUNT" => r.count = Some(v.trim().parse().map_err(|_| bad())?),
                "INTERVAL" => {
                    r.interval = v.trim().parse().map_err(|_| bad())?;
                    if r.interval == 0 {
                        return Err(bad());
                    }
                }
                "BYDAY" => {
                    for d in v.split(',') {
                        let d = d.trim();
                        let split = d.len().checked_sub(2).ok_or_else(bad)?;
                        let (n, wd) = (
                            d.get(..split).ok_or_else(bad)?,
                            d.get(split..).ok_or_else(bad)?,
                        );
                        let weekday = parse_weekday(wd).ok_or_else(bad)?;
                        let ordinal = if n.is_empty() {
                            None
                        } else {
                            Some(
                                n.trim_start_matches('+')
                                    .parse::<i16>()
                                    .map_err(|_| bad())?,
                            )
                        };
                        r.by_day.push(WeekdayNum { ordinal, weekday });
                    }
                }
                "BYMONTHDAY" => r.by_month_day = list_i16(v)?,
                "BYMONTH" => r.by_month = list_u8(v)?,
                "BYSETPOS" => r.by_set_pos = list_i16(v)?,
                "BYHOUR" => r.by_hour = list_u8(v)?,
                "BYMINUTE" => r.by_minute = list_u8(v)?,
                "WKST" => r.wkst = Some(parse_weekday(v).ok_or_else(bad)?),
                other => r.other.push((other.to_string(), v.to_string())),
            }
        }
        r.freq = freq.ok_or_else(|| "RRULE without FREQ".to_string())?;
        Ok(r)
    }
}

impl fmt::Display for Recur {
    /// The RECUR text, parts in the order Exchange writes them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FREQ={}", self.freq.name())?;
        if let Some(u) = &self.until {
            write!(f, ";UNTIL={u}")?;
        }
        if let Some(c) = self.count {
            write!(f, ";COUNT={c}")?;
        }
        write!(f, ";INTERVAL={}", self.interval)?;
        let join = |v: Vec<String>| v.join(",");
        if !self.by_month_day.is_empty() {
            write!(
                f,
                ";BYMONTHDAY={}",
                join(self.by_month_day.iter().map(|d| d.to_string()).collect())
            )?;
        }
        if !self.by_day.is_empty() {
            let days = self
                .by_day
                .iter()
                .map(|d| {
                    let name = WEEKDAYS
                        .get(usize::from(d.weekday))
                        .copied()
                        .unwrap_or("SU");
                    match d.ordinal {
                        Some(n) => format!("{n}{name}"),
                        None => name.to_string(),
                    }
                })
                .collect();
            write!(f, ";BYDAY={}", join(days))?;
        }
        if !self.by_set_pos.is_empty() {
            write!(
                f,
                ";BYSETPOS={}",
                join(self.by_set_pos.iter().map(|d| d.to_string()).collect())
            )?;
        }
        if !self.by_month.is_empty() {
            write!(
                f,
                ";BYMONTH={}",
                join(self.by_month.iter().map(|d| d.to_string()).collect())
            )?;
        }
        if !self.by_hour.is_empty() {
            write!(
                f,
                ";BYHOUR={}",
                join(self.by_hour.iter().map(|d| d.to_string()).collect())
            )?;
        }
        if !self.by_minute.is_empty() {
            write!(
                f,
                ";BYMINUTE={}",
                join(self.by_minute.iter().map(|d| d.to_string()).collect())
            )?;
        }
        if let Some(w) = self.wkst {
            write!(
                f,
                ";WKST={}",
                WEEKDAYS.get(usize::from(w)).copied().unwrap_or("SU")
            )?;
        }
        for (k, v) in &self.other {
            write!(f, ";{k}={v}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn values_parse_and_format() {
        assert_eq!(parse_duration("-PT15M"), Some(-900));
        assert_eq!(parse_duration("P1DT1H"), Some(90_000));
        assert_eq!(parse_duration("P2W"), Some(14 * 86_400));
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(format_duration(-900), "-PT15M");
        assert_eq!(format_duration(86_400 + 3_600), "P1DT1H");
        assert_eq!(parse_utc_offset("-0500"), Some(-300));
        assert_eq!(format_utc_offset(330), "+0530");
        let r = Recur::parse("FREQ=MONTHLY;BYDAY=-1SU,2MO;COUNT=3;X-A=1").unwrap();
        assert_eq!(r.by_day[0].ordinal, Some(-1));
        assert_eq!(
            r.to_string(),
            "FREQ=MONTHLY;COUNT=3;INTERVAL=1;BYDAY=-1SU,2MO;X-A=1"
        );
        let t = Timestamp::parse("20240310T023000", Some("X")).unwrap();
        assert_eq!(t.to_string(), "20240310T023000");
        assert!(Timestamp::parse("20240230", None).is_none());
    }
}
