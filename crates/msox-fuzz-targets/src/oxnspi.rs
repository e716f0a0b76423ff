//! ms-oxnspi: the NDR stubs of the NSPI and referral calls and the
//! structures of their hostile suites. Referent IDs and padding are not
//! kept (another writer's bytes round-trip to equal values, not equal
//! bytes): a fixed point, not byte-exact. Entry IDs are byte-exact.

use ms_oxnspi::{
    NspiBindRequest, NspiBindResponse, NspiDnToMIdRequest, NspiEntryId, NspiGetMatchesRequest,
    NspiGetMatchesResponse, NspiGetNamesFromIdsResponse, NspiGetPropsRequest, NspiGetPropsResponse,
    NspiGetSpecialTableResponse, NspiModLinkAttRequest, NspiQueryRowsRequest,
    NspiQueryRowsResponse, NspiResolveNamesRequest, NspiResolveNamesResponse,
    NspiResolveNamesWRequest, NspiResolveNamesWResponse, NspiSeekEntriesResponse, PropertyRowSetR,
    PropertyValueR, RestrictionR, RfrGetFqdnFromServerDnRequest, RfrGetFqdnFromServerDnResponse,
    RfrGetNewDsaRequest,
};

use crate::roundtrip_type;

/// ms-oxnspi `NspiBindRequest::decode_bytes`: a fixed point.
pub fn oxnspi_bind_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiBindRequest);
}

/// ms-oxnspi `NspiBindResponse::decode_bytes`: a fixed point.
pub fn oxnspi_bind_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiBindResponse);
}

/// ms-oxnspi `NspiQueryRowsRequest::decode_bytes`: a fixed point.
pub fn oxnspi_query_rows_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiQueryRowsRequest);
}

/// ms-oxnspi `NspiQueryRowsResponse::decode_bytes`: a fixed point.
pub fn oxnspi_query_rows_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiQueryRowsResponse);
}

/// ms-oxnspi `NspiGetPropsRequest::decode_bytes`: a fixed point.
pub fn oxnspi_get_props_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetPropsRequest);
}

/// ms-oxnspi `NspiGetPropsResponse::decode_bytes`: a fixed point.
pub fn oxnspi_get_props_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetPropsResponse);
}

/// ms-oxnspi `NspiResolveNamesRequest::decode_bytes`: a fixed point.
pub fn oxnspi_resolve_names_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiResolveNamesRequest);
}

/// ms-oxnspi `NspiResolveNamesResponse::decode_bytes`: a fixed point.
pub fn oxnspi_resolve_names_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiResolveNamesResponse);
}

/// ms-oxnspi `NspiResolveNamesWRequest::decode_bytes`: a fixed point.
pub fn oxnspi_resolve_names_w_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiResolveNamesWRequest);
}

/// ms-oxnspi `NspiResolveNamesWResponse::decode_bytes`: a fixed point.
pub fn oxnspi_resolve_names_w_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiResolveNamesWResponse);
}

/// ms-oxnspi `NspiGetMatchesRequest::decode_bytes`: a fixed point.
pub fn oxnspi_get_matches_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetMatchesRequest);
}

/// ms-oxnspi `NspiGetMatchesResponse::decode_bytes`: a fixed point.
pub fn oxnspi_get_matches_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetMatchesResponse);
}

/// ms-oxnspi `NspiGetSpecialTableResponse::decode_bytes`: a fixed point.
pub fn oxnspi_get_special_table_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetSpecialTableResponse);
}

/// ms-oxnspi `NspiSeekEntriesResponse::decode_bytes`: a fixed point.
pub fn oxnspi_seek_entries_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiSeekEntriesResponse);
}

/// ms-oxnspi `NspiDnToMIdRequest::decode_bytes`: a fixed point.
pub fn oxnspi_dn_to_mid_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiDnToMIdRequest);
}

/// ms-oxnspi `NspiModLinkAttRequest::decode_bytes`: a fixed point.
pub fn oxnspi_mod_link_att_request(data: &[u8]) {
    roundtrip_type!(data, false, NspiModLinkAttRequest);
}

/// ms-oxnspi `NspiGetNamesFromIdsResponse::decode_bytes`: a fixed point.
pub fn oxnspi_get_names_from_ids_response(data: &[u8]) {
    roundtrip_type!(data, false, NspiGetNamesFromIdsResponse);
}

/// ms-oxnspi `RfrGetNewDsaRequest::decode_bytes`: a fixed point.
pub fn oxnspi_rfr_get_new_dsa_request(data: &[u8]) {
    roundtrip_type!(data, false, RfrGetNewDsaRequest);
}

/// ms-oxnspi `RfrGetFqdnFromServerDnRequest::decode_bytes`: a fixed point.
pub fn oxnspi_rfr_get_fqdn_from_server_dn_request(data: &[u8]) {
    roundtrip_type!(data, false, RfrGetFqdnFromServerDnRequest);
}

/// ms-oxnspi `RfrGetFqdnFromServerDnResponse::decode_bytes`: a fixed point.
pub fn oxnspi_rfr_get_fqdn_from_server_dn_response(data: &[u8]) {
    roundtrip_type!(data, false, RfrGetFqdnFromServerDnResponse);
}

/// ms-oxnspi `RestrictionR::decode_bytes`: a fixed point.
pub fn oxnspi_restriction(data: &[u8]) {
    roundtrip_type!(data, false, RestrictionR);
}

/// ms-oxnspi `PropertyValueR::decode_bytes`: a fixed point.
pub fn oxnspi_property_value(data: &[u8]) {
    roundtrip_type!(data, false, PropertyValueR);
}

/// ms-oxnspi `PropertyRowSetR::decode_bytes`: a fixed point.
pub fn oxnspi_property_row_set(data: &[u8]) {
    roundtrip_type!(data, false, PropertyRowSetR);
}

/// ms-oxnspi `NspiEntryId::decode_bytes` (permanent and ephemeral Entry
/// IDs): byte-exact.
pub fn oxnspi_entry_id(data: &[u8]) {
    roundtrip_type!(data, true, NspiEntryId);
}
