//! Runnable examples across the msox crates, one per everyday task:
//! `cargo run -p msox-examples --example NAME [FILE]`.
//!
//! | example | what it does | sample |
//! |---|---|---|
//! | `read_winmail` | reads a winmail.dat: subject, sender, recipients, attachments | `winmail.dat` |
//! | `read_msg` | reads an Outlook .msg: subject, recipients, body, attachments | `sample.msg` |
//! | `rtf_to_html` | takes a message's compressed RTF body, decompresses it and pulls the HTML out of it | `sample.msg` |
//! | `wbxml_to_xml` | converts ActiveSync WBXML to XML | `sync-request.wbxml` |
//! | `build_tnef` | builds a message in memory and writes it as TNEF (winmail.dat), then reads it back | — |
//!
//! The samples live in `test-vectors/samples/` ([`sample`]); `winmail.dat`
//! and `sample.msg` were made with the libraries by
//! `cargo run -p msox-examples --bin make-samples`. `scripts/run-examples.sh`
//! runs every example and checks what it prints.
#![forbid(unsafe_code)]

use std::path::PathBuf;

/// The path of a sample shipped in `test-vectors/samples/`.
pub fn sample(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../test-vectors/samples");
    std::fs::canonicalize(&dir).unwrap_or(dir).join(name)
}

/// The file named by the first command-line argument, or the sample
/// `default`: its path and bytes.
pub fn input(default: &str) -> std::io::Result<(PathBuf, Vec<u8>)> {
    let path = std::env::args_os()
        .nth(1)
        .map_or_else(|| sample(default), PathBuf::from);
    let bytes = std::fs::read(&path)?;
    Ok((path, bytes))
}
