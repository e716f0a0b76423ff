//! # ms-oxcdata — [MS-OXCDATA] Data Structures
//!
//! The MAPI data structures every higher Exchange protocol and file format
//! speaks: property tags, types and values, named properties, rows, IDs,
//! EntryIDs, restrictions, sort orders, recipient rows, error codes. Decode
//! and encode, losslessly: reserved fields, pads, unknown enum values and
//! unrecognised EntryIDs survive a round trip byte for byte.
//!
//! Counts that are 16 bits in one buffer and 32 bits in another are never
//! guessed: a [`ValueContext`] says which ([`ValueContext::ROP`],
//! [`ValueContext::EXTENDED_RULE`], or any mix), rows take their column set
//! as a [`RowContext`], and recursion (restrictions, restrictions inside
//! property values) is bounded by the context's depth limit.
//!
//! ```
//! use ms_oxcdata::{EntryId, PropertyTag, PropertyType, PropertyValue, Restriction, RowContext,
//!                  PropertyRow, TaggedValue, ValueContext};
//! use msox_codec::{Decode, DecodeWith, EncodeWith};
//!
//! // A property tag, and a TaggedPropertyValue from a ROP buffer.
//! let tag = PropertyTag::decode_exact(&[0x1F, 0x00, 0x37, 0x00])?;
//! assert_eq!(tag.prop_type.name(), Some("PtypString"));
//! let subject = TaggedValue::decode_exact_with(
//!     &[0x1F, 0x00, 0x37, 0x00, b'H', 0, b'i', 0, 0, 0],
//!     ValueContext::ROP,
//! )?;
//! assert_eq!(subject.value.as_text().unwrap(), "Hi");
//!
//! // A row needs its columns.
//! let columns = [tag, PropertyTag::new(0x0E08, PropertyType::Integer32)];
//! let row = PropertyRow::decode_exact_with(
//!     &[0x00, b'H', 0, 0, 0, 0x10, 0, 0, 0],
//!     RowContext::rop(&columns),
//! )?;
//! assert_eq!(row.value(1), Some(&PropertyValue::Integer32(16)));
//!
//! // A restriction, in the 16-bit (ROP) form.
//! let r = Restriction::decode_exact_with(&[0x02, 0x08, 0x1F, 0x00, 0x37, 0x00], ValueContext::ROP)?;
//! assert_eq!(r.to_string(), "NOT(EXIST(0x0037001F))");
//! assert_eq!(r.to_vec_with(ValueContext::ROP)?, [0x02, 0x08, 0x1F, 0x00, 0x37, 0x00]);
//!
//! // Any EntryID: recognised by its provider UID, or kept as read.
//! let id = EntryId::parse(&[0xAB; 24]);
//! assert_eq!(id.kind_name(), "unrecognised EntryID");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.1.1 / 2.1.2 | AddressEntry, AddressList | [`AddressEntry`], [`AddressList`] |
//! | 2.2.1.1 / 2.2.1.2 | Folder ID, Message ID | [`FolderId`], [`MessageId`], [`GlobalCounter`] |
//! | 2.2.1.3 | Global Identifier (GID) | [`Gid`] |
//! | 2.2.1.3.1 / 2.2.1.3.2 | LongTermID, LongTermIdRange | [`LongTermId`], [`LongTermIdRange`] |
//! | 2.2.4 | store object types | [`StoreObjectType`] |
//! | 2.2.4.1 / 2.2.4.2 | Folder EntryID, Message EntryID | [`FolderEntryId`], [`MessageEntryId`] |
//! | 2.2.4.3 | Store Object EntryID (wrapped store entry ID) | [`StoreObjectEntryId`] |
//! | 2.2.5.1 | One-Off EntryID (Unicode and 8-bit) | [`OneOffEntryId`] |
//! | 2.2.5.2 | Address Book EntryID | [`AddressBookEntryId`], [`AddressBookEntryIdType`] |
//! | 2.2.5.3 / 2.2.5.4 | Contact Address, Personal Distribution List EntryID | [`ContactEntryId`] |
//! | [MS-OXOCNTC] 2.2.2.2.4.1.1 | WrappedEntryId | [`WrappedEntryId`] |
//! | 2.2.4-2.2.5 | recognising a kind, keeping unknown ones | [`EntryId`] |
//! | 2.4, 2.4.1-2.4.3 | error, property error and warning codes | [`ErrorCode`] (634 values) |
//! | 2.6.1 | PropertyName (Kind 0x00, 0x01, 0xFF) | [`PropertyName`], [`PropertyNameEntry`] |
//! | 2.6.2 | PropertyName_r | [`PropertyNameR`] |
//! | 2.7 | PropertyProblem | [`PropertyProblem`], [`PropertyProblemArray`] |
//! | 2.8.1.1 / 2.8.1.2 | StandardPropertyRow, FlaggedPropertyRow | [`PropertyRow`] with [`RowContext`]; borrowed: [`PropertyRowRef`], [`RowReader`] |
//! | 2.8.2 | PropertyRowSet | [`PropertyRowSet`]; borrowed: [`PropertyRowSetRef`] |
//! | 2.8.3.1 / 2.8.3.2 | RecipientFlags, RecipientRow | [`RecipientRow`], [`recipient::recipient_flags`] |
//! | 2.9 | PropertyTag | [`PropertyTag`], [`PropertyTagArray`] |
//! | 2.11.1 | property data types | [`PropertyType`], value model [`PropertyValue`] |
//! | 2.11.1.1 | COUNT widths | [`ValueContext`] |
//! | 2.11.1.4 | PtypServerId | [`ServerId`] |
//! | 2.11.2 | PropertyValue | [`PropertyValue::read`] / [`PropertyValue::write`]; borrowed: [`PropertyValueRef`], [`skip_value`] |
//! | 2.11.3 | TypedPropertyValue | [`TypedPropertyValue`] |
//! | 2.11.4 | TaggedPropertyValue | [`TaggedPropertyValue`] (= [`TaggedValue`]) |
//! | 2.11.5 / 2.11.6 | FlaggedPropertyValue (with and without type) | [`FlaggedPropertyValue`], [`FlaggedPropertyValueWithType`]; borrowed: [`FlaggedPropertyValueRef`], [`CellRef`] |
//! | 2.11.7 | TypedString | [`TypedString`] |
//! | 2.12.1-2.12.12 | every restriction, 16- and 32-bit count forms | [`Restriction`] |
//! | 2.12.x.2 | the `_r` (NSPI, NDR) restriction forms | not applicable here (NDR belongs to an NSPI codec) |
//! | 2.13.1 / 2.13.2 | SortOrder, SortOrderSet | [`SortOrder`], [`SortOrderSet`] |
//!
//! ## One property-value policy
//!
//! Every context codec (ROP buffers and extended rules here; TNEF, .msg,
//! OAB, FastTransfer and MAPI/HTTP in their crates) reads property values
//! through one type-dispatch table ([`read_fixed`] for the fixed-size
//! types) and one edge policy ([`boolean_policy`], [`unknown_type_policy`]):
//! a PtypBoolean other than 0 or 1, or a type the spec does not define, is
//! an error in strict mode; in lenient mode it is a defect and the value is
//! kept as [`PropertyValue::Raw`] bytes of its [`ValueEncoding`], written back
//! unchanged there and refused in any other encoding. PtypRestriction values
//! are decoded into a typed [`Restriction`], so they re-encode correctly in
//! any context (16-bit counts in ROPs, 32-bit in extended rules).
//! PtypRuleAction values ([MS-OXORULE] 2.2.5) are delimited and kept as the
//! bytes of their encoding (writing them into another is an error). PtypObject
//! values are carried like PtypBinary (a COUNT and the bytes).
//!
//! ## Owned or borrowed
//!
//! Values and rows decode in two forms with one reader. The borrowed form
//! keeps strings, binaries and multi-values as the input's bytes
//! ([`PropertyValueRef`], [`Utf16Ref`], [`FixedListRef`]...) and decodes
//! them on demand; the owned form ([`PropertyValue`]) is the borrowed one
//! converted ([`PropertyValue::read`] is [`PropertyValueRef::read`] then
//! [`PropertyValueRef::into_owned`]), so both meet the same dispatch table,
//! edge policy and budget, and fail or report defects alike.
//!
//! A borrowed row ([`PropertyRowRef`]) is checked when it is read: every
//! value is delimited with [`skip_value`] (which reads what
//! [`PropertyValueRef::read`] reads, without building it), so each error
//! and defect comes at decode time with its offset and path. It keeps the
//! row's bytes and offset; its cells are read on demand with its columns.
//! Reading many rows with one column set, [`RowReader`] delimits each run of
//! fixed-size columns in one step. Neither allocates per row or value
//! (PtypRestriction values aside, which decode to a typed [`Restriction`]).
//!
//! ```
//! use ms_oxcdata::{PropertyRowRef, PropertyTag, PropertyType, PropertyValueRef, RowContext, RowReader};
//! use msox_codec::{Options, Reader};
//!
//! let columns = [
//!     PropertyTag::new(0x674A, PropertyType::Integer64), // PidTagMid
//!     PropertyTag::new(0x0037, PropertyType::String),    // PidTagSubject
//!     PropertyTag::new(0x0E1F, PropertyType::Boolean),   // PidTagRtfInSync
//! ];
//! let mut bytes = Vec::new();
//! for (mid, subject) in [(1u64, "Hi"), (2, "Re: Hi")] {
//!     bytes.push(0x00); // StandardPropertyRow
//!     bytes.extend(mid.to_le_bytes());
//!     bytes.extend(subject.encode_utf16().chain([0]).flat_map(u16::to_le_bytes));
//!     bytes.push(0x01);
//! }
//! let rows = RowReader::new(RowContext::rop(&columns));
//! let mut r = Reader::with_options(&bytes, &Options::strict());
//! let mut read = Vec::new();
//! while !r.is_empty() {
//!     read.push(rows.read(&mut r)?); // checked now, values not built
//! }
//! let cx = rows.context();
//! let Some(PropertyValueRef::String(subject)) = read[1].value(1, cx)? else { unreachable!() };
//! assert!(subject == "Re: Hi");                  // compared in place
//! assert_eq!(subject.as_bytes().len(), 12);      // the input's UTF-16LE bytes
//! assert_eq!(read[0].to_owned(cx)?.value(0).and_then(|v| v.as_i64()), Some(1));
//! # Ok::<(), msox_codec::Error>(())
//! ```
#![forbid(unsafe_code)]

pub mod address;
pub mod borrowed;
pub mod context;
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

pub use address::{AddressEntry, AddressList};
pub use borrowed::{
    BinaryListRef, CellRef, FixedListRef, FixedValue, FlaggedPropertyValueRef, PropertyValueRef,
    String8ListRef, String8Ref, Utf16ListRef, Utf16Ref,
};
pub use entryid::{
    AddressBookEntryId, AddressBookEntryIdType, ContactEntryId, EntryId, FolderEntryId,
    MessageEntryId, OneOffEntryId, StoreObjectEntryId, StoreObjectType, WrappedEntryId,
};
pub use error_code::ErrorCode;
pub use ids::{FolderId, Gid, GlobalCounter, LongTermId, LongTermIdRange, MessageId, ServerId};
pub use name::{PropertyNameEntry, PropertyNameR};
pub use problem::{PropertyProblem, PropertyProblemArray};
pub use property::{NameId, PropertyName, PropertyTag, PropertyType, PropertyValue, TaggedValue};
pub use recipient::{DistributionListIds, RecipientAddressType, RecipientRow, X500Address};
pub use restriction::{
    BitmapRelOp, BitmaskRestriction, CommentRestriction, ComparePropertiesRestriction,
    ContentRestriction, CountRestriction, FuzzyLevelLow, PropertyRestriction, RelOp, RestrictType,
    Restriction, SizeRestriction, SortOrder, SortOrderKind, SortOrderSet, SubObjectRestriction,
};
pub use row::{
    Cells, PropertyRow, PropertyRowRef, PropertyRowSet, PropertyRowSetRef, RowContext, RowReader,
};
pub use value::{
    FlaggedPropertyValue, FlaggedPropertyValueWithType, MapiString, PropertyTagArray,
    TaggedPropertyValue, TypedPropertyValue, TypedString, ValueContext, ValueEncoding,
    boolean_policy, read_fixed, read_fixed_ref, skip_value, unknown_type_policy,
};
