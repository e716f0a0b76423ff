//! Hand-made vectors in test-vectors/oxcmail (MS-OXCMAIL has no byte
//! examples of whole messages): each decodes to the stated values, in
//! strict mode unless it states defects; the entity tree re-encodes to the
//! same bytes; and the message converts back to MIME that reads strictly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use ms_oxcmail::mime::MimeMessage;
use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, Options};

#[test]
fn vectors_decode_to_their_values_and_back() {
    let vs = msox_testkit::vectors("oxcmail");
    assert!(vs.len() >= 4);
    for v in vs {
        let meta = |k: &str| v.meta.get(k).cloned().unwrap_or_default();
        let defects: usize = meta("defects").parse().unwrap_or(0);
        let opts = if defects == 0 {
            Options::strict()
        } else {
            Options::lenient()
        };
        let tree = MimeMessage::decode_bytes(&v.bytes, &opts).unwrap();
        assert_eq!(tree.value.to_vec().unwrap(), v.bytes, "{}", v.name);
        let d = mime_to_message(&v.bytes, &opts).unwrap();
        assert_eq!(d.defects.len(), defects, "{}: {:?}", v.name, d.defects);
        if defects > 0 {
            assert!(
                mime_to_message(&v.bytes, &Options::strict()).is_err(),
                "{}",
                v.name
            );
        }
        let m = d.value;
        assert_eq!(
            m.subject().as_deref(),
            Some(meta("subject").as_str()),
            "{}",
            v.name
        );
        if !meta("recipients").is_empty() {
            assert_eq!(
                m.recipients.len().to_string(),
                meta("recipients"),
                "{}",
                v.name
            );
        }
        if !meta("attachments").is_empty() {
            assert_eq!(
                m.attachments.len().to_string(),
                meta("attachments"),
                "{}",
                v.name
            );
        }
        if !meta("importance").is_empty() {
            assert_eq!(
                m.importance().map(|i| i.to_string()).as_deref(),
                Some(meta("importance").as_str())
            );
        }
        if !meta("class").is_empty() {
            assert_eq!(m.message_class().as_deref(), Some(meta("class").as_str()));
        }
        if meta("hidden") == "true" {
            let a = &m.attachments[0];
            assert_eq!(
                a.properties
                    .get(tags::PidTagAttachmentHidden)
                    .and_then(|x| x.as_bool()),
                Some(true)
            );
            assert_eq!(a.content_id().as_deref(), Some("img1@x"));
        }
        let out = message_to_mime(&m, &MimeOptions::default()).unwrap();
        let again = mime_to_message(&out, &Options::strict()).unwrap().value;
        assert_eq!(again.subject(), m.subject(), "{}", v.name);
        assert_eq!(again.body(), m.body(), "{}", v.name);
        assert_eq!(again.html_body(), m.html_body(), "{}", v.name);
        assert_eq!(again.attachments.len(), m.attachments.len(), "{}", v.name);
    }
}
