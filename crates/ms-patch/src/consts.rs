//! [MS-PATCH] 2.3.2 / 2.6: the fixed numbers of the LZXD format.

/// [MS-PATCH] 2.2.1: uncompressed bytes per chunk (frame).
pub const FRAME_SIZE: usize = 32 * 1024;

/// Literal symbols at the front of the main tree.
pub const NUM_CHARS: usize = 256;

/// [MS-PATCH] 2.6: the smallest match.
pub const MIN_MATCH: usize = 2;

/// Length headers 0..=6 are the length; 7 means a length-tree symbol follows.
pub const NUM_PRIMARY_LENGTHS: usize = 7;

/// [MS-PATCH] 2.3.2.1: symbols in the length tree.
pub const LENGTH_SYMBOLS: usize = 249;

/// The largest match without the extra length field (257).
pub const MAX_MATCH: usize = MIN_MATCH + NUM_PRIMARY_LENGTHS + LENGTH_SYMBOLS - 1;

/// [MS-PATCH] 2.6.6: the largest match with the extra length field
/// (257 + 2^15 - 1).
pub const MAX_EXTENDED_MATCH: usize = MAX_MATCH + (1 << 15) - 1;

/// [MS-PATCH] 2.3.2.2: symbols in the aligned offset tree.
pub const ALIGNED_SYMBOLS: usize = 8;

/// [MS-PATCH] 2.5: symbols in the pretree.
pub const PRETREE_SYMBOLS: usize = 20;

/// Smallest and largest window size exponents: 2^15 (LZX in cabinets) to
/// 2^25 (LZX DELTA).
pub const MIN_WINDOW_BITS: u8 = 15;
/// See [`MIN_WINDOW_BITS`].
pub const MAX_WINDOW_BITS: u8 = 25;

/// Position slots for window sizes 2^15..=2^25.
const POSITION_SLOTS: [usize; 11] = [30, 32, 34, 36, 38, 42, 50, 66, 98, 162, 290];

/// The most position slots (window 2^25).
pub const MAX_POSITION_SLOTS: usize = 290;

/// The largest main tree.
pub const MAX_MAIN_SYMBOLS: usize = NUM_CHARS + 8 * MAX_POSITION_SLOTS;

/// [MS-PATCH] 2.3.2.1: position slots for a window of 2^`window_bits`
/// bytes (`None` outside 15..=25).
pub fn position_slots(window_bits: u8) -> Option<usize> {
    POSITION_SLOTS
        .get(usize::from(window_bits.checked_sub(MIN_WINDOW_BITS)?))
        .copied()
}

/// Footer bits of position slot `slot`.
pub const fn extra_bits(slot: usize) -> u32 {
    if slot < 4 {
        0
    } else if slot < 36 {
        (slot / 2 - 1) as u32
    } else {
        17
    }
}

// Evaluated at compile time: an out-of-range index fails the build.
#[allow(clippy::indexing_slicing)]
const fn make_bases() -> [u32; MAX_POSITION_SLOTS] {
    let mut t = [0u32; MAX_POSITION_SLOTS];
    let mut i = 1;
    while i < MAX_POSITION_SLOTS {
        t[i] = t[i - 1] + (1 << extra_bits(i - 1));
        i += 1;
    }
    t
}

/// Base value of each position slot (the formatted offset is base +
/// footer; the match offset is the formatted offset - 2).
pub const POSITION_BASE: [u32; MAX_POSITION_SLOTS] = make_bases();

#[allow(clippy::indexing_slicing)]
const fn make_extra() -> [u8; MAX_POSITION_SLOTS] {
    let mut t = [0u8; MAX_POSITION_SLOTS];
    let mut i = 0;
    while i < MAX_POSITION_SLOTS {
        t[i] = extra_bits(i) as u8;
        i += 1;
    }
    t
}

/// [`extra_bits`] as a table.
pub const EXTRA_BITS: [u8; MAX_POSITION_SLOTS] = make_extra();

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(POSITION_BASE[4], 4);
        assert_eq!(POSITION_BASE[30], 32768);
        assert_eq!(POSITION_BASE[36], 262144);
        assert_eq!(POSITION_BASE[289], 33423360);
        assert_eq!(MAX_MATCH, 257);
        assert_eq!(MAX_EXTENDED_MATCH, 33024);
        assert_eq!(position_slots(21), Some(50));
        assert_eq!(position_slots(14), None);
        assert_eq!(position_slots(26), None);
    }
}
