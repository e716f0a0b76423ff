//! Hostile input: the uniform hostile suite on every entry point, plus
//! truncations, absurd sizes and bombs. Errors or reported defects, never
//! panics, never an allocation the input does not back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfcp::{Decompressor, Header, decompress, decompress_to};
use msox_codec::{CountingSink, ErrorKind, Limits, Options};
use msox_testkit::hostile::{self, Suite, suite_for};

fn samples() -> Vec<Vec<u8>> {
    hostile::samples("oxrtfcp", |_| true)
}

#[test]
fn oxrtfcp_decompress() {
    Suite::new("oxrtfcp_decompress").run(&samples(), |b, o| hostile::outcome(decompress(b, o)));
}

#[test]
fn oxrtfcp_decompress_to() {
    Suite::new("oxrtfcp_decompress_to").run(&samples(), |b, o| {
        hostile::outcome(decompress_to(b, o, &mut CountingSink::default()))
    });
}

#[test]
fn oxrtfcp_decompressor() {
    // The piecewise form, in 7-byte pieces.
    Suite::new("oxrtfcp_decompressor").run(&samples(), |b, o| {
        let mut d = Decompressor::new(o);
        let mut out = CountingSink::default();
        for c in b.chunks(7) {
            d.feed(c, &mut out)?;
        }
        d.finish().map(|r| r.defects)
    });
}

#[test]
fn oxrtfcp_header() {
    let heads: Vec<Vec<u8>> = samples()
        .into_iter()
        .filter(|s| s.len() >= 16)
        .map(|s| s[..16].to_vec())
        .collect();
    suite_for::<Header>("oxrtfcp_header", &heads);
}

#[test]
fn every_truncation_of_a_valid_stream_is_reported() {
    let v = msox_testkit::vector("oxrtfcp", "spec-4.1-simple-compressed-rtf");
    for n in 0..v.bytes.len() {
        match decompress(&v.bytes[..n], &Options::lenient()) {
            Err(e) => assert!(n < 16 && e.is_unexpected_end(), "{n}: {e}"),
            Ok(o) => assert!(
                o.defects.iter().any(|d| matches!(
                    d.kind(),
                    ErrorKind::UnexpectedEnd { .. } | ErrorKind::Malformed(_)
                ) && d.offset() == Some(n)),
                "{n}: {:?}",
                o.defects
            ),
        }
        assert!(decompress(&v.bytes[..n], &Options::strict()).is_err());
    }
}

#[test]
fn huge_rawsize_does_not_allocate_up_front() {
    // RAWSIZE 4 GiB - 1 on a 19-byte stream: the output is sized from what
    // the input can expand to, not from RAWSIZE.
    let mut s = vec![
        0x0f, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, b'L', b'Z', b'F', b'u', 0, 0, 0, 0,
    ];
    s.extend_from_slice(&[0x01, 0x0c, 0xf0]); // control, end marker at 207
    let out = decompress(&s, &Options::lenient()).unwrap();
    assert!(
        out.value.data.capacity() <= 64,
        "capacity {}",
        out.value.data.capacity()
    );
    assert!(out.defects.iter().any(|d| matches!(
        d.kind(),
        ErrorKind::InvalidValue {
            field: "RAWSIZE",
            ..
        }
    ) && d.offset() == Some(4)));
}

fn bomb(runs: usize) -> Vec<u8> {
    // 8 references of 17 bytes per 17 input bytes: 8x expansion.
    let mut run = vec![0xff];
    for _ in 0..8 {
        run.extend_from_slice(&[0x00, 0x0f]); // offset 0, length 17
    }
    let contents = run.repeat(runs);
    let mut s = Vec::new();
    s.extend_from_slice(&((contents.len() + 12) as u32).to_le_bytes());
    s.extend_from_slice(&u32::MAX.to_le_bytes());
    s.extend_from_slice(b"LZFu");
    s.extend_from_slice(&ms_oxrtfcp::crc::crc32(&contents).to_le_bytes());
    s.extend_from_slice(&contents);
    s
}

#[test]
fn a_bomb_stops_at_the_output_limit() {
    let s = bomb(100);
    let opts = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(1000));
    let e = decompress(&s, &opts).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 1000, .. }),
        "{e}"
    );
    // With the default limits, it decodes the 13,600 bytes and reports the
    // missing end marker.
    let o = decompress(&s, &Options::lenient()).unwrap();
    assert_eq!(o.value.data.len(), 100 * 8 * 17);
    assert!(
        o.defects
            .iter()
            .any(|d| matches!(d.kind(), ErrorKind::Malformed(_)))
    );
}

#[test]
fn the_ratio_rule_caps_output_relative_to_input() {
    // At most 4 output bytes per input byte (floor 1 KiB): an 8x stream of
    // 1,700 bytes stops; the same through the piecewise decoder.
    let s = bomb(100);
    let limits = Limits {
        max_ratio: 4,
        ratio_floor: 1024,
        ..Limits::DEFAULT
    };
    let opts = Options::lenient().with_limits(limits);
    let e = decompress(&s, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let mut d = Decompressor::new(&opts);
    assert!(
        d.feed(&s, &mut CountingSink::default())
            .unwrap_err()
            .is_limit()
    );
}

#[test]
fn output_streams_into_a_sink_without_keeping_it() {
    // Output through a counting sink: what the Vec form gives, and the
    // same defects. (The bomb's references meet the write position after
    // 57,137 bytes: an end-of-data reference.)
    let s = bomb(10_000);
    let mut n = CountingSink::default();
    let r = decompress_to(&s, &Options::lenient(), &mut n).unwrap();
    let v = decompress(&s, &Options::lenient()).unwrap();
    assert_eq!(n.count, v.value.data.len() as u64);
    assert!(n.count > 50_000);
    assert_eq!(r.value, v.value.header);
    assert_eq!(r.defects, v.defects);
}

#[test]
fn empty_and_tiny_inputs_are_errors_not_panics() {
    for n in 0..16 {
        let e = decompress(&vec![0u8; n], &Options::lenient()).unwrap_err();
        assert!(e.is_unexpected_end(), "{n}: {e}");
        assert_eq!(e.path().to_string(), "RTFCOMPRESSED > HEADER");
    }
    let d = Decompressor::new(&Options::lenient());
    assert!(d.finish().is_err());
}
