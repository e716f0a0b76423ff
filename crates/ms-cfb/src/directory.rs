//! [MS-CFB] 2.6 Compound File Directory Entry.

use ms_dtyp::{FileTime, Guid};
use msox_codec::{ErrorKind, Reader, Result, Utf16String};

msox_codec::wire_enum! {
    /// [MS-CFB] 2.6.1 Object Type (unknown values kept).
    pub enum ObjectType: u8 {
        /// 0x00 unknown or unallocated.
        Unallocated = 0x00 => "Unknown or unallocated",
        /// 0x01 storage object.
        Storage = 0x01 => "Storage Object",
        /// 0x02 stream object.
        Stream = 0x02 => "Stream Object",
        /// 0x05 root storage object.
        Root = 0x05 => "Root Storage Object",
    }
}

/// Size of a directory entry in bytes.
pub const ENTRY_SIZE: usize = 128;

/// Offsets of the fields of a directory entry (for error positions).
pub(crate) mod field {
    pub const NAME_LEN: usize = 64;
    pub const OBJECT_TYPE: usize = 66;
    pub const LEFT: usize = 68;
    pub const RIGHT: usize = 72;
    pub const CHILD: usize = 76;
    pub const START: usize = 116;
}

/// [MS-CFB] 2.6.1 Compound File Directory Entry: every field as read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DirEntry {
    /// The name, without its terminating null: the UTF-16 code units of the
    /// Directory Entry Name field, kept losslessly (invalid UTF-16 keeps
    /// its bytes).
    pub name: Utf16String,
    /// The Directory Entry Name Length field as read (bytes, including the
    /// terminator).
    pub name_len: u16,
    /// The object type.
    pub object_type: ObjectType,
    /// Color flag (0 red, 1 black).
    pub color: u8,
    /// Left sibling stream ID.
    pub left: u32,
    /// Right sibling stream ID.
    pub right: u32,
    /// Child stream ID (storages).
    pub child: u32,
    /// CLSID (storages).
    pub clsid: Guid,
    /// User state bits.
    pub state_bits: u32,
    /// Creation time.
    pub created: FileTime,
    /// Modification time.
    pub modified: FileTime,
    /// Starting sector (FAT or mini FAT by size).
    pub start: u32,
    /// Stream Size field as read (all 64 bits; see [`DirEntry::stream_size`]).
    pub size: u64,
}

impl DirEntry {
    /// A free entry ([MS-CFB] 2.6.3: all zeroes but the sibling and child
    /// links, which are NOSTREAM).
    pub fn unallocated() -> DirEntry {
        DirEntry {
            name: Utf16String::default(),
            name_len: 0,
            object_type: ObjectType::Unallocated,
            color: 0,
            left: crate::sector::NOSTREAM,
            right: crate::sector::NOSTREAM,
            child: crate::sector::NOSTREAM,
            clsid: Guid::NIL,
            state_bits: 0,
            created: FileTime(0),
            modified: FileTime(0),
            start: 0,
            size: 0,
        }
    }

    /// Whether the name equals `name` under the compound file's
    /// case-insensitive comparison ([MS-CFB] 2.6.4: upper-case mapping;
    /// here simple Unicode upper case). A name that is not valid UTF-16
    /// equals nothing.
    pub fn name_matches(&self, name: &str) -> bool {
        if !self.name.is_valid() {
            return false;
        }
        let mine = self.name.as_str();
        if mine.is_ascii() && name.is_ascii() {
            return mine.eq_ignore_ascii_case(name);
        }
        mine.chars()
            .flat_map(char::to_uppercase)
            .eq(name.chars().flat_map(char::to_uppercase))
    }

    /// The stream size as a reader uses it: for version 3 files
    /// (`major_version == 3`), the low 32 bits ([MS-CFB] 2.6.3: older writers
    /// left the high bits uninitialised).
    pub fn stream_size(&self, major_version: u16) -> u64 {
        if major_version == 3 {
            self.size & 0xFFFF_FFFF
        } else {
            self.size
        }
    }

    /// Whether this is a storage (or the root storage).
    pub fn is_storage(&self) -> bool {
        matches!(self.object_type, ObjectType::Storage | ObjectType::Root)
    }

    /// Whether this is a stream.
    pub fn is_stream(&self) -> bool {
        self.object_type == ObjectType::Stream
    }

    /// Whether the Directory Entry Name Length field is what the spec
    /// allows: even, at most 64, counting a terminating null that is there
    /// (or 0, for an unnamed entry).
    pub fn name_len_ok(&self) -> bool {
        let l = usize::from(self.name_len);
        l == 0 || (l <= 64 && l.is_multiple_of(2) && self.name.byte_len() + 2 == l)
    }

    /// Reports what is wrong with an entry the directory tree links to
    /// (`pos`: where its 128 bytes are): a bad name length, an object type
    /// the spec does not define.
    pub(crate) fn check(&self, r: &mut Reader<'_>, pos: usize) -> Result<()> {
        if !self.name_len_ok() {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "Directory Entry Name Length",
                    value: self.name_len.into(),
                },
                pos + field::NAME_LEN,
                "name read up to its first null",
            )?;
        }
        if !self.object_type.is_known() {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "Object Type",
                    value: self.object_type.value().into(),
                },
                pos + field::OBJECT_TYPE,
                "entry kept; not read as a storage or stream",
            )?;
        }
        Ok(())
    }

    /// Reads the 128 bytes of one entry at the reader's position. The name
    /// is the Directory Entry Name Length's bytes less the terminator when
    /// the length is valid, else the bytes up to the first null.
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<DirEntry> {
        let raw_name: [u8; 64] = r.array()?;
        let name_len = r.u16()?;
        let l = usize::from(name_len);
        let terminated = (2..=64).contains(&l)
            && l.is_multiple_of(2)
            && raw_name.get(l - 2..l) == Some(&[0, 0][..]);
        let name_bytes: &[u8] = if terminated || l == 0 {
            raw_name.get(..l.saturating_sub(2)).unwrap_or_default()
        } else {
            let (units, _) = raw_name.as_chunks::<2>();
            let n = units
                .iter()
                .position(|u| *u == [0, 0])
                .unwrap_or(units.len());
            raw_name.get(..n * 2).unwrap_or_default()
        };
        let name = Utf16String::from_le_bytes(name_bytes);
        let object_type = ObjectType::from_value(r.u8()?);
        let color = r.u8()?;
        let left = r.u32()?;
        let right = r.u32()?;
        let child = r.u32()?;
        let clsid = r.decode::<Guid>()?;
        let state_bits = r.u32()?;
        let created = FileTime(r.u64()?);
        let modified = FileTime(r.u64()?);
        let start_sector = r.u32()?;
        let size = r.u64()?;
        Ok(DirEntry {
            name,
            name_len,
            object_type,
            color,
            left,
            right,
            child,
            clsid,
            state_bits,
            created,
            modified,
            start: start_sector,
            size,
        })
    }
}
