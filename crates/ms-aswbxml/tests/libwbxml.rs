//! libwbxml-compatible XML: for every real capture and device file of
//! `../shared/corpus/wbxml`, libwbxml's `xml2wbxml` (the peer
//! `xml2wbxml.libwbxml`: `-v 1.3 -n -a`) turns our libwbxml-style XML
//! ([`XmlOptions::libwbxml`]) back into the original bytes, and so does our
//! own reader. A file whose conversion reports a defect ("libwbxml's XML
//! cannot carry ...": an empty string, white space around a string, a
//! redundant SWITCH_PAGE, a header other than 03 01 6A 00, ...) is an
//! exception, each counted by reason. Without the peer the libwbxml half
//! is skipped with a message, except under `CI=true`, where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use ms_aswbxml::{Framing, XmlOptions, wbxml_to_xml, xml_to_wbxml};
use msox_codec::Options;
use msox_testkit::corpus;

fn peer() -> Option<PathBuf> {
    let script = msox_testkit::workspace_root().join("../shared/tools/peers/xml2wbxml.libwbxml");
    let installed = script.is_file() && Command::new("xml2wbxml").output().is_ok();
    if installed {
        return Some(script);
    }
    let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    assert!(
        !ci,
        "libwbxml's xml2wbxml (peer xml2wbxml.libwbxml) is not installed (CI=true)"
    );
    eprintln!("skipping the libwbxml half: peer xml2wbxml.libwbxml not installed");
    None
}

fn xml2wbxml(script: &PathBuf, xml: &str, tag: usize) -> Result<Vec<u8>, String> {
    let f = std::env::temp_dir().join(format!(
        "ms-aswbxml-libwbxml-{}-{tag}.xml",
        std::process::id()
    ));
    std::fs::write(&f, xml).unwrap();
    let o = Command::new(script).arg(&f).output().unwrap();
    let _ = std::fs::remove_file(&f);
    if !o.status.success() {
        return Err(String::from_utf8_lossy(&o.stderr).into_owned());
    }
    Ok(o.stdout)
}

#[test]
fn libwbxml_reads_our_xml_back_to_the_same_bytes() {
    let mut files = corpus::files("wbxml/captures", &[".wbxml"]);
    files.extend(corpus::files("wbxml/devices", &[""]));
    files.retain(|e| e.path.is_file() && !e.file.ends_with(".tsv"));
    if files.is_empty() {
        return;
    }
    let script = peer();
    let (mut exact, mut ours_exact) = (0, 0);
    let mut exceptions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (k, e) in files.iter().enumerate() {
        let bytes = std::fs::read(&e.path).unwrap();
        let d = wbxml_to_xml(
            &bytes,
            Framing::Document,
            &Options::lenient(),
            XmlOptions::libwbxml(),
        )
        .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        let xml = d.value;
        if !d.defects.is_empty() {
            for df in &d.defects {
                let msg = df.error().kind().to_string();
                assert!(
                    msg.contains("libwbxml's XML cannot carry"),
                    "{}: {df}",
                    e.file
                );
                exceptions.entry(msg).or_default().push(e.file.clone());
            }
            // Strict conversion refuses what it cannot carry.
            assert!(
                wbxml_to_xml(
                    &bytes,
                    Framing::Document,
                    &Options::strict(),
                    XmlOptions::libwbxml()
                )
                .is_err()
            );
            continue;
        }
        // Our reader takes it back as libwbxml does.
        let back = xml_to_wbxml(xml.as_bytes(), &Options::strict())
            .unwrap()
            .value;
        assert!(back == bytes, "{}: our reader differs\n{xml}", e.file);
        ours_exact += 1;
        if let Some(script) = &script {
            let theirs = xml2wbxml(script, &xml, k)
                .unwrap_or_else(|err| panic!("{}: xml2wbxml fails: {err}\n{xml}", e.file));
            if let Some(diff) = msox_testkit::hex_diff(&bytes, &theirs) {
                panic!("{}: libwbxml gives other bytes\n{diff}\n{xml}", e.file);
            }
            exact += 1;
        }
    }
    let n_exceptions: usize = exceptions.values().map(Vec::len).sum();
    eprintln!(
        "{} files: {ours_exact} without defects (libwbxml gives the same bytes for {exact}); exceptions by reason:",
        files.len()
    );
    for (why, who) in &exceptions {
        eprintln!(
            "  {why}: {} ({})",
            who.len(),
            who.first().map_or("", String::as_str)
        );
    }
    assert!(ours_exact + n_exceptions.min(files.len()) >= files.len());
    assert!(
        ours_exact * 4 >= files.len() * 3,
        "{ours_exact} of {}",
        files.len()
    );
}

/// Our reader takes XML with the ActiveSync DOCTYPE by libwbxml's rules:
/// the bytes below are what libwbxml 0.11.8's `xml2wbxml -v 1.3 -n -a`
/// wrote for each (checked with the peer when the tests were written).
#[test]
fn our_reader_reads_libwbxml_xml_as_libwbxml_does() {
    let head = "<?xml version=\"1.0\"?><!DOCTYPE ActiveSync PUBLIC \"-//MICROSOFT//DTD ActiveSync//EN\" \"http://www.microsoft.com/\"><Settings xmlns=\"Settings:\"><Set>";
    let tail = "</Set></Settings>";
    for (body, hex) in [
        ("<PhoneNumber></PhoneNumber>", "03016a00001245481c0101"),
        (
            "<PhoneNumber><![CDATA[]]></PhoneNumber>",
            "03016a00001245485c010101",
        ),
        ("<PhoneNumber> </PhoneNumber>", "03016a00001245485c010101"),
        (
            "<PhoneNumber> a </PhoneNumber>",
            "03016a00001245485c036100010101",
        ),
        (
            "<PhoneNumber>a&#13;&#10;</PhoneNumber>",
            "03016a00001245485c036100010101",
        ),
        (
            "<PhoneNumber>a&#13;&#10;b</PhoneNumber>",
            "03016a00001245485c03610d0a6200010101",
        ),
        (
            "<PhoneNumber>a<![CDATA[b]]>c</PhoneNumber>",
            "03016a00001245485c036100c30162036300010101",
        ),
        (
            "<PhoneNumber><![CDATA[ ]]></PhoneNumber>",
            "03016a00001245485cc30120010101",
        ),
    ] {
        let xml = format!("{head}{body}{tail}");
        let got = xml_to_wbxml(xml.as_bytes(), &Options::strict())
            .unwrap()
            .value;
        assert_eq!(msox_codec::hex::encode(&got), hex, "{body}");
    }
}
