//! Hostile input: the testkit suite over both entry points, and generated
//! floods (deep nesting, huge headers, boundary floods) at growing sizes:
//! errors or defects, never panics, bounded by the session's limits.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use msox_codec::{Limits, Options};
use msox_testkit::hostile::{Suite, outcome, samples};

fn all_samples() -> Vec<Vec<u8>> {
    let mut s = samples("oxcmail", |_| true);
    s.push(b"Subject: x\r\n\r\nbody".to_vec());
    // a winmail.dat part (the TNEF reader runs nested in the session)
    if let Some(d) = msox_testkit::corpus::dir()
        && let Ok(t) = std::fs::read(d.join("tnef/opush/full.tnef"))
    {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(&t);
        let mut eml = b"Subject: tnef\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ntext\r\n--b\r\nContent-Type: application/ms-tnef; name=winmail.dat\r\nContent-Transfer-Encoding: base64\r\n\r\n".to_vec();
        for line in b64.as_bytes().chunks(76) {
            eml.extend_from_slice(line);
            eml.extend_from_slice(b"\r\n");
        }
        eml.extend_from_slice(b"--b--\r\n");
        s.push(eml);
    }
    s
}

#[test]
fn oxcmail_mime_to_message() {
    Suite::new("oxcmail_mime_to_message")
        .prefixes_may_decode()
        .run(&all_samples(), |b, o| outcome(mime_to_message(b, o)));
}

#[test]
fn oxcmail_roundtrip() {
    Suite::new("oxcmail_roundtrip")
        .prefixes_may_decode()
        .run(&all_samples(), |b, o| {
            let d = mime_to_message(b, o)?;
            let out = message_to_mime(
                &d.value,
                &MimeOptions {
                    decode: *o,
                    ..MimeOptions::default()
                },
            )?;
            // what we write reads back (leniently: a signed entity is written
            // back as it came, broken or not); its offsets are the output's
            let back = mime_to_message(&out, &Options::lenient());
            assert!(back.is_ok(), "our output does not read back: {back:?}");
            Ok(d.defects)
        });
}

#[test]
fn deep_multipart_nesting_is_refused_at_the_depth_limit() {
    for n in [10usize, 100, 1_000, 20_000] {
        let mut eml = Vec::new();
        for i in 0..n {
            eml.extend_from_slice(
                format!("Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n")
                    .as_bytes(),
            );
        }
        let r = mime_to_message(&eml, &Options::lenient());
        if n > 64 {
            assert!(r.unwrap_err().is_limit(), "{n}");
        }
        // unlimited limits still stop at the reader's hard cap
        let r = mime_to_message(&eml, &Options::lenient().with_limits(Limits::unlimited()));
        if n > 100 {
            assert!(r.unwrap_err().is_limit(), "{n}");
        }
    }
}

#[test]
fn nested_message_rfc822_is_bounded() {
    let mut eml = Vec::new();
    for _ in 0..5_000 {
        eml.extend_from_slice(b"Content-Type: message/rfc822\r\n\r\n");
    }
    eml.extend_from_slice(b"Subject: deep\r\n\r\nx");
    assert!(
        mime_to_message(&eml, &Options::lenient())
            .unwrap_err()
            .is_limit()
    );
}

#[test]
fn huge_headers_and_field_floods_are_linear_and_bounded() {
    // one 8 MB header field
    let mut eml = b"Subject: ".to_vec();
    eml.extend(std::iter::repeat_n(b'a', 8 << 20));
    eml.extend_from_slice(b"\r\n\r\nbody");
    let t = std::time::Instant::now();
    let m = mime_to_message(&eml, &Options::lenient()).unwrap().value;
    assert_eq!(m.subject().map(|s| s.len()), Some(8 << 20));
    assert!(t.elapsed().as_secs() < 20);
    // a flood of fields runs into the item budget
    let mut eml = Vec::new();
    for i in 0..200_000 {
        eml.extend_from_slice(format!("X-F{i}: v\r\n").as_bytes());
    }
    let o = Options::lenient().with_limits(Limits::DEFAULT.with_max_items(100_000));
    assert!(mime_to_message(&eml, &o).unwrap_err().is_limit());
    assert!(mime_to_message(&eml, &Options::lenient()).is_ok());
    // a flood of recipients too
    let mut to = b"To: ".to_vec();
    for i in 0..50_000 {
        to.extend_from_slice(format!("u{i}@example.com, ").as_bytes());
    }
    to.extend_from_slice(b"\r\n\r\n");
    let o = Options::lenient().with_limits(Limits::DEFAULT.with_max_items(10_000));
    assert!(mime_to_message(&to, &o).unwrap_err().is_limit());
}

#[test]
fn boundary_floods_are_linear() {
    for n in [1_000usize, 10_000, 100_000] {
        let mut eml = b"Content-Type: multipart/mixed; boundary=b\r\n\r\n".to_vec();
        for _ in 0..n {
            eml.extend_from_slice(b"--b\r\n\r\nx\r\n");
        }
        eml.extend_from_slice(b"--b--\r\n");
        let t = std::time::Instant::now();
        let r = mime_to_message(&eml, &Options::lenient());
        match r {
            Ok(d) => assert_eq!(d.value.attachments.len(), n - 1),
            Err(e) => assert!(e.is_limit()),
        }
        assert!(t.elapsed().as_secs() < 30, "{n}: {:?}", t.elapsed());
        // the item budget caps the part count
        let o = Options::lenient().with_limits(Limits::DEFAULT.with_max_items(500));
        assert!(mime_to_message(&eml, &o).unwrap_err().is_limit());
    }
}

#[test]
fn decoded_output_is_charged() {
    let mut eml =
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            .to_vec();
    eml.extend(std::iter::repeat_n(b'A', 1 << 20));
    let o = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(1000));
    assert!(mime_to_message(&eml, &o).unwrap_err().is_limit());
}

#[test]
fn nesting_just_under_the_limits_converts_on_a_test_thread_stack() {
    // 60 message/rfc822 levels inside multipart/mixed: read, convert, write
    let mut eml = Vec::new();
    for i in 0..30 {
        eml.extend_from_slice(
            format!("Subject: level {i}\r\nContent-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\nContent-Type: message/rfc822\r\n\r\n")
                .as_bytes(),
        );
    }
    eml.extend_from_slice(b"Subject: deepest\r\n\r\nbody\r\n");
    let d = mime_to_message(&eml, &Options::lenient()).unwrap();
    let mut depth = 0;
    let mut m = &d.value;
    while let Some(e) = m.attachments.first().and_then(|a| a.embedded.as_deref()) {
        m = e;
        depth += 1;
    }
    assert_eq!(depth, 30);
    assert_eq!(m.subject().as_deref(), Some("deepest"));
    let out = message_to_mime(&d.value, &MimeOptions::default()).unwrap();
    assert!(mime_to_message(&out, &Options::lenient()).is_ok());
    // a model nested deeper than the limits is refused by the writer
    let mut deep = ms_oxcmsg::Message::new("IPM.Note");
    for _ in 0..200 {
        let mut outer = ms_oxcmsg::Message::new("IPM.Note");
        outer
            .attachments
            .push(ms_oxcmsg::Attachment::embedded("x", deep));
        deep = outer;
    }
    assert!(
        message_to_mime(&deep, &MimeOptions::default())
            .unwrap_err()
            .is_limit()
    );
}
