//! What `msox tnef` and `msox msg` share: summaries, extraction and JSON of
//! the ms-oxcmsg message model.

use std::path::Path;

use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Attachment, Message};
use ms_oxprops::tags;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

fn sha256_hex(b: &[u8]) -> String {
    msox_codec::hex::encode(&Sha256::digest(b))
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

/// The bytes an attachment carries: by-value data, or an OLE/object
/// attachment's data after its 16-byte interface ID.
pub fn attachment_bytes(a: &Attachment) -> Option<&[u8]> {
    if let Some(d) = a.data() {
        return Some(d);
    }
    match a.properties.get(tags::PidTagAttachDataObject)? {
        PropertyValue::Object(b) => b.get(16..),
        _ => None,
    }
}

/// The peer-comparable summary (`../shared/tools/peers` shape A/B):
/// message class, subject, body hashes, attachments by name, size, SHA-256.
pub fn summary_json(m: &Message, peer: &str) -> Value {
    let mut atts: Vec<Value> = m
        .attachments
        .iter()
        .filter_map(|a| {
            let name = a.file_name().unwrap_or_default();
            if let Some(e) = &a.embedded {
                return Some(json!({"name": name, "message": summary_json(e, "")}));
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
    let mut v = json!({
        "message_class": m.message_class(),
        "subject": m.subject(),
        "body_sha256": text_sha(m.body()),
        "html_sha256": html_body_stored(m).map(|h| sha256_hex(strip_nuls(&h))),
        "rtf_sha256": rtf_body(m).map(|r| sha256_hex(&r)),
        "attachments": atts,
    });
    if let Some(o) = v.as_object_mut().filter(|_| !peer.is_empty()) {
        o.insert("peer".into(), json!(peer));
    }
    v
}

fn strip_nuls(b: &[u8]) -> &[u8] {
    let end = b.iter().rposition(|&c| c != 0).map_or(0, |i| i + 1);
    b.get(..end).unwrap_or(b)
}

fn html_body_stored(m: &Message) -> Option<Vec<u8>> {
    m.html_body()
}

fn unique(
    dir: &Path,
    name: &str,
    used: &mut std::collections::HashSet<String>,
) -> std::path::PathBuf {
    let mut candidate = name.to_string();
    let mut n = 1;
    while used.contains(&candidate.to_lowercase()) || dir.join(&candidate).exists() {
        n += 1;
        candidate = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => format!("{stem} ({n}).{ext}"),
            _ => format!("{name} ({n})"),
        };
    }
    used.insert(candidate.to_lowercase());
    dir.join(candidate)
}

/// Writes a message's bodies and the attachment files the library
/// extracted (`ms_oxtnef::extract`, `ms_oxmsg::extract`) into `dir`.
/// Returns the paths written.
pub fn extract(
    m: &Message,
    files: &[ms_oxcmsg::extract::ExtractedFile],
    dir: &Path,
) -> anyhow::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
    let mut used = std::collections::HashSet::new();
    let mut written = Vec::new();
    let mut put = |name: &str,
                   data: &[u8],
                   used: &mut std::collections::HashSet<String>|
     -> anyhow::Result<()> {
        let p = unique(dir, name, used);
        std::fs::write(&p, data).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?;
        written.push(p);
        Ok(())
    };
    if let Some(b) = m.body() {
        put("body.txt", b.trim_end_matches('\0').as_bytes(), &mut used)?;
    }
    if let Some(r) = rtf_body(m) {
        put("body.rtf", &r, &mut used)?;
    }
    if let Some(h) = html_body(m) {
        put("body.html", strip_nuls(&h), &mut used)?;
    }
    for f in files {
        put(&f.name, &f.data, &mut used)?;
    }
    Ok(written)
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

/// The peer-comparable summary of a .msg (`../shared/tools/peers` shape B).
pub fn msg_summary_json(m: &Message, peer: &str) -> Value {
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
                return json!({"name": trim(name), "method": method, "message": msg_summary_json(e, "")});
            }
            let d = attachment_bytes(a).unwrap_or_default();
            json!({"name": trim(name), "method": method, "size": d.len(), "sha256": sha256_hex(d)})
        })
        .collect();
    let mut v = json!({
        "message_class": trim(m.message_class()),
        "subject": trim(m.subject()),
        "sender": {"name": trim(m.sender_name()), "email": trim(sender_email)},
        "recipients": recipients,
        "body_sha256": text_sha(m.body()),
        "html_sha256": html_body_stored(m).map(|h| sha256_hex(strip_nuls(&h))),
        "rtf_sha256": rtf_body(m).map(|r| sha256_hex(&r)),
        "attachments": attachments,
    });
    if let Some(o) = v.as_object_mut().filter(|_| !peer.is_empty()) {
        o.insert("peer".into(), json!(peer));
    }
    v
}
