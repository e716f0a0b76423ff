//! [MS-OXNSPI] 2.2.1 Constant Value Definitions ([MS-NSPI] 2.2).

use ms_dtyp::Guid;

msox_codec::wire_enum! {
    /// [MS-OXNSPI] 2.2.1.3 Display Type Values ([MS-NSPI] 2.2.3): the kind
    /// of an address book object, in PidTagDisplayType and in entry IDs.
    pub enum DisplayType: u32 {
        /// A typical messaging user.
        MailUser = 0x0000_0000 => "DT_MAILUSER",
        /// A distribution list.
        DistList = 0x0000_0001 => "DT_DISTLIST",
        /// A forum, such as a bulletin board or a public folder.
        Forum = 0x0000_0002 => "DT_FORUM",
        /// An automated agent.
        Agent = 0x0000_0003 => "DT_AGENT",
        /// An object for a large group (a department).
        Organization = 0x0000_0004 => "DT_ORGANIZATION",
        /// A private, personally administered distribution list.
        PrivateDistList = 0x0000_0005 => "DT_PRIVATE_DISTLIST",
        /// An object from a foreign or remote messaging system.
        RemoteMailUser = 0x0000_0006 => "DT_REMOTE_MAILUSER",
        /// An address book hierarchy table container.
        Container = 0x0000_0100 => "DT_CONTAINER",
        /// A display template object.
        Template = 0x0000_0101 => "DT_TEMPLATE",
        /// An address creation template.
        AddressTemplate = 0x0000_0102 => "DT_ADDRESS_TEMPLATE",
        /// A search template.
        Search = 0x0000_0200 => "DT_SEARCH",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXNSPI] 2.2.1.10 Table Sort Orders ([MS-NSPI] 2.2.10): the
    /// SortType field of [`crate::Stat`].
    pub enum SortType: u32 {
        /// Ascending on PidTagDisplayName.
        DisplayName = 0x0000_0000 => "SortTypeDisplayName",
        /// Ascending on PidTagAddressBookPhoneticDisplayName.
        PhoneticDisplayName = 0x0000_0003 => "SortTypePhoneticDisplayName",
        /// PidTagDisplayName, a nonwritable table (NspiGetMatches only).
        DisplayNameRo = 0x0000_03E8 => "SortTypeDisplayName_RO",
        /// PidTagDisplayName, a writable table (NspiGetMatches only).
        DisplayNameW = 0x0000_03E9 => "SortTypeDisplayName_W",
    }
}

/// [MS-OXNSPI] 2.2.1.8 Positioning Minimal Entry IDs: before the first row.
pub const MID_BEGINNING_OF_TABLE: u32 = 0x0000_0000;
/// [MS-OXNSPI] 2.2.1.8: the current position (NspiUpdateStat only).
pub const MID_CURRENT: u32 = 0x0000_0001;
/// [MS-OXNSPI] 2.2.1.8: after the last row.
pub const MID_END_OF_TABLE: u32 = 0x0000_0002;

msox_codec::wire_enum! {
    /// [MS-OXNSPI] 2.2.1.9 Ambiguous Name Resolution Minimal Entry IDs
    /// ([MS-NSPI] 2.2.9): what NspiResolveNames(W) returns for each name.
    pub enum AnrMid: u32 {
        /// No object matched.
        Unresolved = 0x0000_0000 => "MID_UNRESOLVED",
        /// Several objects matched.
        Ambiguous = 0x0000_0001 => "MID_AMBIGUOUS",
        /// Exactly one object matched.
        Resolved = 0x0000_0002 => "MID_RESOLVED",
    }
}

/// [MS-OXNSPI] 2.2.1.4 Default Language Code Identifier: NSPI_DEFAULT_LOCALE.
pub const NSPI_DEFAULT_LOCALE: u32 = 0x0000_0409;
/// [MS-OXNSPI] 2.2.1.5 Required Code Pages: CP_TELETEX.
pub const CP_TELETEX: u32 = 0x0000_4F25;
/// [MS-OXNSPI] 2.2.1.5 Required Code Pages: CP_WINUNICODE.
pub const CP_WINUNICODE: u32 = 0x0000_04B0;

msox_codec::wire_flags! {
    /// [MS-OXNSPI] 2.2.1.6.1 Comparison Flags (from [MS-UCODEREF]).
    pub struct ComparisonFlags: u32 {
        /// Ignore case.
        const NORM_IGNORECASE = 0x0000_0001 => "NORM_IGNORECASE";
        /// Ignore non-spacing characters.
        const NORM_IGNORENONSPACE = 0x0000_0002 => "NORM_IGNORENONSPACE";
        /// Ignore symbols.
        const NORM_IGNORESYMBOLS = 0x0000_0004 => "NORM_IGNORESYMBOLS";
        /// Treat punctuation the same as symbols.
        const SORT_STRINGSORT = 0x0000_1000 => "SORT_STRINGSORT";
        /// Hiragana and katakana compare equal.
        const NORM_IGNOREKANATYPE = 0x0001_0000 => "NORM_IGNOREKANATYPE";
        /// Half-width and full-width characters compare equal.
        const NORM_IGNOREWIDTH = 0x0002_0000 => "NORM_IGNOREWIDTH";
    }
}

/// [MS-OXNSPI] 2.2.1.6 NSPI_DEFAULT_LOCALE_COMPARE_FLAGS.
pub const NSPI_DEFAULT_LOCALE_COMPARE_FLAGS: ComparisonFlags = ComparisonFlags(
    ComparisonFlags::NORM_IGNORECASE.0
        | ComparisonFlags::NORM_IGNOREKANATYPE.0
        | ComparisonFlags::NORM_IGNORENONSPACE.0
        | ComparisonFlags::NORM_IGNOREWIDTH.0
        | ComparisonFlags::SORT_STRINGSORT.0,
);

/// [MS-OXNSPI] 2.2.1.6 NSPI_NON_DEFAULT_LOCALE_COMPARE_FLAGS.
pub const NSPI_NON_DEFAULT_LOCALE_COMPARE_FLAGS: ComparisonFlags =
    ComparisonFlags(NSPI_DEFAULT_LOCALE_COMPARE_FLAGS.0 | ComparisonFlags::NORM_IGNORESYMBOLS.0);

/// [MS-OXNSPI] 2.2.1.7 Permanent Entry ID GUID (GUID_NSPI): the
/// ProviderUID of every PermanentEntryID, in its byte order
/// `DC A7 40 C8 C0 42 10 1A B4 B9 08 00 2B 2F E1 82`.
pub const GUID_NSPI: Guid = Guid::from_le_bytes([
    0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A, 0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82,
]);

/// [MS-NSPI] 2.2.11 NspiBind Flags: fAnonymousLogin.
pub const F_ANONYMOUS_LOGIN: u32 = 0x0000_0020;

msox_codec::wire_flags! {
    /// [MS-OXNSPI] 2.2.1.11 Retrieve Property Flags (NspiGetPropList,
    /// NspiGetProps, NspiQueryRows).
    pub struct RetrievePropertyFlags: u32 {
        /// Leave out PtypEmbeddedTable proptags.
        const F_SKIP_OBJECTS = 0x0000_0001 => "fSkipObjects";
        /// Return entry IDs in Ephemeral form.
        const F_EPH_ID = 0x0000_0002 => "fEphID";
    }
}

msox_codec::wire_flags! {
    /// [MS-OXNSPI] 2.2.1.12 NspiGetSpecialTable Flags.
    pub struct SpecialTableFlags: u32 {
        /// Return the address creation templates table.
        const NSPI_ADDRESS_CREATION_TEMPLATES = 0x0000_0002 => "NspiAddressCreationTemplates";
        /// Return strings as Unicode.
        const NSPI_UNICODE_STRINGS = 0x0000_0004 => "NspiUnicodeStrings";
    }
}

/// [MS-OXNSPI] 2.2.1.13 NspiQueryColumns Flag: NspiUnicodeProptypes.
pub const NSPI_UNICODE_PROPTYPES: u32 = 0x8000_0000;

/// [MS-NSPI] 2.2.15 NspiGetIDsFromNames Flags: NspiVerifyNames.
pub const NSPI_VERIFY_NAMES: u32 = 0x0000_0002;

msox_codec::wire_flags! {
    /// [MS-OXNSPI] 2.2.1.14 NspiGetTemplateInfo Flags.
    pub struct TemplateInfoFlags: u32 {
        /// The template.
        const TI_TEMPLATE = 0x0000_0001 => "TI_TEMPLATE";
        /// The template's script.
        const TI_SCRIPT = 0x0000_0004 => "TI_SCRIPT";
        /// The email type.
        const TI_EMT = 0x0000_0010 => "TI_EMT";
        /// The help file name.
        const TI_HELPFILE_NAME = 0x0000_0020 => "TI_HELPFILE_NAME";
        /// The help file contents.
        const TI_HELPFILE_CONTENTS = 0x0000_0040 => "TI_HELPFILE_CONTENTS";
    }
}

/// [MS-OXNSPI] 2.2.1.15 NspiModLinkAtt Flags: fDelete.
pub const F_DELETE: u32 = 0x0000_0001;

/// [MS-OXNSPI] 2.2.1.1 Permitted Property Type Values: PtypEmbeddedTable
/// (a 32-bit value referencing an address list).
pub const PTYP_EMBEDDED_TABLE: u16 = 0x000D;

/// [MS-OXNSPI] 2.1 / [MS-NSPI] 2.1: the interface UUID
/// F5CC5A18-4264-101A-8C59-08002B2F8426, version 56.0.
pub const NSPI_INTERFACE_UUID: Guid = Guid::from_u128(0xF5CC5A18_4264_101A_8C59_08002B2F8426);

/// [MS-OXABREF] 2.1: the referral interface UUID
/// 1544F5E0-613C-11D1-93DF-00C04FD7BD09, version 1.0.
pub const RFR_INTERFACE_UUID: Guid = Guid::from_u128(0x1544F5E0_613C_11D1_93DF_00C04FD7BD09);
