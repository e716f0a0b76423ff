//! ms-oxcical: iCalendar content lines, and the import into Message
//! objects (with the export written back and read again).

use ms_oxcical::contentline::Document;
use ms_oxcical::{IcsOptions, ics_to_messages, messages_to_ics};

use crate::roundtrip_type;

/// ms-oxcical `Document::decode_bytes` (content lines and components):
/// line folding and spelling are not kept, so a fixed point.
pub fn oxcical_contentlines(data: &[u8]) {
    roundtrip_type!(data, false, Document);
}

/// ms-oxcical `ics_to_messages`: both modes; what imports exports
/// (`messages_to_ics`, when it can) to text that imports again.
pub fn oxcical_import(data: &[u8]) {
    let _ = crate::both(data, ics_to_messages);
    let Ok(m) = ics_to_messages(data, &crate::lenient()) else {
        return;
    };
    let opts = IcsOptions {
        options: crate::lenient(),
        ..IcsOptions::default()
    };
    if let Ok(out) = messages_to_ics(&m.value, &opts) {
        let back = ics_to_messages(out.value.as_bytes(), &crate::lenient());
        assert!(
            back.is_ok(),
            "our export does not import: {back:?}\n{}",
            out.value
        );
    }
}
