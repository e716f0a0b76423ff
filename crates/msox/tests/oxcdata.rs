//! `msox oxcdata` on the test vectors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn msox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn hex_of(name: &str) -> String {
    msox_codec::hex::encode(&msox_testkit::vector("oxcdata", name).bytes)
}

fn stdout(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn entryid_prints_a_tree_and_json() {
    let out = stdout(&msox(&[
        "oxcdata",
        "entryid",
        &hex_of("handmade-entryid-wrapped"),
    ]));
    assert!(out.starts_with("WrappedEntryId\n"), "{out}");
    assert!(out.contains("Message EntryID"), "{out}");
    assert!(out.contains("eitLTPrivateMessage"), "{out}");
    let out = stdout(&msox(&[
        "oxcdata",
        "entryid",
        "--json",
        &hex_of("handmade-entryid-one-off-unicode"),
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["kind"], "One-Off EntryID");
    assert_eq!(
        v["entry_id"]["OneOff"]["email_address"]["Unicode"],
        "ann@example.com"
    );
    let out = stdout(&msox(&["oxcdata", "entryid", "11 22 33"]));
    assert!(out.starts_with("unrecognised EntryID"), "{out}");
}

#[test]
fn restriction_in_both_widths() {
    let out = stdout(&msox(&["oxcdata", "restriction", "02 08 1F 00 37 00"]));
    assert!(
        out.starts_with("NOT(EXIST(0x0037001F))\nRES_NOT\n"),
        "{out}"
    );
    let out = stdout(&msox(&[
        "oxcdata",
        "restriction",
        "--wide",
        &hex_of("handmade-restriction-every-type-extended"),
    ]));
    assert!(out.contains("RES_COUNT"), "{out}");
    // The 32-bit form read as 16-bit is an error: one line, exit 1.
    let o = msox(&[
        "oxcdata",
        "restriction",
        &hex_of("handmade-restriction-every-type-extended"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(
        err.starts_with("msox: ") && err.contains(" at byte "),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn row_with_columns() {
    let v = msox_testkit::vector("oxcdata", "handmade-flagged-property-row");
    let out = stdout(&msox(&[
        "oxcdata",
        "row",
        &msox_codec::hex::encode(&v.bytes),
        "--columns",
        v.meta("columns"),
    ]));
    assert!(out.starts_with("FlaggedPropertyRow\n"), "{out}");
    assert!(out.contains("error NotFound"), "{out}");
    assert!(out.contains("(not present)"), "{out}");
}

#[test]
fn error_codes_by_value_and_name() {
    let out = stdout(&msox(&["oxcdata", "error", "0x8004010F"]));
    assert_eq!(
        out,
        "NotFound 0x8004010F ([MS-OXCDATA] 2.4), also in 2.4.2\n"
    );
    let out = stdout(&msox(&["oxcdata", "error", "NotEnoughMemory"]));
    assert!(out.starts_with("OutOfMemory 0x8007000E"), "{out}");
    let out = stdout(&msox(&["oxcdata", "error", "0x12345678"]));
    assert!(out.contains("not in the error code tables"), "{out}");
    let o = msox(&["oxcdata", "error", "NoSuchName"]);
    assert_eq!(o.status.code(), Some(2));
    let o = msox(&["oxcdata", "entryid", "zz"]);
    assert_eq!(o.status.code(), Some(2));
}
