//! [MS-OXCICAL] 2.1.3.1 import: iCalendar to Calendar objects.
//!
//! Every VEVENT without RECURRENCE-ID is one Calendar object; a VEVENT
//! with RECURRENCE-ID whose UID names a recurring object of the same
//! VCALENDAR becomes an exception of it (an ExceptionInfo and
//! ExtendedException in PidLidAppointmentRecur, and an embedded exception
//! message, [MS-OXOCAL] 2.2.10); one without a master is an object of its
//! own. VTODO is a Task object ([MS-OXOTASK]). Everything not mapped (a
//! property this conversion does not know, an RRULE outside the
//! templates, a TZID without VTIMEZONE) is a defect: an error in strict
//! mode, recorded in lenient mode.

use std::collections::HashMap;

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{AttachMethod, Attachment, Message, Recipient, RecipientType};
use ms_oxocal::time::{MINUTES_PER_DAY, civil_from_day, file_time_from_minutes};
use ms_oxocal::{
    AppointmentProperties, AppointmentRecurrencePattern, AppointmentStateFlags, BusyStatus,
    ChangeHighlight, ExceptionInfo, ExceptionTimes, ExtendedException, GlobalObjectId,
    NonUnicodeString, OverrideFlags, TimeZone, TzDefinition,
};
use ms_oxprops::{named, tags};
use msox_codec::{Decode, Decoded, ErrorKind, Options, Reader, Result, Utf16String};

use crate::contentline::{Component, ContentLine, Document, split_unescaped, unescape_text};
use crate::model::{
    Method, busy_status_from_name, class_to_sensitivity, partstat_to_response,
    priority_to_importance,
};
use crate::recur::{SeriesStart, rrule_to_pattern};
use crate::timezone::{definition_to_reg, mark_effective, vtimezone_to_definition};
use crate::value::{Recur, Timestamp, Zone, parse_duration};

/// The message class of an exception's embedded message ([MS-OXOCAL] 2.2.10.1.1).
pub const EXCEPTION_MESSAGE_CLASS: &str = "IPM.OLE.CLASS.{00061055-0000-0000-C000-000000000046}";

/// PidTagAttachmentFlags afException ([MS-OXOCAL] 2.2.10.1.2).
const AF_EXCEPTION: i32 = 0x0000_0002;

/// [MS-OXCICAL] 2.1.3.1 import: the Calendar (and Task) objects of an
/// iCalendar stream, with the defects of the read and of the conversion.
///
/// ```
/// use ms_oxcical::ics_to_messages;
/// use ms_oxocal::{AppointmentProperties, BusyStatus};
/// use msox_codec::Options;
/// let ics = "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n\
///            UID:abc-123\r\nSUMMARY:Planning\r\nDTSTART:20240102T090000Z\r\n\
///            DTEND:20240102T100000Z\r\nX-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE\r\n\
///            END:VEVENT\r\nEND:VCALENDAR\r\n";
/// let read = ics_to_messages(ics.as_bytes(), &Options::strict())?;
/// let m = &read.value[0];
/// assert_eq!(m.message_class().as_deref(), Some("IPM.Schedule.Meeting.Request"));
/// assert_eq!(m.subject().as_deref(), Some("Planning"));
/// assert_eq!(m.busy_status(), Some(BusyStatus::Tentative));
/// assert_eq!(m.appointment_duration(), Some(60));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn ics_to_messages(input: &[u8], options: &Options) -> Result<Decoded<Vec<Message>>> {
    msox_codec::decode_bytes_with_reader(input, options, |r| {
        let doc = Document::decode(r)?;
        r.frame("iCalendar", |r| import_document(r, &doc))
    })
}

/// The Calendar objects of a document already read (every VCALENDAR);
/// defects go to `r`'s session, at the offsets the document's lines have.
pub fn import_document(r: &mut Reader<'_>, doc: &Document) -> Result<Vec<Message>> {
    let mut out = Vec::new();
    for (i, c) in doc.components.iter().enumerate() {
        if c.name == "VCALENDAR" {
            r.frame_indexed("VCALENDAR", i, |r| import_calendar(r, c, &mut out))?;
        } else {
            not_mapped_component(r, c)?;
        }
    }
    Ok(out)
}

fn pos_of(line: &ContentLine) -> usize {
    line.offset.unwrap_or(0)
}

fn not_mapped(r: &mut Reader<'_>, line: &ContentLine, why: &str) -> Result<()> {
    r.defect_at(
        ErrorKind::Unsupported(format!("{}: {why}", line.name).into()),
        pos_of(line),
        "not imported",
    )
}

fn unknown_property(r: &mut Reader<'_>, line: &ContentLine) -> Result<()> {
    not_mapped(r, line, "no mapping to a property of the object")
}

fn not_mapped_component(r: &mut Reader<'_>, c: &Component) -> Result<()> {
    r.defect_at(
        ErrorKind::Unsupported(format!("component {} is not mapped", c.name).into()),
        c.offset.unwrap_or(0),
        "not imported",
    )
}

fn bad_value(r: &mut Reader<'_>, line: &ContentLine) -> Result<()> {
    r.defect_at(
        ErrorKind::Malformed(
            format!(
                "{} has a value that is not valid: {:?}",
                line.name, line.value
            )
            .into(),
        ),
        pos_of(line),
        "property not imported",
    )
}

/// UTC minutes + seconds as a FILETIME (`None` outside its range).
pub(crate) fn file_time(utc_minutes: i64, second: u8) -> Option<FileTime> {
    let ft = file_time_from_minutes(utc_minutes)?;
    Some(FileTime(ft.0.checked_add(u64::from(second) * 10_000_000)?))
}

/// Per-VCALENDAR state: METHOD and the VTIMEZONEs by TZID.
struct Calendar<'c> {
    method: Method,
    zones: HashMap<String, &'c Component>,
    defs: HashMap<String, Option<TzDefinition>>,
    missing_reported: Vec<String>,
}

/// A DATE / DATE-TIME placed in UTC.
#[derive(Debug, Clone)]
struct Placed {
    utc: i64,
    second: u8,
    /// The zone's definition and TZID, for zoned values.
    zone: Option<(String, TzDefinition, TimeZone)>,
    date: bool,
    floating: bool,
}

impl<'c> Calendar<'c> {
    fn definition(
        &mut self,
        r: &mut Reader<'_>,
        tzid: &str,
        year: i64,
        recur: bool,
    ) -> Result<Option<TzDefinition>> {
        let key = tzid.trim().trim_matches('"').to_string();
        if !self.defs.contains_key(&key) {
            let comp = self.zones.get(&key).copied().or_else(|| {
                self.zones
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(&key))
                    .map(|(_, c)| *c)
            });
            let def = match comp {
                Some(c) => vtimezone_to_definition(r, c, year, recur)?,
                None => None,
            };
            self.defs.insert(key.clone(), def);
        }
        let mut def = self.defs.get(&key).cloned().flatten();
        if let Some(d) = def.as_mut() {
            mark_effective(&mut d.rules, year, recur);
        }
        Ok(def)
    }

    fn place(&mut self, r: &mut Reader<'_>, ts: &Timestamp, pos: usize) -> Result<Placed> {
        let (local, second) = ts.local_minutes().unwrap_or((0, 0));
        let year = civil_from_day(local.div_euclid(MINUTES_PER_DAY)).0;
        match ts.zone() {
            None => Ok(Placed {
                utc: local,
                second,
                zone: None,
                date: true,
                floating: true,
            }),
            Some(Zone::Utc) => Ok(Placed {
                utc: local,
                second,
                zone: None,
                date: false,
                floating: false,
            }),
            Some(Zone::Floating) => Ok(Placed {
                utc: local,
                second,
                zone: None,
                date: false,
                floating: true,
            }),
            Some(Zone::Tzid(id)) => {
                let id = id.clone();
                match self.definition(r, &id, year, false)? {
                    Some(def) => match TimeZone::from_definition(&def) {
                        Ok(tz) => Ok(Placed {
                            utc: tz.local_to_utc(local),
                            second,
                            zone: Some((id, def, tz)),
                            date: false,
                            floating: false,
                        }),
                        Err(e) => {
                            r.defect_at(e.kind().clone(), pos, "the time read as UTC")?;
                            Ok(Placed {
                                utc: local,
                                second,
                                zone: None,
                                date: false,
                                floating: false,
                            })
                        }
                    },
                    None => {
                        let utc_names = ["UTC", "GMT", "ETC/UTC", "Z", "ETC/GMT"];
                        if !utc_names.contains(&id.trim().to_ascii_uppercase().as_str())
                            && !self.missing_reported.contains(&id)
                        {
                            self.missing_reported.push(id.clone());
                            r.defect_at(
                                ErrorKind::Unsupported(
                                    format!("TZID {id:?} has no VTIMEZONE in this calendar").into(),
                                ),
                                pos,
                                "its local times read as UTC",
                            )?;
                        }
                        Ok(Placed {
                            utc: local,
                            second,
                            zone: None,
                            date: false,
                            floating: false,
                        })
                    }
                }
            }
        }
    }
}

fn import_calendar(r: &mut Reader<'_>, cal: &Component, out: &mut Vec<Message>) -> Result<()> {
    let mut method = Method::Publish;
    for line in &cal.properties {
        match line.name.as_str() {
            "METHOD" => match Method::parse(&line.value) {
                Some(m) => method = m,
                None => not_mapped(r, line, "a METHOD [MS-OXCICAL] does not define")?,
            },
            "PRODID" | "VERSION" => {}
            "CALSCALE" if line.value.trim().eq_ignore_ascii_case("GREGORIAN") => {}
            _ => unknown_property(r, line)?,
        }
    }
    let mut zones = HashMap::new();
    for c in cal.components_named("VTIMEZONE") {
        if let Some(id) = c.property("TZID") {
            zones
                .entry(id.text_value().trim().trim_matches('"').to_string())
                .or_insert(c);
        }
    }
    let mut ctx = Calendar {
        method,
        zones,
        defs: HashMap::new(),
        missing_reported: Vec::new(),
    };
    let mut drafts: Vec<Draft> = Vec::new();
    let mut by_uid: HashMap<String, usize> = HashMap::new();
    let mut instances: Vec<(usize, &Component)> = Vec::new();
    for (i, c) in cal.components.iter().enumerate() {
        match c.name.as_str() {
            "VTIMEZONE" => {}
            "VEVENT" => {
                if c.property("RECURRENCE-ID").is_some() {
                    instances.push((i, c));
                    continue;
                }
                let d = r.frame_indexed("VEVENT", i, |r| event_draft(r, &mut ctx, c, false))?;
                if let Some(uid) = &d.uid {
                    by_uid.entry(uid.clone()).or_insert(drafts.len());
                }
                drafts.push(d);
            }
            "VTODO" => {
                let m = r.frame_indexed("VTODO", i, |r| task_message(r, &mut ctx, c))?;
                drafts.push(Draft::plain(m));
            }
            _ => not_mapped_component(r, c)?,
        }
    }
    for (i, c) in instances {
        let uid = c.property("UID").map(|l| l.text_value());
        let master = uid
            .as_ref()
            .and_then(|u| by_uid.get(u).copied())
            .filter(|&m| drafts.get(m).is_some_and(|d| d.recur.is_some()));
        match master {
            Some(m) => {
                r.frame_indexed("VEVENT", i, |r| {
                    let ex = event_draft(r, &mut ctx, c, true)?;
                    match drafts.get_mut(m) {
                        Some(master) => add_exception(r, &mut ctx, master, ex, c),
                        None => Ok(()),
                    }
                })?;
            }
            None => {
                let d = r.frame_indexed("VEVENT", i, |r| event_draft(r, &mut ctx, c, true))?;
                drafts.push(d);
            }
        }
    }
    for d in drafts {
        out.push(d.finish(r)?);
    }
    Ok(())
}

/// A recurring series being imported.
struct RecurState {
    arp: AppointmentRecurrencePattern,
    tz: TimeZone,
    /// The series' TZID (`None`: UTC, floating or DATE values).
    tzid: Option<String>,
    /// Whether DTSTART is a DATE (an all-day series kept in dates).
    date_based: bool,
    exceptions: Vec<(ExceptionInfo, ExtendedException, Attachment)>,
    deleted: Vec<u32>,
}

/// An object being imported (exceptions are added before it is finished).
struct Draft {
    msg: Message,
    uid: Option<String>,
    recur: Option<RecurState>,
    /// What the exceptions compare with.
    subject: Option<String>,
    location: Option<String>,
    busy: Option<BusyStatus>,
    all_day: bool,
    reminder: Option<i64>,
    start_utc: i64,
    end_utc: i64,
    start_second: u8,
    end_second: u8,
    /// DTSTART / DTEND on their own wall clock, and DTSTART's TZID.
    start_wall: i64,
    end_wall: i64,
    start_tzid: Option<String>,
}

impl Draft {
    fn plain(msg: Message) -> Self {
        Draft {
            msg,
            uid: None,
            recur: None,
            subject: None,
            location: None,
            busy: None,
            all_day: false,
            reminder: None,
            start_utc: 0,
            end_utc: 0,
            start_second: 0,
            end_second: 0,
            start_wall: 0,
            end_wall: 0,
            start_tzid: None,
        }
    }

    fn finish(mut self, r: &mut Reader<'_>) -> Result<Message> {
        if let Some(mut st) = self.recur.take() {
            st.exceptions.sort_by_key(|(e, _, _)| e.start_date_time);
            let mut deleted = st.deleted.clone();
            let mut modified = Vec::new();
            for (e, _, _) in &st.exceptions {
                deleted.push(day_floor(e.original_start_date));
                modified.push(day_floor(e.start_date_time));
            }
            deleted.sort_unstable();
            deleted.dedup();
            modified.sort_unstable();
            let p = &mut st.arp.recurrence_pattern;
            p.deleted_instance_dates = deleted;
            p.modified_instance_dates = modified;
            for (e, x, a) in st.exceptions {
                st.arp.exception_info.push(e);
                st.arp.extended_exceptions.push(x);
                self.msg.attachments.push(a);
            }
            if let Err(e) = self.msg.set_appointment_recur(&st.arp) {
                r.tolerate(e, "PidLidAppointmentRecur not set")?;
            }
        }
        Ok(self.msg)
    }
}

fn day_floor(minutes: u32) -> u32 {
    minutes - minutes % 1440
}

fn set_str_named(m: &mut Message, p: &ms_oxprops::Named, text: &str) {
    m.properties
        .set_named(p, PropertyValue::String(Utf16String::new(text)));
}

fn set_time_named(m: &mut Message, p: &ms_oxprops::Named, t: Option<FileTime>) {
    if let Some(t) = t {
        m.properties.set_named(p, PropertyValue::Time(t));
    }
}

fn mailto(v: &str) -> String {
    let t = v.trim();
    match t.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("mailto:") => t.get(7..).unwrap_or("").to_string(),
        _ => t.to_string(),
    }
}

fn bool_value(v: &str) -> Option<bool> {
    match v.trim().to_ascii_uppercase().as_str() {
        "TRUE" => Some(true),
        "FALSE" => Some(false),
        _ => None,
    }
}

/// The properties of a VEVENT or VTODO that the conversion reads in a
/// first pass (the rest are read in order).
const FIRST_PASS: &[&str] = &[
    "DTSTART",
    "DTEND",
    "DURATION",
    "DUE",
    "RRULE",
    "X-MICROSOFT-RRULE",
    "EXDATE",
    "X-MICROSOFT-EXDATE",
    "RECURRENCE-ID",
    "UID",
    "X-MICROSOFT-CDO-ALLDAYEVENT",
    "X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT",
];

fn event_draft(
    r: &mut Reader<'_>,
    ctx: &mut Calendar<'_>,
    ev: &Component,
    instance: bool,
) -> Result<Draft> {
    let method = ctx.method;
    // the one attendee's PARTSTAT decides a REPLY's class
    let partstat = ev
        .property("ATTENDEE")
        .and_then(|a| a.param("PARTSTAT"))
        .map(str::to_string);
    let mut m = Message::new(method.message_class(partstat.as_deref()));
    if method == Method::Counter {
        m.properties.set_named(
            &named::PidLidAppointmentCounterProposal,
            PropertyValue::Boolean(true),
        );
    }
    let uid = ev.property("UID").map(|l| l.text_value());
    // identity
    if let Some(u) = &uid {
        let goid = GlobalObjectId::from_ical_uid(u);
        let mut instance_goid = goid.clone();
        if instance
            && let Some(l) = ev.property("RECURRENCE-ID")
            && let Some(t) = Timestamp::from_line(l)
        {
            let p = ctx.place(r, &t, pos_of(l))?;
            let local = match &p.zone {
                Some((_, _, tz)) => tz.utc_to_local(p.utc),
                None => p.utc,
            };
            let (y, mo, d) = civil_from_day(local.div_euclid(MINUTES_PER_DAY));
            instance_goid = goid
                .clone()
                .with_instance_date(u16::try_from(y).unwrap_or(0), mo, d);
            set_time_named(
                &mut m,
                &named::PidLidExceptionReplaceTime,
                file_time(p.utc, p.second),
            );
            m.properties
                .set_named(&named::PidLidIsException, PropertyValue::Boolean(true));
            if l.param("RANGE").is_some() {
                not_mapped(r, l, "RANGE=THISANDFUTURE has no Calendar object form")?;
            }
        }
        let set = m
            .set_global_object_id(&instance_goid)
            .and_then(|()| m.set_clean_global_object_id(&goid));
        if let Err(e) = set {
            r.tolerate(e, "PidLidGlobalObjectId not set")?;
        }
    }
    // times
    let dtstart = ev.property("DTSTART");
    let start_ts = dtstart.and_then(Timestamp::from_line);
    let Some(start_ts) = start_ts else {
        let (kind, pos) = match dtstart {
            Some(l) => (
                ErrorKind::Malformed(
                    format!("DTSTART {:?} is not a date or date-time", l.value).into(),
                ),
                pos_of(l),
            ),
            None => (
                ErrorKind::Malformed("VEVENT without DTSTART".into()),
                ev.offset.unwrap_or(0),
            ),
        };
        r.defect_at(kind, pos, "the object has no start and end")?;
        let mut d = Draft::plain(m);
        d.uid = uid;
        import_rest(r, ctx, ev, &mut d)?;
        return Ok(d);
    };
    let start = ctx.place(r, &start_ts, dtstart.map_or(0, pos_of))?;
    let mut end = start.clone();
    // DTEND on its own wall clock, when it is in DTSTART's zone
    let mut end_wall_own: Option<i64> = None;
    if let Some(l) = ev.property("DTEND") {
        match Timestamp::from_line(l) {
            Some(t) => {
                if t.zone() == start_ts.zone() {
                    end_wall_own = t.local_minutes().map(|(m, _)| m);
                }
                end = ctx.place(r, &t, pos_of(l))?;
            }
            None => bad_value(r, l)?,
        }
    } else if let Some(l) = ev.property("DURATION") {
        match parse_duration(&l.value) {
            Some(s) => {
                let total = i64::from(start.second) + s;
                end.utc = start.utc + total.div_euclid(60);
                end.second = u8::try_from(total.rem_euclid(60)).unwrap_or(0);
            }
            None => bad_value(r, l)?,
        }
    } else if start.date {
        end.utc = start.utc + MINUTES_PER_DAY;
    }
    let flag = |name: &str| ev.property(name).and_then(|l| bool_value(&l.value));
    let all_day = flag("X-MICROSOFT-CDO-ALLDAYEVENT")
        .or_else(|| flag("X-MICROSOFT-MSNCALENDAR-ALLDAYEVENT"))
        .unwrap_or(
            (start.date && end.date)
                || (start.floating
                    && end.floating
                    && start.utc % MINUTES_PER_DAY == 0
                    && end.utc % MINUTES_PER_DAY == 0
                    && end.utc > start.utc),
        );
    let start_ft = file_time(start.utc, start.second);
    let end_ft = file_time(end.utc, end.second);
    if method == Method::Counter {
        set_time_named(
            &mut m,
            &named::PidLidAppointmentProposedStartWhole,
            start_ft,
        );
        set_time_named(&mut m, &named::PidLidAppointmentProposedEndWhole, end_ft);
    } else {
        set_time_named(&mut m, &named::PidLidAppointmentStartWhole, start_ft);
        set_time_named(&mut m, &named::PidLidAppointmentEndWhole, end_ft);
    }
    set_time_named(&mut m, &named::PidLidCommonStart, start_ft);
    set_time_named(&mut m, &named::PidLidCommonEnd, end_ft);
    if let Some(t) = start_ft {
        m.properties
            .set(tags::PidTagStartDate, PropertyValue::Time(t));
    }
    if let Some(t) = end_ft {
        m.properties
            .set(tags::PidTagEndDate, PropertyValue::Time(t));
    }
    let duration = i32::try_from(end.utc - start.utc).unwrap_or(i32::MAX);
    m.properties.set_named(
        &named::PidLidAppointmentDuration,
        PropertyValue::Integer32(duration),
    );
    m.set_all_day(all_day);
    // display zones
    if let Some((id, def, _)) = &start.zone {
        if let Err(e) = set_def(
            &mut m,
            &named::PidLidAppointmentTimeZoneDefinitionStartDisplay,
            def,
        ) {
            r.tolerate(e, "PidLidAppointmentTimeZoneDefinitionStartDisplay not set")?;
        }
        set_str_named(&mut m, &named::PidLidTimeZoneDescription, id);
    }
    if let Some((_, def, _)) = &end.zone
        && let Err(e) = set_def(
            &mut m,
            &named::PidLidAppointmentTimeZoneDefinitionEndDisplay,
            def,
        )
    {
        r.tolerate(e, "PidLidAppointmentTimeZoneDefinitionEndDisplay not set")?;
    }
    let mut d = Draft {
        msg: m,
        uid,
        recur: None,
        subject: None,
        location: None,
        busy: None,
        all_day,
        reminder: None,
        start_utc: start.utc,
        end_utc: end.utc,
        start_second: start.second,
        end_second: end.second,
        start_wall: start_ts.local_minutes().map_or(start.utc, |(m, _)| m),
        end_wall: end_wall_own.unwrap_or_else(|| {
            start_ts.local_minutes().map_or(end.utc, |(m, _)| m) + (end.utc - start.utc)
        }),
        start_tzid: start.zone.as_ref().map(|(id, _, _)| id.clone()),
    };
    // recurrence
    let rrules: Vec<&ContentLine> = ev
        .properties
        .iter()
        .filter(|l| l.name == "RRULE" || l.name == "X-MICROSOFT-RRULE")
        .collect();
    if let Some(first) = rrules.first() {
        if instance {
            not_mapped(r, first, "an RRULE on an instance (RECURRENCE-ID)")?;
        } else {
            for extra in rrules.iter().skip(1) {
                not_mapped(r, extra, "a second RRULE")?;
            }
            import_recurrence(r, ctx, ev, first, &start, &start_ts, &mut d)?;
        }
    } else {
        for l in ev
            .properties
            .iter()
            .filter(|l| l.name == "EXDATE" || l.name == "X-MICROSOFT-EXDATE")
        {
            not_mapped(r, l, "EXDATE without an RRULE")?;
        }
    }
    import_rest(r, ctx, ev, &mut d)?;
    Ok(d)
}

fn set_def(m: &mut Message, p: &ms_oxprops::Named, def: &TzDefinition) -> Result<()> {
    use msox_codec::Encode;
    m.properties
        .set_named(p, PropertyValue::Binary(def.to_vec()?));
    Ok(())
}

/// A DATE / DATE-TIME of a series (EXDATE, RECURRENCE-ID) as the series'
/// local wall-clock minutes: its own wall clock when it is a DATE, floating,
/// in the series' TZID or the series is kept in dates (all-day: Exchange
/// writes `EXDATE;TZID=...:20210409T000000` for the instance of April 9);
/// else converted through UTC.
fn series_local(
    ctx: &mut Calendar<'_>,
    r: &mut Reader<'_>,
    t: &Timestamp,
    pos: usize,
    tz: &TimeZone,
    series_tzid: Option<&str>,
    date_based: bool,
) -> Result<Option<i64>> {
    let Some((wall, _)) = t.local_minutes() else {
        return Ok(None);
    };
    let own_clock = date_based
        || match t.zone() {
            None | Some(Zone::Floating) => true,
            Some(Zone::Tzid(id)) => series_tzid.is_some_and(|s| s == id),
            Some(Zone::Utc) => series_tzid.is_none(),
        };
    if own_clock {
        return Ok(Some(wall));
    }
    let p = ctx.place(r, t, pos)?;
    Ok(Some(tz.utc_to_local(p.utc)))
}

#[allow(clippy::too_many_arguments)]
fn import_recurrence(
    r: &mut Reader<'_>,
    ctx: &mut Calendar<'_>,
    ev: &Component,
    line: &ContentLine,
    start: &Placed,
    start_ts: &Timestamp,
    d: &mut Draft,
) -> Result<()> {
    let rule = match Recur::parse(&line.value) {
        Ok(rule) => rule,
        Err(e) => return not_mapped(r, line, &e),
    };
    // the series' zone: DTSTART's, or UTC for UTC, floating and DATE values
    let (local_start, tzid, def) = match &start.zone {
        Some((id, _, tz)) => {
            let year = civil_from_day(start.utc.div_euclid(MINUTES_PER_DAY)).0;
            let def = ctx.definition(r, id, year, true)?;
            (
                // DTSTART's own wall clock (a time in a spring-forward gap
                // stays the series' time of day)
                start_ts
                    .local_minutes()
                    .map_or_else(|| tz.utc_to_local(start.utc), |(m, _)| m),
                id.clone(),
                def,
            )
        }
        None => (start.utc, "UTC".to_string(), None),
    };
    let def = def
        .unwrap_or_else(|| crate::timezone::reg_to_definition(&tzid, &ms_oxocal::TzReg::default()));
    let tz = match TimeZone::from_definition(&def) {
        Ok(tz) => tz,
        Err(e) => {
            r.defect_at(e.kind().clone(), pos_of(line), "recurrence not imported")?;
            return Ok(());
        }
    };
    let series = SeriesStart {
        start_local: local_start,
        all_day: start_ts.is_date(),
        tz: &tz,
    };
    let limits = *r.limits();
    let mut pattern = match rrule_to_pattern(&rule, &series, &limits)? {
        Ok(p) => p,
        Err(why) => {
            return not_mapped(
                r,
                line,
                &format!("the rule is outside the [MS-OXCICAL] 2.1.3.2.2 templates ({why})"),
            );
        }
    };
    if line.name == "X-MICROSOFT-RRULE"
        && let Some(cs) = ev.property("X-MICROSOFT-CALSCALE")
    {
        not_mapped(
            r,
            cs,
            "calendar scales other than Gregorian are not imported",
        )?;
    }
    // deleted instances
    let mut deleted = Vec::new();
    for l in ev
        .properties
        .iter()
        .filter(|l| l.name == "EXDATE" || l.name == "X-MICROSOFT-EXDATE")
    {
        let (dates, bad) = Timestamp::list_from_line(l);
        for b in bad {
            r.defect_at(
                ErrorKind::Malformed(format!("EXDATE value {b:?} is not a date").into()),
                pos_of(l),
                "value ignored",
            )?;
        }
        r.charge_items(dates.len(), "EXDATE values")?;
        let series_tzid = start.zone.as_ref().map(|(id, _, _)| id.as_str());
        for t in dates {
            let local =
                match series_local(ctx, r, &t, pos_of(l), &tz, series_tzid, start_ts.is_date())? {
                    Some(v) => v,
                    None => continue,
                };
            if let Ok(v) = u32::try_from(local.div_euclid(MINUTES_PER_DAY) * MINUTES_PER_DAY) {
                deleted.push(v);
            }
        }
    }
    for l in ev.properties_named("RDATE") {
        not_mapped(r, l, "RDATE has no RecurrencePattern form")?;
    }
    pattern.calendar_type = ms_oxocal::CalendarType::Default;
    let time_of_day = local_start.rem_euclid(MINUTES_PER_DAY);
    // every occurrence lasts DTEND - DTSTART of elapsed time (RFC 5545
    // 3.8.5.3), as ms-oxocal expands EndTimeOffset - StartTimeOffset
    let duration = (d.end_utc - d.start_utc).max(0);
    let start_off = u32::try_from(time_of_day).unwrap_or(0);
    let end_off = u32::try_from(time_of_day + duration).unwrap_or(start_off);
    let arp = AppointmentRecurrencePattern {
        recurrence_pattern: pattern,
        start_time_offset: start_off,
        end_time_offset: end_off,
        ..AppointmentRecurrencePattern::default()
    };
    let m = &mut d.msg;
    m.set_recurring(true);
    m.properties
        .set_named(&named::PidLidIsRecurring, PropertyValue::Boolean(true));
    let rp = &arp.recurrence_pattern;
    set_time_named(
        m,
        &named::PidLidClipStart,
        file_time(i64::from(rp.start_date), 0),
    );
    set_time_named(
        m,
        &named::PidLidClipEnd,
        file_time(i64::from(rp.end_date), 0),
    );
    if let Err(e) = m.set_time_zone_definition_recur(&def) {
        r.tolerate(e, "PidLidAppointmentTimeZoneDefinitionRecur not set")?;
    }
    if let Some(reg) = definition_to_reg(&def)
        && let Err(e) = m.set_time_zone_struct(&reg)
    {
        r.tolerate(e, "PidLidTimeZoneStruct not set")?;
    }
    set_str_named(m, &named::PidLidTimeZoneDescription, &tzid);
    d.recur = Some(RecurState {
        arp,
        tz,
        tzid: start.zone.as_ref().map(|(id, _, _)| id.clone()),
        date_based: start_ts.is_date(),
        exceptions: Vec::new(),
        deleted,
    });
    Ok(())
}

/// Everything but the first-pass properties, in order.
fn import_rest(
    r: &mut Reader<'_>,
    ctx: &mut Calendar<'_>,
    ev: &Component,
    d: &mut Draft,
) -> Result<()> {
    let method = ctx.method;
    let mut importance_set = false;
    let mut busy_set = false;
    let mut sequence_set = false;
    let mut transp: Option<bool> = None;
    for line in &ev.properties {
        if FIRST_PASS.contains(&line.name.as_str()) {
            continue;
        }
        let m = &mut d.msg;
        match line.name.as_str() {
            "SUMMARY" => {
                let s = line.text_value();
                m.set_subject(&s);
                m.properties.set_str(tags::PidTagNormalizedSubject, &s);
                d.subject = Some(s);
            }
            "DESCRIPTION" => m.set_body(&line.text_value()),
            "LOCATION" => {
                let s = line.text_value();
                m.set_location(&s);
                d.location = Some(s);
            }
            "X-ALT-DESC"
                if line
                    .param("FMTTYPE")
                    .is_some_and(|f| f.eq_ignore_ascii_case("text/html")) =>
            {
                m.set_html_body(line.text_value().into_bytes());
            }
            "CLASS" => match class_to_sensitivity(&line.value) {
                Some(v) => m
                    .properties
                    .set(tags::PidTagSensitivity, PropertyValue::Integer32(v)),
                None => bad_value(r, line)?,
            },
            "PRIORITY" => match line.value.trim().parse::<i64>() {
                Ok(p) => {
                    if !importance_set {
                        m.properties.set(
                            tags::PidTagImportance,
                            PropertyValue::Integer32(priority_to_importance(p)),
                        );
                    }
                }
                Err(_) => bad_value(r, line)?,
            },
            "X-MICROSOFT-CDO-IMPORTANCE" | "X-MICROSOFT-MSNCALENDAR-IMPORTANCE" => {
                match line.value.trim().parse::<i32>() {
                    Ok(v @ 0..=2) => {
                        m.properties
                            .set(tags::PidTagImportance, PropertyValue::Integer32(v));
                        importance_set = true;
                    }
                    _ => bad_value(r, line)?,
                }
            }
            "TRANSP" => match line.value.trim().to_ascii_uppercase().as_str() {
                "TRANSPARENT" => transp = Some(true),
                "OPAQUE" => transp = Some(false),
                _ => bad_value(r, line)?,
            },
            "X-MICROSOFT-CDO-BUSYSTATUS" | "X-MICROSOFT-MSNCALENDAR-BUSYSTATUS" => {
                match busy_status_from_name(&line.value) {
                    Some(b) => {
                        m.set_busy_status(b);
                        d.busy = Some(b);
                        busy_set = true;
                    }
                    None => bad_value(r, line)?,
                }
            }
            "X-MICROSOFT-CDO-INTENDEDSTATUS" | "X-MICROSOFT-MSNCALENDAR-INTENDEDSTATUS" => {
                match busy_status_from_name(&line.value) {
                    Some(b) => m.properties.set_named(
                        &named::PidLidIntendedBusyStatus,
                        PropertyValue::Integer32(b.value() as i32),
                    ),
                    None => bad_value(r, line)?,
                }
            }
            "SEQUENCE" | "X-MICROSOFT-CDO-APPT-SEQUENCE" => {
                match line.value.trim().parse::<i32>() {
                    Ok(v) => {
                        if line.name != "SEQUENCE" || !sequence_set {
                            m.properties.set_named(
                                &named::PidLidAppointmentSequence,
                                PropertyValue::Integer32(v),
                            );
                        }
                        if line.name != "SEQUENCE" {
                            sequence_set = true;
                        }
                    }
                    Err(_) => bad_value(r, line)?,
                }
            }
            "X-MICROSOFT-CDO-OWNERAPPTID" => match line.value.trim().parse::<i64>() {
                Ok(v) => m.properties.set(
                    tags::PidTagOwnerAppointmentId,
                    PropertyValue::Integer32(v as i32),
                ),
                Err(_) => bad_value(r, line)?,
            },
            "X-MS-OLK-APPTLASTSEQUENCE" => match line.value.trim().parse::<i32>() {
                Ok(v) => m.properties.set_named(
                    &named::PidLidAppointmentLastSequence,
                    PropertyValue::Integer32(v),
                ),
                Err(_) => bad_value(r, line)?,
            },
            "X-MS-OLK-CONFTYPE" => match line.value.trim().parse::<i32>() {
                Ok(v) => m
                    .properties
                    .set_named(&named::PidLidConferencingType, PropertyValue::Integer32(v)),
                Err(_) => bad_value(r, line)?,
            },
            "X-MS-OLK-ALLOWEXTERNCHECK"
            | "X-MS-OLK-AUTOFILLLOCATION"
            | "X-MS-OLK-AUTOSTARTCHECK"
            | "X-MS-OLK-COLLABORATEDOC"
            | "X-MICROSOFT-DISALLOW-COUNTER" => {
                let p = match line.name.as_str() {
                    "X-MS-OLK-ALLOWEXTERNCHECK" => &named::PidLidAllowExternalCheck,
                    "X-MS-OLK-AUTOFILLLOCATION" => &named::PidLidAutoFillLocation,
                    "X-MS-OLK-AUTOSTARTCHECK" => &named::PidLidAutoStartCheck,
                    "X-MS-OLK-COLLABORATEDOC" => &named::PidLidCollaborateDoc,
                    _ => &named::PidLidAppointmentNotAllowPropose,
                };
                match bool_value(&line.value) {
                    Some(b) => m.properties.set_named(p, PropertyValue::Boolean(b)),
                    None => bad_value(r, line)?,
                }
            }
            "X-MS-OLK-MWSURL" => {
                set_str_named(m, &named::PidLidMeetingWorkspaceUrl, &line.text_value())
            }
            "DTSTAMP"
            | "X-MICROSOFT-CDO-REPLYTIME"
            | "X-MS-OLK-APPTSEQTIME"
            | "CREATED"
            | "LAST-MODIFIED"
            | "X-MICROSOFT-CDO-OWNER-CRITICAL-CHANGE"
            | "X-MICROSOFT-CDO-ATTENDEE-CRITICAL-CHANGE" => {
                let Some(t) = Timestamp::from_line(line) else {
                    bad_value(r, line)?;
                    continue;
                };
                let p = ctx.place(r, &t, pos_of(line))?;
                let Some(ft) = file_time(p.utc, p.second) else {
                    continue;
                };
                let m = &mut d.msg;
                match line.name.as_str() {
                    "DTSTAMP" => {
                        let prop = if matches!(method, Method::Reply | Method::Counter) {
                            &named::PidLidAttendeeCriticalChange
                        } else {
                            &named::PidLidOwnerCriticalChange
                        };
                        m.properties.set_named(prop, PropertyValue::Time(ft));
                    }
                    "X-MICROSOFT-CDO-REPLYTIME" => m
                        .properties
                        .set_named(&named::PidLidAppointmentReplyTime, PropertyValue::Time(ft)),
                    "X-MS-OLK-APPTSEQTIME" => m.properties.set_named(
                        &named::PidLidAppointmentSequenceTime,
                        PropertyValue::Time(ft),
                    ),
                    "CREATED" => m
                        .properties
                        .set(tags::PidTagCreationTime, PropertyValue::Time(ft)),
                    "LAST-MODIFIED" => m
                        .properties
                        .set(tags::PidTagLastModificationTime, PropertyValue::Time(ft)),
                    "X-MICROSOFT-CDO-OWNER-CRITICAL-CHANGE" => m
                        .properties
                        .set_named(&named::PidLidOwnerCriticalChange, PropertyValue::Time(ft)),
                    _ => m.properties.set_named(
                        &named::PidLidAttendeeCriticalChange,
                        PropertyValue::Time(ft),
                    ),
                }
            }
            "STATUS" => match line.value.trim().to_ascii_uppercase().as_str() {
                "CANCELLED" => {
                    let flags = m
                        .appointment_state_flags()
                        .unwrap_or(AppointmentStateFlags::EMPTY)
                        | AppointmentStateFlags::CANCELED;
                    m.properties.set_named(
                        &named::PidLidAppointmentStateFlags,
                        PropertyValue::Integer32(flags.0 as i32),
                    );
                }
                "CONFIRMED" | "TENTATIVE" => {}
                _ => bad_value(r, line)?,
            },
            "CATEGORIES" => {
                let mut cats: Vec<Utf16String> =
                    match m.properties.get_named(&named::PidNameKeywords) {
                        Some(PropertyValue::MultipleString(v)) => v.clone(),
                        _ => Vec::new(),
                    };
                for c in split_unescaped(&line.value, ',') {
                    let c = unescape_text(c);
                    if !c.is_empty() {
                        cats.push(Utf16String::new(&c));
                    }
                }
                m.properties
                    .set_named(&named::PidNameKeywords, PropertyValue::MultipleString(cats));
            }
            "ATTACH" => import_attach(r, m, line)?,
            "ORGANIZER" => import_organizer(m, line),
            "ATTENDEE" => import_attendee(r, m, line, method)?,
            "X-MICROSOFT-CDO-INSTTYPE" | "X-MICROSOFT-CALSCALE" => {}
            _ => unknown_property(r, line)?,
        }
    }
    if !busy_set && let Some(t) = transp {
        let b = if t {
            BusyStatus::Free
        } else {
            BusyStatus::Busy
        };
        d.msg.set_busy_status(b);
        d.busy = Some(b);
    }
    if method == Method::Request
        || method == Method::Cancel
        || method == Method::Reply
        || method == Method::Counter
        || d.msg.recipients.iter().any(|_| true)
    {
        let flags = d
            .msg
            .appointment_state_flags()
            .unwrap_or(AppointmentStateFlags::EMPTY);
        let mut f = flags | AppointmentStateFlags::MEETING;
        if method != Method::Publish {
            f |= AppointmentStateFlags::RECEIVED;
        }
        if method == Method::Cancel {
            f |= AppointmentStateFlags::CANCELED;
        }
        d.msg.properties.set_named(
            &named::PidLidAppointmentStateFlags,
            PropertyValue::Integer32(f.0 as i32),
        );
    }
    // alarms
    let mut alarms = ev.components_named("VALARM");
    if let Some(a) = alarms.next() {
        import_alarm(r, ctx, d, a)?;
    }
    for a in alarms {
        r.defect_at(
            ErrorKind::Unsupported("a second VALARM (an object has one reminder)".into()),
            a.offset.unwrap_or(0),
            "not imported",
        )?;
    }
    for c in &ev.components {
        if c.name != "VALARM" {
            not_mapped_component(r, c)?;
        }
    }
    Ok(())
}

fn import_alarm(
    r: &mut Reader<'_>,
    ctx: &mut Calendar<'_>,
    d: &mut Draft,
    a: &Component,
) -> Result<()> {
    let Some(trigger) = a.property("TRIGGER") else {
        return r.defect_at(
            ErrorKind::Malformed("VALARM without TRIGGER".into()),
            a.offset.unwrap_or(0),
            "no reminder imported",
        );
    };
    let start_s = d.start_utc * 60 + i64::from(d.start_second);
    let end_s = d.end_utc * 60 + i64::from(d.end_second);
    let fire_s = if let Some(s) = parse_duration(&trigger.value) {
        let base = if trigger
            .param("RELATED")
            .is_some_and(|v| v.eq_ignore_ascii_case("END"))
        {
            end_s
        } else {
            start_s
        };
        base + s
    } else if let Some(t) = Timestamp::from_line(trigger) {
        let p = ctx.place(r, &t, pos_of(trigger))?;
        p.utc * 60 + i64::from(p.second)
    } else {
        return bad_value(r, trigger);
    };
    let delta = ((start_s - fire_s) / 60).unsigned_abs();
    let delta = i32::try_from(delta).unwrap_or(i32::MAX);
    let m = &mut d.msg;
    m.properties
        .set_named(&named::PidLidReminderSet, PropertyValue::Boolean(true));
    m.properties
        .set_named(&named::PidLidReminderDelta, PropertyValue::Integer32(delta));
    set_time_named(
        m,
        &named::PidLidReminderTime,
        file_time(d.start_utc, d.start_second),
    );
    set_time_named(
        m,
        &named::PidLidReminderSignalTime,
        file_time(d.start_utc - i64::from(delta), d.start_second),
    );
    d.reminder = Some(i64::from(delta));
    for l in &a.properties {
        match l.name.as_str() {
            "TRIGGER" | "ACTION" | "DESCRIPTION" | "SUMMARY" => {}
            _ => unknown_property(r, l)?,
        }
    }
    Ok(())
}

/// [MS-OXCICAL] 2.1.3.1.1.20.1 Property: ATTACH: inline (`VALUE=BINARY;
/// ENCODING=BASE64`) data becomes a by-value attachment named by
/// X-FILENAME (or FILENAME), typed by FMTTYPE; a URI is reported (no
/// fetching here).
fn import_attach(r: &mut Reader<'_>, m: &mut Message, line: &ContentLine) -> Result<()> {
    use base64::Engine as _;
    if !line.has_param_value("ENCODING", "BASE64") {
        return not_mapped(r, line, "an attachment by URI is not fetched");
    }
    let clean: String = line.value.split_whitespace().collect();
    r.reserve(clean.len() / 4 * 3, "ATTACH data")?;
    let data = match base64::engine::general_purpose::STANDARD.decode(clean.as_bytes()) {
        Ok(d) => d,
        Err(_) => return bad_value(r, line),
    };
    let name = line
        .param("X-FILENAME")
        .or_else(|| line.param("FILENAME"))
        .unwrap_or("attachment")
        .to_string();
    let mut a = Attachment::by_value(&name, data);
    if let Some(t) = line.param("FMTTYPE") {
        a.properties.set_str(tags::PidTagAttachMimeTag, t);
    }
    m.attachments.push(a);
    Ok(())
}

fn import_organizer(m: &mut Message, line: &ContentLine) {
    let email = mailto(&line.value);
    let name = line
        .param("CN")
        .map_or_else(|| email.clone(), str::to_string);
    m.set_sender_name(&name);
    m.set_sender_email(&email);
    m.set_sender_address_type("SMTP");
    m.set_sent_representing_name(&name);
    m.set_sent_representing_email(&email);
    m.properties
        .set_str(tags::PidTagSentRepresentingAddressType, "SMTP");
    m.properties.set_str(tags::PidTagSenderSmtpAddress, &email);
    let mut rcpt = Recipient::new(&name, &email, RecipientType::To);
    rcpt.properties.set_str(tags::PidTagSmtpAddress, &email);
    // recipSendable | recipOrganizer
    rcpt.properties.set(
        tags::PidTagRecipientFlags,
        PropertyValue::Integer32(0x0000_0003),
    );
    m.recipients.push(rcpt);
}

fn import_attendee(
    r: &mut Reader<'_>,
    m: &mut Message,
    line: &ContentLine,
    method: Method,
) -> Result<()> {
    let email = mailto(&line.value);
    let role = line
        .param("ROLE")
        .unwrap_or("REQ-PARTICIPANT")
        .to_ascii_uppercase();
    let cutype = line
        .param("CUTYPE")
        .unwrap_or("INDIVIDUAL")
        .to_ascii_uppercase();
    let name = line
        .param("CN")
        .map_or_else(|| email.clone(), str::to_string);
    let kind = if cutype == "RESOURCE" || cutype == "ROOM" || role == "NON-PARTICIPANT" {
        RecipientType::Bcc
    } else if role == "OPT-PARTICIPANT" {
        RecipientType::Cc
    } else {
        RecipientType::To
    };
    if email.eq_ignore_ascii_case("invalid:nomail") {
        let p = match kind {
            RecipientType::Bcc => &named::PidLidNonSendableBcc,
            RecipientType::Cc => &named::PidLidNonSendableCc,
            _ => &named::PidLidNonSendableTo,
        };
        let mut v = m
            .properties
            .get_named(p)
            .and_then(|v| v.as_text())
            .map(|c| c.into_owned())
            .unwrap_or_default();
        if !v.is_empty() {
            v.push_str("; ");
        }
        v.push_str(&name);
        set_str_named(m, p, &v);
        return Ok(());
    }
    if email.is_empty() {
        return bad_value(r, line);
    }
    let mut rcpt = Recipient::new(&name, &email, kind);
    rcpt.properties.set_str(tags::PidTagSmtpAddress, &email);
    rcpt.properties.set(
        tags::PidTagRecipientFlags,
        PropertyValue::Integer32(0x0000_0001),
    );
    if let Some(ps) = line.param("PARTSTAT") {
        let v = partstat_to_response(ps);
        if v != 0 {
            rcpt.properties.set(
                tags::PidTagRecipientTrackStatus,
                PropertyValue::Integer32(v as i32),
            );
        }
        if method == Method::Publish && v != 0 {
            // the attendee may be the user: kept on the recipient only
        }
    }
    if line
        .param("RSVP")
        .is_some_and(|v| v.eq_ignore_ascii_case("TRUE"))
    {
        m.properties
            .set(tags::PidTagResponseRequested, PropertyValue::Boolean(true));
    }
    m.recipients.push(rcpt);
    Ok(())
}

/// A VEVENT with RECURRENCE-ID added to its master as an exception.
fn add_exception(
    r: &mut Reader<'_>,
    ctx: &mut Calendar<'_>,
    master: &mut Draft,
    ex: Draft,
    c: &Component,
) -> Result<()> {
    let Some(st) = master.recur.as_mut() else {
        return Ok(());
    };
    let Some(rid) = c.property("RECURRENCE-ID") else {
        return Ok(());
    };
    let Some(rid_ts) = Timestamp::from_line(rid) else {
        return bad_value(r, rid);
    };
    // the original start in the series' local time
    let series_tzid = st.tzid.clone();
    let original = series_local(
        ctx,
        r,
        &rid_ts,
        pos_of(rid),
        &st.tz,
        series_tzid.as_deref(),
        st.date_based,
    )?
    .map(|m| {
        if rid_ts.is_date() {
            m + i64::from(st.arp.start_time_offset)
        } else {
            m
        }
    });
    let Some(original) = original else {
        return bad_value(r, rid);
    };
    let own_clock = st.date_based || (ex.start_tzid.is_some() && ex.start_tzid == st.tzid);
    let (start, end) = if own_clock {
        (ex.start_wall, ex.end_wall.max(ex.start_wall))
    } else {
        let s = st.tz.utc_to_local(ex.start_utc);
        (s, st.tz.utc_to_local(ex.end_utc).max(s))
    };
    let (Ok(start32), Ok(end32), Ok(orig32)) = (
        u32::try_from(start),
        u32::try_from(end),
        u32::try_from(original),
    ) else {
        return bad_value(r, rid);
    };
    let mut info = ExceptionInfo {
        start_date_time: start32,
        end_date_time: end32,
        original_start_date: orig32,
        ..ExceptionInfo::default()
    };
    let mut ext = ExtendedException {
        change_highlight: Some(ChangeHighlight::default()),
        ..ExtendedException::default()
    };
    let cp = msox_codec::CodePage(1252);
    if ex.subject.is_some() && ex.subject != master.subject {
        let s = ex.subject.clone().unwrap_or_default();
        info.override_flags |= OverrideFlags::SUBJECT;
        info.subject = Some(NonUnicodeString::new(encode_8bit(&s, cp))?);
        ext.wide_char_subject = Some(Utf16String::new(&s));
    }
    if ex.location.is_some() && ex.location != master.location {
        let s = ex.location.clone().unwrap_or_default();
        info.override_flags |= OverrideFlags::LOCATION;
        info.location = Some(NonUnicodeString::new(encode_8bit(&s, cp))?);
        ext.wide_char_location = Some(Utf16String::new(&s));
    }
    if ex.busy.is_some() && ex.busy != master.busy {
        info.override_flags |= OverrideFlags::BUSYSTATUS;
        info.busy_status = ex.busy;
    }
    if ex.reminder != master.reminder {
        info.override_flags |= OverrideFlags::REMINDER;
        info.reminder_set = Some(u32::from(ex.reminder.is_some()));
        if let Some(delta) = ex.reminder {
            info.override_flags |= OverrideFlags::REMINDERDELTA;
            info.reminder_delta = Some(u32::try_from(delta).unwrap_or(0));
        }
    }
    if ex.all_day != master.all_day {
        info.override_flags |= OverrideFlags::SUBTYPE;
        info.sub_type = Some(u32::from(ex.all_day));
    }
    if info.override_flags.has_extended_fields() {
        ext.times = Some(ExceptionTimes {
            start_date_time: start32,
            end_date_time: end32,
            original_start_date: orig32,
        });
        ext.reserved_block_ee2 = Some(Vec::new());
    }
    // the exception's embedded message ([MS-OXOCAL] 2.2.10)
    let mut em = ex.msg;
    em.set_message_class(EXCEPTION_MESSAGE_CLASS);
    let orig_utc = st.tz.local_to_utc(original);
    set_time_named(
        &mut em,
        &named::PidLidExceptionReplaceTime,
        file_time(orig_utc, 0),
    );
    em.properties
        .set_named(&named::PidLidIsException, PropertyValue::Boolean(true));
    let mut a = Attachment::embedded(&em.subject().unwrap_or_default(), em);
    a.properties.set(
        tags::PidTagAttachMethod,
        PropertyValue::Integer32(AttachMethod::EmbeddedMessage.value() as i32),
    );
    a.properties
        .set(tags::PidTagAttachmentHidden, PropertyValue::Boolean(true));
    a.properties.set(
        tags::PidTagAttachmentFlags,
        PropertyValue::Integer32(AF_EXCEPTION),
    );
    if let Some(t) = file_time(start, 0) {
        a.properties
            .set(tags::PidTagExceptionStartTime, PropertyValue::Time(t));
    }
    if let Some(t) = file_time(end, 0) {
        a.properties
            .set(tags::PidTagExceptionEndTime, PropertyValue::Time(t));
    }
    if let Some(t) = file_time(orig_utc, 0) {
        a.properties
            .set(tags::PidTagExceptionReplaceTime, PropertyValue::Time(t));
    }
    st.exceptions.push((info, ext, a));
    Ok(())
}

/// Text in an 8-bit code page (characters it lacks become `?`).
pub(crate) fn encode_8bit(s: &str, cp: msox_codec::CodePage) -> Vec<u8> {
    let enc = u16::try_from(cp.0)
        .ok()
        .and_then(|c| match c {
            1252 => Some(encoding_rs::WINDOWS_1252),
            _ => None,
        })
        .unwrap_or(encoding_rs::WINDOWS_1252);
    let (bytes, _, _) = enc.encode(s);
    bytes.into_owned()
}

/// [MS-OXCICAL] VTODO: a Task object ([MS-OXOTASK]).
fn task_message(r: &mut Reader<'_>, ctx: &mut Calendar<'_>, c: &Component) -> Result<Message> {
    let mut m = Message::new("IPM.Task");
    let mut start: Option<Placed> = None;
    for line in &c.properties {
        match line.name.as_str() {
            "SUMMARY" => m.set_subject(&line.text_value()),
            "DESCRIPTION" => m.set_body(&line.text_value()),
            "DTSTART" | "DUE" | "COMPLETED" | "DTSTAMP" | "CREATED" | "LAST-MODIFIED" => {
                let Some(t) = Timestamp::from_line(line) else {
                    bad_value(r, line)?;
                    continue;
                };
                let p = ctx.place(r, &t, pos_of(line))?;
                let ft = file_time(p.utc, p.second);
                match line.name.as_str() {
                    "DTSTART" => {
                        set_time_named(&mut m, &named::PidLidTaskStartDate, ft);
                        set_time_named(&mut m, &named::PidLidCommonStart, ft);
                        start = Some(p);
                    }
                    "DUE" => {
                        set_time_named(&mut m, &named::PidLidTaskDueDate, ft);
                        set_time_named(&mut m, &named::PidLidCommonEnd, ft);
                    }
                    "COMPLETED" => {
                        set_time_named(&mut m, &named::PidLidTaskDateCompleted, ft);
                        m.properties
                            .set_named(&named::PidLidTaskComplete, PropertyValue::Boolean(true));
                    }
                    "CREATED" => {
                        if let Some(t) = ft {
                            m.properties
                                .set(tags::PidTagCreationTime, PropertyValue::Time(t));
                        }
                    }
                    "LAST-MODIFIED" => {
                        if let Some(t) = ft {
                            m.properties
                                .set(tags::PidTagLastModificationTime, PropertyValue::Time(t));
                        }
                    }
                    _ => {}
                }
            }
            "PERCENT-COMPLETE" => match line.value.trim().parse::<u8>() {
                Ok(v) if v <= 100 => m.properties.set_named(
                    &named::PidLidPercentComplete,
                    PropertyValue::Floating64(f64::from(v) / 100.0),
                ),
                _ => bad_value(r, line)?,
            },
            "STATUS" => {
                let v = match line.value.trim().to_ascii_uppercase().as_str() {
                    "NEEDS-ACTION" => 0,
                    "IN-PROCESS" => 1,
                    "COMPLETED" => 2,
                    "CANCELLED" => 4,
                    _ => {
                        bad_value(r, line)?;
                        continue;
                    }
                };
                m.properties
                    .set_named(&named::PidLidTaskStatus, PropertyValue::Integer32(v));
                if v == 2 {
                    m.properties
                        .set_named(&named::PidLidTaskComplete, PropertyValue::Boolean(true));
                }
            }
            "PRIORITY" => match line.value.trim().parse::<i64>() {
                Ok(p) => m.properties.set(
                    tags::PidTagImportance,
                    PropertyValue::Integer32(priority_to_importance(p)),
                ),
                Err(_) => bad_value(r, line)?,
            },
            "CLASS" => match class_to_sensitivity(&line.value) {
                Some(v) => m
                    .properties
                    .set(tags::PidTagSensitivity, PropertyValue::Integer32(v)),
                None => bad_value(r, line)?,
            },
            "CATEGORIES" => {
                let cats = split_unescaped(&line.value, ',')
                    .into_iter()
                    .map(unescape_text)
                    .filter(|c| !c.is_empty())
                    .map(|c| Utf16String::new(&c))
                    .collect();
                m.properties
                    .set_named(&named::PidNameKeywords, PropertyValue::MultipleString(cats));
            }
            "RRULE" => {
                let Some(p) = start.as_ref() else {
                    not_mapped(r, line, "a task RRULE before or without DTSTART")?;
                    continue;
                };
                let rule = match Recur::parse(&line.value) {
                    Ok(rule) => rule,
                    Err(e) => {
                        not_mapped(r, line, &e)?;
                        continue;
                    }
                };
                let tz = TimeZone::utc();
                let series = SeriesStart {
                    start_local: p.utc,
                    all_day: p.date,
                    tz: &tz,
                };
                let limits = *r.limits();
                match rrule_to_pattern(&rule, &series, &limits)? {
                    Ok(pattern) => {
                        if let Err(e) = m.set_task_recurrence(&pattern) {
                            r.tolerate(e, "PidLidTaskRecurrence not set")?;
                        }
                        m.properties
                            .set_named(&named::PidLidTaskFRecurring, PropertyValue::Boolean(true));
                    }
                    Err(why) => not_mapped(r, line, &format!("outside the templates ({why})"))?,
                }
            }
            "UID" => {
                // [MS-OXOTASK] defines no property a UID maps to.
                not_mapped(r, line, "a Task object has no property for the UID")?;
            }
            "PRODID" => {}
            _ => unknown_property(r, line)?,
        }
    }
    for a in &c.components {
        not_mapped_component(r, a)?;
    }
    Ok(m)
}
