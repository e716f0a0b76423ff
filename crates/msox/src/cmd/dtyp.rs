//! `msox dtyp sid|sd|guid|filetime|systemtime`: the Windows data types of
//! [MS-DTYP] from a shell (SIDs and GUIDs both ways, security descriptors
//! as a tree or JSON, FILETIME and SYSTEMTIME values).

use ms_dtyp::{Ace, AceBody, Acl, FileTime, Guid, SecurityDescriptor, Sid, SystemTime, well_known};
use msox_codec::{Decode, Encode};
use serde_json::{Value, json};

use crate::node::Node;

/// `msox dtyp ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// A SID: `S-1-...` to its bytes, or hex bytes to `S-1-...`.
    Sid {
        /// `S-1-5-32-544`, or hex like `01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00`.
        sid: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// A self-relative SECURITY_DESCRIPTOR from hex (`-` reads hex from stdin).
    Sd {
        /// Hex bytes of the descriptor, or `-`.
        hex: String,
        /// Print JSON instead of a tree.
        #[arg(long)]
        json: bool,
    },
    /// A GUID: string form to its 16 wire bytes, or hex bytes to the string.
    Guid {
        /// `{00062008-0000-0000-C000-000000000046}` or 16 bytes of hex.
        guid: String,
    },
    /// A FILETIME value (decimal or 0x hex) as a UTC date and time.
    Filetime {
        /// 100-ns intervals since 1601-01-01, e.g. `116444736000000000` or `0x019DB1DED53E8000`.
        value: String,
    },
    /// A SYSTEMTIME (16 bytes of hex) as its fields.
    Systemtime {
        /// Hex bytes.
        hex: String,
    },
}

/// Adds `key` to a JSON object.
fn set(v: &mut Value, key: &str, value: Value) {
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_string(), value);
    }
}

fn hex_arg(s: &str) -> anyhow::Result<Vec<u8>> {
    if s == "-" {
        let mut t = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut t)?;
        return crate::cli::parse_hex_arg(&t);
    }
    crate::cli::parse_hex_arg(s)
}

fn sid_json(sid: &Sid) -> Value {
    let mut v = json!({
        "sid": sid.to_string(),
        "revision": sid.revision(),
        "identifier_authority": sid.identifier_authority().value(),
        "sub_authorities": sid.sub_authorities(),
        "hex": msox_codec::hex::encode(&sid.to_vec().unwrap_or_default()),
    });
    if let Some(n) = well_known::name(sid) {
        set(&mut v, "name", json!(n));
    }
    if let Some(n) = sid.identifier_authority().name() {
        set(&mut v, "identifier_authority_name", json!(n));
    }
    v
}

fn sid_label(sid: &Sid) -> String {
    match well_known::name(sid) {
        Some(n) => format!("{sid} ({n})"),
        None => sid.to_string(),
    }
}

fn names_json(names: impl Iterator<Item = &'static str>, unknown: u64) -> Value {
    let mut v: Vec<Value> = names.map(|n| json!(n)).collect();
    if unknown != 0 {
        v.push(json!(format!("0x{unknown:X}")));
    }
    Value::Array(v)
}

fn ace_json(ace: &Ace) -> Value {
    let mut v = json!({
        "type": ace.ace_type.to_string(),
        "type_value": ace.ace_type.value(),
        "flags": format!("0x{:02X}", ace.ace_flags.0),
        "flag_names": names_json(ace.ace_flags.names(), u64::from(ace.ace_flags.unknown_bits())),
        "size": ace.header().ace_size,
    });
    if let Some(m) = ace.mask() {
        set(&mut v, "mask", json!(format!("0x{:08X}", m.0)));
        set(&mut v, "mask_names", names_json(m.names(), 0));
    }
    if let Some(s) = ace.sid() {
        set(&mut v, "sid", json!(s.to_string()));
        if let Some(n) = well_known::name(s) {
            set(&mut v, "sid_name", json!(n));
        }
    }
    if let Some(o) = ace.object() {
        set(
            &mut v,
            "object_flags",
            json!(format!("0x{:08X}", o.flags.0)),
        );
        if let Some(g) = o.object_type {
            set(&mut v, "object_type", json!(g.to_string()));
        }
        if let Some(g) = o.inherited_object_type {
            set(&mut v, "inherited_object_type", json!(g.to_string()));
        }
    }
    match &ace.body {
        AceBody::Basic { padding, .. } | AceBody::Object { padding, .. } if !padding.is_empty() => {
            set(&mut v, "padding", json!(msox_codec::hex::encode(padding)));
        }
        AceBody::Callback {
            application_data, ..
        }
        | AceBody::CallbackObject {
            application_data, ..
        } => {
            set(
                &mut v,
                "application_data",
                json!(msox_codec::hex::encode(application_data)),
            );
            set(&mut v, "conditional", json!(ace.is_conditional()));
        }
        AceBody::ResourceAttribute { attribute_data, .. } => {
            set(
                &mut v,
                "attribute_data",
                json!(msox_codec::hex::encode(attribute_data)),
            );
        }
        AceBody::Raw(b) => set(&mut v, "data", json!(msox_codec::hex::encode(b))),
        _ => {}
    }
    v
}

fn acl_json(acl: &Acl) -> Value {
    let mut v = json!({
        "revision": acl.acl_revision.to_string(),
        "size": acl.encoded_len(),
        "ace_count": acl.aces.len(),
        "aces": acl.aces.iter().map(ace_json).collect::<Vec<_>>(),
    });
    if acl.sbz1 != 0 || acl.sbz2 != 0 {
        set(&mut v, "sbz1", json!(acl.sbz1));
        set(&mut v, "sbz2", json!(acl.sbz2));
    }
    if !acl.padding.is_empty() {
        set(
            &mut v,
            "padding",
            json!(msox_codec::hex::encode(&acl.padding)),
        );
    }
    v
}

/// The JSON form of a security descriptor `msox dtyp sd --json` prints.
pub fn sd_json(sd: &SecurityDescriptor) -> Value {
    let [oo, og, os, od] = sd.offsets();
    let mut v = json!({
        "revision": 1,
        "sbz1": sd.sbz1,
        "control": format!("0x{:04X}", sd.control.0),
        "control_flags": names_json(sd.control.names(), 0),
        "offsets": { "owner": oo, "group": og, "sacl": os, "dacl": od },
        "size": sd.encoded_len(),
        "owner": sd.owner.as_ref().map(sid_json),
        "group": sd.group.as_ref().map(sid_json),
        "sacl": sd.sacl.as_ref().map(acl_json),
        "dacl": sd.dacl.as_ref().map(acl_json),
    });
    if let Some(l) = &sd.layout {
        let fill = l
            .fill
            .iter()
            .map(|f| json!({"offset": f.offset, "hex": msox_codec::hex::encode(&f.bytes)}))
            .collect();
        set(&mut v, "fill", Value::Array(fill));
    }
    v
}

fn ace_node(i: usize, ace: &Ace) -> Node {
    let mut n = Node::new(format!("Ace[{i}]")).with_value(ace.ace_type);
    n.push(Node::leaf(
        "AceFlags",
        format!("0x{:02X} {}", ace.ace_flags.0, ace.ace_flags),
    ));
    n.push(Node::leaf("AceSize", ace.header().ace_size));
    if let Some(m) = ace.mask() {
        n.push(Node::leaf("Mask", format!("0x{:08X} {m}", m.0)));
    }
    if let Some(o) = ace.object() {
        n.push(Node::leaf(
            "Flags",
            format!("0x{:08X} {}", o.flags.0, o.flags),
        ));
        if let Some(g) = o.object_type {
            n.push(Node::leaf("ObjectType", g));
        }
        if let Some(g) = o.inherited_object_type {
            n.push(Node::leaf("InheritedObjectType", g));
        }
    }
    if let Some(s) = ace.sid() {
        n.push(Node::leaf("Sid", sid_label(s)));
    }
    let hex = msox_codec::hex::encode;
    match &ace.body {
        AceBody::Basic { padding, .. } | AceBody::Object { padding, .. } if !padding.is_empty() => {
            n.push(Node::leaf("padding", hex(padding)));
        }
        AceBody::Callback {
            application_data, ..
        }
        | AceBody::CallbackObject {
            application_data, ..
        } => {
            let label = if ace.is_conditional() {
                "ApplicationData (conditional expression)"
            } else {
                "ApplicationData"
            };
            n.push(Node::leaf(label, hex(application_data)));
        }
        AceBody::ResourceAttribute { attribute_data, .. } => {
            n.push(Node::leaf("Attribute Data", hex(attribute_data)));
        }
        AceBody::Raw(b) => n.push(Node::leaf("data", hex(b))),
        _ => {}
    }
    n
}

fn acl_node(label: &str, offset: u32, acl: &Acl) -> Node {
    let mut n = Node::new(label).with_value(format!("at {offset}"));
    n.push(Node::leaf("AclRevision", acl.acl_revision));
    n.push(Node::leaf("AclSize", acl.encoded_len()));
    n.push(Node::leaf("AceCount", acl.aces.len()));
    if acl.sbz1 != 0 || acl.sbz2 != 0 {
        n.push(Node::leaf(
            "Sbz1/Sbz2",
            format!("{} / {}", acl.sbz1, acl.sbz2),
        ));
    }
    for (i, ace) in acl.aces.iter().enumerate() {
        n.push(ace_node(i, ace));
    }
    if !acl.padding.is_empty() {
        n.push(Node::leaf("padding", msox_codec::hex::encode(&acl.padding)));
    }
    n
}

/// The tree `msox dtyp sd` prints.
pub fn sd_node(sd: &SecurityDescriptor) -> Node {
    let [oo, og, os, od] = sd.offsets();
    let mut n = Node::new("SECURITY_DESCRIPTOR")
        .with_value(format!("self-relative, {} bytes", sd.encoded_len()));
    n.push(Node::leaf("Revision", 1));
    n.push(Node::leaf("Sbz1", sd.sbz1));
    n.push(Node::leaf(
        "Control",
        format!("0x{:04X} {}", sd.control.0, sd.control),
    ));
    match &sd.owner {
        Some(s) => n.push(Node::leaf("OwnerSid", format!("{} at {oo}", sid_label(s)))),
        None => n.push(Node::leaf("OwnerSid", "none")),
    }
    match &sd.group {
        Some(s) => n.push(Node::leaf("GroupSid", format!("{} at {og}", sid_label(s)))),
        None => n.push(Node::leaf("GroupSid", "none")),
    }
    match &sd.sacl {
        Some(a) => n.push(acl_node("Sacl", os, a)),
        None => n.push(Node::leaf("Sacl", "none")),
    }
    match &sd.dacl {
        Some(a) => n.push(acl_node("Dacl", od, a)),
        None => n.push(Node::leaf(
            "Dacl",
            if sd
                .control
                .contains(ms_dtyp::SecurityDescriptorControl::DACL_PRESENT)
            {
                "NULL DACL (DP set, no DACL: everyone has access)"
            } else {
                "none"
            },
        )),
    }
    if let Some(l) = &sd.layout {
        for f in &l.fill {
            n.push(Node::leaf(
                format!("unused bytes at {}", f.offset),
                msox_codec::hex::encode(&f.bytes),
            ));
        }
    }
    n
}

fn parse_u64(s: &str) -> anyhow::Result<u64> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u64::from_str_radix(&h.replace('_', ""), 16),
        None => s.replace('_', "").parse(),
    };
    r.map_err(|_| crate::cli::usage(format!("bad number {s:?}")))
}

/// Runs `msox dtyp`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Sid { sid, json } => {
            let t = sid.trim();
            let sid: Sid = if t.starts_with(['S', 's']) {
                t.parse()?
            } else {
                Sid::decode_exact(&hex_arg(t)?)?
            };
            if *json {
                return crate::cli::print_json(&sid_json(&sid));
            }
            let mut out = format!("{sid}\nhex: {}\n", msox_codec::hex::encode(&sid.to_vec()?));
            if let Some(n) = well_known::name(&sid) {
                out.push_str(&format!("name: {n}\n"));
            }
            crate::cli::print(&out)
        }
        Cmd::Sd { hex, json } => {
            let bytes = hex_arg(hex)?;
            let sd = SecurityDescriptor::decode_exact(&bytes)?;
            if *json {
                crate::cli::print_json(&sd_json(&sd))
            } else {
                let mut s = String::new();
                sd_node(&sd).write_text(&mut s);
                crate::cli::print(&s)
            }
        }
        Cmd::Guid { guid } => {
            let t = guid.trim();
            let g: Guid = match t.parse() {
                Ok(g) => g,
                Err(e) => {
                    let bytes = hex_arg(t).map_err(|_| anyhow::Error::new(e))?;
                    Guid::decode_exact(&bytes)?
                }
            };
            crate::cli::print(&format!(
                "{g:#}\nhex: {}\n",
                msox_codec::hex::encode(&g.to_vec()?)
            ))
        }
        Cmd::Filetime { value } => {
            let t = FileTime(parse_u64(value.trim())?);
            let mut out = format!(
                "{t}\nvalue: {} (0x{:016X})\nhex: {}\n",
                t.0,
                t.0,
                msox_codec::hex::encode(&t.to_vec()?)
            );
            let nanos = t.to_unix_nanos();
            out.push_str(&format!(
                "unix seconds: {}\n",
                nanos.div_euclid(1_000_000_000)
            ));
            if t == FileTime::NEVER || t.0 == u64::MAX {
                out.push_str("note: Exchange uses this value for \"never\" / \"no end\"\n");
            }
            crate::cli::print(&out)
        }
        Cmd::Systemtime { hex } => {
            let st = SystemTime::decode_exact(&hex_arg(hex)?)?;
            let mut out = format!(
                "{st}\nwYear {} wMonth {} wDayOfWeek {} wDay {} wHour {} wMinute {} wSecond {} wMilliseconds {}\n",
                st.w_year,
                st.w_month,
                st.w_day_of_week,
                st.w_day,
                st.w_hour,
                st.w_minute,
                st.w_second,
                st.w_milliseconds
            );
            match st.to_file_time() {
                Some(ft) if st.is_valid_date() => {
                    out.push_str(&format!("filetime: {}\n", ft.0));
                }
                Some(ft) => out.push_str(&format!(
                    "filetime: {} (wDayOfWeek does not match the date)\n",
                    ft.0
                )),
                None => out.push_str(
                    "not a calendar date (time-zone rules use wDay as a week of the month)\n",
                ),
            }
            crate::cli::print(&out)
        }
    }
}
