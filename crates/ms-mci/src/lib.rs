//! # ms-mci — [MS-MCI] Microsoft ZIP (MSZIP) Compression and Decompression Data Structure
//!
//! MSZIP is deflate (RFC 1951) cut into blocks of at most 32 KiB, each
//! behind the signature `CK`, with the deflate history carried from one
//! block to the next. Cabinet files (`.cab`) store their MSZIP folders this
//! way, one block per CFDATA; Exchange uses it where MS-OXOAB and friends
//! name MSZIP. This crate decodes and encodes it:
//!
//! - [`MszipDecoder`] / [`MszipEncoder`]: block at a time, for containers
//!   that frame the blocks (the caller gives each block's size).
//! - [`decompress()`] / [`compress()`]: a plain concatenation of blocks.
//!   Both decoders refuse more output than a cap ([`msox_codec::Limits`]).
//! - [`cab`]: a minimal [MS-CAB] cabinet reader (header, folders, files,
//!   data blocks; stored and MSZIP folders extracted), which is how real
//!   MSZIP data is tested.
//!
//! ```
//! let text = b"MSZIP keeps the history between blocks. ".repeat(5000);
//! let packed = ms_mci::compress(&text, 6);
//! assert!(packed.len() < text.len() / 20);
//! assert_eq!(&packed[..2], b"CK");
//! assert_eq!(ms_mci::decompress(&packed)?, text);
//!
//! // An output cap stops a decompression bomb.
//! let small = msox_codec::Limits { max_output: 1000, ..Default::default() };
//! assert!(ms_mci::decompress_with(&packed, &small).is_err());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2 Structures | MSZIP block: `CK` signature, deflate data, 32 KiB limit, history | [`MszipDecoder`], [`MszipEncoder`], [`decompress()`], [`compress()`] |
//! | 3 Structure Examples | — | not reproduced: `test-vectors/mci/` holds hand-made blocks (zlib-made, checked both ways) |
//! | [MS-CAB] 2.1–2.4 | CFHEADER, CFFOLDER, CFFILE, CFDATA | [`cab::Cabinet`] (reading; stored and MSZIP folders; no multi-cabinet sets, no checksums) |
#![forbid(unsafe_code)]

pub mod cab;
pub mod mszip;

pub use mszip::{
    MAX_BLOCK_COMPRESSED, MAX_BLOCK_DATA, MszipDecoder, MszipEncoder, SIGNATURE, compress,
    decompress, decompress_with,
};
