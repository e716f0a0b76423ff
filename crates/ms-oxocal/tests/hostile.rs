//! Hostile input: the testkit's hostile suite over every decoder entry
//! point (truncations, mutations, a starved budget, strict and lenient),
//! absurd counts refused before anything is allocated, and expansion
//! bounded by the caller's count and the budget whatever the pattern says
//! (Period 0, one-minute periods for a century, never-ending series).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::time::{Duration, Instant};

use ms_dtyp::FileTime;
use ms_oxocal::time::DateTime;
use ms_oxocal::{
    AppointmentRecurrencePattern, EndType, ExpandOptions, GlobalObjectId, PatternType,
    PatternTypeSpecific, RecurrencePattern, TimeZone, TzDefinition, TzReg,
};
use msox_codec::{Decode, Encode, ErrorKind, Limits, Options};
use msox_testkit::hostile::{Suite, outcome, samples, suite_for};
use msox_testkit::{assert_no_panic_on_mutations, corpus};

/// The vectors of `prefix`, plus the corpus files under `folder` with
/// `ext` (small real blobs), when present.
fn with_corpus(prefix: &str, folder: &str, ext: &str, keep: impl Fn(&str) -> bool) -> Vec<Vec<u8>> {
    let mut v = samples("oxocal", |n| {
        n.starts_with(prefix) || n.starts_with(&format!("error-{prefix}"))
    });
    for e in corpus::files(folder, &[ext]) {
        if keep(&e.file) {
            v.push(std::fs::read(&e.path).unwrap());
        }
    }
    v
}

#[test]
fn oxocal_recurrence() {
    let s = with_corpus("rp-", "other/recurrence", ".bin", |f| {
        f.contains("openchange-rp-")
    });
    suite_for::<RecurrencePattern>("oxocal_recurrence", &s);
}

#[test]
fn oxocal_appointment_recurrence() {
    // Blobs without padding after ReservedBlock2: no proper prefix decodes strictly.
    let exact = with_corpus("arp-", "other/recurrence", ".bin", |f| {
        !f.contains("openchange-rp-") && !f.contains("7_days_everyday")
    });
    suite_for::<AppointmentRecurrencePattern>("oxocal_appointment_recurrence", &exact);
    // Outlook's daily blobs end with four zero bytes, which strict decoding
    // accepts: the prefix without them decodes too.
    let padded = with_corpus("none", "other/recurrence", ".bin", |f| {
        f.contains("7_days_everyday")
    });
    if !padded.is_empty() {
        Suite::new("oxocal_appointment_recurrence (padded)")
            .prefixes_may_decode()
            .run(&padded, |b, o| {
                outcome(AppointmentRecurrencePattern::decode_bytes(b, o))
            });
    }
}

#[test]
fn oxocal_goid() {
    let s = with_corpus("goid-", "other/goid", ".bin", |_| true);
    suite_for::<GlobalObjectId>("oxocal_goid", &s);
}

#[test]
fn oxocal_tzdefinition() {
    let s = with_corpus("tzdef-", "other/tzdef", ".tzd", |f| {
        f.contains("Pacific.") || f.contains("hiraoka")
    });
    suite_for::<TzDefinition>("oxocal_tzdefinition", &s);
}

#[test]
fn oxocal_tzreg() {
    let s = with_corpus("tzreg-", "other/tzstruct", ".bin", |_| true);
    suite_for::<TzReg>("oxocal_tzreg", &s);
}

fn spec_arp() -> Vec<u8> {
    msox_testkit::vector("oxocal", "arp-4.1.1.2-weekly-with-exceptions").bytes
}

fn assert_limit(r: msox_codec::Result<impl std::fmt::Debug>, what: &str) {
    let e = r.unwrap_err();
    assert!(e.is_limit(), "{what}: {e}");
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    let arp = spec_arp();
    // DeletedInstanceCount (byte 38 of this weekly pattern) = 0xFFFFFFFF
    let mut b = arp.clone();
    b[38..42].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_limit(
        AppointmentRecurrencePattern::decode_exact(&b),
        "DeletedInstanceCount",
    );
    // ExceptionCount (after the 62-byte pattern and 16 bytes) = 0xFFFF
    let mut b = arp.clone();
    b[78..80].copy_from_slice(&u16::MAX.to_le_bytes());
    assert_limit(
        AppointmentRecurrencePattern::decode_exact(&b),
        "ExceptionCount",
    );
    // cRules = 0xFFFF
    let mut t = msox_testkit::vector("oxocal", "tzdef-4.1.4-pacific").bytes;
    t[50..52].copy_from_slice(&u16::MAX.to_le_bytes());
    assert_limit(TzDefinition::decode_exact(&t), "cRules");
    // Size of a Global Object ID = 0xFFFFFFFF
    let mut g = msox_testkit::vector("oxocal", "goid-exception-example").bytes;
    g[36..40].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_limit(GlobalObjectId::decode_exact(&g), "Size");
    // ChangeHighlightSize and ReservedBlock1Size = 0xFFFFFFFF, in lenient mode
    // too (the rest is kept as trailing bytes, nothing is allocated from the size).
    let p = AppointmentRecurrencePattern::decode_exact(&arp).unwrap();
    let at = p.recurrence_pattern.encoded_len()
        + 18
        + p.exception_info
            .iter()
            .map(Encode::encoded_len)
            .sum::<usize>();
    let mut b = arp.clone();
    b[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_limit(
        AppointmentRecurrencePattern::decode_exact(&b),
        "ReservedBlock1Size",
    );
    let lenient = AppointmentRecurrencePattern::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(lenient.value.trailing.len(), arp.len() - at);
    assert_eq!(lenient.value.to_vec().unwrap(), b);
    let mut b = arp.clone();
    b[at + 4..at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert_limit(
        AppointmentRecurrencePattern::decode_exact(&b),
        "ChangeHighlightSize",
    );
}

#[test]
fn mutated_blobs_that_decode_expand_without_panicking() {
    let tz = TimeZone::utc();
    let opts = ExpandOptions::default()
        .with_max_occurrences(50)
        .with_limits(Limits::fuzzing().with_max_items(20_000));
    for v in samples("oxocal", |n| n.starts_with("arp-")) {
        assert_no_panic_on_mutations(&v.clone(), "expand", 256, |b| {
            if let Ok(d) = AppointmentRecurrencePattern::decode_bytes(b, &Options::lenient()) {
                let _ = d.value.expand(&tz, &opts);
                assert_eq!(d.value.to_vec().unwrap(), b, "lenient decoding is lossless");
            }
        });
    }
}

fn every_minute(end_type: EndType) -> RecurrencePattern {
    RecurrencePattern {
        period: 1,
        end_type,
        occurrence_count: u32::MAX,
        start_date: 0,
        end_date: u32::MAX,
        ..RecurrencePattern::default()
    }
}

fn year_start(y: i64) -> FileTime {
    let m = DateTime::new(y, 1, 1, 0, 0).unwrap().to_minutes().unwrap();
    ms_oxocal::time::file_time_from_minutes(m).unwrap()
}

#[test]
fn expansion_is_bounded_by_the_callers_count() {
    let started = Instant::now();
    for end in [
        EndType::NeverEnd,
        EndType::EndAfterDate,
        EndType::EndAfterNOccurrences,
    ] {
        let p = every_minute(end);
        // A century of one-minute occurrences, asked for 1,000 of them.
        let x = p
            .expand(
                &TimeZone::utc(),
                &ExpandOptions::default()
                    .with_max_occurrences(1000)
                    .with_window(year_start(2000), year_start(2100)),
            )
            .unwrap();
        assert_eq!(x.occurrences.len(), 1000);
        assert!(x.truncated);
        // The window start is reached by arithmetic, not by iterating
        // 200 million minutes from 1601.
        assert_eq!(
            x.occurrences[0].start_local_time().to_string(),
            "2000-01-01T00:00"
        );
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn expansion_is_bounded_by_the_budget() {
    let p = every_minute(EndType::NeverEnd);
    let opts = ExpandOptions::default()
        .with_max_occurrences(usize::MAX)
        .with_window(year_start(2000), year_start(2100))
        .with_limits(Limits::DEFAULT.with_max_alloc(1 << 20));
    let e = p.expand(&TimeZone::utc(), &opts).unwrap_err();
    assert!(e.is_limit(), "{e}");
    let opts = ExpandOptions::default()
        .with_max_occurrences(usize::MAX)
        .with_limits(Limits::DEFAULT.with_max_items(100_000));
    let e = p.expand(&TimeZone::utc(), &opts).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // Every instance deleted: nothing returned, but the instances looked
    // at are still counted.
    let mut p = every_minute(EndType::NeverEnd);
    p.period = 1440;
    p.deleted_instance_dates = (0..1000).map(|d| d * 1440).collect();
    let x = p
        .expand(
            &TimeZone::utc(),
            &ExpandOptions::default().with_max_occurrences(10),
        )
        .unwrap();
    assert_eq!(x.occurrences[0].start_local, 1000 * 1440);
}

#[test]
fn patterns_that_cannot_generate_dates_are_errors_not_loops() {
    let base = RecurrencePattern::default();
    let invalid = |p: &RecurrencePattern, field: &str| {
        let e = p
            .expand(&TimeZone::utc(), &ExpandOptions::default())
            .unwrap_err();
        match e.kind() {
            ErrorKind::InvalidValue { field: f, .. } => assert!(f.starts_with(field), "{e}"),
            _ => panic!("{e}"),
        }
    };
    let mut p = base.clone();
    p.period = 0;
    invalid(&p, "Period");
    let mut p = base.clone();
    p.pattern_type = PatternType::Week;
    p.pattern_type_specific = PatternTypeSpecific::Week(ms_oxocal::DaysOfWeek(0x80));
    invalid(&p, "PatternTypeSpecific");
    let mut p = base.clone();
    p.pattern_type = PatternType::MonthNth;
    p.pattern_type_specific = PatternTypeSpecific::MonthNth {
        days: ms_oxocal::DaysOfWeek::M,
        n: ms_oxocal::NthOccurrence::from_value(9),
    };
    invalid(&p, "PatternTypeSpecific");
    let mut p = base.clone();
    p.pattern_type = PatternType::Month;
    p.pattern_type_specific = PatternTypeSpecific::Month(0);
    invalid(&p, "PatternTypeSpecific");
    let mut p = base.clone();
    p.end_type = EndType::from_value(7);
    invalid(&p, "EndType");
    let mut p = base;
    p.pattern_type = PatternType::from_value(0x77);
    invalid(&p, "PatternType");
}

#[test]
fn never_ending_series_stop_where_the_minute_fields_end() {
    // Yearly, never ending: the instances stop before the 32-bit minute
    // fields overflow (year 9767), not after an endless loop.
    let p = RecurrencePattern {
        recur_frequency: ms_oxocal::RecurFrequency::Yearly,
        pattern_type: PatternType::Month,
        pattern_type_specific: PatternTypeSpecific::Month(29),
        period: 12,
        start_date: u32::try_from(
            DateTime::new(2024, 2, 29, 0, 0)
                .unwrap()
                .to_minutes()
                .unwrap(),
        )
        .unwrap(),
        ..RecurrencePattern::default()
    };
    let all: Vec<_> = p.instances().unwrap().collect();
    assert_eq!(all.len(), 9767 - 2024);
    assert_eq!(all.last().unwrap().date_time().year, 9766);
    // Day 29 of February falls on the 28th in common years.
    assert_eq!(all[1].date_time().to_string(), "2025-02-28T00:00");
    assert_eq!(all[4].date_time().to_string(), "2028-02-29T00:00");
}
