//! [MS-OXCROPS] 2.2.11 Rule ROPs (field semantics in [MS-OXORULE] 2.2.1-2.2.3).

use std::borrow::Cow;

use ms_oxcdata::TaggedValue;

use crate::codec::{Bytes, Plain, TAGGED_VALUES, list16, rop_struct};

msox_codec::wire_flags! {
    /// [MS-OXORULE] 2.2.1.1 ModifyRulesFlags of RopModifyRules.
    pub struct ModifyRulesFlags: u8 {
        /// R: the rules replace the folder's rules (each RuleData is ROW_ADD).
        const R = 0x01 => "R";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXORULE] 2.2.1.3.1 RuleDataFlags of a RuleData.
    pub struct RuleDataFlags: u8 {
        /// ROW_ADD: add a rule.
        const ROW_ADD = 0x01 => "ROW_ADD";
        /// ROW_MODIFY: change the rule with the PidTagRuleId given.
        const ROW_MODIFY = 0x02 => "ROW_MODIFY";
        /// ROW_REMOVE: remove the rule with the PidTagRuleId given.
        const ROW_REMOVE = 0x04 => "ROW_REMOVE";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXORULE] 2.2.2.1 TableFlags of RopGetRulesTable.
    pub struct RulesTableFlags: u8 {
        /// U: string values in Unicode.
        const U = 0x40 => "U";
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.11.1.1.1 RuleData Structure: one change to the
    /// rules of a folder ([MS-OXORULE] 2.2.1.3: the rule's properties, its
    /// condition a PtypRestriction and its actions a PtypRuleAction value,
    /// both in their ROP encoding).
    pub struct RuleData {
        /// RuleDataFlags ([MS-OXORULE] 2.2.1.3.1).
        pub rule_data_flags: RuleDataFlags,
        /// PropertyValues after their 2-byte PropertyValueCount
        /// ([MS-OXCDATA] 2.11.4).
        pub property_values: Vec<TaggedValue> => TAGGED_VALUES,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.11.1.1 RopModifyRules ROP Request Buffer.
    pub struct RopModifyRulesRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// ModifyRulesFlags ([MS-OXORULE] 2.2.1.1).
        pub modify_rules_flags: ModifyRulesFlags,
        /// RulesData after the 2-byte RulesCount.
        pub rules_data: Vec<RuleData> => list16("RulesCount", 3, Plain),
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.11.2.1 RopGetRulesTable ROP Request Buffer.
    pub struct RopGetRulesTableRequest {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the folder.
        pub input_handle_index: u8,
        /// OutputHandleIndex: where the Table object goes.
        pub output_handle_index: u8,
        /// TableFlags ([MS-OXORULE] 2.2.2.1).
        pub table_flags: RulesTableFlags,
    }
}

rop_struct! {
    /// [MS-OXCROPS] 2.2.11.3.1 RopUpdateDeferredActionMessages ROP Request Buffer.
    pub struct RopUpdateDeferredActionMessagesRequest<'a> {
        /// LogonId.
        pub logon_id: u8,
        /// InputHandleIndex: the Logon object.
        pub input_handle_index: u8,
        /// ServerEntryId after its 2-byte ServerEntryIdSize: the message on the server.
        pub server_entry_id: Cow<'a, [u8]> => Bytes::<2>("ServerEntryIdSize"),
        /// ClientEntryId after its 2-byte ClientEntryIdSize: the client's copy.
        pub client_entry_id: Cow<'a, [u8]> => Bytes::<2>("ClientEntryIdSize"),
    }
}
