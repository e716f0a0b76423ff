//! [`Reader`]: the cursor of a decoding session.
//!
//! A reader is a window on the caller's buffer plus the [`Session`] of the
//! decode. Positions are indexes into the caller's buffer, so an error
//! raised anywhere has its absolute offset by construction; a sub-reader for
//! a length-prefixed body ([`Reader::sub`]) is a narrower window on the same
//! buffer, not a new slice. The session travels with the reader: the mode,
//! the budget, the structure path ([`Reader::frame`]) and the defects.

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use crate::error::{Derived, Error, ErrorKind, Result, from_nom};
use crate::limits::Limits;
use crate::path::{Frame, Path};
use crate::session::{Decoded, Defect, Mode, Options, Session};
use crate::traits::{Decode, DecodeWith, PResult};

/// Where a nested buffer's bytes are, for [`Reader::nested`].
#[derive(Clone, Copy)]
pub enum Origin<'b> {
    /// The buffer is a contiguous piece of the input starting at this
    /// offset (in the same space as [`Reader::offset`] of the reader that
    /// nests it).
    At(usize),
    /// The buffer's bytes are scattered over the input (a stream in a
    /// compound file's sector chain): the function maps a position in the
    /// buffer to its offset in the input.
    Mapped(&'b dyn Fn(usize) -> Option<usize>),
    /// The buffer is produced from the input (decompressed, decrypted):
    /// offsets count in it, and errors name it.
    Derived(&'static str),
}

impl std::fmt::Debug for Origin<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::At(o) => write!(f, "At({o})"),
            Origin::Mapped(_) => f.write_str("Mapped(..)"),
            Origin::Derived(w) => write!(f, "Derived({w:?})"),
        }
    }
}

#[derive(Clone, Copy)]
struct Space<'a> {
    base: usize,
    map: Option<&'a dyn Fn(usize) -> Option<usize>>,
    derived: Option<Derived>,
}

impl Space<'_> {
    const ROOT: Space<'static> = Space {
        base: 0,
        map: None,
        derived: None,
    };

    #[inline]
    fn offset(&self, pos: usize) -> Option<usize> {
        match self.map {
            Some(f) => f(pos),
            None => Some(self.base.saturating_add(pos)),
        }
    }
}

/// A bounds-checked little-endian cursor over the caller's buffer, carrying
/// the decoding [`Session`].
///
/// ```
/// use msox_codec::{Decode, Reader, Result};
///
/// #[derive(Debug, PartialEq)]
/// struct Pair { a: u16, b: u32 }
///
/// impl<'a> Decode<'a> for Pair {
///     fn decode(r: &mut Reader<'a>) -> Result<Self> {
///         r.frame("Pair", |r| Ok(Pair { a: r.u16()?, b: r.u32()? }))
///     }
/// }
///
/// assert_eq!(Pair::decode_exact(&[1, 0, 2, 0, 0, 0]).unwrap(), Pair { a: 1, b: 2 });
/// let err = Pair::decode_exact(&[1, 0, 2]).unwrap_err();
/// assert_eq!(err.offset(), Some(2));
/// assert_eq!(err.to_string(), "unexpected end of input (needed 4 bytes, 1 left) at byte 2 in Pair");
/// ```
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
    end: usize,
    space: Space<'a>,
    session: Session,
}

impl std::fmt::Debug for Reader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader")
            .field("pos", &self.pos)
            .field("end", &self.end)
            .field("len", &self.buf.len())
            .field("path", &Path::from_frames(&self.session.path))
            .finish()
    }
}

macro_rules! le_reader {
    ($($(#[$m:meta])* $name:ident -> $t:ty),* $(,)?) => {$(
        $(#[$m])*
        #[inline]
        pub fn $name(&mut self) -> Result<$t> {
            let a = self.array::<{ std::mem::size_of::<$t>() }>()?;
            Ok(<$t>::from_le_bytes(a))
        }
    )*};
}

macro_rules! be_reader {
    ($($(#[$m:meta])* $name:ident -> $t:ty),* $(,)?) => {$(
        $(#[$m])*
        #[inline]
        pub fn $name(&mut self) -> Result<$t> {
            let a = self.array::<{ std::mem::size_of::<$t>() }>()?;
            Ok(<$t>::from_be_bytes(a))
        }
    )*};
}

impl<'a> Reader<'a> {
    /// A reader over the whole of `buf` with the default [`Options`]
    /// (lenient, default limits).
    pub fn new(buf: &'a [u8]) -> Self {
        Self::with_options(buf, &Options::default())
    }

    /// A reader over the whole of `buf` starting a session with `options`.
    pub fn with_options(buf: &'a [u8], options: &Options) -> Self {
        Self::with_session(buf, Session::new(*options, buf.len()))
    }

    /// A reader over `buf` that continues `session` (a decode that reads
    /// several buffers in turn); offsets count from the start of `buf`.
    pub fn with_session(buf: &'a [u8], session: Session) -> Self {
        Reader {
            buf,
            pos: 0,
            end: buf.len(),
            space: Space::ROOT,
            session,
        }
    }

    /// Like [`Reader::with_session`], for a buffer whose bytes come from
    /// `origin` in the input.
    pub fn with_session_at(buf: &'a [u8], origin: Origin<'a>, session: Session) -> Self {
        let mut r = Self::with_session(buf, session);
        r.space = match origin {
            Origin::At(base) => Space {
                base,
                map: None,
                derived: None,
            },
            Origin::Mapped(f) => Space {
                base: 0,
                map: Some(f),
                derived: None,
            },
            Origin::Derived(what) => Space {
                base: 0,
                map: None,
                derived: Some(Derived { what, from: None }),
            },
        };
        r
    }

    /// Ends the session: the defects recorded, and the session itself.
    pub fn into_session(self) -> Session {
        self.session
    }

    /// Ends the session, returning `value` with the defects recorded.
    pub fn into_decoded<T>(mut self, value: T) -> Decoded<T> {
        Decoded {
            value,
            defects: self.session.take_defects(),
        }
    }

    // ---- the session ------------------------------------------------------

    /// The session (options, budget, path, defects).
    #[inline]
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The session, mutably.
    #[inline]
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// The options of the session.
    #[inline]
    pub fn options(&self) -> &Options {
        &self.session.options
    }

    /// The limits of the session.
    #[inline]
    pub fn limits(&self) -> &Limits {
        &self.session.options.limits
    }

    /// The mode of the session.
    #[inline]
    pub fn mode(&self) -> Mode {
        self.session.options.mode
    }

    /// Whether the session is strict.
    #[inline]
    pub fn is_strict(&self) -> bool {
        self.session.options.is_strict()
    }

    // ---- positions --------------------------------------------------------

    /// The current position, as an index into the buffer this reader was
    /// made over (sub-readers share their parent's positions).
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The end of this reader's window in the buffer.
    #[inline]
    pub fn end(&self) -> usize {
        self.end
    }

    /// The absolute offset of the current position in the input.
    #[inline]
    pub fn offset(&self) -> usize {
        self.offset_of(self.pos)
    }

    /// The absolute offset of a position of this reader's buffer.
    #[inline]
    pub fn offset_of(&self, pos: usize) -> usize {
        self.space.offset(pos).unwrap_or(pos)
    }

    /// Bytes not yet consumed in this window.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.end.saturating_sub(self.pos)
    }

    /// Whether the window is consumed.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos >= self.end
    }

    /// The unconsumed bytes of the window (without consuming them).
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..self.end).unwrap_or_default()
    }

    /// The whole buffer this reader was made over (every window of it).
    #[inline]
    pub fn buffer(&self) -> &'a [u8] {
        self.buf
    }

    /// The bytes of the buffer between two positions (for a structure that
    /// keeps the bytes it was decoded from). Empty when out of range.
    #[inline]
    pub fn slice(&self, from: usize, to: usize) -> &'a [u8] {
        self.buf.get(from..to).unwrap_or_default()
    }

    /// The bytes consumed since position `from`.
    #[inline]
    pub fn since(&self, from: usize) -> &'a [u8] {
        self.slice(from, self.pos)
    }

    /// Moves back (or forward, within the window) to a position taken from
    /// [`Reader::pos`].
    pub fn seek(&mut self, pos: usize) -> Result<()> {
        if pos > self.end {
            return Err(self.error(ErrorKind::UnexpectedEnd {
                needed: (pos - self.pos.min(pos)) as u64,
                available: self.remaining() as u64,
            }));
        }
        self.pos = pos;
        Ok(())
    }

    // ---- errors and defects -------------------------------------------------

    /// An error of `kind` at the current position, with the session's path.
    #[cold]
    pub fn error(&self, kind: ErrorKind) -> Error {
        self.error_at(kind, self.pos)
    }

    /// An error of `kind` at a position of this reader's buffer (for a field
    /// read before the problem was noticed).
    #[cold]
    pub fn error_at(&self, kind: ErrorKind, pos: usize) -> Error {
        Error::with_parts(
            kind,
            self.space.offset(pos),
            self.space.derived,
            Path::from_frames(&self.session.path),
        )
    }

    /// [`ErrorKind::InvalidValue`] at the current position.
    #[cold]
    pub fn invalid(&self, field: &'static str, value: u64) -> Error {
        self.error(ErrorKind::InvalidValue { field, value })
    }

    /// [`ErrorKind::InvalidValue`] at a position of this reader's buffer.
    #[cold]
    pub fn invalid_at(&self, field: &'static str, value: u64, pos: usize) -> Error {
        self.error_at(ErrorKind::InvalidValue { field, value }, pos)
    }

    /// [`ErrorKind::Malformed`] at the current position.
    #[cold]
    pub fn malformed(&self, message: impl Into<Cow<'static, str>>) -> Error {
        self.error(ErrorKind::Malformed(message.into()))
    }

    /// [`ErrorKind::Unsupported`] at the current position.
    #[cold]
    pub fn unsupported(&self, message: impl Into<Cow<'static, str>>) -> Error {
        self.error(ErrorKind::Unsupported(message.into()))
    }

    /// Puts this reader's position and path on an error that has none (an
    /// error from code without a reader, such as a decompressor).
    #[cold]
    pub fn locate(&self, e: Error, pos: usize) -> Error {
        if e.offset().is_some() || e.remaining().is_some() {
            return e;
        }
        let mut e = e;
        e.set_located(
            self.space.offset(pos),
            self.space.derived,
            &self.session.path,
        );
        e
    }

    /// Something the spec does not allow, at the current position: an
    /// error in strict mode; in lenient mode recorded as a [`Defect`] with
    /// `action` (what the decoder does about it), and decoding goes on.
    pub fn defect(&mut self, kind: ErrorKind, action: impl Into<Cow<'static, str>>) -> Result<()> {
        self.defect_at(kind, self.pos, action)
    }

    /// [`Reader::defect`] at a position of this reader's buffer.
    pub fn defect_at(
        &mut self,
        kind: ErrorKind,
        pos: usize,
        action: impl Into<Cow<'static, str>>,
    ) -> Result<()> {
        let e = self.error_at(kind, pos);
        self.tolerate(e, action)
    }

    /// An error that lenient decoding reads past: returned in strict mode,
    /// recorded as a [`Defect`] with `action` in lenient mode.
    pub fn tolerate(&mut self, error: Error, action: impl Into<Cow<'static, str>>) -> Result<()> {
        if self.is_strict() {
            Err(error)
        } else {
            self.session.push_defect(Defect::new(error, action));
            Ok(())
        }
    }

    /// The defects recorded so far in this session.
    pub fn defects(&self) -> &[Defect] {
        &self.session.defects
    }

    // ---- structure path -----------------------------------------------------

    /// Runs `f` inside a structure named `name`: the name is on the path of
    /// every error and defect raised inside.
    #[inline]
    pub fn frame<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.within(Frame::new(name), f)
    }

    /// Runs `f` inside the `index`-th element of a list named `name`.
    #[inline]
    pub fn frame_indexed<T>(
        &mut self,
        name: &'static str,
        index: usize,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.within(Frame::indexed(name, index as u64), f)
    }

    /// Runs `f` inside `frame`.
    #[inline]
    pub fn within<T>(&mut self, frame: Frame, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.session.path.push(frame);
        let depth = self.session.path.len();
        let r = f(self);
        self.session.path.truncate(depth - 1);
        r
    }

    /// Runs `f` one nesting level deeper inside a structure named `name`:
    /// [`ErrorKind::LimitExceeded`] past [`Limits::max_depth`]. Every
    /// recursive decoder goes through here.
    pub fn nest<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.nest_in(Frame::new(name), f)
    }

    /// [`Reader::nest`] with a full frame.
    pub fn nest_in<T>(
        &mut self,
        frame: Frame,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        let depth = self.session.usage.depth.saturating_add(1);
        let max = self.session.options.limits.max_depth;
        if depth > max {
            return Err(self.error(ErrorKind::LimitExceeded {
                what: "nesting depth",
                value: u64::from(depth),
                max: u64::from(max),
            }));
        }
        self.session.usage.depth = depth;
        let r = self.within(frame, f);
        self.session.usage.depth = depth - 1;
        r
    }

    /// One nesting level deeper without a closure, for decoders that keep
    /// their own stack instead of recursing (so deep input cannot overflow the
    /// native stack): [`ErrorKind::LimitExceeded`] past
    /// [`Limits::max_depth`]. Pair every successful call with
    /// [`Reader::leave_depth`].
    pub fn enter_depth(&mut self) -> Result<()> {
        let depth = self.session.usage.depth.saturating_add(1);
        let max = self.session.options.limits.max_depth;
        if depth > max {
            return Err(self.error(ErrorKind::LimitExceeded {
                what: "nesting depth",
                value: u64::from(depth),
                max: u64::from(max),
            }));
        }
        self.session.usage.depth = depth;
        Ok(())
    }

    /// One nesting level up (see [`Reader::enter_depth`]).
    pub fn leave_depth(&mut self) {
        self.session.usage.depth = self.session.usage.depth.saturating_sub(1);
    }

    /// The current nesting depth.
    pub fn depth(&self) -> u32 {
        self.session.usage.depth
    }

    /// Sets the variant of the innermost frame (once the decoder knows which
    /// kind of structure it is reading).
    #[inline]
    pub fn set_variant(&mut self, variant: &'static str) {
        if let Some(f) = self.session.path.last_mut() {
            *f = f.with_variant(variant);
        }
    }

    /// Sets the index of the innermost frame.
    #[inline]
    pub fn set_index(&mut self, index: usize) {
        if let Some(f) = self.session.path.last_mut() {
            *f = f.with_index(index as u64);
        }
    }

    /// Pushes a frame that the caller pops with [`Reader::pop_frame`] (for
    /// iterators that cannot wrap their work in a closure).
    #[inline]
    pub fn push_frame(&mut self, frame: Frame) {
        self.session.path.push(frame);
    }

    /// Pops the innermost frame.
    #[inline]
    pub fn pop_frame(&mut self) {
        self.session.path.pop();
    }

    /// The current structure path.
    pub fn path(&self) -> Path {
        Path::from_frames(&self.session.path)
    }

    // ---- budget -------------------------------------------------------------

    /// Checks a count read off the input before anything is allocated or
    /// looped over, and charges it to the session's item budget: `count`
    /// elements of at least `min_size` bytes each must fit in the rest of the
    /// window (for `min_size == 0`, only the item budget applies).
    pub fn check_count(
        &mut self,
        count: u64,
        min_size: usize,
        what: &'static str,
    ) -> Result<usize> {
        let remaining = self.remaining() as u64;
        if min_size > 0 && count > remaining / min_size as u64 {
            return Err(self.error(ErrorKind::LimitExceeded {
                what,
                value: count,
                max: remaining / min_size as u64,
            }));
        }
        let n = usize::try_from(count).map_err(|_| {
            self.error(ErrorKind::LimitExceeded {
                what,
                value: count,
                max: usize::MAX as u64,
            })
        })?;
        self.session
            .charge_items(n, what)
            .map_err(|k| self.error(k))?;
        Ok(n)
    }

    /// Reads `count` elements with `f` after [`Reader::check_count`]; the
    /// vector is sized from the checked count (capped, never on trust).
    pub fn counted<T>(
        &mut self,
        count: u64,
        min_size: usize,
        what: &'static str,
        mut f: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec<T>> {
        let n = self.check_count(count, min_size, what)?;
        let mut v = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let before = self.pos;
            v.push(f(self)?);
            if self.pos == before && min_size > 0 {
                return Err(self.malformed("element decoder consumed no input"));
            }
        }
        Ok(v)
    }

    /// Charges `n` items (records, elements) to the session's item budget.
    #[inline]
    pub fn charge_items(&mut self, n: usize, what: &'static str) -> Result<()> {
        self.session.charge_items(n, what).map_err(|k| self.error(k))
    }

    /// Charges `n` bytes, about to be allocated from a size the input
    /// declared, to the session's allocation budget.
    #[inline]
    pub fn reserve(&mut self, n: usize, what: &'static str) -> Result<()> {
        self.session
            .charge_alloc(n, what)
            .map_err(|k| self.error(k))
    }

    /// Like [`Reader::reserve`], for a copy of input bytes: `n` must also
    /// fit in the rest of the window (a declared size the input cannot back
    /// is refused, never reserved on trust).
    #[inline]
    pub fn reserve_backed(&mut self, n: usize, what: &'static str) -> Result<()> {
        if n > self.remaining() {
            return Err(self.error(ErrorKind::LimitExceeded {
                what,
                value: n as u64,
                max: self.remaining() as u64,
            }));
        }
        self.reserve(n, what)
    }

    /// Charges `n` bytes of produced output (decompressed, converted) to
    /// the session's output budget.
    #[inline]
    pub fn charge_output(&mut self, n: usize) -> Result<()> {
        self.session.charge_output(n).map_err(|k| self.error(k))
    }

    /// A capacity to reserve for `declared` elements of `min_size` input
    /// bytes each: at most what the rest of the window can back.
    #[inline]
    pub fn capacity_for(&self, declared: usize, min_size: usize) -> usize {
        declared.min(self.remaining() / min_size.max(1))
    }

    // ---- reads --------------------------------------------------------------

    #[cold]
    fn eof(&self, needed: usize) -> Error {
        self.error(ErrorKind::UnexpectedEnd {
            needed: needed as u64,
            available: self.remaining() as u64,
        })
    }

    /// Takes the next `n` bytes.
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        match self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.end)
            .and_then(|e| self.buf.get(self.pos..e))
        {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(self.eof(n)),
        }
    }

    /// Takes the next `N` bytes as an array.
    #[inline]
    pub fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let s = self.bytes(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    /// Takes all remaining bytes of the window.
    #[inline]
    pub fn take_rest(&mut self) -> &'a [u8] {
        let s = self.rest();
        self.pos = self.pos.max(self.end);
        s
    }

    /// Skips `n` bytes.
    #[inline]
    pub fn skip(&mut self, n: usize) -> Result<()> {
        self.bytes(n).map(|_| ())
    }

    /// The next byte without consuming it.
    #[inline]
    pub fn peek_u8(&self) -> Option<u8> {
        self.rest().first().copied()
    }

    /// The next `n` bytes without consuming them.
    #[inline]
    pub fn peek(&self, n: usize) -> Result<&'a [u8]> {
        self.rest().get(..n).ok_or_else(|| self.eof(n))
    }

    /// The next little-endian `u16` without consuming it.
    #[inline]
    pub fn peek_u16(&self) -> Option<u16> {
        self.rest()
            .first_chunk::<2>()
            .map(|a| u16::from_le_bytes(*a))
    }

    /// The next little-endian `u32` without consuming it.
    #[inline]
    pub fn peek_u32(&self) -> Option<u32> {
        self.rest()
            .first_chunk::<4>()
            .map(|a| u32::from_le_bytes(*a))
    }

    /// A byte.
    #[inline]
    pub fn u8(&mut self) -> Result<u8> {
        let [b] = self.array::<1>()?;
        Ok(b)
    }

    /// A signed byte.
    #[inline]
    pub fn i8(&mut self) -> Result<i8> {
        let [b] = self.array::<1>()?;
        Ok(i8::from_le_bytes([b]))
    }

    le_reader! {
        /// A little-endian `u16`.
        u16 -> u16,
        /// A little-endian `u32`.
        u32 -> u32,
        /// A little-endian `u64`.
        u64 -> u64,
        /// A little-endian `u128`.
        u128 -> u128,
        /// A little-endian `i16`.
        i16 -> i16,
        /// A little-endian `i32`.
        i32 -> i32,
        /// A little-endian `i64`.
        i64 -> i64,
        /// A little-endian IEEE 754 `f32`.
        f32 -> f32,
        /// A little-endian IEEE 754 `f64`.
        f64 -> f64,
    }

    be_reader! {
        /// A big-endian `u16`.
        u16_be -> u16,
        /// A big-endian `u32`.
        u32_be -> u32,
        /// A big-endian `u64`.
        u64_be -> u64,
    }

    /// A `u32` length or count, as `usize`.
    #[inline]
    pub fn u32_usize(&mut self) -> Result<usize> {
        let at = self.pos;
        let v = self.u32()?;
        usize::try_from(v).map_err(|_| self.invalid_at("length", u64::from(v), at))
    }

    /// The bytes up to a 0x00 terminator, borrowed (the terminator is
    /// consumed, not returned).
    pub fn bytes_nul_terminated(&mut self) -> Result<&'a [u8]> {
        let rest = self.rest();
        match rest.iter().position(|&b| b == 0) {
            Some(n) => {
                let s = self.bytes(n)?;
                self.skip(1)?;
                Ok(s)
            }
            None => Err(self.error(ErrorKind::UnexpectedEnd {
                needed: rest.len() as u64 + 1,
                available: rest.len() as u64,
            })),
        }
    }

    /// The UTF-16LE code units up to a 0x0000 terminator (on a 2-byte
    /// boundary from here), borrowed; the terminator is consumed.
    pub fn utf16_nul_terminated(&mut self) -> Result<&'a [u8]> {
        let rest = self.rest();
        let (pairs, _) = rest.as_chunks::<2>();
        match pairs.iter().position(|p| *p == [0, 0]) {
            Some(n) => {
                let s = self.bytes(n * 2)?;
                self.skip(2)?;
                Ok(s)
            }
            None => Err(self.error(ErrorKind::UnexpectedEnd {
                needed: (pairs.len() * 2 + 2) as u64,
                available: rest.len() as u64,
            })),
        }
    }

    /// Fails with [`ErrorKind::TrailingBytes`] unless the window is consumed.
    pub fn expect_end(&self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error(ErrorKind::TrailingBytes {
                count: self.remaining() as u64,
            }))
        }
    }

    // ---- windows and nested buffers -------------------------------------------

    /// A sub-reader over the next `n` bytes, which are consumed from this
    /// reader whatever the sub-reader does with them. It is the same reader
    /// with a narrower window (same buffer, same session): its errors have
    /// absolute offsets and the full path.
    ///
    /// ```
    /// use msox_codec::Reader;
    /// let buf = [3, 0, 0, 0, 9, 9, 9, 7];
    /// let mut r = Reader::new(&buf);
    /// let n = r.u32_usize()?;
    /// {
    ///     let mut body = r.sub(n)?;
    ///     assert_eq!(body.u16()?, 0x0909);
    ///     let e = body.u16().unwrap_err();          // only one byte left in the window
    ///     assert_eq!(e.offset(), Some(6));
    /// }
    /// assert_eq!(r.u8()?, 7);                       // the whole body was consumed
    /// # Ok::<(), msox_codec::Error>(())
    /// ```
    pub fn sub(&mut self, n: usize) -> Result<Sub<'_, 'a>> {
        let start = self.pos;
        let target = start
            .checked_add(n)
            .filter(|&e| e <= self.end)
            .ok_or_else(|| self.eof(n))?;
        let saved_end = self.end;
        self.end = target;
        Ok(Sub {
            r: self,
            saved_end,
            target,
        })
    }

    /// Runs `f` on a window of the next `n` bytes that it must consume
    /// completely ([`ErrorKind::TrailingBytes`] otherwise).
    pub fn sized<T>(&mut self, n: usize, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let mut sub = self.sub(n)?;
        let v = f(&mut sub)?;
        sub.expect_end()?;
        Ok(v)
    }

    /// Decodes exactly the next `n` bytes as a `T`.
    pub fn decode_sized<T: Decode<'a>>(&mut self, n: usize) -> Result<T> {
        self.sized(n, |r| T::decode(r))
    }

    /// Decodes the next `n` bytes as one unit that lenient decoding can skip:
    /// if `f` fails, strict mode returns the error; lenient mode records it
    /// as a [`Defect`] (with `action`) and returns the unit's bytes as
    /// [`Unit::Raw`]. Either way the reader ends after the unit.
    pub fn unit<T>(
        &mut self,
        n: usize,
        action: &'static str,
        f: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<Unit<'a, T>> {
        let start = self.pos;
        let path_len = self.session.path.len();
        let depth = self.session.usage.depth;
        let res = {
            let mut sub = self.sub(n)?;
            f(&mut sub)
        };
        match res {
            Ok(v) => Ok(Unit::Value(v)),
            Err(e) => {
                self.session.path.truncate(path_len);
                self.session.usage.depth = depth;
                self.tolerate(e, action)?;
                Ok(Unit::Raw(self.slice(start, self.pos)))
            }
        }
    }

    /// Runs `f`; if it fails, the reader goes back to where it was (the
    /// position, and the path, depth and defects of the session) and the
    /// error is returned for the caller to decide on. For lenient recovery
    /// of units that cannot be delimited beforehand, and for trying one
    /// reading of ambiguous input before another.
    pub fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let pos = self.pos;
        let end = self.end;
        let path_len = self.session.path.len();
        let defects = self.session.defects.len();
        let not_kept = self.session.defects_not_kept;
        let depth = self.session.usage.depth;
        let r = f(self);
        if r.is_err() {
            self.pos = pos;
            self.end = end;
            self.session.path.truncate(path_len);
            self.session.defects.truncate(defects);
            self.session.defects_not_kept = not_kept;
            self.session.usage.depth = depth;
        }
        r
    }

    /// Decodes a separate buffer (`buf`, from `origin`) in this session:
    /// same mode, budget, path and defects. For data that is not a window of
    /// this reader's buffer: a compound-file stream gathered from sectors, a
    /// decompressed body.
    pub fn nested<'b, T>(
        &mut self,
        buf: &'b [u8],
        origin: Origin<'b>,
        f: impl FnOnce(&mut Reader<'b>) -> Result<T>,
    ) -> Result<T> {
        let space = match origin {
            Origin::At(base) => Space {
                base,
                map: None,
                derived: self.space.derived,
            },
            Origin::Mapped(m) => Space {
                base: 0,
                map: Some(m),
                derived: self.space.derived,
            },
            Origin::Derived(what) => Space {
                base: 0,
                map: None,
                derived: Some(Derived {
                    what,
                    from: if self.space.derived.is_none() {
                        self.space.offset(self.pos)
                    } else {
                        None
                    },
                }),
            },
        };
        let session = std::mem::take(&mut self.session);
        let mut inner = Reader {
            buf,
            pos: 0,
            end: buf.len(),
            space,
            session,
        };
        let r = f(&mut inner);
        self.session = inner.session;
        r
    }

    // ---- decoding ------------------------------------------------------------

    /// Decodes a `T` at the current position.
    #[inline]
    pub fn decode<T: Decode<'a>>(&mut self) -> Result<T> {
        T::decode(self)
    }

    /// Decodes a `T` that needs context `ctx` (see [`DecodeWith`]).
    #[inline]
    pub fn decode_with<C, T: DecodeWith<'a, C>>(&mut self, ctx: C) -> Result<T> {
        T::decode_with(self, ctx)
    }

    /// Runs a nom parser at the current position (the nom bridge): its
    /// errors get absolute offsets and the session's path.
    pub fn nom<T>(&mut self, parser: impl FnOnce(&'a [u8]) -> PResult<'a, T>) -> Result<T> {
        let input = self.rest();
        match parser(input) {
            Ok((rest, v)) => {
                let used = input.len().saturating_sub(rest.len());
                self.pos += used;
                Ok(v)
            }
            Err(e) => {
                let mut e = from_nom(e);
                if let Some(rem) = e.remaining() {
                    let pos = self.end.saturating_sub(rem.min(input.len()));
                    e.set_located(
                        self.space.offset(pos),
                        self.space.derived,
                        &self.session.path,
                    );
                }
                Err(e)
            }
        }
    }
}

/// A window of a [`Reader`] over a length-prefixed body, from
/// [`Reader::sub`]. Dereferences to the reader; when dropped, the parent
/// continues after the body.
pub struct Sub<'p, 'a> {
    r: &'p mut Reader<'a>,
    saved_end: usize,
    target: usize,
}

impl<'a> Deref for Sub<'_, 'a> {
    type Target = Reader<'a>;
    #[inline]
    fn deref(&self) -> &Reader<'a> {
        self.r
    }
}

impl<'a> DerefMut for Sub<'_, 'a> {
    #[inline]
    fn deref_mut(&mut self) -> &mut Reader<'a> {
        self.r
    }
}

impl Drop for Sub<'_, '_> {
    #[inline]
    fn drop(&mut self) {
        self.r.end = self.saved_end;
        self.r.pos = self.target;
    }
}

/// A unit read by [`Reader::unit`]: its value, or (lenient mode, after a
/// recorded defect) its bytes as they were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unit<'a, T> {
    /// The unit decoded.
    Value(T),
    /// The unit could not be decoded; its bytes are kept.
    Raw(&'a [u8]),
}

impl<'a, T> Unit<'a, T> {
    /// The value, if the unit decoded.
    pub fn value(self) -> Option<T> {
        match self {
            Unit::Value(v) => Some(v),
            Unit::Raw(_) => None,
        }
    }
}

/// Runs a session-style decoder over a whole slice as a nom parser (for
/// composing with nom combinators): strict mode, default limits; its
/// errors' positions count from the end of `input`, as nom's do, and
/// [`Reader::nom`] places them.
pub fn as_nom<'a, T>(
    input: &'a [u8],
    f: impl FnOnce(&mut Reader<'a>) -> Result<T>,
) -> PResult<'a, T> {
    let mut r = Reader::with_options(input, &Options::strict());
    match f(&mut r) {
        Ok(v) => Ok((r.rest(), v)),
        Err(e) => {
            let rem = e.offset().map_or(0, |o| input.len().saturating_sub(o));
            Err(nom::Err::Error(e.into_remaining(rem)))
        }
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_little_and_big_endian() {
        let mut r = Reader::new(&[1, 2, 3, 4, 5, 6]);
        assert_eq!(r.u16().unwrap(), 0x0201);
        assert_eq!(r.u16_be().unwrap(), 0x0304);
        assert_eq!(r.remaining(), 2);
        assert!(r.u32().unwrap_err().is_unexpected_end());
        // a failed read consumes nothing
        assert_eq!(r.remaining(), 2);
    }

    #[test]
    fn sub_reader_errors_are_absolute_and_carry_the_path() {
        let buf = [0u8; 20];
        let mut r = Reader::new(&buf);
        r.skip(4).unwrap();
        let e = r
            .frame("Outer", |r| {
                let mut sub = r.sub(6)?; // bytes 4..10
                sub.frame_indexed("item", 2, |s| {
                    s.skip(5)?;
                    s.u16()
                })
            })
            .unwrap_err();
        assert_eq!(e.offset(), Some(9));
        assert_eq!(e.path().to_string(), "Outer > item[2]");
        // the frames were popped
        assert!(r.path().is_empty());
    }

    #[test]
    fn sub_consumes_its_window_even_when_not_read() {
        let buf = [1, 2, 3, 4, 5];
        let mut r = Reader::new(&buf);
        {
            let mut s = r.sub(3).unwrap();
            assert_eq!(s.u8().unwrap(), 1);
        }
        assert_eq!(r.u8().unwrap(), 4);
    }

    #[test]
    fn counts_the_input_cannot_back_are_refused_before_allocating() {
        let mut r = Reader::new(&[0; 10]);
        let e = r.check_count(3, 4, "elements").unwrap_err();
        assert!(e.is_limit());
        assert_eq!(r.check_count(2, 4, "elements").unwrap(), 2);
    }

    #[test]
    fn items_and_allocations_are_summed_over_the_session() {
        let limits = Limits::DEFAULT.with_max_items(5).with_max_alloc(100);
        let mut r = Reader::with_options(&[0; 64], &Options::lenient().with_limits(limits));
        r.check_count(3, 1, "a").unwrap();
        assert!(r.check_count(3, 1, "b").unwrap_err().is_limit());
        r.reserve(60, "x").unwrap();
        assert!(r.reserve(60, "y").unwrap_err().is_limit());
    }

    #[test]
    fn nesting_is_limited_by_depth() {
        fn down(r: &mut Reader<'_>, n: u32) -> Result<u32> {
            r.nest("Level", |r| {
                if n == 0 {
                    Ok(0)
                } else {
                    down(r, n - 1).map(|d| d + 1)
                }
            })
        }
        let opts = Options::strict().with_limits(Limits::DEFAULT.with_max_depth(8));
        let mut r = Reader::with_options(&[], &opts);
        assert_eq!(down(&mut r, 7).unwrap(), 7);
        let e = down(&mut r, 8).unwrap_err();
        assert!(e.is_limit());
        assert_eq!(e.path().len(), 8);
        assert_eq!(r.session().usage().depth, 0);
    }

    #[test]
    fn defects_fail_in_strict_and_record_in_lenient() {
        let mut strict = Reader::with_options(&[1, 2], &Options::strict());
        strict.u8().unwrap();
        let e = strict
            .frame("Thing", |r| {
                r.defect(
                    ErrorKind::InvalidValue {
                        field: "flag",
                        value: 2,
                    },
                    "kept",
                )
            })
            .unwrap_err();
        assert_eq!(e.to_string(), "invalid flag 0x2 at byte 1 in Thing");

        let mut lenient = Reader::new(&[1, 2]);
        lenient.u8().unwrap();
        lenient
            .frame("Thing", |r| {
                r.defect(
                    ErrorKind::InvalidValue {
                        field: "flag",
                        value: 2,
                    },
                    "kept",
                )
            })
            .unwrap();
        let d = lenient.into_session().take_defects();
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "invalid flag 0x2 at byte 1 in Thing; kept"
        );
    }

    #[test]
    fn a_unit_that_fails_is_kept_raw_in_lenient_mode() {
        let buf = [9, 1, 2, 3, 4];
        let mut r = Reader::new(&buf);
        r.u8().unwrap();
        let u = r.unit(3, "kept as raw bytes", |r| r.u32()).unwrap();
        assert_eq!(u, Unit::Raw(&[1, 2, 3][..]));
        assert_eq!(r.u8().unwrap(), 4);
        assert_eq!(r.defects().len(), 1);
        assert_eq!(r.defects()[0].offset(), Some(1));

        let mut s = Reader::with_options(&buf, &Options::strict());
        s.u8().unwrap();
        assert!(s.unit(3, "kept", |r| r.u32()).is_err());
    }

    #[test]
    fn a_defect_flood_is_counted_past_the_cap_not_kept() {
        let mut r = Reader::new(&[]);
        for _ in 0..crate::MAX_DEFECTS + 5 {
            r.defect(ErrorKind::Malformed("x".into()), "kept").unwrap();
        }
        assert_eq!(r.defects().len(), crate::MAX_DEFECTS);
        let d = r.into_decoded(()).defects;
        assert_eq!(d.len(), crate::MAX_DEFECTS + 1);
        assert_eq!(
            d.last().map(|d| d.action().to_string()),
            Some("5 more defects counted, not kept".to_string())
        );
    }

    #[test]
    fn attempt_rewinds_position_and_defects() {
        let mut r = Reader::new(&[1, 2, 3]);
        let e = r.attempt(|r| {
            r.u16()?;
            r.defect(ErrorKind::Malformed("x".into()), "")?;
            r.u16()
        });
        assert!(e.is_err());
        assert_eq!(r.pos(), 0);
        assert!(r.defects().is_empty());
    }

    #[test]
    fn nested_buffers_keep_the_session_and_say_where_they_are() {
        let outer = [0u8; 100];
        let mut r = Reader::new(&outer);
        r.skip(40).unwrap();
        let inner = [1u8, 2];
        let e = r
            .frame("Stream", |r| r.nested(&inner, Origin::At(40), |n| n.u32()))
            .unwrap_err();
        assert_eq!(e.offset(), Some(40));
        assert_eq!(e.path().to_string(), "Stream");

        let e = r
            .nested(&inner, Origin::Derived("decompressed RTF"), |n| {
                n.skip(1)?;
                n.u16()
            })
            .unwrap_err();
        assert_eq!(e.offset(), Some(1));
        assert_eq!(
            e.derived(),
            Some(Derived {
                what: "decompressed RTF",
                from: Some(40)
            })
        );

        let map = |p: usize| Some(512 + p * 2);
        let e = r.nested(&inner, Origin::Mapped(&map), |n| {
            n.skip(1)?;
            n.u16()
        });
        assert_eq!(e.unwrap_err().offset(), Some(514));
    }

    #[test]
    fn nom_parsers_get_absolute_offsets() {
        use nom::Parser;
        use nom::number::complete::le_u32;
        let buf = [0u8; 10];
        let mut r = Reader::new(&buf);
        r.skip(8).unwrap();
        let e = r
            .frame("Tail", |r| {
                r.nom(|i| nom::error::context("Word", le_u32).parse(i))
            })
            .unwrap_err();
        assert_eq!(e.offset(), Some(8));
        assert_eq!(e.path().to_string(), "Tail > Word");
    }

    #[test]
    fn nul_terminated_borrowing_reads() {
        let mut r = Reader::new(&[b'a', b'b', 0, b'h', 0, b'i', 0, 0, 0, 7]);
        assert_eq!(r.bytes_nul_terminated().unwrap(), b"ab");
        assert_eq!(r.utf16_nul_terminated().unwrap(), &[b'h', 0, b'i', 0]);
        assert_eq!(r.rest(), &[7]);
        assert!(r.bytes_nul_terminated().is_err());
    }
}
