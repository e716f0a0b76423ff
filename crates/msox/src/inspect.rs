//! `msox inspect FILE [--json]`: detect the format by its signature and print a tree.

use std::path::PathBuf;

use crate::node::Node;

/// One format `inspect` knows: how to recognise it and how to show it.
pub struct Format {
    /// Short name, e.g. `"tnef"`.
    pub name: &'static str,
    /// What it is, e.g. `"TNEF stream (winmail.dat), MS-OXTNEF"`.
    pub description: &'static str,
    /// Whether `bytes` look like this format (by signature, cheap).
    pub detect: fn(&[u8]) -> bool,
    /// Decodes and builds the tree.
    pub inspect: fn(&[u8]) -> anyhow::Result<Node>,
}

/// Every format, most specific signature first. Each format module adds
/// its entry here.
pub fn formats() -> Vec<Format> {
    vec![
        crate::cmd::tnef::FORMAT,
        crate::cmd::msg::FORMAT,
        crate::cmd::oab::FORMAT_OAB,
        crate::cmd::lzx::FORMAT,
        crate::cmd::mszip::FORMAT_CAB,
        crate::cmd::wbxml::FORMAT,
        crate::cmd::rtf::FORMAT,
        crate::cmd::rtf::FORMAT_RTF,
        crate::cmd::oab::FORMAT,
        crate::cmd::abkt::FORMAT,
        crate::cmd::oxcrpc::FORMAT_RPC_EXT2,
        crate::cmd::cal::FORMAT_RECUR,
        crate::cmd::cal::FORMAT_GOID,
        crate::cmd::oxcrpc::FORMAT_EXT,
        crate::cmd::eml::FORMAT,
    ]
}

/// Arguments of `msox inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// The file to inspect (`-` for stdin).
    pub file: PathBuf,
    /// Print JSON instead of a text tree.
    #[arg(long)]
    pub json: bool,
}

/// Runs `msox inspect`.
pub fn run(args: &InspectArgs) -> anyhow::Result<()> {
    let bytes = crate::cli::read_input(&args.file)?;
    let formats = formats();
    let Some(f) = formats.iter().find(|f| (f.detect)(&bytes)) else {
        let head: Vec<u8> = bytes.iter().copied().take(8).collect();
        anyhow::bail!(
            "unknown format ({} bytes, starting {}); msox knows: {}",
            bytes.len(),
            if head.is_empty() {
                "empty".to_string()
            } else {
                msox_codec::hex::encode(&head)
            },
            if formats.is_empty() {
                "no formats yet".to_string()
            } else {
                formats
                    .iter()
                    .map(|f| f.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        );
    };
    // Several formats can share a signature (an OAB compressed file is an
    // LZXD file): the first whose inspection succeeds wins; if none does,
    // the first one's error is reported.
    let mut first_err = None;
    let mut found = None;
    for g in formats.iter().filter(|g| (g.detect)(&bytes)) {
        match (g.inspect)(&bytes) {
            Ok(t) => {
                found = Some((g, t));
                break;
            }
            Err(e) => {
                first_err.get_or_insert(e);
            }
        }
    }
    let (f, tree) = match (found, first_err) {
        (Some(x), _) => x,
        (None, Some(e)) => return Err(e),
        (None, None) => (f, (f.inspect)(&bytes)?),
    };
    if args.json {
        crate::cli::print_json(&serde_json::json!({
            "format": f.name,
            "description": f.description,
            "size": bytes.len(),
            "tree": tree.to_json(),
        }))
    } else {
        let mut s = format!("{} — {} ({} bytes)\n", f.name, f.description, bytes.len());
        tree.write_text(&mut s);
        crate::cli::print(&s)
    }
}
