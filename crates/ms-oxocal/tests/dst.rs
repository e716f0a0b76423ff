//! Expansion across daylight saving time transitions in six zones: the UTC
//! offset of every occurrence of a daily 02:30 series (in the spring gap in
//! some zones, in the autumn overlap in Sydney) and a weekly Monday 09:00
//! series through 2024.
//!
//! The expected offsets were computed with Python's `zoneinfo` (IANA data,
//! `fold=0`: a local time in a gap takes the offset before it, one in an
//! overlap the first one, which is RFC 5545's rule and ours), written as
//! run lengths: `480x70 420x237 480x59` is 70 occurrences at UTC−8, then 237
//! at UTC−7, then 59 at UTC−8 (offsets as Windows biases: UTC − local). The
//! zones are the Windows rules of those zones for 2024 (hand-written TZREGs;
//! the corpus's TZDEFINITIONs of the same zones must agree with them).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::SystemTime;
use ms_oxocal::time::{DateTime, minutes_from_file_time};
use ms_oxocal::{
    AppointmentRecurrencePattern, DayOfWeek, DaysOfWeek, EndType, ExpandOptions, PatternType,
    PatternTypeSpecific, RecurFrequency, RecurrencePattern, TimeZone, TzDefinition, TzReg,
};
use msox_codec::Decode;

/// A yearly transition: `week` (1-5, 5 = last) `dow` of `month` at `hour`.
fn on(month: u16, week: u16, hour: u16) -> SystemTime {
    SystemTime {
        w_month: month,
        w_day: week,
        w_hour: hour,
        ..SystemTime::default()
    }
}

fn reg(bias: i32, standard: SystemTime, daylight: SystemTime) -> TzReg {
    TzReg {
        bias,
        daylight_bias: if daylight.w_month == 0 { 0 } else { -60 },
        standard_date: standard,
        daylight_date: daylight,
        ..TzReg::default()
    }
}

/// (name, Windows rule for 2024, daily 02:30 offsets, weekly Monday 09:00 offsets)
fn zones() -> Vec<(&'static str, TzReg, &'static str, &'static str)> {
    let none = SystemTime::default();
    vec![
        (
            "Pacific",
            reg(480, on(11, 1, 2), on(3, 2, 2)),
            "480x70 420x237 480x59",
            "480x10 420x34 480x9",
        ),
        (
            "Eastern",
            reg(300, on(11, 1, 2), on(3, 2, 2)),
            "300x70 240x237 300x59",
            "300x10 240x34 300x9",
        ),
        (
            "W_Europe",
            reg(-60, on(10, 5, 3), on(3, 5, 2)),
            "-60x91 -120x210 -60x65",
            "-60x13 -120x30 -60x10",
        ),
        (
            "GMT",
            reg(0, on(10, 5, 2), on(3, 5, 1)),
            "0x90 -60x210 0x66",
            "0x13 -60x30 0x10",
        ),
        (
            "AUS_Eastern",
            reg(-600, on(4, 1, 3), on(10, 1, 2)),
            "-660x98 -600x182 -660x86",
            "-660x14 -600x26 -660x13",
        ),
        ("India", reg(-330, none, none), "-330x366", "-330x53"),
    ]
}

fn minutes(y: i64, m: u8, d: u8, h: u8, mi: u8) -> u32 {
    u32::try_from(DateTime::new(y, m, d, h, mi).unwrap().to_minutes().unwrap()).unwrap()
}

fn series(pts: PatternTypeSpecific, count: u32, start_time: u32) -> AppointmentRecurrencePattern {
    let (freq, ptype, period) = match pts {
        PatternTypeSpecific::Day => (RecurFrequency::Daily, PatternType::Day, 1440),
        _ => (RecurFrequency::Weekly, PatternType::Week, 1),
    };
    AppointmentRecurrencePattern {
        recurrence_pattern: RecurrencePattern {
            recur_frequency: freq,
            pattern_type: ptype,
            period,
            pattern_type_specific: pts,
            end_type: EndType::EndAfterNOccurrences,
            occurrence_count: count,
            first_dow: DayOfWeek::Sunday,
            start_date: minutes(2024, 1, 1, 0, 0),
            end_date: minutes(2024, 12, 31, 0, 0),
            ..RecurrencePattern::default()
        },
        start_time_offset: start_time,
        end_time_offset: start_time + 30,
        ..AppointmentRecurrencePattern::default()
    }
}

fn run_lengths(tz: &TimeZone, p: &AppointmentRecurrencePattern) -> String {
    let x = p.expand(tz, &ExpandOptions::default()).unwrap();
    let mut out: Vec<(i64, usize)> = Vec::new();
    for o in &x.occurrences {
        let off = minutes_from_file_time(o.start) - o.start_local;
        // The end is placed by the same rules.
        assert_eq!(
            minutes_from_file_time(o.end) - minutes_from_file_time(o.start),
            30
        );
        match out.last_mut() {
            Some((v, n)) if *v == off => *n += 1,
            _ => out.push((off, 1)),
        }
    }
    out.iter()
        .map(|(v, n)| format!("{v}x{n}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn occurrences_follow_daylight_saving_time_in_six_zones() {
    let daily = series(PatternTypeSpecific::Day, 366, 150);
    let weekly = series(PatternTypeSpecific::Week(DaysOfWeek::M), 53, 540);
    for (name, reg, want_daily, want_weekly) in zones() {
        let tz = TimeZone::from_reg(&reg).unwrap();
        assert_eq!(run_lengths(&tz, &daily), want_daily, "{name} daily 02:30");
        assert_eq!(
            run_lengths(&tz, &weekly),
            want_weekly,
            "{name} weekly 09:00"
        );
    }
}

#[test]
fn gap_and_overlap_times_take_the_documented_offsets() {
    let (_, pacific, ..) = &zones()[0];
    let tz = TimeZone::from_reg(pacific).unwrap();
    let utc = |m: u32| DateTime::from_minutes(tz.local_to_utc(m.into())).to_string();
    // 02:30 on 2024-03-10 does not exist: PST, so 10:30Z (03:30 PDT).
    assert_eq!(utc(minutes(2024, 3, 10, 2, 30)), "2024-03-10T10:30");
    assert_eq!(utc(minutes(2024, 3, 10, 3, 0)), "2024-03-10T10:00");
    // 01:30 on 2024-11-03 happens twice: the first, PDT, 08:30Z.
    assert_eq!(utc(minutes(2024, 11, 3, 1, 30)), "2024-11-03T08:30");
    assert_eq!(utc(minutes(2024, 11, 3, 2, 0)), "2024-11-03T10:00");
    // UTC -> local across both transitions.
    let local = |y, m, d, h, mi| {
        DateTime::from_minutes(tz.utc_to_local(i64::from(minutes(y, m, d, h, mi)))).to_string()
    };
    assert_eq!(local(2024, 3, 10, 9, 59), "2024-03-10T01:59");
    assert_eq!(local(2024, 3, 10, 10, 0), "2024-03-10T03:00");
    assert_eq!(local(2024, 11, 3, 8, 59), "2024-11-03T01:59");
    assert_eq!(local(2024, 11, 3, 9, 0), "2024-11-03T01:00");
}

#[test]
fn the_corpus_time_zone_definitions_agree_with_the_windows_rules() {
    let files = msox_testkit::corpus::files("other/tzdef", &[".tzd"]);
    if files.is_empty() {
        return;
    }
    let mut checked = 0;
    for (name, reg, ..) in zones() {
        // gromox names the file after the Windows key, spaces and dots as `_`.
        let stem = name.replace("W_Europe", "W__Europe");
        let Some(e) = files
            .iter()
            .find(|e| e.file == format!("other/tzdef/gromox-{stem}.tzd"))
        else {
            continue;
        };
        let def = TzDefinition::decode_exact(&std::fs::read(&e.path).unwrap()).unwrap();
        let from_def = TimeZone::from_definition(&def).unwrap();
        let from_reg = TimeZone::from_reg(&reg).unwrap();
        // Every hour of 2024 converts the same way.
        let start = i64::from(minutes(2024, 1, 1, 0, 0));
        for h in 0..(366 * 24) {
            let local = start + h * 60 + 30;
            assert_eq!(
                from_def.local_to_utc(local),
                from_reg.local_to_utc(local),
                "{name} at {}",
                DateTime::from_minutes(local)
            );
        }
        checked += 1;
    }
    assert_eq!(checked, 5, "Pacific, Eastern, W_Europe, AUS_Eastern, India");
}

#[test]
fn historical_rules_apply_to_their_years() {
    // [MS-OXOCAL] 4.1.4: Pacific, with the pre-2007 rule (first Sunday of
    // April to last Sunday of October) and the 2007 one.
    let v = msox_testkit::vector("oxocal", "tzdef-4.1.4-pacific");
    let tz = TimeZone::from_definition(&TzDefinition::decode_exact(&v.bytes).unwrap()).unwrap();
    let offset = |y, m, d| {
        let local = i64::from(minutes(y, m, d, 12, 0));
        tz.local_to_utc(local) - local
    };
    assert_eq!(offset(2006, 3, 20), 480); // 2006: not yet
    assert_eq!(offset(2006, 4, 3), 420); // after 2006-04-02
    assert_eq!(offset(2006, 10, 30), 480); // after 2006-10-29
    assert_eq!(offset(2007, 3, 12), 420); // after 2007-03-11
    assert_eq!(offset(2007, 11, 1), 420); // until 2007-11-04
    assert_eq!(offset(2007, 11, 5), 480);
    assert_eq!(offset(2000, 4, 3), 420); // before the first rule: the first rule
}
