//! # ms-oxcmail — [MS-OXCMAIL] Internet message <-> MAPI message conversion
//!
//! Exchange keeps mail as MAPI Message objects; the Internet sends it as
//! RFC 5322 messages with MIME bodies. [MS-OXCMAIL] says how one maps to
//! the other, [MS-OXBBODY] which of a message's bodies is the one to send,
//! and [MS-OXOSMIME] how S/MIME messages are carried. This crate converts
//! in both directions between Internet messages and the one message model
//! of `ms-oxcmsg` ([`Message`](ms_oxcmsg::Message)), which the TNEF and
//! .msg crates read into and write from: .msg -> .eml is
//! `ms_oxmsg` + [`message_to_mime`], .eml -> .msg is [`mime_to_message`] +
//! `ms_oxmsg`. No I/O: bytes in, bytes out (or a [`Sink`](msox_codec::Sink)).
//!
//! ```
//! use msox_codec::Options;
//! let eml = b"From: \"Doe, Ann\" <ann@example.com>\r\nTo: Bob <bob@example.com>\r\n\
//! Subject: Lunch\r\nDate: Tue, 1 Jul 2003 10:52:37 +0200\r\nMIME-Version: 1.0\r\n\
//! Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\n\
//! Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n\
//! Caf=E9 at noon?\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Caf&eacute; at noon?</p>\r\n--b--\r\n";
//! let read = ms_oxcmail::mime_to_message(eml, &Options::default())?;
//! assert!(read.defects.is_empty());
//! let m = read.value;
//! assert_eq!(m.subject().as_deref(), Some("Lunch"));
//! assert_eq!(m.body().as_deref(), Some("Café at noon?"));
//! assert_eq!(m.recipients[0].display_name().as_deref(), Some("Bob"));
//!
//! // the best body of the model, as the writer sees it
//! let body = ms_oxcmail::select_body(&m, &Options::default())?.value;
//! assert_eq!(body.format, Some(ms_oxcmail::BodyFormat::Html));
//!
//! // and back to MIME
//! let out = ms_oxcmail::message_to_mime(&m, &Default::default())?;
//! let again = ms_oxcmail::mime_to_message(&out, &Options::strict())?.value;
//! assert_eq!(again.body(), m.body());
//! assert_eq!(again.html_body(), m.html_body());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Reading MIME
//!
//! [`mime::MimeMessage`] reads the entity tree in one pass over the
//! caller's buffer, on the decoding session: every entity and header field
//! is charged to the item budget, nesting to the depth limit, decoded
//! bodies to the output budget; broken MIME (a header without its blank
//! line, missing boundaries, bad base64 or quoted-printable, unknown
//! charsets, 8-bit headers) is read as the common readers read it and each
//! repair is a [`Defect`](msox_codec::Defect) at its byte offset in the
//! .eml (strict mode refuses instead). The library's MIME reader is its
//! own: the MIME crates that fit the toolchain report no defects and take
//! no limits; `mail-parser` reads our output in the tests.
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | [MS-OXCMAIL] 2.1.3.1.1 | address representations (one-off EntryIDs, search keys, SMTP properties) | [`mime_to_message`]; SMTP resolution in [`address`] |
//! | [MS-OXCMAIL] 2.2.3.2 | header fields: From, Sender, Reply-To, To, Cc, Bcc, Subject (prefix, normalized), Date, Received (delivery time), Message-ID, In-Reply-To, References, Thread-Topic, Thread-Index, Keywords, Sensitivity, Disposition-Notification-To, Return-Receipt-To | both directions |
//! | [MS-OXCMAIL] 2.2.3.2.5 | Importance, Priority, X-Priority, X-MSMail-Priority | both directions (Importance wins) |
//! | [MS-OXCMAIL] 2.2.3.2 (transport headers) | PidTagTransportMessageHeaders: kept when reading; its trace and `X-` fields copied when writing, never a generated one | both directions |
//! | [MS-OXCMAIL] bodies | text/plain, text/html, multipart/alternative, multipart/related (cid: links -> PidTagAttachmentHidden, attRenderedInBody), uuencoded blocks in text | both directions |
//! | [MS-OXCMAIL] attachments | file names read from RFC 2231 parameters (continuations, charsets) and RFC 2047 words in quoted values, written as RFC 2231 (an encoded word in a quoted parameter is a defect to strict readers); PidTagAttachMimeTag (else by extension), Content-ID, Content-Location, message/rfc822 as embedded messages (recursive, depth-limited), message/delivery-status kept 7-bit | both directions; OLE storage and by-reference attachments are left out when writing, with a defect |
//! | [MS-OXCMAIL] TNEF (application/ms-tnef) | winmail.dat read with `ms-oxtnef` and merged as Exchange does (TNEF properties win except the header's address and transport ones; its attachments replace the part); written for classes MIME cannot carry ([`TnefMode`]) | both directions |
//! | [MS-OXCMAIL] 2.2.3.2.22 | classification headers | not yet (kept in PidTagTransportMessageHeaders) |
//! | [MS-OXBBODY] 2.1.3.1 | best body algorithm | [`best_body_format`], [`select_body`] (RTF via `ms-oxrtfcp`, HTML/text de-encapsulated via `ms-oxrtfex`, charset declarations fixed) |
//! | [MS-OXOSMIME] 2.1.3.1 | clear-signed (multipart/signed) <-> IPM.Note.SMIME.MultipartSigned with the whole entity as smime.p7m, byte for byte | both directions |
//! | [MS-OXOSMIME] 2.1.3.2 | opaque-signed / encrypted (application/pkcs7-mime) <-> IPM.Note.SMIME | both directions |
//! | [MS-OXCMAIL] meeting requests (text/calendar) | needs [MS-OXCICAL] | not applicable here: kept as an attachment |
//! | [MS-OXCMAIL] 2.1 (SMTP transport, 8BITMIME) | no I/O in this crate | not applicable |
//!
//! Library functions for tools: [`select_body`], [`safe_file_name`],
//! [`attachment_file_name`], [`unique_file_names`],
//! [`mime_type_for_file_name`], and [`address`] (where each SMTP address
//! came from). [MS-OXCDATA] 2.3.3 FlatEntryList (Reply-To) is built here
//! ([`to_message::flat_entry_list`]) until `ms-oxcdata` has it.
#![forbid(unsafe_code)]

pub mod address;
pub mod body;
mod encode;
pub mod filename;
pub mod from_message;
pub mod mime;
pub mod to_message;

pub use body::{BestBody, BodyFormat, best_body_format, fix_html_charset, select_body};
pub use filename::{
    attachment_file_name, extension_for_mime_type, mime_type_for_file_name, safe_file_name,
    unique_file_names,
};
pub use from_message::{MimeOptions, TnefMode, message_to_mime, message_to_mime_to};
pub use to_message::{mime_to_message, read_message};
