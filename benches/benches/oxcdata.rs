//! ms-oxcdata: decode throughput of property rows (a contents table as
//! RopQueryRows returns it) and of restrictions (rule conditions). No Rust
//! peer on crates.io decodes these MS-OXCDATA structures.
//!
//! Inputs: 10,000 generated rows over 8 typical contents-table columns,
//! half standard, half flagged; an OrRestriction over 1,000 copies of a
//! real extended rule condition from the corpus (MFCMAPI's
//! EXTENDEDRULECONDITION-4; a generated tree when the corpus is absent).
//! Quick run: `cargo bench -p msox-benches --bench oxcdata -- --warm-up-time 1 --measurement-time 3`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_dtyp::FileTime;
use ms_oxcdata::{
    EntryId, ErrorCode, FlaggedPropertyValue, FlaggedPropertyValueWithType, OneOffEntryId,
    PropertyRow, PropertyRowSet, PropertyTag, PropertyType, PropertyValue, Restriction, RowContext,
    ValueContext,
};
use msox_codec::{DecodeWith, Encode, EncodeWith, Reader, Utf16String};
use std::hint::black_box;

fn columns() -> Vec<PropertyTag> {
    [
        0x6748_0014u32, // PidTagFolderId
        0x674A_0014,    // PidTagMid
        0x674D_0014,    // PidTagInstID
        0x674E_0003,    // PidTagInstanceNum
        0x0037_001F,    // PidTagSubject
        0x0E06_0040,    // PidTagMessageDeliveryTime
        0x0FFF_0102,    // PidTagEntryId
        0x0E07_0003,    // PidTagMessageFlags
    ]
    .into_iter()
    .map(PropertyTag::from_u32)
    .collect()
}

fn rows(n: usize) -> PropertyRowSet {
    let cols = columns();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let vals = vec![
            PropertyValue::Integer64(0x0001_0000_0000_1234),
            PropertyValue::Integer64(0x0001_0000_0010_0000 + i as i64),
            PropertyValue::Integer64(i as i64),
            PropertyValue::Integer32(0),
            PropertyValue::String(Utf16String::new(format!("RE: quarterly report #{i}"))),
            PropertyValue::Time(FileTime(0x01D3_87EC_0855_35B0 + i as u64)),
            PropertyValue::Binary(vec![0x5A; 70]),
            PropertyValue::Integer32(0x0000_0001),
        ];
        out.push(if i % 2 == 0 {
            PropertyRow::Standard(vals)
        } else {
            PropertyRow::Flagged(
                vals.into_iter()
                    .zip(&cols)
                    .enumerate()
                    .map(|(k, (v, c))| FlaggedPropertyValueWithType {
                        prop_type: c.prop_type,
                        value: if k == 6 {
                            FlaggedPropertyValue::Error(ErrorCode::NotFound)
                        } else {
                            FlaggedPropertyValue::Value(v)
                        },
                    })
                    .collect(),
            )
        });
    }
    PropertyRowSet(out)
}

fn property_rows(c: &mut Criterion) {
    let cols = columns();
    let ctx = RowContext::rop(&cols);
    let bytes = rows(10_000).to_vec_with(ctx).unwrap();
    let mut g = c.benchmark_group("oxcdata_property_row_set_decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", bytes.len()), &bytes, |b, bytes| {
        b.iter(|| {
            PropertyRowSet::decode_exact_with(black_box(bytes), ctx)
                .unwrap()
                .0
                .len()
        })
    });
    g.finish();
}

/// The restriction of MFCMAPI's EXTENDEDRULECONDITION-4 (after its
/// named-property block), or a generated one.
fn rule_condition() -> Vec<u8> {
    if let Some(text) = msox_benches::corpus_file("smartview/In/EXTENDEDRULECONDITION-4.dat") {
        let hex: String = String::from_utf8_lossy(&text)
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect();
        let b = msox_codec::hex::decode(&hex).unwrap();
        let mut r = Reader::new(&b);
        let n = usize::from(r.u16().unwrap());
        if n > 0 {
            r.skip(2 * n).unwrap();
            let size = r.u32_usize().unwrap();
            r.skip(size).unwrap();
        }
        return r.rest().to_vec();
    }
    let leaf = |i: u16| Restriction::Exist(PropertyTag::new(0x0E00 + i, PropertyType::String));
    Restriction::And(
        (0..40)
            .map(|i| Restriction::Not(Box::new(leaf(i))))
            .collect(),
    )
    .to_vec_with(ValueContext::EXTENDED_RULE)
    .unwrap()
}

fn restrictions(c: &mut Criterion) {
    let ctx = ValueContext::EXTENDED_RULE;
    let one = rule_condition();
    Restriction::decode_exact_with(&one, ctx).unwrap();
    let mut bytes = vec![0x01];
    bytes.extend_from_slice(&1000u32.to_le_bytes());
    for _ in 0..1000 {
        bytes.extend_from_slice(&one);
    }
    let mut g = c.benchmark_group("oxcdata_restriction_decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", bytes.len()), &bytes, |b, bytes| {
        b.iter(|| {
            Restriction::decode_exact_with(black_box(bytes), ctx)
                .unwrap()
                .depth()
        })
    });
    g.finish();
}

fn entry_ids(c: &mut Criterion) {
    let one = EntryId::OneOff(OneOffEntryId::new("Ann Example", "SMTP", "ann@example.com"))
        .to_vec()
        .unwrap();
    let mut g = c.benchmark_group("oxcdata_entryid_parse");
    g.throughput(Throughput::Bytes(one.len() as u64));
    g.bench_with_input(BenchmarkId::new("msox", one.len()), &one, |b, one| {
        b.iter(|| EntryId::parse(black_box(one)))
    });
    g.finish();
}

criterion_group!(benches, property_rows, restrictions, entry_ids);
criterion_main!(benches);
