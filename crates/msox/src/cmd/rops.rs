//! `msox rops decode`: ROP input and output buffers ([MS-OXCROPS] 2.2.1):
//! RopSize, every ROP request and response, the Server object handle
//! table; responses laid out by their request when it is given.

use ms_oxcrops::{RopContext, RopRequest, RopRequestBuffer, RopResponse, RopResponseBuffer};
use ms_oxcrpc::ExtendedBuffer;
use msox_codec::{Decode, Decoded, Options, Reader};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::json as show;
use crate::node::Node;

/// `msox rops ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode a ROP input buffer (requests), or with --response an output
    /// buffer. A buffer still behind its RPC_HEADER_EXT (rgbIn / rgbOut, a
    /// MAPI/HTTP RopBuffer) is unwrapped first, each segment a buffer.
    Decode {
        /// The buffer: a file (`-` for stdin; `.hex` files as hex text) or hex.
        input: String,
        /// The input is a ROP output buffer (responses).
        #[arg(long)]
        response: bool,
        /// The request buffer the responses answer: lays out what depends on
        /// it (rows of RopQueryRows, RopGetPropertiesSpecific values,
        /// RopLogon forms...).
        #[arg(long, value_name = "F", requires = "response")]
        request_file: Option<String>,
        /// The input is ROPs alone (no RopSize, no handle table), as the
        /// protocol examples print them.
        #[arg(long, conflicts_with = "request_file")]
        bare: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The ROP buffers of an input: an extended buffer's payloads, or the
/// input itself. A ROP buffer's RopSize is at least 2, so input that starts
/// with two zero bytes and is an exact RPC_HEADER_EXT chain is one.
fn buffers(bytes: Vec<u8>) -> anyhow::Result<Vec<Vec<u8>>> {
    if bytes.starts_with(&[0, 0]) && crate::cmd::oxcrpc::is_ext_buffer(&bytes) {
        let d = ExtendedBuffer::<Vec<u8>>::decode_bytes(&bytes, &crate::cli::options())?;
        crate::cli::report_defects(&d.defects);
        return Ok(d.value.payloads().cloned().collect());
    }
    Ok(vec![bytes])
}

/// One ROP as JSON: its name and fields.
fn rop_json<T: Serialize>(rop: &T, name: String) -> Value {
    let fields = match show::to_json(rop) {
        Value::Object(m) if m.len() == 1 => {
            m.into_iter().next().map(|(_, v)| v).unwrap_or_default()
        }
        other => other,
    };
    let mut fields = fields;
    show::name_error_codes(&mut fields);
    let mut m = Map::new();
    m.insert("rop".into(), json!(name));
    m.insert("fields".into(), fields);
    Value::Object(m)
}

fn request_name(r: &RopRequest<'_>) -> String {
    match r {
        RopRequest::Raw(_) => format!(
            "unread bytes from RopId {}",
            r.rop_id().map_or("?".to_string(), |i| i.to_string())
        ),
        _ => r.rop_id().map_or("?".to_string(), |i| i.to_string()),
    }
}

fn response_name(r: &RopResponse<'_>) -> String {
    let id = r.rop_id().map_or("?".to_string(), |i| i.to_string());
    match r {
        RopResponse::Failure(_) => format!("{id} (failure)"),
        RopResponse::Raw(_) => format!("unread bytes from RopId {id}"),
        _ => id,
    }
}

fn buffer_json(kind: &str, rops: Vec<Value>, handles: Option<&[u32]>) -> Value {
    let mut m = Map::new();
    m.insert("buffer".into(), json!(kind));
    m.insert("rops".into(), Value::Array(rops));
    if let Some(h) = handles {
        m.insert(
            "handles".into(),
            json!(h.iter().map(|x| format!("0x{x:08X}")).collect::<Vec<_>>()),
        );
    }
    Value::Object(m)
}

fn buffer_node(v: &Value) -> Node {
    let kind = v.get("buffer").and_then(Value::as_str).unwrap_or_default();
    let rops = v
        .get("rops")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut root = Node::new(kind).with_value(format!(
        "{} ROP{}",
        rops.len(),
        if rops.len() == 1 { "" } else { "s" }
    ));
    for (i, r) in rops.iter().enumerate() {
        let name = r.get("rop").and_then(Value::as_str).unwrap_or("?");
        let mut n = Node::new(format!("[{i}]")).with_value(name);
        match r.get("fields") {
            Some(Value::Object(f)) => {
                for (k, x) in f {
                    if !x.is_null() {
                        n.push(show::json_node(k.clone(), x));
                    }
                }
            }
            Some(other) if !other.is_null() => n.push(show::json_node("value", other)),
            _ => {}
        }
        root.push(n);
    }
    if let Some(Value::Array(h)) = v.get("handles") {
        root.push(show::json_node(
            "ServerObjectHandleTable",
            &Value::Array(h.clone()),
        ));
    }
    root
}

/// ROPs without RopSize or handle table: read one after the other.
fn bare<'a, T: Decode<'a>>(bytes: &'a [u8], opts: &Options) -> anyhow::Result<Decoded<Vec<T>>> {
    Ok(msox_codec::decode_bytes_with_reader(
        bytes,
        opts,
        |r: &mut Reader<'a>| {
            let mut v = Vec::new();
            let mut i = 0usize;
            while !r.is_empty() {
                r.check_count(1, 1, "ROPs")?;
                v.push(r.frame_indexed("RopsList", i, T::decode)?);
                i += 1;
            }
            Ok(v)
        },
    )?)
}

/// Runs `msox rops ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decode {
            input,
            response,
            request_file,
            bare: is_bare,
            json: as_json,
        } => {
            let opts = crate::cli::options();
            let bytes = show::file_or_hex(input)?;
            let mut out = Vec::new();
            if *is_bare {
                let v = if *response {
                    let d = bare::<RopResponse<'_>>(&bytes, &opts)?;
                    crate::cli::report_defects(&d.defects);
                    let rops = d
                        .value
                        .iter()
                        .map(|r| rop_json(r, response_name(r)))
                        .collect();
                    buffer_json("ROP responses", rops, None)
                } else {
                    let d = bare::<RopRequest<'_>>(&bytes, &opts)?;
                    crate::cli::report_defects(&d.defects);
                    let rops = d
                        .value
                        .iter()
                        .map(|r| rop_json(r, request_name(r)))
                        .collect();
                    buffer_json("ROP requests", rops, None)
                };
                out.push(v);
            } else {
                let mut ctx = RopContext::new();
                if let Some(f) = request_file {
                    for b in buffers(show::file_or_hex(f)?)? {
                        let d = ctx.decode_request(&b, &opts)?;
                        crate::cli::report_defects(&d.defects);
                    }
                }
                for b in buffers(bytes)? {
                    let v = if *response {
                        let d = if request_file.is_some() {
                            ctx.decode_response(&b, &opts)?
                        } else {
                            RopResponseBuffer::decode_bytes(&b, &opts)?
                        };
                        crate::cli::report_defects(&d.defects);
                        let rops = d
                            .value
                            .rops
                            .iter()
                            .map(|r| rop_json(r, response_name(r)))
                            .collect();
                        buffer_json("ROP output buffer", rops, Some(&d.value.handles))
                    } else {
                        let d = RopRequestBuffer::decode_bytes(&b, &opts)?;
                        crate::cli::report_defects(&d.defects);
                        let rops = d
                            .value
                            .rops
                            .iter()
                            .map(|r| rop_json(r, request_name(r)))
                            .collect();
                        buffer_json("ROP input buffer", rops, Some(&d.value.handles))
                    };
                    out.push(v);
                }
            }
            if *as_json {
                crate::cli::print_json(&if out.len() == 1 {
                    out.swap_remove(0)
                } else {
                    Value::Array(out)
                })
            } else {
                let mut s = String::new();
                for v in &out {
                    buffer_node(v).write_text(&mut s);
                }
                crate::cli::print(&s)
            }
        }
    }
}
