//! # ms-oxmsg — [MS-OXMSG] Outlook Item (.msg) File Format
//!
//! Reads and writes Outlook `.msg` and `.oft` files: a compound file
//! ([MS-CFB], read in memory by `ms-cfb` and written with the `cfb` crate) holding a property stream per
//! object, value streams, recipient and attachment storages, embedded
//! messages, OLE storages and the named-property mapping. Messages are read
//! into and written from the [`ms_oxcmsg::Message`] model that `ms-oxtnef`
//! uses too, so `.msg` ⇄ TNEF is a read and a write.
//!
//! ```
//! use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
//! use ms_oxmsg::{MsgFile, ReadOptions};
//!
//! let mut m = Message::new("IPM.Note");
//! m.set_subject("Hello");
//! m.recipients.push(Recipient::new("Ann", "ann@example.com", RecipientType::To));
//! m.attachments.push(Attachment::by_value("a.txt", Vec::from(b"data")));
//! let bytes = MsgFile::new(m).to_bytes()?;
//!
//! let (file, defects) = MsgFile::read(&bytes, &ReadOptions::default())?;
//! assert!(defects.is_empty());
//! assert_eq!(file.message.subject().as_deref(), Some("Hello"));
//! assert_eq!(file.message.attachments[0].data(), Some(&b"data"[..]));
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
//!
//! Reading is lenient: a missing value stream, a broken name-map entry or an
//! unreadable embedded message becomes a [`Defect`] and the rest is read;
//! [`ReadOptions::strict`] refuses instead. String values are stored
//! without their terminating nulls (some writers include one in the
//! stream; it is dropped on reading and not written back).
#![forbid(unsafe_code)]

mod message;
pub mod named;
mod tree;

use tree::NodeExt;

pub use message::{
    ATTACH_OBJECT, ATTACH_PREFIX, Level, PROPERTIES_STREAM, RECIP_PREFIX, ansi_code_page_for_lcid,
};

use ms_dtyp::Guid;
use ms_oxcmsg::{Message, NamedPropertyMap};
use msox_codec::{CodePage, Limits, Result};

/// The root CLSID of a `.msg` file, `{00020D0B-0000-0000-C000-000000000046}`.
pub const CLSID_MSG: Guid = Guid::from_u128(0x0002_0D0B_0000_0000_C000_0000_0000_0046);
/// The root CLSID Outlook gives `.oft` templates, `{0006F046-0000-0000-C000-000000000046}`.
pub const CLSID_OFT: Guid = Guid::from_u128(0x0006_F046_0000_0000_C000_0000_0000_0046);

/// Something wrong in a file that lenient reading read past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// A property stream or value stream problem.
    Stream(String),
    /// A named-property mapping problem.
    NamedProperty(String),
    /// A compound-file problem (ms-cfb read past it).
    Container(String),
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Defect::Stream(s) | Defect::NamedProperty(s) | Defect::Container(s) => f.write_str(s),
        }
    }
}

/// How to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Refuse instead of reporting defects.
    pub strict: bool,
    /// Caps on depth (embedded messages, storages), entries and bytes.
    pub limits: Limits,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            strict: false,
            limits: Limits::DEFAULT,
        }
    }
}

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
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
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

    /// Reads a file.
    pub fn read(bytes: &[u8], opts: &ReadOptions) -> Result<(MsgFile, Vec<Defect>)> {
        let (cf, mut cfb_defects) = ms_cfb::CompoundFile::parse(bytes, &opts.limits)?;
        let root = cf.tree_with_defects(&mut cfb_defects)?;
        let mut defects: Vec<Defect> = cfb_defects
            .into_iter()
            .map(|d| Defect::Container(d.0))
            .collect();
        let named = named::read(&root, &mut defects);
        if let Some(d) = defects.first().filter(|_| opts.strict) {
            return Err(msox_codec::Error::new(msox_codec::ErrorKind::Malformed(
                d.to_string().into(),
            )));
        }
        let message = message::read_message(
            &root,
            Level::TopLevel,
            &named,
            CodePage(1252),
            opts,
            opts.limits.depth(),
            "message",
            &mut defects,
        )?;
        if let Some(d) = defects.first().filter(|_| opts.strict) {
            return Err(msox_codec::Error::new(msox_codec::ErrorKind::Malformed(
                d.to_string().into(),
            )));
        }
        Ok((
            MsgFile {
                message,
                root_clsid: root.clsid,
                named,
            },
            defects,
        ))
    }

    /// Writes the file.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let mut map = NamedPropertyMap::new();
        // Keep the file's own IDs for the names still in use.
        let mut wanted = NamedPropertyMap::new();
        message::collect_names(&self.message, &mut wanted)?;
        for (id, n) in self.named.iter() {
            if wanted.id(n).is_some() {
                map.insert(id, n.clone());
            }
        }
        message::collect_names(&self.message, &mut map)?;
        let mut children = message::write_message(&self.message, Level::TopLevel, &map, 0)?;
        children.push(named::write(&map));
        tree::write_tree(&tree::Node::storage(
            "Root Entry",
            self.root_clsid,
            children,
        ))
    }
}

/// IID_IStorage, the interface ID TNEF puts before an OLE storage object.
const IID_ISTORAGE: Guid = Guid::from_u128(0x0000_000B_0000_0000_C000_0000_0000_0046);

/// An OLE [`Storage`](ms_oxcmsg::Storage) as compound-file bytes (how TNEF
/// and other formats carry one).
pub fn storage_to_cfb(s: &ms_oxcmsg::Storage) -> Result<Vec<u8>> {
    tree::write_tree(&message::storage_node("Root Entry", s))
}

/// Compound-file bytes as an OLE [`Storage`](ms_oxcmsg::Storage).
pub fn cfb_to_storage(bytes: &[u8], limits: &Limits) -> Result<ms_oxcmsg::Storage> {
    let (cf, mut defects) = ms_cfb::CompoundFile::parse(bytes, limits)?;
    Ok(message::node_storage(&cf.tree_with_defects(&mut defects)?))
}

/// Prepares a message read from a .msg for formats that carry OLE storages
/// as PtypObject bytes (TNEF): every [`Attachment::storage`](ms_oxcmsg::Attachment)
/// becomes PidTagAttachDataObject = IID_IStorage + compound file.
pub fn storages_to_objects(m: &mut Message) -> Result<()> {
    storages_to_objects_at(m, 0)
}

fn storages_to_objects_at(m: &mut Message, depth: u32) -> Result<()> {
    if depth > message::MAX_WRITE_DEPTH {
        return Err(message::depth_error(depth));
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
/// Objects that do not parse are left as they are.
/// Embedded messages below `limits.max_depth` are left as they are.
pub fn objects_to_storages(m: &mut Message, limits: &Limits) {
    objects_to_storages_at(m, limits, limits.max_depth);
}

fn objects_to_storages_at(m: &mut Message, limits: &Limits, depth_left: u32) {
    if depth_left == 0 {
        return;
    }
    let obj = ms_oxcmsg::PropId::Tag(ms_oxprops::tags::PidTagAttachDataObject.id);
    for a in &mut m.attachments {
        let parsed = match a.properties.get_id(&obj) {
            Some(ms_oxcdata::PropertyValue::Object(b))
                if b.get(..16) == Some(&IID_ISTORAGE.to_le_bytes()[..]) =>
            {
                b.get(16..).and_then(|c| cfb_to_storage(c, limits).ok())
            }
            _ => None,
        };
        if let Some(s) = parsed {
            a.properties.remove(&obj);
            a.storage = Some(s);
        }
        if let Some(e) = &mut a.embedded {
            objects_to_storages_at(e, limits, depth_left - 1);
        }
    }
}
