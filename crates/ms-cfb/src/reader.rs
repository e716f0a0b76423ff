//! The reader.

use std::borrow::Cow;

use ms_dtyp::{FileTime, Guid};
use msox_codec::{Error, ErrorKind, Limits, Result};

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
use sector::*;

/// The file signature.
pub const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// [MS-CFB] 2.2 Compound File Header (the fields a reader needs, as read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Header CLSID (should be zero).
    pub clsid: Guid,
    /// Minor version (0x003E).
    pub minor_version: u16,
    /// Major version: 3 (512-byte sectors) or 4 (4096-byte sectors).
    pub major_version: u16,
    /// Sector shift: 9 or 12.
    pub sector_shift: u16,
    /// Mini sector shift: 6.
    pub mini_sector_shift: u16,
    /// Number of directory sectors (0 in version 3).
    pub num_dir_sectors: u32,
    /// Number of FAT sectors.
    pub num_fat_sectors: u32,
    /// First directory sector.
    pub first_dir_sector: u32,
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
}

/// [MS-CFB] 2.6.1 object type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectType {
    /// 0x00 unknown or unallocated.
    Unallocated,
    /// 0x01 storage object.
    Storage,
    /// 0x02 stream object.
    Stream,
    /// 0x05 root storage object.
    Root,
    /// Any other value (kept).
    Other(u8),
}

/// [MS-CFB] 2.6.1 Compound File Directory Entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// The name (UTF-16, lossless for invalid data via `String::from_utf16_lossy`).
    pub name: String,
    /// The object type.
    pub object_type: ObjectType,
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
    /// Stream size (version 3 files: the low 32 bits).
    pub size: u64,
}

/// Something wrong that lenient reading read past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Defect(pub String);

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A parsed compound file borrowing its bytes.
#[derive(Debug, Clone)]
pub struct CompoundFile<'a> {
    /// The header.
    pub header: Header,
    /// Every directory entry, by stream ID.
    pub entries: Vec<DirEntry>,
    data: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
    minifat: Vec<u32>,
    /// The regular sectors of the mini stream, in order.
    ministream_sectors: Vec<u32>,
    /// The mini stream's size (as far as its sectors are present).
    ministream_len: usize,
    limits: Limits,
}

/// A storage or stream read into memory (see [`CompoundFile::tree`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// Its name.
    pub name: String,
    /// Its CLSID (storages).
    pub clsid: Guid,
    /// Stream bytes, or children.
    pub kind: EntryKind<'a>,
}

/// What an [`Entry`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum EntryKind<'a> {
    /// A stream and its bytes.
    Stream(Cow<'a, [u8]>),
    /// A storage and its children, in name order.
    Storage(Vec<Entry<'a>>),
}

impl<'a> Entry<'a> {
    /// Copies borrowed stream bytes so the entry outlives the file.
    pub fn into_owned(self) -> Entry<'static> {
        Entry {
            name: self.name,
            clsid: self.clsid,
            kind: match self.kind {
                EntryKind::Stream(d) => EntryKind::Stream(Cow::Owned(d.into_owned())),
                EntryKind::Storage(k) => {
                    EntryKind::Storage(k.into_iter().map(Entry::into_owned).collect())
                }
            },
        }
    }

    /// The children of a storage (empty for a stream).
    pub fn children(&self) -> &[Entry<'a>] {
        match &self.kind {
            EntryKind::Storage(c) => c,
            EntryKind::Stream(_) => &[],
        }
    }
}

fn u16_at(b: &[u8], o: usize) -> u16 {
    b.get(o..o + 2)
        .and_then(|s| <[u8; 2]>::try_from(s).ok())
        .map_or(0, u16::from_le_bytes)
}
fn u32_at(b: &[u8], o: usize) -> u32 {
    b.get(o..o + 4)
        .and_then(|s| <[u8; 4]>::try_from(s).ok())
        .map_or(0, u32::from_le_bytes)
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    b.get(o..o + 8)
        .and_then(|s| <[u8; 8]>::try_from(s).ok())
        .map_or(0, u64::from_le_bytes)
}

fn malformed(msg: String, offset: usize) -> Error {
    Error::at_offset(ErrorKind::Malformed(msg.into()), offset).context("compound file")
}

impl<'a> CompoundFile<'a> {
    /// Parses the header, FAT, mini FAT, directory and mini stream.
    pub fn parse(data: &'a [u8], limits: &Limits) -> Result<(CompoundFile<'a>, Vec<Defect>)> {
        let mut defects = Vec::new();
        if data.len() < 512 {
            return Err(Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: 512,
                    available: data.len() as u64,
                },
                0,
            )
            .context("compound file header"));
        }
        if data.get(..8) != Some(&SIGNATURE[..]) {
            return Err(Error::at_offset(
                ErrorKind::BadSignature {
                    expected: u64::from_be_bytes(SIGNATURE),
                    found: u64::from_be_bytes(
                        data.get(..8)
                            .and_then(|s| <[u8; 8]>::try_from(s).ok())
                            .unwrap_or_default(),
                    ),
                },
                0,
            )
            .context("compound file header"));
        }
        let h = Header {
            clsid: Guid::from_le_bytes(
                data.get(8..24)
                    .and_then(|s| <[u8; 16]>::try_from(s).ok())
                    .unwrap_or_default(),
            ),
            minor_version: u16_at(data, 24),
            major_version: u16_at(data, 26),
            sector_shift: u16_at(data, 30),
            mini_sector_shift: u16_at(data, 32),
            num_dir_sectors: u32_at(data, 40),
            num_fat_sectors: u32_at(data, 44),
            first_dir_sector: u32_at(data, 48),
            mini_stream_cutoff: u32_at(data, 56),
            first_minifat_sector: u32_at(data, 60),
            num_minifat_sectors: u32_at(data, 64),
            first_difat_sector: u32_at(data, 68),
            num_difat_sectors: u32_at(data, 72),
        };
        if u16_at(data, 28) != 0xFFFE {
            return Err(malformed(
                format!("byte order mark 0x{:04X}, not 0xFFFE", u16_at(data, 28)),
                28,
            ));
        }
        let sector_size = match h.sector_shift {
            9 | 12 => 1usize << h.sector_shift,
            s => {
                return Err(Error::at_offset(
                    ErrorKind::InvalidValue {
                        field: "SectorShift",
                        value: s.into(),
                    },
                    30,
                )
                .context("compound file header"));
            }
        };
        if h.mini_sector_shift != 6 {
            return Err(Error::at_offset(
                ErrorKind::InvalidValue {
                    field: "MiniSectorShift",
                    value: h.mini_sector_shift.into(),
                },
                32,
            )
            .context("compound file header"));
        }
        if (h.major_version == 3) != (sector_size == 512) {
            defects.push(Defect(format!(
                "major version {} with {sector_size}-byte sectors",
                h.major_version
            )));
        }
        if h.mini_stream_cutoff != 4096 {
            defects.push(Defect(format!(
                "mini stream cutoff {} (should be 4096)",
                h.mini_stream_cutoff
            )));
        }
        let n_sectors = data.len().saturating_sub(sector_size).div_ceil(sector_size);
        let mut cf = CompoundFile {
            header: h,
            entries: Vec::new(),
            data,
            sector_size,
            fat: Vec::new(),
            minifat: Vec::new(),
            ministream_sectors: Vec::new(),
            ministream_len: 0,
            limits: *limits,
        };
        // DIFAT: 109 entries in the header, then the DIFAT chain.
        let mut fat_sectors: Vec<u32> = (0..109)
            .map(|i| u32_at(data, 76 + 4 * i))
            .filter(|s| *s <= MAXREGSECT)
            .collect();
        let mut next = cf.header.first_difat_sector;
        let per = sector_size / 4 - 1;
        let mut steps = 0;
        while next <= MAXREGSECT {
            steps += 1;
            if steps > n_sectors {
                defects.push(Defect("DIFAT chain loops".into()));
                break;
            }
            let Some(s) = cf.sector(next) else {
                defects.push(Defect(format!(
                    "DIFAT sector {next} is past the end of the file"
                )));
                break;
            };
            fat_sectors.extend(
                (0..per)
                    .map(|i| u32_at(s, 4 * i))
                    .filter(|x| *x <= MAXREGSECT),
            );
            next = u32_at(s, 4 * per);
        }
        if fat_sectors.len() != cf.header.num_fat_sectors as usize {
            defects.push(Defect(format!(
                "header says {} FAT sectors, the DIFAT lists {}",
                cf.header.num_fat_sectors,
                fat_sectors.len()
            )));
        }
        fat_sectors.truncate(n_sectors.max(1));
        let mut fat =
            Vec::with_capacity((fat_sectors.len() * sector_size / 4).min(n_sectors + 128));
        for fs in fat_sectors {
            match cf.sector(fs) {
                Some(s) => fat.extend(s.chunks_exact(4).map(|c| u32_at(c, 0))),
                None => defects.push(Defect(format!(
                    "FAT sector {fs} is past the end of the file"
                ))),
            }
        }
        cf.fat = fat;
        // Directory.
        let dir_chain = cf.chain(
            &cf.fat,
            cf.header.first_dir_sector,
            &mut defects,
            "directory",
        );
        let per_sector = sector_size / 128;
        let max_entries = dir_chain.len() * per_sector;
        if max_entries > limits.max_items {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "directory entries",
                value: max_entries as u64,
                max: limits.max_items as u64,
            })
            .context("compound file directory"));
        }
        let mut entries = Vec::with_capacity(max_entries.min(1 << 16));
        'dir: for s in dir_chain {
            let Some(sec) = cf.sector(s) else { break };
            for e in sec.chunks_exact(128) {
                if entries.len() >= max_entries {
                    break 'dir;
                }
                entries.push(parse_entry(e, entries.len(), &mut defects));
            }
        }
        if entries.first().map(|e| e.object_type) != Some(ObjectType::Root) {
            return Err(malformed(
                "directory entry 0 is not the root storage".into(),
                0,
            ));
        }
        cf.entries = entries;
        // Mini FAT and mini stream.
        let minifat_chain = cf.chain(
            &cf.fat,
            cf.header.first_minifat_sector,
            &mut defects,
            "mini FAT",
        );
        let mut minifat = Vec::new();
        for s in minifat_chain {
            if let Some(sec) = cf.sector(s) {
                minifat.extend(sec.chunks_exact(4).map(|c| u32_at(c, 0)));
            }
        }
        cf.minifat = minifat;
        let root = cf.entries.first().cloned();
        if let Some(root) = root.filter(|r| r.start <= MAXREGSECT && r.size > 0) {
            let size = usize::try_from(root.size)
                .unwrap_or(usize::MAX)
                .min(data.len());
            let mut chain = cf.chain(&cf.fat, root.start, &mut defects, "mini stream");
            chain.truncate(size.div_ceil(sector_size));
            // Only the sectors present in the file count (the file's last
            // one may be cut short).
            let (mut present, mut bytes) = (0, 0);
            for &s in &chain {
                let Some(b) = cf.sector(s) else { break };
                present += 1;
                bytes += b.len();
                if b.len() < sector_size {
                    break;
                }
            }
            chain.truncate(present);
            cf.ministream_len = size.min(bytes);
            if cf.ministream_len < size {
                defects.push(Defect(format!(
                    "mini stream: {} of {size} bytes present",
                    cf.ministream_len
                )));
            }
            cf.ministream_sectors = chain;
        }
        Ok((cf, defects))
    }

    fn sector(&self, n: u32) -> Option<&'a [u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(self.sector_size)?;
        let end = start.checked_add(self.sector_size)?.min(self.data.len());
        self.data.get(start..end).filter(|s| !s.is_empty())
    }

    /// A chain of sector numbers, stopping at ENDOFCHAIN, at a number out of
    /// range, or after as many steps as the table has entries (a loop).
    fn chain(&self, table: &[u32], start: u32, defects: &mut Vec<Defect>, what: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut s = start;
        while s != ENDOFCHAIN && s != FREESECT {
            if s > MAXREGSECT || s as usize >= table.len() {
                defects.push(Defect(format!(
                    "{what} chain reaches sector {s:#X}, outside the table"
                )));
                break;
            }
            if out.len() >= table.len() {
                defects.push(Defect(format!("{what} chain loops")));
                break;
            }
            out.push(s);
            s = table.get(s as usize).copied().unwrap_or(ENDOFCHAIN);
        }
        out
    }

    /// Reads a chain of `size` bytes of regular sectors, or of mini
    /// sectors when `mini`: borrowed from the file when the sectors are
    /// consecutive and lie together there (the usual case), copied
    /// otherwise.
    fn chain_bytes(
        &self,
        mini: bool,
        start: u32,
        size: usize,
        defects: &mut Vec<Defect>,
        what: &dyn Fn() -> String,
    ) -> Cow<'a, [u8]> {
        let (table, unit) = if mini {
            (&self.minifat, 64)
        } else {
            (&self.fat, self.sector_size)
        };
        // Byte offset and length → up to that many bytes lying together.
        let fetch = |o: usize, n: usize| {
            if mini {
                self.mini_bytes(o, n)
            } else {
                self.file_bytes(o, n)
            }
        };
        let at = |s: u32| (s as usize).checked_mul(unit);
        // Fast path: the sectors the stream needs are consecutive (walked
        // without collecting them) and `fetch` gives them in one piece.
        let need = size.div_ceil(unit);
        let mut s = start;
        let mut walked = 0usize;
        while walked < need && s as usize == (start as usize).wrapping_add(walked) {
            match table.get(s as usize) {
                Some(&next) if s <= MAXREGSECT => {
                    walked += 1;
                    s = next;
                }
                _ => break,
            }
        }
        if walked == need
            && let Some(b) = at(start)
                .and_then(|o| fetch(o, size))
                .filter(|b| b.len() == size)
        {
            return Cow::Borrowed(b);
        }
        let n_before = defects.len();
        let chain = self.chain(table, start, defects, "stream");
        if defects.len() > n_before {
            let w = what();
            for d in defects.iter_mut().skip(n_before) {
                d.0 = format!("{w}: {}", d.0);
            }
        }
        let mut out = Vec::with_capacity(size.min(chain.len().saturating_mul(unit)));
        for s in chain {
            if out.len() >= size {
                break;
            }
            let piece = at(s).and_then(|o| fetch(o, unit.min(size - out.len())));
            match piece.filter(|p| !p.is_empty()) {
                Some(p) => out.extend_from_slice(p),
                None => {
                    defects.push(Defect(format!("{}: sector {s} is past the end", what())));
                    break;
                }
            }
        }
        if out.len() < size {
            defects.push(Defect(format!(
                "{}: {} of {size} bytes present",
                what(),
                out.len()
            )));
        }
        Cow::Owned(out)
    }

    /// Up to `len` bytes of the file from regular-sector byte offset `off`
    /// (offset 0 is the start of sector 0, after the header).
    fn file_bytes(&self, off: usize, len: usize) -> Option<&'a [u8]> {
        let o = off.checked_add(self.sector_size)?;
        let end = o.saturating_add(len).min(self.data.len());
        self.data.get(o..end)
    }

    /// Up to `len` bytes of the mini stream from its byte offset `off`, as
    /// far as its regular sectors run consecutively in the file.
    fn mini_bytes(&self, off: usize, len: usize) -> Option<&'a [u8]> {
        let ss = self.sector_size;
        let len = len.min(self.ministream_len.checked_sub(off)?);
        let first = *self.ministream_sectors.get(off / ss)?;
        let within = off % ss;
        // How far the sectors after `first` follow it in the file.
        let span = (within + len).div_ceil(ss);
        let run = (1..span)
            .take_while(|&j| {
                self.ministream_sectors.get(off / ss + j).copied()
                    == first.checked_add(u32::try_from(j).unwrap_or(u32::MAX))
            })
            .count()
            + 1;
        let len = len.min((run * ss).saturating_sub(within));
        self.file_bytes((first as usize).checked_mul(ss)?.checked_add(within)?, len)
    }

    /// The bytes of stream `id` (lenient: a short chain gives what is
    /// there, reported in `defects`).
    pub fn read_stream(&self, id: u32, defects: &mut Vec<Defect>) -> Result<Cow<'_, [u8]>> {
        let e = self
            .entries
            .get(id as usize)
            .ok_or_else(|| malformed(format!("no directory entry {id}"), 0))?;
        let size = usize::try_from(if self.header.major_version == 3 {
            e.size & 0xFFFF_FFFF
        } else {
            e.size
        })
        .unwrap_or(usize::MAX);
        self.limits.check_alloc(size.min(self.data.len()))?;
        // A stream cannot hold more than the file (or, when mini, the mini stream).
        let mini = (size as u64) < u64::from(self.header.mini_stream_cutoff);
        let cap = if mini {
            self.ministream_len
        } else {
            self.data.len()
        };
        let what = || format!("stream {:?}", e.name);
        if size > cap {
            defects.push(Defect(format!(
                "{}: size {size} larger than the file",
                what()
            )));
        }
        let size = size.min(cap);
        Ok(if mini {
            self.chain_bytes(true, e.start, size, defects, &what)
        } else {
            self.chain_bytes(false, e.start, size, defects, &what)
        })
    }

    /// The children of storage `id`, in the red-black tree's order (by
    /// name), each visited once however the siblings are linked.
    pub fn children(&self, id: u32, defects: &mut Vec<Defect>) -> Vec<u32> {
        self.children_marking(id, &mut vec![false; self.entries.len()], defects)
    }

    /// [`CompoundFile::children`] with the caller's record of the entries
    /// already linked (one per tree walk, instead of one per storage).
    fn children_marking(&self, id: u32, seen: &mut [bool], defects: &mut Vec<Defect>) -> Vec<u32> {
        let Some(e) = self.entries.get(id as usize) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let mut cur = e.child;
        loop {
            while cur != NOSTREAM {
                match seen.get(cur as usize) {
                    Some(false) => {}
                    Some(true) => {
                        defects.push(Defect(format!("directory entry {cur} is linked twice")));
                        break;
                    }
                    None => {
                        defects.push(Defect(format!("sibling link to missing entry {cur}")));
                        break;
                    }
                }
                if let Some(s) = seen.get_mut(cur as usize) {
                    *s = true;
                }
                stack.push(cur);
                cur = self.entries.get(cur as usize).map_or(NOSTREAM, |e| e.left);
            }
            let Some(n) = stack.pop() else { break };
            out.push(n);
            cur = self.entries.get(n as usize).map_or(NOSTREAM, |e| e.right);
        }
        out
    }

    /// The whole file in memory: every storage and stream under the root,
    /// with caps on depth, entries and total bytes. Entries linked from more
    /// than one storage are read once (the first place), so a hostile
    /// directory cannot make the tree exponential.
    pub fn tree(&self) -> Result<Entry<'_>> {
        let mut d = Vec::new();
        self.tree_with_defects(&mut d)
    }

    /// [`CompoundFile::tree`], collecting defects.
    pub fn tree_with_defects(&self, defects: &mut Vec<Defect>) -> Result<Entry<'_>> {
        let mut used = vec![false; self.entries.len()];
        if let Some(u) = used.first_mut() {
            *u = true;
        }
        let mut budget = self
            .limits
            .max_alloc
            .min(self.data.len().saturating_mul(2).max(1 << 20));
        let root = self.entries.first().map_or(Guid::NIL, |e| e.clsid);
        let mut seen = vec![false; self.entries.len()];
        let kids = self.subtree(
            0,
            self.limits.max_depth,
            &mut Walk {
                used: &mut used,
                seen: &mut seen,
                budget: &mut budget,
            },
            defects,
        )?;
        Ok(Entry {
            name: "Root Entry".into(),
            clsid: root,
            kind: EntryKind::Storage(kids),
        })
    }

    fn subtree(
        &self,
        id: u32,
        depth: u32,
        walk: &mut Walk<'_>,
        defects: &mut Vec<Defect>,
    ) -> Result<Vec<Entry<'_>>> {
        if depth == 0 {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "storage depth",
                value: u64::from(self.limits.max_depth) + 1,
                max: u64::from(self.limits.max_depth),
            })
            .context("compound file"));
        }
        let kids = self.children_marking(id, walk.seen, defects);
        let mut out = Vec::with_capacity(kids.len());
        for c in kids {
            match walk.used.get_mut(c as usize) {
                Some(u) if !*u => *u = true,
                _ => {
                    defects.push(Defect(format!(
                        "directory entry {c} is reached twice; read once"
                    )));
                    continue;
                }
            }
            let Some(e) = self.entries.get(c as usize) else {
                continue;
            };
            match e.object_type {
                ObjectType::Stream => {
                    let data = self.read_stream(c, defects)?;
                    *walk.budget = walk.budget.checked_sub(data.len()).ok_or_else(|| {
                        Error::new(ErrorKind::LimitExceeded {
                            what: "stream bytes",
                            value: data.len() as u64,
                            max: self.limits.max_alloc as u64,
                        })
                        .context("compound file")
                    })?;
                    out.push(Entry {
                        name: e.name.clone(),
                        clsid: e.clsid,
                        kind: EntryKind::Stream(data),
                    });
                }
                ObjectType::Storage => {
                    let kids = self.subtree(c, depth - 1, walk, defects)?;
                    out.push(Entry {
                        name: e.name.clone(),
                        clsid: e.clsid,
                        kind: EntryKind::Storage(kids),
                    });
                }
                _ => defects.push(Defect(format!(
                    "entry {c} ({:?}) linked as a child",
                    e.object_type
                ))),
            }
        }
        Ok(out)
    }
}

/// What one tree walk keeps across storages.
struct Walk<'w> {
    /// Entries read already (each is read once).
    used: &'w mut [bool],
    /// Entries linked as a sibling already.
    seen: &'w mut [bool],
    /// Stream bytes still allowed.
    budget: &'w mut usize,
}

/// A directory entry name: UTF-16LE up to the first null (lossy for
/// invalid UTF-16), with a fast path for ASCII names.
fn decode_name(raw: &[u8]) -> String {
    let mut ascii = String::with_capacity(raw.len() / 2);
    for c in raw.chunks_exact(2) {
        match (c.first().copied(), c.get(1).copied()) {
            (Some(0), Some(0)) => return ascii,
            (Some(b), Some(0)) if b.is_ascii() => ascii.push(char::from(b)),
            _ => {
                let units: Vec<u16> = raw
                    .chunks_exact(2)
                    .map(|c| {
                        u16::from_le_bytes([
                            c.first().copied().unwrap_or(0),
                            c.get(1).copied().unwrap_or(0),
                        ])
                    })
                    .take_while(|&u| u != 0)
                    .collect();
                return String::from_utf16_lossy(&units);
            }
        }
    }
    ascii
}

fn parse_entry(e: &[u8], index: usize, defects: &mut Vec<Defect>) -> DirEntry {
    let mut name_len = usize::from(u16_at(e, 64));
    if name_len > 64 {
        defects.push(Defect(format!(
            "directory entry {index}: name length {name_len} (at most 64)"
        )));
        name_len = 64;
    }
    let raw = e.get(..name_len.saturating_sub(2)).unwrap_or_default();
    let name = decode_name(raw);
    let object_type = match e.get(66).copied().unwrap_or(0) {
        0 => ObjectType::Unallocated,
        1 => ObjectType::Storage,
        2 => ObjectType::Stream,
        5 => ObjectType::Root,
        x => ObjectType::Other(x),
    };
    DirEntry {
        name,
        object_type,
        left: u32_at(e, 68),
        right: u32_at(e, 72),
        child: u32_at(e, 76),
        clsid: Guid::from_le_bytes(
            e.get(80..96)
                .and_then(|s| <[u8; 16]>::try_from(s).ok())
                .unwrap_or_default(),
        ),
        state_bits: u32_at(e, 96),
        created: FileTime(u64_at(e, 100)),
        modified: FileTime(u64_at(e, 108)),
        start: u32_at(e, 116),
        size: u64_at(e, 120),
    }
}

// Fixed offsets into a buffer of fixed size: every index is in bounds.
#[allow(clippy::indexing_slicing)]
/// A small compound file for examples and tests: a root with a storage
/// `Storage 1` holding a stream `Stream 1` of 15 bytes (built by hand per
/// [MS-CFB] 3, the spec's example layout).
pub fn example_file() -> Vec<u8> {
    let mut f = vec![0u8; 512 * 5];
    f[..8].copy_from_slice(&SIGNATURE);
    f[24..26].copy_from_slice(&0x003Eu16.to_le_bytes());
    f[26..28].copy_from_slice(&3u16.to_le_bytes());
    f[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    f[30..32].copy_from_slice(&9u16.to_le_bytes());
    f[32..34].copy_from_slice(&6u16.to_le_bytes());
    f[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    f[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    f[56..60].copy_from_slice(&4096u32.to_le_bytes());
    f[60..64].copy_from_slice(&2u32.to_le_bytes()); // mini FAT at sector 2
    f[64..68].copy_from_slice(&1u32.to_le_bytes());
    f[68..72].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 0..109 {
        f[76 + 4 * i..80 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    f[76..80].copy_from_slice(&0u32.to_le_bytes());
    // FAT (sector 0 at offset 512): 0 FATSECT, 1 dir END, 2 minifat END, 3 ministream END.
    let fat = [FATSECT, ENDOFCHAIN, ENDOFCHAIN, ENDOFCHAIN];
    for (i, v) in fat.iter().enumerate() {
        f[512 + 4 * i..516 + 4 * i].copy_from_slice(&v.to_le_bytes());
    }
    for i in fat.len()..128 {
        f[512 + 4 * i..516 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    // Directory (sector 1 at 1024).
    let mut entry = |idx: usize, name: &str, ty: u8, child: u32, start: u32, size: u64| {
        let o = 1024 + 128 * idx;
        let units: Vec<u16> = name.encode_utf16().collect();
        for (k, u) in units.iter().enumerate() {
            f[o + 2 * k..o + 2 * k + 2].copy_from_slice(&u.to_le_bytes());
        }
        f[o + 64..o + 66].copy_from_slice(&(((units.len() + 1) * 2) as u16).to_le_bytes());
        f[o + 66] = ty;
        f[o + 67] = 1;
        f[o + 68..o + 72].copy_from_slice(&NOSTREAM.to_le_bytes());
        f[o + 72..o + 76].copy_from_slice(&NOSTREAM.to_le_bytes());
        f[o + 76..o + 80].copy_from_slice(&child.to_le_bytes());
        f[o + 116..o + 120].copy_from_slice(&start.to_le_bytes());
        f[o + 120..o + 128].copy_from_slice(&size.to_le_bytes());
    };
    entry(0, "Root Entry", 5, 1, 3, 64);
    entry(1, "Storage 1", 1, 2, 0, 0);
    entry(2, "Stream 1", 2, NOSTREAM, 0, 15);
    entry(3, "", 0, NOSTREAM, 0, 0);
    // Mini FAT (sector 2 at 1536): mini sector 0 END.
    f[1536..1540].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    for i in 1..128 {
        f[1536 + 4 * i..1540 + 4 * i].copy_from_slice(&FREESECT.to_le_bytes());
    }
    // Mini stream (sector 3 at 2048).
    f[2048..2063].copy_from_slice(b"Data for stream");
    f
}
