//! # ms-oxtnef — [MS-OXTNEF] Transport Neutral Encapsulation Format (winmail.dat)
//!
//! Reads and writes TNEF streams, in two layers:
//!
//! - [`TnefStream`]: the attributes exactly as stored (data borrowed from the
//!   input, stored checksums kept), so `encode(decode(x)) == x` byte for byte,
//!   with bad checksums and trailing bytes reported as [`Defect`]s (or refused
//!   with [`DecodeOptions::strict`]). [`props`] decodes and encodes the
//!   encapsulated property lists (attMAPIProps, attAttachment, attRecipTable)
//!   losslessly, padding included.
//! - [`to_message`] / [`from_message`]: the [MS-OXTNEF] 2.3 mapping into and out of
//!   the `ms-oxcmsg` [`Message`](ms_oxcmsg::Message) model: legacy attributes
//!   mapped to properties (MAPI properties win), recipients, attachments,
//!   embedded messages (recursive, depth-limited), 8-bit strings in the
//!   stream's OEM code page.
//!
//! ```
//! use ms_oxcmsg::{Attachment, Message};
//! use ms_oxtnef::{DecodeOptions, TnefStream, WriteOptions, from_message, to_message};
//! use msox_codec::Encode;
//!
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Minutes");
//! m.attachments.push(Attachment::by_value("minutes.txt", Vec::from(b"We met.")));
//! let bytes = from_message(&m, &WriteOptions::default())?.to_vec()?;
//!
//! // The attribute layer round-trips byte for byte:
//! let decoded = TnefStream::decode(&bytes)?;
//! assert!(decoded.defects.is_empty());
//! assert_eq!(decoded.stream.to_vec()?, bytes);
//!
//! // The model layer gives the message back:
//! let (back, defects) = to_message(&bytes, &DecodeOptions::default())?;
//! assert!(defects.is_empty());
//! assert_eq!(back.subject().as_deref(), Some("Minutes"));
//! assert_eq!(back.attachments[0].data(), Some(&b"We met."[..]));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1.3.1 | TNEF stream header (signature, legacy key) | [`TnefStream`] |
//! | 2.1.3.2 | attribute structure, checksum | [`Attribute`], [`checksum`] |
//! | 2.1.3.3 | every attribute ID | [`AttributeId`] (unknown IDs kept) |
//! | 2.1.3.3 DTR, TRP | legacy dates, attFrom | [`date::Dtr`], read into sender properties |
//! | 2.1.3.4 | encapsulated properties, named properties, multi-valued, PtypObject | [`props`] |
//! | 2.3 | TNEF reader/writer behaviour, legacy mapping, message classes (2.3.3.4) | [`to_message`], [`from_message`] |
//! | 2.1.3.3.x attOwner/attSentFor/attDelegate | kept in the attribute layer; not mapped into the model | partial |
#![forbid(unsafe_code)]

mod attribute;
pub mod date;
mod model;
pub mod props;

pub use attribute::{
    Attribute, AttributeId, AttributeLevel, DecodeOptions, Decoded, Defect, TNEF_SIGNATURE,
    TnefStream, checksum, is_tnef,
};
pub use model::{
    LEGACY_MESSAGE_CLASSES, WriteOptions, from_message, map_legacy_class, message_to_bytes,
    oem_code_page, stream_to_message, to_message, unmap_legacy_class,
};
