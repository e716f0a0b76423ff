//! # ms-oxocal — [MS-OXOCAL] Appointment and Meeting Object Protocol
//!
//! The binary structures of Outlook and Exchange calendar items, decoded
//! and encoded losslessly with the msox contract
//! ([`msox_codec::Decode`] / [`msox_codec::Encode`]), and the model on top:
//!
//! - **recurrence**: [`RecurrencePattern`] (PidLidAppointmentRecur's first
//!   part, and a task's PidLidTaskRecurrence, [MS-OXOTASK] 2.2.2.2.15) and
//!   [`AppointmentRecurrencePattern`] (PidLidAppointmentRecur) with its
//!   [`ExceptionInfo`], [`ChangeHighlight`] and [`ExtendedException`]
//!   structures;
//! - **meeting identity**: [`GlobalObjectId`] (PidLidGlobalObjectId and
//!   PidLidCleanGlobalObjectId) and its iCalendar UID form;
//! - **time zones**: [`TzReg`] (PidLidTimeZoneStruct), [`TzDefinition`] and
//!   [`TzRule`] (PidLidAppointmentTimeZoneDefinitionRecur / StartDisplay /
//!   EndDisplay), and [`TimeZone`], the rules as local/UTC conversion with
//!   daylight saving time;
//! - **expansion**: [`AppointmentRecurrencePattern::expand`] gives the
//!   occurrences of a series (daily, weekly with FirstDOW, monthly,
//!   month-nth with "last", yearly, yearly-nth; deleted and modified
//!   instances applied; local times in UTC through the series' zone),
//!   bounded by the caller's [`ExpandOptions`] and a [`msox_codec::Limits`]
//!   budget;
//! - **properties**: [`AppointmentProperties`], typed accessors for the
//!   appointment and meeting properties on the `ms-oxcmsg`
//!   [`Message`](ms_oxcmsg::Message) through the `ms-oxprops` definitions.
//!
//! Dates inside the recurrence blobs are minutes since 1601-01-01 in the
//! series' local time; [`time`] has the calendar view.
//!
//! ```
//! use ms_oxocal::{AppointmentRecurrencePattern, ExpandOptions, PatternType, TimeZone, TzDefinition};
//! use msox_codec::{Decode, Encode};
//!
//! // [MS-OXOCAL] 4.1.1.1: weekly on Monday, Thursday and Friday, 10:00-10:30, 12 times
//! let recur = msox_codec::hex::decode(
//!     "043004300B2001000000C0210000010000000000000032000000222000000C000000000000000000\
//!      0000000000008020BC0C20ADBC0C0630000009300000580200007602000000000000000000000000",
//! )?;
//! let p = AppointmentRecurrencePattern::decode_exact(&recur)?;
//! assert_eq!(p.recurrence_pattern.pattern_type, PatternType::Week);
//! assert_eq!(p.to_vec()?, recur); // lossless
//!
//! // [MS-OXOCAL] 4.1.4: the Pacific time zone definition
//! let tzd = msox_codec::hex::decode(
//!     "0201300002001500500061006300690066006900630020005300740061006E00640061007200640020\
//!      00540069006D006500020002013E000000D6070000000000000000000000000000E001000000000000C4\
//!      FFFFFF00000A000000050002000000000000000000040000000100020000000000000002013E000200D7\
//!      070000000000000000000000000000E001000000000000C4FFFFFF00000B000000010002000000000000\
//!      0000000300000002000200000000000000",
//! )?;
//! let tz = TimeZone::from_definition(&TzDefinition::decode_exact(&tzd)?)?;
//!
//! let x = p.expand(&tz, &ExpandOptions::default())?;
//! assert_eq!(x.occurrences.len(), 12);
//! let first = &x.occurrences[0];
//! assert_eq!(first.start_local_time().to_string(), "2007-03-26T10:00");
//! assert_eq!(first.start.to_string(), "2007-03-26T17:00:00Z"); // PDT, UTC-7
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.2.1.44.1 | RecurrencePattern (every PatternType, Hj* included) | [`RecurrencePattern`], [`RecurFrequency`], [`PatternType`], [`CalendarType`], [`EndType`], [`DayOfWeek`] |
//! | 2.2.1.44.1.1 | calculating FirstDateTime | [`RecurrencePattern::computed_first_date_time`] (Gregorian-month calendars) |
//! | 2.2.1.44.1.4-2.2.1.44.1.6 | PatternTypeSpecific Week / Month / MonthNth (a Day pattern has none) | [`PatternTypeSpecific`], [`DaysOfWeek`], [`NthOccurrence`] |
//! | 2.2.1.44.2 | ExceptionInfo | [`ExceptionInfo`], [`OverrideFlags`], [`NonUnicodeString`] |
//! | 2.2.1.44.3 | ChangeHighlight | [`ChangeHighlight`], [`ChangeHighlightFlags`] |
//! | 2.2.1.44.4 | ExtendedException (WriterVersion2 0x3008 and 0x3009 forms) | [`ExtendedException`], [`ExtendedExceptionContext`] |
//! | 2.2.1.44.5 | AppointmentRecurrencePattern | [`AppointmentRecurrencePattern`] |
//! | 2.2.1.27 / 2.2.1.28 | PidLidGlobalObjectId / PidLidCleanGlobalObjectId | [`GlobalObjectId`] (and [MS-OXCICAL] 2.1.3.1.1.20.26 UID conversion) |
//! | 2.2.1.39 | PidLidTimeZoneStruct | [`TzReg`] |
//! | 2.2.1.41, 2.2.1.42, 2.2.1.43 | TZDEFINITION | [`TzDefinition`] |
//! | 2.2.1.41.1 | TZRule | [`TzRule`], [`TzRuleFlags`] |
//! | 2.2.1, 2.2.6 (property semantics) | appointment and meeting properties | [`AppointmentProperties`], [`BusyStatus`], [`ResponseStatus`], [`AppointmentStateFlags`], [`MeetingType`] |
//! | 2.2.1.44.1 (what a pattern means) | occurrence expansion | [`AppointmentRecurrencePattern::expand`], [`RecurrencePattern::instances`]; month-based patterns in non-Gregorian calendars (Hijri, Hebrew, lunar, Saka, Um Al Qura) are refused with [`msox_codec::ErrorKind::Unsupported`], never expanded to wrong dates |
//! | [MS-OXOTASK] 2.2.2.2.15 | PidLidTaskRecurrence | [`RecurrencePattern`], [`AppointmentProperties::task_recurrence`] |
//! | 2.2.1 / 2.2.2-2.2.12 (other property semantics: meeting requests, responses, forwarding, attendee tables) | — | not yet (the properties are readable through the property bag) |
//! | 3 (client/server behaviour: sending requests, updating attendees) | — | not applicable (no I/O here) |
//!
//! ## Lossless
//!
//! Every structure re-encodes byte for byte: reserved fields and blocks,
//! unknown enum values and flag bits, the two length fields of the 8-bit
//! exception strings, both WriterVersion2 layouts, bytes past the end of
//! the structures (Outlook writes four zero bytes after a daily pattern)
//! and, in lenient mode, blobs cut short where real writers cut them.
#![forbid(unsafe_code)]

mod appointment;
mod expand;
mod goid;
mod props;
mod recurrence;
pub mod time;
mod timezone;

pub use appointment::{
    AppointmentRecurrencePattern, ChangeHighlight, ChangeHighlightFlags, ExceptionInfo,
    ExceptionTimes, ExtendedException, ExtendedExceptionContext, NonUnicodeString, OverrideFlags,
    READER_VERSION_2, WRITER_VERSION_2,
};
pub use expand::{ExpandOptions, Expansion, Instance, Instances, Occurrence};
pub use goid::{BYTE_ARRAY_ID, GlobalObjectId, VCAL_UID};
pub use props::{
    AppointmentProperties, AppointmentStateFlags, BusyStatus, MeetingType, ResponseStatus,
};
pub use recurrence::{
    CalendarType, DayOfWeek, DaysOfWeek, EndType, NO_END_DATE, NthOccurrence, PatternType,
    PatternTypeSpecific, RECURRENCE_PATTERN_VERSION, RecurFrequency, RecurrencePattern,
    SpecificLayout,
};
pub use timezone::{TimeZone, TzDefinition, TzReg, TzRule, TzRuleFlags, ZoneRule};
