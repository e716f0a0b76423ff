//! Canonical Huffman codes ([MS-PATCH] 2.3.2 / 2.5): decoding tables with a
//! one-lookup fast path, and length-limited code construction for the
//! encoder.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Longest code LZX allows.
pub const MAX_CODE_LEN: u32 = 16;

/// Flag of a primary entry that points at a sub-table.
const SUB: u32 = 0x8000_0000;

/// Why a set of code lengths does not form a usable tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeError {
    /// More codes than the lengths can hold (the Kraft sum exceeds 1).
    Oversubscribed,
    /// Codes left unused (the Kraft sum is below 1) and at least one symbol.
    Incomplete,
    /// A length over 16.
    TooLong,
}

/// A decoding table: `2^bits` primary entries, then sub-tables for longer
/// codes. An entry is `symbol << 8 | length`, or `SUB | offset << 8 | sub
/// bits` for a prefix of longer codes.
#[derive(Debug, Clone, Default)]
pub struct DecodeTable {
    entries: Vec<u32>,
    bits: u32,
    empty: bool,
}

impl DecodeTable {
    /// An empty table (no symbols).
    pub fn new() -> Self {
        Self {
            entries: Vec::new(),
            bits: 0,
            empty: true,
        }
    }

    /// Whether the tree has no symbols (legal for the length tree only).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Primary table bits.
    #[inline]
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The entry for `peek`, the next `bits` bits of input.
    #[inline]
    pub fn entry(&self, index: usize) -> u32 {
        self.entries.get(index).copied().unwrap_or(0)
    }

    /// Rebuilds the table from `lens` with a primary table of `bits` bits.
    /// All-zero lengths give an empty table; an incomplete or
    /// oversubscribed tree is an error.
    pub fn build(&mut self, lens: &[u8], bits: u32) -> Result<(), TreeError> {
        let mut count = [0u32; MAX_CODE_LEN as usize + 1];
        for &l in lens {
            let slot = count.get_mut(usize::from(l)).ok_or(TreeError::TooLong)?;
            *slot += 1;
        }
        count[0] = 0;
        let used: u32 = count.iter().sum();
        self.entries.clear();
        self.bits = bits;
        if used == 0 {
            self.empty = true;
            return Ok(());
        }
        self.empty = false;
        // Kraft check.
        let mut left: i64 = 1;
        for c in count.iter().skip(1) {
            left = (left << 1) - i64::from(*c);
            if left < 0 {
                return Err(TreeError::Oversubscribed);
            }
        }
        if left > 0 {
            return Err(TreeError::Incomplete);
        }
        // First code of each length (MSB-first canonical codes).
        let mut next = [0u32; MAX_CODE_LEN as usize + 2];
        let mut code = 0u32;
        for len in 1..=MAX_CODE_LEN as usize {
            code = (code + count.get(len - 1).copied().unwrap_or(0)) << 1;
            if let Some(n) = next.get_mut(len) {
                *n = code;
            }
        }
        let primary = 1usize << bits;
        self.entries.resize(primary, 0);
        // Sub-table sizes: the longest code under each long prefix.
        let mut sub_bits = vec![0u8; primary];
        let mut codes = vec![0u32; lens.len()];
        {
            let mut nx = next;
            for (sym, &l) in lens.iter().enumerate() {
                if l == 0 {
                    continue;
                }
                let l = u32::from(l);
                let slot = nx.get_mut(l as usize).ok_or(TreeError::TooLong)?;
                let c = *slot;
                *slot += 1;
                if let Some(x) = codes.get_mut(sym) {
                    *x = c;
                }
                if l > bits {
                    let prefix = (c >> (l - bits)) as usize;
                    if let Some(s) = sub_bits.get_mut(prefix) {
                        *s = (*s).max((l - bits) as u8);
                    }
                }
            }
        }
        // Allocate sub-tables.
        for (prefix, &sb) in sub_bits.iter().enumerate() {
            if sb > 0 {
                let offset = self.entries.len() as u32;
                self.entries.resize(self.entries.len() + (1usize << sb), 0);
                if let Some(e) = self.entries.get_mut(prefix) {
                    *e = SUB | (offset << 8) | u32::from(sb);
                }
            }
        }
        // Fill.
        for (sym, &l) in lens.iter().enumerate() {
            if l == 0 {
                continue;
            }
            let l = u32::from(l);
            let c = codes.get(sym).copied().unwrap_or(0);
            let value = ((sym as u32) << 8) | l;
            if l <= bits {
                let start = (c << (bits - l)) as usize;
                let end = ((c + 1) << (bits - l)) as usize;
                if let Some(s) = self.entries.get_mut(start..end) {
                    s.fill(value);
                }
            } else {
                let prefix = (c >> (l - bits)) as usize;
                let e = self.entries.get(prefix).copied().unwrap_or(0);
                let offset = ((e & !SUB) >> 8) as usize;
                let sb = e & 0xFF;
                let rest = l - bits; // bits of the code after the prefix
                let low = c & ((1 << rest) - 1);
                let start = offset + ((low << (sb - rest)) as usize);
                let end = offset + (((low + 1) << (sb - rest)) as usize);
                if let Some(s) = self.entries.get_mut(start..end) {
                    s.fill(value);
                }
            }
        }
        Ok(())
    }

    /// Whether `entry` points at a sub-table.
    #[inline]
    pub fn is_sub(entry: u32) -> bool {
        entry & SUB != 0
    }

    /// Sub-table offset and bits of a sub-table entry.
    #[inline]
    pub fn sub(entry: u32) -> (usize, u32) {
        (((entry & !SUB) >> 8) as usize, entry & 0xFF)
    }
}

/// Code lengths (at most `max_len` bits) for symbol frequencies `freq`,
/// with at least two codes (symbols 0 and 1 stand in when fewer are used),
/// forming a complete tree.
pub fn build_lengths(freq: &[u32], max_len: u32, lens: &mut Vec<u8>) {
    let n = freq.len();
    lens.clear();
    lens.resize(n, 0);
    let mut f: Vec<u64> = freq.iter().map(|&x| u64::from(x)).collect();
    let used = f.iter().filter(|&&x| x > 0).count();
    if used < 2 {
        // Two codes of length 1: the used symbol (if any) and another.
        let first = f.iter().position(|&x| x > 0).unwrap_or(0);
        let second = if first == 0 { 1 } else { 0 };
        if let Some(l) = lens.get_mut(first) {
            *l = 1;
        }
        if let Some(l) = lens.get_mut(second) {
            *l = 1;
        }
        return;
    }
    loop {
        if huffman_lengths(&f, lens) <= max_len {
            return;
        }
        // Flatten the distribution and try again.
        for x in f.iter_mut() {
            if *x > 0 {
                *x = (*x >> 1) | 1;
            }
        }
    }
}

/// Plain Huffman code lengths for the non-zero frequencies; returns the
/// longest.
fn huffman_lengths(f: &[u64], lens: &mut [u8]) -> u32 {
    // Nodes: leaves 0..n, internal nodes after. parent[] links.
    let n = f.len();
    let mut parent: Vec<usize> = vec![usize::MAX; 2 * n];
    let mut heap: BinaryHeap<Reverse<(u64, usize)>> = BinaryHeap::new();
    for (i, &w) in f.iter().enumerate() {
        if w > 0 {
            heap.push(Reverse((w, i)));
        }
    }
    let mut next = n;
    while heap.len() > 1 {
        let (Some(Reverse((w1, a))), Some(Reverse((w2, b)))) = (heap.pop(), heap.pop()) else {
            break;
        };
        if let Some(p) = parent.get_mut(a) {
            *p = next;
        }
        if let Some(p) = parent.get_mut(b) {
            *p = next;
        }
        heap.push(Reverse((w1 + w2, next)));
        next += 1;
    }
    // Depths: internal nodes are created in increasing order, so walk down
    // from the root (the last node) by computing each node's depth from its
    // parent's.
    let mut depth = vec![0u32; next];
    for i in (0..next).rev() {
        let p = parent.get(i).copied().unwrap_or(usize::MAX);
        if p != usize::MAX {
            let d = depth.get(p).copied().unwrap_or(0) + 1;
            if let Some(x) = depth.get_mut(i) {
                *x = d;
            }
        }
    }
    let mut max = 0;
    for (i, l) in lens.iter_mut().enumerate() {
        if f.get(i).copied().unwrap_or(0) > 0 {
            let d = depth.get(i).copied().unwrap_or(0);
            *l = d.min(255) as u8;
            max = max.max(d);
        } else {
            *l = 0;
        }
    }
    max
}

/// Canonical MSB-first codes for `lens` (the encoder's side of
/// [`DecodeTable::build`]).
pub fn canonical_codes(lens: &[u8], codes: &mut Vec<u16>) {
    let mut count = [0u32; MAX_CODE_LEN as usize + 1];
    for &l in lens {
        if let Some(c) = count.get_mut(usize::from(l)) {
            *c += 1;
        }
    }
    count[0] = 0;
    let mut next = [0u32; MAX_CODE_LEN as usize + 1];
    let mut code = 0u32;
    for len in 1..=MAX_CODE_LEN as usize {
        code = (code + count.get(len - 1).copied().unwrap_or(0)) << 1;
        if let Some(n) = next.get_mut(len) {
            *n = code;
        }
    }
    codes.clear();
    codes.resize(lens.len(), 0);
    for (sym, &l) in lens.iter().enumerate() {
        if l == 0 {
            continue;
        }
        if let (Some(n), Some(c)) = (next.get_mut(usize::from(l)), codes.get_mut(sym)) {
            *c = *n as u16;
            *n += 1;
        }
    }
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn rejects_bad_trees() {
        let mut t = DecodeTable::new();
        assert_eq!(t.build(&[1, 1, 1], 8), Err(TreeError::Oversubscribed));
        assert_eq!(t.build(&[1, 2], 8), Err(TreeError::Incomplete));
        assert_eq!(t.build(&[1], 8), Err(TreeError::Incomplete));
        assert_eq!(t.build(&[0, 0], 8), Ok(()));
        assert!(t.is_empty());
        assert_eq!(t.build(&[1, 2, 3, 3], 8), Ok(()));
    }

    #[test]
    fn lengths_are_limited_and_complete() {
        // Fibonacci frequencies make a deep tree.
        let mut f = vec![1u32, 1];
        for i in 2..40 {
            let x = f[i - 1].saturating_add(f[i - 2]);
            f.push(x);
        }
        let mut lens = Vec::new();
        build_lengths(&f, 16, &mut lens);
        assert!(lens.iter().all(|&l| (1..=16).contains(&l)));
        let kraft: f64 = lens.iter().map(|&l| 0.5f64.powi(i32::from(l))).sum();
        assert!((kraft - 1.0).abs() < 1e-9);
        let mut t = DecodeTable::new();
        t.build(&lens, 10).unwrap();
        build_lengths(&[0, 0, 5], 16, &mut lens);
        assert_eq!(lens, [1, 0, 1]);
        build_lengths(&[0, 0, 0], 16, &mut lens);
        assert_eq!(lens, [1, 1, 0]);
    }
}
