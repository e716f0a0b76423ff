//! Decoding speed of a 32 KB ROP output buffer of RopQueryRows rows (a
//! contents table read: 64-bit IDs, a time, an integer, a subject, an entry
//! ID, a flag), with owned rows and with borrowed rows (checked, values read
//! on demand). Ignored by default; run with
//! `cargo test --release -p ms-oxcrops --test throughput -- --ignored --nocapture --test-threads=1`
//! (`MSOX_ITERS=n` sets the iterations, e.g. fewer under callgrind).
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::time::Instant;

use ms_oxcdata::{PropertyTag, PropertyType};
use ms_oxcrops::*;
use msox_codec::{Decode, DecodeWith, Encode, Options};

/// The columns, and a 32 KB output buffer: RopQueryRows with as many rows
/// as fit, then a handle table of one table handle.
pub fn query_rows_output() -> (Vec<PropertyTag>, Vec<u8>) {
    let columns = vec![
        PropertyTag::new(0x674A, PropertyType::Integer64), // PidTagMid
        PropertyTag::new(0x6748, PropertyType::Integer64), // PidTagFolderId
        PropertyTag::new(0x0E06, PropertyType::Time),      // PidTagMessageDeliveryTime
        PropertyTag::new(0x0E08, PropertyType::Integer32), // PidTagMessageSize
        PropertyTag::new(0x0037, PropertyType::String),    // PidTagSubject
        PropertyTag::new(0x0FFF, PropertyType::Binary),    // PidTagEntryId
        PropertyTag::new(0x0E1F, PropertyType::Boolean),   // PidTagRtfInSync
    ];
    let mut rows = Vec::new();
    let mut count = 0u16;
    let subject: Vec<u8> = "Quarterly report, draft 3"
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    while 2 + 9 + rows.len() + 200 < 32 * 1024 {
        let i = u64::from(count);
        rows.push(0x00); // StandardPropertyRow
        rows.extend((0x0001_0000_0000_0000 | i).to_le_bytes());
        rows.extend(0x0001_0000_0000_0042u64.to_le_bytes());
        rows.extend((0x01D9_0000_0000_0000 + i).to_le_bytes());
        rows.extend((1000 + count as u32).to_le_bytes());
        rows.extend(&subject);
        rows.extend(46u16.to_le_bytes());
        rows.extend(
            [0u8; 46]
                .iter()
                .enumerate()
                .map(|(j, _)| j as u8 ^ count as u8),
        );
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

#[test]
fn the_sample_decodes_and_re_encodes() {
    let (columns, b) = query_rows_output();
    let exp = [ResponseExpectation::new(RopId::QueryRows).with_columns(columns)];
    for rows in [RowForm::Owned, RowForm::Borrowed] {
        let cx = ResponseBufferContext {
            expected: &exp,
            rows,
            ..ResponseBufferContext::default()
        };
        let d = RopResponseBuffer::decode_exact_with(&b, cx).unwrap();
        let RopResponse::QueryRows(q) = &d.rops[0] else {
            panic!()
        };
        assert!(q.rows.count() > 250, "{}", q.rows.count());
        assert_eq!(d.to_vec().unwrap(), b);
    }
}

/// Iterations of a timing (`MSOX_ITERS`, 2000 by default: fewer under
/// callgrind).
fn iters() -> usize {
    std::env::var("MSOX_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// Decodes the sample `iters()` times with rows in `form`; `visit` sees
/// each response. Prints bytes per second and time per row.
fn time_query_rows(what: &str, form: RowForm, visit: impl Fn(&RopQueryRowsResponse<'_>) -> usize) {
    let (columns, b) = query_rows_output();
    let exp = [ResponseExpectation::new(RopId::QueryRows).with_columns(columns)];
    let options = Options::strict();
    let iters = iters();
    let start = Instant::now();
    let mut rows = 0usize;
    for _ in 0..iters {
        let cx = ResponseBufferContext {
            expected: &exp,
            tables: None,
            rows: form,
        };
        let d =
            RopResponseBuffer::decode_bytes_with(std::hint::black_box(&b), cx, &options).unwrap();
        if let RopResponse::QueryRows(q) = &d.value.rops[0] {
            rows += visit(q);
        }
    }
    let t = start.elapsed();
    let bytes = b.len() * iters;
    eprintln!(
        "{what}: {} bytes x {iters}: {:.3} s, {:.1} MB/s, {:.0} ns/row ({rows} rows)",
        b.len(),
        t.as_secs_f64(),
        bytes as f64 / t.as_secs_f64() / 1e6,
        t.as_nanos() as f64 / rows as f64
    );
}

#[test]
#[ignore = "timing; run in release"]
fn query_rows_decoding_throughput() {
    time_query_rows("owned rows", RowForm::Owned, |q| q.rows.count());
}

/// Rows checked and borrowed, no value looked at.
#[test]
#[ignore = "timing; run in release"]
fn query_rows_borrowed_decoding_throughput() {
    time_query_rows("borrowed rows", RowForm::Borrowed, |q| q.rows.count());
}

/// Rows checked and borrowed, then every value of every row read on
/// demand (the strings' and binaries' bytes touched, not converted).
#[test]
#[ignore = "timing; run in release"]
fn query_rows_borrowed_and_visited_throughput() {
    time_query_rows("borrowed rows, every value read", RowForm::Borrowed, |q| {
        let cx = q.rows.context().unwrap();
        let mut sum = 0u64;
        for row in q.rows.row_refs() {
            for cell in row.cells(&cx) {
                sum = sum.wrapping_add(match cell.unwrap().into_value() {
                    Some(ms_oxcdata::PropertyValueRef::Integer64(v)) => v as u64,
                    Some(ms_oxcdata::PropertyValueRef::String(s)) => s.byte_len() as u64,
                    Some(ms_oxcdata::PropertyValueRef::Binary(b)) => b.len() as u64,
                    Some(v) => v.as_i64().unwrap_or(1) as u64,
                    None => 0,
                });
            }
        }
        std::hint::black_box(sum);
        q.rows.count()
    });
}

/// The framework alone: a 32 KB output buffer of small responses
/// (RopSetColumns, RopSeekRow, RopGetStoreState...), no property values.
#[test]
#[ignore = "timing; run in release"]
fn small_responses_decoding_throughput() {
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
    let options = Options::strict();
    let iters = iters();
    let start = Instant::now();
    let mut n = 0;
    for _ in 0..iters {
        let d = RopResponseBuffer::decode_bytes(std::hint::black_box(&b), &options).unwrap();
        n += d.value.rops.len();
    }
    let t = start.elapsed();
    eprintln!(
        "{} bytes x {iters}: {:.1} MB/s, {:.0} ns/ROP",
        b.len(),
        (b.len() * iters) as f64 / t.as_secs_f64() / 1e6,
        t.as_nanos() as f64 / n as f64
    );
}
