//! Hostile input, per attack class, at 1x, 4x and 16x sizes: the time per
//! input MB must stay flat (or fall, where a budget stops the work early)
//! as the input grows. A class whose time per MB grows with the size has a
//! cost superlinear in its input: a bug.
//!
//! Each input goes through the library's own entry point with the default
//! [`Options`] (lenient, default limits), as an application would call it:
//!
//! | class | input | entry point |
//! |---|---|---|
//! | `tnef_property_flood` | `generate::tnef_property_flood(n)`: one attMAPIProps of n named properties | `ms_oxtnef::to_message` |
//! | `tnef_nested` | `generate::tnef_nested(levels, payload)`: TNEF in TNEF, levels and payload both scaled | `ms_oxtnef::to_message` |
//! | `cfb_fat_cycle` | `generate::cfb_fat_cycle(entries, 1 MiB)`: every stream in a 2-sector FAT cycle claiming 1 MiB | `ms_cfb::read_file` |
//! | `msg_fat_cycle` | the same file | `ms_oxmsg::MsgFile::decode_bytes` |
//! | `wbxml_string_table` | `generate::wbxml_string_table(16 KiB, refs)`: one string referenced `refs` times | `ms_aswbxml::wbxml_to_xml_into` into a `CountingSink` |
//! | `restriction_nesting` | `generate::restriction_nesting(depth)`: RES_NOT `depth` deep | `Restriction::decode_bytes_with` (ROP) |
//! | `lzfu_zeros` | zeros compressed by `ms_oxrtfcp::compress` | `ms_oxrtfcp::decompress_to` into a `CountingSink` |
//! | `lzx_zeros` | an LZXD file whose every block is 8 MiB of zeros (`ms_patch::compress_file`) | `ms_patch::decompress_file_to` into a `CountingSink` |
//! | `mszip_zeros` | 32 KiB blocks of zeros by `ms_mci::MszipEncoder` | `ms_mci::decompress_to` into a `CountingSink` |
//!
//! Throughput is `Throughput::Bytes(input length)`, so criterion's
//! throughput is the inverse of the time per input byte. The bombs and the
//! string-table amplification stop at the session's output budget
//! (`Limits::output_cap`: 200 bytes per input byte, at least 64 MiB, at
//! most 1 GiB); their time per MB falls from 1x while the 64 MiB floor
//! dominates, then stays flat. Setup prints every input's size and what
//! the entry point returned. Quick run, then the table of time per MB:
//! `cargo bench -p msox-benches --bench hostile -- --warm-up-time 1 --measurement-time 3`
//! `benches/hostile-table.py`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcdata::{Restriction, ValueContext};
use msox_codec::{CountingSink, Decode, DecodeWith, Decoded, Encode, Options, Result};
use msox_testkit::generate;
use std::hint::black_box;

/// The size multipliers.
const SCALES: [u32; 3] = [1, 4, 16];

/// One attack class: its inputs by scale, and how to decode one (the
/// returned count is what was produced: bytes, properties, entries).
struct Class {
    name: &'static str,
    make: fn(u32) -> Vec<u8>,
    run: fn(&[u8]) -> Result<u64>,
}

fn count<T>(d: Result<Decoded<T>>, f: impl FnOnce(&T) -> u64) -> Result<u64> {
    d.map(|d| f(&d.value))
}

fn opts() -> Options {
    Options::default()
}

/// Properties and attachments of the message and of every message
/// embedded in it, at any depth.
fn message_size(m: &ms_oxcmsg::Message) -> u64 {
    std::iter::once(m)
        .chain(m.embedded_messages())
        .map(|m| (m.properties.len() + m.attachments.len()) as u64)
        .sum()
}

fn tnef_message(b: &[u8]) -> Result<u64> {
    count(ms_oxtnef::to_message(b, &opts()), message_size)
}

fn cfb_read(b: &[u8]) -> Result<u64> {
    count(ms_cfb::read_file(b, &opts()), |f| f.streams.len() as u64)
}

fn msg_read(b: &[u8]) -> Result<u64> {
    count(ms_oxmsg::MsgFile::decode_bytes(b, &opts()), |f| {
        f.message.properties.len() as u64
    })
}

fn wbxml_xml(b: &[u8]) -> Result<u64> {
    let mut sink = CountingSink::default();
    ms_aswbxml::wbxml_to_xml_into(
        b,
        ms_aswbxml::Framing::Document,
        &opts(),
        ms_aswbxml::XmlOptions::default(),
        &mut sink,
    )?;
    Ok(sink.count)
}

fn restriction(b: &[u8]) -> Result<u64> {
    count(
        Restriction::decode_bytes_with(b, ValueContext::ROP, &opts()),
        |r| r.depth() as u64,
    )
}

fn lzfu(b: &[u8]) -> Result<u64> {
    let mut sink = CountingSink::default();
    ms_oxrtfcp::decompress_to(b, &opts(), &mut sink)?;
    Ok(sink.count)
}

fn lzx(b: &[u8]) -> Result<u64> {
    let mut sink = CountingSink::default();
    ms_patch::decompress_file_to(b, &opts(), &ms_patch::FileOptions::default(), &mut sink)?;
    Ok(sink.count)
}

fn mszip(b: &[u8]) -> Result<u64> {
    let mut sink = CountingSink::default();
    ms_mci::decompress_to(b, &opts(), &mut sink)?;
    Ok(sink.count)
}

/// An LZXD file of `blocks` blocks, each 8 MiB of zeros (one block
/// compressed once, repeated).
fn lzx_zeros(blocks: u32) -> Vec<u8> {
    const BLOCK: usize = 8 << 20;
    let one = ms_patch::compress_file(
        &vec![0u8; BLOCK],
        &ms_patch::WriteOptions {
            block_max: BLOCK,
            ..ms_patch::WriteOptions::level(6)
        },
    )
    .unwrap();
    let f = ms_patch::LzxdFile::decode_exact(&one).unwrap();
    assert_eq!(f.blocks.len(), 1);
    let mut many = f.clone();
    many.header.target_size = blocks * BLOCK as u32;
    many.blocks = vec![f.blocks[0].clone(); blocks as usize];
    many.to_vec().unwrap()
}

/// MSZIP blocks of zeros, `blocks` × 32 KiB of output.
fn mszip_zeros(blocks: u32) -> Vec<u8> {
    let mut enc = ms_mci::MszipEncoder::new(9);
    let zeros = vec![0u8; ms_mci::MAX_BLOCK_DATA];
    let mut out = Vec::new();
    for _ in 0..blocks {
        enc.encode_block(&zeros, &mut out).unwrap();
    }
    out
}

const CLASSES: &[Class] = &[
    Class {
        name: "tnef_property_flood",
        make: |s| generate::tnef_property_flood(20_000 * s),
        run: tnef_message,
    },
    Class {
        name: "tnef_nested",
        make: |s| generate::tnef_nested(2 * s, (64 << 10) * s as usize),
        run: tnef_message,
    },
    Class {
        name: "cfb_fat_cycle",
        make: |s| generate::cfb_fat_cycle(5_000 * s, 1 << 20),
        run: cfb_read,
    },
    Class {
        name: "msg_fat_cycle",
        make: |s| generate::cfb_fat_cycle(5_000 * s, 1 << 20),
        run: msg_read,
    },
    Class {
        name: "wbxml_string_table",
        make: |s| generate::wbxml_string_table(16 << 10, 40_000 * s),
        run: wbxml_xml,
    },
    Class {
        name: "restriction_nesting",
        make: |s| generate::restriction_nesting((64 << 10) * s as usize),
        run: restriction,
    },
    Class {
        name: "lzfu_zeros",
        make: |s| ms_oxrtfcp::compress(&vec![0u8; (4 << 20) * s as usize]).unwrap(),
        run: lzfu,
    },
    Class {
        name: "lzx_zeros",
        make: |s| lzx_zeros(8 * s),
        run: lzx,
    },
    Class {
        name: "mszip_zeros",
        make: |s| mszip_zeros(1024 * s),
        run: mszip,
    },
];

fn hostile(c: &mut Criterion) {
    let mut g = c.benchmark_group("hostile");
    g.sample_size(10);
    for class in CLASSES {
        for s in SCALES {
            let input = (class.make)(s);
            let t = std::time::Instant::now();
            let outcome = match (class.run)(&input) {
                Ok(n) => format!("ok, {n}"),
                Err(e) => format!("error: {e}"),
            };
            eprintln!(
                "{}/{s}x: {} input bytes; {outcome} ({:.3} s)",
                class.name,
                input.len(),
                t.elapsed().as_secs_f64()
            );
            g.throughput(Throughput::Bytes(input.len() as u64));
            g.bench_with_input(
                BenchmarkId::new(class.name, format!("{s}x")),
                &input,
                |b, i| b.iter(|| (class.run)(black_box(i))),
            );
        }
    }
    g.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
