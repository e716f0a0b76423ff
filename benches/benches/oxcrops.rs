//! ms-oxcrops: ROP input and output buffers, decoded and encoded. No crate
//! on crates.io decodes ROP buffers, so there is no peer here.
//!
//! Inputs:
//! - `rop-001`, `rop-002`: the ROP input buffers of OpenChange's two
//!   Outlook 2007 EcDoRpcExt2 captures
//!   (`rops/openchange-00N_*.rgbIn-decompressed.bin`, 459 and 380 bytes)
//!   when the corpus is there;
//! - `spec-requests`, `spec-responses`: every request and response example
//!   of `test-vectors/oxcrops` (the section-4 examples of MS-OXCROPS and
//!   the object specifications, bare ROPs and whole buffers; error vectors
//!   left out), decoded one after the other, throughput over their total
//!   size; a response buffer whose layout needs its request goes through
//!   a [`RopContext`] that has seen that request;
//! - `query-rows-32KiB`: a generated 32 KB output buffer of one
//!   RopQueryRows response (7 columns: two 64-bit IDs, a time, an integer,
//!   a subject, a 46-byte entry ID, a flag; the sample of
//!   `crates/ms-oxcrops/tests/throughput.rs`), decoded with owned rows
//!   (`msox-owned`), borrowed rows (`msox-borrowed`: checked, values not
//!   built) and borrowed rows with every value then read on demand
//!   (`msox-borrowed-visit`);
//! - `small-responses-32KiB`: a generated 32 KB output buffer of small
//!   responses (RopSetColumns, RopSeekRow, RopGetStoreState,
//!   RopDeleteFolder): the framework alone, no property values.
//!
//! Throughput is over the buffer size. Quick run:
//! `cargo bench -p msox-benches --bench oxcrops -- --warm-up-time 1 --measurement-time 2`
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ms_oxcdata::{PropertyTag, PropertyType, PropertyValueRef};
use ms_oxcrops::{
    ResponseBufferContext, ResponseExpectation, RopContext, RopId, RopRequest, RopRequestBuffer,
    RopResponse, RopResponseBuffer, RowForm,
};
use msox_codec::{Decode, DecodeWith, Encode, Options};
use msox_testkit::Vector;
use std::hint::black_box;

/// The OpenChange ROP input buffers: `(rop-00N, bytes)`.
fn captures() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> =
        msox_testkit::corpus::files("rops", &[".rgbin-decompressed.bin"])
            .into_iter()
            .map(|e| {
                // rops/openchange-001_... -> rop-001
                let short = format!("rop-{}", &e.file[16..19]);
                (short, std::fs::read(&e.path).unwrap())
            })
            .collect();
    v.sort();
    v
}

/// The spec examples of `test-vectors/oxcrops` that decode (no `.err`).
fn spec_vectors() -> Vec<Vector> {
    msox_testkit::vectors("oxcrops")
        .into_iter()
        .filter(|v| v.expected_error.is_none())
        .collect()
}

fn by_name<'v>(all: &'v [Vector], name: &str) -> &'v Vector {
    all.iter().find(|v| v.name == name).unwrap()
}

/// Decodes one spec vector by its `# type:`; returns the ROPs read.
fn decode_vector(v: &Vector, all: &[Vector], o: &Options) -> usize {
    match v.meta("type") {
        "request" => RopRequest::decode_bytes(&v.bytes, o).map(|_| 1),
        "response" => RopResponse::decode_bytes(&v.bytes, o).map(|_| 1),
        "request-buffer" => RopRequestBuffer::decode_bytes(&v.bytes, o).map(|d| d.value.rops.len()),
        "response-buffer" => match v.meta.get("request") {
            Some(name) => {
                let mut cx = RopContext::new();
                cx.decode_request(&by_name(all, name).bytes, o).unwrap();
                cx.decode_response(&v.bytes, o).map(|d| d.value.rops.len())
            }
            None => RopResponseBuffer::decode_bytes(&v.bytes, o).map(|d| d.value.rops.len()),
        },
        t => panic!("{}: type {t}", v.name),
    }
    .unwrap_or_else(|e| panic!("{}: {e}", v.name))
}

/// The columns and the 32 KB RopQueryRows output buffer (as in
/// `crates/ms-oxcrops/tests/throughput.rs`).
fn query_rows_output() -> (Vec<PropertyTag>, Vec<u8>) {
    let columns = vec![
        PropertyTag::new(0x674A, PropertyType::Integer64), // PidTagMid
        PropertyTag::new(0x6748, PropertyType::Integer64), // PidTagFolderId
        PropertyTag::new(0x0E06, PropertyType::Time),      // PidTagMessageDeliveryTime
        PropertyTag::new(0x0E08, PropertyType::Integer32), // PidTagMessageSize
        PropertyTag::new(0x0037, PropertyType::String),    // PidTagSubject
        PropertyTag::new(0x0FFF, PropertyType::Binary),    // PidTagEntryId
        PropertyTag::new(0x0E1F, PropertyType::Boolean),   // PidTagRtfInSync
    ];
    let subject: Vec<u8> = "Quarterly report, draft 3"
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut rows = Vec::new();
    let mut count = 0u16;
    while 2 + 9 + rows.len() + 200 < 32 * 1024 {
        let i = u64::from(count);
        rows.push(0x00); // StandardPropertyRow
        rows.extend((0x0001_0000_0000_0000 | i).to_le_bytes());
        rows.extend(0x0001_0000_0000_0042u64.to_le_bytes());
        rows.extend((0x01D9_0000_0000_0000 + i).to_le_bytes());
        rows.extend((1000 + u32::from(count)).to_le_bytes());
        rows.extend(&subject);
        rows.extend(46u16.to_le_bytes());
        rows.extend((0..46u8).map(|j| j ^ count as u8));
        rows.push(u8::from(count.is_multiple_of(2)));
        count += 1;
    }
    let mut list = vec![0x15, 0x00, 0, 0, 0, 0, 0x02];
    list.extend(count.to_le_bytes());
    list.extend(rows);
    let mut b = Vec::from(u16::try_from(list.len() + 2).unwrap().to_le_bytes());
    b.extend(list);
    b.extend(0x0000_0020u32.to_le_bytes());
    (columns, b)
}

/// A 32 KB output buffer of small responses, no property values.
fn small_responses_output() -> Vec<u8> {
    let mut list = Vec::new();
    while list.len() + 40 < 32 * 1024 {
        list.extend([0x12, 0x01, 0, 0, 0, 0, 0x00]); // RopSetColumns
        list.extend([0x18, 0x01, 0, 0, 0, 0, 0x00, 5, 0, 0, 0]); // RopSeekRow
        list.extend([0x7B, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]); // RopGetStoreState
        list.extend([0x1D, 0x00, 0, 0, 0, 0, 0x00]); // RopDeleteFolder
    }
    let mut b = Vec::from(u16::try_from(list.len() + 2).unwrap().to_le_bytes());
    b.extend(list);
    b.extend([0x20, 0, 0, 0, 0x30, 0, 0, 0]);
    b
}

/// Every value of every borrowed row read on demand; returns a checksum.
fn visit_rows(d: &RopResponseBuffer<'_>) -> u64 {
    let RopResponse::QueryRows(q) = &d.rops[0] else {
        panic!("not RopQueryRows")
    };
    let cx = q.rows.context().unwrap();
    let mut sum = 0u64;
    for row in q.rows.row_refs() {
        for cell in row.cells(&cx) {
            sum = sum.wrapping_add(match cell.unwrap().into_value() {
                Some(PropertyValueRef::Integer64(v)) => v as u64,
                Some(PropertyValueRef::String(s)) => s.byte_len() as u64,
                Some(PropertyValueRef::Binary(b)) => b.len() as u64,
                Some(v) => v.as_i64().unwrap_or(1) as u64,
                None => 0,
            });
        }
    }
    sum
}

fn requests(c: &mut Criterion) {
    let all = spec_vectors();
    let opts = Options::default();
    let mut g = c.benchmark_group("oxcrops_request_decode");
    for (name, b) in captures() {
        let d = RopRequestBuffer::decode_exact(&b).unwrap();
        eprintln!("{name}: {} bytes, {} ROPs", b.len(), d.rops.len());
        g.throughput(Throughput::Bytes(b.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", &name), &b, |bn, b| {
            bn.iter(|| {
                RopRequestBuffer::decode_bytes(black_box(b), &opts)
                    .unwrap()
                    .value
                    .rops
                    .len()
            })
        });
        g.bench_with_input(BenchmarkId::new("msox-context", &name), &b, |bn, b| {
            bn.iter(|| {
                let mut cx = RopContext::new();
                cx.decode_request(black_box(b), &opts)
                    .unwrap()
                    .value
                    .rops
                    .len()
            })
        });
    }
    let reqs: Vec<&Vector> = all
        .iter()
        .filter(|v| v.meta("type").starts_with("request"))
        .collect();
    let size: usize = reqs.iter().map(|v| v.bytes.len()).sum();
    eprintln!("spec-requests: {} vectors, {size} bytes", reqs.len());
    g.throughput(Throughput::Bytes(size as u64));
    g.bench_function(BenchmarkId::new("msox", "spec-requests"), |bn| {
        bn.iter(|| {
            reqs.iter()
                .map(|v| decode_vector(black_box(v), &all, &opts))
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("oxcrops_request_encode");
    for (name, b) in captures() {
        let d = RopRequestBuffer::decode_exact(&b).unwrap();
        assert_eq!(d.to_vec().unwrap(), b, "{name}");
        g.throughput(Throughput::Bytes(b.len() as u64));
        g.bench_with_input(BenchmarkId::new("msox", &name), &d, |bn, d| {
            bn.iter(|| black_box(d).to_vec().unwrap())
        });
    }
    g.finish();
}

fn responses(c: &mut Criterion) {
    let all = spec_vectors();
    let opts = Options::default();
    let mut g = c.benchmark_group("oxcrops_response_decode");
    let resps: Vec<&Vector> = all
        .iter()
        .filter(|v| v.meta("type").starts_with("response"))
        .collect();
    let size: usize = resps.iter().map(|v| v.bytes.len()).sum();
    eprintln!("spec-responses: {} vectors, {size} bytes", resps.len());
    g.throughput(Throughput::Bytes(size as u64));
    g.bench_function(BenchmarkId::new("msox", "spec-responses"), |bn| {
        bn.iter(|| {
            resps
                .iter()
                .map(|v| decode_vector(black_box(v), &all, &opts))
                .sum::<usize>()
        })
    });

    let (columns, b) = query_rows_output();
    let exp = [ResponseExpectation::new(RopId::QueryRows).with_columns(columns)];
    let cx = |rows| ResponseBufferContext {
        expected: &exp,
        rows,
        ..ResponseBufferContext::default()
    };
    let owned = RopResponseBuffer::decode_exact_with(&b, cx(RowForm::Owned)).unwrap();
    let RopResponse::QueryRows(q) = &owned.rops[0] else {
        panic!()
    };
    eprintln!(
        "query-rows-32KiB: {} bytes, {} rows",
        b.len(),
        q.rows.count()
    );
    g.throughput(Throughput::Bytes(b.len() as u64));
    for (id, form, visit) in [
        ("msox-owned", RowForm::Owned, false),
        ("msox-borrowed", RowForm::Borrowed, false),
        ("msox-borrowed-visit", RowForm::Borrowed, true),
    ] {
        g.bench_with_input(BenchmarkId::new(id, "query-rows-32KiB"), &b, |bn, b| {
            bn.iter(|| {
                let d = RopResponseBuffer::decode_bytes_with(black_box(b), cx(form), &opts)
                    .unwrap()
                    .value;
                if visit {
                    visit_rows(&d)
                } else {
                    d.rops.len() as u64
                }
            })
        });
    }
    let small = small_responses_output();
    g.throughput(Throughput::Bytes(small.len() as u64));
    g.bench_with_input(
        BenchmarkId::new("msox", "small-responses-32KiB"),
        &small,
        |bn, b| {
            bn.iter(|| {
                RopResponseBuffer::decode_bytes(black_box(b), &opts)
                    .unwrap()
                    .value
                    .rops
                    .len()
            })
        },
    );
    g.finish();

    let mut g = c.benchmark_group("oxcrops_response_encode");
    g.throughput(Throughput::Bytes(b.len() as u64));
    for (id, form) in [
        ("msox-owned", RowForm::Owned),
        ("msox-borrowed", RowForm::Borrowed),
    ] {
        let d = RopResponseBuffer::decode_exact_with(&b, cx(form)).unwrap();
        assert_eq!(d.to_vec().unwrap(), b, "{id}");
        g.bench_with_input(BenchmarkId::new(id, "query-rows-32KiB"), &d, |bn, d| {
            bn.iter(|| black_box(d).to_vec().unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, requests, responses);
criterion_main!(benches);
