//! ms-oxtnef: parse + attachment extraction throughput, with the crates.io
//! `tnef` crate (0.1.1, attachments only) in the same group.
//!
//! Inputs: the largest corpus TNEF file (`tnef/mimekit/christmas.tnef`,
//! 821 KB) when the corpus is there, and a generated 5 MiB stream
//! (20 attachments of 256 KiB plus properties) written by msox in the
//! Outlook shape (legacy attributes + attMAPIProps), which both readers
//! understand. Variants:
//! - `msox-attributes`: decode the attribute layer and collect the
//!   attachments' data (borrowed, no copy), as `tnef::read_attachments` does;
//! - `msox-attributes-no-checksums`: the same with
//!   `TnefOptions::verify_checksums = false` (the data is not read at all);
//! - `msox-message`: the full read into the ms-oxcmsg model (every property
//!   decoded, attachment bytes copied into the model);
//! - `tnef-crate`: `tnef::read_attachments`.
//!
//! Quick run: `cargo bench -p msox-benches --bench oxtnef -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcmsg::{Attachment, Message};
use ms_oxtnef::{AttributeId, AttributeLevel, TnefOptions, TnefStream, WriteOptions};
use msox_codec::{DecodeWith, Options};
use std::hint::black_box;

fn generated() -> Vec<u8> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("bench");
    m.set_body(&"Lorem ipsum dolor sit amet. ".repeat(200));
    let mut x = 7u32;
    for i in 0..20 {
        let data: Vec<u8> = (0..256 * 1024)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                x as u8
            })
            .collect();
        let mut a = Attachment::by_value(&format!("file{i}.bin"), data);
        // The tnef crate skips attachments without both legacy dates.
        let t =
            ms_oxcdata::PropertyValue::Time(ms_dtyp::FileTime::from_unix_seconds(1_700_000_000));
        a.properties
            .set(ms_oxprops::tags::PidTagCreationTime, t.clone());
        a.properties
            .set(ms_oxprops::tags::PidTagLastModificationTime, t);
        m.attachments.push(a);
    }
    ms_oxtnef::message_to_bytes(&m, &WriteOptions::default()).unwrap()
}

fn msox_attachments(b: &[u8], verify_checksums: bool) -> usize {
    let t = TnefOptions { verify_checksums };
    let d = TnefStream::decode_bytes_with(b, t, &Options::default()).unwrap();
    let data: Vec<&[u8]> = d
        .value
        .attributes
        .iter()
        .filter(|a| a.level == AttributeLevel::Attachment && a.id == AttributeId::AttachData)
        .map(|a| &a.data[..])
        .collect();
    data.iter().map(|d| d.len()).sum()
}

fn bench(c: &mut Criterion) {
    let mut inputs = vec![("generated-5MiB", generated())];
    if let Some(b) = msox_benches::corpus_file("tnef/mimekit/christmas.tnef") {
        inputs.push(("christmas.tnef", b));
    }
    let mut g = c.benchmark_group("tnef-read-attachments");
    for (name, b) in &inputs {
        g.throughput(Throughput::Bytes(b.len() as u64));
        // Same attachments found by both.
        let ours = msox_attachments(b, true);
        let theirs =
            tnef::read_attachments(b).map(|v| v.iter().map(|a| a.data.len()).sum::<usize>());
        eprintln!("{name}: attachment bytes msox {ours}, tnef crate {theirs:?}");
        g.bench_with_input(BenchmarkId::new("msox-attributes", name), b, |bn, b| {
            bn.iter(|| black_box(msox_attachments(b, true)))
        });
        g.bench_with_input(
            BenchmarkId::new("msox-attributes-no-checksums", name),
            b,
            |bn, b| bn.iter(|| black_box(msox_attachments(b, false))),
        );
        g.bench_with_input(BenchmarkId::new("msox-message", name), b, |bn, b| {
            bn.iter(|| black_box(ms_oxtnef::to_message(b, &Options::default()).unwrap()))
        });
        // The tnef crate refuses christmas.tnef (InvalidMessageId(262153):
        // it rejects attribute IDs it does not know); it is timed where it reads.
        if theirs.is_ok() {
            g.bench_with_input(BenchmarkId::new("tnef-crate", name), b, |bn, b| {
                bn.iter(|| black_box(tnef::read_attachments(b).unwrap()))
            });
        }
    }
    g.finish();
    let mut w = c.benchmark_group("tnef-write");
    let (_, b) = &inputs[0];
    let m = ms_oxtnef::to_message(b, &Options::default()).unwrap().value;
    w.throughput(Throughput::Bytes(b.len() as u64));
    w.bench_function("msox-message-to-tnef", |bn| {
        bn.iter(|| black_box(ms_oxtnef::message_to_bytes(&m, &WriteOptions::default()).unwrap()))
    });
    w.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
