//! Property tests: every public type round-trips through its wire form.
//!
//! Values built by hand leave the fields that decoding fills in (a
//! segment's Size and SizeActual, the cached compressed stream) unset, so
//! each generated value is first put in the form decoding gives
//! (`decode(encode(x))`), then checked with the round-trip property; the
//! payloads are checked against the generated ones too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_dtyp::Guid;
use ms_oxcrpc::lz77::{self, Lz77Payload};
use ms_oxcrpc::*;
use msox_codec::{Decode, Encode, Utf16String};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

/// `decode(encode(x))`, which must succeed.
fn canon<T: for<'a> Decode<'a> + Encode + std::fmt::Debug>(x: &T) -> T {
    let bytes = x.to_vec().unwrap_or_else(|e| panic!("encode {x:?}: {e}"));
    T::decode_exact(&bytes).unwrap_or_else(|e| panic!("decode {x:?}: {e}"))
}

fn guid() -> impl Strategy<Value = Guid> {
    any::<u128>().prop_map(Guid::from_u128)
}

/// Strings without a null code unit, valid or not (lone surrogates).
fn utf16() -> impl Strategy<Value = Utf16String> {
    prop_oneof![
        "[^\u{0}]{0,12}".prop_map(Utf16String::new),
        proptest::collection::vec(1u16..=u16::MAX, 0..8).prop_map(|u| {
            let b: Vec<u8> = u.iter().flat_map(|x| x.to_le_bytes()).collect();
            Utf16String::from_le_bytes(&b)
        }),
    ]
}

fn opt_str() -> impl Strategy<Value = Option<Utf16String>> {
    proptest::option::of(utf16())
}

fn opt_bytes() -> impl Strategy<Value = Option<Vec<u8>>> {
    proptest::option::of(proptest::collection::vec(any::<u8>(), 0..8))
}

/// Data that compresses a little, a lot, or not at all.
fn data(max: usize) -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..max),
        proptest::collection::vec(prop::sample::select(vec![b'a', b'b', b'c', 0]), 0..max),
        (proptest::collection::vec(any::<u8>(), 1..16), 0..200usize)
            .prop_map(|(p, n)| { p.iter().copied().cycle().take(p.len() * n).collect() }),
    ]
}

fn ext_flags() -> impl Strategy<Value = RpcHeaderExtFlags> {
    (any::<bool>(), any::<bool>(), 0u16..4).prop_map(|(c, x, unknown)| {
        let mut f = RpcHeaderExtFlags(unknown << 8);
        f.set(RpcHeaderExtFlags::COMPRESSED, c);
        f.set(RpcHeaderExtFlags::XOR_MAGIC, x);
        f
    })
}

fn ext_buffer() -> impl Strategy<Value = ExtendedBuffer> {
    proptest::collection::vec((data(3000), ext_flags()), 1..4).prop_map(|segs| {
        let n = segs.len();
        let mut b = ExtendedBuffer::default();
        for (i, (d, mut f)) in segs.into_iter().enumerate() {
            f.set(RpcHeaderExtFlags::LAST, i + 1 == n);
            b.segments.push(ExtendedBufferSegment::new(f, d));
        }
        b
    })
}

fn body() -> impl Strategy<Value = AuxBlockBody> {
    use AuxBlockBody as B;
    let fixed = prop_oneof![
        (any::<u16>(), any::<u16>()).prop_map(|(session_id, request_id)| B::PerfRequestId(
            AuxPerfRequestId {
                session_id,
                request_id
            }
        )),
        (any::<u16>(), any::<u16>(), guid()).prop_map(|(session_id, reserved, session_guid)| {
            B::PerfSessionInfo(AuxPerfSessionInfo {
                session_id,
                reserved,
                session_guid,
            })
        }),
        (any::<u16>(), guid(), any::<u32>()).prop_map(
            |(session_id, session_guid, connection_id)| {
                B::PerfSessionInfoV2(AuxPerfSessionInfoV2 {
                    session_id,
                    reserved: 0,
                    session_guid,
                    connection_id,
                })
            }
        ),
        (any::<u32>(), any::<u32>(), any::<u16>(), any::<u16>()).prop_map(|(a, b, c, d)| {
            B::PerfDefMdbSuccess(AuxPerfDefMdbSuccess {
                time_since_request: a,
                time_to_complete_request: b,
                request_id: c,
                reserved: d,
            })
        }),
        (any::<u16>(), any::<u32>(), any::<u8>(), any::<[u8; 3]>()).prop_map(|(a, b, c, d)| {
            B::PerfDefGcSuccess(AuxPerfDefGcSuccess {
                server_id: a,
                session_id: a ^ 1,
                time_since_request: b,
                time_to_complete_request: !b,
                request_operation: c,
                reserved: d,
            })
        }),
        (any::<[u16; 4]>(), any::<u32>()).prop_map(|(w, t)| {
            B::PerfMdbSuccess(AuxPerfMdbSuccess {
                client_id: w[0],
                server_id: w[1],
                session_id: w[2],
                request_id: w[3],
                time_since_request: t,
                time_to_complete_request: t / 2,
            })
        }),
        (any::<[u16; 6]>(), any::<u32>()).prop_map(|(w, t)| {
            B::PerfMdbSuccessV2(AuxPerfMdbSuccessV2 {
                process_id: w[0],
                client_id: w[1],
                server_id: w[2],
                session_id: w[3],
                request_id: w[4],
                reserved: w[5],
                time_since_request: t,
                time_to_complete_request: t / 3,
            })
        }),
        (
            any::<[u16; 4]>(),
            any::<u32>(),
            any::<u8>(),
            any::<[u8; 3]>()
        )
            .prop_map(|(w, t, o, r)| {
                B::PerfGcSuccess(AuxPerfGcSuccess {
                    client_id: w[0],
                    server_id: w[1],
                    session_id: w[2],
                    reserved_1: w[3],
                    time_since_request: t,
                    time_to_complete_request: t,
                    request_operation: o,
                    reserved_2: r,
                })
            }),
        (
            any::<[u16; 4]>(),
            any::<u32>(),
            any::<u8>(),
            any::<[u8; 3]>()
        )
            .prop_map(|(w, t, o, r)| {
                B::PerfGcSuccessV2(AuxPerfGcSuccessV2 {
                    process_id: w[0],
                    client_id: w[1],
                    server_id: w[2],
                    session_id: w[3],
                    time_since_request: t,
                    time_to_complete_request: t,
                    request_operation: o,
                    reserved: r,
                })
            }),
        (
            any::<[u16; 4]>(),
            any::<[u32; 3]>(),
            any::<u8>(),
            any::<[u8; 3]>()
        )
            .prop_map(|(w, t, o, r)| {
                B::PerfFailure(AuxPerfFailure {
                    client_id: w[0],
                    server_id: w[1],
                    session_id: w[2],
                    request_id: w[3],
                    time_since_request: t[0],
                    time_to_fail_request: t[1],
                    result_code: t[2],
                    request_operation: o,
                    reserved: r,
                })
            }),
    ];
    let fixed2 = prop_oneof![
        (
            any::<[u16; 6]>(),
            any::<[u32; 3]>(),
            any::<u8>(),
            any::<[u8; 3]>()
        )
            .prop_map(|(w, t, o, r)| {
                B::PerfFailureV2(AuxPerfFailureV2 {
                    process_id: w[0],
                    client_id: w[1],
                    server_id: w[2],
                    session_id: w[3],
                    request_id: w[4],
                    reserved_1: w[5],
                    time_since_request: t[0],
                    time_to_fail_request: t[1],
                    result_code: t[2],
                    request_operation: o,
                    reserved_2: r,
                })
            }),
        (any::<u32>(), any::<u32>()).prop_map(|(f, e)| B::ClientControl(AuxClientControl {
            enable_flags: EnableFlags(f),
            expiry_time: e,
        })),
        (
            any::<[u32; 5]>(),
            proptest::collection::vec(any::<u8>(), 132),
            any::<[u16; 2]>()
        )
            .prop_map(|(v, reserved_1, sp)| {
                B::OsVersionInfo(AuxOsVersionInfo {
                    os_version_info_size: v[0],
                    major_version: v[1],
                    minor_version: v[2],
                    build_number: v[3],
                    reserved_1,
                    service_pack_major: sp[0],
                    service_pack_minor: sp[1],
                    reserved_2: v[4],
                })
            }),
        any::<u32>().prop_map(|f| B::ExOrgInfo(AuxExOrgInfo {
            org_flags: OrgFlags(f)
        })),
        (any::<u16>(), any::<u16>(), guid()).prop_map(|(client_id, reserved, account)| {
            B::PerfAccountInfo(AuxPerfAccountInfo {
                client_id,
                reserved,
                account,
            })
        }),
        any::<u32>().prop_map(|f| B::ServerCapabilities(AuxServerCapabilities {
            server_capability_flags: ServerCapabilityFlags(f),
        })),
        any::<u32>().prop_map(|f| B::EndpointCapabilities(AuxEndpointCapabilities {
            endpoint_capability_flags: EndpointCapabilityFlags(f),
        })),
    ];
    let var = prop_oneof![
        (
            any::<u32>(),
            any::<[u16; 3]>(),
            opt_str(),
            opt_str(),
            opt_bytes(),
            opt_bytes(),
            opt_str(),
            opt_bytes()
        )
            .prop_map(|(speed, w, machine, user, ip, mask, adapter, mac)| {
                B::PerfClientInfo(AuxPerfClientInfo {
                    adapter_speed: speed,
                    client_id: w[0],
                    client_mode: ClientMode::from_value(w[1] % 4),
                    reserved: w[2],
                    machine_name: machine,
                    user_name: user,
                    client_ip: ip,
                    client_ip_mask: mask,
                    adapter_name: adapter,
                    mac_address: mac,
                    layout: None,
                })
            }),
        (any::<[u16; 2]>(), opt_str(), opt_str()).prop_map(|(w, dn, name)| {
            B::PerfServerInfo(AuxPerfServerInfo {
                server_id: w[0],
                server_type: ServerType::from_value(w[1] % 6),
                server_dn: dn,
                server_name: name,
                layout: None,
            })
        }),
        (any::<[u16; 3]>(), guid(), opt_str()).prop_map(|(w, g, name)| {
            B::PerfProcessInfo(AuxPerfProcessInfo {
                process_id: w[0],
                reserved_1: w[1],
                process_guid: g,
                reserved_2: w[2],
                process_name: name,
                layout: None,
            })
        }),
        (guid(), any::<u16>(), any::<[u32; 2]>(), opt_str()).prop_map(|(g, r, w, ctx)| {
            B::ClientConnectionInfo(AuxClientConnectionInfo {
                connection_guid: g,
                reserved: r,
                connection_attempts: w[0],
                connection_flags: w[1],
                connection_context_info: ctx,
                layout: None,
            })
        }),
        opt_str().prop_map(|s| B::ServerSessionInfo(AuxServerSessionInfo {
            server_session_context_info: s,
            layout: None,
        })),
        (opt_str(), opt_str(), opt_str(), opt_str(), opt_str()).prop_map(|(a, b, c, d, e)| {
            B::ProtocolDeviceIdentification(AuxProtocolDeviceIdentification {
                device_manufacturer: a,
                device_model: b,
                device_serial_number: c,
                device_version: d,
                device_firmware_version: e,
                layout: None,
            })
        }),
    ];
    prop_oneof![fixed, fixed2, var]
}

fn block() -> impl Strategy<Value = AuxBlock> {
    prop_oneof![
        4 => body().prop_map(AuxBlock::new),
        // An unknown Version / Type keeps its bytes.
        1 => (0x30u8..0x40, proptest::collection::vec(any::<u8>(), 0..20)).prop_map(|(t, b)| AuxBlock {
            version: AuxVersion::Version1,
            block_type: AuxType::from_value(t),
            body: AuxBlockBody::Raw(b),
        }),
    ]
}

fn aux_payload() -> impl Strategy<Value = AuxPayload> {
    proptest::collection::vec(block(), 0..6).prop_map(AuxPayload::new)
}

fn aux_buffer() -> impl Strategy<Value = AuxBuffer> {
    prop_oneof![
        Just(AuxBuffer::default()),
        (aux_payload(), ext_flags()).prop_map(|(p, f)| AuxBuffer::single(p, f)),
    ]
}

fn nonempty_aux_buffer() -> impl Strategy<Value = AuxBuffer> {
    (aux_payload(), ext_flags()).prop_map(|(p, f)| AuxBuffer::single(p, f))
}

fn handle() -> impl Strategy<Value = ContextHandle> {
    (any::<u32>(), guid()).prop_map(|(attributes, uuid)| ContextHandle { attributes, uuid })
}

fn ndr_string() -> impl Strategy<Value = NdrString> {
    (
        proptest::collection::vec(any::<u8>(), 0..40),
        proptest::option::of((any::<u32>(), any::<u32>())),
    )
        .prop_map(|(value, l)| NdrString {
            value,
            layout: l.map(|(max_count, offset)| NdrArrayLayout { max_count, offset }),
        })
}

fn layout() -> impl Strategy<Value = Option<NdrArrayLayout>> {
    proptest::option::of(
        (any::<u32>(), any::<u32>())
            .prop_map(|(max_count, offset)| NdrArrayLayout { max_count, offset }),
    )
}

fn opt_ext_buffer() -> impl Strategy<Value = ExtendedBuffer> {
    prop_oneof![Just(ExtendedBuffer::default()), ext_buffer()]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn rpc_header_ext(v in any::<[u16; 4]>()) {
        prop_round_trip(&RpcHeaderExt {
            version: v[0],
            flags: RpcHeaderExtFlags(v[1]),
            size: v[2],
            size_actual: v[3],
        })?;
    }

    #[test]
    fn lz77_payload(d in data(5000)) {
        let p = Lz77Payload { data: d };
        prop_round_trip(&p)?;
        // Linear-size output: at most a flag word per 32 literals on top.
        let c = lz77::compress(&p.data);
        prop_assert!(c.len() <= p.data.len() + p.data.len() / 32 * 4 + 8);
    }

    #[test]
    fn extended_buffer(b in ext_buffer()) {
        let c = canon(&b);
        prop_round_trip(&c)?;
        let want: Vec<&Vec<u8>> = b.payloads().collect();
        let got: Vec<&Vec<u8>> = c.payloads().collect();
        prop_assert_eq!(want, got);
        for (s0, s1) in b.segments.iter().zip(&c.segments) {
            // Compressed is dropped only for data that does not shrink.
            let mut f = s0.header.flags;
            if !s1.header.flags.contains(RpcHeaderExtFlags::COMPRESSED) {
                f.remove(RpcHeaderExtFlags::COMPRESSED);
            }
            prop_assert_eq!(f, s1.header.flags);
        }
    }

    #[test]
    fn aux_block(b in block()) {
        prop_round_trip(&b)?;
    }

    #[test]
    fn aux_payload_and_buffer(p in aux_payload(), b in nonempty_aux_buffer()) {
        prop_round_trip(&p)?;
        let c = canon(&b);
        prop_round_trip(&c)?;
        prop_assert_eq!(b.segments[0].payload(), c.segments[0].payload());
    }

    #[test]
    fn aux_header(size in any::<u16>(), v in any::<u8>(), t in any::<u8>()) {
        prop_round_trip(&AuxHeader { size, version: AuxVersion::from_value(v), block_type: AuxType::from_value(t) })?;
    }

    #[test]
    fn fixed_blocks_alone(b in body()) {
        use AuxBlockBody as B;
        match b {
            B::PerfRequestId(x) => prop_round_trip(&x)?,
            B::PerfSessionInfo(x) => prop_round_trip(&x)?,
            B::PerfSessionInfoV2(x) => prop_round_trip(&x)?,
            B::PerfDefMdbSuccess(x) => prop_round_trip(&x)?,
            B::PerfDefGcSuccess(x) => prop_round_trip(&x)?,
            B::PerfMdbSuccess(x) => prop_round_trip(&x)?,
            B::PerfMdbSuccessV2(x) => prop_round_trip(&x)?,
            B::PerfGcSuccess(x) => prop_round_trip(&x)?,
            B::PerfGcSuccessV2(x) => prop_round_trip(&x)?,
            B::PerfFailure(x) => prop_round_trip(&x)?,
            B::PerfFailureV2(x) => prop_round_trip(&x)?,
            B::ClientControl(x) => prop_round_trip(&x)?,
            B::OsVersionInfo(x) => prop_round_trip(&x)?,
            B::ExOrgInfo(x) => prop_round_trip(&x)?,
            B::PerfAccountInfo(x) => prop_round_trip(&x)?,
            B::ServerCapabilities(x) => prop_round_trip(&x)?,
            B::EndpointCapabilities(x) => prop_round_trip(&x)?,
            _ => {}
        }
    }

    #[test]
    fn connect_ex_request(
        dn in ndr_string(),
        w in any::<[u32; 8]>(),
        us in any::<u16>(),
        ver in any::<[u16; 3]>(),
        aux in aux_buffer(),
    ) {
        let r = EcDoConnectExRequest {
            sz_user_dn: dn,
            ul_flags: w[0],
            ul_con_mod: w[1],
            cb_limit: w[2],
            ul_cpid: w[3],
            ul_lcid_string: w[4],
            ul_lcid_sort: w[5],
            ul_icxr_link: w[6],
            us_f_can_convert_code_pages: us,
            rgw_client_version: ver,
            pul_time_stamp: w[7],
            rgb_aux_in: aux,
            pcb_aux_out: w[7] % 0x1009,
            padding: Vec::new(),
        };
        let c = canon(&r);
        prop_round_trip(&c)?;
        prop_assert_eq!(&c.sz_user_dn.value, &r.sz_user_dn.value);
    }

    #[test]
    fn connect_ex_response(
        h in handle(),
        w in any::<[u32; 4]>(),
        picxr in any::<u16>(),
        prefix in proptest::option::of(ndr_string()),
        name in proptest::option::of(ndr_string()),
        ids in any::<[u32; 2]>(),
        vers in any::<[[u16; 3]; 2]>(),
        aux in aux_buffer(),
        aux_layout in layout(),
        ret in any::<u32>(),
    ) {
        let r = EcDoConnectExResponse {
            pcxh: h,
            pcms_polls_max: w[0],
            pc_retry: w[1],
            pcms_retry_delay: w[2],
            picxr,
            sz_dn_prefix: prefix,
            sz_display_name: name,
            referent_ids: ids,
            rgw_server_version: vers[0],
            rgw_best_version: vers[1],
            pul_time_stamp: w[3],
            rgb_aux_out: aux,
            rgb_aux_out_layout: aux_layout,
            return_value: ret,
            padding: Vec::new(),
        };
        let c = canon(&r);
        prop_round_trip(&c)?;
        prop_assert_eq!(&c.sz_display_name.map(|s| s.value), &r.sz_display_name.map(|s| s.value));
    }

    #[test]
    fn rpc_ext2_request(h in handle(), f in any::<u32>(), rgb_in in opt_ext_buffer(), aux in aux_buffer(), cb in any::<[u32; 2]>()) {
        let r = EcDoRpcExt2Request {
            pcxh: h,
            pul_flags: RpcExt2Flags(f),
            rgb_in,
            pcb_out: cb[0] % 0x40001,
            rgb_aux_in: aux,
            pcb_aux_out: cb[1] % 0x1009,
            padding: Vec::new(),
        };
        let c = canon(&r);
        prop_round_trip(&c)?;
        prop_assert_eq!(c.rgb_in.joined(), r.rgb_in.joined());
    }

    #[test]
    fn rpc_ext2_response(
        h in handle(),
        f in any::<u32>(),
        rgb_out in opt_ext_buffer(),
        out_layout in layout(),
        aux in aux_buffer(),
        aux_layout in layout(),
        t in any::<[u32; 2]>(),
    ) {
        let r = EcDoRpcExt2Response {
            pcxh: h,
            pul_flags: RpcExt2Flags(f),
            rgb_out,
            rgb_out_layout: out_layout,
            rgb_aux_out: aux,
            rgb_aux_out_layout: aux_layout,
            pul_trans_time: t[0],
            return_value: t[1],
            padding: Vec::new(),
        };
        let c = canon(&r);
        prop_round_trip(&c)?;
        prop_assert_eq!(c.rgb_out.joined(), r.rgb_out.joined());
    }

    #[test]
    fn small_stubs(a in handle(), b in handle(), w in any::<[u32; 2]>()) {
        prop_round_trip(&EcDoDisconnectRequest { pcxh: a, padding: Vec::new() })?;
        prop_round_trip(&EcDoDisconnectResponse { pcxh: b, return_value: w[0], padding: Vec::new() })?;
        prop_round_trip(&EcDoAsyncConnectExRequest { cxh: a, padding: Vec::new() })?;
        prop_round_trip(&EcDoAsyncConnectExResponse { pacxh: b, return_value: w[1], padding: Vec::new() })?;
        prop_round_trip(&EcDoAsyncWaitExRequest { acxh: a, ul_flags_in: w[0], padding: Vec::new() })?;
        prop_round_trip(&EcDoAsyncWaitExResponse { pul_flags_out: w[0], return_value: w[1], padding: Vec::new() })?;
        prop_round_trip(&a)?;
    }

    #[test]
    fn xor_is_its_own_inverse(d in proptest::collection::vec(any::<u8>(), 0..100)) {
        prop_assert_eq!(xor::obfuscated(&xor::obfuscated(&d)), d);
    }
}
