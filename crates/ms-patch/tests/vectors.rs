//! `test-vectors/patch/*.hex`: the spec's example (a bare LZXD stream of
//! one uncompressed block) and hand-made LZXD files and patches (made by
//! our encoder and checked with libmspack and the lzxd crate). Each
//! decodes to its `expect` text, and our encoder reproduces the spec's
//! example byte for byte when it must store the data uncompressed.
//! Vectors with a `.err` file give exactly that error.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_patch::{
    Base, Patch, StreamParams, Target, WriteOptions, apply_patch, compress_file, create_patch,
    decompress, decompress_file, lzxd,
};
use msox_codec::{Decoded, Options, Result};
use msox_testkit::hostile::{Outcome, outcome};
use msox_testkit::{Vector, vectors};

/// Decodes a vector the way its kind asks: an LZXD file, a patch (applied
/// to its `base`), or a bare stream (`window` bits, `expect` or `size`
/// bytes of output).
fn decode(v: &Vector, bytes: &[u8], o: &Options) -> Result<Decoded<Vec<u8>>> {
    match lzxd::detect(bytes) {
        Some(1) => decompress_file(bytes, o),
        Some(_) => ms_patch::apply_patch_with(
            Base(v.meta.get("base").map_or(&b""[..], |s| s.as_bytes())),
            Patch(bytes),
            o,
            &ms_patch::FileOptions {
                crc_skip: v
                    .meta
                    .get("crc-skip")
                    .map_or(0, |s| s.split(' ').next().unwrap().parse().unwrap()),
                ..Default::default()
            },
        ),
        None => {
            let bits: u8 = v.meta("window").parse().unwrap();
            let n = match v.meta.get("size") {
                Some(n) => n.parse().unwrap(),
                None => v.meta("expect").len(),
            };
            decompress(bytes, n, &StreamParams::lzxd(bits), &[], o)
        }
    }
}

#[test]
fn patch_vectors_decode() {
    let vs = vectors("patch");
    assert!(vs.len() >= 4);
    let mut checked = 0;
    for v in vs.iter().filter(|v| v.expected_error.is_none()) {
        let expect = v.meta("expect").as_bytes();
        let out =
            decode(v, &v.bytes, &Options::strict()).unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert!(out.is_clean());
        assert_eq!(out.value, expect, "{}", v.name);
        // Our own writers round-trip the same data.
        let f = compress_file(expect, &WriteOptions::default()).unwrap();
        assert_eq!(
            decompress_file(&f, &Options::strict()).unwrap().value,
            expect
        );
        let base = v.meta.get("base").map_or(&b""[..], |s| s.as_bytes());
        let p = create_patch(Base(base), Target(expect), &WriteOptions::default()).unwrap();
        assert_eq!(
            apply_patch(Base(base), Patch(&p), &Options::strict())
                .unwrap()
                .value,
            expect
        );
        checked += 1;
    }
    assert!(checked >= 4);
}

#[test]
fn error_vectors_give_their_error() {
    let mut checked = 0;
    for v in vectors("patch") {
        let run = |b: &[u8], o: &Options| -> Outcome { outcome(decode(&v, b, o)) };
        checked += usize::from(v.check_expected_error(run));
    }
    assert!(checked >= 2, "{checked}");
}

#[test]
fn spec_example_is_reproduced() {
    // [MS-PATCH] 3: "abc" as an uncompressed block: 14 00 | 00 30 30 00 |
    // R0 R1 R2 | 61 62 63 00. Our encoder stores 3 bytes the same way.
    let v = msox_testkit::vector("patch", "spec-3-uncompressed-abc");
    let z = ms_patch::compress(
        b"abc",
        &StreamParams::lzxd(17),
        &[],
        &ms_patch::EncodeOptions::default(),
    )
    .unwrap();
    assert_eq!(z, v.bytes);
}
