//! ms-oxcmail: MIME into the message model, and back out.

use ms_oxcmail::{MimeOptions, message_to_mime, mime_to_message};

/// ms-oxcmail `mime_to_message`: both modes.
pub fn oxcmail_mime_to_message(data: &[u8]) {
    let _ = crate::both(data, mime_to_message);
}

/// ms-oxcmail `mime_to_message` then `message_to_mime`, each mode: what
/// we write (when we can) reads back, leniently (a signed entity is
/// written back as it came, broken or not).
pub fn oxcmail_roundtrip(data: &[u8]) {
    for o in crate::MODES {
        let Ok(d) = mime_to_message(data, &o) else {
            continue;
        };
        let opts = MimeOptions {
            decode: o,
            ..MimeOptions::default()
        };
        if let Ok(out) = message_to_mime(&d.value, &opts) {
            let back = mime_to_message(&out, &crate::lenient());
            assert!(back.is_ok(), "our output does not read back: {back:?}");
        }
    }
}
