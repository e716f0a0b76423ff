//! The CHM (ITSF) container: the header, the header sections, the
//! directory (ITSP header and PMGL listing chunks) and the entries it
//! lists. No open specification covers CHM; field names follow the ones in
//! common use (libmspack's `chm.h`, the `chmlib` sources): only facts
//! (offsets, sizes, GUIDs, names) are taken from them.
//!
//! Layout: `ITSF` header (0x38 bytes: signature, version, header length,
//! an unknown word, a big-endian timestamp, a language ID, two GUIDs);
//! the header section table (offset and length of header sections 0 and
//! 1, and from version 3 the offset of the content); header section 0
//! (the file's length at its offset 8); header section 1, the directory:
//! an `ITSP` header (0x54 bytes: chunk size, quickref density, depth, the
//! index root, first and last PMGL chunk, chunk count, ...) followed by
//! the chunks. A `PMGL` chunk lists entries: name length, name, section,
//! offset and length, the numbers as ENCINTs (7 bits per byte, high bit
//! set on all but the last), the entry count in its last two bytes.
//! `PMGI` chunks index them for searching and are not needed to list.

use msox_codec::{Decode, ErrorKind, Reader, Result};

/// `ITSF`.
pub const ITSF: u32 = 0x4653_5449;
/// `ITSP`.
pub const ITSP: u32 = 0x5053_5449;
/// `PMGL`.
pub const PMGL: u32 = 0x4C47_4D50;

/// The two GUIDs every ITSF header carries ({7C01FD10-7BAA-11D0-9E0C-00A0C922E6EC}
/// and {7C01FD11-...}), as stored.
pub const ITSF_GUIDS: [u8; 32] = [
    0x10, 0xFD, 0x01, 0x7C, 0xAA, 0x7B, 0xD0, 0x11, 0x9E, 0x0C, 0x00, 0xA0, 0xC9, 0x22, 0xE6, 0xEC,
    0x11, 0xFD, 0x01, 0x7C, 0xAA, 0x7B, 0xD0, 0x11, 0x9E, 0x0C, 0x00, 0xA0, 0xC9, 0x22, 0xE6, 0xEC,
];

/// The ITSF header and its header section table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ItsfHeader {
    /// Version (2 or 3 in practice).
    pub version: u32,
    /// Length of this header.
    pub header_len: u32,
    /// The word after the length (1 in practice).
    pub unknown1: u32,
    /// Timestamp (stored big-endian).
    pub timestamp: u32,
    /// Language ID.
    pub language: u32,
    /// Offset and length of header section 0.
    pub section0: (u64, u64),
    /// Offset and length of header section 1 (the directory).
    pub section1: (u64, u64),
    /// Offset of the content (section 0 data); version 3 only.
    pub content_offset: Option<u64>,
}

/// Header section 1: the `ITSP` directory header.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ItspHeader {
    /// Signature as read (`ITSP`).
    pub signature: u32,
    /// Version.
    pub version: u32,
    /// Length of this header (0x54).
    pub header_len: u32,
    /// Size of each directory chunk (4096 in practice).
    pub chunk_size: u32,
    /// Quickref density.
    pub density: u32,
    /// Depth of the index tree.
    pub depth: u32,
    /// Chunk number of the root index chunk (0xFFFFFFFF: none).
    pub index_root: u32,
    /// First PMGL chunk.
    pub first_pmgl: u32,
    /// Last PMGL chunk.
    pub last_pmgl: u32,
    /// Number of chunks.
    pub num_chunks: u32,
    /// Language ID.
    pub language: u32,
}

/// One entry of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DirEntry {
    /// The name, as stored (UTF-8 in practice; `/`-separated, starting
    /// with `/` for content files and `::` for system files).
    pub name: Vec<u8>,
    /// 0: stored in the uncompressed content; 1: in the MSCompressed
    /// (LZX) section.
    pub section: u64,
    /// Offset in its section.
    pub offset: u64,
    /// Length.
    pub length: u64,
}

impl DirEntry {
    /// A system file (`::DataSpace/...`): used by the container, not
    /// listed with the content files.
    pub fn is_system(&self) -> bool {
        self.name.starts_with(b"::")
    }

    /// A directory: offset and length 0, name ending in `/`.
    pub fn is_dir(&self) -> bool {
        self.offset == 0 && self.length == 0 && self.name.last() == Some(&b'/')
    }

    /// The name as text (invalid UTF-8 as U+FFFD).
    pub fn name_text(&self) -> String {
        String::from_utf8_lossy(&self.name).into_owned()
    }
}

/// Reads an ENCINT: 7 bits per byte, most significant first, the high bit
/// set on every byte but the last; at most 9 bytes (63 bits), the 9th
/// with its high bit clear.
pub fn read_encint(r: &mut Reader<'_>) -> Result<u64> {
    let at = r.pos();
    let mut v = 0u64;
    for i in 0..9 {
        let c = r.u8()?;
        v = (v << 7) | u64::from(c & 0x7F);
        if c & 0x80 == 0 {
            return Ok(v);
        }
        if i == 8 {
            break;
        }
    }
    Err(r.error_at(
        ErrorKind::Malformed("ENCINT longer than 63 bits".into()),
        at,
    ))
}

/// [`ItsfHeader`] at the start of a CHM file.
impl<'a> Decode<'a> for ItsfHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ITSF", |r| {
            let at = r.pos();
            let sig = r.u32()?;
            if sig != ITSF {
                return Err(r.error_at(
                    ErrorKind::BadSignature {
                        expected: u64::from(ITSF),
                        found: u64::from(sig),
                    },
                    at,
                ));
            }
            let version = r.u32()?;
            let header_len = r.u32()?;
            let unknown1 = r.u32()?;
            let timestamp = r.u32_be()?;
            let language = r.u32()?;
            let gat = r.pos();
            let guids = r.array::<32>()?;
            if guids != ITSF_GUIDS {
                return Err(r.error_at(
                    ErrorKind::Malformed("the ITSF header's GUIDs are not the CHM ones".into()),
                    gat,
                ));
            }
            let section0 = (r.u64()?, r.u64()?);
            let section1 = (r.u64()?, r.u64()?);
            let content_offset = if version >= 3 { Some(r.u64()?) } else { None };
            Ok(ItsfHeader {
                version,
                header_len,
                unknown1,
                timestamp,
                language,
                section0,
                section1,
                content_offset,
            })
        })
    }
}

/// [`ItspHeader`] at the start of header section 1.
impl<'a> Decode<'a> for ItspHeader {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ITSP", |r| {
            let at = r.pos();
            let signature = r.u32()?;
            if signature != ITSP {
                r.defect_at(
                    ErrorKind::BadSignature {
                        expected: u64::from(ITSP),
                        found: u64::from(signature),
                    },
                    at,
                    "read as a directory header",
                )?;
            }
            let version = r.u32()?;
            let header_len = r.u32()?;
            let _unknown1 = r.u32()?;
            let chunk_size = r.u32()?;
            let density = r.u32()?;
            let depth = r.u32()?;
            let index_root = r.u32()?;
            let first_pmgl = r.u32()?;
            let last_pmgl = r.u32()?;
            let _unknown2 = r.u32()?;
            let num_chunks = r.u32()?;
            let language = r.u32()?;
            // GUID and four more words: 0x54 bytes in all.
            r.skip(16 + 16)?;
            Ok(ItspHeader {
                signature,
                version,
                header_len,
                chunk_size,
                density,
                depth,
                index_root,
                first_pmgl,
                last_pmgl,
                num_chunks,
                language,
            })
        })
    }
}
