//! ms-oxcmail: .msg to .eml through the message model, and .eml to the
//! model, with the crates.io `mail-parser` crate (=0.11.9, the MIME peer of
//! the ms-oxcmail tests) parsing the same .eml files in the same group.
//! mail-parser builds its own MIME tree, not a MAPI message: it does less
//! than `mime_to_message` (no property mapping, no defects, no limits).
//!
//! Inputs:
//! - `msg_to_eml` group: `corpus-msg`, every corpus .msg under 1 MB that
//!   reads and converts (throughput over the .msg sizes): `msox-read-convert`
//!   (ms-oxmsg read, then [`message_to_mime`]) and `msox-convert` (the
//!   model, already read, to MIME); `generated-1MiB`, an IPM.Note with a
//!   text and an HTML body and 8 attachments of 128 KiB written by msox as
//!   .msg (always timed);
//! - `eml_to_model` group: `corpus-eml`, every .eml of `eml/` (Outlook,
//!   Exchange, Thunderbird, Apple Mail..., S/MIME, malformed ones) that
//!   converts in lenient mode, and `generated-1MiB` (the generated message
//!   as MIME, base64 attachments); [`mime_to_message`] (`msox`) and
//!   `mail_parser::MessageParser::parse` (`mail-parser`). Throughput over
//!   the .eml sizes.
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench oxcmail -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Options};
use std::hint::black_box;

fn generated_message() -> Message {
    let mut m = Message::new("IPM.Note");
    m.set_subject("Quarterly report");
    m.set_body(&"Lorem ipsum dolor sit amet, consectetur adipiscing elit.\r\n".repeat(300));
    m.set_html_body(
        format!(
            "<html><body>{}</body></html>",
            "<p>Lorem ipsum <b>dolor</b> sit amet.</p>\r\n".repeat(300)
        )
        .into_bytes(),
    );
    m.recipients
        .push(Recipient::new("Ann", "ann@example.com", RecipientType::To));
    m.recipients
        .push(Recipient::new("Bob", "bob@example.com", RecipientType::Cc));
    let mut x = 7u32;
    for i in 0..8 {
        let data: Vec<u8> = (0..128 * 1024)
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

fn msg_to_eml(c: &mut Criterion) {
    let mo = MimeOptions::default();
    let opts = Options::default();
    let mut files = msox_testkit::corpus::files("msg", &[".msg"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let corpus: Vec<Vec<u8>> = files
        .into_iter()
        .filter(|e| e.size < 1 << 20)
        .map(|e| std::fs::read(&e.path).unwrap())
        .filter(|b| {
            MsgFile::decode_bytes(b, &opts)
                .ok()
                .is_some_and(|f| message_to_mime(&f.value.message, &mo).is_ok())
        })
        .collect();
    let mut inputs = vec![(
        "generated-1MiB",
        vec![MsgFile::new(generated_message()).to_bytes().unwrap()],
    )];
    if !corpus.is_empty() {
        inputs.push(("corpus-msg", corpus));
    }
    let mut g = c.benchmark_group("oxcmail_msg_to_eml");
    for (name, files) in &inputs {
        let size: usize = files.iter().map(Vec::len).sum();
        let msgs: Vec<Message> = files
            .iter()
            .map(|b| MsgFile::decode_bytes(b, &opts).unwrap().value.message)
            .collect();
        let out: usize = msgs
            .iter()
            .map(|m| message_to_mime(m, &mo).unwrap().len())
            .sum();
        eprintln!(
            "{name}: {} .msg files, {size} bytes -> {out} bytes of MIME",
            files.len()
        );
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(
            BenchmarkId::new("msox-read-convert", name),
            files,
            |bn, v| {
                bn.iter(|| {
                    v.iter()
                        .map(|b| {
                            let f = MsgFile::decode_bytes(black_box(b), &opts).unwrap().value;
                            message_to_mime(&f.message, &mo).unwrap().len()
                        })
                        .sum::<usize>()
                })
            },
        );
        g.bench_with_input(BenchmarkId::new("msox-convert", name), &msgs, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|m| message_to_mime(black_box(m), &mo).unwrap().len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

fn eml_to_model(c: &mut Criterion) {
    let opts = Options::default();
    let mut files = msox_testkit::corpus::files("eml", &[".eml"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let corpus: Vec<Vec<u8>> = files
        .into_iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .filter(|b| mime_to_message(b, &opts).is_ok())
        .collect();
    let mut inputs = vec![(
        "generated-1MiB",
        vec![message_to_mime(&generated_message(), &MimeOptions::default()).unwrap()],
    )];
    if !corpus.is_empty() {
        inputs.push(("corpus-eml", corpus));
    }
    let mut g = c.benchmark_group("oxcmail_eml_to_model");
    for (name, files) in &inputs {
        let size: usize = files.iter().map(Vec::len).sum();
        let theirs = files
            .iter()
            .filter(|b| mail_parser::MessageParser::default().parse(b).is_some())
            .count();
        eprintln!(
            "{name}: {} .eml files, {size} bytes; mail-parser parses {theirs}",
            files.len()
        );
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), files, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|b| {
                        mime_to_message(black_box(b), &opts)
                            .unwrap()
                            .value
                            .attachments
                            .len()
                    })
                    .sum::<usize>()
            })
        });
        g.bench_with_input(BenchmarkId::new("mail-parser", name), files, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|b| {
                        mail_parser::MessageParser::default()
                            .parse(black_box(b))
                            .map_or(0, |m| m.attachment_count())
                    })
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, msg_to_eml, eml_to_model);
criterion_main!(benches);
