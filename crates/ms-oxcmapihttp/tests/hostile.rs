//! Hostile input: the testkit suite over every request and response body
//! decoder (`oxcmapihttp_<request type>_request/response`) and the
//! response-stream parser (`oxcmapihttp_chunked`); huge counts refused
//! before anything is allocated.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::Arb;
use ms_oxcmapihttp::chunked::{ResponseStream, TransferDecoder};
use ms_oxcmapihttp::*;
use msox_codec::{Decode, Encode, Options};
use msox_testkit::hostile::{Suite, samples, suite_for};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

/// Samples of `T`: the checked-in vectors of that type, and a few
/// generated values (deterministic runner).
fn samples_of<T: Arb + Encode>(ty: &str) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = msox_testkit::vectors("oxcmapihttp")
        .into_iter()
        .filter(|v| v.meta.get("type").map(String::as_str) == Some(ty))
        .map(|v| v.bytes)
        .collect();
    let mut runner = TestRunner::deterministic();
    let strat = T::arb();
    for _ in 0..4 {
        let v = strat.new_tree(&mut runner).unwrap().current();
        out.push(v.to_vec().unwrap());
    }
    out
}

macro_rules! suites {
    ($($test:ident: $t:ty => $name:literal, $ty:literal;)*) => {$(
        #[test]
        fn $test() {
            suite_for::<$t>($name, &samples_of::<$t>($ty));
        }
    )*};
}

suites! {
    connect_request: ConnectRequest => "oxcmapihttp_connect_request", "ConnectRequest";
    connect_response: ConnectResponse => "oxcmapihttp_connect_response", "ConnectResponse";
    execute_request: ExecuteRequest => "oxcmapihttp_execute_request", "ExecuteRequest";
    execute_response: ExecuteResponse => "oxcmapihttp_execute_response", "ExecuteResponse";
    disconnect_request: DisconnectRequest => "oxcmapihttp_disconnect_request", "DisconnectRequest";
    disconnect_response: DisconnectResponse => "oxcmapihttp_disconnect_response", "DisconnectResponse";
    notification_wait_request: NotificationWaitRequest => "oxcmapihttp_notificationwait_request", "NotificationWaitRequest";
    notification_wait_response: NotificationWaitResponse => "oxcmapihttp_notificationwait_response", "NotificationWaitResponse";
    bind_request: BindRequest => "oxcmapihttp_bind_request", "BindRequest";
    bind_response: BindResponse => "oxcmapihttp_bind_response", "BindResponse";
    unbind_request: UnbindRequest => "oxcmapihttp_unbind_request", "UnbindRequest";
    unbind_response: UnbindResponse => "oxcmapihttp_unbind_response", "UnbindResponse";
    compare_min_ids_request: CompareMinIdsRequest => "oxcmapihttp_compareminids_request", "CompareMinIdsRequest";
    compare_min_ids_response: CompareMinIdsResponse => "oxcmapihttp_compareminids_response", "CompareMinIdsResponse";
    dn_to_min_id_request: DnToMinIdRequest => "oxcmapihttp_dntominid_request", "DnToMinIdRequest";
    dn_to_min_id_response: DnToMinIdResponse => "oxcmapihttp_dntominid_response", "DnToMinIdResponse";
    get_matches_request: GetMatchesRequest => "oxcmapihttp_getmatches_request", "GetMatchesRequest";
    get_matches_response: GetMatchesResponse => "oxcmapihttp_getmatches_response", "GetMatchesResponse";
    get_prop_list_request: GetPropListRequest => "oxcmapihttp_getproplist_request", "GetPropListRequest";
    get_prop_list_response: GetPropListResponse => "oxcmapihttp_getproplist_response", "GetPropListResponse";
    get_props_request: GetPropsRequest => "oxcmapihttp_getprops_request", "GetPropsRequest";
    get_props_response: GetPropsResponse => "oxcmapihttp_getprops_response", "GetPropsResponse";
    get_special_table_request: GetSpecialTableRequest => "oxcmapihttp_getspecialtable_request", "GetSpecialTableRequest";
    get_special_table_response: GetSpecialTableResponse => "oxcmapihttp_getspecialtable_response", "GetSpecialTableResponse";
    get_template_info_request: GetTemplateInfoRequest => "oxcmapihttp_gettemplateinfo_request", "GetTemplateInfoRequest";
    get_template_info_response: GetTemplateInfoResponse => "oxcmapihttp_gettemplateinfo_response", "GetTemplateInfoResponse";
    mod_link_att_request: ModLinkAttRequest => "oxcmapihttp_modlinkatt_request", "ModLinkAttRequest";
    mod_link_att_response: ModLinkAttResponse => "oxcmapihttp_modlinkatt_response", "ModLinkAttResponse";
    mod_props_request: ModPropsRequest => "oxcmapihttp_modprops_request", "ModPropsRequest";
    mod_props_response: ModPropsResponse => "oxcmapihttp_modprops_response", "ModPropsResponse";
    query_rows_request: QueryRowsRequest => "oxcmapihttp_queryrows_request", "QueryRowsRequest";
    query_rows_response: QueryRowsResponse => "oxcmapihttp_queryrows_response", "QueryRowsResponse";
    query_columns_request: QueryColumnsRequest => "oxcmapihttp_querycolumns_request", "QueryColumnsRequest";
    query_columns_response: QueryColumnsResponse => "oxcmapihttp_querycolumns_response", "QueryColumnsResponse";
    resolve_names_request: ResolveNamesRequest => "oxcmapihttp_resolvenames_request", "ResolveNamesRequest";
    resolve_names_response: ResolveNamesResponse => "oxcmapihttp_resolvenames_response", "ResolveNamesResponse";
    resort_restriction_request: ResortRestrictionRequest => "oxcmapihttp_resortrestriction_request", "ResortRestrictionRequest";
    resort_restriction_response: ResortRestrictionResponse => "oxcmapihttp_resortrestriction_response", "ResortRestrictionResponse";
    seek_entries_request: SeekEntriesRequest => "oxcmapihttp_seekentries_request", "SeekEntriesRequest";
    seek_entries_response: SeekEntriesResponse => "oxcmapihttp_seekentries_response", "SeekEntriesResponse";
    update_stat_request: UpdateStatRequest => "oxcmapihttp_updatestat_request", "UpdateStatRequest";
    update_stat_response: UpdateStatResponse => "oxcmapihttp_updatestat_response", "UpdateStatResponse";
    get_mailbox_url_request: GetMailboxUrlRequest => "oxcmapihttp_getmailboxurl_request", "GetMailboxUrlRequest";
    get_mailbox_url_response: GetMailboxUrlResponse => "oxcmapihttp_getmailboxurl_response", "GetMailboxUrlResponse";
    get_address_book_url_request: GetAddressBookUrlRequest => "oxcmapihttp_getaddressbookurl_request", "GetAddressBookUrlRequest";
    get_address_book_url_response: GetAddressBookUrlResponse => "oxcmapihttp_getaddressbookurl_response", "GetAddressBookUrlResponse";
}

#[test]
fn chunked_suite() {
    let raw = samples("oxcmapihttp", |n| n.contains("chunked"));
    let mut streams = Vec::new();
    for r in &raw {
        streams.push(TransferDecoder::new().feed(r).unwrap());
    }
    // the inner stream: a prefix cut inside the body is a shorter body
    Suite::new("oxcmapihttp_chunked")
        .prefixes_may_decode()
        .run(&streams, |b, o| {
            ResponseStream::parse_all(b, o).map(|(_, d)| d)
        });
    // the transfer coding itself
    Suite::new("oxcmapihttp_transfer_coding")
        .prefixes_may_decode()
        .run(&raw, |b, _| {
            TransferDecoder::new().feed(b).map(|_| Vec::new())
        });
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    // QueryRows success with a RowCount of 0x7FFFFFFF and no rows
    let mut b = Vec::new();
    b.extend(0u32.to_le_bytes()); // StatusCode
    b.extend(0u32.to_le_bytes()); // ErrorCode
    b.push(0); // HasState
    b.push(0xFF); // HasColumnsAndRows
    b.extend(0u32.to_le_bytes()); // no columns
    b.extend(0x7FFF_FFFFu32.to_le_bytes()); // RowCount
    b.extend(0u32.to_le_bytes());
    let e = QueryRowsResponse::decode_exact(&b).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // an AuxiliaryBufferSize past the input
    let e = DisconnectRequest::decode_exact(&0xFFFF_FFF0u32.to_le_bytes()).unwrap_err();
    assert!(e.is_limit(), "{e}");
    // a deep restriction filter stops at the depth limit
    let f = vec![0x02u8; 5000]; // RES_NOT, 5,000 deep
    let mut req = Vec::new();
    req.extend(0u32.to_le_bytes());
    req.push(0);
    req.push(0);
    req.extend(0u32.to_le_bytes());
    req.push(0xFF);
    req.extend(f);
    let e = GetMatchesRequest::decode_bytes(&req, &Options::lenient()).unwrap_err();
    assert!(e.is_limit(), "{e}");
}
