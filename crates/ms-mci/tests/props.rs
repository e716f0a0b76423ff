//! Property tests: any data survives compress/decompress at every level,
//! and block-at-a-time coding with any block sizes agrees.
#![allow(clippy::unwrap_used)]

use ms_mci::{MszipDecoder, MszipEncoder, compress, decompress};
use msox_codec::Options;
use proptest::prelude::*;

proptest! {
    #[test]
    fn round_trip(data in proptest::collection::vec(any::<u8>(), 0..70_000), level in 0u32..=9) {
        let d = decompress(&compress(&data, level), &Options::strict()).unwrap();
        prop_assert!(d.is_clean());
        prop_assert_eq!(d.value, data);
    }

    #[test]
    fn repetitive_round_trip(seed in proptest::collection::vec(0u8..4, 1..50), n in 0usize..100_000) {
        let data: Vec<u8> = seed.iter().cycle().take(n).copied().collect();
        prop_assert_eq!(decompress(&compress(&data, 6), &Options::strict()).unwrap().value, data);
    }

    #[test]
    fn uneven_blocks(data in proptest::collection::vec(0u8..8, 0..100_000), size in 1usize..=32768) {
        let mut enc = MszipEncoder::new(5);
        let mut dec = MszipDecoder::new();
        let mut out = Vec::new();
        for chunk in data.chunks(size) {
            let mut block = Vec::new();
            enc.encode_block(chunk, &mut block).unwrap();
            dec.decode_block(&block, chunk.len(), &mut out).unwrap();
        }
        prop_assert_eq!(out, data);
    }
}
