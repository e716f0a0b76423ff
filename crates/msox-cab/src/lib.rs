//! # msox-cab — Microsoft cabinet files: list, extract, test
//!
//! Cabinets ([MS-CAB]) are where MSZIP ([MS-MCI], crate `ms-mci`) and LZX
//! ([MS-PATCH], crate `ms-patch`) data is found in the wild. This crate
//! joins the two codecs with `ms-mci`'s cabinet structure reader into the
//! library side of `cabextract`:
//!
//! - [`CabinetSet`]: one cabinet or a set of them given in order (the
//!   caller reads the files; no I/O here), folders that continue from one
//!   cabinet into the next merged, split CFDATA blocks joined, files listed
//!   once ([`CabinetSet::files`]);
//! - [`CabinetSet::extract`]: every folder decoded once, front to back
//!   (stored, MSZIP, LZX; Quantum reported as unsupported), each file's
//!   bytes streamed into its own [`msox_codec::Sink`] from an
//!   [`Extractor`]; [`CabinetSet::test`] decodes and checks without
//!   keeping anything; [`CabinetSet::extract_all`] keeps everything;
//! - [`search::find`]: cabinets inside other files (self-extracting
//!   programs, concatenations), found the way cabextract finds them;
//! - [`names`]: stored names as text (UTF-8 or ISO-8859-1) and as paths
//!   that cannot leave the directory they are extracted into.
//!
//! One session per call ([`msox_codec::Options`]): CFDATA checksums are
//! verified (a mismatch is an error in strict mode, a defect in lenient
//! mode, which keeps the data), errors carry the offset in their cabinet
//! and the path (`Cabinet[1] > CFFOLDER[0] > CFDATA[3] > MszipBlock`),
//! decompressed output is charged to the session's budget.
//!
//! ```
//! use msox_cab::{CabinetSet, Collect};
//! use msox_codec::Options;
//!
//! let bytes = msox_testkit::vector("mci", "cab-mszip-two-files").bytes;
//! let set = CabinetSet::open(&[&bytes], &Options::strict())?.value;
//! for f in set.files() {
//!     println!("{:>8} {}", f.size, f.name_text());
//! }
//! let mut out = Collect::default();
//! set.extract(&Options::strict(), &mut out)?;
//! assert_eq!(out.files[0].1, b"Hello, cabinet!\r\n");
//! assert!(out.files[1].1.starts_with(b"MSZIP in a cabinet"));
//!
//! // Damage: strict refuses with the place; lenient reports and goes on.
//! let mut bad = bytes.clone();
//! let last = bad.len() - 1;
//! bad[last] ^= 1;
//! let e = CabinetSet::open(&[&bad], &Options::strict()).unwrap_err();
//! assert_eq!(e.path().to_string(), "CFFOLDER[0] > CFDATA[0]");
//! let d = CabinetSet::open(&[&bad], &Options::lenient())?;
//! assert_eq!(d.defects.len(), 1);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage of [MS-CAB]
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1 CFHEADER | signature, sizes, flags, set ID and index, reserved areas, previous/next cabinet names | `ms-mci` ([`Cabinet`]); sets linked and checked here |
//! | 2.2 CFFOLDER | typeCompress: none, MSZIP, Quantum, LZX (window 2^15..2^21) | stored, MSZIP, LZX decoded; Quantum unsupported (an error per file) |
//! | 2.3 CFFILE | sizes, folder offsets, `iFolder` continuation values, DOS date/time, attributes, UTF-8 names | [`FileEntry`] |
//! | 2.4 CFDATA | checksum, cbData/cbUncomp, reserved area, blocks split over cabinets | checksums verified (`ms-mci`), split blocks joined |
//! | 3 | examples | the corpus's cabinets, checked against cabextract |
//! | — | writing cabinets | not covered |
#![forbid(unsafe_code)]

pub mod extract;
pub mod names;
pub mod search;
pub mod set;

pub use extract::{Collect, Extracted, Extractor, FileOutcome, MAX_BLOCK};
pub use ms_mci::cab::Compression;
pub use set::{BlockRef, Cabinet, CabinetSet, FileEntry, SetFolder};
