//! Real manifests from `../shared/corpus`: every `*.xml` whose path names
//! an OAB (`oab` in the path) must read, and write back to the same model.
//! The corpus has none at the time of writing (its README: nothing real
//! was found for OAB files); the test then says so and passes.
#![allow(clippy::unwrap_used, clippy::panic)] // test code: a panic is a failure report

use ms_oxwoab::Manifest;

#[test]
fn corpus_manifests_read_and_round_trip() {
    let entries: Vec<_> = msox_testkit::corpus::entries("")
        .into_iter()
        .filter(|e| {
            let f = e.file.to_ascii_lowercase();
            f.contains("oab") && f.ends_with(".xml")
        })
        .collect();
    if entries.is_empty() {
        eprintln!("no OAB manifests (oab*.xml) in the corpus");
        return;
    }
    for e in entries {
        let bytes = std::fs::read(&e.path).unwrap();
        let m = Manifest::parse(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(
            Manifest::parse(m.to_xml().as_bytes()).unwrap(),
            m,
            "{}",
            e.file
        );
    }
}
