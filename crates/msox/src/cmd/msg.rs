//! `msox msg dump|extract|to-tnef|build`: Outlook .msg / .oft files, MS-OXMSG.

use std::path::{Path, PathBuf};

use ms_oxcmsg::Message;
use ms_oxmsg::MsgFile;
use ms_oxtnef::WriteOptions;
use msox_codec::Decode;

use crate::inspect::Format;
use crate::node::Node;

/// `msox msg ...`
#[derive(Debug, clap::Subcommand)]
pub enum Cmd {
    /// Print the message model as JSON (`--summary`: the peer scripts' shape).
    Dump {
        /// The .msg file.
        file: PathBuf,
        /// JSON (the only output form; accepted for symmetry).
        #[arg(long)]
        json: bool,
        /// Print the short summary (class, subject, sender, recipients, body hashes, attachments).
        #[arg(long)]
        summary: bool,
    },
    /// Write attachments (embedded messages as .msg holding their original storage, OLE objects as their files) and the text, RTF and HTML bodies into DIR.
    Extract {
        /// The .msg file.
        file: PathBuf,
        /// Output directory (created).
        dir: PathBuf,
    },
    /// Convert to TNEF (winmail.dat).
    ToTnef {
        /// The .msg file.
        file: PathBuf,
        /// Output TNEF file.
        out: PathBuf,
    },
    /// Build a .msg from the JSON `msox msg dump` (or `msox tnef dump`) prints.
    Build {
        /// The JSON file.
        json: PathBuf,
        /// Output .msg file.
        out: PathBuf,
        /// Write an .oft template (root CLSID {0006F046-...}).
        #[arg(long)]
        oft: bool,
    },
}

/// Reads a .msg file, printing defects as warnings.
pub fn read(path: &Path) -> anyhow::Result<MsgFile> {
    let bytes = crate::cli::read_input(path)?;
    let d = MsgFile::decode_bytes(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// Runs `msox msg ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Dump { file, summary, .. } => {
            let f = read(file)?;
            if *summary {
                crate::cli::print_json(&crate::cmd::message::msg_summary_json(&f.message, "msox"))
            } else {
                crate::cli::print_json(&serde_json::to_value(&f.message)?)
            }
        }
        Cmd::Extract { file, dir } => {
            let bytes = crate::cli::read_input(file)?;
            let d = ms_oxmsg::extract(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            let f = MsgFile::decode_bytes(&bytes, &crate::cli::options())?.value;
            for p in crate::cmd::message::extract(&f.message, &d.value, dir)? {
                println!("{}", p.display());
            }
            Ok(())
        }
        Cmd::ToTnef { file, out } => {
            let bytes = crate::cli::read_input(file)?;
            let d =
                ms_oxmsg::msg_to_tnef(&bytes, &crate::cli::options(), &WriteOptions::default())?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(out, &d.value)
        }
        Cmd::Build { json, out, oft } => {
            let text = crate::cli::read_input(json)?;
            let m: Message = serde_json::from_slice(&text)
                .map_err(|e| anyhow::anyhow!("{}: {e}", json.display()))?;
            let mut f = MsgFile::new(m);
            if *oft {
                f.root_clsid = ms_oxmsg::CLSID_OFT;
            }
            crate::cli::write_output(out, &f.to_bytes()?)
        }
    }
}

/// `inspect` entry for .msg files.
pub const FORMAT: Format = Format {
    name: "msg",
    description: "Outlook item (.msg/.oft), MS-OXMSG",
    detect: ms_oxmsg::is_msg,
    inspect,
};

fn inspect(bytes: &[u8]) -> anyhow::Result<Node> {
    let d = MsgFile::decode_bytes(bytes, &crate::cli::options())?;
    let (f, defects) = (d.value, d.defects);
    let mut root = Node::new("message").with_value(if f.root_clsid == ms_oxmsg::CLSID_OFT {
        "template (.oft)"
    } else {
        ".msg"
    });
    fn msg_node(m: &Message, root: &mut Node) {
        root.push(Node::leaf("class", m.message_class().unwrap_or_default()));
        root.push(Node::leaf("subject", m.subject().unwrap_or_default()));
        root.push(Node::leaf("properties", m.properties.len()));
        for (i, r) in m.recipients.iter().enumerate() {
            root.push(Node::leaf(
                format!("recipient {i}"),
                format!(
                    "{} <{}>",
                    r.display_name().unwrap_or_default(),
                    r.email().unwrap_or_default()
                ),
            ));
        }
        for (i, a) in m.attachments.iter().enumerate() {
            let mut n =
                Node::new(format!("attachment {i}")).with_value(a.file_name().unwrap_or_default());
            if let Some(e) = &a.embedded {
                let mut inner = Node::new("embedded message");
                msg_node(e, &mut inner);
                n.push(inner);
            }
            root.push(n);
        }
    }
    msg_node(&f.message, &mut root);
    root.push(Node::leaf("named properties", f.named.len()));
    for d in defects {
        root.push(Node::leaf("defect", d));
    }
    Ok(root)
}
