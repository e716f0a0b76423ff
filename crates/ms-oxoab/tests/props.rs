//! Property tests: every public type round-trips through its wire form
//! (`decode(encode(x)) == x`, exact `encoded_len`), records under any
//! schema, and the integer encoding for every value.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_oxcdata::{PropertyTag, PropertyType, PropertyValue};
use ms_oxoab::encoding::{ALLOWED_TYPES, decode_int, encode_int};
use ms_oxoab::{
    CompressedFile, FullDetails, LzxBlock, LzxHeader, MetaData, OabHeader, PatchBlock, PatchFile,
    PatchHeader, PropRec, PropTable, Record,
};
use msox_codec::{CodePage, Decode, Encode, Options, String8, Utf16String};
use msox_testkit::{prop_round_trip, prop_round_trip_with};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// The round trip of values the spec does not allow (trailing bytes,
/// parts outside the file): lenient decoding gives them back, strict
/// refuses them unless `strict_ok`.
fn lenient_round_trip<T>(value: &T, strict_ok: bool) -> Result<(), TestCaseError>
where
    T: for<'a> Decode<'a> + Encode + std::fmt::Debug + PartialEq,
{
    let bytes = value
        .to_vec()
        .map_err(|e| TestCaseError::fail(format!("encode: {e}")))?;
    prop_assert_eq!(bytes.len(), value.encoded_len());
    let back = T::decode_bytes(&bytes, &Options::lenient())
        .map_err(|e| TestCaseError::fail(format!("decode: {e}")))?;
    prop_assert_eq!(&back.value, value);
    prop_assert_eq!(back.defects.is_empty(), strict_ok, "{:?}", back.defects);
    prop_assert_eq!(T::decode_exact(&bytes).is_ok(), strict_ok);
    Ok(())
}

fn text() -> impl Strategy<Value = String> {
    "[^\u{0}]{0,12}"
}

fn bytes8() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(1u8..=255, 0..12)
}

fn blob() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..300)
}

fn value(t: PropertyType) -> BoxedStrategy<PropertyValue> {
    let s8 = || bytes8().prop_map(|b| String8::new(b, CodePage::WINDOWS_1252));
    let u = || text().prop_map(Utf16String::new);
    match t {
        PropertyType::Integer32 => any::<i32>().prop_map(PropertyValue::Integer32).boxed(),
        PropertyType::Boolean => any::<bool>().prop_map(PropertyValue::Boolean).boxed(),
        PropertyType::Object => blob().prop_map(PropertyValue::Object).boxed(),
        PropertyType::String8 => s8().prop_map(PropertyValue::String8).boxed(),
        PropertyType::String => u().prop_map(PropertyValue::String).boxed(),
        PropertyType::Binary => blob().prop_map(PropertyValue::Binary).boxed(),
        PropertyType::MultipleInteger32 => proptest::collection::vec(any::<i32>(), 0..6)
            .prop_map(PropertyValue::MultipleInteger32)
            .boxed(),
        PropertyType::MultipleString8 => proptest::collection::vec(s8(), 0..4)
            .prop_map(PropertyValue::MultipleString8)
            .boxed(),
        PropertyType::MultipleString => proptest::collection::vec(u(), 0..4)
            .prop_map(PropertyValue::MultipleString)
            .boxed(),
        PropertyType::MultipleBinary => proptest::collection::vec(blob(), 0..3)
            .prop_map(PropertyValue::MultipleBinary)
            .boxed(),
        _ => unreachable!(),
    }
}

fn table() -> impl Strategy<Value = PropTable> {
    proptest::collection::vec((0usize..ALLOWED_TYPES.len(), any::<u32>()), 0..20).prop_map(|v| {
        PropTable::new(
            v.into_iter()
                .enumerate()
                .map(|(i, (t, flags))| {
                    PropRec::with_flags(
                        PropertyTag::new(0x3000 + i as u16, ALLOWED_TYPES[t]),
                        flags,
                    )
                })
                .collect(),
        )
    })
}

fn record_for(t: &PropTable) -> BoxedStrategy<Record> {
    let parts: Vec<BoxedStrategy<Option<(PropertyTag, PropertyValue)>>> = t
        .props
        .iter()
        .map(|p| {
            let tag = p.tag;
            proptest::option::of(value(tag.prop_type).prop_map(move |v| (tag, v))).boxed()
        })
        .collect();
    parts
        .prop_map(|vs| Record::from_values(vs.into_iter().flatten().collect()))
        .boxed()
}

fn table_and_records() -> impl Strategy<Value = (PropTable, Vec<Record>)> {
    table().prop_flat_map(|t| {
        let recs = proptest::collection::vec(record_for(&t), 0..5);
        (Just(t), recs)
    })
}

proptest! {
    #[test]
    fn integers(v in any::<u32>()) {
        let e = encode_int(v);
        prop_assert_eq!(decode_int(&e).unwrap(), (v, e.len()));
    }

    #[test]
    fn oab_header(version in any::<u32>(), serial in any::<u32>(), total_records in any::<u32>()) {
        prop_round_trip(&OabHeader { version, serial, total_records })?;
    }

    #[test]
    fn prop_tables_and_metadata(a in table(), b in table(), trailing in proptest::collection::vec(any::<u8>(), 0..3)) {
        prop_round_trip(&a)?;
        for p in &a.props {
            prop_round_trip(p)?;
        }
        // Bytes after the tables are kept (a defect: strict refuses them).
        let ok = trailing.is_empty();
        lenient_round_trip(&MetaData { header_atts: a, oab_atts: b, trailing }, ok)?;
    }

    #[test]
    fn records_under_any_schema((t, recs) in table_and_records()) {
        for r in &recs {
            prop_round_trip_with(r, &t)?;
        }
    }

    #[test]
    fn full_details_files((h, hdr) in table_and_records(), (o, recs) in table_and_records()) {
        let mut book = FullDetails {
            header: OabHeader::default(),
            metadata: MetaData { header_atts: h, oab_atts: o, trailing: vec![] },
            header_record: hdr.into_iter().next().unwrap_or_default(),
            records: recs,
        };
        let bytes = book.finalize().unwrap();
        let back = FullDetails::decode_bytes(&bytes, &Options::strict()).unwrap();
        prop_assert!(back.defects.is_empty());
        let back = back.value;
        prop_assert_eq!(&back, &book);
        prop_assert_eq!(back.to_bytes().unwrap(), bytes);
    }

    #[test]
    fn containers(data in proptest::collection::vec(any::<u8>(), 0..2000), block_max in 1usize..700, flags in 0u32..3) {
        let f = CompressedFile::stored(&data, block_max).unwrap();
        prop_round_trip(&f)?;
        prop_round_trip(&f.header)?;
        for b in &f.blocks {
            prop_round_trip(b)?;
        }
        let d = f.decompress(&Options::strict()).unwrap();
        prop_assert!(d.defects.is_empty());
        prop_assert_eq!(d.value, data.clone());
        let b = LzxBlock { flags, uncompressed_size: 9, crc: 1, data: data.clone() };
        prop_round_trip(&b)?;
        let h = LzxHeader { version_hi: 3, version_lo: 1, block_max: block_max as u32, target_size: 0 };
        prop_round_trip(&h)?;
    }

    #[test]
    fn patch_files(blocks in proptest::collection::vec((1u32..50, any::<u32>(), any::<u32>(), proptest::collection::vec(any::<u8>(), 0..40)), 0..5), trailing in proptest::collection::vec(any::<u8>(), 0..4)) {
        let blocks: Vec<PatchBlock> = blocks.into_iter().map(|(target_size, source_size, crc, data)| PatchBlock { target_size, source_size, crc, data }).collect();
        // ulBlockMax covers every block (ms-patch's rule for valid patches).
        let block_max = blocks.iter().map(|b| b.target_size.max(b.source_size)).max().unwrap_or(0);
        let header = PatchHeader {
            version_hi: 3, version_lo: 2, block_max, source_size: 1, target_size: blocks.iter().map(|b| b.target_size).sum(),
            source_crc: 2, target_crc: 3,
        };
        prop_round_trip(&header)?;
        for b in &blocks {
            prop_round_trip(b)?;
        }
        // Trailing bytes are kept only after the block that completes the
        // target (a defect: strict refuses them).
        let ok = trailing.is_empty();
        lenient_round_trip(&PatchFile { header, blocks, trailing }, ok)?;
    }
}

proptest! {
    #[test]
    fn browse_files(recs in proptest::collection::vec(proptest::array::uniform32(any::<u8>()), 0..6), serial in any::<u32>(), v3 in any::<bool>()) {
        use msox_codec::Decode;
        let records: Vec<ms_oxoab::B2Rec> = recs.iter().map(|b| ms_oxoab::B2Rec::decode_exact(b).unwrap()).collect();
        for r in &records {
            prop_round_trip(r)?;
        }
        let f = ms_oxoab::BrowseFile {
            header: OabHeader { version: if v3 { 0x0E } else { 0x0A }, serial, total_records: records.len() as u32 },
            records,
            trailing: vec![],
        };
        prop_round_trip(&f)?;
    }
}

fn key() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(1u8..=255, 0..20)
}

proptest! {
    #[test]
    fn anr_files(recs in proptest::collection::vec((any::<[u32; 5]>(), key()), 0..6), trailing in proptest::collection::vec(1u8..=255, 0..30), v3 in any::<bool>()) {
        let records: Vec<ms_oxoab::AnrRec> = recs.into_iter().map(|(n, key)| ms_oxoab::AnrRec {
            o_lt: n[0], o_gt: n[1], i_browse: n[2], o_prev: n[3], o_next: n[4], key,
        }).collect();
        for r in &records {
            prop_round_trip(r)?;
        }
        let f = ms_oxoab::AnrFile {
            header: OabHeader { version: if v3 { 0x0E } else { 0x0A }, serial: 0, total_records: records.len() as u32 },
            records,
            // Without a null, these bytes can never form a record.
            trailing,
        };
        let ok = f.trailing.is_empty();
        lenient_round_trip(&f, ok)?;
    }

    #[test]
    fn rdn_files(pdns in proptest::collection::vec(key(), 0..4), recs in proptest::collection::vec((any::<[u32; 6]>(), key()), 0..6), v3 in any::<bool>()) {
        let records: Vec<ms_oxoab::Rdn2Rec> = recs.into_iter().map(|(n, key)| ms_oxoab::Rdn2Rec {
            o_lt: n[0], o_gt: n[1], i_browse: n[2], o_prev: n[3], o_next: n[4], o_parent_dn: n[5], key,
        }).collect();
        for r in &records {
            prop_round_trip(r)?;
        }
        let mut f = ms_oxoab::RdnFile {
            header: ms_oxoab::RdnHeader { version: if v3 { 0x0E } else { 0x0A }, serial: 7, total_records: records.len() as u32, o_root: 0 },
            parent_dns: pdns,
            pdn_trailing: vec![],
            records,
            trailing: vec![],
        };
        f.header.o_root = 16 + f.parent_dns.iter().map(|k| k.len() as u32 + 1).sum::<u32>();
        prop_round_trip(&f)?;
    }

    #[test]
    fn template_files(
        fields in proptest::collection::vec(any::<u32>(), 56),
        rest in proptest::collection::vec(any::<u8>(), 0..64),
        parts in proptest::collection::vec(proptest::option::of(proptest::collection::vec(any::<u8>(), 0..16)), 28),
    ) {
        let mut entries = [ms_oxoab::TmpltEntry::default(); 7];
        for (e, f) in entries.iter_mut().zip(fields.chunks(8)) {
            *e = ms_oxoab::TmpltEntry {
                o_dn: f[0], cb_dn: f[1], o_tmplt: f[2], cb_tmplt: f[3],
                o_script: f[4], cb_script: f[5], o_disp_name: f[6], cb_disp_name: f[7],
            };
        }
        let t = ms_oxoab::TemplateFile {
            header: OabHeader { version: 7, serial: 0, total_records: 0 },
            entries,
            rest: rest.clone(),
        };
        // Random offsets mostly point outside the file: kept (defects).
        let back = ms_oxoab::TemplateFile::decode_bytes(&t.to_vec().unwrap(), &Options::lenient()).unwrap();
        prop_assert_eq!(&back.value, &t);
        // Whatever the parts, a built file gives them back by slot.
        let mut p = [ms_oxoab::TemplateParts::default(); 7];
        for (i, slot) in p.iter_mut().enumerate() {
            let g = |k: usize| parts[i * 4 + k].as_deref();
            *slot = ms_oxoab::TemplateParts { dn: g(0), template: g(1), script: g(2), display_name: g(3) };
        }
        let built = ms_oxoab::TemplateFile::build(&p, &rest).unwrap();
        // The random template and script bytes do not decode: kept.
        let back = ms_oxoab::TemplateFile::decode_bytes(&built.to_vec().unwrap(), &Options::lenient()).unwrap();
        prop_assert_eq!(&back.value, &built);
        for (i, slot) in ms_oxoab::TemplateSlot::ALL.into_iter().enumerate() {
            prop_assert_eq!(built.template_data(slot), p[i].template);
            prop_assert_eq!(built.script_data(slot), p[i].script);
            prop_assert_eq!(built.dn(slot), p[i].dn);
            prop_assert_eq!(built.display_name(slot), p[i].display_name);
        }
    }

    #[test]
    fn version7_files(data in proptest::collection::vec(any::<u8>(), 0..64), serial in any::<u32>(), n in any::<u32>()) {
        let f = ms_oxoab::Version7File {
            header: OabHeader { version: 7, serial, total_records: n },
            data,
        };
        prop_round_trip(&f)?;
        let c = ms_oxoab::ChangesFile {
            header: OabHeader { version: if n % 2 == 0 { 0x0B } else { 0x0F }, serial, total_records: n },
            data: f.data.clone(),
        };
        prop_round_trip(&c)?;
        let c = ms_oxoab::ChangesFile {
            header: OabHeader { version: if n % 2 == 0 { 0x0B } else { 0x0F }, serial, total_records: n },
            data: f.data.clone(),
        };
        prop_round_trip(&c)?;
    }
}
