//! LZXD files and LZX DELTA patches: the containers Exchange sends offline
//! address books in ([MS-OXOAB] 2.11 `LZX_HDR` / `LZX_BLK`, a compressed
//! file, version 3.1; [MS-OXOAB] 2.12 `PATCH_HDR` / `PATCH_BLK`, a
//! differential patch, version 3.2), whose block data is the LZXD bitstream
//! of [MS-PATCH].
//!
//! Window size per block, as libmspack chooses it (the containers do not
//! say): the smallest power of two of at least 2^17 that holds the block's
//! output (for a patch: its source rounded up to 32 KiB plus its output),
//! at most 2^25. Patch blocks take their reference data from the base file
//! in order: block *k* uses the `ulSourceSize` bytes that follow block
//! *k-1*'s.

use msox_codec::{Error, ErrorKind, Limits, Reader, Result, ResultExt};

use crate::decode::{DecodeOptions, StreamParams, decompress};

/// CRC-32 (reflected, polynomial 0xEDB88320) as LZXD files use it:
/// initial value 0xFFFFFFFF and no final complement.
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(0xFFFF_FFFF, data)
}

/// Continues a CRC (see [`crc32`]); eight bytes per step.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    msox_codec::crc::update(crc, data)
}

/// [MS-OXOAB] 2.11 `LZX_HDR`: the header of an LZXD compressed file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxHeader {
    /// `ulVersionHi` (3).
    pub version_hi: u32,
    /// `ulVersionLo` (1).
    pub version_lo: u32,
    /// `ulBlockMax`: the largest block, compressed or not.
    pub block_max: u32,
    /// `ulTargetSize`: size of the decompressed file.
    pub target_size: u32,
}

/// [MS-OXOAB] 2.11 `LZX_BLK`: the header of one block of an LZXD file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxBlockHeader {
    /// `ulFlags`: 1 = LZXD data, 0 = stored.
    pub flags: u32,
    /// `ulCompSize`: bytes of data after this header.
    pub comp_size: u32,
    /// `ulUncompSize`: bytes the block decompresses to.
    pub uncomp_size: u32,
    /// `ulCRC`: [`crc32`] of the decompressed bytes.
    pub crc: u32,
}

/// [MS-OXOAB] 2.12 `PATCH_HDR`: the header of an LZX DELTA patch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchHeader {
    /// `ulVersionHi` (3).
    pub version_hi: u32,
    /// `ulVersionLo` (2).
    pub version_lo: u32,
    /// `ulBlockMax`: the largest block (source or target).
    pub block_max: u32,
    /// `ulSourceSize`: size of the base (old) file.
    pub source_size: u32,
    /// `ulTargetSize`: size of the patched (new) file.
    pub target_size: u32,
    /// `ulSourceCRC`: [`crc32`] of the base file.
    pub source_crc: u32,
    /// `ulTargetCRC`: [`crc32`] of the patched file.
    pub target_crc: u32,
}

/// [MS-OXOAB] 2.12 `PATCH_BLK`: the header of one patch block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchBlockHeader {
    /// `ulPatchSize`: bytes of LZXD data after this header.
    pub patch_size: u32,
    /// `ulTargetSize`: bytes this block produces.
    pub target_size: u32,
    /// `ulSourceSize`: bytes of the base file used as reference data.
    pub source_size: u32,
    /// `ulCRC`: [`crc32`] of the bytes produced.
    pub crc: u32,
}

/// Options for reading LZXD files and patches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FileOptions {
    /// The largest output allowed.
    pub max_output: usize,
    /// Check block CRCs (and a patch's source and target CRCs).
    pub verify_crc: bool,
}

impl Default for FileOptions {
    fn default() -> Self {
        Self::from_limits(&Limits::DEFAULT)
    }
}

impl FileOptions {
    /// CRCs checked, output capped by `limits`.
    pub const fn from_limits(limits: &Limits) -> Self {
        Self {
            max_output: limits.max_output,
            verify_crc: true,
        }
    }
}

/// Window bits for a block whose window must hold `size` bytes.
pub fn window_bits_for(size: usize) -> u8 {
    let mut bits = 17u8;
    while bits < 25 && (1usize << bits) < size {
        bits += 1;
    }
    bits
}

fn check_crc(stored: u32, data: &[u8], opts: &FileOptions, at: usize) -> Result<()> {
    if opts.verify_crc {
        let computed = crc32(data);
        if computed != stored {
            return Err(Error::at_offset(
                ErrorKind::ChecksumMismatch {
                    stored: u64::from(stored),
                    computed: u64::from(computed),
                },
                at,
            ));
        }
    }
    Ok(())
}

impl LzxHeader {
    /// Encoded size.
    pub const SIZE: usize = 16;

    fn read(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Self {
            version_hi: r.u32()?,
            version_lo: r.u32()?,
            block_max: r.u32()?,
            target_size: r.u32()?,
        })
    }

    /// The 16 header bytes.
    pub fn to_bytes(&self) -> [u8; 16] {
        let mut b = [0u8; 16];
        for (i, v) in [
            self.version_hi,
            self.version_lo,
            self.block_max,
            self.target_size,
        ]
        .iter()
        .enumerate()
        {
            if let Some(s) = b.get_mut(i * 4..i * 4 + 4) {
                s.copy_from_slice(&v.to_le_bytes());
            }
        }
        b
    }
}

impl PatchHeader {
    /// Encoded size.
    pub const SIZE: usize = 28;

    fn read(r: &mut Reader<'_>) -> Result<Self> {
        Ok(Self {
            version_hi: r.u32()?,
            version_lo: r.u32()?,
            block_max: r.u32()?,
            source_size: r.u32()?,
            target_size: r.u32()?,
            source_crc: r.u32()?,
            target_crc: r.u32()?,
        })
    }

    /// The 28 header bytes.
    pub fn to_bytes(&self) -> [u8; 28] {
        let mut b = [0u8; 28];
        for (i, v) in [
            self.version_hi,
            self.version_lo,
            self.block_max,
            self.source_size,
            self.target_size,
            self.source_crc,
            self.target_crc,
        ]
        .iter()
        .enumerate()
        {
            if let Some(s) = b.get_mut(i * 4..i * 4 + 4) {
                s.copy_from_slice(&v.to_le_bytes());
            }
        }
        b
    }
}

/// Whether `bytes` start like an LZXD file (version 3.1) or patch (3.2):
/// returns the low version.
pub fn detect(bytes: &[u8]) -> Option<u32> {
    let hi = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?);
    let lo = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    (hi == 3 && (lo == 1 || lo == 2)).then_some(lo)
}

/// Decompresses an LZXD file ([MS-OXOAB] 2.11, version 3.1).
pub fn decompress_file(input: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    decompress_file_inner(input, opts).map_err(|e| e.resolve(input.len()))
}

fn decompress_file_inner(input: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    let mut r = Reader::new(input);
    let h = LzxHeader::read(&mut r).context("LZX_HDR")?;
    if h.version_hi != 3 || h.version_lo != 1 {
        return Err(r
            .error_at(
                ErrorKind::BadSignature {
                    expected: 0x0000_0001_0000_0003,
                    found: u64::from(h.version_hi) | (u64::from(h.version_lo) << 32),
                },
                0,
            )
            .context("LZX_HDR"));
    }
    let target = h.target_size as usize;
    if target > opts.max_output {
        return Err(r
            .error_at(
                ErrorKind::LimitExceeded {
                    what: "output size",
                    value: target as u64,
                    max: opts.max_output as u64,
                },
                12,
            )
            .context("LZX_HDR"));
    }
    let mut out = Vec::with_capacity(target.min(input.len().saturating_mul(16)));
    while out.len() < target {
        let at = r.pos();
        let b = (|| -> Result<LzxBlockHeader> {
            Ok(LzxBlockHeader {
                flags: r.u32()?,
                comp_size: r.u32()?,
                uncomp_size: r.u32()?,
                crc: r.u32()?,
            })
        })()
        .context("LZX_BLK")?;
        let dsize = b.uncomp_size as usize;
        if b.uncomp_size > h.block_max || dsize > target - out.len() || b.flags > 1 {
            return Err(r
                .error_at(
                    ErrorKind::Malformed(
                        "LZX_BLK: flags over 1, or size over ulBlockMax or the target".into(),
                    ),
                    at,
                )
                .context("LZX_BLK"));
        }
        let data_at = r.pos();
        let data = r.bytes(b.comp_size as usize).context("LZX_BLK")?;
        let start = out.len();
        if b.flags == 0 {
            if data.len() != dsize {
                return Err(r
                    .error_at(
                        ErrorKind::Malformed("stored LZX_BLK sizes differ".into()),
                        at,
                    )
                    .context("LZX_BLK"));
            }
            out.extend_from_slice(data);
        } else {
            let params = StreamParams::lzxd(window_bits_for(dsize));
            let block = decompress(
                data,
                dsize,
                &params,
                &[],
                &DecodeOptions {
                    max_output: opts.max_output,
                },
            )
            .map_err(|e| e.shift(data_at).context("LZX_BLK"))?;
            if out.is_empty() {
                out = block;
            } else {
                out.extend_from_slice(&block);
            }
        }
        check_crc(b.crc, out.get(start..).unwrap_or_default(), opts, at + 12).context("LZX_BLK")?;
        if dsize == 0 && b.comp_size == 0 && r.is_empty() {
            break;
        }
    }
    Ok(out)
}

/// Applies an LZX DELTA patch ([MS-OXOAB] 2.12, version 3.2) to `base`.
pub fn apply_patch(patch: &[u8], base: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    apply_patch_inner(patch, base, opts).map_err(|e| e.resolve(patch.len()))
}

fn apply_patch_inner(patch: &[u8], base: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    let mut r = Reader::new(patch);
    let h = PatchHeader::read(&mut r).context("PATCH_HDR")?;
    if h.version_hi != 3 || h.version_lo != 2 {
        return Err(r
            .error_at(
                ErrorKind::BadSignature {
                    expected: 0x0000_0002_0000_0003,
                    found: u64::from(h.version_hi) | (u64::from(h.version_lo) << 32),
                },
                0,
            )
            .context("PATCH_HDR"));
    }
    let target = h.target_size as usize;
    if target > opts.max_output {
        return Err(r
            .error_at(
                ErrorKind::LimitExceeded {
                    what: "output size",
                    value: target as u64,
                    max: opts.max_output as u64,
                },
                16,
            )
            .context("PATCH_HDR"));
    }
    if opts.verify_crc && h.source_size as usize == base.len() {
        check_crc(h.source_crc, base, opts, 20).context("PATCH_HDR.ulSourceCRC")?;
    }
    let mut out = Vec::with_capacity(target.min(patch.len().saturating_mul(16) + base.len()));
    let mut base_pos = 0usize;
    while out.len() < target {
        let at = r.pos();
        let b = (|| -> Result<PatchBlockHeader> {
            Ok(PatchBlockHeader {
                patch_size: r.u32()?,
                target_size: r.u32()?,
                source_size: r.u32()?,
                crc: r.u32()?,
            })
        })()
        .context("PATCH_BLK")?;
        let dsize = b.target_size as usize;
        let ssize = b.source_size as usize;
        let block_max = h.block_max.max(16);
        if b.target_size > block_max || dsize > target - out.len() || b.source_size > block_max {
            return Err(r
                .error_at(
                    ErrorKind::Malformed("PATCH_BLK: size over ulBlockMax or the target".into()),
                    at,
                )
                .context("PATCH_BLK"));
        }
        let reference = base
            .get(base_pos..base_pos.saturating_add(ssize))
            .ok_or_else(|| {
                r.error_at(
                    ErrorKind::UnexpectedEnd {
                        needed: ssize as u64,
                        available: base.len().saturating_sub(base_pos) as u64,
                    },
                    at + 8,
                )
                .context("PATCH_BLK.ulSourceSize")
            })?;
        base_pos += ssize;
        let data_at = r.pos();
        let data = r.bytes(b.patch_size as usize).context("PATCH_BLK")?;
        let window = ssize.div_ceil(32768) * 32768 + dsize;
        let params = StreamParams::lzxd(window_bits_for(window));
        let block = decompress(
            data,
            dsize,
            &params,
            reference,
            &DecodeOptions {
                max_output: opts.max_output,
            },
        )
        .map_err(|e| e.shift(data_at).context("PATCH_BLK"))?;
        check_crc(b.crc, &block, opts, at + 12).context("PATCH_BLK")?;
        if out.is_empty() {
            out = block;
        } else {
            out.extend_from_slice(&block);
        }
        if dsize == 0 && b.patch_size == 0 && r.is_empty() {
            break;
        }
    }
    check_crc(h.target_crc, &out, opts, 24).context("PATCH_HDR.ulTargetCRC")?;
    Ok(out)
}

/// Settings for writing LZXD files and patches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WriteOptions {
    /// The LZX encoder's settings.
    pub encode: crate::encode::EncodeOptions,
    /// Largest block (`ulBlockMax`) of a compressed file: each block is an
    /// independent LZXD stream whose window covers it (at most 2^25).
    pub block_max: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        Self {
            encode: crate::encode::EncodeOptions::default(),
            block_max: 8 << 20,
        }
    }
}

impl WriteOptions {
    /// The defaults at effort `level` (1..=9).
    pub fn level(level: u8) -> Self {
        Self {
            encode: crate::encode::EncodeOptions::level(level),
            ..Self::default()
        }
    }
}

fn u32_of(v: usize, field: &'static str) -> Result<u32> {
    u32::try_from(v).map_err(|_| Error::too_large(field, v as u64, u64::from(u32::MAX)))
}

/// Writes `data` as an LZXD file ([MS-OXOAB] 2.11, version 3.1). Blocks
/// that do not shrink are stored (`ulFlags` 0).
pub fn compress_file(data: &[u8], opts: &WriteOptions) -> Result<Vec<u8>> {
    let block_max = opts.block_max.clamp(1, 1 << 25);
    let header = LzxHeader {
        version_hi: 3,
        version_lo: 1,
        // The largest block actually written.
        block_max: u32_of(block_max.min(data.len()), "ulBlockMax")?,
        target_size: u32_of(data.len(), "ulTargetSize")?,
    };
    let mut out = header.to_bytes().to_vec();
    for block in data.chunks(block_max) {
        let params = StreamParams::lzxd(window_bits_for(block.len()));
        let z = crate::encode::compress(block, &params, &[], &opts.encode)?;
        let crc = crc32(block);
        let (flags, body) = if z.len() < block.len() {
            (1u32, z.as_slice())
        } else {
            (0u32, block)
        };
        for v in [
            flags,
            u32_of(body.len(), "ulCompSize")?,
            u32_of(block.len(), "ulUncompSize")?,
            crc,
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// Creates an LZX DELTA patch ([MS-OXOAB] 2.12, version 3.2) that turns
/// `old` into `new`: `new` compressed with `old` as reference data. Files
/// whose source and target do not fit one 32 MiB window together are cut
/// into blocks, each pairing a slice of `old` with the same share of `new`.
/// Extended match lengths are used unless turned off in `opts`.
pub fn create_patch(old: &[u8], new: &[u8], opts: &WriteOptions) -> Result<Vec<u8>> {
    const WINDOW: usize = 1 << 25;
    let mut blocks = 1usize;
    loop {
        let s = old.len().div_ceil(blocks);
        let d = new.len().div_ceil(blocks);
        if s.div_ceil(32768) * 32768 + d <= WINDOW || blocks > 1 << 16 {
            break;
        }
        blocks += 1;
    }
    let s_len = old.len().div_ceil(blocks).max(1);
    let d_len = new.len().div_ceil(blocks).max(1);
    let olds: Vec<&[u8]> = old.chunks(s_len).collect();
    let news: Vec<&[u8]> = new.chunks(d_len).collect();
    let block_max = s_len.max(d_len).max(16);
    let header = PatchHeader {
        version_hi: 3,
        version_lo: 2,
        block_max: u32_of(block_max, "ulBlockMax")?,
        source_size: u32_of(old.len(), "ulSourceSize")?,
        target_size: u32_of(new.len(), "ulTargetSize")?,
        source_crc: crc32(old),
        target_crc: crc32(new),
    };
    let mut out = header.to_bytes().to_vec();
    let mut enc = opts.encode;
    enc.extended_lengths = true;
    for (i, target) in news.iter().enumerate() {
        let source: &[u8] = olds.get(i).copied().unwrap_or_default();
        let window = source.len().div_ceil(32768) * 32768 + target.len();
        let params = StreamParams::lzxd(window_bits_for(window));
        let z = crate::encode::compress(target, &params, source, &enc)?;
        for v in [
            u32_of(z.len(), "ulPatchSize")?,
            u32_of(target.len(), "ulTargetSize")?,
            u32_of(source.len(), "ulSourceSize")?,
            crc32(target),
        ] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out.extend_from_slice(&z);
    }
    Ok(out)
}
