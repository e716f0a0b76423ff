//! # ms-oxtnef — [MS-OXTNEF] Transport Neutral Encapsulation Format (winmail.dat)
//!
//! Reads and writes TNEF streams, in two layers, each in one decoding
//! session ([`msox_codec::Options`]: strict or lenient, and the limits):
//!
//! - [`TnefStream`]: the attributes exactly as stored (data borrowed from the
//!   input, stored checksums kept), so `encode(decode(x)) == x` byte for byte;
//!   `TnefStream::decode_bytes(bytes, &options)` reports bad checksums,
//!   trailing bytes and an unreadable attribute (kept with the rest as
//!   trailing bytes) as defects, and strict mode refuses them.
//!   [`props`] decodes and encodes the encapsulated property lists
//!   (attMAPIProps, attAttachment, attRecipTable) losslessly, padding
//!   included, as a thin layer over `ms-oxcdata`'s property-value policy.
//! - [`to_message`] / [`from_message`]: the [MS-OXTNEF] 2.3 mapping into and
//!   out of the `ms-oxcmsg` [`Message`](ms_oxcmsg::Message) model: legacy
//!   attributes mapped to properties (MAPI properties win; attFrom,
//!   attBody, attMessageID, attMessageStatus, attAttachRenddata included),
//!   recipients, attachments, embedded messages (read in place, one
//!   nesting level each, their original bytes kept and written back while
//!   unchanged), 8-bit strings in the stream's OEM code page. The writer
//!   writes the shape Outlook writes ([`WriteOptions`]): by-value data
//!   once (attAttachData), OLE storages as IID_IStorage objects.
//! - [`extract()`]: the attachments as files (embedded messages as their
//!   original TNEF bytes, or converted; OLE objects as their own files),
//!   under safe, unique names. Property lists are
//!   read as windows of the one reader, so every error and defect has its
//!   absolute offset and a path such as
//!   `TnefStream > Attachment[1] > attAttachment > TaggedPropertyValue[4]`;
//!   a bad property costs that property, not the list.
//!
//! ```
//! use ms_oxcmsg::{Attachment, Message};
//! use ms_oxtnef::{TnefStream, WriteOptions, from_message, to_message};
//! use msox_codec::{Decode, Encode, Options};
//!
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Minutes");
//! m.attachments.push(Attachment::by_value("minutes.txt", Vec::from(b"We met.")));
//! let bytes = from_message(&m, &WriteOptions::default())?.to_vec()?;
//!
//! // The attribute layer round-trips byte for byte:
//! let decoded = TnefStream::decode_bytes(&bytes, &Options::strict())?;
//! assert!(decoded.defects.is_empty());
//! assert_eq!(decoded.value.to_vec()?, bytes);
//!
//! // The model layer gives the message back:
//! let back = to_message(&bytes, &Options::default())?;
//! assert!(back.defects.is_empty());
//! assert_eq!(back.value.subject().as_deref(), Some("Minutes"));
//! assert_eq!(back.value.attachments[0].data(), Some(&b"We met."[..]));
//!
//! // A damaged checksum: lenient reads and says where; strict refuses.
//! let mut bad = bytes.clone();
//! let last = bad.len() - 1;
//! bad[last] ^= 1;
//! let read = to_message(&bad, &Options::lenient())?;
//! assert_eq!(read.defects[0].offset(), Some(last - 1));
//! assert!(to_message(&bad, &Options::strict()).is_err());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1.3.1 | TNEF stream header (signature, legacy key) | [`TnefStream`] |
//! | 2.1.3.2 | attribute structure, checksum | [`Attribute`], [`AttributeHeader`] (the fields before the data, for walking a stream without it), [`checksum`] |
//! | 2.1.3.3 | every attribute ID | [`AttributeId`] (unknown IDs kept; IDs without their type word matched by the low word, a defect) |
//! | 2.1.3.3 DTR, TRP | legacy dates, attFrom | [`date::Dtr`], read into sender properties |
//! | 2.1.3.4 | encapsulated properties, named properties, multi-valued, PtypObject | [`props::PropertyList`], [`props::RecipientTable`] |
//! | 2.3 | TNEF reader/writer behaviour, legacy mapping, message classes (2.3.3.4) | [`to_message`], [`from_message`] |
//! | — | attachments as files (embedded messages as their original bytes, OLE objects as their files) | [`extract()`]; [`extract_all`] and [`to_message_borrowing`] leave attAttachData and embedded messages' bytes in the input |
//! | 2.1.3.3.x attOwner/attSentFor/attDelegate | kept in the attribute layer; not mapped into the model | partial |
#![forbid(unsafe_code)]

mod attribute;
pub mod date;
pub mod extract;
mod model;
pub mod props;

pub use attribute::{
    Attribute, AttributeHeader, AttributeId, AttributeLevel, TNEF_SIGNATURE, TnefOptions,
    TnefStream, checksum, is_tnef,
};
pub use extract::{ExtractOptions, extract, extract_all, extract_all_with, extract_message};
pub use model::{
    BorrowedMessage, LEGACY_MESSAGE_CLASSES, MAX_WRITE_DEPTH, WriteOptions, from_message,
    map_legacy_class, message_flags_from_status, message_to_bytes, oem_code_page, read_message,
    status_from_message_flags, to_message, to_message_borrowing, to_message_borrowing_with,
    unmap_legacy_class,
};
pub use ms_oxcmsg::extract::Extraction;
