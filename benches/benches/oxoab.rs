//! ms-oxoab: decode and encode of a generated 100,000-record version 4
//! full details file, in records per second (criterion
//! `Throughput::Elements`), plus the stored compressed container.
//!
//! The book is `ms_oxoab::generate::full_details_bytes(100_000, 1)`
//! (49.75 MB, 22 properties in the record schema, 17–21 values per record).
//! No crates.io crate reads OAB files, so there is no in-process peer; the
//! PyPI `oab` package (Python) is the out-of-process one. Quick run:
//! `cargo bench -p msox-benches --bench oxoab -- --warm-up-time 1 --measurement-time 5`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ms_oxoab::{FullDetails, FullDetailsReader, FullDetailsWriter, generate};
use msox_codec::{Decode, Options};
use std::hint::black_box;

const N: u32 = 100_000;

fn bench(c: &mut Criterion) {
    let bytes = generate::full_details_bytes(N, 1).unwrap();
    let book = ms_oxoab::decode_full_details(&bytes).unwrap();
    let mut g = c.benchmark_group("oxoab 100k records");
    g.sample_size(10);
    g.throughput(Throughput::Elements(u64::from(N)));
    g.bench_function("decode (owned model)", |b| {
        b.iter(|| FullDetails::decode_bytes(black_box(&bytes), &Options::default()).unwrap())
    });
    g.bench_function("walk raw records (borrowing reader)", |b| {
        b.iter(|| {
            let rd = FullDetailsReader::new(black_box(&bytes), &Options::default()).unwrap();
            rd.records().map(|r| r.unwrap().bytes.len()).sum::<usize>()
        })
    });
    g.bench_function("encode (FullDetails::to_bytes)", |b| {
        b.iter(|| black_box(&book).to_bytes().unwrap())
    });
    g.bench_function("encode (streaming writer, with ulSerial CRC)", |b| {
        b.iter(|| {
            let mut w = FullDetailsWriter::new(book.metadata.clone(), &book.header_record).unwrap();
            for r in &book.records {
                w.push(r).unwrap();
            }
            w.finish().unwrap()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("oxoab stored container");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    let z = ms_oxoab::compress_stored(&bytes).unwrap();
    g.bench_function("compress_stored", |b| {
        b.iter(|| ms_oxoab::compress_stored(black_box(&bytes)).unwrap())
    });
    g.bench_function("decompress (stored blocks, CRC checked)", |b| {
        b.iter(|| ms_oxoab::decompress(black_box(&z), &Options::default()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
