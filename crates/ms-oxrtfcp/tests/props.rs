//! Property tests: `decompress(compress(x)) == x` for every `x` (LZFu and
//! MELA), the header round-trips, streaming equals one-shot, and the CRC
//! is incremental.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfcp::{CompType, Decompressor, Header, compress, compress_with, crc};
use msox_codec::Options;
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

/// RTF-like input: a small alphabet with long repeats, so matches of every
/// length (and overlapping, self-referential ones) occur; plus raw bytes.
fn rtfish() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..3000),
        proptest::collection::vec(
            prop_oneof![
                Just(b"\\par ".to_vec()),
                Just(b"{\\rtf1\\ansi".to_vec()),
                Just(b"\\red0\\green0\\blue0".to_vec()),
                proptest::collection::vec(prop::sample::select(b"ab \\{}\r\n".to_vec()), 1..40),
                proptest::collection::vec(Just(b'x'), 1..100),
            ],
            0..200
        )
        .prop_map(|parts| parts.concat()),
    ]
}

/// Strict decompression: no defects allowed.
fn decompress(stream: &[u8]) -> msox_codec::Result<ms_oxrtfcp::Decompressed> {
    ms_oxrtfcp::decompress(stream, &Options::strict()).map(|d| d.value)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lzfu_round_trips(raw in rtfish()) {
        let stream = compress(&raw).unwrap();
        let out = decompress(&stream).unwrap();
        prop_assert_eq!(out.data, raw);
    }

    #[test]
    fn mela_round_trips(raw in proptest::collection::vec(any::<u8>(), 0..500)) {
        let stream = compress_with(&raw, CompType::Uncompressed).unwrap();
        let out = decompress(&stream).unwrap();
        prop_assert_eq!(out.data, raw);
    }

    #[test]
    fn streaming_equals_one_shot(raw in rtfish(), piece in 1usize..40) {
        let stream = compress(&raw).unwrap();
        let mut d = Decompressor::new(&Options::strict());
        let mut out = Vec::new();
        for c in stream.chunks(piece) {
            d.feed(c, &mut out).unwrap();
            // The caller may drain the output between pieces.
        }
        prop_assert!(d.is_done());
        let r = d.finish().unwrap();
        prop_assert!(r.defects.is_empty());
        prop_assert_eq!(out, raw);
    }

    #[test]
    fn header_round_trips(comp_size: u32, raw_size: u32, t: u32, c: u32) {
        prop_round_trip(&Header { comp_size, raw_size, comp_type: CompType::from(t), crc: c })?;
    }

    #[test]
    fn dictionary_reference_round_trips(offset in 0u16..4096, length in 2u8..=17) {
        let r = ms_oxrtfcp::DictionaryReference::new(offset, length).unwrap();
        let back = ms_oxrtfcp::DictionaryReference::from_bytes(r.to_bytes());
        prop_assert_eq!((back.offset(), back.length()), (offset, length));
    }

    #[test]
    fn crc_is_incremental(data in proptest::collection::vec(any::<u8>(), 0..300), cut in 0usize..300) {
        let cut = cut.min(data.len());
        prop_assert_eq!(crc::update(crc::crc32(&data[..cut]), &data[cut..]), crc::crc32(&data));
    }
}

#[test]
fn round_trip_past_the_4096_byte_dictionary_wrap() {
    // Long, repetitive, and longer than the dictionary several times over:
    // candidates near the write position after the ring is full.
    let mut raw = Vec::new();
    let mut x = 7u32;
    while raw.len() < 50_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let pick = (x >> 16) as usize;
        match pick % 4 {
            0 => raw.extend_from_slice(b"\\par \\pard\\plain "),
            1 => raw.extend(std::iter::repeat_n(b'a' + (pick % 3) as u8, pick % 40)),
            2 => {
                let start = raw.len().saturating_sub(4100);
                let n = (pick % 30).min(raw.len() - start);
                raw.extend_from_within(start..start + n);
            }
            _ => raw.push((pick >> 8) as u8),
        }
    }
    let out = decompress(&compress(&raw).unwrap()).unwrap();
    assert!(out.data == raw);
}
