//! What `msox tnef` and `msox msg` share: summaries and extraction of the
//! ms-oxcmsg message model.

use std::path::Path;

use ms_oxcmsg::{Attachment, Message};
use ms_oxprops::tags;
use serde_json::{Value, json};

fn sha256_hex(b: &[u8]) -> String {
    crate::json::sha256_hex(b)
}

fn text_sha(v: Option<String>) -> Value {
    match v {
        Some(t) => json!(sha256_hex(t.trim_end_matches('\0').as_bytes())),
        None => Value::Null,
    }
}

/// The decompressed RTF body, if the message has one that decompresses.
pub fn rtf_body(m: &Message) -> Option<Vec<u8>> {
    let c = m.rtf_compressed()?;
    ms_oxrtfcp::decompress(c, &crate::cli::options())
        .ok()
        .map(|d| d.value.data)
}

/// The HTML body: PidTagHtml, else the HTML de-encapsulated from the RTF body.
pub fn html_body(m: &Message) -> Option<Vec<u8>> {
    if let Some(h) = m.html_body() {
        return Some(h);
    }
    let rtf = rtf_body(m)?;
    match ms_oxrtfex::detect(&rtf) {
        Some(ms_oxrtfex::Encapsulation::Html) => {
            ms_oxrtfex::deencapsulate(&rtf, &crate::cli::options())
                .ok()
                .map(|d| d.value.content.into_bytes())
        }
        _ => None,
    }
}

/// The bytes an attachment carries ([`msox_mail::attachment_bytes`]).
pub fn attachment_bytes(a: &Attachment) -> Option<&[u8]> {
    msox_mail::attachment_bytes(a)
}

/// The summary of `msox tnef list --json` (the shape the peer comparison scripts read): message class, subject,
/// date, body hashes, attachments by name, size, SHA-256.
pub fn summary_json(m: &Message) -> Value {
    let mut atts: Vec<Value> = m
        .attachments
        .iter()
        .filter_map(|a| {
            let name = a.file_name().unwrap_or_default();
            if let Some(e) = &a.embedded {
                return Some(json!({"name": name, "message": summary_json(e)}));
            }
            let d = attachment_bytes(a)?;
            Some(json!({"name": name, "size": d.len(), "sha256": sha256_hex(d)}))
        })
        .collect();
    atts.sort_by_key(|a| {
        (
            a.get("name")
                .unwrap_or(&Value::Null)
                .as_str()
                .unwrap_or_default()
                .to_string(),
            a.get("sha256")
                .unwrap_or(&Value::Null)
                .as_str()
                .unwrap_or_default()
                .to_string(),
        )
    });
    json!({
        "message_class": m.message_class(),
        "subject": m.subject(),
        "date": msox_mail::date(m),
        "body_sha256": text_sha(m.body()),
        "html_sha256": html_body_stored(m).map(|h| sha256_hex(strip_nuls(&h))),
        "rtf_sha256": rtf_body(m).map(|r| sha256_hex(&r)),
        "attachments": atts,
    })
}

fn strip_nuls(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    b.get(..end).unwrap_or(b)
}

fn html_body_stored(m: &Message) -> Option<Vec<u8>> {
    m.html_body()
}

/// The bodies an extraction writes: the text, RTF and HTML bodies as
/// `body.txt`, `body.rtf`, `body.html` (taken before the message is
/// consumed by the library's extraction).
pub fn bodies(m: &Message) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    if let Some(b) = m.body() {
        out.push((
            "body.txt".into(),
            b.trim_end_matches('\0').as_bytes().to_vec(),
        ));
    }
    if let Some(r) = rtf_body(m) {
        out.push(("body.rtf".into(), r));
    }
    if let Some(h) = html_body(m) {
        out.push(("body.html".into(), strip_nuls(&h).to_vec()));
    }
    out
}

/// The files of an extraction: the [`bodies`], then the attachment files
/// the library extracted (`ms_oxtnef::extract_all`,
/// `ms_oxmsg::extract_file`), names unique within the set.
pub fn extraction<'a>(
    bodies: Vec<(String, Vec<u8>)>,
    files: Vec<ms_oxcmsg::extract::ExtractedFile<'a>>,
) -> Vec<crate::cli::OutFile<'a>> {
    let mut out: Vec<(String, std::borrow::Cow<'a, [u8]>)> =
        bodies.into_iter().map(|(n, d)| (n, d.into())).collect();
    out.extend(files.into_iter().map(|f| (f.name, f.data)));
    let names = msox_codec::names::unique_file_names(out.iter().map(|(n, _)| n.clone()).collect());
    out.into_iter()
        .zip(names)
        .map(|((_, data), rel)| crate::cli::OutFile {
            rel,
            data,
            range: None,
        })
        .collect()
}

/// Writes an extraction into `dir` (the message's [`bodies`], then the
/// library's files, see [`extraction`]) and returns what `extract` prints:
/// the paths written, a line each. With `from`, the files with a range
/// in `ranges` (one entry per file of `files`, see
/// [`crate::sparse::Sparse::ranges_of`]) are copied from its file instead
/// of written from memory.
pub fn write_extraction(
    dir: &Path,
    message: &Message,
    files: Vec<ms_oxcmsg::extract::ExtractedFile<'_>>,
    from: Option<&crate::sparse::Sparse>,
    ranges: Vec<Option<(u64, u64)>>,
    clobber: crate::cli::ClobberArgs,
) -> anyhow::Result<Vec<u8>> {
    let bodies = bodies(message);
    let nb = bodies.len();
    let mut out = extraction(bodies, files);
    for (f, r) in out.iter_mut().skip(nb).zip(ranges) {
        f.range = r;
    }
    let written = crate::cli::write_files_from(dir, out, clobber, from.map(|s| &s.file))?;
    Ok(written
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect::<String>()
        .into_bytes())
}

/// The directory each input's files go to: `dir` itself for one input,
/// `dir/<file stem>` (unique) for several.
pub fn out_dirs(inputs: &[std::path::PathBuf], dir: &Path) -> Vec<std::path::PathBuf> {
    if inputs.len() <= 1 {
        return inputs.iter().map(|_| dir.to_path_buf()).collect();
    }
    let stems = msox_codec::names::unique_file_names(
        inputs
            .iter()
            .map(|p| {
                let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
                msox_codec::names::safe_file_name(&stem.unwrap_or_default(), "stdin")
            })
            .collect(),
    );
    stems.into_iter().map(|s| dir.join(s)).collect()
}

fn recipient_kind(r: &ms_oxcmsg::Recipient) -> Value {
    use ms_oxcmsg::RecipientType as T;
    match r.recipient_type() {
        Some(t) => match T::from_value(t.value() & 0x0FFF_FFFF) {
            T::To => json!("to"),
            T::Cc => json!("cc"),
            T::Bcc => json!("bcc"),
            T::Originator => json!("originator"),
            _ => json!(t.value()),
        },
        None => Value::Null,
    }
}

fn trim(s: Option<String>) -> Value {
    match s {
        Some(t) => json!(t.trim_end_matches('\0')),
        None => Value::Null,
    }
}

/// The summary of `msox msg dump --summary` (the shape the peer comparison scripts read): class, subject, date,
/// sender, recipients, body hashes, attachments.
pub fn msg_summary_json(m: &Message) -> Value {
    let p = &m.properties;
    let sender_email = p
        .get_str(tags::PidTagSenderSmtpAddress)
        .or_else(|| p.get_str(tags::PidTagSenderEmailAddress));
    let recipients: Vec<Value> = m
        .recipients
        .iter()
        .map(|r| {
            json!({
                "type": recipient_kind(r),
                "name": trim(r.display_name()),
                "email": trim(r.smtp_address().or_else(|| r.properties.get_str(tags::PidTagEmailAddress))),
            })
        })
        .collect();
    let attachments: Vec<Value> = m
        .attachments
        .iter()
        .map(|a| {
            let name = a
                .properties
                .get_str(tags::PidTagAttachLongFilename)
                .or_else(|| a.properties.get_str(tags::PidTagAttachFilename))
                .or_else(|| a.properties.get_str(tags::PidTagDisplayName));
            let method = a.method().map(|x| x.value());
            if let Some(e) = &a.embedded {
                return json!({"name": trim(name), "method": method, "message": msg_summary_json(e)});
            }
            let d = attachment_bytes(a).unwrap_or_default();
            json!({"name": trim(name), "method": method, "size": d.len(), "sha256": sha256_hex(d)})
        })
        .collect();
    json!({
        "message_class": trim(m.message_class()),
        "subject": trim(m.subject()),
        "date": msox_mail::date(m),
        "sender": {"name": trim(m.sender_name()), "email": trim(sender_email)},
        "recipients": recipients,
        "body_sha256": text_sha(m.body()),
        "html_sha256": html_body_stored(m).map(|h| sha256_hex(strip_nuls(&h))),
        "rtf_sha256": rtf_body(m).map(|r| sha256_hex(&r)),
        "attachments": attachments,
    })
}
