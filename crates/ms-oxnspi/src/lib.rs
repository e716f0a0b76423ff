//! # ms-oxnspi — [MS-OXNSPI] / [MS-NSPI] address book structures and their NDR encoding
//!
//! The Name Service Provider Interface is how Outlook and other MAPI
//! clients read the Exchange address book (the GAL): bind, position in a
//! table with a [`Stat`], query rows of [`PropertyValueR`]s, resolve names,
//! match [`RestrictionR`]s. Over RPC its parameters travel in NDR (the
//! MS-RPCE transfer syntax, NDR 2.0, 32-bit, little-endian); over MAPI/HTTP
//! the same structures travel in the flat encoding of ms-oxcmapihttp.
//! This crate holds the one model of those structures, the NDR codec of
//! every `Nspi*` method ([MS-OXNSPI] 3.1.4.1, [MS-NSPI] 3.1.4) and of the
//! two referral methods of [MS-OXABREF], and conversions to the
//! ms-oxcdata model (property values, restrictions, rows).
//!
//! Each request and response type is the stub data of one RPC call (what
//! follows the PDU header), decoded and encoded as one NDR stream.
//!
//! ```
//! use ms_oxnspi::{NspiQueryRowsResponse, PropValUnion, PropertyRowR, PropertyRowSetR,
//!                 PropertyValueR, Stat};
//! use ms_oxcdata::{ErrorCode, PropertyValue, TaggedValue};
//! use msox_codec::{Decode, Encode, Utf16String};
//!
//! // A QueryRows response with one row: PidTagDisplayName "Alice".
//! let row = PropertyRowR::new(vec![PropertyValueR::new(
//!     0x3001_001F,
//!     PropValUnion::String(Some(Utf16String::new("Alice"))),
//! )]);
//! let resp = NspiQueryRowsResponse {
//!     stat: Stat::default(),
//!     rows: Some(PropertyRowSetR { rows: vec![row] }),
//!     return_value: ErrorCode::from(0),
//! };
//! let bytes = resp.to_vec()?;
//! assert_eq!(bytes.len(), resp.encoded_len());
//! let back = NspiQueryRowsResponse::decode_exact(&bytes)?;
//! assert_eq!(back, resp);
//!
//! // The value in the ms-oxcdata model.
//! let rows = back.rows.unwrap();
//! let v = &rows.rows[0].values()[0];
//! let tv = TaggedValue::try_from(v)?;
//! assert_eq!(tv.value.as_text().unwrap(), "Alice");
//!
//! // A count the input cannot back is refused before anything is allocated.
//! let mut evil = bytes.clone();
//! evil[40..44].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes()); // the rows' max count
//! assert!(NspiQueryRowsResponse::decode_exact(&evil).unwrap_err().is_limit());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## The NDR rules followed
//!
//! See [`ndr`]: alignment from the start of the stream; unique pointers as
//! referent IDs with their referents deferred to the end of the enclosing
//! construct (depth first); conformant structures with the count moved to
//! the front; conformant varying arrays and `[string]`s with maximum count,
//! offset and actual count. Every count is checked against the remaining
//! input before it sizes anything; Restriction_r nests through the
//! session's depth limit; `[range]` limits of the IDL (100,000 values,
//! 2,097,152 bytes) are defects (strict: errors). Pointers that may be NULL
//! are `Option`s in the model, so a NULL and an empty array stay apart.
//! The writer hands out referent IDs as Microsoft's engine does
//! (0x00020000, then +4) and pads with zeros; referent IDs and padding read
//! are not kept, so bytes from another writer round-trip to equal values,
//! not equal bytes. 8-bit strings are kept as bytes labelled windows-1252
//! ([`strings::DEFAULT_CODE_PAGE`]); relabel them with the STAT's CodePage.
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | [MS-OXNSPI] 2.2.1.1 | permitted property types | [`PropValUnion`] arms; PtypEmbeddedTable [`PTYP_EMBEDDED_TABLE`] |
//! | 2.2.1.2 | permitted error codes | `ms_oxcdata::ErrorCode` (return values) |
//! | 2.2.1.3 | display types | [`DisplayType`] |
//! | 2.2.1.4 / 2.2.1.5 | default LCID, code pages | [`NSPI_DEFAULT_LOCALE`], [`CP_TELETEX`], [`CP_WINUNICODE`] |
//! | 2.2.1.6 / 2.2.1.6.1 | comparison flags | [`ComparisonFlags`], [`NSPI_DEFAULT_LOCALE_COMPARE_FLAGS`] |
//! | 2.2.1.7 | GUID_NSPI | [`GUID_NSPI`] |
//! | 2.2.1.8 / 2.2.1.9 | positioning and ANR MIds | [`MID_BEGINNING_OF_TABLE`], [`MID_CURRENT`], [`MID_END_OF_TABLE`], [`AnrMid`] |
//! | 2.2.1.10 | table sort orders | [`SortType`] |
//! | 2.2.1.11-2.2.1.15, [MS-NSPI] 2.2.11 / 2.2.15 | method flags | [`RetrievePropertyFlags`], [`SpecialTableFlags`], [`NSPI_UNICODE_PROPTYPES`], [`TemplateInfoFlags`], [`F_DELETE`], [`F_ANONYMOUS_LOGIN`], [`NSPI_VERIFY_NAMES`] |
//! | 2.2.2.1 | FlatUID_r | `ms_dtyp::Guid` (NDR: [`ndr::Ndr`] impl) |
//! | 2.2.2.2 | PropertyTagArray_r | [`PropertyTagArrayR`] |
//! | 2.2.2.3 | Binary_r | [`BinaryR`] |
//! | 2.2.2.4-2.2.2.10 | ShortArray_r ... DateTimeArray_r | the PtypMultiple* arms of [`PropValUnion`] |
//! | 2.2.2.11 / 2.2.2.12 | PROP_VAL_UNION, PropertyValue_r | [`PropValUnion`], [`PropertyValueR`] |
//! | 2.2.3 / 2.2.4 | PropertyRow_r, PropertyRowSet_r | [`PropertyRowR`], [`PropertyRowSetR`] |
//! | 2.2.5.1-2.2.5.7 (and [MS-NSPI] 2.3.4.4-2.3.4.9) | every Restriction_r kind, RestrictionUnion_r | [`RestrictionR`] |
//! | 2.2.6.1, [MS-NSPI] 2.3.5.2 | PropertyName_r, PropertyNameSet_r | [`PropertyNameR`], [`PropertyNameSetR`] |
//! | 2.2.7.1 / 2.2.7.2 | StringsArray_r, WStringsArray_r | [`StringsArrayR`], [`WStringsArrayR`] |
//! | 2.2.8 | STAT | [`Stat`] (flat and NDR: the same 36 bytes) |
//! | 2.2.9.1-2.2.9.3 | MinimalEntryID, EphemeralEntryID, PermanentEntryID | `u32`, [`EphemeralEntryId`], [`PermanentEntryId`], [`NspiEntryId`] |
//! | 2.2.10 | NSPI_HANDLE | [`NspiHandle`] |
//! | 3.1.4.1.1-3.1.4.1.18 | every NSPI method's request and response | [`NspiBindRequest`] ... [`NspiResolveNamesWResponse`] ([`methods`]) |
//! | [MS-NSPI] 3.1.4.16 / 3.1.4.17 | NspiGetNamesFromIDs, NspiGetIDsFromNames (not on the wire in [MS-OXNSPI]) | [`NspiGetNamesFromIdsRequest`] ... [`NspiGetIdsFromNamesResponse`] |
//! | [MS-OXABREF] 3.1.4.1 / 3.1.4.2 | RfrGetNewDSA, RfrGetFQDNFromServerDN | [`RfrGetNewDsaRequest`] ... [`RfrGetFqdnFromServerDnResponse`] |
//! | [MS-OXCDATA] correspondences | PropertyValue_r, Restriction_r, PropertyRow_r | [`convert`] |
//! | RPC PDU headers, binding, authentication | | not applicable (MS-RPCE transport, no I/O here) |
//! | Opnum15NotUsedOnWire | | not applicable |
#![forbid(unsafe_code)]

pub mod constants;
pub mod convert;
pub mod entryid;
pub mod methods;
pub mod ndr;
pub mod strings;
pub mod types;

pub use constants::*;
pub use entryid::*;
pub use methods::*;
pub use types::*;
