//! ms-oxtnef: the attribute layer, the model, and the encapsulated
//! property lists.

use ms_oxtnef::props::{PropertyList, RecipientTable};
use ms_oxtnef::{TnefOptions, TnefStream, WriteOptions, message_to_bytes, to_message};
use msox_codec::{CodePage, DecodeWith, Encode};

use crate::{enc, roundtrip};

/// ms-oxtnef `TnefStream::decode_bytes` (and `decode_bytes_with` without
/// checksum verification): the attribute layer re-encodes whatever it
/// decodes, strict or lenient, to exactly the input.
pub fn oxtnef_stream(data: &[u8]) {
    for verify_checksums in [true, false] {
        let t = TnefOptions { verify_checksums };
        roundtrip(data, true, |b, o| {
            TnefStream::decode_bytes_with(b, t, o).map(enc)
        });
        if let Ok(d) = TnefStream::decode_bytes_with(data, t, &crate::lenient()) {
            assert_eq!(d.value.to_vec().expect("encodes"), data, "not lossless");
            assert_eq!(d.value.encoded_len(), data.len());
        }
    }
}

/// ms-oxtnef `to_message`: reading into the model never panics; a message
/// read is written back (both shapes) and reads back again (strictly when
/// the input had no defects), and writing what was read back gives the
/// same bytes.
pub fn oxtnef_message(data: &[u8]) {
    let _ = crate::both(data, to_message);
    let Ok(m) = to_message(data, &crate::lenient()) else {
        return;
    };
    for legacy_attributes in [true, false] {
        let w = WriteOptions {
            legacy_attributes,
            ..WriteOptions::default()
        };
        // Writing can fail cleanly (an unnamed 0x8000+ ID, an unknown type).
        if let Ok(out) = message_to_bytes(&m.value, &w) {
            // Strictly when the input read without defects (what lenient
            // reading kept is written back as it was).
            let mode = if m.defects.is_empty() {
                crate::strict()
            } else {
                crate::lenient()
            };
            let back = to_message(&out, &mode)
                .unwrap_or_else(|e| panic!("a written message does not read back: {e}"));
            let again = message_to_bytes(&back.value, &w).expect("a read-back message writes");
            assert!(again == out, "write -> read -> write is not a fixed point");
        }
    }
}

/// ms-oxtnef `PropertyList::decode_bytes_with` (attMAPIProps and
/// attAttachment data), code page 1252: lossless.
pub fn oxtnef_props(data: &[u8]) {
    roundtrip(data, true, |b, o| {
        PropertyList::decode_bytes_with(b, CodePage::WINDOWS_1252, o).map(enc)
    });
}

/// ms-oxtnef `RecipientTable::decode_bytes_with` (attRecipTable data),
/// code page 1252: lossless.
pub fn oxtnef_recipient_table(data: &[u8]) {
    roundtrip(data, true, |b, o| {
        RecipientTable::decode_bytes_with(b, CodePage::WINDOWS_1252, o).map(enc)
    });
}

/// ms-oxtnef `extract_all`: extraction never panics, and the files it
/// gives with their bytes borrowed from the input are the files of the
/// owned route (`to_message`, then `extract_message`): same names, kinds
/// and bytes.
pub fn oxtnef_extract(data: &[u8]) {
    let x = ms_oxtnef::ExtractOptions::default();
    let borrowed = ms_oxtnef::extract_all(data, &crate::lenient(), &x);
    let _ = ms_oxtnef::extract_all(data, &crate::strict(), &x);
    let Ok(m) = to_message(data, &crate::lenient()) else {
        return;
    };
    let Ok(owned) = ms_oxtnef::extract_message(data, m.value, &crate::lenient(), &x) else {
        return;
    };
    let borrowed = borrowed.expect("extract_all fails where the owned route reads");
    assert!(
        borrowed.value.files == owned,
        "borrowed and owned extraction differ"
    );
}
