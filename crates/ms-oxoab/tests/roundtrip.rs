//! Write -> read round trips over generated address books, the stored
//! compressed container, and the codec hand-off.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use ms_oxcdata::PropertyValue;
use ms_oxoab::{
    CompressedFile, DecodeOptions, FullDetails, FullDetailsReader, LzxBlock, LzxCodec, NoLzx,
    PatchFile, generate,
};
use ms_oxprops::tags;
use msox_codec::{Decode, Encode, ErrorKind, Result};

#[test]
fn hundred_thousand_records_write_read_equal() {
    let n = 100_000;
    let bytes = generate::full_details_bytes(n, 7).unwrap();
    let (book, defects) =
        FullDetails::decode_with_options(&bytes, &DecodeOptions::strict()).unwrap();
    assert!(defects.is_empty());
    assert_eq!(book.records.len(), n as usize);
    assert_eq!(book.header.total_records, n);
    assert_eq!(FullDetails::verify_serial(&bytes), None);
    // Every record equals the generator's, value for value.
    for (i, r) in book.records.iter().enumerate() {
        assert_eq!(r, &generate::record(i as u32), "record {i}");
    }
    assert_eq!(book.header_record, generate::header_record(7));
    // Byte for byte back.
    assert_eq!(book.to_bytes().unwrap(), bytes);
    // And through the stored compressed container.
    let z = ms_oxoab::compress_stored(&bytes).unwrap();
    assert_eq!(ms_oxoab::decompress(&z, &mut NoLzx).unwrap(), bytes);
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
    let rd = FullDetailsReader::new(&bytes, &DecodeOptions::default()).unwrap();
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

/// A stand-in codec that "compresses" by storing the block behind a
/// one-byte marker, to exercise the compressed-block and patch paths until
/// ms-patch provides real LZX.
struct Marker;

impl LzxCodec for Marker {
    fn decompress(
        &mut self,
        data: &[u8],
        window_bits: u32,
        n: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        assert!((17..=25).contains(&window_bits));
        assert_eq!(data.first(), Some(&0xAA));
        out.extend_from_slice(&data[1..]);
        assert_eq!(data.len() - 1, n);
        Ok(())
    }
    fn compress(&mut self, data: &[u8], _: u32, out: &mut Vec<u8>) -> Result<()> {
        // One byte longer than the block: the writer keeps the block stored.
        out.push(0xAA);
        out.extend_from_slice(data);
        Ok(())
    }
    fn apply_delta(
        &mut self,
        patch: &[u8],
        source: &[u8],
        _: u32,
        n: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        // patch = xor with the source, then the target tail past the source.
        for (i, p) in patch.iter().enumerate() {
            out.push(p ^ source.get(i).copied().unwrap_or(0));
        }
        assert_eq!(patch.len(), n);
        Ok(())
    }
    fn create_delta(
        &mut self,
        source: &[u8],
        target: &[u8],
        _: u32,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        for (i, t) in target.iter().enumerate() {
            out.push(t ^ source.get(i).copied().unwrap_or(0));
        }
        Ok(())
    }
}

#[test]
fn compressed_blocks_go_through_the_codec() {
    // The marker codec never makes a block smaller, so compress keeps every
    // block stored; build compressed blocks by hand instead.
    let data = generate::full_details_bytes(200, 1).unwrap();
    let mut f = CompressedFile::compress(&data, 4096, Some(&mut Marker)).unwrap();
    assert!(f.blocks.iter().all(|b| b.flags == LzxBlock::UNCOMPRESSED));
    for b in &mut f.blocks {
        b.flags = LzxBlock::COMPRESSED;
        b.data.insert(0, 0xAA);
    }
    let bytes = f.to_vec().unwrap();
    let back = CompressedFile::decode_exact(&bytes).unwrap();
    assert_eq!(back, f);
    let (out, defects) = back
        .decompress(&mut Marker, &DecodeOptions::strict())
        .unwrap();
    assert!(defects.is_empty());
    assert_eq!(out, data);
    // Without a codec, compressed blocks are refused as unsupported.
    let err = back
        .decompress(&mut NoLzx, &DecodeOptions::default())
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Unsupported(_)), "{err}");
}

#[test]
fn a_patch_between_two_generations_applies_to_the_new_file() {
    let old = generate::full_details_bytes(300, 1).unwrap();
    let mut newer = generate::full_details(310, 2);
    newer.records.remove(17);
    newer.records[5].set(tags::PidTagTitle, PropertyValue::String("Chief".into()));
    let new = newer.finalize().unwrap();
    let p = PatchFile::create(&old, &new, 8192, &mut Marker).unwrap();
    let bytes = p.to_vec().unwrap();
    assert_eq!(PatchFile::decode_exact(&bytes).unwrap(), p);
    assert_eq!(
        ms_oxoab::apply_patch(&old, &bytes, &mut Marker).unwrap(),
        new
    );
    // A patch applied to the wrong source fails its size check.
    assert!(ms_oxoab::apply_patch(&new, &bytes, &mut Marker).is_err());
    // No codec: unsupported.
    assert!(matches!(
        ms_oxoab::apply_patch(&old, &bytes, &mut NoLzx)
            .unwrap_err()
            .kind(),
        ErrorKind::Unsupported(_)
    ));
}

#[test]
fn a_bad_block_crc_is_a_defect_or_an_error() {
    let data = b"0123456789".repeat(100);
    let mut f = CompressedFile::compress(&data, 256, None).unwrap();
    f.blocks[2].crc ^= 1;
    let (out, defects) = f.decompress(&mut NoLzx, &DecodeOptions::default()).unwrap();
    assert_eq!(out, data);
    assert_eq!(defects.len(), 1);
    let err = f
        .decompress(&mut NoLzx, &DecodeOptions::strict())
        .unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::ChecksumMismatch { .. }));
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
    assert_eq!(
        back.decompress(&msox_codec::Limits::default()).unwrap(),
        data
    );
    // Each block really uses the history: decompressing block 2 alone fails.
    let mut alone = back.clone();
    alone.blocks.drain(..1);
    alone.header.target_size -= f.blocks[0].uncompressed_size;
    assert!(alone.decompress(&msox_codec::Limits::default()).is_err());
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
        let tm = back.template(*slot).unwrap().unwrap();
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
