//! # ms-dtyp — [MS-DTYP] Windows data types used by Exchange formats
//!
//! The Windows data types that the Exchange protocol and file formats
//! embed, decoded and encoded with the msox contract ([`msox_codec::Decode`],
//! [`msox_codec::Encode`]): GUIDs and FILETIMEs everywhere, SYSTEMTIMEs in
//! time-zone rules, and the security types (SID, ACE, ACL,
//! SECURITY_DESCRIPTOR) in folder permissions (`PidTagNTSecurityDescriptor`,
//! free/busy security descriptors), address book entries and delegate
//! settings.
//!
//! Every type round-trips byte for byte: reserved fields, unknown flag
//! bits, unknown ACE types, padding inside ACEs and ACLs, and the order
//! and gaps of a security descriptor's parts are kept.
//!
//! ```
//! use ms_dtyp::{FileTime, Guid, SecurityDescriptor, Sid, well_known};
//! use msox_codec::{Decode, Encode};
//!
//! let guid: Guid = "{00062008-0000-0000-C000-000000000046}".parse()?;
//! assert_eq!(Guid::decode_exact(&guid.to_vec()?)?, guid);
//!
//! let t = FileTime::decode_exact(&[0x00, 0x80, 0x3E, 0xD5, 0xDE, 0xB1, 0x9D, 0x01])?;
//! assert_eq!(t.to_string(), "1970-01-01T00:00:00Z");
//!
//! let sid: Sid = "S-1-5-21-1-2-3-513".parse()?;
//! assert_eq!(well_known::name(&sid), Some("DOMAIN_USERS"));
//!
//! // [MS-DTYP] 2.5.1.4: O:BAG:BAD:P(A;CIOI;GRGX;;;BU)(A;CIOI;GA;;;BA)
//! //                    (A;CIOI;GA;;;SY)(A;CIOI;GA;;;CO)S:P(AU;FA;GR;;;WD)
//! let hex = "01 00 14 b0 90 00 00 00 a0 00 00 00 14 00 00 00 30 00 00 00 02 00 1c 00
//!            01 00 00 00 02 80 14 00 00 00 00 80 01 01 00 00 00 00 00 01 00 00 00 00
//!            02 00 60 00 04 00 00 00 00 03 18 00 00 00 00 a0 01 02 00 00 00 00 00 05
//!            20 00 00 00 21 02 00 00 00 03 18 00 00 00 00 10 01 02 00 00 00 00 00 05
//!            20 00 00 00 20 02 00 00 00 03 14 00 00 00 00 10 01 01 00 00 00 00 00 05
//!            12 00 00 00 00 03 14 00 00 00 00 10 01 01 00 00 00 00 00 03 00 00 00 00
//!            01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00
//!            01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00";
//! let bytes = msox_codec::hex::decode(hex)?;
//! let sd = SecurityDescriptor::decode_exact(&bytes)?;
//! assert_eq!(sd.owner, Some(well_known::BUILTIN_ADMINISTRATORS));
//! let dacl = sd.dacl.as_ref().unwrap();
//! assert_eq!(dacl.aces.len(), 4);
//! assert_eq!(dacl.aces[0].sid(), Some(&well_known::BUILTIN_USERS));
//! assert_eq!(sd.to_vec()?, bytes);
//!
//! // Bad input is an error with a byte offset and a structure path:
//! let mut bad = bytes.clone();
//! bad[0x31] = 0x01; // the DACL's Sbz1: fine, kept as read
//! bad[0x34] = 0xFF; // the DACL's AceCount low byte: 0x00FF ACEs
//! let err = SecurityDescriptor::decode_exact(&bad).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "AceCount 255 exceeds the limit 22 at byte 56 in SECURITY_DESCRIPTOR > Dacl > ACL"
//! );
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.3.3 | FILETIME | [`FileTime`] |
//! | 2.3.4.2 / 2.3.4.3 | GUID packet and string forms | [`Guid`] |
//! | 2.3.4.1 | GUID RPC IDL representation | not applicable (RPC marshalling) |
//! | 2.3.13 | SYSTEMTIME | [`SystemTime`] |
//! | 2.4.1 | SID_IDENTIFIER_AUTHORITY | [`IdentifierAuthority`] |
//! | 2.4.2.1 | SID string format | [`Sid`] `Display` / `FromStr` |
//! | 2.4.2.2 | SID packet representation | [`Sid`] |
//! | 2.4.2.3, 2.4.4.1.1, 2.4.5.1, 2.4.6.1 | RPC representations | not applicable (RPC marshalling) |
//! | 2.4.2.4 | well-known SIDs | [`well_known`] (fixed SIDs and domain RIDs) |
//! | 2.4.3 | ACCESS_MASK | [`AccessMask`] |
//! | 2.4.4.1 | ACE_HEADER | [`AceHeader`], [`AceType`], [`AceFlags`] |
//! | 2.4.4.2-2.4.4.14 | allowed / denied / audit / alarm, object, callback, callback object, mandatory label ACEs | [`Ace`], [`AceBody`], [`ObjectAceData`] |
//! | 2.4.4.15 | SYSTEM_RESOURCE_ATTRIBUTE_ACE | [`AceBody::ResourceAttribute`]; the CLAIM_SECURITY_ATTRIBUTE_RELATIVE_V1 (2.4.10.1) is kept as bytes, not yet parsed |
//! | 2.4.4.16 | SYSTEM_SCOPED_POLICY_ID_ACE | [`AceBody::Basic`] |
//! | 2.4.4.17 | conditional ACE expressions | detected ([`Ace::is_conditional`]); the expression is kept as ApplicationData bytes, not yet parsed |
//! | 2.4.5 | ACL | [`Acl`] |
//! | 2.4.6 | SECURITY_DESCRIPTOR, self-relative | [`SecurityDescriptor`] |
//! | 2.4.6 | SECURITY_DESCRIPTOR, absolute | not applicable (in-memory pointers) |
//! | 2.4.7-2.4.10 | SECURITY_INFORMATION, TOKEN_MANDATORY_POLICY, MANDATORY_INFORMATION, CLAIM_SECURITY_ATTRIBUTE | not yet |
//! | 2.5.1 | SDDL | not yet |
//! | 2.5.2, 2.5.3 | access check and inheritance algorithms | not applicable (no access checks here) |
//! | 2.1, 2.2, other 2.3 | base types (DWORD, LCID, ...) | not applicable (plain integers) |
#![forbid(unsafe_code)]

pub mod access_mask;
pub mod ace;
pub mod acl;
pub mod filetime;
pub mod guid;
pub mod security_descriptor;
pub mod sid;
pub mod systemtime;

pub use access_mask::AccessMask;
pub use ace::{
    ACE_CONDITION_SIGNATURE, Ace, AceBody, AceFlags, AceHeader, AceLayout, AceType, ObjectAceData,
    ObjectAceFlags,
};
pub use acl::{Acl, AclRevision};
pub use filetime::FileTime;
pub use guid::{Guid, ParseGuidError};
pub use security_descriptor::{
    Fill, SecurityDescriptor, SecurityDescriptorControl, SecurityDescriptorLayout,
};
pub use sid::{IdentifierAuthority, ParseSidError, Sid, well_known};
pub use systemtime::SystemTime;
