//! ms-oxcmapihttp: the Execute response body, and the incremental parser
//! of a MAPI/HTTP response stream (meta-tags, additional headers, body;
//! the HTTP chunked transfer coding under it). No crate on crates.io reads
//! MAPI/HTTP bodies, so there is no peer here.
//!
//! Inputs (generated; the corpus holds no MAPI/HTTP traffic):
//! `execute-rops-32KiB` and `execute-rops-1MiB`, Execute response bodies
//! (StatusCode, ErrorCode, Flags, RopBuffer, a 64-byte AuxiliaryBuffer)
//! whose RopBuffer is a compressed, packed [MS-OXCRPC] extended buffer of
//! that much ROP-like data (bodies of 5 KB and 153 KB), written by msox.
//! The body parse takes the RopBuffer as bytes (one copy), so it runs at
//! memory speed. Groups:
//! - `oxcmapihttp_execute_decode` / `_encode`: the body alone;
//! - `oxcmapihttp_response_stream`: the whole response stream of
//!   `execute-rops-1MiB` (PROCESSING, three PENDING keep-alives, DONE,
//!   X-ElapsedTime and X-StartTime, the body): `msox-parse-all`
//!   ([`ResponseStream::parse_all`] over the stream in one buffer, then
//!   the body decoded), `msox-4KiB-pieces` (fed in 4 KiB pieces as they
//!   would arrive), `msox-chunked-4KiB-pieces` (the stream under the HTTP
//!   chunked coding in 4 KiB chunks, fed in 4 KiB pieces through
//!   [`TransferDecoder`] then [`ResponseStream`]; throughput over the
//!   chunked size).
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench oxcmapihttp -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcmapihttp::chunked::{
    Event, MetaTag, ResponseStream, TransferDecoder, write_response_stream,
};
use ms_oxcmapihttp::{ExecuteResponse, ExecuteSuccess, Response};
use ms_oxcrpc::{ExtendedBuffer, RpcHeaderExtFlags};
use msox_codec::{Decode, Encode, Options};
use std::hint::black_box;

/// ROP-like data (a RopQueryRows-shaped run of rows) of `size` bytes.
fn rop_data(size: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(size);
    let mut i = 0u32;
    while out.len() < size {
        out.push(0);
        out.extend_from_slice(&(0x0001_0000_0000_0000u64 | u64::from(i)).to_le_bytes());
        out.extend_from_slice(&(1000 + i).to_le_bytes());
        for u in format!("Message subject number {i}")
            .encode_utf16()
            .chain([0])
        {
            out.extend_from_slice(&u.to_le_bytes());
        }
        i += 1;
    }
    out.truncate(size);
    out
}

fn execute_body(size: usize) -> Vec<u8> {
    let data = rop_data(size);
    let rop_buffer = ExtendedBuffer::packed(
        data.chunks(32 << 10).map(<[u8]>::to_vec),
        RpcHeaderExtFlags::COMPRESSED,
    )
    .to_vec()
    .unwrap();
    Response::Success(ExecuteSuccess {
        error_code: 0.into(),
        flags: 0,
        rop_buffer,
        auxiliary_buffer: vec![0x11; 64],
    })
    .to_vec()
    .unwrap()
}

/// The HTTP/1.1 chunked coding of `data` in chunks of `n` bytes.
fn chunked(data: &[u8], n: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() + data.len() / n * 8 + 16);
    for c in data.chunks(n) {
        out.extend_from_slice(format!("{:x}\r\n", c.len()).as_bytes());
        out.extend_from_slice(c);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

fn body_of(events: &[Event]) -> &[u8] {
    match events.last() {
        Some(Event::Body(b)) => b,
        e => panic!("no body: {e:?}"),
    }
}

fn execute(c: &mut Criterion) {
    let opts = Options::default();
    let inputs = [
        ("execute-rops-32KiB", execute_body(32 << 10)),
        ("execute-rops-1MiB", execute_body(1 << 20)),
    ];
    let mut g = c.benchmark_group("oxcmapihttp_execute_decode");
    for (name, b) in &inputs {
        let d = ExecuteResponse::decode_exact(b).unwrap();
        assert_eq!(&d.to_vec().unwrap(), b);
        eprintln!("{name}: {} bytes", b.len());
        g.throughput(Throughput::Bytes(b.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), b, |bn, b| {
            bn.iter(|| ExecuteResponse::decode_bytes(black_box(b), &opts).unwrap())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("oxcmapihttp_execute_encode");
    for (name, b) in &inputs {
        let d = ExecuteResponse::decode_exact(b).unwrap();
        g.throughput(Throughput::Bytes(b.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), &d, |bn, d| {
            bn.iter(|| black_box(d).to_vec().unwrap())
        });
    }
    g.finish();
}

fn stream(c: &mut Criterion) {
    let opts = Options::default();
    let body = execute_body(1 << 20);
    let s = write_response_stream(
        &[
            MetaTag::Processing,
            MetaTag::Pending,
            MetaTag::Pending,
            MetaTag::Pending,
            MetaTag::Done,
        ],
        &[
            ("X-ElapsedTime", "1234"),
            ("X-StartTime", "Mon, 01 Jan 2024 00:00:00 GMT"),
        ],
        &body,
    );
    let wire = chunked(&s, 4096);
    let (events, _) = ResponseStream::parse_all(&s, &Options::strict()).unwrap();
    assert_eq!(body_of(&events), &body[..]);
    eprintln!(
        "execute-rops-1MiB stream: {} bytes, chunked {} bytes",
        s.len(),
        wire.len()
    );

    let mut g = c.benchmark_group("oxcmapihttp_response_stream");
    g.throughput(Throughput::Bytes(s.len() as u64));
    g.bench_function(
        BenchmarkId::new("msox-parse-all", "execute-rops-1MiB"),
        |bn| {
            bn.iter(|| {
                let (ev, _) = ResponseStream::parse_all(black_box(&s), &opts).unwrap();
                ExecuteResponse::decode_bytes(body_of(&ev), &opts).unwrap();
                ev.len()
            })
        },
    );
    g.bench_function(
        BenchmarkId::new("msox-4KiB-pieces", "execute-rops-1MiB"),
        |bn| {
            bn.iter(|| {
                let mut p = ResponseStream::with_options(&opts);
                let mut ev = Vec::new();
                for piece in black_box(&s).chunks(4096) {
                    ev.extend(p.feed(piece).unwrap());
                }
                ev.extend(p.finish().unwrap());
                ExecuteResponse::decode_bytes(body_of(&ev), &opts).unwrap();
                ev.len()
            })
        },
    );
    g.throughput(Throughput::Bytes(wire.len() as u64));
    g.bench_function(
        BenchmarkId::new("msox-chunked-4KiB-pieces", "execute-rops-1MiB"),
        |bn| {
            bn.iter(|| {
                let mut t = TransferDecoder::new();
                let mut p = ResponseStream::with_options(&opts);
                let mut ev = Vec::new();
                for piece in black_box(&wire).chunks(4096) {
                    let inner = t.feed(piece).unwrap();
                    ev.extend(p.feed(&inner).unwrap());
                }
                assert!(t.is_done());
                ev.extend(p.finish().unwrap());
                ExecuteResponse::decode_bytes(body_of(&ev), &opts).unwrap();
                ev.len()
            })
        },
    );
    g.finish();
}

criterion_group!(benches, execute, stream);
criterion_main!(benches);
