//! ms-oxnspi: NDR decoding and encoding of an NspiQueryRows response
//! carrying a large PropertyRowSet_r. No crate on crates.io decodes NSPI
//! stub data, so there is no peer here.
//!
//! Input (generated; the corpus holds no NSPI traffic): `query-rows-5000`,
//! the stub data of an NspiQueryRows response of 5,000 GAL rows of 9
//! columns each (PidTagEntryId as a 60-byte binary, PidTagDisplayName,
//! PidTagSmtpAddress, PidTagTitle as UTF-16, PidTagEmailAddress as an
//! 8-bit legacy DN, PidTagDisplayType, PidTagObjectType, two
//! PidTagProxyAddresses and PidTagLastModificationTime), written by msox.
//! Variants: `msox` (decode / encode of the stub data), `msox-to-oxcdata`
//! (decode, then every value converted to an ms-oxcdata `TaggedValue`).
//!
//! Throughput is over the stub data size. Quick run:
//! `cargo bench -p msox-benches --bench oxnspi -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_dtyp::FileTime;
use ms_oxcdata::{ErrorCode, TaggedValue};
use ms_oxnspi::{
    BinaryR, NspiQueryRowsResponse, PropValUnion, PropertyRowR, PropertyRowSetR, PropertyValueR,
    Stat,
};
use msox_codec::{CodePage, Decode, Encode, Options, String8, Utf16String};
use std::hint::black_box;

fn response(rows: u32) -> NspiQueryRowsResponse {
    let s = |t: &str| PropValUnion::String(Some(Utf16String::new(t)));
    let rows = (0..rows)
        .map(|i| {
            let mut entry_id = vec![0u8, 0, 0, 0];
            entry_id.extend_from_slice(&[0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A]);
            entry_id.extend_from_slice(&[0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82]);
            entry_id.extend_from_slice(&1u32.to_le_bytes());
            entry_id.extend_from_slice(&i.to_le_bytes());
            entry_id.resize(60, 0x41);
            PropertyRowR::new(vec![
                PropertyValueR::new(0x0FFF_0102, PropValUnion::Binary(BinaryR::new(entry_id))),
                PropertyValueR::new(0x3001_001F, s(&format!("User Number {i}, Example"))),
                PropertyValueR::new(0x39FE_001F, s(&format!("user{i}@example.com"))),
                PropertyValueR::new(0x3A17_001F, s("Senior Engineer")),
                PropertyValueR::new(
                    0x3003_001E,
                    PropValUnion::String8(Some(String8::new(
                        format!(
                            "/o=Example/ou=Exchange Administrative Group/cn=Recipients/cn=user{i}"
                        )
                        .into_bytes(),
                        CodePage::WINDOWS_1252,
                    ))),
                ),
                PropertyValueR::new(0x3900_0003, PropValUnion::Integer32(0)),
                PropertyValueR::new(0x0FFE_0003, PropValUnion::Integer32(6)),
                PropertyValueR::new(
                    0x800F_101F,
                    PropValUnion::MultipleString(Some(vec![
                        Some(Utf16String::new(format!("SMTP:user{i}@example.com"))),
                        Some(Utf16String::new(format!("smtp:u{i}@example.org"))),
                    ])),
                ),
                PropertyValueR::new(
                    0x3008_0040,
                    PropValUnion::Time(FileTime::from_unix_seconds(1_700_000_000 + i64::from(i))),
                ),
            ])
        })
        .collect();
    NspiQueryRowsResponse {
        stat: Stat::default(),
        rows: Some(PropertyRowSetR { rows }),
        return_value: ErrorCode::from(0),
    }
}

fn bench(c: &mut Criterion) {
    let opts = Options::default();
    let resp = response(5000);
    let bytes = resp.to_vec().unwrap();
    assert_eq!(NspiQueryRowsResponse::decode_exact(&bytes).unwrap(), resp);
    eprintln!("query-rows-5000: {} bytes", bytes.len());

    let mut g = c.benchmark_group("oxnspi_query_rows_decode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "query-rows-5000"), |bn| {
        bn.iter(|| NspiQueryRowsResponse::decode_bytes(black_box(&bytes), &opts).unwrap())
    });
    g.bench_function(
        BenchmarkId::new("msox-to-oxcdata", "query-rows-5000"),
        |bn| {
            bn.iter(|| {
                let d = NspiQueryRowsResponse::decode_bytes(black_box(&bytes), &opts)
                    .unwrap()
                    .value;
                d.rows
                    .unwrap()
                    .rows
                    .iter()
                    .flat_map(|r| r.values())
                    .fold(0usize, |n, v| {
                        black_box(TaggedValue::try_from(v).unwrap());
                        n + 1
                    })
            })
        },
    );
    g.finish();

    let mut g = c.benchmark_group("oxnspi_query_rows_encode");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function(BenchmarkId::new("msox", "query-rows-5000"), |bn| {
        bn.iter(|| black_box(&resp).to_vec().unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
