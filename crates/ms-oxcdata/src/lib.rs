//! # ms-oxcdata — [MS-OXCDATA] Data Structures
//!
//! The MAPI data structures every higher Exchange protocol and file format
//! speaks: property tags, types and values, named properties, rows, IDs,
//! EntryIDs, restrictions, sort orders, error codes.
//!
//! ```
//! use ms_oxcdata::{PropertyTag, PropertyType};
//! use msox_codec::Decode;
//! let tag = PropertyTag::decode_exact(&[0x1F, 0x00, 0x37, 0x00])?;
//! assert_eq!(tag.id, 0x0037);
//! assert_eq!(tag.prop_type, PropertyType::String);
//! assert_eq!(tag.prop_type.name(), Some("PtypString"));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.9 | PropertyTag | [`PropertyTag`] |
//! | 2.11.1 | property data types | [`PropertyType`], value model [`PropertyValue`] |
//! | 2.6.1 | PropertyName (model) | [`PropertyName`] |
#![forbid(unsafe_code)]

pub mod property;

pub use property::{NameId, PropertyName, PropertyTag, PropertyType, PropertyValue, TaggedValue};
