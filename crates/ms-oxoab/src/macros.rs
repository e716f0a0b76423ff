//! Code shared by the three block containers ([MS-OXOAB] 2.11 LZX_HDR +
//! LZX_BLK, 2.10 PATCH_HDR + PATCH_BLK, 2.8 MDI_HDR + MDI_BLK).

/// `Decode` (the whole input, default limits, through the type's
/// `decode_limited`) and `Encode` (header, blocks, trailing bytes) for a
/// container struct with fields `header`, `blocks` and `trailing`.
macro_rules! block_container_codec {
    ($file:ident, $header:ident, $what:literal) => {
        impl<'a> msox_codec::Decode<'a> for $file {
            #[doc = concat!("Reads the whole input as ", $what, " (default limits).")]
            fn decode(input: &'a [u8]) -> msox_codec::PResult<'a, Self> {
                let f = $file::decode_limited(input, &msox_codec::Limits::default())
                    .map_err(msox_codec::nom::Err::Failure)?;
                Ok((input.get(input.len()..).unwrap_or_default(), f))
            }
        }

        impl msox_codec::Encode for $file {
            fn encoded_len(&self) -> usize {
                $header::SIZE
                    + self
                        .blocks
                        .iter()
                        .map(msox_codec::Encode::encoded_len)
                        .sum::<usize>()
                    + self.trailing.len()
            }
            fn encode<B: msox_codec::bytes::BufMut>(&self, buf: &mut B) -> msox_codec::Result<()> {
                self.header.encode(buf)?;
                for b in &self.blocks {
                    b.encode(buf)?;
                }
                buf.put_slice(&self.trailing);
                Ok(())
            }
        }
    };
}
