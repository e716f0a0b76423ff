//! ms-oxcical: iCalendar to Calendar-object messages and back. No crate
//! on crates.io converts iCalendar to the MAPI model, so there is no peer.
//!
//! Inputs:
//! - `corpus-ical`: every file of `ical/` (Outlook, Exchange, CDO and other
//!   writers' .ics, one vCalendar 1.0 .vcs; 43 files, a few KB each) that
//!   imports in lenient mode, converted one after the other (throughput
//!   over their total size) when the corpus is there;
//! - `generated-300-events`: a calendar written here, one VTIMEZONE (W.
//!   Europe) and 300 VEVENTs, each a weekly series with two attendees, an
//!   organizer, a description and a reminder (always timed).
//!
//! Groups: `oxcical_import` ([`ics_to_messages`], throughput over the
//! input), `oxcical_export` (the imported messages written back with
//! [`messages_to_ics`], file by file; throughput over the text written).
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench oxcical -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcical::{IcsOptions, ics_to_messages, messages_to_ics};
use ms_oxcmsg::Message;
use msox_codec::Options;
use std::hint::black_box;

fn generated(events: usize) -> Vec<u8> {
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//msox//bench//EN\r\nMETHOD:PUBLISH\r\n\
BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n\
BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n\
DTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n",
    );
    for i in 0..events {
        let day = 1 + i % 28;
        s.push_str(&format!(
            "BEGIN:VEVENT\r\nUID:bench-event-{i}@example.com\r\nSUMMARY:Team meeting {i}\r\n\
DESCRIPTION:Agenda: status\\, plans and questions for week {i}.\r\n\
LOCATION:Room {i}\r\nORGANIZER;CN=Ann Organizer:mailto:ann@example.com\r\n\
ATTENDEE;CN=Bob;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:bob@example.com\r\n\
ATTENDEE;CN=Carol;ROLE=OPT-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:carol@example.com\r\n\
DTSTART;TZID=W. Europe Standard Time:202403{day:02}T090000\r\n\
DTEND;TZID=W. Europe Standard Time:202403{day:02}T093000\r\n\
RRULE:FREQ=WEEKLY;COUNT=20;BYDAY=MO,TH;WKST=MO\r\n\
DTSTAMP:20240301T120000Z\r\nSEQUENCE:0\r\nTRANSP:OPAQUE\r\nCLASS:PUBLIC\r\n\
BEGIN:VALARM\r\nTRIGGER:-PT15M\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\n\
END:VEVENT\r\n"
        ));
    }
    s.push_str("END:VCALENDAR\r\n");
    s.into_bytes()
}

fn inputs() -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let mut v = vec![("generated-300-events", vec![generated(300)])];
    let mut files = msox_testkit::corpus::files("ical", &[".ics", ".vcs"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let corpus: Vec<Vec<u8>> = files
        .into_iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .filter(|b| ics_to_messages(b, &Options::lenient()).is_ok())
        .collect();
    if !corpus.is_empty() {
        v.push(("corpus-ical", corpus));
    }
    v
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let inputs = inputs();
    let mut g = c.benchmark_group("oxcical_import");
    for (name, files) in &inputs {
        let size: usize = files.iter().map(Vec::len).sum();
        let msgs: usize = files
            .iter()
            .map(|b| ics_to_messages(b, &opts).unwrap().value.len())
            .sum();
        eprintln!(
            "{name}: {} files, {size} bytes, {msgs} messages",
            files.len()
        );
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), files, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|b| ics_to_messages(black_box(b), &opts).unwrap().value.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let ics = IcsOptions::default();
    let mut g = c.benchmark_group("oxcical_export");
    for (name, files) in &inputs {
        // Messages of the files whose messages export.
        let sets: Vec<Vec<Message>> = files
            .iter()
            .map(|b| ics_to_messages(b, &opts).unwrap().value)
            .filter(|m| !m.is_empty() && messages_to_ics(m, &ics).is_ok())
            .collect();
        let size: usize = sets
            .iter()
            .map(|m| messages_to_ics(m, &ics).unwrap().value.len())
            .sum();
        eprintln!("{name}: {} calendars export, {size} bytes", sets.len());
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), &sets, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|m| messages_to_ics(black_box(m), &ics).unwrap().value.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
