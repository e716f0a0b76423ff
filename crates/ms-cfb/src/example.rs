//! A small hand-built compound file for examples and tests.

use crate::header::{SIGNATURE, sector::*};

/// A small compound file for examples and tests: a root with a storage
/// `Storage 1` holding a stream `Stream 1` of 15 bytes (built by hand per
/// [MS-CFB] 3, the spec's example layout).
// Fixed offsets into a buffer of fixed size: every index is in bounds.
#[allow(clippy::indexing_slicing)]
pub fn example_file() -> Vec<u8> {
    let mut f = vec![0u8; 512 * 5];
    f[..8].copy_from_slice(&SIGNATURE);
    f[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    f[26..28].copy_from_slice(&3u16.to_le_bytes());
    f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    f[30..32].copy_from_slice(&9u16.to_le_bytes());
    f[32..34].copy_from_slice(&6u16.to_le_bytes());
    f[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    f[56..60].copy_from_slice(&4096u32.to_le_bytes());
    f[60..64].copy_from_slice(&2u32.to_le_bytes()); // mini FAT at sector 2
    f[64..68].copy_from_slice(&1u32.to_le_bytes());
    f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 0..109 {
        f[76 + 4 * i..80 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    f[76..80].copy_from_slice(&0u32.to_le_bytes());
    // FAT (sector 0 at offset 512): 0 FATSECT, 1 dir END, 2 minifat END, 3 ministream END.
    let fat = [FATSECT, ENDOFCHAIN, ENDOFCHAIN, ENDOFCHAIN];
    for (i, v) in fat.iter().enumerate() {
        f[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    for i in fat.len()..128 {
        f[512 + 4 * i..516 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    // Directory (sector 1 at 1024).
    let mut entry = |idx: usize, name: &str, ty: u8, child: u32, start: u32, size: u64| {
        let o = 1024 + 128 * idx;
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            f[o + 2 * k..o + 2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[o + 64..o + 66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        f[o + 66] = ty;
        f[o + 67] = 1;
        f[o + 68..o + 72].copy_from_slice(&NOSTREAM.to_le_bytes());
        f[o + 72..o + 76].copy_from_slice(&NOSTREAM.to_le_bytes());
        f[o + 76..o + 80].copy_from_slice(&child.to_le_bytes());
        f[o + 116..o + 120].copy_from_slice(&start.to_le_bytes());
        f[o + 120..o + 128].copy_from_slice(&size.to_le_bytes());
    };
    entry(0, "Root Entry", 5, 1, 3, 64);
    entry(1, "Storage 1", 1, 2, 0, 0);
    entry(2, "Stream 1", 2, NOSTREAM, 0, 15);
    entry(3, "", 0, NOSTREAM, 0, 0);
    // Mini FAT (sector 2 at 1536): mini sector 0 END.
    f[1536..1540].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 1..128 {
        f[1536 + 4 * i..1540 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    // Mini stream (sector 3 at 2048).
    f[2048..2063].copy_from_slice(b"Data for stream");
    f
}
