//! Hostile input: every truncation is an error (strict) and never a panic,
//! mutations never panic, absurd counts and sizes are refused before
//! anything is allocated, bad signatures give errors, and values the
//! format cannot carry fail to encode.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use ms_oxcdata::{PropertyTag, PropertyValue};
use ms_oxoab::{
    Base, CompressedFile, FullDetails, LzxHeader, MetaData, Patch, PatchFile, PropRec, PropTable,
    Record, Target, WriteOptions, generate,
};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, ErrorKind, Limits, Options};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vector, vectors};

fn strict(b: &[u8]) -> msox_codec::Result<()> {
    FullDetails::decode_bytes(b, &Options::strict()).map(drop)
}

fn lenient(b: &[u8]) {
    if let Ok(f) = FullDetails::decode_bytes(b, &Options::lenient()) {
        // Whatever decodes re-encodes to the same bytes.
        assert_eq!(f.value.to_bytes().unwrap(), b);
    }
}

#[test]
fn truncations_of_full_details_files_fail() {
    assert_truncations_fail(
        &vector("oxoab", "full-details-every-type").bytes,
        "every-type",
        strict,
    );
    let g = generate::full_details_bytes(5, 1).unwrap();
    assert_truncations_fail(&g, "generated", strict);
}

#[test]
fn truncations_of_containers_fail() {
    for name in ["lzx-stored-blocks", "lzx-lzxd-blocks"] {
        let v = vector("oxoab", name);
        assert_truncations_fail(&v.bytes, name, |b| {
            CompressedFile::decode_exact(b).map(drop)
        });
    }
    let v = vector("oxoab", "patch-one-block");
    assert_truncations_fail(&v.bytes, "patch", |b| PatchFile::decode_exact(b).map(drop));
    let v = vector("oxoab", "mdi-browse2-from-exchange");
    assert_truncations_fail(&v.bytes, "mdi", |b| {
        ms_oxoab::decompress_mdi(b, &Options::strict()).map(drop)
    });
}

#[test]
fn mutations_never_panic_and_what_decodes_round_trips() {
    for v in vectors("oxoab") {
        assert_no_panic_on_mutations(&v.bytes, &v.name, 400, |b| {
            lenient(b);
            if let Ok(f) = CompressedFile::decode_bytes(b, &Options::lenient()) {
                assert_eq!(f.value.to_vec().unwrap(), b);
                let _ = f.value.decompress(&Options::lenient());
            }
            if let Ok(f) = PatchFile::decode_bytes(b, &Options::lenient()) {
                assert_eq!(f.value.to_vec().unwrap(), b);
            }
            if let Ok(f) = ms_oxoab::BrowseFile::decode_bytes(b, &Options::lenient()) {
                assert_eq!(f.value.to_vec().unwrap(), b);
            }
            if let Ok(m) = ms_oxoab::MdiFile::decode_bytes(b, &Options::lenient()) {
                assert_eq!(m.value.to_vec().unwrap(), b);
                let _ = m.value.decompress(&Options::fuzzing());
            }
            v2v3_round_trips(b);
        });
    }
    let g = generate::full_details_bytes(20, 1).unwrap();
    assert_no_panic_on_mutations(&g, "generated", 600, lenient);
}

fn file_with_meta(meta: &[u8], rest: &[u8]) -> Vec<u8> {
    let mut f = vec![0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    f.extend_from_slice(meta);
    f.extend_from_slice(rest);
    f
}

#[test]
fn a_huge_property_count_is_refused() {
    // OAB_META_DATA cbSize 12, rgHdrAtts cAtts 0xFFFFFFFF.
    let f = file_with_meta(&[12, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0], &[]);
    let e = strict(&f).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert!(e.to_string().contains("cAtts"), "{e}");
}

fn one_prop_file(tag: u32, value: &[u8]) -> Vec<u8> {
    // Header schema: one property; object schema: empty; a header record
    // holding `value`.
    let mut meta = vec![20, 0, 0, 0, 1, 0, 0, 0];
    meta.extend_from_slice(&tag.to_le_bytes());
    meta.extend_from_slice(&[0, 0, 0, 0, 0, 0, 0, 0]);
    let mut rec = Vec::from(((5 + value.len()) as u32).to_le_bytes());
    rec.push(0x80);
    rec.extend_from_slice(value);
    file_with_meta(&meta, &rec)
}

#[test]
fn huge_value_counts_and_lengths_are_refused() {
    // A multi-valued count of 0xFFFFFFFF with 3 bytes behind it.
    let e = strict(&one_prop_file(
        0x8C5E_1003,
        &[0x84, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3],
    ))
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // A binary length of 0x7FFFFFFF.
    let e = strict(&one_prop_file(
        0x8C6D_0102,
        &[0x84, 0xFF, 0xFF, 0xFF, 0x7F, 1],
    ))
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // A string without its terminator.
    let e = strict(&one_prop_file(0x3001_001F, b"abc")).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    // A record cbSize past the end of the file.
    let mut f = one_prop_file(0x3001_001F, b"abc\0");
    let n = f.len();
    f[n - 9..n - 5].copy_from_slice(&0xFFFF_FF00u32.to_le_bytes());
    assert!(strict(&f).is_err());
    // A type OAB does not allow, with its presence bit set: ms-oxcdata's
    // unknown-type policy (the value cannot be delimited) refuses it in
    // strict mode...
    let f = one_prop_file(0x0007_0040, &[0; 8]);
    let e = strict(&f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid PropertyType 0x40 at byte 37 in OAB_V4_REC(header-record) > data[0](PtypTime)"
    );
    // ... and lenient decoding keeps the whole record as bytes.
    let d = FullDetails::decode_bytes(&f, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert!(d.value.header_record.is_undecoded());
    assert_eq!(d.value.to_bytes().unwrap(), f);
    // ... and with its bit clear it is kept, not refused.
    let mut f = one_prop_file(0x0007_0040, &[]);
    let n = f.len();
    f[n - 1] = 0;
    let book = FullDetails::decode_bytes(&f, &Options::strict())
        .unwrap()
        .value;
    assert_eq!(
        book.metadata.header_atts.props[0].tag,
        PropertyTag::from_u32(0x0007_0040)
    );
    assert_eq!(book.to_bytes().unwrap(), f);
}

#[test]
fn the_record_count_is_capped_by_limits() {
    let g = generate::full_details_bytes(50, 1).unwrap();
    let opts = Options::lenient().with_limits(Limits {
        max_items: 10,
        ..Limits::default()
    });
    let e = FullDetails::decode_bytes(&g, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // The budget is one for the session: schemas and records together.
    let opts = Options::lenient().with_limits(Limits {
        max_items: 5 + 22 + 120,
        ..Limits::default()
    });
    let e = FullDetails::decode_bytes(&g, &opts).unwrap_err();
    assert!(e.path().to_string().starts_with("OAB_V4_REC["), "{e}");
}

#[test]
fn bad_signatures_are_errors() {
    let e = strict(&[0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    let mut c = vector("oxoab", "lzx-stored-blocks").bytes;
    c[0] = 2; // an MDI_HDR (version 2/3), not LZX_HDR
    let e = CompressedFile::decode_exact(&c).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
    let mut p = vector("oxoab", "patch-one-block").bytes;
    p[4] = 1; // 3.1 is a compressed file, not a patch
    let e = PatchFile::decode_exact(&p).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }), "{e}");
}

#[test]
fn a_huge_target_size_is_refused_before_allocating() {
    let f = CompressedFile {
        header: LzxHeader {
            version_hi: 3,
            version_lo: 1,
            block_max: 16,
            target_size: u32::MAX,
        },
        blocks: vec![],
        trailing: vec![],
    };
    let e = f.decompress(&Options::fuzzing()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // ... also when it fits the default budget: nothing is reserved from
    // the declared size, so 16 bytes cannot ask for 256 MiB.
    let mut h = vector("oxoab", "lzx-stored-blocks").bytes[..16].to_vec();
    h[12..16].copy_from_slice(&(200u32 << 20).to_le_bytes());
    let e = ms_oxoab::decompress(&h, &Options::default()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(
        (e.offset(), e.path().to_string().as_str()),
        (Some(12), "LZX_HDR")
    );
    let mut h = h.clone();
    h[12..16].copy_from_slice(&(60u32 << 20).to_le_bytes());
    let e = ms_oxoab::decompress(&h, &Options::default()).unwrap_err();
    assert!(e.is_unexpected_end(), "{e}");
    // A block claiming more than the target left.
    let mut c = vector("oxoab", "lzx-stored-blocks").bytes;
    c[24] = 0xFF; // first block ulUncompSize
    assert!(CompressedFile::decode_exact(&c).is_err());
    // A stored block whose sizes disagree.
    let mut f = CompressedFile::decode_exact(&vector("oxoab", "lzx-stored-blocks").bytes).unwrap();
    f.blocks[0].data.pop();
    assert!(f.decompress(&Options::default()).is_err());
    // Unknown ulFlags.
    let mut f = CompressedFile::decode_exact(&vector("oxoab", "lzx-stored-blocks").bytes).unwrap();
    f.blocks[1].flags = 7;
    let e = f.decompress(&Options::default()).unwrap_err();
    assert!(e.to_string().contains("ulFlags"), "{e}");
    assert!(e.path().to_string().starts_with("LZX_BLK[1]"), "{e}");
}

#[test]
fn values_the_format_cannot_carry_fail_to_encode() {
    let table = PropTable::new(vec![PropRec::new(tags::PidTagDisplayName)]);
    let meta = MetaData {
        header_atts: PropTable::default(),
        oab_atts: table.clone(),
        trailing: vec![],
    };
    let mut out = Vec::new();
    // A string with a NUL.
    let r = Record::new().with(
        tags::PidTagDisplayName,
        PropertyValue::String("a\0b".into()),
    );
    assert!(r.write_to(&table, &mut out).is_err());
    // A value of the wrong type.
    let r = Record::new().with(tags::PidTagDisplayName, PropertyValue::Integer32(1));
    assert!(r.write_to(&table, &mut out).is_err());
    // A tag the schema does not list.
    let r = Record::new().with(tags::PidTagTitle, PropertyValue::String("x".into()));
    let e = r.write_to(&table, &mut out).unwrap_err();
    assert!(e.to_string().contains("does not list"), "{e}");
    // Failed writes leave nothing behind.
    assert!(out.is_empty());
    let mut book = FullDetails {
        metadata: meta,
        records: vec![r],
        ..FullDetails::default()
    };
    assert!(book.finalize().is_err());
}

/// Whatever decodes as a version 2/3 index, Details or template file
/// re-encodes to the same bytes.
fn v2v3_round_trips(b: &[u8]) {
    use msox_codec::Encode;
    if let Ok(f) = ms_oxoab::AnrFile::decode_bytes(b, &Options::lenient()).map(|d| d.value) {
        assert_eq!(f.to_vec().unwrap(), b);
        assert_eq!(f.encoded_len(), b.len());
        for o in f.offsets() {
            assert!(f.record_at(o).is_some());
        }
    }
    if let Ok(f) = ms_oxoab::RdnFile::decode_bytes(b, &Options::lenient()).map(|d| d.value) {
        assert_eq!(f.to_vec().unwrap(), b);
        assert_eq!(f.encoded_len(), b.len());
        let _ = f.looks_valid();
    }
    if let Ok(f) = ms_oxoab::Version7File::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
    }
    if let Ok(f) = ms_oxoab::TemplateFile::decode_bytes(b, &Options::lenient()).map(|d| d.value) {
        assert_eq!(f.to_vec().unwrap(), b);
        let _ = f.looks_valid();
        for slot in ms_oxoab::TemplateSlot::ALL {
            let _ = (
                f.template_data(slot),
                f.script_data(slot),
                f.dn(slot),
                f.display_name(slot),
                f.template(slot, &Options::lenient()),
                f.script(slot, &Options::lenient()),
            );
        }
    }
    if let Ok(f) = ms_oxoab::ChangesFile::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
    }
    let _ = ms_oxoab::guess_v2v3_kind(b);
}

#[test]
fn v2v3_hostile_headers() {
    // oRoot before the end of RDN_HDR, past the end, and a huge one.
    for root in [0u32, 15, 17, u32::MAX] {
        let mut f = vec![0x0E, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        f.extend_from_slice(&root.to_le_bytes());
        let e = ms_oxoab::RdnFile::decode_exact(&f).unwrap_err();
        assert!(e.to_string().contains("oRoot"), "{e}");
    }
    // An ANR_REC whose key has no null: strict refuses it, lenient keeps
    // it as trailing bytes.
    let mut f = vec![0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    f.extend_from_slice(&[0; 20]);
    f.extend_from_slice(b"abc");
    let e = ms_oxoab::AnrFile::decode_exact(&f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "23 bytes do not make a whole ANR_REC at byte 12"
    );
    let a = ms_oxoab::AnrFile::decode_bytes(&f, &Options::lenient()).unwrap();
    assert_eq!(a.defects.len(), 1);
    assert!(a.value.records.is_empty());
    assert_eq!(a.value.trailing.len(), 23);
    v2v3_round_trips(&f);
    // Wrong ulVersion for each kind.
    assert!(ms_oxoab::AnrFile::decode_exact(&[7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
    assert!(
        ms_oxoab::Version7File::decode_exact(&[0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err()
    );
    // A key holding a null cannot be written.
    let r = ms_oxoab::AnrRec {
        key: Vec::from(*b"a\0b"),
        ..Default::default()
    };
    assert!(msox_codec::Encode::to_vec(&r).is_err());
}

#[test]
fn record_defects_have_offsets_and_paths() {
    let v = vector("oxoab", "full-details-noncanonical");
    let d = FullDetails::decode_bytes(&v.bytes, &Options::lenient()).unwrap();
    let got: Vec<String> = d.defects.iter().map(|d| d.to_string()).collect();
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].starts_with("integer not in its shortest encoding at byte "),
        "{got:#?}"
    );
    assert!(got[0].contains(" in OAB_V4_REC[0] > data["), "{got:#?}");
    assert!(
        got[1].starts_with(
            "invalid PtypBoolean 0x2 at byte 133 in OAB_V4_REC[0] > data[3](PtypBoolean)"
        ),
        "{got:#?}"
    );
    assert!(got[2].starts_with("1 trailing bytes at byte "), "{got:#?}");
    assert!(
        got[2].ends_with("in OAB_V4_REC[0]; record kept as read"),
        "{got:#?}"
    );
    // The borrowing reader decodes the same record with the same offsets.
    let rd = ms_oxoab::FullDetailsReader::new(&v.bytes, &Options::lenient()).unwrap();
    let raw = rd.records().next().unwrap().unwrap();
    let e = raw
        .decode_with(
            &rd.metadata.oab_atts,
            msox_codec::CodePage::WINDOWS_1252,
            &Options::strict(),
        )
        .unwrap_err();
    assert_eq!(Some(e.offset()), d.defects.first().map(|d| d.offset()));
}

#[test]
fn a_string_that_is_not_utf8_is_kept_raw() {
    let f = one_prop_file(0x3001_001F, b"a\xFFb\0");
    let e = strict(&f).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadString { .. }), "{e}");
    let d = FullDetails::decode_bytes(&f, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(
        d.value.header_record.values()[0].1,
        PropertyValue::Raw {
            prop_type: ms_oxcdata::PropertyType::String,
            bytes: Vec::from(*b"a\xFFb\0"),
            encoding: ms_oxcdata::ValueEncoding::Oab,
        }
    );
    // Written back byte for byte, also once the record is rebuilt.
    let mut book = d.value;
    assert_eq!(book.to_bytes().unwrap(), f);
    book.header_record.values_mut();
    assert_eq!(book.to_bytes().unwrap(), f);
    // A raw value of another encoding cannot be written into a record.
    book.header_record.set(
        PropertyTag::from_u32(0x3001_001F),
        PropertyValue::Raw {
            prop_type: ms_oxcdata::PropertyType::String,
            bytes: vec![0x61, 0],
            encoding: ms_oxcdata::ValueEncoding::Tnef,
        },
    );
    assert!(book.to_bytes().is_err());
}

#[test]
fn template_file_parts_are_read_where_they_lie() {
    use ms_oxoab::{TemplateFile, TemplateSlot};
    let v = vector("oxoab", "v2-template-file-handmade");
    let f = TemplateFile::decode_exact(&v.bytes).unwrap();
    let e = *f.entry(TemplateSlot::MailUser);
    // Break the template's ulString: the error is at its file offset,
    // under the entry that points at it.
    let mut b = v.bytes.clone();
    let field = e.o_tmplt as usize + 8 + 32;
    b[field] = 0xF0;
    let err = TemplateFile::decode_exact(&b).unwrap_err();
    assert_eq!(err.offset(), Some(field), "{err}");
    assert_eq!(
        err.path().to_string(),
        "TMPLT_ENTRY[0](mail-user-template) > TRowSet > TRow[0] > ControlStructure"
    );
    let d = TemplateFile::decode_bytes(&b, &Options::lenient()).unwrap();
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.value.to_vec().unwrap(), b);
    // The accessor reports the same place.
    let err = d
        .value
        .template(TemplateSlot::MailUser, &Options::strict())
        .unwrap()
        .unwrap_err();
    assert_eq!(err.offset(), Some(field), "{err}");
    // An entry pointing past the end of the file.
    let mut b = v.bytes.clone();
    b[12 + 8..12 + 12].copy_from_slice(&0xFFFFu32.to_le_bytes());
    let err = TemplateFile::decode_exact(&b).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid oTmplt 0xFFFF at byte 20 in TMPLT_ENTRY[0](mail-user-template)"
    );
}

/// The one hostile suite over every decoder entry point of the crate,
/// seeded with the vectors and small generated files.
#[test]
fn hostile_suite_covers_every_entry_point() {
    use msox_testkit::hostile::{Suite, outcome, samples};
    let all = samples("oxoab", |_| true);
    let mut details = samples("oxoab", |n| {
        n.contains("full-details") || n.starts_with("error-")
    });
    details.push(generate::full_details_bytes(4, 1).unwrap());
    Suite::new("oxoab_full_details").run(&details, |b, o| outcome(FullDetails::decode_bytes(b, o)));
    // The borrowing reader walks records to the end of the input without
    // ulTotRecs: a prefix that ends between records reads.
    Suite::new("oxoab_full_details_records")
        .prefixes_may_decode()
        .run(&details, |b, o| {
            let rd = ms_oxoab::FullDetailsReader::new(b, o)?;
            let mut defects = rd.defects().to_vec();
            defects.extend(
                rd.header_record
                    .decode_with(
                        &rd.metadata.header_atts,
                        msox_codec::CodePage::WINDOWS_1252,
                        o,
                    )?
                    .defects,
            );
            for raw in rd.records() {
                defects.extend(
                    raw?.decode_with(&rd.metadata.oab_atts, msox_codec::CodePage::WINDOWS_1252, o)?
                        .defects,
                );
            }
            Ok(defects)
        });

    let data = generate::full_details_bytes(3, 1).unwrap();
    let mut compressed = samples("oxoab", |n| n.starts_with("lzx-"));
    compressed.push(
        CompressedFile::compress(
            &data,
            &WriteOptions {
                block_max: 512,
                ..WriteOptions::default()
            },
        )
        .unwrap()
        .to_vec()
        .unwrap(),
    );
    Suite::new("oxoab_compressed").run(&compressed, |b, o| outcome(ms_oxoab::decompress(b, o)));
    Suite::new("oxoab_compressed_file")
        .run(&all, |b, o| outcome(CompressedFile::decode_bytes(b, o)));

    let newer = generate::full_details_bytes(4, 2).unwrap();
    let mut patches = samples("oxoab", |n| n.starts_with("patch-"));
    patches.push(
        PatchFile::create(Base(&data), Target(&newer), &WriteOptions::default())
            .unwrap()
            .to_vec()
            .unwrap(),
    );
    Suite::new("oxoab_patch").run(&patches, |b, o| {
        outcome(ms_oxoab::apply_patch(Base(&data), Patch(b), o))
    });
    Suite::new("oxoab_patch_file").run(&all, |b, o| outcome(PatchFile::decode_bytes(b, o)));

    Suite::new("oxoab_mdi").run(&all, |b, o| outcome(ms_oxoab::decompress_mdi(b, o)));
    Suite::new("oxoab_mdi_file").run(&all, |b, o| outcome(ms_oxoab::MdiFile::decode_bytes(b, o)));
    Suite::new("oxoab_browse").run(&all, |b, o| {
        outcome(ms_oxoab::BrowseFile::decode_bytes(b, o))
    });
    Suite::new("oxoab_rdn_index").run(&all, |b, o| outcome(ms_oxoab::RdnFile::decode_bytes(b, o)));
    Suite::new("oxoab_anr_index").run(&all, |b, o| outcome(ms_oxoab::AnrFile::decode_bytes(b, o)));
    // Details and Changes files keep everything after OAB_HDR as bytes:
    // a prefix of one is one.
    Suite::new("oxoab_details")
        .prefixes_may_decode()
        .run(&all, |b, o| {
            outcome(ms_oxoab::Version7File::decode_bytes(b, o))
        });
    Suite::new("oxoab_changes")
        .prefixes_may_decode()
        .run(&all, |b, o| {
            outcome(ms_oxoab::ChangesFile::decode_bytes(b, o))
        });
    Suite::new("oxoab_template_file").run(&all, |b, o| {
        let d = ms_oxoab::TemplateFile::decode_bytes(b, o)?;
        let mut defects = d.defects;
        for slot in ms_oxoab::TemplateSlot::ALL {
            if let Some(t) = d.value.template(slot, o) {
                defects.extend(t?.defects);
            }
            if let Some(s) = d.value.script(slot, o) {
                defects.extend(s?.defects);
            }
        }
        Ok(defects)
    });
}
