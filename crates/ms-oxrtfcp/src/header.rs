//! [MS-OXRTFCP] 2.1.3.1.1 RTF Compression ABNF Grammar: the 16-byte header.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Reader, Result};

msox_codec::wire_enum! {
    /// [MS-OXRTFCP] 2.1.3.1.1 COMPTYPE: how CONTENTS is stored.
    pub enum CompType: u32 {
        /// `COMPRESSED` (`LZFu`, 0x75465A4C): CONTENTS is LZ77-compressed
        /// against the 4096-byte dictionary.
        Compressed = 0x7546_5A4C => "LZFu",
        /// `UNCOMPRESSED` (`MELA`, 0x414C454D): CONTENTS is the raw RTF.
        Uncompressed = 0x414C_454D => "MELA",
    }
}

/// [MS-OXRTFCP] 2.1.3.1.1 Header: the four little-endian DWORDs in front of
/// the CONTENTS of a compressed RTF stream (the value of
/// `PidTagRtfCompressed`).
///
/// ```
/// use ms_oxrtfcp::{CompType, Header};
/// use msox_codec::{Decode, Encode};
/// let bytes = [0x2d, 0, 0, 0, 0x2b, 0, 0, 0, b'L', b'Z', b'F', b'u', 0xf1, 0xc5, 0xc7, 0xa7];
/// let h = Header::decode_exact(&bytes)?;
/// assert_eq!(h.comp_type, CompType::Compressed);
/// assert_eq!((h.comp_size, h.raw_size, h.crc), (0x2d, 0x2b, 0xa7c7c5f1));
/// assert_eq!(h.to_vec()?, bytes);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Header {
    /// COMPSIZE: writers set it to the length of CONTENTS plus 12 (the
    /// header bytes that follow this field).
    pub comp_size: u32,
    /// RAWSIZE: the size of the uncompressed RTF.
    pub raw_size: u32,
    /// COMPTYPE, kept as read when the spec does not define it.
    pub comp_type: CompType,
    /// CRC: [MS-OXRTFCP] 3.1.3.2 CRC-32 of CONTENTS for `LZFu`; zero for `MELA`.
    pub crc: u32,
}

impl Header {
    /// The size of the header on the wire.
    pub const SIZE: usize = 16;

    /// The number of CONTENTS bytes that COMPSIZE declares (`COMPSIZE - 12`),
    /// or `None` when COMPSIZE is smaller than 12.
    pub fn declared_contents_len(&self) -> Option<u32> {
        self.comp_size.checked_sub(12)
    }
}

/// Reads the four fields (any COMPTYPE: the decompressor refuses the ones
/// it cannot decode), in a `HEADER` frame.
impl<'a> Decode<'a> for Header {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("HEADER", |r| {
            Ok(Header {
                comp_size: r.u32()?,
                raw_size: r.u32()?,
                comp_type: CompType::from_value(r.u32()?),
                crc: r.u32()?,
            })
        })
    }
}

impl Encode for Header {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.comp_size);
        buf.put_u32_le(self.raw_size);
        buf.put_u32_le(self.comp_type.value());
        buf.put_u32_le(self.crc);
        Ok(())
    }
}
