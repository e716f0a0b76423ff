//! ms-aswbxml: the document decoder, the converters to XML and canonical
//! text, and XML in.

use ms_aswbxml::{
    Document, Framing, XmlOptions, canonical, wbxml_to_xml, wbxml_to_xml_into, xml_to_wbxml,
};
use msox_codec::{CountingSink, Decode, DecodeWith};

use crate::roundtrip;

fn document(data: &[u8], framing: Framing) {
    roundtrip(data, true, |b, o| {
        Document::decode_bytes_with(b, framing, o).map(|d| d.map(|doc| doc.encode()))
    });
}

/// ms-aswbxml `Document::decode_bytes`: a strict decode re-encodes to the
/// input byte for byte; a lenient one to a fixed point.
pub fn aswbxml_document(data: &[u8]) {
    document(data, Framing::Document);
    if let Ok(d) = Document::decode_bytes(data, &crate::lenient()) {
        assert_eq!(d.value.framing, Framing::Document);
    }
}

/// ms-aswbxml `Document::decode_bytes_with(.., Framing::Headerless, ..)`:
/// as [`aswbxml_document`], for a body without header.
pub fn aswbxml_document_headerless(data: &[u8]) {
    document(data, Framing::Headerless);
}

/// ms-aswbxml `wbxml_to_xml` and `wbxml_to_xml_into` (plain and lossless
/// XML, both framings): the two agree; lossless XML of a strictly decoded
/// input encodes back to the input (`xml_to_wbxml`); plain XML of a
/// document encodes to WBXML that decodes strictly.
pub fn aswbxml_xml(data: &[u8]) {
    for framing in [Framing::Document, Framing::Headerless] {
        for xopts in [XmlOptions::default(), XmlOptions::lossless()] {
            let (s, l) = crate::both(data, |b, o| wbxml_to_xml(b, framing, o, xopts));
            for (o, r) in [(crate::strict(), &s), (crate::lenient(), &l)] {
                let mut sink = Vec::new();
                let into = wbxml_to_xml_into(data, framing, &o, xopts, &mut sink);
                match (r, into) {
                    (Ok(x), Ok(d)) => {
                        assert!(sink == x.value.as_bytes(), "wbxml_to_xml_into differs");
                        assert_eq!(x.defects, d.defects);
                    }
                    (Err(_), Err(_)) => {}
                    // The string form's output cap is tighter than the sink's.
                    (Err(e), Ok(_)) if e.is_limit() => {}
                    (a, b) => panic!("wbxml_to_xml {a:?} vs wbxml_to_xml_into {b:?}"),
                }
            }
            let mut n = CountingSink::default();
            let _ = wbxml_to_xml_into(data, framing, &crate::lenient(), xopts, &mut n);
        }
        let strict = crate::strict();
        if let Ok(x) = wbxml_to_xml(data, framing, &strict, XmlOptions::lossless()) {
            let back = xml_to_wbxml(x.value.as_bytes(), &crate::lenient())
                .unwrap_or_else(|e| panic!("lossless XML does not encode: {e}\n{}", x.value));
            assert!(
                back.value == data,
                "lossless XML round trip\n{}\n{:02x?}",
                x.value,
                back.value
            );
        }
        // Plain XML has no header instruction: it encodes as a document.
        if framing == Framing::Headerless {
            continue;
        }
        if let Ok(x) = wbxml_to_xml(data, framing, &strict, XmlOptions::default()) {
            let back = xml_to_wbxml(x.value.as_bytes(), &crate::lenient())
                .unwrap_or_else(|e| panic!("plain XML does not encode: {e}\n{}", x.value));
            Document::decode_bytes(&back.value, &strict).expect("encoded plain XML decodes");
        }
    }
}

/// ms-aswbxml `canonical::to_canonical` (and `to_canonical_into`): both
/// framings, both modes; the two forms agree.
pub fn aswbxml_canonical(data: &[u8]) {
    for framing in [Framing::Document, Framing::Headerless] {
        let (s, l) = crate::both(data, |b, o| canonical::to_canonical(b, framing, o));
        for (o, r) in [(crate::strict(), s), (crate::lenient(), l)] {
            let mut sink = Vec::new();
            let into = canonical::to_canonical_into(data, framing, &o, &mut sink);
            match (r, into) {
                (Ok(t), Ok(d)) => {
                    assert!(sink == t.value.as_bytes(), "to_canonical_into differs");
                    assert_eq!(t.defects, d.defects);
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("to_canonical {a:?} vs to_canonical_into {b:?}"),
            }
        }
    }
}

/// ms-aswbxml `xml_to_wbxml`: XML text in never panics; WBXML out decodes
/// strictly and converts to lossless XML that encodes to the same WBXML.
pub fn aswbxml_from_xml(data: &[u8]) {
    let (s, l) = crate::both(data, xml_to_wbxml);
    // Read as it goes, in reads of a few bytes: the same bytes (the same
    // verdict, for valid UTF-8: the slice form checks it all first).
    for (o, r) in [(crate::strict(), &s), (crate::lenient(), &l)] {
        let mut out = Vec::new();
        let reader = std::io::BufReader::with_capacity(5, data);
        let streamed = ms_aswbxml::xml_to_wbxml_from(reader, &o, &mut out);
        if std::str::from_utf8(data).is_ok() {
            match (r, &streamed) {
                (Ok(w), Ok(n)) => {
                    assert!(out == w.value, "read as it goes differs");
                    assert_eq!(n.value, w.value.len() as u64);
                }
                (Err(_), Err(_)) => {}
                (a, b) => panic!("slice {:?} vs read as it goes {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
    for (o, r) in [(crate::strict(), s), (crate::lenient(), l)] {
        let Ok(w) = r else { continue };
        let doc = Document::decode_bytes(&w.value, &crate::strict())
            .unwrap_or_else(|e| panic!("encoded XML does not decode: {e}\n{:02x?}", w.value));
        assert!(doc.value.encode().expect("encodes") == w.value);
        let x = wbxml_to_xml(&w.value, Framing::Document, &o, XmlOptions::lossless())
            .unwrap_or_else(|e| panic!("encoded XML does not convert back: {e}"));
        let again = xml_to_wbxml(x.value.as_bytes(), &crate::lenient())
            .unwrap_or_else(|e| panic!("lossless XML does not encode: {e}\n{}", x.value));
        assert!(
            again.value == w.value,
            "lossless XML round trip\n{}",
            x.value
        );
    }
}
