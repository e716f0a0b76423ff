//! [MS-CFB] 2.3-2.6 the compound file: DIFAT, FAT, mini FAT, directory,
//! mini stream and the sector chains of every stream, read and checked
//! once; stream bytes read on demand inside the caller's session.

use std::borrow::Cow;

use msox_codec::{Decode, ErrorKind, Origin, Reader, Result};

use crate::directory::{DirEntry, ENTRY_SIZE, ObjectType, field};
use crate::header::{HEADER_DIFAT_ENTRIES, Header, sector::*};

/// Size of a mini sector ([MS-CFB] 2.2: Mini Sector Shift 6).
pub const MINI_SECTOR_SIZE: usize = 64;

/// Who owns a sector, for cross-link and cycle detection: 0 free, an
/// entry's stream ID + 1, or one of these.
const OWNER_FAT: u32 = u32::MAX;
const OWNER_DIFAT: u32 = u32::MAX - 1;
const OWNER_DIR: u32 = u32::MAX - 2;
const OWNER_MINIFAT: u32 = u32::MAX - 3;

fn owner_name(o: u32) -> String {
    match o {
        OWNER_FAT => "a FAT sector".into(),
        OWNER_DIFAT => "the DIFAT".into(),
        OWNER_DIR => "the directory".into(),
        OWNER_MINIFAT => "the mini FAT".into(),
        1 => "the mini stream".into(),
        n => format!("stream {}", n - 1),
    }
}

/// A range of a flat vector.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    at: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.at as usize..self.at as usize + self.len as usize
    }
}

/// Where a stream's bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StreamInfo {
    /// Its sectors (regular or mini) in `CompoundFile::chains`.
    chain: Span,
    /// Whether they are mini sectors.
    mini: bool,
    /// Bytes present (the stream size, or less when the chain is short).
    len: usize,
    /// Position of its first byte, when its bytes lie together in the file.
    contiguous: Option<usize>,
}

/// Which allocation table a chain is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Table {
    Fat,
    MiniFat,
}

/// [MS-CFB] a compound file, read for hostile input.
///
/// Decoding ([`Decode`]) reads and checks the header, DIFAT, FAT, mini FAT,
/// directory, the directory tree of every storage reachable from the root
/// (each entry linked once: one visited bitmap for the whole walk, no
/// recursion), and the sector chain of every reachable stream (each walked
/// only as far as the stream's size needs, plus the link that must end it;
/// a sector claimed by two chains, or twice by one, is a defect at the
/// link that claims it). Nothing is copied: stream bytes are read on
/// demand through [`CompoundFile::read_stream`] /
/// [`CompoundFile::stream_bytes`] inside the caller's decoding session,
/// as a window of the input when the stream's sectors lie together and
/// as a copy charged to the session's allocation budget otherwise.
///
/// Errors and defects carry the absolute offset of the field at fault (a
/// FAT entry, a directory entry's sibling link) and a path such as
/// `CompoundFile > Directory > DirectoryEntry[12]` or
/// `CompoundFile > Stream[7] > FAT chain` (the index is the stream ID).
#[derive(Clone)]
pub struct CompoundFile<'a> {
    /// The header.
    pub header: Header,
    root: DirEntry,
    entries: Vec<DirEntry>,
    buf: &'a [u8],
    base: usize,
    len: usize,
    sector_size: usize,
    fat: Vec<u32>,
    fat_sectors: Vec<u32>,
    minifat: Vec<u32>,
    minifat_sectors: Vec<u32>,
    dir_sectors: Vec<u32>,
    ministream: Vec<u32>,
    ministream_len: usize,
    kids: Vec<Span>,
    children: Vec<u32>,
    streams: Vec<Option<StreamInfo>>,
    chains: Vec<u32>,
    stream_order: Vec<u32>,
}

impl std::fmt::Debug for CompoundFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompoundFile")
            .field("header", &self.header)
            .field("entries", &self.entries.len())
            .field("streams", &self.stream_order.len())
            .field("len", &self.len)
            .finish()
    }
}

impl<'a> Decode<'a> for CompoundFile<'a> {
    /// Reads the rest of the reader's window as a compound file.
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("CompoundFile", |r| {
            let cf = CompoundFile::read(r)?;
            r.seek(cf.base + cf.len)?;
            Ok(cf)
        })
    }
}

impl<'a> CompoundFile<'a> {
    // ---- the model ----------------------------------------------------------

    /// Every directory entry, by stream ID (reachable or not).
    pub fn entries(&self) -> &[DirEntry] {
        &self.entries
    }

    /// The directory entry with this stream ID.
    pub fn entry(&self, id: u32) -> Option<&DirEntry> {
        self.entries.get(id as usize)
    }

    /// The root storage's entry (stream ID 0).
    pub fn root(&self) -> &DirEntry {
        &self.root
    }

    /// The sector size (512 or 4096).
    pub fn sector_size(&self) -> usize {
        self.sector_size
    }

    /// The stream IDs of the children of storage `id`, in the order of its
    /// red-black tree (by name), each reachable entry listed once in the
    /// whole file. Empty for streams and for entries the walk did not reach.
    pub fn children(&self, id: u32) -> &[u32] {
        self.kids
            .get(id as usize)
            .and_then(|s| self.children.get(s.range()))
            .unwrap_or_default()
    }

    /// The child of storage `id` named `name` (compared as the compound
    /// file compares names: case-insensitively).
    pub fn child(&self, id: u32, name: &str) -> Option<u32> {
        self.children(id)
            .iter()
            .copied()
            .find(|&c| self.entry(c).is_some_and(|e| e.name_matches(name)))
    }

    /// The reachable streams, in walk order (storage by storage, children in
    /// tree order).
    pub fn streams(&self) -> &[u32] {
        &self.stream_order
    }

    /// Whether `id` is a stream the directory walk reached (so its bytes
    /// can be read).
    pub fn is_readable_stream(&self, id: u32) -> bool {
        self.info(id).is_some()
    }

    /// The bytes a stream has: its size, or less when its chain ended early
    /// (a defect reported when the file was decoded).
    pub fn stream_len(&self, id: u32) -> Option<usize> {
        self.info(id).map(|i| i.len)
    }

    /// Whether a stream's bytes lie together in the file (so reading it
    /// copies nothing).
    pub fn is_contiguous(&self, id: u32) -> Option<bool> {
        self.info(id).map(|i| i.contiguous.is_some())
    }

    /// Where the 128 bytes of directory entry `id` are: a position in the
    /// buffer of the reader the file was decoded with (its absolute offset
    /// when that reader is the outermost one). For errors about an entry.
    pub fn entry_pos(&self, id: u32) -> Option<usize> {
        let per = self.sector_size / ENTRY_SIZE;
        let s = *self.dir_sectors.get(id as usize / per)?;
        Some(self.sector_pos(s)? + (id as usize % per) * ENTRY_SIZE)
    }

    /// Where byte `pos` of stream `id` is, as a position in the buffer of
    /// the reader the file was decoded with (the map from stream position
    /// to file position for [`Origin::Mapped`]).
    pub fn stream_pos(&self, id: u32, pos: usize) -> Option<usize> {
        let info = self.info(id)?;
        if pos > info.len {
            return None;
        }
        let unit = self.unit(info.mini);
        let chain = self.chains.get(info.chain.range())?;
        let k = pos / unit;
        match chain.get(k) {
            Some(&s) => Some(self.piece(info.mini, s)?.0 + pos % unit),
            // The end of a stream that fills its last sector.
            None if k == chain.len() && pos.is_multiple_of(unit) && k > 0 => {
                let &s = chain.get(k - 1)?;
                Some(self.piece(info.mini, s)?.0 + unit)
            }
            None => None,
        }
    }

    // ---- reading streams --------------------------------------------------------

    /// Runs `f` on a reader over the bytes of stream `id`, in `r`'s session:
    /// a window of `r` when the stream's sectors lie together, else a copy
    /// (charged to the session's allocation budget) read through
    /// [`Reader::nested`] with [`Origin::Mapped`], so offsets in errors are
    /// file offsets either way. `r` must read the buffer the file was
    /// decoded from.
    pub fn read_stream<T>(
        &self,
        r: &mut Reader<'a>,
        id: u32,
        f: impl for<'b> FnOnce(&mut Reader<'b>) -> Result<T>,
    ) -> Result<T> {
        let info = self.readable(r, id)?;
        if let Some(pos) = info.contiguous {
            let saved = r.pos();
            r.seek(pos)?;
            let res = {
                let mut win = r.sub(info.len)?;
                f(&mut win)
            };
            r.seek(saved)?;
            return res;
        }
        let bytes = self.gather(r, id, info)?;
        let unit = self.unit(info.mini);
        let chain = self.chains.get(info.chain.range()).unwrap_or_default();
        let mut abs = Vec::with_capacity(chain.len());
        for &s in chain {
            abs.push(self.piece(info.mini, s).map_or(0, |(p, _)| r.offset_of(p)));
        }
        let map = |p: usize| {
            let k = p / unit;
            match abs.get(k) {
                Some(a) => Some(a + p % unit),
                None if k == abs.len() && p.is_multiple_of(unit) => abs.last().map(|a| a + unit),
                None => None,
            }
        };
        r.nested(&bytes, Origin::Mapped(&map), f)
    }

    /// The bytes of stream `id`: borrowed from the input when its sectors
    /// lie together, else copied (the copy charged to `r`'s session
    /// budget). `r` must read the buffer the file was decoded from.
    pub fn stream_bytes(&self, r: &mut Reader<'a>, id: u32) -> Result<Cow<'a, [u8]>> {
        let info = self.readable(r, id)?;
        match info.contiguous {
            Some(pos) => Ok(Cow::Borrowed(
                self.buf.get(pos..pos + info.len).unwrap_or_default(),
            )),
            None => self.gather(r, id, info).map(Cow::Owned),
        }
    }

    fn readable(&self, r: &Reader<'a>, id: u32) -> Result<StreamInfo> {
        if !std::ptr::eq(r.buffer(), self.buf) {
            return Err(r.error(ErrorKind::Unsupported(
                "a compound file's streams are read through a reader over the buffer it was decoded from".into(),
            )));
        }
        self.info(id).ok_or_else(|| {
            r.error_at(
                ErrorKind::Malformed(
                    format!("directory entry {id} is not a stream the directory links to").into(),
                ),
                self.entry_pos(id).unwrap_or(self.base),
            )
        })
    }

    fn gather(&self, r: &mut Reader<'a>, id: u32, info: StreamInfo) -> Result<Vec<u8>> {
        let at = self.entry_pos(id).map_or(self.base, |p| p + field::START);
        r.session_mut()
            .charge_alloc(info.len, "compound file stream copy")
            .map_err(|k| r.error_at(k, at))?;
        let mut out = Vec::with_capacity(info.len);
        for &s in self.chains.get(info.chain.range()).unwrap_or_default() {
            let Some((pos, avail)) = self.piece(info.mini, s) else {
                break;
            };
            let take = avail.min(info.len - out.len());
            out.extend_from_slice(self.buf.get(pos..pos + take).unwrap_or_default());
            if out.len() >= info.len {
                break;
            }
        }
        Ok(out)
    }

    // ---- geometry -------------------------------------------------------------

    fn info(&self, id: u32) -> Option<StreamInfo> {
        self.streams.get(id as usize).copied().flatten()
    }

    fn unit(&self, mini: bool) -> usize {
        if mini {
            MINI_SECTOR_SIZE
        } else {
            self.sector_size
        }
    }

    /// Position of sector `s` in the buffer.
    fn sector_pos(&self, s: u32) -> Option<usize> {
        (s as usize)
            .checked_add(1)?
            .checked_mul(self.sector_size)?
            .checked_add(self.base)
    }

    /// Bytes of sector `s` present in the file.
    fn sector_avail(&self, s: u32) -> usize {
        match (s as usize)
            .checked_add(1)
            .and_then(|k| k.checked_mul(self.sector_size))
        {
            Some(off) => self.len.saturating_sub(off).min(self.sector_size),
            None => 0,
        }
    }

    /// Position and bytes present of a (mini) sector of a stream.
    fn piece(&self, mini: bool, s: u32) -> Option<(usize, usize)> {
        if !mini {
            return Some((self.sector_pos(s)?, self.sector_avail(s)));
        }
        let o = (s as usize).checked_mul(MINI_SECTOR_SIZE)?;
        if o >= self.ministream_len {
            return None;
        }
        let reg = *self.ministream.get(o / self.sector_size)?;
        let pos = self.sector_pos(reg)? + o % self.sector_size;
        Some((pos, (self.ministream_len - o).min(MINI_SECTOR_SIZE)))
    }

    /// Position of entry `k` of the FAT or mini FAT.
    fn table_entry_pos(&self, table: Table, k: u32) -> Option<usize> {
        let per = self.sector_size / 4;
        let sectors = match table {
            Table::Fat => &self.fat_sectors,
            Table::MiniFat => &self.minifat_sectors,
        };
        let s = *sectors.get(k as usize / per)?;
        Some(self.sector_pos(s)? + (k as usize % per) * 4)
    }

    // ---- decoding ---------------------------------------------------------------

    fn read(r: &mut Reader<'a>) -> Result<CompoundFile<'a>> {
        let base = r.pos();
        let buf = r.buffer();
        let len = r.remaining();
        let header = Header::decode(r)?;
        let sector_size = header.sector_size();
        let mut cf = CompoundFile {
            header,
            root: DirEntry::unallocated(),
            entries: Vec::new(),
            buf,
            base,
            len,
            sector_size,
            fat: Vec::new(),
            fat_sectors: Vec::new(),
            minifat: Vec::new(),
            minifat_sectors: Vec::new(),
            dir_sectors: Vec::new(),
            ministream: Vec::new(),
            ministream_len: 0,
            kids: Vec::new(),
            children: Vec::new(),
            streams: Vec::new(),
            chains: Vec::new(),
            stream_order: Vec::new(),
        };
        // Sectors at least partly in the file.
        let n_sectors = len.saturating_sub(sector_size).div_ceil(sector_size);
        let mut owners = vec![0u32; n_sectors];
        cf.read_fat(r, &mut owners)?;
        cf.read_directory(r, &mut owners)?;
        cf.read_minifat(r, &mut owners)?;
        cf.read_ministream(r, &mut owners)?;
        let mut mini_owners = vec![0u32; cf.ministream_len.div_ceil(MINI_SECTOR_SIZE)];
        cf.walk_tree(r, &mut owners, &mut mini_owners)?;
        Ok(cf)
    }

    /// [MS-CFB] 2.5 DIFAT and 2.3 FAT.
    fn read_fat(&mut self, r: &mut Reader<'a>, owners: &mut [u32]) -> Result<()> {
        let ss = self.sector_size;
        let per = ss / 4;
        // (FAT sector, position of the DIFAT entry naming it)
        let mut listed: Vec<(u32, usize)> = Vec::new();
        r.frame("DIFAT", |r| {
            for (i, &s) in self.header.difat.iter().enumerate() {
                if s <= MAXREGSECT {
                    listed.push((s, self.base + 76 + 4 * i));
                }
            }
            let mut next = self.header.first_difat_sector;
            let mut link = self.base + 68;
            let mut count = 0u32;
            while next <= MAXREGSECT {
                let ok = r.frame_indexed("DIFAT sector", count as usize, |r| {
                    self.claim(r, owners, next, OWNER_DIFAT, link, true)
                })?;
                if !ok {
                    break;
                }
                count += 1;
                let pos = self.sector_pos(next).unwrap_or(self.base);
                let bytes = self
                    .buf
                    .get(pos..pos + self.sector_avail(next))
                    .unwrap_or_default();
                let (words, _) = bytes.as_chunks::<4>();
                for (j, w) in words.iter().take(per - 1).enumerate() {
                    let v = u32::from_le_bytes(*w);
                    if v <= MAXREGSECT {
                        listed.push((v, pos + 4 * j));
                    }
                }
                link = pos + 4 * (per - 1);
                next = words
                    .get(per - 1)
                    .map_or(ENDOFCHAIN, |w| u32::from_le_bytes(*w));
            }
            if !matches!(next, ENDOFCHAIN | FREESECT) {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "Next DIFAT Sector Location",
                        value: next.into(),
                    },
                    link,
                    "the DIFAT ends here",
                )?;
            }
            if count != self.header.num_difat_sectors {
                r.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "the header says {} DIFAT sectors, the chain has {count}",
                            self.header.num_difat_sectors
                        )
                        .into(),
                    ),
                    self.base + 72,
                    "the chain is read",
                )?;
            }
            Ok(())
        })?;
        r.frame("FAT", |r| {
            if listed.len() != self.header.num_fat_sectors as usize {
                r.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "the header says {} FAT sectors, the DIFAT lists {}",
                            self.header.num_fat_sectors,
                            listed.len()
                        )
                        .into(),
                    ),
                    self.base + 44,
                    "the sectors the DIFAT lists are read",
                )?;
            }
            // Each listed sector is claimed once and must be in the file, so
            // the table is at most as large as the file.
            let mut fat_sectors = Vec::with_capacity(listed.len().min(owners.len()));
            for &(s, at) in &listed {
                if self.claim(r, owners, s, OWNER_FAT, at, true)? {
                    fat_sectors.push(s);
                }
            }
            r.reserve(fat_sectors.len() * ss, "FAT")?;
            let mut fat = Vec::with_capacity(fat_sectors.len() * per);
            for &s in &fat_sectors {
                let pos = self.sector_pos(s).unwrap_or(self.base);
                let bytes = self.buf.get(pos..pos + self.sector_avail(s)).unwrap_or_default();
                let (words, _) = bytes.as_chunks::<4>();
                fat.extend(words.iter().map(|w| u32::from_le_bytes(*w)));
                // A sector cut short by the end of the file: its missing
                // entries are free.
                fat.resize(fat.len().next_multiple_of(per), FREESECT);
            }
            self.fat = fat;
            self.fat_sectors = fat_sectors;
            // [MS-CFB] 2.3: a sector the FAT allocates must be in the file.
            if let Some(last) = self.fat.iter().rposition(|&v| v != FREESECT) {
                let need = (last + 2).saturating_mul(ss);
                if need > self.len {
                    let at = self
                        .table_entry_pos(Table::Fat, last as u32)
                        .unwrap_or(self.base);
                    r.defect_at(
                        ErrorKind::Malformed(
                            format!(
                                "the FAT allocates sector {last}, which a file of {} bytes does not hold",
                                self.len
                            )
                            .into(),
                        ),
                        at,
                        "what is in the file is read",
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Claims sector `s` for `owner` (named at position `link`): whether it
    /// is in the file and not claimed already (else a defect, and `false`).
    /// `whole`: the sector must be entirely in the file.
    fn claim(
        &self,
        r: &mut Reader<'a>,
        owners: &mut [u32],
        s: u32,
        owner: u32,
        link: usize,
        whole: bool,
    ) -> Result<bool> {
        let avail = self.sector_avail(s);
        if avail == 0 || (whole && avail < self.sector_size) {
            r.defect_at(
                ErrorKind::Malformed(
                    format!(
                        "sector {s} lies past the end of the file ({} bytes)",
                        self.len
                    )
                    .into(),
                ),
                link,
                if avail == 0 {
                    "not read"
                } else {
                    "the bytes present are read"
                },
            )?;
            if avail == 0 {
                return Ok(false);
            }
        }
        match owners.get_mut(s as usize) {
            Some(o) if *o == 0 => {
                *o = owner;
                Ok(true)
            }
            Some(o) => {
                let what = if *o == owner {
                    format!("sector {s} is claimed twice by {}", owner_name(owner))
                } else {
                    format!(
                        "sector {s} of {} is claimed by {} too (cross-linked)",
                        owner_name(*o),
                        owner_name(owner)
                    )
                };
                r.defect_at(ErrorKind::Malformed(what.into()), link, "not read again")?;
                Ok(false)
            }
            None => Ok(false),
        }
    }

    /// Walks a chain of the FAT or mini FAT from `start` (named at `link`)
    /// for `owner`, appending its sectors to `out`: at most `need` sectors
    /// and the link that must end it (`None`: until ENDOFCHAIN). A bad
    /// sector number, a sector outside the file or the mini stream, a loop
    /// and a sector another chain holds are defects at the link that names
    /// them; the chain is cut there.
    #[allow(clippy::too_many_arguments)] // the walk's state, in one place
    fn walk(
        &self,
        r: &mut Reader<'a>,
        table: Table,
        owners: &mut [u32],
        owner: u32,
        start: u32,
        mut link: usize,
        need: Option<u64>,
        out: &mut Vec<u32>,
    ) -> Result<()> {
        let tbl = match table {
            Table::Fat => &self.fat,
            Table::MiniFat => &self.minifat,
        };
        let unit = self.unit(table == Table::MiniFat) as u64;
        let mut s = start;
        let mut i = 0u64;
        let kind = |m: String| ErrorKind::Malformed(m.into());
        loop {
            if need == Some(i) {
                if s != ENDOFCHAIN {
                    r.defect_at(
                        kind(format!(
                            "the chain goes on past the {i} sectors the size needs (next sector {s:#X})"
                        )),
                        link,
                        "the sectors the size needs are read",
                    )?;
                }
                return Ok(());
            }
            if s == ENDOFCHAIN {
                if let Some(n) = need {
                    r.defect_at(
                        kind(format!(
                            "the chain ends after {i} of the {n} sectors its size needs"
                        )),
                        link,
                        "the sectors present are read",
                    )?;
                }
                return Ok(());
            }
            if s > MAXREGSECT || s as usize >= tbl.len() {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "sector number",
                        value: s.into(),
                    },
                    link,
                    "the chain is cut here",
                )?;
                return Ok(());
            }
            // Bytes of this sector present, and whether the stream needs more.
            let avail = match table {
                Table::Fat => self.sector_avail(s),
                Table::MiniFat => (s as usize)
                    .checked_mul(MINI_SECTOR_SIZE)
                    .map_or(0, |o| self.ministream_len.saturating_sub(o))
                    .min(MINI_SECTOR_SIZE),
            };
            if avail == 0 {
                let where_ = match table {
                    Table::Fat => format!("the end of the file ({} bytes)", self.len),
                    Table::MiniFat => {
                        format!("the end of the mini stream ({} bytes)", self.ministream_len)
                    }
                };
                r.defect_at(
                    kind(format!("sector {s} lies past {where_}")),
                    link,
                    "the chain is cut here",
                )?;
                return Ok(());
            }
            match owners.get_mut(s as usize) {
                Some(o) if *o == 0 => *o = owner,
                Some(o) => {
                    let what = if *o == owner {
                        format!("the chain loops back to sector {s}")
                    } else {
                        format!(
                            "sector {s} of {} is in the chain of {} too (cross-linked)",
                            owner_name(*o),
                            owner_name(owner)
                        )
                    };
                    r.defect_at(kind(what), link, "the chain is cut here")?;
                    return Ok(());
                }
                None => return Ok(()),
            }
            out.push(s);
            i += 1;
            if (avail as u64) < unit {
                // The end of the file (or mini stream) cuts this sector.
                let more = need.is_none_or(|n| i < n);
                if more {
                    r.defect_at(
                        kind(format!(
                            "sector {s} is cut short ({avail} of {unit} bytes) by the end of the file"
                        )),
                        link,
                        "the bytes present are read",
                    )?;
                }
                return Ok(());
            }
            link = self.table_entry_pos(table, s).unwrap_or(self.base);
            if link + 4 > self.base + self.len {
                // The table sector holding the next link is cut short.
                r.defect_at(
                    kind(format!(
                        "the entry for sector {s} lies past the end of the file ({} bytes)",
                        self.len
                    )),
                    self.base + self.len,
                    "the chain is cut here",
                )?;
                return Ok(());
            }
            s = tbl.get(s as usize).copied().unwrap_or(ENDOFCHAIN);
        }
    }

    /// [MS-CFB] 2.6 the directory sectors and entries.
    fn read_directory(&mut self, r: &mut Reader<'a>, owners: &mut [u32]) -> Result<()> {
        r.frame("Directory", |r| {
            let mut chain = Vec::new();
            r.frame("FAT chain", |r| {
                self.walk(
                    r,
                    Table::Fat,
                    owners,
                    OWNER_DIR,
                    self.header.first_dir_sector,
                    self.base + 48,
                    None,
                    &mut chain,
                )
            })?;
            if self.header.major_version == 4 && self.header.num_dir_sectors as usize != chain.len()
            {
                r.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "the header says {} directory sectors, the chain has {}",
                            self.header.num_dir_sectors,
                            chain.len()
                        )
                        .into(),
                    ),
                    self.base + 40,
                    "the chain is read",
                )?;
            }
            self.dir_sectors = chain;
            let per = self.sector_size / ENTRY_SIZE;
            let total = self.dir_sectors.len() * per;
            r.check_count(total as u64, 0, "directory entries")?;
            let mut entries = Vec::with_capacity(total);
            for (j, &s) in self.dir_sectors.iter().enumerate() {
                let pos = self.sector_pos(s).unwrap_or(self.base);
                let avail = self.sector_avail(s);
                for e in 0..per {
                    let id = j * per + e;
                    if (e + 1) * ENTRY_SIZE > avail {
                        break;
                    }
                    r.seek(pos + e * ENTRY_SIZE)?;
                    entries.push(r.frame_indexed("DirectoryEntry", id, DirEntry::read)?);
                }
            }
            match entries.first() {
                None => {
                    return Err(r.error_at(
                        ErrorKind::Malformed("the directory holds no entry".into()),
                        self.base + 48,
                    ));
                }
                Some(e) if e.object_type != ObjectType::Root => {
                    let at = self
                        .entry_pos(0)
                        .map_or(self.base + 48, |p| p + field::OBJECT_TYPE);
                    let kind =
                        ErrorKind::Malformed("directory entry 0 is not the root storage".into());
                    return Err(r.frame_indexed("DirectoryEntry", 0, |r| Ok(r.error_at(kind, at)))?);
                }
                Some(_) => {}
            }
            if let Some(root) = entries.first() {
                self.root = root.clone();
            }
            self.entries = entries;
            Ok(())
        })
    }

    /// [MS-CFB] 2.4 the mini FAT.
    fn read_minifat(&mut self, r: &mut Reader<'a>, owners: &mut [u32]) -> Result<()> {
        r.frame("MiniFAT", |r| {
            let mut chain = Vec::new();
            if self.header.first_minifat_sector != ENDOFCHAIN
                || self.header.num_minifat_sectors != 0
            {
                r.frame("FAT chain", |r| {
                    self.walk(
                        r,
                        Table::Fat,
                        owners,
                        OWNER_MINIFAT,
                        self.header.first_minifat_sector,
                        self.base + 60,
                        None,
                        &mut chain,
                    )
                })?;
            }
            if chain.len() != self.header.num_minifat_sectors as usize {
                r.defect_at(
                    ErrorKind::Malformed(
                        format!(
                            "the header says {} mini FAT sectors, the chain has {}",
                            self.header.num_minifat_sectors,
                            chain.len()
                        )
                        .into(),
                    ),
                    self.base + 64,
                    "the chain is read",
                )?;
            }
            let ss = self.sector_size;
            r.reserve(chain.len() * ss, "mini FAT")?;
            let mut minifat = Vec::with_capacity(chain.len() * (ss / 4));
            for &s in &chain {
                let pos = self.sector_pos(s).unwrap_or(self.base);
                let avail = self.sector_avail(s);
                let bytes = self.buf.get(pos..pos + avail).unwrap_or_default();
                let (words, _) = bytes.as_chunks::<4>();
                minifat.extend(words.iter().map(|w| u32::from_le_bytes(*w)));
                minifat.resize(minifat.len().next_multiple_of(ss / 4), FREESECT);
            }
            self.minifat = minifat;
            self.minifat_sectors = chain;
            Ok(())
        })
    }

    /// [MS-CFB] 2.6.2 the mini stream: the root entry's chain.
    fn read_ministream(&mut self, r: &mut Reader<'a>, owners: &mut [u32]) -> Result<()> {
        let root = self.root.clone();
        let size = root.stream_size(self.header.major_version);
        if size == 0 {
            return Ok(());
        }
        let link = self.entry_pos(0).map_or(self.base, |p| p + field::START);
        let mut chain = Vec::new();
        r.frame_indexed("Stream", 0, |r| {
            r.frame("FAT chain", |r| {
                self.walk(
                    r,
                    Table::Fat,
                    owners,
                    1,
                    root.start,
                    link,
                    Some(size.div_ceil(self.sector_size as u64)),
                    &mut chain,
                )
            })
        })?;
        let present: usize = chain.iter().map(|&s| self.sector_avail(s)).sum();
        self.ministream_len = usize::try_from(size).unwrap_or(usize::MAX).min(present);
        self.ministream = chain;
        Ok(())
    }

    /// [MS-CFB] 2.6.4 the directory tree: every storage's children in
    /// red-black tree order, walked without recursion, each entry linked
    /// once in the whole file; and the chain of every stream reached.
    fn walk_tree(
        &mut self,
        r: &mut Reader<'a>,
        owners: &mut [u32],
        mini_owners: &mut [u32],
    ) -> Result<()> {
        let n = self.entries.len();
        let mut visited = vec![false; n];
        if let Some(v) = visited.first_mut() {
            *v = true;
        }
        self.kids = vec![Span::default(); n];
        self.streams = vec![None; n];
        let root_pos = self.entry_pos(0).unwrap_or(self.base);
        if let Some(e) = self.entries.first().cloned() {
            r.frame("Directory", |r| {
                r.frame_indexed("DirectoryEntry", 0, |r| e.check(r, root_pos))
            })?;
        }
        let mut storages = vec![0u32];
        let mut tree: Vec<u32> = Vec::new();
        while let Some(st) = storages.pop() {
            let at = self.children.len() as u32;
            let Some(first) = self.entries.get(st as usize).map(|e| e.child) else {
                continue;
            };
            // In-order walk of the storage's tree.
            let mut cur = first;
            let mut holder = st;
            let mut link = self.entry_pos(st).map_or(self.base, |p| p + field::CHILD);
            loop {
                while cur != NOSTREAM {
                    let problem = match visited.get(cur as usize) {
                        None => Some(format!(
                            "a link to directory entry {cur}, which does not exist"
                        )),
                        Some(true) => Some(format!("directory entry {cur} is linked twice")),
                        Some(false) => None,
                    };
                    if let Some(p) = problem {
                        r.frame("Directory", |r| {
                            r.frame_indexed("DirectoryEntry", holder as usize, |r| {
                                r.defect_at(
                                    ErrorKind::Malformed(p.into()),
                                    link,
                                    "the link is not followed",
                                )
                            })
                        })?;
                        break;
                    }
                    if let Some(v) = visited.get_mut(cur as usize) {
                        *v = true;
                    }
                    tree.push(cur);
                    holder = cur;
                    link = self.entry_pos(cur).map_or(self.base, |p| p + field::LEFT);
                    cur = self.entries.get(cur as usize).map_or(NOSTREAM, |e| e.left);
                }
                let Some(node) = tree.pop() else { break };
                self.children.push(node);
                holder = node;
                link = self.entry_pos(node).map_or(self.base, |p| p + field::RIGHT);
                cur = self
                    .entries
                    .get(node as usize)
                    .map_or(NOSTREAM, |e| e.right);
            }
            let len = self.children.len() as u32 - at;
            if let Some(k) = self.kids.get_mut(st as usize) {
                *k = Span { at, len };
            }
            // What the children are.
            for i in at as usize..(at + len) as usize {
                let Some(&c) = self.children.get(i) else {
                    break;
                };
                let Some(e) = self.entries.get(c as usize) else {
                    continue;
                };
                let pos = self.entry_pos(c).unwrap_or(self.base);
                r.frame("Directory", |r| {
                    r.frame_indexed("DirectoryEntry", c as usize, |r| {
                        e.check(r, pos)?;
                        if !(e.is_storage() && e.object_type != ObjectType::Root || e.is_stream()) {
                            r.defect_at(
                                ErrorKind::Malformed(
                                    format!("a {} entry is linked as a child", e.object_type)
                                        .into(),
                                ),
                                pos + field::OBJECT_TYPE,
                                "not read as a storage or stream",
                            )?;
                        }
                        Ok(())
                    })
                })?;
                if e.object_type == ObjectType::Storage {
                    storages.push(c);
                } else if e.is_stream() {
                    let (size, start) = (e.stream_size(self.header.major_version), e.start);
                    self.read_chain(r, c, size, start, owners, mini_owners)?;
                }
            }
        }
        Ok(())
    }

    /// Walks the chain of stream `id` and records where its bytes are.
    fn read_chain(
        &mut self,
        r: &mut Reader<'a>,
        id: u32,
        size: u64,
        start: u32,
        owners: &mut [u32],
        mini_owners: &mut [u32],
    ) -> Result<()> {
        let mini = size < u64::from(self.header.mini_stream_cutoff);
        let at = self.chains.len() as u32;
        let mut chain = std::mem::take(&mut self.chains);
        if size > 0 {
            let link = self.entry_pos(id).map_or(self.base, |p| p + field::START);
            let (table, own, name) = if mini {
                (Table::MiniFat, &mut *mini_owners, "MiniFAT chain")
            } else {
                (Table::Fat, &mut *owners, "FAT chain")
            };
            let unit = self.unit(mini) as u64;
            r.frame_indexed("Stream", id as usize, |r| {
                r.frame(name, |r| {
                    self.walk(
                        r,
                        table,
                        own,
                        id + 1,
                        start,
                        link,
                        Some(size.div_ceil(unit)),
                        &mut chain,
                    )
                })
            })?;
        }
        self.chains = chain;
        let span = Span {
            at,
            len: self.chains.len() as u32 - at,
        };
        let unit = self.unit(mini);
        let mut present = 0usize;
        let mut contiguous = true;
        let mut first = None;
        for (k, &s) in self
            .chains
            .get(span.range())
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let Some((pos, avail)) = self.piece(mini, s) else {
                break;
            };
            let start = *first.get_or_insert(pos);
            contiguous &= pos == start + k * unit;
            present += avail;
        }
        let len = usize::try_from(size).unwrap_or(usize::MAX).min(present);
        if let Some(slot) = self.streams.get_mut(id as usize) {
            *slot = Some(StreamInfo {
                chain: span,
                mini,
                len,
                contiguous: if contiguous {
                    Some(first.unwrap_or(self.base))
                } else {
                    None
                },
            });
        }
        self.stream_order.push(id);
        Ok(())
    }
}

/// Keeps [`HEADER_DIFAT_ENTRIES`] used (the header's DIFAT length).
const _: () = assert!(HEADER_DIFAT_ENTRIES == 109);

/// A compound file with the bytes of every stream the directory reaches,
/// read in one session (see [`read_file`]).
#[derive(Debug, Clone)]
pub struct FileContents<'a> {
    /// The file.
    pub file: CompoundFile<'a>,
    /// `(stream ID, bytes)` for every reachable stream, in
    /// [`CompoundFile::streams`] order.
    pub streams: Vec<(u32, Cow<'a, [u8]>)>,
}

/// Decodes a whole compound file and reads every stream the directory
/// reaches, in one session: stream copies are charged to one allocation
/// budget, and the defects of the file and of every stream come back
/// together. (For reading only some streams, decode a [`CompoundFile`]
/// and use [`CompoundFile::stream_bytes`] with the same reader.)
pub fn read_file<'a>(
    bytes: &'a [u8],
    options: &msox_codec::Options,
) -> Result<msox_codec::Decoded<FileContents<'a>>> {
    msox_codec::decode_bytes_with_reader(bytes, options, |r| {
        let file = CompoundFile::decode(r)?;
        let mut streams = Vec::with_capacity(file.streams().len());
        for &id in file.streams() {
            streams.push((id, file.stream_bytes(r, id)?));
        }
        Ok(FileContents { file, streams })
    })
}
