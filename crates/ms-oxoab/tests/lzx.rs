//! Compressed OAB files and differential patches through the ms-patch codec,
//! cross-checked against ms-patch's own LZXD file / patch functions
//! ([MS-OXOAB] 2.11 LZX_HDR/LZX_BLK and 2.10 PATCH_HDR/PATCH_BLK, whose header
//! structures both crates share: ms-oxoab re-exports ms-patch's).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxoab::{Base, CompressedFile, Patch, PatchFile, Target, WriteOptions, generate};
use msox_codec::{Decode, Encode, Options};

#[test]
fn compress_decompress_through_ms_patch() {
    let raw = generate::full_details_bytes(3_000, 1).unwrap();
    let opts = WriteOptions {
        block_max: 256 * 1024,
        ..WriteOptions::default()
    };
    let z = CompressedFile::compress(&raw, &opts)
        .unwrap()
        .to_vec()
        .unwrap();
    assert!(z.len() < raw.len() / 2, "{} -> {}", raw.len(), z.len());
    let d = ms_oxoab::decompress(&z, &Options::strict()).unwrap();
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
    let e = ms_oxoab::decompress(&bad, &Options::strict()).unwrap_err();
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
    let opts = WriteOptions {
        block_max: 256 * 1024,
        ..WriteOptions::default()
    };
    let patch = PatchFile::create(Base(&old), Target(&new), &opts)
        .unwrap()
        .to_vec()
        .unwrap();
    let z = ms_oxoab::compress(&new, &opts).unwrap();
    eprintln!(
        "old {} bytes, new {} bytes, compressed new {} bytes, patch {} bytes ({:.1}x smaller than the compressed file)",
        old.len(),
        new.len(),
        z.len(),
        patch.len(),
        z.len() as f64 / patch.len() as f64
    );
    assert!(patch.len() * 3 < z.len());
    let d = ms_oxoab::apply_patch(Base(&old), Patch(&patch), &Options::strict()).unwrap();
    assert_eq!(d.value, new);
    assert!(d.defects.is_empty());
    // The header CRCs leave out the OAB_HDR ([MS-OXOAB] 2.10.1) ...
    let p = PatchFile::decode_exact(&patch).unwrap();
    assert_eq!(p.header.source_crc, ms_oxoab::patch::file_crc(&old));
    assert_eq!(p.header.source_crc, ms_patch::file_crc(&old, 12));
    assert_eq!(p.apply(Base(&old), &Options::strict()).unwrap().value, new);
    // ... so ms-patch's reader, whose default is the whole file, reports
    // them (a defect in lenient mode) and still gives the same bytes.
    let d = ms_patch::apply_patch(Base(&old), Patch(&patch), &Options::lenient()).unwrap();
    assert_eq!(d.value, new);
    assert_eq!(d.defects.len(), 2, "{:?}", d.defects);
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
