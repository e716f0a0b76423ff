//! Compressed OAB files and differential patches through the ms-patch codec,
//! cross-checked against ms-patch's own LZXD file / patch functions
//! ([MS-OXOAB] 2.11 LZX_HDR/LZX_BLK and 2.10 PATCH_HDR/PATCH_BLK, whose header
//! structures both crates share: ms-oxoab re-exports ms-patch's).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxoab::{CompressedFile, PatchFile, PatchLzx, generate};
use msox_codec::{Decode, Encode, Options};

#[test]
fn compress_decompress_through_ms_patch() {
    let raw = generate::full_details_bytes(3_000, 1).unwrap();
    let mut codec = PatchLzx::default();
    let z = CompressedFile::compress(&raw, 256 * 1024, Some(&mut codec))
        .unwrap()
        .to_vec()
        .unwrap();
    assert!(z.len() < raw.len() / 2, "{} -> {}", raw.len(), z.len());
    let d = ms_oxoab::decompress(&z, &mut PatchLzx::default(), &Options::strict()).unwrap();
    assert_eq!(d.value, raw);
    // ms-patch's own LZXD file reader reads the same file.
    assert_eq!(
        ms_patch::decompress_file(&z, &Options::strict())
            .unwrap()
            .value,
        raw
    );
    // The LZXD stream decodes in the container's session: damage in a
    // block's data is an error at an offset inside that block, under its
    // LZX_BLK[i] frame.
    let f = CompressedFile::decode_exact(&z).unwrap();
    let second = 16 + f.blocks[0].encoded_len();
    let mut bad = z.clone();
    for b in &mut bad[second + 16..second + 16 + 64] {
        *b ^= 0x5A;
    }
    let e = ms_oxoab::decompress(&bad, &mut PatchLzx::default(), &Options::strict()).unwrap_err();
    assert!(e.path().to_string().starts_with("LZX_BLK[1]"), "{e}");
    let at = e.offset().unwrap();
    assert!(
        at >= second && at < second + f.blocks[1].encoded_len(),
        "{e}"
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
    let d =
        ms_oxoab::apply_patch(&old, &patch, &mut PatchLzx::default(), &Options::strict()).unwrap();
    assert_eq!(d.value, new);
    // ms-patch's generic reader applies the same blocks, with every CRC
    // checked: both crates compute ulSourceCRC/ulTargetCRC over the files
    // after their 12-byte OAB_HDR ([MS-OXOAB] 2.10.1).
    assert_eq!(
        ms_patch::apply_patch(&patch, &old, &Options::strict())
            .unwrap()
            .value,
        new
    );
    // And the other way round: a patch from ms-patch's writer applies here,
    // strictly (a CRC mismatch would be an error, not a defect).
    let theirs = ms_patch::create_patch(&old, &new, &ms_patch::WriteOptions::level(3)).unwrap();
    let p = PatchFile::decode_exact(&theirs).unwrap();
    assert_eq!(p.header.source_crc, ms_oxoab::patch::file_crc(&old));
    let d = p
        .apply(&old, &mut PatchLzx::default(), &Options::strict())
        .unwrap();
    assert_eq!(d.value, new);
    assert!(d.defects.is_empty());
}

#[test]
fn container_headers_are_ms_patch_types() {
    // The same types, not look-alikes: values pass between the crates.
    let h: ms_patch::lzxd::LzxHeader = ms_oxoab::LzxHeader {
        version_hi: ms_oxoab::LzxHeader::VERSION_HI,
        version_lo: ms_oxoab::LzxHeader::VERSION_LO,
        block_max: 16,
        target_size: 16,
    };
    let p: ms_oxoab::PatchHeader = ms_patch::lzxd::PatchHeader {
        version_hi: 3,
        version_lo: 2,
        block_max: 0,
        source_size: 0,
        target_size: 0,
        source_crc: ms_oxoab::patch::file_crc(&[]),
        target_crc: ms_oxoab::crc::crc32(&[]),
    };
    assert_eq!(h.to_vec().unwrap(), h.to_bytes());
    assert_eq!(p.to_vec().unwrap(), p.to_bytes());
    let b = ms_oxoab::LzxBlock::stored(b"abc").unwrap();
    let bh: ms_patch::lzxd::LzxBlockHeader = b.header().unwrap();
    assert_eq!(bh.comp_size, 3);
    assert_eq!(bh.crc, ms_patch::crc32(b"abc"));
    assert_eq!(
        ms_oxoab::LzxBlock::HEADER_SIZE,
        ms_oxoab::compressed::LzxBlockHeader::SIZE
    );
    assert_eq!(
        ms_oxoab::PatchBlock::HEADER_SIZE,
        ms_oxoab::patch::PatchBlockHeader::SIZE
    );
}
