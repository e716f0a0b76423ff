//! # ms-dtyp — [MS-DTYP] Windows data types used by Exchange formats
//!
//! The Windows data types that the Exchange protocol and file formats
//! embed, decoded and encoded with the msox contract ([`msox_codec::Decode`],
//! [`msox_codec::Encode`]).
//!
//! ```
//! use ms_dtyp::{FileTime, Guid};
//! use msox_codec::{Decode, Encode};
//!
//! let guid: Guid = "{00062008-0000-0000-C000-000000000046}".parse()?;
//! assert_eq!(Guid::decode_exact(&guid.to_vec()?)?, guid);
//!
//! let t = FileTime::decode_exact(&[0x00, 0x80, 0x3E, 0xD5, 0xDE, 0xB1, 0x9D, 0x01])?;
//! assert_eq!(t.to_string(), "1970-01-01T00:00:00Z");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.3.3 | FILETIME | [`FileTime`] |
//! | 2.3.4.2 / 2.3.4.3 | GUID packet and string forms | [`Guid`] |
#![forbid(unsafe_code)]

pub mod filetime;
pub mod guid;

pub use filetime::FileTime;
pub use guid::{Guid, ParseGuidError};
