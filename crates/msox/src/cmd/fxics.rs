//! `msox fxics stream|message|idset|globset|pcl|xid`: FastTransfer streams
//! and the ICS structures of [MS-OXCFXICS].

use std::path::PathBuf;

use ms_dtyp::Guid;
use ms_oxcdata::PropertyTag;
use ms_oxcfxics::{
    Element, Event, FxParser, FxProperty, FxValue, GlobSet, GlobSetCommand, IdSet, IdSetReplGuid,
    IdSetReplId, PredecessorChangeList, Replica, Root, Xid, tags,
};
use msox_codec::{Decode, Defect};
use serde_json::{Map, Value, json};

use crate::json as show;
use crate::node::Node;

/// `msox fxics ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Parse a FastTransfer stream and print its events (elements begun and
    /// ended, markers, properties, meta-properties).
    Stream {
        /// The stream (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// The root element: what the operation that produced the stream
        /// returns ([MS-OXCFXICS] 2.2.4.4): contentsSync, hierarchySync,
        /// state, folderContent, messageContent, attachmentContent,
        /// messageList, topFolder (any case; `message-content` too).
        #[arg(long, value_parser = parse_root)]
        root: Root,
        /// Feed the parser pieces of N bytes (as RopFastTransferSourceGetBuffer
        /// returns them); the events are the same for any N.
        #[arg(long, value_name = "N")]
        piece: Option<usize>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Read a messageContent stream into the message model and summarise it.
    Message {
        /// The stream (`-` for stdin; `.hex` files as hex text).
        file: PathBuf,
        /// Print the whole model as JSON (properties named).
        #[arg(long)]
        json: bool,
    },
    /// Decode a serialized IDSET ([MS-OXCFXICS] 2.2.2.4): replicas and ranges.
    Idset {
        /// The IDSET as hex, or a file.
        hex: String,
        /// The REPLGUID form (16-byte replica GUIDs) instead of REPLID.
        #[arg(long)]
        replguid: bool,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode a GLOBSET ([MS-OXCFXICS] 2.2.2.6): its commands and ranges.
    Globset {
        /// The GLOBSET as hex, or a file.
        hex: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode a PredecessorChangeList ([MS-OXCFXICS] 2.2.2.3): its XIDs.
    Pcl {
        /// The PCL as hex, or a file.
        hex: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Decode an XID ([MS-OXCFXICS] 2.2.2.2), e.g. a PidTagChangeKey.
    Xid {
        /// The XID as hex, or a file.
        hex: String,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
}

/// The roots by name: the ABNF's (`messageContent`) in any case, with or
/// without hyphens (`message-content`).
const ROOTS: &[(&str, Root)] = &[
    ("contentssync", Root::ContentsSync),
    ("hierarchysync", Root::HierarchySync),
    ("state", Root::State),
    ("foldercontent", Root::FolderContent),
    ("messagecontent", Root::MessageContent),
    ("attachmentcontent", Root::AttachmentContent),
    ("messagelist", Root::MessageList),
    ("topfolder", Root::TopFolder),
];

fn parse_root(s: &str) -> Result<Root, String> {
    let key: String = s
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .collect::<String>()
        .to_ascii_lowercase();
    ROOTS
        .iter()
        .find(|(n, _)| *n == key)
        .map(|(_, r)| *r)
        .ok_or_else(|| {
            format!(
                "unknown root {s:?}; one of contentsSync, hierarchySync, state, folderContent, \
                 messageContent, attachmentContent, messageList, topFolder"
            )
        })
}

/// Runs `msox fxics ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Stream {
            file,
            root,
            piece,
            json,
        } => {
            if *piece == Some(0) {
                return Err(crate::cli::usage("--piece must be at least 1"));
            }
            let bytes = show::file(file)?;
            let (events, defects) = parse(&bytes, *root, piece.unwrap_or(bytes.len().max(1)))?;
            crate::cli::report_defects(&defects);
            if *json {
                crate::cli::print_json(&Value::Array(events.iter().map(event_json).collect()))
            } else {
                crate::cli::print(&events_text(&events))
            }
        }
        Cmd::Message { file, json } => {
            let bytes = show::file(file)?;
            let d = ms_oxcfxics::decode_message_content(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            let m = d.value;
            if *json {
                crate::cli::print_json(&show::message_json(&m, false))
            } else {
                let mut root = show::json_node("message", &show::message_summary(&m));
                let mut props = Node::new("properties");
                show::bag_nodes(&m.properties, &mut props);
                root.push(props);
                show::print_node(&root)
            }
        }
        Cmd::Idset {
            hex,
            replguid,
            json,
        } => {
            let bytes = show::file_or_hex(hex)?;
            let opts = crate::cli::options();
            let v = if *replguid {
                let d = IdSetReplGuid::decode_bytes(&bytes, &opts)?;
                crate::cli::report_defects(&d.defects);
                idset_json(&d.value, |g: &Guid| format!("{{{g}}}"))
            } else {
                let d = IdSetReplId::decode_bytes(&bytes, &opts)?;
                crate::cli::report_defects(&d.defects);
                idset_json(&d.value, |r: &u16| format!("0x{r:04X}"))
            };
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&idset_node(&v))
            }
        }
        Cmd::Globset { hex, json } => {
            let bytes = show::file_or_hex(hex)?;
            let d = GlobSet::decode_bytes(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            let v = globset_json(&d.value);
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&globset_node("GLOBSET", &d.value))
            }
        }
        Cmd::Pcl { hex, json } => {
            let bytes = show::file_or_hex(hex)?;
            let d = PredecessorChangeList::decode_bytes(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            let xids: Vec<Value> = d.value.xids().iter().map(xid_json).collect();
            if *json {
                crate::cli::print_json(&json!({ "xids": xids }))
            } else {
                let mut root =
                    Node::new("PredecessorChangeList").with_value(format!("{} XIDs", xids.len()));
                for (i, x) in d.value.xids().iter().enumerate() {
                    root.push(Node::new(format!("XID {i}")).with_value(xid_text(x)));
                }
                show::print_node(&root)
            }
        }
        Cmd::Xid { hex, json } => {
            let bytes = show::file_or_hex(hex)?;
            let d = Xid::decode_bytes(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            let v = xid_json(&d.value);
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&show::json_node("XID", &v))
            }
        }
    }
}

// ---- streams ------------------------------------------------------------------------

/// Parses a stream fed in pieces of `piece` bytes: owned events and the
/// defects lenient parsing reported.
fn parse(
    bytes: &[u8],
    root: Root,
    piece: usize,
) -> anyhow::Result<(Vec<Event<'static>>, Vec<Defect>)> {
    let mut p = FxParser::new(root, &crate::cli::options());
    let mut events = Vec::new();
    for chunk in bytes.chunks(piece) {
        let mut f = p.feed(chunk);
        while let Some(ev) = f.next_event()? {
            events.push(ev.into_owned());
        }
    }
    events.extend(p.finish()?);
    let defects = p.defects().to_vec();
    Ok((events, defects))
}

/// The spec names of the meta-properties ([MS-OXCFXICS] 2.2.4.1.5, 2.2.1.1).
const META_NAMES: &[(PropertyTag, &str)] = &[
    (tags::META_TAG_FX_DEL_PROP, "MetaTagFXDelProp"),
    (tags::META_TAG_EC_WARNING, "MetaTagEcWarning"),
    (tags::META_TAG_NEW_FX_FOLDER, "MetaTagNewFXFolder"),
    (tags::META_TAG_INCR_SYNC_GROUP_ID, "MetaTagIncrSyncGroupId"),
    (
        tags::META_TAG_INCREMENTAL_SYNC_MESSAGE_PARTIAL,
        "MetaTagIncrementalSyncMessagePartial",
    ),
    (tags::META_TAG_DN_PREFIX, "MetaTagDnPrefix"),
    (tags::META_TAG_IDSET_GIVEN, "MetaTagIdsetGiven"),
    (tags::META_TAG_CNSET_SEEN, "MetaTagCnsetSeen"),
    (tags::META_TAG_CNSET_SEEN_FAI, "MetaTagCnsetSeenFAI"),
    (tags::META_TAG_CNSET_READ, "MetaTagCnsetRead"),
    (tags::META_TAG_IDSET_DELETED, "MetaTagIdsetDeleted"),
    (
        tags::META_TAG_IDSET_NO_LONGER_IN_SCOPE,
        "MetaTagIdsetNoLongerInScope",
    ),
    (tags::META_TAG_IDSET_EXPIRED, "MetaTagIdsetExpired"),
    (tags::META_TAG_IDSET_READ, "MetaTagIdsetRead"),
    (tags::META_TAG_IDSET_UNREAD, "MetaTagIdsetUnread"),
];

/// A property's name: a meta-property's, a named property's, or the
/// registry's for the tag.
fn prop_name(p: &FxProperty<'_>) -> Option<String> {
    if let Some((_, n)) = META_NAMES.iter().find(|(t, _)| *t == p.tag) {
        return Some((*n).to_string());
    }
    if let Some(n) = &p.name {
        return Some(show::named_text(n));
    }
    ms_oxprops::by_tag(p.tag).map(|d| d.canonical_name.to_string())
}

fn element_name(e: Element) -> String {
    match e {
        Element::Message { fai: true } => "message (FAI)".into(),
        other => other.name().to_string(),
    }
}

fn prop_json(kind: &str, p: &FxProperty<'_>) -> Value {
    let mut m = Map::new();
    m.insert("event".into(), json!(kind));
    m.insert("tag".into(), json!(p.tag.to_string()));
    if let Some(n) = prop_name(p) {
        m.insert("name".into(), json!(n));
    }
    if let Some(n) = &p.name {
        m.insert("named".into(), json!(n.to_string()));
    }
    m.insert("type".into(), json!(show::type_name(p.tag.prop_type)));
    m.insert("value".into(), show::value_json(&p.to_property_value()));
    if let FxValue::String {
        terminated: false, ..
    } = &p.value
    {
        m.insert("terminated".into(), json!(false));
    }
    Value::Object(m)
}

/// One event as JSON.
fn event_json(e: &Event<'_>) -> Value {
    match e {
        Event::Begin(x) => json!({"event": "begin", "element": element_name(*x)}),
        Event::End(x) => json!({"event": "end", "element": element_name(*x)}),
        Event::Abort(x) => json!({"event": "abort", "element": element_name(*x)}),
        Event::Marker(m) => {
            json!({"event": "marker", "marker": m.to_string(), "tag": format!("0x{:08X}", m.value())})
        }
        Event::Property(p) => prop_json("property", p),
        Event::Meta(p) => prop_json("meta", p),
        #[allow(unreachable_patterns)]
        other => json!({"event": format!("{other:?}")}),
    }
}

fn prop_line(p: &FxProperty<'_>) -> String {
    let v = show::value_text(&p.to_property_value());
    match prop_name(p) {
        Some(name) => format!("{name} ({}) = {v}", p.tag),
        None => format!("{} = {v}", p.tag),
    }
}

/// The events as indented lines.
fn events_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    let mut depth = 0usize;
    for e in events {
        if matches!(e, Event::End(_) | Event::Abort(_)) {
            depth = depth.saturating_sub(1);
        }
        let line = match e {
            Event::Begin(x) => format!("begin {}", element_name(*x)),
            Event::End(x) => format!("end {}", element_name(*x)),
            Event::Abort(x) => format!("abort {} (errorInfo follows)", element_name(*x)),
            Event::Marker(m) => format!("marker {m}"),
            Event::Property(p) => prop_line(p),
            Event::Meta(p) => format!("meta {}", prop_line(p)),
            #[allow(unreachable_patterns)]
            other => format!("{other:?}"),
        };
        s.push_str(&"  ".repeat(depth));
        s.push_str(&line);
        s.push('\n');
        if matches!(e, Event::Begin(_)) {
            depth += 1;
        }
    }
    s
}

// ---- ICS structures -------------------------------------------------------------------

fn range_text(low: u64, high: u64) -> String {
    if low == high {
        format!("0x{low:012X}")
    } else {
        format!("0x{low:012X}-0x{high:012X}")
    }
}

fn ranges_json(g: &GlobSet) -> Value {
    Value::Array(
        g.ranges()
            .iter()
            .map(|r| json!({"low": format!("0x{:012X}", r.low), "high": format!("0x{:012X}", r.high)}))
            .collect(),
    )
}

fn command_text(c: &GlobSetCommand) -> String {
    let h = msox_codec::hex::encode;
    match c {
        GlobSetCommand::Push(b) => format!("Push {} ({} bytes)", h(b), b.len()),
        GlobSetCommand::Pop => "Pop".into(),
        GlobSetCommand::Bitmask {
            starting_value,
            bitmask,
        } => format!("Bitmask StartingValue 0x{starting_value:02X} Bitmask 0x{bitmask:02X}"),
        GlobSetCommand::Range { low, high } => format!("Range {} - {}", h(low), h(high)),
        GlobSetCommand::End => "End".into(),
        #[allow(unreachable_patterns)]
        other => format!("{other:?}"),
    }
}

fn globset_json(g: &GlobSet) -> Value {
    json!({
        "count": g.len(),
        "ranges": ranges_json(g),
        "commands": g.commands().iter().map(command_text).collect::<Vec<_>>(),
        "canonical_encoding": g.is_canonical(),
    })
}

fn globset_node(label: &str, g: &GlobSet) -> Node {
    let mut n = Node::new(label).with_value(format!(
        "{} IDs in {} range{}",
        g.len(),
        g.ranges().len(),
        if g.ranges().len() == 1 { "" } else { "s" }
    ));
    let mut ranges = Node::new("ranges");
    for r in g.ranges() {
        ranges.push(Node::new(range_text(r.low, r.high)));
    }
    n.push(ranges);
    let mut cmds = Node::new("commands").with_value(if g.is_canonical() {
        "as Exchange encodes them"
    } else {
        "another encoder's choice, kept"
    });
    for c in g.commands() {
        cmds.push(Node::new(command_text(&c)));
    }
    n.push(cmds);
    n
}

fn idset_json<R: Replica>(s: &IdSet<R>, replica: impl Fn(&R) -> String) -> Value {
    json!({
        "form": R::NAME,
        "count": s.len(),
        "entries": s.entries().iter().map(|e| json!({
            "replica": replica(&e.replica),
            "globset": globset_json(&e.globset),
        })).collect::<Vec<_>>(),
    })
}

fn idset_node(v: &Value) -> Node {
    let form = v.get("form").and_then(Value::as_str).unwrap_or_default();
    let count = v.get("count").and_then(Value::as_u64).unwrap_or_default();
    let mut root = Node::new(format!("IDSET ({form} form)")).with_value(format!("{count} IDs"));
    for e in v
        .get("entries")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let replica = e.get("replica").and_then(Value::as_str).unwrap_or_default();
        let g = e.get("globset").cloned().unwrap_or_default();
        let mut n = Node::new(format!("{form} {replica}"));
        for r in g
            .get("ranges")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let lo = r.get("low").and_then(Value::as_str).unwrap_or_default();
            let hi = r.get("high").and_then(Value::as_str).unwrap_or_default();
            n.push(Node::new(if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}-{hi}")
            }));
        }
        root.push(n);
    }
    root
}

fn xid_json(x: &Xid) -> Value {
    let mut m = Map::new();
    m.insert(
        "namespace_guid".into(),
        json!(format!("{{{}}}", x.namespace_guid)),
    );
    m.insert(
        "local_id".into(),
        json!(msox_codec::hex::encode(x.local_id.as_bytes())),
    );
    m.insert("local_id_size".into(), json!(x.local_id.len()));
    m.insert("local_id_value".into(), json!(x.local_id.to_u64()));
    if let Some(g) = x.to_gid() {
        m.insert("global_counter".into(), json!(g.global_counter.to_string()));
    }
    Value::Object(m)
}

fn xid_text(x: &Xid) -> String {
    format!(
        "{{{}}} : {} ({} bytes)",
        x.namespace_guid,
        msox_codec::hex::encode(x.local_id.as_bytes()),
        x.local_id.len()
    )
}
