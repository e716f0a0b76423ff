//! [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern: the pattern shared by
//! appointments (inside PidLidAppointmentRecur) and tasks
//! (PidLidTaskRecurrence, [MS-OXOTASK] 2.2.2.2.15).

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result, fit_u32};

use crate::time::{DateTime, MINUTES_PER_DAY, civil_from_day};

/// ReaderVersion and WriterVersion of a RecurrencePattern ([MS-OXOCAL]
/// 2.2.1.44.1: both "MUST be set to 0x3004").
pub const RECURRENCE_PATTERN_VERSION: u16 = 0x3004;

/// The EndDate of a series without an end ([MS-OXOCAL] 2.2.1.44.1:
/// 0x5AE980DF, 31 December 4500, 11:59 P.M.).
pub const NO_END_DATE: u32 = 0x5AE9_80DF;

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern RecurFrequency: how often
    /// the series recurs (unknown values kept).
    pub enum RecurFrequency: u16 {
        /// Daily (0x200A).
        Daily = 0x200A,
        /// Weekly (0x200B).
        Weekly = 0x200B,
        /// Monthly (0x200C).
        Monthly = 0x200C,
        /// Yearly (0x200D).
        Yearly = 0x200D,
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern PatternType: the kind of
    /// pattern, which also says what PatternTypeSpecific holds.
    pub enum PatternType: u16 {
        /// Day (0x0000): a daily recurrence; no PatternTypeSpecific.
        Day = 0x0000,
        /// Week (0x0001): a weekly recurrence on a set of days.
        Week = 0x0001,
        /// Month (0x0002): a monthly recurrence on a day of the month.
        Month = 0x0002,
        /// MonthNth (0x0003): every nth (first..fourth, last) day of a set in the month.
        MonthNth = 0x0003,
        /// MonthEnd (0x0004): the last day of the month.
        MonthEnd = 0x0004,
        /// HjMonth (0x000A): a monthly recurrence in the Hijri calendar.
        HjMonth = 0x000A,
        /// HjMonthNth (0x000B): every nth day of a set in the Hijri month.
        HjMonthNth = 0x000B,
        /// HjMonthEnd (0x000C): the last day of the Hijri month.
        HjMonthEnd = 0x000C,
    }
}

impl PatternType {
    /// The PatternTypeSpecific layout this pattern type has, or `None` for
    /// a value the spec does not define (its layout, hence the rest of the
    /// structure, cannot be read).
    pub const fn layout(self) -> Option<SpecificLayout> {
        Some(match self.value() {
            0x0000 => SpecificLayout::Day,
            0x0001 => SpecificLayout::Week,
            0x0002 | 0x0004 | 0x000A | 0x000C => SpecificLayout::Month,
            0x0003 | 0x000B => SpecificLayout::MonthNth,
            _ => return None,
        })
    }

    /// Whether this is one of the Hijri pattern types (HjMonth, HjMonthNth,
    /// HjMonthEnd).
    pub const fn is_hijri(self) -> bool {
        matches!(self.value(), 0x000A..=0x000C)
    }
}

/// [MS-OXOCAL] 2.2.1.44.1 and 2.2.1.44.1.4 to 2.2.1.44.1.6: which of the four
/// PatternTypeSpecific forms a [`PatternType`] has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SpecificLayout {
    /// No field (Day).
    Day,
    /// A day-of-week mask (Week).
    Week,
    /// A day of the month (Month, MonthEnd, HjMonth, HjMonthEnd).
    Month,
    /// A day-of-week mask and an occurrence number (MonthNth, HjMonthNth).
    MonthNth,
}

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern CalendarType (unknown
    /// values kept).
    pub enum CalendarType: u16 {
        /// Default (0x0000): Gregorian, or Hijri for the Hj* pattern types.
        Default = 0x0000 => "Default",
        /// Gregorian (localized).
        Gregorian = 0x0001 => "CAL_GREGORIAN",
        /// Gregorian (U.S.).
        GregorianUs = 0x0002 => "CAL_GREGORIAN_US",
        /// Japanese Emperor era.
        Japan = 0x0003 => "CAL_JAPAN",
        /// Taiwan.
        Taiwan = 0x0004 => "CAL_TAIWAN",
        /// Korean Tangun era.
        Korea = 0x0005 => "CAL_KOREA",
        /// Hijri (Arabic lunar).
        Hijri = 0x0006 => "CAL_HIJRI",
        /// Thai.
        Thai = 0x0007 => "CAL_THAI",
        /// Hebrew lunar.
        Hebrew = 0x0008 => "CAL_HEBREW",
        /// Gregorian Middle East French.
        GregorianMeFrench = 0x0009 => "CAL_GREGORIAN_ME_FRENCH",
        /// Gregorian Arabic.
        GregorianArabic = 0x000A => "CAL_GREGORIAN_ARABIC",
        /// Gregorian transliterated English.
        GregorianXlitEnglish = 0x000B => "CAL_GREGORIAN_XLIT_ENGLISH",
        /// Gregorian transliterated French.
        GregorianXlitFrench = 0x000C => "CAL_GREGORIAN_XLIT_FRENCH",
        /// Japanese lunar.
        LunarJapanese = 0x000E => "CAL_LUNAR_JAPANESE",
        /// Chinese lunar.
        ChineseLunar = 0x000F => "CAL_CHINESE_LUNAR",
        /// Saka era.
        Saka = 0x0010 => "CAL_SAKA",
        /// Lunar ETO Chinese.
        LunarEtoChn = 0x0011 => "CAL_LUNAR_ETO_CHN",
        /// Lunar ETO Korean.
        LunarEtoKor = 0x0012 => "CAL_LUNAR_ETO_KOR",
        /// Lunar Rokuyou.
        LunarRokuyou = 0x0013 => "CAL_LUNAR_ROKUYOU",
        /// Korean lunar.
        LunarKorean = 0x0014 => "CAL_LUNAR_KOREAN",
        /// Um Al Qura.
        UmAlQura = 0x0017 => "CAL_UMALQURA",
    }
}

impl CalendarType {
    /// Whether months and days of this calendar are the Gregorian ones
    /// (the Gregorian variants, and the Japanese, Taiwan, Korean Tangun and
    /// Thai calendars, which number years differently but use Gregorian
    /// months), so month-based patterns expand with Gregorian arithmetic.
    pub const fn has_gregorian_months(self) -> bool {
        matches!(
            self.value(),
            0x0000..=0x0005 | 0x0007 | 0x0009..=0x000C
        )
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern EndType.
    pub enum EndType: u32 {
        /// The series ends after the date in EndDate.
        EndAfterDate = 0x0000_2021 => "END_AFTER_DATE",
        /// The series ends after OccurrenceCount occurrences.
        EndAfterNOccurrences = 0x0000_2022 => "END_AFTER_N_OCCURRENCES",
        /// The series never ends.
        NeverEnd = 0x0000_2023 => "NEVER_END",
        /// The series never ends (the older value).
        NeverEndLegacy = 0xFFFF_FFFF => "NEVER_END",
    }
}

msox_codec::wire_enum! {
    /// A day of the week as [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern FirstDOW
    /// holds it (0 = Sunday).
    pub enum DayOfWeek: u32 {
        /// Sunday.
        Sunday = 0,
        /// Monday.
        Monday = 1,
        /// Tuesday.
        Tuesday = 2,
        /// Wednesday.
        Wednesday = 3,
        /// Thursday.
        Thursday = 4,
        /// Friday.
        Friday = 5,
        /// Saturday.
        Saturday = 6,
    }
}

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.1.44.1.4 PatternTypeSpecific Week (and the mask of
    /// 2.2.1.44.1.6 MonthNth): the days of the week a pattern falls on.
    pub struct DaysOfWeek: u32 {
        /// Sunday (0x01).
        const SU = 0x01 => "Su";
        /// Monday (0x02).
        const M = 0x02 => "M";
        /// Tuesday (0x04).
        const TU = 0x04 => "Tu";
        /// Wednesday (0x08).
        const W = 0x08 => "W";
        /// Thursday (0x10).
        const TH = 0x10 => "Th";
        /// Friday (0x20).
        const F = 0x20 => "F";
        /// Saturday (0x40).
        const SA = 0x40 => "Sa";
    }
}

impl DaysOfWeek {
    /// Monday to Friday (0x3E), the "weekday" set.
    pub const WEEKDAYS: DaysOfWeek = DaysOfWeek(0x3E);
    /// Saturday and Sunday (0x41), the "weekend day" set.
    pub const WEEKEND: DaysOfWeek = DaysOfWeek(0x41);

    /// Whether day `weekday` (0 = Sunday .. 6 = Saturday) is in the set.
    pub const fn has_weekday(self, weekday: u8) -> bool {
        weekday < 7 && self.0 & (1 << weekday) != 0
    }

    /// The number of days (of the seven) in the set.
    pub const fn day_count(self) -> u32 {
        (self.0 & 0x7F).count_ones()
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOCAL] 2.2.1.44.1.6 PatternTypeSpecific MonthNth N: which
    /// occurrence of the days in the month.
    pub enum NthOccurrence: u32 {
        /// The first.
        First = 1,
        /// The second.
        Second = 2,
        /// The third.
        Third = 3,
        /// The fourth.
        Fourth = 4,
        /// The last.
        Last = 5,
    }
}

/// [MS-OXOCAL] 2.2.1.44.1.4 to 2.2.1.44.1.6 PatternTypeSpecific: the part
/// of a RecurrencePattern whose form depends on its [`PatternType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PatternTypeSpecific {
    /// Day: no field (a daily pattern has no PatternTypeSpecific).
    Day,
    /// 2.2.1.44.1.4 (Week): the days of the week.
    Week(DaysOfWeek),
    /// 2.2.1.44.1.5 (Month, MonthEnd, HjMonth, HjMonthEnd): the day of the month.
    Month(u32),
    /// 2.2.1.44.1.6 (MonthNth, HjMonthNth): the days of the week and which
    /// occurrence of them in the month.
    MonthNth {
        /// The days of the week.
        days: DaysOfWeek,
        /// N: first .. fourth, or last.
        n: NthOccurrence,
    },
}

impl PatternTypeSpecific {
    /// The layout of this value.
    pub const fn layout(&self) -> SpecificLayout {
        match self {
            PatternTypeSpecific::Day => SpecificLayout::Day,
            PatternTypeSpecific::Week(_) => SpecificLayout::Week,
            PatternTypeSpecific::Month(_) => SpecificLayout::Month,
            PatternTypeSpecific::MonthNth { .. } => SpecificLayout::MonthNth,
        }
    }

    fn read(r: &mut Reader<'_>, layout: SpecificLayout) -> Result<Self> {
        r.frame("PatternTypeSpecific", |r| {
            Ok(match layout {
                SpecificLayout::Day => PatternTypeSpecific::Day,
                SpecificLayout::Week => PatternTypeSpecific::Week(DaysOfWeek(r.u32()?)),
                SpecificLayout::Month => PatternTypeSpecific::Month(r.u32()?),
                SpecificLayout::MonthNth => PatternTypeSpecific::MonthNth {
                    days: DaysOfWeek(r.u32()?),
                    n: NthOccurrence::from_value(r.u32()?),
                },
            })
        })
    }

    fn wire_len(&self) -> usize {
        match self.layout() {
            SpecificLayout::Day => 0,
            SpecificLayout::Week | SpecificLayout::Month => 4,
            SpecificLayout::MonthNth => 8,
        }
    }

    fn write<B: BufMut>(&self, buf: &mut B) {
        match *self {
            PatternTypeSpecific::Day => {}
            PatternTypeSpecific::Week(d) => buf.put_u32_le(d.0),
            PatternTypeSpecific::Month(day) => buf.put_u32_le(day),
            PatternTypeSpecific::MonthNth { days, n } => {
                buf.put_u32_le(days.0);
                buf.put_u32_le(n.value());
            }
        }
    }
}

/// [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern: the dates of a recurring
/// series (appointments, inside [`crate::AppointmentRecurrencePattern`]) or
/// task ([MS-OXOTASK] PidLidTaskRecurrence).
///
/// Every field is kept as read; dates are minutes since 1601-01-01 in the
/// series' local time (see [`crate::time`]). Decoding checks the versions,
/// RecurFrequency, CalendarType, EndType and FirstDOW against the spec's
/// values (a defect when they differ: an error in strict mode, kept in
/// lenient mode); a PatternType the spec does not define is an error in
/// both modes, since the size of PatternTypeSpecific depends on it.
///
/// ```
/// use ms_oxocal::{PatternType, PatternTypeSpecific, RecurrencePattern, DaysOfWeek};
/// use msox_codec::{Decode, Encode};
/// // [MS-OXOCAL] 4.1.1.1: every Monday, Thursday and Friday, 12 occurrences
/// let hex = "043004300B2001000000C0210000010000000000000032000000222000000C000000\
///            0000000000000000000000008020BC0C20ADBC0C";
/// let bytes = msox_codec::hex::decode(hex)?;
/// let p = RecurrencePattern::decode_exact(&bytes)?;
/// assert_eq!(p.pattern_type, PatternType::Week);
/// assert_eq!(p.pattern_type_specific, PatternTypeSpecific::Week(DaysOfWeek::M | DaysOfWeek::TH | DaysOfWeek::F));
/// assert_eq!(p.occurrence_count, 12);
/// assert_eq!(p.start().to_string(), "2007-03-26T00:00");
/// assert_eq!(p.to_vec()?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RecurrencePattern {
    /// ReaderVersion (0x3004).
    pub reader_version: u16,
    /// WriterVersion (0x3004).
    pub writer_version: u16,
    /// RecurFrequency.
    pub recur_frequency: RecurFrequency,
    /// PatternType.
    pub pattern_type: PatternType,
    /// CalendarType.
    pub calendar_type: CalendarType,
    /// FirstDateTime: the alignment of the first period (see
    /// [`RecurrencePattern::computed_first_date_time`]).
    pub first_date_time: u32,
    /// Period: minutes for a daily pattern, weeks for a weekly one, months
    /// for monthly and yearly ones.
    pub period: u32,
    /// SlidingFlag (tasks only: regenerate after completion).
    pub sliding_flag: u32,
    /// PatternTypeSpecific, in the form [`PatternType::layout`] gives.
    pub pattern_type_specific: PatternTypeSpecific,
    /// EndType.
    pub end_type: EndType,
    /// OccurrenceCount.
    pub occurrence_count: u32,
    /// FirstDOW: the first day of the week.
    pub first_dow: DayOfWeek,
    /// DeletedInstanceDates: the original dates (local midnight, minutes
    /// since 1601) of the deleted and the modified instances (DeletedInstanceCount is their number).
    pub deleted_instance_dates: Vec<u32>,
    /// ModifiedInstanceDates: the dates of the modified instances (as moved;
    /// ModifiedInstanceCount is their number).
    pub modified_instance_dates: Vec<u32>,
    /// StartDate: the date of the first occurrence (local midnight).
    pub start_date: u32,
    /// EndDate: the date of the last occurrence, or [`NO_END_DATE`].
    pub end_date: u32,
}

impl Default for RecurrencePattern {
    /// A daily pattern (every day from 1601-01-01, never ending) with the
    /// spec's versions: a starting point for building one.
    fn default() -> Self {
        RecurrencePattern {
            reader_version: RECURRENCE_PATTERN_VERSION,
            writer_version: RECURRENCE_PATTERN_VERSION,
            recur_frequency: RecurFrequency::Daily,
            pattern_type: PatternType::Day,
            calendar_type: CalendarType::Default,
            first_date_time: 0,
            period: 1440,
            sliding_flag: 0,
            pattern_type_specific: PatternTypeSpecific::Day,
            end_type: EndType::NeverEnd,
            occurrence_count: 10,
            first_dow: DayOfWeek::Sunday,
            deleted_instance_dates: Vec::new(),
            modified_instance_dates: Vec::new(),
            start_date: 0,
            end_date: NO_END_DATE,
        }
    }
}

impl RecurrencePattern {
    /// The size of the fixed fields (everything but PatternTypeSpecific and
    /// the two date arrays).
    const FIXED_LEN: usize = 22 + 4 * 7;

    /// StartDate as a date.
    pub fn start(&self) -> DateTime {
        DateTime::from_minutes(i64::from(self.start_date))
    }

    /// EndDate as a date.
    pub fn end(&self) -> DateTime {
        DateTime::from_minutes(i64::from(self.end_date))
    }

    /// Whether the series ends (EndType is not one of the NEVER_END values).
    pub fn has_end(&self) -> bool {
        !matches!(self.end_type, EndType::NeverEnd | EndType::NeverEndLegacy)
    }

    /// The interval in the pattern's own unit, as an iCalendar INTERVAL
    /// reads it: days for a daily pattern (Period / 1440, `None` when
    /// Period is not a whole number of days), weeks for a weekly one,
    /// months for a monthly one, years for a yearly one (Period / 12,
    /// `None` when not a whole number of years).
    pub fn interval(&self) -> Option<u32> {
        match self.recur_frequency {
            RecurFrequency::Daily if self.pattern_type == PatternType::Day => self
                .period
                .is_multiple_of(1440)
                .then_some(self.period / 1440),
            RecurFrequency::Yearly => self.period.is_multiple_of(12).then_some(self.period / 12),
            _ => Some(self.period),
        }
    }

    /// The days of the week of a Week or MonthNth pattern.
    pub fn days_of_week(&self) -> Option<DaysOfWeek> {
        match self.pattern_type_specific {
            PatternTypeSpecific::Week(d) | PatternTypeSpecific::MonthNth { days: d, .. } => Some(d),
            _ => None,
        }
    }

    /// The day of the month of a Month-type pattern (Month, MonthEnd,
    /// HjMonth, HjMonthEnd).
    pub fn day_of_month(&self) -> Option<u32> {
        match self.pattern_type_specific {
            PatternTypeSpecific::Month(d) => Some(d),
            _ => None,
        }
    }

    /// The occurrence number of a MonthNth-type pattern.
    pub fn nth(&self) -> Option<NthOccurrence> {
        match self.pattern_type_specific {
            PatternTypeSpecific::MonthNth { n, .. } => Some(n),
            _ => None,
        }
    }

    /// The month of the year of a yearly pattern (the month of StartDate,
    /// 1-12; an iCalendar BYMONTH), for Gregorian-month calendars.
    pub fn month_of_year(&self) -> Option<u8> {
        (self.recur_frequency == RecurFrequency::Yearly
            && self.calendar_type.has_gregorian_months()
            && !self.pattern_type.is_hijri())
        .then(|| self.start().month)
    }

    /// FirstDateTime as [MS-OXOCAL] 2.2.1.44.1.1 computes it from StartDate,
    /// Period and FirstDOW (daily, weekly, and monthly/yearly patterns of
    /// Gregorian-month calendars); `None` for other calendars or a zero
    /// Period. Writers set [`RecurrencePattern::first_date_time`] to this.
    pub fn computed_first_date_time(&self) -> Option<u32> {
        let start = i64::from(self.start_date);
        let period = i64::from(self.period);
        if period == 0 {
            return None;
        }
        let v = match self.pattern_type.layout()? {
            SpecificLayout::Day => start.rem_euclid(period),
            SpecificLayout::Week => {
                let day = start.div_euclid(MINUTES_PER_DAY);
                let dow = i64::from(crate::time::weekday(day));
                let first = i64::from(self.first_dow.value() % 7);
                let week_start = day - (dow - first).rem_euclid(7);
                (week_start * MINUTES_PER_DAY).rem_euclid(period.checked_mul(10_080)?)
            }
            SpecificLayout::Month | SpecificLayout::MonthNth => {
                if !self.calendar_type.has_gregorian_months() || self.pattern_type.is_hijri() {
                    return None;
                }
                let (y, m, _) = civil_from_day(start.div_euclid(MINUTES_PER_DAY));
                let months = (y - 1601) * 12 + i64::from(m) - 1;
                let offset = months.rem_euclid(period);
                // The first day of month `offset` counted from January 1601.
                let (oy, om) =
                    crate::time::month_from_index(crate::time::month_index(1601, 1) + offset);
                crate::time::day_from_civil(oy, om, 1) * MINUTES_PER_DAY
            }
        };
        u32::try_from(v).ok()
    }
}

impl<'a> Decode<'a> for RecurrencePattern {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("RecurrencePattern", |r| {
            let at = r.pos();
            let reader_version = r.u16()?;
            if reader_version != RECURRENCE_PATTERN_VERSION {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "ReaderVersion",
                        value: reader_version.into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let at = r.pos();
            let writer_version = r.u16()?;
            if writer_version != RECURRENCE_PATTERN_VERSION {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "WriterVersion",
                        value: writer_version.into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let at = r.pos();
            let recur_frequency = RecurFrequency::from_value(r.u16()?);
            if !recur_frequency.is_known() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "RecurFrequency",
                        value: recur_frequency.value().into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let at = r.pos();
            let pattern_type = PatternType::from_value(r.u16()?);
            let Some(layout) = pattern_type.layout() else {
                return Err(r.invalid_at("PatternType", pattern_type.value().into(), at));
            };
            let at = r.pos();
            let calendar_type = CalendarType::from_value(r.u16()?);
            if !calendar_type.is_known() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "CalendarType",
                        value: calendar_type.value().into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let first_date_time = r.u32()?;
            let period = r.u32()?;
            let sliding_flag = r.u32()?;
            let pattern_type_specific = PatternTypeSpecific::read(r, layout)?;
            let at = r.pos();
            let end_type = EndType::from_value(r.u32()?);
            if !end_type.is_known() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "EndType",
                        value: end_type.value().into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let occurrence_count = r.u32()?;
            let at = r.pos();
            let first_dow = DayOfWeek::from_value(r.u32()?);
            if !first_dow.is_known() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "FirstDOW",
                        value: first_dow.value().into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let n = r.u32()?;
            let deleted_instance_dates =
                r.counted(n.into(), 4, "DeletedInstanceCount", |r| r.u32())?;
            let n = r.u32()?;
            let modified_instance_dates =
                r.counted(n.into(), 4, "ModifiedInstanceCount", |r| r.u32())?;
            let start_date = r.u32()?;
            let end_date = r.u32()?;
            Ok(RecurrencePattern {
                reader_version,
                writer_version,
                recur_frequency,
                pattern_type,
                calendar_type,
                first_date_time,
                period,
                sliding_flag,
                pattern_type_specific,
                end_type,
                occurrence_count,
                first_dow,
                deleted_instance_dates,
                modified_instance_dates,
                start_date,
                end_date,
            })
        })
    }
}

impl Encode for RecurrencePattern {
    fn encoded_len(&self) -> usize {
        Self::FIXED_LEN
            + self.pattern_type_specific.wire_len()
            + 4 * (self.deleted_instance_dates.len() + self.modified_instance_dates.len())
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.pattern_type.layout() != Some(self.pattern_type_specific.layout()) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "PatternType (does not match PatternTypeSpecific)",
                value: self.pattern_type.value().into(),
            }));
        }
        let deleted = fit_u32(self.deleted_instance_dates.len(), "DeletedInstanceCount")?;
        let modified = fit_u32(self.modified_instance_dates.len(), "ModifiedInstanceCount")?;
        buf.put_u16_le(self.reader_version);
        buf.put_u16_le(self.writer_version);
        buf.put_u16_le(self.recur_frequency.value());
        buf.put_u16_le(self.pattern_type.value());
        buf.put_u16_le(self.calendar_type.value());
        buf.put_u32_le(self.first_date_time);
        buf.put_u32_le(self.period);
        buf.put_u32_le(self.sliding_flag);
        self.pattern_type_specific.write(buf);
        buf.put_u32_le(self.end_type.value());
        buf.put_u32_le(self.occurrence_count);
        buf.put_u32_le(self.first_dow.value());
        buf.put_u32_le(deleted);
        for d in &self.deleted_instance_dates {
            buf.put_u32_le(*d);
        }
        buf.put_u32_le(modified);
        for d in &self.modified_instance_dates {
            buf.put_u32_le(*d);
        }
        buf.put_u32_le(self.start_date);
        buf.put_u32_le(self.end_date);
        Ok(())
    }
}
