//! CRC-32 with the reflected IEEE polynomial 0xEDB88320 and no pre- or
//! post-conditioning: `crc = table[(crc ^ byte) & 0xFF] ^ (crc >> 8)` per
//! byte, from a caller-chosen seed. [MS-OXRTFCP] 3.1.3.2 seeds it with 0
//! (and [MS-OXMSG] 2.2.3.1.2 reuses that CRC for named-property names);
//! [MS-OXOAB] 2 and [MS-PATCH] LZXD files seed it with 0xFFFFFFFF. Computed
//! eight bytes at a time (slicing-by-8), which gives the byte-at-a-time
//! value.

/// The CRC lookup table and the seven derived tables of the
/// slicing-by-8 method, computed at compile time.
const TABLES: [[u32; 256]; 8] = make_tables();

#[allow(clippy::indexing_slicing)] // compile-time evaluation: an out-of-range index is a build error, not a panic
const fn make_tables() -> [[u32; 256]; 8] {
    let mut t = [[0u32; 256]; 8];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[0][i] = c;
        i += 1;
    }
    let mut s = 1;
    while s < 8 {
        let mut i = 0;
        while i < 256 {
            let prev = t[s - 1][i];
            t[s][i] = (prev >> 8) ^ t[0][(prev & 0xFF) as usize];
            i += 1;
        }
        s += 1;
    }
    t
}

/// The lookup table entry for index `i` (the table [MS-OXRTFCP] 3.1.3.2
/// prints).
#[allow(clippy::indexing_slicing)] // a u8 indexes a 256-entry table
pub const fn table_entry(i: u8) -> u32 {
    TABLES[0][i as usize]
}

/// Runs the CRC register from `crc` over `data`:
/// `update(update(s, a), b) == update(s, a ++ b)`.
#[allow(clippy::indexing_slicing)] // every table index is masked to 0..=255
pub fn update(mut crc: u32, data: &[u8]) -> u32 {
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let lo = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        let hi = u32::from_le_bytes([c[4], c[5], c[6], c[7]]);
        crc = TABLES[7][(lo & 0xFF) as usize]
            ^ TABLES[6][((lo >> 8) & 0xFF) as usize]
            ^ TABLES[5][((lo >> 16) & 0xFF) as usize]
            ^ TABLES[4][(lo >> 24) as usize]
            ^ TABLES[3][(hi & 0xFF) as usize]
            ^ TABLES[2][((hi >> 8) & 0xFF) as usize]
            ^ TABLES[1][((hi >> 16) & 0xFF) as usize]
            ^ TABLES[0][(hi >> 24) as usize];
    }
    for &b in chunks.remainder() {
        crc = TABLES[0][((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytewise(mut crc: u32, data: &[u8]) -> u32 {
        for &b in data {
            crc = table_entry((crc ^ u32::from(b)) as u8) ^ (crc >> 8);
        }
        crc
    }

    #[test]
    fn slicing_matches_bytewise_and_chains() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + 3) as u8).collect();
        for seed in [0, 0xFFFF_FFFF] {
            for n in [0, 1, 7, 8, 9, 63, 1000] {
                assert_eq!(update(seed, &data[..n]), bytewise(seed, &data[..n]));
            }
            let (a, b) = data.split_at(333);
            assert_eq!(update(update(seed, a), b), update(seed, &data));
        }
        // The zlib CRC-32 check value, with zlib's conditioning applied by hand.
        assert_eq!(!update(0xFFFF_FFFF, b"123456789"), 0xCBF4_3926);
    }
}
