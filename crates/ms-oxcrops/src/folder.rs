//! [MS-OXCROPS] 2.2.4 Folder ROPs (field semantics in [MS-OXCFOLD] 2.2.1).

use ms_oxcdata::{ErrorCode, FolderId, MapiString, MessageId, Restriction};

use crate::codec::{MapiStr, MaybeRestriction, Plain, is, list16, nz, opt, rop_struct, sized16};
use crate::logon::ServerList;

/// [MS-OXCDATA] 2.4 ecDstNullObject (0x00000503): the ReturnValue of the
/// "Null Destination Failure" responses (the destination handle index
/// named no object); those responses add the 4-byte DestHandleIndex.
pub const NULL_DESTINATION_OBJECT: u32 = 0x0000_0503;

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.1.1 OpenModeFlags of RopOpenFolder.
    pub struct FolderOpenModeFlags: u8 {
        /// OpenSoftDeleted: open the folder even if it is soft deleted.
        const OPEN_SOFT_DELETED = 0x04 => "OpenSoftDeleted";
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCFOLD] 2.2.1.2.1 FolderType of RopCreateFolder.
    pub enum FolderType: u8 {
        /// A generic folder.
        Generic = 0x01 => "Generic",
        /// A search folder.
        Search = 0x02 => "Search",
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.3.1 DeleteFolderFlags of RopDeleteFolder.
    pub struct DeleteFolderFlags: u8 {
        /// DEL_MESSAGES: delete the folder's messages too.
        const DEL_MESSAGES = 0x01 => "DEL_MESSAGES";
        /// DEL_FOLDERS: delete the folder's subfolders too.
        const DEL_FOLDERS = 0x04 => "DEL_FOLDERS";
        /// DELETE_HARD_DELETE: hard delete (else soft delete).
        const DELETE_HARD_DELETE = 0x10 => "DELETE_HARD_DELETE";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.4.1 SearchFlags of the RopSetSearchCriteria request.
    pub struct SetSearchFlags: u32 {
        /// STOP_SEARCH.
        const STOP_SEARCH = 0x0000_0001 => "STOP_SEARCH";
        /// RESTART_SEARCH.
        const RESTART_SEARCH = 0x0000_0002 => "RESTART_SEARCH";
        /// RECURSIVE_SEARCH.
        const RECURSIVE_SEARCH = 0x0000_0004 => "RECURSIVE_SEARCH";
        /// SHALLOW_SEARCH.
        const SHALLOW_SEARCH = 0x0000_0008 => "SHALLOW_SEARCH";
        /// FOREGROUND_SEARCH.
        const FOREGROUND_SEARCH = 0x0000_0010 => "FOREGROUND_SEARCH";
        /// BACKGROUND_SEARCH.
        const BACKGROUND_SEARCH = 0x0000_0020 => "BACKGROUND_SEARCH";
        /// CONTENT_INDEXED_SEARCH.
        const CONTENT_INDEXED_SEARCH = 0x0001_0000 => "CONTENT_INDEXED_SEARCH";
        /// NON_CONTENT_INDEXED_SEARCH.
        const NON_CONTENT_INDEXED_SEARCH = 0x0002_0000 => "NON_CONTENT_INDEXED_SEARCH";
        /// STATIC_SEARCH.
        const STATIC_SEARCH = 0x0004_0000 => "STATIC_SEARCH";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.5.2 SearchFlags of the RopGetSearchCriteria response.
    pub struct SearchState: u32 {
        /// SEARCH_RUNNING.
        const SEARCH_RUNNING = 0x0000_0001 => "SEARCH_RUNNING";
        /// SEARCH_REBUILD.
        const SEARCH_REBUILD = 0x0000_0002 => "SEARCH_REBUILD";
        /// SEARCH_RECURSIVE.
        const SEARCH_RECURSIVE = 0x0000_0004 => "SEARCH_RECURSIVE";
        /// SEARCH_FOREGROUND.
        const SEARCH_FOREGROUND = 0x0000_0008 => "SEARCH_FOREGROUND";
        /// SEARCH_COMPLETE.
        const SEARCH_COMPLETE = 0x0000_1000 => "SEARCH_COMPLETE";
        /// SEARCH_PARTIAL.
        const SEARCH_PARTIAL = 0x0000_2000 => "SEARCH_PARTIAL";
        /// SEARCH_STATIC.
        const SEARCH_STATIC = 0x0001_0000 => "SEARCH_STATIC";
        /// SEARCH_MAYBE_STATIC.
        const SEARCH_MAYBE_STATIC = 0x0002_0000 => "SEARCH_MAYBE_STATIC";
        /// CI_TOTALLY.
        const CI_TOTALLY = 0x0100_0000 => "CI_TOTALLY";
        /// CI_WITH_TWIR_RESIDUAL.
        const CI_WITH_TWIR_RESIDUAL = 0x0200_0000 => "CI_WITH_TWIR_RESIDUAL";
        /// TWIR_MOSTLY.
        const TWIR_MOSTLY = 0x0400_0000 => "TWIR_MOSTLY";
        /// TWIR_TOTALLY.
        const TWIR_TOTALLY = 0x0800_0000 => "TWIR_TOTALLY";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.13.1 TableFlags of RopGetHierarchyTable.
    pub struct HierarchyTableFlags: u8 {
        /// Depth: every level of subfolders.
        const DEPTH = 0x04 => "Depth";
        /// DeferredErrors: answer before the table is complete.
        const DEFERRED_ERRORS = 0x08 => "DeferredErrors";
        /// NoNotifications: no table notifications.
        const NO_NOTIFICATIONS = 0x10 => "NoNotifications";
        /// SoftDeletes: only soft-deleted folders.
        const SOFT_DELETES = 0x20 => "SoftDeletes";
        /// UseUnicode: string columns in Unicode.
        const USE_UNICODE = 0x40 => "UseUnicode";
        /// SuppressesNotifications: no notifications for the client's own changes.
        const SUPPRESSES_NOTIFICATIONS = 0x80 => "SuppressesNotifications";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCFOLD] 2.2.1.14.1 TableFlags of RopGetContentsTable.
    pub struct ContentsTableFlags: u8 {
        /// Associated: the folder-associated information (FAI) messages.
        const ASSOCIATED = 0x02 => "Associated";
        /// DeferredErrors: answer before the table is complete.
        const DEFERRED_ERRORS = 0x08 => "DeferredErrors";
        /// NoNotifications: no table notifications.
        const NO_NOTIFICATIONS = 0x10 => "NoNotifications";
        /// SoftDeletes: only soft-deleted messages.
        const SOFT_DELETES = 0x20 => "SoftDeletes";
        /// UseUnicode: string columns in Unicode.
        const USE_UNICODE = 0x40 => "UseUnicode";
        /// ConversationMembers: the messages of one conversation.
        const CONVERSATION_MEMBERS = 0x80 => "ConversationMembers";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.1.1 RopOpenFolder ROP Request Buffer.
    pub struct RopOpenFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: a Logon or Folder object.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Folder object goes.
        pub output_handle_index: u8,
        /// FolderId: the folder to open.
        pub folder_id: FolderId,
        /// OpenModeFlags ([MS-OXCFOLD] 2.2.1.1.1).
        pub open_mode_flags: FolderOpenModeFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.1.2 RopOpenFolder ROP Success Response Buffer.
    pub struct RopOpenFolderResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// HasRules: nonzero if the folder has rules.
        pub has_rules: u8,
        /// IsGhosted: nonzero for a ghosted public folder (servers follow).
        pub is_ghosted: u8,
        /// ServerCount, CheapServerCount and Servers: present when
        /// IsGhosted is nonzero.
        pub servers: Option<ServerList> => opt(nz(is_ghosted), "Servers", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.2.1 RopCreateFolder ROP Request Buffer.
    pub struct RopCreateFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the parent folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the new Folder object goes.
        pub output_handle_index: u8,
        /// FolderType ([MS-OXCFOLD] 2.2.1.2.1).
        pub folder_type: FolderType,
        /// UseUnicodeStrings: nonzero when DisplayName and Comment are UTF-16LE.
        pub use_unicode_strings: u8,
        /// OpenExisting: nonzero to open the folder if it exists.
        pub open_existing: u8,
        /// Reserved: 0.
        pub reserved: u8,
        /// DisplayName: null-terminated, UTF-16LE or 8-bit per UseUnicodeStrings.
        pub display_name: MapiString => MapiStr(nz(use_unicode_strings), "DisplayName"),
        /// Comment: null-terminated, UTF-16LE or 8-bit per UseUnicodeStrings.
        pub comment: MapiString => MapiStr(nz(use_unicode_strings), "Comment"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.2.2 the fields RopCreateFolder returns about a
    /// folder that already existed (IsExistingFolder nonzero).
    pub struct ExistingFolder {
        /// HasRules: nonzero if the folder has rules.
        pub has_rules: u8,
        /// IsGhosted: nonzero for a ghosted public folder (servers follow).
        pub is_ghosted: u8,
        /// ServerCount, CheapServerCount and Servers: present when
        /// IsGhosted is nonzero.
        pub servers: Option<ServerList> => opt(nz(is_ghosted), "Servers", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.2.2 RopCreateFolder ROP Success Response Buffer.
    pub struct RopCreateFolderResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// FolderId: the folder created or opened.
        pub folder_id: FolderId,
        /// IsExistingFolder: nonzero if the folder already existed.
        pub is_existing_folder: u8,
        /// HasRules, IsGhosted and the servers: present when
        /// IsExistingFolder is nonzero.
        pub existing: Option<ExistingFolder> => opt(nz(is_existing_folder), "HasRules", Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.3.1 RopDeleteFolder ROP Request Buffer.
    pub struct RopDeleteFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the parent folder.
        pub input_handle_index: u8,
        /// DeleteFolderFlags ([MS-OXCFOLD] 2.2.1.3.1).
        pub delete_folder_flags: DeleteFolderFlags,
        /// FolderId: the folder to delete.
        pub folder_id: FolderId,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.3.2 RopDeleteFolder ROP Response Buffer (also
    /// 2.2.4.9.2 RopEmptyFolder, 2.2.4.10.2 RopHardDeleteMessagesAndSubfolders,
    /// 2.2.4.11.2 RopDeleteMessages, 2.2.4.12.2 RopHardDeleteMessages and
    /// 2.2.6.10.2 RopSetReadFlags): one form, success or not.
    pub struct PartialCompletionResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// PartialCompletion: nonzero if the operation did not finish.
        pub partial_completion: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.4.1 RopSetSearchCriteria ROP Request Buffer.
    pub struct RopSetSearchCriteriaRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the search folder.
        pub input_handle_index: u8,
        /// RestrictionData after its 2-byte RestrictionDataSize: the search
        /// criteria (`None`, size 0, keeps the current ones).
        pub restriction: Option<Restriction> => sized16("RestrictionDataSize", MaybeRestriction),
        /// FolderIds after their 2-byte FolderIdCount: the folders searched.
        pub folder_ids: Vec<FolderId> => list16("FolderIdCount", 8, Plain),
        /// SearchFlags ([MS-OXCFOLD] 2.2.1.4.1).
        pub search_flags: SetSearchFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.5.1 RopGetSearchCriteria ROP Request Buffer.
    pub struct RopGetSearchCriteriaRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the search folder.
        pub input_handle_index: u8,
        /// UseUnicode: nonzero for Unicode strings in the restriction.
        pub use_unicode: u8,
        /// IncludeRestriction: nonzero to return the restriction.
        pub include_restriction: u8,
        /// IncludeFolders: nonzero to return the folder IDs.
        pub include_folders: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.5.2 RopGetSearchCriteria ROP Success Response Buffer.
    pub struct RopGetSearchCriteriaResponse {
        /// InputHandleIndex.
        pub input_handle_index: u8,
        @success
        /// RestrictionData after its 2-byte RestrictionDataSize (`None`
        /// when not asked for or not set).
        pub restriction: Option<Restriction> => sized16("RestrictionDataSize", MaybeRestriction),
        /// LogonId: the logon of the request.
        pub logon_id: u8,
        /// FolderIds after their 2-byte FolderIdCount.
        pub folder_ids: Vec<FolderId> => list16("FolderIdCount", 8, Plain),
        /// SearchFlags ([MS-OXCFOLD] 2.2.1.5.2).
        pub search_flags: SearchState,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.6.1 RopMoveCopyMessages ROP Request Buffer.
    pub struct RopMoveCopyMessagesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source folder.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination folder.
        pub dest_handle_index: u8,
        /// MessageIds after their 2-byte MessageIdCount.
        pub message_ids: Vec<MessageId> => list16("MessageIdCount", 8, Plain),
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// WantCopy: nonzero to copy (else move).
        pub want_copy: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.6.2 RopMoveCopyMessages ROP Response Buffer and
    /// 2.2.4.6.3 its Null Destination Failure Response Buffer (also the
    /// responses of RopMoveFolder, 2.2.4.7.2-3, and RopCopyFolder,
    /// 2.2.4.8.2-3): DestHandleIndex is there exactly when ReturnValue is
    /// [`NULL_DESTINATION_OBJECT`].
    pub struct MoveCopyResponse {
        /// SourceHandleIndex.
        pub source_handle_index: u8,
        /// ReturnValue: 0 for success ([MS-OXCDATA] 2.4).
        pub return_value: ErrorCode,
        /// DestHandleIndex (4 bytes): the request's DestHandleIndex, in the
        /// null destination failure response only.
        pub dest_handle_index: Option<u32> => opt(is(return_value, 0x503), "DestHandleIndex", Plain),
        /// PartialCompletion: nonzero if the operation did not finish.
        pub partial_completion: u8,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.7.1 RopMoveFolder ROP Request Buffer.
    pub struct RopMoveFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source parent folder.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination parent folder.
        pub dest_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// UseUnicode: nonzero when NewFolderName is UTF-16LE.
        pub use_unicode: u8,
        /// FolderId: the folder to move.
        pub folder_id: FolderId,
        /// NewFolderName: null-terminated, UTF-16LE or 8-bit per UseUnicode.
        pub new_folder_name: MapiString => MapiStr(nz(use_unicode), "NewFolderName"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.8.1 RopCopyFolder ROP Request Buffer.
    pub struct RopCopyFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// SourceHandleIndex: the source parent folder.
        pub source_handle_index: u8,
        /// DestHandleIndex: the destination parent folder.
        pub dest_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// WantRecursive: nonzero to copy subfolders too.
        pub want_recursive: u8,
        /// UseUnicode: nonzero when NewFolderName is UTF-16LE.
        pub use_unicode: u8,
        /// FolderId: the folder to copy.
        pub folder_id: FolderId,
        /// NewFolderName: null-terminated, UTF-16LE or 8-bit per UseUnicode.
        pub new_folder_name: MapiString => MapiStr(nz(use_unicode), "NewFolderName"),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.9.1 RopEmptyFolder ROP Request Buffer (also
    /// 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders).
    pub struct RopEmptyFolderRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// WantDeleteAssociated: nonzero to delete FAI messages too.
        pub want_delete_associated: u8,
    }
}

/// [MS-OXCROPS] 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders ROP Request Buffer.
pub type RopHardDeleteMessagesAndSubfoldersRequest = RopEmptyFolderRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.11.1 RopDeleteMessages ROP Request Buffer (also
    /// 2.2.4.12.1 RopHardDeleteMessages).
    pub struct RopDeleteMessagesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// WantAsynchronous: nonzero to allow an asynchronous operation.
        pub want_asynchronous: u8,
        /// NotifyNonRead: nonzero to send non-read receipts.
        pub notify_non_read: u8,
        /// MessageIds after their 2-byte MessageIdCount.
        pub message_ids: Vec<MessageId> => list16("MessageIdCount", 8, Plain),
    }
}

/// [MS-OXCROPS] 2.2.4.12.1 RopHardDeleteMessages ROP Request Buffer.
pub type RopHardDeleteMessagesRequest = RopDeleteMessagesRequest;

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.13.1 RopGetHierarchyTable ROP Request Buffer.
    pub struct RopGetHierarchyTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Table object goes.
        pub output_handle_index: u8,
        /// TableFlags ([MS-OXCFOLD] 2.2.1.13.1).
        pub table_flags: HierarchyTableFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.14.1 RopGetContentsTable ROP Request Buffer.
    pub struct RopGetContentsTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Table object goes.
        pub output_handle_index: u8,
        /// TableFlags ([MS-OXCFOLD] 2.2.1.14.1).
        pub table_flags: ContentsTableFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.4.13.2 RopGetHierarchyTable ROP Success Response
    /// Buffer and 2.2.4.14.2 RopGetContentsTable ROP Success Response
    /// Buffer: the table's row count.
    pub struct TableRowCountResponse {
        /// OutputHandleIndex.
        pub output_handle_index: u8,
        @success
        /// RowCount: the rows in the table.
        pub row_count: u32,
    }
}
