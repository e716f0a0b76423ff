//! `msox rtf ...` and `msox inspect` on compressed RTF, run as a binary on
//! the test vectors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::path::PathBuf;
use std::process::{Command, Output};

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-rtf-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn vector_file(name: &str) -> PathBuf {
    let v = msox_testkit::vector("oxrtfcp", name);
    let p = tmp(&format!("{name}.bin"));
    std::fs::write(&p, &v.bytes).unwrap();
    p
}

#[test]
fn decompress_then_compress_reproduces_the_spec_example() {
    let input = vector_file("spec-4.1-simple-compressed-rtf");
    let rtf = tmp("simple.rtf");
    let again = tmp("simple.bin");
    let o = msox(&[
        "rtf",
        "decompress",
        input.to_str().unwrap(),
        rtf.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(
        std::fs::read(&rtf).unwrap(),
        b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n"
    );
    let o = msox(&[
        "rtf",
        "compress",
        rtf.to_str().unwrap(),
        again.to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&input).unwrap()
    );
}

#[test]
fn defects_warn_and_strict_fails() {
    let input = vector_file("lzfu-crc-mismatch");
    let out = tmp("crc.rtf");
    let o = msox(&[
        "rtf",
        "decompress",
        input.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&o.stderr).contains("defect: checksum mismatch"));
    let o = msox(&[
        "rtf",
        "decompress",
        "--strict",
        input.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("checksum mismatch"));
    let bad = vector_file("error-short-header");
    let o = msox(&[
        "rtf",
        "decompress",
        bad.to_str().unwrap(),
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn html_and_text_come_out_of_compressed_or_plain_rtf() {
    let html = "<html><body><p>Fish &amp; chips €</p></body></html>";
    let rtf = ms_oxrtfex::encapsulate_html(html);
    let plain = tmp("e.rtf");
    std::fs::write(&plain, &rtf).unwrap();
    let packed = tmp("e.bin");
    std::fs::write(&packed, ms_oxrtfcp::compress(&rtf).unwrap()).unwrap();
    for f in [&plain, &packed] {
        let o = msox(&["rtf", "html", f.to_str().unwrap()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(String::from_utf8(o.stdout).unwrap(), html);
        // Not text: an error.
        let o = msox(&["rtf", "text", f.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(1));
    }
    let t = tmp("t.rtf");
    std::fs::write(&t, ms_oxrtfex::encapsulate_text("line 1\r\nline 2")).unwrap();
    let o = msox(&["rtf", "text", t.to_str().unwrap()]);
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "line 1\r\nline 2");
    let o = msox(&["rtf", "html", t.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn inspect_shows_header_crc_sizes_and_encapsulation() {
    let rtf = ms_oxrtfex::encapsulate_text("hello");
    let p = tmp("i.bin");
    std::fs::write(&p, ms_oxrtfcp::compress(&rtf).unwrap()).unwrap();
    let o = msox(&["inspect", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = String::from_utf8(o.stdout).unwrap();
    for want in [
        "rtf-compressed",
        "COMPTYPE: LZFu",
        "CRC check: ok",
        "RAWSIZE",
        "encapsulation: plain text",
    ] {
        assert!(s.contains(want), "{want} missing:\n{s}");
    }
    let o = msox(&[
        "inspect",
        "--json",
        vector_file("mela-compsize-excludes-header")
            .to_str()
            .unwrap(),
    ]);
    let s = String::from_utf8(o.stdout).unwrap();
    assert!(
        s.contains("\"MELA\"") && s.contains("12 header bytes"),
        "{s}"
    );
}
