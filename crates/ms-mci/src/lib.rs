//! # ms-mci — [MS-MCI] Microsoft ZIP (MSZIP) Compression and Decompression Data Structure
//!
//! MSZIP is deflate (RFC 1951) cut into blocks of at most 32 KiB, each
//! behind the signature `CK`, with the deflate history carried from one
//! block to the next. Cabinet files (`.cab`) store their MSZIP folders this
//! way, one block per CFDATA; Exchange uses it where MS-OXOAB and friends
//! name MSZIP. This crate decodes and encodes it:
//!
//! - [`MszipDecoder`] / [`MszipEncoder`]: block at a time, for containers
//!   that frame the blocks (the caller gives each block's size), reading
//!   through the container's [`msox_codec::Reader`] ([`MszipDecoder::read_block`]).
//! - [`decompress()`] / [`decompress_to()`] / [`compress()`]: a plain
//!   concatenation of blocks. Decoding streams into a [`msox_codec::Sink`]
//!   (one block and the 32 KiB history in memory) and charges its output
//!   to the session's budget ([`msox_codec::Limits::output_cap`]).
//! - [`cab`]: the [MS-CAB] cabinet structures (header, folders, files,
//!   data blocks with their checksums; stored and MSZIP folders
//!   extracted), which is how real MSZIP data is tested; listing,
//!   extracting and testing whole cabinets and sets, with LZX folders, is
//!   `msox-cab`.
//!
//! Entry points have the one shape of every msox crate: bytes and
//! [`msox_codec::Options`] (strict or lenient, limits) in, a value with
//! its [`msox_codec::Defect`]s out.
//!
//! ```
//! use msox_codec::{Limits, Options};
//!
//! let text = b"MSZIP keeps the history between blocks. ".repeat(5000);
//! let packed = ms_mci::compress(&text, 6);
//! assert!(packed.len() < text.len() / 20);
//! assert_eq!(&packed[..2], b"CK");
//! assert_eq!(ms_mci::decompress(&packed, &Options::strict())?.value, text);
//!
//! // Streamed into any sink (a file, stdout): memory stays flat.
//! let mut count = msox_codec::CountingSink::default();
//! ms_mci::decompress_to(&packed, &Options::strict(), &mut count)?;
//! assert_eq!(count.count, text.len() as u64);
//!
//! // An output cap stops a decompression bomb, saying where.
//! let small = Options::strict().with_limits(Limits::DEFAULT.with_max_output(1000));
//! let err = ms_mci::decompress(&packed, &small).unwrap_err();
//! assert_eq!(err.to_string(), "output size 32768 exceeds the limit 1000 at byte 0 in MszipBlock[0]");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2 Structures | MSZIP block: `CK` signature, deflate data ending with a final block, 32 KiB limit, history | [`MszipDecoder`], [`MszipEncoder`], [`decompress()`], [`compress()`] |
//! | 3 Structure Examples | — | not reproduced: `test-vectors/mci/` holds hand-made blocks (zlib-made, checked both ways) |
//! | [MS-CAB] 2.1–2.4 | CFHEADER, CFFOLDER, CFFILE, CFDATA (with `csum`) | [`cab::Cabinet`] (reading; stored and MSZIP folders extracted; LZX folders gathered for `ms-patch`); sets, LZX and per-file extraction in `msox-cab`; no Quantum |
#![forbid(unsafe_code)]

pub mod cab;
pub mod mszip;

pub use mszip::{
    MAX_BLOCK_COMPRESSED, MAX_BLOCK_DATA, MszipDecoder, MszipEncoder, SIGNATURE, compress,
    decompress, decompress_to, read_stream,
};
