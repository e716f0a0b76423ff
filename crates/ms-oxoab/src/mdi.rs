//! [MS-OXOAB] 2.8 Compressed OAB Version 2 and Version 3 Files:
//! `MDI_HDR 1*MDI_BLK`, each block MSZIP-compressed ([MS-MCI]: the bytes
//! "CK", then a DEFLATE stream, RFC 1951) with the history of the blocks
//! before it as its dictionary.
//!
//! MSZIP is DEFLATE, so this path works end to end today (`flate2`).
//! `ulFlags` 1 marks an MSZIP block (seen in files Exchange served); this
//! crate reads `ulFlags` 0 as a stored block, as in LZX_BLK, and keeps any
//! other value (refused when decompressing).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Limits, PResult, Reader, Result, ResultExt};

/// [MS-OXOAB] 2.8.1 MDI_HDR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MdiHeader {
    /// ulVersionHi: 2.
    pub version_hi: u32,
    /// ulVersionLo: 1.
    pub version_lo: u32,
    /// ulBlockMax: the largest block in bytes.
    pub block_max: u32,
    /// ulTargetSize: the size of the uncompressed file.
    pub target_size: u32,
}

impl MdiHeader {
    /// Size in bytes.
    pub const SIZE: usize = 16;
    /// ulVersionHi of a compressed version 2/3 file.
    pub const VERSION_HI: u32 = 2;
    /// ulVersionLo of a compressed version 2/3 file.
    pub const VERSION_LO: u32 = 1;
}

impl<'a> Decode<'a> for MdiHeader {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let version_hi = r.u32().context("MDI_HDR")?;
        let version_lo = r.u32().context("MDI_HDR")?;
        if (version_hi, version_lo) != (Self::VERSION_HI, Self::VERSION_LO) {
            return Err(r
                .error_at(
                    ErrorKind::BadSignature {
                        expected: 0x0000_0001_0000_0002,
                        found: u64::from(version_lo) << 32 | u64::from(version_hi),
                    },
                    0,
                )
                .context("MDI_HDR")
                .into());
        }
        let block_max = r.u32().context("MDI_HDR")?;
        let target_size = r.u32().context("MDI_HDR")?;
        r.finish(MdiHeader {
            version_hi,
            version_lo,
            block_max,
            target_size,
        })
    }
}

impl Encode for MdiHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.version_hi);
        buf.put_u32_le(self.version_lo);
        buf.put_u32_le(self.block_max);
        buf.put_u32_le(self.target_size);
        Ok(())
    }
}

/// [MS-OXOAB] 2.8.2 MDI_BLK (ulCompSize is `data.len()`; no CRC).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MdiBlock {
    /// ulFlags: [`MdiBlock::MSZIP`] (or [`MdiBlock::STORED`]).
    pub flags: u32,
    /// ulUncompSize.
    pub uncompressed_size: u32,
    /// data: ulCompSize bytes.
    pub data: Vec<u8>,
}

impl MdiBlock {
    /// Size of the block header.
    pub const HEADER_SIZE: usize = 12;
    /// ulFlags of a stored block (by analogy with LZX_BLK).
    pub const STORED: u32 = 0;
    /// ulFlags of an MSZIP block.
    pub const MSZIP: u32 = 1;
}

impl<'a> Decode<'a> for MdiBlock {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let flags = r.u32().context("MDI_BLK")?;
        let n = r.u32_usize().context("MDI_BLK")?;
        let uncompressed_size = r.u32().context("MDI_BLK")?;
        let data = r.bytes(n).context("MDI_BLK")?.to_vec();
        r.finish(MdiBlock {
            flags,
            uncompressed_size,
            data,
        })
    }
}

impl Encode for MdiBlock {
    fn encoded_len(&self) -> usize {
        Self::HEADER_SIZE + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.flags);
        buf.put_u32_le(msox_codec::fit_u32(self.data.len(), "ulCompSize")?);
        buf.put_u32_le(self.uncompressed_size);
        buf.put_slice(&self.data);
        Ok(())
    }
}

/// [MS-OXOAB] 2.8 a compressed version 2/3 file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MdiFile {
    /// MDI_HDR.
    pub header: MdiHeader,
    /// The MDI_BLK structures.
    pub blocks: Vec<MdiBlock>,
    /// Bytes after the block that completes ulTargetSize (kept).
    pub trailing: Vec<u8>,
}

/// The MSZIP history window.
const WINDOW: usize = 32 * 1024;

fn last_window(out: &[u8]) -> &[u8] {
    out.get(out.len().saturating_sub(WINDOW)..)
        .unwrap_or_default()
}

impl MdiFile {
    /// Reads the container: blocks until their sizes add up to ulTargetSize.
    pub fn decode_limited(input: &[u8], limits: &Limits) -> Result<Self> {
        let mut r = Reader::new(input);
        let header: MdiHeader = r.decode().map_err(|e| e.resolve(input.len()))?;
        let blocks = crate::compressed::read_blocks(
            &mut r,
            input,
            header.target_size,
            limits,
            &crate::compressed::BlockSizes {
                size: |b: &MdiBlock| b.uncompressed_size,
                field: ("ulUncompSize", 8),
                names: ("MDI_BLK", "MdiFile"),
            },
        )?;
        let trailing = r.take_rest().to_vec();
        Ok(MdiFile {
            header,
            blocks,
            trailing,
        })
    }

    /// Decompresses every block.
    pub fn decompress(&self, limits: &Limits) -> Result<Vec<u8>> {
        let target = self.header.target_size as usize;
        limits.check_output(target)?;
        let mut out = Vec::with_capacity(target.min(limits.max_alloc));
        let mut at = MdiHeader::SIZE;
        for b in &self.blocks {
            let size = b.uncompressed_size as usize;
            let start = out.len();
            limits.check_output(start.saturating_add(size))?;
            let err = |msg: String| {
                Error::at_offset(ErrorKind::Malformed(msg.into()), at).context("MDI_BLK")
            };
            match b.flags {
                MdiBlock::STORED => {
                    if b.data.len() != size {
                        return Err(err(format!(
                            "stored block of {} bytes, ulUncompSize {size}",
                            b.data.len()
                        )));
                    }
                    out.extend_from_slice(&b.data);
                }
                MdiBlock::MSZIP => {
                    let body = b.data.strip_prefix(b"CK").ok_or_else(|| {
                        Error::at_offset(
                            ErrorKind::BadSignature {
                                expected: 0x4B43,
                                found: u64::from(b.data.first().copied().unwrap_or(0))
                                    | u64::from(b.data.get(1).copied().unwrap_or(0)) << 8,
                            },
                            at + MdiBlock::HEADER_SIZE,
                        )
                        .context("MDI_BLK")
                    })?;
                    let mut d = Decompress::new(false);
                    if start > 0 {
                        d.set_dictionary(last_window(&out))
                            .map_err(|e| err(format!("MSZIP dictionary: {e}")))?;
                    }
                    // One extra byte of room tells "ends early" from "too long".
                    out.reserve(size + 1);
                    let status = d
                        .decompress_vec(body, &mut out, FlushDecompress::Finish)
                        .map_err(|e| err(format!("MSZIP block: {e}")))?;
                    if out.len() != start + size || !matches!(status, Status::StreamEnd) {
                        return Err(err(format!(
                            "MSZIP block decompressed to {} bytes, ulUncompSize is {size}",
                            out.len() - start
                        )));
                    }
                }
                other => {
                    return Err(Error::at_offset(
                        ErrorKind::InvalidValue {
                            field: "ulFlags",
                            value: u64::from(other),
                        },
                        at,
                    )
                    .context("MDI_BLK"));
                }
            }
            at += b.encoded_len();
        }
        Ok(out)
    }

    /// Compresses `data` into MSZIP blocks of at most `block_max` bytes
    /// (32 KiB is what MSZIP allows and what Exchange writes).
    pub fn compress(data: &[u8], block_max: usize) -> Result<Self> {
        if block_max == 0 || block_max > WINDOW {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "ulBlockMax",
                value: block_max as u64,
            }));
        }
        let mut blocks = Vec::with_capacity(data.len().div_ceil(block_max));
        let mut done = 0usize;
        for chunk in data.chunks(block_max) {
            let mut c = Compress::new(Compression::best(), false);
            if done > 0 {
                let hist = data
                    .get(done.saturating_sub(WINDOW)..done)
                    .unwrap_or_default();
                c.set_dictionary(hist).map_err(|e| {
                    Error::new(ErrorKind::Malformed(
                        format!("MSZIP dictionary: {e}").into(),
                    ))
                })?;
            }
            let mut z = Vec::with_capacity(chunk.len() + 64);
            z.extend_from_slice(b"CK");
            loop {
                let consumed = c.total_in() as usize;
                let rest = chunk.get(consumed..).unwrap_or_default();
                z.reserve(chunk.len() / 2 + 1024);
                let st = c
                    .compress_vec(rest, &mut z, FlushCompress::Finish)
                    .map_err(|e| Error::new(ErrorKind::Malformed(format!("MSZIP: {e}").into())))?;
                if matches!(st, Status::StreamEnd) {
                    break;
                }
            }
            blocks.push(MdiBlock {
                flags: MdiBlock::MSZIP,
                uncompressed_size: msox_codec::fit_u32(chunk.len(), "ulUncompSize")?,
                data: z,
            });
            done += chunk.len();
        }
        Ok(MdiFile {
            header: MdiHeader {
                version_hi: MdiHeader::VERSION_HI,
                version_lo: MdiHeader::VERSION_LO,
                block_max: msox_codec::fit_u32(block_max, "ulBlockMax")?,
                target_size: msox_codec::fit_u32(data.len(), "ulTargetSize")?,
            },
            blocks,
            trailing: Vec::new(),
        })
    }
}

block_container_codec!(MdiFile, MdiHeader, "a compressed version 2/3 file");
