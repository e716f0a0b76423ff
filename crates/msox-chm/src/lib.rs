//! # msox-chm — compiled HTML help files (CHM, ITSF): list and extract
//!
//! A CHM file is a small archive: a directory of named entries, some stored
//! as they are (section 0), the rest in one LZX stream (section 1,
//! "MSCompressed") that restarts every *reset interval* so a reader can
//! seek. This crate reads the directory ([`mod@format`]: the ITSF header, the
//! header sections, the ITSP directory header, the PMGL listing chunks and
//! their ENCINT-coded entries) and extracts the files ([`ChmFile::extract`]:
//! stored files copied; the LZX stream decoded once, front to back, with
//! `ms-patch`'s decoder, the window and reset interval of its
//! `ControlData`, and the length of its reset table rounded up to a whole
//! reset interval as libmspack does; each file's bytes streamed into its own
//! [`msox_codec::Sink`] from an [`Extractor`]).
//!
//! Why a crate of its own: CHM is neither an Exchange format nor part of
//! [MS-PATCH]; `ms-patch` stays the LZX/LZXD codec, and this crate joins it
//! with a container, as `msox-cab` does for cabinets.
//!
//! ```
//! use msox_chm::{ChmFile, Collect};
//! use msox_codec::{Decode, Options};
//!
//! # let bytes = msox_chm::testing::sample();
//! let chm = ChmFile::decode_bytes(&bytes, &Options::strict())?.value;
//! let names: Vec<String> = chm.files().iter().map(|f| f.name_text()).collect();
//! assert_eq!(names, ["/index.html", "/stored.txt"]);
//! let mut out = Collect::default();
//! chm.extract(&Options::strict(), &mut out)?;
//! assert!(out.files.iter().any(|(_, b)| b.starts_with(b"<html>")));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! There is no open specification of CHM; the layout is the one in common
//! use (libmspack, chmlib).
//!
//! | structure | status |
//! |---|---|
//! | ITSF header, header section table (versions 2 and 3), header section 0 | [`format::ItsfHeader`], [`ChmFile::file_len`] |
//! | ITSP directory header, PMGL chunks, ENCINT entries | [`format::ItspHeader`], [`format::DirEntry`] |
//! | PMGI index chunks | not needed to list; skipped |
//! | section 0 (stored) files | extracted |
//! | `::DataSpace/Storage/MSCompressed`: ControlData (LZXC, versions 1 and 2), ResetTable, SpanInfo, Content | [`LzxSection`]; decoded from the start (reset table entries other than the first are not needed) |
//! | LZX with reset intervals | `ms-patch` |
//! | other DataSpace transforms, `#SYSTEM` / `#TOPICS` contents | not covered |
#![forbid(unsafe_code)]

pub mod chm;
pub mod format;
#[doc(hidden)]
pub mod testing;

pub use chm::{ChmFile, Collect, Extracted, Extractor, FileOutcome, LzxSection};
pub use format::DirEntry;
