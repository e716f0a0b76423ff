//! `msox inspect FILE... [--json]`: detect the format by its signature and
//! print a tree (JSON: `file`, `format`, `description`, `size`, `ok`, `tree`). A tree
//! with an `error` node makes the run fail (exit 1); `defect` nodes make it
//! exit 3 as other lenient reads do.

use std::path::{Path, PathBuf};

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
        crate::cmd::cab::FORMAT,
        crate::cmd::chm::FORMAT,
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

/// The subcommands that read a format, by its [`Format::name`].
fn commands_for(name: &str) -> &'static str {
    match name {
        "tnef" => "`msox show`, `msox tnef list|extract|dump|to-msg|to-eml`",
        "msg" => "`msox show`, `msox msg dump|extract|to-tnef|to-eml`",
        "eml" => "`msox show`, `msox eml dump|to-msg|to-tnef|body|attachments`",
        "cab" => "`msox cab list|extract|test`",
        "chm" => "`msox chm list|extract`",
        "wbxml" => "`msox wbxml decode`",
        "rtfcp" | "rtf-compressed" => "`msox rtf decompress`",
        "rtf" => "`msox rtf to-html|to-text`",
        "lzx" | "lzxd" => "`msox lzx decompress` (`msox patch apply` for a patch)",
        "oab" | "oab-file" | "oab-manifest" => "`msox oab ...`",
        "abkt" => "`msox abkt`",
        _ => "`msox inspect`",
    }
}

/// A hint for bytes given to the wrong subcommand: what they look like and
/// which subcommands read them (empty when msox does not know them).
pub fn hint(bytes: &[u8]) -> String {
    match formats().iter().find(|f| (f.detect)(bytes)) {
        Some(f) => format!(
            "; it looks like {} ({}): try {}",
            f.description,
            f.name,
            commands_for(f.name)
        ),
        None if bytes.is_empty() => "; the file is empty".to_string(),
        None => String::new(),
    }
}

/// Arguments of `msox inspect`.
#[derive(Debug, clap::Args)]
pub struct InspectArgs {
    /// Files to inspect, or directories of them (`-` for stdin).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print JSON instead of a text tree (an array for several files).
    #[arg(long)]
    pub json: bool,
}

/// Whether a tree has a node labelled `error` (or `... error`).
fn has_label(n: &Node, what: &str) -> bool {
    n.label == what
        || n.label.ends_with(&format!(" {what}"))
        || n.children.iter().any(|c| has_label(c, what))
}

/// Runs `msox inspect`.
pub fn run(args: &InspectArgs) -> anyhow::Result<()> {
    let how = crate::batch::Batch {
        json_array: args.json,
        headers: false,
    };
    crate::batch::run(&args.files, how, |path| inspect_one(path, args.json))
}

fn inspect_one(path: &Path, json: bool) -> anyhow::Result<Vec<u8>> {
    let bytes = crate::cli::read_input(path)?;
    let formats = formats();
    let Some(f) = formats.iter().find(|f| (f.detect)(&bytes)) else {
        let head: Vec<u8> = bytes.iter().copied().take(8).collect();
        return Err(anyhow::Error::new(crate::cli::NotThisFormat(format!(
            "unknown format: {} ({} bytes, starting {}); msox knows: {}",
            path.display(),
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
        ))));
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
    if has_label(&tree, "defect") {
        crate::cli::mark_defects();
    }
    let failed = has_label(&tree, "error");
    let out = if json {
        crate::cli::json_text(&serde_json::json!({
            "file": path.display().to_string(),
            "format": f.name,
            "description": f.description,
            "size": bytes.len(),
            "ok": !failed,
            "tree": tree.to_json(),
        }))?
    } else {
        let mut s = format!("{} — {} ({} bytes)\n", f.name, f.description, bytes.len());
        tree.write_text(&mut s);
        s.into_bytes()
    };
    if failed {
        // the tree is the explanation: printed, and the run fails
        return Err(anyhow::Error::new(crate::batch::Damaged {
            output: out,
            message: format!(
                "{}: damaged {} (the tree shows the error)",
                path.display(),
                f.name
            ),
        }));
    }
    Ok(out)
}
