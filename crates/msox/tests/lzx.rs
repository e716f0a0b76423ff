//! `msox lzx ...`, `msox patch ...`, `msox mszip ...` and `msox inspect`
//! on LZXD files, run as a binary on the test vectors.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn msox(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_msox"))
        .args(args)
        .output()
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("msox-lzx-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

fn s(p: &std::path::Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn lzx_decompress_vector_and_round_trip() {
    let v = msox_testkit::vector("patch", "lzxd-file-text");
    let input = tmp("v.lzx");
    std::fs::write(&input, &v.bytes).unwrap();
    let out = tmp("v.txt");
    let o = msox(&["lzx", "decompress", s(&input), s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&out).unwrap(), v.meta("expect").as_bytes());
    for level in ["1", "9"] {
        let z = tmp("again.lzx");
        let back = tmp("again.txt");
        assert!(
            msox(&["lzx", "compress", s(&out), s(&z), "--level", level])
                .status
                .success()
        );
        assert!(
            msox(&["lzx", "decompress", s(&z), s(&back)])
                .status
                .success()
        );
        assert_eq!(std::fs::read(&back).unwrap(), std::fs::read(&out).unwrap());
    }
    let o = msox(&["inspect", s(&input)]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("LZX_HDR") && text.contains("CRC check: ok"),
        "{text}"
    );
}

/// `msox lzx decompress FILE` reads the file block by block; from stdin it
/// is read whole: both report the same output, defects, errors and exit
/// codes.
#[test]
fn file_and_stdin_decompress_alike() {
    let data = b"one block after another, ".repeat(20_000);
    let plain = tmp("alike.txt");
    std::fs::write(&plain, &data).unwrap();
    let z = tmp("alike.lzx");
    assert!(
        msox(&["lzx", "compress", s(&plain), s(&z)])
            .status
            .success()
    );
    let good = std::fs::read(&z).unwrap();
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"extra");
    let truncated = good[..good.len() - 7].to_vec();
    let mut bad_crc = good.clone();
    bad_crc[16 + 12] ^= 1; // the first block's ulCRC
    let mut patch = good.clone();
    patch[4] = 2; // version 3.2: an LZX DELTA patch
    for (name, bytes, code) in [
        ("good", &good, 0),
        ("trailing", &trailing, 3),
        ("truncated", &truncated, 1),
        ("bad-crc", &bad_crc, 3),
        ("patch", &patch, 1),
    ] {
        let input = tmp(&format!("alike-{name}.lzx"));
        std::fs::write(&input, bytes).unwrap();
        let from_file = msox(&["lzx", "decompress", s(&input), "-"]);
        let mut child = Command::new(env!("CARGO_BIN_EXE_msox"))
            .args(["lzx", "decompress", "-", "-"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feed = bytes.clone();
        let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &feed));
        let from_stdin = child.wait_with_output().unwrap();
        let _ = writer.join();
        assert_eq!(from_file.status.code(), Some(code), "{name}");
        assert_eq!(from_stdin.status.code(), Some(code), "{name}");
        assert_eq!(from_file.stderr, from_stdin.stderr, "{name}");
        assert!(from_file.stdout == from_stdin.stdout, "{name}");
        if code != 1 {
            assert!(from_file.stdout == data, "{name}");
        }
    }
}

#[test]
fn bare_stream_needs_size_and_spec_example_decodes() {
    let v = msox_testkit::vector("patch", "spec-3-uncompressed-abc");
    let input = tmp("abc.lzxd");
    std::fs::write(&input, &v.bytes).unwrap();
    let out = tmp("abc.txt");
    // not an LZXD file and no --size: bad input (exit 1), with a hint
    let o = msox(&["lzx", "decompress", s(&input), s(&out)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--size"));
    let o = msox(&[
        "lzx",
        "decompress",
        s(&input),
        s(&out),
        "--size",
        "3",
        "--window",
        "17",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&out).unwrap(), b"abc");
}

#[test]
fn patch_create_and_apply() {
    let v = msox_testkit::vector("patch", "patch-text");
    let old = tmp("old.txt");
    let new = tmp("new.txt");
    std::fs::write(&old, v.meta("base")).unwrap();
    std::fs::write(&new, v.meta("expect")).unwrap();
    let p = tmp("p.patch");
    let out = tmp("out.txt");
    assert!(
        msox(&["patch", "create", s(&old), s(&new), s(&p)])
            .status
            .success()
    );
    let o = msox(&["patch", "apply", s(&old), s(&p), s(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read(&out).unwrap(), v.meta("expect").as_bytes());
    // The vector's own patch applies too (its header CRCs leave out 12
    // bytes, so in lenient mode they are defects: exit 3); a wrong base
    // fails with exit 1.
    std::fs::write(&p, &v.bytes).unwrap();
    let o = msox(&["patch", "apply", s(&old), s(&p), s(&out)]);
    assert!(
        matches!(o.status.code(), Some(0 | 3)),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(std::fs::read(&out).unwrap(), v.meta("expect").as_bytes());
    let o = msox(&["patch", "apply", s(&new), s(&p), s(&out)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn mszip_round_trip() {
    let input = tmp("m.txt");
    std::fs::write(&input, b"MSZIP MSZIP MSZIP ".repeat(5000)).unwrap();
    let z = tmp("m.ck");
    let back = tmp("m.back");
    assert!(
        msox(&["mszip", "compress", s(&input), s(&z)])
            .status
            .success()
    );
    assert_eq!(&std::fs::read(&z).unwrap()[..2], b"CK");
    assert!(
        msox(&["mszip", "decompress", s(&z), s(&back)])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read(&back).unwrap(),
        std::fs::read(&input).unwrap()
    );
    let o = msox(&["mszip", "decompress", s(&input), s(&back)]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn inspect_cabinet_from_the_corpus() {
    let Some(dir) = msox_testkit::corpus::dir() else {
        return;
    };
    let cab = dir.join("lzx/libmspack-normal_2files_2folders.cab");
    let o = msox(&["inspect", cab.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        text.contains("typeCompress: LZX:18") && text.contains("uncompressed size: 51"),
        "{text}"
    );
    assert!(
        text.contains("typeCompress: MSZIP") && text.contains("uncompressed size: 67"),
        "{text}"
    );
}
