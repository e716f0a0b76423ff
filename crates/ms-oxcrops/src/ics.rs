//! [MS-OXCROPS] 2.2.13 Incremental Change Synchronization (ICS) ROPs
//! (field semantics in [MS-OXCFXICS] 2.2.3.2). State streams are kept as
//! bytes.

use std::borrow::Cow;

use ms_dtyp::Guid;
use ms_oxcdata::{
    FolderId, GlobalCounter, LongTermIdRange, MessageId, PropertyTag, Restriction, TaggedValue,
};

use crate::codec::{
    Bytes, MaybeRestriction, Plain, TAGGED_VALUES, TAGS, Tags, list32, rop_struct, sized16,
};
use crate::fast_transfer::SendOptions;

msox_codec::wire_enum! {
    /// [MS-OXCFXICS] 2.2.3.2.1.1.1 SynchronizationType of RopSynchronizationConfigure.
    pub enum SynchronizationType: u8 {
        /// Contents: synchronize the messages of a folder.
        Contents = 0x01 => "Contents",
        /// Hierarchy: synchronize the subfolders of a folder.
        Hierarchy = 0x02 => "Hierarchy",
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.2.1.1.1 SynchronizationFlags of RopSynchronizationConfigure.
    pub struct SynchronizationFlags: u16 {
        /// Unicode.
        const UNICODE = 0x0001 => "Unicode";
        /// NoDeletions.
        const NO_DELETIONS = 0x0002 => "NoDeletions";
        /// IgnoreNoLongerInScope.
        const IGNORE_NO_LONGER_IN_SCOPE = 0x0004 => "IgnoreNoLongerInScope";
        /// ReadState.
        const READ_STATE = 0x0008 => "ReadState";
        /// FAI.
        const FAI = 0x0010 => "FAI";
        /// Normal.
        const NORMAL = 0x0020 => "Normal";
        /// OnlySpecifiedProperties.
        const ONLY_SPECIFIED_PROPERTIES = 0x0080 => "OnlySpecifiedProperties";
        /// NoForeignIdentifiers.
        const NO_FOREIGN_IDENTIFIERS = 0x0100 => "NoForeignIdentifiers";
        /// Reserved.
        const RESERVED = 0x1000 => "Reserved";
        /// BestBody.
        const BEST_BODY = 0x2000 => "BestBody";
        /// IgnoreSpecifiedOnFAI.
        const IGNORE_SPECIFIED_ON_FAI = 0x4000 => "IgnoreSpecifiedOnFAI";
        /// Progress.
        const PROGRESS = 0x8000 => "Progress";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.2.1.1.1 SynchronizationExtraFlags of
    /// RopSynchronizationConfigure.
    pub struct SynchronizationExtraFlags: u32 {
        /// Eid: PidTagFolderId / PidTagMid in the change headers.
        const EID = 0x0000_0001 => "Eid";
        /// MessageSize: PidTagMessageSize in the message change headers.
        const MESSAGE_SIZE = 0x0000_0002 => "MessageSize";
        /// CN: PidTagChangeNumber in the message change headers.
        const CN = 0x0000_0004 => "CN";
        /// OrderByDeliveryTime: messages sorted by delivery time.
        const ORDER_BY_DELIVERY_TIME = 0x0000_0008 => "OrderByDeliveryTime";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.2.4.2.1 ImportFlag of RopSynchronizationImportMessageChange.
    pub struct ImportFlag: u8 {
        /// Associated: the message is an FAI message.
        const ASSOCIATED = 0x10 => "Associated";
        /// FailOnConflict: fail on a conflicting version.
        const FAIL_ON_CONFLICT = 0x40 => "FailOnConflict";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFXICS] 2.2.3.2.4.5.1 ImportDeleteFlags of RopSynchronizationImportDeletes.
    pub struct ImportDeleteFlags: u8 {
        /// Hierarchy: folder deletions (else message deletions).
        const HIERARCHY = 0x01 => "Hierarchy";
        /// HardDelete: hard deletions.
        const HARD_DELETE = 0x02 => "HardDelete";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.1.1 RopSynchronizationConfigure ROP Request Buffer.
    pub struct RopSynchronizationConfigureRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the synchronization context goes.
        pub output_handle_index: u8,
        /// SynchronizationType ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        pub synchronization_type: SynchronizationType,
        /// SendOptions ([MS-OXCFXICS] 2.2.3.1.1.1.2).
        pub send_options: SendOptions,
        /// SynchronizationFlags ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        pub synchronization_flags: SynchronizationFlags,
        /// RestrictionData after its 2-byte RestrictionDataSize (`None`, size 0: none).
        pub restriction: Option<Restriction> => sized16("RestrictionDataSize", MaybeRestriction),
        /// SynchronizationExtraFlags ([MS-OXCFXICS] 2.2.3.2.1.1.1).
        pub synchronization_extra_flags: SynchronizationExtraFlags,
        /// PropertyTags after their 2-byte PropertyTagCount.
        pub property_tags: Tags => TAGS,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.2.1 RopSynchronizationImportMessageChange ROP Request Buffer.
    pub struct RopSynchronizationImportMessageChangeRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Message object goes.
        pub output_handle_index: u8,
        /// ImportFlag ([MS-OXCFXICS] 2.2.3.2.4.2.1).
        pub import_flag: ImportFlag,
        /// PropertyValues after their 2-byte PropertyValueCount: the
        /// message's identifying properties.
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.2.2 RopSynchronizationImportMessageChange ROP
    /// Success Response Buffer (also 2.2.13.6.2 RopSynchronizationImportMessageMove).
    pub struct ImportMessageResponse {
        /// OutputHandleIndex (InputHandleIndex for RopSynchronizationImportMessageMove).
        pub handle_index: u8,
        @success
        /// MessageId: 0.
        pub message_id: MessageId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.3.1.1 MessageReadState Structure.
    pub struct MessageReadState<'a> {
        /// MessageId after its 2-byte MessageIdSize: the message's ID (a
        /// GID, [MS-OXCFXICS] 2.2.2.2).
        pub message_id: Cow<'a, [u8]> => Bytes::<2>("MessageIdSize"),
        /// MarkAsRead: nonzero to mark read, 0 to mark unread.
        pub mark_as_read: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.3.1 RopSynchronizationImportReadStateChanges ROP Request Buffer.
    pub struct RopSynchronizationImportReadStateChangesRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// MessageReadStates after their 2-byte MessageReadStatesSize.
        pub message_read_states: Vec<MessageReadState<'a>> => sized16("MessageReadStatesSize", ReadStates),
    }
}

/// MessageReadState structures filling a sized window.
#[derive(Clone, Copy)]
pub(crate) struct ReadStates;

impl<'a> crate::codec::Codec<'a, Vec<MessageReadState<'a>>> for ReadStates {
    fn read(
        &self,
        r: &mut msox_codec::Reader<'a>,
    ) -> msox_codec::Result<Vec<MessageReadState<'a>>> {
        let mut v = Vec::new();
        let mut i = 0usize;
        while !r.is_empty() {
            r.check_count(1, 3, "MessageReadStates")?;
            v.push(r.frame_indexed("MessageReadState", i, |r| r.decode())?);
            i += 1;
        }
        Ok(v)
    }
    fn len(&self, v: &Vec<MessageReadState<'a>>) -> usize {
        v.iter().map(msox_codec::Encode::encoded_len).sum()
    }
    fn write<B: msox_codec::bytes::BufMut>(
        &self,
        v: &Vec<MessageReadState<'a>>,
        buf: &mut B,
    ) -> msox_codec::Result<()> {
        for x in v {
            msox_codec::Encode::encode(x, buf)?;
        }
        Ok(())
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.4.1 RopSynchronizationImportHierarchyChange ROP Request Buffer.
    pub struct RopSynchronizationImportHierarchyChangeRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// HierarchyValues after their 2-byte HierarchyValueCount: the
        /// folder's identifying properties.
        pub hierarchy_values: Vec<TaggedValue> => crate::codec::list16("HierarchyValueCount", 4, crate::codec::Tagged),
        /// PropertyValues after their 2-byte PropertyValueCount.
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.4.2 RopSynchronizationImportHierarchyChange ROP
    /// Success Response Buffer.
    pub struct RopSynchronizationImportHierarchyChangeResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// FolderId: 0.
        pub folder_id: FolderId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.5.1 RopSynchronizationImportDeletes ROP Request Buffer.
    pub struct RopSynchronizationImportDeletesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// ImportDeleteFlags ([MS-OXCFXICS] 2.2.3.2.4.5.1; IsHierarchy in
        /// earlier revisions).
        pub import_delete_flags: ImportDeleteFlags,
        /// PropertyValues after their 2-byte PropertyValueCount (the
        /// PidTagIdsetDeleted value).
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.6.1 RopSynchronizationImportMessageMove ROP Request Buffer.
    pub struct RopSynchronizationImportMessageMoveRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the upload context.
        pub input_handle_index: u8,
        /// SourceFolderId after its 4-byte SourceFolderIdSize.
        pub source_folder_id: Cow<'a, [u8]> => Bytes::<4>("SourceFolderIdSize"),
        /// SourceMessageId after its 4-byte SourceMessageIdSize.
        pub source_message_id: Cow<'a, [u8]> => Bytes::<4>("SourceMessageIdSize"),
        /// PredecessorChangeList after its 4-byte PredecessorChangeListSize.
        pub predecessor_change_list: Cow<'a, [u8]> => Bytes::<4>("PredecessorChangeListSize"),
        /// DestinationMessageId after its 4-byte DestinationMessageIdSize.
        pub destination_message_id: Cow<'a, [u8]> => Bytes::<4>("DestinationMessageIdSize"),
        /// ChangeNumber after its 4-byte ChangeNumberSize.
        pub change_number: Cow<'a, [u8]> => Bytes::<4>("ChangeNumberSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.7.1 RopSynchronizationOpenCollector ROP Request Buffer.
    pub struct RopSynchronizationOpenCollectorRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the upload context goes.
        pub output_handle_index: u8,
        /// IsContentsCollector: nonzero for contents, 0 for hierarchy.
        pub is_contents_collector: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.9.1 RopSynchronizationUploadStateStreamBegin ROP Request Buffer.
    pub struct RopSynchronizationUploadStateStreamBeginRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the synchronization context.
        pub input_handle_index: u8,
        /// StateProperty: the state property uploaded (a PropertyTag).
        pub state_property: PropertyTag,
        /// TransferBufferSize: the size of the state stream.
        pub transfer_buffer_size: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.10.1 RopSynchronizationUploadStateStreamContinue ROP Request Buffer.
    pub struct RopSynchronizationUploadStateStreamContinueRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the synchronization context.
        pub input_handle_index: u8,
        /// StreamData after its 4-byte StreamDataSize: a piece of the
        /// state stream, as bytes.
        pub stream_data: Cow<'a, [u8]> => Bytes::<4>("StreamDataSize"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.12.1 RopSetLocalReplicaMidsetDeleted ROP Request Buffer.
    pub struct RopSetLocalReplicaMidsetDeletedRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// LongTermIdRanges after DataSize (2 bytes, the size of the count
        /// and the ranges) and LongTermIdRangeCount (4 bytes)
        /// ([MS-OXCROPS] 2.2.13.12.1.1 LongTermIdRange).
        pub long_term_id_ranges: Vec<LongTermIdRange> => sized16("DataSize", list32("LongTermIdRangeCount", 48, Plain)),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.13.1 RopGetLocalReplicaIds ROP Request Buffer.
    pub struct RopGetLocalReplicaIdsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// IdCount: the IDs to reserve.
        pub id_count: u32,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.13.13.2 RopGetLocalReplicaIds ROP Success Response Buffer.
    pub struct RopGetLocalReplicaIdsResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// ReplGuid: the replica.
        pub repl_guid: Guid,
        /// GlobalCount: the first of the IDs reserved.
        pub global_count: GlobalCounter,
    }
}
