//! `msox oab manifest FILE [--json] [--write]`: the offline address book
//! manifest (oab.xml, [MS-OXWOAB]); `msox oab dump FILE [--json|--csv]`:
//! an OAB file ([MS-OXOAB]: version 4 full details, compressed, patch);
//! `msox oab decompress IN OUT`; `msox oab generate N OUT`. `msox inspect`
//! recognises the manifest and the OAB files.

use std::path::PathBuf;

use ms_oxcdata::{PropertyTag, PropertyValue};
use ms_oxoab::{
    Base, FileKind, FullDetails, Patch, PatchFile, PropTable, Record, Target, WriteOptions,
};
use ms_oxwoab::{Manifest, OabFile, Oal};
use msox_codec::Decode;
use msox_codec::Defect;
use serde_json::{Value, json};

use crate::node::Node;

/// `msox oab ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Read an OAB manifest (oab.xml) and print its address lists and files.
    Manifest {
        /// The oab.xml file (`-` for stdin).
        file: PathBuf,
        /// Print JSON instead of a tree.
        #[arg(long)]
        json: bool,
        /// Print the manifest as msox writes it (normalised XML) instead.
        #[arg(long, conflicts_with = "json")]
        write: bool,
    },
    /// Dump an OAB file: a version 4 full details file (uncompressed, or
    /// compressed with stored blocks), or the structure of a compressed or
    /// differential patch file.
    Dump {
        /// The OAB file (`-` for stdin).
        file: PathBuf,
        /// Print JSON (header, schemas, every record).
        #[arg(long)]
        json: bool,
        /// Print the Address Book object records as CSV (one column per property).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Decompress a compressed OAB file: version 4 (LZX_HDR / LZX_BLK, LZX
    /// through ms-patch) or version 2/3 (MDI_HDR / MDI_BLK, MSZIP).
    Decompress {
        /// The compressed file (`-` for stdin).
        input: PathBuf,
        /// Where to write the decompressed file (`-` for stdout).
        output: PathBuf,
    },
    /// Write a generated version 4 full details file of N records (for
    /// tests and benchmarks).
    Generate {
        /// Number of Address Book object records.
        records: u32,
        /// Where to write it (`-` for stdout).
        output: PathBuf,
        /// PidTagOfflineAddressBookSequence of the header record.
        #[arg(long, default_value_t = 1)]
        sequence: u32,
        /// Compress it (LZX_HDR / LZX_BLK, LZX through ms-patch).
        #[arg(long)]
        compress: bool,
    },
    /// Compress a version 4 OAB file (LZX_HDR / LZX_BLK).
    Compress {
        /// The uncompressed file (`-` for stdin).
        input: PathBuf,
        /// Where to write the compressed file (`-` for stdout).
        output: PathBuf,
        /// Encoder effort, 1 (fastest) to 9 (smallest).
        #[arg(long, default_value_t = 6)]
        level: u8,
    },
    /// Apply a differential patch (PATCH_HDR / PATCH_BLK) to OLD, giving the new file.
    Patch {
        /// The old uncompressed full details file.
        old: PathBuf,
        /// The patch file.
        patch: PathBuf,
        /// Where to write the new file (`-` for stdout).
        output: PathBuf,
    },
    /// Create a differential patch (LZX DELTA) that turns OLD into NEW.
    Diff {
        /// The old uncompressed full details file.
        old: PathBuf,
        /// The new uncompressed full details file.
        new: PathBuf,
        /// Where to write the patch (`-` for stdout).
        patch: PathBuf,
        /// Encoder effort, 1 (fastest) to 9 (smallest).
        #[arg(long, default_value_t = 6)]
        level: u8,
    },
    /// Build a display template file ([MS-OXOAB] 2.2) from [MS-OXOABKT]
    /// template data files, one per slot: `SLOT=FILE` where SLOT is
    /// mail-user, distribution-list, forum, agent, organization,
    /// private-distribution-list or remote-mail-user (or a display type
    /// number 0-6). NAMES_STRUCT and address-creation templates are not
    /// written (their layout is not known to msox).
    Template {
        /// Where to write the template file (`-` for stdout).
        out: PathBuf,
        /// `SLOT=FILE` pairs.
        #[arg(required = true)]
        templates: Vec<String>,
    },
}

/// The slot a `msox oab template` argument names.
fn template_slot(name: &str) -> anyhow::Result<ms_oxoab::TemplateSlot> {
    use ms_oxoab::TemplateSlot as S;
    Ok(match name {
        "mail-user" => S::MailUser,
        "distribution-list" => S::DistributionList,
        "forum" => S::Forum,
        "agent" => S::Agent,
        "organization" => S::Organization,
        "private-distribution-list" => S::PrivateDistributionList,
        "remote-mail-user" => S::RemoteMailUser,
        n => n
            .parse()
            .ok()
            .and_then(S::from_display_type)
            .ok_or_else(|| anyhow::anyhow!("unknown template slot {n:?}"))?,
    })
}

/// The `inspect` entry for oab.xml.
pub const FORMAT: crate::inspect::Format = crate::inspect::Format {
    name: "oab-manifest",
    description: "offline address book manifest (oab.xml), MS-OXWOAB",
    detect,
    inspect,
};

/// Whether the first element of an XML document is `<OAB`.
fn detect(b: &[u8]) -> bool {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let mut i = 0;
    // Skip white space, the declaration, comments and PIs.
    while let Some(rest) = b.get(i..) {
        let t = rest
            .iter()
            .position(|c| !c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let rest = rest.get(t..).unwrap_or_default();
        i += t;
        let skip_to = |end: &[u8]| {
            rest.windows(end.len())
                .position(|w| w == end)
                .map(|p| p + end.len())
        };
        let n = if rest.starts_with(b"<?") {
            skip_to(b"?>")
        } else if rest.starts_with(b"<!--") {
            skip_to(b"-->")
        } else {
            return rest.starts_with(b"<OAB")
                && matches!(
                    rest.get(4),
                    Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
                );
        };
        match n {
            Some(n) => i += n,
            None => return false,
        }
        if i > 4096 {
            return false;
        }
    }
    false
}

fn file_label(f: &OabFile) -> String {
    let mut s = format!(
        "seq {} ver {} size {} uncompressed {} SHA {}",
        f.seq, f.ver, f.size, f.uncompressed_size, f.sha
    );
    if let Some(l) = &f.langid {
        s.push_str(&format!(" langid {l}"));
    }
    if let Some(t) = &f.template_type {
        s.push_str(&format!(" type {t}"));
    }
    for a in &f.other_attributes {
        s.push_str(&format!(" {}={:?}", a.name, a.value));
    }
    s
}

fn oal_node(o: &Oal) -> Node {
    let mut n = Node::new(format!("OAL {}", o.name)).with_value(&o.id);
    n.push(Node::leaf("dn", &o.dn));
    if let Some(s) = o.sequence() {
        n.push(Node::leaf("sequence", s));
    }
    for a in &o.other_attributes {
        n.push(Node::leaf(format!("@{}", a.name), &a.value));
    }
    for f in &o.files {
        n.push(Node::new(format!("{} {}", f.kind, f.file_name)).with_value(file_label(f)));
    }
    for e in &o.other_elements {
        n.push(Node::leaf("unknown element", e));
    }
    n
}

/// The tree `msox oab manifest` and `msox inspect` print.
pub fn manifest_node(m: &Manifest) -> Node {
    let mut root = Node::new("OAB").with_value(format!("{} address lists", m.oals.len()));
    for a in &m.other_attributes {
        root.push(Node::leaf(format!("@{}", a.name), &a.value));
    }
    for o in &m.oals {
        root.push(oal_node(o));
    }
    for e in &m.other_elements {
        root.push(Node::leaf("unknown element", e));
    }
    root
}

fn attrs_json(attrs: &[ms_oxwoab::Attribute]) -> Value {
    Value::Object(
        attrs
            .iter()
            .map(|a| (a.name.clone(), json!(a.value)))
            .collect(),
    )
}

/// The JSON `msox oab manifest --json` prints.
pub fn manifest_json(m: &Manifest) -> Value {
    json!({
        "oals": m.oals.iter().map(|o| json!({
            "id": o.id,
            "dn": o.dn,
            "name": o.name,
            "sequence": o.sequence(),
            "files": o.files.iter().map(|f| json!({
                "kind": f.kind.element_name(),
                "file": f.file_name,
                "seq": f.seq,
                "ver": f.ver,
                "size": f.size,
                "uncompressedsize": f.uncompressed_size,
                "sha": f.sha,
                "langid": f.langid,
                "type": f.template_type,
                "other_attributes": attrs_json(&f.other_attributes),
            })).collect::<Vec<_>>(),
            "other_attributes": attrs_json(&o.other_attributes),
            "other_elements": o.other_elements,
        })).collect::<Vec<_>>(),
        "other_attributes": attrs_json(&m.other_attributes),
        "other_elements": m.other_elements,
    })
}

fn inspect(b: &[u8]) -> anyhow::Result<Node> {
    Ok(manifest_node(&Manifest::parse(b)?))
}

/// The `inspect` entry for OAB files ([MS-OXOAB]).
pub const FORMAT_OAB: crate::inspect::Format = crate::inspect::Format {
    name: "oab",
    description: "offline address book file (version 4 full details, compressed, patch; version 2/3 compressed, Browse, RDN and ANR Index, display template), MS-OXOAB",
    detect: detect_oab,
    inspect: inspect_oab,
};

/// Version 4 full details (ulVersion 0x20 and a plausible OAB_META_DATA
/// cbSize), compressed (3.1) or patch (3.2) files.
fn detect_oab(b: &[u8]) -> bool {
    match ms_oxoab::file_kind(b) {
        Some(FileKind::CompressedV4 | FileKind::PatchV4) => b.len() >= 16,
        Some(FileKind::FullDetailsV4) => b
            .get(12..16)
            .and_then(|s| s.try_into().ok())
            .map(u32::from_le_bytes)
            .is_some_and(|cb| cb >= 12 && (cb as usize) <= b.len() - 12),
        Some(FileKind::CompressedV2V3) => ms_oxoab::MdiFile::decode_exact(b).is_ok(),
        // Version 2/3 headers are small numbers: only files whose whole
        // structure holds together are claimed.
        Some(FileKind::UncompressedV2V3) => match ms_oxoab::guess_v2v3_kind(b) {
            Some(ms_oxoab::V2V3Kind::Browse) => b.len() > 12,
            Some(ms_oxoab::V2V3Kind::RdnIndex) => true,
            Some(ms_oxoab::V2V3Kind::AnrIndex) => {
                ms_oxoab::AnrFile::decode_exact(b).is_ok_and(|f| {
                    f.trailing.is_empty()
                        && !f.records.is_empty()
                        && f.records.len() == f.header.total_records as usize
                })
            }
            Some(ms_oxoab::V2V3Kind::DetailsOrTemplate) => {
                ms_oxoab::TemplateFile::decode_exact(b).is_ok_and(|t| t.looks_valid())
            }
            _ => false,
        },
        _ => false,
    }
}

fn inspect_oab(b: &[u8]) -> anyhow::Result<Node> {
    let (kind, file) = open(b)?;
    Ok(match file {
        Opened::Details(book, defects) => details_node(kind, &book, &defects, 20),
        Opened::Patch(p) => patch_node(&p),
        Opened::V2V3(n) => *n,
    })
}

enum Opened {
    Details(FullDetails, Vec<Defect>),
    Patch(PatchFile),
    /// A version 2/3 file (or display template) already shown as a tree.
    V2V3(Box<Node>),
}

/// Decodes a full details file, decompressing it first when it is in a
/// compressed container.
fn open(b: &[u8]) -> anyhow::Result<(&'static str, Opened)> {
    let opts = crate::cli::options();
    match ms_oxoab::file_kind(b) {
        Some(FileKind::FullDetailsV4) => {
            let d = FullDetails::decode_bytes(b, &opts)?;
            Ok((
                "version 4 full details file",
                Opened::Details(d.value, d.defects),
            ))
        }
        Some(FileKind::CompressedV4) => {
            let raw = ms_oxoab::decompress(b, &opts)?;
            let mut d = raw.defects;
            let f = FullDetails::decode_bytes(&raw.value, &opts)
                .map_err(|e| anyhow::anyhow!("in the decompressed file: {e}"))?;
            d.extend(f.defects);
            let f = f.value;
            Ok((
                "compressed version 4 full details file",
                Opened::Details(f, d),
            ))
        }
        Some(FileKind::PatchV4) => Ok((
            "differential patch file",
            Opened::Patch(PatchFile::decode_exact(b)?),
        )),
        Some(FileKind::CompressedV2V3) => {
            let m = ms_oxoab::MdiFile::decode_bytes(b, &opts)?.value;
            let raw = m.decompress(&opts)?.value;
            let mut n =
                v2v3_node(&raw).map_err(|e| anyhow::anyhow!("in the decompressed file: {e}"))?;
            n.label = format!("compressed ({} MDI blocks): {}", m.blocks.len(), n.label);
            Ok(("compressed version 2/3 file", Opened::V2V3(Box::new(n))))
        }
        Some(FileKind::UncompressedV2V3) => {
            Ok(("version 2/3 file", Opened::V2V3(Box::new(v2v3_node(b)?))))
        }
        None => anyhow::bail!("not an OAB file (unknown OAB_HDR / LZX_HDR version)"),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A value as text (multi-values joined with "; ", binary as hex).
pub fn value_text(v: &PropertyValue) -> String {
    use PropertyValue as V;
    let join = |it: Vec<String>| it.join("; ");
    match v {
        V::Integer32(i) => i.to_string(),
        V::Boolean(b) => b.to_string(),
        V::String8(s) => s.to_string_lossy().into_owned(),
        V::String(s) => s.as_str().to_string(),
        V::Binary(b) | V::Object(b) => hex(b),
        V::MultipleInteger32(v) => join(v.iter().map(i32::to_string).collect()),
        V::MultipleString8(v) => join(v.iter().map(|s| s.to_string_lossy().into_owned()).collect()),
        V::MultipleString(v) => join(v.iter().map(|s| s.as_str().to_string()).collect()),
        V::MultipleBinary(v) => join(v.iter().map(|b| hex(b)).collect()),
        other => format!("{other:?}"),
    }
}

/// A value as JSON (binary as hex strings).
pub fn value_json(v: &PropertyValue) -> Value {
    use PropertyValue as V;
    match v {
        V::Integer32(i) => json!(i),
        V::Boolean(b) => json!(b),
        V::String8(s) => json!(s.to_string_lossy()),
        V::String(s) => json!(s.as_str()),
        V::Binary(b) | V::Object(b) => json!(hex(b)),
        V::MultipleInteger32(v) => json!(v),
        V::MultipleString8(v) => json!(v.iter().map(|s| s.to_string_lossy()).collect::<Vec<_>>()),
        V::MultipleString(v) => json!(v.iter().map(|s| s.as_str()).collect::<Vec<_>>()),
        V::MultipleBinary(v) => json!(v.iter().map(|b| hex(b)).collect::<Vec<_>>()),
        other => json!(format!("{other:?}")),
    }
}

fn record_json(r: &Record) -> Value {
    Value::Object(
        r.values()
            .iter()
            .map(|(t, v)| (ms_oxoab::describe(*t), value_json(v)))
            .collect(),
    )
}

fn table_json(t: &PropTable) -> Value {
    json!(
        t.props
            .iter()
            .map(|p| json!({
                "tag": p.tag.to_string(),
                "name": ms_oxoab::property_name(p.tag),
                "type": p.tag.prop_type.to_string(),
                "flags": p.flags,
                "anr": p.is_anr(),
                "primary_key": p.is_primary_key(),
            }))
            .collect::<Vec<_>>()
    )
}

fn defects_json(d: &[Defect]) -> Value {
    json!(d.iter().map(|d| d.to_string()).collect::<Vec<_>>())
}

/// The JSON `msox oab dump --json` prints for a full details file.
pub fn details_json(kind: &str, f: &FullDetails, defects: &[Defect]) -> Value {
    json!({
        "kind": kind,
        "header": {
            "ulVersion": f.header.version,
            "ulSerial": format!("0x{:08X}", f.header.serial),
            "ulTotRecs": f.header.total_records,
        },
        "header_atts": table_json(&f.metadata.header_atts),
        "oab_atts": table_json(&f.metadata.oab_atts),
        "header_record": record_json(&f.header_record),
        "records": f.records.iter().map(record_json).collect::<Vec<_>>(),
        "defects": defects_json(defects),
    })
}

fn table_node(label: &str, t: &PropTable) -> Node {
    let mut n = Node::new(label).with_value(format!("{} properties", t.len()));
    for p in &t.props {
        let mut v = format!("{} {}", p.tag, p.tag.prop_type);
        if p.is_anr() {
            v.push_str(" ANR");
        }
        if p.is_primary_key() {
            v.push_str(" primary-key");
        }
        if p.flags & !3 != 0 {
            v.push_str(&format!(" flags=0x{:08X}", p.flags));
        }
        n.push(Node::leaf(ms_oxoab::describe(p.tag), v));
    }
    n
}

fn record_node(label: String, r: &Record) -> Node {
    let mut n = Node::new(label).with_value(format!("{} values", r.len()));
    for (t, v) in r.values() {
        n.push(Node::leaf(ms_oxoab::describe(*t), value_text(v)));
    }
    n
}

/// The tree `msox oab dump` and `msox inspect` print (the first `max`
/// records; all when `max` is `usize::MAX`).
pub fn details_node(kind: &str, f: &FullDetails, defects: &[Defect], max: usize) -> Node {
    let mut root = Node::new("OAB").with_value(format!("{kind}, {} records", f.records.len()));
    root.push(
        Node::new("OAB_HDR")
            .child(Node::leaf(
                "ulVersion",
                format!("0x{:08X}", f.header.version),
            ))
            .child(Node::leaf("ulSerial", format!("0x{:08X}", f.header.serial)))
            .child(Node::leaf("ulTotRecs", f.header.total_records)),
    );
    root.push(table_node("rgHdrAtts", &f.metadata.header_atts));
    root.push(table_node("rgOabAtts", &f.metadata.oab_atts));
    root.push(record_node("header record".into(), &f.header_record));
    for (i, r) in f.records.iter().enumerate().take(max) {
        root.push(record_node(format!("record {i}"), r));
    }
    if f.records.len() > max {
        root.push(Node::leaf(
            "…",
            format!("{} more records (msox oab dump)", f.records.len() - max),
        ));
    }
    for d in defects {
        root.push(Node::leaf("defect", format!("{d:?}")));
    }
    root
}

fn patch_node(p: &PatchFile) -> Node {
    let h = &p.header;
    let mut root =
        Node::new("OAB differential patch").with_value(format!("{} blocks", p.blocks.len()));
    root.push(
        Node::new("PATCH_HDR")
            .child(Node::leaf("ulBlockMax", h.block_max))
            .child(Node::leaf("ulSourceSize", h.source_size))
            .child(Node::leaf("ulTargetSize", h.target_size))
            .child(Node::leaf("ulSourceCRC", format!("0x{:08X}", h.source_crc)))
            .child(Node::leaf("ulTargetCRC", format!("0x{:08X}", h.target_crc))),
    );
    for (i, b) in p.blocks.iter().enumerate() {
        root.push(Node::leaf(
            format!("PATCH_BLK {i}"),
            format!(
                "patch {} bytes, source {}, target {}, CRC 0x{:08X}",
                b.data.len(),
                b.source_size,
                b.target_size,
                b.crc
            ),
        ));
    }
    if !p.trailing.is_empty() {
        root.push(Node::leaf("trailing bytes", p.trailing.len()));
    }
    root
}

fn oab_hdr_node(h: &ms_oxoab::OabHeader) -> Node {
    Node::new("OAB_HDR")
        .child(Node::leaf("ulVersion", format!("0x{:02X}", h.version)))
        .child(Node::leaf("ulSerial", format!("0x{:08X}", h.serial)))
        .child(Node::leaf("ulTotRecs", h.total_records))
}

/// The tree `msox oab dump` prints for an [MS-OXOAB] 2.2 display template file.
fn template_file_node(t: &ms_oxoab::TemplateFile) -> Node {
    let mut root = Node::new("OAB display template file").with_value(format!(
        "{} bytes after the seven TMPLT_ENTRY (NAMES_STRUCT, address-creation templates, data)",
        t.rest.len()
    ));
    root.push(oab_hdr_node(&t.header));
    for slot in ms_oxoab::TemplateSlot::ALL {
        let e = t.entry(slot);
        let mut n = Node::new(format!("TMPLT_ENTRY {}", slot.name()));
        if e.is_empty() {
            root.push(n.with_value("empty"));
            continue;
        }
        for (what, (o, len)) in ["DN", "template", "script", "display name"]
            .into_iter()
            .zip(e.parts())
        {
            let v = if o == 0 {
                "absent".to_string()
            } else {
                match (what, t.bytes_at(o, len)) {
                    (_, None) => format!("0x{o:X}, {len} bytes: outside the file"),
                    ("DN", Some(b)) => {
                        format!("0x{o:X}: {}", key_text(b.strip_suffix(&[0]).unwrap_or(b)))
                    }
                    (_, Some(_)) => format!("0x{o:X}, {len} bytes"),
                }
            };
            n.push(Node::leaf(what, v));
        }
        match t.template(slot, &crate::cli::options()) {
            Some(Ok(tm)) => match crate::cmd::abkt::template_node(&tm.value, None) {
                Ok(node) => n.push(node),
                Err(e) => n.push(Node::leaf("template strings", format!("error: {e}"))),
            },
            Some(Err(e)) => n.push(Node::leaf("template (MS-OXOABKT)", format!("error: {e}"))),
            None => {}
        }
        match t.script(slot, &crate::cli::options()) {
            Some(Ok(sc)) => n.push(crate::cmd::abkt::script_node(&sc.value)),
            Some(Err(e)) => n.push(Node::leaf("script (MS-OXOABKT)", format!("error: {e}"))),
            None => {}
        }
        root.push(n);
    }
    root
}

fn key_text(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// Shows at most this many records of a version 2/3 file.
const V2V3_MAX_RECORDS: usize = 1000;

/// A version 2/3 Browse, RDN Index, ANR Index, Details or Changes file or
/// a display template, as a tree (which of Browse/RDN/ANR it is, is
/// guessed from the sizes, [`ms_oxoab::guess_v2v3_kind`]).
fn v2v3_node(b: &[u8]) -> anyhow::Result<Node> {
    use ms_oxoab::V2V3Kind;
    let kind = ms_oxoab::guess_v2v3_kind(b)
        .ok_or_else(|| anyhow::anyhow!("not a version 2/3 OAB file"))?;
    let more = |root: &mut Node, n: usize| {
        if n > V2V3_MAX_RECORDS {
            root.push(Node::leaf("more records", n - V2V3_MAX_RECORDS));
        }
    };
    let trailing = |root: &mut Node, t: &[u8]| {
        if !t.is_empty() {
            root.push(Node::leaf("trailing bytes", t.len()));
        }
    };
    Ok(match kind {
        V2V3Kind::Browse => {
            let f = ms_oxoab::BrowseFile::decode_exact(b)?;
            let mut root = Node::new("OAB version 2/3 Browse file")
                .with_value(format!("{} records", f.records.len()));
            root.push(oab_hdr_node(&f.header));
            for (i, r) in f.records.iter().take(V2V3_MAX_RECORDS).enumerate() {
                root.push(Node::leaf(
                    format!("B2_REC {i}"),
                    format!(
                        "oRDN 0x{:X} oDetails 0x{:X} cbDetails {} bDispType {} bObjType {}{} oSMTP 0x{:X} oDispName 0x{:X} oAlias 0x{:X} oLocation 0x{:X} oSurname 0x{:X}",
                        r.o_rdn, r.o_details, r.cb_details, r.disp_type, r.obj_type(),
                        if r.receives_rich_content() { " (rich content)" } else { "" },
                        r.o_smtp, r.o_disp_name, r.o_alias, r.o_location, r.o_surname
                    ),
                ));
            }
            more(&mut root, f.records.len());
            trailing(&mut root, &f.trailing);
            root
        }
        V2V3Kind::RdnIndex => {
            let f = ms_oxoab::RdnFile::decode_exact(b)?;
            let mut root = Node::new("OAB version 2/3 RDN Index file").with_value(format!(
                "{} parent DNs, {} records",
                f.parent_dns.len(),
                f.records.len()
            ));
            let h = &f.header;
            root.push(
                Node::new("RDN_HDR")
                    .child(Node::leaf("ulVersion", format!("0x{:02X}", h.version)))
                    .child(Node::leaf("ulSerial", format!("0x{:08X}", h.serial)))
                    .child(Node::leaf("ulTotRecs", h.total_records))
                    .child(Node::leaf("RDN hash of the records (2.3.3, by iBrowse)", {
                        let mut recs: Vec<_> = f.records.iter().collect();
                        recs.sort_by_key(|r| r.i_browse);
                        let hash = ms_oxoab::rdn_hash(recs.iter().map(|r| r.key.as_slice()));
                        format!(
                            "0x{hash:08X}{}",
                            if hash == h.serial {
                                " (matches ulSerial)"
                            } else {
                                " (differs from ulSerial; SMTP local parts are RDN2_RECs too, the Browse file's oRDN says which count)"
                            }
                        )
                    }))
                    .child(Node::leaf("oRoot", format!("0x{:X}", h.o_root))),
            );
            for (o, k) in f.parent_dn_offsets().iter().zip(&f.parent_dns) {
                root.push(Node::leaf(format!("pdn-record at 0x{o:X}"), key_text(k)));
            }
            trailing(&mut root, &f.pdn_trailing);
            for (o, r) in f
                .record_offsets()
                .iter()
                .zip(&f.records)
                .take(V2V3_MAX_RECORDS)
            {
                root.push(Node::leaf(
                    format!("RDN2_REC at 0x{o:X}"),
                    format!(
                        "{:?} browse {} parent 0x{:X} lt 0x{:X} gt 0x{:X} prev 0x{:X} next 0x{:X}",
                        key_text(&r.key),
                        r.browse_index()
                            .map_or("reserved".into(), |i| i.to_string()),
                        r.o_parent_dn,
                        r.o_lt,
                        r.o_gt,
                        r.o_prev,
                        r.o_next
                    ),
                ));
            }
            more(&mut root, f.records.len());
            trailing(&mut root, &f.trailing);
            root
        }
        V2V3Kind::AnrIndex => {
            let f = ms_oxoab::AnrFile::decode_exact(b)?;
            let mut root = Node::new("OAB version 2/3 ANR Index file")
                .with_value(format!("{} records", f.records.len()));
            root.push(oab_hdr_node(&f.header));
            for (o, r) in f.offsets().iter().zip(&f.records).take(V2V3_MAX_RECORDS) {
                root.push(Node::leaf(
                    format!("ANR_REC at 0x{o:X}"),
                    format!(
                        "{:?} browse {}{} lt 0x{:X} gt 0x{:X} prev 0x{:X} next 0x{:X}",
                        key_text(&r.key),
                        r.browse_index()
                            .map_or("reserved".into(), |i| i.to_string()),
                        if r.is_alias() { " (alias)" } else { "" },
                        r.o_lt,
                        r.o_gt,
                        r.o_prev,
                        r.o_next
                    ),
                ));
            }
            more(&mut root, f.records.len());
            trailing(&mut root, &f.trailing);
            root
        }
        V2V3Kind::DetailsOrTemplate => {
            if let Some(t) = ms_oxoab::TemplateFile::decode_exact(b)
                .ok()
                .filter(|t| t.looks_valid())
            {
                return Ok(template_file_node(&t));
            }
            let f = ms_oxoab::Version7File::decode_exact(b)?;
            let mut root =
                Node::new("OAB version 2/3 Details file or display template file").with_value(
                    format!("{} bytes after OAB_HDR (not decoded)", f.data.len()),
                );
            root.push(oab_hdr_node(&f.header));
            root
        }
        V2V3Kind::Changes => {
            let f = ms_oxoab::ChangesFile::decode_exact(b)?;
            let mut root = Node::new("OAB version 2/3 Changes file").with_value(format!(
                "{} bytes of change-records (not decoded)",
                f.data.len()
            ));
            root.push(oab_hdr_node(&f.header));
            root
        }
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The CSV `msox oab dump --csv` prints: one column per rgOabAtts property.
pub fn details_csv(f: &FullDetails) -> String {
    let tags: Vec<PropertyTag> = f.metadata.oab_atts.props.iter().map(|p| p.tag).collect();
    let mut out = tags
        .iter()
        .map(|t| csv_field(&ms_oxoab::describe(*t)))
        .collect::<Vec<_>>()
        .join(",");
    out.push('\n');
    for r in &f.records {
        let row: Vec<String> = tags
            .iter()
            .map(|t| {
                r.get(*t)
                    .map(|v| csv_field(&value_text(v)))
                    .unwrap_or_default()
            })
            .collect();
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

/// Runs `msox oab`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Manifest { file, json, write } => {
            let bytes = crate::cli::read_input(file)?;
            let m = Manifest::parse(&bytes)?;
            if *write {
                crate::cli::print(&m.to_xml())
            } else if *json {
                crate::cli::print_json(&manifest_json(&m))
            } else {
                let mut s = String::new();
                manifest_node(&m).write_text(&mut s);
                crate::cli::print(&s)
            }
        }
        Cmd::Dump { file, json, csv } => {
            let bytes = crate::cli::read_input(file)?;
            let (kind, opened) = open(&bytes)?;
            match opened {
                Opened::Details(f, d) => {
                    if *json {
                        crate::cli::print_json(&details_json(kind, &f, &d))
                    } else if *csv {
                        crate::cli::print(&details_csv(&f))
                    } else {
                        let mut s = String::new();
                        details_node(kind, &f, &d, usize::MAX).write_text(&mut s);
                        crate::cli::print(&s)
                    }
                }
                Opened::V2V3(n) => {
                    if *csv {
                        return Err(crate::cli::usage(
                            "--csv needs a full details file, not a version 2/3 file",
                        ));
                    }
                    if *json {
                        crate::cli::print_json(&n.to_json())
                    } else {
                        let mut s = String::new();
                        n.write_text(&mut s);
                        crate::cli::print(&s)
                    }
                }
                Opened::Patch(p) => {
                    if *csv {
                        return Err(crate::cli::usage(
                            "--csv needs a full details file, not a patch",
                        ));
                    }
                    let n = patch_node(&p);
                    if *json {
                        crate::cli::print_json(&n.to_json())
                    } else {
                        let mut s = String::new();
                        n.write_text(&mut s);
                        crate::cli::print(&s)
                    }
                }
            }
        }
        Cmd::Decompress { input, output } => {
            let bytes = crate::cli::read_input(input)?;
            let opts = crate::cli::options();
            let mut sink = crate::cli::output_sink(output)?;
            let d = if ms_oxoab::file_kind(&bytes) == Some(FileKind::CompressedV2V3) {
                ms_oxoab::decompress_mdi_to(&bytes, &opts, &mut sink)?
            } else {
                ms_oxoab::decompress_to(&bytes, &opts, &mut sink)?
            };
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
        }
        Cmd::Generate {
            records,
            output,
            sequence,
            compress,
        } => {
            let mut bytes = ms_oxoab::generate::full_details_bytes(*records, *sequence)?;
            if *compress {
                bytes = compress_v4(&bytes, 6)?;
            }
            crate::cli::write_output(output, &bytes)
        }
        Cmd::Compress {
            input,
            output,
            level,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let spinner = crate::batch::Spinner::start(format!(
                "compressing {} bytes at level {level}",
                bytes.len()
            ));
            let packed = compress_v4(&bytes, *level)?;
            drop(spinner);
            crate::cli::write_output(output, &packed)
        }
        Cmd::Patch { old, patch, output } => {
            let old = crate::cli::read_input(old)?;
            let patch = crate::cli::read_input(patch)?;
            let mut sink = crate::cli::output_sink(output)?;
            let d = ms_oxoab::apply_patch_to(
                Base(&old),
                Patch(&patch),
                &crate::cli::options(),
                &mut sink,
            )?;
            crate::cli::report_defects(&d.defects);
            crate::cli::finish_sink(sink)
        }
        Cmd::Diff {
            old,
            new,
            patch,
            level,
        } => {
            let old = crate::cli::read_input(old)?;
            let new = crate::cli::read_input(new)?;
            let p = ms_oxoab::diff(Base(&old), Target(&new), &WriteOptions::level(*level))?;
            crate::cli::write_output(patch, &p)
        }
        Cmd::Template { out, templates } => {
            let mut data: Vec<Option<Vec<u8>>> = vec![None; 7];
            for t in templates {
                let (slot, file) = t
                    .split_once('=')
                    .ok_or_else(|| anyhow::anyhow!("expected SLOT=FILE, got {t:?}"))?;
                let slot = template_slot(slot)?;
                let bytes = crate::cli::read_input(std::path::Path::new(file))?;
                ms_oxoabkt::Template::decode_exact(&bytes)
                    .map_err(|e| anyhow::anyhow!("{file}: not MS-OXOABKT template data: {e}"))?;
                if let Some(d) = data.get_mut(slot as usize) {
                    *d = Some(bytes);
                }
            }
            let mut parts = [ms_oxoab::TemplateParts::default(); 7];
            for (p, d) in parts.iter_mut().zip(&data) {
                p.template = d.as_deref();
            }
            let f = ms_oxoab::TemplateFile::build(&parts, &[])?;
            crate::cli::write_output(out, &msox_codec::Encode::to_vec(&f)?)
        }
    }
}

/// Compresses a version 4 file through ms-patch (the default block size).
fn compress_v4(bytes: &[u8], level: u8) -> anyhow::Result<Vec<u8>> {
    Ok(ms_oxoab::compress(bytes, &WriteOptions::level(level))?)
}
