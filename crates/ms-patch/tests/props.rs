//! Property tests: any data round-trips through the encoder at any level
//! and window, one-shot and streamed; patches between any two inputs
//! apply.
#![allow(clippy::unwrap_used)]

use ms_patch::{
    Base, EncodeOptions, Patch, StreamParams, Target, WindowMemory, WriteOptions, apply_patch,
    compress, create_patch, decompress, decompress_to, decompress_to_in,
};
use msox_codec::Options;
use proptest::prelude::*;

/// Window memory handed over as it is, whatever it holds.
struct Dirty<'a>(&'a mut [u8]);

impl WindowMemory for Dirty<'_> {
    fn window(&mut self, _len: usize) -> &mut [u8] {
        self.0
    }
}

fn data() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..5000),
        proptest::collection::vec(0u8..3, 0..80_000),
        (
            proptest::collection::vec(any::<u8>(), 1..40),
            0usize..100_000
        )
            .prop_map(|(seed, n)| seed.iter().cycle().take(n).copied().collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn stream_round_trip(data in data(), level in 1u8..=9, bits in 15u8..=21, lzxd in any::<bool>(), e8 in any::<bool>()) {
        let params = if lzxd { StreamParams::lzxd(bits) } else { StreamParams::lzx(bits) };
        let mut opts = EncodeOptions::level(level);
        opts.extended_lengths = lzxd;
        if e8 { opts.e8_translation = Some(data.len() as u32 + 1000); }
        let z = compress(&data, &params, &[], &opts).unwrap();
        let back = decompress(&z, data.len(), &params, &[], &Options::strict()).unwrap();
        prop_assert!(back.is_clean());
        prop_assert!(back.value == data);
        let mut streamed = Vec::new();
        decompress_to(&z, data.len(), &params, &[], &Options::strict(), &mut streamed).unwrap();
        prop_assert!(streamed == data);
        // A window memory that starts full of other bytes (and is larger
        // than asked for) decodes the same: the decoder writes before it
        // reads.
        let mut dirty = vec![0xA5u8; (1 << bits) + (64 << 10)];
        let mut streamed = Vec::new();
        decompress_to_in(&z, data.len(), &params, &[], &Options::strict(), &mut Dirty(&mut dirty), &mut streamed).unwrap();
        prop_assert!(streamed == data);
    }

    #[test]
    fn patch_round_trip(old in data(), new in data(), level in 1u8..=9) {
        let p = create_patch(Base(&old), Target(&new), &WriteOptions::level(level)).unwrap();
        prop_assert!(apply_patch(Base(&old), Patch(&p), &Options::strict()).unwrap().value == new);
    }
}

/// Streamed decoding keeps the window in a ring of the window size plus a
/// frame: matches whose sources lie across the ring's end, at offsets up
/// to the window size, with and without reference data, give the bytes
/// the one-shot decoder gives.
#[test]
fn streamed_ring_wraps_like_the_whole_window() {
    let mut x = 0x2545_f491_u32;
    let mut rnd = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect()
    };
    for period in [32_700usize, 32_767, 32_768, 20_000, 65_000] {
        let block = rnd(period);
        let data: Vec<u8> = block
            .iter()
            .cycle()
            .take(9 * 32_768 + 1234)
            .copied()
            .collect();
        for ref_len in [0usize, 1, 5000, 32_768] {
            for lzxd in [false, true] {
                if !lzxd && ref_len > 0 {
                    continue;
                }
                let reference = &block[..ref_len.min(block.len())];
                let params = if lzxd {
                    StreamParams::lzxd(15)
                } else {
                    StreamParams::lzx(15)
                };
                let mut opts = EncodeOptions::level(6);
                opts.extended_lengths = lzxd;
                let z = compress(&data, &params, reference, &opts).unwrap();
                let whole =
                    decompress(&z, data.len(), &params, reference, &Options::strict()).unwrap();
                assert!(whole.value == data, "period {period} ref {ref_len}");
                let mut streamed = Vec::new();
                decompress_to(
                    &z,
                    data.len(),
                    &params,
                    reference,
                    &Options::strict(),
                    &mut streamed,
                )
                .unwrap();
                assert!(
                    streamed == data,
                    "streamed: period {period} ref {ref_len} lzxd {lzxd}"
                );
            }
        }
    }
}
