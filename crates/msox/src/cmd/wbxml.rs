//! `msox wbxml decode|encode`: ActiveSync WBXML ↔ XML ([MS-ASWBXML]), and
//! the `inspect` entry for WBXML documents.

use std::path::PathBuf;

use ms_aswbxml::{
    Event, Framing, Parser, XmlOptions, canonical, wbxml_to_xml_into, xml_to_wbxml_from,
};
use msox_codec::Decode;

use crate::node::Node;

/// `msox wbxml ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// WBXML to XML on stdout.
    Decode {
        /// The WBXML file (`-` for stdin).
        input: PathBuf,
        /// The input is a body without the WBXML header (Horde fixtures).
        #[arg(long)]
        headerless: bool,
        /// Record every wire choice so `encode` gives the same bytes back.
        #[arg(long)]
        lossless: bool,
        /// Print the peers' canonical text form instead of XML.
        #[arg(long, conflicts_with = "lossless")]
        canonical: bool,
        /// Write XML as libwbxml's wbxml2xml does (`xml2wbxml -v 1.3 -n -a`
        /// gives the same bytes back where libwbxml can).
        #[arg(long, conflicts_with_all = ["lossless", "canonical"])]
        libwbxml: bool,
    },
    /// XML to WBXML.
    Encode {
        /// The XML file (`-` for stdin).
        input: PathBuf,
        /// The WBXML file to write (`-` for stdout).
        output: PathBuf,
    },
}

/// Runs `msox wbxml`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Decode {
            input,
            headerless,
            lossless,
            canonical: canon,
            libwbxml,
        } => {
            let bytes = crate::cli::read_input(input)?;
            let framing = if *headerless {
                Framing::Headerless
            } else {
                Framing::Document
            };
            let opts = crate::cli::options();
            let mut sink = crate::cli::output_sink(std::path::Path::new("-"))?;
            let defects = if *canon {
                canonical::to_canonical_into(&bytes, framing, &opts, &mut sink)?.defects
            } else {
                let xopts = if *lossless {
                    XmlOptions::lossless()
                } else if *libwbxml {
                    XmlOptions::libwbxml()
                } else {
                    XmlOptions::default()
                };
                wbxml_to_xml_into(&bytes, framing, &opts, xopts, &mut sink)?.defects
            };
            crate::cli::report_defects(&defects);
            crate::cli::finish_sink(sink)
        }
        Cmd::Encode { input, output } => {
            // Read as it goes: memory stays flat whatever the sizes.
            let mut sink = crate::cli::output_sink(output)?;
            let opts = crate::cli::options();
            let out = if input.as_os_str() == "-" {
                let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin().lock());
                xml_to_wbxml_from(stdin, &opts, &mut sink)?
            } else {
                let f = std::fs::File::open(input)
                    .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
                xml_to_wbxml_from(
                    std::io::BufReader::with_capacity(1 << 16, f),
                    &opts,
                    &mut sink,
                )?
            };
            crate::cli::report_defects(&out.defects);
            crate::cli::finish_sink(sink)
        }
    }
}

/// WBXML documents: version 1.0–1.3, then a public id and UTF-8 (the
/// ActiveSync header `03 01 6A`), or any 1.x header whose body starts with
/// a tag or `SWITCH_PAGE`.
pub const FORMAT: crate::inspect::Format = crate::inspect::Format {
    name: "wbxml",
    description: "ActiveSync WBXML document, MS-ASWBXML",
    detect,
    inspect,
};

fn detect(b: &[u8]) -> bool {
    match b {
        [0x01..=0x03, 0x01, 0x6A, ..] => true,
        [v, ..] if *v <= 0x03 => matches!(
            ms_aswbxml::Header::decode_prefix(b),
            Ok((h, n)) if h.charset == Some(106)
                && matches!(b.get(n), Some(0x00) | Some(0x45..=0x7F) | Some(0x05..=0x3F))
        ),
        _ => false,
    }
}

fn inspect(b: &[u8]) -> anyhow::Result<Node> {
    let mut p = Parser::new(b, Framing::Document, &crate::cli::options())?;
    let h = *p.header();
    let mut root = Node::new("WBXML");
    let mut header = Node::new("header");
    header.push(Node::leaf("version", h.version_string()));
    header.push(Node::leaf("public id", format!("{:?}", h.public_id)));
    header.push(Node::leaf(
        "charset",
        h.charset.map_or("none (WBXML 1.0)".to_string(), |c| {
            if c == 106 {
                "106 (UTF-8)".to_string()
            } else {
                c.to_string()
            }
        }),
    ));
    header.push(Node::leaf(
        "string table",
        format!("{} bytes", h.string_table.len()),
    ));
    root.push(header);
    // Element tree: a stack of nodes.
    let mut stack: Vec<Node> = vec![Node::new("body")];
    while let Some(ev) = p.next_event()? {
        match ev {
            Event::Start(t) => {
                let n = Node::new(t.display_name());
                if t.content {
                    stack.push(n);
                } else if let Some(top) = stack.last_mut() {
                    top.push(n);
                }
            }
            Event::End => {
                if stack.len() > 1
                    && let Some(n) = stack.pop()
                    && let Some(top) = stack.last_mut()
                {
                    top.push(n);
                }
            }
            Event::Str(s) | Event::StrT { value: s, .. } => {
                // Bounded work: a text value shows at most its first 80
                // characters, however many strings the element holds.
                if let Some(top) = stack.last_mut() {
                    match &mut top.value {
                        Some(v) if v.len() >= 80 => {}
                        Some(v) => {
                            let room = 80 - v.len();
                            v.extend(String::from_utf8_lossy(s).chars().take(room));
                        }
                        None => {
                            let t: String = String::from_utf8_lossy(s).chars().take(80).collect();
                            top.value = Some(format!("{t:?}"));
                        }
                    }
                }
            }
            Event::Opaque(d) => {
                if let Some(top) = stack.last_mut() {
                    top.value = Some(format!("opaque, {} bytes", d.len()));
                }
            }
            _ => {}
        }
    }
    while stack.len() > 1 {
        if let Some(n) = stack.pop()
            && let Some(top) = stack.last_mut()
        {
            top.push(n);
        }
    }
    root.children.extend(stack);
    for d in p.finish() {
        root.push(Node::leaf("defect", d));
    }
    Ok(root)
}
