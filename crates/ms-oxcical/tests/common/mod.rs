//! What the corpus, expansion and meeting tests compare: the events of
//! imported messages in the form scripts/peers/ics_check.py writes for
//! Python icalendar's reading of a file.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::Message;
use ms_oxocal::time::{DateTime, MINUTES_PER_DAY, minutes_from_file_time};
use ms_oxocal::{
    AppointmentProperties, GlobalObjectId, PatternType, PatternTypeSpecific, TimeZone,
};
use ms_oxprops::{named, tags};
use msox_codec::Options;
use serde_json::{Value, json};

/// A UTC time as ics_check.py's `{"utc": ...}`.
pub fn utc(t: FileTime) -> String {
    let m = minutes_from_file_time(t);
    let s = (t.0 / 10_000_000) % 60;
    let d = DateTime::from_minutes(m);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year, d.month, d.day, d.hour, d.minute, s
    )
}

pub fn utc_minutes(m: i64) -> String {
    let d = DateTime::from_minutes(m);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:00Z",
        d.year, d.month, d.day, d.hour, d.minute
    )
}

/// An expectation time as a UTC string (dates at midnight, floating as UTC).
pub fn when_text(v: &Value) -> Option<String> {
    if let Some(u) = v.get("utc").and_then(Value::as_str) {
        return Some(u.to_string());
    }
    if let Some(d) = v.get("date").and_then(Value::as_str) {
        return Some(format!("{d}T00:00:00Z"));
    }
    if let Some(f) = v.get("floating").and_then(Value::as_str) {
        return Some(format!("{f}Z"));
    }
    None
}

/// The clean UID form both sides compare by.
pub fn uid_key(uid: &str) -> String {
    GlobalObjectId::from_ical_uid(uid).to_clean().to_string()
}

fn partstat(v: i64) -> &'static str {
    match v {
        2 => "TENTATIVE",
        3 => "ACCEPTED",
        4 => "DECLINED",
        _ => "NEEDS-ACTION",
    }
}

pub fn normalize_partstat(s: &str) -> &'static str {
    match s {
        "TENTATIVE" => "TENTATIVE",
        "ACCEPTED" => "ACCEPTED",
        "DECLINED" => "DECLINED",
        _ => "NEEDS-ACTION",
    }
}

/// One event of an imported message (a series, one of its exceptions, or
/// a single object).
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub uid: Option<String>,
    pub recurrence_id: Option<String>,
    pub summary: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub rrule: Option<Value>,
    pub exdates: Vec<String>,
    pub organizer: Option<String>,
    pub attendees: Vec<(String, String)>,
    pub exception: bool,
}

fn recur_tz(m: &Message) -> TimeZone {
    match m.recurrence_time_zone(&Options::lenient()) {
        Some(Ok(tz)) => tz,
        _ => TimeZone::utc(),
    }
}

/// The events of a message, exceptions included.
pub fn views(m: &Message) -> Vec<View> {
    let lenient = Options::lenient();
    let uid = m
        .clean_global_object_id(&lenient)
        .or_else(|| m.global_object_id(&lenient))
        .and_then(Result::ok)
        .map(|g| g.value.to_ical_uid());
    let counter = m
        .properties
        .get_named(&named::PidLidAppointmentCounterProposal)
        .and_then(PropertyValue::as_bool)
        .unwrap_or(false);
    let (start, end) = if counter {
        (
            m.properties
                .get_named(&named::PidLidAppointmentProposedStartWhole)
                .and_then(PropertyValue::as_time),
            m.properties
                .get_named(&named::PidLidAppointmentProposedEndWhole)
                .and_then(PropertyValue::as_time),
        )
    } else {
        (m.appointment_start_whole(), m.appointment_end_whole())
    };
    let mut organizer = None;
    let mut attendees = Vec::new();
    for r in &m.recipients {
        let flags = r
            .properties
            .get_i64(tags::PidTagRecipientFlags)
            .unwrap_or(0);
        let email = r
            .smtp_address()
            .or_else(|| r.email())
            .unwrap_or_default()
            .to_lowercase();
        if flags & 2 != 0 {
            organizer = Some(email);
            continue;
        }
        let ps = r
            .properties
            .get_i64(tags::PidTagRecipientTrackStatus)
            .unwrap_or(0);
        attendees.push((email, partstat(ps).to_string()));
    }
    attendees.sort();
    let recur = m
        .appointment_recur(&lenient)
        .and_then(Result::ok)
        .map(|d| d.value);
    let tz = recur_tz(m);
    let mut out = Vec::new();
    let mut master = View {
        uid: uid.clone(),
        recurrence_id: if recur.is_none() {
            m.exception_replace_time().map(utc)
        } else {
            None
        },
        summary: m.subject(),
        start: start.map(utc),
        end: end.map(utc),
        rrule: None,
        exdates: Vec::new(),
        organizer,
        attendees,
        exception: false,
    };
    if let Some(arp) = &recur {
        let p = &arp.recurrence_pattern;
        let mut r = serde_json::Map::new();
        match (p.pattern_type, p.pattern_type_specific) {
            (PatternType::Day, _) => {
                r.insert("unit".into(), json!("day"));
                r.insert("every".into(), json!(p.period / 1440));
            }
            (PatternType::Week, PatternTypeSpecific::Week(d)) => {
                r.insert("unit".into(), json!("week"));
                r.insert("every".into(), json!(p.period));
                let days: Vec<u8> = (0..7).filter(|w| d.has_weekday(*w)).collect();
                r.insert("days".into(), json!(days));
            }
            (_, PatternTypeSpecific::Month(d)) => {
                r.insert("unit".into(), json!("month"));
                r.insert("every".into(), json!(p.period));
                r.insert(
                    "monthday".into(),
                    json!(if p.pattern_type.value() == 4 { 31 } else { d }),
                );
            }
            (_, PatternTypeSpecific::MonthNth { days, n }) => {
                r.insert("unit".into(), json!("month"));
                r.insert("every".into(), json!(p.period));
                let days: Vec<u8> = (0..7).filter(|w| days.has_weekday(*w)).collect();
                r.insert("days".into(), json!(days));
                r.insert("nth".into(), json!(n.value()));
            }
            _ => {}
        }
        r.insert(
            "count".into(),
            if p.end_type.value() == 0x2022 {
                json!(p.occurrence_count)
            } else {
                Value::Null
            },
        );
        r.insert("until".into(), json!(p.end_type.value() == 0x2021));
        master.rrule = Some(Value::Object(r));
        let exception_days: Vec<u32> = arp
            .exception_info
            .iter()
            .map(|e| e.original_start_date - e.original_start_date % 1440)
            .collect();
        for d in &p.deleted_instance_dates {
            if exception_days.contains(d) {
                continue;
            }
            let local = i64::from(*d) + i64::from(arp.start_time_offset);
            master.exdates.push(utc_minutes(tz.local_to_utc(local)));
        }
        master.exdates.sort();
        for (i, e) in arp.exception_info.iter().enumerate() {
            let cp = msox_codec::CodePage(1252);
            out.push(View {
                uid: uid.clone(),
                recurrence_id: Some(utc_minutes(
                    tz.local_to_utc(i64::from(e.original_start_date)),
                )),
                summary: arp.exception_subject(i, cp).or_else(|| m.subject()),
                start: Some(utc_minutes(tz.local_to_utc(i64::from(e.start_date_time)))),
                end: Some(utc_minutes(tz.local_to_utc(i64::from(e.end_date_time)))),
                rrule: None,
                exdates: Vec::new(),
                organizer: None,
                attendees: Vec::new(),
                exception: true,
            });
        }
    }
    out.insert(0, master);
    let _ = MINUTES_PER_DAY;
    out
}

/// Compares one view with an ics_check.py event; returns the differences.
pub fn compare_with_expectation(v: &View, e: &Value) -> Vec<String> {
    let mut diffs = Vec::new();
    let known = e["tzid_known"].as_bool().unwrap_or(true);
    let s = |k: &str| e.get(k).and_then(when_text);
    if known {
        if v.start != s("start") {
            diffs.push(format!("start {:?} != {:?}", v.start, s("start")));
        }
        if v.end != s("end") {
            diffs.push(format!("end {:?} != {:?}", v.end, s("end")));
        }
        if v.recurrence_id != s("recurrence_id") {
            diffs.push(format!(
                "recurrence_id {:?} != {:?}",
                v.recurrence_id,
                s("recurrence_id")
            ));
        }
    }
    if v.exception {
        if v.summary.as_deref() != e["summary"].as_str() && !e["summary"].is_null() {
            diffs.push(format!("summary {:?} != {:?}", v.summary, e["summary"]));
        }
        return diffs;
    }
    if v.summary.as_deref() != e["summary"].as_str() {
        diffs.push(format!("summary {:?} != {:?}", v.summary, e["summary"]));
    }
    match (&v.rrule, e.get("rrule").filter(|r| !r.is_null())) {
        (None, None) => {}
        (Some(a), Some(b)) => {
            let mut b = b.clone();
            if let Some(o) = b.as_object_mut() {
                o.retain(|_, x| !x.is_null());
            }
            let mut a = a.clone();
            if let Some(o) = a.as_object_mut() {
                o.retain(|_, x| !x.is_null());
            }
            if a != b {
                diffs.push(format!("rrule {a} != {b}"));
            }
        }
        (a, b) => diffs.push(format!("rrule {a:?} != {b:?}")),
    }
    if known {
        let ex: Vec<String> = e["exdates"]
            .as_array()
            .map(|a| a.iter().filter_map(when_text).collect())
            .unwrap_or_default();
        let mut ex = ex;
        ex.sort();
        ex.dedup();
        if v.exdates != ex {
            diffs.push(format!("exdates {:?} != {:?}", v.exdates, ex));
        }
    }
    let org = e["organizer"].as_str().map(str::to_string);
    if v.organizer != org {
        diffs.push(format!("organizer {:?} != {:?}", v.organizer, org));
    }
    let mut att: Vec<(String, String)> = e["attendees"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|x| {
                    (
                        x[0].as_str().unwrap_or("").to_string(),
                        normalize_partstat(x[1].as_str().unwrap_or("")).to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    att.sort();
    if v.attendees != att {
        diffs.push(format!("attendees {:?} != {:?}", v.attendees, att));
    }
    diffs
}

/// The key events are matched by.
pub fn key(uid: Option<&str>, rid: Option<String>) -> (String, Option<String>) {
    (uid.map(uid_key).unwrap_or_default(), rid)
}

/// Calendar items of the corpus: (name, message).
pub fn calendar_items() -> Vec<(String, Message)> {
    let mut out = Vec::new();
    for e in msox_testkit::corpus::files("tnef", &[".tnef", ".dat"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let Ok(read) = ms_oxtnef::to_message(&bytes, &Options::lenient()) else {
            continue;
        };
        if is_calendar(&read.value) {
            out.push((format!("tnef-{}", stem(&e.file)), read.value));
        }
    }
    for e in msox_testkit::corpus::files("msg", &[".msg"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let Ok(read) =
            <ms_oxmsg::MsgFile as msox_codec::Decode>::decode_bytes(&bytes, &Options::lenient())
        else {
            continue;
        };
        if is_calendar(&read.value.message) {
            out.push((format!("msg-{}", stem(&e.file)), read.value.message));
        }
    }
    out
}

pub fn stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

pub fn is_calendar(m: &Message) -> bool {
    let c = m.message_class().unwrap_or_default().to_ascii_lowercase();
    (c.starts_with("ipm.schedule.meeting") || c.starts_with("ipm.appointment"))
        && start_of(m).is_some()
}

/// PidLidAppointmentStartWhole, or PidTagStartDate (older clients).
pub fn start_of(m: &Message) -> Option<ms_dtyp::FileTime> {
    m.appointment_start_whole().or_else(|| {
        m.properties
            .get(ms_oxprops::tags::PidTagStartDate)
            .and_then(ms_oxcdata::PropertyValue::as_time)
    })
}

pub fn end_of(m: &Message) -> Option<ms_dtyp::FileTime> {
    m.appointment_end_whole().or_else(|| {
        m.properties
            .get(ms_oxprops::tags::PidTagEndDate)
            .and_then(ms_oxcdata::PropertyValue::as_time)
    })
}
