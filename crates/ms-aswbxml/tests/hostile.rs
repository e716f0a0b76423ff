//! Bad input: the uniform hostile suite on every entry point; truncations,
//! mutations, huge lengths, deep nesting and string-table amplification
//! give errors or defects, never panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_aswbxml::{
    Document, Framing, Parser, XmlOptions, canonical, wbxml_to_xml, wbxml_to_xml_into, xml_to_wbxml,
};
use msox_codec::{CountingSink, Decode, DecodeWith, ErrorKind, Limits, Options};
use msox_testkit::hostile::{self, Suite};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, corpus, vectors};

const DOC: Framing = Framing::Document;

/// The WBXML vectors and the small WBXML files of the corpus.
fn wbxml_samples() -> Vec<Vec<u8>> {
    let mut s = hostile::samples("aswbxml", |_| true);
    let mut small: Vec<Vec<u8>> = corpus::files("wbxml", &[".wbxml"])
        .into_iter()
        .filter(|e| !e.file.starts_with("wbxml/horde/") && e.size <= 600)
        .take(6)
        .map(|e| std::fs::read(e.path).unwrap())
        .collect();
    s.append(&mut small);
    s
}

#[test]
fn aswbxml_document() {
    Suite::new("aswbxml_document").run(&wbxml_samples(), |b, o| {
        hostile::outcome(Document::decode_bytes(b, o))
    });
}

#[test]
fn aswbxml_document_headerless() {
    // A body without header may end after any top-level element.
    let bodies: Vec<Vec<u8>> = wbxml_samples()
        .into_iter()
        .filter(|s| s.starts_with(&[3, 1, 0x6A, 0]))
        .map(|s| s[4..].to_vec())
        .collect();
    Suite::new("aswbxml_document_headerless")
        .prefixes_may_decode()
        .run(&bodies, |b, o| {
            hostile::outcome(Document::decode_bytes_with(b, Framing::Headerless, o))
        });
}

#[test]
fn aswbxml_xml() {
    Suite::new("aswbxml_xml").run(&wbxml_samples(), |b, o| {
        hostile::outcome(wbxml_to_xml(b, DOC, o, XmlOptions::default()))?;
        // Lossless XML refuses what it cannot carry: a defect-free input
        // converts or fails, a lenient one may have defects.
        hostile::outcome(wbxml_to_xml_into(
            b,
            DOC,
            o,
            XmlOptions::lossless(),
            &mut CountingSink::default(),
        ))
    });
}

#[test]
fn aswbxml_xml_libwbxml() {
    Suite::new("aswbxml_xml_libwbxml").run(&wbxml_samples(), |b, o| {
        let d = ms_aswbxml::wbxml_to_libwbxml_xml(b, o)?;
        // What it writes, our reader reads back (by libwbxml's rules).
        let mut all = d.defects;
        if let Ok(back) = xml_to_wbxml(d.value.as_bytes(), &Options::lenient()) {
            all.extend(back.defects);
        }
        Ok(all)
    });
}

#[test]
fn aswbxml_canonical() {
    Suite::new("aswbxml_canonical").run(&wbxml_samples(), |b, o| {
        hostile::outcome(canonical::to_canonical(b, DOC, o))
    });
}

#[test]
fn aswbxml_from_xml() {
    let dir = msox_testkit::workspace_root().join("test-vectors/aswbxml");
    let mut xmls: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    xmls.sort();
    // A lossless conversion too (instructions, string table).
    let b = [
        3, 0, 0, 106, 6, b'a', b'b', 0, b'c', b'd', 0, 0, 13, 0x45, 0x47, 0x83, 3, 0x83, 0, 1, 1,
    ];
    let l = wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::lossless()).unwrap();
    xmls.push(l.value.into_bytes());
    // Text after the root element may end anywhere: prefixes may be valid.
    Suite::new("aswbxml_from_xml")
        .prefixes_may_decode()
        .run(&xmls, |b, o| hostile::outcome(xml_to_wbxml(b, o)));
}

#[test]
fn truncations_are_errors_in_strict_mode() {
    for v in vectors("aswbxml") {
        assert_truncations_fail(&v.bytes, &v.name, |b| Document::decode_exact(b).map(drop));
    }
}

fn all(b: &[u8]) {
    for (framing, o) in [
        (DOC, Options::strict()),
        (DOC, Options::lenient()),
        (Framing::Headerless, Options::lenient()),
    ] {
        if let Ok(d) = Document::decode_bytes_with(b, framing, &o) {
            let _ = d.value.encode();
        }
        let _ = wbxml_to_xml(b, framing, &o, XmlOptions::default());
        if let Ok(x) = wbxml_to_xml(b, framing, &o, XmlOptions::lossless()) {
            let _ = xml_to_wbxml(x.value.as_bytes(), &Options::lenient());
        }
        let _ = canonical::to_canonical(b, framing, &o);
    }
}

#[test]
fn mutations_never_panic() {
    for v in vectors("aswbxml") {
        assert_no_panic_on_mutations(&v.bytes, &v.name, 64, all);
    }
}

#[test]
fn huge_opaque_and_string_table_lengths_are_refused() {
    let e = Document::decode_exact(&[3, 1, 106, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let e = Document::decode_exact(&[3, 1, 106, 0, 0x45, 0xC3, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F])
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e.offset(), Some(6));
    assert_eq!(e.path().to_string(), "WBXML > body > Sync");
}

#[test]
fn deep_nesting_is_a_limit_error_in_wbxml_and_xml() {
    let mut b = vec![3, 1, 106, 0];
    b.extend(std::iter::repeat_n(0x45u8, 10_000));
    let e = Document::decode_bytes(&b, &Options::lenient()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { max: 64, .. }),
        "{e}"
    );
    assert_eq!(e.offset(), Some(4 + 64));
    let xml = "<Sync xmlns=\"AirSync\">".repeat(10_000);
    let e = xml_to_wbxml(xml.as_bytes(), &Options::lenient()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
    // The session's limit, whatever it is.
    let deep = Options::lenient().with_limits(Limits::DEFAULT.with_max_depth(20_000));
    let d = Document::decode_bytes(&b, &deep).unwrap();
    assert_eq!(d.value.events.len(), 10_000);
    assert!(d.defects[0].error().is_unexpected_end());
}

#[test]
fn string_table_references_cannot_amplify_past_the_output_budget() {
    // A 60 KiB string in the table, referenced 60,000 times by 2-byte
    // STR_T tokens: 3.6 GB of text from 180 KB of input.
    let table_len = 60 << 10;
    let mut b = vec![3, 1, 106];
    // mb_u_int32 of table_len + 1
    let n = (table_len + 1) as u32;
    b.extend_from_slice(&[
        0x80 | (n >> 14) as u8,
        0x80 | ((n >> 7) & 0x7F) as u8,
        (n & 0x7F) as u8,
    ]);
    b.extend(std::iter::repeat_n(b'x', table_len));
    b.push(0);
    b.extend_from_slice(&[0, 13, 0x45, 0x47]);
    for _ in 0..60_000 {
        b.extend_from_slice(&[0x83, 0]);
    }
    b.extend_from_slice(&[1, 1]);
    // The events borrow: no amplification.
    assert_eq!(Document::decode_exact(&b).unwrap().events.len(), 60_005);
    let small = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(10 << 20));
    let e = wbxml_to_xml_into(
        &b,
        DOC,
        &small,
        XmlOptions::default(),
        &mut CountingSink::default(),
    )
    .unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert_eq!(e.path().to_string(), "WBXML > body > Ping > Status");
    let e = canonical::to_canonical(&b, DOC, &small).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // With the default budget (200 bytes per input byte, at least 64 MiB),
    // the conversion stops too.
    let mut n = CountingSink::default();
    let e =
        wbxml_to_xml_into(&b, DOC, &Options::lenient(), XmlOptions::default(), &mut n).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert!(n.count <= Limits::DEFAULT.output_cap(b.len()) as u64);
}

#[test]
fn unknown_tags_are_skipped_and_reported_in_lenient_mode() {
    // Ping, unknown token 0x3F with content "x", Status "1" on page 13;
    // then a SWITCH_PAGE to page 40 (no such page) with a tag.
    let b = [
        3, 1, 106, 0, 0, 13, 0x45, 0x7F, 3, b'x', 0, 1, 0x47, 3, b'1', 0, 1, 0, 40, 0x05, 0x01,
    ];
    let out = wbxml_to_xml(&b, DOC, &Options::lenient(), XmlOptions::default()).unwrap();
    assert!(out.value.contains("<Status>1</Status>"), "{}", out.value);
    assert!(!out.value.contains(">x<"));
    assert_eq!(out.defects.len(), 2, "{:?}", out.defects);
    assert_eq!(
        out.defects[0].to_string(),
        "invalid tag token 0x3F at byte 7 in WBXML > body > Ping > unknown tag; element skipped with its content"
    );
    assert_eq!(
        out.defects[1].kind(),
        &ErrorKind::InvalidValue {
            field: "code page",
            value: 40
        }
    );
    assert_eq!(out.defects[1].offset(), Some(19));
    // strict refuses, lossless keeps them under placeholder names
    assert!(wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::default()).is_err());
    let l = wbxml_to_xml(&b, DOC, &Options::lenient(), XmlOptions::lossless()).unwrap();
    assert!(l.value.contains("<_0x3F>x</_0x3F>"), "{}", l.value);
    assert!(
        l.value.contains("urn:x-msox:aswbxml:page:40"),
        "{}",
        l.value
    );
    let back = xml_to_wbxml(l.value.as_bytes(), &Options::lenient()).unwrap();
    assert_eq!(back.value, b);
}

#[test]
fn exotic_strings_survive_lossless_xml() {
    // STR_I with a control character and invalid UTF-8, an empty STR_I,
    // two adjacent STR_I, an ENTITY, an OPAQUE in a string element, CR LF.
    let b = [
        3, 1, 106, 0, 0, 13, 0x45, 0x47, 3, 1, 0xFF, 0, 3, 0, 3, b'a', 0, 3, b'b', 0, 2, 0x81,
        0x69, 0xC3, 2, 0, 1, 3, b'\r', b'\n', 0, 1, 1,
    ];
    let doc = Document::decode_exact(&b).unwrap();
    assert_eq!(doc.encode().unwrap(), b);
    let l = wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::lossless()).unwrap();
    let back = xml_to_wbxml(l.value.as_bytes(), &Options::strict()).unwrap();
    assert_eq!(back.value, b, "{}", l.value);
    // plain XML: strict refuses the bad text, lenient replaces it and says so
    let e = wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid UTF-8 string at byte 8 in WBXML > body > Ping > Status"
    );
    let p = wbxml_to_xml(&b, DOC, &Options::lenient(), XmlOptions::default()).unwrap();
    assert!(p.value.contains('\u{FFFD}'));
    assert!(p.value.contains("&#13;"));
    assert!(!p.defects.is_empty());
}

#[test]
fn string_table_references_and_public_id_survive_lossless_xml() {
    // public id in the string table, STR_T references
    let b = [
        3, 0, 0, 106, 6, b'a', b'b', 0, b'c', b'd', 0, 0, 13, 0x45, 0x47, 0x83, 3, 0x83, 0, 1, 1,
    ];
    let doc = Document::decode_exact(&b).unwrap();
    assert_eq!(doc.encode().unwrap(), b);
    let l = wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::lossless()).unwrap();
    assert!(
        l.value.contains("<?wbxml str-t 3?>cd<?wbxml str-t 0?>ab"),
        "{}",
        l.value
    );
    let back = xml_to_wbxml(l.value.as_bytes(), &Options::strict()).unwrap();
    assert_eq!(back.value, b, "{}", l.value);
}

/// Found by fuzzing (aswbxml_xml_roundtrip): an unknown element left open at
/// the end of the XML made the encoder loop at end of input.
#[test]
fn unclosed_unknown_element_at_end_of_xml_is_an_error() {
    let e = xml_to_wbxml(b"<Ping xmlns=\"Ping\"><nope>", &Options::lenient()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    let e = xml_to_wbxml(b"text <a@b> more", &Options::lenient()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
}

/// Found by fuzzing (aswbxml_xml_roundtrip): a string XML cannot carry after
/// another string got a separator instruction that read as an extra empty
/// string.
#[test]
fn unrepresentable_string_after_a_string_round_trips_losslessly() {
    let b = [
        3, 1, 106, 0, 0, 13, 0x45, 0x47, 3, b'0', 0, 3, 1, b'u', 0, 1, 1,
    ];
    let l = wbxml_to_xml(&b, DOC, &Options::strict(), XmlOptions::lossless()).unwrap();
    let back = xml_to_wbxml(l.value.as_bytes(), &Options::strict()).unwrap();
    assert_eq!(back.value, b, "{}", l.value);
}

#[test]
fn xml_errors_and_defects_point_into_the_xml() {
    // After a BOM: offsets still count from the first byte of the input.
    let mut x = b"\xEF\xBB\xBF".to_vec();
    x.extend_from_slice(br#"<Ping xmlns="Ping"><Status a="1">1</Status></Ping>"#);
    let d = xml_to_wbxml(&x, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(3 + 19));
    assert_eq!(d.defects[0].path().to_string(), "XML > Ping");
    assert!(xml_to_wbxml(&x, &Options::strict()).is_err());
    let e = xml_to_wbxml(b"<Ping xmlns=\"Ping\">\xFF</Ping>", &Options::lenient()).unwrap_err();
    assert_eq!(e.offset(), Some(19));
}

#[test]
fn the_pull_parser_reports_defects_with_paths() {
    let b = [3, 1, 106, 0, 0, 13, 0x45, 0x47, 0x83, 5, 1, 1];
    let mut p = Parser::new(&b, DOC, &Options::lenient()).unwrap();
    assert_eq!(p.by_ref().count(), 6);
    let d = p.finish();
    assert_eq!(
        d[0].to_string(),
        "invalid string table index 0x5 at byte 8 in WBXML > body > Ping > Status; read as an empty string"
    );
    let e = Document::decode_with(&mut msox_codec::Reader::new(&b), DOC);
    assert!(e.is_ok());
}

/// String-table amplification (a 100 KB string referenced 200,000 times):
/// every converter stops at the output budget, streaming (nothing is built
/// in memory first), and the pull parser resolves each reference without
/// rescanning the table (linear in the input, not in the output).
#[test]
fn string_table_amplification_is_bounded_in_every_converter() {
    use msox_codec::{CountingSink, Options};
    let doc = msox_testkit::generate::wbxml_string_table(100 << 10, 200_000);
    let o = Options::default();
    let mut sink = CountingSink::default();
    let e = ms_aswbxml::canonical::to_canonical_into(
        &doc,
        ms_aswbxml::Framing::Document,
        &o,
        &mut sink,
    )
    .unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert!(sink.count > 0 && sink.count as usize <= o.limits.output_cap(doc.len()));
    let mut sink = CountingSink::default();
    let e = ms_aswbxml::wbxml_to_xml_into(
        &doc,
        ms_aswbxml::Framing::Document,
        &o,
        ms_aswbxml::XmlOptions::default(),
        &mut sink,
    )
    .unwrap_err();
    assert!(e.is_limit(), "{e}");
    // events only: every reference is a lookup, not a scan of the table
    let mut p = ms_aswbxml::Parser::new(&doc, ms_aswbxml::Framing::Document, &o).unwrap();
    let mut refs = 0;
    while let Some(ev) = p.next_event().unwrap() {
        if matches!(ev, ms_aswbxml::Event::StrT { .. }) {
            refs += 1;
        }
    }
    assert_eq!(refs, 200_000);
}
