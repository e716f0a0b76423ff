//! MSZIP speed against the crates.io `cab` crate (=0.6.0, whose MSZIP
//! decoder is flate2's inflate too), in-process, and the memory of the
//! streaming decoder. Ignored: run in release mode,
//!
//! ```text
//! MSOX_BENCH_DIR=/tmp/bp cargo test -p ms-mci --release --test measure -- --ignored --nocapture
//! ```
//!
//! where `MSOX_BENCH_DIR` is a work directory of `scripts/bench-peers.sh`
//! (its `big-mszip.cab`: 44 MB in one MSZIP folder, written by gcab).
//! Without it, a cabinet-like stream is made here. Each round runs both,
//! in turn (the order rotating); the table gives the fastest and the
//! median round, and the ratio peer / ours (> 1: ours is faster).
//! `MEASURE_ROUNDS` sets the rounds (default 9).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::hint::black_box;
use std::io::Read;
use std::time::Duration;

use ms_mci::cab::Cabinet;
use msox_codec::{CountingSink, Decode, Limits, Options};
use msox_testkit::measure::{race, rounds, vm_hwm_kib};

#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn mszip_vs_cab_crate() {
    let Some(bytes) = std::env::var_os("MSOX_BENCH_DIR")
        .and_then(|d| std::fs::read(std::path::Path::new(&d).join("big-mszip.cab")).ok())
    else {
        println!("MSOX_BENCH_DIR/big-mszip.cab absent: skipped");
        return;
    };
    let opts = Options::default();
    let cab = Cabinet::decode_bytes(&bytes, &opts).unwrap().value;
    let total: u64 = cab.files.iter().map(|f| u64::from(f.cb_file)).sum();
    let t = race(
        rounds(),
        &mut [
            &mut || {
                // Ours: the cabinet's structures, then the folder streamed.
                let cab = Cabinet::decode_bytes(&bytes, &opts).unwrap().value;
                let mut n = CountingSink::default();
                cab.extract_folder(0, &opts, &mut n).unwrap();
                assert_eq!(n.count, total);
                black_box(n);
            },
            &mut || {
                // The cab crate: every file read through, counted.
                let mut c = cab::Cabinet::new(std::io::Cursor::new(&bytes[..])).unwrap();
                let names: Vec<String> = c
                    .folder_entries()
                    .flat_map(|f| f.file_entries().map(|e| e.name().to_string()))
                    .collect();
                let mut n = 0u64;
                let mut buf = vec![0u8; 1 << 16];
                for name in names {
                    let mut r = c.read_file(&name).unwrap();
                    loop {
                        let k = r.read(&mut buf).unwrap();
                        if k == 0 {
                            break;
                        }
                        n += k as u64;
                    }
                }
                assert_eq!(n, total);
                black_box(n);
            },
        ],
    );
    let s = |d: Duration| d.as_secs_f64();
    let mb = total as f64 / 1e6;
    println!(
        "MSZIP cabinet, {mb:.1} MB  ours {:.1} ms ({:.0} MB/s)  cab {:.1} ms ({:.0} MB/s)  ratio min {:.2}x  median {:.2}x",
        s(t[0].0) * 1e3,
        mb / s(t[0].0),
        s(t[1].0) * 1e3,
        mb / s(t[1].0),
        s(t[1].0) / s(t[0].0),
        s(t[1].1) / s(t[0].1),
    );
}

/// The streaming decoder keeps one block and the history: 320 MiB out of
/// concatenated MSZIP blocks into a `CountingSink`, in a child process of
/// its own (this test binary run again): peak RSS under 64 MiB, input
/// included.
#[test]
#[ignore = "measurement: run in release mode with --ignored --nocapture"]
fn peak_rss_is_flat() {
    let opts = Options::default().with_limits(Limits::DEFAULT.with_max_output(1 << 31));
    if let Some(path) = std::env::var_os("MSOX_RSS_CHILD") {
        let input = std::fs::read(&path).unwrap();
        let mut n = CountingSink::default();
        ms_mci::decompress_to(&input, &opts, &mut n).unwrap();
        println!(
            "peak_rss_kib={} output={} input={}",
            vm_hwm_kib(),
            n.count,
            input.len()
        );
        return;
    }
    // 32 MiB of text lines (a 2 KiB block repeated, one byte changed each
    // time), compressed once; the blocks repeated 10 times decode to the
    // same data 10 times (the first block of a stream needs no history).
    let mut block: Vec<u8> = (0..2048u32)
        .map(|i| b"abcdefgh ijklmnop\r\n"[(i.wrapping_mul(2654435761) >> 28) as usize % 19])
        .collect();
    let mut data = Vec::with_capacity(32 << 20);
    let mut x = 3u32;
    while data.len() < 32 << 20 {
        data.extend_from_slice(&block);
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let i = (x >> 16) as usize % block.len();
        block[i] = b'a' + (x % 26) as u8;
    }
    data.truncate(32 << 20);
    let one = ms_mci::compress(&data, 6);
    let stream = one.repeat(10);
    let path = std::env::temp_dir().join(format!("ms-mci-rss-{}.msz", std::process::id()));
    std::fs::write(&path, &stream).unwrap();
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "peak_rss_is_flat",
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("MSOX_RSS_CHILD", &path)
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
        "MSZIP: {} MiB out of {:.1} MiB, peak RSS {:.1} MiB (input included)",
        output >> 20,
        stream.len() as f64 / 1048576.0,
        kib as f64 / 1024.0
    );
    assert_eq!(output, 320 << 20);
    assert!(kib < 64 * 1024, "peak RSS {kib} KiB");
    let _ = std::fs::remove_file(&path);
}
