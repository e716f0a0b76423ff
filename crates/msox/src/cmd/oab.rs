//! `msox oab manifest FILE [--json] [--write]`: the offline address book
//! manifest (oab.xml, [MS-OXWOAB]); `msox inspect` recognises it too.

use std::path::PathBuf;

use ms_oxwoab::{Manifest, OabFile, Oal};
use serde_json::{Value, json};

use crate::node::Node;

/// `msox oab ...`
#[derive(Debug, clap::Subcommand)]
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
    }
}
