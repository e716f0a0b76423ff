//! Bad input: truncations, mutations, huge lengths and deep nesting give
//! errors or defects, never panics.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_aswbxml::{
    DecodeOptions, Document, EncodeOptions, Mode, XmlOptions, canonical, wbxml_to_xml, xml_to_wbxml,
};
use msox_codec::ErrorKind;
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vectors};

fn all(b: &[u8]) {
    for o in [
        DecodeOptions::strict(),
        DecodeOptions::default(),
        DecodeOptions::headerless(),
    ] {
        if let Ok(d) = Document::decode_with(b, o) {
            let _ = d.encode();
        }
        let _ = wbxml_to_xml(b, o, XmlOptions::default());
        if let Ok(x) = wbxml_to_xml(b, o, XmlOptions::lossless()) {
            let _ = xml_to_wbxml(x.output.as_bytes(), EncodeOptions::default());
        }
        let _ = canonical::to_canonical(b, o);
    }
}

#[test]
fn truncations_are_errors_in_strict_mode() {
    for v in vectors("aswbxml") {
        assert_truncations_fail(&v.bytes, &v.name, |b| {
            Document::decode_with(b, DecodeOptions::strict()).map(drop)
        });
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
    let e = Document::decode(&[3, 1, 106, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    let e =
        Document::decode(&[3, 1, 106, 0, 0x45, 0xC3, 0x8F, 0xFF, 0xFF, 0xFF, 0x7F]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
}

#[test]
fn deep_nesting_is_a_limit_error_in_wbxml_and_xml() {
    let mut b = vec![3, 1, 106, 0];
    b.extend(std::iter::repeat_n(0x45u8, 10_000));
    let e = Document::decode(&b).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
    let xml = "<Sync xmlns=\"AirSync\">".repeat(10_000);
    let e = xml_to_wbxml(xml.as_bytes(), EncodeOptions::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
}

#[test]
fn unknown_tags_are_skipped_and_reported_in_lenient_mode() {
    // Ping, unknown token 0x3F with content "x", Status "1" on page 13;
    // then a SWITCH_PAGE to page 40 (no such page) with a tag.
    let b = [
        3, 1, 106, 0, 0, 13, 0x45, 0x7F, 3, b'x', 0, 1, 0x47, 3, b'1', 0, 1, 0, 40, 0x05, 0x01,
    ];
    let out = wbxml_to_xml(&b, DecodeOptions::default(), XmlOptions::default()).unwrap();
    assert!(out.output.contains("<Status>1</Status>"), "{}", out.output);
    assert!(!out.output.contains('x'.to_string().as_str()) || !out.output.contains(">x<"));
    assert_eq!(out.defects.len(), 2, "{:?}", out.defects);
    assert!(
        out.defects[0]
            .to_string()
            .contains("unknown tag 0x3F on code page 13")
    );
    assert!(out.defects[1].to_string().contains("unknown code page 40"));
    // strict refuses, lossless keeps them under placeholder names
    let o = DecodeOptions {
        mode: Mode::Strict,
        ..Default::default()
    };
    assert!(wbxml_to_xml(&b, o, XmlOptions::default()).is_err());
    let l = wbxml_to_xml(&b, DecodeOptions::default(), XmlOptions::lossless()).unwrap();
    assert!(l.output.contains("<_0x3F>x</_0x3F>"), "{}", l.output);
    assert!(
        l.output.contains("urn:x-msox:aswbxml:page:40"),
        "{}",
        l.output
    );
    let back = xml_to_wbxml(l.output.as_bytes(), EncodeOptions::default()).unwrap();
    assert_eq!(back.output, b);
}

#[test]
fn exotic_strings_survive_lossless_xml() {
    // STR_I with a control character and invalid UTF-8, an empty STR_I,
    // two adjacent STR_I, an ENTITY, an OPAQUE in a string element, CR LF.
    let b = [
        3, 1, 106, 0, 0, 13, 0x45, 0x47, 3, 1, 0xFF, 0, 3, 0, 3, b'a', 0, 3, b'b', 0, 2, 0x81,
        0x69, 0xC3, 2, 0, 1, 3, b'\r', b'\n', 0, 1, 1,
    ];
    let doc = Document::decode_with(&b, DecodeOptions::strict()).unwrap();
    assert_eq!(doc.encode().unwrap(), b);
    let l = wbxml_to_xml(&b, DecodeOptions::strict(), XmlOptions::lossless()).unwrap();
    let back = xml_to_wbxml(l.output.as_bytes(), EncodeOptions::default()).unwrap();
    assert_eq!(back.output, b, "{}", l.output);
    // plain XML: strict refuses the bad text, lenient replaces it and says so
    assert!(wbxml_to_xml(&b, DecodeOptions::strict(), XmlOptions::default()).is_err());
    let p = wbxml_to_xml(&b, DecodeOptions::default(), XmlOptions::default()).unwrap();
    assert!(p.output.contains('\u{FFFD}'));
    assert!(p.output.contains("&#13;"));
    assert!(!p.defects.is_empty());
}

#[test]
fn string_table_references_and_public_id_survive_lossless_xml() {
    // public id in the string table, STR_T references
    let b = [
        3, 0, 0, 106, 6, b'a', b'b', 0, b'c', b'd', 0, 0, 13, 0x45, 0x47, 0x83, 3, 0x83, 0, 1, 1,
    ];
    let doc = Document::decode_with(&b, DecodeOptions::strict()).unwrap();
    assert_eq!(doc.encode().unwrap(), b);
    let l = wbxml_to_xml(&b, DecodeOptions::strict(), XmlOptions::lossless()).unwrap();
    assert!(
        l.output.contains("<?wbxml str-t 3?>cd<?wbxml str-t 0?>ab"),
        "{}",
        l.output
    );
    let back = xml_to_wbxml(l.output.as_bytes(), EncodeOptions::default()).unwrap();
    assert_eq!(back.output, b, "{}", l.output);
}

/// Found by fuzzing (aswbxml_xml_roundtrip): an unknown element left open at
/// the end of the XML made the encoder loop at end of input.
#[test]
fn unclosed_unknown_element_at_end_of_xml_is_an_error() {
    let e = xml_to_wbxml(b"<Ping xmlns=\"Ping\"><nope>", EncodeOptions::default()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    let e = xml_to_wbxml(b"text <a@b> more", EncodeOptions::default()).unwrap_err();
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
    let l = wbxml_to_xml(&b, DecodeOptions::strict(), XmlOptions::lossless()).unwrap();
    let back = xml_to_wbxml(l.output.as_bytes(), EncodeOptions::default()).unwrap();
    assert_eq!(back.output, b, "{}", l.output);
}
