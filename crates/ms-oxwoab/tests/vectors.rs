//! The spec's example and hand-made manifests in `test-vectors/oxwoab/`
//! read to the expected model, and writing then reading gives the same
//! model back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxwoab::{Attribute, FileKind, Manifest};

fn vector(name: &str) -> Vec<u8> {
    let p = msox_testkit::workspace_root()
        .join("test-vectors/oxwoab")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn round_trips(m: &Manifest) {
    let xml = m.to_xml();
    let again = Manifest::parse(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    assert_eq!(&again, m, "{xml}");
    // Writing is deterministic: the second write is the first.
    assert_eq!(again.to_xml(), xml);
}

#[test]
fn spec_example_reads_as_the_spec_describes() {
    let m = Manifest::parse(&vector("spec-4-example-first-oal.xml")).unwrap();
    assert_eq!(m.oals.len(), 1);
    let o = &m.oals[0];
    assert_eq!(o.id, "f867b9e0-d01e-43e3-8708-ba86a1c77dff");
    assert_eq!(o.dn, "/guid=F8E7206B268E404B9519453F0F184D24");
    assert_eq!(o.name, "\\All Rooms");
    assert_eq!(
        o.guid().unwrap().to_string(),
        "F867B9E0-D01E-43E3-8708-BA86A1C77DFF"
    );
    // "the first OAL has the data sequence number 2 and only one
    // differential file", and two templates with language 0409.
    assert_eq!(o.sequence(), Some(2));
    assert_eq!(o.diffs().count(), 1);
    let kinds: Vec<FileKind> = o.files.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [
            FileKind::Full,
            FileKind::Template,
            FileKind::Template,
            FileKind::Diff
        ]
    );
    let full = o.full().unwrap();
    assert_eq!(
        (full.seq, full.ver, full.size, full.uncompressed_size),
        (2, 32, 554, 1165)
    );
    assert_eq!(full.sha, "d626d8d782332b7e8d689eea266ee315c31f19da");
    assert_eq!(full.sha1().unwrap()[0], 0xd6);
    assert_eq!(
        full.file_name,
        "f867b9e0-d01e-43e3-8708-ba86a1c77dff-data-2.lzx"
    );
    let t: Vec<_> = o.templates().collect();
    assert_eq!(t[0].lcid(), Some(0x0409));
    assert_eq!(t[0].template_type.as_deref(), Some("windows"));
    assert_eq!(t[1].template_type.as_deref(), Some("mac"));
    assert_eq!(
        t[1].file_name,
        "f867b9e0-d01e-43e3-8708-ba86a1c77dff-mac0409-2.lzx"
    );
    let d = o.diffs().next().unwrap();
    assert_eq!((d.seq, d.size, d.uncompressed_size), (2, 132, 1165));
    assert!(o.files.iter().all(|f| f.other_attributes.is_empty()));
    // A client at sequence 1 applies the one patch.
    assert_eq!(o.diff_chain(1).unwrap(), [d]);
    assert_eq!(o.diff_chain(2).unwrap().len(), 0);
    round_trips(&m);
}

#[test]
fn unknown_attributes_and_elements_are_kept() {
    let m = Manifest::parse(&vector("handmade-unknown-attributes-and-elements.xml")).unwrap();
    assert_eq!(
        m.other_attributes,
        [
            Attribute::new("xmlns:x", "urn:example"),
            Attribute::new("x:generator", "msox test")
        ]
    );
    assert_eq!(m.other_elements, ["<x:Trailer/>"]);
    let o = &m.oals[0];
    assert_eq!(o.name, "\\Global Address List & Rooms");
    assert_eq!(o.other_attributes, [Attribute::new("x:priority", "1")]);
    assert_eq!(
        o.other_elements,
        ["<x:Extra kind=\"future\"><x:Inner/></x:Extra>"]
    );
    assert_eq!(
        o.guid().unwrap(),
        "2e3eaccd-85a0-4abe-84f8-603a49801bb6".parse().unwrap()
    );
    assert!(m.oal("2E3EACCD-85A0-4ABE-84F8-603A49801BB6").is_some());
    let full = o.full().unwrap();
    assert_eq!(
        full.other_attributes,
        [Attribute::new("x:note", "a <b> 'c'")]
    );
    let diffs: Vec<_> = o.diffs().collect();
    assert_eq!(diffs[1].file_name, "2e3eaccd-binpatch-4.lzx"); // from CDATA
    let t = o.templates().next().unwrap();
    assert_eq!(t.file_name, ""); // an empty element
    assert_eq!(t.lcid(), Some(0x040C));
    assert_eq!(o.diff_chain(2).unwrap().len(), 2);
    assert!(o.diff_chain(1).is_none());
    round_trips(&m);
}

#[test]
fn a_byte_order_mark_is_skipped_and_error_offsets_count_it() {
    let mut xml = b"\xEF\xBB\xBF".to_vec();
    xml.extend(vector("spec-4-example-first-oal.xml"));
    let m = Manifest::parse(&xml).unwrap();
    assert_eq!(m.oals.len(), 1);
    let bad = String::from_utf8(xml[3..].to_vec())
        .unwrap()
        .replace("seq='2' ver='32' size='132'", "seq='2' ver='32'");
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(bad.as_bytes());
    let e = Manifest::parse(&with_bom).unwrap_err();
    let at = bad.find("<Diff").unwrap() + 3;
    assert_eq!(
        e.to_string(),
        format!("Diff element has no size attribute at byte {at} in OAB > OAL[0] > Diff[0]")
    );
}
