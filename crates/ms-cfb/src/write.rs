//! [MS-CFB] writing: a tree of storages and streams as a compound file.
//!
//! The same container model reads and writes: [`Entry`] is what a
//! directory entry holds (name, CLSID, state bits, timestamps, and the
//! stream's bytes or the storage's children); [`write_file`] lays it out
//! deterministically (no clock, no random bytes: the same tree gives the
//! same bytes) and [`tree_of`] turns a read [`CompoundFile`] (or one of its
//! storages) back into a tree, CLSIDs, state bits and timestamps kept.
//!
//! Layout: header, FAT sectors, DIFAT sectors, directory, mini FAT, mini
//! stream, then the large streams in directory order; streams smaller than
//! the 4096-byte cutoff live in the mini stream ([MS-CFB] 2.4). Version 3
//! (512-byte sectors) unless a stream is larger than version 3 allows
//! (2 GiB, [MS-CFB] 2.6.3) or version 4 (4096-byte sectors) is asked for.
//! Each storage's children form a red-black tree of black nodes, balanced
//! by halving the list sorted as [MS-CFB] 2.6.4 compares names (shorter
//! first, then upper-cased code units), which satisfies the tree rules.

use std::borrow::Cow;

use ms_dtyp::{FileTime, Guid};
use msox_codec::{Error, ErrorKind, Reader, Result, Utf16String};

use crate::directory::ObjectType;
use crate::file::CompoundFile;
use crate::header::{SIGNATURE, sector::*};

/// A storage or stream to write (or as read, by [`tree_of`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name (at most 31 UTF-16 code units; the root is written as
    /// `Root Entry` whatever its name here).
    pub name: Utf16String,
    /// CLSID (storages; zero for streams).
    pub clsid: Guid,
    /// User state bits.
    pub state_bits: u32,
    /// Creation time (zero: none).
    pub created: FileTime,
    /// Modification time (zero: none).
    pub modified: FileTime,
    /// A stream's bytes or a storage's children.
    pub kind: EntryKind,
}

/// What an [`Entry`] is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntryKind {
    /// A stream and its bytes.
    Stream(Vec<u8>),
    /// A storage and its children (in any order: the writer sorts them).
    Storage(Vec<Entry>),
}

impl Entry {
    /// A stream with no CLSID, state bits or timestamps.
    pub fn stream(name: impl Into<Utf16String>, data: Vec<u8>) -> Entry {
        Entry {
            name: name.into(),
            clsid: Guid::NIL,
            state_bits: 0,
            created: FileTime(0),
            modified: FileTime(0),
            kind: EntryKind::Stream(data),
        }
    }

    /// A storage with a CLSID and children, no state bits or timestamps.
    pub fn storage(name: impl Into<Utf16String>, clsid: Guid, children: Vec<Entry>) -> Entry {
        Entry {
            name: name.into(),
            clsid,
            state_bits: 0,
            created: FileTime(0),
            modified: FileTime(0),
            kind: EntryKind::Storage(children),
        }
    }

    /// The children of a storage (none for a stream).
    pub fn children(&self) -> &[Entry] {
        match &self.kind {
            EntryKind::Storage(c) => c,
            EntryKind::Stream(_) => &[],
        }
    }
}

/// How [`write_file_with`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteOptions {
    /// Major version 3 (512-byte sectors) or 4 (4096-byte sectors);
    /// `None`: 3 unless the tree needs 4.
    pub version: Option<u16>,
}

/// Largest stream version 3 holds ([MS-CFB] 2.6.3: 0x80000000 bytes).
pub const MAX_V3_STREAM: usize = 0x8000_0000;

const CUTOFF: usize = 4096;
const MINI: usize = 64;

fn err(msg: String) -> Error {
    Error::new(ErrorKind::Malformed(msg.into()))
}

/// [MS-CFB] 2.6.4: names compare shorter first, then by upper-cased UTF-16
/// code units.
fn name_order(a: &Utf16String, b: &Utf16String) -> std::cmp::Ordering {
    let up = |s: &Utf16String| -> Vec<u16> {
        let bytes = s.to_le_bytes();
        let (pairs, _) = bytes.as_chunks::<2>();
        let units: Vec<u16> = pairs.iter().map(|c| u16::from_le_bytes(*c)).collect();
        units
            .into_iter()
            .map(|u| match char::from_u32(u32::from(u)) {
                Some(c) if c.is_lowercase() => {
                    let mut up = c.to_uppercase();
                    match (up.next(), up.next()) {
                        (Some(x), None) if (x as u32) <= 0xFFFF => x as u32 as u16,
                        _ => u,
                    }
                }
                _ => u,
            })
            .collect()
    };
    let (ua, ub) = (up(a), up(b));
    ua.len().cmp(&ub.len()).then_with(|| ua.cmp(&ub))
}

/// One directory entry being laid out.
struct Dir<'t> {
    entry: &'t Entry,
    object_type: ObjectType,
    left: u32,
    right: u32,
    child: u32,
    start: u32,
    size: u64,
}

/// Builds a balanced tree over `ids` (sorted); returns its root.
fn balance(dirs: &mut [Dir<'_>], ids: &[u32]) -> u32 {
    if ids.is_empty() {
        return NOSTREAM;
    }
    let mid = ids.len() / 2;
    let (lo, rest) = ids.split_at(mid);
    let Some((&root, hi)) = rest.split_first() else {
        return NOSTREAM;
    };
    let l = balance(dirs, lo);
    let r = balance(dirs, hi);
    if let Some(d) = dirs.get_mut(root as usize) {
        d.left = l;
        d.right = r;
    }
    root
}

fn fit(n: usize, what: &str) -> Result<u32> {
    u32::try_from(n)
        .ok()
        .filter(|&v| v <= MAXREGSECT)
        .ok_or_else(|| err(format!("compound file too large: {what} {n}")))
}

/// Writes `root` (a storage) as a compound file, version 3 unless a stream
/// needs version 4.
pub fn write_file(root: &Entry) -> Result<Vec<u8>> {
    write_file_with(root, &WriteOptions::default())
}

/// Writes `root` (a storage) as a compound file.
pub fn write_file_with(root: &Entry, opts: &WriteOptions) -> Result<Vec<u8>> {
    if !matches!(root.kind, EntryKind::Storage(_)) {
        return Err(err("the root of a compound file must be a storage".into()));
    }
    // Flatten: the root, then each storage's children (sorted), depth first.
    let mut dirs: Vec<Dir<'_>> = vec![Dir {
        entry: root,
        object_type: ObjectType::Root,
        left: NOSTREAM,
        right: NOSTREAM,
        child: NOSTREAM,
        start: ENDOFCHAIN,
        size: 0,
    }];
    let mut stack: Vec<u32> = vec![0];
    let mut biggest = 0usize;
    while let Some(id) = stack.pop() {
        let Some(e) = dirs.get(id as usize).map(|d| d.entry) else {
            continue;
        };
        let mut kids: Vec<&Entry> = e.children().iter().collect();
        kids.sort_by(|a, b| name_order(&a.name, &b.name));
        for w in kids.windows(2) {
            if let [a, b] = w
                && name_order(&a.name, &b.name).is_eq()
            {
                return Err(err(format!(
                    "two entries of one storage are both named {}",
                    b.name
                )));
            }
        }
        let mut ids = Vec::with_capacity(kids.len());
        for k in kids {
            if k.name.byte_len() > 62 {
                return Err(err(format!(
                    "entry name {} is longer than 31 UTF-16 code units",
                    k.name
                )));
            }
            let nid = fit(dirs.len(), "directory entries")?;
            let (object_type, size) = match &k.kind {
                EntryKind::Stream(d) => {
                    biggest = biggest.max(d.len());
                    (ObjectType::Stream, d.len() as u64)
                }
                EntryKind::Storage(_) => {
                    stack.push(nid);
                    (ObjectType::Storage, 0)
                }
            };
            dirs.push(Dir {
                entry: k,
                object_type,
                left: NOSTREAM,
                right: NOSTREAM,
                child: NOSTREAM,
                start: ENDOFCHAIN,
                size,
            });
            ids.push(nid);
        }
        let child = balance(&mut dirs, &ids);
        if let Some(d) = dirs.get_mut(id as usize) {
            d.child = child;
        }
    }
    let version = match opts.version {
        Some(v @ (3 | 4)) => v,
        Some(v) => return Err(err(format!("compound file version {v}: 3 or 4"))),
        None if biggest > MAX_V3_STREAM => 4,
        None => 3,
    };
    if version == 3 && biggest > MAX_V3_STREAM {
        return Err(err(format!(
            "a stream of {biggest} bytes does not fit version 3"
        )));
    }
    let ss: usize = if version == 3 { 512 } else { 4096 };
    let per_sector = ss / 4;
    let sectors = |n: usize| n.div_ceil(ss);

    // Mini stream and big streams.
    let mut mini_len = 0usize; // in mini sectors
    let mut big_sectors = 0usize;
    for d in dirs.iter_mut().skip(1) {
        if let EntryKind::Stream(data) = &d.entry.kind {
            if data.is_empty() {
                d.start = ENDOFCHAIN;
            } else if data.len() < CUTOFF {
                d.start = fit(mini_len, "mini sectors")?;
                mini_len += data.len().div_ceil(MINI);
            } else {
                d.start = fit(big_sectors, "sectors")?; // relative for now
                big_sectors += sectors(data.len());
            }
        } else {
            d.start = 0;
        }
    }
    let n_dir = sectors(dirs.len() * 128);
    let n_minifat = sectors(mini_len * 4);
    let n_ministream = sectors(mini_len * MINI);
    let data_sectors = n_dir + n_minifat + n_ministream + big_sectors;
    // FAT and DIFAT sectors cover every sector, themselves included.
    let mut n_fat = 0usize;
    let mut n_difat = 0usize;
    loop {
        let total = data_sectors + n_fat + n_difat;
        let need_fat = total.div_ceil(per_sector);
        let need_difat = need_fat.saturating_sub(109).div_ceil(per_sector - 1);
        if need_fat == n_fat && need_difat == n_difat {
            break;
        }
        n_fat = need_fat;
        n_difat = need_difat;
    }
    let first_difat = n_fat;
    let first_dir = n_fat + n_difat;
    let first_minifat = first_dir + n_dir;
    let first_ministream = first_minifat + n_minifat;
    let first_big = first_ministream + n_ministream;
    let total = first_big + big_sectors;
    fit(total, "sectors")?;

    let mut fat = vec![FREESECT; n_fat * per_sector];
    let chain = |fat: &mut Vec<u32>, start: usize, n: usize| {
        for i in 0..n {
            let next = if i + 1 == n {
                ENDOFCHAIN
            } else {
                (start + i + 1) as u32
            };
            if let Some(s) = fat.get_mut(start + i) {
                *s = next;
            }
        }
    };
    for i in 0..n_fat {
        if let Some(s) = fat.get_mut(i) {
            *s = FATSECT;
        }
    }
    for i in 0..n_difat {
        if let Some(s) = fat.get_mut(first_difat + i) {
            *s = DIFSECT;
        }
    }
    chain(&mut fat, first_dir, n_dir);
    chain(&mut fat, first_minifat, n_minifat);
    chain(&mut fat, first_ministream, n_ministream);
    let mut minifat = vec![FREESECT; n_minifat * per_sector];
    for d in dirs.iter_mut().skip(1) {
        if let EntryKind::Stream(data) = &d.entry.kind {
            if data.is_empty() {
                continue;
            }
            if data.len() < CUTOFF {
                let n = data.len().div_ceil(MINI);
                chain(&mut minifat, d.start as usize, n);
            } else {
                let abs = first_big + d.start as usize;
                chain(&mut fat, abs, sectors(data.len()));
                d.start = abs as u32;
            }
        }
    }
    if let Some(root) = dirs.first_mut() {
        if mini_len > 0 {
            root.start = first_ministream as u32;
            root.size = (mini_len * MINI) as u64;
        } else {
            root.start = ENDOFCHAIN;
            root.size = 0;
        }
    }

    let header_len = ss;
    let mut out = vec![0u8; header_len + total * ss];
    // Header.
    {
        let h = &mut out;
        let mut w = |at: usize, b: &[u8]| {
            if let Some(s) = h.get_mut(at..at + b.len()) {
                s.copy_from_slice(b);
            }
        };
        w(0, &SIGNATURE);
        w(24, &0x003Eu16.to_le_bytes());
        w(26, &version.to_le_bytes());
        w(28, &0xFFFEu16.to_le_bytes());
        w(30, &(if version == 3 { 9u16 } else { 12 }).to_le_bytes());
        w(32, &6u16.to_le_bytes());
        let dir_count = if version == 3 { 0 } else { n_dir as u32 };
        w(40, &dir_count.to_le_bytes());
        w(44, &(n_fat as u32).to_le_bytes());
        w(48, &(first_dir as u32).to_le_bytes());
        w(52, &0u32.to_le_bytes());
        w(56, &(CUTOFF as u32).to_le_bytes());
        let fm = if n_minifat > 0 {
            first_minifat as u32
        } else {
            ENDOFCHAIN
        };
        w(60, &fm.to_le_bytes());
        w(64, &(n_minifat as u32).to_le_bytes());
        let fd = if n_difat > 0 {
            first_difat as u32
        } else {
            ENDOFCHAIN
        };
        w(68, &fd.to_le_bytes());
        w(72, &(n_difat as u32).to_le_bytes());
        for i in 0..109 {
            let v = if i < n_fat { i as u32 } else { FREESECT };
            w(76 + 4 * i, &v.to_le_bytes());
        }
    }
    let sector_at = |s: usize| header_len + s * ss;
    let put = |out: &mut Vec<u8>, at: usize, b: &[u8]| {
        if let Some(s) = out.get_mut(at..at + b.len()) {
            s.copy_from_slice(b);
        }
    };
    // FAT.
    for (i, v) in fat.iter().enumerate() {
        put(&mut out, sector_at(0) + 4 * i, &v.to_le_bytes());
    }
    // DIFAT: FAT sectors 109.. listed, 127 (or 1023) per sector plus a link.
    let mut rest = (109..n_fat).collect::<Vec<_>>().into_iter();
    for k in 0..n_difat {
        let base = sector_at(first_difat + k);
        for j in 0..per_sector - 1 {
            let v = rest.next().map_or(FREESECT, |s| s as u32);
            put(&mut out, base + 4 * j, &v.to_le_bytes());
        }
        let next = if k + 1 == n_difat {
            ENDOFCHAIN
        } else {
            (first_difat + k + 1) as u32
        };
        put(&mut out, base + 4 * (per_sector - 1), &next.to_le_bytes());
    }
    // Directory.
    let dir_base = sector_at(first_dir);
    for i in dirs.len()..n_dir * (ss / 128) {
        let at = dir_base + 128 * i;
        put(&mut out, at + 68, &NOSTREAM.to_le_bytes());
        put(&mut out, at + 72, &NOSTREAM.to_le_bytes());
        put(&mut out, at + 76, &NOSTREAM.to_le_bytes());
    }
    for (i, d) in dirs.iter().enumerate() {
        let at = dir_base + 128 * i;
        let name = if i == 0 {
            Utf16String::new("Root Entry")
        } else {
            d.entry.name.clone()
        };
        let nb = name.to_le_bytes();
        put(&mut out, at, &nb);
        put(&mut out, at + 64, &((nb.len() + 2) as u16).to_le_bytes());
        put(&mut out, at + 66, &[d.object_type.value(), 1]);
        put(&mut out, at + 68, &d.left.to_le_bytes());
        put(&mut out, at + 72, &d.right.to_le_bytes());
        put(&mut out, at + 76, &d.child.to_le_bytes());
        let storage = d.object_type != ObjectType::Stream;
        let clsid = if storage { d.entry.clsid } else { Guid::NIL };
        put(&mut out, at + 80, &clsid.to_le_bytes());
        put(&mut out, at + 96, &d.entry.state_bits.to_le_bytes());
        // [MS-CFB] 2.6.3: the root's creation time is zero; streams have
        // none.
        let created = if storage && i != 0 {
            d.entry.created.0
        } else {
            0
        };
        let modified = if storage { d.entry.modified.0 } else { 0 };
        put(&mut out, at + 100, &created.to_le_bytes());
        put(&mut out, at + 108, &modified.to_le_bytes());
        let start = if storage && i != 0 { 0 } else { d.start };
        put(&mut out, at + 116, &start.to_le_bytes());
        put(&mut out, at + 120, &d.size.to_le_bytes());
    }
    // Mini FAT.
    for (i, v) in minifat.iter().enumerate() {
        put(&mut out, sector_at(first_minifat) + 4 * i, &v.to_le_bytes());
    }
    // Stream data.
    for d in dirs.iter().skip(1) {
        if let EntryKind::Stream(data) = &d.entry.kind {
            if data.is_empty() {
                continue;
            }
            let at = if data.len() < CUTOFF {
                sector_at(first_ministream) + d.start as usize * MINI
            } else {
                sector_at(d.start as usize)
            };
            put(&mut out, at, data);
        }
    }
    Ok(out)
}

/// The storage `id` of a read compound file as a tree to write: names,
/// CLSIDs, state bits and timestamps as read, stream bytes copied (charged
/// to `r`'s session through [`CompoundFile::stream_bytes`]; borrowed
/// copies charged here). `r` must read the buffer the file was decoded
/// from. One nesting level per storage.
pub fn tree_of<'a>(r: &mut Reader<'a>, cf: &CompoundFile<'a>, id: u32) -> Result<Entry> {
    r.nest("Storage", |r| {
        let Some(e) = cf.entry(id) else {
            return Err(err(format!("no directory entry {id}")));
        };
        let mut kids = Vec::with_capacity(cf.children(id).len());
        for &c in cf.children(id) {
            let Some(ce) = cf.entry(c) else { continue };
            if ce.is_stream() {
                let b = cf.stream_bytes(r, c)?;
                if let Cow::Borrowed(s) = &b {
                    r.reserve(s.len(), "stream copy")?;
                }
                kids.push(Entry {
                    name: ce.name.clone(),
                    clsid: ce.clsid,
                    state_bits: ce.state_bits,
                    created: ce.created,
                    modified: ce.modified,
                    kind: EntryKind::Stream(b.into_owned()),
                });
            } else if ce.is_storage() {
                kids.push(tree_of(r, cf, c)?);
            }
        }
        Ok(Entry {
            name: e.name.clone(),
            clsid: e.clsid,
            state_bits: e.state_bits,
            created: e.created,
            modified: e.modified,
            kind: EntryKind::Storage(kids),
        })
    })
}

/// A whole compound file read and turned into a tree ([`tree_of`] the
/// root), in one session.
pub fn read_tree(
    bytes: &[u8],
    options: &msox_codec::Options,
) -> Result<msox_codec::Decoded<Entry>> {
    msox_codec::decode_bytes_with_reader(bytes, options, |r| {
        let cf = <CompoundFile<'_> as msox_codec::Decode<'_>>::decode(r)?;
        tree_of(r, &cf, 0)
    })
}
