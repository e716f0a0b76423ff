//! [MS-OXCICAL] 2.1.3.1.1.19 Component: VTIMEZONE: a VTIMEZONE to and
//! from the [MS-OXOCAL] time zone structures, TZDEFINITION (2.2.1.41, one
//! TZRule per period of years) and TZREG (2.2.1.39 PidLidTimeZoneStruct,
//! one rule).
//!
//! Import: each STANDARD / DAYLIGHT observance (2.1.3.1.1.19.2,
//! 2.1.3.1.1.19.3) becomes a yearly transition (an RRULE
//! `FREQ=YEARLY;BYMONTH=m;BYDAY=nDD`, or BYMONTHDAY ranges that say the
//! same) in effect from the year of its DTSTART to its UNTIL, or a
//! transition on one date (no RRULE, or RDATE). TZOFFSETTO of the standard
//! observance gives lBias (2.1.3.1.1.19.2.5: `-1 * offset`), that of the
//! daylight observance lDaylightBias (2.1.3.1.1.19.3.5: `-1 * offset -
//! lBias`); TZOFFSETFROM is ignored (2.1.3.1.1.19.3.4). One TZRule is made
//! for each year where the set of observances in effect changes; the rule
//! of the event's year is the effective one (and the TZREG).
//! What a TZRule cannot hold (more than one daylight period in a year, a
//! transition rule outside the forms above) is reported and approximated.
//!
//! Export: every TZRule becomes a STANDARD and (with daylight time) a
//! DAYLIGHT observance, yearly rules with an RRULE (and UNTIL where the
//! next rule takes over), one-date rules (wYear set) without.

use ms_dtyp::SystemTime;
use ms_oxocal::time::{MINUTES_PER_DAY, day_from_civil, month_length, weekday};
use ms_oxocal::{TzDefinition, TzReg, TzRule, TzRuleFlags};
use msox_codec::{ErrorKind, Reader, Result, Utf16String};

use crate::contentline::{Component, ContentLine};
use crate::value::{Freq, Recur, Timestamp, WEEKDAYS, format_utc_offset, parse_utc_offset};

/// The most TZRules one VTIMEZONE is turned into (a TZDEFINITION counts
/// them in 16 bits; real zones need a few dozen).
pub const MAX_RULES: usize = 1024;

/// The longest TZID kept as a TZDEFINITION KeyName, in characters.
pub const MAX_KEY_NAME: usize = 255;

/// When an observance's transition happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    /// Every year: the nth (5 = last) weekday of a month at a local time.
    Yearly {
        month: u8,
        nth: u8,
        weekday: u8,
        minutes: i64,
    },
    /// Once: a date and local time.
    Once {
        year: i64,
        month: u8,
        day: u8,
        minutes: i64,
    },
}

/// One observance: daylight or standard, its offset, the years it covers.
#[derive(Debug, Clone, Copy)]
struct Segment {
    daylight: bool,
    /// TZOFFSETTO, minutes east of UTC.
    offset_to: i32,
    from_year: i64,
    to_year: Option<i64>,
    when: When,
}

impl Segment {
    fn covers(&self, year: i64) -> bool {
        self.from_year <= year && self.to_year.is_none_or(|t| year <= t)
    }

    fn system_time(&self) -> SystemTime {
        match self.when {
            When::Yearly {
                month,
                nth,
                weekday,
                minutes,
            } => SystemTime {
                w_year: 0,
                w_month: month.into(),
                w_day_of_week: weekday.into(),
                w_day: nth.into(),
                w_hour: u16::try_from(minutes / 60).unwrap_or(0),
                w_minute: u16::try_from(minutes % 60).unwrap_or(0),
                w_second: 0,
                w_milliseconds: 0,
            },
            When::Once {
                year,
                month,
                day,
                minutes,
            } => SystemTime {
                w_year: u16::try_from(year.clamp(1601, 30827)).unwrap_or(1601),
                w_month: month.into(),
                w_day_of_week: weekday(day_from_civil(year, month, day)).into(),
                w_day: day.into(),
                w_hour: u16::try_from(minutes / 60).unwrap_or(0),
                w_minute: u16::try_from(minutes % 60).unwrap_or(0),
                w_second: 0,
                w_milliseconds: 0,
            },
        }
    }
}

/// Reads the yearly transition an RRULE describes: BYMONTH and one BYDAY
/// with an ordinal (`2SU`, `-1SU`), or BYDAY without an ordinal and a
/// BYMONTHDAY range of seven days (`BYMONTHDAY=8,9,10,11,12,13,14`).
fn yearly_when(rule: &Recur, minutes: i64) -> Option<(When, Option<i64>, Option<u32>)> {
    if rule.freq != Freq::Yearly || rule.interval != 1 {
        return None;
    }
    let [month] = rule.by_month.as_slice() else {
        return None;
    };
    let [day] = rule.by_day.as_slice() else {
        return None;
    };
    let nth = match day.ordinal {
        Some(n @ 1..=4) => u8::try_from(n).ok()?,
        Some(-1) | Some(5) => 5,
        Some(_) => return None,
        None => {
            let mut days = rule.by_month_day.clone();
            days.sort_unstable();
            let first = *days.first()?;
            if days.len() != 7 || days.windows(2).any(|w| matches!(w, [a, b] if b - a != 1)) {
                return None;
            }
            match first {
                1 => 1,
                8 => 2,
                15 => 3,
                22 => 4,
                -7 => 5,
                _ => return None,
            }
        }
    };
    let until_year = rule.until.as_ref().map(|u| match u {
        Timestamp::Date { year, .. } => *year,
        Timestamp::DateTime { local, .. } => local.year,
    });
    Some((
        When::Yearly {
            month: *month,
            nth,
            weekday: day.weekday,
            minutes,
        },
        until_year,
        rule.count,
    ))
}

/// The day of the month of the nth (5 = last) `wd` of `month` in `year`.
pub fn nth_weekday(year: i64, month: u8, nth: u8, wd: u8) -> Option<u8> {
    let len = month_length(year, month);
    if len == 0 || nth == 0 || wd > 6 {
        return None;
    }
    let first = day_from_civil(year, month, 1);
    let first_match = 1 + (i64::from(wd) - i64::from(weekday(first))).rem_euclid(7);
    let mut d = first_match + 7 * (i64::from(nth.min(5)) - 1);
    while d > i64::from(len) {
        d -= 7;
    }
    u8::try_from(d).ok()
}

/// A VTIMEZONE read into TZRules: the zone's name and its rules by year,
/// with the rule in effect in `effective_year` marked
/// TZRULE_FLAG_EFFECTIVE_TZREG (and TZRULE_FLAG_RECUR_CURRENT_TZREG when
/// `recur`). Defects (observances that cannot be read, approximations)
/// go to the reader's session at the component's offset. `None` when the
/// component has no usable observance.
pub fn vtimezone_to_definition(
    r: &mut Reader<'_>,
    vtz: &Component,
    effective_year: i64,
    recur: bool,
) -> Result<Option<TzDefinition>> {
    let pos = vtz.offset.unwrap_or(0);
    let tzid = vtz
        .property("TZID")
        .map(|l| l.text_value().trim().to_string())
        .unwrap_or_default();
    let mut segments: Vec<Segment> = Vec::new();
    for obs in &vtz.components {
        let daylight = match obs.name.as_str() {
            "STANDARD" => false,
            "DAYLIGHT" => true,
            _ => {
                r.defect_at(
                    ErrorKind::Malformed(format!("{} inside VTIMEZONE", obs.name).into()),
                    obs.offset.unwrap_or(pos),
                    "component ignored",
                )?;
                continue;
            }
        };
        let opos = obs.offset.unwrap_or(pos);
        let offset_to = obs
            .property("TZOFFSETTO")
            .and_then(|l| parse_utc_offset(&l.value));
        let start = obs.property("DTSTART").and_then(Timestamp::from_line);
        let (Some(offset_to), Some(start)) = (offset_to, start) else {
            r.defect_at(
                ErrorKind::Malformed(
                    format!(
                        "{} observance without a valid DTSTART and TZOFFSETTO",
                        obs.name
                    )
                    .into(),
                ),
                opos,
                "observance ignored",
            )?;
            continue;
        };
        let Some((local, _)) = start.local_minutes() else {
            continue;
        };
        let day = local.div_euclid(MINUTES_PER_DAY);
        let minutes = local.rem_euclid(MINUTES_PER_DAY);
        let (year, month, dom) = ms_oxocal::time::civil_from_day(day);
        let once = |year: i64, month: u8, day: u8, minutes: i64| Segment {
            daylight,
            offset_to,
            from_year: year,
            to_year: Some(year),
            when: When::Once {
                year,
                month,
                day,
                minutes,
            },
        };
        let rrules: Vec<&ContentLine> = obs.properties_named("RRULE").collect();
        match rrules.as_slice() {
            [] => segments.push(once(year, month, dom, minutes)),
            [line, rest @ ..] => {
                if !rest.is_empty() {
                    r.defect_at(
                        ErrorKind::Malformed("observance with more than one RRULE".into()),
                        line.offset.unwrap_or(opos),
                        "only the first RRULE read",
                    )?;
                }
                let parsed = Recur::parse(&line.value)
                    .ok()
                    .and_then(|rule| yearly_when(&rule, minutes));
                match parsed {
                    Some((when, until, count)) => {
                        let to_year = until.or_else(|| {
                            count.map(|c| year.saturating_add(i64::from(c).saturating_sub(1)))
                        });
                        segments.push(Segment {
                            daylight,
                            offset_to,
                            from_year: year,
                            to_year,
                            when,
                        });
                    }
                    None => {
                        r.defect_at(
                            ErrorKind::Unsupported(
                                format!(
                                    "VTIMEZONE {tzid:?}: RRULE {:?} is not a yearly nth-weekday rule a TZRule can hold",
                                    line.value
                                )
                                .into(),
                            ),
                            line.offset.unwrap_or(opos),
                            "transition read as happening once, on its DTSTART",
                        )?;
                        segments.push(once(year, month, dom, minutes));
                    }
                }
            }
        }
        for rdate in obs.properties_named("RDATE") {
            let (dates, _) = Timestamp::list_from_line(rdate);
            for d in dates {
                if let Some((m, _)) = d.local_minutes() {
                    let (y, mo, dd) =
                        ms_oxocal::time::civil_from_day(m.div_euclid(MINUTES_PER_DAY));
                    let mins = if d.is_date() {
                        minutes
                    } else {
                        m.rem_euclid(MINUTES_PER_DAY)
                    };
                    segments.push(once(y, mo, dd, mins));
                }
            }
        }
    }
    if segments.is_empty() {
        return Ok(None);
    }
    // the years where what is in effect can change
    let mut years: Vec<i64> = Vec::with_capacity(segments.len() * 2);
    for s in &segments {
        years.push(s.from_year);
        if let Some(t) = s.to_year {
            years.push(t.saturating_add(1));
        }
    }
    years.sort_unstable();
    years.dedup();
    if years.len() > MAX_RULES {
        r.defect_at(
            ErrorKind::LimitExceeded {
                what: "VTIMEZONE rule periods",
                value: years.len() as u64,
                max: MAX_RULES as u64,
            },
            pos,
            "only the first periods read",
        )?;
        years.truncate(MAX_RULES);
    }
    let mut rules: Vec<TzRule> = Vec::new();
    let mut approximated = false;
    for &y in &years {
        let pick = |daylight: bool, covering: bool| {
            segments
                .iter()
                .filter(|s| {
                    s.daylight == daylight && s.from_year <= y && (!covering || s.covers(y))
                })
                .max_by_key(|s| s.from_year)
        };
        let std_cov = pick(false, true);
        let std_any = std_cov.or_else(|| pick(false, false));
        let dst = pick(true, true);
        let dst_count = segments
            .iter()
            .filter(|s| s.daylight && s.covers(y))
            .count();
        if dst_count > 1
            || segments
                .iter()
                .filter(|s| !s.daylight && s.covers(y))
                .count()
                > 1
        {
            approximated = true;
        }
        let mut rule = TzRule {
            year: u16::try_from(y.clamp(0, i64::from(u16::MAX))).unwrap_or(0),
            ..TzRule::default()
        };
        match (std_cov, std_any, dst) {
            (Some(s), _, Some(d)) => {
                rule.bias = -s.offset_to;
                rule.daylight_bias = -d.offset_to - rule.bias;
                rule.standard_date = s.system_time();
                rule.daylight_date = d.system_time();
            }
            (_, Some(s), _) => rule.bias = -s.offset_to,
            (None, None, Some(d)) => rule.bias = -d.offset_to,
            (_, None, None) => {
                // before every observance: the earliest one's offset
                if let Some(s) = segments.iter().min_by_key(|s| s.from_year) {
                    rule.bias = -s.offset_to;
                }
            }
        }
        let same = rules.last().is_some_and(|p: &TzRule| {
            p.bias == rule.bias
                && p.daylight_bias == rule.daylight_bias
                && p.standard_date == rule.standard_date
                && p.daylight_date == rule.daylight_date
        });
        if !same {
            rules.push(rule);
        }
    }
    if approximated {
        r.defect_at(
            ErrorKind::Unsupported(
                format!("VTIMEZONE {tzid:?}: more than one standard or daylight period in a year")
                    .into(),
            ),
            pos,
            "the latest-starting period of each kind used",
        )?;
    }
    let key: String = tzid.chars().take(MAX_KEY_NAME).collect();
    if key.len() < tzid.len() {
        r.defect_at(
            ErrorKind::LimitExceeded {
                what: "TZID length",
                value: tzid.chars().count() as u64,
                max: MAX_KEY_NAME as u64,
            },
            pos,
            "KeyName cut",
        )?;
    }
    mark_effective(&mut rules, effective_year, recur);
    Ok(Some(TzDefinition {
        key_name: Utf16String::new(&key),
        rules,
        ..TzDefinition::default()
    }))
}

/// Marks the rule in effect in `year` as the effective one.
pub fn mark_effective(rules: &mut [TzRule], year: i64, recur: bool) {
    for r in rules.iter_mut() {
        r.flags = TzRuleFlags::EMPTY;
    }
    let y = u16::try_from(year.clamp(0, i64::from(u16::MAX))).unwrap_or(0);
    let idx = rules.iter().rposition(|r| r.year <= y).unwrap_or(0);
    if let Some(r) = rules.get_mut(idx) {
        r.flags = if recur {
            TzRuleFlags::EFFECTIVE_TZREG | TzRuleFlags::RECUR_CURRENT_TZREG
        } else {
            TzRuleFlags::EFFECTIVE_TZREG
        };
    }
}

/// The TZREG of a definition (its effective rule, else the last).
pub fn definition_to_reg(def: &TzDefinition) -> Option<TzReg> {
    def.effective_rule()
        .or_else(|| def.rules.last())
        .map(TzRule::to_reg)
}

/// A TZDEFINITION with the one rule of a TZREG (for export of a series
/// that has only PidLidTimeZoneStruct).
pub fn reg_to_definition(name: &str, reg: &TzReg) -> TzDefinition {
    TzDefinition {
        key_name: Utf16String::new(name),
        rules: vec![TzRule {
            flags: TzRuleFlags::EFFECTIVE_TZREG,
            year: 1601,
            bias: reg.bias,
            standard_bias: reg.standard_bias,
            daylight_bias: reg.daylight_bias,
            standard_date: reg.standard_date,
            daylight_date: reg.daylight_date,
            ..TzRule::default()
        }],
        ..TzDefinition::default()
    }
}

fn has_dst(r: &TzRule) -> bool {
    r.standard_date.w_month != 0 && r.daylight_date.w_month != 0
}

/// The local date and time (minutes since 1601) of a transition in `year`.
fn transition_in(st: &SystemTime, year: i64) -> Option<i64> {
    let month = u8::try_from(st.w_month).ok()?;
    let day = if st.w_year != 0 {
        if i64::from(st.w_year) != year {
            return None;
        }
        u8::try_from(st.w_day).ok()?
    } else {
        nth_weekday(
            year,
            month,
            u8::try_from(st.w_day).ok()?,
            u8::try_from(st.w_day_of_week).ok()?,
        )?
    };
    if day == 0 || day > month_length(year, month) {
        return None;
    }
    Some(
        day_from_civil(year, month, day) * MINUTES_PER_DAY
            + i64::from(st.w_hour) * 60
            + i64::from(st.w_minute),
    )
}

fn observance(
    name: &str,
    st: &SystemTime,
    from_year: i64,
    last_year: Option<i64>,
    offset_from: i32,
    offset_to: i32,
) -> Option<Component> {
    let mut c = Component::new(name);
    let start = transition_in(
        st,
        if st.w_year != 0 {
            i64::from(st.w_year)
        } else {
            from_year
        },
    )?;
    c.push(Timestamp::from_minutes(start, 0, crate::value::Zone::Floating).to_line("DTSTART"));
    c.push(ContentLine::new(
        "TZOFFSETFROM",
        format_utc_offset(offset_from),
    ));
    c.push(ContentLine::new("TZOFFSETTO", format_utc_offset(offset_to)));
    if st.w_year == 0 {
        let mut rule = Recur::new(Freq::Yearly);
        let nth: i16 = if st.w_day >= 5 {
            -1
        } else {
            i16::try_from(st.w_day).unwrap_or(1)
        };
        rule.by_day.push(crate::value::WeekdayNum {
            ordinal: Some(nth),
            weekday: u8::try_from(st.w_day_of_week).unwrap_or(0),
        });
        rule.by_month.push(u8::try_from(st.w_month).unwrap_or(1));
        if let Some(last) = last_year {
            // the last transition of the period, in UTC
            let local = transition_in(st, last)?;
            let utc = local - i64::from(offset_from);
            rule.until = Some(Timestamp::from_minutes(utc, 0, crate::value::Zone::Utc));
        }
        c.push(ContentLine::new("RRULE", rule.to_string()));
    }
    Some(c)
}

/// [MS-OXCICAL] 2.1.3.1.1.19 export: a VTIMEZONE for a TZDEFINITION. The
/// first rule also covers the years before it (from 1601); a rule without
/// daylight time is one STANDARD observance.
pub fn definition_to_vtimezone(def: &TzDefinition) -> Component {
    let mut vtz = Component::new("VTIMEZONE");
    vtz.push(ContentLine::text("TZID", def.key_name.as_str()));
    let mut rules: Vec<&TzRule> = def.rules.iter().collect();
    rules.sort_by_key(|r| r.year);
    let mut prev_offset: Option<i32> = None;
    for (i, rule) in rules.iter().enumerate() {
        let from_year = if i == 0 {
            1601
        } else {
            i64::from(rule.year).max(1601)
        };
        let last_year = rules
            .get(i + 1)
            .map(|n| i64::from(n.year).max(from_year + 1) - 1);
        let std_offset = -(rule.bias + rule.standard_bias);
        let dst_offset = -(rule.bias + rule.daylight_bias);
        let mut added = false;
        if has_dst(rule) {
            let s = observance(
                "STANDARD",
                &rule.standard_date,
                from_year,
                last_year,
                dst_offset,
                std_offset,
            );
            let d = observance(
                "DAYLIGHT",
                &rule.daylight_date,
                from_year,
                last_year,
                std_offset,
                dst_offset,
            );
            if let (Some(s), Some(d)) = (s, d) {
                vtz.components.push(s);
                vtz.components.push(d);
                added = true;
            }
        }
        if !added {
            let mut c = Component::new("STANDARD");
            c.push(
                Timestamp::from_minutes(
                    day_from_civil(from_year, 1, 1) * MINUTES_PER_DAY,
                    0,
                    crate::value::Zone::Floating,
                )
                .to_line("DTSTART"),
            );
            c.push(ContentLine::new(
                "TZOFFSETFROM",
                format_utc_offset(prev_offset.unwrap_or(std_offset)),
            ));
            c.push(ContentLine::new(
                "TZOFFSETTO",
                format_utc_offset(std_offset),
            ));
            vtz.components.push(c);
        }
        prev_offset = Some(std_offset);
    }
    vtz
}

/// The two-letter name of weekday `wd` (0 = Sunday).
pub fn weekday_name(wd: u8) -> &'static str {
    WEEKDAYS.get(usize::from(wd)).copied().unwrap_or("SU")
}
