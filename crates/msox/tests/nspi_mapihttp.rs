//! `msox nspi decode` and `msox mapihttp decode|stream` on the
//! [MS-OXNSPI] and [MS-OXCMAPIHTTP] test vectors.
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

/// `NspiQueryRowsResponse` -> (`NspiQueryRows`, `--response`).
fn split_type(t: &str) -> Option<(&str, &str)> {
    if let Some(m) = t.strip_suffix("Request") {
        return Some((m, "--request"));
    }
    t.strip_suffix("Response").map(|m| (m, "--response"))
}

#[test]
fn every_nspi_method_vector_decodes() {
    let mut n = 0;
    for v in msox_testkit::vectors("oxnspi") {
        let Some(t) = v.meta.get("type") else {
            continue;
        };
        let Some((method, dir)) = split_type(t) else {
            continue;
        };
        let p = path("oxnspi", &v.name);
        if v.meta.contains_key("disagreement") {
            // impacket lays these out against the IDL: read leniently at
            // best, never a crash
            let o = msox(&["nspi", "decode", "--method", method, dir, &p]);
            assert!(matches!(o.status.code(), Some(0 | 1 | 3)), "{}", v.name);
            continue;
        }
        let text = ok(&msox(&["nspi", "decode", "--method", method, dir, &p]));
        assert!(
            text.to_lowercase().starts_with(&method.to_lowercase()),
            "{text}"
        );
        let j = json(&["nspi", "decode", "--method", method, dir, "--json", &p]);
        assert!(j.is_object(), "{}", v.name);
        n += 1;
    }
    assert!(n >= 20, "{n}");
}

#[test]
fn nspi_values_are_named() {
    let p = path("oxnspi", "peer-nspi-query-rows-response");
    let j = json(&[
        "nspi",
        "decode",
        "--method",
        "queryrows",
        "--response",
        "--json",
        &p,
    ]);
    assert_eq!(j["return_value"], "Success");
    let v = &j["rows"]["rows"][0]["values"][0];
    assert_eq!(v["prop_tag"]["name"], "PidTagDisplayName");
    assert_eq!(v["prop_tag"]["tag"], "0x3001001F");
    assert_eq!(v["value"]["String"], "Alice");
    assert_eq!(
        j["rows"]["rows"][0]["values"][2]["value"]["Binary"],
        "0000000087"
    );
    assert_eq!(j["stat"]["code_page"], 1252);
    let text = ok(&msox(&[
        "nspi",
        "decode",
        "--method",
        "NspiQueryRows",
        "--response",
        &p,
    ]));
    assert!(
        text.contains("prop_tag: PidTagDisplayName (0x3001001F)"),
        "{text}"
    );
    let p = path("oxnspi", "peer-rfr-get-new-dsa-request");
    let j = json(&[
        "nspi",
        "decode",
        "--method",
        "RfrGetNewDSA",
        "--request",
        "--json",
        &p,
    ]);
    assert_eq!(j["user_dn"], "/o=Org/ou=Site/cn=Recipients/cn=alice");
}

#[test]
fn nspi_usage_and_bad_input() {
    let p = path("oxnspi", "peer-nspi-bind-request");
    assert_eq!(
        msox(&[
            "nspi",
            "decode",
            "--method",
            "NspiFrobnicate",
            "--request",
            &p
        ])
        .status
        .code(),
        Some(2)
    );
    // neither --request nor --response
    assert_eq!(
        msox(&["nspi", "decode", "--method", "bind", &p])
            .status
            .code(),
        Some(2)
    );
    // a request read as the wrong method: bad input, one line
    let o = msox(&[
        "--strict",
        "nspi",
        "decode",
        "--method",
        "queryrows",
        "--request",
        &p,
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("NspiQueryRows"), "{err}");
}

#[test]
fn every_mapihttp_body_vector_decodes() {
    let mut n = 0;
    for v in msox_testkit::vectors("oxcmapihttp") {
        let Some((t, dir)) = v.meta.get("type").and_then(|t| split_type(t)) else {
            continue;
        };
        let p = path("oxcmapihttp", &v.name);
        ok(&msox(&["mapihttp", "decode", "--type", t, dir, &p]));
        let j = json(&["mapihttp", "decode", "--type", t, dir, "--json", &p]);
        assert!(j.is_object(), "{}", v.name);
        n += 1;
    }
    assert!(n >= 12, "{n}");
    let j = json(&[
        "mapihttp",
        "decode",
        "--type",
        "getprops",
        "--response",
        "--json",
        &path("oxcmapihttp", "get-props-response"),
    ]);
    let s = &j["Success"];
    assert_eq!(s["error_code"], "Success");
    assert_eq!(s["property_values"][0]["tag"]["name"], "PidTagDisplayName");
    let j = json(&[
        "mapihttp",
        "decode",
        "--type",
        "Bind",
        "--response",
        "--json",
        &path("oxcmapihttp", "bind-failure-response"),
    ]);
    assert!(j["Failure"]["status_code"].as_u64().unwrap() != 0);
    assert_eq!(
        msox(&["mapihttp", "decode", "--type", "Frob", "--request", "x"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn response_streams_plain_and_chunked() {
    let p = path("oxcmapihttp", "spec-4.2-execute-chunked-response");
    let j = json(&[
        "mapihttp",
        "stream",
        "--chunked",
        "--type",
        "Execute",
        "--json",
        &p,
    ]);
    let events: Vec<&str> = j["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        [
            "meta-tag",
            "meta-tag",
            "meta-tag",
            "header",
            "header",
            "header",
            "headers-end",
            "body"
        ]
    );
    assert_eq!(j["events"][2]["tag"], "DONE");
    assert_eq!(j["events"][4]["name"], "X-ElapsedTime");
    assert_eq!(j["response"]["Failure"]["status_code"], 1);
    let text = ok(&msox(&["mapihttp", "stream", "--chunked", &p]));
    assert!(text.contains("├─ PENDING\n"), "{text}");
    assert!(text.contains("X-ElapsedTime: 15"), "{text}");
    // the same stream without --chunked is not a response stream
    let o = msox(&["--strict", "mapihttp", "stream", &p]);
    assert_eq!(o.status.code(), Some(1));
    // the de-chunked bytes read without --chunked
    let v = msox_testkit::vector("oxcmapihttp", "spec-4.2-execute-chunked-response");
    let raw = String::from_utf8_lossy(&v.bytes).to_string();
    let mut plain = Vec::new();
    let mut rest = raw.as_str();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(size, 16).unwrap();
        if n == 0 {
            break;
        }
        plain.extend_from_slice(&tail.as_bytes()[..n]);
        rest = &tail[n + 2..];
    }
    let dir = std::env::temp_dir().join(format!("msox-mapihttp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("stream.bin");
    std::fs::write(&f, &plain).unwrap();
    let j2 = json(&["mapihttp", "stream", "--json", f.to_str().unwrap()]);
    assert_eq!(j2["events"], j["events"]);
    // cut inside a chunk: bad input
    let cut = dir.join("cut.bin");
    std::fs::write(&cut, &v.bytes[..v.bytes.len() - 7]).unwrap();
    let o = msox(&["mapihttp", "stream", "--chunked", cut.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}
