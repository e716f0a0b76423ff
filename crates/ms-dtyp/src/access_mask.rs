//! [MS-DTYP] 2.4.3 ACCESS_MASK.

msox_codec::wire_flags! {
    /// [MS-DTYP] 2.4.3 ACCESS_MASK: a 32-bit set of rights.
    ///
    /// The generic, standard and special bits the spec names are constants
    /// here; the low 16 bits are object-specific (a mailbox folder's rights
    /// in [MS-OXCPERM], a directory object's in [MS-ADTS]) and are kept as
    /// read. The `ADS_RIGHT_DS_*` and `SYSTEM_MANDATORY_LABEL_*` values the
    /// spec lists for object and label ACEs ([MS-DTYP] 2.4.4.3, 2.4.4.13)
    /// are constants too, but, being object-specific, are not used for
    /// [`Display`](std::fmt::Display).
    ///
    /// ```
    /// use ms_dtyp::AccessMask;
    /// let m = AccessMask::GENERIC_READ | AccessMask::GENERIC_EXECUTE;
    /// assert_eq!(m.0, 0xA000_0000);
    /// assert_eq!(m.to_string(), "GENERIC_READ | GENERIC_EXECUTE");
    /// assert_eq!(AccessMask(0x0012_0089).to_string(), "SYNCHRONIZE | READ_CONTROL | 0x89");
    /// ```
    pub struct AccessMask: u32 {
        /// GR GENERIC_READ.
        const GENERIC_READ = 0x8000_0000 => "GENERIC_READ";
        /// GW GENERIC_WRITE.
        const GENERIC_WRITE = 0x4000_0000 => "GENERIC_WRITE";
        /// GX GENERIC_EXECUTE.
        const GENERIC_EXECUTE = 0x2000_0000 => "GENERIC_EXECUTE";
        /// GA GENERIC_ALL.
        const GENERIC_ALL = 0x1000_0000 => "GENERIC_ALL";
        /// MA MAXIMUM_ALLOWED (requests only; SHOULD NOT be set in an ACE).
        const MAXIMUM_ALLOWED = 0x0200_0000 => "MAXIMUM_ALLOWED";
        /// AS ACCESS_SYSTEM_SECURITY: the right to read or change the SACL.
        const ACCESS_SYSTEM_SECURITY = 0x0100_0000 => "ACCESS_SYSTEM_SECURITY";
        /// SY SYNCHRONIZE.
        const SYNCHRONIZE = 0x0010_0000 => "SYNCHRONIZE";
        /// WO WRITE_OWNER.
        const WRITE_OWNER = 0x0008_0000 => "WRITE_OWNER";
        /// WD WRITE_DACL.
        const WRITE_DACL = 0x0004_0000 => "WRITE_DACL";
        /// RC READ_CONTROL.
        const READ_CONTROL = 0x0002_0000 => "READ_CONTROL";
        /// DE DELETE.
        const DELETE = 0x0001_0000 => "DELETE";
    }
}

impl AccessMask {
    /// ADS_RIGHT_DS_CREATE_CHILD ([MS-DTYP] 2.4.4.3; object ACEs).
    pub const ADS_RIGHT_DS_CREATE_CHILD: AccessMask = AccessMask(0x0000_0001);
    /// ADS_RIGHT_DS_DELETE_CHILD ([MS-DTYP] 2.4.4.3; object ACEs).
    pub const ADS_RIGHT_DS_DELETE_CHILD: AccessMask = AccessMask(0x0000_0002);
    /// ADS_RIGHT_DS_SELF: a validated write ([MS-DTYP] 2.4.4.3).
    pub const ADS_RIGHT_DS_SELF: AccessMask = AccessMask(0x0000_0008);
    /// ADS_RIGHT_DS_READ_PROP ([MS-DTYP] 2.4.4.3).
    pub const ADS_RIGHT_DS_READ_PROP: AccessMask = AccessMask(0x0000_0010);
    /// ADS_RIGHT_DS_WRITE_PROP ([MS-DTYP] 2.4.4.3).
    pub const ADS_RIGHT_DS_WRITE_PROP: AccessMask = AccessMask(0x0000_0020);
    /// ADS_RIGHT_DS_CONTROL_ACCESS: an extended right ([MS-DTYP] 2.4.4.3).
    pub const ADS_RIGHT_DS_CONTROL_ACCESS: AccessMask = AccessMask(0x0000_0100);
    /// SYSTEM_MANDATORY_LABEL_NO_WRITE_UP ([MS-DTYP] 2.4.4.13).
    pub const SYSTEM_MANDATORY_LABEL_NO_WRITE_UP: AccessMask = AccessMask(0x0000_0001);
    /// SYSTEM_MANDATORY_LABEL_NO_READ_UP ([MS-DTYP] 2.4.4.13).
    pub const SYSTEM_MANDATORY_LABEL_NO_READ_UP: AccessMask = AccessMask(0x0000_0002);
    /// SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP ([MS-DTYP] 2.4.4.13).
    pub const SYSTEM_MANDATORY_LABEL_NO_EXECUTE_UP: AccessMask = AccessMask(0x0000_0004);

    /// The object-specific low 16 bits.
    pub const fn object_specific(self) -> u16 {
        self.0 as u16
    }
}
