//! [MS-OXCRPC] 3.1.4.1.1.3 Obfuscation Algorithm: every payload byte
//! XORed with 0xA5 (the XorMagic flag of RPC_HEADER_EXT). The operation is
//! its own inverse and keeps every byte where it was.

/// The value every byte of an obfuscated payload is XORed with.
pub const XOR_MAGIC: u8 = 0xA5;

/// Obfuscates (or reverts) `data` in place: `b ^= 0xA5` for every byte.
///
/// ```
/// let mut d = *b"\x08\x00\x01\x01";
/// ms_oxcrpc::xor::obfuscate(&mut d);
/// assert_eq!(d, [0xad, 0xa5, 0xa4, 0xa4]);
/// ms_oxcrpc::xor::obfuscate(&mut d);
/// assert_eq!(&d, b"\x08\x00\x01\x01");
/// ```
pub fn obfuscate(data: &mut [u8]) {
    for b in data {
        *b ^= XOR_MAGIC;
    }
}

/// A copy of `data`, obfuscated (or reverted).
pub fn obfuscated(data: &[u8]) -> Vec<u8> {
    data.iter().map(|b| b ^ XOR_MAGIC).collect()
}
