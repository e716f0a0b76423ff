//! Real templates from `../shared/corpus/other/abkt/`: the display
//! templates gromox ships (UTF-16LE strings, one per LCID and display
//! type). Every one must decode, re-encode byte for byte, and have every
//! string terminated.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxoabkt::{ControlType, StringEncoding, Template, TemplateBuilder};
use msox_codec::{CodePage, Decode, DecodeWith, Encode};
use msox_testkit::corpus;

#[test]
fn corpus_templates_round_trip_byte_for_byte() {
    let files = corpus::files("other/abkt", &[".abkt"]);
    if files.is_empty() {
        return; // corpus absent (reported by corpus::files)
    }
    assert!(files.len() >= 21, "{}", files.len());
    let mut rows = 0;
    for e in &files {
        let bytes = std::fs::read(&e.path).unwrap();
        let t = Template::decode_exact(&bytes).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        assert_eq!(t.to_vec().unwrap(), bytes, "{}", e.file);
        assert_eq!(t.encoded_len(), bytes.len(), "{}", e.file);
        let set = t
            .row_set()
            .unwrap_or_else(|| panic!("{}: not a TRowSet", e.file));
        let enc = set.guess_encoding(CodePage::WINDOWS_1252);
        assert_eq!(enc, StringEncoding::Unicode, "{}", e.file);
        Template::decode_exact_with(&bytes, enc).unwrap_or_else(|err| panic!("{}: {err}", e.file));
        // Every template starts with a tab page that has a caption.
        assert_eq!(set.rows[0].control_type, ControlType::TabPage, "{}", e.file);
        assert!(!set.row_text(&set.rows[0], enc).unwrap().unwrap().is_empty());
        for row in &set.rows {
            assert!(row.control_type.is_known(), "{}", e.file);
            let text = set.row_text(row, enc).unwrap();
            if row.control_type.binds_property() {
                assert_ne!(row.control_structure.dw_type, 0, "{}", e.file);
            }
            if row.control_type == ControlType::TextBox {
                assert_eq!(text.as_deref(), Some("*"), "{}", e.file);
            }
        }
        // gromox lays the strings out in row order, one copy each, as
        // TemplateBuilder does: re-laying the template out gives the file.
        let built = TemplateBuilder::from_row_set(set, enc)
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(built.to_vec().unwrap(), bytes, "{}", e.file);
        rows += set.rows.len();
    }
    eprintln!("{} templates, {rows} rows round-tripped", files.len());
}
