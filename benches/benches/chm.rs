//! msox-chm: extract every file of a CHM (compiled HTML help) into a
//! [`CountingSink`]. No CHM reader is among the workspace's dependencies,
//! so there is no peer here.
//!
//! Inputs:
//! - `tika-tcpip`, `tika-wmicontrol`: `lzx/tika-tcpip.CHM` (33 KB) and
//!   `lzx/tika-wmicontrol.CHM` (32 KB), real Windows help files (LZX
//!   section with reset table), when the corpus is there;
//! - `generated-2MiB`: 64 HTML pages of 32 KiB in the LZX section and one
//!   stored file, written by the crate's test writer
//!   (`msox_chm::testing::build`, not a supported API; always timed).
//!
//! Variant `msox`: [`ChmFile`] decode and [`ChmFile::extract`] into one
//! [`CountingSink`] per file. Throughput over the bytes extracted.
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench chm -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use msox_chm::{ChmFile, DirEntry, Extractor};
use msox_codec::{CountingSink, Decode, Error, Options, Result};
use std::hint::black_box;

/// Every file into its own [`CountingSink`]; the total extracted.
#[derive(Default)]
struct Count {
    total: u64,
    failed: usize,
}

impl Extractor for Count {
    type Sink = CountingSink;
    fn open(&mut self, _: usize, _: &DirEntry) -> Result<Option<CountingSink>> {
        Ok(Some(CountingSink::default()))
    }
    fn close(
        &mut self,
        _: usize,
        _: &DirEntry,
        sink: CountingSink,
        outcome: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        self.failed += usize::from(outcome.is_err());
        self.total += sink.count;
        Ok(())
    }
}

fn extract(b: &[u8], opts: &Options) -> Count {
    let chm = ChmFile::decode_bytes(b, opts).unwrap().value;
    let mut c = Count::default();
    chm.extract(opts, &mut c).unwrap();
    c
}

fn generated() -> Vec<u8> {
    let pages: Vec<(String, Vec<u8>)> = (0..64)
        .map(|i| {
            let mut p = format!("<html><head><title>Page {i}</title></head><body>").into_bytes();
            while p.len() < (32 << 10) - 20 {
                p.extend_from_slice(
                    format!("<p>Topic {i}: compiled help, section {}.</p>\n", p.len()).as_bytes(),
                );
            }
            p.extend_from_slice(b"</body></html>");
            (format!("/page{i:02}.html"), p)
        })
        .collect();
    let mut files: Vec<(&str, &[u8], bool)> = pages
        .iter()
        .map(|(n, p)| (n.as_str(), &p[..], true))
        .collect();
    files.push(("/stored.txt", b"stored as it is", false));
    msox_chm::testing::build(&files)
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut inputs = Vec::new();
    for (name, rel) in [
        ("tika-tcpip", "lzx/tika-tcpip.CHM"),
        ("tika-wmicontrol", "lzx/tika-wmicontrol.CHM"),
    ] {
        if let Some(b) = msox_benches::corpus_file(rel) {
            inputs.push((name, b));
        }
    }
    inputs.push(("generated-2MiB", generated()));
    let mut g = c.benchmark_group("chm_extract");
    for (name, b) in &inputs {
        let n = extract(b, &opts);
        eprintln!(
            "{name}: {} bytes -> {} bytes extracted ({} files failed)",
            b.len(),
            n.total,
            n.failed
        );
        g.throughput(Throughput::Bytes(n.total));
        g.bench_with_input(BenchmarkId::new("msox", name), b, |bn, b| {
            bn.iter(|| extract(black_box(b), &opts).total)
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
