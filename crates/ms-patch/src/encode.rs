//! The LZX / LZXD encoder: hash-chain match finding with lazy matching and
//! repeated offsets, verbatim / aligned offset / uncompressed blocks chosen
//! per block by cost, length-limited Huffman codes, trees delta-coded
//! through the pretree, and the frame rules of [MS-PATCH] 2.2.1 (no match
//! or block crosses a 32 KiB frame, the bitstream is re-aligned after each
//! frame, and in LZXD each frame gets its 16-bit chunk size).
//!
//! With reference data (LZX DELTA), the reference is placed in the window
//! before the data, so matches reach into it: the output is a patch that
//! turns the reference into the data.

use msox_codec::{Error, ErrorKind, Result};

use crate::bits::BitWriter;
use crate::consts::{
    ALIGNED_SYMBOLS, EXTRA_BITS, FRAME_SIZE, LENGTH_SYMBOLS, MAX_EXTENDED_MATCH, MAX_MATCH,
    MIN_MATCH, NUM_CHARS, NUM_PRIMARY_LENGTHS, POSITION_BASE, PRETREE_SYMBOLS, position_slots,
};
use crate::decode::{Dialect, StreamParams};
use crate::huffman::{build_lengths, canonical_codes};

/// Encoder settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EncodeOptions {
    /// Effort, 1 (fastest) ..= 9 (smallest): hash-chain depth, lazy
    /// matching, how long a match is "long enough".
    pub level: u8,
    /// E8 call translation size (`None`: off). Helps x86 code only.
    pub e8_translation: Option<u32>,
    /// LZXD only: use the extra length field for matches over 257 bytes.
    /// Off, matches stop at 256 bytes, which every LZXD decoder reads alike
    /// (the `lzxd` crate does not read the field).
    pub extended_lengths: bool,
    /// Frames (32 KiB each) per block.
    pub frames_per_block: u32,
}

impl Default for EncodeOptions {
    fn default() -> Self {
        Self {
            level: 6,
            e8_translation: None,
            extended_lengths: false,
            frames_per_block: 8,
        }
    }
}

impl EncodeOptions {
    /// The defaults at effort `level` (clamped to 1..=9).
    pub fn level(level: u8) -> Self {
        Self {
            level: level.clamp(1, 9),
            ..Self::default()
        }
    }
}

/// Per-level match finder settings.
#[derive(Clone, Copy)]
struct Level {
    /// Hash-chain steps per search.
    depth: u32,
    /// A match this long ends the search.
    nice: usize,
    /// Lazy matching (look one byte ahead before taking a match).
    lazy: bool,
    /// How far back the hash chains reach (log2): smaller is faster (the
    /// chains stay in cache); the long-match table reaches the whole window.
    chain_bits: u32,
    /// Use the 32-byte long-match table.
    long: bool,
    /// After `2^skip` literals in a row, search every second position,
    /// then every third... (data that does not compress goes by faster);
    /// `None`: search every position.
    skip: Option<u32>,
}

fn level_params(level: u8) -> Level {
    // Re-tuned on a generated 32 MiB OAB and the corpus (ms-oxoab's
    // tests/measure.rs): each level is on the curve of ratio against
    // time; the table in the crate docs has the numbers.
    let (depth, nice, lazy, chain_bits, long, skip) = match level {
        0 | 1 => (4, 16, false, 19, false, Some(4)),
        2 => (8, 32, false, 20, false, Some(4)),
        3 => (8, 32, true, 20, false, Some(5)),
        4 => (8, 32, true, 19, true, Some(5)),
        5 => (24, 96, true, 21, true, Some(6)),
        6 => (64, 128, true, 21, true, Some(6)),
        7 => (512, 258, true, 25, true, Some(6)),
        8 => (1024, 258, true, 25, true, None),
        _ => (2048, 258, true, 25, true, None),
    };
    Level {
        depth,
        nice,
        lazy,
        chain_bits,
        long,
        skip,
    }
}

/// A token: a literal or a match (length; slot 0..2 = repeated offset,
/// else position slot with its footer).
#[derive(Debug, Clone, Copy)]
enum Tok {
    Lit(u8),
    Match { len: u32, slot: u16, footer: u32 },
}

const HASH_BITS: u32 = 17;
const HASH3_BITS: u32 = 14;
/// 3-byte matches are only worth it this close.
const HASH3_MAX_DIST: usize = 16 * 1024;

/// Hash chains over `buf` (reference data followed by the input): chains
/// of 4-byte strings, a direct-mapped table of 3-byte strings for short
/// near matches, and a table of 32-byte strings for long far ones.
struct Finder<'a> {
    buf: &'a [u8],
    head: Vec<u32>,
    head3: Vec<u32>,
    prev: Vec<u32>,
    mask: usize,
    /// Positions below this are in the chains.
    inserted: usize,
    depth: u32,
    nice: usize,
    /// The farthest match offset (window - 3).
    max_offset: usize,
    /// The farthest chain candidate (ring size - 1, at most `max_offset`).
    chain_reach: usize,
    /// Most recent position of each 32-byte string (hashed), for finding
    /// long matches far back (reference data): empty when off.
    long: Vec<u32>,
    long_len: usize,
    long_step: usize,
}

/// Long-table string length and insertion step (the same with and
/// without reference data: shorter strings found no more).
const LONG_LEN: usize = 32;
const DELTA_LONG_LEN: usize = 32;
const DELTA_LONG_STEP: usize = 8;
/// Positions entered in the long table: every 8th (so every match of
/// `LONG_LEN + LONG_STEP - 1` bytes or more is found).
const LONG_STEP: usize = 8;
const LONG_BITS: u32 = 20;

#[inline(always)]
fn hash_long(b: &[u8], p: usize, len: usize) -> Option<usize> {
    let s = b.get(p..p + len)?;
    let mut h = 0u64;
    for (i, c) in s.chunks_exact(8).enumerate() {
        let v = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h ^ v)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(17 + i as u32);
    }
    Some((h >> (64 - LONG_BITS)) as usize)
}

#[inline(always)]
fn read4(b: &[u8], p: usize) -> Option<u32> {
    match b.get(p..p + 4) {
        Some(&[a, c, d, e]) => Some(u32::from_le_bytes([a, c, d, e])),
        _ => None,
    }
}

#[inline(always)]
fn hash4(v: u32) -> usize {
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
}

#[inline(always)]
fn hash3(v: u32) -> usize {
    ((v & 0x00FF_FFFF).wrapping_mul(506_832_829) >> (32 - HASH3_BITS)) as usize
}

/// Length of the common prefix of `buf[a..]` and `buf[b..]`, at most `max`.
#[inline(always)]
fn match_len(buf: &[u8], a: usize, b: usize, max: usize) -> usize {
    let (Some(x), Some(y)) = (buf.get(a..a + max), buf.get(b..b + max)) else {
        return 0;
    };
    let mut n = 0;
    let mut xc = x.chunks_exact(8);
    let mut yc = y.chunks_exact(8);
    for (p, q) in (&mut xc).zip(&mut yc) {
        let d = u64::from_le_bytes(p.try_into().unwrap_or([0; 8]))
            ^ u64::from_le_bytes(q.try_into().unwrap_or([0; 8]));
        if d != 0 {
            return n + (d.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    for (p, q) in xc.remainder().iter().zip(yc.remainder()) {
        if p != q {
            return n;
        }
        n += 1;
    }
    n
}

impl<'a> Finder<'a> {
    fn new(buf: &'a [u8], window: usize, level: u8, long: bool) -> Self {
        let lv = level_params(level);
        let max_offset = window.saturating_sub(3);
        // With reference data (a patch) the chains reach the whole window:
        // the matches that matter are one reference length back.
        let chain_bits = if long { 25 } else { lv.chain_bits };
        let ring = (1usize << chain_bits)
            .min(window.next_power_of_two())
            .min(buf.len().next_power_of_two().max(1));
        Self {
            buf,
            head: vec![0; 1 << HASH_BITS],
            head3: vec![0; 1 << HASH3_BITS],
            prev: vec![0; ring],
            mask: ring - 1,
            inserted: 0,
            depth: lv.depth,
            nice: lv.nice,
            max_offset,
            chain_reach: (ring - 1).min(max_offset),
            long: if long || lv.long {
                vec![0; 1 << LONG_BITS]
            } else {
                Vec::new()
            },
            long_len: if long { DELTA_LONG_LEN } else { LONG_LEN },
            long_step: if long { DELTA_LONG_STEP } else { LONG_STEP },
        }
    }

    /// Inserts every position below `upto`.
    #[inline(always)]
    fn insert_to(&mut self, upto: usize) {
        let end = upto.min(self.buf.len().saturating_sub(3));
        while self.inserted < end {
            let p = self.inserted;
            if let Some(v) = read4(self.buf, p) {
                if let Some(slot) = self.head.get_mut(hash4(v)) {
                    let old = *slot;
                    *slot = p as u32 + 1;
                    if let Some(pv) = self.prev.get_mut(p & self.mask) {
                        *pv = old;
                    }
                }
                if let Some(slot) = self.head3.get_mut(hash3(v)) {
                    *slot = p as u32 + 1;
                }
            }
            if !self.long.is_empty()
                && p.is_multiple_of(self.long_step)
                && let Some(h) = hash_long(self.buf, p, self.long_len)
                && let Some(slot) = self.long.get_mut(h)
            {
                *slot = p as u32 + 1;
            }
            self.inserted += 1;
        }
        if self.inserted < upto {
            self.inserted = upto;
        }
    }

    /// The longest match at `p` of at most `max_len` bytes: (length,
    /// offset), searching `depth` chain steps.
    fn longest(&mut self, p: usize, max_len: usize, depth: u32, lit16: u32) -> (usize, usize) {
        self.insert_to(p);
        let Some(cur) = read4(self.buf, p) else {
            return (0, 0);
        };
        if max_len < 3 {
            return (0, 0);
        }
        let nice = self.nice.min(max_len);
        let (mut best_len, mut best_off) = (0, 0);
        if !self.long.is_empty()
            && let Some(h) = hash_long(self.buf, p, self.long_len)
        {
            let c = self.long.get(h).copied().unwrap_or(0) as usize;
            if c > p.saturating_sub(self.max_offset) && c - 1 < p {
                let l = match_len(self.buf, c - 1, p, max_len);
                if l >= self.long_len {
                    best_len = l;
                    best_off = p - (c - 1);
                    if l >= nice {
                        return (best_len, best_off);
                    }
                }
            }
        }
        let limit = p.saturating_sub(self.chain_reach);
        let mut best_score = if best_len > 0 {
            (best_len as i64 * i64::from(lit16)) / 16 - offset_bits(best_off)
        } else {
            i64::MIN
        };
        let mut cand = self.head.get(hash4(cur)).copied().unwrap_or(0) as usize;
        let mut depth = depth;
        while cand > limit && depth > 0 {
            let q = cand - 1;
            if q >= p {
                break;
            }
            if read4(self.buf, q) == Some(cur)
                && self.buf.get(q + best_len) == self.buf.get(p + best_len)
            {
                let l = match_len(self.buf, q, p, max_len);
                // Candidates come nearest first: a farther one must be long
                // enough to pay for its extra offset bits.
                let score = (l as i64 * i64::from(lit16)) / 16 - offset_bits(p - q);
                if l > best_len && score > best_score {
                    best_len = l;
                    best_off = p - q;
                    best_score = score;
                    if l >= nice {
                        break;
                    }
                }
            }
            let next = self.prev.get(q & self.mask).copied().unwrap_or(0) as usize;
            if next >= cand {
                break;
            }
            cand = next;
            depth -= 1;
        }
        if best_len < 4 {
            // A near 3-byte match.
            let c = self.head3.get(hash3(cur)).copied().unwrap_or(0) as usize;
            if c > 0 && c - 1 < p && p - (c - 1) <= HASH3_MAX_DIST {
                let l = match_len(self.buf, c - 1, p, max_len);
                if l >= 3 && l > best_len {
                    best_len = l;
                    best_off = p - (c - 1);
                }
            }
        }
        (best_len, best_off)
    }
}

/// Bits a match one byte later must save beyond the one in hand.
const LAZY_MARGIN: i64 = 2;

/// Footer bits of a match at distance `d` (roughly what farther costs).
#[inline]
fn offset_bits(d: usize) -> i64 {
    let (slot, _) = slot_of(d as u32 + 2);
    i64::from(EXTRA_BITS.get(usize::from(slot)).copied().unwrap_or(17))
}

/// Position slot and footer of a formatted offset (offset + 2).
#[inline]
fn slot_of(formatted: u32) -> (u16, u32) {
    let slot = if formatted < 4 {
        formatted as usize
    } else if formatted < 262_144 {
        let lg = 31 - formatted.leading_zeros();
        (2 * lg + ((formatted >> (lg - 1)) & 1)) as usize
    } else {
        36 + ((formatted - 262_144) >> 17) as usize
    };
    let base = POSITION_BASE.get(slot).copied().unwrap_or(0);
    (slot as u16, formatted - base)
}

/// Estimated code lengths (bits) of the symbols, from the previous block's
/// trees (or defaults before the first), for choosing between literals and
/// matches by what they will cost.
struct Costs {
    main: Vec<u32>,
    length: Vec<u32>,
    /// Average literal cost in 1/16 bits, for long spans.
    avg_lit16: u32,
}

impl Costs {
    fn new(main_symbols: usize) -> Self {
        let mut main = vec![10u32; main_symbols];
        for c in main.iter_mut().take(NUM_CHARS) {
            *c = 8;
        }
        Self {
            main,
            length: vec![7; LENGTH_SYMBOLS],
            avg_lit16: 8 * 16,
        }
    }

    /// Before the first block: literal costs from the byte histogram of
    /// `data` (what a Huffman code for literals alone would spend).
    fn seed_literals(&mut self, data: &[u8]) {
        if data.is_empty() {
            return;
        }
        let mut hist = [0u64; NUM_CHARS];
        for &b in data {
            if let Some(h) = hist.get_mut(usize::from(b)) {
                *h += 1;
            }
        }
        let n = data.len() as f64;
        let mut bits = 0.0;
        for (c, &h) in self.main.iter_mut().zip(&hist) {
            let cost = if h == 0 {
                15.0
            } else {
                (n / h as f64).log2().clamp(1.0, 15.0)
            };
            *c = cost.round() as u32;
            bits += cost * h as f64;
        }
        self.avg_lit16 = ((bits * 16.0) / n) as u32;
    }

    /// Takes the code lengths of a block just written; unused symbols are
    /// priced a little over the longest code.
    fn update(&mut self, main_l: &[u8], len_l: &[u8], lit_freq: &[u32]) {
        let unseen = |l: &[u8]| u32::from(l.iter().copied().max().unwrap_or(8)).min(14) + 2;
        let um = unseen(main_l);
        for (c, &l) in self.main.iter_mut().zip(main_l) {
            *c = if l == 0 { um } else { u32::from(l) };
        }
        let ul = unseen(len_l);
        for (c, &l) in self.length.iter_mut().zip(len_l) {
            *c = if l == 0 { ul } else { u32::from(l) };
        }
        let (mut bits, mut n) = (0u64, 0u64);
        for (i, &f) in lit_freq.iter().enumerate().take(NUM_CHARS) {
            bits += u64::from(f) * u64::from(self.main.get(i).copied().unwrap_or(8));
            n += u64::from(f);
        }
        self.avg_lit16 = (bits * 16).checked_div(n).map_or(8 * 16, |v| v as u32);
    }

    /// Bits of a match of `len` bytes in position slot `slot`.
    #[inline]
    fn matched(&self, len: usize, slot: u16) -> i64 {
        let lh = (len - MIN_MATCH).min(NUM_PRIMARY_LENGTHS);
        let mut c = self
            .main
            .get(NUM_CHARS + usize::from(slot) * 8 + lh)
            .copied()
            .unwrap_or(16);
        if lh == NUM_PRIMARY_LENGTHS {
            let lf = (len - MIN_MATCH - NUM_PRIMARY_LENGTHS).min(LENGTH_SYMBOLS - 1);
            c += self.length.get(lf).copied().unwrap_or(16);
        }
        if slot >= 3 {
            c += u32::from(EXTRA_BITS.get(usize::from(slot)).copied().unwrap_or(17));
        }
        i64::from(c)
    }

    /// Bits of `buf[p..p + len]` as literals (exact for the first 32).
    #[inline]
    fn literals(&self, buf: &[u8], p: usize, len: usize) -> i64 {
        let exact = len.min(32);
        let mut c: u64 = 0;
        for &b in buf.get(p..p + exact).unwrap_or_default() {
            c += u64::from(self.main.get(usize::from(b)).copied().unwrap_or(8));
        }
        c += ((len - exact) as u64 * u64::from(self.avg_lit16)) / 16;
        c as i64
    }
}

/// The whole encoder state for one stream.
struct Encoder<'a> {
    buf: &'a [u8],
    start: usize,
    finder: Finder<'a>,
    r: [u32; 3],
    lazy: bool,
    skip: Option<u32>,
    max_match: usize,
    extended: bool,
    main_symbols: usize,
    prev_main: Vec<u8>,
    prev_length: Vec<u8>,
    delta: bool,
    costs: Costs,
    /// With reference data: the distance of the last match into the
    /// reference, around which the encoder looks after an edit.
    d_ref: usize,
}

impl Encoder<'_> {
    /// The best choice at `p`: (length, bits saved over literals, token),
    /// or no token when a literal is cheaper.
    fn choose(&mut self, p: usize, max_len: usize, depth: u32) -> (usize, i64, Option<Tok>) {
        let mut best: (usize, i64, Option<Tok>) = (0, 0, None);
        for (i, &r) in self.r.iter().enumerate() {
            let r = r as usize;
            if r == 0 || r > p || r > self.finder.max_offset {
                continue;
            }
            let l = match_len(self.buf, p - r, p, max_len);
            if l < MIN_MATCH || l <= best.0 {
                continue;
            }
            let gain = self.costs.literals(self.buf, p, l) - self.costs.matched(l, i as u16);
            if gain > best.1 {
                best = (
                    l,
                    gain,
                    Some(Tok::Match {
                        len: l as u32,
                        slot: i as u16,
                        footer: 0,
                    }),
                );
            }
        }
        if best.0 >= self.finder.nice.min(max_len) {
            return best;
        }
        let (mut ml, mut mo) = self.finder.longest(p, max_len, depth, self.costs.avg_lit16);
        if self.d_ref > 0 && ml < 16 {
            // After an edit the copy of the old data continues a few bytes
            // off the last distance into the reference.
            for k in 0..=16usize {
                let d = (self.d_ref + k).wrapping_sub(8);
                if d == 0 || d > p || d > self.finder.max_offset {
                    continue;
                }
                let l = match_len(self.buf, p - d, p, max_len);
                if l > ml {
                    ml = l;
                    mo = d;
                }
            }
        }
        if ml >= 3 && ml > best.0 {
            let (slot, footer) = slot_of(mo as u32 + 2);
            let gain = self.costs.literals(self.buf, p, ml) - self.costs.matched(ml, slot);
            if gain > best.1 {
                best = (
                    ml,
                    gain,
                    Some(Tok::Match {
                        len: ml as u32,
                        slot,
                        footer,
                    }),
                );
            }
        }
        best
    }

    /// Applies a token's effect on R0..R2; a new offset equal to a
    /// repeated one becomes that repeated offset.
    fn commit(&mut self, tok: Tok, offset: usize) -> Tok {
        match tok {
            Tok::Match { len, slot, .. } if slot < 3 => {
                self.r.swap(0, usize::from(slot));
                Tok::Match {
                    len,
                    slot,
                    footer: 0,
                }
            }
            Tok::Match { len, .. } => {
                let o = offset as u32;
                if let Some(i) = self.r.iter().position(|&r| r == o) {
                    self.r.swap(0, i);
                    return Tok::Match {
                        len,
                        slot: i as u16,
                        footer: 0,
                    };
                }
                self.r = [o, self.r[0], self.r[1]];
                let (slot, footer) = slot_of(o + 2);
                Tok::Match { len, slot, footer }
            }
            t => t,
        }
    }

    /// Parses `buf[from..to]` (whole frames) into tokens.
    fn parse(&mut self, from: usize, to: usize, toks: &mut Vec<Tok>) {
        toks.clear();
        let mut p = from;
        // Literals in a row (for skipping through incompressible data).
        let mut miss = 0usize;
        while p < to {
            let frame_end = (self.start + ((p - self.start) / FRAME_SIZE + 1) * FRAME_SIZE).min(to);
            let max_len = self.max_match.min(frame_end - p);
            let (len, score, tok) = self.choose(p, max_len, self.finder.depth);
            let Some(mut tok) = tok else {
                let step = match self.skip {
                    Some(k) => (1 + (miss >> k)).min(frame_end - p),
                    None => 1,
                };
                for &b in self.buf.get(p..p + step).unwrap_or_default() {
                    toks.push(Tok::Lit(b));
                }
                p += step;
                miss += step;
                continue;
            };
            miss = 0;
            let mut len = len;
            let mut score = score;
            // Lazy matching: while the match one byte later saves more,
            // emit a literal and move on.
            while self.lazy && len < self.finder.nice && p + 1 < frame_end {
                let max2 = self.max_match.min(frame_end - p - 1);
                // Less effort when the match in hand is already good.
                let d2 = if len >= 32 {
                    (self.finder.depth / 4).max(1)
                } else {
                    self.finder.depth
                };
                let (len2, score2, tok2) = self.choose(p + 1, max2, d2);
                match tok2 {
                    Some(t2) if score2 > score + LAZY_MARGIN => {
                        toks.push(Tok::Lit(self.buf.get(p).copied().unwrap_or(0)));
                        p += 1;
                        tok = t2;
                        len = len2;
                        score = score2;
                    }
                    _ => break,
                }
            }
            let offset = match tok {
                Tok::Match { slot, footer, .. } if slot >= 3 => {
                    (POSITION_BASE.get(usize::from(slot)).copied().unwrap_or(0) + footer - 2)
                        as usize
                }
                _ => 0,
            };
            let tok = self.commit(tok, offset);
            if self.delta && self.start > 0 {
                let d = self.r[0] as usize;
                if d > p - self.start {
                    self.d_ref = d;
                }
            }
            toks.push(tok);
            p += len;
            // Long matches: insert lazily (the next search inserts).
        }
    }
}

/// Pretree symbols (and their extra bits) coding `new` against `prev`.
fn pretree_symbols(prev: &[u8], new: &[u8], out: &mut Vec<(u8, u8)>) {
    out.clear();
    let n = new.len();
    let mut i = 0;
    while i < n {
        let v = new.get(i).copied().unwrap_or(0);
        let mut run = 1;
        while i + run < n && new.get(i + run) == Some(&v) {
            run += 1;
        }
        if v == 0 && run >= 4 {
            let mut left = run;
            while left >= 20 {
                let k = left.min(51);
                out.push((18, (k - 20) as u8));
                left -= k;
            }
            if left >= 4 {
                out.push((17, (left - 4) as u8));
                left = 0;
            }
            let done = run - left;
            i += done;
            continue;
        }
        if run >= 4 {
            let k = run.min(5);
            let p = prev.get(i).copied().unwrap_or(0);
            let z = (i32::from(p) - i32::from(v)).rem_euclid(17) as u8;
            out.push((19, (k - 4) as u8));
            out.push((z, 0));
            i += k;
            continue;
        }
        let p = prev.get(i).copied().unwrap_or(0);
        out.push(((i32::from(p) - i32::from(v)).rem_euclid(17) as u8, 0));
        i += 1;
    }
}

/// Writes `new` (lengths of one tree range) through a pretree.
fn write_tree(w: &mut BitWriter, prev: &[u8], new: &[u8]) {
    let mut syms = Vec::new();
    pretree_symbols(prev, new, &mut syms);
    let mut freq = [0u32; PRETREE_SYMBOLS];
    for &(s, _) in &syms {
        if let Some(f) = freq.get_mut(usize::from(s)) {
            *f += 1;
        }
    }
    let mut lens = Vec::new();
    build_lengths(&freq, 15, &mut lens);
    let mut codes = Vec::new();
    canonical_codes(&lens, &mut codes);
    for &l in &lens {
        w.write(u32::from(l), 4);
    }
    for &(s, x) in &syms {
        let s = usize::from(s);
        w.write(
            u32::from(codes.get(s).copied().unwrap_or(0)),
            u32::from(lens.get(s).copied().unwrap_or(0)),
        );
        match s {
            17 => w.write(u32::from(x), 4),
            18 => w.write(u32::from(x), 5),
            19 => w.write(u32::from(x), 1),
            _ => {}
        }
    }
}

/// A written compressed block: its chunks, main and length tree lengths.
type Written = (Vec<Vec<u8>>, Vec<u8>, Vec<u8>);

/// Writes the tokens of one block (frames `[from, to)` of the data) as a
/// compressed block; returns the frames' chunks, or `None` when a chunk
/// would exceed `max_chunk`.
#[allow(clippy::too_many_arguments)]
fn write_compressed_block(
    enc: &mut Encoder<'_>,
    w: &mut BitWriter,
    toks: &[Tok],
    from: usize,
    to: usize,
    max_chunk: usize,
) -> Option<Written> {
    // Frequencies.
    let mut main_f = vec![0u32; enc.main_symbols];
    let mut len_f = vec![0u32; LENGTH_SYMBOLS];
    let mut al_f = [0u32; ALIGNED_SYMBOLS];
    let mut verbatim_extra = 0u64;
    for t in toks {
        match *t {
            Tok::Lit(b) => {
                if let Some(f) = main_f.get_mut(usize::from(b)) {
                    *f += 1;
                }
            }
            Tok::Match { len, slot, footer } => {
                let lh = (len as usize - MIN_MATCH).min(NUM_PRIMARY_LENGTHS);
                if let Some(f) = main_f.get_mut(NUM_CHARS + usize::from(slot) * 8 + lh) {
                    *f += 1;
                }
                if lh == NUM_PRIMARY_LENGTHS {
                    let lf =
                        (len as usize - MIN_MATCH - NUM_PRIMARY_LENGTHS).min(LENGTH_SYMBOLS - 1);
                    if let Some(f) = len_f.get_mut(lf) {
                        *f += 1;
                    }
                }
                let extra = EXTRA_BITS.get(usize::from(slot)).copied().unwrap_or(0);
                if slot >= 3 && extra >= 3 {
                    if let Some(f) = al_f.get_mut((footer & 7) as usize) {
                        *f += 1;
                    }
                    verbatim_extra += 3;
                }
            }
        }
    }
    let mut main_l = Vec::new();
    build_lengths(&main_f, 16, &mut main_l);
    let mut len_l = Vec::new();
    build_lengths(&len_f, 16, &mut len_l);
    let mut al_l = Vec::new();
    build_lengths(&al_f, 7, &mut al_l);
    // Aligned block if its codes save more than the 24-bit tree.
    let aligned_cost: u64 = al_f
        .iter()
        .zip(&al_l)
        .map(|(&f, &l)| u64::from(f) * u64::from(l))
        .sum();
    let aligned = aligned_cost + 24 < verbatim_extra;
    let mut main_c = Vec::new();
    canonical_codes(&main_l, &mut main_c);
    let mut len_c = Vec::new();
    canonical_codes(&len_l, &mut len_c);
    let mut al_c = Vec::new();
    canonical_codes(&al_l, &mut al_c);

    let size = to - from;
    w.write(if aligned { 2 } else { 1 }, 3);
    w.write((size >> 8) as u32 & 0xFFFF, 16);
    w.write(size as u32 & 0xFF, 8);
    if aligned {
        for &l in &al_l {
            w.write(u32::from(l), 3);
        }
    }
    write_tree(
        w,
        enc.prev_main.get(..NUM_CHARS).unwrap_or_default(),
        main_l.get(..NUM_CHARS).unwrap_or_default(),
    );
    write_tree(
        w,
        enc.prev_main.get(NUM_CHARS..).unwrap_or_default(),
        main_l.get(NUM_CHARS..).unwrap_or_default(),
    );
    write_tree(w, &enc.prev_length, &len_l);

    let mut chunks = Vec::new();
    let mut pos = from;
    let mut frame_end = (enc.start + ((from - enc.start) / FRAME_SIZE + 1) * FRAME_SIZE).min(to);
    let code = |c: &[u16], l: &[u8], s: usize| -> (u32, u32) {
        (
            u32::from(c.get(s).copied().unwrap_or(0)),
            u32::from(l.get(s).copied().unwrap_or(0)),
        )
    };
    for t in toks {
        match *t {
            Tok::Lit(b) => {
                let (c, l) = code(&main_c, &main_l, usize::from(b));
                w.write(c, l);
                pos += 1;
            }
            Tok::Match { len, slot, footer } => {
                let len = len as usize;
                let lh = (len - MIN_MATCH).min(NUM_PRIMARY_LENGTHS);
                let (c, l) = code(&main_c, &main_l, NUM_CHARS + usize::from(slot) * 8 + lh);
                w.write(c, l);
                if lh == NUM_PRIMARY_LENGTHS {
                    let lf = (len - MIN_MATCH - NUM_PRIMARY_LENGTHS).min(LENGTH_SYMBOLS - 1);
                    let (c, l) = code(&len_c, &len_l, lf);
                    w.write(c, l);
                }
                if slot >= 3 {
                    let extra = u32::from(EXTRA_BITS.get(usize::from(slot)).copied().unwrap_or(0));
                    if aligned && extra >= 3 {
                        w.write_long(footer >> 3, extra - 3);
                        let (c, l) = code(&al_c, &al_l, (footer & 7) as usize);
                        w.write(c, l);
                    } else {
                        w.write_long(footer, extra);
                    }
                }
                if enc.extended && len >= MAX_MATCH {
                    let x = (len - MAX_MATCH) as u32;
                    if x < 0x100 {
                        w.write(0, 1);
                        w.write(x, 8);
                    } else if x < 0x500 {
                        w.write(0b10, 2);
                        w.write(x - 0x100, 10);
                    } else if x < 0x1500 {
                        w.write(0b110, 3);
                        w.write(x - 0x500, 12);
                    } else {
                        w.write(0b111, 3);
                        w.write(x, 15);
                    }
                }
                pos += len;
            }
        }
        if pos == frame_end {
            w.align_word();
            let chunk = std::mem::take(&mut w.out);
            if chunk.len() > max_chunk {
                return None;
            }
            chunks.push(chunk);
            frame_end = (frame_end + FRAME_SIZE).min(to);
        }
    }
    Some((chunks, main_l, len_l))
}

/// Writes `data[from..to]` as one uncompressed block.
fn write_uncompressed_block(
    enc: &Encoder<'_>,
    w: &mut BitWriter,
    from: usize,
    to: usize,
) -> Vec<Vec<u8>> {
    let size = to - from;
    w.write(3, 3);
    w.write((size >> 8) as u32 & 0xFFFF, 16);
    w.write(size as u32 & 0xFF, 8);
    w.align_uncompressed();
    for r in enc.r {
        w.bytes(&r.to_le_bytes());
    }
    let mut chunks = Vec::new();
    let mut pos = from;
    while pos < to {
        let frame_end = (enc.start + ((pos - enc.start) / FRAME_SIZE + 1) * FRAME_SIZE).min(to);
        w.bytes(enc.buf.get(pos..frame_end).unwrap_or_default());
        pos = frame_end;
        if pos == to && size % 2 == 1 {
            w.bytes(&[0]);
        }
        chunks.push(std::mem::take(&mut w.out));
    }
    chunks
}

/// [MS-PATCH] 2.4: applies E8 call translation to `data` (the encoder's
/// side of the decoder's undoing it), frame by frame.
pub fn apply_e8(data: &mut [u8], translation_size: u32) {
    let filesize = i64::from(translation_size as i32);
    for (fi, frame) in data.chunks_mut(FRAME_SIZE).enumerate().take(32768) {
        if frame.len() <= 10 {
            continue;
        }
        let start = (fi * FRAME_SIZE) as i64;
        let limit = frame.len() - 10;
        let mut j = 0;
        while j < limit {
            if frame.get(j) != Some(&0xE8) {
                j += 1;
                continue;
            }
            let curpos = start + j as i64;
            if let Some(s) = frame.get_mut(j + 1..j + 5)
                && let Ok(a) = <[u8; 4]>::try_from(&*s)
            {
                let rel = i64::from(i32::from_le_bytes(a));
                if rel >= -curpos && rel < filesize {
                    let abs = if rel < filesize - curpos {
                        rel + curpos
                    } else {
                        rel - filesize
                    };
                    s.copy_from_slice(&(abs as i32).to_le_bytes());
                }
            }
            j += 5;
        }
    }
}

/// Compresses `data` into an LZX (`Dialect::Lzx`, as in cabinets) or LZXD
/// stream with window 2^`params.window_bits`; `reference` (LZXD only)
/// precedes the data in the window. Returns the stream's chunks, one per
/// 32 KiB frame (for LZXD with their 16-bit size prefixes, ready to
/// concatenate).
pub fn compress_chunks(
    data: &[u8],
    params: &StreamParams,
    reference: &[u8],
    opts: &EncodeOptions,
) -> Result<Vec<Vec<u8>>> {
    let slots = position_slots(params.window_bits).ok_or_else(|| {
        Error::new(ErrorKind::InvalidValue {
            field: "window bits",
            value: u64::from(params.window_bits),
        })
    })?;
    let max_bits = if params.dialect == Dialect::Lzx {
        21
    } else {
        25
    };
    if params.window_bits > max_bits {
        return Err(Error::new(ErrorKind::InvalidValue {
            field: "window bits",
            value: u64::from(params.window_bits),
        }));
    }
    let window = 1usize << params.window_bits;
    if !reference.is_empty() && params.dialect == Dialect::Lzx {
        return Err(Error::new(ErrorKind::Unsupported(
            "reference data needs the LZXD dialect".into(),
        )));
    }
    if reference.len() > window {
        return Err(Error::too_large(
            "reference data",
            reference.len() as u64,
            window as u64,
        ));
    }
    if params.reset_interval != 0 {
        return Err(Error::new(ErrorKind::Unsupported(
            "encoding with a reset interval".into(),
        )));
    }
    let mut buf = Vec::with_capacity(reference.len() + data.len());
    buf.extend_from_slice(reference);
    buf.extend_from_slice(data);
    if let Some(size) = opts.e8_translation
        && let Some(d) = buf.get_mut(reference.len()..)
    {
        apply_e8(d, size);
    }
    let delta = params.dialect == Dialect::Lzxd;
    let extended = delta && opts.extended_lengths;
    let max_match = if extended {
        MAX_EXTENDED_MATCH.min(FRAME_SIZE)
    } else if delta {
        MAX_MATCH - 1
    } else {
        MAX_MATCH
    };
    let lv = level_params(opts.level);
    let main_symbols = NUM_CHARS + 8 * slots;
    let start = reference.len();
    let mut enc = Encoder {
        buf: &buf,
        start,
        finder: Finder::new(&buf, window, opts.level, !reference.is_empty()),
        r: [1, 1, 1],
        lazy: lv.lazy,
        skip: lv.skip,
        max_match,
        extended,
        main_symbols,
        prev_main: vec![0; main_symbols],
        prev_length: vec![0; LENGTH_SYMBOLS],
        delta,
        costs: Costs::new(main_symbols),
        d_ref: 0,
    };
    enc.finder.nice = enc.finder.nice.min(max_match);
    let mut w = BitWriter::new();
    // [MS-PATCH] 2.3: E8 header at the start of the stream.
    match opts.e8_translation {
        Some(size) => {
            w.write(1, 1);
            w.write(size >> 16, 16);
            w.write(size & 0xFFFF, 16);
        }
        None => w.write(0, 1),
    }
    let max_chunk = if delta { 0xFFFF } else { FRAME_SIZE + 6144 };
    let block_len = FRAME_SIZE * opts.frames_per_block.max(1) as usize;
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut toks = Vec::new();
    let end = buf.len();
    let mut from = start;
    while from < end {
        let to = (from + block_len).min(end);
        if from == start {
            enc.costs
                .seed_literals(buf.get(from..to).unwrap_or_default());
        }
        enc.parse(from, to, &mut toks);
        let saved = w.clone();
        let r_after = enc.r;
        let chunks = match write_compressed_block(&mut enc, &mut w, &toks, from, to, max_chunk) {
            Some((chunks, main_l, len_l))
                // Keep it compressed only when it saves over 1/64 (an
                // uncompressed block also decodes faster).
                if chunks.iter().map(Vec::len).sum::<usize>() < (to - from) - (to - from) / 64 =>
            {
                let mut lit = [0u32; NUM_CHARS];
                for t in &toks {
                    if let Tok::Lit(b) = *t
                        && let Some(f) = lit.get_mut(usize::from(b))
                    {
                        *f += 1;
                    }
                }
                enc.costs.update(&main_l, &len_l, &lit);
                enc.prev_main = main_l;
                enc.prev_length = len_l;
                chunks
            }
            _ => {
                w = saved;
                enc.r = r_after;
                write_uncompressed_block(&enc, &mut w, from, to)
            }
        };
        out.extend(chunks);
        from = to;
    }
    if enc.delta {
        for c in &mut out {
            let n = c.len() as u16;
            let mut with = Vec::with_capacity(c.len() + 2);
            with.extend_from_slice(&n.to_le_bytes());
            with.append(c);
            *c = with;
        }
    }
    Ok(out)
}

/// [`compress_chunks`], concatenated into one stream.
pub fn compress(
    data: &[u8],
    params: &StreamParams,
    reference: &[u8],
    opts: &EncodeOptions,
) -> Result<Vec<u8>> {
    Ok(compress_chunks(data, params, reference, opts)?.concat())
}
