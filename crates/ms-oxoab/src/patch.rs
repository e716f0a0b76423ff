//! [MS-OXOAB] 2.10 Compressed OAB Version 4 Differential Patch File:
//! `patch-file = PATCH_HDR 1*PATCH_BLK`.
//!
//! Each PATCH_BLK turns the next `ulSourceSize` bytes of the old full
//! details file into the next `ulTargetSize` bytes of the new one, through
//! an LZX DELTA stream ([MS-PATCH]) that an [`LzxCodec`] applies or creates.

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Decoded, Encode, Error, ErrorKind, Options, Reader, Result, Sink,
    decode_bytes_with_reader,
};

use crate::codec::{LzxCodec, patch_window_bits};
use crate::compressed::{CrcSink, check_crc, check_target, copy_data, trailing};
use crate::crc::crc32;
use crate::details::OabHeader;

/// [MS-OXOAB] 2.10.1 PATCH_HDR, defined once in `ms-patch` (with its
/// `Decode` / `Encode` impls, `SIZE`, `VERSION_HI`, `VERSION_LO`); the
/// block header alone is [MS-OXOAB] 2.10.2 [`PatchBlockHeader`]. The
/// container's rules (block sizes against ulTargetSize and ulBlockMax) are
/// ms-patch's too (`ms_patch::LzxdPatch`).
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

/// [MS-OXOAB] 2.10.2 PATCH_BLK on its own: the header and ulPatchSize
/// bytes (no check of the values: that needs the file's PATCH_HDR).
impl<'a> Decode<'a> for PatchBlock {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PATCH_BLK", |r| {
            let patch_size = r.u32_usize()?;
            let target_size = r.u32()?;
            let source_size = r.u32()?;
            let crc = r.u32()?;
            r.reserve_backed(patch_size, "ulPatchSize")?;
            let data = r.bytes(patch_size)?.to_vec();
            Ok(PatchBlock {
                target_size,
                source_size,
                crc,
                data,
            })
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

/// [MS-OXOAB] 2.10 the container (no patching), by ms-patch's rules
/// (`ms_patch::LzxdPatch`): PATCH_HDR, then PATCH_BLKs until their
/// ulTargetSize values add up to PATCH_HDR.ulTargetSize (each framed
/// `PATCH_BLK[i]` and charged to the session). Bytes after the last block
/// are a defect (strict: an error) and are kept in [`PatchFile::trailing`].
impl<'a> Decode<'a> for PatchFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let f = ms_patch::LzxdPatch::decode(r)?;
        let mut blocks = Vec::with_capacity(f.blocks.len());
        for b in &f.blocks {
            blocks.push(PatchBlock {
                target_size: b.header.target_size,
                source_size: b.header.source_size,
                crc: b.header.crc,
                data: copy_data(r, b.data, "ulPatchSize")?,
            });
        }
        Ok(PatchFile {
            header: f.header,
            blocks,
            trailing: trailing(r)?,
        })
    }
}

impl Encode for PatchFile {
    fn encoded_len(&self) -> usize {
        PatchHeader::SIZE
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

/// Applies the patch ([MS-OXOAB] 2.10) at `r`'s position to `source` (the
/// old full details file), writing the new file to `out` block by block,
/// in `r`'s session; returns the bytes written.
pub fn read_patch(
    r: &mut Reader<'_>,
    source: &[u8],
    codec: &mut dyn LzxCodec,
    out: &mut dyn Sink,
) -> Result<u64> {
    let start = r.pos();
    let header = PatchHeader::decode(r)?;
    r.frame("PATCH_HDR", |r| {
        check_target(r, header.target_size, start + 16)?;
        if header.source_size as usize != source.len() {
            return Err(r.error_at(
                ErrorKind::Malformed(
                    format!(
                        "the source file has {} bytes, the patch expects {}",
                        source.len(),
                        header.source_size
                    )
                    .into(),
                ),
                start + 12,
            ));
        }
        check_crc(
            r,
            header.source_crc,
            file_crc(source),
            start + 20,
            "the source used as it is",
        )
    })?;
    r.seek(start)?;
    let f = ms_patch::LzxdPatch::decode(r)?;
    let end = r.pos();
    let mut sink = CrcSink::new(out);
    let mut at = start + PatchHeader::SIZE;
    let mut spos = 0usize;
    for (i, b) in f.blocks.iter().enumerate() {
        r.frame_indexed("PATCH_BLK", i, |r| {
            let h = &b.header;
            let tsize = h.target_size as usize;
            let ssize = h.source_size as usize;
            let src = source
                .get(spos..spos.saturating_add(ssize))
                .ok_or_else(|| {
                    r.error_at(
                        ErrorKind::LimitExceeded {
                            what: "ulSourceSize",
                            value: ssize as u64,
                            max: source.len().saturating_sub(spos) as u64,
                        },
                        at + 8,
                    )
                })?;
            spos += ssize;
            let data_at = at + PatchBlockHeader::SIZE;
            let before = sink.written();
            sink.start_block(tsize);
            r.seek(data_at)?;
            let res = {
                let mut w = r.sub(b.data.len())?;
                codec.apply_delta(
                    &mut w,
                    src,
                    patch_window_bits(ssize, tsize),
                    tsize,
                    &mut sink,
                )
            };
            res.map_err(|e| r.locate(e, data_at))?;
            let produced = sink.written() - before;
            if produced != tsize as u64 {
                return Err(r.error_at(
                    ErrorKind::Malformed(
                        format!("patch block produced {produced} bytes, ulTargetSize is {tsize}")
                            .into(),
                    ),
                    at + 4,
                ));
            }
            check_crc(r, h.crc, sink.block_crc(), at + 12, "block data kept")
        })?;
        at += PatchBlockHeader::SIZE + b.data.len();
    }
    r.seek(end)?;
    let body = sink.body_crc();
    r.frame("PATCH_HDR", |r| {
        check_crc(r, header.target_crc, body, start + 24, "output kept")
    })?;
    Ok(sink.written())
}

/// Applies a differential patch file ([MS-OXOAB] 2.10) to `source` (the old
/// full details file) through `codec`, writing the new file to `out`
/// block by block, in a session with `options`. Returns the bytes written,
/// with the defects.
///
/// Errors: what the container's decoding refuses ([`PatchFile`]), a
/// ulTargetSize over the output budget, a source whose size is not
/// PATCH_HDR.ulSourceSize, a block whose source runs past the end of
/// `source`, a block that does not produce its ulTargetSize, bytes after
/// the last block (strict). Defects (errors in strict mode): a CRC that
/// does not match (ulSourceCRC over `source`, each block's ulCRC,
/// ulTargetCRC over the result; header CRCs leave out the 12-byte OAB_HDR,
/// [`file_crc`]), bytes after the last block.
pub fn apply_patch_to(
    source: &[u8],
    patch: &[u8],
    codec: &mut dyn LzxCodec,
    options: &Options,
    out: &mut dyn Sink,
) -> Result<Decoded<u64>> {
    decode_bytes_with_reader(patch, options, |r| read_patch(r, source, codec, out))
}

/// [`apply_patch_to`] into a new vector (grown as the blocks arrive).
pub fn apply_patch(
    source: &[u8],
    patch: &[u8],
    codec: &mut dyn LzxCodec,
    options: &Options,
) -> Result<Decoded<Vec<u8>>> {
    let mut out = Vec::new();
    let d = apply_patch_to(source, patch, codec, options, &mut out)?;
    Ok(d.map(|_| out))
}

impl PatchFile {
    /// Applies this patch to `source` (see [`apply_patch`]; the value is
    /// encoded first, so offsets are those of its encoding).
    pub fn apply(
        &self,
        source: &[u8],
        codec: &mut dyn LzxCodec,
        options: &Options,
    ) -> Result<Decoded<Vec<u8>>> {
        apply_patch(source, &self.to_vec()?, codec, options)
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
