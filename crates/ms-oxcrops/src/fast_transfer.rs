//! [MS-OXCROPS] 2.2.12 FastTransfer ROPs (field semantics in [MS-OXCFXICS]
//! 2.2.3.1). The FastTransfer stream the buffers carry (TransferData,
//! TransferBuffer) is kept as bytes: its format belongs to an
//! [MS-OXCFXICS] codec.

use std::borrow::Cow;

use ms_oxcdata::{ErrorCode, MessageId};

use crate::codec::{Bytes, Plain, TAGS, Tags, is, list16, opt, rop_struct};

/// [MS-OXCDATA] 2.4 ecServerBusy (0x00000480): the ReturnValue of a
/// RopFastTransferSourceGetBuffer response that carries a BackoffTime
/// instead of a TransferBuffer.
pub const SERVER_BUSY: u32 = 0x0000_0480;

/// The sentinel BufferSize of RopFastTransferSourceGetBuffer that says
/// MaximumBufferSize follows ([MS-OXCROPS] 2.2.12.4.1).
pub const BUFFER_SIZE_SENTINEL: u16 = 0xBABE;

msox_codec::wire_enum! {
    /// [MS-OXCFXICS] 2.2.3.1.2.1.1 SourceOperation of
    /// RopFastTransferDestinationConfigure.
    pub enum SourceOperation: u8 {
        /// The stream comes from a RopFastTransferSourceCopyTo.
        CopyTo = 0x01 => "CopyTo",
        /// The stream comes from a RopFastTransferSourceCopyProperties.
        CopyProperties = 0x02 => "CopyProperties",
        /// The stream comes from a RopFastTransferSourceCopyMessages.
        CopyMessages = 0x03 => "CopyMessages",
        /// The stream comes from a RopFastTransferSourceCopyFolder.
        CopyFolder = 0x04 => "CopyFolder",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCFXICS] 2.2.3.1.1.5.2 / 2.2.3.1.2.2.2 TransferStatus of the
    /// FastTransfer buffer responses.
    pub enum TransferStatus: u16 {
        /// Error: the transfer stopped on an error (see ReturnValue).
        Error = 0x0000 => "Error",
        /// Partial: more data follows.
        Partial = 0x0001 => "Partial",
        /// NoRoom: the stream was split, more data follows.
        NoRoom = 0x0002 => "NoRoom",
        /// Done: the last part of the stream.
        Done = 0x0003 => "Done",
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.1.1.1.2 SendOptions of the FastTransfer source
    /// ROPs and RopSynchronizationConfigure.
    pub struct SendOptions: u8 {
        /// Unicode: string properties in Unicode.
        const UNICODE = 0x01 => "Unicode";
        /// UseCpid: code page property types.
        const USE_CPID = 0x02 => "UseCpid";
        /// ForUpload (0x03): Unicode and UseCpid, for a server-to-client-to-server upload.
        const FOR_UPLOAD = 0x03 => "ForUpload";
        /// RecoverMode: the client supports recovery mode.
        const RECOVER_MODE = 0x04 => "RecoverMode";
        /// ForceUnicode: string properties always in Unicode.
        const FORCE_UNICODE = 0x08 => "ForceUnicode";
        /// PartialItem: the client supports partial item downloads.
        const PARTIAL_ITEM = 0x10 => "PartialItem";
        /// Reserved1.
        const RESERVED1 = 0x20 => "Reserved1";
        /// Reserved2.
        const RESERVED2 = 0x40 => "Reserved2";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.1.1.1.1 CopyFlags of RopFastTransferSourceCopyTo (4 bytes).
    pub struct CopyToFlags: u32 {
        /// Move.
        const MOVE = 0x0000_0001 => "Move";
        /// Unused1.
        const UNUSED1 = 0x0000_0002 => "Unused1";
        /// Unused2.
        const UNUSED2 = 0x0000_0004 => "Unused2";
        /// Unused3.
        const UNUSED3 = 0x0000_0008 => "Unused3";
        /// Unused4.
        const UNUSED4 = 0x0000_0200 => "Unused4";
        /// Unused5.
        const UNUSED5 = 0x0000_0400 => "Unused5";
        /// BestBody: the best body format ([MS-OXBBODY]).
        const BEST_BODY = 0x0000_2000 => "BestBody";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.1.1.2.1 / 2.2.3.1.1.3.1 / 2.2.3.1.1.4.1 CopyFlags
    /// of RopFastTransferSourceCopyProperties, RopFastTransferSourceCopyMessages
    /// and RopFastTransferSourceCopyFolder (1 byte; which bits apply
    /// depends on the ROP), and of RopFastTransferDestinationConfigure.
    pub struct FastTransferCopyFlags: u8 {
        /// Move.
        const MOVE = 0x01 => "Move";
        /// Unused1.
        const UNUSED1 = 0x02 => "Unused1";
        /// Unused2.
        const UNUSED2 = 0x04 => "Unused2";
        /// Unused3.
        const UNUSED3 = 0x08 => "Unused3";
        /// CopySubfolders (RopFastTransferSourceCopyFolder) or BestBody
        /// (RopFastTransferSourceCopyMessages).
        const COPY_SUBFOLDERS_OR_BEST_BODY = 0x10 => "CopySubfolders/BestBody";
        /// SendEntryId (RopFastTransferSourceCopyMessages).
        const SEND_ENTRY_ID = 0x20 => "SendEntryId";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.1.1 RopFastTransferDestinationConfigure ROP Request Buffer.
    pub struct RopFastTransferDestinationConfigureRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the destination object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the upload context goes.
        pub output_handle_index: u8,
        /// SourceOperation ([MS-OXCFXICS] 2.2.3.1.2.1.1).
        pub source_operation: SourceOperation,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.2.1.1: Move).
        pub copy_flags: FastTransferCopyFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.2.1 RopFastTransferDestinationPutBuffer ROP
    /// Request Buffer (also 2.2.12.3.1 RopFastTransferDestinationPutBufferExtended).
    pub struct RopFastTransferDestinationPutBufferRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// TransferData after its 2-byte TransferDataSize: a piece of a
        /// FastTransfer stream, as bytes.
        pub transfer_data: Cow<'a, [u8]> => Bytes::<2>("TransferDataSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.2.2 RopFastTransferDestinationPutBuffer ROP
    /// Response Buffer (one form, success or not).
    pub struct RopFastTransferDestinationPutBufferResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// TransferStatus ([MS-OXCFXICS] 2.2.3.1.2.2.2).
        pub transfer_status: TransferStatus,
        /// InProgressCount (2 bytes).
        pub in_progress_count: u16,
        /// TotalStepCount (2 bytes).
        pub total_step_count: u16,
        /// Reserved: 0.
        pub reserved: u8,
        /// BufferUsedSize: the bytes of TransferData used.
        pub buffer_used_size: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended
    /// ROP Response Buffer (one form, success or not).
    pub struct RopFastTransferDestinationPutBufferExtendedResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// TransferStatus ([MS-OXCFXICS] 2.2.3.1.2.2.2).
        pub transfer_status: TransferStatus,
        /// InProgressCount (4 bytes).
        pub in_progress_count: u32,
        /// TotalStepCount (4 bytes).
        pub total_step_count: u32,
        /// Reserved: 0.
        pub reserved: u8,
        /// BufferUsedSize: the bytes of TransferData used.
        pub buffer_used_size: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.4.1 RopFastTransferSourceGetBuffer ROP Request Buffer.
    pub struct RopFastTransferSourceGetBufferRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the download context.
        pub input_handle_index: u8,
        /// BufferSize: the size wanted, or [`BUFFER_SIZE_SENTINEL`].
        pub buffer_size: u16,
        /// MaximumBufferSize: present when BufferSize is [`BUFFER_SIZE_SENTINEL`].
        pub maximum_buffer_size: Option<u16> => opt(is(buffer_size, 0xBABE), "MaximumBufferSize", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.4.2 RopFastTransferSourceGetBuffer ROP Response
    /// Buffer (one form): TransferBuffer when ReturnValue is not
    /// [`SERVER_BUSY`], BackoffTime when it is.
    pub struct RopFastTransferSourceGetBufferResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// TransferStatus ([MS-OXCFXICS] 2.2.3.1.1.5.2).
        pub transfer_status: TransferStatus,
        /// InProgressCount (2 bytes).
        pub in_progress_count: u16,
        /// TotalStepCount (2 bytes).
        pub total_step_count: u16,
        /// Reserved: 0.
        pub reserved: u8,
        /// TransferBufferSize: the size of TransferBuffer (as sent, also
        /// when TransferBuffer is absent).
        pub transfer_buffer_size: u16,
        /// TransferBuffer: a piece of the FastTransfer stream, as bytes
        /// (absent when ReturnValue is [`SERVER_BUSY`]).
        pub transfer_buffer: Option<Cow<'a, [u8]>> => opt(!is(return_value, 0x480), "TransferBuffer", crate::codec::fixed(transfer_buffer_size, "TransferBuffer")),
        /// BackoffTime: milliseconds to wait (present when ReturnValue is
        /// [`SERVER_BUSY`]).
        pub backoff_time: Option<u32> => opt(is(return_value, 0x480), "BackoffTime", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.5.1 RopFastTransferSourceCopyFolder ROP Request Buffer.
    pub struct RopFastTransferSourceCopyFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the download context goes.
        pub output_handle_index: u8,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.4.1).
        pub copy_flags: FastTransferCopyFlags,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        pub send_options: SendOptions,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.6.1 RopFastTransferSourceCopyMessages ROP Request Buffer.
    pub struct RopFastTransferSourceCopyMessagesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the download context goes.
        pub output_handle_index: u8,
        /// MessageIds after their 2-byte MessageIdCount.
        pub message_ids: Vec<MessageId> => list16("MessageIdCount", 8, Plain),
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.3.1).
        pub copy_flags: FastTransferCopyFlags,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        pub send_options: SendOptions,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.7.1 RopFastTransferSourceCopyTo ROP Request Buffer.
    pub struct RopFastTransferSourceCopyToRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the download context goes.
        pub output_handle_index: u8,
        /// Level: 0 to copy descendant subobjects too.
        pub level: u8,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.1.1, 4 bytes).
        pub copy_flags: CopyToFlags,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        pub send_options: SendOptions,
        /// PropertyTags after their 2-byte PropertyTagCount: the properties
        /// to leave out.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.8.1 RopFastTransferSourceCopyProperties ROP Request Buffer.
    pub struct RopFastTransferSourceCopyPropertiesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the download context goes.
        pub output_handle_index: u8,
        /// Level: 0 to copy descendant subobjects too.
        pub level: u8,
        /// CopyFlags ([MS-OXCFXICS] 2.2.3.1.1.2.1).
        pub copy_flags: FastTransferCopyFlags,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        pub send_options: SendOptions,
        /// PropertyTags after their 2-byte PropertyTagCount: the properties
        /// to copy.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.12.9.1 RopTellVersion ROP Request Buffer.
    pub struct RopTellVersionRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the download or upload context.
        pub input_handle_index: u8,
        /// Version (6 bytes): the other server's version, three 16-bit parts.
        pub version: [u16; 3] => crate::codec::Array(Plain),
    }
}
