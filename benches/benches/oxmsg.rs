//! ms-oxmsg: open + full read of .msg files, with the crates.io
//! `msg_parser` crate (0.3.6, the version the peer scripts use) in the same
//! group.
//!
//! Inputs: the two largest corpus files (`msg/hiraoka-Many_entities.msg`,
//! `msg/msgparserrs-test_email.msg`) when the corpus is there, and a
//! generated 5 MiB .msg (20 attachments of 256 KiB, a text body, named
//! properties) written by msox. Throughput is over the file size. `memcpy`
//! in the same group copies each input into a new buffer: the floor of a
//! read that gives owned values.
//!
//! Quick run: `cargo bench -p msox-benches --bench oxmsg -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Options};
use std::hint::black_box;

fn generated() -> Vec<u8> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("bench");
    m.set_body(&"Lorem ipsum dolor sit amet. ".repeat(200));
    m.recipients
        .push(Recipient::new("Ann", "ann@example.com", RecipientType::To));
    m.properties.set_named(
        &ms_oxprops::named::PidNameKeywords,
        ms_oxcdata::PropertyValue::MultipleString(vec!["a".into(), "b".into()]),
    );
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
        m.attachments
            .push(Attachment::by_value(&format!("file{i}.bin"), data));
    }
    MsgFile::new(m).to_bytes().unwrap()
}

fn bench(c: &mut Criterion) {
    let mut inputs = vec![("generated-5MiB".to_string(), generated())];
    for f in [
        "msg/hiraoka-Many_entities.msg",
        "msg/msgparserrs-test_email.msg",
    ] {
        if let Some(b) = msox_benches::corpus_file(f) {
            inputs.push((f.trim_start_matches("msg/").to_string(), b));
        }
    }
    let mut g = c.benchmark_group("msg-open-read");
    for (name, b) in &inputs {
        g.throughput(Throughput::Bytes(b.len() as u64));
        let f = MsgFile::decode_bytes(b, &Options::default()).unwrap().value;
        let theirs = msg_parser::Outlook::from_slice(b);
        eprintln!(
            "{name}: msox {} attachments; msg_parser {:?}",
            f.message.attachments.len(),
            theirs.as_ref().map(|o| o.attachments.len())
        );
        g.bench_with_input(BenchmarkId::new("msox", name), b, |bn, b| {
            bn.iter(|| black_box(MsgFile::decode_bytes(b, &Options::default()).unwrap()))
        });
        // The floor of an owned read: the same bytes copied into a new
        // buffer (what #23 compares a full read with: within 1.5x).
        g.bench_with_input(BenchmarkId::new("memcpy", name), b, |bn, b| {
            bn.iter(|| black_box(black_box(b.as_slice()).to_vec()))
        });
        if theirs.is_ok() {
            g.bench_with_input(BenchmarkId::new("msg_parser", name), b, |bn, b| {
                bn.iter(|| black_box(msg_parser::Outlook::from_slice(b).unwrap()))
            });
        }
    }
    g.finish();
    let mut w = c.benchmark_group("msg-write");
    let f = MsgFile::decode_bytes(&inputs[0].1, &Options::default())
        .unwrap()
        .value;
    w.throughput(Throughput::Bytes(inputs[0].1.len() as u64));
    w.bench_function("msox-write-5MiB", |bn| {
        bn.iter(|| black_box(f.to_bytes().unwrap()))
    });
    w.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
