//! A minimal reader of Microsoft cabinet files ([MS-CAB]), enough to reach
//! the MSZIP (and LZX) data blocks of a cabinet's folders and to extract the
//! files of single-cabinet sets with stored or MSZIP folders.
//!
//! Cabinets are not an Exchange format, but they are where MSZIP (and LZX)
//! data is found in the wild, so this is how real MSZIP streams are tested.
//!
//! [`Cabinet`] implements [`Decode`]: `Cabinet::decode_bytes(bytes,
//! &options)` reads CFHEADER, every CFFOLDER and CFFILE, and the CFDATA
//! blocks of every folder (borrowed, with their absolute offsets), and
//! verifies each CFDATA checksum ([`cfdata_checksum`]; a mismatch is an
//! error in strict mode and a [`msox_codec::Defect`] in lenient mode).
//! Errors and defects carry the absolute offset and the structure path
//! (`CFFOLDER[0] > CFDATA[3] > MszipBlock`). [`Cabinet::extract_folder`]
//! streams a stored or MSZIP folder into a [`Sink`]; [`Cabinet::folder_stream`]
//! gathers an LZX folder's compressed bytes for the `ms-patch` decoder.
//!
//! Not covered here: cabinet sets that span several files (a folder
//! continued from or into another cabinet is read, but not extracted),
//! LZX folders and extraction file by file: `msox-cab` does those on top
//! of this reader. Not covered anywhere: Quantum, writing cabinets.
//!
//! ```
//! use ms_mci::cab::{Cabinet, Compression};
//! use msox_codec::{Decode, Options};
//!
//! let bytes = msox_testkit::vector("mci", "cab-mszip-two-files").bytes;
//! let cab = Cabinet::decode_bytes(&bytes, &Options::strict())?.value;
//! assert_eq!(cab.folders[0].compression(), Compression::Mszip);
//! let data = cab.folder_data(0, &Options::strict())?.value;
//! let first = Cabinet::file_bytes(&cab.files[0], &data)?;
//! assert_eq!(cab.files[0].name, b"hello.txt");
//! assert_eq!(first, b"Hello, cabinet!\r\n");
//!
//! // A damaged CFDATA block: strict refuses, lenient says so and goes on.
//! let mut bad = bytes.clone();
//! let last = bad.len() - 1;
//! bad[last] ^= 1;
//! let err = Cabinet::decode_bytes(&bad, &Options::strict()).unwrap_err();
//! assert_eq!(err.path().to_string(), "CFFOLDER[0] > CFDATA[0]");
//! let read = Cabinet::decode_bytes(&bad, &Options::lenient())?;
//! assert_eq!(read.defects.len(), 1);
//! # Ok::<(), msox_codec::Error>(())
//! ```

use msox_codec::{Decode, Decoded, Error, ErrorKind, Options, Reader, Result, Sink};

use crate::mszip::MszipDecoder;

/// [MS-CAB] 2.1 CFHEADER `signature`: `MSCF`.
pub const SIGNATURE: u32 = 0x4643_534D;

/// [MS-CAB] 2.1 CFHEADER: the cabinet header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CfHeader {
    /// `reserved1` (0 in practice; kept as read).
    pub reserved1: u32,
    /// `cbCabinet`: size of the cabinet file in bytes.
    pub cb_cabinet: u32,
    /// `reserved2` (kept as read).
    pub reserved2: u32,
    /// `coffFiles`: offset of the first CFFILE entry.
    pub coff_files: u32,
    /// `reserved3` (kept as read).
    pub reserved3: u32,
    /// `versionMinor`, `versionMajor` (1.3 in practice).
    pub version: (u8, u8),
    /// `cFolders`: number of CFFOLDER entries.
    pub c_folders: u16,
    /// `cFiles`: number of CFFILE entries.
    pub c_files: u16,
    /// `flags`: [`CfHeader::PREV_CABINET`], [`CfHeader::NEXT_CABINET`],
    /// [`CfHeader::RESERVE_PRESENT`] (other bits kept as read).
    pub flags: u16,
    /// `setID`.
    pub set_id: u16,
    /// `iCabinet`: number of this cabinet in its set.
    pub i_cabinet: u16,
    /// `cbCFFolder`: reserved bytes in each CFFOLDER.
    pub cb_cf_folder: u8,
    /// `cbCFData`: reserved bytes in each CFDATA.
    pub cb_cf_data: u8,
    /// `abReserve`: the header's reserved area (`cbCFHeader` bytes).
    pub ab_reserve: Vec<u8>,
    /// `szCabinetPrev` / `szDiskPrev` (with [`CfHeader::PREV_CABINET`]).
    pub prev: Option<CabinetLink>,
    /// `szCabinetNext` / `szDiskNext` (with [`CfHeader::NEXT_CABINET`]).
    pub next: Option<CabinetLink>,
}

/// [MS-CAB] 2.1: the name of a neighbouring cabinet of a set and of the
/// disk it is on, each without its terminating NUL, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CabinetLink {
    /// `szCabinetPrev` / `szCabinetNext`.
    pub cabinet: Vec<u8>,
    /// `szDiskPrev` / `szDiskNext`.
    pub disk: Vec<u8>,
}

impl CfHeader {
    /// `flags` bit: this cabinet continues a previous one.
    pub const PREV_CABINET: u16 = 0x0001;
    /// `flags` bit: this cabinet is continued in a next one.
    pub const NEXT_CABINET: u16 = 0x0002;
    /// `flags` bit: `cbCFHeader`, `cbCFFolder`, `cbCFData` are present.
    pub const RESERVE_PRESENT: u16 = 0x0004;
}

/// [MS-CAB] 2.2 CFFOLDER: one folder (a compressed stream).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CfFolder {
    /// `coffCabStart`: offset of the folder's first CFDATA block.
    pub coff_cab_start: u32,
    /// `cCFData`: number of CFDATA blocks in this cabinet.
    pub c_cf_data: u16,
    /// `typeCompress`: the compression method and its parameter.
    pub type_compress: u16,
    /// `abReserve`: the folder's reserved area (`cbCFFolder` bytes).
    pub ab_reserve: Vec<u8>,
}

/// [MS-CAB] 2.2 `typeCompress`, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Compression {
    /// 0: stored.
    None,
    /// 1: MSZIP ([MS-MCI]).
    Mszip,
    /// 2: Quantum, with its window bits (not decoded here).
    Quantum(u8),
    /// 3: LZX, with its window bits (15..=21).
    Lzx(u8),
    /// Any other value, as read.
    Unknown(u16),
}

/// The names cabinet tools list methods by: `none`, `MSZIP`,
/// `Quantum:N`, `LZX:N` (N the window bits), `unknown 0xNNNN`.
impl std::fmt::Display for Compression {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Compression::None => f.write_str("none"),
            Compression::Mszip => f.write_str("MSZIP"),
            Compression::Quantum(n) => write!(f, "Quantum:{n}"),
            Compression::Lzx(n) => write!(f, "LZX:{n}"),
            Compression::Unknown(v) => write!(f, "unknown 0x{v:04X}"),
        }
    }
}

impl CfFolder {
    /// The compression method of this folder.
    pub fn compression(&self) -> Compression {
        let param = ((self.type_compress >> 8) & 0x1F) as u8;
        match self.type_compress & 0x000F {
            0 => Compression::None,
            1 => Compression::Mszip,
            2 => Compression::Quantum(param),
            3 => Compression::Lzx(param),
            _ => Compression::Unknown(self.type_compress),
        }
    }
}

/// [MS-CAB] 2.3 CFFILE: one file entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CfFile {
    /// `cbFile`: uncompressed size.
    pub cb_file: u32,
    /// `uoffFolderStart`: offset in the folder's uncompressed data.
    pub uoff_folder_start: u32,
    /// `iFolder`: folder index (0xFFFD..=0xFFFF: continued across cabinets).
    pub i_folder: u16,
    /// `date` (MS-DOS format).
    pub date: u16,
    /// `time` (MS-DOS format).
    pub time: u16,
    /// `attribs`.
    pub attribs: u16,
    /// `szName` without its terminating NUL, as stored (UTF-8 when attribs
    /// has 0x80, else a code page the cabinet does not say).
    pub name: Vec<u8>,
}

impl CfFile {
    /// `iFolder` values from this one up say the file is continued from or
    /// into another cabinet of the set.
    pub const CONTINUED: u16 = 0xFFFD;
}

/// [MS-CAB] 2.4 CFDATA: one data block of a folder, borrowing the cabinet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CfData<'a> {
    /// `csum`: [`cfdata_checksum`] of the block (0: none given).
    pub csum: u32,
    /// `cbUncomp`: uncompressed bytes this block stands for (0: continued
    /// in the next cabinet).
    pub cb_uncomp: u16,
    /// `abReserve`: the block's reserved area (`cbCFData` bytes).
    pub reserve: &'a [u8],
    /// `ab`: the compressed bytes (`cbData` of them).
    pub data: &'a [u8],
    /// Where `data` starts in the buffer the cabinet was decoded from (the
    /// absolute offset when that buffer is the input).
    pub offset: usize,
}

/// [MS-CAB] 2.4 `csum`: the checksum of one CFDATA block, over its data
/// (`ab`, not the reserved area) and then its `cbData` and `cbUncomp`
/// fields.
///
/// The checksum XORs the input's little-endian 32-bit words into the
/// running value; the last one to three bytes form one more word, the
/// first of them in its highest used byte ([`checksum`]).
pub fn cfdata_checksum(cb_data: u16, cb_uncomp: u16, data: &[u8]) -> u32 {
    let mut sizes = [0u8; 4];
    sizes[..2].copy_from_slice(&cb_data.to_le_bytes());
    sizes[2..].copy_from_slice(&cb_uncomp.to_le_bytes());
    checksum(&sizes, checksum(data, 0))
}

/// The MS-CAB checksum of `data` continued from `seed` (see
/// [`cfdata_checksum`]).
///
/// ```
/// use ms_mci::cab::checksum;
/// assert_eq!(checksum(&[1, 0, 0, 0, 2, 0, 0, 0], 0), 3);
/// // A tail of 1..=3 bytes: the first byte is the most significant.
/// assert_eq!(checksum(&[0xAA, 0xBB, 0xCC], 0), 0x00AA_BBCC);
/// assert_eq!(checksum(&[0xAA], 0x0100_0000), 0x0100_00AA);
/// ```
pub fn checksum(data: &[u8], seed: u32) -> u32 {
    let (words, tail) = data.as_chunks::<4>();
    let mut c = words.iter().fold(seed, |c, w| c ^ u32::from_le_bytes(*w));
    let last = tail.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
    c ^= last;
    c
}

/// A parsed cabinet: header, folders, files and data blocks, borrowing the
/// bytes it was decoded from.
#[derive(Debug, Clone)]
pub struct Cabinet<'a> {
    /// The header.
    pub header: CfHeader,
    /// The folders.
    pub folders: Vec<CfFolder>,
    /// The file entries.
    pub files: Vec<CfFile>,
    /// The CFDATA blocks of each folder (one list per folder).
    blocks: Vec<Vec<CfData<'a>>>,
    /// The buffer the cabinet was decoded from.
    buffer: &'a [u8],
}

/// The bytes up to a NUL (consumed, not returned). A string longer than
/// `max` bytes (the spec's limit, NUL excluded), or empty unless
/// `permit_empty`, is a defect: strict mode refuses it, lenient mode keeps
/// it as read.
fn nul_string<'a>(r: &mut Reader<'a>, max: usize, permit_empty: bool) -> Result<&'a [u8]> {
    let at = r.pos();
    let s = r.bytes_nul_terminated()?;
    if s.is_empty() && !permit_empty {
        // A file or cabinet with no name (libmspack refuses them since
        // CVE-2017-11423 and its over-read reproducers).
        r.defect_at(
            ErrorKind::Malformed("empty name".into()),
            at,
            "kept as read",
        )?;
    }
    if s.len() > max {
        r.defect_at(
            ErrorKind::LimitExceeded {
                what: "string length",
                value: s.len() as u64,
                max: max as u64,
            },
            at,
            "string kept as read",
        )?;
    }
    Ok(s)
}

fn link(r: &mut Reader<'_>, cabinet: &'static str, disk: &'static str) -> Result<CabinetLink> {
    let cabinet = r.frame(cabinet, |r| nul_string(r, 255, false))?.to_vec();
    let disk = r.frame(disk, |r| nul_string(r, 255, true))?.to_vec();
    Ok(CabinetLink { cabinet, disk })
}

/// [MS-CAB] 2.1 CFHEADER.
impl<'a> Decode<'a> for CfHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("CFHEADER", |r| {
            let at = r.pos();
            let sig = r.u32()?;
            if sig != SIGNATURE {
                return Err(r.error_at(
                    ErrorKind::BadSignature {
                        expected: u64::from(SIGNATURE),
                        found: u64::from(sig),
                    },
                    at,
                ));
            }
            let reserved1 = r.u32()?;
            let cb_cabinet = r.u32()?;
            let reserved2 = r.u32()?;
            let coff_files = r.u32()?;
            let reserved3 = r.u32()?;
            let minor = r.u8()?;
            let major = r.u8()?;
            let c_folders = r.u16()?;
            let c_files = r.u16()?;
            let flags = r.u16()?;
            let set_id = r.u16()?;
            let i_cabinet = r.u16()?;
            let (mut cb_cf_folder, mut cb_cf_data, mut ab_reserve) = (0, 0, Vec::new());
            if flags & Self::RESERVE_PRESENT != 0 {
                let cb_cf_header = usize::from(r.u16()?);
                cb_cf_folder = r.u8()?;
                cb_cf_data = r.u8()?;
                r.reserve_backed(cb_cf_header, "cbCFHeader")?;
                ab_reserve = r.bytes(cb_cf_header)?.to_vec();
            }
            let prev = if flags & Self::PREV_CABINET != 0 {
                Some(link(r, "szCabinetPrev", "szDiskPrev")?)
            } else {
                None
            };
            let next = if flags & Self::NEXT_CABINET != 0 {
                Some(link(r, "szCabinetNext", "szDiskNext")?)
            } else {
                None
            };
            Ok(CfHeader {
                reserved1,
                cb_cabinet,
                reserved2,
                coff_files,
                reserved3,
                version: (minor, major),
                c_folders,
                c_files,
                flags,
                set_id,
                i_cabinet,
                cb_cf_folder,
                cb_cf_data,
                ab_reserve,
                prev,
                next,
            })
        })
    }
}

/// Moves `r` to `start + offset` (an offset field of the cabinet read at
/// position `field_at`), which must lie in the cabinet.
fn seek_to(
    r: &mut Reader<'_>,
    start: usize,
    offset: u32,
    field: &'static str,
    field_at: usize,
) -> Result<()> {
    match start.checked_add(offset as usize).filter(|&p| p <= r.end()) {
        Some(p) => r.seek(p),
        None => Err(r.invalid_at(field, u64::from(offset), field_at)),
    }
}

impl<'a> Cabinet<'a> {
    fn decode_folder(r: &mut Reader<'a>, header: &CfHeader) -> Result<CfFolder> {
        let coff_cab_start = r.u32()?;
        let c_cf_data = r.u16()?;
        let type_compress = r.u16()?;
        let ab_reserve = r.bytes(usize::from(header.cb_cf_folder))?.to_vec();
        Ok(CfFolder {
            coff_cab_start,
            c_cf_data,
            type_compress,
            ab_reserve,
        })
    }

    fn decode_file(r: &mut Reader<'a>, c_folders: u16) -> Result<CfFile> {
        let cb_file = r.u32()?;
        let uoff_folder_start = r.u32()?;
        let folder_at = r.pos();
        let i_folder = r.u16()?;
        let date = r.u16()?;
        let time = r.u16()?;
        let attribs = r.u16()?;
        let name = r.frame("szName", |r| nul_string(r, 255, false))?.to_vec();
        if i_folder >= c_folders && i_folder < CfFile::CONTINUED {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "iFolder",
                    value: u64::from(i_folder),
                },
                folder_at,
                "file entry kept; it has no folder to be extracted from",
            )?;
        }
        Ok(CfFile {
            cb_file,
            uoff_folder_start,
            i_folder,
            date,
            time,
            attribs,
            name,
        })
    }

    /// The CFDATA blocks of `folder`, starting at `r`'s position; each
    /// checksum is verified.
    fn decode_blocks(
        r: &mut Reader<'a>,
        header: &CfHeader,
        folder: &CfFolder,
    ) -> Result<Vec<CfData<'a>>> {
        let reserve = usize::from(header.cb_cf_data);
        let n = r.check_count(u64::from(folder.c_cf_data), 8 + reserve, "cCFData")?;
        let mut blocks = Vec::with_capacity(n);
        for j in 0..n {
            let block = r.frame_indexed("CFDATA", j, |r| {
                let csum_at = r.pos();
                let csum = r.u32()?;
                let cb_data = r.u16()?;
                let cb_uncomp = r.u16()?;
                let reserve = r.bytes(reserve)?;
                let offset = r.pos();
                let data = r.bytes(usize::from(cb_data))?;
                if csum != 0 {
                    let computed = cfdata_checksum(cb_data, cb_uncomp, data);
                    if computed != csum {
                        r.defect_at(
                            ErrorKind::ChecksumMismatch {
                                stored: u64::from(csum),
                                computed: u64::from(computed),
                            },
                            csum_at,
                            "data kept as read",
                        )?;
                    }
                }
                Ok(CfData {
                    csum,
                    cb_uncomp,
                    reserve,
                    data,
                    offset,
                })
            })?;
            blocks.push(block);
        }
        Ok(blocks)
    }
}

/// [MS-CAB] 2: a whole cabinet at the reader's position (CFHEADER, then
/// the CFFOLDER, CFFILE and CFDATA structures at the offsets it gives,
/// all inside `cbCabinet` bytes); the reader is left after the cabinet.
///
/// Errors: a bad signature, structures or offsets outside the cabinet,
/// counts the cabinet cannot hold, names without a terminator. Defects
/// (errors in strict mode): a CFDATA checksum mismatch (the data is kept),
/// `iFolder` naming no folder (the entry is kept), a `cbCabinet` past the
/// end of the input (read up to the end).
impl<'a> Decode<'a> for Cabinet<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let start = r.pos();
        let header = CfHeader::decode(r)?;
        let declared = header.cb_cabinet as usize;
        let available = r.end().saturating_sub(start);
        let used = r.pos() - start;
        let len = if declared > available || declared < used {
            r.frame("CFHEADER", |r| {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "cbCabinet",
                        value: u64::from(header.cb_cabinet),
                    },
                    start + 8,
                    "the cabinet read up to the end of the input",
                )
            })?;
            available
        } else {
            declared
        };
        // A cabinet with no folder or no file holds nothing: readers refuse it
        // (libmspack: "no folders in cabinet", "no files in cabinet").
        for (field, count, at) in [
            ("cFolders", header.c_folders, start + 26),
            ("cFiles", header.c_files, start + 28),
        ] {
            if count == 0 {
                r.frame("CFHEADER", |r| {
                    r.defect_at(
                        ErrorKind::InvalidValue { field, value: 0 },
                        at,
                        "read as an empty cabinet",
                    )
                })?;
            }
        }
        // The rest of the cabinet: every structure lies in it.
        let mut cab = r.sub(len - used)?;
        let c_folders = header.c_folders;
        let folder_size = 8 + usize::from(header.cb_cf_folder);
        let nf = cab.check_count(u64::from(c_folders), folder_size, "cFolders")?;
        let mut folders = Vec::with_capacity(nf);
        for i in 0..nf {
            folders.push(cab.frame_indexed("CFFOLDER", i, |r| Self::decode_folder(r, &header))?);
        }
        let after_folders = cab.pos();
        seek_to(&mut cab, start, header.coff_files, "coffFiles", start + 16)?;
        if cab.pos() != after_folders {
            // Readers disagree on such cabinets (libmspack reads the CFFILE
            // entries after the folders and only warns): a file list that
            // depends on the reader.
            cab.defect_at(
                ErrorKind::InvalidValue {
                    field: "coffFiles",
                    value: u64::from(header.coff_files),
                },
                start + 16,
                "CFFILE entries read at coffFiles, not after the CFFOLDER entries",
            )?;
        }
        let nfiles = cab.check_count(u64::from(header.c_files), 17, "cFiles")?;
        let mut files = Vec::with_capacity(nfiles);
        for i in 0..nfiles {
            files.push(cab.frame_indexed("CFFILE", i, |r| Self::decode_file(r, c_folders))?);
        }
        let mut blocks = Vec::with_capacity(folders.len());
        for (i, folder) in folders.iter().enumerate() {
            let field_at = start + used + i * folder_size;
            blocks.push(cab.frame_indexed("CFFOLDER", i, |r| {
                seek_to(r, start, folder.coff_cab_start, "coffCabStart", field_at)?;
                Self::decode_blocks(r, &header, folder)
            })?);
        }
        drop(cab);
        Ok(Cabinet {
            header,
            folders,
            files,
            blocks,
            buffer: r.buffer(),
        })
    }
}

/// The compressed bytes of one folder's CFDATA blocks in order, as one
/// stream (an LZX folder is one LZX stream cut into blocks), with where
/// each piece came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderStream {
    /// The blocks' data, concatenated.
    pub data: Vec<u8>,
    /// The sum of the blocks' `cbUncomp`: the folder's uncompressed size.
    pub uncompressed_size: usize,
    /// (position in `data`, offset in the cabinet's buffer) of each piece.
    pieces: Vec<(usize, usize)>,
}

impl FolderStream {
    /// The offset in the cabinet's buffer of byte `pos` of the stream
    /// (for [`msox_codec::Origin::Mapped`], so errors in the stream point
    /// into the cabinet); the end of the stream maps to the end of the
    /// last block's data; `None` past the end.
    pub fn offset_of(&self, pos: usize) -> Option<usize> {
        if pos > self.data.len() {
            return None;
        }
        let i = self.pieces.partition_point(|&(p, _)| p <= pos);
        let (p, off) = *self.pieces.get(i.checked_sub(1)?)?;
        Some(off + (pos - p))
    }
}

impl<'a> Cabinet<'a> {
    /// The buffer the cabinet was decoded from (block offsets are
    /// positions in it).
    pub fn buffer(&self) -> &'a [u8] {
        self.buffer
    }

    /// The CFDATA blocks of folder `index`.
    pub fn data_blocks(&self, index: usize) -> Result<&[CfData<'a>]> {
        self.blocks
            .get(index)
            .map(Vec::as_slice)
            .ok_or_else(|| bad_index(index))
    }

    /// The compressed data of folder `index` as one stream (see
    /// [`FolderStream`]): how an LZX folder is decoded (`ms-patch`).
    pub fn folder_stream(&self, index: usize) -> Result<FolderStream> {
        let blocks = self.data_blocks(index)?;
        let len = blocks.iter().map(|b| b.data.len()).sum();
        let mut s = FolderStream {
            data: Vec::with_capacity(len),
            uncompressed_size: blocks.iter().map(|b| usize::from(b.cb_uncomp)).sum(),
            pieces: Vec::with_capacity(blocks.len()),
        };
        for b in blocks {
            s.pieces.push((s.data.len(), b.offset));
            s.data.extend_from_slice(b.data);
        }
        Ok(s)
    }

    /// Streams the uncompressed data of a stored or MSZIP folder into
    /// `out`, one CFDATA block at a time (memory: one block and the MSZIP
    /// history). The output is charged to the output budget of `options`
    /// (relative to the cabinet's size). Returns the bytes written, with
    /// the defects. LZX folders: see [`Cabinet::folder_stream`] and the
    /// `ms-patch` crate.
    pub fn extract_folder(
        &self,
        index: usize,
        options: &Options,
        out: &mut impl Sink,
    ) -> Result<Decoded<u64>> {
        let mut r = Reader::with_options(self.buffer, options);
        let n = self.read_folder(&mut r, index, out)?;
        Ok(r.into_decoded(n))
    }

    /// [`Cabinet::extract_folder`] into a new vector.
    pub fn folder_data(&self, index: usize, options: &Options) -> Result<Decoded<Vec<u8>>> {
        let blocks = self.data_blocks(index)?;
        // Backed by the input: at most 32 KiB per block of at least 8 bytes.
        let declared: usize = blocks.iter().map(|b| usize::from(b.cb_uncomp)).sum();
        let mut out = Vec::with_capacity(declared.min(self.buffer.len().saturating_mul(4)));
        let d = self.extract_folder(index, options, &mut out)?;
        Ok(d.map(|_| out))
    }

    /// The folder's blocks decoded with `r`, a reader over the buffer the
    /// cabinet was decoded from.
    fn read_folder(&self, r: &mut Reader<'_>, index: usize, out: &mut impl Sink) -> Result<u64> {
        let blocks = self.data_blocks(index)?;
        let compression = self
            .folders
            .get(index)
            .map(CfFolder::compression)
            .ok_or_else(|| bad_index(index))?;
        r.frame_indexed("CFFOLDER", index, |r| {
            let mut total = 0u64;
            let mut mszip = MszipDecoder::new();
            for (j, b) in blocks.iter().enumerate() {
                r.frame_indexed("CFDATA", j, |r| {
                    r.seek(b.offset)?;
                    let size = usize::from(b.cb_uncomp);
                    if size == 0 {
                        return Err(r.unsupported("folder continued in another cabinet"));
                    }
                    let mut w = r.sub(b.data.len())?;
                    match compression {
                        Compression::None => {
                            if b.data.len() != size {
                                return Err(w.error(ErrorKind::InvalidValue {
                                    field: "cbUncomp of a stored block",
                                    value: size as u64,
                                }));
                            }
                            w.charge_output(size)?;
                            out.write(w.take_rest())
                        }
                        Compression::Mszip => mszip.read_block(&mut w, size, out),
                        other => Err(w.unsupported(format!("folder compression {other:?}"))),
                    }
                })?;
                total += u64::from(b.cb_uncomp);
            }
            Ok(total)
        })
    }

    /// The bytes of file `file` cut out of its folder's data (as produced
    /// by [`Cabinet::folder_data`] or an LZX decoder).
    pub fn file_bytes<'d>(file: &CfFile, folder_data: &'d [u8]) -> Result<&'d [u8]> {
        let start = usize::try_from(file.uoff_folder_start).unwrap_or(usize::MAX);
        let len = usize::try_from(file.cb_file).unwrap_or(usize::MAX);
        start
            .checked_add(len)
            .and_then(|end| folder_data.get(start..end))
            .ok_or_else(|| {
                Error::new(ErrorKind::UnexpectedEnd {
                    needed: start as u64 + len as u64,
                    available: folder_data.len() as u64,
                })
                .context("CFFILE")
            })
    }
}

fn bad_index(index: usize) -> Error {
    Error::new(ErrorKind::InvalidValue {
        field: "folder index",
        value: index as u64,
    })
}
