//! `test-vectors/oxcdata/*.hex`, both ways.
//!
//! Metadata each vector carries:
//! - `type`: the structure (`PropertyTagArray`, `TaggedPropertyValue`,
//!   `Restriction`, `EntryID`, `RecipientRow`, ...);
//! - `context`: `rop` ([`ValueContext::ROP`]) or `extended`
//!   ([`ValueContext::EXTENDED_RULE`]) for context-dependent structures;
//! - `columns`: the column set of rows, as 32-bit property tags;
//! - `expect`: a value to check (the display form of what was decoded);
//! - `error`: the `ErrorKind` variant decoding must fail with.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use ms_oxcdata::*;
use msox_codec::{CodePage, Decode, DecodeWith, Reader, encode_checked};
use msox_testkit::{Vector, assert_round_trip, assert_round_trip_with, hex_diff, vectors};

fn ctx_of(v: &Vector) -> ValueContext {
    match v.meta.get("context").map(String::as_str) {
        None | Some("rop") => ValueContext::ROP,
        Some("extended") => ValueContext::EXTENDED_RULE,
        Some(other) => panic!("{}: unknown context {other}", v.name),
    }
}

fn columns_of(v: &Vector) -> Vec<PropertyTag> {
    v.meta("columns")
        .split_whitespace()
        .map(|t| {
            PropertyTag::from_u32(u32::from_str_radix(t.trim_start_matches("0x"), 16).unwrap())
        })
        .collect()
}

fn variant_name<T: std::fmt::Debug>(v: &T) -> String {
    let s = format!("{v:?}");
    s.split([' ', '(', '{']).next().unwrap_or("").to_string()
}

/// Decodes `v` as its `type` says, re-encodes it, and returns a display
/// string of the value for `expect` checks.
fn check(v: &Vector) -> Result<String, msox_codec::Error> {
    let name = v.name.as_str();
    let b = v.bytes.as_slice();
    let ctx = ctx_of(v);
    Ok(match v.meta("type") {
        "PropertyTagArray" => {
            let a: PropertyTagArray = PropertyTagArray::decode_exact(b)?;
            let _: PropertyTagArray = assert_round_trip(b, name);
            a.0.iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        }
        "TaggedPropertyValue" => {
            let t = TaggedValue::decode_exact_with(b, ctx)?;
            let _: TaggedValue = assert_round_trip_with(b, ctx, name);
            format!("{} = {}", t.tag, t.value.as_text().unwrap_or_default())
        }
        "TaggedPropertyValueList" => {
            let mut r = Reader::new(b);
            let mut out = Vec::new();
            while !r.is_empty() {
                out.push(TaggedValue::read(&mut r, &ctx)?);
            }
            let mut again = Vec::new();
            for t in &out {
                t.write(&ctx, &mut again)?;
            }
            if let Some(d) = hex_diff(b, &again) {
                panic!("{name}: re-encoding differs: {d}");
            }
            assert_eq!(out.len().to_string(), v.meta("count"), "{name}");
            out.len().to_string()
        }
        "AddressList" => {
            let a = AddressList::decode_exact_with(b, ctx)?;
            let _: AddressList = assert_round_trip_with(b, ctx, name);
            a.0.len().to_string()
        }
        "PropertyRow" => {
            let cols = columns_of(v);
            let rc = RowContext::new(&cols, ctx);
            let row = PropertyRow::decode_exact_with(b, rc)?;
            let _: PropertyRow = assert_round_trip_with(b, rc, name);
            format!("{row:?}")
        }
        "PropertyRowSet" => {
            let cols = columns_of(v);
            let rc = RowContext::new(&cols, ctx);
            let set = PropertyRowSet::decode_exact_with(b, rc)?;
            let _: PropertyRowSet = assert_round_trip_with(b, rc, name);
            set.0.len().to_string()
        }
        "PropertyName" => {
            let n = PropertyName::decode_exact(b)?;
            let _: PropertyName = assert_round_trip(b, name);
            match n.id {
                NameId::Lid(l) => format!("0x{l:04X}"),
                NameId::Name(s) => s.as_str().to_string(),
            }
        }
        "PropertyNameEntry" => {
            let n = PropertyNameEntry::decode_exact(b)?;
            let _: PropertyNameEntry = assert_round_trip(b, name);
            format!("{n:?}")
        }
        "PropertyName_r" => {
            let n = PropertyNameR::decode_exact(b)?;
            let _: PropertyNameR = assert_round_trip(b, name);
            format!("{n:?}")
        }
        "PropertyProblemArray" => {
            let a = PropertyProblemArray::decode_exact(b)?;
            let _: PropertyProblemArray = assert_round_trip(b, name);
            format!("{a:?}")
        }
        "LongTermID" => {
            let _: LongTermId = assert_round_trip(b, name);
            String::new()
        }
        "LongTermIdRange" => {
            let _: LongTermIdRange = assert_round_trip(b, name);
            String::new()
        }
        "FolderID" => {
            let f: FolderId = assert_round_trip(b, name);
            f.to_string()
        }
        "TypedString" => {
            let s = TypedString::decode_exact_with(b, CodePage::WINDOWS_1252)?;
            let _: TypedString = assert_round_trip_with(b, CodePage::WINDOWS_1252, name);
            s.to_string_lossy()
        }
        "ServerId" => {
            let s: ServerId = assert_round_trip(b, name);
            format!("{s:?}")
        }
        "Restriction" => {
            let r = Restriction::decode_exact_with(b, ctx)?;
            let _: Restriction = assert_round_trip_with(b, ctx, name);
            r.to_string()
        }
        "SortOrderSet" => {
            let s: SortOrderSet = assert_round_trip(b, name);
            format!("{s:?}")
        }
        "EntryID" => {
            let e = EntryId::decode_exact(b)?;
            let _: EntryId = assert_round_trip(b, name);
            assert_eq!(EntryId::parse(b), e, "{name}: parse agrees with decode");
            e.kind_name().to_string()
        }
        "RecipientRow" => {
            let cols = columns_of(v);
            let rc = RowContext::new(&cols, ctx);
            let row = RecipientRow::decode_exact_with(b, rc)?;
            let _: RecipientRow = assert_round_trip_with(b, rc, name);
            format!("{row:?}")
        }
        other => panic!("{name}: unknown type {other}"),
    })
}

#[test]
fn every_vector_decodes_and_re_encodes_as_its_metadata_says() {
    let all = vectors("oxcdata");
    assert!(all.len() >= 20, "{} vectors", all.len());
    for v in &all {
        let res = check(v);
        match (v.meta.get("error"), res) {
            (Some(kind), Err(e)) => assert_eq!(&variant_name(e.kind()), kind, "{}: {e}", v.name),
            (Some(kind), Ok(x)) => panic!("{}: expected {kind}, decoded {x}", v.name),
            (None, Err(e)) => panic!("{}: {e}", v.name),
            (None, Ok(shown)) => {
                if let Some(exp) = v.meta.get("expect") {
                    assert!(
                        shown.contains(exp.as_str()),
                        "{}: {shown:?} lacks {exp:?}",
                        v.name
                    );
                }
            }
        }
    }
}

#[test]
fn spec_property_tag_arrays_name_the_spec_tags() {
    let v = msox_testkit::vector("oxcdata", "oxcprpt-4.3.1-property-tag-array");
    let a = PropertyTagArray::decode_exact(&v.bytes).unwrap();
    assert_eq!(a.0[0], PropertyTag::new(0x863E, PropertyType::Boolean));
    assert_eq!(a.0[2], PropertyTag::new(0x65E2, PropertyType::Binary));
    assert_eq!(encode_checked(&a).unwrap(), v.bytes);
}

#[test]
fn spec_set_properties_values_decode_to_the_documented_strings() {
    let v = msox_testkit::vector("oxcdata", "oxcprpt-setproperties-normalized-subject");
    let t = TaggedValue::decode_exact_with(&v.bytes, ValueContext::ROP).unwrap();
    assert_eq!(t.tag.to_u32(), 0x0E1D_001F);
    assert_eq!(t.value.as_text().unwrap(), "Hello World");
    let v = msox_testkit::vector("oxcdata", "oxcprpt-setproperties-subject-prefix");
    let t = TaggedValue::decode_exact_with(&v.bytes, ValueContext::ROP).unwrap();
    assert_eq!(t.value.as_text().unwrap(), "");
}

#[test]
fn the_two_contexts_differ_only_in_count_widths() {
    let rop = msox_testkit::vector("oxcdata", "handmade-tagged-values-every-type-rop");
    let ext = msox_testkit::vector("oxcdata", "handmade-tagged-values-every-type-extended");
    let read = |v: &Vector| {
        let ctx = ctx_of(v);
        let mut r = Reader::new(&v.bytes);
        let mut out = Vec::new();
        while !r.is_empty() {
            out.push(TaggedValue::read(&mut r, &ctx).unwrap());
        }
        out
    };
    let a = read(&rop);
    let b = read(&ext);
    assert_eq!(a, b);
    assert!(ext.bytes.len() > rop.bytes.len());
    // Reading one in the other's context fails or disagrees, never panics.
    let mut r = Reader::new(&rop.bytes);
    let mut wrong = Vec::new();
    while !r.is_empty() {
        match TaggedValue::read(&mut r, &ValueContext::EXTENDED_RULE) {
            Ok(t) => wrong.push(t),
            Err(_) => break,
        }
    }
    assert_ne!(wrong, a);
}
