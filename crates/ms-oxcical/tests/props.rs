//! Property tests: every public type round-trips (content lines, values,
//! RRULEs, VTIMEZONEs), and a Calendar object with any recurrence kind
//! (daily, weekly, monthly, monthly nth, yearly, yearly nth; every end
//! type; in zones with and without daylight time; with deleted and moved
//! instances) goes to iCalendar and back to the same object.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{FileTime, SystemTime};
use ms_oxcical::contentline::{
    Component, ContentLine, Document, Parameter, escape_text, unescape_text,
};
use ms_oxcical::timezone::definition_to_vtimezone;
use ms_oxcical::value::{
    Freq, Recur, Timestamp, WeekdayNum, Zone, format_duration, parse_duration,
};
use ms_oxcical::{IcsOptions, ics_to_messages, message_to_ics};
use ms_oxcmsg::Message;
use ms_oxocal::time::{MINUTES_PER_DAY, day_from_civil, file_time_from_minutes};
use ms_oxocal::{
    AppointmentProperties, AppointmentRecurrencePattern, BusyStatus, ChangeHighlight, DayOfWeek,
    DaysOfWeek, EndType, ExceptionInfo, ExceptionTimes, ExtendedException, GlobalObjectId,
    NO_END_DATE, NonUnicodeString, NthOccurrence, OverrideFlags, PatternType, PatternTypeSpecific,
    RecurFrequency, RecurrencePattern, TimeZone, TzDefinition, TzRule, TzRuleFlags,
};
use msox_codec::{Decode, Encode, Options, Utf16String};
use proptest::prelude::*;

fn name() -> impl Strategy<Value = String> {
    "X-[A-Z]{1,8}".prop_map(|s| s)
}

fn text() -> impl Strategy<Value = String> {
    // any text, including the characters that need escaping and non-ASCII
    proptest::string::string_regex("[a-zA-Z0-9 ,;:\\\\\"^\n\u{e9}\u{4e2d}\u{1F600}]{0,120}")
        .unwrap()
}

fn param_value() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 ,;:\"^\n\u{e9}]{0,20}").unwrap()
}

fn line() -> impl Strategy<Value = ContentLine> {
    (
        name(),
        proptest::collection::vec(
            (name(), proptest::collection::vec(param_value(), 1..3)),
            0..3,
        ),
        text(),
    )
        .prop_map(|(n, params, t)| {
            let mut l = ContentLine::text(&n, &t);
            l.params = params
                .into_iter()
                .map(|(name, values)| Parameter { name, values })
                .collect();
            l
        })
}

fn component() -> impl Strategy<Value = Component> {
    let leaf = (name(), proptest::collection::vec(line(), 0..4)).prop_map(|(n, props)| {
        let mut c = Component::new(&n);
        c.properties = props;
        c
    });
    leaf.prop_recursive(3, 12, 3, |inner| {
        (
            name(),
            proptest::collection::vec(line(), 0..3),
            proptest::collection::vec(inner, 0..3),
        )
            .prop_map(|(n, props, subs)| {
                let mut c = Component::new(&n);
                c.properties = props;
                c.components = subs;
                c
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn documents_round_trip(cs in proptest::collection::vec(component(), 1..3)) {
        let doc = Document { components: cs };
        let bytes = doc.to_vec().unwrap();
        // every physical line fits 75 octets
        for l in String::from_utf8(bytes.clone()).unwrap().split("\r\n") {
            prop_assert!(l.len() <= 75, "{l:?}");
        }
        let back = Document::decode_exact(&bytes).unwrap();
        prop_assert_eq!(back, doc);
    }

    #[test]
    fn text_escapes_round_trip(t in text()) {
        let t = t.replace('\r', "");
        prop_assert_eq!(unescape_text(&escape_text(&t)), t);
    }

    #[test]
    fn durations_round_trip(s in -10_000_000i64..10_000_000) {
        prop_assert_eq!(parse_duration(&format_duration(s)), Some(s));
    }

    #[test]
    fn timestamps_round_trip(day in 0i64..200_000, minute in 0i64..1440, second in 0u8..60, kind in 0u8..4) {
        let m = day * MINUTES_PER_DAY + minute;
        let t = match kind {
            0 => Timestamp::date_from_minutes(m),
            1 => Timestamp::from_minutes(m, second, Zone::Utc),
            2 => Timestamp::from_minutes(m, second, Zone::Floating),
            _ => Timestamp::from_minutes(m, second, Zone::Tzid("Zone, with a comma".into())),
        };
        let line = t.to_line("DTSTART");
        prop_assert_eq!(Timestamp::from_line(&line), Some(t));
    }

    #[test]
    fn rrules_round_trip(freq in 0u8..4, interval in 1u32..50, count in proptest::option::of(1u32..1000),
                         days in proptest::collection::vec((proptest::option::of(-1i16..5), 0u8..7), 0..4),
                         monthday in proptest::collection::vec(-31i16..32, 0..3), month in proptest::collection::vec(1u8..13, 0..2),
                         setpos in proptest::collection::vec(-1i16..5, 0..2), wkst in proptest::option::of(0u8..7)) {
        let mut r = Recur::new([Freq::Daily, Freq::Weekly, Freq::Monthly, Freq::Yearly][usize::from(freq)]);
        r.interval = interval;
        r.count = count;
        r.by_day = days.into_iter().map(|(o, w)| WeekdayNum { ordinal: o.filter(|n| *n != 0), weekday: w }).collect();
        r.by_month_day = monthday;
        r.by_month = month;
        r.by_set_pos = setpos;
        r.wkst = wkst;
        prop_assert_eq!(Recur::parse(&r.to_string()).unwrap(), r);
    }
}

/// Zones the objects are placed in: UTC, and three with daylight time
/// (northern and southern hemisphere).
fn zone(i: u8) -> TzDefinition {
    let st = |m: u16, d: u16, h: u16| SystemTime {
        w_month: m,
        w_day: d,
        w_hour: h,
        ..SystemTime::default()
    };
    let (key, bias, std, dst) = match i % 4 {
        0 => ("UTC", 0, SystemTime::default(), SystemTime::default()),
        1 => ("W. Europe Standard Time", -60, st(10, 5, 3), st(3, 5, 2)),
        2 => ("Eastern Standard Time", 300, st(11, 1, 2), st(3, 2, 2)),
        _ => ("AUS Eastern Standard Time", -600, st(4, 1, 3), st(10, 1, 2)),
    };
    TzDefinition {
        key_name: Utf16String::new(key),
        rules: vec![TzRule {
            flags: TzRuleFlags::EFFECTIVE_TZREG | TzRuleFlags::RECUR_CURRENT_TZREG,
            year: 1601,
            bias,
            daylight_bias: if std.w_month == 0 { 0 } else { -60 },
            standard_date: std,
            daylight_date: dst,
            ..TzRule::default()
        }],
        ..TzDefinition::default()
    }
}

#[derive(Debug, Clone)]
struct Series {
    kind: u8,
    period: u32,
    days: u32,
    month_day: u32,
    nth: u32,
    end: u8,
    count: u32,
    first_dow: u32,
    start_day: i64,
    start_minute: u32,
    duration: u32,
    zone: u8,
    deleted: Vec<usize>,
    moved: Vec<(usize, i32)>,
}

fn series() -> impl Strategy<Value = Series> {
    (
        (
            0u8..6,
            1u32..4,
            1u32..0x80,
            1u32..32,
            1u32..6,
            0u8..3,
            1u32..25,
            0u32..7,
        ),
        (146_000i64..157_000, 0u32..96, 1u32..40, 0u8..4),
        proptest::collection::vec(0usize..10, 0..3),
        proptest::collection::vec((0usize..10, -600i32..600), 0..3),
    )
        .prop_map(
            |(
                (kind, period, days, month_day, nth, end, count, first_dow),
                (start_day, q, d, zone),
                deleted,
                moved,
            )| Series {
                kind,
                period,
                days,
                month_day,
                nth,
                end,
                count,
                first_dow,
                start_day,
                start_minute: q * 15,
                duration: d * 15,
                zone,
                deleted,
                moved,
            },
        )
}

/// A recurring Calendar object as Outlook writes one, from `s`.
fn build(s: &Series) -> Option<Message> {
    let def = zone(s.zone);
    let tz = TimeZone::from_definition(&def).unwrap();
    let mut p = RecurrencePattern {
        first_dow: DayOfWeek::from_value(s.first_dow),
        ..RecurrencePattern::default()
    };
    // the first instance's date decides what a monthly/yearly pattern holds
    let (y, mo, d) = ms_oxocal::time::civil_from_day(s.start_day);
    let days = DaysOfWeek(s.days & 0x7F);
    let n = NthOccurrence::from_value(s.nth);
    match s.kind {
        0 => {
            p.recur_frequency = RecurFrequency::Daily;
            p.pattern_type = PatternType::Day;
            p.pattern_type_specific = PatternTypeSpecific::Day;
            p.period = s.period * 1440;
        }
        1 => {
            p.recur_frequency = RecurFrequency::Weekly;
            p.pattern_type = PatternType::Week;
            p.pattern_type_specific = PatternTypeSpecific::Week(days);
            p.period = s.period;
        }
        2 => {
            p.recur_frequency = RecurFrequency::Monthly;
            p.pattern_type = PatternType::Month;
            p.pattern_type_specific = PatternTypeSpecific::Month(s.month_day.min(28));
            p.period = s.period;
        }
        3 => {
            p.recur_frequency = RecurFrequency::Monthly;
            p.pattern_type = PatternType::MonthNth;
            p.pattern_type_specific = PatternTypeSpecific::MonthNth { days, n };
            p.period = s.period;
        }
        4 => {
            p.recur_frequency = RecurFrequency::Yearly;
            p.pattern_type = PatternType::Month;
            p.pattern_type_specific = PatternTypeSpecific::Month(u32::from(d).min(28));
            p.period = 12;
        }
        _ => {
            p.recur_frequency = RecurFrequency::Yearly;
            p.pattern_type = PatternType::MonthNth;
            p.pattern_type_specific = PatternTypeSpecific::MonthNth { days, n };
            p.period = 12;
        }
    }
    let _ = (y, mo);
    // StartDate: the first instance on or after the chosen day
    p.start_date = u32::try_from(s.start_day * MINUTES_PER_DAY).ok()?;
    p.end_type = EndType::NeverEnd;
    let first = p.instances().ok()?.next()?.date;
    p.start_date = u32::try_from(first).ok()?;
    p.first_date_time = p.computed_first_date_time()?;
    let instances: Vec<i64> = p
        .instances()
        .ok()?
        .take(s.count as usize)
        .map(|i| i.date)
        .collect();
    match s.end {
        0 => {
            p.end_type = EndType::NeverEnd;
            p.occurrence_count = 10;
            p.end_date = NO_END_DATE;
        }
        1 => {
            p.end_type = EndType::EndAfterNOccurrences;
            p.occurrence_count = s.count;
            p.end_date = u32::try_from(*instances.last()?).ok()?;
        }
        _ => {
            p.end_type = EndType::EndAfterDate;
            p.occurrence_count = s.count;
            p.end_date = u32::try_from(*instances.last()?).ok()?;
        }
    }
    let start_off = s.start_minute;
    let end_off = s.start_minute + s.duration;
    // exceptions: moved instances (new subject, busy status), and deletions
    let mut exceptions: Vec<(ExceptionInfo, ExtendedException)> = Vec::new();
    let mut deleted: Vec<u32> = Vec::new();
    let mut used = Vec::new();
    for (k, (i, shift)) in s.moved.iter().enumerate() {
        let Some(date) = instances.get(*i) else {
            continue;
        };
        if used.contains(i) {
            continue;
        }
        used.push(*i);
        let orig = date + i64::from(start_off);
        let start = orig + i64::from(*shift);
        // keep moved instances apart from the others (Outlook refuses overlaps)
        if shift.unsigned_abs() >= 600 {
            continue;
        }
        let subject = format!("moved {k}");
        let info = ExceptionInfo {
            start_date_time: u32::try_from(start).ok()?,
            end_date_time: u32::try_from(start + i64::from(s.duration)).ok()?,
            original_start_date: u32::try_from(orig).ok()?,
            override_flags: OverrideFlags::SUBJECT | OverrideFlags::BUSYSTATUS,
            subject: Some(NonUnicodeString::new(subject.as_bytes()).ok()?),
            busy_status: Some(BusyStatus::Tentative),
            ..ExceptionInfo::default()
        };
        let ext = ExtendedException {
            change_highlight: Some(ChangeHighlight::default()),
            times: Some(ExceptionTimes {
                start_date_time: info.start_date_time,
                end_date_time: info.end_date_time,
                original_start_date: info.original_start_date,
            }),
            wide_char_subject: Some(Utf16String::new(&subject)),
            reserved_block_ee2: Some(Vec::new()),
            ..ExtendedException::default()
        };
        deleted.push(u32::try_from(*date).ok()?);
        exceptions.push((info, ext));
    }
    for i in &s.deleted {
        if used.contains(i) {
            continue;
        }
        if let Some(d) = instances.get(*i) {
            deleted.push(u32::try_from(*d).ok()?);
        }
    }
    deleted.sort_unstable();
    deleted.dedup();
    exceptions.sort_by_key(|(e, _)| e.start_date_time);
    p.deleted_instance_dates = deleted;
    p.modified_instance_dates = exceptions
        .iter()
        .map(|(e, _)| e.start_date_time - e.start_date_time % 1440)
        .collect();
    p.modified_instance_dates.sort_unstable();
    let arp = AppointmentRecurrencePattern {
        recurrence_pattern: p,
        start_time_offset: start_off,
        end_time_offset: end_off,
        exception_info: exceptions.iter().map(|e| e.0.clone()).collect(),
        extended_exceptions: exceptions.iter().map(|e| e.1.clone()).collect(),
        ..AppointmentRecurrencePattern::default()
    };
    let mut m = Message::new("IPM.Appointment");
    m.set_subject("Series");
    m.set_location("Room 1");
    m.set_busy_status(BusyStatus::Busy);
    let start_utc = tz.local_to_utc(first + i64::from(start_off));
    m.set_appointment_start_whole(file_time_from_minutes(start_utc)?);
    m.set_appointment_end_whole(file_time_from_minutes(start_utc + i64::from(s.duration))?);
    m.set_recurring(true);
    m.set_appointment_recur(&arp).ok()?;
    m.set_time_zone_definition_recur(&def).ok()?;
    m.set_time_zone_struct(&def.rules[0].to_reg()).ok()?;
    let goid = GlobalObjectId::from_ical_uid(&format!("series-{}-{}", s.kind, s.start_day));
    m.set_global_object_id(&goid).ok()?;
    Some(m)
}

fn recur(m: &Message) -> AppointmentRecurrencePattern {
    m.appointment_recur(&Options::strict())
        .unwrap()
        .unwrap()
        .value
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn recurring_objects_round_trip_through_icalendar(s in series()) {
        let Some(m) = build(&s) else {
            // only patterns without instances (a MonthNth with no day) are skipped
            prop_assert!(s.days & 0x7F == 0 || s.kind == 3 || s.kind == 5, "{s:?} not built");
            return Ok(());
        };
        let out = message_to_ics(&m, &IcsOptions { options: Options::strict(), ..IcsOptions::default() }).unwrap();
        let back = ics_to_messages(out.value.as_bytes(), &Options::strict()).unwrap();
        prop_assert_eq!(back.value.len(), 1);
        let b = &back.value[0];
        let (x, y) = (recur(&m), recur(b));
        let (px, py) = (&x.recurrence_pattern, &y.recurrence_pattern);
        prop_assert_eq!(px.recur_frequency, py.recur_frequency, "{}", out.value);
        prop_assert_eq!(px.pattern_type, py.pattern_type);
        prop_assert_eq!(px.pattern_type_specific, py.pattern_type_specific);
        prop_assert_eq!(px.period, py.period);
        prop_assert_eq!(px.first_dow, py.first_dow);
        prop_assert_eq!(px.first_date_time, py.first_date_time);
        prop_assert_eq!(px.start_date, py.start_date);
        prop_assert_eq!(px.end_type, py.end_type);
        prop_assert_eq!(px.end_date, py.end_date, "{}", out.value);
        if px.end_type != EndType::NeverEnd {
            prop_assert_eq!(px.occurrence_count, py.occurrence_count);
        }
        prop_assert_eq!(&px.deleted_instance_dates, &py.deleted_instance_dates, "{}", out.value);
        prop_assert_eq!(&px.modified_instance_dates, &py.modified_instance_dates);
        prop_assert_eq!(x.start_time_offset, y.start_time_offset);
        prop_assert_eq!(x.end_time_offset, y.end_time_offset);
        prop_assert_eq!(&x.exception_info, &y.exception_info, "{}", out.value);
        prop_assert_eq!(&x.extended_exceptions, &y.extended_exceptions);
        prop_assert_eq!(m.appointment_start_whole(), b.appointment_start_whole());
        prop_assert_eq!(m.appointment_end_whole(), b.appointment_end_whole());
        prop_assert_eq!(m.subject(), b.subject());
        prop_assert_eq!(m.location(), b.location());
        prop_assert_eq!(m.busy_status(), b.busy_status());
        let zx = m.time_zone_definition_recur(&Options::strict()).unwrap().unwrap().value;
        let zy = b.time_zone_definition_recur(&Options::strict()).unwrap().unwrap().value;
        prop_assert_eq!(&zx.key_name, &zy.key_name);
        let tx = TimeZone::from_definition(&zx).unwrap();
        let ty = TimeZone::from_definition(&zy).unwrap();
        for year in [2001i64, 2013, 2024, 2037] {
            for (mo, d) in [(1u8, 15u8), (3, 31), (4, 2), (7, 1), (10, 5), (10, 31), (11, 3)] {
                let local = day_from_civil(year, mo, d) * MINUTES_PER_DAY + 150;
                prop_assert_eq!(tx.local_to_utc(local), ty.local_to_utc(local));
            }
        }
    }

    #[test]
    fn time_zones_round_trip_through_vtimezone(i in 0u8..4, year in 1990u16..2030, second in proptest::bool::ANY) {
        let mut def = zone(i);
        if second && def.rules[0].daylight_date.w_month != 0 {
            // a second rule: no daylight time from `year`
            let mut r = def.rules[0];
            r.year = year;
            r.daylight_bias = 0;
            r.standard_date = SystemTime::default();
            r.daylight_date = SystemTime::default();
            r.flags = TzRuleFlags::EMPTY;
            def.rules.push(r);
        }
        let vtz = definition_to_vtimezone(&def);
        let doc = Document { components: vec![{
            let mut cal = Component::new("VCALENDAR");
            cal.components.push(vtz);
            let mut ev = Component::new("VEVENT");
            ev.push(ContentLine::new("UID", "tz"));
            ev.push(Timestamp::from_minutes(day_from_civil(2020, 6, 1) * MINUTES_PER_DAY, 0, Zone::Tzid(def.key_name.to_string())).to_line("DTSTART"));
            ev.push(ContentLine::new("RRULE", "FREQ=DAILY"));
            cal.components.push(ev);
            cal
        }]};
        let read = ics_to_messages(&doc.to_vec().unwrap(), &Options::strict()).unwrap();
        let back = read.value[0].time_zone_definition_recur(&Options::strict()).unwrap().unwrap().value;
        let (a, b) = (TimeZone::from_definition(&def).unwrap(), TimeZone::from_definition(&back).unwrap());
        for y in [1995i64, 2005, 2015, 2025, 2035] {
            for day in (0..365).step_by(7) {
                let local = (day_from_civil(y, 1, 1) + day) * MINUTES_PER_DAY + 150;
                prop_assert_eq!(a.local_to_utc(local), b.local_to_utc(local), "{} {}", y, day);
            }
        }
    }
}

#[test]
fn a_message_with_only_utc_times_round_trips() {
    let mut m = Message::new("IPM.Schedule.Meeting.Request");
    m.set_subject("Only UTC");
    m.set_appointment_start_whole(FileTime::from_unix_seconds(1_700_000_000));
    m.set_appointment_end_whole(FileTime::from_unix_seconds(1_700_001_800));
    m.recipients.push(ms_oxcmsg::Recipient::new(
        "Ann",
        "ann@example.com",
        ms_oxcmsg::RecipientType::Cc,
    ));
    let out = message_to_ics(&m, &IcsOptions::default()).unwrap();
    assert!(
        out.value
            .starts_with("BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\n")
    );
    let unfolded = out.value.replace("\r\n ", "");
    assert!(unfolded.contains(
        "ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=Ann:mailto:ann@example.com\r\n"
    ));
    let b = &ics_to_messages(out.value.as_bytes(), &Options::strict())
        .unwrap()
        .value[0];
    assert_eq!(b.appointment_start_whole(), m.appointment_start_whole());
    assert_eq!(
        b.recipients[0].recipient_type(),
        Some(ms_oxcmsg::RecipientType::Cc)
    );
}
