//! ms-patch: LZX / LZXD decoding with the crates.io `lzxd` crate (=0.2.7,
//! the decoder inside the `cab` crate) in the same group, and encoding at
//! effort levels 1, 6 and 9, and applying an LZX DELTA patch.
//!
//! Inputs: (a) "mixed": the corpus's .msg files (real binary and text)
//! concatenated to 8 MiB, compressed by our encoder (level 6, LZXD, window
//! 2^23); (b) "cab-lzx21": the LZX:21 folder of the corpus cabinet
//! `lzx/libmspack-large-files-cab.cab` (14.7 MB, very repetitive, made by a
//! Microsoft tool). Throughput over the decompressed size. Quick run:
//! `cargo bench -p msox-benches --bench patch -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_patch::encode::{EncodeOptions, compress_chunks};
use ms_patch::{Base, Patch, StreamParams, Target, WriteOptions};
use msox_codec::{Decode, Options};
use std::hint::black_box;

/// Real files (the corpus's .msg files) concatenated to `size` bytes, or
/// synthetic records when the corpus is absent.
fn mixed(size: usize) -> Vec<u8> {
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

fn lzxd_window(bits: u8) -> lzxd::WindowSize {
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

/// The lzxd crate over per-frame chunks (what its API takes).
fn peer_decode(chunks: &[&[u8]], bits: u8, total: usize) -> Vec<u8> {
    let mut lz = lzxd::Lzxd::new(lzxd_window(bits));
    let mut out = Vec::with_capacity(total);
    let mut left = total;
    for c in chunks {
        let want = left.min(lzxd::MAX_CHUNK_SIZE);
        out.extend_from_slice(lz.decompress_next(c, want).unwrap());
        left -= want;
    }
    out
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("patch/lzx-decode");
    // (a) mixed, our LZXD stream.
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
    assert_eq!(peer_decode(&bodies, bits, data.len()), data);
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function(BenchmarkId::new("ms-patch", "mixed"), |b| {
        b.iter(|| {
            ms_patch::decompress(
                black_box(&stream),
                data.len(),
                &StreamParams::lzxd(bits),
                &[],
                &Options::default(),
            )
            .unwrap()
        })
    });
    g.bench_function(BenchmarkId::new("lzxd", "mixed"), |b| {
        b.iter(|| peer_decode(black_box(&bodies), bits, data.len()))
    });
    // (b) a real LZX:21 cabinet folder.
    if let Some(cab) = msox_benches::corpus_file("lzx/libmspack-large-files-cab.cab") {
        let cabinet = ms_mci::cab::Cabinet::decode_bytes(&cab, &Options::default())
            .unwrap()
            .value;
        let blocks = cabinet.data_blocks(0).unwrap();
        let total: usize = blocks.iter().map(|b| usize::from(b.cb_uncomp)).sum();
        let frames: Vec<&[u8]> = blocks.iter().map(|b| b.data).collect();
        let stream = frames.concat();
        let ours = ms_patch::decompress(
            &stream,
            total,
            &StreamParams::lzx(21),
            &[],
            &Options::default(),
        )
        .unwrap()
        .value;
        assert_eq!(peer_decode(&frames, 21, total), ours);
        g.throughput(Throughput::Bytes(total as u64));
        g.bench_function(BenchmarkId::new("ms-patch", "cab-lzx21"), |b| {
            b.iter(|| {
                ms_patch::decompress(
                    black_box(&stream),
                    total,
                    &StreamParams::lzx(21),
                    &[],
                    &Options::default(),
                )
                .unwrap()
            })
        });
        g.bench_function(BenchmarkId::new("lzxd", "cab-lzx21"), |b| {
            b.iter(|| peer_decode(black_box(&frames), 21, total))
        });
    }
    g.finish();
}

fn encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("patch/lzx-encode");
    g.sample_size(10);
    let data = mixed(4 << 20);
    g.throughput(Throughput::Bytes(data.len() as u64));
    for level in [1u8, 6, 9] {
        g.bench_function(BenchmarkId::new("ms-patch", format!("level{level}")), |b| {
            b.iter(|| {
                ms_patch::compress_file(black_box(&data), &WriteOptions::level(level)).unwrap()
            })
        });
    }
    g.finish();
}

fn delta(c: &mut Criterion) {
    let mut g = c.benchmark_group("patch/delta");
    g.sample_size(10);
    let old = mixed(4 << 20);
    let mut new = old.clone();
    for i in 0..100 {
        let p = (i * 40_503) % new.len();
        new[p] ^= 0x55;
        new.splice(p..p, *b"inserted");
    }
    let patch = ms_patch::create_patch(Base(&old), Target(&new), &WriteOptions::level(6)).unwrap();
    g.throughput(Throughput::Bytes(new.len() as u64));
    g.bench_function(BenchmarkId::new("ms-patch", "apply"), |b| {
        b.iter(|| {
            ms_patch::apply_patch(Base(&old), Patch(black_box(&patch)), &Options::default())
                .unwrap()
        })
    });
    g.bench_function(BenchmarkId::new("ms-patch", "create-level6"), |b| {
        b.iter(|| {
            ms_patch::create_patch(Base(black_box(&old)), Target(&new), &WriteOptions::level(6))
                .unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, decode, encode, delta);
criterion_main!(benches);
