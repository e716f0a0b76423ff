//! `test-vectors/aswbxml`: the specs' example XML encodes to the WBXML
//! libwbxml writes for it, and that WBXML decodes back to XML that encodes
//! to the same bytes and has the same canonical text.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_aswbxml::{
    DecodeOptions, Document, EncodeOptions, XmlOptions, canonical, wbxml_to_xml, xml_to_wbxml,
};
use msox_testkit::{hex_diff, vectors, workspace_root};

#[test]
fn spec_examples_encode_and_decode_both_ways() {
    let mut n = 0;
    for v in vectors("aswbxml") {
        let xml_name = v.meta("xml").split_whitespace().next().unwrap().to_string();
        let xml = std::fs::read(
            workspace_root()
                .join("test-vectors/aswbxml")
                .join(&xml_name),
        )
        .unwrap();
        // XML -> WBXML
        let got = xml_to_wbxml(&xml, EncodeOptions::default())
            .unwrap_or_else(|e| panic!("{}: {e}", v.name));
        assert!(got.defects.is_empty(), "{}: {:?}", v.name, got.defects);
        if let Some(d) = hex_diff(&v.bytes, &got.output) {
            panic!("{}: XML encodes differently: {d}", v.name);
        }
        // WBXML -> events -> WBXML
        let doc = Document::decode_with(&v.bytes, DecodeOptions::strict()).unwrap();
        assert_eq!(doc.encode().unwrap(), v.bytes, "{}", v.name);
        // WBXML -> XML -> WBXML
        let back = wbxml_to_xml(&v.bytes, DecodeOptions::strict(), XmlOptions::default()).unwrap();
        let again = xml_to_wbxml(back.output.as_bytes(), EncodeOptions::default()).unwrap();
        assert_eq!(again.output, v.bytes, "{}:\n{}", v.name, back.output);
        // the decoded XML says what the spec's XML says
        let c1 = canonical::to_canonical(&v.bytes, DecodeOptions::strict()).unwrap();
        let c2 = canonical::to_canonical(&again.output, DecodeOptions::strict()).unwrap();
        assert_eq!(c1, c2);
        n += 1;
    }
    assert!(n >= 10, "{n} vectors");
}

#[test]
fn getitemestimate_example_decodes_to_the_spec_names() {
    let v = msox_testkit::vector("aswbxml", "ascmd-4.9.1-getitemestimate-request");
    let text = canonical::to_canonical(&v.bytes, DecodeOptions::strict()).unwrap();
    assert_eq!(
        text,
        "GetItemEstimate:GetItemEstimate\n GetItemEstimate:Collections\n  GetItemEstimate:Collection\n   AirSync:SyncKey \"785971245\"\n   GetItemEstimate:CollectionId \"5\"\n   AirSync:Options\n    AirSync:FilterType \"0\"\n    AirSync:Class \"Email\"\n"
    );
}
