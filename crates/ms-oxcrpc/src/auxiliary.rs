//! [MS-OXCRPC] 2.2.2.2 AUX_HEADER and the auxiliary block structures of
//! 2.2.2.2.1 - 2.2.2.2.23, carried in the rgbAuxIn / rgbAuxOut buffers
//! (3.1.4.1.2, 3.1.4.2.2).
//!
//! An auxiliary buffer is an extended buffer ([`crate::ExtendedBuffer`])
//! whose payload is a sequence of blocks, each an AUX_HEADER (Size,
//! Version, Type) and the structure that Version and Type select
//! ([`AuxBlockBody`]). A block whose Version/Type this crate does not know
//! is kept as bytes, as the spec says receivers skip it.
//!
//! Several blocks carry strings and byte arrays at offsets "from the
//! beginning of the AUX_HEADER structure", after their fixed fields; an
//! offset of zero means the field is null. Decoding reads each field at its
//! offset; encoding lays the fields out one after the other after the
//! fixed fields, unless the block keeps a [`AuxVarLayout`] (the offsets and
//! bytes as read, when they were laid out differently: padding, gaps,
//! another order) that still holds the values, so decoded blocks re-encode
//! byte for byte.

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Encode, Error, ErrorKind, Origin, Reader, Result, Unit, Utf16String, fit_u16,
};

use ms_dtyp::Guid;

use crate::ext::{ExtendedBuffer, Payload};

msox_codec::wire_enum! {
    /// [MS-OXCRPC] 2.2.2.2 AUX_HEADER Version.
    pub enum AuxVersion: u8 {
        /// AUX_VERSION_1.
        Version1 = 0x01 => "AUX_VERSION_1",
        /// AUX_VERSION_2.
        Version2 = 0x02 => "AUX_VERSION_2",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCRPC] 2.2.2.2 AUX_HEADER Type. With [`AuxVersion`] it selects
    /// the block structure ([`AuxBlockKind::of`]).
    pub enum AuxType: u8 {
        /// AUX_TYPE_PERF_REQUESTID: AUX_PERF_REQUESTID.
        PerfRequestId = 0x01 => "AUX_TYPE_PERF_REQUESTID",
        /// AUX_TYPE_PERF_CLIENTINFO: AUX_PERF_CLIENTINFO.
        PerfClientInfo = 0x02 => "AUX_TYPE_PERF_CLIENTINFO",
        /// AUX_TYPE_PERF_SERVERINFO: AUX_PERF_SERVERINFO.
        PerfServerInfo = 0x03 => "AUX_TYPE_PERF_SERVERINFO",
        /// AUX_TYPE_PERF_SESSIONINFO: AUX_PERF_SESSIONINFO (version 1),
        /// AUX_PERF_SESSIONINFO_V2 (version 2).
        PerfSessionInfo = 0x04 => "AUX_TYPE_PERF_SESSIONINFO",
        /// AUX_TYPE_PERF_DEFMDB_SUCCESS: AUX_PERF_DEFMDB_SUCCESS.
        PerfDefMdbSuccess = 0x05 => "AUX_TYPE_PERF_DEFMDB_SUCCESS",
        /// AUX_TYPE_PERF_DEFGC_SUCCESS: AUX_PERF_DEFGC_SUCCESS.
        PerfDefGcSuccess = 0x06 => "AUX_TYPE_PERF_DEFGC_SUCCESS",
        /// AUX_TYPE_PERF_MDB_SUCCESS: AUX_PERF_MDB_SUCCESS (version 1),
        /// AUX_PERF_MDB_SUCCESS_V2 (version 2).
        PerfMdbSuccess = 0x07 => "AUX_TYPE_PERF_MDB_SUCCESS",
        /// AUX_TYPE_PERF_GC_SUCCESS: AUX_PERF_GC_SUCCESS (version 1),
        /// AUX_PERF_GC_SUCCESS_V2 (version 2).
        PerfGcSuccess = 0x08 => "AUX_TYPE_PERF_GC_SUCCESS",
        /// AUX_TYPE_PERF_FAILURE: AUX_PERF_FAILURE (version 1),
        /// AUX_PERF_FAILURE_V2 (version 2).
        PerfFailure = 0x09 => "AUX_TYPE_PERF_FAILURE",
        /// AUX_TYPE_CLIENT_CONTROL: AUX_CLIENT_CONTROL.
        ClientControl = 0x0A => "AUX_TYPE_CLIENT_CONTROL",
        /// AUX_TYPE_PERF_PROCESSINFO: AUX_PERF_PROCESSINFO (both versions).
        PerfProcessInfo = 0x0B => "AUX_TYPE_PERF_PROCESSINFO",
        /// AUX_TYPE_PERF_BG_DEFMDB_SUCCESS: AUX_PERF_DEFMDB_SUCCESS.
        PerfBgDefMdbSuccess = 0x0C => "AUX_TYPE_PERF_BG_DEFMDB_SUCCESS",
        /// AUX_TYPE_PERF_BG_DEFGC_SUCCESS: AUX_PERF_DEFGC_SUCCESS.
        PerfBgDefGcSuccess = 0x0D => "AUX_TYPE_PERF_BG_DEFGC_SUCCESS",
        /// AUX_TYPE_PERF_BG_MDB_SUCCESS: AUX_PERF_MDB_SUCCESS(_V2).
        PerfBgMdbSuccess = 0x0E => "AUX_TYPE_PERF_BG_MDB_SUCCESS",
        /// AUX_TYPE_PERF_BG_GC_SUCCESS: AUX_PERF_GC_SUCCESS(_V2).
        PerfBgGcSuccess = 0x0F => "AUX_TYPE_PERF_BG_GC_SUCCESS",
        /// AUX_TYPE_PERF_BG_FAILURE: AUX_PERF_FAILURE(_V2).
        PerfBgFailure = 0x10 => "AUX_TYPE_PERF_BG_FAILURE",
        /// AUX_TYPE_PERF_FG_DEFMDB_SUCCESS: AUX_PERF_DEFMDB_SUCCESS.
        PerfFgDefMdbSuccess = 0x11 => "AUX_TYPE_PERF_FG_DEFMDB_SUCCESS",
        /// AUX_TYPE_PERF_FG_DEFGC_SUCCESS: AUX_PERF_DEFGC_SUCCESS.
        PerfFgDefGcSuccess = 0x12 => "AUX_TYPE_PERF_FG_DEFGC_SUCCESS",
        /// AUX_TYPE_PERF_FG_MDB_SUCCESS: AUX_PERF_MDB_SUCCESS(_V2).
        PerfFgMdbSuccess = 0x13 => "AUX_TYPE_PERF_FG_MDB_SUCCESS",
        /// AUX_TYPE_PERF_FG_GC_SUCCESS: AUX_PERF_GC_SUCCESS(_V2).
        PerfFgGcSuccess = 0x14 => "AUX_TYPE_PERF_FG_GC_SUCCESS",
        /// AUX_TYPE_PERF_FG_FAILURE: AUX_PERF_FAILURE(_V2).
        PerfFgFailure = 0x15 => "AUX_TYPE_PERF_FG_FAILURE",
        /// AUX_TYPE_OSVERSIONINFO: AUX_OSVERSIONINFO.
        OsVersionInfo = 0x16 => "AUX_TYPE_OSVERSIONINFO",
        /// AUX_TYPE_EXORGINFO: AUX_EXORGINFO.
        ExOrgInfo = 0x17 => "AUX_TYPE_EXORGINFO",
        /// AUX_TYPE_PERF_ACCOUNTINFO: AUX_PERF_ACCOUNTINFO.
        PerfAccountInfo = 0x18 => "AUX_TYPE_PERF_ACCOUNTINFO",
        /// AUX_TYPE_SERVER_CAPABILITIES: AUX_SERVER_CAPABILITIES.
        ServerCapabilities = 0x46 => "AUX_TYPE_SERVER_CAPABILITIES",
        /// AUX_TYPE_ENDPOINT_CAPABILITIES: AUX_ENDPOINT_CAPABILITIES.
        EndpointCapabilities = 0x48 => "AUX_TYPE_ENDPOINT_CAPABILITIES",
        /// AUX_CLIENT_CONNECTION_INFO: AUX_CLIENT_CONNECTION_INFO.
        ClientConnectionInfo = 0x4A => "AUX_CLIENT_CONNECTION_INFO",
        /// AUX_SERVER_SESSION_INFO: AUX_SERVER_SESSION_INFO.
        ServerSessionInfo = 0x4B => "AUX_SERVER_SESSION_INFO",
        /// AUX_PROTOCOL_DEVICE_IDENTIFICATION: AUX_PROTOCOL_DEVICE_IDENTIFICATION.
        ProtocolDeviceIdentification = 0x4E => "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCRPC] 2.2.2.2.5 AUX_PERF_SERVERINFO ServerType.
    pub enum ServerType: u16 {
        /// SERVERTYPE_UNKNOWN.
        Unknown = 0x00 => "SERVERTYPE_UNKNOWN",
        /// SERVERTYPE_PRIVATE: a connection servicing private mailbox data.
        Private = 0x01 => "SERVERTYPE_PRIVATE",
        /// SERVERTYPE_PUBLIC: a connection servicing public folder data.
        Public = 0x02 => "SERVERTYPE_PUBLIC",
        /// SERVERTYPE_DIRECTORY: a connection servicing directory data.
        Directory = 0x03 => "SERVERTYPE_DIRECTORY",
        /// SERVERTYPE_REFERRAL: a connection servicing referrals.
        Referral = 0x04 => "SERVERTYPE_REFERRAL",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCRPC] 2.2.2.2.4 AUX_PERF_CLIENTINFO ClientMode.
    pub enum ClientMode: u16 {
        /// CLIENTMODE_UNKNOWN.
        Unknown = 0x00 => "CLIENTMODE_UNKNOWN",
        /// CLIENTMODE_CLASSIC: online mode.
        Classic = 0x01 => "CLIENTMODE_CLASSIC",
        /// CLIENTMODE_CACHED: cached mode.
        Cached = 0x02 => "CLIENTMODE_CACHED",
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 2.2.2.2.15 AUX_CLIENT_CONTROL EnableFlags.
    pub struct EnableFlags: u32 {
        /// The client starts sending performance information to the server.
        const PERF_SENDTOSERVER = 0x0000_0001 => "ENABLE_PERF_SENDTOSERVER";
        /// The client compresses what it sends.
        const COMPRESSION = 0x0000_0004 => "ENABLE_COMPRESSION";
        /// The client uses RPC over HTTP if configured.
        const HTTP_TUNNELING = 0x0000_0008 => "ENABLE_HTTP_TUNNELING";
        /// The client includes directory-service performance data.
        const PERF_SENDGCDATA = 0x0000_0010 => "ENABLE_PERF_SENDGCDATA";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 2.2.2.2.17 AUX_EXORGINFO OrgFlags.
    pub struct OrgFlags: u32 {
        /// The organization has public folders.
        const PUBLIC_FOLDERS_ENABLED = 0x0000_0001 => "PUBLIC_FOLDERS_ENABLED";
        /// Public folders are configured through Autodiscover.
        const USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION = 0x0000_0002 => "USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 2.2.2.2.19 AUX_SERVER_CAPABILITIES ServerCapabilityFlags.
    pub struct ServerCapabilityFlags: u32 {
        /// Packed upload buffers of RopFastTransferDestinationPutBuffer(Extended).
        const PACKED_FAST_TRANSFER_UPLOAD_BUFFERS = 0x0000_0001 => "PACKED_FAST_TRANSFER_UPLOAD_BUFFERS";
        /// Packed upload buffers of RopWriteStreamExtended.
        const PACKED_WRITE_STREAM_UPLOAD_BUFFERS = 0x0000_0002 => "PACKED_WRITE_STREAM_UPLOAD_BUFFERS";
        /// Packed download chained buffers in EcDoRpcExt2.
        const ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS = 0x0000_0008 => "ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 2.2.2.2.20 AUX_ENDPOINT_CAPABILITIES EndpointCapabilityFlags.
    pub struct EndpointCapabilityFlags: u32 {
        /// RFRI, NSPI and EMSMDB on a single HTTP endpoint.
        const SINGLE_ENDPOINT = 0x0000_0001 => "ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT";
    }
}

/// The size of an AUX_HEADER.
pub const AUX_HEADER_SIZE: usize = 4;

/// Declares a fixed-size auxiliary block structure: its fields in wire
/// order, `Decode` (reads exactly the fields) and `Encode`.
macro_rules! fixed_block {
    (
        $(#[$m:meta])*
        $name:ident = $spec:literal {
            $($(#[$fm:meta])* $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name {
            $($(#[$fm])* pub $field: $ty,)*
        }

        impl<'a> Decode<'a> for $name {
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                r.frame($spec, |r| {
                    Ok($name { $($field: <$ty as Decode<'a>>::decode(r)?,)* })
                })
            }
        }

        impl Encode for $name {
            fn encoded_len(&self) -> usize {
                0 $(+ Encode::encoded_len(&self.$field))*
            }
            fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                $(Encode::encode(&self.$field, buf)?;)*
                Ok(())
            }
        }
    };
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.1 AUX_PERF_REQUESTID Auxiliary Block Structure:
    /// the request associated with the session.
    AuxPerfRequestId = "AUX_PERF_REQUESTID" {
        /// SessionID.
        session_id: u16,
        /// RequestID.
        request_id: u16,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.2 AUX_PERF_SESSIONINFO Auxiliary Block Structure.
    AuxPerfSessionInfo = "AUX_PERF_SESSIONINFO" {
        /// SessionID.
        session_id: u16,
        /// Reserved (padding, kept as read).
        reserved: u16,
        /// SessionGuid.
        session_guid: Guid,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.3 AUX_PERF_SESSIONINFO_V2 Auxiliary Block Structure.
    AuxPerfSessionInfoV2 = "AUX_PERF_SESSIONINFO_V2" {
        /// SessionID.
        session_id: u16,
        /// Reserved (padding, kept as read).
        reserved: u16,
        /// SessionGuid.
        session_guid: Guid,
        /// ConnectionID.
        connection_id: u32,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.7 AUX_PERF_DEFMDB_SUCCESS Auxiliary Block
    /// Structure (also for the BG and FG types).
    AuxPerfDefMdbSuccess = "AUX_PERF_DEFMDB_SUCCESS" {
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
        /// RequestID.
        request_id: u16,
        /// Reserved (padding, kept as read).
        reserved: u16,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.8 AUX_PERF_DEFGC_SUCCESS Auxiliary Block
    /// Structure (also for the BG and FG types).
    AuxPerfDefGcSuccess = "AUX_PERF_DEFGC_SUCCESS" {
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
        /// RequestOperation.
        request_operation: u8,
        /// Reserved (padding, kept as read).
        reserved: [u8; 3],
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.9 AUX_PERF_MDB_SUCCESS Auxiliary Block Structure
    /// (also for the BG and FG types).
    AuxPerfMdbSuccess = "AUX_PERF_MDB_SUCCESS" {
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// RequestID.
        request_id: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.10 AUX_PERF_MDB_SUCCESS_V2 Auxiliary Block
    /// Structure (also for the BG and FG types).
    AuxPerfMdbSuccessV2 = "AUX_PERF_MDB_SUCCESS_V2" {
        /// ProcessID.
        process_id: u16,
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// RequestID.
        request_id: u16,
        /// Reserved (padding, kept as read).
        reserved: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.11 AUX_PERF_GC_SUCCESS Auxiliary Block Structure
    /// (also for the BG and FG types).
    AuxPerfGcSuccess = "AUX_PERF_GC_SUCCESS" {
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// Reserved_1 (padding, kept as read).
        reserved_1: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
        /// RequestOperation.
        request_operation: u8,
        /// Reserved_2 (padding, kept as read).
        reserved_2: [u8; 3],
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.12 AUX_PERF_GC_SUCCESS_V2 Auxiliary Block
    /// Structure (also for the BG and FG types).
    AuxPerfGcSuccessV2 = "AUX_PERF_GC_SUCCESS_V2" {
        /// ProcessID.
        process_id: u16,
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToCompleteRequest (milliseconds).
        time_to_complete_request: u32,
        /// RequestOperation.
        request_operation: u8,
        /// Reserved (padding, kept as read).
        reserved: [u8; 3],
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.13 AUX_PERF_FAILURE Auxiliary Block Structure
    /// (also for the BG and FG types).
    AuxPerfFailure = "AUX_PERF_FAILURE" {
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// RequestID.
        request_id: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToFailRequest (milliseconds).
        time_to_fail_request: u32,
        /// ResultCode: the error code of the failed request.
        result_code: u32,
        /// RequestOperation.
        request_operation: u8,
        /// Reserved (padding, kept as read).
        reserved: [u8; 3],
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.14 AUX_PERF_FAILURE_V2 Auxiliary Block Structure
    /// (also for the BG and FG types).
    AuxPerfFailureV2 = "AUX_PERF_FAILURE_V2" {
        /// ProcessID.
        process_id: u16,
        /// ClientID.
        client_id: u16,
        /// ServerID.
        server_id: u16,
        /// SessionID.
        session_id: u16,
        /// RequestID.
        request_id: u16,
        /// Reserved_1 (padding, kept as read).
        reserved_1: u16,
        /// TimeSinceRequest (milliseconds).
        time_since_request: u32,
        /// TimeToFailRequest (milliseconds).
        time_to_fail_request: u32,
        /// ResultCode: the error code of the failed request.
        result_code: u32,
        /// RequestOperation.
        request_operation: u8,
        /// Reserved_2 (padding, kept as read).
        reserved_2: [u8; 3],
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.15 AUX_CLIENT_CONTROL Auxiliary Block Structure.
    AuxClientControl = "AUX_CLIENT_CONTROL" {
        /// EnableFlags.
        enable_flags: EnableFlags,
        /// ExpiryTime (milliseconds).
        expiry_time: u32,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.17 AUX_EXORGINFO Auxiliary Block Structure.
    AuxExOrgInfo = "AUX_EXORGINFO" {
        /// OrgFlags.
        org_flags: OrgFlags,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.18 AUX_PERF_ACCOUNTINFO Auxiliary Block Structure.
    AuxPerfAccountInfo = "AUX_PERF_ACCOUNTINFO" {
        /// ClientID.
        client_id: u16,
        /// Reserved (padding, kept as read).
        reserved: u16,
        /// Account.
        account: Guid,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.19 AUX_SERVER_CAPABILITIES Auxiliary Block Structure.
    AuxServerCapabilities = "AUX_SERVER_CAPABILITIES" {
        /// ServerCapabilityFlags.
        server_capability_flags: ServerCapabilityFlags,
    }
}

fixed_block! {
    /// [MS-OXCRPC] 2.2.2.2.20 AUX_ENDPOINT_CAPABILITIES Auxiliary Block Structure.
    AuxEndpointCapabilities = "AUX_ENDPOINT_CAPABILITIES" {
        /// EndpointCapabilityFlags.
        endpoint_capability_flags: EndpointCapabilityFlags,
    }
}

/// The size of AUX_OSVERSIONINFO's Reserved1.
pub const OSVERSIONINFO_RESERVED1_SIZE: usize = 132;

/// [MS-OXCRPC] 2.2.2.2.16 AUX_OSVERSIONINFO Auxiliary Block Structure: the
/// server's operating system version.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxOsVersionInfo {
    /// OSVersionInfoSize.
    pub os_version_info_size: u32,
    /// MajorVersion.
    pub major_version: u32,
    /// MinorVersion.
    pub minor_version: u32,
    /// BuildNumber.
    pub build_number: u32,
    /// Reserved1: 132 bytes, kept as read (encoding refuses another length).
    pub reserved_1: Vec<u8>,
    /// ServicePackMajor.
    pub service_pack_major: u16,
    /// ServicePackMinor.
    pub service_pack_minor: u16,
    /// Reserved2 (kept as read).
    pub reserved_2: u32,
}

impl Default for AuxOsVersionInfo {
    fn default() -> Self {
        AuxOsVersionInfo {
            os_version_info_size: 0,
            major_version: 0,
            minor_version: 0,
            build_number: 0,
            reserved_1: vec![0; OSVERSIONINFO_RESERVED1_SIZE],
            service_pack_major: 0,
            service_pack_minor: 0,
            reserved_2: 0,
        }
    }
}

impl<'a> Decode<'a> for AuxOsVersionInfo {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AUX_OSVERSIONINFO", |r| {
            let os_version_info_size = r.u32()?;
            let major_version = r.u32()?;
            let minor_version = r.u32()?;
            let build_number = r.u32()?;
            r.reserve_backed(OSVERSIONINFO_RESERVED1_SIZE, "Reserved1")?;
            let reserved_1 = r.bytes(OSVERSIONINFO_RESERVED1_SIZE)?.to_vec();
            Ok(AuxOsVersionInfo {
                os_version_info_size,
                major_version,
                minor_version,
                build_number,
                reserved_1,
                service_pack_major: r.u16()?,
                service_pack_minor: r.u16()?,
                reserved_2: r.u32()?,
            })
        })
    }
}

impl Encode for AuxOsVersionInfo {
    fn encoded_len(&self) -> usize {
        16 + OSVERSIONINFO_RESERVED1_SIZE + 8
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        if self.reserved_1.len() != OSVERSIONINFO_RESERVED1_SIZE {
            return Err(Error::too_large(
                "Reserved1",
                self.reserved_1.len() as u64,
                OSVERSIONINFO_RESERVED1_SIZE as u64,
            ));
        }
        buf.put_u32_le(self.os_version_info_size);
        buf.put_u32_le(self.major_version);
        buf.put_u32_le(self.minor_version);
        buf.put_u32_le(self.build_number);
        buf.put_slice(&self.reserved_1);
        buf.put_u16_le(self.service_pack_major);
        buf.put_u16_le(self.service_pack_minor);
        buf.put_u32_le(self.reserved_2);
        Ok(())
    }
}

// ---- blocks with fields at offsets ------------------------------------------

/// Where the variable fields of a block were, when not where the encoder
/// puts them (one after the other right after the fixed fields, strings
/// null-terminated, nothing else): the offset and size fields as read, in
/// wire order, and every byte after the fixed fields.
///
/// Encoding writes these again while reading them back gives the block's
/// current field values; otherwise it lays the fields out anew.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxVarLayout {
    /// The offset (and size) fields, in wire order.
    pub words: Vec<u16>,
    /// The bytes after the fixed fields, to the end of the block.
    pub tail: Vec<u8>,
}

#[derive(Debug, Clone, Copy)]
enum VarKind {
    /// A null-terminated UTF-16LE string.
    Str,
    /// Bytes whose count is in `size_word`.
    Bytes { size_word: usize },
}

/// A variable field: the name of its offset field, its kind, and which
/// word holds its offset.
#[derive(Debug, Clone, Copy)]
struct VarSpec {
    offset_name: &'static str,
    offset_word: usize,
    kind: VarKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum VarValue {
    Str(Option<Utf16String>),
    Bytes(Option<Vec<u8>>),
}

impl VarValue {
    fn into_str(self) -> Option<Utf16String> {
        match self {
            VarValue::Str(s) => s,
            VarValue::Bytes(_) => None,
        }
    }
    fn into_bytes(self) -> Option<Vec<u8>> {
        match self {
            VarValue::Bytes(b) => b,
            VarValue::Str(_) => None,
        }
    }
}

/// A block with fields at offsets.
trait VarBlock: Sized {
    /// Offset of the first byte after the fixed fields, from the start of
    /// the AUX_HEADER.
    const FIXED_END: usize;
    /// How many offset and size words the fixed fields hold.
    const WORDS: usize;
    /// The variable fields, in the order the encoder lays them out.
    const SPECS: &'static [VarSpec];
    /// The variable fields' values, in `SPECS` order.
    fn values(&self) -> Vec<VarValue>;
    /// The layout kept from decoding.
    fn layout(&self) -> Option<&AuxVarLayout>;
    /// Writes the fixed fields with these offset and size words.
    fn write_fixed(&self, words: &[u16], out: &mut Vec<u8>);
}

/// A word of the fixed part, with its position (for errors).
#[derive(Debug, Clone, Copy)]
struct Word {
    value: u16,
    pos: usize,
}

fn word(r: &mut Reader<'_>) -> Result<Word> {
    let pos = r.pos();
    Ok(Word {
        value: r.u16()?,
        pos,
    })
}

fn word_at(words: &[Word], i: usize) -> Word {
    words.get(i).copied().unwrap_or(Word { value: 0, pos: 0 })
}

/// Reads the variable fields of a block that starts at `block_start` and
/// ends at `block_end` (positions in the reader's buffer); leaves the
/// reader at `block_end`.
fn read_var(
    r: &mut Reader<'_>,
    block_start: usize,
    block_end: usize,
    fixed_end: usize,
    words: &[Word],
    specs: &[VarSpec],
) -> Result<Vec<VarValue>> {
    let mut values = Vec::with_capacity(specs.len());
    for spec in specs {
        let w = word_at(words, spec.offset_word);
        let off = usize::from(w.value);
        let absent = off == 0;
        if !absent && (off < fixed_end || block_start + off > block_end) {
            return Err(r.invalid_at(spec.offset_name, u64::from(w.value), w.pos));
        }
        match spec.kind {
            VarKind::Str => {
                if absent {
                    values.push(VarValue::Str(None));
                    continue;
                }
                r.seek(block_start + off)?;
                let bytes = r.utf16_nul_terminated()?;
                r.reserve(bytes.len(), "auxiliary block string")?;
                values.push(VarValue::Str(Some(Utf16String::from_le_bytes(bytes))));
            }
            VarKind::Bytes { size_word } => {
                if absent {
                    values.push(VarValue::Bytes(None));
                    continue;
                }
                let size = usize::from(word_at(words, size_word).value);
                r.seek(block_start + off)?;
                r.reserve_backed(size, "auxiliary block bytes")?;
                values.push(VarValue::Bytes(Some(r.bytes(size)?.to_vec())));
            }
        }
    }
    r.seek(block_end)?;
    Ok(values)
}

/// The words and tail the encoder writes for `values`.
fn canonical(
    fixed_end: usize,
    n_words: usize,
    specs: &[VarSpec],
    values: &[VarValue],
) -> Result<(Vec<u16>, Vec<u8>)> {
    let mut words = vec![0u16; n_words];
    let mut tail = Vec::new();
    for (spec, v) in specs.iter().zip(values) {
        let at = fit_u16(fixed_end + tail.len(), spec.offset_name)?;
        match (v, spec.kind) {
            (VarValue::Str(Some(s)), _) => {
                if let Some(w) = words.get_mut(spec.offset_word) {
                    *w = at;
                }
                s.write_nul_terminated(&mut tail);
            }
            (VarValue::Bytes(Some(b)), VarKind::Bytes { size_word }) => {
                if let Some(w) = words.get_mut(spec.offset_word) {
                    *w = at;
                }
                if let Some(w) = words.get_mut(size_word) {
                    *w = fit_u16(b.len(), spec.offset_name)?;
                }
                tail.extend_from_slice(b);
            }
            _ => {}
        }
    }
    // The whole block must fit its 16-bit Size.
    fit_u16(fixed_end + tail.len(), "Size")?;
    Ok((words, tail))
}

/// After the fixed fields of a var block are read: its values, and the
/// layout to keep when the block is not laid out canonically.
fn read_var_block<T: VarBlock>(
    r: &mut Reader<'_>,
    block_start: usize,
    block_end: usize,
    words: &[Word],
) -> Result<(Vec<VarValue>, Option<AuxVarLayout>)> {
    let values = read_var(r, block_start, block_end, T::FIXED_END, words, T::SPECS)?;
    let raw_words: Vec<u16> = words.iter().map(|w| w.value).collect();
    let tail = r.slice(block_start + T::FIXED_END, block_end);
    let same = match canonical(T::FIXED_END, T::WORDS, T::SPECS, &values) {
        Ok((cw, ct)) => cw == raw_words && ct == tail,
        Err(_) => false,
    };
    let layout = if same {
        None
    } else {
        r.reserve(tail.len(), "auxiliary block layout")?;
        Some(AuxVarLayout {
            words: raw_words,
            tail: tail.to_vec(),
        })
    };
    Ok((values, layout))
}

/// Writes a var block's body (everything after the AUX_HEADER).
fn write_var_block<T: VarBlock>(b: &T, out: &mut Vec<u8>) -> Result<()> {
    let values = b.values();
    if let Some(l) = b.layout()
        && l.words.len() == T::WORDS
    {
        // Read the kept layout back: does it still hold these values?
        let mut block = vec![0u8; AUX_HEADER_SIZE];
        b.write_fixed(&l.words, &mut block);
        if block.len() == T::FIXED_END {
            block.extend_from_slice(&l.tail);
            let words: Vec<Word> = l
                .words
                .iter()
                .map(|&value| Word { value, pos: 0 })
                .collect();
            let mut r = Reader::new(&block);
            let end = block.len();
            if end <= usize::from(u16::MAX)
                && read_var(&mut r, 0, end, T::FIXED_END, &words, T::SPECS)
                    .is_ok_and(|v| v == values)
            {
                out.extend_from_slice(block.get(AUX_HEADER_SIZE..).unwrap_or_default());
                return Ok(());
            }
        }
    }
    let (words, tail) = canonical(T::FIXED_END, T::WORDS, T::SPECS, &values)?;
    b.write_fixed(&words, out);
    out.extend_from_slice(&tail);
    Ok(())
}

/// [MS-OXCRPC] 2.2.2.2.4 AUX_PERF_CLIENTINFO Auxiliary Block Structure: the
/// client performance data is associated with. MachineName, UserName and
/// AdapterName are null-terminated UTF-16 strings; ClientIP, ClientIPMask
/// and MacAddress byte arrays; each `None` when its offset is zero.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxPerfClientInfo {
    /// AdapterSpeed (kilobits per second).
    pub adapter_speed: u32,
    /// ClientID.
    pub client_id: u16,
    /// ClientMode.
    pub client_mode: ClientMode,
    /// Reserved (padding, kept as read).
    pub reserved: u16,
    /// MachineName (at MachineNameOffset).
    pub machine_name: Option<Utf16String>,
    /// UserName (at UserNameOffset).
    pub user_name: Option<Utf16String>,
    /// ClientIP (ClientIPSize bytes at ClientIPOffset).
    pub client_ip: Option<Vec<u8>>,
    /// ClientIPMask (ClientIPMaskSize bytes at ClientIPMaskOffset).
    pub client_ip_mask: Option<Vec<u8>>,
    /// AdapterName (at AdapterNameOffset).
    pub adapter_name: Option<Utf16String>,
    /// MacAddress (MacAddressSize bytes at MacAddressOffset).
    pub mac_address: Option<Vec<u8>>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxPerfClientInfo {
    const FIXED_END: usize = AUX_HEADER_SIZE + 28;
    // MachineNameOffset, UserNameOffset, ClientIPSize, ClientIPOffset,
    // ClientIPMaskSize, ClientIPMaskOffset, AdapterNameOffset,
    // MacAddressSize, MacAddressOffset.
    const WORDS: usize = 9;
    const SPECS: &'static [VarSpec] = &[
        VarSpec {
            offset_name: "MachineNameOffset",
            offset_word: 0,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "UserNameOffset",
            offset_word: 1,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "ClientIPOffset",
            offset_word: 3,
            kind: VarKind::Bytes { size_word: 2 },
        },
        VarSpec {
            offset_name: "ClientIPMaskOffset",
            offset_word: 5,
            kind: VarKind::Bytes { size_word: 4 },
        },
        VarSpec {
            offset_name: "AdapterNameOffset",
            offset_word: 6,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "MacAddressOffset",
            offset_word: 8,
            kind: VarKind::Bytes { size_word: 7 },
        },
    ];
    fn values(&self) -> Vec<VarValue> {
        vec![
            VarValue::Str(self.machine_name.clone()),
            VarValue::Str(self.user_name.clone()),
            VarValue::Bytes(self.client_ip.clone()),
            VarValue::Bytes(self.client_ip_mask.clone()),
            VarValue::Str(self.adapter_name.clone()),
            VarValue::Bytes(self.mac_address.clone()),
        ]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        let w = |i: usize| w.get(i).copied().unwrap_or(0);
        out.put_u32_le(self.adapter_speed);
        out.put_u16_le(self.client_id);
        for i in 0..9 {
            out.put_u16_le(w(i));
        }
        out.put_u16_le(self.client_mode.value());
        out.put_u16_le(self.reserved);
    }
}

impl AuxPerfClientInfo {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let adapter_speed = r.u32()?;
        let client_id = r.u16()?;
        let mut words = Vec::with_capacity(9);
        for _ in 0..9 {
            words.push(word(r)?);
        }
        let client_mode = ClientMode::decode(r)?;
        let reserved = r.u16()?;
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        let mut v = values.into_iter();
        Ok(AuxPerfClientInfo {
            adapter_speed,
            client_id,
            client_mode,
            reserved,
            machine_name: v.next().and_then(VarValue::into_str),
            user_name: v.next().and_then(VarValue::into_str),
            client_ip: v.next().and_then(VarValue::into_bytes),
            client_ip_mask: v.next().and_then(VarValue::into_bytes),
            adapter_name: v.next().and_then(VarValue::into_str),
            mac_address: v.next().and_then(VarValue::into_bytes),
            layout,
        })
    }
}

/// [MS-OXCRPC] 2.2.2.2.5 AUX_PERF_SERVERINFO Auxiliary Block Structure:
/// the server the performance data is about. ServerDN and ServerName are
/// null-terminated UTF-16 strings, `None` when their offset is zero.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxPerfServerInfo {
    /// ServerID.
    pub server_id: u16,
    /// ServerType.
    pub server_type: ServerType,
    /// ServerDN (at ServerDNOffset).
    pub server_dn: Option<Utf16String>,
    /// ServerName (at ServerNameOffset).
    pub server_name: Option<Utf16String>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxPerfServerInfo {
    const FIXED_END: usize = AUX_HEADER_SIZE + 8;
    const WORDS: usize = 2;
    const SPECS: &'static [VarSpec] = &[
        VarSpec {
            offset_name: "ServerDNOffset",
            offset_word: 0,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "ServerNameOffset",
            offset_word: 1,
            kind: VarKind::Str,
        },
    ];
    fn values(&self) -> Vec<VarValue> {
        vec![
            VarValue::Str(self.server_dn.clone()),
            VarValue::Str(self.server_name.clone()),
        ]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        out.put_u16_le(self.server_id);
        out.put_u16_le(self.server_type.value());
        out.put_u16_le(w.first().copied().unwrap_or(0));
        out.put_u16_le(w.get(1).copied().unwrap_or(0));
    }
}

impl AuxPerfServerInfo {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let server_id = r.u16()?;
        let server_type = ServerType::decode(r)?;
        let words = [word(r)?, word(r)?];
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        let mut v = values.into_iter();
        Ok(AuxPerfServerInfo {
            server_id,
            server_type,
            server_dn: v.next().and_then(VarValue::into_str),
            server_name: v.next().and_then(VarValue::into_str),
            layout,
        })
    }
}

/// [MS-OXCRPC] 2.2.2.2.6 AUX_PERF_PROCESSINFO Auxiliary Block Structure:
/// the client process the performance data is about (both versions).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxPerfProcessInfo {
    /// ProcessID.
    pub process_id: u16,
    /// Reserved_1 (padding, kept as read).
    pub reserved_1: u16,
    /// ProcessGuid.
    pub process_guid: Guid,
    /// Reserved_2 (padding, kept as read).
    pub reserved_2: u16,
    /// ProcessName (at ProcessNameOffset).
    pub process_name: Option<Utf16String>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxPerfProcessInfo {
    const FIXED_END: usize = AUX_HEADER_SIZE + 24;
    const WORDS: usize = 1;
    const SPECS: &'static [VarSpec] = &[VarSpec {
        offset_name: "ProcessNameOffset",
        offset_word: 0,
        kind: VarKind::Str,
    }];
    fn values(&self) -> Vec<VarValue> {
        vec![VarValue::Str(self.process_name.clone())]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        out.put_u16_le(self.process_id);
        out.put_u16_le(self.reserved_1);
        out.put_slice(&self.process_guid.to_le_bytes());
        out.put_u16_le(w.first().copied().unwrap_or(0));
        out.put_u16_le(self.reserved_2);
    }
}

impl AuxPerfProcessInfo {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let process_id = r.u16()?;
        let reserved_1 = r.u16()?;
        let process_guid = Guid::decode(r)?;
        let words = [word(r)?];
        let reserved_2 = r.u16()?;
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        Ok(AuxPerfProcessInfo {
            process_id,
            reserved_1,
            process_guid,
            reserved_2,
            process_name: values.into_iter().next().and_then(VarValue::into_str),
            layout,
        })
    }
}

/// [MS-OXCRPC] 2.2.2.2.21 AUX_CLIENT_CONNECTION_INFO Auxiliary Block
/// Structure: the client connection, for the server's log.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxClientConnectionInfo {
    /// ConnectionGUID.
    pub connection_guid: Guid,
    /// Reserved (padding, kept as read).
    pub reserved: u16,
    /// ConnectionAttempts.
    pub connection_attempts: u32,
    /// ConnectionFlags: 0x0001 when the client runs in cached mode.
    pub connection_flags: u32,
    /// ConnectionContextInfo (at OffsetConnectionContextInfo).
    pub connection_context_info: Option<Utf16String>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxClientConnectionInfo {
    const FIXED_END: usize = AUX_HEADER_SIZE + 28;
    const WORDS: usize = 1;
    const SPECS: &'static [VarSpec] = &[VarSpec {
        offset_name: "OffsetConnectionContextInfo",
        offset_word: 0,
        kind: VarKind::Str,
    }];
    fn values(&self) -> Vec<VarValue> {
        vec![VarValue::Str(self.connection_context_info.clone())]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        out.put_slice(&self.connection_guid.to_le_bytes());
        out.put_u16_le(w.first().copied().unwrap_or(0));
        out.put_u16_le(self.reserved);
        out.put_u32_le(self.connection_attempts);
        out.put_u32_le(self.connection_flags);
    }
}

impl AuxClientConnectionInfo {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let connection_guid = Guid::decode(r)?;
        let words = [word(r)?];
        let reserved = r.u16()?;
        let connection_attempts = r.u32()?;
        let connection_flags = r.u32()?;
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        Ok(AuxClientConnectionInfo {
            connection_guid,
            reserved,
            connection_attempts,
            connection_flags,
            connection_context_info: values.into_iter().next().and_then(VarValue::into_str),
            layout,
        })
    }
}

/// [MS-OXCRPC] 2.2.2.2.22 AUX_SERVER_SESSION_INFO Auxiliary Block
/// Structure: server information for the client's log.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxServerSessionInfo {
    /// ServerSessionContextInfo (at OffsetServerSessionContextInfo).
    pub server_session_context_info: Option<Utf16String>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxServerSessionInfo {
    const FIXED_END: usize = AUX_HEADER_SIZE + 2;
    const WORDS: usize = 1;
    const SPECS: &'static [VarSpec] = &[VarSpec {
        offset_name: "OffsetServerSessionContextInfo",
        offset_word: 0,
        kind: VarKind::Str,
    }];
    fn values(&self) -> Vec<VarValue> {
        vec![VarValue::Str(self.server_session_context_info.clone())]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        out.put_u16_le(w.first().copied().unwrap_or(0));
    }
}

impl AuxServerSessionInfo {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let words = [word(r)?];
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        Ok(AuxServerSessionInfo {
            server_session_context_info: values.into_iter().next().and_then(VarValue::into_str),
            layout,
        })
    }
}

/// [MS-OXCRPC] 2.2.2.2.23 AUX_PROTOCOL_DEVICE_IDENTIFICATION Auxiliary
/// Block Structure: equipment between client and server.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxProtocolDeviceIdentification {
    /// DeviceManufacturer (at DeviceManufacturerOffset).
    pub device_manufacturer: Option<Utf16String>,
    /// DeviceModel (at DeviceModelOffset).
    pub device_model: Option<Utf16String>,
    /// DeviceSerialNumber (at DeviceSerialNumberOffset).
    pub device_serial_number: Option<Utf16String>,
    /// DeviceVersion (at DeviceVersionOffset).
    pub device_version: Option<Utf16String>,
    /// DeviceFirmwareVersion (at DeviceFirmwareVersionOffset).
    pub device_firmware_version: Option<Utf16String>,
    /// The layout as read, when not the encoder's.
    pub layout: Option<AuxVarLayout>,
}

impl VarBlock for AuxProtocolDeviceIdentification {
    const FIXED_END: usize = AUX_HEADER_SIZE + 10;
    const WORDS: usize = 5;
    const SPECS: &'static [VarSpec] = &[
        VarSpec {
            offset_name: "DeviceManufacturerOffset",
            offset_word: 0,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "DeviceModelOffset",
            offset_word: 1,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "DeviceSerialNumberOffset",
            offset_word: 2,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "DeviceVersionOffset",
            offset_word: 3,
            kind: VarKind::Str,
        },
        VarSpec {
            offset_name: "DeviceFirmwareVersionOffset",
            offset_word: 4,
            kind: VarKind::Str,
        },
    ];
    fn values(&self) -> Vec<VarValue> {
        vec![
            VarValue::Str(self.device_manufacturer.clone()),
            VarValue::Str(self.device_model.clone()),
            VarValue::Str(self.device_serial_number.clone()),
            VarValue::Str(self.device_version.clone()),
            VarValue::Str(self.device_firmware_version.clone()),
        ]
    }
    fn layout(&self) -> Option<&AuxVarLayout> {
        self.layout.as_ref()
    }
    fn write_fixed(&self, w: &[u16], out: &mut Vec<u8>) {
        for i in 0..5 {
            out.put_u16_le(w.get(i).copied().unwrap_or(0));
        }
    }
}

impl AuxProtocolDeviceIdentification {
    fn read(r: &mut Reader<'_>, block_start: usize, block_end: usize) -> Result<Self> {
        let mut words = Vec::with_capacity(5);
        for _ in 0..5 {
            words.push(word(r)?);
        }
        let (values, layout) = read_var_block::<Self>(r, block_start, block_end, &words)?;
        let mut v = values.into_iter();
        Ok(AuxProtocolDeviceIdentification {
            device_manufacturer: v.next().and_then(VarValue::into_str),
            device_model: v.next().and_then(VarValue::into_str),
            device_serial_number: v.next().and_then(VarValue::into_str),
            device_version: v.next().and_then(VarValue::into_str),
            device_firmware_version: v.next().and_then(VarValue::into_str),
            layout,
        })
    }
}

// ---- AUX_HEADER and the block ---------------------------------------------------

/// [MS-OXCRPC] 2.2.2.2 AUX_HEADER Structure: Size (of the header and the
/// block), Version, Type, as read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxHeader {
    /// Size: the AUX_HEADER plus the block that follows.
    pub size: u16,
    /// Version.
    pub version: AuxVersion,
    /// Type.
    pub block_type: AuxType,
}

impl<'a> Decode<'a> for AuxHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AUX_HEADER", |r| {
            Ok(AuxHeader {
                size: r.u16()?,
                version: AuxVersion::decode(r)?,
                block_type: AuxType::decode(r)?,
            })
        })
    }
}

impl Encode for AuxHeader {
    fn encoded_len(&self) -> usize {
        AUX_HEADER_SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.size);
        buf.put_u8(self.version.value());
        buf.put_u8(self.block_type.value());
        Ok(())
    }
}

/// Which block structure an AUX_HEADER's Version and Type select
/// ([MS-OXCRPC] 2.2.2.2, the tables for AUX_VERSION_1 and AUX_VERSION_2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuxBlockKind {
    /// AUX_PERF_REQUESTID.
    PerfRequestId,
    /// AUX_PERF_CLIENTINFO.
    PerfClientInfo,
    /// AUX_PERF_SERVERINFO.
    PerfServerInfo,
    /// AUX_PERF_SESSIONINFO.
    PerfSessionInfo,
    /// AUX_PERF_SESSIONINFO_V2.
    PerfSessionInfoV2,
    /// AUX_PERF_DEFMDB_SUCCESS.
    PerfDefMdbSuccess,
    /// AUX_PERF_DEFGC_SUCCESS.
    PerfDefGcSuccess,
    /// AUX_PERF_MDB_SUCCESS.
    PerfMdbSuccess,
    /// AUX_PERF_MDB_SUCCESS_V2.
    PerfMdbSuccessV2,
    /// AUX_PERF_GC_SUCCESS.
    PerfGcSuccess,
    /// AUX_PERF_GC_SUCCESS_V2.
    PerfGcSuccessV2,
    /// AUX_PERF_FAILURE.
    PerfFailure,
    /// AUX_PERF_FAILURE_V2.
    PerfFailureV2,
    /// AUX_CLIENT_CONTROL.
    ClientControl,
    /// AUX_PERF_PROCESSINFO.
    PerfProcessInfo,
    /// AUX_OSVERSIONINFO.
    OsVersionInfo,
    /// AUX_EXORGINFO.
    ExOrgInfo,
    /// AUX_PERF_ACCOUNTINFO.
    PerfAccountInfo,
    /// AUX_SERVER_CAPABILITIES.
    ServerCapabilities,
    /// AUX_ENDPOINT_CAPABILITIES.
    EndpointCapabilities,
    /// AUX_CLIENT_CONNECTION_INFO.
    ClientConnectionInfo,
    /// AUX_SERVER_SESSION_INFO.
    ServerSessionInfo,
    /// AUX_PROTOCOL_DEVICE_IDENTIFICATION.
    ProtocolDeviceIdentification,
}

impl AuxBlockKind {
    /// The structure `version` and `block_type` select, or `None` for a
    /// pair the spec does not define (a block to skip).
    pub fn of(version: AuxVersion, block_type: AuxType) -> Option<AuxBlockKind> {
        use AuxBlockKind as K;
        match version {
            AuxVersion::Version1 => Some(match block_type {
                AuxType::PerfRequestId => K::PerfRequestId,
                AuxType::PerfClientInfo => K::PerfClientInfo,
                AuxType::PerfServerInfo => K::PerfServerInfo,
                AuxType::PerfSessionInfo => K::PerfSessionInfo,
                AuxType::PerfDefMdbSuccess
                | AuxType::PerfBgDefMdbSuccess
                | AuxType::PerfFgDefMdbSuccess => K::PerfDefMdbSuccess,
                AuxType::PerfDefGcSuccess
                | AuxType::PerfBgDefGcSuccess
                | AuxType::PerfFgDefGcSuccess => K::PerfDefGcSuccess,
                AuxType::PerfMdbSuccess | AuxType::PerfBgMdbSuccess | AuxType::PerfFgMdbSuccess => {
                    K::PerfMdbSuccess
                }
                AuxType::PerfGcSuccess | AuxType::PerfBgGcSuccess | AuxType::PerfFgGcSuccess => {
                    K::PerfGcSuccess
                }
                AuxType::PerfFailure | AuxType::PerfBgFailure | AuxType::PerfFgFailure => {
                    K::PerfFailure
                }
                AuxType::ClientControl => K::ClientControl,
                AuxType::PerfProcessInfo => K::PerfProcessInfo,
                AuxType::OsVersionInfo => K::OsVersionInfo,
                AuxType::ExOrgInfo => K::ExOrgInfo,
                AuxType::PerfAccountInfo => K::PerfAccountInfo,
                AuxType::ServerCapabilities => K::ServerCapabilities,
                AuxType::EndpointCapabilities => K::EndpointCapabilities,
                AuxType::ClientConnectionInfo => K::ClientConnectionInfo,
                AuxType::ServerSessionInfo => K::ServerSessionInfo,
                AuxType::ProtocolDeviceIdentification => K::ProtocolDeviceIdentification,
                _ => return None,
            }),
            AuxVersion::Version2 => Some(match block_type {
                AuxType::PerfSessionInfo => K::PerfSessionInfoV2,
                AuxType::PerfMdbSuccess | AuxType::PerfBgMdbSuccess | AuxType::PerfFgMdbSuccess => {
                    K::PerfMdbSuccessV2
                }
                AuxType::PerfGcSuccess | AuxType::PerfBgGcSuccess | AuxType::PerfFgGcSuccess => {
                    K::PerfGcSuccessV2
                }
                AuxType::PerfFailure | AuxType::PerfBgFailure | AuxType::PerfFgFailure => {
                    K::PerfFailureV2
                }
                AuxType::PerfProcessInfo => K::PerfProcessInfo,
                _ => return None,
            }),
            _ => None,
        }
    }

    /// The spec's name of the structure.
    pub fn name(self) -> &'static str {
        use AuxBlockKind as K;
        match self {
            K::PerfRequestId => "AUX_PERF_REQUESTID",
            K::PerfClientInfo => "AUX_PERF_CLIENTINFO",
            K::PerfServerInfo => "AUX_PERF_SERVERINFO",
            K::PerfSessionInfo => "AUX_PERF_SESSIONINFO",
            K::PerfSessionInfoV2 => "AUX_PERF_SESSIONINFO_V2",
            K::PerfDefMdbSuccess => "AUX_PERF_DEFMDB_SUCCESS",
            K::PerfDefGcSuccess => "AUX_PERF_DEFGC_SUCCESS",
            K::PerfMdbSuccess => "AUX_PERF_MDB_SUCCESS",
            K::PerfMdbSuccessV2 => "AUX_PERF_MDB_SUCCESS_V2",
            K::PerfGcSuccess => "AUX_PERF_GC_SUCCESS",
            K::PerfGcSuccessV2 => "AUX_PERF_GC_SUCCESS_V2",
            K::PerfFailure => "AUX_PERF_FAILURE",
            K::PerfFailureV2 => "AUX_PERF_FAILURE_V2",
            K::ClientControl => "AUX_CLIENT_CONTROL",
            K::PerfProcessInfo => "AUX_PERF_PROCESSINFO",
            K::OsVersionInfo => "AUX_OSVERSIONINFO",
            K::ExOrgInfo => "AUX_EXORGINFO",
            K::PerfAccountInfo => "AUX_PERF_ACCOUNTINFO",
            K::ServerCapabilities => "AUX_SERVER_CAPABILITIES",
            K::EndpointCapabilities => "AUX_ENDPOINT_CAPABILITIES",
            K::ClientConnectionInfo => "AUX_CLIENT_CONNECTION_INFO",
            K::ServerSessionInfo => "AUX_SERVER_SESSION_INFO",
            K::ProtocolDeviceIdentification => "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
        }
    }
}

/// The structure after an AUX_HEADER ([MS-OXCRPC] 2.2.2.2.1 -
/// 2.2.2.2.23), or its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum AuxBlockBody {
    /// AUX_PERF_REQUESTID.
    PerfRequestId(AuxPerfRequestId),
    /// AUX_PERF_CLIENTINFO.
    PerfClientInfo(AuxPerfClientInfo),
    /// AUX_PERF_SERVERINFO.
    PerfServerInfo(AuxPerfServerInfo),
    /// AUX_PERF_SESSIONINFO.
    PerfSessionInfo(AuxPerfSessionInfo),
    /// AUX_PERF_SESSIONINFO_V2.
    PerfSessionInfoV2(AuxPerfSessionInfoV2),
    /// AUX_PERF_DEFMDB_SUCCESS.
    PerfDefMdbSuccess(AuxPerfDefMdbSuccess),
    /// AUX_PERF_DEFGC_SUCCESS.
    PerfDefGcSuccess(AuxPerfDefGcSuccess),
    /// AUX_PERF_MDB_SUCCESS.
    PerfMdbSuccess(AuxPerfMdbSuccess),
    /// AUX_PERF_MDB_SUCCESS_V2.
    PerfMdbSuccessV2(AuxPerfMdbSuccessV2),
    /// AUX_PERF_GC_SUCCESS.
    PerfGcSuccess(AuxPerfGcSuccess),
    /// AUX_PERF_GC_SUCCESS_V2.
    PerfGcSuccessV2(AuxPerfGcSuccessV2),
    /// AUX_PERF_FAILURE.
    PerfFailure(AuxPerfFailure),
    /// AUX_PERF_FAILURE_V2.
    PerfFailureV2(AuxPerfFailureV2),
    /// AUX_CLIENT_CONTROL.
    ClientControl(AuxClientControl),
    /// AUX_PERF_PROCESSINFO.
    PerfProcessInfo(AuxPerfProcessInfo),
    /// AUX_OSVERSIONINFO.
    OsVersionInfo(AuxOsVersionInfo),
    /// AUX_EXORGINFO.
    ExOrgInfo(AuxExOrgInfo),
    /// AUX_PERF_ACCOUNTINFO.
    PerfAccountInfo(AuxPerfAccountInfo),
    /// AUX_SERVER_CAPABILITIES.
    ServerCapabilities(AuxServerCapabilities),
    /// AUX_ENDPOINT_CAPABILITIES.
    EndpointCapabilities(AuxEndpointCapabilities),
    /// AUX_CLIENT_CONNECTION_INFO.
    ClientConnectionInfo(AuxClientConnectionInfo),
    /// AUX_SERVER_SESSION_INFO.
    ServerSessionInfo(AuxServerSessionInfo),
    /// AUX_PROTOCOL_DEVICE_IDENTIFICATION.
    ProtocolDeviceIdentification(AuxProtocolDeviceIdentification),
    /// The block's bytes: a Version/Type the spec does not define, or
    /// (lenient decoding, with a defect) a block that did not parse.
    Raw(Vec<u8>),
}

impl AuxBlockBody {
    /// Which structure this is (`None` for [`AuxBlockBody::Raw`]).
    pub fn kind(&self) -> Option<AuxBlockKind> {
        use AuxBlockBody as B;
        use AuxBlockKind as K;
        Some(match self {
            B::PerfRequestId(_) => K::PerfRequestId,
            B::PerfClientInfo(_) => K::PerfClientInfo,
            B::PerfServerInfo(_) => K::PerfServerInfo,
            B::PerfSessionInfo(_) => K::PerfSessionInfo,
            B::PerfSessionInfoV2(_) => K::PerfSessionInfoV2,
            B::PerfDefMdbSuccess(_) => K::PerfDefMdbSuccess,
            B::PerfDefGcSuccess(_) => K::PerfDefGcSuccess,
            B::PerfMdbSuccess(_) => K::PerfMdbSuccess,
            B::PerfMdbSuccessV2(_) => K::PerfMdbSuccessV2,
            B::PerfGcSuccess(_) => K::PerfGcSuccess,
            B::PerfGcSuccessV2(_) => K::PerfGcSuccessV2,
            B::PerfFailure(_) => K::PerfFailure,
            B::PerfFailureV2(_) => K::PerfFailureV2,
            B::ClientControl(_) => K::ClientControl,
            B::PerfProcessInfo(_) => K::PerfProcessInfo,
            B::OsVersionInfo(_) => K::OsVersionInfo,
            B::ExOrgInfo(_) => K::ExOrgInfo,
            B::PerfAccountInfo(_) => K::PerfAccountInfo,
            B::ServerCapabilities(_) => K::ServerCapabilities,
            B::EndpointCapabilities(_) => K::EndpointCapabilities,
            B::ClientConnectionInfo(_) => K::ClientConnectionInfo,
            B::ServerSessionInfo(_) => K::ServerSessionInfo,
            B::ProtocolDeviceIdentification(_) => K::ProtocolDeviceIdentification,
            B::Raw(_) => return None,
        })
    }

    /// Reads the body of `kind` from the window after the AUX_HEADER at
    /// `block_start` (the window ends at the block's end).
    fn read(r: &mut Reader<'_>, kind: AuxBlockKind, block_start: usize) -> Result<Self> {
        use AuxBlockBody as B;
        use AuxBlockKind as K;
        let block_end = r.end();
        let body = match kind {
            K::PerfRequestId => B::PerfRequestId(r.decode()?),
            K::PerfClientInfo => B::PerfClientInfo(r.frame("AUX_PERF_CLIENTINFO", |r| {
                AuxPerfClientInfo::read(r, block_start, block_end)
            })?),
            K::PerfServerInfo => B::PerfServerInfo(r.frame("AUX_PERF_SERVERINFO", |r| {
                AuxPerfServerInfo::read(r, block_start, block_end)
            })?),
            K::PerfSessionInfo => B::PerfSessionInfo(r.decode()?),
            K::PerfSessionInfoV2 => B::PerfSessionInfoV2(r.decode()?),
            K::PerfDefMdbSuccess => B::PerfDefMdbSuccess(r.decode()?),
            K::PerfDefGcSuccess => B::PerfDefGcSuccess(r.decode()?),
            K::PerfMdbSuccess => B::PerfMdbSuccess(r.decode()?),
            K::PerfMdbSuccessV2 => B::PerfMdbSuccessV2(r.decode()?),
            K::PerfGcSuccess => B::PerfGcSuccess(r.decode()?),
            K::PerfGcSuccessV2 => B::PerfGcSuccessV2(r.decode()?),
            K::PerfFailure => B::PerfFailure(r.decode()?),
            K::PerfFailureV2 => B::PerfFailureV2(r.decode()?),
            K::ClientControl => B::ClientControl(r.decode()?),
            K::PerfProcessInfo => B::PerfProcessInfo(r.frame("AUX_PERF_PROCESSINFO", |r| {
                AuxPerfProcessInfo::read(r, block_start, block_end)
            })?),
            K::OsVersionInfo => B::OsVersionInfo(r.decode()?),
            K::ExOrgInfo => B::ExOrgInfo(r.decode()?),
            K::PerfAccountInfo => B::PerfAccountInfo(r.decode()?),
            K::ServerCapabilities => B::ServerCapabilities(r.decode()?),
            K::EndpointCapabilities => B::EndpointCapabilities(r.decode()?),
            K::ClientConnectionInfo => {
                B::ClientConnectionInfo(r.frame("AUX_CLIENT_CONNECTION_INFO", |r| {
                    AuxClientConnectionInfo::read(r, block_start, block_end)
                })?)
            }
            K::ServerSessionInfo => {
                B::ServerSessionInfo(r.frame("AUX_SERVER_SESSION_INFO", |r| {
                    AuxServerSessionInfo::read(r, block_start, block_end)
                })?)
            }
            K::ProtocolDeviceIdentification => B::ProtocolDeviceIdentification(
                r.frame("AUX_PROTOCOL_DEVICE_IDENTIFICATION", |r| {
                    AuxProtocolDeviceIdentification::read(r, block_start, block_end)
                })?,
            ),
        };
        // A fixed-size structure must fill the block exactly.
        r.expect_end()?;
        Ok(body)
    }

    /// Writes the body (everything after the AUX_HEADER).
    fn write(&self, out: &mut Vec<u8>) -> Result<()> {
        use AuxBlockBody as B;
        match self {
            B::PerfRequestId(b) => b.encode(out),
            B::PerfClientInfo(b) => write_var_block(b, out),
            B::PerfServerInfo(b) => write_var_block(b, out),
            B::PerfSessionInfo(b) => b.encode(out),
            B::PerfSessionInfoV2(b) => b.encode(out),
            B::PerfDefMdbSuccess(b) => b.encode(out),
            B::PerfDefGcSuccess(b) => b.encode(out),
            B::PerfMdbSuccess(b) => b.encode(out),
            B::PerfMdbSuccessV2(b) => b.encode(out),
            B::PerfGcSuccess(b) => b.encode(out),
            B::PerfGcSuccessV2(b) => b.encode(out),
            B::PerfFailure(b) => b.encode(out),
            B::PerfFailureV2(b) => b.encode(out),
            B::ClientControl(b) => b.encode(out),
            B::PerfProcessInfo(b) => write_var_block(b, out),
            B::OsVersionInfo(b) => b.encode(out),
            B::ExOrgInfo(b) => b.encode(out),
            B::PerfAccountInfo(b) => b.encode(out),
            B::ServerCapabilities(b) => b.encode(out),
            B::EndpointCapabilities(b) => b.encode(out),
            B::ClientConnectionInfo(b) => write_var_block(b, out),
            B::ServerSessionInfo(b) => write_var_block(b, out),
            B::ProtocolDeviceIdentification(b) => write_var_block(b, out),
            B::Raw(bytes) => {
                out.extend_from_slice(bytes);
                Ok(())
            }
        }
    }
}

/// An auxiliary block: [MS-OXCRPC] 2.2.2.2 AUX_HEADER (Version, Type; Size
/// is computed when encoding) and the structure that follows it.
///
/// ```
/// use ms_oxcrpc::{AuxBlock, AuxBlockBody, AuxPerfRequestId, AuxType, AuxVersion};
/// use msox_codec::{Decode, Encode};
/// let b = AuxBlock::decode_exact(&[0x08, 0x00, 0x01, 0x01, 0x01, 0x00, 0xa3, 0x00])?;
/// assert_eq!(b.block_type, AuxType::PerfRequestId);
/// assert_eq!(
///     b.body,
///     AuxBlockBody::PerfRequestId(AuxPerfRequestId { session_id: 1, request_id: 0xa3 })
/// );
/// assert_eq!(b.to_vec()?, [0x08, 0x00, 0x01, 0x01, 0x01, 0x00, 0xa3, 0x00]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxBlock {
    /// AUX_HEADER Version.
    pub version: AuxVersion,
    /// AUX_HEADER Type.
    pub block_type: AuxType,
    /// The structure Version and Type select.
    pub body: AuxBlockBody,
}

impl AuxBlock {
    /// A block of `body` with the usual Version and Type for it (version 2
    /// for the `_V2` structures, the non-BG/FG type).
    pub fn new(body: AuxBlockBody) -> Self {
        use AuxBlockBody as B;
        let v1 = AuxVersion::Version1;
        let v2 = AuxVersion::Version2;
        let (version, block_type) = match &body {
            B::PerfRequestId(_) => (v1, AuxType::PerfRequestId),
            B::PerfClientInfo(_) => (v1, AuxType::PerfClientInfo),
            B::PerfServerInfo(_) => (v1, AuxType::PerfServerInfo),
            B::PerfSessionInfo(_) => (v1, AuxType::PerfSessionInfo),
            B::PerfSessionInfoV2(_) => (v2, AuxType::PerfSessionInfo),
            B::PerfDefMdbSuccess(_) => (v1, AuxType::PerfDefMdbSuccess),
            B::PerfDefGcSuccess(_) => (v1, AuxType::PerfDefGcSuccess),
            B::PerfMdbSuccess(_) => (v1, AuxType::PerfMdbSuccess),
            B::PerfMdbSuccessV2(_) => (v2, AuxType::PerfMdbSuccess),
            B::PerfGcSuccess(_) => (v1, AuxType::PerfGcSuccess),
            B::PerfGcSuccessV2(_) => (v2, AuxType::PerfGcSuccess),
            B::PerfFailure(_) => (v1, AuxType::PerfFailure),
            B::PerfFailureV2(_) => (v2, AuxType::PerfFailure),
            B::ClientControl(_) => (v1, AuxType::ClientControl),
            B::PerfProcessInfo(_) => (v1, AuxType::PerfProcessInfo),
            B::OsVersionInfo(_) => (v1, AuxType::OsVersionInfo),
            B::ExOrgInfo(_) => (v1, AuxType::ExOrgInfo),
            B::PerfAccountInfo(_) => (v1, AuxType::PerfAccountInfo),
            B::ServerCapabilities(_) => (v1, AuxType::ServerCapabilities),
            B::EndpointCapabilities(_) => (v1, AuxType::EndpointCapabilities),
            B::ClientConnectionInfo(_) => (v1, AuxType::ClientConnectionInfo),
            B::ServerSessionInfo(_) => (v1, AuxType::ServerSessionInfo),
            B::ProtocolDeviceIdentification(_) => (v1, AuxType::ProtocolDeviceIdentification),
            B::Raw(_) => (AuxVersion::from_value(0), AuxType::from_value(0)),
        };
        AuxBlock {
            version,
            block_type,
            body,
        }
    }

    /// The block's bytes after the AUX_HEADER. Fails when the body is not
    /// the structure Version and Type select.
    fn body_bytes(&self) -> Result<Vec<u8>> {
        if let Some(k) = self.body.kind()
            && AuxBlockKind::of(self.version, self.block_type) != Some(k)
        {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "Type",
                value: u64::from(self.block_type.value()),
            })
            .context(k.name()));
        }
        let mut out = Vec::new();
        self.body.write(&mut out)?;
        Ok(out)
    }

    /// Reads a block (the caller has framed it).
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let start = r.pos();
        let size = r.u16()?;
        let version = AuxVersion::decode(r)?;
        let block_type = AuxType::decode(r)?;
        let size_us = usize::from(size);
        if size_us < AUX_HEADER_SIZE {
            return Err(r.invalid_at("Size", u64::from(size), start));
        }
        let kind = AuxBlockKind::of(version, block_type);
        if let Some(k) = kind {
            r.set_variant(k.name());
        }
        let n = size_us - AUX_HEADER_SIZE;
        let body = match kind {
            None => {
                r.reserve_backed(n, "auxiliary block")?;
                AuxBlockBody::Raw(r.bytes(n)?.to_vec())
            }
            Some(k) => match r.unit(n, "auxiliary block kept as raw bytes", |r| {
                AuxBlockBody::read(r, k, start)
            })? {
                Unit::Value(b) => b,
                Unit::Raw(bytes) => {
                    r.reserve(bytes.len(), "auxiliary block")?;
                    AuxBlockBody::Raw(bytes.to_vec())
                }
            },
        };
        Ok(AuxBlock {
            version,
            block_type,
            body,
        })
    }
}

impl<'a> Decode<'a> for AuxBlock {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AUX_HEADER", AuxBlock::read)
    }
}

impl Encode for AuxBlock {
    fn encoded_len(&self) -> usize {
        self.body_bytes().map_or(0, |b| AUX_HEADER_SIZE + b.len())
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let body = self.body_bytes()?;
        let size = fit_u16(AUX_HEADER_SIZE + body.len(), "Size")?;
        AuxHeader {
            size,
            version: self.version,
            block_type: self.block_type,
        }
        .encode(buf)?;
        buf.put_slice(&body);
        Ok(())
    }
}

/// [MS-OXCRPC] 3.1.4.1.1.1.1 / 3.1.4.2.1.1.3: the payload of an auxiliary
/// buffer, a sequence of AUX_HEADER-framed blocks.
///
/// Strict decoding refuses a block that runs past the payload or is
/// shorter than its header; lenient decoding keeps such a remainder in
/// [`AuxPayload::trailing`] with a defect.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AuxPayload {
    /// The blocks, in order.
    pub blocks: Vec<AuxBlock>,
    /// Lenient decoding only: bytes after the last whole block.
    pub trailing: Vec<u8>,
}

impl AuxPayload {
    /// A payload of `blocks`.
    pub fn new(blocks: Vec<AuxBlock>) -> Self {
        AuxPayload {
            blocks,
            trailing: Vec::new(),
        }
    }

    /// Reads blocks to the end of the window.
    fn read(r: &mut Reader<'_>) -> Result<Self> {
        let mut blocks = Vec::new();
        let mut trailing = Vec::new();
        while !r.is_empty() {
            let left = r.remaining();
            // The block must at least hold its header and fit what is left.
            let fits = r
                .peek_u16()
                .map(usize::from)
                .is_some_and(|s| s >= AUX_HEADER_SIZE && s <= left)
                && left >= AUX_HEADER_SIZE;
            if !fits {
                let i = blocks.len();
                let at = r.pos();
                let e = r.frame_indexed("AUX_HEADER", i, |r| AuxBlock::read(r).map(drop));
                r.seek(at)?;
                let e = match e {
                    Err(e) => e,
                    Ok(()) => r.malformed("auxiliary block does not fit"),
                };
                r.tolerate(e, "bytes after the last whole block kept")?;
                r.reserve_backed(left, "trailing bytes")?;
                trailing = r.take_rest().to_vec();
                break;
            }
            r.check_count(1, AUX_HEADER_SIZE, "auxiliary block count")?;
            let i = blocks.len();
            blocks.push(r.frame_indexed("AUX_HEADER", i, AuxBlock::read)?);
        }
        Ok(AuxPayload { blocks, trailing })
    }

    fn write(&self, out: &mut Vec<u8>) -> Result<()> {
        for b in &self.blocks {
            b.encode(out)?;
        }
        out.extend_from_slice(&self.trailing);
        Ok(())
    }
}

impl<'a> Decode<'a> for AuxPayload {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        AuxPayload::read(r)
    }
}

impl Encode for AuxPayload {
    fn encoded_len(&self) -> usize {
        self.blocks.iter().map(Encode::encoded_len).sum::<usize>() + self.trailing.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let mut v = Vec::new();
        self.write(&mut v)?;
        buf.put_slice(&v);
        Ok(())
    }
}

impl Payload for AuxPayload {
    fn read_window(r: &mut Reader<'_>, len: usize) -> Result<Self> {
        r.sized(len, AuxPayload::read)
    }
    fn read_derived(r: &mut Reader<'_>, data: Vec<u8>, origin: Origin<'static>) -> Result<Self> {
        r.nested(&data, origin, |n| {
            let p = AuxPayload::read(n)?;
            n.expect_end()?;
            Ok(p)
        })
    }
    fn write_payload(&self, out: &mut Vec<u8>) -> Result<()> {
        self.write(out)
    }
}

/// [MS-OXCRPC] 3.1.4.1.1.1.1 rgbAuxIn / 3.1.4.1.1.1.2 rgbAuxOut (and
/// 3.1.4.2.1.1.3 / 3.1.4.2.1.1.4): an extended buffer whose payload is
/// auxiliary blocks.
///
/// ```
/// use ms_oxcrpc::{AuxBlock, AuxBlockBody, AuxBuffer, AuxPayload, AuxPerfRequestId,
///                 RpcHeaderExtFlags};
/// use msox_codec::{Decode, Encode};
/// let blocks = vec![AuxBlock::new(AuxBlockBody::PerfRequestId(AuxPerfRequestId {
///     session_id: 1,
///     request_id: 0xa3,
/// }))];
/// let buf = AuxBuffer::single(AuxPayload::new(blocks), RpcHeaderExtFlags::XOR_MAGIC);
/// let wire = buf.to_vec()?;
/// assert_eq!(wire, [0, 0, 6, 0, 8, 0, 8, 0, 0xad, 0xa5, 0xa4, 0xa4, 0xa4, 0xa5, 0x06, 0xa5]);
/// assert_eq!(AuxBuffer::decode_exact(&wire)?, buf_as_read(&buf));
/// # fn buf_as_read(b: &AuxBuffer) -> AuxBuffer {
/// #     let mut b = b.clone();
/// #     b.segments[0].header.size = 8;
/// #     b.segments[0].header.size_actual = 8;
/// #     b
/// # }
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub type AuxBuffer = ExtendedBuffer<AuxPayload>;
