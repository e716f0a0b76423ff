//! Vectors built from the spec's structure definitions (2.2.1, 2.2.4,
//! 2.2.5) and section 4 examples; no captures exist here. Each decodes to
//! its stated values and re-encodes to the same bytes.
//! `MSOX_WRITE_VECTORS=1 cargo test -p ms-oxcmapihttp --test vectors`
//! rewrites them from the values below.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use ms_dtyp::Guid;
use ms_oxcdata::{ErrorCode, PropertyTag, PropertyType, PropertyValue};
use ms_oxcmapihttp::chunked::{Event, MetaTag, ResponseStream, TransferDecoder};
use ms_oxcmapihttp::*;
use ms_oxnspi::Stat;
use msox_codec::{CodePage, Decode, Encode, Options, String8, Utf16String};
use msox_testkit::{assert_round_trip, vector, workspace_root};

/// [MS-NSPI] 4's STAT (CodePage 1252, locales 0x409).
fn example_stat() -> Stat {
    Stat {
        code_page: 0x4E4,
        template_locale: 0x409,
        sort_locale: 0x409,
        ..Stat::default()
    }
}

const SERVER_GUID: [u8; 16] = [
    0xab, 0xbc, 0x8b, 0x86, 0x79, 0x33, 0xc4, 0x48, 0xa1, 0xef, 0x1b, 0x53, 0xe6, 0x3b, 0xdc, 0x46,
];

fn s8(s: &str) -> String8 {
    String8::new(s.as_bytes().to_vec(), CodePage::WINDOWS_1252)
}

struct Case {
    name: &'static str,
    section: &'static str,
    ty: &'static str,
    bytes: Vec<u8>,
}

fn cases() -> Vec<Case> {
    let mut v = Vec::new();
    let mut add = |name, section, ty, bytes: Vec<u8>| {
        v.push(Case {
            name,
            section,
            ty,
            bytes,
        })
    };
    add(
        "bind-request",
        "[MS-OXCMAPIHTTP] 2.2.5.1.1 Bind Request Type Request Body",
        "BindRequest",
        BindRequest {
            flags: 0,
            state: Some(example_stat()),
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "bind-response",
        "[MS-OXCMAPIHTTP] 2.2.5.1.2 Bind Request Type Response Body",
        "BindResponse",
        Response::Success(BindSuccess {
            error_code: ErrorCode::from(0),
            server_guid: Guid::from_le_bytes(SERVER_GUID),
            auxiliary_buffer: vec![],
        })
        .to_vec()
        .unwrap(),
    );
    add(
        "bind-failure-response",
        "[MS-OXCMAPIHTTP] 2.2.5.1.3 Bind Request Type Failure Response Body",
        "BindResponse",
        BindResponse::Failure(FailureResponse {
            status_code: 0x8004_0111,
            auxiliary_buffer: vec![],
        })
        .to_vec()
        .unwrap(),
    );
    add(
        "query-rows-request",
        "[MS-OXCMAPIHTTP] 2.2.5.12.1 QueryRows Request Type Request Body",
        "QueryRowsRequest",
        QueryRowsRequest {
            flags: 0,
            state: Some(example_stat()),
            explicit_table: vec![],
            row_count: 50,
            columns: Some(LargePropertyTagArray(vec![
                PropertyTag::from_u32(0x3001_001F),
                PropertyTag::from_u32(0x3003_001F),
            ])),
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "query-rows-response",
        "[MS-OXCMAPIHTTP] 2.2.5.12.2 QueryRows Request Type Success Response Body; 2.2.1.7 AddressBookPropertyRow",
        "QueryRowsResponse",
        common::query_rows_response(3).to_vec().unwrap(),
    );
    add(
        "get-props-response",
        "[MS-OXCMAPIHTTP] 2.2.5.7.2 GetProps Request Type Success Response Body; 2.2.1.3 AddressBookPropertyValueList",
        "GetPropsResponse",
        Response::Success(GetPropsSuccess {
            error_code: ErrorCode::from(0),
            code_page: 0x4E4,
            property_values: Some(AddressBookPropertyValueList(vec![
                AddressBookTaggedPropertyValue {
                    tag: PropertyTag::from_u32(0x3001_001F),
                    value: AddressBookPropertyValue::Value(PropertyValue::String(
                        Utf16String::new("Alice"),
                    )),
                },
                AddressBookTaggedPropertyValue {
                    tag: PropertyTag::from_u32(0x8009_101F),
                    value: AddressBookPropertyValue::Sparse(SparseValues::String(vec![
                        Some(Utf16String::new("a")),
                        None,
                    ])),
                },
                AddressBookTaggedPropertyValue {
                    tag: PropertyTag::from_u32(0x3A4F_001F),
                    value: AddressBookPropertyValue::NoValue,
                },
                AddressBookTaggedPropertyValue {
                    tag: PropertyTag::from_u32(0x3900_0003),
                    value: AddressBookPropertyValue::Value(PropertyValue::Integer32(0)),
                },
            ])),
            auxiliary_buffer: vec![],
        })
        .to_vec()
        .unwrap(),
    );
    add(
        "resolve-names-request",
        "[MS-OXCMAPIHTTP] 2.2.5.14.1 ResolveNames Request Type Request Body",
        "ResolveNamesRequest",
        ResolveNamesRequest {
            reserved: 0,
            state: Some(example_stat()),
            property_tags: Some(LargePropertyTagArray(vec![PropertyTag::from_u32(
                0x3001_001F,
            )])),
            names: Some(vec![Utf16String::new("alice"), Utf16String::new("bob")]),
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "get-matches-request",
        "[MS-OXCMAPIHTTP] 2.2.5.5.1 GetMatches Request Type Request Body",
        "GetMatchesRequest",
        GetMatchesRequest {
            reserved: 0,
            state: Some(example_stat()),
            minimal_ids: None,
            interface_option_flags: 0,
            filter: Some(ms_oxcdata::Restriction::Exist(PropertyTag::from_u32(
                0x3001_001F,
            ))),
            property_name: None,
            row_count: 10,
            columns: Some(LargePropertyTagArray(vec![PropertyTag::new(
                0x3001,
                PropertyType::String,
            )])),
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "connect-request",
        "[MS-OXCMAPIHTTP] 2.2.4.1.1 Connect Request Type Request Body",
        "ConnectRequest",
        ConnectRequest {
            user_dn: s8(
                "/o=First Organization/ou=Exchange Administrative Group/cn=Recipients/cn=alice",
            ),
            flags: 0,
            default_code_page: 0x4E4,
            lcid_sort: 0x409,
            lcid_string: 0x409,
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "connect-response",
        "[MS-OXCMAPIHTTP] 2.2.4.1.2 Connect Request Type Success Response Body",
        "ConnectResponse",
        Response::Success(ConnectSuccess {
            error_code: ErrorCode::from(0),
            polls_max: 60_000,
            retry_count: 6,
            retry_delay: 10_000,
            dn_prefix: s8("/o=First Organization/ou=Exchange Administrative Group/cn=Configuration/cn=Servers/cn="),
            display_name: Utf16String::new("Alice"),
            auxiliary_buffer: vec![],
        })
        .to_vec()
        .unwrap(),
    );
    add(
        "execute-request",
        "[MS-OXCMAPIHTTP] 2.2.4.2.1 Execute Request Type Request Body",
        "ExecuteRequest",
        ExecuteRequest {
            flags: 0,
            rop_buffer: vec![0, 0, 4, 0, 8, 0, 8, 0, 0x0A, 0, 0, 0],
            max_rop_out: 0x0001_0008,
            auxiliary_buffer: vec![],
        }
        .to_vec()
        .unwrap(),
    );
    add(
        "notification-wait-response",
        "[MS-OXCMAPIHTTP] 2.2.4.4.2 NotificationWait Request Type Success Response Body",
        "NotificationWaitResponse",
        Response::Success(NotificationWaitSuccess {
            error_code: ErrorCode::from(0),
            event_pending: 1,
            auxiliary_buffer: vec![],
        })
        .to_vec()
        .unwrap(),
    );
    v
}

/// [MS-OXCMAPIHTTP] 4.2: the chunked response of an Execute request; its
/// first two chunks (`C`/PROCESSING, `9`/PENDING) are the example's, the
/// last chunk (DONE, X-ResponseCode, X-ElapsedTime, X-StartTime, a
/// failure body) is made up.
fn chunked_case() -> Vec<u8> {
    let body = ExecuteResponse::Failure(FailureResponse {
        status_code: 1,
        auxiliary_buffer: vec![],
    })
    .to_vec()
    .unwrap();
    let mut last = Vec::from(&b"DONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 15\r\nX-StartTime: Tue, 01 Oct 2024 10:00:00 GMT\r\n\r\n"[..]);
    last.extend(body);
    let mut out = Vec::from(&b"C\r\nPROCESSING\r\n\r\n9\r\nPENDING\r\n\r\n"[..]);
    out.extend(format!("{:X}\r\n", last.len()).as_bytes());
    out.extend(last);
    out.extend(b"\r\n0\r\n\r\n");
    out
}

fn write(name: &str, section: &str, ty: &str, bytes: &[u8]) {
    let mut text = format!(
        "# section: {section}\n# source: hand-made from the structure definition of {section} (no captures exist here)\n# type: {ty}\n"
    );
    for chunk in bytes.chunks(16) {
        let line: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        text.push_str(&line.join(" "));
        text.push('\n');
    }
    std::fs::write(
        workspace_root().join(format!("test-vectors/oxcmapihttp/{name}.hex")),
        text,
    )
    .unwrap();
}

#[test]
fn vectors_are_the_encodings_of_their_values() {
    let w = std::env::var_os("MSOX_WRITE_VECTORS").is_some();
    for c in cases() {
        if w {
            write(c.name, c.section, c.ty, &c.bytes);
        }
        assert_eq!(vector("oxcmapihttp", c.name).bytes, c.bytes, "{}", c.name);
    }
    if w {
        write(
            "spec-4.2-execute-chunked-response",
            "[MS-OXCMAPIHTTP] 4.2 Issue ROP Commands to the Server (first two chunks verbatim; the last hand-made)",
            "chunked",
            &chunked_case(),
        );
    }
    assert_eq!(
        vector("oxcmapihttp", "spec-4.2-execute-chunked-response").bytes,
        chunked_case()
    );
}

#[test]
fn vectors_round_trip_with_their_values() {
    let b: BindRequest = assert_round_trip(&vector("oxcmapihttp", "bind-request").bytes, "bind");
    assert_eq!(b.state, Some(example_stat()));
    let r: BindResponse =
        assert_round_trip(&vector("oxcmapihttp", "bind-response").bytes, "bind resp");
    assert_eq!(r.success().unwrap().server_guid.to_le_bytes(), SERVER_GUID);
    let f: BindResponse = assert_round_trip(
        &vector("oxcmapihttp", "bind-failure-response").bytes,
        "bind fail",
    );
    assert!(matches!(
        f,
        Response::Failure(FailureResponse {
            status_code: 0x8004_0111,
            ..
        })
    ));
    let _: QueryRowsRequest =
        assert_round_trip(&vector("oxcmapihttp", "query-rows-request").bytes, "qr req");
    let q: QueryRowsResponse = assert_round_trip(
        &vector("oxcmapihttp", "query-rows-response").bytes,
        "qr resp",
    );
    let cr = q.success().unwrap().columns_and_rows.as_ref().unwrap();
    assert_eq!(cr.rows.len(), 3);
    let g: GetPropsResponse =
        assert_round_trip(&vector("oxcmapihttp", "get-props-response").bytes, "gp");
    let vals = &g.success().unwrap().property_values.as_ref().unwrap().0;
    assert_eq!(vals[2].value, AddressBookPropertyValue::NoValue);
    let _: ResolveNamesRequest =
        assert_round_trip(&vector("oxcmapihttp", "resolve-names-request").bytes, "rn");
    let _: GetMatchesRequest =
        assert_round_trip(&vector("oxcmapihttp", "get-matches-request").bytes, "gm");
    let _: ConnectRequest =
        assert_round_trip(&vector("oxcmapihttp", "connect-request").bytes, "connect");
    let c: ConnectResponse = assert_round_trip(
        &vector("oxcmapihttp", "connect-response").bytes,
        "connect resp",
    );
    assert_eq!(c.success().unwrap().display_name, "Alice");
    let e: ExecuteRequest =
        assert_round_trip(&vector("oxcmapihttp", "execute-request").bytes, "execute");
    assert_eq!(e.rop_buffer.len(), 12);
    let _: NotificationWaitResponse = assert_round_trip(
        &vector("oxcmapihttp", "notification-wait-response").bytes,
        "nw",
    );
}

#[test]
fn spec_4_2_chunked_execute_response() {
    let raw = vector("oxcmapihttp", "spec-4.2-execute-chunked-response").bytes;
    let mut d = TransferDecoder::new();
    let inner = d.feed(&raw).unwrap();
    assert!(d.is_done());
    let (events, defects) = ResponseStream::parse_all(&inner, &Options::strict()).unwrap();
    assert!(defects.is_empty());
    assert_eq!(
        events[..3],
        [
            Event::MetaTag(MetaTag::Processing),
            Event::MetaTag(MetaTag::Pending),
            Event::MetaTag(MetaTag::Done)
        ]
    );
    let code = events.iter().find_map(|e| match e {
        Event::Header { name, value } if name == "X-ResponseCode" => {
            Some(ResponseCode::parse(value).unwrap())
        }
        _ => None,
    });
    assert_eq!(code, Some(ResponseCode::Success));
    let Some(Event::Body(body)) = events.last() else {
        panic!("no body")
    };
    let resp = ExecuteResponse::decode_exact(body).unwrap();
    assert!(matches!(
        resp,
        Response::Failure(FailureResponse { status_code: 1, .. })
    ));
}

#[test]
fn response_stream_errors() {
    // no DONE
    let mut p = ResponseStream::new();
    p.feed(b"PROCESSING\r\nPENDING\r\n").unwrap();
    assert!(p.finish().unwrap_err().is_unexpected_end());
    // an unknown meta-tag: strict refuses, lenient skips it with a defect
    assert!(
        ResponseStream::parse_all(b"PROCESSING\r\nWAIT\r\nDONE\r\n\r\n", &Options::strict())
            .is_err()
    );
    let (ev, d) =
        ResponseStream::parse_all(b"PROCESSING\r\nWAIT\r\nDONE\r\n\r\n", &Options::lenient())
            .unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(ev.len(), 4);
    // bare LF: strict refuses
    assert!(ResponseStream::parse_all(b"DONE\n\r\n", &Options::strict()).is_err());
    // a header line without a colon
    assert!(
        ResponseStream::parse_all(b"DONE\r\nX-ElapsedTime 2\r\n\r\n", &Options::lenient()).is_err()
    );
    // a line over the limit
    let long = vec![b'A'; chunked::MAX_LINE + 10];
    let mut p = ResponseStream::new();
    assert!(p.feed(&long).unwrap_err().is_limit());
}

#[test]
fn headers_from_the_spec() {
    let id: RequestId = "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456"
        .parse()
        .unwrap();
    assert_eq!(id.counter, 123_456);
    assert_eq!(
        id.to_string(),
        "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:123456"
    );
    let ci: ClientInfo = "{A7A47AAD-233C-412B-9D10-DDE9108FEBD7}-5".parse().unwrap();
    assert_eq!(ci.counter, 5);
    assert_eq!(
        ResponseCode::parse("15").unwrap().name(),
        Some("Invalid Sequence")
    );
    assert_eq!(ResponseCode::parse("99").unwrap().value(), 99);
    assert!(ResponseCode::parse("-1").is_err());
    let app: Application = "Exchange/15.00.0847.4040".parse().unwrap();
    assert_eq!(app.version_parts(), Some(vec![15, 0, 847, 4040]));
    assert_eq!(
        "15000".parse::<Milliseconds>().unwrap(),
        Milliseconds(15_000)
    );
    assert!("{not-a-guid}:1".parse::<RequestId>().is_err());
    assert!(
        "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}"
            .parse::<RequestId>()
            .is_err()
    );
}
