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
use std::time::{Duration, Instant};

use msox_codec::{CountingSink, Options};

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

/// Runs the closures round-robin `rounds` times; (min, median) of each.
fn race(rounds: usize, fs: &mut [&mut dyn FnMut()]) -> Vec<(Duration, Duration)> {
    let mut times = vec![Vec::new(); fs.len()];
    for f in fs.iter_mut() {
        f(); // warm-up
    }
    for i in 0..rounds {
        for k in 0..fs.len() {
            let j = (i + k) % fs.len();
            let t = Instant::now();
            (fs[j])();
            times[j].push(t.elapsed());
        }
    }
    times
        .into_iter()
        .map(|mut t| {
            t.sort();
            (t[0], t[t.len() / 2])
        })
        .collect()
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
