//! What the writer produces is read by another XML implementation
//! (Python's `xml.etree.ElementTree`) as the same tree as the original
//! manifest: the same elements, attributes and text. Children are compared
//! as sets, because the writer puts unknown elements after the known ones
//! of their parent ([MS-OXWOAB] 2.2 gives no order for them).
//!
//! Skipped when `python3` is missing, except under `CI=true`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::path::Path;
use std::process::Command;

use ms_oxwoab::Manifest;

/// The canonical form Python's ElementTree reads from a file: each element
/// as `tag`, sorted attributes, stripped text, sorted children.
const CANON: &str = r#"
import sys, xml.etree.ElementTree as ET
def canon(e):
    kids = sorted(canon(c) for c in e)
    return "%s%r%r[%s]" % (e.tag, sorted(e.attrib.items()), (e.text or "").strip(), ",".join(kids))
print(canon(ET.parse(sys.argv[1]).getroot()))
"#;

fn python_reads(path: &Path) -> Option<String> {
    let out = Command::new("python3")
        .args(["-c", CANON])
        .arg(path)
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "python3 cannot read {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn python_reads_what_we_write_as_the_original() {
    let dir = msox_testkit::workspace_root().join("test-vectors/oxwoab");
    let scratch = std::env::temp_dir().join(format!("msox-oxwoab-interop-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut checked = 0;
    for name in [
        "spec-4-example-first-oal.xml",
        "handmade-unknown-attributes-and-elements.xml",
    ] {
        let original = dir.join(name);
        let m = Manifest::parse(&std::fs::read(&original).unwrap()).unwrap();
        let ours = scratch.join(name);
        std::fs::write(&ours, m.to_xml()).unwrap();
        let Some(want) = python_reads(&original) else {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "python3 is missing under CI=true"
            );
            eprintln!("python3 not found: interop test skipped");
            return;
        };
        let got = python_reads(&ours).unwrap();
        assert_eq!(got, want, "{name}: ElementTree reads our XML differently");
        checked += 1;
    }
    assert_eq!(checked, 2);
    let _ = std::fs::remove_dir_all(&scratch);
}
