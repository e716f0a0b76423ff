//! `msox mapihttp decode|stream`: MAPI over HTTP ([MS-OXCMAPIHTTP]):
//! request and response bodies of every request type, and the response
//! stream (meta-tags, additional headers, body; the chunked transfer coding
//! too).

use std::path::PathBuf;

use ms_oxcmapihttp::chunked::{Event, ResponseStream, TransferDecoder};
use ms_oxcmapihttp::*;
use ms_oxcrpc::{AuxBuffer, ExtendedBuffer};
use msox_codec::Decode;
use serde::Serialize;
use serde_json::{Value, json};

use crate::json as show;
use crate::node::Node;

/// `msox mapihttp ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode a request or response body (the bytes after the meta-tags and
    /// additional headers of a response).
    Decode {
        /// The request type (X-RequestType): Connect, Execute, Bind,
        /// QueryRows, ... (any case).
        #[arg(long = "type", value_name = "NAME")]
        request_type: String,
        /// A request body.
        #[arg(
            long,
            conflicts_with = "response",
            required_unless_present = "response"
        )]
        request: bool,
        /// A response body.
        #[arg(long)]
        response: bool,
        /// The body (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Parse a response stream: its meta-tags (PROCESSING, PENDING, DONE),
    /// additional headers and body.
    Stream {
        /// The stream (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// The bytes are still in the HTTP chunked transfer coding.
        #[arg(long)]
        chunked: bool,
        /// Also decode the body as the response of this request type.
        #[arg(long = "type", value_name = "NAME")]
        request_type: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

type Decoder = fn(&[u8]) -> anyhow::Result<Value>;

/// Decodes a body and names what the JSON can name: error codes, the
/// RopBuffer and AuxiliaryBuffer read with ms-oxcrpc.
fn dec<T: for<'a> Decode<'a> + Serialize>(bytes: &[u8]) -> anyhow::Result<Value> {
    let d = T::decode_bytes(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    let mut v = show::to_json(&d.value);
    show::name_error_codes(&mut v);
    buffers(&mut v);
    Ok(v)
}

/// Replaces `rop_buffer` and `auxiliary_buffer` hex with what ms-oxcrpc
/// reads from them (the hex kept beside it), where it reads them cleanly.
fn buffers(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                let bytes = match x.as_str() {
                    Some(h) if !h.is_empty() => msox_codec::hex::decode(h).ok(),
                    _ => None,
                };
                let strict = msox_codec::Options::strict();
                match (k.as_str(), bytes) {
                    ("rop_buffer", Some(b)) => {
                        if let Ok(d) = ExtendedBuffer::<Vec<u8>>::decode_bytes(&b, &strict) {
                            *x = json!({
                                "hex": msox_codec::hex::encode(&b),
                                "extended_buffer": crate::cmd::oxcrpc::ext_buffer_json(&d.value),
                            });
                        }
                    }
                    ("auxiliary_buffer", Some(b)) => {
                        if let Ok(d) = AuxBuffer::decode_bytes(&b, &strict) {
                            *x = json!({
                                "hex": msox_codec::hex::encode(&b),
                                "auxiliary_buffer": crate::cmd::oxcrpc::aux_buffer_json(&d.value),
                            });
                        }
                    }
                    _ => buffers(x),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(buffers),
        _ => {}
    }
}

/// Every request type: its name, request decoder, response decoder.
const TYPES: &[(&str, Decoder, Decoder)] = &[
    ("Connect", dec::<ConnectRequest>, dec::<ConnectResponse>),
    ("Execute", dec::<ExecuteRequest>, dec::<ExecuteResponse>),
    (
        "Disconnect",
        dec::<DisconnectRequest>,
        dec::<DisconnectResponse>,
    ),
    (
        "NotificationWait",
        dec::<NotificationWaitRequest>,
        dec::<NotificationWaitResponse>,
    ),
    ("Bind", dec::<BindRequest>, dec::<BindResponse>),
    ("Unbind", dec::<UnbindRequest>, dec::<UnbindResponse>),
    (
        "CompareMinIds",
        dec::<CompareMinIdsRequest>,
        dec::<CompareMinIdsResponse>,
    ),
    (
        "DnToMinId",
        dec::<DnToMinIdRequest>,
        dec::<DnToMinIdResponse>,
    ),
    (
        "GetMatches",
        dec::<GetMatchesRequest>,
        dec::<GetMatchesResponse>,
    ),
    (
        "GetPropList",
        dec::<GetPropListRequest>,
        dec::<GetPropListResponse>,
    ),
    ("GetProps", dec::<GetPropsRequest>, dec::<GetPropsResponse>),
    (
        "GetSpecialTable",
        dec::<GetSpecialTableRequest>,
        dec::<GetSpecialTableResponse>,
    ),
    (
        "GetTemplateInfo",
        dec::<GetTemplateInfoRequest>,
        dec::<GetTemplateInfoResponse>,
    ),
    (
        "ModLinkAtt",
        dec::<ModLinkAttRequest>,
        dec::<ModLinkAttResponse>,
    ),
    ("ModProps", dec::<ModPropsRequest>, dec::<ModPropsResponse>),
    (
        "QueryRows",
        dec::<QueryRowsRequest>,
        dec::<QueryRowsResponse>,
    ),
    (
        "QueryColumns",
        dec::<QueryColumnsRequest>,
        dec::<QueryColumnsResponse>,
    ),
    (
        "ResolveNames",
        dec::<ResolveNamesRequest>,
        dec::<ResolveNamesResponse>,
    ),
    (
        "ResortRestriction",
        dec::<ResortRestrictionRequest>,
        dec::<ResortRestrictionResponse>,
    ),
    (
        "SeekEntries",
        dec::<SeekEntriesRequest>,
        dec::<SeekEntriesResponse>,
    ),
    (
        "UpdateStat",
        dec::<UpdateStatRequest>,
        dec::<UpdateStatResponse>,
    ),
    (
        "GetMailboxUrl",
        dec::<GetMailboxUrlRequest>,
        dec::<GetMailboxUrlResponse>,
    ),
    (
        "GetAddressBookUrl",
        dec::<GetAddressBookUrlRequest>,
        dec::<GetAddressBookUrlResponse>,
    ),
];

fn find(name: &str) -> anyhow::Result<&'static (&'static str, Decoder, Decoder)> {
    let k: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    TYPES
        .iter()
        .find(|(n, _, _)| n.to_ascii_lowercase() == k)
        .ok_or_else(|| {
            crate::cli::usage(format!(
                "unknown request type {name:?}; one of {}",
                TYPES
                    .iter()
                    .map(|(n, _, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// The body's JSON with a `status` of `success` / `failure` for responses.
fn response_label(name: &str, v: &Value) -> String {
    match v {
        Value::Object(m) if m.contains_key("Failure") => format!("{name} response (failure)"),
        _ => format!("{name} response"),
    }
}

/// Runs `msox mapihttp ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decode {
            request_type,
            request,
            response: _,
            file,
            json,
        } => {
            let (name, rq, rs) = find(request_type)?;
            let bytes = show::file(file)?;
            let v = if *request { rq(&bytes)? } else { rs(&bytes)? };
            if *json {
                crate::cli::print_json(&v)
            } else {
                let label = if *request {
                    format!("{name} request")
                } else {
                    response_label(name, &v)
                };
                show::print_node(&show::json_node(label, &v))
            }
        }
        Cmd::Stream {
            file,
            chunked,
            request_type,
            json,
        } => {
            let decoder = request_type.as_deref().map(find).transpose()?;
            let raw = show::file(file)?;
            let data = if *chunked {
                let mut t = TransferDecoder::new();
                let d = t.feed(&raw)?;
                if !t.is_done() {
                    anyhow::bail!(
                        "the chunked transfer coding ends before its last chunk (at byte {})",
                        raw.len()
                    );
                }
                d
            } else {
                raw
            };
            let (events, defects) = ResponseStream::parse_all(&data, &crate::cli::options())?;
            crate::cli::report_defects(&defects);
            let mut out = Vec::new();
            let mut body = None;
            for e in &events {
                out.push(match e {
                    Event::MetaTag(m) => json!({"event": "meta-tag", "tag": m.as_str()}),
                    Event::Header { name, value } => {
                        json!({"event": "header", "name": name, "value": value})
                    }
                    Event::HeadersEnd => json!({"event": "headers-end"}),
                    Event::Body(b) => {
                        body = Some(b.clone());
                        json!({"event": "body", "size": b.len(), "hex": msox_codec::hex::encode(b)})
                    }
                    #[allow(unreachable_patterns)]
                    other => json!({"event": format!("{other:?}")}),
                });
            }
            let decoded = match (decoder, &body) {
                (Some((name, _, rs)), Some(b)) => Some((*name, rs(b)?)),
                _ => None,
            };
            if *json {
                let mut v = json!({ "events": out });
                if let (Some((_, d)), Some(m)) = (&decoded, v.as_object_mut()) {
                    m.insert("response".into(), d.clone());
                }
                return crate::cli::print_json(&v);
            }
            let mut root = Node::new("response stream").with_value(format!(
                "{} bytes{}",
                data.len(),
                if *chunked {
                    " after the chunked coding"
                } else {
                    ""
                }
            ));
            for e in &events {
                root.push(match e {
                    Event::MetaTag(m) => Node::new(m.as_str()),
                    Event::Header { name, value } => Node::leaf(name.clone(), value),
                    Event::HeadersEnd => Node::new("(end of headers)"),
                    Event::Body(b) => Node::leaf("body", show::hex_short(b, 64)),
                    #[allow(unreachable_patterns)]
                    other => Node::new(format!("{other:?}")),
                });
            }
            if let Some((name, d)) = &decoded {
                root.push(show::json_node(response_label(name, d), d));
            }
            show::print_node(&root)
        }
    }
}
