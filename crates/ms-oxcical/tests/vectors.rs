//! test-vectors/oxcical/*.hex: hand-made iCalendar streams in the forms
//! Outlook and Exchange write (the spec's section 4 examples were not
//! found in a form that could be transcribed; see the crate docs). Each
//! decodes strictly, re-encodes to the same content lines (the same text
//! once unfolded), and imports to what its `# expect-*` lines say.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxcdata::PropertyValue;
use ms_oxcical::contentline::Document;
use ms_oxcical::{IcsOptions, ics_to_messages, message_to_ics};
use ms_oxocal::{AppointmentProperties, BusyStatus, ExpandOptions};
use ms_oxprops::named;
use msox_codec::{Decode, Encode, Options};
use msox_testkit::vectors;

fn unfold(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap().replace("\r\n ", "")
}

#[test]
fn vectors_decode_strictly_and_re_encode_to_the_same_lines() {
    let vs = vectors("oxcical");
    assert!(vs.len() >= 4);
    for v in vs.iter().filter(|v| !v.name.starts_with("error-")) {
        let doc = Document::decode_exact(&v.bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let out = doc.to_vec().unwrap();
        assert_eq!(unfold(&out), unfold(&v.bytes), "{}", v.name);
        assert_eq!(Document::decode_exact(&out).unwrap(), doc);
        let read = ics_to_messages(&v.bytes, &Options::strict())
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        let class = v.meta("expect-class");
        assert_eq!(
            read.value[0].message_class().as_deref(),
            Some(class),
            "{}",
            v.name
        );
        // and our export of it imports strictly too
        let again = message_to_ics(
            &read.value[0],
            &IcsOptions {
                options: Options::strict(),
                ..IcsOptions::default()
            },
        )
        .unwrap_or_else(|e| panic!("{}: export: {e}", v.name));
        ics_to_messages(again.value.as_bytes(), &Options::strict()).unwrap();
    }
}

#[test]
fn weekly_request_imports_with_its_exception_deletion_attendees_and_reminder() {
    let v = msox_testkit::vector("oxcical", "request-weekly");
    let m = &ics_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    assert_eq!(m.subject().as_deref(), Some("Design review"));
    assert_eq!(m.location().as_deref(), Some("Room 4"));
    assert_eq!(m.busy_status(), Some(BusyStatus::Tentative));
    assert_eq!(m.intended_busy_status(), Some(BusyStatus::Busy));
    assert_eq!(m.recipients.len(), 3, "organizer and two attendees");
    assert_eq!(
        m.properties.get_named(&named::PidLidReminderDelta),
        Some(&PropertyValue::Integer32(15))
    );
    let x = m
        .occurrences(&Options::strict(), &ExpandOptions::default())
        .unwrap()
        .unwrap();
    let starts: Vec<String> = x.occurrences.iter().map(|o| o.start.to_string()).collect();
    // Mar 14 and 28 in CET (UTC+1); Mar 21 deleted; Apr 4 moved to Apr 5 14:00 CEST; Apr 11, 18 in CEST
    assert_eq!(
        starts,
        [
            "2024-03-14T09:00:00Z",
            "2024-03-28T09:00:00Z",
            "2024-04-05T12:00:00Z",
            "2024-04-11T08:00:00Z",
            "2024-04-18T08:00:00Z"
        ]
    );
    assert_eq!(v.meta("expect-occurrences"), starts.len().to_string());
    let arp = m
        .appointment_recur(&Options::strict())
        .unwrap()
        .unwrap()
        .value;
    assert_eq!(
        arp.exception_subject(0, msox_codec::CodePage(1252))
            .as_deref(),
        Some("Design review (moved)")
    );
    assert_eq!(m.attachments.len(), 1, "the exception's embedded message");
}

#[test]
fn third_party_uid_and_all_day_and_task_vectors() {
    let v = msox_testkit::vector("oxcical", "reply-accepted");
    let m = &ics_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    let goid = m
        .global_object_id(&Options::strict())
        .unwrap()
        .unwrap()
        .value;
    assert_eq!(goid.to_ical_uid(), "third-party-uid-42@example.com");
    assert_eq!(m.appointment_sequence(), Some(2));

    let v = msox_testkit::vector("oxcical", "cancel-allday");
    let m = &ics_to_messages(&v.bytes, &Options::strict()).unwrap().value[0];
    assert_eq!(m.all_day(), Some(true));
    assert_eq!(m.appointment_duration(), Some(2 * 1440));
    assert_eq!(
        m.properties.get_named(&named::PidNameKeywords),
        Some(&PropertyValue::MultipleString(vec![
            "Team".into(),
            "Travel, far".into()
        ]))
    );
    let out = message_to_ics(m, &IcsOptions::default()).unwrap().value;
    assert!(out.contains("DTSTART;VALUE=DATE:20240610\r\n"), "{out}");
    assert!(out.contains("CATEGORIES:Team,Travel\\, far\r\n"), "{out}");

    let v = msox_testkit::vector("oxcical", "todo");
    let read = ics_to_messages(&v.bytes, &Options::strict()).unwrap();
    let m = &read.value[0];
    assert_eq!(m.subject().as_deref(), Some("File the report"));
    let p = m
        .task_recurrence(&Options::strict())
        .unwrap()
        .unwrap()
        .value;
    assert_eq!(p.occurrence_count, 3);
    let out = message_to_ics(m, &IcsOptions::default()).unwrap().value;
    assert!(
        out.contains("BEGIN:VTODO\r\n") && out.contains("PERCENT-COMPLETE:40\r\n"),
        "{out}"
    );
}

#[test]
fn by_value_attachments_travel_as_inline_attach() {
    use ms_oxcmsg::{Attachment, Message};
    let mut m = Message::new("IPM.Appointment");
    m.set_subject("With agenda");
    m.set_appointment_start_whole(ms_dtyp::FileTime::from_unix_seconds(1_700_000_000));
    m.set_appointment_end_whole(ms_dtyp::FileTime::from_unix_seconds(1_700_003_600));
    let mut a = Attachment::by_value(
        "agenda; v2.txt",
        Vec::from(&b"1. intro\r\n2. budget\x00\xff"[..]),
    );
    a.properties
        .set_str(ms_oxprops::tags::PidTagAttachMimeTag, "text/plain");
    m.attachments.push(a);
    let out = message_to_ics(
        &m,
        &IcsOptions {
            options: Options::strict(),
            ..IcsOptions::default()
        },
    )
    .unwrap();
    assert!(
        out.value.replace("\r\n ", "").contains(
            "ATTACH;VALUE=BINARY;ENCODING=BASE64;FMTTYPE=text/plain;X-FILENAME=\"agenda; v2.txt\":"
        ),
        "{}",
        out.value
    );
    let b = &ics_to_messages(out.value.as_bytes(), &Options::strict())
        .unwrap()
        .value[0];
    assert_eq!(
        b.attachments[0].file_name().as_deref(),
        Some("agenda; v2.txt")
    );
    assert_eq!(b.attachments[0].data(), m.attachments[0].data());
    assert_eq!(b.attachments[0].mime_type().as_deref(), Some("text/plain"));
}

#[test]
fn error_vectors_fail_where_their_err_files_say() {
    let mut n = 0;
    for v in vectors("oxcical") {
        if v.check_expected_error(|b, o| msox_testkit::hostile::outcome(ics_to_messages(b, o))) {
            n += 1;
        }
    }
    assert_eq!(n, 3);
}
