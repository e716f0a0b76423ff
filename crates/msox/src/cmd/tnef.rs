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
#[command(defer = true)]
pub enum Cmd {
    /// Summarise: message class, subject, date, body hashes, attachments (name, size, SHA-256).
    List {
        /// TNEF files, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON (an array for several files).
        #[arg(long)]
        json: bool,
    },
    /// Write the attachments (embedded messages as their original TNEF bytes, OLE objects as their files), the text, RTF and HTML bodies into DIR (DIR/NAME for each of several files).
    Extract {
        /// TNEF files, or directories of them (`-` for stdin).
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Output directory (created).
        dir: PathBuf,
        /// Write embedded messages as .msg files instead of their TNEF bytes.
        #[arg(long)]
        embedded_as_msg: bool,
        /// What to do with files that exist.
        #[command(flatten)]
        clobber: crate::cli::ClobberArgs,
    },
    /// Print the whole message model (properties by name and tag, recipients, attachments) as readable JSON.
    Dump {
        /// TNEF files, or directories of them (`-` for stdin).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// JSON (the only output form; accepted for symmetry with other commands).
        #[arg(long)]
        json: bool,
        /// Print the lossless machine form `msox tnef build` and `msox msg build` read.
        #[arg(long)]
        raw: bool,
        /// Every binary value as base64 (by default those over 256 bytes are given as size and SHA-256).
        #[arg(long, conflicts_with = "raw")]
        full: bool,
    },
    /// Convert to an Outlook .msg file.
    ToMsg {
        /// The TNEF file (`-` for stdin).
        file: PathBuf,
        /// Output .msg file (`-` for stdout).
        out: PathBuf,
    },
    /// Convert to an Internet message (.eml).
    ToEml {
        /// The TNEF file (`-` for stdin).
        file: PathBuf,
        /// Output .eml file (`-` for stdout).
        out: PathBuf,
    },
    /// Build a TNEF file from the JSON `msox tnef dump --raw` prints.
    Build {
        /// The JSON file (`-` for stdin).
        json: PathBuf,
        /// Output TNEF file (`-` for stdout).
        out: PathBuf,
        /// Write only attMAPIProps-style attributes (no legacy attributes).
        #[arg(long)]
        mapi_only: bool,
    },
}

/// Reads a TNEF file's bytes; an error naming the right subcommand when
/// it is not TNEF.
pub fn read_bytes(path: &Path) -> anyhow::Result<Vec<u8>> {
    let bytes = crate::cli::read_input(path)?;
    if !ms_oxtnef::is_tnef(&bytes) {
        return Err(crate::cli::wrong_format(path, &bytes, "a TNEF stream"));
    }
    Ok(bytes)
}

/// Reads a TNEF file into the model, printing defects as warnings.
pub fn read_message(path: &Path) -> anyhow::Result<Message> {
    let bytes = read_bytes(path)?;
    let d = ms_oxtnef::to_message(&bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

fn list_text(m: &Message, v: &Value) -> String {
    let mut s = format!(
        "class: {}\nsubject: {}\n",
        m.message_class().unwrap_or_default(),
        m.subject().unwrap_or_default()
    );
    if let Some(d) = v.get("date").and_then(Value::as_str) {
        s.push_str(&format!("date: {d}\n"));
    }
    for a in v
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        s.push_str(&format!(
            "attachment: {}\t{}\t{}\n",
            a.get("name").and_then(Value::as_str).unwrap_or_default(),
            a.get("size")
                .and_then(Value::as_u64)
                .map_or("embedded message".to_string(), |n| format!("{n} bytes")),
            a.get("sha256").and_then(Value::as_str).unwrap_or_default()
        ));
    }
    s
}

/// Runs `msox tnef ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::List { files, json } => {
            let how = crate::batch::Batch {
                json_array: *json,
                headers: true,
            };
            crate::batch::run(files, how, |path| {
                let m = read_message(path)?;
                let v = crate::cmd::message::summary_json(&m);
                if *json {
                    crate::cli::json_text(&v)
                } else {
                    Ok(list_text(&m, &v).into_bytes())
                }
            })
        }
        Cmd::Extract {
            files,
            dir,
            embedded_as_msg,
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
                let to_msg = |m: &Message| ms_oxmsg::MsgFile::new(m.clone()).to_bytes();
                let x = ms_oxtnef::ExtractOptions {
                    convert_embedded: embedded_as_msg
                        .then_some((&to_msg as ms_oxtnef::extract::ConvertEmbedded<'_>, "msg")),
                };
                let target = dirs.get(path).unwrap_or(dir);
                // A large file: its attachment bytes are copied from the
                // file to the files (crate::sparse), never read into memory.
                if opts.mode != msox_codec::Mode::Strict
                    && let Some(sparse) = crate::sparse::read_tnef(path)
                {
                    // Every checksum was verified from the file.
                    let tnef = ms_oxtnef::TnefOptions {
                        verify_checksums: false,
                    };
                    let d = ms_oxtnef::extract_all_with(&sparse.bytes, &opts, &x, tnef)?;
                    let ranges: Result<Vec<_>, ()> = d
                        .value
                        .files
                        .iter()
                        .map(|f| sparse.range_of(&f.data))
                        .collect();
                    if let Ok(ranges) = ranges {
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
                }
                let bytes = read_bytes(path)?;
                // One read; the attachment files are written straight from
                // the input (attAttachData), not from copies.
                let d = ms_oxtnef::extract_all(&bytes, &opts, &x)?;
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
        Cmd::Dump {
            files, raw, full, ..
        } => {
            if !*raw && let Some(path) = crate::batch::single_file(files) {
                // One file: read borrowing (attachment bytes stay in the
                // input) and written as it is serialized.
                let bytes = read_bytes(&path)?;
                let d = ms_oxtnef::to_message_borrowing(&bytes, &crate::cli::options())?;
                crate::cli::report_defects(&d.defects);
                let b = d.value;
                let Some((data, objects)) =
                    crate::json::copies_if_small(bytes.len(), &b.attach_data, &b.attach_object)
                else {
                    return crate::cli::write_json(&crate::json::MessageJson::with_left_out(
                        &b.message,
                        *full,
                        &b.attach_data,
                        &b.attach_object,
                    ));
                };
                // Little of the input is attachment bytes: copied, and the
                // input let go before the JSON is written.
                let message = b.message;
                drop(bytes);
                let (data, objects) = (
                    crate::json::as_slices(&data),
                    crate::json::as_slices(&objects),
                );
                return crate::cli::write_json(&crate::json::MessageJson::with_left_out(
                    &message, *full, &data, &objects,
                ));
            }
            let how = crate::batch::Batch {
                json_array: true,
                headers: false,
            };
            crate::batch::run(files, how, |path| {
                let m = read_message(path)?;
                if *raw {
                    let mut v = serde_json::to_vec(&m)?;
                    v.push(b'\n');
                    Ok(v)
                } else {
                    crate::cli::json_bytes(&crate::json::MessageJson::new(&m, *full))
                }
            })
        }
        Cmd::ToMsg { file, out } => {
            let bytes = read_bytes(file)?;
            let d = ms_oxmsg::tnef_to_msg(&bytes, &crate::cli::options())?;
            crate::cli::report_defects(&d.defects);
            crate::cli::write_output(out, &d.value)
        }
        Cmd::ToEml { file, out } => crate::cmd::eml::tnef_to_eml(file, out),
        Cmd::Build {
            json,
            out,
            mapi_only,
        } => {
            let text = crate::cli::read_input(json)?;
            let m: Message = serde_json::from_slice(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}: {e} (build reads the form `msox tnef dump --raw` prints)",
                    json.display()
                )
            })?;
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
