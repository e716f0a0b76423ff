//! [`Sink`]: where streaming decompressors and converters put their output,
//! so memory stays bounded however large the output is.
//!
//! A library function that produces output takes `&mut impl Sink` (and
//! charges what it writes to the session's output budget); the one-shot
//! form writes into a `Vec<u8>`, the command-line tool into a file or
//! stdout through [`WriteSink`].
//!
//! ```
//! use msox_codec::{Sink, WriteSink};
//! fn produce(out: &mut impl Sink) -> msox_codec::Result<()> {
//!     out.write(b"hello ")?;
//!     out.write(b"world")
//! }
//! let mut v = Vec::new();
//! produce(&mut v)?;
//! assert_eq!(v, b"hello world");
//!
//! let mut w = WriteSink::new(std::io::Cursor::new(Vec::new()));
//! produce(&mut w)?;
//! assert_eq!(w.written(), 11);
//! assert_eq!(w.into_inner().into_inner(), b"hello world");
//! # Ok::<(), msox_codec::Error>(())
//! ```

use crate::error::{Error, ErrorKind, Result};

/// A consumer of produced bytes.
pub trait Sink {
    /// Takes the next piece of output.
    fn write(&mut self, bytes: &[u8]) -> Result<()>;
}

impl Sink for Vec<u8> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.extend_from_slice(bytes);
        Ok(())
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        (**self).write(bytes)
    }
}

/// A sink that drops its input and counts it (to measure or validate
/// without keeping the output).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountingSink {
    /// Bytes taken so far.
    pub count: u64,
}

impl Sink for CountingSink {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.count += bytes.len() as u64;
        Ok(())
    }
}

/// A [`Sink`] over any `std::io::Write` (a file, stdout, a socket): the
/// caller chooses the I/O, the codec only hands over bytes. An I/O error
/// becomes [`ErrorKind::Unsupported`] with the error's text.
#[derive(Debug)]
pub struct WriteSink<W: std::io::Write> {
    inner: W,
    written: u64,
}

impl<W: std::io::Write> WriteSink<W> {
    /// A sink writing to `inner`.
    pub fn new(inner: W) -> Self {
        WriteSink { inner, written: 0 }
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: std::io::Write> Sink for WriteSink<W> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        self.inner
            .write_all(bytes)
            .map_err(|e| Error::new(ErrorKind::Unsupported(format!("write failed: {e}").into())))?;
        self.written += bytes.len() as u64;
        Ok(())
    }
}
