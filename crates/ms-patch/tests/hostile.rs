//! Hostile LZX input: the uniform hostile suite of every entry point
//! (truncations, mutations, starved budgets, strict and lenient), and
//! bad block types, oversubscribed trees, offsets before the start of the
//! data, output caps, absurd declared sizes: errors with offsets and
//! paths, never panics, never more output or memory than allowed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_patch::lzxd::{LzxdFile, LzxdPatch};
use ms_patch::{
    Base, FileOptions, LzxBlockHeader, LzxHeader, Patch, PatchBlockHeader, PatchHeader,
    StreamParams, Target, WriteOptions, apply_patch, compress, compress_file, create_patch,
    decompress, decompress_file, decompress_to,
};
use msox_codec::{Decode, ErrorKind, Limits, Options};
use msox_testkit::hostile::{Suite, outcome, suite_for};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail, vector};

fn sample() -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..3000u32 {
        v.extend_from_slice(format!("line {} of {}\r\n", i % 97, i % 13).as_bytes());
    }
    v
}

/// Bare LZX and LZXD streams: the spec's example and our encoder's
/// streams (each suite has one output size, as a container would give).
#[test]
fn hostile_suite_patch_lzx_decode() {
    let spec = vector("patch", "spec-3-uncompressed-abc");
    Suite::new("patch_lzx_decode").run(&[spec.bytes], |b, o| {
        outcome(decompress(b, 3, &StreamParams::lzxd(17), &[], o))
    });
    let data = sample();
    for (params, level) in [
        (StreamParams::lzxd(17), 6),
        (StreamParams::lzx(15), 1),
        (StreamParams::lzx(16), 9),
    ] {
        let mut opts = ms_patch::EncodeOptions::level(level);
        opts.e8_translation = Some(100_000);
        let z = compress(&data[..5000], &params, &[], &opts).unwrap();
        Suite::new("patch_lzx_decode")
            .run(&[z], |b, o| outcome(decompress(b, 5000, &params, &[], o)));
    }
    // The streaming form over a window that slides.
    let z = compress(&data, &StreamParams::lzx(15), &[], &Default::default()).unwrap();
    let n = data.len();
    let mut suite = Suite::new("patch_lzx_decode_to");
    suite.mutations = 64;
    suite.run(&[z], |b, o| {
        let mut sink = msox_codec::CountingSink::default();
        outcome(decompress_to(
            b,
            n,
            &StreamParams::lzx(15),
            &[],
            o,
            &mut sink,
        ))
    });
}

/// LZX DELTA patches applied to their base: the vector and one of ours.
#[test]
fn hostile_suite_patch_delta_apply() {
    let v = vector("patch", "patch-text");
    let base = v.meta("base").as_bytes().to_vec();
    Suite::new("patch_delta_apply").run(std::slice::from_ref(&v.bytes), |b, o| {
        outcome(apply_patch(Base(&base), Patch(b), o))
    });
    let data = sample();
    let old = &data[..20_000];
    let p = create_patch(Base(old), Target(&data[..30_000]), &WriteOptions::level(6)).unwrap();
    Suite::new("patch_delta_apply").run(&[p], |b, o| outcome(apply_patch(Base(old), Patch(b), o)));
}

/// LZXD files: the vectors and one of ours with stored and compressed
/// blocks.
#[test]
fn hostile_suite_patch_lzxd_file() {
    let mut samples = msox_testkit::hostile::samples("patch", |n| n.starts_with("lzxd-file"));
    let mut mixed = b"compressible ".repeat(4000);
    mixed.extend((0..60_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let opts = WriteOptions {
        block_max: 32_768,
        ..WriteOptions::level(3)
    };
    samples.push(compress_file(&mixed, &opts).unwrap());
    Suite::new("patch_lzxd_file").run(&samples, |b, o| outcome(decompress_file(b, o)));
}

/// The containers and their headers, without decompression.
#[test]
fn hostile_suite_patch_containers() {
    let files = msox_testkit::hostile::samples("patch", |n| n.starts_with("lzxd-file"));
    let patches = msox_testkit::hostile::samples("patch", |n| n.starts_with("patch-"));
    Suite::new("patch_lzxd_container").run(&files, |b, o| outcome(LzxdFile::decode_bytes(b, o)));
    Suite::new("patch_patch_container")
        .run(&patches, |b, o| outcome(LzxdPatch::decode_bytes(b, o)));
    let cut = |v: &[Vec<u8>], from: usize, n: usize| -> Vec<Vec<u8>> {
        v.iter().map(|b| b[from..from + n].to_vec()).collect()
    };
    suite_for::<LzxHeader>("patch_lzx_hdr", &cut(&files, 0, 16));
    suite_for::<LzxBlockHeader>("patch_lzx_blk", &cut(&files, 16, 16));
    suite_for::<PatchHeader>("patch_patch_hdr", &cut(&patches, 0, 28));
    suite_for::<PatchBlockHeader>("patch_patch_blk", &cut(&patches, 28, 16));
}

#[test]
fn truncated_files_fail() {
    let data = sample();
    let f = compress_file(&data, &WriteOptions::level(6)).unwrap();
    assert_truncations_fail(&f, "lzxd file", |b| {
        decompress_file(b, &Options::lenient()).map(drop)
    });
    let p = create_patch(
        Base(&data[..20_000]),
        Target(&data),
        &WriteOptions::level(6),
    )
    .unwrap();
    assert_truncations_fail(&p, "patch", |b| {
        apply_patch(Base(&data[..20_000]), Patch(b), &Options::lenient()).map(drop)
    });
}

#[test]
fn mutated_streams_never_panic() {
    let data = sample();
    let params = StreamParams::lzxd(17);
    let z = compress(&data, &params, &[], &Default::default()).unwrap();
    let opts = Options::fuzzing();
    assert_no_panic_on_mutations(&z, "lzxd stream", 400, |b| {
        decompress(b, data.len(), &params, &[], &opts)
    });
    let cab = StreamParams::lzx(15);
    let z = compress(&data, &cab, &[], &Default::default()).unwrap();
    assert_no_panic_on_mutations(&z, "lzx stream", 400, |b| {
        decompress(b, data.len(), &cab, &[], &opts)
    });
    let f = compress_file(&data, &WriteOptions::level(3)).unwrap();
    assert_no_panic_on_mutations(&f, "lzxd file", 300, |b| decompress_file(b, &opts));
}

#[test]
fn bad_block_type_is_invalid_value() {
    // Chunk size, E8 bit 0, block type 0.
    let bytes = [0x04, 0x00, 0x00, 0x00, 0x00, 0x00];
    let e = decompress(
        &bytes,
        10,
        &StreamParams::lzxd(17),
        &[],
        &Options::lenient(),
    )
    .unwrap_err();
    assert!(
        matches!(
            e.kind(),
            ErrorKind::InvalidValue {
                field: "Block Type",
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.path().to_string(), "Chunk[0] > BlockHeader");
}

#[test]
fn oversubscribed_pretree_is_rejected() {
    // Verbatim block whose pretree gives 20 symbols length 1.
    let mut w = ms_patch::bits::BitWriter::new();
    w.write(0, 1);
    w.write(1, 3);
    w.write(0, 16);
    w.write(100, 8);
    for _ in 0..20 {
        w.write(1, 4);
    }
    w.align_word();
    let e = decompress(
        &w.out,
        100,
        &StreamParams::lzx(15),
        &[],
        &Options::lenient(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("oversubscribed"), "{e}");
    assert_eq!(e.path().to_string(), "Chunk[0] > MainTree > pretree");
}

#[test]
fn offset_before_the_data_is_rejected() {
    // A stream made with reference data, decoded without it.
    let old = sample();
    let params = StreamParams::lzxd(18);
    let z = compress(&old, &params, &old, &Default::default()).unwrap();
    let e = decompress(&z, old.len(), &params, &[], &Options::lenient()).unwrap_err();
    assert!(e.offset().unwrap() <= z.len());
    assert_eq!(
        decompress(&z, old.len(), &params, &old, &Options::strict())
            .unwrap()
            .value,
        old
    );
}

#[test]
fn output_cap_and_declared_sizes() {
    let data = vec![7u8; 1 << 20];
    let f = compress_file(&data, &WriteOptions::default()).unwrap();
    let small = Options::lenient().with_limits(Limits::DEFAULT.with_max_output(1000));
    let e = decompress_file(&f, &small).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_eq!(
        (e.offset(), e.path().to_string()),
        (Some(12), "LZX_HDR".into())
    );
    // A header promising 4 GiB from 16 bytes is refused before allocating.
    let mut h = vec![3, 0, 0, 0, 1, 0, 0, 0];
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(
        decompress_file(&h, &Options::fuzzing())
            .unwrap_err()
            .is_limit()
    );
    // A bare stream asked for 1 GiB out of 6 bytes fails fast.
    let e = decompress(
        &[0, 0, 0, 0, 0, 0],
        1 << 30,
        &StreamParams::lzxd(17),
        &[],
        &Options::fuzzing(),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
    // The output of a small stream is capped relative to its input.
    let z = compress(&data, &StreamParams::lzxd(17), &[], &Default::default()).unwrap();
    let ratio = Limits {
        max_ratio: 10,
        ratio_floor: 1000,
        ..Limits::DEFAULT
    };
    let e = decompress(
        &z,
        data.len(),
        &StreamParams::lzxd(17),
        &[],
        &Options::lenient().with_limits(ratio),
    )
    .unwrap_err();
    assert!(e.is_limit(), "{e}");
}

#[test]
fn crc_mismatch_is_reported() {
    let data = sample();
    let mut f = compress_file(&data, &WriteOptions::default()).unwrap();
    f[28] ^= 1; // ulCRC of the first block
    let e = decompress_file(&f, &Options::strict()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::ChecksumMismatch { .. }),
        "{e}"
    );
    assert_eq!(
        (e.offset(), e.path().to_string()),
        (Some(28), "LZX_BLK[0]".into())
    );
    let d = decompress_file(&f, &Options::lenient()).unwrap();
    assert_eq!(d.value, data);
    assert_eq!(d.defects.len(), 1);
    let mut out = Vec::new();
    let no_crc = FileOptions {
        verify_crc: false,
        ..FileOptions::default()
    };
    ms_patch::decompress_file_to(&f, &Options::strict(), &no_crc, &mut out).unwrap();
    assert_eq!(out, data);
}

#[test]
fn bad_window_sizes_are_refused() {
    for bits in [0u8, 14, 22, 26] {
        let r = decompress(
            &[0; 8],
            1,
            &StreamParams::lzx(bits),
            &[],
            &Options::lenient(),
        );
        assert!(r.is_err(), "{bits}");
    }
    assert!(
        decompress(
            &[0; 8],
            1,
            &StreamParams::lzxd(26),
            &[],
            &Options::lenient()
        )
        .is_err()
    );
}

#[test]
fn empty_blocks_do_not_end_a_file_early() {
    // ulTargetSize 10, then one empty block and the end of the input: the
    // other 10 bytes are missing (an error, as in libmspack and ms-oxoab),
    // not an empty result.
    let mut f = vec![3, 0, 0, 0, 1, 0, 0, 0, 16, 0, 0, 0, 10, 0, 0, 0];
    f.extend_from_slice(&[0; 12]);
    f.extend_from_slice(&u32::MAX.to_le_bytes()); // CRC of nothing
    let e = decompress_file(&f, &Options::lenient()).unwrap_err();
    assert!(e.is_unexpected_end());
    assert_eq!(e.path().to_string(), "LZX_BLK[1]");
    let mut p = vec![3, 0, 0, 0, 2, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0];
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    p.extend_from_slice(&[0; 12]);
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(apply_patch(Base(b""), Patch(&p), &Options::lenient()).is_err());
}

/// A stream must use its input exactly: bytes after it and bytes missing
/// at its end (read as zeros) are defects.
#[test]
fn stream_ends_are_checked() {
    let data = sample();
    let params = StreamParams::lzxd(17);
    let mut z = compress(&data, &params, &[], &Default::default()).unwrap();
    z.extend_from_slice(&[0, 0]);
    let e = decompress(&z, data.len(), &params, &[], &Options::strict()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::TrailingBytes { count: 2 }),
        "{e}"
    );
    assert_eq!(e.offset(), Some(z.len() - 2));
    let d = decompress(&z, data.len(), &params, &[], &Options::lenient()).unwrap();
    assert_eq!(d.value, data);
    assert_eq!(d.defects.len(), 1);
    // Without its last 16-bit word.
    let cut = &z[..z.len() - 4];
    assert!(decompress(cut, data.len(), &params, &[], &Options::strict()).is_err());
    // An uncompressed block's bytes cannot be made up.
    let spec = vector("patch", "spec-3-uncompressed-abc").bytes;
    let cut = &spec[..spec.len() - 2];
    let e = decompress(cut, 3, &params, &[], &Options::lenient()).unwrap_err();
    assert_eq!(e.path().to_string(), "Chunk[0] > UncompressedBlock");
}

/// A patch applied to a base of the wrong size: strict refuses it,
/// lenient uses the base as it is and says so.
#[test]
fn base_of_the_wrong_size() {
    let data = sample();
    let old = &data[..20_000];
    let p = create_patch(Base(old), Target(&data[..30_000]), &WriteOptions::level(6)).unwrap();
    let longer = &data[..20_001];
    let e = apply_patch(Base(longer), Patch(&p), &Options::strict()).unwrap_err();
    assert_eq!(
        (e.offset(), e.path().to_string()),
        (Some(12), "PATCH_HDR".into())
    );
    let d = apply_patch(Base(longer), Patch(&p), &Options::lenient()).unwrap();
    assert_eq!(d.value, &data[..30_000]);
    assert_eq!(d.defects.len(), 1);
}

/// The prefix form (a CHM section read up to what its files need), with a
/// reset interval: only the first bytes are decoded, the rest of the input
/// is not looked at (so a cut after them still reads).
#[test]
fn hostile_suite_patch_lzx_stream_prefix() {
    let data = sample();
    let params = StreamParams {
        reset_interval: 2,
        ..StreamParams::lzx(16)
    };
    // Encoded without resets: one reset interval holds the stream.
    let z = compress(&data, &StreamParams::lzx(16), &[], &Default::default()).unwrap();
    let mut suite = Suite::new("patch_lzx_stream_prefix").prefixes_may_decode();
    suite.mutations = 64;
    suite.run(&[z], |b, o| {
        let mut r = msox_codec::Reader::with_options(b, o);
        let mut sink = msox_codec::CountingSink::default();
        ms_patch::read_stream_prefix(&mut r, 40_000, &params, &[], &mut sink)?;
        Ok(r.into_decoded(()).defects)
    });
}

/// Read from a `Read`, a block whose ulCompSize says 4 GiB, with a caller
/// that does not know the input's size: the buffer grows only with the
/// bytes there are, and the short block is the slice form's error.
#[test]
fn a_lying_block_size_costs_only_the_bytes_read() {
    let header = LzxHeader {
        version_hi: 3,
        version_lo: 1,
        block_max: 1 << 20,
        target_size: 1 << 20,
    };
    let mut file = header.to_bytes().to_vec();
    // LZX_BLK: ulFlags 1 (compressed), ulCompSize 0xFFFFFFF0, ulUncompSize, ulCRC.
    for w in [1u32, 0xFFFF_FFF0, 1 << 20, 0] {
        file.extend_from_slice(&w.to_le_bytes());
    }
    file.extend_from_slice(&[0x55; 100]);
    let mut out = Vec::new();
    let streamed = ms_patch::decompress_file_from(
        std::io::Cursor::new(&file),
        usize::MAX,
        &Options::lenient(),
        &FileOptions::default(),
        &mut out,
    )
    .unwrap_err();
    let slice = ms_patch::decompress_file_to(
        &file,
        &Options::lenient(),
        &FileOptions::default(),
        &mut out,
    )
    .unwrap_err();
    assert!(
        matches!(streamed.kind(), ErrorKind::UnexpectedEnd { .. }),
        "{streamed}"
    );
    assert_eq!(streamed.kind(), slice.kind());
    assert_eq!(streamed.offset(), slice.offset());
}
