//! The event model: one [`Event`] per WBXML token, borrowing its strings
//! and opaque data from the input ([WBXML 1.3] 5.8 Token Structure).
//!
//! A sequence of events says everything the bytes say, including the
//! choices an encoder made: `STR_I` vs `STR_T`, where `SWITCH_PAGE` tokens
//! stand (even redundant ones), content and attribute flags. Encoding the
//! events of a decoded document ([`crate::Document::encode`]) gives the
//! input back byte for byte.

use crate::codepages::{self, TagDef};

/// An element's tag token on a code page, with its flags
/// ([WBXML 1.3] 5.8.2 Tag Code Space).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Tag {
    /// The tag code page in force (set by the last `SWITCH_PAGE`).
    pub page: u8,
    /// The 6-bit token (0x05..=0x3F).
    pub token: u8,
    /// Bit 6: the element has content, closed by `END`.
    pub content: bool,
    /// Bit 7: the element has an attribute list, closed by `END`.
    pub attributes: bool,
}

impl Tag {
    /// A tag on `page` with `token`, without attributes.
    pub const fn new(page: u8, token: u8, content: bool) -> Tag {
        Tag {
            page,
            token: token & 0x3F,
            content,
            attributes: false,
        }
    }

    /// The wire byte: token and flag bits.
    #[inline]
    pub const fn byte(self) -> u8 {
        (self.token & 0x3F)
            | if self.content { 0x40 } else { 0 }
            | if self.attributes { 0x80 } else { 0 }
    }

    /// The [MS-ASWBXML] definition, if the page and token are known.
    #[inline]
    pub fn def(self) -> Option<&'static TagDef> {
        codepages::tag(self.page, self.token)
    }

    /// `Namespace:Name` for display (`cpN:0xTT` when unknown).
    pub fn display_name(self) -> String {
        match self.def() {
            Some(d) => {
                let ns = codepages::page(self.page).map_or("?", |p| p.namespace);
                format!("{ns}:{}", d.name)
            }
            None => match codepages::page(self.page) {
                Some(p) => format!("{}:0x{:02X}", p.namespace, self.token),
                None => format!("cp{}:0x{:02X}", self.page, self.token),
            },
        }
    }
}

/// One WBXML token with its data ([WBXML 1.3] 5.8.4 Global Tokens and
/// 5.8.2 / 5.8.3 tag and attribute code spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// `SWITCH_PAGE` to a code page (of tags in content, of attributes
    /// inside an attribute list).
    SwitchPage(u8),
    /// A tag token: an element starts. With [`Tag::content`] it is closed by
    /// an [`Event::End`]; with [`Tag::attributes`] its attribute list comes
    /// first, also closed by an [`Event::End`].
    Start(Tag),
    /// `LITERAL`, `LITERAL_C`, `LITERAL_A`, `LITERAL_AC` in content: an
    /// element named by the string table.
    LiteralTag {
        /// Offset into the string table.
        index: u32,
        /// The name found there.
        name: &'a [u8],
        /// `LITERAL_C` / `LITERAL_AC`.
        content: bool,
        /// `LITERAL_A` / `LITERAL_AC`.
        attributes: bool,
    },
    /// `END`: closes an element's content, an attribute list or a PI.
    End,
    /// `STR_I`: an inline string (the bytes, without the terminator).
    Str(&'a [u8]),
    /// `STR_T`: a reference into the string table, with the string found there.
    StrT {
        /// Offset into the string table.
        index: u32,
        /// The string at that offset (without the terminator).
        value: &'a [u8],
    },
    /// `ENTITY`: a character by its code point.
    Entity(u32),
    /// `OPAQUE`: binary data.
    Opaque(&'a [u8]),
    /// `EXT_I_0..2`: an extension with an inline string.
    ExtI {
        /// 0, 1 or 2.
        n: u8,
        /// The string.
        value: &'a [u8],
    },
    /// `EXT_T_0..2`: an extension with a string-table index (or integer).
    ExtT {
        /// 0, 1 or 2.
        n: u8,
        /// The value.
        index: u32,
    },
    /// `EXT_0..2`: a single-byte extension.
    Ext(u8),
    /// `PI`: a processing instruction; its target and value follow as an
    /// attribute start and values, closed by [`Event::End`].
    Pi,
    /// An attribute-start token (`< 0x80`) inside an attribute list or PI.
    AttrStart(u8),
    /// `LITERAL` inside an attribute list: an attribute named by the string table.
    AttrLiteral {
        /// Offset into the string table.
        index: u32,
        /// The name found there.
        name: &'a [u8],
    },
    /// An attribute-value token (`>= 0x80`) inside an attribute list or PI.
    AttrValue(u8),
}

impl Event<'_> {
    /// Whether this event is text content (`STR_I`, `STR_T`, `ENTITY`).
    pub fn is_text(&self) -> bool {
        matches!(self, Event::Str(_) | Event::StrT { .. } | Event::Entity(_))
    }
}
