//! The one property-value policy: each edge decided once, in ms-oxcdata,
//! the same in every context; values whose bytes depend on the context are
//! typed (restrictions) or refused when written into another (rule actions,
//! raw values).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_oxcdata::*;
use msox_codec::{Decode, DecodeWith, EncodeWith, ErrorKind, Options, Reader};

const CONTEXTS: [ValueContext; 2] = [ValueContext::ROP, ValueContext::EXTENDED_RULE];

fn boolean_of(
    b: u8,
    ctx: ValueContext,
    opts: &Options,
) -> msox_codec::Result<msox_codec::Decoded<PropertyValue>> {
    PropertyValue::decode_bytes_with(&[b], (PropertyType::Boolean, ctx), opts)
}

#[test]
fn a_boolean_of_2_is_refused_strictly_and_kept_with_a_defect_leniently_in_every_context() {
    for ctx in CONTEXTS {
        for b in [0u8, 1] {
            let d = boolean_of(b, ctx, &Options::strict()).unwrap();
            assert_eq!(d.value, PropertyValue::Boolean(b == 1));
        }
        let e = boolean_of(2, ctx, &Options::strict()).unwrap_err();
        assert_eq!(e.to_string(), "invalid PtypBoolean 0x2 at byte 0");
        let d = boolean_of(2, ctx, &Options::lenient()).unwrap();
        assert_eq!(d.defects.len(), 1);
        assert_eq!(d.defects[0].offset(), Some(0));
        assert_eq!(
            d.value,
            PropertyValue::Raw {
                prop_type: PropertyType::Boolean,
                bytes: vec![2],
                encoding: ctx.encoding
            }
        );
        // written back unchanged in its own encoding, refused in another
        assert_eq!(
            d.value.to_vec_with((PropertyType::Boolean, ctx)).unwrap(),
            [2]
        );
        let other = if ctx.encoding == ValueEncoding::Rop {
            ValueContext::EXTENDED_RULE
        } else {
            ValueContext::ROP
        };
        assert!(d.value.to_vec_with((PropertyType::Boolean, other)).is_err());
    }
}

#[test]
fn the_fixed_size_table_and_the_boolean_policy_are_shared_with_other_contexts() {
    // A context codec (TNEF, .msg, OAB) delimits and unpads the value itself
    // and calls read_fixed with its own encoding family.
    for enc in [
        ValueEncoding::Tnef,
        ValueEncoding::Msg,
        ValueEncoding::Oab,
        ValueEncoding::FastTransfer,
    ] {
        let mut r = Reader::with_options(&[2], &Options::lenient());
        let v = read_fixed(&mut r, PropertyType::Boolean, enc)
            .unwrap()
            .unwrap();
        assert!(matches!(v, PropertyValue::Raw { encoding, .. } if encoding == enc));
        assert_eq!(r.defects().len(), 1);
        let mut r = Reader::with_options(&[2], &Options::strict());
        assert!(read_fixed(&mut r, PropertyType::Boolean, enc).is_err());
        let mut r = Reader::with_options(&[1, 0, 0, 0], &Options::strict());
        assert_eq!(
            read_fixed(&mut r, PropertyType::Integer32, enc).unwrap(),
            Some(PropertyValue::Integer32(1))
        );
        let mut r = Reader::with_options(&[1, 0], &Options::strict());
        assert_eq!(read_fixed(&mut r, PropertyType::String, enc).unwrap(), None);
    }
}

#[test]
fn unknown_types_cannot_be_delimited_in_rop_buffers() {
    for ctx in CONTEXTS {
        let e = PropertyValue::decode_bytes_with(
            &[1, 2, 3, 4],
            (PropertyType::from_value(0x1234), ctx),
            &Options::lenient(),
        )
        .unwrap_err();
        assert!(
            matches!(
                e.kind(),
                ErrorKind::InvalidValue {
                    field: "PropertyType",
                    value: 0x1234
                }
            ),
            "{e}"
        );
    }
    // A context that delimits values reports a defect instead.
    let mut r = Reader::with_options(&[], &Options::lenient());
    unknown_type_policy(&mut r, PropertyType::from_value(0x1234), 0, true).unwrap();
    assert_eq!(r.defects().len(), 1);
}

#[test]
fn a_restriction_value_from_a_rop_buffer_re_encodes_as_an_extended_rule_condition() {
    // RES_PROPERTY on PidTagSubject whose value is itself a PtypRestriction
    // (an AND of one OR of one EXIST), in ROP form: 16-bit RestrictCounts.
    let inner_rop = [
        0x00, 0x01, 0x00, // AND, count 1
        0x01, 0x01, 0x00, // OR, count 1
        0x08, 0x1F, 0x00, 0x37, 0x00, // EXIST PidTagSubject
    ];
    let mut rop = vec![0x04, 0x04, 0xFD, 0x00, 0x01, 0x00, 0xFD, 0x00, 0x01, 0x00];
    rop.extend_from_slice(&inner_rop);
    let r = Restriction::decode_exact_with(&rop, ValueContext::ROP).unwrap();
    let ext = r.to_vec_with(ValueContext::EXTENDED_RULE).unwrap();
    // the nested counts are now 32-bit
    assert_eq!(ext.len(), rop.len() + 4);
    let back = Restriction::decode_exact_with(&ext, ValueContext::EXTENDED_RULE).unwrap();
    assert_eq!(back, r);
    assert_eq!(back.to_vec_with(ValueContext::ROP).unwrap(), rop);
}

#[test]
fn rule_action_bytes_are_refused_in_another_encoding() {
    // NoOfActions 0 in ROP form.
    let v =
        PropertyValue::decode_exact_with(&[0, 0], (PropertyType::RuleAction, ValueContext::ROP))
            .unwrap();
    assert_eq!(
        v.to_vec_with((PropertyType::RuleAction, ValueContext::ROP))
            .unwrap(),
        [0, 0]
    );
    let e = v
        .to_vec_with((PropertyType::RuleAction, ValueContext::EXTENDED_RULE))
        .unwrap_err();
    assert!(e.to_string().contains("cannot be written"), "{e}");
}

#[test]
fn hostile_suite_covers_every_entry_point() {
    use msox_testkit::hostile::{Suite, outcome, samples};
    let all = samples("oxcdata", |_| true);
    let rop = ValueContext::ROP;
    let ext = ValueContext::EXTENDED_RULE;
    let s = |n: &str| Suite::new(n).prefixes_may_decode();
    s("oxcdata_property_tag").run(&all, |b, o| outcome(PropertyTag::decode_bytes(b, o)));
    s("oxcdata_tagged_value").run(&all, |b, o| {
        outcome(TaggedValue::decode_bytes_with(b, rop, o))
    });
    s("oxcdata_typed_value").run(&all, |b, o| {
        outcome(TypedPropertyValue::decode_bytes_with(b, ext, o))
    });
    s("oxcdata_restriction").run(&all, |b, o| {
        outcome(Restriction::decode_bytes_with(b, rop, o))
    });
    s("oxcdata_restriction_extended").run(&all, |b, o| {
        outcome(Restriction::decode_bytes_with(b, ext, o))
    });
    s("oxcdata_entry_id").run(&all, |b, o| outcome(EntryId::decode_bytes(b, o)));
    s("oxcdata_property_name").run(&all, |b, o| outcome(PropertyName::decode_bytes(b, o)));
    s("oxcdata_property_problems").run(&all, |b, o| {
        outcome(PropertyProblemArray::decode_bytes(b, o))
    });
    s("oxcdata_sort_order_set").run(&all, |b, o| outcome(SortOrderSet::decode_bytes(b, o)));
    s("oxcdata_address_list").run(&all, |b, o| {
        outcome(AddressList::decode_bytes_with(b, ext, o))
    });
    let cols = [
        PropertyTag::from_u32(0x0037_001F),
        PropertyTag::from_u32(0x0E08_0003),
        PropertyTag::from_u32(0x0FFF_0102),
    ];
    s("oxcdata_row_set").run(&all, |b, o| {
        outcome(PropertyRowSet::decode_bytes_with(
            b,
            RowContext::rop(&cols),
            o,
        ))
    });
    s("oxcdata_recipient_row").run(&all, |b, o| {
        outcome(RecipientRow::decode_bytes_with(
            b,
            RowContext::rop(&cols),
            o,
        ))
    });
}

#[test]
fn the_hostile_suite_does_run_the_entry_point() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let calls = AtomicUsize::new(0);
    let all = msox_testkit::hostile::samples("oxcdata", |_| true);
    msox_testkit::hostile::Suite::new("count")
        .prefixes_may_decode()
        .run(&all, |b, o| {
            calls.fetch_add(1, Ordering::Relaxed);
            msox_testkit::hostile::outcome(PropertyTag::decode_bytes(b, o))
        });
    eprintln!(
        "{} calls over {} samples",
        calls.load(Ordering::Relaxed),
        all.len()
    );
    assert!(calls.load(Ordering::Relaxed) > 10 * all.len());
}
