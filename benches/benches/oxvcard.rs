//! ms-oxvcard: vCard to Contact-object messages and back. No crate on
//! crates.io converts vCard to the MAPI model, so there is no peer.
//!
//! Inputs:
//! - `corpus-vcard`: the four files of `vcard/` (vCard 2.1 from Outlook
//!   2003 and 2007 with quoted-printable and a PHOTO, and libical's
//!   sample; 16 KB in all), converted one after the other (throughput over
//!   their total size) when the corpus is there;
//! - `generated-500-contacts`: 500 vCard 3.0 contacts written here (name,
//!   organization, title, three e-mail addresses, four telephone numbers,
//!   two addresses, a birthday, a note; always timed).
//!
//! Groups: `oxvcard_import` ([`vcf_to_messages`], throughput over the
//! input), `oxvcard_export` (the contacts written back as vCard 3.0 with
//! [`messages_to_vcf`], file by file; throughput over the text written).
//!
//! Quick run:
//! `cargo bench -p msox-benches --bench oxvcard -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcmsg::Message;
use ms_oxvcard::{VcardVersion, VcfOptions, messages_to_vcf, vcf_to_messages};
use msox_codec::Options;
use std::hint::black_box;

fn generated(n: usize) -> Vec<u8> {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe{i};Jane;Q.;Dr.;\r\nFN:Dr. Jane Q. Doe{i}\r\n\
ORG:Example Corp;Research\r\nTITLE:Principal Scientist\r\n\
EMAIL;TYPE=INTERNET,PREF:jane{i}@example.com\r\nEMAIL;TYPE=INTERNET:jdoe{i}@example.org\r\n\
EMAIL;TYPE=INTERNET:jane.doe{i}@example.net\r\n\
TEL;TYPE=WORK,VOICE:+1 555 01{:02}\r\nTEL;TYPE=HOME,VOICE:+1 555 02{:02}\r\n\
TEL;TYPE=CELL:+1 555 03{:02}\r\nTEL;TYPE=WORK,FAX:+1 555 04{:02}\r\n\
ADR;TYPE=WORK:;;{i} Main St;Springfield;IL;62701;USA\r\n\
ADR;TYPE=HOME:;;{i} Elm St;Shelbyville;IL;62565;USA\r\n\
BDAY:1980-04-{:02}\r\nNOTE:Met at the conference\\, year {i}.\r\nEND:VCARD\r\n",
            i % 100,
            i % 100,
            i % 100,
            i % 100,
            1 + i % 28
        ));
    }
    s.into_bytes()
}

fn inputs() -> Vec<(&'static str, Vec<Vec<u8>>)> {
    let mut v = vec![("generated-500-contacts", vec![generated(500)])];
    let mut files = msox_testkit::corpus::files("vcard", &[".vcf"]);
    files.sort_by(|a, b| a.file.cmp(&b.file));
    let corpus: Vec<Vec<u8>> = files
        .into_iter()
        .map(|e| std::fs::read(&e.path).unwrap())
        .filter(|b| vcf_to_messages(b, &Options::lenient()).is_ok())
        .collect();
    if !corpus.is_empty() {
        v.push(("corpus-vcard", corpus));
    }
    v
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let inputs = inputs();
    let mut g = c.benchmark_group("oxvcard_import");
    for (name, files) in &inputs {
        let size: usize = files.iter().map(Vec::len).sum();
        let n: usize = files
            .iter()
            .map(|b| vcf_to_messages(b, &opts).unwrap().value.len())
            .sum();
        eprintln!("{name}: {} files, {size} bytes, {n} contacts", files.len());
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), files, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|b| vcf_to_messages(black_box(b), &opts).unwrap().value.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();

    let vo = VcfOptions::new(VcardVersion::V30);
    let mut g = c.benchmark_group("oxvcard_export");
    for (name, files) in &inputs {
        let sets: Vec<Vec<Message>> = files
            .iter()
            .map(|b| vcf_to_messages(b, &opts).unwrap().value)
            .filter(|m| messages_to_vcf(m, &vo).is_ok())
            .collect();
        let size: usize = sets
            .iter()
            .map(|m| messages_to_vcf(m, &vo).unwrap().value.len())
            .sum();
        g.throughput(Throughput::Bytes(size as u64));
        g.bench_with_input(BenchmarkId::new("msox-v3.0", name), &sets, |bn, v| {
            bn.iter(|| {
                v.iter()
                    .map(|m| messages_to_vcf(black_box(m), &vo).unwrap().value.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
