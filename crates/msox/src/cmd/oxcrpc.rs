//! `msox oxcrpc decompress|compress|ext-buffer|stub`: the EMSMDB wire
//! format ([MS-OXCRPC]): LZ77 payloads ([MS-XCA] plain LZ77), extended
//! buffers (RPC_HEADER_EXT segments), auxiliary blocks and the NDR stub data
//! of the EMSMDB methods.

use std::path::PathBuf;

use ms_oxcrpc::{
    AuxBlock, AuxBlockBody, AuxBuffer, AuxPayload, EcDoAsyncConnectExRequest,
    EcDoAsyncConnectExResponse, EcDoAsyncWaitExRequest, EcDoAsyncWaitExResponse,
    EcDoConnectExRequest, EcDoConnectExResponse, EcDoDisconnectRequest, EcDoDisconnectResponse,
    EcDoRpcExt2Request, EcDoRpcExt2Response, ExtendedBuffer, ExtendedBufferSegment, RpcExt2Flags,
    RpcHeaderExtFlags, SegmentData, lz77,
};
use msox_codec::{Decode, Encode, Reader};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::inspect::Format;
use crate::json as show;
use crate::node::Node;

/// `msox oxcrpc ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decompress an [MS-XCA] plain LZ77 stream (a Compressed payload of an
    /// extended buffer, without its RPC_HEADER_EXT).
    Decompress {
        /// The compressed stream (`-` for stdin).
        file: PathBuf,
        /// Where to write the data (`-`, the default, for stdout).
        #[arg(default_value = "-")]
        out: PathBuf,
        /// The size the data must decompress to (the header's SizeActual).
        #[arg(long, value_name = "N")]
        size_actual: Option<usize>,
    },
    /// Compress data as an [MS-XCA] plain LZ77 stream.
    Compress {
        /// The data (`-` for stdin).
        file: PathBuf,
        /// Where to write the stream (`-` for stdout).
        out: PathBuf,
    },
    /// Decode an extended buffer (rgbIn / rgbOut; rgbAuxIn / rgbAuxOut with
    /// --aux): its RPC_HEADER_EXT segments, flags, sizes and payloads.
    ExtBuffer {
        /// The buffer (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// The payloads are auxiliary blocks (AUX_HEADER ...), typed.
        #[arg(long)]
        aux: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode the NDR stub data of an EMSMDB method call.
    Stub {
        /// The method.
        #[arg(value_enum)]
        method: Method,
        /// Request (in-parameters) or response (out-parameters and the return value).
        #[arg(value_enum)]
        direction: Direction,
        /// The stub data (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// An EMSMDB method with stub data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Method {
    /// EcDoConnectEx (opnum 10).
    ConnectEx,
    /// EcDoRpcExt2 (opnum 11).
    RpcExt2,
    /// EcDoAsyncConnectEx (opnum 14).
    AsyncConnectEx,
    /// EcDoDisconnect (opnum 1).
    Disconnect,
    /// EcDoAsyncWaitEx (AsyncEMSMDB opnum 0).
    AsyncWait,
}

/// Which half of a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    /// The request stub.
    Request,
    /// The response stub.
    Response,
}

/// Runs `msox oxcrpc ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decompress {
            file,
            out,
            size_actual,
        } => {
            let bytes = crate::cli::read_input(file)?;
            let data = decompress(&bytes, *size_actual)?;
            crate::cli::write_output(out, &data)
        }
        Cmd::Compress { file, out } => {
            let bytes = crate::cli::read_input(file)?;
            crate::cli::write_output(out, &lz77::compress(&bytes))
        }
        Cmd::ExtBuffer { file, aux, json } => {
            let bytes = show::file(file)?;
            let opts = crate::cli::options();
            let (v, node) = if *aux {
                let d = AuxBuffer::decode_bytes(&bytes, &opts)?;
                crate::cli::report_defects(&d.defects);
                (aux_buffer_json(&d.value), aux_buffer_node(&d.value))
            } else {
                let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(&bytes, &opts)?;
                crate::cli::report_defects(&d.defects);
                (ext_buffer_json(&d.value), ext_buffer_node(&d.value))
            };
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&node)
            }
        }
        Cmd::Stub {
            method,
            direction,
            file,
            json,
        } => {
            let bytes = show::file(file)?;
            let (v, node) = stub_json(*method, *direction, &bytes)?;
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&node)
            }
        }
    }
}

/// Decompresses a whole LZ77 stream in the session (its output budget), to
/// exactly `size` bytes when given.
fn decompress(bytes: &[u8], size: Option<usize>) -> anyhow::Result<Vec<u8>> {
    let opts = crate::cli::options();
    let mut r = Reader::with_options(bytes, &opts);
    let data = r.frame("LZ77", |r| {
        lz77::decompress(r, bytes.len(), size.unwrap_or(usize::MAX))
    })?;
    if let Some(n) = size
        && data.len() != n
    {
        anyhow::bail!(
            "the stream decompresses to {} bytes, --size-actual says {n}",
            data.len()
        );
    }
    Ok(data)
}

// ---- extended buffers ---------------------------------------------------------------

fn flags_text(f: RpcHeaderExtFlags) -> String {
    let names: Vec<&str> = f.names().collect();
    if names.is_empty() {
        format!("0x{:04X}", f.0)
    } else {
        format!("{} (0x{:04X})", names.join(" | "), f.0)
    }
}

fn segment_common<P>(s: &ExtendedBufferSegment<P>, offset: usize) -> Map<String, Value> {
    let h = &s.header;
    let mut m = Map::new();
    m.insert("offset".into(), json!(offset));
    m.insert("version".into(), json!(h.version));
    m.insert("flags".into(), json!(h.flags.names().collect::<Vec<_>>()));
    m.insert("flags_value".into(), json!(format!("0x{:04X}", h.flags.0)));
    m.insert("size".into(), json!(h.size));
    m.insert("size_actual".into(), json!(h.size_actual));
    m
}

/// Each segment with its offset in the buffer.
fn segments<P>(b: &ExtendedBuffer<P>) -> Vec<(usize, &ExtendedBufferSegment<P>)> {
    let mut at = 0usize;
    b.segments
        .iter()
        .map(|s| {
            let o = at;
            at += ms_oxcrpc::ext::RPC_HEADER_EXT_SIZE + usize::from(s.header.size);
            (o, s)
        })
        .collect()
}

/// An extended buffer of ROP payloads as JSON.
pub fn ext_buffer_json(b: &ExtendedBuffer<Vec<u8>>) -> Value {
    let segs: Vec<Value> = segments(b)
        .into_iter()
        .map(|(o, s)| {
            let mut m = segment_common(s, o);
            match &s.data {
                SegmentData::Decoded { payload, .. } => {
                    m.insert("payload_size".into(), json!(payload.len()));
                    m.insert("payload".into(), json!(msox_codec::hex::encode(payload)));
                }
                SegmentData::Raw(raw) => {
                    m.insert("raw".into(), json!(msox_codec::hex::encode(raw)));
                }
            }
            Value::Object(m)
        })
        .collect();
    let mut v = json!({ "segments": segs });
    if !b.trailing.is_empty()
        && let Some(o) = v.as_object_mut()
    {
        o.insert(
            "trailing".into(),
            json!(msox_codec::hex::encode(&b.trailing)),
        );
    }
    v
}

/// An auxiliary buffer as JSON, its blocks typed.
pub fn aux_buffer_json(b: &AuxBuffer) -> Value {
    let segs: Vec<Value> = segments(b)
        .into_iter()
        .map(|(o, s)| {
            let mut m = segment_common(s, o);
            match &s.data {
                SegmentData::Decoded { payload, .. } => {
                    m.insert("payload_size".into(), json!(s.header.size_actual));
                    m.insert("blocks".into(), aux_payload_json(payload));
                }
                SegmentData::Raw(raw) => {
                    m.insert("raw".into(), json!(msox_codec::hex::encode(raw)));
                }
            }
            Value::Object(m)
        })
        .collect();
    let mut v = json!({ "segments": segs });
    if !b.trailing.is_empty()
        && let Some(o) = v.as_object_mut()
    {
        o.insert(
            "trailing".into(),
            json!(msox_codec::hex::encode(&b.trailing)),
        );
    }
    v
}

fn names_of<I: Iterator<Item = &'static str>>(names: I, value: u32) -> Value {
    let n: Vec<&str> = names.collect();
    json!({ "value": format!("0x{value:08X}"), "flags": n })
}

/// One auxiliary block as JSON: version, type, structure and fields (enum
/// and flag fields named).
fn aux_block_json(b: &AuxBlock, offset: usize) -> Value {
    let mut fields = match show::to_json(&b.body) {
        Value::Object(m) if m.len() == 1 => {
            m.into_iter().next().map(|(_, v)| v).unwrap_or_default()
        }
        other => other,
    };
    if let Value::Object(f) = &mut fields {
        match &b.body {
            AuxBlockBody::PerfServerInfo(x) => {
                f.insert("server_type".into(), json!(x.server_type.to_string()));
            }
            AuxBlockBody::PerfClientInfo(x) => {
                f.insert("client_mode".into(), json!(x.client_mode.to_string()));
            }
            AuxBlockBody::ClientControl(x) => {
                f.insert(
                    "enable_flags".into(),
                    names_of(x.enable_flags.names(), x.enable_flags.0),
                );
            }
            AuxBlockBody::ExOrgInfo(x) => {
                f.insert(
                    "org_flags".into(),
                    names_of(x.org_flags.names(), x.org_flags.0),
                );
            }
            AuxBlockBody::ServerCapabilities(x) => {
                f.insert(
                    "server_capability_flags".into(),
                    names_of(
                        x.server_capability_flags.names(),
                        x.server_capability_flags.0,
                    ),
                );
            }
            AuxBlockBody::EndpointCapabilities(x) => {
                f.insert(
                    "endpoint_capability_flags".into(),
                    names_of(
                        x.endpoint_capability_flags.names(),
                        x.endpoint_capability_flags.0,
                    ),
                );
            }
            AuxBlockBody::PerfFailure(x) => {
                f.insert(
                    "result_code".into(),
                    json!(ms_oxcdata::ErrorCode::from(x.result_code).to_string()),
                );
            }
            AuxBlockBody::PerfFailureV2(x) => {
                f.insert(
                    "result_code".into(),
                    json!(ms_oxcdata::ErrorCode::from(x.result_code).to_string()),
                );
            }
            _ => {}
        }
    }
    let structure = b.body.kind().map(|k| k.name());
    let mut m = Map::new();
    m.insert("offset".into(), json!(offset));
    m.insert("version".into(), json!(b.version.to_string()));
    m.insert("type".into(), json!(b.block_type.to_string()));
    m.insert("structure".into(), json!(structure));
    match &b.body {
        AuxBlockBody::Raw(bytes) => {
            m.insert("bytes".into(), json!(msox_codec::hex::encode(bytes)));
        }
        _ => {
            m.insert("fields".into(), fields);
        }
    }
    Value::Object(m)
}

/// The blocks of an auxiliary payload as JSON (offsets in the payload).
pub fn aux_payload_json(p: &AuxPayload) -> Value {
    let mut at = 0usize;
    let mut blocks: Vec<Value> = p
        .blocks
        .iter()
        .map(|b| {
            let v = aux_block_json(b, at);
            at += b.encoded_len();
            v
        })
        .collect();
    if !p.trailing.is_empty() {
        blocks.push(json!({ "offset": at, "trailing": msox_codec::hex::encode(&p.trailing) }));
    }
    Value::Array(blocks)
}

fn segment_node<P>(i: usize, offset: usize, s: &ExtendedBufferSegment<P>) -> Node {
    let h = &s.header;
    Node::new(format!("segment {i} @{offset}"))
        .with_value(format!(
            "{} bytes on the wire, {} bytes of payload",
            h.size, h.size_actual
        ))
        .child(Node::leaf("Version", h.version))
        .child(Node::leaf("Flags", flags_text(h.flags)))
        .child(Node::leaf("Size", h.size))
        .child(Node::leaf("SizeActual", h.size_actual))
}

/// An extended buffer of ROP payloads as a tree.
pub fn ext_buffer_node(b: &ExtendedBuffer<Vec<u8>>) -> Node {
    let mut root = Node::new("extended buffer").with_value(format!(
        "{} segment{}",
        b.segments.len(),
        if b.segments.len() == 1 { "" } else { "s" }
    ));
    for (i, (o, s)) in segments(b).into_iter().enumerate() {
        let mut n = segment_node(i, o, s);
        match &s.data {
            SegmentData::Decoded { payload, .. } => {
                n.push(Node::leaf("payload", show::hex_short(payload, 64)))
            }
            SegmentData::Raw(raw) => n.push(Node::leaf("raw (not read)", show::hex_short(raw, 64))),
        }
        root.push(n);
    }
    if let Some(j) = b.joined().filter(|_| b.segments.len() > 1) {
        root.push(Node::leaf("payloads joined", format!("{} bytes", j.len())));
    }
    if !b.trailing.is_empty() {
        root.push(Node::leaf("trailing", show::hex_short(&b.trailing, 64)));
    }
    root
}

/// The blocks of an auxiliary payload as tree nodes.
fn aux_payload_nodes(p: &AuxPayload, into: &mut Node) {
    if let Value::Array(blocks) = aux_payload_json(p) {
        for (i, b) in blocks.iter().enumerate() {
            let structure = b
                .get("structure")
                .and_then(Value::as_str)
                .or_else(|| b.get("type").and_then(Value::as_str))
                .unwrap_or("trailing bytes");
            let offset = b.get("offset").and_then(Value::as_u64).unwrap_or_default();
            let mut n = Node::new(format!("block {i} @{offset}")).with_value(structure);
            if let Some(Value::Object(f)) = b.get("fields") {
                for (k, v) in f {
                    n.push(show::json_node(k.clone(), v));
                }
            } else {
                for key in ["version", "type", "bytes", "trailing"] {
                    if let Some(v) = b.get(key) {
                        n.push(show::json_node(key, v));
                    }
                }
            }
            into.push(n);
        }
    }
}

/// An auxiliary buffer as a tree.
pub fn aux_buffer_node(b: &AuxBuffer) -> Node {
    let mut root = Node::new("auxiliary buffer").with_value(format!(
        "{} segment{}",
        b.segments.len(),
        if b.segments.len() == 1 { "" } else { "s" }
    ));
    for (i, (o, s)) in segments(b).into_iter().enumerate() {
        let mut n = segment_node(i, o, s);
        match &s.data {
            SegmentData::Decoded { payload, .. } => aux_payload_nodes(payload, &mut n),
            SegmentData::Raw(raw) => n.push(Node::leaf("raw (not read)", show::hex_short(raw, 64))),
        }
        root.push(n);
    }
    if !b.trailing.is_empty() {
        root.push(Node::leaf("trailing", show::hex_short(&b.trailing, 64)));
    }
    root
}

// ---- stubs ------------------------------------------------------------------------

fn decode<'a, T: Decode<'a>>(bytes: &'a [u8]) -> anyhow::Result<T> {
    let d = T::decode_bytes(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// A stub as JSON with its buffers decoded, its flags and return value
/// named; and as a tree (the buffers as `ext-buffer` shows them).
fn stub_value<T: Serialize>(
    name: &str,
    v: &T,
    bufs: &[(&str, &ExtendedBuffer<Vec<u8>>)],
    aux: &[(&str, &AuxBuffer)],
) -> (Value, Node) {
    let mut j = show::to_json(v);
    if let Value::Object(m) = &mut j {
        for (k, b) in bufs {
            m.insert((*k).to_string(), ext_buffer_json(b));
        }
        for (k, b) in aux {
            m.insert((*k).to_string(), aux_buffer_json(b));
        }
        if let Some(rv) = m.get("return_value").and_then(Value::as_u64) {
            m.insert(
                "return_value".into(),
                json!(ms_oxcdata::ErrorCode::from(rv as u32).to_string()),
            );
        }
        if let Some(f) = m.get("pul_flags").and_then(Value::as_u64) {
            let f = RpcExt2Flags(f as u32);
            m.insert("pul_flags".into(), names_of(f.names(), f.0));
        }
    }
    let mut root = Node::new(name);
    if let Value::Object(m) = &j {
        for (k, val) in m {
            if let Some((_, b)) = bufs.iter().find(|(n, _)| n == k) {
                let mut n = ext_buffer_node(b);
                n.label = k.clone();
                root.push(n);
            } else if let Some((_, b)) = aux.iter().find(|(n, _)| n == k) {
                let mut n = aux_buffer_node(b);
                n.label = k.clone();
                root.push(n);
            } else {
                root.push(show::json_node(k.clone(), val));
            }
        }
    }
    (j, root)
}

/// Decodes a stub: its JSON and its tree.
fn stub_json(method: Method, dir: Direction, bytes: &[u8]) -> anyhow::Result<(Value, Node)> {
    use Direction::{Request as Rq, Response as Rs};
    let name = match method {
        Method::ConnectEx => "EcDoConnectEx",
        Method::RpcExt2 => "EcDoRpcExt2",
        Method::AsyncConnectEx => "EcDoAsyncConnectEx",
        Method::Disconnect => "EcDoDisconnect",
        Method::AsyncWait => "EcDoAsyncWaitEx",
    };
    let name = format!(
        "{name} {}",
        match dir {
            Rq => "request",
            Rs => "response",
        }
    );
    let n = name.as_str();
    Ok(match (method, dir) {
        (Method::ConnectEx, Rq) => {
            let x: EcDoConnectExRequest = decode(bytes)?;
            stub_value(n, &x, &[], &[("rgb_aux_in", &x.rgb_aux_in)])
        }
        (Method::ConnectEx, Rs) => {
            let x: EcDoConnectExResponse = decode(bytes)?;
            stub_value(n, &x, &[], &[("rgb_aux_out", &x.rgb_aux_out)])
        }
        (Method::RpcExt2, Rq) => {
            let x: EcDoRpcExt2Request = decode(bytes)?;
            stub_value(
                n,
                &x,
                &[("rgb_in", &x.rgb_in)],
                &[("rgb_aux_in", &x.rgb_aux_in)],
            )
        }
        (Method::RpcExt2, Rs) => {
            let x: EcDoRpcExt2Response = decode(bytes)?;
            stub_value(
                n,
                &x,
                &[("rgb_out", &x.rgb_out)],
                &[("rgb_aux_out", &x.rgb_aux_out)],
            )
        }
        (Method::AsyncConnectEx, Rq) => {
            stub_value(n, &decode::<EcDoAsyncConnectExRequest>(bytes)?, &[], &[])
        }
        (Method::AsyncConnectEx, Rs) => {
            stub_value(n, &decode::<EcDoAsyncConnectExResponse>(bytes)?, &[], &[])
        }
        (Method::Disconnect, Rq) => {
            stub_value(n, &decode::<EcDoDisconnectRequest>(bytes)?, &[], &[])
        }
        (Method::Disconnect, Rs) => {
            stub_value(n, &decode::<EcDoDisconnectResponse>(bytes)?, &[], &[])
        }
        (Method::AsyncWait, Rq) => {
            stub_value(n, &decode::<EcDoAsyncWaitExRequest>(bytes)?, &[], &[])
        }
        (Method::AsyncWait, Rs) => {
            stub_value(n, &decode::<EcDoAsyncWaitExResponse>(bytes)?, &[], &[])
        }
    })
}

// ---- inspect ------------------------------------------------------------------------

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    b.get(i..i + 2)
        .and_then(|s| s.try_into().ok())
        .map(u16::from_le_bytes)
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    b.get(i..i + 4)
        .and_then(|s| s.try_into().ok())
        .map(u32::from_le_bytes)
}

/// Whether `b` is exactly a chain of RPC_HEADER_EXT segments: Version 0,
/// only the defined flags, sizes that agree (Size = SizeActual unless
/// Compressed, then smaller; SizeActual at most 32 KB), the Last flag on
/// the final segment and on no other, nothing after it.
pub fn is_ext_buffer(b: &[u8]) -> bool {
    let mut pos = 0usize;
    let mut payload = 0usize;
    for _ in 0..256 {
        let (Some(version), Some(flags), Some(size), Some(actual)) = (
            u16_at(b, pos),
            u16_at(b, pos + 2),
            u16_at(b, pos + 4),
            u16_at(b, pos + 6),
        ) else {
            return false;
        };
        let flags = RpcHeaderExtFlags(flags);
        let compressed = flags.contains(RpcHeaderExtFlags::COMPRESSED);
        if version != 0
            || flags.0 & !0x0007 != 0
            || usize::from(actual) > ms_oxcrpc::ext::MAX_PAYLOAD
            || (!compressed && size != actual)
            || (compressed && size >= actual)
        {
            return false;
        }
        pos += 8 + usize::from(size);
        payload += usize::from(size);
        if pos > b.len() {
            return false;
        }
        if flags.contains(RpcHeaderExtFlags::LAST) {
            return pos == b.len() && payload > 0;
        }
    }
    false
}

/// Whether `b` looks like the stub data of an EcDoRpcExt2 request: a
/// context handle, pulFlags of defined bits only, rgbIn's MaxCount, an
/// extended buffer that fills it exactly, and cbIn repeating the count.
pub fn is_rpc_ext2_request(b: &[u8]) -> bool {
    let (Some(flags), Some(max)) = (u32_at(b, 20), u32_at(b, 24)) else {
        return false;
    };
    let Ok(n) = usize::try_from(max) else {
        return false;
    };
    if flags & !0x7 != 0 || !(8..=0x4_0000).contains(&n) || 28 + n > b.len() {
        return false;
    }
    let cb_at = (28 + n).next_multiple_of(4);
    u32_at(b, cb_at) == Some(max) && b.get(28..28 + n).is_some_and(is_ext_buffer)
}

/// `inspect` entry for EcDoRpcExt2 request stubs.
pub const FORMAT_RPC_EXT2: Format = Format {
    name: "oxcrpc-rpcext2",
    description: "EcDoRpcExt2 request stub data (NDR), MS-OXCRPC",
    detect: is_rpc_ext2_request,
    inspect: |bytes| {
        let d = EcDoRpcExt2Request::decode_bytes(bytes, &crate::cli::options())?;
        let x = &d.value;
        let (_, mut root) = stub_value(
            "EcDoRpcExt2 request",
            x,
            &[("rgb_in", &x.rgb_in)],
            &[("rgb_aux_in", &x.rgb_aux_in)],
        );
        for e in &d.defects {
            root.push(Node::leaf("defect", e));
        }
        Ok(root)
    },
};

/// `inspect` entry for extended buffers (a chain of RPC_HEADER_EXT
/// segments, as rgbIn / rgbOut / rgbAuxIn / rgbAuxOut and MAPI/HTTP
/// Execute's RopBuffer carry).
pub const FORMAT_EXT: Format = Format {
    name: "oxcrpc-ext",
    description: "extended buffer (RPC_HEADER_EXT segments), MS-OXCRPC",
    detect: is_ext_buffer,
    inspect: |bytes| {
        let opts = crate::cli::options();
        let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(bytes, &opts)?;
        let mut root = ext_buffer_node(&d.value);
        // An auxiliary buffer reads as typed blocks with nothing left over.
        if let Ok(a) = AuxBuffer::decode_bytes(bytes, &msox_codec::Options::strict())
            && a.value.payloads().all(|p| {
                p.trailing.is_empty()
                    && !p.blocks.is_empty()
                    && p.blocks
                        .iter()
                        .all(|b| !matches!(b.body, AuxBlockBody::Raw(_)))
            })
        {
            let mut n = Node::new("payloads read as auxiliary blocks");
            for p in a.value.payloads() {
                aux_payload_nodes(p, &mut n);
            }
            root.push(n);
        }
        for e in &d.defects {
            root.push(Node::leaf("defect", e));
        }
        Ok(root)
    },
};
