//! [MS-OXOCAL] time zones: 2.2.1.39 PidLidTimeZoneStruct (TZREG), 2.2.1.41
//! PidLidAppointmentTimeZoneDefinitionRecur (TZDEFINITION, also the value of
//! 2.2.1.42 ...StartDisplay and 2.2.1.43 ...EndDisplay) with its 2.2.1.41.1
//! TZRule structures, and [`TimeZone`]: the rules as local/UTC conversion.

use ms_dtyp::SystemTime;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result, Utf16String, fit_u16};

use crate::time::{MINUTES_PER_DAY, day_from_civil, month_length, weekday};

/// [MS-OXOCAL] 2.2.1.39 PidLidTimeZoneStruct: the time zone of a recurring
/// series as one rule (the TZREG structure of the Outlook API), 48 bytes.
///
/// Biases are minutes *west* of UTC: UTC = local time + lBias + lStandardBias
/// (or + lDaylightBias during daylight saving time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TzReg {
    /// lBias: the offset of local time from UTC, in minutes (UTC − local).
    pub bias: i32,
    /// lStandardBias: added to lBias during standard time.
    pub standard_bias: i32,
    /// lDaylightBias: added to lBias during daylight saving time.
    pub daylight_bias: i32,
    /// wStandardYear (the wYear of stStandardDate).
    pub standard_year: u16,
    /// stStandardDate: when standard time begins (wMonth 0: no daylight
    /// saving time; wYear 0: a yearly rule with wDay the week 1-5).
    pub standard_date: SystemTime,
    /// wDaylightYear (the wYear of stDaylightDate).
    pub daylight_year: u16,
    /// stDaylightDate: when daylight saving time begins.
    pub daylight_date: SystemTime,
}

impl<'a> Decode<'a> for TzReg {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("TimeZoneStruct", |r| {
            Ok(TzReg {
                bias: r.i32()?,
                standard_bias: r.i32()?,
                daylight_bias: r.i32()?,
                standard_year: r.u16()?,
                standard_date: SystemTime::decode(r)?,
                daylight_year: r.u16()?,
                daylight_date: SystemTime::decode(r)?,
            })
        })
    }
}

impl Encode for TzReg {
    fn encoded_len(&self) -> usize {
        48
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_i32_le(self.bias);
        buf.put_i32_le(self.standard_bias);
        buf.put_i32_le(self.daylight_bias);
        buf.put_u16_le(self.standard_year);
        self.standard_date.encode(buf)?;
        buf.put_u16_le(self.daylight_year);
        self.daylight_date.encode(buf)
    }
}

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.1.41.1 TZRule flags.
    pub struct TzRuleFlags: u16 {
        /// R: the rule is the one of a recurring series (matches PidLidTimeZoneStruct).
        const RECUR_CURRENT_TZREG = 0x0001 => "TZRULE_FLAG_RECUR_CURRENT_TZREG";
        /// E: the rule is the effective rule.
        const EFFECTIVE_TZREG = 0x0002 => "TZRULE_FLAG_EFFECTIVE_TZREG";
    }
}

/// [MS-OXOCAL] 2.2.1.41.1 TZRule: one rule of a [`TzDefinition`], in effect
/// from January 1 of [`TzRule::year`] until the next rule's year; 66 bytes.
/// Every field is kept as read (the reserved X included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TzRule {
    /// Major version (0x02).
    pub major_version: u8,
    /// Minor version (0x01).
    pub minor_version: u8,
    /// Reserved (0x003E).
    pub reserved: u16,
    /// TZRule flags.
    pub flags: TzRuleFlags,
    /// wYear: the first year the rule is in effect.
    pub year: u16,
    /// X: 14 reserved bytes (zero by the spec; kept as read).
    pub x: [u8; 14],
    /// lBias.
    pub bias: i32,
    /// lStandardBias.
    pub standard_bias: i32,
    /// lDaylightBias.
    pub daylight_bias: i32,
    /// stStandardDate.
    pub standard_date: SystemTime,
    /// stDaylightDate.
    pub daylight_date: SystemTime,
}

impl Default for TzRule {
    fn default() -> Self {
        TzRule {
            major_version: 2,
            minor_version: 1,
            reserved: 0x003E,
            flags: TzRuleFlags::EMPTY,
            year: 0,
            x: [0; 14],
            bias: 0,
            standard_bias: 0,
            daylight_bias: 0,
            standard_date: SystemTime::default(),
            daylight_date: SystemTime::default(),
        }
    }
}

impl TzRule {
    /// The wire size of a rule.
    pub const LEN: usize = 66;

    /// Whether the rule's bias fields and dates equal those of a TZREG
    /// (the consistency check of [MS-OXOCAL] 2.2.1.41).
    pub fn matches_reg(&self, reg: &TzReg) -> bool {
        self.bias == reg.bias
            && self.standard_bias == reg.standard_bias
            && self.daylight_bias == reg.daylight_bias
            && self.standard_date == reg.standard_date
            && self.daylight_date == reg.daylight_date
    }

    /// The rule as a TZREG (wStandardYear / wDaylightYear from the dates).
    pub fn to_reg(&self) -> TzReg {
        TzReg {
            bias: self.bias,
            standard_bias: self.standard_bias,
            daylight_bias: self.daylight_bias,
            standard_year: self.standard_date.w_year,
            standard_date: self.standard_date,
            daylight_year: self.daylight_date.w_year,
            daylight_date: self.daylight_date,
        }
    }
}

impl<'a> Decode<'a> for TzRule {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(TzRule {
            major_version: r.u8()?,
            minor_version: r.u8()?,
            reserved: r.u16()?,
            flags: TzRuleFlags(r.u16()?),
            year: r.u16()?,
            x: r.array::<14>()?,
            bias: r.i32()?,
            standard_bias: r.i32()?,
            daylight_bias: r.i32()?,
            standard_date: SystemTime::decode(r)?,
            daylight_date: SystemTime::decode(r)?,
        })
    }
}

impl Encode for TzRule {
    fn encoded_len(&self) -> usize {
        Self::LEN
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.major_version);
        buf.put_u8(self.minor_version);
        buf.put_u16_le(self.reserved);
        buf.put_u16_le(self.flags.0);
        buf.put_u16_le(self.year);
        buf.put_slice(&self.x);
        buf.put_i32_le(self.bias);
        buf.put_i32_le(self.standard_bias);
        buf.put_i32_le(self.daylight_bias);
        self.standard_date.encode(buf)?;
        self.daylight_date.encode(buf)
    }
}

/// [MS-OXOCAL] 2.2.1.41 TZDEFINITION (the value of
/// PidLidAppointmentTimeZoneDefinitionRecur, ...StartDisplay and
/// ...EndDisplay): a Windows time zone by registry key name, with its rules
/// over the years.
///
/// Lossless: bytes inside cbHeader after cRules are kept in
/// [`TzDefinition::header_extra`] (a defect: the spec sizes the header
/// exactly), and bytes after the last rule in [`TzDefinition::trailing`]
/// (a defect too; seen in MFCMAPI's test data, where cRules is 0 and two
/// rules follow).
///
/// ```
/// use ms_oxocal::TzDefinition;
/// use msox_codec::{Decode, Encode};
/// // [MS-OXOCAL] 4.1.4: Pacific Standard Time, rules for 2006 and 2007
/// let hex = "0201300002001500500061006300690066006900630020005300740061006E0064006100720064\
///     002000540069006D006500020002013E000000D6070000000000000000000000000000E001000000000000\
///     C4FFFFFF00000A000000050002000000000000000000040000000100020000000000000002013E000200D7\
///     070000000000000000000000000000E001000000000000C4FFFFFF00000B00000001000200000000000000\
///     00000300000002000200000000000000";
/// let bytes = msox_codec::hex::decode(hex)?;
/// let tz = TzDefinition::decode_exact(&bytes)?;
/// assert_eq!(tz.key_name, "Pacific Standard Time");
/// assert_eq!(tz.rules.len(), 2);
/// assert_eq!(tz.effective_rule().map(|r| r.year), Some(2007));
/// assert_eq!(tz.to_vec()?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TzDefinition {
    /// Major Version (0x02).
    pub major_version: u8,
    /// Minor Version (0x01).
    pub minor_version: u8,
    /// Reserved (0x0002).
    pub reserved: u16,
    /// KeyName: the Windows registry key name of the zone (cchKeyName is
    /// its length in UTF-16 code units), not terminated.
    pub key_name: Utf16String,
    /// Bytes cbHeader covers after cRules (none by the spec; kept).
    pub header_extra: Vec<u8>,
    /// TZRules (cRules is their number).
    pub rules: Vec<TzRule>,
    /// Bytes after the last rule (none by the spec; kept).
    pub trailing: Vec<u8>,
}

impl Default for TzDefinition {
    fn default() -> Self {
        TzDefinition {
            major_version: 2,
            minor_version: 1,
            reserved: 0x0002,
            key_name: Utf16String::default(),
            header_extra: Vec::new(),
            rules: Vec::new(),
            trailing: Vec::new(),
        }
    }
}

impl TzDefinition {
    /// The rule marked TZRULE_FLAG_EFFECTIVE_TZREG.
    pub fn effective_rule(&self) -> Option<&TzRule> {
        self.rules
            .iter()
            .find(|r| r.flags.contains(TzRuleFlags::EFFECTIVE_TZREG))
    }

    /// The rule in effect in `year` (the last rule whose wYear is not later,
    /// or the first rule for earlier years).
    pub fn rule_for_year(&self, year: u16) -> Option<&TzRule> {
        self.rules
            .iter()
            .rev()
            .find(|r| r.year <= year)
            .or_else(|| self.rules.first())
    }
}

impl<'a> Decode<'a> for TzDefinition {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("TZDEFINITION", |r| {
            let major_version = r.u8()?;
            let minor_version = r.u8()?;
            let cb_header = usize::from(r.u16()?);
            let (reserved, key_name, count, header_extra) = {
                let mut h = r.sub(cb_header)?;
                let reserved = h.u16()?;
                let cch = usize::from(h.u16()?) * 2;
                h.reserve_backed(cch, "cchKeyName")?;
                let key_name = Utf16String::from_le_bytes(h.bytes(cch)?);
                let count = h.u16()?;
                let at = h.pos();
                let extra = h.take_rest();
                if !extra.is_empty() {
                    h.defect_at(
                        ErrorKind::TrailingBytes {
                            count: extra.len() as u64,
                        },
                        at,
                        "bytes inside cbHeader after cRules kept",
                    )?;
                }
                (reserved, key_name, count, extra.to_vec())
            };
            let n = r.check_count(count.into(), TzRule::LEN, "cRules")?;
            let mut rules = Vec::with_capacity(n.min(1024));
            for i in 0..n {
                rules.push(r.frame_indexed("TZRule", i, TzRule::decode)?);
            }
            let at = r.pos();
            let trailing = r.take_rest().to_vec();
            if !trailing.is_empty() {
                r.defect_at(
                    ErrorKind::TrailingBytes {
                        count: trailing.len() as u64,
                    },
                    at,
                    "bytes after the last TZRule kept",
                )?;
            }
            Ok(TzDefinition {
                major_version,
                minor_version,
                reserved,
                key_name,
                header_extra,
                rules,
                trailing,
            })
        })
    }
}

impl Encode for TzDefinition {
    fn encoded_len(&self) -> usize {
        4 + 6
            + self.key_name.byte_len()
            + self.header_extra.len()
            + TzRule::LEN * self.rules.len()
            + self.trailing.len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let key = self.key_name.byte_len();
        if !key.is_multiple_of(2) {
            return Err(Error::malformed(
                "TZDEFINITION: KeyName has an odd number of bytes",
            ));
        }
        let cch = fit_u16(key / 2, "cchKeyName")?;
        let header = fit_u16(6 + key + self.header_extra.len(), "cbHeader")?;
        let count = fit_u16(self.rules.len(), "cRules")?;
        buf.put_u8(self.major_version);
        buf.put_u8(self.minor_version);
        buf.put_u16_le(header);
        buf.put_u16_le(self.reserved);
        buf.put_u16_le(cch);
        self.key_name.write_le(buf);
        buf.put_u16_le(count);
        buf.put_slice(&self.header_extra);
        for rule in &self.rules {
            rule.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}

/// One rule of a [`TimeZone`]: the biases and transition dates of a
/// [MS-OXOCAL] 2.2.1.41.1 TZRule (or 2.2.1.39 TZREG), in effect from
/// January 1 of `from_year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ZoneRule {
    /// The first year the rule is in effect (0 for a single-rule zone).
    pub from_year: u16,
    /// lBias (minutes, UTC − local).
    pub bias: i32,
    /// lStandardBias.
    pub standard_bias: i32,
    /// lDaylightBias.
    pub daylight_bias: i32,
    /// stStandardDate.
    pub standard_date: SystemTime,
    /// stDaylightDate.
    pub daylight_date: SystemTime,
}

impl ZoneRule {
    fn from_reg(from_year: u16, r: &TzReg) -> Self {
        ZoneRule {
            from_year,
            bias: r.bias,
            standard_bias: r.standard_bias,
            daylight_bias: r.daylight_bias,
            standard_date: r.standard_date,
            daylight_date: r.daylight_date,
        }
    }

    /// Whether the rule has daylight saving time (both dates have a month).
    pub fn has_daylight_time(&self) -> bool {
        self.standard_date.w_month != 0 && self.daylight_date.w_month != 0
    }

    /// Minutes to add to local standard time to get UTC.
    fn standard_offset(&self) -> i64 {
        i64::from(self.bias) + i64::from(self.standard_bias)
    }

    /// Minutes to add to local daylight time to get UTC.
    fn daylight_offset(&self) -> i64 {
        i64::from(self.bias) + i64::from(self.daylight_bias)
    }

    fn check(&self) -> Result<()> {
        if !self.has_daylight_time() {
            return Ok(());
        }
        let fields = [
            (
                &self.standard_date,
                [
                    "stStandardDate.wMonth",
                    "stStandardDate.wDay",
                    "stStandardDate.wHour",
                ],
            ),
            (
                &self.daylight_date,
                [
                    "stDaylightDate.wMonth",
                    "stDaylightDate.wDay",
                    "stDaylightDate.wHour",
                ],
            ),
        ];
        for (st, [month, day, hour]) in fields {
            let bad = |field: &'static str, v: u16| {
                Err(Error::new(ErrorKind::InvalidValue {
                    field,
                    value: v.into(),
                }))
            };
            if st.w_month > 12 {
                return bad(month, st.w_month);
            }
            if st.w_year == 0 && (st.w_day == 0 || st.w_day > 5 || st.w_day_of_week > 6) {
                return bad(day, st.w_day);
            }
            if st.w_hour > 23 || st.w_minute > 59 || st.w_second > 59 || st.w_milliseconds > 999 {
                return bad(hour, st.w_hour);
            }
        }
        Ok(())
    }

    /// The local wall-clock minute (since 1601) of a transition in `year`,
    /// or `None` when the date names no day in that year (an absolute date
    /// of another year, or an impossible one).
    fn transition(st: &SystemTime, year: i64) -> Option<i64> {
        let month = u8::try_from(st.w_month).ok()?;
        let day = if st.w_year != 0 {
            if i64::from(st.w_year) != year {
                return None;
            }
            let d = u8::try_from(st.w_day).ok()?;
            if d == 0 || d > month_length(year, month) {
                return None;
            }
            d
        } else {
            let len = month_length(year, month);
            if len == 0 {
                return None;
            }
            let first = day_from_civil(year, month, 1);
            let dow = u8::try_from(st.w_day_of_week).ok()?;
            let first_match = 1 + (i64::from(dow) - i64::from(weekday(first))).rem_euclid(7);
            let mut d = first_match + 7 * (i64::from(st.w_day) - 1);
            while d > i64::from(len) {
                d -= 7;
            }
            u8::try_from(d).ok()?
        };
        let mut minutes = i64::from(st.w_hour) * 60 + i64::from(st.w_minute);
        if st.w_second != 0 || st.w_milliseconds != 0 {
            // A transition at 23:59:59.999 happens at the next minute boundary.
            minutes += 1;
        }
        Some(day_from_civil(year, month, day) * MINUTES_PER_DAY + minutes)
    }

    /// The daylight-time start (local standard wall clock) and end (local
    /// daylight wall clock) in `year`, when the rule has both that year.
    fn transitions(&self, year: i64) -> Option<(i64, i64)> {
        if !self.has_daylight_time() {
            return None;
        }
        Some((
            Self::transition(&self.daylight_date, year)?,
            Self::transition(&self.standard_date, year)?,
        ))
    }
}

/// [MS-OXOCAL] 2.2.1.41 / 2.2.1.39 time zone rules as the conversion
/// between the local times of the recurrence blobs and UTC: the rules of a
/// [`TzDefinition`] (or the one rule of a [`TzReg`]), each in effect from
/// its year on; a transition date with wYear 0 is the wDay-th (5: last)
/// wDayOfWeek of wMonth at wHour:wMinute local time, one with a wYear is a
/// date in that year only.
///
/// Local times that do not exist (in the gap when clocks go forward) take
/// the offset before the gap, so 02:30 on a spring-forward night is 03:30
/// daylight time; local times that happen twice (when clocks go back) are
/// the first, daylight one: the iCalendar rule (RFC 5545 3.3.5).
///
/// ```
/// use ms_oxocal::{TimeZone, TzReg};
/// use ms_oxocal::time::DateTime;
/// use ms_dtyp::SystemTime;
/// // Eastern time since 2007: DST from the 2nd Sunday of March to the 1st Sunday of November.
/// let rule = |m, d| SystemTime { w_month: m, w_day: d, w_hour: 2, ..SystemTime::default() };
/// let reg = TzReg { bias: 300, daylight_bias: -60, standard_date: rule(11, 1),
///                   daylight_date: rule(3, 2), ..TzReg::default() };
/// let tz = TimeZone::from_reg(&reg)?;
/// let local = |y, mo, d, h| DateTime::new(y, mo, d, h, 0).unwrap().to_minutes().unwrap();
/// let utc = |m| DateTime::from_minutes(m).to_string();
/// assert_eq!(utc(tz.local_to_utc(local(2024, 3, 9, 12))), "2024-03-09T17:00");  // EST
/// assert_eq!(utc(tz.local_to_utc(local(2024, 3, 11, 12))), "2024-03-11T16:00"); // EDT
/// assert_eq!(utc(tz.local_to_utc(local(2024, 3, 10, 2) + 30)), "2024-03-10T07:30"); // in the gap
/// assert_eq!(utc(tz.local_to_utc(local(2024, 11, 3, 1) + 30)), "2024-11-03T05:30"); // first 01:30
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TimeZone {
    rules: Vec<ZoneRule>,
}

impl TimeZone {
    /// UTC.
    pub fn utc() -> Self {
        Self::fixed(0)
    }

    /// A zone with a fixed bias (minutes, UTC − local) and no daylight time.
    pub fn fixed(bias: i32) -> Self {
        TimeZone {
            rules: vec![ZoneRule {
                from_year: 0,
                bias,
                standard_bias: 0,
                daylight_bias: 0,
                standard_date: SystemTime::default(),
                daylight_date: SystemTime::default(),
            }],
        }
    }

    /// The zone of a TZREG (one rule for every year). Fails when the
    /// transition dates are not dates ([`ErrorKind::InvalidValue`]).
    pub fn from_reg(reg: &TzReg) -> Result<Self> {
        let rule = ZoneRule::from_reg(0, reg);
        rule.check()?;
        Ok(TimeZone { rules: vec![rule] })
    }

    /// The zone of a TZDEFINITION: every rule, in effect from its wYear
    /// (the first one also before). Fails when there is no rule or a
    /// transition date is not a date.
    pub fn from_definition(def: &TzDefinition) -> Result<Self> {
        let mut rules: Vec<ZoneRule> = def
            .rules
            .iter()
            .map(|r| ZoneRule::from_reg(r.year, &r.to_reg()))
            .collect();
        if rules.is_empty() {
            return Err(Error::malformed("TZDEFINITION without a TZRule"));
        }
        rules.sort_by_key(|r| r.from_year);
        for r in &rules {
            r.check()?;
        }
        Ok(TimeZone { rules })
    }

    /// The rules, by year.
    pub fn rules(&self) -> &[ZoneRule] {
        &self.rules
    }

    fn rule_for(&self, year: i64) -> &ZoneRule {
        let y = u16::try_from(year.clamp(0, i64::from(u16::MAX))).unwrap_or(u16::MAX);
        let first = self.rules.first();
        let found = self.rules.iter().rev().find(|r| r.from_year <= y);
        // `rules` is never empty (every constructor makes at least one).
        match found.or(first) {
            Some(r) => r,
            None => &UTC_RULE,
        }
    }

    /// The offsets and daylight-time window of `year`.
    fn year(&self, year: i64) -> YearRules {
        let rule = self.rule_for(year);
        let std = rule.standard_offset();
        let dst = rule.daylight_offset();
        let window = rule.transitions(year).map(|(start, end)| {
            let delta = std - dst;
            DaylightWindow {
                // local wall clock: the gap goes to standard time, the
                // overlap to daylight time
                local_start: start + delta.max(0),
                local_end: end + (-delta).max(0),
                utc_start: start + std,
                utc_end: end + dst,
            }
        });
        YearRules {
            year,
            std,
            dst,
            window,
        }
    }

    /// Whether a local wall-clock minute (since 1601) is in daylight saving
    /// time (gap: no; overlap: yes, as [`TimeZone`] explains).
    pub fn is_daylight_local(&self, local: i64) -> bool {
        self.year(year_of(local)).is_daylight_local(local)
    }

    /// UTC minutes (since 1601) of a local wall-clock minute.
    pub fn local_to_utc(&self, local: i64) -> i64 {
        self.year(year_of(local)).local_to_utc(local)
    }

    /// The local wall-clock minute (since 1601) of a UTC minute.
    pub fn utc_to_local(&self, utc: i64) -> i64 {
        let guess = self.rule_for(year_of(utc)).standard_offset();
        self.year(year_of(utc - guess)).utc_to_local(utc)
    }

    /// A converter that remembers the last year's rules (for the many
    /// conversions of one expansion).
    pub(crate) fn converter(&self) -> Converter<'_> {
        Converter {
            tz: self,
            local: None,
            utc: None,
        }
    }
}

/// The year of a minute count since 1601.
fn year_of(minutes: i64) -> i64 {
    crate::time::civil_from_day(minutes.div_euclid(MINUTES_PER_DAY)).0
}

/// When daylight time runs in one year, in local and in UTC minutes.
#[derive(Debug, Clone, Copy)]
struct DaylightWindow {
    local_start: i64,
    local_end: i64,
    utc_start: i64,
    utc_end: i64,
}

/// The offsets of one year.
#[derive(Debug, Clone, Copy)]
struct YearRules {
    year: i64,
    std: i64,
    dst: i64,
    window: Option<DaylightWindow>,
}

fn within(t: i64, start: i64, end: i64) -> bool {
    if start <= end {
        t >= start && t < end
    } else {
        // southern hemisphere: daylight time spans the new year
        t < end || t >= start
    }
}

impl YearRules {
    fn is_daylight_local(&self, local: i64) -> bool {
        self.window
            .is_some_and(|w| within(local, w.local_start, w.local_end))
    }

    fn local_to_utc(&self, local: i64) -> i64 {
        local
            + if self.is_daylight_local(local) {
                self.dst
            } else {
                self.std
            }
    }

    fn utc_to_local(&self, utc: i64) -> i64 {
        let daylight = self
            .window
            .is_some_and(|w| within(utc, w.utc_start, w.utc_end));
        utc - if daylight { self.dst } else { self.std }
    }
}

/// [`TimeZone`] conversions with the last year's rules remembered.
#[derive(Debug)]
pub(crate) struct Converter<'a> {
    tz: &'a TimeZone,
    local: Option<YearRules>,
    utc: Option<YearRules>,
}

impl Converter<'_> {
    pub(crate) fn local_to_utc(&mut self, local: i64) -> i64 {
        let year = year_of(local);
        let rules = match self.local {
            Some(r) if r.year == year => r,
            _ => {
                let r = self.tz.year(year);
                self.local = Some(r);
                r
            }
        };
        rules.local_to_utc(local)
    }

    pub(crate) fn utc_to_local(&mut self, utc: i64) -> i64 {
        // The year of the local time: UTC shifted by the standard offset
        // (the cached year's, else the zone's for that UTC year).
        let guess = match self.utc {
            Some(r) => r.std,
            None => self.tz.rule_for(year_of(utc)).standard_offset(),
        };
        let year = year_of(utc - guess);
        let rules = match self.utc {
            Some(r) if r.year == year => r,
            _ => {
                let r = self.tz.year(year);
                self.utc = Some(r);
                r
            }
        };
        rules.utc_to_local(utc)
    }
}

const UTC_RULE: ZoneRule = ZoneRule {
    from_year: 0,
    bias: 0,
    standard_bias: 0,
    daylight_bias: 0,
    standard_date: SystemTime {
        w_year: 0,
        w_month: 0,
        w_day_of_week: 0,
        w_day: 0,
        w_hour: 0,
        w_minute: 0,
        w_second: 0,
        w_milliseconds: 0,
    },
    daylight_date: SystemTime {
        w_year: 0,
        w_month: 0,
        w_day_of_week: 0,
        w_day: 0,
        w_hour: 0,
        w_minute: 0,
        w_second: 0,
        w_milliseconds: 0,
    },
};
