//! msox-cab: extract every file of a cabinet into a [`CountingSink`], with
//! the crates.io `cab` crate (=0.6.0) reading the same files in the same
//! group.
//!
//! Inputs:
//! - `tika-test-documents` (MSZIP): `cab-mszip/tika-test-documents.cab`,
//!   68 KB, 9 files, made by a Microsoft tool, when the corpus is there;
//! - `normal-2files-2folders` (MSZIP and LZX): libmspack's
//!   `lzx/libmspack-normal_2files_2folders.cab` (285 bytes, an MSZIP
//!   folder and an LZX/18 folder, 4 files) when the corpus is there (the
//!   only corpus cabinet with an LZX folder whose files are not 2 GiB);
//! - `generated-4MiB` (MSZIP): 8 files of 512 KiB (the corpus .msg files
//!   concatenated, or synthetic records without the corpus) in one MSZIP
//!   folder, written by the `cab` crate (it writes no LZX).
//!
//! Variants: `msox` ([`CabinetSet::open`] and [`CabinetSet::extract`] into
//! one [`CountingSink`] per file), `cab` (`cab::Cabinet::read_file` of each
//! file, copied to `io::sink`; it decompresses a folder from its start for
//! each file it opens). Throughput over the bytes extracted.
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench cab -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use msox_cab::{CabinetSet, Extractor, FileEntry};
use msox_codec::{CountingSink, Error, Options, Result};
use std::hint::black_box;
use std::io::{Cursor, Write};

/// Every file into its own [`CountingSink`]; the total extracted.
#[derive(Default)]
struct Count {
    total: u64,
}

impl Extractor for Count {
    type Sink = CountingSink;
    fn open(&mut self, _: usize, _: &FileEntry) -> Result<Option<CountingSink>> {
        Ok(Some(CountingSink::default()))
    }
    fn close(
        &mut self,
        _: usize,
        _: &FileEntry,
        sink: CountingSink,
        outcome: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        assert!(outcome.is_ok(), "{outcome:?}");
        self.total += sink.count;
        Ok(())
    }
}

fn msox_extract(b: &[u8], opts: &Options) -> u64 {
    let set = CabinetSet::open(&[b], opts).unwrap().value;
    let mut c = Count::default();
    set.extract(opts, &mut c).unwrap();
    c.total
}

fn cab_extract(b: &[u8]) -> u64 {
    let mut cab = cab::Cabinet::new(Cursor::new(b)).unwrap();
    let names: Vec<String> = cab
        .folder_entries()
        .flat_map(|f| f.file_entries().map(|e| e.name().to_string()))
        .collect();
    let mut total = 0;
    for n in names {
        let mut r = cab.read_file(&n).unwrap();
        total += std::io::copy(&mut r, &mut std::io::sink()).unwrap();
    }
    total
}

/// 8 files of 512 KiB in one MSZIP folder.
fn generated() -> Vec<u8> {
    let mut data = Vec::new();
    let mut files = msox_testkit::corpus::files("msg", &[".msg"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    for e in files {
        if data.len() >= 4 << 20 {
            break;
        }
        data.extend_from_slice(&std::fs::read(&e.path).unwrap());
    }
    let mut x = 7u32;
    while data.len() < 4 << 20 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        data.extend_from_slice(
            format!("record {} user{}@example.com\r\n", x >> 20, x % 977).as_bytes(),
        );
    }
    let mut b = cab::CabinetBuilder::new();
    let folder = b.add_folder(cab::CompressionType::MsZip);
    for i in 0..8 {
        folder.add_file(format!("file{i}.bin"));
    }
    let mut w = b.build(Cursor::new(Vec::new())).unwrap();
    let mut i = 0;
    while let Some(mut f) = w.next_file().unwrap() {
        f.write_all(&data[i * (512 << 10)..(i + 1) * (512 << 10)])
            .unwrap();
        i += 1;
    }
    w.finish().unwrap().into_inner()
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let mut inputs = Vec::new();
    for (name, rel) in [
        ("tika-test-documents", "cab-mszip/tika-test-documents.cab"),
        (
            "normal-2files-2folders",
            "lzx/libmspack-normal_2files_2folders.cab",
        ),
    ] {
        if let Some(b) = msox_benches::corpus_file(rel) {
            inputs.push((name, b));
        }
    }
    inputs.push(("generated-4MiB", generated()));
    let mut g = c.benchmark_group("cab_extract");
    for (name, b) in &inputs {
        let ours = msox_extract(b, &opts);
        let theirs = cab_extract(b);
        assert_eq!(ours, theirs, "{name}");
        eprintln!("{name}: {} bytes -> {ours} bytes extracted", b.len());
        g.throughput(Throughput::Bytes(ours));
        g.bench_with_input(BenchmarkId::new("msox", name), b, |bn, b| {
            bn.iter(|| msox_extract(black_box(b), &opts))
        });
        g.bench_with_input(BenchmarkId::new("cab", name), b, |bn, b| {
            bn.iter(|| cab_extract(black_box(b)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
