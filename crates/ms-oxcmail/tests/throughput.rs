//! A quick throughput probe for the proposed bench (ignored by default):
//! `cargo test --release -p ms-oxcmail --test throughput -- --ignored --nocapture`
//! converts a 10 MB message .msg -> .eml and .eml -> .msg in process.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use msox_codec::{Decode, Options};

fn ten_mb_message() -> Message {
    let mut m = Message::new("IPM.Note");
    m.set_subject("Quarterly numbers");
    m.set_sent_representing_name("Ann");
    m.properties.set_str(
        ms_oxprops::tags::PidTagSentRepresentingSmtpAddress,
        "ann@example.com",
    );
    for i in 0..20 {
        m.recipients.push(Recipient::new(
            &format!("User {i}"),
            &format!("u{i}@example.com"),
            RecipientType::To,
        ));
    }
    m.set_body(&"Some text of a body line.\r\n".repeat(4000));
    m.set_html_body(
        format!(
            "<html><body>{}</body></html>",
            "<p>Some text of a body line.</p>\r\n".repeat(4000)
        )
        .into_bytes(),
    );
    let mut x: u32 = 1;
    for k in 0..4 {
        let data: Vec<u8> = (0..2_400_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (x >> 24) as u8
            })
            .collect();
        m.attachments
            .push(Attachment::by_value(&format!("data{k}.bin"), data));
    }
    m
}

#[test]
#[ignore]
fn ten_megabyte_message_throughput() {
    let m = ten_mb_message();
    let msg = ms_oxmsg::MsgFile::new(m).to_bytes().unwrap();
    let runs = 5;
    let t = std::time::Instant::now();
    let mut eml = Vec::new();
    for _ in 0..runs {
        let f = ms_oxmsg::MsgFile::decode_bytes(&msg, &Options::lenient()).unwrap();
        eml = message_to_mime(&f.value.message, &MimeOptions::default()).unwrap();
    }
    let msg_to_eml = t.elapsed() / runs;
    let t = std::time::Instant::now();
    for _ in 0..runs {
        let m = mime_to_message(&eml, &Options::lenient()).unwrap().value;
        let _ = ms_oxmsg::MsgFile::new(m).to_bytes().unwrap();
    }
    let eml_to_msg = t.elapsed() / runs;
    let t = std::time::Instant::now();
    for _ in 0..runs {
        let _ = mime_to_message(&eml, &Options::lenient()).unwrap().value;
    }
    eprintln!(".eml -> model alone: {:?}", t.elapsed() / runs);
    let mb = |n: usize, d: std::time::Duration| n as f64 / 1e6 / d.as_secs_f64();
    eprintln!(
        ".msg {} bytes -> .eml {} bytes: {:?} ({:.0} MB/s of .msg); .eml -> .msg: {:?} ({:.0} MB/s of .eml)",
        msg.len(),
        eml.len(),
        msg_to_eml,
        mb(msg.len(), msg_to_eml),
        eml_to_msg,
        mb(eml.len(), eml_to_msg)
    );
    if let Some(d) = std::env::var_os("MSOX_OXCMAIL_BENCH_OUT") {
        std::fs::write(std::path::Path::new(&d).join("ten.msg"), &msg).unwrap();
    }
}
