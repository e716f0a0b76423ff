//! [MS-OXCROPS] 2.2.10 Permission ROPs (field semantics in [MS-OXCPERM] 2.2).

use ms_oxcdata::TaggedValue;

use crate::codec::{Plain, TAGGED_VALUES, list16, rop_struct};

msox_codec::wire_flags! {
    /// [MS-OXCPERM] 2.2.1 ModifyFlags of RopModifyPermissions.
    pub struct ModifyPermissionsFlags: u8 {
        /// ReplaceRows: replace every permission (each entry adds a row).
        const REPLACE_ROWS = 0x01 => "ReplaceRows";
        /// IncludeFreeBusy: the free/busy rights are modified too.
        const INCLUDE_FREE_BUSY = 0x02 => "IncludeFreeBusy";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCPERM] 2.2.4 TableFlags of RopGetPermissionsTable.
    pub struct PermissionsTableFlags: u8 {
        /// IncludeFreeBusy: the rights include the free/busy rights.
        const INCLUDE_FREE_BUSY = 0x02 => "IncludeFreeBusy";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXCPERM] 2.2.1.1 PermissionDataFlags of a PermissionData.
    pub struct PermissionDataFlags: u8 {
        /// AddRow: add a user.
        const ADD_ROW = 0x01 => "AddRow";
        /// ModifyRow: change a user's rights.
        const MODIFY_ROW = 0x02 => "ModifyRow";
        /// RemoveRow: remove a user.
        const REMOVE_ROW = 0x04 => "RemoveRow";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.10.1.1.1 PermissionData Structure: one change to
    /// the permissions list ([MS-OXCPERM] 2.2.1.1: PidTagEntryId,
    /// PidTagMemberId, PidTagMemberRights...).
    pub struct PermissionData {
        /// PermissionDataFlags ([MS-OXCPERM] 2.2.1.1).
        pub permission_data_flags: PermissionDataFlags,
        /// PropertyValues after their 2-byte PropertyValueCount
        /// ([MS-OXCDATA] 2.11.4).
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.10.1.1 RopModifyPermissions ROP Request Buffer.
    pub struct RopModifyPermissionsRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// ModifyFlags ([MS-OXCPERM] 2.2.1).
        pub modify_flags: ModifyPermissionsFlags,
        /// PermissionsData after the 2-byte ModifyCount.
        pub permissions_data: Vec<PermissionData> => list16("ModifyCount", 3, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.10.2.1 RopGetPermissionsTable ROP Request Buffer.
    pub struct RopGetPermissionsTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Table object goes.
        pub output_handle_index: u8,
        /// TableFlags ([MS-OXCPERM] 2.2.4).
        pub table_flags: PermissionsTableFlags,
    }
}
