//! ms-oxcfxics: FastTransfer stream parsing and writing (messageContent),
//! and IDSET / GLOBSET decoding and encoding. No crate on crates.io reads
//! FastTransfer streams or IDSETs, so there is no peer here.
//!
//! Inputs:
//! - FastTransfer: the corpus has no FastTransfer stream, so streams are
//!   written by msox: `generated-note`, an 860 KB messageContent of an
//!   IPM.Note (text and HTML bodies, 50 recipients, 12 attachments of
//!   64 KiB, named properties: mostly attachment bytes, which the parser
//!   borrows); and `corpus-msg`, the messageContent of each corpus
//!   .msg under 1 MB that a FastTransfer stream can carry (read with
//!   ms-oxmsg, written with [`encode_message_content`]), parsed one after
//!   the other (throughput over their total size). Variants:
//!   `msox-events` ([`parse_stream`]: the whole stream as borrowed
//!   [`Event`](ms_oxcfxics::Event)s), `msox-events-4KiB-pieces`
//!   ([`parse_pieces`] over 4 KiB pieces, as RopFastTransferSourceGetBuffer
//!   hands them out), `msox-message` ([`decode_message_content`]: into the
//!   ms-oxcmsg model); writing is [`encode_message_content`] of the model;
//! - IDSET: `corpus-idsets`, the valid serialized IDSETs of
//!   `fxics/idset` (OpenChange's tests, REPLID and REPLGUID forms; a few
//!   hundred bytes in all) when the corpus is there, and `generated-3-replicas`,
//!   a REPLID IDSET of three replicas with 30,000 ranges each (IDs with
//!   gaps, as a long-lived folder's MetaTagIdsetGiven looks);
//!   `globset-30000-ranges` is one of its GLOBSETs alone.
//!
//! Throughput is over the encoded size. Quick run:
//! `cargo bench -p msox-benches --bench oxcfxics -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcfxics::{
    GlobSet, IdSetReplGuid, IdSetReplId, Root, decode_message_content, encode_message_content,
    parse_pieces, parse_stream,
};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Encode, Options};
use std::hint::black_box;

fn generated_message() -> Message {
    let mut m = Message::new("IPM.Note");
    m.set_subject("Quarterly report");
    m.set_body(&"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(400));
    m.set_html_body(
        format!(
            "<html><body>{}</body></html>",
            "<p>Lorem ipsum <b>dolor</b> sit amet.</p>".repeat(500)
        )
        .into_bytes(),
    );
    for i in 0..50 {
        m.recipients.push(Recipient::new(
            &format!("User {i}"),
            &format!("user{i}@example.com"),
            RecipientType::To,
        ));
    }
    m.properties.set_named(
        &ms_oxprops::named::PidNameKeywords,
        ms_oxcdata::PropertyValue::MultipleString(vec!["report".into(), "q3".into()]),
    );
    let mut x = 7u32;
    for i in 0..12 {
        let data: Vec<u8> = (0..64 * 1024)
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
    m
}

/// The messageContent streams of the corpus .msg files under 1 MB that a
/// FastTransfer stream can carry.
fn corpus_streams() -> Vec<Vec<u8>> {
    let mut files = msox_testkit::corpus::files("msg", &[".msg"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    files
        .into_iter()
        .filter(|e| e.size < 1 << 20)
        .filter_map(|e| {
            let b = std::fs::read(&e.path).ok()?;
            let f = MsgFile::decode_bytes(&b, &Options::lenient()).ok()?.value;
            let s = encode_message_content(&f.message).ok()?;
            // Only streams that read back strictly.
            parse_stream(&s, Root::MessageContent, &Options::strict()).ok()?;
            Some(s)
        })
        .collect()
}

fn fast_transfer(c: &mut Criterion) {
    let opts = Options::default();
    let generated = encode_message_content(&generated_message()).unwrap();
    let mut inputs: Vec<(&str, Vec<Vec<u8>>)> = vec![("generated-note", vec![generated])];
    let corpus = corpus_streams();
    if !corpus.is_empty() {
        inputs.push(("corpus-msg", corpus));
    }
    let mut g = c.benchmark_group("oxcfxics_fast_transfer_parse");
    for (name, streams) in &inputs {
        let size: usize = streams.iter().map(Vec::len).sum();
        let events: usize = streams
            .iter()
            .map(|s| {
                parse_stream(s, Root::MessageContent, &opts)
                    .unwrap()
                    .value
                    .len()
            })
            .sum();
        eprintln!(
            "{name}: {} streams, {size} bytes, {events} events",
            streams.len()
        );
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox-events", name), streams, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|s| {
                        parse_stream(black_box(s), Root::MessageContent, &opts)
                            .unwrap()
                            .value
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        g.bench_with_input(
            BenchmarkId::new("msox-events-4KiB-pieces", name),
            streams,
            |bn, v| {
                bn.iter(|| {
                    v.iter()
                        .map(|s| {
                            parse_pieces(black_box(s).chunks(4096), Root::MessageContent, &opts)
                                .unwrap()
                                .value
                                .len()
                        })
                        .sum::<usize>()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("msox-message", name), streams, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|s| {
                        decode_message_content(black_box(s), &opts)
                            .unwrap()
                            .value
                            .attachments
                            .len()
                    })
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("oxcfxics_fast_transfer_write");
    for (name, streams) in &inputs {
        let size: usize = streams.iter().map(Vec::len).sum();
        let msgs: Vec<Message> = streams
            .iter()
            .map(|s| decode_message_content(s, &opts).unwrap().value)
            .collect();
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox-message", name), &msgs, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|m| encode_message_content(black_box(m)).unwrap().len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

/// A REPLID IDSET of three replicas, 30,000 ranges each (runs of 1-8 IDs
/// with gaps of 1-16).
fn generated_idset() -> IdSetReplId {
    let mut set = IdSetReplId::new();
    let mut x = 12_345u32;
    for replica in 1..=3u16 {
        let mut v = 0x1_0000u64;
        for _ in 0..30_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let run = u64::from(x % 8);
            set.insert_range(replica, v, v + run).unwrap();
            v += run + 2 + u64::from((x >> 8) % 16);
        }
    }
    set
}

fn idsets(c: &mut Criterion) {
    let opts = Options::default();
    // (name, is REPLGUID form, bytes)
    let corpus: Vec<(bool, Vec<u8>)> = msox_testkit::corpus::files("fxics/idset", &[".bin"])
        .into_iter()
        .filter(|e| !e.file.contains("invalid"))
        .map(|e| (e.file.contains("replguid"), std::fs::read(&e.path).unwrap()))
        .collect();
    let decode_one = |guid: bool, b: &[u8]| -> u64 {
        if guid {
            IdSetReplGuid::decode_bytes(b, &opts).unwrap().value.len()
        } else {
            IdSetReplId::decode_bytes(b, &opts).unwrap().value.len()
        }
    };
    let set = generated_idset();
    let bytes = set.to_vec().unwrap();
    let glob = set.globset(&1).unwrap().clone();
    let glob_bytes = glob.to_vec().unwrap();
    assert_eq!(IdSetReplId::decode_exact(&bytes).unwrap(), set);
    eprintln!(
        "generated-3-replicas: {} IDs, {} bytes; globset: {} ranges, {} bytes",
        set.len(),
        bytes.len(),
        glob.ranges().len(),
        glob_bytes.len()
    );

    let mut g = c.benchmark_group("oxcfxics_idset_decode");
    if !corpus.is_empty() {
        let size: usize = corpus.iter().map(|(_, b)| b.len()).sum();
        eprintln!("corpus-idsets: {} sets, {size} bytes", corpus.len());
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_function(BenchmarkId::new("msox", "corpus-idsets"), |bn| {
            bn.iter(|| {
                corpus
                    .iter()
                    .map(|(guid, b)| decode_one(*guid, black_box(b)))
                    .sum::<u64>()
            })
        });
    }
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "generated-3-replicas"), |bn| {
        bn.iter(|| {
            IdSetReplId::decode_bytes(black_box(&bytes), &opts)
                .unwrap()
                .value
                .len()
        })
    });
    g.throughput(Throughput::Bytes(glob_bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "globset-30000-ranges"), |bn| {
        bn.iter(|| {
            GlobSet::decode_bytes(black_box(&glob_bytes), &opts)
                .unwrap()
                .value
                .len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("oxcfxics_idset_encode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "generated-3-replicas"), |bn| {
        bn.iter(|| black_box(&set).to_vec().unwrap())
    });
    g.throughput(Throughput::Bytes(glob_bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "globset-30000-ranges"), |bn| {
        bn.iter(|| black_box(&glob).to_vec().unwrap())
    });
    g.finish();
}

/// Two REPLID IDSETs of 1,000,000 IDs each on one replica (500,000 runs of
/// two IDs, every fourth pair; the second set shifted by two, so their
/// union is 2,000,000 IDs in one range): union and difference, throughput
/// in IDs of the inputs.
fn idset_union(c: &mut Criterion) {
    let mut a = IdSetReplId::new();
    let mut b = IdSetReplId::new();
    for i in 0..500_000u64 {
        a.insert_range(1, 0x1_0000 + i * 4, 0x1_0000 + i * 4 + 1)
            .unwrap();
        b.insert_range(1, 0x1_0000 + i * 4 + 2, 0x1_0000 + i * 4 + 3)
            .unwrap();
    }
    let mut g = c.benchmark_group("oxcfxics_idset_union");
    g.sample_size(20);
    g.throughput(Throughput::Elements(2_000_000));
    g.bench_function(BenchmarkId::new("msox", "union-2x1M-ids"), |bn| {
        bn.iter(|| black_box(&a).union(black_box(&b)))
    });
    g.bench_function(BenchmarkId::new("msox", "difference-2x1M-ids"), |bn| {
        bn.iter(|| black_box(&a).difference(black_box(&b)))
    });
    g.finish();
}

criterion_group!(benches, fast_transfer, idsets, idset_union);
criterion_main!(benches);
