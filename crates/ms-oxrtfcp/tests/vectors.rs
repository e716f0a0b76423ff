//! `test-vectors/oxrtfcp/*.hex`, both ways.
//!
//! Metadata each vector may carry:
//! - `raw-hex`: the expected (lenient) output, as hex;
//! - `defects`: the defects the lenient decoder reports, in order, as
//!   `Kind@offset` (`InvalidValue(FIELD)@offset` for invalid fields);
//! - `strict`: the [`ErrorKind`] variant strict mode fails with;
//! - `error`: the [`ErrorKind`] variant decoding fails with in both modes;
//! - `compress`: `exact` = `compress(raw)` reproduces the vector byte for
//!   byte (LZFu); `mela` = `compress_with(raw, Uncompressed)` does.
//!
//! A `.err` file beside a vector states the strict error (or first lenient
//! defect) exactly: kind, offset, path.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxrtfcp::{CompType, Decompressor, Header, compress, compress_with, decompress};
use msox_codec::{Decode, Defect, ErrorKind, Limits, Options, hex};
use msox_testkit::{assert_round_trip, hex_diff, hostile, vectors};

fn variant_name<T: std::fmt::Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    s.split([' ', '(', '{']).next().unwrap_or("").to_string()
}

/// `Kind@offset`, with the field for invalid values.
fn defect_label(d: &Defect) -> String {
    let kind = match d.kind() {
        ErrorKind::InvalidValue { field, .. } => format!("InvalidValue({field})"),
        k => variant_name(k),
    };
    format!("{kind}@{}", d.offset().unwrap())
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
            for opts in [Options::lenient(), Options::strict()] {
                let e = decompress(&v.bytes, &opts).expect_err(name);
                assert_eq!(&variant_name(e.kind()), kind, "{name}: {e}");
            }
            continue;
        }
        let out =
            decompress(&v.bytes, &Options::lenient()).unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(raw) = v.meta.get("raw-hex") {
            let raw = hex::decode(raw).unwrap();
            if let Some(d) = hex_diff(&raw, &out.value.data) {
                panic!("{name}: output differs: {d}");
            }
        }
        let got: Vec<String> = out.defects.iter().map(defect_label).collect();
        assert_eq!(got, expected_defects(v), "{name}: {:?}", out.defects);
        for d in &out.defects {
            assert!(d.path().starts_with(&["RTFCOMPRESSED"]), "{name}: {d}");
        }
        match v.meta.get("strict") {
            Some(kind) => {
                let e = decompress(&v.bytes, &Options::strict()).expect_err(name);
                assert_eq!(&variant_name(e.kind()), kind, "{name}: {e}");
                // Strict refuses with the first lenient defect: same offset and path.
                assert_eq!(&e, out.defects[0].error(), "{name}");
            }
            None => {
                let s = decompress(&v.bytes, &Options::strict())
                    .unwrap_or_else(|e| panic!("{name}: strict: {e}"));
                assert_eq!(s.value.data, out.value.data);
            }
        }
        // The header round-trips on its own.
        let _: Header = assert_round_trip(&v.bytes[..16], name);
    }
}

#[test]
fn error_vectors_give_their_error() {
    let mut n = 0;
    for v in vectors("oxrtfcp") {
        if v.check_expected_error(|b, o| hostile::outcome(decompress(b, o))) {
            n += 1;
        }
    }
    assert!(n >= 2, "{n} .err vectors");
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
        for opts in [Options::lenient(), Options::strict()] {
            let one = decompress(&v.bytes, &opts);
            for piece in [1, 2, 3, 5, 16, 17, 1000] {
                let mut d = Decompressor::new(&opts);
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
                        assert_eq!(o.value.data, out, "{} piece {piece}", v.name);
                        assert_eq!(o.defects, r.defects, "{} piece {piece}", v.name);
                        assert_eq!(r.value.output_len, out.len() as u64);
                        assert_eq!(r.value.header, o.value.header);
                    }
                    // Same error: kind, offset and path.
                    (Err(a), Err(b)) => assert_eq!(a, &b, "{} piece {piece}", v.name),
                    (a, b) => panic!("{} piece {piece}: {a:?} vs {b:?}", v.name),
                }
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

fn capped(n: usize) -> Options {
    Options::lenient().with_limits(Limits::DEFAULT.with_max_output(n))
}

#[test]
fn output_limit_is_enforced_and_exact_limit_passes() {
    let v = msox_testkit::vector("oxrtfcp", "spec-4.1-simple-compressed-rtf");
    let ok = decompress(&v.bytes, &capped(0x2b)).unwrap();
    assert_eq!(ok.value.data.len(), 0x2b);
    let e = decompress(&v.bytes, &capped(0x2a)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e.path().to_string(), "RTFCOMPRESSED > CONTENTS");
    let m = msox_testkit::vector("oxrtfcp", "mela-uncompressed");
    let e = decompress(&m.bytes, &capped(3)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // The streamed form has the same budget.
    let mut d = Decompressor::new(&capped(0x2a));
    assert!(d.feed(&v.bytes, &mut Vec::new()).unwrap_err().is_limit());
}

#[test]
fn inside_a_session_offsets_count_in_the_callers_buffer() {
    // A stream 5 bytes into a larger buffer, CRC damaged: the defect is at
    // byte 5 + 12 of the caller's buffer, under the caller's frame.
    let v = msox_testkit::vector("oxrtfcp", "lzfu-crc-mismatch");
    let mut buf = vec![0xEE; 5];
    buf.extend_from_slice(&v.bytes);
    let mut r = msox_codec::Reader::with_options(&buf, &Options::lenient());
    r.skip(5).unwrap();
    let mut out = Vec::new();
    r.frame("PidTagRtfCompressed", |r| {
        ms_oxrtfcp::read_compressed(r, &mut out)
    })
    .unwrap();
    let d = r.into_session().take_defects();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].offset(), Some(17));
    assert_eq!(
        d[0].path().to_string(),
        "PidTagRtfCompressed > RTFCOMPRESSED > HEADER"
    );
    assert_eq!(out.len(), 0x2b);
}
