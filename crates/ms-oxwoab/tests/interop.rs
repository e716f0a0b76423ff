//! What the writer produces is read by another XML implementation
//! (Python's `xml.etree.ElementTree`) as the same tree as the original
//! manifest: the same elements, attributes and text. Children are compared
//! as sets, because the writer puts unknown elements after the known ones
//! of their parent ([MS-OXWOAB] 2.2 gives no order for them).
//!
//! Skipped when `python3` is missing, except under CI
//! (`msox_testkit::peers::python`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::path::Path;

use ms_oxwoab::Manifest;
use msox_testkit::peers;

/// The canonical form Python's ElementTree reads from a file: each element
/// as `tag`, sorted attributes, stripped text, sorted children.
const CANON: &str = r#"
import sys, xml.etree.ElementTree as ET
def canon(e):
    kids = sorted(canon(c) for c in e)
    return "%s%r%r[%s]" % (e.tag, sorted(e.attrib.items()), (e.text or "").strip(), ",".join(kids))
print(canon(ET.parse(sys.argv[1]).getroot()))
"#;

fn python_reads(path: &Path) -> String {
    peers::run_python(CANON, path)
        .unwrap_or_else(|e| panic!("python3 cannot read {}: {e}", path.display()))
}

#[test]
fn python_reads_what_we_write_as_the_original() {
    if !peers::python("python_reads_what_we_write_as_the_original", None) {
        return;
    }
    let dir = msox_testkit::workspace_root().join("test-vectors/oxwoab");
    let scratch = peers::Scratch::new("oxwoab");
    let mut checked = 0;
    for name in [
        "spec-4-example-first-oal.xml",
        "handmade-unknown-attributes-and-elements.xml",
    ] {
        let original = dir.join(name);
        let m = Manifest::parse(&std::fs::read(&original).unwrap()).unwrap();
        let ours = scratch.0.join(name);
        std::fs::write(&ours, m.to_xml()).unwrap();
        let want = python_reads(&original);
        let got = python_reads(&ours);
        assert_eq!(got, want, "{name}: ElementTree reads our XML differently");
        checked += 1;
    }
    assert_eq!(checked, 2);
}
