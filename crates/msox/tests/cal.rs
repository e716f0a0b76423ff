//! `msox cal ...` and `msox inspect` on the [MS-OXOCAL] test vectors and
//! the recurrence, time zone and Global Object ID corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

use serde_json::Value;

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

/// Exit 0, or exit 3 (read past defects in lenient mode) with the defects
/// on stderr.
fn read_ok(o: &Output) -> bool {
    o.status.success()
        || (o.status.code() == Some(3)
            && String::from_utf8_lossy(&o.stderr).contains("msox: defect: "))
}

fn ok(o: &Output) -> String {
    assert!(
        read_ok(o),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(&msox(args))).unwrap()
}

fn path(name: &str) -> String {
    msox_testkit::workspace_root()
        .join("test-vectors/oxocal")
        .join(format!("{name}.hex"))
        .to_string_lossy()
        .into_owned()
}

#[test]
fn appointment_recurrences_expand_as_the_vectors_say() {
    for v in msox_testkit::vectors("oxocal") {
        if !v.meta.contains_key("expect-starts") {
            continue;
        }
        let j = json(&["cal", "recur", &path(&v.name), "--max", "100", "--json"]);
        assert_eq!(j["kind"], "AppointmentRecurrencePattern", "{}", v.name);
        let starts: Vec<String> = j["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| {
                let mut s = o["start_local"].as_str().unwrap().to_string();
                if !o["exception"].is_null() {
                    s.push('*');
                }
                s
            })
            .collect();
        assert_eq!(starts.join(" "), v.meta("expect-starts"), "{}", v.name);
        assert_eq!(
            j["duration_minutes"].to_string(),
            v.meta("expect-duration"),
            "{}",
            v.name
        );
        assert_eq!(j["truncated"], false);
    }
}

#[test]
fn task_patterns_give_their_dates() {
    for v in msox_testkit::vectors("oxocal") {
        if !v.meta.contains_key("expect-dates") {
            continue;
        }
        let n = v.meta("expect-dates").split(' ').count().to_string();
        let j = json(&["cal", "recur", &path(&v.name), "--max", &n, "--json"]);
        assert_eq!(j["kind"], "RecurrencePattern", "{}", v.name);
        let dates: Vec<&str> = j["occurrences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| &o["start_local"].as_str().unwrap()[..10])
            .collect();
        assert_eq!(dates.join(" "), v.meta("expect-dates"), "{}", v.name);
    }
}

#[test]
fn recurrence_in_a_time_zone_window_and_text() {
    let rec = path("arp-4.1.1.1-weekly-without-exceptions");
    let tz = path("tzdef-4.1.4-pacific");
    let j = json(&["cal", "recur", &rec, "--tz", &tz, "--max", "2", "--json"]);
    assert_eq!(j["time_zone"], "Pacific Standard Time");
    assert_eq!(j["occurrences"][0]["start"], "2007-03-26T17:00:00Z"); // PDT
    assert_eq!(j["occurrences"][0]["start_local"], "2007-03-26T10:00");
    assert_eq!(j["truncated"], true);
    assert_eq!(j["pattern"]["days_of_week"][0], "Monday");
    assert_eq!(j["pattern"]["end_type"], "END_AFTER_N_OCCURRENCES");
    // a UTC window
    let j = json(&[
        "cal",
        "recur",
        &rec,
        "--tz",
        &tz,
        "--from",
        "2007-04-10",
        "--to",
        "2007-04-14T00:00Z",
        "--json",
    ]);
    let starts: Vec<&str> = j["occurrences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start_local"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2007-04-12T10:00", "2007-04-13T10:00"]);
    // a TZREG zone
    let j = json(&[
        "cal",
        "recur",
        &rec,
        "--tzreg",
        &path("tzreg-hand-made-eastern-2007"),
        "--max",
        "1",
        "--json",
    ]);
    assert_eq!(j["occurrences"][0]["start"], "2007-03-26T14:00:00Z"); // EDT
    let text = ok(&msox(&[
        "cal",
        "recur",
        &path("arp-4.1.1.2-weekly-with-exceptions"),
        "--max",
        "12",
    ]));
    assert!(text.starts_with("AppointmentRecurrencePattern\n"), "{text}");
    assert!(
        text.contains("subject: Simple Recurrence with exceptions"),
        "{text}"
    );
    assert!(text.contains("(exception 0)"), "{text}");
    // bad arguments
    for bad in [
        vec!["cal", "recur", &rec, "--from", "2007-13-01"],
        vec![
            "cal",
            "recur",
            &rec,
            "--from",
            "2007-04-10",
            "--to",
            "2007-04-01",
        ],
        vec!["cal", "recur", &rec, "--tz", &tz, "--tzreg", &tz],
    ] {
        assert_eq!(msox(&bad).status.code(), Some(2), "{bad:?}");
    }
}

#[test]
fn patterns_that_cannot_expand_still_show() {
    for v in msox_testkit::vectors("oxocal") {
        if !v.meta.contains_key("expect-expand-error") {
            continue;
        }
        let j = json(&["cal", "recur", &path(&v.name), "--json"]);
        assert_eq!(
            j["expansion_error"].as_str().unwrap(),
            v.meta("expect-expand-error"),
            "{}",
            v.name
        );
        if let Some(c) = v.meta.get("expect-calendar") {
            assert_eq!(j["pattern"]["calendar_type"], c.as_str());
        }
    }
}

#[test]
fn error_vectors_exit_1_with_the_offset() {
    for v in msox_testkit::vectors("oxocal") {
        let Some(e) = &v.expected_error else { continue };
        let cmd = match v.meta("type") {
            "GlobalObjectId" => "goid",
            "TzDefinition" => "tz",
            _ => "recur",
        };
        let file = path(&v.name);
        // strict: an error, one line, at the offset
        let o = msox(&["--strict", "cal", cmd, &file]);
        assert_eq!(o.status.code(), Some(1), "{}", v.name);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        if let Some(off) = e.offset {
            assert!(
                err.contains(&format!(" at byte {off}")),
                "{}: {err}",
                v.name
            );
        }
        // lenient: a defect on stderr where lenient decoding reads past it
        let o = msox(&["cal", cmd, &file]);
        let err = String::from_utf8_lossy(&o.stderr);
        if o.status.code() == Some(3) {
            assert!(err.starts_with("msox: defect: "), "{}: {err}", v.name);
        } else {
            assert_ne!(e.mode, "lenient", "{}", v.name);
        }
    }
}

#[test]
fn goids_and_uids_both_ways() {
    for v in msox_testkit::vectors("oxocal") {
        if !v.meta.contains_key("expect-uid") {
            continue;
        }
        let j = json(&["cal", "goid", &path(&v.name), "--json"]);
        assert_eq!(j["ical_uid"], v.meta("expect-uid"), "{}", v.name);
        let instance = v.meta("expect-instance");
        if instance == "-" {
            assert!(j["instance_date"].is_null());
        } else {
            assert_eq!(j["instance_date"], instance);
        }
        // back from the UID: the clean form (or the vCal-Uid form)
        let back = json(&["cal", "goid", "--uid", v.meta("expect-uid"), "--json"]);
        assert_eq!(back["ical_uid"], v.meta("expect-uid"));
        assert_eq!(back["bytes"], j["clean_global_object_id"], "{}", v.name);
    }
    let j = json(&["cal", "goid", "--uid", "abc@example.com", "--json"]);
    assert_eq!(j["third_party_uid"], "abc@example.com");
    let text = ok(&msox(&["cal", "goid", &path("goid-exception-example")]));
    assert!(text.contains("instance_date: 2008-03-25"), "{text}");
    assert!(
        text.contains("creation_time: 2008-02-20T17:16:51"),
        "{text}"
    );
    assert_eq!(msox(&["cal", "goid"]).status.code(), Some(2));
    assert_eq!(
        msox(&["cal", "goid", "00", "--uid", "x"]).status.code(),
        Some(2)
    );
}

#[test]
fn time_zones_and_their_transitions() {
    let j = json(&[
        "cal",
        "tz",
        &path("tzdef-4.1.4-pacific"),
        "--year",
        "2007",
        "--json",
    ]);
    assert_eq!(j["kind"], "TZDEFINITION");
    assert_eq!(j["key_name"], "Pacific Standard Time");
    let t = j["transitions"].as_array().unwrap();
    assert_eq!(t.len(), 2);
    assert_eq!(t[0]["utc"], "2007-03-11T10:00:00Z");
    assert_eq!(t[0]["offset_after"], "UTC-07:00");
    assert_eq!(t[1]["utc"], "2007-11-04T09:00:00Z");
    // the 2006 rule: first Sunday of April, last Sunday of October
    let j = json(&[
        "cal",
        "tz",
        &path("tzdef-4.1.4-pacific"),
        "--year",
        "2006",
        "--json",
    ]);
    let t = j["transitions"].as_array().unwrap();
    assert_eq!(t[0]["local_before"], "2006-04-02T02:00");
    assert_eq!(t[1]["local_before"], "2006-10-29T02:00");
    let j = json(&[
        "cal",
        "tz",
        &path("tzreg-hand-made-eastern-2007"),
        "--year",
        "2024",
        "--json",
    ]);
    assert_eq!(j["kind"], "TZREG");
    assert_eq!(j["transitions"][0]["utc"], "2024-03-10T07:00:00Z");
    let text = ok(&msox(&[
        "cal",
        "tz",
        &path("tzdef-4.1.4-pacific"),
        "--year",
        "2007",
    ]));
    assert!(
        text.contains("daylight_date: second Sunday of March at 02:00"),
        "{text}"
    );
    assert!(text.contains("transitions in 2007"), "{text}");
}

#[test]
fn inspect_recognises_recurrences_and_goids() {
    let dir = std::env::temp_dir().join(format!("msox-cal-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, format) in [
        ("arp-4.1.1.3-daily-with-exceptions", "recurrence"),
        ("rp-hand-made-month-day-31", "recurrence"),
        ("goid-exception-example", "goid"),
    ] {
        let p = dir.join(format!("{name}.bin"));
        std::fs::write(&p, msox_testkit::vector("oxocal", name).bytes).unwrap();
        let text = ok(&msox(&["inspect", p.to_str().unwrap()]));
        assert!(text.starts_with(&format!("{format} — ")), "{name}: {text}");
    }
    // a GOID whose Size disagrees with the length is not claimed
    let mut b = msox_testkit::vector("oxocal", "goid-exception-example").bytes;
    b.push(0);
    let p = dir.join("goid-long.bin");
    std::fs::write(&p, b).unwrap();
    assert_eq!(
        msox(&["inspect", p.to_str().unwrap()]).status.code(),
        Some(1)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn corpus_recurrences_time_zones_goids() {
    let files = msox_testkit::corpus::files("other", &[".bin", ".tzd"]);
    if files.is_empty() {
        return; // corpus absent (reported)
    }
    let (mut rec, mut tz, mut goid) = (0, 0, 0);
    for e in files {
        let p = e.path.to_str().unwrap();
        if e.file.starts_with("other/recurrence/") {
            let o = msox(&["cal", "recur", p, "--json"]);
            if e.file.contains("crash") {
                continue; // OpenChange's crash reproducers may be refused
            }
            let j: Value = serde_json::from_str(&ok(&o)).unwrap();
            assert!(j["pattern"]["start_date"].is_string(), "{}", e.file);
            rec += 1;
        } else if e.file.starts_with("other/tzdef/") || e.file.starts_with("other/tzstruct/") {
            let j: Value =
                serde_json::from_str(&ok(&msox(&["cal", "tz", p, "--year", "2020", "--json"])))
                    .unwrap();
            assert!(j["transitions"].is_array(), "{}", e.file);
            tz += 1;
        } else if e.file.starts_with("other/goid/") {
            let j: Value = serde_json::from_str(&ok(&msox(&["cal", "goid", p, "--json"]))).unwrap();
            assert_eq!(j["byte_array_id_ok"], true, "{}", e.file);
            let text = ok(&msox(&["inspect", p]));
            assert!(text.starts_with("goid"), "{}: {text}", e.file);
            goid += 1;
        }
    }
    assert!(rec >= 10 && tz >= 20 && goid >= 5, "{rec} {tz} {goid}");
}
