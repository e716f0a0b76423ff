//! # ms-oxoabkt — [MS-OXOABKT] Address Book User Interface Templates
//!
//! When Outlook shows the details dialog of an address book entry (a user,
//! a distribution list, a contact) for which the server defines the
//! layout, it asks for a *template*: NspiGetTemplateInfo ([MS-OXNSPI]
//! 3.1.4.1.18) or the MAPI/HTTP GetTemplateInfo request returns the
//! binary PidTagTemplateData (the dialog: one row per control with its
//! position, type, flags, bound property and caption) and, for one-off
//! address types, PidTagScriptData (a program that builds the e-mail
//! address from what the user typed). Offline address books carry the
//! same templates in their display template files ([MS-OXOAB]).
//!
//! This crate decodes and encodes both, byte for byte:
//! [`Template`] / [`TRowSet`] / [`TRow`] / [`Cntrl`] for template data,
//! [`ScriptData`] for scripts, and [`TemplateBuilder`] lays out new
//! templates.
//!
//! ```
//! use ms_oxoabkt::{ControlFlags, ControlType, StringEncoding, Template, TRowSet};
//! use msox_codec::{CodePage, Decode, Encode};
//!
//! // A tab page "General" and a text box for PidTagDisplayName (0x3001001E),
//! // strings in UTF-16LE after the two rows.
//! let mut bytes = vec![1, 0, 0, 0, 2, 0, 0, 0];
//! for w in [0u32, 0, 0, 0, 8, 0, 0, 0, 80] {
//!     bytes.extend_from_slice(&w.to_le_bytes());
//! }
//! for w in [77u32, 100, 13, 12, 1, 0x22, 0x3001_001E, 256, 96] {
//!     bytes.extend_from_slice(&w.to_le_bytes());
//! }
//! for s in ["General", "*"] {
//!     bytes.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
//!     bytes.extend([0, 0]);
//! }
//!
//! let template = Template::decode_exact(&bytes)?;
//! let set: &TRowSet = template.row_set().unwrap();
//! let enc = set.guess_encoding(CodePage::WINDOWS_1252);
//! assert_eq!(enc, StringEncoding::Unicode);
//! assert_eq!(set.rows[0].control_type, ControlType::TabPage);
//! assert_eq!(set.row_text(&set.rows[0], enc)?.as_deref(), Some("General"));
//!
//! let edit = &set.rows[1];
//! assert_eq!(edit.control_type.name(), Some("DTCT_EDIT"));
//! assert_eq!(edit.property_tag().unwrap().to_u32(), 0x3001_001E);
//! assert_eq!(edit.max_chars(), Some(256));
//! assert!(edit.control_flags.contains(ControlFlags::EDITABLE));
//! assert_eq!(edit.control_flags.to_string(), "DT_EDITABLE | DT_ACCEPT_DBCS");
//!
//! // Encoding gives back the same bytes.
//! assert_eq!(template.to_vec()?, bytes);
//!
//! // A string offset outside the template is an error with its position.
//! let mut bad = bytes.clone();
//! bad[40] = 0xF0; // Row1's ulString
//! let e = Template::decode_exact(&bad).unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "invalid ulString 0xF0 at byte 40 in TRowSet > TRow[0] > ControlStructure"
//! );
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Decoding
//!
//! Every type implements [`msox_codec::Decode`] on the decoding session:
//! `Template::decode_bytes(bytes, &Options)` returns the template with the
//! defects lenient decoding read past, `Template::decode_exact(bytes)`
//! decodes strictly, and a template inside a larger file (an OAB display
//! template file) is read through a window of that file's reader, so
//! errors carry absolute offsets and the path
//! (`TRowSet > TRow[3] > ControlStructure`). With a [`StringEncoding`]
//! ([`msox_codec::DecodeWith`]), each string is read where its `ulString`
//! points, by seeking in the same reader. What the spec does not allow — a
//! `Type` other than 1, a `ulString` outside the string area, a string
//! without its terminator — is an error in strict mode; lenient decoding
//! reports a defect and keeps the bytes as read, so the template is
//! written back unchanged.
//!
//! ```
//! use ms_oxoabkt::Template;
//! use msox_codec::{Decode, Encode, Options};
//! let odd = [2, 0, 0, 0, 0xAB, 0xCD];                // Type 2: not in the spec
//! assert!(Template::decode_exact(&odd).is_err());
//! let d = Template::decode_bytes(&odd, &Options::lenient())?;
//! assert_eq!(d.defects[0].to_string(), "invalid Type 0x2 at byte 0 in TRowSet; template kept as raw bytes");
//! assert_eq!(d.value.to_vec()?, odd);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Strings
//!
//! The spec (2.2.2.1.3) says the strings are 8-bit ("non-Unicode"), in the
//! code page the client asked for, and its section 4 example is code page
//! 1252 with one byte per character; the real templates this crate is
//! tested with (gromox's) carry UTF-16LE, which the spec does not mention.
//! The bytes do not say which: pass a [`StringEncoding`] (or use
//! [`TRowSet::guess_encoding`]). Offset 0 means "no string" (not in the
//! spec text; multi-valued drop-down lists in real templates have none).
//! Strings may be shared by several rows; the string area is kept exactly
//! as stored.
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.2.1 | template data and script data in NSPI / MAPI-HTTP responses | the payloads: [`Template`], [`ScriptData`] (the transports are ms-oxnspi's) |
//! | 2.2.2.1.1 | TRowSet Structure (`Type`, `cRows`, rows) | [`TRowSet`]; other `Type` values refused in strict mode, kept raw in [`Template::Other`] in lenient mode |
//! | 2.2.2.1.2 | TRow Structure (pixels; page flags ignored), control types, control flags | [`TRow`], [`ControlType`], [`ControlFlags`] (type and flag values and names from MAPI display tables, see below) |
//! | 2.2.2.1.3 | CNTRL Structure, string offsets and encodings | [`Cntrl`], [`TRowSet::string`], [`StringEncoding`], [`TemplateBuilder`] |
//! | 2.2.2.1.3.1-9 | per-control meaning of `dwType` / `ulSize` / `ulString`, string limits | [`ControlType`] variants, [`TRow::property_tag`], [`TRow::max_chars`], [`ControlType::string_role`], [`ControlType::max_string_len`] (enforced by [`TemplateBuilder`]) |
//! | 2.2.2.1.3.2.1 | allowed-characters expression of edit controls | documented on [`StringRole::CharacterFilter`]; not parsed |
//! | 2.2.2.2 | Script Format: count, instruction words, data | [`ScriptData`] (words kept raw), [`ScriptData::decode_instructions`] / [`ScriptOpcode`] (opcode values and operand counts from Microsoft's protocol test suites, not the spec text); execution not yet |
//! | 3 | client and server behaviour (rendering the dialog, running scripts) | not applicable |
//! | 4 | protocol examples | the NspiGetTemplateInfo example's Row0 and Row1, field by field: `test-vectors/oxoabkt/spec-example-*` (plus hand-made vectors and 21 real templates) |
//!
//! ## Sources
//!
//! The [MS-OXOABKT] text this crate was checked against: from the stored
//! copies of learn.microsoft.com, 2.2.2.1.1 TRowSet Structure, 2.2.2.1.3
//! Buffer Format of the CNTRL Structure, 2.2.2.1.3.1 CNTRL Structure
//! Describing a Label Control, and the section 4 NspiGetTemplateInfo
//! example up to its Row2 (dwCodePage 0x4E4, `cRows` 0x41, Row0 a page
//! "General", Row1 "Name"); and, as quoted in the doc comments of a public
//! source file (its quote of 2.2.2.1.3.1 matches the learn.microsoft.com
//! page word for word), 2.2.2.1 Template Format, 2.2.2.1.2 TRow Structure
//! (without its two value tables) and 2.2.2.1.3.2 to 2.2.2.1.3.9. Not
//! available: the 2.2.2.1.2 tables of control type and flag values, and
//! 2.2.2.2 Script Format. So the control type values and names and the
//! flag names come from the MAPI display-table structures (`DTCT_*`,
//! `DT_*`) and real templates, the script opcodes from Microsoft's Exchange
//! protocol test suites, and the item docs say so.
#![forbid(unsafe_code)]

pub mod script;
pub mod template;

pub use script::{Instruction, ScriptData, ScriptOpcode};
pub use template::{
    Cntrl, ControlFlags, ControlType, StringEncoding, StringRole, TRow, TRowSet, Template,
    TemplateBuilder, TemplateString, TemplateType,
};
