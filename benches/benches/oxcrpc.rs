//! ms-oxcrpc: [MS-XCA] plain LZ77 decompression and compression, with the
//! crates.io `rust-lzxpress` crate (=0.7.1, library `lzxpress`)
//! decompressing the same streams in the same group, and ExtendedBuffer
//! decoding.
//!
//! Inputs:
//! - `rop-001`, `rop-002`: the ROP buffers of OpenChange's two Outlook 2007
//!   EcDoRpcExt2 captures (`rops/openchange-00N_*.rgbIn-decompressed.bin`,
//!   459 and 380 bytes) when the corpus is there; the decompress group
//!   also times Outlook's own compressed stream of them (`outlook-00N`,
//!   cut out of the `_comp.dat` stub);
//! - `mixed-4MiB`: the corpus's .msg files concatenated to 4 MiB (real
//!   binary and text; synthetic records when the corpus is absent).
//!
//! Streams are written by our compressor. rust-lzxpress refuses a stream
//! that ends with a fresh flag word holding only the end bit (a deviation
//! documented in `crates/ms-oxcrpc/tests/peer.rs`); where that happens it is
//! timed on the stream without that word, which it reads to the same bytes.
//! Its compressor writes broken streams for some inputs, so it is not timed.
//! Throughput is over the decompressed size for LZ77, over the wire size
//! for ExtendedBuffer. Quick run:
//! `cargo bench -p msox-benches --bench oxcrpc -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcrpc::lz77::{self, Lz77Payload};
use ms_oxcrpc::{EcDoRpcExt2Request, ExtendedBuffer, RpcHeaderExtFlags};
use msox_codec::{Decode, Encode, Options};
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

/// The corpus captures: `(name, EcDoRpcExt2 stub, decompressed rgbIn)`.
fn captures() -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let dir = msox_benches::corpus_dir().join("rops");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut stubs: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("_comp.dat"))
        .collect();
    stubs.sort();
    stubs
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            // openchange-001_... -> rop-001
            let short = format!("rop-{}", &name[11..14]);
            let stub = std::fs::read(&p).unwrap();
            let rops = std::fs::read(
                p.to_string_lossy()
                    .replace(".dat", ".rgbIn-decompressed.bin"),
            )
            .unwrap();
            (short, stub, rops)
        })
        .collect()
}

/// The peer's decompression of `s`: the stream as it is, or without a
/// final flag word holding only the end bit (see the module docs). Returns
/// the stream the peer reads.
fn peer_stream(s: &[u8], expect: &[u8]) -> Option<Vec<u8>> {
    if lzxpress::data::decompress(s).ok().as_deref() == Some(expect) {
        return Some(s.to_vec());
    }
    let cut = &s[..s.len().checked_sub(4)?];
    (lzxpress::data::decompress(cut).ok().as_deref() == Some(expect)).then(|| cut.to_vec())
}

fn lz77_inputs() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = captures()
        .into_iter()
        .map(|(name, _, rops)| (name, rops))
        .collect();
    v.push(("mixed-4MiB".to_string(), mixed(4 << 20)));
    v
}

fn decompress(c: &mut Criterion) {
    let mut g = c.benchmark_group("oxcrpc_lz77_decompress");
    let mut streams: Vec<(String, Vec<u8>, Vec<u8>)> = lz77_inputs()
        .into_iter()
        .map(|(name, data)| (name, lz77::compress(&data), data))
        .collect();
    // Outlook's own streams of the captured ROP buffers.
    for (name, stub, rops) in captures() {
        let req = EcDoRpcExt2Request::decode_exact(&stub).unwrap();
        let size = usize::from(req.rgb_in.segments[0].header.size);
        let outlook = stub[0x1c + 8..0x1c + 8 + size].to_vec();
        streams.push((name.replace("rop-", "outlook-"), outlook, rops));
    }
    for (name, stream, data) in &streams {
        let ours = Lz77Payload::decode_bytes(stream, &Options::strict()).unwrap();
        assert_eq!(&ours.value.data, data, "{name}");
        eprintln!(
            "{name}: {} bytes -> {} bytes compressed",
            data.len(),
            stream.len()
        );
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), stream, |b, s| {
            b.iter(|| {
                Lz77Payload::decode_bytes(black_box(s), &Options::default())
                    .unwrap()
                    .value
                    .data
                    .len()
            })
        });
        g.bench_with_input(BenchmarkId::new("msox-no-session", name), stream, |b, s| {
            b.iter(|| {
                lz77::decompress_bytes(black_box(s), data.len())
                    .unwrap()
                    .len()
            })
        });
        match peer_stream(stream, data) {
            Some(p) => {
                g.bench_with_input(BenchmarkId::new("lzxpress", name), &p, |b, s| {
                    b.iter(|| lzxpress::data::decompress(black_box(s)).unwrap().len())
                });
            }
            None => eprintln!("{name}: rust-lzxpress does not read this stream; not timed"),
        }
    }
    g.finish();
}

fn compress(c: &mut Criterion) {
    let mut g = c.benchmark_group("oxcrpc_lz77_compress");
    for (name, data) in lz77_inputs() {
        g.throughput(Throughput::Bytes(data.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", &name), &data, |b, d| {
            b.iter(|| lz77::compress(black_box(d)).len())
        });
    }
    g.finish();
}

fn extended_buffer(c: &mut Criterion) {
    let mut g = c.benchmark_group("oxcrpc_ext_buffer_decode");
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, stub, _) in captures() {
        // rgbIn: cbIn at 0x18, the buffer after it.
        let cb = u32::from_le_bytes(stub[0x18..0x1c].try_into().unwrap()) as usize;
        inputs.push((format!("{name}-rgbIn"), stub[0x1c..0x1c + cb].to_vec()));
    }
    // 4 MiB of ROP-like data packed in 32 KiB segments, compressed and
    // obfuscated, as a server's response buffer would be.
    let data = mixed(4 << 20);
    let flags = RpcHeaderExtFlags::COMPRESSED | RpcHeaderExtFlags::XOR_MAGIC;
    let packed = ExtendedBuffer::packed(data.chunks(32 << 10).map(<[u8]>::to_vec), flags);
    inputs.push(("mixed-4MiB-packed".to_string(), packed.to_vec().unwrap()));
    for (name, wire) in &inputs {
        let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(wire, &Options::strict()).unwrap();
        assert_eq!(&d.value.to_vec().unwrap(), wire, "{name}");
        g.throughput(Throughput::Bytes(wire.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), wire, |b, w| {
            b.iter(|| {
                ExtendedBuffer::<Vec<u8>>::decode_bytes(black_box(w), &Options::default())
                    .unwrap()
                    .value
                    .segments
                    .len()
            })
        });
    }
    for (name, stub, _) in captures() {
        g.throughput(Throughput::Bytes(stub.len() as u64));
        g.bench_with_input(
            BenchmarkId::new("msox-rpc-ext2-request", &name),
            &stub,
            |b, s| {
                b.iter(|| {
                    EcDoRpcExt2Request::decode_bytes(black_box(s), &Options::default()).unwrap()
                })
            },
        );
    }
    g.finish();
}

criterion_group!(benches, decompress, compress, extended_buffer);
criterion_main!(benches);
