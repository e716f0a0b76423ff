//! Writes the message samples of `test-vectors/samples/` with the
//! libraries: `winmail.dat` (ms-oxtnef) and `sample.msg` (ms-oxmsg), both
//! the same message, whose body is plain text and compressed RTF that
//! encapsulates HTML (ms-oxrtfex, ms-oxrtfcp).
//!
//! `cargo run -p msox-examples --bin make-samples [DIR]`. The .msg writer
//! stamps storages with the current time, so a new `sample.msg` differs
//! from the committed one in those bytes only.

use ms_dtyp::FileTime;
use ms_oxcdata::PropertyValue;
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxprops::tags;

fn message() -> Result<Message, msox_codec::Error> {
    let mut m = Message::new("IPM.Note");
    m.set_subject("Quarterly report");
    m.set_sender_name("Ann Example");
    m.set_sender_email("ann@example.com");
    m.set_sender_address_type("SMTP");
    m.set_display_to("Bob Example");
    m.set_body("Hello Bob,\r\n\r\nthe quarterly report is attached.\r\n\r\nAnn\r\n");
    let html = "<html><body><p>Hello Bob,</p>\r\n\
                <p>the <b>quarterly report</b> is attached.</p>\r\n\
                <p>Ann</p>\r\n</body></html>";
    m.set_rtf_compressed(ms_oxrtfcp::compress(&ms_oxrtfex::encapsulate_html(html))?);
    let sent = PropertyValue::Time(FileTime::from_unix_seconds(1_700_000_000));
    m.properties.set(tags::PidTagClientSubmitTime, sent.clone());
    m.properties.set(tags::PidTagMessageDeliveryTime, sent);
    m.recipients.push(Recipient::new(
        "Bob Example",
        "bob@example.com",
        RecipientType::To,
    ));
    m.recipients.push(Recipient::new(
        "Carol Example",
        "carol@example.com",
        RecipientType::Cc,
    ));
    m.attachments.push(Attachment::by_value(
        "report.txt",
        b"Q3 revenue: 1,234\r\nQ3 costs: 987\r\n".to_vec(),
    ));
    m.attachments.push(Attachment::by_value(
        "numbers.csv",
        b"quarter,revenue,costs\r\nQ3,1234,987\r\n".to_vec(),
    ));
    Ok(m)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| msox_examples::sample(""), std::path::PathBuf::from);
    let m = message()?;
    let tnef = ms_oxtnef::message_to_bytes(&m, &ms_oxtnef::WriteOptions::default())?;
    std::fs::write(dir.join("winmail.dat"), &tnef)?;
    let msg = ms_oxmsg::MsgFile::new(m).to_bytes()?;
    std::fs::write(dir.join("sample.msg"), &msg)?;
    println!(
        "wrote winmail.dat ({} bytes) and sample.msg ({} bytes) to {}",
        tnef.len(),
        msg.len(),
        dir.display()
    );
    Ok(())
}
