//! The one error type every msox decoder and encoder returns.
//!
//! An [`Error`] says *what* went wrong ([`ErrorKind`]), *where* (the absolute
//! byte offset into the buffer the caller handed in) and *inside which
//! structure* (the path of structures being decoded, outermost first):
//!
//! ```text
//! invalid PropertyType 0x1234 at byte 812 in TnefStream > attMAPIProps > TaggedPropertyValue
//! ```
//!
//! # How offsets work
//!
//! Decoders read through a [`crate::Reader`], which knows the absolute
//! position of every byte in the caller's buffer (a sub-reader for a
//! length-prefixed body is a narrower window on the same buffer) and the
//! structure path of the decode session. An error raised by the reader
//! carries both, by construction: no caller has to rebase an offset. Data
//! produced from the input (decompressed, say) is read by a reader over a
//! [`Derived`] buffer, and its errors say so.

use std::borrow::Cow;
use std::fmt;

use crate::path::{Frame, Path};

/// What went wrong. Every variant renders as a short lower-case phrase.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ended inside a structure.
    #[error("unexpected end of input (needed {needed} bytes, {available} left)")]
    UnexpectedEnd {
        /// Bytes the structure needed at that point.
        needed: u64,
        /// Bytes that were left.
        available: u64,
    },
    /// A field holds a value the format does not allow here.
    #[error("invalid {field} 0x{value:X}")]
    InvalidValue {
        /// The field's name as the spec spells it.
        field: &'static str,
        /// The value read.
        value: u64,
    },
    /// A signature / magic number did not match.
    #[error("bad signature: expected 0x{expected:X}, found 0x{found:X}")]
    BadSignature {
        /// What the format requires.
        expected: u64,
        /// What the input holds.
        found: u64,
    },
    /// The input is malformed in a way best said in words.
    #[error("{0}")]
    Malformed(Cow<'static, str>),
    /// A count, size, depth or output length is over a [`crate::Limits`] cap
    /// or larger than the input could possibly hold.
    #[error("{what} {value} exceeds the limit {max}")]
    LimitExceeded {
        /// What was counted.
        what: &'static str,
        /// The value read or reached.
        value: u64,
        /// The cap.
        max: u64,
    },
    /// A checksum or CRC did not match the data.
    #[error("checksum mismatch: stored 0x{stored:X}, computed 0x{computed:X}")]
    ChecksumMismatch {
        /// Value stored in the input.
        stored: u64,
        /// Value computed over the data.
        computed: u64,
    },
    /// Bytes remained after a structure that must use all of its input.
    #[error("{count} trailing bytes")]
    TrailingBytes {
        /// How many bytes were left over.
        count: u64,
    },
    /// A string is not valid in its declared encoding (strict mode only;
    /// lenient decoding keeps the raw bytes instead).
    #[error("invalid {encoding} string")]
    BadString {
        /// The encoding name (`UTF-16LE`, `windows-1252`, ...).
        encoding: &'static str,
    },
    /// Encoding: a value does not fit the field that must carry it.
    #[error("{field} value {value} does not fit (maximum {max})")]
    ValueTooLarge {
        /// The field.
        field: &'static str,
        /// The value that was to be written.
        value: u64,
        /// The largest value the field can carry.
        max: u64,
    },
    /// Valid per the spec, but not implemented here.
    #[error("unsupported: {0}")]
    Unsupported(Cow<'static, str>),
    /// A nom combinator failed (used when nom parsers are composed with ours).
    #[error("parse failure ({0:?})")]
    Nom(nom::error::ErrorKind),
}

/// Position of an error in the caller's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// No position (encoding errors, errors about the input as a whole).
    None,
    /// Bytes of the parsed slice that remained at the point of failure (what
    /// a nom parser knows); turned into [`Pos::Absolute`] by
    /// [`crate::Reader::nom`] and the entry points.
    Remaining(usize),
    /// Absolute byte offset.
    Absolute(usize),
}

/// The buffer an offset counts in, when it is not the caller's buffer: data
/// produced from it (decompressed, de-obfuscated) whose bytes have no single
/// position in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Derived {
    /// What the buffer is (`"decompressed RTF"`).
    pub what: &'static str,
    /// Where the data it was produced from starts in the caller's buffer,
    /// when known.
    pub from: Option<usize>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    pos: Pos,
    derived: Option<Derived>,
    path: Path,
}

/// A decode or encode error: kind, byte offset and structure path.
///
/// Boxed, so a `Result<T, Error>` stays small on hot paths. See the
/// [module documentation](self) for the display format.
#[derive(Clone, PartialEq, Eq)]
pub struct Error(Box<Inner>);

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with no position.
    #[cold]
    pub fn new(kind: ErrorKind) -> Self {
        Error(Box::new(Inner {
            kind,
            pos: Pos::None,
            derived: None,
            path: Path::new(),
        }))
    }

    /// An error of `kind` at an absolute byte offset.
    #[cold]
    pub fn at_offset(kind: ErrorKind, offset: usize) -> Self {
        let mut e = Self::new(kind);
        e.0.pos = Pos::Absolute(offset);
        e
    }

    /// An error at the point where `remaining` bytes of a parsed slice were
    /// left (what a nom-style parser knows). [`crate::Reader::nom`] turns it
    /// into an absolute offset.
    #[cold]
    pub fn at_remaining(kind: ErrorKind, remaining: usize) -> Self {
        let mut e = Self::new(kind);
        e.0.pos = Pos::Remaining(remaining);
        e
    }

    /// Shorthand: [`ErrorKind::Malformed`] with no position.
    #[cold]
    pub fn malformed(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Malformed(message.into()))
    }

    /// Shorthand for encoders: [`ErrorKind::ValueTooLarge`].
    #[cold]
    pub fn too_large(field: &'static str, value: u64, max: u64) -> Self {
        Self::new(ErrorKind::ValueTooLarge { field, value, max })
    }

    /// Shorthand: [`ErrorKind::Unsupported`] with no position.
    #[cold]
    pub fn unsupported(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(ErrorKind::Unsupported(message.into()))
    }

    pub(crate) fn with_parts(
        kind: ErrorKind,
        offset: Option<usize>,
        derived: Option<Derived>,
        path: Path,
    ) -> Self {
        Error(Box::new(Inner {
            kind,
            pos: offset.map_or(Pos::None, Pos::Absolute),
            derived,
            path,
        }))
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// The byte offset: absolute in the caller's buffer, or in the
    /// [`Error::derived`] buffer when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self.0.pos {
            Pos::Absolute(o) => Some(o),
            _ => None,
        }
    }

    /// When the offset counts in data produced from the input
    /// (decompressed, say) rather than in the input itself: which.
    pub fn derived(&self) -> Option<Derived> {
        self.0.derived
    }

    /// The structures being decoded when the error happened, outermost first.
    pub fn path(&self) -> &Path {
        &self.0.path
    }

    /// Adds the name of a structure that contains the failure, outside the
    /// frames already recorded (for code without a reader: encoders, nom
    /// parsers, callers wrapping an error).
    #[must_use]
    pub fn context(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.0.path.push_outer(name);
        self
    }

    /// Sets the absolute offset if the error has none yet.
    #[must_use]
    pub fn or_at(mut self, offset: usize) -> Self {
        if self.0.pos == Pos::None {
            self.0.pos = Pos::Absolute(offset);
        }
        self
    }

    pub(crate) fn into_remaining(mut self, rem: usize) -> Self {
        self.0.pos = Pos::Remaining(rem);
        self.0.derived = None;
        self
    }

    /// The remaining-bytes position of a nom error, if that is what it has.
    pub(crate) fn remaining(&self) -> Option<usize> {
        match self.0.pos {
            Pos::Remaining(r) => Some(r),
            _ => None,
        }
    }

    pub(crate) fn set_located(
        &mut self,
        offset: Option<usize>,
        derived: Option<Derived>,
        outer: &[Frame],
    ) {
        self.0.pos = offset.map_or(Pos::None, Pos::Absolute);
        self.0.derived = derived;
        self.0.path.prefix(outer);
    }

    /// Turns a remaining-bytes position of a whole-buffer parse into an
    /// absolute offset, given the buffer's length (for nom parsers run on
    /// a whole buffer without a reader).
    #[must_use]
    pub fn resolve(mut self, total_len: usize) -> Self {
        if let Pos::Remaining(r) = self.0.pos {
            self.0.pos = Pos::Absolute(total_len.saturating_sub(r));
        }
        self
    }

    /// For an error whose absolute offset counts from a buffer that starts
    /// `base` bytes into the caller's: adds `base`.
    #[must_use]
    pub fn shift(mut self, base: usize) -> Self {
        if let Pos::Absolute(o) = self.0.pos {
            self.0.pos = Pos::Absolute(o.saturating_add(base));
        }
        self
    }

    /// Whether this error says the input ended early (so more input might help).
    pub fn is_unexpected_end(&self) -> bool {
        matches!(self.0.kind, ErrorKind::UnexpectedEnd { .. })
    }

    /// Whether this error is a [`ErrorKind::LimitExceeded`].
    pub fn is_limit(&self) -> bool {
        matches!(self.0.kind, ErrorKind::LimitExceeded { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.kind)?;
        match self.0.pos {
            Pos::Absolute(o) => write!(f, " at byte {o}")?,
            Pos::Remaining(r) => write!(f, " ({r} bytes before the end)")?,
            Pos::None => {}
        }
        if let Some(d) = self.0.derived {
            write!(f, " of the {}", d.what)?;
            if let Some(from) = d.from {
                write!(f, " (read from byte {from})")?;
            }
        }
        if !self.0.path.is_empty() {
            write!(f, " in {}", self.0.path)?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Error({self})")
    }
}

/// The kind is part of the message already, so it is not repeated as a source.
impl std::error::Error for Error {}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Self {
        Self::new(kind)
    }
}

/// Lets `?` turn an [`Error`] into the `nom::Err` that nom parsers return.
impl From<Error> for nom::Err<Error> {
    fn from(e: Error) -> Self {
        nom::Err::Error(e)
    }
}

impl nom::error::ParseError<&[u8]> for Error {
    fn from_error_kind(input: &[u8], kind: nom::error::ErrorKind) -> Self {
        let k = match kind {
            nom::error::ErrorKind::Eof | nom::error::ErrorKind::Complete => {
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: input.len() as u64,
                }
            }
            other => ErrorKind::Nom(other),
        };
        Self::at_remaining(k, input.len())
    }

    fn append(_input: &[u8], _kind: nom::error::ErrorKind, other: Self) -> Self {
        // Keep the innermost (most specific) error.
        other
    }

    fn or(self, other: Self) -> Self {
        // Of two alternatives, report the one that got further (fewer bytes left).
        match (self.0.pos, other.0.pos) {
            (Pos::Remaining(a), Pos::Remaining(b)) if a < b => self,
            _ => other,
        }
    }
}

impl nom::error::ContextError<&[u8]> for Error {
    fn add_context(_input: &[u8], ctx: &'static str, other: Self) -> Self {
        other.context(ctx)
    }
}

impl nom::error::FromExternalError<&[u8], Error> for Error {
    fn from_external_error(_input: &[u8], _kind: nom::error::ErrorKind, e: Error) -> Self {
        e
    }
}

/// Converts the `nom::Err` of a nom parser into a plain [`Error`].
/// `Incomplete` (never produced by complete-input parsers) becomes
/// [`ErrorKind::UnexpectedEnd`] at the end of the input.
pub fn from_nom(e: nom::Err<Error>) -> Error {
    match e {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        nom::Err::Incomplete(n) => {
            let needed = match n {
                nom::Needed::Size(s) => s.get() as u64,
                nom::Needed::Unknown => 1,
            };
            Error::at_remaining(
                ErrorKind::UnexpectedEnd {
                    needed,
                    available: 0,
                },
                0,
            )
        }
    }
}

/// Adds structure names to errors in `Result`s (for code that has no
/// reader; decoders push frames with [`crate::Reader::frame`] instead).
pub trait ResultExt<T> {
    /// Adds `name` outside the error's structure path.
    fn context(self, name: &'static str) -> Self;
    /// Adds a name computed only on error.
    fn with_context<F: FnOnce() -> String>(self, f: F) -> Self;
}

impl<T> ResultExt<T> for Result<T, Error> {
    fn context(self, name: &'static str) -> Self {
        self.map_err(|e| e.context(name))
    }
    fn with_context<F: FnOnce() -> String>(self, f: F) -> Self {
        self.map_err(|e| e.context(f()))
    }
}

impl<T> ResultExt<T> for Result<T, nom::Err<Error>> {
    fn context(self, name: &'static str) -> Self {
        self.map_err(|e| e.map(|e| e.context(name)))
    }
    fn with_context<F: FnOnce() -> String>(self, f: F) -> Self {
        self.map_err(|e| e.map(|e| e.context(f())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_has_kind_offset_and_path_outermost_first() {
        let e = Error::with_parts(
            ErrorKind::InvalidValue {
                field: "PropertyType",
                value: 0x1234,
            },
            Some(812),
            None,
            Path::from_frames(&[
                Frame::new("TnefStream"),
                Frame::new("attMAPIProps"),
                Frame::indexed("TaggedPropertyValue", 21),
            ]),
        );
        assert_eq!(
            e.to_string(),
            "invalid PropertyType 0x1234 at byte 812 in TnefStream > attMAPIProps > TaggedPropertyValue[21]"
        );
        assert_eq!(e.offset(), Some(812));
        assert!(e.path().starts_with(&["TnefStream", "attMAPIProps"]));
    }

    #[test]
    fn derived_buffers_say_so() {
        let e = Error::with_parts(
            ErrorKind::Malformed("bad token".into()),
            Some(7),
            Some(Derived {
                what: "decompressed RTF",
                from: Some(100),
            }),
            Path::from_frames(&[Frame::new("Rtf")]),
        );
        assert_eq!(
            e.to_string(),
            "bad token at byte 7 of the decompressed RTF (read from byte 100) in Rtf"
        );
    }

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn nom_context_combinator_builds_path() {
        use nom::Parser;
        use nom::error::context;
        use nom::number::complete::le_u32;
        let input = [1u8, 2];
        let r: nom::IResult<&[u8], u32, Error> = context("Header", le_u32).parse(&input[..]);
        let e = from_nom(r.unwrap_err()).resolve(2);
        assert!(e.is_unexpected_end());
        assert_eq!(e.path().names().collect::<Vec<_>>(), ["Header"]);
        assert_eq!(e.offset(), Some(0));
    }
}
