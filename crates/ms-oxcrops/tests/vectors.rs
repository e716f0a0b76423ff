//! `test-vectors/oxcrops/*.hex`: ROPs and whole ROP buffers from the
//! specifications' section 4 examples ([MS-OXCROPS] 4, and the object
//! specs' examples). Each vector names its `# type:` (`request`,
//! `response`, `request-buffer`, `response-buffer`), the field values the
//! example states (`# expected:`, under the spec's field names), and for
//! buffers the ROPs (`# rops:`) and handles (`# handles:`). Every vector
//! decodes to the stated values and re-encodes byte for byte; a response
//! buffer whose layout needs its request (`# request:` names the request
//! vector) is decoded in order through a [`RopContext`]. Vectors with a
//! `.err` file beside them must fail as the file says.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::BTreeMap;

use common::{normalize, request_fields, response_fields, stated};
use ms_oxcrops::*;
use msox_codec::{Decode, Encode, Options};
use msox_testkit::hostile::{Outcome, outcome};
use msox_testkit::{Vector, vectors};

fn by_name<'v>(all: &'v [Vector], name: &str) -> &'v Vector {
    all.iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no vector {name}"))
}

fn rop_names<T>(rops: &[T], id: impl Fn(&T) -> Option<RopId>) -> String {
    rops.iter()
        .map(|r| id(r).map_or_else(|| "?".to_string(), |i| i.to_string()))
        .collect::<Vec<_>>()
        .join(",")
}

fn handle_list(handles: &[u32]) -> String {
    handles
        .iter()
        .map(|h| format!("0x{h:08X}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Checks every stated field against the decoded ones.
fn check_stated(v: &Vector, fields: &BTreeMap<&'static str, String>) {
    let Some(line) = v.meta.get("expected") else {
        return;
    };
    let expected = stated(line);
    assert!(!expected.is_empty(), "{}: nothing stated", v.name);
    for (k, want) in &expected {
        let got = fields
            .get(k.as_str())
            .unwrap_or_else(|| panic!("{}: field {k} not looked up", v.name));
        assert_eq!(got, want, "{}: field {k}", v.name);
    }
}

/// The fields of every ROP of a buffer, merged (the examples state each
/// field once).
fn merged<T>(
    rops: &[T],
    f: impl Fn(&T) -> BTreeMap<&'static str, String>,
) -> BTreeMap<&'static str, String> {
    rops.iter().flat_map(f).collect()
}

/// Decodes a response buffer: with the request vector it answers through a
/// [`RopContext`], else without context.
fn decode_response_buffer<'a>(
    v: &'a Vector,
    all: &'a [Vector],
    options: &Options,
) -> msox_codec::Result<msox_codec::Decoded<RopResponseBuffer<'a>>> {
    match v.meta.get("request") {
        Some(name) => {
            let mut ctx = RopContext::new();
            ctx.decode_request(&by_name(all, name).bytes, &Options::strict())
                .unwrap();
            ctx.decode_response(&v.bytes, options)
        }
        None => RopResponseBuffer::decode_bytes(&v.bytes, options),
    }
}

/// The entry point a vector's `# type:` names, for error vectors.
fn run(v: &Vector, all: &[Vector], bytes: &[u8], o: &Options) -> Outcome {
    match v.meta("type") {
        "request" => outcome(RopRequest::decode_bytes(bytes, o)),
        "response" => outcome(RopResponse::decode_bytes(bytes, o)),
        "request-buffer" => outcome(RopRequestBuffer::decode_bytes(bytes, o)),
        "response-buffer" => match v.meta.get("request") {
            Some(name) => {
                let mut ctx = RopContext::new();
                ctx.decode_request(&by_name(all, name).bytes, &Options::strict())
                    .unwrap();
                outcome(ctx.decode_response(bytes, o))
            }
            None => outcome(RopResponseBuffer::decode_bytes(bytes, o)),
        },
        other => panic!("{}: unknown type {other}", v.name),
    }
}

#[test]
fn spec_examples_decode_to_the_stated_values_and_re_encode() {
    let all = vectors("oxcrops");
    let mut checked = 0;
    for v in &all {
        assert!(v.section().is_some(), "{}: no section", v.name);
        v.meta("source");
        if v.expected_error.is_some() {
            continue;
        }
        let bytes = &v.bytes;
        match v.meta("type") {
            "request" => {
                let r =
                    RopRequest::decode_exact(bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert_eq!(&r.to_vec().unwrap(), bytes, "{}: re-encoding", v.name);
                check_stated(v, &request_fields(&r));
            }
            "response" => {
                let r =
                    RopResponse::decode_exact(bytes).unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert_eq!(&r.to_vec().unwrap(), bytes, "{}: re-encoding", v.name);
                check_stated(v, &response_fields(&r));
            }
            "request-buffer" => {
                let b = RopRequestBuffer::decode_exact(bytes)
                    .unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert_eq!(&b.to_vec().unwrap(), bytes, "{}: re-encoding", v.name);
                assert_eq!(rop_names(&b.rops, RopRequest::rop_id), v.meta("rops"));
                assert_eq!(handle_list(&b.handles), v.meta("handles"));
                check_stated(v, &merged(&b.rops, request_fields));
            }
            "response-buffer" => {
                let d = decode_response_buffer(v, &all, &Options::strict())
                    .unwrap_or_else(|e| panic!("{}: {e}", v.name));
                assert!(d.defects.is_empty(), "{}", v.name);
                let b = d.value;
                assert_eq!(&b.to_vec().unwrap(), bytes, "{}: re-encoding", v.name);
                assert_eq!(rop_names(&b.rops, RopResponse::rop_id), v.meta("rops"));
                assert_eq!(handle_list(&b.handles), v.meta("handles"));
                check_stated(v, &merged(&b.rops, response_fields));
            }
            other => panic!("{}: unknown type {other}", v.name),
        }
        checked += 1;
    }
    assert!(checked >= 25, "only {checked} vectors");
}

#[test]
fn error_vectors_fail_as_their_err_files_say() {
    let all = vectors("oxcrops");
    let mut n = 0;
    for v in &all {
        if v.check_expected_error(|b, o| run(v, &all, b, o)) {
            n += 1;
        }
    }
    assert!(n >= 4, "only {n} error vectors");
}

/// [MS-OXORULE] 4.2: the client opens the rules table, sets its columns and
/// reads a row; decoded in order, the rows of the response come out with
/// the columns of the request, and the context knows the table.
#[test]
fn the_rules_table_conversation_decodes_in_order() {
    let all = vectors("oxcrops");
    let request = by_name(&all, "oxorule-4.2.1-rules-table-request");
    let response = by_name(&all, "oxorule-4.2.2-rules-table-response");
    let mut ctx = RopContext::new();
    let req = ctx
        .decode_request(&request.bytes, &Options::strict())
        .unwrap();
    assert!(req.defects.is_empty());
    // the QueryRows response will be read with the columns just set
    let exp = ctx
        .expected()
        .iter()
        .find(|e| e.rop_id == RopId::QueryRows)
        .unwrap();
    let columns: Vec<u32> = exp
        .columns
        .as_ref()
        .unwrap()
        .iter()
        .map(|t| t.to_u32())
        .collect();
    assert_eq!(columns, [0x6674_0014, 0x6684_0102, 0x6682_001F]);
    let resp = ctx
        .decode_response(&response.bytes, &Options::strict())
        .unwrap();
    let RopResponse::QueryRows(q) = &resp.value.rops[2] else {
        panic!("not RopQueryRows: {:?}", resp.value.rops[2]);
    };
    let Rows::Decoded { rows, .. } = &q.rows else {
        panic!("rows not decoded");
    };
    assert_eq!(rows.len(), 1);
    // the rules table now has a handle, and its columns
    let table = ctx.object(0x224).unwrap();
    assert_eq!(table.kind, ObjectKind::Table);
    assert_eq!(table.columns.as_ref().map(Vec::len), Some(3));
}

/// The same conversation with borrowed rows: the row is checked when the
/// buffer is decoded and its values are read on demand from the input,
/// the same values as the owned decode; the buffer re-encodes unchanged.
#[test]
fn the_rules_table_conversation_decodes_with_borrowed_rows() {
    let all = vectors("oxcrops");
    let request = by_name(&all, "oxorule-4.2.1-rules-table-request");
    let response = by_name(&all, "oxorule-4.2.2-rules-table-response");
    let mut ctx = RopContext::new().with_row_form(RowForm::Borrowed);
    ctx.decode_request(&request.bytes, &Options::strict())
        .unwrap();
    let owned = ctx.clone().with_row_form(RowForm::Owned);
    let resp = ctx
        .decode_response(&response.bytes, &Options::strict())
        .unwrap();
    let RopResponse::QueryRows(q) = &resp.value.rops[2] else {
        panic!("not RopQueryRows: {:?}", resp.value.rops[2]);
    };
    let cx = q.rows.context().unwrap();
    let [row] = q.rows.row_refs() else {
        panic!("{:?}", q.rows)
    };
    let Some(ms_oxcdata::PropertyValueRef::String(name)) = row.value(2, &cx).unwrap() else {
        panic!()
    };
    assert!(name == "Project X");
    // borrowed from the input
    let at = row.offset() + row.as_bytes().len() - name.byte_len() - 2;
    assert_eq!(&response.bytes[at..at + name.byte_len()], name.as_bytes());
    assert_eq!(resp.value.to_vec().unwrap(), response.bytes);
    let mut owned = owned;
    let o = owned
        .decode_response(&response.bytes, &Options::strict())
        .unwrap();
    assert_eq!(resp.value.into_owned_rows().unwrap(), o.value);
}

/// Without its request, a RopQueryRows response keeps its rows as bytes: a
/// defect in lenient mode (and the bytes re-encode unchanged), an error in
/// strict mode.
#[test]
fn a_response_buffer_without_its_request_keeps_rows_as_bytes() {
    let all = vectors("oxcrops");
    let response = by_name(&all, "oxorule-4.2.2-rules-table-response");
    let d = RopResponseBuffer::decode_bytes(&response.bytes, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    let RopResponse::QueryRows(q) = &d.value.rops[2] else {
        panic!("not RopQueryRows");
    };
    assert!(matches!(q.rows, Rows::Undecoded { row_count: 1, .. }));
    assert_eq!(d.value.to_vec().unwrap(), response.bytes);
    assert!(RopResponseBuffer::decode_exact(&response.bytes).is_err());
}

#[test]
fn normalize_keeps_wide_hex() {
    assert_eq!(normalize("0x0102"), "258");
    assert_eq!(
        normalize("0x010000000100000055555555d144e340"),
        "010000000100000055555555d144e340"
    );
}

/// An unknown RopId: in lenient mode the rest of the ROP list is kept as
/// bytes, the handle table is still read, and the buffer re-encodes.
#[test]
fn an_unknown_rop_id_keeps_the_rest_as_bytes() {
    let v = msox_testkit::vector("oxcrops", "error-unknown-rop-id-lenient");
    let d = RopRequestBuffer::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(matches!(d.value.rops[..], [RopRequest::Raw(_)]));
    assert_eq!(d.value.handles, [0x42]);
    assert_eq!(d.value.to_vec().unwrap(), v.bytes);
}
