//! Hostile input: truncations, mutations, absurd sizes. Errors or
//! reported defects, never panics, never an allocation the input does not
//! back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfcp::{DecompressOptions, Decompressor, Defect, decompress, decompress_with};
use msox_codec::ErrorKind;
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_never_panic, vectors};

#[test]
fn truncations_and_mutations_never_panic() {
    for v in vectors("oxrtfcp") {
        assert_truncations_never_panic(&v.bytes, &v.name, |b| decompress(b).map(|o| o.data.len()));
        assert_truncations_never_panic(&v.bytes, &v.name, |b| {
            decompress_with(b, &DecompressOptions::strict()).map(|o| o.data.len())
        });
        assert_no_panic_on_mutations(&v.bytes, &v.name, 64, |b| decompress(b).map(|o| o.data));
    }
}

#[test]
fn every_truncation_of_a_valid_stream_is_reported() {
    let v = msox_testkit::vector("oxrtfcp", "spec-4.1-simple-compressed-rtf");
    for n in 0..v.bytes.len() {
        match decompress(&v.bytes[..n]) {
            Err(e) => assert!(n < 16 && e.is_unexpected_end(), "{n}: {e}"),
            Ok(o) => assert!(
                o.defects.contains(&Defect::MissingEndMarker)
                    || o.defects
                        .iter()
                        .any(|d| matches!(d, Defect::Truncated { .. })),
                "{n}: {:?}",
                o.defects
            ),
        }
        assert!(decompress_with(&v.bytes[..n], &DecompressOptions::strict()).is_err());
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
    let mut d = Decompressor::new(DecompressOptions::new());
    let mut out = Vec::new();
    d.feed(&s, &mut out).unwrap();
    assert!(out.capacity() <= 64, "capacity {}", out.capacity());
    let r = d.finish().unwrap();
    assert!(
        r.defects
            .iter()
            .any(|d| matches!(d, Defect::RawSizeMismatch { .. }))
    );
}

#[test]
fn a_bomb_stops_at_the_output_limit() {
    // 8 references of 17 bytes per 17 input bytes, repeated: 8x expansion;
    // with a 1000-byte cap the decoder stops with LimitExceeded.
    let mut run = vec![0xff];
    for _ in 0..8 {
        run.extend_from_slice(&[0x00, 0x0f]); // offset 0, length 17
    }
    let contents = run.repeat(100);
    let mut s = Vec::new();
    s.extend_from_slice(&((contents.len() + 12) as u32).to_le_bytes());
    s.extend_from_slice(&u32::MAX.to_le_bytes());
    s.extend_from_slice(b"LZFu");
    s.extend_from_slice(&ms_oxrtfcp::crc::crc32(&contents).to_le_bytes());
    s.extend_from_slice(&contents);
    let e = decompress_with(&s, &DecompressOptions::new().with_max_output(1000)).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 1000, .. }),
        "{e}"
    );
    // Unlimited, it decodes the 13,600 bytes and reports the missing end marker.
    let o = decompress(&s).unwrap();
    assert_eq!(o.data.len(), 100 * 8 * 17);
    assert!(o.defects.contains(&Defect::MissingEndMarker));
}

#[test]
fn empty_and_tiny_inputs_are_errors_not_panics() {
    for n in 0..16 {
        let e = decompress(&vec![0u8; n]).unwrap_err();
        assert!(e.is_unexpected_end(), "{n}: {e}");
    }
    let d = Decompressor::new(DecompressOptions::new());
    assert!(d.finish().is_err());
}
