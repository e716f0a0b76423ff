//! Reads a winmail.dat (TNEF): subject, sender, recipients and attachments.
//!
//! `cargo run -p msox-examples --example read_winmail [winmail.dat]`
//! (default: `test-vectors/samples/winmail.dat`).
//!
//! `ms_oxtnef::to_message` reads the stream into the `ms-oxcmsg` message
//! model. Lenient decoding (the default options) reads past what real
//! producers get wrong and reports each repair as a defect; strict decoding
//! (`Options::strict()`) refuses instead.

use msox_codec::Options;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (path, bytes) = msox_examples::input("winmail.dat")?;
    if !ms_oxtnef::is_tnef(&bytes) {
        return Err(format!("{}: not a TNEF stream", path.display()).into());
    }
    let read = ms_oxtnef::to_message(&bytes, &Options::default())?;
    for d in &read.defects {
        eprintln!("warning: {d}");
    }
    let m = read.value;
    println!("file: {} ({} bytes)", path.display(), bytes.len());
    println!("subject: {}", m.subject().unwrap_or_default());
    println!(
        "from: {} <{}>",
        m.sender_name().unwrap_or_default(),
        m.sender_email().unwrap_or_default()
    );
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
