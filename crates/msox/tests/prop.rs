//! `msox prop find|list`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::process::Command;

fn msox(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn find_by_alternate_name_tag_and_lid() {
    for q in ["PR_SUBJECT_W", "0x0037001F", "pidtagsubject"] {
        let out = msox(&["prop", "find", q]);
        assert_eq!(out.status.code(), Some(0), "{q}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("PidTagSubject\t0x0037001F"));
    }
    let out = msox(&["prop", "find", "PSETID_Appointment:0x820D", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["canonical_name"], "PidLidAppointmentStartWhole");
}

#[test]
fn unknown_property_is_exit_1() {
    let out = msox(&["prop", "find", "PidTagNoSuchThing"]);
    assert_eq!(out.status.code(), Some(1));
}
