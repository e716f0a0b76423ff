//! `msox rops decode` on the [MS-OXCROPS] test vectors, the spec examples
//! of the corpus and the OpenChange rgbIn buffers.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::{Command, Output};

use serde_json::Value;

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
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
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(&msox(args))).unwrap()
}

fn path(spec: &str, name: &str) -> String {
    msox_testkit::workspace_root()
        .join("test-vectors")
        .join(spec)
        .join(format!("{name}.hex"))
        .to_string_lossy()
        .into_owned()
}

/// The RopId of a vector's name (`oxcfold-4.1.1-RopCreateFolder`).
fn rop_of(name: &str) -> &str {
    name.rsplit('-')
        .find(|p| p.starts_with("Rop"))
        .unwrap_or_default()
}

#[test]
fn every_rop_vector_decodes_and_names_its_rop() {
    let mut n = 0;
    for v in msox_testkit::vectors("oxcrops") {
        if v.expected_error.is_some() {
            continue;
        }
        let p = path("oxcrops", &v.name);
        let args: Vec<&str> = match v.meta("type") {
            "request" => vec!["rops", "decode", "--bare", "--json", &p],
            "response" => vec!["rops", "decode", "--bare", "--response", "--json", &p],
            "request-buffer" => vec!["rops", "decode", "--json", &p],
            _ => vec!["rops", "decode", "--response", "--json", &p],
        };
        let j = json(&args);
        let rops = j["rops"].as_array().unwrap();
        let rop = rop_of(&v.name);
        if !rop.is_empty() {
            assert!(
                rops.iter()
                    .any(|r| r["rop"].as_str().unwrap().starts_with(rop)),
                "{}: {j}",
                v.name
            );
        }
        if let Some(expect) = v.meta.get("rops") {
            let got: Vec<&str> = rops.iter().map(|r| r["rop"].as_str().unwrap()).collect();
            assert_eq!(got.join(","), *expect, "{}", v.name);
        }
        n += 1;
    }
    assert!(n >= 25, "{n}");
}

#[test]
fn fields_are_named_and_typed() {
    let j = json(&[
        "rops",
        "decode",
        "--bare",
        "--json",
        &path("oxcrops", "oxctabl-4.2.1-RopSetColumns"),
    ]);
    let f = &j["rops"][0]["fields"];
    assert_eq!(f["property_tags"][0]["name"], "PidTagFolderId");
    assert_eq!(f["property_tags"][4]["tag"], "0x0037001F");
    let text = ok(&msox(&[
        "rops",
        "decode",
        "--bare",
        &path("oxcrops", "oxcfold-4.1.1-RopCreateFolder"),
    ]));
    assert!(
        text.starts_with("ROP requests: 1 ROP\n└─ [0]: RopCreateFolder"),
        "{text}"
    );
    assert!(text.contains("Folder1"), "{text}");
    // hex on the command line
    let v = msox_testkit::vector("oxcrops", "oxcfold-4.1.2-RopCreateFolder");
    let j = json(&[
        "rops",
        "decode",
        "--bare",
        "--response",
        "--json",
        &msox_codec::hex::encode(&v.bytes),
    ]);
    assert_eq!(j["rops"][0]["fields"]["folder_id"]["replica_id"], 1);
}

#[test]
fn responses_laid_out_by_their_request() {
    let req = path("oxcrops", "oxorule-4.2.1-rules-table-request");
    let resp = path("oxcrops", "oxorule-4.2.2-rules-table-response");
    let j = json(&[
        "rops",
        "decode",
        "--response",
        "--request-file",
        &req,
        "--json",
        &resp,
    ]);
    assert_eq!(j["handles"][1], "0x00000224");
    let rows = &j["rops"][2]["fields"]["rows"]["Decoded"];
    assert_eq!(rows["columns"][2]["name"], "PidTagRuleName");
    assert_eq!(rows["rows"][0]["Standard"][2]["String"], "Project X");
    // without the request the rows stay bytes, with a defect on stderr
    let o = msox(&["rops", "decode", "--response", "--json", &resp]);
    let j: Value = serde_json::from_str(&ok(&o)).unwrap();
    assert!(
        j["rops"][2]["fields"]["rows"]["Undecoded"].is_object(),
        "{j}"
    );
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("msox: defect: "));
    // and strictly it is an error
    let o = msox(&["--strict", "rops", "decode", "--response", &resp]);
    assert_eq!(o.status.code(), Some(1));
    // --request-file needs --response
    let o = msox(&["rops", "decode", "--request-file", &req, &resp]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn error_vectors() {
    for v in msox_testkit::vectors("oxcrops") {
        let Some(e) = &v.expected_error else { continue };
        let p = path("oxcrops", &v.name);
        let mut args = vec!["rops", "decode", &p];
        if v.meta("type") == "response-buffer" {
            args.push("--response");
        }
        let mut strict = vec!["--strict"];
        strict.extend(&args);
        let o = msox(&strict);
        assert_eq!(o.status.code(), Some(1), "{}", v.name);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        if let Some(off) = e.offset {
            assert!(
                err.contains(&format!(" at byte {off}")),
                "{}: {err}",
                v.name
            );
        }
        if e.mode == "lenient" {
            let o = msox(&args);
            assert_eq!(o.status.code(), Some(3), "{}", v.name);
            assert!(String::from_utf8_lossy(&o.stderr).starts_with("msox: defect: "));
            assert!(String::from_utf8_lossy(&o.stdout).contains("unread bytes"));
        }
    }
}

#[test]
fn extended_buffers_are_unwrapped() {
    let j = json(&[
        "rops",
        "decode",
        "--json",
        &path("oxcrpc", "ext-plain-single"),
    ]);
    assert_eq!(j["rops"][0]["rop"], "RopRelease");
    assert_eq!(j["handles"][0], "0x12345678");
    // a compressed and obfuscated one too
    let j = json(&[
        "rops",
        "decode",
        "--json",
        &path("oxcrpc", "ext-xor-single"),
    ]);
    assert_eq!(j["rops"][0]["rop"], "RopRelease");
}

#[test]
fn corpus_buffers() {
    let files = msox_testkit::corpus::files("rops", &[".bin"]);
    if files.is_empty() {
        return; // corpus absent (reported)
    }
    let mut n = 0;
    for e in files {
        let p = e.path.to_str().unwrap();
        if e.file.ends_with("rgbIn-decompressed.bin") {
            let j = json(&["rops", "decode", "--json", p]);
            assert!(!j["rops"].as_array().unwrap().is_empty(), "{}", e.file);
            n += 1;
            continue;
        }
        // spec/: bare ROPs; the .txt beside says request or response
        let txt = std::fs::read_to_string(e.path.with_extension("txt")).unwrap_or_default();
        let rop_line = txt
            .lines()
            .find_map(|l| l.strip_prefix("rop: "))
            .unwrap_or_default()
            .to_string();
        let mut args = vec!["rops", "decode", "--bare", "--json", p];
        if rop_line.contains("response") {
            args.push("--response");
        }
        let o = msox(&args);
        let j: Value = serde_json::from_str(&ok(&o)).unwrap();
        let name = rop_line.split(' ').next().unwrap_or_default();
        assert!(
            j["rops"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["rop"].as_str().unwrap().starts_with(name)),
            "{}: {rop_line}: {j}",
            e.file
        );
        n += 1;
    }
    assert!(n >= 20, "{n}");
}
