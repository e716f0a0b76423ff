//! Cabinet sets: one or more cabinets read in order, their folders that
//! continue from one cabinet into the next merged, their files listed once
//! ([MS-CAB] 2.1 `flags`, 2.3 `iFolder`, 2.4 split CFDATA blocks).

use ms_mci::cab::{CfData, CfFile, CfHeader, Compression};
use msox_codec::{Decode, Decoded, ErrorKind, Options, Origin, Reader, Result};

use crate::names::{decode_name, safe_path};

pub use ms_mci::cab::Cabinet;

/// [MS-CAB] 2.3 `attribs` bit: the name is UTF-8 (`_A_NAME_IS_UTF`).
pub const ATTRIB_UTF8_NAME: u16 = 0x80;

/// [MS-CAB] 2.3 `iFolder`: the file continues from the previous cabinet.
pub const CONTINUED_FROM_PREV: u16 = 0xFFFD;
/// [MS-CAB] 2.3 `iFolder`: the file continues into the next cabinet.
pub const CONTINUED_TO_NEXT: u16 = 0xFFFE;
/// [MS-CAB] 2.3 `iFolder`: the file continues from the previous cabinet
/// and into the next.
pub const CONTINUED_PREV_AND_NEXT: u16 = 0xFFFF;

/// One file of a cabinet set, as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FileEntry {
    /// `szName` as stored (no terminating NUL).
    pub name: Vec<u8>,
    /// `cbFile`.
    pub size: u32,
    /// `uoffFolderStart`: where the file starts in its folder's data.
    pub offset: u32,
    /// The folder of the set ([`CabinetSet::folders`]) holding the file,
    /// `None` when it is in no folder this set has (an `iFolder` that names
    /// no folder, or a file continued from a cabinet that was not given).
    pub folder: Option<usize>,
    /// `date` (MS-DOS format).
    pub date: u16,
    /// `time` (MS-DOS format).
    pub time: u16,
    /// `attribs`.
    pub attribs: u16,
    /// `iFolder` as stored.
    pub i_folder: u16,
    /// The cabinet of the set that lists it (the first one, for a file
    /// listed by two).
    pub cabinet: usize,
    /// Its CFFILE index in that cabinet.
    pub index: usize,
}

impl FileEntry {
    /// The name as text ([`decode_name`]: UTF-8 or ISO-8859-1 by
    /// [`ATTRIB_UTF8_NAME`]).
    pub fn name_text(&self) -> String {
        decode_name(&self.name, self.attribs & ATTRIB_UTF8_NAME != 0)
    }

    /// A relative path safe to create the file at ([`safe_path`]; `file-N`
    /// when nothing of the name is left, N its place in the set's list).
    pub fn safe_path(&self, n: usize) -> String {
        safe_path(&self.name_text(), &format!("file-{n}"))
    }

    /// The `date` and `time` fields as (year, month, day, hour, minute,
    /// second), MS-DOS style (two-second resolution).
    pub fn datetime(&self) -> (u16, u8, u8, u8, u8, u8) {
        let d = self.date;
        let t = self.time;
        (
            1980 + (d >> 9),
            ((d >> 5) & 0x0F) as u8,
            (d & 0x1F) as u8,
            (t >> 11) as u8,
            ((t >> 5) & 0x3F) as u8,
            ((t & 0x1F) * 2) as u8,
        )
    }
}

/// A piece of a folder's data: one CFDATA block (or the parts of one
/// split over cabinets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockRef {
    /// (cabinet, offset of the data in that cabinet's buffer, length) of
    /// each part; more than one for a block split over cabinets.
    pub parts: Vec<(usize, usize, usize)>,
    /// `cbUncomp` (of the last part).
    pub uncompressed: u16,
    /// Cabinet, CFFOLDER and CFDATA index of the (first part of the) block.
    pub at: (usize, usize, usize),
}

/// A folder of a set: one folder of one cabinet, or several merged when it
/// continues from one cabinet into the next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetFolder {
    /// The compression of its first part.
    pub compression: Compression,
    /// (cabinet, CFFOLDER index) of each part, in order.
    pub parts: Vec<(usize, usize)>,
    /// Its data blocks, split blocks joined.
    pub blocks: Vec<BlockRef>,
    /// Whether its last block continues in a cabinet that was not given.
    pub truncated: bool,
    /// Whether it continues from a cabinet that was not given (its first
    /// block is the second part of a split block, or its files say so).
    pub continued: bool,
}

impl SetFolder {
    /// The folder's uncompressed size: the sum of its blocks' `cbUncomp`.
    pub fn uncompressed_size(&self) -> u64 {
        self.blocks.iter().map(|b| u64::from(b.uncompressed)).sum()
    }
}

/// A cabinet set: the cabinets, their merged folders, their files listed
/// once.
///
/// ```
/// use msox_cab::CabinetSet;
/// use msox_codec::Options;
/// let bytes = msox_testkit::vector("mci", "cab-mszip-two-files").bytes;
/// let set = CabinetSet::open(&[&bytes], &Options::strict())?.value;
/// let names: Vec<String> = set.files().iter().map(|f| f.name_text()).collect();
/// assert_eq!(names, ["hello.txt", "notes.txt"]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CabinetSet<'a> {
    pub(crate) buffers: Vec<&'a [u8]>,
    /// Where each cabinet starts in its buffer.
    pub(crate) starts: Vec<usize>,
    pub(crate) cabinets: Vec<Cabinet<'a>>,
    pub(crate) folders: Vec<SetFolder>,
    pub(crate) files: Vec<FileEntry>,
}

/// Runs `f` on a reader over cabinet `k` of the set: `r` itself for the
/// first, a nested reader (offsets in that cabinet, path `Cabinet[k]`)
/// for the others.
pub(crate) fn in_cabinet<'a, T>(
    r: &mut Reader<'a>,
    buffers: &[&'a [u8]],
    k: usize,
    f: impl FnOnce(&mut Reader<'a>) -> Result<T>,
) -> Result<T> {
    if k == 0 {
        return f(r);
    }
    let buf = buffers.get(k).copied().unwrap_or_default();
    r.frame_indexed("Cabinet", k, |r| r.nested(buf, Origin::At(0), f))
}

impl<'a> CabinetSet<'a> {
    /// Reads the cabinets of a set, in set order (`parts[0]` is the first
    /// cabinet given, each next one the cabinet its `szCabinetNext` names),
    /// each from the start of its buffer, in one session with `options`.
    ///
    /// Errors: anything [`Cabinet`]'s decoding refuses (a CFDATA checksum
    /// mismatch is a defect in lenient mode). Defects (errors in strict
    /// mode): consecutive parts that do not link (`szCabinetNext` /
    /// `setID` / `iCabinet` that do not match, the flags saying no next or
    /// previous cabinet), folders that continue into or from a cabinet that
    /// was not given, compression that changes inside a merged folder.
    pub fn open(parts: &[&'a [u8]], options: &Options) -> Result<Decoded<Self>> {
        let first = parts.first().copied().unwrap_or_default();
        msox_codec::decode_bytes_with_reader(first, options, |r| Self::read(r, parts))
    }

    /// [`CabinetSet::open`] inside the caller's session (`r` over
    /// `parts[0]`; it is left after the first cabinet).
    pub fn read(r: &mut Reader<'a>, parts: &[&'a [u8]]) -> Result<Self> {
        let mut cabinets = Vec::with_capacity(parts.len().min(256));
        for k in 0..parts.len() {
            let cab = in_cabinet(r, parts, k, Cabinet::decode)?;
            cabinets.push(cab);
        }
        // The other parts need not be read to their end (one session's
        // trailing-bytes rule applies to the first only).
        let mut set = CabinetSet {
            buffers: parts.to_vec(),
            starts: vec![0; parts.len()],
            cabinets,
            folders: Vec::new(),
            files: Vec::new(),
        };
        set.merge(r)?;
        Ok(set)
    }

    /// A set of the one cabinet that starts at `offset` of `bytes` (a
    /// cabinet inside a larger file, as [`crate::search::find`] finds
    /// them), in the caller's session.
    pub fn read_at(r: &mut Reader<'a>, offset: usize) -> Result<Self> {
        r.seek(offset)?;
        let cab = Cabinet::decode(r)?;
        let mut set = CabinetSet {
            buffers: vec![r.buffer()],
            starts: vec![offset],
            cabinets: vec![cab],
            folders: Vec::new(),
            files: Vec::new(),
        };
        set.merge(r)?;
        Ok(set)
    }

    /// The cabinets, in set order.
    pub fn cabinets(&self) -> &[Cabinet<'a>] {
        &self.cabinets
    }

    /// The folders of the set (merged across cabinets).
    pub fn folders(&self) -> &[SetFolder] {
        &self.folders
    }

    /// The files of the set, each once, in the order the cabinets list
    /// them.
    pub fn files(&self) -> &[FileEntry] {
        &self.files
    }

    /// The header of the first cabinet.
    pub fn header(&self) -> Option<&CfHeader> {
        self.cabinets.first().map(|c| &c.header)
    }

    /// Joins the cabinets' folders and files into the set's.
    fn merge(&mut self, r: &mut Reader<'a>) -> Result<()> {
        let n = self.cabinets.len();
        // For each cabinet, the set folder of each of its CFFOLDERs.
        let mut map: Vec<Vec<usize>> = Vec::with_capacity(n);
        // Whether cabinet k's first folder continues the previous one's last.
        let mut joined = vec![false; n];
        for k in 0..n {
            let Some(cab) = self.cabinets.get(k) else {
                break;
            };
            let continues = k > 0 && self.links(r, k)?;
            if let Some(j) = joined.get_mut(k) {
                *j = continues;
            }
            let mut ids = Vec::with_capacity(cab.folders.len());
            for (i, f) in cab.folders.iter().enumerate() {
                let blocks = cab.data_blocks(i)?;
                let refs = blocks
                    .iter()
                    .enumerate()
                    .map(|(j, b)| block_ref(k, i, j, b));
                let prev_folder = self.folders.len().checked_sub(1);
                if let (0, true, Some(id)) = (i, continues, prev_folder) {
                    let Some(sf) = self.folders.get_mut(id) else {
                        continue;
                    };
                    if sf.compression != f.compression() {
                        let field_at = cab_folder_field(cab, 0);
                        in_cabinet(r, &self.buffers, k, |r| {
                            r.frame_indexed("CFFOLDER", 0, |r| {
                                r.defect_at(
                                    ErrorKind::InvalidValue {
                                        field: "typeCompress of a continued folder",
                                        value: u64::from(f.type_compress),
                                    },
                                    field_at + 6,
                                    "decoded with the compression of its first part",
                                )
                            })
                        })?;
                    }
                    sf.parts.push((k, i));
                    let mut refs = refs.peekable();
                    // A split block: its first part ends the previous
                    // cabinet's folder with cbUncomp 0.
                    if sf.truncated
                        && let (Some(last), Some(next)) = (sf.blocks.last_mut(), refs.next())
                    {
                        last.parts.extend(next.parts);
                        last.uncompressed = next.uncompressed;
                    }
                    sf.blocks.extend(refs);
                    sf.truncated = blocks.last().is_some_and(|b| b.cb_uncomp == 0);
                    ids.push(id);
                } else {
                    let blocks_v: Vec<BlockRef> = refs.collect();
                    let truncated = blocks.last().is_some_and(|b| b.cb_uncomp == 0);
                    // A first folder of a cabinet that continues a previous
                    // one not given.
                    let continued = i == 0
                        && cab.header.flags & CfHeader::PREV_CABINET != 0
                        && cab.files.iter().any(|f| {
                            matches!(f.i_folder, CONTINUED_FROM_PREV | CONTINUED_PREV_AND_NEXT)
                        });
                    ids.push(self.folders.len());
                    self.folders.push(SetFolder {
                        compression: f.compression(),
                        parts: vec![(k, i)],
                        blocks: blocks_v,
                        truncated,
                        continued,
                    });
                }
            }
            map.push(ids);
        }
        for k in 0..n {
            let Some(cab) = self.cabinets.get(k) else {
                break;
            };
            let ids = map.get(k).map(Vec::as_slice).unwrap_or_default();
            let first = ids.first().copied();
            let last = ids.last().copied();
            let joined_here = joined.get(k).copied().unwrap_or(false);
            for (index, f) in cab.files.iter().enumerate() {
                let folder = match f.i_folder {
                    CONTINUED_FROM_PREV | CONTINUED_PREV_AND_NEXT => {
                        if joined_here {
                            // Listed already by the previous cabinet.
                            continue;
                        }
                        first
                    }
                    CONTINUED_TO_NEXT => last,
                    i => ids.get(usize::from(i)).copied(),
                };
                self.files.push(file_entry(f, folder, k, index));
            }
        }
        for sf in &self.folders {
            if sf.truncated {
                let (k, i) = sf.parts.last().copied().unwrap_or_default();
                in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| {
                        r.defect(
                            ErrorKind::Malformed(
                                "the folder continues in a cabinet that was not given".into(),
                            ),
                            "its files that need the rest are not extracted",
                        )
                    })
                })?;
            }
            if sf.continued {
                let (k, i) = sf.parts.first().copied().unwrap_or_default();
                in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| {
                        r.defect(
                            ErrorKind::Malformed(
                                "the folder continues from a cabinet that was not given".into(),
                            ),
                            "its files that start there are not extracted",
                        )
                    })
                })?;
            }
        }
        Ok(())
    }

    /// Whether cabinet `k` continues cabinet `k - 1` (a defect, or an error
    /// in strict mode, if they do not link); true when both say so.
    fn links(&self, r: &mut Reader<'a>, k: usize) -> Result<bool> {
        let (Some(prev), Some(cab)) = (self.cabinets.get(k - 1), self.cabinets.get(k)) else {
            return Ok(false);
        };
        let says_next = prev.header.flags & CfHeader::NEXT_CABINET != 0;
        let says_prev = cab.header.flags & CfHeader::PREV_CABINET != 0;
        let mut problems: Vec<String> = Vec::new();
        if !says_next {
            problems.push("the cabinet before it names no next cabinet".into());
        }
        if !says_prev {
            problems.push("it names no previous cabinet".into());
        }
        if prev.header.set_id != cab.header.set_id {
            problems.push(format!(
                "setID {} differs from {}",
                cab.header.set_id, prev.header.set_id
            ));
        }
        if cab.header.i_cabinet != prev.header.i_cabinet.wrapping_add(1) {
            problems.push(format!(
                "iCabinet {} does not follow {}",
                cab.header.i_cabinet, prev.header.i_cabinet
            ));
        }
        if !problems.is_empty() {
            let msg = format!("cabinet {k} of the set: {}", problems.join("; "));
            in_cabinet(r, &self.buffers, k, |r| {
                r.frame("CFHEADER", |r| {
                    r.defect(
                        ErrorKind::Malformed(msg.into()),
                        "read as the next cabinet of the set",
                    )
                })
            })?;
        }
        // A folder continues only when both cabinets say so and files or a
        // split block show it.
        let prev_continues = prev
            .files
            .iter()
            .any(|f| matches!(f.i_folder, CONTINUED_TO_NEXT | CONTINUED_PREV_AND_NEXT))
            || prev
                .folders
                .len()
                .checked_sub(1)
                .and_then(|i| prev.data_blocks(i).ok())
                .and_then(|b| b.last())
                .is_some_and(|b| b.cb_uncomp == 0);
        let cab_continues = cab
            .files
            .iter()
            .any(|f| matches!(f.i_folder, CONTINUED_FROM_PREV | CONTINUED_PREV_AND_NEXT));
        Ok(says_next
            && says_prev
            && (prev_continues || cab_continues)
            && !cab.folders.is_empty()
            && !prev.folders.is_empty())
    }
}

/// Where CFFOLDER `i` of `cab` starts in its buffer (for locating its
/// fields).
fn cab_folder_field(cab: &Cabinet<'_>, i: usize) -> usize {
    // CFHEADER is 36 bytes, then the reserve fields and the links.
    let h = &cab.header;
    let mut at = 36;
    if h.flags & CfHeader::RESERVE_PRESENT != 0 {
        at += 4 + h.ab_reserve.len();
    }
    for l in [&h.prev, &h.next].into_iter().flatten() {
        at += l.cabinet.len() + 1 + l.disk.len() + 1;
    }
    at + i * (8 + usize::from(h.cb_cf_folder))
}

fn block_ref(k: usize, i: usize, j: usize, b: &CfData<'_>) -> BlockRef {
    BlockRef {
        parts: vec![(k, b.offset, b.data.len())],
        uncompressed: b.cb_uncomp,
        at: (k, i, j),
    }
}

fn file_entry(f: &CfFile, folder: Option<usize>, cabinet: usize, index: usize) -> FileEntry {
    FileEntry {
        name: f.name.clone(),
        size: f.cb_file,
        offset: f.uoff_folder_start,
        folder,
        date: f.date,
        time: f.time,
        attribs: f.attribs,
        i_folder: f.i_folder,
        cabinet,
        index,
    }
}
