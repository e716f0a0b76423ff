//! [MS-CFB] 2.1 sector numbers and 2.2 the Compound File Header.

use ms_dtyp::Guid;
use msox_codec::{Decode, ErrorKind, Reader, Result};

/// [MS-CFB] 2.1 special sector numbers.
pub mod sector {
    /// Largest regular sector number.
    pub const MAXREGSECT: u32 = 0xFFFF_FFFA;
    /// A DIFAT sector (in the FAT).
    pub const DIFSECT: u32 = 0xFFFF_FFFC;
    /// A FAT sector (in the FAT).
    pub const FATSECT: u32 = 0xFFFF_FFFD;
    /// End of a chain.
    pub const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
    /// Unallocated.
    pub const FREESECT: u32 = 0xFFFF_FFFF;
    /// No directory entry (stream ID).
    pub const NOSTREAM: u32 = 0xFFFF_FFFF;
}

/// [MS-CFB] 2.2 Header Signature.
pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Number of DIFAT entries in the header.
pub const HEADER_DIFAT_ENTRIES: usize = 109;

/// [MS-CFB] 2.2 Compound File Header: every field as read (the first 512
/// bytes of the file; in a version 4 file the rest of the 4096-byte header
/// sector is not read).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Header {
    /// Header CLSID (should be zero).
    pub clsid: Guid,
    /// Minor version (0x003E).
    pub minor_version: u16,
    /// Major version: 3 (512-byte sectors) or 4 (4096-byte sectors).
    pub major_version: u16,
    /// Byte order mark (0xFFFE).
    pub byte_order: u16,
    /// Sector shift: 9 or 12.
    pub sector_shift: u16,
    /// Mini sector shift: 6.
    pub mini_sector_shift: u16,
    /// Reserved (6 bytes, zero).
    pub reserved: [u8; 6],
    /// Number of directory sectors (0 in version 3).
    pub num_dir_sectors: u32,
    /// Number of FAT sectors.
    pub num_fat_sectors: u32,
    /// First directory sector.
    pub first_dir_sector: u32,
    /// Transaction signature number.
    pub transaction_signature: u32,
    /// Mini stream cutoff size (4096).
    pub mini_stream_cutoff: u32,
    /// First mini FAT sector.
    pub first_minifat_sector: u32,
    /// Number of mini FAT sectors.
    pub num_minifat_sectors: u32,
    /// First DIFAT sector.
    pub first_difat_sector: u32,
    /// Number of DIFAT sectors.
    pub num_difat_sectors: u32,
    /// The first 109 FAT sector locations (the header's part of the DIFAT).
    pub difat: Vec<u32>,
}

impl Header {
    /// The sector size in bytes (512 or 4096, from the sector shift).
    pub fn sector_size(&self) -> usize {
        1usize << self.sector_shift.min(12)
    }
}

/// Reads the header; a signature, byte order, sector shift or mini sector
/// shift other than the spec's is an error (nothing else can be read),
/// a version that does not match the sector size and a mini stream cutoff
/// other than 4096 are defects.
impl<'a> Decode<'a> for Header {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("Header", |r| {
            let start = r.pos();
            let sig: [u8; 8] = r.array()?;
            if sig != SIGNATURE {
                return Err(r.error_at(
                    ErrorKind::BadSignature {
                        expected: u64::from_be_bytes(SIGNATURE),
                        found: u64::from_be_bytes(sig),
                    },
                    start,
                ));
            }
            let clsid = r.decode::<Guid>()?;
            let minor_version = r.u16()?;
            let major_version = r.u16()?;
            let at = r.pos();
            let byte_order = r.u16()?;
            if byte_order != 0xFFFE {
                return Err(r.invalid_at("Byte Order", byte_order.into(), at));
            }
            let at = r.pos();
            let sector_shift = r.u16()?;
            if !matches!(sector_shift, 9 | 12) {
                return Err(r.invalid_at("Sector Shift", sector_shift.into(), at));
            }
            let ms_at = r.pos();
            let mini_sector_shift = r.u16()?;
            if mini_sector_shift != 6 {
                return Err(r.invalid_at("Mini Sector Shift", mini_sector_shift.into(), ms_at));
            }
            if (major_version == 3) != (sector_shift == 9) || !matches!(major_version, 3 | 4) {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Major Version",
                        value: major_version.into(),
                    },
                    start + 26,
                    "read with the sector size the Sector Shift gives",
                )?;
            }
            let reserved = r.array()?;
            let num_dir_sectors = r.u32()?;
            let num_fat_sectors = r.u32()?;
            let first_dir_sector = r.u32()?;
            let transaction_signature = r.u32()?;
            let at = r.pos();
            let mini_stream_cutoff = r.u32()?;
            if mini_stream_cutoff != 4096 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Mini Stream Cutoff Size",
                        value: mini_stream_cutoff.into(),
                    },
                    at,
                    "streams smaller than the stated cutoff read from the mini stream",
                )?;
            }
            let first_minifat_sector = r.u32()?;
            let num_minifat_sectors = r.u32()?;
            let first_difat_sector = r.u32()?;
            let num_difat_sectors = r.u32()?;
            let mut difat = Vec::with_capacity(HEADER_DIFAT_ENTRIES);
            for _ in 0..HEADER_DIFAT_ENTRIES {
                difat.push(r.u32()?);
            }
            Ok(Header {
                clsid,
                minor_version,
                major_version,
                byte_order,
                sector_shift,
                mini_sector_shift,
                reserved,
                num_dir_sectors,
                num_fat_sectors,
                first_dir_sector,
                transaction_signature,
                mini_stream_cutoff,
                first_minifat_sector,
                num_minifat_sectors,
                first_difat_sector,
                num_difat_sectors,
                difat,
            })
        })
    }
}
