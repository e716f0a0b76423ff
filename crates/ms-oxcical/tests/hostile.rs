//! Hostile input: the testkit's hostile suite (truncations, mutations, a
//! starved budget, strict and lenient) over both entry points
//! (`oxcical_contentlines`: [`Document`], `oxcical_import`:
//! [`ics_to_messages`]), and generated attacks at growing sizes: deep
//! component nesting, one huge line, a flood of properties, a VTIMEZONE
//! with thousands of observances, RRULEs that never end or count to four
//! billion. Each is refused at the caller's limits or costs no more than
//! they allow.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::time::{Duration, Instant};

use ms_oxcical::contentline::Document;
use ms_oxcical::ics_to_messages;
use msox_codec::{Decode, Limits, Options};
use msox_testkit::hostile::{Suite, outcome, samples, suite_for};

fn all() -> Vec<Vec<u8>> {
    samples("oxcical", |_| true)
}

#[test]
fn oxcical_contentlines() {
    suite_for::<Document>("oxcical_contentlines", &all());
}

#[test]
fn oxcical_import() {
    Suite::new("oxcical_import").run(&all(), |b, o| outcome(ics_to_messages(b, o)));
}

fn quick(f: impl FnOnce()) {
    let t = Instant::now();
    f();
    assert!(
        t.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn deep_nesting_is_refused_at_the_depth_limit() {
    for levels in [10usize, 1_000, 100_000] {
        let mut s = String::new();
        for _ in 0..levels {
            s.push_str("BEGIN:X\r\n");
        }
        for _ in 0..levels {
            s.push_str("END:X\r\n");
        }
        quick(|| {
            let r = ics_to_messages(s.as_bytes(), &Options::lenient());
            if levels > 64 {
                assert!(r.unwrap_err().is_limit());
            }
            let r = Document::decode_bytes(
                s.as_bytes(),
                &Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(5)),
            );
            if levels > 5 {
                assert!(r.unwrap_err().is_limit());
            }
        });
    }
}

#[test]
fn a_huge_line_is_refused_at_the_allocation_limit() {
    let mut s = String::from("BEGIN:VCALENDAR\r\nX-BIG:");
    s.push_str(&"a".repeat(20 << 20));
    s.push_str("\r\nEND:VCALENDAR\r\n");
    quick(|| {
        let limits = Limits::DEFAULT.with_max_alloc(1 << 20);
        let e = ics_to_messages(s.as_bytes(), &Options::lenient().with_limits(limits)).unwrap_err();
        assert!(e.is_limit(), "{e}");
    });
    // folded into a million continuation lines: the same
    let mut f = String::from("BEGIN:VCALENDAR\r\nX-BIG:");
    for _ in 0..1_000_000 {
        f.push_str("aaaa\r\n ");
    }
    f.push_str("a\r\nEND:VCALENDAR\r\n");
    quick(|| {
        let limits = Limits::DEFAULT.with_max_alloc(1 << 20);
        assert!(
            Document::decode_bytes(f.as_bytes(), &Options::lenient().with_limits(limits))
                .unwrap_err()
                .is_limit()
        );
    });
}

#[test]
fn a_property_flood_is_refused_at_the_item_limit() {
    let mut s = String::from("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20240101T000000Z\r\n");
    for i in 0..300_000 {
        s.push_str(&format!("ATTENDEE:mailto:a{i}@example.com\r\n"));
    }
    s.push_str("END:VEVENT\r\nEND:VCALENDAR\r\n");
    quick(|| {
        let limits = Limits::DEFAULT.with_max_items(10_000);
        assert!(
            ics_to_messages(s.as_bytes(), &Options::lenient().with_limits(limits))
                .unwrap_err()
                .is_limit()
        );
        // within default limits it is read, in time linear in its size
        let read = ics_to_messages(s.as_bytes(), &Options::lenient()).unwrap();
        assert_eq!(read.value[0].recipients.len(), 300_000);
    });
}

#[test]
fn many_observances_and_endless_rules_cost_what_the_limits_allow() {
    let mut s = String::from("BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Z\r\n");
    for y in 0..20_000 {
        s.push_str(&format!(
            "BEGIN:DAYLIGHT\r\nDTSTART:{:04}0301T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n",
            1601 + y % 8000
        ));
    }
    s.push_str("END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:u\r\nDTSTART;TZID=Z:20240101T090000\r\nRRULE:FREQ=DAILY;COUNT=4000000000\r\nEND:VEVENT\r\n");
    s.push_str("BEGIN:VEVENT\r\nUID:v\r\nDTSTART;TZID=Z:20240101T090000\r\nRRULE:FREQ=DAILY;UNTIL=99991231T000000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    quick(|| {
        let limits = Limits::DEFAULT.with_max_items(200_000);
        let r = ics_to_messages(s.as_bytes(), &Options::lenient().with_limits(limits));
        assert!(r.unwrap_err().is_limit());
    });
}

/// A line that starts with white space but continues nothing (here the
/// line after a quoted-printable value) is read without the white space,
/// with a defect: written back at a line start it would fold into the line
/// before, so the text would not read back the same (fuzz finding of the
/// CI smoke run, `oxcical_contentlines`).
#[test]
fn leading_white_space_that_continues_nothing_is_dropped() {
    let ics =
        "BEGIN:VCALENDAR\r\nX-A;ENCODING=QUOTED-PRINTABLE:a=\r\nb\r\n\tX-B:c\r\nEND:VCALENDAR\r\n";
    let d = Document::decode_bytes(ics.as_bytes(), &Options::lenient()).unwrap();
    assert!(
        d.defects
            .iter()
            .any(|x| x.to_string().contains("white space")),
        "{:?}",
        d.defects
    );
    let text = d.value.to_text();
    assert!(text.contains("\r\nX-B:c\r\n"), "{text}");
    let again = Document::decode_bytes(text.as_bytes(), &Options::lenient()).unwrap();
    assert_eq!(again.value.to_text(), text);
    assert!(Document::decode_bytes(ics.as_bytes(), &Options::strict()).is_err());
}
