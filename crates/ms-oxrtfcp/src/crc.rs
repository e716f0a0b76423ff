//! [MS-OXRTFCP] 3.1.3.2 CRC: the checksum of CONTENTS.
//!
//! The spec's CRC uses the reflected CRC-32 polynomial (0xEDB88320) and the
//! usual 256-entry lookup table, but, unlike the zlib/PNG CRC-32, it starts
//! from 0 and does not invert the result: `crc = table[(crc ^ byte) & 0xFF]
//! ^ (crc >> 8)` for each byte, from `crc = 0`. This module computes it
//! eight bytes at a time (the slicing-by-8 method), which gives the same
//! value as the byte-at-a-time definition.

/// The spec's CRC lookup table and the seven derived tables of the
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

/// The spec's lookup table entry for index `i` (the table of
/// [MS-OXRTFCP] 3.1.3.2, reproduced for tests and documentation).
#[allow(clippy::indexing_slicing)] // a u8 indexes a 256-entry table
pub const fn table_entry(i: u8) -> u32 {
    TABLES[0][i as usize]
}

/// [MS-OXRTFCP] 3.1.3.2: the CRC of `data`.
///
/// ```
/// // The CRC stored in the header of the spec's first example (section 4.1).
/// let contents = [0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32,
///     0x0a, 0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c,
///     0x64, 0x7d, 0x0a, 0x80, 0x0f, 0xa0];
/// assert_eq!(ms_oxrtfcp::crc::crc32(&contents), 0xa7c7c5f1);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    update(0, data)
}

/// Continues a CRC over more data: `update(update(0, a), b) == crc32(a ++ b)`.
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
#[allow(clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn bytewise(data: &[u8]) -> u32 {
        let mut crc = 0u32;
        for &b in data {
            crc = table_entry(((crc ^ u32::from(b)) & 0xFF) as u8) ^ (crc >> 8);
        }
        crc
    }

    #[test]
    fn table_matches_the_spec_lookup_table() {
        // First and last entries of each row the spec prints.
        assert_eq!(table_entry(0x00), 0x0000_0000);
        assert_eq!(table_entry(0x01), 0x7707_3096);
        assert_eq!(table_entry(0x08), 0x0edb_8832);
        assert_eq!(table_entry(0x80), 0xedb8_8320);
        assert_eq!(table_entry(0xFF), 0x2d02_ef8d);
    }

    #[test]
    fn slicing_by_8_equals_the_bytewise_definition() {
        let data: Vec<u8> = (0..1000u32).map(|i| (i * 7 + i / 3) as u8).collect();
        for n in [0, 1, 7, 8, 9, 15, 16, 17, 100, 1000] {
            assert_eq!(crc32(&data[..n]), bytewise(&data[..n]), "n={n}");
        }
        let (a, b) = data.split_at(333);
        assert_eq!(update(crc32(a), b), crc32(&data));
    }

    #[test]
    fn differs_from_zlib_crc32() {
        // zlib's CRC-32 of "123456789" is 0xCBF43926; the spec's (no
        // pre/post inversion) is not.
        assert_ne!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }
}
