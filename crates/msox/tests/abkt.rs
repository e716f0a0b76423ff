//! `msox abkt FILE [--json] [--encoding E] [--script]` and `msox inspect`
//! on address book templates (the vectors in test-vectors/oxoabkt).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::PathBuf;
use std::process::Command;

fn msox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn vector_file(name: &str) -> PathBuf {
    let v = msox_testkit::vector("oxoabkt", name);
    let p = std::env::temp_dir().join(format!("msox-test-{}-{name}.abkt", std::process::id()));
    std::fs::write(&p, &v.bytes).unwrap();
    p
}

#[test]
fn prints_controls_with_types_flags_properties_and_strings() {
    let p = vector_file("handmade-unicode-page-and-text-box");
    let out = msox(&["abkt", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("strings: UTF-16LE"), "{text}");
    assert!(
        text.contains("[0] DTCT_PAGE at (0, 0) size 0x0 \"General\""),
        "{text}"
    );
    assert!(
        text.contains(
            "[1] DTCT_EDIT at (77, 13) size 100x12 flags DT_EDITABLE | DT_ACCEPT_DBCS property PidTagDisplayName (0x3001001E) max 256 \"*\""
        ),
        "{text}"
    );
    let out = msox(&["inspect", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("abkt"));
    std::fs::remove_file(p).unwrap();
}

#[test]
fn json_with_a_code_page() {
    let p = vector_file("handmade-cp1252-shared-string");
    let out = msox(&["abkt", "--json", "--encoding", "1252", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["encoding"], "code page 1252");
    assert_eq!(v["rows"][2]["string"], "Caf\u{e9} &notes:");
    assert_eq!(v["rows"][4]["string"], serde_json::Value::Null);
    assert_eq!(v["rows"][4]["control_type"], "DTCT_MVDDLBX");
    assert_eq!(v["rows"][1]["property"]["name"], "PidTagAccount");
    std::fs::remove_file(p).unwrap();
}

#[test]
fn script_data() {
    let p = vector_file("handmade-script-emit-halt");
    let out = msox(&["abkt", "--script", "--json", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["instructions"].as_array().unwrap().len(), 3);
    assert_eq!(v["decoded"][0]["opcode"], "EmitString");
    assert_eq!(v["decoded"][0]["operands"][0], 16);
    assert_eq!(v["decoded"][1]["opcode"], "Halt");
    let out = msox(&["abkt", "--script", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[0]: EmitString 0x00000010"), "{text}");
    assert!(text.contains("[2]: Halt"), "{text}");
    std::fs::remove_file(p).unwrap();
}

#[test]
fn bad_offset_is_exit_1_and_bad_encoding_exit_2() {
    let p = vector_file("error-ulstring-outside");
    let out = msox(&["abkt", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ulString"));
    let out = msox(&["abkt", "--encoding", "nonsense", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    std::fs::remove_file(p).unwrap();
}

#[test]
fn spec_example_rows() {
    // Row0 and Row1 of the [MS-OXOABKT] section 4 NspiGetTemplateInfo
    // example (code page 1252): a page whose flags 0x00000CE4 are shown raw,
    // then the "Name" group box.
    let p = vector_file("spec-example-get-template-info-rows-0-1");
    let out = msox(&["abkt", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("strings: code page 1252"), "{text}");
    assert!(
        text.contains("[0] DTCT_PAGE at (0, 0) size 0x0 flags 0x00000CE4 \"General\""),
        "{text}"
    );
    assert!(
        text.contains("[1] DTCT_GROUPBOX at (6, 3) size 359x41 \"Name\""),
        "{text}"
    );
    std::fs::remove_file(p).unwrap();
}
