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
//! Decoders follow the nom convention: they take the remaining input (always a
//! *suffix* of the caller's buffer) and return what is left. While an error
//! travels up through the decoders it records how many bytes of the buffer
//! remained at the point of failure; the entry points ([`crate::Decode::decode_exact`],
//! [`crate::decode_all`], ...) know the total length and turn that into an
//! absolute offset. Code that decodes a sub-slice (a length-prefixed body)
//! uses [`crate::Reader::sub`] or [`Error::rebase_sub`], so offsets stay
//! absolute without any bookkeeping in the structure code.

use std::borrow::Cow;
use std::fmt;

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
    /// Bytes of the caller's buffer that remained at the point of failure;
    /// turned into [`Pos::Absolute`] by the decode entry points.
    Remaining(usize),
    /// Absolute byte offset from the start of the caller's buffer.
    Absolute(usize),
}

/// A decode or encode error: kind, byte offset and structure path.
///
/// See the [module documentation](self) for the display format and how the
/// offset is computed.
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    pos: Pos,
    /// Innermost structure first (the order errors bubble up in).
    path: Vec<Cow<'static, str>>,
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error of `kind` with no position yet.
    pub fn new(kind: ErrorKind) -> Self {
        Self {
            kind,
            pos: Pos::None,
            path: Vec::new(),
        }
    }

    /// An error of `kind` at the point where `remaining` bytes of the
    /// caller's buffer were left (what a decoder knows from its input slice:
    /// `input.len()`).
    pub fn at_remaining(kind: ErrorKind, remaining: usize) -> Self {
        Self {
            kind,
            pos: Pos::Remaining(remaining),
            path: Vec::new(),
        }
    }

    /// An error of `kind` at the front of `input` (a suffix of the caller's buffer).
    pub fn at(kind: ErrorKind, input: &[u8]) -> Self {
        Self::at_remaining(kind, input.len())
    }

    /// An error of `kind` at an absolute byte offset.
    pub fn at_offset(kind: ErrorKind, offset: usize) -> Self {
        Self {
            kind,
            pos: Pos::Absolute(offset),
            path: Vec::new(),
        }
    }

    /// Shorthand: [`ErrorKind::Malformed`] at the front of `input`.
    pub fn malformed(message: impl Into<Cow<'static, str>>, input: &[u8]) -> Self {
        Self::at(ErrorKind::Malformed(message.into()), input)
    }

    /// Shorthand: [`ErrorKind::InvalidValue`] at the front of `input`.
    pub fn invalid(field: &'static str, value: u64, input: &[u8]) -> Self {
        Self::at(ErrorKind::InvalidValue { field, value }, input)
    }

    /// Shorthand for encoders: [`ErrorKind::ValueTooLarge`].
    pub fn too_large(field: &'static str, value: u64, max: u64) -> Self {
        Self::new(ErrorKind::ValueTooLarge { field, value, max })
    }

    /// Shorthand: [`ErrorKind::LimitExceeded`] at the front of `input`.
    pub fn limit(what: &'static str, value: u64, max: u64, input: &[u8]) -> Self {
        Self::at(ErrorKind::LimitExceeded { what, value, max }, input)
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The absolute byte offset, once known. Errors returned by the decode
    /// entry points always have one when they concern a position in the input.
    pub fn offset(&self) -> Option<usize> {
        match self.pos {
            Pos::Absolute(o) => Some(o),
            _ => None,
        }
    }

    /// The structures being decoded when the error happened, outermost first.
    pub fn path(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.path.iter().rev().map(|s| s.as_ref())
    }

    /// Adds the name of the structure that contains the failure (called as
    /// the error travels outward, so the innermost name is added first).
    #[must_use]
    pub fn context(mut self, name: impl Into<Cow<'static, str>>) -> Self {
        self.path.push(name.into());
        self
    }

    /// Turns a remaining-bytes position into an absolute offset, given the
    /// length of the caller's whole buffer. Called by the decode entry points;
    /// call it yourself only when you drive decoders by hand.
    #[must_use]
    pub fn resolve(mut self, total_len: usize) -> Self {
        if let Pos::Remaining(r) = self.pos {
            self.pos = Pos::Absolute(total_len.saturating_sub(r));
        }
        self
    }

    /// For an error from decoding a sub-slice that is followed by `after`
    /// more bytes of the enclosing buffer: makes its position relative to
    /// the enclosing buffer again. An absolute offset (from a nested entry
    /// point that was given the sub-slice alone) is left for [`Error::shift`].
    #[must_use]
    pub fn rebase_sub(mut self, after: usize) -> Self {
        if let Pos::Remaining(r) = self.pos {
            self.pos = Pos::Remaining(r.saturating_add(after));
        }
        self
    }

    /// For an error whose absolute offset is relative to a nested buffer that
    /// starts `base` bytes into the caller's: adds `base`.
    #[must_use]
    pub fn shift(mut self, base: usize) -> Self {
        if let Pos::Absolute(o) = self.pos {
            self.pos = Pos::Absolute(o.saturating_add(base));
        }
        self
    }

    /// Whether this error says the input ended early (so more input might help).
    pub fn is_unexpected_end(&self) -> bool {
        matches!(self.kind, ErrorKind::UnexpectedEnd { .. })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        match self.pos {
            Pos::Absolute(o) => write!(f, " at byte {o}")?,
            Pos::Remaining(r) => write!(f, " ({r} bytes before the end)")?,
            Pos::None => {}
        }
        if !self.path.is_empty() {
            f.write_str(" in ")?;
            for (i, p) in self.path().enumerate() {
                if i > 0 {
                    f.write_str(" > ")?;
                }
                f.write_str(p)?;
            }
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

/// Lets `?` turn an [`Error`] into the `nom::Err` that nom-style decoders return.
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
        Self::at(k, input)
    }

    fn append(_input: &[u8], _kind: nom::error::ErrorKind, other: Self) -> Self {
        // Keep the innermost (most specific) error.
        other
    }

    fn or(self, other: Self) -> Self {
        // Of two alternatives, report the one that got further (fewer bytes left).
        match (self.pos, other.pos) {
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

/// Converts the `nom::Err` of a nom-style decoder into a plain [`Error`].
/// `Incomplete` (never produced by msox decoders, which are complete-input
/// parsers) becomes [`ErrorKind::UnexpectedEnd`] at the end of input.
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

/// Adds structure names to errors in `Result`s, the imperative twin of
/// `nom::error::context`.
pub trait ResultExt<T> {
    /// Adds `name` to the error's structure path.
    fn context(self, name: &'static str) -> Self;
    /// Adds a name computed only on error (e.g. `attachment 3`).
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
        let e = Error::at_remaining(
            ErrorKind::InvalidValue {
                field: "PropertyType",
                value: 0x1234,
            },
            188,
        )
        .context("TaggedPropertyValue")
        .context("attMAPIProps")
        .context("TnefStream")
        .resolve(1000);
        assert_eq!(
            e.to_string(),
            "invalid PropertyType 0x1234 at byte 812 in TnefStream > attMAPIProps > TaggedPropertyValue"
        );
        assert_eq!(e.offset(), Some(812));
    }

    #[test]
    fn rebase_sub_then_resolve_gives_offset_in_outer_buffer() {
        // outer: 100 bytes; sub-slice is bytes 10..30 (70 bytes after it);
        // failure 5 bytes into the sub-slice => 15 bytes of the sub-slice left.
        let e = Error::at_remaining(ErrorKind::Malformed("x".into()), 15)
            .rebase_sub(70)
            .resolve(100);
        assert_eq!(e.offset(), Some(15));
    }

    #[test]
    fn shift_moves_nested_absolute_offsets() {
        let e = Error::at_offset(ErrorKind::TrailingBytes { count: 1 }, 4).shift(10);
        assert_eq!(e.offset(), Some(14));
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
        assert_eq!(e.path().collect::<Vec<_>>(), ["Header"]);
        assert_eq!(e.offset(), Some(0));
    }
}
