//! # ms-oxcmsg — the Message object model ([MS-OXCMSG])
//!
//! One model of a MAPI message that every msox format crate reads into and
//! writes from: TNEF (`ms-oxtnef`), Outlook .msg (`ms-oxmsg`), and later
//! MIME conversion. A [`Message`] is a [`PropertyBag`] plus
//! [`Recipient`]s and [`Attachment`]s; attachments carry their data by
//! value, as an embedded [`Message`], as an OLE [`Storage`] kept stream by
//! stream, or by reference ([MS-OXCMSG] 2.2.2.9 PidTagAttachMethod).
//!
//! Properties are keyed by [`PropId`]: a tagged property ID, or a named
//! property ([MS-OXCDATA] 2.6.1 PropertyName), so that a named property
//! read from a TNEF stream and one read from a .msg file compare equal even
//! though each file maps it to its own 0x8000+ ID. [`NamedPropertyMap`]
//! does that mapping in both directions for the format crates.
//!
//! ```
//! use ms_oxcdata::PropertyValue;
//! use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
//! use ms_oxprops::{named, tags};
//!
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Quarterly report");
//! m.set_body("See attached.");
//! m.properties.set_named(&named::PidLidReminderSet, PropertyValue::Boolean(false));
//! m.recipients.push(Recipient::new("Ann Example", "ann@example.com", RecipientType::To));
//! m.attachments.push(Attachment::by_value("report.txt", b"numbers".to_vec()));
//!
//! assert_eq!(m.subject().as_deref(), Some("Quarterly report"));
//! assert_eq!(m.message_class().as_deref(), Some("IPM.Note"));
//! assert_eq!(m.attachments[0].file_name().as_deref(), Some("report.txt"));
//! assert_eq!(m.attachments[0].data(), Some(&b"numbers"[..]));
//! assert_eq!(m.properties.get_named(&named::PidLidReminderSet), Some(&PropertyValue::Boolean(false)));
//! assert!(m.properties.get(tags::PidTagBody).is_some());
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | [MS-OXCMSG] 2.2.1 | message object properties | [`PropertyBag`], typed accessors on [`Message`] |
//! | [MS-OXCMSG] 2.2.2 | attachment object properties | [`Attachment`], [`AttachMethod`] |
//! | [MS-OXCMSG] 2.2.1.x / [MS-OXOMSG] | recipients | [`Recipient`], [`RecipientType`] |
//! | [MS-OXCDATA] 2.6 | named properties | [`PropId::Named`], [`NamedPropertyMap`] |
//! | [MS-OXCMSG] 2.2.2.9 afStorage | OLE storages to and from compound files, their files (`\x01Ole10Native`, `Package`), safe file names | [`extract`] |
//! | [MS-OXCMSG] 3 (ROP behaviour) | not applicable: no I/O here | — |
#![forbid(unsafe_code)]

mod bag;
pub mod extract;
mod message;
mod named_map;

pub use bag::{PropId, Property, PropertyBag};
pub use extract::{cfb_to_storage, safe_file_name, storage_to_cfb};
pub use message::{
    AttachMethod, Attachment, Message, Recipient, RecipientType, Storage, StorageEntry,
};
pub use named_map::NamedPropertyMap;
