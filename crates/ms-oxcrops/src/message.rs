//! [MS-OXCROPS] 2.2.6 Message ROPs: messages, recipients and attachments
//! (field semantics in [MS-OXCMSG] 2.2.3).

use std::borrow::Cow;

use ms_oxcdata::{
    FolderId, LongTermId, MessageId, PropertyTag, RecipientRow, RowContext, TypedString,
    ValueContext,
};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result, Unit,
};

use crate::codec::{Codec, Plain, ROP_CODE_PAGE, TAGS, Tags, list8, list16, nz, opt, rop_struct};
use crate::context::{Cx, LogonKind};
use crate::logon::HandleRequest;
use crate::rop_id::RopId;

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.1.1 OpenModeFlags of RopOpenMessage (0x00:
    /// ReadOnly).
    pub struct MessageOpenModeFlags: u8 {
        /// ReadWrite.
        const READ_WRITE = 0x01 => "ReadWrite";
        /// BestAccess (0x03): read/write if the user may write, else read-only.
        const BEST_ACCESS = 0x03 => "BestAccess";
        /// OpenSoftDeleted: open a soft-deleted message.
        const OPEN_SOFT_DELETED = 0x04 => "OpenSoftDeleted";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.16.1 OpenModeFlags of RopOpenEmbeddedMessage
    /// (0x00: ReadOnly).
    pub struct EmbeddedMessageOpenModeFlags: u8 {
        /// ReadWrite.
        const READ_WRITE = 0x01 => "ReadWrite";
        /// Create: create the embedded message if there is none.
        const CREATE = 0x02 => "Create";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.12.1 OpenAttachmentFlags of RopOpenAttachment
    /// (0x00: ReadOnly).
    pub struct OpenAttachmentFlags: u8 {
        /// ReadWrite.
        const READ_WRITE = 0x01 => "ReadWrite";
        /// BestAccess (0x03): read/write if the user may write, else read-only.
        const BEST_ACCESS = 0x03 => "BestAccess";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.3.1 SaveFlags of RopSaveChangesMessage and
    /// RopSaveChangesAttachment.
    pub struct SaveFlags: u8 {
        /// KeepOpenReadOnly.
        const KEEP_OPEN_READ_ONLY = 0x01 => "KeepOpenReadOnly";
        /// KeepOpenReadWrite.
        const KEEP_OPEN_READ_WRITE = 0x02 => "KeepOpenReadWrite";
        /// ForceSave.
        const FORCE_SAVE = 0x04 => "ForceSave";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.10.1 / 2.2.3.11.1 ReadFlags of RopSetReadFlags and
    /// RopSetMessageReadFlag (0x00: rfDefault).
    pub struct ReadFlags: u8 {
        /// rfSuppressReceipt.
        const RF_SUPPRESS_RECEIPT = 0x01 => "rfSuppressReceipt";
        /// rfClearReadFlag.
        const RF_CLEAR_READ_FLAG = 0x04 => "rfClearReadFlag";
        /// rfReserved (0x0A, ignored by servers).
        const RF_RESERVED = 0x0A => "rfReserved";
        /// rfGenerateReceiptOnly.
        const RF_GENERATE_RECEIPT_ONLY = 0x10 => "rfGenerateReceiptOnly";
        /// rfClearNotifyRead.
        const RF_CLEAR_NOTIFY_READ = 0x20 => "rfClearNotifyRead";
        /// rfClearNotifyUnread.
        const RF_CLEAR_NOTIFY_UNREAD = 0x40 => "rfClearNotifyUnread";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.8.1 MessageStatusFlags (PidTagMessageStatus).
    pub struct MessageStatusFlags: u32 {
        /// msInConflict.
        const MS_IN_CONFLICT = 0x0000_0800 => "msInConflict";
        /// msRemoteDownload.
        const MS_REMOTE_DOWNLOAD = 0x0000_1000 => "msRemoteDownload";
        /// msRemoteDelete.
        const MS_REMOTE_DELETE = 0x0000_2000 => "msRemoteDelete";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCMSG] 2.2.3.17.1 TableFlags of RopGetAttachmentTable (0x00:
    /// Standard).
    pub struct AttachmentTableFlags: u8 {
        /// Unicode: string columns in Unicode.
        const UNICODE = 0x40 => "Unicode";
    }
}

/// [MS-OXCMSG] 2.2.3.1.2 RecipientType values of recipient rows: the type
/// (the low bits) with flags.
pub mod recipient_type {
    /// Primary (To) recipient.
    pub const PRIMARY: u8 = 0x01;
    /// Carbon copy (Cc) recipient.
    pub const CC: u8 = 0x02;
    /// Blind carbon copy (Bcc) recipient.
    pub const BCC: u8 = 0x03;
    /// Flag 0x10 ([MS-OXCMSG] 2.2.3.1.2 flags table).
    pub const FLAG_10: u8 = 0x10;
    /// Flag 0x80 ([MS-OXCMSG] 2.2.3.1.2 flags table).
    pub const FLAG_80: u8 = 0x80;
}

/// A TypedString ([MS-OXCDATA] 2.11.7) in the ROP code page.
#[derive(Clone, Copy)]
pub(crate) struct TypedStr;

impl<'a> Codec<'a, TypedString> for TypedStr {
    fn read(&self, r: &mut Reader<'a>) -> Result<TypedString> {
        TypedString::decode_with(r, ROP_CODE_PAGE)
    }
    fn len(&self, v: &TypedString) -> usize {
        v.encoded_len_with(ROP_CODE_PAGE)
    }
    fn write<B: BufMut>(&self, v: &TypedString, buf: &mut B) -> Result<()> {
        v.encode_with(ROP_CODE_PAGE, buf)
    }
}

/// [MS-OXCDATA] 2.8.3.2 a RecipientRow after its 2-byte RecipientRowSize,
/// as ROP recipient rows carry it: decoded with the recipient columns, or
/// kept as bytes (lenient decoding of a row that does not decode, or a
/// row whose columns were not known).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RecipientRowData<'a> {
    /// The RecipientRow.
    Row(Box<RecipientRow>),
    /// The RecipientRow's bytes, as read.
    Raw(Cow<'a, [u8]>),
}

impl RecipientRowData<'_> {
    /// The decoded row.
    pub fn row(&self) -> Option<&RecipientRow> {
        match self {
            RecipientRowData::Row(r) => Some(r),
            RecipientRowData::Raw(_) => None,
        }
    }
}

fn value_context(code_page_id: u16) -> ValueContext {
    if code_page_id == 0 {
        ValueContext::ROP
    } else {
        ValueContext::ROP.with_code_page(CodePage(u32::from(code_page_id)))
    }
}

/// Reads a RecipientRowSize and the RecipientRow it delimits.
fn read_recipient_row<'a>(
    r: &mut Reader<'a>,
    columns: Option<&[PropertyTag]>,
    code_page_id: u16,
) -> Result<RecipientRowData<'a>> {
    let size = usize::from(r.u16()?);
    let Some(columns) = columns else {
        let at = r.pos();
        let bytes = r.bytes(size)?;
        r.defect_at(
            ErrorKind::Unsupported(
                "a RecipientRow needs the message's recipient columns (a ResponseContext)".into(),
            ),
            at,
            "row kept as bytes",
        )?;
        return Ok(RecipientRowData::Raw(Cow::Borrowed(bytes)));
    };
    let ctx = RowContext::new(columns, value_context(code_page_id));
    match r.unit(size, "RecipientRow kept as bytes", |r| {
        let row = RecipientRow::read(r, &ctx)?;
        r.expect_end()?;
        Ok(row)
    })? {
        Unit::Value(row) => Ok(RecipientRowData::Row(Box::new(row))),
        Unit::Raw(bytes) => Ok(RecipientRowData::Raw(Cow::Borrowed(bytes))),
    }
}

fn recipient_row_len(row: &RecipientRowData<'_>, columns: &[PropertyTag], cp: u16) -> usize {
    2 + match row {
        RecipientRowData::Row(x) => x.wire_len(&RowContext::new(columns, value_context(cp))),
        RecipientRowData::Raw(b) => b.len(),
    }
}

fn write_recipient_row<B: BufMut>(
    row: &RecipientRowData<'_>,
    columns: &[PropertyTag],
    cp: u16,
    buf: &mut B,
) -> Result<()> {
    match row {
        RecipientRowData::Row(x) => {
            let ctx = RowContext::new(columns, value_context(cp));
            buf.put_u16_le(msox_codec::fit_u16(x.wire_len(&ctx), "RecipientRowSize")?);
            x.write(&ctx, buf)
        }
        RecipientRowData::Raw(b) => {
            buf.put_u16_le(msox_codec::fit_u16(b.len(), "RecipientRowSize")?);
            buf.put_slice(b);
            Ok(())
        }
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.1.1 RopOpenMessage ROP Request Buffer.
    pub struct RopOpenMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: a Logon or Folder object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Message object goes.
        pub output_handle_index: u8,
        /// CodePageId: the code page of the message's 8-bit strings.
        pub code_page_id: u16,
        /// FolderId: the folder of the message.
        pub folder_id: FolderId,
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.1.1).
        pub open_mode_flags: MessageOpenModeFlags,
        /// MessageId: the message.
        pub message_id: MessageId,
    }
}

/// [MS-OXCROPS] 2.2.6.1.2.1 OpenRecipientRow Structure: one recipient of
/// a RopOpenMessage, RopReloadCachedInformation or RopOpenEmbeddedMessage
/// response, laid out by the response's RecipientColumns.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OpenRecipientRow<'a> {
    /// RecipientType (see [`recipient_type`]).
    pub recipient_type: u8,
    /// CodePageId: the code page of the row's 8-bit strings.
    pub code_page_id: u16,
    /// Reserved: 0.
    pub reserved: u16,
    /// RecipientRow after its 2-byte RecipientRowSize.
    pub recipient_row: RecipientRowData<'a>,
}

/// The codec of an [`OpenRecipientRow`] with the response's columns.
pub(crate) struct OpenRows<'c>(&'c [PropertyTag]);

pub(crate) fn open_rows<T: AsRef<[PropertyTag]> + ?Sized>(columns: &T) -> OpenRows<'_> {
    OpenRows(columns.as_ref())
}

impl<'a> Codec<'a, OpenRecipientRow<'a>> for OpenRows<'_> {
    fn read(&self, r: &mut Reader<'a>) -> Result<OpenRecipientRow<'a>> {
        r.frame("OpenRecipientRow", |r| {
            let recipient_type = r.u8()?;
            let code_page_id = r.u16()?;
            let reserved = r.u16()?;
            let recipient_row = read_recipient_row(r, Some(self.0), code_page_id)?;
            Ok(OpenRecipientRow {
                recipient_type,
                code_page_id,
                reserved,
                recipient_row,
            })
        })
    }
    fn len(&self, v: &OpenRecipientRow<'a>) -> usize {
        5 + recipient_row_len(&v.recipient_row, self.0, v.code_page_id)
    }
    fn write<B: BufMut>(&self, v: &OpenRecipientRow<'a>, buf: &mut B) -> Result<()> {
        buf.put_u8(v.recipient_type);
        buf.put_u16_le(v.code_page_id);
        buf.put_u16_le(v.reserved);
        write_recipient_row(&v.recipient_row, self.0, v.code_page_id, buf)
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.1.2 RopOpenMessage ROP Success Response Buffer
    /// (also 2.2.6.7.2 RopReloadCachedInformation).
    pub struct RopOpenMessageResponse<'a> {
        /// OutputHandleIndex (InputHandleIndex for RopReloadCachedInformation).
        pub handle_index: u8,
        @success
        /// HasNamedProperties: nonzero if the message has named properties.
        pub has_named_properties: u8,
        /// SubjectPrefix ([MS-OXCDATA] 2.11.7 TypedString).
        pub subject_prefix: TypedString => TypedStr,
        /// NormalizedSubject ([MS-OXCDATA] 2.11.7 TypedString).
        pub normalized_subject: TypedString => TypedStr,
        /// RecipientCount: the recipients of the message.
        pub recipient_count: u16,
        /// RecipientColumns after their 2-byte ColumnCount.
        pub recipient_columns: Tags => TAGS,
        /// RecipientRows after their 1-byte RowCount (the rows that fit).
        pub recipient_rows: Vec<OpenRecipientRow<'a>> => list8("RowCount", 7, open_rows(&recipient_columns)),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.2.1 RopCreateMessage ROP Request Buffer.
    pub struct RopCreateMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: a Logon or Folder object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Message object goes.
        pub output_handle_index: u8,
        /// CodePageId: the code page of the message's 8-bit strings.
        pub code_page_id: u16,
        /// FolderId: the folder the message goes in.
        pub folder_id: FolderId,
        /// AssociatedFlag: nonzero for a folder associated information (FAI) message.
        pub associated_flag: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.2.2 RopCreateMessage ROP Success Response Buffer.
    pub struct RopCreateMessageResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// HasMessageId: nonzero when MessageId follows.
        pub has_message_id: u8,
        /// MessageId: present when HasMessageId is nonzero.
        pub message_id: Option<MessageId> => opt(nz(has_message_id), "MessageId", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.3.1 RopSaveChangesMessage ROP Request Buffer
    /// (also 2.2.6.15.1 RopSaveChangesAttachment).
    pub struct RopSaveChangesMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// ResponseHandleIndex: the handle index the response names.
        pub response_handle_index: u8,
        /// InputHandleIndex: the Message (or Attachment) object.
        pub input_handle_index: u8,
        /// SaveFlags ([MS-OXCMSG] 2.2.3.3.1).
        pub save_flags: SaveFlags,
    }
}

/// [MS-OXCROPS] 2.2.6.15.1 RopSaveChangesAttachment ROP Request Buffer.
pub type RopSaveChangesAttachmentRequest = RopSaveChangesMessageRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.3.2 RopSaveChangesMessage ROP Success Response Buffer.
    pub struct RopSaveChangesMessageResponse {
        /// ResponseHandleIndex.
        pub response_handle_index: u8,
        @success
        /// InputHandleIndex: the request's InputHandleIndex.
        pub input_handle_index: u8,
        /// MessageId: the saved message.
        pub message_id: MessageId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.4.1 RopRemoveAllRecipients ROP Request Buffer.
    pub struct RopRemoveAllRecipientsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// Reserved: 0.
        pub reserved: u32,
    }
}

/// [MS-OXCROPS] 2.2.6.5.1.1 ModifyRecipientRow Structure: a recipient to
/// add, change or (without RecipientRow) remove.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ModifyRecipientRow<'a> {
    /// RowId: the recipient's row.
    pub row_id: u32,
    /// RecipientType (see [`recipient_type`]).
    pub recipient_type: u8,
    /// RecipientRow after its 2-byte RecipientRowSize; `None` (size 0)
    /// removes the recipient.
    pub recipient_row: Option<RecipientRowData<'a>>,
}

/// The codec of a [`ModifyRecipientRow`] with the request's columns.
pub(crate) struct ModifyRows<'c>(&'c [PropertyTag]);

pub(crate) fn modify_rows<T: AsRef<[PropertyTag]> + ?Sized>(columns: &T) -> ModifyRows<'_> {
    ModifyRows(columns.as_ref())
}

impl<'a> Codec<'a, ModifyRecipientRow<'a>> for ModifyRows<'_> {
    fn read(&self, r: &mut Reader<'a>) -> Result<ModifyRecipientRow<'a>> {
        r.frame("ModifyRecipientRow", |r| {
            let row_id = r.u32()?;
            let recipient_type = r.u8()?;
            let recipient_row = if r.peek(2)? == [0, 0] {
                r.skip(2)?;
                None
            } else {
                Some(read_recipient_row(r, Some(self.0), 0)?)
            };
            Ok(ModifyRecipientRow {
                row_id,
                recipient_type,
                recipient_row,
            })
        })
    }
    fn len(&self, v: &ModifyRecipientRow<'a>) -> usize {
        5 + v
            .recipient_row
            .as_ref()
            .map_or(2, |x| recipient_row_len(x, self.0, 0))
    }
    fn write<B: BufMut>(&self, v: &ModifyRecipientRow<'a>, buf: &mut B) -> Result<()> {
        buf.put_u32_le(v.row_id);
        buf.put_u8(v.recipient_type);
        match &v.recipient_row {
            None => {
                buf.put_u16_le(0);
                Ok(())
            }
            Some(RecipientRowData::Raw(b)) if b.is_empty() => Err(Error::new(
                ErrorKind::Malformed("an empty RecipientRow is written as no RecipientRow".into()),
            )),
            Some(x) => write_recipient_row(x, self.0, 0, buf),
        }
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.5.1 RopModifyRecipients ROP Request Buffer.
    pub struct RopModifyRecipientsRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// RecipientColumns after their 2-byte ColumnCount.
        pub recipient_columns: Tags => TAGS,
        /// RecipientRows after their 2-byte RowCount.
        pub recipient_rows: Vec<ModifyRecipientRow<'a>> => list16("RowCount", 7, modify_rows(&recipient_columns)),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.6.1 RopReadRecipients ROP Request Buffer.
    pub struct RopReadRecipientsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// RowId: the first row to read.
        pub row_id: u32,
        /// Reserved: 0.
        pub reserved: u16,
    }
}

/// [MS-OXCROPS] 2.2.6.6.2.1 ReadRecipientRow Structure.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReadRecipientRow<'a> {
    /// RowId: the recipient's row.
    pub row_id: u32,
    /// RecipientType (see [`recipient_type`]).
    pub recipient_type: u8,
    /// CodePageId: the code page of the row's 8-bit strings.
    pub code_page_id: u16,
    /// Reserved: 0.
    pub reserved: u16,
    /// RecipientRow after its 2-byte RecipientRowSize.
    pub recipient_row: RecipientRowData<'a>,
}

/// [MS-OXCROPS] 2.2.6.6.2 RopReadRecipients ROP Success Response Buffer.
///
/// The rows are laid out by the message's recipient columns (from its
/// RopOpenMessage response or RopModifyRecipients request; the
/// [`crate::ResponseContext`] carries them). Each row is delimited by its
/// size, so without the columns the rows are kept as bytes one by one.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopReadRecipientsResponse<'a> {
    /// InputHandleIndex.
    pub input_handle_index: u8,
    /// The recipient columns the rows were decoded with (empty when not known).
    pub recipient_columns: Vec<PropertyTag>,
    /// RecipientRows after their 1-byte RowCount.
    pub recipient_rows: Vec<ReadRecipientRow<'a>>,
}

impl<'a> RopReadRecipientsResponse<'a> {
    pub(crate) fn read_rop(r: &mut Reader<'a>, cx: &Cx<'_>) -> Result<Self> {
        Self::read_with(r, cx.response.columns(RopId::ReadRecipients))
    }

    fn read_with(r: &mut Reader<'a>, columns: Option<&[PropertyTag]>) -> Result<Self> {
        let input_handle_index = r.u8()?;
        crate::codec::read_success(r)?;
        let n = r.u8()?;
        let mut i = 0usize;
        let recipient_rows = r.counted(u64::from(n), 11, "RowCount", |r| {
            i += 1;
            r.frame_indexed("ReadRecipientRow", i - 1, |r| {
                let row_id = r.u32()?;
                let recipient_type = r.u8()?;
                let code_page_id = r.u16()?;
                let reserved = r.u16()?;
                let recipient_row = read_recipient_row(r, columns, code_page_id)?;
                Ok(ReadRecipientRow {
                    row_id,
                    recipient_type,
                    code_page_id,
                    reserved,
                    recipient_row,
                })
            })
        })?;
        Ok(RopReadRecipientsResponse {
            input_handle_index,
            recipient_columns: columns.map(<[PropertyTag]>::to_vec).unwrap_or_default(),
            recipient_rows,
        })
    }
}

/// A RopReadRecipients success response (after its RopId) with the
/// message's recipient columns.
impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for RopReadRecipientsResponse<'a> {
    fn decode_with(r: &mut Reader<'a>, columns: &'c [PropertyTag]) -> Result<Self> {
        Self::read_with(r, Some(columns))
    }
}

impl Encode for RopReadRecipientsResponse<'_> {
    fn encoded_len(&self) -> usize {
        1 + 4
            + 1
            + self
                .recipient_rows
                .iter()
                .map(|x| {
                    9 + recipient_row_len(&x.recipient_row, &self.recipient_columns, x.code_page_id)
                })
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.input_handle_index);
        buf.put_u32_le(0);
        buf.put_u8(msox_codec::fit_u8(self.recipient_rows.len(), "RowCount")?);
        for x in &self.recipient_rows {
            buf.put_u32_le(x.row_id);
            buf.put_u8(x.recipient_type);
            buf.put_u16_le(x.code_page_id);
            buf.put_u16_le(x.reserved);
            write_recipient_row(
                &x.recipient_row,
                &self.recipient_columns,
                x.code_page_id,
                buf,
            )?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.7.1 RopReloadCachedInformation ROP Request Buffer.
    pub struct RopReloadCachedInformationRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// Reserved: 0.
        pub reserved: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.8.1 RopSetMessageStatus ROP Request Buffer.
    pub struct RopSetMessageStatusRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// MessageId: the message.
        pub message_id: MessageId,
        /// MessageStatusFlags: the new values of the bits in the mask.
        pub message_status_flags: MessageStatusFlags,
        /// MessageStatusMask: the bits to change.
        pub message_status_mask: MessageStatusFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.8.2 RopSetMessageStatus ROP Success Response
    /// Buffer (also the success response of RopGetMessageStatus, 2.2.6.9.2).
    pub struct MessageStatusResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// MessageStatusFlags: the status before the operation.
        pub message_status_flags: MessageStatusFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.9.1 RopGetMessageStatus ROP Request Buffer.
    pub struct RopGetMessageStatusRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// MessageId: the message.
        pub message_id: MessageId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.10.1 RopSetReadFlags ROP Request Buffer.
    pub struct RopSetReadFlagsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// ReadFlags ([MS-OXCMSG] 2.2.3.10.1).
        pub read_flags: ReadFlags,
        /// MessageIds after their 2-byte MessageIdCount.
        pub message_ids: Vec<MessageId> => list16("MessageIdCount", 8, Plain),
    }
}

/// [MS-OXCROPS] 2.2.6.11.1 RopSetMessageReadFlag ROP Request Buffer.
///
/// ClientData is present when the logon is a public folders logon: decoding
/// needs the logon's kind ([`crate::LogonKinds`]); without it lenient
/// decoding assumes a private mailbox logon (no ClientData) with a defect,
/// and strict decoding fails.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopSetMessageReadFlagRequest {
    /// LogonId.
    pub logon_id: u8,
    /// ResponseHandleIndex: the handle index the response names.
    pub response_handle_index: u8,
    /// InputHandleIndex: the message.
    pub input_handle_index: u8,
    /// ReadFlags ([MS-OXCMSG] 2.2.3.11.1).
    pub read_flags: ReadFlags,
    /// ClientData: a LongTermID of the message, on a public folders logon.
    pub client_data: Option<LongTermId>,
}

impl RopSetMessageReadFlagRequest {
    pub(crate) fn read_rop(r: &mut Reader<'_>, cx: &Cx<'_>) -> Result<Self> {
        let logon_id = r.u8()?;
        let response_handle_index = r.u8()?;
        let input_handle_index = r.u8()?;
        let read_flags = r.decode()?;
        let public = match cx.logons.get(logon_id) {
            Some(k) => k == LogonKind::PublicFolders,
            None => {
                r.defect(
                    ErrorKind::Unsupported(
                        "RopSetMessageReadFlag needs the kind of its logon".into(),
                    ),
                    "assumed a private mailbox logon (no ClientData)",
                )?;
                false
            }
        };
        let client_data = if public { Some(r.decode()?) } else { None };
        Ok(RopSetMessageReadFlagRequest {
            logon_id,
            response_handle_index,
            input_handle_index,
            read_flags,
            client_data,
        })
    }
}

impl Encode for RopSetMessageReadFlagRequest {
    fn encoded_len(&self) -> usize {
        4 + self.client_data.map_or(0, |_| 24)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u8(self.logon_id);
        buf.put_u8(self.response_handle_index);
        buf.put_u8(self.input_handle_index);
        buf.put_u8(self.read_flags.bits());
        if let Some(c) = &self.client_data {
            c.encode(buf)?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.11.2 the fields a RopSetMessageReadFlag response
    /// adds when ReadStatusChanged is nonzero.
    #[derive(Copy, Eq)]
    pub struct ReadStatusChange {
        /// LogonId: the request's LogonId.
        pub logon_id: u8,
        /// ClientData: the request's ClientData.
        pub client_data: LongTermId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.11.2 RopSetMessageReadFlag ROP Success Response Buffer.
    pub struct RopSetMessageReadFlagResponse {
        /// ResponseHandleIndex.
        pub response_handle_index: u8,
        @success
        /// ReadStatusChanged: nonzero if a public folder message's read
        /// status changed (LogonId and ClientData follow).
        pub read_status_changed: u8,
        /// LogonId and ClientData: present when ReadStatusChanged is nonzero.
        pub change: Option<ReadStatusChange> => opt(nz(read_status_changed), "ClientData", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.12.1 RopOpenAttachment ROP Request Buffer.
    pub struct RopOpenAttachmentRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Attachment object goes.
        pub output_handle_index: u8,
        /// OpenAttachmentFlags ([MS-OXCMSG] 2.2.3.12.1).
        pub open_attachment_flags: OpenAttachmentFlags,
        /// AttachmentID: the attachment.
        pub attachment_id: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.13.1 RopCreateAttachment ROP Request Buffer
    /// (also the request of other ROPs that make an object from a handle
    /// with no other fields: RopCloneStream, RopSynchronizationGetTransferState).
    pub struct OutputHandleRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object acted on.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the new object goes.
        pub output_handle_index: u8,
    }
}

/// [MS-OXCROPS] 2.2.6.13.1 RopCreateAttachment ROP Request Buffer.
pub type RopCreateAttachmentRequest = OutputHandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.13.2 RopCreateAttachment ROP Success Response Buffer.
    pub struct RopCreateAttachmentResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// AttachmentID: the new attachment.
        pub attachment_id: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.14.1 RopDeleteAttachment ROP Request Buffer.
    pub struct RopDeleteAttachmentRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// AttachmentID: the attachment.
        pub attachment_id: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.16.1 RopOpenEmbeddedMessage ROP Request Buffer.
    pub struct RopOpenEmbeddedMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the attachment.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Message object goes.
        pub output_handle_index: u8,
        /// CodePageId: the code page of the message's 8-bit strings.
        pub code_page_id: u16,
        /// OpenModeFlags ([MS-OXCMSG] 2.2.3.16.1).
        pub open_mode_flags: EmbeddedMessageOpenModeFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.16.2 RopOpenEmbeddedMessage ROP Success Response Buffer.
    pub struct RopOpenEmbeddedMessageResponse<'a> {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// Reserved: 0.
        pub reserved: u8,
        /// MessageId: the embedded message.
        pub message_id: MessageId,
        /// HasNamedProperties: nonzero if the message has named properties.
        pub has_named_properties: u8,
        /// SubjectPrefix ([MS-OXCDATA] 2.11.7 TypedString).
        pub subject_prefix: TypedString => TypedStr,
        /// NormalizedSubject ([MS-OXCDATA] 2.11.7 TypedString).
        pub normalized_subject: TypedString => TypedStr,
        /// RecipientCount: the recipients of the message.
        pub recipient_count: u16,
        /// RecipientColumns after their 2-byte ColumnCount.
        pub recipient_columns: Tags => TAGS,
        /// RecipientRows after their 1-byte RowCount.
        pub recipient_rows: Vec<OpenRecipientRow<'a>> => list8("RowCount", 7, open_rows(&recipient_columns)),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.17.1 RopGetAttachmentTable ROP Request Buffer.
    pub struct RopGetAttachmentTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Table object goes.
        pub output_handle_index: u8,
        /// TableFlags ([MS-OXCMSG] 2.2.3.17.1).
        pub table_flags: AttachmentTableFlags,
    }
}

/// [MS-OXCROPS] 2.2.6.18.1 RopGetValidAttachments ROP Request Buffer.
pub type RopGetValidAttachmentsRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.6.18.2 RopGetValidAttachments ROP Success Response
    /// Buffer. AttachmentIdCount is read as 2 bytes, as Exchange and the
    /// [MS-OXCROPS] field diagram have it (one revision's prose says 4).
    pub struct RopGetValidAttachmentsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// AttachmentIdArray after its 2-byte AttachmentIdCount.
        pub attachment_ids: Vec<u32> => list16("AttachmentIdCount", 4, Plain),
    }
}
