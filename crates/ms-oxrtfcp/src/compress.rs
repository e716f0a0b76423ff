//! [MS-OXRTFCP] 3.1.3.2 Compression (and the uncompressed `MELA` form).
//!
//! The spec's compressor emits, at each input position, a reference to the
//! longest run (2 to 17 bytes) found in the dictionary, scanning candidate
//! offsets from the oldest byte to the newest and keeping the first of equal
//! length, and a literal when no run of 2 bytes exists. The choice of
//! reference decides the output bytes, so a compressor that wants to
//! reproduce Outlook's streams has to make the same choice.
//!
//! This one does, without the spec's scan of all 4095 offsets per token:
//! candidates are kept in 3-byte hash chains ordered oldest first, so the
//! first candidate that reaches the maximum length is the spec's answer
//! and the scan stops there (a candidate is compared only if it matches
//! at the best length so far, then 8 bytes at a time); when no 3-byte run
//! exists, the oldest 2-byte run comes from per-key backward links. The
//! chains are kept without data-dependent branches (on RTF text, about 90
//! instructions and half a mispredicted branch per input byte).
//!
//! Outlook does not quite follow the pseudocode. Measured on the 182
//! well-formed `LZFu` streams of the .msg files in the test corpus, Outlook
//! always takes a longest match, but among several candidates of length 17
//! it takes the newest (the pseudocode stops at the oldest: 302 of 302 such
//! ties in the 60 smallest streams), and among shorter ones usually, not
//! always, the oldest (3,208 of 3,513 ties). No simple rule found
//! reproduces the rest, so this
//! compressor follows the spec; it reproduces 8 of the 182 streams byte
//! for byte, and every stream decompresses to the same RTF.
//!
//! One deliberate difference: while it searches, the spec's pseudocode
//! writes the input bytes it has matched so far into the dictionary, ahead
//! of the decoder. When the dictionary is full, the candidates just after
//! the write position then compare against those new bytes, where the
//! decoder will still see the old ones; in that (rare) case the spec's
//! output does not decompress to its input. Here every candidate is
//! compared against exactly the bytes the decoder will see, so
//! `decompress(compress(x)) == x` for every `x`.

use msox_codec::{Encode, Error, ErrorKind, Result};

use crate::crc;
use crate::dictionary::{
    DICTIONARY_SIZE, DictionaryReference, INITIAL_DICTIONARY, MAX_MATCH, MIN_MATCH,
};
use crate::header::{CompType, Header};

/// No position.
const NONE: u32 = u32::MAX;

/// Candidates are at most this far behind the current position (the spec
/// never considers the byte at the write position itself).
const WINDOW: usize = DICTIONARY_SIZE - 1;

/// Number of 3-byte hash buckets.
const H3_BITS: u32 = 14;

/// Compresses RTF into an `LZFu` stream (header, CONTENTS, CRC).
///
/// ```
/// let rtf = b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n";
/// let stream = ms_oxrtfcp::compress(rtf)?;
/// // [MS-OXRTFCP] 4.1.1: the spec's bytes for this input.
/// assert_eq!(msox_codec::hex::encode(&stream),
///     "2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c090020627705b06c647d0a800fa0");
/// assert_eq!(ms_oxrtfcp::decompress(&stream, &msox_codec::Options::strict())?.value.data, rtf);
/// # Ok::<(), msox_codec::Error>(())
/// ```
///
/// Errors: input longer than RAWSIZE can say ([`ErrorKind::ValueTooLarge`]).
pub fn compress(raw: &[u8]) -> Result<Vec<u8>> {
    compress_with(raw, CompType::Compressed)
}

/// Writes `raw` as a stream of the given type: `LZFu` (compressed) or
/// `MELA` (uncompressed, CRC 0).
///
/// Errors: an unknown [`CompType`] ([`ErrorKind::InvalidValue`]), input
/// longer than the size fields can say ([`ErrorKind::ValueTooLarge`]).
pub fn compress_with(raw: &[u8], comp_type: CompType) -> Result<Vec<u8>> {
    let raw_size = u32::try_from(raw.len())
        .map_err(|_| Error::too_large("RAWSIZE", raw.len() as u64, u64::from(u32::MAX)))?;
    match comp_type {
        CompType::Compressed => compress_lzfu(raw, raw_size),
        CompType::Uncompressed => {
            let comp_size = raw_size.checked_add(12).ok_or_else(|| {
                Error::too_large("COMPSIZE", raw.len() as u64 + 12, u64::from(u32::MAX))
            })?;
            let header = Header {
                comp_size,
                raw_size,
                comp_type,
                crc: 0,
            };
            let mut out = Vec::with_capacity(Header::SIZE + raw.len());
            header.encode(&mut out)?;
            out.extend_from_slice(raw);
            Ok(out)
        }
        other => Err(Error::new(ErrorKind::InvalidValue {
            field: "COMPTYPE",
            value: u64::from(other.value()),
        })),
    }
}

fn compress_lzfu(raw: &[u8], raw_size: u32) -> Result<Vec<u8>> {
    // Positions count from the start of the initial dictionary, which
    // `raw` follows. The first window's worth of input is matched in a
    // copy of the two together (candidates reach back into the
    // dictionary), the rest in `raw` itself (positions less `base`: see
    // the switch below), so the input is not copied.
    let base = INITIAL_DICTIONARY.len();
    let switch = base + WINDOW;
    let mut head = Vec::with_capacity(base + WINDOW + 4 * MAX_MATCH);
    head.extend_from_slice(INITIAL_DICTIONARY);
    head.extend_from_slice(
        raw.get(..raw.len().min(WINDOW + 4 * MAX_MATCH))
            .unwrap_or(raw),
    );
    let mut buf: &[u8] = &head;
    // What `buf` position 0 is: 0, then `base`.
    let mut shift = 0usize;
    let end = base + raw.len();
    let mut m = Matcher::new(buf);
    let mut cur = base;
    for p in 0..cur {
        m.insert(p);
    }

    let mut out = Vec::with_capacity(Header::SIZE + raw.len() / 2 + 64);
    out.extend_from_slice(&[0; Header::SIZE]);
    let mut run = [0u8; 16];
    'runs: loop {
        let mut control = 0u8;
        let mut len = 0usize;
        for bit in 0..8 {
            if shift == 0 && cur >= switch {
                // No candidate is in the dictionary any more: continue in
                // `raw`, positions less `base`, with the chains rebuilt
                // from the window's positions, oldest first, as they were
                // (`head` held every byte read so far: a token reads at
                // most 20 bytes past its start).
                shift = base;
                cur -= base;
                buf = raw;
                m = Matcher::new(buf);
                for p in cur - WINDOW..cur {
                    m.insert(p);
                }
            }
            if cur + shift >= end {
                // The end-of-data reference: offset = the write position.
                let end =
                    DictionaryReference::end(((cur + shift) % DICTIONARY_SIZE) as u16).to_bytes();
                control |= 1 << bit;
                put(&mut run, &mut len, &end);
                out.push(control);
                out.extend_from_slice(run.get(..len).unwrap_or_default());
                break 'runs;
            }
            let (pos, mlen) = m.longest_match(cur);
            let step = if mlen >= MIN_MATCH {
                let offset = ((pos + shift) % DICTIONARY_SIZE) as u16;
                let r = DictionaryReference::new(offset, mlen as u8)
                    .unwrap_or(DictionaryReference::end(0));
                put(&mut run, &mut len, &r.to_bytes());
                control |= 1 << bit;
                mlen
            } else {
                put(&mut run, &mut len, &[buf.get(cur).copied().unwrap_or(0)]);
                1
            };
            for _ in 0..step {
                m.advance(cur);
                cur += 1;
            }
        }
        out.push(control);
        out.extend_from_slice(run.get(..len).unwrap_or_default());
    }

    let comp_size = u32::try_from(out.len() - 4)
        .map_err(|_| Error::too_large("COMPSIZE", (out.len() - 4) as u64, u64::from(u32::MAX)))?;
    let header = Header {
        comp_size,
        raw_size,
        comp_type: CompType::Compressed,
        crc: crc::crc32(out.get(Header::SIZE..).unwrap_or_default()),
    };
    let mut h = Vec::with_capacity(Header::SIZE);
    header.encode(&mut h)?;
    if let Some(dst) = out.get_mut(..Header::SIZE) {
        dst.copy_from_slice(&h);
    }
    Ok(out)
}

fn put(run: &mut [u8; 16], len: &mut usize, bytes: &[u8]) {
    if let Some(dst) = run.get_mut(*len..*len + bytes.len()) {
        dst.copy_from_slice(bytes);
        *len += bytes.len();
    }
}

/// The candidates of the spec's search over `buf` (initial dictionary +
/// input): the positions within [`WINDOW`] of the current one.
///
/// - 3-byte hash buckets, each a chain from the oldest position to the
///   newest (so a search can stop at the first run of 17, the oldest),
///   holding exactly the positions in the window: a position is added
///   when passed and removed when it leaves the window, when it is always
///   the oldest of its bucket. Both are done without data-dependent
///   branches (an empty bucket links through a spare slot).
/// - For the 2-byte fallback (no 3-byte run in the window): the newest
///   position of each 2-byte key and, per position, the previous one with
///   the same key; the oldest in the window is found by walking back.
///
/// Tables are fixed-size arrays indexed by masked values (a 16-bit key, a
/// [`H3_BITS`]-bit hash, a position mod 4096 or the spare slot 4096), so
/// no index can be out of range.
struct Matcher<'a> {
    buf: &'a [u8],
    /// 3-byte hash buckets: [oldest, newest] position.
    bucket3: Box<[[u32; 2]; 1 << H3_BITS]>,
    /// Next newer position in the same 3-byte bucket, by position mod
    /// 4096; slot 4096 is written when linking into an empty bucket.
    next3: Box<[u32; DICTIONARY_SIZE + 1]>,
    /// The 3-byte bucket of the position in each slot (`NONE`: none).
    key3: Box<[u32; DICTIONARY_SIZE]>,
    /// Newest position of each 2-byte key.
    last2: Box<[u32; 1 << 16]>,
    /// Previous position with the same 2-byte key, by position mod 4096.
    prev2: Box<[u32; DICTIONARY_SIZE]>,
}

const SLOT_MASK: usize = DICTIONARY_SIZE - 1;
const H3_MASK: usize = (1 << H3_BITS) - 1;

/// A boxed array of `N` copies of `v`, built on the heap.
fn boxed<T: Copy, const N: usize>(v: T) -> Box<[T; N]> {
    let b: Box<[T]> = vec![v; N].into_boxed_slice();
    match b.try_into() {
        Ok(a) => a,
        // Unreachable: the slice has N elements.
        Err(_) => Box::new([v; N]),
    }
}

impl<'a> Matcher<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Self {
            buf,
            bucket3: boxed([NONE; 2]),
            next3: boxed(NONE),
            key3: boxed(NONE),
            last2: boxed(NONE),
            prev2: boxed(NONE),
        }
    }

    fn key2(&self, p: usize) -> Option<usize> {
        match self.buf.get(p..p + 2) {
            Some(&[a, b]) => Some(usize::from(a) << 8 | usize::from(b)),
            _ => None,
        }
    }

    fn key3(&self, p: usize) -> Option<usize> {
        match self.buf.get(p..p + 3) {
            Some(&[a, b, c]) => Some(hash3(a, b, c)),
            _ => None,
        }
    }

    /// Adds position `p` (the newest) to its buckets.
    #[allow(clippy::indexing_slicing)] // keys are masked to the tables' sizes, slots to 4096
    fn insert(&mut self, p: usize) {
        let slot = p & SLOT_MASK;
        let pu = p as u32;
        let (k2, k3) = match self.buf.get(p..p + 3) {
            Some(&[a, b, c]) => (Some(key2(a, b)), hash3(a, b, c) as u32),
            Some(&[a, b]) => (Some(key2(a, b)), NONE),
            _ => (None, NONE),
        };
        if let Some(k2) = k2 {
            self.prev2[slot] = self.last2[k2];
            self.last2[k2] = pu;
        }
        self.key3[slot] = k3;
        if k3 != NONE {
            let b = &mut self.bucket3[k3 as usize & H3_MASK];
            let newest = b[1];
            let empty = newest == NONE;
            self.next3[slot] = NONE;
            let link = if empty {
                DICTIONARY_SIZE
            } else {
                newest as usize & SLOT_MASK
            };
            self.next3[link] = pu;
            b[0] = if empty { pu } else { b[0] };
            b[1] = pu;
        }
    }

    /// Removes position `p`, the oldest of its bucket, as it leaves the
    /// window (its slot still holds its bucket and link).
    #[allow(clippy::indexing_slicing)] // as in `insert`
    fn remove(&mut self, p: usize) {
        let slot = p & SLOT_MASK;
        let k3 = self.key3[slot];
        if k3 != NONE {
            let b = &mut self.bucket3[k3 as usize & H3_MASK];
            let h = self.next3[slot];
            b[0] = h;
            b[1] = if h == NONE { NONE } else { b[1] };
        }
    }

    /// Moves past position `cur`: the position that falls out of the
    /// window stops being a candidate (before its slot is reused), and
    /// `cur` becomes one.
    fn advance(&mut self, cur: usize) {
        if let Some(old) = cur.checked_sub(WINDOW) {
            self.remove(old);
        }
        self.insert(cur);
    }

    /// The oldest position at or after `lo` (and before the current one)
    /// with 2-byte key `k`, or `NONE`.
    #[allow(clippy::indexing_slicing)] // keys are 16-bit, slots masked to 4096
    fn oldest2(&self, k: usize, lo: u32) -> u32 {
        let mut q = self.last2[k & 0xFFFF];
        if q == NONE || q < lo {
            return NONE;
        }
        // Every position visited is in the window, so its slot is its own.
        loop {
            let r = self.prev2[q as usize & SLOT_MASK];
            if r == NONE || r < lo {
                return q;
            }
            q = r;
        }
    }

    /// The spec's longest match at `cur`: the oldest candidate with the
    /// greatest length (at most 17 and the bytes left). Length < 2 = none.
    #[allow(clippy::indexing_slicing)] // positions in the chains are < cur < buf.len(); keys < table sizes
    fn longest_match(&self, cur: usize) -> (usize, usize) {
        let buf = self.buf;
        let max = MAX_MATCH.min(buf.len() - cur);
        if max < MIN_MATCH {
            return (0, 0);
        }
        if max >= 3
            && let Some(k) = self.key3(cur)
        {
            let mut best = (0usize, 0usize);
            let mut p = self.bucket3[k & H3_MASK][0];
            if max == MAX_MATCH {
                // 17 bytes to compare: two words and a byte. Every
                // candidate is before `cur`, so `pu + 17 <= cur + 16 <
                // buf.len()`.
                let t = &buf[cur..cur + MAX_MATCH];
                let (t0, t1, t2) = (word(t, 0), word(t, 8), t[16]);
                // Every candidate is measured, without a branch on its
                // bytes (which would be mispredicted about half the time
                // on text): the chain's loads then overlap the compares.
                let (mut best_pos, mut best_len) = best;
                while p != NONE {
                    let pu = p as usize;
                    let c = &buf[pu..pu + MAX_MATCH];
                    let x = word(c, 0) ^ t0;
                    let y = word(c, 8) ^ t1;
                    // trailing_zeros(0) / 8 == 8: a word that matches
                    // counts whole.
                    let l0 = (x.trailing_zeros() / 8) as usize;
                    let l1 = (y.trailing_zeros() / 8) as usize;
                    let l2 = usize::from(c[16] == t2);
                    let l = l0 + usize::from(x == 0) * (l1 + usize::from(y == 0) * l2);
                    let better = l > best_len;
                    best_pos = if better { pu } else { best_pos };
                    best_len = if better { l } else { best_len };
                    if l == MAX_MATCH {
                        break;
                    }
                    p = self.next3[pu & SLOT_MASK];
                }
                best = (best_pos, best_len);
            } else {
                let target = &buf[cur..cur + max];
                while p != NONE {
                    let pu = p as usize;
                    // p + max <= cur + max - 1 < buf.len()
                    let cand = &buf[pu..pu + max];
                    let l = common_prefix(cand, target);
                    if l > best.1 {
                        best = (pu, l);
                        if l == max {
                            break;
                        }
                    }
                    p = self.next3[pu & SLOT_MASK];
                }
            }
            if best.1 >= 3 {
                return best;
            }
        }
        let lo = cur.saturating_sub(WINDOW) as u32;
        match self.key2(cur).map(|k| self.oldest2(k, lo)) {
            Some(p) if p != NONE => (p as usize, 2),
            _ => (0, 0),
        }
    }
}

/// The little-endian word at `s[at..at + 8]` (`s` has 17 bytes).
#[inline(always)]
fn word(s: &[u8], at: usize) -> u64 {
    let mut b = [0u8; 8];
    if let Some(w) = s.get(at..at + 8) {
        b.copy_from_slice(w);
    }
    u64::from_le_bytes(b)
}

/// The 2-byte key of `a b`.
#[inline(always)]
fn key2(a: u8, b: u8) -> usize {
    usize::from(a) << 8 | usize::from(b)
}

/// The 3-byte bucket of `a b c`.
#[inline(always)]
fn hash3(a: u8, b: u8, c: u8) -> usize {
    let v = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
    (v.wrapping_mul(0x9E37_79B1) >> (32 - H3_BITS)) as usize & H3_MASK
}

#[inline]
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    use super::*;

    /// The spec's compressor, transcribed literally (scan every offset from
    /// the oldest, write matched bytes into the dictionary while matching),
    /// for cross-checking the fast one.
    fn spec_compress_tokens(raw: &[u8]) -> Vec<(bool, u16, u8)> {
        let mut dict = [0u8; DICTIONARY_SIZE];
        dict[..INITIAL_DICTIONARY.len()].copy_from_slice(INITIAL_DICTIONARY);
        let mut w = INITIAL_DICTIONARY.len();
        let mut size = w;
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < raw.len() {
            let input = &raw[i..];
            let final_offset = w;
            let mut mo = if size < DICTIONARY_SIZE {
                0
            } else {
                (w + 1) % DICTIONARY_SIZE
            };
            let (mut best_off, mut best_len) = (0usize, 0usize);
            loop {
                let max = input.len().min(MAX_MATCH);
                let mut l = 0;
                let mut d = mo;
                while l < max && dict[d] == input[l] {
                    l += 1;
                    if l > best_len {
                        dict[w] = input[l - 1];
                        w = (w + 1) % DICTIONARY_SIZE;
                        size = (size + 1).min(DICTIONARY_SIZE);
                    }
                    d = (d + 1) % DICTIONARY_SIZE;
                }
                if l > best_len {
                    best_off = mo;
                    best_len = l;
                }
                mo = (mo + 1) % DICTIONARY_SIZE;
                if mo == final_offset || best_len == MAX_MATCH {
                    break;
                }
            }
            if best_len == 0 {
                dict[w] = input[0];
                w = (w + 1) % DICTIONARY_SIZE;
                size = (size + 1).min(DICTIONARY_SIZE);
            }
            if best_len >= 2 {
                tokens.push((true, best_off as u16, best_len as u8));
                i += best_len;
            } else {
                tokens.push((false, 0, input[0]));
                i += 1;
            }
        }
        tokens
    }

    fn fast_tokens(raw: &[u8]) -> Vec<(bool, u16, u8)> {
        let stream = compress(raw).unwrap();
        let c = &stream[16..];
        let mut tokens = Vec::new();
        let mut i = 0;
        let mut produced = 0;
        'outer: while i < c.len() {
            let control = c[i];
            i += 1;
            for bit in 0..8 {
                if control & (1 << bit) != 0 {
                    let r = DictionaryReference::from_bytes([c[i], c[i + 1]]);
                    i += 2;
                    if produced == raw.len() {
                        break 'outer;
                    }
                    tokens.push((true, r.offset(), r.length()));
                    produced += usize::from(r.length());
                } else {
                    tokens.push((false, 0, c[i]));
                    i += 1;
                    produced += 1;
                }
            }
        }
        tokens
    }

    #[test]
    fn chooses_the_same_references_as_the_spec_pseudocode() {
        // Inputs below the 4096-byte mark, where the pseudocode's early
        // writes cannot be read back: the choices must be identical.
        let mut inputs: Vec<Vec<u8>> = vec![
            b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"[..].to_owned(),
            b"{\\rtf1 WXYZWXYZWXYZWXYZWXYZ}"[..].to_owned(),
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"[..].to_owned(),
            b"\\par \\pard\\plain\\f0\\fs20 \\par \\pard\\plain abcabcabcabd"[..].to_owned(),
        ];
        let mut x = 12345u32;
        let mut v = Vec::new();
        for _ in 0..3000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            v.push(b"ab\\{} rtf"[(x >> 16) as usize % 9]);
        }
        inputs.push(v);
        for input in inputs {
            assert_eq!(fast_tokens(&input), spec_compress_tokens(&input));
        }
    }

    /// The choices the compressor makes everywhere, past the 4096 mark
    /// too: at each position the longest run (2..=17) among the 4095
    /// positions behind it, the oldest of equals (brute force).
    fn brute_tokens(raw: &[u8]) -> Vec<(bool, u16, u8)> {
        let mut buf = Vec::from(&INITIAL_DICTIONARY[..]);
        buf.extend_from_slice(raw);
        let mut cur = INITIAL_DICTIONARY.len();
        let mut tokens = Vec::new();
        while cur < buf.len() {
            let max = MAX_MATCH.min(buf.len() - cur);
            let (mut best_q, mut best_l) = (0, 0);
            for q in cur.saturating_sub(WINDOW)..cur {
                let l = (0..max).take_while(|&k| buf[q + k] == buf[cur + k]).count();
                if l > best_l {
                    (best_q, best_l) = (q, l);
                }
            }
            if best_l >= MIN_MATCH {
                tokens.push((true, (best_q % DICTIONARY_SIZE) as u16, best_l as u8));
                cur += best_l;
            } else {
                tokens.push((false, 0, buf[cur]));
                cur += 1;
            }
        }
        tokens
    }

    #[test]
    fn chooses_the_oldest_longest_match_past_the_window() {
        let mut x = 99u32;
        let mut rnd = move |n: u32| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) % n
        };
        let mut inputs: Vec<Vec<u8>> = Vec::new();
        // Words from a small vocabulary (long chains, many ties).
        let words: [&[u8]; 8] = [
            b"\\par ", b"the ", b"rtf", b"\\f0 ", b"ab", b"abc", b"{}", b"x",
        ];
        let mut v = Vec::new();
        while v.len() < 40_000 {
            v.extend_from_slice(words[rnd(8) as usize]);
        }
        inputs.push(v);
        // Bytes from a few symbols, with stretches of new bytes (buckets
        // that go stale and come back).
        let mut v = Vec::new();
        while v.len() < 40_000 {
            let alphabet = if rnd(10) == 0 { 200 } else { 4 };
            for _ in 0..rnd(3000) {
                v.push(b'a'.wrapping_add(rnd(alphabet) as u8));
            }
        }
        inputs.push(v);
        // A period longer than the window, then a short one.
        let mut v: Vec<u8> = (0..5000u32).map(|i| (i * 7 % 251) as u8).collect();
        v.extend_from_within(..);
        v.extend(b"0123456789".repeat(500));
        inputs.push(v);
        for input in inputs {
            assert_eq!(fast_tokens(&input), brute_tokens(&input));
        }
    }

    #[test]
    fn mela_has_zero_crc_and_size_plus_12() {
        let s = compress_with(b"{\\rtf1}", CompType::Uncompressed).unwrap();
        assert_eq!(
            &s[..16],
            &[19, 0, 0, 0, 7, 0, 0, 0, b'M', b'E', b'L', b'A', 0, 0, 0, 0]
        );
        assert_eq!(&s[16..], b"{\\rtf1}");
        assert!(compress_with(b"", CompType::from_value(7)).is_err());
    }
}
