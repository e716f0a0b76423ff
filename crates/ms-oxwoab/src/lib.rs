//! # ms-oxwoab — [MS-OXWOAB] the offline address book manifest (oab.xml)
//!
//! Outlook keeps its offline address books current by downloading
//! `oab.xml` from the OAB virtual directory that Autodiscover names. The
//! manifest lists each offline address list (`OAL`) with the files a
//! client can fetch: the compressed full details file (`Full`), the daily
//! differential patches (`Diff`) and the display templates (`Template`),
//! each with its sequence number, version, sizes and SHA-1 hash. The files
//! themselves are [MS-OXOAB] formats (the `ms-oxoab` crate).
//!
//! This crate reads the manifest into a typed model ([`Manifest`],
//! [`Oal`], [`OabFile`]) and writes it back; attributes and elements the
//! spec does not define are kept and written back. Reading is a
//! [`msox_codec::Decode`] on the decoding session:
//! `Manifest::decode_bytes(xml, &Options)` (or [`Manifest::parse`] with the
//! default options); errors carry the absolute byte offset and the element
//! path, and every element read counts against the session's item budget
//! ([`msox_codec::Limits::max_items`]).
//!
//! ```
//! use ms_oxwoab::{FileKind, Manifest};
//!
//! let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
//! <OAB>
//!   <OAL id='2e3eaccd-85a0-4abe-84f8-603a49801bb6' dn='/' name='\Global Address List'>
//!     <Full seq='4' ver='32' size='574' uncompressedsize='1872' SHA='91c1d0fa378dc961f9e8aafb17a9569767e21c73'>
//!       2e3eaccd-85a0-4abe-84f8-603a49801bb6-data-4.lzx
//!     </Full>
//!     <Diff seq='4' ver='32' size='132' uncompressedsize='1872' SHA='f53ec568b6fc3e4adce0e7d7dfd51ace604a9234'>2e3eaccd-85a0-4abe-84f8-603a49801bb6-binpatch-4.lzx</Diff>
//!   </OAL>
//! </OAB>"#;
//! let m = Manifest::parse(xml.as_bytes())?;
//! let gal = m.oal_by_name("\\Global Address List").unwrap();
//! assert_eq!(gal.sequence(), Some(4));
//! assert_eq!(gal.full().unwrap().file_name, "2e3eaccd-85a0-4abe-84f8-603a49801bb6-data-4.lzx");
//! // A client at sequence 3 downloads one patch; one at 2 needs the full file.
//! assert_eq!(gal.diff_chain(3).unwrap().len(), 1);
//! assert!(gal.diff_chain(2).is_none());
//! assert_eq!(gal.guid().unwrap().to_string(), "2E3EACCD-85A0-4ABE-84F8-603A49801BB6");
//!
//! // Written back and read again, the model is the same.
//! let again = Manifest::parse(m.to_xml().as_bytes())?;
//! assert_eq!(again, m);
//!
//! // Bad input: an error with the byte offset and the element path.
//! let bad = xml.replace("size='574'", "size='lots'");
//! let e = Manifest::parse(bad.as_bytes()).unwrap_err();
//! assert_eq!(
//!     e.to_string(),
//!     "Full size \"lots\" is not a decimal number in range at byte 134 in OAB > OAL[0] > Full[0]"
//! );
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1 | transport (HTTP GET from the OAB URL) | not applicable (no I/O here) |
//! | 2.2 | OAB element | [`Manifest`] |
//! | 2.2 | OAL element: `id`, `dn`, `name` | [`Oal`] |
//! | 2.2 | Full, Diff, Template elements: `seq`, `ver`, `size`, `uncompressedsize`, `SHA`, `langid`, `type`, file name | [`OabFile`], [`FileKind`] |
//! | — | unknown attributes and elements | kept and written back (unknown elements after the known ones of their parent) |
//! | 3 | client and server behaviour (which files to fetch) | [`Oal::diff_chain`] helps; the rest is the application's |
//! | 4 | protocol example | test vector (its first OAL) |
//!
//! The writer produces its own formatting (declaration, indentation,
//! single-quoted attributes); reading what it wrote gives the same model,
//! but the original white space and quoting are not reproduced.
#![forbid(unsafe_code)]

pub mod model;
mod read;
pub mod write;

pub use model::{Attribute, FileKind, Manifest, OabFile, Oal};

impl Manifest {
    /// Reads an oab.xml with the default [`msox_codec::Options`]: the
    /// value of `Manifest::decode_bytes(xml, &Options::default())`.
    pub fn parse(xml: &[u8]) -> msox_codec::Result<Manifest> {
        use msox_codec::Decode;
        Manifest::decode_bytes(xml, &msox_codec::Options::default()).map(|d| d.value)
    }

    /// Writes the manifest as XML ([`write::write`]).
    pub fn to_xml(&self) -> String {
        write::write(self)
    }
}
