//! `msox eml from-msg|from-tnef|to-msg|to-tnef|dump|body|attachments`:
//! Internet messages (RFC 5322 + MIME) and the MAPI message model,
//! converted as [MS-OXCMAIL] says.

use std::path::{Path, PathBuf};

use ms_oxcmail::mime::header::{decode_words, unfold};
use ms_oxcmail::mime::transfer::TransferEncoding;
use ms_oxcmail::mime::{EntityKind, MimeMessage};
use ms_oxcmail::{BodyFormat, MimeOptions};
use ms_oxcmsg::{Attachment, Message};
use msox_codec::{Decode, Defect};
use serde_json::{Map, Value, json};

use crate::inspect::Format;
use crate::json as show;
use crate::node::Node;

/// `msox eml ...`
#[derive(Debug, clap::Subcommand)]
#[command(defer = true)]
pub enum Cmd {
    /// Convert an Outlook .msg to an Internet message.
    FromMsg {
        /// The .msg file (`-` for stdin).
        input: PathBuf,
        /// The .eml to write (`-` for stdout).
        output: PathBuf,
    },
    /// Convert a TNEF stream (winmail.dat) to an Internet message.
    FromTnef {
        /// The TNEF file (`-` for stdin).
        input: PathBuf,
        /// The .eml to write (`-` for stdout).
        output: PathBuf,
    },
    /// Convert an Internet message to an Outlook .msg.
    ToMsg {
        /// The .eml file (`-` for stdin).
        input: PathBuf,
        /// The .msg to write (`-` for stdout).
        output: PathBuf,
    },
    /// Convert an Internet message to a TNEF stream (winmail.dat).
    ToTnef {
        /// The .eml file (`-` for stdin).
        input: PathBuf,
        /// The TNEF file to write (`-` for stdout).
        output: PathBuf,
    },
    /// Show an Internet message's MIME entity tree (offsets, header fields,
    /// content types, bodies), its defects, and the message model read from it.
    Dump {
        /// The .eml file (`-` for stdin).
        input: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print the message's best body ([MS-OXBBODY]), or the one asked for.
    /// Reads .eml, .msg and TNEF.
    Body {
        /// The message (`-` for stdin).
        input: PathBuf,
        /// The HTML body (PidTagHtml, or de-encapsulated from RTF).
        #[arg(long, group = "kind")]
        html: bool,
        /// The plain-text body.
        #[arg(long, group = "kind")]
        text: bool,
        /// The RTF body, decompressed.
        #[arg(long, group = "kind")]
        rtf: bool,
    },
    /// Write the attachments into DIR (embedded messages as .eml). Reads
    /// .eml, .msg and TNEF.
    Attachments {
        /// The message (`-` for stdin).
        input: PathBuf,
        /// The directory (created when missing).
        dir: PathBuf,
        /// What to do with files that exist.
        #[command(flatten)]
        clobber: crate::cli::ClobberArgs,
    },
}

fn mime_options() -> MimeOptions {
    MimeOptions {
        decode: crate::cli::options(),
        ..MimeOptions::default()
    }
}

/// Writes a message as an Internet message (streamed).
fn write_eml(m: &Message, out: &Path) -> anyhow::Result<()> {
    let mut sink = crate::cli::output_sink(out)?;
    let defects = ms_oxcmail::message_to_mime_to(m, &mime_options(), &mut sink)?;
    crate::cli::report_defects(&defects);
    crate::cli::finish_sink(sink)
}

/// Reads an Internet message into the model.
fn read_eml(bytes: &[u8]) -> anyhow::Result<Message> {
    let d = ms_oxcmail::mime_to_message(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

fn read_msg(bytes: &[u8]) -> anyhow::Result<Message> {
    let d = ms_oxmsg::MsgFile::decode_bytes(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value.message)
}

fn read_tnef(bytes: &[u8]) -> anyhow::Result<Message> {
    let d = ms_oxtnef::to_message(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// Reads a .msg, a TNEF stream or an Internet message, by signature
/// (`msox_mail::open_as`; what is neither .msg nor TNEF is read as MIME).
pub fn read_any(bytes: &[u8]) -> anyhow::Result<Message> {
    let format = msox_mail::detect(bytes).unwrap_or(msox_mail::MailFormat::Eml);
    let d = msox_mail::open_as(format, bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(d.value)
}

/// `msox msg to-eml IN OUT` (for cmd/msg.rs to call): a .msg as an
/// Internet message; `-` for stdin / stdout.
pub fn msg_to_eml(input: &Path, output: &Path) -> anyhow::Result<()> {
    let m = read_msg(&crate::cli::read_input(input)?)?;
    write_eml(&m, output)
}

/// `msox tnef to-eml IN OUT` (for cmd/tnef.rs to call): a TNEF stream as
/// an Internet message; `-` for stdin / stdout.
pub fn tnef_to_eml(input: &Path, output: &Path) -> anyhow::Result<()> {
    let m = read_tnef(&crate::cli::read_input(input)?)?;
    write_eml(&m, output)
}

/// Runs `msox eml ...`.
pub fn run(cmd: &Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::FromMsg { input, output } => msg_to_eml(input, output),
        Cmd::FromTnef { input, output } => tnef_to_eml(input, output),
        Cmd::ToMsg { input, output } => {
            let m = read_eml(&crate::cli::read_input(input)?)?;
            crate::cli::write_output(output, &ms_oxmsg::MsgFile::new(m).to_bytes()?)
        }
        Cmd::ToTnef { input, output } => {
            let m = read_eml(&crate::cli::read_input(input)?)?;
            crate::cli::write_output(
                output,
                &ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default())?,
            )
        }
        Cmd::Dump { input, json } => {
            let bytes = crate::cli::read_input(input)?;
            let (tree, v) = dump(&bytes)?;
            if *json {
                crate::cli::print_json(&v)
            } else {
                show::print_node(&tree)
            }
        }
        Cmd::Body {
            input,
            html,
            text,
            rtf,
        } => {
            let m = read_any(&crate::cli::read_input(input)?)?;
            let want = if *html {
                Want::Html
            } else if *text {
                Want::Text
            } else if *rtf {
                Want::Rtf
            } else {
                Want::Best
            };
            let body = body(&m, want)?;
            crate::cli::write_output(Path::new("-"), &body)
        }
        Cmd::Attachments {
            input,
            dir,
            clobber,
        } => {
            let m = read_any(&crate::cli::read_input(input)?)?;
            for p in attachments(&m, dir, *clobber)? {
                crate::cli::print(&format!("{}\n", p.display()))?;
            }
            Ok(())
        }
    }
}

// ---- bodies ------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Best,
    Html,
    Text,
    Rtf,
}

fn decompressed_rtf(m: &Message) -> anyhow::Result<Option<Vec<u8>>> {
    let Some(c) = m.rtf_compressed() else {
        return Ok(None);
    };
    let d = ms_oxrtfcp::decompress(c, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    Ok(Some(d.value.data))
}

/// The body asked for, as bytes (UTF-8 text and HTML; RTF as it is).
fn body(m: &Message, want: Want) -> anyhow::Result<Vec<u8>> {
    let d = ms_oxcmail::select_body(m, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    let b = d.value;
    let text = || {
        b.text
            .as_ref()
            .map(|t| t.trim_end_matches('\0').as_bytes().to_vec())
    };
    let html = || {
        b.html
            .clone()
            .or_else(|| ms_oxcmail::body::html_from_property(m))
            .map(String::into_bytes)
    };
    let got = match want {
        Want::Html => html(),
        Want::Text => text(),
        Want::Rtf => decompressed_rtf(m)?,
        Want::Best => match b.format {
            Some(BodyFormat::Html) => html().or_else(text),
            Some(BodyFormat::Plain) => text().or_else(html),
            _ => b
                .html
                .clone()
                .map(String::into_bytes)
                .or_else(|| b.rtf.clone())
                .or_else(text)
                .or_else(html),
        },
    };
    got.ok_or_else(|| {
        anyhow::anyhow!(
            "the message has no {} body",
            match want {
                Want::Html => "HTML",
                Want::Text => "plain-text",
                Want::Rtf => "RTF",
                Want::Best => "",
            }
        )
    })
}

// ---- attachments --------------------------------------------------------------------

/// What an attachment holds: by-value data, an OLE object's data, or an
/// embedded message written as an Internet message.
fn attachment_content(a: &Attachment) -> anyhow::Result<Option<Vec<u8>>> {
    if let Some(e) = &a.embedded {
        let mut v = Vec::new();
        let defects = ms_oxcmail::message_to_mime_to(e, &mime_options(), &mut v)?;
        crate::cli::report_defects(&defects);
        return Ok(Some(v));
    }
    Ok(msox_mail::attachment_bytes(a).map(<[u8]>::to_vec))
}

/// Writes the attachments into `dir`; the paths written.
fn attachments(
    m: &Message,
    dir: &Path,
    clobber: crate::cli::ClobberArgs,
) -> anyhow::Result<Vec<PathBuf>> {
    let names = msox_mail::attachment_file_names(m);
    let mut todo = Vec::new();
    for ((i, a), name) in m.attachments.iter().enumerate().zip(names) {
        match attachment_content(a)? {
            Some(data) => todo.push(crate::cli::OutFile {
                rel: name,
                data: data.into(),
                range: None,
            }),
            None => crate::cli::note(format!(
                "attachment {} ({name}) has no data to write (by reference or an OLE storage); left out",
                i + 1
            )),
        }
    }
    crate::cli::write_files(dir, todo, clobber)
}

// ---- the entity tree ------------------------------------------------------------------

fn te_name(t: TransferEncoding) -> &'static str {
    match t {
        TransferEncoding::SevenBit => "7bit",
        TransferEncoding::EightBit => "8bit",
        TransferEncoding::Binary => "binary",
        TransferEncoding::QuotedPrintable => "quoted-printable",
        TransferEncoding::Base64 => "base64",
        TransferEncoding::Uuencode => "x-uuencode",
        _ => "unknown",
    }
}

fn field_text(raw: &[u8]) -> String {
    let unfolded = unfold(raw);
    decode_words(&unfolded, None).0.trim().to_string()
}

/// One entity as JSON.
fn entity_json(mm: &MimeMessage<'_>, i: usize) -> Value {
    let e = mm.entity(i);
    let mut m = Map::new();
    m.insert("index".into(), json!(i));
    m.insert("parent".into(), json!(e.parent));
    m.insert("depth".into(), json!(e.depth));
    m.insert("offset".into(), json!(e.pos));
    m.insert("header_length".into(), json!(e.header.len()));
    m.insert("body_offset".into(), json!(e.body_pos));
    m.insert("body_length".into(), json!(e.body.len()));
    m.insert("content_type".into(), json!(e.mime_type()));
    if !e.content_type.params.is_empty() {
        m.insert(
            "parameters".into(),
            Value::Object(
                e.content_type
                    .params
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect(),
            ),
        );
    }
    m.insert("content_type_given".into(), json!(e.has_content_type));
    if let Some(c) = e.charset() {
        m.insert("charset".into(), json!(c));
    }
    m.insert(
        "transfer_encoding".into(),
        json!(te_name(e.transfer_encoding())),
    );
    if let Some(d) = e.disposition() {
        m.insert("disposition".into(), json!(d.value));
    }
    if let Some(f) = e.file_name() {
        m.insert("file_name".into(), json!(f));
    }
    if let Some(c) = e.content_id() {
        m.insert("content_id".into(), json!(c));
    }
    match &e.kind {
        EntityKind::Multipart {
            boundary,
            closed,
            delimited,
        } => {
            m.insert("kind".into(), json!("multipart"));
            m.insert("boundary".into(), json!(boundary));
            m.insert("closed".into(), json!(closed));
            m.insert("delimited".into(), json!(delimited));
        }
        EntityKind::Message => {
            m.insert("kind".into(), json!("message"));
        }
        _ => {
            m.insert("kind".into(), json!("leaf"));
        }
    }
    m.insert(
        "fields".into(),
        Value::Array(
            e.fields
                .iter()
                .map(|f| json!({"name": f.name_str(), "offset": f.pos, "value": field_text(f.value)}))
                .collect(),
        ),
    );
    m.insert("children".into(), json!(e.children));
    Value::Object(m)
}

fn entity_node(mm: &MimeMessage<'_>, i: usize, depth: u32) -> Node {
    let e = mm.entity(i);
    let mut what = e.mime_type().to_string();
    match &e.kind {
        EntityKind::Multipart {
            boundary,
            closed,
            delimited,
        } => {
            what.push_str(&format!(" (boundary {boundary:?}"));
            if !delimited {
                what.push_str(", no delimiter found");
            } else if !closed {
                what.push_str(", not closed");
            }
            what.push(')');
        }
        EntityKind::Message => what.push_str(" (an embedded message)"),
        _ => {}
    }
    let mut n = Node::new(format!("entity {i} @{}", e.pos)).with_value(what);
    let mut h = Node::new("header").with_value(format!(
        "{} bytes, {} fields",
        e.header.len(),
        e.fields.len()
    ));
    for f in &e.fields {
        let mut v = field_text(f.value);
        if v.chars().count() > 100 {
            v = format!("{}...", v.chars().take(100).collect::<String>());
        }
        h.push(Node::leaf(format!("{} @{}", f.name_str(), f.pos), v));
    }
    n.push(h);
    let mut body = format!("@{}, {} bytes", e.body_pos, e.body.len());
    if matches!(e.kind, EntityKind::Leaf) {
        body.push_str(&format!(", {}", te_name(e.transfer_encoding())));
        if let Some(c) = e.charset() {
            body.push_str(&format!(", charset {c}"));
        }
    }
    n.push(Node::leaf("body", body));
    if let Some(f) = e.file_name() {
        n.push(Node::leaf("file name", f));
    }
    if let Some(c) = e.content_id() {
        n.push(Node::leaf("Content-ID", c));
    }
    // the parser limits the depth; this guards the printer too
    if depth < 64 {
        for (c, _) in mm.children(i) {
            n.push(entity_node(mm, c, depth + 1));
        }
    }
    n
}

/// The entity tree, its defects and the model summary: as a tree and as JSON.
fn dump(bytes: &[u8]) -> anyhow::Result<(Node, Value)> {
    let opts = crate::cli::options();
    let d = MimeMessage::decode_bytes(bytes, &opts)?;
    let mm = &d.value;
    let model = ms_oxcmail::mime_to_message(bytes, &opts)?;
    let mut defects: Vec<&Defect> = d.defects.iter().collect();
    for x in &model.defects {
        if !defects.iter().any(|y| y.to_string() == x.to_string()) {
            defects.push(x);
        }
    }
    let summary = show::message_summary(&model.value);
    let v = json!({
        "size": bytes.len(),
        "entities": (0..mm.entities.len()).map(|i| entity_json(mm, i)).collect::<Vec<_>>(),
        "defects": defects.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
        "message": summary,
    });
    let mut root = Node::new("Internet message").with_value(format!(
        "{} bytes, {} entit{}",
        bytes.len(),
        mm.entities.len(),
        if mm.entities.len() == 1 { "y" } else { "ies" }
    ));
    root.push(entity_node(mm, 0, 0));
    if !defects.is_empty() {
        let mut n = Node::new("defects").with_value(defects.len());
        for x in &defects {
            n.push(Node::new(x.to_string()));
        }
        root.push(n);
    }
    root.push(show::json_node("message model", &summary));
    Ok((root, v))
}

// ---- inspect ------------------------------------------------------------------------

/// Whether `b` starts with an RFC 5322 header block
/// ([`msox_mail::looks_like_internet_message`]).
pub fn is_internet_message(b: &[u8]) -> bool {
    msox_mail::looks_like_internet_message(b)
}

/// `inspect` entry for Internet messages.
pub const FORMAT: Format = Format {
    name: "eml",
    description: "Internet message (RFC 5322, MIME), MS-OXCMAIL",
    detect: is_internet_message,
    inspect: |bytes| dump(bytes).map(|(n, _)| n),
};
