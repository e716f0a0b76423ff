//! [MS-OXCROPS] 2.2.2 The Table of RopIds.

msox_codec::wire_enum! {
    /// [MS-OXCROPS] 2.2.2 The Table of RopIds: the first byte of every ROP
    /// request and response. Values the table does not list are kept (an
    /// unknown ROP in a buffer is kept as bytes, see
    /// [`crate::RawRops`]); [`RopId::section`] gives the section of
    /// [MS-OXCROPS] that specifies each one.
    pub enum RopId: u8 {
        /// RopRelease ([MS-OXCROPS] 2.2.15.3).
        Release = 0x01 => "RopRelease",
        /// RopOpenFolder ([MS-OXCROPS] 2.2.4.1).
        OpenFolder = 0x02 => "RopOpenFolder",
        /// RopOpenMessage ([MS-OXCROPS] 2.2.6.1).
        OpenMessage = 0x03 => "RopOpenMessage",
        /// RopGetHierarchyTable ([MS-OXCROPS] 2.2.4.13).
        GetHierarchyTable = 0x04 => "RopGetHierarchyTable",
        /// RopGetContentsTable ([MS-OXCROPS] 2.2.4.14).
        GetContentsTable = 0x05 => "RopGetContentsTable",
        /// RopCreateMessage ([MS-OXCROPS] 2.2.6.2).
        CreateMessage = 0x06 => "RopCreateMessage",
        /// RopGetPropertiesSpecific ([MS-OXCROPS] 2.2.8.3).
        GetPropertiesSpecific = 0x07 => "RopGetPropertiesSpecific",
        /// RopGetPropertiesAll ([MS-OXCROPS] 2.2.8.4).
        GetPropertiesAll = 0x08 => "RopGetPropertiesAll",
        /// RopGetPropertiesList ([MS-OXCROPS] 2.2.8.5).
        GetPropertiesList = 0x09 => "RopGetPropertiesList",
        /// RopSetProperties ([MS-OXCROPS] 2.2.8.6).
        SetProperties = 0x0A => "RopSetProperties",
        /// RopDeleteProperties ([MS-OXCROPS] 2.2.8.8).
        DeleteProperties = 0x0B => "RopDeleteProperties",
        /// RopSaveChangesMessage ([MS-OXCROPS] 2.2.6.3).
        SaveChangesMessage = 0x0C => "RopSaveChangesMessage",
        /// RopRemoveAllRecipients ([MS-OXCROPS] 2.2.6.4).
        RemoveAllRecipients = 0x0D => "RopRemoveAllRecipients",
        /// RopModifyRecipients ([MS-OXCROPS] 2.2.6.5).
        ModifyRecipients = 0x0E => "RopModifyRecipients",
        /// RopReadRecipients ([MS-OXCROPS] 2.2.6.6).
        ReadRecipients = 0x0F => "RopReadRecipients",
        /// RopReloadCachedInformation ([MS-OXCROPS] 2.2.6.7).
        ReloadCachedInformation = 0x10 => "RopReloadCachedInformation",
        /// RopSetMessageReadFlag ([MS-OXCROPS] 2.2.6.11).
        SetMessageReadFlag = 0x11 => "RopSetMessageReadFlag",
        /// RopSetColumns ([MS-OXCROPS] 2.2.5.1).
        SetColumns = 0x12 => "RopSetColumns",
        /// RopSortTable ([MS-OXCROPS] 2.2.5.2).
        SortTable = 0x13 => "RopSortTable",
        /// RopRestrict ([MS-OXCROPS] 2.2.5.3).
        Restrict = 0x14 => "RopRestrict",
        /// RopQueryRows ([MS-OXCROPS] 2.2.5.4).
        QueryRows = 0x15 => "RopQueryRows",
        /// RopGetStatus ([MS-OXCROPS] 2.2.5.6).
        GetStatus = 0x16 => "RopGetStatus",
        /// RopQueryPosition ([MS-OXCROPS] 2.2.5.7).
        QueryPosition = 0x17 => "RopQueryPosition",
        /// RopSeekRow ([MS-OXCROPS] 2.2.5.8).
        SeekRow = 0x18 => "RopSeekRow",
        /// RopSeekRowBookmark ([MS-OXCROPS] 2.2.5.9).
        SeekRowBookmark = 0x19 => "RopSeekRowBookmark",
        /// RopSeekRowFractional ([MS-OXCROPS] 2.2.5.10).
        SeekRowFractional = 0x1A => "RopSeekRowFractional",
        /// RopCreateBookmark ([MS-OXCROPS] 2.2.5.11).
        CreateBookmark = 0x1B => "RopCreateBookmark",
        /// RopCreateFolder ([MS-OXCROPS] 2.2.4.2).
        CreateFolder = 0x1C => "RopCreateFolder",
        /// RopDeleteFolder ([MS-OXCROPS] 2.2.4.3).
        DeleteFolder = 0x1D => "RopDeleteFolder",
        /// RopDeleteMessages ([MS-OXCROPS] 2.2.4.11).
        DeleteMessages = 0x1E => "RopDeleteMessages",
        /// RopGetMessageStatus ([MS-OXCROPS] 2.2.6.9).
        GetMessageStatus = 0x1F => "RopGetMessageStatus",
        /// RopSetMessageStatus ([MS-OXCROPS] 2.2.6.8).
        SetMessageStatus = 0x20 => "RopSetMessageStatus",
        /// RopGetAttachmentTable ([MS-OXCROPS] 2.2.6.17).
        GetAttachmentTable = 0x21 => "RopGetAttachmentTable",
        /// RopOpenAttachment ([MS-OXCROPS] 2.2.6.12).
        OpenAttachment = 0x22 => "RopOpenAttachment",
        /// RopCreateAttachment ([MS-OXCROPS] 2.2.6.13).
        CreateAttachment = 0x23 => "RopCreateAttachment",
        /// RopDeleteAttachment ([MS-OXCROPS] 2.2.6.14).
        DeleteAttachment = 0x24 => "RopDeleteAttachment",
        /// RopSaveChangesAttachment ([MS-OXCROPS] 2.2.6.15).
        SaveChangesAttachment = 0x25 => "RopSaveChangesAttachment",
        /// RopSetReceiveFolder ([MS-OXCROPS] 2.2.3.3).
        SetReceiveFolder = 0x26 => "RopSetReceiveFolder",
        /// RopGetReceiveFolder ([MS-OXCROPS] 2.2.3.2).
        GetReceiveFolder = 0x27 => "RopGetReceiveFolder",
        /// RopRegisterNotification ([MS-OXCROPS] 2.2.14.1).
        RegisterNotification = 0x29 => "RopRegisterNotification",
        /// RopNotify ([MS-OXCROPS] 2.2.14.2).
        Notify = 0x2A => "RopNotify",
        /// RopOpenStream ([MS-OXCROPS] 2.2.9.1).
        OpenStream = 0x2B => "RopOpenStream",
        /// RopReadStream ([MS-OXCROPS] 2.2.9.2).
        ReadStream = 0x2C => "RopReadStream",
        /// RopWriteStream ([MS-OXCROPS] 2.2.9.3).
        WriteStream = 0x2D => "RopWriteStream",
        /// RopSeekStream ([MS-OXCROPS] 2.2.9.8).
        SeekStream = 0x2E => "RopSeekStream",
        /// RopSetStreamSize ([MS-OXCROPS] 2.2.9.7).
        SetStreamSize = 0x2F => "RopSetStreamSize",
        /// RopSetSearchCriteria ([MS-OXCROPS] 2.2.4.4).
        SetSearchCriteria = 0x30 => "RopSetSearchCriteria",
        /// RopGetSearchCriteria ([MS-OXCROPS] 2.2.4.5).
        GetSearchCriteria = 0x31 => "RopGetSearchCriteria",
        /// RopSubmitMessage ([MS-OXCROPS] 2.2.7.1).
        SubmitMessage = 0x32 => "RopSubmitMessage",
        /// RopMoveCopyMessages ([MS-OXCROPS] 2.2.4.6).
        MoveCopyMessages = 0x33 => "RopMoveCopyMessages",
        /// RopAbortSubmit ([MS-OXCROPS] 2.2.7.2).
        AbortSubmit = 0x34 => "RopAbortSubmit",
        /// RopMoveFolder ([MS-OXCROPS] 2.2.4.7).
        MoveFolder = 0x35 => "RopMoveFolder",
        /// RopCopyFolder ([MS-OXCROPS] 2.2.4.8).
        CopyFolder = 0x36 => "RopCopyFolder",
        /// RopQueryColumnsAll ([MS-OXCROPS] 2.2.5.12).
        QueryColumnsAll = 0x37 => "RopQueryColumnsAll",
        /// RopAbort ([MS-OXCROPS] 2.2.5.5).
        Abort = 0x38 => "RopAbort",
        /// RopCopyTo ([MS-OXCROPS] 2.2.8.12).
        CopyTo = 0x39 => "RopCopyTo",
        /// RopCopyToStream ([MS-OXCROPS] 2.2.9.9).
        CopyToStream = 0x3A => "RopCopyToStream",
        /// RopCloneStream ([MS-OXCROPS] 2.2.9.13).
        CloneStream = 0x3B => "RopCloneStream",
        /// RopGetPermissionsTable ([MS-OXCROPS] 2.2.10.2).
        GetPermissionsTable = 0x3E => "RopGetPermissionsTable",
        /// RopGetRulesTable ([MS-OXCROPS] 2.2.11.2).
        GetRulesTable = 0x3F => "RopGetRulesTable",
        /// RopModifyPermissions ([MS-OXCROPS] 2.2.10.1).
        ModifyPermissions = 0x40 => "RopModifyPermissions",
        /// RopModifyRules ([MS-OXCROPS] 2.2.11.1).
        ModifyRules = 0x41 => "RopModifyRules",
        /// RopGetOwningServers ([MS-OXCROPS] 2.2.3.6).
        GetOwningServers = 0x42 => "RopGetOwningServers",
        /// RopLongTermIdFromId ([MS-OXCROPS] 2.2.3.8).
        LongTermIdFromId = 0x43 => "RopLongTermIdFromId",
        /// RopIdFromLongTermId ([MS-OXCROPS] 2.2.3.9).
        IdFromLongTermId = 0x44 => "RopIdFromLongTermId",
        /// RopPublicFolderIsGhosted ([MS-OXCROPS] 2.2.3.7).
        PublicFolderIsGhosted = 0x45 => "RopPublicFolderIsGhosted",
        /// RopOpenEmbeddedMessage ([MS-OXCROPS] 2.2.6.16).
        OpenEmbeddedMessage = 0x46 => "RopOpenEmbeddedMessage",
        /// RopSetSpooler ([MS-OXCROPS] 2.2.7.4).
        SetSpooler = 0x47 => "RopSetSpooler",
        /// RopSpoolerLockMessage ([MS-OXCROPS] 2.2.7.5).
        SpoolerLockMessage = 0x48 => "RopSpoolerLockMessage",
        /// RopGetAddressTypes ([MS-OXCROPS] 2.2.7.3).
        GetAddressTypes = 0x49 => "RopGetAddressTypes",
        /// RopTransportSend ([MS-OXCROPS] 2.2.7.6).
        TransportSend = 0x4A => "RopTransportSend",
        /// RopFastTransferSourceCopyMessages ([MS-OXCROPS] 2.2.12.6).
        FastTransferSourceCopyMessages = 0x4B => "RopFastTransferSourceCopyMessages",
        /// RopFastTransferSourceCopyFolder ([MS-OXCROPS] 2.2.12.5).
        FastTransferSourceCopyFolder = 0x4C => "RopFastTransferSourceCopyFolder",
        /// RopFastTransferSourceCopyTo ([MS-OXCROPS] 2.2.12.7).
        FastTransferSourceCopyTo = 0x4D => "RopFastTransferSourceCopyTo",
        /// RopFastTransferSourceGetBuffer ([MS-OXCROPS] 2.2.12.4).
        FastTransferSourceGetBuffer = 0x4E => "RopFastTransferSourceGetBuffer",
        /// RopFindRow ([MS-OXCROPS] 2.2.5.13).
        FindRow = 0x4F => "RopFindRow",
        /// RopProgress ([MS-OXCROPS] 2.2.8.13).
        Progress = 0x50 => "RopProgress",
        /// RopTransportNewMail ([MS-OXCROPS] 2.2.7.7).
        TransportNewMail = 0x51 => "RopTransportNewMail",
        /// RopGetValidAttachments ([MS-OXCROPS] 2.2.6.18).
        GetValidAttachments = 0x52 => "RopGetValidAttachments",
        /// RopFastTransferDestinationConfigure ([MS-OXCROPS] 2.2.12.1).
        FastTransferDestinationConfigure = 0x53 => "RopFastTransferDestinationConfigure",
        /// RopFastTransferDestinationPutBuffer ([MS-OXCROPS] 2.2.12.2).
        FastTransferDestinationPutBuffer = 0x54 => "RopFastTransferDestinationPutBuffer",
        /// RopGetNamesFromPropertyIds ([MS-OXCROPS] 2.2.8.2).
        GetNamesFromPropertyIds = 0x55 => "RopGetNamesFromPropertyIds",
        /// RopGetPropertyIdsFromNames ([MS-OXCROPS] 2.2.8.1).
        GetPropertyIdsFromNames = 0x56 => "RopGetPropertyIdsFromNames",
        /// RopUpdateDeferredActionMessages ([MS-OXCROPS] 2.2.11.3).
        UpdateDeferredActionMessages = 0x57 => "RopUpdateDeferredActionMessages",
        /// RopEmptyFolder ([MS-OXCROPS] 2.2.4.9).
        EmptyFolder = 0x58 => "RopEmptyFolder",
        /// RopExpandRow ([MS-OXCROPS] 2.2.5.16).
        ExpandRow = 0x59 => "RopExpandRow",
        /// RopCollapseRow ([MS-OXCROPS] 2.2.5.17).
        CollapseRow = 0x5A => "RopCollapseRow",
        /// RopLockRegionStream ([MS-OXCROPS] 2.2.9.10).
        LockRegionStream = 0x5B => "RopLockRegionStream",
        /// RopUnlockRegionStream ([MS-OXCROPS] 2.2.9.11).
        UnlockRegionStream = 0x5C => "RopUnlockRegionStream",
        /// RopCommitStream ([MS-OXCROPS] 2.2.9.5).
        CommitStream = 0x5D => "RopCommitStream",
        /// RopGetStreamSize ([MS-OXCROPS] 2.2.9.6).
        GetStreamSize = 0x5E => "RopGetStreamSize",
        /// RopQueryNamedProperties ([MS-OXCROPS] 2.2.8.10).
        QueryNamedProperties = 0x5F => "RopQueryNamedProperties",
        /// RopGetPerUserLongTermIds ([MS-OXCROPS] 2.2.3.10).
        GetPerUserLongTermIds = 0x60 => "RopGetPerUserLongTermIds",
        /// RopGetPerUserGuid ([MS-OXCROPS] 2.2.3.11).
        GetPerUserGuid = 0x61 => "RopGetPerUserGuid",
        /// RopReadPerUserInformation ([MS-OXCROPS] 2.2.3.12).
        ReadPerUserInformation = 0x63 => "RopReadPerUserInformation",
        /// RopWritePerUserInformation ([MS-OXCROPS] 2.2.3.13).
        WritePerUserInformation = 0x64 => "RopWritePerUserInformation",
        /// RopSetReadFlags ([MS-OXCROPS] 2.2.6.10).
        SetReadFlags = 0x66 => "RopSetReadFlags",
        /// RopCopyProperties ([MS-OXCROPS] 2.2.8.11).
        CopyProperties = 0x67 => "RopCopyProperties",
        /// RopGetReceiveFolderTable ([MS-OXCROPS] 2.2.3.4).
        GetReceiveFolderTable = 0x68 => "RopGetReceiveFolderTable",
        /// RopFastTransferSourceCopyProperties ([MS-OXCROPS] 2.2.12.8).
        FastTransferSourceCopyProperties = 0x69 => "RopFastTransferSourceCopyProperties",
        /// RopGetCollapseState ([MS-OXCROPS] 2.2.5.18).
        GetCollapseState = 0x6B => "RopGetCollapseState",
        /// RopSetCollapseState ([MS-OXCROPS] 2.2.5.19).
        SetCollapseState = 0x6C => "RopSetCollapseState",
        /// RopGetTransportFolder ([MS-OXCROPS] 2.2.7.8).
        GetTransportFolder = 0x6D => "RopGetTransportFolder",
        /// RopPending ([MS-OXCROPS] 2.2.14.3).
        Pending = 0x6E => "RopPending",
        /// RopOptionsData ([MS-OXCROPS] 2.2.7.9).
        OptionsData = 0x6F => "RopOptionsData",
        /// RopSynchronizationConfigure ([MS-OXCROPS] 2.2.13.1).
        SynchronizationConfigure = 0x70 => "RopSynchronizationConfigure",
        /// RopSynchronizationImportMessageChange ([MS-OXCROPS] 2.2.13.2).
        SynchronizationImportMessageChange = 0x72 => "RopSynchronizationImportMessageChange",
        /// RopSynchronizationImportHierarchyChange ([MS-OXCROPS] 2.2.13.4).
        SynchronizationImportHierarchyChange = 0x73 => "RopSynchronizationImportHierarchyChange",
        /// RopSynchronizationImportDeletes ([MS-OXCROPS] 2.2.13.5).
        SynchronizationImportDeletes = 0x74 => "RopSynchronizationImportDeletes",
        /// RopSynchronizationUploadStateStreamBegin ([MS-OXCROPS] 2.2.13.9).
        SynchronizationUploadStateStreamBegin = 0x75 => "RopSynchronizationUploadStateStreamBegin",
        /// RopSynchronizationUploadStateStreamContinue ([MS-OXCROPS] 2.2.13.10).
        SynchronizationUploadStateStreamContinue = 0x76 => "RopSynchronizationUploadStateStreamContinue",
        /// RopSynchronizationUploadStateStreamEnd ([MS-OXCROPS] 2.2.13.11).
        SynchronizationUploadStateStreamEnd = 0x77 => "RopSynchronizationUploadStateStreamEnd",
        /// RopSynchronizationImportMessageMove ([MS-OXCROPS] 2.2.13.6).
        SynchronizationImportMessageMove = 0x78 => "RopSynchronizationImportMessageMove",
        /// RopSetPropertiesNoReplicate ([MS-OXCROPS] 2.2.8.7).
        SetPropertiesNoReplicate = 0x79 => "RopSetPropertiesNoReplicate",
        /// RopDeletePropertiesNoReplicate ([MS-OXCROPS] 2.2.8.9).
        DeletePropertiesNoReplicate = 0x7A => "RopDeletePropertiesNoReplicate",
        /// RopGetStoreState ([MS-OXCROPS] 2.2.3.5).
        GetStoreState = 0x7B => "RopGetStoreState",
        /// RopSynchronizationOpenCollector ([MS-OXCROPS] 2.2.13.7).
        SynchronizationOpenCollector = 0x7E => "RopSynchronizationOpenCollector",
        /// RopGetLocalReplicaIds ([MS-OXCROPS] 2.2.13.13).
        GetLocalReplicaIds = 0x7F => "RopGetLocalReplicaIds",
        /// RopSynchronizationImportReadStateChanges ([MS-OXCROPS] 2.2.13.3).
        SynchronizationImportReadStateChanges = 0x80 => "RopSynchronizationImportReadStateChanges",
        /// RopResetTable ([MS-OXCROPS] 2.2.5.15).
        ResetTable = 0x81 => "RopResetTable",
        /// RopSynchronizationGetTransferState ([MS-OXCROPS] 2.2.13.8).
        SynchronizationGetTransferState = 0x82 => "RopSynchronizationGetTransferState",
        /// RopTellVersion ([MS-OXCROPS] 2.2.12.9).
        TellVersion = 0x86 => "RopTellVersion",
        /// RopFreeBookmark ([MS-OXCROPS] 2.2.5.14).
        FreeBookmark = 0x89 => "RopFreeBookmark",
        /// RopWriteAndCommitStream ([MS-OXCROPS] 2.2.9.12).
        WriteAndCommitStream = 0x90 => "RopWriteAndCommitStream",
        /// RopHardDeleteMessages ([MS-OXCROPS] 2.2.4.12).
        HardDeleteMessages = 0x91 => "RopHardDeleteMessages",
        /// RopHardDeleteMessagesAndSubfolders ([MS-OXCROPS] 2.2.4.10).
        HardDeleteMessagesAndSubfolders = 0x92 => "RopHardDeleteMessagesAndSubfolders",
        /// RopSetLocalReplicaMidsetDeleted ([MS-OXCROPS] 2.2.13.12).
        SetLocalReplicaMidsetDeleted = 0x93 => "RopSetLocalReplicaMidsetDeleted",
        /// RopFastTransferDestinationPutBufferExtended ([MS-OXCROPS] 2.2.12.3).
        FastTransferDestinationPutBufferExtended = 0x9D => "RopFastTransferDestinationPutBufferExtended",
        /// RopWriteStreamExtended ([MS-OXCROPS] 2.2.9.4).
        WriteStreamExtended = 0xA3 => "RopWriteStreamExtended",
        /// RopBackoff ([MS-OXCROPS] 2.2.15.2).
        Backoff = 0xF9 => "RopBackoff",
        /// RopLogon ([MS-OXCROPS] 2.2.3.1).
        Logon = 0xFE => "RopLogon",
        /// RopBufferTooSmall ([MS-OXCROPS] 2.2.15.1).
        BufferTooSmall = 0xFF => "RopBufferTooSmall",
    }
}

impl RopId {
    /// The section of [MS-OXCROPS] that specifies this ROP (`None` for a
    /// value the table of RopIds does not list).
    pub const fn section(self) -> Option<&'static str> {
        Some(match self {
            RopId::Release => "2.2.15.3",
            RopId::OpenFolder => "2.2.4.1",
            RopId::OpenMessage => "2.2.6.1",
            RopId::GetHierarchyTable => "2.2.4.13",
            RopId::GetContentsTable => "2.2.4.14",
            RopId::CreateMessage => "2.2.6.2",
            RopId::GetPropertiesSpecific => "2.2.8.3",
            RopId::GetPropertiesAll => "2.2.8.4",
            RopId::GetPropertiesList => "2.2.8.5",
            RopId::SetProperties => "2.2.8.6",
            RopId::DeleteProperties => "2.2.8.8",
            RopId::SaveChangesMessage => "2.2.6.3",
            RopId::RemoveAllRecipients => "2.2.6.4",
            RopId::ModifyRecipients => "2.2.6.5",
            RopId::ReadRecipients => "2.2.6.6",
            RopId::ReloadCachedInformation => "2.2.6.7",
            RopId::SetMessageReadFlag => "2.2.6.11",
            RopId::SetColumns => "2.2.5.1",
            RopId::SortTable => "2.2.5.2",
            RopId::Restrict => "2.2.5.3",
            RopId::QueryRows => "2.2.5.4",
            RopId::GetStatus => "2.2.5.6",
            RopId::QueryPosition => "2.2.5.7",
            RopId::SeekRow => "2.2.5.8",
            RopId::SeekRowBookmark => "2.2.5.9",
            RopId::SeekRowFractional => "2.2.5.10",
            RopId::CreateBookmark => "2.2.5.11",
            RopId::CreateFolder => "2.2.4.2",
            RopId::DeleteFolder => "2.2.4.3",
            RopId::DeleteMessages => "2.2.4.11",
            RopId::GetMessageStatus => "2.2.6.9",
            RopId::SetMessageStatus => "2.2.6.8",
            RopId::GetAttachmentTable => "2.2.6.17",
            RopId::OpenAttachment => "2.2.6.12",
            RopId::CreateAttachment => "2.2.6.13",
            RopId::DeleteAttachment => "2.2.6.14",
            RopId::SaveChangesAttachment => "2.2.6.15",
            RopId::SetReceiveFolder => "2.2.3.3",
            RopId::GetReceiveFolder => "2.2.3.2",
            RopId::RegisterNotification => "2.2.14.1",
            RopId::Notify => "2.2.14.2",
            RopId::OpenStream => "2.2.9.1",
            RopId::ReadStream => "2.2.9.2",
            RopId::WriteStream => "2.2.9.3",
            RopId::SeekStream => "2.2.9.8",
            RopId::SetStreamSize => "2.2.9.7",
            RopId::SetSearchCriteria => "2.2.4.4",
            RopId::GetSearchCriteria => "2.2.4.5",
            RopId::SubmitMessage => "2.2.7.1",
            RopId::MoveCopyMessages => "2.2.4.6",
            RopId::AbortSubmit => "2.2.7.2",
            RopId::MoveFolder => "2.2.4.7",
            RopId::CopyFolder => "2.2.4.8",
            RopId::QueryColumnsAll => "2.2.5.12",
            RopId::Abort => "2.2.5.5",
            RopId::CopyTo => "2.2.8.12",
            RopId::CopyToStream => "2.2.9.9",
            RopId::CloneStream => "2.2.9.13",
            RopId::GetPermissionsTable => "2.2.10.2",
            RopId::GetRulesTable => "2.2.11.2",
            RopId::ModifyPermissions => "2.2.10.1",
            RopId::ModifyRules => "2.2.11.1",
            RopId::GetOwningServers => "2.2.3.6",
            RopId::LongTermIdFromId => "2.2.3.8",
            RopId::IdFromLongTermId => "2.2.3.9",
            RopId::PublicFolderIsGhosted => "2.2.3.7",
            RopId::OpenEmbeddedMessage => "2.2.6.16",
            RopId::SetSpooler => "2.2.7.4",
            RopId::SpoolerLockMessage => "2.2.7.5",
            RopId::GetAddressTypes => "2.2.7.3",
            RopId::TransportSend => "2.2.7.6",
            RopId::FastTransferSourceCopyMessages => "2.2.12.6",
            RopId::FastTransferSourceCopyFolder => "2.2.12.5",
            RopId::FastTransferSourceCopyTo => "2.2.12.7",
            RopId::FastTransferSourceGetBuffer => "2.2.12.4",
            RopId::FindRow => "2.2.5.13",
            RopId::Progress => "2.2.8.13",
            RopId::TransportNewMail => "2.2.7.7",
            RopId::GetValidAttachments => "2.2.6.18",
            RopId::FastTransferDestinationConfigure => "2.2.12.1",
            RopId::FastTransferDestinationPutBuffer => "2.2.12.2",
            RopId::GetNamesFromPropertyIds => "2.2.8.2",
            RopId::GetPropertyIdsFromNames => "2.2.8.1",
            RopId::UpdateDeferredActionMessages => "2.2.11.3",
            RopId::EmptyFolder => "2.2.4.9",
            RopId::ExpandRow => "2.2.5.16",
            RopId::CollapseRow => "2.2.5.17",
            RopId::LockRegionStream => "2.2.9.10",
            RopId::UnlockRegionStream => "2.2.9.11",
            RopId::CommitStream => "2.2.9.5",
            RopId::GetStreamSize => "2.2.9.6",
            RopId::QueryNamedProperties => "2.2.8.10",
            RopId::GetPerUserLongTermIds => "2.2.3.10",
            RopId::GetPerUserGuid => "2.2.3.11",
            RopId::ReadPerUserInformation => "2.2.3.12",
            RopId::WritePerUserInformation => "2.2.3.13",
            RopId::SetReadFlags => "2.2.6.10",
            RopId::CopyProperties => "2.2.8.11",
            RopId::GetReceiveFolderTable => "2.2.3.4",
            RopId::FastTransferSourceCopyProperties => "2.2.12.8",
            RopId::GetCollapseState => "2.2.5.18",
            RopId::SetCollapseState => "2.2.5.19",
            RopId::GetTransportFolder => "2.2.7.8",
            RopId::Pending => "2.2.14.3",
            RopId::OptionsData => "2.2.7.9",
            RopId::SynchronizationConfigure => "2.2.13.1",
            RopId::SynchronizationImportMessageChange => "2.2.13.2",
            RopId::SynchronizationImportHierarchyChange => "2.2.13.4",
            RopId::SynchronizationImportDeletes => "2.2.13.5",
            RopId::SynchronizationUploadStateStreamBegin => "2.2.13.9",
            RopId::SynchronizationUploadStateStreamContinue => "2.2.13.10",
            RopId::SynchronizationUploadStateStreamEnd => "2.2.13.11",
            RopId::SynchronizationImportMessageMove => "2.2.13.6",
            RopId::SetPropertiesNoReplicate => "2.2.8.7",
            RopId::DeletePropertiesNoReplicate => "2.2.8.9",
            RopId::GetStoreState => "2.2.3.5",
            RopId::SynchronizationOpenCollector => "2.2.13.7",
            RopId::GetLocalReplicaIds => "2.2.13.13",
            RopId::SynchronizationImportReadStateChanges => "2.2.13.3",
            RopId::ResetTable => "2.2.5.15",
            RopId::SynchronizationGetTransferState => "2.2.13.8",
            RopId::TellVersion => "2.2.12.9",
            RopId::FreeBookmark => "2.2.5.14",
            RopId::WriteAndCommitStream => "2.2.9.12",
            RopId::HardDeleteMessages => "2.2.4.12",
            RopId::HardDeleteMessagesAndSubfolders => "2.2.4.10",
            RopId::SetLocalReplicaMidsetDeleted => "2.2.13.12",
            RopId::FastTransferDestinationPutBufferExtended => "2.2.12.3",
            RopId::WriteStreamExtended => "2.2.9.4",
            RopId::Backoff => "2.2.15.2",
            RopId::Logon => "2.2.3.1",
            RopId::BufferTooSmall => "2.2.15.1",
            _ => return None,
        })
    }
}
