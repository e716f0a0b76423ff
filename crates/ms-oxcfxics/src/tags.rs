//! [MS-OXCFXICS] 2.2.4.1.4 markers, 2.2.4.1.5 meta-properties, and the
//! ICS state and difference properties of 2.2.1.1 / 2.2.1.3.

use ms_oxcdata::{PropertyTag, PropertyType};

msox_codec::wire_enum! {
    /// [MS-OXCFXICS] 2.2.4.1.4 Markers: the 32-bit values that delimit the
    /// elements of a FastTransfer stream. They look like property tags but
    /// never have a value. Any other 32-bit value is not a marker (the
    /// type keeps it, for lossless handling).
    pub enum Marker: u32 {
        /// StartTopFld: the start of a folder (topFolder).
        StartTopFld = 0x4009_0003 => "StartTopFld",
        /// StartSubFld: the start of a subfolder.
        StartSubFld = 0x400A_0003 => "StartSubFld",
        /// EndFolder: the end of a folder or subfolder.
        EndFolder = 0x400B_0003 => "EndFolder",
        /// StartMessage: the start of a normal message.
        StartMessage = 0x400C_0003 => "StartMessage",
        /// StartFAIMsg: the start of an FAI message.
        StartFaiMsg = 0x4010_0003 => "StartFAIMsg",
        /// EndMessage: the end of a message.
        EndMessage = 0x400D_0003 => "EndMessage",
        /// StartEmbed: the start of an embedded message.
        StartEmbed = 0x4001_0003 => "StartEmbed",
        /// EndEmbed: the end of an embedded message.
        EndEmbed = 0x4002_0003 => "EndEmbed",
        /// StartRecip: the start of a recipient.
        StartRecip = 0x4003_0003 => "StartRecip",
        /// EndToRecip: the end of a recipient.
        EndToRecip = 0x4004_0003 => "EndToRecip",
        /// NewAttach: the start of an attachment.
        NewAttach = 0x4000_0003 => "NewAttach",
        /// EndAttach: the end of an attachment.
        EndAttach = 0x400E_0003 => "EndAttach",
        /// IncrSyncChg: the start of a folder or message change.
        IncrSyncChg = 0x4012_0003 => "IncrSyncChg",
        /// IncrSyncChgPartial: the start of a partial message change's header.
        IncrSyncChgPartial = 0x407D_0003 => "IncrSyncChgPartial",
        /// IncrSyncDel: the start of deletions.
        IncrSyncDel = 0x4013_0003 => "IncrSyncDel",
        /// IncrSyncEnd: the end of ICS data.
        IncrSyncEnd = 0x4014_0003 => "IncrSyncEnd",
        /// IncrSyncRead: the start of read state changes.
        IncrSyncRead = 0x402F_0003 => "IncrSyncRead",
        /// IncrSyncStateBegin: the start of the final ICS state.
        IncrSyncStateBegin = 0x403A_0003 => "IncrSyncStateBegin",
        /// IncrSyncStateEnd: the end of the final ICS state.
        IncrSyncStateEnd = 0x403B_0003 => "IncrSyncStateEnd",
        /// IncrSyncProgressMode: the start of progressTotal.
        IncrSyncProgressMode = 0x4074_000B => "IncrSyncProgressMode",
        /// IncrSyncProgressPerMsg: the start of progressPerMessage.
        IncrSyncProgressPerMsg = 0x4075_000B => "IncrSyncProgressPerMsg",
        /// IncrSyncMessage: the start of a message change's content.
        IncrSyncMessage = 0x4015_0003 => "IncrSyncMessage",
        /// IncrSyncGroupInfo: the start of a property group mapping.
        IncrSyncGroupInfo = 0x407B_0102 => "IncrSyncGroupInfo",
        /// FXErrorInfo: the start of error data (errorInfo).
        FxErrorInfo = 0x4018_0003 => "FXErrorInfo",
    }
}

impl Marker {
    /// The marker with this 32-bit value, if it is one.
    pub fn from_tag(v: u32) -> Option<Marker> {
        let m = Marker::from_value(v);
        m.is_known().then_some(m)
    }
}

const fn tag(id: u16, t: u16) -> PropertyTag {
    PropertyTag::new(id, PropertyType::from_value(t))
}

/// [MS-OXCFXICS] 2.2.4.1.5.1 MetaTagFXDelProp (0x40160003): delete the
/// subobjects named by the value (a property tag of 2.2.1.7) before the
/// ones that follow.
pub const META_TAG_FX_DEL_PROP: PropertyTag = tag(0x4016, 0x0003);
/// [MS-OXCFXICS] 2.2.4.1.5.2 MetaTagEcWarning (0x400F0003): a warning
/// (an [MS-OXCDATA] 2.4 error code) for the element in context.
pub const META_TAG_EC_WARNING: PropertyTag = tag(0x400F, 0x0003);
/// [MS-OXCFXICS] 2.2.4.1.5.3 MetaTagNewFXFolder (0x40110102): a
/// FolderReplicaInfo (2.2.2.9) for a ghosted public folder.
pub const META_TAG_NEW_FX_FOLDER: PropertyTag = tag(0x4011, 0x0102);
/// [MS-OXCFXICS] 2.2.4.1.5.4 MetaTagIncrSyncGroupId (0x407C0003): the
/// property group mapping in force.
pub const META_TAG_INCR_SYNC_GROUP_ID: PropertyTag = tag(0x407C, 0x0003);
/// [MS-OXCFXICS] 2.2.4.1.5.5 MetaTagIncrementalSyncMessagePartial
/// (0x407A0003): the property group the next propList belongs to.
pub const META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL: PropertyTag = tag(0x407A, 0x0003);
/// [MS-OXCFXICS] 2.2.4.1.5.6 MetaTagDnPrefix (0x4008001E): ignored when
/// received.
pub const META_TAG_DN_PREFIX: PropertyTag = tag(0x4008, 0x001E);

/// Every meta-property of 2.2.4.1.5.
pub const META_PROPERTIES: [PropertyTag; 6] = [
    META_TAG_FX_DEL_PROP,
    META_TAG_EC_WARNING,
    META_TAG_NEW_FX_FOLDER,
    META_TAG_INCR_SYNC_GROUP_ID,
    META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL,
    META_TAG_DN_PREFIX,
];

/// Whether `tag` is one of the meta-properties of 2.2.4.1.5 (by ID and type).
pub fn is_meta_property(tag: PropertyTag) -> bool {
    META_PROPERTIES.contains(&tag)
}

/// [MS-OXCFXICS] 2.2.1.1.1 MetaTagIdsetGiven (0x40170003). Its tag says
/// PtypInteger32, but its value is a REPLGUID-based IDSET carried like a
/// PtypBinary value (a length, then the bytes); the stream codec reads
/// and writes it that way.
pub const META_TAG_IDSET_GIVEN: PropertyTag = tag(0x4017, 0x0003);
/// [MS-OXCFXICS] 2.2.1.1.2 MetaTagCnsetSeen (0x67960102).
pub const META_TAG_CNSET_SEEN: PropertyTag = tag(0x6796, 0x0102);
/// [MS-OXCFXICS] 2.2.1.1.3 MetaTagCnsetSeenFAI (0x67DA0102).
pub const META_TAG_CNSET_SEEN_FAI: PropertyTag = tag(0x67DA, 0x0102);
/// [MS-OXCFXICS] 2.2.1.1.4 MetaTagCnsetRead (0x67D20102).
pub const META_TAG_CNSET_READ: PropertyTag = tag(0x67D2, 0x0102);
/// [MS-OXCFXICS] 2.2.1.3.1 MetaTagIdsetDeleted (0x67E50102).
pub const META_TAG_IDSET_DELETED: PropertyTag = tag(0x67E5, 0x0102);
/// [MS-OXCFXICS] 2.2.1.3.2 MetaTagIdsetNoLongerInScope (0x40210102).
pub const META_TAG_IDSET_NO_LONGER_IN_SCOPE: PropertyTag = tag(0x4021, 0x0102);
/// [MS-OXCFXICS] 2.2.1.3.3 MetaTagIdsetExpired (0x67930102).
pub const META_TAG_IDSET_EXPIRED: PropertyTag = tag(0x6793, 0x0102);
/// [MS-OXCFXICS] 2.2.1.3.4 MetaTagIdsetRead (0x402D0102).
pub const META_TAG_IDSET_READ: PropertyTag = tag(0x402D, 0x0102);
/// [MS-OXCFXICS] 2.2.1.3.5 MetaTagIdsetUnread (0x402E0102).
pub const META_TAG_IDSET_UNREAD: PropertyTag = tag(0x402E, 0x0102);
