//! LZXD files and LZX DELTA patches: the containers Exchange sends offline
//! address books in ([MS-OXOAB] 2.11 `LZX_HDR` / `LZX_BLK`, a compressed
//! file, version 3.1; [MS-OXOAB] 2.10 `PATCH_HDR` / `PATCH_BLK`, a
//! differential patch, version 3.2), whose block data is the LZXD bitstream
//! of [MS-PATCH].
//!
//! The header and block-header structures ([`LzxHeader`],
//! [`LzxBlockHeader`], [`PatchHeader`], [`PatchBlockHeader`]) are defined
//! here once, with their `msox_codec` [`Decode`] / [`Encode`] impls; the
//! `ms-oxoab` crate re-exports them and builds its container types
//! (blocks with their data, lenient defects, a pluggable codec) on them.
//!
//! Window size per block, as libmspack chooses it (the containers do not
//! say): the smallest power of two of at least 2^17 that holds the block's
//! output (for a patch: its source rounded up to 32 KiB plus its output),
//! at most 2^25 ([`window_bits_for`], [`patch_window_bits`]). Patch blocks
//! take their reference data from the base file in order: block *k* uses
//! the `ulSourceSize` bytes that follow block *k-1*'s.
//!
//! CRCs ([MS-OXOAB] 2): polynomial 0xEDB88320, register seeded with
//! 0xFFFFFFFF, no final complement ([`crc32`]). A block's `ulCRC` covers the
//! bytes the block produces; a patch header's `ulSourceCRC` and
//! `ulTargetCRC` cover the whole source and target files *except their
//! first 12 bytes*, the `OAB_HDR` ([MS-OXOAB] 2.10.1; [`file_crc`]).

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Limits, PResult, Reader, Result, ResultExt};

use crate::decode::{DecodeOptions, StreamParams, decompress};

/// [MS-OXOAB] 2 Structures: the CRC of every OAB structure (LZX_BLK and
/// PATCH_BLK `ulCRC`, PATCH_HDR `ulSourceCRC` / `ulTargetCRC`, the version 4
/// details file's `ulSerial`): the IEEE 802.3 polynomial 0xEDB88320
/// (reflected), register seeded with 0xFFFFFFFF and **not** complemented at
/// the end — the bitwise complement of the zlib/PNG CRC-32 of the same
/// bytes.
///
/// ```
/// // The complement of the well-known CRC-32 check value of "123456789".
/// assert_eq!(ms_patch::lzxd::crc32(b"123456789"), !0xCBF4_3926);
/// ```
pub fn crc32(data: &[u8]) -> u32 {
    crc32_update(0xFFFF_FFFF, data)
}

/// Continues a CRC (see [`crc32`]): `crc32_update(crc32(a), b) ==
/// crc32(a ++ b)`; eight bytes per step.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    msox_codec::crc::update(crc, data)
}

/// Size of the `OAB_HDR` that starts an uncompressed OAB file ([MS-OXOAB]
/// 2.9.1: `ulVersion`, `ulSerial`, `ulTotRecs`), which the patch header's
/// file CRCs leave out.
pub const OAB_HDR_SIZE: usize = 12;

/// [MS-OXOAB] 2.10.1 PATCH_HDR `ulSourceCRC` / `ulTargetCRC`: the [`crc32`]
/// of a whole (uncompressed) file excluding its `OAB_HDR`, that is of
/// `file[12..]`; a file shorter than 12 bytes gives the CRC of nothing
/// (0xFFFFFFFF).
///
/// ```
/// use ms_patch::lzxd::{crc32, file_crc};
/// let file = b"\x0a\0\0\0SERL\x02\0\0\0the records";
/// assert_eq!(file_crc(file), crc32(b"the records"));
/// assert_eq!(file_crc(b"short"), crc32(b""));
/// ```
pub fn file_crc(file: &[u8]) -> u32 {
    crc32(file_body(file))
}

/// `N` little-endian `u32`s from `r`, in order, with `what` as context.
fn read_u32s<const N: usize>(r: &mut Reader<'_>, what: &'static str) -> Result<[u32; N]> {
    let mut f = [0u32; N];
    for v in &mut f {
        *v = r.u32().context(what)?;
    }
    Ok(f)
}

/// The version check of both file headers: `ulVersionHi` 3 and
/// `ulVersionLo` `lo`.
fn check_version(r: &Reader<'_>, hi: u32, lo: u32, want_lo: u32, what: &'static str) -> Result<()> {
    if (hi, lo) == (3, want_lo) {
        return Ok(());
    }
    Err(r
        .error_at(
            ErrorKind::BadSignature {
                expected: (u64::from(want_lo) << 32) | 3,
                found: (u64::from(lo) << 32) | u64::from(hi),
            },
            0,
        )
        .context(what))
}

/// [MS-OXOAB] 2.11.1 LZX_HDR: the header of a compressed OAB file (an LZXD
/// file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxHeader {
    /// `ulVersionHi`: 3 ([`LzxHeader::VERSION_HI`]).
    pub version_hi: u32,
    /// `ulVersionLo`: 1 ([`LzxHeader::VERSION_LO`]).
    pub version_lo: u32,
    /// `ulBlockMax`: the largest block, compressed or not, in bytes.
    pub block_max: u32,
    /// `ulTargetSize`: the size of the decompressed file.
    pub target_size: u32,
}

/// [MS-OXOAB] 2.11.2 LZX_BLK: the 16-byte header of one block of a
/// compressed OAB file; `ulCompSize` bytes of data follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxBlockHeader {
    /// `ulFlags`: [`LzxBlockHeader::COMPRESSED`] (1, LZXD data) or
    /// [`LzxBlockHeader::UNCOMPRESSED`] (0, stored).
    pub flags: u32,
    /// `ulCompSize`: bytes of data after this header.
    pub comp_size: u32,
    /// `ulUncompSize`: bytes the block decompresses to.
    pub uncomp_size: u32,
    /// `ulCRC`: [`crc32`] of the decompressed bytes of this block.
    pub crc: u32,
}

/// [MS-OXOAB] 2.10.1 PATCH_HDR: the header of a differential patch file
/// (an LZX DELTA patch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchHeader {
    /// `ulVersionHi`: 3 ([`PatchHeader::VERSION_HI`]).
    pub version_hi: u32,
    /// `ulVersionLo`: 2 ([`PatchHeader::VERSION_LO`]).
    pub version_lo: u32,
    /// `ulBlockMax`: the largest source block, target block or patch data.
    pub block_max: u32,
    /// `ulSourceSize`: size of the base (old) file.
    pub source_size: u32,
    /// `ulTargetSize`: size of the patched (new) file.
    pub target_size: u32,
    /// `ulSourceCRC`: [`file_crc`] of the base file — its [`crc32`]
    /// excluding the 12-byte `OAB_HDR`.
    pub source_crc: u32,
    /// `ulTargetCRC`: [`file_crc`] of the patched file — its [`crc32`]
    /// excluding the 12-byte `OAB_HDR`.
    pub target_crc: u32,
}

/// [MS-OXOAB] 2.10.2 PATCH_BLK: the 16-byte header of one patch block;
/// `ulPatchSize` bytes of LZX DELTA data follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PatchBlockHeader {
    /// `ulPatchSize`: bytes of LZXD data after this header.
    pub patch_size: u32,
    /// `ulTargetSize`: bytes this block produces.
    pub target_size: u32,
    /// `ulSourceSize`: bytes of the base file used as reference data.
    pub source_size: u32,
    /// `ulCRC`: [`crc32`] of the bytes this block produces.
    pub crc: u32,
}

impl LzxHeader {
    /// Encoded size.
    pub const SIZE: usize = 16;
    /// `ulVersionHi` of a compressed file.
    pub const VERSION_HI: u32 = 3;
    /// `ulVersionLo` of a compressed file.
    pub const VERSION_LO: u32 = 1;

    /// The 16 header bytes.
    pub fn to_bytes(&self) -> [u8; 16] {
        le_words([
            self.version_hi,
            self.version_lo,
            self.block_max,
            self.target_size,
        ])
    }
}

impl<'a> Decode<'a> for LzxHeader {
    /// Reads the 16 bytes; a version other than 3.1 is a
    /// [`ErrorKind::BadSignature`] at offset 0.
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let [version_hi, version_lo] = read_u32s(&mut r, "LZX_HDR")?;
        check_version(&r, version_hi, version_lo, Self::VERSION_LO, "LZX_HDR")?;
        let [block_max, target_size] = read_u32s(&mut r, "LZX_HDR")?;
        r.finish(LzxHeader {
            version_hi,
            version_lo,
            block_max,
            target_size,
        })
    }
}

impl Encode for LzxHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.to_bytes());
        Ok(())
    }
}

impl LzxBlockHeader {
    /// Encoded size.
    pub const SIZE: usize = 16;
    /// `ulFlags`: the data is the block as it is.
    pub const UNCOMPRESSED: u32 = 0;
    /// `ulFlags`: the data is an LZXD stream ([MS-PATCH]).
    pub const COMPRESSED: u32 = 1;
}

impl<'a> Decode<'a> for LzxBlockHeader {
    /// Reads the 16 bytes (no check of the values).
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let [flags, comp_size, uncomp_size, crc] = read_u32s(&mut r, "LZX_BLK")?;
        r.finish(LzxBlockHeader {
            flags,
            comp_size,
            uncomp_size,
            crc,
        })
    }
}

impl Encode for LzxBlockHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&le_words::<4, 16>([
            self.flags,
            self.comp_size,
            self.uncomp_size,
            self.crc,
        ]));
        Ok(())
    }
}

impl PatchHeader {
    /// Encoded size.
    pub const SIZE: usize = 28;
    /// `ulVersionHi` of a patch file.
    pub const VERSION_HI: u32 = 3;
    /// `ulVersionLo` of a patch file.
    pub const VERSION_LO: u32 = 2;

    /// The 28 header bytes.
    pub fn to_bytes(&self) -> [u8; 28] {
        le_words([
            self.version_hi,
            self.version_lo,
            self.block_max,
            self.source_size,
            self.target_size,
            self.source_crc,
            self.target_crc,
        ])
    }
}

impl<'a> Decode<'a> for PatchHeader {
    /// Reads the 28 bytes; a version other than 3.2 is a
    /// [`ErrorKind::BadSignature`] at offset 0.
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let [version_hi, version_lo] = read_u32s(&mut r, "PATCH_HDR")?;
        check_version(&r, version_hi, version_lo, Self::VERSION_LO, "PATCH_HDR")?;
        let [block_max, source_size, target_size, source_crc, target_crc] =
            read_u32s(&mut r, "PATCH_HDR")?;
        r.finish(PatchHeader {
            version_hi,
            version_lo,
            block_max,
            source_size,
            target_size,
            source_crc,
            target_crc,
        })
    }
}

impl Encode for PatchHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&self.to_bytes());
        Ok(())
    }
}

impl PatchBlockHeader {
    /// Encoded size.
    pub const SIZE: usize = 16;
}

impl<'a> Decode<'a> for PatchBlockHeader {
    /// Reads the 16 bytes (no check of the values).
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let [patch_size, target_size, source_size, crc] = read_u32s(&mut r, "PATCH_BLK")?;
        r.finish(PatchBlockHeader {
            patch_size,
            target_size,
            source_size,
            crc,
        })
    }
}

impl Encode for PatchBlockHeader {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(&le_words::<4, 16>([
            self.patch_size,
            self.target_size,
            self.source_size,
            self.crc,
        ]));
        Ok(())
    }
}

/// `N` words as `4 * N` little-endian bytes (`M` must be `4 * N`).
fn le_words<const N: usize, const M: usize>(words: [u32; N]) -> [u8; M] {
    let mut b = [0u8; M];
    for (chunk, v) in b.chunks_exact_mut(4).zip(words) {
        chunk.copy_from_slice(&v.to_le_bytes());
    }
    b
}

/// Options for reading LZXD files and patches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FileOptions {
    /// The largest output allowed.
    pub max_output: usize,
    /// Check block CRCs, and a patch's `ulSourceCRC` (when the base has
    /// `ulSourceSize` bytes) and `ulTargetCRC`, both over the files
    /// without their 12-byte `OAB_HDR` ([`file_crc`], [MS-OXOAB] 2.10.1).
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

/// Window bits for a block whose window must hold `size` bytes: the
/// smallest of 17..=25 with `2^bits >= size` (the rule libmspack's OAB
/// decompressor uses; [MS-PATCH] 2.1 allows 2^15 … 2^25, OAB blocks use at
/// least 2^17). The containers do not store it, so writer and reader must
/// agree on it.
pub fn window_bits_for(size: usize) -> u8 {
    let mut bits = 17u8;
    while bits < 25 && (1usize << bits) < size {
        bits += 1;
    }
    bits
}

/// Window bits for a patch block reading `source_size` bytes of reference
/// data and producing `target_size` bytes: [`window_bits_for`] the source
/// rounded up to 32 KiB plus the target (as libmspack's OAB decompressor).
pub fn patch_window_bits(source_size: usize, target_size: usize) -> u8 {
    window_bits_for(
        source_size
            .div_ceil(32768)
            .saturating_mul(32768)
            .saturating_add(target_size),
    )
}

/// The part of a whole file that PATCH_HDR's file CRCs cover (see
/// [`file_crc`]).
fn file_body(file: &[u8]) -> &[u8] {
    file.get(OAB_HDR_SIZE..).unwrap_or_default()
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

/// Whether `bytes` start like an LZXD file (version 3.1) or patch (3.2):
/// returns the low version.
pub fn detect(bytes: &[u8]) -> Option<u32> {
    let hi = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?);
    let lo = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    (hi == 3 && (lo == 1 || lo == 2)).then_some(lo)
}

/// Decompresses an LZXD file ([MS-OXOAB] 2.11, version 3.1), checking each
/// block's `ulCRC` unless `opts` say not to.
///
/// A one-pass reader: the first bad block is an error. `ms-oxoab`'s
/// `CompressedFile` reads the same structures into a value first (keeping
/// trailing bytes), decompresses through a pluggable codec and can report a
/// CRC mismatch as a defect instead; this function also refuses blocks
/// larger than `ulBlockMax`, as libmspack does.
pub fn decompress_file(input: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    decompress_file_inner(input, opts).map_err(|e| e.resolve(input.len()))
}

fn decompress_file_inner(input: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    let mut r = Reader::new(input);
    let h: LzxHeader = r.decode()?;
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
        let b: LzxBlockHeader = r.decode()?;
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
    }
    Ok(out)
}

/// Applies an LZX DELTA patch ([MS-OXOAB] 2.10, version 3.2) to `base`.
///
/// With `opts.verify_crc`, each block's `ulCRC` is checked over the bytes
/// it produces, and the header's `ulSourceCRC` / `ulTargetCRC` over `base`
/// and the result without their first 12 bytes (the `OAB_HDR`; see
/// [`file_crc`]), as [MS-OXOAB] 2.10.1 defines them and Exchange writes
/// them. (libmspack's `decompress_incremental` reads neither header CRC,
/// nor `ulSourceSize`; it checks block CRCs only.) `ulSourceCRC` is only
/// checked when `base` has `ulSourceSize` bytes; a base of another size is
/// used as it is (`ms-oxoab`'s `PatchFile::apply` refuses it instead).
pub fn apply_patch(patch: &[u8], base: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    apply_patch_inner(patch, base, opts).map_err(|e| e.resolve(patch.len()))
}

fn apply_patch_inner(patch: &[u8], base: &[u8], opts: &FileOptions) -> Result<Vec<u8>> {
    let mut r = Reader::new(patch);
    let h: PatchHeader = r.decode()?;
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
        check_crc(h.source_crc, file_body(base), opts, 20).context("PATCH_HDR.ulSourceCRC")?;
    }
    let mut out = Vec::with_capacity(target.min(patch.len().saturating_mul(16) + base.len()));
    let mut base_pos = 0usize;
    while out.len() < target {
        let at = r.pos();
        let b: PatchBlockHeader = r.decode()?;
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
        let params = StreamParams::lzxd(patch_window_bits(ssize, dsize));
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
    }
    check_crc(h.target_crc, file_body(&out), opts, 24).context("PATCH_HDR.ulTargetCRC")?;
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
        version_hi: LzxHeader::VERSION_HI,
        version_lo: LzxHeader::VERSION_LO,
        // The largest block actually written.
        block_max: u32_of(block_max.min(data.len()), "ulBlockMax")?,
        target_size: u32_of(data.len(), "ulTargetSize")?,
    };
    let mut out = Vec::from(header.to_bytes());
    for block in data.chunks(block_max) {
        let params = StreamParams::lzxd(window_bits_for(block.len()));
        let z = crate::encode::compress(block, &params, &[], &opts.encode)?;
        let (flags, body) = if z.len() < block.len() {
            (LzxBlockHeader::COMPRESSED, z.as_slice())
        } else {
            (LzxBlockHeader::UNCOMPRESSED, block)
        };
        LzxBlockHeader {
            flags,
            comp_size: u32_of(body.len(), "ulCompSize")?,
            uncomp_size: u32_of(block.len(), "ulUncompSize")?,
            crc: crc32(block),
        }
        .encode(&mut out)?;
        out.extend_from_slice(body);
    }
    Ok(out)
}

/// Creates an LZX DELTA patch ([MS-OXOAB] 2.10, version 3.2) that turns
/// `old` into `new`: `new` compressed with `old` as reference data. Files
/// whose source and target do not fit one 32 MiB window together are cut
/// into blocks, each pairing a slice of `old` with the same share of `new`
/// (`ms-oxoab`'s `PatchFile::create` cuts at a fixed `ulBlockMax` instead,
/// as Exchange does; both layouts are valid and read the same way).
/// Extended match lengths are always used. The
/// header's `ulSourceCRC` / `ulTargetCRC` are [`file_crc`]s: over `old`
/// and `new` without their 12-byte `OAB_HDR` ([MS-OXOAB] 2.10.1).
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
        version_hi: PatchHeader::VERSION_HI,
        version_lo: PatchHeader::VERSION_LO,
        block_max: u32_of(block_max, "ulBlockMax")?,
        source_size: u32_of(old.len(), "ulSourceSize")?,
        target_size: u32_of(new.len(), "ulTargetSize")?,
        source_crc: file_crc(old),
        target_crc: file_crc(new),
    };
    let mut out = Vec::from(header.to_bytes());
    let mut enc = opts.encode;
    enc.extended_lengths = true;
    for (i, target) in news.iter().enumerate() {
        let source: &[u8] = olds.get(i).copied().unwrap_or_default();
        let params = StreamParams::lzxd(patch_window_bits(source.len(), target.len()));
        let z = crate::encode::compress(target, &params, source, &enc)?;
        PatchBlockHeader {
            patch_size: u32_of(z.len(), "ulPatchSize")?,
            target_size: u32_of(target.len(), "ulTargetSize")?,
            source_size: u32_of(source.len(), "ulSourceSize")?,
            crc: crc32(target),
        }
        .encode(&mut out)?;
        out.extend_from_slice(&z);
    }
    Ok(out)
}
