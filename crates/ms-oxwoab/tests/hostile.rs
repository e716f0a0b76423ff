//! Hostile input: truncations and mutations never panic, every cut before
//! the end of the OAB element is an error, deep nesting in unknown
//! elements does not recurse, and item counts are capped.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxwoab::Manifest;
use msox_codec::{Decode, ErrorKind, Limits, Options};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_never_panic};

fn vectors() -> Vec<(String, Vec<u8>)> {
    let dir = msox_testkit::workspace_root().join("test-vectors/oxwoab");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    assert!(v.len() >= 2);
    v
}

#[test]
fn truncations_fail_until_the_root_is_closed() {
    for (name, bytes) in vectors() {
        assert_truncations_never_panic(&bytes, &name, Manifest::parse);
        let end = bytes.windows(6).rposition(|w| w == b"</OAB>").unwrap() + 6;
        for n in 0..end {
            assert!(Manifest::parse(&bytes[..n]).is_err(), "{name} cut at {n}");
        }
        assert!(Manifest::parse(&bytes[..end]).is_ok());
    }
}

#[test]
fn mutations_never_panic_and_what_reads_writes_back() {
    for (name, bytes) in vectors() {
        assert_no_panic_on_mutations(&bytes, &name, 512, |b| {
            if let Ok(m) = Manifest::parse(b) {
                let again = Manifest::parse(m.to_xml().as_bytes()).expect("written XML reads");
                assert_eq!(again, m);
            }
        });
    }
}

#[test]
fn deep_nesting_inside_an_unknown_element_does_not_recurse() {
    let depth = 200_000;
    let mut xml = String::from("<OAB><OAL id='a' dn='/' name='n'>");
    for _ in 0..depth {
        xml.push_str("<x>");
    }
    for _ in 0..depth {
        xml.push_str("</x>");
    }
    xml.push_str("</OAL></OAB>");
    let m = Manifest::parse(xml.as_bytes()).unwrap();
    assert_eq!(m.oals[0].other_elements[0].len(), depth * 7);
}

#[test]
fn item_counts_are_capped() {
    let mut xml = String::from("<OAB>");
    for i in 0..50 {
        xml.push_str(&format!("<OAL id='{i}' dn='/' name='n'/>"));
    }
    xml.push_str("</OAB>");
    let opts = Options::strict().with_limits(Limits {
        max_items: 10,
        ..Limits::DEFAULT
    });
    let e = Manifest::decode_bytes(xml.as_bytes(), &opts).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                value: 11,
                max: 10,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(
        e.offset(),
        xml.match_indices("<OAL").nth(10).map(|(i, _)| i)
    );
    assert_eq!(Manifest::parse(xml.as_bytes()).unwrap().oals.len(), 50);
}

#[test]
fn bad_documents_give_clear_errors() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "no OAB element at byte 0"),
        (b"<OAL/>", "the root element is OAL, not OAB at byte 0"),
        (b"<OAB></OAB><OAB/>", "content after the OAB element at byte 11"),
        (b"<OAB>hello</OAB>", "unexpected text in the OAB element at byte 5 in OAB"),
        (
            b"<OAB><OAL dn='/' name='n'/></OAB>",
            "OAL element has no id attribute at byte 5 in OAB > OAL[0]",
        ),
        (
            b"<OAB><OAL id='a' dn='/' name='n'><Full seq='x' ver='1' size='1' uncompressedsize='1' SHA=''>f</Full></OAL></OAB>",
            "Full seq \"x\" is not a decimal number in range at byte 33 in OAB > OAL[0] > Full[0]",
        ),
        (
            b"<OAB><OAL id='a' dn='/' name='n'><Diff seq='1' ver='1' size='1' uncompressedsize='1' SHA=''><b/></Diff></OAL></OAB>",
            "Diff element holds a file name, not elements at byte 92 in OAB > OAL[0] > Diff[0]",
        ),
        (b"<OAB>\xFF</OAB>", "invalid UTF-8 string at byte 5"),
    ];
    for (xml, want) in cases {
        let e = Manifest::parse(xml).unwrap_err();
        assert_eq!(e.to_string(), *want, "{}", String::from_utf8_lossy(xml));
    }
}

#[test]
fn error_vectors_give_their_error() {
    let mut n = 0;
    for v in msox_testkit::vectors("oxwoab") {
        if v.check_expected_error(|b, o| {
            msox_testkit::hostile::outcome(Manifest::decode_bytes(b, o))
        }) {
            n += 1;
        }
    }
    assert!(n >= 1);
}

#[test]
fn a_manifest_inside_a_larger_buffer_has_absolute_offsets() {
    // Read through a window of one reader: offsets count from the start
    // of the whole buffer, and the caller's frames lead the path.
    let v = msox_testkit::vector("oxwoab", "error-full-seq-not-a-number");
    let mut buf = b"HTTP/1.1 200 OK\r\n\r\n".to_vec();
    let head = buf.len();
    buf.extend_from_slice(&v.bytes);
    let mut r = msox_codec::Reader::with_options(&buf, &Options::strict());
    r.skip(head).unwrap();
    let e = r.frame("body", |r| r.decode::<Manifest>()).unwrap_err();
    assert_eq!(e.offset(), Some(head + 33));
    assert_eq!(e.path().to_string(), "body > OAB > OAL[0] > Full[0]");
}

/// The one hostile suite over the entry point, seeded with the manifests
/// and the error vector. (A cut after the closing `</OAB>` still reads.)
#[test]
fn hostile_suite_covers_every_entry_point() {
    use msox_testkit::hostile::{Suite, outcome, samples};
    let mut all: Vec<Vec<u8>> = vectors().into_iter().map(|(_, b)| b).collect();
    all.extend(samples("oxwoab", |_| true));
    Suite::new("oxwoab_manifest")
        .prefixes_may_decode()
        .run(&all, |b, o| outcome(Manifest::decode_bytes(b, o)));
}
