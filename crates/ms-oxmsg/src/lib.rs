//! # ms-oxmsg — [MS-OXMSG] Outlook Item (.msg) File Format
//!
//! Reads and writes Outlook `.msg` and `.oft` files: a compound file
//! ([MS-CFB], read and written by `ms-cfb`: one container model) holding a
//! property stream per object, value streams, recipient and attachment
//! storages, embedded messages, OLE storages and the named-property
//! mapping. Messages are read into and written from the
//! [`ms_oxcmsg::Message`] model that `ms-oxtnef` uses too, so `.msg` ⇄
//! TNEF is a read and a write.
//!
//! Reading is one decoding session ([`msox_codec::Options`]: strict or
//! lenient, and one budget): `MsgFile::decode_bytes(bytes, &options)`
//! gives the file and its defects. Streams are read from the file in place
//! (copied only when their sectors are scattered, and then charged to the
//! budget), embedded messages are storages of the same file (one nesting
//! level each, no copy per level), and every error and defect has its
//! absolute file offset and a path such as
//! `MsgFile > Message > Attachment[1] > EmbeddedMessage > PropertyStream > Property[3]`.
//!
//! ```
//! use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
//! use ms_oxmsg::MsgFile;
//! use msox_codec::{Decode, Options};
//!
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Hello");
//! m.recipients.push(Recipient::new("Ann", "ann@example.com", RecipientType::To));
//! m.attachments.push(Attachment::by_value("a.txt", Vec::from(b"data")));
//! let bytes = MsgFile::new(m).to_bytes()?;
//!
//! let file = MsgFile::decode_bytes(&bytes, &Options::strict())?;
//! assert!(file.defects.is_empty());
//! assert_eq!(file.value.message.subject().as_deref(), Some("Hello"));
//! assert_eq!(file.value.message.attachments[0].data(), Some(&b"data"[..]));
//!
//! // Not a compound file: one error, at byte 0, with its path.
//! let err = MsgFile::decode_exact(b"From: someone").unwrap_err();
//! assert_eq!(err.offset(), Some(0));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1 | storages: message, recipient, attachment, embedded message, OLE storage | read and write |
//! | 2.2.1 | fixed-length properties (inline) | read and write |
//! | 2.2.2 | variable-length and multiple-valued properties, length streams | read and write |
//! | 2.2.3 | named property mapping: GUID, entry and string streams | read and write |
//! | 2.2.3.2 | property ID to property name mapping streams (stream ID equation) | written |
//! | 2.4 | property stream headers (top level 32, embedded 24, others 8 bytes) | read and write |
//! | .oft | templates (root CLSID kept) | read and write |
//! | — | conversions to and from TNEF, attachments as files (embedded messages as their original storage, OLE objects as their files) | [`convert`] |
//!
//! Lenient reading (the default) reads past what real writers get wrong,
//! each a [`msox_codec::Defect`]: a missing value stream or an unreadable
//! value costs that property; a PtypBoolean other than 0 or 1 or a type the
//! spec does not define is kept as [`ms_oxcdata::PropertyValue::Raw`] in
//! [`ms_oxcdata::ValueEncoding::Msg`] (written back as read); a recipient
//! or attachment without a property stream is left out; an embedded
//! message that cannot be read is kept as a storage. Strict mode refuses
//! each with the same offset and path. String values are stored without
//! their terminating nulls (some writers include one in the stream; it is
//! dropped on reading and not written back).
#![forbid(unsafe_code)]

pub mod convert;
mod message;
pub mod named;
mod read;
mod tree;
mod write;

pub use convert::{
    BorrowedMsg, extract, extract_all, extract_file, extract_tnef_as_msg, msg_to_tnef,
    read_borrowing, strings_to_unicode, tnef_to_msg,
};
pub use message::{
    ATTACH_OBJECT, ATTACH_PREFIX, Level, PROPERTIES_STREAM, RECIP_PREFIX, ansi_code_page_for_lcid,
};
pub use write::MAX_WRITE_DEPTH;

use ms_cfb::CompoundFile;
use ms_dtyp::Guid;
use ms_oxcmsg::{Message, NamedPropertyMap};
use msox_codec::{CodePage, Decode, Decoded, Options, Reader, Result};

/// The root CLSID of a `.msg` file, `{00020D0B-0000-0000-C000-000000000046}`.
pub const CLSID_MSG: Guid = Guid::from_u128(0x0002_0D0B_0000_0000_C000_0000_0000_0046);
/// The root CLSID Outlook gives `.oft` templates, `{0006F046-0000-0000-C000-000000000046}`.
pub const CLSID_OFT: Guid = Guid::from_u128(0x0006_F046_0000_0000_C000_0000_0000_0046);

/// A `.msg` or `.oft` file: its message and what the file adds to it.
#[derive(Debug, Clone, PartialEq)]
pub struct MsgFile {
    /// The message.
    pub message: Message,
    /// The root storage's CLSID ([`CLSID_MSG`], [`CLSID_OFT`], or as read).
    pub root_clsid: Guid,
    /// The file's named-property map (IDs are kept when writing back).
    pub named: NamedPropertyMap,
}

/// Whether `bytes` look like a .msg file: a compound file whose directory
/// names a `__properties_version1.0` stream.
pub fn is_msg(bytes: &[u8]) -> bool {
    const SIG: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.get(..8) != Some(&SIG[..]) {
        return false;
    }
    let needle: Vec<u8> = PROPERTIES_STREAM
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

impl MsgFile {
    /// A `.msg` file for a message.
    pub fn new(message: Message) -> Self {
        MsgFile {
            message,
            root_clsid: CLSID_MSG,
            named: NamedPropertyMap::new(),
        }
    }

    /// Writes the file: deterministic (no clock-derived bytes), named
    /// properties numbered 0x8000 + 0..n-1 (the file's own names first, in
    /// their ID order, so a file whose IDs were already contiguous keeps
    /// them; then new names in the order met) with the mapping streams of
    /// [MS-OXMSG] 2.2.3 rebuilt, 8-bit strings with their code page
    /// recorded (or as Unicode; all of them in a file with any Unicode
    /// string or from a Unicode store, as Outlook writes one), OLE storages
    /// as storages.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut map = NamedPropertyMap::new();
        let mut own: Vec<(u16, &ms_oxcdata::PropertyName)> = self.named.iter().collect();
        own.sort_by_key(|(id, _)| *id);
        for (_, n) in own {
            if map.assign(n).is_none() {
                break;
            }
        }
        write::collect_names(&self.message, &mut map)?;
        let mut children = write::write_message(
            &self.message,
            Level::TopLevel,
            &map,
            0,
            CodePage(1252),
            write::has_unicode(&self.message),
        )?;
        children.push(named::write(&map));
        tree::write_tree(&tree::Node::storage(
            "Root Entry",
            self.root_clsid,
            children,
        ))
    }
}

/// [MS-OXMSG] a whole file (the rest of the reader's window): the compound
/// file, the named-property map, the message. See the crate docs for what
/// lenient reading reads past.
impl<'a> Decode<'a> for MsgFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("MsgFile", |r| {
            let cf = CompoundFile::decode(r)?;
            let end = r.pos();
            let named = named::read(r, &cf)?;
            let message = r.frame("Message", |r| {
                read::read_message(r, &cf, 0, Level::TopLevel, &named, CodePage(1252))
            })?;
            r.seek(end)?;
            Ok(MsgFile {
                message,
                root_clsid: cf.root().clsid,
                named,
            })
        })
    }
}

/// IID_IStorage, the interface ID TNEF puts before an OLE storage object.
const IID_ISTORAGE: Guid = ms_oxcmsg::extract::IID_ISTORAGE;

/// An OLE [`Storage`](ms_oxcmsg::Storage) as compound-file bytes (how TNEF
/// and other formats carry one), written by ms-cfb: deterministic.
pub fn storage_to_cfb(s: &ms_oxcmsg::Storage) -> Result<Vec<u8>> {
    write::check_storage_depth(s, 0)?;
    ms_oxcmsg::storage_to_cfb(s)
}

/// Compound-file bytes as an OLE [`Storage`](ms_oxcmsg::Storage) (the root
/// storage's contents), in one session: one nesting level per storage,
/// stream copies charged to the budget.
pub fn cfb_to_storage(bytes: &[u8], options: &Options) -> Result<Decoded<ms_oxcmsg::Storage>> {
    ms_oxcmsg::cfb_to_storage(bytes, options)
}

/// Prepares a message read from a .msg for formats that carry OLE storages
/// as PtypObject bytes (TNEF): every [`Attachment::storage`](ms_oxcmsg::Attachment)
/// becomes PidTagAttachDataObject = IID_IStorage + compound file.
pub fn storages_to_objects(m: &mut Message) -> Result<()> {
    storages_to_objects_at(m, 0)
}

fn storages_to_objects_at(m: &mut Message, depth: u32) -> Result<()> {
    if depth > write::MAX_WRITE_DEPTH {
        return Err(write::depth_error(depth));
    }
    for a in &mut m.attachments {
        if let Some(s) = a.storage.take() {
            let mut v = IID_ISTORAGE.to_le_bytes().to_vec();
            v.extend_from_slice(&storage_to_cfb(&s)?);
            a.properties.set(
                ms_oxprops::tags::PidTagAttachDataObject,
                ms_oxcdata::PropertyValue::Object(v),
            );
        }
        if let Some(e) = &mut a.embedded {
            storages_to_objects_at(e, depth + 1)?;
        }
    }
    Ok(())
}

/// The reverse of [`storages_to_objects`]: PidTagAttachDataObject values
/// that are IID_IStorage + a compound file become [`Attachment::storage`](ms_oxcmsg::Attachment).
/// Objects that do not read (with `options`, defects allowed in lenient
/// mode) are left as they are; so are embedded messages deeper than
/// `options.limits.max_depth`.
pub fn objects_to_storages(m: &mut Message, options: &Options) {
    objects_to_storages_at(m, options, options.limits.max_depth);
}

fn objects_to_storages_at(m: &mut Message, options: &Options, depth_left: u32) {
    if depth_left == 0 {
        return;
    }
    let obj = ms_oxcmsg::PropId::Tag(ms_oxprops::tags::PidTagAttachDataObject.id);
    for a in &mut m.attachments {
        let parsed = match a.properties.get_id(&obj) {
            Some(ms_oxcdata::PropertyValue::Object(b))
                if b.get(..16) == Some(&IID_ISTORAGE.to_le_bytes()[..]) =>
            {
                b.get(16..)
                    .and_then(|c| cfb_to_storage(c, options).ok())
                    .map(|d| d.value)
            }
            _ => None,
        };
        if let Some(s) = parsed {
            a.properties.remove(&obj);
            a.storage = Some(s);
        }
        if let Some(e) = &mut a.embedded {
            objects_to_storages_at(e, options, depth_left - 1);
        }
    }
}
