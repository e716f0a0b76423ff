//! # ms-oxcrpc — [MS-OXCRPC] Wire Format Protocol (EMSMDB over RPC)
//!
//! Outlook talks to Exchange over RPC through the EMSMDB interface: it
//! opens a session with `EcDoConnectEx`, sends batches of ROP requests
//! with `EcDoRpcExt2` and gets ROP responses back. The ROP bytes travel
//! in *extended buffers*: each payload behind an 8-byte `RPC_HEADER_EXT`
//! that says whether it is LZ77-compressed ([MS-XCA] plain LZ77, called
//! LZ77 + DIRECT2 in [MS-OXCRPC]) and/or XOR-obfuscated, several packed
//! one after the other. Beside them travel *auxiliary buffers* of
//! `AUX_HEADER` blocks: client performance counters, server topology,
//! capabilities. MAPI over HTTP ([MS-OXCMAPIHTTP]) carries the same
//! buffers, so this crate serves both transports.
//!
//! This crate reads and writes all of that, with no I/O:
//!
//! | item | what it is |
//! |---|---|
//! | [`lz77`] | [MS-XCA] 2.3 / 2.4 plain LZ77: a bounded decompressor and a linear-time compressor |
//! | [`xor`] | the 0xA5 obfuscation |
//! | [`RpcHeaderExt`], [`ExtendedBuffer`] | RPC_HEADER_EXT and chains of header + payload segments, payloads decompressed and de-obfuscated in derived buffers of the same decoding session, written back as the headers say |
//! | [`AuxBlock`], [`AuxPayload`], [`AuxBuffer`] | every AUX_HEADER block of 2.2.2.2, typed, and the auxiliary buffer |
//! | [`EcDoConnectExRequest`], [`EcDoRpcExt2Request`], ... | the NDR20 stub data of the EcDoConnectEx, EcDoRpcExt2, EcDoDisconnect, EcDoAsyncConnectEx and EcDoAsyncWaitEx requests and responses |
//!
//! Every type decodes with the one entry shape of msox
//! ([`msox_codec::Decode::decode_bytes`]: bytes and options in, value and
//! defects out) and encodes back byte for byte: reserved fields, unknown
//! flag bits and block types, the compressed stream as it was sent, the
//! layout of strings inside auxiliary blocks, NDR alignment bytes and
//! array bounds are kept. The ROPs themselves are [MS-OXCROPS]
//! (`ms-oxcrops`, a layer above); here a ROP buffer is bytes.
//!
//! ## Example
//!
//! ```
//! use ms_oxcrpc::{
//!     AuxBlock, AuxBlockBody, AuxBuffer, AuxPayload, AuxPerfRequestId, EcDoRpcExt2Request,
//!     ExtendedBuffer, RpcExt2Flags, RpcHeaderExtFlags as F,
//! };
//! use msox_codec::{Decode, Encode, Options};
//!
//! // A client's EcDoRpcExt2 request: one ROP buffer, compressed and
//! // obfuscated, and an obfuscated auxiliary buffer with the request ID.
//! let rops = b"\x08\x00\x02\x00\x00\x00\x00\x00".repeat(50);
//! let aux = AuxPayload::new(vec![AuxBlock::new(AuxBlockBody::PerfRequestId(
//!     AuxPerfRequestId { session_id: 1, request_id: 7 },
//! ))]);
//! let req = EcDoRpcExt2Request {
//!     pul_flags: RpcExt2Flags::NO_XOR_MAGIC,
//!     rgb_in: ExtendedBuffer::single(rops.clone(), F::COMPRESSED | F::XOR_MAGIC),
//!     pcb_out: 0x8007,
//!     rgb_aux_in: AuxBuffer::single(aux, F::XOR_MAGIC),
//!     pcb_aux_out: 0x1008,
//!     ..Default::default()
//! };
//! let stub = req.to_vec()?;
//! assert!(stub.len() < 100);
//!
//! // The server side: decode, with the defects lenient decoding repaired.
//! let got = EcDoRpcExt2Request::decode_bytes(&stub, &Options::lenient())?;
//! assert!(got.is_clean());
//! let seg = &got.value.rgb_in.segments[0];
//! assert_eq!(seg.header.flags, F::COMPRESSED | F::XOR_MAGIC | F::LAST);
//! assert_eq!(usize::from(seg.header.size_actual), rops.len());
//! assert_eq!(got.value.rgb_in.joined(), Some(rops));
//! let blocks = &got.value.rgb_aux_in.segments[0].payload().unwrap().blocks;
//! assert!(matches!(blocks[0].body, AuxBlockBody::PerfRequestId(AuxPerfRequestId { request_id: 7, .. })));
//! // What was read is written back byte for byte.
//! assert_eq!(got.value.to_vec()?, stub);
//!
//! // Bad input: an error with the offset and the structure path.
//! let mut bad = stub.clone();
//! bad[24..28].copy_from_slice(&u32::MAX.to_le_bytes()); // rgbIn's MaxCount
//! let e = EcDoRpcExt2Request::decode_exact(&bad).unwrap_err();
//! assert!(e.to_string().starts_with("MaxCount 4294967295 exceeds the limit"));
//! assert_eq!(e.path().to_string(), "EcDoRpcExt2 request > rgbIn");
//! # Ok::<(), msox_codec::Error>(())
//! ```
//!
//! ## Strict and lenient
//!
//! Strict decoding refuses what the spec does not allow. Lenient decoding
//! reads past it at the smallest unit it can delimit, with a
//! [`msox_codec::Defect`] each time: an extended buffer segment whose
//! payload cannot be read (corrupt LZ77, SizeActual that disagrees) is kept
//! as its wire bytes ([`SegmentData::Raw`]); an auxiliary block that does
//! not parse is kept as bytes ([`AuxBlockBody::Raw`]); bytes after the last
//! whole segment or block are kept as `trailing`; values out of range
//! (Version, SizeActual over 32 KB, pcbOut) are kept as read. Everything
//! kept is written back unchanged.
//!
//! ## Limits
//!
//! Decompressed output never exceeds the segment's SizeActual nor the
//! session's output budget (a 32-bit match length is refused before it is
//! copied); NDR counts, sizes and strings are checked against the bytes
//! that remain before anything is sized; every segment and block is
//! charged to the session's item budget. Nothing recurses. Decoding and
//! encoding take time linear in the input (the compressor tries a bounded
//! number of hash-chain candidates per byte).
//!
//! ## Coverage
//!
//! | section | structure | status |
//! |---|---|---|
//! | 2.1 | transport (RPC protocol sequences, endpoints) | not applicable (no I/O) |
//! | 2.2.1.1, 2.2.1.2 | CXH, ACXH | [`ContextHandle`] (the 20-byte NDR context handle) |
//! | 2.2.1.3, 2.2.1.4 | BIG_RANGE_ULONG, SMALL_RANGE_ULONG | checked on pcbOut / pcbAuxOut ([`methods::BIG_RANGE_ULONG_MAX`], [`methods::SMALL_RANGE_ULONG_MAX`]) |
//! | 2.2.2.1 | RPC_HEADER_EXT | [`RpcHeaderExt`], [`RpcHeaderExtFlags`] |
//! | 2.2.2.2 | AUX_HEADER | [`AuxHeader`], [`AuxBlock`], [`AuxVersion`], [`AuxType`], [`AuxBlockKind::of`] (both version tables) |
//! | 2.2.2.2.1 - 2.2.2.2.23 | every auxiliary block structure, V1 and V2 | [`AuxBlockBody`] and its 23 structures; strings and byte arrays at offsets with [`AuxVarLayout`]; unknown Version/Type kept as bytes |
//! | 3.1.4.1 | EcDoConnectEx | [`EcDoConnectExRequest`], [`EcDoConnectExResponse`] |
//! | 3.1.4.1.1, 3.1.4.2.1 (and subsections) | extended buffers, packing | [`ExtendedBuffer`], [`ExtendedBufferSegment`], [`Payload`] |
//! | 3.1.4.1.1.2 | compression (LZ77 + DIRECT2 = [MS-XCA] 2.3 / 2.4 plain LZ77) | [`lz77`] |
//! | 3.1.4.1.1.3 | obfuscation | [`xor`] |
//! | 3.1.4.1.2, 3.1.4.2.2 | auxiliary buffers | [`AuxBuffer`], [`AuxPayload`] |
//! | 3.1.4.2 | EcDoRpcExt2 | [`EcDoRpcExt2Request`], [`EcDoRpcExt2Response`], [`RpcExt2Flags`] |
//! | 3.1.4.3 | EcDoDisconnect | [`EcDoDisconnectRequest`], [`EcDoDisconnectResponse`] |
//! | 3.1.4.4 | EcDoAsyncConnectEx | [`EcDoAsyncConnectExRequest`], [`EcDoAsyncConnectExResponse`] |
//! | 3.3.4.1 | EcDoAsyncWaitEx | [`EcDoAsyncWaitExRequest`], [`EcDoAsyncWaitExResponse`] |
//! | 3.1.4.5 | EcRRegisterPushNotification | not yet (no wire-format payload of its own) |
//! | 3.1.4.6 - 3.1.4.15 | EcDummyRpc, opnums not used on the wire | not applicable |
//! | 3.1.4.1.3, 3.2.4.1.3 | version checking | not applicable (behaviour; the version arrays are in the stubs) |
//! | 3.1.1 - 3.4.x other | abstract data model, timers, sequencing, client behaviour | not applicable (behaviour, not wire format) |
//!
//! The ROP buffers inside rgbIn / rgbOut (RopSize, ROPs, server object
//! handle table) are [MS-OXCROPS] 2.2.1 and belong to `ms-oxcrops`. The
//! whole DCE/RPC PDU around the stub data (C706, [MS-RPCE]) is not
//! parsed: the decoders take the stub data of one call.
#![forbid(unsafe_code)]

pub mod auxiliary;
pub mod ext;
pub mod lz77;
pub mod methods;
pub mod xor;

pub use auxiliary::{
    AuxBlock, AuxBlockBody, AuxBlockKind, AuxBuffer, AuxClientConnectionInfo, AuxClientControl,
    AuxEndpointCapabilities, AuxExOrgInfo, AuxHeader, AuxOsVersionInfo, AuxPayload,
    AuxPerfAccountInfo, AuxPerfClientInfo, AuxPerfDefGcSuccess, AuxPerfDefMdbSuccess,
    AuxPerfFailure, AuxPerfFailureV2, AuxPerfGcSuccess, AuxPerfGcSuccessV2, AuxPerfMdbSuccess,
    AuxPerfMdbSuccessV2, AuxPerfProcessInfo, AuxPerfRequestId, AuxPerfServerInfo,
    AuxPerfSessionInfo, AuxPerfSessionInfoV2, AuxProtocolDeviceIdentification,
    AuxServerCapabilities, AuxServerSessionInfo, AuxType, AuxVarLayout, AuxVersion, ClientMode,
    EnableFlags, EndpointCapabilityFlags, OrgFlags, ServerCapabilityFlags, ServerType,
};
pub use ext::{
    ExtendedBuffer, ExtendedBufferSegment, Payload, RpcHeaderExt, RpcHeaderExtFlags, SegmentData,
};
pub use methods::{
    ContextHandle, EcDoAsyncConnectExRequest, EcDoAsyncConnectExResponse, EcDoAsyncWaitExRequest,
    EcDoAsyncWaitExResponse, EcDoConnectExRequest, EcDoConnectExResponse, EcDoDisconnectRequest,
    EcDoDisconnectResponse, EcDoRpcExt2Request, EcDoRpcExt2Response, NdrArrayLayout, NdrString,
    RpcExt2Flags,
};
