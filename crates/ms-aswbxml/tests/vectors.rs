//! `test-vectors/aswbxml`: the specs' example XML encodes to the WBXML
//! libwbxml writes for it, and that WBXML decodes back to XML that encodes
//! to the same bytes and has the same canonical text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_aswbxml::{Document, Framing, XmlOptions, canonical, wbxml_to_xml, xml_to_wbxml};
use msox_codec::{Decode, Options};
use msox_testkit::{hex_diff, hostile, vectors, workspace_root};

const DOC: Framing = Framing::Document;

#[test]
fn spec_examples_encode_and_decode_both_ways() {
    let mut n = 0;
    for v in vectors("aswbxml")
        .into_iter()
        .filter(|v| v.expected_error.is_none())
    {
        let xml_name = v.meta("xml").split_whitespace().next().unwrap().to_string();
        let xml = std::fs::read(
            workspace_root()
                .join("test-vectors/aswbxml")
                .join(&xml_name),
        )
        .unwrap();
        // XML -> WBXML
        let got = xml_to_wbxml(&xml, &Options::strict())
            .unwrap_or_else(|e| panic!("{}: {e}", v.name))
            .value;
        if let Some(d) = hex_diff(&v.bytes, &got) {
            panic!("{}: XML encodes differently: {d}", v.name);
        }
        // WBXML -> events -> WBXML
        let doc = Document::decode_exact(&v.bytes).unwrap();
        assert_eq!(doc.encode().unwrap(), v.bytes, "{}", v.name);
        // WBXML -> XML -> WBXML
        let back = wbxml_to_xml(&v.bytes, DOC, &Options::strict(), XmlOptions::default())
            .unwrap()
            .value;
        let again = xml_to_wbxml(back.as_bytes(), &Options::strict())
            .unwrap()
            .value;
        assert_eq!(again, v.bytes, "{}:\n{}", v.name, back);
        // the decoded XML says what the spec's XML says
        let c1 = canonical::to_canonical(&v.bytes, DOC, &Options::strict()).unwrap();
        let c2 = canonical::to_canonical(&again, DOC, &Options::strict()).unwrap();
        assert_eq!(c1, c2);
        n += 1;
    }
    assert!(n >= 10, "{n} vectors");
}

#[test]
fn getitemestimate_example_decodes_to_the_spec_names() {
    let v = msox_testkit::vector("aswbxml", "ascmd-4.9.1-getitemestimate-request");
    let text = canonical::to_canonical(&v.bytes, DOC, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(
        text,
        "GetItemEstimate:GetItemEstimate\n GetItemEstimate:Collections\n  GetItemEstimate:Collection\n   AirSync:SyncKey \"785971245\"\n   GetItemEstimate:CollectionId \"5\"\n   AirSync:Options\n    AirSync:FilterType \"0\"\n    AirSync:Class \"Email\"\n"
    );
}

#[test]
fn error_vectors_give_their_error() {
    let n = vectors("aswbxml")
        .iter()
        .filter(|v| v.check_expected_error(|b, o| hostile::outcome(Document::decode_bytes(b, o))))
        .count();
    assert!(n >= 2, "{n}");
}
