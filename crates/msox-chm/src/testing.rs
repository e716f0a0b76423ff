//! A minimal CHM writer for examples and tests (not a supported API): one
//! PMGL chunk, files stored (section 0) or in one LZX stream (section 1)
//! that never resets after its start, a ControlData, a reset table with
//! one entry, the section-1 data padded out to a whole 32 KiB frame as
//! CHM compilers pad it.

use ms_patch::{EncodeOptions, StreamParams};

use crate::format::ITSF_GUIDS;

fn encint(mut v: u64, out: &mut Vec<u8>) {
    let mut b = vec![(v & 0x7F) as u8];
    v >>= 7;
    while v > 0 {
        b.push(0x80 | (v & 0x7F) as u8);
        v >>= 7;
    }
    b.reverse();
    out.extend_from_slice(&b);
}

/// A CHM of `files`: (name, bytes, in the LZX section).
///
/// # Panics
///
/// When the directory does not fit one 4096-byte chunk, or the LZX
/// encoder fails (neither happens with test-sized input).
#[allow(clippy::expect_used, clippy::panic)]
pub fn build(files: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut section1: Vec<u8> = Vec::new();
    let mut stored: Vec<u8> = Vec::new();
    // (name, section, offset, length)
    let mut entries: Vec<(Vec<u8>, u64, u64, u64)> = Vec::new();
    for (name, data, lzx) in files {
        if *lzx {
            entries.push((
                name.as_bytes().to_vec(),
                1,
                section1.len() as u64,
                data.len() as u64,
            ));
            section1.extend_from_slice(data);
        } else {
            entries.push((
                name.as_bytes().to_vec(),
                0,
                stored.len() as u64,
                data.len() as u64,
            ));
            stored.extend_from_slice(data);
        }
    }
    let uncomp = section1.len() as u64;
    let frames = section1.len().div_ceil(32768).max(1);
    section1.resize(frames * 32768, 0);
    let z = ms_patch::compress(
        &section1,
        &StreamParams::lzx(16),
        &[],
        &EncodeOptions::level(3),
    )
    .expect("LZX");
    let mut control = Vec::new();
    for w in [6u32, 0x4358_5A4C, 2, frames as u32, 2, 2, 0] {
        control.extend_from_slice(&w.to_le_bytes());
    }
    let mut table = Vec::new();
    for w in [2u32, 1, 8, 0x28] {
        table.extend_from_slice(&w.to_le_bytes());
    }
    table.extend_from_slice(&uncomp.to_le_bytes());
    table.extend_from_slice(&(z.len() as u64).to_le_bytes());
    table.extend_from_slice(&32768u64.to_le_bytes());
    table.extend_from_slice(&0u64.to_le_bytes());
    for (name, data) in [
        (crate::chm::CONTROL_DATA, &control),
        (crate::chm::RESET_TABLE, &table),
        (crate::chm::CONTENT, &z),
    ] {
        entries.push((name.to_vec(), 0, stored.len() as u64, data.len() as u64));
        stored.extend_from_slice(data);
    }
    entries.push((b"/".to_vec(), 0, 0, 0));
    entries.sort_by_key(|a| a.0.to_ascii_lowercase());
    let mut chunk = Vec::new();
    chunk.extend_from_slice(b"PMGL");
    chunk.extend_from_slice(&[0; 4]);
    chunk.extend_from_slice(&0u32.to_le_bytes());
    chunk.extend_from_slice(&u32::MAX.to_le_bytes());
    chunk.extend_from_slice(&u32::MAX.to_le_bytes());
    for (name, sec, off, len) in &entries {
        encint(name.len() as u64, &mut chunk);
        chunk.extend_from_slice(name);
        encint(*sec, &mut chunk);
        encint(*off, &mut chunk);
        encint(*len, &mut chunk);
    }
    assert!(chunk.len() <= 4094, "directory over one chunk");
    let free = (4094 - chunk.len()) as u32;
    chunk.splice(4..8, free.to_le_bytes());
    chunk.resize(4094, 0);
    chunk.extend_from_slice(&(entries.len() as u16).to_le_bytes());

    let dir_at = 0x60 + 0x18;
    let content_at = dir_at + 0x54 + chunk.len();
    let total = content_at + stored.len();
    let mut out = Vec::with_capacity(total);
    out.extend_from_slice(b"ITSF");
    for w in [3u32, 0x60, 1] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&0x1234_5678u32.to_be_bytes());
    out.extend_from_slice(&0x409u32.to_le_bytes());
    out.extend_from_slice(&ITSF_GUIDS);
    for v in [
        0x60u64,
        0x18,
        dir_at as u64,
        (0x54 + chunk.len()) as u64,
        content_at as u64,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&0x1FEu32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&(total as u64).to_le_bytes());
    out.extend_from_slice(&[0; 8]);
    out.extend_from_slice(b"ITSP");
    for w in [
        1u32,
        0x54,
        0x0A,
        4096,
        2,
        1,
        u32::MAX,
        0,
        0,
        u32::MAX,
        1,
        0x409,
    ] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&[
        0x6A, 0x92, 0x02, 0x5D, 0x2E, 0x21, 0xD0, 0x11, 0x9D, 0xF9, 0x00, 0xA0, 0xC9, 0x22, 0xE6,
        0xEC,
    ]);
    for w in [0x54u32, u32::MAX, u32::MAX, u32::MAX] {
        out.extend_from_slice(&w.to_le_bytes());
    }
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&stored);
    assert_eq!(out.len(), total);
    out
}

/// The CHM of the crate example: `/index.html` in the LZX section,
/// `/stored.txt` stored.
pub fn sample() -> Vec<u8> {
    let html = b"<html><body>"
        .iter()
        .chain(
            b"compiled help, compiled help, compiled help. "
                .repeat(40)
                .iter(),
        )
        .chain(b"</body></html>".iter())
        .copied()
        .collect::<Vec<u8>>();
    build(&[
        ("/index.html", &html, true),
        ("/stored.txt", b"stored as it is", false),
    ])
}
