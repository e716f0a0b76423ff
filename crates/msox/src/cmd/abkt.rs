//! `msox abkt FILE [--json] [--encoding E] [--script]`: an address book
//! template ([MS-OXOABKT] PidTagTemplateData, or PidTagScriptData with
//! `--script`): every control with its position, type, flags, bound
//! property (named through ms-oxprops) and string. `msox inspect`
//! recognises templates by their structure (Type 1, rows that fit, string
//! offsets inside the data).

use std::path::PathBuf;

use ms_oxoabkt::{ScriptData, StringEncoding, TRow, TRowSet, Template};
use msox_codec::{CodePage, Decode};
use serde_json::{Value, json};

use crate::node::Node;

/// Arguments of `msox abkt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The template data (`-` for stdin).
    pub file: PathBuf,
    /// Print JSON instead of a tree.
    #[arg(long)]
    pub json: bool,
    /// String encoding: `unicode` (UTF-16LE) or a Windows code page number
    /// (e.g. 1252); guessed from the strings when omitted.
    #[arg(long)]
    pub encoding: Option<String>,
    /// The file is script data (PidTagScriptData), not a template.
    #[arg(long)]
    pub script: bool,
}

fn parse_encoding(s: &str) -> anyhow::Result<StringEncoding> {
    if s.eq_ignore_ascii_case("unicode") || s.eq_ignore_ascii_case("utf-16le") {
        return Ok(StringEncoding::Unicode);
    }
    let cp: u32 = s.parse().map_err(|_| {
        crate::cli::usage(format!(
            "--encoding must be `unicode` or a code page number, not {s:?}"
        ))
    })?;
    if CodePage(cp).encoding().is_none() {
        return Err(crate::cli::usage(format!("unknown code page {cp}")));
    }
    Ok(StringEncoding::CodePage(CodePage(cp)))
}

/// Runs `msox abkt`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let enc = args.encoding.as_deref().map(parse_encoding).transpose()?;
    let bytes = crate::cli::read_input(&args.file)?;
    if args.script {
        let s = ScriptData::decode_exact(&bytes)?;
        if args.json {
            return crate::cli::print_json(&script_json(&s));
        }
        let mut out = String::new();
        script_node(&s).write_text(&mut out);
        return crate::cli::print(&out);
    }
    let t = Template::decode_exact(&bytes)?;
    if args.json {
        return crate::cli::print_json(&template_json(&t, enc)?);
    }
    let mut out = String::new();
    template_node(&t, enc)?.write_text(&mut out);
    crate::cli::print(&out)
}

fn encoding_of(set: &TRowSet, enc: Option<StringEncoding>) -> StringEncoding {
    enc.unwrap_or_else(|| set.guess_encoding(CodePage::WINDOWS_1252))
}

fn property(row: &TRow) -> Option<String> {
    row.property_tag().map(|t| {
        let name = ms_oxprops::describe_tag(t);
        let hex = t.to_string();
        if name == hex {
            hex
        } else {
            format!("{name} ({hex})")
        }
    })
}

fn row_line(set: &TRowSet, row: &TRow, enc: StringEncoding) -> anyhow::Result<String> {
    let mut s = format!(
        "{} at ({}, {}) size {}x{}",
        row.control_type, row.x_pos, row.y_pos, row.delta_x, row.delta_y
    );
    if row.control_flags.0 != 0 {
        // The DT_* names are MAPI's flags for controls bound to a property;
        // on other rows they would mislead (a page's flags "MUST be
        // ignored", [MS-OXOABKT] 2.2.2.1.2, and the spec's section 4
        // example has 0x00000CE4 there), so those get the raw value.
        if row.control_type.binds_property() {
            s.push_str(&format!(" flags {}", row.control_flags));
        } else {
            s.push_str(&format!(" flags 0x{:08X}", row.control_flags.0));
        }
    }
    if let Some(p) = property(row) {
        s.push_str(&format!(" property {p}"));
    }
    if let Some(n) = row.max_chars().filter(|&n| n != 0) {
        s.push_str(&format!(" max {n}"));
    }
    if !row.control_type.binds_property() && row.control_structure.dw_type != 0 {
        s.push_str(&format!(" dwType 0x{:08X}", row.control_structure.dw_type));
    }
    if let Some(text) = set.row_text(row, enc)? {
        s.push_str(&format!(" {text:?}"));
    }
    Ok(s)
}

/// The tree printed for one template (also under `msox oab dump` of a
/// display template file).
pub(crate) fn template_node(t: &Template, enc: Option<StringEncoding>) -> anyhow::Result<Node> {
    let mut n = Node::new("Template (MS-OXOABKT)");
    match t {
        Template::RowSet(set) => {
            let enc = encoding_of(set, enc);
            n.push(Node::leaf("Type", "0x00000001 (TRowSet)"));
            n.push(Node::leaf("cRows", set.rows.len()));
            n.push(Node::leaf("strings", enc));
            let mut page = None::<Node>;
            let mut pages = Vec::new();
            for (i, row) in set.rows.iter().enumerate() {
                let line = row_line(set, row, enc)?;
                if row.control_type == ms_oxoabkt::ControlType::TabPage {
                    if let Some(p) = page.take() {
                        pages.push(p);
                    }
                    page = Some(Node::new(format!("[{i}] {line}")));
                } else {
                    let leaf = Node::new(format!("[{i}] {line}"));
                    match page.as_mut() {
                        Some(p) => p.push(leaf),
                        None => pages.push(leaf),
                    }
                }
            }
            pages.extend(page);
            for p in pages {
                n.push(p);
            }
        }
        Template::Other {
            template_type,
            data,
        } => {
            n.push(Node::leaf(
                "Type",
                format!("0x{template_type:08X} (not defined by the spec; kept raw)"),
            ));
            n.push(Node::leaf("data", format!("{} bytes", data.len())));
        }
    }
    Ok(n)
}

fn template_json(t: &Template, enc: Option<StringEncoding>) -> anyhow::Result<Value> {
    Ok(match t {
        Template::RowSet(set) => {
            let enc = encoding_of(set, enc);
            let rows = set
                .rows
                .iter()
                .map(|row| {
                    let c = &row.control_structure;
                    Ok(json!({
                        "x": row.x_pos,
                        "y": row.y_pos,
                        "width": row.delta_x,
                        "height": row.delta_y,
                        "control_type": row.control_type.to_string(),
                        "control_type_value": row.control_type.value(),
                        "control_flags": row.control_flags.0,
                        "control_flag_names": row.control_flags.names(),
                        "dwType": c.dw_type,
                        "ulSize": c.ul_size,
                        "ulString": c.ul_string,
                        "property": row.property_tag().map(|t| json!({
                            "tag": t.to_string(),
                            "name": ms_oxprops::by_tag(t).map(|d| d.canonical_name.as_str()),
                        })),
                        "string": set.row_text(row, enc)?,
                    }))
                })
                .collect::<anyhow::Result<Vec<Value>>>()?;
            json!({
                "type": 1,
                "encoding": enc.to_string(),
                "rows": rows,
                "string_area_bytes": set.string_area.len(),
            })
        }
        Template::Other {
            template_type,
            data,
        } => json!({
            "type": template_type,
            "data_hex": msox_codec::hex::encode(data),
        }),
    })
}

/// The tree printed for script data.
pub(crate) fn script_node(s: &ScriptData) -> Node {
    let mut n = Node::new("ScriptData (MS-OXOABKT 2.2.2.2)");
    n.push(Node::leaf("instruction DWORDs", s.instructions.len()));
    // Opcode names and operand counts: ms_oxoabkt::ScriptOpcode (from
    // Microsoft's protocol test suites, not the spec text).
    let mut words = Node::new("instructions");
    let (decoded, rest) = s.decode_instructions();
    let mut i = 0usize;
    for ins in &decoded {
        let mut line = ins.opcode.to_string();
        for op in &ins.operands {
            line.push_str(&format!(" 0x{op:08X}"));
        }
        words.push(Node::leaf(format!("[{i}]"), line));
        i += 1 + ins.operands.len();
    }
    for w in rest {
        words.push(Node::leaf(
            format!("[{i}]"),
            format!("0x{w:08X} (not decoded)"),
        ));
        i += 1;
    }
    n.push(words);
    n.push(Node::leaf(
        "data",
        format!(
            "{} bytes: {}",
            s.data.len(),
            msox_codec::hex::encode(&s.data)
        ),
    ));
    n
}

fn script_json(s: &ScriptData) -> Value {
    let (decoded, rest) = s.decode_instructions();
    json!({
        "instructions": s.instructions,
        "decoded": decoded.iter().map(|ins| json!({
            "opcode": ins.opcode.to_string(),
            "opcode_value": ins.opcode.value(),
            "operands": ins.operands,
        })).collect::<Vec<_>>(),
        "undecoded": rest,
        "data_hex": msox_codec::hex::encode(&s.data),
    })
}

/// Whether `b` is structurally a TRowSet: Type 1, a row count the bytes
/// back, and every string offset inside the data.
fn looks_like_template(b: &[u8]) -> bool {
    let Some(head) = b.get(..8) else {
        return false;
    };
    if head.get(..4) != Some(&[1, 0, 0, 0][..]) {
        return false;
    }
    match Template::decode_exact(b) {
        Ok(Template::RowSet(set)) => !set.rows.is_empty(),
        _ => false,
    }
}

/// `inspect` entry for address book templates (structure only: there is
/// no signature beyond `Type` 1, so this entry comes last).
pub const FORMAT: crate::inspect::Format = crate::inspect::Format {
    name: "abkt",
    description: "address book template (MS-OXOABKT TRowSet, PidTagTemplateData)",
    detect: looks_like_template,
    inspect: |b| template_node(&Template::decode_exact(b)?, None),
};
