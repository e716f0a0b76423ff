//! [MS-OXCDATA] 2.4 Error Codes: every value in the tables of 2.4 (error
//! codes), 2.4.1 (additional error codes), 2.4.2 (property error codes) and
//! 2.4.3 (warning codes), as one enumeration that keeps unknown values.
//!
//! This file is generated from the spec tables (names and numbers only);
//! edit the generator input, not the enum by hand.

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.4 Error Codes: a 32-bit error or warning code as ROP
    /// buffers, PtypErrorCode values and PropertyProblem structures carry it
    /// (little-endian). Values the spec does not list are kept as `Unknown`.
    ///
    /// Where two tables give one value two names (2.4.2 `NotEnoughMemory` is
    /// 2.4 `OutOfMemory`), the variant takes the first name and
    /// [`ErrorCode::ALTERNATE_NAMES`] lists the others.
    ///
    /// ```
    /// use ms_oxcdata::ErrorCode;
    /// assert_eq!(ErrorCode::from(0x8004010Fu32), ErrorCode::NotFound);
    /// assert_eq!(ErrorCode::NotFound.name(), Some("NotFound"));
    /// assert_eq!(ErrorCode::lookup("NotEnoughMemory"), Some(ErrorCode::OutOfMemory));
    /// assert_eq!(ErrorCode::from(0x12345678u32).to_string(), "0x12345678");
    /// assert_eq!(ErrorCode::NotFound.section(), Some("2.4"));
    /// ```
    pub enum ErrorCode: u32 {
        /// `Success` (0x00000000), [MS-OXCDATA] 2.4 Error Codes.
        Success = 0x00000000 => "Success",
        /// `GeneralFailure` (0x80004005), [MS-OXCDATA] 2.4 Error Codes.
        GeneralFailure = 0x80004005 => "GeneralFailure",
        /// `OutOfMemory` (0x8007000E), [MS-OXCDATA] 2.4 Error Codes.
        OutOfMemory = 0x8007000E => "OutOfMemory",
        /// `InvalidParameter` (0x80070057), [MS-OXCDATA] 2.4 Error Codes.
        InvalidParameter = 0x80070057 => "InvalidParameter",
        /// `NoInterface` (0x80004002), [MS-OXCDATA] 2.4 Error Codes.
        NoInterface = 0x80004002 => "NoInterface",
        /// `AccessDenied` (0x80070005), [MS-OXCDATA] 2.4 Error Codes.
        AccessDenied = 0x80070005 => "AccessDenied",
        /// `StorageInvalidFunction` (0x80030001), [MS-OXCDATA] 2.4 Error Codes.
        StorageInvalidFunction = 0x80030001 => "StorageInvalidFunction",
        /// `StorageAccessDenied` (0x80030005), [MS-OXCDATA] 2.4 Error Codes.
        StorageAccessDenied = 0x80030005 => "StorageAccessDenied",
        /// `StorageInsufficientMemory` (0x80030008), [MS-OXCDATA] 2.4 Error Codes.
        StorageInsufficientMemory = 0x80030008 => "StorageInsufficientMemory",
        /// `StorageInvalidPointer` (0x80030009), [MS-OXCDATA] 2.4 Error Codes.
        StorageInvalidPointer = 0x80030009 => "StorageInvalidPointer",
        /// `StorageReadFault` (0x8003001E), [MS-OXCDATA] 2.4 Error Codes.
        StorageReadFault = 0x8003001E => "StorageReadFault",
        /// `StorageLockViolation` (0x80030021), [MS-OXCDATA] 2.4 Error Codes.
        StorageLockViolation = 0x80030021 => "StorageLockViolation",
        /// `StorageInvalidParameter` (0x80030057), [MS-OXCDATA] 2.4 Error Codes.
        StorageInvalidParameter = 0x80030057 => "StorageInvalidParameter",
        /// `StreamSizeError` (0x80030070), [MS-OXCDATA] 2.4 Error Codes.
        StreamSizeError = 0x80030070 => "StreamSizeError",
        /// `StorageInvalidFlag` (0x800300FF), [MS-OXCDATA] 2.4 Error Codes.
        StorageInvalidFlag = 0x800300FF => "StorageInvalidFlag",
        /// `StorageCannotSave` (0x80030103), [MS-OXCDATA] 2.4 Error Codes.
        StorageCannotSave = 0x80030103 => "StorageCannotSave",
        /// `NotSupported` (0x80040102), [MS-OXCDATA] 2.4 Error Codes.
        NotSupported = 0x80040102 => "NotSupported",
        /// `InvalidCharacterWidth` (0x80040103), [MS-OXCDATA] 2.4 Error Codes.
        InvalidCharacterWidth = 0x80040103 => "InvalidCharacterWidth",
        /// `StringTooLong` (0x80040105), [MS-OXCDATA] 2.4 Error Codes.
        StringTooLong = 0x80040105 => "StringTooLong",
        /// `InvalidFlag` (0x80040106), [MS-OXCDATA] 2.4 Error Codes.
        InvalidFlag = 0x80040106 => "InvalidFlag",
        /// `InvalidEntryID` (0x80040107), [MS-OXCDATA] 2.4 Error Codes.
        InvalidEntryID = 0x80040107 => "InvalidEntryID",
        /// `InvalidObject` (0x80040108), [MS-OXCDATA] 2.4 Error Codes.
        InvalidObject = 0x80040108 => "InvalidObject",
        /// `ObjectChanged` (0x80040109), [MS-OXCDATA] 2.4 Error Codes.
        ObjectChanged = 0x80040109 => "ObjectChanged",
        /// `ObjectDeleted` (0x8004010A), [MS-OXCDATA] 2.4 Error Codes.
        ObjectDeleted = 0x8004010A => "ObjectDeleted",
        /// `ServerBusy` (0x8004010B), [MS-OXCDATA] 2.4 Error Codes.
        ServerBusy = 0x8004010B => "ServerBusy",
        /// `OutOfDisk` (0x8004010D), [MS-OXCDATA] 2.4 Error Codes.
        OutOfDisk = 0x8004010D => "OutOfDisk",
        /// `OutOfResources` (0x8004010E), [MS-OXCDATA] 2.4 Error Codes.
        OutOfResources = 0x8004010E => "OutOfResources",
        /// `NotFound` (0x8004010F), [MS-OXCDATA] 2.4 Error Codes.
        NotFound = 0x8004010F => "NotFound",
        /// `VersionMismatch` (0x80040110), [MS-OXCDATA] 2.4 Error Codes.
        VersionMismatch = 0x80040110 => "VersionMismatch",
        /// `LogonFailed` (0x80040111), [MS-OXCDATA] 2.4 Error Codes.
        LogonFailed = 0x80040111 => "LogonFailed",
        /// `TooManySessions` (0x80040112), [MS-OXCDATA] 2.4 Error Codes.
        TooManySessions = 0x80040112 => "TooManySessions",
        /// `UserCanceled` (0x80040113), [MS-OXCDATA] 2.4 Error Codes.
        UserCanceled = 0x80040113 => "UserCanceled",
        /// `AbortFailed` (0x80040114), [MS-OXCDATA] 2.4 Error Codes.
        AbortFailed = 0x80040114 => "AbortFailed",
        /// `NetworkError` (0x80040115), [MS-OXCDATA] 2.4 Error Codes.
        NetworkError = 0x80040115 => "NetworkError",
        /// `DiskError` (0x80040116), [MS-OXCDATA] 2.4 Error Codes.
        DiskError = 0x80040116 => "DiskError",
        /// `TooComplex` (0x80040117), [MS-OXCDATA] 2.4 Error Codes.
        TooComplex = 0x80040117 => "TooComplex",
        /// `InvalidColumn` (0x80040118), [MS-OXCDATA] 2.4 Error Codes.
        InvalidColumn = 0x80040118 => "InvalidColumn",
        /// `ComputedValue` (0x8004011A), [MS-OXCDATA] 2.4 Error Codes.
        ComputedValue = 0x8004011A => "ComputedValue",
        /// `CorruptData` (0x8004011B), [MS-OXCDATA] 2.4 Error Codes.
        CorruptData = 0x8004011B => "CorruptData",
        /// `InvalidCodepage` (0x8004011E), [MS-OXCDATA] 2.4 Error Codes.
        InvalidCodepage = 0x8004011E => "InvalidCodepage",
        /// `InvalidLocale` (0x8004011F), [MS-OXCDATA] 2.4 Error Codes.
        InvalidLocale = 0x8004011F => "InvalidLocale",
        /// `TimeSkew` (0x80040123), [MS-OXCDATA] 2.4 Error Codes.
        TimeSkew = 0x80040123 => "TimeSkew",
        /// `EndOfSession` (0x80040200), [MS-OXCDATA] 2.4 Error Codes.
        EndOfSession = 0x80040200 => "EndOfSession",
        /// `UnknownEntryId` (0x80040201), [MS-OXCDATA] 2.4 Error Codes.
        UnknownEntryId = 0x80040201 => "UnknownEntryId",
        /// `NotCompleted` (0x80040400), [MS-OXCDATA] 2.4 Error Codes.
        NotCompleted = 0x80040400 => "NotCompleted",
        /// `Timeout` (0x80040401), [MS-OXCDATA] 2.4 Error Codes.
        Timeout = 0x80040401 => "Timeout",
        /// `EmptyTable` (0x80040402), [MS-OXCDATA] 2.4 Error Codes.
        EmptyTable = 0x80040402 => "EmptyTable",
        /// `TableTooBig` (0x80040403), [MS-OXCDATA] 2.4 Error Codes.
        TableTooBig = 0x80040403 => "TableTooBig",
        /// `InvalidBookmark` (0x80040405), [MS-OXCDATA] 2.4 Error Codes.
        InvalidBookmark = 0x80040405 => "InvalidBookmark",
        /// `ErrorWait` (0x80040500), [MS-OXCDATA] 2.4 Error Codes.
        ErrorWait = 0x80040500 => "ErrorWait",
        /// `ErrorCancel` (0x80040501), [MS-OXCDATA] 2.4 Error Codes.
        ErrorCancel = 0x80040501 => "ErrorCancel",
        /// `NoSuppress` (0x80040602), [MS-OXCDATA] 2.4 Error Codes.
        NoSuppress = 0x80040602 => "NoSuppress",
        /// `CollidingNames` (0x80040604), [MS-OXCDATA] 2.4 Error Codes.
        CollidingNames = 0x80040604 => "CollidingNames",
        /// `NotInitialized` (0x80040605), [MS-OXCDATA] 2.4 Error Codes.
        NotInitialized = 0x80040605 => "NotInitialized",
        /// `NoRecipients` (0x80040607), [MS-OXCDATA] 2.4 Error Codes.
        NoRecipients = 0x80040607 => "NoRecipients",
        /// `AlreadySent` (0x80040608), [MS-OXCDATA] 2.4 Error Codes.
        AlreadySent = 0x80040608 => "AlreadySent",
        /// `HasFolders` (0x80040609), [MS-OXCDATA] 2.4 Error Codes.
        HasFolders = 0x80040609 => "HasFolders",
        /// `HasMessages` (0x8004060A), [MS-OXCDATA] 2.4 Error Codes.
        HasMessages = 0x8004060A => "HasMessages",
        /// `FolderCycle` (0x8004060B), [MS-OXCDATA] 2.4 Error Codes.
        FolderCycle = 0x8004060B => "FolderCycle",
        /// `TooManyLocks` (0x8004060D), [MS-OXCDATA] 2.4 Error Codes.
        TooManyLocks = 0x8004060D => "TooManyLocks",
        /// `AmbiguousRecipient` (0x80040700), [MS-OXCDATA] 2.4 Error Codes.
        AmbiguousRecipient = 0x80040700 => "AmbiguousRecipient",
        /// `SyncObjectDeleted` (0x80040800), [MS-OXCDATA] 2.4 Error Codes.
        SyncObjectDeleted = 0x80040800 => "SyncObjectDeleted",
        /// `IgnoreFailure` (0x80040801), [MS-OXCDATA] 2.4 Error Codes.
        IgnoreFailure = 0x80040801 => "IgnoreFailure",
        /// `SyncConflict` (0x80040802), [MS-OXCDATA] 2.4 Error Codes.
        SyncConflict = 0x80040802 => "SyncConflict",
        /// `NoParentFolder` (0x80040803), [MS-OXCDATA] 2.4 Error Codes.
        NoParentFolder = 0x80040803 => "NoParentFolder",
        /// `CycleDetected` (0x80040804), [MS-OXCDATA] 2.4 Error Codes.
        CycleDetected = 0x80040804 => "CycleDetected",
        /// `NotSynchronized` (0x80040805), [MS-OXCDATA] 2.4 Error Codes.
        NotSynchronized = 0x80040805 => "NotSynchronized",
        /// `NamedPropertyQuota` (0x80040900), [MS-OXCDATA] 2.4 Error Codes.
        NamedPropertyQuota = 0x80040900 => "NamedPropertyQuota",
        /// `NotImplemented` (0x80040FFF), [MS-OXCDATA] 2.4 Error Codes.
        NotImplemented = 0x80040FFF => "NotImplemented",
        /// `IsamError` (0x000003EA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamError = 0x000003EA => "IsamError",
        /// `UnknownUser` (0x000003EB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnknownUser = 0x000003EB => "UnknownUser",
        /// `Exiting` (0x000003ED), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        Exiting = 0x000003ED => "Exiting",
        /// `BadConfiguration` (0x000003EE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BadConfiguration = 0x000003EE => "BadConfiguration",
        /// `UnknownCodePage` (0x000003EF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnknownCodePage = 0x000003EF => "UnknownCodePage",
        /// `ServerMemory` (0x000003F0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ServerMemory = 0x000003F0 => "ServerMemory",
        /// `LoginPermission` (0x000003F2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        LoginPermission = 0x000003F2 => "LoginPermission",
        /// `DatabaseRolledBack` (0x000003F3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseRolledBack = 0x000003F3 => "DatabaseRolledBack",
        /// `DatabaseCopiedError` (0x000003F4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseCopiedError = 0x000003F4 => "DatabaseCopiedError",
        /// `AuditNotAllowed` (0x000003F5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AuditNotAllowed = 0x000003F5 => "AuditNotAllowed",
        /// `ZombieUser` (0x000003F6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ZombieUser = 0x000003F6 => "ZombieUser",
        /// `UnconvertableACL` (0x000003F7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnconvertableACL = 0x000003F7 => "UnconvertableACL",
        /// `NoFreeJetSessions` (0x0000044C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoFreeJetSessions = 0x0000044C => "NoFreeJetSessions",
        /// `DifferentJetSession` (0x0000044D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DifferentJetSession = 0x0000044D => "DifferentJetSession",
        /// `FileRemove` (0x0000044F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FileRemove = 0x0000044F => "FileRemove",
        /// `ParameterOverflow` (0x00000450), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ParameterOverflow = 0x00000450 => "ParameterOverflow",
        /// `BadVersion` (0x00000451), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BadVersion = 0x00000451 => "BadVersion",
        /// `TooManyColumns` (0x00000452), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TooManyColumns = 0x00000452 => "TooManyColumns",
        /// `HaveMore` (0x00000453), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        HaveMore = 0x00000453 => "HaveMore",
        /// `DatabaseError` (0x00000454), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseError = 0x00000454 => "DatabaseError",
        /// `IndexNameTooBig` (0x00000455), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IndexNameTooBig = 0x00000455 => "IndexNameTooBig",
        /// `UnsupportedProperty` (0x00000456), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnsupportedProperty = 0x00000456 => "UnsupportedProperty",
        /// `MessageNotSaved` (0x00000457), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MessageNotSaved = 0x00000457 => "MessageNotSaved",
        /// `UnpublishedNotification` (0x00000459), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnpublishedNotification = 0x00000459 => "UnpublishedNotification",
        /// `DifferentRoot` (0x0000045B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DifferentRoot = 0x0000045B => "DifferentRoot",
        /// `BadFolderName` (0x0000045C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BadFolderName = 0x0000045C => "BadFolderName",
        /// `AttachmentOpen` (0x0000045D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AttachmentOpen = 0x0000045D => "AttachmentOpen",
        /// `InvalidCollapseState` (0x0000045E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidCollapseState = 0x0000045E => "InvalidCollapseState",
        /// `SkipMyChildren` (0x0000045F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SkipMyChildren = 0x0000045F => "SkipMyChildren",
        /// `SearchFolder` (0x00000460), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SearchFolder = 0x00000460 => "SearchFolder",
        /// `NotSearchFolder` (0x00000461), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotSearchFolder = 0x00000461 => "NotSearchFolder",
        /// `FolderSetReceive` (0x00000462), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FolderSetReceive = 0x00000462 => "FolderSetReceive",
        /// `NoReceiveFolder` (0x00000463), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoReceiveFolder = 0x00000463 => "NoReceiveFolder",
        /// `DeleteSubmittedMessage` (0x00000465), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DeleteSubmittedMessage = 0x00000465 => "DeleteSubmittedMessage",
        /// `InvalidRecipients` (0x00000467), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidRecipients = 0x00000467 => "InvalidRecipients",
        /// `NoReplicaHere` (0x00000468), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoReplicaHere = 0x00000468 => "NoReplicaHere",
        /// `NoReplicaAvailable` (0x00000469), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoReplicaAvailable = 0x00000469 => "NoReplicaAvailable",
        /// `PublicDatabase` (0x0000046A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        PublicDatabase = 0x0000046A => "PublicDatabase",
        /// `NotPublicDatabase` (0x0000046B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotPublicDatabase = 0x0000046B => "NotPublicDatabase",
        /// `RecordNotFound` (0x0000046C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RecordNotFound = 0x0000046C => "RecordNotFound",
        /// `ReplicationConflict` (0x0000046D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ReplicationConflict = 0x0000046D => "ReplicationConflict",
        /// `FXBufferOverrun` (0x00000470), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FXBufferOverrun = 0x00000470 => "FXBufferOverrun",
        /// `FXBufferEmpty` (0x00000471), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FXBufferEmpty = 0x00000471 => "FXBufferEmpty",
        /// `FXPartialValue` (0x00000472), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FXPartialValue = 0x00000472 => "FXPartialValue",
        /// `FxNoRoom` (0x00000473), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FxNoRoom = 0x00000473 => "FxNoRoom",
        /// `TimeExpired` (0x00000474), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TimeExpired = 0x00000474 => "TimeExpired",
        /// `DestinationError` (0x00000475), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DestinationError = 0x00000475 => "DestinationError",
        /// `DatabaseNotInitialized` (0x00000476), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseNotInitialized = 0x00000476 => "DatabaseNotInitialized",
        /// `WrongServer` (0x00000478), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        WrongServer = 0x00000478 => "WrongServer",
        /// `BufferTooSmall` (0x0000047D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BufferTooSmall = 0x0000047D => "BufferTooSmall",
        /// `AttachmentResolutionRequired` (0x0000047E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AttachmentResolutionRequired = 0x0000047E => "AttachmentResolutionRequired",
        /// `ServerPaused` (0x0000047F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ServerPaused = 0x0000047F => "ServerPaused",
        /// `ServerBusy` (0x00000480), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ServerBusyAdditional = 0x00000480 => "ServerBusy",
        /// `NoSuchLogon` (0x00000481), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoSuchLogon = 0x00000481 => "NoSuchLogon",
        /// `LoadLibraryFailed` (0x00000482), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        LoadLibraryFailed = 0x00000482 => "LoadLibraryFailed",
        /// `AlreadyConfigured` (0x00000483), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AlreadyConfigured = 0x00000483 => "AlreadyConfigured",
        /// `NotConfigured` (0x00000484), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotConfigured = 0x00000484 => "NotConfigured",
        /// `DataLoss` (0x00000485), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DataLoss = 0x00000485 => "DataLoss",
        /// `MaximumSendThreadExceeded` (0x00000488), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MaximumSendThreadExceeded = 0x00000488 => "MaximumSendThreadExceeded",
        /// `FxErrorMarker` (0x00000489), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FxErrorMarker = 0x00000489 => "FxErrorMarker",
        /// `NoFreeJtabs` (0x0000048A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoFreeJtabs = 0x0000048A => "NoFreeJtabs",
        /// `NotPrivateDatabase` (0x0000048B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotPrivateDatabase = 0x0000048B => "NotPrivateDatabase",
        /// `IsintegMDB` (0x0000048C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsintegMDB = 0x0000048C => "IsintegMDB",
        /// `RecoveryMismatch` (0x0000048D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RecoveryMismatch = 0x0000048D => "RecoveryMismatch",
        /// `TableMayNotBeDeleted` (0x0000048E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TableMayNotBeDeleted = 0x0000048E => "TableMayNotBeDeleted",
        /// `SearchFolderScopeViolation` (0x00000490), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SearchFolderScopeViolation = 0x00000490 => "SearchFolderScopeViolation",
        /// `RpcRegisterIf` (0x000004B1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcRegisterIf = 0x000004B1 => "RpcRegisterIf",
        /// `RpcListen` (0x000004B2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcListen = 0x000004B2 => "RpcListen",
        /// `RpcFormat` (0x000004B6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcFormat = 0x000004B6 => "RpcFormat",
        /// `NoCopyTo` (0x000004B7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoCopyTo = 0x000004B7 => "NoCopyTo",
        /// `NullObject` (0x000004B9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NullObject = 0x000004B9 => "NullObject",
        /// `RpcAuthentication` (0x000004BC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcAuthentication = 0x000004BC => "RpcAuthentication",
        /// `RpcBadAuthenticationLevel` (0x000004BD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcBadAuthenticationLevel = 0x000004BD => "RpcBadAuthenticationLevel",
        /// `NullCommentRestriction` (0x000004BE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NullCommentRestriction = 0x000004BE => "NullCommentRestriction",
        /// `RulesLoadError` (0x000004CC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesLoadError = 0x000004CC => "RulesLoadError",
        /// `RulesDeliverErr` (0x000004CD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesDeliverErr = 0x000004CD => "RulesDeliverErr",
        /// `RulesParsingErr` (0x000004CE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesParsingErr = 0x000004CE => "RulesParsingErr",
        /// `RulesCreateDAE` (0x000004CF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesCreateDAE = 0x000004CF => "RulesCreateDAE",
        /// `RulesCreateDAM` (0x000004D0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesCreateDAM = 0x000004D0 => "RulesCreateDAM",
        /// `RulesNoMoveCopyFolder` (0x000004D1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesNoMoveCopyFolder = 0x000004D1 => "RulesNoMoveCopyFolder",
        /// `RulesNoFolderRights` (0x000004D2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesNoFolderRights = 0x000004D2 => "RulesNoFolderRights",
        /// `MessageTooBig` (0x000004D4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MessageTooBig = 0x000004D4 => "MessageTooBig",
        /// `FormNotValid` (0x000004D5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FormNotValid = 0x000004D5 => "FormNotValid",
        /// `NotAuthorized` (0x000004D6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotAuthorized = 0x000004D6 => "NotAuthorized",
        /// `DeleteMessage` (0x000004D7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DeleteMessage = 0x000004D7 => "DeleteMessage",
        /// `BounceMessage` (0x000004D8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BounceMessage = 0x000004D8 => "BounceMessage",
        /// `QuotaExceeded` (0x000004D9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        QuotaExceeded = 0x000004D9 => "QuotaExceeded",
        /// `MaxSubmissionExceeded` (0x000004DA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MaxSubmissionExceeded = 0x000004DA => "MaxSubmissionExceeded",
        /// `MaxAttachmentExceeded` (0x000004DB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MaxAttachmentExceeded = 0x000004DB => "MaxAttachmentExceeded",
        /// `SendAsDenied` (0x000004DC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SendAsDenied = 0x000004DC => "SendAsDenied",
        /// `ShutoffQuotaExceeded` (0x000004DD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ShutoffQuotaExceeded = 0x000004DD => "ShutoffQuotaExceeded",
        /// `TooManyOpenObjects` (0x000004DE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TooManyOpenObjects = 0x000004DE => "TooManyOpenObjects",
        /// `ClientVersionBlocked` (0x000004DF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ClientVersionBlocked = 0x000004DF => "ClientVersionBlocked",
        /// `RpcHttpDisallowed` (0x000004E0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcHttpDisallowed = 0x000004E0 => "RpcHttpDisallowed",
        /// `CachedModeRequired` (0x000004E1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CachedModeRequired = 0x000004E1 => "CachedModeRequired",
        /// `FolderNotCleanedUp` (0x000004E3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FolderNotCleanedUp = 0x000004E3 => "FolderNotCleanedUp",
        /// `FormatError` (0x000004ED), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FormatError = 0x000004ED => "FormatError",
        /// `NotExpanded` (0x000004F7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotExpanded = 0x000004F7 => "NotExpanded",
        /// `NotCollapsed` (0x000004F8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotCollapsed = 0x000004F8 => "NotCollapsed",
        /// `NoExpandLeafRow` (0x000004F9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoExpandLeafRow = 0x000004F9 => "NoExpandLeafRow",
        /// `UnregisteredNameProp` (0x000004FA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnregisteredNameProp = 0x000004FA => "UnregisteredNameProp",
        /// `FolderDisabled` (0x000004FB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FolderDisabled = 0x000004FB => "FolderDisabled",
        /// `DomainError` (0x000004FC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DomainError = 0x000004FC => "DomainError",
        /// `NoCreateRight` (0x000004FF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoCreateRight = 0x000004FF => "NoCreateRight",
        /// `PublicRoot` (0x00000500), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        PublicRoot = 0x00000500 => "PublicRoot",
        /// `NoReadRight` (0x00000501), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoReadRight = 0x00000501 => "NoReadRight",
        /// `NoCreateSubfolderRight` (0x00000502), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoCreateSubfolderRight = 0x00000502 => "NoCreateSubfolderRight",
        /// `MessageCycle` (0x00000504), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MessageCycle = 0x00000504 => "MessageCycle",
        /// `NullDestinationObject` (0x00000503), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NullDestinationObject = 0x00000503 => "NullDestinationObject",
        /// `TooManyRecips` (0x00000505), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TooManyRecips = 0x00000505 => "TooManyRecips",
        /// `VirusScanInProgress` (0x0000050A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        VirusScanInProgress = 0x0000050A => "VirusScanInProgress",
        /// `VirusDetected` (0x0000050B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        VirusDetected = 0x0000050B => "VirusDetected",
        /// `MailboxInTransit` (0x0000050C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MailboxInTransit = 0x0000050C => "MailboxInTransit",
        /// `BackupInProgress` (0x0000050D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        BackupInProgress = 0x0000050D => "BackupInProgress",
        /// `VirusMessageDeleted` (0x0000050E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        VirusMessageDeleted = 0x0000050E => "VirusMessageDeleted",
        /// `InvalidBackupSequence` (0x0000050F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidBackupSequence = 0x0000050F => "InvalidBackupSequence",
        /// `InvalidBackupType` (0x00000510), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidBackupType = 0x00000510 => "InvalidBackupType",
        /// `TooManyBackups` (0x00000511), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TooManyBackups = 0x00000511 => "TooManyBackups",
        /// `RestoreInProgress` (0x00000512), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RestoreInProgress = 0x00000512 => "RestoreInProgress",
        /// `DuplicateObject` (0x00000579), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DuplicateObject = 0x00000579 => "DuplicateObject",
        /// `ObjectNotFound` (0x0000057A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ObjectNotFound = 0x0000057A => "ObjectNotFound",
        /// `FixupReplyRule` (0x0000057B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FixupReplyRule = 0x0000057B => "FixupReplyRule",
        /// `TemplateNotFound` (0x0000057C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        TemplateNotFound = 0x0000057C => "TemplateNotFound",
        /// `RuleExecution` (0x0000057D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RuleExecution = 0x0000057D => "RuleExecution",
        /// `DSNoSuchObject` (0x0000057E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DSNoSuchObject = 0x0000057E => "DSNoSuchObject",
        /// `AlreadyTombstoned` (0x0000057F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AlreadyTombstoned = 0x0000057F => "AlreadyTombstoned",
        /// `ReadOnlyTransaction` (0x00000596), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ReadOnlyTransaction = 0x00000596 => "ReadOnlyTransaction",
        /// `Paused` (0x0000060E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        Paused = 0x0000060E => "Paused",
        /// `NotPaused` (0x0000060F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotPaused = 0x0000060F => "NotPaused",
        /// `WrongMailbox` (0x00000648), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        WrongMailbox = 0x00000648 => "WrongMailbox",
        /// `ChangePassword` (0x0000064C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ChangePassword = 0x0000064C => "ChangePassword",
        /// `PasswordExpired` (0x0000064D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        PasswordExpired = 0x0000064D => "PasswordExpired",
        /// `InvalidWorkstation` (0x0000064E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidWorkstation = 0x0000064E => "InvalidWorkstation",
        /// `InvalidLogonHours` (0x0000064F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidLogonHours = 0x0000064F => "InvalidLogonHours",
        /// `AccountDisabled` (0x00000650), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AccountDisabled = 0x00000650 => "AccountDisabled",
        /// `RuleVersion` (0x000006A4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RuleVersion = 0x000006A4 => "RuleVersion",
        /// `RuleFormat` (0x000006A5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RuleFormat = 0x000006A5 => "RuleFormat",
        /// `RuleSendAsDenied` (0x000006A6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RuleSendAsDenied = 0x000006A6 => "RuleSendAsDenied",
        /// `NoServerSupport` (0x000006B9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NoServerSupport = 0x000006B9 => "NoServerSupport",
        /// `LockTimedOut` (0x000006BA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        LockTimedOut = 0x000006BA => "LockTimedOut",
        /// `ObjectLocked` (0x000006BB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ObjectLocked = 0x000006BB => "ObjectLocked",
        /// `InvalidLockNamespace` (0x000006BD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidLockNamespace = 0x000006BD => "InvalidLockNamespace",
        /// `MessageDeleted` (0x000007D6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MessageDeleted = 0x000007D6 => "MessageDeleted",
        /// `ProtocolDisabled` (0x000007D8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ProtocolDisabled = 0x000007D8 => "ProtocolDisabled",
        /// `CleartextLogonDisabled` (0x000007D9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CleartextLogonDisabled = 0x000007D9 => "CleartextLogonDisabled",
        /// `Rejected` (0x000007EE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        Rejected = 0x000007EE => "Rejected",
        /// `AmbiguousAlias` (0x0000089A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AmbiguousAlias = 0x0000089A => "AmbiguousAlias",
        /// `UnknownMailbox` (0x0000089B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        UnknownMailbox = 0x0000089B => "UnknownMailbox",
        /// `ExpressionReserved` (0x000008FC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionReserved = 0x000008FC => "ExpressionReserved",
        /// `ExpressionParseDepth` (0x000008FD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionParseDepth = 0x000008FD => "ExpressionParseDepth",
        /// `ExpressionArgumentType` (0x000008FE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionArgumentType = 0x000008FE => "ExpressionArgumentType",
        /// `ExpressionSyntax` (0x000008FF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionSyntax = 0x000008FF => "ExpressionSyntax",
        /// `ExpressionBadStringToken` (0x00000900), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionBadStringToken = 0x00000900 => "ExpressionBadStringToken",
        /// `ExpressionBadColToken` (0x00000901), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionBadColToken = 0x00000901 => "ExpressionBadColToken",
        /// `ExpressionTypeMismatch` (0x00000902), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionTypeMismatch = 0x00000902 => "ExpressionTypeMismatch",
        /// `ExpressionOperatorNotSupported` (0x00000903), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionOperatorNotSupported = 0x00000903 => "ExpressionOperatorNotSupported",
        /// `ExpressionDivideByZero` (0x00000904), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionDivideByZero = 0x00000904 => "ExpressionDivideByZero",
        /// `ExpressionUnaryArgument` (0x00000905), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ExpressionUnaryArgument = 0x00000905 => "ExpressionUnaryArgument",
        /// `NotLocked` (0x00000960), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotLocked = 0x00000960 => "NotLocked",
        /// `ClientEvent` (0x00000961), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ClientEvent = 0x00000961 => "ClientEvent",
        /// `CorruptEvent` (0x00000965), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CorruptEvent = 0x00000965 => "CorruptEvent",
        /// `CorruptWatermark` (0x00000966), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CorruptWatermark = 0x00000966 => "CorruptWatermark",
        /// `EventError` (0x00000967), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        EventError = 0x00000967 => "EventError",
        /// `WatermarkError` (0x00000968), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        WatermarkError = 0x00000968 => "WatermarkError",
        /// `NonCanonicalACL` (0x00000969), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NonCanonicalACL = 0x00000969 => "NonCanonicalACL",
        /// `MailboxDisabled` (0x0000096C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MailboxDisabled = 0x0000096C => "MailboxDisabled",
        /// `RulesFolderOverQuota` (0x0000096D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RulesFolderOverQuota = 0x0000096D => "RulesFolderOverQuota",
        /// `AddressBookUnavailable` (0x0000096E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AddressBookUnavailable = 0x0000096E => "AddressBookUnavailable",
        /// `AddressBookError` (0x0000096F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AddressBookError = 0x0000096F => "AddressBookError",
        /// `AddressBookObjectNotFound` (0x00000971), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AddressBookObjectNotFound = 0x00000971 => "AddressBookObjectNotFound",
        /// `AddressBookPropertyError` (0x00000972), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AddressBookPropertyError = 0x00000972 => "AddressBookPropertyError",
        /// `NotEncrypted` (0x00000970), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotEncrypted = 0x00000970 => "NotEncrypted",
        /// `RpcServerTooBusy` (0x00000973), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcServerTooBusy = 0x00000973 => "RpcServerTooBusy",
        /// `RpcOutOfMemory` (0x00000974), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcOutOfMemory = 0x00000974 => "RpcOutOfMemory",
        /// `RpcServerOutOfMemory` (0x00000975), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcServerOutOfMemory = 0x00000975 => "RpcServerOutOfMemory",
        /// `RpcOutOfResources` (0x00000976), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcOutOfResources = 0x00000976 => "RpcOutOfResources",
        /// `RpcServerUnavailable` (0x00000977), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        RpcServerUnavailable = 0x00000977 => "RpcServerUnavailable",
        /// `SecureSubmitError` (0x0000097A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SecureSubmitError = 0x0000097A => "SecureSubmitError",
        /// `EventsDeleted` (0x0000097C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        EventsDeleted = 0x0000097C => "EventsDeleted",
        /// `SubsystemStopping` (0x0000097D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        SubsystemStopping = 0x0000097D => "SubsystemStopping",
        /// `AttendantUnavailable` (0x0000097E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        AttendantUnavailable = 0x0000097E => "AttendantUnavailable",
        /// `CIStopping` (0x00000A28), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CIStopping = 0x00000A28 => "CIStopping",
        /// `FxInvalidState` (0x00000A29), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FxInvalidState = 0x00000A29 => "FxInvalidState",
        /// `FxUnexpectedMarker` (0x00000A2A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        FxUnexpectedMarker = 0x00000A2A => "FxUnexpectedMarker",
        /// `DuplicateDelivery` (0x00000A2B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DuplicateDelivery = 0x00000A2B => "DuplicateDelivery",
        /// `ConditionViolation` (0x00000A2C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ConditionViolation = 0x00000A2C => "ConditionViolation",
        /// `MaximumConnectionPoolsExceeded` (0x00000A2D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MaximumConnectionPoolsExceeded = 0x00000A2D => "MaximumConnectionPoolsExceeded",
        /// `InvalidRpcHandle` (0x00000A2E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidRpcHandle = 0x00000A2E => "InvalidRpcHandle",
        /// `EventNotFound` (0x00000A2F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        EventNotFound = 0x00000A2F => "EventNotFound",
        /// `PropertyNotPromoted` (0x00000A30), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        PropertyNotPromoted = 0x00000A30 => "PropertyNotPromoted",
        /// `LowFreeSpaceForDatabase` (0x00000A31), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        LowFreeSpaceForDatabase = 0x00000A31 => "LowFreeSpaceForDatabase",
        /// `LowFreeSpaceForLogs` (0x00000A32), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        LowFreeSpaceForLogs = 0x00000A32 => "LowFreeSpaceForLogs",
        /// `MailboxIsQuarantined` (0x00000A33), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        MailboxIsQuarantined = 0x00000A33 => "MailboxIsQuarantined",
        /// `DatabaseMountInProgress` (0x00000A34), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseMountInProgress = 0x00000A34 => "DatabaseMountInProgress",
        /// `DatabaseDismountInProgress` (0x00000A35), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        DatabaseDismountInProgress = 0x00000A35 => "DatabaseDismountInProgress",
        /// `ConnectionsOverBudget` (0x00000A36), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        ConnectionsOverBudget = 0x00000A36 => "ConnectionsOverBudget",
        /// `NotFoundInContainer` (0x00000A37), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        NotFoundInContainer = 0x00000A37 => "NotFoundInContainer",
        /// `CannotRemove` (0x00000A38), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        CannotRemove = 0x00000A38 => "CannotRemove",
        /// `InvalidConnectionPool` (0x00000A39), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        InvalidConnectionPool = 0x00000A39 => "InvalidConnectionPool",
        /// `VirusScanGeneralFailure` (0x00000A3A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        VirusScanGeneralFailure = 0x00000A3A => "VirusScanGeneralFailure",
        /// `IsamErrorRfsFailure` (0xFFFFFF9C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRfsFailure = 0xFFFFFF9C => "IsamErrorRfsFailure",
        /// `IsamErrorRfsNotArmed` (0xFFFFFF9B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRfsNotArmed = 0xFFFFFF9B => "IsamErrorRfsNotArmed",
        /// `IsamErrorFileClose` (0xFFFFFF9A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileClose = 0xFFFFFF9A => "IsamErrorFileClose",
        /// `IsamErrorOutOfThreads` (0xFFFFFF99), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfThreads = 0xFFFFFF99 => "IsamErrorOutOfThreads",
        /// `IsamErrorTooManyIO` (0xFFFFFF97), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyIO = 0xFFFFFF97 => "IsamErrorTooManyIO",
        /// `IsamErrorTaskDropped` (0xFFFFFF96), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTaskDropped = 0xFFFFFF96 => "IsamErrorTaskDropped",
        /// `IsamErrorInternalError` (0xFFFFFF95), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInternalError = 0xFFFFFF95 => "IsamErrorInternalError",
        /// `IsamErrorDatabaseBufferDependenciesCorrupted` (0xFFFFFF01), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseBufferDependenciesCorrupted = 0xFFFFFF01 => "IsamErrorDatabaseBufferDependenciesCorrupted",
        /// `IsamErrorPreviousVersion` (0xFFFFFEBE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPreviousVersion = 0xFFFFFEBE => "IsamErrorPreviousVersion",
        /// `IsamErrorPageBoundary` (0xFFFFFEBD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPageBoundary = 0xFFFFFEBD => "IsamErrorPageBoundary",
        /// `IsamErrorKeyBoundary` (0xFFFFFEBC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyBoundary = 0xFFFFFEBC => "IsamErrorKeyBoundary",
        /// `IsamErrorBadPageLink` (0xFFFFFEB9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadPageLink = 0xFFFFFEB9 => "IsamErrorBadPageLink",
        /// `IsamErrorBadBookmark` (0xFFFFFEB8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadBookmark = 0xFFFFFEB8 => "IsamErrorBadBookmark",
        /// `IsamErrorNTSystemCallFailed` (0xFFFFFEB2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNTSystemCallFailed = 0xFFFFFEB2 => "IsamErrorNTSystemCallFailed",
        /// `IsamErrorBadParentPageLink` (0xFFFFFEAE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadParentPageLink = 0xFFFFFEAE => "IsamErrorBadParentPageLink",
        /// `IsamErrorSPAvailExtCacheOutOfSync` (0xFFFFFEAC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSPAvailExtCacheOutOfSync = 0xFFFFFEAC => "IsamErrorSPAvailExtCacheOutOfSync",
        /// `IsamErrorSPAvailExtCorrupted` (0xFFFFFEAB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSPAvailExtCorrupted = 0xFFFFFEAB => "IsamErrorSPAvailExtCorrupted",
        /// `IsamErrorSPAvailExtCacheOutOfMemory` (0xFFFFFEAA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSPAvailExtCacheOutOfMemory = 0xFFFFFEAA => "IsamErrorSPAvailExtCacheOutOfMemory",
        /// `IsamErrorSPOwnExtCorrupted` (0xFFFFFEA9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSPOwnExtCorrupted = 0xFFFFFEA9 => "IsamErrorSPOwnExtCorrupted",
        /// `IsamErrorDbTimeCorrupted` (0xFFFFFEA8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDbTimeCorrupted = 0xFFFFFEA8 => "IsamErrorDbTimeCorrupted",
        /// `IsamErrorKeyTruncated` (0xFFFFFEA6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyTruncated = 0xFFFFFEA6 => "IsamErrorKeyTruncated",
        /// `IsamErrorKeyTooBig` (0xFFFFFE68), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyTooBig = 0xFFFFFE68 => "IsamErrorKeyTooBig",
        /// `IsamErrorInvalidLoggedOperation` (0xFFFFFE0C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidLoggedOperation = 0xFFFFFE0C => "IsamErrorInvalidLoggedOperation",
        /// `IsamErrorLogFileCorrupt` (0xFFFFFE0B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogFileCorrupt = 0xFFFFFE0B => "IsamErrorLogFileCorrupt",
        /// `IsamErrorNoBackupDirectory` (0xFFFFFE09), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNoBackupDirectory = 0xFFFFFE09 => "IsamErrorNoBackupDirectory",
        /// `IsamErrorBackupDirectoryNotEmpty` (0xFFFFFE08), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBackupDirectoryNotEmpty = 0xFFFFFE08 => "IsamErrorBackupDirectoryNotEmpty",
        /// `IsamErrorBackupInProgress` (0xFFFFFE07), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBackupInProgress = 0xFFFFFE07 => "IsamErrorBackupInProgress",
        /// `IsamErrorRestoreInProgress` (0xFFFFFE06), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRestoreInProgress = 0xFFFFFE06 => "IsamErrorRestoreInProgress",
        /// `IsamErrorMissingPreviousLogFile` (0xFFFFFE03), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingPreviousLogFile = 0xFFFFFE03 => "IsamErrorMissingPreviousLogFile",
        /// `IsamErrorLogWriteFail` (0xFFFFFE02), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogWriteFail = 0xFFFFFE02 => "IsamErrorLogWriteFail",
        /// `IsamErrorLogDisabledDueToRecoveryFailure` (0xFFFFFE01), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogDisabledDueToRecoveryFailure = 0xFFFFFE01 => "IsamErrorLogDisabledDueToRecoveryFailure",
        /// `IsamErrorCannotLogDuringRecoveryRedo` (0xFFFFFE00), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotLogDuringRecoveryRedo = 0xFFFFFE00 => "IsamErrorCannotLogDuringRecoveryRedo",
        /// `IsamErrorLogGenerationMismatch` (0xFFFFFDFF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogGenerationMismatch = 0xFFFFFDFF => "IsamErrorLogGenerationMismatch",
        /// `IsamErrorBadLogVersion` (0xFFFFFDFE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadLogVersion = 0xFFFFFDFE => "IsamErrorBadLogVersion",
        /// `IsamErrorInvalidLogSequence` (0xFFFFFDFD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidLogSequence = 0xFFFFFDFD => "IsamErrorInvalidLogSequence",
        /// `IsamErrorLoggingDisabled` (0xFFFFFDFC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLoggingDisabled = 0xFFFFFDFC => "IsamErrorLoggingDisabled",
        /// `IsamErrorLogBufferTooSmall` (0xFFFFFDFB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogBufferTooSmall = 0xFFFFFDFB => "IsamErrorLogBufferTooSmall",
        /// `IsamErrorLogSequenceEnd` (0xFFFFFDF9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogSequenceEnd = 0xFFFFFDF9 => "IsamErrorLogSequenceEnd",
        /// `IsamErrorNoBackup` (0xFFFFFDF8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNoBackup = 0xFFFFFDF8 => "IsamErrorNoBackup",
        /// `IsamErrorInvalidBackupSequence` (0xFFFFFDF7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidBackupSequence = 0xFFFFFDF7 => "IsamErrorInvalidBackupSequence",
        /// `IsamErrorBackupNotAllowedYet` (0xFFFFFDF5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBackupNotAllowedYet = 0xFFFFFDF5 => "IsamErrorBackupNotAllowedYet",
        /// `IsamErrorDeleteBackupFileFail` (0xFFFFFDF4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDeleteBackupFileFail = 0xFFFFFDF4 => "IsamErrorDeleteBackupFileFail",
        /// `IsamErrorMakeBackupDirectoryFail` (0xFFFFFDF3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMakeBackupDirectoryFail = 0xFFFFFDF3 => "IsamErrorMakeBackupDirectoryFail",
        /// `IsamErrorInvalidBackup` (0xFFFFFDF2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidBackup = 0xFFFFFDF2 => "IsamErrorInvalidBackup",
        /// `IsamErrorRecoveredWithErrors` (0xFFFFFDF1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecoveredWithErrors = 0xFFFFFDF1 => "IsamErrorRecoveredWithErrors",
        /// `IsamErrorMissingLogFile` (0xFFFFFDF0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingLogFile = 0xFFFFFDF0 => "IsamErrorMissingLogFile",
        /// `IsamErrorLogDiskFull` (0xFFFFFDEF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogDiskFull = 0xFFFFFDEF => "IsamErrorLogDiskFull",
        /// `IsamErrorBadLogSignature` (0xFFFFFDEE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadLogSignature = 0xFFFFFDEE => "IsamErrorBadLogSignature",
        /// `IsamErrorBadDbSignature` (0xFFFFFDED), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadDbSignature = 0xFFFFFDED => "IsamErrorBadDbSignature",
        /// `IsamErrorBadCheckpointSignature` (0xFFFFFDEC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadCheckpointSignature = 0xFFFFFDEC => "IsamErrorBadCheckpointSignature",
        /// `IsamErrorCheckpointCorrupt` (0xFFFFFDEB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCheckpointCorrupt = 0xFFFFFDEB => "IsamErrorCheckpointCorrupt",
        /// `IsamErrorMissingPatchPage` (0xFFFFFDEA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingPatchPage = 0xFFFFFDEA => "IsamErrorMissingPatchPage",
        /// `IsamErrorBadPatchPage` (0xFFFFFDE9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadPatchPage = 0xFFFFFDE9 => "IsamErrorBadPatchPage",
        /// `IsamErrorRedoAbruptEnded` (0xFFFFFDE8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRedoAbruptEnded = 0xFFFFFDE8 => "IsamErrorRedoAbruptEnded",
        /// `IsamErrorBadSLVSignature` (0xFFFFFDE7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadSLVSignature = 0xFFFFFDE7 => "IsamErrorBadSLVSignature",
        /// `IsamErrorPatchFileMissing` (0xFFFFFDE6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPatchFileMissing = 0xFFFFFDE6 => "IsamErrorPatchFileMissing",
        /// `IsamErrorDatabaseLogSetMismatch` (0xFFFFFDE5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseLogSetMismatch = 0xFFFFFDE5 => "IsamErrorDatabaseLogSetMismatch",
        /// `IsamErrorDatabaseStreamingFileMismatch` (0xFFFFFDE4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseStreamingFileMismatch = 0xFFFFFDE4 => "IsamErrorDatabaseStreamingFileMismatch",
        /// `IsamErrorLogFileSizeMismatch` (0xFFFFFDE3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogFileSizeMismatch = 0xFFFFFDE3 => "IsamErrorLogFileSizeMismatch",
        /// `IsamErrorCheckpointFileNotFound` (0xFFFFFDE2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCheckpointFileNotFound = 0xFFFFFDE2 => "IsamErrorCheckpointFileNotFound",
        /// `IsamErrorRequiredLogFilesMissing` (0xFFFFFDE1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRequiredLogFilesMissing = 0xFFFFFDE1 => "IsamErrorRequiredLogFilesMissing",
        /// `IsamErrorSoftRecoveryOnBackupDatabase` (0xFFFFFDE0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSoftRecoveryOnBackupDatabase = 0xFFFFFDE0 => "IsamErrorSoftRecoveryOnBackupDatabase",
        /// `IsamErrorLogFileSizeMismatchDatabasesConsistent` (0xFFFFFDDF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogFileSizeMismatchDatabasesConsistent = 0xFFFFFDDF => "IsamErrorLogFileSizeMismatchDatabasesConsistent",
        /// `IsamErrorLogSectorSizeMismatch` (0xFFFFFDDE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogSectorSizeMismatch = 0xFFFFFDDE => "IsamErrorLogSectorSizeMismatch",
        /// `IsamErrorLogSectorSizeMismatchDatabasesConsistent` (0xFFFFFDDD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogSectorSizeMismatchDatabasesConsistent = 0xFFFFFDDD => "IsamErrorLogSectorSizeMismatchDatabasesConsistent",
        /// `IsamErrorLogSequenceEndDatabasesConsistent` (0xFFFFFDDC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogSequenceEndDatabasesConsistent = 0xFFFFFDDC => "IsamErrorLogSequenceEndDatabasesConsistent",
        /// `IsamErrorStreamingDataNotLogged` (0xFFFFFDDB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorStreamingDataNotLogged = 0xFFFFFDDB => "IsamErrorStreamingDataNotLogged",
        /// `IsamErrorDatabaseDirtyShutdown` (0xFFFFFDDA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseDirtyShutdown = 0xFFFFFDDA => "IsamErrorDatabaseDirtyShutdown",
        /// `IsamErrorConsistentTimeMismatch` (0xFFFFFDD9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorConsistentTimeMismatch = 0xFFFFFDD9 => "IsamErrorConsistentTimeMismatch",
        /// `IsamErrorDatabasePatchFileMismatch` (0xFFFFFDD8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabasePatchFileMismatch = 0xFFFFFDD8 => "IsamErrorDatabasePatchFileMismatch",
        /// `IsamErrorEndingRestoreLogTooLow` (0xFFFFFDD7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorEndingRestoreLogTooLow = 0xFFFFFDD7 => "IsamErrorEndingRestoreLogTooLow",
        /// `IsamErrorStartingRestoreLogTooHigh` (0xFFFFFDD6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorStartingRestoreLogTooHigh = 0xFFFFFDD6 => "IsamErrorStartingRestoreLogTooHigh",
        /// `IsamErrorGivenLogFileHasBadSignature` (0xFFFFFDD5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorGivenLogFileHasBadSignature = 0xFFFFFDD5 => "IsamErrorGivenLogFileHasBadSignature",
        /// `IsamErrorGivenLogFileIsNotContiguous` (0xFFFFFDD4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorGivenLogFileIsNotContiguous = 0xFFFFFDD4 => "IsamErrorGivenLogFileIsNotContiguous",
        /// `IsamErrorMissingRestoreLogFiles` (0xFFFFFDD3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingRestoreLogFiles = 0xFFFFFDD3 => "IsamErrorMissingRestoreLogFiles",
        /// `IsamErrorMissingFullBackup` (0xFFFFFDD0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingFullBackup = 0xFFFFFDD0 => "IsamErrorMissingFullBackup",
        /// `IsamErrorBadBackupDatabaseSize` (0xFFFFFDCF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadBackupDatabaseSize = 0xFFFFFDCF => "IsamErrorBadBackupDatabaseSize",
        /// `IsamErrorDatabaseAlreadyUpgraded` (0xFFFFFDCE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseAlreadyUpgraded = 0xFFFFFDCE => "IsamErrorDatabaseAlreadyUpgraded",
        /// `IsamErrorDatabaseIncompleteUpgrade` (0xFFFFFDCD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseIncompleteUpgrade = 0xFFFFFDCD => "IsamErrorDatabaseIncompleteUpgrade",
        /// `IsamErrorMissingCurrentLogFiles` (0xFFFFFDCB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingCurrentLogFiles = 0xFFFFFDCB => "IsamErrorMissingCurrentLogFiles",
        /// `IsamErrorDbTimeTooOld` (0xFFFFFDCA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDbTimeTooOld = 0xFFFFFDCA => "IsamErrorDbTimeTooOld",
        /// `IsamErrorDbTimeTooNew` (0xFFFFFDC9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDbTimeTooNew = 0xFFFFFDC9 => "IsamErrorDbTimeTooNew",
        /// `IsamErrorMissingFileToBackup` (0xFFFFFDC7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMissingFileToBackup = 0xFFFFFDC7 => "IsamErrorMissingFileToBackup",
        /// `IsamErrorLogTornWriteDuringHardRestore` (0xFFFFFDC6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogTornWriteDuringHardRestore = 0xFFFFFDC6 => "IsamErrorLogTornWriteDuringHardRestore",
        /// `IsamErrorLogTornWriteDuringHardRecovery` (0xFFFFFDC5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogTornWriteDuringHardRecovery = 0xFFFFFDC5 => "IsamErrorLogTornWriteDuringHardRecovery",
        /// `IsamErrorLogCorruptDuringHardRestore` (0xFFFFFDC3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogCorruptDuringHardRestore = 0xFFFFFDC3 => "IsamErrorLogCorruptDuringHardRestore",
        /// `IsamErrorLogCorruptDuringHardRecovery` (0xFFFFFDC2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogCorruptDuringHardRecovery = 0xFFFFFDC2 => "IsamErrorLogCorruptDuringHardRecovery",
        /// `IsamErrorMustDisableLoggingForDbUpgrade` (0xFFFFFDC1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMustDisableLoggingForDbUpgrade = 0xFFFFFDC1 => "IsamErrorMustDisableLoggingForDbUpgrade",
        /// `IsamErrorBadRestoreTargetInstance` (0xFFFFFDBF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadRestoreTargetInstance = 0xFFFFFDBF => "IsamErrorBadRestoreTargetInstance",
        /// `IsamErrorRecoveredWithoutUndo` (0xFFFFFDBD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecoveredWithoutUndo = 0xFFFFFDBD => "IsamErrorRecoveredWithoutUndo",
        /// `IsamErrorDatabasesNotFromSameSnapshot` (0xFFFFFDBC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabasesNotFromSameSnapshot = 0xFFFFFDBC => "IsamErrorDatabasesNotFromSameSnapshot",
        /// `IsamErrorSoftRecoveryOnSnapshot` (0xFFFFFDBB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSoftRecoveryOnSnapshot = 0xFFFFFDBB => "IsamErrorSoftRecoveryOnSnapshot",
        /// `IsamErrorCommittedLogFilesMissing` (0xFFFFFDBA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCommittedLogFilesMissing = 0xFFFFFDBA => "IsamErrorCommittedLogFilesMissing",
        /// `IsamErrorCommittedLogFilesCorrupt` (0xFFFFFDB6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCommittedLogFilesCorrupt = 0xFFFFFDB6 => "IsamErrorCommittedLogFilesCorrupt",
        /// `IsamErrorUnicodeTranslationBufferTooSmall` (0xFFFFFDA7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorUnicodeTranslationBufferTooSmall = 0xFFFFFDA7 => "IsamErrorUnicodeTranslationBufferTooSmall",
        /// `IsamErrorUnicodeTranslationFail` (0xFFFFFDA6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorUnicodeTranslationFail = 0xFFFFFDA6 => "IsamErrorUnicodeTranslationFail",
        /// `IsamErrorUnicodeNormalizationNotSupported` (0xFFFFFDA5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorUnicodeNormalizationNotSupported = 0xFFFFFDA5 => "IsamErrorUnicodeNormalizationNotSupported",
        /// `IsamErrorExistingLogFileHasBadSignature` (0xFFFFFD9E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorExistingLogFileHasBadSignature = 0xFFFFFD9E => "IsamErrorExistingLogFileHasBadSignature",
        /// `IsamErrorExistingLogFileIsNotContiguous` (0xFFFFFD9D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorExistingLogFileIsNotContiguous = 0xFFFFFD9D => "IsamErrorExistingLogFileIsNotContiguous",
        /// `IsamErrorLogReadVerifyFailure` (0xFFFFFD9C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogReadVerifyFailure = 0xFFFFFD9C => "IsamErrorLogReadVerifyFailure",
        /// `IsamErrorSLVReadVerifyFailure` (0xFFFFFD9B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSLVReadVerifyFailure = 0xFFFFFD9B => "IsamErrorSLVReadVerifyFailure",
        /// `IsamErrorCheckpointDepthTooDeep` (0xFFFFFD9A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCheckpointDepthTooDeep = 0xFFFFFD9A => "IsamErrorCheckpointDepthTooDeep",
        /// `IsamErrorRestoreOfNonBackupDatabase` (0xFFFFFD99), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRestoreOfNonBackupDatabase = 0xFFFFFD99 => "IsamErrorRestoreOfNonBackupDatabase",
        /// `IsamErrorInvalidGrbit` (0xFFFFFC7C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidGrbit = 0xFFFFFC7C => "IsamErrorInvalidGrbit",
        /// `IsamErrorTermInProgress` (0xFFFFFC18), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTermInProgress = 0xFFFFFC18 => "IsamErrorTermInProgress",
        /// `IsamErrorFeatureNotAvailable` (0xFFFFFC17), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFeatureNotAvailable = 0xFFFFFC17 => "IsamErrorFeatureNotAvailable",
        /// `IsamErrorInvalidName` (0xFFFFFC16), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidName = 0xFFFFFC16 => "IsamErrorInvalidName",
        /// `IsamErrorInvalidParameter` (0xFFFFFC15), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidParameter = 0xFFFFFC15 => "IsamErrorInvalidParameter",
        /// `IsamErrorDatabaseFileReadOnly` (0xFFFFFC10), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseFileReadOnly = 0xFFFFFC10 => "IsamErrorDatabaseFileReadOnly",
        /// `IsamErrorInvalidDatabaseId` (0xFFFFFC0E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidDatabaseId = 0xFFFFFC0E => "IsamErrorInvalidDatabaseId",
        /// `IsamErrorOutOfMemory` (0xFFFFFC0D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfMemory = 0xFFFFFC0D => "IsamErrorOutOfMemory",
        /// `IsamErrorOutOfDatabaseSpace` (0xFFFFFC0C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfDatabaseSpace = 0xFFFFFC0C => "IsamErrorOutOfDatabaseSpace",
        /// `IsamErrorOutOfCursors` (0xFFFFFC0B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfCursors = 0xFFFFFC0B => "IsamErrorOutOfCursors",
        /// `IsamErrorOutOfBuffers` (0xFFFFFC0A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfBuffers = 0xFFFFFC0A => "IsamErrorOutOfBuffers",
        /// `IsamErrorTooManyIndexes` (0xFFFFFC09), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyIndexes = 0xFFFFFC09 => "IsamErrorTooManyIndexes",
        /// `IsamErrorTooManyKeys` (0xFFFFFC08), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyKeys = 0xFFFFFC08 => "IsamErrorTooManyKeys",
        /// `IsamErrorRecordDeleted` (0xFFFFFC07), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordDeleted = 0xFFFFFC07 => "IsamErrorRecordDeleted",
        /// `IsamErrorReadVerifyFailure` (0xFFFFFC06), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorReadVerifyFailure = 0xFFFFFC06 => "IsamErrorReadVerifyFailure",
        /// `IsamErrorPageNotInitialized` (0xFFFFFC05), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPageNotInitialized = 0xFFFFFC05 => "IsamErrorPageNotInitialized",
        /// `IsamErrorOutOfFileHandles` (0xFFFFFC04), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfFileHandles = 0xFFFFFC04 => "IsamErrorOutOfFileHandles",
        /// `IsamErrorDiskIO` (0xFFFFFC02), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDiskIO = 0xFFFFFC02 => "IsamErrorDiskIO",
        /// `IsamErrorInvalidPath` (0xFFFFFC01), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidPath = 0xFFFFFC01 => "IsamErrorInvalidPath",
        /// `IsamErrorInvalidSystemPath` (0xFFFFFC00), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidSystemPath = 0xFFFFFC00 => "IsamErrorInvalidSystemPath",
        /// `IsamErrorInvalidLogDirectory` (0xFFFFFBFF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidLogDirectory = 0xFFFFFBFF => "IsamErrorInvalidLogDirectory",
        /// `IsamErrorRecordTooBig` (0xFFFFFBFE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordTooBig = 0xFFFFFBFE => "IsamErrorRecordTooBig",
        /// `IsamErrorTooManyOpenDatabases` (0xFFFFFBFD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyOpenDatabases = 0xFFFFFBFD => "IsamErrorTooManyOpenDatabases",
        /// `IsamErrorInvalidDatabase` (0xFFFFFBFC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidDatabase = 0xFFFFFBFC => "IsamErrorInvalidDatabase",
        /// `IsamErrorNotInitialized` (0xFFFFFBFB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNotInitialized = 0xFFFFFBFB => "IsamErrorNotInitialized",
        /// `IsamErrorAlreadyInitialized` (0xFFFFFBFA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorAlreadyInitialized = 0xFFFFFBFA => "IsamErrorAlreadyInitialized",
        /// `IsamErrorInitInProgress` (0xFFFFFBF9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInitInProgress = 0xFFFFFBF9 => "IsamErrorInitInProgress",
        /// `IsamErrorFileAccessDenied` (0xFFFFFBF8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileAccessDenied = 0xFFFFFBF8 => "IsamErrorFileAccessDenied",
        /// `IsamErrorBufferTooSmall` (0xFFFFFBF2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBufferTooSmall = 0xFFFFFBF2 => "IsamErrorBufferTooSmall",
        /// `IsamErrorTooManyColumns` (0xFFFFFBF0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyColumns = 0xFFFFFBF0 => "IsamErrorTooManyColumns",
        /// `IsamErrorContainerNotEmpty` (0xFFFFFBED), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorContainerNotEmpty = 0xFFFFFBED => "IsamErrorContainerNotEmpty",
        /// `IsamErrorInvalidFilename` (0xFFFFFBEC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidFilename = 0xFFFFFBEC => "IsamErrorInvalidFilename",
        /// `IsamErrorInvalidBookmark` (0xFFFFFBEB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidBookmark = 0xFFFFFBEB => "IsamErrorInvalidBookmark",
        /// `IsamErrorColumnInUse` (0xFFFFFBEA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnInUse = 0xFFFFFBEA => "IsamErrorColumnInUse",
        /// `IsamErrorInvalidBufferSize` (0xFFFFFBE9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidBufferSize = 0xFFFFFBE9 => "IsamErrorInvalidBufferSize",
        /// `IsamErrorColumnNotUpdatable` (0xFFFFFBE8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnNotUpdatable = 0xFFFFFBE8 => "IsamErrorColumnNotUpdatable",
        /// `IsamErrorIndexInUse` (0xFFFFFBE5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexInUse = 0xFFFFFBE5 => "IsamErrorIndexInUse",
        /// `IsamErrorLinkNotSupported` (0xFFFFFBE4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLinkNotSupported = 0xFFFFFBE4 => "IsamErrorLinkNotSupported",
        /// `IsamErrorNullKeyDisallowed` (0xFFFFFBE3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNullKeyDisallowed = 0xFFFFFBE3 => "IsamErrorNullKeyDisallowed",
        /// `IsamErrorNotInTransaction` (0xFFFFFBE2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNotInTransaction = 0xFFFFFBE2 => "IsamErrorNotInTransaction",
        /// `IsamErrorTooManyActiveUsers` (0xFFFFFBDD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyActiveUsers = 0xFFFFFBDD => "IsamErrorTooManyActiveUsers",
        /// `IsamErrorInvalidCountry` (0xFFFFFBDB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidCountry = 0xFFFFFBDB => "IsamErrorInvalidCountry",
        /// `IsamErrorInvalidLanguageId` (0xFFFFFBDA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidLanguageId = 0xFFFFFBDA => "IsamErrorInvalidLanguageId",
        /// `IsamErrorInvalidCodePage` (0xFFFFFBD9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidCodePage = 0xFFFFFBD9 => "IsamErrorInvalidCodePage",
        /// `IsamErrorInvalidLCMapStringFlags` (0xFFFFFBD8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidLCMapStringFlags = 0xFFFFFBD8 => "IsamErrorInvalidLCMapStringFlags",
        /// `IsamErrorVersionStoreEntryTooBig` (0xFFFFFBD7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorVersionStoreEntryTooBig = 0xFFFFFBD7 => "IsamErrorVersionStoreEntryTooBig",
        /// `IsamErrorVersionStoreOutOfMemoryAndCleanupTimedOut` (0xFFFFFBD6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorVersionStoreOutOfMemoryAndCleanupTimedOut = 0xFFFFFBD6 => "IsamErrorVersionStoreOutOfMemoryAndCleanupTimedOut",
        /// `IsamErrorVersionStoreOutOfMemory` (0xFFFFFBD3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorVersionStoreOutOfMemory = 0xFFFFFBD3 => "IsamErrorVersionStoreOutOfMemory",
        /// `IsamErrorCannotIndex` (0xFFFFFBD1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotIndex = 0xFFFFFBD1 => "IsamErrorCannotIndex",
        /// `IsamErrorRecordNotDeleted` (0xFFFFFBD0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordNotDeleted = 0xFFFFFBD0 => "IsamErrorRecordNotDeleted",
        /// `IsamErrorTooManyMempoolEntries` (0xFFFFFBCF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyMempoolEntries = 0xFFFFFBCF => "IsamErrorTooManyMempoolEntries",
        /// `IsamErrorOutOfObjectIDs` (0xFFFFFBCE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfObjectIDs = 0xFFFFFBCE => "IsamErrorOutOfObjectIDs",
        /// `IsamErrorOutOfLongValueIDs` (0xFFFFFBCD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfLongValueIDs = 0xFFFFFBCD => "IsamErrorOutOfLongValueIDs",
        /// `IsamErrorOutOfAutoincrementValues` (0xFFFFFBCC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfAutoincrementValues = 0xFFFFFBCC => "IsamErrorOutOfAutoincrementValues",
        /// `IsamErrorOutOfDbtimeValues` (0xFFFFFBCB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfDbtimeValues = 0xFFFFFBCB => "IsamErrorOutOfDbtimeValues",
        /// `IsamErrorOutOfSequentialIndexValues` (0xFFFFFBCA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfSequentialIndexValues = 0xFFFFFBCA => "IsamErrorOutOfSequentialIndexValues",
        /// `IsamErrorRunningInOneInstanceMode` (0xFFFFFBC8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRunningInOneInstanceMode = 0xFFFFFBC8 => "IsamErrorRunningInOneInstanceMode",
        /// `IsamErrorRunningInMultiInstanceMode` (0xFFFFFBC7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRunningInMultiInstanceMode = 0xFFFFFBC7 => "IsamErrorRunningInMultiInstanceMode",
        /// `IsamErrorSystemParamsAlreadySet` (0xFFFFFBC6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSystemParamsAlreadySet = 0xFFFFFBC6 => "IsamErrorSystemParamsAlreadySet",
        /// `IsamErrorSystemPathInUse` (0xFFFFFBC5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSystemPathInUse = 0xFFFFFBC5 => "IsamErrorSystemPathInUse",
        /// `IsamErrorLogFilePathInUse` (0xFFFFFBC4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogFilePathInUse = 0xFFFFFBC4 => "IsamErrorLogFilePathInUse",
        /// `IsamErrorTempPathInUse` (0xFFFFFBC3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTempPathInUse = 0xFFFFFBC3 => "IsamErrorTempPathInUse",
        /// `IsamErrorInstanceNameInUse` (0xFFFFFBC2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInstanceNameInUse = 0xFFFFFBC2 => "IsamErrorInstanceNameInUse",
        /// `IsamErrorInstanceUnavailable` (0xFFFFFBBE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInstanceUnavailable = 0xFFFFFBBE => "IsamErrorInstanceUnavailable",
        /// `IsamErrorDatabaseUnavailable` (0xFFFFFBBD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseUnavailable = 0xFFFFFBBD => "IsamErrorDatabaseUnavailable",
        /// `IsamErrorInstanceUnavailableDueToFatalLogDiskFull` (0xFFFFFBBC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInstanceUnavailableDueToFatalLogDiskFull = 0xFFFFFBBC => "IsamErrorInstanceUnavailableDueToFatalLogDiskFull",
        /// `IsamErrorOutOfSessions` (0xFFFFFBB3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOutOfSessions = 0xFFFFFBB3 => "IsamErrorOutOfSessions",
        /// `IsamErrorWriteConflict` (0xFFFFFBB2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorWriteConflict = 0xFFFFFBB2 => "IsamErrorWriteConflict",
        /// `IsamErrorTransTooDeep` (0xFFFFFBB1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTransTooDeep = 0xFFFFFBB1 => "IsamErrorTransTooDeep",
        /// `IsamErrorInvalidSesid` (0xFFFFFBB0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidSesid = 0xFFFFFBB0 => "IsamErrorInvalidSesid",
        /// `IsamErrorWriteConflictPrimaryIndex` (0xFFFFFBAF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorWriteConflictPrimaryIndex = 0xFFFFFBAF => "IsamErrorWriteConflictPrimaryIndex",
        /// `IsamErrorInTransaction` (0xFFFFFBAC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInTransaction = 0xFFFFFBAC => "IsamErrorInTransaction",
        /// `IsamErrorRollbackRequired` (0xFFFFFBAB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRollbackRequired = 0xFFFFFBAB => "IsamErrorRollbackRequired",
        /// `IsamErrorTransReadOnly` (0xFFFFFBAA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTransReadOnly = 0xFFFFFBAA => "IsamErrorTransReadOnly",
        /// `IsamErrorSessionWriteConflict` (0xFFFFFBA9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSessionWriteConflict = 0xFFFFFBA9 => "IsamErrorSessionWriteConflict",
        /// `IsamErrorRecordTooBigForBackwardCompatibility` (0xFFFFFBA8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordTooBigForBackwardCompatibility = 0xFFFFFBA8 => "IsamErrorRecordTooBigForBackwardCompatibility",
        /// `IsamErrorCannotMaterializeForwardOnlySort` (0xFFFFFBA7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotMaterializeForwardOnlySort = 0xFFFFFBA7 => "IsamErrorCannotMaterializeForwardOnlySort",
        /// `IsamErrorSesidTableIdMismatch` (0xFFFFFBA6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSesidTableIdMismatch = 0xFFFFFBA6 => "IsamErrorSesidTableIdMismatch",
        /// `IsamErrorInvalidInstance` (0xFFFFFBA5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidInstance = 0xFFFFFBA5 => "IsamErrorInvalidInstance",
        /// `IsamErrorDatabaseDuplicate` (0xFFFFFB4F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseDuplicate = 0xFFFFFB4F => "IsamErrorDatabaseDuplicate",
        /// `IsamErrorDatabaseInUse` (0xFFFFFB4E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseInUse = 0xFFFFFB4E => "IsamErrorDatabaseInUse",
        /// `IsamErrorDatabaseNotFound` (0xFFFFFB4D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseNotFound = 0xFFFFFB4D => "IsamErrorDatabaseNotFound",
        /// `IsamErrorDatabaseInvalidName` (0xFFFFFB4C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseInvalidName = 0xFFFFFB4C => "IsamErrorDatabaseInvalidName",
        /// `IsamErrorDatabaseInvalidPages` (0xFFFFFB4B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseInvalidPages = 0xFFFFFB4B => "IsamErrorDatabaseInvalidPages",
        /// `IsamErrorDatabaseCorrupted` (0xFFFFFB4A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseCorrupted = 0xFFFFFB4A => "IsamErrorDatabaseCorrupted",
        /// `IsamErrorDatabaseLocked` (0xFFFFFB49), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseLocked = 0xFFFFFB49 => "IsamErrorDatabaseLocked",
        /// `IsamErrorCannotDisableVersioning` (0xFFFFFB48), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotDisableVersioning = 0xFFFFFB48 => "IsamErrorCannotDisableVersioning",
        /// `IsamErrorInvalidDatabaseVersion` (0xFFFFFB47), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidDatabaseVersion = 0xFFFFFB47 => "IsamErrorInvalidDatabaseVersion",
        /// `IsamErrorDatabase200Format` (0xFFFFFB46), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabase200Format = 0xFFFFFB46 => "IsamErrorDatabase200Format",
        /// `IsamErrorDatabase400Format` (0xFFFFFB45), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabase400Format = 0xFFFFFB45 => "IsamErrorDatabase400Format",
        /// `IsamErrorDatabase500Format` (0xFFFFFB44), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabase500Format = 0xFFFFFB44 => "IsamErrorDatabase500Format",
        /// `IsamErrorPageSizeMismatch` (0xFFFFFB43), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPageSizeMismatch = 0xFFFFFB43 => "IsamErrorPageSizeMismatch",
        /// `IsamErrorTooManyInstances` (0xFFFFFB42), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyInstances = 0xFFFFFB42 => "IsamErrorTooManyInstances",
        /// `IsamErrorDatabaseSharingViolation` (0xFFFFFB41), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseSharingViolation = 0xFFFFFB41 => "IsamErrorDatabaseSharingViolation",
        /// `IsamErrorAttachedDatabaseMismatch` (0xFFFFFB40), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorAttachedDatabaseMismatch = 0xFFFFFB40 => "IsamErrorAttachedDatabaseMismatch",
        /// `IsamErrorDatabaseInvalidPath` (0xFFFFFB3F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseInvalidPath = 0xFFFFFB3F => "IsamErrorDatabaseInvalidPath",
        /// `IsamErrorDatabaseIdInUse` (0xFFFFFB3E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseIdInUse = 0xFFFFFB3E => "IsamErrorDatabaseIdInUse",
        /// `IsamErrorForceDetachNotAllowed` (0xFFFFFB3D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorForceDetachNotAllowed = 0xFFFFFB3D => "IsamErrorForceDetachNotAllowed",
        /// `IsamErrorCatalogCorrupted` (0xFFFFFB3C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCatalogCorrupted = 0xFFFFFB3C => "IsamErrorCatalogCorrupted",
        /// `IsamErrorPartiallyAttachedDB` (0xFFFFFB3B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPartiallyAttachedDB = 0xFFFFFB3B => "IsamErrorPartiallyAttachedDB",
        /// `IsamErrorDatabaseSignInUse` (0xFFFFFB3A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseSignInUse = 0xFFFFFB3A => "IsamErrorDatabaseSignInUse",
        /// `IsamErrorDatabaseCorruptedNoRepair` (0xFFFFFB38), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDatabaseCorruptedNoRepair = 0xFFFFFB38 => "IsamErrorDatabaseCorruptedNoRepair",
        /// `IsamErrorInvalidCreateDbVersion` (0xFFFFFB37), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidCreateDbVersion = 0xFFFFFB37 => "IsamErrorInvalidCreateDbVersion",
        /// `IsamErrorTableLocked` (0xFFFFFAEA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTableLocked = 0xFFFFFAEA => "IsamErrorTableLocked",
        /// `IsamErrorTableDuplicate` (0xFFFFFAE9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTableDuplicate = 0xFFFFFAE9 => "IsamErrorTableDuplicate",
        /// `IsamErrorTableInUse` (0xFFFFFAE8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTableInUse = 0xFFFFFAE8 => "IsamErrorTableInUse",
        /// `IsamErrorObjectNotFound` (0xFFFFFAE7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorObjectNotFound = 0xFFFFFAE7 => "IsamErrorObjectNotFound",
        /// `IsamErrorDensityInvalid` (0xFFFFFAE5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDensityInvalid = 0xFFFFFAE5 => "IsamErrorDensityInvalid",
        /// `IsamErrorTableNotEmpty` (0xFFFFFAE4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTableNotEmpty = 0xFFFFFAE4 => "IsamErrorTableNotEmpty",
        /// `IsamErrorInvalidTableId` (0xFFFFFAE2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidTableId = 0xFFFFFAE2 => "IsamErrorInvalidTableId",
        /// `IsamErrorTooManyOpenTables` (0xFFFFFAE1), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyOpenTables = 0xFFFFFAE1 => "IsamErrorTooManyOpenTables",
        /// `IsamErrorIllegalOperation` (0xFFFFFAE0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIllegalOperation = 0xFFFFFAE0 => "IsamErrorIllegalOperation",
        /// `IsamErrorTooManyOpenTablesAndCleanupTimedOut` (0xFFFFFADF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyOpenTablesAndCleanupTimedOut = 0xFFFFFADF => "IsamErrorTooManyOpenTablesAndCleanupTimedOut",
        /// `IsamErrorObjectDuplicate` (0xFFFFFADE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorObjectDuplicate = 0xFFFFFADE => "IsamErrorObjectDuplicate",
        /// `IsamErrorInvalidObject` (0xFFFFFADC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidObject = 0xFFFFFADC => "IsamErrorInvalidObject",
        /// `IsamErrorCannotDeleteTempTable` (0xFFFFFADB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotDeleteTempTable = 0xFFFFFADB => "IsamErrorCannotDeleteTempTable",
        /// `IsamErrorCannotDeleteSystemTable` (0xFFFFFADA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotDeleteSystemTable = 0xFFFFFADA => "IsamErrorCannotDeleteSystemTable",
        /// `IsamErrorCannotDeleteTemplateTable` (0xFFFFFAD9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotDeleteTemplateTable = 0xFFFFFAD9 => "IsamErrorCannotDeleteTemplateTable",
        /// `IsamErrorExclusiveTableLockRequired` (0xFFFFFAD6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorExclusiveTableLockRequired = 0xFFFFFAD6 => "IsamErrorExclusiveTableLockRequired",
        /// `IsamErrorFixedDDL` (0xFFFFFAD5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFixedDDL = 0xFFFFFAD5 => "IsamErrorFixedDDL",
        /// `IsamErrorFixedInheritedDDL` (0xFFFFFAD4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFixedInheritedDDL = 0xFFFFFAD4 => "IsamErrorFixedInheritedDDL",
        /// `IsamErrorCannotNestDDL` (0xFFFFFAD3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotNestDDL = 0xFFFFFAD3 => "IsamErrorCannotNestDDL",
        /// `IsamErrorDDLNotInheritable` (0xFFFFFAD2), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDDLNotInheritable = 0xFFFFFAD2 => "IsamErrorDDLNotInheritable",
        /// `IsamErrorInvalidSettings` (0xFFFFFAD0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidSettings = 0xFFFFFAD0 => "IsamErrorInvalidSettings",
        /// `IsamErrorClientRequestToStopJetService` (0xFFFFFACF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorClientRequestToStopJetService = 0xFFFFFACF => "IsamErrorClientRequestToStopJetService",
        /// `IsamErrorCannotAddFixedVarColumnToDerivedTable` (0xFFFFFACE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotAddFixedVarColumnToDerivedTable = 0xFFFFFACE => "IsamErrorCannotAddFixedVarColumnToDerivedTable",
        /// `IsamErrorIndexCantBuild` (0xFFFFFA87), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexCantBuild = 0xFFFFFA87 => "IsamErrorIndexCantBuild",
        /// `IsamErrorIndexHasPrimary` (0xFFFFFA86), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexHasPrimary = 0xFFFFFA86 => "IsamErrorIndexHasPrimary",
        /// `IsamErrorIndexDuplicate` (0xFFFFFA85), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexDuplicate = 0xFFFFFA85 => "IsamErrorIndexDuplicate",
        /// `IsamErrorIndexNotFound` (0xFFFFFA84), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexNotFound = 0xFFFFFA84 => "IsamErrorIndexNotFound",
        /// `IsamErrorIndexMustStay` (0xFFFFFA83), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexMustStay = 0xFFFFFA83 => "IsamErrorIndexMustStay",
        /// `IsamErrorIndexInvalidDef` (0xFFFFFA82), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexInvalidDef = 0xFFFFFA82 => "IsamErrorIndexInvalidDef",
        /// `IsamErrorInvalidCreateIndex` (0xFFFFFA7F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidCreateIndex = 0xFFFFFA7F => "IsamErrorInvalidCreateIndex",
        /// `IsamErrorTooManyOpenIndexes` (0xFFFFFA7E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyOpenIndexes = 0xFFFFFA7E => "IsamErrorTooManyOpenIndexes",
        /// `IsamErrorMultiValuedIndexViolation` (0xFFFFFA7D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMultiValuedIndexViolation = 0xFFFFFA7D => "IsamErrorMultiValuedIndexViolation",
        /// `IsamErrorIndexBuildCorrupted` (0xFFFFFA7C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexBuildCorrupted = 0xFFFFFA7C => "IsamErrorIndexBuildCorrupted",
        /// `IsamErrorPrimaryIndexCorrupted` (0xFFFFFA7B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPrimaryIndexCorrupted = 0xFFFFFA7B => "IsamErrorPrimaryIndexCorrupted",
        /// `IsamErrorSecondaryIndexCorrupted` (0xFFFFFA7A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSecondaryIndexCorrupted = 0xFFFFFA7A => "IsamErrorSecondaryIndexCorrupted",
        /// `IsamErrorInvalidIndexId` (0xFFFFFA78), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidIndexId = 0xFFFFFA78 => "IsamErrorInvalidIndexId",
        /// `IsamErrorIndexTuplesSecondaryIndexOnly` (0xFFFFFA6A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesSecondaryIndexOnly = 0xFFFFFA6A => "IsamErrorIndexTuplesSecondaryIndexOnly",
        /// `IsamErrorIndexTuplesTooManyColumns` (0xFFFFFA69), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesTooManyColumns = 0xFFFFFA69 => "IsamErrorIndexTuplesTooManyColumns",
        /// `IsamErrorIndexTuplesNonUniqueOnly` (0xFFFFFA68), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesNonUniqueOnly = 0xFFFFFA68 => "IsamErrorIndexTuplesNonUniqueOnly",
        /// `IsamErrorIndexTuplesTextBinaryColumnsOnly` (0xFFFFFA67), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesTextBinaryColumnsOnly = 0xFFFFFA67 => "IsamErrorIndexTuplesTextBinaryColumnsOnly",
        /// `IsamErrorIndexTuplesVarSegMacNotAllowed` (0xFFFFFA66), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesVarSegMacNotAllowed = 0xFFFFFA66 => "IsamErrorIndexTuplesVarSegMacNotAllowed",
        /// `IsamErrorIndexTuplesInvalidLimits` (0xFFFFFA65), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesInvalidLimits = 0xFFFFFA65 => "IsamErrorIndexTuplesInvalidLimits",
        /// `IsamErrorIndexTuplesCannotRetrieveFromIndex` (0xFFFFFA64), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesCannotRetrieveFromIndex = 0xFFFFFA64 => "IsamErrorIndexTuplesCannotRetrieveFromIndex",
        /// `IsamErrorIndexTuplesKeyTooSmall` (0xFFFFFA63), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorIndexTuplesKeyTooSmall = 0xFFFFFA63 => "IsamErrorIndexTuplesKeyTooSmall",
        /// `IsamErrorColumnLong` (0xFFFFFA23), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnLong = 0xFFFFFA23 => "IsamErrorColumnLong",
        /// `IsamErrorColumnNoChunk` (0xFFFFFA22), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnNoChunk = 0xFFFFFA22 => "IsamErrorColumnNoChunk",
        /// `IsamErrorColumnDoesNotFit` (0xFFFFFA21), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnDoesNotFit = 0xFFFFFA21 => "IsamErrorColumnDoesNotFit",
        /// `IsamErrorNullInvalid` (0xFFFFFA20), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNullInvalid = 0xFFFFFA20 => "IsamErrorNullInvalid",
        /// `IsamErrorColumnIndexed` (0xFFFFFA1F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnIndexed = 0xFFFFFA1F => "IsamErrorColumnIndexed",
        /// `IsamErrorColumnTooBig` (0xFFFFFA1E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnTooBig = 0xFFFFFA1E => "IsamErrorColumnTooBig",
        /// `IsamErrorColumnNotFound` (0xFFFFFA1D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnNotFound = 0xFFFFFA1D => "IsamErrorColumnNotFound",
        /// `IsamErrorColumnDuplicate` (0xFFFFFA1C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnDuplicate = 0xFFFFFA1C => "IsamErrorColumnDuplicate",
        /// `IsamErrorMultiValuedColumnMustBeTagged` (0xFFFFFA1B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMultiValuedColumnMustBeTagged = 0xFFFFFA1B => "IsamErrorMultiValuedColumnMustBeTagged",
        /// `IsamErrorColumnRedundant` (0xFFFFFA1A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnRedundant = 0xFFFFFA1A => "IsamErrorColumnRedundant",
        /// `IsamErrorInvalidColumnType` (0xFFFFFA19), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidColumnType = 0xFFFFFA19 => "IsamErrorInvalidColumnType",
        /// `IsamErrorTaggedNotNULL` (0xFFFFFA16), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTaggedNotNULL = 0xFFFFFA16 => "IsamErrorTaggedNotNULL",
        /// `IsamErrorNoCurrentIndex` (0xFFFFFA15), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNoCurrentIndex = 0xFFFFFA15 => "IsamErrorNoCurrentIndex",
        /// `IsamErrorKeyIsMade` (0xFFFFFA14), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyIsMade = 0xFFFFFA14 => "IsamErrorKeyIsMade",
        /// `IsamErrorBadColumnId` (0xFFFFFA13), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadColumnId = 0xFFFFFA13 => "IsamErrorBadColumnId",
        /// `IsamErrorBadItagSequence` (0xFFFFFA12), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorBadItagSequence = 0xFFFFFA12 => "IsamErrorBadItagSequence",
        /// `IsamErrorColumnInRelationship` (0xFFFFFA11), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorColumnInRelationship = 0xFFFFFA11 => "IsamErrorColumnInRelationship",
        /// `IsamErrorCannotBeTagged` (0xFFFFFA0F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCannotBeTagged = 0xFFFFFA0F => "IsamErrorCannotBeTagged",
        /// `IsamErrorDefaultValueTooBig` (0xFFFFFA0C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDefaultValueTooBig = 0xFFFFFA0C => "IsamErrorDefaultValueTooBig",
        /// `IsamErrorMultiValuedDuplicate` (0xFFFFFA0B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMultiValuedDuplicate = 0xFFFFFA0B => "IsamErrorMultiValuedDuplicate",
        /// `IsamErrorLVCorrupted` (0xFFFFFA0A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLVCorrupted = 0xFFFFFA0A => "IsamErrorLVCorrupted",
        /// `IsamErrorMultiValuedDuplicateAfterTruncation` (0xFFFFFA08), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorMultiValuedDuplicateAfterTruncation = 0xFFFFFA08 => "IsamErrorMultiValuedDuplicateAfterTruncation",
        /// `IsamErrorDerivedColumnCorruption` (0xFFFFFA07), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDerivedColumnCorruption = 0xFFFFFA07 => "IsamErrorDerivedColumnCorruption",
        /// `IsamErrorInvalidPlaceholderColumn` (0xFFFFFA06), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidPlaceholderColumn = 0xFFFFFA06 => "IsamErrorInvalidPlaceholderColumn",
        /// `IsamErrorRecordNotFound` (0xFFFFF9BF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordNotFound = 0xFFFFF9BF => "IsamErrorRecordNotFound",
        /// `IsamErrorRecordNoCopy` (0xFFFFF9BE), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordNoCopy = 0xFFFFF9BE => "IsamErrorRecordNoCopy",
        /// `IsamErrorNoCurrentRecord` (0xFFFFF9BD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorNoCurrentRecord = 0xFFFFF9BD => "IsamErrorNoCurrentRecord",
        /// `IsamErrorRecordPrimaryChanged` (0xFFFFF9BC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordPrimaryChanged = 0xFFFFF9BC => "IsamErrorRecordPrimaryChanged",
        /// `IsamErrorKeyDuplicate` (0xFFFFF9BB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyDuplicate = 0xFFFFF9BB => "IsamErrorKeyDuplicate",
        /// `IsamErrorAlreadyPrepared` (0xFFFFF9B9), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorAlreadyPrepared = 0xFFFFF9B9 => "IsamErrorAlreadyPrepared",
        /// `IsamErrorKeyNotMade` (0xFFFFF9B8), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorKeyNotMade = 0xFFFFF9B8 => "IsamErrorKeyNotMade",
        /// `IsamErrorUpdateNotPrepared` (0xFFFFF9B7), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorUpdateNotPrepared = 0xFFFFF9B7 => "IsamErrorUpdateNotPrepared",
        /// `IsamErrorDataHasChanged` (0xFFFFF9B5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDataHasChanged = 0xFFFFF9B5 => "IsamErrorDataHasChanged",
        /// `IsamErrorLanguageNotSupported` (0xFFFFF9AD), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLanguageNotSupported = 0xFFFFF9AD => "IsamErrorLanguageNotSupported",
        /// `IsamErrorTooManySorts` (0xFFFFF95B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManySorts = 0xFFFFF95B => "IsamErrorTooManySorts",
        /// `IsamErrorInvalidOnSort` (0xFFFFF95A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidOnSort = 0xFFFFF95A => "IsamErrorInvalidOnSort",
        /// `IsamErrorTempFileOpenError` (0xFFFFF8F5), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTempFileOpenError = 0xFFFFF8F5 => "IsamErrorTempFileOpenError",
        /// `IsamErrorTooManyAttachedDatabases` (0xFFFFF8F3), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManyAttachedDatabases = 0xFFFFF8F3 => "IsamErrorTooManyAttachedDatabases",
        /// `IsamErrorDiskFull` (0xFFFFF8F0), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorDiskFull = 0xFFFFF8F0 => "IsamErrorDiskFull",
        /// `IsamErrorPermissionDenied` (0xFFFFF8EF), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorPermissionDenied = 0xFFFFF8EF => "IsamErrorPermissionDenied",
        /// `IsamErrorFileNotFound` (0xFFFFF8ED), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileNotFound = 0xFFFFF8ED => "IsamErrorFileNotFound",
        /// `IsamErrorFileInvalidType` (0xFFFFF8EC), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileInvalidType = 0xFFFFF8EC => "IsamErrorFileInvalidType",
        /// `IsamErrorAfterInitialization` (0xFFFFF8C6), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorAfterInitialization = 0xFFFFF8C6 => "IsamErrorAfterInitialization",
        /// `IsamErrorLogCorrupted` (0xFFFFF8C4), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLogCorrupted = 0xFFFFF8C4 => "IsamErrorLogCorrupted",
        /// `IsamErrorInvalidOperation` (0xFFFFF88E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorInvalidOperation = 0xFFFFF88E => "IsamErrorInvalidOperation",
        /// `IsamErrorAccessDenied` (0xFFFFF88D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorAccessDenied = 0xFFFFF88D => "IsamErrorAccessDenied",
        /// `IsamErrorTooManySplits` (0xFFFFF88B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorTooManySplits = 0xFFFFF88B => "IsamErrorTooManySplits",
        /// `IsamErrorSessionSharingViolation` (0xFFFFF88A), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSessionSharingViolation = 0xFFFFF88A => "IsamErrorSessionSharingViolation",
        /// `IsamErrorEntryPointNotFound` (0xFFFFF889), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorEntryPointNotFound = 0xFFFFF889 => "IsamErrorEntryPointNotFound",
        /// `IsamErrorSessionContextAlreadySet` (0xFFFFF888), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSessionContextAlreadySet = 0xFFFFF888 => "IsamErrorSessionContextAlreadySet",
        /// `IsamErrorSessionContextNotSetByThisThread` (0xFFFFF887), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSessionContextNotSetByThisThread = 0xFFFFF887 => "IsamErrorSessionContextNotSetByThisThread",
        /// `IsamErrorSessionInUse` (0xFFFFF886), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorSessionInUse = 0xFFFFF886 => "IsamErrorSessionInUse",
        /// `IsamErrorRecordFormatConversionFailed` (0xFFFFF885), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRecordFormatConversionFailed = 0xFFFFF885 => "IsamErrorRecordFormatConversionFailed",
        /// `IsamErrorOneDatabasePerSession` (0xFFFFF884), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOneDatabasePerSession = 0xFFFFF884 => "IsamErrorOneDatabasePerSession",
        /// `IsamErrorRollbackError` (0xFFFFF883), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorRollbackError = 0xFFFFF883 => "IsamErrorRollbackError",
        /// `IsamErrorCallbackFailed` (0xFFFFF7CB), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCallbackFailed = 0xFFFFF7CB => "IsamErrorCallbackFailed",
        /// `IsamErrorCallbackNotResolved` (0xFFFFF7CA), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorCallbackNotResolved = 0xFFFFF7CA => "IsamErrorCallbackNotResolved",
        /// `IsamErrorOSSnapshotInvalidSequence` (0xFFFFF69F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOSSnapshotInvalidSequence = 0xFFFFF69F => "IsamErrorOSSnapshotInvalidSequence",
        /// `IsamErrorOSSnapshotTimeOut` (0xFFFFF69E), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOSSnapshotTimeOut = 0xFFFFF69E => "IsamErrorOSSnapshotTimeOut",
        /// `IsamErrorOSSnapshotNotAllowed` (0xFFFFF69D), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOSSnapshotNotAllowed = 0xFFFFF69D => "IsamErrorOSSnapshotNotAllowed",
        /// `IsamErrorOSSnapshotInvalidSnapId` (0xFFFFF69C), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorOSSnapshotInvalidSnapId = 0xFFFFF69C => "IsamErrorOSSnapshotInvalidSnapId",
        /// `IsamErrorLSCallbackNotSpecified` (0xFFFFF448), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLSCallbackNotSpecified = 0xFFFFF448 => "IsamErrorLSCallbackNotSpecified",
        /// `IsamErrorLSAlreadySet` (0xFFFFF447), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLSAlreadySet = 0xFFFFF447 => "IsamErrorLSAlreadySet",
        /// `IsamErrorLSNotSet` (0xFFFFF446), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorLSNotSet = 0xFFFFF446 => "IsamErrorLSNotSet",
        /// `IsamErrorFileIOSparse` (0xFFFFF060), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileIOSparse = 0xFFFFF060 => "IsamErrorFileIOSparse",
        /// `IsamErrorFileIOBeyondEOF` (0xFFFFF05F), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileIOBeyondEOF = 0xFFFFF05F => "IsamErrorFileIOBeyondEOF",
        /// `IsamErrorFileCompressed` (0xFFFFF05B), [MS-OXCDATA] 2.4.1 Additional Error Codes.
        IsamErrorFileCompressed = 0xFFFFF05B => "IsamErrorFileCompressed",
        /// `BadValue` (0x80040301), [MS-OXCDATA] 2.4.2 Property Error Codes.
        BadValue = 0x80040301 => "BadValue",
        /// `InvalidType` (0x80040302), [MS-OXCDATA] 2.4.2 Property Error Codes.
        InvalidType = 0x80040302 => "InvalidType",
        /// `UnsupportedType` (0x80040303), [MS-OXCDATA] 2.4.2 Property Error Codes.
        UnsupportedType = 0x80040303 => "UnsupportedType",
        /// `UnexpectedType` (0x80040304), [MS-OXCDATA] 2.4.2 Property Error Codes.
        UnexpectedType = 0x80040304 => "UnexpectedType",
        /// `TooBig` (0x80040305), [MS-OXCDATA] 2.4.2 Property Error Codes.
        TooBig = 0x80040305 => "TooBig",
        /// `DeclineCopy` (0x80040306), [MS-OXCDATA] 2.4.2 Property Error Codes.
        DeclineCopy = 0x80040306 => "DeclineCopy",
        /// `UnexpectedId` (0x80040307), [MS-OXCDATA] 2.4.2 Property Error Codes.
        UnexpectedId = 0x80040307 => "UnexpectedId",
        /// `ErrorsReturned` (0x00040380), [MS-OXCDATA] 2.4.3 Warning Codes.
        ErrorsReturned = 0x00040380 => "ErrorsReturned",
        /// `PositionChanged` (0x00040481), [MS-OXCDATA] 2.4.3 Warning Codes.
        PositionChanged = 0x00040481 => "PositionChanged",
        /// `ApproximateCount` (0x00040482), [MS-OXCDATA] 2.4.3 Warning Codes.
        ApproximateCount = 0x00040482 => "ApproximateCount",
        /// `PartiallyComplete` (0x00040680), [MS-OXCDATA] 2.4.3 Warning Codes.
        PartiallyComplete = 0x00040680 => "PartiallyComplete",
        /// `SyncProgress` (0x00040820), [MS-OXCDATA] 2.4.3 Warning Codes.
        SyncProgress = 0x00040820 => "SyncProgress",
        /// `NewerClientChange` (0x00040821), [MS-OXCDATA] 2.4.3 Warning Codes.
        NewerClientChange = 0x00040821 => "NewerClientChange",
        /// `IsamWarningRemainingVersions` (0x00000141), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningRemainingVersions = 0x00000141 => "IsamWarningRemainingVersions",
        /// `IsamWarningUniqueKey` (0x00000159), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningUniqueKey = 0x00000159 => "IsamWarningUniqueKey",
        /// `IsamWarningSeparateLongValue` (0x00000196), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningSeparateLongValue = 0x00000196 => "IsamWarningSeparateLongValue",
        /// `IsamWarningExistingLogFileHasBadSignature` (0x0000022E), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningExistingLogFileHasBadSignature = 0x0000022E => "IsamWarningExistingLogFileHasBadSignature",
        /// `IsamWarningExistingLogFileIsNotContiguous` (0x0000022F), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningExistingLogFileIsNotContiguous = 0x0000022F => "IsamWarningExistingLogFileIsNotContiguous",
        /// `IsamWarningSkipThisRecord` (0x00000234), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningSkipThisRecord = 0x00000234 => "IsamWarningSkipThisRecord",
        /// `IsamWarningTargetInstanceRunning` (0x00000242), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningTargetInstanceRunning = 0x00000242 => "IsamWarningTargetInstanceRunning",
        /// `IsamWarningDatabaseRepaired` (0x00000253), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningDatabaseRepaired = 0x00000253 => "IsamWarningDatabaseRepaired",
        /// `IsamWarningColumnNull` (0x000003EC), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnNull = 0x000003EC => "IsamWarningColumnNull",
        /// `IsamWarningSortOverflow` (0x000003F1), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningSortOverflow = 0x000003F1 => "IsamWarningSortOverflow",
        /// `IsamWarningSeekNotEqual` (0x0000040F), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningSeekNotEqual = 0x0000040F => "IsamWarningSeekNotEqual",
        /// `IsamWarningNoErrorInfo` (0x0000041F), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningNoErrorInfo = 0x0000041F => "IsamWarningNoErrorInfo",
        /// `IsamWarningNoIdleActivity` (0x00000422), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningNoIdleActivity = 0x00000422 => "IsamWarningNoIdleActivity",
        /// `IsamWarningNoWriteLock` (0x0000042B), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningNoWriteLock = 0x0000042B => "IsamWarningNoWriteLock",
        /// `IsamWarningColumnSetNull` (0x0000042C), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnSetNull = 0x0000042C => "IsamWarningColumnSetNull",
        /// `IsamWarningTableEmpty` (0x00000515), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningTableEmpty = 0x00000515 => "IsamWarningTableEmpty",
        /// `IsamWarningTableInUseBySystem` (0x0000052F), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningTableInUseBySystem = 0x0000052F => "IsamWarningTableInUseBySystem",
        /// `IsamWarningCorruptIndexDeleted` (0x00000587), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningCorruptIndexDeleted = 0x00000587 => "IsamWarningCorruptIndexDeleted",
        /// `IsamWarningColumnMaxTruncated` (0x000005E8), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnMaxTruncated = 0x000005E8 => "IsamWarningColumnMaxTruncated",
        /// `IsamWarningCopyLongValue` (0x000005F0), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningCopyLongValue = 0x000005F0 => "IsamWarningCopyLongValue",
        /// `IsamWarningColumnSkipped` (0x000005FB), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnSkipped = 0x000005FB => "IsamWarningColumnSkipped",
        /// `IsamWarningColumnNotLocal` (0x000005FC), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnNotLocal = 0x000005FC => "IsamWarningColumnNotLocal",
        /// `IsamWarningColumnMoreTags` (0x000005FD), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnMoreTags = 0x000005FD => "IsamWarningColumnMoreTags",
        /// `IsamWarningColumnTruncated` (0x000005FE), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnTruncated = 0x000005FE => "IsamWarningColumnTruncated",
        /// `IsamWarningColumnPresent` (0x000005FF), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnPresent = 0x000005FF => "IsamWarningColumnPresent",
        /// `IsamWarningColumnSingleValue` (0x00000600), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnSingleValue = 0x00000600 => "IsamWarningColumnSingleValue",
        /// `IsamWarningColumnDefault` (0x00000601), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningColumnDefault = 0x00000601 => "IsamWarningColumnDefault",
        /// `IsamWarningDataHasChanged` (0x0000064A), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningDataHasChanged = 0x0000064A => "IsamWarningDataHasChanged",
        /// `IsamWarningKeyChanged` (0x00000652), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningKeyChanged = 0x00000652 => "IsamWarningKeyChanged",
        /// `IsamWarningFileOpenReadOnly` (0x00000715), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningFileOpenReadOnly = 0x00000715 => "IsamWarningFileOpenReadOnly",
        /// `IsamWarningIdleFull` (0x00000774), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningIdleFull = 0x00000774 => "IsamWarningIdleFull",
        /// `IsamWarningDefragAlreadyRunning` (0x000007D0), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningDefragAlreadyRunning = 0x000007D0 => "IsamWarningDefragAlreadyRunning",
        /// `IsamWarningDefragNotRunning` (0x000007D1), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningDefragNotRunning = 0x000007D1 => "IsamWarningDefragNotRunning",
        /// `IsamWarningCallbackNotRegistered` (0x00000834), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningCallbackNotRegistered = 0x00000834 => "IsamWarningCallbackNotRegistered",
        /// `IsamWarningNotYetImplemented` (0xFFFFFFFF), [MS-OXCDATA] 2.4.3 Warning Codes.
        IsamWarningNotYetImplemented = 0xFFFFFFFF => "IsamWarningNotYetImplemented",
    }
}

impl ErrorCode {
    /// Names that a later table of [MS-OXCDATA] 2.4 gives to a value an
    /// earlier table already named: `(name, value, section)`.
    pub const ALTERNATE_NAMES: &'static [(&'static str, u32, &'static str)] = &[
        ("NotEnoughMemory", 0x8007000E, "2.4.2"),
        ("NotFound", 0x8004010F, "2.4.2"),
        ("IsamWarningBufferTruncated", 0x000003EE, "2.4.3"),
        ("IsamWarningDatabaseAttached", 0x000003EF, "2.4.3"),
    ];

    /// The value for a spec name, including the alternate names.
    pub fn lookup(name: &str) -> Option<ErrorCode> {
        Self::from_name(name).or_else(|| {
            Self::ALTERNATE_NAMES
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|&(_, v, _)| ErrorCode::from_value(v))
        })
    }

    /// The section of [MS-OXCDATA] whose table lists this value (`2.4`,
    /// `2.4.1`, `2.4.2` or `2.4.3`), or `None` for an unknown value.
    pub fn section(self) -> Option<&'static str> {
        // KNOWN lists the tables in order; these are where each one starts.
        const STARTS: &[(usize, &str)] =
            &[(0, "2.4"), (69, "2.4.1"), (586, "2.4.2"), (593, "2.4.3")];
        let i = Self::KNOWN.iter().position(|&k| k == self)?;
        STARTS
            .iter()
            .rev()
            .find(|(start, _)| i >= *start)
            .map(|&(_, s)| s)
    }
}
