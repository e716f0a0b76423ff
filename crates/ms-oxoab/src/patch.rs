//! [MS-OXOAB] 2.10 Compressed OAB Version 4 Differential Patch File:
//! `patch-file = PATCH_HDR 1*PATCH_BLK`.
//!
//! Each PATCH_BLK turns the next `ulSourceSize` bytes of the old full
//! details file into the next `ulTargetSize` bytes of the new one, through
//! an LZX DELTA stream ([MS-PATCH]).
//!
//! Creating and applying patches is `ms-patch`'s LZXD layer, which exists
//! once ([`apply_patch`] is `ms_patch::apply_patch_with`, [`diff`] is
//! `ms_patch::create_patch`, with its content-aligned block layout). What
//! this module adds is the OAB rule: PATCH_HDR's `ulSourceCRC` and
//! `ulTargetCRC` cover the files *without their 12-byte OAB_HDR*
//! ([MS-OXOAB] 2.10.1; [`file_crc`], [`OAB_FILE_OPTIONS`]); and the value
//! form [`PatchFile`] (which keeps bytes after the last block).
//!
//! Arguments come as *base, then patch* (or *base, then target*), in
//! `ms-patch`'s newtypes [`Base`], [`Patch`], [`Target`], so a swapped call
//! does not compile.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Decoded, Encode, Options, Reader, Result, Sink};

use crate::compressed::{WriteOptions, copy_data, trailing};
use crate::details::OabHeader;

pub use ms_patch::{Base, Patch, Target};

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

/// [MS-OXOAB] 2.10.1 PATCH_HDR `ulSourceCRC` / `ulTargetCRC` of a whole
/// (uncompressed) file: the CRC of the file without its 12-byte OAB_HDR
/// (`ms_patch::file_crc(file, 12)`).
///
/// ```
/// let file = b"\x20\0\0\0SERL\x02\0\0\0the records";
/// assert_eq!(ms_oxoab::patch::file_crc(file), ms_oxoab::crc::crc32(b"the records"));
/// ```
pub fn file_crc(file: &[u8]) -> u32 {
    ms_patch::file_crc(file, OabHeader::SIZE)
}

/// How OAB patches are read: every CRC checked, the header CRCs without
/// the 12-byte OAB_HDR ([MS-OXOAB] 2.10.1).
pub const OAB_FILE_OPTIONS: ms_patch::FileOptions = ms_patch::FileOptions {
    verify_crc: true,
    crc_skip: OabHeader::SIZE,
};

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

/// Applies the patch ([MS-OXOAB] 2.10) at `r`'s position (`r` reads the
/// patch) to `base` (the old full details file), writing the new file to
/// `out` block by block, in `r`'s session; returns the bytes written.
pub fn read_patch(r: &mut Reader<'_>, base: Base<'_>, out: &mut impl Sink) -> Result<u64> {
    ms_patch::lzxd::read_patch(r, base, &OAB_FILE_OPTIONS, out)
}

/// Applies a differential patch file ([MS-OXOAB] 2.10) to `base` (the old
/// full details file), writing the new file to `out` block by block
/// (one block's window in memory), in a session with `options`. Returns
/// the bytes written, with the defects.
///
/// Errors: what the container's decoding refuses ([`PatchFile`]), a
/// ulTargetSize over the output budget, a block whose source runs past the
/// end of `base`, a block that does not produce its ulTargetSize, bytes
/// after the last block (strict). Defects (errors in strict mode): a base
/// whose size is not PATCH_HDR.ulSourceSize (used as it is), a CRC that does
/// not match (ulSourceCRC over `base`, each block's ulCRC, ulTargetCRC over
/// the result; header CRCs leave out the 12-byte OAB_HDR, [`file_crc`]),
/// bytes after the last block.
pub fn apply_patch_to(
    base: Base<'_>,
    patch: Patch<'_>,
    options: &Options,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    ms_patch::apply_patch_to(base, patch, options, &OAB_FILE_OPTIONS, out)
}

/// [`apply_patch_to`] into a new vector.
pub fn apply_patch(
    base: Base<'_>,
    patch: Patch<'_>,
    options: &Options,
) -> Result<Decoded<Vec<u8>>> {
    ms_patch::apply_patch_with(base, patch, options, &OAB_FILE_OPTIONS)
}

/// Creates a differential patch file ([MS-OXOAB] 2.10) that turns `base`
/// into `target`: `ms_patch::create_patch` with the OAB header CRCs
/// (`crc_skip` 12 whatever `opts` says). Blocks are laid out by content, so
/// a change costs in proportion to its size wherever it is (see
/// `ms_patch::layout`).
///
/// ```
/// use ms_oxoab::{Base, Patch, Target, WriteOptions, generate};
/// use msox_codec::Options;
/// let old = generate::full_details_bytes(2_000, 1)?;
/// let mut book = generate::full_details(2_000, 2);
/// book.records.insert(1_000, generate::record(50_000));
/// let new = book.to_bytes()?;
/// let patch = ms_oxoab::diff(Base(&old), Target(&new), &WriteOptions::default())?;
/// assert!(patch.len() < new.len() / 50, "{}", patch.len());
/// assert_eq!(ms_oxoab::apply_patch(Base(&old), Patch(&patch), &Options::strict())?.value, new);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn diff(base: Base<'_>, target: Target<'_>, opts: &WriteOptions) -> Result<Vec<u8>> {
    let opts = WriteOptions {
        crc_skip: OabHeader::SIZE,
        ..*opts
    };
    ms_patch::create_patch(base, target, &opts)
}

impl PatchFile {
    /// Applies this patch to `base` (see [`apply_patch`]; the value is
    /// encoded first, so offsets are those of its encoding).
    pub fn apply(&self, base: Base<'_>, options: &Options) -> Result<Decoded<Vec<u8>>> {
        apply_patch(base, Patch(&self.to_vec()?), options)
    }

    /// Creates a patch from `base` to `target` (see [`diff`]) in the value
    /// form.
    pub fn create(base: Base<'_>, target: Target<'_>, opts: &WriteOptions) -> Result<Self> {
        let bytes = diff(base, target, opts)?;
        Ok(PatchFile::decode_bytes(&bytes, &Options::strict())?.value)
    }
}
