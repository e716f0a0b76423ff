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
    CompressedFile, DecodeOptions, FullDetails, LzxHeader, MetaData, NoLzx, PatchFile, PropRec,
    PropTable, Record, generate,
};
use ms_oxprops::tags;
use msox_codec::{Decode, ErrorKind, Limits};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vector, vectors};

fn strict(b: &[u8]) -> msox_codec::Result<()> {
    FullDetails::decode_with_options(b, &DecodeOptions::strict()).map(drop)
}

fn lenient(b: &[u8]) {
    if let Ok((f, _)) = FullDetails::decode_with_options(b, &DecodeOptions::default()) {
        // Whatever decodes re-encodes to the same bytes.
        assert_eq!(f.to_bytes().unwrap(), b);
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
        ms_oxoab::MdiFile::decode_exact(b)
            .and_then(|m| m.decompress(&Limits::default()))
            .map(drop)
    });
}

#[test]
fn mutations_never_panic_and_what_decodes_round_trips() {
    for v in vectors("oxoab") {
        assert_no_panic_on_mutations(&v.bytes, &v.name, 400, |b| {
            lenient(b);
            if let Ok(f) = CompressedFile::decode_exact(b) {
                let _ = f.decompress(&mut NoLzx, &DecodeOptions::default());
            }
            let _ = PatchFile::decode_exact(b);
            if let Ok(f) = ms_oxoab::BrowseFile::decode_exact(b) {
                assert_eq!(msox_codec::Encode::to_vec(&f).unwrap(), b);
            }
            if let Ok(m) = ms_oxoab::MdiFile::decode_exact(b) {
                let _ = m.decompress(&Limits::fuzzing());
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
    let mut rec = ((5 + value.len()) as u32).to_le_bytes().to_vec();
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
    // A type OAB does not allow, with its presence bit set.
    let e = strict(&one_prop_file(0x0007_0040, &[0; 8])).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Unsupported(_)), "{e}");
    // ... and with its bit clear it is kept, not refused.
    let mut f = one_prop_file(0x0007_0040, &[]);
    let n = f.len();
    f[n - 1] = 0;
    let (book, _) = FullDetails::decode_with_options(&f, &DecodeOptions::strict()).unwrap();
    assert_eq!(
        book.metadata.header_atts.props[0].tag,
        PropertyTag::from_u32(0x0007_0040)
    );
    assert_eq!(book.to_bytes().unwrap(), f);
}

#[test]
fn the_record_count_is_capped_by_limits() {
    let g = generate::full_details_bytes(50, 1).unwrap();
    let opts = DecodeOptions {
        limits: Limits {
            max_items: 10,
            ..Limits::default()
        },
        ..DecodeOptions::default()
    };
    let e = FullDetails::decode_with_options(&g, &opts).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
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
    let e = f
        .decompress(
            &mut NoLzx,
            &DecodeOptions {
                limits: Limits::fuzzing(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // A block claiming more than the target left.
    let mut c = vector("oxoab", "lzx-stored-blocks").bytes;
    c[24] = 0xFF; // first block ulUncompSize
    assert!(CompressedFile::decode_exact(&c).is_err());
    // A stored block whose sizes disagree.
    let mut f = CompressedFile::decode_exact(&vector("oxoab", "lzx-stored-blocks").bytes).unwrap();
    f.blocks[0].data.pop();
    assert!(f.decompress(&mut NoLzx, &DecodeOptions::default()).is_err());
    // Unknown ulFlags.
    let mut f = CompressedFile::decode_exact(&vector("oxoab", "lzx-stored-blocks").bytes).unwrap();
    f.blocks[1].flags = 7;
    let e = f
        .decompress(&mut NoLzx, &DecodeOptions::default())
        .unwrap_err();
    assert!(e.to_string().contains("ulFlags"), "{e}");
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
    if let Ok(f) = ms_oxoab::AnrFile::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
        assert_eq!(f.encoded_len(), b.len());
        for o in f.offsets() {
            assert!(f.record_at(o).is_some());
        }
    }
    if let Ok(f) = ms_oxoab::RdnFile::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
        assert_eq!(f.encoded_len(), b.len());
        let _ = f.looks_valid();
    }
    if let Ok(f) = ms_oxoab::Version7File::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
    }
    if let Ok(f) = ms_oxoab::TemplateFile::decode_exact(b) {
        assert_eq!(f.to_vec().unwrap(), b);
        let _ = f.looks_valid();
        for slot in ms_oxoab::TemplateSlot::ALL {
            let _ = (
                f.template_data(slot),
                f.script_data(slot),
                f.dn(slot),
                f.display_name(slot),
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
    // An ANR_REC whose key has no null: kept as trailing bytes.
    let mut f = vec![0x0A, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0];
    f.extend_from_slice(&[0; 20]);
    f.extend_from_slice(b"abc");
    let a = ms_oxoab::AnrFile::decode_exact(&f).unwrap();
    assert!(a.records.is_empty());
    assert_eq!(a.trailing.len(), 23);
    v2v3_round_trips(&f);
    // Wrong ulVersion for each kind.
    assert!(ms_oxoab::AnrFile::decode_exact(&[7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err());
    assert!(
        ms_oxoab::Version7File::decode_exact(&[0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]).is_err()
    );
    // A key holding a null cannot be written.
    let r = ms_oxoab::AnrRec {
        key: b"a\0b".to_vec(),
        ..Default::default()
    };
    assert!(msox_codec::Encode::to_vec(&r).is_err());
}
