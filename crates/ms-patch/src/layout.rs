//! The block layout of LZX DELTA patches: where [`crate::create_patch`]
//! cuts the target, and which stretch of the base each block reads as its
//! reference data.
//!
//! A PATCH_BLK reads the next `ulSourceSize` bytes of the base ([MS-OXOAB]
//! 2.10.2; readers take them in order) and its window must hold them and
//! its output (at most 32 MiB: the source rounded up to 32 KiB plus the
//! target, as libmspack sizes it). Two files that fit one window together
//! make one block. Larger files are cut into blocks of about the block size
//! asked for, and each cut is *aligned by content*: the target is cut at a
//! string that is found in the base (a 64-byte string that occurs once in
//! the base, checked to match for 1 KiB), and the base is cut where that
//! string is. Then each block's reference data holds what its target was
//! made from, so an insertion or deletion costs about its own size in the
//! block it falls in and the blocks after it stay tiny. Cutting both files
//! at the same share (what this crate did before) moved every later block's
//! reference away from its target by the size of the edit, so the edit was
//! paid again in each later block (400 KB inserted into a 32 MiB OAB:
//! 77,736 bytes with three equal-share blocks, 52,742 bytes aligned, see
//! [`crate::DEFAULT_PATCH_BLOCK`]).
//!
//! When no anchor is found near a cut (the files differ there), the base is
//! cut in proportion. A base stretch too large for one window with its
//! target (a deletion of more than about 16 MiB) is passed over by a block
//! that reads it and produces nothing (`ulTargetSize` 0, no patch data;
//! libmspack and this crate read such blocks).

use std::collections::HashMap;
use std::ops::Range;

/// One PATCH_BLK: the bytes of the base it reads and of the target it
/// produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockPlan {
    /// The block's reference data (`ulSourceSize` bytes of the base).
    pub source: Range<usize>,
    /// What it produces (`ulTargetSize` bytes of the target).
    pub target: Range<usize>,
}

/// The largest window.
const WINDOW: usize = 1 << 25;
/// Length of the anchor strings.
const ANCHOR: usize = 64;
/// The base is sampled every `STEP` bytes.
const STEP: usize = 32;
/// How far past the wanted cut the target is searched for an anchor.
const SEARCH: usize = 1 << 20;
/// How far an anchor must match.
const VERIFY: usize = 1024;
/// The largest target block (so a block of the same source size fits).
const MAX_BLOCK: usize = 16 << 20;
/// Multiplier of the rolling hash.
const MUL: u64 = 0x100_0000_01B3;

/// Whether a block of `source` and `target` bytes fits one window (the
/// source rounded up to 32 KiB, as libmspack's OAB reader sizes it).
fn fits(source: usize, target: usize) -> bool {
    source
        .div_ceil(32768)
        .saturating_mul(32768)
        .saturating_add(target)
        <= WINDOW
}

/// The largest source that fits one window with `target` bytes of output.
fn source_cap(target: usize) -> usize {
    (WINDOW.saturating_sub(target) / 32768) * 32768
}

/// A polynomial hash over `ANCHOR` bytes that rolls one byte at a time.
struct Roll {
    h: u64,
    out: u64,
}

impl Roll {
    fn new(s: &[u8]) -> Self {
        let h = s.iter().fold(0u64, |h, &b| {
            h.wrapping_mul(MUL).wrapping_add(u64::from(b) + 1)
        });
        // MUL^(ANCHOR-1): the weight of the byte that leaves.
        let out = (1..ANCHOR).fold(1u64, |p, _| p.wrapping_mul(MUL));
        Roll { h, out }
    }

    fn roll(&mut self, gone: u8, new: u8) {
        self.h = self
            .h
            .wrapping_sub(self.out.wrapping_mul(u64::from(gone) + 1))
            .wrapping_mul(MUL)
            .wrapping_add(u64::from(new) + 1);
    }
}

/// Anchor strings of the base: hash → position, for strings sampled every
/// `STEP` bytes that occur once among the samples (`None`: more than once).
fn index(base: &[u8]) -> HashMap<u64, Option<u32>> {
    let mut map = HashMap::with_capacity(base.len() / STEP + 1);
    let mut p = 0usize;
    while p + ANCHOR <= base.len() {
        if let (Some(s), Ok(at)) = (base.get(p..p + ANCHOR), u32::try_from(p)) {
            map.entry(Roll::new(s).h)
                .and_modify(|v| *v = None)
                .or_insert(Some(at));
        }
        p += STEP;
    }
    map
}

/// Length of the common prefix of `a` and `b`, at most `max`.
fn common(a: &[u8], b: &[u8], max: usize) -> usize {
    a.iter()
        .zip(b)
        .take(max)
        .take_while(|(x, y)| x == y)
        .count()
}

/// The first anchor at or after `want` in the target (searching `SEARCH`
/// bytes): `(base position, target position)`, the base position at or
/// after `from`.
fn anchor(
    idx: &HashMap<u64, Option<u32>>,
    base: &[u8],
    target: &[u8],
    from: usize,
    want: usize,
) -> Option<(usize, usize)> {
    let end = want.saturating_add(SEARCH).min(target.len());
    if want + ANCHOR > end {
        return None;
    }
    let mut roll = Roll::new(target.get(want..want + ANCHOR)?);
    let mut q = want;
    loop {
        if let Some(&Some(p)) = idx.get(&roll.h) {
            let p = p as usize;
            let need = VERIFY.min(target.len() - q).min(base.len() - p);
            if p >= from && need >= ANCHOR && common(base.get(p..)?, target.get(q..)?, need) == need
            {
                return Some((p, q));
            }
        }
        if q + ANCHOR >= end {
            return None;
        }
        roll.roll(*target.get(q)?, *target.get(q + ANCHOR)?);
        q += 1;
    }
}

/// The blocks of a patch from `base` to `target` with target blocks of
/// about `block` bytes (see the module docs).
pub fn plan(base: &[u8], target: &[u8], block: usize) -> Vec<BlockPlan> {
    if target.is_empty() {
        return Vec::new();
    }
    if fits(base.len(), target.len()) {
        return vec![BlockPlan {
            source: 0..base.len(),
            target: 0..target.len(),
        }];
    }
    let block = block.clamp(32768, MAX_BLOCK);
    let idx = index(base);
    let mut blocks = Vec::new();
    let (mut a, mut b) = (0usize, 0usize);
    while b < target.len() {
        let rest_t = target.len() - b;
        let rest_s = base.len() - a;
        let (p, q) = if rest_t <= block + block / 2 {
            (base.len(), target.len())
        } else {
            let want = b + block;
            anchor(&idx, base, target, a, want).unwrap_or_else(|| {
                let share = (want - b) as u128 * rest_s as u128 / rest_t.max(1) as u128;
                (a + (share as usize).min(rest_s), want)
            })
        };
        // A source too large for the window with its target: the excess
        // is read by a block that produces nothing.
        let cap = source_cap(q - b);
        let mut a2 = a;
        while p - a2 > cap {
            let n = (p - a2 - cap).min(WINDOW);
            blocks.push(BlockPlan {
                source: a2..a2 + n,
                target: b..b,
            });
            a2 += n;
        }
        // The last block may leave the end of the base unread.
        let p = if q == target.len() {
            p.min(a2 + cap)
        } else {
            p
        };
        debug_assert!(fits(p - a2, q - b));
        blocks.push(BlockPlan {
            source: a2..p,
            target: b..q,
        });
        a = p;
        b = q;
    }
    blocks
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn data(n: usize, seed: u64) -> Vec<u8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b"abcdefghijklmnopqrstuvwxyz0123456789"[(x % 36) as usize]
            })
            .collect()
    }

    #[test]
    fn small_files_make_one_block() {
        let p = plan(b"abc", b"abcd", 1 << 20);
        assert_eq!(
            p,
            [BlockPlan {
                source: 0..3,
                target: 0..4
            }]
        );
        assert!(plan(b"abc", b"", 1 << 20).is_empty());
    }

    #[test]
    fn an_insertion_keeps_later_cuts_aligned() {
        let old = data(40 << 20, 7);
        let mut new = old.clone();
        let ins = data(400 << 10, 9);
        new.splice(3_000_000..3_000_000, ins.iter().copied());
        let blocks = plan(&old, &new, 8 << 20);
        assert!(blocks.len() >= 5, "{blocks:?}");
        // Every cut after the insertion is at the same bytes in both.
        for w in blocks.windows(2) {
            let (s, t) = (w[1].source.start, w[1].target.start);
            assert_eq!(t - s, ins.len(), "{blocks:?}");
            assert_eq!(old[s..s + 64], new[t..t + 64]);
        }
        for b in &blocks {
            assert!(fits(b.source.len(), b.target.len()));
        }
        assert_eq!(blocks.last().unwrap().target.end, new.len());
    }

    #[test]
    fn a_large_deletion_is_read_past() {
        let old = data(60 << 20, 3);
        let new = [&old[..4 << 20], &old[40 << 20..]].concat();
        let blocks = plan(&old, &new, 16 << 20);
        let mut s = 0;
        let mut t = 0;
        for b in &blocks {
            assert_eq!((b.source.start, b.target.start), (s, t), "{blocks:?}");
            assert!(fits(b.source.len(), b.target.len()), "{blocks:?}");
            s = b.source.end;
            t = b.target.end;
        }
        assert_eq!(t, new.len());
        assert!(blocks.iter().any(|b| b.target.is_empty()), "{blocks:?}");
    }
}
