//! [MS-OXOAB] 2.8 Compressed OAB Version 2 and Version 3 Files:
//! `MDI_HDR 1*MDI_BLK`, each block MSZIP-compressed ([MS-MCI]: the bytes
//! "CK", then a DEFLATE stream, RFC 1951) with the history of the blocks
//! before it as its dictionary.
//!
//! The MSZIP blocks are read and written by `ms-mci` ([`ms_mci::MszipDecoder`],
//! [`ms_mci::MszipEncoder`]: one block at a time, the history carried
//! over). `ulFlags` 1 marks an MSZIP block (seen in files Exchange
//! served); this crate reads `ulFlags` 0 as a stored block, as in LZX_BLK,
//! and keeps any other value (refused when decompressing).

use ms_mci::{MszipDecoder, MszipEncoder};
use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Decoded, Encode, Error, ErrorKind, Options, Reader, Result, Sink,
    decode_bytes_with_reader,
};

use crate::compressed::{check_target, copy_data, trailing};

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

/// [MS-OXOAB] 2.8.1 MDI_HDR: a version other than 2.1 is a
/// [`ErrorKind::BadSignature`] at the header's first byte.
impl<'a> Decode<'a> for MdiHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("MDI_HDR", |r| {
            let at = r.pos();
            let version_hi = r.u32()?;
            let version_lo = r.u32()?;
            if (version_hi, version_lo) != (Self::VERSION_HI, Self::VERSION_LO) {
                return Err(r.error_at(
                    ErrorKind::BadSignature {
                        expected: 0x0000_0001_0000_0002,
                        found: u64::from(version_lo) << 32 | u64::from(version_hi),
                    },
                    at,
                ));
            }
            Ok(MdiHeader {
                version_hi,
                version_lo,
                block_max: r.u32()?,
                target_size: r.u32()?,
            })
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

/// The fields of an MDI_BLK, the data borrowed (the caller names the frame).
fn read_block<'a>(r: &mut Reader<'a>) -> Result<(u32, u32, &'a [u8])> {
    let flags = r.u32()?;
    let n = r.u32_usize()?;
    let uncompressed_size = r.u32()?;
    Ok((flags, uncompressed_size, r.bytes(n)?))
}

/// [MS-OXOAB] 2.8.2 MDI_BLK on its own (no check of the values).
impl<'a> Decode<'a> for MdiBlock {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("MDI_BLK", |r| {
            let (flags, uncompressed_size, data) = read_block(r)?;
            Ok(MdiBlock {
                flags,
                uncompressed_size,
                data: copy_data(r, data, "ulCompSize")?,
            })
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

/// The largest MSZIP block ([MS-MCI] 2: 32 KiB).
const WINDOW: usize = ms_mci::MAX_BLOCK_DATA;

/// One MDI_BLK at `r`'s position, with `left` bytes of the target to go:
/// a block that produces more is an error at its ulUncompSize.
fn file_block<'a>(r: &mut Reader<'a>, left: usize) -> Result<(u32, u32, &'a [u8])> {
    r.session_mut()
        .charge_items(1, "MDI_BLK count")
        .map_err(|k| r.error(k))?;
    let at = r.pos();
    let b = read_block(r)?;
    if b.1 as usize > left {
        return Err(r.error_at(
            ErrorKind::LimitExceeded {
                what: "ulUncompSize",
                value: u64::from(b.1),
                max: left as u64,
            },
            at + 8,
        ));
    }
    Ok(b)
}

/// MDI_HDR, then MDI_BLKs (framed `MDI_BLK[i]`) until their ulUncompSize
/// values add up to ulTargetSize; `f` gets each block with its offset.
fn read_container<'a>(
    r: &mut Reader<'a>,
    mut f: impl FnMut(&mut Reader<'a>, usize, (u32, u32, &'a [u8])) -> Result<()>,
) -> Result<MdiHeader> {
    let header = MdiHeader::decode(r)?;
    let target = header.target_size as usize;
    let mut produced = 0usize;
    let mut i = 0usize;
    while produced < target {
        produced += r.frame_indexed("MDI_BLK", i, |r| {
            let at = r.pos();
            let b = file_block(r, target - produced)?;
            let size = b.1 as usize;
            f(r, at, b)?;
            Ok(size)
        })?;
        i += 1;
    }
    Ok(header)
}

/// [MS-OXOAB] 2.8 the container (no decompression): MDI_HDR, then MDI_BLKs
/// until their ulUncompSize values add up to ulTargetSize (a block giving
/// more than is left is an error at its ulUncompSize); bytes after the
/// last block are a defect (strict: an error) and are kept.
impl<'a> Decode<'a> for MdiFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let mut blocks = Vec::new();
        let header = read_container(r, |r, _, (flags, uncompressed_size, data)| {
            blocks.push(MdiBlock {
                flags,
                uncompressed_size,
                data: copy_data(r, data, "ulCompSize")?,
            });
            Ok(())
        })?;
        Ok(MdiFile {
            header,
            blocks,
            trailing: trailing(r)?,
        })
    }
}

impl Encode for MdiFile {
    fn encoded_len(&self) -> usize {
        MdiHeader::SIZE
            + self.blocks.iter().map(Encode::encoded_len).sum::<usize>()
            + self.trailing.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        for b in &self.blocks {
            b.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}

/// The output of one MDI_BLK at `at` (the reader is in its frame).
fn block_output(
    r: &mut Reader<'_>,
    at: usize,
    (flags, size, data): (u32, u32, &[u8]),
    mszip: &mut MszipDecoder,
    out: &mut impl Sink,
) -> Result<()> {
    let size = size as usize;
    let data_at = at + MdiBlock::HEADER_SIZE;
    match flags {
        MdiBlock::STORED => {
            if data.len() != size {
                return Err(r.error_at(
                    ErrorKind::Malformed(
                        format!("stored block of {} bytes, ulUncompSize {size}", data.len()).into(),
                    ),
                    at,
                ));
            }
            r.session_mut()
                .charge_output(size)
                .map_err(|k| r.error_at(k, data_at))?;
            out.write(data).map_err(|e| r.locate(e, data_at))?;
            mszip.extend_history(data);
            Ok(())
        }
        MdiBlock::MSZIP => {
            r.seek(data_at)?;
            let mut w = r.sub(data.len())?;
            mszip.read_block(&mut w, size, out)
        }
        other => Err(r.invalid_at("ulFlags", u64::from(other), at)),
    }
}

/// Decompresses the compressed version 2/3 file ([MS-OXOAB] 2.8) at `r`'s
/// position into `out`, block by block, in `r`'s session; returns the
/// bytes written.
pub fn read_mdi(r: &mut Reader<'_>, out: &mut impl Sink) -> Result<u64> {
    let start = r.pos();
    let header = MdiHeader::decode(r)?;
    r.frame("MDI_HDR", |r| {
        check_target(r, header.target_size, start + 12)
    })?;
    r.seek(start)?;
    let mut mszip = MszipDecoder::new();
    read_container(r, |r, at, b| block_output(r, at, b, &mut mszip, out))?;
    Ok(u64::from(header.target_size))
}

/// Decompresses a compressed version 2/3 file ([MS-OXOAB] 2.8) into
/// `out`, streaming (32 KiB of history in memory), in a session with
/// `options`. Returns the bytes written, with the defects.
///
/// Errors: a version other than 2.1, a ulTargetSize over the output
/// budget, a block that produces more than the target has left or
/// decompresses to other than its ulUncompSize, an MSZIP block without its
/// "CK", a ulFlags other than 0 or 1, bytes after the last block (strict).
pub fn decompress_mdi_to(
    file: &[u8],
    options: &Options,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    decode_bytes_with_reader(file, options, |r| read_mdi(r, out))
}

/// [`decompress_mdi_to`] into a new vector (grown as the blocks arrive,
/// never reserved from a declared size).
pub fn decompress_mdi(file: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    let mut out = Vec::new();
    let d = decompress_mdi_to(file, options, &mut out)?;
    Ok(d.map(|_| out))
}

impl MdiFile {
    /// Decompresses every block of this value (see [`decompress_mdi`]; the
    /// value is encoded first, so offsets are those of its encoding).
    pub fn decompress(&self, options: &Options) -> Result<Decoded<Vec<u8>>> {
        decompress_mdi(&self.to_vec()?, options)
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
        let mut enc = MszipEncoder::new(9);
        for chunk in data.chunks(block_max) {
            let mut z = Vec::with_capacity(chunk.len() / 2 + 64);
            enc.encode_block(chunk, &mut z)?;
            blocks.push(MdiBlock {
                flags: MdiBlock::MSZIP,
                uncompressed_size: msox_codec::fit_u32(chunk.len(), "ulUncompSize")?,
                data: z,
            });
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
