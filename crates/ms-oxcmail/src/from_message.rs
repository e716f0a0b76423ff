//! Message object -> Internet message ([MS-OXCMAIL] 2.2.3: MIME writers;
//! [MS-OXOSMIME] 3.1.4 for S/MIME messages).

use std::borrow::Cow;

use base64::Engine;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{AttachMethod, Attachment, Message};
use ms_oxprops::{named, tags};
use msox_codec::{Defect, Error, ErrorKind, Options, Result, Session, Sink};

use crate::address::{self, TransportAddresses};
use crate::body::{BestBody, select_body};
use crate::encode::{self, Field};
use crate::mime::header;

/// How [`message_to_mime`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MimeOptions {
    /// Mode and limits for what the writer decodes (compressed RTF,
    /// encapsulated HTML) and how deep embedded messages may nest. In
    /// strict mode, something the writer has to leave out is an error.
    pub decode: Options,
    /// Copy trace fields (Received, Return-Path, List-*, ...) and `X-`
    /// fields from PidTagTransportMessageHeaders (never a field the writer
    /// generates itself).
    pub transport_headers: bool,
    /// Write a Bcc field for Bcc recipients (a file conversion wants it; a
    /// message about to be sent does not).
    pub bcc: bool,
    /// When the best body is RTF that encapsulates nothing, add it as a
    /// `text/rtf` alternative after the plain text.
    pub rtf_alternative: bool,
    /// When to carry the message in a TNEF part (winmail.dat,
    /// application/ms-tnef) for what MIME cannot carry.
    pub tnef: TnefMode,
}

/// When [`message_to_mime`] writes a TNEF part ([MS-OXCMAIL]: TNEF body
/// parts; [MS-OXTNEF]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum TnefMode {
    /// Never: MIME only (what MIME cannot carry is lost).
    Never,
    /// For messages whose class is not IPM.Note or an S/MIME class
    /// (meeting requests, tasks, contacts...): the whole message, its
    /// attachments included, goes in a winmail.dat part beside the text
    /// bodies, as Exchange sends it to a TNEF-capable recipient.
    #[default]
    WhenNeeded,
    /// Always.
    Always,
}

impl Default for MimeOptions {
    fn default() -> Self {
        MimeOptions {
            decode: Options::lenient(),
            transport_headers: true,
            bcc: true,
            rtf_alternative: true,
            tnef: TnefMode::WhenNeeded,
        }
    }
}

/// Converts a [`Message`] to an Internet message (RFC 5322 + MIME, CRLF
/// line ends, UTF-8 text in encoded words and quoted-printable or base64
/// parts).
///
/// ```
/// use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
/// let mut m = Message::new("IPM.Note");
/// m.set_subject("Quarterly report");
/// m.set_sent_representing_name("Ann");
/// m.properties.set_str(ms_oxprops::tags::PidTagSentRepresentingSmtpAddress, "ann@example.com");
/// m.recipients.push(Recipient::new("Bob", "bob@example.com", RecipientType::To));
/// m.set_body("See attached.");
/// m.attachments.push(Attachment::by_value("report.txt", b"numbers".to_vec()));
/// let eml = ms_oxcmail::message_to_mime(&m, &Default::default())?;
/// let text = String::from_utf8(eml.clone()).unwrap();
/// assert!(text.contains("From: Ann <ann@example.com>\r\n"));
/// assert!(text.contains("Content-Type: multipart/mixed;"));
/// // and back
/// let back = ms_oxcmail::mime_to_message(&eml, &Default::default())?.value;
/// assert_eq!(back.subject().as_deref(), Some("Quarterly report"));
/// assert_eq!(back.attachments[0].data(), Some(&b"numbers"[..]));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn message_to_mime(m: &Message, options: &MimeOptions) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    message_to_mime_to(m, options, &mut v)?;
    Ok(v)
}

/// [`message_to_mime`] into a [`Sink`] (a file, a socket): attachments are
/// encoded in chunks, so memory stays flat in their size. Returns what had
/// to be left out or repaired (RTF defects, OLE storage attachments) as
/// defects; in strict mode those are errors.
pub fn message_to_mime_to<S: Sink + ?Sized>(
    m: &Message,
    options: &MimeOptions,
    out: &mut S,
) -> Result<Vec<Defect>> {
    let mut w = Writer {
        out,
        opts: *options,
        session: crate::body::session_for(&options.decode),
        counter: 0,
        verbatim: Vec::new(),
    };
    collect_verbatim(m, &mut w.verbatim, 0);
    w.message(m, 0)?;
    Ok(w.session.take_defects())
}

struct Writer<'o, 'm, S: Sink + ?Sized> {
    out: &'o mut S,
    opts: MimeOptions,
    session: Session,
    counter: u32,
    verbatim: Vec<&'m [u8]>,
}

/// The S/MIME entity an IPM.Note.SMIME* message carries ([MS-OXOSMIME]
/// 2.1.3.1 / 2.1.3.2): its one attachment's data.
fn smime_entity(m: &Message) -> Option<(&Attachment, bool)> {
    let class = m.message_class()?.to_ascii_uppercase();
    let signed = class.ends_with(".SMIME.MULTIPARTSIGNED");
    let opaque = class == "IPM.NOTE.SMIME" || class.ends_with(".SMIME");
    if !(signed || opaque) || m.attachments.len() != 1 {
        return None;
    }
    let a = m.attachments.first()?;
    a.data()?;
    Some((a, signed))
}

/// Whether bytes start with a MIME header block that has a Content-Type.
fn is_mime_entity(data: &[u8]) -> bool {
    let head = data.get(..data.len().min(16 * 1024)).unwrap_or_default();
    let end = head
        .windows(2)
        .position(|w| w == b"\n\n")
        .or_else(|| head.windows(4).position(|w| w == b"\r\n\r\n"))
        .unwrap_or(head.len());
    let block = head.get(..end).unwrap_or_default();
    let first_ok = block.iter().position(|&b| b == b':').is_some_and(|c| {
        block
            .get(..c)
            .is_some_and(|n| !n.is_empty() && n.iter().all(|&b| (0x21..=0x7E).contains(&b)))
    });
    first_ok
        && block.split(|&b| b == b'\n').any(|l| {
            l.len() >= 13
                && l.get(..13)
                    .is_some_and(|p| p.eq_ignore_ascii_case(b"content-type:"))
        })
}

fn collect_verbatim<'m>(m: &'m Message, out: &mut Vec<&'m [u8]>, depth: u32) {
    if depth > crate::mime::MAX_NESTING {
        return;
    }
    if let Some((a, _)) = smime_entity(m)
        && let Some(d) = a.data().filter(|d| is_mime_entity(d))
    {
        out.push(d);
    }
    for a in &m.attachments {
        if let Some(e) = a.embedded.as_deref() {
            collect_verbatim(e, out, depth + 1);
        }
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// A part of the body tree to write.
enum Node<'m> {
    Text {
        subtype: &'static str,
        text: String,
    },
    Rtf(Vec<u8>),
    Attachment {
        a: &'m Attachment,
        inline: bool,
    },
    Tnef(Vec<u8>),
    Multipart {
        subtype: &'static str,
        children: Vec<Node<'m>>,
    },
}

impl<S: Sink + ?Sized> Writer<'_, '_, S> {
    fn put(&mut self, s: &str) -> Result<()> {
        self.out.write(s.as_bytes())
    }

    fn left_out(&mut self, what: String) -> Result<()> {
        self.session.defect(
            Error::new(ErrorKind::Unsupported(what.into())),
            "left out of the MIME message",
        )
    }

    fn boundary(&mut self) -> String {
        loop {
            self.counter += 1;
            let b = format!(
                "----=_msox_{:04}_{:08X}",
                self.counter,
                self.counter.wrapping_mul(0x9E37_79B9)
            );
            if !self.verbatim.iter().any(|v| contains(v, b.as_bytes())) {
                return b;
            }
        }
    }

    fn message(&mut self, m: &Message, depth: u32) -> Result<()> {
        let max = self
            .opts
            .decode
            .limits
            .max_depth
            .min(crate::mime::MAX_NESTING);
        if depth > max {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "embedded message depth",
                value: u64::from(depth),
                max: u64::from(max),
            }));
        }
        let transport = TransportAddresses::of(m);
        let copied = if self.opts.transport_headers {
            copied_fields(m)
        } else {
            (Vec::new(), Vec::new())
        };
        for f in &copied.0 {
            self.put(f)?;
        }
        self.headers(m, &transport)?;
        for f in &copied.1 {
            self.put(f)?;
        }
        self.put("MIME-Version: 1.0\r\n")?;
        if let Some((a, signed)) = smime_entity(m) {
            let data = a.data().unwrap_or_default();
            if is_mime_entity(data) {
                // [MS-OXOSMIME] 3.1.4.1: the entity as it was, byte for byte
                return self.out.write(data);
            }
            if !signed {
                return self.opaque_smime(data);
            }
        }
        let body = select_body(m, &self.opts.decode)?;
        for d in body.defects {
            let e = d.error().clone();
            self.session.defect(e, "body read as far as it goes")?;
        }
        let tnef = match self.opts.tnef {
            TnefMode::Never => false,
            TnefMode::Always => true,
            TnefMode::WhenNeeded => m.message_class().is_some_and(|c| {
                let c = c.to_ascii_uppercase();
                c != "IPM.NOTE" && !c.starts_with("IPM.NOTE.SMIME") && c != "IPM"
            }),
        };
        if tnef {
            let mut t = m.clone();
            t.properties.remove(&ms_oxcmsg::PropId::Tag(
                tags::PidTagTransportMessageHeaders.id,
            ));
            let data = ms_oxtnef::message_to_bytes(&t, &ms_oxtnef::WriteOptions::default())?;
            let text_only = Message {
                properties: m.properties.clone(),
                ..Message::default()
            };
            let mut node = self.tree(&text_only, body.value)?;
            node = match node {
                Node::Multipart {
                    subtype: "mixed",
                    mut children,
                } => {
                    children.push(Node::Tnef(data));
                    Node::Multipart {
                        subtype: "mixed",
                        children,
                    }
                }
                other => Node::Multipart {
                    subtype: "mixed",
                    children: vec![other, Node::Tnef(data)],
                },
            };
            return self.node(&node, depth);
        }
        let node = self.tree(m, body.value)?;
        self.node(&node, depth)
    }

    fn opaque_smime(&mut self, data: &[u8]) -> Result<()> {
        // signedData 1.2.840.113549.1.7.2 / envelopedData ...7.3 near the start
        let head = data.get(..32).unwrap_or(data);
        let kind = if contains(
            head,
            &[
                0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
            ],
        ) {
            "signed-data"
        } else {
            "enveloped-data"
        };
        self.put(&format!(
            "Content-Type: application/pkcs7-mime; smime-type={kind}; name=smime.p7m\r\n\
             Content-Transfer-Encoding: base64\r\n\
             Content-Disposition: attachment; filename=smime.p7m\r\n\r\n"
        ))?;
        encode::base64_lines(data, self.out)?;
        self.put("\r\n")
    }

    fn headers(&mut self, m: &Message, t: &TransportAddresses) -> Result<()> {
        use tags::*;
        let p = &m.properties;
        let from = address::from_address(m, t);
        let sender = address::sender_address(m, t);
        if let Some(f) = &from {
            self.put(&encode::address_field(
                "From",
                &[(f.name.clone(), f.address.clone())],
            ))?;
        }
        if let (Some(s), Some(f)) = (&sender, &from)
            && !s.address.eq_ignore_ascii_case(&f.address)
            && !s.address.is_empty()
        {
            self.put(&encode::address_field(
                "Sender",
                &[(s.name.clone(), s.address.clone())],
            ))?;
        }
        if let Some(list) = reply_to(m) {
            self.put(&encode::address_field("Reply-To", &list))?;
        }
        let mut lists: [Vec<(String, String)>; 3] = Default::default();
        for rc in &m.recipients {
            let k = match rc.recipient_type().map(|t| t.value() & 0x0FFF_FFFF) {
                Some(1) => 0,
                Some(2) => 1,
                Some(3) => 2,
                _ => continue,
            };
            if let Some(a) = address::recipient_address(m, rc, t)
                && let Some(l) = lists.get_mut(k)
            {
                l.push((a.name, a.address));
            }
        }
        for (name, list) in ["To", "Cc", "Bcc"].into_iter().zip(lists.iter()) {
            if !list.is_empty() && (name != "Bcc" || self.opts.bcc) {
                self.put(&encode::address_field(name, list))?;
            }
        }
        if let Some(s) = m.subject() {
            self.put(&encode::unstructured("Subject", &s))?;
        }
        let date = m
            .client_submit_time()
            .or_else(|| m.delivery_time())
            .or_else(|| m.creation_time())
            .or_else(|| m.last_modification_time());
        if let Some(d) = date {
            self.put(&format!("Date: {}\r\n", header::format_date(d)))?;
        }
        let id_field = |name: &str, v: &str| -> Option<String> {
            let ids = header::parse_msg_ids(v.as_bytes());
            if ids.is_empty() {
                return None;
            }
            let mut f = Field::new(name);
            for id in ids {
                let id = if id.starts_with('<') {
                    id
                } else {
                    format!("<{id}>")
                };
                f.token(&id, false);
            }
            Some(f.finish())
        };
        for (name, tag) in [
            ("Message-ID", PidTagInternetMessageId),
            ("In-Reply-To", PidTagInReplyToId),
            ("References", PidTagInternetReferences),
        ] {
            if let Some(f) = p.get_str(tag).and_then(|v| id_field(name, &v)) {
                self.put(&f)?;
            }
        }
        if let Some(topic) = p.get_str(PidTagConversationTopic) {
            self.put(&encode::unstructured("Thread-Topic", &topic))?;
        }
        if let Some(ix) = p.get_binary(PidTagConversationIndex) {
            self.put(&format!(
                "Thread-Index: {}\r\n",
                base64::engine::general_purpose::STANDARD.encode(ix)
            ))?;
        }
        // [MS-OXCMAIL] 2.2.3.2.5 Importance
        match p.get_i64(PidTagImportance) {
            Some(0) => self.put("Importance: low\r\n")?,
            Some(1) => self.put("Importance: normal\r\n")?,
            Some(2) => self.put("Importance: high\r\n")?,
            _ => {}
        }
        match p.get_i64(PidTagPriority) {
            Some(-1) => self.put("Priority: non-urgent\r\n")?,
            Some(0) => self.put("Priority: normal\r\n")?,
            Some(1) => self.put("Priority: urgent\r\n")?,
            _ => {}
        }
        match p.get_i64(PidTagSensitivity) {
            Some(1) => self.put("Sensitivity: Personal\r\n")?,
            Some(2) => self.put("Sensitivity: Private\r\n")?,
            Some(3) => self.put("Sensitivity: Company-Confidential\r\n")?,
            _ => {}
        }
        let keywords: Vec<String> = match p.get_named(&named::PidNameKeywords) {
            Some(PropertyValue::MultipleString(v)) => {
                v.iter().map(|s| s.as_str().to_string()).collect()
            }
            Some(PropertyValue::MultipleString8(v)) => {
                v.iter().map(|s| s.to_string_lossy().into_owned()).collect()
            }
            _ => Vec::new(),
        };
        if !keywords.is_empty() {
            let mut f = Field::new("Keywords");
            let n = keywords.len();
            for (i, k) in keywords.iter().enumerate() {
                let words = encode::phrase(k);
                let last = words.len().saturating_sub(1);
                for (j, w) in words.iter().enumerate() {
                    let sep = if j == last && i + 1 < n { "," } else { "" };
                    f.token(&format!("{w}{sep}"), false);
                }
            }
            self.put(&f.finish())?;
        }
        if p.get(PidTagReadReceiptRequested)
            .and_then(PropertyValue::as_bool)
            == Some(true)
            && let Some(f) = &from
        {
            self.put(&encode::address_field(
                "Disposition-Notification-To",
                &[(f.name.clone(), f.address.clone())],
            ))?;
        }
        Ok(())
    }

    /// The body tree: mixed(alternative(text, related(html, inline)), attachments).
    fn tree<'m>(&mut self, m: &'m Message, body: BestBody) -> Result<Node<'m>> {
        let html_lower = body.html.as_deref().map(str::to_ascii_lowercase);
        let mut inline: Vec<Node<'m>> = Vec::new();
        let mut attached: Vec<Node<'m>> = Vec::new();
        for a in &m.attachments {
            let hidden = a
                .properties
                .get(tags::PidTagAttachmentHidden)
                .and_then(PropertyValue::as_bool)
                == Some(true);
            let rendered = a
                .properties
                .get_i64(tags::PidTagAttachFlags)
                .is_some_and(|f| f & 4 != 0);
            let referenced = match (a.content_id(), &html_lower) {
                (Some(cid), Some(h)) => h.contains(&format!(
                    "cid:{}",
                    cid.trim_matches(['<', '>']).to_ascii_lowercase()
                )),
                _ => false,
            };
            let related = html_lower.is_some()
                && a.content_id().is_some()
                && (referenced || hidden || rendered);
            match a.method() {
                Some(AttachMethod::Storage) if a.data().is_none() => {
                    self.left_out(format!(
                        "OLE storage attachment {:?} (no MIME form without its compound file)",
                        a.file_name().unwrap_or_default()
                    ))?;
                    continue;
                }
                Some(
                    AttachMethod::ByReference
                    | AttachMethod::ByReferenceOnly
                    | AttachMethod::ByWebReference,
                ) if a.data().is_none() => {
                    self.left_out(format!(
                        "attachment by reference {:?} (no data in the message)",
                        a.file_name().unwrap_or_default()
                    ))?;
                    continue;
                }
                _ => {}
            }
            if related {
                inline.push(Node::Attachment { a, inline: true });
            } else {
                attached.push(Node::Attachment { a, inline: false });
            }
        }
        let mut alt: Vec<Node<'m>> = Vec::new();
        if let Some(t) = body.text {
            alt.push(Node::Text {
                subtype: "plain",
                text: t,
            });
        }
        if let Some(rtf) = body.rtf.filter(|_| self.opts.rtf_alternative) {
            alt.push(Node::Rtf(rtf));
        }
        if let Some(h) = body.html {
            let html = Node::Text {
                subtype: "html",
                text: h,
            };
            if inline.is_empty() {
                alt.push(html);
            } else {
                let mut children = vec![html];
                children.append(&mut inline);
                alt.push(Node::Multipart {
                    subtype: "related",
                    children,
                });
            }
        }
        // inline parts without an HTML body to hold them are attachments
        attached.extend(inline.into_iter().map(|n| match n {
            Node::Attachment { a, .. } => Node::Attachment { a, inline: false },
            other => other,
        }));
        let body_node = match alt.len() {
            0 => None,
            1 => alt.pop(),
            _ => Some(Node::Multipart {
                subtype: "alternative",
                children: alt,
            }),
        };
        Ok(match (body_node, attached.is_empty()) {
            (Some(b), true) => b,
            (None, true) => Node::Text {
                subtype: "plain",
                text: String::new(),
            },
            (b, false) => {
                let mut children: Vec<Node<'m>> = b.into_iter().collect();
                children.extend(attached);
                Node::Multipart {
                    subtype: "mixed",
                    children,
                }
            }
        })
    }

    fn node(&mut self, n: &Node<'_>, depth: u32) -> Result<()> {
        match n {
            Node::Text { subtype, text } => {
                let data = encode::crlf(text);
                let qp = encode::prefers_qp(data.as_bytes());
                self.put(&format!(
                    "Content-Type: text/{subtype}; charset=\"utf-8\"\r\nContent-Transfer-Encoding: {}\r\n\r\n",
                    if qp { "quoted-printable" } else { "base64" }
                ))?;
                if qp {
                    encode::quoted_printable(data.as_bytes(), self.out)
                } else {
                    encode::base64_lines(data.as_bytes(), self.out)
                }
            }
            Node::Rtf(rtf) => {
                self.put(
                    "Content-Type: text/rtf\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
                )?;
                encode::quoted_printable(rtf, self.out)
            }
            Node::Multipart { subtype, children } => {
                let b = self.boundary();
                self.put(&format!(
                    "Content-Type: multipart/{subtype};\r\n boundary=\"{b}\"\r\n\r\n"
                ))?;
                for c in children {
                    self.put(&format!("\r\n--{b}\r\n"))?;
                    self.node(c, depth)?;
                }
                self.put(&format!("\r\n--{b}--\r\n"))
            }
            Node::Attachment { a, inline } => self.attachment(a, *inline, depth),
            Node::Tnef(data) => {
                self.put(
                    "Content-Type: application/ms-tnef; name=\"winmail.dat\"\r\n\
                     Content-Transfer-Encoding: base64\r\n\
                     Content-Disposition: attachment; filename=\"winmail.dat\"\r\n\r\n",
                )?;
                encode::base64_lines(data, self.out)
            }
        }
    }

    fn attachment(&mut self, a: &Attachment, inline: bool, depth: u32) -> Result<()> {
        let name = a.file_name().filter(|n| !n.trim().is_empty());
        let disposition = |name: &Option<String>| {
            let mut f = Field::new("Content-Disposition");
            f.token(if inline { "inline;" } else { "attachment;" }, false);
            if let Some(n) = name {
                encode::param(&mut f, "filename", n);
            }
            encode::finish_params(f)
        };
        if let Some(e) = a.embedded.as_deref() {
            let mut v = Vec::new();
            let mut sub = Writer {
                out: &mut v,
                opts: self.opts,
                session: std::mem::take(&mut self.session),
                counter: self.counter,
                verbatim: std::mem::take(&mut self.verbatim),
            };
            let r = sub.message(e, depth + 1);
            self.session = std::mem::take(&mut sub.session);
            self.counter = sub.counter;
            self.verbatim = std::mem::take(&mut sub.verbatim);
            r?;
            let eight = v.iter().any(|&b| b >= 0x80);
            self.put(&format!(
                "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: {}\r\n",
                if eight { "8bit" } else { "7bit" }
            ))?;
            self.put(&disposition(&name))?;
            self.put("\r\n")?;
            return self.out.write(&v);
        }
        let data: Cow<'_, [u8]> = match a.data() {
            Some(d) => Cow::Borrowed(d),
            None => match &a.storage {
                Some(_) => {
                    self.left_out(format!(
                        "OLE storage attachment {:?} (no MIME form without its compound file)",
                        name.clone().unwrap_or_default()
                    ))?;
                    Cow::Borrowed(&[][..])
                }
                None => Cow::Borrowed(&[][..]),
            },
        };
        let tag = a
            .mime_type()
            .map(|t| header::parse_params(t.as_bytes(), None).0);
        let valid = |t: &str| {
            let mut it = t.split('/');
            matches!((it.next(), it.next(), it.next()), (Some(x), Some(y), None)
                if !x.is_empty() && !y.is_empty() && t.chars().all(|c| c.is_ascii_graphic() && !"()<>@,;:\\\"[]?=".contains(c)))
        };
        let mime_type = tag
            .as_ref()
            .map(|t| t.value.clone())
            .filter(|t| valid(t) && !t.starts_with("multipart/"))
            .or_else(|| {
                name.as_deref()
                    .and_then(crate::filename::mime_type_for_file_name)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| "application/octet-stream".to_string());
        let mut f = Field::new("Content-Type");
        f.token(&format!("{mime_type};"), false);
        for (k, v) in tag.iter().flat_map(|t| t.params.iter()) {
            if k != "name"
                && k != "boundary"
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                encode::param(&mut f, k, v);
            }
        }
        if let Some(n) = &name {
            encode::param(&mut f, "name", n);
        }
        self.put(&encode::finish_params(f))?;
        // message/delivery-status and the like are header blocks that
        // readers parse: 7-bit text goes as it is, never base64
        let seven_bit = (mime_type.starts_with("message/") || mime_type == "text/rfc822-headers")
            && data.iter().all(|&b| b < 0x80 && b != 0)
            && data.split(|&b| b == b'\n').all(|l| l.len() <= 998)
            && crlf_only(&data);
        if seven_bit {
            self.put("Content-Transfer-Encoding: 7bit\r\n")?;
        } else {
            self.put("Content-Transfer-Encoding: base64\r\n")?;
        }
        self.put(&disposition(&name))?;
        if let Some(cid) = a.content_id() {
            let cid = cid.trim().trim_matches(['<', '>']);
            if !cid.is_empty()
                && cid
                    .chars()
                    .all(|c| c.is_ascii_graphic() && c != '<' && c != '>')
            {
                self.put(&format!("Content-ID: <{cid}>\r\n"))?;
            }
        }
        if let Some(loc) = a.properties.get_str(tags::PidTagAttachContentLocation)
            && loc.chars().all(|c| c.is_ascii_graphic())
            && !loc.is_empty()
        {
            self.put(&format!("Content-Location: {loc}\r\n"))?;
        }
        self.put("\r\n")?;
        if seven_bit {
            return self.out.write(&data);
        }
        encode::base64_lines(&data, self.out)
    }
}

/// Whether every line break is CRLF (so the bytes survive as 7bit text).
fn crlf_only(d: &[u8]) -> bool {
    d.iter().enumerate().all(|(i, &b)| match b {
        b'\n' => i > 0 && d.get(i - 1) == Some(&b'\r'),
        b'\r' => d.get(i + 1) == Some(&b'\n'),
        _ => true,
    })
}

/// Reply-To from PidTagReplyRecipientEntries (one-off EntryIDs) with
/// PidTagReplyRecipientNames.
fn reply_to(m: &Message) -> Option<Vec<(String, String)>> {
    let bytes = m.properties.get_binary(tags::PidTagReplyRecipientEntries)?;
    let entries = crate::to_message::read_flat_entry_list(bytes)?;
    let names: Vec<String> = m
        .properties
        .get_str(tags::PidTagReplyRecipientNames)
        .map(|s| s.split(';').map(|n| n.trim().to_string()).collect())
        .unwrap_or_default();
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let ms_oxcdata::EntryId::OneOff(o) = ms_oxcdata::EntryId::parse(e) {
            let addr = o.email_address.to_string_lossy();
            if !addr.contains('@') {
                continue;
            }
            let name = names
                .get(i)
                .cloned()
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| o.display_name.to_string_lossy());
            out.push((name, addr));
        }
    }
    (!out.is_empty()).then_some(out)
}

/// Fields the writer makes itself (never copied from the transport headers).
const GENERATED: &[&str] = &[
    "from",
    "sender",
    "reply-to",
    "to",
    "cc",
    "bcc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "thread-topic",
    "thread-index",
    "importance",
    "priority",
    "x-priority",
    "x-msmail-priority",
    "sensitivity",
    "keywords",
    "disposition-notification-to",
    "mime-version",
    "x-ms-tnef-correlator",
    "x-ms-has-attach",
];

/// Trace and list fields copied in front of the generated ones.
const TRACE: &[&str] = &[
    "return-path",
    "received",
    "delivered-to",
    "authentication-results",
    "received-spf",
];

/// The fields of PidTagTransportMessageHeaders to copy: (trace fields,
/// other fields), each ready to write.
fn copied_fields(m: &Message) -> (Vec<String>, Vec<String>) {
    let Some(h) = m.transport_headers() else {
        return (Vec::new(), Vec::new());
    };
    let bytes = h.into_bytes();
    let mut r = msox_codec::Reader::with_options(&bytes, &Options::lenient());
    let Ok((fields, _, _)) = crate::mime::read_header_block(&mut r, 0, bytes.len(), true) else {
        return (Vec::new(), Vec::new());
    };
    let mut trace = Vec::new();
    let mut other = Vec::new();
    for f in &fields {
        let name = f.name_str().to_ascii_lowercase();
        if GENERATED.contains(&name.as_str()) || name.starts_with("content-") {
            continue;
        }
        let is_trace = TRACE.contains(&name.as_str());
        if !(is_trace || name.starts_with("x-") || name.starts_with("list-")) {
            continue;
        }
        let value = String::from_utf8_lossy(f.value);
        let line = if value.is_ascii() {
            // keep the folding, with CRLF line ends
            let mut s = format!("{}:", f.name_str());
            let v = encode::crlf(&value);
            let v = v.trim_end_matches(['\r', '\n']);
            // a fold must be followed by white space
            let ok = v.split("\r\n").skip(1).all(|l| l.starts_with([' ', '\t']));
            if !ok {
                continue;
            }
            s.push_str(v);
            s.push_str("\r\n");
            s
        } else {
            let (t, _) = header::unstructured(f.value, None);
            encode::unstructured(&f.name_str(), &t)
        };
        if is_trace {
            trace.push(line);
        } else {
            other.push(line);
        }
    }
    (trace, other)
}
