//! [`Reader`]: a bounds-checked little-endian cursor whose errors carry
//! positions that stay correct in the caller's buffer.

use crate::error::{Error, ErrorKind, Result, from_nom};
use crate::limits::Limits;
use crate::traits::{Decode, DecodeWith};

/// A cursor over a byte slice for imperative decoders.
///
/// Every read is bounds-checked and fails with [`ErrorKind::UnexpectedEnd`]
/// at the right position. A reader made with [`Reader::new`] from the
/// `input` of a nom-style decoder (always a suffix of the caller's buffer)
/// reports positions the entry points can turn into absolute offsets; a
/// reader made with [`Reader::sub`] for a length-prefixed body keeps
/// reporting positions in the outer buffer.
///
/// ```
/// use msox_codec::{Reader, Decode, PResult};
///
/// #[derive(Debug, PartialEq)]
/// struct Pair { a: u16, b: u32 }
///
/// impl<'a> Decode<'a> for Pair {
///     fn decode(input: &'a [u8]) -> PResult<'a, Self> {
///         let mut r = Reader::new(input);
///         let a = r.u16()?;
///         let b = r.u32()?;
///         r.finish(Pair { a, b })
///     }
/// }
///
/// assert_eq!(Pair::decode_exact(&[1, 0, 2, 0, 0, 0]).unwrap(), Pair { a: 1, b: 2 });
/// let err = Pair::decode_exact(&[1, 0, 2]).unwrap_err();
/// assert_eq!(err.offset(), Some(2));
/// ```
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    /// Bytes of the caller's buffer that follow `data` (non-zero for sub-readers).
    tail: usize,
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
    /// A reader over `data`, which must be a suffix of the caller's buffer
    /// (what a nom-style decoder receives as its input).
    #[inline]
    pub fn new(data: &'a [u8]) -> Self {
        Reader {
            data,
            pos: 0,
            tail: 0,
        }
    }

    /// Bytes consumed so far.
    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Bytes not yet consumed.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len().saturating_sub(self.pos)
    }

    /// Whether all bytes are consumed.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.remaining() == 0
    }

    /// The unconsumed bytes (without consuming them).
    #[inline]
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or_default()
    }

    /// The whole slice this reader was made over.
    #[inline]
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Ends a nom-style decoder: returns the unconsumed input with `value`.
    #[inline]
    pub fn finish<T>(&self, value: T) -> crate::PResult<'a, T> {
        Ok((self.rest(), value))
    }

    /// An error of `kind` at the current position.
    #[cold]
    pub fn error(&self, kind: ErrorKind) -> Error {
        Error::at_remaining(kind, self.remaining().saturating_add(self.tail))
    }

    /// An error of `kind` at `pos` bytes into this reader's slice (for
    /// fields that were read before the problem was noticed).
    #[cold]
    pub fn error_at(&self, kind: ErrorKind, pos: usize) -> Error {
        let remaining = self.data.len().saturating_sub(pos);
        Error::at_remaining(kind, remaining.saturating_add(self.tail))
    }

    /// [`ErrorKind::InvalidValue`] at `pos` bytes into this reader's slice.
    #[cold]
    pub fn invalid_at(&self, field: &'static str, value: u64, pos: usize) -> Error {
        self.error_at(ErrorKind::InvalidValue { field, value }, pos)
    }

    /// [`ErrorKind::Malformed`] at the current position.
    #[cold]
    pub fn malformed(&self, message: impl Into<std::borrow::Cow<'static, str>>) -> Error {
        self.error(ErrorKind::Malformed(message.into()))
    }

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
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len());
        match end.and_then(|e| self.data.get(self.pos..e)) {
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

    /// Takes all remaining bytes.
    #[inline]
    pub fn take_rest(&mut self) -> &'a [u8] {
        let s = self.rest();
        self.pos = self.data.len();
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
        self.data.get(self.pos).copied()
    }

    /// The next `n` bytes without consuming them.
    #[inline]
    pub fn peek(&self, n: usize) -> Result<&'a [u8]> {
        self.clone().bytes(n)
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
        let v = self.u32()?;
        usize::try_from(v).map_err(|_| self.invalid_at("length", u64::from(v), self.pos - 4))
    }

    /// A sub-reader over the next `n` bytes (consumed from this reader).
    /// Errors from the sub-reader have positions in the outer buffer.
    pub fn sub(&mut self, n: usize) -> Result<Reader<'a>> {
        let data = self.bytes(n)?;
        Ok(Reader {
            data,
            pos: 0,
            tail: self.remaining().saturating_add(self.tail),
        })
    }

    /// Fails with [`ErrorKind::TrailingBytes`] unless every byte is consumed.
    pub fn expect_end(&self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self.error(ErrorKind::TrailingBytes {
                count: self.remaining() as u64,
            }))
        }
    }

    /// Checks a count read off the input before anything is allocated or
    /// looped over: `count` elements of at least `min_size` bytes each must
    /// fit in the remaining input (for `min_size == 0`, the count is checked
    /// against [`Limits::max_items`] only). Returns the count as `usize`.
    pub fn check_count(
        &self,
        count: u64,
        min_size: usize,
        what: &'static str,
        limits: &Limits,
    ) -> Result<usize> {
        let remaining = self.remaining() as u64;
        let max_by_input = match min_size {
            0 => u64::MAX,
            s => remaining / s as u64,
        };
        let max = max_by_input.min(limits.max_items as u64);
        if count > max {
            return Err(self.error(ErrorKind::LimitExceeded {
                what,
                value: count,
                max,
            }));
        }
        usize::try_from(count).map_err(|_| {
            self.error(ErrorKind::LimitExceeded {
                what,
                value: count,
                max,
            })
        })
    }

    /// Reads `count` elements with `f` after checking the count with
    /// [`Reader::check_count`]; the vector is sized from the checked count.
    pub fn counted<T>(
        &mut self,
        count: u64,
        min_size: usize,
        what: &'static str,
        limits: &Limits,
        mut f: impl FnMut(&mut Reader<'a>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let n = self.check_count(count, min_size, what, limits)?;
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

    /// Decodes a `T` from the current position with its [`Decode`] impl.
    #[inline]
    pub fn decode<T: Decode<'a>>(&mut self) -> Result<T> {
        let input = self.rest();
        match T::decode(input) {
            Ok((rest, v)) => {
                self.pos = self.data.len() - rest.len().min(self.remaining());
                Ok(v)
            }
            Err(e) => Err(from_nom(e).rebase_sub(self.tail)),
        }
    }

    /// Decodes a `T` that needs context `ctx` (see [`DecodeWith`]).
    #[inline]
    pub fn decode_with<C, T: DecodeWith<'a, C>>(&mut self, ctx: C) -> Result<T> {
        let input = self.rest();
        match T::decode_with(input, ctx) {
            Ok((rest, v)) => {
                self.pos = self.data.len() - rest.len().min(self.remaining());
                Ok(v)
            }
            Err(e) => Err(from_nom(e).rebase_sub(self.tail)),
        }
    }

    /// Runs a nom-style parser at the current position.
    #[inline]
    pub fn parse<T>(&mut self, f: impl FnOnce(&'a [u8]) -> crate::PResult<'a, T>) -> Result<T> {
        let input = self.rest();
        match f(input) {
            Ok((rest, v)) => {
                self.pos = self.data.len() - rest.len().min(self.remaining());
                Ok(v)
            }
            Err(e) => Err(from_nom(e).rebase_sub(self.tail)),
        }
    }

    /// Decodes exactly the next `n` bytes as a `T`; leftover bytes inside
    /// those `n` are [`ErrorKind::TrailingBytes`].
    pub fn decode_sized<T: Decode<'a>>(&mut self, n: usize) -> Result<T> {
        let mut sub = self.sub(n)?;
        let v = sub.decode::<T>()?;
        sub.expect_end()?;
        Ok(v)
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
    fn sub_reader_errors_are_positioned_in_the_outer_buffer() {
        let buf = [0u8; 20];
        let mut r = Reader::new(&buf);
        r.skip(4).unwrap();
        let mut sub = r.sub(6).unwrap(); // bytes 4..10
        sub.skip(5).unwrap();
        let e = sub.u16().unwrap_err().resolve(buf.len());
        assert_eq!(e.offset(), Some(9));
    }

    #[test]
    fn huge_count_is_refused_before_allocating() {
        let r = Reader::new(&[0u8; 16]);
        let e = r
            .check_count(u64::from(u32::MAX), 4, "PropertyCount", &Limits::default())
            .unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::LimitExceeded { max: 4, .. }));
        assert_eq!(r.check_count(4, 4, "x", &Limits::default()).unwrap(), 4);
    }

    #[test]
    fn counted_reads_elements() {
        let mut r = Reader::new(&[1, 0, 2, 0, 3, 0]);
        let v = r
            .counted(3, 2, "n", &Limits::default(), |r| r.u16())
            .unwrap();
        assert_eq!(v, [1, 2, 3]);
        assert!(r.is_empty());
    }
}
