//! Every `test-vectors/oxoabkt/*.hex` (all hand-made: the stored copies of
//! the spec's section 4 do not give the example's bytes): templates and
//! scripts decode to what the metadata says and re-encode to the same
//! bytes; `error-*` vectors fail with the stated message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxoabkt::{ScriptData, StringEncoding, Template};
use msox_codec::{CodePage, Decode, DecodeWith};
use msox_testkit::{Vector, assert_round_trip, vectors};

fn encoding(v: &Vector) -> Option<StringEncoding> {
    v.meta.get("encoding").map(|e| match e.as_str() {
        "unicode" => StringEncoding::Unicode,
        cp => StringEncoding::CodePage(CodePage(cp.parse().unwrap())),
    })
}

#[test]
fn vectors_decode_as_described_and_round_trip() {
    let all = vectors("oxoabkt");
    assert!(all.len() >= 7);
    for v in all {
        let what = v.name.as_str();
        assert!(v.section().unwrap().starts_with("[MS-OXOABKT] "), "{what}");
        assert!(v.meta("source").starts_with("hand-made: "), "{what}");
        if let Some(expected) = v.meta.get("error") {
            let err = match encoding(&v) {
                Some(enc) => Template::decode_exact_with(&v.bytes, enc).unwrap_err(),
                None => Template::decode_exact(&v.bytes).unwrap_err(),
            };
            assert_eq!(&err.to_string(), expected, "{what}");
            continue;
        }
        match v.meta("type") {
            "Template" => {
                let t: Template = assert_round_trip(&v.bytes, what);
                if let Some(ty) = v.meta.get("template-type") {
                    assert_eq!(u32::from(t.template_type()), ty.parse::<u32>().unwrap());
                    assert!(t.row_set().is_none(), "{what}");
                    continue;
                }
                let set = t.row_set().unwrap();
                let enc = encoding(&v).unwrap();
                assert_eq!(set.guess_encoding(CodePage::WINDOWS_1252), enc, "{what}");
                Template::decode_exact_with(&v.bytes, enc).unwrap();
                assert_eq!(set.rows.len().to_string(), v.meta("rows"), "{what}");
                let texts: Vec<String> = set
                    .rows
                    .iter()
                    .map(|r| set.row_text(r, enc).unwrap().unwrap_or_default())
                    .collect();
                assert_eq!(texts.join("|"), v.meta("strings"), "{what}");
            }
            "ScriptData" => {
                let s: ScriptData = assert_round_trip(&v.bytes, what);
                assert_eq!(s.instructions.len().to_string(), v.meta("instructions"));
            }
            other => panic!("{what}: unknown type {other}"),
        }
    }
}

#[test]
fn unterminated_string_decodes_structurally_but_not_as_unicode() {
    let v = msox_testkit::vector("oxoabkt", "error-unterminated-unicode");
    let t = Template::decode_exact(&v.bytes).unwrap();
    let set = t.row_set().unwrap();
    assert!(set.row_text(&set.rows[0], StringEncoding::Unicode).is_err());
    // As 8-bit text the same bytes are terminated.
    let cp = StringEncoding::CodePage(CodePage::WINDOWS_1252);
    assert_eq!(
        set.row_text(&set.rows[0], cp).unwrap().as_deref(),
        Some("*")
    );
}

#[test]
fn shared_strings_are_kept_and_offset_zero_is_no_string() {
    let v = msox_testkit::vector("oxoabkt", "handmade-cp1252-shared-string");
    let t = Template::decode_exact(&v.bytes).unwrap();
    let set = t.row_set().unwrap();
    assert_eq!(
        set.rows[1].control_structure.ul_string,
        set.rows[3].control_structure.ul_string
    );
    assert_eq!(set.rows[4].control_structure.ul_string, 0);
    let cp = StringEncoding::CodePage(CodePage::WINDOWS_1252);
    assert_eq!(set.row_text(&set.rows[4], cp).unwrap(), None);
    assert_eq!(
        set.row_text(&set.rows[2], cp).unwrap().as_deref(),
        Some("Caf\u{e9} &notes:")
    );
}
