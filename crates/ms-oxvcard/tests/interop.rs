//! What the exporter writes is read by another implementation: Python's
//! `icalendar` (the content-line parser the peers install; it reads any
//! `BEGIN:`/`END:` component, vCards included) reads our vCard 3.0 and 4.0
//! exports of every corpus contact, and finds the same contacts, names,
//! e-mail addresses and telephone numbers (values as written) as our own
//! content-line reader finds in the same bytes.
//!
//! Skipped when `python3` with `icalendar` is missing, except under
//! `CI=true`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::process::Command;

use ms_oxcical::contentline::Document;
use ms_oxvcard::{VcardVersion, VcfOptions, messages_to_vcf, vcf_to_messages};
use msox_codec::{Decode, Options};
use msox_testkit::corpus;

/// One line per vCard: FN, then the sorted EMAIL and TEL values, as
/// written (`to_ical`).
const PEER: &str = r#"
import sys, icalendar
for c in icalendar.Component.from_ical(open(sys.argv[1], "rb").read(), multiple=True):
    def vals(k):
        v = c.get(k)
        if v is None: return []
        v = v if isinstance(v, list) else [v]
        return sorted(x.to_ical().decode() if hasattr(x, "to_ical") else str(x) for x in v)
    fn = c.get("FN")
    fn = fn.to_ical().decode() if hasattr(fn, "to_ical") else str(fn)
    print("%s|%s|%s" % (fn, ",".join(vals("EMAIL")), ",".join(vals("TEL"))))
"#;

fn peer_has_icalendar() -> bool {
    Command::new("python3")
        .args(["-c", "import icalendar"])
        .status()
        .is_ok_and(|s| s.success())
}

/// The same summary from our own reader.
fn ours(vcf: &str) -> String {
    let d = Document::decode_bytes(vcf.as_bytes(), &Options::strict()).unwrap();
    let mut out = String::new();
    for c in &d.value.components {
        let vals = |name: &str| {
            let mut v: Vec<String> = c
                .properties
                .iter()
                .filter(|p| p.name == name)
                .map(|p| p.value.clone())
                .collect();
            v.sort();
            v.join(",")
        };
        let fn_ = c
            .property("FN")
            .map(|p| p.value.clone())
            .unwrap_or_default();
        out.push_str(&format!("{fn_}|{}|{}\n", vals("EMAIL"), vals("TEL")));
    }
    out
}

#[test]
fn icalendar_reads_our_vcards_as_we_do() {
    let files = corpus::files("vcard", &[".vcf"]);
    if files.is_empty() {
        return;
    }
    if !peer_has_icalendar() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "python3 with icalendar is missing under CI=true"
        );
        eprintln!("python3 icalendar not found: interop test skipped");
        return;
    }
    let scratch = std::env::temp_dir().join(format!("msox-oxvcard-interop-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let mut checked = 0;
    for e in &files {
        let read = vcf_to_messages(&std::fs::read(&e.path).unwrap(), &Options::lenient()).unwrap();
        for version in [VcardVersion::V30, VcardVersion::V40] {
            let vcf = messages_to_vcf(&read.value, &VcfOptions::new(version))
                .unwrap()
                .value;
            let p = scratch.join(format!("{}-{version:?}.vcf", e.file.replace('/', "_")));
            std::fs::write(&p, &vcf).unwrap();
            let out = Command::new("python3")
                .args(["-c", PEER])
                .arg(&p)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{} {version:?}: icalendar cannot read our export: {}\n{vcf}",
                e.file,
                String::from_utf8_lossy(&out.stderr)
            );
            let theirs = String::from_utf8_lossy(&out.stdout).into_owned();
            assert_eq!(
                theirs,
                ours(&vcf),
                "{} {version:?}: icalendar reads our export differently\n{vcf}",
                e.file
            );
            checked += 1;
        }
    }
    assert_eq!(checked, files.len() * 2);
    let _ = std::fs::remove_dir_all(&scratch);
}
