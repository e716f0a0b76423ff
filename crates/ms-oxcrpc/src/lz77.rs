//! [MS-OXCRPC] 3.1.4.1.1.2 Compression Algorithm: LZ77 with the DIRECT2
//! encoding, which is the "plain LZ77" variant of [MS-XCA] (section 2.3
//! Plain LZ77 Compression Algorithm Details, section 2.4 Plain LZ77
//! Decompression Algorithm Details).
//!
//! The stream is a sequence of 32-bit little-endian bitmasks, each followed
//! by the 32 items it describes, most significant bit first: a 0 bit is a
//! literal byte, a 1 bit a match (`(offset - 1) << 3 | length - 3` in 16
//! bits, with longer lengths in a shared nibble, then a byte, then 16 and
//! 32 bits). A 1 bit where the input ends marks the end of the stream.
//!
//! - [`decompress`] reads a stream from a [`Reader`] window and never
//!   produces more than the caller's bound (SizeActual) or the session's
//!   output budget; [`decompress_bytes`] does the same without a session.
//! - [`compress`] writes a valid stream in linear time: greedy matching
//!   over a hash chain of 3-byte prefixes within the 8,192-byte window,
//!   following the encoding of [MS-XCA] 2.3.4 (so the [MS-XCA] 3.1
//!   examples come out byte for byte).
//! - [`Lz77Payload`] is a whole stream as a [`Decode`] / [`Encode`] value
//!   (held decompressed): the entry point for fuzzing and for callers
//!   without an RPC_HEADER_EXT.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Reader, Result};

/// The largest match offset the encoding can carry (13 bits, plus one).
pub const MAX_OFFSET: usize = 1 << 13;

/// The shortest match the encoding can carry.
pub const MIN_MATCH: usize = 3;

/// Why a stream did not decompress, and where (an index into the stream).
#[derive(Debug)]
struct Fault {
    kind: ErrorKind,
    pos: usize,
}

impl Fault {
    #[cold]
    fn eof(pos: usize, needed: usize, len: usize) -> Fault {
        Fault {
            kind: ErrorKind::UnexpectedEnd {
                needed: needed as u64,
                available: len.saturating_sub(pos) as u64,
            },
            pos,
        }
    }
}

/// Which bound stopped the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bound {
    /// The size the caller declared (SizeActual).
    Declared,
    /// The session's output budget.
    Budget,
}

#[inline]
fn read_u8(input: &[u8], pos: usize) -> std::result::Result<u8, Fault> {
    input
        .get(pos)
        .copied()
        .ok_or_else(|| Fault::eof(pos, 1, input.len()))
}

#[inline]
fn read_u16(input: &[u8], pos: usize) -> std::result::Result<u16, Fault> {
    match input.get(pos..pos.saturating_add(2)) {
        Some(&[a, b]) => Ok(u16::from_le_bytes([a, b])),
        _ => Err(Fault::eof(pos, 2, input.len())),
    }
}

#[inline]
fn read_u32(input: &[u8], pos: usize) -> std::result::Result<u32, Fault> {
    match input.get(pos..pos.saturating_add(4)) {
        Some(&[a, b, c, d]) => Ok(u32::from_le_bytes([a, b, c, d])),
        _ => Err(Fault::eof(pos, 4, input.len())),
    }
}

/// [MS-XCA] 2.4.4: decompresses all of `input`, appending to `out`, never
/// letting `out` grow past `declared` or past `budget` bytes (whichever is
/// smaller). Returns an error and the stream position it concerns.
fn decompress_core(
    input: &[u8],
    declared: usize,
    budget: usize,
    out: &mut Vec<u8>,
) -> std::result::Result<(), Fault> {
    let (limit, bound) = if budget < declared {
        (budget, Bound::Budget)
    } else {
        (declared, Bound::Declared)
    };
    let base = out.len();
    let over = |produced: usize, pos: usize| -> Fault {
        let kind = match bound {
            Bound::Declared => ErrorKind::LimitExceeded {
                what: "decompressed size",
                value: produced as u64,
                max: declared as u64,
            },
            Bound::Budget => ErrorKind::LimitExceeded {
                what: "output size",
                value: produced as u64,
                max: budget as u64,
            },
        };
        Fault { kind, pos }
    };
    let mut pos = 0usize;
    let mut flags = 0u32;
    let mut flag_count = 0u32;
    // Where the shared length nibble byte is, when its high half is unused.
    let mut half_byte: Option<usize> = None;
    loop {
        if flag_count == 0 {
            flags = read_u32(input, pos)?;
            pos += 4;
            flag_count = 32;
        }
        flag_count -= 1;
        if flags & (1 << flag_count) == 0 {
            let b = read_u8(input, pos)?;
            let produced = out.len() - base;
            if produced >= limit {
                return Err(over(produced + 1, pos));
            }
            out.push(b);
            pos += 1;
            continue;
        }
        if pos == input.len() {
            return Ok(());
        }
        let at = pos;
        let match_bytes = usize::from(read_u16(input, pos)?);
        pos += 2;
        let offset = (match_bytes >> 3) + 1;
        let mut length = match_bytes & 7;
        if length == 7 {
            length = match half_byte.take() {
                None => {
                    let b = read_u8(input, pos)?;
                    half_byte = Some(pos);
                    pos += 1;
                    usize::from(b & 0x0F)
                }
                Some(h) => usize::from(read_u8(input, h)? >> 4),
            };
            if length == 15 {
                length = usize::from(read_u8(input, pos)?);
                pos += 1;
                if length == 255 {
                    let len_at = pos;
                    length = usize::from(read_u16(input, pos)?);
                    pos += 2;
                    if length == 0 {
                        length = read_u32(input, pos)? as usize;
                        pos += 4;
                    }
                    if length < 15 + 7 {
                        return Err(Fault {
                            kind: ErrorKind::InvalidValue {
                                field: "MatchLength",
                                value: length as u64,
                            },
                            pos: len_at,
                        });
                    }
                    length -= 15 + 7;
                }
                length += 15;
            }
            length += 7;
        }
        length += 3;
        let produced = out.len() - base;
        if offset > produced {
            return Err(Fault {
                kind: ErrorKind::InvalidValue {
                    field: "MatchOffset",
                    value: offset as u64,
                },
                pos: at,
            });
        }
        if length > limit - produced {
            return Err(over(produced.saturating_add(length), at));
        }
        // Byte-by-byte semantics (a match may overlap its own output):
        // copy from a fixed start; each copy doubles what can be copied next.
        let src = out.len() - offset;
        let mut left = length;
        while left > 0 {
            let n = left.min(out.len() - src);
            out.extend_from_within(src..src + n);
            left -= n;
        }
    }
}

/// [MS-XCA] 2.4 Plain LZ77 Decompression: decompresses the next `len` bytes
/// of the reader's window, which must hold a whole stream, into at most
/// `max_output` bytes (the SizeActual the stream was declared with).
///
/// The output also counts against the session's output budget. Errors:
/// [`ErrorKind::UnexpectedEnd`] for a stream that ends inside an item or
/// without its end bit, [`ErrorKind::InvalidValue`] (`MatchOffset`) for a
/// match that reaches before the start of the output, `MatchLength` for a
/// 16- or 32-bit length below 22, and [`ErrorKind::LimitExceeded`] for
/// output past `max_output` (`decompressed size`) or past the budget
/// (`output size`). Offsets point into the stream, at the item concerned.
///
/// ```
/// use msox_codec::{Options, Reader};
/// // [MS-XCA] 3.1: "abc" then a match of length 297 at distance 3.
/// let stream = [0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01];
/// let mut r = Reader::with_options(&stream, &Options::strict());
/// let out = ms_oxcrpc::lz77::decompress(&mut r, stream.len(), 300)?;
/// assert_eq!(out, b"abc".repeat(100));
/// let mut r = Reader::with_options(&stream, &Options::strict());
/// assert!(ms_oxcrpc::lz77::decompress(&mut r, stream.len(), 299).unwrap_err().is_limit());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(r: &mut Reader<'_>, len: usize, max_output: usize) -> Result<Vec<u8>> {
    let start = r.pos();
    let input = r.bytes(len)?;
    let budget = r.session().output_left();
    let mut out = Vec::with_capacity(max_output.min(budget).min(len.saturating_mul(8)));
    match decompress_core(input, max_output, budget, &mut out) {
        Ok(()) => {
            r.charge_output(out.len())?;
            Ok(out)
        }
        Err(f) => Err(r.error_at(f.kind, start.saturating_add(f.pos))),
    }
}

/// [MS-XCA] 2.4 Plain LZ77 Decompression of all of `input`, for callers
/// without a decoding session: at most `max_output` bytes. Errors carry the
/// offset in `input` (see [`decompress`]).
///
/// ```
/// // [MS-XCA] 3.1: 26 literals.
/// let mut stream = vec![0x3f, 0, 0, 0];
/// stream.extend(b'a'..=b'z');
/// let out = ms_oxcrpc::lz77::decompress_bytes(&stream, 1 << 16)?;
/// assert_eq!(out, (b'a'..=b'z').collect::<Vec<u8>>());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress_bytes(input: &[u8], max_output: usize) -> Result<Vec<u8>> {
    let mut out = Vec::with_capacity(max_output.min(input.len().saturating_mul(8)));
    decompress_core(input, max_output, usize::MAX, &mut out)
        .map_err(|f| Error::at_offset(f.kind, f.pos))?;
    Ok(out)
}

/// Hash table size (bits) of the compressor's 3-byte prefix index.
const HASH_BITS: u32 = 14;
/// How many earlier positions with the same prefix hash the compressor
/// tries per position: bounds the work per byte (linear time).
const MAX_CHAIN: usize = 24;
/// A match this long is taken without looking further.
const GOOD_ENOUGH: usize = 258;
/// No position (an empty hash slot).
const NIL: u32 = u32::MAX;

#[inline]
fn hash3(a: u8, b: u8, c: u8) -> usize {
    let v = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as usize
}

/// The encoder's state: the output, the flag word being filled and where
/// it goes, and the shared length nibble ([MS-XCA] 2.3.4).
struct Encoder {
    out: Vec<u8>,
    flags: u32,
    flag_count: u32,
    flag_pos: usize,
    half_byte: Option<usize>,
}

impl Encoder {
    fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(&[0; 4]);
        Encoder {
            out,
            flags: 0,
            flag_count: 0,
            flag_pos: 0,
            half_byte: None,
        }
    }

    #[inline]
    fn put_flags_at(&mut self, at: usize, v: u32) {
        if let Some(slot) = self.out.get_mut(at..at + 4) {
            slot.copy_from_slice(&v.to_le_bytes());
        }
    }

    #[inline]
    fn push_flag(&mut self, bit: u32) {
        self.flags = self.flags << 1 | bit;
        self.flag_count += 1;
        if self.flag_count == 32 {
            self.put_flags_at(self.flag_pos, self.flags);
            self.flag_count = 0;
            self.flags = 0;
            self.flag_pos = self.out.len();
            self.out.extend_from_slice(&[0; 4]);
        }
    }

    #[inline]
    fn literal(&mut self, b: u8) {
        self.out.push(b);
        self.push_flag(0);
    }

    /// A match of `length` bytes (at least 3) at distance `offset`
    /// (1..=8192).
    fn matched(&mut self, offset: usize, length: usize) {
        let offset_bits = (offset - 1) << 3;
        let length = length - MIN_MATCH;
        if length < 7 {
            self.out.put_u16_le((offset_bits | length) as u16);
        } else {
            self.out.put_u16_le((offset_bits | 7) as u16);
            let rest = length - 7;
            let nibble = rest.min(15) as u8;
            match self.half_byte.take() {
                None => {
                    self.half_byte = Some(self.out.len());
                    self.out.push(nibble);
                }
                Some(h) => {
                    if let Some(b) = self.out.get_mut(h) {
                        *b |= nibble << 4;
                    }
                }
            }
            if rest >= 15 {
                let rest = rest - 15;
                if rest < 255 {
                    self.out.push(rest as u8);
                } else {
                    self.out.push(255);
                    let total = rest + 15 + 7;
                    if total < 1 << 16 {
                        self.out.put_u16_le(total as u16);
                    } else {
                        self.out.put_u16_le(0);
                        self.out.put_u32_le(total as u32);
                    }
                }
            }
        }
        self.push_flag(1);
    }

    fn finish(mut self) -> Vec<u8> {
        // The remaining bits (all 32 when a new word was just started) are
        // ones: the first one after the last item ends the stream.
        let n = self.flag_count;
        let v = if n == 0 {
            u32::MAX
        } else {
            (self.flags << (32 - n)) | ((1u32 << (32 - n)) - 1)
        };
        self.put_flags_at(self.flag_pos, v);
        self.out
    }
}

/// [MS-XCA] 2.3 Plain LZ77 Compression: compresses `input` into a stream
/// that [`decompress`] (and every conforming decoder) turns back into
/// `input`.
///
/// Greedy longest-match search over a hash chain of 3-byte prefixes within
/// the last 8,192 bytes, at most a fixed number of candidates per
/// position: linear time, memory linear in the input. Matches are encoded
/// as [MS-XCA] 2.3.4 says, including the shared length nibble and the 16-
/// and 32-bit length forms.
///
/// ```
/// use ms_oxcrpc::lz77;
/// let data = b"abc".repeat(100);
/// let stream = lz77::compress(&data);
/// // [MS-XCA] 3.1, byte for byte.
/// assert_eq!(stream, [0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01]);
/// assert_eq!(lz77::decompress_bytes(&stream, data.len())?, data);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[allow(clippy::indexing_slicing)] // `pos + 2 < n` and chain entries < pos are checked; see the comments
pub fn compress(input: &[u8]) -> Vec<u8> {
    let n = input.len();
    let mut enc = Encoder::new(n + n / 8 + 8);
    let mut head = vec![NIL; 1 << HASH_BITS];
    // prev[p % MAX_OFFSET]: the previous position with p's prefix hash. A
    // slot is reused only by a position MAX_OFFSET later, by which time the
    // older one is out of the window.
    let mut prev = vec![NIL; MAX_OFFSET.min(n.max(1))];
    let window_mask = prev.len();
    let max_len_total = u32::MAX as usize - 64;
    let insert = |head: &mut Vec<u32>, prev: &mut Vec<u32>, p: usize| {
        // p + 2 < n: the caller checks.
        let h = hash3(input[p], input[p + 1], input[p + 2]);
        prev[p % window_mask] = head[h];
        head[h] = p as u32;
    };
    let mut pos = 0usize;
    while pos < n {
        if pos + 2 >= n || pos > u32::MAX as usize - 1 {
            enc.literal(input[pos]);
            pos += 1;
            continue;
        }
        let h = hash3(input[pos], input[pos + 1], input[pos + 2]);
        let mut cand = head[h];
        let mut best_len = 0usize;
        let mut best_off = 0usize;
        let max_len = (n - pos).min(max_len_total);
        let mut chain = 0;
        while cand != NIL && chain < MAX_CHAIN {
            let c = cand as usize;
            // Chains only point backwards; stop at the window's edge.
            if c >= pos || pos - c > MAX_OFFSET {
                break;
            }
            // Quick reject: the byte that would extend the best match.
            if input[c + best_len.min(max_len - 1)] == input[pos + best_len.min(max_len - 1)] {
                let mut l = 0;
                while l < max_len && input[c + l] == input[pos + l] {
                    l += 1;
                }
                if l > best_len {
                    best_len = l;
                    best_off = pos - c;
                    if l >= GOOD_ENOUGH || l == max_len {
                        break;
                    }
                }
            }
            let next = prev[c % window_mask];
            if next != NIL && next as usize >= c {
                break;
            }
            cand = next;
            chain += 1;
        }
        if best_len >= MIN_MATCH {
            enc.matched(best_off, best_len);
            // Index every position the match covers (bounded: a long run
            // is indexed once per position, still linear).
            let end = pos + best_len;
            let mut p = pos;
            while p < end {
                if p + 2 < n {
                    insert(&mut head, &mut prev, p);
                }
                p += 1;
            }
            pos = end;
        } else {
            insert(&mut head, &mut prev, pos);
            enc.literal(input[pos]);
            pos += 1;
        }
    }
    enc.finish()
}

/// [MS-XCA] 2.3 / 2.4: a whole plain LZ77 stream, held decompressed.
///
/// Decoding decompresses all of the input, bounded by the session's output
/// budget; encoding compresses with [`compress`]. `decode(encode(x)) == x`;
/// a stream from another compressor decodes to the same data but need not
/// re-encode to the same bytes (the choice of matches is the encoder's).
///
/// ```
/// use ms_oxcrpc::lz77::Lz77Payload;
/// use msox_codec::{Decode, Encode};
/// let p = Lz77Payload { data: Vec::from(&b"hello hello hello"[..]) };
/// let stream = p.to_vec()?;
/// assert!(stream.len() < 4 + p.data.len());
/// assert_eq!(Lz77Payload::decode_exact(&stream)?, p);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Lz77Payload {
    /// The decompressed data.
    pub data: Vec<u8>,
}

impl<'a> Decode<'a> for Lz77Payload {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LZ77", |r| {
            let n = r.remaining();
            let data = decompress(r, n, usize::MAX)?;
            Ok(Lz77Payload { data })
        })
    }
}

impl Encode for Lz77Payload {
    fn encoded_len(&self) -> usize {
        compress(&self.data).len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&compress(&self.data));
        Ok(())
    }
    fn to_vec(&self) -> Result<Vec<u8>> {
        Ok(compress(&self.data))
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn round_trip(data: &[u8]) {
        let c = compress(data);
        let d = decompress_bytes(&c, data.len()).unwrap();
        assert_eq!(d, data);
    }

    #[test]
    fn spec_examples_come_out_byte_for_byte() {
        let abc: Vec<u8> = (b'a'..=b'z').collect();
        let mut expect = vec![0x3f, 0, 0, 0];
        expect.extend(&abc);
        assert_eq!(compress(&abc), expect);
        assert_eq!(
            compress(&b"abc".repeat(100)),
            [
                0xff, 0xff, 0xff, 0x1f, 0x61, 0x62, 0x63, 0x17, 0x00, 0x0f, 0xff, 0x26, 0x01
            ]
        );
    }

    #[test]
    fn empty_input_is_one_flag_word() {
        assert_eq!(compress(&[]), [0xff; 4]);
        assert_eq!(decompress_bytes(&[0xff; 4], 0).unwrap(), b"");
    }

    #[test]
    fn round_trips_at_flag_word_boundaries_and_long_lengths() {
        for n in [1, 2, 3, 31, 32, 33, 63, 64, 65] {
            let d: Vec<u8> = (0..n).map(|i| (i * 7 + 3) as u8).collect();
            round_trip(&d);
        }
        for n in [10, 21, 22, 25, 40, 300, 65_000, 70_000, 200_000] {
            round_trip(&vec![b'x'; n]);
        }
        let mut mixed = Vec::new();
        for i in 0..20_000u32 {
            mixed.extend_from_slice(&(i % 97).to_le_bytes());
            if i % 5 == 0 {
                mixed.extend_from_slice(b"repeat me please");
            }
        }
        round_trip(&mixed);
    }

    #[test]
    fn match_before_the_output_is_invalid() {
        // flag word: first item a match.
        let stream = [0x00, 0x00, 0x00, 0x80, 0x08, 0x00];
        let e = decompress_bytes(&stream, 100).unwrap_err();
        assert_eq!(e.offset(), Some(4));
        assert!(matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                field: "MatchOffset",
                value: 2
            }
        ));
    }

    #[test]
    fn output_over_the_declared_size_is_refused() {
        let c = compress(&[7u8; 1000]);
        let e = decompress_bytes(&c, 999).unwrap_err();
        assert!(e.is_limit(), "{e}");
        let c = compress(b"abcdef");
        assert!(decompress_bytes(&c, 5).unwrap_err().is_limit());
    }

    #[test]
    fn stream_without_end_bit_is_unexpected_end() {
        // 32 literal flags, then the input stops.
        let mut s = vec![0u8; 4];
        s.extend([1u8; 32]);
        assert!(decompress_bytes(&s, 100).unwrap_err().is_unexpected_end());
    }
}
