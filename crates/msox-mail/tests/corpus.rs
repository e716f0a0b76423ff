//! Every message of the corpus (.msg, TNEF, .eml) opens by signature, its
//! envelope and bodies are read without panics, and known files show what
//! their authors wrote.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use msox_codec::Options;
use msox_mail::{BodyKind, MailFormat};
use msox_testkit::corpus;

fn all() -> Vec<corpus::Entry> {
    let mut v = corpus::files("msg", &[".msg"]);
    v.extend(corpus::files("tnef", &[".tnef", ".dat"]));
    v.extend(corpus::files("eml", &[".eml"]));
    v
}

#[test]
fn every_message_opens_and_reads() {
    let files = all();
    let (mut opened, mut failed) = (0, 0);
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let Ok(d) = msox_mail::open(&bytes, &Options::lenient()) else {
            failed += 1;
            continue;
        };
        opened += 1;
        let m = &d.value.message;
        let env = msox_mail::envelope(m);
        assert_eq!(env.attachments.len(), m.attachments.len(), "{}", e.file);
        if let Some(date) = &env.date {
            assert!(
                date.len() == 25 && date.as_bytes()[10] == b'T',
                "{}: {date}",
                e.file
            );
        }
        for k in [
            None,
            Some(BodyKind::Text),
            Some(BodyKind::Html),
            Some(BodyKind::Rtf),
        ] {
            let _ = msox_mail::body(m, k, &Options::lenient());
        }
        // The view (attachment bytes left in the input) shows the same
        // envelope, and gives the same bytes per attachment.
        let v = msox_mail::open_view(&bytes, &Options::lenient()).unwrap();
        assert_eq!(v.value.format, d.value.format, "{}", e.file);
        assert_eq!(msox_mail::view_envelope(&v.value), env, "{}", e.file);
        for (i, a) in m.attachments.iter().enumerate() {
            assert_eq!(
                v.value.attachment_bytes(i),
                msox_mail::attachment_bytes(a),
                "{}: attachment {i}",
                e.file
            );
        }
        let names = msox_mail::attachment_file_names(m);
        let mut lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), names.len(), "{}: names not unique", e.file);
    }
    if !files.is_empty() {
        eprintln!("{opened} opened, {failed} refused of {}", files.len());
        assert!(
            opened * 10 >= files.len() * 9,
            "{opened} of {}",
            files.len()
        );
    }
}

#[test]
fn formats_are_detected() {
    for (folder, ext, want) in [
        ("msg", ".msg", MailFormat::Msg),
        ("tnef", ".tnef", MailFormat::Tnef),
        ("eml", ".eml", MailFormat::Eml),
    ] {
        let files = corpus::files(folder, &[ext]);
        let hits = files
            .iter()
            .filter(|e| msox_mail::detect(&std::fs::read(&e.path).unwrap()) == Some(want))
            .count();
        assert!(
            hits * 10 >= files.len() * 9,
            "{folder}: {hits} of {}",
            files.len()
        );
    }
}

#[test]
fn a_tnef_winmail_shows_its_attachments() {
    let files = corpus::files("tnef/mimekit", &["christmas.tnef"]);
    let Some(e) = files.first() else { return };
    let m = msox_mail::open(&std::fs::read(&e.path).unwrap(), &Options::lenient())
        .unwrap()
        .value
        .message;
    let env = msox_mail::envelope(&m);
    assert!(!env.attachments.is_empty());
    assert!(env.attachments.iter().all(|a| !a.file_name.is_empty()));
    assert!(env.attachments.iter().any(|a| a.size.unwrap_or(0) > 0));
}
