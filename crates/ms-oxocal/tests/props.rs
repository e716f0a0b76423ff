//! Property tests: every public type round-trips through its wire form
//! (`decode(encode(x)) == x` with an exact `encoded_len`), strictly for
//! values the spec allows and leniently for the forms real writers
//! produce beyond it (unknown values, cut and padded blobs); the UID and
//! time zone conversions are inverses where they should be; expansion
//! never panics and stays within its bounds.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{FileTime, SystemTime};
use ms_oxocal::{
    AppointmentRecurrencePattern, AppointmentStateFlags, BusyStatus, CalendarType, ChangeHighlight,
    ChangeHighlightFlags, DayOfWeek, DaysOfWeek, EndType, ExceptionInfo, ExceptionTimes,
    ExpandOptions, ExtendedException, ExtendedExceptionContext, GlobalObjectId, NonUnicodeString,
    NthOccurrence, OverrideFlags, PatternType, PatternTypeSpecific, RecurFrequency,
    RecurrencePattern, TimeZone, TzDefinition, TzReg, TzRule, TzRuleFlags,
};
use msox_codec::{Decode, Encode, Limits, Options, Utf16String};
use msox_testkit::{prop_round_trip, prop_round_trip_with};
use proptest::prelude::*;

fn bytes(max: usize) -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..=max)
}

fn utf16() -> impl Strategy<Value = Utf16String> {
    prop_oneof![
        "[ -~äöü日本]{0,20}".prop_map(Utf16String::new),
        // any code units, lone surrogates included (kept as raw bytes)
        proptest::collection::vec(any::<u16>(), 0..12).prop_map(|u| {
            let b: Vec<u8> = u.iter().flat_map(|c| c.to_le_bytes()).collect();
            Utf16String::from_le_bytes(&b)
        }),
    ]
}

fn system_time() -> impl Strategy<Value = SystemTime> {
    any::<[u16; 8]>().prop_map(|w| SystemTime {
        w_year: w[0],
        w_month: w[1],
        w_day_of_week: w[2],
        w_day: w[3],
        w_hour: w[4],
        w_minute: w[5],
        w_second: w[6],
        w_milliseconds: w[7],
    })
}

fn pattern_type() -> impl Strategy<Value = (PatternType, PatternTypeSpecific)> {
    prop_oneof![
        Just((PatternType::Day, PatternTypeSpecific::Day)),
        any::<u32>().prop_map(|d| (PatternType::Week, PatternTypeSpecific::Week(DaysOfWeek(d)))),
        (
            prop::sample::select(vec![
                PatternType::Month,
                PatternType::MonthEnd,
                PatternType::HjMonth,
                PatternType::HjMonthEnd
            ]),
            any::<u32>()
        )
            .prop_map(|(t, d)| (t, PatternTypeSpecific::Month(d))),
        (
            prop::sample::select(vec![PatternType::MonthNth, PatternType::HjMonthNth]),
            any::<u32>(),
            any::<u32>()
        )
            .prop_map(|(t, d, n)| (
                t,
                PatternTypeSpecific::MonthNth {
                    days: DaysOfWeek(d),
                    n: NthOccurrence::from_value(n)
                }
            )),
    ]
}

/// A RecurrencePattern strict decoding accepts, with `modified` modified dates.
fn recurrence_pattern(modified: usize) -> impl Strategy<Value = RecurrencePattern> {
    (
        (
            prop::sample::select(RecurFrequency::KNOWN.to_vec()),
            pattern_type(),
            prop::sample::select(CalendarType::KNOWN.to_vec()),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
        ),
        (
            prop::sample::select(EndType::KNOWN.to_vec()),
            any::<u32>(),
            0u32..7,
            proptest::collection::vec(any::<u32>(), 0..8),
            proptest::collection::vec(any::<u32>(), modified..=modified),
            any::<u32>(),
            any::<u32>(),
        ),
    )
        .prop_map(
            |((freq, (pt, pts), cal, fdt, period, sliding), (end, count, dow, del, modi, s, e))| {
                RecurrencePattern {
                    recur_frequency: freq,
                    pattern_type: pt,
                    calendar_type: cal,
                    first_date_time: fdt,
                    period,
                    sliding_flag: sliding,
                    pattern_type_specific: pts,
                    end_type: end,
                    occurrence_count: count,
                    first_dow: DayOfWeek::from_value(dow),
                    deleted_instance_dates: del,
                    modified_instance_dates: modi,
                    start_date: s,
                    end_date: e,
                    ..RecurrencePattern::default()
                }
            },
        )
}

fn non_unicode() -> impl Strategy<Value = NonUnicodeString> {
    bytes(20).prop_map(|b| NonUnicodeString::new(b).unwrap())
}

fn exception_info() -> impl Strategy<Value = ExceptionInfo> {
    (
        (any::<u32>(), any::<u32>(), any::<u32>(), 0u16..0x400),
        (
            non_unicode(),
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            non_unicode(),
        ),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()),
    )
        .prop_map(
            |((s, e, o, flags), (subj, mt, rd, rs, loc), (bs, att, st, col))| {
                let f = OverrideFlags(flags);
                let has = |b| f.contains(b);
                ExceptionInfo {
                    start_date_time: s,
                    end_date_time: e,
                    original_start_date: o,
                    override_flags: f,
                    subject: has(OverrideFlags::SUBJECT).then_some(subj),
                    meeting_type: has(OverrideFlags::MEETINGTYPE)
                        .then_some(AppointmentStateFlags(mt)),
                    reminder_delta: has(OverrideFlags::REMINDERDELTA).then_some(rd),
                    reminder_set: has(OverrideFlags::REMINDER).then_some(rs),
                    location: has(OverrideFlags::LOCATION).then_some(loc),
                    busy_status: has(OverrideFlags::BUSYSTATUS)
                        .then_some(BusyStatus::from_value(bs)),
                    attachment: has(OverrideFlags::ATTACHMENT).then_some(att),
                    sub_type: has(OverrideFlags::SUBTYPE).then_some(st),
                    appointment_color: has(OverrideFlags::APPTCOLOR).then_some(col),
                }
            },
        )
}

fn change_highlight() -> impl Strategy<Value = ChangeHighlight> {
    (any::<u32>(), bytes(8)).prop_map(|(v, r)| ChangeHighlight {
        change_highlight_value: ChangeHighlightFlags(v),
        reserved: r,
    })
}

fn extended_exception(ctx: ExtendedExceptionContext) -> impl Strategy<Value = ExtendedException> {
    (
        change_highlight(),
        bytes(8),
        any::<[u32; 3]>(),
        utf16(),
        utf16(),
        bytes(8),
    )
        .prop_map(move |(ch, ee1, t, subj, loc, ee2)| {
            let f = ctx.override_flags;
            let ext = f.has_extended_fields();
            ExtendedException {
                change_highlight: ctx.has_change_highlight().then_some(ch),
                reserved_block_ee1: ee1,
                times: ext.then_some(ExceptionTimes {
                    start_date_time: t[0],
                    end_date_time: t[1],
                    original_start_date: t[2],
                }),
                wide_char_subject: f.contains(OverrideFlags::SUBJECT).then_some(subj),
                wide_char_location: f.contains(OverrideFlags::LOCATION).then_some(loc),
                reserved_block_ee2: ext.then_some(ee2),
            }
        })
}

fn context() -> impl Strategy<Value = ExtendedExceptionContext> {
    (0x3006u32..0x300B, 0u16..0x400).prop_map(|(w, f)| ExtendedExceptionContext {
        writer_version2: w,
        override_flags: OverrideFlags(f),
    })
}

/// An AppointmentRecurrencePattern strict decoding accepts.
fn appointment_pattern() -> impl Strategy<Value = AppointmentRecurrencePattern> {
    (
        proptest::collection::vec(exception_info(), 0..4),
        0x3006u32..0x300B,
    )
        .prop_flat_map(|(exceptions, writer)| {
            let n = exceptions.len();
            let ees: Vec<_> = exceptions
                .iter()
                .map(|e| {
                    extended_exception(ExtendedExceptionContext {
                        writer_version2: writer,
                        override_flags: e.override_flags,
                    })
                })
                .collect();
            (
                recurrence_pattern(n),
                Just(exceptions),
                Just(writer),
                any::<[u32; 2]>(),
                bytes(6),
                ees,
                bytes(6),
                0usize..6,
            )
        })
        .prop_map(|(rp, exceptions, writer, [s, e], rb1, ees, rb2, pad)| {
            AppointmentRecurrencePattern {
                recurrence_pattern: rp,
                writer_version2: writer,
                start_time_offset: s,
                end_time_offset: e,
                exception_info: exceptions,
                reserved_block1: Some(rb1),
                extended_exceptions: ees,
                reserved_block2: Some(rb2),
                trailing: vec![0; pad],
                ..AppointmentRecurrencePattern::default()
            }
        })
}

fn goid() -> impl Strategy<Value = GlobalObjectId> {
    (
        any::<u16>(),
        any::<u8>(),
        any::<u8>(),
        any::<u64>(),
        any::<[u8; 8]>(),
        bytes(40),
    )
        .prop_map(|(y, m, d, t, x, data)| GlobalObjectId {
            year: y,
            month: m,
            day: d,
            creation_time: FileTime(t),
            x,
            data,
            ..GlobalObjectId::default()
        })
}

fn tz_reg() -> impl Strategy<Value = TzReg> {
    (
        any::<[i32; 3]>(),
        any::<[u16; 2]>(),
        system_time(),
        system_time(),
    )
        .prop_map(|([b, sb, db], [sy, dy], sd, dd)| TzReg {
            bias: b,
            standard_bias: sb,
            daylight_bias: db,
            standard_year: sy,
            standard_date: sd,
            daylight_year: dy,
            daylight_date: dd,
        })
}

fn tz_rule() -> impl Strategy<Value = TzRule> {
    (
        any::<[u8; 2]>(),
        any::<[u16; 3]>(),
        any::<[u8; 14]>(),
        tz_reg(),
    )
        .prop_map(|([ma, mi], [res, flags, year], x, r)| TzRule {
            major_version: ma,
            minor_version: mi,
            reserved: res,
            flags: TzRuleFlags(flags),
            year,
            x,
            bias: r.bias,
            standard_bias: r.standard_bias,
            daylight_bias: r.daylight_bias,
            standard_date: r.standard_date,
            daylight_date: r.daylight_date,
        })
}

fn tz_definition() -> impl Strategy<Value = TzDefinition> {
    (
        any::<[u8; 2]>(),
        any::<u16>(),
        utf16(),
        proptest::collection::vec(tz_rule(), 0..4),
    )
        .prop_map(|([ma, mi], res, key, rules)| TzDefinition {
            major_version: ma,
            minor_version: mi,
            reserved: res,
            key_name: key,
            rules,
            ..TzDefinition::default()
        })
}

/// Lenient decoding of `value`'s bytes gives `value` back.
fn lenient_round_trip<T>(value: &T) -> Result<(), TestCaseError>
where
    T: for<'a> Decode<'a> + Encode + PartialEq + std::fmt::Debug,
{
    let bytes =
        msox_codec::encode_checked(value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let back = T::decode_bytes(&bytes, &Options::lenient())
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back.value, value);
    Ok(())
}

proptest! {
    #[test]
    fn recurrence_pattern_round_trips(p in recurrence_pattern(3)) {
        prop_round_trip(&p)?;
    }

    #[test]
    fn exception_info_round_trips(e in exception_info()) {
        prop_round_trip(&e)?;
    }

    #[test]
    fn change_highlight_round_trips(c in change_highlight()) {
        prop_round_trip(&c)?;
    }

    #[test]
    fn extended_exception_round_trips_in_its_context(
        (ctx, e) in context().prop_flat_map(|c| (Just(c), extended_exception(c)))
    ) {
        prop_round_trip_with(&e, ctx)?;
    }

    #[test]
    fn appointment_recurrence_pattern_round_trips(p in appointment_pattern()) {
        prop_round_trip(&p)?;
    }

    #[test]
    fn global_object_id_round_trips_and_its_uid_gives_the_clean_id(id in goid()) {
        prop_round_trip(&id)?;
        let back = GlobalObjectId::from_ical_uid(&id.to_ical_uid());
        // ([MS-OXCICAL]: a hex UID of fewer than 82 digits, an ID without
        // Data, counts as a third-party UID.)
        if id.third_party_uid().is_none() && !id.data.is_empty() {
            prop_assert_eq!(back, id.to_clean());
        }
    }

    #[test]
    fn third_party_uids_round_trip(uid in "[^\u{0}]{1,60}") {
        let id = GlobalObjectId::from_ical_uid(&uid);
        // A UID that happens to be the hex of an ID decodes as one.
        if id.third_party_uid().is_some() {
            prop_assert_eq!(id.to_ical_uid(), uid);
        }
        prop_round_trip(&id)?;
    }

    #[test]
    fn tz_reg_round_trips(r in tz_reg()) {
        prop_round_trip(&r)?;
    }

    #[test]
    fn tz_rule_round_trips(r in tz_rule()) {
        prop_round_trip(&r)?;
    }

    #[test]
    fn tz_definition_round_trips(d in tz_definition()) {
        prop_round_trip(&d)?;
    }

    #[test]
    fn lenient_forms_round_trip(
        p in appointment_pattern(),
        garbage in bytes(12),
        cut in any::<bool>(),
        rp_version in any::<u16>(),
        unknown_enum in any::<u16>(),
    ) {
        // Unknown values, a non-zero tail, or a blob cut after the
        // ExceptionInfo array: lenient decoding gives the value back.
        let mut q = p.clone();
        q.recurrence_pattern.writer_version = rp_version;
        q.recurrence_pattern.calendar_type = CalendarType::from_value(unknown_enum);
        if cut {
            q.reserved_block1 = None;
            q.extended_exceptions.clear();
            q.reserved_block2 = None;
            q.trailing.clear();
        } else {
            q.trailing = garbage;
        }
        lenient_round_trip(&q)?;
    }

    #[test]
    fn tz_definition_keeps_extra_header_bytes_and_a_tail(
        d in tz_definition(), extra in bytes(8), tail in bytes(8)
    ) {
        let mut d = d;
        d.header_extra = extra;
        // a tail shorter than a rule cannot be taken for one
        d.trailing = tail.into_iter().take(65).collect();
        lenient_round_trip(&d)?;
    }

    #[test]
    fn local_and_utc_conversions_are_inverse_away_from_transitions(
        r in tz_reg(), minute in 0i64..(500 * 365 * 1440)
    ) {
        // A well-formed rule: biases within a day, transitions at valid dates.
        let mut r = r;
        r.bias %= 720;
        r.standard_bias = 0;
        r.daylight_bias = -60;
        for st in [&mut r.standard_date, &mut r.daylight_date] {
            *st = SystemTime {
                w_month: 1 + st.w_month % 12,
                w_day: 1 + st.w_day % 5,
                w_day_of_week: st.w_day_of_week % 7,
                w_hour: st.w_hour % 24,
                ..SystemTime::default()
            };
        }
        let tz = TimeZone::from_reg(&r).unwrap();
        let local = 200 * 365 * 1440 + minute;
        let utc = tz.local_to_utc(local);
        let back = tz.utc_to_local(utc);
        // Equal unless the local time is in a gap (then it moved forward by the DST delta).
        prop_assert!(back == local || back == local + 60, "{local} -> {utc} -> {back}");
    }

    #[test]
    fn expansion_is_bounded_and_sorted(p in appointment_pattern(), max in 0usize..50) {
        let opts = ExpandOptions::default()
            .with_max_occurrences(max)
            .with_limits(Limits::DEFAULT.with_max_items(10_000));
        if let Ok(x) = p.expand(&TimeZone::utc(), &opts) {
            prop_assert!(x.occurrences.len() <= max);
            prop_assert!(x.occurrences.windows(2).all(|w| w[0].start <= w[1].start));
        }
    }
}

/// A pattern that generates dates: 2000-2030, small periods, non-empty
/// day sets, N in 1-5, a day of the month in 1-31.
fn realistic_pattern() -> impl Strategy<Value = AppointmentRecurrencePattern> {
    (
        0u8..5,
        (0i64..30 * 365, 1u32..5, 0u32..7),
        (1u32..0x7F, 1u32..6, 1u32..32),
        (0u8..3, 1u32..150, 0u32..1440, 1u32..3000),
    )
        .prop_map(
            |(kind, (day, period, fdow), (mask, n, dom), (end, count, start_time, dur))| {
                let start =
                    u32::try_from((ms_oxocal::time::day_from_civil(2000, 1, 1) + day) * 1440)
                        .unwrap();
                let (freq, pt, pts, period) = match kind {
                    0 => (
                        RecurFrequency::Daily,
                        PatternType::Day,
                        PatternTypeSpecific::Day,
                        period * 1440,
                    ),
                    1 => (
                        RecurFrequency::Weekly,
                        PatternType::Week,
                        PatternTypeSpecific::Week(DaysOfWeek(mask)),
                        period,
                    ),
                    2 => (
                        RecurFrequency::Monthly,
                        PatternType::Month,
                        PatternTypeSpecific::Month(dom),
                        period,
                    ),
                    3 => (
                        RecurFrequency::Monthly,
                        PatternType::MonthNth,
                        PatternTypeSpecific::MonthNth {
                            days: DaysOfWeek(mask),
                            n: NthOccurrence::from_value(n),
                        },
                        period,
                    ),
                    _ => (
                        RecurFrequency::Yearly,
                        PatternType::MonthEnd,
                        PatternTypeSpecific::Month(31),
                        12,
                    ),
                };
                let (end_type, end_date) = match end {
                    0 => (EndType::EndAfterNOccurrences, ms_oxocal::NO_END_DATE),
                    1 => (EndType::EndAfterDate, start + count * 7 * 1440),
                    _ => (EndType::NeverEnd, ms_oxocal::NO_END_DATE),
                };
                AppointmentRecurrencePattern {
                    recurrence_pattern: RecurrencePattern {
                        recur_frequency: freq,
                        pattern_type: pt,
                        pattern_type_specific: pts,
                        period,
                        first_dow: DayOfWeek::from_value(fdow),
                        end_type,
                        occurrence_count: count,
                        start_date: start,
                        end_date,
                        ..RecurrencePattern::default()
                    },
                    start_time_offset: start_time,
                    end_time_offset: start_time + dur,
                    ..AppointmentRecurrencePattern::default()
                }
            },
        )
}

proptest! {
    #[test]
    fn a_window_gives_the_occurrences_of_the_whole_series_that_overlap_it(
        p in realistic_pattern(),
        from in 0i64..45 * 365,
        len in 1i64..3 * 365,
    ) {
        let tz = TimeZone::from_definition(
            &TzDefinition::decode_exact(&msox_testkit::vector("oxocal", "tzdef-4.1.4-pacific").bytes).unwrap(),
        )
        .unwrap();
        let minutes = |d: i64| (ms_oxocal::time::day_from_civil(1998, 1, 1) + d) * 1440;
        let (ws, we) = (minutes(from), minutes(from + len));
        let ft = |m: i64| ms_oxocal::time::file_time_from_minutes(m).unwrap();
        let all = p
            .expand(&tz, &ExpandOptions::default().with_max_occurrences(20_000))
            .unwrap();
        let window = p
            .expand(&tz, &ExpandOptions::default().with_max_occurrences(20_000).with_window(ft(ws), ft(we)))
            .unwrap();
        let expected: Vec<_> = all
            .occurrences
            .iter()
            .filter(|o| o.start < ft(we) && (o.end > ft(ws) || o.start >= ft(ws)))
            .copied()
            .collect();
        // (A truncated full expansion is complete up to its last start.)
        if !all.truncated || all.occurrences.last().is_some_and(|l| l.start >= ft(we)) {
            prop_assert_eq!(window.occurrences, expected);
        }
    }
}
