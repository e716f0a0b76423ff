//! Table ROPs ([MS-OXCROPS] 2.2.5): rows laid out by the columns of the
//! table's last RopSetColumns, across a conversation.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyRow, PropertyTag, PropertyType, PropertyValue};
use ms_oxcrops::*;
use msox_codec::{Decode, DecodeWith, Encode, Options};

fn buffer(list: &[u8], handles: &[u32]) -> Vec<u8> {
    let mut b = Vec::from(((list.len() + 2) as u16).to_le_bytes());
    b.extend(list);
    for h in handles {
        b.extend(h.to_le_bytes());
    }
    b
}

/// RopSetColumns (PidTagSubject, PidTagMessageSize) then RopQueryRows on
/// handle index 1.
fn request_list() -> Vec<u8> {
    let mut l = vec![0x12, 0x00, 0x01, 0x00, 0x02, 0x00];
    l.extend([0x1F, 0x00, 0x37, 0x00, 0x03, 0x00, 0x08, 0x0E]);
    l.extend([0x15, 0x00, 0x01, 0x00, 0x01, 0x0A, 0x00]);
    l
}

fn response_list() -> Vec<u8> {
    let mut l = vec![0x12, 0x01, 0, 0, 0, 0, 0x00]; // SetColumns: TBLSTAT_COMPLETE
    l.extend([0x15, 0x01, 0, 0, 0, 0, 0x02, 0x02, 0x00]); // QueryRows: END, 2 rows
    l.extend([0x00, b'H', 0, b'i', 0, 0, 0, 0x10, 0, 0, 0]);
    l.extend([0x01, 0x00, b'Y', 0, 0, 0, 0x0A, 0x0F, 0x01, 0x04, 0x80]);
    l
}

#[test]
fn query_rows_in_a_conversation_uses_the_columns_just_set() {
    let mut ctx = RopContext::new();
    let req = buffer(&request_list(), &[0x10, 0x20]);
    let d = ctx.decode_request(&req, &Options::strict()).unwrap();
    assert_eq!(d.value.to_vec().unwrap(), req);
    assert_eq!(ctx.expected().len(), 2);
    assert_eq!(ctx.expected()[1].columns.as_ref().unwrap().len(), 2);

    let resp = buffer(&response_list(), &[0x10, 0x20]);
    let d = ctx.decode_response(&resp, &Options::strict()).unwrap();
    let RopResponse::QueryRows(q) = &d.value.rops[1] else {
        panic!()
    };
    assert_eq!(q.origin, Bookmark::End);
    let Rows::Decoded { rows, .. } = &q.rows else {
        panic!()
    };
    assert_eq!(rows[0].value(1), Some(&PropertyValue::Integer32(16)));
    assert!(matches!(rows[1], PropertyRow::Flagged(_)));
    assert_eq!(d.value.to_vec().unwrap(), resp);
    // the table keeps its columns for the next call
    assert_eq!(ctx.object(0x20).unwrap().columns.as_ref().unwrap().len(), 2);

    let next_req = buffer(&[0x15, 0x00, 0x01, 0x00, 0x01, 0x0A, 0x00], &[0x10, 0x20]);
    ctx.decode_request(&next_req, &Options::strict()).unwrap();
    let next_resp = buffer(
        &[
            0x15, 0x01, 0, 0, 0, 0, 0x02, 0x01, 0x00, 0x00, b'Z', 0, 0, 0, 1, 0, 0, 0,
        ],
        &[0x10, 0x20],
    );
    let d = ctx.decode_response(&next_resp, &Options::strict()).unwrap();
    let RopResponse::QueryRows(q) = &d.value.rops[0] else {
        panic!()
    };
    assert_eq!(q.rows.count(), 1);
}

#[test]
fn query_rows_without_columns_keeps_the_rows_as_bytes() {
    let resp = buffer(&response_list(), &[0x10, 0x20]);
    assert!(RopResponseBuffer::decode_exact(&resp).is_err());
    let d = RopResponseBuffer::decode_bytes(&resp, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    let RopResponse::QueryRows(q) = &d.value.rops[1] else {
        panic!()
    };
    assert!(matches!(q.rows, Rows::Undecoded { row_count: 2, .. }));
    assert_eq!(d.value.handles, [0x10, 0x20]);
    assert_eq!(d.value.to_vec().unwrap(), resp);
}

#[test]
fn query_rows_response_with_explicit_columns() {
    let cols = [
        PropertyTag::new(0x0037, PropertyType::String),
        PropertyTag::new(0x0E08, PropertyType::Integer32),
    ];
    let body = &response_list()[8..];
    let r = RopQueryRowsResponse::decode_exact_with(body, &cols[..]).unwrap();
    assert_eq!(r.rows.count(), 2);
    let mut full = vec![0x15];
    full.extend(body);
    let exp = ResponseExpectation::new(RopId::QueryRows).with_columns(cols.to_vec());
    let rr = RopResponse::decode_exact_with(&full, ResponseContext::for_request(&exp)).unwrap();
    assert_eq!(rr.to_vec().unwrap(), full);
}

#[test]
fn find_row_and_failure_forms() {
    let cols = [PropertyTag::new(0x0E08, PropertyType::Integer32)];
    let found = [0x4F, 0x00, 0, 0, 0, 0, 0x00, 0x01, 0x00, 7, 0, 0, 0];
    let exp = ResponseExpectation::new(RopId::FindRow).with_columns(cols.to_vec());
    let r = RopResponse::decode_exact_with(&found, ResponseContext::for_request(&exp)).unwrap();
    let RopResponse::FindRow(f) = &r else {
        panic!()
    };
    assert_eq!(
        f.row.as_ref().unwrap().row().unwrap().value(0),
        Some(&PropertyValue::Integer32(7))
    );
    assert_eq!(r.to_vec().unwrap(), found);
    let not_found = [0x4F, 0x00, 0, 0, 0, 0, 0x00, 0x00];
    assert!(RopResponse::decode_exact(&not_found).is_ok());
    let failure = [0x4F, 0x00, 0x0F, 0x01, 0x04, 0x80];
    assert!(matches!(
        RopResponse::decode_exact(&failure).unwrap(),
        RopResponse::Failure(_)
    ));
}
