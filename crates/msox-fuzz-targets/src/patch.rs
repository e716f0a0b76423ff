//! ms-patch: bare LZX / LZXD streams, LZXD files and LZX DELTA patches,
//! their containers and headers.

use ms_patch::lzxd::{LzxdFile, LzxdPatch};
use ms_patch::{
    Base, EncodeOptions, FileOptions, LzxBlockHeader, LzxHeader, Patch, PatchBlockHeader,
    PatchHeader, StreamParams, Target, WriteOptions, apply_patch, apply_patch_to, compress,
    compress_file, create_patch, decompress, decompress_file, decompress_file_from,
    decompress_file_to, decompress_to,
};
use msox_codec::CountingSink;

use crate::roundtrip_type;

/// Splits a 3-byte selector off the input (window bits, dialect, output
/// size / 4): the parameters a container would give a bare stream.
fn stream_selector(data: &[u8]) -> Option<(StreamParams, usize, &[u8])> {
    let (sel, stream) = data.split_first_chunk::<3>()?;
    let lzxd = sel[0] & 0x80 != 0;
    let params = if lzxd {
        StreamParams::lzxd(15 + sel[0] % 11)
    } else {
        StreamParams::lzx(15 + sel[0] % 7)
    };
    let len = usize::from(u16::from_le_bytes([sel[1], sel[2]])) * 4;
    Some((params, len, stream))
}

/// ms-patch `decompress`: after a 3-byte selector (window bits, dialect,
/// output size), the input as a bare LZX or LZXD stream. When it decodes,
/// our encoder's stream for that output decodes back to it.
pub fn patch_lzx_decode(data: &[u8]) {
    let Some((params, len, stream)) = stream_selector(data) else {
        return;
    };
    let (_, l) = crate::both(stream, |b, o| decompress(b, len, &params, &[], o));
    if let Ok(out) = l {
        assert_eq!(out.value.len(), len);
        let z = compress(&out.value, &params, &[], &EncodeOptions::default()).expect("compresses");
        let back =
            decompress(&z, len, &params, &[], &crate::strict()).expect("our stream decompresses");
        assert!(back.value == out.value, "recompressed output differs");
    }
}

/// ms-patch `decompress_to` (selector as [`patch_lzx_decode`]): the same
/// output and defects as `decompress`, in both modes.
pub fn patch_lzx_decode_to(data: &[u8]) {
    let Some((params, len, stream)) = stream_selector(data) else {
        return;
    };
    let _ = crate::both(stream, |b, o| {
        decompress_to(b, len, &params, &[], o, &mut CountingSink::default())
    });
    for o in crate::MODES {
        let mut out = Vec::new();
        match (
            decompress(stream, len, &params, &[], &o),
            decompress_to(stream, len, &params, &[], &o, &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert!(a.value == out, "decompress_to output differs");
                assert_eq!(b.value, len as u64);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress {a:?} vs decompress_to {b:?}"),
        }
    }
}

/// ms-patch `apply_patch` (and `apply_patch_to`): the input as an LZX DELTA
/// patch on an empty base, and applied to a base cut from its front (the
/// first 2 bytes give the base length); the two forms agree; a patch made
/// by `create_patch` for the output applies strictly. Also the rest as a
/// bare LZXD stream with that base as reference data.
pub fn patch_delta_apply(data: &[u8]) {
    let _ = crate::both(data, |b, o| apply_patch(Base(b""), Patch(b), o));
    let Some((sel, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let n = usize::from(u16::from_le_bytes(*sel)).min(rest.len());
    let (base, patch) = rest.split_at(n);
    let (_, l) = crate::both(patch, |b, o| apply_patch(Base(base), Patch(b), o));
    for o in crate::MODES {
        let mut out = Vec::new();
        let file = FileOptions::default();
        match (
            apply_patch(Base(base), Patch(patch), &o),
            apply_patch_to(Base(base), Patch(patch), &o, &file, &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert!(a.value == out, "apply_patch_to output differs");
                assert_eq!(b.value, out.len() as u64);
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("apply_patch {a:?} vs apply_patch_to {b:?}"),
        }
    }
    if let Ok(out) = l {
        let p = create_patch(Base(base), Target(&out.value), &WriteOptions::default())
            .expect("creates");
        let back = apply_patch(Base(base), Patch(&p), &crate::strict()).expect("our patch applies");
        assert!(back.value == out.value, "re-made patch gives other bytes");
    }
    let _ = crate::both(patch, |b, o| {
        decompress(b, base.len() * 2 + 100, &StreamParams::lzxd(17), base, o)
    });
}

/// ms-patch `decompress_file` (and `decompress_file_to`, with and without
/// CRC checks): the two forms agree; what comes out compresses with
/// `compress_file` and decompresses strictly back to it.
pub fn patch_lzxd_file(data: &[u8]) {
    let (_, l) = crate::both(data, decompress_file);
    for o in crate::MODES {
        let mut out = Vec::new();
        match (
            decompress_file(data, &o),
            decompress_file_to(data, &o, &FileOptions::default(), &mut out),
        ) {
            (Ok(a), Ok(b)) => {
                assert!(a.value == out, "decompress_file_to output differs");
                assert_eq!(a.defects, b.defects);
            }
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind()),
            (a, b) => panic!("decompress_file {a:?} vs decompress_file_to {b:?}"),
        }
        // The streaming form, fed in pieces of 1 to 64 bytes: the same
        // output, defects and errors, offsets and paths included.
        let mut streamed = Vec::new();
        let reader = Trickle {
            data,
            step: 1 + data.first().map_or(0, |b| usize::from(b & 63)),
        };
        let s = decompress_file_from(
            reader,
            data.len(),
            &o,
            &FileOptions::default(),
            &mut streamed,
        );
        let t = decompress_file_to(data, &o, &FileOptions::default(), &mut Vec::new());
        match (t, s) {
            (Ok(a), Ok(b)) => {
                assert!(streamed == out, "decompress_file_from output differs");
                assert_eq!(a, b);
            }
            (Err(a), Err(b)) => assert_eq!(a, b),
            (a, b) => panic!("decompress_file_to {a:?} vs decompress_file_from {b:?}"),
        }
        let unchecked = FileOptions {
            verify_crc: false,
            ..FileOptions::default()
        };
        let _ = decompress_file_to(data, &o, &unchecked, &mut CountingSink::default());
    }
    if let Ok(out) = l {
        let z = compress_file(&out.value, &WriteOptions::default()).expect("compresses");
        let back = decompress_file(&z, &crate::strict()).expect("our file decompresses");
        assert!(back.value == out.value, "recompressed file differs");
    }
}

/// A reader handing out at most `step` bytes per read.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.step).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        buf[..n].copy_from_slice(head);
        self.data = rest;
        Ok(n)
    }
}

/// ms-patch `LzxdFile::decode_bytes` (LZX_HDR and LZX_BLKs, no
/// decompression): byte-exact.
pub fn patch_lzxd_container(data: &[u8]) {
    roundtrip_type!(data, true, LzxdFile<'_>);
}

/// ms-patch `LzxdPatch::decode_bytes` (PATCH_HDR and PATCH_BLKs, no
/// patching): byte-exact.
pub fn patch_patch_container(data: &[u8]) {
    roundtrip_type!(data, true, LzxdPatch<'_>);
}

/// ms-patch `LzxHeader::decode_bytes`: byte-exact.
pub fn patch_lzx_hdr(data: &[u8]) {
    roundtrip_type!(data, true, LzxHeader);
}

/// ms-patch `LzxBlockHeader::decode_bytes`: byte-exact.
pub fn patch_lzx_blk(data: &[u8]) {
    roundtrip_type!(data, true, LzxBlockHeader);
}

/// ms-patch `PatchHeader::decode_bytes`: byte-exact.
pub fn patch_patch_hdr(data: &[u8]) {
    roundtrip_type!(data, true, PatchHeader);
}

/// ms-patch `PatchBlockHeader::decode_bytes`: byte-exact.
pub fn patch_patch_blk(data: &[u8]) {
    roundtrip_type!(data, true, PatchBlockHeader);
}

/// ms-patch: any data (after a selector byte: level, window, dialect, E8)
/// survives the LZX encoder, and a patch from the data's first half to the
/// whole applies.
pub fn patch_lzx_roundtrip(data: &[u8]) {
    let Some((sel, data)) = crate::selector(data) else {
        return;
    };
    let level = 1 + sel % 9;
    let lzxd = sel & 0x40 != 0;
    let bits = 15 + (sel >> 4) % 7;
    let params = if lzxd {
        StreamParams::lzxd(bits)
    } else {
        StreamParams::lzx(bits)
    };
    let mut opts = EncodeOptions::level(level);
    opts.extended_lengths = lzxd && sel & 1 != 0;
    if sel & 0x80 != 0 {
        opts.e8_translation = Some(data.len() as u32 | 0x1000);
    }
    let z = compress(data, &params, &[], &opts).expect("compresses");
    let back = decompress(&z, data.len(), &params, &[], &crate::strict());
    assert!(back.expect("our stream decompresses").value == data);
    let half = &data[..data.len() / 2];
    let p = create_patch(Base(half), Target(data), &WriteOptions::level(level)).expect("creates");
    let back = apply_patch(Base(half), Patch(&p), &crate::strict()).expect("our patch applies");
    assert!(back.value == data, "patch round trip differs");
}
