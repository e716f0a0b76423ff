//! Hostile input over every entry point: the testkit suite (truncations,
//! mutations, starved limits, strict and lenient) seeded with the crate's
//! vectors and the OpenChange captures, then huge counts and deep nesting.
//! Errors, never panics, never a stack overflow, never an allocation the
//! input does not back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::collections::HashMap;

use ms_oxcdata::{PropertyTag, PropertyType};
use ms_oxcrops::*;
use msox_codec::{Decode, DecodeWith, Encode, ErrorKind, Options};
use msox_testkit::hostile::{Suite, outcome};
use msox_testkit::{Vector, vectors};

/// RopSize, the ROPs, the handle table.
fn buffer(list: &[u8], handles: &[u32]) -> Vec<u8> {
    let mut b = Vec::from(u16::try_from(list.len() + 2).unwrap().to_le_bytes());
    b.extend_from_slice(list);
    for h in handles {
        b.extend(h.to_le_bytes());
    }
    b
}

fn of_type<'v>(all: &'v [Vector], ty: &str) -> impl Iterator<Item = &'v Vector> {
    let ty = ty.to_string();
    all.iter().filter(move |v| v.meta("type") == ty)
}

/// Request buffers: the buffer vectors (error vectors too), every
/// single-ROP request vector in a buffer, and the OpenChange captures.
fn request_samples(all: &[Vector]) -> Vec<Vec<u8>> {
    let mut s: Vec<Vec<u8>> = of_type(all, "request-buffer")
        .map(|v| v.bytes.clone())
        .collect();
    s.extend(of_type(all, "request").map(|v| buffer(&v.bytes, &[0x10, 0x20, NO_HANDLE])));
    for e in msox_testkit::corpus::files("rops", &[".rgbin-decompressed.bin"]) {
        s.push(std::fs::read(&e.path).unwrap());
    }
    s
}

/// Response buffers that decode without context.
fn response_samples(all: &[Vector]) -> Vec<Vec<u8>> {
    let mut s: Vec<Vec<u8>> = of_type(all, "response-buffer")
        .map(|v| v.bytes.clone())
        .collect();
    s.extend(of_type(all, "response").map(|v| buffer(&v.bytes, &[0x10, 0x20, 0x30])));
    s.extend(notify_samples().into_iter().map(|n| buffer(&n, &[0x77])));
    s
}

fn fid(n: u8) -> [u8; 8] {
    [1, 0, 0, 0, 0, 0, 0, n]
}

/// RopNotify responses (RopId 0x2A and on): NewMail, ObjectModified with
/// tags and counts, SearchComplete, TableRowAdded with a row of the
/// table's columns (handle 0x77: one PtypInteger32 column), TableRestrictionChanged.
fn notify_samples() -> Vec<Vec<u8>> {
    let head = |handle: u32, flags: u16| {
        let mut b = vec![0x2A];
        b.extend(handle.to_le_bytes());
        b.push(0x00);
        b.extend(flags.to_le_bytes());
        b
    };
    let mut out = Vec::new();
    // NewMail with M
    let mut b = head(0x10, 0x8002);
    b.extend(fid(1));
    b.extend(fid(2));
    b.extend(0x11u32.to_le_bytes());
    b.push(0x01);
    b.extend([b'I', 0, b'P', 0, b'M', 0, 0, 0]);
    out.push(b);
    // ObjectModified of a message with T and U
    let mut b = head(0x10, 0xB010);
    b.extend(fid(1));
    b.extend(fid(2));
    b.extend([1, 0, 0x03, 0x00, 0x07, 0x0E]);
    b.extend(9u32.to_le_bytes());
    b.extend(3u32.to_le_bytes());
    out.push(b);
    // SearchComplete of a folder
    let mut b = head(0x10, 0x0080);
    b.extend(fid(4));
    out.push(b);
    // TableModified: TableRowAdded
    let mut b = head(0x77, 0x8100);
    b.extend(0x0003u16.to_le_bytes());
    b.extend(fid(1));
    b.extend(fid(2));
    b.extend(0u32.to_le_bytes());
    b.extend(fid(1));
    b.extend(fid(3));
    b.extend(0u32.to_le_bytes());
    b.extend(5u16.to_le_bytes());
    b.extend([0x00, 42, 0, 0, 0]);
    out.push(b);
    // TableModified: TableRestrictionChanged (no further fields)
    let mut b = head(0x77, 0x0100);
    b.extend(0x0007u16.to_le_bytes());
    out.push(b);
    out
}

fn table_columns() -> HashMap<u32, Vec<PropertyTag>> {
    let mut t = HashMap::new();
    t.insert(
        0x77,
        vec![PropertyTag::new(0x0E08, PropertyType::Integer32)],
    );
    t
}

/// A conversation's second half: the response buffer of a request decoded
/// first, through a copy of the request's [`RopContext`].
struct Conversation {
    context: RopContext,
    response: Vec<u8>,
}

fn conversations(all: &[Vector]) -> Vec<Conversation> {
    let mut out = Vec::new();
    for v in of_type(all, "response-buffer") {
        let Some(name) = v.meta.get("request") else {
            continue;
        };
        let req = all.iter().find(|r| &r.name == name).unwrap();
        let mut context = RopContext::new();
        context
            .decode_request(&req.bytes, &Options::strict())
            .unwrap();
        out.push(Conversation {
            context,
            response: v.bytes.clone(),
        });
    }
    // SetColumns + QueryRows + GetPropertiesSpecific on a table and a message
    let mut list = vec![0x12, 0x00, 0x01, 0x00, 0x02, 0x00];
    list.extend([0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E]);
    list.extend([0x15, 0x00, 0x01, 0x00, 0x01, 0x0A, 0x00]);
    list.extend([0x07, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00]);
    list.extend([0x03, 0x00, 0x08, 0x0E, 0x1F, 0x00, 0x37, 0x00]);
    let mut context = RopContext::new();
    context
        .decode_request(&buffer(&list, &[0x10, 0x20, 0x30]), &Options::strict())
        .unwrap();
    let mut l = vec![0x12, 0x01, 0, 0, 0, 0, 0x00];
    l.extend([0x15, 0x01, 0, 0, 0, 0, 0x02, 0x02, 0x00]);
    l.extend([0x00, b'H', 0, b'i', 0, 0, 0, 0x10, 0, 0, 0]);
    l.extend([0x01, 0x00, b'Y', 0, 0, 0, 0x0A, 0x0F, 0x01, 0x04, 0x80]);
    l.extend([0x07, 0x02, 0, 0, 0, 0, 0x00, 7, 0, 0, 0, b'S', 0, 0, 0]);
    out.push(Conversation {
        context,
        response: buffer(&l, &[0x10, 0x20, 0x30]),
    });
    out
}

#[test]
fn oxcrops_request_buffer() {
    let all = vectors("oxcrops");
    let samples = request_samples(&all);
    assert!(samples.len() > 20);
    // a buffer ends with its handle table, 4 bytes a handle: a prefix cut
    // at a handle boundary is a valid buffer
    Suite::new("oxcrops_request_buffer")
        .prefixes_may_decode()
        .run(&samples, |b, o| {
            outcome(RopRequestBuffer::decode_bytes(b, o))
        });
}

#[test]
fn oxcrops_response_buffer() {
    let all = vectors("oxcrops");
    let samples = response_samples(&all);
    assert!(samples.len() > 10);
    Suite::new("oxcrops_response_buffer")
        .prefixes_may_decode()
        .run(&samples, |b, o| {
            outcome(RopResponseBuffer::decode_bytes(b, o))
        });
}

#[test]
fn oxcrops_response_buffer_with_context() {
    let all = vectors("oxcrops");
    let convs = conversations(&all);
    assert!(convs.len() >= 2);
    for (i, c) in convs.iter().enumerate() {
        Suite::new(&format!("oxcrops_response_buffer_with_context[{i}]"))
            .prefixes_may_decode()
            .run(std::slice::from_ref(&c.response), |b, o| {
                let mut ctx = c.context.clone();
                outcome(ctx.decode_response(b, o))
            });
    }
    // an explicit ResponseBufferContext with the table columns by handle
    let tables = table_columns();
    let samples: Vec<Vec<u8>> = notify_samples()
        .into_iter()
        .map(|n| buffer(&n, &[0x77]))
        .collect();
    Suite::new("oxcrops_response_buffer_with_context[tables]")
        .prefixes_may_decode()
        .run(&samples, |b, o| {
            let cx = ResponseBufferContext {
                expected: &[],
                tables: Some(&tables),
                ..ResponseBufferContext::default()
            };
            outcome(RopResponseBuffer::decode_bytes_with(b, cx, o))
        });
}

#[test]
fn oxcrops_notify() {
    let samples = notify_samples();
    let tables = table_columns();
    Suite::new("oxcrops_notify").run(&samples, |b, o| {
        let cx = ResponseContext {
            tables: Some(&tables),
            ..ResponseContext::default()
        };
        outcome(RopResponse::decode_bytes_with(b, cx, o))
    });
    // RopNotify without its RopId, with the columns of tables
    let bodies: Vec<Vec<u8>> = samples.iter().map(|s| s[1..].to_vec()).collect();
    Suite::new("oxcrops_notify_response").run(&bodies, |b, o| {
        outcome(RopNotifyResponse::decode_bytes_with(
            b,
            &tables as &dyn TableColumns,
            o,
        ))
    });
    // NotificationData alone, without columns
    let data: Vec<Vec<u8>> = samples.iter().map(|s| s[6..].to_vec()).collect();
    Suite::new("oxcrops_notification_data")
        .run(&data, |b, o| outcome(NotificationData::decode_bytes(b, o)));
}

/// Single ROPs, each form: the request and response vectors.
#[test]
fn oxcrops_rop() {
    let all = vectors("oxcrops");
    let reqs: Vec<Vec<u8>> = of_type(&all, "request").map(|v| v.bytes.clone()).collect();
    Suite::new("oxcrops_rop_request").run(&reqs, |b, o| outcome(RopRequest::decode_bytes(b, o)));
    let resps: Vec<Vec<u8>> = of_type(&all, "response").map(|v| v.bytes.clone()).collect();
    Suite::new("oxcrops_rop_response").run(&resps, |b, o| outcome(RopResponse::decode_bytes(b, o)));
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    // RopSetColumns with PropertyTagCount 0xFFFF and one tag
    let list = [0x12, 0x00, 0x01, 0x00, 0xFF, 0xFF, 0x08, 0x0E, 0x03, 0x00];
    assert!(RopRequestBuffer::decode_exact(&buffer(&list, &[1])).is_err());
    // RopQueryRows response with RowCount 0xFFFF and one row
    let cols = [PropertyTag::new(0x0E08, PropertyType::Integer32)];
    let exp = ResponseExpectation::new(RopId::QueryRows).with_columns(cols.to_vec());
    let rop = [0x15, 0x01, 0, 0, 0, 0, 0x02, 0xFF, 0xFF, 0x00, 1, 0, 0, 0];
    let cx = ResponseContext::for_request(&exp);
    assert!(RopResponse::decode_exact_with(&rop, cx).is_err());
    // a RopSize of 0xFFFF over a short buffer
    assert!(RopRequestBuffer::decode_exact(&[0xFF, 0xFF, 0x7B, 0x00, 0x00]).is_err());
    // many tiny ROPs: one RopRelease (3 bytes) after another fills the list;
    // linear, and the handle count follows the bytes
    let mut list = Vec::new();
    for _ in 0..20_000 {
        list.extend([0x01, 0x00, 0x00]);
    }
    let b = buffer(&list, &[1]);
    let d = RopRequestBuffer::decode_exact(&b).unwrap();
    assert_eq!(d.rops.len(), 20_000);
    // a huge ModifyRecipients RowCount over a few bytes
    let rop = [0x0E, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 1, 0, 0, 0];
    assert!(RopRequest::decode_exact(&rop).is_err());
}

#[test]
fn deep_restriction_nesting_hits_the_depth_limit() {
    // RopRestrict with RestrictionData of 30,000 nested NotRestrictions
    let depth = 30_000;
    let mut data = vec![0x02u8; depth]; // RestrictType 0x02: NotRestriction
    data.extend([0x08, 0x08, 0x0E, 0x03, 0x00]); // ExistRestriction (PidTagMessageSize)
    let mut rop = vec![0x14, 0x00, 0x00, 0x00];
    rop.extend(u16::try_from(data.len()).unwrap().to_le_bytes());
    rop.extend(&data);
    let e = RopRequest::decode_exact(&rop).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { .. }),
        "not a limit: {e}"
    );
    let d = RopRequest::decode_bytes(&rop, &Options::lenient());
    assert!(d.is_err() || !d.unwrap().defects.is_empty());
}

/// The columns of the row samples: IDs, a time, a size, a subject, an
/// entry ID, a flag, a PtypUnspecified column and a multi-valued string.
fn row_columns() -> Vec<PropertyTag> {
    vec![
        PropertyTag::new(0x674A, PropertyType::Integer64),
        PropertyTag::new(0x0E06, PropertyType::Time),
        PropertyTag::new(0x0E08, PropertyType::Integer32),
        PropertyTag::new(0x0037, PropertyType::String),
        PropertyTag::new(0x0FFF, PropertyType::Binary),
        PropertyTag::new(0x0E1F, PropertyType::Boolean),
        PropertyTag::new(0x7000, PropertyType::Unspecified),
        PropertyTag::new(0x8001, PropertyType::MultipleString),
    ]
}

/// Rows of [`row_columns`]: a standard row, then a flagged one.
fn row_bytes(n: usize) -> Vec<u8> {
    let mut b = Vec::new();
    for i in 0..n {
        if i % 2 == 0 {
            b.push(0x00);
            b.extend((0x0001_0000_0000_0000u64 | i as u64).to_le_bytes());
            b.extend(0x01D9_0000_0000_0000u64.to_le_bytes());
            b.extend(1000u32.to_le_bytes());
            b.extend([b'H', 0, b'i', 0, 0, 0]);
            b.extend([3, 0, 0xAB, 0xCD, i as u8]);
            b.push(0x01);
            b.extend([0x03, 0x00, 7, 0, 0, 0]); // TypedPropertyValue: PtypInteger32
            b.extend([2, 0, 0, 0, b'a', 0, 0, 0, 0, 0]);
        } else {
            b.push(0x01);
            b.push(0x00);
            b.extend((i as u64).to_le_bytes());
            b.push(0x01); // not present
            b.extend([0x0A, 0x0F, 0x01, 0x04, 0x80]); // error
            b.push(0x00);
            b.extend([b'R', 0, b'e', 0, 0, 0]);
            b.extend([0x00, 1, 0, 0x42]);
            b.extend([0x00, 0x00]);
            b.extend([0x02, 0x00, 0x00, 5, 0]); // WithType PtypInteger16
            b.extend([0x01]);
        }
    }
    b
}

/// An owned and a borrowed decode of the same input agree (compared by
/// `Debug` once the borrowed rows are made owned: mutated floats may be NaN).
fn assert_alike<T: std::fmt::Debug>(
    owned: &msox_codec::Result<msox_codec::Decoded<T>>,
    borrowed: &msox_codec::Result<msox_codec::Decoded<T>>,
    owned_of: impl Fn(&T) -> T,
) {
    match (owned, borrowed) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.defects, b.defects);
            assert_eq!(
                format!("{:?}", a.value),
                format!("{:?}", owned_of(&b.value))
            );
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("owned {a:?}, borrowed {b:?}"),
    }
}

#[test]
fn oxcrops_query_rows_lazy() {
    let columns = row_columns();
    let c = &columns[..];
    // RopQueryRows success responses after their RopId: no row, one, four
    let samples: Vec<Vec<u8>> = [0usize, 1, 4]
        .iter()
        .map(|&n| {
            let mut b = vec![0x01, 0, 0, 0, 0, 0x02];
            b.extend(u16::try_from(n).unwrap().to_le_bytes());
            b.extend(row_bytes(n));
            b
        })
        .collect();
    for s in &samples {
        let q = RopQueryRowsResponse::decode_exact_with(s, (c, RowForm::Borrowed)).unwrap();
        assert_eq!(q.to_vec().unwrap(), *s);
    }
    Suite::new("oxcrops_query_rows_lazy").run(&samples, |b, o| {
        let owned = RopQueryRowsResponse::decode_bytes_with(b, c, o);
        let borrowed = RopQueryRowsResponse::decode_bytes_with(b, (c, RowForm::Borrowed), o);
        if let Ok(d) = &borrowed {
            // every value reads on demand
            let cx = d.value.rows.context().unwrap();
            for row in d.value.rows.row_refs() {
                assert!(row.cells(&cx).all(|c| c.is_ok()));
            }
        }
        assert_alike(&owned, &borrowed, |q| RopQueryRowsResponse {
            rows: q.rows.clone().into_owned().unwrap(),
            ..q.clone()
        });
        outcome(borrowed)
    });
    // RopExpandRow: ExpandedRowCount, then the rows
    let samples: Vec<Vec<u8>> = [0usize, 3]
        .iter()
        .map(|&n| {
            let mut b = vec![0x01, 0, 0, 0, 0, 9, 0, 0, 0];
            b.extend(u16::try_from(n).unwrap().to_le_bytes());
            b.extend(row_bytes(n));
            b
        })
        .collect();
    for s in &samples {
        RopExpandRowResponse::decode_exact_with(s, (c, RowForm::Borrowed)).unwrap();
    }
    Suite::new("oxcrops_expand_row_lazy").run(&samples, |b, o| {
        let owned = RopExpandRowResponse::decode_bytes_with(b, c, o);
        let borrowed = RopExpandRowResponse::decode_bytes_with(b, (c, RowForm::Borrowed), o);
        assert_alike(&owned, &borrowed, |q| RopExpandRowResponse {
            rows: q.rows.clone().into_owned().unwrap(),
            ..q.clone()
        });
        outcome(borrowed)
    });
    // RopFindRow with and without a row; RopGetPropertiesSpecific
    let mut find = vec![0x01, 0, 0, 0, 0, 0x00, 0x01];
    find.extend(row_bytes(1));
    let samples = vec![find, vec![0x01, 0, 0, 0, 0, 0x00, 0x00]];
    for s in &samples {
        RopFindRowResponse::decode_exact_with(s, (c, RowForm::Borrowed)).unwrap();
    }
    Suite::new("oxcrops_find_row_lazy").run(&samples, |b, o| {
        let owned = RopFindRowResponse::decode_bytes_with(b, c, o);
        let borrowed = RopFindRowResponse::decode_bytes_with(b, (c, RowForm::Borrowed), o);
        assert_alike(&owned, &borrowed, |q| RopFindRowResponse {
            row: q.row.clone().map(|r| r.into_owned().unwrap()),
            ..q.clone()
        });
        outcome(borrowed)
    });
    let mut gps = vec![0x01, 0, 0, 0, 0];
    gps.extend(row_bytes(2).into_iter().skip(row_bytes(1).len())); // the flagged row
    RopGetPropertiesSpecificResponse::decode_exact_with(&gps, (c, RowForm::Borrowed)).unwrap();
    Suite::new("oxcrops_get_properties_specific_lazy").run(&[gps], |b, o| {
        let owned = RopGetPropertiesSpecificResponse::decode_bytes_with(b, c, o);
        let borrowed =
            RopGetPropertiesSpecificResponse::decode_bytes_with(b, (c, RowForm::Borrowed), o);
        assert_alike(&owned, &borrowed, |q| RopGetPropertiesSpecificResponse {
            row: q.row.clone().into_owned().unwrap(),
            ..q.clone()
        });
        outcome(borrowed)
    });
}

#[test]
fn oxcrops_response_buffer_with_context_borrowed() {
    let all = vectors("oxcrops");
    let convs = conversations(&all);
    for (i, conv) in convs.iter().enumerate() {
        Suite::new(&format!(
            "oxcrops_response_buffer_with_context_borrowed[{i}]"
        ))
        .prefixes_may_decode()
        .run(std::slice::from_ref(&conv.response), |b, o| {
            let mut owned_ctx = conv.context.clone();
            let mut ctx = conv.context.clone().with_row_form(RowForm::Borrowed);
            let owned = owned_ctx.decode_response(b, o);
            let borrowed = ctx.decode_response(b, o);
            assert_alike(&owned, &borrowed, |x| x.clone().into_owned_rows().unwrap());
            outcome(borrowed)
        });
    }
    // huge row counts: refused in both forms
    let cols = [PropertyTag::new(0x0E08, PropertyType::Integer32)];
    let rop = [0x01, 0, 0, 0, 0, 0x02, 0xFF, 0xFF, 0x00, 1, 0, 0, 0];
    let e = RopQueryRowsResponse::decode_exact_with(&rop, &cols[..]).unwrap_err();
    let f =
        RopQueryRowsResponse::decode_exact_with(&rop, (&cols[..], RowForm::Borrowed)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e, f);
}
