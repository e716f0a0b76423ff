//! Every `test-vectors/oxcrpc/*.hex` decodes strictly to the values its
//! metadata names and re-encodes to the same bytes; the `error-*` vectors
//! fail with the error their `.err` file names.
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
    EcDoRpcExt2Request, EcDoRpcExt2Response, ExtendedBuffer,
};
use msox_codec::{Decode, Encode};
use msox_testkit::{Vector, assert_round_trip, hostile::outcome, vectors};

fn hex(s: &str) -> Vec<u8> {
    msox_codec::hex::decode(s).unwrap()
}

fn block_names(blocks: &[AuxBlock]) -> String {
    blocks
        .iter()
        .map(|b| match b.body.kind() {
            Some(k) => k.name(),
            None => "raw",
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn aux_names(buf: &AuxBuffer) -> String {
    let blocks: Vec<AuxBlock> = buf.payloads().flat_map(|p| p.blocks.clone()).collect();
    block_names(&blocks)
}

fn check_error(v: &Vector) {
    let ty = v.meta("type");
    let ok = v.check_expected_error(|b, o| match ty {
        "Lz77Payload" => outcome(Lz77Payload::decode_bytes(b, o)),
        "ExtendedBuffer" => outcome(ExtendedBuffer::<Vec<u8>>::decode_bytes(b, o)),
        "AuxPayload" => outcome(AuxPayload::decode_bytes(b, o)),
        other => panic!("{}: no error check for {other}", v.name),
    });
    assert!(ok, "{}: no .err file", v.name);
}

fn check(v: &Vector) {
    let name = v.name.as_str();
    match v.meta("type") {
        "Lz77Payload" => {
            let p = Lz77Payload::decode_exact(&v.bytes).unwrap();
            assert_eq!(p.data, hex(v.meta("expect-data")), "{name}");
            // The spec's examples are what our compressor writes.
            if v.meta.contains_key("expect-exact") {
                assert_eq!(p.to_vec().unwrap(), v.bytes, "{name}: compressor output");
            }
        }
        "ExtendedBuffer" => {
            let b: ExtendedBuffer = assert_round_trip(&v.bytes, name);
            assert_eq!(
                b.segments.len(),
                v.meta("expect-segments").parse::<usize>().unwrap(),
                "{name}"
            );
            assert_eq!(
                b.segments[0].header.flags.to_string(),
                v.meta("expect-flags"),
                "{name}"
            );
            assert_eq!(b.joined().unwrap(), hex(v.meta("expect-joined")), "{name}");
        }
        "AuxPayload" => {
            let p: AuxPayload = assert_round_trip(&v.bytes, name);
            assert_eq!(block_names(&p.blocks), v.meta("expect-blocks"), "{name}");
            if v.meta.contains_key("expect-layout") {
                let AuxBlockBody::PerfServerInfo(s) = &p.blocks[0].body else {
                    panic!("{name}: {:?}", p.blocks[0]);
                };
                assert!(s.layout.is_some(), "{name}");
                assert_eq!(s.server_name.as_ref().unwrap().as_str(), "EX1");
                // Dropping the layout gives the canonical order, which reads
                // back to the same values.
                let mut c = p.clone();
                if let AuxBlockBody::PerfServerInfo(s) = &mut c.blocks[0].body {
                    s.layout = None;
                }
                let canon = c.to_vec().unwrap();
                assert_ne!(canon, v.bytes);
                let back = AuxPayload::decode_exact(&canon).unwrap();
                assert_eq!(back, c, "{name}: canonical layout");
            }
        }
        "AuxBuffer" => {
            let b: AuxBuffer = assert_round_trip(&v.bytes, name);
            assert_eq!(aux_names(&b), v.meta("expect-blocks"), "{name}");
        }
        "EcDoConnectExRequest" => {
            let r: EcDoConnectExRequest = assert_round_trip(&v.bytes, name);
            assert_eq!(r.sz_user_dn.to_string_lossy(), v.meta("expect-user-dn"));
            assert_eq!(aux_names(&r.rgb_aux_in), v.meta("expect-blocks"), "{name}");
            assert_eq!(r.ul_cpid, 1252);
            assert_eq!(r.rgw_client_version, [0x000C, 0x1837, 0x0011]);
        }
        "EcDoConnectExResponse" => {
            let r: EcDoConnectExResponse = assert_round_trip(&v.bytes, name);
            assert_eq!(
                r.sz_display_name.as_ref().unwrap().to_string_lossy(),
                v.meta("expect-display-name")
            );
            assert_eq!(r.referent_ids, [0, 0], "{name}: default referent IDs");
            assert_eq!(aux_names(&r.rgb_aux_out), v.meta("expect-blocks"), "{name}");
        }
        "EcDoRpcExt2Request" => {
            let r: EcDoRpcExt2Request = assert_round_trip(&v.bytes, name);
            assert_eq!(r.rgb_in.joined().unwrap(), hex(v.meta("expect-joined")));
            assert!(r.rgb_aux_in.is_empty());
            assert_eq!(r.pcb_out, 0x8007);
        }
        "EcDoRpcExt2Response" => {
            let r: EcDoRpcExt2Response = assert_round_trip(&v.bytes, name);
            assert_eq!(r.rgb_out.joined().unwrap(), hex(v.meta("expect-joined")));
            assert_eq!(r.rgb_out_layout.unwrap().max_count, 0x8007);
            assert!(r.rgb_aux_out.is_empty());
            assert_eq!(r.pul_trans_time, 15);
        }
        "EcDoAsyncConnectExRequest" => {
            let _: EcDoAsyncConnectExRequest = assert_round_trip(&v.bytes, name);
        }
        "EcDoAsyncConnectExResponse" => {
            let r: EcDoAsyncConnectExResponse = assert_round_trip(&v.bytes, name);
            assert!(!r.pacxh.is_null());
        }
        "EcDoAsyncWaitExRequest" => {
            let _: EcDoAsyncWaitExRequest = assert_round_trip(&v.bytes, name);
        }
        "EcDoAsyncWaitExResponse" => {
            let r: EcDoAsyncWaitExResponse = assert_round_trip(&v.bytes, name);
            assert_eq!(r.pul_flags_out, 1);
        }
        "EcDoDisconnectRequest" => {
            let _: EcDoDisconnectRequest = assert_round_trip(&v.bytes, name);
        }
        "EcDoDisconnectResponse" => {
            let r: EcDoDisconnectResponse = assert_round_trip(&v.bytes, name);
            assert!(r.pcxh.is_null());
        }
        other => panic!("{name}: unknown type {other}"),
    }
}

#[test]
fn every_vector_decodes_to_its_values_and_re_encodes() {
    let all = vectors("oxcrpc");
    assert!(all.len() >= 20, "{}", all.len());
    for v in &all {
        assert!(v.section().is_some(), "{}: no section", v.name);
        assert!(v.meta.contains_key("source"), "{}: no source", v.name);
        if v.expected_error.is_some() {
            check_error(v);
        } else {
            check(v);
        }
    }
}

#[test]
fn every_aux_block_structure_is_in_the_vectors() {
    let v = msox_testkit::vector("oxcrpc", "aux-every-block");
    let p = AuxPayload::decode_exact(&v.bytes).unwrap();
    let mut kinds: Vec<&str> = p
        .blocks
        .iter()
        .filter_map(|b| b.body.kind().map(|k| k.name()))
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(kinds.len(), 23, "{kinds:?}");
}
