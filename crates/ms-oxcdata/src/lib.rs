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
#![forbid(unsafe_code)]

pub mod entryid;
pub mod error_code;
pub mod ids;
pub mod name;
pub mod problem;
pub mod property;
pub mod recipient;
pub mod restriction;
pub mod row;
pub mod value;

pub use entryid::{
    AddressBookEntryId, AddressBookEntryIdType, ContactEntryId, EntryId, FolderEntryId,
    MessageEntryId, OneOffEntryId, StoreObjectEntryId, StoreObjectType, WrappedEntryId,
};
pub use error_code::ErrorCode;
pub use ids::{FolderId, GlobalCounter, LongTermId, LongTermIdRange, MessageId, ServerId};
pub use name::{PropertyNameEntry, PropertyNameR};
pub use problem::{PropertyProblem, PropertyProblemArray};
pub use property::{NameId, PropertyName, PropertyTag, PropertyType, PropertyValue, TaggedValue};
pub use recipient::{DistributionListIds, RecipientAddressType, RecipientRow, X500Address};
pub use restriction::{
    BitmapRelOp, BitmaskRestriction, CommentRestriction, ComparePropertiesRestriction,
    ContentRestriction, CountRestriction, FuzzyLevelLow, PropertyRestriction, RelOp, RestrictType,
    Restriction, SizeRestriction, SortOrder, SortOrderKind, SortOrderSet, SubObjectRestriction,
};
pub use row::{PropertyRow, PropertyRowSet, RowContext};
pub use value::{
    FlaggedPropertyValue, FlaggedPropertyValueWithType, MapiString, PropertyTagArray,
    TaggedPropertyValue, TypedPropertyValue, TypedString, ValueContext,
};
