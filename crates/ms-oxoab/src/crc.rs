//! [MS-OXOAB] 2 Structures: the CRC hash of compressed blocks, patch
//! blocks, patch headers and the version 4 full details file.
//!
//! The spec computes every CRC "by using the IEEE 802.3 CRC polynomial of
//! 0xEDB88320 … seeded with the value 0xFFFFFFFF". The register starts at
//! 0xFFFFFFFF and the result is **not** complemented at the end, so the
//! value is the bitwise complement of the zlib/PNG CRC-32 of the same bytes
//! (libmspack's OAB decompressor checks block CRCs this way). The functions
//! here are `ms_patch::lzxd::crc32` / `crc32_update` under the names this
//! crate has always used; the register update (`msox_codec::crc::update`)
//! is the one [MS-OXRTFCP] uses, there seeded with 0.

/// The seed of every OAB CRC.
pub const SEED: u32 = 0xFFFF_FFFF;

/// [MS-OXOAB] 2: the CRC of `data`.
///
/// ```
/// // The complement of the well-known CRC-32 check value of "123456789" (0xCBF43926).
/// assert_eq!(ms_oxoab::crc::crc32(b"123456789"), !0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    ms_patch::lzxd::crc32(data)
}

/// Continues a CRC over more data: `update(crc32(a), b) == crc32(a ++ b)`.
pub fn update(crc: u32, data: &[u8]) -> u32 {
    ms_patch::lzxd::crc32_update(crc, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_is_chainable() {
        let data: Vec<u8> = (0..500u32).map(|i| (i * 31 + 7) as u8).collect();
        let (a, b) = data.split_at(123);
        assert_eq!(update(crc32(a), b), crc32(&data));
        assert_eq!(crc32(&[]), SEED);
    }
}
