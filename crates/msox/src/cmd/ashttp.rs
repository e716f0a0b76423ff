//! `msox ashttp decode|encode`: ActiveSync request query values
//! ([MS-ASHTTP] 2.2.1.1.1), base64 and plain.

use ms_ashttp::{
    Base64Query, CommandCode, EncodedQuery, Parameter, ParameterTag, PlainQuery, ProtocolVersion,
    Query, RequestLine,
};
use serde_json::{Value, json};

/// `msox ashttp ...`
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Decode a query value (base64 or plain), a URI or a request line; print JSON.
    Decode {
        /// `jAAJBAp2...`, `Cmd=Sync&...`, `/Microsoft-Server-ActiveSync?...` or `POST ... HTTP/1.1`.
        query: String,
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
