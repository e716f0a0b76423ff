//! [MS-OXCROPS] 2.2.9 Stream ROPs (field semantics in [MS-OXCPRPT] 2.2.14-2.2.24).

use std::borrow::Cow;

use ms_oxcdata::{ErrorCode, PropertyTag};

use crate::codec::{Bytes, Plain, is, opt, rop_struct};

msox_codec::wire_flags! {
    /// [MS-OXCPRPT] 2.2.14.1 OpenModeFlags of RopOpenStream (0x00: ReadOnly).
    pub struct StreamOpenModeFlags: u8 {
        /// ReadWrite.
        const READ_WRITE = 0x01 => "ReadWrite";
        /// Create: create the property if it does not exist (read/write).
        const CREATE = 0x02 => "Create";
        /// BestAccess (0x03): read/write if allowed, else read-only.
        const BEST_ACCESS = 0x03 => "BestAccess";
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCPRPT] 2.2.21.1 Origin of RopSeekStream.
    pub enum SeekOrigin: u8 {
        /// From the beginning of the stream.
        Beginning = 0x00 => "Beginning",
        /// From the current position.
        Current = 0x01 => "Current",
        /// From the end of the stream.
        End = 0x02 => "End",
    }
}

/// The sentinel ByteCount of RopReadStream that says MaximumByteCount
/// follows ([MS-OXCROPS] 2.2.9.2.1).
pub const BYTE_COUNT_SENTINEL: u16 = 0xBABE;

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.1.1 RopOpenStream ROP Request Buffer.
    pub struct RopOpenStreamRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the object that holds the property.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Stream object goes.
        pub output_handle_index: u8,
        /// PropertyTag: the property to open as a stream.
        pub property_tag: PropertyTag,
        /// OpenModeFlags ([MS-OXCPRPT] 2.2.14.1).
        pub open_mode_flags: StreamOpenModeFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.1.2 RopOpenStream ROP Success Response Buffer.
    pub struct RopOpenStreamResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// StreamSize: the size of the stream.
        pub stream_size: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.2.1 RopReadStream ROP Request Buffer.
    pub struct RopReadStreamRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the stream.
        pub input_handle_index: u8,
        /// ByteCount: the most bytes to read, or [`BYTE_COUNT_SENTINEL`].
        pub byte_count: u16,
        /// MaximumByteCount: present when ByteCount is [`BYTE_COUNT_SENTINEL`].
        pub maximum_byte_count: Option<u32> => opt(is(byte_count, 0xBABE), "MaximumByteCount", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.2.2 RopReadStream ROP Response Buffer (one form,
    /// success or not).
    pub struct RopReadStreamResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// Data after its 2-byte DataSize: the bytes read.
        pub data: Cow<'a, [u8]> => Bytes::<2>("DataSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.3.1 RopWriteStream ROP Request Buffer (also
    /// 2.2.9.4.1 RopWriteStreamExtended and 2.2.9.12.1 RopWriteAndCommitStream).
    pub struct RopWriteStreamRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the stream.
        pub input_handle_index: u8,
        /// Data after its 2-byte DataSize: the bytes to write.
        pub data: Cow<'a, [u8]> => Bytes::<2>("DataSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.3.2 RopWriteStream ROP Response Buffer (also
    /// 2.2.9.12.2 RopWriteAndCommitStream): one form, success or not.
    pub struct RopWriteStreamResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// WrittenSize (2 bytes): the bytes written.
        pub written_size: u16,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.4.2 RopWriteStreamExtended ROP Response Buffer.
    pub struct RopWriteStreamExtendedResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// WrittenSize (4 bytes): the bytes written.
        pub written_size: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.6.2 RopGetStreamSize ROP Success Response Buffer.
    pub struct RopGetStreamSizeResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// StreamSize (4 bytes).
        pub stream_size: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.7.1 RopSetStreamSize ROP Request Buffer.
    pub struct RopSetStreamSizeRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the stream.
        pub input_handle_index: u8,
        /// StreamSize (8 bytes): the new size.
        pub stream_size: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.8.1 RopSeekStream ROP Request Buffer.
    pub struct RopSeekStreamRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the stream.
        pub input_handle_index: u8,
        /// Origin ([MS-OXCPRPT] 2.2.21.1).
        pub origin: SeekOrigin,
        /// Offset: from the origin; may be negative.
        pub offset: i64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.8.2 RopSeekStream ROP Success Response Buffer.
    pub struct RopSeekStreamResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// NewPosition: the position after the seek.
        pub new_position: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.9.1 RopCopyToStream ROP Request Buffer.
    pub struct RopCopyToStreamRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source stream.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination stream.
        pub dest_handle_index: u8,
        /// ByteCount: the bytes to copy.
        pub byte_count: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.9.2 RopCopyToStream ROP Response Buffer and
    /// 2.2.9.9.3 its Null Destination Failure Response Buffer:
    /// DestHandleIndex is there exactly when ReturnValue is
    /// [`crate::NULL_DESTINATION_OBJECT`].
    pub struct RopCopyToStreamResponse {
        /// SourceHandleIndex.
        pub source_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// DestHandleIndex (4 bytes): in the null destination failure response only.
        pub dest_handle_index: Option<u32> => opt(is(return_value, 0x503), "DestHandleIndex", Plain),
        /// ReadByteCount: the bytes read.
        pub read_byte_count: u64,
        /// WrittenByteCount: the bytes written.
        pub written_byte_count: u64,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.9.10.1 RopLockRegionStream ROP Request Buffer (also
    /// 2.2.9.11.1 RopUnlockRegionStream).
    pub struct RopLockRegionStreamRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the stream.
        pub input_handle_index: u8,
        /// RegionOffset: where the region starts.
        pub region_offset: u64,
        /// RegionSize: its size.
        pub region_size: u64,
        /// LockFlags ([MS-OXCPRPT] 2.2.24.1: 0x00000001 lets others read
        /// but not write; any other value is an exclusive lock).
        pub lock_flags: u32,
    }
}

/// [MS-OXCROPS] 2.2.9.11.1 RopUnlockRegionStream ROP Request Buffer.
pub type RopUnlockRegionStreamRequest = RopLockRegionStreamRequest;
