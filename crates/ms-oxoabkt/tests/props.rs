//! Proptest round trips for every public type: encode then decode gives the
//! same value, and templates built with `TemplateBuilder` read their
//! strings back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use ms_oxoabkt::{
    Cntrl, ControlFlags, ControlType, ScriptData, StringEncoding, TRow, TRowSet, Template,
    TemplateBuilder,
};
use msox_codec::{CodePage, Decode, DecodeWith, Encode, Options};
use msox_testkit::prop_round_trip;
use proptest::prelude::*;

fn cntrl() -> impl Strategy<Value = Cntrl> {
    (any::<u32>(), any::<u32>(), any::<u32>()).prop_map(|(dw_type, ul_size, ul_string)| Cntrl {
        dw_type,
        ul_size,
        ul_string,
    })
}

fn control_type() -> impl Strategy<Value = ControlType> {
    prop_oneof![
        proptest::sample::select(ControlType::KNOWN),
        any::<u32>().prop_map(ControlType::from_value),
    ]
}

fn trow() -> impl Strategy<Value = TRow> {
    (any::<[u32; 4]>(), control_type(), any::<u32>(), cntrl()).prop_map(
        |(p, control_type, flags, control_structure)| TRow {
            x_pos: p[0],
            delta_x: p[1],
            y_pos: p[2],
            delta_y: p[3],
            control_type,
            control_flags: ControlFlags(flags),
            control_structure,
        },
    )
}

proptest! {
    #[test]
    fn cntrl_round_trips(c in cntrl()) {
        prop_round_trip(&c)?;
    }

    #[test]
    fn trow_round_trips(r in trow()) {
        prop_round_trip(&r)?;
    }

    #[test]
    fn control_type_round_trips(t in control_type()) {
        prop_round_trip(&t)?;
    }

    #[test]
    fn control_flags_round_trip(f in any::<u32>()) {
        prop_round_trip(&ControlFlags(f))?;
    }

    #[test]
    fn script_instructions_give_back_the_words(words in proptest::collection::vec(
        prop_oneof![0u32..8, Just(0x8000_0002), Just(0x4000_0005), Just(0x8000_0006), any::<u32>()], 0..24)) {
        let s = ScriptData { instructions: words.clone(), data: vec![] };
        let (ins, rest) = s.decode_instructions();
        let back: Vec<u32> = ins.iter().flat_map(ms_oxoabkt::Instruction::words).chain(rest.iter().copied()).collect();
        prop_assert_eq!(back, words);
    }

    #[test]
    fn script_data_round_trips(words in proptest::collection::vec(any::<u32>(), 0..16),
                               data in proptest::collection::vec(any::<u8>(), 0..32)) {
        prop_round_trip(&ScriptData { instructions: words, data })?;
    }

    #[test]
    fn other_template_types_round_trip(ty in 2u32.., data in proptest::collection::vec(any::<u8>(), 0..64)) {
        // Not allowed by the spec: lenient decoding keeps it (with a defect).
        let t = Template::Other { template_type: ty, data };
        let bytes = t.to_vec().unwrap();
        let back = Template::decode_bytes(&bytes, &Options::lenient()).unwrap();
        prop_assert_eq!(back.defects.len(), 1);
        prop_assert_eq!(&back.value, &t);
        prop_assert!(Template::decode_exact(&bytes).is_err());
    }

    /// Rows without strings (offset 0) and any string area round-trip.
    #[test]
    fn row_sets_without_offsets_round_trip(rows in proptest::collection::vec(trow(), 0..8),
                                           area in proptest::collection::vec(any::<u8>(), 0..64)) {
        let rows = rows.into_iter().map(|mut r| { r.control_structure.ul_string = 0; r }).collect();
        let set = TRowSet { rows, string_area: area };
        prop_round_trip(&set)?;
        prop_round_trip(&Template::RowSet(set))?;
    }

    /// Built templates decode (strictly, with their encoding), round-trip,
    /// give every string back, and guess their own encoding (strings of at
    /// most 14 characters: the shortest limit, edit filters, is 15 with the
    /// NUL, [MS-OXOABKT] 2.2.2.1.3.2).
    #[test]
    fn built_templates_read_their_strings_back(
        rows in proptest::collection::vec((trow(), proptest::option::of("[A-Za-z&*: ]{1,14}")), 1..10),
        unicode in any::<bool>(),
    ) {
        let enc = if unicode { StringEncoding::Unicode } else { StringEncoding::CodePage(CodePage::WINDOWS_1252) };
        let mut b = TemplateBuilder::new(enc);
        for (r, s) in &rows {
            b.row(*r, s.as_deref());
        }
        let set = b.build().unwrap();
        let bytes = set.to_vec().unwrap();
        let back = TRowSet::decode_exact_with(&bytes, enc).unwrap();
        prop_assert_eq!(&back, &set);
        for (row, (_, s)) in back.rows.iter().zip(&rows) {
            prop_assert_eq!(back.row_text(row, enc).unwrap(), s.clone());
        }
        if rows.iter().any(|(_, s)| s.is_some()) {
            prop_assert_eq!(back.guess_encoding(CodePage::WINDOWS_1252), enc);
        }
    }
}

proptest! {
    /// A template re-laid out from its own rows and strings reads the same
    /// strings back (offsets may change; the text may not).
    #[test]
    fn relayout_keeps_every_string(
        rows in proptest::collection::vec((trow(), proptest::option::of("[A-Za-z&*: ]{0,12}")), 1..8),
    ) {
        let enc = StringEncoding::Unicode;
        let mut b = TemplateBuilder::new(enc);
        for (r, s) in &rows {
            b.row(*r, s.as_deref());
        }
        let set = b.build().unwrap();
        let again = TemplateBuilder::from_row_set(&set, enc).unwrap().build().unwrap();
        prop_assert_eq!(again, set);
    }
}
