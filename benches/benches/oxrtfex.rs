//! ms-oxrtfex: de-encapsulation throughput (no Rust peer exists; RTFDE, a
//! Python peer, is timed with hyperfine: see the crate's report).
//!
//! Input: Outlook HTML-encapsulated RTF from the corpus repeated inside one
//! document to about 8 MiB (a generated one when the corpus is absent).
//! Quick run: `cargo bench -p msox-benches --bench oxrtfex -- --warm-up-time 1 --measurement-time 3`
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

fn sample() -> Vec<u8> {
    let body = msox_benches::corpus_file("rtfex/msgreader/Issue332.rtf")
        .map(|b| {
            // The document's body, between the font table and the end.
            let start = b
                .windows(13)
                .position(|w| w == b"{\\*\\htmltag19")
                .unwrap_or(0);
            let end = b.iter().rposition(|&c| c == b'}').unwrap_or(b.len());
            b[start..end].to_vec()
        })
        .unwrap_or_else(|| {
            let html = "<p class=MsoNormal>Hello &amp; <b>world</b> \u{20ac} caf\u{e9}</p>\r\n"
                .repeat(200);
            let rtf = ms_oxrtfex::encapsulate_html(&html);
            rtf[rtf.windows(4).position(|w| w == b"{\\*\\").unwrap()..rtf.len() - 1].to_vec()
        });
    let mut rtf = b"{\\rtf1\\ansi\\ansicpg932\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss\\fcharset128 MS PGothic;}}\r\n".to_vec();
    while rtf.len() < 8 << 20 {
        rtf.extend_from_slice(&body);
    }
    rtf.push(b'}');
    rtf
}

fn deencapsulate(c: &mut Criterion) {
    let rtf = sample();
    let d = ms_oxrtfex::deencapsulate(&rtf, &Options::default()).unwrap();
    assert!(
        d.defects.is_empty(),
        "{:?}",
        &d.defects[..d.defects.len().min(3)]
    );
    let mut g = c.benchmark_group("oxrtfex_deencapsulate");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(rtf.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", rtf.len()), &rtf, |b, r| {
        b.iter(|| {
            ms_oxrtfex::deencapsulate(black_box(r), &Options::default())
                .unwrap()
                .value
                .content
                .len()
        })
    });
    g.finish();
    let html = d.value.content;
    let mut g = c.benchmark_group("oxrtfex_encapsulate_html");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(html.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", html.len()), &html, |b, h| {
        b.iter(|| ms_oxrtfex::encapsulate_html(black_box(h)).len())
    });
    g.finish();
}

criterion_group!(benches, deencapsulate);
criterion_main!(benches);
