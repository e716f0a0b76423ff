//! Large TNEF files read without their attachment bytes.
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

use std::fs::File;
use std::path::Path;

use ms_oxtnef::{AttributeHeader, AttributeId, AttributeLevel};

/// Values at least this long are left in the file.
const MIN_LEFT: u64 = 256 << 10;
/// Files smaller than this are read whole.
const MIN_FILE: u64 = 1 << 20;
/// The bytes read ahead at a time.
const CHUNK: u64 = 64 << 10;

/// A TNEF file read without its large attachment bytes.
pub struct Sparse {
    /// The file's bytes, zero where `left` says.
    pub bytes: Vec<u8>,
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
    if path.as_os_str() == "-" {
        return None;
    }
    let file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < MIN_FILE {
        return None;
    }
    // Zeroed by the allocator: pages never written are never backed.
    let mut bytes = vec![0u8; usize::try_from(len).ok()?];
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
            bytes: vec![0; 1000],
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
}
