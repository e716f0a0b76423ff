//! [MS-OXCDATA] 2.11.1.1 the context property values are laid out in: the
//! width of each COUNT, the code page of 8-bit strings, and which encoding
//! family the bytes belong to. Its own module, below values and
//! restrictions, so neither depends on the other for it.

use msox_codec::{CodePage, CountWidth};

/// The encoding family a property value's bytes belong to. A value kept
/// as bytes ([`crate::PropertyValue::Raw`], a PtypRuleAction value) can be
/// written back only into the encoding it was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum ValueEncoding {
    /// ROP buffers ([MS-OXCROPS]).
    Rop,
    /// Extended rules ([MS-OXORULE] 2.2.4) and MAPI/HTTP bodies
    /// ([MS-OXCMAPIHTTP] 2.2.5): 32-bit counts.
    ExtendedRule,
    /// FastTransfer streams ([MS-OXCFXICS] 2.2.4).
    FastTransfer,
    /// NSPI / address book values ([MS-OXNSPI]).
    Nspi,
    /// TNEF encapsulated properties ([MS-OXTNEF] 2.1.3.4).
    Tnef,
    /// .msg property streams ([MS-OXMSG] 2.4).
    Msg,
    /// Offline address book records ([MS-OXOAB]).
    Oab,
}

/// How property values are laid out in the buffer at hand: the width of
/// each kind of COUNT ([MS-OXCDATA] 2.11.1.1), the code page of 8-bit
/// strings, and the encoding family.
///
/// [MS-OXCDATA] 2.11.1: in ROP buffers, byte counts of PtypBinary values
/// are 16 bits and value counts of PtypMultiple* values are 32 bits
/// ([`ValueContext::ROP`]); in extended rules ([MS-OXORULE] 2.2.4) and
/// MAPI/HTTP both are 32 bits ([`ValueContext::EXTENDED_RULE`]). Restriction
/// counts (2.12.1) and rule-action counts ([MS-OXORULE] 2.2.5) are 16 bits in
/// ROPs and 32 bits in extended rules.
///
/// Limits (counts, depth, allocation) are not part of the context: they
/// come from the decoding session ([`msox_codec::Options`]).
///
/// ```
/// use ms_oxcdata::{PropertyType, PropertyValue, ValueContext};
/// use msox_codec::DecodeWith;
/// let rop = PropertyValue::decode_exact_with(&[2, 0, 0xAB, 0xCD], (PropertyType::Binary, ValueContext::ROP)).unwrap();
/// assert_eq!(rop, PropertyValue::Binary(vec![0xAB, 0xCD]));
/// let ext = PropertyValue::decode_exact_with(&[2, 0, 0, 0, 0xAB, 0xCD], (PropertyType::Binary, ValueContext::EXTENDED_RULE)).unwrap();
/// assert_eq!(ext, rop);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValueContext {
    /// Width of the COUNT before PtypBinary (and PtypObject) bytes, also
    /// before each element of a PtypMultipleBinary value.
    pub binary_count: CountWidth,
    /// Width of the COUNT before the values of a PtypMultiple* value.
    pub multi_count: CountWidth,
    /// Width of RestrictCount (2.12.1, 2.12.2) in restrictions, and of
    /// NoOfActions / ActionLength in PtypRuleAction values.
    pub restriction_count: CountWidth,
    /// Code page of PtypString8 values.
    pub code_page: CodePage,
    /// The encoding family (what a value kept as bytes may be written back into).
    pub encoding: ValueEncoding,
}

impl ValueContext {
    /// ROP buffers ([MS-OXCROPS]): 16-bit binary counts, 32-bit multivalue
    /// counts, 16-bit restriction counts, windows-1252 strings.
    pub const ROP: ValueContext = ValueContext {
        binary_count: CountWidth::U16,
        multi_count: CountWidth::U32,
        restriction_count: CountWidth::U16,
        code_page: CodePage::WINDOWS_1252,
        encoding: ValueEncoding::Rop,
    };

    /// Extended rules ([MS-OXORULE] 2.2.4) and MAPI/HTTP
    /// ([MS-OXCMAPIHTTP] 2.2.5): every count 32 bits.
    pub const EXTENDED_RULE: ValueContext = ValueContext {
        binary_count: CountWidth::U32,
        multi_count: CountWidth::U32,
        restriction_count: CountWidth::U32,
        code_page: CodePage::WINDOWS_1252,
        encoding: ValueEncoding::ExtendedRule,
    };

    /// The same context with every count of width `w` (the 2.11.1.1 COUNT
    /// taken literally: one width for the whole buffer).
    pub const fn with_all_counts(mut self, w: CountWidth) -> Self {
        self.binary_count = w;
        self.multi_count = w;
        self.restriction_count = w;
        self
    }

    /// The same context with 8-bit strings in code page `cp`.
    pub const fn with_code_page(mut self, cp: CodePage) -> Self {
        self.code_page = cp;
        self
    }

    /// The same context marked as encoding family `e`.
    pub const fn with_encoding(mut self, e: ValueEncoding) -> Self {
        self.encoding = e;
        self
    }
}

impl Default for ValueContext {
    fn default() -> Self {
        ValueContext::ROP
    }
}

/// Deepest restriction tree an encoder writes: what a reader with the
/// default limits reads back ([`msox_codec::Limits::DEFAULT`]).
pub const MAX_ENCODE_DEPTH: u32 = msox_codec::Limits::DEFAULT.max_depth;
