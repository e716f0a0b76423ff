//! [MS-OXCROPS] 2.2.7 Transport ROPs (field semantics in [MS-OXOMSG] 2.2.3-2.2.5).

use std::borrow::Cow;

use ms_oxcdata::{FolderId, MessageId, TaggedValue};
use msox_codec::bytes::BufMut;
use msox_codec::{Reader, Result, String8};

use crate::codec::{AsciiZ, Bytes, Codec, TAGGED_VALUES, opt, rop_struct};
use crate::logon::HandleRequest;

msox_codec::wire_flags! {
    /// [MS-OXOMSG] 2.2.4.1.1 SubmitFlags of RopSubmitMessage (0x00: None).
    pub struct SubmitFlags: u8 {
        /// PreProcess: the message needs preprocessing.
        const PRE_PROCESS = 0x01 => "PreProcess";
        /// NeedsSpooler: the message needs the spooler.
        const NEEDS_SPOOLER = 0x02 => "NeedsSpooler";
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOMSG] 2.2.5.3.1 LockState of RopSpoolerLockMessage.
    pub enum LockState: u8 {
        /// Lock the message for the spooler.
        Lock = 0x00 => "lstLock",
        /// Unlock it.
        Unlock = 0x01 => "lstUnlock",
        /// The spooler is done with it.
        Finished = 0x02 => "lstFinished",
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.1.1 RopSubmitMessage ROP Request Buffer.
    pub struct RopSubmitMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// SubmitFlags ([MS-OXOMSG] 2.2.4.1.1).
        pub submit_flags: SubmitFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.2.1 RopAbortSubmit ROP Request Buffer.
    pub struct RopAbortSubmitRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// FolderId: the folder of the message.
        pub folder_id: FolderId,
        /// MessageId: the message.
        pub message_id: MessageId,
    }
}

/// [MS-OXCROPS] 2.2.7.3.1 RopGetAddressTypes ROP Request Buffer.
pub type RopGetAddressTypesRequest = HandleRequest;

/// AddressTypeCount, AddressTypeSize and AddressTypes: a count, the size
/// of the strings, then the null-terminated ASCII strings.
#[derive(Clone, Copy)]
pub(crate) struct AddressTypes;

impl<'a> Codec<'a, Vec<String8>> for AddressTypes {
    fn read(&self, r: &mut Reader<'a>) -> Result<Vec<String8>> {
        let n = r.u16()?;
        let size = usize::from(r.u16()?);
        r.sized(size, |r| {
            r.counted(u64::from(n), 1, "AddressTypeCount", |r| {
                AsciiZ("AddressTypes").read(r)
            })
        })
    }
    fn len(&self, v: &Vec<String8>) -> usize {
        4 + v.iter().map(|s| s.bytes().len() + 1).sum::<usize>()
    }
    fn write<B: BufMut>(&self, v: &Vec<String8>, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(v.len(), "AddressTypeCount")?);
        let size = v.iter().map(|s| s.bytes().len() + 1).sum::<usize>();
        buf.put_u16_le(msox_codec::fit_u16(size, "AddressTypeSize")?);
        for s in v {
            AsciiZ("AddressTypes").write(s, buf)?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.3.2 RopGetAddressTypes ROP Success Response Buffer.
    pub struct RopGetAddressTypesResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// AddressTypes after AddressTypeCount and AddressTypeSize: the
        /// address types the server supports.
        pub address_types: Vec<String8> => AddressTypes,
    }
}

/// [MS-OXCROPS] 2.2.7.4.1 RopSetSpooler ROP Request Buffer.
pub type RopSetSpoolerRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.5.1 RopSpoolerLockMessage ROP Request Buffer.
    pub struct RopSpoolerLockMessageRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// MessageId: the message.
        pub message_id: MessageId,
        /// LockState ([MS-OXOMSG] 2.2.5.3.1).
        pub lock_state: LockState,
    }
}

/// [MS-OXCROPS] 2.2.7.6.1 RopTransportSend ROP Request Buffer.
pub type RopTransportSendRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.6.2 RopTransportSend ROP Success Response Buffer.
    pub struct RopTransportSendResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// NoPropertiesReturned: nonzero when no property values are returned.
        pub no_properties_returned: u8,
        /// PropertyValues after their 2-byte PropertyValueCount
        /// ([MS-OXCDATA] 2.11.4 TaggedPropertyValues).
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.7.1 RopTransportNewMail ROP Request Buffer.
    pub struct RopTransportNewMailRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the message.
        pub input_handle_index: u8,
        /// MessageId: the new message.
        pub message_id: MessageId,
        /// FolderId: its folder.
        pub folder_id: FolderId,
        /// MessageClass: null-terminated ASCII.
        pub message_class: String8 => AsciiZ("MessageClass"),
        /// MessageFlags (PidTagMessageFlags, [MS-OXCMSG] 2.2.1.6).
        pub message_flags: u32,
    }
}

/// [MS-OXCROPS] 2.2.7.8.1 RopGetTransportFolder ROP Request Buffer.
pub type RopGetTransportFolderRequest = HandleRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.8.2 RopGetTransportFolder ROP Success Response Buffer.
    pub struct RopGetTransportFolderResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// FolderId: the transport folder.
        pub folder_id: FolderId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.9.1 RopOptionsData ROP Request Buffer.
    pub struct RopOptionsDataRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// AddressType: null-terminated ASCII.
        pub address_type: String8 => AsciiZ("AddressType"),
        /// WantWin32: nonzero for help data for 32-bit machines.
        pub want_win32: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.7.9.2 RopOptionsData ROP Success Response Buffer.
    pub struct RopOptionsDataResponse<'a> {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// Reserved: 1.
        pub reserved: u8,
        /// OptionsInfo after its 2-byte OptionsInfoSize (opaque).
        pub options_info: Cow<'a, [u8]> => Bytes::<2>("OptionsInfoSize"),
        /// HelpFile after its 2-byte HelpFileSize.
        pub help_file: Cow<'a, [u8]> => Bytes::<2>("HelpFileSize"),
        /// HelpFileName (null-terminated multibyte): present when
        /// HelpFileSize is nonzero.
        pub help_file_name: Option<String8> => opt(!help_file.is_empty(), "HelpFileName", AsciiZ("HelpFileName")),
    }
}
