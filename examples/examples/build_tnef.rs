//! Builds a message in memory and writes it as TNEF (a winmail.dat), then
//! reads it back to check it.
//!
//! `cargo run -p msox-examples --example build_tnef [out.dat]` (without an
//! argument nothing is written to disk).
//!
//! The message model is `ms-oxcmsg`'s (properties, recipients,
//! attachments); `ms_oxtnef::message_to_bytes` writes it in the shape
//! Outlook and Exchange write (legacy attributes beside attMAPIProps).

use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxtnef::WriteOptions;
use msox_codec::Options;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("Lunch on Friday?");
    m.set_sender_name("Ann Example");
    m.set_sender_email("ann@example.com");
    m.set_body("Shall we try the new place on Friday? The menu is attached.\r\n");
    m.recipients.push(Recipient::new(
        "Bob Example",
        "bob@example.com",
        RecipientType::To,
    ));
    m.attachments.push(Attachment::by_value(
        "menu.txt",
        b"Soup of the day\r\nPasta\r\nCake\r\n".to_vec(),
    ));
    let bytes = ms_oxtnef::message_to_bytes(&m, &WriteOptions::default())?;
    println!("TNEF stream: {} bytes", bytes.len());
    if let Some(path) = std::env::args_os().nth(1) {
        std::fs::write(&path, &bytes)?;
        println!("written to {}", std::path::Path::new(&path).display());
    }

    // Read it back, strictly: what we write is what the spec allows.
    let back = ms_oxtnef::to_message(&bytes, &Options::strict())?.value;
    println!(
        "read back: subject {:?}",
        back.subject().unwrap_or_default()
    );
    println!(
        "read back: {} recipient(s), {} attachment(s)",
        back.recipients.len(),
        back.attachments.len()
    );
    let data = |m: &Message| {
        m.attachments
            .first()
            .and_then(|a| a.data().map(<[u8]>::to_vec))
    };
    if back.subject() != m.subject() || data(&back) != data(&m) {
        return Err("the message read back differs".into());
    }
    println!("round trip ok");
    Ok(())
}
