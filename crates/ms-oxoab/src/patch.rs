//! [MS-OXOAB] 2.10 Compressed OAB Version 4 Differential Patch File:
//! `patch-file = PATCH_HDR 1*PATCH_BLK`.
//!
//! Each PATCH_BLK turns the next `ulSourceSize` bytes of the old full
//! details file into the next `ulTargetSize` bytes of the new one, through
//! an LZX DELTA stream ([MS-PATCH]) that an [`LzxCodec`] applies or creates.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Limits, PResult, Reader, Result, ResultExt};

use crate::codec::{LzxCodec, patch_window_bits};
use crate::crc::crc32;
use crate::details::{DecodeOptions, OabHeader};
use crate::encoding::Defect;

/// [MS-OXOAB] 2.10.1 PATCH_HDR, defined once in `ms-patch` (with its
/// `Decode` / `Encode` impls, `SIZE`, `VERSION_HI`, `VERSION_LO`); the
/// block header alone is [MS-OXOAB] 2.10.2 [`PatchBlockHeader`].
pub use ms_patch::lzxd::{PatchBlockHeader, PatchHeader};

/// [MS-OXOAB] 2.10.2 PATCH_BLK: one block, its [`PatchBlockHeader`] fields
/// and its data (ulPatchSize is `data.len()`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchBlock {
    /// ulTargetSize: bytes of the new file this block produces.
    pub target_size: u32,
    /// ulSourceSize: bytes of the old file this block reads.
    pub source_size: u32,
    /// ulCRC: the CRC of the target block.
    pub crc: u32,
    /// data: the LZX DELTA stream.
    pub data: Vec<u8>,
}

impl PatchBlock {
    /// Size of the block header.
    pub const HEADER_SIZE: usize = PatchBlockHeader::SIZE;

    /// The block's 16-byte header (ulPatchSize from `data.len()`).
    pub fn header(&self) -> Result<PatchBlockHeader> {
        Ok(PatchBlockHeader {
            patch_size: msox_codec::fit_u32(self.data.len(), "ulPatchSize")?,
            target_size: self.target_size,
            source_size: self.source_size,
            crc: self.crc,
        })
    }
}

impl<'a> Decode<'a> for PatchBlock {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let h: PatchBlockHeader = r.decode()?;
        let data = r
            .bytes(h.patch_size as usize)
            .context("PATCH_BLK")?
            .to_vec();
        r.finish(PatchBlock {
            target_size: h.target_size,
            source_size: h.source_size,
            crc: h.crc,
            data,
        })
    }
}

impl Encode for PatchBlock {
    fn encoded_len(&self) -> usize {
        Self::HEADER_SIZE + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header()?.encode(buf)?;
        buf.put_slice(&self.data);
        Ok(())
    }
}

/// [MS-OXOAB] 2.10 a differential patch file: PATCH_HDR, the blocks, and
/// any bytes after the block that completes ulTargetSize (kept).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchFile {
    /// PATCH_HDR.
    pub header: PatchHeader,
    /// The PATCH_BLK structures.
    pub blocks: Vec<PatchBlock>,
    /// Bytes after the last block (none in a valid file).
    pub trailing: Vec<u8>,
}

/// The CRC the patch header carries for a whole file: the file without its
/// 12-byte OAB_HDR ([MS-OXOAB] 2.10.1), the same function `ms-patch`'s
/// `apply_patch` / `create_patch` use.
pub use ms_patch::lzxd::file_crc;

// ms-patch cannot see OabHeader (it does not depend on this crate): its
// OAB_HDR size must be ours.
const _: () = assert!(ms_patch::lzxd::OAB_HDR_SIZE == OabHeader::SIZE);

impl PatchFile {
    /// Reads the container: blocks until their ulTargetSize values add up
    /// to PATCH_HDR.ulTargetSize.
    pub fn decode_limited(input: &[u8], limits: &Limits) -> Result<Self> {
        let mut r = Reader::new(input);
        let header: PatchHeader = r.decode().map_err(|e| e.resolve(input.len()))?;
        let blocks = crate::compressed::read_blocks(
            &mut r,
            input,
            header.target_size,
            limits,
            &crate::compressed::BlockSizes {
                size: |b: &PatchBlock| b.target_size,
                field: ("ulTargetSize", 4),
                names: ("PATCH_BLK", "PatchFile"),
            },
        )?;
        let trailing = r.take_rest().to_vec();
        Ok(PatchFile {
            header,
            blocks,
            trailing,
        })
    }

    /// Applies the patch to `source` (the old full details file) through
    /// `codec`; checks sizes and every CRC, and returns the new file with
    /// the defects a lenient decode accepted.
    pub fn apply(
        &self,
        source: &[u8],
        codec: &mut dyn LzxCodec,
        opts: &DecodeOptions,
    ) -> Result<(Vec<u8>, Vec<Defect>)> {
        let mut defects = Vec::new();
        let check =
            |stored: u32, computed: u32, offset: usize, defects: &mut Vec<Defect>| -> Result<()> {
                if stored == computed {
                    return Ok(());
                }
                if opts.strict {
                    return Err(Error::at_offset(
                        ErrorKind::ChecksumMismatch {
                            stored: u64::from(stored),
                            computed: u64::from(computed),
                        },
                        offset,
                    ));
                }
                defects.push(Defect::CrcMismatch {
                    offset,
                    stored,
                    computed,
                });
                Ok(())
            };
        if source.len() != self.header.source_size as usize {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "the source file has {} bytes, the patch expects {}",
                    source.len(),
                    self.header.source_size
                )
                .into(),
            ))
            .context("PATCH_HDR"));
        }
        check(self.header.source_crc, file_crc(source), 20, &mut defects)
            .map_err(|e| e.context("PATCH_HDR"))?;
        let target = self.header.target_size as usize;
        opts.limits.check_output(target)?;
        let mut out = Vec::with_capacity(target.min(opts.limits.max_alloc));
        let mut spos = 0usize;
        let mut at = PatchHeader::SIZE;
        for b in &self.blocks {
            let ssize = b.source_size as usize;
            let tsize = b.target_size as usize;
            let src = source
                .get(spos..spos.saturating_add(ssize))
                .ok_or_else(|| {
                    Error::at_offset(
                        ErrorKind::InvalidValue {
                            field: "ulSourceSize",
                            value: ssize as u64,
                        },
                        at + 8,
                    )
                    .context("PATCH_BLK")
                })?;
            spos += ssize;
            let start = out.len();
            opts.limits.check_output(start.saturating_add(tsize))?;
            codec
                .apply_delta(
                    &b.data,
                    src,
                    patch_window_bits(ssize, tsize),
                    tsize,
                    &mut out,
                )
                .map_err(|e| e.shift(at + PatchBlock::HEADER_SIZE).context("PATCH_BLK"))?;
            if out.len() != start + tsize {
                return Err(Error::at_offset(
                    ErrorKind::Malformed(
                        format!(
                            "patch block produced {} bytes, ulTargetSize is {tsize}",
                            out.len() - start
                        )
                        .into(),
                    ),
                    at,
                )
                .context("PATCH_BLK"));
            }
            check(
                b.crc,
                crc32(out.get(start..).unwrap_or_default()),
                at + 12,
                &mut defects,
            )
            .map_err(|e| e.context("PATCH_BLK"))?;
            at += b.encoded_len();
        }
        check(self.header.target_crc, file_crc(&out), 24, &mut defects)
            .map_err(|e| e.context("PATCH_HDR"))?;
        Ok((out, defects))
    }

    /// Creates a patch from `source` to `target` through `codec`: the
    /// target is cut into blocks of at most `block_max` bytes, block *i*
    /// reading the same stretch of the source (empty past its end).
    ///
    /// `ms_patch::create_patch` cuts differently: into as few blocks as fit
    /// the 32 MiB window, each pairing an equal share of the source with the
    /// same share of the target. Both layouts are valid (a reader takes each
    /// block's ulSourceSize bytes in order) and both write the same header
    /// CRCs ([`file_crc`]); this one follows the caller's `block_max`.
    pub fn create(
        source: &[u8],
        target: &[u8],
        block_max: usize,
        codec: &mut dyn LzxCodec,
    ) -> Result<Self> {
        if block_max == 0 {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "ulBlockMax",
                value: 0,
            }));
        }
        let mut blocks = Vec::with_capacity(target.len().div_ceil(block_max));
        let mut largest = 0;
        for (i, t) in target.chunks(block_max).enumerate() {
            let from = (i * block_max).min(source.len());
            let s = source
                .get(from..(from + block_max).min(source.len()))
                .unwrap_or_default();
            let mut data = Vec::new();
            codec.create_delta(s, t, patch_window_bits(s.len(), t.len()), &mut data)?;
            largest = largest.max(data.len()).max(s.len()).max(t.len());
            blocks.push(PatchBlock {
                target_size: msox_codec::fit_u32(t.len(), "ulTargetSize")?,
                source_size: msox_codec::fit_u32(s.len(), "ulSourceSize")?,
                crc: crc32(t),
                data,
            });
        }
        Ok(PatchFile {
            header: PatchHeader {
                version_hi: PatchHeader::VERSION_HI,
                version_lo: PatchHeader::VERSION_LO,
                block_max: msox_codec::fit_u32(largest, "ulBlockMax")?,
                source_size: msox_codec::fit_u32(source.len(), "ulSourceSize")?,
                target_size: msox_codec::fit_u32(target.len(), "ulTargetSize")?,
                source_crc: file_crc(source),
                target_crc: file_crc(target),
            },
            blocks,
            trailing: Vec::new(),
        })
    }
}

block_container_codec!(PatchFile, PatchHeader, "a patch file");

/// Applies a differential patch file to `source` (lenient, default limits).
pub fn apply_patch(source: &[u8], patch: &[u8], codec: &mut dyn LzxCodec) -> Result<Vec<u8>> {
    let opts = DecodeOptions::default();
    let p = PatchFile::decode_limited(patch, &opts.limits)?;
    p.apply(source, codec, &opts).map(|(v, _)| v)
}
