//! ms-oxcrpc: LZ77, extended and auxiliary buffers, the NDR stubs of the
//! EMSMDB calls. Every type but the LZ77 payload is lossless.

use ms_oxcrpc::lz77::{self, Lz77Payload};
use ms_oxcrpc::{
    AuxBlock, AuxBuffer, AuxPayload, EcDoAsyncConnectExRequest, EcDoAsyncConnectExResponse,
    EcDoAsyncWaitExRequest, EcDoAsyncWaitExResponse, EcDoConnectExRequest, EcDoConnectExResponse,
    EcDoDisconnectRequest, EcDoDisconnectResponse, EcDoRpcExt2Request, EcDoRpcExt2Response,
    ExtendedBuffer, RpcHeaderExt,
};
use msox_codec::Decode;

use crate::roundtrip_type;

/// ms-oxcrpc `Lz77Payload::decode_bytes` (plain LZ77 of [MS-XCA]): both
/// modes agree; what comes out compresses with our compressor and
/// decompresses strictly back to it.
pub fn oxcrpc_lz77_decompress(data: &[u8]) {
    let (s, l) = crate::both(data, Lz77Payload::decode_bytes);
    if let (Ok(s), Ok(l)) = (&s, &l) {
        assert!(s.value == l.value, "strict and lenient outputs differ");
    }
    if let Ok(l) = l {
        let z = lz77::compress(&l.value.data);
        let back = Lz77Payload::decode_bytes(&z, &crate::strict()).expect("our stream decodes");
        assert!(
            back.value.data == l.value.data,
            "recompressed output differs"
        );
        let limit = l.value.data.len();
        assert!(lz77::decompress_bytes(&z, limit).expect("decodes") == l.value.data);
    }
}

/// ms-oxcrpc `ExtendedBuffer::decode_bytes` (RPC_HEADER_EXT chains, payloads
/// as bytes): byte-exact.
pub fn oxcrpc_ext_buffer(data: &[u8]) {
    roundtrip_type!(data, true, ExtendedBuffer<Vec<u8>>);
}

/// ms-oxcrpc `RpcHeaderExt::decode_bytes`: byte-exact.
pub fn oxcrpc_rpc_header_ext(data: &[u8]) {
    roundtrip_type!(data, true, RpcHeaderExt);
}

/// ms-oxcrpc `AuxBuffer::decode_bytes` (an extended buffer of AUX_HEADER
/// blocks): byte-exact.
pub fn oxcrpc_aux_buffer(data: &[u8]) {
    roundtrip_type!(data, true, AuxBuffer);
}

/// ms-oxcrpc `AuxPayload::decode_bytes`: byte-exact.
pub fn oxcrpc_aux_payload(data: &[u8]) {
    roundtrip_type!(data, true, AuxPayload);
}

/// ms-oxcrpc `AuxBlock::decode_bytes`: byte-exact.
pub fn oxcrpc_aux_block(data: &[u8]) {
    roundtrip_type!(data, true, AuxBlock);
}

/// ms-oxcrpc `EcDoRpcExt2Request::decode_bytes`: byte-exact.
pub fn oxcrpc_rpc_ext2_request(data: &[u8]) {
    roundtrip_type!(data, true, EcDoRpcExt2Request);
}

/// ms-oxcrpc `EcDoRpcExt2Response::decode_bytes`: byte-exact.
pub fn oxcrpc_rpc_ext2_response(data: &[u8]) {
    roundtrip_type!(data, true, EcDoRpcExt2Response);
}

/// ms-oxcrpc `EcDoConnectExRequest::decode_bytes`: byte-exact.
pub fn oxcrpc_connect_ex_request(data: &[u8]) {
    roundtrip_type!(data, true, EcDoConnectExRequest);
}

/// ms-oxcrpc `EcDoConnectExResponse::decode_bytes`: byte-exact.
pub fn oxcrpc_connect_ex_response(data: &[u8]) {
    roundtrip_type!(data, true, EcDoConnectExResponse);
}

/// ms-oxcrpc `EcDoDisconnectRequest::decode_bytes`: byte-exact.
pub fn oxcrpc_disconnect_request(data: &[u8]) {
    roundtrip_type!(data, true, EcDoDisconnectRequest);
}

/// ms-oxcrpc `EcDoDisconnectResponse::decode_bytes`: byte-exact.
pub fn oxcrpc_disconnect_response(data: &[u8]) {
    roundtrip_type!(data, true, EcDoDisconnectResponse);
}

/// ms-oxcrpc `EcDoAsyncConnectExRequest::decode_bytes`: byte-exact.
pub fn oxcrpc_async_connect_ex_request(data: &[u8]) {
    roundtrip_type!(data, true, EcDoAsyncConnectExRequest);
}

/// ms-oxcrpc `EcDoAsyncConnectExResponse::decode_bytes`: byte-exact.
pub fn oxcrpc_async_connect_ex_response(data: &[u8]) {
    roundtrip_type!(data, true, EcDoAsyncConnectExResponse);
}

/// ms-oxcrpc `EcDoAsyncWaitExRequest::decode_bytes`: byte-exact.
pub fn oxcrpc_async_wait_ex_request(data: &[u8]) {
    roundtrip_type!(data, true, EcDoAsyncWaitExRequest);
}

/// ms-oxcrpc `EcDoAsyncWaitExResponse::decode_bytes`: byte-exact.
pub fn oxcrpc_async_wait_ex_response(data: &[u8]) {
    roundtrip_type!(data, true, EcDoAsyncWaitExResponse);
}
