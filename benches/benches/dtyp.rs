//! ms-dtyp: self-relative security descriptor decode and encode
//! throughput.
//!
//! Inputs: the [MS-DTYP] 2.5.1.4 example (176 bytes, 5 ACEs), MFCMAPI's
//! SmartView folder descriptor from the corpus when present, and a
//! generated folder-permission-like descriptor with 200 ACEs of domain
//! SIDs (about 7 KiB). No crates.io crate parses self-relative security
//! descriptors with ACEs in a comparable way, so there is no peer in the
//! group. Quick run:
//! `cargo bench -p msox-benches --bench dtyp -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_dtyp::{AccessMask, Ace, AceFlags, Acl, SecurityDescriptor, SecurityDescriptorControl, Sid};
use msox_codec::{Decode, Encode};
use std::hint::black_box;

const SPEC_2_5_1_4: &str = "01 00 14 b0 90 00 00 00 a0 00 00 00 14 00 00 00
30 00 00 00 02 00 1c 00 01 00 00 00 02 80 14 00 00 00 00 80 01 01 00 00 00 00 00 01 00 00 00 00
02 00 60 00 04 00 00 00 00 03 18 00 00 00 00 a0 01 02 00 00 00 00 00 05 20 00 00 00 21 02 00 00
00 03 18 00 00 00 00 10 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 00 03 14 00 00 00 00 10
01 01 00 00 00 00 00 05 12 00 00 00 00 03 14 00 00 00 00 10 01 01 00 00 00 00 00 03 00 00 00 00
01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00";

fn generated(aces: u32) -> Vec<u8> {
    let domain: Sid = "S-1-5-21-124525111-708259637-1543119021".parse().unwrap();
    let list = (0..aces)
        .map(|i| {
            let sid = domain.with_rid(1000 + i).unwrap();
            let flags = AceFlags::CONTAINER_INHERIT_ACE;
            if i % 3 == 0 {
                Ace::denied(flags, AccessMask(0x000D_C916), sid)
            } else {
                Ace::allowed(flags, AccessMask(0x0012_08A9), sid)
            }
        })
        .collect();
    SecurityDescriptor {
        control: SecurityDescriptorControl::SELF_RELATIVE | SecurityDescriptorControl::DACL_PRESENT,
        owner: Some(ms_dtyp::well_known::LOCAL_SYSTEM),
        group: Some(ms_dtyp::well_known::BUILTIN_ADMINISTRATORS),
        dacl: Some(Acl::new(list)),
        ..SecurityDescriptor::default()
    }
    .to_vec()
    .unwrap()
}

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    let mut v = vec![(
        "spec-2.5.1.4",
        msox_codec::hex::decode(SPEC_2_5_1_4).unwrap(),
    )];
    if let Some(text) = msox_benches::corpus_file("smartview/In/SECURITYDESCRIPTOR-1.dat") {
        v.push((
            "mfcmapi-folder",
            msox_codec::hex::decode(&String::from_utf8_lossy(&text)).unwrap(),
        ));
    }
    v.push(("generated-200-aces", generated(200)));
    v
}

fn security_descriptor(c: &mut Criterion) {
    let mut g = c.benchmark_group("dtyp_security_descriptor_decode");
    for (name, bytes) in inputs() {
        let sd = SecurityDescriptor::decode_exact(&bytes).unwrap();
        assert_eq!(sd.to_vec().unwrap(), bytes);
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), &bytes, |b, s| {
            b.iter(|| SecurityDescriptor::decode_exact(black_box(s)).unwrap())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("dtyp_security_descriptor_encode");
    for (name, bytes) in inputs() {
        let sd = SecurityDescriptor::decode_exact(&bytes).unwrap();
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", name), &sd, |b, sd| {
            b.iter(|| black_box(sd).to_vec().unwrap())
        });
    }
    g.finish();
}

fn sid_string(c: &mut Criterion) {
    let text = "S-1-5-21-124525111-708259637-1543119021-103169";
    let mut g = c.benchmark_group("dtyp_sid_string");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("parse", |b| {
        b.iter(|| black_box(text).parse::<Sid>().unwrap())
    });
    let sid: Sid = text.parse().unwrap();
    g.bench_function("format", |b| b.iter(|| black_box(sid).to_string()));
    g.finish();
}

criterion_group!(benches, security_descriptor, sid_string);
criterion_main!(benches);
