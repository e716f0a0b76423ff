//! `test-vectors/patch/*.hex`: the spec's example (a bare LZXD stream of
//! one uncompressed block) and hand-made LZXD files and patches (made by
//! our encoder and checked with libmspack and the lzxd crate). Each
//! decodes to its `expect` text, and our encoder reproduces the spec's
//! example byte for byte when it must store the data uncompressed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_patch::{
    DecodeOptions, FileOptions, StreamParams, WriteOptions, apply_patch, compress_file,
    create_patch, decompress, decompress_file, lzxd,
};
use msox_testkit::vectors;

#[test]
fn patch_vectors_decode() {
    let vs = vectors("patch");
    assert!(vs.len() >= 4);
    for v in &vs {
        let expect = v.meta("expect").as_bytes();
        let out = match lzxd::detect(&v.bytes) {
            Some(1) => decompress_file(&v.bytes, &FileOptions::default()),
            Some(_) => apply_patch(
                &v.bytes,
                v.meta.get("base").map_or(&b""[..], |s| s.as_bytes()),
                &FileOptions::default(),
            ),
            None => {
                let bits: u8 = v.meta("window").parse().unwrap();
                decompress(
                    &v.bytes,
                    expect.len(),
                    &StreamParams::lzxd(bits),
                    &[],
                    &DecodeOptions::default(),
                )
            }
        }
        .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert_eq!(out, expect, "{}", v.name);
        // Our own writers round-trip the same data.
        let f = compress_file(expect, &WriteOptions::default()).unwrap();
        assert_eq!(
            decompress_file(&f, &FileOptions::default()).unwrap(),
            expect
        );
        let base = v.meta.get("base").map_or(&b""[..], |s| s.as_bytes());
        let p = create_patch(base, expect, &WriteOptions::default()).unwrap();
        assert_eq!(
            apply_patch(&p, base, &FileOptions::default()).unwrap(),
            expect
        );
    }
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
