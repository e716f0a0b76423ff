//! ms-oxrtfcp: decompression and compression throughput, with the
//! crates.io `compressed-rtf` crate (Microsoft's, =1.0.1) in the same group.
//!
//! Input: the RTF bodies of `rtfex/` in the corpus (real Outlook RTF)
//! repeated to 8 MiB (a synthetic RTF-like text when the corpus is absent),
//! compressed with our compressor. Throughput is over the decompressed
//! size. Quick run:
//! `cargo bench -p msox-benches --bench oxrtfcp -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use msox_codec::Options;
use std::hint::black_box;

/// RTF text of about `size` bytes, with no NUL (the peer stops at NUL).
fn sample_rtf(size: usize) -> Vec<u8> {
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let dir = msox_benches::corpus_dir().join("rtfex");
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
        // Synthetic: RTF control words and words from a small vocabulary.
        let words = [
            "\\par ",
            "\\pard\\plain ",
            "{\\*\\htmltag84 <span>}",
            "the ",
            "message ",
            "Outlook ",
            "\\f0\\fs20 ",
            "of ",
            "and ",
            "\\'e9",
            "\\u8364?",
        ];
        let mut x = 1u32;
        let mut v = Vec::new();
        while v.len() < 64 * 1024 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            v.extend_from_slice(words[(x >> 16) as usize % words.len()].as_bytes());
        }
        parts.push(v);
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
    out
}

fn decompress(c: &mut Criterion) {
    let raw = sample_rtf(8 << 20);
    let stream = ms_oxrtfcp::compress(&raw).unwrap();
    // Both decoders agree on this input.
    let peer = compressed_rtf::decompress_rtf(&stream).unwrap();
    assert_eq!(
        peer.chars().map(|c| c as u32 as u8).collect::<Vec<_>>(),
        raw
    );
    assert_eq!(
        ms_oxrtfcp::decompress(&stream, &Options::strict())
            .unwrap()
            .value
            .data,
        raw
    );

    let mut g = c.benchmark_group("oxrtfcp_decompress");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", raw.len()), &stream, |b, s| {
        b.iter(|| {
            ms_oxrtfcp::decompress(black_box(s), &Options::default())
                .unwrap()
                .value
                .data
                .len()
        })
    });
    g.bench_with_input(
        BenchmarkId::new("msox_streaming_64k", raw.len()),
        &stream,
        |b, s| {
            b.iter(|| {
                let mut d = ms_oxrtfcp::Decompressor::new(&Options::default());
                let mut out = Vec::with_capacity(1 << 17);
                let mut n = 0;
                for piece in black_box(s).chunks(64 * 1024) {
                    d.feed(piece, &mut out).unwrap();
                    n += out.len();
                    out.clear();
                }
                d.finish().unwrap();
                n
            })
        },
    );
    g.bench_with_input(
        BenchmarkId::new("compressed-rtf", raw.len()),
        &stream,
        |b, s| b.iter(|| compressed_rtf::decompress_rtf(black_box(s)).unwrap().len()),
    );
    g.finish();
}

fn compress(c: &mut Criterion) {
    // The peer compresses at about 1 MB/s: a 256 KiB input keeps this short.
    let raw = sample_rtf(256 << 10);
    let text: String = raw.iter().map(|&b| b as char).collect();
    // Both implement the spec's choice of references: the same bytes.
    assert_eq!(
        ms_oxrtfcp::compress(&raw).unwrap(),
        compressed_rtf::compress_rtf(&text).unwrap()
    );
    let mut g = c.benchmark_group("oxrtfcp_compress");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(raw.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", raw.len()), &raw, |b, r| {
        b.iter(|| ms_oxrtfcp::compress(black_box(r)).unwrap().len())
    });
    g.bench_with_input(
        BenchmarkId::new("compressed-rtf", raw.len()),
        &text,
        |b, t| b.iter(|| compressed_rtf::compress_rtf(black_box(t)).unwrap().len()),
    );
    g.finish();
}

criterion_group!(benches, decompress, compress);
criterion_main!(benches);
