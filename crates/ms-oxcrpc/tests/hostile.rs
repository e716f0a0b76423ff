//! Hostile input: the testkit suite over every decoder entry point
//! (truncations, mutations, starved budgets, strict and lenient), plus
//! decompression bombs, huge NDR counts, floods of blocks and segments,
//! and lenient recovery at the smallest unit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxcrpc::lz77::Lz77Payload;
use ms_oxcrpc::{
    AuxBlock, AuxBlockBody, AuxBuffer, AuxPayload, EcDoAsyncConnectExRequest,
    EcDoAsyncConnectExResponse, EcDoAsyncWaitExRequest, EcDoAsyncWaitExResponse,
    EcDoConnectExRequest, EcDoConnectExResponse, EcDoDisconnectRequest, EcDoDisconnectResponse,
    EcDoRpcExt2Request, EcDoRpcExt2Response, ExtendedBuffer, RpcHeaderExt, SegmentData, lz77,
};
use msox_codec::{Decode, Encode, ErrorKind, Limits, Options};
use msox_testkit::corpus;
use msox_testkit::hostile::{Suite, outcome, samples, suite_for};

fn of_type(ty: &str) -> Vec<Vec<u8>> {
    msox_testkit::vectors("oxcrpc")
        .into_iter()
        .filter(|v| v.meta.get("type").map(String::as_str) == Some(ty))
        .map(|v| v.bytes)
        .collect()
}

/// The corpus EcDoRpcExt2 request stubs (none when the corpus is absent).
fn corpus_stubs() -> Vec<Vec<u8>> {
    corpus::files("rops", &["_comp.dat"])
        .into_iter()
        .map(|e| std::fs::read(e.path).unwrap())
        .collect()
}

#[test]
fn oxcrpc_lz77_decompress() {
    let mut s = of_type("Lz77Payload");
    s.push(lz77::compress(
        &b"the quick brown fox jumps over the lazy dog ".repeat(40),
    ));
    // A stream can end after any item: prefixes may be valid streams.
    Suite::new("oxcrpc_lz77_decompress")
        .prefixes_may_decode()
        .run(&s, |b, o| outcome(Lz77Payload::decode_bytes(b, o)));
}

#[test]
fn oxcrpc_ext_buffer() {
    let mut s = of_type("ExtendedBuffer");
    for stub in corpus_stubs() {
        let cb = u32::from_le_bytes(stub[0x18..0x1c].try_into().unwrap()) as usize;
        s.push(stub[0x1c..0x1c + cb].to_vec());
    }
    suite_for::<ExtendedBuffer>("oxcrpc_ext_buffer", &s);
}

#[test]
fn oxcrpc_rpc_header_ext() {
    suite_for::<RpcHeaderExt>(
        "oxcrpc_rpc_header_ext",
        &[vec![0, 0, 5, 0, 0x45, 1, 0xcb, 1]],
    );
}

#[test]
fn oxcrpc_aux_buffer() {
    suite_for::<AuxBuffer>("oxcrpc_aux_buffer", &of_type("AuxBuffer"));
}

#[test]
fn oxcrpc_aux_payload() {
    // Blocks follow one another to the end: a prefix ending between two
    // blocks is a valid payload.
    Suite::new("oxcrpc_aux_payload")
        .prefixes_may_decode()
        .run(&of_type("AuxPayload"), |b, o| {
            outcome(AuxPayload::decode_bytes(b, o))
        });
}

#[test]
fn oxcrpc_aux_block() {
    let v = msox_testkit::vector("oxcrpc", "aux-every-block");
    let p = AuxPayload::decode_exact(&v.bytes).unwrap();
    let s: Vec<Vec<u8>> = p.blocks.iter().map(|b| b.to_vec().unwrap()).collect();
    suite_for::<AuxBlock>("oxcrpc_aux_block", &s);
}

#[test]
fn oxcrpc_rpc_ext2_request() {
    let mut s = of_type("EcDoRpcExt2Request");
    s.extend(corpus_stubs());
    suite_for::<EcDoRpcExt2Request>("oxcrpc_rpc_ext2_request", &s);
}

#[test]
fn oxcrpc_rpc_ext2_response() {
    suite_for::<EcDoRpcExt2Response>("oxcrpc_rpc_ext2_response", &of_type("EcDoRpcExt2Response"));
}

#[test]
fn oxcrpc_connect_ex_request() {
    suite_for::<EcDoConnectExRequest>(
        "oxcrpc_connect_ex_request",
        &of_type("EcDoConnectExRequest"),
    );
}

#[test]
fn oxcrpc_connect_ex_response() {
    suite_for::<EcDoConnectExResponse>(
        "oxcrpc_connect_ex_response",
        &of_type("EcDoConnectExResponse"),
    );
}

#[test]
fn oxcrpc_small_stubs() {
    suite_for::<EcDoDisconnectRequest>(
        "oxcrpc_disconnect_request",
        &of_type("EcDoDisconnectRequest"),
    );
    suite_for::<EcDoDisconnectResponse>(
        "oxcrpc_disconnect_response",
        &of_type("EcDoDisconnectResponse"),
    );
    suite_for::<EcDoAsyncConnectExRequest>(
        "oxcrpc_async_connect_ex_request",
        &of_type("EcDoAsyncConnectExRequest"),
    );
    suite_for::<EcDoAsyncConnectExResponse>(
        "oxcrpc_async_connect_ex_response",
        &of_type("EcDoAsyncConnectExResponse"),
    );
    suite_for::<EcDoAsyncWaitExRequest>(
        "oxcrpc_async_wait_ex_request",
        &of_type("EcDoAsyncWaitExRequest"),
    );
    suite_for::<EcDoAsyncWaitExResponse>(
        "oxcrpc_async_wait_ex_response",
        &of_type("EcDoAsyncWaitExResponse"),
    );
}

#[test]
fn error_vectors_are_hostile_samples_too() {
    let s = samples("oxcrpc", |n| n.starts_with("error-"));
    assert_eq!(s.len(), 3);
    for b in &s {
        // Never a panic, whatever the entry point.
        let _ = Lz77Payload::decode_bytes(b, &Options::lenient());
        let _ = ExtendedBuffer::<Vec<u8>>::decode_bytes(b, &Options::lenient());
        let _ = AuxPayload::decode_bytes(b, &Options::lenient());
    }
}

#[test]
fn a_decompression_bomb_stops_at_the_output_budget() {
    // "a", then a match at distance 1 with a 32-bit length of 4 GiB - 1.
    let mut s = vec![0xff, 0xff, 0xff, 0x7f, b'a'];
    s.extend([0x07, 0x00, 0x0f, 0xff, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff]);
    let e = Lz77Payload::decode_bytes(&s, &Options::lenient()).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                what: "output size",
                ..
            }
        ),
        "{e}"
    );
    // Nothing was produced: the match was refused before copying.
    let tight = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(1000));
    let e = Lz77Payload::decode_bytes(&s, &tight).unwrap_err();
    assert_eq!(e.offset(), Some(5));
    // Inside an extended buffer the bound is SizeActual.
    let mut seg = vec![0, 0, 5, 0];
    seg.extend((s.len() as u16).to_le_bytes());
    seg.extend(100u16.to_le_bytes());
    seg.extend(&s);
    let e = ExtendedBuffer::<Vec<u8>>::decode_exact(&seg).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                what: "decompressed size",
                max: 100,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.offset(), Some(8 + 5));
}

#[test]
fn huge_ndr_counts_are_refused_before_anything_is_sized() {
    let v = msox_testkit::vector("oxcrpc", "rpcext2-request");
    let mut b = v.bytes.clone();
    b[24..28].copy_from_slice(&u32::MAX.to_le_bytes()); // rgbIn MaxCount
    let e = EcDoRpcExt2Request::decode_exact(&b).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert_eq!(e.offset(), Some(24));
    assert_eq!(e.path().to_string(), "EcDoRpcExt2 request > rgbIn");
    let v = msox_testkit::vector("oxcrpc", "connectex-request");
    let mut b = v.bytes.clone();
    b[8..12].copy_from_slice(&0x7fff_ffffu32.to_le_bytes()); // szUserDN ActualCount
    let e = EcDoConnectExRequest::decode_exact(&b).unwrap_err();
    assert!(e.is_limit(), "{e}");
    assert_eq!(e.path().to_string(), "EcDoConnectEx request > szUserDN");
}

#[test]
fn floods_of_blocks_and_segments_are_charged_to_the_item_budget() {
    // 10,000 AUX_PERF_REQUESTID blocks.
    let block = [8u8, 0, 1, 1, 1, 0, 2, 0];
    let flood: Vec<u8> = block.iter().copied().cycle().take(8 * 10_000).collect();
    assert_eq!(
        AuxPayload::decode_exact(&flood).unwrap().blocks.len(),
        10_000
    );
    let tight = Options::strict().with_limits(Limits::DEFAULT.with_max_items(1000));
    assert!(
        AuxPayload::decode_bytes(&flood, &tight)
            .unwrap_err()
            .is_limit()
    );
    // 10,000 empty extended buffer segments without Last, then one with it.
    let mut chain = Vec::new();
    for _ in 0..10_000 {
        chain.extend([0u8, 0, 0, 0, 0, 0, 0, 0]);
    }
    chain.extend([0u8, 0, 4, 0, 0, 0, 0, 0]);
    assert_eq!(
        ExtendedBuffer::<Vec<u8>>::decode_exact(&chain)
            .unwrap()
            .segments
            .len(),
        10_001
    );
    assert!(
        ExtendedBuffer::<Vec<u8>>::decode_bytes(&chain, &tight)
            .unwrap_err()
            .is_limit()
    );
}

#[test]
fn lenient_decoding_keeps_a_bad_segment_raw_and_re_encodes_it() {
    // Segment 0: compressed, corrupt (a match before the start); segment 1: fine.
    let mut b = vec![0, 0, 1, 0, 6, 0, 20, 0, 0, 0, 0, 0x80, 0x08, 0x00];
    b.extend([0, 0, 4, 0, 2, 0, 2, 0, b'o', b'k']);
    assert!(ExtendedBuffer::<Vec<u8>>::decode_exact(&b).is_err());
    let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1, "{:?}", d.defects);
    assert!(matches!(d.value.segments[0].data, SegmentData::Raw(_)));
    assert_eq!(d.value.segments[1].payload().unwrap(), b"ok");
    assert_eq!(d.value.to_vec().unwrap(), b);
}

#[test]
fn lenient_decoding_keeps_a_bad_block_raw_and_re_encodes_it() {
    // AUX_PERF_SERVERINFO whose ServerDNOffset points past the block, then a good block.
    let mut b = vec![14, 0, 1, 3, 1, 0, 1, 0, 0x40, 0, 0, 0, b'x', 0];
    b.extend([8, 0, 1, 1, 1, 0, 2, 0]);
    let e = AuxPayload::decode_exact(&b).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid ServerDNOffset 0x40 at byte 8 in AUX_HEADER[0](AUX_PERF_SERVERINFO) > AUX_PERF_SERVERINFO"
    );
    let d = AuxPayload::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(matches!(d.value.blocks[0].body, AuxBlockBody::Raw(_)));
    assert!(matches!(
        d.value.blocks[1].body,
        AuxBlockBody::PerfRequestId(_)
    ));
    assert_eq!(d.value.to_vec().unwrap(), b);
    // A block whose Size runs past the payload: kept as trailing bytes.
    let mut c = vec![8u8, 0, 1, 1, 1, 0, 2, 0];
    c.extend([0x40, 0, 1, 1, 1, 0]);
    assert!(AuxPayload::decode_exact(&c).is_err());
    let d = AuxPayload::decode_bytes(&c, &Options::lenient()).unwrap();
    assert_eq!(d.value.blocks.len(), 1);
    assert_eq!(d.value.trailing, [0x40, 0, 1, 1, 1, 0]);
    assert_eq!(d.value.to_vec().unwrap(), c);
}

#[test]
fn a_chain_without_last_is_an_error_in_strict_and_kept_in_lenient() {
    let b = [0u8, 0, 0, 0, 2, 0, 2, 0, b'h', b'i'];
    let e = ExtendedBuffer::<Vec<u8>>::decode_exact(&b).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.value.to_vec().unwrap(), b);
}
