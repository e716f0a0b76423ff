//! `msox ics` / `msox vcf`: calendar items and contacts out to iCalendar /
//! vCard and back in as .msg.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

/// Exit 0, or exit 3 (defects: here what the conversion could not carry)
/// with the defects on stderr.
fn read_ok(o: &Output) -> bool {
    o.status.success()
        || (o.status.code() == Some(3)
            && String::from_utf8_lossy(&o.stderr).contains("msox: defect: "))
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-ics-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn corpus(path: &str) -> Option<PathBuf> {
    let p = msox_testkit::corpus::dir()?.join(path);
    p.exists().then_some(p)
}

#[test]
fn an_appointment_goes_to_ics_and_back_to_msg() {
    let Some(msg) = corpus("msg/hiraoka-Appointment_sample_EST.msg") else {
        assert!(std::env::var_os("CI").is_none(), "corpus missing under CI");
        eprintln!("skipped: no corpus");
        return;
    };
    let ics = tmp("a.ics");
    let o = msox(&["ics", "from", msg.to_str().unwrap(), ics.to_str().unwrap()]);
    assert!(read_ok(&o), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("BEGIN:VEVENT") && text.contains("SUMMARY:Appointment sample EST"));
    assert!(text.contains("DTSTART;TZID=Eastern Standard Time:20221204T080000"));
    let dir = tmp("ics-out");
    let o = msox(&[
        "ics",
        "to-msg",
        ics.to_str().unwrap(),
        dir.to_str().unwrap(),
        "--overwrite",
    ]);
    assert!(read_ok(&o), "{}", String::from_utf8_lossy(&o.stderr));
    let o = msox(&[
        "msg",
        "dump",
        "--summary",
        dir.join("1.msg").to_str().unwrap(),
    ]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("Appointment sample EST"));
}

#[test]
fn a_contact_goes_to_vcf_in_every_version() {
    let Some(msg) = corpus("msg/hughbe-Sample_Contact.msg") else {
        assert!(std::env::var_os("CI").is_none(), "corpus missing under CI");
        eprintln!("skipped: no corpus");
        return;
    };
    for v in ["2.1", "3.0", "4.0"] {
        let o = msox(&[
            "vcf",
            "from",
            msg.to_str().unwrap(),
            "-",
            "--vcard-version",
            v,
        ]);
        assert!(read_ok(&o), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains(&format!("VERSION:{v}")), "{text}");
        assert!(text.contains("TITLE:Title"), "{text}");
    }
    let o = msox(&[
        "vcf",
        "from",
        msg.to_str().unwrap(),
        "-",
        "--vcard-version",
        "5",
    ]);
    assert_eq!(o.status.code(), Some(2));
}
