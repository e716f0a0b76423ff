//! Hostile input: every truncation of a template is an error (a cut
//! string area leaves an offset pointing outside, or a row short), no
//! mutation panics, whatever decodes re-encodes to the same bytes, huge
//! counts are refused before allocating, and bad offsets name their row.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxoabkt::{ScriptData, StringEncoding, Template};
use msox_codec::{CodePage, Decode, DecodeWith, Encode, ErrorKind, Options};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vectors};

fn inputs() -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = vectors("oxoabkt")
        .into_iter()
        .map(|v| (v.name, v.bytes))
        .collect();
    for e in msox_testkit::corpus::files("other/abkt", &[".abkt"])
        .into_iter()
        .take(4)
    {
        v.push((e.file.clone(), std::fs::read(&e.path).unwrap()));
    }
    v
}

#[test]
fn truncated_templates_are_errors() {
    for (name, bytes) in inputs() {
        if !name.starts_with("handmade-unicode")
            && !name.starts_with("handmade-cp")
            && !name.starts_with("other/")
        {
            continue;
        }
        // The last string ends the template, so every cut loses its
        // terminator: an error once the encoding is known.
        let enc = if name.contains("cp1252") {
            StringEncoding::CodePage(CodePage::WINDOWS_1252)
        } else {
            StringEncoding::Unicode
        };
        assert_truncations_fail(&bytes, &name, |b| {
            Template::decode_exact_with(b, enc).map(|_| ())
        });
    }
}

#[test]
fn truncated_scripts_are_errors_until_the_instructions_end() {
    let v = msox_testkit::vector("oxoabkt", "handmade-script-emit-halt");
    for n in 0..16 {
        assert!(
            ScriptData::decode_exact(&v.bytes[..n]).is_err(),
            "cut at {n}"
        );
    }
    for n in 16..=v.bytes.len() {
        let s = ScriptData::decode_exact(&v.bytes[..n]).unwrap();
        assert_eq!(s.to_vec().unwrap(), v.bytes[..n]);
    }
}

#[test]
fn mutations_never_panic_and_what_decodes_re_encodes() {
    for (name, bytes) in inputs() {
        assert_no_panic_on_mutations(&bytes, &name, 512, |b| {
            if let Ok(t) = Template::decode_exact(b) {
                assert_eq!(t.to_vec().unwrap(), b);
                if let Some(set) = t.row_set() {
                    let enc = set.guess_encoding(CodePage::WINDOWS_1252);
                    for row in &set.rows {
                        let _ = set.row_text(row, enc);
                    }
                    let _ = set.validate_strings(enc);
                }
            }
            if let Ok(s) = ScriptData::decode_exact(b) {
                assert_eq!(s.to_vec().unwrap(), b);
            }
        });
    }
}

#[test]
fn huge_row_count_is_refused_before_allocating() {
    let mut b = vec![1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
    b.extend([0u8; 36 * 2]);
    let e = Template::decode_exact(&b).unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::LimitExceeded {
                what: "cRows",
                value: 0xFFFF_FFFF,
                max: 2
            }
        ),
        "{e}"
    );
    assert_eq!(e.offset(), Some(8));
}

#[test]
fn huge_instruction_count_is_refused_before_allocating() {
    let e = ScriptData::decode_exact(&[0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
}

#[test]
fn offsets_into_the_rows_are_refused_with_the_row() {
    // One row whose ulString points at its own bytes (offset 12).
    let mut b = vec![1, 0, 0, 0, 1, 0, 0, 0];
    for w in [0u32, 0, 0, 0, 0, 0, 0, 0, 12] {
        b.extend(w.to_le_bytes());
    }
    b.extend(b"*\0");
    let e = Template::decode_exact(&b).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid ulString 0xC at byte 40 in TRowSet > TRow[0] > ControlStructure"
    );
}

#[test]
fn wrong_type_for_a_trowset_is_invalid_value() {
    use ms_oxoabkt::TRowSet;
    let e = TRowSet::decode_exact(&[2, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(e.to_string(), "invalid Type 0x2 at byte 0 in TRowSet");
    // As a Template, strict refuses the same bytes; lenient keeps them raw.
    let e = Template::decode_exact(&[2, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
    assert_eq!(e.to_string(), "invalid Type 0x2 at byte 0 in TRowSet");
    let t = Template::decode_bytes(&[2, 0, 0, 0, 0, 0, 0, 0], &Options::lenient()).unwrap();
    assert_eq!(t.defects.len(), 1);
    assert_eq!(t.value.to_vec().unwrap(), [2, 0, 0, 0, 0, 0, 0, 0]);
}

#[test]
fn lenient_decoding_keeps_bad_offsets_and_unterminated_strings() {
    // The ulString outside the template: strict refuses, lenient keeps
    // the offset (one defect at the field) and writes it back.
    let v = msox_testkit::vector("oxoabkt", "error-ulstring-outside");
    let d = Template::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(40));
    assert_eq!(d.value.to_vec().unwrap(), v.bytes);
    // An unterminated UTF-16 string: found by seeking to it in the same
    // reader, so the defect has the string's absolute offset.
    let v = msox_testkit::vector("oxoabkt", "error-unterminated-unicode");
    let d = Template::decode_bytes_with(&v.bytes, StringEncoding::Unicode, &Options::lenient())
        .unwrap();
    assert_eq!(
        d.defects[0].to_string(),
        "string has no NUL terminator at byte 44 in TRowSet > TRow[0] > ControlStructure; string area kept as read"
    );
    assert_eq!(d.value.to_vec().unwrap(), v.bytes);
}

#[test]
fn strings_inside_a_larger_buffer_have_absolute_offsets() {
    // The same template behind 100 bytes of something else, read through
    // a window of one reader: offsets count from the start of the buffer,
    // ulString from the start of the TRowSet.
    let v = msox_testkit::vector("oxoabkt", "error-unterminated-unicode");
    let mut buf = vec![0xEE; 100];
    buf.extend_from_slice(&v.bytes);
    let mut r = msox_codec::Reader::with_options(&buf, &Options::strict());
    r.skip(100).unwrap();
    let e = r
        .frame("TMPLT_ENTRY", |r| {
            let mut w = r.sub(v.bytes.len())?;
            Template::decode_with(&mut w, StringEncoding::Unicode)
        })
        .unwrap_err();
    assert_eq!(e.offset(), Some(144));
    assert_eq!(
        e.path().to_string(),
        "TMPLT_ENTRY > TRowSet > TRow[0] > ControlStructure"
    );
}

/// The one hostile suite over every decoder entry point, seeded with the
/// vectors and a few corpus templates.
#[test]
fn hostile_suite_covers_every_entry_point() {
    use ms_oxoabkt::TRowSet;
    use msox_testkit::hostile::{Suite, outcome};
    let all: Vec<Vec<u8>> = inputs().into_iter().map(|(_, b)| b).collect();
    // Without an encoding, a cut string area still holds the offsets.
    Suite::new("oxoabkt_template")
        .prefixes_may_decode()
        .run(&all, |b, o| outcome(Template::decode_bytes(b, o)));
    Suite::new("oxoabkt_trowset")
        .prefixes_may_decode()
        .run(&all, |b, o| outcome(TRowSet::decode_bytes(b, o)));
    // With one, every cut loses the last string's terminator.
    let unicode = StringEncoding::Unicode;
    let cp1252 = StringEncoding::CodePage(CodePage::WINDOWS_1252);
    Suite::new("oxoabkt_template_unicode").run(&all, |b, o| {
        outcome(Template::decode_bytes_with(b, unicode, o))
    });
    // (Some samples have bytes after their last 8-bit string.)
    Suite::new("oxoabkt_template_cp1252")
        .prefixes_may_decode()
        .run(&all, |b, o| {
            outcome(Template::decode_bytes_with(b, cp1252, o))
        });
    // The data after the instructions runs to the end.
    Suite::new("oxoabkt_script")
        .prefixes_may_decode()
        .run(&all, |b, o| outcome(ScriptData::decode_bytes(b, o)));
}

#[test]
fn other_with_type_1_is_refused_on_encode() {
    let t = Template::Other {
        template_type: 1,
        data: vec![0, 0, 0, 0],
    };
    assert!(t.to_vec().is_err());
}
