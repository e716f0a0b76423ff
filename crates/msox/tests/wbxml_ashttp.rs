//! `msox wbxml` and `msox ashttp` on the test vectors.
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

#[test]
fn wbxml_decode_encode_and_inspect() {
    let v = msox_testkit::vector("aswbxml", "ascmd-4.9.1-getitemestimate-request");
    let dir = std::env::temp_dir().join(format!("msox-wbxml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let wb = dir.join("in.wbxml");
    std::fs::write(&wb, &v.bytes).unwrap();
    let out = msox(&["wbxml", "decode", wb.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = String::from_utf8(out.stdout).unwrap();
    assert!(
        xml.contains("<SyncKey xmlns=\"AirSync\">785971245</SyncKey>"),
        "{xml}"
    );
    let x = dir.join("out.xml");
    std::fs::write(&x, &xml).unwrap();
    let back = dir.join("back.wbxml");
    let out = msox(&[
        "wbxml",
        "encode",
        x.to_str().unwrap(),
        back.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(std::fs::read(&back).unwrap(), v.bytes);
    let out = msox(&["wbxml", "decode", "--canonical", wb.to_str().unwrap()]);
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("GetItemEstimate:GetItemEstimate\n")
    );
    let out = msox(&["inspect", wb.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("wbxml"), "{text}");
    assert!(text.contains("GetItemEstimate:Collection"), "{text}");
    // bad input: exit 1 with one line
    std::fs::write(&wb, [3, 1, 106, 0, 0x45]).unwrap();
    let out = msox(&["wbxml", "decode", "--strict", wb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn ashttp_decode_and_encode() {
    let out = msox(&["ashttp", "decode", "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["command"], "Sync");
    assert_eq!(v["device_type"], "SmartPhone");
    let out = msox(&[
        "ashttp",
        "encode",
        "--protocol-version",
        "14.0",
        "--cmd",
        "Sync",
        "--device-id",
        "v140Device",
        "--device-type",
        "SmartPhone",
    ]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "jAAJBAp2MTQwRGV2aWNlAApTbWFydFBob25l"
    );
    let out = msox(&[
        "ashttp",
        "encode",
        "--cmd",
        "Sync",
        "--device-id",
        "d",
        "--device-type",
        "t",
        "--param",
        "Bogus=1",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
