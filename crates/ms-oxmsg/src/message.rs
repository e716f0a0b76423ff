//! [MS-OXMSG] 2.1-2.4: the names and layout shared by reading and writing:
//! storages, the property stream headers, the code page of 8-bit strings.

use ms_oxcdata::PropertyType;
use msox_codec::CodePage;

/// [MS-OXMSG] 2.4.1: which kind of storage a property stream is in, which
/// fixes its header size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 2.4.1.1 the top-level message: 32-byte header.
    TopLevel,
    /// 2.4.1.2 an embedded message storage: 24-byte header.
    Embedded,
    /// 2.4.1.3 a recipient or attachment storage: 8-byte header.
    Object,
}

impl Level {
    /// Header size in bytes.
    pub const fn header_len(self) -> usize {
        match self {
            Level::TopLevel => 32,
            Level::Embedded => 24,
            Level::Object => 8,
        }
    }
}

/// The property stream's name.
pub const PROPERTIES_STREAM: &str = "__properties_version1.0";
/// Prefix of recipient storages (`__recip_version1.0_#00000000`).
pub const RECIP_PREFIX: &str = "__recip_version1.0_#";
/// Prefix of attachment storages (`__attach_version1.0_#00000000`).
pub const ATTACH_PREFIX: &str = "__attach_version1.0_#";
/// The attachment's object storage (PidTagAttachDataObject).
pub const ATTACH_OBJECT: &str = "__substg1.0_3701000D";

/// The name of the value stream of a property (`__substg1.0_0037001F`).
pub(crate) fn substg(tag: u32) -> String {
    format!("__substg1.0_{tag:08X}")
}

/// The Windows ANSI code page for a locale ID (by primary language, and
/// sub-language for Chinese); 1252 for languages written in Latin script.
pub fn ansi_code_page_for_lcid(lcid: u32) -> CodePage {
    CodePage(match lcid & 0x3FF {
        0x11 => 932,
        0x04 => match lcid & 0xFFFF {
            0x0404 | 0x0C04 | 0x1404 => 950,
            _ => 936,
        },
        0x12 => 949,
        0x19 | 0x22 | 0x23 | 0x02 | 0x2F | 0x3F | 0x44 | 0x50 | 0x40 | 0x28 | 0x43 | 0x45 => 1251,
        0x05 | 0x0E | 0x15 | 0x18 | 0x1B | 0x24 | 0x1C => 1250,
        0x1A => match lcid & 0xFFFF {
            0x0C1A | 0x1C1A | 0x201A => 1251,
            _ => 1250,
        },
        0x08 => 1253,
        0x1F | 0x2C => 1254,
        0x0D => 1255,
        0x01 | 0x29 | 0x20 | 0x8C => 1256,
        0x25..=0x27 => 1257,
        0x2A => 1258,
        0x1E => 874,
        _ => 1252,
    })
}

/// How an entry's value is stored ([MS-OXMSG] 2.4.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Storing {
    /// 2.4.2.1 fixed length, in the entry's 8-byte value field.
    Inline,
    /// 2.4.2.2 variable length, in a stream.
    Stream,
    /// 2.4.2.2 multiple-valued, in a stream (and one per value for
    /// variable-size elements).
    Multi,
    /// A type the spec does not define.
    Unknown,
}

pub(crate) fn storing(t: PropertyType) -> Storing {
    use PropertyType as T;
    match t {
        T::Null
        | T::Integer16
        | T::Integer32
        | T::Floating32
        | T::Floating64
        | T::Currency
        | T::FloatingTime
        | T::ErrorCode
        | T::Boolean
        | T::Integer64
        | T::Time => Storing::Inline,
        T::Guid
        | T::String
        | T::String8
        | T::Binary
        | T::Object
        | T::ServerId
        | T::Restriction
        | T::RuleAction => Storing::Stream,
        T::MultipleInteger16
        | T::MultipleInteger32
        | T::MultipleFloating32
        | T::MultipleFloating64
        | T::MultipleCurrency
        | T::MultipleFloatingTime
        | T::MultipleInteger64
        | T::MultipleTime
        | T::MultipleGuid
        | T::MultipleString8
        | T::MultipleString
        | T::MultipleBinary => Storing::Multi,
        _ => Storing::Unknown,
    }
}
