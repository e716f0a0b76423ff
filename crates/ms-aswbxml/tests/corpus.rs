//! Every WBXML sample of `../shared/corpus/wbxml`: decodes strictly,
//! re-encodes byte for byte from the events, from lossless XML and (for
//! device and server bytes) from plain XML; headerless Horde bodies decode
//! with `Framing::Headerless`; hostile `.fuzz` files never panic.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_aswbxml::{
    Document, Framing, XmlOptions, canonical, wbxml_to_xml, xml_to_wbxml, xml_to_wbxml_from,
    xml_to_wbxml_into,
};
use msox_codec::{DecodeWith, Options};
use msox_testkit::{corpus, hex_diff};

/// A sink that keeps what it is given and the size of each piece.
#[derive(Default)]
struct Pieces {
    bytes: Vec<u8>,
    sizes: Vec<usize>,
}

impl msox_codec::Sink for Pieces {
    fn write(&mut self, bytes: &[u8]) -> msox_codec::Result<()> {
        self.bytes.extend_from_slice(bytes);
        self.sizes.push(bytes.len());
        Ok(())
    }
}

/// XML read as it goes: invalid UTF-8 and a broken document are errors
/// that say where, as from a slice.
#[test]
fn encode_read_as_it_goes_reports_errors() {
    let bad = b"<Ping xmlns=\"Ping\"><Status>\xFF</Status></Ping>";
    let mut out = Vec::new();
    let e = xml_to_wbxml_from(&bad[..], &Options::default(), &mut out).unwrap_err();
    assert_eq!(e.offset(), Some(27), "{e}");
    let cut = b"<Ping xmlns=\"Ping\"><Status>1</Status>";
    let e = xml_to_wbxml_from(&cut[..], &Options::default(), &mut out).unwrap_err();
    let whole = xml_to_wbxml(cut, &Options::default()).unwrap_err();
    assert_eq!(e.to_string(), whole.to_string());
}

/// The streaming encoder gives its output in pieces of about 32 KiB, not
/// whole: the memory it holds does not grow with the document.
#[test]
fn streamed_encode_comes_in_pieces() {
    let mut xml = String::from(r#"<Sync xmlns="AirSync"><Collections>"#);
    for i in 0..20_000 {
        xml.push_str(&format!(
            "<Collection><SyncKey>{i}</SyncKey><CollectionId>{i}</CollectionId></Collection>"
        ));
    }
    xml.push_str("</Collections></Sync>");
    let whole = xml_to_wbxml(xml.as_bytes(), &Options::strict())
        .unwrap()
        .value;
    let mut pieces = Pieces::default();
    xml_to_wbxml_into(xml.as_bytes(), &Options::strict(), &mut pieces).unwrap();
    assert!(pieces.bytes == whole);
    assert!(whole.len() > 200_000);
    assert!(pieces.sizes.len() > 5, "{:?}", pieces.sizes);
    assert!(
        pieces.sizes.iter().all(|&n| n < 40 << 10),
        "{:?}",
        pieces.sizes
    );
}

fn framing_for(file: &str) -> Framing {
    if file.starts_with("wbxml/horde/") {
        Framing::Headerless
    } else {
        Framing::Document
    }
}

#[test]
fn every_sample_round_trips_byte_exact() {
    let files = corpus::files("wbxml", &[".wbxml"]);
    if files.is_empty() {
        return;
    }
    let (mut n, mut plain_exact) = (0, 0);
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let framing = framing_for(&e.file);
        let strict = Options::strict();
        // events
        let doc = Document::decode_bytes_with(&bytes, framing, &strict)
            .unwrap_or_else(|err| panic!("{}: {err}", e.file))
            .value;
        let out = doc.encode().unwrap();
        if let Some(d) = hex_diff(&bytes, &out) {
            panic!("{}: events re-encode differently: {d}", e.file);
        }
        // lossless XML
        let xml = wbxml_to_xml(&bytes, framing, &strict, XmlOptions::lossless())
            .unwrap_or_else(|err| panic!("{}: {err}", e.file))
            .value;
        let back = xml_to_wbxml(xml.as_bytes(), &strict)
            .unwrap_or_else(|err| panic!("{}: {err}\n{}", e.file, xml))
            .value;
        // ... and the same bytes in pieces through a sink
        let mut pieces = Pieces::default();
        let written = xml_to_wbxml_into(xml.as_bytes(), &strict, &mut pieces).unwrap();
        assert_eq!(written.value, back.len() as u64, "{}", e.file);
        assert!(pieces.bytes == back, "{}: streamed encode differs", e.file);
        // ... and read as it goes, in small reads (boundaries anywhere),
        // after a byte-order mark
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(xml.as_bytes());
        let mut streamed = Vec::new();
        let reader = std::io::BufReader::with_capacity(7, &with_bom[..]);
        let written = xml_to_wbxml_from(reader, &strict, &mut streamed).unwrap();
        assert_eq!(written.value, back.len() as u64, "{}", e.file);
        assert!(
            streamed == back,
            "{}: encode read as it goes differs",
            e.file
        );
        if let Some(d) = hex_diff(&bytes, &back) {
            panic!(
                "{}: lossless XML re-encodes differently: {d}\n{}",
                e.file, xml
            );
        }
        // plain, indented XML: what Exchange and devices send comes back exactly
        let xml = wbxml_to_xml(&bytes, framing, &strict, XmlOptions::default())
            .unwrap()
            .value;
        // (a headerless body's plain XML does not say it is a fragment: its
        // top-level elements after the first are defects)
        let o = if framing == Framing::Document {
            strict
        } else {
            Options::lenient()
        };
        let back = xml_to_wbxml(xml.as_bytes(), &o).unwrap().value;
        if back == bytes {
            plain_exact += 1;
        } else if framing == Framing::Document {
            panic!(
                "{}: plain XML re-encodes differently: {}",
                e.file,
                hex_diff(&bytes, &back).unwrap()
            );
        }
        // the canonical form decodes without error
        canonical::to_canonical(&bytes, framing, &strict).unwrap();
        n += 1;
    }
    eprintln!(
        "{n} WBXML samples: events and lossless XML round-trip byte-exact; plain XML byte-exact on {plain_exact}"
    );
    assert!(n >= 100, "only {n} samples");
}

#[test]
fn headerless_horde_bodies_need_the_headerless_option() {
    for e in corpus::files("wbxml/horde", &[".wbxml"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        let doc = Document::decode_bytes_with(&bytes, Framing::Headerless, &Options::lenient())
            .unwrap()
            .value;
        assert!(doc.events.len() > 5, "{}", e.file);
        // Read as a document, the first body bytes are taken for a header:
        // an error or nonsense, never a panic.
        let _ = Document::decode_bytes_with(&bytes, Framing::Document, &Options::strict());
    }
}

#[test]
fn hostile_fuzz_files_never_panic() {
    for e in corpus::files("wbxml", &[".fuzz"]) {
        let bytes = std::fs::read(&e.path).unwrap();
        for framing in [Framing::Document, Framing::Headerless] {
            for o in [Options::strict(), Options::lenient()] {
                let _ = Document::decode_bytes_with(&bytes, framing, &o).map(|d| d.value.encode());
                let _ = wbxml_to_xml(&bytes, framing, &o, XmlOptions::default());
                let _ = wbxml_to_xml(&bytes, framing, &o, XmlOptions::lossless());
                let _ = canonical::to_canonical(&bytes, framing, &o);
            }
        }
    }
}

/// The libwbxml sample XML encodes to the bytes libwbxml's xml2wbxml made
/// of it (the `.wbxml` of the same stem).
#[test]
fn libwbxml_sample_xml_encodes_like_libwbxml() {
    let mut n = 0;
    for e in corpus::files("wbxml", &[".xml"]) {
        let Some(stem) = e.file.strip_suffix(".xml") else {
            continue;
        };
        if !stem.starts_with("wbxml/libwbxml-") {
            continue;
        }
        let want = std::fs::read(e.path.with_extension("wbxml")).unwrap();
        let xml = std::fs::read(&e.path).unwrap();
        let got = xml_to_wbxml(&xml, &Options::lenient())
            .unwrap_or_else(|err| panic!("{}: {err}", e.file))
            .value;
        if let Some(d) = hex_diff(&want, &got) {
            panic!("{}: {d}", e.file);
        }
        n += 1;
    }
    eprintln!("{n} libwbxml XML samples encode to libwbxml's bytes");
}

/// XML with two root elements is not one document: the second is a defect
/// (skipped with its content; strict refuses it), so what is written is
/// what WBXML readers read (they take bytes after the root for trailing
/// bytes). Found by fuzzing.
#[test]
fn a_second_root_element_is_a_defect() {
    let xml = br#"<Ping xmlns="Ping"><Status>1</Status></Ping><Ping xmlns="Ping"><Status>2</Status></Ping>"#;
    let one = xml_to_wbxml(&xml[..44], &Options::strict()).unwrap().value;
    let d = xml_to_wbxml(xml, &Options::lenient()).unwrap();
    assert_eq!(d.value, one);
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(44));
    assert!(
        d.defects[0].to_string().contains("second root element"),
        "{}",
        d.defects[0]
    );
    assert!(xml_to_wbxml(xml, &Options::strict()).is_err());
    // A fragment (headerless) has several.
    let frag =
        br#"<?wbxml headerless?><Ping xmlns="Ping"><Status>1</Status></Ping><Ping xmlns="Ping"/>"#;
    let d = xml_to_wbxml(frag, &Options::strict()).unwrap();
    assert!(d.defects.is_empty());
}

/// What comes before the root element is kept until the header is known:
/// comments are dropped, text pieces joined (one defect for them), so a
/// long prolog costs its text, read as it goes or from a slice alike.
#[test]
fn a_long_prolog_is_kept_small() {
    let mut xml = "a<!---->".repeat(200_000);
    xml.push_str(&"<!-- c -->".repeat(100_000));
    xml.push_str(r#"<Ping xmlns="Ping"><Status>1</Status></Ping>"#);
    let whole = xml_to_wbxml(xml.as_bytes(), &Options::lenient()).unwrap();
    assert_eq!(whole.defects.len(), 1, "{:?}", whole.defects);
    assert!(
        whole.defects[0]
            .to_string()
            .contains("outside the root element")
    );
    let mut out = Vec::new();
    let streamed = xml_to_wbxml_from(xml.as_bytes(), &Options::lenient(), &mut out).unwrap();
    assert_eq!(out, whole.value);
    assert_eq!(streamed.defects.len(), 1);
    assert!(xml_to_wbxml(xml.as_bytes(), &Options::strict()).is_err());
}
