//! Encoder round trips: every dialect, level and shape of data decodes
//! back to itself with our decoder; LZXD files and patches too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use ms_patch::encode::EncodeOptions;
use ms_patch::{
    Base, FileOptions, Patch, StreamParams, Target, WriteOptions, apply_patch_to, compress,
    compress_file, decompress_to,
};
use msox_codec::{Options, Result};

/// The one-shot decoder, strict (a clean stream has no defects).
fn decompress(z: &[u8], n: usize, params: &StreamParams, reference: &[u8]) -> Result<Vec<u8>> {
    let d = ms_patch::decompress(z, n, params, reference, &Options::strict())?;
    assert!(d.is_clean());
    // The streaming decoder gives the same bytes.
    let mut streamed = Vec::new();
    decompress_to(z, n, params, reference, &Options::strict(), &mut streamed)?;
    assert!(streamed == d.value, "streamed output differs");
    Ok(d.value)
}

fn decompress_file(f: &[u8]) -> Result<Vec<u8>> {
    ms_patch::decompress_file(f, &Options::strict()).map(|d| d.value)
}

fn apply_patch(p: &[u8], base: &[u8]) -> Result<Vec<u8>> {
    ms_patch::apply_patch(Base(base), Patch(p), &Options::strict()).map(|d| d.value)
}

fn create_patch(old: &[u8], new: &[u8], o: &WriteOptions) -> Result<Vec<u8>> {
    ms_patch::create_patch(Base(old), Target(new), o)
}

fn rng(seed: u64) -> impl FnMut() -> u64 {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    }
}

fn text(n: usize, seed: u64) -> Vec<u8> {
    let words = [
        "the ",
        "offline ",
        "address ",
        "book ",
        "of ",
        "Exchange ",
        "is ",
        "compressed ",
        "with ",
        "LZX ",
        "and ",
        "patched ",
        "by ",
        "delta ",
        "files\r\n",
        "mailbox ",
        "42 ",
        "user@example.com ",
    ];
    let mut r = rng(seed);
    let mut out = Vec::with_capacity(n + 32);
    while out.len() < n {
        out.extend_from_slice(words[(r() % words.len() as u64) as usize].as_bytes());
    }
    out.truncate(n);
    out
}

fn random(n: usize, seed: u64) -> Vec<u8> {
    let mut r = rng(seed);
    (0..n).map(|_| r() as u8).collect()
}

fn binary(n: usize, seed: u64) -> Vec<u8> {
    // Structured records with small integers, E8 bytes and repeats.
    let mut r = rng(seed);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let k = r();
        out.extend_from_slice(&(k as u32 % 1000).to_le_bytes());
        out.push(0xE8);
        out.extend_from_slice(&((k >> 32) as u32 % 65536).to_le_bytes());
        out.extend_from_slice(&[0, 0, 1, (k >> 8) as u8]);
    }
    out.truncate(n);
    out
}

fn check_stream(data: &[u8], params: StreamParams, opts: &EncodeOptions) {
    let z = compress(data, &params, &[], opts).unwrap();
    let back = decompress(&z, data.len(), &params, &[])
        .unwrap_or_else(|e| panic!("{params:?} {opts:?} len {}: {e}", data.len()));
    assert!(back == data, "{params:?} {opts:?} len {}", data.len());
}

#[test]
fn streams_round_trip() {
    let sizes = [
        0usize, 1, 2, 3, 10, 100, 32767, 32768, 32769, 100_000, 300_001,
    ];
    for &n in &sizes {
        for (kind, data) in [
            ("text", text(n, 1)),
            ("random", random(n, 2)),
            ("zeros", vec![0u8; n]),
            ("binary", binary(n, 3)),
        ] {
            for level in [1u8, 4, 9] {
                let opts = EncodeOptions::level(level);
                let _ = kind;
                check_stream(&data, StreamParams::lzx(15), &opts);
                check_stream(&data, StreamParams::lzx(21), &opts);
                check_stream(&data, StreamParams::lzxd(17), &opts);
                let mut ext = opts;
                ext.extended_lengths = true;
                check_stream(&data, StreamParams::lzxd(20), &ext);
                let mut e8 = opts;
                e8.e8_translation = Some(12_000_000);
                check_stream(&data, StreamParams::lzx(16), &e8);
            }
        }
    }
}

#[test]
fn files_and_patches_round_trip() {
    for n in [0usize, 5, 40_000, 1_000_000] {
        let data = text(n, 7);
        let f = compress_file(&data, &WriteOptions::default()).unwrap();
        assert_eq!(decompress_file(&f).unwrap(), data);
        let mut new = data.clone();
        if n > 100 {
            new[n / 2] ^= 1;
            new.splice(n / 3..n / 3, b"inserted text".iter().copied());
        }
        let p = create_patch(&data, &new, &WriteOptions::default()).unwrap();
        assert_eq!(apply_patch(&p, &data).unwrap(), new);
        if n > 100 {
            assert!(p.len() < 1000, "patch of {} bytes for n={n}", p.len());
        }
    }
}

#[test]
fn encoder_uses_every_block_type() {
    use ms_patch::{BlockType, decompress_with_blocks};
    let mut seen = std::collections::HashSet::new();
    let mut data = binary(524_288, 9);
    data.extend(random(300_000, 4));
    data.extend(text(300_000, 5));
    // 16-byte records drawn from a small set: match offsets are multiples
    // of 16, which an aligned offset block codes in fewer bits.
    let recs = random(16 * 64, 11);
    let mut r = rng(12);
    for _ in 0..40_000 {
        let i = (r() % 64) as usize;
        data.extend_from_slice(&recs[i * 16..i * 16 + 16]);
    }
    for level in 1..=9u8 {
        let params = StreamParams::lzxd(20);
        let z = compress(&data, &params, &[], &EncodeOptions::level(level)).unwrap();
        let d = decompress_with_blocks(&z, data.len(), &params, &[], &Options::strict())
            .unwrap()
            .value;
        assert!(d.data == data);
        for (t, _) in d.blocks {
            seen.insert(t);
        }
    }
    for t in [
        BlockType::Verbatim,
        BlockType::Aligned,
        BlockType::Uncompressed,
    ] {
        assert!(seen.contains(&t), "{t:?} never used: {seen:?}");
    }
}

#[test]
fn random_data_is_stored_in_uncompressed_blocks() {
    use ms_patch::{BlockType, decompress_with_blocks};
    let data = random(300_000, 4);
    let params = StreamParams::lzxd(20);
    let z = compress(&data, &params, &[], &EncodeOptions::level(6)).unwrap();
    let d = decompress_with_blocks(&z, data.len(), &params, &[], &Options::strict())
        .unwrap()
        .value;
    eprintln!("{} -> {}: {:?}", data.len(), z.len(), d.blocks);
    assert!(d.blocks.iter().all(|b| b.0 == BlockType::Uncompressed));
    assert!(z.len() < data.len() + 100);
}

#[test]
fn reset_interval_restarts_the_decoder() {
    // Two independently encoded streams of whole frames, back to back,
    // decode as one stream with a reset every 2 frames (as in CHM files).
    let a = text(2 * 32768, 21);
    let b = binary(2 * 32768, 22);
    for params in [StreamParams::lzx(16), StreamParams::lzxd(17)] {
        let mut z = compress(&a, &params, &[], &EncodeOptions::level(5)).unwrap();
        z.extend(compress(&b, &params, &[], &EncodeOptions::level(5)).unwrap());
        let mut p = params;
        p.reset_interval = 2;
        let out = decompress(&z, a.len() + b.len(), &p, &[]).unwrap();
        assert!(out[..a.len()] == a[..] && out[a.len()..] == b[..]);
        // Without the reset the second stream's header is misread.
        let r = ms_patch::decompress(&z, a.len() + b.len(), &params, &[], &Options::lenient())
            .map(|d| d.value);
        assert!(r.map_or(true, |o| o[a.len()..] != b[..]));
    }
}

#[test]
fn multi_megabyte_round_trip() {
    let mut data = text(1_500_000, 31);
    data.extend(binary(1_500_000, 32));
    data.extend(random(500_000, 33));
    data.extend(vec![0u8; 700_000]);
    data.extend(text(500_000, 31));
    for level in [1u8, 6] {
        let params = StreamParams::lzxd(22);
        let z = compress(&data, &params, &[], &EncodeOptions::level(level)).unwrap();
        assert!(z.len() < data.len() / 2, "level {level}: {}", z.len());
        let back = decompress(&z, data.len(), &params, &[]).unwrap();
        assert!(back == data, "level {level}");
        let opts = WriteOptions {
            block_max: 1 << 20,
            ..WriteOptions::level(level)
        };
        let f = compress_file(&data, &opts).unwrap();
        assert!(decompress_file(&f).unwrap() == data);
    }
}

/// PATCH_HDR's ulSourceCRC and ulTargetCRC: over the whole files by
/// default; with `crc_skip` 12 over the files after their 12-byte OAB_HDR
/// ([MS-OXOAB] 2.10.1, the rule ms-oxoab adds), and apply_patch checks
/// them the same way.
#[test]
fn patch_header_crcs_skip_what_they_are_told() {
    use ms_patch::lzxd::{PatchHeader, crc32, file_crc};
    use msox_codec::Decode;
    let mut next = rng(12);
    let old: Vec<u8> = (0..4000)
        .map(|_| b"abcdefgh"[(next() % 8) as usize])
        .collect();
    let mut new = old.clone();
    new[2000] ^= 1;
    let header = |p: &[u8]| PatchHeader::decode_prefix(p).unwrap().0;
    let whole = create_patch(&old, &new, &WriteOptions::level(3)).unwrap();
    assert_eq!(header(&whole).source_crc, crc32(&old));
    assert_eq!(header(&whole).target_crc, crc32(&new));
    assert_eq!(apply_patch(&whole, &old).unwrap(), new);

    let oab = WriteOptions {
        crc_skip: 12,
        ..WriteOptions::level(3)
    };
    let oab_read = FileOptions {
        crc_skip: 12,
        ..FileOptions::default()
    };
    let apply_oab = |p: &[u8], base: &[u8], o: &Options| {
        ms_patch::apply_patch_with(Base(base), Patch(p), o, &oab_read)
    };
    let p = create_patch(&old, &new, &oab).unwrap();
    let h = header(&p);
    assert_eq!(h.source_crc, crc32(&old[12..]));
    assert_eq!(h.target_crc, crc32(&new[12..]));
    assert_eq!(apply_oab(&p, &old, &Options::strict()).unwrap().value, new);

    // Bytes 0..12 of the source (its OAB_HDR) do not change ulSourceCRC ...
    let mut old_hdr = old.clone();
    old_hdr[..12].copy_from_slice(b"OAB_HDR here");
    let p2 = create_patch(&old_hdr, &new, &oab).unwrap();
    assert_eq!(header(&p2).source_crc, h.source_crc);
    // ... byte 12 does.
    let mut old_12 = old.clone();
    old_12[12] ^= 0x80;
    let p3 = create_patch(&old_12, &new, &oab).unwrap();
    assert_ne!(header(&p3).source_crc, h.source_crc);
    assert_eq!(header(&p3).source_crc, file_crc(&old_12, 12));

    // Read by the other rule, the header CRCs do not match: at their field.
    let e = apply_patch(&p, &old).unwrap_err();
    assert!(
        matches!(e.kind(), msox_codec::ErrorKind::ChecksumMismatch { .. }),
        "{e}"
    );
    assert_eq!(e.offset(), Some(20));
    // A wrong ulTargetCRC is reported at its offset.
    let mut bad_target = p.clone();
    bad_target[24] ^= 1;
    let e = apply_oab(&bad_target, &old, &Options::strict()).unwrap_err();
    assert_eq!(e.offset(), Some(24));
    assert_eq!(e.path().to_string(), "PATCH_HDR");
    // Lenient mode gives the output with the mismatch as a defect ...
    let d = apply_oab(&bad_target, &old, &Options::lenient()).unwrap();
    assert_eq!(d.value, new);
    assert_eq!(d.defects.len(), 1);
    assert_eq!(d.defects[0].offset(), Some(24));
    // ... and without CRC checks there is nothing to say.
    let mut out = Vec::new();
    let no_crc = FileOptions {
        verify_crc: false,
        ..FileOptions::default()
    };
    let d = apply_patch_to(
        Base(&old),
        Patch(&bad_target),
        &Options::strict(),
        &no_crc,
        &mut out,
    )
    .unwrap();
    assert!(d.is_clean());
    assert_eq!(out, new);
}

/// Files shorter than the bytes the header CRCs leave out: the CRC of
/// nothing.
#[test]
fn patch_of_files_shorter_than_the_crc_skip() {
    use ms_patch::lzxd::{PatchHeader, crc32};
    use msox_codec::Decode;
    let oab = WriteOptions {
        crc_skip: 12,
        ..WriteOptions::default()
    };
    for (old, new) in [
        (&b""[..], &b"new"[..]),
        (b"0123456789a", b""),
        (b"abc", b"0123456789abc"),
    ] {
        let p = create_patch(old, new, &oab).unwrap();
        let h = PatchHeader::decode_prefix(&p).unwrap().0;
        assert_eq!(h.source_crc, crc32(old.get(12..).unwrap_or_default()));
        assert_eq!(h.target_crc, crc32(new.get(12..).unwrap_or_default()));
        let read = FileOptions {
            crc_skip: 12,
            ..FileOptions::default()
        };
        let d = ms_patch::apply_patch_with(Base(old), Patch(&p), &Options::strict(), &read);
        assert_eq!(d.unwrap().value, new);
        let p = create_patch(old, new, &WriteOptions::default()).unwrap();
        assert_eq!(apply_patch(&p, old).unwrap(), new);
    }
    assert_eq!(ms_patch::file_crc(b"0123456789a", 12), 0xFFFF_FFFF);
}

/// The header structures encode to the bytes the writers produce and
/// decode back.
#[test]
fn header_structures_round_trip() {
    use ms_patch::lzxd::{
        LzxBlockHeader, LzxHeader, LzxdFile, LzxdPatch, PatchBlockHeader, PatchHeader,
    };
    use msox_codec::{Decode, Encode};
    let data = b"header structures ".repeat(100);
    let f = compress_file(&data, &WriteOptions::default()).unwrap();
    let (h, n) = LzxHeader::decode_prefix(&f).unwrap();
    assert_eq!(h.to_vec().unwrap(), &f[..n]);
    let rest = &f[n..];
    let (b, n) = LzxBlockHeader::decode_prefix(rest).unwrap();
    assert_eq!(b.uncomp_size as usize, data.len());
    assert_eq!(b.flags, LzxBlockHeader::COMPRESSED);
    assert_eq!(b.to_vec().unwrap(), &rest[..n]);
    let file = LzxdFile::decode_exact(&f).unwrap();
    assert_eq!(file.blocks[0].header, b);
    assert_eq!(file.to_vec().unwrap(), f);
    let p = create_patch(&data, &data, &WriteOptions::default()).unwrap();
    let (h, n) = PatchHeader::decode_prefix(&p).unwrap();
    assert_eq!(h.to_vec().unwrap(), &p[..PatchHeader::SIZE]);
    let (b, _) = PatchBlockHeader::decode_prefix(&p[n..]).unwrap();
    assert_eq!(b.to_vec().unwrap(), &p[n..n + PatchBlockHeader::SIZE]);
    let patch = LzxdPatch::decode_exact(&p).unwrap();
    assert_eq!(patch.header, h);
    assert_eq!(patch.to_vec().unwrap(), p);
    // A file header is not a patch header.
    let e = PatchHeader::decode_prefix(&f).unwrap_err();
    assert_eq!(
        e.to_string(),
        "bad signature: expected 0x200000003, found 0x100000003 at byte 0 in PATCH_HDR"
    );
    assert!(LzxHeader::decode_prefix(&p).is_err());
}

/// The streaming decoder slides its window (at twice the window, at least
/// window + 1 MiB): long outputs with small windows, E8 translation and
/// reference data all give the one-shot decoder's bytes.
#[test]
fn streaming_slides_the_window() {
    let mut data = binary(1_200_000, 41);
    data.extend(text(1_300_000, 42));
    for (params, reference) in [
        (StreamParams::lzx(15), Vec::new()),
        (StreamParams::lzxd(17), text(100_000, 43)),
        (StreamParams::lzx(21), Vec::new()),
    ] {
        let mut opts = EncodeOptions::level(4);
        opts.e8_translation = Some(3_000_000);
        let z = compress(&data, &params, &reference, &opts).unwrap();
        let back = decompress(&z, data.len(), &params, &reference).unwrap();
        assert!(back == data, "{params:?}");
    }
}

/// Streaming keeps whole frames of uncompressed blocks out of the window
/// until a compressed block needs them: matches that reach back into such
/// frames (from the next frame, or across more than a window of them)
/// decode the same as with the whole output in memory, with and without
/// reference data and E8 translation.
#[test]
fn streaming_after_uncompressed_frames() {
    use ms_patch::{BlockType, decompress_with_blocks};
    // Blocks are 256 KiB: random data that fills them is stored.
    let r1 = random(700_000, 51);
    let mut data = r1.clone();
    data.extend_from_slice(&r1[650_000..690_000]);
    data.extend(text(70_000, 52));
    data.extend(random(600_000, 53));
    data.extend_from_slice(&r1[695_000..700_000]);
    let tail = data[data.len() - 60_000..].to_vec();
    data.extend(tail);
    data.extend(random(40_000, 54));
    for (params, reference) in [
        (StreamParams::lzx(15), Vec::new()),
        (StreamParams::lzx(16), Vec::new()),
        (StreamParams::lzxd(17), Vec::new()),
        (StreamParams::lzxd(17), random(60_000, 55)),
        (StreamParams::lzxd(19), text(100_000, 56)),
        (StreamParams::lzx(21), Vec::new()),
    ] {
        for e8 in [None, Some(1_000_000)] {
            let mut opts = EncodeOptions::level(5);
            opts.e8_translation = e8;
            let z = compress(&data, &params, &reference, &opts).unwrap();
            let back = decompress(&z, data.len(), &params, &reference).unwrap();
            assert!(back == data, "{params:?} e8 {e8:?}");
            // Uncompressed blocks, then compressed ones.
            let blocks =
                decompress_with_blocks(&z, data.len(), &params, &reference, &Options::strict())
                    .unwrap()
                    .value
                    .blocks;
            let first = blocks.iter().position(|b| b.0 == BlockType::Uncompressed);
            let later = blocks.iter().rposition(|b| b.0 != BlockType::Uncompressed);
            assert!(
                matches!((first, later), (Some(f), Some(l)) if f < l),
                "{params:?}: {blocks:?}"
            );
        }
    }
}

/// An LZXD file of many blocks of different kinds (stored, compressed,
/// uncompressed LZX blocks, E8), streamed (one window buffer reused from
/// block to block, shorter blocks after longer ones) and into one vector
/// (decoded in place): the same bytes.
#[test]
fn file_blocks_reuse_the_window() {
    let mut data = text(700_000, 61);
    data.extend(random(300_000, 62));
    data.extend(binary(400_000, 63));
    data.extend(text(50_000, 64));
    for (block_max, e8) in [(300_000, None), (65_536, Some(2_000_000)), (1 << 20, None)] {
        let mut o = WriteOptions::level(3);
        o.block_max = block_max;
        o.encode.e8_translation = e8;
        let f = compress_file(&data, &o).unwrap();
        assert_eq!(decompress_file(&f).unwrap(), data, "block_max {block_max}");
        let mut streamed = Vec::new();
        ms_patch::decompress_file_to(
            &f,
            &Options::strict(),
            &FileOptions::default(),
            &mut streamed,
        )
        .unwrap();
        assert!(streamed == data, "block_max {block_max}, streamed");
    }
}
