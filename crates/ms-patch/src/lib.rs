//! # ms-patch — [MS-PATCH] LZX DELTA Compression and Decompression
//!
//! LZX is the LZ77 + Huffman compression of cabinet files, CHM help files
//! and Exchange offline address books; LZX DELTA (LZXD) extends it with
//! windows up to 32 MiB, matches up to 33 KiB, and *reference data*: the old
//! version of a file placed in the window before the new one, so that the
//! compressed stream is a binary patch. Exchange ships offline address
//! books as LZXD files and differential patches ([MS-OXOAB] 2.11, 2.10).
//!
//! This crate has:
//!
//! - [`decode::decompress`] / [`decode::decompress_to`]: a fast LZX / LZXD
//!   stream decoder (verbatim, aligned offset and uncompressed blocks,
//!   every window size 2^15..2^25, E8 call translation, repeated offsets,
//!   reset intervals, reference data), into one buffer or streamed into a
//!   [`msox_codec::Sink`] with only the window in memory; output charged
//!   to the session's budget frame by frame; linear time; no input makes
//!   it panic. [`decode::read_stream`] decodes a stream inside a
//!   container's [`msox_codec::Reader`] (absolute offsets, one session).
//! - [`lzxd::LzxdFile`] / [`lzxd::LzxdPatch`] (with [`Decode`](msox_codec::Decode) /
//!   [`Encode`](msox_codec::Encode)) and [`lzxd::decompress_file`] /
//!   [`lzxd::apply_patch`] (and their streaming `_to` forms; for a file
//!   read from a [`std::io::Read`] one block at a time,
//!   [`lzxd::decompress_file_from`]): the LZXD file and patch containers,
//!   with their CRCs.
//! - [`encode::compress`]: an LZX / LZXD encoder (hash chains with lazy
//!   matching and repeated offsets, effort levels 1..=9, verbatim, aligned
//!   offset and uncompressed blocks chosen by cost, optional E8
//!   translation), and [`lzxd::compress_file`] / [`lzxd::create_patch`]:
//!   LZXD files and LZX DELTA patches that libmspack and the `lzxd` crate
//!   read; patch blocks are laid out by content ([`layout`]), so a change
//!   costs in proportion to its size wherever it is.
//!
//! LZXD compression, decompression, patch creation and patch application
//! exist once, here; `ms-oxoab` adds the OAB rules on top (its file CRCs
//! leave out the 12-byte OAB_HDR) and `msox-cab` / `msox-chm` use the LZX
//! decoder for cabinets and CHM files. Base and patch come in that order,
//! in distinct newtypes ([`Base`], [`Patch`], [`Target`]).
//!
//! ## Effort levels
//!
//! [`EncodeOptions::level`] 1..=9, re-tuned so that each level buys a
//! smaller file for its time (measured with `cargo test -p ms-oxoab
//! --release --test measure -- --ignored --nocapture levels`: `compress_file`
//! with 1 MiB blocks on a generated 32 MiB OAB and on 24 MiB of the
//! corpus concatenated; speed per second of CPU time, MB = MiB):
//!
//! | level | OAB 32 MiB | speed | corpus | speed |
//! |---|---|---|---|---|
//! | 1 | 11.67% | 83.7 MB/s | 47.69% | 55.1 MB/s |
//! | 2 | 11.05% | 62.8 MB/s | 46.30% | 46.6 MB/s |
//! | 3 | 10.35% | 41.3 MB/s | 45.74% | 39.1 MB/s |
//! | 4 | 10.16% | 25.9 MB/s | 45.76% | 30.7 MB/s |
//! | 5 | 9.84% | 16.6 MB/s | 45.33% | 20.4 MB/s |
//! | 6 (default) | 9.63% | 12.6 MB/s | 45.27% | 17.3 MB/s |
//! | 7 | 9.39% | 4.6 MB/s | 45.22% | 13.6 MB/s |
//! | 8 | 9.36% | 3.7 MB/s | 45.04% | 5.3 MB/s |
//! | 9 | 9.30% | 2.9 MB/s | 45.04% | 5.4 MB/s |
//!
//! Before the re-tuning (same measurement) level 1 gave 13.39% at the
//! speed of today's level 1 (11.67%), level 5 was slower than level 4 for a
//! larger file, level 7 was no smaller than level 6, and level 9 took about
//! 5 times level 6's CPU time (14 times its wall time on a loaded machine).
//! Now each step down the table gives a smaller file, levels 1-6 skip
//! through data that does not compress (after 16-64 literals in a row
//! they search every second position, then every third...), and level 9
//! takes 4.3 times level 6 for 3.4% less.
//!
//! Entry points have the one shape of every msox crate: bytes and
//! [`msox_codec::Options`] (strict or lenient, limits) in, the value with
//! its [`msox_codec::Defect`]s out. Errors carry the absolute offset and
//! the structure path (`PATCH_BLK[2] > Chunk[5] > MainTree > pretree`).
//!
//! ```
//! use ms_patch::{Base, Patch, Target, WriteOptions};
//! use ms_patch::{apply_patch, compress_file, create_patch, decompress_file};
//! use msox_codec::Options;
//!
//! let old: Vec<u8> = (0..5000u32)
//!     .flat_map(|i| format!("cn=User{},ou={};", i * 7919 % 10007, i % 37).into_bytes())
//!     .collect();
//! let mut new = old.clone();
//! new.splice(5000..5000, *b"cn=Carol,ou=Sales;");
//!
//! // A compressed file (an OAB full download) ...
//! let file = compress_file(&new, &WriteOptions::level(6))?;
//! assert_eq!(decompress_file(&file, &Options::strict())?.value, new);
//!
//! // ... and a patch (a differential download), far smaller.
//! let patch = create_patch(Base(&old), Target(&new), &WriteOptions::level(6))?;
//! assert!(patch.len() < file.len() / 4);
//! assert_eq!(apply_patch(Base(&old), Patch(&patch), &Options::strict())?.value, new);
//!
//! // Damage is detected, never a panic: here a CRC of the first block.
//! let mut bad = patch.clone();
//! bad[40] ^= 0x40;
//! let err = apply_patch(Base(&old), Patch(&bad), &Options::strict()).unwrap_err();
//! assert_eq!(err.offset(), Some(40));
//! assert_eq!(err.path().to_string(), "PATCH_BLK[0]");
//! // Lenient mode keeps the output and reports the mismatch.
//! let read = apply_patch(Base(&old), Patch(&bad), &Options::lenient())?;
//! assert_eq!(read.value, new);
//! assert!(read.defects[0].to_string().starts_with("checksum mismatch"));
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Coverage
//!
//! | section | what | status |
//! |---|---|---|
//! | 2.1 | LZXD bitstream (16-bit words, MSB first) | [`bits`] |
//! | 2.2, 2.2.1 | chunks and the chunk-size prefix | [`decode`] (read and skipped) |
//! | 2.3.1 | block header: type, 24-bit size | [`decode`] |
//! | 2.3.2 | verbatim, aligned offset, uncompressed blocks | [`decode`] |
//! | 2.4 | E8 call translation (header bit, translation size, 32 KiB frames, first 1 GiB) | [`decode`] |
//! | 2.5 | pretree, delta-coded path lengths (codes 17, 18, 19) | [`decode`] |
//! | 2.6 | matches: length header/footer, position slots, repeated offsets R0..R2, aligned offset bits, extra length field | [`decode`] |
//! | 3 | the spec's example (an uncompressed block) | `test-vectors/patch/` |
//! | [MS-OXOAB] 2.11, 2.10 | LZX_HDR/LZX_BLK files, PATCH_HDR/PATCH_BLK patches, CRC (header file CRCs exclude the 12-byte OAB_HDR, 2.10.1) | [`lzxd`]: [`LzxdFile`], [`LzxdPatch`] and the four headers (Decode / Encode), decompression and patching (streaming), writing |
//! | — | encoder | [`encode`]: every structure above written; no reset intervals (CHM) when encoding |
//!
//! [MS-OXOAB] section numbers are those of the compressed OAB file and differential patch structures. CHM containers are `msox-chm` (their LZX streams decode with [`StreamParams::reset_interval`] and [`read_stream_prefix`]), cabinets `msox-cab`. Not covered: Quantum.
#![forbid(unsafe_code)]

pub mod bits;
pub mod consts;
pub mod decode;
pub mod encode;
pub mod huffman;
pub mod layout;
pub mod lzxd;

pub use decode::{
    BlockType, DecodedStream, Dialect, StreamParams, WindowMemory, decompress, decompress_to,
    decompress_to_in, decompress_with_blocks, read_stream, read_stream_prefix, read_stream_vec,
};
pub use encode::{EncodeOptions, compress};
pub use lzxd::{
    Base, DEFAULT_BLOCK_MAX, DEFAULT_PATCH_BLOCK, FileBlock, FileOptions, LzxBlockHeader,
    LzxHeader, LzxdFile, LzxdPatch, Patch, PatchBlock, PatchBlockHeader, PatchHeader, Target,
    WriteOptions, apply_patch, apply_patch_to, apply_patch_with, compress_file, crc32,
    create_patch, decompress_file, decompress_file_from, decompress_file_from_in,
    decompress_file_to, file_crc,
};
