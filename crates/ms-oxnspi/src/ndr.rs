//! [MS-RPCE] 2.2.5 / C706 14 NDR 2.0 transfer syntax, 32-bit, little-endian:
//! the subset the NSPI and RFR interfaces use.
//!
//! - Alignment counts from the start of the stub data (where the decode or
//!   encode began), and padding is written as zero and skipped unread.
//! - Unique pointers ([MS-OXNSPI] IDL: every embedded pointer is `FC_UP` in
//!   Microsoft's generated stub) are a 4-byte referent ID, zero for NULL;
//!   their referents are deferred to the end of the outermost construct
//!   that contains them and written in the order the pointers appear,
//!   depth first (a pointee's own pointees follow it). Reference pointers
//!   (top-level `[in]`/`[out]` parameters without `unique`) are not on the
//!   wire. The interfaces declare no full (`ptr`) pointers, so no referent
//!   is ever shared: a referent ID is a presence marker here.
//! - A conformant array is its maximum count (4 bytes) then its elements;
//!   in a conformant structure the count moves to the front of the
//!   structure. A conformant varying array (and a `[string]`) is maximum
//!   count, offset and actual count, then the elements.
//!
//! Types implement [`Ndr`] in two phases, as the format defers pointees:
//! `read_scalars` reads the fixed part (pointers are only present/absent
//! flags there), `read_buffers` reads the deferred referents and builds the
//! value. A conformant structure implements [`NdrFull`] directly.
//!
//! Every count is checked against the bytes that remain (and charged to the
//! session's item budget) before anything is allocated or looped over; the
//! recursive structure (Restriction_r) nests through [`Reader::nest`].

use msox_codec::{ErrorKind, Reader, Result};

/// The first referent ID the writer hands out (what Microsoft's NDR engine
/// uses); each further non-NULL pointer takes the next multiple of 4.
pub const FIRST_REFERENT_ID: u32 = 0x0002_0000;

/// Deepest Restriction_r tree the writer writes: what a reader with the
/// default limits reads back.
pub const MAX_ENCODE_DEPTH: u32 = msox_codec::Limits::DEFAULT.max_depth;

/// An NDR stream being read: the session's [`Reader`] plus the position the
/// stream started at (alignment counts from there).
pub struct NdrReader<'r, 'a> {
    r: &'r mut Reader<'a>,
    base: usize,
}

impl<'r, 'a> NdrReader<'r, 'a> {
    /// A stream starting at the reader's current position.
    pub fn new(r: &'r mut Reader<'a>) -> Self {
        let base = r.pos();
        NdrReader { r, base }
    }

    /// The underlying reader (session, path, defects).
    pub fn reader(&mut self) -> &mut Reader<'a> {
        self.r
    }

    /// Runs `f` inside a structure named `name` (on the error path).
    pub fn frame<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut NdrReader<'_, 'a>) -> Result<T>,
    ) -> Result<T> {
        let base = self.base;
        self.r.frame(name, |r| f(&mut NdrReader { r, base }))
    }

    /// Runs `f` inside the `i`-th element named `name`.
    pub fn frame_indexed<T>(
        &mut self,
        name: &'static str,
        i: usize,
        f: impl FnOnce(&mut NdrReader<'_, 'a>) -> Result<T>,
    ) -> Result<T> {
        let base = self.base;
        self.r
            .frame_indexed(name, i, |r| f(&mut NdrReader { r, base }))
    }

    /// Runs `f` one nesting level deeper (depth limit of the session).
    pub fn nest<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut NdrReader<'_, 'a>) -> Result<T>,
    ) -> Result<T> {
        let base = self.base;
        self.r.nest(name, |r| f(&mut NdrReader { r, base }))
    }

    /// Skips padding up to a multiple of `n` from the start of the stream.
    pub fn align(&mut self, n: usize) -> Result<()> {
        let off = self.r.pos().saturating_sub(self.base) % n;
        if off != 0 {
            self.r.skip(n - off)?;
        }
        Ok(())
    }

    /// A byte.
    pub fn u8(&mut self) -> Result<u8> {
        self.r.u8()
    }

    /// An aligned 16-bit integer.
    pub fn u16(&mut self) -> Result<u16> {
        self.align(2)?;
        self.r.u16()
    }

    /// An aligned 16-bit signed integer.
    pub fn i16(&mut self) -> Result<i16> {
        self.align(2)?;
        self.r.i16()
    }

    /// An aligned 32-bit integer.
    pub fn u32(&mut self) -> Result<u32> {
        self.align(4)?;
        self.r.u32()
    }

    /// An aligned 32-bit signed integer.
    pub fn i32(&mut self) -> Result<i32> {
        self.align(4)?;
        self.r.i32()
    }

    /// `n` bytes (no alignment).
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        self.r.bytes(n)
    }

    /// A unique pointer's referent ID: whether the referent follows
    /// (deferred).
    pub fn pointer(&mut self) -> Result<bool> {
        Ok(self.u32()? != 0)
    }

    /// The position in the reader's buffer (for errors at a field).
    pub fn pos(&self) -> usize {
        self.r.pos()
    }

    /// A conformant array's maximum count, checked against the rest of the
    /// input for elements of at least `min_size` bytes and charged to the
    /// item budget.
    pub fn conformance(&mut self, min_size: usize, what: &'static str) -> Result<usize> {
        let n = self.u32()?;
        self.r.check_count(u64::from(n), min_size, what)
    }

    /// Checks that a count a structure declares (`declared`, read at `at`)
    /// agrees with the count its array carries (`actual`): strict refuses,
    /// lenient records a defect and the array's count wins.
    pub fn agree(
        &mut self,
        field: &'static str,
        declared: u32,
        actual: usize,
        at: usize,
    ) -> Result<()> {
        if u64::from(declared) != actual as u64 {
            self.r.defect_at(
                ErrorKind::InvalidValue {
                    field,
                    value: u64::from(declared),
                },
                at,
                "the array's own count is used",
            )?;
        }
        Ok(())
    }

    /// A `[range]` limit: a count over `max` (read at `at`) is refused in
    /// strict mode and recorded in lenient mode.
    pub fn range(&mut self, field: &'static str, value: u32, max: u32, at: usize) -> Result<()> {
        if value > max {
            self.r.defect_at(
                ErrorKind::LimitExceeded {
                    what: field,
                    value: u64::from(value),
                    max: u64::from(max),
                },
                at,
                "count over the IDL's range kept",
            )?;
        }
        Ok(())
    }

    /// A reserved field that must hold `expected` (read at `at`): strict
    /// refuses another value, lenient keeps it with a defect.
    pub fn reserved(
        &mut self,
        field: &'static str,
        value: u32,
        expected: u32,
        at: usize,
    ) -> Result<()> {
        if value != expected {
            self.r.defect_at(
                ErrorKind::InvalidValue {
                    field,
                    value: u64::from(value),
                },
                at,
                "value kept as read",
            )?;
        }
        Ok(())
    }

    /// The header of a conformant varying array: maximum count, offset and
    /// actual count; returns the actual count after checking it against
    /// the rest of the input (`unit` bytes each) and the maximum.
    pub fn varying(&mut self, unit: usize, what: &'static str) -> Result<(u32, usize)> {
        let max = self.u32()?;
        let off_at = self.pos();
        let offset = self.u32()?;
        let at = self.pos();
        let actual = self.u32()?;
        if offset != 0 {
            self.r.defect_at(
                ErrorKind::InvalidValue {
                    field: "offset",
                    value: u64::from(offset),
                },
                off_at,
                "elements read from the first transmitted one",
            )?;
        }
        if actual > max {
            return Err(self.r.invalid_at("actual_count", u64::from(actual), at));
        }
        let n = self.r.check_count(u64::from(actual), unit, what)?;
        Ok((max, n))
    }

    /// Reads `n` elements' scalars with `f` (the count already checked).
    pub fn elements<S>(
        &mut self,
        n: usize,
        name: &'static str,
        mut f: impl FnMut(&mut NdrReader<'_, 'a>) -> Result<S>,
    ) -> Result<Vec<S>> {
        let mut v = Vec::with_capacity(n.min(4096));
        for i in 0..n {
            v.push(self.frame_indexed(name, i, &mut f)?);
        }
        Ok(v)
    }
}

/// An NDR stream being written (or counted, for an exact `encoded_len`).
#[derive(Debug, Default)]
pub struct NdrWriter {
    buf: Option<Vec<u8>>,
    len: usize,
    next_ref: u32,
    depth: u32,
}

impl NdrWriter {
    /// A writer that keeps the bytes.
    pub fn new() -> Self {
        NdrWriter {
            buf: Some(Vec::new()),
            len: 0,
            next_ref: FIRST_REFERENT_ID,
            depth: 0,
        }
    }

    /// A writer that only counts.
    pub fn counting() -> Self {
        NdrWriter {
            buf: None,
            len: 0,
            next_ref: FIRST_REFERENT_ID,
            depth: 0,
        }
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes (empty for a counting writer).
    pub fn into_vec(self) -> Vec<u8> {
        self.buf.unwrap_or_default()
    }

    /// Raw bytes.
    pub fn put(&mut self, b: &[u8]) {
        if let Some(v) = &mut self.buf {
            v.extend_from_slice(b);
        }
        self.len += b.len();
    }

    /// Zero padding up to a multiple of `n`.
    pub fn align(&mut self, n: usize) {
        let off = self.len % n;
        if off != 0 {
            for _ in off..n {
                self.u8(0);
            }
        }
    }

    /// A byte.
    pub fn u8(&mut self, v: u8) {
        self.put(&[v]);
    }

    /// An aligned 16-bit integer.
    pub fn u16(&mut self, v: u16) {
        self.align(2);
        self.put(&v.to_le_bytes());
    }

    /// An aligned 32-bit integer.
    pub fn u32(&mut self, v: u32) {
        self.align(4);
        self.put(&v.to_le_bytes());
    }

    /// An aligned 32-bit signed integer.
    pub fn i32(&mut self, v: i32) {
        self.align(4);
        self.put(&v.to_le_bytes());
    }

    /// A unique pointer's referent ID (a fresh one, or zero for NULL).
    pub fn pointer(&mut self, present: bool) {
        if present {
            let id = self.next_ref;
            self.next_ref = self.next_ref.wrapping_add(4);
            self.u32(id);
        } else {
            self.u32(0);
        }
    }

    /// A count as a 32-bit field.
    pub fn count(&mut self, n: usize, field: &'static str) -> Result<()> {
        self.u32(msox_codec::fit_u32(n, field)?);
        Ok(())
    }

    /// Runs `f` one Restriction_r level deeper; refuses trees deeper than
    /// [`MAX_ENCODE_DEPTH`].
    pub fn nest(&mut self, f: impl FnOnce(&mut Self) -> Result<()>) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_ENCODE_DEPTH {
            let d = self.depth;
            self.depth -= 1;
            return Err(msox_codec::Error::new(ErrorKind::LimitExceeded {
                what: "nesting depth",
                value: u64::from(d),
                max: u64::from(MAX_ENCODE_DEPTH),
            }));
        }
        let r = f(self);
        self.depth -= 1;
        r
    }
}

/// A type with a fixed part and deferred referents (see the module docs).
pub trait Ndr: Sized {
    /// What the fixed part carries until the referents are read.
    type Scalars;
    /// Reads the fixed part.
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Self::Scalars>;
    /// Reads the deferred referents and builds the value.
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: Self::Scalars) -> Result<Self>;
    /// Writes the fixed part.
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()>;
    /// Writes the deferred referents.
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()>;
}

/// A type read and written whole: a pointee, a top-level parameter, a
/// conformant structure.
pub trait NdrFull: Sized {
    /// Reads the whole representation.
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self>;
    /// Writes the whole representation.
    fn write_full(&self, w: &mut NdrWriter) -> Result<()>;
}

impl<T: Ndr> NdrFull for T {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        let s = T::read_scalars(n)?;
        T::read_buffers(n, s)
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        self.write_scalars(w)?;
        self.write_buffers(w)
    }
}

/// Reads `n` elements of an array of `T` (their fixed parts, then their
/// referents in order).
pub fn read_array<T: Ndr>(
    n: &mut NdrReader<'_, '_>,
    count: usize,
    name: &'static str,
) -> Result<Vec<T>> {
    let scalars = n.elements(count, name, T::read_scalars)?;
    let mut out = Vec::with_capacity(scalars.len());
    for (i, s) in scalars.into_iter().enumerate() {
        out.push(n.frame_indexed(name, i, |n| T::read_buffers(n, s))?);
    }
    Ok(out)
}

/// Writes the elements of an array of `T` (fixed parts, then referents).
pub fn write_array<T: Ndr>(w: &mut NdrWriter, items: &[T]) -> Result<()> {
    for x in items {
        x.write_scalars(w)?;
    }
    for x in items {
        x.write_buffers(w)?;
    }
    Ok(())
}

/// Reads a conformant array of `T` as a pointee: maximum count, then the
/// elements. `min_size` is the smallest encoding of one element.
pub fn read_conformant<T: Ndr>(
    n: &mut NdrReader<'_, '_>,
    min_size: usize,
    what: &'static str,
    name: &'static str,
) -> Result<Vec<T>> {
    let count = n.conformance(min_size, what)?;
    read_array(n, count, name)
}

/// Writes a conformant array of `T` as a pointee.
pub fn write_conformant<T: Ndr>(w: &mut NdrWriter, items: &[T], what: &'static str) -> Result<()> {
    w.count(items.len(), what)?;
    write_array(w, items)
}

/// The pointee of a unique pointer, for a fixed part that only says
/// whether it is present.
pub fn read_pointee<T>(
    n: &mut NdrReader<'_, '_>,
    present: bool,
    f: impl FnOnce(&mut NdrReader<'_, '_>) -> Result<T>,
) -> Result<Option<T>> {
    if present { f(n).map(Some) } else { Ok(None) }
}

/// Reads a top-level (or pointee-level) unique pointer and its referent at
/// once.
pub fn read_unique<T: NdrFull>(n: &mut NdrReader<'_, '_>) -> Result<Option<T>> {
    let present = n.pointer()?;
    read_pointee(n, present, T::read_full)
}

/// Writes a top-level unique pointer and its referent.
pub fn write_unique<T: NdrFull>(w: &mut NdrWriter, v: Option<&T>) -> Result<()> {
    w.pointer(v.is_some());
    if let Some(v) = v {
        v.write_full(w)?;
    }
    Ok(())
}

macro_rules! scalar_ndr {
    ($($t:ty => $read:ident, $write:ident;)*) => {$(
        impl Ndr for $t {
            type Scalars = $t;
            fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<$t> {
                n.$read()
            }
            fn read_buffers(_: &mut NdrReader<'_, '_>, s: $t) -> Result<$t> {
                Ok(s)
            }
            fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
                w.$write(*self);
                Ok(())
            }
            fn write_buffers(&self, _: &mut NdrWriter) -> Result<()> {
                Ok(())
            }
        }
    )*};
}

scalar_ndr! {
    u32 => u32, u32;
    i32 => i32, i32;
}

impl Ndr for i16 {
    type Scalars = i16;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<i16> {
        n.i16()
    }
    fn read_buffers(_: &mut NdrReader<'_, '_>, s: i16) -> Result<i16> {
        Ok(s)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.u16(*self as u16);
        Ok(())
    }
    fn write_buffers(&self, _: &mut NdrWriter) -> Result<()> {
        Ok(())
    }
}

/// Runs an [`NdrFull`] decode over a [`Reader`] as one NDR stream.
pub fn decode_stream<'a, T: NdrFull>(r: &mut Reader<'a>) -> Result<T> {
    let mut n = NdrReader::new(r);
    T::read_full(&mut n)
}

/// Encodes an [`NdrFull`] value as one NDR stream.
pub fn encode_stream<T: NdrFull>(v: &T) -> Result<Vec<u8>> {
    let mut w = NdrWriter::new();
    v.write_full(&mut w)?;
    Ok(w.into_vec())
}

/// The exact length of [`encode_stream`]'s output (0 when it would fail).
pub fn stream_len<T: NdrFull>(v: &T) -> usize {
    let mut w = NdrWriter::counting();
    match v.write_full(&mut w) {
        Ok(()) => w.len(),
        Err(_) => 0,
    }
}

/// Implements `Decode`/`Encode` for an [`NdrFull`] type as one NDR stream.
macro_rules! ndr_codec {
    ($($t:ty),* $(,)?) => {$(
        impl<'a> msox_codec::Decode<'a> for $t {
            fn decode(r: &mut msox_codec::Reader<'a>) -> msox_codec::Result<Self> {
                $crate::ndr::decode_stream(r)
            }
        }
        impl msox_codec::Encode for $t {
            fn encoded_len(&self) -> usize {
                $crate::ndr::stream_len(self)
            }
            fn encode<B: msox_codec::bytes::BufMut>(&self, buf: &mut B) -> msox_codec::Result<()> {
                buf.put_slice(&$crate::ndr::encode_stream(self)?);
                Ok(())
            }
        }
    )*};
}
pub(crate) use ndr_codec;
