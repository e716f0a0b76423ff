//! [MS-OXOCAL] 2.2.1.44.2 to 2.2.1.44.5: AppointmentRecurrencePattern (the
//! PidLidAppointmentRecur blob) with its ExceptionInfo, ChangeHighlight and
//! ExtendedException structures.

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result, Utf16String, fit_u16,
    fit_u32,
};

use crate::props::{AppointmentStateFlags, BusyStatus};
use crate::recurrence::RecurrencePattern;
use crate::time::DateTime;

/// ReaderVersion2 of an AppointmentRecurrencePattern ([MS-OXOCAL]
/// 2.2.1.44.5: "MUST be set to 0x00003006").
pub const READER_VERSION_2: u32 = 0x3006;

/// The WriterVersion2 writers should use ([MS-OXOCAL] 2.2.1.44.5: "SHOULD be
/// set to 0x00003009 but can be set to 0x00003008"); from this version on,
/// each ExtendedException starts with a ChangeHighlight.
pub const WRITER_VERSION_2: u32 = 0x3009;

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.1.44.2 ExceptionInfo OverrideFlags: which fields of
    /// the exception differ from the series (and so are present).
    pub struct OverrideFlags: u16 {
        /// Subject, SubjectLength and SubjectLength2 are present.
        const SUBJECT = 0x0001 => "ARO_SUBJECT";
        /// MeetingType is present.
        const MEETINGTYPE = 0x0002 => "ARO_MEETINGTYPE";
        /// ReminderDelta is present.
        const REMINDERDELTA = 0x0004 => "ARO_REMINDERDELTA";
        /// ReminderSet is present.
        const REMINDER = 0x0008 => "ARO_REMINDER";
        /// Location, LocationLength and LocationLength2 are present.
        const LOCATION = 0x0010 => "ARO_LOCATION";
        /// BusyStatus is present.
        const BUSYSTATUS = 0x0020 => "ARO_BUSYSTATUS";
        /// Attachment is present.
        const ATTACHMENT = 0x0040 => "ARO_ATTACHMENT";
        /// SubType is present.
        const SUBTYPE = 0x0080 => "ARO_SUBTYPE";
        /// AppointmentColor is present (reserved).
        const APPTCOLOR = 0x0100 => "ARO_APPTCOLOR";
        /// The exception has its own body (no field here).
        const EXCEPTIONAL_BODY = 0x0200 => "ARO_EXCEPTIONAL_BODY";
    }
}

impl OverrideFlags {
    /// Whether the ExtendedException of this exception carries the
    /// StartDateTime/EndDateTime/OriginalStartDate fields, the wide strings
    /// and ReservedBlockEE2 (ARO_SUBJECT or ARO_LOCATION is set).
    pub const fn has_extended_fields(self) -> bool {
        self.intersects(OverrideFlags(0x0011))
    }
}

msox_codec::wire_flags! {
    /// [MS-OXOCAL] 2.2.6.2 PidLidChangeHighlight: what changed in a meeting
    /// update (the ChangeHighlightValue of an ExtendedException).
    pub struct ChangeHighlightFlags: u32 {
        /// The start time changed.
        const START = 0x0000_0001 => "BIT_CH_START";
        /// The end time changed.
        const END = 0x0000_0002 => "BIT_CH_END";
        /// The recurrence pattern changed.
        const RECUR = 0x0000_0004 => "BIT_CH_RECUR";
        /// The location changed.
        const LOCATION = 0x0000_0008 => "BIT_CH_LOCATION";
        /// The subject changed.
        const SUBJECT = 0x0000_0010 => "BIT_CH_SUBJECT";
        /// Required attendees were added.
        const REQATT = 0x0000_0020 => "BIT_CH_REQATT";
        /// Optional attendees were added.
        const OPTATT = 0x0000_0040 => "BIT_CH_OPTATT";
        /// The body changed.
        const BODY = 0x0000_0080 => "BIT_CH_BODY";
        /// Custom properties changed.
        const CUSTOM = 0x0000_0100 => "BIT_CH_CUSTOM";
        /// The response option changed.
        const RESPONSE = 0x0000_0200 => "BIT_CH_RESPONSE";
        /// The "allow new time proposals" option changed.
        const ALLOWPROPOSE = 0x0000_0400 => "BIT_CH_ALLOWPROPOSE";
    }
}

/// An 8-bit string of an ExceptionInfo ([MS-OXOCAL] 2.2.1.44.2 Subject or
/// Location, "a non-Unicode string") with its two length fields: the first
/// (SubjectLength / LocationLength) is the second plus one, the second
/// (SubjectLength2 / LocationLength2) is the number of bytes. The code page
/// is the message's (PidTagMessageCodepage); the bytes are kept as read, and
/// the ExtendedException carries the same text in UTF-16.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NonUnicodeString {
    /// SubjectLength / LocationLength, as read (the byte count plus one).
    pub length: u16,
    /// The bytes (SubjectLength2 / LocationLength2 of them), without a terminator.
    pub bytes: Vec<u8>,
}

impl NonUnicodeString {
    /// A string from bytes, with `length` set to the byte count plus one.
    /// Fails when the bytes do not fit the 16-bit length fields.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Result<Self> {
        let bytes = bytes.into();
        let n = fit_u16(bytes.len(), "SubjectLength2")?;
        let length = n
            .checked_add(1)
            .ok_or_else(|| Error::too_large("SubjectLength", u64::from(n) + 1, 0xFFFF))?;
        Ok(NonUnicodeString { length, bytes })
    }

    /// The text, decoded in code page `cp` (lossy for bytes invalid in it).
    pub fn to_string_lossy(&self, cp: msox_codec::CodePage) -> String {
        msox_codec::decode_8bit(&self.bytes, cp).0.into_owned()
    }

    fn read(r: &mut Reader<'_>, field: &'static str) -> Result<Self> {
        let at = r.pos();
        let length = r.u16()?;
        let n = r.u16()?;
        r.reserve_backed(n.into(), field)?;
        let bytes = r.bytes(n.into())?.to_vec();
        if u32::from(length) != u32::from(n) + 1 {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field,
                    value: length.into(),
                },
                at,
                "length kept as read (it should be the byte count plus one)",
            )?;
        }
        Ok(NonUnicodeString { length, bytes })
    }

    fn wire_len(&self) -> usize {
        4 + self.bytes.len()
    }

    fn write<B: BufMut>(&self, field: &'static str, buf: &mut B) -> Result<()> {
        let n = fit_u16(self.bytes.len(), field)?;
        buf.put_u16_le(self.length);
        buf.put_u16_le(n);
        buf.put_slice(&self.bytes);
        Ok(())
    }
}

/// [MS-OXOCAL] 2.2.1.44.2 ExceptionInfo: one modified instance of a
/// series. The optional fields are present exactly when their
/// [`OverrideFlags`] bit is set; encoding checks that they agree.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExceptionInfo {
    /// StartDateTime: the exception's start (local minutes since 1601).
    pub start_date_time: u32,
    /// EndDateTime: the exception's end (local minutes since 1601).
    pub end_date_time: u32,
    /// OriginalStartTime ("OriginalStartDate"): the start of the instance
    /// the exception replaces (local minutes since 1601).
    pub original_start_date: u32,
    /// OverrideFlags.
    pub override_flags: OverrideFlags,
    /// Subject (ARO_SUBJECT).
    pub subject: Option<NonUnicodeString>,
    /// MeetingType (ARO_MEETINGTYPE): the exception's PidLidAppointmentStateFlags.
    pub meeting_type: Option<AppointmentStateFlags>,
    /// ReminderDelta (ARO_REMINDERDELTA): minutes before the start.
    pub reminder_delta: Option<u32>,
    /// ReminderSet (ARO_REMINDER): nonzero when a reminder is set.
    pub reminder_set: Option<u32>,
    /// Location (ARO_LOCATION).
    pub location: Option<NonUnicodeString>,
    /// BusyStatus (ARO_BUSYSTATUS).
    pub busy_status: Option<BusyStatus>,
    /// Attachment (ARO_ATTACHMENT): nonzero when the exception has attachments.
    pub attachment: Option<u32>,
    /// SubType (ARO_SUBTYPE): nonzero for an all-day exception.
    pub sub_type: Option<u32>,
    /// AppointmentColor (ARO_APPTCOLOR, reserved).
    pub appointment_color: Option<u32>,
}

/// The OverrideFlags bits that have a field, in wire order.
const FIELD_BITS: [(OverrideFlags, &str); 9] = [
    (OverrideFlags::SUBJECT, "Subject"),
    (OverrideFlags::MEETINGTYPE, "MeetingType"),
    (OverrideFlags::REMINDERDELTA, "ReminderDelta"),
    (OverrideFlags::REMINDER, "ReminderSet"),
    (OverrideFlags::LOCATION, "Location"),
    (OverrideFlags::BUSYSTATUS, "BusyStatus"),
    (OverrideFlags::ATTACHMENT, "Attachment"),
    (OverrideFlags::SUBTYPE, "SubType"),
    (OverrideFlags::APPTCOLOR, "AppointmentColor"),
];

impl ExceptionInfo {
    /// StartDateTime as a date and time.
    pub fn start(&self) -> DateTime {
        DateTime::from_minutes(i64::from(self.start_date_time))
    }

    /// EndDateTime as a date and time.
    pub fn end(&self) -> DateTime {
        DateTime::from_minutes(i64::from(self.end_date_time))
    }

    /// OriginalStartDate as a date and time.
    pub fn original_start(&self) -> DateTime {
        DateTime::from_minutes(i64::from(self.original_start_date))
    }

    /// Which optional fields are present, as OverrideFlags bits.
    fn present(&self) -> [bool; 9] {
        [
            self.subject.is_some(),
            self.meeting_type.is_some(),
            self.reminder_delta.is_some(),
            self.reminder_set.is_some(),
            self.location.is_some(),
            self.busy_status.is_some(),
            self.attachment.is_some(),
            self.sub_type.is_some(),
            self.appointment_color.is_some(),
        ]
    }

    fn check_flags(&self) -> Result<()> {
        for ((bit, name), present) in FIELD_BITS.iter().zip(self.present()) {
            if self.override_flags.contains(*bit) != present {
                return Err(Error::malformed(format!(
                    "ExceptionInfo: OverrideFlags {} {} but {name} is {}",
                    bit,
                    if present { "is not set" } else { "is set" },
                    if present { "present" } else { "absent" },
                )));
            }
        }
        Ok(())
    }
}

impl<'a> Decode<'a> for ExceptionInfo {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start_date_time = r.u32()?;
        let end_date_time = r.u32()?;
        let original_start_date = r.u32()?;
        let at = r.pos();
        let flags = OverrideFlags(r.u16()?);
        if flags.unknown_bits() != 0 {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "OverrideFlags",
                    value: flags.0.into(),
                },
                at,
                "unknown bits kept; no field read for them",
            )?;
        }
        let has = |b: OverrideFlags| flags.contains(b);
        let subject = if has(OverrideFlags::SUBJECT) {
            Some(NonUnicodeString::read(r, "SubjectLength")?)
        } else {
            None
        };
        let u32_if = |r: &mut Reader<'_>, b: OverrideFlags| -> Result<Option<u32>> {
            if flags.contains(b) {
                r.u32().map(Some)
            } else {
                Ok(None)
            }
        };
        let meeting_type = u32_if(r, OverrideFlags::MEETINGTYPE)?.map(AppointmentStateFlags);
        let reminder_delta = u32_if(r, OverrideFlags::REMINDERDELTA)?;
        let reminder_set = u32_if(r, OverrideFlags::REMINDER)?;
        let location = if has(OverrideFlags::LOCATION) {
            Some(NonUnicodeString::read(r, "LocationLength")?)
        } else {
            None
        };
        let busy_status = u32_if(r, OverrideFlags::BUSYSTATUS)?.map(BusyStatus::from_value);
        let attachment = u32_if(r, OverrideFlags::ATTACHMENT)?;
        let sub_type = u32_if(r, OverrideFlags::SUBTYPE)?;
        let appointment_color = u32_if(r, OverrideFlags::APPTCOLOR)?;
        Ok(ExceptionInfo {
            start_date_time,
            end_date_time,
            original_start_date,
            override_flags: flags,
            subject,
            meeting_type,
            reminder_delta,
            reminder_set,
            location,
            busy_status,
            attachment,
            sub_type,
            appointment_color,
        })
    }
}

impl Encode for ExceptionInfo {
    fn encoded_len(&self) -> usize {
        let words = [
            self.meeting_type.is_some(),
            self.reminder_delta.is_some(),
            self.reminder_set.is_some(),
            self.busy_status.is_some(),
            self.attachment.is_some(),
            self.sub_type.is_some(),
            self.appointment_color.is_some(),
        ]
        .iter()
        .filter(|p| **p)
        .count();
        14 + 4 * words
            + self.subject.as_ref().map_or(0, NonUnicodeString::wire_len)
            + self.location.as_ref().map_or(0, NonUnicodeString::wire_len)
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.check_flags()?;
        buf.put_u32_le(self.start_date_time);
        buf.put_u32_le(self.end_date_time);
        buf.put_u32_le(self.original_start_date);
        buf.put_u16_le(self.override_flags.0);
        if let Some(s) = &self.subject {
            s.write("SubjectLength2", buf)?;
        }
        let mut put = |v: Option<u32>| {
            if let Some(v) = v {
                buf.put_u32_le(v);
            }
        };
        put(self.meeting_type.map(|m| m.0));
        put(self.reminder_delta);
        put(self.reminder_set);
        if let Some(l) = &self.location {
            l.write("LocationLength2", buf)?;
        }
        if let Some(b) = self.busy_status {
            buf.put_u32_le(b.value());
        }
        for v in [self.attachment, self.sub_type, self.appointment_color]
            .into_iter()
            .flatten()
        {
            buf.put_u32_le(v);
        }
        Ok(())
    }
}

/// [MS-OXOCAL] 2.2.1.44.3 ChangeHighlight: the PidLidChangeHighlight value
/// of an exception, with ChangeHighlightSize (4 plus the reserved bytes)
/// implied by [`ChangeHighlight::reserved`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChangeHighlight {
    /// ChangeHighlightValue.
    pub change_highlight_value: ChangeHighlightFlags,
    /// Reserved: the bytes ChangeHighlightSize counts after the value (kept).
    pub reserved: Vec<u8>,
}

impl<'a> Decode<'a> for ChangeHighlight {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ChangeHighlight", |r| {
            let at = r.pos();
            let size = r.u32_usize()?;
            if size < 4 {
                return Err(r.invalid_at("ChangeHighlightSize", size as u64, at));
            }
            r.reserve_backed(size, "ChangeHighlightSize")?;
            r.sized(size, |r| {
                let change_highlight_value = ChangeHighlightFlags(r.u32()?);
                let reserved = r.take_rest().to_vec();
                Ok(ChangeHighlight {
                    change_highlight_value,
                    reserved,
                })
            })
        })
    }
}

impl Encode for ChangeHighlight {
    fn encoded_len(&self) -> usize {
        8 + self.reserved.len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let size = self
            .reserved
            .len()
            .checked_add(4)
            .ok_or_else(|| Error::too_large("ChangeHighlightSize", u64::MAX, 0xFFFF_FFFF))?;
        buf.put_u32_le(fit_u32(size, "ChangeHighlightSize")?);
        buf.put_u32_le(self.change_highlight_value.0);
        buf.put_slice(&self.reserved);
        Ok(())
    }
}

/// [MS-OXOCAL] 2.2.1.44.4: what decides the layout of an [`ExtendedException`]: the
/// AppointmentRecurrencePattern's WriterVersion2 (ChangeHighlight from
/// 0x3009 on) and the OverrideFlags of the matching ExceptionInfo
/// (the dates and wide strings with ARO_SUBJECT or ARO_LOCATION).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ExtendedExceptionContext {
    /// WriterVersion2 of the AppointmentRecurrencePattern.
    pub writer_version2: u32,
    /// OverrideFlags of the ExceptionInfo at the same index.
    pub override_flags: OverrideFlags,
}

impl ExtendedExceptionContext {
    /// Whether a ChangeHighlight is present.
    pub const fn has_change_highlight(&self) -> bool {
        self.writer_version2 >= WRITER_VERSION_2
    }
}

/// The StartDateTime, EndDateTime and OriginalStartDate fields of an
/// [`ExtendedException`] ([MS-OXOCAL] 2.2.1.44.4), the same values as in the
/// matching ExceptionInfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExceptionTimes {
    /// StartDateTime (local minutes since 1601).
    pub start_date_time: u32,
    /// EndDateTime (local minutes since 1601).
    pub end_date_time: u32,
    /// OriginalStartDate (local minutes since 1601).
    pub original_start_date: u32,
}

/// [MS-OXOCAL] 2.2.1.44.4 ExtendedException: the Unicode subject and
/// location of one exception and what changed in it, in the same order as
/// the ExceptionInfo structures.
///
/// Which fields are present depends on the context
/// ([`ExtendedExceptionContext`]): `change_highlight` with WriterVersion2
/// 0x3009 or later; `times`, `reserved_block_ee2` and the strings with
/// ARO_SUBJECT / ARO_LOCATION.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtendedException {
    /// ChangeHighlight (WriterVersion2 ≥ 0x3009).
    pub change_highlight: Option<ChangeHighlight>,
    /// ReservedBlockEE1 (ReservedBlockEE1Size is its length; kept).
    pub reserved_block_ee1: Vec<u8>,
    /// StartDateTime, EndDateTime, OriginalStartDate (ARO_SUBJECT or ARO_LOCATION).
    pub times: Option<ExceptionTimes>,
    /// WideCharSubject (ARO_SUBJECT), without a terminator.
    pub wide_char_subject: Option<Utf16String>,
    /// WideCharLocation (ARO_LOCATION), without a terminator.
    pub wide_char_location: Option<Utf16String>,
    /// ReservedBlockEE2 (ARO_SUBJECT or ARO_LOCATION; kept).
    pub reserved_block_ee2: Option<Vec<u8>>,
}

fn read_block(r: &mut Reader<'_>, what: &'static str) -> Result<Vec<u8>> {
    let n = r.u32_usize()?;
    r.reserve_backed(n, what)?;
    Ok(r.bytes(n)?.to_vec())
}

fn write_block<B: BufMut>(block: &[u8], what: &'static str, buf: &mut B) -> Result<()> {
    buf.put_u32_le(fit_u32(block.len(), what)?);
    buf.put_slice(block);
    Ok(())
}

fn read_wide(r: &mut Reader<'_>, what: &'static str) -> Result<Utf16String> {
    let n = usize::from(r.u16()?) * 2;
    r.reserve_backed(n, what)?;
    Ok(Utf16String::from_le_bytes(r.bytes(n)?))
}

fn write_wide<B: BufMut>(s: &Utf16String, what: &'static str, buf: &mut B) -> Result<()> {
    let n = s.byte_len();
    if !n.is_multiple_of(2) {
        return Err(Error::malformed(format!(
            "{what}: an odd number of UTF-16 bytes"
        )));
    }
    buf.put_u16_le(fit_u16(n / 2, what)?);
    s.write_le(buf);
    Ok(())
}

impl ExtendedException {
    fn check(&self, ctx: ExtendedExceptionContext) -> Result<()> {
        let ext = ctx.override_flags.has_extended_fields();
        let checks = [
            (
                self.change_highlight.is_some(),
                ctx.has_change_highlight(),
                "ChangeHighlight (WriterVersion2 0x3009 or later)",
            ),
            (
                self.times.is_some(),
                ext,
                "StartDateTime/EndDateTime/OriginalStartDate",
            ),
            (
                self.reserved_block_ee2.is_some(),
                ext,
                "ReservedBlockEE2Size",
            ),
            (
                self.wide_char_subject.is_some(),
                ctx.override_flags.contains(OverrideFlags::SUBJECT),
                "WideCharSubject (ARO_SUBJECT)",
            ),
            (
                self.wide_char_location.is_some(),
                ctx.override_flags.contains(OverrideFlags::LOCATION),
                "WideCharLocation (ARO_LOCATION)",
            ),
        ];
        for (present, expected, what) in checks {
            if present != expected {
                return Err(Error::malformed(format!(
                    "ExtendedException: {what} is {} but the context says it is {}",
                    if present { "present" } else { "absent" },
                    if expected { "present" } else { "absent" },
                )));
            }
        }
        Ok(())
    }

    fn wire_len(&self) -> usize {
        self.change_highlight
            .as_ref()
            .map_or(0, ChangeHighlight::encoded_len)
            + 4
            + self.reserved_block_ee1.len()
            + self.times.map_or(0, |_| 12)
            + self
                .wide_char_subject
                .as_ref()
                .map_or(0, |s| 2 + s.byte_len())
            + self
                .wide_char_location
                .as_ref()
                .map_or(0, |s| 2 + s.byte_len())
            + self.reserved_block_ee2.as_ref().map_or(0, |b| 4 + b.len())
    }
}

impl<'a> DecodeWith<'a, ExtendedExceptionContext> for ExtendedException {
    fn decode_with(r: &mut Reader<'a>, ctx: ExtendedExceptionContext) -> Result<Self> {
        let change_highlight = if ctx.has_change_highlight() {
            Some(ChangeHighlight::decode(r)?)
        } else {
            None
        };
        let reserved_block_ee1 = read_block(r, "ReservedBlockEE1Size")?;
        let flags = ctx.override_flags;
        let mut e = ExtendedException {
            change_highlight,
            reserved_block_ee1,
            ..ExtendedException::default()
        };
        if flags.has_extended_fields() {
            e.times = Some(ExceptionTimes {
                start_date_time: r.u32()?,
                end_date_time: r.u32()?,
                original_start_date: r.u32()?,
            });
            if flags.contains(OverrideFlags::SUBJECT) {
                e.wide_char_subject = Some(read_wide(r, "WideCharSubjectLength")?);
            }
            if flags.contains(OverrideFlags::LOCATION) {
                e.wide_char_location = Some(read_wide(r, "WideCharLocationLength")?);
            }
            e.reserved_block_ee2 = Some(read_block(r, "ReservedBlockEE2Size")?);
        }
        Ok(e)
    }
}

impl EncodeWith<ExtendedExceptionContext> for ExtendedException {
    fn encoded_len_with(&self, _ctx: ExtendedExceptionContext) -> usize {
        self.wire_len()
    }

    fn encode_with<B: BufMut>(&self, ctx: ExtendedExceptionContext, buf: &mut B) -> Result<()> {
        self.check(ctx)?;
        if let Some(ch) = &self.change_highlight {
            ch.encode(buf)?;
        }
        write_block(&self.reserved_block_ee1, "ReservedBlockEE1Size", buf)?;
        if let Some(t) = self.times {
            buf.put_u32_le(t.start_date_time);
            buf.put_u32_le(t.end_date_time);
            buf.put_u32_le(t.original_start_date);
        }
        if let Some(s) = &self.wide_char_subject {
            write_wide(s, "WideCharSubjectLength", buf)?;
        }
        if let Some(s) = &self.wide_char_location {
            write_wide(s, "WideCharLocationLength", buf)?;
        }
        if let Some(b) = &self.reserved_block_ee2 {
            write_block(b, "ReservedBlockEE2Size", buf)?;
        }
        Ok(())
    }
}

/// [MS-OXOCAL] 2.2.1.44.5 AppointmentRecurrencePattern: the value of
/// PidLidAppointmentRecur: a [`RecurrencePattern`], the time of day of the
/// occurrences, and the exceptions.
///
/// Lossless: reserved blocks, both writer versions (0x3008 without
/// ChangeHighlight, 0x3009 with), and what real writers put after the
/// structure are kept, so every blob re-encodes byte for byte:
///
/// - bytes after ReservedBlock2 go to [`trailing`](Self::trailing): zero
///   bytes are accepted in both modes (Outlook writes four after a daily
///   pattern), anything else is a defect;
/// - a blob that ends right after the ExceptionInfo array or after the
///   ExtendedExceptions (seen in the wild, e.g. OpenChange's crash reports)
///   is a defect: strict mode refuses it, lenient mode keeps the missing
///   reserved blocks as `None`;
/// - in lenient mode, the part from ReservedBlock1Size on that cannot be
///   decoded is kept in [`trailing`](Self::trailing) with a defect;
/// - an ExceptionInfo that cannot be read is an error in both modes: it
///   has no size to skip it by, and everything after it depends on it.
///
/// ```
/// use ms_oxocal::{AppointmentRecurrencePattern, OverrideFlags};
/// use msox_codec::{Decode, Encode};
/// // [MS-OXOCAL] 4.1.1.2: a weekly series with one exception (new subject,
/// // location and time)
/// let hex = "043004300B2001000000C0210000010000000000000032000000222000000C00000000000000\
///     01000000A096BC0C01000000A096BC0C8020BC0C20ADBC0C0630000009300000580200007602000001\
///     003499BC0C5299BC0CF898BC0C11002200210053696D706C6520526563757272656E63652077697468\
///     20657863657074696F6E730800070033342F34313431000000000400000000000000000000003499BC\
///     0C5299BC0CF898BC0C2100530069006D0070006C006500200052006500630075007200720065006E00\
///     6300650020007700690074006800200065007800630065007000740069006F006E0073000700330034\
///     002F0034003100340031000000000000000000";
/// let bytes = msox_codec::hex::decode(hex)?;
/// let p = AppointmentRecurrencePattern::decode_exact(&bytes)?;
/// let e = &p.exception_info[0];
/// assert_eq!(e.override_flags, OverrideFlags::SUBJECT | OverrideFlags::LOCATION);
/// assert_eq!(e.start().to_string(), "2007-04-16T11:00");
/// let ext = &p.extended_exceptions[0];
/// assert_eq!(ext.wide_char_subject.as_ref().unwrap(), "Simple Recurrence with exceptions");
/// assert_eq!(ext.wide_char_location.as_ref().unwrap(), "34/4141");
/// assert_eq!(p.to_vec()?, bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AppointmentRecurrencePattern {
    /// RecurrencePattern.
    pub recurrence_pattern: RecurrencePattern,
    /// ReaderVersion2 (0x3006).
    pub reader_version2: u32,
    /// WriterVersion2 (0x3009 or 0x3008; real files also have 0x3006 and
    /// 0x3007).
    pub writer_version2: u32,
    /// StartTimeOffset: minutes after midnight at which each occurrence starts.
    pub start_time_offset: u32,
    /// EndTimeOffset: minutes after midnight (of the start day) at which
    /// each occurrence ends.
    pub end_time_offset: u32,
    /// ExceptionInfo (ExceptionCount is their number).
    pub exception_info: Vec<ExceptionInfo>,
    /// ReservedBlock1 (ReservedBlock1Size is its length); `None` when the
    /// blob ends before ReservedBlock1Size (lenient decoding only).
    pub reserved_block1: Option<Vec<u8>>,
    /// ExtendedException, one per ExceptionInfo (fewer only when lenient
    /// decoding could not read them; the rest is then in `trailing`).
    pub extended_exceptions: Vec<ExtendedException>,
    /// ReservedBlock2 (ReservedBlock2Size is its length); `None` when the
    /// blob ends before ReservedBlock2Size (lenient decoding only).
    pub reserved_block2: Option<Vec<u8>>,
    /// Bytes after the structure (or, in lenient mode, from the first part
    /// that could not be decoded), kept so the blob re-encodes as read.
    pub trailing: Vec<u8>,
}

impl Default for AppointmentRecurrencePattern {
    /// A series with the [`RecurrencePattern`] default, versions 0x3006 /
    /// 0x3009, no exceptions and empty reserved blocks.
    fn default() -> Self {
        AppointmentRecurrencePattern {
            recurrence_pattern: RecurrencePattern::default(),
            reader_version2: READER_VERSION_2,
            writer_version2: WRITER_VERSION_2,
            start_time_offset: 0,
            end_time_offset: 0,
            exception_info: Vec::new(),
            reserved_block1: Some(Vec::new()),
            extended_exceptions: Vec::new(),
            reserved_block2: Some(Vec::new()),
            trailing: Vec::new(),
        }
    }
}

impl AppointmentRecurrencePattern {
    /// The context of the ExtendedException at `index`.
    pub fn extended_exception_context(&self, index: usize) -> ExtendedExceptionContext {
        ExtendedExceptionContext {
            writer_version2: self.writer_version2,
            override_flags: self
                .exception_info
                .get(index)
                .map_or(OverrideFlags::EMPTY, |e| e.override_flags),
        }
    }

    /// The duration of each occurrence in minutes (EndTimeOffset minus
    /// StartTimeOffset; negative values are kept, as written).
    pub fn duration_minutes(&self) -> i64 {
        i64::from(self.end_time_offset) - i64::from(self.start_time_offset)
    }

    /// The subject of exception `index`: the Unicode one of its
    /// ExtendedException when present, else the 8-bit one decoded in `cp`.
    pub fn exception_subject(&self, index: usize, cp: msox_codec::CodePage) -> Option<String> {
        if let Some(s) = self
            .extended_exceptions
            .get(index)
            .and_then(|e| e.wide_char_subject.as_ref())
        {
            return Some(s.as_str().to_string());
        }
        self.exception_info
            .get(index)?
            .subject
            .as_ref()
            .map(|s| s.to_string_lossy(cp))
    }

    /// The location of exception `index` (Unicode when present, else the
    /// 8-bit one decoded in `cp`).
    pub fn exception_location(&self, index: usize, cp: msox_codec::CodePage) -> Option<String> {
        if let Some(s) = self
            .extended_exceptions
            .get(index)
            .and_then(|e| e.wide_char_location.as_ref())
        {
            return Some(s.as_str().to_string());
        }
        self.exception_info
            .get(index)?
            .location
            .as_ref()
            .map(|s| s.to_string_lossy(cp))
    }

    fn decode_tail(&mut self, r: &mut Reader<'_>) -> Result<()> {
        // ReservedBlock1
        if r.is_empty() {
            r.defect(
                ErrorKind::UnexpectedEnd {
                    needed: 4,
                    available: 0,
                },
                "the blob ends before ReservedBlock1Size: reserved blocks and extended exceptions absent",
            )?;
            return Ok(());
        }
        let start = r.pos();
        match r.attempt(|r| read_block(r, "ReservedBlock1Size")) {
            Ok(b) => self.reserved_block1 = Some(b),
            Err(e) => {
                r.tolerate(e, "the rest kept as trailing bytes")?;
                r.seek(start)?;
                self.trailing = r.take_rest().to_vec();
                return Ok(());
            }
        }
        // ExtendedException
        let start = r.pos();
        let n = self.exception_info.len();
        let this = &*self;
        let read = r.attempt(|r| {
            let min = if this.writer_version2 >= WRITER_VERSION_2 {
                12
            } else {
                4
            };
            r.check_count(n as u64, min, "ExceptionCount (ExtendedException)")?;
            let mut v = Vec::with_capacity(n.min(1024));
            for i in 0..n {
                let ctx = this.extended_exception_context(i);
                v.push(r.frame_indexed("ExtendedException", i, |r| {
                    ExtendedException::decode_with(r, ctx)
                })?);
            }
            Ok(v)
        });
        match read {
            Ok(v) => self.extended_exceptions = v,
            Err(e) => {
                r.tolerate(
                    e,
                    "the extended exceptions and the rest kept as trailing bytes",
                )?;
                r.seek(start)?;
                self.trailing = r.take_rest().to_vec();
                return Ok(());
            }
        }
        // ReservedBlock2
        if r.is_empty() {
            r.defect(
                ErrorKind::UnexpectedEnd {
                    needed: 4,
                    available: 0,
                },
                "the blob ends before ReservedBlock2Size: ReservedBlock2 absent",
            )?;
            return Ok(());
        }
        let start = r.pos();
        match r.attempt(|r| read_block(r, "ReservedBlock2Size")) {
            Ok(b) => self.reserved_block2 = Some(b),
            Err(e) => {
                r.tolerate(e, "the rest kept as trailing bytes")?;
                r.seek(start)?;
                self.trailing = r.take_rest().to_vec();
                return Ok(());
            }
        }
        // What follows
        let at = r.pos();
        let rest = r.take_rest();
        if rest.iter().any(|b| *b != 0) {
            r.defect_at(
                ErrorKind::TrailingBytes {
                    count: rest.len() as u64,
                },
                at,
                "kept as trailing bytes",
            )?;
        }
        self.trailing = rest.to_vec();
        Ok(())
    }
}

impl<'a> Decode<'a> for AppointmentRecurrencePattern {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AppointmentRecurrencePattern", |r| {
            let recurrence_pattern = RecurrencePattern::decode(r)?;
            let at = r.pos();
            let reader_version2 = r.u32()?;
            if reader_version2 != READER_VERSION_2 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "ReaderVersion2",
                        value: reader_version2.into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let writer_version2 = r.u32()?;
            let start_time_offset = r.u32()?;
            let end_time_offset = r.u32()?;
            let at = r.pos();
            let count = r.u16()?;
            let n = r.check_count(count.into(), 14, "ExceptionCount")?;
            let mut exception_info = Vec::with_capacity(n.min(1024));
            for i in 0..n {
                exception_info.push(r.frame_indexed("ExceptionInfo", i, ExceptionInfo::decode)?);
            }
            if exception_info.len() != recurrence_pattern.modified_instance_dates.len() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "ExceptionCount (not ModifiedInstanceCount)",
                        value: count.into(),
                    },
                    at,
                    "value kept as read",
                )?;
            }
            let mut p = AppointmentRecurrencePattern {
                recurrence_pattern,
                reader_version2,
                writer_version2,
                start_time_offset,
                end_time_offset,
                exception_info,
                reserved_block1: None,
                extended_exceptions: Vec::new(),
                reserved_block2: None,
                trailing: Vec::new(),
            };
            p.decode_tail(r)?;
            Ok(p)
        })
    }
}

impl Encode for AppointmentRecurrencePattern {
    fn encoded_len(&self) -> usize {
        self.recurrence_pattern.encoded_len()
            + 18
            + self
                .exception_info
                .iter()
                .map(Encode::encoded_len)
                .sum::<usize>()
            + self.reserved_block1.as_ref().map_or(0, |b| 4 + b.len())
            + self
                .extended_exceptions
                .iter()
                .map(ExtendedException::wire_len)
                .sum::<usize>()
            + self.reserved_block2.as_ref().map_or(0, |b| 4 + b.len())
            + self.trailing.len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let count = fit_u16(self.exception_info.len(), "ExceptionCount")?;
        if self.extended_exceptions.len() > self.exception_info.len()
            || (self.reserved_block2.is_some()
                && self.extended_exceptions.len() != self.exception_info.len())
        {
            return Err(Error::malformed(format!(
                "AppointmentRecurrencePattern: {} ExtendedException structures for {} ExceptionInfo structures",
                self.extended_exceptions.len(),
                self.exception_info.len()
            )));
        }
        if self.reserved_block1.is_none()
            && (!self.extended_exceptions.is_empty() || self.reserved_block2.is_some())
        {
            return Err(Error::malformed(
                "AppointmentRecurrencePattern: ExtendedException or ReservedBlock2 without ReservedBlock1",
            ));
        }
        self.recurrence_pattern.encode(buf)?;
        buf.put_u32_le(self.reader_version2);
        buf.put_u32_le(self.writer_version2);
        buf.put_u32_le(self.start_time_offset);
        buf.put_u32_le(self.end_time_offset);
        buf.put_u16_le(count);
        for e in &self.exception_info {
            e.encode(buf)?;
        }
        if let Some(b) = &self.reserved_block1 {
            write_block(b, "ReservedBlock1Size", buf)?;
        }
        for (i, e) in self.extended_exceptions.iter().enumerate() {
            e.encode_with(self.extended_exception_context(i), buf)?;
        }
        if let Some(b) = &self.reserved_block2 {
            write_block(b, "ReservedBlock2Size", buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}
