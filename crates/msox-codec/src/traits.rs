//! The [`Decode`] / [`Encode`] trait pair every msox structure implements,
//! and their context-taking twins [`DecodeWith`] / [`EncodeWith`].

use bytes::BufMut;

use crate::error::{Error, ErrorKind, Result};
use crate::reader::Reader;
use crate::session::{Decoded, Options};

/// What a nom parser over msox input returns (the nom bridge:
/// [`Reader::nom`] runs one in a session).
pub type PResult<'a, T> = nom::IResult<&'a [u8], T, Error>;

/// A structure that decodes from a [`Reader`].
///
/// Implementations read from the reader's current position and leave it
/// after the structure. Entry points for callers:
///
/// - [`Decode::decode_bytes`]: the one entry shape of every crate: the whole
///   input, a [`Mode`](crate::Mode) and [`Limits`](crate::Limits) from
///   [`Options`], the value with its defects;
/// - [`Decode::decode_exact`]: the whole input, strict, default limits;
/// - [`Decode::decode_prefix`]: from the front of the input, strict.
pub trait Decode<'a>: Sized {
    /// Decodes a value at the reader's position.
    fn decode(r: &mut Reader<'a>) -> Result<Self>;

    /// Decodes a value from all of `input` with `options`: the value and
    /// the defects lenient decoding reported. Bytes after the value are an
    /// error in strict mode and a defect in lenient mode.
    fn decode_bytes(input: &'a [u8], options: &Options) -> Result<Decoded<Self>> {
        decode_bytes_with_reader(input, options, Self::decode)
    }

    /// Decodes a value that must use every byte of `input`, strictly.
    fn decode_exact(input: &'a [u8]) -> Result<Self> {
        Self::decode_bytes(input, &Options::strict()).map(|d| d.value)
    }

    /// Decodes a value from the front of `input`, strictly; returns it with
    /// the number of bytes it used.
    fn decode_prefix(input: &'a [u8]) -> Result<(Self, usize)> {
        let mut r = Reader::with_options(input, &Options::strict());
        let v = Self::decode(&mut r)?;
        Ok((v, r.pos()))
    }
}

/// A structure whose layout depends on data decoded earlier or on the
/// context it appears in (a ROP response needs its request; a PropertyRow
/// needs its column set; a count is 16-bit in one context, 32-bit in
/// another). The context is always an explicit argument, never a guess.
pub trait DecodeWith<'a, C>: Sized {
    /// Decodes a value at the reader's position in context `ctx`.
    fn decode_with(r: &mut Reader<'a>, ctx: C) -> Result<Self>;

    /// [`Decode::decode_bytes`] in context `ctx`.
    fn decode_bytes_with(input: &'a [u8], ctx: C, options: &Options) -> Result<Decoded<Self>> {
        decode_bytes_with_reader(input, options, |r| Self::decode_with(r, ctx))
    }

    /// Decodes a value in context `ctx` that must use every byte of `input`,
    /// strictly.
    fn decode_exact_with(input: &'a [u8], ctx: C) -> Result<Self> {
        Self::decode_bytes_with(input, ctx, &Options::strict()).map(|d| d.value)
    }

    /// Decodes a value in context `ctx` from the front of `input`, strictly;
    /// returns it with the number of bytes it used.
    fn decode_prefix_with(input: &'a [u8], ctx: C) -> Result<(Self, usize)> {
        let mut r = Reader::with_options(input, &Options::strict());
        let v = Self::decode_with(&mut r, ctx)?;
        Ok((v, r.pos()))
    }
}

/// Runs `f` over all of `input` in a new session with `options`: the value
/// and the session's defects. Bytes after the value are an error in strict
/// mode and a defect in lenient mode. The helper behind every
/// `decode_bytes` entry point.
pub fn decode_bytes_with_reader<'a, T>(
    input: &'a [u8],
    options: &Options,
    f: impl FnOnce(&mut Reader<'a>) -> Result<T>,
) -> Result<Decoded<T>> {
    let mut r = Reader::with_options(input, options);
    let v = f(&mut r)?;
    if !r.is_empty() {
        let n = r.remaining();
        r.defect(
            ErrorKind::TrailingBytes { count: n as u64 },
            "trailing bytes not read",
        )?;
    }
    Ok(r.into_decoded(v))
}

/// A structure that encodes to bytes.
///
/// Encoding fails with an [`Error`] (never a panic) when a value cannot be
/// represented: a count over the field's maximum, a string too long for its
/// length prefix ([`ErrorKind::ValueTooLarge`]).
pub trait Encode {
    /// The exact number of bytes [`Encode::encode`] writes (when it succeeds).
    fn encoded_len(&self) -> usize;

    /// Writes the value to `buf`.
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()>;

    /// Encodes into a new vector.
    fn to_vec(&self) -> Result<Vec<u8>> {
        let mut v = Vec::with_capacity(self.encoded_len());
        self.encode(&mut v)?;
        Ok(v)
    }
}

/// A structure that encodes differently by context (the twin of [`DecodeWith`]).
pub trait EncodeWith<C> {
    /// The exact number of bytes [`EncodeWith::encode_with`] writes in context `ctx`.
    fn encoded_len_with(&self, ctx: C) -> usize;

    /// Writes the value to `buf` in context `ctx`.
    fn encode_with<B: BufMut>(&self, ctx: C, buf: &mut B) -> Result<()>;

    /// Encodes into a new vector in context `ctx`.
    fn to_vec_with(&self, ctx: C) -> Result<Vec<u8>>
    where
        C: Copy,
    {
        let mut v = Vec::with_capacity(self.encoded_len_with(ctx));
        self.encode_with(ctx, &mut v)?;
        Ok(v)
    }
}

/// Encodes a value and checks that [`Encode::encoded_len`] told the truth
/// (a debugging and testing aid; `to_vec` trusts it only for capacity).
pub fn encode_checked<T: Encode + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut v = Vec::with_capacity(value.encoded_len());
    value.encode(&mut v)?;
    if v.len() != value.encoded_len() {
        return Err(Error::new(ErrorKind::Malformed(
            format!(
                "encoded_len() said {} bytes, encode() wrote {}",
                value.encoded_len(),
                v.len()
            )
            .into(),
        )));
    }
    Ok(v)
}

macro_rules! int_codec {
    ($($t:ty),*) => {$(
        impl<'a> Decode<'a> for $t {
            #[inline]
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                let a = r.array::<{ std::mem::size_of::<$t>() }>()?;
                Ok(<$t>::from_le_bytes(a))
            }
        }
        impl Encode for $t {
            #[inline]
            fn encoded_len(&self) -> usize {
                std::mem::size_of::<$t>()
            }
            #[inline]
            fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                buf.put_slice(&self.to_le_bytes());
                Ok(())
            }
        }
    )*};
}

// Plain integers and floats are little-endian in every format msox covers.
int_codec!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl<const N: usize> Decode<'_> for [u8; N] {
    fn decode(r: &mut Reader<'_>) -> Result<Self> {
        r.array::<N>()
    }
}

impl<const N: usize> Encode for [u8; N] {
    fn encoded_len(&self) -> usize {
        N
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(self);
        Ok(())
    }
}
