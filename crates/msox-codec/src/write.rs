//! Encoding helpers: checked narrowing of lengths and counts into the
//! field that carries them, and small writers.

use bytes::BufMut;

use crate::error::{Error, Result};

/// `value` as a `u8`, or [`crate::ErrorKind::ValueTooLarge`] naming `field`.
#[inline]
pub fn fit_u8(value: usize, field: &'static str) -> Result<u8> {
    u8::try_from(value).map_err(|_| Error::too_large(field, value as u64, u64::from(u8::MAX)))
}

/// `value` as a `u16`, or [`crate::ErrorKind::ValueTooLarge`] naming `field`.
#[inline]
pub fn fit_u16(value: usize, field: &'static str) -> Result<u16> {
    u16::try_from(value).map_err(|_| Error::too_large(field, value as u64, u64::from(u16::MAX)))
}

/// `value` as a `u32`, or [`crate::ErrorKind::ValueTooLarge`] naming `field`.
#[inline]
pub fn fit_u32(value: usize, field: &'static str) -> Result<u32> {
    u32::try_from(value).map_err(|_| Error::too_large(field, value as u64, u64::from(u32::MAX)))
}

/// Which width a count or length prefix has in a given context. Several
/// MS-OXCDATA structures use a 16-bit count in ROP buffers and a 32-bit
/// count elsewhere (extended rules, NSPI); the context says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CountWidth {
    /// A 16-bit count or length.
    #[default]
    U16,
    /// A 32-bit count or length.
    U32,
}

impl CountWidth {
    /// Bytes the prefix takes.
    #[inline]
    pub const fn size(self) -> usize {
        match self {
            CountWidth::U16 => 2,
            CountWidth::U32 => 4,
        }
    }

    /// Reads a prefix of this width.
    #[inline]
    pub fn read(self, r: &mut crate::Reader<'_>) -> Result<u32> {
        match self {
            CountWidth::U16 => r.u16().map(u32::from),
            CountWidth::U32 => r.u32(),
        }
    }

    /// Writes `value` as a prefix of this width, failing if it does not fit.
    #[inline]
    pub fn write<B: BufMut>(self, value: usize, field: &'static str, buf: &mut B) -> Result<()> {
        match self {
            CountWidth::U16 => buf.put_u16_le(fit_u16(value, field)?),
            CountWidth::U32 => buf.put_u32_le(fit_u32(value, field)?),
        }
        Ok(())
    }
}

/// A growable output buffer for encoders, with length prefixes that are
/// filled in once the body is written (so an encoder need not compute a
/// body's size twice) and counts that fail cleanly when they do not fit.
///
/// Dereferences to `Vec<u8>`, so every [`BufMut`] method and every
/// [`crate::Encode::encode`] writes into it.
///
/// ```
/// use bytes::BufMut;
/// use msox_codec::{CountWidth, Writer};
/// let mut w = Writer::new();
/// w.put_u8(7);
/// w.length_prefixed(CountWidth::U16, "BodySize", |w| {
///     w.put_slice(b"abc");
///     Ok(())
/// })?;
/// assert_eq!(w.into_vec(), [7, 3, 0, b'a', b'b', b'c']);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Self {
        Writer { buf: Vec::new() }
    }

    /// An empty writer with room for `n` bytes.
    pub fn with_capacity(n: usize) -> Self {
        Writer {
            buf: Vec::with_capacity(n),
        }
    }

    /// The bytes written.
    pub fn into_vec(self) -> Vec<u8> {
        self.buf
    }

    /// Writes a count of `width`, or fails with
    /// [`crate::ErrorKind::ValueTooLarge`] naming `field`.
    pub fn put_count(
        &mut self,
        width: CountWidth,
        value: usize,
        field: &'static str,
    ) -> Result<()> {
        width.write(value, field, &mut self.buf)
    }

    /// Writes a length prefix of `width`, then what `body` writes, then
    /// fills in the prefix with the body's size.
    pub fn length_prefixed(
        &mut self,
        width: CountWidth,
        field: &'static str,
        body: impl FnOnce(&mut Writer) -> Result<()>,
    ) -> Result<()> {
        let at = self.buf.len();
        self.buf.resize(at + width.size(), 0);
        body(self)?;
        let n = self.buf.len() - at - width.size();
        let mut prefix = Vec::with_capacity(4);
        width.write(n, field, &mut prefix)?;
        if let Some(slot) = self.buf.get_mut(at..at + width.size()) {
            slot.copy_from_slice(&prefix);
        }
        Ok(())
    }
}

impl std::ops::Deref for Writer {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.buf
    }
}

impl std::ops::DerefMut for Writer {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn count_over_u16_fails_cleanly() {
        let e = fit_u16(70_000, "PropertyCount").unwrap_err();
        assert_eq!(
            e.to_string(),
            "PropertyCount value 70000 does not fit (maximum 65535)"
        );
        let mut v = Vec::new();
        assert!(CountWidth::U16.write(70_000, "n", &mut v).is_err());
        assert!(v.is_empty());
        CountWidth::U32.write(70_000, "n", &mut v).unwrap();
        assert_eq!(v, 70_000u32.to_le_bytes());
    }
}
