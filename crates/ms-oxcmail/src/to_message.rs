//! Internet message -> Message object ([MS-OXCMAIL] 2.1 and 2.2: MIME
//! readers; [MS-OXOSMIME] 2.1.3 / 3.1.4 for S/MIME).

use ms_dtyp::FileTime;
use ms_oxcdata::{EntryId, OneOffEntryId, PropertyValue};
use ms_oxcmsg::{AttachMethod, Attachment, Message, Recipient, RecipientType};
use ms_oxprops::{named, tags};
use msox_codec::{
    Decode, Decoded, Encode, ErrorKind, Options, Origin, Reader, Result, Utf16String,
    decode_bytes_with_reader,
};

use crate::mime::header::{self, Mailbox};
use crate::mime::transfer::find_uuencoded;
use crate::mime::{self, Entity, EntityKind, MimeMessage, charset, decoded_body};

/// PidTagAttachFlags attRenderedInBody ([MS-OXCMSG] 2.2.2.18).
pub const ATT_RENDERED_IN_BODY: i32 = 0x0000_0004;
/// PidTagMessageFlags mfHasAttach ([MS-OXCMSG] 2.2.1.6).
pub const MF_HAS_ATTACH: i32 = 0x0000_0010;

/// Converts an Internet message to a [`Message`]: the one entry shape,
/// bytes and [`Options`] in, the message and the defects out. Offsets of
/// defects and errors are byte offsets in `input` (or in a decoded
/// message/rfc822 body, which they then name).
///
/// ```
/// use msox_codec::Options;
/// let eml = b"From: Ann <ann@example.com>\r\nTo: bob@example.com\r\nSubject: =?utf-8?Q?Gr=C3=BC=C3=9Fe?=\r\n\
/// Date: Wed, 17 May 2000 19:36:13 -0400\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello\r\n";
/// let m = ms_oxcmail::mime_to_message(eml, &Options::default())?.value;
/// assert_eq!(m.subject().as_deref(), Some("Grüße"));
/// assert_eq!(m.sent_representing_name().as_deref(), Some("Ann"));
/// assert_eq!(m.recipients[0].email().as_deref(), Some("bob@example.com"));
/// assert_eq!(m.body().as_deref(), Some("Hello\r\n"));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn mime_to_message(input: &[u8], options: &Options) -> Result<Decoded<Message>> {
    decode_bytes_with_reader(input, options, read_message)
}

/// Converts the Internet message that fills the rest of `r`'s window,
/// inside the caller's session (for a message/rfc822 body met while
/// decoding another format).
pub fn read_message(r: &mut Reader<'_>) -> Result<Message> {
    let mime = MimeMessage::decode(r)?;
    r.frame("InternetMessage", |r| convert_message(r, &mime, 0))
}

/// Runs `f` one level deeper in the session, with a hard cap so the
/// converters' recursion stays bounded whatever the limits say.
fn deeper<T>(
    r: &mut Reader<'_>,
    name: &'static str,
    f: impl FnOnce(&mut Reader<'_>) -> Result<T>,
) -> Result<T> {
    let d = r.session().usage().depth;
    if d >= mime::MAX_NESTING {
        return Err(r.error(ErrorKind::LimitExceeded {
            what: "nesting depth",
            value: u64::from(d) + 1,
            max: u64::from(mime::MAX_NESTING),
        }));
    }
    r.nest(name, |r| f(r))
}

fn set_str(bag: &mut ms_oxcmsg::PropertyBag, tag: ms_oxcdata::PropertyTag, s: &str) {
    bag.set_str(tag, s);
}

fn set_i32(bag: &mut ms_oxcmsg::PropertyBag, tag: ms_oxcdata::PropertyTag, v: i32) {
    bag.set(tag, PropertyValue::Integer32(v));
}

fn set_bool(bag: &mut ms_oxcmsg::PropertyBag, tag: ms_oxcdata::PropertyTag, v: bool) {
    bag.set(tag, PropertyValue::Boolean(v));
}

/// What the walk over the entity tree collects.
#[derive(Default)]
struct Collect {
    text: Option<String>,
    html: Option<String>,
    text_charset: Option<String>,
    body_found: bool,
    /// Attachments, with whether they came from a multipart/related.
    attachments: Vec<(Attachment, bool)>,
    /// The message a winmail.dat (application/ms-tnef) part carries.
    tnef: Option<Message>,
}

fn note(r: &mut Reader<'_>, pos: usize, what: &'static str) -> Result<()> {
    r.defect_at(
        ErrorKind::Malformed(what.into()),
        pos,
        "decoded as far as it goes",
    )
}

/// [MS-OXCMAIL] 2.1.3.1.1 Address Representations: the one-off EntryID,
/// search key and SMTP properties of an address.
fn one_off(name: &str, address: &str) -> Vec<u8> {
    EntryId::OneOff(OneOffEntryId::new(name, "SMTP", address))
        .to_vec()
        .unwrap_or_default()
}

fn search_key(address: &str) -> Vec<u8> {
    let mut v = format!("SMTP:{}", address.to_ascii_uppercase()).into_bytes();
    v.push(0);
    v
}

fn display_name(mb: &Mailbox) -> &str {
    if mb.name.is_empty() {
        &mb.address
    } else {
        &mb.name
    }
}

/// Sets one of the address property groups (PidTagSender_XXX or
/// PidTagSentRepresenting_XXX).
fn set_address_group(m: &mut Message, sender: bool, mb: &Mailbox) {
    use tags::*;
    let (name, atype, email, smtp, eid, skey) = if sender {
        (
            PidTagSenderName,
            PidTagSenderAddressType,
            PidTagSenderEmailAddress,
            PidTagSenderSmtpAddress,
            PidTagSenderEntryId,
            PidTagSenderSearchKey,
        )
    } else {
        (
            PidTagSentRepresentingName,
            PidTagSentRepresentingAddressType,
            PidTagSentRepresentingEmailAddress,
            PidTagSentRepresentingSmtpAddress,
            PidTagSentRepresentingEntryId,
            PidTagSentRepresentingSearchKey,
        )
    };
    let p = &mut m.properties;
    set_str(p, name, display_name(mb));
    // `<Saved by Windows Internet Explorer 7>`: a name, not an address
    if !mb.address.contains('@') {
        return;
    }
    set_str(p, atype, "SMTP");
    set_str(p, email, &mb.address);
    set_str(p, smtp, &mb.address);
    p.set(
        eid,
        PropertyValue::Binary(one_off(display_name(mb), &mb.address)),
    );
    p.set(skey, PropertyValue::Binary(search_key(&mb.address)));
}

/// [MS-OXCDATA] 2.3.3 FlatEntryList (a count, a size, then FlatEntry
/// structures padded to 4 bytes): PidTagReplyRecipientEntries. Not in
/// ms-oxcdata yet, so built here.
pub fn flat_entry_list(entries: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for e in entries {
        body.extend_from_slice(&(e.len() as u32).to_le_bytes());
        body.extend_from_slice(e);
        while body.len() % 4 != 0 {
            body.push(0);
        }
    }
    let mut out = Vec::with_capacity(8 + body.len());
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// Reads a FlatEntryList's entries (the reverse of [`flat_entry_list`]);
/// `None` when the bytes are not one.
pub fn read_flat_entry_list(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut r = Reader::with_options(bytes, &Options::strict());
    let count = r.u32().ok()? as usize;
    let _size = r.u32().ok()?;
    let count = r.check_count(count as u64, 4, "FlatEntry count").ok()?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let n = r.u32_usize().ok()?;
        out.push(r.bytes(n).ok()?.to_vec());
        let pad = (4 - n % 4) % 4;
        if r.remaining() >= pad {
            r.skip(pad).ok()?;
        }
    }
    Some(out)
}

/// Splits a subject into its prefix (`RE: `) and the normalized subject
/// ([MS-OXCMSG] 2.2.1.9 PidTagSubjectPrefix: at most three characters
/// before the first colon, no digits or white space among them, followed
/// by a space).
pub fn split_subject_prefix(subject: &str) -> (&str, &str) {
    if let Some(colon) = subject.find(':') {
        let head = subject.get(..colon).unwrap_or("");
        let n = head.chars().count();
        if (1..=3).contains(&n)
            && head.chars().all(|c| c.is_alphabetic())
            && subject.get(colon + 1..).is_some_and(|r| r.starts_with(' '))
        {
            let cut = colon + 2;
            return (
                subject.get(..cut).unwrap_or(""),
                subject.get(cut..).unwrap_or(""),
            );
        }
    }
    ("", subject)
}

fn headers_to_properties(r: &mut Reader<'_>, e: &Entity<'_>, m: &mut Message) -> Result<()> {
    use tags::*;
    let fallback = e.charset().map(str::to_string);
    let fb = fallback.as_deref();
    // The whole header block, as it came ([MS-OXOMSG] 2.2.1.61).
    let (h, _) = header::raw_text(e.header, fb);
    if !h.is_empty() {
        set_str(&mut m.properties, PidTagTransportMessageHeaders, &h);
    }
    let mut date: Option<FileTime> = None;
    let mut importance: Option<(u8, i32)> = None; // (preference, value)
    for f in &e.fields {
        let name = f.name_str().to_ascii_lowercase();
        match name.as_str() {
            "subject" => {
                let (s, bad) = header::unstructured(f.value, fb);
                if bad {
                    note(r, f.pos, "Subject repaired")?;
                }
                let (prefix, normalized) = split_subject_prefix(&s);
                set_str(&mut m.properties, PidTagSubject, &s);
                set_str(&mut m.properties, PidTagSubjectPrefix, prefix);
                set_str(&mut m.properties, PidTagNormalizedSubject, normalized);
                if m.properties.get(PidTagConversationTopic).is_none() {
                    set_str(&mut m.properties, PidTagConversationTopic, normalized);
                }
            }
            "thread-topic" => {
                let (s, _) = header::unstructured(f.value, fb);
                set_str(&mut m.properties, PidTagConversationTopic, &s);
            }
            "thread-index" => {
                let v = header::unfold(f.value);
                let (bytes, rep) = crate::mime::transfer::decode_base64(&v);
                if rep.is_some() {
                    note(r, f.pos, "Thread-Index is not base64")?;
                }
                m.properties
                    .set(PidTagConversationIndex, PropertyValue::Binary(bytes));
            }
            "from" | "sender" => {
                let (list, bad) = header::parse_addresses(f.value, fb);
                if bad {
                    note(r, f.pos, "address field repaired")?;
                }
                if let Some(mb) = list.first() {
                    let sender = name == "sender";
                    set_address_group(m, sender, mb);
                }
            }
            "reply-to" => {
                let (list, bad) = header::parse_addresses(f.value, fb);
                if bad {
                    note(r, f.pos, "Reply-To repaired")?;
                }
                if !list.is_empty() {
                    let names: Vec<&str> = list.iter().map(display_name).collect();
                    set_str(
                        &mut m.properties,
                        PidTagReplyRecipientNames,
                        &names.join("; "),
                    );
                    let entries: Vec<Vec<u8>> = list
                        .iter()
                        .map(|mb| one_off(display_name(mb), &mb.address))
                        .collect();
                    m.properties.set(
                        PidTagReplyRecipientEntries,
                        PropertyValue::Binary(flat_entry_list(&entries)),
                    );
                }
            }
            "to" | "cc" | "bcc" => {
                let kind = match name.as_str() {
                    "to" => RecipientType::To,
                    "cc" => RecipientType::Cc,
                    _ => RecipientType::Bcc,
                };
                let (list, bad) = header::parse_addresses(f.value, fb);
                if bad {
                    note(r, f.pos, "address field repaired")?;
                }
                r.session_mut()
                    .charge_items(list.len(), "recipients")
                    .map_err(|k| r.error_at(k, f.pos))?;
                for mb in &list {
                    m.recipients.push(recipient(mb, kind));
                }
            }
            "date" => match header::parse_date(f.value) {
                Some(t) => date = Some(t),
                None => note(r, f.pos, "Date cannot be read")?,
            },
            "message-id" => {
                if let Some(id) = header::parse_msg_ids(f.value).first() {
                    set_str(&mut m.properties, PidTagInternetMessageId, id);
                }
            }
            "in-reply-to" => {
                if let Some(id) = header::parse_msg_ids(f.value).first() {
                    set_str(&mut m.properties, PidTagInReplyToId, id);
                }
            }
            "references" => {
                let ids = header::parse_msg_ids(f.value);
                if !ids.is_empty() {
                    set_str(&mut m.properties, PidTagInternetReferences, &ids.join(" "));
                }
            }
            // [MS-OXCMAIL] 2.2.3.2.5: Importance wins over the others.
            "importance" | "priority" | "x-priority" | "x-msmail-priority" => {
                let (v, _) = header::unstructured(f.value, fb);
                let v = v.trim().to_ascii_lowercase();
                let mapped = match name.as_str() {
                    "importance" => match v.as_str() {
                        "low" => Some((3, 0)),
                        "normal" => Some((3, 1)),
                        "high" => Some((3, 2)),
                        _ => None,
                    },
                    "priority" => {
                        let p = match v.as_str() {
                            "non-urgent" => Some(-1),
                            "normal" => Some(0),
                            "urgent" => Some(1),
                            _ => None,
                        };
                        if let Some(p) = p {
                            set_i32(&mut m.properties, PidTagPriority, p);
                        }
                        p.map(|p| (2, p + 1))
                    }
                    "x-priority" => match v.chars().next() {
                        Some('1' | '2') => Some((1, 2)),
                        Some('3') => Some((1, 1)),
                        Some('4' | '5') => Some((1, 0)),
                        _ => None,
                    },
                    _ => match v.as_str() {
                        "low" => Some((0, 0)),
                        "normal" => Some((0, 1)),
                        "high" => Some((0, 2)),
                        _ => None,
                    },
                };
                match mapped {
                    Some(x) if importance.is_none_or(|(p, _)| x.0 > p) => importance = Some(x),
                    Some(_) => {}
                    None => note(r, f.pos, "priority value not recognised")?,
                }
            }
            "sensitivity" => {
                let (v, _) = header::unstructured(f.value, fb);
                let s = match v.trim().to_ascii_lowercase().as_str() {
                    "personal" => Some(1),
                    "private" => Some(2),
                    "company-confidential" => Some(3),
                    _ => None,
                };
                match s {
                    Some(s) => set_i32(&mut m.properties, PidTagSensitivity, s),
                    None => note(r, f.pos, "Sensitivity value not recognised")?,
                }
            }
            "keywords" => {
                let (v, _) = header::unstructured(f.value, fb);
                let words: Vec<Utf16String> = v
                    .split(',')
                    .map(str::trim)
                    .filter(|w| !w.is_empty())
                    .map(Utf16String::from)
                    .collect();
                if !words.is_empty() {
                    m.properties.set_named(
                        &named::PidNameKeywords,
                        PropertyValue::MultipleString(words),
                    );
                }
            }
            "disposition-notification-to" => {
                set_bool(&mut m.properties, PidTagReadReceiptRequested, true);
            }
            "return-receipt-to" => {
                set_bool(
                    &mut m.properties,
                    PidTagOriginatorDeliveryReportRequested,
                    true,
                );
            }
            _ => {}
        }
    }
    if let Some((_, v)) = importance {
        set_i32(&mut m.properties, PidTagImportance, v);
    }
    // no Sender field: the sender is the From address
    if m.properties.get(PidTagSenderName).is_none()
        && let Some(f) = e.field("from")
    {
        let (list, _) = header::parse_addresses(f.value, fb);
        if let Some(mb) = list.first() {
            set_address_group(m, true, mb);
        }
    }
    let delivered = e
        .field("received")
        .and_then(|f| {
            let v = header::unfold(f.value);
            let at = v.iter().rposition(|&b| b == b';')?;
            header::parse_date(v.get(at + 1..)?)
        })
        .or(date);
    if let Some(t) = date {
        m.properties
            .set(PidTagClientSubmitTime, PropertyValue::Time(t));
    }
    if let Some(t) = delivered {
        m.properties
            .set(PidTagMessageDeliveryTime, PropertyValue::Time(t));
    }
    let join = |k: RecipientType| -> String {
        m.recipients
            .iter()
            .filter(|x| x.recipient_type() == Some(k))
            .filter_map(|x| x.display_name())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let (to, cc, bcc) = (
        join(RecipientType::To),
        join(RecipientType::Cc),
        join(RecipientType::Bcc),
    );
    set_str(&mut m.properties, PidTagDisplayTo, &to);
    set_str(&mut m.properties, PidTagDisplayCc, &cc);
    set_str(&mut m.properties, PidTagDisplayBcc, &bcc);
    Ok(())
}

fn recipient(mb: &Mailbox, kind: RecipientType) -> Recipient {
    use tags::*;
    let mut rc = Recipient::new(display_name(mb), &mb.address, kind);
    let p = &mut rc.properties;
    if !mb.address.is_empty() {
        set_str(p, PidTagSmtpAddress, &mb.address);
        p.set(
            PidTagEntryId,
            PropertyValue::Binary(one_off(display_name(mb), &mb.address)),
        );
        p.set(
            PidTagSearchKey,
            PropertyValue::Binary(search_key(&mb.address)),
        );
    }
    set_i32(p, PidTagDisplayType, 0); // DT_MAILUSER
    set_i32(p, PidTagObjectType, 6); // MAPI_MAILUSER
    rc
}

/// Converts entity `idx` (a message's top entity) to a Message.
fn convert_message(r: &mut Reader<'_>, mime: &MimeMessage<'_>, idx: usize) -> Result<Message> {
    let e = mime.entity(idx);
    let mut m = Message::new("IPM.Note");
    headers_to_properties(r, e, &mut m)?;
    let mut st = Collect::default();
    let t = e.mime_type().to_string();
    let smime_type = e
        .content_type
        .param("smime-type")
        .map(str::to_ascii_lowercase);
    if t == "multipart/signed" && e.is_multipart() {
        // [MS-OXOSMIME] 2.1.3.1 Clear-Signed Message
        m.set_message_class("IPM.Note.SMIME.MultipartSigned");
        if let Some((first, _)) = mime.children(idx).next() {
            let mut inner = Collect::default();
            deeper(r, "SignedContent", |r| walk(r, mime, first, &mut inner))?;
            st.text = inner.text;
            st.html = inner.html;
            st.text_charset = inner.text_charset;
        }
        let mut data = Vec::with_capacity(e.body.len() + 256);
        if let Some(f) = e.field("content-type") {
            data.extend_from_slice(f.raw);
        }
        let eol: &[u8] = if e.header.ends_with(b"\r\n")
            || e.body.starts_with(b"\r\n")
            || data.ends_with(b"\r\n")
        {
            b"\r\n"
        } else {
            b"\n"
        };
        if !data.ends_with(b"\n") {
            data.extend_from_slice(eol);
        }
        data.extend_from_slice(eol);
        data.extend_from_slice(e.body);
        r.session_mut()
            .charge_output(data.len())
            .map_err(|k| r.error_at(k, e.pos))?;
        st.attachments
            .push((smime_attachment(data, "multipart/signed"), false));
    } else if matches!(
        t.as_str(),
        "application/pkcs7-mime" | "application/x-pkcs7-mime"
    ) && smime_type.as_deref() != Some("certs-only")
    {
        // [MS-OXOSMIME] 2.1.3.2 Opaque-Signed and Encrypted Message
        m.set_message_class("IPM.Note.SMIME");
        let data = decoded_body(r, e)?.into_owned();
        st.attachments
            .push((smime_attachment(data, "application/pkcs7-mime"), false));
    } else {
        walk(r, mime, idx, &mut st)?;
    }
    let tnef = st.tnef.take();
    finish(r, &mut m, st)?;
    if let Some(t) = tnef {
        merge_tnef(&mut m, t);
    }
    Ok(m)
}

/// An application/ms-tnef part ([MS-OXCMAIL]: a TNEF body part, usually
/// named winmail.dat).
fn is_tnef_part(e: &Entity<'_>) -> bool {
    matches!(
        e.mime_type(),
        "application/ms-tnef" | "application/vnd.ms-tnef"
    ) || e
        .file_name()
        .is_some_and(|n| n.eq_ignore_ascii_case("winmail.dat"))
}

/// Properties the MIME header fields set that a TNEF part does not
/// override ([MS-OXCMAIL]: the From field wins over attSentFor and the
/// TNEF sender properties; the other address and transport properties are
/// the MIME message's too).
const MIME_WINS: &[ms_oxcdata::PropertyTag] = &[
    tags::PidTagSubject,
    tags::PidTagSubjectPrefix,
    tags::PidTagNormalizedSubject,
    tags::PidTagSenderName,
    tags::PidTagSenderAddressType,
    tags::PidTagSenderEmailAddress,
    tags::PidTagSenderSmtpAddress,
    tags::PidTagSenderEntryId,
    tags::PidTagSenderSearchKey,
    tags::PidTagSentRepresentingName,
    tags::PidTagSentRepresentingAddressType,
    tags::PidTagSentRepresentingEmailAddress,
    tags::PidTagSentRepresentingSmtpAddress,
    tags::PidTagSentRepresentingEntryId,
    tags::PidTagSentRepresentingSearchKey,
    tags::PidTagClientSubmitTime,
    tags::PidTagMessageDeliveryTime,
    tags::PidTagInternetMessageId,
    tags::PidTagInReplyToId,
    tags::PidTagInternetReferences,
    tags::PidTagTransportMessageHeaders,
    tags::PidTagDisplayTo,
    tags::PidTagDisplayCc,
    tags::PidTagDisplayBcc,
    tags::PidTagReplyRecipientNames,
    tags::PidTagReplyRecipientEntries,
];

/// Merges the message of a TNEF part into the MIME message, as Exchange
/// does: the TNEF properties (message class, RTF body, named properties,
/// meeting data...) are added or replace the MIME ones except the address
/// and transport properties of the header; the TNEF attachments take the
/// place of the winmail.dat part; the TNEF recipient table is used only
/// when the header named no recipients.
fn merge_tnef(m: &mut Message, t: Message) {
    for p in t.properties.iter() {
        let protected = match &p.id {
            ms_oxcmsg::PropId::Tag(id) => MIME_WINS.iter().any(|x| x.id == *id),
            ms_oxcmsg::PropId::Named(_) => false,
        };
        if protected && m.properties.find(&p.id).is_some() {
            continue;
        }
        m.properties.insert(p.clone());
    }
    if m.recipients.is_empty() {
        m.recipients = t.recipients;
    }
    m.attachments.extend(t.attachments);
}

fn smime_attachment(data: Vec<u8>, mime_type: &str) -> Attachment {
    let mut a = Attachment::by_value("smime.p7m", data);
    set_str(&mut a.properties, tags::PidTagAttachMimeTag, mime_type);
    set_str(&mut a.properties, tags::PidTagAttachExtension, ".p7m");
    set_i32(&mut a.properties, tags::PidTagRenderingPosition, -1);
    a
}

fn finish(_r: &mut Reader<'_>, m: &mut Message, st: Collect) -> Result<()> {
    use tags::*;
    if let Some(t) = &st.text {
        m.set_body(t);
    }
    let html_lower = st.html.as_deref().map(str::to_ascii_lowercase);
    if let Some(h) = &st.html {
        m.set_html_body(crate::body::fix_html_charset(h).into_owned().into_bytes());
        set_i32(&mut m.properties, PidTagInternetCodepage, 65001);
        set_i32(&mut m.properties, PidTagNativeBody, 3);
    } else if st.text.is_some() {
        if let Some(cp) = st
            .text_charset
            .as_deref()
            .and_then(charset::code_page_for_label)
        {
            set_i32(&mut m.properties, PidTagInternetCodepage, cp as i32);
        }
        set_i32(&mut m.properties, PidTagNativeBody, 1);
    }
    let mut visible = 0;
    for (mut a, _related) in st.attachments {
        // [MS-OXCMAIL]: a part the HTML body refers to by cid: is rendered
        // in the body and hidden from the attachment list.
        let referenced = match (a.content_id(), &html_lower) {
            (Some(cid), Some(h)) => h.contains(&format!("cid:{}", cid.to_ascii_lowercase())),
            _ => false,
        };
        if referenced {
            set_bool(&mut a.properties, PidTagAttachmentHidden, true);
            set_i32(&mut a.properties, PidTagAttachFlags, ATT_RENDERED_IN_BODY);
        } else {
            visible += 1;
        }
        m.attachments.push(a);
    }
    let flags = if visible > 0 { MF_HAS_ATTACH } else { 0 };
    set_i32(&mut m.properties, PidTagMessageFlags, flags);
    Ok(())
}

fn is_attachment_disposition(e: &Entity<'_>) -> bool {
    e.disposition().is_some_and(|d| d.value == "attachment")
}

/// Whether a text part reads as body text: not marked as an attachment,
/// and either unnamed or explicitly inline.
fn body_eligible(e: &Entity<'_>) -> bool {
    match e.disposition() {
        Some(d) if d.value == "attachment" => false,
        Some(d) if d.value == "inline" => true,
        _ => e.file_name().is_none(),
    }
}

/// Decodes a text part to a string in its charset (a defect for unknown
/// charsets or bytes invalid in the charset).
fn text_of(r: &mut Reader<'_>, e: &Entity<'_>) -> Result<String> {
    let data = decoded_body(r, e)?;
    let (t, unknown, bad) = charset::decode_label(&data, e.charset());
    if unknown {
        note(r, e.pos, "unknown charset: read as UTF-8 or windows-1252")?;
    } else if bad {
        note(
            r,
            e.body_pos,
            "bytes invalid in the part's charset replaced",
        )?;
    }
    Ok(t.into_owned())
}

fn walk(r: &mut Reader<'_>, mime: &MimeMessage<'_>, idx: usize, st: &mut Collect) -> Result<()> {
    let e = mime.entity(idx);
    let t = e.mime_type().to_string();
    match e.kind {
        EntityKind::Multipart { .. } => {
            let children: Vec<usize> = mime.children(idx).map(|(i, _)| i).collect();
            let sub = e.content_type.sub_type().to_string();
            if sub == "alternative" && !st.body_found && !is_attachment_disposition(e) {
                for c in children {
                    let ce = mime.entity(c);
                    let ct = ce.mime_type();
                    if ct == "text/plain" && st.text.is_none() && body_eligible(ce) {
                        st.text = Some(text_of(r, ce)?);
                        st.text_charset = ce.charset().map(str::to_string);
                    } else if ct == "text/html" && st.html.is_none() && body_eligible(ce) {
                        st.html = Some(text_of(r, ce)?);
                    } else if ce.is_multipart() {
                        let mut inner = Collect::default();
                        deeper(r, "MimeEntity", |r| walk(r, mime, c, &mut inner))?;
                        if st.text.is_none() {
                            st.text = inner.text;
                            st.text_charset = inner.text_charset;
                        }
                        if st.html.is_none() {
                            st.html = inner.html;
                        }
                        st.attachments.extend(inner.attachments);
                    } else {
                        let a = deeper(r, "MimeEntity", |r| attachment(r, mime, c))?;
                        st.attachments.push((a, false));
                    }
                }
                st.body_found = st.text.is_some() || st.html.is_some();
            } else if sub == "related" && !st.body_found && !is_attachment_disposition(e) {
                let start = e.content_type.param("start").map(|s| {
                    s.trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                });
                let root = start
                    .and_then(|s| {
                        children
                            .iter()
                            .copied()
                            .find(|&c| mime.entity(c).content_id().as_deref() == Some(s.as_str()))
                    })
                    .or_else(|| children.first().copied());
                if let Some(root) = root {
                    deeper(r, "MimeEntity", |r| walk(r, mime, root, st))?;
                }
                for c in children.into_iter().filter(|&c| Some(c) != root) {
                    let a = deeper(r, "MimeEntity", |r| attachment(r, mime, c))?;
                    st.attachments.push((a, true));
                }
            } else {
                for c in children {
                    deeper(r, "MimeEntity", |r| walk(r, mime, c, st))?;
                }
            }
        }
        EntityKind::Message => {
            let a = attachment(r, mime, idx)?;
            st.attachments.push((a, false));
        }
        EntityKind::Leaf if st.tnef.is_none() && is_tnef_part(e) => {
            let data = decoded_body(r, e)?.into_owned();
            let read = deeper(r, "TnefPart", |r| {
                r.attempt(|r| {
                    r.nested(
                        &data,
                        Origin::Derived("decoded application/ms-tnef body"),
                        |r| ms_oxtnef::read_message(r, ms_oxtnef::TnefOptions::default()),
                    )
                })
            });
            match read {
                Ok(t) => st.tnef = Some(t),
                Err(err) => {
                    r.tolerate(err, "winmail.dat kept as an attachment")?;
                    let a = attachment(r, mime, idx)?;
                    st.attachments.push((a, false));
                }
            }
        }
        EntityKind::Leaf => {
            let text_like =
                t == "text/plain" || t == "text/html" || e.content_type.main_type() == "multipart";
            if text_like && !st.body_found && body_eligible(e) {
                if t == "text/html" {
                    st.html = Some(text_of(r, e)?);
                } else {
                    let text = text_of(r, e)?;
                    let (text, uu) = split_uuencoded(r, e, text)?;
                    st.text = Some(text);
                    st.text_charset = e.charset().map(str::to_string);
                    for a in uu {
                        st.attachments.push((a, false));
                    }
                }
                st.body_found = true;
            } else {
                let a = attachment(r, mime, idx)?;
                st.attachments.push((a, false));
            }
        }
    }
    Ok(())
}

/// Takes uuencoded blocks out of a plain-text body as attachments (what
/// Exchange does with them).
fn split_uuencoded(
    r: &mut Reader<'_>,
    e: &Entity<'_>,
    text: String,
) -> Result<(String, Vec<Attachment>)> {
    if !text.contains("begin ") {
        return Ok((text, Vec::new()));
    }
    let blocks = find_uuencoded(text.as_bytes());
    if blocks.is_empty() {
        return Ok((text, Vec::new()));
    }
    let mut out = String::with_capacity(text.len());
    let mut atts = Vec::new();
    let mut at = 0;
    for b in blocks {
        out.push_str(text.get(at..b.start).unwrap_or(""));
        at = b.end;
        if b.repair.is_some() {
            note(r, e.body_pos, "uuencoded block repaired")?;
        }
        let mut a = Attachment::by_value(&b.name, b.data);
        if let Some(t) = crate::filename::mime_type_for_file_name(&b.name) {
            set_str(&mut a.properties, tags::PidTagAttachMimeTag, t);
        }
        set_i32(&mut a.properties, tags::PidTagRenderingPosition, -1);
        atts.push(a);
    }
    out.push_str(text.get(at..).unwrap_or(""));
    Ok((out, atts))
}

/// An entity as an attachment: by value, or an embedded message for
/// message/rfc822 ([MS-OXCMAIL] attachments; [MS-OXCMSG] 2.2.2).
fn attachment(r: &mut Reader<'_>, mime: &MimeMessage<'_>, idx: usize) -> Result<Attachment> {
    use tags::*;
    let e = mime.entity(idx);
    let t = e.mime_type().to_string();
    let name = e.file_name();
    let mut a = if matches!(e.kind, EntityKind::Message) {
        let inner = e.children.first().copied();
        let msg = match inner {
            Some(i) => deeper(r, "EmbeddedMessage", |r| convert_message(r, mime, i))?,
            None => Message::new("IPM.Note"),
        };
        let title = name.clone().or_else(|| msg.subject()).unwrap_or_default();
        Attachment::embedded(&title, msg)
    } else if matches!(t.as_str(), "message/rfc822" | "message/global") {
        // an encoded message/rfc822 body: decode it and read it as a message
        let data = decoded_body(r, e)?.into_owned();
        let msg = deeper(r, "EmbeddedMessage", |r| {
            r.nested(&data, Origin::Derived("decoded message/rfc822 body"), |r| {
                read_message(r)
            })
        })?;
        let title = name.clone().or_else(|| msg.subject()).unwrap_or_default();
        Attachment::embedded(&title, msg)
    } else {
        let data = decoded_body(r, e)?;
        let mut a = Attachment::default();
        set_i32(
            &mut a.properties,
            PidTagAttachMethod,
            AttachMethod::ByValue.value() as i32,
        );
        if let Some(n) = &name {
            set_str(&mut a.properties, PidTagAttachLongFilename, n);
            set_str(&mut a.properties, PidTagDisplayName, n);
        }
        a.properties.set(
            PidTagAttachDataBinary,
            PropertyValue::Binary(data.into_owned()),
        );
        a
    };
    if let Some(n) = &name {
        if let Some((_, ext)) = n.rsplit_once('.') {
            set_str(&mut a.properties, PidTagAttachExtension, &format!(".{ext}"));
        }
        if a.embedded.is_some() {
            set_str(&mut a.properties, PidTagAttachLongFilename, n);
        }
    }
    // a multipart whose boundary never occurs was read as a leaf: its
    // bytes are not a multipart body any more
    let t = if t.starts_with("multipart/") {
        "application/octet-stream".to_string()
    } else {
        t
    };
    set_str(&mut a.properties, PidTagAttachMimeTag, &t);
    if let Some(cid) = e.content_id() {
        set_str(&mut a.properties, PidTagAttachContentId, &cid);
    }
    if let Some(loc) = e.value("content-location") {
        let (s, _) = header::unstructured(loc, e.charset());
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if !s.is_empty() {
            set_str(&mut a.properties, PidTagAttachContentLocation, &s);
        }
    }
    set_i32(&mut a.properties, PidTagRenderingPosition, -1);
    Ok(a)
}
