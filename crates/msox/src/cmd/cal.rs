//! `msox cal recur|goid|tz`: the binary calendar structures of
//! [MS-OXOCAL]: recurrence patterns and their occurrences, Global Object IDs
//! and their iCalendar UIDs, time zone definitions and their transitions.

use ms_dtyp::{FileTime, SystemTime};
use ms_oxocal::time::{DateTime, file_time_from_minutes, minutes_from_file_time};
use ms_oxocal::{
    AppointmentRecurrencePattern, BYTE_ARRAY_ID, ExceptionInfo, ExpandOptions, Expansion,
    GlobalObjectId, PatternTypeSpecific, RecurrencePattern, TimeZone, TzDefinition, TzReg,
};
use msox_codec::{CodePage, Decode, Defect, Encode};
use serde_json::{Map, Value, json};

use crate::inspect::Format;
use crate::json as show;
use crate::node::Node;

/// `msox cal ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode a recurrence blob (PidLidAppointmentRecur, or a task's
    /// PidLidTaskRecurrence) and list its first occurrences, in UTC and in
    /// the series' local time.
    Recur {
        /// The blob: a file (`.hex` files as hex text) or hex.
        blob: String,
        /// The series' time zone: a TZDEFINITION
        /// (PidLidAppointmentTimeZoneDefinitionRecur), file or hex.
        #[arg(long, value_name = "TZDEF", conflicts_with = "tzreg")]
        tz: Option<String>,
        /// The series' time zone: a TZREG (PidLidTimeZoneStruct), file or hex.
        #[arg(long, value_name = "TZREG")]
        tzreg: Option<String>,
        /// Only occurrences that end after this UTC date or time
        /// (`2024-03-10`, `2024-03-10T09:30`, `2024-03-10T09:30:00Z`).
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        from: Option<FileTime>,
        /// Only occurrences that start before this UTC date or time.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        to: Option<FileTime>,
        /// The most occurrences to list.
        #[arg(long, value_name = "N", default_value_t = 10)]
        max: usize,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode a Global Object ID (PidLidGlobalObjectId /
    /// PidLidCleanGlobalObjectId) and give its iCalendar UID, or (--uid)
    /// make the Global Object ID of an iCalendar UID.
    Goid {
        /// The Global Object ID: hex or a file.
        #[arg(required_unless_present = "uid")]
        hex: Option<String>,
        /// An iCalendar UID to convert ([MS-OXCICAL] 2.1.3.1.1.20.26).
        #[arg(long, conflicts_with = "hex")]
        uid: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode a time zone (a TZDEFINITION, or the 48-byte TZREG of
    /// PidLidTimeZoneStruct): its rules and the transitions of a year.
    Tz {
        /// The time zone: a file (`.hex` files as hex text) or hex.
        blob: String,
        /// The year whose transitions to list (default: this year).
        #[arg(long, value_name = "Y")]
        year: Option<i64>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// `YYYY-MM-DD[THH:MM[:SS]][Z]` as a UTC instant.
fn parse_date(s: &str) -> Result<FileTime, String> {
    let bad = || format!("bad date {s:?} (use 2024-03-10 or 2024-03-10T09:30[:00][Z])");
    let t = s.trim().trim_end_matches('Z');
    let (date, time) = t.split_once(['T', ' ']).unwrap_or((t, "00:00"));
    let num = |x: Option<&str>| x.and_then(|v| v.parse::<i64>().ok());
    let mut d = date.splitn(3, '-');
    let (y, mo, da) = (num(d.next()), num(d.next()), num(d.next()));
    let mut tm = time.splitn(3, ':');
    let (h, mi) = (num(tm.next()), num(tm.next()).or(Some(0)));
    let (Some(y), Some(mo), Some(da), Some(h), Some(mi)) = (y, mo, da, h, mi) else {
        return Err(bad());
    };
    let dt = DateTime::new(
        y,
        u8::try_from(mo).map_err(|_| bad())?,
        u8::try_from(da).map_err(|_| bad())?,
        u8::try_from(h).map_err(|_| bad())?,
        u8::try_from(mi).map_err(|_| bad())?,
    )
    .ok_or_else(bad)?;
    dt.to_minutes()
        .and_then(file_time_from_minutes)
        .ok_or_else(bad)
}

/// Runs `msox cal ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Recur {
            blob,
            tz,
            tzreg,
            from,
            to,
            max,
            json,
        } => recur(
            blob,
            tz.as_deref(),
            tzreg.as_deref(),
            *from,
            *to,
            *max,
            *json,
        ),
        Cmd::Goid { hex, uid, json } => {
            let id = match (hex, uid) {
                (_, Some(u)) => GlobalObjectId::from_ical_uid(u),
                (Some(h), None) => {
                    let bytes = show::file_or_hex(h)?;
                    let d = GlobalObjectId::decode_bytes(&bytes, &crate::cli::options())?;
                    crate::cli::report_defects(&d.defects);
                    d.value
                }
                (None, None) => return Err(crate::cli::usage("give a Global Object ID or --uid")),
            };
            let v = goid_json(&id)?;
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&show::json_node("GlobalObjectId", &v))
            }
        }
        Cmd::Tz { blob, year, json } => {
            let bytes = show::file_or_hex(blob)?;
            let (zone, v) = read_zone(&bytes)?;
            let year = year.unwrap_or_else(this_year);
            let transitions = transitions(&zone, year);
            if *json {
                let mut v = v;
                if let Value::Object(m) = &mut v {
                    m.insert("year".into(), json!(year));
                    m.insert(
                        "transitions".into(),
                        Value::Array(transitions.iter().map(Transition::json).collect()),
                    );
                }
                crate::cli::print_json(&v)
            } else {
                let mut root = show::json_node("time zone", &v);
                let mut t = Node::new(format!("transitions in {year}"));
                if transitions.is_empty() {
                    t.value = Some(format!(
                        "none (UTC{} all year)",
                        offset_text(zone.utc_to_local(year_start(year)) - year_start(year))
                    ));
                }
                for x in &transitions {
                    t.push(Node::new(x.text()));
                }
                root.push(t);
                show::print_node(&root)
            }
        }
    }
}

fn this_year() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let ft = FileTime::from_unix_seconds(i64::try_from(secs).unwrap_or_default());
    DateTime::from_minutes(minutes_from_file_time(ft)).year
}

// ---- time zones -----------------------------------------------------------------------

fn offset_text(minutes: i64) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A transition date of a rule, in words.
fn system_time_text(st: &SystemTime) -> String {
    if st.w_month == 0 {
        return "none".into();
    }
    let at = format!("{:02}:{:02}", st.w_hour, st.w_minute);
    if st.w_year != 0 {
        return format!("{:04}-{:02}-{:02} at {at}", st.w_year, st.w_month, st.w_day);
    }
    let nth = match st.w_day {
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        5 => "last",
        _ => "?",
    };
    let day = WEEKDAYS
        .get(usize::from(st.w_day_of_week))
        .copied()
        .unwrap_or("?");
    let month = MONTHS
        .get(usize::from(st.w_month).wrapping_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{nth} {day} of {month} at {at}")
}

fn reg_json(
    bias: i32,
    std_bias: i32,
    dst_bias: i32,
    std: &SystemTime,
    dst: &SystemTime,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("bias".into(), json!(bias));
    m.insert("standard_bias".into(), json!(std_bias));
    m.insert("daylight_bias".into(), json!(dst_bias));
    m.insert(
        "standard_offset".into(),
        json!(format!(
            "UTC{}",
            offset_text(-i64::from(bias) - i64::from(std_bias))
        )),
    );
    m.insert("standard_date".into(), json!(system_time_text(std)));
    if std.w_month != 0 && dst.w_month != 0 {
        m.insert(
            "daylight_offset".into(),
            json!(format!(
                "UTC{}",
                offset_text(-i64::from(bias) - i64::from(dst_bias))
            )),
        );
        m.insert("daylight_date".into(), json!(system_time_text(dst)));
    }
    m
}

fn tzdef_json(d: &TzDefinition) -> Value {
    json!({
        "kind": "TZDEFINITION",
        "key_name": d.key_name.as_str(),
        "version": format!("{}.{}", d.major_version, d.minor_version),
        "rules": d.rules.iter().map(|r| {
            let mut m = Map::new();
            m.insert("year".into(), json!(r.year));
            m.insert("flags".into(), json!(r.flags.names().collect::<Vec<_>>()));
            m.extend(reg_json(r.bias, r.standard_bias, r.daylight_bias, &r.standard_date, &r.daylight_date));
            Value::Object(m)
        }).collect::<Vec<_>>(),
    })
}

fn tzreg_json(r: &TzReg) -> Value {
    let mut m = Map::new();
    m.insert("kind".into(), json!("TZREG"));
    m.extend(reg_json(
        r.bias,
        r.standard_bias,
        r.daylight_bias,
        &r.standard_date,
        &r.daylight_date,
    ));
    Value::Object(m)
}

/// Reads a TZDEFINITION, or a 48-byte TZREG: the zone and its JSON.
fn read_zone(bytes: &[u8]) -> anyhow::Result<(TimeZone, Value)> {
    let opts = crate::cli::options();
    let def = TzDefinition::decode_bytes(bytes, &opts);
    match def {
        Ok(d) => {
            crate::cli::report_defects(&d.defects);
            Ok((TimeZone::from_definition(&d.value)?, tzdef_json(&d.value)))
        }
        Err(e) if bytes.len() != 48 => Err(e.into()),
        Err(_) => {
            let d = TzReg::decode_bytes(bytes, &opts)?;
            crate::cli::report_defects(&d.defects);
            Ok((TimeZone::from_reg(&d.value)?, tzreg_json(&d.value)))
        }
    }
}

/// A TZREG file or hex as a zone.
fn read_tzreg(arg: &str) -> anyhow::Result<(TimeZone, String)> {
    let bytes = show::file_or_hex(arg)?;
    let d = TzReg::decode_bytes(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok((TimeZone::from_reg(&d.value)?, "PidLidTimeZoneStruct".into()))
}

/// A TZDEFINITION file or hex as a zone.
fn read_tzdef(arg: &str) -> anyhow::Result<(TimeZone, String)> {
    let bytes = show::file_or_hex(arg)?;
    let d = TzDefinition::decode_bytes(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok((
        TimeZone::from_definition(&d.value)?,
        d.value.key_name.as_str().to_string(),
    ))
}

fn year_start(year: i64) -> i64 {
    DateTime::new(year, 1, 1, 0, 0)
        .and_then(|d| d.to_minutes())
        .unwrap_or_default()
}

/// A change of UTC offset.
struct Transition {
    /// The first UTC minute of the new offset.
    utc: i64,
    /// Offsets (local − UTC) before and after.
    before: i64,
    after: i64,
}

impl Transition {
    fn local_before(&self) -> DateTime {
        DateTime::from_minutes(self.utc + self.before)
    }
    fn local_after(&self) -> DateTime {
        DateTime::from_minutes(self.utc + self.after)
    }
    fn utc_text(&self) -> String {
        file_time_from_minutes(self.utc).map_or_else(
            || DateTime::from_minutes(self.utc).to_string(),
            |t| t.to_string(),
        )
    }
    fn json(&self) -> Value {
        json!({
            "utc": self.utc_text(),
            "local_before": self.local_before().to_string(),
            "local_after": self.local_after().to_string(),
            "offset_before": format!("UTC{}", offset_text(self.before)),
            "offset_after": format!("UTC{}", offset_text(self.after)),
        })
    }
    fn text(&self) -> String {
        format!(
            "{}: local {} becomes {} (UTC{} -> UTC{})",
            self.utc_text(),
            self.local_before(),
            self.local_after(),
            offset_text(self.before),
            offset_text(self.after)
        )
    }
}

/// The offset changes of `zone` in `year` (UTC), found by stepping an hour
/// at a time and narrowing each change to its minute.
fn transitions(zone: &TimeZone, year: i64) -> Vec<Transition> {
    let off = |u: i64| zone.utc_to_local(u) - u;
    let start = year_start(year) - 14 * 60;
    let end = year_start(year + 1) + 14 * 60;
    let mut out: Vec<Transition> = Vec::new();
    let mut u = start;
    let mut prev = off(u);
    while u < end {
        let next = u + 60;
        let o = off(next);
        if o != prev {
            // first minute in (u, next] with the new offset
            let (mut lo, mut hi) = (u, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if off(mid) == prev {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let t = Transition {
                utc: hi,
                before: prev,
                after: o,
            };
            if DateTime::from_minutes(t.utc + t.after).year == year
                || DateTime::from_minutes(t.utc + t.before).year == year
            {
                out.push(t);
            }
            prev = o;
        }
        u = next;
    }
    out
}

// ---- Global Object IDs --------------------------------------------------------------------

fn goid_json(id: &GlobalObjectId) -> anyhow::Result<Value> {
    let mut m = Map::new();
    m.insert(
        "bytes".into(),
        json!(msox_codec::hex::encode(&id.to_vec()?)),
    );
    m.insert(
        "byte_array_id_ok".into(),
        json!(id.byte_array_id == BYTE_ARRAY_ID),
    );
    if id.byte_array_id != BYTE_ARRAY_ID {
        m.insert(
            "byte_array_id".into(),
            json!(msox_codec::hex::encode(&id.byte_array_id)),
        );
    }
    m.insert(
        "instance_date".into(),
        match id.instance_date() {
            Some((y, mo, d)) => json!(format!("{y:04}-{mo:02}-{d:02}")),
            None => Value::Null,
        },
    );
    m.insert("exception".into(), json!(id.is_exception()));
    m.insert(
        "creation_time".into(),
        if id.creation_time.0 == 0 {
            Value::Null
        } else {
            json!(id.creation_time.to_string())
        },
    );
    if id.x != [0; 8] {
        m.insert("x".into(), json!(msox_codec::hex::encode(&id.x)));
    }
    m.insert("size".into(), json!(id.data.len()));
    m.insert("data".into(), json!(msox_codec::hex::encode(&id.data)));
    if let Some(u) = id.third_party_uid() {
        m.insert(
            "third_party_uid".into(),
            json!(String::from_utf8_lossy(u).into_owned()),
        );
    }
    m.insert("ical_uid".into(), json!(id.to_ical_uid()));
    m.insert(
        "clean_global_object_id".into(),
        json!(msox_codec::hex::encode(&id.to_clean().to_vec()?)),
    );
    Ok(Value::Object(m))
}

/// `inspect` entry for Global Object IDs: the Byte Array ID, then Size
/// saying exactly how many bytes follow the 40-byte header.
pub const FORMAT_GOID: Format = Format {
    name: "goid",
    description: "Global Object ID (PidLidGlobalObjectId), MS-OXOCAL",
    detect: |b| {
        b.starts_with(&BYTE_ARRAY_ID)
            && b.get(36..40)
                .and_then(|s| s.try_into().ok())
                .map(u32::from_le_bytes)
                .and_then(|n| usize::try_from(n).ok())
                .is_some_and(|n| b.len() == GlobalObjectId::HEADER_LEN + n)
    },
    inspect: |bytes| {
        let d = GlobalObjectId::decode_bytes(bytes, &crate::cli::options())?;
        let mut n = show::json_node("GlobalObjectId", &goid_json(&d.value)?);
        for e in &d.defects {
            n.push(Node::leaf("defect", e));
        }
        Ok(n)
    },
};

// ---- recurrence -------------------------------------------------------------------------

/// A recurrence blob: an appointment's, or a task's bare RecurrencePattern.
enum Blob {
    Appointment(AppointmentRecurrencePattern),
    Task(RecurrencePattern),
}

impl Blob {
    fn pattern(&self) -> &RecurrencePattern {
        match self {
            Blob::Appointment(a) => &a.recurrence_pattern,
            Blob::Task(p) => p,
        }
    }
}

/// Reads an AppointmentRecurrencePattern, or a bare RecurrencePattern when
/// that is what the bytes are (a task's).
fn read_blob(bytes: &[u8]) -> anyhow::Result<(Blob, Vec<Defect>)> {
    let opts = crate::cli::options();
    match AppointmentRecurrencePattern::decode_bytes(bytes, &opts) {
        Ok(d) => Ok((Blob::Appointment(d.value), d.defects)),
        Err(e) => match RecurrencePattern::decode_bytes(bytes, &opts) {
            Ok(d) if d.defects.is_empty() => Ok((Blob::Task(d.value), d.defects)),
            _ => Err(e.into()),
        },
    }
}

fn minutes_text(m: u32) -> String {
    DateTime::from_minutes(i64::from(m)).to_string()
}

fn date_text(m: u32) -> String {
    let d = DateTime::from_minutes(i64::from(m));
    if d.hour == 0 && d.minute == 0 {
        format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
    } else {
        d.to_string()
    }
}

fn days_text(d: ms_oxocal::DaysOfWeek) -> Vec<&'static str> {
    (0u8..7)
        .filter(|&i| d.has_weekday(i))
        .filter_map(|i| WEEKDAYS.get(usize::from(i)).copied())
        .collect()
}

fn pattern_json(p: &RecurrencePattern) -> Value {
    let mut m = Map::new();
    m.insert(
        "recur_frequency".into(),
        json!(p.recur_frequency.to_string()),
    );
    m.insert("pattern_type".into(), json!(p.pattern_type.to_string()));
    m.insert("calendar_type".into(), json!(p.calendar_type.to_string()));
    m.insert("first_date_time".into(), json!(p.first_date_time));
    m.insert("period".into(), json!(p.period));
    if let Some(i) = p.interval() {
        m.insert("interval".into(), json!(i));
    }
    m.insert("sliding".into(), json!(p.sliding_flag != 0));
    match p.pattern_type_specific {
        PatternTypeSpecific::Day => {}
        PatternTypeSpecific::Week(d) => {
            m.insert("days_of_week".into(), json!(days_text(d)));
        }
        PatternTypeSpecific::Month(day) => {
            m.insert("day_of_month".into(), json!(day));
        }
        PatternTypeSpecific::MonthNth { days, n } => {
            m.insert("days_of_week".into(), json!(days_text(days)));
            m.insert("nth".into(), json!(n.to_string()));
        }
        #[allow(unreachable_patterns)]
        _ => {}
    }
    if let Some(mo) = p.month_of_year() {
        m.insert("month_of_year".into(), json!(mo));
    }
    m.insert("end_type".into(), json!(p.end_type.to_string()));
    m.insert("occurrence_count".into(), json!(p.occurrence_count));
    m.insert("first_dow".into(), json!(p.first_dow.to_string()));
    m.insert("start_date".into(), json!(date_text(p.start_date)));
    m.insert(
        "end_date".into(),
        if p.has_end() {
            json!(date_text(p.end_date))
        } else {
            Value::Null
        },
    );
    m.insert(
        "deleted_instance_dates".into(),
        json!(
            p.deleted_instance_dates
                .iter()
                .map(|d| date_text(*d))
                .collect::<Vec<_>>()
        ),
    );
    m.insert(
        "modified_instance_dates".into(),
        json!(
            p.modified_instance_dates
                .iter()
                .map(|d| date_text(*d))
                .collect::<Vec<_>>()
        ),
    );
    Value::Object(m)
}

fn exception_json(a: &AppointmentRecurrencePattern, i: usize, e: &ExceptionInfo) -> Value {
    let cp = CodePage::WINDOWS_1252;
    let mut m = Map::new();
    m.insert(
        "original_start".into(),
        json!(minutes_text(e.original_start_date)),
    );
    m.insert("start".into(), json!(minutes_text(e.start_date_time)));
    m.insert("end".into(), json!(minutes_text(e.end_date_time)));
    m.insert(
        "overrides".into(),
        json!(e.override_flags.names().collect::<Vec<_>>()),
    );
    if let Some(s) = a.exception_subject(i, cp) {
        m.insert("subject".into(), json!(s));
    }
    if let Some(s) = a.exception_location(i, cp) {
        m.insert("location".into(), json!(s));
    }
    if let Some(v) = e.meeting_type {
        m.insert("meeting_type".into(), json!(v.names().collect::<Vec<_>>()));
    }
    if let Some(v) = e.reminder_delta {
        m.insert("reminder_delta".into(), json!(v));
    }
    if let Some(v) = e.reminder_set {
        m.insert("reminder_set".into(), json!(v != 0));
    }
    if let Some(v) = e.busy_status {
        m.insert("busy_status".into(), json!(v.to_string()));
    }
    if let Some(v) = e.attachment {
        m.insert("attachment".into(), json!(v != 0));
    }
    if let Some(v) = e.sub_type {
        m.insert("all_day".into(), json!(v != 0));
    }
    if let Some(v) = e.appointment_color {
        m.insert("appointment_color".into(), json!(v));
    }
    if let Some(h) = a
        .extended_exceptions
        .get(i)
        .and_then(|x| x.change_highlight.as_ref())
    {
        m.insert(
            "change_highlight".into(),
            json!(h.change_highlight_value.names().collect::<Vec<_>>()),
        );
    }
    Value::Object(m)
}

fn blob_json(b: &Blob) -> Value {
    match b {
        Blob::Task(p) => json!({
            "kind": "RecurrencePattern",
            "pattern": pattern_json(p),
        }),
        Blob::Appointment(a) => json!({
            "kind": "AppointmentRecurrencePattern",
            "pattern": pattern_json(&a.recurrence_pattern),
            "writer_version2": format!("0x{:04X}", a.writer_version2),
            "start_time": format!("{:02}:{:02}", a.start_time_offset / 60, a.start_time_offset % 60),
            "duration_minutes": a.duration_minutes(),
            "exceptions": a.exception_info.iter().enumerate().map(|(i, e)| exception_json(a, i, e)).collect::<Vec<_>>(),
        }),
    }
}

fn occurrences_json(x: &Expansion) -> Value {
    Value::Array(
        x.occurrences
            .iter()
            .map(|o| {
                json!({
                    "start": o.start.to_string(),
                    "end": o.end.to_string(),
                    "start_local": o.start_local_time().to_string(),
                    "end_local": o.end_local_time().to_string(),
                    "original_start_local": o.original_start_time().to_string(),
                    "exception": o.exception,
                })
            })
            .collect(),
    )
}

fn recur(
    blob: &str,
    tz: Option<&str>,
    tzreg: Option<&str>,
    from: Option<FileTime>,
    to: Option<FileTime>,
    max: usize,
    as_json: bool,
) -> anyhow::Result<()> {
    let bytes = show::file_or_hex(blob)?;
    let (b, defects) = read_blob(&bytes)?;
    crate::cli::report_defects(&defects);
    let (zone, zone_name) = match (tz, tzreg) {
        (Some(t), _) => read_tzdef(t)?,
        (None, Some(t)) => read_tzreg(t)?,
        (None, None) => (TimeZone::utc(), "UTC (no zone given)".to_string()),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f >= t
    {
        return Err(crate::cli::usage("--from must be before --to"));
    }
    let mut opts = ExpandOptions::default()
        .with_max_occurrences(max)
        .with_limits(crate::cli::options().limits);
    opts.window_start = from;
    opts.window_end = to;
    let expansion = match &b {
        Blob::Appointment(a) => a.expand(&zone, &opts),
        Blob::Task(p) => p.expand(&zone, &opts),
    };
    let mut v = blob_json(&b);
    let (occ, note) = match &expansion {
        Ok(x) => (Some(x), None),
        // a pattern that decodes but cannot be expanded (a Hijri month
        // pattern, Period 0): the structure is still shown
        Err(e) => (None, Some(e.to_string())),
    };
    if let Value::Object(m) = &mut v {
        m.insert("time_zone".into(), json!(zone_name));
        if let Some(x) = occ {
            m.insert("occurrences".into(), occurrences_json(x));
            m.insert("truncated".into(), json!(x.truncated));
        }
        if let Some(n) = &note {
            m.insert("expansion_error".into(), json!(n));
        }
    }
    if as_json {
        return crate::cli::print_json(&v);
    }
    let kind = match &b {
        Blob::Appointment(_) => "AppointmentRecurrencePattern",
        Blob::Task(_) => "RecurrencePattern",
    };
    let mut root = Node::new(kind);
    root.push(show::json_node("pattern", &pattern_json(b.pattern())));
    if let Blob::Appointment(a) = &b {
        root.push(Node::leaf(
            "time",
            format!(
                "{:02}:{:02}, {} minutes",
                a.start_time_offset / 60,
                a.start_time_offset % 60,
                a.duration_minutes()
            ),
        ));
        let mut ex = Node::new("exceptions").with_value(a.exception_info.len());
        for (i, e) in a.exception_info.iter().enumerate() {
            ex.push(show::json_node(
                format!("exception {i}"),
                &exception_json(a, i, e),
            ));
        }
        root.push(ex);
    }
    match (occ, note) {
        (Some(x), _) => {
            let mut n = Node::new(format!("occurrences ({zone_name})")).with_value(format!(
                "{}{}",
                x.occurrences.len(),
                if x.truncated { ", more follow" } else { "" }
            ));
            for o in &x.occurrences {
                let mut line = format!(
                    "{} - {} local, {} - {}",
                    o.start_local_time(),
                    o.end_local_time(),
                    o.start,
                    o.end
                );
                if let Some(i) = o.exception {
                    line.push_str(&format!(" (exception {i})"));
                }
                n.push(Node::new(line));
            }
            root.push(n);
        }
        (None, Some(e)) => root.push(Node::leaf("occurrences", format!("not expanded: {e}"))),
        (None, None) => {}
    }
    show::print_node(&root)
}

/// Whether `b` starts like a recurrence blob: ReaderVersion and
/// WriterVersion 0x3004, a defined RecurFrequency and PatternType.
fn is_recurrence(b: &[u8]) -> bool {
    let u16_at = |i: usize| {
        b.get(i..i + 2)
            .and_then(|s| s.try_into().ok())
            .map(u16::from_le_bytes)
    };
    b.starts_with(&[0x04, 0x30, 0x04, 0x30])
        && u16_at(4).is_some_and(|f| (0x200A..=0x200D).contains(&f))
        && u16_at(6).is_some_and(|p| matches!(p, 0..=4 | 0x0A..=0x0C))
}

/// `inspect` entry for recurrence blobs.
pub const FORMAT_RECUR: Format = Format {
    name: "recurrence",
    description: "recurrence pattern (PidLidAppointmentRecur / PidLidTaskRecurrence), MS-OXOCAL",
    detect: is_recurrence,
    inspect: |bytes| {
        let (b, defects) = read_blob(bytes)?;
        let v = blob_json(&b);
        let kind = v
            .get("kind")
            .and_then(Value::as_str)
            .unwrap_or("recurrence")
            .to_string();
        let mut n = show::json_node(kind, &v);
        n.children.retain(|c| c.label != "kind");
        let opts = ExpandOptions::default()
            .with_max_occurrences(5)
            .with_limits(crate::cli::options().limits);
        let x = match &b {
            Blob::Appointment(a) => a.expand(&TimeZone::utc(), &opts),
            Blob::Task(p) => p.expand(&TimeZone::utc(), &opts),
        };
        match x {
            Ok(x) => {
                let mut o = Node::new("first occurrences (local time)");
                for occ in &x.occurrences {
                    o.push(Node::new(format!(
                        "{} - {}",
                        occ.start_local_time(),
                        occ.end_local_time()
                    )));
                }
                n.push(o);
            }
            Err(e) => n.push(Node::leaf("occurrences", format!("not expanded: {e}"))),
        }
        for e in &defects {
            n.push(Node::leaf("defect", e));
        }
        Ok(n)
    },
};
