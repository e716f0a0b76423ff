//! [MS-OXRTFCP] 3.1.3.2 CRC: the checksum of CONTENTS.
//!
//! The spec's CRC uses the reflected CRC-32 polynomial (0xEDB88320) and the
//! usual 256-entry lookup table, but, unlike the zlib/PNG CRC-32, it starts
//! from 0 and does not invert the result: `crc = table[(crc ^ byte) & 0xFF]
//! ^ (crc >> 8)` for each byte, from `crc = 0`. The register update is
//! [`msox_codec::crc::update`] (slicing-by-8), shared with the OAB and LZXD CRCs.

/// The spec's lookup table entry for index `i` (the table of
/// [MS-OXRTFCP] 3.1.3.2, reproduced for tests and documentation).
pub const fn table_entry(i: u8) -> u32 {
    msox_codec::crc::table_entry(i)
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
pub fn update(crc: u32, data: &[u8]) -> u32 {
    msox_codec::crc::update(crc, data)
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
