//! Speed against the crates.io `lzxd` crate (=0.2.7, the decoder inside
//! the `cab` crate), in-process, on the inputs of the issue "Performance
//! to the limit". Ignored: run in release mode,
//!
//! ```text
//! MSOX_BENCH_DIR=/tmp/bp cargo test -p ms-patch --release --test measure -- --ignored --nocapture
//! ```
//!
//! where `MSOX_BENCH_DIR` is a work directory of `scripts/bench-peers.sh`
//! (it generates `big.lzxd`, `oab.lzx` and `big-stored.lzxd` there);
//! without it only the corpus cabinet folder and the "mixed" input (the
//! corpus's .msg files, 8 MiB, compressed here) are measured.
//!
//! Each round runs every decoder once, in turn (the order rotating); the
//! table gives the fastest and the median round of each, and the ratio
//! lzxd / ours (> 1: ours is faster). Both sides produce the whole output
//! in a `Vec` (and, for the LZXD files, again streamed: ours into a
//! `CountingSink`, the `lzxd` crate's chunks counted as they come); ours
//! also checks every LZXD block CRC, the `lzxd` crate checks none.
//! `MEASURE_ROUNDS` sets the rounds (default 9).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use ms_mci::cab::{Cabinet, Compression};
use ms_patch::encode::{EncodeOptions, compress_chunks};
use ms_patch::{FileOptions, StreamParams, decompress, decompress_file, decompress_file_to};
use msox_codec::{CountingSink, Decode, Options};
use msox_testkit::measure::{race, rounds, vm_hwm_kib};

fn window(bits: u8) -> lzxd::WindowSize {
    use lzxd::WindowSize::*;
    match bits {
        15 => KB32,
        16 => KB64,
        17 => KB128,
        18 => KB256,
        19 => KB512,
        20 => MB1,
        21 => MB2,
        22 => MB4,
        23 => MB8,
        24 => MB16,
        _ => MB32,
    }
}

/// The lzxd crate on one stream given as per-frame chunks.
fn peer_stream(chunks: &[&[u8]], bits: u8, total: usize, out: &mut impl FnMut(&[u8])) {
    let mut lz = lzxd::Lzxd::new(window(bits));
    let mut left = total;
    for c in chunks {
        let want = left.min(lzxd::MAX_CHUNK_SIZE);
        out(lz.decompress_next(c, want).unwrap());
        left -= want;
    }
}

/// [`peer_stream`] into a vector.
fn peer_vec(chunks: &[&[u8]], bits: u8, total: usize, out: &mut Vec<u8>) {
    peer_stream(chunks, bits, total, &mut |b| out.extend_from_slice(b));
}

fn le32(d: &[u8], at: usize) -> usize {
    u32::from_le_bytes(d[at..at + 4].try_into().unwrap()) as usize
}

/// The lzxd crate on an LZXD file (what `msox-peers lzx-decompress-lzxd`
/// does: walk LZX_BLKs and the 16-bit chunk sizes the crate does not
/// know about).
fn peer_file(d: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(le32(d, 12));
    peer_file_to(d, &mut |b| out.extend_from_slice(b));
    out
}

/// [`peer_file`], handing each chunk's output to `out` (streaming).
fn peer_file_to(d: &[u8], out: &mut impl FnMut(&[u8])) {
    let target = le32(d, 12);
    let mut produced = 0;
    let mut pos = 16;
    while produced < target {
        let (flags, csize, dsize) = (le32(d, pos), le32(d, pos + 4), le32(d, pos + 8));
        pos += 16;
        let blk = &d[pos..pos + csize];
        produced += dsize;
        if flags == 0 {
            out(blk);
        } else {
            let bits = ms_patch::lzxd::window_bits_for(dsize);
            let mut chunks = Vec::new();
            let mut p = 0;
            while p < blk.len() {
                let n = u16::from_le_bytes([blk[p], blk[p + 1]]) as usize;
                chunks.push(&blk[p + 2..p + 2 + n]);
                p += 2 + n;
            }
            peer_stream(&chunks, bits, dsize, out);
        }
        pos += csize;
    }
}

/// The corpus's .msg files concatenated to `size` bytes (synthetic
/// records when the corpus is absent).
fn mixed(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    if let Ok(rd) = std::fs::read_dir(msox_testkit::workspace_root().join("../shared/corpus/msg")) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for p in files {
            if out.len() >= size {
                break;
            }
            if p.extension().and_then(|x| x.to_str()) == Some("msg") {
                out.extend_from_slice(&std::fs::read(p).unwrap());
            }
        }
    }
    let mut x = 7u32;
    while out.len() < size {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        out.extend_from_slice(
            format!("record {} user{}@example.com\r\n", x >> 20, x % 977).as_bytes(),
        );
    }
    out.truncate(size);
    out
}

fn report(name: &str, mb: f64, ours: (Duration, Duration), peer: (Duration, Duration)) {
    let s = |d: Duration| d.as_secs_f64();
    println!(
        "{name:<34} ours {:>7.1} ms ({:>5.0} MB/s)  lzxd {:>7.1} ms ({:>5.0} MB/s)  ratio min {:.2}x  median {:.2}x",
        s(ours.0) * 1e3,
        mb / s(ours.0),
        s(peer.0) * 1e3,
        mb / s(peer.0),
        s(peer.0) / s(ours.0),
        s(peer.1) / s(ours.1),
    );
}

fn bench_dir() -> Option<PathBuf> {
    std::env::var_os("MSOX_BENCH_DIR").map(PathBuf::from)
}

#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn lzx_decode_vs_lzxd() {
    let opts = Options::default();
    // (a) "mixed": our LZXD stream, window 2^23.
    {
        let data = mixed(8 << 20);
        let bits = 23;
        let chunks = compress_chunks(
            &data,
            &StreamParams::lzxd(bits),
            &[],
            &EncodeOptions::level(6),
        )
        .unwrap();
        let stream = chunks.concat();
        let bodies: Vec<&[u8]> = chunks.iter().map(|c| &c[2..]).collect();
        let mut check = Vec::new();
        peer_vec(&bodies, bits, data.len(), &mut check);
        assert!(check == data);
        let params = StreamParams::lzxd(bits);
        let t = race(
            rounds(),
            &mut [
                &mut || {
                    black_box(decompress(&stream, data.len(), &params, &[], &opts).unwrap());
                },
                &mut || {
                    let mut out = Vec::with_capacity(data.len());
                    peer_vec(&bodies, bits, data.len(), &mut out);
                    black_box(out);
                },
            ],
        );
        report(
            "mixed 8 MiB (LZXD, 2^23)",
            data.len() as f64 / 1e6,
            t[0],
            t[1],
        );
    }
    // (b) the corpus's LZX:21 cabinet folder.
    let cab_path =
        msox_testkit::workspace_root().join("../shared/corpus/lzx/libmspack-large-files-cab.cab");
    if let Ok(bytes) = std::fs::read(&cab_path) {
        let cab = Cabinet::decode_bytes(&bytes, &Options::lenient())
            .unwrap()
            .value;
        assert_eq!(cab.folders[0].compression(), Compression::Lzx(21));
        let blocks = cab.data_blocks(0).unwrap();
        let frames: Vec<&[u8]> = blocks.iter().map(|b| b.data).collect();
        let s = cab.folder_stream(0).unwrap();
        let (stream, total) = (s.data, s.uncompressed_size);
        let params = StreamParams::lzx(21);
        let ours = decompress(&stream, total, &params, &[], &opts)
            .unwrap()
            .value;
        let mut check = Vec::new();
        peer_vec(&frames, 21, total, &mut check);
        assert!(check == ours);
        let t = race(
            rounds(),
            &mut [
                &mut || {
                    black_box(decompress(&stream, total, &params, &[], &opts).unwrap());
                },
                &mut || {
                    let mut out = Vec::with_capacity(total);
                    peer_vec(&frames, 21, total, &mut out);
                    black_box(out);
                },
            ],
        );
        report(
            "corpus LZX:21 cabinet folder",
            total as f64 / 1e6,
            t[0],
            t[1],
        );
    } else {
        println!("corpus cabinet absent: skipped");
    }
    // (c) LZXD files from scripts/bench-peers.sh.
    let Some(dir) = bench_dir() else {
        println!("MSOX_BENCH_DIR not set: LZXD files skipped");
        return;
    };
    for (file, name) in [
        ("big.lzxd", "44 MB LZXD file"),
        ("oab.lzx", "24.8 MB OAB"),
        ("big-stored.lzxd", "44 MB uncompressed blocks"),
    ] {
        let Ok(d) = std::fs::read(dir.join(file)) else {
            println!("{file} absent: skipped");
            continue;
        };
        let ours = decompress_file(&d, &opts).unwrap().value;
        assert!(peer_file(&d) == ours, "{file}");
        let t = race(
            rounds(),
            &mut [
                &mut || {
                    black_box(decompress_file(&d, &opts).unwrap());
                },
                &mut || {
                    black_box(peer_file(&d));
                },
            ],
        );
        report(name, ours.len() as f64 / 1e6, t[0], t[1]);
        // Streamed: ours into a CountingSink (CRCs checked), lzxd's
        // chunks counted as they come (no vector on either side).
        let t = race(
            rounds(),
            &mut [
                &mut || {
                    let mut n = CountingSink::default();
                    decompress_file_to(&d, &opts, &FileOptions::default(), &mut n).unwrap();
                    black_box(n);
                },
                &mut || {
                    let mut n = 0usize;
                    peer_file_to(&d, &mut |b| n += b.len());
                    black_box(n);
                },
            ],
        );
        report(
            &format!("{name}, streamed"),
            ours.len() as f64 / 1e6,
            t[0],
            t[1],
        );
        // The same without our block CRC checks (the lzxd crate has none).
        let no_crc = FileOptions {
            verify_crc: false,
            ..FileOptions::default()
        };
        let t = race(
            rounds(),
            &mut [
                &mut || {
                    let mut n = CountingSink::default();
                    decompress_file_to(&d, &opts, &no_crc, &mut n).unwrap();
                    black_box(n);
                },
                &mut || {
                    let mut n = 0usize;
                    peer_file_to(&d, &mut |b| n += b.len());
                    black_box(n);
                },
            ],
        );
        report(
            &format!("{name}, streamed, no CRC"),
            ours.len() as f64 / 1e6,
            t[0],
            t[1],
        );
    }
}

/// Peak resident memory of a child process (this test binary run again)
/// that decodes `file` with `mode`: (peak RSS in KiB, output bytes).
fn child_peak_rss(test: &str, file: &std::path::Path, mode: &str) -> (u64, u64) {
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            test,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MSOX_RSS_CHILD", file)
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
    (field("peak_rss_kib="), field("output="))
}

/// Data that compresses well (so the compressed input stays small next
/// to the decoder's memory): a 4 KiB text block repeated, one byte in 97
/// changed.
fn compressible(n: usize, seed: u32) -> Vec<u8> {
    let words = [
        "alpha ",
        "beta ",
        "gamma ",
        "delta ",
        "cn=User",
        "ou=Sales;",
        "\r\n",
    ];
    let mut x = seed;
    let mut rnd = move || {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        x >> 16
    };
    let mut block = Vec::new();
    while block.len() < 4096 {
        block.extend_from_slice(words[rnd() as usize % words.len()].as_bytes());
    }
    let mut v = Vec::with_capacity(n + 4096);
    while v.len() < n {
        v.extend_from_slice(&block[..4096]);
        let i = rnd() as usize % 4096;
        block[i] = block[i].wrapping_add(1);
    }
    v.truncate(n);
    v
}

/// Streaming decoders keep only their window: 320 MiB out of an LZXD
/// file (16 MiB blocks) and 256 MiB out of one cabinet-style LZX stream
/// (window 2 MiB), both into a `CountingSink`, with a peak RSS under
/// 64 MiB (input included). Each decode runs in a child process of its
/// own, so the generation here does not count.
#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn peak_rss_is_flat() {
    use ms_patch::lzxd::{LzxdFile, compress_file};
    use msox_codec::{Encode, Limits};
    let opts = Options::default().with_limits(Limits::DEFAULT.with_max_output(1 << 31));
    if let Some(path) = std::env::var_os("MSOX_RSS_CHILD") {
        let input = std::fs::read(&path).unwrap();
        let mut n = CountingSink::default();
        match std::env::var("MSOX_RSS_MODE").unwrap().as_str() {
            "lzxd" => {
                decompress_file_to(&input, &opts, &FileOptions::default(), &mut n).unwrap();
            }
            _ => {
                let total = u64::from_le_bytes(input[..8].try_into().unwrap()) as usize;
                ms_patch::decompress_to(
                    &input[8..],
                    total,
                    &StreamParams::lzx(21),
                    &[],
                    &opts,
                    &mut n,
                )
                .unwrap();
            }
        }
        println!(
            "peak_rss_kib={} output={} input={}",
            vm_hwm_kib(),
            n.count,
            input.len()
        );
        return;
    }
    let dir = std::env::temp_dir().join(format!("ms-patch-rss-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // An LZXD file: one 16 MiB block's stream, repeated 20 times.
    let block = compressible(16 << 20, 1);
    let one = compress_file(&block, &ms_patch::WriteOptions::level(1)).unwrap();
    let f = LzxdFile::decode_bytes(&one, &Options::strict())
        .unwrap()
        .value;
    let mut many = f.clone();
    many.header.target_size = 20 * f.header.target_size;
    many.blocks = std::iter::repeat_n(f.blocks[0].clone(), 20).collect();
    let lzxd_path = dir.join("big.lzxd");
    std::fs::write(&lzxd_path, many.to_vec().unwrap()).unwrap();
    // A cabinet-style stream (window 2 MiB) of 256 MiB: its size, then it.
    let data = compressible(256 << 20, 2);
    let z =
        ms_patch::compress(&data, &StreamParams::lzx(21), &[], &EncodeOptions::level(1)).unwrap();
    let lzx_path = dir.join("big.lzx21");
    let mut file = Vec::from((data.len() as u64).to_le_bytes());
    file.extend_from_slice(&z);
    std::fs::write(&lzx_path, file).unwrap();
    drop(data);
    for (name, path, mode, want) in [
        ("LZXD file, 16 MiB blocks", &lzxd_path, "lzxd", 320u64 << 20),
        ("LZX stream, window 2 MiB", &lzx_path, "lzx", 256 << 20),
    ] {
        let (kib, out) = child_peak_rss("peak_rss_is_flat", path, mode);
        let input = std::fs::metadata(path).unwrap().len();
        println!(
            "{name}: {} MiB out of {:.1} MiB, peak RSS {:.1} MiB (input included)",
            out >> 20,
            input as f64 / 1048576.0,
            kib as f64 / 1024.0
        );
        assert_eq!(out, want);
        assert!(kib < 64 * 1024, "{name}: peak RSS {kib} KiB");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
