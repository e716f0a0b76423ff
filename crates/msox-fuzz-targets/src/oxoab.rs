//! ms-oxoab: version 4 full details files, the compressed, patch and MDI
//! containers, and the uncompressed version 2/3 files.

use ms_oxoab::{
    AnrFile, Base, BrowseFile, ChangesFile, CompressedFile, FullDetails, FullDetailsReader,
    MdiFile, Patch, PatchFile, RdnFile, TemplateFile, TemplateSlot, Version7File,
};
use msox_codec::{CodePage, CountingSink, Decode, Decoded, Options};

use crate::{roundtrip, roundtrip_type};

fn limited(e: &msox_codec::Error) -> bool {
    e.is_limit()
}

/// ms-oxoab `FullDetails::decode_bytes`: a version 4 full details file that
/// decodes strictly re-encodes to exactly the input, leniently to a fixed
/// point; strict decoding accepts exactly what lenient decoding reads
/// without defects; `FullDetailsReader` sees the same records.
pub fn oxoab_full_details(data: &[u8]) {
    roundtrip(data, true, |b, o| {
        FullDetails::decode_bytes(b, o).map(|d| d.map(|f| f.to_bytes()))
    });
    let Ok(f) = FullDetails::decode_bytes(data, &crate::lenient()) else {
        return;
    };
    let strict = FullDetails::decode_bytes(data, &crate::strict());
    assert_eq!(strict.is_ok(), f.defects.is_empty(), "{:?}", f.defects);
    let f = f.value;
    let rd = FullDetailsReader::new(data, &crate::lenient()).expect("reader");
    let mut n = 0;
    for (raw, rec) in rd.records().zip(&f.records) {
        let got = raw
            .expect("raw record")
            .decode_with(
                &f.metadata.oab_atts,
                CodePage::WINDOWS_1252,
                &crate::lenient(),
            )
            .expect("record");
        assert_eq!(&got.value, rec);
        n += 1;
    }
    assert_eq!(n, f.records.len());
}

/// The full details reader as the hostile suite runs it: header, metadata,
/// header record and every record decoded, their defects together; the
/// record count.
fn read_records(data: &[u8], o: &Options) -> msox_codec::Result<Decoded<usize>> {
    let rd = FullDetailsReader::new(data, o)?;
    let mut defects = rd.defects().to_vec();
    let cp = CodePage::WINDOWS_1252;
    defects.extend(
        rd.header_record
            .decode_with(&rd.metadata.header_atts, cp, o)?
            .defects,
    );
    let mut n = 0;
    for raw in rd.records() {
        defects.extend(raw?.decode_with(&rd.metadata.oab_atts, cp, o)?.defects);
        n += 1;
    }
    Ok(Decoded { value: n, defects })
}

/// ms-oxoab `FullDetailsReader::new` and `RawRecord::decode_with` (the
/// borrowing reader, records to the end of the input): both modes; what
/// `FullDetails` decodes strictly the reader reads strictly, with as many
/// records.
pub fn oxoab_full_details_records(data: &[u8]) {
    let (s, _) = crate::both(data, read_records);
    if let Ok(f) = FullDetails::decode_bytes(data, &crate::strict()) {
        let n = s.expect("FullDetails decoded it strictly, the reader did not");
        assert_eq!(n.value, f.value.records.len());
    }
}

/// ms-oxoab `decompress` (and `decompress_to`) with ms-patch's LZX: the two
/// forms agree; what ms-patch's `decompress_file` reads with every CRC
/// checked, ms-oxoab's strict reader decompresses to the same bytes (unless
/// it hits a limit).
pub fn oxoab_compressed(data: &[u8]) {
    let _ = crate::both(data, ms_oxoab::decompress);
    for o in crate::MODES {
        let mut out = Vec::new();
        match (
            ms_oxoab::decompress(data, &o),
            ms_oxoab::decompress_to(data, &o, &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert!(a.value == out, "decompress_to output differs");
                assert_eq!(b.value, out.len() as u64);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress {a:?} vs decompress_to {b:?}"),
        }
    }
    if let Ok(out) = ms_patch::decompress_file(data, &crate::strict()) {
        match ms_oxoab::decompress(data, &crate::strict()) {
            Ok(ours) => assert!(ours.value == out.value, "ms-patch and ms-oxoab differ"),
            Err(e) => assert!(limited(&e), "ms-patch read it, ms-oxoab: {e}"),
        }
    }
}

/// ms-oxoab `CompressedFile::decode_bytes` (LZX_HDR / LZX_BLK container):
/// byte-exact; decompressing it stays within the limits and gives
/// ulTargetSize bytes.
pub fn oxoab_compressed_file(data: &[u8]) {
    roundtrip_type!(data, true, CompressedFile);
    if let Ok(f) = CompressedFile::decode_bytes(data, &crate::lenient())
        && let Ok(out) = f.value.decompress(&crate::lenient())
    {
        assert_eq!(out.value.len(), f.value.header.target_size as usize);
    }
}

/// ms-oxoab `apply_patch` (and `apply_patch_to`) with ms-patch's LZX: the
/// input as a patch on an empty base, and on a base cut from its front
/// (the first 2 bytes give its length); the two forms agree; what
/// ms-patch's `apply_patch` applies strictly, ms-oxoab applies to the same
/// bytes (unless it hits a limit, or the base is not ulSourceSize bytes,
/// which ms-patch uses as it is and ms-oxoab refuses).
pub fn oxoab_patch(data: &[u8]) {
    let mut cases = vec![(&b""[..], data)];
    if let Some((sel, rest)) = data.split_first_chunk::<2>() {
        let n = usize::from(u16::from_le_bytes(*sel)).min(rest.len());
        cases.push(rest.split_at(n));
    }
    for (base, patch) in cases {
        let _ = crate::both(patch, |b, o| ms_oxoab::apply_patch(Base(base), Patch(b), o));
        for o in crate::MODES {
            let mut out = Vec::new();
            match (
                ms_oxoab::apply_patch(Base(base), Patch(patch), &o),
                ms_oxoab::apply_patch_to(Base(base), Patch(patch), &o, &mut out),
            ) {
                (Ok(a), Ok(b)) => {
                    assert!(a.value == out, "apply_patch_to output differs");
                    assert_eq!(a.defects, b.defects);
                }
                (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
                (a, b) => panic!("apply_patch {a:?} vs apply_patch_to {b:?}"),
            }
        }
        if let Ok(out) = ms_patch::apply_patch(Base(base), Patch(patch), &crate::strict()) {
            let source_size = patch
                .get(12..16)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            match ms_oxoab::apply_patch(Base(base), Patch(patch), &crate::strict()) {
                Ok(ours) => assert!(ours.value == out.value, "ms-patch and ms-oxoab differ"),
                Err(e) => assert!(
                    limited(&e) || source_size != Some(base.len()),
                    "ms-patch applied it, ms-oxoab: {e}"
                ),
            }
        }
    }
}

/// ms-oxoab `PatchFile::decode_bytes` (PATCH_HDR / PATCH_BLK container):
/// byte-exact.
pub fn oxoab_patch_file(data: &[u8]) {
    roundtrip_type!(data, true, PatchFile);
}

/// ms-oxoab `decompress_mdi` (and `decompress_mdi_to`): the two forms
/// agree; what comes out goes through every version 2/3 file decoder.
pub fn oxoab_mdi(data: &[u8]) {
    let (_, l) = crate::both(data, ms_oxoab::decompress_mdi);
    for o in crate::MODES {
        let mut out = Vec::new();
        match (
            ms_oxoab::decompress_mdi(data, &o),
            ms_oxoab::decompress_mdi_to(data, &o, &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert!(a.value == out, "decompress_mdi_to output differs");
                assert_eq!(b.value, out.len() as u64);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress_mdi {a:?} vs decompress_mdi_to {b:?}"),
        }
    }
    let _ = ms_oxoab::decompress_mdi_to(data, &crate::lenient(), &mut CountingSink::default());
    if let Ok(out) = l {
        oxoab_browse(&out.value);
        oxoab_rdn_index(&out.value);
        oxoab_anr_index(&out.value);
        oxoab_details(&out.value);
        oxoab_changes(&out.value);
        oxoab_template_file(&out.value);
    }
}

/// ms-oxoab `MdiFile::decode_bytes` (MDI_HDR / MDI_BLK container):
/// byte-exact; decompressing it gives ulTargetSize bytes.
pub fn oxoab_mdi_file(data: &[u8]) {
    roundtrip_type!(data, true, MdiFile);
    if let Ok(m) = MdiFile::decode_bytes(data, &crate::lenient())
        && let Ok(out) = m.value.decompress(&crate::lenient())
    {
        assert_eq!(out.value.len(), m.value.header.target_size as usize);
    }
}

/// ms-oxoab `BrowseFile::decode_bytes`: byte-exact.
pub fn oxoab_browse(data: &[u8]) {
    roundtrip_type!(data, true, BrowseFile);
    let _ = ms_oxoab::guess_v2v3_kind(data);
}

/// ms-oxoab `RdnFile::decode_bytes`: byte-exact; the accessors cope.
pub fn oxoab_rdn_index(data: &[u8]) {
    roundtrip_type!(data, true, RdnFile);
    if let Ok(f) = RdnFile::decode_bytes(data, &crate::lenient()) {
        let f = f.value;
        let _ = f.looks_valid();
        for off in f.record_offsets().into_iter().take(64) {
            assert!(f.record_at(off).is_some());
        }
        for off in f.parent_dn_offsets().into_iter().take(64) {
            let _ = f.parent_dn_at(off);
        }
    }
}

/// ms-oxoab `AnrFile::decode_bytes`: byte-exact; one offset per record.
pub fn oxoab_anr_index(data: &[u8]) {
    roundtrip_type!(data, true, AnrFile);
    if let Ok(f) = AnrFile::decode_bytes(data, &crate::lenient()) {
        assert_eq!(f.value.offsets().len(), f.value.records.len());
    }
}

/// ms-oxoab `Version7File::decode_bytes` (a version 2/3 Details file):
/// byte-exact.
pub fn oxoab_details(data: &[u8]) {
    roundtrip_type!(data, true, Version7File);
}

/// ms-oxoab `ChangesFile::decode_bytes`: byte-exact.
pub fn oxoab_changes(data: &[u8]) {
    roundtrip_type!(data, true, ChangesFile);
}

/// ms-oxoab `TemplateFile::decode_bytes`, then `template` and `script` of
/// every slot (as the hostile suite): byte-exact; both modes; the
/// accessors cope.
pub fn oxoab_template_file(data: &[u8]) {
    roundtrip_type!(data, true, TemplateFile);
    let _ = crate::both(data, |b, o| {
        let d = TemplateFile::decode_bytes(b, o)?;
        let mut defects = d.defects;
        for slot in TemplateSlot::ALL {
            if let Some(t) = d.value.template(slot, o) {
                defects.extend(t?.defects);
            }
            if let Some(s) = d.value.script(slot, o) {
                defects.extend(s?.defects);
            }
        }
        Ok(Decoded { value: (), defects })
    });
    if let Ok(f) = TemplateFile::decode_bytes(data, &crate::lenient()) {
        let f = f.value;
        let _ = f.looks_valid();
        for slot in TemplateSlot::ALL {
            let _ = (
                f.template_data(slot),
                f.script_data(slot),
                f.dn(slot),
                f.display_name(slot),
            );
        }
    }
}
