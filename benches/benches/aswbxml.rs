//! ms-aswbxml: decode (events, XML) and encode (XML -> WBXML, events ->
//! WBXML) of a large Sync response — 8 MB of XML, the same shape as the
//! one `shared/tools/peers/bench.sh` times libwbxml on (a Sync response
//! adding ~5,300 emails with plain-text bodies).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ms_aswbxml::{Document, Framing, Parser, XmlOptions};
use msox_codec::{Decode, Options};
use std::hint::black_box;

/// The bench.sh generator's document, with a small deterministic PRNG.
fn big_sync_xml(target: usize) -> String {
    let words: Vec<&str> = "hello meeting tomorrow report budget quarterly review team lunch project deadline update please find attached"
        .split(' ')
        .collect();
    let mut seed: u64 = 3;
    let mut rnd = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n
    };
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Sync xmlns=\"AirSync\" xmlns:email=\"Email\" xmlns:airsyncbase=\"AirSyncBase\"><Collections><Collection><SyncKey>2</SyncKey><CollectionId>5</CollectionId><Status>1</Status><Commands>",
    );
    let mut i = 0;
    while s.len() < target {
        let n = 20 + rnd(181);
        let body: Vec<&str> = (0..n).map(|_| words[rnd(words.len())]).collect();
        let body = body.join(" ");
        let w = words[rnd(words.len())];
        s.push_str(&format!(
            "<Add><ServerId>5:{i}</ServerId><ApplicationData><email:To>\"User {i}\" &lt;user{i}@example.com&gt;</email:To><email:From>\"Sender\" &lt;sender@example.com&gt;</email:From><email:Subject>Subject {i} {w}</email:Subject><email:DateReceived>2013-01-30T01:19:16.000Z</email:DateReceived><email:DisplayTo>User {i}</email:DisplayTo><email:Importance>1</email:Importance><email:Read>0</email:Read><airsyncbase:Body><airsyncbase:Type>1</airsyncbase:Type><airsyncbase:EstimatedDataSize>{}</airsyncbase:EstimatedDataSize><airsyncbase:Data>{body}</airsyncbase:Data></airsyncbase:Body><email:MessageClass>IPM.Note</email:MessageClass><email:InternetCPID>65001</email:InternetCPID></ApplicationData></Add>",
            body.len()
        ));
        i += 1;
    }
    s.push_str("</Commands></Collection></Collections></Sync>\n");
    s
}

fn bench(c: &mut Criterion) {
    let xml = big_sync_xml(8_000_000);
    let wbxml = ms_aswbxml::xml_to_wbxml(xml.as_bytes(), &Options::default())
        .unwrap()
        .value;
    if let Ok(dir) = std::env::var("MSOX_BENCH_DUMP") {
        std::fs::write(format!("{dir}/big-sync.wbxml"), &wbxml).unwrap();
        std::fs::write(format!("{dir}/big-sync.xml"), &xml).unwrap();
    }
    let mut g = c.benchmark_group("aswbxml_decode");
    g.throughput(Throughput::Bytes(wbxml.len() as u64));
    g.sample_size(10);
    g.bench_function("pull_parser_events", |b| {
        b.iter(|| {
            let p = Parser::new(black_box(&wbxml), Framing::Document, &Options::default()).unwrap();
            let mut n = 0usize;
            for e in p {
                e.unwrap();
                n += 1;
            }
            n
        })
    });
    g.bench_function("document", |b| {
        b.iter(|| {
            Document::decode_bytes(black_box(&wbxml), &Options::default())
                .unwrap()
                .value
                .events
                .len()
        })
    });
    g.bench_function("to_xml", |b| {
        b.iter(|| {
            ms_aswbxml::wbxml_to_xml(
                black_box(&wbxml),
                Framing::Document,
                &Options::default(),
                XmlOptions::default(),
            )
            .unwrap()
            .value
            .len()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("aswbxml_encode");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(xml.len() as u64));
    g.bench_function("from_xml", |b| {
        b.iter(|| {
            ms_aswbxml::xml_to_wbxml(black_box(xml.as_bytes()), &Options::default())
                .unwrap()
                .value
                .len()
        })
    });
    let doc = Document::decode_exact(&wbxml).unwrap();
    g.throughput(Throughput::Bytes(wbxml.len() as u64));
    g.bench_function("document_events", |b| {
        b.iter(|| black_box(&doc).encode().unwrap().len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
