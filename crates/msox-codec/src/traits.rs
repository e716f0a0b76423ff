//! The [`Decode`] / [`Encode`] trait pair every msox structure implements,
//! and their context-taking twins [`DecodeWith`] / [`EncodeWith`].

use bytes::BufMut;

use crate::error::{Error, ErrorKind, Result, from_nom};

/// What a nom-style decoder returns: the unconsumed input and the value, or
/// a `nom::Err` wrapping [`Error`]. Works directly with nom combinators.
pub type PResult<'a, T> = nom::IResult<&'a [u8], T, Error>;

/// A structure that decodes from the front of a byte slice.
///
/// Implementations take the remaining input (a suffix of the caller's
/// buffer) and return what they did not consume, nom style, so they compose
/// with nom combinators (`nom::multi::count(Guid::decode, 3)`). Users call
/// [`Decode::decode_exact`] (all input must be consumed) or
/// [`Decode::decode_prefix`], which return plain `Result`s with absolute
/// byte offsets.
pub trait Decode<'a>: Sized {
    /// Decodes a value from the front of `input`, returning the rest.
    fn decode(input: &'a [u8]) -> PResult<'a, Self>;

    /// Decodes a value that must use every byte of `input`.
    fn decode_exact(input: &'a [u8]) -> Result<Self> {
        decode_all(input, Self::decode)
    }

    /// Decodes a value from the front of `input`; returns it with the number
    /// of bytes it used.
    fn decode_prefix(input: &'a [u8]) -> Result<(Self, usize)> {
        decode_front(input, Self::decode)
    }
}

/// A structure whose layout depends on data decoded earlier or on the
/// context it appears in (a ROP response needs its request; a PropertyRow
/// needs its column set; a count is 16-bit in one context, 32-bit in
/// another). The context is always an explicit argument, never a guess.
pub trait DecodeWith<'a, C>: Sized {
    /// Decodes a value from the front of `input` in context `ctx`.
    fn decode_with(input: &'a [u8], ctx: C) -> PResult<'a, Self>;

    /// Decodes a value in context `ctx` that must use every byte of `input`.
    fn decode_exact_with(input: &'a [u8], ctx: C) -> Result<Self> {
        decode_all(input, |i| Self::decode_with(i, ctx))
    }

    /// Decodes a value in context `ctx` from the front of `input`; returns it
    /// with the number of bytes it used.
    fn decode_prefix_with(input: &'a [u8], ctx: C) -> Result<(Self, usize)> {
        decode_front(input, |i| Self::decode_with(i, ctx))
    }
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

/// Runs a nom-style decoder on `input`, requires all input to be consumed,
/// and returns a plain `Result` whose error has an absolute offset.
pub fn decode_all<'a, T>(input: &'a [u8], f: impl FnOnce(&'a [u8]) -> PResult<'a, T>) -> Result<T> {
    match f(input) {
        Ok(([], v)) => Ok(v),
        Ok((rest, _)) => Err(Error::at_offset(
            ErrorKind::TrailingBytes {
                count: rest.len() as u64,
            },
            input.len().saturating_sub(rest.len()),
        )),
        Err(e) => Err(from_nom(e).resolve(input.len())),
    }
}

/// Runs a nom-style decoder on `input` and returns the value with the number
/// of bytes it used; the error has an absolute offset.
pub fn decode_front<'a, T>(
    input: &'a [u8],
    f: impl FnOnce(&'a [u8]) -> PResult<'a, T>,
) -> Result<(T, usize)> {
    match f(input) {
        Ok((rest, v)) => Ok((v, input.len().saturating_sub(rest.len()))),
        Err(e) => Err(from_nom(e).resolve(input.len())),
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
            fn decode(input: &'a [u8]) -> PResult<'a, Self> {
                let mut r = crate::Reader::new(input);
                let a = r.array::<{ std::mem::size_of::<$t>() }>()?;
                r.finish(<$t>::from_le_bytes(a))
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
    fn decode(input: &[u8]) -> PResult<'_, Self> {
        let mut r = crate::Reader::new(input);
        let a = r.array::<N>()?;
        r.finish(a)
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
