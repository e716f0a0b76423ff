//! [MS-OXOABKT] 2.2.2.1 Template Format: the TRowSet (PidTagTemplateData)
//! with its TRow controls, their CNTRL structures, and the strings the
//! CNTRL structures point at.

use std::borrow::Cow;
use std::fmt;

use ms_oxcdata::PropertyTag;
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, Decode, DecodeWith, Encode, Error, ErrorKind, Reader, Result, String8, Utf16String,
    decode_8bit, fit_u32,
};

/// Size of the TRowSet header (Type and cRows), in bytes.
pub const TROWSET_HEADER_LEN: usize = 8;
/// Size of one TRow structure, in bytes ([MS-OXOABKT] 2.2.2.1.1).
pub const TROW_LEN: usize = 36;
/// Size of one CNTRL structure, in bytes ([MS-OXOABKT] 2.2.2.1.3).
pub const CNTRL_LEN: usize = 12;
/// [MS-OXOABKT] 2.2.2.1.3.1 CNTRL Structure Describing a Label Control:
/// a label's string "MUST NOT be over 128 characters long, including the
/// NULL-terminating character" (so at most 127 characters of text).
/// Decoding keeps longer labels as read; [`TemplateBuilder::build`]
/// refuses them. The other controls' limits: [`ControlType::max_string_len`].
pub const LABEL_MAX_CHARS: usize = 128;

msox_codec::wire_enum! {
    /// [MS-OXOABKT] 2.2.2.1.1 TRowSet Structure: the `Type` field. The spec
    /// says it MUST be 0x00000001; other values are kept (see
    /// [`Template::Other`]).
    pub enum TemplateType: u32 {
        /// A TRowSet of 36-byte TRow structures.
        TRowSet = 0x0000_0001 => "TRowSet",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXOABKT] 2.2.2.1.2 TRow Structure: the `ControlType` field, the
    /// kind of dialog control a row describes.
    ///
    /// 2.2.2.1.2 says the field "MUST be one of the values listed in the
    /// following table", but that table is not in the text available here
    /// (2.2.2.1.2 as quoted in a public source file, without the table), so
    /// the values and names are the MAPI display-table ones (`DTCT_*`,
    /// mapidefs.h), checked against real templates and against what the
    /// spec does say: 2.2.2.1.2 calls 0x00000008 the "tabbed page
    /// control"; the section 4 NspiGetTemplateInfo example's first row
    /// (string "General") has type 0x8 and its second ("Name", a frame at
    /// 6,3 sized 0x167 by 0x29) type 0x6 ([`ControlType::GroupBox`]).
    /// 2.2.2.1.3.1 to 2.2.2.1.3.9 describe the CNTRL of nine controls:
    /// label, edit, list box, check box, group box, button, tabbed page,
    /// multi-valued list box, multi-valued drop-down list box. Combo box
    /// (0x3), drop-down list box (0x4) and radio button (0x9) are MAPI
    /// types the spec does not describe. Unknown values are kept.
    pub enum ControlType: u32 {
        /// Label control: static text. [MS-OXOABKT] 2.2.2.1.3.1: `dwType`
        /// MUST be 0 (and is ignored), `ulSize` SHOULD be 0 (and is
        /// ignored), the string is the label text, at most
        /// [`LABEL_MAX_CHARS`] characters with its terminator.
        Label = 0x0000_0000 => "DTCT_LABEL",
        /// Edit control. 2.2.2.1.3.2: `dwType` is the property entered,
        /// `ulSize` the number of characters allowed, the string the
        /// allowed-characters expression (2.2.2.1.3.2.1), at most 15
        /// characters with its terminator.
        TextBox = 0x0000_0001 => "DTCT_EDIT",
        /// List box control. 2.2.2.1.3.3: `dwType` is the property of the
        /// table that fills it (and to which its data SHOULD be saved);
        /// `ulSize` SHOULD be 0 (ignored); the string MUST be "*" (ignored).
        ListBox = 0x0000_0002 => "DTCT_LBX",
        /// Combo box control (MAPI; not described by the spec).
        ComboBox = 0x0000_0003 => "DTCT_COMBOBOX",
        /// Drop-down list box control (MAPI; not described by the spec).
        DropDownListBox = 0x0000_0004 => "DTCT_DDLBX",
        /// Check box control. 2.2.2.1.3.4: `dwType` is the property it
        /// represents; `ulSize` SHOULD be 0 (ignored); the string is its
        /// label, at most 128 bytes with its terminator.
        CheckBox = 0x0000_0005 => "DTCT_CHECKBOX",
        /// Group box control. 2.2.2.1.3.5: `dwType` and `ulSize` SHOULD be
        /// 0 (ignored); the string is its label, at most 128 bytes with
        /// its terminator.
        GroupBox = 0x0000_0006 => "DTCT_GROUPBOX",
        /// Button control. 2.2.2.1.3.6: `dwType` is the property used to
        /// perform an action and MUST be PidTagAddressBookManageDistributionList
        /// (other values are ignored); `ulSize` MUST be 0 (ignored); the
        /// string is its label, at most 128 bytes with its terminator.
        Button = 0x0000_0007 => "DTCT_BUTTON",
        /// Tabbed page control (2.2.2.1.2: 0x00000008; its `ControlFlags`
        /// MUST be ignored). 2.2.2.1 Template Format: the controls after a
        /// page control go on that page. 2.2.2.1.3.7: `dwType` and `ulSize`
        /// SHOULD be 0 (ignored); the string is the tab's label, at most
        /// 32 bytes with its terminator.
        TabPage = 0x0000_0008 => "DTCT_PAGE",
        /// Radio button control (MAPI; not described by the spec).
        RadioButton = 0x0000_0009 => "DTCT_RADIOBUTTON",
        /// Multi-valued list box control. 2.2.2.1.3.8: `dwType` is the
        /// multi-valued property shown; `ulSize` SHOULD be 0 (ignored);
        /// the string MUST be "*" (ignored).
        MultiValuedListBox = 0x0000_000B => "DTCT_MVLISTBOX",
        /// Multi-valued drop-down list box control. 2.2.2.1.3.9: `dwType`
        /// is the multi-valued property shown; `ulSize` is ignored; the
        /// string MUST be "*" (ignored). (Real templates give these
        /// `ulString` 0, no string.)
        MultiValuedDropDownListBox = 0x0000_000C => "DTCT_MVDDLBX",
    }
}

impl ControlType {
    /// Whether the CNTRL `dwType` of this control type holds a property
    /// tag (the property the control shows or edits) rather than zero:
    /// every type except labels, group boxes and tab pages, and unknown types.
    /// From [MS-OXOABKT] 2.2.2.1.3.1 to 2.2.2.1.3.9 (see each
    /// [`ControlType`] variant) for the nine controls they describe, and
    /// from the MAPI display-table structures for combo boxes, drop-down
    /// list boxes and radio buttons.
    pub const fn binds_property(self) -> bool {
        self.is_known()
            && !matches!(
                self,
                ControlType::Label | ControlType::GroupBox | ControlType::TabPage
            )
    }

    /// What the CNTRL `ulString` of this control type holds
    /// ([MS-OXOABKT] 2.2.2.1.3.1 to 2.2.2.1.3.9; MAPI for the three types
    /// the spec does not describe).
    pub const fn string_role(self) -> StringRole {
        match self {
            ControlType::Label
            | ControlType::CheckBox
            | ControlType::GroupBox
            | ControlType::Button
            | ControlType::TabPage
            | ControlType::RadioButton => StringRole::Caption,
            ControlType::TextBox | ControlType::ComboBox | ControlType::DropDownListBox => {
                StringRole::CharacterFilter
            }
            ControlType::ListBox
            | ControlType::MultiValuedListBox
            | ControlType::MultiValuedDropDownListBox => StringRole::Ignored,
            _ => StringRole::Unknown,
        }
    }

    /// The most a string of this control type may take, terminator
    /// included ([MS-OXOABKT] 2.2.2.1.3.1 to 2.2.2.1.3.7): 128 characters
    /// for labels, 15 characters for edit filters, 128 bytes for check
    /// boxes, group boxes and buttons, 32 bytes for tabbed pages. `None`
    /// when the spec gives no limit. [`TemplateBuilder::build`] enforces
    /// it (as bytes of 8-bit text, and as characters of UTF-16 text);
    /// decoding keeps whatever is stored.
    pub const fn max_string_len(self) -> Option<usize> {
        match self {
            ControlType::Label => Some(LABEL_MAX_CHARS),
            ControlType::TextBox => Some(15),
            ControlType::CheckBox | ControlType::GroupBox | ControlType::Button => Some(128),
            ControlType::TabPage => Some(32),
            _ => None,
        }
    }
}

/// [MS-OXOABKT] 2.2.2.1.3 Buffer Format of the CNTRL Structure: what the
/// string a `ulString` offset points at means for a control type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StringRole {
    /// Text shown to the user (label, caption, tab title). [MS-OXOABKT]
    /// 2.2.2.1.3: `&` makes the character after it the shortcut key that
    /// selects the control (or, when the control cannot be selected, the
    /// control after it); `&&` is a literal ampersand.
    Caption,
    /// The characters the user may type. [MS-OXOABKT] 2.2.2.1.3.2.1
    /// Expression Syntax for Allowed Characters: `*` allows any
    /// character; otherwise `"[" *1("~") 1*(char-val / char-val "-"
    /// char-val) "]"`, where a leading `~` lists the characters that are
    /// not allowed, `a-z` is a range and `\` makes the next character
    /// literal (e.g. `[AFT-Z]`, `[~\[Z]`).
    CharacterFilter,
    /// A string the spec fixes and tells readers to ignore: list boxes and
    /// multi-valued list and drop-down list boxes ([MS-OXOABKT]
    /// 2.2.2.1.3.3, 2.2.2.1.3.8, 2.2.2.1.3.9: "MUST be a string that
    /// contains only the character "*" and MUST be ignored").
    Ignored,
    /// A control type this crate does not know.
    Unknown,
}

/// [MS-OXOABKT] 2.2.2.1.2 TRow Structure: the `ControlFlags` field, a bit
/// mask. Unknown bits are kept.
///
/// 2.2.2.1.2 (as quoted in a public source file, without its flag table):
/// the field "MUST contain any combination of the bits that are specified
/// in the following table for all values of the ControlType field, except
/// for 0x00000008 (tabbed page control)"; for a tabbed page it "can be any
/// value and MUST be ignored" (the section 4 example's page row has
/// 0x00000CE4). The table itself is not available here, so the names and
/// values are MAPI's `DT_*` control flags.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ControlFlags(pub u32);

impl ControlFlags {
    /// No flags.
    pub const NONE: ControlFlags = ControlFlags(0);
    /// The text box accepts several lines (`DT_MULTILINE`).
    pub const MULTILINE: ControlFlags = ControlFlags(0x0000_0001);
    /// The value can be changed (`DT_EDITABLE`); otherwise read-only.
    pub const EDITABLE: ControlFlags = ControlFlags(0x0000_0002);
    /// A value is required before the dialog is accepted (`DT_REQUIRED`).
    pub const REQUIRED: ControlFlags = ControlFlags(0x0000_0004);
    /// The value is set as soon as it changes (`DT_SET_IMMEDIATE`).
    pub const SET_IMMEDIATE: ControlFlags = ControlFlags(0x0000_0008);
    /// The text box shows asterisks instead of the text (`DT_PASSWORD_EDIT`).
    pub const PASSWORD_EDIT: ControlFlags = ControlFlags(0x0000_0010);
    /// The control accepts double-byte characters (`DT_ACCEPT_DBCS`).
    pub const ACCEPT_DBCS: ControlFlags = ControlFlags(0x0000_0020);
    /// A list box selection sets the index column as a property (`DT_SET_SELECTION`).
    pub const SET_SELECTION: ControlFlags = ControlFlags(0x0000_0040);

    /// Every named flag with its name, in bit order.
    pub const NAMED: &'static [(ControlFlags, &'static str)] = &[
        (Self::MULTILINE, "DT_MULTILINE"),
        (Self::EDITABLE, "DT_EDITABLE"),
        (Self::REQUIRED, "DT_REQUIRED"),
        (Self::SET_IMMEDIATE, "DT_SET_IMMEDIATE"),
        (Self::PASSWORD_EDIT, "DT_PASSWORD_EDIT"),
        (Self::ACCEPT_DBCS, "DT_ACCEPT_DBCS"),
        (Self::SET_SELECTION, "DT_SET_SELECTION"),
    ];

    /// The raw value.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every bit of `other` is set.
    pub const fn contains(self, other: ControlFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The bits no named flag covers.
    pub const fn unknown_bits(self) -> u32 {
        self.0 & !0x7F
    }

    /// The names of the set flags, then the unknown bits in hex, if any.
    pub fn names(self) -> Vec<Cow<'static, str>> {
        let mut v: Vec<Cow<'static, str>> = Self::NAMED
            .iter()
            .filter(|(f, _)| self.contains(*f))
            .map(|(_, n)| Cow::Borrowed(*n))
            .collect();
        if self.unknown_bits() != 0 {
            v.push(Cow::Owned(format!("0x{:08X}", self.unknown_bits())));
        }
        v
    }
}

impl std::ops::BitOr for ControlFlags {
    type Output = ControlFlags;
    fn bitor(self, rhs: ControlFlags) -> ControlFlags {
        ControlFlags(self.0 | rhs.0)
    }
}

impl fmt::Debug for ControlFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ControlFlags(0x{:08X})", self.0)
    }
}

impl fmt::Display for ControlFlags {
    /// `DT_EDITABLE | DT_ACCEPT_DBCS`, or `0` when no bit is set.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names = self.names();
        if names.is_empty() {
            return f.write_str("0");
        }
        f.write_str(&names.join(" | "))
    }
}

impl<'a> Decode<'a> for ControlFlags {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ControlFlags", |r| Ok(ControlFlags(r.u32()?)))
    }
}

impl Encode for ControlFlags {
    fn encoded_len(&self) -> usize {
        4
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.0);
        Ok(())
    }
}

/// [MS-OXOABKT] 2.2.2.1.3 Buffer Format of the CNTRL Structure: the 12-byte
/// control structure at the end of every TRow: `dwType` (DWORD), `ulSize`
/// (ULONG), `ulString` (ULONG). The meaning of `dwType` and `ulSize`
/// "varies depending on the control" (2.2.2.1.3.1 to 2.2.2.1.3.9, see the
/// [`ControlType`] variants); all three values are kept as read, also
/// where the spec says MUST be 0.
///
/// The per-control readings this crate offers ([`TRow::property_tag`],
/// [`TRow::max_chars`], [`ControlType::string_role`],
/// [`ControlType::max_string_len`]) follow 2.2.2.1.3.1 (learn.microsoft.com)
/// and 2.2.2.1.3.2 to 2.2.2.1.3.9 (their text as quoted in a public source
/// file; those pages are not in the stored copies used here) for the nine
/// controls the spec describes, and the MAPI display-table structures for
/// combo boxes, drop-down list boxes and radio buttons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cntrl {
    /// `dwType`: zero for labels (MUST), group boxes and tab pages
    /// (SHOULD); the property tag the control is bound to otherwise.
    pub dw_type: u32,
    /// `ulSize`: for edit controls the number of characters allowed
    /// (2.2.2.1.3.2; combo boxes too, per MAPI); zero or ignored otherwise.
    pub ul_size: u32,
    /// `ulString`: "the offset in BYTEs from the base of the TRowSet
    /// structure" (2.2.2.1.3) of a null-terminated string. 0 when the
    /// control has no string (not in the spec text: real templates use it
    /// for multi-valued drop-down lists, and offset 0 is the TRowSet's
    /// own `Type` field, never a string).
    pub ul_string: u32,
}

impl Cntrl {
    /// `dwType` as a property tag ([MS-OXCDATA] 2.9).
    pub const fn property_tag(&self) -> PropertyTag {
        PropertyTag::from_u32(self.dw_type)
    }
}

/// [MS-OXOABKT] 2.2.2.1.3: the CNTRL structure, in a frame named after the
/// TRow field that holds it (`ControlStructure`).
impl<'a> Decode<'a> for Cntrl {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ControlStructure", |r| {
            Ok(Cntrl {
                dw_type: r.u32()?,
                ul_size: r.u32()?,
                ul_string: r.u32()?,
            })
        })
    }
}

impl Encode for Cntrl {
    fn encoded_len(&self) -> usize {
        CNTRL_LEN
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.dw_type);
        buf.put_u32_le(self.ul_size);
        buf.put_u32_le(self.ul_string);
        Ok(())
    }
}

/// [MS-OXOABKT] 2.2.2.1.2 TRow Structure: one control of the dialog, 36
/// bytes. "The display area is measured in pixels": `XPos`/`YPos` are the
/// upper-left corner and `DeltaX`/`DeltaY` the width and height, in pixels
/// (2.2.2.1.2 as quoted in a public source file; the page is not in the
/// stored copies used here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TRow {
    /// `XPos`: X coordinate of the control's upper-left corner, in pixels.
    pub x_pos: u32,
    /// `DeltaX`: width of the control, in pixels.
    pub delta_x: u32,
    /// `YPos`: Y coordinate of the control's upper-left corner, in pixels.
    pub y_pos: u32,
    /// `DeltaY`: height of the control, in pixels.
    pub delta_y: u32,
    /// `ControlType`.
    pub control_type: ControlType,
    /// `ControlFlags`.
    pub control_flags: ControlFlags,
    /// `ControlStructure` (a CNTRL).
    pub control_structure: Cntrl,
}

impl TRow {
    /// A row for a control at `(x, y)` sized `(dx, dy)` with no flags and an
    /// all-zero CNTRL.
    pub const fn new(control_type: ControlType, x: u32, y: u32, dx: u32, dy: u32) -> TRow {
        TRow {
            x_pos: x,
            delta_x: dx,
            y_pos: y,
            delta_y: dy,
            control_type,
            control_flags: ControlFlags::NONE,
            control_structure: Cntrl {
                dw_type: 0,
                ul_size: 0,
                ul_string: 0,
            },
        }
    }

    /// The property the control is bound to, for control types whose
    /// `dwType` holds one ([`ControlType::binds_property`]).
    pub const fn property_tag(&self) -> Option<PropertyTag> {
        if self.control_type.binds_property() {
            Some(self.control_structure.property_tag())
        } else {
            None
        }
    }

    /// The number of characters allowed (`ulSize`) in an edit control
    /// ([MS-OXOABKT] 2.2.2.1.3.2) or a combo box (MAPI).
    pub const fn max_chars(&self) -> Option<u32> {
        match self.control_type {
            ControlType::TextBox | ControlType::ComboBox => Some(self.control_structure.ul_size),
            _ => None,
        }
    }
}

impl<'a> Decode<'a> for TRow {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("TRow", read_trow)
    }
}

/// The fields of a TRow (the caller names the frame: `TRow`, or `TRow[i]`
/// inside a TRowSet).
fn read_trow(r: &mut Reader<'_>) -> Result<TRow> {
    Ok(TRow {
        x_pos: r.u32()?,
        delta_x: r.u32()?,
        y_pos: r.u32()?,
        delta_y: r.u32()?,
        control_type: ControlType::from_value(r.u32()?),
        control_flags: ControlFlags(r.u32()?),
        control_structure: r.decode()?,
    })
}

impl Encode for TRow {
    fn encoded_len(&self) -> usize {
        TROW_LEN
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.x_pos);
        buf.put_u32_le(self.delta_x);
        buf.put_u32_le(self.y_pos);
        buf.put_u32_le(self.delta_y);
        buf.put_u32_le(self.control_type.value());
        buf.put_u32_le(self.control_flags.0);
        self.control_structure.encode(buf)
    }
}

/// [MS-OXOABKT] 2.2.2.1.3: how the strings `ulString` points at are
/// encoded. The spec says a "null-terminated non-Unicode string" that
/// "MUST be in the code page indicated by dwCodePage" of
/// NspiGetTemplateInfo; the section 4 example (dwCodePage 0x4E4, code
/// page 1252) places "Name" 8 bytes after "General", one byte per
/// character and a 1-byte NUL. Not in [MS-OXOABKT]: the real templates
/// this crate is tested with (the ones gromox ships, which its server
/// serves and puts in offline address books) carry UTF-16LE strings. The
/// bytes do not say which, so the caller does (or asks
/// [`TRowSet::guess_encoding`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StringEncoding {
    /// UTF-16LE strings ending in a 2-byte NUL.
    Unicode,
    /// 8-bit strings in a code page, ending in a NUL byte.
    CodePage(CodePage),
}

impl StringEncoding {
    /// Bytes of the NUL terminator.
    pub const fn terminator_len(self) -> usize {
        match self {
            StringEncoding::Unicode => 2,
            StringEncoding::CodePage(_) => 1,
        }
    }
}

impl fmt::Display for StringEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StringEncoding::Unicode => f.write_str("UTF-16LE"),
            StringEncoding::CodePage(cp) => write!(f, "code page {}", cp.0),
        }
    }
}

/// A string of a template, as stored: UTF-16LE or 8-bit in a code page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateString {
    /// A UTF-16LE string.
    Unicode(Utf16String),
    /// An 8-bit string with its code page.
    CodePage(String8),
}

impl TemplateString {
    /// The text (lossy where the bytes are not valid in their encoding).
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        match self {
            TemplateString::Unicode(s) => Cow::Borrowed(s.as_str()),
            TemplateString::CodePage(s) => s.to_string_lossy(),
        }
    }
}

impl fmt::Display for TemplateString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

/// [MS-OXOABKT] 2.2.2.1.1 TRowSet Structure: the template of `Type`
/// 0x00000001 — `cRows` TRow structures followed by the string area that
/// the CNTRL `ulString` offsets point into.
///
/// The string area is kept byte for byte as stored (shared strings,
/// padding and unreferenced bytes included), and offsets are kept as read,
/// so encoding reproduces the input. Offsets count from the start of the
/// TRowSet; the string area starts at `8 + 36 * rows.len()`. Changing the
/// number of rows moves the string area and invalidates the offsets:
/// build new templates with [`TemplateBuilder`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TRowSet {
    /// The rows (`Row1` .. `RowN`).
    pub rows: Vec<TRow>,
    /// Everything after the last row: the strings.
    pub string_area: Vec<u8>,
}

impl TRowSet {
    /// Byte offset (from the start of the TRowSet) where the string area begins.
    pub fn string_area_start(&self) -> usize {
        TROWSET_HEADER_LEN.saturating_add(self.rows.len().saturating_mul(TROW_LEN))
    }

    /// The bytes of the string at `offset` (without the terminator), or an
    /// error when the offset is outside the string area or the string has
    /// no terminator. Offset 0 means "no string" and gives an empty slice.
    pub fn string_bytes(&self, offset: u32, enc: StringEncoding) -> Result<&[u8]> {
        if offset == 0 {
            return Ok(&[]);
        }
        let start = self.string_area_start();
        let rel = (offset as usize)
            .checked_sub(start)
            .filter(|&rel| rel < self.string_area.len())
            .ok_or_else(|| {
                Error::at_offset(
                    ErrorKind::InvalidValue {
                        field: "ulString",
                        value: offset.into(),
                    },
                    offset as usize,
                )
                .context("ControlStructure")
            })?;
        let tail = self.string_area.get(rel..).unwrap_or_default();
        let len = match enc {
            StringEncoding::Unicode => tail
                .chunks_exact(2)
                .position(|c| c == [0, 0])
                .map(|i| i * 2),
            StringEncoding::CodePage(_) => tail.iter().position(|&b| b == 0),
        };
        match len {
            Some(n) => Ok(tail.get(..n).unwrap_or_default()),
            None => Err(Error::at_offset(
                ErrorKind::Malformed(Cow::Borrowed("string has no NUL terminator")),
                offset as usize,
            )
            .context("ControlStructure")),
        }
    }

    /// The string at `offset` in `enc` (see [`TRowSet::string_bytes`]);
    /// `None` for offset 0.
    pub fn string(&self, offset: u32, enc: StringEncoding) -> Result<Option<TemplateString>> {
        if offset == 0 {
            return Ok(None);
        }
        let b = self.string_bytes(offset, enc)?;
        Ok(Some(match enc {
            StringEncoding::Unicode => TemplateString::Unicode(Utf16String::from_le_bytes(b)),
            StringEncoding::CodePage(cp) => TemplateString::CodePage(String8::new(b, cp)),
        }))
    }

    /// The string of a row's CNTRL (`ulString`), as text (lossy where the
    /// bytes are not valid); `None` when the row has no string.
    pub fn row_text(&self, row: &TRow, enc: StringEncoding) -> Result<Option<String>> {
        Ok(self
            .string(row.control_structure.ul_string, enc)?
            .map(|s| s.to_string_lossy().into_owned()))
    }

    /// Guesses the string encoding from the referenced strings: a string
    /// votes for UTF-16LE when it ends in an aligned 2-byte NUL and its
    /// first zero byte is either that terminator or at an odd index (the
    /// high byte of a Latin character); UTF-16LE wins with a majority of
    /// votes, otherwise 8-bit in `fallback`. Only a heuristic; callers
    /// that know the encoding should say so.
    pub fn guess_encoding(&self, fallback: CodePage) -> StringEncoding {
        let start = self.string_area_start();
        let (mut votes, mut total) = (0usize, 0usize);
        for row in &self.rows {
            let o = row.control_structure.ul_string as usize;
            let Some(tail) = o
                .checked_sub(start)
                .filter(|_| o != 0)
                .and_then(|rel| self.string_area.get(rel..))
            else {
                continue;
            };
            total += 1;
            let len16 = tail
                .chunks_exact(2)
                .position(|c| c == [0, 0])
                .map(|i| i * 2);
            let len8 = tail.iter().position(|&b| b == 0);
            if let (Some(l16), Some(l8)) = (len16, len8)
                && (l8 == l16 || l8 % 2 == 1)
            {
                votes += 1;
            }
        }
        if total > 0 && votes * 2 > total {
            StringEncoding::Unicode
        } else {
            StringEncoding::CodePage(fallback)
        }
    }

    /// Checks that every non-zero `ulString` points at a terminated string
    /// in `enc`; the error names the offset of the bad `ulString` field.
    pub fn validate_strings(&self, enc: StringEncoding) -> Result<()> {
        for (i, row) in self.rows.iter().enumerate() {
            if let Err(e) = self.string_bytes(row.control_structure.ul_string, enc) {
                let field = TROWSET_HEADER_LEN + i * TROW_LEN + 32;
                return Err(Error::at_offset(e.kind().clone(), field)
                    .context("ControlStructure")
                    .context(format!("TRow[{i}]"))
                    .context("TRowSet"));
            }
        }
        Ok(())
    }
}

/// [MS-OXOABKT] 2.2.2.1.1: a whole TRowSet (the rest of the reader's
/// window is the string area). `Type` must be 1; `cRows` is checked
/// against the input before anything is allocated; every non-zero
/// `ulString` must point into the string area (strict: an error at the
/// field; lenient: a defect, the offset kept as read). String terminators
/// are checked by [`DecodeWith<StringEncoding>`] or when a string is read.
impl<'a> Decode<'a> for TRowSet {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("TRowSet", |r| {
            let base = r.pos();
            let ty = r.u32()?;
            if ty != TemplateType::TRowSet.value() {
                return Err(r.invalid_at("Type", ty.into(), base));
            }
            read_rows_and_strings(r, base, None)
        })
    }
}

/// [`Decode`], then every string is read where its `ulString` points (by
/// seeking in the same reader, so errors carry the string's absolute
/// offset) and must end in a terminator of `enc` inside the TRowSet
/// (strict: an error; lenient: a defect, the string area kept as read).
impl<'a> DecodeWith<'a, StringEncoding> for TRowSet {
    fn decode_with(r: &mut Reader<'a>, enc: StringEncoding) -> Result<Self> {
        r.frame("TRowSet", |r| {
            let base = r.pos();
            let ty = r.u32()?;
            if ty != TemplateType::TRowSet.value() {
                return Err(r.invalid_at("Type", ty.into(), base));
            }
            read_rows_and_strings(r, base, Some(enc))
        })
    }
}

/// Reads `cRows` and what follows, up to the end of the reader's window;
/// `base` is the position of the TRowSet's `Type` field (what `ulString`
/// offsets count from).
fn read_rows_and_strings(
    r: &mut Reader<'_>,
    base: usize,
    enc: Option<StringEncoding>,
) -> Result<TRowSet> {
    let n = r.u32()?;
    let count = r.check_count(n.into(), TROW_LEN, "cRows")?;
    let mut rows = Vec::with_capacity(count);
    for i in 0..count {
        rows.push(r.frame_indexed("TRow", i, read_trow)?);
    }
    let area_start = r.pos();
    let end = r.end();
    // Where each row's string starts in the buffer, for the rows whose
    // ulString points into the string area.
    let mut starts = Vec::with_capacity(rows.len());
    for (i, row) in rows.iter().enumerate() {
        let off = row.control_structure.ul_string;
        if off == 0 {
            starts.push(None);
            continue;
        }
        let at = base
            .checked_add(off as usize)
            .filter(|&p| p >= area_start && p < end);
        if at.is_none() {
            let field = base + TROWSET_HEADER_LEN + i * TROW_LEN + 32;
            r.frame_indexed("TRow", i, |r| {
                r.frame("ControlStructure", |r| {
                    r.defect_at(
                        ErrorKind::InvalidValue {
                            field: "ulString",
                            value: off.into(),
                        },
                        field,
                        "offset kept as read",
                    )
                })
            })?;
        }
        starts.push(at);
    }
    if let Some(enc) = enc {
        for (i, at) in starts.iter().enumerate() {
            let Some(at) = *at else { continue };
            r.frame_indexed("TRow", i, |r| {
                r.frame("ControlStructure", |r| {
                    r.seek(at)?;
                    let terminated = match enc {
                        StringEncoding::Unicode => r.utf16_nul_terminated().is_ok(),
                        StringEncoding::CodePage(_) => r.bytes_nul_terminated().is_ok(),
                    };
                    if terminated {
                        return Ok(());
                    }
                    r.defect_at(
                        ErrorKind::Malformed(Cow::Borrowed("string has no NUL terminator")),
                        at,
                        "string area kept as read",
                    )
                })
            })?;
        }
        r.seek(area_start)?;
    }
    let string_area = r.take_rest().to_vec();
    Ok(TRowSet { rows, string_area })
}

impl Encode for TRowSet {
    fn encoded_len(&self) -> usize {
        self.string_area_start() + self.string_area.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(TemplateType::TRowSet.value());
        buf.put_u32_le(fit_u32(self.rows.len(), "cRows")?);
        for row in &self.rows {
            row.encode(buf)?;
        }
        buf.put_slice(&self.string_area);
        Ok(())
    }
}

/// [MS-OXOABKT] 2.2.2.1 Template Format: the value of PidTagTemplateData.
///
/// `Type` 0x00000001 is a [`TRowSet`]. Other types (the spec allows only
/// 1; an undocumented type 2 with 40-byte rows is reported in the wild)
/// are refused by strict decoding; lenient decoding reports a defect and
/// keeps them as their raw bytes so they survive a round trip.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Template {
    /// `Type` 0x00000001.
    RowSet(TRowSet),
    /// Any other `Type` (lenient decoding only): the value and every byte
    /// after it (encoding refuses `template_type` 1, which reads back as a
    /// TRowSet).
    Other {
        /// The `Type` field.
        template_type: u32,
        /// The bytes after `Type`, undecoded.
        data: Vec<u8>,
    },
}

impl Template {
    /// The `Type` field.
    pub fn template_type(&self) -> TemplateType {
        match self {
            Template::RowSet(_) => TemplateType::TRowSet,
            Template::Other { template_type, .. } => TemplateType::from_value(*template_type),
        }
    }

    /// The TRowSet, for `Type` 1.
    pub fn row_set(&self) -> Option<&TRowSet> {
        match self {
            Template::RowSet(s) => Some(s),
            Template::Other { .. } => None,
        }
    }
}

/// [MS-OXOABKT] 2.2.2.1: a whole template (the rest of the reader's
/// window). `Type` 1 is a [`TRowSet`] (see its [`Decode`]); any other
/// `Type` is not allowed by the spec: strict decoding refuses it, lenient
/// decoding reports a defect and keeps the bytes as [`Template::Other`].
impl<'a> Decode<'a> for Template {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        read_template(r, None)
    }
}

/// [`Decode`], then (for a TRowSet) every string is checked for its
/// terminator in `enc` (see [`TRowSet`]'s [`DecodeWith<StringEncoding>`]).
impl<'a> DecodeWith<'a, StringEncoding> for Template {
    fn decode_with(r: &mut Reader<'a>, enc: StringEncoding) -> Result<Self> {
        read_template(r, Some(enc))
    }
}

fn read_template(r: &mut Reader<'_>, enc: Option<StringEncoding>) -> Result<Template> {
    r.frame("TRowSet", |r| {
        let base = r.pos();
        let ty = r.u32()?;
        if ty == TemplateType::TRowSet.value() {
            return read_rows_and_strings(r, base, enc).map(Template::RowSet);
        }
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "Type",
                value: ty.into(),
            },
            base,
            "template kept as raw bytes",
        )?;
        Ok(Template::Other {
            template_type: ty,
            data: r.take_rest().to_vec(),
        })
    })
}

impl Encode for Template {
    fn encoded_len(&self) -> usize {
        match self {
            Template::RowSet(s) => s.encoded_len(),
            Template::Other { data, .. } => 4 + data.len(),
        }
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        match self {
            Template::RowSet(s) => s.encode(buf),
            Template::Other {
                template_type,
                data,
            } => {
                if *template_type == TemplateType::TRowSet.value() {
                    // Decoding would read these bytes as a TRowSet, not as
                    // `Other`: refuse rather than write what reads back
                    // differently.
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "Template::Other Type (1 is a TRowSet)",
                        value: 1,
                    }));
                }
                buf.put_u32_le(*template_type);
                buf.put_slice(data);
                Ok(())
            }
        }
    }
}

/// Builds a new [`TRowSet`]: rows in order, each with an optional string;
/// [`TemplateBuilder::build`] lays the strings out after the rows (in row
/// order, each once per row, NUL-terminated in the chosen encoding) and
/// sets every `ulString` (0 for rows without a string).
///
/// ```
/// use ms_oxoabkt::{ControlType, StringEncoding, TRow, TemplateBuilder};
/// let mut b = TemplateBuilder::new(StringEncoding::Unicode);
/// b.row(TRow::new(ControlType::TabPage, 0, 0, 0, 0), Some("General"));
/// b.row(TRow::new(ControlType::Label, 6, 15, 70, 8), Some("&Name:"));
/// let set = b.build()?;
/// assert_eq!(set.rows[0].control_structure.ul_string, 8 + 2 * 36);
/// assert_eq!(set.row_text(&set.rows[1], StringEncoding::Unicode)?.as_deref(), Some("&Name:"));
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct TemplateBuilder {
    encoding: StringEncoding,
    rows: Vec<(TRow, Option<String>)>,
}

impl TemplateBuilder {
    /// An empty template whose strings are written in `encoding`.
    pub fn new(encoding: StringEncoding) -> Self {
        TemplateBuilder {
            encoding,
            rows: Vec::new(),
        }
    }

    /// A builder holding the rows of an existing TRowSet and their strings
    /// read in `encoding` (lossy where the bytes are not valid), to edit
    /// and lay out again: shared strings become one copy per row and
    /// unreferenced bytes of the string area are dropped.
    pub fn from_row_set(set: &TRowSet, encoding: StringEncoding) -> Result<Self> {
        let rows = set
            .rows
            .iter()
            .map(|r| Ok((*r, set.row_text(r, encoding)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(TemplateBuilder { encoding, rows })
    }

    /// The rows and strings so far, to edit in place.
    pub fn rows_mut(&mut self) -> &mut Vec<(TRow, Option<String>)> {
        &mut self.rows
    }

    /// Adds a row and its string (its `ulString` is set by `build`).
    pub fn row(&mut self, row: TRow, text: Option<&str>) -> &mut Self {
        self.rows.push((row, text.map(str::to_owned)));
        self
    }

    /// Lays out the template. Fails when a string cannot be represented
    /// in the code page or contains a NUL, when a string with its
    /// terminator is longer than its control type allows
    /// ([`ControlType::max_string_len`], [MS-OXOABKT] 2.2.2.1.3.1 to
    /// 2.2.2.1.3.7: bytes of 8-bit text, characters of UTF-16 text), or
    /// when offsets overflow 32 bits.
    pub fn build(&self) -> Result<TRowSet> {
        let start = TROWSET_HEADER_LEN.saturating_add(self.rows.len().saturating_mul(TROW_LEN));
        let mut area = Vec::new();
        let mut rows = Vec::with_capacity(self.rows.len());
        for (row, text) in &self.rows {
            let mut row = *row;
            row.control_structure.ul_string = match text {
                None => 0,
                Some(t) => {
                    if t.contains('\0') {
                        return Err(Error::new(ErrorKind::Malformed(Cow::Borrowed(
                            "template string contains NUL",
                        ))));
                    }
                    let off = fit_u32(start.saturating_add(area.len()), "ulString")?;
                    let len = match self.encoding {
                        StringEncoding::Unicode => {
                            for u in t.encode_utf16() {
                                area.extend_from_slice(&u.to_le_bytes());
                            }
                            area.extend_from_slice(&[0, 0]);
                            t.chars().count()
                        }
                        StringEncoding::CodePage(cp) => {
                            let b = String8::encode_str(t, cp)?;
                            area.extend_from_slice(b.bytes());
                            area.push(0);
                            b.bytes().len()
                        }
                    };
                    if let Some(max) = row.control_type.max_string_len()
                        && len.saturating_add(1) > max
                    {
                        return Err(Error::new(ErrorKind::Malformed(Cow::Owned(format!(
                            "{} string of {} with its NUL is over the {max} that [MS-OXOABKT] 2.2.2.1.3 allows",
                            row.control_type,
                            len.saturating_add(1)
                        )))));
                    }
                    off
                }
            };
            rows.push(row);
        }
        Ok(TRowSet {
            rows,
            string_area: area,
        })
    }
}

/// Decodes the 8-bit bytes of a string in `cp` (lossy), for callers that
/// hold raw string bytes from [`TRowSet::string_bytes`].
pub fn decode_string8(bytes: &[u8], cp: CodePage) -> Cow<'_, str> {
    decode_8bit(bytes, cp).0
}
