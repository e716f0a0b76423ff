//! [MS-OXOAB] 2.11 Compressed OAB Version 4 Details File and Compressed OAB
//! Template File: `v4-compressed-file = LZX_HDR 1*LZX_BLK`.
//!
//! Each LZX_BLK carries one block of the uncompressed file, either as it is
//! (`ulFlags` 0, [`LzxBlock::UNCOMPRESSED`]) or as an LZXD stream
//! (`ulFlags` 1, [`LzxBlock::COMPRESSED`], decompressed through an
//! [`LzxCodec`]), with the CRC of the uncompressed block.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Limits, PResult, Reader, Result, ResultExt};

use crate::codec::{LzxCodec, block_window_bits};
use crate::crc::crc32;
use crate::details::DecodeOptions;
use crate::encoding::Defect;

/// [MS-OXOAB] 2.11.1 LZX_HDR, defined once in `ms-patch` (with its
/// `Decode` / `Encode` impls, `SIZE`, `VERSION_HI`, `VERSION_LO`); the
/// block header alone is [MS-OXOAB] 2.11.2 [`LzxBlockHeader`].
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

impl<'a> Decode<'a> for LzxBlock {
    fn decode(input: &'a [u8]) -> PResult<'a, Self> {
        let mut r = Reader::new(input);
        let h: LzxBlockHeader = r.decode()?;
        let data = r.bytes(h.comp_size as usize).context("LZX_BLK")?.to_vec();
        r.finish(LzxBlock {
            flags: h.flags,
            uncompressed_size: h.uncomp_size,
            crc: h.crc,
            data,
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

/// The ulBlockMax this crate writes unless told otherwise (32 KiB).
pub const DEFAULT_BLOCK_MAX: usize = 0x8000;

/// How a container's blocks say how much output they give, for
/// [`read_blocks`].
pub(crate) struct BlockSizes<B> {
    /// The block's output size.
    pub size: fn(&B) -> u32,
    /// That field's name and its offset in the block header.
    pub field: (&'static str, usize),
    /// The block structure's name and the file's, for error paths.
    pub names: (&'static str, &'static str),
}

/// Reads blocks after a container header until their output sizes add up
/// to `target` (LZX_BLK, PATCH_BLK, MDI_BLK): a block giving more than is
/// left is an error at its size field; more than `limits.max_items` blocks
/// is `LimitExceeded`. Errors carry absolute offsets into `input`.
pub(crate) fn read_blocks<'a, B: Decode<'a>>(
    r: &mut Reader<'a>,
    input: &[u8],
    target: u32,
    limits: &Limits,
    sizes: &BlockSizes<B>,
) -> Result<Vec<B>> {
    let (field, field_at) = sizes.field;
    let (block_name, file_name) = sizes.names;
    let mut left = u64::from(target);
    let mut blocks = Vec::new();
    while left > 0 {
        if blocks.len() >= limits.max_items {
            return Err(r
                .error(ErrorKind::LimitExceeded {
                    what: "block count",
                    value: blocks.len() as u64 + 1,
                    max: limits.max_items as u64,
                })
                .resolve(input.len()));
        }
        let at = r.pos();
        let b: B = r
            .decode()
            .context(file_name)
            .map_err(|e| e.resolve(input.len()))?;
        let size = u64::from((sizes.size)(&b));
        if size > left {
            return Err(Error::at_offset(
                ErrorKind::InvalidValue { field, value: size },
                at + field_at,
            )
            .context(block_name)
            .context(file_name));
        }
        left -= size;
        blocks.push(b);
    }
    Ok(blocks)
}

impl CompressedFile {
    /// Reads the container (no decompression): blocks until their
    /// ulUncompSize values add up to ulTargetSize.
    pub fn decode_limited(input: &[u8], limits: &Limits) -> Result<Self> {
        let mut r = Reader::new(input);
        let header: LzxHeader = r.decode().map_err(|e| e.resolve(input.len()))?;
        let blocks = read_blocks(
            &mut r,
            input,
            header.target_size,
            limits,
            &BlockSizes {
                size: |b: &LzxBlock| b.uncompressed_size,
                field: ("ulUncompSize", 8),
                names: ("LZX_BLK", "CompressedFile"),
            },
        )?;
        let trailing = r.take_rest().to_vec();
        Ok(CompressedFile {
            header,
            blocks,
            trailing,
        })
    }

    /// Offsets of each block header in the encoding.
    fn block_offsets(&self) -> impl Iterator<Item = usize> + '_ {
        self.blocks.iter().scan(LzxHeader::SIZE, |at, b| {
            let here = *at;
            *at += b.encoded_len();
            Some(here)
        })
    }

    /// Decompresses every block (stored blocks are copied; compressed ones
    /// go through `codec`), checks each block's size and CRC, and returns
    /// the file with the defects a lenient decode accepted (a CRC that does
    /// not match; strict options refuse it).
    pub fn decompress(
        &self,
        codec: &mut dyn LzxCodec,
        opts: &DecodeOptions,
    ) -> Result<(Vec<u8>, Vec<Defect>)> {
        let target = self.header.target_size as usize;
        opts.limits.check_output(target)?;
        let mut out = Vec::with_capacity(target.min(opts.limits.max_alloc));
        let mut defects = Vec::new();
        for (b, at) in self.blocks.iter().zip(self.block_offsets()) {
            let size = b.uncompressed_size as usize;
            let start = out.len();
            opts.limits.check_output(start.saturating_add(size))?;
            match b.flags {
                LzxBlock::UNCOMPRESSED => {
                    if b.data.len() != size {
                        return Err(Error::at_offset(
                            ErrorKind::Malformed(
                                format!(
                                    "uncompressed block has ulCompSize {} but ulUncompSize {size}",
                                    b.data.len()
                                )
                                .into(),
                            ),
                            at,
                        )
                        .context("LZX_BLK"));
                    }
                    out.extend_from_slice(&b.data);
                }
                LzxBlock::COMPRESSED => {
                    codec
                        .decompress(&b.data, block_window_bits(size), size, &mut out)
                        .map_err(|e| e.shift(at + LzxBlock::HEADER_SIZE).context("LZX_BLK"))?;
                    if out.len() != start + size {
                        return Err(Error::at_offset(
                            ErrorKind::Malformed(
                                format!(
                                    "block decompressed to {} bytes, ulUncompSize is {size}",
                                    out.len() - start
                                )
                                .into(),
                            ),
                            at,
                        )
                        .context("LZX_BLK"));
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
                    .context("LZX_BLK"));
                }
            }
            let computed = crc32(out.get(start..).unwrap_or_default());
            if computed != b.crc {
                let d = Defect::CrcMismatch {
                    offset: at + 12,
                    stored: b.crc,
                    computed,
                };
                if opts.strict {
                    return Err(Error::at_offset(
                        ErrorKind::ChecksumMismatch {
                            stored: u64::from(b.crc),
                            computed: u64::from(computed),
                        },
                        at + 12,
                    )
                    .context("LZX_BLK"));
                }
                defects.push(d);
            }
        }
        Ok((out, defects))
    }

    /// Compresses `data` in blocks of at most `block_max` bytes. With a
    /// codec, each block is LZXD-compressed and kept compressed when that
    /// is smaller (as the spec lets the server do); without one, every
    /// block is stored.
    ///
    /// The same layout as `ms_patch::compress_file` (chunks of `block_max`,
    /// stored when LZXD does not shrink them, ulBlockMax the largest block),
    /// which cannot be called here: compression goes through the pluggable
    /// `codec` (or none), and this keeps the block structure for the caller.
    /// The two differ on `block_max` 0 (an error here; ms-patch clamps to
    /// 1..=2^25) and on the default block size ([`DEFAULT_BLOCK_MAX`],
    /// 32 KiB, against ms-patch's 8 MiB).
    pub fn compress(
        data: &[u8],
        block_max: usize,
        codec: Option<&mut dyn LzxCodec>,
    ) -> Result<Self> {
        if block_max == 0 {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "ulBlockMax",
                value: 0,
            }));
        }
        let mut codec = codec;
        let mut blocks = Vec::with_capacity(data.len().div_ceil(block_max));
        let mut largest = 0;
        for chunk in data.chunks(block_max) {
            let mut b = LzxBlock::stored(chunk)?;
            if let Some(c) = codec.as_deref_mut() {
                let mut z = Vec::new();
                c.compress(chunk, block_window_bits(chunk.len()), &mut z)?;
                if z.len() < chunk.len() {
                    b.flags = LzxBlock::COMPRESSED;
                    b.data = z;
                }
            }
            largest = largest.max(b.data.len()).max(chunk.len());
            blocks.push(b);
        }
        Ok(CompressedFile {
            header: LzxHeader {
                version_hi: LzxHeader::VERSION_HI,
                version_lo: LzxHeader::VERSION_LO,
                block_max: msox_codec::fit_u32(
                    largest.max(block_max.min(data.len())),
                    "ulBlockMax",
                )?,
                target_size: msox_codec::fit_u32(data.len(), "ulTargetSize")?,
            },
            blocks,
            trailing: Vec::new(),
        })
    }
}

block_container_codec!(CompressedFile, LzxHeader, "a compressed file");

/// Decompresses a compressed OAB file (lenient, default limits): the
/// container is read, stored blocks copied, compressed blocks passed to
/// `codec`, CRCs checked.
pub fn decompress(file: &[u8], codec: &mut dyn LzxCodec) -> Result<Vec<u8>> {
    let opts = DecodeOptions::default();
    let f = CompressedFile::decode_limited(file, &opts.limits)?;
    f.decompress(codec, &opts).map(|(v, _)| v)
}

/// Compresses `data` as stored blocks of [`DEFAULT_BLOCK_MAX`] bytes (no
/// LZX needed; any reader of the format accepts it) and encodes the file.
///
/// ```
/// let data = b"any bytes at all".repeat(5000);
/// let file = ms_oxoab::compress_stored(&data).unwrap();
/// assert_eq!(ms_oxoab::decompress(&file, &mut ms_oxoab::NoLzx).unwrap(), data);
/// ```
pub fn compress_stored(data: &[u8]) -> Result<Vec<u8>> {
    CompressedFile::compress(data, DEFAULT_BLOCK_MAX, None)?.to_vec()
}
