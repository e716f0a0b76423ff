//! # ms-oxcrops — [MS-OXCROPS] Remote Operations (ROP) List and Encoding Protocol
//!
//! A MAPI client (Outlook) talks to Exchange in *ROPs*: small operations
//! (log on, open a folder, set the columns of a table, read rows, write a
//! stream...) packed into a **ROP input buffer** and answered by a **ROP
//! output buffer** ([MS-OXCROPS] 2.2.1). Those buffers travel inside
//! EcDoRpcExt2 calls ([MS-OXCRPC], after its RPC_HEADER_EXT and
//! decompression) and MAPI/HTTP Execute requests ([MS-OXCMAPIHTTP]). This
//! crate decodes and encodes them: every ROP request and every response
//! form of [MS-OXCROPS] 2.2.3-2.2.15, the buffers with their Server object
//! handle tables, and a [`RopContext`] that follows a whole conversation
//! so responses whose layout depends on an earlier request decode.
//!
//! Property values, rows, restrictions, sort orders, recipient rows and
//! property problems are the [MS-OXCDATA] structures of `ms-oxcdata` in
//! their ROP context ([`ms_oxcdata::ValueContext::ROP`]); FastTransfer
//! streams carried by the FastTransfer ROPs are kept as bytes (the
//! FastTransfer stream format belongs to an [MS-OXCFXICS] codec).
//!
//! ```
//! use ms_oxcrops::{RopContext, RopRequest, RopResponse, ObjectKind};
//! use msox_codec::Options;
//!
//! let mut conversation = RopContext::new();
//! // A ROP input buffer: RopSize 7, RopGetContentsTable on the folder at
//! // handle index 0 into index 1 ([MS-OXCFOLD] 4.1.1), then the handle table.
//! let request = [0x07, 0x00, 0x05, 0x00, 0x00, 0x01, 0x00,
//!                0x2A, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF];
//! let decoded = conversation.decode_request(&request, &Options::strict())?;
//! let RopRequest::GetContentsTable(get) = &decoded.value.rops[0] else { unreachable!() };
//! assert_eq!(get.output_handle_index, 1);
//!
//! // Its ROP output buffer: success, 12 rows, and the new table's handle.
//! let response = [0x0C, 0x00, 0x05, 0x01, 0, 0, 0, 0, 0x0C, 0, 0, 0,
//!                 0x2A, 0x00, 0x00, 0x00, 0x77, 0x00, 0x00, 0x00];
//! let decoded = conversation.decode_response(&response, &Options::strict())?;
//! let RopResponse::GetContentsTable(table) = &decoded.value.rops[0] else { unreachable!() };
//! assert_eq!(table.row_count, 12);
//! assert_eq!(conversation.object(0x77).map(|o| o.kind), Some(ObjectKind::Table));
//!
//! // A failure response has only the handle index and the ReturnValue.
//! let failure = [0x08, 0x00, 0x05, 0x01, 0x0F, 0x01, 0x04, 0x80, 0xFF, 0xFF, 0xFF, 0xFF];
//! let decoded = ms_oxcrops::RopResponseBuffer::decode_exact(&failure)?;
//! let RopResponse::Failure(f) = &decoded.rops[0] else { unreachable!() };
//! assert_eq!(f.return_value.name(), Some("NotFound"));
//! # use msox_codec::Decode;
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## The model
//!
//! - [`RopRequestBuffer`] / [`RopResponseBuffer`]: RopSize, the list of
//!   [`RopRequest`]s / [`RopResponse`]s, the handle table (`Vec<u32>`).
//! - [`RopRequest`] / [`RopResponse`]: one variant per ROP (and per
//!   response form: a ROP whose failure response differs from its success
//!   response gives [`RopResponse::Failure`] when its ReturnValue is not 0;
//!   RopLogon has private mailbox, public folders and redirect forms).
//!   [`RopId`] names every RopId of the table of [MS-OXCROPS] 2.2.2 and
//!   keeps the others.
//! - Flags and enumerations of the object specifications ([MS-OXCSTOR],
//!   [MS-OXCFOLD], [MS-OXCTABL], [MS-OXCMSG], [MS-OXOMSG], [MS-OXCPRPT],
//!   [MS-OXCPERM], [MS-OXORULE], [MS-OXCFXICS], [MS-OXCNOTIF]) are
//!   `wire_flags!` / `wire_enum!` newtypes: unknown bits and values are kept.
//! - Byte runs (stream data, bookmarks, TransferBuffer...) borrow from the
//!   input (`Cow<'a, [u8]>`), so decoding does not copy them. The few large
//!   response forms (RopNotify, RopLogon, RopOpenMessage,
//!   RopReloadCachedInformation, RopOpenEmbeddedMessage) are boxed so a
//!   [`RopResponse`] stays small to move.
//!
//! ## Context, explicitly
//!
//! A few layouts depend on earlier data ([`context`] lists them). They take
//! it as an explicit value: [`LogonKinds`] for requests,
//! [`ResponseContext`] for one response, [`ResponseBufferContext`] for an
//! output buffer; [`RopContext`] builds these from the conversation it has
//! seen. Without context, what cannot be laid out is kept as bytes
//! ([`RopResponse::Raw`] or a raw row variant) with a defect in lenient
//! mode and an error in strict mode.
//!
//! ## Strict and lenient
//!
//! A RopId the table does not list, or (lenient) a ROP whose fields do not
//! decode, ends the readable part of a ROP list (ROPs carry no length): the
//! rest of the list is kept as [`RawRops`] with a defect in lenient mode,
//! and is an error in strict mode. The handle table after the list is read
//! either way. Nothing panics; counts are checked against the bytes left
//! and charged to the session budget.
//!
//! ## Coverage
//!
//! [MS-OXCROPS] 2.2.1 (ROP input and output buffers, handle table):
//! implemented ([`RopRequestBuffer`], [`RopResponseBuffer`]). 2.2.2 (the
//! table of RopIds): [`RopId`]. 2.2.3-2.2.15, every RopId of the table:
//!
//! <!-- coverage:begin -->
//! | RopId | ROP | [MS-OXCROPS] | request | response forms |
//! |---|---|---|---|---|
//! | 0x01 | RopRelease | 2.2.15.3 | yes | n/a (no response) |
//! | 0x02 | RopOpenFolder | 2.2.4.1 | yes | success, failure |
//! | 0x03 | RopOpenMessage | 2.2.6.1 | yes | success, failure |
//! | 0x04 | RopGetHierarchyTable | 2.2.4.13 | yes | success, failure |
//! | 0x05 | RopGetContentsTable | 2.2.4.14 | yes | success, failure |
//! | 0x06 | RopCreateMessage | 2.2.6.2 | yes | success, failure |
//! | 0x07 | RopGetPropertiesSpecific | 2.2.8.3 | yes | success, failure (laid out by context) |
//! | 0x08 | RopGetPropertiesAll | 2.2.8.4 | yes | success, failure |
//! | 0x09 | RopGetPropertiesList | 2.2.8.5 | yes | success, failure |
//! | 0x0A | RopSetProperties | 2.2.8.6 | yes | success, failure |
//! | 0x0B | RopDeleteProperties | 2.2.8.8 | yes | success, failure |
//! | 0x0C | RopSaveChangesMessage | 2.2.6.3 | yes | success, failure |
//! | 0x0D | RopRemoveAllRecipients | 2.2.6.4 | yes | response |
//! | 0x0E | RopModifyRecipients | 2.2.6.5 | yes | response |
//! | 0x0F | RopReadRecipients | 2.2.6.6 | yes | success, failure (laid out by context) |
//! | 0x10 | RopReloadCachedInformation | 2.2.6.7 | yes | success, failure |
//! | 0x11 | RopSetMessageReadFlag | 2.2.6.11 | yes | success, failure |
//! | 0x12 | RopSetColumns | 2.2.5.1 | yes | success, failure |
//! | 0x13 | RopSortTable | 2.2.5.2 | yes | success, failure |
//! | 0x14 | RopRestrict | 2.2.5.3 | yes | success, failure |
//! | 0x15 | RopQueryRows | 2.2.5.4 | yes | success, failure (laid out by context) |
//! | 0x16 | RopGetStatus | 2.2.5.6 | yes | success, failure |
//! | 0x17 | RopQueryPosition | 2.2.5.7 | yes | success, failure |
//! | 0x18 | RopSeekRow | 2.2.5.8 | yes | success, failure |
//! | 0x19 | RopSeekRowBookmark | 2.2.5.9 | yes | success, failure |
//! | 0x1A | RopSeekRowFractional | 2.2.5.10 | yes | response |
//! | 0x1B | RopCreateBookmark | 2.2.5.11 | yes | success, failure |
//! | 0x1C | RopCreateFolder | 2.2.4.2 | yes | success, failure |
//! | 0x1D | RopDeleteFolder | 2.2.4.3 | yes | response |
//! | 0x1E | RopDeleteMessages | 2.2.4.11 | yes | response |
//! | 0x1F | RopGetMessageStatus | 2.2.6.9 | yes | success, failure |
//! | 0x20 | RopSetMessageStatus | 2.2.6.8 | yes | success, failure |
//! | 0x21 | RopGetAttachmentTable | 2.2.6.17 | yes | response |
//! | 0x22 | RopOpenAttachment | 2.2.6.12 | yes | response |
//! | 0x23 | RopCreateAttachment | 2.2.6.13 | yes | success, failure |
//! | 0x24 | RopDeleteAttachment | 2.2.6.14 | yes | response |
//! | 0x25 | RopSaveChangesAttachment | 2.2.6.15 | yes | response |
//! | 0x26 | RopSetReceiveFolder | 2.2.3.3 | yes | response |
//! | 0x27 | RopGetReceiveFolder | 2.2.3.2 | yes | success, failure |
//! | 0x29 | RopRegisterNotification | 2.2.14.1 | yes | response |
//! | 0x2A | RopNotify | 2.2.14.2 | n/a (response only) | response (laid out by context) |
//! | 0x2B | RopOpenStream | 2.2.9.1 | yes | success, failure |
//! | 0x2C | RopReadStream | 2.2.9.2 | yes | response |
//! | 0x2D | RopWriteStream | 2.2.9.3 | yes | response |
//! | 0x2E | RopSeekStream | 2.2.9.8 | yes | success, failure |
//! | 0x2F | RopSetStreamSize | 2.2.9.7 | yes | response |
//! | 0x30 | RopSetSearchCriteria | 2.2.4.4 | yes | response |
//! | 0x31 | RopGetSearchCriteria | 2.2.4.5 | yes | success, failure |
//! | 0x32 | RopSubmitMessage | 2.2.7.1 | yes | response |
//! | 0x33 | RopMoveCopyMessages | 2.2.4.6 | yes | response |
//! | 0x34 | RopAbortSubmit | 2.2.7.2 | yes | response |
//! | 0x35 | RopMoveFolder | 2.2.4.7 | yes | response |
//! | 0x36 | RopCopyFolder | 2.2.4.8 | yes | response |
//! | 0x37 | RopQueryColumnsAll | 2.2.5.12 | yes | success, failure |
//! | 0x38 | RopAbort | 2.2.5.5 | yes | success, failure |
//! | 0x39 | RopCopyTo | 2.2.8.12 | yes | success response, null destination failure response, failure |
//! | 0x3A | RopCopyToStream | 2.2.9.9 | yes | response |
//! | 0x3B | RopCloneStream | 2.2.9.13 | yes | response |
//! | 0x3E | RopGetPermissionsTable | 2.2.10.2 | yes | response |
//! | 0x3F | RopGetRulesTable | 2.2.11.2 | yes | response |
//! | 0x40 | RopModifyPermissions | 2.2.10.1 | yes | response |
//! | 0x41 | RopModifyRules | 2.2.11.1 | yes | response |
//! | 0x42 | RopGetOwningServers | 2.2.3.6 | yes | success, failure |
//! | 0x43 | RopLongTermIdFromId | 2.2.3.8 | yes | success, failure |
//! | 0x44 | RopIdFromLongTermId | 2.2.3.9 | yes | success, failure |
//! | 0x45 | RopPublicFolderIsGhosted | 2.2.3.7 | yes | success, failure |
//! | 0x46 | RopOpenEmbeddedMessage | 2.2.6.16 | yes | success, failure |
//! | 0x47 | RopSetSpooler | 2.2.7.4 | yes | response |
//! | 0x48 | RopSpoolerLockMessage | 2.2.7.5 | yes | response |
//! | 0x49 | RopGetAddressTypes | 2.2.7.3 | yes | success, failure |
//! | 0x4A | RopTransportSend | 2.2.7.6 | yes | success, failure |
//! | 0x4B | RopFastTransferSourceCopyMessages | 2.2.12.6 | yes | response |
//! | 0x4C | RopFastTransferSourceCopyFolder | 2.2.12.5 | yes | response |
//! | 0x4D | RopFastTransferSourceCopyTo | 2.2.12.7 | yes | response |
//! | 0x4E | RopFastTransferSourceGetBuffer | 2.2.12.4 | yes | response |
//! | 0x4F | RopFindRow | 2.2.5.13 | yes | success, failure (laid out by context) |
//! | 0x50 | RopProgress | 2.2.8.13 | yes | success, failure |
//! | 0x51 | RopTransportNewMail | 2.2.7.7 | yes | response |
//! | 0x52 | RopGetValidAttachments | 2.2.6.18 | yes | success, failure |
//! | 0x53 | RopFastTransferDestinationConfigure | 2.2.12.1 | yes | response |
//! | 0x54 | RopFastTransferDestinationPutBuffer | 2.2.12.2 | yes | response |
//! | 0x55 | RopGetNamesFromPropertyIds | 2.2.8.2 | yes | success, failure |
//! | 0x56 | RopGetPropertyIdsFromNames | 2.2.8.1 | yes | success, failure |
//! | 0x57 | RopUpdateDeferredActionMessages | 2.2.11.3 | yes | response |
//! | 0x58 | RopEmptyFolder | 2.2.4.9 | yes | response |
//! | 0x59 | RopExpandRow | 2.2.5.16 | yes | success, failure (laid out by context) |
//! | 0x5A | RopCollapseRow | 2.2.5.17 | yes | success, failure |
//! | 0x5B | RopLockRegionStream | 2.2.9.10 | yes | response |
//! | 0x5C | RopUnlockRegionStream | 2.2.9.11 | yes | response |
//! | 0x5D | RopCommitStream | 2.2.9.5 | yes | response |
//! | 0x5E | RopGetStreamSize | 2.2.9.6 | yes | success, failure |
//! | 0x5F | RopQueryNamedProperties | 2.2.8.10 | yes | success, failure |
//! | 0x60 | RopGetPerUserLongTermIds | 2.2.3.10 | yes | success, failure |
//! | 0x61 | RopGetPerUserGuid | 2.2.3.11 | yes | success, failure |
//! | 0x63 | RopReadPerUserInformation | 2.2.3.12 | yes | success, failure |
//! | 0x64 | RopWritePerUserInformation | 2.2.3.13 | yes | response |
//! | 0x66 | RopSetReadFlags | 2.2.6.10 | yes | response |
//! | 0x67 | RopCopyProperties | 2.2.8.11 | yes | success response, null destination failure response, failure |
//! | 0x68 | RopGetReceiveFolderTable | 2.2.3.4 | yes | success, failure |
//! | 0x69 | RopFastTransferSourceCopyProperties | 2.2.12.8 | yes | response |
//! | 0x6B | RopGetCollapseState | 2.2.5.18 | yes | success, failure |
//! | 0x6C | RopSetCollapseState | 2.2.5.19 | yes | success, failure |
//! | 0x6D | RopGetTransportFolder | 2.2.7.8 | yes | success, failure |
//! | 0x6E | RopPending | 2.2.14.3 | n/a (response only) | response |
//! | 0x6F | RopOptionsData | 2.2.7.9 | yes | success, failure |
//! | 0x70 | RopSynchronizationConfigure | 2.2.13.1 | yes | response |
//! | 0x72 | RopSynchronizationImportMessageChange | 2.2.13.2 | yes | success, failure |
//! | 0x73 | RopSynchronizationImportHierarchyChange | 2.2.13.4 | yes | success, failure |
//! | 0x74 | RopSynchronizationImportDeletes | 2.2.13.5 | yes | response |
//! | 0x75 | RopSynchronizationUploadStateStreamBegin | 2.2.13.9 | yes | response |
//! | 0x76 | RopSynchronizationUploadStateStreamContinue | 2.2.13.10 | yes | response |
//! | 0x77 | RopSynchronizationUploadStateStreamEnd | 2.2.13.11 | yes | response |
//! | 0x78 | RopSynchronizationImportMessageMove | 2.2.13.6 | yes | success, failure |
//! | 0x79 | RopSetPropertiesNoReplicate | 2.2.8.7 | yes | success, failure |
//! | 0x7A | RopDeletePropertiesNoReplicate | 2.2.8.9 | yes | success, failure |
//! | 0x7B | RopGetStoreState | 2.2.3.5 | yes | success, failure |
//! | 0x7E | RopSynchronizationOpenCollector | 2.2.13.7 | yes | response |
//! | 0x7F | RopGetLocalReplicaIds | 2.2.13.13 | yes | success, failure |
//! | 0x80 | RopSynchronizationImportReadStateChanges | 2.2.13.3 | yes | response |
//! | 0x81 | RopResetTable | 2.2.5.15 | yes | response |
//! | 0x82 | RopSynchronizationGetTransferState | 2.2.13.8 | yes | response |
//! | 0x86 | RopTellVersion | 2.2.12.9 | yes | response |
//! | 0x89 | RopFreeBookmark | 2.2.5.14 | yes | response |
//! | 0x90 | RopWriteAndCommitStream | 2.2.9.12 | yes | response |
//! | 0x91 | RopHardDeleteMessages | 2.2.4.12 | yes | response |
//! | 0x92 | RopHardDeleteMessagesAndSubfolders | 2.2.4.10 | yes | response |
//! | 0x93 | RopSetLocalReplicaMidsetDeleted | 2.2.13.12 | yes | response |
//! | 0x9D | RopFastTransferDestinationPutBufferExtended | 2.2.12.3 | yes | response |
//! | 0xA3 | RopWriteStreamExtended | 2.2.9.4 | yes | response |
//! | 0xF9 | RopBackoff | 2.2.15.2 | n/a (response only) | response |
//! | 0xFE | RopLogon | 2.2.3.1 | yes | success response for a private mailbox, success response for public folders, redirect response, failure |
//! | 0xFF | RopBufferTooSmall | 2.2.15.1 | n/a (response only) | response |
//! <!-- coverage:end -->
//!
//! Sections 1 and 3 (overview, client and server behaviour) describe
//! sequencing, not structures: not applicable, except what [`RopContext`]
//! tracks (3.1.4.1 / 3.2.5.1 the handle table, 3.1.5.3 object dependencies).
//! Section 4 (examples): 4.1 (empty ROP buffer) and 4.6 (RopBackoff in an
//! output buffer) are test vectors, with the ROP examples of the object
//! specifications' sections 4 (`test-vectors/oxcrops`).
//!
//! ## Rows: owned or borrowed
//!
//! The rows of RopQueryRows, RopFindRow, RopExpandRow and
//! RopGetPropertiesSpecific responses decode in the [`RowForm`] the context
//! asks for ([`ResponseBufferContext::rows`], [`ResponseContext::rows`],
//! [`RopContext::with_row_form`], or `(columns, RowForm)` as the context of
//! a single response):
//!
//! - [`RowForm::Owned`] (the default): [`ms_oxcdata::PropertyRow`]s of owned
//!   values ([`Rows::Decoded`], [`Row::Decoded`]);
//! - [`RowForm::Borrowed`]: each row checked while the buffer is decoded
//!   (the same errors and defects, at the same offsets and paths) and kept
//!   as an [`ms_oxcdata::PropertyRowRef`], its values read on demand and
//!   borrowed from the input ([`Rows::Borrowed`], [`Row::Borrowed`]).
//!   Encoded as the bytes read; [`RopResponse::into_owned_rows`] converts.
//!
//! ```
//! use ms_oxcdata::{PropertyTag, PropertyType, PropertyValueRef};
//! use ms_oxcrops::{ResponseBufferContext, ResponseExpectation, RopId, RopResponse, RopResponseBuffer, RowForm};
//! use msox_codec::DecodeWith;
//!
//! let columns = vec![PropertyTag::new(0x0037, PropertyType::String)];
//! let expected = [ResponseExpectation::new(RopId::QueryRows).with_columns(columns)];
//! // RopSize, RopQueryRows: success, Origin, RowCount 1, a row; a handle
//! let buffer = [0x12, 0x00, 0x15, 0x01, 0, 0, 0, 0, 0x02, 0x01, 0x00,
//!               0x00, b'H', 0, b'i', 0, 0, 0, 0x77, 0, 0, 0];
//! let cx = ResponseBufferContext { expected: &expected, rows: RowForm::Borrowed, ..Default::default() };
//! let decoded = RopResponseBuffer::decode_exact_with(&buffer, cx)?;
//! let RopResponse::QueryRows(q) = &decoded.rops[0] else { unreachable!() };
//! let cx = q.rows.context().unwrap();
//! for row in q.rows.row_refs() {
//!     let Some(PropertyValueRef::String(subject)) = row.value(0, &cx)? else { unreachable!() };
//!     assert!(subject == "Hi");
//! }
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Speed
//!
//! Decoding allocates a `Vec` for each ROP list and handle table; fixed
//! fields are read in place and byte runs are borrowed. Owned rows cost
//! what their values cost (the allocation and conversion of strings and
//! binaries); borrowed rows are delimited without building their values
//! (runs of fixed-size columns in one step) and allocate nothing per row or
//! value. A 32 KB RopQueryRows output buffer of 7-column rows
//! (`tests/throughput.rs`, ignored by default) takes about 3,450
//! instructions a row with owned rows and 640 with borrowed rows (about
//! 1,530 when every value of every row is then read on demand): on the
//! development machine, shared and loaded, about 200-380 MB/s owned and
//! 1.8-3.2 GB/s borrowed.
#![forbid(unsafe_code)]

pub mod buffer;
pub(crate) mod codec;
pub mod context;
pub(crate) mod effects;
pub mod fast_transfer;
pub mod folder;
pub mod ics;
pub mod logon;
pub mod message;
pub mod notification;
pub mod other;
pub mod permission;
pub mod property;
pub mod rop;
pub mod rop_id;
pub mod rule;
pub mod stream;
pub mod table;
pub mod transport;

pub use buffer::{RopRequestBuffer, RopResponseBuffer};
pub use codec::ROP_CODE_PAGE;
pub use context::{
    LogonKind, LogonKinds, NO_HANDLE, ObjectKind, ResponseBufferContext, ResponseContext,
    ResponseExpectation, RopContext, RowForm, ServerObject, TableColumns,
};
pub use fast_transfer::*;
pub use folder::*;
pub use ics::*;
pub use logon::*;
pub use message::*;
pub use notification::*;
pub use other::*;
pub use permission::*;
pub use property::*;
pub use rop::{RawRops, RopFailureResponse, RopRequest, RopResponse, StatusResponse};
pub use rop_id::RopId;
pub use rule::*;
pub use stream::*;
pub use table::*;
pub use transport::*;
