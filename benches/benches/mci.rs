//! ms-mci: MSZIP decoding of a whole cabinet folder, with the crates.io
//! `cab` crate (=0.6.0) in the same group, and MSZIP encoding.
//!
//! Input: the corpus's .msg files concatenated to 8 MiB, written as one
//! MSZIP cabinet by the `cab` crate's builder. Throughput over the
//! decompressed size. Quick run:
//! `cargo bench -p msox-benches --bench mci -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use msox_codec::{Decode, Options};
use std::hint::black_box;
use std::io::{Cursor, Read, Write};

fn sample(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    if let Ok(rd) = std::fs::read_dir(msox_benches::corpus_dir().join("msg")) {
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

fn cabinet(data: &[u8]) -> Vec<u8> {
    let mut b = cab::CabinetBuilder::new();
    b.add_folder(cab::CompressionType::MsZip)
        .add_file("data.bin");
    let mut w = b.build(Cursor::new(Vec::new())).unwrap();
    while let Some(mut f) = w.next_file().unwrap() {
        f.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("mci/mszip-decode");
    let data = sample(8 << 20);
    let cab_bytes = cabinet(&data);
    let ours = |bytes: &[u8]| {
        let cab = ms_mci::cab::Cabinet::decode_bytes(bytes, &Options::default())
            .unwrap()
            .value;
        cab.folder_data(0, &Options::default()).unwrap().value
    };
    assert_eq!(ours(&cab_bytes), data);
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function(BenchmarkId::new("ms-mci", "cab-folder"), |b| {
        b.iter(|| ours(black_box(&cab_bytes)))
    });
    g.bench_function(BenchmarkId::new("cab", "cab-folder"), |b| {
        b.iter(|| {
            let mut cab = cab::Cabinet::new(Cursor::new(black_box(&cab_bytes[..]))).unwrap();
            let mut out = Vec::with_capacity(data.len());
            cab.read_file("data.bin")
                .unwrap()
                .read_to_end(&mut out)
                .unwrap();
            out
        })
    });
    g.finish();
}

fn encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("mci/mszip-encode");
    g.sample_size(10);
    let data = sample(8 << 20);
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function(BenchmarkId::new("ms-mci", "level6"), |b| {
        b.iter(|| ms_mci::compress(black_box(&data), 6))
    });
    g.bench_function(BenchmarkId::new("cab", "builder"), |b| {
        b.iter(|| cabinet(black_box(&data)))
    });
    g.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
