//! # ms-oxrtfcp — [MS-OXRTFCP] Rich Text Format (RTF) Compression Algorithm
//!
//! Outlook and Exchange store a message's RTF body compressed, in the
//! `PidTagRtfCompressed` property (inside .msg files, TNEF/winmail.dat,
//! MAPI over the wire): a 16-byte header ([`Header`]) and either LZ77 data
//! against a 4096-byte dictionary (`LZFu`) or the raw RTF (`MELA`). This
//! crate reads and writes that format:
//!
//! - [`decompress()`]: one call, the whole stream, into a `Vec`;
//!   [`decompress_to`]: the same into any [`Sink`](msox_codec::Sink) (a
//!   file, stdout), memory flat in the output size; [`read_compressed`]:
//!   inside a caller's decoding session (a `PidTagRtfCompressed` value met
//!   while decoding a message); [`Decompressor`]: the input fed in pieces.
//!   All take [`Options`](msox_codec::Options) (strict or lenient, and the
//!   limits) and charge their output to the output budget.
//! - Real-world defects (a `MELA` COMPSIZE without the header, CRC
//!   mismatches, RAWSIZE disagreeing with the output, truncation) are
//!   decoded through and reported as [`Defect`](msox_codec::Defect)s at the
//!   header field they concern; strict mode refuses them with the same
//!   offset and path. No input makes it panic.
//! - [`compress()`]: the spec's compressor, byte-identical to the spec's
//!   examples and to a literal implementation of the spec's pseudocode
//!   (Microsoft's `compressed-rtf` crate), 30x faster than the latter;
//!   [`compress_with`] writes `MELA` too. Outlook's own compressor breaks
//!   ties between equally long matches differently (see
//!   [`mod@compress`]), so its streams are reproduced only sometimes.
//!
//! ```
//! use ms_oxrtfcp::{compress, decompress};
//! use msox_codec::{ErrorKind, Options};
//!
//! let rtf = b"{\\rtf1\\ansi\\ansicpg1252\\fromtext \\deff0 hello\\par }";
//! let stream = compress(rtf)?;
//! let out = decompress(&stream, &Options::default())?;
//! assert_eq!(out.value.data, rtf);
//!
//! // A damaged CRC: the lenient default decodes and says so; strict refuses.
//! let mut bad = stream.clone();
//! bad[12] ^= 1;
//! let out = decompress(&bad, &Options::lenient())?;
//! assert_eq!(out.value.data, rtf);
//! assert!(matches!(out.defects[0].kind(), ErrorKind::ChecksumMismatch { .. }));
//! assert_eq!(out.defects[0].path().to_string(), "RTFCOMPRESSED > HEADER");
//! assert!(decompress(&bad, &Options::strict()).is_err());
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1.2.1 | Dictionary (initial contents, 4096-byte ring) | [`INITIAL_DICTIONARY`] |
//! | 2.1.3.1.1 | RTF Compression ABNF Grammar: header | [`Header`], [`CompType`] |
//! | 2.1.3.1.2 | Compressed data: runs, control bytes, literals | [`decompress()`], [`compress()`] |
//! | 2.1.3.1.3 | Dictionary Reference | [`DictionaryReference`] |
//! | 3.1.3.1 | Decompression | [`decompress()`], [`decompress_to`], [`read_compressed`], [`Decompressor`] |
//! | 3.1.3.2 | Compression, CRC | [`compress()`], [`crc::crc32`] |
//! | 4 | Protocol Examples | `test-vectors/oxrtfcp/`, both ways |
//!
//! What the RTF inside says (encapsulated HTML or plain text) is the
//! business of the `ms-oxrtfex` crate.
#![forbid(unsafe_code)]

pub mod compress;
pub mod crc;
pub mod decompress;
pub mod dictionary;
pub mod header;

pub use compress::{compress, compress_with};
pub use decompress::{
    Decompressed, Decompressor, Report, decompress, decompress_to, read_compressed,
};
pub use dictionary::{DictionaryReference, INITIAL_DICTIONARY};
pub use header::{CompType, Header};

/// Whether `bytes` start like a compressed RTF stream: at least 16 bytes
/// with COMPTYPE `LZFu` or `MELA` (a cheap check for format detection).
pub fn looks_like_compressed_rtf(bytes: &[u8]) -> bool {
    matches!(bytes.get(8..12), Some(b"LZFu") | Some(b"MELA")) && bytes.len() >= header::Header::SIZE
}
