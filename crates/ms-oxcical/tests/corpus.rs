//! The real iCalendar files of ../shared/corpus/ical (Outlook, Exchange,
//! CDO and other producers): every file imports; the events are those
//! Python icalendar 7.3.0 reads (the expectations in
//! test-vectors/oxcical/corpus/*.expect.json, made once with
//! scripts/peers/ics_check.py, see test-vectors/oxcical/README.md); and
//! our export re-imports, strictly, to the same events.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

mod common;

use common::{View, compare_with_expectation, uid_key, views, when_text};
use ms_oxcical::{IcsOptions, ics_to_messages, messages_to_ics};
use msox_codec::Options;
use msox_testkit::{corpus, workspace_root};
use serde_json::Value;

fn expectation(stem: &str) -> Option<Value> {
    let p = workspace_root().join(format!("test-vectors/oxcical/corpus/{stem}.expect.json"));
    let text = std::fs::read_to_string(p).ok()?;
    serde_json::from_str(&text).ok()
}

fn stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

#[test]
fn every_corpus_file_imports_as_python_icalendar_reads_it() {
    let files = corpus::files("ical", &[".ics", ".vcs"]);
    let mut failures = Vec::new();
    let mut compared = 0;
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let read = ics_to_messages(&bytes, &Options::lenient())
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let ours: Vec<View> = read.value.iter().flat_map(views).collect();
        let Some(exp) = expectation(&stem(&e.file)) else {
            eprintln!("{}: no expectation (not an .ics Python reads)", e.file);
            continue;
        };
        if let Some(err) = exp.get("error") {
            eprintln!(
                "{}: Python icalendar cannot read it ({err}); imported {} objects",
                e.file,
                read.value.len()
            );
            continue;
        }
        let events = exp["events"].as_array().unwrap();
        if events.len() != ours.len() {
            failures.push(format!(
                "{}: {} events, Python reads {}",
                e.file,
                ours.len(),
                events.len()
            ));
            continue;
        }
        let mut used = vec![false; ours.len()];
        for ev in events {
            let k = ev["uid"].as_str().map(uid_key).unwrap_or_default();
            let rid = ev.get("recurrence_id").and_then(when_text);
            let known = ev["tzid_known"].as_bool().unwrap_or(true);
            let found = ours.iter().enumerate().position(|(i, v)| {
                !used[i]
                    && v.uid.as_deref().map(uid_key).unwrap_or_default() == k
                    && (v.recurrence_id.is_some() == rid.is_some())
                    && (!known || v.recurrence_id == rid)
            });
            let Some(i) = found else {
                failures.push(format!("{}: no event for {} {:?}", e.file, k, rid));
                continue;
            };
            used[i] = true;
            compared += 1;
            for d in compare_with_expectation(&ours[i], ev) {
                failures.push(format!("{} {:?}: {d}", e.file, ev["summary"]));
            }
        }
    }
    if !files.is_empty() {
        eprintln!("{compared} events compared with Python icalendar");
        assert!(compared > 300, "only {compared} events compared");
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_corpus_file_exports_and_reimports_strictly_to_the_same_events() {
    let mut failures = Vec::new();
    for e in corpus::files("ical", &[".ics", ".vcs"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let read = ics_to_messages(&bytes, &Options::lenient()).unwrap();
        let out = messages_to_ics(&read.value, &IcsOptions::default())
            .unwrap_or_else(|err| panic!("{}: export: {err}", e.file));
        if let Ok(dir) = std::env::var("MSOX_OXCICAL_EXPORT_DIR") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(format!("{dir}/{}.ics", stem(&e.file)), &out.value).unwrap();
        }
        // Our export re-imports strictly, unless the source itself had a
        // defect our export carries on (a VEVENT without DTSTART stays one).
        let back = match ics_to_messages(out.value.as_bytes(), &Options::strict()) {
            Ok(b) => b,
            Err(err) => {
                let kinds: Vec<String> = read
                    .defects
                    .iter()
                    .map(|d| d.error().kind().to_string())
                    .collect();
                let back = ics_to_messages(out.value.as_bytes(), &Options::lenient()).unwrap();
                let new: Vec<String> = back
                    .defects
                    .iter()
                    .map(|d| d.error().kind().to_string())
                    .filter(|k| !kinds.contains(k))
                    .collect();
                if !new.is_empty() {
                    failures.push(format!(
                        "{}: our export does not re-import strictly: {err}; new defects {new:?}",
                        e.file
                    ));
                    continue;
                }
                back
            }
        };
        let mut a: Vec<View> = read.value.iter().flat_map(views).collect();
        let mut b: Vec<View> = back.value.iter().flat_map(views).collect();
        let sort = |v: &mut Vec<View>| {
            v.sort_by(|x, y| {
                (&x.uid, &x.recurrence_id, &x.start).cmp(&(&y.uid, &y.recurrence_id, &y.start))
            })
        };
        sort(&mut a);
        sort(&mut b);
        if a.len() != b.len() {
            failures.push(format!(
                "{}: {} events, {} after export",
                e.file,
                a.len(),
                b.len()
            ));
            continue;
        }
        for (x, y) in a.iter().zip(&b) {
            if x != y {
                failures.push(format!("{}: {x:?}\n   after export: {y:?}", e.file));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} differences:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
