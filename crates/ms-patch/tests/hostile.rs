//! Hostile LZX input: truncation at every offset, bit flips, bad block
//! types, oversubscribed trees, offsets before the start of the data,
//! output caps, absurd declared sizes: errors, never panics, never more
//! output or memory than allowed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_patch::{
    DecodeOptions, FileOptions, StreamParams, WriteOptions, apply_patch, compress, compress_file,
    create_patch, decompress, decompress_file,
};
use msox_codec::{ErrorKind, Limits};
use msox_testkit::{assert_no_panic_on_mutations, assert_truncations_fail};

fn sample() -> Vec<u8> {
    let mut v = Vec::new();
    for i in 0..3000u32 {
        v.extend_from_slice(format!("line {} of {}\r\n", i % 97, i % 13).as_bytes());
    }
    v
}

#[test]
fn truncated_files_fail() {
    let data = sample();
    let f = compress_file(&data, &WriteOptions::level(6)).unwrap();
    assert_truncations_fail(&f, "lzxd file", |b| {
        decompress_file(b, &FileOptions::default()).map(drop)
    });
    let p = create_patch(&data[..20_000], &data, &WriteOptions::level(6)).unwrap();
    assert_truncations_fail(&p, "patch", |b| {
        apply_patch(b, &data[..20_000], &FileOptions::default()).map(drop)
    });
}

#[test]
fn mutated_streams_never_panic() {
    let data = sample();
    let params = StreamParams::lzxd(17);
    let z = compress(&data, &params, &[], &Default::default()).unwrap();
    let opts = DecodeOptions::from_limits(&Limits::fuzzing());
    assert_no_panic_on_mutations(&z, "lzxd stream", 400, |b| {
        decompress(b, data.len(), &params, &[], &opts)
    });
    let cab = StreamParams::lzx(15);
    let z = compress(&data, &cab, &[], &Default::default()).unwrap();
    assert_no_panic_on_mutations(&z, "lzx stream", 400, |b| {
        decompress(b, data.len(), &cab, &[], &opts)
    });
    let f = compress_file(&data, &WriteOptions::level(3)).unwrap();
    assert_no_panic_on_mutations(&f, "lzxd file", 300, |b| {
        decompress_file(b, &FileOptions::from_limits(&Limits::fuzzing()))
    });
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
        &Default::default(),
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
        &Default::default(),
    )
    .unwrap_err();
    assert!(e.to_string().contains("oversubscribed"), "{e}");
}

#[test]
fn offset_before_the_data_is_rejected() {
    // A stream made with reference data, decoded without it.
    let old = sample();
    let params = StreamParams::lzxd(18);
    let z = compress(&old, &params, &old, &Default::default()).unwrap();
    assert!(decompress(&z, old.len(), &params, &[], &Default::default()).is_err());
    assert_eq!(
        decompress(&z, old.len(), &params, &old, &Default::default()).unwrap(),
        old
    );
}

#[test]
fn output_cap_and_declared_sizes() {
    let data = vec![7u8; 1 << 20];
    let f = compress_file(&data, &WriteOptions::default()).unwrap();
    let small = FileOptions {
        max_output: 1000,
        verify_crc: true,
    };
    assert!(matches!(
        decompress_file(&f, &small).unwrap_err().kind(),
        ErrorKind::LimitExceeded { .. }
    ));
    // A header promising 4 GiB from 16 bytes is refused before allocating.
    let mut h = vec![3, 0, 0, 0, 1, 0, 0, 0];
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    h.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(decompress_file(&h, &FileOptions::from_limits(&Limits::fuzzing())).is_err());
    // A bare stream asked for 1 GiB out of 6 bytes fails fast.
    let e = decompress(
        &[0, 0, 0, 0, 0, 0],
        1 << 30,
        &StreamParams::lzxd(17),
        &[],
        &DecodeOptions::from_limits(&Limits::fuzzing()),
    )
    .unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }));
}

#[test]
fn crc_mismatch_is_reported() {
    let data = sample();
    let mut f = compress_file(&data, &WriteOptions::default()).unwrap();
    f[28] ^= 1; // ulCRC of the first block
    let e = decompress_file(&f, &FileOptions::default()).unwrap_err();
    assert!(
        matches!(e.kind(), ErrorKind::ChecksumMismatch { .. }),
        "{e}"
    );
    let lenient = FileOptions {
        verify_crc: false,
        ..FileOptions::default()
    };
    assert_eq!(decompress_file(&f, &lenient).unwrap(), data);
}

#[test]
fn bad_window_sizes_are_refused() {
    for bits in [0u8, 14, 22, 26] {
        let r = decompress(
            &[0; 8],
            1,
            &StreamParams::lzx(bits),
            &[],
            &Default::default(),
        );
        assert!(r.is_err(), "{bits}");
    }
    assert!(
        decompress(
            &[0; 8],
            1,
            &StreamParams::lzxd(26),
            &[],
            &Default::default()
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
    assert!(decompress_file(&f, &FileOptions::default()).is_err());
    let mut p = vec![3, 0, 0, 0, 2, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0];
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    p.extend_from_slice(&[0; 12]);
    p.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(ms_patch::apply_patch(&p, b"", &FileOptions::default()).is_err());
}
