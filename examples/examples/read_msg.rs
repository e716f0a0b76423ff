//! Reads an Outlook .msg file: subject, sender, recipients, the start of the
//! plain-text body and the attachments.
//!
//! `cargo run -p msox-examples --example read_msg [file.msg]`
//! (default: `test-vectors/samples/sample.msg`).
//!
//! `MsgFile::decode_bytes` is the one entry shape of every msox decoder:
//! bytes and `Options` (strict or lenient, and the limits that keep hostile
//! input from exhausting memory) in, the value and its defects out.

use ms_oxmsg::MsgFile;
use msox_codec::{Decode, Options};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (path, bytes) = msox_examples::input("sample.msg")?;
    let read = MsgFile::decode_bytes(&bytes, &Options::default())?;
    for d in &read.defects {
        eprintln!("warning: {d}");
    }
    let m = read.value.message;
    println!("file: {} ({} bytes)", path.display(), bytes.len());
    println!("class: {}", m.message_class().unwrap_or_default());
    println!("subject: {}", m.subject().unwrap_or_default());
    println!(
        "from: {} <{}>",
        m.sender_name().unwrap_or_default(),
        m.sender_email().unwrap_or_default()
    );
    if let Some(t) = m.client_submit_time() {
        println!("sent: {t}");
    }
    for r in &m.recipients {
        let kind = r
            .recipient_type()
            .map_or_else(|| "?".to_string(), |t| t.to_string());
        println!(
            "{kind}: {} <{}>",
            r.display_name().unwrap_or_default(),
            r.smtp_address().or_else(|| r.email()).unwrap_or_default()
        );
    }
    if let Some(body) = m.body() {
        let first = body.lines().next().unwrap_or_default();
        println!("body: {first} ({} characters)", body.chars().count());
    }
    println!("attachments: {}", m.attachments.len());
    for a in &m.attachments {
        println!(
            "  {} ({} bytes)",
            a.file_name().unwrap_or_else(|| "(no name)".into()),
            a.data().map_or(0, <[u8]>::len)
        );
    }
    Ok(())
}
