//! # ms-aswbxml — [MS-ASWBXML] Exchange ActiveSync: WAP Binary XML (WBXML) Algorithm
//!
//! Exchange ActiveSync sends its XML as WBXML 1.3 (WAP-192-WBXML-20010725)
//! with Microsoft's own code pages: each element is a one-byte token on one
//! of 26 code pages, each page an XML namespace. This crate reads and
//! writes that format without losing a byte:
//!
//! - [`Parser`]: a pull parser yielding [`Event`]s that borrow strings and
//!   opaque data from the input — no allocation per token, so a large
//!   ItemOperations or Sync response streams through without a tree;
//! - [`Document`]: the header and all events (`Document::decode_bytes`,
//!   the one entry shape of msox); [`Document::encode`] (and
//!   [`Encoder`]) write them back byte for byte — `STR_I` vs `STR_T`, the
//!   string table, every `SWITCH_PAGE` (even redundant ones), the header's
//!   public-id and charset forms are all in the events;
//! - [`wbxml_to_xml`] / [`xml_to_wbxml`]: XML with the spec's element names
//!   and namespaces (quick-xml reads it); [`XmlOptions::lossless`] XML also
//!   carries the wire choices so it converts back to the same bytes;
//!   [`XmlOptions::libwbxml`] / [`wbxml_to_libwbxml_xml`] write the XML
//!   libwbxml reads (ActiveSync DOCTYPE, `Page:` namespaces), so that
//!   libwbxml's `xml2wbxml` gives the same bytes back, and
//!   [`xml_to_wbxml`] reads libwbxml's XML as libwbxml does;
//!   [`wbxml_to_xml_into`] streams the XML into any
//!   [`Sink`](msox_codec::Sink), [`xml_to_wbxml_into`] the WBXML, and
//!   [`xml_to_wbxml_from`] reads the XML from a [`std::io::BufRead`] as it
//!   goes;
//! - [`codepages`]: every code page of the current spec, generated from one
//!   table with the spec's names and libwbxml's as aliases;
//! - [`canonical`]: the text form the project's peer scripts print, to diff
//!   msox against libwbxml.
//!
//! ```
//! use ms_aswbxml::{wbxml_to_xml, xml_to_wbxml, Document, Framing, XmlOptions};
//! use msox_codec::{Decode, Options};
//!
//! let xml = r#"<Sync xmlns="AirSync" xmlns:airsyncbase="AirSyncBase">
//!   <Collections><Collection>
//!     <SyncKey>0</SyncKey><CollectionId>5</CollectionId>
//!     <Options><airsyncbase:BodyPreference><airsyncbase:Type>2</airsyncbase:Type></airsyncbase:BodyPreference></Options>
//!   </Collection></Collections>
//! </Sync>"#;
//! let opts = Options::default();
//! let wbxml = xml_to_wbxml(xml.as_bytes(), &opts)?.value;
//! assert_eq!(&wbxml[..4], [0x03, 0x01, 0x6A, 0x00]); // WBXML 1.3, public id 1, UTF-8, no string table
//!
//! // events: byte-exact both ways
//! let doc = Document::decode_exact(&wbxml)?;
//! assert_eq!(doc.encode()?, wbxml);
//!
//! // XML: the spec's names, one namespace per code page
//! let back = wbxml_to_xml(&wbxml, Framing::Document, &opts, XmlOptions::default())?.value;
//! assert!(back.contains(r#"<BodyPreference xmlns="AirSyncBase">"#));
//! assert_eq!(xml_to_wbxml(back.as_bytes(), &opts)?.value, wbxml);
//!
//! // errors and defects: the offset and the open elements
//! let e = Document::decode_exact(&wbxml[..wbxml.len() - 3]).unwrap_err();
//! assert_eq!(e.path().to_string(), "WBXML > body > Sync > Collections > Collection");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Choices
//!
//! - **Opaque data** is base64 in XML (RFC 4648 with padding, no line
//!   breaks; whitespace is ignored on input), libwbxml's convention. Which
//!   elements default to `OPAQUE` on encoding is [`codepages::TagFlags::OPAQUE`]
//!   (the ones libwbxml writes as opaque); elsewhere a `<?wbxml opaque?>`
//!   instruction marks it (see [`xml_out`]).
//! - **Headerless bodies** (Horde stores fragments without the header):
//!   decode with [`Framing::Headerless`] (`msox wbxml decode --headerless`);
//!   the body may hold several top-level elements and the XML is then a
//!   fragment. Read as a document, such bytes are taken for a header and
//!   fail or decode as nonsense — the format has no signature to tell.
//! - **Strict and lenient** ([`msox_codec::Options`]): lenient (the
//!   default) decodes what is there and reports each
//!   [`Defect`](msox_codec::Defect) with its offset and the open elements:
//!   unknown code pages or tokens (devices send them; the XML conversion
//!   skips the element), truncated input, trailing bytes, overlong
//!   integers, text XML cannot carry. Strict makes each of these an error.
//! - **Limits** ([`msox_codec::Limits`]): element depth (the session's
//!   depth limit), events a [`Document`] collects (the item budget), XML,
//!   canonical and WBXML output (the output budget, every byte, so
//!   string-table references cannot amplify past it); counts and lengths
//!   are checked against the input before use.
//! - **Charsets**: strings are bytes in the events; XML conversion reads them
//!   as UTF-8 (ActiveSync's charset 106) and reports any other charset.
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | WBXML 1.3 5.3–5.7 | header: version, public id (well-known or string table), charset, string table | [`Header`] |
//! | WBXML 1.3 5.8.1–5.8.3 | tag tokens with content/attribute flags; attribute start/value tokens | [`Event::Start`], [`Event::AttrStart`], [`Event::AttrValue`] |
//! | WBXML 1.3 5.8.4 | global tokens: `SWITCH_PAGE`, `END`, `ENTITY`, `STR_I`, `STR_T`, `LITERAL*`, `EXT_I/T/*`, `PI`, `OPAQUE` | [`Event`], [`token`] |
//! | [MS-ASWBXML] 2.1.1 | ActiveSync's use of WBXML | [`Header::ACTIVESYNC`], [`xml_to_wbxml`] |
//! | [MS-ASWBXML] 2.1.2.1.1–2.1.2.1.26 | code pages 0 (AirSync) – 25 (Find), every tag | [`codepages`] |
//! | — | XML form of attributes, literal tags, PIs, extensions (ActiveSync uses none) | not applicable: skipped with a defect, or an error |
#![forbid(unsafe_code)]

pub mod canonical;
pub mod codepages;
pub mod document;
pub mod event;
pub mod header;
pub mod parser;
pub mod token;
pub mod xml_in;
pub mod xml_out;

pub use document::{Document, Encoder};
pub use event::{Event, Tag};
pub use header::{Header, PublicId};
pub use parser::{Framing, Parser};
pub use xml_in::{read_xml, read_xml_into, xml_to_wbxml, xml_to_wbxml_from, xml_to_wbxml_into};
pub use xml_out::{
    ACTIVESYNC_DOCTYPE, XmlOptions, wbxml_to_libwbxml_xml, wbxml_to_xml, wbxml_to_xml_into,
    write_xml,
};
