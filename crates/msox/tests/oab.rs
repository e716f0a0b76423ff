//! `msox oab manifest` and `msox inspect` on the oab.xml test vectors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn msox(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn vector(name: &str) -> String {
    msox_testkit::workspace_root()
        .join("test-vectors/oxwoab")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn manifest_tree_json_and_write() {
    let f = vector("spec-4-example-first-oal.xml");
    let (code, out, _) = msox(&["oab", "manifest", &f]);
    assert_eq!(code, 0);
    assert!(out.starts_with("OAB: 1 address lists\n"), "{out}");
    assert!(
        out.contains(
            "Diff f867b9e0-d01e-43e3-8708-ba86a1c77dff-binpatch-2.lzx: seq 2 ver 32 size 132"
        ),
        "{out}"
    );
    let (code, out, _) = msox(&["oab", "manifest", "--json", &f]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["oals"][0]["name"], "\\All Rooms");
    assert_eq!(v["oals"][0]["sequence"], 2);
    assert_eq!(v["oals"][0]["files"][1]["langid"], "0409");
    let (code, out, _) = msox(&["oab", "manifest", "--write", &f]);
    assert_eq!(code, 0);
    let reread = ms_oxwoab::Manifest::parse(out.as_bytes()).unwrap();
    let original = ms_oxwoab::Manifest::parse(&std::fs::read(&f).unwrap()).unwrap();
    assert_eq!(reread, original);
}

#[test]
fn inspect_detects_the_manifest() {
    let (code, out, _) = msox(&[
        "inspect",
        &vector("handmade-unknown-attributes-and-elements.xml"),
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("oab-manifest — "), "{out}");
    assert!(out.contains("unknown element: <x:Trailer/>"), "{out}");
}

#[test]
fn a_broken_manifest_is_one_line_and_exit_1() {
    let dir = std::env::temp_dir().join(format!("msox-oab-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("oab.xml");
    std::fs::write(&f, "<OAB><OAL id='a' name='n'/></OAB>").unwrap();
    let (code, _, err) = msox(&["oab", "manifest", f.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "msox: OAL element has no dn attribute at byte 5 in OAB > OAL[0]\n"
    );
    std::fs::remove_dir_all(&dir).ok();
}
