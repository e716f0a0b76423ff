//! # msox-mail — open any message file and read it as a person does
//!
//! Mail reaches a program in three shapes: Outlook `.msg` files
//! ([MS-OXMSG], crate `ms-oxmsg`), TNEF streams (`winmail.dat`,
//! [MS-OXTNEF], crate `ms-oxtnef`) and Internet messages (`.eml`,
//! RFC 5322/MIME, [MS-OXCMAIL], crate `ms-oxcmail`). All three read into
//! the one message model of `ms-oxcmsg`. This crate is the small layer a
//! tool needs on top:
//!
//! - [`detect`] and [`open`]: any of the three from bytes, by signature;
//! - [`envelope`]: what a reader of the message sees first: From, Sender,
//!   To, Cc, Bcc as SMTP addresses where they can be resolved
//!   (`ms_oxcmail::address`), the date in ISO 8601 with the sender's UTC
//!   offset, subject, class, importance, sensitivity, signed/encrypted,
//!   meeting, and the attachments (safe file name, size, MIME type,
//!   content ID, inline or not), embedded messages nested;
//! - [`body`]: the body a person reads ([MS-OXBBODY] via
//!   `ms_oxcmail::select_body`), or the text, HTML or RTF one asked for;
//!   [`html_to_text`] for HTML-only messages;
//! - [`attachment_bytes`] and [`attachment_file_names`]: what to save and
//!   under which names (the workspace's one safe-name rule,
//!   `msox_codec::names`).
//!
//! No I/O: bytes in, values out. Every call takes the decoding
//! [`Options`] (strict or lenient, limits) and returns the
//! [`Defect`](msox_codec::Defect)s it read past.
//!
//! ```
//! use msox_codec::Options;
//! use msox_mail::{BodyKind, MailFormat};
//!
//! let eml = b"From: \"Doe, Ann\" <ann@example.com>\r\nTo: Bob <bob@example.com>\r\n\
//! Subject: Lunch\r\nDate: Tue, 1 Jul 2003 10:52:37 +0200\r\nImportance: high\r\n\r\nNoon?\r\n";
//! let opened = msox_mail::open(eml, &Options::default())?.value;
//! assert_eq!(opened.format, MailFormat::Eml);
//! let e = msox_mail::envelope(&opened.message);
//! assert_eq!(e.from.as_ref().unwrap().address, "ann@example.com");
//! assert_eq!(e.to[0].to_string(), "Bob <bob@example.com>");
//! assert_eq!(e.date.as_deref(), Some("2003-07-01T10:52:37+02:00"));
//! assert_eq!(e.importance, Some(msox_mail::Importance::High));
//! let b = msox_mail::body(&opened.message, Some(BodyKind::Text), &Options::default())?.value;
//! assert_eq!(b.unwrap().data, b"Noon?\r\n");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | what | from | status |
//! |---|---|---|
//! | format detection | [MS-CFB] signature + `__properties_version1.0` stream, TNEF signature, an RFC 5322 header block | [`detect`] |
//! | addresses | [MS-OXCMAIL] 2.1.3.1.1 (SMTP properties, address types, one-off and address-book EntryIDs, transport headers, X.500 as IMCEAEX) | [`envelope`] via `ms_oxcmail::address` |
//! | date | PidTagClientSubmitTime, else PidTagMessageDeliveryTime, else PidTagCreationTime, else PidTagLastModificationTime (the first that is set and not zero); the UTC offset of the transport headers' `Date:` when it names the same instant | [`envelope`] |
//! | flags | PidTagImportance, PidTagSensitivity, PidTagMessageFlags (unsent, read), PidTagReadReceiptRequested, S/MIME classes ([MS-OXOSMIME]), meeting classes ([MS-OXOCAL]) | [`envelope`] |
//! | bodies | [MS-OXBBODY] 2.1.3.1 best body, RTF de-encapsulation ([MS-OXRTFEX]) | [`body`] |
//! | attachments | by value, embedded messages, OLE objects ([MS-OXCMSG] 2.2.2); inline by PidTagAttachmentHidden, attRenderedInBody or a `cid:` link in the HTML | [`envelope`], [`attachment_bytes`] |
#![forbid(unsafe_code)]

use std::fmt;

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmail::address::{self, ResolvedAddress, TransportAddresses};
use ms_oxcmsg::{AttachMethod, Attachment, Message, RecipientType};
use ms_oxprops::tags;
use msox_codec::{Decode, Decoded, Error, ErrorKind, Options, Result};

mod text;

pub use text::html_to_text;

// ---- formats -----------------------------------------------------------------------------

/// The three shapes a message file comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum MailFormat {
    /// An Outlook item: `.msg` or `.oft` ([MS-OXMSG]).
    Msg,
    /// A TNEF stream: `winmail.dat` ([MS-OXTNEF]).
    Tnef,
    /// An Internet message: `.eml` (RFC 5322, MIME; [MS-OXCMAIL]).
    Eml,
}

impl MailFormat {
    /// The short name: `msg`, `tnef`, `eml`.
    pub fn name(self) -> &'static str {
        match self {
            MailFormat::Msg => "msg",
            MailFormat::Tnef => "tnef",
            MailFormat::Eml => "eml",
        }
    }

    /// What it is, in words.
    pub fn description(self) -> &'static str {
        match self {
            MailFormat::Msg => "Outlook item (.msg/.oft), MS-OXMSG",
            MailFormat::Tnef => "TNEF stream (winmail.dat), MS-OXTNEF",
            MailFormat::Eml => "Internet message (RFC 5322, MIME), MS-OXCMAIL",
        }
    }
}

impl fmt::Display for MailFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Whether `b` starts with an RFC 5322 header block: every line up to the
/// blank line (or the first 300 lines) a header field or a continuation,
/// no NUL or other control bytes, and at least two of From, Date, Subject
/// and MIME-Version among the fields (an mbox `From ` line may come first).
///
/// ```
/// assert!(msox_mail::looks_like_internet_message(b"From: a@b.c\r\nSubject: x\r\n\r\nbody"));
/// assert!(!msox_mail::looks_like_internet_message(b"Subject: x\r\n\r\nbody"));
/// ```
pub fn looks_like_internet_message(b: &[u8]) -> bool {
    let head = b.get(..b.len().min(64 * 1024)).unwrap_or_default();
    let mut seen = 0u8;
    let mut fields = 0usize;
    let mut lines = head.split(|&c| c == b'\n').peekable();
    if lines.peek().is_some_and(|l| l.starts_with(b"From ")) {
        lines.next();
    }
    for (n, line) in lines.enumerate() {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() || n >= 300 {
            break;
        }
        if line.iter().any(|&c| c == 0 || (c < 0x20 && c != b'\t')) {
            return false;
        }
        if matches!(line.first(), Some(b' ' | b'\t')) {
            if fields == 0 {
                return false;
            }
            continue;
        }
        let Some(colon) = line.iter().position(|&c| c == b':') else {
            return false;
        };
        let name = line.get(..colon).unwrap_or_default();
        if name.is_empty() || !name.iter().all(|&c| c.is_ascii_graphic()) {
            return false;
        }
        fields += 1;
        for (bit, want) in [
            (1u8, &b"from"[..]),
            (2, b"date"),
            (4, b"subject"),
            (8, b"mime-version"),
        ] {
            if name.eq_ignore_ascii_case(want) {
                seen |= bit;
            }
        }
    }
    seen.count_ones() >= 2
}

/// The format of a message file, by its first bytes; `None` when it is
/// none of the three.
///
/// ```
/// use msox_mail::{detect, MailFormat};
/// assert_eq!(detect(&[0x78, 0x9F, 0x3E, 0x22, 0, 0]), Some(MailFormat::Tnef));
/// assert_eq!(detect(b"Subject: hi\r\nFrom: a@b.c\r\n\r\n"), Some(MailFormat::Eml));
/// assert_eq!(detect(b"%PDF-1.4"), None);
/// ```
pub fn detect(bytes: &[u8]) -> Option<MailFormat> {
    if ms_oxmsg::is_msg(bytes) {
        Some(MailFormat::Msg)
    } else if ms_oxtnef::is_tnef(bytes) {
        Some(MailFormat::Tnef)
    } else if looks_like_internet_message(bytes) {
        Some(MailFormat::Eml)
    } else {
        None
    }
}

/// How many leading bytes [`may_be_mail`] needs to see.
pub const DETECT_PREFIX: usize = 64 * 1024;

/// Whether a file that starts with `prefix` (its first [`DETECT_PREFIX`]
/// bytes, or all of it when shorter) can be one of the three formats: a
/// quick filter that lets a caller skip other files without reading them
/// whole. `false` means [`detect`] would say `None` for the whole file;
/// `true` still needs [`detect`] on the whole file (a compound file is a
/// .msg only if it holds the `__properties_version1.0` stream).
///
/// ```
/// assert!(msox_mail::may_be_mail(b"From: a@b.c\r\nDate: x\r\n\r\n"));
/// assert!(!msox_mail::may_be_mail(b"MSCF\0\0\0\0"));
/// ```
pub fn may_be_mail(prefix: &[u8]) -> bool {
    const CFB: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    prefix.starts_with(&CFB) || ms_oxtnef::is_tnef(prefix) || looks_like_internet_message(prefix)
}

/// A message read from a file of one of the three formats.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The format it was read as.
    pub format: MailFormat,
    /// The message.
    pub message: Message,
}

/// A message opened for viewing ([`open_view`]): the model without the
/// top-level attachments' by-value bytes, which stay in the input (or, in
/// a .msg whose stream sectors are scattered, are copied once).
#[derive(Debug, Clone, PartialEq)]
pub struct View<'a> {
    /// The format it was read as.
    pub format: MailFormat,
    /// The message; an attachment whose bytes are in
    /// [`View::attach_data`] holds none.
    pub message: Message,
    /// Per attachment of `message` (same index): its bytes, where the
    /// message does not hold them.
    pub attach_data: Vec<Option<std::borrow::Cow<'a, [u8]>>>,
}

impl View<'_> {
    /// The bytes of attachment `i`: the model's ([`attachment_bytes`]) or
    /// those left in the input.
    pub fn attachment_bytes(&self, i: usize) -> Option<&[u8]> {
        let a = self.message.attachments.get(i)?;
        attachment_bytes(a).or_else(|| self.attach_data.get(i)?.as_deref())
    }
}

/// [`open`] for showing a message: the .msg and TNEF attachment bytes are
/// not copied into the model (see [`View`]), so a large message costs its
/// size in memory once. An Internet message is decoded as [`open`] does
/// (its attachments are encoded in it, so the model holds them).
pub fn open_view<'a>(bytes: &'a [u8], options: &Options) -> Result<Decoded<View<'a>>> {
    let Some(format) = detect(bytes) else {
        return open(bytes, options).map(|d| Decoded {
            value: View {
                format: d.value.format,
                message: d.value.message,
                attach_data: Vec::new(),
            },
            defects: d.defects,
        });
    };
    let (message, attach_data, defects) = match format {
        MailFormat::Msg => {
            let d = ms_oxmsg::read_borrowing(bytes, options)?;
            (d.value.file.message, d.value.attach_data, d.defects)
        }
        MailFormat::Tnef => {
            let d = ms_oxtnef::to_message_borrowing(bytes, options)?;
            let v = d.value;
            // An embedded message's bytes (PtypObject) are its attachment's
            // bytes, as the model that holds them gives them.
            let data = v
                .attach_data
                .into_iter()
                .zip(v.attach_object.into_iter().chain(std::iter::repeat(None)))
                .map(|(d, o)| d.or(o).map(Into::into))
                .collect();
            (v.message, data, d.defects)
        }
        MailFormat::Eml => {
            let d = open_as(format, bytes, options)?;
            (d.value, Vec::new(), d.defects)
        }
    };
    Ok(Decoded {
        value: View {
            format,
            message,
            attach_data,
        },
        defects,
    })
}

/// Reads a message of a known format.
pub fn open_as(format: MailFormat, bytes: &[u8], options: &Options) -> Result<Decoded<Message>> {
    match format {
        MailFormat::Msg => {
            let d = ms_oxmsg::MsgFile::decode_bytes(bytes, options)?;
            Ok(Decoded {
                value: d.value.message,
                defects: d.defects,
            })
        }
        MailFormat::Tnef => ms_oxtnef::to_message(bytes, options),
        MailFormat::Eml => ms_oxcmail::mime_to_message(bytes, options),
    }
}

/// Reads a .msg, a TNEF stream or an Internet message, found by
/// [`detect`]. Bytes that are none of the three are an error (a
/// [`ErrorKind::Malformed`] that says what was found).
pub fn open(bytes: &[u8], options: &Options) -> Result<Decoded<Opened>> {
    let Some(format) = detect(bytes) else {
        return Err(Error::new(ErrorKind::Malformed(
            "not a message: no .msg (compound file), TNEF or RFC 5322 header signature".into(),
        )));
    };
    let d = open_as(format, bytes, options)?;
    Ok(Decoded {
        value: Opened {
            format,
            message: d.value,
        },
        defects: d.defects,
    })
}

// ---- bodies --------------------------------------------------------------------------------

/// The kinds of body a message can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum BodyKind {
    /// Plain text (UTF-8).
    Text,
    /// HTML (UTF-8, its charset declaration saying so).
    Html,
    /// RTF, decompressed.
    Rtf,
}

impl BodyKind {
    /// `text`, `html`, `rtf`.
    pub fn name(self) -> &'static str {
        match self {
            BodyKind::Text => "text",
            BodyKind::Html => "html",
            BodyKind::Rtf => "rtf",
        }
    }
}

/// A body, ready to write out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// What it is.
    pub kind: BodyKind,
    /// The bytes: UTF-8 text or HTML (no trailing NULs), or RTF.
    pub data: Vec<u8>,
    /// Whether it was made from another body (plain text from HTML by
    /// [`html_to_text`]) rather than stored or de-encapsulated.
    pub derived: bool,
}

fn trim_nuls(s: &str) -> &str {
    s.trim_end_matches('\0')
}

/// The body of a message: the one [MS-OXBBODY] chooses when `want` is
/// `None` (HTML, plain text or RTF; HTML and text de-encapsulated from an
/// RTF body that carries them), else the kind asked for: `Text` is
/// PidTagBody or the text de-encapsulated from RTF, else the HTML body made
/// into text ([`Body::derived`]); `Html` is PidTagHtml or the HTML
/// de-encapsulated from RTF; `Rtf` is PidTagRtfCompressed decompressed.
/// `None` inside when the message has no such body.
pub fn body(
    m: &Message,
    want: Option<BodyKind>,
    options: &Options,
) -> Result<Decoded<Option<Body>>> {
    let d = ms_oxcmail::select_body(m, options)?;
    let mut defects = d.defects;
    let b = d.value;
    let text = b.text.as_deref().map(trim_nuls).map(|t| Body {
        kind: BodyKind::Text,
        data: t.as_bytes().to_vec(),
        derived: false,
    });
    let html = b
        .html
        .clone()
        .or_else(|| ms_oxcmail::body::html_from_property(m))
        .map(|h| Body {
            kind: BodyKind::Html,
            data: trim_nuls(&h).as_bytes().to_vec(),
            derived: false,
        });
    let rtf = |defects: &mut Vec<msox_codec::Defect>| -> Result<Option<Body>> {
        if let Some(r) = &b.rtf {
            return Ok(Some(Body {
                kind: BodyKind::Rtf,
                data: r.clone(),
                derived: false,
            }));
        }
        let Some(c) = m.rtf_compressed() else {
            return Ok(None);
        };
        let d = ms_oxrtfcp::decompress(c, options)?;
        defects.extend(d.defects);
        Ok(Some(Body {
            kind: BodyKind::Rtf,
            data: d.value.data,
            derived: false,
        }))
    };
    let value = match want {
        Some(BodyKind::Text) => text.or_else(|| {
            html.map(|h| Body {
                kind: BodyKind::Text,
                data: html_to_text(&String::from_utf8_lossy(&h.data)).into_bytes(),
                derived: true,
            })
        }),
        Some(BodyKind::Html) => html,
        Some(BodyKind::Rtf) => rtf(&mut defects)?,
        None => match b.format {
            Some(ms_oxcmail::BodyFormat::Plain) => text.or(html),
            Some(ms_oxcmail::BodyFormat::Html) => html.or(text),
            _ => match (b.html.is_some(), b.rtf.is_some()) {
                (true, _) => html,
                (false, true) => rtf(&mut defects)?,
                _ => match text.or(html) {
                    Some(x) => Some(x),
                    None => rtf(&mut defects)?,
                },
            },
        },
    };
    Ok(Decoded { value, defects })
}

/// The body as plain text for reading: PidTagBody (or text de-encapsulated
/// from RTF), else the HTML body made into text; `None` when the message
/// has neither (an RTF-only body is not rendered).
pub fn readable_text(m: &Message, options: &Options) -> Result<Decoded<Option<String>>> {
    let d = body(m, Some(BodyKind::Text), options)?;
    Ok(Decoded {
        value: d
            .value
            .map(|b| String::from_utf8_lossy(&b.data).into_owned()),
        defects: d.defects,
    })
}

// ---- attachments ---------------------------------------------------------------------------

/// The bytes an attachment carries: by-value data, or an OLE object's
/// data after its 16-byte interface ID. `None` for embedded messages
/// (written by the caller in the form it wants: `.msg`, `.eml`, TNEF),
/// OLE storages kept stream by stream, and attachments by reference.
pub fn attachment_bytes(a: &Attachment) -> Option<&[u8]> {
    if let Some(d) = a.data() {
        return Some(d);
    }
    match a.properties.get(tags::PidTagAttachDataObject)? {
        PropertyValue::Object(b) | PropertyValue::Binary(b) if a.embedded.is_none() => b.get(16..),
        _ => None,
    }
}

/// The file name of every attachment, safe to create and unique within
/// the message (case-insensitively): `ms_oxcmail::attachment_file_name`
/// (long name, short name, display name or an embedded message's subject;
/// an extension from the MIME type when there is none; `.eml` for embedded
/// messages; `attachment-N` when nothing names it), then
/// `msox_codec::names::unique_file_names`.
pub fn attachment_file_names(m: &Message) -> Vec<String> {
    msox_codec::names::unique_file_names(
        m.attachments
            .iter()
            .enumerate()
            .map(|(i, a)| ms_oxcmail::attachment_file_name(a, i))
            .collect(),
    )
}

// ---- the envelope --------------------------------------------------------------------------

/// A person as the message names them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Address {
    /// The display name (may be empty).
    pub name: String,
    /// The SMTP address where it could be resolved, else whatever address
    /// the message holds (an X.500 DN is given as `IMCEAEX-...`); may be
    /// empty when the message holds only a name.
    pub address: String,
    /// Where the address was found (`None` when there is only a name).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub source: Option<address::AddressSource>,
}

impl From<ResolvedAddress> for Address {
    fn from(r: ResolvedAddress) -> Self {
        let source = (!r.address.is_empty()).then_some(r.source);
        Address {
            name: trim_nuls(&r.name).to_string(),
            address: r.address,
            source,
        }
    }
}

impl fmt::Display for Address {
    /// `Name <address>`, `address`, or `Name` (quoted when it needs to be).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.name.trim();
        let needs_quotes = name.contains([',', '<', '>', '@', ';', ':', '"']);
        match (name.is_empty(), self.address.is_empty()) {
            (true, _) => f.write_str(&self.address),
            (false, true) if needs_quotes => write!(f, "{name:?}"),
            (false, true) => f.write_str(name),
            (false, false) if needs_quotes => write!(f, "{name:?} <{}>", self.address),
            (false, false) => write!(f, "{name} <{}>", self.address),
        }
    }
}

/// PidTagImportance ([MS-OXCMSG] 2.2.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Importance {
    /// 0.
    Low,
    /// 1.
    Normal,
    /// 2.
    High,
}

/// PidTagSensitivity ([MS-OXCMSG] 2.2.1.13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
#[non_exhaustive]
pub enum Sensitivity {
    /// 0.
    Normal,
    /// 1.
    Personal,
    /// 2.
    Private,
    /// 3.
    Confidential,
}

/// What kind of meeting object a message is ([MS-OXOCAL] 2.2.6 message
/// classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Meeting {
    /// `IPM.Appointment*`: a calendar item.
    Appointment,
    /// `IPM.Schedule.Meeting.Request`.
    Request,
    /// `IPM.Schedule.Meeting.Canceled`.
    Cancellation,
    /// `IPM.Schedule.Meeting.Resp.Pos`.
    Accepted,
    /// `IPM.Schedule.Meeting.Resp.Tent`.
    Tentative,
    /// `IPM.Schedule.Meeting.Resp.Neg`.
    Declined,
    /// `IPM.Schedule.Meeting.Notification.Forward`.
    ForwardNotification,
    /// Another `IPM.Schedule.Meeting.*` class.
    Other,
}

/// One attachment as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AttachmentInfo {
    /// Its position in the attachment table, from 0.
    pub index: usize,
    /// The name the message gives it (long file name, file name or
    /// display name), as stored.
    pub name: String,
    /// The name to save it under ([`attachment_file_names`]).
    pub file_name: String,
    /// `file` (by value), `message` (embedded), `ole` (an OLE object or
    /// storage), `reference` (by reference or web reference), `none`.
    pub kind: String,
    /// The size of its content in bytes (the data of a file or OLE object;
    /// PidTagAttachSize for other kinds, which counts the whole attachment
    /// object).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub size: Option<u64>,
    /// PidTagAttachMimeTag, else the type its file name's extension implies.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub mime_type: Option<String>,
    /// PidTagAttachContentId.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub content_id: Option<String>,
    /// Whether it is shown inside the body rather than as an attachment
    /// (PidTagAttachmentHidden, attRenderedInBody, or a `cid:` link to it
    /// in the HTML body).
    pub inline: bool,
    /// The embedded message's envelope.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<Box<Envelope>>,
}

/// What a reader of a message sees first: who, when, what, flags and
/// attachments. Built by [`envelope`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Envelope {
    /// PidTagMessageClass (`IPM.Note`).
    pub message_class: Option<String>,
    /// PidTagSubject.
    pub subject: Option<String>,
    /// The author (the PidTagSentRepresenting* group, else PidTagSender*).
    pub from: Option<Address>,
    /// Who sent it when not the author (on behalf of).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sender: Option<Address>,
    /// To recipients.
    pub to: Vec<Address>,
    /// Cc recipients.
    pub cc: Vec<Address>,
    /// Bcc recipients.
    pub bcc: Vec<Address>,
    /// When it was sent (received, created or last modified, when not
    /// sent), ISO 8601
    /// with the sender's UTC offset where the message keeps it
    /// (`2003-07-01T10:52:37+02:00`), else in UTC (`+00:00`).
    pub date: Option<String>,
    /// PidTagInternetMessageId.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message_id: Option<String>,
    /// PidTagImportance.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub importance: Option<Importance>,
    /// PidTagSensitivity.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub sensitivity: Option<Sensitivity>,
    /// An S/MIME signed message (clear-signed, or opaque-signed when the
    /// class says so).
    pub signed: bool,
    /// An S/MIME message whose content is enveloped (IPM.Note.SMIME that is
    /// not known to be only signed).
    pub encrypted: bool,
    /// The kind of meeting object, for calendar classes.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub meeting: Option<Meeting>,
    /// A draft: mfUnsent in PidTagMessageFlags.
    pub unsent: bool,
    /// A read receipt was asked for.
    pub read_receipt_requested: bool,
    /// The body [MS-OXBBODY] chooses (`None` when there is none).
    pub body: Option<BodyKind>,
    /// The attachments.
    pub attachments: Vec<AttachmentInfo>,
}

fn time_of(m: &Message) -> Option<FileTime> {
    [
        tags::PidTagClientSubmitTime,
        tags::PidTagMessageDeliveryTime,
        tags::PidTagCreationTime,
        tags::PidTagLastModificationTime,
    ]
    .into_iter()
    .find_map(|t| {
        m.properties
            .get(t)
            .and_then(PropertyValue::as_time)
            .filter(|t| t.0 != 0)
    })
}

/// The UTC offset, in minutes, of an RFC 5322 date-time's zone.
fn zone_minutes(date: &str) -> Option<i64> {
    let z = date
        .split_whitespace()
        .rev()
        .find(|t| !t.starts_with('('))?;
    if let Some(rest) = z.strip_prefix(['+', '-']) {
        let d = rest.get(..4)?;
        if !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: i64 = d.parse().ok()?;
        let m = n / 100 * 60 + n % 100;
        return Some(if z.starts_with('-') { -m } else { m });
    }
    Some(match z.to_ascii_uppercase().as_str() {
        "UT" | "UTC" | "GMT" | "Z" => 0,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        _ => return None,
    })
}

/// The `Date:` field of the transport headers: its instant and UTC offset.
fn header_date(m: &Message) -> Option<(FileTime, i64)> {
    let h = m.transport_headers()?;
    let bytes = h.into_bytes();
    let mut r = msox_codec::Reader::with_options(&bytes, &Options::lenient());
    let (fields, _, _) = ms_oxcmail::mime::read_header_block(&mut r, 0, bytes.len(), true).ok()?;
    let f = fields.iter().find(|f| f.is("date"))?;
    let t = ms_oxcmail::mime::header::parse_date(f.value)?;
    let text = String::from_utf8_lossy(&ms_oxcmail::mime::header::unfold(f.value)).into_owned();
    Some((t, zone_minutes(&text).unwrap_or(0)))
}

/// A FILETIME as ISO 8601 at a UTC offset in minutes
/// (`2003-07-01T10:52:37+02:00`).
///
/// ```
/// let t = ms_dtyp::FileTime::from_utc(2003, 7, 1, 8, 52, 37, 0).unwrap();
/// assert_eq!(msox_mail::iso8601(t, 120), "2003-07-01T10:52:37+02:00");
/// assert_eq!(msox_mail::iso8601(t, 0), "2003-07-01T08:52:37+00:00");
/// ```
pub fn iso8601(t: FileTime, offset_minutes: i64) -> String {
    let shifted = i128::from(t.0) + i128::from(offset_minutes) * 60 * 10_000_000;
    let local = FileTime(u64::try_from(shifted).unwrap_or(t.0));
    let (y, mo, d, h, mi, s, _) = local.to_utc();
    let sign = if offset_minutes < 0 { '-' } else { '+' };
    let o = offset_minutes.unsigned_abs();
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}",
        o / 60,
        o % 60
    )
}

/// The message's date as [`Envelope::date`] gives it.
pub fn date(m: &Message) -> Option<String> {
    let header = header_date(m);
    match (time_of(m), header) {
        // the same instant (to the second): the sender's offset
        (Some(t), Some((h, off))) if t.0 / 10_000_000 == h.0 / 10_000_000 => Some(iso8601(t, off)),
        (Some(t), _) => Some(iso8601(t, 0)),
        (None, Some((h, off))) => Some(iso8601(h, off)),
        (None, None) => None,
    }
}

fn security(class: &str) -> (bool, bool) {
    let c = class.to_ascii_lowercase();
    if c.contains(".smime.multipartsigned") {
        (true, false)
    } else if c.ends_with(".smime") || c.contains(".smime.") {
        // opaque-signed and enveloped share the class; a signed-only one
        // is told apart by its content, which may be encrypted
        (false, true)
    } else {
        (false, false)
    }
}

fn meeting_kind(class: &str) -> Option<Meeting> {
    let c = class.to_ascii_lowercase();
    if c.starts_with("ipm.appointment") {
        return Some(Meeting::Appointment);
    }
    let rest = c.strip_prefix("ipm.schedule.meeting")?;
    Some(match rest.trim_start_matches('.') {
        r if r.starts_with("request") => Meeting::Request,
        r if r.starts_with("canceled") => Meeting::Cancellation,
        r if r.starts_with("resp.pos") => Meeting::Accepted,
        r if r.starts_with("resp.tent") => Meeting::Tentative,
        r if r.starts_with("resp.neg") => Meeting::Declined,
        r if r.starts_with("notification.forward") => Meeting::ForwardNotification,
        _ => Meeting::Other,
    })
}

fn attachment_kind(a: &Attachment, left: Option<&[u8]>) -> &'static str {
    if a.embedded.is_some() {
        return "message";
    }
    match a.method() {
        Some(AttachMethod::ByValue) | None if a.data().is_some() || left.is_some() => "file",
        Some(AttachMethod::EmbeddedMessage) => "message",
        Some(AttachMethod::Storage) => "ole",
        Some(AttachMethod::ByReference)
        | Some(AttachMethod::ByReferenceOnly)
        | Some(AttachMethod::ByWebReference) => "reference",
        _ if a.storage.is_some() || attachment_bytes(a).or(left).is_some() => "ole",
        Some(AttachMethod::ByValue) => "file",
        _ => "none",
    }
}

const ATT_RENDERED_IN_BODY: i64 = 0x4;

fn html_for_cids(m: &Message) -> Option<String> {
    if m.attachments.iter().all(|a| a.content_id().is_none()) {
        return None;
    }
    let d = ms_oxcmail::select_body(m, &Options::lenient()).ok()?;
    d.value
        .html
        .or_else(|| ms_oxcmail::body::html_from_property(m))
}

/// What a reader sees first (see [`Envelope`]). Addresses are resolved
/// to SMTP where the message allows ([MS-OXCMAIL] 2.1.3.1.1); nothing here
/// fails: what is missing is `None` or empty.
pub fn envelope(m: &Message) -> Envelope {
    envelope_at(m, 0, &[])
}

/// [`envelope`] of a [`View`]: the attachments' sizes and kinds from the
/// bytes the view left in the input.
pub fn view_envelope(v: &View<'_>) -> Envelope {
    let left: Vec<Option<&[u8]>> = v.attach_data.iter().map(|d| d.as_deref()).collect();
    envelope_at(&v.message, 0, &left)
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|t| trim_nuls(&t).to_string())
}

/// `left`: per attachment, the by-value bytes the message does not hold
/// (see [`View`]).
fn envelope_at(m: &Message, depth: u32, left: &[Option<&[u8]>]) -> Envelope {
    let t = TransportAddresses::of(m);
    let from = address::from_address(m, &t).map(Address::from);
    let sender = address::sender_address(m, &t)
        .map(Address::from)
        .filter(|s| {
            !s.address.is_empty()
                && from
                    .as_ref()
                    .is_none_or(|f| !f.address.eq_ignore_ascii_case(&s.address))
        });
    let (mut to, mut cc, mut bcc) = (Vec::new(), Vec::new(), Vec::new());
    for rc in &m.recipients {
        let a = address::recipient_address(m, rc, &t)
            .map(Address::from)
            .unwrap_or_else(|| Address {
                name: clean(rc.display_name()).unwrap_or_default(),
                address: clean(rc.email()).unwrap_or_default(),
                source: None,
            });
        let kind = rc
            .recipient_type()
            .map(|k| RecipientType::from_value(k.value() & 0x0FFF_FFFF));
        match kind {
            Some(RecipientType::Cc) => cc.push(a),
            Some(RecipientType::Bcc) => bcc.push(a),
            Some(RecipientType::Originator) => {}
            _ => to.push(a),
        }
    }
    let class = clean(m.message_class());
    let (signed, encrypted) = security(class.as_deref().unwrap_or_default());
    let flags = m.message_flags().unwrap_or(0);
    let names = attachment_file_names(m);
    let html = html_for_cids(m);
    let attachments = m
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let name = clean(a.file_name())
                .or_else(|| a.embedded.as_ref().and_then(|e| clean(e.subject())))
                .unwrap_or_default();
            let content_id = clean(a.content_id()).filter(|c| !c.is_empty());
            let hidden = a
                .properties
                .get(tags::PidTagAttachmentHidden)
                .and_then(PropertyValue::as_bool)
                .unwrap_or(false);
            let rendered = a
                .properties
                .get_i64(tags::PidTagAttachFlags)
                .is_some_and(|f| f & ATT_RENDERED_IN_BODY != 0);
            let linked = match (&content_id, &html) {
                (Some(c), Some(h)) => h.contains(&format!("cid:{}", c.trim_matches(['<', '>']))),
                _ => false,
            };
            let left = left.get(i).copied().flatten();
            let size = attachment_bytes(a)
                .or(left)
                .map(|d| d.len() as u64)
                .or_else(|| {
                    a.properties
                        .get_i64(tags::PidTagAttachSize)
                        .and_then(|n| u64::try_from(n).ok())
                });
            let mime_type = clean(a.mime_type())
                .filter(|t| !t.is_empty())
                .or_else(|| ms_oxcmail::mime_type_for_file_name(&name).map(str::to_string));
            AttachmentInfo {
                index: i,
                file_name: names.get(i).cloned().unwrap_or_default(),
                name,
                kind: attachment_kind(a, left).to_string(),
                size,
                mime_type,
                content_id,
                inline: hidden || rendered || linked,
                message: a
                    .embedded
                    .as_deref()
                    .filter(|_| depth < 64)
                    .map(|e| Box::new(envelope_at(e, depth + 1, &[]))),
            }
        })
        .collect();
    Envelope {
        subject: clean(m.subject()),
        from,
        sender,
        to,
        cc,
        bcc,
        date: date(m),
        message_id: clean(m.internet_message_id()).filter(|s| !s.is_empty()),
        importance: m.importance().and_then(|i| match i {
            0 => Some(Importance::Low),
            1 => Some(Importance::Normal),
            2 => Some(Importance::High),
            _ => None,
        }),
        sensitivity: m
            .properties
            .get_i64(tags::PidTagSensitivity)
            .and_then(|s| match s {
                0 => Some(Sensitivity::Normal),
                1 => Some(Sensitivity::Personal),
                2 => Some(Sensitivity::Private),
                3 => Some(Sensitivity::Confidential),
                _ => None,
            }),
        signed,
        encrypted,
        meeting: class.as_deref().and_then(meeting_kind),
        unsent: flags & 0x8 != 0,
        read_receipt_requested: m
            .properties
            .get(tags::PidTagReadReceiptRequested)
            .and_then(PropertyValue::as_bool)
            .unwrap_or(false),
        body: match ms_oxcmail::best_body_format(m) {
            ms_oxcmail::BodyFormat::Plain => Some(BodyKind::Text),
            ms_oxcmail::BodyFormat::Html => Some(BodyKind::Html),
            ms_oxcmail::BodyFormat::Rtf => Some(rtf_kind(m)),
            ms_oxcmail::BodyFormat::ClearSigned => Some(BodyKind::Text),
            _ => None,
        },
        message_class: class,
        attachments,
    }
}

/// What an RTF best body really is: HTML or text when it encapsulates one.
fn rtf_kind(m: &Message) -> BodyKind {
    let Some(c) = m.rtf_compressed() else {
        return BodyKind::Rtf;
    };
    // the header and the first bytes are enough to see \fromhtml / \fromtext
    let Ok(d) = ms_oxrtfcp::decompress(c, &Options::lenient()) else {
        return BodyKind::Rtf;
    };
    match ms_oxrtfex::detect(&d.value.data) {
        Some(ms_oxrtfex::Encapsulation::Html) => BodyKind::Html,
        Some(ms_oxrtfex::Encapsulation::Text) => BodyKind::Text,
        _ => BodyKind::Rtf,
    }
}
