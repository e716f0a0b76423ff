//! [MS-OXCDATA] 2.9 PropertyTag, 2.11.1 property data types, and the
//! property value model shared by every msox crate that carries MAPI
//! properties (ROPs, TNEF, .msg, FastTransfer, NSPI).

use std::fmt;

use ms_dtyp::{FileTime, Guid};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result, String8, Utf16String};

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.11.1 Property Data Types: the 16-bit property type.
    ///
    /// Values the spec does not define are kept as `Unknown`. The
    /// multiple-value flag is `0x1000` ([`PropertyType::MULTIPLE_FLAG`]);
    /// tables may also set the multiple-instance flag `0x2000`
    /// ([`PropertyType::MULTIPLE_INSTANCE_FLAG`], [MS-OXCDATA] 2.11.1 /
    /// MVI columns), which appears here as an `Unknown` value until
    /// stripped with [`PropertyType::without_instance_flag`].
    pub enum PropertyType: u16 {
        /// PtypUnspecified: any type (only in requests for names/IDs).
        Unspecified = 0x0000 => "PtypUnspecified",
        /// PtypNull: a placeholder, no value.
        Null = 0x0001 => "PtypNull",
        /// PtypInteger16: 2 bytes, a 16-bit integer.
        Integer16 = 0x0002 => "PtypInteger16",
        /// PtypInteger32: 4 bytes, a 32-bit integer.
        Integer32 = 0x0003 => "PtypInteger32",
        /// PtypFloating32: 4 bytes, IEEE 754 single.
        Floating32 = 0x0004 => "PtypFloating32",
        /// PtypFloating64: 8 bytes, IEEE 754 double.
        Floating64 = 0x0005 => "PtypFloating64",
        /// PtypCurrency: 8 bytes, signed, scaled by 10,000.
        Currency = 0x0006 => "PtypCurrency",
        /// PtypFloatingTime: 8 bytes, days since 1899-12-30 as a double.
        FloatingTime = 0x0007 => "PtypFloatingTime",
        /// PtypErrorCode: 4 bytes, an error code (section 2.4).
        ErrorCode = 0x000A => "PtypErrorCode",
        /// PtypBoolean: 1 byte, 0 or 1.
        Boolean = 0x000B => "PtypBoolean",
        /// PtypObject / PtypEmbeddedTable: an object (embedded message, OLE storage).
        Object = 0x000D => "PtypObject",
        /// PtypInteger64: 8 bytes, a 64-bit integer.
        Integer64 = 0x0014 => "PtypInteger64",
        /// PtypString8: 8-bit characters in a code page, null-terminated.
        String8 = 0x001E => "PtypString8",
        /// PtypString: UTF-16LE characters, null-terminated.
        String = 0x001F => "PtypString",
        /// PtypTime: 8 bytes, a FILETIME.
        Time = 0x0040 => "PtypTime",
        /// PtypGuid: 16 bytes, a GUID.
        Guid = 0x0048 => "PtypGuid",
        /// PtypServerId: a 16-bit count, then a ServerId (section 2.11.1.4).
        ServerId = 0x00FB => "PtypServerId",
        /// PtypRestriction: a restriction (section 2.12).
        Restriction = 0x00FD => "PtypRestriction",
        /// PtypRuleAction: rule actions ([MS-OXORULE] 2.2.5).
        RuleAction = 0x00FE => "PtypRuleAction",
        /// PtypBinary: a count, then that many bytes.
        Binary = 0x0102 => "PtypBinary",
        /// PtypMultipleInteger16.
        MultipleInteger16 = 0x1002 => "PtypMultipleInteger16",
        /// PtypMultipleInteger32.
        MultipleInteger32 = 0x1003 => "PtypMultipleInteger32",
        /// PtypMultipleFloating32.
        MultipleFloating32 = 0x1004 => "PtypMultipleFloating32",
        /// PtypMultipleFloating64.
        MultipleFloating64 = 0x1005 => "PtypMultipleFloating64",
        /// PtypMultipleCurrency.
        MultipleCurrency = 0x1006 => "PtypMultipleCurrency",
        /// PtypMultipleFloatingTime.
        MultipleFloatingTime = 0x1007 => "PtypMultipleFloatingTime",
        /// PtypMultipleInteger64.
        MultipleInteger64 = 0x1014 => "PtypMultipleInteger64",
        /// PtypMultipleString8.
        MultipleString8 = 0x101E => "PtypMultipleString8",
        /// PtypMultipleString.
        MultipleString = 0x101F => "PtypMultipleString",
        /// PtypMultipleTime.
        MultipleTime = 0x1040 => "PtypMultipleTime",
        /// PtypMultipleGuid.
        MultipleGuid = 0x1048 => "PtypMultipleGuid",
        /// PtypMultipleBinary.
        MultipleBinary = 0x1102 => "PtypMultipleBinary",
    }
}

impl PropertyType {
    /// The multiple-value flag (MV_FLAG).
    pub const MULTIPLE_FLAG: u16 = 0x1000;
    /// The multiple-instance flag (MV_INSTANCE) used in table columns.
    pub const MULTIPLE_INSTANCE_FLAG: u16 = 0x2000;

    /// Whether this is a PtypMultiple* type.
    pub const fn is_multiple(self) -> bool {
        self.value() & Self::MULTIPLE_FLAG != 0
    }

    /// For a multiple type, the type of one element; otherwise `self`.
    pub const fn element_type(self) -> PropertyType {
        if self.is_multiple() {
            PropertyType::from_value(self.value() & !Self::MULTIPLE_FLAG)
        } else {
            self
        }
    }

    /// The type with the multiple-instance flag cleared.
    pub const fn without_instance_flag(self) -> PropertyType {
        PropertyType::from_value(self.value() & !Self::MULTIPLE_INSTANCE_FLAG)
    }

    /// Size in bytes of a value of a fixed-size type as [MS-OXCDATA] 2.11.1
    /// lists it (`None` for variable-size and unknown types).
    pub const fn fixed_size(self) -> Option<usize> {
        Some(match self {
            PropertyType::Integer16 => 2,
            PropertyType::Integer32 | PropertyType::Floating32 | PropertyType::ErrorCode => 4,
            PropertyType::Floating64
            | PropertyType::Currency
            | PropertyType::FloatingTime
            | PropertyType::Integer64
            | PropertyType::Time => 8,
            PropertyType::Boolean => 1,
            PropertyType::Guid => 16,
            _ => return None,
        })
    }
}

/// [MS-OXCDATA] 2.9 PropertyTag: a property type and a property ID.
///
/// On the wire it is the PropertyType (2 bytes) followed by the PropertyId
/// (2 bytes), i.e. the little-endian 32-bit value `id << 16 | type`, which
/// is how tags are usually written (`0x0037001F` is PidTagSubject).
///
/// ```
/// use ms_oxcdata::{PropertyTag, PropertyType};
/// use msox_codec::{Decode, Encode};
/// let tag = PropertyTag::from_u32(0x0037_001F);
/// assert_eq!(tag, PropertyTag::new(0x0037, PropertyType::String));
/// assert_eq!(tag.to_vec().unwrap(), [0x1F, 0x00, 0x37, 0x00]);
/// assert_eq!(tag.to_string(), "0x0037001F");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyTag {
    /// PropertyId: 0x0001-0x7FFF tagged, 0x8000-0xFFFE named (mapped per store).
    pub id: u16,
    /// PropertyType.
    pub prop_type: PropertyType,
}

impl PropertyTag {
    /// A tag from its parts.
    pub const fn new(id: u16, prop_type: PropertyType) -> Self {
        PropertyTag { id, prop_type }
    }

    /// From the 32-bit form `id << 16 | type`.
    pub const fn from_u32(v: u32) -> Self {
        PropertyTag {
            id: (v >> 16) as u16,
            prop_type: PropertyType::from_value(v as u16),
        }
    }

    /// The 32-bit form `id << 16 | type`.
    pub const fn to_u32(self) -> u32 {
        (self.id as u32) << 16 | self.prop_type.value() as u32
    }

    /// Whether the ID is in the named-property range (0x8000 and above).
    pub const fn is_named(self) -> bool {
        self.id >= 0x8000
    }

    /// The same ID with another type.
    pub const fn with_type(self, prop_type: PropertyType) -> Self {
        PropertyTag {
            id: self.id,
            prop_type,
        }
    }
}

impl fmt::Display for PropertyTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "0x{:08X}", self.to_u32())
    }
}

impl fmt::Debug for PropertyTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PropertyTag(0x{:04X}, {})", self.id, self.prop_type)
    }
}

impl<'a> Decode<'a> for PropertyTag {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let t = r.u16()?;
        let id = r.u16()?;
        Ok(PropertyTag::new(id, PropertyType::from_value(t)))
    }
}

impl Encode for PropertyTag {
    fn encoded_len(&self) -> usize {
        4
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.prop_type.value());
        buf.put_u16_le(self.id);
        Ok(())
    }
}

/// A property value: the model every context decodes into and encodes
/// from ([MS-OXCDATA] 2.11.1 lists the types).
///
/// The wire encoding depends on the context (count widths in ROP buffers
/// versus extended rules and MAPI/HTTP, padding in TNEF, streams in .msg);
/// each context has its own codec, all producing this one type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PropertyValue {
    /// PtypNull.
    Null,
    /// PtypInteger16.
    Integer16(i16),
    /// PtypInteger32.
    Integer32(i32),
    /// PtypFloating32.
    Floating32(f32),
    /// PtypFloating64.
    Floating64(f64),
    /// PtypCurrency (the raw scaled integer: value × 10,000).
    Currency(i64),
    /// PtypFloatingTime (days since 1899-12-30).
    FloatingTime(f64),
    /// PtypErrorCode (section 2.4).
    ErrorCode(u32),
    /// PtypBoolean.
    Boolean(bool),
    /// PtypObject: the object's bytes as the context carries them (an
    /// embedded message or OLE storage is interpreted by the format crate).
    Object(Vec<u8>),
    /// PtypInteger64.
    Integer64(i64),
    /// PtypString8, without its terminator.
    String8(String8),
    /// PtypString, without its terminator.
    String(Utf16String),
    /// PtypTime.
    Time(FileTime),
    /// PtypGuid.
    Guid(Guid),
    /// PtypServerId: the ServerId bytes (section 2.11.1.4), without the count.
    ServerId(Vec<u8>),
    /// PtypRestriction: the restriction, decoded (so it is written correctly
    /// into any context: 16-bit counts in ROP buffers, 32-bit in extended
    /// rules).
    Restriction(Box<crate::restriction::Restriction>),
    /// PtypRuleAction ([MS-OXORULE] 2.2.5): the rule actions' bytes in the
    /// encoding they were read in; writing them into another encoding is an
    /// error, never a silent re-labelling.
    RuleAction {
        /// The RuleAction bytes (NoOfActions and the ActionBlocks).
        bytes: Vec<u8>,
        /// The encoding they are in.
        encoding: crate::context::ValueEncoding,
    },
    /// PtypBinary, without the count.
    Binary(Vec<u8>),
    /// PtypMultipleInteger16.
    MultipleInteger16(Vec<i16>),
    /// PtypMultipleInteger32.
    MultipleInteger32(Vec<i32>),
    /// PtypMultipleFloating32.
    MultipleFloating32(Vec<f32>),
    /// PtypMultipleFloating64.
    MultipleFloating64(Vec<f64>),
    /// PtypMultipleCurrency.
    MultipleCurrency(Vec<i64>),
    /// PtypMultipleFloatingTime.
    MultipleFloatingTime(Vec<f64>),
    /// PtypMultipleInteger64.
    MultipleInteger64(Vec<i64>),
    /// PtypMultipleString8.
    MultipleString8(Vec<String8>),
    /// PtypMultipleString.
    MultipleString(Vec<Utf16String>),
    /// PtypMultipleTime.
    MultipleTime(Vec<FileTime>),
    /// PtypMultipleGuid.
    MultipleGuid(Vec<Guid>),
    /// PtypMultipleBinary.
    MultipleBinary(Vec<Vec<u8>>),
    /// A value kept as the bytes it was read from, because its type is not
    /// one the spec defines, or its bytes break its type's rules (a
    /// PtypBoolean other than 0 or 1). Lenient decoding produces it with a
    /// defect; it is written back unchanged into the encoding it was read
    /// in, and writing it into another encoding is an error.
    Raw {
        /// The property type as read.
        prop_type: PropertyType,
        /// The value's bytes, as the context delimited them.
        bytes: Vec<u8>,
        /// The encoding they are in.
        encoding: crate::context::ValueEncoding,
    },
}

impl PropertyValue {
    /// The property type of this value.
    pub fn prop_type(&self) -> PropertyType {
        use PropertyValue as V;
        match self {
            V::Null => PropertyType::Null,
            V::Integer16(_) => PropertyType::Integer16,
            V::Integer32(_) => PropertyType::Integer32,
            V::Floating32(_) => PropertyType::Floating32,
            V::Floating64(_) => PropertyType::Floating64,
            V::Currency(_) => PropertyType::Currency,
            V::FloatingTime(_) => PropertyType::FloatingTime,
            V::ErrorCode(_) => PropertyType::ErrorCode,
            V::Boolean(_) => PropertyType::Boolean,
            V::Object(_) => PropertyType::Object,
            V::Integer64(_) => PropertyType::Integer64,
            V::String8(_) => PropertyType::String8,
            V::String(_) => PropertyType::String,
            V::Time(_) => PropertyType::Time,
            V::Guid(_) => PropertyType::Guid,
            V::ServerId(_) => PropertyType::ServerId,
            V::Restriction(_) => PropertyType::Restriction,
            V::RuleAction { .. } => PropertyType::RuleAction,
            V::Binary(_) => PropertyType::Binary,
            V::MultipleInteger16(_) => PropertyType::MultipleInteger16,
            V::MultipleInteger32(_) => PropertyType::MultipleInteger32,
            V::MultipleFloating32(_) => PropertyType::MultipleFloating32,
            V::MultipleFloating64(_) => PropertyType::MultipleFloating64,
            V::MultipleCurrency(_) => PropertyType::MultipleCurrency,
            V::MultipleFloatingTime(_) => PropertyType::MultipleFloatingTime,
            V::MultipleInteger64(_) => PropertyType::MultipleInteger64,
            V::MultipleString8(_) => PropertyType::MultipleString8,
            V::MultipleString(_) => PropertyType::MultipleString,
            V::MultipleTime(_) => PropertyType::MultipleTime,
            V::MultipleGuid(_) => PropertyType::MultipleGuid,
            V::MultipleBinary(_) => PropertyType::MultipleBinary,
            V::Raw { prop_type, .. } => *prop_type,
        }
    }

    /// The text of a PtypString or PtypString8 value (lossy for invalid data).
    pub fn as_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            PropertyValue::String(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
            PropertyValue::String8(s) => Some(s.to_string_lossy()),
            _ => None,
        }
    }

    /// The bytes of a PtypBinary value.
    pub fn as_binary(&self) -> Option<&[u8]> {
        match self {
            PropertyValue::Binary(b) => Some(b),
            _ => None,
        }
    }

    /// An integer value (PtypInteger16/32/64, PtypBoolean as 0/1, PtypErrorCode).
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            PropertyValue::Integer16(v) => Some(v.into()),
            PropertyValue::Integer32(v) => Some(v.into()),
            PropertyValue::Integer64(v) => Some(v),
            PropertyValue::Boolean(b) => Some(b.into()),
            PropertyValue::ErrorCode(v) => Some(v.into()),
            _ => None,
        }
    }

    /// The time of a PtypTime value.
    pub fn as_time(&self) -> Option<FileTime> {
        match *self {
            PropertyValue::Time(t) => Some(t),
            _ => None,
        }
    }

    /// The flag of a PtypBoolean value.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            PropertyValue::Boolean(b) => Some(b),
            _ => None,
        }
    }
}

/// [MS-OXCDATA] 2.6.1 PropertyName, the model of a named property: a
/// property set GUID and either a 32-bit LID or a string name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyName {
    /// The property set (GUID).
    pub guid: Guid,
    /// LID or name.
    pub id: NameId,
}

/// How a named property is identified within its property set.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NameId {
    /// Kind 0x00 (MNID_ID): a 32-bit LID.
    Lid(u32),
    /// Kind 0x01 (MNID_STRING): a UTF-16 name.
    Name(Utf16String),
}

impl PropertyName {
    /// A named property identified by LID.
    pub const fn lid(guid: Guid, lid: u32) -> Self {
        PropertyName {
            guid,
            id: NameId::Lid(lid),
        }
    }

    /// A named property identified by name.
    pub fn name(guid: Guid, name: impl Into<Utf16String>) -> Self {
        PropertyName {
            guid,
            id: NameId::Name(name.into()),
        }
    }
}

impl fmt::Display for PropertyName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.id {
            NameId::Lid(l) => write!(f, "{{{}}}:0x{l:04X}", self.guid),
            NameId::Name(n) => write!(f, "{{{}}}:{:?}", self.guid, n.as_str()),
        }
    }
}

/// [MS-OXCDATA] 2.11.4 TaggedPropertyValue, as a model: a tag and its value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TaggedValue {
    /// The property tag.
    pub tag: PropertyTag,
    /// The value.
    pub value: PropertyValue,
}
