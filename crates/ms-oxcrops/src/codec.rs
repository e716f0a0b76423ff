//! Field codecs and the one macro that declares a ROP buffer structure.
//!
//! Every ROP request and response is a sequence of fields; most fields are a
//! fixed-size value, a count- or size-prefixed run, or a value present only
//! when an earlier field says so. [`rop_struct!`] declares such a structure
//! once: the struct, its [`Decode`] and its [`Encode`] come from one field
//! list, so reading and writing cannot drift apart. Each field names the
//! codec that lays it out (default [`Plain`]: the type's own
//! [`Decode`]/[`Encode`]); a codec is an expression evaluated where the field
//! is read or written, and may use earlier fields (by value while decoding,
//! by reference while encoding: the helpers [`nz`] and [`is`] take either).

use std::borrow::Cow;

use ms_oxcdata::{PropertyTag, TaggedValue, ValueContext};
use msox_codec::bytes::BufMut;
use msox_codec::{CodePage, Decode, Encode, Error, ErrorKind, Reader, Result, String8};

/// How one field is laid out: read, measured and written the same way.
pub(crate) trait Codec<'a, T> {
    /// Reads the field.
    fn read(&self, r: &mut Reader<'a>) -> Result<T>;
    /// Bytes [`Codec::write`] writes.
    fn len(&self, v: &T) -> usize;
    /// Writes the field.
    fn write<B: BufMut>(&self, v: &T, buf: &mut B) -> Result<()>;
}

/// A value that a presence condition can look at, by value or by reference.
pub(crate) trait Scalar {
    fn as_u64(&self) -> u64;
}

macro_rules! scalar {
    ($($t:ty),*) => {$(
        impl Scalar for $t {
            #[inline]
            fn as_u64(&self) -> u64 { u64::from(*self) }
        }
    )*};
}
scalar!(u8, u16, u32, u64);

impl Scalar for bool {
    #[inline]
    fn as_u64(&self) -> u64 {
        u64::from(*self)
    }
}

impl Scalar for ms_oxcdata::ErrorCode {
    #[inline]
    fn as_u64(&self) -> u64 {
        u64::from(self.value())
    }
}

impl<T: Scalar + ?Sized> Scalar for &T {
    #[inline]
    fn as_u64(&self) -> u64 {
        (**self).as_u64()
    }
}

/// Whether a field's value is nonzero (a Boolean the spec says is "nonzero").
#[inline]
pub(crate) fn nz(v: impl Scalar) -> bool {
    v.as_u64() != 0
}

/// Whether a field's value equals `want`.
#[inline]
pub(crate) fn is(v: impl Scalar, want: u64) -> bool {
    v.as_u64() == want
}

/// The field's own [`Decode`] / [`Encode`].
#[derive(Clone, Copy)]
pub(crate) struct Plain;

impl<'a, T: Decode<'a> + Encode> Codec<'a, T> for Plain {
    #[inline]
    fn read(&self, r: &mut Reader<'a>) -> Result<T> {
        T::decode(r)
    }
    #[inline]
    fn len(&self, v: &T) -> usize {
        v.encoded_len()
    }
    #[inline]
    fn write<B: BufMut>(&self, v: &T, buf: &mut B) -> Result<()> {
        v.encode(buf)
    }
}

fn absent_mismatch(field: &'static str, present: bool) -> Error {
    Error::new(ErrorKind::Malformed(
        format!(
            "{field} is {} but the fields before it say it is {}",
            if present { "present" } else { "absent" },
            if present { "absent" } else { "present" }
        )
        .into(),
    ))
}

/// A field present only when `present` (decided by earlier fields); `None`
/// otherwise. Encoding fails when the value and the condition disagree.
pub(crate) struct Opt<C> {
    pub present: bool,
    pub inner: C,
    pub field: &'static str,
}

/// [`Opt`] with the field name.
pub(crate) const fn opt<C>(present: bool, field: &'static str, inner: C) -> Opt<C> {
    Opt {
        present,
        inner,
        field,
    }
}

impl<'a, T, C: Codec<'a, T>> Codec<'a, Option<T>> for Opt<C> {
    fn read(&self, r: &mut Reader<'a>) -> Result<Option<T>> {
        if self.present {
            self.inner.read(r).map(Some)
        } else {
            Ok(None)
        }
    }
    fn len(&self, v: &Option<T>) -> usize {
        v.as_ref().map_or(0, |x| self.inner.len(x))
    }
    fn write<B: BufMut>(&self, v: &Option<T>, buf: &mut B) -> Result<()> {
        match (v, self.present) {
            (Some(x), true) => self.inner.write(x, buf),
            (None, false) => Ok(()),
            (v, _) => Err(absent_mismatch(self.field, v.is_some())),
        }
    }
}

/// A run of bytes led by a count of `W` bytes (1, 2 or 4), borrowed from the
/// input when decoded.
#[derive(Clone, Copy)]
pub(crate) struct Bytes<const W: usize>(pub &'static str);

fn read_width(r: &mut Reader<'_>, w: usize) -> Result<u64> {
    Ok(match w {
        1 => u64::from(r.u8()?),
        2 => u64::from(r.u16()?),
        _ => u64::from(r.u32()?),
    })
}

fn write_width<B: BufMut>(n: usize, w: usize, field: &'static str, buf: &mut B) -> Result<()> {
    match w {
        1 => buf.put_u8(msox_codec::fit_u8(n, field)?),
        2 => buf.put_u16_le(msox_codec::fit_u16(n, field)?),
        _ => buf.put_u32_le(msox_codec::fit_u32(n, field)?),
    }
    Ok(())
}

impl<'a, const W: usize> Codec<'a, Cow<'a, [u8]>> for Bytes<W> {
    fn read(&self, r: &mut Reader<'a>) -> Result<Cow<'a, [u8]>> {
        let at = r.pos();
        let n = read_width(r, W)?;
        let n = usize::try_from(n).map_err(|_| r.invalid_at(self.0, n, at))?;
        if n > r.remaining() {
            return Err(r.error(ErrorKind::LimitExceeded {
                what: self.0,
                value: n as u64,
                max: r.remaining() as u64,
            }));
        }
        Ok(Cow::Borrowed(r.bytes(n)?))
    }
    fn len(&self, v: &Cow<'a, [u8]>) -> usize {
        W + v.len()
    }
    fn write<B: BufMut>(&self, v: &Cow<'a, [u8]>, buf: &mut B) -> Result<()> {
        write_width(v.len(), W, self.0, buf)?;
        buf.put_slice(v);
        Ok(())
    }
}

/// Exactly `n` bytes (a size given by an earlier field), borrowed.
#[derive(Clone, Copy)]
pub(crate) struct Fixed(pub usize, pub &'static str);

impl<'a> Codec<'a, Cow<'a, [u8]>> for Fixed {
    fn read(&self, r: &mut Reader<'a>) -> Result<Cow<'a, [u8]>> {
        Ok(Cow::Borrowed(r.bytes(self.0)?))
    }
    fn len(&self, v: &Cow<'a, [u8]>) -> usize {
        v.len()
    }
    fn write<B: BufMut>(&self, v: &Cow<'a, [u8]>, buf: &mut B) -> Result<()> {
        if v.len() != self.0 {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "{} has {} bytes but its size field says {}",
                    self.1,
                    v.len(),
                    self.0
                )
                .into(),
            )));
        }
        buf.put_slice(v);
        Ok(())
    }
}

/// [`Fixed`] with a size taken from an earlier field.
pub(crate) fn fixed(n: impl Scalar, field: &'static str) -> Fixed {
    Fixed(usize::try_from(n.as_u64()).unwrap_or(usize::MAX), field)
}

/// Every byte left in the window (a field that runs to the end of its
/// delimited unit), borrowed.
#[derive(Clone, Copy)]
pub(crate) struct Rest;

impl<'a> Codec<'a, Cow<'a, [u8]>> for Rest {
    fn read(&self, r: &mut Reader<'a>) -> Result<Cow<'a, [u8]>> {
        Ok(Cow::Borrowed(r.take_rest()))
    }
    fn len(&self, v: &Cow<'a, [u8]>) -> usize {
        v.len()
    }
    fn write<B: BufMut>(&self, v: &Cow<'a, [u8]>, buf: &mut B) -> Result<()> {
        buf.put_slice(v);
        Ok(())
    }
}

/// The code page of 8-bit strings in ROP buffers when the buffer does not
/// say otherwise ([MS-OXCROPS] 3.1.5.4: the logon's code page; the ASCII
/// strings of the ROP fields are read as windows-1252, a superset of
/// ASCII; the bytes are kept either way).
pub const ROP_CODE_PAGE: CodePage = CodePage::WINDOWS_1252;

/// A null-terminated 8-bit ("ASCII") string.
#[derive(Clone, Copy)]
pub(crate) struct AsciiZ(pub &'static str);

impl<'a> Codec<'a, String8> for AsciiZ {
    fn read(&self, r: &mut Reader<'a>) -> Result<String8> {
        String8::read_nul_terminated(r, ROP_CODE_PAGE)
    }
    fn len(&self, v: &String8) -> usize {
        v.bytes().len() + 1
    }
    fn write<B: BufMut>(&self, v: &String8, buf: &mut B) -> Result<()> {
        if v.bytes().contains(&0) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: self.0,
                value: 0,
            }));
        }
        buf.put_slice(v.bytes());
        buf.put_u8(0);
        Ok(())
    }
}

/// A string that an earlier flag declares UTF-16LE (nonzero) or 8-bit (zero).
#[derive(Clone, Copy)]
pub(crate) struct MapiStr(pub bool, pub &'static str);

impl<'a> Codec<'a, ms_oxcdata::MapiString> for MapiStr {
    fn read(&self, r: &mut Reader<'a>) -> Result<ms_oxcdata::MapiString> {
        ms_oxcdata::MapiString::read(r, self.0, ROP_CODE_PAGE)
    }
    fn len(&self, v: &ms_oxcdata::MapiString) -> usize {
        v.wire_len()
    }
    fn write<B: BufMut>(&self, v: &ms_oxcdata::MapiString, buf: &mut B) -> Result<()> {
        v.write(self.0, self.1, buf)
    }
}

/// A list led by a count of `W` bytes; each element read with the inner codec.
pub(crate) struct List<const W: usize, C> {
    pub inner: C,
    pub field: &'static str,
    /// The fewest bytes one element takes (checked against what remains).
    pub min_size: usize,
}

/// A list with a 16-bit count of elements of at least `min_size` bytes.
pub(crate) const fn list16<C>(field: &'static str, min_size: usize, inner: C) -> List<2, C> {
    List {
        inner,
        field,
        min_size,
    }
}

/// A list with an 8-bit count.
pub(crate) const fn list8<C>(field: &'static str, min_size: usize, inner: C) -> List<1, C> {
    List {
        inner,
        field,
        min_size,
    }
}

/// A list with a 32-bit count.
pub(crate) const fn list32<C>(field: &'static str, min_size: usize, inner: C) -> List<4, C> {
    List {
        inner,
        field,
        min_size,
    }
}

impl<'a, T, C: Codec<'a, T>, const W: usize> Codec<'a, Vec<T>> for List<W, C> {
    fn read(&self, r: &mut Reader<'a>) -> Result<Vec<T>> {
        let n = read_width(r, W)?;
        r.counted(n, self.min_size, self.field, |r| self.inner.read(r))
    }
    fn len(&self, v: &Vec<T>) -> usize {
        W + v.iter().map(|x| self.inner.len(x)).sum::<usize>()
    }
    fn write<B: BufMut>(&self, v: &Vec<T>, buf: &mut B) -> Result<()> {
        write_width(v.len(), W, self.field, buf)?;
        for x in v {
            self.inner.write(x, buf)?;
        }
        Ok(())
    }
}

/// Exactly `n` elements (a count given by an earlier field).
pub(crate) struct Counted<C> {
    pub n: usize,
    pub inner: C,
    pub field: &'static str,
    pub min_size: usize,
}

/// [`Counted`].
pub(crate) const fn counted<C>(
    n: usize,
    field: &'static str,
    min_size: usize,
    inner: C,
) -> Counted<C> {
    Counted {
        n,
        inner,
        field,
        min_size,
    }
}

impl<'a, T, C: Codec<'a, T>> Codec<'a, Vec<T>> for Counted<C> {
    fn read(&self, r: &mut Reader<'a>) -> Result<Vec<T>> {
        r.counted(self.n as u64, self.min_size, self.field, |r| {
            self.inner.read(r)
        })
    }
    fn len(&self, v: &Vec<T>) -> usize {
        v.iter().map(|x| self.inner.len(x)).sum::<usize>()
    }
    fn write<B: BufMut>(&self, v: &Vec<T>, buf: &mut B) -> Result<()> {
        if v.len() != self.n {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "{} has {} elements but its count field says {}",
                    self.field,
                    v.len(),
                    self.n
                )
                .into(),
            )));
        }
        for x in v {
            self.inner.write(x, buf)?;
        }
        Ok(())
    }
}

/// A TaggedPropertyValue ([MS-OXCDATA] 2.11.4) in ROP context.
#[derive(Clone, Copy)]
pub(crate) struct Tagged;

impl<'a> Codec<'a, TaggedValue> for Tagged {
    fn read(&self, r: &mut Reader<'a>) -> Result<TaggedValue> {
        TaggedValue::read(r, &ValueContext::ROP)
    }
    fn len(&self, v: &TaggedValue) -> usize {
        v.wire_len(&ValueContext::ROP)
    }
    fn write<B: BufMut>(&self, v: &TaggedValue, buf: &mut B) -> Result<()> {
        v.write(&ValueContext::ROP, buf)
    }
}

/// A list of 4-byte property tags with a 16-bit count.
pub(crate) const TAGS: List<2, Plain> = list16("PropertyTagCount", 4, Plain);

/// A list of TaggedPropertyValues with a 16-bit count.
pub(crate) const TAGGED_VALUES: List<2, Tagged> = list16("PropertyValueCount", 4, Tagged);

/// Property tags: the element type of [`TAGS`].
pub(crate) type Tags = Vec<PropertyTag>;

/// A value that fills a window whose size an earlier 16-bit field gives
/// (RestrictionDataSize, PropertyValueSize...): the size is written before
/// the value and must match it exactly.
pub(crate) struct Sized16<C> {
    pub inner: C,
    pub field: &'static str,
}

/// [`Sized16`].
pub(crate) const fn sized16<C>(field: &'static str, inner: C) -> Sized16<C> {
    Sized16 { inner, field }
}

impl<'a, T, C: Codec<'a, T>> Codec<'a, T> for Sized16<C> {
    fn read(&self, r: &mut Reader<'a>) -> Result<T> {
        let n = usize::from(r.u16()?);
        r.sized(n, |r| self.inner.read(r))
    }
    fn len(&self, v: &T) -> usize {
        2 + self.inner.len(v)
    }
    fn write<B: BufMut>(&self, v: &T, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(self.inner.len(v), self.field)?);
        self.inner.write(v, buf)
    }
}

/// A restriction ([MS-OXCDATA] 2.12) in ROP form, or none when its window
/// is empty (RestrictionDataSize 0).
#[derive(Clone, Copy)]
pub(crate) struct MaybeRestriction;

impl<'a> Codec<'a, Option<ms_oxcdata::Restriction>> for MaybeRestriction {
    fn read(&self, r: &mut Reader<'a>) -> Result<Option<ms_oxcdata::Restriction>> {
        if r.is_empty() {
            return Ok(None);
        }
        ms_oxcdata::Restriction::read(r, &ValueContext::ROP).map(Some)
    }
    fn len(&self, v: &Option<ms_oxcdata::Restriction>) -> usize {
        v.as_ref().map_or(0, |x| x.wire_len(&ValueContext::ROP))
    }
    fn write<B: BufMut>(&self, v: &Option<ms_oxcdata::Restriction>, buf: &mut B) -> Result<()> {
        match v {
            Some(x) => x.write(&ValueContext::ROP, buf),
            None => Ok(()),
        }
    }
}

/// A fixed-length array of `N` elements.
#[derive(Clone, Copy)]
pub(crate) struct Array<C>(pub C);

impl<'a, T, C: Codec<'a, T>, const N: usize> Codec<'a, [T; N]> for Array<C>
where
    T: Default + Copy,
{
    fn read(&self, r: &mut Reader<'a>) -> Result<[T; N]> {
        let mut out = [T::default(); N];
        for slot in &mut out {
            *slot = self.0.read(r)?;
        }
        Ok(out)
    }
    fn len(&self, v: &[T; N]) -> usize {
        v.iter().map(|x| self.0.len(x)).sum()
    }
    fn write<B: BufMut>(&self, v: &[T; N], buf: &mut B) -> Result<()> {
        for x in v {
            self.0.write(x, buf)?;
        }
        Ok(())
    }
}

/// The codec of a field: the one given, or [`Plain`].
macro_rules! codec_of {
    () => {
        $crate::codec::Plain
    };
    ($c:expr) => {
        $c
    };
}
pub(crate) use codec_of;

/// Declares a ROP buffer structure from its field list: the struct (with
/// `Debug`, `Clone`, `PartialEq` and the optional serde derives), its
/// [`Decode`] and its [`Encode`].
///
/// A field is `pub name: Type` (laid out by `Type`'s own codec) or
/// `pub name: Type => codec_expression`. A response whose success form
/// differs from its failure form puts `@success` after its handle-index
/// field: the ReturnValue there must be 0 (it is not stored; the
/// [`crate::RopFailureResponse`] carries the others).
macro_rules! rop_struct {
    (
        $(#[$m:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? {
            $(#[$hm:meta])*
            pub $hf:ident : $ht:ty,
            @success
            $(
                $(#[$fm:meta])*
                pub $f:ident : $t:ty $(=> $codec:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name $(<$lt>)? {
            $(#[$hm])*
            pub $hf: $ht,
            $( $(#[$fm])* pub $f: $t, )*
        }

        impl<'a> msox_codec::Decode<'a> for $name $(<$lt>)? {
            #[allow(unused_variables, clippy::redundant_locals)]
            fn decode(r: &mut msox_codec::Reader<'a>) -> msox_codec::Result<Self> {
                let $hf: $ht = r.decode()?;
                $crate::codec::read_success(r)?;
                $( let $f: $t = $crate::codec::Codec::<'a, $t>::read(&$crate::codec::codec_of!($($codec)?), r)?; )*
                Ok(Self { $hf, $($f),* })
            }
        }

        impl $(<$lt>)? msox_codec::Encode for $name $(<$lt>)? {
            #[allow(unused_variables)]
            fn encoded_len(&self) -> usize {
                let Self { $hf, $($f),* } = self;
                msox_codec::Encode::encoded_len($hf) + 4
                    $( + $crate::codec::Codec::<'_, $t>::len(&$crate::codec::codec_of!($($codec)?), $f) )*
            }
            #[allow(unused_variables)]
            fn encode<B: msox_codec::bytes::BufMut>(&self, buf: &mut B) -> msox_codec::Result<()> {
                let Self { $hf, $($f),* } = self;
                msox_codec::Encode::encode($hf, buf)?;
                buf.put_u32_le(0);
                $( $crate::codec::Codec::<'_, $t>::write(&$crate::codec::codec_of!($($codec)?), $f, buf)?; )*
                Ok(())
            }
        }
    };
    (
        $(#[$m:meta])*
        pub struct $name:ident $(<$lt:lifetime>)? {
            $(
                $(#[$fm:meta])*
                pub $f:ident : $t:ty $(=> $codec:expr)?
            ),* $(,)?
        }
    ) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        pub struct $name $(<$lt>)? {
            $( $(#[$fm])* pub $f: $t, )*
        }

        impl<'a> msox_codec::Decode<'a> for $name $(<$lt>)? {
            #[allow(unused_variables, clippy::redundant_locals)]
            fn decode(r: &mut msox_codec::Reader<'a>) -> msox_codec::Result<Self> {
                $( let $f: $t = $crate::codec::Codec::<'a, $t>::read(&$crate::codec::codec_of!($($codec)?), r)?; )*
                Ok(Self { $($f),* })
            }
        }

        impl $(<$lt>)? msox_codec::Encode for $name $(<$lt>)? {
            #[allow(unused_variables)]
            fn encoded_len(&self) -> usize {
                let Self { $($f),* } = self;
                0 $( + $crate::codec::Codec::<'_, $t>::len(&$crate::codec::codec_of!($($codec)?), $f) )*
            }
            #[allow(unused_variables)]
            fn encode<B: msox_codec::bytes::BufMut>(&self, buf: &mut B) -> msox_codec::Result<()> {
                let Self { $($f),* } = self;
                $( $crate::codec::Codec::<'_, $t>::write(&$crate::codec::codec_of!($($codec)?), $f, buf)?; )*
                Ok(())
            }
        }
    };
}
pub(crate) use rop_struct;

/// Reads the ReturnValue of a success response: it must be 0 (the
/// dispatcher sends other values to the failure form).
pub(crate) fn read_success(r: &mut Reader<'_>) -> Result<()> {
    let at = r.pos();
    let v = r.u32()?;
    if v != 0 {
        return Err(r.invalid_at("ReturnValue", u64::from(v), at));
    }
    Ok(())
}
