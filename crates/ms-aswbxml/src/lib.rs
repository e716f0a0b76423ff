//! # ms-aswbxml — [MS-ASWBXML] Exchange ActiveSync WAP Binary XML
#![forbid(unsafe_code)]

pub mod codepages;
pub mod document;
pub mod event;
pub mod header;
pub mod parser;
pub mod token;

pub use document::{Document, Encoder};
pub use event::{Event, Tag};
pub use header::{Header, PublicId};
pub use parser::{DecodeOptions, Defect, DefectKind, Framing, Mode, Parser};
pub mod xml_in;
pub mod xml_out;
pub use xml_in::{EncodeOptions, xml_to_wbxml};
pub use xml_out::{Converted, XmlOptions, wbxml_to_xml};
pub mod canonical;
