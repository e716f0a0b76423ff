//! What the exporter writes is read by another implementation: Python's
//! `icalendar` (the content-line parser the peers install; it reads any
//! `BEGIN:`/`END:` component, vCards included) reads our vCard 3.0 and 4.0
//! exports of every corpus contact, and finds the same contacts, names,
//! e-mail addresses and telephone numbers (values as written) as our own
//! content-line reader finds in the same bytes.
//!
//! Skipped when `python3` with `icalendar` is missing, except under CI
//! (`msox_testkit::peers::python`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxcical::contentline::Document;
use ms_oxvcard::{VcardVersion, VcfOptions, messages_to_vcf, vcf_to_messages};
use msox_codec::{Decode, Options};
use msox_testkit::{corpus, peers};

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
    if !peers::python("icalendar_reads_our_vcards_as_we_do", Some("icalendar")) {
        return;
    }
    let scratch = peers::Scratch::new("oxvcard");
    let mut checked = 0;
    for e in &files {
        let read = vcf_to_messages(&std::fs::read(&e.path).unwrap(), &Options::lenient()).unwrap();
        for version in [VcardVersion::V30, VcardVersion::V40] {
            let vcf = messages_to_vcf(&read.value, &VcfOptions::new(version))
                .unwrap()
                .value;
            let p = scratch
                .0
                .join(format!("{}-{version:?}.vcf", e.file.replace('/', "_")));
            std::fs::write(&p, &vcf).unwrap();
            let theirs = peers::run_python(PEER, &p).unwrap_or_else(|err| {
                panic!(
                    "{} {version:?}: icalendar cannot read our export: {err}\n{vcf}",
                    e.file
                )
            });
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
}
