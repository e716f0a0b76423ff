//! [MS-OXCICAL] 2.1.3.2 export: Calendar (and Task) objects to iCalendar.
//!
//! One VCALENDAR: METHOD from the message class (2.1.3.1.1.1), the
//! VTIMEZONEs the times use (2.1.3.1.1.19), a VEVENT per object (VTODO for
//! tasks), and a VEVENT with RECURRENCE-ID per exception of a recurring
//! series (its ExceptionInfo, ExtendedException and embedded message).
//! What cannot be said in iCalendar is reported as a defect of the
//! export session ([`msox_codec::Session::defect`]): an error in strict
//! mode, recorded in lenient mode (attachments, a pattern whose RRULE
//! means something else, a blob that does not decode).

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Message, RecipientType};
use ms_oxocal::time::{MINUTES_PER_DAY, minutes_from_file_time};
use ms_oxocal::{
    AppointmentProperties, AppointmentRecurrencePattern, AppointmentStateFlags, TimeZone,
    TzDefinition,
};
use ms_oxprops::{named, tags};
use msox_codec::{Decoded, Defect, Error, ErrorKind, Options, Result, Session, Sink};

use crate::contentline::{Component, ContentLine, Document, escape_text, write_component};
use crate::import::EXCEPTION_MESSAGE_CLASS;
use crate::model::{
    Method, busy_status_name, importance_to_priority, response_to_partstat, sensitivity_to_class,
};
use crate::recur::pattern_to_rrule;
use crate::timezone::{definition_to_vtimezone, reg_to_definition};
use crate::value::{Timestamp, Zone, format_duration};

/// How [`message_to_ics`] writes: the session options (strict: anything
/// not exported is an error; lenient: a defect), the METHOD (`None`: from
/// the message class) and the PRODID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsOptions {
    /// Mode and limits of the export session.
    pub options: Options,
    /// METHOD to write; `None` takes it from the message class
    /// (PUBLISH for several objects).
    pub method: Option<Method>,
    /// PRODID to write.
    pub prodid: String,
}

impl Default for IcsOptions {
    fn default() -> Self {
        IcsOptions {
            options: Options::default(),
            method: None,
            prodid: "-//msox//ms-oxcical//EN".to_string(),
        }
    }
}

/// [MS-OXCICAL] 2.1.3.2 export of one object: the iCalendar text and what
/// was not exported.
///
/// ```
/// use ms_oxcical::{IcsOptions, ics_to_messages, message_to_ics};
/// use ms_oxcmsg::Message;
/// use ms_oxocal::AppointmentProperties;
/// use ms_dtyp::FileTime;
/// let mut m = Message::new("IPM.Appointment");
/// m.set_subject("Review");
/// m.set_appointment_start_whole(FileTime::from_unix_seconds(1_700_000_000));
/// m.set_appointment_end_whole(FileTime::from_unix_seconds(1_700_003_600));
/// let ics = message_to_ics(&m, &IcsOptions::default())?;
/// assert!(ics.value.contains("DTSTART:20231114T221320Z\r\n"));
/// let back = ics_to_messages(ics.value.as_bytes(), &msox_codec::Options::strict())?;
/// assert_eq!(back.value[0].subject().as_deref(), Some("Review"));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn message_to_ics(msg: &Message, opts: &IcsOptions) -> Result<Decoded<String>> {
    messages_to_ics(std::slice::from_ref(msg), opts)
}

/// [MS-OXCICAL] 2.1.3.2 export of several objects into one VCALENDAR.
pub fn messages_to_ics(msgs: &[Message], opts: &IcsOptions) -> Result<Decoded<String>> {
    let mut out = Vec::new();
    let defects = write_ics(msgs, opts, &mut out)?;
    let text = String::from_utf8(out)
        .map_err(|_| Error::new(ErrorKind::BadString { encoding: "UTF-8" }))?;
    Ok(Decoded {
        value: text,
        defects,
    })
}

/// [MS-OXCICAL] 2.1.3.2 export into a [`Sink`]; returns what was not exported.
pub fn write_ics(msgs: &[Message], opts: &IcsOptions, sink: &mut impl Sink) -> Result<Vec<Defect>> {
    let mut session = Session::new(opts.options, 0);
    let cal = messages_to_calendar(msgs, opts, &mut session)?;
    let doc = Document {
        components: vec![cal],
    };
    let mut text = String::new();
    for c in &doc.components {
        write_component(&mut text, c);
    }
    sink.write(text.as_bytes())?;
    Ok(session.take_defects())
}

/// The VCALENDAR component of `msgs` (defects go to `session`).
pub fn messages_to_calendar(
    msgs: &[Message],
    opts: &IcsOptions,
    session: &mut Session,
) -> Result<Component> {
    let mut cal = Component::new("VCALENDAR");
    let method = opts.method.unwrap_or_else(|| match msgs {
        [m] => {
            let counter = m
                .properties
                .get_named(&named::PidLidAppointmentCounterProposal)
                .and_then(PropertyValue::as_bool)
                .unwrap_or(false);
            m.message_class()
                .and_then(|c| Method::from_message_class(&c, counter))
                .unwrap_or(Method::Publish)
        }
        _ => Method::Publish,
    });
    cal.push(ContentLine::new("METHOD", method.name()));
    cal.push(ContentLine::text("PRODID", &opts.prodid));
    cal.push(ContentLine::new("VERSION", "2.0"));
    let mut zones: Vec<TzDefinition> = Vec::new();
    let mut items: Vec<Component> = Vec::new();
    for (i, m) in msgs.iter().enumerate() {
        let class = m.message_class().unwrap_or_default().to_ascii_lowercase();
        let r = if class.starts_with("ipm.task") {
            export_task(m, session).map(|c| vec![c])
        } else {
            export_event(m, method, session, &mut zones)
        };
        match r {
            Ok(mut v) => items.append(&mut v),
            Err(e) => return Err(e.context(format!("Message[{i}]"))),
        }
    }
    for z in &zones {
        cal.components.push(definition_to_vtimezone(z));
    }
    cal.components.append(&mut items);
    Ok(cal)
}

fn report(session: &mut Session, what: impl Into<String>) -> Result<()> {
    session.defect(
        Error::new(ErrorKind::Unsupported(what.into().into())),
        "not exported",
    )
}

/// UTC minutes and seconds of a FILETIME.
pub(crate) fn split_time(t: FileTime) -> (i64, u8) {
    let m = minutes_from_file_time(t);
    let s = u8::try_from((t.0 / 10_000_000) % 60).unwrap_or(0);
    (m, s)
}

/// How the times of one object are written: in a zone (TZID) or in UTC.
#[derive(Clone)]
struct OutZone {
    tzid: Option<String>,
    tz: TimeZone,
}

impl OutZone {
    fn utc() -> Self {
        OutZone {
            tzid: None,
            tz: TimeZone::utc(),
        }
    }

    fn of(def: &TzDefinition, zones: &mut Vec<TzDefinition>) -> Option<Self> {
        let tz = TimeZone::from_definition(def).ok()?;
        let name = def.key_name.as_str().to_string();
        if name.is_empty() {
            return None;
        }
        if !zones.iter().any(|z| z.key_name == def.key_name) {
            zones.push(def.clone());
        }
        Some(OutZone {
            tzid: Some(name),
            tz,
        })
    }

    /// A UTC time as a value in this zone (a DATE when `date`).
    fn stamp(&self, t: FileTime, date: bool) -> Timestamp {
        let (utc, sec) = split_time(t);
        let local = self.tz.utc_to_local(utc);
        if !date && self.tz.local_to_utc(local) != utc {
            // the second of two equal wall-clock times (clocks went back):
            // a local time would read as the first (RFC 5545 3.3.5), so UTC
            return Timestamp::from_minutes(utc, sec, Zone::Utc);
        }
        self.local_stamp(local, sec, date)
    }

    fn local_stamp(&self, local: i64, sec: u8, date: bool) -> Timestamp {
        if date {
            return Timestamp::date_from_minutes(local);
        }
        match &self.tzid {
            Some(id) => Timestamp::from_minutes(local, sec, Zone::Tzid(id.clone())),
            None => Timestamp::from_minutes(local, sec, Zone::Utc),
        }
    }
}

/// Whether a zone is UTC all year (no offset, no daylight time).
fn utc_like(tz: &TimeZone) -> bool {
    tz.rules()
        .iter()
        .all(|r| r.bias + r.standard_bias == 0 && !r.has_daylight_time())
}

fn named_time(m: &Message, p: &ms_oxprops::Named) -> Option<FileTime> {
    m.properties.get_named(p).and_then(PropertyValue::as_time)
}

fn named_i64(m: &Message, p: &ms_oxprops::Named) -> Option<i64> {
    m.properties.get_named(p).and_then(PropertyValue::as_i64)
}

fn named_bool(m: &Message, p: &ms_oxprops::Named) -> Option<bool> {
    m.properties.get_named(p).and_then(PropertyValue::as_bool)
}

fn utc_line(name: &str, t: FileTime) -> ContentLine {
    let (m, s) = split_time(t);
    Timestamp::from_minutes(m, s, Zone::Utc).to_line(name)
}

fn bool_text(b: bool) -> &'static str {
    if b { "TRUE" } else { "FALSE" }
}

fn decode_def(
    session: &mut Session,
    r: Option<Result<Decoded<TzDefinition>>>,
    what: &str,
) -> Result<Option<TzDefinition>> {
    match r {
        Some(Ok(d)) => Ok(Some(d.value)),
        Some(Err(e)) => {
            session.defect(
                e.context(what.to_string()),
                "time zone not exported; times in UTC",
            )?;
            Ok(None)
        }
        None => Ok(None),
    }
}

fn export_event(
    m: &Message,
    method: Method,
    session: &mut Session,
    zones: &mut Vec<TzDefinition>,
) -> Result<Vec<Component>> {
    let lenient = Options::lenient();
    let class = m.message_class().unwrap_or_default();
    let all_day = m.all_day().unwrap_or(false);
    // the recurrence
    let recur: Option<AppointmentRecurrencePattern> = match m.appointment_recur(&lenient) {
        Some(Ok(d)) => Some(d.value),
        Some(Err(e)) => {
            session.defect(
                e.context("PidLidAppointmentRecur"),
                "recurrence not exported",
            )?;
            None
        }
        None => None,
    };
    let description = m
        .time_zone_description()
        .unwrap_or_else(|| "Custom Time Zone".into());
    let recur_zone = if recur.is_some() {
        let def = decode_def(
            session,
            m.time_zone_definition_recur(&lenient),
            "PidLidAppointmentTimeZoneDefinitionRecur",
        )?;
        let def = match def {
            Some(d) => Some(d),
            None => match m.time_zone_struct(&lenient) {
                Some(Ok(reg)) => Some(reg_to_definition(&description, &reg.value)),
                Some(Err(e)) => {
                    session.defect(e.context("PidLidTimeZoneStruct"), "time zone not exported")?;
                    None
                }
                None => None,
            },
        };
        def.and_then(|d| OutZone::of(&d, zones))
    } else {
        None
    };
    let start_zone = match &recur_zone {
        Some(z) => z.clone(),
        None => {
            let def = decode_def(
                session,
                m.time_zone_definition_start_display(&lenient),
                "PidLidAppointmentTimeZoneDefinitionStartDisplay",
            )?;
            def.and_then(|d| OutZone::of(&d, zones))
                .unwrap_or_else(OutZone::utc)
        }
    };
    let end_zone = match &recur_zone {
        Some(z) => z.clone(),
        None => {
            let def = decode_def(
                session,
                m.time_zone_definition_end_display(&lenient),
                "PidLidAppointmentTimeZoneDefinitionEndDisplay",
            )?;
            def.and_then(|d| OutZone::of(&d, zones))
                .unwrap_or_else(|| start_zone.clone())
        }
    };
    let mut ev = Component::new("VEVENT");
    // identity
    let goid = match m
        .global_object_id(&lenient)
        .or_else(|| m.clean_global_object_id(&lenient))
    {
        Some(Ok(g)) => Some(g.value),
        Some(Err(e)) => {
            session.defect(e.context("PidLidGlobalObjectId"), "UID not exported")?;
            None
        }
        None => None,
    };
    if let Some(g) = &goid {
        ev.push(ContentLine::text("UID", &g.to_ical_uid()));
    }
    let is_instance =
        m.is_exception().unwrap_or(false) || goid.as_ref().is_some_and(|g| g.is_exception());
    if is_instance
        && recur.is_none()
        && let Some(t) = m.exception_replace_time()
    {
        let dates = all_day
            && utc_like(&start_zone.tz)
            && t.0 % (MINUTES_PER_DAY as u64 * 600_000_000) == 0;
        ev.push(start_zone.stamp(t, dates).to_line("RECURRENCE-ID"));
    }
    // times
    let (start, end) = if method == Method::Counter {
        (
            named_time(m, &named::PidLidAppointmentProposedStartWhole),
            named_time(m, &named::PidLidAppointmentProposedEndWhole),
        )
    } else {
        // objects written without the PSETID_Appointment times (older
        // clients) have PidTagStartDate / PidTagEndDate
        (
            m.appointment_start_whole().or_else(|| {
                m.properties
                    .get(tags::PidTagStartDate)
                    .and_then(PropertyValue::as_time)
            }),
            m.appointment_end_whole().or_else(|| {
                m.properties
                    .get(tags::PidTagEndDate)
                    .and_then(PropertyValue::as_time)
            }),
        )
    };
    // An all-day object is written with DATE values only when they say the
    // same instants back (midnight UTC in a zone without offset); else as
    // date-times with X-MICROSOFT-CDO-ALLDAYEVENT (2.1.3.1.1.20.28), so no
    // time zone offset is lost.
    let midnight = |t: Option<FileTime>| {
        t.is_some_and(|t| {
            split_time(t)
                == (
                    minutes_from_file_time(t) / MINUTES_PER_DAY * MINUTES_PER_DAY,
                    0,
                )
        })
    };
    let date_values = all_day
        && utc_like(&start_zone.tz)
        && recur_zone.as_ref().is_none_or(|z| utc_like(&z.tz))
        && midnight(start)
        && midnight(end);
    // A series is written at its pattern's wall-clock time (StartDate +
    // StartTimeOffset): the RRULE repeats DTSTART's time of day, so a first
    // occurrence that falls in a spring-forward gap must not move them all.
    let series_times = match (&recur, &recur_zone, method) {
        (Some(a), Some(z), m) if m != Method::Counter => {
            let day = i64::from(a.recurrence_pattern.start_date);
            let s = day + i64::from(a.start_time_offset);
            if date_values {
                let e = day + i64::from(a.end_time_offset).max(i64::from(a.start_time_offset));
                Some((z.local_stamp(s, 0, true), z.local_stamp(e, 0, true)))
            } else {
                // DTEND: the instant `duration` elapsed minutes after DTSTART
                let end_utc = z.tz.local_to_utc(s) + a.duration_minutes().max(0);
                let e = crate::import::file_time(end_utc, 0).map(|t| z.stamp(t, false));
                e.map(|e| (z.local_stamp(s, 0, false), e))
            }
        }
        _ => None,
    };
    match series_times {
        Some((s, e)) => {
            ev.push(s.to_line("DTSTART"));
            ev.push(e.to_line("DTEND"));
        }
        None => {
            if let Some(s) = start {
                ev.push(start_zone.stamp(s, date_values).to_line("DTSTART"));
            }
            if let Some(e) = end {
                ev.push(end_zone.stamp(e, date_values).to_line("DTEND"));
            }
        }
    }
    if method == Method::Counter {
        if let Some(s) = m.appointment_start_whole() {
            ev.push(
                start_zone
                    .stamp(s, date_values)
                    .to_line("X-MS-OLK-ORIGINALSTART"),
            );
        }
        if let Some(e) = m.appointment_end_whole() {
            ev.push(
                end_zone
                    .stamp(e, date_values)
                    .to_line("X-MS-OLK-ORIGINALEND"),
            );
        }
    }
    common_properties(m, method, &mut ev, session, &class)?;
    if let (Some(s), Some(_)) = (start, end) {
        alarm(m, &mut ev, s);
    }
    let mut out = Vec::new();
    // the recurrence, its deleted instances and exceptions
    if let Some(arp) = &recur {
        let zone = recur_zone.clone().unwrap_or_else(OutZone::utc);
        let offset = i64::from(arp.start_time_offset);
        match pattern_to_rrule(&arp.recurrence_pattern, offset, &zone.tz, date_values) {
            Ok(x) => {
                for n in &x.notes {
                    report(session, format!("RRULE {}: {n}", x.rule))?;
                }
                if x.non_gregorian {
                    report(
                        session,
                        format!(
                            "a pattern in CalendarType {} is written as X-MICROSOFT-RRULE, which RFC 5545 readers ignore",
                            arp.recurrence_pattern.calendar_type
                        ),
                    )?;
                    ev.push(ContentLine::new("X-MICROSOFT-RRULE", x.rule.to_string()));
                } else {
                    ev.push(ContentLine::new("RRULE", x.rule.to_string()));
                }
            }
            Err(why) => report(session, format!("PidLidAppointmentRecur: {why}"))?,
        }
        let exception_days: Vec<u32> = arp
            .exception_info
            .iter()
            .map(|e| e.original_start_date - e.original_start_date % 1440)
            .collect();
        let mut exdates = Vec::new();
        for d in &arp.recurrence_pattern.deleted_instance_dates {
            if exception_days.contains(d) {
                continue;
            }
            exdates.push(zone.local_stamp(i64::from(*d) + offset, 0, date_values));
        }
        if !exdates.is_empty() {
            let first = exdates.first().map(|t| t.to_line("EXDATE"));
            if let Some(mut line) = first {
                line.value = exdates
                    .iter()
                    .map(|t| t.value_text())
                    .collect::<Vec<_>>()
                    .join(",");
                ev.push(line);
            }
        }
        let base = ev.clone();
        out.push(ev);
        for (i, info) in arp.exception_info.iter().enumerate() {
            out.push(export_exception(
                m,
                arp,
                i,
                info,
                &base,
                &zone,
                date_values,
                all_day,
                session,
            )?);
        }
    } else {
        out.push(ev);
    }
    // attachments other than exceptions: by-value ones as ATTACH
    // ([MS-OXCICAL] 2.1.3.1.1.20.1), the others reported
    let mut others = 0;
    for a in &m.attachments {
        let exception = a
            .embedded
            .as_ref()
            .and_then(|e| e.message_class())
            .is_some_and(|c| c.eq_ignore_ascii_case(EXCEPTION_MESSAGE_CLASS));
        if exception {
            continue;
        }
        match (a.embedded.is_none() && a.storage.is_none(), a.data()) {
            (true, Some(data)) => {
                use base64::Engine as _;
                let mut l = ContentLine::new(
                    "ATTACH",
                    base64::engine::general_purpose::STANDARD.encode(data),
                )
                .with_param("VALUE", "BINARY")
                .with_param("ENCODING", "BASE64");
                if let Some(t) = a.mime_type() {
                    l = l.with_param("FMTTYPE", t);
                }
                if let Some(n) = a.file_name() {
                    l = l.with_param("X-FILENAME", n);
                }
                if let Some(first) = out.first_mut() {
                    first.push(l);
                }
            }
            _ => others += 1,
        }
    }
    if others > 0 {
        report(
            session,
            format!("{others} attachment(s) that are embedded messages, storages or references"),
        )?;
    }
    Ok(out)
}

fn alarm(m: &Message, ev: &mut Component, _start: FileTime) {
    if named_bool(m, &named::PidLidReminderSet) != Some(true) {
        return;
    }
    let delta = named_i64(m, &named::PidLidReminderDelta).unwrap_or(15);
    let mut a = Component::new("VALARM");
    a.push(ContentLine::new("DESCRIPTION", "REMINDER"));
    a.push(
        ContentLine::new("TRIGGER", format_duration(-delta * 60)).with_param("RELATED", "START"),
    );
    a.push(ContentLine::new("ACTION", "DISPLAY"));
    ev.components.push(a);
}

fn common_properties(
    m: &Message,
    method: Method,
    ev: &mut Component,
    session: &mut Session,
    class: &str,
) -> Result<()> {
    if let Some(s) = m.subject() {
        ev.push(ContentLine::text("SUMMARY", &s));
    }
    if let Some(b) = m.body() {
        ev.push(ContentLine::text("DESCRIPTION", &b));
    }
    let location = m.location().or_else(|| {
        m.properties
            .get_named(&named::PidLidWhere)
            .and_then(|v| v.as_text())
            .map(|c| c.into_owned())
    });
    if let Some(l) = location {
        ev.push(ContentLine::text("LOCATION", &l));
    }
    if let Some(h) = m.html_body() {
        ev.push(
            ContentLine::text("X-ALT-DESC", &String::from_utf8_lossy(&h))
                .with_param("FMTTYPE", "text/html"),
        );
    }
    if let Some(s) = m.properties.get_i64(tags::PidTagSensitivity) {
        ev.push(ContentLine::new("CLASS", sensitivity_to_class(s)));
    }
    if let Some(i) = m.importance() {
        ev.push(ContentLine::new(
            "PRIORITY",
            importance_to_priority(i).to_string(),
        ));
        ev.push(ContentLine::new(
            "X-MICROSOFT-CDO-IMPORTANCE",
            i.clamp(0, 2).to_string(),
        ));
    }
    if let Some(t) = named_time(m, &named::PidLidOwnerCriticalChange)
        .or_else(|| named_time(m, &named::PidLidAttendeeCriticalChange))
    {
        ev.push(utc_line("DTSTAMP", t));
    }
    if let Some(t) = m.creation_time() {
        ev.push(utc_line("CREATED", t));
    }
    if let Some(t) = m.last_modification_time() {
        ev.push(utc_line("LAST-MODIFIED", t));
    }
    if let Some(b) = m.busy_status() {
        let free = b.value() == 0;
        ev.push(ContentLine::new(
            "TRANSP",
            if free { "TRANSPARENT" } else { "OPAQUE" },
        ));
        match busy_status_name(b) {
            Some(n) => ev.push(ContentLine::new("X-MICROSOFT-CDO-BUSYSTATUS", n)),
            None => report(session, format!("PidLidBusyStatus {}", b.value()))?,
        }
    }
    if let Some(b) = m.intended_busy_status()
        && let Some(n) = busy_status_name(b)
    {
        ev.push(ContentLine::new("X-MICROSOFT-CDO-INTENDEDSTATUS", n));
    }
    if let Some(s) = m.appointment_sequence() {
        ev.push(ContentLine::new("SEQUENCE", s.to_string()));
        ev.push(ContentLine::new(
            "X-MICROSOFT-CDO-APPT-SEQUENCE",
            s.to_string(),
        ));
    }
    if let Some(v) = m.properties.get_i64(tags::PidTagOwnerAppointmentId) {
        ev.push(ContentLine::new(
            "X-MICROSOFT-CDO-OWNERAPPTID",
            (v as i32).to_string(),
        ));
    }
    if let Some(v) = named_i64(m, &named::PidLidAppointmentLastSequence) {
        ev.push(ContentLine::new("X-MS-OLK-APPTLASTSEQUENCE", v.to_string()));
    }
    if let Some(t) = named_time(m, &named::PidLidAppointmentSequenceTime) {
        ev.push(utc_line("X-MS-OLK-APPTSEQTIME", t));
    }
    if let Some(t) = named_time(m, &named::PidLidAppointmentReplyTime) {
        ev.push(utc_line("X-MICROSOFT-CDO-REPLYTIME", t));
    }
    if let Some(v) = named_i64(m, &named::PidLidConferencingType) {
        ev.push(ContentLine::new("X-MS-OLK-CONFTYPE", v.to_string()));
    }
    for (p, name) in [
        (
            &named::PidLidAllowExternalCheck,
            "X-MS-OLK-ALLOWEXTERNCHECK",
        ),
        (&named::PidLidAutoFillLocation, "X-MS-OLK-AUTOFILLLOCATION"),
        (&named::PidLidAutoStartCheck, "X-MS-OLK-AUTOSTARTCHECK"),
        (&named::PidLidCollaborateDoc, "X-MS-OLK-COLLABORATEDOC"),
        (
            &named::PidLidAppointmentNotAllowPropose,
            "X-MICROSOFT-DISALLOW-COUNTER",
        ),
    ] {
        if let Some(b) = named_bool(m, p) {
            ev.push(ContentLine::new(name, bool_text(b)));
        }
    }
    if let Some(u) = m
        .properties
        .get_named(&named::PidLidMeetingWorkspaceUrl)
        .and_then(|v| v.as_text())
    {
        ev.push(ContentLine::text("X-MS-OLK-MWSURL", &u));
    }
    let all_day = m.all_day().unwrap_or(false);
    ev.push(ContentLine::new(
        "X-MICROSOFT-CDO-ALLDAYEVENT",
        bool_text(all_day),
    ));
    let flags = m
        .appointment_state_flags()
        .unwrap_or(AppointmentStateFlags::EMPTY);
    if flags.contains(AppointmentStateFlags::CANCELED) || method == Method::Cancel {
        ev.push(ContentLine::new("STATUS", "CANCELLED"));
    }
    if let Some(PropertyValue::MultipleString(cats)) =
        m.properties.get_named(&named::PidNameKeywords)
        && !cats.is_empty()
    {
        let v: Vec<String> = cats.iter().map(|c| escape_text(c.as_str())).collect();
        ev.push(ContentLine::new("CATEGORIES", v.join(",")));
    }
    people(m, method, ev, session, class)
}

fn people(
    m: &Message,
    method: Method,
    ev: &mut Component,
    session: &mut Session,
    class: &str,
) -> Result<()> {
    let rsvp = m
        .properties
        .get(tags::PidTagResponseRequested)
        .and_then(PropertyValue::as_bool)
        .unwrap_or(false);
    let mut organizer_done = false;
    for (i, r) in m.recipients.iter().enumerate() {
        let flags = r
            .properties
            .get_i64(tags::PidTagRecipientFlags)
            .unwrap_or(0);
        let email = r.smtp_address().or_else(|| r.email()).unwrap_or_default();
        if email.is_empty() {
            report(session, format!("recipient {i} without an e-mail address"))?;
            continue;
        }
        let cn = r.display_name().unwrap_or_else(|| email.clone());
        if flags & 0x2 != 0 {
            ev.push(ContentLine::new("ORGANIZER", format!("mailto:{email}")).with_param("CN", cn));
            organizer_done = true;
            continue;
        }
        let kind = r.recipient_type().unwrap_or(RecipientType::To);
        let mut line = ContentLine::new("ATTENDEE", format!("mailto:{email}"));
        match kind.value() & 0x0FFF_FFFF {
            2 => line = line.with_param("ROLE", "OPT-PARTICIPANT"),
            3 => {
                line = line
                    .with_param("CUTYPE", "RESOURCE")
                    .with_param("ROLE", "NON-PARTICIPANT");
            }
            _ => line = line.with_param("ROLE", "REQ-PARTICIPANT"),
        }
        let track = r
            .properties
            .get_i64(tags::PidTagRecipientTrackStatus)
            .and_then(|v| u32::try_from(v).ok())
            .unwrap_or(0);
        let partstat = match method {
            Method::Reply | Method::Counter => {
                let lc = class.to_ascii_lowercase();
                if lc.ends_with(".pos") {
                    Some("ACCEPTED")
                } else if lc.ends_with(".neg") {
                    Some("DECLINED")
                } else if lc.ends_with(".tent") {
                    Some("TENTATIVE")
                } else {
                    response_to_partstat(track)
                }
            }
            _ => response_to_partstat(track),
        };
        line = line.with_param("PARTSTAT", partstat.unwrap_or("NEEDS-ACTION"));
        if rsvp {
            line = line.with_param("RSVP", "TRUE");
        }
        line = line.with_param("CN", cn);
        ev.push(line);
    }
    if !organizer_done && let Some(email) = m.sent_representing_email().or_else(|| m.sender_email())
    {
        let at = m
            .sent_representing_address_type_or_sender()
            .unwrap_or_else(|| "SMTP".into());
        if at.eq_ignore_ascii_case("SMTP") && !email.is_empty() {
            let cn = m
                .sent_representing_name()
                .or_else(|| m.sender_name())
                .unwrap_or_else(|| email.clone());
            ev.push(ContentLine::new("ORGANIZER", format!("mailto:{email}")).with_param("CN", cn));
        } else if m.properties.get(tags::PidTagSenderSmtpAddress).is_some() {
            let smtp = m
                .properties
                .get_str(tags::PidTagSenderSmtpAddress)
                .unwrap_or_default();
            let cn = m.sender_name().unwrap_or_else(|| smtp.clone());
            ev.push(ContentLine::new("ORGANIZER", format!("mailto:{smtp}")).with_param("CN", cn));
        } else {
            report(
                session,
                format!("organizer with address type {at}: no SMTP address"),
            )?;
        }
    }
    for (p, role) in [
        (&named::PidLidNonSendableTo, "REQ-PARTICIPANT"),
        (&named::PidLidNonSendableCc, "OPT-PARTICIPANT"),
        (&named::PidLidNonSendableBcc, "NON-PARTICIPANT"),
    ] {
        if let Some(v) = m.properties.get_named(p).and_then(|v| v.as_text()) {
            for name in v.split("; ").filter(|n| !n.is_empty()) {
                ev.push(
                    ContentLine::new("ATTENDEE", "invalid:nomail")
                        .with_param("ROLE", role)
                        .with_param("CN", name),
                );
            }
        }
    }
    Ok(())
}

/// Helper trait: the sent-representing address type, or the sender's.
trait AddressTypes {
    fn sent_representing_address_type_or_sender(&self) -> Option<String>;
}

impl AddressTypes for Message {
    fn sent_representing_address_type_or_sender(&self) -> Option<String> {
        self.properties
            .get_str(tags::PidTagSentRepresentingAddressType)
            .or_else(|| self.sender_address_type())
    }
}

#[allow(clippy::too_many_arguments)]
fn export_exception(
    m: &Message,
    arp: &AppointmentRecurrencePattern,
    i: usize,
    info: &ms_oxocal::ExceptionInfo,
    base: &Component,
    zone: &OutZone,
    series_dates: bool,
    series_all_day: bool,
    session: &mut Session,
) -> Result<Component> {
    let cp = msox_codec::CodePage(m.code_page().filter(|c| *c != 0).unwrap_or(1252));
    let original_utc = zone.tz.local_to_utc(i64::from(info.original_start_date));
    // the embedded exception message, matched by its replace time
    let embedded = m.attachments.iter().find_map(|a| {
        let e = a.embedded.as_deref()?;
        let t = a
            .properties
            .get(tags::PidTagExceptionReplaceTime)
            .and_then(PropertyValue::as_time)
            .or_else(|| e.exception_replace_time())?;
        (minutes_from_file_time(t) == original_utc).then_some(e)
    });
    let all_day = info.sub_type.map_or(series_all_day, |v| v != 0);
    let dates = series_dates && all_day;
    let mut ev = Component::new("VEVENT");
    for keep in ["UID"] {
        if let Some(l) = base.property(keep) {
            ev.push(l.clone());
        }
    }
    ev.push(
        zone.local_stamp(i64::from(info.original_start_date), 0, series_dates)
            .to_line("RECURRENCE-ID"),
    );
    ev.push(
        zone.local_stamp(i64::from(info.start_date_time), 0, dates)
            .to_line("DTSTART"),
    );
    let end = i64::from(info.end_date_time).max(i64::from(info.start_date_time));
    ev.push(zone.local_stamp(end, 0, dates).to_line("DTEND"));
    let subject = arp
        .exception_subject(i, cp)
        .or_else(|| embedded.and_then(Message::subject))
        .or_else(|| m.subject());
    if let Some(s) = subject {
        ev.push(ContentLine::text("SUMMARY", &s));
    }
    if let Some(b) = embedded.and_then(Message::body) {
        ev.push(ContentLine::text("DESCRIPTION", &b));
    }
    let location = arp
        .exception_location(i, cp)
        .or_else(|| embedded.and_then(|e| e.location()))
        .or_else(|| m.location());
    if let Some(l) = location {
        ev.push(ContentLine::text("LOCATION", &l));
    }
    let busy = info.busy_status.or_else(|| m.busy_status());
    if let Some(b) = busy {
        ev.push(ContentLine::new(
            "TRANSP",
            if b.value() == 0 {
                "TRANSPARENT"
            } else {
                "OPAQUE"
            },
        ));
        if let Some(n) = busy_status_name(b) {
            ev.push(ContentLine::new("X-MICROSOFT-CDO-BUSYSTATUS", n));
        }
    }
    ev.push(ContentLine::new(
        "X-MICROSOFT-CDO-ALLDAYEVENT",
        bool_text(all_day),
    ));
    for keep in [
        "CLASS",
        "PRIORITY",
        "X-MICROSOFT-CDO-IMPORTANCE",
        "SEQUENCE",
        "DTSTAMP",
        "ORGANIZER",
        "ATTENDEE",
    ] {
        for l in base.properties_named(keep) {
            ev.push(l.clone());
        }
    }
    let reminder_set = info
        .reminder_set
        .map(|v| v != 0)
        .or_else(|| named_bool(m, &named::PidLidReminderSet))
        .unwrap_or(false);
    if reminder_set {
        let delta = info
            .reminder_delta
            .map(i64::from)
            .or_else(|| named_i64(m, &named::PidLidReminderDelta))
            .unwrap_or(15);
        let mut a = Component::new("VALARM");
        a.push(ContentLine::new("DESCRIPTION", "REMINDER"));
        a.push(
            ContentLine::new("TRIGGER", format_duration(-delta * 60))
                .with_param("RELATED", "START"),
        );
        a.push(ContentLine::new("ACTION", "DISPLAY"));
        ev.components.push(a);
    }
    if let Some(e) = embedded {
        let files = e.attachments.len();
        if files > 0 {
            report(
                session,
                format!("exception {i}: {files} attachment(s) of the exception"),
            )?;
        }
    }
    Ok(ev)
}

fn export_task(m: &Message, session: &mut Session) -> Result<Component> {
    let mut c = Component::new("VTODO");
    if let Some(s) = m.subject() {
        c.push(ContentLine::text("SUMMARY", &s));
    }
    if let Some(b) = m.body() {
        c.push(ContentLine::text("DESCRIPTION", &b));
    }
    if let Some(t) = named_time(m, &named::PidLidTaskStartDate) {
        c.push(utc_line("DTSTART", t));
    }
    if let Some(t) = named_time(m, &named::PidLidTaskDueDate) {
        c.push(utc_line("DUE", t));
    }
    if let Some(t) = named_time(m, &named::PidLidTaskDateCompleted) {
        c.push(utc_line("COMPLETED", t));
    }
    if let Some(p) = m
        .properties
        .get_named(&named::PidLidPercentComplete)
        .and_then(|v| match v {
            PropertyValue::Floating64(f) => Some(*f),
            _ => None,
        })
    {
        let pct = (p * 100.0).round().clamp(0.0, 100.0) as i64;
        c.push(ContentLine::new("PERCENT-COMPLETE", pct.to_string()));
    }
    if let Some(s) = named_i64(m, &named::PidLidTaskStatus) {
        let v = match s {
            0 => Some("NEEDS-ACTION"),
            1 => Some("IN-PROCESS"),
            2 => Some("COMPLETED"),
            4 => Some("CANCELLED"),
            _ => None,
        };
        match v {
            Some(v) => c.push(ContentLine::new("STATUS", v)),
            None => report(session, format!("PidLidTaskStatus {s} has no STATUS"))?,
        }
    }
    if let Some(i) = m.importance() {
        c.push(ContentLine::new(
            "PRIORITY",
            importance_to_priority(i).to_string(),
        ));
    }
    if let Some(s) = m.properties.get_i64(tags::PidTagSensitivity) {
        c.push(ContentLine::new("CLASS", sensitivity_to_class(s)));
    }
    if let Some(PropertyValue::MultipleString(cats)) =
        m.properties.get_named(&named::PidNameKeywords)
        && !cats.is_empty()
    {
        let v: Vec<String> = cats.iter().map(|c| escape_text(c.as_str())).collect();
        c.push(ContentLine::new("CATEGORIES", v.join(",")));
    }
    match m.task_recurrence(&Options::lenient()) {
        Some(Ok(p)) => match pattern_to_rrule(&p.value, 0, &TimeZone::utc(), false) {
            Ok(x) => {
                for n in &x.notes {
                    report(session, format!("task RRULE {}: {n}", x.rule))?;
                }
                c.push(ContentLine::new("RRULE", x.rule.to_string()));
            }
            Err(why) => report(session, format!("PidLidTaskRecurrence: {why}"))?,
        },
        Some(Err(e)) => {
            session.defect(e.context("PidLidTaskRecurrence"), "recurrence not exported")?
        }
        None => {}
    }
    if !m.attachments.is_empty() {
        report(
            session,
            format!("{} attachment(s) of a task", m.attachments.len()),
        )?;
    }
    Ok(c)
}
