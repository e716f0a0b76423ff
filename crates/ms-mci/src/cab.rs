//! A minimal reader of Microsoft cabinet files ([MS-CAB]), enough to reach
//! the MSZIP (and LZX) data blocks of a cabinet's folders and to extract the
//! files of single-cabinet sets with stored or MSZIP folders.
//!
//! Cabinets are not an Exchange format, but they are where MSZIP (and LZX)
//! data is found in the wild, so this is how real MSZIP streams are tested.
//! Not covered: cabinet sets that span several files (a folder continued
//! from or into another cabinet is refused), Quantum, CFDATA checksums (not
//! verified), and writing cabinets.

use msox_codec::{Error, ErrorKind, Limits, Reader, Result, ResultExt};

use crate::mszip::MszipDecoder;

/// [MS-CAB] 2.1 CFHEADER: the cabinet header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CfHeader {
    /// `cbCabinet`: size of the cabinet file in bytes.
    pub cb_cabinet: u32,
    /// `coffFiles`: offset of the first CFFILE entry.
    pub coff_files: u32,
    /// `versionMinor`, `versionMajor` (1.3 in practice).
    pub version: (u8, u8),
    /// `cFolders`: number of CFFOLDER entries.
    pub c_folders: u16,
    /// `cFiles`: number of CFFILE entries.
    pub c_files: u16,
    /// `flags`: 1 = previous cabinet, 2 = next cabinet, 4 = reserve fields present.
    pub flags: u16,
    /// `setID`.
    pub set_id: u16,
    /// `iCabinet`: number of this cabinet in its set.
    pub i_cabinet: u16,
    /// `cbCFFolder`: reserved bytes in each CFFOLDER.
    pub cb_cf_folder: u8,
    /// `cbCFData`: reserved bytes in each CFDATA.
    pub cb_cf_data: u8,
    /// `abReserve`: the header's reserved area.
    pub ab_reserve: Vec<u8>,
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

/// [MS-CAB] 2.4 CFDATA: one data block of a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CfData<'a> {
    /// `csum` (not verified here).
    pub csum: u32,
    /// `cbUncomp`: uncompressed bytes this block stands for (0: continued
    /// in the next cabinet).
    pub cb_uncomp: u16,
    /// `ab`: the compressed bytes (`cbData` of them).
    pub data: &'a [u8],
    /// Absolute offset of `data` in the cabinet.
    pub offset: usize,
}

/// A parsed cabinet: header, folders and files, borrowing the file bytes.
#[derive(Debug, Clone)]
pub struct Cabinet<'a> {
    /// The header.
    pub header: CfHeader,
    /// The folders.
    pub folders: Vec<CfFolder>,
    /// The file entries.
    pub files: Vec<CfFile>,
    bytes: &'a [u8],
}

fn nul_string<'a>(r: &mut Reader<'a>, max: usize) -> Result<&'a [u8]> {
    let rest = r.rest();
    let n = rest
        .iter()
        .take(max + 1)
        .position(|&b| b == 0)
        .ok_or_else(|| r.malformed("string without NUL terminator"))?;
    let s = r.bytes(n)?;
    r.skip(1)?;
    Ok(s)
}

impl<'a> Cabinet<'a> {
    /// Parses the header, folder and file tables of a cabinet.
    pub fn parse(bytes: &'a [u8], limits: &Limits) -> Result<Self> {
        Self::parse_inner(bytes, limits).map_err(|e| e.resolve(bytes.len()))
    }

    fn parse_inner(bytes: &'a [u8], limits: &Limits) -> Result<Self> {
        let mut r = Reader::new(bytes);
        let sig = r.u32().context("CFHEADER")?;
        if sig != 0x4643_534D {
            return Err(r
                .error_at(
                    ErrorKind::BadSignature {
                        expected: 0x4643_534D,
                        found: u64::from(sig),
                    },
                    0,
                )
                .context("CFHEADER"));
        }
        let header = (|| -> Result<CfHeader> {
            let _reserved1 = r.u32()?;
            let cb_cabinet = r.u32()?;
            let _reserved2 = r.u32()?;
            let coff_files = r.u32()?;
            let _reserved3 = r.u32()?;
            let minor = r.u8()?;
            let major = r.u8()?;
            let c_folders = r.u16()?;
            let c_files = r.u16()?;
            let flags = r.u16()?;
            let set_id = r.u16()?;
            let i_cabinet = r.u16()?;
            let (mut cb_cf_folder, mut cb_cf_data, mut ab_reserve) = (0, 0, Vec::new());
            if flags & 4 != 0 {
                let cb_cf_header = r.u16()?;
                cb_cf_folder = r.u8()?;
                cb_cf_data = r.u8()?;
                ab_reserve = r.bytes(usize::from(cb_cf_header))?.to_vec();
            }
            if flags & 1 != 0 {
                nul_string(&mut r, 255)?;
                nul_string(&mut r, 255)?;
            }
            if flags & 2 != 0 {
                nul_string(&mut r, 255)?;
                nul_string(&mut r, 255)?;
            }
            Ok(CfHeader {
                cb_cabinet,
                coff_files,
                version: (minor, major),
                c_folders,
                c_files,
                flags,
                set_id,
                i_cabinet,
                cb_cf_folder,
                cb_cf_data,
                ab_reserve,
            })
        })()
        .context("CFHEADER")?;
        let folder_size = 8 + usize::from(header.cb_cf_folder);
        r.check_count(u64::from(header.c_folders), folder_size, "cFolders", limits)?;
        let mut folders = Vec::with_capacity(usize::from(header.c_folders));
        for _ in 0..header.c_folders {
            let f = (|| -> Result<CfFolder> {
                let coff_cab_start = r.u32()?;
                let c_cf_data = r.u16()?;
                let type_compress = r.u16()?;
                r.skip(usize::from(header.cb_cf_folder))?;
                Ok(CfFolder {
                    coff_cab_start,
                    c_cf_data,
                    type_compress,
                })
            })()
            .context("CFFOLDER")?;
            folders.push(f);
        }
        let coff = usize::try_from(header.coff_files).unwrap_or(usize::MAX);
        let mut fr = Reader::new(bytes);
        fr.skip(coff).context("CFHEADER.coffFiles")?;
        fr.check_count(u64::from(header.c_files), 17, "cFiles", limits)?;
        let mut files = Vec::with_capacity(usize::from(header.c_files));
        for _ in 0..header.c_files {
            let f = (|| -> Result<CfFile> {
                let cb_file = fr.u32()?;
                let uoff_folder_start = fr.u32()?;
                let i_folder = fr.u16()?;
                let date = fr.u16()?;
                let time = fr.u16()?;
                let attribs = fr.u16()?;
                let name = nul_string(&mut fr, 256)?.to_vec();
                Ok(CfFile {
                    cb_file,
                    uoff_folder_start,
                    i_folder,
                    date,
                    time,
                    attribs,
                    name,
                })
            })()
            .context("CFFILE")?;
            files.push(f);
        }
        Ok(Cabinet {
            header,
            folders,
            files,
            bytes,
        })
    }

    /// The CFDATA blocks of folder `index`.
    pub fn data_blocks(&self, index: usize) -> Result<Vec<CfData<'a>>> {
        let folder = self.folders.get(index).ok_or_else(|| {
            Error::new(ErrorKind::InvalidValue {
                field: "folder index",
                value: index as u64,
            })
        })?;
        let start = usize::try_from(folder.coff_cab_start).unwrap_or(usize::MAX);
        let mut r = Reader::new(self.bytes);
        let res = (|| -> Result<Vec<CfData<'a>>> {
            r.skip(start)?;
            let n = r.check_count(u64::from(folder.c_cf_data), 8, "cCFData", &Limits::DEFAULT)?;
            let mut blocks = Vec::with_capacity(n);
            for _ in 0..n {
                let csum = r.u32()?;
                let cb_data = r.u16()?;
                let cb_uncomp = r.u16()?;
                r.skip(usize::from(self.header.cb_cf_data))?;
                let offset = r.pos();
                let data = r.bytes(usize::from(cb_data))?;
                blocks.push(CfData {
                    csum,
                    cb_uncomp,
                    data,
                    offset,
                });
            }
            Ok(blocks)
        })();
        res.context("CFDATA")
            .map_err(|e| e.resolve(self.bytes.len()))
    }

    /// The uncompressed data of a stored or MSZIP folder, at most
    /// `limits.max_output` bytes. LZX folders: see the `ms-patch` crate
    /// (concatenate the blocks' data and decode it as one LZX stream).
    pub fn folder_data(&self, index: usize, limits: &Limits) -> Result<Vec<u8>> {
        let blocks = self.data_blocks(index)?;
        let total: usize = blocks.iter().map(|b| usize::from(b.cb_uncomp)).sum();
        limits.check_output(total)?;
        if blocks.iter().any(|b| b.cb_uncomp == 0) {
            return Err(Error::new(ErrorKind::Unsupported(
                "folder continued in another cabinet".into(),
            )));
        }
        let mut out = Vec::with_capacity(total);
        match self.folders.get(index).map(CfFolder::compression) {
            Some(Compression::None) => {
                for b in &blocks {
                    if b.data.len() != usize::from(b.cb_uncomp) {
                        return Err(Error::at_offset(
                            ErrorKind::Malformed("stored CFDATA size mismatch".into()),
                            b.offset,
                        ));
                    }
                    out.extend_from_slice(b.data);
                }
            }
            Some(Compression::Mszip) => {
                let mut dec = MszipDecoder::new();
                for b in &blocks {
                    dec.decode_block(b.data, usize::from(b.cb_uncomp), &mut out)
                        .map_err(|e| e.shift(b.offset).context("CFDATA"))?;
                }
            }
            other => {
                return Err(Error::new(ErrorKind::Unsupported(
                    format!("folder compression {other:?}").into(),
                )));
            }
        }
        Ok(out)
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
