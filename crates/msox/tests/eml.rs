//! `msox eml ...` and `msox inspect` on the [MS-OXCMAIL] test vectors and
//! the .eml / .msg / TNEF corpus.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn msox_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(input).unwrap();
    c.wait_with_output().unwrap()
}

/// Exit 0, or exit 3 (read past defects in lenient mode) with the defects
/// on stderr.
fn read_ok(o: &Output) -> bool {
    o.status.success()
        || (o.status.code() == Some(3)
            && String::from_utf8_lossy(&o.stderr).contains("msox: defect: "))
}

fn ok(o: &Output) -> String {
    assert!(
        read_ok(o),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-eml-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn vector_file(name: &str) -> PathBuf {
    let p = tmp(&format!("{name}.eml"));
    std::fs::write(&p, msox_testkit::vector("oxcmail", name).bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn dump(p: &Path) -> Value {
    serde_json::from_str(&ok(&msox(&["eml", "dump", "--json", s(p)]))).unwrap()
}

#[test]
fn dump_gives_the_entity_tree_defects_and_model() {
    for v in msox_testkit::vectors("oxcmail") {
        let p = vector_file(&v.name);
        let j = dump(&p);
        assert_eq!(j["message"]["subject"], v.meta("subject"), "{}", v.name);
        assert_eq!(j["size"], v.bytes.len());
        assert_eq!(j["entities"][0]["offset"], 0);
        if let Some(n) = v.meta.get("recipients") {
            assert_eq!(
                j["message"]["recipients"]
                    .as_array()
                    .unwrap()
                    .len()
                    .to_string(),
                *n,
                "{}",
                v.name
            );
        }
        if let Some(n) = v.meta.get("attachments") {
            assert_eq!(
                j["message"]["attachments"]
                    .as_array()
                    .unwrap()
                    .len()
                    .to_string(),
                *n,
                "{}",
                v.name
            );
        }
        if let Some(c) = v.meta.get("class") {
            assert_eq!(j["message"]["message_class"], c.as_str());
        }
        if let Some(n) = v.meta.get("defects") {
            assert!(
                j["defects"].as_array().unwrap().len() >= n.parse::<usize>().unwrap(),
                "{}: {}",
                v.name,
                j["defects"]
            );
            // strict refuses it: one line, with an offset
            let o = msox(&["--strict", "eml", "dump", s(&p)]);
            assert_eq!(o.status.code(), Some(1));
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.contains(" at byte "), "{err}");
        }
        let text = ok(&msox(&["eml", "dump", s(&p)]));
        assert!(text.starts_with("Internet message: "), "{text}");
        assert!(text.contains("entity 0 @0"), "{text}");
    }
    let j = dump(&vector_file("related-html"));
    let types: Vec<&str> = j["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["content_type"].as_str().unwrap())
        .collect();
    assert_eq!(types[0], "multipart/alternative");
    assert!(types.contains(&"multipart/related"), "{types:?}");
    assert!(types.contains(&"text/html"), "{types:?}");
}

#[test]
fn conversions_both_ways_keep_the_message() {
    let eml = vector_file("simple-text");
    let msg = tmp("simple.msg");
    ok(&msox(&["eml", "to-msg", s(&eml), s(&msg)]));
    let text = ok(&msox(&["inspect", s(&msg)]));
    assert!(text.starts_with("msg "), "{text}");
    assert!(text.contains("Grüße"), "{text}");
    let back = tmp("back.eml");
    ok(&msox(&["eml", "from-msg", s(&msg), s(&back)]));
    let j = dump(&back);
    assert_eq!(j["message"]["subject"], "Grüße");
    assert_eq!(j["message"]["recipients"].as_array().unwrap().len(), 2);
    // TNEF both ways
    let tnef = tmp("simple.tnef");
    ok(&msox(&["eml", "to-tnef", s(&eml), s(&tnef)]));
    assert!(ok(&msox(&["inspect", s(&tnef)])).starts_with("tnef "));
    let out = ok(&msox(&["eml", "from-tnef", s(&tnef), "-"]));
    assert!(out.contains("Subject: "), "{out}");
    // stdin and stdout
    let o = msox_stdin(
        &["eml", "to-msg", "-", "-"],
        &msox_testkit::vector("oxcmail", "signed").bytes,
    );
    let msg_bytes = o.stdout.clone();
    assert!(o.status.success());
    let o = msox_stdin(&["eml", "from-msg", "-", "-"], &msg_bytes);
    let out = ok(&o);
    assert!(out.contains("multipart/signed"), "{out}");
    // not a .msg: bad input, one line
    let o = msox(&["eml", "from-msg", s(&eml), "-"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
}

#[test]
fn bodies_by_kind() {
    let eml = vector_file("related-html");
    let html = ok(&msox(&["eml", "body", "--html", s(&eml)]));
    assert!(html.contains("cid:"), "{html}");
    let best = ok(&msox(&["eml", "body", s(&eml)]));
    assert_eq!(best, html);
    let text = ok(&msox(&[
        "eml",
        "body",
        "--text",
        s(&vector_file("simple-text")),
    ]));
    assert!(!text.is_empty());
    // no RTF body: exit 1 saying so
    let o = msox(&["eml", "body", "--rtf", s(&eml)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no RTF body"));
    // two kinds at once: usage
    let o = msox(&["eml", "body", "--html", "--text", s(&eml)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn attachments_into_a_directory() {
    let eml = vector_file("related-html");
    let dir = tmp("atts");
    let out = ok(&msox(&["eml", "attachments", s(&eml), s(&dir)]));
    let files: Vec<&str> = out.lines().collect();
    assert_eq!(files.len(), 1, "{out}");
    assert!(Path::new(files[0]).is_file());
    // again: refused without --overwrite, nothing written
    let o = msox(&["eml", "attachments", s(&eml), s(&dir)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--overwrite"));
    ok(&msox(&[
        "eml",
        "attachments",
        "--overwrite",
        s(&eml),
        s(&dir),
    ]));
}

#[test]
fn inspect_recognises_internet_messages_conservatively() {
    let text = ok(&msox(&["inspect", s(&vector_file("simple-text"))]));
    assert!(text.starts_with("eml — "), "{text}");
    for not in [
        &b"Subject: only one of the four\r\n\r\nbody"[..],
        b"From: a@b\r\nSubject: x\r\nthis line is not a header\r\n\r\n",
        b"hello world\r\nFrom: a@b\r\nDate: today\r\n",
        b"From: a@b\r\nDate: x\x00y\r\n",
    ] {
        let p = tmp("not.txt");
        std::fs::write(&p, not).unwrap();
        let o = msox(&["inspect", s(&p)]);
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(not));
    }
}

#[test]
fn corpus_messages() {
    let emls = msox_testkit::corpus::files("eml", &[".eml"]);
    if emls.is_empty() {
        return; // corpus absent (reported)
    }
    let mut converted = 0;
    for e in &emls {
        let j: Value = serde_json::from_str(&ok(&msox(&["eml", "dump", "--json", s(&e.path)])))
            .unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert!(!j["entities"].as_array().unwrap().is_empty(), "{}", e.file);
        let msg = tmp("corpus.msg");
        ok(&msox(&["eml", "to-msg", s(&e.path), s(&msg)]));
        let back = ok(&msox(&["eml", "from-msg", s(&msg), "-"]));
        assert!(back.contains("MIME-Version: 1.0"), "{}", e.file);
        converted += 1;
    }
    assert!(converted >= 30, "{converted}");
    // .msg files of the corpus to .eml
    for e in msox_testkit::corpus::files("msg", &[".msg"])
        .iter()
        .take(40)
    {
        let o = msox(&["eml", "from-msg", s(&e.path), "-"]);
        if e.notes.contains("not a CFB")
            || e.file.contains("bad_outlook")
            || e.file.contains("fuzz")
        {
            continue;
        }
        if read_ok(&o) {
            assert!(
                String::from_utf8_lossy(&o.stdout).contains("MIME-Version: 1.0"),
                "{}",
                e.file
            );
        } else {
            assert_eq!(o.status.code(), Some(1), "{}", e.file);
        }
    }
    // winmail.dat files to .eml, and their attachments
    for e in msox_testkit::corpus::files("tnef", &[".tnef", ".dat"])
        .iter()
        .take(20)
    {
        let o = msox(&["eml", "from-tnef", s(&e.path), "-"]);
        assert!(matches!(o.status.code(), Some(0 | 1 | 3)), "{}", e.file);
    }
}
