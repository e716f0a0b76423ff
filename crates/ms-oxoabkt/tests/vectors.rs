//! Every `test-vectors/oxoabkt/*.hex`: templates and scripts decode to
//! what the metadata says and re-encode to the same bytes; `error-*`
//! vectors fail as their `.err` file states (kind, absolute offset, path). The vectors are hand-made, except
//! `spec-example-*`, assembled from the field values the spec's section 4
//! NspiGetTemplateInfo example lists (the example gives values, not bytes,
//! and the stored copy of it ends in Row2).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxoabkt::{ScriptData, StringEncoding, Template};
use msox_codec::{CodePage, Decode, DecodeWith, Encode, Options};
use msox_testkit::hostile::outcome;
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
        let source = v.meta("source");
        assert!(
            source.starts_with("hand-made: ") || source.starts_with("spec-example: "),
            "{what}"
        );
        let enc = encoding(&v);
        let checked = v.check_expected_error(|b, o| match enc {
            Some(enc) => outcome(Template::decode_bytes_with(b, enc, o)),
            None => outcome(Template::decode_bytes(b, o)),
        });
        if checked {
            continue;
        }
        match v.meta("type") {
            "Template" => {
                if let Some(ty) = v.meta.get("template-type") {
                    // A Type the spec does not allow: strict refuses it,
                    // lenient keeps the bytes (one defect) and writes them back.
                    let e = Template::decode_exact(&v.bytes).unwrap_err();
                    assert_eq!(
                        e.to_string(),
                        format!("invalid Type 0x{ty} at byte 0 in TRowSet")
                    );
                    let d = Template::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
                    assert_eq!(d.defects.len(), 1, "{what}");
                    assert_eq!(
                        d.defects[0].to_string(),
                        format!(
                            "invalid Type 0x{ty} at byte 0 in TRowSet; template kept as raw bytes"
                        )
                    );
                    let t = d.value;
                    assert_eq!(u32::from(t.template_type()), ty.parse::<u32>().unwrap());
                    assert!(t.row_set().is_none(), "{what}");
                    assert_eq!(t.to_vec().unwrap(), v.bytes, "{what}");
                    continue;
                }
                let t: Template = assert_round_trip(&v.bytes, what);
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

/// The rows of the [MS-OXOABKT] section 4 NspiGetTemplateInfo example
/// (dwCodePage 0x4E4), field by field as the example lists them; only the
/// `ulString` offsets differ, by the rebase the vector states (the
/// example's TRowSet has 65 rows, the vector 2).
#[test]
fn spec_example_rows_have_the_listed_values() {
    use ms_oxoabkt::{ControlFlags, ControlType};
    let v = msox_testkit::vector("oxoabkt", "spec-example-get-template-info-rows-0-1");
    let rebase = u32::from_str_radix(
        v.meta("example-ulstring-rebase").trim_start_matches("0x"),
        16,
    )
    .unwrap();
    let enc = StringEncoding::CodePage(CodePage(0x4E4));
    let t = Template::decode_exact_with(&v.bytes, enc).unwrap();
    let set = t.row_set().unwrap();
    // TRowSet - Type - 0x00000001 (cRows is 0x41 in the example, 2 here)
    assert_eq!(u32::from(t.template_type()), 1);
    assert_eq!(set.rows.len(), 2);
    // (XPos, XDelta, YPos, YDelta, ControlType, ControlFlags, dwType, ulSize, ulString, string)
    let listed = [
        (0x0, 0x0, 0x0, 0x0, 0x8, 0xCE4, 0x0, 0x0, 0x92C, "General"),
        (0x6, 0x167, 0x3, 0x29, 0x6, 0x0, 0x0, 0x0, 0x934, "Name"),
    ];
    for (row, l) in set.rows.iter().zip(listed) {
        let c = &row.control_structure;
        assert_eq!(
            (row.x_pos, row.delta_x, row.y_pos, row.delta_y),
            (l.0, l.1, l.2, l.3)
        );
        assert_eq!(row.control_type.value(), l.4);
        assert_eq!(row.control_flags, ControlFlags(l.5));
        assert_eq!(
            (c.dw_type, c.ul_size, c.ul_string + rebase),
            (l.6, l.7, l.8)
        );
        assert_eq!(set.row_text(row, enc).unwrap().as_deref(), Some(l.9));
    }
    // The example's offsets: strings right after the 65 rows, 8-bit.
    assert_eq!(0x92C, 8 + 0x41 * 36);
    assert_eq!(0x934 - 0x92C, "General\0".len());
    assert_eq!(
        set.rows[0].control_structure.ul_string as usize,
        set.string_area_start()
    );
    // What this crate calls the two control types (MAPI display-table names).
    assert_eq!(set.rows[0].control_type, ControlType::TabPage);
    assert_eq!(set.rows[1].control_type, ControlType::GroupBox);
    assert_eq!(t.to_vec().unwrap(), v.bytes);
}

/// [MS-OXOABKT] 2.2.2.1.3.1: a label's string MUST NOT be over 128
/// characters with its terminator; the builder refuses longer ones, a
/// radio button (not described by the spec) is not limited, and decoding
/// keeps what it reads.
#[test]
fn builder_enforces_the_label_length_limit() {
    use ms_oxoabkt::template::LABEL_MAX_CHARS;
    use ms_oxoabkt::{ControlType, TRow, TemplateBuilder};
    assert_eq!(LABEL_MAX_CHARS, 128);
    let ok = "x".repeat(LABEL_MAX_CHARS - 1);
    let long = "x".repeat(LABEL_MAX_CHARS);
    for enc in [
        StringEncoding::Unicode,
        StringEncoding::CodePage(CodePage::WINDOWS_1252),
    ] {
        let label = TRow::new(ControlType::Label, 0, 0, 10, 10);
        let mut b = TemplateBuilder::new(enc);
        b.row(label, Some(&ok));
        let set = b.build().unwrap();
        let mut b = TemplateBuilder::new(enc);
        b.row(label, Some(&long));
        let e = b.build().unwrap_err();
        assert!(e.to_string().contains("over the 128"), "{e}");
        let mut b = TemplateBuilder::new(enc);
        b.row(
            TRow::new(ControlType::RadioButton, 0, 0, 10, 10),
            Some(&long),
        );
        b.build().unwrap();
        // A long label already in a template decodes and round-trips.
        let mut long_set = set.clone();
        let n = long_set.string_area.len() - enc.terminator_len();
        let unit = &long_set.string_area[..enc.terminator_len()].to_vec();
        long_set.string_area.splice(n..n, unit.iter().copied());
        let bytes = Template::RowSet(long_set.clone()).to_vec().unwrap();
        let back = Template::decode_exact_with(&bytes, enc).unwrap();
        assert_eq!(back.row_set().unwrap(), &long_set);
        assert_eq!(
            long_set.row_text(&long_set.rows[0], enc).unwrap().unwrap(),
            long
        );
    }
}

/// The hand-made script reads as Emit String (operand 0x10, the byte
/// offset of "SMTP:") then Halt; unknown opcodes and cut-off operands stop
/// the decoding, and the words always come back unchanged.
#[test]
fn script_instructions_decode() {
    use ms_oxoabkt::{Instruction, ScriptOpcode};
    let v = msox_testkit::vector("oxoabkt", "handmade-script-emit-halt");
    let s = ScriptData::decode_exact(&v.bytes).unwrap();
    let (ins, rest) = s.decode_instructions();
    assert_eq!(
        ins,
        [
            Instruction {
                opcode: ScriptOpcode::EmitString,
                operands: vec![0x10]
            },
            Instruction {
                opcode: ScriptOpcode::Halt,
                operands: vec![]
            },
        ]
    );
    assert!(rest.is_empty());
    assert_eq!(ScriptOpcode::EmitString.to_string(), "EmitString");
    for words in [vec![0x0000_0005, 1, 2], vec![2, 0x3001_001E, 0x1234, 0]] {
        let s = ScriptData {
            instructions: words.clone(),
            data: vec![],
        };
        let (ins, rest) = s.decode_instructions();
        let back: Vec<u32> = ins
            .iter()
            .flat_map(Instruction::words)
            .chain(rest.iter().copied())
            .collect();
        assert_eq!(back, words);
        assert!(!rest.is_empty());
    }
}

/// [MS-OXOABKT] 2.2.2.1.3.1 to 2.2.2.1.3.9: the per-control string roles
/// and limits.
#[test]
fn per_control_string_rules() {
    use ms_oxoabkt::{ControlType as T, StringRole, TRow, TemplateBuilder};
    assert_eq!(T::TextBox.string_role(), StringRole::CharacterFilter);
    for t in [
        T::ListBox,
        T::MultiValuedListBox,
        T::MultiValuedDropDownListBox,
    ] {
        assert_eq!(t.string_role(), StringRole::Ignored);
    }
    for t in [T::Label, T::CheckBox, T::GroupBox, T::Button, T::TabPage] {
        assert_eq!(t.string_role(), StringRole::Caption);
    }
    let limits = [
        (T::Label, 128),
        (T::TextBox, 15),
        (T::CheckBox, 128),
        (T::GroupBox, 128),
        (T::Button, 128),
        (T::TabPage, 32),
    ];
    let cp = StringEncoding::CodePage(CodePage::WINDOWS_1252);
    for (t, max) in limits {
        assert_eq!(t.max_string_len(), Some(max));
        let row = TRow::new(t, 0, 0, 1, 1);
        let mut b = TemplateBuilder::new(cp);
        b.row(row, Some(&"a".repeat(max - 1)));
        b.build().unwrap();
        let mut b = TemplateBuilder::new(cp);
        b.row(row, Some(&"a".repeat(max)));
        assert!(b.build().is_err(), "{t}");
    }
    // 32 bytes for a page: 16 two-byte characters of code page 932 do not fit.
    let mut b = TemplateBuilder::new(StringEncoding::CodePage(CodePage(932)));
    b.row(
        TRow::new(T::TabPage, 0, 0, 0, 0),
        Some(&"\u{3042}".repeat(16)),
    );
    assert!(b.build().is_err());
    assert_eq!(T::ListBox.max_string_len(), None);
}
