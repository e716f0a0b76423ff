//! Real data from `../shared/corpus` (skipped with a message when the
//! corpus is absent, failing when `CI` is set):
//!
//! - `smartview/In` + `Out`: MFCMAPI's SmartView test pairs for
//!   APPOINTMENTRECURRENCEPATTERN, RECURRENCEPATTERN, TIMEZONEDEFINITION,
//!   TIMEZONE and GLOBALOBJECTID. Every field MFCMAPI prints must have the
//!   value we decode (numbers compared as numbers, strings as strings), and
//!   every blob must re-encode byte for byte;
//! - `other/recurrence`, `other/tzdef`, `other/tzstruct`, `other/goid`:
//!   blobs cut from real .msg files and other projects' tests (OpenChange's
//!   expectations in the `.txt` beside them); each decodes, re-encodes byte
//!   for byte, and expands.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::collections::BTreeMap;

use ms_oxocal::{
    AppointmentRecurrencePattern, ExpandOptions, GlobalObjectId, PatternTypeSpecific,
    RecurrencePattern, TimeZone, TzDefinition, TzReg,
};
use msox_codec::{Decode, Encode, Options};
use msox_testkit::corpus;

// ---- MFCMAPI's rendering ------------------------------------------------------

/// (stem, input bytes, MFCMAPI's rendering) of every `In/<kind>-N.dat`.
fn pairs(kind: &str) -> Vec<(String, Vec<u8>, String)> {
    let mut out = Vec::new();
    for e in corpus::files("smartview/In", &[".dat"]) {
        let stem = e.path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(n) = stem.strip_prefix(&format!("{kind}-")) else {
            continue;
        };
        let text = std::fs::read_to_string(&e.path).unwrap();
        let bytes = msox_codec::hex::decode(text.trim()).unwrap();
        let out_path = e
            .path
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .join(format!("Out/{kind}-out-{n}.dat"));
        let expected = std::fs::read_to_string(out_path).unwrap();
        out.push((stem, bytes, expected));
    }
    out
}

/// Every field of MFCMAPI's rendering as (path, value): the path is the
/// names of the enclosing lines and the field's own name, joined by `/`
/// (`Appointment Recurrence Pattern/ExceptionCount/ExceptionInfo[0]/Subject`);
/// a line that is only a value (`0x0CDB6A80 = 12:00:00.000 AM 2/17/2011`)
/// belongs to the line above it. Values: the quoted text of a string, the
/// first token of a number, the hex of a `cb: N lpb: HEX` line (named `lpb`),
/// else the whole text.
fn mfcmapi_fields(text: &str) -> Vec<(String, String)> {
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.chars().take_while(|c| *c == '\t').count();
        let content = line.trim();
        while stack.last().is_some_and(|(i, _)| *i >= indent) {
            stack.pop();
        }
        let parent: Vec<&str> = stack.iter().map(|(_, n)| n.as_str()).collect();
        let parent = parent.join("/");
        let (key, value) = if let Some(rest) = content.strip_prefix("cb: ") {
            let lpb = rest.split_once("lpb: ").map_or("", |(_, h)| h);
            ("lpb".to_string(), lpb.to_string())
        } else if content.starts_with("0x") {
            (String::new(), first_token(content))
        } else if let Some((k, v)) = content
            .split_once(": ")
            .or_else(|| content.split_once(" = "))
        {
            let v = if let Some(q) = v.strip_prefix('"') {
                q.rsplit_once('"').map_or(q, |(s, _)| s).to_string()
            } else if v.starts_with("0x") {
                first_token(v)
            } else {
                v.to_string()
            };
            (k.to_string(), v)
        } else {
            stack.push((indent, content.to_string()));
            continue;
        };
        let path = match (parent.is_empty(), key.is_empty()) {
            (_, true) => parent.clone(),
            (true, false) => key.clone(),
            (false, false) => format!("{parent}/{key}"),
        };
        out.push((path, value));
        if !key.is_empty() {
            stack.push((indent, key));
        }
    }
    out
}

fn first_token(s: &str) -> String {
    s.split_whitespace().next().unwrap_or("").to_string()
}

/// Our values for MFCMAPI's paths.
#[derive(Default)]
struct Fields(BTreeMap<String, String>);

impl Fields {
    fn num(&mut self, path: impl Into<String>, v: impl Into<u64>) {
        self.0.insert(path.into(), format!("0x{:X}", v.into()));
    }
    fn text(&mut self, path: impl Into<String>, v: impl Into<String>) {
        self.0.insert(path.into(), v.into());
    }
}

fn same_value(mfcmapi: &str, ours: &str) -> bool {
    let hex = |s: &str| {
        s.strip_prefix("0x")
            .and_then(|h| u64::from_str_radix(h, 16).ok())
    };
    match (hex(mfcmapi), hex(ours)) {
        (Some(a), Some(b)) => a == b,
        _ => mfcmapi.eq_ignore_ascii_case(ours),
    }
}

/// Checks every field MFCMAPI shows; returns how many.
fn compare(what: &str, rendering: &str, ours: &Fields) -> usize {
    let fields = mfcmapi_fields(rendering);
    let n = fields.len();
    assert!(fields.len() > 5, "{what}: MFCMAPI's rendering not parsed");
    for (path, value) in fields {
        let Some(mine) = ours.0.get(&path) else {
            panic!("{what}: MFCMAPI shows {path} = {value}; we have no such field");
        };
        assert!(
            same_value(&value, mine),
            "{what}: {path}: MFCMAPI {value}, ours {mine}"
        );
    }
    n
}

fn rp_fields(f: &mut Fields, p: &RecurrencePattern) {
    let h = "Recurrence Pattern";
    f.num(format!("{h}/ReaderVersion"), p.reader_version);
    f.num(format!("{h}/WriterVersion"), p.writer_version);
    f.num(format!("{h}/RecurFrequency"), p.recur_frequency.value());
    f.num(format!("{h}/PatternType"), p.pattern_type.value());
    f.num(format!("{h}/CalendarType"), p.calendar_type.value());
    f.num(format!("{h}/FirstDateTime"), p.first_date_time);
    f.num(format!("{h}/Period"), p.period);
    f.num(format!("{h}/SlidingFlag"), p.sliding_flag);
    let pts = format!("{h}/PatternTypeSpecific");
    match p.pattern_type_specific {
        PatternTypeSpecific::Day => {}
        PatternTypeSpecific::Week(d) => f.num(format!("{pts}/WeekRecurrencePattern"), d.0),
        PatternTypeSpecific::Month(d) => f.num(format!("{pts}/MonthRecurrencePattern"), d),
        PatternTypeSpecific::MonthNth { days, n } => {
            f.num(format!("{pts}/MonthNthRecurrencePattern/DayOfWeek"), days.0);
            f.num(format!("{pts}/MonthNthRecurrencePattern/N"), n.value());
        }
    }
    f.num(format!("{h}/EndType"), p.end_type.value());
    f.num(format!("{h}/OccurrenceCount"), p.occurrence_count);
    f.num(format!("{h}/FirstDOW"), p.first_dow.value());
    let n = p.deleted_instance_dates.len() as u64;
    f.num(format!("{h}/DeletedInstanceCount"), n);
    for (i, d) in p.deleted_instance_dates.iter().enumerate() {
        f.num(
            format!("{h}/DeletedInstanceCount/DeletedInstanceDates[{i}]"),
            *d,
        );
    }
    let n = p.modified_instance_dates.len() as u64;
    f.num(format!("{h}/ModifiedInstanceCount"), n);
    for (i, d) in p.modified_instance_dates.iter().enumerate() {
        f.num(
            format!("{h}/ModifiedInstanceCount/ModifiedInstanceDates[{i}]"),
            *d,
        );
    }
    f.num(format!("{h}/StartDate"), p.start_date);
    f.num(format!("{h}/EndDate"), p.end_date);
}

/// MFCMAPI's "Unparsed data size" (under `prefix`) and its bytes.
fn trailing_fields(f: &mut Fields, prefix: &str, trailing: &[u8]) {
    if !trailing.is_empty() {
        f.num(format!("{prefix}Unparsed data size"), trailing.len() as u64);
        f.text(
            format!("{prefix}Unparsed data size/lpb"),
            msox_codec::hex::encode(trailing),
        );
    }
}

fn arp_fields(f: &mut Fields, p: &AppointmentRecurrencePattern) {
    rp_fields(f, &p.recurrence_pattern);
    let h = "Appointment Recurrence Pattern";
    f.num(format!("{h}/ReaderVersion2"), p.reader_version2);
    f.num(format!("{h}/WriterVersion2"), p.writer_version2);
    f.num(format!("{h}/StartTimeOffset"), p.start_time_offset);
    f.num(format!("{h}/EndTimeOffset"), p.end_time_offset);
    f.num(format!("{h}/ExceptionCount"), p.exception_info.len() as u64);
    for (i, e) in p.exception_info.iter().enumerate() {
        let x = format!("{h}/ExceptionCount/ExceptionInfo[{i}]");
        f.num(format!("{x}/StartDateTime"), e.start_date_time);
        f.num(format!("{x}/EndDateTime"), e.end_date_time);
        f.num(format!("{x}/OriginalStartDate"), e.original_start_date);
        f.num(format!("{x}/OverrideFlags"), e.override_flags.0);
        for (s, name) in [(&e.subject, "Subject"), (&e.location, "Location")] {
            if let Some(s) = s {
                f.num(format!("{x}/{name}Length"), s.length);
                f.num(format!("{x}/{name}Length2"), s.bytes.len() as u64);
                f.text(
                    format!("{x}/{name}"),
                    s.to_string_lossy(msox_codec::CodePage::WINDOWS_1252),
                );
            }
        }
        let words = [
            ("MeetingType", e.meeting_type.map(|m| m.0)),
            ("ReminderDelta", e.reminder_delta),
            ("ReminderSet", e.reminder_set),
            ("BusyStatus", e.busy_status.map(|b| b.value())),
            ("Attachment", e.attachment),
            ("SubType", e.sub_type),
            ("AppointmentColor", e.appointment_color),
        ];
        for (name, v) in words {
            if let Some(v) = v {
                f.num(format!("{x}/{name}"), v);
            }
        }
    }
    if let Some(b) = &p.reserved_block1 {
        f.num(format!("{h}/ReservedBlock1Size"), b.len() as u64);
    }
    for (i, e) in p.extended_exceptions.iter().enumerate() {
        let x = format!("{h}/ExtendedException[{i}]");
        if let Some(ch) = &e.change_highlight {
            f.num(
                format!("{x}/ChangeHighlight/ChangeHighlightSize"),
                4 + ch.reserved.len() as u64,
            );
            f.num(
                format!("{x}/ChangeHighlight/ChangeHighlightValue"),
                ch.change_highlight_value.0,
            );
        }
        f.num(
            format!("{x}/ReservedBlockEE1Size"),
            e.reserved_block_ee1.len() as u64,
        );
        if let Some(t) = e.times {
            f.num(format!("{x}/StartDateTime"), t.start_date_time);
            f.num(format!("{x}/EndDateTime"), t.end_date_time);
            f.num(format!("{x}/OriginalStartDate"), t.original_start_date);
        }
        for (s, name) in [
            (&e.wide_char_subject, "WideCharSubject"),
            (&e.wide_char_location, "WideCharLocation"),
        ] {
            if let Some(s) = s {
                f.num(format!("{x}/{name}Length"), s.byte_len() as u64 / 2);
                f.text(format!("{x}/{name}"), s.as_str());
            }
        }
        if let Some(b) = &e.reserved_block_ee2 {
            f.num(format!("{x}/ReservedBlockEE2Size"), b.len() as u64);
        }
    }
    if let Some(b) = &p.reserved_block2 {
        f.num(format!("{h}/ReservedBlock2Size"), b.len() as u64);
    }
    trailing_fields(f, "", &p.trailing);
}

fn system_time_fields(f: &mut Fields, path: &str, st: &ms_dtyp::SystemTime) {
    for (name, v) in [
        ("wYear", st.w_year),
        ("wMonth", st.w_month),
        ("wDayOfWeek", st.w_day_of_week),
        ("wDay", st.w_day),
        ("wHour", st.w_hour),
        ("wMinute", st.w_minute),
        ("wSecond", st.w_second),
        ("wMilliseconds", st.w_milliseconds),
    ] {
        f.num(format!("{path}/{name}"), v);
    }
}

fn tzdef_fields(f: &mut Fields, tz: &TzDefinition) {
    let h = "Time Zone Definition";
    f.num(format!("{h}/bMajorVersion"), tz.major_version);
    f.num(format!("{h}/bMinorVersion"), tz.minor_version);
    let key = tz.key_name.byte_len() as u64;
    f.num(
        format!("{h}/cbHeader"),
        6 + key + tz.header_extra.len() as u64,
    );
    f.num(format!("{h}/wReserved"), tz.reserved);
    f.num(format!("{h}/cchKeyName"), key / 2);
    f.text(format!("{h}/szKeyName"), tz.key_name.as_str());
    f.num(format!("{h}/cRules"), tz.rules.len() as u64);
    for (i, r) in tz.rules.iter().enumerate() {
        let x = format!("{h}/TZRule[0x{i:X}]");
        f.num(format!("{x}/bMajorVersion"), r.major_version);
        f.num(format!("{x}/bMinorVersion"), r.minor_version);
        f.num(format!("{x}/wReserved"), r.reserved);
        f.num(format!("{x}/wTZRuleFlags"), r.flags.0);
        f.num(format!("{x}/wYear"), r.year);
        f.text(format!("{x}/X/lpb"), msox_codec::hex::encode(&r.x));
        f.num(format!("{x}/lBias"), r.bias as u32);
        f.num(format!("{x}/lStandardBias"), r.standard_bias as u32);
        f.num(format!("{x}/lDaylightBias"), r.daylight_bias as u32);
        system_time_fields(f, &format!("{x}/stStandardDate"), &r.standard_date);
        system_time_fields(f, &format!("{x}/stDaylightDate"), &r.daylight_date);
    }
    trailing_fields(f, "Time Zone Definition/", &tz.trailing);
}

fn tzreg_fields(f: &mut Fields, r: &TzReg) {
    let h = "Time Zone";
    f.num(format!("{h}/lBias"), r.bias as u32);
    f.num(format!("{h}/lStandardBias"), r.standard_bias as u32);
    f.num(format!("{h}/lDaylightBias"), r.daylight_bias as u32);
    f.num(format!("{h}/wStandardYear"), r.standard_year);
    system_time_fields(f, &format!("{h}/stStandardDate"), &r.standard_date);
    // MFCMAPI labels wDaylightYear "wDaylightDate".
    f.num(format!("{h}/wDaylightDate"), r.daylight_year);
    system_time_fields(f, &format!("{h}/stDaylightDate"), &r.daylight_date);
}

fn goid_fields(f: &mut Fields, id: &GlobalObjectId) {
    let h = "Global Object ID";
    if id.byte_array_id == ms_oxocal::BYTE_ARRAY_ID {
        f.text(format!("{h}/Byte Array ID"), "s_rgbSPlus");
    }
    f.text(
        format!("{h}/Byte Array ID/lpb"),
        msox_codec::hex::encode(&id.byte_array_id),
    );
    f.num(format!("{h}/Year"), id.year);
    f.num(format!("{h}/Month"), id.month);
    f.num(format!("{h}/Day"), id.day);
    f.text(
        format!("{h}/Creation Time"),
        format!(
            "0x{:08X}:0x{:08X}",
            id.creation_time.high(),
            id.creation_time.low()
        ),
    );
    let x = u64::from_le_bytes(id.x);
    f.text(
        format!("{h}/X"),
        format!("0x{:08X}:0x{:08X}", x >> 32, x & 0xFFFF_FFFF),
    );
    f.num(format!("{h}/Size"), id.data.len() as u64);
    f.text(format!("{h}/Data/lpb"), msox_codec::hex::encode(&id.data));
}

/// Decodes leniently, checks the byte-exact round trip, returns the value.
fn lenient<T>(what: &str, bytes: &[u8]) -> (T, usize)
where
    T: for<'a> Decode<'a> + Encode,
{
    let d = T::decode_bytes(bytes, &Options::lenient()).unwrap_or_else(|e| panic!("{what}: {e}"));
    let out = msox_codec::encode_checked(&d.value).unwrap();
    if let Some(diff) = msox_testkit::hex_diff(bytes, &out) {
        panic!("{what}: re-encoding differs: {diff}");
    }
    (d.value, d.defects.len())
}

#[test]
fn mfcmapi_smartview_fields_match_and_blobs_round_trip() {
    let mut seen = 0;
    let mut fields = 0;
    for (stem, bytes, out) in pairs("APPOINTMENTRECURRENCEPATTERN") {
        let (p, _) = lenient::<AppointmentRecurrencePattern>(&stem, &bytes);
        let mut f = Fields::default();
        arp_fields(&mut f, &p);
        fields += compare(&stem, &out, &f);
        seen += 1;
    }
    for (stem, bytes, out) in pairs("RECURRENCEPATTERN") {
        let (p, defects) = lenient::<RecurrencePattern>(&stem, &bytes);
        assert_eq!(defects, 0, "{stem}");
        let mut f = Fields::default();
        rp_fields(&mut f, &p);
        fields += compare(&stem, &out, &f);
        seen += 1;
    }
    for (stem, bytes, out) in pairs("TIMEZONEDEFINITION") {
        let (tz, _) = lenient::<TzDefinition>(&stem, &bytes);
        let mut f = Fields::default();
        tzdef_fields(&mut f, &tz);
        fields += compare(&stem, &out, &f);
        seen += 1;
    }
    for (stem, bytes, out) in pairs("TIMEZONE") {
        let (tz, defects) = lenient::<TzReg>(&stem, &bytes);
        assert_eq!(defects, 0, "{stem}");
        let mut f = Fields::default();
        tzreg_fields(&mut f, &tz);
        fields += compare(&stem, &out, &f);
        seen += 1;
    }
    for (stem, bytes, out) in pairs("GLOBALOBJECTID") {
        let (id, defects) = lenient::<GlobalObjectId>(&stem, &bytes);
        assert_eq!(defects, 0, "{stem}");
        let mut f = Fields::default();
        goid_fields(&mut f, &id);
        fields += compare(&stem, &out, &f);
        seen += 1;
    }
    if corpus::dir().is_some() {
        assert_eq!(seen, 13, "MFCMAPI pairs found");
        assert!(fields > 900, "only {fields} fields compared");
    }
}

#[test]
fn mfcmapi_oddities_are_reported_not_hidden() {
    // APPOINTMENTRECURRENCEPATTERN-2 has 316 bytes after ReservedBlock2 and
    // TIMEZONEDEFINITION-3 has cRules 0 with two rules after it: strict
    // decoding refuses both, lenient keeps the bytes with one defect.
    for (kind, n) in [
        ("APPOINTMENTRECURRENCEPATTERN", "2"),
        ("TIMEZONEDEFINITION", "3"),
    ] {
        for (stem, bytes, _) in pairs(kind) {
            if !stem.ends_with(&format!("-{n}")) {
                continue;
            }
            let strict = match kind {
                "TIMEZONEDEFINITION" => TzDefinition::decode_exact(&bytes).map(drop),
                _ => AppointmentRecurrencePattern::decode_exact(&bytes).map(drop),
            };
            let e = strict.unwrap_err();
            assert!(e.to_string().contains("trailing bytes"), "{stem}: {e}");
        }
    }
    for (stem, bytes, _) in pairs("APPOINTMENTRECURRENCEPATTERN") {
        if stem.ends_with("-2") {
            let (p, defects) = lenient::<AppointmentRecurrencePattern>(&stem, &bytes);
            assert_eq!(defects, 1);
            assert_eq!(p.trailing.len(), 316);
        }
    }
}

// ---- blobs cut from real files ----------------------------------------------------

fn tokyo() -> Option<TimeZone> {
    let e = corpus::files("other/tzdef", &["-start.tzd"])
        .into_iter()
        .find(|e| e.file.contains("A_monthly_1"))?;
    let def = TzDefinition::decode_exact(&std::fs::read(&e.path).unwrap()).unwrap();
    Some(TimeZone::from_definition(&def).unwrap())
}

#[test]
fn recurrence_blobs_round_trip_and_expand() {
    let mut n = 0;
    for e in corpus::files("other/recurrence", &[".bin"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let name = e.file.clone();
        let expectation = std::fs::read_to_string(e.path.with_extension("txt")).ok();
        if name.contains("openchange-rp-") {
            let (p, defects) = lenient::<RecurrencePattern>(&name, &bytes);
            assert_eq!(defects, 0, "{name}");
            // OpenChange: DeletedInstanceCount 2, ModifiedInstanceCount 1
            assert!(expectation.unwrap().contains("DeletedInstanceCount 2"));
            assert_eq!(p.deleted_instance_dates.len(), 2, "{name}");
            assert_eq!(p.modified_instance_dates.len(), 1, "{name}");
            p.expand(&TimeZone::utc(), &ExpandOptions::default())
                .unwrap();
            n += 1;
            continue;
        }
        let (p, defects) = lenient::<AppointmentRecurrencePattern>(&name, &bytes);
        if name.contains("-cut") {
            // Cut where ReservedBlock1Size begins: OpenChange accepts it;
            // lenient decoding keeps it (one defect), strict refuses it.
            assert!(expectation.unwrap().contains("non-NULL"));
            assert_eq!(defects, 1, "{name}");
            assert!(p.reserved_block1.is_none(), "{name}");
            assert!(AppointmentRecurrencePattern::decode_exact(&bytes).is_err());
        } else {
            assert_eq!(defects, 0, "{name}");
            AppointmentRecurrencePattern::decode_exact(&bytes).unwrap();
        }
        if name.contains("case3") {
            assert!(!p.exception_info.is_empty(), "{name}");
        }
        // FirstDateTime as 2.2.1.44.1.1 computes it from StartDate: the
        // expansion's alignment on StartDate is the writers' alignment.
        let rp = &p.recurrence_pattern;
        assert_eq!(
            rp.computed_first_date_time(),
            Some(rp.first_date_time),
            "{name}"
        );
        // Every real series expands (in the Tokyo zone of the hiraoka files).
        let tz = tokyo().unwrap_or_else(TimeZone::utc);
        let x = p
            .expand(&tz, &ExpandOptions::default().with_max_occurrences(100))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!x.occurrences.is_empty(), "{name}");
        n += 1;
    }
    if corpus::dir().is_some() {
        assert_eq!(n, 14);
    }
}

#[test]
fn hiraoka_series_expand_to_what_outlook_shows() {
    let Some(tz) = tokyo() else { return };
    let files = corpus::files("other/recurrence", &[".bin"]);
    let get = |needle: &str| {
        let e = files.iter().find(|e| e.file.contains(needle)).unwrap();
        AppointmentRecurrencePattern::decode_bytes(
            &std::fs::read(&e.path).unwrap(),
            &Options::lenient(),
        )
        .unwrap()
        .value
    };
    // "7 days everyday": seven all-day occurrences, midnight to midnight
    // Tokyo time (15:00 UTC the day before).
    let p = get("7_days_everyday");
    let x = p.expand(&tz, &ExpandOptions::default()).unwrap();
    assert_eq!(x.occurrences.len(), 7);
    for (i, o) in x.occurrences.iter().enumerate() {
        assert_eq!(o.end_local - o.start_local, 1440);
        if i > 0 {
            assert_eq!(o.start_local - x.occurrences[i - 1].start_local, 1440);
        }
        assert_eq!(o.start_local_time().hour, 0);
        assert_eq!(
            ms_oxocal::time::minutes_from_file_time(o.start) - o.start_local,
            -540
        );
    }
    // "Lunch time every Friday in 2023", changed: 52 Fridays, one deleted,
    // one moved with a new subject and location.
    let p = get("chgs2");
    let x = p.expand(&tz, &ExpandOptions::default()).unwrap();
    let rp = &p.recurrence_pattern;
    assert_eq!(rp.occurrence_count, 52);
    assert_eq!(x.occurrences.len(), 52 + 1 - 2);
    let moved: Vec<_> = x
        .occurrences
        .iter()
        .filter(|o| o.exception.is_some())
        .collect();
    assert_eq!(moved.len(), 1);
    let i = moved[0].exception.unwrap();
    assert_eq!(
        p.exception_location(i, msox_codec::CodePage(932))
            .as_deref(),
        Some("Awesome coffee shop")
    );
    for o in &x.occurrences {
        if o.exception.is_none() {
            assert_eq!(o.start_local_time().weekday(), 5, "a Friday");
        }
    }
}

#[test]
fn time_zone_definitions_round_trip_and_convert() {
    let mut n = 0;
    for e in corpus::files("other/tzdef", &[".tzd"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let def =
            TzDefinition::decode_exact(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(def.to_vec().unwrap(), bytes, "{}", e.file);
        let tz = TimeZone::from_definition(&def).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        // local -> UTC -> local is the identity away from the transitions
        // (noon on the 15th of every month, 2000-2030).
        for y in 2000..2031 {
            for m in 1..=12u8 {
                let local = ms_oxocal::time::DateTime::new(y, m, 15, 12, 0)
                    .unwrap()
                    .to_minutes()
                    .unwrap();
                assert_eq!(tz.utc_to_local(tz.local_to_utc(local)), local, "{}", e.file);
            }
        }
        if e.file.contains("openchange-tzdef-2rules") {
            assert_eq!(def.rules.len(), 2);
        }
        n += 1;
    }
    if corpus::dir().is_some() {
        assert!(n >= 22, "{n} tzdef files");
    }
}

#[test]
fn time_zone_structs_round_trip() {
    for e in corpus::files("other/tzstruct", &[".bin"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let r = TzReg::decode_exact(&bytes).unwrap();
        assert_eq!(r.to_vec().unwrap(), bytes);
        assert_eq!(r.bias, -540, "{} (Tokyo)", e.file);
        let tz = TimeZone::from_reg(&r).unwrap();
        assert_eq!(tz.local_to_utc(600), 60);
    }
}

#[test]
fn global_object_ids_round_trip_and_give_uids() {
    for e in corpus::files("other/goid", &[".bin"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let id = GlobalObjectId::decode_exact(&bytes).unwrap();
        assert_eq!(id.to_vec().unwrap(), bytes, "{}", e.file);
        assert_eq!(id.instance_date(), None, "{}: a series", e.file);
        assert_eq!(id.data.len(), 16, "{}", e.file);
        let uid = id.to_ical_uid();
        assert_eq!(uid, msox_codec::hex::encode(&bytes).to_ascii_uppercase());
        assert_eq!(GlobalObjectId::from_ical_uid(&uid), id);
    }
}
