//! Large TNEF and .msg files read without their attachment bytes.
//!
//! `msox tnef extract` of a large winmail.dat spends most of its time
//! moving the attachment bytes: reading them into memory (a fresh page per
//! 4 KiB) and writing them out again. Here the attributes of the stream
//! ([MS-OXTNEF] 2.1.3.1: level, ID, length, data, checksum) are walked
//! with positioned reads; large attAttachData values (2.1.3.3) are not
//! read into the buffer, which stays zeroed (and unbacked) there, and the
//! extraction copies them from the file to the output files in the kernel.
//! Every attribute's checksum is verified here, from the file, so the
//! library need not see the bytes; anything unexpected (a bad checksum, a
//! length past the end, strict mode) leaves the file to the ordinary read,
//! which reports it as always.
//!
//! `msox msg extract` of a large .msg does the same with the compound
//! file ([MS-CFB]): the header, the DIFAT, the FAT and the directory are
//! read first and walked as they lie in the file; the attachment data
//! streams (PidTagAttachDataBinary, `__substg1.0_37010102` in a top-level
//! `__attach_version1.0_#` storage, [MS-OXMSG] 2.2.2) that are long and lie
//! in consecutive sectors are left in the file, and everything else is
//! read. A .msg has no checksums: the caller checks that every range left
//! in the file is exactly the bytes of one extracted file
//! ([`Sparse::ranges_of`]; the compound file gives each sector to one
//! stream, so no other value was read from there), or reads the file whole.

use std::fs::File;
use std::path::Path;

use ms_oxtnef::{AttributeHeader, AttributeId, AttributeLevel};

/// Values at least this long are left in the file.
const MIN_LEFT: u64 = 256 << 10;
/// Files smaller than this are read whole.
const MIN_FILE: u64 = 1 << 20;
/// The bytes read ahead at a time.
#[cfg(unix)]
const CHUNK: u64 = 64 << 10;

/// A TNEF file read without its large attachment bytes.
pub struct Sparse {
    /// The file's bytes, zero where `left` says.
    pub bytes: memmap2::MmapMut,
    /// The (offset, length) ranges of the file not read into `bytes`, in
    /// file order, apart.
    pub left: Vec<(u64, u64)>,
    /// The file, to copy the ranges from.
    pub file: File,
}

impl Sparse {
    /// The file range `data` (a slice of [`Sparse::bytes`]) stands for,
    /// when it lies within one range left in the file; `Err(())` when it
    /// overlaps one only in part (its bytes are not all here).
    #[allow(clippy::result_unit_err)]
    pub fn range_of(&self, data: &[u8]) -> Result<Option<(u64, u64)>, ()> {
        let base = self.bytes.as_ptr() as usize;
        let at = data.as_ptr() as usize;
        if data.is_empty() || at < base || at - base >= self.bytes.len() {
            return Ok(None);
        }
        let (start, end) = ((at - base) as u64, (at - base + data.len()) as u64);
        // The ranges are in order and apart: the first that ends after
        // `start` is the only one `data` can begin in or before.
        let i = self.left.partition_point(|&(off, len)| off + len <= start);
        match self.left.get(i) {
            Some(&(off, len)) if start >= off && end <= off + len => {
                Ok(Some((start, data.len() as u64)))
            }
            Some(&(off, _)) if off < end => Err(()),
            _ => Ok(None),
        }
    }
    /// The file range of each of `data` (slices of [`Sparse::bytes`], or
    /// other bytes), when every range left in the file is exactly one of
    /// them and none of them reaches into a range in part: then each
    /// `Some` is where its bytes are in the file, and no bytes the caller
    /// holds were read from a range left there (zeros). `None` otherwise:
    /// the file is to be read whole.
    pub fn ranges_of<'d>(
        &self,
        data: impl IntoIterator<Item = &'d [u8]>,
    ) -> Option<Vec<Option<(u64, u64)>>> {
        let mut used = vec![false; self.left.len()];
        let mut out = Vec::new();
        for d in data {
            let r = self.range_of(d).ok()?;
            if let Some(r) = r {
                let i = self.left.iter().position(|&l| l == r)?;
                let u = used.get_mut(i)?;
                if *u {
                    return None;
                }
                *u = true;
            }
            out.push(r);
        }
        used.iter().all(|&u| u).then_some(out)
    }
}

/// Reads the TNEF file at `path` leaving its large attAttachData values in
/// the file, or `None` when the file is better read whole (small, not a
/// TNEF stream, not walkable, a checksum that does not match, not on a
/// platform with positioned reads).
pub fn read_tnef(path: &Path) -> Option<Sparse> {
    #[cfg(unix)]
    {
        read_unix(path)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(unix)]
fn read_unix(path: &Path) -> Option<Sparse> {
    use std::os::unix::fs::FileExt;
    let (file, len, mut bytes) = open_large(path, MIN_FILE)?;
    // Everything before `done` that is not left in the file is read; reads
    // go ahead in chunks, so a stream of many small attributes costs a few
    // reads, not three per attribute.
    let mut done = 0u64;
    let need = |bytes: &mut [u8], done: &mut u64, start: u64, end: u64| -> Option<()> {
        if end <= *done {
            return Some(());
        }
        let from = start.max(*done);
        let to = end.max(from.saturating_add(CHUNK).min(len));
        let dst = bytes.get_mut(usize::try_from(from).ok()?..usize::try_from(to).ok()?)?;
        file.read_exact_at(dst, from).ok()?;
        *done = to;
        Some(())
    };
    let at = |x: u64| usize::try_from(x).ok();
    need(&mut bytes, &mut done, 0, 6)?;
    if !ms_oxtnef::is_tnef(&bytes) {
        return None;
    }
    let mut left = Vec::new();
    let mut scratch = Vec::new();
    let mut pos = 6u64;
    while pos < len {
        if len - pos < AttributeHeader::SIZE as u64 {
            // Bytes after the last attribute: the library's to judge.
            need(&mut bytes, &mut done, pos, len)?;
            break;
        }
        let size = AttributeHeader::SIZE as u64;
        need(&mut bytes, &mut done, pos, pos + size)?;
        let h = AttributeHeader::parse(bytes.get(at(pos)?..)?)?;
        let n = u64::from(h.len);
        let data = pos + size;
        let end = data.checked_add(n)?.checked_add(2)?;
        if end > len {
            return None;
        }
        let attach_data = h.level == AttributeLevel::Attachment && h.id == AttributeId::AttachData;
        let sum = if attach_data && n >= MIN_LEFT {
            left.push((data, n));
            done = done.max(data + n);
            file_checksum(&file, data, n, &mut scratch)?
        } else {
            need(&mut bytes, &mut done, data, data + n)?;
            ms_oxtnef::checksum(bytes.get(at(data)?..at(data + n)?)?)
        };
        need(&mut bytes, &mut done, data + n, end)?;
        let stored = u16::from_le_bytes(bytes.get(at(data + n)?..at(end)?)?.try_into().ok()?);
        if sum != stored {
            return None;
        }
        pos = end;
    }
    if left.is_empty() {
        return None;
    }
    Some(Sparse { bytes, left, file })
}

/// Reads the .msg file at `path` leaving the bytes of its long attachment
/// data streams in the file (see the module documentation), or `None`
/// when the file is better read whole (small, not a compound file, no such
/// stream, a structure these reads cannot follow, not on a platform with
/// positioned reads).
pub fn read_msg(path: &Path) -> Option<Sparse> {
    read_msg_with(path, MIN_FILE, MIN_LEFT)
}

/// [`read_msg`] with its thresholds: files shorter than `min_file` bytes
/// and streams shorter than `min_left` are read (tests lower them to take
/// this path on every file).
pub fn read_msg_with(path: &Path, min_file: u64, min_left: u64) -> Option<Sparse> {
    #[cfg(unix)]
    {
        read_msg_unix(path, min_file, min_left.max(1))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, min_file, min_left);
        None
    }
}

/// The first bytes of a stream name of an attachment's storage.
#[cfg(unix)]
const ATTACH_PREFIX: &str = "__attach_version1.0_";
/// The stream of PidTagAttachDataBinary in an attachment's storage.
#[cfg(unix)]
const ATTACH_DATA: &str = "__substg1.0_37010102";

#[cfg(unix)]
fn read_msg_unix(path: &Path, min_file: u64, min_left: u64) -> Option<Sparse> {
    use ms_cfb::sector::{ENDOFCHAIN, MAXREGSECT, NOSTREAM};
    use std::os::unix::fs::FileExt;
    let (file, len, mut bytes) = open_large(path, min_file)?;
    // The (offset, length) runs read so far.
    let mut read: Vec<(u64, u64)> = Vec::new();
    let fetch =
        |bytes: &mut [u8], read: &mut Vec<(u64, u64)>, off: u64, count: u64| -> Option<()> {
            let end = off.checked_add(count)?.min(len);
            if end <= off {
                return Some(());
            }
            let dst = bytes.get_mut(usize::try_from(off).ok()?..usize::try_from(end).ok()?)?;
            file.read_exact_at(dst, off).ok()?;
            read.push((off, end - off));
            Some(())
        };
    fetch(&mut bytes, &mut read, 0, 512)?;
    if bytes.get(..8) != Some(&ms_cfb::SIGNATURE[..]) {
        return None;
    }
    let header = {
        let quiet = msox_codec::Options::default();
        let mut r = msox_codec::Reader::with_options(bytes.get(..512)?, &quiet);
        <ms_cfb::Header as msox_codec::Decode>::decode(&mut r).ok()?
    };
    let ss = header.sector_size() as u64;
    let n_sectors = (len.saturating_sub(ss)).div_ceil(ss);
    let sector_at = |s: u32| -> Option<u64> {
        (s <= MAXREGSECT && u64::from(s) < n_sectors).then(|| (u64::from(s) + 1) * ss)
    };
    let u32_at = |bytes: &[u8], off: u64| -> Option<u32> {
        let i = usize::try_from(off).ok()?;
        Some(u32::from_le_bytes(bytes.get(i..i + 4)?.try_into().ok()?))
    };
    // The FAT's sectors: the header's DIFAT, then the DIFAT chain.
    let per = ss / 4;
    let mut fat: Vec<u32> = header
        .difat
        .iter()
        .copied()
        .filter(|&s| s <= MAXREGSECT)
        .collect();
    let mut d = header.first_difat_sector;
    for _ in 0..u64::from(header.num_difat_sectors).min(n_sectors) {
        let Some(at) = sector_at(d) else { break };
        fetch(&mut bytes, &mut read, at, ss)?;
        for k in 0..per - 1 {
            let s = u32_at(&bytes, at + 4 * k)?;
            if s <= MAXREGSECT {
                fat.push(s);
            }
        }
        // More FAT sectors than the file has sectors: not a FAT.
        if fat.len() as u64 > n_sectors {
            return None;
        }
        d = u32_at(&bytes, at + 4 * (per - 1))?;
    }
    for run in runs(&fat) {
        fetch(&mut bytes, &mut read, sector_at(run.0)?, run.1 * ss)?;
    }
    // The sector after `s` in its chain, from the FAT in the bytes read.
    let next = |bytes: &[u8], s: u32| -> Option<u32> {
        let fs = *fat.get(usize::try_from(u64::from(s) / per).ok()?)?;
        u32_at(bytes, sector_at(fs)? + 4 * (u64::from(s) % per))
    };
    let mut dir = Vec::new();
    let mut s = header.first_dir_sector;
    while s != ENDOFCHAIN {
        sector_at(s)?;
        if dir.len() as u64 >= n_sectors {
            return None; // a loop
        }
        dir.push(s);
        s = next(&bytes, s)?;
    }
    for run in runs(&dir) {
        fetch(&mut bytes, &mut read, sector_at(run.0)?, run.1 * ss)?;
    }
    // The directory entries as they are in the file ([MS-CFB] 2.6.1): the
    // name (UTF-16LE, 64 bytes), object type at 66, the left, right and
    // child links at 68, 72, 76, the start sector at 116, the size at 120
    // (32 bits in a version 3 file).
    let per_dir = (ss / 128) as usize;
    let n_entries = dir.len() * per_dir;
    let entry = |id: u32| -> Option<usize> {
        let id = id as usize;
        let at = sector_at(*dir.get(id / per_dir)?)? + 128 * (id % per_dir) as u64;
        usize::try_from(at).ok()
    };
    let field =
        |bytes: &[u8], id: u32, off: u64| -> Option<u32> { u32_at(bytes, entry(id)? as u64 + off) };
    let kind = |bytes: &[u8], id: u32| -> Option<u8> { bytes.get(entry(id)? + 66).copied() };
    // Whether the entry's name starts with `name` (ASCII, any case), and is
    // exactly it when `whole`.
    let named = |bytes: &[u8], id: u32, name: &str, whole: bool| -> Option<bool> {
        let at = entry(id)?;
        let raw = bytes.get(at..at + 64)?;
        let (units, _) = raw.as_chunks::<2>();
        let mut units = units.iter().map(|&u| u16::from_le_bytes(u));
        for c in name.bytes() {
            let u = units.next()?;
            if u > 0x7F || !(u as u8).eq_ignore_ascii_case(&c) {
                return Some(false);
            }
        }
        Some(!whole || units.next().is_none_or(|u| u == 0))
    };
    // The children of storage `st`: its red-black tree, each entry once.
    let mut seen = vec![0u64; n_entries.div_ceil(64)];
    let mut children = |bytes: &[u8], st: u32| -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let mut todo = vec![field(bytes, st, 76)?];
        while let Some(id) = todo.pop() {
            if id == NOSTREAM {
                continue;
            }
            let w = seen.get_mut(id as usize / 64)?;
            if *w & (1 << (id % 64)) != 0 {
                return None; // linked twice: the library's to report
            }
            *w |= 1 << (id % 64);
            out.push(id);
            todo.push(field(bytes, id, 68)?);
            todo.push(field(bytes, id, 72)?);
        }
        Some(out)
    };
    let mut left: Vec<(u64, u64)> = Vec::new();
    let mut walked = 0u64;
    for st in children(&bytes, 0)? {
        if kind(&bytes, st)? != 1 || !named(&bytes, st, ATTACH_PREFIX, false)? {
            continue;
        }
        for id in children(&bytes, st)? {
            if kind(&bytes, id)? != 2 || !named(&bytes, id, ATTACH_DATA, true)? {
                continue;
            }
            let at = entry(id)?;
            let size = u64::from_le_bytes(bytes.get(at + 120..at + 128)?.try_into().ok()?);
            let size = if header.major_version == 3 {
                size & 0xFFFF_FFFF
            } else {
                size
            };
            let start = field(&bytes, id, 116)?;
            if size < min_left || size < u64::from(header.mini_stream_cutoff) {
                continue;
            }
            // Its sectors, which must follow one another.
            let count = size.div_ceil(ss);
            let mut s = start;
            let mut together = true;
            for k in 0..count {
                walked += 1;
                if walked > n_sectors {
                    return None; // chains that share sectors
                }
                if u64::from(s) != u64::from(start) + k || sector_at(s).is_none() {
                    together = false;
                    break;
                }
                if k + 1 < count {
                    s = next(&bytes, s)?;
                }
            }
            let off = (u64::from(start) + 1) * ss;
            if together && off + size <= len {
                left.push((off, size));
            }
            break;
        }
    }
    if left.is_empty() {
        return None;
    }
    // Apart from what was read and from one another.
    let mut known: Vec<(u64, u64)> = read.iter().chain(&left).copied().collect();
    known.sort_unstable();
    if known
        .windows(2)
        .any(|w| matches!(w, [(o, l), (p, _)] if o + l > *p))
    {
        return None;
    }
    left.sort_unstable();
    // Everything else.
    let mut rest = Vec::new();
    let mut at = 0u64;
    for (o, l) in known {
        if o > at {
            fetch(&mut bytes, &mut rest, at, o - at)?;
        }
        at = at.max(o + l);
    }
    if at < len {
        fetch(&mut bytes, &mut rest, at, len - at)?;
    }
    Some(Sparse { bytes, left, file })
}

/// The file at `path` (not stdin), its length and a zeroed buffer of that
/// length, when it is at least `min_len` bytes long.
#[cfg(unix)]
fn open_large(path: &Path, min_len: u64) -> Option<(File, u64, memmap2::MmapMut)> {
    if path.as_os_str() == "-" {
        return None;
    }
    let file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < min_len {
        return None;
    }
    let bytes = zeroed(usize::try_from(len).ok()?)?;
    Some((file, len, bytes))
}

/// `len` zero bytes in an anonymous mapping: pages never written are never
/// backed, and the memory goes back to the system when it is dropped
/// without moving the allocator's threshold for mapping large blocks (a
/// freed block of the heap's own mappings raises it, and a reader that
/// falls back to reading the file whole would then grow its model on the
/// heap, with more memory at its peak).
#[cfg(any(unix, test))]
fn zeroed(len: usize) -> Option<memmap2::MmapMut> {
    memmap2::MmapOptions::new().len(len).map_anon().ok()
}

/// Runs of consecutive sector numbers in `sectors` (in their order): the
/// first sector and the count.
#[cfg(unix)]
fn runs(sectors: &[u32]) -> Vec<(u32, u64)> {
    let mut out: Vec<(u32, u64)> = Vec::new();
    for &s in sectors {
        match out.last_mut() {
            Some((first, count)) if u64::from(*first) + *count == u64::from(s) => *count += 1,
            _ => out.push((s, 1)),
        }
    }
    out
}

/// The TNEF checksum (the byte sum mod 65536) of `len` bytes of `file` at
/// `offset`, read through `scratch`.
#[cfg(unix)]
fn file_checksum(file: &File, offset: u64, len: u64, scratch: &mut Vec<u8>) -> Option<u16> {
    use std::os::unix::fs::FileExt;
    scratch.resize(256 << 10, 0);
    let mut sum = 0u16;
    let mut done = 0u64;
    while done < len {
        let n = (len - done).min(scratch.len() as u64) as usize;
        let buf = scratch.get_mut(..n)?;
        file.read_exact_at(buf, offset + done).ok()?;
        sum = sum.wrapping_add(ms_oxtnef::checksum(buf));
        done += n as u64;
    }
    Some(sum)
}

/// Copies `len` bytes of `file` at `offset` into the file at `to` (created
/// or truncated), in the kernel where the platform can.
pub fn copy_range(file: &File, offset: u64, len: u64, to: &Path) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    let mut src = file;
    src.seek(SeekFrom::Start(offset))?;
    let mut out = File::create(to)?;
    let n = std::io::copy(&mut src.take(len), &mut out)?;
    if n != len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the input file got shorter",
        ));
    }
    Ok(())
}

// Unit tests: an unwrap/expect/panic here fails the test.
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    /// A slice of the buffer inside one range left in the file stands for
    /// that part of the file; one that straddles a range's edge cannot be
    /// copied from the file; one outside every range is in the buffer.
    #[test]
    fn range_of_finds_the_one_range_a_slice_lies_in() {
        let path = std::env::temp_dir().join(format!("msox-sparse-{}", std::process::id()));
        std::fs::write(&path, b"x").unwrap();
        let s = Sparse {
            bytes: zeroed(1000).unwrap(),
            left: vec![(100, 100), (300, 50), (600, 200)],
            file: File::open(&path).unwrap(),
        };
        assert_eq!(s.range_of(&s.bytes[100..200]), Ok(Some((100, 100))));
        assert_eq!(s.range_of(&s.bytes[310..320]), Ok(Some((310, 10))));
        assert_eq!(s.range_of(&s.bytes[600..800]), Ok(Some((600, 200))));
        assert_eq!(s.range_of(&s.bytes[0..100]), Ok(None));
        assert_eq!(s.range_of(&s.bytes[200..300]), Ok(None));
        assert_eq!(s.range_of(&s.bytes[800..1000]), Ok(None));
        assert_eq!(s.range_of(&s.bytes[90..110]), Err(()));
        assert_eq!(s.range_of(&s.bytes[190..310]), Err(()));
        assert_eq!(s.range_of(&s.bytes[340..700]), Err(()));
        assert_eq!(s.range_of(&[1, 2, 3]), Ok(None));
        let _ = std::fs::remove_file(&path);
    }

    /// The ranges of a set of slices: only when every range left in the
    /// file is exactly one of them and none straddles a range's edge.
    #[test]
    fn ranges_of_wants_every_range_left_exactly_once() {
        let path = std::env::temp_dir().join(format!("msox-sparse-r-{}", std::process::id()));
        std::fs::write(&path, b"x").unwrap();
        let s = Sparse {
            bytes: zeroed(1000).unwrap(),
            left: vec![(100, 100), (600, 200)],
            file: File::open(&path).unwrap(),
        };
        let b = &s.bytes;
        let other = [7u8; 4];
        assert_eq!(
            s.ranges_of([&b[600..800], &other[..], &b[0..10], &b[100..200]]),
            Some(vec![Some((600, 200)), None, None, Some((100, 100))])
        );
        // A range no slice covers: its bytes may have been read as zeros.
        assert_eq!(s.ranges_of([&b[100..200]]), None);
        // Part of a range, twice the same range, a slice across an edge.
        assert_eq!(s.ranges_of([&b[100..150], &b[600..800]]), None);
        assert_eq!(
            s.ranges_of([&b[100..200], &b[100..200], &b[600..800]]),
            None
        );
        assert_eq!(s.ranges_of([&b[100..200], &b[590..800]]), None);
        let _ = std::fs::remove_file(&path);
    }
}
