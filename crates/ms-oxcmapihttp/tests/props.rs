//! Property tests: every request and response body, every common structure
//! and every header type round-trips; the response-stream parser gives the
//! same events for every split of its input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::Arb;
use ms_oxcdata::PropertyType;
use ms_oxcmapihttp::chunked::{
    Event, MetaTag, ResponseStream, TransferDecoder, write_response_stream,
};
use ms_oxcmapihttp::*;
use msox_codec::{DecodeWith, EncodeWith, Options};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

macro_rules! round_trips {
    ($($name:ident: $t:ty,)*) => {
        proptest! {
            #![proptest_config(ProptestConfig::with_cases(48))]
            $(
                #[test]
                fn $name(v in <$t as Arb>::arb()) {
                    prop_round_trip(&v)?;
                }
            )*
        }
    };
}

round_trips! {
    tagged_value: AddressBookTaggedPropertyValue,
    value_list: AddressBookPropertyValueList,
    large_tag_array: LargePropertyTagArray,
    columns_and_rows: ColumnsAndRows,
    connect_request: ConnectRequest,
    connect_response: ConnectResponse,
    execute_request: ExecuteRequest,
    execute_response: ExecuteResponse,
    disconnect_request: DisconnectRequest,
    disconnect_response: DisconnectResponse,
    notification_wait_request: NotificationWaitRequest,
    notification_wait_response: NotificationWaitResponse,
    bind_request: BindRequest,
    bind_response: BindResponse,
    unbind_request: UnbindRequest,
    unbind_response: UnbindResponse,
    compare_min_ids_request: CompareMinIdsRequest,
    compare_min_ids_response: CompareMinIdsResponse,
    dn_to_min_id_request: DnToMinIdRequest,
    dn_to_min_id_response: DnToMinIdResponse,
    get_matches_request: GetMatchesRequest,
    get_matches_response: GetMatchesResponse,
    get_prop_list_request: GetPropListRequest,
    get_prop_list_response: GetPropListResponse,
    get_props_request: GetPropsRequest,
    get_props_response: GetPropsResponse,
    get_special_table_request: GetSpecialTableRequest,
    get_special_table_response: GetSpecialTableResponse,
    get_template_info_request: GetTemplateInfoRequest,
    get_template_info_response: GetTemplateInfoResponse,
    mod_link_att_request: ModLinkAttRequest,
    mod_link_att_response: ModLinkAttResponse,
    mod_props_request: ModPropsRequest,
    mod_props_response: ModPropsResponse,
    query_rows_request: QueryRowsRequest,
    query_rows_response: QueryRowsResponse,
    query_columns_request: QueryColumnsRequest,
    query_columns_response: QueryColumnsResponse,
    resolve_names_request: ResolveNamesRequest,
    resolve_names_response: ResolveNamesResponse,
    resort_restriction_request: ResortRestrictionRequest,
    resort_restriction_response: ResortRestrictionResponse,
    seek_entries_request: SeekEntriesRequest,
    seek_entries_response: SeekEntriesResponse,
    update_stat_request: UpdateStatRequest,
    update_stat_response: UpdateStatResponse,
    get_mailbox_url_request: GetMailboxUrlRequest,
    get_mailbox_url_response: GetMailboxUrlResponse,
    get_address_book_url_request: GetAddressBookUrlRequest,
    get_address_book_url_response: GetAddressBookUrlResponse,
}

fn tags() -> impl Strategy<Value = Vec<MetaTag>> {
    proptest::collection::vec(Just(MetaTag::Pending), 0..4).prop_map(|p| {
        let mut v = vec![MetaTag::Processing];
        v.extend(p);
        v.push(MetaTag::Done);
        v
    })
}

fn split(data: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (data.len() + 1)).collect();
    points.sort_unstable();
    let mut out = Vec::new();
    let mut at = 0;
    for p in points {
        out.push(data[at..p].to_vec());
        at = p;
    }
    out.push(data[at..].to_vec());
    out
}

fn events_of(pieces: &[Vec<u8>]) -> Vec<Event> {
    let mut p = ResponseStream::new();
    let mut ev = Vec::new();
    for piece in pieces {
        ev.extend(p.feed(piece).unwrap());
    }
    ev.extend(p.finish().unwrap());
    ev
}

fn chunk(data: &[u8], sizes: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = data;
    let mut i = 0;
    while !rest.is_empty() {
        let n = sizes.get(i).copied().unwrap_or(7).clamp(1, rest.len());
        out.extend(format!("{n:X}\r\n").as_bytes());
        out.extend(&rest[..n]);
        out.extend(b"\r\n");
        rest = &rest[n..];
        i += 1;
    }
    out.extend(b"0\r\n\r\n");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any split of the stream gives the events of the whole.
    #[test]
    fn response_stream_events_do_not_depend_on_split_points(
        tags in tags(),
        elapsed in 0u32..100_000,
        body in proptest::collection::vec(any::<u8>(), 0..64),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let e = elapsed.to_string();
        let stream = write_response_stream(&tags, &[("X-ElapsedTime", &e), ("X-StartTime", "Tue, 01 Oct 2024 10:00:00 GMT")], &body);
        let whole = events_of(std::slice::from_ref(&stream));
        prop_assert_eq!(whole.len(), tags.len() + 2 + 1 + 1);
        prop_assert_eq!(whole.last(), Some(&Event::Body(body.clone())));
        prop_assert_eq!(events_of(&split(&stream, &cuts)), whole.clone());
        // byte by byte
        let bytes: Vec<Vec<u8>> = stream.iter().map(|b| vec![*b]).collect();
        prop_assert_eq!(events_of(&bytes), whole);
    }

    /// The chunked transfer coding, undone in any pieces, gives the inner stream.
    #[test]
    fn transfer_decoder_is_split_independent(
        inner in proptest::collection::vec(any::<u8>(), 0..80),
        sizes in proptest::collection::vec(1usize..20, 0..10),
        cuts in proptest::collection::vec(any::<usize>(), 0..12),
    ) {
        let coded = chunk(&inner, &sizes);
        let mut d = TransferDecoder::new();
        let mut out = Vec::new();
        for piece in split(&coded, &cuts) {
            out.extend(d.feed(&piece).unwrap());
        }
        prop_assert!(d.is_done());
        prop_assert_eq!(out, inner);
    }

    #[test]
    fn headers_round_trip(g in any::<u128>(), n in any::<u64>(), code in 0u32..40, prod in "[A-Za-z]{1,10}", ver in "[0-9]{1,3}(\\.[0-9]{1,4}){0,3}") {
        let guid = ms_dtyp::Guid::from_u128(g);
        let id = RequestId { guid, counter: n };
        prop_assert_eq!(id.to_string().parse::<RequestId>().unwrap(), id);
        let ci = ClientInfo { guid, counter: n };
        prop_assert_eq!(ci.to_string().parse::<ClientInfo>().unwrap(), ci);
        let rc = ResponseCode::from(code);
        prop_assert_eq!(ResponseCode::parse(&rc.header_value()).unwrap(), rc);
        let app = Application { product: prod, version: ver };
        prop_assert_eq!(app.to_string().parse::<Application>().unwrap(), app);
        let ms = Milliseconds(n);
        prop_assert_eq!(ms.to_string().parse::<Milliseconds>().unwrap(), ms);
    }

    /// A value read with its type and written with it round-trips.
    #[test]
    fn typed_values_round_trip((t, v) in common::typed_value()) {
        let b = v.to_vec_with(t).unwrap();
        prop_assert_eq!(b.len(), v.encoded_len_with(t));
        prop_assert_eq!(AddressBookPropertyValue::decode_exact_with(&b, t).unwrap(), v);
    }
}

#[test]
fn every_request_type_parses_and_formats() {
    for t in RequestType::ALL {
        assert_eq!(t.as_str().parse::<RequestType>().unwrap(), *t);
        assert_eq!(
            t.as_str()
                .to_ascii_lowercase()
                .parse::<RequestType>()
                .unwrap(),
            *t
        );
    }
    assert_eq!(RequestType::ALL.len(), 24);
    assert_eq!(
        "Frobnicate".parse::<RequestType>().unwrap(),
        RequestType::Other("Frobnicate".into())
    );
    assert!("".parse::<RequestType>().is_err());
    let _ = PropertyType::String;
    let _ = Options::strict();
}
