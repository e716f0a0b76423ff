//! ms-oxcmapihttp: every request and response body, and the response
//! stream with its chunked transfer coding. Not byte-lossless (a nonzero
//! Has* byte is written back as 0xFF): the bodies are a fixed point.

use ms_oxcmapihttp::chunked::{ResponseStream, TransferDecoder};
use ms_oxcmapihttp::{
    BindRequest, BindResponse, CompareMinIdsRequest, CompareMinIdsResponse, ConnectRequest,
    ConnectResponse, DisconnectRequest, DisconnectResponse, DnToMinIdRequest, DnToMinIdResponse,
    ExecuteRequest, ExecuteResponse, GetAddressBookUrlRequest, GetAddressBookUrlResponse,
    GetMailboxUrlRequest, GetMailboxUrlResponse, GetMatchesRequest, GetMatchesResponse,
    GetPropListRequest, GetPropListResponse, GetPropsRequest, GetPropsResponse,
    GetSpecialTableRequest, GetSpecialTableResponse, GetTemplateInfoRequest,
    GetTemplateInfoResponse, ModLinkAttRequest, ModLinkAttResponse, ModPropsRequest,
    ModPropsResponse, NotificationWaitRequest, NotificationWaitResponse, QueryColumnsRequest,
    QueryColumnsResponse, QueryRowsRequest, QueryRowsResponse, ResolveNamesRequest,
    ResolveNamesResponse, ResortRestrictionRequest, ResortRestrictionResponse, SeekEntriesRequest,
    SeekEntriesResponse, UnbindRequest, UnbindResponse, UpdateStatRequest, UpdateStatResponse,
};
use msox_codec::Decoded;

use crate::roundtrip_type;

/// The body of a request or response type: a fixed point.
macro_rules! bodies {
    ($($name:ident: $ty:ident;)*) => {$(
        #[doc = concat!("ms-oxcmapihttp `", stringify!($ty), "::decode_bytes`: a fixed point.")]
        pub fn $name(data: &[u8]) {
            roundtrip_type!(data, false, $ty);
        }
    )*};
}

bodies! {
    oxcmapihttp_connect_request: ConnectRequest;
    oxcmapihttp_connect_response: ConnectResponse;
    oxcmapihttp_execute_request: ExecuteRequest;
    oxcmapihttp_execute_response: ExecuteResponse;
    oxcmapihttp_disconnect_request: DisconnectRequest;
    oxcmapihttp_disconnect_response: DisconnectResponse;
    oxcmapihttp_notificationwait_request: NotificationWaitRequest;
    oxcmapihttp_notificationwait_response: NotificationWaitResponse;
    oxcmapihttp_bind_request: BindRequest;
    oxcmapihttp_bind_response: BindResponse;
    oxcmapihttp_unbind_request: UnbindRequest;
    oxcmapihttp_unbind_response: UnbindResponse;
    oxcmapihttp_compareminids_request: CompareMinIdsRequest;
    oxcmapihttp_compareminids_response: CompareMinIdsResponse;
    oxcmapihttp_dntominid_request: DnToMinIdRequest;
    oxcmapihttp_dntominid_response: DnToMinIdResponse;
    oxcmapihttp_getmatches_request: GetMatchesRequest;
    oxcmapihttp_getmatches_response: GetMatchesResponse;
    oxcmapihttp_getproplist_request: GetPropListRequest;
    oxcmapihttp_getproplist_response: GetPropListResponse;
    oxcmapihttp_getprops_request: GetPropsRequest;
    oxcmapihttp_getprops_response: GetPropsResponse;
    oxcmapihttp_getspecialtable_request: GetSpecialTableRequest;
    oxcmapihttp_getspecialtable_response: GetSpecialTableResponse;
    oxcmapihttp_gettemplateinfo_request: GetTemplateInfoRequest;
    oxcmapihttp_gettemplateinfo_response: GetTemplateInfoResponse;
    oxcmapihttp_modlinkatt_request: ModLinkAttRequest;
    oxcmapihttp_modlinkatt_response: ModLinkAttResponse;
    oxcmapihttp_modprops_request: ModPropsRequest;
    oxcmapihttp_modprops_response: ModPropsResponse;
    oxcmapihttp_queryrows_request: QueryRowsRequest;
    oxcmapihttp_queryrows_response: QueryRowsResponse;
    oxcmapihttp_querycolumns_request: QueryColumnsRequest;
    oxcmapihttp_querycolumns_response: QueryColumnsResponse;
    oxcmapihttp_resolvenames_request: ResolveNamesRequest;
    oxcmapihttp_resolvenames_response: ResolveNamesResponse;
    oxcmapihttp_resortrestriction_request: ResortRestrictionRequest;
    oxcmapihttp_resortrestriction_response: ResortRestrictionResponse;
    oxcmapihttp_seekentries_request: SeekEntriesRequest;
    oxcmapihttp_seekentries_response: SeekEntriesResponse;
    oxcmapihttp_updatestat_request: UpdateStatRequest;
    oxcmapihttp_updatestat_response: UpdateStatResponse;
    oxcmapihttp_getmailboxurl_request: GetMailboxUrlRequest;
    oxcmapihttp_getmailboxurl_response: GetMailboxUrlResponse;
    oxcmapihttp_getaddressbookurl_request: GetAddressBookUrlRequest;
    oxcmapihttp_getaddressbookurl_response: GetAddressBookUrlResponse;
}

/// Cuts `b` into pieces of 1 to 17 bytes at points derived from its
/// contents.
fn pieces(b: &[u8]) -> Vec<&[u8]> {
    let mut seed = b
        .iter()
        .fold(b.len() as u64 | 1, |a, &x| a.rotate_left(7) ^ u64::from(x));
    let mut out = Vec::new();
    let mut rest = b;
    while !rest.is_empty() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (1 + (seed % 17) as usize).min(rest.len());
        let (a, r) = rest.split_at(n);
        out.push(a);
        rest = r;
    }
    out
}

/// ms-oxcmapihttp `ResponseStream::parse_all` (the PROCESSING / PENDING /
/// DONE stream of a response): both modes; fed in pieces, the stream
/// gives the same events.
pub fn oxcmapihttp_chunked(data: &[u8]) {
    let _ = crate::both(data, |b, o| {
        ResponseStream::parse_all(b, o).map(|(value, defects)| Decoded { value, defects })
    });
    for o in crate::MODES {
        let one = ResponseStream::parse_all(data, &o);
        let mut p = ResponseStream::with_options(&o);
        let mut split = Ok(Vec::new());
        for piece in pieces(data) {
            match p.feed(piece) {
                Ok(ev) => split.as_mut().expect("ok so far").extend(ev),
                Err(e) => {
                    split = Err(e);
                    break;
                }
            }
        }
        if let Ok(ev) = &mut split {
            match p.finish() {
                Ok(more) => ev.extend(more),
                Err(e) => split = Err(e),
            }
        }
        match (&one, &split) {
            (Ok((a, _)), Ok(b)) => assert_eq!(a, b, "one buffer and pieces give different events"),
            (Err(_), Err(_)) => {}
            (a, b) => panic!("one buffer: {a:?}\npieces: {b:?}"),
        }
    }
}

/// ms-oxcmapihttp `TransferDecoder::feed` (HTTP/1.1 chunked transfer
/// coding): one buffer and pieces give the same body, or both fail.
pub fn oxcmapihttp_transfer_coding(data: &[u8]) {
    let one = TransferDecoder::new().feed(data);
    let mut d = TransferDecoder::new();
    let mut split = Ok(Vec::new());
    for piece in pieces(data) {
        match d.feed(piece) {
            Ok(b) => split.as_mut().expect("ok so far").extend(b),
            Err(e) => {
                split = Err(e);
                break;
            }
        }
    }
    match (&one, &split) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "one buffer and pieces give different bodies"),
        (Err(_), Err(_)) => {}
        (a, b) => panic!("one buffer: {a:?}\npieces: {b:?}"),
    }
}
