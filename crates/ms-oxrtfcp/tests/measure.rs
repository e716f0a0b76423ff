//! Speed against the crates.io `compressed-rtf` crate (=1.0.1, Microsoft's),
//! in-process, on the inputs of the issue "Performance to the limit".
//! Ignored: run in release mode,
//!
//! ```text
//! MSOX_BENCH_DIR=/tmp/bp cargo test -p ms-oxrtfcp --release --test measure -- --ignored --nocapture
//! ```
//!
//! Inputs: (a) "corpus": the RTF files of `rtfex/` in the corpus repeated
//! to 8 MiB (as the criterion bench; very repetitive); (b) "generated":
//! `big.rtf` of `scripts/bench-peers.sh` in `MSOX_BENCH_DIR` (16 MB of
//! random words between RTF control words), or, without it, 16 MB made
//! the same way here. Compression is measured on the first 2 MiB of each
//! (the crate's compressor takes ~1 s per MiB).
//!
//! Each round runs both, in turn (the order rotating); the table gives
//! the fastest and the median round of each, and the ratio peer / ours
//! (> 1: ours is faster). `MEASURE_ROUNDS` sets the rounds (default 9;
//! compression: a third of them, at least 3).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::time::Duration;

use msox_codec::{CountingSink, Options};
use msox_testkit::measure::{race, vm_hwm_kib};

/// The corpus's RTF files, NULs removed (the crate stops at a NUL),
/// repeated to `size` bytes.
fn corpus_rtf(size: usize) -> Option<Vec<u8>> {
    let dir = msox_testkit::workspace_root().join("../shared/corpus/rtfex");
    let mut parts = Vec::new();
    for sub in ["msgreader", "rtf_parsing", "html", "plain_text"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(sub)) {
            let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            files.sort();
            for p in files {
                if p.extension().and_then(|x| x.to_str()) == Some("rtf") {
                    parts.push(std::fs::read(p).unwrap());
                }
            }
        }
    }
    if parts.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(size + 65536);
    'fill: loop {
        for p in &parts {
            out.extend(p.iter().copied().filter(|&b| b != 0));
            if out.len() >= size {
                break 'fill;
            }
        }
    }
    out.truncate(size);
    Some(out)
}

/// 16 MB of RTF paragraphs of random words (what bench-peers.sh writes,
/// with another random generator).
fn generated_rtf() -> Vec<u8> {
    if let Some(dir) = std::env::var_os("MSOX_BENCH_DIR")
        && let Ok(b) = std::fs::read(std::path::Path::new(&dir).join("big.rtf"))
    {
        return b;
    }
    let words: Vec<&str> = "the quick brown fox jumps over lazy dog Exchange message body table \
        row cell font meeting schedule agenda attachment forwarded regards"
        .split(' ')
        .collect();
    let mut x = 7u64;
    let mut next = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut out = b"{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss Arial;}{\\f1\\fmodern Courier New;}}\r\n{\\colortbl;\\red0\\green0\\blue0;}\r\n".to_vec();
    while out.len() < 16_000_000 {
        let f = next(2);
        let fs = [18, 20, 24][next(3) as usize];
        out.extend_from_slice(format!("\\pard\\plain\\f{f}\\fs{fs} ").as_bytes());
        let n = 5 + next(16);
        for i in 0..n {
            if i > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(words[next(words.len() as u64) as usize].as_bytes());
        }
        out.extend_from_slice(b"\\par\r\n");
    }
    out.extend_from_slice(b"}\r\n");
    out
}

fn report(name: &str, mb: f64, ours: (Duration, Duration), peer: (Duration, Duration)) {
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "{name:<32} ours {:>8.2} ms ({:>6.0} MB/s)  compressed-rtf {:>9.2} ms ({:>5.1} MB/s)  ratio min {:.2}x  median {:.2}x",
        s(ours.0) * 1e3,
        mb / s(ours.0),
        s(peer.0) * 1e3,
        mb / s(peer.0),
        s(peer.0) / s(ours.0),
        s(peer.1) / s(ours.1),
    );
}

#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn lzfu_vs_compressed_rtf() {
    let rounds: usize = std::env::var("MEASURE_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(9);
    let mut inputs = Vec::new();
    if let Some(c) = corpus_rtf(8 << 20) {
        inputs.push(("corpus 8 MiB", c));
    }
    inputs.push(("generated 16 MB", generated_rtf()));
    let opts = Options::default();
    for (name, raw) in &inputs {
        let stream = ms_oxrtfcp::compress(raw).unwrap();
        let peer: Vec<u8> = compressed_rtf::decompress_rtf(&stream)
            .unwrap()
            .chars()
            .map(|c| c as u32 as u8)
            .collect();
        assert!(peer == *raw);
        assert!(ms_oxrtfcp::decompress(&stream, &opts).unwrap().value.data == *raw);
        let mb = raw.len() as f64 / 1e6;
        let t = race(
            rounds,
            &mut [
                &mut || {
                    black_box(ms_oxrtfcp::decompress(&stream, &opts).unwrap());
                },
                &mut || {
                    black_box(compressed_rtf::decompress_rtf(&stream).unwrap());
                },
            ],
        );
        report(&format!("decompress {name}"), mb, t[0], t[1]);
        let t = race(
            rounds,
            &mut [
                &mut || {
                    let mut n = CountingSink::default();
                    ms_oxrtfcp::decompress_to(&stream, &opts, &mut n).unwrap();
                    black_box(n);
                },
                &mut || {
                    black_box(compressed_rtf::decompress_rtf(&stream).unwrap());
                },
            ],
        );
        report(&format!("decompress {name}, streamed"), mb, t[0], t[1]);
        // ASCII only: the crate's compressor takes a &str.
        let part: Vec<u8> = raw[..raw.len().min(2 << 20)]
            .iter()
            .map(|&b| if b < 0x80 { b } else { b'?' })
            .collect();
        let part = &part[..];
        let text = std::str::from_utf8(part).unwrap();
        let ours = ms_oxrtfcp::compress(part).unwrap();
        assert!(compressed_rtf::compress_rtf(text).unwrap() == ours);
        let t = race(
            (rounds / 3).max(3),
            &mut [
                &mut || {
                    black_box(ms_oxrtfcp::compress(part).unwrap());
                },
                &mut || {
                    black_box(compressed_rtf::compress_rtf(text).unwrap());
                },
            ],
        );
        report(
            &format!("compress {name}, 2 MiB"),
            part.len() as f64 / 1e6,
            t[0],
            t[1],
        );
    }
}

/// The streaming decoders keep only their dictionary and one piece of
/// output: 256 MiB of RTF out of a compressed stream read from a file in
/// 64 KiB pieces ([`ms_oxrtfcp::Decompressor`]) and out of the whole
/// stream in memory ([`ms_oxrtfcp::decompress_to`]), into a
/// `CountingSink`, each in a child process of its own (this test binary
/// run again): peak RSS under 64 MiB, input included.
#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn peak_rss_is_flat() {
    use msox_codec::Limits;
    use std::io::Read;
    let opts = Options::default().with_limits(Limits::DEFAULT.with_max_output(1 << 31));
    if let Some(path) = std::env::var_os("MSOX_RSS_CHILD") {
        let mut n = CountingSink::default();
        let mut input = 0usize;
        if std::env::var("MSOX_RSS_MODE").unwrap() == "pieces" {
            let mut f = std::fs::File::open(&path).unwrap();
            let mut d = ms_oxrtfcp::Decompressor::new(&opts);
            let mut piece = vec![0u8; 1 << 16];
            loop {
                let k = f.read(&mut piece).unwrap();
                if k == 0 {
                    break;
                }
                d.feed(&piece[..k], &mut n).unwrap();
            }
            assert!(d.finish().unwrap().defects.is_empty());
        } else {
            let bytes = std::fs::read(&path).unwrap();
            input = bytes.len();
            ms_oxrtfcp::decompress_to(&bytes, &opts, &mut n).unwrap();
        }
        println!(
            "peak_rss_kib={} output={} input={input}",
            vm_hwm_kib(),
            n.count
        );
        return;
    }
    // 256 MiB of RTF: a 2 KiB paragraph block repeated (within the 4 KiB
    // dictionary), one byte changed each time (about 8:1).
    let mut block = generated_rtf();
    block.truncate(2 << 10);
    let mut x = 5u32;
    let mut raw = Vec::with_capacity(256 << 20);
    while raw.len() < 256 << 20 {
        raw.extend_from_slice(&block);
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let i = (x >> 16) as usize % block.len();
        block[i] = b'a' + (x % 26) as u8;
    }
    raw.truncate(256 << 20);
    let stream = ms_oxrtfcp::compress(&raw).unwrap();
    drop(raw);
    let path = std::env::temp_dir().join(format!("ms-oxrtfcp-rss-{}.lzfu", std::process::id()));
    std::fs::write(&path, &stream).unwrap();
    for mode in ["pieces", "whole"] {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "peak_rss_is_flat",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("MSOX_RSS_CHILD", &path)
            .env("MSOX_RSS_MODE", mode)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let field = |name: &str| -> u64 {
            text.split_whitespace()
                .find_map(|w| w.strip_prefix(name))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {text}"))
        };
        let (kib, output) = (field("peak_rss_kib="), field("output="));
        println!(
            "{mode}: {} MiB out of {:.1} MiB, peak RSS {:.1} MiB (input {})",
            output >> 20,
            stream.len() as f64 / 1048576.0,
            kib as f64 / 1024.0,
            if mode == "pieces" {
                "read in pieces"
            } else {
                "included"
            }
        );
        assert_eq!(output, 256 << 20);
        assert!(kib < 64 * 1024, "{mode}: peak RSS {kib} KiB");
    }
    let _ = std::fs::remove_file(&path);
}
