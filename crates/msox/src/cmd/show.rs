//! `msox show FILE...`: messages (.msg, TNEF, .eml) as a person reads
//! them, from the `msox-mail` library: who, when, what, flags,
//! attachments and the body; `--body` writes one body; `--json` the same
//! as an object: `file`, `format`, the fields of `msox_mail::Envelope`
//! (documented there), `text`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use msox_mail::{BodyKind, Envelope};
use serde_json::{Value, json};

/// Arguments of `msox show`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Messages: .msg/.oft, TNEF (winmail.dat) or .eml files, or
    /// directories of them (`-` for stdin).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Write only this body to stdout: `text` (plain text; made from the
    /// HTML when there is none), `html`, or `rtf` (decompressed).
    #[arg(long, value_enum, value_name = "KIND", conflicts_with = "json")]
    pub body: Option<BodyArg>,
    /// Print a JSON object per message (an array for several files).
    #[arg(long)]
    pub json: bool,
    /// Leave the body out of the text and JSON output.
    #[arg(long)]
    pub no_body: bool,
}

/// `--body` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BodyArg {
    /// Plain text.
    Text,
    /// HTML.
    Html,
    /// RTF, decompressed.
    Rtf,
}

impl From<BodyArg> for BodyKind {
    fn from(b: BodyArg) -> Self {
        match b {
            BodyArg::Text => BodyKind::Text,
            BodyArg::Html => BodyKind::Html,
            BodyArg::Rtf => BodyKind::Rtf,
        }
    }
}

/// Reads a message file of any of the three formats; the error for other
/// files names the subcommand that reads them.
/// Opens the message at `path` for viewing ([`msox_mail::open_view`]: the
/// attachment bytes stay in the input buffer) and runs `f` on it.
pub fn with_view<T>(
    path: &Path,
    f: impl FnOnce(&msox_mail::View<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    // One input buffer per thread, reused from file to file (a batch over
    // a mailbox export then reads into memory it already has), given back
    // when a file made it large.
    thread_local! {
        static INPUT: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    INPUT.with(|buf| {
        let mut buf = buf.borrow_mut();
        let r = view_in(path, &mut buf, f);
        if buf.capacity() > 64 << 20 {
            *buf = Vec::new();
        }
        r
    })
}

fn view_in<T>(
    path: &Path,
    bytes: &mut Vec<u8>,
    f: impl FnOnce(&msox_mail::View<'_>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let what = "a message (.msg, TNEF or .eml)";
    if !crate::cli::read_input_into(
        path,
        bytes,
        msox_mail::DETECT_PREFIX,
        msox_mail::may_be_mail,
    )? || msox_mail::detect(bytes).is_none()
    {
        return Err(crate::cli::wrong_format(path, bytes, what));
    }
    let d = msox_mail::open_view(bytes, &crate::cli::options())?;
    crate::cli::report_defects(&d.defects);
    f(&d.value)
}

/// Runs `msox show`.
pub fn run(args: &Args) -> anyhow::Result<()> {
    let batch = crate::batch::Batch {
        json_array: args.json,
        headers: args.body.is_none(),
    };
    crate::batch::run(&args.files, batch, |path| show_one(args, path))
}

fn show_one(args: &Args, path: &Path) -> anyhow::Result<Vec<u8>> {
    with_view(path, |v| show_view(args, path, v))
}

fn show_view(args: &Args, path: &Path, view: &msox_mail::View<'_>) -> anyhow::Result<Vec<u8>> {
    let m = &view.message;
    let opts = crate::cli::options();
    if let Some(kind) = args.body {
        let d = msox_mail::body(m, Some(kind.into()), &opts)?;
        crate::cli::report_defects(&d.defects);
        let Some(b) = d.value else {
            anyhow::bail!(
                "{}: the message has no {} body",
                path.display(),
                match kind {
                    BodyArg::Text => "text or HTML",
                    BodyArg::Html => "HTML",
                    BodyArg::Rtf => "RTF",
                }
            );
        };
        if b.derived {
            crate::cli::note(format!(
                "{}: no plain-text body; this text is made from the HTML body",
                path.display()
            ));
        }
        return Ok(b.data);
    }
    let env = msox_mail::view_envelope(view);
    let text = if args.no_body {
        None
    } else {
        let d = msox_mail::readable_text(m, &opts)?;
        crate::cli::report_defects(&d.defects);
        d.value
    };
    if args.json {
        crate::cli::json_text(&show_json(path, view.format, &env, text.as_deref()))
    } else {
        Ok(show_text(&env, text.as_deref(), !args.no_body).into_bytes())
    }
}

/// The JSON object of `msox show --json`: `file`, `format`, the fields of
/// [`msox_mail::Envelope`] (serde names), `text` (the readable body).
pub fn show_json(
    path: &Path,
    format: msox_mail::MailFormat,
    env: &Envelope,
    text: Option<&str>,
) -> Value {
    let mut v = serde_json::to_value(env).unwrap_or_default();
    if let Value::Object(o) = &mut v {
        let mut head = serde_json::Map::new();
        head.insert("file".into(), json!(path.display().to_string()));
        head.insert("format".into(), json!(format.name()));
        head.extend(std::mem::take(o));
        if let Some(t) = text {
            head.insert("text".into(), json!(t));
        }
        *o = head;
    }
    v
}

fn addresses(list: &[msox_mail::Address]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Thousands separated by commas: `12,345`.
fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn flags(env: &Envelope) -> Vec<String> {
    let mut f = Vec::new();
    match env.importance {
        Some(msox_mail::Importance::High) => f.push("high importance".to_string()),
        Some(msox_mail::Importance::Low) => f.push("low importance".to_string()),
        _ => {}
    }
    match env.sensitivity {
        Some(msox_mail::Sensitivity::Personal) => f.push("personal".into()),
        Some(msox_mail::Sensitivity::Private) => f.push("private".into()),
        Some(msox_mail::Sensitivity::Confidential) => f.push("confidential".into()),
        _ => {}
    }
    if env.signed {
        f.push("signed (S/MIME)".into());
    }
    if env.encrypted {
        f.push("encrypted or opaque-signed (S/MIME)".into());
    }
    if let Some(m) = env.meeting {
        f.push(
            match m {
                msox_mail::Meeting::Appointment => "appointment",
                msox_mail::Meeting::Request => "meeting request",
                msox_mail::Meeting::Cancellation => "meeting cancellation",
                msox_mail::Meeting::Accepted => "meeting accepted",
                msox_mail::Meeting::Tentative => "meeting tentatively accepted",
                msox_mail::Meeting::Declined => "meeting declined",
                msox_mail::Meeting::ForwardNotification => "meeting forward notification",
                _ => "meeting",
            }
            .into(),
        );
    }
    if env.unsent {
        f.push("draft (unsent)".into());
    }
    if env.read_receipt_requested {
        f.push("read receipt requested".into());
    }
    f
}

fn write_envelope(s: &mut String, env: &Envelope, indent: &str) {
    let mut line = |k: &str, v: &str| {
        if !v.is_empty() {
            let _ = writeln!(s, "{indent}{k:<12}{v}");
        }
    };
    line(
        "From:",
        &env.from
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    if let Some(sender) = &env.sender {
        line("Sender:", &sender.to_string());
    }
    line("To:", &addresses(&env.to));
    line("Cc:", &addresses(&env.cc));
    line("Bcc:", &addresses(&env.bcc));
    line("Date:", env.date.as_deref().unwrap_or_default());
    line("Subject:", env.subject.as_deref().unwrap_or_default());
    line("Class:", env.message_class.as_deref().unwrap_or_default());
    line("Flags:", &flags(env).join(", "));
    if env.attachments.is_empty() {
        return;
    }
    let _ = writeln!(s, "{indent}Attachments: {}", env.attachments.len());
    for a in &env.attachments {
        let mut parts = vec![a.file_name.clone()];
        match a.kind.as_str() {
            "message" => parts.push("embedded message".into()),
            "ole" => parts.push("OLE object".into()),
            "reference" => parts.push("by reference".into()),
            _ => {}
        }
        if let Some(n) = a.size {
            parts.push(format!("{} bytes", grouped(n)));
        }
        if let Some(t) = &a.mime_type {
            parts.push(t.clone());
        }
        if a.inline {
            parts.push("inline".into());
        }
        if let Some(c) = &a.content_id {
            parts.push(format!("cid:{}", c.trim_matches(['<', '>'])));
        }
        let _ = writeln!(s, "{indent}  {}. {}", a.index + 1, parts.join("  "));
        if let Some(inner) = &a.message {
            write_envelope(s, inner, &format!("{indent}     "));
        }
    }
}

/// The text of `msox show`: header lines, attachments, a blank line, the body.
pub fn show_text(env: &Envelope, text: Option<&str>, with_body: bool) -> String {
    let mut s = String::new();
    write_envelope(&mut s, env, "");
    if let Some(t) = text {
        let t = t.trim_end();
        if !t.is_empty() {
            s.push('\n');
            s.push_str(&t.replace("\r\n", "\n"));
            s.push('\n');
        }
    } else if with_body && env.body == Some(BodyKind::Rtf) {
        s.push_str("\n(an RTF body: `msox show --body rtf` writes it)\n");
    }
    s
}
