//! Prints who sent a message, when, its subject, attachments and body:
//! `cargo run -p msox-mail --example show -- FILE` (a .msg, winmail.dat or
//! .eml). The library does no I/O; this example reads the file.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use msox_codec::Options;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: show FILE (.msg, winmail.dat or .eml)");
        std::process::exit(2);
    };
    let bytes = std::fs::read(&path)?;
    let options = Options::lenient();
    let opened = msox_mail::open(&bytes, &options)?;
    for d in &opened.defects {
        eprintln!("defect: {d}");
    }
    let m = &opened.value.message;
    let e = msox_mail::envelope(m);
    println!("Format:  {}", opened.value.format.description());
    if let Some(from) = &e.from {
        println!("From:    {from}");
    }
    for to in &e.to {
        println!("To:      {to}");
    }
    println!("Date:    {}", e.date.as_deref().unwrap_or("-"));
    println!("Subject: {}", e.subject.as_deref().unwrap_or("-"));
    let names = msox_mail::attachment_file_names(m);
    for (a, name) in m.attachments.iter().zip(&names) {
        let size = msox_mail::attachment_bytes(a).map_or(0, <[u8]>::len);
        println!("Attachment: {name} ({size} bytes)");
    }
    if let Some(text) = msox_mail::readable_text(m, &options)?.value {
        println!("\n{}", text.trim_end());
    }
    Ok(())
}
