//! # msox-codec — the contract every msox crate is built on
//!
//! msox is a family of no-I/O codec crates for the Microsoft Exchange open
//! specifications. This crate holds what they all share, so a `TnefStream`
//! decodes the same way a `Guid` does:
//!
//! | item | what it is |
//! |---|---|
//! | [`Reader`] / [`Session`] | one decoding session: a bounds-checked cursor that knows the absolute offset of every byte, the structure path ([`Reader::frame`]), the budget ([`Limits`], summed over the decode), the [`Mode`] and the [`Defect`]s |
//! | [`Decode`] / [`Encode`] | decode from a [`Reader`]; encode into a [`bytes::BufMut`] with an exact [`Encode::encoded_len`]; [`Decode::decode_bytes`] is the one entry shape: bytes and [`Options`] in, value and defects out |
//! | [`DecodeWith`] / [`EncodeWith`] | the same for layouts that depend on earlier data or on context (column sets, 16- vs 32-bit counts) |
//! | [`Error`] / [`ErrorKind`] / [`Defect`] | one error type (what, absolute byte offset, structure path; a nom error too) and one defect type (an error lenient decoding read past, with what it did) |
//! | [`Limits`] / [`OutputBudget`] | caps on allocation, depth, items and output for a whole decode, output relative to input |
//! | [`Sink`] / [`WriteSink`] | where streaming decompressors and converters put output (a `Vec`, or any `std::io::Write`), so memory stays flat in the output size |
//! | [`Utf16String`] / [`String8`] / [`CodePage`] | lossless UTF-16LE and code-page strings (encoding_rs) |
//! | [`Writer`] / [`fit_u16`] / [`CountWidth`] | encoding: back-patched length prefixes, counts that fail cleanly when they do not fit |
//! | [`wire_enum!`] / [`wire_flags!`] | spec enumerations and flag sets as newtypes over the wire value: unknown values and bits kept |
//! | [`hex`] / [`crc`] | hex text for vectors and the command line; the CRC-32 several specs use |
//! | [`names`] | file names from the input made safe to create (the one rule every extractor uses) |
//!
//! ## Example
//!
//! ```
//! use msox_codec::{Decode, Encode, ErrorKind, Options, Reader, Result, Utf16String};
//! use bytes::BufMut;
//!
//! /// A made-up structure: a u16 count, then that many u32 values, then a
//! /// flag byte (0 or 1), then a null-terminated UTF-16 name.
//! #[derive(Debug, PartialEq)]
//! struct Thing { values: Vec<u32>, flag: u8, name: Utf16String }
//!
//! impl<'a> Decode<'a> for Thing {
//!     fn decode(r: &mut Reader<'a>) -> Result<Self> {
//!         r.frame("Thing", |r| {
//!             let n = r.u16()?;
//!             let values = r.counted(n.into(), 4, "value count", |r| r.u32())?;
//!             let flag = r.u8()?;
//!             if flag > 1 {
//!                 // strict: an error; lenient: a defect, and the value is kept
//!                 r.defect_at(ErrorKind::InvalidValue { field: "flag", value: flag.into() },
//!                             r.pos() - 1, "value kept as read")?;
//!             }
//!             let name = Utf16String::read_nul_terminated(r)?;
//!             Ok(Thing { values, flag, name })
//!         })
//!     }
//! }
//!
//! impl Encode for Thing {
//!     fn encoded_len(&self) -> usize { 2 + 4 * self.values.len() + 1 + self.name.byte_len() + 2 }
//!     fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
//!         buf.put_u16_le(msox_codec::fit_u16(self.values.len(), "value count")?);
//!         for v in &self.values { buf.put_u32_le(*v); }
//!         buf.put_u8(self.flag);
//!         self.name.write_nul_terminated(buf);
//!         Ok(())
//!     }
//! }
//!
//! let bytes = [2, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, b'o', 0, b'k', 0, 0, 0];
//! let thing = Thing::decode_exact(&bytes)?;
//! assert_eq!(thing.name.as_str(), "ok");
//! assert_eq!(thing.to_vec()?, bytes);
//!
//! // A count that the input cannot back is refused before anything is allocated:
//! let err = Thing::decode_exact(&[0xFF, 0xFF, 0, 0]).unwrap_err();
//! assert_eq!(err.to_string(), "value count 65535 exceeds the limit 0 at byte 2 in Thing");
//!
//! // A flag of 2: strict refuses, lenient keeps it and says so.
//! let mut odd = bytes;
//! odd[10] = 2;
//! let err = Thing::decode_exact(&odd).unwrap_err();
//! assert_eq!(err.to_string(), "invalid flag 0x2 at byte 10 in Thing");
//! let read = Thing::decode_bytes(&odd, &Options::lenient())?;
//! assert_eq!(read.value.flag, 2);
//! assert_eq!(read.defects[0].to_string(), "invalid flag 0x2 at byte 10 in Thing; value kept as read");
//! assert_eq!(read.value.to_vec()?, odd);
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Rules every decoder follows
//!
//! - Read through the [`Reader`] you are given; never make a new one over a
//!   piece of its buffer (use [`Reader::sub`] for a length-prefixed body,
//!   [`Reader::nested`] for a buffer that is not a window of the input), so
//!   offsets are absolute and the session (mode, budget, path, defects)
//!   goes everywhere.
//! - A count read off the wire is checked against the bytes that remain
//!   (and charged to the item budget) before it sizes an allocation or a loop
//!   ([`Reader::check_count`], [`Reader::counted`]); a copy of a declared size
//!   is charged with [`Reader::reserve_backed`].
//! - Recursion goes through [`Reader::nest`]; decompressors and converters
//!   charge their output ([`Reader::charge_output`], [`OutputBudget`]).
//! - What the spec does not allow is a [`Reader::defect`]: an error in
//!   strict mode, recorded and read past in lenient mode, at the smallest
//!   unit that can be delimited ([`Reader::unit`]); nothing is dropped silently.
//! - Unknown enum values, reserved fields and padding are kept, so
//!   `encode(decode(x)) == x` byte for byte.
//! - No `unsafe`, no panics reachable from input.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod crc;
pub mod error;
pub mod hex;
pub mod limits;
pub mod names;
pub mod path;
pub mod reader;
pub mod session;
pub mod sink;
pub mod strings;
pub mod traits;
mod wire_enum;
pub mod write;

pub use bytes;
pub use nom;

pub use error::{Derived, Error, ErrorKind, Result, ResultExt, from_nom};
pub use limits::{Depth, Limits, OutputBudget};
pub use path::{Frame, Path};
pub use reader::{Origin, Reader, Sub, Unit, as_nom};
pub use session::{Decoded, Defect, MAX_DEFECTS, Mode, Options, Session, Usage};
pub use sink::{CountingSink, Sink, WriteSink};
pub use strings::{CodePage, String8, Utf16String, decode_8bit};
pub use traits::{
    Decode, DecodeWith, Encode, EncodeWith, PResult, decode_bytes_with_reader, encode_checked,
};
pub use write::{CountWidth, Writer, fit_u8, fit_u16, fit_u32};
