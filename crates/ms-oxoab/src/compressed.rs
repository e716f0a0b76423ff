//! [MS-OXOAB] 2.11 Compressed OAB Version 4 Details File and Compressed OAB
//! Template File: `v4-compressed-file = LZX_HDR 1*LZX_BLK`.
//!
//! Each LZX_BLK carries one block of the uncompressed file, either as it is
//! (`ulFlags` 0, [`LzxBlock::UNCOMPRESSED`]) or as an LZXD stream
//! (`ulFlags` 1, [`LzxBlock::COMPRESSED`], decompressed through an
//! [`LzxCodec`]), with the CRC of the uncompressed block.

use msox_codec::bytes::BufMut;
use msox_codec::{
    Decode, Decoded, Encode, Error, ErrorKind, Options, Reader, Result, Sink,
    decode_bytes_with_reader,
};

use crate::codec::{LzxCodec, block_window_bits};
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

/// The ulBlockMax this crate writes unless told otherwise (32 KiB).
pub const DEFAULT_BLOCK_MAX: usize = 0x8000;

/// A sink that passes bytes on, counts them, and keeps the CRCs of the OAB
/// containers: of the current block, and of everything after the first
/// 12 bytes of the output (the file body, see [`crate::patch::file_crc`]).
pub(crate) struct CrcSink<'s> {
    inner: &'s mut dyn Sink,
    block_crc: u32,
    body_crc: u32,
    written: u64,
    /// Writes past this count are refused (a codec writing more than the
    /// block's size).
    limit: u64,
}

impl<'s> CrcSink<'s> {
    pub(crate) fn new(inner: &'s mut dyn Sink) -> Self {
        CrcSink {
            inner,
            block_crc: crate::crc::SEED,
            body_crc: crate::crc::SEED,
            written: 0,
            limit: 0,
        }
    }

    /// Starts a block of `size` bytes.
    pub(crate) fn start_block(&mut self, size: usize) {
        self.block_crc = crate::crc::SEED;
        self.limit = self.written.saturating_add(size as u64);
    }

    /// The CRC of the current block.
    pub(crate) fn block_crc(&self) -> u32 {
        self.block_crc
    }

    /// The CRC of the output after its first 12 bytes.
    pub(crate) fn body_crc(&self) -> u32 {
        self.body_crc
    }

    /// Bytes written so far.
    pub(crate) fn written(&self) -> u64 {
        self.written
    }
}

impl Sink for CrcSink<'_> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let n = bytes.len() as u64;
        if self.written.saturating_add(n) > self.limit {
            return Err(Error::new(ErrorKind::Malformed(
                "the codec produced more than the block's size".into(),
            )));
        }
        self.block_crc = crate::crc::update(self.block_crc, bytes);
        let skip = (crate::details::OabHeader::SIZE as u64).saturating_sub(self.written);
        let skip = usize::try_from(skip).unwrap_or(usize::MAX).min(bytes.len());
        self.body_crc = crate::crc::update(self.body_crc, bytes.get(skip..).unwrap_or_default());
        self.written += n;
        self.inner.write(bytes)
    }
}

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

/// A stored CRC (the field at `at`) that differs from the computed one: an
/// error in strict mode, a defect in lenient mode.
pub(crate) fn check_crc(
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

/// The output of one LZX_BLK whose header `h` is at `at` (the reader is in
/// its `LZX_BLK[i]` frame).
fn block_output(
    r: &mut Reader<'_>,
    codec: &mut dyn LzxCodec,
    h: &LzxBlockHeader,
    at: usize,
    sink: &mut CrcSink<'_>,
) -> Result<()> {
    let size = h.uncomp_size as usize;
    let data_at = at + LzxBlockHeader::SIZE;
    let before = sink.written();
    sink.start_block(size);
    r.seek(data_at)?;
    match h.flags {
        LzxBlockHeader::UNCOMPRESSED => {
            if h.comp_size as usize != size {
                return Err(r.invalid_at(
                    "ulCompSize of a stored block",
                    u64::from(h.comp_size),
                    at + 4,
                ));
            }
            let data = r.bytes(size)?;
            r.session_mut()
                .charge_output(size)
                .map_err(|k| r.error_at(k, data_at))?;
            sink.write(data).map_err(|e| r.locate(e, data_at))?;
        }
        LzxBlockHeader::COMPRESSED => {
            let res = {
                let mut w = r.sub(h.comp_size as usize)?;
                codec.decompress(&mut w, block_window_bits(size), size, sink)
            };
            res.map_err(|e| r.locate(e, data_at))?;
        }
        other => return Err(r.invalid_at("ulFlags", u64::from(other), at)),
    }
    let produced = sink.written() - before;
    if produced != size as u64 {
        return Err(r.error_at(
            ErrorKind::Malformed(
                format!("block decompressed to {produced} bytes, ulUncompSize is {size}").into(),
            ),
            at + 8,
        ));
    }
    check_crc(r, h.crc, sink.block_crc(), at + 12, "block data kept")
}

/// Decompresses the compressed file ([MS-OXOAB] 2.11) at `r`'s position
/// into `out`, block by block, in `r`'s session: stored blocks are copied,
/// compressed ones go through `codec`. Returns the bytes written.
pub fn read_compressed(
    r: &mut Reader<'_>,
    codec: &mut dyn LzxCodec,
    out: &mut dyn Sink,
) -> Result<u64> {
    let start = r.pos();
    let header = LzxHeader::decode(r)?;
    r.frame("LZX_HDR", |r| {
        check_target(r, header.target_size, start + 12)
    })?;
    r.seek(start)?;
    let f = ms_patch::LzxdFile::decode(r)?;
    let end = r.pos();
    let mut sink = CrcSink::new(out);
    let mut at = start + LzxHeader::SIZE;
    for (i, b) in f.blocks.iter().enumerate() {
        r.frame_indexed("LZX_BLK", i, |r| {
            block_output(r, codec, &b.header, at, &mut sink)
        })?;
        at += LzxBlockHeader::SIZE + b.data.len();
    }
    r.seek(end)?;
    Ok(sink.written())
}

/// Decompresses a compressed OAB file ([MS-OXOAB] 2.11) into `out`,
/// streaming (one block at a time; stored blocks are copied, compressed
/// ones pass through `codec`), in a session with `options`. Returns the
/// bytes written, with the defects.
///
/// Errors: what the container's decoding refuses ([`CompressedFile`]), a
/// ulTargetSize over the output budget (before anything is decoded), a
/// stored block whose sizes differ, a ulFlags other than 0 or 1, a block
/// that does not produce its ulUncompSize, bytes after the last block
/// (strict). Defects (errors in strict mode): a block ulCRC that does not
/// match (the data is kept), bytes after the last block.
pub fn decompress_to(
    file: &[u8],
    codec: &mut dyn LzxCodec,
    options: &Options,
    out: &mut dyn Sink,
) -> Result<Decoded<u64>> {
    decode_bytes_with_reader(file, options, |r| read_compressed(r, codec, out))
}

/// [`decompress_to`] into a new vector (grown as the blocks arrive, never
/// reserved from the declared size).
///
/// ```
/// use msox_codec::Options;
/// let data = b"any bytes at all".repeat(5000);
/// let file = ms_oxoab::compress_stored(&data)?;
/// let d = ms_oxoab::decompress(&file, &mut ms_oxoab::NoLzx, &Options::strict())?;
/// assert_eq!(d.value, data);
///
/// // A damaged block CRC: an error in strict mode, a defect in lenient mode.
/// let mut bad = file.clone();
/// bad[16 + 12] ^= 1;
/// let e = ms_oxoab::decompress(&bad, &mut ms_oxoab::NoLzx, &Options::strict()).unwrap_err();
/// assert_eq!((e.offset(), e.path().to_string().as_str()), (Some(28), "LZX_BLK[0]"));
/// let d = ms_oxoab::decompress(&bad, &mut ms_oxoab::NoLzx, &Options::lenient())?;
/// assert_eq!((d.value.len(), d.defects.len()), (data.len(), 1));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(
    file: &[u8],
    codec: &mut dyn LzxCodec,
    options: &Options,
) -> Result<Decoded<Vec<u8>>> {
    let mut out = Vec::new();
    let d = decompress_to(file, codec, options, &mut out)?;
    Ok(d.map(|_| out))
}

impl CompressedFile {
    /// Decompresses the blocks of this value (see [`decompress`]; the
    /// value is encoded first, so offsets are those of its encoding).
    pub fn decompress(
        &self,
        codec: &mut dyn LzxCodec,
        options: &Options,
    ) -> Result<Decoded<Vec<u8>>> {
        decompress(&self.to_vec()?, codec, options)
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

/// Compresses `data` as stored blocks of [`DEFAULT_BLOCK_MAX`] bytes (no
/// LZX needed; any reader of the format accepts it) and encodes the file.
///
/// ```
/// let data = b"any bytes at all".repeat(5000);
/// let file = ms_oxoab::compress_stored(&data)?;
/// let back = ms_oxoab::decompress(&file, &mut ms_oxoab::NoLzx, &Default::default())?;
/// assert_eq!(back.value, data);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn compress_stored(data: &[u8]) -> Result<Vec<u8>> {
    CompressedFile::compress(data, DEFAULT_BLOCK_MAX, None)?.to_vec()
}
