//! [MS-OXCDATA] 2.2.4-2.2.5 EntryIDs, and the WrappedEntryId of
//! [MS-OXOCNTC] 2.2.2.2.4.1.1.
//!
//! Every EntryID starts with Flags (4 bytes) and a ProviderUID (16 bytes);
//! [`EntryId::decode`] recognises the kind from the provider UID (and, for
//! folder and message EntryIDs, whose UID is a mailbox GUID, from the size
//! and type field) and keeps any other EntryID as [`EntryId::Unknown`], so
//! every byte string round-trips.

use std::fmt;

use ms_dtyp::Guid;
use msox_codec::bytes::BufMut;
use msox_codec::{CodePage, Decode, Encode, Reader, Result, String8};

use crate::ids::GlobalCounter;
use crate::value::{MapiString, write_string8};

/// Provider UIDs that identify EntryID kinds, as GUIDs (the 16 wire bytes
/// in [`Guid::from_le_bytes`] order).
pub mod provider_uid {
    use ms_dtyp::Guid;

    /// [MS-OXCDATA] 2.2.4.3: the Store Object EntryID's ProviderUID
    /// (muidStoreWrap), %x38.A1.BB.10.05.E5.10.1A.A1.BB.08.00.2B.2A.56.C2.
    pub const STORE_WRAP: Guid = Guid::from_le_bytes([
        0x38, 0xA1, 0xBB, 0x10, 0x05, 0xE5, 0x10, 0x1A, 0xA1, 0xBB, 0x08, 0x00, 0x2B, 0x2A, 0x56,
        0xC2,
    ]);
    /// [MS-OXCDATA] 2.2.4.1: the ProviderUID of folders and messages in the
    /// public store, %x1A.44.73.90.AA.66.11.CD.9B.C8.00.AA.00.2F.C4.5A.
    pub const PUBLIC_FOLDER: Guid = Guid::from_le_bytes([
        0x1A, 0x44, 0x73, 0x90, 0xAA, 0x66, 0x11, 0xCD, 0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4,
        0x5A,
    ]);
    /// [MS-OXCDATA] 2.2.4.3: WrappedProviderUID of a mailbox store,
    /// %x1B.55.FA.20.AA.66.11.CD.9B.C8.00.AA.00.2F.C4.5A.
    pub const MAILBOX_STORE: Guid = Guid::from_le_bytes([
        0x1B, 0x55, 0xFA, 0x20, 0xAA, 0x66, 0x11, 0xCD, 0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4,
        0x5A,
    ]);
    /// [MS-OXCDATA] 2.2.4.3: WrappedProviderUID of a public folder store,
    /// %x1C.83.02.10.AA.66.11.CD.9B.C8.00.AA.00.2F.C4.5A.
    pub const PUBLIC_STORE: Guid = Guid::from_le_bytes([
        0x1C, 0x83, 0x02, 0x10, 0xAA, 0x66, 0x11, 0xCD, 0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4,
        0x5A,
    ]);
    /// [MS-OXCDATA] 2.2.5.2: Address Book EntryID ProviderUID,
    /// %xDC.A7.40.C8.C0.42.10.1A.B4.B9.08.00.2B.2F.E1.82.
    pub const ADDRESS_BOOK: Guid = Guid::from_le_bytes([
        0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A, 0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1,
        0x82,
    ]);
    /// [MS-OXCDATA] 2.2.5.1: One-Off EntryID ProviderUID,
    /// %x81.2B.1F.A4.BE.A3.10.19.9D.6E.00.DD.01.0F.54.02.
    pub const ONE_OFF: Guid = Guid::from_le_bytes([
        0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19, 0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54,
        0x02,
    ]);
    /// [MS-OXCDATA] 2.2.5.3 / 2.2.5.4: Contact Address and Personal
    /// Distribution List EntryID ProviderUID,
    /// %xFE.42.AA.0A.18.C7.1A.10.E8.85.0B.65.1C.24.00.00.
    pub const CONTACT: Guid = Guid::from_le_bytes([
        0xFE, 0x42, 0xAA, 0x0A, 0x18, 0xC7, 0x1A, 0x10, 0xE8, 0x85, 0x0B, 0x65, 0x1C, 0x24, 0x00,
        0x00,
    ]);
    /// [MS-OXOCNTC] 2.2.2.2.4.1.1: WrappedEntryId ProviderUID,
    /// %xC0.91.AD.D3.51.9D.CF.11.A4.A9.00.AA.00.47.FA.A4.
    pub const WRAPPED: Guid = Guid::from_le_bytes([
        0xC0, 0x91, 0xAD, 0xD3, 0x51, 0x9D, 0xCF, 0x11, 0xA4, 0xA9, 0x00, 0xAA, 0x00, 0x47, 0xFA,
        0xA4,
    ]);
}

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.2.4 Messaging Object EntryIDs: the Store object
    /// types of the FolderType / MessageType fields.
    pub enum StoreObjectType: u16 {
        /// A private (mailbox) folder.
        PrivateFolder = 0x0001 => "eitLTPrivateFolder",
        /// A public folder.
        PublicFolder = 0x0003 => "eitLTPublicFolder",
        /// A mapped public folder.
        MappedPublicFolder = 0x0005 => "eitLTWackyFolder",
        /// A private (mailbox) message.
        PrivateMessage = 0x0007 => "eitLTPrivateMessage",
        /// A public folder message.
        PublicMessage = 0x0009 => "eitLTPublicMessage",
        /// A mapped public folder message.
        MappedPublicMessage = 0x000B => "eitLTWackyMessage",
        /// A public newsgroup folder.
        PublicNewsgroupFolder = 0x000C => "eitLTPublicFolderByName",
    }
}

impl StoreObjectType {
    /// Whether this is a folder type.
    pub const fn is_folder(self) -> bool {
        matches!(
            self,
            StoreObjectType::PrivateFolder
                | StoreObjectType::PublicFolder
                | StoreObjectType::MappedPublicFolder
                | StoreObjectType::PublicNewsgroupFolder
        )
    }

    /// Whether this is a message type.
    pub const fn is_message(self) -> bool {
        matches!(
            self,
            StoreObjectType::PrivateMessage
                | StoreObjectType::PublicMessage
                | StoreObjectType::MappedPublicMessage
        )
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.2.5.2 Address Book EntryID: the Type field.
    pub enum AddressBookEntryIdType: u32 {
        /// Local mail user.
        LocalMailUser = 0x0000_0000 => "DT_MAILUSER",
        /// Distribution list.
        DistributionList = 0x0000_0001 => "DT_DISTLIST",
        /// Bulletin board or public folder.
        BulletinBoard = 0x0000_0002 => "DT_FORUM",
        /// Automated mailbox.
        AutomatedMailbox = 0x0000_0003 => "DT_AGENT",
        /// Organizational mailbox.
        OrganizationalMailbox = 0x0000_0004 => "DT_ORGANIZATION",
        /// Private distribution list.
        PrivateDistributionList = 0x0000_0005 => "DT_PRIVATE_DISTLIST",
        /// Remote mail user.
        RemoteMailUser = 0x0000_0006 => "DT_REMOTE_MAILUSER",
        /// Container.
        Container = 0x0000_0100 => "DT_CONTAINER",
        /// Template.
        Template = 0x0000_0101 => "DT_TEMPLATE",
        /// One-off user.
        OneOffUser = 0x0000_0102 => "DT_ADDRESS_TEMPLATE",
        /// Search.
        Search = 0x0000_0200 => "DT_SEARCH",
    }
}

/// [MS-OXCDATA] 2.2.4.1 Folder EntryID Structure (46 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FolderEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// Provider UID: the mailbox GUID, or [`provider_uid::PUBLIC_FOLDER`].
    pub provider_uid: Guid,
    /// FolderType.
    pub folder_type: StoreObjectType,
    /// DatabaseGuid: the store of the folder.
    pub database_guid: Guid,
    /// GlobalCounter: the folder within that store.
    pub global_counter: GlobalCounter,
    /// Pad (zero per the spec; kept as read).
    pub pad: u16,
}

/// [MS-OXCDATA] 2.2.4.2 Message EntryID Structure (70 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MessageEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// ProviderUID: the mailbox GUID, or [`provider_uid::PUBLIC_FOLDER`].
    pub provider_uid: Guid,
    /// MessageType.
    pub message_type: StoreObjectType,
    /// FolderDatabaseGuid: the store of the containing folder.
    pub folder_database_guid: Guid,
    /// FolderGlobalCounter: the containing folder.
    pub folder_global_counter: GlobalCounter,
    /// Pad after the folder counter (kept as read).
    pub pad1: u16,
    /// MessageDatabaseGuid: the store of the message.
    pub message_database_guid: Guid,
    /// MessageGlobalCounter: the message.
    pub message_global_counter: GlobalCounter,
    /// Pad after the message counter (kept as read).
    pub pad2: u16,
}

/// [MS-OXCDATA] 2.2.4.3 Store Object EntryID Structure: a mailbox or
/// public folder store, wrapped by the store-wrap provider
/// ([`provider_uid::STORE_WRAP`]) around emsmdb.dll's own entry ID.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StoreObjectEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// Version (zero per the spec; kept as read).
    pub version: u8,
    /// Flag (zero per the spec; kept as read).
    pub flag: u8,
    /// DLLFileName: `EMSMDB.DLL` padded with zeros to 14 bytes.
    pub dll_file_name: [u8; 14],
    /// WrappedFlags (zero per the spec; kept as read).
    pub wrapped_flags: u32,
    /// WrappedProvider UID: [`provider_uid::MAILBOX_STORE`] or
    /// [`provider_uid::PUBLIC_STORE`].
    pub wrapped_provider_uid: Guid,
    /// WrappedType: 0x0000000C for a mailbox, 0x00000006 for a public store.
    pub wrapped_type: u32,
    /// ServerShortname: the server's short (NetBIOS) name.
    pub server_shortname: String8,
    /// MailboxDN: the X500 DN of the mailbox (mailbox stores only).
    pub mailbox_dn: Option<String8>,
    /// Bytes after the defined fields, kept as read (newer servers append
    /// an extension here that starts with the magic 0xF32135D8 or
    /// 0xF43246E9 and carries the server DN and FQDN).
    pub extension: Vec<u8>,
}

/// The DLLFileName of [MS-OXCDATA] 2.2.4.3: "EMSMDB.DLL" and four zeros.
pub const EMSMDB_DLL: [u8; 14] = *b"EMSMDB.DLL\0\0\0\0";

const STORE_EID_V2_MAGIC: [u8; 4] = 0xF321_35D8_u32.to_le_bytes();
const STORE_EID_V3_MAGIC: [u8; 4] = 0xF432_46E9_u32.to_le_bytes();

impl StoreObjectEntryId {
    /// A mailbox store EntryID for `server` and the mailbox `dn`.
    pub fn mailbox(server: &str, dn: &str) -> Self {
        StoreObjectEntryId {
            flags: 0,
            version: 0,
            flag: 0,
            dll_file_name: EMSMDB_DLL,
            wrapped_flags: 0,
            wrapped_provider_uid: provider_uid::MAILBOX_STORE,
            wrapped_type: 0x0C,
            server_shortname: String8::new(server.as_bytes(), CodePage::WINDOWS_1252),
            mailbox_dn: Some(String8::new(dn.as_bytes(), CodePage::WINDOWS_1252)),
            extension: Vec::new(),
        }
    }
}

/// [MS-OXCDATA] 2.2.5.2 Address Book EntryID Structure: a user,
/// distribution list, container or template in the address book.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressBookEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// Version (1 per the spec; kept as read).
    pub version: u32,
    /// Type of the object.
    pub ab_type: AddressBookEntryIdType,
    /// X500DN: the object's X500 DN (8-bit, null-terminated).
    pub x500_dn: String8,
    /// Bytes after the X500DN's terminator, kept as read (address book
    /// containers have been seen with data there).
    pub trailing: Vec<u8>,
}

/// [MS-OXCDATA] 2.2.5.1 One-Off EntryID Structure: a recipient that is not
/// in the directory, with its display name, address type and address.
///
/// The 16-bit word after Version holds Pad, MAE, Format, M, U, R, L as
/// little-endian bit masks ([`OneOffEntryId::UNICODE`] etc.); it is kept
/// whole so reserved bits round-trip. The strings are UTF-16 when the U
/// bit is set, 8-bit otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OneOffEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// Version (zero per the spec; kept as read).
    pub version: u16,
    /// The Pad/MAE/Format/M/U/R/L word.
    pub bits: u16,
    /// DisplayName.
    pub display_name: MapiString,
    /// AddressType (`SMTP`, `EX`, ...).
    pub address_type: MapiString,
    /// EmailAddress.
    pub email_address: MapiString,
}

impl OneOffEntryId {
    /// U: the strings are UTF-16LE (MAPI_ONE_OFF_UNICODE).
    pub const UNICODE: u16 = 0x8000;
    /// M: send pure MIME rather than TNEF (MAPI_ONE_OFF_NO_RICH_INFO).
    pub const MIME: u16 = 0x0001;
    /// L: the server does not look the address up in the address book.
    pub const DONT_LOOKUP: u16 = 0x1000;
    /// Format field (TextOnly 0x0006, HtmlOnly 0x000E, TextAndHtml 0x0016).
    pub const FORMAT_MASK: u16 = 0x001E;
    /// MAE field (BinHex 0x0000, UUENCODE 0x0020, AppleSingle 0x0040,
    /// AppleDouble 0x0060).
    pub const MAE_MASK: u16 = 0x0060;

    /// A Unicode one-off recipient sent as MIME (what Outlook writes for
    /// an SMTP address typed by hand).
    pub fn new(display_name: &str, address_type: &str, email_address: &str) -> Self {
        let u = |s: &str| MapiString::Unicode(s.into());
        OneOffEntryId {
            flags: 0,
            version: 0,
            bits: Self::UNICODE | Self::MIME,
            display_name: u(display_name),
            address_type: u(address_type),
            email_address: u(email_address),
        }
    }

    /// Whether the strings are UTF-16 (the U bit).
    pub const fn is_unicode(&self) -> bool {
        self.bits & Self::UNICODE != 0
    }
}

/// [MS-OXCDATA] 2.2.5.3 Contact Address EntryID and 2.2.5.4 Personal
/// Distribution List EntryID: Version, Type (4 for a contact address, 5 for
/// a personal distribution list; given by the [`EntryId`] variant), Index,
/// EntryIdCount and the EntryID of the Contact or Distribution List message.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContactEntryId {
    /// Flags (zero for a long-term EntryID).
    pub flags: u32,
    /// Version (3 per the spec; kept as read).
    pub version: u32,
    /// Index: 0-2 Email1-3, 3-5 Fax1-3 for a contact address; 0xFF for a
    /// personal distribution list.
    pub index: u32,
    /// EntryIdBytes: the Message EntryID of the contact or list.
    pub entry_id: Vec<u8>,
    /// Bytes after EntryIdBytes, kept as read (Outlook has been seen to
    /// write one to three more bytes).
    pub trailing: Vec<u8>,
}

impl ContactEntryId {
    /// The EntryID of the contact or list message, decoded.
    pub fn inner(&self) -> Result<EntryId> {
        EntryId::decode_exact(&self.entry_id)
    }
}

/// [MS-OXOCNTC] 2.2.2.2.4.1.1 WrappedEntryId Structure: the EntryID of a
/// member of a personal distribution list, wrapping another EntryID.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WrappedEntryId {
    /// Flags (zero per the spec; kept as read).
    pub flags: u32,
    /// Type: the kind of the embedded EntryID in the low 4 bits (0 one-off,
    /// 3 contact, 4 personal distribution list, 5 GAL user, 6 GAL list),
    /// an address index in bits 0x70, and bit 0x80.
    pub wrapped_type: u8,
    /// EmbeddedEntryID.
    pub embedded: Vec<u8>,
}

impl WrappedEntryId {
    /// The kind of the embedded EntryID (the low 4 bits of Type).
    pub const fn embedded_kind(&self) -> u8 {
        self.wrapped_type & 0x0F
    }

    /// The embedded EntryID, decoded.
    pub fn inner(&self) -> Result<EntryId> {
        EntryId::decode_exact(&self.embedded)
    }
}

/// An EntryID ([MS-OXCDATA] 2.2.4, 2.2.5; [MS-OXOCNTC] 2.2.2.2.4.1.1),
/// recognised by its provider UID.
///
/// ```
/// use ms_oxcdata::EntryId;
/// use msox_codec::{Decode, Encode};
/// let oneoff = ms_oxcdata::OneOffEntryId::new("Ann", "SMTP", "ann@example.com");
/// let bytes = EntryId::OneOff(oneoff).to_vec().unwrap();
/// let back = EntryId::decode_exact(&bytes).unwrap();
/// assert_eq!(back.kind_name(), "One-Off EntryID");
/// assert_eq!(back.to_vec().unwrap(), bytes);
/// // Anything unrecognised is kept byte for byte.
/// let odd = EntryId::parse(&[0x11, 0x22, 0x33]);
/// assert_eq!(odd, EntryId::Unknown(vec![0x11, 0x22, 0x33]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum EntryId {
    /// 2.2.4.1 Folder EntryID.
    Folder(FolderEntryId),
    /// 2.2.4.2 Message EntryID.
    Message(MessageEntryId),
    /// 2.2.4.3 Store Object EntryID.
    StoreObject(StoreObjectEntryId),
    /// 2.2.5.2 Address Book EntryID.
    AddressBook(AddressBookEntryId),
    /// 2.2.5.1 One-Off EntryID.
    OneOff(OneOffEntryId),
    /// 2.2.5.3 Contact Address EntryID (Type 4).
    ContactAddress(ContactEntryId),
    /// 2.2.5.4 Personal Distribution List EntryID (Type 5).
    PersonalDistributionList(ContactEntryId),
    /// [MS-OXOCNTC] 2.2.2.2.4.1.1 WrappedEntryId.
    Wrapped(WrappedEntryId),
    /// Any other EntryID (a general EntryID of another provider, or bytes
    /// too short to be one), kept as read.
    Unknown(Vec<u8>),
}

fn read_head(r: &mut Reader<'_>) -> Result<(u32, Guid)> {
    Ok((r.u32()?, r.decode()?))
}

fn read_cstr(r: &mut Reader<'_>) -> Result<String8> {
    String8::read_nul_terminated(r, CodePage::WINDOWS_1252)
}

impl EntryId {
    /// Decodes an EntryID from all of `bytes`, falling back to
    /// [`EntryId::Unknown`] when a recognised kind does not parse (so the
    /// bytes are always kept). [`Decode::decode_exact`] reports the error
    /// instead.
    pub fn parse(bytes: &[u8]) -> EntryId {
        EntryId::decode_exact(bytes).unwrap_or_else(|_| EntryId::Unknown(bytes.to_vec()))
    }

    /// A short name of the kind (`"Folder EntryID"`, `"One-Off EntryID"`, ...).
    pub const fn kind_name(&self) -> &'static str {
        match self {
            EntryId::Folder(_) => "Folder EntryID",
            EntryId::Message(_) => "Message EntryID",
            EntryId::StoreObject(_) => "Store Object EntryID",
            EntryId::AddressBook(_) => "Address Book EntryID",
            EntryId::OneOff(_) => "One-Off EntryID",
            EntryId::ContactAddress(_) => "Contact Address EntryID",
            EntryId::PersonalDistributionList(_) => "Personal Distribution List EntryID",
            EntryId::Wrapped(_) => "WrappedEntryId",
            EntryId::Unknown(_) => "unrecognised EntryID",
        }
    }

    /// The Flags field (the first 4 bytes), when present.
    pub fn flags(&self) -> Option<u32> {
        Some(match self {
            EntryId::Folder(e) => e.flags,
            EntryId::Message(e) => e.flags,
            EntryId::StoreObject(e) => e.flags,
            EntryId::AddressBook(e) => e.flags,
            EntryId::OneOff(e) => e.flags,
            EntryId::ContactAddress(e) | EntryId::PersonalDistributionList(e) => e.flags,
            EntryId::Wrapped(e) => e.flags,
            EntryId::Unknown(b) => u32::from_le_bytes(b.get(..4)?.try_into().ok()?),
        })
    }

    /// The ProviderUID (bytes 4-19), when present.
    pub fn provider_uid(&self) -> Option<Guid> {
        Some(match self {
            EntryId::Folder(e) => e.provider_uid,
            EntryId::Message(e) => e.provider_uid,
            EntryId::StoreObject(_) => provider_uid::STORE_WRAP,
            EntryId::AddressBook(_) => provider_uid::ADDRESS_BOOK,
            EntryId::OneOff(_) => provider_uid::ONE_OFF,
            EntryId::ContactAddress(_) | EntryId::PersonalDistributionList(_) => {
                provider_uid::CONTACT
            }
            EntryId::Wrapped(_) => provider_uid::WRAPPED,
            EntryId::Unknown(b) => Guid::from_le_bytes(b.get(4..20)?.try_into().ok()?),
        })
    }

    fn read_kind(r: &mut Reader<'_>) -> Result<EntryId> {
        let start = r.pos();
        let total = r.remaining();
        if total < 20 {
            return Ok(EntryId::Unknown(r.take_rest().to_vec()));
        }
        let (flags, uid) = read_head(r)?;
        Ok(if uid == provider_uid::STORE_WRAP {
            EntryId::StoreObject(r.frame("Store Object EntryID", |r| read_store(r, flags))?)
        } else if uid == provider_uid::ADDRESS_BOOK {
            EntryId::AddressBook(r.frame("Address Book EntryID", |r| {
                Ok(AddressBookEntryId {
                    flags,
                    version: r.u32()?,
                    ab_type: AddressBookEntryIdType::from(r.u32()?),
                    x500_dn: read_cstr(r)?,
                    trailing: r.take_rest().to_vec(),
                })
            })?)
        } else if uid == provider_uid::ONE_OFF {
            EntryId::OneOff(r.frame("One-Off EntryID", |r| read_one_off(r, flags))?)
        } else if uid == provider_uid::CONTACT {
            let version = r.u32()?;
            let at = r.pos();
            let t = r.u32()?;
            let name = match t {
                4 => "Contact Address EntryID",
                5 => "Personal Distribution List EntryID",
                _ => {
                    return r.frame("Contact EntryID", |r| {
                        Err(r.invalid_at("Type", u64::from(t), at))
                    });
                }
            };
            let c = r.frame(name, |r| {
                let index = r.u32()?;
                let n = r.u32_usize()?;
                r.reserve_backed(n, "EntryIdBytes")?;
                Ok(ContactEntryId {
                    flags,
                    version,
                    index,
                    entry_id: r.bytes(n)?.to_vec(),
                    trailing: r.take_rest().to_vec(),
                })
            })?;
            if t == 4 {
                EntryId::ContactAddress(c)
            } else {
                EntryId::PersonalDistributionList(c)
            }
        } else if uid == provider_uid::WRAPPED {
            let wrapped_type = r.frame("WrappedEntryId", |r| r.u8())?;
            EntryId::Wrapped(WrappedEntryId {
                flags,
                wrapped_type,
                embedded: r.take_rest().to_vec(),
            })
        } else {
            let t = r
                .peek(2)
                .ok()
                .and_then(|b| <[u8; 2]>::try_from(b).ok())
                .map_or(0, u16::from_le_bytes);
            let t = StoreObjectType::from(t);
            if total == 46 && t.is_folder() {
                EntryId::Folder(FolderEntryId {
                    flags,
                    provider_uid: uid,
                    folder_type: StoreObjectType::from(r.u16()?),
                    database_guid: r.decode()?,
                    global_counter: r.decode()?,
                    pad: r.u16()?,
                })
            } else if total == 70 && t.is_message() {
                EntryId::Message(MessageEntryId {
                    flags,
                    provider_uid: uid,
                    message_type: StoreObjectType::from(r.u16()?),
                    folder_database_guid: r.decode()?,
                    folder_global_counter: r.decode()?,
                    pad1: r.u16()?,
                    message_database_guid: r.decode()?,
                    message_global_counter: r.decode()?,
                    pad2: r.u16()?,
                })
            } else {
                let _ = r.take_rest();
                EntryId::Unknown(r.since(start).to_vec())
            }
        })
    }
}

fn read_store(r: &mut Reader<'_>, flags: u32) -> Result<StoreObjectEntryId> {
    let version = r.u8()?;
    let flag = r.u8()?;
    let dll_file_name = r.array::<14>()?;
    let wrapped_flags = r.u32()?;
    let wrapped_provider_uid = r.decode()?;
    let wrapped_type = r.u32()?;
    let server_shortname = read_cstr(r)?;
    let rest = r.rest();
    let is_ext = rest.starts_with(&STORE_EID_V2_MAGIC) || rest.starts_with(&STORE_EID_V3_MAGIC);
    let mailbox_dn = if !is_ext && rest.contains(&0) {
        Some(read_cstr(r)?)
    } else {
        None
    };
    Ok(StoreObjectEntryId {
        flags,
        version,
        flag,
        dll_file_name,
        wrapped_flags,
        wrapped_provider_uid,
        wrapped_type,
        server_shortname,
        mailbox_dn,
        extension: r.take_rest().to_vec(),
    })
}

fn read_one_off(r: &mut Reader<'_>, flags: u32) -> Result<OneOffEntryId> {
    let version = r.u16()?;
    let bits = r.u16()?;
    let u = bits & OneOffEntryId::UNICODE != 0;
    let cp = CodePage::WINDOWS_1252;
    Ok(OneOffEntryId {
        flags,
        version,
        bits,
        display_name: MapiString::read(r, u, cp)?,
        address_type: MapiString::read(r, u, cp)?,
        email_address: MapiString::read(r, u, cp)?,
    })
}

/// Decodes an EntryID from all of `input` (an EntryID is always delimited
/// by its container: a PtypBinary value, an EntryIdSize field).
impl<'a> Decode<'a> for EntryId {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("EntryID", |r| {
            let v = EntryId::read_kind(r)?;
            r.expect_end()?;
            Ok(v)
        })
    }
}

fn cstr_len(s: &String8) -> usize {
    s.bytes().len() + 1
}

impl Encode for EntryId {
    fn encoded_len(&self) -> usize {
        20 + match self {
            EntryId::Folder(_) => 26,
            EntryId::Message(_) => 50,
            EntryId::StoreObject(s) => {
                1 + 1
                    + 14
                    + 4
                    + 16
                    + 4
                    + cstr_len(&s.server_shortname)
                    + s.mailbox_dn.as_ref().map_or(0, cstr_len)
                    + s.extension.len()
            }
            EntryId::AddressBook(a) => 8 + cstr_len(&a.x500_dn) + a.trailing.len(),
            EntryId::OneOff(o) => {
                4 + o.display_name.wire_len()
                    + o.address_type.wire_len()
                    + o.email_address.wire_len()
            }
            EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => {
                16 + c.entry_id.len() + c.trailing.len()
            }
            EntryId::Wrapped(w) => 1 + w.embedded.len(),
            EntryId::Unknown(b) => return b.len(),
        }
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if let EntryId::Unknown(b) = self {
            buf.put_slice(b);
            return Ok(());
        }
        buf.put_u32_le(self.flags().unwrap_or(0));
        self.provider_uid().unwrap_or(Guid::NIL).encode(buf)?;
        match self {
            EntryId::Folder(f) => {
                buf.put_u16_le(f.folder_type.value());
                f.database_guid.encode(buf)?;
                f.global_counter.encode(buf)?;
                buf.put_u16_le(f.pad);
            }
            EntryId::Message(m) => {
                buf.put_u16_le(m.message_type.value());
                m.folder_database_guid.encode(buf)?;
                m.folder_global_counter.encode(buf)?;
                buf.put_u16_le(m.pad1);
                m.message_database_guid.encode(buf)?;
                m.message_global_counter.encode(buf)?;
                buf.put_u16_le(m.pad2);
            }
            EntryId::StoreObject(s) => {
                buf.put_u8(s.version);
                buf.put_u8(s.flag);
                buf.put_slice(&s.dll_file_name);
                buf.put_u32_le(s.wrapped_flags);
                s.wrapped_provider_uid.encode(buf)?;
                buf.put_u32_le(s.wrapped_type);
                write_string8(&s.server_shortname, "ServerShortname", buf)?;
                if let Some(dn) = &s.mailbox_dn {
                    write_string8(dn, "MailboxDN", buf)?;
                }
                buf.put_slice(&s.extension);
            }
            EntryId::AddressBook(a) => {
                buf.put_u32_le(a.version);
                buf.put_u32_le(a.ab_type.value());
                write_string8(&a.x500_dn, "X500DN", buf)?;
                buf.put_slice(&a.trailing);
            }
            EntryId::OneOff(o) => {
                buf.put_u16_le(o.version);
                buf.put_u16_le(o.bits);
                let u = o.is_unicode();
                o.display_name.write(u, "DisplayName", buf)?;
                o.address_type.write(u, "AddressType", buf)?;
                o.email_address.write(u, "EmailAddress", buf)?;
            }
            EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => {
                buf.put_u32_le(c.version);
                buf.put_u32_le(if matches!(self, EntryId::ContactAddress(_)) {
                    4
                } else {
                    5
                });
                buf.put_u32_le(c.index);
                buf.put_u32_le(msox_codec::fit_u32(c.entry_id.len(), "EntryIdCount")?);
                buf.put_slice(&c.entry_id);
                buf.put_slice(&c.trailing);
            }
            EntryId::Wrapped(w) => {
                buf.put_u8(w.wrapped_type);
                buf.put_slice(&w.embedded);
            }
            EntryId::Unknown(_) => {}
        }
        Ok(())
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntryId::Folder(e) => write!(
                f,
                "{} {} {{{}}} {}",
                self.kind_name(),
                e.folder_type,
                e.database_guid,
                e.global_counter
            ),
            EntryId::Message(e) => write!(
                f,
                "{} {} folder {{{}}} {} message {{{}}} {}",
                self.kind_name(),
                e.message_type,
                e.folder_database_guid,
                e.folder_global_counter,
                e.message_database_guid,
                e.message_global_counter
            ),
            EntryId::StoreObject(e) => write!(
                f,
                "{} server {} {}",
                self.kind_name(),
                e.server_shortname,
                e.mailbox_dn
                    .as_ref()
                    .map_or_else(|| "(public)".to_string(), |d| d.to_string())
            ),
            EntryId::AddressBook(e) => {
                write!(f, "{} {} {}", self.kind_name(), e.ab_type, e.x500_dn)
            }
            EntryId::OneOff(e) => write!(
                f,
                "{} {:?} {}:{}",
                self.kind_name(),
                e.display_name.to_string_lossy(),
                e.address_type,
                e.email_address
            ),
            EntryId::ContactAddress(e) | EntryId::PersonalDistributionList(e) => write!(
                f,
                "{} index {} of a {}",
                self.kind_name(),
                e.index,
                EntryId::parse(&e.entry_id).kind_name()
            ),
            EntryId::Wrapped(e) => write!(
                f,
                "{} type 0x{:02X} of a {}",
                self.kind_name(),
                e.wrapped_type,
                EntryId::parse(&e.embedded).kind_name()
            ),
            EntryId::Unknown(b) => write!(
                f,
                "{} ({} bytes) {}",
                self.kind_name(),
                b.len(),
                msox_codec::hex::encode(b)
            ),
        }
    }
}

/// [MS-OXCDATA] 2.2.4 the general EntryID structure every EntryID shares:
/// Flags (4 bytes), ProviderUID (16 bytes), then provider-specific data.
/// A typed view of any EntryID, including the ones [`EntryId`] does not
/// recognise.
///
/// ```
/// use ms_oxcdata::entryid::GeneralEntryId;
/// use msox_codec::{Decode, Encode};
/// let mut b = vec![0, 0, 0, 0];
/// b.extend_from_slice(&[0xAB; 16]);
/// b.extend_from_slice(b"data");
/// let g = GeneralEntryId::decode_exact(&b)?;
/// assert_eq!(g.provider_data, b"data");
/// assert_eq!(g.to_vec()?, b);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GeneralEntryId {
    /// Flags (abFlags): 0 for long-term EntryIDs.
    pub flags: u32,
    /// ProviderUID: which provider made the EntryID.
    pub provider_uid: Guid,
    /// ProviderData: the rest, as the provider defines it.
    pub provider_data: Vec<u8>,
}

impl<'a> Decode<'a> for GeneralEntryId {
    /// Reads the whole rest of the window as one EntryID.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("EntryID", |r| {
            let flags = r.u32()?;
            let provider_uid = r.decode()?;
            let rest = r.take_rest();
            r.reserve(rest.len(), "ProviderData")?;
            Ok(GeneralEntryId {
                flags,
                provider_uid,
                provider_data: rest.to_vec(),
            })
        })
    }
}

impl Encode for GeneralEntryId {
    fn encoded_len(&self) -> usize {
        20 + self.provider_data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.flags);
        self.provider_uid.encode(buf)?;
        buf.put_slice(&self.provider_data);
        Ok(())
    }
}

impl EntryId {
    /// The general structure of this EntryID (any kind), or `None` for
    /// one shorter than the 20 bytes of Flags and ProviderUID.
    pub fn general(&self) -> Option<GeneralEntryId> {
        let bytes = self.to_vec().ok()?;
        GeneralEntryId::decode_exact(&bytes).ok()
    }
}
