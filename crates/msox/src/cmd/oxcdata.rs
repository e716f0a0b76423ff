//! `msox oxcdata entryid|restriction|row|error`: MAPI data structures
//! ([MS-OXCDATA]) from hex on the command line.

use ms_oxcdata::{
    EntryId, ErrorCode, FlaggedPropertyValue, MapiString, PropertyRow, PropertyTag, PropertyValue,
    Restriction, RowContext, TaggedValue, ValueContext,
};
use msox_codec::{Decode, DecodeWith};
use serde_json::json;

use crate::node::Node;

/// `msox oxcdata ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Decode an EntryID ([MS-OXCDATA] 2.2.4-2.2.5): its kind and fields.
    Entryid {
        /// The EntryID as hex (spaces allowed).
        hex: String,
        /// Print JSON instead of a tree.
        #[arg(long)]
        json: bool,
    },
    /// Decode a restriction ([MS-OXCDATA] 2.12) and print it as a tree.
    Restriction {
        /// The restriction as hex.
        hex: String,
        /// 32-bit counts (extended rules, MAPI/HTTP) instead of the 16-bit
        /// ROP form.
        #[arg(long)]
        wide: bool,
    },
    /// Decode a PropertyRow ([MS-OXCDATA] 2.8.1) given its columns.
    Row {
        /// The row as hex.
        hex: String,
        /// The column set: property tags such as `0x0037001F`, comma or
        /// space separated.
        #[arg(long, required = true)]
        columns: String,
        /// 32-bit counts (extended rules, MAPI/HTTP) instead of the ROP layout.
        #[arg(long)]
        wide: bool,
    },
    /// Look up an error code ([MS-OXCDATA] 2.4) by value (`0x8004010F`,
    /// `2147746063`) or name (`NotFound`).
    Error {
        /// The code or its name.
        code: String,
    },
}

fn ctx(wide: bool) -> ValueContext {
    if wide {
        ValueContext::EXTENDED_RULE
    } else {
        ValueContext::ROP
    }
}

fn parse_u32(s: &str) -> Option<u32> {
    let s = s.trim();
    match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

fn value_text(v: &PropertyValue) -> String {
    use PropertyValue as V;
    match v {
        V::String(s) => format!("{:?}", s.as_str()),
        V::String8(s) => format!("{:?}", s.to_string_lossy()),
        V::Binary(b)
        | V::Object(b)
        | V::ServerId(b)
        | V::RuleAction { bytes: b, .. }
        | V::Raw { bytes: b, .. } => {
            format!("{} bytes: {}", b.len(), msox_codec::hex::encode(b))
        }
        V::Restriction(r) => r.to_string(),
        V::Integer16(x) => x.to_string(),
        V::Integer32(x) => format!("{x} (0x{x:08X})"),
        V::Integer64(x) => format!("{x} (0x{x:016X})"),
        V::Boolean(x) => x.to_string(),
        V::Time(t) => t.to_string(),
        V::Guid(g) => format!("{{{g}}}"),
        V::ErrorCode(e) => ErrorCode::from(*e).to_string(),
        other => format!("{other:?}"),
    }
}

fn tagged_node(label: &str, t: &TaggedValue) -> Node {
    Node::leaf(
        label,
        format!(
            "{} {} = {}",
            t.tag,
            t.value.prop_type(),
            value_text(&t.value)
        ),
    )
}

fn restriction_node(r: &Restriction) -> Node {
    let label = r.restrict_type().to_string();
    match r {
        Restriction::And(v) | Restriction::Or(v) => {
            let mut n = Node::new(label).with_value(format!("{} restrictions", v.len()));
            for x in v {
                n.push(restriction_node(x));
            }
            n
        }
        Restriction::Not(x) => Node::new(label).child(restriction_node(x)),
        Restriction::Content(c) => Node::new(label)
            .child(Node::leaf(
                "FuzzyLevel",
                format!("{} 0x{:04X}", c.fuzzy_level_low, c.fuzzy_level_high),
            ))
            .child(Node::leaf("PropertyTag", c.prop_tag))
            .child(tagged_node("TaggedValue", &c.tagged_value)),
        Restriction::Property(p) => Node::new(label)
            .child(Node::leaf("RelOp", p.rel_op))
            .child(Node::leaf("PropTag", p.prop_tag))
            .child(tagged_node("TaggedValue", &p.tagged_value)),
        Restriction::CompareProperties(c) => Node::new(label)
            .child(Node::leaf("RelOp", c.rel_op))
            .child(Node::leaf("PropTag1", c.prop_tag1))
            .child(Node::leaf("PropTag2", c.prop_tag2)),
        Restriction::Bitmask(b) => Node::new(label)
            .child(Node::leaf("BitmapRelOp", b.bitmap_rel_op))
            .child(Node::leaf("PropTag", b.prop_tag))
            .child(Node::leaf("Mask", format!("0x{:08X}", b.mask))),
        Restriction::Size(s) => Node::new(label)
            .child(Node::leaf("RelOp", s.rel_op))
            .child(Node::leaf("PropTag", s.prop_tag))
            .child(Node::leaf("Size", s.size)),
        Restriction::Exist(t) => Node::leaf(label, t),
        Restriction::SubObject(s) => Node::new(label)
            .child(Node::leaf("Subobject", s.subobject))
            .child(restriction_node(&s.restriction)),
        Restriction::Comment(c) => {
            let mut n = Node::new(label);
            for (i, t) in c.tagged_values.iter().enumerate() {
                n.push(tagged_node(&format!("TaggedValue {i}"), t));
            }
            if let Some(x) = &c.restriction {
                n.push(restriction_node(x));
            }
            n
        }
        Restriction::Count(c) => Node::new(label)
            .child(Node::leaf("Count", c.count))
            .child(restriction_node(&c.sub_restriction)),
    }
}

fn text(s: &MapiString) -> String {
    format!(
        "{:?} ({})",
        s.to_string_lossy(),
        if s.is_unicode() { "UTF-16" } else { "8-bit" }
    )
}

fn entry_id_node(e: &EntryId, level: usize) -> Node {
    let mut n = Node::new(e.kind_name());
    if let Some(f) = e.flags() {
        n.push(Node::leaf("Flags", format!("0x{f:08X}")));
    }
    if let Some(u) = e.provider_uid() {
        n.push(Node::leaf("ProviderUID", format!("{{{u}}}")));
    }
    let nested = |n: &mut Node, label: &str, bytes: &[u8]| {
        if level < 8 {
            let mut c = Node::new(label);
            c.push(entry_id_node(&EntryId::parse(bytes), level + 1));
            n.push(c);
        } else {
            n.push(Node::leaf(label, msox_codec::hex::encode(bytes)));
        }
    };
    match e {
        EntryId::Folder(f) => {
            n.push(Node::leaf("FolderType", f.folder_type));
            n.push(Node::leaf(
                "DatabaseGuid",
                format!("{{{}}}", f.database_guid),
            ));
            n.push(Node::leaf("GlobalCounter", f.global_counter));
        }
        EntryId::Message(m) => {
            n.push(Node::leaf("MessageType", m.message_type));
            n.push(Node::leaf(
                "FolderDatabaseGuid",
                format!("{{{}}}", m.folder_database_guid),
            ));
            n.push(Node::leaf("FolderGlobalCounter", m.folder_global_counter));
            n.push(Node::leaf(
                "MessageDatabaseGuid",
                format!("{{{}}}", m.message_database_guid),
            ));
            n.push(Node::leaf("MessageGlobalCounter", m.message_global_counter));
        }
        EntryId::StoreObject(s) => {
            n.push(Node::leaf(
                "DLLFileName",
                String::from_utf8_lossy(&s.dll_file_name).trim_end_matches('\0'),
            ));
            n.push(Node::leaf(
                "WrappedProviderUID",
                format!("{{{}}}", s.wrapped_provider_uid),
            ));
            n.push(Node::leaf(
                "WrappedType",
                format!("0x{:08X}", s.wrapped_type),
            ));
            n.push(Node::leaf("ServerShortname", &s.server_shortname));
            if let Some(dn) = &s.mailbox_dn {
                n.push(Node::leaf("MailboxDN", dn));
            }
            if !s.extension.is_empty() {
                n.push(Node::leaf(
                    "extension",
                    format!("{} bytes", s.extension.len()),
                ));
            }
        }
        EntryId::AddressBook(a) => {
            n.push(Node::leaf("Version", a.version));
            n.push(Node::leaf("Type", a.ab_type));
            n.push(Node::leaf("X500DN", &a.x500_dn));
        }
        EntryId::OneOff(o) => {
            n.push(Node::leaf("Bits", format!("0x{:04X}", o.bits)));
            n.push(Node::leaf("DisplayName", text(&o.display_name)));
            n.push(Node::leaf("AddressType", text(&o.address_type)));
            n.push(Node::leaf("EmailAddress", text(&o.email_address)));
        }
        EntryId::ContactAddress(c) | EntryId::PersonalDistributionList(c) => {
            n.push(Node::leaf("Version", c.version));
            n.push(Node::leaf("Index", c.index));
            nested(&mut n, "EntryIdBytes", &c.entry_id);
        }
        EntryId::Wrapped(w) => {
            n.push(Node::leaf("Type", format!("0x{:02X}", w.wrapped_type)));
            nested(&mut n, "EmbeddedEntryID", &w.embedded);
        }
        EntryId::Unknown(b) => {
            n.push(Node::leaf("bytes", msox_codec::hex::encode(b)));
        }
        other => {
            if let Some(g) = other.general() {
                n.push(Node::leaf("ProviderUID", format!("{{{}}}", g.provider_uid)));
                n.push(Node::leaf(
                    "ProviderData",
                    msox_codec::hex::encode(&g.provider_data),
                ));
            }
        }
    }
    n
}

fn print_tree(n: &Node) -> anyhow::Result<()> {
    let mut s = String::new();
    n.write_text(&mut s);
    crate::cli::print(&s)
}

/// Runs `msox oxcdata`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Entryid { hex, json } => {
            let bytes = crate::cli::parse_hex_arg(hex)?;
            let e = EntryId::decode_exact(&bytes)?;
            if *json {
                crate::cli::print_json(&json!({
                    "kind": e.kind_name(),
                    "length": bytes.len(),
                    "entry_id": serde_json::to_value(&e)?,
                }))
            } else {
                print_tree(&entry_id_node(&e, 0))
            }
        }
        Cmd::Restriction { hex, wide } => {
            let bytes = crate::cli::parse_hex_arg(hex)?;
            let r = Restriction::decode_exact_with(&bytes, ctx(*wide))?;
            crate::cli::print(&format!("{r}\n"))?;
            print_tree(&restriction_node(&r))
        }
        Cmd::Row { hex, columns, wide } => {
            let bytes = crate::cli::parse_hex_arg(hex)?;
            let cols = columns
                .split([',', ' '])
                .filter(|s| !s.is_empty())
                .map(|s| {
                    parse_u32(s)
                        .map(PropertyTag::from_u32)
                        .ok_or_else(|| crate::cli::usage(format!("bad property tag {s:?}")))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let row = PropertyRow::decode_exact_with(&bytes, RowContext::new(&cols, ctx(*wide)))?;
            let mut n = Node::new(match row {
                PropertyRow::Standard(_) => "StandardPropertyRow",
                PropertyRow::Flagged(_) => "FlaggedPropertyRow",
            });
            for (i, c) in cols.iter().enumerate() {
                let v = match &row {
                    PropertyRow::Standard(v) => v.get(i).map(value_text),
                    PropertyRow::Flagged(v) => v.get(i).map(|x| match &x.value {
                        FlaggedPropertyValue::Value(v) => value_text(v),
                        FlaggedPropertyValue::NotPresent => "(not present)".into(),
                        FlaggedPropertyValue::Error(e) => format!("error {e}"),
                    }),
                };
                n.push(Node::leaf(
                    format!("{c} {}", c.prop_type),
                    v.unwrap_or_default(),
                ));
            }
            print_tree(&n)
        }
        Cmd::Error { code } => {
            let e = match parse_u32(code) {
                Some(v) => ErrorCode::from(v),
                None => ErrorCode::lookup(code.trim())
                    .ok_or_else(|| crate::cli::usage(format!("no error code named {code:?}")))?,
            };
            let also: Vec<String> = ErrorCode::ALTERNATE_NAMES
                .iter()
                .filter(|(_, v, _)| *v == e.value())
                .map(|(n, _, sec)| {
                    if Some(*n) == e.name() {
                        format!("in {sec}")
                    } else {
                        format!("{n} in {sec}")
                    }
                })
                .collect();
            let line = match (e.name(), e.section()) {
                (Some(name), Some(sec)) => {
                    let mut s = format!("{name} 0x{:08X} ([MS-OXCDATA] {sec})", e.value());
                    if !also.is_empty() {
                        s.push_str(&format!(", also {}", also.join(", ")));
                    }
                    s
                }
                _ => format!(
                    "0x{:08X}: not in the error code tables of [MS-OXCDATA] 2.4",
                    e.value()
                ),
            };
            crate::cli::print(&(line + "\n"))
        }
    }
}
