//! Hostile input: the testkit suite (truncations, mutations, starved
//! budgets, strict and lenient) over every decoder entry point, named
//! `oxnspi_<entry>`; huge counts and deep nesting refused before anything
//! is allocated or the stack is at risk.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcdata::ErrorCode;
use ms_oxnspi::*;
use msox_codec::{Decode, Encode, Limits, Options, String8, Utf16String};
use msox_testkit::hostile::{samples, suite_for};

fn of_type(ty: &str) -> Vec<Vec<u8>> {
    msox_testkit::vectors("oxnspi")
        .into_iter()
        .filter(|v| {
            v.meta.get("type").map(String::as_str) == Some(ty)
                && !v.meta.contains_key("disagreement")
        })
        .map(|v| v.bytes)
        .collect()
}

fn restriction() -> RestrictionR {
    RestrictionR::And(Some(vec![
        RestrictionR::Content {
            fuzzy_level: 0x0001_0001,
            prop_tag: 0x3001_001F,
            prop: Some(Box::new(PropertyValueR::new(
                0x3001_001F,
                PropValUnion::String(Some(Utf16String::new("al"))),
            ))),
        },
        RestrictionR::Not(Some(Box::new(RestrictionR::Exist {
            reserved1: 0,
            prop_tag: 0x3A00_000B,
            reserved2: 0,
        }))),
    ]))
}

fn rows() -> PropertyRowSetR {
    PropertyRowSetR {
        rows: vec![PropertyRowR::new(vec![
            PropertyValueR::new(
                0x3001_001E,
                PropValUnion::String8(Some(String8::new(
                    Vec::from(*b"Al"),
                    msox_codec::CodePage::WINDOWS_1252,
                ))),
            ),
            PropertyValueR::new(
                0x8001_101F,
                PropValUnion::MultipleString(Some(vec![Some(Utf16String::new("x")), None])),
            ),
            PropertyValueR::new(
                0x0FFF_0102,
                PropValUnion::Binary(BinaryR::new(vec![0x87, 0, 0, 0])),
            ),
        ])],
    }
}

fn make_get_matches_request() -> Vec<u8> {
    NspiGetMatchesRequest {
        handle: NspiHandle::default(),
        reserved1: 0,
        stat: Stat::default(),
        reserved_mids: None,
        reserved2: 0,
        filter: Some(restriction()),
        prop_name: Some(PropertyNameR {
            guid: Some(Guid::from_u128(7)),
            reserved: 0,
            id: 0x8001,
        }),
        requested: 10,
        prop_tags: Some(PropertyTagArrayR {
            values: vec![0x3001_001F],
        }),
    }
    .to_vec()
    .unwrap()
}

fn make_get_matches_response() -> Vec<u8> {
    NspiGetMatchesResponse {
        stat: Stat::default(),
        out_mids: Some(PropertyTagArrayR {
            values: vec![0x1234],
        }),
        rows: Some(rows()),
        return_value: ErrorCode::from(0),
    }
    .to_vec()
    .unwrap()
}

macro_rules! suites {
    ($($test:ident: $t:ty => $name:literal, $samples:expr;)*) => {$(
        #[test]
        fn $test() {
            let s: Vec<Vec<u8>> = $samples;
            assert!(!s.is_empty(), $name);
            suite_for::<$t>($name, &s);
        }
    )*};
}

suites! {
    bind_request: NspiBindRequest => "oxnspi_bind_request", [of_type("NspiBindRequest"), samples("oxnspi", |n| n == "spec-4-nspibind-request")].concat();
    bind_response: NspiBindResponse => "oxnspi_bind_response", [of_type("NspiBindResponse"), samples("oxnspi", |n| n == "spec-4-nspibind-response")].concat();
    query_rows_request: NspiQueryRowsRequest => "oxnspi_query_rows_request", [of_type("NspiQueryRowsRequest"), samples("oxnspi", |n| n == "spec-4-nspiqueryrows-request")].concat();
    query_rows_response: NspiQueryRowsResponse => "oxnspi_query_rows_response", of_type("NspiQueryRowsResponse");
    get_props_request: NspiGetPropsRequest => "oxnspi_get_props_request", vec![NspiGetPropsRequest { handle: NspiHandle::default(), flags: 2, stat: Stat::default(), prop_tags: Some(PropertyTagArrayR { values: vec![0x3001_001F, 0x0FFF_0102] }) }.to_vec().unwrap()];
    get_props_response: NspiGetPropsResponse => "oxnspi_get_props_response", of_type("NspiGetPropsResponse");
    resolve_names_request: NspiResolveNamesRequest => "oxnspi_resolve_names_request", of_type("NspiResolveNamesRequest");
    resolve_names_response: NspiResolveNamesResponse => "oxnspi_resolve_names_response", of_type("NspiResolveNamesResponse");
    resolve_names_w_request: NspiResolveNamesWRequest => "oxnspi_resolve_names_w_request", of_type("NspiResolveNamesWRequest");
    resolve_names_w_response: NspiResolveNamesWResponse => "oxnspi_resolve_names_w_response", of_type("NspiResolveNamesWResponse");
    get_matches_request: NspiGetMatchesRequest => "oxnspi_get_matches_request", vec![make_get_matches_request()];
    get_matches_response: NspiGetMatchesResponse => "oxnspi_get_matches_response", vec![make_get_matches_response()];
    get_special_table_response: NspiGetSpecialTableResponse => "oxnspi_get_special_table_response", [of_type("NspiGetSpecialTableResponse"), samples("oxnspi", |n| n == "spec-4-nspigetspecialtable-response")].concat();
    seek_entries_response: NspiSeekEntriesResponse => "oxnspi_seek_entries_response", of_type("NspiSeekEntriesResponse");
    dn_to_mid_request: NspiDnToMIdRequest => "oxnspi_dn_to_mid_request", of_type("NspiDnToMIdRequest");
    mod_link_att_request: NspiModLinkAttRequest => "oxnspi_mod_link_att_request", of_type("NspiModLinkAttRequest");
    get_names_from_ids_response: NspiGetNamesFromIdsResponse => "oxnspi_get_names_from_ids_response", of_type("NspiGetNamesFromIdsResponse");
    rfr_get_new_dsa_request: RfrGetNewDsaRequest => "oxnspi_rfr_get_new_dsa_request", of_type("RfrGetNewDsaRequest");
    rfr_get_fqdn_request: RfrGetFqdnFromServerDnRequest => "oxnspi_rfr_get_fqdn_from_server_dn_request", of_type("RfrGetFqdnFromServerDnRequest");
    rfr_get_fqdn_response: RfrGetFqdnFromServerDnResponse => "oxnspi_rfr_get_fqdn_from_server_dn_response", of_type("RfrGetFqdnFromServerDnResponse");
    restriction_suite: RestrictionR => "oxnspi_restriction", [of_type("RestrictionR"), vec![restriction().to_vec().unwrap()], samples("oxnspi", |n| n == "restriction-and-or-not")].concat();
    property_value: PropertyValueR => "oxnspi_property_value", of_type("PropertyValueR");
    property_row_set: PropertyRowSetR => "oxnspi_property_row_set", [of_type("PropertyRowSetR"), vec![rows().to_vec().unwrap()]].concat();
    entry_id: NspiEntryId => "oxnspi_entry_id", samples("oxnspi", |n| n.ends_with("entry-id"));
}

#[test]
fn deep_restriction_nesting_is_refused_before_the_stack_is_at_risk() {
    // NOT(NOT(NOT(...))) 10,000 deep: rt 2, discriminant 2, a pointer; then
    // the referents, each another NOT.
    let mut b = Vec::new();
    for _ in 0..10_000 {
        b.extend(2u32.to_le_bytes());
        b.extend(2u32.to_le_bytes());
        b.extend(0x0002_0000u32.to_le_bytes());
    }
    for o in [Options::strict(), Options::lenient()] {
        let e = RestrictionR::decode_bytes(&b, &o).unwrap_err();
        assert!(e.is_limit(), "{e}");
        assert_eq!(e.path().len() as u32, Limits::DEFAULT.max_depth, "{e}");
    }
    // and the writer refuses to write what the reader would refuse
    let mut r = RestrictionR::Exist {
        reserved1: 0,
        prop_tag: 1,
        reserved2: 0,
    };
    for _ in 0..100 {
        r = RestrictionR::Not(Some(Box::new(r)));
    }
    assert!(r.to_vec().unwrap_err().is_limit());
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    // PropertyRowSet_r with a maximum count of 0x7FFFFFFF and 8 bytes after it
    let mut b = Vec::from(0x7FFF_FFFFu32.to_le_bytes());
    b.extend([0u8; 8]);
    let e = PropertyRowSetR::decode_exact(&b).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert_eq!(e.offset(), Some(4));
    // a Binary_r whose referent claims 2 GB
    let mut v = PropertyValueR::new(0x0FFF_0102, PropValUnion::Binary(BinaryR::new(vec![1, 2])))
        .to_vec()
        .unwrap();
    v[20..24].copy_from_slice(&0x7FFF_FFFFu32.to_le_bytes());
    let e = PropertyValueR::decode_exact(&v).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // a string whose actual count is past the input
    let mut s = StringsArrayR {
        strings: vec![Some(String8::new(
            Vec::from(*b"abc"),
            msox_codec::CodePage::WINDOWS_1252,
        ))],
    }
    .to_vec()
    .unwrap();
    let n = s.len();
    s[n - 8..n - 4].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    assert!(StringsArrayR::decode_exact(&s).is_err());
}

#[test]
fn counts_over_the_idl_range_are_defects() {
    // a PropertyRow_r claiming 100,001 values but sending none
    let mut b = PropertyRowR {
        reserved: 0,
        values: None,
    }
    .to_vec()
    .unwrap();
    b[4..8].copy_from_slice(&100_001u32.to_le_bytes());
    let e = PropertyRowR::decode_exact(&b).unwrap_err();
    assert!(e.is_limit(), "{e}");
    let d = PropertyRowR::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 2, "{:?}", d.defects);
}
