//! Hostile MSZIP input and cabinets: the uniform hostile suite of every
//! entry point (truncations, mutations, starved budgets, strict and
//! lenient), plus bad signatures, output caps, oversized blocks, blocks
//! with a missing final flag or bytes after their deflate stream, and
//! cabinets with absurd counts.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_mci::cab::{Cabinet, Compression};
use ms_mci::{MszipDecoder, compress, decompress};
use msox_codec::{Decode, ErrorKind, Limits, Options, Reader};
use msox_testkit::hostile::{Outcome, Suite, outcome};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, corpus, vectors};

/// The cabinet entry point as the CLI uses it: decode the cabinet, then
/// extract every stored or MSZIP folder; the defects of both.
fn cab_outcome(bytes: &[u8], o: &Options) -> Outcome {
    let d = Cabinet::decode_bytes(bytes, o)?;
    let mut defects = d.defects;
    for (i, f) in d.value.folders.iter().enumerate() {
        if matches!(f.compression(), Compression::None | Compression::Mszip) {
            defects.extend(d.value.folder_data(i, o)?.defects);
        }
    }
    Ok(defects)
}

#[test]
fn hostile_suite_mci_mszip_decode() {
    let samples = msox_testkit::hostile::samples("mci", |n| !n.starts_with("cab-"));
    // A concatenation cut at a block boundary (or before the first block)
    // is itself a valid stream.
    Suite::new("mci_mszip_decode")
        .prefixes_may_decode()
        .run(&samples, |b, o| outcome(decompress(b, o)));
}

#[test]
fn hostile_suite_mci_cab() {
    let mut samples = msox_testkit::hostile::samples("mci", |n| n.starts_with("cab-"));
    // Small real cabinets: reserved areas, stored and MSZIP folders.
    for e in corpus::files("cab-mszip", &[".cab"])
        .into_iter()
        .chain(corpus::files("lzx", &[".cab"]))
    {
        if e.size <= 2048 && !e.notes.contains("bad input") {
            samples.push(std::fs::read(&e.path).unwrap());
        }
    }
    Suite::new("mci_cab").run(&samples, cab_outcome);
}

#[test]
fn truncated_one_block_streams_fail() {
    for v in vectors("mci") {
        if v.name.starts_with("cab-")
            || v.name.starts_with("two-blocks")
            || v.expected_error.is_some()
        {
            continue;
        }
        // Every proper, non-empty prefix of a one-block stream fails.
        assert_truncations_fail(&v.bytes[..v.bytes.len().min(2000)], &v.name, |b| {
            if b.is_empty() {
                return Err(());
            }
            decompress(b, &Options::strict()).map(drop).map_err(drop)
        });
        assert_no_panic_on_mutations(&v.bytes, &v.name, 200, |b| {
            decompress(b, &Options::lenient())
        });
    }
}

#[test]
fn bad_signature_is_rejected() {
    let mut c = compress(b"data data data", 6);
    c[1] = b'X';
    let e = decompress(&c, &Options::lenient()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }));
    assert_eq!(e.offset(), Some(0));
    assert_eq!(e.path().to_string(), "MszipBlock[0]");
}

#[test]
fn output_cap_is_enforced() {
    let c = compress(&vec![0u8; 1 << 20], 9);
    let limits = Limits::DEFAULT.with_max_output(100_000);
    let e = decompress(&c, &Options::lenient().with_limits(limits)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    // The ratio rule: a small input may not expand without bound.
    let ratio = Limits {
        max_ratio: 10,
        ratio_floor: 1000,
        ..Limits::DEFAULT
    };
    assert!(
        decompress(&c, &Options::lenient().with_limits(ratio))
            .unwrap_err()
            .is_limit()
    );
}

#[test]
fn block_size_mismatch_is_an_error() {
    let data = b"0123456789".repeat(100);
    let c = compress(&data, 6);
    let mut dec = MszipDecoder::new();
    let mut out = Vec::new();
    assert!(dec.decode_block(&c, data.len() - 1, &mut out).is_err());
    let mut dec = MszipDecoder::new();
    assert!(dec.decode_block(&c, data.len() + 1, &mut out).is_err());
    let mut dec = MszipDecoder::new();
    let e = dec.decode_block(&c, 40000, &mut out).unwrap_err();
    assert!(e.is_limit());
    assert!(out.is_empty());
}

/// A framed block whose deflate stream has no final block, or is followed
/// by padding: strict refuses, lenient reads it and reports a defect.
#[test]
fn unterminated_and_padded_blocks_are_defects() {
    // "abc" as a stored deflate block *not* marked final.
    let unterminated = [b'C', b'K', 0x00, 0x03, 0x00, 0xFC, 0xFF, b'a', b'b', b'c'];
    let mut out = Vec::new();
    assert!(
        MszipDecoder::new()
            .decode_block(&unterminated, 3, &mut out)
            .is_err()
    );
    let mut r = Reader::with_options(&unterminated, &Options::lenient());
    MszipDecoder::new().read_block(&mut r, 3, &mut out).unwrap();
    assert_eq!(out, b"abc");
    let d = r.into_session().take_defects();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path().to_string(), "MszipBlock");

    let mut padded = compress(b"abc", 6);
    padded.extend_from_slice(&[0, 0]);
    let e = MszipDecoder::new()
        .decode_block(&padded, 3, &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    let mut r = Reader::with_options(&padded, &Options::lenient());
    let mut out = Vec::new();
    MszipDecoder::new().read_block(&mut r, 3, &mut out).unwrap();
    assert_eq!(out, b"abc");
    assert!(r.is_empty());
    assert_eq!(r.defects().len(), 1);
}

#[test]
fn cabinet_with_huge_counts_is_limited() {
    // MSCF header claiming 65535 folders and files in 40 bytes.
    let mut cab = b"MSCF".to_vec();
    cab.extend_from_slice(&[0; 4]);
    cab.extend_from_slice(&40u32.to_le_bytes());
    cab.extend_from_slice(&[0; 4]);
    cab.extend_from_slice(&36u32.to_le_bytes());
    cab.extend_from_slice(&[0; 4]);
    cab.extend_from_slice(&[3, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0]);
    let e = Cabinet::decode_bytes(&cab, &Options::lenient()).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(e.offset(), Some(36));
    assert_no_panic_on_mutations(&cab, "cab", 100, |b| cab_outcome(b, &Options::fuzzing()));
}

#[test]
fn cabinet_errors_have_offsets_and_paths() {
    let v = msox_testkit::vector("mci", "cab-mszip-two-files");
    // coffFiles past the end of the cabinet.
    let mut bad = v.bytes.clone();
    bad[16..20].copy_from_slice(&0xFFFFu32.to_le_bytes());
    let e = Cabinet::decode_bytes(&bad, &Options::lenient()).unwrap_err();
    assert_eq!(e.to_string(), "invalid coffFiles 0xFFFF at byte 16");
    // iFolder naming no folder: a defect in lenient mode.
    let mut bad = v.bytes.clone();
    let coff = u32::from_le_bytes(bad[16..20].try_into().unwrap()) as usize;
    bad[coff + 8] = 7;
    assert!(Cabinet::decode_bytes(&bad, &Options::strict()).is_err());
    let d = Cabinet::decode_bytes(&bad, &Options::lenient()).unwrap();
    assert_eq!(
        d.defects[0].to_string(),
        format!(
            "invalid iFolder 0x7 at byte {} in CFFILE[0]; file entry kept; it has no folder to be extracted from",
            coff + 8
        )
    );
    // A cabinet cut short: cbCabinet is past the end (strict), and in
    // lenient mode the CFDATA block itself is cut.
    let cut = &v.bytes[..v.bytes.len() - 1];
    let e = Cabinet::decode_bytes(cut, &Options::strict()).unwrap_err();
    assert_eq!(e.path().to_string(), "CFHEADER");
    let e = Cabinet::decode_bytes(cut, &Options::lenient()).unwrap_err();
    assert_eq!(e.path().to_string(), "CFFOLDER[0] > CFDATA[0]");
    assert!(e.is_unexpected_end());
}

/// A corrupt MSZIP block inside a cabinet: the error points into the
/// cabinet, inside its CFDATA.
#[test]
fn folder_errors_point_into_the_cabinet() {
    let v = msox_testkit::vector("mci", "cab-mszip-two-files");
    let cab = Cabinet::decode_bytes(&v.bytes, &Options::strict())
        .unwrap()
        .value;
    let data_at = cab.data_blocks(0).unwrap()[0].offset;
    let mut bad = v.bytes.clone();
    bad[data_at] = b'X';
    let cab = Cabinet::decode_bytes(&bad, &Options::lenient())
        .unwrap()
        .value;
    let e = cab.folder_data(0, &Options::lenient()).unwrap_err();
    assert_eq!(e.offset(), Some(data_at));
    assert_eq!(e.path().to_string(), "CFFOLDER[0] > CFDATA[0] > MszipBlock");
    // The output budget of a folder is relative to the cabinet's size.
    let starved = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(10));
    assert!(cab.folder_data(0, &starved).is_err());
}

/// A file name longer than the spec's 255 bytes: strict refuses it,
/// lenient keeps it as read.
#[test]
fn long_names_are_defects() {
    let v = msox_testkit::vector("mci", "cab-stored");
    let cab = Cabinet::decode_bytes(&v.bytes, &Options::strict())
        .unwrap()
        .value;
    let name_at = cab.header.coff_files as usize + 16;
    let old_len = cab.files[0].name.len();
    // Rebuild the cabinet with a 300-byte name: later offsets move.
    let grow = 300 - old_len;
    let mut bytes = v.bytes[..name_at].to_vec();
    bytes.extend(std::iter::repeat_n(b'n', 300));
    bytes.extend_from_slice(&v.bytes[name_at + old_len..]);
    let cb = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) + grow as u32;
    bytes[8..12].copy_from_slice(&cb.to_le_bytes());
    let folder_at = 36;
    let start =
        u32::from_le_bytes(bytes[folder_at..folder_at + 4].try_into().unwrap()) + grow as u32;
    bytes[folder_at..folder_at + 4].copy_from_slice(&start.to_le_bytes());
    let e = Cabinet::decode_bytes(&bytes, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(name_at));
    assert_eq!(e.path().to_string(), "CFFILE[0] > szName");
    let d = Cabinet::decode_bytes(&bytes, &Options::lenient()).unwrap();
    assert_eq!(d.value.files[0].name.len(), 300);
    assert_eq!(d.defects.len(), 1);
    assert_eq!(
        d.value.folder_data(0, &Options::strict()).unwrap().value,
        b"stored data, no compression\r\n"
    );
}
