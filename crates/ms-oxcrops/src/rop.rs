//! One ROP request or response: the [`RopRequest`] and [`RopResponse`]
//! enums (one variant per ROP and response form), the forms every ROP
//! shares ([`RopFailureResponse`], [`StatusResponse`]) and the bytes kept
//! when a ROP cannot be read ([`RawRops`]).

use std::borrow::Cow;

use ms_oxcdata::ErrorCode;
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, DecodeWith, Encode, ErrorKind, Reader, Result};

use crate::context::{Cx, LogonKinds, ResponseContext};
use crate::rop_id::RopId;

/// [MS-OXCROPS] 2.2.1 the bytes of the ROP list from a ROP that could not
/// be read to the end of the list: a RopId the table of RopIds does not
/// list, or (lenient decoding, with a defect) a ROP whose fields did not
/// decode. ROPs carry no length, so nothing after such a ROP can be
/// delimited; the bytes are kept as read and written back unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RawRops<'a> {
    /// The bytes, starting with the RopId of the ROP that could not be read.
    pub bytes: Cow<'a, [u8]>,
}

impl RawRops<'_> {
    /// The RopId of the first ROP kept (`None` when empty).
    pub fn rop_id(&self) -> Option<RopId> {
        self.bytes.first().map(|&b| RopId::from_value(b))
    }

    /// The same bytes, owned.
    pub fn into_owned(self) -> RawRops<'static> {
        RawRops {
            bytes: Cow::Owned(self.bytes.into_owned()),
        }
    }
}

/// Reads what is left of the window as [`RawRops`] after `error` (an error
/// in strict mode, a defect in lenient mode), from position `start`.
pub(crate) fn keep_raw<'a>(
    r: &mut Reader<'a>,
    start: usize,
    error: msox_codec::Error,
) -> Result<RawRops<'a>> {
    r.tolerate(error, "the rest of the ROP list kept as bytes")?;
    r.seek(start)?;
    Ok(RawRops {
        bytes: Cow::Borrowed(r.take_rest()),
    })
}

/// [MS-OXCROPS] 2.2.1 (and the "Failure Response Buffer" of each ROP): the
/// response of a ROP that failed, for the ROPs whose failure response
/// differs from their success response: RopId, the handle index of the
/// request (InputHandleIndex or OutputHandleIndex), and a nonzero
/// ReturnValue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopFailureResponse {
    /// RopId: the ROP that failed.
    pub rop_id: RopId,
    /// InputHandleIndex or OutputHandleIndex, as the ROP names it.
    pub handle_index: u8,
    /// ReturnValue: the error ([MS-OXCDATA] 2.4); never 0.
    pub return_value: ErrorCode,
}

impl RopFailureResponse {
    /// A failure response; fails when `return_value` is 0 (success) or
    /// when ROP `rop_id` has no separate failure form
    /// ([`RopResponse::has_failure_form`]).
    pub fn new(rop_id: RopId, handle_index: u8, return_value: ErrorCode) -> Result<Self> {
        let f = RopFailureResponse {
            rop_id,
            handle_index,
            return_value,
        };
        f.check()?;
        Ok(f)
    }

    fn check(&self) -> Result<()> {
        if self.return_value.value() == 0 {
            return Err(msox_codec::Error::new(ErrorKind::InvalidValue {
                field: "ReturnValue",
                value: 0,
            }));
        }
        let rv = self.return_value.value();
        let other_form = (self.rop_id == RopId::Logon && rv == crate::logon::WRONG_SERVER)
            || (matches!(self.rop_id, RopId::CopyProperties | RopId::CopyTo)
                && rv == crate::folder::NULL_DESTINATION_OBJECT);
        if other_form {
            return Err(msox_codec::Error::new(ErrorKind::Malformed(
                format!(
                    "{} with ReturnValue 0x{rv:08X} has its own response form",
                    self.rop_id
                )
                .into(),
            )));
        }
        if !RopResponse::has_failure_form(self.rop_id) {
            return Err(msox_codec::Error::new(ErrorKind::Malformed(
                format!(
                    "{} has no separate failure response (its ReturnValue goes in its one response form)",
                    self.rop_id
                )
                .into(),
            )));
        }
        Ok(())
    }

    fn read(r: &mut Reader<'_>, rop_id: RopId) -> Result<Self> {
        let handle_index = r.u8()?;
        let at = r.pos();
        let rv = r.u32()?;
        if rv == 0 {
            return Err(r.invalid_at("ReturnValue", 0, at));
        }
        Ok(RopFailureResponse {
            rop_id,
            handle_index,
            return_value: ErrorCode::from(rv),
        })
    }

    fn write_body<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.check()?;
        buf.put_u8(self.handle_index);
        buf.put_u32_le(self.return_value.value());
        Ok(())
    }
}

crate::codec::rop_struct! {
    /// The response of a ROP whose response buffer is the same for success
    /// and failure and holds nothing but the handle index and the
    /// ReturnValue (for example [MS-OXCROPS] 2.2.3.3.2 RopSetReceiveFolder
    /// ROP Response Buffer); which ROP it answers is the [`RopResponse`]
    /// variant.
    pub struct StatusResponse {
        /// InputHandleIndex or OutputHandleIndex, as the ROP names it: the
        /// value the request gave.
        pub handle_index: u8,
        /// ReturnValue: 0 for success, else an error ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
    }
}

/// Reads the failure response of ROP `id` (after its RopId).
pub(crate) fn read_failure<'a>(r: &mut Reader<'a>, id: RopId) -> Result<RopResponse<'a>> {
    RopFailureResponse::read(r, id).map(RopResponse::Failure)
}

/// Whether the response at the reader's position (after its RopId) is a
/// failure response: a handle index, then a nonzero ReturnValue.
pub(crate) fn is_failure(r: &Reader<'_>) -> bool {
    match r.peek(5) {
        Ok(b) => b.get(1..5).is_some_and(|v| v.iter().any(|&x| x != 0)),
        Err(_) => false,
    }
}

macro_rules! read_request {
    (plain, $T:ty, $r:ident, $cx:ident) => {
        <$T as Decode<'a>>::decode($r)
    };
    (ctx, $T:ty, $r:ident, $cx:ident) => {
        <$T>::read_rop($r, $cx)
    };
}

macro_rules! requests {
    ($(
        $(#[$m:meta])*
        $V:ident($T:ty) = $id:ident : $form:ident
    ),* $(,)?) => {
        /// [MS-OXCROPS] 2.2.2-2.2.15 one ROP request: the RopId and the
        /// request buffer of that ROP (each variant's type cites its
        /// section).
        ///
        /// Decoding reads the RopId and the fields after it; an unknown
        /// RopId (or, in lenient mode, a ROP that does not decode) keeps
        /// the rest of the window as [`RopRequest::Raw`], with a defect in
        /// lenient mode and an error in strict mode. Encoding writes the
        /// RopId and the fields.
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum RopRequest<'a> {
            $( $(#[$m])* $V($T), )*
            /// The rest of the ROP list, kept as bytes (see [`RawRops`]).
            Raw(RawRops<'a>),
        }

        impl<'a> RopRequest<'a> {
            /// Every RopId whose request this crate decodes and encodes.
            pub const ROP_IDS: &'static [RopId] = &[$(RopId::$id),*];

            /// The RopId (`None` for an empty [`RopRequest::Raw`]).
            pub fn rop_id(&self) -> Option<RopId> {
                match self {
                    $( RopRequest::$V(_) => Some(RopId::$id), )*
                    RopRequest::Raw(raw) => raw.rop_id(),
                }
            }

            pub(crate) fn read_known(
                r: &mut Reader<'a>,
                id: RopId,
                cx: &Cx<'_>,
            ) -> Option<Result<Self>> {
                let _ = cx;
                Some(match id {
                    $( RopId::$id => read_request!($form, $T, r, cx).map(RopRequest::$V), )*
                    _ => return None,
                })
            }

            fn body_len(&self) -> usize {
                match self {
                    $( RopRequest::$V(x) => 1 + x.encoded_len(), )*
                    RopRequest::Raw(raw) => raw.bytes.len(),
                }
            }

            fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                match self {
                    $( RopRequest::$V(x) => {
                        buf.put_u8(RopId::$id.value());
                        x.encode(buf)
                    } )*
                    RopRequest::Raw(raw) => {
                        buf.put_slice(&raw.bytes);
                        Ok(())
                    }
                }
            }
        }
    };
}

macro_rules! read_response {
    (split, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        if is_failure($r) {
            RopFailureResponse::read($r, RopId::$id).map(RopResponse::Failure)
        } else {
            <$T as Decode<'a>>::decode($r).map(RopResponse::$V)
        }
    };
    (split_ctx, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        if is_failure($r) {
            RopFailureResponse::read($r, RopId::$id).map(RopResponse::Failure)
        } else {
            <$T>::read_rop($r, $cx).map(RopResponse::$V)
        }
    };
    (single, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        <$T as Decode<'a>>::decode($r).map(RopResponse::$V)
    };
    (single_ctx, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        <$T>::read_rop($r, $cx).map(RopResponse::$V)
    };
    (split_boxed, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        if is_failure($r) {
            RopFailureResponse::read($r, RopId::$id).map(RopResponse::Failure)
        } else {
            <$T as Decode<'a>>::decode($r).map(|x| RopResponse::$V(Box::new(x)))
        }
    };
    (single_ctx_boxed, $V:ident, $T:ty, $id:ident, $r:ident, $cx:ident) => {
        <$T>::read_rop($r, $cx).map(|x| RopResponse::$V(Box::new(x)))
    };
}

/// The type a response variant holds: the large ones are boxed, so a
/// `RopResponse` stays small to move.
macro_rules! variant_ty {
    (split_boxed, $T:ty) => { Box<$T> };
    (single_ctx_boxed, $T:ty) => { Box<$T> };
    ($form:ident, $T:ty) => { $T };
}

macro_rules! failure_form {
    (split) => {
        true
    };
    (split_ctx) => {
        true
    };
    (single) => {
        false
    };
    (single_ctx) => {
        false
    };
    (split_boxed) => {
        true
    };
    (single_ctx_boxed) => {
        false
    };
}

macro_rules! responses {
    (
        auto {$(
            $(#[$m:meta])*
            $V:ident($T:ty) = $id:ident : $form:ident
        ),* $(,)?}
        manual {$(
            $(#[$mm:meta])*
            $MV:ident($MT:ty) = $mid:ident
        ),* $(,)?}
        custom {$(
            $cid:ident => $f:path
        ),* $(,)?}
    ) => {
        /// [MS-OXCROPS] 2.2.2-2.2.15 one ROP response: the RopId and the
        /// response buffer of that ROP, in the form the ReturnValue
        /// selects (each variant's type cites its section).
        ///
        /// A ROP whose failure response differs from its success response
        /// decodes to [`RopResponse::Failure`] when its ReturnValue is not
        /// 0. Responses whose layout depends on the request (RopLogon,
        /// RopQueryRows, RopGetPropertiesSpecific...) take it from the
        /// [`ResponseContext`]; what cannot be laid out without it is kept
        /// as bytes, with a defect in lenient mode and an error in strict
        /// mode. An unknown RopId keeps the rest of the window as
        /// [`RopResponse::Raw`].
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        #[non_exhaustive]
        pub enum RopResponse<'a> {
            $( $(#[$m])* $V(variant_ty!($form, $T)), )*
            $( $(#[$mm])* $MV($MT), )*
            /// The failure response of a ROP whose failure form differs
            /// from its success form.
            Failure(RopFailureResponse),
            /// The rest of the ROP list, kept as bytes (see [`RawRops`]).
            Raw(RawRops<'a>),
        }

        impl<'a> RopResponse<'a> {
            /// Every RopId whose response this crate decodes and encodes.
            pub const ROP_IDS: &'static [RopId] = &[$(RopId::$id,)* $(RopId::$cid),*];

            /// Whether ROP `id` has a failure response that differs from its
            /// success response (so a nonzero ReturnValue decodes to
            /// [`RopResponse::Failure`]); ROPs with one response form carry
            /// their ReturnValue in it.
            pub const fn has_failure_form(id: RopId) -> bool {
                match id {
                    $( RopId::$id => failure_form!($form), )*
                    $( RopId::$cid => true, )*
                    _ => false,
                }
            }

            /// The RopId (`None` for an empty [`RopResponse::Raw`]).
            pub fn rop_id(&self) -> Option<RopId> {
                match self {
                    $( RopResponse::$V(_) => Some(RopId::$id), )*
                    $( RopResponse::$MV(_) => Some(RopId::$mid), )*
                    RopResponse::Failure(f) => Some(f.rop_id),
                    RopResponse::Raw(raw) => raw.rop_id(),
                }
            }

            pub(crate) fn read_known(
                r: &mut Reader<'a>,
                id: RopId,
                cx: &Cx<'_>,
            ) -> Option<Result<Self>> {
                let _ = cx;
                Some(match id {
                    $( RopId::$id => read_response!($form, $V, $T, $id, r, cx), )*
                    $( RopId::$cid => $f(r, cx), )*
                    _ => return None,
                })
            }

            fn body_len(&self) -> usize {
                match self {
                    $( RopResponse::$V(x) => 1 + x.encoded_len(), )*
                    $( RopResponse::$MV(x) => 1 + x.encoded_len(), )*
                    RopResponse::Failure(_) => 6,
                    RopResponse::Raw(raw) => raw.bytes.len(),
                }
            }

            fn write<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                match self {
                    $( RopResponse::$V(x) => {
                        buf.put_u8(RopId::$id.value());
                        x.encode(buf)
                    } )*
                    $( RopResponse::$MV(x) => {
                        buf.put_u8(RopId::$mid.value());
                        x.encode(buf)
                    } )*
                    RopResponse::Failure(f) => {
                        buf.put_u8(f.rop_id.value());
                        f.write_body(buf)
                    }
                    RopResponse::Raw(raw) => {
                        buf.put_slice(&raw.bytes);
                        Ok(())
                    }
                }
            }
        }
    };
}

use crate::fast_transfer::*;
use crate::folder::*;
use crate::ics::*;
use crate::logon::*;
use crate::message::*;
use crate::notification::*;
use crate::other::*;
use crate::permission::*;
use crate::property::*;
use crate::rule::*;
use crate::stream::*;
use crate::table::*;
use crate::transport::*;

requests! {
    /// [MS-OXCROPS] 2.2.3.1 RopLogon.
    Logon(RopLogonRequest<'a>) = Logon: plain,
    /// [MS-OXCROPS] 2.2.3.2 RopGetReceiveFolder.
    GetReceiveFolder(RopGetReceiveFolderRequest) = GetReceiveFolder: plain,
    /// [MS-OXCROPS] 2.2.3.3 RopSetReceiveFolder.
    SetReceiveFolder(RopSetReceiveFolderRequest) = SetReceiveFolder: plain,
    /// [MS-OXCROPS] 2.2.3.4 RopGetReceiveFolderTable.
    GetReceiveFolderTable(RopGetReceiveFolderTableRequest) = GetReceiveFolderTable: plain,
    /// [MS-OXCROPS] 2.2.3.5 RopGetStoreState.
    GetStoreState(RopGetStoreStateRequest) = GetStoreState: plain,
    /// [MS-OXCROPS] 2.2.3.6 RopGetOwningServers.
    GetOwningServers(RopGetOwningServersRequest) = GetOwningServers: plain,
    /// [MS-OXCROPS] 2.2.3.7 RopPublicFolderIsGhosted.
    PublicFolderIsGhosted(RopPublicFolderIsGhostedRequest) = PublicFolderIsGhosted: plain,
    /// [MS-OXCROPS] 2.2.3.8 RopLongTermIdFromId.
    LongTermIdFromId(RopLongTermIdFromIdRequest) = LongTermIdFromId: plain,
    /// [MS-OXCROPS] 2.2.3.9 RopIdFromLongTermId.
    IdFromLongTermId(RopIdFromLongTermIdRequest) = IdFromLongTermId: plain,
    /// [MS-OXCROPS] 2.2.3.10 RopGetPerUserLongTermIds.
    GetPerUserLongTermIds(RopGetPerUserLongTermIdsRequest) = GetPerUserLongTermIds: plain,
    /// [MS-OXCROPS] 2.2.3.11 RopGetPerUserGuid.
    GetPerUserGuid(RopGetPerUserGuidRequest) = GetPerUserGuid: plain,
    /// [MS-OXCROPS] 2.2.3.12 RopReadPerUserInformation.
    ReadPerUserInformation(RopReadPerUserInformationRequest) = ReadPerUserInformation: plain,
    /// [MS-OXCROPS] 2.2.3.13 RopWritePerUserInformation.
    WritePerUserInformation(RopWritePerUserInformationRequest<'a>) = WritePerUserInformation: ctx,
    /// [MS-OXCROPS] 2.2.5.1 RopSetColumns.
    SetColumns(RopSetColumnsRequest) = SetColumns: plain,
    /// [MS-OXCROPS] 2.2.5.2 RopSortTable.
    SortTable(RopSortTableRequest) = SortTable: plain,
    /// [MS-OXCROPS] 2.2.5.3 RopRestrict.
    Restrict(RopRestrictRequest) = Restrict: plain,
    /// [MS-OXCROPS] 2.2.5.4 RopQueryRows.
    QueryRows(RopQueryRowsRequest) = QueryRows: plain,
    /// [MS-OXCROPS] 2.2.5.5 RopAbort.
    Abort(HandleRequest) = Abort: plain,
    /// [MS-OXCROPS] 2.2.5.6 RopGetStatus.
    GetStatus(HandleRequest) = GetStatus: plain,
    /// [MS-OXCROPS] 2.2.5.7 RopQueryPosition.
    QueryPosition(HandleRequest) = QueryPosition: plain,
    /// [MS-OXCROPS] 2.2.5.8 RopSeekRow.
    SeekRow(RopSeekRowRequest) = SeekRow: plain,
    /// [MS-OXCROPS] 2.2.5.9 RopSeekRowBookmark.
    SeekRowBookmark(RopSeekRowBookmarkRequest<'a>) = SeekRowBookmark: plain,
    /// [MS-OXCROPS] 2.2.5.10 RopSeekRowFractional.
    SeekRowFractional(RopSeekRowFractionalRequest) = SeekRowFractional: plain,
    /// [MS-OXCROPS] 2.2.5.11 RopCreateBookmark.
    CreateBookmark(HandleRequest) = CreateBookmark: plain,
    /// [MS-OXCROPS] 2.2.5.12 RopQueryColumnsAll.
    QueryColumnsAll(HandleRequest) = QueryColumnsAll: plain,
    /// [MS-OXCROPS] 2.2.5.13 RopFindRow.
    FindRow(RopFindRowRequest<'a>) = FindRow: plain,
    /// [MS-OXCROPS] 2.2.5.14 RopFreeBookmark.
    FreeBookmark(RopFreeBookmarkRequest<'a>) = FreeBookmark: plain,
    /// [MS-OXCROPS] 2.2.5.15 RopResetTable.
    ResetTable(HandleRequest) = ResetTable: plain,
    /// [MS-OXCROPS] 2.2.5.16 RopExpandRow.
    ExpandRow(RopExpandRowRequest) = ExpandRow: plain,
    /// [MS-OXCROPS] 2.2.5.17 RopCollapseRow.
    CollapseRow(RopCollapseRowRequest) = CollapseRow: plain,
    /// [MS-OXCROPS] 2.2.5.18 RopGetCollapseState.
    GetCollapseState(RopGetCollapseStateRequest) = GetCollapseState: plain,
    /// [MS-OXCROPS] 2.2.5.19 RopSetCollapseState.
    SetCollapseState(RopSetCollapseStateRequest<'a>) = SetCollapseState: plain,
    /// [MS-OXCROPS] 2.2.4.1 RopOpenFolder.
    OpenFolder(RopOpenFolderRequest) = OpenFolder: plain,
    /// [MS-OXCROPS] 2.2.4.2 RopCreateFolder.
    CreateFolder(RopCreateFolderRequest) = CreateFolder: plain,
    /// [MS-OXCROPS] 2.2.4.3 RopDeleteFolder.
    DeleteFolder(RopDeleteFolderRequest) = DeleteFolder: plain,
    /// [MS-OXCROPS] 2.2.4.4 RopSetSearchCriteria.
    SetSearchCriteria(RopSetSearchCriteriaRequest) = SetSearchCriteria: plain,
    /// [MS-OXCROPS] 2.2.4.5 RopGetSearchCriteria.
    GetSearchCriteria(RopGetSearchCriteriaRequest) = GetSearchCriteria: plain,
    /// [MS-OXCROPS] 2.2.4.6 RopMoveCopyMessages.
    MoveCopyMessages(RopMoveCopyMessagesRequest) = MoveCopyMessages: plain,
    /// [MS-OXCROPS] 2.2.4.7 RopMoveFolder.
    MoveFolder(RopMoveFolderRequest) = MoveFolder: plain,
    /// [MS-OXCROPS] 2.2.4.8 RopCopyFolder.
    CopyFolder(RopCopyFolderRequest) = CopyFolder: plain,
    /// [MS-OXCROPS] 2.2.4.9 RopEmptyFolder.
    EmptyFolder(RopEmptyFolderRequest) = EmptyFolder: plain,
    /// [MS-OXCROPS] 2.2.4.10 RopHardDeleteMessagesAndSubfolders.
    HardDeleteMessagesAndSubfolders(RopEmptyFolderRequest) = HardDeleteMessagesAndSubfolders: plain,
    /// [MS-OXCROPS] 2.2.4.11 RopDeleteMessages.
    DeleteMessages(RopDeleteMessagesRequest) = DeleteMessages: plain,
    /// [MS-OXCROPS] 2.2.4.12 RopHardDeleteMessages.
    HardDeleteMessages(RopDeleteMessagesRequest) = HardDeleteMessages: plain,
    /// [MS-OXCROPS] 2.2.4.13 RopGetHierarchyTable.
    GetHierarchyTable(RopGetHierarchyTableRequest) = GetHierarchyTable: plain,
    /// [MS-OXCROPS] 2.2.4.14 RopGetContentsTable.
    GetContentsTable(RopGetContentsTableRequest) = GetContentsTable: plain,
    /// [MS-OXCROPS] 2.2.6.1 RopOpenMessage.
    OpenMessage(RopOpenMessageRequest) = OpenMessage: plain,
    /// [MS-OXCROPS] 2.2.6.2 RopCreateMessage.
    CreateMessage(RopCreateMessageRequest) = CreateMessage: plain,
    /// [MS-OXCROPS] 2.2.6.3 RopSaveChangesMessage.
    SaveChangesMessage(RopSaveChangesMessageRequest) = SaveChangesMessage: plain,
    /// [MS-OXCROPS] 2.2.6.4 RopRemoveAllRecipients.
    RemoveAllRecipients(RopRemoveAllRecipientsRequest) = RemoveAllRecipients: plain,
    /// [MS-OXCROPS] 2.2.6.5 RopModifyRecipients.
    ModifyRecipients(RopModifyRecipientsRequest<'a>) = ModifyRecipients: plain,
    /// [MS-OXCROPS] 2.2.6.6 RopReadRecipients.
    ReadRecipients(RopReadRecipientsRequest) = ReadRecipients: plain,
    /// [MS-OXCROPS] 2.2.6.7 RopReloadCachedInformation.
    ReloadCachedInformation(RopReloadCachedInformationRequest) = ReloadCachedInformation: plain,
    /// [MS-OXCROPS] 2.2.6.8 RopSetMessageStatus.
    SetMessageStatus(RopSetMessageStatusRequest) = SetMessageStatus: plain,
    /// [MS-OXCROPS] 2.2.6.9 RopGetMessageStatus.
    GetMessageStatus(RopGetMessageStatusRequest) = GetMessageStatus: plain,
    /// [MS-OXCROPS] 2.2.6.10 RopSetReadFlags.
    SetReadFlags(RopSetReadFlagsRequest) = SetReadFlags: plain,
    /// [MS-OXCROPS] 2.2.6.11 RopSetMessageReadFlag.
    SetMessageReadFlag(RopSetMessageReadFlagRequest) = SetMessageReadFlag: ctx,
    /// [MS-OXCROPS] 2.2.6.12 RopOpenAttachment.
    OpenAttachment(RopOpenAttachmentRequest) = OpenAttachment: plain,
    /// [MS-OXCROPS] 2.2.6.13 RopCreateAttachment.
    CreateAttachment(OutputHandleRequest) = CreateAttachment: plain,
    /// [MS-OXCROPS] 2.2.6.14 RopDeleteAttachment.
    DeleteAttachment(RopDeleteAttachmentRequest) = DeleteAttachment: plain,
    /// [MS-OXCROPS] 2.2.6.15 RopSaveChangesAttachment.
    SaveChangesAttachment(RopSaveChangesMessageRequest) = SaveChangesAttachment: plain,
    /// [MS-OXCROPS] 2.2.6.16 RopOpenEmbeddedMessage.
    OpenEmbeddedMessage(RopOpenEmbeddedMessageRequest) = OpenEmbeddedMessage: plain,
    /// [MS-OXCROPS] 2.2.6.17 RopGetAttachmentTable.
    GetAttachmentTable(RopGetAttachmentTableRequest) = GetAttachmentTable: plain,
    /// [MS-OXCROPS] 2.2.6.18 RopGetValidAttachments.
    GetValidAttachments(HandleRequest) = GetValidAttachments: plain,
    /// [MS-OXCROPS] 2.2.7.1 RopSubmitMessage.
    SubmitMessage(RopSubmitMessageRequest) = SubmitMessage: plain,
    /// [MS-OXCROPS] 2.2.7.2 RopAbortSubmit.
    AbortSubmit(RopAbortSubmitRequest) = AbortSubmit: plain,
    /// [MS-OXCROPS] 2.2.7.3 RopGetAddressTypes.
    GetAddressTypes(HandleRequest) = GetAddressTypes: plain,
    /// [MS-OXCROPS] 2.2.7.4 RopSetSpooler.
    SetSpooler(HandleRequest) = SetSpooler: plain,
    /// [MS-OXCROPS] 2.2.7.5 RopSpoolerLockMessage.
    SpoolerLockMessage(RopSpoolerLockMessageRequest) = SpoolerLockMessage: plain,
    /// [MS-OXCROPS] 2.2.7.6 RopTransportSend.
    TransportSend(HandleRequest) = TransportSend: plain,
    /// [MS-OXCROPS] 2.2.7.7 RopTransportNewMail.
    TransportNewMail(RopTransportNewMailRequest) = TransportNewMail: plain,
    /// [MS-OXCROPS] 2.2.7.8 RopGetTransportFolder.
    GetTransportFolder(HandleRequest) = GetTransportFolder: plain,
    /// [MS-OXCROPS] 2.2.7.9 RopOptionsData.
    OptionsData(RopOptionsDataRequest) = OptionsData: plain,
    /// [MS-OXCROPS] 2.2.8.1 RopGetPropertyIdsFromNames.
    GetPropertyIdsFromNames(RopGetPropertyIdsFromNamesRequest) = GetPropertyIdsFromNames: plain,
    /// [MS-OXCROPS] 2.2.8.2 RopGetNamesFromPropertyIds.
    GetNamesFromPropertyIds(RopGetNamesFromPropertyIdsRequest) = GetNamesFromPropertyIds: plain,
    /// [MS-OXCROPS] 2.2.8.3 RopGetPropertiesSpecific.
    GetPropertiesSpecific(RopGetPropertiesSpecificRequest) = GetPropertiesSpecific: plain,
    /// [MS-OXCROPS] 2.2.8.4 RopGetPropertiesAll.
    GetPropertiesAll(RopGetPropertiesAllRequest) = GetPropertiesAll: plain,
    /// [MS-OXCROPS] 2.2.8.5 RopGetPropertiesList.
    GetPropertiesList(HandleRequest) = GetPropertiesList: plain,
    /// [MS-OXCROPS] 2.2.8.6 RopSetProperties.
    SetProperties(RopSetPropertiesRequest) = SetProperties: plain,
    /// [MS-OXCROPS] 2.2.8.7 RopSetPropertiesNoReplicate.
    SetPropertiesNoReplicate(RopSetPropertiesRequest) = SetPropertiesNoReplicate: plain,
    /// [MS-OXCROPS] 2.2.8.8 RopDeleteProperties.
    DeleteProperties(RopDeletePropertiesRequest) = DeleteProperties: plain,
    /// [MS-OXCROPS] 2.2.8.9 RopDeletePropertiesNoReplicate.
    DeletePropertiesNoReplicate(RopDeletePropertiesRequest) = DeletePropertiesNoReplicate: plain,
    /// [MS-OXCROPS] 2.2.8.10 RopQueryNamedProperties.
    QueryNamedProperties(RopQueryNamedPropertiesRequest) = QueryNamedProperties: plain,
    /// [MS-OXCROPS] 2.2.8.11 RopCopyProperties.
    CopyProperties(RopCopyPropertiesRequest) = CopyProperties: plain,
    /// [MS-OXCROPS] 2.2.8.12 RopCopyTo.
    CopyTo(RopCopyToRequest) = CopyTo: plain,
    /// [MS-OXCROPS] 2.2.8.13 RopProgress.
    Progress(RopProgressRequest) = Progress: plain,
    /// [MS-OXCROPS] 2.2.9.1 RopOpenStream.
    OpenStream(RopOpenStreamRequest) = OpenStream: plain,
    /// [MS-OXCROPS] 2.2.9.2 RopReadStream.
    ReadStream(RopReadStreamRequest) = ReadStream: plain,
    /// [MS-OXCROPS] 2.2.9.3 RopWriteStream.
    WriteStream(RopWriteStreamRequest<'a>) = WriteStream: plain,
    /// [MS-OXCROPS] 2.2.9.4 RopWriteStreamExtended.
    WriteStreamExtended(RopWriteStreamRequest<'a>) = WriteStreamExtended: plain,
    /// [MS-OXCROPS] 2.2.9.5 RopCommitStream.
    CommitStream(HandleRequest) = CommitStream: plain,
    /// [MS-OXCROPS] 2.2.9.6 RopGetStreamSize.
    GetStreamSize(HandleRequest) = GetStreamSize: plain,
    /// [MS-OXCROPS] 2.2.9.7 RopSetStreamSize.
    SetStreamSize(RopSetStreamSizeRequest) = SetStreamSize: plain,
    /// [MS-OXCROPS] 2.2.9.8 RopSeekStream.
    SeekStream(RopSeekStreamRequest) = SeekStream: plain,
    /// [MS-OXCROPS] 2.2.9.9 RopCopyToStream.
    CopyToStream(RopCopyToStreamRequest) = CopyToStream: plain,
    /// [MS-OXCROPS] 2.2.9.10 RopLockRegionStream.
    LockRegionStream(RopLockRegionStreamRequest) = LockRegionStream: plain,
    /// [MS-OXCROPS] 2.2.9.11 RopUnlockRegionStream.
    UnlockRegionStream(RopLockRegionStreamRequest) = UnlockRegionStream: plain,
    /// [MS-OXCROPS] 2.2.9.12 RopWriteAndCommitStream.
    WriteAndCommitStream(RopWriteStreamRequest<'a>) = WriteAndCommitStream: plain,
    /// [MS-OXCROPS] 2.2.9.13 RopCloneStream.
    CloneStream(OutputHandleRequest) = CloneStream: plain,
    /// [MS-OXCROPS] 2.2.14.1 RopRegisterNotification.
    RegisterNotification(RopRegisterNotificationRequest) = RegisterNotification: plain,
    /// [MS-OXCROPS] 2.2.10.1 RopModifyPermissions.
    ModifyPermissions(RopModifyPermissionsRequest) = ModifyPermissions: plain,
    /// [MS-OXCROPS] 2.2.10.2 RopGetPermissionsTable.
    GetPermissionsTable(RopGetPermissionsTableRequest) = GetPermissionsTable: plain,
    /// [MS-OXCROPS] 2.2.11.1 RopModifyRules.
    ModifyRules(RopModifyRulesRequest) = ModifyRules: plain,
    /// [MS-OXCROPS] 2.2.11.2 RopGetRulesTable.
    GetRulesTable(RopGetRulesTableRequest) = GetRulesTable: plain,
    /// [MS-OXCROPS] 2.2.11.3 RopUpdateDeferredActionMessages.
    UpdateDeferredActionMessages(RopUpdateDeferredActionMessagesRequest<'a>) = UpdateDeferredActionMessages: plain,
    /// [MS-OXCROPS] 2.2.12.1 RopFastTransferDestinationConfigure.
    FastTransferDestinationConfigure(RopFastTransferDestinationConfigureRequest) = FastTransferDestinationConfigure: plain,
    /// [MS-OXCROPS] 2.2.12.2 RopFastTransferDestinationPutBuffer.
    FastTransferDestinationPutBuffer(RopFastTransferDestinationPutBufferRequest<'a>) = FastTransferDestinationPutBuffer: plain,
    /// [MS-OXCROPS] 2.2.12.3 RopFastTransferDestinationPutBufferExtended.
    FastTransferDestinationPutBufferExtended(RopFastTransferDestinationPutBufferRequest<'a>) = FastTransferDestinationPutBufferExtended: plain,
    /// [MS-OXCROPS] 2.2.12.4 RopFastTransferSourceGetBuffer.
    FastTransferSourceGetBuffer(RopFastTransferSourceGetBufferRequest) = FastTransferSourceGetBuffer: plain,
    /// [MS-OXCROPS] 2.2.12.5 RopFastTransferSourceCopyFolder.
    FastTransferSourceCopyFolder(RopFastTransferSourceCopyFolderRequest) = FastTransferSourceCopyFolder: plain,
    /// [MS-OXCROPS] 2.2.12.6 RopFastTransferSourceCopyMessages.
    FastTransferSourceCopyMessages(RopFastTransferSourceCopyMessagesRequest) = FastTransferSourceCopyMessages: plain,
    /// [MS-OXCROPS] 2.2.12.7 RopFastTransferSourceCopyTo.
    FastTransferSourceCopyTo(RopFastTransferSourceCopyToRequest) = FastTransferSourceCopyTo: plain,
    /// [MS-OXCROPS] 2.2.12.8 RopFastTransferSourceCopyProperties.
    FastTransferSourceCopyProperties(RopFastTransferSourceCopyPropertiesRequest) = FastTransferSourceCopyProperties: plain,
    /// [MS-OXCROPS] 2.2.12.9 RopTellVersion.
    TellVersion(RopTellVersionRequest) = TellVersion: plain,
    /// [MS-OXCROPS] 2.2.13.1 RopSynchronizationConfigure.
    SynchronizationConfigure(RopSynchronizationConfigureRequest) = SynchronizationConfigure: plain,
    /// [MS-OXCROPS] 2.2.13.2 RopSynchronizationImportMessageChange.
    SynchronizationImportMessageChange(RopSynchronizationImportMessageChangeRequest) = SynchronizationImportMessageChange: plain,
    /// [MS-OXCROPS] 2.2.13.3 RopSynchronizationImportReadStateChanges.
    SynchronizationImportReadStateChanges(RopSynchronizationImportReadStateChangesRequest<'a>) = SynchronizationImportReadStateChanges: plain,
    /// [MS-OXCROPS] 2.2.13.4 RopSynchronizationImportHierarchyChange.
    SynchronizationImportHierarchyChange(RopSynchronizationImportHierarchyChangeRequest) = SynchronizationImportHierarchyChange: plain,
    /// [MS-OXCROPS] 2.2.13.5 RopSynchronizationImportDeletes.
    SynchronizationImportDeletes(RopSynchronizationImportDeletesRequest) = SynchronizationImportDeletes: plain,
    /// [MS-OXCROPS] 2.2.13.6 RopSynchronizationImportMessageMove.
    SynchronizationImportMessageMove(RopSynchronizationImportMessageMoveRequest<'a>) = SynchronizationImportMessageMove: plain,
    /// [MS-OXCROPS] 2.2.13.7 RopSynchronizationOpenCollector.
    SynchronizationOpenCollector(RopSynchronizationOpenCollectorRequest) = SynchronizationOpenCollector: plain,
    /// [MS-OXCROPS] 2.2.13.8 RopSynchronizationGetTransferState.
    SynchronizationGetTransferState(OutputHandleRequest) = SynchronizationGetTransferState: plain,
    /// [MS-OXCROPS] 2.2.13.9 RopSynchronizationUploadStateStreamBegin.
    SynchronizationUploadStateStreamBegin(RopSynchronizationUploadStateStreamBeginRequest) = SynchronizationUploadStateStreamBegin: plain,
    /// [MS-OXCROPS] 2.2.13.10 RopSynchronizationUploadStateStreamContinue.
    SynchronizationUploadStateStreamContinue(RopSynchronizationUploadStateStreamContinueRequest<'a>) = SynchronizationUploadStateStreamContinue: plain,
    /// [MS-OXCROPS] 2.2.13.11 RopSynchronizationUploadStateStreamEnd.
    SynchronizationUploadStateStreamEnd(HandleRequest) = SynchronizationUploadStateStreamEnd: plain,
    /// [MS-OXCROPS] 2.2.13.12 RopSetLocalReplicaMidsetDeleted.
    SetLocalReplicaMidsetDeleted(RopSetLocalReplicaMidsetDeletedRequest) = SetLocalReplicaMidsetDeleted: plain,
    /// [MS-OXCROPS] 2.2.13.13 RopGetLocalReplicaIds.
    GetLocalReplicaIds(RopGetLocalReplicaIdsRequest) = GetLocalReplicaIds: plain,
    /// [MS-OXCROPS] 2.2.15.3 RopRelease.
    Release(HandleRequest) = Release: plain,
}

responses! {
    auto {
        /// [MS-OXCROPS] 2.2.3.2.2 RopGetReceiveFolder.
        GetReceiveFolder(RopGetReceiveFolderResponse) = GetReceiveFolder: split,
        /// [MS-OXCROPS] 2.2.3.3.2 RopSetReceiveFolder.
        SetReceiveFolder(StatusResponse) = SetReceiveFolder: single,
        /// [MS-OXCROPS] 2.2.3.4.2 RopGetReceiveFolderTable.
        GetReceiveFolderTable(RopGetReceiveFolderTableResponse) = GetReceiveFolderTable: split,
        /// [MS-OXCROPS] 2.2.3.5.2 RopGetStoreState.
        GetStoreState(RopGetStoreStateResponse) = GetStoreState: split,
        /// [MS-OXCROPS] 2.2.3.6.2 RopGetOwningServers.
        GetOwningServers(RopGetOwningServersResponse) = GetOwningServers: split,
        /// [MS-OXCROPS] 2.2.3.7.2 RopPublicFolderIsGhosted.
        PublicFolderIsGhosted(RopPublicFolderIsGhostedResponse) = PublicFolderIsGhosted: split,
        /// [MS-OXCROPS] 2.2.3.8.2 RopLongTermIdFromId.
        LongTermIdFromId(RopLongTermIdFromIdResponse) = LongTermIdFromId: split,
        /// [MS-OXCROPS] 2.2.3.9.2 RopIdFromLongTermId.
        IdFromLongTermId(RopIdFromLongTermIdResponse) = IdFromLongTermId: split,
        /// [MS-OXCROPS] 2.2.3.10.2 RopGetPerUserLongTermIds.
        GetPerUserLongTermIds(RopGetPerUserLongTermIdsResponse) = GetPerUserLongTermIds: split,
        /// [MS-OXCROPS] 2.2.3.11.2 RopGetPerUserGuid.
        GetPerUserGuid(RopGetPerUserGuidResponse) = GetPerUserGuid: split,
        /// [MS-OXCROPS] 2.2.3.12.2 RopReadPerUserInformation.
        ReadPerUserInformation(RopReadPerUserInformationResponse<'a>) = ReadPerUserInformation: split,
        /// [MS-OXCROPS] 2.2.3.13.2 RopWritePerUserInformation.
        WritePerUserInformation(StatusResponse) = WritePerUserInformation: single,
        /// [MS-OXCROPS] 2.2.5.1.2 RopSetColumns.
        SetColumns(TableStatusResponse) = SetColumns: split,
        /// [MS-OXCROPS] 2.2.5.2.2 RopSortTable.
        SortTable(TableStatusResponse) = SortTable: split,
        /// [MS-OXCROPS] 2.2.5.3.2 RopRestrict.
        Restrict(TableStatusResponse) = Restrict: split,
        /// [MS-OXCROPS] 2.2.5.4.2 RopQueryRows.
        QueryRows(RopQueryRowsResponse<'a>) = QueryRows: split_ctx,
        /// [MS-OXCROPS] 2.2.5.5.2 RopAbort.
        Abort(TableStatusResponse) = Abort: split,
        /// [MS-OXCROPS] 2.2.5.6.2 RopGetStatus.
        GetStatus(TableStatusResponse) = GetStatus: split,
        /// [MS-OXCROPS] 2.2.5.7.2 RopQueryPosition.
        QueryPosition(RopQueryPositionResponse) = QueryPosition: split,
        /// [MS-OXCROPS] 2.2.5.8.2 RopSeekRow.
        SeekRow(RopSeekRowResponse) = SeekRow: split,
        /// [MS-OXCROPS] 2.2.5.9.2 RopSeekRowBookmark.
        SeekRowBookmark(RopSeekRowBookmarkResponse) = SeekRowBookmark: split,
        /// [MS-OXCROPS] 2.2.5.10.2 RopSeekRowFractional.
        SeekRowFractional(StatusResponse) = SeekRowFractional: single,
        /// [MS-OXCROPS] 2.2.5.11.2 RopCreateBookmark.
        CreateBookmark(BookmarkResponse<'a>) = CreateBookmark: split,
        /// [MS-OXCROPS] 2.2.5.12.2 RopQueryColumnsAll.
        QueryColumnsAll(PropertyTagsResponse) = QueryColumnsAll: split,
        /// [MS-OXCROPS] 2.2.5.13.2 RopFindRow.
        FindRow(RopFindRowResponse<'a>) = FindRow: split_ctx,
        /// [MS-OXCROPS] 2.2.5.14.2 RopFreeBookmark.
        FreeBookmark(StatusResponse) = FreeBookmark: single,
        /// [MS-OXCROPS] 2.2.5.15.2 RopResetTable.
        ResetTable(StatusResponse) = ResetTable: single,
        /// [MS-OXCROPS] 2.2.5.16.2 RopExpandRow.
        ExpandRow(RopExpandRowResponse<'a>) = ExpandRow: split_ctx,
        /// [MS-OXCROPS] 2.2.5.17.2 RopCollapseRow.
        CollapseRow(RopCollapseRowResponse) = CollapseRow: split,
        /// [MS-OXCROPS] 2.2.5.18.2 RopGetCollapseState.
        GetCollapseState(RopGetCollapseStateResponse<'a>) = GetCollapseState: split,
        /// [MS-OXCROPS] 2.2.5.19.2 RopSetCollapseState.
        SetCollapseState(BookmarkResponse<'a>) = SetCollapseState: split,
        /// [MS-OXCROPS] 2.2.4.1.2 RopOpenFolder.
        OpenFolder(RopOpenFolderResponse) = OpenFolder: split,
        /// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder.
        CreateFolder(RopCreateFolderResponse) = CreateFolder: split,
        /// [MS-OXCROPS] 2.2.4.3.2 RopDeleteFolder.
        DeleteFolder(PartialCompletionResponse) = DeleteFolder: single,
        /// [MS-OXCROPS] 2.2.4.4.2 RopSetSearchCriteria.
        SetSearchCriteria(StatusResponse) = SetSearchCriteria: single,
        /// [MS-OXCROPS] 2.2.4.5.2 RopGetSearchCriteria.
        GetSearchCriteria(RopGetSearchCriteriaResponse) = GetSearchCriteria: split,
        /// [MS-OXCROPS] 2.2.4.6.2 RopMoveCopyMessages.
        MoveCopyMessages(MoveCopyResponse) = MoveCopyMessages: single,
        /// [MS-OXCROPS] 2.2.4.7.2 RopMoveFolder.
        MoveFolder(MoveCopyResponse) = MoveFolder: single,
        /// [MS-OXCROPS] 2.2.4.8.2 RopCopyFolder.
        CopyFolder(MoveCopyResponse) = CopyFolder: single,
        /// [MS-OXCROPS] 2.2.4.9.2 RopEmptyFolder.
        EmptyFolder(PartialCompletionResponse) = EmptyFolder: single,
        /// [MS-OXCROPS] 2.2.4.10.2 RopHardDeleteMessagesAndSubfolders.
        HardDeleteMessagesAndSubfolders(PartialCompletionResponse) = HardDeleteMessagesAndSubfolders: single,
        /// [MS-OXCROPS] 2.2.4.11.2 RopDeleteMessages.
        DeleteMessages(PartialCompletionResponse) = DeleteMessages: single,
        /// [MS-OXCROPS] 2.2.4.12.2 RopHardDeleteMessages.
        HardDeleteMessages(PartialCompletionResponse) = HardDeleteMessages: single,
        /// [MS-OXCROPS] 2.2.4.13.2 RopGetHierarchyTable.
        GetHierarchyTable(TableRowCountResponse) = GetHierarchyTable: split,
        /// [MS-OXCROPS] 2.2.4.14.2 RopGetContentsTable.
        GetContentsTable(TableRowCountResponse) = GetContentsTable: split,
        /// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage.
        OpenMessage(RopOpenMessageResponse<'a>) = OpenMessage: split_boxed,
        /// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage.
        CreateMessage(RopCreateMessageResponse) = CreateMessage: split,
        /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage.
        SaveChangesMessage(RopSaveChangesMessageResponse) = SaveChangesMessage: split,
        /// [MS-OXCROPS] 2.2.6.4.2 RopRemoveAllRecipients.
        RemoveAllRecipients(StatusResponse) = RemoveAllRecipients: single,
        /// [MS-OXCROPS] 2.2.6.5.2 RopModifyRecipients.
        ModifyRecipients(StatusResponse) = ModifyRecipients: single,
        /// [MS-OXCROPS] 2.2.6.6.2 RopReadRecipients.
        ReadRecipients(RopReadRecipientsResponse<'a>) = ReadRecipients: split_ctx,
        /// [MS-OXCROPS] 2.2.6.7.2 RopReloadCachedInformation.
        ReloadCachedInformation(RopOpenMessageResponse<'a>) = ReloadCachedInformation: split_boxed,
        /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus.
        SetMessageStatus(MessageStatusResponse) = SetMessageStatus: split,
        /// [MS-OXCROPS] 2.2.6.9.2 RopGetMessageStatus.
        GetMessageStatus(MessageStatusResponse) = GetMessageStatus: split,
        /// [MS-OXCROPS] 2.2.6.10.2 RopSetReadFlags.
        SetReadFlags(PartialCompletionResponse) = SetReadFlags: single,
        /// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag.
        SetMessageReadFlag(RopSetMessageReadFlagResponse) = SetMessageReadFlag: split,
        /// [MS-OXCROPS] 2.2.6.12.2 RopOpenAttachment.
        OpenAttachment(StatusResponse) = OpenAttachment: single,
        /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment.
        CreateAttachment(RopCreateAttachmentResponse) = CreateAttachment: split,
        /// [MS-OXCROPS] 2.2.6.14.2 RopDeleteAttachment.
        DeleteAttachment(StatusResponse) = DeleteAttachment: single,
        /// [MS-OXCROPS] 2.2.6.15.2 RopSaveChangesAttachment.
        SaveChangesAttachment(StatusResponse) = SaveChangesAttachment: single,
        /// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage.
        OpenEmbeddedMessage(RopOpenEmbeddedMessageResponse<'a>) = OpenEmbeddedMessage: split_boxed,
        /// [MS-OXCROPS] 2.2.6.17.2 RopGetAttachmentTable.
        GetAttachmentTable(StatusResponse) = GetAttachmentTable: single,
        /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments.
        GetValidAttachments(RopGetValidAttachmentsResponse) = GetValidAttachments: split,
        /// [MS-OXCROPS] 2.2.7.1.2 RopSubmitMessage.
        SubmitMessage(StatusResponse) = SubmitMessage: single,
        /// [MS-OXCROPS] 2.2.7.2.2 RopAbortSubmit.
        AbortSubmit(StatusResponse) = AbortSubmit: single,
        /// [MS-OXCROPS] 2.2.7.3.2 RopGetAddressTypes.
        GetAddressTypes(RopGetAddressTypesResponse) = GetAddressTypes: split,
        /// [MS-OXCROPS] 2.2.7.4.2 RopSetSpooler.
        SetSpooler(StatusResponse) = SetSpooler: single,
        /// [MS-OXCROPS] 2.2.7.5.2 RopSpoolerLockMessage.
        SpoolerLockMessage(StatusResponse) = SpoolerLockMessage: single,
        /// [MS-OXCROPS] 2.2.7.6.2 RopTransportSend.
        TransportSend(RopTransportSendResponse) = TransportSend: split,
        /// [MS-OXCROPS] 2.2.7.7.2 RopTransportNewMail.
        TransportNewMail(StatusResponse) = TransportNewMail: single,
        /// [MS-OXCROPS] 2.2.7.8.2 RopGetTransportFolder.
        GetTransportFolder(RopGetTransportFolderResponse) = GetTransportFolder: split,
        /// [MS-OXCROPS] 2.2.7.9.2 RopOptionsData.
        OptionsData(RopOptionsDataResponse<'a>) = OptionsData: split,
        /// [MS-OXCROPS] 2.2.8.1.2 RopGetPropertyIdsFromNames.
        GetPropertyIdsFromNames(RopGetPropertyIdsFromNamesResponse) = GetPropertyIdsFromNames: split,
        /// [MS-OXCROPS] 2.2.8.2.2 RopGetNamesFromPropertyIds.
        GetNamesFromPropertyIds(RopGetNamesFromPropertyIdsResponse) = GetNamesFromPropertyIds: split,
        /// [MS-OXCROPS] 2.2.8.3.2 RopGetPropertiesSpecific.
        GetPropertiesSpecific(RopGetPropertiesSpecificResponse<'a>) = GetPropertiesSpecific: split_ctx,
        /// [MS-OXCROPS] 2.2.8.4.2 RopGetPropertiesAll.
        GetPropertiesAll(RopGetPropertiesAllResponse) = GetPropertiesAll: split,
        /// [MS-OXCROPS] 2.2.8.5.2 RopGetPropertiesList.
        GetPropertiesList(PropertyTagsResponse) = GetPropertiesList: split,
        /// [MS-OXCROPS] 2.2.8.6.2 RopSetProperties.
        SetProperties(PropertyProblemsResponse) = SetProperties: split,
        /// [MS-OXCROPS] 2.2.8.7.2 RopSetPropertiesNoReplicate.
        SetPropertiesNoReplicate(PropertyProblemsResponse) = SetPropertiesNoReplicate: split,
        /// [MS-OXCROPS] 2.2.8.8.2 RopDeleteProperties.
        DeleteProperties(PropertyProblemsResponse) = DeleteProperties: split,
        /// [MS-OXCROPS] 2.2.8.9.2 RopDeletePropertiesNoReplicate.
        DeletePropertiesNoReplicate(PropertyProblemsResponse) = DeletePropertiesNoReplicate: split,
        /// [MS-OXCROPS] 2.2.8.10.2 RopQueryNamedProperties.
        QueryNamedProperties(RopQueryNamedPropertiesResponse) = QueryNamedProperties: split,
        /// [MS-OXCROPS] 2.2.8.13.2 RopProgress.
        Progress(RopProgressResponse) = Progress: split,
        /// [MS-OXCROPS] 2.2.9.1.2 RopOpenStream.
        OpenStream(RopOpenStreamResponse) = OpenStream: split,
        /// [MS-OXCROPS] 2.2.9.2.2 RopReadStream.
        ReadStream(RopReadStreamResponse<'a>) = ReadStream: single,
        /// [MS-OXCROPS] 2.2.9.3.2 RopWriteStream.
        WriteStream(RopWriteStreamResponse) = WriteStream: single,
        /// [MS-OXCROPS] 2.2.9.4.2 RopWriteStreamExtended.
        WriteStreamExtended(RopWriteStreamExtendedResponse) = WriteStreamExtended: single,
        /// [MS-OXCROPS] 2.2.9.5.2 RopCommitStream.
        CommitStream(StatusResponse) = CommitStream: single,
        /// [MS-OXCROPS] 2.2.9.6.2 RopGetStreamSize.
        GetStreamSize(RopGetStreamSizeResponse) = GetStreamSize: split,
        /// [MS-OXCROPS] 2.2.9.7.2 RopSetStreamSize.
        SetStreamSize(StatusResponse) = SetStreamSize: single,
        /// [MS-OXCROPS] 2.2.9.8.2 RopSeekStream.
        SeekStream(RopSeekStreamResponse) = SeekStream: split,
        /// [MS-OXCROPS] 2.2.9.9.2 RopCopyToStream.
        CopyToStream(RopCopyToStreamResponse) = CopyToStream: single,
        /// [MS-OXCROPS] 2.2.9.10.2 RopLockRegionStream.
        LockRegionStream(StatusResponse) = LockRegionStream: single,
        /// [MS-OXCROPS] 2.2.9.11.2 RopUnlockRegionStream.
        UnlockRegionStream(StatusResponse) = UnlockRegionStream: single,
        /// [MS-OXCROPS] 2.2.9.12.2 RopWriteAndCommitStream.
        WriteAndCommitStream(RopWriteStreamResponse) = WriteAndCommitStream: single,
        /// [MS-OXCROPS] 2.2.9.13.2 RopCloneStream.
        CloneStream(StatusResponse) = CloneStream: single,
        /// [MS-OXCROPS] 2.2.14.1.2 RopRegisterNotification.
        RegisterNotification(StatusResponse) = RegisterNotification: single,
        /// [MS-OXCROPS] 2.2.14.2.1 RopNotify.
        Notify(RopNotifyResponse<'a>) = Notify: single_ctx_boxed,
        /// [MS-OXCROPS] 2.2.14.3.1 RopPending.
        Pending(RopPendingResponse) = Pending: single,
        /// [MS-OXCROPS] 2.2.10.1.2 RopModifyPermissions.
        ModifyPermissions(StatusResponse) = ModifyPermissions: single,
        /// [MS-OXCROPS] 2.2.10.2.2 RopGetPermissionsTable.
        GetPermissionsTable(StatusResponse) = GetPermissionsTable: single,
        /// [MS-OXCROPS] 2.2.11.1.2 RopModifyRules.
        ModifyRules(StatusResponse) = ModifyRules: single,
        /// [MS-OXCROPS] 2.2.11.2.2 RopGetRulesTable.
        GetRulesTable(StatusResponse) = GetRulesTable: single,
        /// [MS-OXCROPS] 2.2.11.3.2 RopUpdateDeferredActionMessages.
        UpdateDeferredActionMessages(StatusResponse) = UpdateDeferredActionMessages: single,
        /// [MS-OXCROPS] 2.2.12.1.2 RopFastTransferDestinationConfigure.
        FastTransferDestinationConfigure(StatusResponse) = FastTransferDestinationConfigure: single,
        /// [MS-OXCROPS] 2.2.12.2.2 RopFastTransferDestinationPutBuffer.
        FastTransferDestinationPutBuffer(RopFastTransferDestinationPutBufferResponse) = FastTransferDestinationPutBuffer: single,
        /// [MS-OXCROPS] 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended.
        FastTransferDestinationPutBufferExtended(RopFastTransferDestinationPutBufferExtendedResponse) = FastTransferDestinationPutBufferExtended: single,
        /// [MS-OXCROPS] 2.2.12.4.2 RopFastTransferSourceGetBuffer.
        FastTransferSourceGetBuffer(RopFastTransferSourceGetBufferResponse<'a>) = FastTransferSourceGetBuffer: single,
        /// [MS-OXCROPS] 2.2.12.5.2 RopFastTransferSourceCopyFolder.
        FastTransferSourceCopyFolder(StatusResponse) = FastTransferSourceCopyFolder: single,
        /// [MS-OXCROPS] 2.2.12.6.2 RopFastTransferSourceCopyMessages.
        FastTransferSourceCopyMessages(StatusResponse) = FastTransferSourceCopyMessages: single,
        /// [MS-OXCROPS] 2.2.12.7.2 RopFastTransferSourceCopyTo.
        FastTransferSourceCopyTo(StatusResponse) = FastTransferSourceCopyTo: single,
        /// [MS-OXCROPS] 2.2.12.8.2 RopFastTransferSourceCopyProperties.
        FastTransferSourceCopyProperties(StatusResponse) = FastTransferSourceCopyProperties: single,
        /// [MS-OXCROPS] 2.2.12.9.2 RopTellVersion.
        TellVersion(StatusResponse) = TellVersion: single,
        /// [MS-OXCROPS] 2.2.13.1.2 RopSynchronizationConfigure.
        SynchronizationConfigure(StatusResponse) = SynchronizationConfigure: single,
        /// [MS-OXCROPS] 2.2.13.2.2 RopSynchronizationImportMessageChange.
        SynchronizationImportMessageChange(ImportMessageResponse) = SynchronizationImportMessageChange: split,
        /// [MS-OXCROPS] 2.2.13.3.2 RopSynchronizationImportReadStateChanges.
        SynchronizationImportReadStateChanges(StatusResponse) = SynchronizationImportReadStateChanges: single,
        /// [MS-OXCROPS] 2.2.13.4.2 RopSynchronizationImportHierarchyChange.
        SynchronizationImportHierarchyChange(RopSynchronizationImportHierarchyChangeResponse) = SynchronizationImportHierarchyChange: split,
        /// [MS-OXCROPS] 2.2.13.5.2 RopSynchronizationImportDeletes.
        SynchronizationImportDeletes(StatusResponse) = SynchronizationImportDeletes: single,
        /// [MS-OXCROPS] 2.2.13.6.2 RopSynchronizationImportMessageMove.
        SynchronizationImportMessageMove(ImportMessageResponse) = SynchronizationImportMessageMove: split,
        /// [MS-OXCROPS] 2.2.13.7.2 RopSynchronizationOpenCollector.
        SynchronizationOpenCollector(StatusResponse) = SynchronizationOpenCollector: single,
        /// [MS-OXCROPS] 2.2.13.8.2 RopSynchronizationGetTransferState.
        SynchronizationGetTransferState(StatusResponse) = SynchronizationGetTransferState: single,
        /// [MS-OXCROPS] 2.2.13.9.2 RopSynchronizationUploadStateStreamBegin.
        SynchronizationUploadStateStreamBegin(StatusResponse) = SynchronizationUploadStateStreamBegin: single,
        /// [MS-OXCROPS] 2.2.13.10.2 RopSynchronizationUploadStateStreamContinue.
        SynchronizationUploadStateStreamContinue(StatusResponse) = SynchronizationUploadStateStreamContinue: single,
        /// [MS-OXCROPS] 2.2.13.11.2 RopSynchronizationUploadStateStreamEnd.
        SynchronizationUploadStateStreamEnd(StatusResponse) = SynchronizationUploadStateStreamEnd: single,
        /// [MS-OXCROPS] 2.2.13.12.2 RopSetLocalReplicaMidsetDeleted.
        SetLocalReplicaMidsetDeleted(StatusResponse) = SetLocalReplicaMidsetDeleted: single,
        /// [MS-OXCROPS] 2.2.13.13.2 RopGetLocalReplicaIds.
        GetLocalReplicaIds(RopGetLocalReplicaIdsResponse) = GetLocalReplicaIds: split,
        /// [MS-OXCROPS] 2.2.15.1.1 RopBufferTooSmall.
        BufferTooSmall(RopBufferTooSmallResponse<'a>) = BufferTooSmall: single,
        /// [MS-OXCROPS] 2.2.15.2.1 RopBackoff.
        Backoff(RopBackoffResponse<'a>) = Backoff: single,
    }
    manual {
        /// [MS-OXCROPS] 2.2.3.1.2 RopLogon success response for a private mailbox.
        LogonPrivateMailbox(Box<RopLogonPrivateMailboxResponse>) = Logon,
        /// [MS-OXCROPS] 2.2.3.1.3 RopLogon success response for public folders.
        LogonPublicFolders(Box<RopLogonPublicFoldersResponse>) = Logon,
        /// [MS-OXCROPS] 2.2.3.1.4 RopLogon redirect response.
        LogonRedirect(RopLogonRedirectResponse<'a>) = Logon,
        /// [MS-OXCROPS] 2.2.8.11.2 RopCopyProperties success response.
        CopyProperties(CopyPropertiesResponse) = CopyProperties,
        /// [MS-OXCROPS] 2.2.8.11.3 RopCopyProperties null destination failure response.
        CopyPropertiesNullDestination(NullDestinationFailureResponse) = CopyProperties,
        /// [MS-OXCROPS] 2.2.8.12.2 RopCopyTo success response.
        CopyTo(CopyPropertiesResponse) = CopyTo,
        /// [MS-OXCROPS] 2.2.8.12.3 RopCopyTo null destination failure response.
        CopyToNullDestination(NullDestinationFailureResponse) = CopyTo,
    }
    custom {
        Logon => crate::logon::read_logon_response,
        CopyProperties => crate::property::read_copy_properties,
        CopyTo => crate::property::read_copy_to,
    }
}

impl<'a> RopRequest<'a> {
    /// Reads one ROP request (RopId first) in context `cx`.
    pub(crate) fn read(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        let start = r.pos();
        let id = RopId::from_value(r.u8()?);
        if let Some(name) = id.name() {
            r.set_variant(name);
        }
        let res = r.attempt(|r| match RopRequest::read_known(r, id, cx) {
            Some(res) => res,
            None => Err(r.error_at(
                ErrorKind::InvalidValue {
                    field: "RopId",
                    value: u64::from(id.value()),
                },
                start,
            )),
        });
        match res {
            Ok(v) => Ok(v),
            Err(e) => keep_raw(r, start, e).map(RopRequest::Raw),
        }
    }
}

impl<'a> RopResponse<'a> {
    /// Reads one ROP response (RopId first) in context `cx`.
    pub(crate) fn read(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        let start = r.pos();
        let id = RopId::from_value(r.u8()?);
        if let Some(name) = id.name() {
            r.set_variant(name);
        }
        let res = r.attempt(|r| match RopResponse::read_known(r, id, cx) {
            Some(res) => res,
            None => Err(r.error_at(
                ErrorKind::InvalidValue {
                    field: "RopId",
                    value: u64::from(id.value()),
                },
                start,
            )),
        });
        match res {
            Ok(v) => Ok(v),
            Err(e) => keep_raw(r, start, e).map(RopResponse::Raw),
        }
    }
}

impl<'a> RopResponse<'a> {
    /// This response with its rows in the owned form: rows decoded
    /// borrowed ([`crate::RowForm::Borrowed`]) in a RopQueryRows,
    /// RopFindRow, RopExpandRow or RopGetPropertiesSpecific response are
    /// decoded into [`ms_oxcdata::PropertyRow`]s ([`crate::Rows::into_owned`]);
    /// anything else is returned as it is.
    pub fn into_owned_rows(self) -> Result<Self> {
        Ok(match self {
            RopResponse::QueryRows(mut x) => {
                x.rows = x.rows.into_owned()?;
                RopResponse::QueryRows(x)
            }
            RopResponse::ExpandRow(mut x) => {
                x.rows = x.rows.into_owned()?;
                RopResponse::ExpandRow(x)
            }
            RopResponse::FindRow(mut x) => {
                x.row = x.row.map(crate::table::Row::into_owned).transpose()?;
                RopResponse::FindRow(x)
            }
            RopResponse::GetPropertiesSpecific(mut x) => {
                x.row = x.row.into_owned()?;
                RopResponse::GetPropertiesSpecific(x)
            }
            other => other,
        })
    }
}

/// [MS-OXCROPS] 2.2.2-2.2.15 one ROP request, without context (a
/// RopWritePerUserInformation request needs the logon kind: use
/// [`DecodeWith<&LogonKinds>`](RopRequest#impl-DecodeWith<'a,+%26LogonKinds>-for-RopRequest<'a>)).
impl<'a> Decode<'a> for RopRequest<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, &LogonKinds::default())
    }
}

/// One ROP request, with the kinds of the logons it may refer to.
impl<'a, 'c> DecodeWith<'a, &'c LogonKinds> for RopRequest<'a> {
    fn decode_with(r: &mut Reader<'a>, logons: &'c LogonKinds) -> Result<Self> {
        let cx = Cx {
            logons,
            response: ResponseContext::default(),
        };
        r.frame("ROP request", |r| RopRequest::read(r, &cx))
    }
}

impl Encode for RopRequest<'_> {
    fn encoded_len(&self) -> usize {
        self.body_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.write(buf)
    }
}

/// One ROP response, without context: what needs the request is kept as
/// bytes (see [`RopResponse`]).
impl<'a> Decode<'a> for RopResponse<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, ResponseContext::default())
    }
}

/// One ROP response, with what its request said.
impl<'a, 'c> DecodeWith<'a, ResponseContext<'c>> for RopResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, ctx: ResponseContext<'c>) -> Result<Self> {
        let logons = LogonKinds::default();
        let cx = Cx {
            logons: &logons,
            response: ctx,
        };
        r.frame("ROP response", |r| RopResponse::read(r, &cx))
    }
}

impl Encode for RopResponse<'_> {
    fn encoded_len(&self) -> usize {
        self.body_len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.write(buf)
    }
}
