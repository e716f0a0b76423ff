//! `msox tnef list|extract|dump|build`: TNEF streams (winmail.dat), MS-OXTNEF.

use std::path::{Path, PathBuf};

use ms_oxcmsg::Message;
use ms_oxtnef::{AttributeLevel, TnefStream, WriteOptions};
use msox_codec::{Decode, Encode};
use serde_json::Value;

use crate::inspect::Format;
use crate::node::Node;

/// `msox tnef ...`
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Summarise: message class, subject, body hashes, attachments (name, size, SHA-256).
    List {
        /// The TNEF file.
        file: PathBuf,
        /// Print JSON (the shape the peer scripts print).
        #[arg(long)]
        json: bool,
    },
    /// Write the attachments (embedded messages as their original TNEF bytes, OLE objects as their files), the text, RTF and HTML bodies into DIR.
    Extract {
        /// The TNEF file.
        file: PathBuf,
        /// Output directory (created).
        dir: PathBuf,
        /// Write embedded messages as .msg files instead of their TNEF bytes.
        #[arg(long)]
        embedded_as_msg: bool,
    },
    /// Print the whole message model (properties, recipients, attachments) as JSON.
    Dump {
        /// The TNEF file.
        file: PathBuf,
        /// JSON (the only output form; accepted for symmetry with other commands).
        #[arg(long)]
        json: bool,
    },
    /// Convert to an Outlook .msg file.
    ToMsg {
        /// The TNEF file.
        file: PathBuf,
        /// Output .msg file.
        out: PathBuf,
    },
    /// Build a TNEF file from the JSON `msox tnef dump` prints.
    Build {
        /// The JSON file.
        json: PathBuf,
        /// Output TNEF file.
        out: PathBuf,
        /// Write only attMAPIProps-style attributes (no legacy attributes).
        #[arg(long)]
        mapi_only: bool,
    },
}

/// Reads a TNEF file into the model, printing defects as warnings.
pub fn read_message(path: &Path) -> anyhow::Result<Message> {
    let bytes = crate::cli::read_input(path)?;
    let d = ms_oxtnef::to_message(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// Runs `msox tnef ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::List { file, json } => {
            let m = read_message(file)?;
            let v = crate::cmd::message::summary_json(&m, "msox");
            if *json {
                crate::cli::print_json(&v)
            } else {
                let mut s = format!(
                    "class: {}\nsubject: {}\n",
                    m.message_class().unwrap_or_default(),
                    m.subject().unwrap_or_default()
                );
                for a in v
                    .get("attachments")
                    .unwrap_or(&Value::Null)
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    s.push_str(&format!(
                        "attachment: {}\t{}\t{}\n",
                        a.get("name")
                            .unwrap_or(&Value::Null)
                            .as_str()
                            .unwrap_or_default(),
                        a.get("size")
                            .unwrap_or(&Value::Null)
                            .as_u64()
                            .map_or("embedded message".to_string(), |n| format!("{n} bytes")),
                        a.get("sha256")
                            .unwrap_or(&Value::Null)
                            .as_str()
                            .unwrap_or_default()
                    ));
                }
                crate::cli::print(&s)
            }
        }
        Cmd::Extract {
            file,
            dir,
            embedded_as_msg,
        } => {
            let bytes = crate::cli::read_input(file)?;
            let opts = crate::cli::options();
            let d = if *embedded_as_msg {
                ms_oxmsg::extract_tnef_as_msg(&bytes, &opts)?
            } else {
                ms_oxtnef::extract(&bytes, &opts, &ms_oxtnef::ExtractOptions::default())?
            };
            crate::cli::report_defects(&d.defects);
            let m = ms_oxtnef::to_message(&bytes, &opts)?.value;
            for p in crate::cmd::message::extract(&m, &d.value, dir)? {
                println!("{}", p.display());
            }
            Ok(())
        }
        Cmd::Dump { file, .. } => {
            let m = read_message(file)?;
            crate::cli::print_json(&serde_json::to_value(&m)?)
        }
        Cmd::ToMsg { file, out } => {
            let bytes = crate::cli::read_input(file)?;
            let d = ms_oxmsg::tnef_to_msg(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(out, &d.value)
        }
        Cmd::Build {
            json,
            out,
            mapi_only,
        } => {
            let text = crate::cli::read_input(json)?;
            let m: Message = serde_json::from_slice(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", json.display()))?;
            let opts = WriteOptions {
                legacy_attributes: !mapi_only,
                ..WriteOptions::default()
            };
            crate::cli::write_output(out, &ms_oxtnef::message_to_bytes(&m, &opts)?)
        }
    }
}

/// `inspect` entry for TNEF streams.
pub const FORMAT: Format = Format {
    name: "tnef",
    description: "TNEF stream (winmail.dat), MS-OXTNEF",
    detect: ms_oxtnef::is_tnef,
    inspect,
};

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let opts = crate::cli::options();
    let d = TnefStream::decode_bytes(bytes, &opts)?;
    let s = &d.value;
    let mut root =
        Node::new("TNEF stream").with_value(format!("{} attributes", s.attributes.len()));
    root.push(Node::leaf("legacy key", format!("0x{:04X}", s.legacy_key)));
    let mut offset = 6usize;
    for (i, a) in s.attributes.iter().enumerate() {
        let level = match a.level {
            AttributeLevel::Message => "message",
            AttributeLevel::Attachment => "attachment",
            _ => "unknown level",
        };
        let mut n = Node::new(format!("attribute {i} @{offset}")).with_value(format!(
            "{} ({level}), {} bytes",
            a.id,
            a.data.len()
        ));
        if !a.checksum_ok() {
            n.push(Node::leaf(
                "checksum",
                format!(
                    "0x{:04X} stored, 0x{:04X} computed",
                    a.checksum,
                    a.computed_checksum()
                ),
            ));
        }
        offset += a.encoded_len();
        root.push(n);
    }
    for x in &d.defects {
        root.push(Node::leaf("defect", x));
    }
    let md = ms_oxtnef::to_message(bytes, &opts)?;
    let m = md.value;
    let mut model = Node::new("message");
    for x in &md.defects {
        model.push(Node::leaf("defect", x));
    }
    model.push(Node::leaf("class", m.message_class().unwrap_or_default()));
    model.push(Node::leaf("subject", m.subject().unwrap_or_default()));
    model.push(Node::leaf("properties", m.properties.len()));
    model.push(Node::leaf("recipients", m.recipients.len()));
    for (i, a) in m.attachments.iter().enumerate() {
        model.push(Node::leaf(
            format!("attachment {i}"),
            a.file_name().unwrap_or_default(),
        ));
    }
    root.push(model);
    let _ = s.encoded_len();
    Ok(root)
}
