//! Hostile MSZIP input: truncation, mutation, bad signatures, output caps,
//! oversized blocks, and cabinets with absurd counts.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_mci::cab::Cabinet;
use ms_mci::{MszipDecoder, compress, decompress, decompress_with};
use msox_codec::{ErrorKind, Limits};
use msox_testkit::{
    assert_no_panic_on_mutations, assert_truncations_fail, assert_truncations_never_panic, vectors,
};

#[test]
fn truncated_streams_fail_and_mutations_never_panic() {
    for v in vectors("mci") {
        // A multi-block stream cut at a block boundary is itself valid.
        if v.name.starts_with("two-blocks") {
            assert_truncations_never_panic(&v.bytes, &v.name, decompress);
            continue;
        }
        // Every proper prefix of a one-block stream fails.
        assert_truncations_fail(&v.bytes[..v.bytes.len().min(2000)], &v.name, |b| {
            if b.is_empty() {
                return Err(());
            }
            decompress(b).map(drop).map_err(drop)
        });
        assert_no_panic_on_mutations(&v.bytes, &v.name, 200, decompress);
    }
}

#[test]
fn bad_signature_is_rejected() {
    let mut c = compress(b"data data data", 6);
    c[1] = b'X';
    assert!(matches!(
        decompress(&c).unwrap_err().kind(),
        ErrorKind::BadSignature { .. }
    ));
}

#[test]
fn output_cap_is_enforced() {
    let c = compress(&vec![0u8; 1 << 20], 9);
    let limits = Limits {
        max_output: 100_000,
        ..Limits::DEFAULT
    };
    assert!(matches!(
        decompress_with(&c, &limits).unwrap_err().kind(),
        ErrorKind::LimitExceeded { .. }
    ));
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
    assert!(dec.decode_block(&c, 40000, &mut out).is_err());
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
    let e = Cabinet::parse(&cab, &Limits::DEFAULT).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::LimitExceeded { .. }), "{e}");
    assert_no_panic_on_mutations(&cab, "cab", 100, |b| {
        Cabinet::parse(b, &Limits::DEFAULT).map(|c| {
            for i in 0..c.folders.len() {
                let _ = c.folder_data(i, &Limits::fuzzing());
            }
        })
    });
}
