//! The one readable-JSON module of the tool, and what the protocol
//! subcommands (`oxcrpc`, `fxics`, `cal`, `nspi`, `mapihttp`, `eml`) share:
//! input given as a file or as hex; the JSON form of library values (bytes
//! of protocol structures as hex, FILETIMEs as ISO 8601, property tags named
//! through ms-oxprops, internal layout fields left out); the message model
//! as readable JSON ([`message_json`]: properties keyed by name and tag,
//! strings as strings, binaries as base64 or size + SHA-256, times as ISO
//! 8601, enumerations by their spec names); and
//! the text tree of a JSON value.

use std::fmt;
use std::path::Path;

use ms_oxcdata::{NameId, PropertyName, PropertyTag, PropertyType, PropertyValue};
use ms_oxcmsg::{Message, PropId, PropertyBag};
use serde::Serialize;
use serde::ser;
use serde_json::{Map, Value, json};

use crate::node::Node;

// ---- input ------------------------------------------------------------------------

/// Reads an argument that is a file (`-` for stdin; a `.hex` file is read
/// as hex text, `#` comments allowed) or, when no such file exists, hex.
pub fn file_or_hex(arg: &str) -> anyhow::Result<Vec<u8>> {
    let p = Path::new(arg);
    if arg == "-" {
        return crate::cli::read_input(p);
    }
    if p.is_file() {
        let bytes = crate::cli::read_input(p)?;
        if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("hex")) {
            let text = String::from_utf8_lossy(&bytes);
            return msox_codec::hex::decode(&text)
                .map_err(|e| anyhow::anyhow!("{}: not hex: {e}", p.display()));
        }
        return Ok(bytes);
    }
    let looks_hex = !arg.trim().is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c.is_whitespace() || c == 'x' || c == 'X');
    if looks_hex {
        return crate::cli::parse_hex_arg(arg);
    }
    Err(anyhow::anyhow!("{arg}: no such file, and not hex"))
}

/// Reads a file argument (`-` for stdin; `.hex` files as hex text).
pub fn file(p: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = crate::cli::read_input(p)?;
    if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("hex")) {
        let text = String::from_utf8_lossy(&bytes);
        return msox_codec::hex::decode(&text)
            .map_err(|e| anyhow::anyhow!("{}: not hex: {e}", p.display()));
    }
    Ok(bytes)
}

/// Prints a tree as text.
pub fn print_node(n: &Node) -> anyhow::Result<()> {
    let mut s = String::new();
    n.write_text(&mut s);
    crate::cli::print(&s)
}

/// Hex of at most `max` bytes, with the total when cut.
pub fn hex_short(b: &[u8], max: usize) -> String {
    if b.len() <= max {
        msox_codec::hex::encode(b)
    } else {
        format!(
            "{}... ({} bytes)",
            msox_codec::hex::encode(b.get(..max).unwrap_or_default()),
            b.len()
        )
    }
}

// ---- property tags and values -----------------------------------------------------------

/// A property tag as JSON: `{"tag": "0x0037001F", "name": "PidTagSubject"}`
/// (no name when ms-oxprops does not know the tag).
pub fn tag_json(tag: PropertyTag) -> Value {
    let mut m = Map::new();
    m.insert("tag".into(), json!(tag.to_string()));
    if let Some(d) = ms_oxprops::by_tag(tag) {
        m.insert("name".into(), json!(d.canonical_name.as_str()));
    }
    Value::Object(m)
}

/// A property tag as text: `PidTagSubject (0x0037001F)` or `0x0037001F`.
pub fn tag_text(tag: PropertyTag) -> String {
    match ms_oxprops::by_tag(tag) {
        Some(d) => format!("{} ({tag})", d.canonical_name),
        None => tag.to_string(),
    }
}

/// The name of a named property: its ms-oxprops name, else `{set}:0xLID` /
/// `{set}:"name"` with the set's name when it has one.
pub fn named_text(n: &PropertyName) -> String {
    if let Some(d) = ms_oxprops::by_property_name(n) {
        return d.canonical_name.to_string();
    }
    let set = ms_oxprops::set_name(n.guid)
        .map(str::to_string)
        .unwrap_or_else(|| format!("{{{}}}", n.guid));
    match &n.id {
        NameId::Lid(l) => format!("{set}:0x{l:04X}"),
        NameId::Name(s) => format!("{set}:{:?}", s.as_str()),
    }
}

/// The property type's spec name (`PtypString`) or its hex value.
pub fn type_name(t: PropertyType) -> String {
    t.to_string()
}

/// A property value as JSON (strings as strings, binaries as hex, times as
/// ISO 8601, multi-valued properties as arrays).
pub fn value_json(v: &PropertyValue) -> Value {
    match to_json(v) {
        // externally tagged: {"String": ...}: the value alone
        Value::Object(m) if m.len() == 1 => {
            m.into_iter().next().map(|(_, x)| x).unwrap_or_default()
        }
        Value::String(s) => match v {
            PropertyValue::Null => Value::Null,
            _ => Value::String(s),
        },
        other => other,
    }
}

/// A property value as one line of text.
pub fn value_text(v: &PropertyValue) -> String {
    use PropertyValue as V;
    match v {
        V::String(s) => format!("{:?}", s.as_str()),
        V::String8(s) => format!("{:?}", s.to_string_lossy()),
        V::Binary(b) | V::Object(b) | V::ServerId(b) => hex_short(b, 48),
        V::Raw { bytes, .. } | V::RuleAction { bytes, .. } => hex_short(bytes, 48),
        V::Integer32(x) => format!("{x} (0x{:08X})", *x as u32),
        V::Integer16(x) => x.to_string(),
        V::Integer64(x) | V::Currency(x) => x.to_string(),
        V::Boolean(b) => b.to_string(),
        V::Time(t) => t.to_string(),
        V::Guid(g) => format!("{{{g}}}"),
        V::ErrorCode(e) => ms_oxcdata::ErrorCode::from(*e).to_string(),
        V::Restriction(r) => r.to_string(),
        V::Null => "null".into(),
        other => {
            let j = value_json(other);
            let s = j.to_string();
            if s.len() > 200 {
                format!("{}...", s.chars().take(200).collect::<String>())
            } else {
                s
            }
        }
    }
}

/// The name and tag of a bag property.
fn prop_label(id: &PropId, t: PropertyType) -> (String, Option<String>) {
    match id {
        PropId::Tag(i) => {
            let tag = PropertyTag::new(*i, t);
            let name = ms_oxprops::by_tag(tag)
                .map(|d| d.canonical_name.to_string())
                .unwrap_or_else(|| tag.to_string());
            (name, Some(tag.to_string()))
        }
        PropId::Named(n) => (named_text(n), None),
    }
}

/// A property bag as JSON: `[{"name", "tag"?, "set"?, "type", "value"}]`.
pub fn bag_json(bag: &PropertyBag) -> Value {
    Value::Array(
        bag.iter()
            .map(|p| {
                let t = p.prop_type();
                let (name, tag) = prop_label(&p.id, t);
                let mut m = Map::new();
                m.insert("name".into(), json!(name));
                if let Some(tag) = tag {
                    m.insert("tag".into(), json!(tag));
                }
                if let PropId::Named(n) = &p.id {
                    m.insert("set".into(), json!(format!("{{{}}}", n.guid)));
                    match &n.id {
                        NameId::Lid(l) => m.insert("lid".into(), json!(format!("0x{l:04X}"))),
                        NameId::Name(s) => m.insert("string_name".into(), json!(s.as_str())),
                    };
                }
                m.insert("type".into(), json!(type_name(t)));
                m.insert("value".into(), value_json(&p.value));
                Value::Object(m)
            })
            .collect(),
    )
}

/// A property bag as tree nodes, one per property.
pub fn bag_nodes(bag: &PropertyBag, into: &mut Node) {
    for p in bag.iter() {
        let (name, _) = prop_label(&p.id, p.prop_type());
        into.push(Node::leaf(name, value_text(&p.value)));
    }
}

// ---- the message model, readable ------------------------------------------------------

/// Binaries longer than this many bytes are given as `{"size", "sha256"}`
/// in readable JSON unless `--full` asks for all of them (base64).
pub const BINARY_INLINE_MAX: usize = 256;

/// SHA-256 as lower-case hex.
pub fn sha256_hex(b: &[u8]) -> String {
    use sha2::Digest;
    msox_codec::hex::encode(&sha2::Sha256::digest(b))
}

/// Bytes as standard base64.
pub fn base64(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// [`binary_json`] as a [`Serialize`]: the base64 text is written as it
/// is encoded (serde's `collect_str`), not built whole first.
struct BinaryJson<'a>(&'a [u8], bool);

impl Serialize for BinaryJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        /// Standard base64 of the bytes, 3 KiB of input at a time.
        struct Base64Text<'b>(&'b [u8]);
        impl fmt::Display for Base64Text<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                use base64::Engine;
                let mut buf = [0u8; 4096];
                for chunk in self.0.chunks(3072) {
                    let n = base64::engine::general_purpose::STANDARD
                        .encode_slice(chunk, &mut buf)
                        .map_err(|_| fmt::Error)?;
                    let text = std::str::from_utf8(buf.get(..n).unwrap_or_default())
                        .map_err(|_| fmt::Error)?;
                    f.write_str(text)?;
                }
                Ok(())
            }
        }
        let BinaryJson(b, full) = *self;
        if full || b.len() <= BINARY_INLINE_MAX {
            s.collect_str(&Base64Text(b))
        } else {
            binary_json(b, full).serialize(s)
        }
    }
}

/// A binary value in readable JSON: base64 text, or `{"size", "sha256"}`
/// when longer than [`BINARY_INLINE_MAX`] and not `full`.
pub fn binary_json(b: &[u8], full: bool) -> Value {
    if full || b.len() <= BINARY_INLINE_MAX {
        json!(base64(b))
    } else {
        json!({"size": b.len(), "sha256": sha256_hex(b)})
    }
}

/// The key of a property in readable JSON: `PidTagSubject (0x0037001F)`,
/// `0x6601001F` for a tag ms-oxprops does not know,
/// `PidLidLocation (PSETID_Appointment:0x8208, PtypString)` and
/// `PS_PUBLIC_STRINGS:"Keywords" (PtypMultipleString)` for named ones.
pub fn prop_key(id: &PropId, t: PropertyType) -> String {
    match id {
        PropId::Tag(i) => tag_text(PropertyTag::new(*i, t)),
        PropId::Named(n) => {
            let set = ms_oxprops::set_name(n.guid)
                .map(str::to_string)
                .unwrap_or_else(|| format!("{{{}}}", n.guid));
            let ident = match &n.id {
                NameId::Lid(l) => format!("{set}:0x{l:04X}"),
                NameId::Name(s) => format!("{set}:{:?}", s.as_str()),
            };
            match ms_oxprops::by_property_name(n) {
                Some(d) => format!("{} ({ident}, {})", d.canonical_name, type_name(t)),
                None => format!("{ident} ({})", type_name(t)),
            }
        }
    }
}

/// The spec name of an enumerated Integer32 property's value, for the
/// properties a reader looks at.
fn enum_name(id: u16, v: i32) -> Option<String> {
    use ms_oxprops::tags as t;
    let name = |s: &str| Some(s.to_string());
    if id == t::PidTagAttachMethod.id {
        return Some(ms_oxcmsg::AttachMethod::from_value(v as u32).to_string());
    }
    if id == t::PidTagRecipientType.id {
        let kind = ms_oxcmsg::RecipientType::from_value(v as u32 & 0x0FFF_FFFF).to_string();
        return Some(if v as u32 & 0x1000_0000 != 0 {
            format!("{kind} (resend)")
        } else {
            kind
        });
    }
    if id == t::PidTagImportance.id {
        return match v {
            0 => name("Low"),
            1 => name("Normal"),
            2 => name("High"),
            _ => None,
        };
    }
    if id == t::PidTagSensitivity.id || id == t::PidTagOriginalSensitivity.id {
        return match v {
            0 => name("Normal"),
            1 => name("Personal"),
            2 => name("Private"),
            3 => name("Confidential"),
            _ => None,
        };
    }
    if id == t::PidTagNativeBody.id {
        return match v {
            0 => name("Undefined"),
            1 => name("PlainText"),
            2 => name("Rtf"),
            3 => name("Html"),
            4 => name("ClearSigned"),
            _ => None,
        };
    }
    None
}

fn float_json(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or_else(|| json!(f.to_string()), Value::Number)
}

/// A property value in readable JSON: strings as strings (trailing NULs
/// dropped), binaries by [`binary_json`], times as ISO 8601, GUIDs in
/// braces, error codes by name, enumerations of a few well-known tags by
/// their spec names, multi-valued properties as arrays.
pub fn readable_value(id: &PropId, v: &PropertyValue, full: bool) -> Value {
    use PropertyValue as V;
    let text = |s: &str| json!(s.trim_end_matches('\0'));
    match v {
        V::Null => Value::Null,
        V::String(s) => text(s.as_str()),
        V::String8(s) => text(&s.to_string_lossy()),
        V::Binary(b) | V::Object(b) | V::ServerId(b) => binary_json(b, full),
        V::Integer32(x) => match id {
            PropId::Tag(i) => enum_name(*i, *x).map_or_else(|| json!(x), |n| json!(n)),
            PropId::Named(_) => json!(x),
        },
        V::Integer16(x) => json!(x),
        V::Integer64(x) | V::Currency(x) => json!(x),
        V::Floating32(f) => float_json(f64::from(*f)),
        V::Floating64(f) | V::FloatingTime(f) => float_json(*f),
        V::Boolean(b) => json!(b),
        V::Time(t) => json!(t.to_string()),
        V::Guid(g) => json!(format!("{{{g}}}")),
        V::ErrorCode(e) => json!(ms_oxcdata::ErrorCode::from(*e).to_string()),
        V::MultipleInteger16(a) => json!(a),
        V::MultipleInteger32(a) => json!(a),
        V::MultipleInteger64(a) | V::MultipleCurrency(a) => json!(a),
        V::MultipleFloating32(a) => {
            Value::Array(a.iter().map(|f| float_json(f64::from(*f))).collect())
        }
        V::MultipleFloating64(a) | V::MultipleFloatingTime(a) => {
            Value::Array(a.iter().map(|f| float_json(*f)).collect())
        }
        V::MultipleString(a) => Value::Array(a.iter().map(|s| text(s.as_str())).collect()),
        V::MultipleString8(a) => {
            Value::Array(a.iter().map(|s| text(&s.to_string_lossy())).collect())
        }
        V::MultipleTime(a) => Value::Array(a.iter().map(|t| json!(t.to_string())).collect()),
        V::MultipleGuid(a) => Value::Array(a.iter().map(|g| json!(format!("{{{g}}}"))).collect()),
        V::MultipleBinary(a) => Value::Array(a.iter().map(|b| binary_json(b, full)).collect()),
        V::Raw { bytes, .. } | V::RuleAction { bytes, .. } => binary_json(bytes, full),
        other => value_json(other),
    }
}

/// A property bag in readable JSON: one member per property, keyed by
/// [`prop_key`], valued by [`readable_value`].
pub fn readable_bag(bag: &PropertyBag, full: bool) -> Value {
    let mut m = Map::new();
    for p in bag.iter() {
        let key = prop_key(&p.id, p.prop_type());
        m.insert(key, readable_value(&p.id, &p.value, full));
    }
    Value::Object(m)
}

/// The whole message model in readable JSON (`msox msg dump`, `msox tnef
/// dump`): `properties`, `recipients` (each a
/// property object), `attachments` (each `{"properties", "message"?,
/// "storage"?}`, embedded messages nested). `full`: every binary as
/// base64. Not what `build` reads: that is `--raw`.
pub fn message_json(m: &Message, full: bool) -> Value {
    json!({
        "properties": readable_bag(&m.properties, full),
        "recipients": m.recipients.iter().map(|r| readable_bag(&r.properties, full)).collect::<Vec<_>>(),
        "attachments": m.attachments.iter().map(|a| {
            let mut o = Map::new();
            o.insert("properties".into(), readable_bag(&a.properties, full));
            if let Some(e) = &a.embedded {
                o.insert("message".into(), message_json(e, full));
            }
            if let Some(s) = &a.storage {
                o.insert("storage".into(), json!({"clsid": format!("{{{}}}", s.clsid), "entries": s.entries.len()}));
            }
            Value::Object(o)
        }).collect::<Vec<_>>(),
    })
}

/// [`message_json`] as a [`Serialize`] over the model: the same JSON
/// (members in the order of the tree's sorted maps), written as it is
/// serialized, without building the tree (a message of 200,000
/// attachments is a tree several times the size of its text). With
/// [`MessageJson::with_left_out`], the bytes a borrowing read left in the
/// input (each attachment's attAttachData / PidTagAttachDataObject) are
/// shown as the properties they are in the model [`message_json`] gets.
pub struct MessageJson<'m> {
    message: &'m Message,
    full: bool,
    data: &'m [Option<&'m [u8]>],
    objects: &'m [Option<&'m [u8]>],
}

impl<'m> MessageJson<'m> {
    /// The JSON of `message` (`full`: every binary as base64).
    pub fn new(message: &'m Message, full: bool) -> Self {
        MessageJson {
            message,
            full,
            data: &[],
            objects: &[],
        }
    }

    /// The JSON of a message whose attachment `i` has its
    /// PidTagAttachDataBinary in `data[i]` and its PidTagAttachDataObject
    /// in `objects[i]` instead of in its property bag (what
    /// `ms_oxtnef::to_message_borrowing` and `ms_oxmsg::read_borrowing`
    /// return).
    pub fn with_left_out(
        message: &'m Message,
        full: bool,
        data: &'m [Option<&'m [u8]>],
        objects: &'m [Option<&'m [u8]>],
    ) -> Self {
        MessageJson {
            message,
            full,
            data,
            objects,
        }
    }
}

/// Owned copies of the attachment bytes a borrowing read left in its
/// input (`data`, `objects`: see [`MessageJson::with_left_out`]), when they
/// are at most half of the input's `input_len` bytes: the caller can then
/// let the input go before the JSON is written, so a file of little but
/// structure costs its model only. `None`: most of the input is attachment
/// bytes, and the JSON is best written from the input itself.
#[allow(clippy::type_complexity)] // the two lists, as with_left_out takes them
pub fn copies_if_small(
    input_len: usize,
    data: &[Option<&[u8]>],
    objects: &[Option<&[u8]>],
) -> Option<(Vec<Option<Vec<u8>>>, Vec<Option<Vec<u8>>>)> {
    let left: usize = data.iter().chain(objects).flatten().map(|s| s.len()).sum();
    if left > input_len / 2 {
        return None;
    }
    let own = |v: &[Option<&[u8]>]| -> Vec<Option<Vec<u8>>> {
        v.iter().map(|s| s.map(<[u8]>::to_vec)).collect()
    };
    Some((own(data), own(objects)))
}

/// The lists [`MessageJson::with_left_out`] takes, from owned copies.
pub fn as_slices(v: &[Option<Vec<u8>>]) -> Vec<Option<&[u8]>> {
    v.iter().map(Option::as_deref).collect()
}

impl Serialize for MessageJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{SerializeMap, SerializeSeq};
        struct Attachments<'a>(&'a MessageJson<'a>);
        impl Serialize for Attachments<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let j = self.0;
                let mut seq = s.serialize_seq(Some(j.message.attachments.len()))?;
                for (i, a) in j.message.attachments.iter().enumerate() {
                    let data = j.data.get(i).copied().flatten();
                    let object = j.objects.get(i).copied().flatten();
                    seq.serialize_element(&AttachmentJson {
                        a,
                        full: j.full,
                        data,
                        object,
                    })?;
                }
                seq.end()
            }
        }
        struct Recipients<'a>(&'a MessageJson<'a>);
        impl Serialize for Recipients<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let j = self.0;
                let mut seq = s.serialize_seq(Some(j.message.recipients.len()))?;
                for r in &j.message.recipients {
                    seq.serialize_element(&BagJson {
                        bag: &r.properties,
                        full: j.full,
                        left_out: &[],
                    })?;
                }
                seq.end()
            }
        }
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry("attachments", &Attachments(self))?;
        map.serialize_entry(
            "properties",
            &BagJson {
                bag: &self.message.properties,
                full: self.full,
                left_out: &[],
            },
        )?;
        map.serialize_entry("recipients", &Recipients(self))?;
        map.end()
    }
}

/// One attachment of [`MessageJson`].
struct AttachmentJson<'a> {
    a: &'a ms_oxcmsg::Attachment,
    full: bool,
    data: Option<&'a [u8]>,
    object: Option<&'a [u8]>,
}

impl Serialize for AttachmentJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ms_oxprops::tags::{PidTagAttachDataBinary, PidTagAttachDataObject};
        use ser::SerializeMap;
        let left_out: Vec<(PropId, PropertyType, &[u8])> = [
            self.data.map(|d| (PidTagAttachDataBinary, d)),
            self.object.map(|o| (PidTagAttachDataObject, o)),
        ]
        .into_iter()
        .flatten()
        .map(|(tag, b)| (PropId::Tag(tag.id), tag.prop_type, b))
        .collect();
        let mut map = s.serialize_map(None)?;
        if let Some(e) = &self.a.embedded {
            map.serialize_entry("message", &MessageJson::new(e, self.full))?;
        }
        map.serialize_entry(
            "properties",
            &BagJson {
                bag: &self.a.properties,
                full: self.full,
                left_out: &left_out,
            },
        )?;
        if let Some(st) = &self.a.storage {
            map.serialize_entry(
                "storage",
                &json!({"clsid": format!("{{{}}}", st.clsid), "entries": st.entries.len()}),
            )?;
        }
        map.end()
    }
}

/// [`readable_bag`] as a [`Serialize`], with properties a borrowing read
/// left out of the bag.
struct BagJson<'a> {
    bag: &'a PropertyBag,
    full: bool,
    left_out: &'a [(PropId, PropertyType, &'a [u8])],
}

impl Serialize for BagJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::{Error, SerializeMap};
        use std::cmp::Reverse;
        // Keyed as readable_bag keys them: sorted, the last of a repeated
        // key winning. The members are sorted in runs of RUN by their keys,
        // made for the run and dropped, then the runs merged, each key made
        // again as its member comes up: a bag of 200,000 properties costs
        // its indices (4 bytes a member) and one run's keys, not 25 MB of
        // keys in a map.
        const RUN: usize = 1 << 14;
        let props = self.bag.iter().as_slice();
        let key_of = |i: u32| -> String {
            let i = i as usize;
            match props.get(i) {
                Some(p) => prop_key(&p.id, p.prop_type()),
                None => self
                    .left_out
                    .get(i - props.len())
                    .map(|(id, t, _)| prop_key(id, *t))
                    .unwrap_or_default(),
            }
        };
        let n = u32::try_from(props.len() + self.left_out.len())
            .map_err(|_| S::Error::custom("a property bag too large to write"))?;
        let mut sorted: Vec<u32> = (0..n).collect();
        for run in sorted.chunks_mut(RUN) {
            let mut keyed: Vec<(String, u32)> = run.iter().map(|&i| (key_of(i), i)).collect();
            // By key, then by position: a repeated key's last member is
            // the last of its equals.
            keyed.sort_unstable();
            for (slot, (_, i)) in run.iter_mut().zip(keyed) {
                *slot = i;
            }
        }
        let runs: Vec<&[u32]> = sorted.chunks(RUN).collect();
        let mut heads = std::collections::BinaryHeap::new();
        for (r, run) in runs.iter().enumerate() {
            if let Some(&i) = run.first() {
                heads.push(Reverse((key_of(i), i, r, 0usize)));
            }
        }
        let mut map = s.serialize_map(None)?;
        let mut emit = |key: &str, i: u32| -> Result<(), S::Error> {
            let i = i as usize;
            match props.get(i) {
                Some(p) => match &p.value {
                    PropertyValue::Binary(b)
                    | PropertyValue::Object(b)
                    | PropertyValue::ServerId(b)
                    | PropertyValue::Raw { bytes: b, .. }
                    | PropertyValue::RuleAction { bytes: b, .. } => {
                        map.serialize_entry(key, &BinaryJson(b, self.full))
                    }
                    v => map.serialize_entry(key, &readable_value(&p.id, v, self.full)),
                },
                None => match self.left_out.get(i - props.len()) {
                    Some((_, _, b)) => map.serialize_entry(key, &BinaryJson(b, self.full)),
                    None => Ok(()),
                },
            }
        };
        let mut pending: Option<(String, u32)> = None;
        while let Some(Reverse((key, i, r, at))) = heads.pop() {
            if let Some(&next) = runs.get(r).and_then(|run| run.get(at + 1)) {
                heads.push(Reverse((key_of(next), next, r, at + 1)));
            }
            match &mut pending {
                // A later member with the same key replaces it.
                Some(p) if p.0 == key => p.1 = i,
                _ => {
                    if let Some((k, j)) = pending.replace((key, i)) {
                        emit(&k, j)?;
                    }
                }
            }
        }
        if let Some((k, j)) = pending {
            emit(&k, j)?;
        }
        map.end()
    }
}

/// A short summary of a message: class, subject, sender, recipients,
/// bodies, attachments.
pub fn message_summary(m: &Message) -> Value {
    use ms_oxprops::tags;
    let p = &m.properties;
    let trim = |s: Option<String>| s.map(|t| t.trim_end_matches('\0').to_string());
    json!({
        "message_class": trim(m.message_class()),
        "subject": trim(m.subject()),
        "from": {
            "name": trim(p.get_str(tags::PidTagSentRepresentingName).or_else(|| m.sender_name())),
            "email": trim(p.get_str(tags::PidTagSentRepresentingSmtpAddress)
                .or_else(|| p.get_str(tags::PidTagSenderSmtpAddress))
                .or_else(|| p.get_str(tags::PidTagSentRepresentingEmailAddress))),
        },
        "sent": p.get(tags::PidTagClientSubmitTime).and_then(|v| match v { PropertyValue::Time(t) => Some(t.to_string()), _ => None }),
        "recipients": m.recipients.iter().map(|r| json!({
            "type": r.recipient_type().map(|t| t.to_string()),
            "name": trim(r.display_name()),
            "email": trim(r.smtp_address().or_else(|| r.email())),
        })).collect::<Vec<_>>(),
        "bodies": {
            "text": m.body().map(|b| b.trim_end_matches('\0').len()),
            "html": m.html_body().map(|b| b.len()),
            "rtf_compressed": m.rtf_compressed().map(<[u8]>::len),
        },
        "attachments": m.attachments.iter().map(|a| {
            let mut o = Map::new();
            o.insert("name".into(), json!(trim(a.file_name())));
            o.insert("method".into(), json!(a.method().map(|x| x.to_string())));
            if let Some(t) = a.mime_type() { o.insert("mime_type".into(), json!(t)); }
            if let Some(d) = a.data() { o.insert("size".into(), json!(d.len())); }
            if let Some(e) = &a.embedded { o.insert("embedded".into(), message_summary(e)); }
            Value::Object(o)
        }).collect::<Vec<_>>(),
        "property_count": m.properties.len(),
    })
}

/// Names the MAPI error codes of a JSON tree: numbers under `return_value`
/// and `error_code` become `Success`, `NotFound`, ... ([MS-OXCDATA] 2.4).
pub fn name_error_codes(v: &mut Value) {
    match v {
        Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                if matches!(k.as_str(), "return_value" | "error_code")
                    && let Some(n) = x.as_u64().and_then(|n| u32::try_from(n).ok())
                {
                    *x = json!(ms_oxcdata::ErrorCode::from(n).to_string());
                } else {
                    name_error_codes(x);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(name_error_codes),
        _ => {}
    }
}

// ---- JSON as a text tree ---------------------------------------------------------------

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

/// A JSON value as a tree: objects and arrays as nodes, scalars as leaves
/// (null members of objects left out); a `{"tag", "name"}` object as one
/// leaf `name (tag)`.
pub fn json_node(label: impl Into<String>, v: &Value) -> Node {
    let label = label.into();
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(t)), true) = (m.get("tag"), m.len() <= 2) {
                match m.get("name") {
                    Some(Value::String(n)) => return Node::leaf(label, format!("{n} ({t})")),
                    None if m.len() == 1 => return Node::leaf(label, t),
                    _ => {}
                }
            }
            // a one-member object of a scalar (an enum arm): one line
            if let (1, Some((k, x))) = (m.len(), m.iter().next())
                && !x.is_object()
                && !x.is_array()
            {
                return Node::leaf(label, format!("{k} {}", scalar_text(x)));
            }
            let mut n = Node::new(label);
            for (k, x) in m.iter().filter(|(_, x)| !x.is_null()) {
                n.push(json_node(k.clone(), x));
            }
            n
        }
        Value::Array(a) => {
            if a.is_empty() {
                return Node::leaf(label, "(none)");
            }
            let all_scalar = a.iter().all(|x| !x.is_object() && !x.is_array());
            if all_scalar && a.len() <= 16 {
                return Node::leaf(
                    label,
                    a.iter().map(scalar_text).collect::<Vec<_>>().join(", "),
                );
            }
            let mut n = Node::new(label).with_value(format!("{} items", a.len()));
            for (i, x) in a.iter().enumerate() {
                n.push(json_node(format!("[{i}]"), x));
            }
            n
        }
        other => Node::leaf(label, scalar_text(other)),
    }
}

// ---- serde values as tidy JSON ------------------------------------------------------------

/// Fields that are how a value was laid out on the wire (kept by the
/// libraries to write it back byte for byte), not what it says.
const INTERNAL: &[&str] = &["layout", "padding", "referent_ids", "original"];

/// A library value as JSON for people and scripts: byte arrays as hex,
/// FILETIMEs as ISO 8601, property tags named, 8-bit strings as text,
/// internal layout fields (alignment padding, NDR layouts, kept encodings)
/// and empty `trailing` fields left out.
pub fn to_json<T: Serialize + ?Sized>(v: &T) -> Value {
    match v.serialize(Tidy) {
        Ok(o) => o.v,
        Err(e) => json!({ "error": e.0 }),
    }
}

/// The serializer's error.
#[derive(Debug)]
pub struct TidyError(String);

impl fmt::Display for TidyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TidyError {}

impl ser::Error for TidyError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TidyError(msg.to_string())
    }
}

/// A serialized value, and whether it was a `u8` (sequences of them are
/// byte strings).
pub struct Out {
    v: Value,
    byte: bool,
}

fn out(v: Value) -> Out {
    Out { v, byte: false }
}

#[derive(Clone, Copy)]
struct Tidy;

fn num(v: impl Into<serde_json::Number>) -> Out {
    out(Value::Number(v.into()))
}

/// Finishes a struct's map: tags named, 8-bit strings as text.
fn finish_struct(name: &str, mut m: Map<String, Value>) -> Value {
    match name {
        "PropertyTag" => {
            let id = m.get("id").and_then(Value::as_u64);
            let t = m.get("prop_type").and_then(Value::as_u64);
            if let (Some(id), Some(t)) = (id, t) {
                return tag_json(PropertyTag::new(
                    u16::try_from(id).unwrap_or_default(),
                    PropertyType::from_value(u16::try_from(t).unwrap_or_default()),
                ));
            }
        }
        "String8" => {
            let bytes = match m.get("bytes") {
                Some(Value::String(h)) => msox_codec::hex::decode(h).unwrap_or_default(),
                _ => Vec::new(),
            };
            let cp = m
                .get("code_page")
                .and_then(Value::as_u64)
                .and_then(|c| u32::try_from(c).ok())
                .unwrap_or(1252);
            return json!(
                msox_codec::String8::new(bytes, msox_codec::CodePage(cp))
                    .to_string_lossy()
                    .into_owned()
            );
        }
        "NdrString" => {
            if let Some(Value::String(h)) = m.get("value") {
                let b = msox_codec::hex::decode(h).unwrap_or_default();
                return json!(String::from_utf8_lossy(&b).into_owned());
            }
            if m.get("value")
                .is_some_and(|v| v.as_array().is_some_and(Vec::is_empty))
            {
                return json!("");
            }
        }
        "PropertyTagArrayR" => {
            if let Some(Value::Array(a)) = m.get("values") {
                return Value::Array(
                    a.iter()
                        .filter_map(Value::as_u64)
                        .map(|t| tag_json(PropertyTag::from_u32(t as u32)))
                        .collect(),
                );
            }
        }
        _ => {}
    }
    for key in ["prop_tag", "ul_prop_tag", "property_tag"] {
        if let Some(t) = m.get(key).and_then(Value::as_u64) {
            m.insert(key.into(), tag_json(PropertyTag::from_u32(t as u32)));
        }
    }
    if m.get("trailing")
        .is_some_and(|t| t.as_array().is_some_and(Vec::is_empty) || t.as_str() == Some(""))
    {
        m.remove("trailing");
    }
    Value::Object(m)
}

fn skip_field(key: &str) -> bool {
    INTERNAL.contains(&key) || key.ends_with("_layout")
}

impl ser::Serializer for Tidy {
    type Ok = Out;
    type Error = TidyError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = VariantSeq;
    type SerializeMap = MapSer;
    type SerializeStruct = StructSer;
    type SerializeStructVariant = VariantStruct;

    fn serialize_bool(self, v: bool) -> Result<Out, TidyError> {
        Ok(out(Value::Bool(v)))
    }
    fn serialize_i8(self, v: i8) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_u8(self, v: u8) -> Result<Out, TidyError> {
        Ok(Out {
            v: Value::Number(v.into()),
            byte: true,
        })
    }
    fn serialize_u16(self, v: u16) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Out, TidyError> {
        Ok(num(v))
    }
    fn serialize_f32(self, v: f32) -> Result<Out, TidyError> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Out, TidyError> {
        Ok(out(serde_json::Number::from_f64(v).map_or_else(
            || Value::String(v.to_string()),
            Value::Number,
        )))
    }
    fn serialize_char(self, v: char) -> Result<Out, TidyError> {
        Ok(out(Value::String(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Out, TidyError> {
        Ok(out(Value::String(v.to_string())))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Out, TidyError> {
        Ok(out(Value::String(msox_codec::hex::encode(v))))
    }
    fn serialize_none(self) -> Result<Out, TidyError> {
        Ok(out(Value::Null))
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<Out, TidyError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Out, TidyError> {
        Ok(out(Value::Null))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Out, TidyError> {
        Ok(out(Value::Null))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Out, TidyError> {
        Ok(out(Value::String(variant.to_string())))
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Out, TidyError> {
        let inner = value.serialize(self)?;
        if name == "FileTime"
            && let Some(n) = inner.v.as_u64()
        {
            return Ok(out(Value::String(ms_dtyp::FileTime(n).to_string())));
        }
        Ok(out(inner.v))
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Out, TidyError> {
        let mut m = Map::new();
        m.insert(variant.to_string(), value.serialize(self)?.v);
        Ok(out(Value::Object(m)))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, TidyError> {
        Ok(Seq {
            items: Vec::with_capacity(len.unwrap_or(0).min(1024)),
            bytes: true,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, TidyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Seq, TidyError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<VariantSeq, TidyError> {
        Ok(VariantSeq {
            variant,
            seq: self.serialize_seq(Some(len))?,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer, TidyError> {
        Ok(MapSer {
            map: Map::new(),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructSer, TidyError> {
        Ok(StructSer {
            name,
            map: Map::new(),
        })
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<VariantStruct, TidyError> {
        Ok(VariantStruct {
            variant,
            inner: StructSer {
                name,
                map: Map::new(),
            },
        })
    }
}

/// A sequence being serialized.
pub struct Seq {
    items: Vec<Out>,
    bytes: bool,
}

impl Seq {
    fn push<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), TidyError> {
        let o = v.serialize(Tidy)?;
        self.bytes &= o.byte;
        self.items.push(o);
        Ok(())
    }
    fn value(self) -> Value {
        if self.bytes && !self.items.is_empty() {
            let b: Vec<u8> = self
                .items
                .iter()
                .filter_map(|o| o.v.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect();
            return Value::String(msox_codec::hex::encode(&b));
        }
        Value::Array(self.items.into_iter().map(|o| o.v).collect())
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), TidyError> {
        self.push(v)
    }
    fn end(self) -> Result<Out, TidyError> {
        Ok(out(self.value()))
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), TidyError> {
        self.push(v)
    }
    fn end(self) -> Result<Out, TidyError> {
        Ok(out(self.value()))
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), TidyError> {
        self.push(v)
    }
    fn end(self) -> Result<Out, TidyError> {
        // a one-field tuple struct is its field
        if self.items.len() == 1 && !self.bytes {
            return Ok(out(self
                .items
                .into_iter()
                .next()
                .map(|o| o.v)
                .unwrap_or_default()));
        }
        Ok(out(self.value()))
    }
}

/// A tuple variant being serialized.
pub struct VariantSeq {
    variant: &'static str,
    seq: Seq,
}

impl ser::SerializeTupleVariant for VariantSeq {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, v: &T) -> Result<(), TidyError> {
        self.seq.push(v)
    }
    fn end(self) -> Result<Out, TidyError> {
        let mut m = Map::new();
        m.insert(self.variant.to_string(), self.seq.value());
        Ok(out(Value::Object(m)))
    }
}

/// A map being serialized.
pub struct MapSer {
    map: Map<String, Value>,
    key: Option<String>,
}

impl ser::SerializeMap for MapSer {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), TidyError> {
        let k = key.serialize(Tidy)?.v;
        self.key = Some(match k {
            Value::String(s) => s,
            other => other.to_string(),
        });
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), TidyError> {
        let k = self.key.take().unwrap_or_default();
        self.map.insert(k, value.serialize(Tidy)?.v);
        Ok(())
    }
    fn end(self) -> Result<Out, TidyError> {
        Ok(out(Value::Object(self.map)))
    }
}

/// A struct being serialized.
pub struct StructSer {
    name: &'static str,
    map: Map<String, Value>,
}

impl ser::SerializeStruct for StructSer {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TidyError> {
        if !skip_field(key) {
            self.map.insert(key.to_string(), value.serialize(Tidy)?.v);
        }
        Ok(())
    }
    fn end(self) -> Result<Out, TidyError> {
        Ok(out(finish_struct(self.name, self.map)))
    }
}

/// A struct variant being serialized.
pub struct VariantStruct {
    variant: &'static str,
    inner: StructSer,
}

impl ser::SerializeStructVariant for VariantStruct {
    type Ok = Out;
    type Error = TidyError;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), TidyError> {
        ser::SerializeStruct::serialize_field(&mut self.inner, key, value)
    }
    fn end(self) -> Result<Out, TidyError> {
        let mut m = Map::new();
        m.insert(
            self.variant.to_string(),
            finish_struct(self.inner.name, self.inner.map),
        );
        Ok(out(Value::Object(m)))
    }
}

// Unit tests: an unwrap/expect/panic here fails the test.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use msox_codec::Decode;

    /// A bag of many runs' worth of properties in no order, with repeated
    /// keys (the last wins, as in the tree's map) and left-out bytes whose
    /// key a property of the bag has too: the same text as the tree.
    #[test]
    fn bag_serializer_sorts_and_keeps_the_last_of_a_key_like_the_tree() {
        let mut bag = PropertyBag::new();
        let mut x: u32 = 12345;
        for k in 0..40_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let id = 0x8000 + ((x >> 8) % 30_000) as u16;
            let value = if k % 3 == 0 {
                PropertyValue::Binary(vec![k as u8; 3])
            } else {
                PropertyValue::Integer32(k as i32)
            };
            bag.push(ms_oxcmsg::Property::new(PropId::Tag(id), value));
        }
        let left: Vec<(PropId, PropertyType, &[u8])> = vec![
            (PropId::Tag(0x8001), PropertyType::Binary, b"left out"),
            (PropId::Tag(0x3701), PropertyType::Binary, b"data"),
        ];
        let mut tree_bag = bag.clone();
        for (id, _, b) in &left {
            tree_bag.push(ms_oxcmsg::Property::new(
                id.clone(),
                PropertyValue::Binary(b.to_vec()),
            ));
        }
        for full in [false, true] {
            let tree = serde_json::to_vec_pretty(&readable_bag(&tree_bag, full)).unwrap();
            let direct = serde_json::to_vec_pretty(&BagJson {
                bag: &bag,
                full,
                left_out: &left,
            })
            .unwrap();
            assert!(tree == direct, "full: {full}");
        }
    }

    /// The serializer writes the text of the tree, byte for byte, for
    /// every TNEF and .msg file of the corpus; also from the borrowing
    /// reads, whose left-out attachment bytes it shows as the properties
    /// the copying read holds.
    #[test]
    fn message_json_serializer_writes_the_tree_text_over_the_corpus() {
        let opts = msox_codec::Options::lenient();
        let mut checked = 0;
        for e in msox_testkit::corpus::entries("tnef") {
            let Ok(bytes) = std::fs::read(&e.path) else {
                continue;
            };
            let (Ok(owned), Ok(borrowed)) = (
                ms_oxtnef::to_message(&bytes, &opts),
                ms_oxtnef::to_message_borrowing(&bytes, &opts),
            ) else {
                continue;
            };
            let b = &borrowed.value;
            for full in [false, true] {
                let tree = crate::cli::json_text(&message_json(&owned.value, full)).unwrap();
                let direct = crate::cli::json_bytes(&MessageJson::new(&owned.value, full)).unwrap();
                let left_out = crate::cli::json_bytes(&MessageJson::with_left_out(
                    &b.message,
                    full,
                    &b.attach_data,
                    &b.attach_object,
                ))
                .unwrap();
                assert!(
                    tree == direct,
                    "{} (full: {full}): serializer differs",
                    e.file
                );
                assert!(
                    tree == left_out,
                    "{} (full: {full}): borrowing read differs",
                    e.file
                );
            }
            checked += 1;
        }
        for e in msox_testkit::corpus::entries("msg") {
            let Ok(bytes) = std::fs::read(&e.path) else {
                continue;
            };
            let Ok(f) = ms_oxmsg::MsgFile::decode_bytes(&bytes, &opts) else {
                continue;
            };
            let tree = crate::cli::json_text(&message_json(&f.value.message, false)).unwrap();
            let direct =
                crate::cli::json_bytes(&MessageJson::new(&f.value.message, false)).unwrap();
            assert!(tree == direct, "{}: serializer differs", e.file);
            // The borrowing read, its top-level attachment bytes left in
            // the input (as `msg dump` of one file reads it).
            let b = ms_oxmsg::read_borrowing(&bytes, &opts).unwrap().value;
            let data: Vec<Option<&[u8]>> = b.attach_data.iter().map(|c| c.as_deref()).collect();
            for full in [false, true] {
                let whole =
                    crate::cli::json_bytes(&MessageJson::new(&f.value.message, full)).unwrap();
                let left_out = crate::cli::json_bytes(&MessageJson::with_left_out(
                    &b.file.message,
                    full,
                    &data,
                    &[],
                ))
                .unwrap();
                assert!(
                    whole == left_out,
                    "{} (full: {full}): borrowing read differs",
                    e.file
                );
            }
            checked += 1;
        }
        if msox_testkit::corpus::dir().is_some() {
            assert!(checked > 20, "only {checked} corpus files checked");
        }
    }
}
