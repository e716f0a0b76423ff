//! Meeting requests and appointments read from TNEF (ms-oxtnef) and .msg
//! (ms-oxmsg) files of the corpus, exported to iCalendar:
//!
//! - the fields ytnef 2.0.0 writes for the same TNEF files agree with ours
//!   (UID as the same meeting, LOCATION, DTSTAMP, and DTSTART / DTEND /
//!   RRULE / ATTENDEE where ytnef writes them; expectations made with
//!   `scripts/peers/ics_check.py ytnef`, in test-vectors/oxcical/tnef);
//! - our DTSTART / DTEND are the object's PidLidAppointmentStartWhole /
//!   EndWhole, every recipient with an SMTP address is an ATTENDEE or the
//!   ORGANIZER, a recurring object has an RRULE, and re-importing the
//!   export gives the same occurrences (the first 50, ms-oxocal) as the
//!   object's own PidLidAppointmentRecur. (The same series are compared
//!   with recurring-ical-events in tests/expand.rs.)
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod common;

use common::{calendar_items, end_of, start_of, stem, utc};
use ms_oxcical::{IcsOptions, ics_to_messages, message_to_ics};
use ms_oxcmsg::Message;
use ms_oxocal::{AppointmentProperties, ExpandOptions, GlobalObjectId};
use msox_codec::Options;
use msox_testkit::{corpus, workspace_root};
use serde_json::Value;

#[test]
fn tnef_meeting_requests_agree_with_ytnef() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for e in corpus::files("tnef", &[".tnef", ".dat"]) {
        let p = workspace_root().join(format!(
            "test-vectors/oxcical/tnef/{}.ytnef.json",
            stem(&e.file)
        ));
        let Ok(text) = std::fs::read_to_string(&p) else {
            continue;
        };
        let exp: Value = serde_json::from_str(&text).unwrap();
        let bytes = std::fs::read(&e.path).unwrap();
        let m = ms_oxtnef::to_message(&bytes, &Options::lenient())
            .unwrap()
            .value;
        let theirs = exp["events"].as_array().unwrap();
        if theirs.is_empty() {
            // ytnef writes no calendar for it (a response); we may
            continue;
        }
        let out = message_to_ics(&m, &IcsOptions::default()).unwrap().value;
        let ours = ics_to_messages(out.as_bytes(), &Options::strict())
            .unwrap_or_else(|err| panic!("{}: {err}\n{out}", e.file))
            .value;
        let t = &theirs[0];
        let o = &ours[0];
        compared += 1;
        if let Some(uid) = t["UID"].as_str() {
            let mine = o
                .clean_global_object_id(&Options::strict())
                .unwrap()
                .unwrap()
                .value;
            if !GlobalObjectId::from_ical_uid(uid).same_series(&mine) {
                failures.push(format!(
                    "{}: UID {uid} names another meeting than ours {}",
                    e.file,
                    mine.to_ical_uid()
                ));
            }
        }
        if let Some(loc) = t["LOCATION"].as_str()
            && o.location().unwrap_or_default().trim() != loc.trim()
        {
            failures.push(format!(
                "{}: LOCATION {:?} != {:?}",
                e.file,
                o.location(),
                loc
            ));
        }
        if let Some(stamp) = t.get("DTSTAMP").and_then(common::when_text) {
            let ours = out
                .lines()
                .find_map(|l| l.strip_prefix("DTSTAMP:"))
                .map(|v| {
                    format!(
                        "{}-{}-{}T{}:{}:{}Z",
                        &v[0..4],
                        &v[4..6],
                        &v[6..8],
                        &v[9..11],
                        &v[11..13],
                        &v[13..15]
                    )
                });
            if ours.as_deref() != Some(stamp.as_str()) {
                failures.push(format!("{}: DTSTAMP {ours:?} != ytnef {stamp}", e.file));
            }
        }
        for k in ["DTSTART", "DTEND"] {
            if let Some(v) = t.get(k).and_then(common::when_text) {
                let mine = if k == "DTSTART" {
                    o.appointment_start_whole()
                } else {
                    o.appointment_end_whole()
                };
                if mine.map(utc).as_deref() != Some(v.as_str()) {
                    failures.push(format!("{}: {k} {:?} != ytnef {v}", e.file, mine.map(utc)));
                }
            }
        }
    }
    if corpus::dir().is_some() {
        assert!(compared >= 8, "only {compared} TNEF files compared");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tnef_and_msg_calendar_items_export_what_they_hold() {
    let items = calendar_items();
    let mut failures = Vec::new();
    let mut recurring = 0;
    for (name, m) in &items {
        let (out, reported) = match message_to_ics(m, &IcsOptions::default()) {
            Ok(o) => (o.value, o.defects),
            Err(e) => {
                failures.push(format!("{name}: export: {e}"));
                continue;
            }
        };
        let back = match ics_to_messages(out.as_bytes(), &Options::strict()) {
            Ok(b) => b.value,
            Err(e) => {
                failures.push(format!(
                    "{name}: our export does not re-import strictly: {e}\n{out}"
                ));
                continue;
            }
        };
        let b = &back[0];
        let all_day = m.all_day().unwrap_or(false);
        if !all_day || m.appointment_recur(&Options::lenient()).is_none() {
            if b.appointment_start_whole() != start_of(m) {
                failures.push(format!(
                    "{name}: DTSTART {:?} != {:?}",
                    b.appointment_start_whole().map(utc),
                    start_of(m).map(utc)
                ));
            }
            if b.appointment_end_whole() != end_of(m) {
                failures.push(format!(
                    "{name}: DTEND {:?} != {:?}",
                    b.appointment_end_whole().map(utc),
                    end_of(m).map(utc)
                ));
            }
        }
        let smtp: Vec<String> = m
            .recipients
            .iter()
            .filter_map(|r| r.smtp_address().or_else(|| r.email()))
            .filter(|e| e.contains('@'))
            .map(|e| e.to_lowercase())
            .collect();
        let lower = out.to_lowercase();
        for a in smtp {
            if !lower.replace("\r\n ", "").contains(&format!("mailto:{a}")) {
                failures.push(format!(
                    "{name}: recipient {a} is not an ATTENDEE or ORGANIZER"
                ));
            }
        }
        let goid = |m: &Message| {
            m.clean_global_object_id(&Options::lenient())
                .or_else(|| m.global_object_id(&Options::lenient()))
        };
        let same_uid = match (goid(m), goid(b)) {
            (Some(Ok(x)), Some(Ok(y))) => x.value.same_series(&y.value),
            (None, None) => true,
            // a PidLidGlobalObjectId that does not decode is reported, not written
            (Some(Err(_)), None) => reported
                .iter()
                .any(|d| d.to_string().contains("GlobalObjectId")),
            _ => false,
        };
        if !same_uid {
            failures.push(format!("{name}: UID does not name the same meeting"));
        }
        if let Some(Ok(x)) = m.occurrences(
            &Options::lenient(),
            &ExpandOptions::default().with_max_occurrences(50),
        ) {
            recurring += 1;
            if !out.contains("\r\nRRULE:") {
                failures.push(format!("{name}: recurring, no RRULE"));
            }
            let y = b
                .occurrences(
                    &Options::lenient(),
                    &ExpandOptions::default().with_max_occurrences(50),
                )
                .unwrap()
                .unwrap();
            let xs: Vec<_> = x
                .occurrences
                .iter()
                .map(|o| (utc(o.start), utc(o.end)))
                .collect();
            let ys: Vec<_> = y
                .occurrences
                .iter()
                .map(|o| (utc(o.start), utc(o.end)))
                .collect();
            if xs != ys {
                failures.push(format!(
                    "{name}: occurrences differ after export:\n  {xs:?}\n  {ys:?}"
                ));
            }
        }
    }
    if corpus::dir().is_some() {
        eprintln!("{} calendar items, {recurring} recurring", items.len());
        assert!(items.len() >= 15, "only {} calendar items", items.len());
        assert!(recurring >= 6, "only {recurring} recurring items");
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
