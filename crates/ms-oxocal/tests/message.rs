//! The typed accessors on the `ms-oxcmsg` message model: values set
//! through them read back; the binary properties decode; the recurrence
//! time zone follows [MS-OXOCAL] 2.2.1.41 (the definition unless it
//! disagrees with PidLidTimeZoneStruct); a series expands from a message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::{FileTime, SystemTime};
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Message, PropertyBag};
use ms_oxocal::{
    AppointmentProperties, AppointmentRecurrencePattern, AppointmentStateFlags, BusyStatus,
    ChangeHighlightFlags, ExpandOptions, GlobalObjectId, MeetingType, RecurrencePattern,
    ResponseStatus, TzDefinition, TzReg,
};
use ms_oxprops::named;
use msox_codec::{CodePage, Decode, Options, String8};

fn vector(name: &str) -> Vec<u8> {
    msox_testkit::vector("oxocal", name).bytes
}

fn eastern() -> TzReg {
    let on = |m, d| SystemTime {
        w_month: m,
        w_day: d,
        w_hour: 2,
        ..SystemTime::default()
    };
    TzReg {
        bias: 300,
        daylight_bias: -60,
        standard_date: on(11, 1),
        daylight_date: on(3, 2),
        ..TzReg::default()
    }
}

fn series() -> Message {
    let mut m = Message::new("IPM.Appointment");
    let p = AppointmentRecurrencePattern::decode_exact(&vector(
        "arp-4.1.1.1-weekly-without-exceptions",
    ))
    .unwrap();
    m.set_appointment_recur(&p).unwrap();
    m.set_recurring(true);
    m
}

#[test]
fn scalar_properties_read_back() {
    let mut m = Message::new("IPM.Appointment");
    let start = FileTime::from_unix_seconds(1_700_000_000);
    m.set_appointment_start_whole(start);
    m.set_appointment_end_whole(FileTime::from_unix_seconds(1_700_003_600));
    m.set_busy_status(BusyStatus::OutOfOffice);
    m.set_all_day(true);
    m.set_location("Room 12");
    let bag = &mut m.properties;
    bag.set_named(&named::PidLidResponseStatus, PropertyValue::Integer32(3));
    bag.set_named(
        &named::PidLidAppointmentStateFlags,
        PropertyValue::Integer32(3),
    );
    bag.set_named(
        &named::PidLidMeetingType,
        PropertyValue::Integer32(0x0001_0000),
    );
    bag.set_named(
        &named::PidLidIntendedBusyStatus,
        PropertyValue::Integer32(1),
    );
    bag.set_named(
        &named::PidLidChangeHighlight,
        PropertyValue::Integer32(0x180),
    );
    bag.set_named(
        &named::PidLidAppointmentSequence,
        PropertyValue::Integer32(4),
    );
    assert_eq!(m.appointment_start_whole(), Some(start));
    assert_eq!(
        m.appointment_end_whole().unwrap().to_string(),
        "2023-11-14T23:13:20Z"
    );
    assert_eq!(m.busy_status(), Some(BusyStatus::OutOfOffice));
    assert_eq!(m.intended_busy_status(), Some(BusyStatus::Tentative));
    assert_eq!(m.all_day(), Some(true));
    assert_eq!(m.location().as_deref(), Some("Room 12"));
    assert_eq!(m.response_status(), Some(ResponseStatus::Accepted));
    assert_eq!(
        m.appointment_state_flags(),
        Some(AppointmentStateFlags::MEETING | AppointmentStateFlags::RECEIVED)
    );
    assert_eq!(m.meeting_type(), Some(MeetingType::FULL));
    assert_eq!(
        m.change_highlight(),
        Some(ChangeHighlightFlags::BODY | ChangeHighlightFlags::CUSTOM)
    );
    assert_eq!(m.appointment_sequence(), Some(4));
    assert_eq!(m.recurring(), None);
    // An 8-bit location (a .msg written without Unicode) reads too.
    m.properties.set_named(
        &named::PidLidLocation,
        PropertyValue::String8(String8::new(b"Salle 3".to_vec(), CodePage::WINDOWS_1252)),
    );
    assert_eq!(m.location().as_deref(), Some("Salle 3"));
}

#[test]
fn binary_properties_decode_and_encode() {
    let mut m = series();
    let goid = GlobalObjectId::decode_exact(&vector("goid-exception-example")).unwrap();
    m.set_global_object_id(&goid).unwrap();
    m.set_clean_global_object_id(&goid).unwrap();
    let o = Options::strict();
    assert_eq!(m.global_object_id(&o).unwrap().unwrap().value, goid);
    let clean = m.clean_global_object_id(&o).unwrap().unwrap().value;
    assert_eq!(clean.instance_date(), None);
    assert!(clean.same_series(&goid));
    let recur = m.appointment_recur(&o).unwrap().unwrap().value;
    assert_eq!(recur.recurrence_pattern.occurrence_count, 12);
    // A task's recurrence is a bare RecurrencePattern.
    let mut task = PropertyBag::new();
    task.set_task_recurrence(&recur.recurrence_pattern).unwrap();
    let back: RecurrencePattern = task.task_recurrence(&o).unwrap().unwrap().value;
    assert_eq!(back, recur.recurrence_pattern);
    // Broken bytes: an error, not a panic, not a silent None.
    m.properties.set_named(
        &named::PidLidAppointmentRecur,
        PropertyValue::Binary(vec![4, 0x30]),
    );
    assert!(m.appointment_recur(&o).unwrap().is_err());
    assert!(m.time_zone_struct(&o).is_none());
}

#[test]
fn a_series_expands_from_the_message_in_its_time_zone() {
    let mut m = series();
    // Without a time zone the local times cannot be placed.
    assert!(
        m.occurrences(&Options::lenient(), &ExpandOptions::default())
            .unwrap()
            .is_err()
    );
    // PidLidAppointmentTimeZoneDefinitionRecur (Pacific, [MS-OXOCAL] 4.1.4).
    let pacific = TzDefinition::decode_exact(&vector("tzdef-4.1.4-pacific")).unwrap();
    m.set_time_zone_definition_recur(&pacific).unwrap();
    let x = m
        .occurrences(&Options::lenient(), &ExpandOptions::default())
        .unwrap()
        .unwrap();
    assert_eq!(x.occurrences.len(), 12);
    assert_eq!(x.occurrences[0].start.to_string(), "2007-03-26T17:00:00Z");
    // A PidLidTimeZoneStruct that agrees with the effective rule changes
    // nothing; one that disagrees wins ([MS-OXOCAL] 2.2.1.41).
    m.set_time_zone_struct(&pacific.effective_rule().unwrap().to_reg())
        .unwrap();
    let tz = m
        .recurrence_time_zone(&Options::lenient())
        .unwrap()
        .unwrap();
    assert_eq!(tz.rules().len(), 2, "the definition, all its rules");
    m.set_time_zone_struct(&eastern()).unwrap();
    let x = m
        .occurrences(&Options::lenient(), &ExpandOptions::default())
        .unwrap()
        .unwrap();
    assert_eq!(x.occurrences[0].start.to_string(), "2007-03-26T14:00:00Z");
    // Not a series: no occurrences.
    let single = Message::new("IPM.Appointment");
    assert!(
        single
            .occurrences(&Options::lenient(), &ExpandOptions::default())
            .is_none()
    );
}
