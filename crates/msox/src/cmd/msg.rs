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
#[command(defer = true)]
pub enum Cmd {
    /// Print the message model as readable JSON (`--summary`: the short form; `--raw`: what `build` reads).
    Dump {
        /// .msg files, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// JSON (the only output form; accepted for symmetry).
        #[arg(long)]
        json: bool,
        /// Print the short summary (class, subject, date, sender, recipients, body hashes, attachments).
        #[arg(long, conflicts_with_all = ["raw", "full"])]
        summary: bool,
        /// Print the lossless machine form `msox msg build` and `msox tnef build` read.
        #[arg(long)]
        raw: bool,
        /// Every binary value as base64 (by default those over 256 bytes are given as size and SHA-256).
        #[arg(long, conflicts_with = "raw")]
        full: bool,
    },
    /// Write attachments (embedded messages as .msg holding their original storage, OLE objects as their files) and the text, RTF and HTML bodies into DIR (DIR/NAME for each of several files).
    Extract {
        /// .msg files, or directories of them (`-` for stdin).
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Output directory (created).
        dir: PathBuf,
        /// What to do with files that exist.
        #[command(flatten)]
        clobber: crate::cli::ClobberArgs,
    },
    /// Convert to TNEF (winmail.dat).
    ToTnef {
        /// The .msg file (`-` for stdin).
        file: PathBuf,
        /// Output TNEF file (`-` for stdout).
        out: PathBuf,
    },
    /// Convert to an Internet message (.eml).
    ToEml {
        /// The .msg file (`-` for stdin).
        file: PathBuf,
        /// Output .eml file (`-` for stdout).
        out: PathBuf,
    },
    /// Build a .msg from the JSON `msox msg dump --raw` (or `msox tnef dump --raw`) prints.
    Build {
        /// The JSON file (`-` for stdin).
        json: PathBuf,
        /// Output .msg file (`-` for stdout).
        out: PathBuf,
        /// Write an .oft template (root CLSID {0006F046-...}).
        #[arg(long)]
        oft: bool,
    },
}

/// Reads a .msg file's bytes; an error naming the right subcommand when
/// it is not a .msg.
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = crate::cli::read_input(path)?;
    if !ms_oxmsg::is_msg(&bytes) {
        return Err(crate::cli::wrong_format(
            path,
            &bytes,
            "an Outlook .msg file",
        ));
    }
    Ok(bytes)
}

/// Reads a .msg file, printing defects as warnings.
pub fn read(path: &Path) -> anyhow::Result<MsgFile> {
    let bytes = read_bytes(path)?;
    let d = MsgFile::decode_bytes(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// Runs `msox msg ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Dump {
            files,
            summary,
            raw,
            full,
            ..
        } => {
            if !*raw
                && !*summary
                && let Some(path) = crate::batch::single_file(files)
            {
                // One file: read borrowing (the top-level attachments'
                // bytes stay in the input, and none is copied against the
                // session's allocation budget) and written as it is
                // serialized.
                let bytes = read_bytes(&path)?;
                let d = ms_oxmsg::read_borrowing(&bytes, &crate::cli::options())?;
                crate::cli::report_defects(&d.defects);
                let b = d.value;
                let left: Vec<Option<&[u8]>> = b.attach_data.iter().map(|c| c.as_deref()).collect();
                let Some((data, _)) = crate::json::copies_if_small(bytes.len(), &left, &[]) else {
                    return crate::cli::write_json(&crate::json::MessageJson::with_left_out(
                        &b.file.message,
                        *full,
                        &left,
                        &[],
                    ));
                };
                // Little of the input is attachment bytes: copied, and the
                // input let go before the JSON is written.
                let message = b.file.message;
                drop(left);
                drop(bytes);
                let data = crate::json::as_slices(&data);
                return crate::cli::write_json(&crate::json::MessageJson::with_left_out(
                    &message,
                    *full,
                    &data,
                    &[],
                ));
            }
            let how = crate::batch::Batch {
                json_array: true,
                headers: false,
            };
            crate::batch::run(files, how, |path| {
                let f = read(path)?;
                if *summary {
                    crate::cli::json_text(&crate::cmd::message::msg_summary_json(&f.message))
                } else if *raw {
                    let mut v = serde_json::to_vec(&f.message)?;
                    v.push(b'\n');
                    Ok(v)
                } else {
                    crate::cli::json_bytes(&crate::json::MessageJson::new(&f.message, *full))
                }
            })
        }
        Cmd::Extract {
            files,
            dir,
            clobber,
        } => {
            let inputs = crate::batch::expand(files);
            let paths: Vec<PathBuf> = inputs.iter().map(|i| i.path.clone()).collect();
            let dirs: std::collections::HashMap<PathBuf, PathBuf> = paths
                .iter()
                .cloned()
                .zip(crate::cmd::message::out_dirs(&paths, dir))
                .collect();
            crate::batch::run_inputs(&inputs, crate::batch::Batch::default(), |path| {
                let opts = crate::cli::options();
                let target = dirs.get(path).unwrap_or(dir);
                // A large file: its long attachment data streams are copied
                // from the file to the files (crate::sparse), never read
                // into memory.
                if opts.mode != msox_codec::Mode::Strict
                    && let Some(sparse) = crate::sparse::read_msg(path)
                    && let Ok(d) = ms_oxmsg::extract_all(&sparse.bytes, &opts)
                    && let Some(ranges) = sparse.ranges_of(d.value.files.iter().map(|f| &*f.data))
                {
                    crate::cli::report_defects(&d.defects);
                    let got = d.value;
                    return crate::cmd::message::write_extraction(
                        target,
                        &got.message,
                        got.files,
                        Some(&sparse),
                        ranges,
                        *clobber,
                    );
                }
                let bytes = read_bytes(path)?;
                // One read; attachment files are written straight from the
                // input where their sectors lie together, not from copies.
                let d = ms_oxmsg::extract_all(&bytes, &opts)?;
                crate::cli::report_defects(&d.defects);
                let got = d.value;
                crate::cmd::message::write_extraction(
                    target,
                    &got.message,
                    got.files,
                    None,
                    Vec::new(),
                    *clobber,
                )
            })
        }
        Cmd::ToTnef { file, out } => {
            let bytes = read_bytes(file)?;
            let d =
                ms_oxmsg::msg_to_tnef(&bytes, &crate::cli::options(), &WriteOptions::default())?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(out, &d.value)
        }
        Cmd::ToEml { file, out } => crate::cmd::eml::msg_to_eml(file, out),
        Cmd::Build { json, out, oft } => {
            let text = crate::cli::read_input(json)?;
            let m: Message = serde_json::from_slice(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e} (build reads the form `msox msg dump --raw` prints)",
                    json.display()
                )
            })?;
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
