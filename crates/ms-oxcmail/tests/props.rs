//! Property tests: messages built in code go to MIME and back with their
//! values (any Unicode in subjects, names, file names, bodies; any bytes in
//! attachments); header values survive encoding and decoding; the entity
//! tree re-encodes byte for byte.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ms_oxcmail::mime::MimeMessage;
use ms_oxcmail::mime::header;
use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use ms_oxcmsg::{Attachment, Message, Recipient, RecipientType};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, Options};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    // printable text in any script, with spaces and punctuation
    proptest::string::string_regex("[a-zA-Z0-9 ,.:;\"'()<>@!?=_éüßçøжщ中文日本語😀\\-]{0,60}")
        .unwrap()
}

fn body() -> impl Strategy<Value = String> {
    proptest::string::string_regex("([a-zA-Z0-9 .,=éü中😀\\-]{0,80}\r\n){0,8}").unwrap()
}

fn addr() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "[a-z][a-z0-9._%+\\-]{0,15}@[a-z][a-z0-9\\-]{0,10}\\.(com|org|de)",
    )
    .unwrap()
}

prop_compose! {
    fn message()(
        subject in text(),
        from_name in text(),
        from in addr(),
        rcpts in proptest::collection::vec((text(), addr(), 1u32..=3), 0..5),
        plain in proptest::option::of(body()),
        html in proptest::option::of(body()),
        atts in proptest::collection::vec((text(), proptest::collection::vec(any::<u8>(), 0..300)), 0..4),
        importance in proptest::option::of(0i32..=2),
    ) -> Message {
        let mut m = Message::new("IPM.Note");
        m.set_subject(subject.trim());
        m.set_sent_representing_name(from_name.trim());
        m.properties.set_str(tags::PidTagSentRepresentingSmtpAddress, &from);
        for (n, a, k) in rcpts {
            m.recipients.push(Recipient::new(n.trim(), &a, RecipientType::from_value(k)));
        }
        if let Some(p) = plain { m.set_body(&p); }
        if let Some(h) = html { m.set_html_body(format!("<p>{h}</p>").into_bytes()); }
        for (n, d) in atts {
            let name = format!("{}.bin", n.trim());
            m.attachments.push(Attachment::by_value(&name, d));
        }
        if let Some(i) = importance {
            m.properties.set(tags::PidTagImportance, ms_oxcdata::PropertyValue::Integer32(i));
        }
        m
    }
}

fn norm_lines(s: &str) -> String {
    s.replace("\r\n", "\n")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn messages_round_trip_through_mime(m in message()) {
        let out = message_to_mime(&m, &MimeOptions::default()).unwrap();
        let tree = MimeMessage::decode_bytes(&out, &Options::strict()).unwrap().value;
        prop_assert_eq!(tree.to_vec().unwrap(), out.clone());
        let back = mime_to_message(&out, &Options::strict()).unwrap().value;
        prop_assert_eq!(back.subject().unwrap_or_default(), m.subject().unwrap_or_default().trim().to_string());
        prop_assert_eq!(
            back.properties.get_str(tags::PidTagSentRepresentingSmtpAddress),
            m.properties.get_str(tags::PidTagSentRepresentingSmtpAddress)
        );
        let name = m.sent_representing_name().unwrap_or_default();
        if !name.is_empty() {
            prop_assert_eq!(back.sent_representing_name(), Some(name));
        }
        prop_assert_eq!(back.recipients.len(), m.recipients.len());
        // the writer groups recipients by To, Cc, Bcc
        let mut mr: Vec<&Recipient> = m.recipients.iter().collect();
        mr.sort_by_key(|r| r.recipient_type().map(|t| t.value()));
        for (a, b) in mr.into_iter().zip(&back.recipients) {
            prop_assert_eq!(a.email(), b.email());
            prop_assert_eq!(a.recipient_type(), b.recipient_type());
            let n = a.display_name().unwrap_or_default();
            if !n.is_empty() && Some(&n) != a.email().as_ref() {
                prop_assert_eq!(b.display_name(), Some(n));
            }
        }
        // no body is written as an empty text part
        prop_assert_eq!(
            back.body().map(|b| norm_lines(&b)).filter(|b| !b.is_empty()),
            m.body().map(|b| norm_lines(&b)).filter(|b| !b.is_empty())
        );
        prop_assert_eq!(
            back.html_body().map(|h| norm_lines(&String::from_utf8_lossy(&h))),
            m.html_body().map(|h| norm_lines(&String::from_utf8_lossy(&h)))
        );
        prop_assert_eq!(back.attachments.len(), m.attachments.len());
        for (a, b) in m.attachments.iter().zip(&back.attachments) {
            prop_assert_eq!(a.data(), b.data());
            prop_assert_eq!(a.file_name(), b.file_name());
        }
        prop_assert_eq!(back.importance(), m.importance());
    }

    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = mime_to_message(&bytes, &Options::lenient());
        let _ = mime_to_message(&bytes, &Options::strict());
    }

    #[test]
    fn dates_round_trip(secs in 0i64..4_000_000_000) {
        let t = ms_dtyp::FileTime::from_unix_seconds(secs);
        let s = header::format_date(t);
        prop_assert_eq!(header::parse_date(s.as_bytes()), Some(t));
    }

    #[test]
    fn entity_trees_re_encode_byte_for_byte(bytes in proptest::collection::vec(any::<u8>(), 0..1000)) {
        if let Ok(d) = MimeMessage::decode_bytes(&bytes, &Options::lenient()) {
            prop_assert_eq!(d.value.to_vec().unwrap(), bytes);
        }
    }
}
