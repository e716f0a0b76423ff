//! [MS-OXCICAL] 2.1.3.2.2 Recurrence Templates: RRULE to and from the
//! [MS-OXOCAL] 2.2.1.44.1 RecurrencePattern.
//!
//! Import maps the six templates (2.1.3.2.2.1 daily, .2 weekly, .3
//! monthly, .4 monthly nth, .5 yearly, .6 yearly nth; BYDAY with an
//! ordinal, as Exchange writes `BYDAY=2MO`, reads as the nth form) and
//! reports every other rule as not mapped ("implementations SHOULD
//! gracefully fail to map any recurrences that do not fit the templates").
//! Export writes the template of the pattern, and reports what an RRULE
//! cannot say the way the pattern means it ([`RecurExport::notes`]).

use ms_oxocal::time::{DateTime, MINUTES_PER_DAY};
use ms_oxocal::{
    CalendarType, DayOfWeek, DaysOfWeek, EndType, NO_END_DATE, NthOccurrence, PatternType,
    PatternTypeSpecific, RecurFrequency, RecurrencePattern, TimeZone,
};
use msox_codec::{Limits, Result};

use crate::value::{Freq, Recur, Timestamp, WeekdayNum, Zone};

/// The series an RRULE is imported for: where it starts and how its times
/// are placed.
#[derive(Debug, Clone, Copy)]
pub struct SeriesStart<'a> {
    /// DTSTART, local minutes since 1601 in the series' time zone.
    pub start_local: i64,
    /// Whether DTSTART is a DATE (an all-day series).
    pub all_day: bool,
    /// The series' time zone (UNTIL in UTC is compared through it).
    pub tz: &'a TimeZone,
}

fn days_mask(by_day: &[WeekdayNum]) -> DaysOfWeek {
    DaysOfWeek(
        by_day
            .iter()
            .fold(0u32, |m, d| m | (1u32 << u32::from(d.weekday.min(6)))),
    )
}

fn nth_from(n: i16) -> Option<NthOccurrence> {
    match n {
        1..=4 => Some(NthOccurrence::from_value(u32::try_from(n).ok()?)),
        -1 | 5 => Some(NthOccurrence::Last),
        _ => None,
    }
}

/// The MonthNth days and N of a BYDAY (+ BYSETPOS) pair: `BYDAY=2MO`, or
/// `BYDAY=MO,TU;BYSETPOS=-1`.
fn month_nth(rule: &Recur) -> std::result::Result<Option<(DaysOfWeek, NthOccurrence)>, String> {
    if rule.by_day.is_empty() {
        return Ok(None);
    }
    let ordinals: Vec<Option<i16>> = rule.by_day.iter().map(|d| d.ordinal).collect();
    let n = match (ordinals.as_slice(), rule.by_set_pos.as_slice()) {
        ([Some(n)], []) => *n,
        (o, [n]) if o.iter().all(Option::is_none) => *n,
        _ => return Err("BYDAY/BYSETPOS that is not one nth-day rule".into()),
    };
    let nth = nth_from(n)
        .ok_or_else(|| format!("BYSETPOS / BYDAY ordinal {n} (MonthNth N is 1-4 or last)"))?;
    Ok(Some((days_mask(&rule.by_day), nth)))
}

/// An RRULE imported into a RecurrencePattern, or why it does not fit a
/// template (`Err`, the text of the report).
///
/// `limits` bounds the instances counted to find EndDate and
/// OccurrenceCount (each one an item).
pub fn rrule_to_pattern(
    rule: &Recur,
    start: &SeriesStart<'_>,
    limits: &Limits,
) -> Result<std::result::Result<RecurrencePattern, String>> {
    let start_day = start.start_local.div_euclid(MINUTES_PER_DAY);
    let time_of_day = start.start_local.rem_euclid(MINUTES_PER_DAY);
    let dt = DateTime::from_minutes(start.start_local);
    if !rule.other.is_empty() {
        let names: Vec<&str> = rule.other.iter().map(|(k, _)| k.as_str()).collect();
        return Ok(Err(format!(
            "RRULE parts {} are outside the templates",
            names.join(", ")
        )));
    }
    if rule
        .by_hour
        .iter()
        .any(|h| i64::from(*h) != time_of_day / 60)
        || rule
            .by_minute
            .iter()
            .any(|m| i64::from(*m) != time_of_day % 60)
        || rule.by_hour.len() > 1
        || rule.by_minute.len() > 1
    {
        return Ok(Err("BYHOUR/BYMINUTE other than DTSTART's time".into()));
    }
    let interval = rule.interval.max(1);
    let mut p = RecurrencePattern {
        first_dow: DayOfWeek::from_value(u32::from(rule.wkst.unwrap_or(1))),
        ..RecurrencePattern::default()
    };
    let one_month_day = |rule: &Recur| -> std::result::Result<u32, String> {
        match rule.by_month_day.as_slice() {
            [] => Ok(u32::from(dt.day)),
            [-1] => Ok(31),
            [d @ 1..=31] => Ok(u32::try_from(*d).unwrap_or(1)),
            _ => Err("BYMONTHDAY other than one day of the month or -1".to_string()),
        }
    };
    match rule.freq {
        Freq::Daily => {
            if !rule.by_month_day.is_empty()
                || !rule.by_month.is_empty()
                || !rule.by_set_pos.is_empty()
            {
                return Ok(Err("FREQ=DAILY with BYMONTHDAY/BYMONTH/BYSETPOS".into()));
            }
            if rule.by_day.is_empty() {
                p.recur_frequency = RecurFrequency::Daily;
                p.pattern_type = PatternType::Day;
                p.pattern_type_specific = PatternTypeSpecific::Day;
                p.period = 1440u32.saturating_mul(interval);
            } else if interval == 1 && rule.by_day.iter().all(|d| d.ordinal.is_none()) {
                // every day of a set of weekdays: a weekly pattern
                p.recur_frequency = RecurFrequency::Weekly;
                p.pattern_type = PatternType::Week;
                p.pattern_type_specific = PatternTypeSpecific::Week(days_mask(&rule.by_day));
                p.period = 1;
            } else {
                return Ok(Err("FREQ=DAILY with BYDAY and an INTERVAL".into()));
            }
        }
        Freq::Weekly => {
            if !rule.by_month_day.is_empty()
                || !rule.by_month.is_empty()
                || !rule.by_set_pos.is_empty()
            {
                return Ok(Err("FREQ=WEEKLY with BYMONTHDAY/BYMONTH/BYSETPOS".into()));
            }
            if rule.by_day.iter().any(|d| d.ordinal.is_some()) {
                return Ok(Err("FREQ=WEEKLY with BYDAY ordinals".into()));
            }
            let days = if rule.by_day.is_empty() {
                DaysOfWeek(1 << dt.weekday())
            } else {
                days_mask(&rule.by_day)
            };
            p.recur_frequency = RecurFrequency::Weekly;
            p.pattern_type = PatternType::Week;
            p.pattern_type_specific = PatternTypeSpecific::Week(days);
            p.period = interval;
        }
        Freq::Monthly | Freq::Yearly => {
            let yearly = rule.freq == Freq::Yearly;
            if yearly {
                match rule.by_month.as_slice() {
                    [] => {}
                    [m] if *m == dt.month => {}
                    [_] => return Ok(Err("BYMONTH other than DTSTART's month".into())),
                    _ => return Ok(Err("more than one BYMONTH".into())),
                }
            } else if !rule.by_month.is_empty() {
                return Ok(Err("FREQ=MONTHLY with BYMONTH".into()));
            }
            let nth = match month_nth(rule) {
                Ok(v) => v,
                Err(e) => return Ok(Err(e)),
            };
            match nth {
                Some((days, n)) => {
                    if !rule.by_month_day.is_empty() {
                        return Ok(Err("BYDAY with BYMONTHDAY".into()));
                    }
                    p.pattern_type = PatternType::MonthNth;
                    p.pattern_type_specific = PatternTypeSpecific::MonthNth { days, n };
                }
                None => {
                    if !rule.by_set_pos.is_empty() {
                        return Ok(Err("BYSETPOS without BYDAY".into()));
                    }
                    let d = match one_month_day(rule) {
                        Ok(d) => d,
                        Err(e) => return Ok(Err(e)),
                    };
                    p.pattern_type = PatternType::Month;
                    p.pattern_type_specific = PatternTypeSpecific::Month(d);
                }
            }
            if yearly {
                let period = 12u32.saturating_mul(interval);
                p.recur_frequency = if interval == 1 {
                    RecurFrequency::Yearly
                } else {
                    RecurFrequency::Monthly
                };
                p.period = period;
            } else {
                p.recur_frequency = RecurFrequency::Monthly;
                p.period = interval;
            }
        }
        _ => {
            return Ok(Err(format!(
                "FREQ={} is outside the templates",
                rule.freq.name()
            )));
        }
    }
    p.start_date = u32::try_from(start_day * MINUTES_PER_DAY).unwrap_or(0);
    p.first_date_time = p.computed_first_date_time().unwrap_or(0);
    // the range
    match (&rule.until, rule.count) {
        (Some(_), Some(_)) => return Ok(Err("RRULE with both UNTIL and COUNT".into())),
        (None, None) => {
            p.end_type = EndType::NeverEnd;
            p.occurrence_count = 10;
            p.end_date = NO_END_DATE;
        }
        (until, count) => {
            p.end_type = EndType::NeverEnd;
            p.end_date = NO_END_DATE;
            let mut n: u32 = 0;
            let mut last: Option<i64> = None;
            let mut budget =
                msox_codec::Session::new(msox_codec::Options::lenient().with_limits(*limits), 0);
            let instances = match p.instances() {
                Ok(i) => i,
                Err(e) => return Ok(Err(e.to_string())),
            };
            for inst in instances {
                budget
                    .charge_items(1, "recurrence instances counted")
                    .map_err(msox_codec::Error::new)?;
                if let Some(c) = count
                    && n >= c
                {
                    break;
                }
                if let Some(u) = until {
                    let past = match u {
                        Timestamp::Date { .. } => {
                            let (um, _) = u.local_minutes().unwrap_or((i64::MAX, 0));
                            inst.date > um
                        }
                        Timestamp::DateTime { zone, .. } => {
                            let (um, us) = u.local_minutes().unwrap_or((i64::MAX, 0));
                            let local = inst.date + time_of_day;
                            match zone {
                                Zone::Utc if !start.all_day => {
                                    start.tz.local_to_utc(local) * 60 > um * 60 + i64::from(us)
                                }
                                _ => local * 60 > um * 60 + i64::from(us),
                            }
                        }
                    };
                    if past {
                        break;
                    }
                }
                n = n.saturating_add(1);
                last = Some(inst.date);
            }
            let Some(last) = last else {
                return Ok(Err("RRULE range without any occurrence".into()));
            };
            p.end_type = if count.is_some() {
                EndType::EndAfterNOccurrences
            } else {
                EndType::EndAfterDate
            };
            p.occurrence_count = n;
            p.end_date = u32::try_from(last.div_euclid(MINUTES_PER_DAY) * MINUTES_PER_DAY)
                .unwrap_or(NO_END_DATE);
        }
    }
    Ok(Ok(p))
}

/// An RRULE exported from a pattern, and what it cannot say exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct RecurExport {
    /// The rule.
    pub rule: Recur,
    /// Whether the pattern's calendar is not Gregorian: the rule belongs in
    /// X-MICROSOFT-RRULE with X-MICROSOFT-CALSCALE, which RFC 5545 readers
    /// do not read.
    pub non_gregorian: bool,
    /// What the rule says differently from the pattern (reported by the caller).
    pub notes: Vec<String>,
}

/// [MS-OXCICAL] 2.1.3.2.2 export: the RRULE of a RecurrencePattern whose
/// occurrences start `start_time_offset` minutes after local midnight in
/// `tz` (UNTIL is the UTC start of the last one; a DATE for an all-day series).
pub fn pattern_to_rrule(
    p: &RecurrencePattern,
    start_time_offset: i64,
    tz: &TimeZone,
    all_day: bool,
) -> std::result::Result<RecurExport, String> {
    let mut notes = Vec::new();
    let start = DateTime::from_minutes(i64::from(p.start_date));
    let month_day_rule = |rule: &mut Recur, d: u32, notes: &mut Vec<String>| {
        if d >= 31 {
            rule.by_month_day.push(-1);
        } else {
            if d >= 29 {
                notes.push(format!(
                    "day {d} of the month: the RRULE skips months without day {d}, the pattern moves to their last day"
                ));
            }
            rule.by_month_day.push(i16::try_from(d).unwrap_or(1));
        }
    };
    let nth_rule =
        |rule: &mut Recur, days: DaysOfWeek, n: NthOccurrence| -> std::result::Result<(), String> {
            for wd in 0..7u8 {
                if days.has_weekday(wd) {
                    rule.by_day.push(WeekdayNum {
                        ordinal: None,
                        weekday: wd,
                    });
                }
            }
            if rule.by_day.is_empty() {
                return Err("MonthNth pattern without days".into());
            }
            let pos = match n.value() {
                v @ 1..=4 => i16::try_from(v).unwrap_or(1),
                5 => -1,
                v => return Err(format!("MonthNth N {v}")),
            };
            rule.by_set_pos.push(pos);
            Ok(())
        };
    let mut rule;
    match (p.pattern_type, p.pattern_type_specific) {
        (PatternType::Day, _) => {
            if p.period.is_multiple_of(1440) && p.period > 0 {
                rule = Recur::new(Freq::Daily);
                rule.interval = p.period / 1440;
            } else if p.period > 0 {
                rule = Recur::new(Freq::Minutely);
                rule.interval = p.period;
                notes.push("a daily pattern whose Period is not whole days: FREQ=MINUTELY is outside the templates".into());
            } else {
                return Err("Period 0".into());
            }
        }
        (PatternType::Week, PatternTypeSpecific::Week(days)) => {
            rule = Recur::new(Freq::Weekly);
            rule.interval = p.period.max(1);
            for wd in 0..7u8 {
                if days.has_weekday(wd) {
                    rule.by_day.push(WeekdayNum {
                        ordinal: None,
                        weekday: wd,
                    });
                }
            }
            if rule.by_day.is_empty() {
                return Err("weekly pattern without days".into());
            }
            rule.wkst = u8::try_from(p.first_dow.value() % 7).ok();
        }
        (pt, spec) => {
            let yearly = p.period > 0
                && p.period.is_multiple_of(12)
                && p.recur_frequency == RecurFrequency::Yearly;
            rule = if yearly {
                let mut r = Recur::new(Freq::Yearly);
                r.interval = p.period / 12;
                r
            } else {
                let mut r = Recur::new(Freq::Monthly);
                r.interval = p.period.max(1);
                r
            };
            match (pt.value(), spec) {
                (0x0002 | 0x000A, PatternTypeSpecific::Month(d)) => {
                    month_day_rule(&mut rule, d, &mut notes)
                }
                (0x0004 | 0x000C, _) => rule.by_month_day.push(-1),
                (0x0003 | 0x000B, PatternTypeSpecific::MonthNth { days, n }) => {
                    nth_rule(&mut rule, days, n)?
                }
                _ => {
                    return Err(format!(
                        "PatternType {pt} with PatternTypeSpecific {spec:?}"
                    ));
                }
            }
            if yearly {
                rule.by_month.push(start.month);
            }
        }
    }
    // WKST for every template (FirstDOW), so the pattern reads back the same
    rule.wkst = u8::try_from(p.first_dow.value() % 7).ok();
    let non_gregorian = p.pattern_type.is_hijri()
        || p.calendar_type != CalendarType::Default
            && !matches!(
                p.calendar_type,
                CalendarType::Gregorian | CalendarType::GregorianUs
            );
    match p.end_type {
        EndType::EndAfterNOccurrences => rule.count = Some(p.occurrence_count),
        EndType::EndAfterDate => {
            let end_day = i64::from(p.end_date).div_euclid(MINUTES_PER_DAY) * MINUTES_PER_DAY;
            rule.until = Some(if all_day {
                Timestamp::date_from_minutes(end_day)
            } else {
                let utc = tz.local_to_utc(end_day + start_time_offset);
                Timestamp::from_minutes(utc, 0, Zone::Utc)
            });
        }
        _ => {}
    }
    if p.sliding_flag != 0 {
        notes.push("SlidingFlag (a task regenerated after completion) has no RRULE form".into());
    }
    Ok(RecurExport {
        rule,
        non_gregorian,
        notes,
    })
}
