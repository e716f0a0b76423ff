//! `test-vectors/oxrtfcp/*.hex`, both ways.
//!
//! Metadata each vector may carry:
//! - `raw-hex`: the expected (lenient) output, as hex;
//! - `defects`: the [`Defect`] variants the lenient decoder reports, in order;
//! - `strict`: the [`ErrorKind`] variant strict mode fails with;
//! - `error`: the [`ErrorKind`] variant decoding fails with in both modes;
//! - `compress`: `exact` = `compress(raw)` reproduces the vector byte for
//!   byte (LZFu); `mela` = `compress_with(raw, Uncompressed)` does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfcp::{
    CompType, DecompressOptions, Decompressor, Header, compress, compress_with, decompress,
    decompress_with,
};
use msox_codec::{Decode, ErrorKind, hex};
use msox_testkit::{assert_round_trip, hex_diff, vectors};

fn variant_name<T: std::fmt::Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    s.split([' ', '(', '{']).next().unwrap_or("").to_string()
}

fn expected_defects(v: &msox_testkit::Vector) -> Vec<String> {
    v.meta("defects")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

#[test]
fn every_vector_decodes_as_its_metadata_says() {
    let all = vectors("oxrtfcp");
    assert!(all.len() >= 15, "{} vectors", all.len());
    for v in &all {
        let name = &v.name;
        if let Some(kind) = v.meta.get("error") {
            for opts in [DecompressOptions::new(), DecompressOptions::strict()] {
                let e = decompress_with(&v.bytes, &opts).expect_err(name);
                assert_eq!(&variant_name(e.kind()), kind, "{name}: {e}");
            }
            continue;
        }
        let out = decompress(&v.bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(raw) = v.meta.get("raw-hex") {
            let raw = hex::decode(raw).unwrap();
            if let Some(d) = hex_diff(&raw, &out.data) {
                panic!("{name}: output differs: {d}");
            }
        }
        let got: Vec<String> = out.defects.iter().map(variant_name).collect();
        assert_eq!(got, expected_defects(v), "{name}: {:?}", out.defects);
        match v.meta.get("strict") {
            Some(kind) => {
                let e = decompress_with(&v.bytes, &DecompressOptions::strict()).expect_err(name);
                assert_eq!(&variant_name(e.kind()), kind, "{name}: {e}");
            }
            None => {
                let s = decompress_with(&v.bytes, &DecompressOptions::strict())
                    .unwrap_or_else(|e| panic!("{name}: strict: {e}"));
                assert_eq!(s.data, out.data);
            }
        }
        // The header round-trips on its own.
        let _: Header = assert_round_trip(&v.bytes[..16], name);
    }
}

#[test]
fn spec_examples_compress_to_the_spec_bytes() {
    let mut n = 0;
    for v in vectors("oxrtfcp") {
        let Some(mode) = v.meta.get("compress") else {
            continue;
        };
        let raw = hex::decode(v.meta("raw-hex")).unwrap();
        let made = match mode.as_str() {
            "exact" => compress(&raw).unwrap(),
            "mela" => compress_with(&raw, CompType::Uncompressed).unwrap(),
            other => panic!("{}: unknown compress mode {other}", v.name),
        };
        if let Some(d) = hex_diff(&v.bytes, &made) {
            panic!("{}: compress differs: {d}", v.name);
        }
        n += 1;
    }
    assert!(n >= 3);
}

#[test]
fn streaming_in_every_piece_size_gives_the_one_shot_result() {
    for v in vectors("oxrtfcp") {
        let one = decompress(&v.bytes);
        for piece in [1, 2, 3, 5, 16, 17, 1000] {
            let mut d = Decompressor::new(DecompressOptions::new());
            let mut out = Vec::new();
            let mut res = Ok(());
            for c in v.bytes.chunks(piece) {
                res = d.feed(c, &mut out);
                if res.is_err() {
                    break;
                }
            }
            let streamed = res.and_then(|()| d.finish());
            match (&one, streamed) {
                (Ok(o), Ok(r)) => {
                    assert_eq!(o.data, out, "{} piece {piece}", v.name);
                    assert_eq!(o.defects, r.defects, "{} piece {piece}", v.name);
                    assert_eq!(r.output_len, out.len() as u64);
                }
                (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{}", v.name),
                (a, b) => panic!("{} piece {piece}: {a:?} vs {b:?}", v.name),
            }
        }
    }
}

#[test]
fn spec_example_header_fields() {
    let v = msox_testkit::vector("oxrtfcp", "spec-4.1-simple-compressed-rtf");
    let h = Header::decode_exact(&v.bytes[..16]).unwrap();
    assert_eq!(h.comp_size, 0x2d);
    assert_eq!(h.raw_size, 0x2b);
    assert_eq!(h.comp_type, CompType::Compressed);
    assert_eq!(h.crc, 0xa7c7_c5f1);
    assert_eq!(h.declared_contents_len(), Some(0x21));
    assert_eq!(h.comp_size as usize, v.bytes.len() - 4);
}

#[test]
fn output_limit_is_enforced_and_exact_limit_passes() {
    let v = msox_testkit::vector("oxrtfcp", "spec-4.1-simple-compressed-rtf");
    let ok = decompress_with(&v.bytes, &DecompressOptions::new().with_max_output(0x2b)).unwrap();
    assert_eq!(ok.data.len(), 0x2b);
    let e = decompress_with(&v.bytes, &DecompressOptions::new().with_max_output(0x2a)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let m = msox_testkit::vector("oxrtfcp", "mela-uncompressed");
    let e = decompress_with(&m.bytes, &DecompressOptions::new().with_max_output(3)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
}
