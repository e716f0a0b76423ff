//! LZXD files and LZX DELTA patches: the containers Exchange sends offline
//! address books in ([MS-OXOAB] 2.11 `LZX_HDR` / `LZX_BLK`, a compressed
//! file, version 3.1; [MS-OXOAB] 2.10 `PATCH_HDR` / `PATCH_BLK`, a
//! differential patch, version 3.2), whose block data is the LZXD bitstream
//! of [MS-PATCH].
//!
//! The header and block-header structures ([`LzxHeader`],
//! [`LzxBlockHeader`], [`PatchHeader`], [`PatchBlockHeader`]) and the
//! containers ([`LzxdFile`], [`LzxdPatch`]: headers with their blocks'
//! data) are defined here with their `msox_codec` [`Decode`] / [`Encode`]
//! impls (the `ms-oxoab` crate re-exports the headers and builds its own
//! container types, with a pluggable codec, on them).
//! [`decompress_file_to`] and [`apply_patch_to`] stream the output into a
//! [`Sink`] block by block (one block's window in memory), checking the
//! CRCs; [`decompress_file`] and [`apply_patch`] collect it in a vector.
//! Errors and defects carry absolute offsets and paths such as
//! `LZX_BLK[3] > Chunk[7] > MainTree`.
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
//! `ulTargetCRC` cover the whole source and target files except their first
//! [`FileOptions::crc_skip`] / [`WriteOptions::crc_skip`] bytes
//! ([`file_crc`]): none here; OAB files leave out their 12-byte `OAB_HDR`
//! ([MS-OXOAB] 2.10.1), the rule `ms-oxoab` adds on top of this layer.
//!
//! Arguments come in the order *base, then patch* (and *base, then target*
//! when making a patch), each in its own newtype ([`Base`], [`Patch`],
//! [`Target`]), so a swapped call does not compile:
//!
//! ```compile_fail
//! use ms_patch::{Base, Patch, apply_patch};
//! let (old, patch) = (vec![0u8; 4], vec![0u8; 4]);
//! let _ = apply_patch(Patch(&patch), Base(&old), &Default::default());
//! ```

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Decoded, Encode, Error, ErrorKind, Options, Origin, Reader, Result, Session, Sink,
};

use crate::decode::{StreamParams, Window, WindowMemory, run_stream};

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

/// The base (old) file of a patch: what [`apply_patch`] patches and
/// [`create_patch`] diffs against. A newtype so that base and patch (or
/// base and target) cannot be swapped by mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Base<'a>(pub &'a [u8]);

/// An LZX DELTA patch file (PATCH_HDR and PATCH_BLKs), as [`create_patch`]
/// writes it and [`apply_patch`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Patch<'a>(pub &'a [u8]);

/// The target (new) file a patch is made to produce ([`create_patch`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a>(pub &'a [u8]);

/// PATCH_HDR `ulSourceCRC` / `ulTargetCRC`: the [`crc32`] of a whole
/// (uncompressed) file except its first `skip` bytes; a file shorter than
/// `skip` gives the CRC of nothing (0xFFFFFFFF). This layer uses `skip` 0
/// unless told otherwise ([`FileOptions::crc_skip`]); [MS-OXOAB] 2.10.1
/// leaves out the 12-byte `OAB_HDR` of an OAB file (`ms-oxoab` sets it).
///
/// ```
/// use ms_patch::lzxd::{crc32, file_crc};
/// let file = b"\x0a\0\0\0SERL\x02\0\0\0the records";
/// assert_eq!(file_crc(file, 12), crc32(b"the records"));
/// assert_eq!(file_crc(file, 0), crc32(file));
/// assert_eq!(file_crc(b"short", 12), crc32(b""));
/// ```
pub fn file_crc(file: &[u8], skip: usize) -> u32 {
    crc32(file.get(skip..).unwrap_or_default())
}

/// The version check of both file headers (read at `at`): `ulVersionHi`
/// 3 and `ulVersionLo` `want_lo`.
fn check_version(r: &Reader<'_>, hi: u32, lo: u32, want_lo: u32, at: usize) -> Result<()> {
    if (hi, lo) == (3, want_lo) {
        return Ok(());
    }
    Err(r.error_at(
        ErrorKind::BadSignature {
            expected: (u64::from(want_lo) << 32) | 3,
            found: (u64::from(lo) << 32) | u64::from(hi),
        },
        at,
    ))
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

/// [MS-OXOAB] 2.11.1 LZX_HDR.
impl<'a> Decode<'a> for LzxHeader {
    /// Reads the 16 bytes; a version other than 3.1 is a
    /// [`ErrorKind::BadSignature`] at the header's first byte.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LZX_HDR", |r| {
            let at = r.pos();
            let version_hi = r.u32()?;
            let version_lo = r.u32()?;
            check_version(r, version_hi, version_lo, Self::VERSION_LO, at)?;
            Ok(LzxHeader {
                version_hi,
                version_lo,
                block_max: r.u32()?,
                target_size: r.u32()?,
            })
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

impl LzxBlockHeader {
    /// The four fields, without a frame of their own (a file's blocks are
    /// framed `LZX_BLK[i]`).
    fn read_fields(r: &mut Reader<'_>) -> Result<Self> {
        Ok(LzxBlockHeader {
            flags: r.u32()?,
            comp_size: r.u32()?,
            uncomp_size: r.u32()?,
            crc: r.u32()?,
        })
    }
}

/// [MS-OXOAB] 2.11.2 LZX_BLK (the 16-byte header).
impl<'a> Decode<'a> for LzxBlockHeader {
    /// Reads the 16 bytes (no check of the values).
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LZX_BLK", Self::read_fields)
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

/// [MS-OXOAB] 2.10.1 PATCH_HDR.
impl<'a> Decode<'a> for PatchHeader {
    /// Reads the 28 bytes; a version other than 3.2 is a
    /// [`ErrorKind::BadSignature`] at the header's first byte.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PATCH_HDR", |r| {
            let at = r.pos();
            let version_hi = r.u32()?;
            let version_lo = r.u32()?;
            check_version(r, version_hi, version_lo, Self::VERSION_LO, at)?;
            Ok(PatchHeader {
                version_hi,
                version_lo,
                block_max: r.u32()?,
                source_size: r.u32()?,
                target_size: r.u32()?,
                source_crc: r.u32()?,
                target_crc: r.u32()?,
            })
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

impl PatchBlockHeader {
    /// The four fields, without a frame of their own (a patch's blocks are
    /// framed `PATCH_BLK[i]`).
    fn read_fields(r: &mut Reader<'_>) -> Result<Self> {
        Ok(PatchBlockHeader {
            patch_size: r.u32()?,
            target_size: r.u32()?,
            source_size: r.u32()?,
            crc: r.u32()?,
        })
    }
}

/// [MS-OXOAB] 2.10.2 PATCH_BLK (the 16-byte header).
impl<'a> Decode<'a> for PatchBlockHeader {
    /// Reads the 16 bytes (no check of the values).
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("PATCH_BLK", Self::read_fields)
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

/// Knobs for reading LZXD files and patches (the mode and limits come
/// from [`Options`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FileOptions {
    /// Check block CRCs, and a patch's `ulSourceCRC` (when the base has
    /// `ulSourceSize` bytes) and `ulTargetCRC` ([`file_crc`] with
    /// `crc_skip`). A mismatch is an error in strict mode and a defect in
    /// lenient mode. On by default.
    pub verify_crc: bool,
    /// Bytes at the start of the base and the result that PATCH_HDR's
    /// file CRCs leave out: 0 by default; 12 (the `OAB_HDR`) for OAB files
    /// ([MS-OXOAB] 2.10.1, what `ms-oxoab` passes).
    pub crc_skip: usize,
}

impl Default for FileOptions {
    fn default() -> Self {
        Self {
            verify_crc: true,
            crc_skip: 0,
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

/// Whether `bytes` start like an LZXD file (version 3.1) or patch (3.2):
/// returns the low version.
pub fn detect(bytes: &[u8]) -> Option<u32> {
    let hi = u32::from_le_bytes(bytes.get(0..4)?.try_into().ok()?);
    let lo = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    (hi == 3 && (lo == 1 || lo == 2)).then_some(lo)
}

/// [MS-OXOAB] 2.11: an LZXD file (a compressed OAB file): the LZX_HDR and
/// the LZX_BLKs with their data, borrowing the input. Its blocks produce
/// exactly `ulTargetSize` bytes; [`decompress_file`] decompresses them.
///
/// ```
/// use ms_patch::lzxd::{LzxdFile, compress_file};
/// use ms_patch::WriteOptions;
/// use msox_codec::{Decode, Encode, Options};
///
/// let bytes = compress_file(&b"abc".repeat(1000), &WriteOptions::default())?;
/// let file = LzxdFile::decode_bytes(&bytes, &Options::strict())?.value;
/// assert_eq!(file.header.target_size, 3000);
/// assert_eq!(file.blocks.len(), 1);
/// assert_eq!(file.to_vec()?, bytes);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LzxdFile<'a> {
    /// `LZX_HDR`.
    pub header: LzxHeader,
    /// The blocks, in order.
    pub blocks: Vec<FileBlock<'a>>,
}

/// [MS-OXOAB] 2.11.2: one LZX_BLK header with the `ulCompSize` bytes of
/// data after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBlock<'a> {
    /// The 16-byte header.
    pub header: LzxBlockHeader,
    /// The block's data: an LZXD stream, or the bytes themselves (stored).
    pub data: &'a [u8],
}

/// [MS-OXOAB] 2.10: an LZX DELTA patch (a differential OAB patch): the
/// PATCH_HDR and the PATCH_BLKs with their data, borrowing the input. Its
/// blocks produce exactly `ulTargetSize` bytes; [`apply_patch`] applies
/// them to a base file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LzxdPatch<'a> {
    /// `PATCH_HDR`.
    pub header: PatchHeader,
    /// The blocks, in order.
    pub blocks: Vec<PatchBlock<'a>>,
}

/// [MS-OXOAB] 2.10.2: one PATCH_BLK header with the `ulPatchSize` bytes of
/// LZXD data after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchBlock<'a> {
    /// The 16-byte header.
    pub header: PatchBlockHeader,
    /// The block's LZXD data.
    pub data: &'a [u8],
}

/// Counts one more block against the session's item budget.
fn charge_block(r: &mut Reader<'_>, what: &'static str) -> Result<()> {
    r.session_mut()
        .charge_items(1, what)
        .map_err(|k| r.error(k))
}

/// A block that produces `size` bytes (its field read at `at`) where only
/// `left` bytes of the target remain: an error (the blocks would not add
/// up to `ulTargetSize`).
fn check_left(
    r: &Reader<'_>,
    field: &'static str,
    size: u32,
    left: usize,
    at: usize,
) -> Result<()> {
    if size as usize > left {
        return Err(r.error_at(
            ErrorKind::LimitExceeded {
                what: field,
                value: u64::from(size),
                max: left as u64,
            },
            at,
        ));
    }
    Ok(())
}

/// One LZX_BLK (header and data) at `r`'s position, checked against the
/// file header with `left` bytes of the target to go.
fn file_block<'a>(r: &mut Reader<'a>, h: &LzxHeader, left: usize) -> Result<FileBlock<'a>> {
    charge_block(r, "LZX_BLK count")?;
    let at = r.pos();
    let b = LzxBlockHeader::read_fields(r)?;
    check_left(r, "ulUncompSize", b.uncomp_size, left, at + 8)?;
    if b.flags > LzxBlockHeader::COMPRESSED {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "ulFlags",
                value: u64::from(b.flags),
            },
            at,
            "block kept as read",
        )?;
    }
    if b.uncomp_size > h.block_max {
        // libmspack refuses such a block; the data says all that decoding
        // needs, so lenient decoding reads it.
        r.defect_at(
            ErrorKind::LimitExceeded {
                what: "ulUncompSize",
                value: u64::from(b.uncomp_size),
                max: u64::from(h.block_max),
            },
            at + 8,
            "block read although larger than ulBlockMax",
        )?;
    }
    if b.flags == LzxBlockHeader::UNCOMPRESSED && b.comp_size != b.uncomp_size {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "ulCompSize of a stored block",
                value: u64::from(b.comp_size),
            },
            at + 4,
            "block kept as read",
        )?;
    }
    let data = r.bytes(b.comp_size as usize)?;
    Ok(FileBlock { header: b, data })
}

/// The largest block a patch allows (`ulBlockMax`, at least 16: tiny
/// patches are written with 16).
fn patch_block_max(h: &PatchHeader) -> u32 {
    h.block_max.max(16)
}

/// One PATCH_BLK (header and data) at `r`'s position, checked against the
/// patch header with `left` bytes of the target to go.
fn patch_block<'a>(r: &mut Reader<'a>, h: &PatchHeader, left: usize) -> Result<PatchBlock<'a>> {
    charge_block(r, "PATCH_BLK count")?;
    let at = r.pos();
    let b = PatchBlockHeader::read_fields(r)?;
    check_left(r, "ulTargetSize", b.target_size, left, at + 4)?;
    let max = patch_block_max(h);
    for (size, field, pos) in [
        (b.target_size, "ulTargetSize", at + 4),
        (b.source_size, "ulSourceSize", at + 8),
    ] {
        if size > max {
            r.defect_at(
                ErrorKind::LimitExceeded {
                    what: field,
                    value: u64::from(size),
                    max: u64::from(max),
                },
                pos,
                "block read although larger than ulBlockMax",
            )?;
        }
    }
    let data = r.bytes(b.patch_size as usize)?;
    Ok(PatchBlock { header: b, data })
}

/// [MS-OXOAB] 2.11: the LZX_HDR, then LZX_BLKs until they add up to
/// `ulTargetSize`; each block is framed `LZX_BLK[i]`.
///
/// Errors: a version other than 3.1, a block that produces more than the
/// target has left, a block cut short. Defects (errors in strict mode):
/// `ulFlags` other than 0 or 1, a block larger than `ulBlockMax`, a stored
/// block whose `ulCompSize` differs from its `ulUncompSize`.
impl<'a> Decode<'a> for LzxdFile<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let header = LzxHeader::decode(r)?;
        let target = header.target_size as usize;
        let mut blocks = Vec::new();
        let mut produced = 0usize;
        while produced < target {
            let b = r.frame_indexed("LZX_BLK", blocks.len(), |r| {
                file_block(r, &header, target - produced)
            })?;
            produced += b.header.uncomp_size as usize;
            blocks.push(b);
        }
        Ok(LzxdFile { header, blocks })
    }
}

impl Encode for LzxdFile<'_> {
    fn encoded_len(&self) -> usize {
        LzxHeader::SIZE
            + self
                .blocks
                .iter()
                .map(|b| LzxBlockHeader::SIZE + b.data.len())
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        for b in &self.blocks {
            b.header.encode(buf)?;
            buf.put_slice(b.data);
        }
        Ok(())
    }
}

/// [MS-OXOAB] 2.10: the PATCH_HDR, then PATCH_BLKs until they add up to
/// `ulTargetSize`; each block is framed `PATCH_BLK[i]`.
///
/// Errors: a version other than 3.2, a block that produces more than the
/// target has left, a block cut short. Defects (errors in strict mode): a
/// block whose `ulTargetSize` or `ulSourceSize` is over `ulBlockMax`.
impl<'a> Decode<'a> for LzxdPatch<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let header = PatchHeader::decode(r)?;
        let target = header.target_size as usize;
        let mut blocks = Vec::new();
        let mut produced = 0usize;
        while produced < target {
            let b = r.frame_indexed("PATCH_BLK", blocks.len(), |r| {
                patch_block(r, &header, target - produced)
            })?;
            produced += b.header.target_size as usize;
            blocks.push(b);
        }
        Ok(LzxdPatch { header, blocks })
    }
}

impl Encode for LzxdPatch<'_> {
    fn encoded_len(&self) -> usize {
        PatchHeader::SIZE
            + self
                .blocks
                .iter()
                .map(|b| PatchBlockHeader::SIZE + b.data.len())
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header.encode(buf)?;
        for b in &self.blocks {
            b.header.encode(buf)?;
            buf.put_slice(b.data);
        }
        Ok(())
    }
}

/// The running [`crc32`] of a container's bytes (seed 0xFFFFFFFF, no
/// final complement: the complement of the zlib CRC-32, which `flate2`'s
/// [`flate2::Crc`] computes with the processor's carry-less multiply
/// where there is one).
#[derive(Default)]
struct Crc(flate2::Crc);

impl Crc {
    fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// The CRC so far, and a fresh start.
    fn take(&mut self) -> u32 {
        let v = !self.0.sum();
        self.0.reset();
        v
    }
}

/// A sink that drops what it is given (the window is the output).
struct Discard;

impl Sink for Discard {
    fn write(&mut self, _: &[u8]) -> Result<()> {
        Ok(())
    }
}

/// A sink that passes bytes on and keeps the CRCs of the containers: of
/// the current block, and of everything after the first `skip` bytes (the
/// file body, see [`file_crc`]).
struct CrcSink<'s, S: Sink + ?Sized> {
    inner: &'s mut S,
    blocks: bool,
    body: bool,
    skip: usize,
    block_crc: Crc,
    body_crc: Crc,
    written: u64,
}

impl<'s, S: Sink + ?Sized> CrcSink<'s, S> {
    fn new(inner: &'s mut S, blocks: bool, body: bool, skip: usize) -> Self {
        CrcSink {
            inner,
            blocks,
            body,
            skip,
            block_crc: Crc::default(),
            body_crc: Crc::default(),
            written: 0,
        }
    }

    /// The CRC of the bytes since the last call.
    fn take_block(&mut self) -> u32 {
        self.block_crc.take()
    }
}

impl<S: Sink + ?Sized> Sink for CrcSink<'_, S> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        if self.blocks {
            self.block_crc.update(bytes);
        }
        if self.body {
            let skip = (self.skip as u64).saturating_sub(self.written);
            let skip = usize::try_from(skip).unwrap_or(usize::MAX).min(bytes.len());
            self.body_crc.update(bytes.get(skip..).unwrap_or_default());
        }
        self.written += bytes.len() as u64;
        self.inner.write(bytes)
    }
}

/// A CRC field read at `at` that does not match: an error in strict mode,
/// a defect in lenient mode.
fn crc_defect(
    r: &mut Reader<'_>,
    stored: u32,
    computed: u32,
    at: usize,
    action: &'static str,
) -> Result<()> {
    if stored == computed {
        return Ok(());
    }
    r.defect_at(
        ErrorKind::ChecksumMismatch {
            stored: u64::from(stored),
            computed: u64::from(computed),
        },
        at,
        action,
    )
}

/// An `ulTargetSize` (read at `at`) over the session's output budget is
/// refused before anything is decoded.
fn check_target(r: &Reader<'_>, target: u32, at: usize) -> Result<()> {
    let left = r.session().output_left();
    if target as usize > left {
        return Err(r.error_at(
            ErrorKind::LimitExceeded {
                what: "output size",
                value: u64::from(target),
                max: left as u64,
            },
            at,
        ));
    }
    Ok(())
}

/// Decompresses the LZXD file ([MS-OXOAB] 2.11, version 3.1) at `r`'s
/// position into `out`, block by block, in `r`'s session; returns the
/// bytes written.
pub fn read_file(r: &mut Reader<'_>, file: &FileOptions, out: &mut impl Sink) -> Result<u64> {
    read_file_into(r, file, Dest::Sink(out))
}

/// Where the blocks of a container go.
enum Dest<'o, S: Sink> {
    /// Streamed into a sink; each block's window in a buffer reused from
    /// block to block.
    Sink(&'o mut S),
    /// Appended to a vector, which is also each block's window (decoded
    /// in place, no copy).
    Vec(&'o mut Vec<u8>),
}

/// [`read_file`] into `dest`.
fn read_file_into<S: Sink>(
    r: &mut Reader<'_>,
    file: &FileOptions,
    dest: Dest<'_, S>,
) -> Result<u64> {
    let start = r.pos();
    let header = LzxHeader::decode(r)?;
    r.frame("LZX_HDR", |r| {
        check_target(r, header.target_size, start + 12)
    })?;
    let target = header.target_size as usize;
    let verify = file.verify_crc;
    let mut discard = Discard;
    let (inner, mut vec): (&mut dyn Sink, _) = match dest {
        Dest::Sink(s) => (s, None),
        Dest::Vec(v) => (&mut discard, Some(v)),
    };
    let mut sink = CrcSink::new(inner, verify, false, 0);
    let mut window = Vec::new();
    let mut produced = 0usize;
    let mut i = 0usize;
    while produced < target {
        produced += r.frame_indexed("LZX_BLK", i, |r| {
            file_block_to(
                r,
                &header,
                target - produced,
                verify,
                vec.as_deref_mut(),
                &mut sink,
                &mut window,
            )
        })?;
        i += 1;
    }
    Ok(target as u64)
}

/// One LZX_BLK at `r`'s position (with `left` bytes of the target to go)
/// decompressed: appended to `vec` when there is one (the vector is the
/// window), else through `window` into `sink`; the block's `ulCRC`
/// checked when `verify`. Returns the bytes the block produced.
fn file_block_to(
    r: &mut Reader<'_>,
    header: &LzxHeader,
    left: usize,
    verify: bool,
    mut vec: Option<&mut Vec<u8>>,
    sink: &mut CrcSink<'_, dyn Sink + '_>,
    window: &mut dyn WindowMemory,
) -> Result<usize> {
    let at = r.pos();
    let b = file_block(r, header, left)?;
    let size = b.header.uncomp_size as usize;
    match b.header.flags {
        LzxBlockHeader::UNCOMPRESSED => {
            if b.data.len() != size {
                return Err(r.invalid_at(
                    "ulCompSize of a stored block",
                    u64::from(b.header.comp_size),
                    at + 4,
                ));
            }
            r.session_mut()
                .charge_output(size)
                .map_err(|k| r.error_at(k, at + LzxBlockHeader::SIZE))?;
            if let Some(v) = vec.as_deref_mut() {
                v.extend_from_slice(b.data);
            }
            sink.write(b.data)?;
        }
        LzxBlockHeader::COMPRESSED => {
            r.seek(at + LzxBlockHeader::SIZE)?;
            let mut data = r.sub(b.data.len())?;
            let params = StreamParams::lzxd(window_bits_for(size));
            let (w, s) = match vec {
                // Whole: the sink only computes the CRC, skipped when
                // there is none to compute.
                Some(v) => (Window::Whole(v), verify.then_some(&mut *sink)),
                None => (Window::Sliding(window), Some(&mut *sink)),
            };
            run_stream(&mut data, size, &params, &[], w, s)?;
        }
        other => return Err(r.invalid_at("ulFlags", u64::from(other), at)),
    }
    if verify {
        let computed = sink.take_block();
        crc_defect(r, b.header.crc, computed, at + 12, "block data kept")?;
    }
    Ok(size)
}

/// Decompresses an LZXD file ([MS-OXOAB] 2.11, version 3.1) into `out`,
/// streaming: one block's window in memory, whatever the file's size.
/// Returns the bytes written, with the defects.
///
/// Errors: everything [`LzxdFile`]'s decoding refuses, a block that does
/// not decompress to its `ulUncompSize`, output over the budget of
/// `options`, bytes after the last block (strict). Defects (errors in
/// strict mode): those of [`LzxdFile`], a block `ulCRC` mismatch (with
/// `file.verify_crc`; the data is kept), bytes after the last block.
pub fn decompress_file_to(
    input: &[u8],
    options: &Options,
    file: &FileOptions,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    msox_codec::decode_bytes_with_reader(input, options, |r| read_file(r, file, out))
}

/// Decompresses an LZXD file ([MS-OXOAB] 2.11, version 3.1) read from
/// `input` into `out`, holding one block of the input (and one block's
/// window) at a time, whatever the file's size: the same checks, errors,
/// defects and offsets as [`decompress_file_to`] over the same bytes.
/// `input_len` is the input's size as far as it is known (a file's length;
/// the output budget of `options` is reckoned from it, as
/// [`decompress_file_to`] reckons it from its slice); the bytes actually
/// read decide everything else. Bytes after the last block are read and
/// counted (a defect, an error in strict mode).
///
/// A read error ends the decode with [`ErrorKind::Unsupported`] (`read
/// failed: ...`) at the offset reached; a short input is the
/// [`ErrorKind::UnexpectedEnd`] the slice form reports.
///
/// ```
/// use ms_patch::lzxd::{FileOptions, WriteOptions, compress_file, decompress_file_from};
/// let data = b"streamed block by block, streamed block by block".repeat(100);
/// let packed = compress_file(&data, &WriteOptions::level(6))?;
/// let mut out = Vec::new();
/// let d = decompress_file_from(
///     std::io::Cursor::new(&packed),
///     packed.len(),
///     &Default::default(),
///     &FileOptions::default(),
///     &mut out,
/// )?;
/// assert_eq!((d.value, out), (data.len() as u64, data));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress_file_from<R: std::io::Read>(
    input: R,
    input_len: usize,
    options: &Options,
    file: &FileOptions,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    decompress_file_from_in(input, input_len, options, file, &mut Vec::new(), out)
}

/// The most room [`decompress_file_from`] makes for a block's input
/// before reading it (a compressed block of a 32 MiB window).
const READ_RESERVE: usize = 1 << 25;

/// [`decompress_file_from`] with the blocks' window in `window` (see
/// [`WindowMemory`]; reused from block to block).
pub fn decompress_file_from_in<R: std::io::Read>(
    mut input: R,
    input_len: usize,
    options: &Options,
    file: &FileOptions,
    window: &mut dyn WindowMemory,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    let mut session = Session::new(*options, input_len);
    let mut buf = Vec::new();
    let mut pos = 0usize;
    // Up to `n` more bytes of the input appended to `buf` (fewer only at
    // its end). Room is made for what `input_len` says is left, at most
    // READ_RESERVE: past that the buffer grows only with bytes read, so a
    // size field (or an `input_len`) that lies costs nothing.
    let fill = |input: &mut R, buf: &mut Vec<u8>, n: usize, pos: usize, session: &mut Session| {
        buf.reserve(n.min(input_len.saturating_sub(pos)).min(READ_RESERVE));
        std::io::Read::read_to_end(&mut std::io::Read::take(&mut *input, n as u64), buf).map_err(
            |e| {
                let r = Reader::with_session_at(&[], Origin::At(pos), std::mem::take(session));
                let err = r.error(ErrorKind::Unsupported(format!("read failed: {e}").into()));
                *session = r.into_session();
                err
            },
        )
    };
    fill(&mut input, &mut buf, LzxHeader::SIZE, pos, &mut session)?;
    let mut r = Reader::with_session_at(&buf, Origin::At(pos), session);
    let header = LzxHeader::decode(&mut r)?;
    r.frame("LZX_HDR", |r| check_target(r, header.target_size, 12))?;
    session = r.into_session();
    pos += LzxHeader::SIZE;
    let target = header.target_size as usize;
    let verify = file.verify_crc;
    let mut sink = CrcSink::new(out as &mut dyn Sink, verify, false, 0);

    let mut produced = 0usize;
    let mut i = 0usize;
    while produced < target {
        buf.clear();
        fill(
            &mut input,
            &mut buf,
            LzxBlockHeader::SIZE,
            pos,
            &mut session,
        )?;
        if let Some(c) = buf.get(4..8).and_then(|c| <[u8; 4]>::try_from(c).ok()) {
            let comp = u32::from_le_bytes(c) as usize;
            fill(&mut input, &mut buf, comp, pos, &mut session)?;
        }
        let mut r = Reader::with_session_at(&buf, Origin::At(pos), session);
        produced += r.frame_indexed("LZX_BLK", i, |r| {
            file_block_to(
                r,
                &header,
                target - produced,
                verify,
                None,
                &mut sink,
                window,
            )
        })?;
        pos += buf.len();
        session = r.into_session();
        i += 1;
    }
    let trailing = std::io::copy(&mut input, &mut std::io::sink());
    let mut r = Reader::with_session_at(&[], Origin::At(pos), session);
    match trailing {
        Ok(0) => {}
        Ok(n) => r.defect(
            ErrorKind::TrailingBytes { count: n },
            "trailing bytes not read",
        )?,
        Err(e) => {
            return Err(r.error(ErrorKind::Unsupported(format!("read failed: {e}").into())));
        }
    }
    Ok(r.into_decoded(target as u64))
}

/// Decompresses an LZXD file ([MS-OXOAB] 2.11, version 3.1) into a new
/// vector, checking each block's `ulCRC` (see [`decompress_file_to`]).
///
/// `ms-oxoab`'s `CompressedFile` reads the same structures into a value
/// first (keeping trailing bytes) and decompresses through a pluggable
/// codec.
pub fn decompress_file(input: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    let backed = input.len().saturating_mul(16).max(1 << 16);
    let mut out = Vec::with_capacity(initial_capacity(input, 12, backed, options));
    let d = msox_codec::decode_bytes_with_reader(input, options, |r| {
        read_file_into::<Discard>(r, &FileOptions::default(), Dest::Vec(&mut out))
    })?;
    Ok(d.map(|_| out))
}

/// What to reserve for the output of a file whose `ulTargetSize` is at
/// `field` of `input`: no more than `backed` (what the input can plausibly
/// back) or the output budget allows.
fn initial_capacity(input: &[u8], field: usize, backed: usize, options: &Options) -> usize {
    let declared = input
        .get(field..field + 4)
        .and_then(|b| b.try_into().ok())
        .map_or(0, |b| u32::from_le_bytes(b) as usize);
    declared
        .min(backed)
        .min(options.limits.output_cap(input.len()))
}

/// Applies the LZX DELTA patch ([MS-OXOAB] 2.10, version 3.2) at `r`'s
/// position (`r` reads the patch) to `base`, writing the result to `out`
/// block by block, in `r`'s session; returns the bytes written.
pub fn read_patch(
    r: &mut Reader<'_>,
    base: Base<'_>,
    file: &FileOptions,
    out: &mut impl Sink,
) -> Result<u64> {
    let base = base.0;
    let start = r.pos();
    let header = PatchHeader::decode(r)?;
    r.frame("PATCH_HDR", |r| {
        check_target(r, header.target_size, start + 16)?;
        if header.source_size as usize != base.len() {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "ulSourceSize",
                    value: u64::from(header.source_size),
                },
                start + 12,
                "differs from the size of the base given; the base used as it is",
            )
        } else if file.verify_crc {
            let computed = file_crc(base, file.crc_skip);
            crc_defect(
                r,
                header.source_crc,
                computed,
                start + 20,
                "the base used as it is",
            )
        } else {
            Ok(())
        }
    })?;
    let target = header.target_size as usize;
    let mut sink = CrcSink::new(out, file.verify_crc, file.verify_crc, file.crc_skip);
    let mut window = Vec::new();
    let mut produced = 0usize;
    let mut base_pos = 0usize;
    let mut i = 0usize;
    while produced < target {
        produced += r.frame_indexed("PATCH_BLK", i, |r| {
            let at = r.pos();
            let b = patch_block(r, &header, target - produced)?;
            let size = b.header.target_size as usize;
            let ssize = b.header.source_size as usize;
            let reference = base
                .get(base_pos..base_pos.saturating_add(ssize))
                .ok_or_else(|| {
                    r.error_at(
                        ErrorKind::LimitExceeded {
                            what: "ulSourceSize",
                            value: ssize as u64,
                            max: base.len().saturating_sub(base_pos) as u64,
                        },
                        at + 8,
                    )
                })?;
            base_pos += ssize;
            r.seek(at + PatchBlockHeader::SIZE)?;
            let mut data = r.sub(b.data.len())?;
            let params = StreamParams::lzxd(patch_window_bits(ssize, size));
            run_stream(
                &mut data,
                size,
                &params,
                reference,
                Window::Sliding(&mut window),
                Some(&mut sink),
            )?;
            drop(data);
            if file.verify_crc {
                let computed = sink.take_block();
                crc_defect(r, b.header.crc, computed, at + 12, "block data kept")?;
            }
            Ok(size)
        })?;
        i += 1;
    }
    if file.verify_crc {
        let computed = sink.body_crc.take();
        r.frame("PATCH_HDR", |r| {
            crc_defect(r, header.target_crc, computed, start + 24, "output kept")
        })?;
    }
    Ok(target as u64)
}

/// Applies an LZX DELTA patch ([MS-OXOAB] 2.10, version 3.2) to `base`,
/// writing the result to `out`, streaming (one block's window in memory).
/// Returns the bytes written, with the defects.
///
/// With `file.verify_crc`, each block's `ulCRC` is checked over the bytes
/// it produces, and the header's `ulSourceCRC` / `ulTargetCRC` over `base`
/// and the result without their first `file.crc_skip` bytes (see
/// [`file_crc`]; 12 for OAB files, [MS-OXOAB] 2.10.1) (libmspack's
/// `decompress_incremental` checks block CRCs only). A
/// mismatch is an error in strict mode and a defect in lenient mode, as is
/// a base whose size is not `ulSourceSize` (lenient mode uses it as it is;
/// `ulSourceCRC` is then not checked).
///
/// Errors: everything [`LzxdPatch`]'s decoding refuses, a block whose
/// reference data runs past the end of `base`, a block that does not
/// decompress to its `ulTargetSize`, output over the budget of `options`,
/// bytes after the last block (strict).
pub fn apply_patch_to(
    base: Base<'_>,
    patch: Patch<'_>,
    options: &Options,
    file: &FileOptions,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    msox_codec::decode_bytes_with_reader(patch.0, options, |r| read_patch(r, base, file, out))
}

/// Applies an LZX DELTA patch to `base` into a new vector, checking every
/// CRC with the default [`FileOptions`] (see [`apply_patch_to`]).
pub fn apply_patch(
    base: Base<'_>,
    patch: Patch<'_>,
    options: &Options,
) -> Result<Decoded<Vec<u8>>> {
    apply_patch_with(base, patch, options, &FileOptions::default())
}

/// [`apply_patch`] with `file`'s knobs (CRC checks, [`FileOptions::crc_skip`]).
pub fn apply_patch_with(
    base: Base<'_>,
    patch: Patch<'_>,
    options: &Options,
    file: &FileOptions,
) -> Result<Decoded<Vec<u8>>> {
    // A patched file is usually about as large as its base.
    let backed = patch
        .0
        .len()
        .saturating_mul(16)
        .max(1 << 16)
        .max(base.0.len());
    let mut out = Vec::with_capacity(initial_capacity(patch.0, 16, backed, options));
    let d = apply_patch_to(base, patch, options, file, &mut out)?;
    Ok(d.map(|_| out))
}

/// The `ulBlockMax` [`compress_file`] writes unless told otherwise: 16 MiB.
///
/// Chosen by measurement (level 6, a generated 32 MiB version 4 OAB, CPU
/// time; `cargo test -p ms-oxoab --release --test measure -- --ignored
/// --nocapture block_sizes`):
///
/// | ulBlockMax | compressed | compress | decompress |
/// |---|---|---|---|
/// | 32 KiB (ms-oxoab's old default) | 18.09% | 22.0 MB/s | 297 MB/s |
/// | 256 KiB | 12.34% | 23.8 MB/s | 363 MB/s |
/// | 1 MiB | 9.63% | 15.8 MB/s | 363 MB/s |
/// | 4 MiB | 8.55% | 9.3 MB/s | 326 MB/s |
/// | 8 MiB (ms-patch's old default) | 8.41% | 8.4 MB/s | 326 MB/s |
/// | **16 MiB** | **7.93%** | 8.4 MB/s | 363 MB/s |
/// | 32 MiB | 8.02% | 5.7 MB/s | 204 MB/s |
///
/// 16 MiB gives the smallest files (an OAB is compressed once and
/// downloaded by every client) at the speed of 8 MiB, and decompresses as
/// fast as small blocks; 32 MiB is larger and slower. A reader needs a
/// window of the block's size (libmspack allocates one per block).
pub const DEFAULT_BLOCK_MAX: usize = 16 << 20;

/// The target size of the blocks of a patch between files that do not
/// fit one window together ([`WriteOptions::patch_block`]): 4 MiB.
///
/// Chosen by measurement: 400 KB of records inserted into the middle of a
/// generated 32 MiB OAB (34,216,478 -> 34,632,955 bytes), CPU time
/// (`cargo test -p ms-oxoab --release --test measure -- --ignored
/// --nocapture insertion`):
///
/// | level | patch blocks | patch | of the new file | time |
/// |---|---|---|---|---|
/// | 6 | 256 KiB | 60,676 | 0.175% | 0.7 s |
/// | 6 | 1 MiB | 54,110 | 0.156% | 0.7 s |
/// | 6 | **4 MiB** | **52,742** | **0.152%** | 0.9 s |
/// | 6 | 16 MiB | 180,090 | 0.520% | 1.7 s |
/// | 1 | 1 MiB | 59,372 | 0.171% | 0.9 s |
/// | 3 | 1 MiB | 56,706 | 0.164% | 0.8 s |
/// | 9 | 1 MiB | 51,904 | 0.150% | 1.2 s |
///
/// | 6 | 3 blocks at equal shares of both files (the layout before) | 77,736 | 0.224% | |
///
/// With equal shares, every block after the edit misses as many bytes of
/// its reference as the edit is long, so the edit is paid once per later
/// block. Past 4 MiB the encoder's long-match table no longer holds the
/// whole window of reference data and output, and patches grow.
pub const DEFAULT_PATCH_BLOCK: usize = 4 << 20;

/// Settings for writing LZXD files and patches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WriteOptions {
    /// The LZX encoder's settings.
    pub encode: crate::encode::EncodeOptions,
    /// Largest block (`ulBlockMax`) of a compressed file: each block is an
    /// independent LZXD stream whose window covers it (at most 2^25).
    /// [`DEFAULT_BLOCK_MAX`] by default.
    pub block_max: usize,
    /// The target size of a patch's blocks (at most 16 MiB, so that a
    /// block's reference data and output fit one window), for files that
    /// do not fit one window together. [`DEFAULT_PATCH_BLOCK`] by default.
    pub patch_block: usize,
    /// Bytes at the start of the base and target that a patch header's
    /// `ulSourceCRC` / `ulTargetCRC` leave out ([`file_crc`]): 0 by
    /// default, 12 for OAB files ([MS-OXOAB] 2.10.1; `ms-oxoab` sets it).
    pub crc_skip: usize,
}

impl Default for WriteOptions {
    fn default() -> Self {
        Self {
            encode: crate::encode::EncodeOptions::default(),
            block_max: DEFAULT_BLOCK_MAX,
            patch_block: DEFAULT_PATCH_BLOCK,
            crc_skip: 0,
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

/// Writes `data` as an LZXD file ([MS-OXOAB] 2.11, version 3.1) in blocks
/// of `opts.block_max` bytes. Blocks that do not shrink are stored
/// (`ulFlags` 0).
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
/// `base` into `target`.
///
/// Files whose base and target fit one 32 MiB window together make one
/// block: the target compressed with the whole base as reference data.
/// Larger files are cut into blocks of about `opts.patch_block` bytes of
/// target, and each block's reference data is the stretch of the base
/// that *matches* it ([`crate::layout`]): every cut in the target is put
/// where its bytes are found in the base, so an insertion or deletion
/// anywhere costs about its own size and does not shift the rest of the
/// file into the patch (a reader takes each block's `ulSourceSize` bytes
/// of the base in order, so the cuts in the base only have to increase).
/// Extended match lengths are always used. The header's `ulSourceCRC` /
/// `ulTargetCRC` are [`file_crc`]s with `opts.crc_skip`.
///
/// ```
/// use ms_patch::{Base, Patch, Target, WriteOptions, apply_patch, create_patch};
/// use msox_codec::Options;
/// let old = b"the quick brown fox jumps over the lazy dog. ".repeat(100);
/// let mut new = old.clone();
/// new.splice(1000..1000, *b"and then some");
/// let p = create_patch(Base(&old), Target(&new), &WriteOptions::default())?;
/// assert!(p.len() < 120, "{}", p.len());
/// assert_eq!(apply_patch(Base(&old), Patch(&p), &Options::strict())?.value, new);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn create_patch(base: Base<'_>, target: Target<'_>, opts: &WriteOptions) -> Result<Vec<u8>> {
    let (old, new) = (base.0, target.0);
    let blocks = crate::layout::plan(old, new, opts.patch_block);
    let block_max = blocks
        .iter()
        .map(|b| b.source.len().max(b.target.len()))
        .max()
        .unwrap_or(0)
        .max(16);
    let header = PatchHeader {
        version_hi: PatchHeader::VERSION_HI,
        version_lo: PatchHeader::VERSION_LO,
        block_max: u32_of(block_max, "ulBlockMax")?,
        source_size: u32_of(old.len(), "ulSourceSize")?,
        target_size: u32_of(new.len(), "ulTargetSize")?,
        source_crc: file_crc(old, opts.crc_skip),
        target_crc: file_crc(new, opts.crc_skip),
    };
    let mut out = Vec::from(header.to_bytes());
    let mut enc = opts.encode;
    enc.extended_lengths = true;
    for b in &blocks {
        let source = old.get(b.source.clone()).unwrap_or_default();
        let target = new.get(b.target.clone()).unwrap_or_default();
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
