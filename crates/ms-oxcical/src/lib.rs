//! # ms-oxcical — [MS-OXCICAL] iCalendar to Appointment Object Conversion
//!
//! Converts between iCalendar (RFC 5545, and the RFC 2445 forms Outlook
//! and Exchange write) and the `ms-oxcmsg` message model of Calendar
//! objects, with the `ms-oxocal` structures for what iCalendar says in
//! text and Outlook keeps in binary: recurrence (RRULE, EXDATE and
//! RECURRENCE-ID exceptions to and from PidLidAppointmentRecur), time
//! zones (VTIMEZONE to and from TZDEFINITION and TZREG), and the meeting
//! identity (UID to and from PidLidGlobalObjectId). Meeting requests,
//! replies, cancellations and counter proposals (METHOD), attendees and
//! their responses, reminders (VALARM), the X-MICROSOFT-CDO-* and
//! X-MS-OLK-* properties, and tasks (VTODO) are mapped too.
//!
//! No I/O: bytes in, messages out ([`ics_to_messages`]); messages in, text
//! out ([`message_to_ics`], or [`write_ics`] into a [`msox_codec::Sink`]).
//! Reading is one decoding session ([`msox_codec::Options`]: strict or
//! lenient, and the limits): every content line is an item of the budget
//! and its bytes an allocation, every component a nesting level, so a
//! flood of properties, one huge line or deep nesting is refused at the
//! caller's limits. Nothing is dropped silently: what the conversion does
//! not map (an unknown property, a rule outside the templates, a TZID
//! without VTIMEZONE) is a [`msox_codec::Defect`] with its offset (an
//! error in strict mode); export reports the same way what iCalendar
//! cannot say.
//!
//! Strict mode refuses anything RFC 5545 does not allow or this conversion
//! cannot map: lines ended by LF alone (most files in the wild), an
//! unknown X- property. Real files are read in lenient mode, which reports
//! each such thing once as a defect with its offset and path
//! (`iCalendar > VCALENDAR[0] > VEVENT[3]`). Our own export reads back
//! strictly.
//!
//! ```
//! use ms_oxcical::{IcsOptions, ics_to_messages, message_to_ics};
//! use ms_oxocal::{AppointmentProperties, ExpandOptions};
//! use msox_codec::Options;
//!
//! let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n\
//! BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n\
//! RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\n\
//! DTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n\
//! RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
//! BEGIN:VEVENT\r\nUID:weekly-1\r\nSUMMARY:Stand-up\r\n\
//! DTSTART;TZID=W. Europe Standard Time:20240318T090000\r\n\
//! DTEND;TZID=W. Europe Standard Time:20240318T091500\r\n\
//! RRULE:FREQ=WEEKLY;COUNT=3;BYDAY=MO;WKST=MO\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
//! let read = ics_to_messages(ics.as_bytes(), &Options::strict())?;
//! let m = &read.value[0];
//! // The series expands with ms-oxocal: 09:00 CET (UTC+1), after March 31 09:00 CEST (UTC+2).
//! let x = m.occurrences(&Options::strict(), &ExpandOptions::default()).unwrap()?;
//! let starts: Vec<String> = x.occurrences.iter().map(|o| o.start.to_string()).collect();
//! assert_eq!(starts, ["2024-03-18T08:00:00Z", "2024-03-25T08:00:00Z", "2024-04-01T07:00:00Z"]);
//!
//! // And back to iCalendar: the same rule in the same zone.
//! let out = message_to_ics(m, &IcsOptions::default())?;
//! assert!(out.value.contains("RRULE:FREQ=WEEKLY;COUNT=3;INTERVAL=1;BYDAY=MO;WKST=MO\r\n"));
//! assert!(out.value.contains("DTSTART;TZID=W. Europe Standard Time:20240318T090000\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | RFC 5545 3.1, 3.3 | content lines (folding, parameters, RFC 6868, escapes), DATE / DATE-TIME / DURATION / UTC-OFFSET / RECUR values | [`contentline`], [`value`]; vCard 2.1 / vCalendar 1.0 quoted-printable and CHARSET too |
//! | 2.1.3.1.1.1 | METHOD ⇄ PidTagMessageClass, PidLidAppointmentCounterProposal | [`Method`] |
//! | 2.1.3.1.1.19 | VTIMEZONE ⇄ PidLidTimeZoneStruct, TZDEFINITION (StartDisplay, EndDisplay, Recur) | [`timezone`]; several daylight periods in one year are approximated (reported) |
//! | 2.1.3.1.1.20.2 / .2.3 | ATTENDEE (CN, ROLE, CUTYPE, PARTSTAT, RSVP; `invalid:nomail` to PidLidNonSendable*) | recipient table |
//! | 2.1.3.1.1.20 ORGANIZER | sender, sent representing, recipient with recipOrganizer | implemented |
//! | 2.1.3.1.1.20.8 / .10 | DTEND / DTSTART (all-day from DATE, floating midnight, X-MICROSOFT-CDO-ALLDAYEVENT .28 / MSNCALENDAR .41), DURATION | implemented; floating times and DATEs are read as UTC (no client time zone here) |
//! | 2.1.3.1.1.20.13 / .39 | EXDATE / X-MICROSOFT-EXDATE ⇄ DeletedInstanceDates | implemented |
//! | 2.1.3.1.1.20 RECURRENCE-ID | exceptions ⇄ ExceptionInfo, ExtendedException, embedded exception message ([MS-OXOCAL] 2.2.10) | implemented; RANGE=THISANDFUTURE reported |
//! | 2.1.3.1.1.20.26 | UID ⇄ PidLidGlobalObjectId / PidLidCleanGlobalObjectId | implemented (`ms_oxocal::GlobalObjectId`) |
//! | 2.1.3.1.1.20 SUMMARY, DESCRIPTION, LOCATION, CLASS, PRIORITY, TRANSP, STATUS, SEQUENCE, DTSTAMP, CREATED, LAST-MODIFIED, CATEGORIES, X-ALT-DESC | subject, body, PidLidLocation, sensitivity, importance, busy status, state flags, sequence, critical change, times, keywords, HTML body | implemented |
//! | 2.1.3.1.1.20 X-MICROSOFT-CDO-* | BUSYSTATUS, INTENDEDSTATUS, ALLDAYEVENT, IMPORTANCE, APPT-SEQUENCE, OWNERAPPTID, REPLYTIME, INSTTYPE, OWNER-/ATTENDEE-CRITICAL-CHANGE, DISALLOW-COUNTER | implemented |
//! | 2.1.3.1.1.20 X-MS-OLK-* | APPTSEQTIME, APPTLASTSEQUENCE, CONFTYPE, ALLOWEXTERNCHECK, AUTOFILLLOCATION, AUTOSTARTCHECK, COLLABORATEDOC, MWSURL, ORIGINALSTART/END (COUNTER) | implemented; others reported |
//! | 2.1.3.1.1.20.62 | VALARM ⇄ PidLidReminderSet / Delta / Time / SignalTime | implemented |
//! | 2.1.3.2.2.1-.6 | recurrence templates: daily, weekly, monthly, monthly nth, yearly, yearly nth | [`recur`]; rules outside the templates reported; what an RRULE means differently (day 29-31 of shorter months, sliding tasks) reported on export |
//! | 2.1.3.1.1.8 | X-MICROSOFT-CALSCALE (non-Gregorian calendars) | reported on import; export writes X-MICROSOFT-RRULE and reports |
//! | VTODO | Task objects ([MS-OXOTASK]): SUMMARY, DESCRIPTION, DTSTART, DUE, COMPLETED, PERCENT-COMPLETE, STATUS, PRIORITY, CLASS, CATEGORIES, RRULE ⇄ PidLidTaskRecurrence | implemented; UID reported (no task property) |
//! | 2.1.3.1.1.20.1 | ATTACH (inline base64, FMTTYPE, X-FILENAME) ⇄ by-value attachments | implemented; URIs reported; embedded-message attachments reported on export |
//! | RDATE, EXRULE, RESOURCES, URL, GEO, COMMENT, VJOURNAL, VFREEBUSY | — | not yet: reported as not mapped |
//! | 3 (client behaviour: address book resolution, the user as attendee) | — | not applicable (no I/O) |
#![forbid(unsafe_code)]

pub mod contentline;
mod export;
mod import;
mod model;
pub mod recur;
pub mod timezone;
pub mod value;

pub use export::{IcsOptions, message_to_ics, messages_to_calendar, messages_to_ics, write_ics};
pub use import::{EXCEPTION_MESSAGE_CLASS, ics_to_messages, import_document};
pub use model::{
    Method, busy_status_from_name, busy_status_name, class_to_sensitivity, importance_to_priority,
    partstat_to_response, priority_to_importance, response_to_partstat, sensitivity_to_class,
};
