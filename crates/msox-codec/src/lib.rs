//! # msox-codec — the contract every msox crate is built on
//!
//! msox is a family of no-I/O codec crates for the Microsoft Exchange open
//! specifications. This crate holds what they all share, so a `TnefStream`
//! decodes the same way a `Guid` does:
//!
//! | item | what it is |
//! |---|---|
//! | [`Decode`] / [`Encode`] | decode from the front of a byte slice (nom style, returns the rest); encode into a [`bytes::BufMut`] with an exact [`Encode::encoded_len`] |
//! | [`DecodeWith`] / [`EncodeWith`] | the same for layouts that depend on earlier data or on context (column sets, 16- vs 32-bit counts) |
//! | [`Error`] / [`ErrorKind`] | one error type: what, the absolute byte offset, the path of structures; a nom error too |
//! | [`Limits`] / [`Depth`] | caps on allocation, nesting depth, decompressed output and item counts |
//! | [`Reader`] | a bounds-checked little-endian cursor; checks counts against the remaining input before allocating |
//! | [`Utf16String`] / [`String8`] / [`CodePage`] | lossless UTF-16LE and code-page strings (encoding_rs) |
//! | [`fit_u16`] / [`CountWidth`] | encoding fails cleanly when a value does not fit its field |
//! | [`wire_enum!`] | spec enumerations that keep unknown values |
//! | [`hex`] | hex text for vectors and the command line |
//!
//! ## Example
//!
//! ```
//! use msox_codec::{Decode, Encode, PResult, Reader, Result, ResultExt, Utf16String};
//! use bytes::BufMut;
//!
//! /// A made-up structure: a u16 count, then that many u32 values, then a
//! /// null-terminated UTF-16 name.
//! #[derive(Debug, PartialEq)]
//! struct Thing { values: Vec<u32>, name: Utf16String }
//!
//! impl<'a> Decode<'a> for Thing {
//!     fn decode(input: &'a [u8]) -> PResult<'a, Self> {
//!         let mut r = Reader::new(input);
//!         let n = r.u16()?;
//!         let values = r
//!             .counted(n.into(), 4, "value count", &Default::default(), |r| r.u32())
//!             .context("Thing")?;
//!         let name = Utf16String::read_nul_terminated(&mut r).context("Thing")?;
//!         r.finish(Thing { values, name })
//!     }
//! }
//!
//! impl Encode for Thing {
//!     fn encoded_len(&self) -> usize { 2 + 4 * self.values.len() + self.name.byte_len() + 2 }
//!     fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
//!         buf.put_u16_le(msox_codec::fit_u16(self.values.len(), "value count")?);
//!         for v in &self.values { buf.put_u32_le(*v); }
//!         self.name.write_nul_terminated(buf);
//!         Ok(())
//!     }
//! }
//!
//! let bytes = [2, 0, 1, 0, 0, 0, 2, 0, 0, 0, b'o', 0, b'k', 0, 0, 0];
//! let thing = Thing::decode_exact(&bytes)?;
//! assert_eq!(thing.name.as_str(), "ok");
//! assert_eq!(thing.to_vec()?, bytes);
//!
//! // A count that the input cannot back is refused before anything is allocated:
//! let err = Thing::decode_exact(&[0xFF, 0xFF, 0, 0]).unwrap_err();
//! assert_eq!(err.to_string(), "value count 65535 exceeds the limit 0 at byte 2 in Thing");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Rules every decoder follows
//!
//! - A count read off the wire is checked against the bytes that remain (or
//!   a [`Limits`] cap) before it sizes an allocation or a loop
//!   ([`Reader::check_count`], [`Reader::counted`]).
//! - Recursion carries a [`Depth`]; decompressors take a maximum output size.
//! - Unknown enum values, reserved fields and padding are kept, so
//!   `encode(decode(x)) == x` byte for byte.
//! - No `unsafe`, no panics reachable from input.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod crc;
pub mod error;
pub mod hex;
pub mod limits;
pub mod reader;
pub mod strings;
pub mod traits;
mod wire_enum;
pub mod write;

pub use bytes;
pub use nom;

pub use error::{Error, ErrorKind, Result, ResultExt, from_nom};
pub use limits::{Depth, Limits};
pub use reader::Reader;
pub use strings::{CodePage, String8, Utf16String, decode_8bit};
pub use traits::{
    Decode, DecodeWith, Encode, EncodeWith, PResult, decode_all, decode_front, encode_checked,
};
pub use write::{CountWidth, fit_u8, fit_u16, fit_u32};
