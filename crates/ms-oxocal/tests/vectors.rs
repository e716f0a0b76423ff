//! Every `test-vectors/oxocal/*.hex` decodes to the values its `# expect-*`
//! lines state (fields, expanded occurrences, iCalendar UIDs) and
//! re-encodes to the same bytes; the `error-*` vectors fail (or, in
//! lenient mode, report the defect) that their `.err` files give.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxocal::{
    AppointmentRecurrencePattern, ExpandOptions, GlobalObjectId, PatternTypeSpecific,
    RecurrencePattern, TimeZone, TzDefinition, TzReg,
};
use msox_codec::{CodePage, Decode, Options};
use msox_testkit::hostile::outcome;
use msox_testkit::{Vector, assert_round_trip, vectors};

fn decode_as(ty: &str, b: &[u8], o: &Options) -> msox_testkit::hostile::Outcome {
    match ty {
        "RecurrencePattern" => outcome(RecurrencePattern::decode_bytes(b, o)),
        "AppointmentRecurrencePattern" => outcome(AppointmentRecurrencePattern::decode_bytes(b, o)),
        "GlobalObjectId" => outcome(GlobalObjectId::decode_bytes(b, o)),
        "TzReg" => outcome(TzReg::decode_bytes(b, o)),
        "TzDefinition" => outcome(TzDefinition::decode_bytes(b, o)),
        other => panic!("unknown type {other}"),
    }
}

fn pattern_summary(p: &RecurrencePattern) -> String {
    let pts = match p.pattern_type_specific {
        PatternTypeSpecific::Day => String::new(),
        PatternTypeSpecific::Week(d) => format!(" {d}"),
        PatternTypeSpecific::Month(d) => format!(" {d}"),
        PatternTypeSpecific::MonthNth { days, n } => format!(" {days} {n:?}"),
    };
    format!(
        "{} {}{pts} period {} {} {}",
        p.recur_frequency, p.pattern_type, p.period, p.end_type, p.occurrence_count
    )
}

fn check_expand_error(v: &Vector, p: &RecurrencePattern) {
    if let Some(e) = v.meta.get("expect-expand-error") {
        let err = p
            .expand(&TimeZone::utc(), &ExpandOptions::default())
            .unwrap_err();
        assert_eq!(err.to_string(), *e, "{}", v.name);
    }
}

fn check_rp(v: &Vector) {
    let p: RecurrencePattern = assert_round_trip(&v.bytes, &v.name);
    assert_eq!(pattern_summary(&p), v.meta("expect-pattern"), "{}", v.name);
    if let Some(dates) = v.meta.get("expect-dates") {
        let want: Vec<&str> = dates.split(' ').collect();
        let x = p
            .expand(
                &TimeZone::utc(),
                &ExpandOptions::default().with_max_occurrences(want.len()),
            )
            .unwrap();
        let got: Vec<String> = x
            .occurrences
            .iter()
            .map(|o| o.start_local_time().to_string()[..10].to_string())
            .collect();
        assert_eq!(got, want, "{}", v.name);
    }
    check_expand_error(v, &p);
}

fn check_arp(v: &Vector) {
    let p: AppointmentRecurrencePattern = assert_round_trip(&v.bytes, &v.name);
    let rp = &p.recurrence_pattern;
    assert_eq!(pattern_summary(rp), v.meta("expect-pattern"), "{}", v.name);
    assert_eq!(
        p.duration_minutes().to_string(),
        v.meta("expect-duration"),
        "{}",
        v.name
    );
    if let Some(c) = v.meta.get("expect-calendar") {
        assert_eq!(rp.calendar_type.to_string(), *c, "{}", v.name);
    }
    if let Some(starts) = v.meta.get("expect-starts") {
        let x = p
            .expand(&TimeZone::utc(), &ExpandOptions::default())
            .unwrap();
        let got: Vec<String> = x
            .occurrences
            .iter()
            .map(|o| {
                format!(
                    "{}{}",
                    o.start_local_time(),
                    if o.exception.is_some() { "*" } else { "" }
                )
            })
            .collect();
        assert_eq!(got.join(" "), *starts, "{}", v.name);
        assert!(!x.truncated, "{}", v.name);
    }
    for (i, e) in p.exception_info.iter().enumerate() {
        let Some(want) = v.meta.get(&format!("expect-exception-{i}")) else {
            continue;
        };
        let cp = CodePage::WINDOWS_1252;
        let got = format!(
            "{}; {}; {}; {}-{} from {}",
            e.override_flags,
            p.exception_subject(i, cp).unwrap_or("-".into()),
            p.exception_location(i, cp).unwrap_or("-".into()),
            e.start(),
            e.end(),
            e.original_start()
        );
        assert_eq!(got, *want, "{}", v.name);
        // The 8-bit strings say what the Unicode ones say.
        if let (Some(s), Some(ext)) = (&e.subject, p.extended_exceptions.get(i)) {
            assert_eq!(
                s.to_string_lossy(cp),
                ext.wide_char_subject.as_ref().unwrap().as_str()
            );
        }
    }
    check_expand_error(v, rp);
}

fn check_goid(v: &Vector) {
    let id: GlobalObjectId = assert_round_trip(&v.bytes, &v.name);
    let inst = match id.instance_date() {
        Some((y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
        None => "-".into(),
    };
    assert_eq!(inst, v.meta("expect-instance"), "{}", v.name);
    if let Some(c) = v.meta.get("expect-creation") {
        assert!(
            id.creation_time.to_string().starts_with(c.as_str()),
            "{}: {}",
            v.name,
            id.creation_time
        );
    }
    let uid = id.to_ical_uid();
    assert_eq!(uid, v.meta("expect-uid"), "{}", v.name);
    // And back: the UID gives the clean ID (a third-party one keeps its Data).
    let back = GlobalObjectId::from_ical_uid(&uid);
    assert_eq!(back.data, id.data, "{}", v.name);
    assert!(back.same_series(&id), "{}", v.name);
}

fn rule_summary(std_m: u16, std_d: u16, dst_m: u16, dst_d: u16) -> String {
    format!("{std_m}/{std_d} {dst_m}/{dst_d}")
}

fn check_tzdef(v: &Vector) {
    let tz: TzDefinition = assert_round_trip(&v.bytes, &v.name);
    assert_eq!(tz.key_name.as_str(), v.meta("expect-key"), "{}", v.name);
    let rules: Vec<String> = tz
        .rules
        .iter()
        .map(|r| {
            format!(
                "{} {} {} {} {} {}",
                r.year,
                r.flags,
                r.bias,
                r.standard_bias,
                r.daylight_bias,
                rule_summary(
                    r.standard_date.w_month,
                    r.standard_date.w_day,
                    r.daylight_date.w_month,
                    r.daylight_date.w_day
                )
            )
        })
        .collect();
    assert_eq!(rules.join("; "), v.meta("expect-rules"), "{}", v.name);
    TimeZone::from_definition(&tz).unwrap();
}

fn check_tzreg(v: &Vector) {
    let r: TzReg = assert_round_trip(&v.bytes, &v.name);
    let got = format!(
        "{} {} {} {}",
        r.bias,
        r.standard_bias,
        r.daylight_bias,
        rule_summary(
            r.standard_date.w_month,
            r.standard_date.w_day,
            r.daylight_date.w_month,
            r.daylight_date.w_day
        )
    );
    assert_eq!(got, v.meta("expect-rule"), "{}", v.name);
    TimeZone::from_reg(&r).unwrap();
}

#[test]
fn every_vector_decodes_to_its_stated_values_and_re_encodes() {
    let mut checked = 0;
    for v in vectors("oxocal") {
        let ty = v.meta("type").to_string();
        if v.check_expected_error(|b, o| decode_as(&ty, b, o)) {
            checked += 1;
            continue;
        }
        assert!(
            !v.name.starts_with("error-"),
            "{}: an error vector without a .err file",
            v.name
        );
        match ty.as_str() {
            "RecurrencePattern" => check_rp(&v),
            "AppointmentRecurrencePattern" => check_arp(&v),
            "GlobalObjectId" => check_goid(&v),
            "TzDefinition" => check_tzdef(&v),
            "TzReg" => check_tzreg(&v),
            other => panic!("{}: unknown type {other}", v.name),
        }
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} vectors");
}

#[test]
fn spec_vectors_name_their_section_and_source() {
    for v in vectors("oxocal") {
        let section = v
            .section()
            .unwrap_or_else(|| panic!("{}: no section", v.name));
        assert!(section.starts_with("[MS-"), "{}: {section}", v.name);
        let source = v.meta("source");
        assert!(
            v.name.contains("hand-made") == source.starts_with("hand-made")
                || v.name.starts_with("error-"),
            "{}: source {source}",
            v.name
        );
    }
}

#[test]
fn the_n_monthly_example_keeps_its_deleted_and_modified_dates() {
    let v = msox_testkit::vector("oxocal", "arp-4.1.1.4-n-monthly-with-exceptions");
    let p = AppointmentRecurrencePattern::decode_exact(&v.bytes).unwrap();
    let rp = &p.recurrence_pattern;
    let day = |m: &u32| ms_oxocal::time::DateTime::from_minutes(i64::from(*m)).to_string();
    assert_eq!(
        rp.deleted_instance_dates
            .iter()
            .map(day)
            .collect::<Vec<_>>(),
        ["2008-05-10T00:00", "2008-08-09T00:00"]
    );
    assert_eq!(
        rp.modified_instance_dates
            .iter()
            .map(day)
            .collect::<Vec<_>>(),
        ["2008-05-11T00:00", "2008-08-09T00:00"]
    );
    assert_eq!(rp.end().to_string(), "2010-05-08T00:00");
    // The moved instance has no overrides but its time.
    assert!(p.exception_info[0].override_flags.is_empty());
    // FirstDateTime as 2.2.1.44.1.1 computes it.
    assert_eq!(rp.computed_first_date_time(), Some(rp.first_date_time));
}

#[test]
fn first_date_time_matches_the_spec_examples() {
    for name in [
        "arp-4.1.1.1-weekly-without-exceptions",
        "arp-4.1.1.2-weekly-with-exceptions",
        "arp-4.1.1.3-daily-with-exceptions",
    ] {
        let v = msox_testkit::vector("oxocal", name);
        let p = AppointmentRecurrencePattern::decode_exact(&v.bytes).unwrap();
        let rp = &p.recurrence_pattern;
        assert_eq!(
            rp.computed_first_date_time(),
            Some(rp.first_date_time),
            "{name}"
        );
    }
}
