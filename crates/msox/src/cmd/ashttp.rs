//! `msox ashttp decode|encode`: ActiveSync request query values
//! ([MS-ASHTTP] 2.2.1.1.1), base64 and plain.

use ms_ashttp::{
    Base64Query, CommandCode, EncodedQuery, Parameter, ParameterTag, PlainQuery, ProtocolVersion,
    Query, RequestLine,
};
use serde_json::{Value, json};

/// `msox ashttp ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode a query value (base64 or plain), a URI or a request line; print JSON.
    Decode {
        /// `jAAJBAp2...`, `Cmd=Sync&...`, `/Microsoft-Server-ActiveSync?...` or `POST ... HTTP/1.1`.
        query: String,
    },
    /// Read an HTTP header block (request or response; a request or status
    /// line first is skipped) and print its ActiveSync headers typed, as JSON.
    Headers {
        /// The header block (`-` for stdin).
        file: std::path::PathBuf,
        /// Read it as response headers (default: request headers, or response
        /// headers when it starts with a status line).
        #[arg(long)]
        response: bool,
    },
    /// Build a query value and print it.
    Encode {
        /// Protocol version, e.g. `14.1`.
        #[arg(long = "protocol-version", default_value = "14.1")]
        protocol_version: String,
        /// Command name (`Sync`) or code.
        #[arg(long)]
        cmd: String,
        /// Locale (LCID), decimal or 0x hex.
        #[arg(long, default_value = "0x0409")]
        locale: String,
        /// Device ID.
        #[arg(long = "device-id")]
        device_id: String,
        /// Device type.
        #[arg(long = "device-type")]
        device_type: String,
        /// Policy key.
        #[arg(long = "policy-key")]
        policy_key: Option<u32>,
        /// User (plain form parameter, or the `User` command parameter).
        #[arg(long)]
        user: Option<String>,
        /// More command parameters, `Name=Value` (Options takes a number).
        #[arg(long = "param")]
        params: Vec<String>,
        /// Write the plain text form instead of base64.
        #[arg(long)]
        plain: bool,
    },
}

fn text_or_hex(b: &[u8]) -> Value {
    match std::str::from_utf8(b) {
        Ok(s) if s.chars().all(|c| !c.is_control()) => json!(s),
        _ => json!({ "hex": msox_codec::hex::encode(b) }),
    }
}

fn query_json(q: &Query) -> Value {
    match q {
        Query::Plain(p) => json!({
            "form": "plain",
            "parameters": p.pairs.iter().map(|(k, v)| json!([k, v.as_deref().map(ms_ashttp::query::percent_decode)])).collect::<Vec<_>>(),
        }),
        Query::Base64(e) => {
            let b = &e.query;
            json!({
                "form": "base64",
                "protocol_version": b.protocol_version.to_string(),
                "command": b.command.to_string(),
                "command_code": b.command.value(),
                "locale": format!("0x{:04X}", b.locale),
                "device_id": text_or_hex(&b.device_id),
                "policy_key": b.policy_key(),
                "policy_key_bytes": msox_codec::hex::encode(&b.policy_key_bytes),
                "device_type": text_or_hex(&b.device_type),
                "parameters": b.parameters.iter().map(|p| json!({"tag": p.tag.to_string(), "value": text_or_hex(&p.value)})).collect::<Vec<_>>(),
                "padded": e.padded,
            })
        }
    }
}

fn parse_num(s: &str) -> anyhow::Result<u32> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16),
        None => s.parse(),
    };
    r.map_err(|_| crate::cli::usage(format!("bad number {s:?}")))
}

/// Runs `msox ashttp`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Headers { file, response } => headers(file, *response),
        Cmd::Decode { query } => {
            let q = query.trim();
            let v = if q.contains(' ') {
                let line = RequestLine::parse(q)?;
                json!({
                    "method": line.method,
                    "path": line.path,
                    "version": line.version,
                    "query": line.query.as_ref().map(query_json),
                })
            } else {
                let q = q.rsplit_once('?').map_or(q, |(_, q)| q);
                query_json(&Query::parse(q)?)
            };
            crate::cli::print_json(&v)
        }
        Cmd::Encode {
            protocol_version,
            cmd,
            locale,
            device_id,
            device_type,
            policy_key,
            user,
            params,
            plain,
        } => {
            let mut pairs: Vec<(String, String)> = Vec::new();
            for p in params {
                let (k, v) = p.split_once('=').ok_or_else(|| {
                    crate::cli::usage(format!("--param wants Name=Value, got {p:?}"))
                })?;
                pairs.push((k.to_string(), v.to_string()));
            }
            if *plain {
                let mut all: Vec<(&str, &str)> = vec![("Cmd", cmd.as_str())];
                if let Some(u) = user {
                    all.push(("User", u));
                }
                all.push(("DeviceId", device_id));
                all.push(("DeviceType", device_type));
                all.extend(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
                return crate::cli::print(&(PlainQuery::from_pairs(all).to_text() + "\n"));
            }
            let command = match CommandCode::from_name(cmd) {
                Some(c) => c,
                None => CommandCode::from(
                    u8::try_from(parse_num(cmd)?)
                        .map_err(|_| crate::cli::usage("command code over 255"))?,
                ),
            };
            let pv: ProtocolVersion = protocol_version
                .parse()
                .map_err(|e| crate::cli::usage(format!("{e}")))?;
            let mut parameters = Vec::new();
            if let Some(u) = user {
                parameters.push(Parameter {
                    tag: ParameterTag::User,
                    value: u.as_bytes().to_vec(),
                });
            }
            for (k, v) in &pairs {
                let tag = ParameterTag::from_name(k)
                    .ok_or_else(|| crate::cli::usage(format!("unknown command parameter {k:?}")))?;
                let value = if tag == ParameterTag::Options {
                    vec![
                        u8::try_from(parse_num(v)?)
                            .map_err(|_| crate::cli::usage("Options is one byte"))?,
                    ]
                } else {
                    v.as_bytes().to_vec()
                };
                parameters.push(Parameter { tag, value });
            }
            let mut q = Base64Query {
                protocol_version: pv,
                command,
                locale: u16::try_from(parse_num(locale)?)
                    .map_err(|_| crate::cli::usage("locale is 16 bits"))?,
                device_id: device_id.as_bytes().to_vec(),
                policy_key_bytes: Vec::new(),
                device_type: device_type.as_bytes().to_vec(),
                parameters,
            };
            q.set_policy_key(*policy_key);
            let e = EncodedQuery {
                query: q,
                padded: false,
                percent_escaped: false,
            };
            crate::cli::print(&(e.to_text()? + "\n"))
        }
    }
}

fn version_json<T: std::fmt::Display>(v: Option<msox_codec::Result<T>>) -> Value {
    match v {
        None => Value::Null,
        Some(Ok(x)) => json!(x.to_string()),
        Some(Err(e)) => json!({"error": e.to_string()}),
    }
}

/// `msox ashttp headers`.
fn headers(file: &std::path::Path, response: bool) -> anyhow::Result<()> {
    use msox_codec::Decode;
    let bytes = crate::cli::read_input(file)?;
    // a request or status line first
    let first_end = bytes.iter().position(|&b| b == b'\n').map_or(0, |i| i + 1);
    let first = String::from_utf8_lossy(bytes.get(..first_end).unwrap_or_default()).into_owned();
    let status_line = first.starts_with("HTTP/");
    let request_line = !status_line
        && first.contains(" HTTP/")
        && first
            .split_whitespace()
            .next()
            .is_some_and(|m| m.chars().all(|c| c.is_ascii_uppercase()));
    let skip = if status_line || request_line {
        first_end
    } else {
        0
    };
    let block = bytes.get(skip..).unwrap_or_default();
    let fields = |b: &ms_ashttp::HeaderBlock| {
        Value::Array(
            b.fields
                .iter()
                .map(|f| json!({"name": f.name(), "value": f.value()}))
                .collect(),
        )
    };
    let v = if response || status_line {
        let d = ms_ashttp::ResponseHeaders::decode_bytes(block, &crate::cli::options())?;
        crate::cli::report_defects(&d.defects);
        let h = d.value;
        json!({
            "kind": "response",
            "status_line": status_line.then(|| first.trim_end()),
            "fields": fields(&h.block),
            "ms_asprotocolversions": match h.protocol_versions() {
                None => Value::Null,
                Some(Ok(v)) => json!(v.iter().map(ToString::to_string).collect::<Vec<_>>()),
                Some(Err(e)) => json!({"error": e.to_string()}),
            },
            "ms_asprotocolcommands": h.protocol_commands(),
            "ms_server_activesync": h.server_version(),
            "x_ms_location": h.location(),
            "x_ms_credentialserviceurl": h.credential_service_url(),
            "x_ms_credentialsexpire": h.credential_expire(),
            "x_ms_asthrottle": h.throttle(),
            "content_type": h.content_type(),
        })
    } else {
        let d = ms_ashttp::RequestHeaders::decode_bytes(block, &crate::cli::options())?;
        crate::cli::report_defects(&d.defects);
        let h = d.value;
        json!({
            "kind": "request",
            "request_line": request_line.then(|| first.trim_end()),
            "fields": fields(&h.block),
            "ms_asprotocolversion": version_json(h.protocol_version()),
            "x_ms_policykey": version_json(h.policy_key()),
            "ms_asacceptmultipart": h.accept_multipart().map(|a| format!("{a:?}")),
            "user_agent": h.user_agent(),
            "content_type": h.content_type(),
            "accept_language": h.accept_language(),
        })
    };
    crate::cli::print_json(&v)
}
