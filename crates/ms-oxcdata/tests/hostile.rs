//! Hostile input: truncations, mutations, absurd counts, deep nesting.
//! Errors, never panics, never a stack overflow, never an allocation the
//! input does not back.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxcdata::*;
use msox_codec::{CodePage, CountWidth, Decode, DecodeWith, ErrorKind, Limits, Reader, Result};
use msox_testkit::hostile::{Outcome, Suite, outcome};
use msox_testkit::{
    Vector, assert_no_panic_on_mutations, assert_truncations_fail, assert_truncations_never_panic,
    vectors,
};

const CONTEXTS: [ValueContext; 2] = [ValueContext::ROP, ValueContext::EXTENDED_RULE];

fn ctx_of(v: &Vector) -> ValueContext {
    match v.meta.get("context").map(String::as_str) {
        Some("extended") => ValueContext::EXTENDED_RULE,
        _ => ValueContext::ROP,
    }
}

fn columns_of(v: &Vector) -> Vec<PropertyTag> {
    v.meta
        .get("columns")
        .map(|c| {
            c.split_whitespace()
                .map(|t| {
                    PropertyTag::from_u32(
                        u32::from_str_radix(t.trim_start_matches("0x"), 16).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Decodes `b` as the vector's type; `Ok(())` when it decodes.
fn decode_as(v: &Vector, b: &[u8]) -> Result<()> {
    let ctx = ctx_of(v);
    let cols = columns_of(v);
    let rc = RowContext::new(&cols, ctx);
    match v.meta("type") {
        "PropertyTagArray" => PropertyTagArray::decode_exact(b).map(drop),
        "TaggedPropertyValue" => TaggedValue::decode_exact_with(b, ctx).map(drop),
        "TaggedPropertyValueList" => {
            let mut r = Reader::new(b);
            while !r.is_empty() {
                TaggedValue::read(&mut r, &ctx)?;
            }
            Ok(())
        }
        "PropertyRow" => PropertyRow::decode_exact_with(b, rc).map(drop),
        "AddressList" => AddressList::decode_exact_with(b, ctx).map(drop),
        "PropertyRowSet" => PropertyRowSet::decode_exact_with(b, rc).map(drop),
        "PropertyName" => PropertyName::decode_exact(b).map(drop),
        "PropertyNameEntry" => PropertyNameEntry::decode_exact(b).map(drop),
        "PropertyName_r" => PropertyNameR::decode_exact(b).map(drop),
        "PropertyProblemArray" => PropertyProblemArray::decode_exact(b).map(drop),
        "LongTermID" => LongTermId::decode_exact(b).map(drop),
        "LongTermIdRange" => LongTermIdRange::decode_exact(b).map(drop),
        "FolderID" => FolderId::decode_exact(b).map(drop),
        "TypedString" => TypedString::decode_exact_with(b, CodePage::WINDOWS_1252).map(drop),
        "ServerId" => ServerId::decode_exact(b).map(drop),
        "Restriction" => Restriction::decode_exact_with(b, ctx).map(drop),
        "SortOrderSet" => SortOrderSet::decode_exact(b).map(drop),
        "EntryID" => {
            let e = EntryId::parse(b);
            let _ = e.to_string();
            EntryId::decode_exact(b).map(drop)
        }
        "RecipientRow" => RecipientRow::decode_exact_with(b, rc).map(drop),
        other => panic!("unknown type {other}"),
    }
}

/// Types where a prefix can itself be a valid value.
fn prefixes_can_be_valid(v: &Vector) -> bool {
    matches!(
        v.meta("type"),
        "EntryID" | "ServerId" | "TaggedPropertyValueList"
    )
}

#[test]
fn truncations_fail_and_mutations_never_panic() {
    for v in vectors("oxcdata") {
        if v.meta.contains_key("error") {
            assert_truncations_never_panic(&v.bytes, &v.name, |b| decode_as(&v, b));
        } else if prefixes_can_be_valid(&v) {
            assert_truncations_never_panic(&v.bytes, &v.name, |b| decode_as(&v, b));
        } else {
            assert_truncations_fail(&v.bytes, &v.name, |b| decode_as(&v, b));
        }
        assert_no_panic_on_mutations(&v.bytes, &v.name, 200, |b| decode_as(&v, b));
    }
}

fn assert_limit(e: &msox_codec::Error, what: &str) {
    assert!(
        matches!(e.kind(), ErrorKind::LimitExceeded { .. }),
        "{what}: expected LimitExceeded, got {e}"
    );
}

#[test]
fn a_100000_deep_not_nesting_is_a_limit_error_not_a_stack_overflow() {
    let mut b = vec![0x02u8; 100_000];
    b.extend_from_slice(&[0x08, 0x1F, 0x00, 0x37, 0x00]);
    for ctx in CONTEXTS {
        let e = Restriction::decode_exact_with(&b, ctx).unwrap_err();
        assert_limit(&e, "Not chain");
        assert_eq!(e.offset(), Some(Limits::DEFAULT.max_depth as usize), "{e}");
    }
    // With the fuzzing limits, the cap is lower; with a custom one, exact.
    let rop = ValueContext::ROP;
    let fuzz = msox_codec::Options::fuzzing();
    assert_limit(
        &Restriction::decode_bytes_with(&b, rop, &fuzz).unwrap_err(),
        "fuzz",
    );
    let mut ok = vec![0x02u8; 9];
    ok.extend_from_slice(&[0x08, 0x1F, 0x00, 0x37, 0x00]);
    let ten = msox_codec::Options::strict().with_limits(Limits::DEFAULT.with_max_depth(10));
    Restriction::decode_bytes_with(&ok, rop, &ten).unwrap();
    ok.insert(0, 0x02);
    assert_limit(
        &Restriction::decode_bytes_with(&ok, rop, &ten).unwrap_err(),
        "11 deep",
    );
}

#[test]
fn deep_nesting_through_every_recursive_path_is_a_limit_error() {
    let n = 100_000;
    let exist = [0x08u8, 0x1F, 0x00, 0x37, 0x00];
    let wrap = |prefix: &[u8], tail: &[u8]| {
        let mut b = Vec::with_capacity(prefix.len() * n + tail.len());
        for _ in 0..n {
            b.extend_from_slice(prefix);
        }
        b.extend_from_slice(tail);
        b
    };
    let cases: Vec<(&str, Vec<u8>, ValueContext)> = vec![
        (
            "And of one",
            wrap(&[0x00, 0x01, 0x00], &exist),
            ValueContext::ROP,
        ),
        (
            "Or of one (32-bit)",
            wrap(&[0x01, 0x01, 0x00, 0x00, 0x00], &exist),
            ValueContext::EXTENDED_RULE,
        ),
        (
            "SubObject",
            wrap(&[0x09, 0x0D, 0x00, 0x12, 0x0E], &exist),
            ValueContext::ROP,
        ),
        (
            "Count",
            wrap(&[0x0B, 1, 0, 0, 0], &exist),
            ValueContext::ROP,
        ),
        (
            "Comment",
            wrap(&[0x0A, 0x00, 0x01], &exist),
            ValueContext::ROP,
        ),
        (
            "PtypRestriction values",
            wrap(
                &[0x04, 0x04, 0xFD, 0x00, 0x00, 0x66, 0xFD, 0x00, 0x00, 0x66],
                &exist,
            ),
            ValueContext::ROP,
        ),
    ];
    for (what, b, ctx) in cases {
        let e = Restriction::decode_exact_with(&b, ctx).unwrap_err();
        assert_limit(&e, what);
    }
    // A restriction-valued property in a row nests the same way.
    let cols = [PropertyTag::new(0x6600, PropertyType::Restriction)];
    let mut row = vec![0x00];
    row.extend(wrap(&[0x02], &exist));
    let e = PropertyRow::decode_exact_with(&row, RowContext::rop(&cols)).unwrap_err();
    assert_limit(&e, "row");
    // ... checked when a borrowed row is read, the same error
    let f = PropertyRowRef::decode_exact_with(&row, RowContext::rop(&cols)).unwrap_err();
    assert_eq!(e, f);
}

#[test]
fn nested_typed_values_are_refused_not_recursed() {
    // PtypUnspecified inside a TypedPropertyValue would nest forever.
    let b = vec![0u8; 200_000];
    let e = TypedPropertyValue::decode_exact_with(&b, ValueContext::ROP).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidValue { .. }), "{e}");
    // A multiple-instance type would lose its flag.
    let e = TypedPropertyValue::decode_exact_with(&[0x03, 0x30, 0, 0, 0, 0], ValueContext::ROP)
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::InvalidValue { .. }), "{e}");
}

#[test]
fn huge_counts_are_refused_before_allocating() {
    let ext = ValueContext::EXTENDED_RULE;
    let rop = ValueContext::ROP;
    let cases: Vec<(&str, Vec<u8>, PropertyType, ValueContext)> = vec![
        (
            "binary",
            vec![0xFF, 0xFF, 0xFF, 0xFF, 1, 2],
            PropertyType::Binary,
            ext,
        ),
        (
            "binary16",
            vec![0xFF, 0xFF, 1, 2],
            PropertyType::Binary,
            rop,
        ),
        (
            "multi int32",
            vec![0xFF, 0xFF, 0xFF, 0x7F, 1, 2, 3, 4],
            PropertyType::MultipleInteger32,
            rop,
        ),
        (
            "multi binary",
            vec![0xFF, 0xFF, 0xFF, 0xFF, 0, 0],
            PropertyType::MultipleBinary,
            rop,
        ),
        (
            "multi string",
            vec![0xFF, 0xFF, 0xFF, 0xFF, 0, 0],
            PropertyType::MultipleString,
            rop,
        ),
        (
            "server id",
            vec![0xFF, 0xFF, 1],
            PropertyType::ServerId,
            rop,
        ),
        (
            "rule action",
            vec![0xFF, 0xFF, 0xFF, 0xFF, 0, 0],
            PropertyType::RuleAction,
            ext,
        ),
    ];
    for (what, b, t, ctx) in cases {
        let e = PropertyValue::decode_exact_with(&b, (t, ctx)).unwrap_err();
        assert_limit(&e, what);
        // borrowed and skipped: the same refusal
        let f = PropertyValueRef::decode_exact_with(&b, (t, ctx)).unwrap_err();
        assert_eq!(e, f, "{what}");
        let mut r = Reader::with_options(&b, &msox_codec::Options::strict());
        assert_eq!(skip_value(&mut r, t, &ctx).unwrap_err(), e, "{what}");
    }
    let cols = [PropertyTag::new(0x0FFF, PropertyType::Binary)];
    let e = PropertyRowRef::decode_exact_with(&[0x00, 0xFF, 0xFF, 1], RowContext::rop(&cols))
        .unwrap_err();
    assert_limit(&e, "borrowed row binary");
    let e = Restriction::decode_exact_with(&[0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x08], ext).unwrap_err();
    assert_limit(&e, "RestrictCount");
    let e = PropertyTagArray::decode_exact_with(&[0xFF, 0xFF, 0xFF, 0xFF], CountWidth::U32)
        .unwrap_err();
    assert_limit(&e, "PropertyTagCount");
    let e =
        PropertyRowSet::decode_exact_with(&[0xFF, 0xFF, 0x00], RowContext::rop(&[])).unwrap_err();
    assert_limit(&e, "RowCount");
    let e = PropertyRowSetRef::decode_exact_with(&[0xFF, 0xFF, 0x00], RowContext::rop(&[]))
        .unwrap_err();
    assert_limit(&e, "RowCount (borrowed)");
    let e = SortOrderSet::decode_exact(&[0xFF, 0xFF, 0, 0, 0, 0, 1]).unwrap_err();
    assert_limit(&e, "SortOrderCount");
    let e = PropertyProblemArray::decode_exact(&[0xFF, 0xFF, 0]).unwrap_err();
    assert_limit(&e, "Count");
    // A contact EntryID whose EntryIdCount overruns the input.
    let mut c = vec![0u8; 4];
    c.extend_from_slice(&ms_oxcdata::entryid::provider_uid::CONTACT.to_le_bytes());
    c.extend_from_slice(&[3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF]);
    assert_limit(&EntryId::decode_exact(&c).unwrap_err(), "EntryIdCount");
    assert!(matches!(EntryId::parse(&c), EntryId::Unknown(_)));
}

#[test]
fn deeply_wrapped_entry_ids_display_without_recursing() {
    let mut e = vec![0u8; 4];
    e.extend_from_slice(&ms_oxcdata::entryid::provider_uid::ONE_OFF.to_le_bytes());
    e.extend_from_slice(&[0, 0, 0, 0, b'a', 0, b'b', 0, b'c', 0]);
    for _ in 0..20_000 {
        let mut w = vec![0u8; 4];
        w.extend_from_slice(&ms_oxcdata::entryid::provider_uid::WRAPPED.to_le_bytes());
        w.push(0x00);
        w.extend_from_slice(&e);
        e = w;
    }
    let id = EntryId::parse(&e);
    assert!(id.to_string().starts_with("WrappedEntryId"));
}

#[test]
fn errors_carry_offset_and_structure_path() {
    // Restriction > Restriction > TaggedPropertyValue > PropertyValue
    let b = [
        0x02, 0x04, 0x04, 0x1F, 0x00, 0x37, 0x00, 0x1F, 0x00, 0x37, 0x00, b'a', 0x00,
    ];
    let e = Restriction::decode_exact_with(&b, ValueContext::ROP).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    assert_eq!(
        e.path().to_string(),
        "Restriction(RES_NOT) > Restriction(RES_PROPERTY) > TaggedPropertyValue > null-terminated UTF-16 string",
        "{e}"
    );
    let e = Restriction::decode_exact_with(&[0x02, 0x0C], ValueContext::ROP).unwrap_err();
    assert_eq!(e.offset(), Some(1));
    assert_eq!(
        e.to_string(),
        "invalid RestrictType 0xC at byte 1 in Restriction(RES_NOT) > Restriction"
    );
}

/// A row of every kind of column, and its columns: a standard and a
/// flagged row, PtypUnspecified columns, multi-values, a restriction.
fn rows_of_every_type() -> Vec<(Vec<PropertyTag>, Vec<u8>)> {
    use msox_codec::{EncodeWith, String8, Utf16String};
    let values = vec![
        PropertyValue::Integer64(7),
        PropertyValue::String(Utf16String::new("Quarterly")),
        PropertyValue::Binary(vec![1, 2, 3]),
        PropertyValue::Boolean(true),
        PropertyValue::Time(ms_dtyp::FileTime(5)),
        PropertyValue::Integer32(-1),
        PropertyValue::String8(String8::new(b"abc".to_vec(), CodePage::WINDOWS_1252)),
        PropertyValue::MultipleInteger32(vec![1, 2]),
        PropertyValue::MultipleString(vec![Utf16String::new("x"), Utf16String::new("yz")]),
        PropertyValue::MultipleBinary(vec![vec![9], vec![]]),
        PropertyValue::Guid(ms_dtyp::Guid::from_u128(3)),
        PropertyValue::Restriction(Box::new(Restriction::Exist(PropertyTag::from_u32(
            0x0037_001F,
        )))),
        PropertyValue::ServerId(vec![
            1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        ]),
    ];
    let mut cols: Vec<PropertyTag> = values
        .iter()
        .enumerate()
        .map(|(i, v)| PropertyTag::new(0x6000 + i as u16, v.prop_type()))
        .collect();
    cols.push(PropertyTag::new(0x7000, PropertyType::Unspecified));
    let mut std_values = values.clone();
    std_values.push(PropertyValue::Integer16(4));
    let standard = PropertyRow::Standard(std_values);
    let mut cells: Vec<FlaggedPropertyValueWithType> = values
        .into_iter()
        .enumerate()
        .map(|(i, v)| FlaggedPropertyValueWithType {
            prop_type: v.prop_type(),
            value: match i % 3 {
                0 => FlaggedPropertyValue::Value(v),
                1 => FlaggedPropertyValue::NotPresent,
                _ => FlaggedPropertyValue::Error(ErrorCode::from(0x8004_010F)),
            },
        })
        .collect();
    cells.push(FlaggedPropertyValueWithType {
        prop_type: PropertyType::Integer32,
        value: FlaggedPropertyValue::Value(PropertyValue::Integer32(5)),
    });
    let flagged = PropertyRow::Flagged(cells);
    let rc = RowContext::rop(&cols);
    vec![
        (cols.clone(), standard.to_vec_with(rc).unwrap()),
        (cols.clone(), flagged.to_vec_with(rc).unwrap()),
    ]
}

/// The borrowed row agrees with the owned one: the same error, or the same
/// defects and the same values (compared by `Debug`: mutated floats may be
/// NaN), and every cell reads on demand.
fn check_row_ref(b: &[u8], rc: RowContext<'_>, o: &msox_codec::Options) -> Outcome {
    let d = PropertyRowRef::decode_bytes_with(b, rc, o);
    let owned = PropertyRow::decode_bytes_with(b, rc, o);
    match (&d, &owned) {
        (Ok(d), Ok(owned)) => {
            assert_eq!(d.defects, owned.defects);
            assert!(d.value.cells(&rc).all(|c| c.is_ok()));
            assert_eq!(
                format!("{:?}", d.value.to_owned(&rc).unwrap()),
                format!("{:?}", owned.value)
            );
        }
        (Err(e), Err(f)) => assert_eq!(e, f),
        (d, owned) => panic!("borrowed {d:?}, owned {owned:?}"),
    }
    outcome(d)
}

/// A row sample: its name, columns, context, bytes, and whether it is a
/// row set.
type RowCase = (String, Vec<PropertyTag>, ValueContext, Vec<u8>, bool);

#[test]
fn oxcdata_row_ref() {
    let mut cases: Vec<RowCase> = Vec::new();
    for v in vectors("oxcdata") {
        match v.meta("type") {
            "PropertyRow" => {
                cases.push((v.name.clone(), columns_of(&v), ctx_of(&v), v.bytes, false))
            }
            "PropertyRowSet" => {
                cases.push((v.name.clone(), columns_of(&v), ctx_of(&v), v.bytes, true))
            }
            _ => {}
        }
    }
    for (i, (cols, b)) in rows_of_every_type().into_iter().enumerate() {
        cases.push((format!("every type {i}"), cols, ValueContext::ROP, b, false));
    }
    assert!(cases.len() >= 5);
    for (name, cols, ctx, bytes, set) in &cases {
        let rc = RowContext::new(cols, *ctx);
        let samples = std::slice::from_ref(bytes);
        if *set {
            Suite::new(&format!("oxcdata_row_set_ref[{name}]")).run(samples, |b, o| {
                let d = PropertyRowSetRef::decode_bytes_with(b, rc, o);
                let owned = PropertyRowSet::decode_bytes_with(b, rc, o);
                match (&d, &owned) {
                    (Ok(d), Ok(owned)) => {
                        assert_eq!(d.defects, owned.defects);
                        assert_eq!(
                            format!("{:?}", d.value.to_owned(&rc).unwrap()),
                            format!("{:?}", owned.value)
                        );
                    }
                    (Err(e), Err(f)) => assert_eq!(e, f),
                    (d, owned) => panic!("borrowed {d:?}, owned {owned:?}"),
                }
                outcome(d)
            });
        } else {
            Suite::new(&format!("oxcdata_row_ref[{name}]"))
                .run(samples, |b, o| check_row_ref(b, rc, o));
            // through a RowReader: the same outcome
            let reader = RowReader::new(rc);
            Suite::new(&format!("oxcdata_row_reader[{name}]")).run(samples, |b, o| {
                let d = msox_codec::decode_bytes_with_reader(b, o, |r| reader.read(r));
                assert_eq!(d, PropertyRowRef::decode_bytes_with(b, rc, o));
                outcome(d)
            });
        }
    }
}
