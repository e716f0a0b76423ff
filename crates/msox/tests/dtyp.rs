//! `msox dtyp`: SIDs, security descriptors, GUIDs and FILETIMEs from the
//! shell, on the test vectors.
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

fn vector_hex(name: &str) -> String {
    msox_codec::hex::encode(&msox_testkit::vector("dtyp", name).bytes)
}

#[test]
fn sid_both_ways() {
    let (code, out, _) = msox(&["dtyp", "sid", "S-1-5-21-1-2-3-513"]);
    assert_eq!(code, 0);
    let hex = vector_hex("sid-2.4.2.4-domain-users-example");
    assert_eq!(
        out,
        format!("S-1-5-21-1-2-3-513\nhex: {hex}\nname: DOMAIN_USERS\n")
    );
    let (code, out, _) = msox(&["dtyp", "sid", &hex]);
    assert_eq!(code, 0);
    assert!(out.starts_with("S-1-5-21-1-2-3-513\n"), "{out}");
    let (code, out, _) = msox(&[
        "dtyp",
        "sid",
        "--json",
        &vector_hex("sid-2.4.2.1-hex-authority"),
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sid"], "S-1-0x123456789ABC-1-4294967295");
}

#[test]
fn bad_sid_is_one_line_and_exit_1() {
    let (code, _, err) = msox(&["dtyp", "sid", "S-1-5-01"]);
    assert_eq!(code, 1);
    assert_eq!(err.lines().count(), 1, "{err}");
    let (code, _, err) = msox(&[
        "dtyp",
        "sid",
        &vector_hex("error-sid-sixteen-sub-authorities"),
    ]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "msox: invalid SubAuthorityCount 0x10 at byte 1 in SID\n"
    );
    let (code, _, _) = msox(&["dtyp", "sid", "not hex"]);
    assert_eq!(code, 2);
}

#[test]
fn security_descriptor_tree_and_json() {
    let hex = vector_hex("sd-2.5.1.4-sddl-example");
    let (code, out, _) = msox(&["dtyp", "sd", &hex]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Control: 0xB014 DP | SP | PD | PS | SR"),
        "{out}"
    );
    assert!(out.contains("Sid: S-1-3-0 (CREATOR_OWNER)"), "{out}");
    let (code, out, _) = msox(&["dtyp", "sd", "--json", &hex]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["owner"]["name"], "BUILTIN_ADMINISTRATORS");
    assert_eq!(v["offsets"]["dacl"], 0x30);
    assert_eq!(v["dacl"]["aces"][0]["mask"], "0xA0000000");
    assert_eq!(v["sacl"]["aces"][0]["type"], "SYSTEM_AUDIT_ACE_TYPE");
    // A non-canonical layout shows its stray bytes.
    let (code, out, _) = msox(&["dtyp", "sd", &vector_hex("sd-2.4.6-owner-group-gap-dacl")]);
    assert_eq!(code, 0);
    assert!(out.contains("unused bytes at 48: aabbccdd"), "{out}");
    // Overlapping parts: exit 1 with the offsets.
    let (code, _, err) = msox(&["dtyp", "sd", &vector_hex("error-sd-overlapping-parts")]);
    assert_eq!(code, 1);
    assert!(err.contains("overlaps OwnerSid"), "{err}");
}

#[test]
fn guid_and_filetime() {
    let (code, out, _) = msox(&["dtyp", "guid", "{f81d4fae-7dec-11d0-a765-00a0c91e6bf6}"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "{{F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6}}\nhex: {}\n",
            vector_hex("guid-2.3.4.3-rfc4122-example")
        )
    );
    let (code, out, _) = msox(&["dtyp", "filetime", "116444736000000000"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("1970-01-01T00:00:00Z\n"), "{out}");
    assert!(
        out.contains(&vector_hex("filetime-2.3.3-unix-epoch")),
        "{out}"
    );
    let (code, _, _) = msox(&["dtyp", "filetime", "soon"]);
    assert_eq!(code, 2);
    let (code, out, _) = msox(&[
        "dtyp",
        "systemtime",
        &vector_hex("systemtime-2.3.13-leap-day"),
    ]);
    assert_eq!(code, 0);
    assert!(out.starts_with("2024-02-29T23:59:58.123Z\n"), "{out}");
}
