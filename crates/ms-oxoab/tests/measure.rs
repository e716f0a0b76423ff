//! Measurements behind the defaults of the LZXD layer (`ms-patch`), on a
//! generated 32 MiB version 4 OAB and on the corpus. Not run by default:
//!
//! ```sh
//! cargo test -p ms-oxoab --release --test measure -- --ignored --nocapture --test-threads 1
//! ```
//!
//! `block_sizes` prints the ratio and speed of `compress` per
//! `ulBlockMax` (the numbers behind `ms_patch::DEFAULT_BLOCK_MAX`);
//! `levels` the ratio and speed per effort level (the table in
//! `ms-patch`'s crate docs); `insertion` the size of a patch for 400 KB
//! inserted in the middle. Speeds are per second of CPU time of the
//! measuring thread (MB = MiB).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::print_stderr)]

use ms_oxoab::{Base, Patch, Target, WriteOptions, generate};
use msox_codec::Options;

/// Records of a generated book of about `mib` MiB.
fn records_for(mib: usize) -> u32 {
    let probe = generate::full_details_bytes(2_000, 1).unwrap();
    ((mib << 20) as f64 / (probe.len() as f64 / 2_000.0)) as u32
}

fn book(mib: usize) -> Vec<u8> {
    generate::full_details_bytes(records_for(mib), 1).unwrap()
}

fn mbps(bytes: usize, secs: f64) -> f64 {
    bytes as f64 / (1 << 20) as f64 / secs
}

/// CPU time of this thread so far, in seconds (from /proc: the machine
/// these were measured on is shared, so wall time says little).
fn cpu() -> f64 {
    let s = std::fs::read_to_string("/proc/thread-self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = f.get(11).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        + f.get(12).and_then(|v| v.parse().ok()).unwrap_or(0.0);
    ticks / 100.0
}

/// A stopwatch over this thread's CPU time.
struct Instant(f64);

impl Instant {
    fn now() -> Self {
        Instant(cpu())
    }
    fn elapsed(&self) -> std::time::Duration {
        std::time::Duration::from_secs_f64((cpu() - self.0).max(0.001))
    }
}

#[test]
#[ignore]
fn block_sizes() {
    let data = book(32);
    eprintln!("generated OAB: {} bytes", data.len());
    for block in [
        32 << 10,
        256 << 10,
        1 << 20,
        4 << 20,
        8 << 20,
        16 << 20,
        32 << 20,
    ] {
        let opts = WriteOptions {
            block_max: block,
            ..WriteOptions::level(6)
        };
        let t = Instant::now();
        let z = ms_oxoab::compress(&data, &opts).unwrap();
        let c = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let back = ms_oxoab::decompress(&z, &Options::default()).unwrap().value;
        let d = t.elapsed().as_secs_f64();
        assert!(back == data);
        eprintln!(
            "block {:>6} KiB: {:>9} bytes ({:.2}%), compress {:.1} MB/s, decompress {:.0} MB/s",
            block >> 10,
            z.len(),
            100.0 * z.len() as f64 / data.len() as f64,
            mbps(data.len(), c),
            mbps(data.len(), d)
        );
    }
}

/// Corpus files (every file under the corpus, concatenated in path order,
/// at most 24 MiB).
fn corpus_sample() -> Vec<u8> {
    let mut out = Vec::new();
    let Some(dir) = msox_testkit::corpus::dir() else {
        return out;
    };
    let mut paths = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                paths.push(p);
            }
        }
    }
    paths.sort();
    for p in paths {
        if out.len() > 24 << 20 {
            break;
        }
        out.extend(std::fs::read(p).unwrap());
    }
    out
}

#[test]
#[ignore]
fn levels() {
    let oab = book(32);
    let corpus = corpus_sample();
    for (name, data) in [("OAB 32 MiB", &oab), ("corpus", &corpus)] {
        eprintln!("{name}: {} bytes", data.len());
        for level in 1..=9u8 {
            let opts = WriteOptions::level(level);
            let t = Instant::now();
            let z = ms_oxoab::compress(data, &opts).unwrap();
            let c = t.elapsed().as_secs_f64();
            eprintln!(
                "| {name} | {level} | {:.2}% | {:.1} MB/s |",
                100.0 * z.len() as f64 / data.len() as f64,
                mbps(data.len(), c)
            );
        }
    }
}

#[test]
#[ignore]
fn insertion() {
    let n = records_for(32);
    let old = generate::full_details_bytes(n, 1).unwrap();
    let mut b = generate::full_details(n, 2);
    let per = old.len() / n as usize;
    let extra = (400 << 10) / per;
    let at = b.records.len() / 2;
    b.records.splice(
        at..at,
        (0..extra as u32).map(|i| generate::record(n + 100_000 + i)),
    );
    let new = b.to_bytes().unwrap();
    for (level, block) in [
        (6u8, 256 << 10),
        (6, 1 << 20),
        (6, 4 << 20),
        (6, 16 << 20),
        (1, 1 << 20),
        (3, 1 << 20),
        (9, 1 << 20),
    ] {
        let opts = WriteOptions {
            patch_block: block,
            ..WriteOptions::level(level)
        };
        let t = Instant::now();
        let p = ms_oxoab::diff(Base(&old), Target(&new), &opts).unwrap();
        let c = t.elapsed().as_secs_f64();
        let back = ms_oxoab::apply_patch(Base(&old), Patch(&p), &Options::default())
            .unwrap()
            .value;
        assert!(back == new);
        eprintln!(
            "| {level} | {} KiB | {} | {:.3}% | {:.1} s |",
            block >> 10,
            p.len(),
            100.0 * p.len() as f64 / new.len() as f64,
            c
        );
    }
    eprintln!("{} -> {} bytes", old.len(), new.len());
    // The layout ms-patch used before: as few blocks as fit the window,
    // each pairing an equal share of the base with the same share of the
    // target.
    let blocks = 3;
    let (s, d) = (old.len().div_ceil(blocks), new.len().div_ceil(blocks));
    let mut total = 28;
    for (src, tgt) in old.chunks(s).zip(new.chunks(d)) {
        let bits = ms_patch::lzxd::patch_window_bits(src.len(), tgt.len());
        let enc = ms_patch::EncodeOptions {
            extended_lengths: true,
            ..ms_patch::EncodeOptions::level(6)
        };
        total += 16
            + ms_patch::compress(tgt, &ms_patch::StreamParams::lzxd(bits), src, &enc)
                .unwrap()
                .len();
    }
    eprintln!(
        "| 6 | equal shares (old layout, {blocks} blocks) | {total} | {:.3}% |",
        100.0 * total as f64 / new.len() as f64
    );
}

/// One compression, for profiling: `MEASURE_DATA` (`oab` or `corpus`),
/// `MEASURE_LEVEL` (1..=9).
#[test]
#[ignore]
fn one() {
    let level: u8 = std::env::var("MEASURE_LEVEL").map_or(6, |v| v.parse().unwrap());
    let data = match std::env::var("MEASURE_DATA").as_deref() {
        Ok("corpus") => corpus_sample(),
        _ => book(32),
    };
    let t = Instant::now();
    let z = ms_oxoab::compress(&data, &WriteOptions::level(level)).unwrap();
    let c = t.elapsed().as_secs_f64();
    eprintln!(
        "level {level}: {:.2}% {:.1} MB/s",
        100.0 * z.len() as f64 / data.len() as f64,
        mbps(data.len(), c)
    );
}
