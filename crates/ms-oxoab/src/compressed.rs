//! [MS-OXOAB] 2.11 Compressed OAB Version 4 Details File and Compressed OAB
//! Template File: `v4-compressed-file = LZX_HDR 1*LZX_BLK`.
//!
//! Each LZX_BLK carries one block of the uncompressed file, either as it is
//! (`ulFlags` 0, [`LzxBlock::UNCOMPRESSED`]) or as an LZXD stream
//! (`ulFlags` 1, [`LzxBlock::COMPRESSED`]), with the CRC of the
//! uncompressed block.
//!
//! The container is `ms-patch`'s LZXD file layer, which exists once:
//! [`decompress`] / [`decompress_to`] / [`read_compressed`] are
//! `ms_patch::decompress_file` / `decompress_file_to` / `lzxd::read_file`,
//! [`compress`] is `ms_patch::compress_file` (blocks of
//! [`DEFAULT_BLOCK_MAX`] unless told otherwise). What this module adds is
//! the value form ([`CompressedFile`], which keeps bytes after the last
//! block) for inspecting and rewriting a file.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Decoded, Encode, Error, ErrorKind, Options, Reader, Result, Sink};

use crate::crc::crc32;

/// [MS-OXOAB] 2.11.1 LZX_HDR, defined once in `ms-patch` (with its
/// `Decode` / `Encode` impls, `SIZE`, `VERSION_HI`, `VERSION_LO`); the
/// block header alone is [MS-OXOAB] 2.11.2 [`LzxBlockHeader`]. The
/// container's rules (block sizes against ulTargetSize and ulBlockMax,
/// ulFlags, stored block sizes) are ms-patch's too (`ms_patch::LzxdFile`).
pub use ms_patch::lzxd::{LzxBlockHeader, LzxHeader};

/// [MS-OXOAB] 2.11.2 LZX_BLK: one block, its [`LzxBlockHeader`] fields and
/// its data (ulCompSize is `data.len()`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxBlock {
    /// ulFlags: [`LzxBlock::UNCOMPRESSED`] or [`LzxBlock::COMPRESSED`]
    /// (other values are kept, and refused when decompressing).
    pub flags: u32,
    /// ulUncompSize: the size of the block after decompression.
    pub uncompressed_size: u32,
    /// ulCRC: the [`crate::crc`] CRC of the uncompressed block.
    pub crc: u32,
    /// data: ulCompSize bytes.
    pub data: Vec<u8>,
}

impl LzxBlock {
    /// Size of the block header (ulFlags, ulCompSize, ulUncompSize, ulCRC).
    pub const HEADER_SIZE: usize = LzxBlockHeader::SIZE;
    /// ulFlags: the data is the block as it is.
    pub const UNCOMPRESSED: u32 = LzxBlockHeader::UNCOMPRESSED;
    /// ulFlags: the data is LZXD-compressed ([MS-PATCH]).
    pub const COMPRESSED: u32 = LzxBlockHeader::COMPRESSED;

    /// The block's 16-byte header (ulCompSize from `data.len()`).
    pub fn header(&self) -> Result<LzxBlockHeader> {
        Ok(LzxBlockHeader {
            flags: self.flags,
            comp_size: msox_codec::fit_u32(self.data.len(), "ulCompSize")?,
            uncomp_size: self.uncompressed_size,
            crc: self.crc,
        })
    }

    /// A stored (uncompressed) block of `data`.
    pub fn stored(data: &[u8]) -> Result<Self> {
        Ok(LzxBlock {
            flags: Self::UNCOMPRESSED,
            uncompressed_size: msox_codec::fit_u32(data.len(), "ulUncompSize")?,
            crc: crc32(data),
            data: data.to_vec(),
        })
    }
}

/// [MS-OXOAB] 2.11.2 LZX_BLK on its own: the header and ulCompSize bytes
/// (no check of the values: that needs the file's LZX_HDR).
impl<'a> Decode<'a> for LzxBlock {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LZX_BLK", |r| {
            let flags = r.u32()?;
            let comp_size = r.u32_usize()?;
            let uncompressed_size = r.u32()?;
            let crc = r.u32()?;
            r.reserve_backed(comp_size, "ulCompSize")?;
            let data = r.bytes(comp_size)?.to_vec();
            Ok(LzxBlock {
                flags,
                uncompressed_size,
                crc,
                data,
            })
        })
    }
}

impl Encode for LzxBlock {
    fn encoded_len(&self) -> usize {
        Self::HEADER_SIZE + self.data.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.header()?.encode(buf)?;
        buf.put_slice(&self.data);
        Ok(())
    }
}

/// [MS-OXOAB] 2.11 a compressed file: LZX_HDR, the blocks, and any bytes
/// after the block that completes ulTargetSize (kept).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CompressedFile {
    /// LZX_HDR.
    pub header: LzxHeader,
    /// The LZX_BLK structures.
    pub blocks: Vec<LzxBlock>,
    /// Bytes after the last block (none in a valid file).
    pub trailing: Vec<u8>,
}

/// The `ulBlockMax` written unless told otherwise: `ms-patch`'s one
/// default, chosen by measurement (see `ms_patch::DEFAULT_BLOCK_MAX`).
pub use ms_patch::DEFAULT_BLOCK_MAX;

/// The settings of [`compress`] and [`crate::diff`]: `ms-patch`'s.
pub use ms_patch::WriteOptions;

/// A container's ulTargetSize (the field at `at`) over the session's output
/// budget is refused before anything is decoded.
pub(crate) fn check_target(r: &Reader<'_>, target: u32, at: usize) -> Result<()> {
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

/// Bytes after the last block of a container: a defect (strict: an error);
/// returned to be kept.
pub(crate) fn trailing<'a>(r: &mut Reader<'a>) -> Result<Vec<u8>> {
    if !r.is_empty() {
        r.defect(
            ErrorKind::TrailingBytes {
                count: r.remaining() as u64,
            },
            "kept after the last block",
        )?;
    }
    let rest = r.take_rest();
    r.reserve(rest.len(), "trailing bytes")?;
    Ok(rest.to_vec())
}

/// Owned copies of a container's block data, charged to the session.
pub(crate) fn copy_data(r: &mut Reader<'_>, data: &[u8], what: &'static str) -> Result<Vec<u8>> {
    r.reserve(data.len(), what)?;
    Ok(data.to_vec())
}

/// [MS-OXOAB] 2.11 the container (no decompression), by ms-patch's rules
/// (`ms_patch::LzxdFile`): LZX_HDR, then LZX_BLKs until their ulUncompSize
/// values add up to ulTargetSize (each framed `LZX_BLK[i]` and charged to
/// the session). Bytes after the last block are a defect (strict: an
/// error) and are kept in [`CompressedFile::trailing`].
impl<'a> Decode<'a> for CompressedFile {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let f = ms_patch::LzxdFile::decode(r)?;
        let mut blocks = Vec::with_capacity(f.blocks.len());
        for b in &f.blocks {
            blocks.push(LzxBlock {
                flags: b.header.flags,
                uncompressed_size: b.header.uncomp_size,
                crc: b.header.crc,
                data: copy_data(r, b.data, "ulCompSize")?,
            });
        }
        Ok(CompressedFile {
            header: f.header,
            blocks,
            trailing: trailing(r)?,
        })
    }
}

impl Encode for CompressedFile {
    fn encoded_len(&self) -> usize {
        LzxHeader::SIZE
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

/// Decompresses the compressed file ([MS-OXOAB] 2.11) at `r`'s position
/// into `out`, block by block, in `r`'s session, checking each block's
/// CRC: `ms_patch::lzxd::read_file`. Returns the bytes written.
pub fn read_compressed(r: &mut Reader<'_>, out: &mut impl Sink) -> Result<u64> {
    ms_patch::lzxd::read_file(r, &ms_patch::FileOptions::default(), out)
}

/// Decompresses a compressed OAB file ([MS-OXOAB] 2.11) into `out`,
/// streaming (one block's window in memory), in a session with `options`
/// (`ms_patch::decompress_file_to`). Returns the bytes written, with the
/// defects.
///
/// Errors: what the container's decoding refuses ([`CompressedFile`]), a
/// ulTargetSize over the output budget (before anything is decoded), a
/// stored block whose sizes differ, a ulFlags other than 0 or 1, a block
/// that does not produce its ulUncompSize, bytes after the last block
/// (strict). Defects (errors in strict mode): a block ulCRC that does not
/// match (the data is kept), bytes after the last block.
pub fn decompress_to(file: &[u8], options: &Options, out: &mut impl Sink) -> Result<Decoded<u64>> {
    ms_patch::decompress_file_to(file, options, &ms_patch::FileOptions::default(), out)
}

/// [`decompress_to`] into a new vector.
///
/// ```
/// use msox_codec::Options;
/// let data = b"any bytes at all".repeat(5000);
/// let file = ms_oxoab::compress_stored(&data)?;
/// let d = ms_oxoab::decompress(&file, &Options::strict())?;
/// assert_eq!(d.value, data);
///
/// // A damaged block CRC: an error in strict mode, a defect in lenient mode.
/// let mut bad = file.clone();
/// bad[16 + 12] ^= 1;
/// let e = ms_oxoab::decompress(&bad, &Options::strict()).unwrap_err();
/// assert_eq!((e.offset(), e.path().to_string().as_str()), (Some(28), "LZX_BLK[0]"));
/// let d = ms_oxoab::decompress(&bad, &Options::lenient())?;
/// assert_eq!((d.value.len(), d.defects.len()), (data.len(), 1));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(file: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    ms_patch::decompress_file(file, options)
}

/// Compresses `data` into a compressed OAB file ([MS-OXOAB] 2.11):
/// `ms_patch::compress_file` (blocks of `opts.block_max` bytes, each an
/// LZXD stream, or stored when LZXD does not shrink it).
pub fn compress(data: &[u8], opts: &WriteOptions) -> Result<Vec<u8>> {
    ms_patch::compress_file(data, opts)
}

impl CompressedFile {
    /// Decompresses the blocks of this value (see [`decompress`]; the
    /// value is encoded first, so offsets are those of its encoding).
    pub fn decompress(&self, options: &Options) -> Result<Decoded<Vec<u8>>> {
        decompress(&self.to_vec()?, options)
    }

    /// Compresses `data` (see [`compress`]) into the value form.
    pub fn compress(data: &[u8], opts: &WriteOptions) -> Result<Self> {
        let bytes = compress(data, opts)?;
        Ok(CompressedFile::decode_bytes(&bytes, &Options::strict())?.value)
    }

    /// `data` in stored blocks of at most `block_max` bytes (no LZX; any
    /// reader of the format accepts it).
    pub fn stored(data: &[u8], block_max: usize) -> Result<Self> {
        if block_max == 0 {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "ulBlockMax",
                value: 0,
            }));
        }
        let blocks = data
            .chunks(block_max)
            .map(LzxBlock::stored)
            .collect::<Result<Vec<_>>>()?;
        Ok(CompressedFile {
            header: LzxHeader {
                version_hi: LzxHeader::VERSION_HI,
                version_lo: LzxHeader::VERSION_LO,
                block_max: msox_codec::fit_u32(block_max.min(data.len()), "ulBlockMax")?,
                target_size: msox_codec::fit_u32(data.len(), "ulTargetSize")?,
            },
            blocks,
            trailing: Vec::new(),
        })
    }
}

/// Compresses `data` as stored blocks of [`DEFAULT_BLOCK_MAX`] bytes (no
/// LZX needed; any reader of the format accepts it) and encodes the file.
///
/// ```
/// let data = b"any bytes at all".repeat(5000);
/// let file = ms_oxoab::compress_stored(&data)?;
/// let back = ms_oxoab::decompress(&file, &Default::default())?;
/// assert_eq!(back.value, data);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn compress_stored(data: &[u8]) -> Result<Vec<u8>> {
    CompressedFile::stored(data, DEFAULT_BLOCK_MAX)?.to_vec()
}
