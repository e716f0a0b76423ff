//! `msox oxcrpc ...` and `msox inspect` on the [MS-OXCRPC] test vectors and
//! the OpenChange EcDoRpcExt2 captures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-oxcrpc-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn vector_file(name: &str) -> PathBuf {
    let v = msox_testkit::vector("oxcrpc", name);
    let p = tmp(&format!("{name}.bin"));
    std::fs::write(&p, &v.bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn decompress_and_compress_the_xca_example() {
    let v = msox_testkit::vector("oxcrpc", "lz77-xca-3.1-abc300");
    let input = vector_file("lz77-xca-3.1-abc300");
    let out = tmp("abc.out");
    ok(&msox(&[
        "oxcrpc",
        "decompress",
        s(&input),
        s(&out),
        "--size-actual",
        "300",
    ]));
    let data = std::fs::read(&out).unwrap();
    assert_eq!(
        data,
        msox_codec::hex::decode(v.meta("expect-data")).unwrap()
    );
    // to stdout by default
    let o = msox(&["oxcrpc", "decompress", s(&input)]);
    assert_eq!(o.stdout, data);
    // a SizeActual that disagrees: bad input, one line
    let o = msox(&["oxcrpc", "decompress", s(&input), "--size-actual", "299"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&o.stderr).lines().count(), 1);
    // our compressor writes the spec's bytes
    let z = tmp("abc.lz77");
    ok(&msox(&["oxcrpc", "compress", s(&out), s(&z)]));
    assert_eq!(std::fs::read(&z).unwrap(), v.bytes);
    // a corrupt stream: exit 1 with the offset
    let bad = vector_file("error-lz77-match-before-start");
    let o = msox(&["oxcrpc", "decompress", s(&bad)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("MatchOffset") && err.contains("at byte 4"),
        "{err}"
    );
}

#[test]
fn ext_buffer_segments_text_and_json() {
    let f = vector_file("ext-packed-compressed-then-plain");
    let text = ok(&msox(&["oxcrpc", "ext-buffer", s(&f)]));
    assert!(text.starts_with("extended buffer: 2 segments\n"), "{text}");
    assert!(text.contains("Flags: Compressed (0x0001)"), "{text}");
    assert!(text.contains("payloads joined: 304 bytes"), "{text}");
    let j: serde_json::Value =
        serde_json::from_str(&ok(&msox(&["oxcrpc", "ext-buffer", "--json", s(&f)]))).unwrap();
    let v = msox_testkit::vector("oxcrpc", "ext-packed-compressed-then-plain");
    let joined: String = j["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["payload"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(joined, v.meta("expect-joined"));
    assert_eq!(j["segments"][0]["size_actual"], 300);
    assert_eq!(j["segments"][1]["flags"][0], "Last");
}

#[test]
fn aux_buffer_blocks_are_typed() {
    let f = vector_file("auxbuffer-xor");
    let j: serde_json::Value = serde_json::from_str(&ok(&msox(&[
        "oxcrpc",
        "ext-buffer",
        "--aux",
        "--json",
        s(&f),
    ])))
    .unwrap();
    let blocks = j["segments"][0]["blocks"].as_array().unwrap();
    let names: Vec<&str> = blocks
        .iter()
        .map(|b| b["structure"].as_str().unwrap())
        .collect();
    assert_eq!(
        names.join(","),
        msox_testkit::vector("oxcrpc", "auxbuffer-xor").meta("expect-blocks")
    );
    assert_eq!(blocks[0]["fields"]["request_id"], 163);
    // every block of every version, the unknown ones as bytes
    let v = msox_testkit::vector("oxcrpc", "aux-every-block");
    let mut wrapped = vec![0, 0, 4, 0];
    let n = u16::try_from(v.bytes.len()).unwrap().to_le_bytes();
    wrapped.extend([n[0], n[1], n[0], n[1]]);
    wrapped.extend(&v.bytes);
    let p = tmp("every.bin");
    std::fs::write(&p, &wrapped).unwrap();
    let text = ok(&msox(&["oxcrpc", "ext-buffer", "--aux", s(&p)]));
    for name in v.meta("expect-blocks").split(',').filter(|n| *n != "raw") {
        assert!(text.contains(name), "{name} missing: {text}");
    }
    assert!(text.contains("SERVERTYPE_PRIVATE") || text.contains("server_type"));
}

#[test]
fn strict_refuses_what_lenient_reports() {
    let f = vector_file("error-ext-size-actual-mismatch");
    let o = msox(&["oxcrpc", "ext-buffer", s(&f)]);
    assert_eq!(o.status.code(), Some(3));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.starts_with("msox: defect: invalid SizeActual"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("raw (not read)"));
    let o = msox(&["--strict", "oxcrpc", "ext-buffer", s(&f)]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.trim_end(),
        "msox: invalid SizeActual 0xA at byte 6 in ExtendedBuffer > Segment[0]"
    );
}

#[test]
fn every_stub_vector_decodes() {
    for (method, file) in [
        ("connect-ex", "connectex"),
        ("rpc-ext2", "rpcext2"),
        ("async-connect-ex", "asyncconnectex"),
        ("disconnect", "disconnect"),
        ("async-wait", "asyncwaitex"),
    ] {
        for dir in ["request", "response"] {
            let f = vector_file(&format!("{file}-{dir}"));
            let text = ok(&msox(&["oxcrpc", "stub", method, dir, s(&f)]));
            assert!(text.contains(dir), "{text}");
            let j: serde_json::Value = serde_json::from_str(&ok(&msox(&[
                "oxcrpc",
                "stub",
                method,
                dir,
                "--json",
                s(&f),
            ])))
            .unwrap();
            assert!(j.is_object());
            assert!(j.get("padding").is_none() && j.get("layout").is_none());
        }
    }
    let f = vector_file("connectex-request");
    let j: serde_json::Value = serde_json::from_str(&ok(&msox(&[
        "oxcrpc",
        "stub",
        "connect-ex",
        "request",
        "--json",
        s(&f),
    ])))
    .unwrap();
    assert_eq!(j["sz_user_dn"], "/o=Org/cn=Recipients/cn=jane");
    let f = vector_file("rpcext2-request");
    let j: serde_json::Value = serde_json::from_str(&ok(&msox(&[
        "oxcrpc",
        "stub",
        "rpc-ext2",
        "request",
        "--json",
        s(&f),
    ])))
    .unwrap();
    assert_eq!(j["rgb_in"]["segments"][0]["payload"], "050001000078563412");
    // the wrong stub type for the bytes: bad input
    let o = msox(&[
        "oxcrpc",
        "stub",
        "rpc-ext2",
        "request",
        s(&vector_file("disconnect-request")),
    ]);
    assert_eq!(o.status.code(), Some(1));
    // an unknown method: usage
    let o = msox(&["oxcrpc", "stub", "bind", "request", s(&f)]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn inspect_recognises_buffers_and_requests() {
    let f = vector_file("ext-xor-single");
    let text = ok(&msox(&["inspect", s(&f)]));
    assert!(text.starts_with("oxcrpc-ext"), "{text}");
    let f = vector_file("rpcext2-request");
    let text = ok(&msox(&["inspect", s(&f)]));
    assert!(text.starts_with("oxcrpc-rpcext2"), "{text}");
    // a truncated buffer is not claimed
    let v = msox_testkit::vector("oxcrpc", "ext-xor-single");
    let p = tmp("cut.bin");
    std::fs::write(&p, &v.bytes[..v.bytes.len() - 1]).unwrap();
    let o = msox(&["inspect", s(&p)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown format"));
}

#[test]
fn openchange_captures() {
    let files = msox_testkit::corpus::files("rops", &["_comp.dat"]);
    if files.is_empty() {
        return; // corpus absent (reported)
    }
    for e in files {
        let expect_path = e
            .path
            .to_string_lossy()
            .replace(".dat", ".rgbIn-decompressed.bin");
        let expect = std::fs::read(&expect_path).unwrap();
        let j: serde_json::Value = serde_json::from_str(&ok(&msox(&[
            "oxcrpc",
            "stub",
            "rpc-ext2",
            "request",
            "--json",
            s(&e.path),
        ])))
        .unwrap();
        let payload = j["rgb_in"]["segments"][0]["payload"].as_str().unwrap();
        assert_eq!(payload, msox_codec::hex::encode(&expect), "{}", e.file);
        assert_eq!(
            j["rgb_aux_in"]["segments"][0]["blocks"][0]["structure"],
            "AUX_PERF_REQUESTID"
        );
        let text = ok(&msox(&["inspect", s(&e.path)]));
        assert!(text.starts_with("oxcrpc-rpcext2"), "{}: {text}", e.file);
    }
}
