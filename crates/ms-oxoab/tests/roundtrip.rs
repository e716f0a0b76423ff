//! Write -> read round trips over generated address books, the stored
//! compressed container, and the codec hand-off.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxcdata::PropertyValue;
use ms_oxoab::{
    Base, CompressedFile, FullDetails, FullDetailsReader, LzxBlock, Patch, PatchFile, Target,
    WriteOptions, generate,
};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, ErrorKind, Options};

#[test]
fn hundred_thousand_records_write_read_equal() {
    let n = 100_000;
    let bytes = generate::full_details_bytes(n, 7).unwrap();
    let d = FullDetails::decode_bytes(&bytes, &Options::strict()).unwrap();
    assert!(d.defects.is_empty());
    let book = d.value;
    assert_eq!(book.records.len(), n as usize);
    assert_eq!(book.header.total_records, n);
    FullDetails::verify_serial(&bytes).unwrap();
    // Every record equals the generator's, value for value.
    for (i, r) in book.records.iter().enumerate() {
        assert_eq!(r, &generate::record(i as u32), "record {i}");
    }
    assert_eq!(book.header_record, generate::header_record(7));
    // Byte for byte back.
    assert_eq!(book.to_bytes().unwrap(), bytes);
    // And through the stored compressed container.
    let z = ms_oxoab::compress_stored(&bytes).unwrap();
    assert_eq!(
        ms_oxoab::decompress(&z, &Options::strict()).unwrap().value,
        bytes
    );
    let cf = CompressedFile::decode_exact(&z).unwrap();
    assert_eq!(cf.to_vec().unwrap(), z);
    assert!(cf.blocks.iter().all(|b| b.flags == LzxBlock::UNCOMPRESSED));
}

#[test]
fn finalize_matches_the_streaming_writer() {
    let mut book = generate::full_details(500, 3);
    let a = book.finalize().unwrap();
    let b = generate::full_details_bytes(500, 3).unwrap();
    assert_eq!(a, b);
}

#[test]
fn the_borrowing_reader_walks_every_record() {
    let bytes = generate::full_details_bytes(1000, 1).unwrap();
    let rd = FullDetailsReader::new(&bytes, &Options::default()).unwrap();
    let hdr = rd.header_record.decode(&rd.metadata.header_atts).unwrap();
    assert_eq!(
        hdr.get(tags::PidTagOfflineAddressBookSequence),
        Some(&PropertyValue::Integer32(1))
    );
    let mut n = 0;
    for raw in rd.records() {
        let raw = raw.unwrap();
        let r = raw.decode(&rd.metadata.oab_atts).unwrap();
        assert_eq!(r, generate::record(n));
        n += 1;
    }
    assert_eq!(n, 1000);
}

#[test]
fn compressed_blocks_decode_and_stream() {
    let data = generate::full_details_bytes(200, 1).unwrap();
    let opts = WriteOptions {
        block_max: 4096,
        ..WriteOptions::level(3)
    };
    let f = CompressedFile::compress(&data, &opts).unwrap();
    assert!(f.blocks.iter().any(|b| b.flags == LzxBlock::COMPRESSED));
    let bytes = f.to_vec().unwrap();
    let back = CompressedFile::decode_exact(&bytes).unwrap();
    assert_eq!(back, f);
    let d = back.decompress(&Options::strict()).unwrap();
    assert!(d.defects.is_empty());
    assert_eq!(d.value, data);
    // Streamed into a sink, the same bytes.
    let mut sink = msox_codec::CountingSink::default();
    let n = ms_oxoab::decompress_to(&bytes, &Options::strict(), &mut sink).unwrap();
    assert_eq!(
        (n.value, sink.count),
        (data.len() as u64, data.len() as u64)
    );
}

#[test]
fn a_patch_between_two_generations_applies_to_the_new_file() {
    let old = generate::full_details_bytes(300, 1).unwrap();
    let mut newer = generate::full_details(310, 2);
    newer.records.remove(17);
    newer.records[5].set(tags::PidTagTitle, PropertyValue::String("Chief".into()));
    let new = newer.finalize().unwrap();
    let p = PatchFile::create(Base(&old), Target(&new), &WriteOptions::default()).unwrap();
    let bytes = p.to_vec().unwrap();
    assert_eq!(PatchFile::decode_exact(&bytes).unwrap(), p);
    let d = ms_oxoab::apply_patch(Base(&old), Patch(&bytes), &Options::strict()).unwrap();
    assert_eq!(d.value, new);
    assert!(d.defects.is_empty());
    // A patch applied to the wrong base fails its size check: an error in
    // strict mode, at ulSourceSize.
    let e = ms_oxoab::apply_patch(Base(&new), Patch(&bytes), &Options::strict()).unwrap_err();
    assert_eq!(
        (e.offset(), e.path().to_string().as_str()),
        (Some(12), "PATCH_HDR")
    );
}

#[test]
fn a_bad_block_crc_is_a_defect_or_an_error() {
    let data = b"0123456789".repeat(100);
    let mut f = CompressedFile::stored(&data, 256).unwrap();
    f.blocks[2].crc ^= 1;
    let d = f.decompress(&Options::default()).unwrap();
    assert_eq!(d.value, data);
    assert_eq!(d.defects.len(), 1);
    let err = f.decompress(&Options::strict()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ChecksumMismatch { .. }));
    // The CRC field of the third block: 16 + 2 × (16 + 256) + 12.
    assert_eq!(err.offset(), Some(16 + 2 * (16 + 256) + 12));
    assert_eq!(err.path().to_string(), "LZX_BLK[2]");
}

#[test]
fn mszip_containers_round_trip_across_blocks() {
    // Repetitive data across block boundaries exercises the MSZIP history.
    let data = generate::full_details_bytes(2000, 1).unwrap();
    let f = ms_oxoab::MdiFile::compress(&data, 0x8000).unwrap();
    assert!(f.blocks.len() > 3);
    let bytes = f.to_vec().unwrap();
    assert!(
        bytes.len() < data.len() / 4,
        "{} of {}",
        bytes.len(),
        data.len()
    );
    let back = ms_oxoab::MdiFile::decode_exact(&bytes).unwrap();
    assert_eq!(back, f);
    assert_eq!(back.decompress(&Options::strict()).unwrap().value, data);
    // Streamed, through a 32 KiB history.
    let mut sink = msox_codec::CountingSink::default();
    ms_oxoab::decompress_mdi_to(&bytes, &Options::strict(), &mut sink).unwrap();
    assert_eq!(sink.count, data.len() as u64);
    // Each block really uses the history: decompressing block 2 alone fails.
    let mut alone = back.clone();
    alone.blocks.drain(..1);
    alone.header.target_size -= f.blocks[0].uncompressed_size;
    assert!(alone.decompress(&Options::default()).is_err());
}

/// [MS-OXOAB] 2.2: a display template file points at [MS-OXOABKT] template
/// data by slot. The gromox templates in the corpus (LCID 0x409, display
/// types 0 to 6) are bare template data; laid out in a template file by
/// display type they come back out of it byte for byte, and the file
/// re-encodes byte for byte.
#[test]
fn corpus_templates_in_a_template_file() {
    use ms_oxoab::{TemplateFile, TemplateParts, TemplateSlot};
    let files = msox_testkit::corpus::files("other/abkt", &[".abkt"]);
    let mut by_slot: Vec<(TemplateSlot, Vec<u8>)> = Vec::new();
    for e in &files {
        // gromox-409-<display type>.abkt
        let Some(dt) = e
            .file
            .strip_suffix(".abkt")
            .and_then(|s| s.rsplit('-').next())
        else {
            continue;
        };
        if !e.file.contains("-409-") {
            continue;
        }
        if let Some(slot) = dt.parse().ok().and_then(TemplateSlot::from_display_type) {
            by_slot.push((slot, std::fs::read(&e.path).unwrap()));
        }
    }
    if files.is_empty() {
        return;
    }
    assert!(by_slot.len() >= 4, "{}", by_slot.len());
    let mut parts = [TemplateParts::default(); 7];
    for (slot, t) in &by_slot {
        parts[*slot as usize].template = Some(t);
        parts[*slot as usize].dn = Some(b"/o=Example/cn=Display-Templates");
    }
    let f = TemplateFile::build(&parts, &[]).unwrap();
    assert!(f.looks_valid());
    let bytes = f.to_vec().unwrap();
    let back = TemplateFile::decode_exact(&bytes).unwrap();
    assert_eq!(back, f);
    assert_eq!(back.to_vec().unwrap(), bytes);
    for (slot, t) in &by_slot {
        assert_eq!(back.template_data(*slot), Some(t.as_slice()), "{slot:?}");
        let tm = back
            .template(*slot, &Options::strict())
            .unwrap()
            .unwrap()
            .value;
        assert!(!tm.row_set().unwrap().rows.is_empty());
        assert_eq!(
            back.dn(*slot),
            Some(&b"/o=Example/cn=Display-Templates"[..])
        );
    }
    assert_eq!(
        ms_oxoab::guess_v2v3_kind(&bytes),
        Some(ms_oxoab::V2V3Kind::DetailsOrTemplate)
    );
    // A Details file is not mistaken for a template file.
    let details = [7u8, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3, 4, 5];
    assert!(TemplateFile::decode_exact(&details).is_err());
}
