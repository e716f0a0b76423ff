//! Compressed OAB files and differential patches through the ms-patch codec,
//! cross-checked against ms-patch's own LZXD file / patch functions
//! ([MS-PATCH] 3.1/3.2 are the same containers as [MS-OXOAB] 2.11/2.12).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxoab::{CompressedFile, PatchFile, PatchLzx, generate};
use msox_codec::Encode;

#[test]
fn compress_decompress_through_ms_patch() {
    let raw = generate::full_details_bytes(3_000, 1).unwrap();
    let mut codec = PatchLzx::default();
    let z = CompressedFile::compress(&raw, 256 * 1024, Some(&mut codec))
        .unwrap()
        .to_vec()
        .unwrap();
    assert!(z.len() < raw.len() / 2, "{} -> {}", raw.len(), z.len());
    assert_eq!(
        ms_oxoab::decompress(&z, &mut PatchLzx::default()).unwrap(),
        raw
    );
    // ms-patch's own LZXD file reader reads the same file.
    assert_eq!(
        ms_patch::decompress_file(&z, &ms_patch::FileOptions::default()).unwrap(),
        raw
    );
}

#[test]
fn a_generated_diff_applies_byte_for_byte() {
    let old = generate::full_details_bytes(3_000, 1).unwrap();
    let mut newer = generate::full_details(3_000, 2);
    // Change a few records and add some.
    newer.records.truncate(2_990);
    newer.records.extend((10_000..10_020).map(generate::record));
    let new = newer.to_bytes().unwrap();
    let mut codec = PatchLzx::default();
    let patch = PatchFile::create(&old, &new, 256 * 1024, &mut codec)
        .unwrap()
        .to_vec()
        .unwrap();
    let z = CompressedFile::compress(&new, 256 * 1024, Some(&mut codec))
        .unwrap()
        .to_vec()
        .unwrap();
    eprintln!(
        "old {} bytes, new {} bytes, compressed new {} bytes, patch {} bytes ({:.1}x smaller than the compressed file)",
        old.len(),
        new.len(),
        z.len(),
        patch.len(),
        z.len() as f64 / patch.len() as f64
    );
    assert!(patch.len() * 3 < z.len());
    assert_eq!(
        ms_oxoab::apply_patch(&old, &patch, &mut PatchLzx::default()).unwrap(),
        new
    );
    // ms-patch's generic reader applies the same blocks. It computes the
    // header's ulSourceCRC/ulTargetCRC over whole files, where [MS-OXOAB]
    // 2.10.1 excludes the 12-byte OAB_HDR, so its header check is off here.
    let generic = ms_patch::FileOptions {
        verify_crc: false,
        ..ms_patch::FileOptions::default()
    };
    assert_eq!(ms_patch::apply_patch(&patch, &old, &generic).unwrap(), new);
}
