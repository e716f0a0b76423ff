//! A CHM file read into its directory, and its files extracted: section 0
//! (stored) files copied, section 1 (MSCompressed) files cut out of the
//! LZX stream of `::DataSpace/Storage/MSCompressed/Content`, decoded once
//! with the reset interval and window of its `ControlData` and the length
//! of its reset table.

use ms_patch::{StreamParams, read_stream_prefix};
use msox_codec::{Decode, Decoded, Error, ErrorKind, Options, Reader, Result, Sink};

use crate::format::{DirEntry, ItsfHeader, ItspHeader, PMGL, read_encint};

/// `::DataSpace/Storage/MSCompressed/Content`: the LZX stream.
pub const CONTENT: &[u8] = b"::DataSpace/Storage/MSCompressed/Content";
/// `::DataSpace/Storage/MSCompressed/ControlData`: its parameters.
pub const CONTROL_DATA: &[u8] = b"::DataSpace/Storage/MSCompressed/ControlData";
/// `::DataSpace/Storage/MSCompressed/SpanInfo`: its length (when there is
/// no usable reset table).
pub const SPAN_INFO: &[u8] = b"::DataSpace/Storage/MSCompressed/SpanInfo";
/// The reset table: where each reset interval starts in the LZX stream,
/// and the stream's length.
pub const RESET_TABLE: &[u8] = b"::DataSpace/Storage/MSCompressed/Transform/{7FC28940-9D31-11D0-9B27-00A0C91E9C7C}/InstanceData/ResetTable";

/// LZX frames are 32 KiB.
const FRAME: u64 = 32768;

/// A CHM file: its headers and directory, borrowing the input.
#[derive(Debug, Clone)]
pub struct ChmFile<'a> {
    /// The ITSF header and header section table.
    pub itsf: ItsfHeader,
    /// Header section 0's file length.
    pub file_len: u64,
    /// The directory header.
    pub itsp: ItspHeader,
    /// Where the directory's chunks start.
    pub dir_offset: u64,
    /// Where section 0 (the stored content) starts.
    pub content_offset: u64,
    /// Every entry the PMGL chunks list (system files and directories
    /// included), in their order.
    pub entries: Vec<DirEntry>,
    buffer: &'a [u8],
}

/// How the MSCompressed section is to be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LzxSection {
    /// ControlData version (1 or 2).
    pub version: u32,
    /// LZX window: 2^`window_bits` bytes (15..=21).
    pub window_bits: u8,
    /// Bytes between decoder resets (a multiple of 32 KiB).
    pub reset_interval: u64,
    /// The uncompressed length of the stream: the reset table's, rounded
    /// up to a whole reset interval as libmspack does (the data is padded
    /// out to it), or SpanInfo's as it is.
    pub length: u64,
    /// Where the LZX stream starts and how many bytes it has (the
    /// `Content` file, from the reset table's first entry on), as
    /// positions in the CHM.
    pub input: (usize, usize),
}

fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// The reader at `pos` (a 64-bit offset) or an error at `field_at`.
fn seek64(r: &mut Reader<'_>, pos: u64, field: &'static str, field_at: usize) -> Result<()> {
    let p = to_usize(pos);
    if p > r.end() {
        return Err(r.invalid_at(field, pos, field_at));
    }
    r.seek(p)
}

impl<'a> ChmFile<'a> {
    /// The content files: the entries that are not system files or
    /// directories (what a CHM lists as its files), in directory order.
    pub fn files(&self) -> Vec<&DirEntry> {
        self.entries
            .iter()
            .filter(|e| !e.is_system() && !e.is_dir())
            .collect()
    }

    /// The entry named `name` (system files included).
    pub fn entry(&self, name: &[u8]) -> Option<&DirEntry> {
        self.entries.iter().find(|e| e.name == name)
    }

    /// The buffer the file was read from.
    pub fn buffer(&self) -> &'a [u8] {
        self.buffer
    }

    fn read_pmgl(r: &mut Reader<'a>, chunk_size: usize, entries: &mut Vec<DirEntry>) -> Result<()> {
        let start = r.pos();
        if r.u32()? != PMGL {
            // PMGI (index) chunks and others: nothing to list.
            return Ok(());
        }
        let _quickref = r.u32()?;
        r.seek(start + 0x14)?;
        let end = start + chunk_size - 2;
        let count_at = end;
        let count = usize::from(u16::from_le_bytes([
            r.buffer().get(count_at).copied().unwrap_or(0),
            r.buffer().get(count_at + 1).copied().unwrap_or(0),
        ]));
        let mut w = r.sub(end - r.pos())?;
        for j in 0..count {
            let e = w.frame_indexed("DirEntry", j, |r| {
                let name_len = read_encint(r)?;
                let n = r.check_count(name_len, 1, "name length")?;
                let name = r.bytes(n)?;
                let section = read_encint(r)?;
                let offset = read_encint(r)?;
                let length = read_encint(r)?;
                Ok((name, section, offset, length))
            });
            let (name, section, offset, length) = match e {
                Ok(v) => v,
                Err(e) => {
                    w.tolerate(e, "the chunk's remaining entries skipped")?;
                    break;
                }
            };
            // One-character and blank names list nothing.
            if name.len() < 2 || name.first() == Some(&0) || name.get(1) == Some(&0) {
                continue;
            }
            let entry = DirEntry {
                name: name.to_vec(),
                section,
                offset,
                length,
            };
            if section > 1 && !entry.is_dir() {
                w.frame_indexed("DirEntry", j, |r| {
                    r.defect(
                        ErrorKind::InvalidValue {
                            field: "section",
                            value: section,
                        },
                        "entry not listed",
                    )
                })?;
                continue;
            }
            w.charge_items(1, "directory entries")?;
            entries.push(entry);
        }
        w.take_rest();
        Ok(())
    }
}

/// The headers and the directory ([`ChmFile`]). Errors: a bad `ITSF`
/// signature or GUIDs, header sections or chunks outside the file, a chunk
/// size under 22 or over 8192 bytes, no chunks or over 100,000, a content
/// offset past the file's length, first and last PMGL chunks out of
/// order, an index root past the chunks. Defects (errors in strict mode):
/// a length in header section 0 that is not the file's, an `ITSP`
/// signature that is not one, an ENCINT or name that runs out of its
/// chunk (the chunk's other entries are skipped), a section other than 0
/// or 1 (the entry is not listed). Bytes after the file are not read.
impl<'a> Decode<'a> for ChmFile<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let itsf = ItsfHeader::decode(r)?;
        let file_len = r.frame("HeaderSection0", |r| {
            seek64(r, itsf.section0.0, "OffsetHS0", 0x38)?;
            r.skip(8)?;
            let at = r.pos();
            let len = r.u64()?;
            if len != r.buffer().len() as u64 {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "FileLen",
                        value: len,
                    },
                    at,
                    "the file read as it is",
                )?;
            }
            Ok(len)
        })?;
        seek64(r, itsf.section1.0, "OffsetHS1", 0x48)?;
        let itsp_at = r.pos();
        let itsp = ItspHeader::decode(r)?;
        let dir_offset = r.pos() as u64;
        let chunk_size = u64::from(itsp.chunk_size);
        let num_chunks = u64::from(itsp.num_chunks);
        let content_offset = itsf
            .content_offset
            .unwrap_or(dir_offset + chunk_size * num_chunks);
        let bad = |r: &Reader<'_>, msg: &'static str, at: usize| {
            r.error_at(ErrorKind::Malformed(msg.into()), at)
        };
        r.frame("ITSP", |r| {
            if content_offset > file_len {
                return Err(bad(r, "the content starts after the end of the file", 0x58));
            }
            if !(0x16..=8192).contains(&chunk_size) {
                return Err(r.invalid_at("chunk size", chunk_size, itsp_at + 0x10));
            }
            if num_chunks == 0 {
                return Err(r.invalid_at("number of chunks", 0, itsp_at + 0x2C));
            }
            if num_chunks > 100_000 {
                return Err(r.error_at(
                    ErrorKind::LimitExceeded {
                        what: "number of chunks",
                        value: num_chunks,
                        max: 100_000,
                    },
                    itsp_at + 0x2C,
                ));
            }
            if chunk_size * num_chunks > file_len {
                return Err(bad(
                    r,
                    "the chunks are larger than the file",
                    itsp_at + 0x2C,
                ));
            }
            if itsp.first_pmgl > itsp.last_pmgl {
                return Err(bad(
                    r,
                    "the first PMGL chunk is after the last",
                    itsp_at + 0x20,
                ));
            }
            if itsp.index_root != u32::MAX && itsp.index_root >= itsp.num_chunks {
                return Err(r.invalid_at("index root", u64::from(itsp.index_root), itsp_at + 0x1C));
            }
            Ok(())
        })?;
        let first = u64::from(itsp.first_pmgl);
        let n = u64::from(itsp.last_pmgl) - first + 1;
        let mut entries = Vec::new();
        r.check_count(n, to_usize(chunk_size), "PMGL chunks")?;
        for k in 0..n {
            let i = first + k;
            r.frame_indexed("Chunk", to_usize(i), |r| {
                seek64(r, dir_offset + i * chunk_size, "FirstPMGL", itsp_at + 0x20)?;
                let mut c = r.sub(to_usize(chunk_size))?;
                Self::read_pmgl(&mut c, to_usize(chunk_size), &mut entries)
            })?;
        }
        // The reader ends after the directory; the content is read by
        // extraction.
        r.take_rest();
        Ok(ChmFile {
            itsf,
            file_len,
            itsp,
            dir_offset,
            content_offset,
            entries,
            buffer: r.buffer(),
        })
    }
}

/// Where extracted files go (as in `msox-cab`): a sink for a file when its
/// first byte is ready (or at once for an empty one), handed back when the
/// file is complete or has failed.
pub trait Extractor {
    /// Where one file's bytes go.
    type Sink: Sink;

    /// A sink for `file` (the `n`th of [`ChmFile::files`]), or `None` to
    /// skip it. An error stops the extraction.
    fn open(&mut self, n: usize, file: &DirEntry) -> Result<Option<Self::Sink>>;

    /// `file` is complete (`Ok` with its size) or failed. An error stops
    /// the extraction.
    fn close(
        &mut self,
        n: usize,
        file: &DirEntry,
        sink: Self::Sink,
        outcome: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        let _ = (n, file, sink, outcome);
        Ok(())
    }
}

/// What became of one file ([`ChmFile::extract`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FileOutcome {
    /// Its index in [`ChmFile::files`].
    pub file: usize,
    /// Its size when extracted in full, or why not.
    pub result: std::result::Result<u64, Error>,
}

/// One file of [`ChmFile::extract_all`]: its index in [`ChmFile::files`]
/// and its bytes or why not.
pub type Extracted = (usize, std::result::Result<Vec<u8>, Error>);

/// An [`Extractor`] that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect {
    /// (index, bytes) of each file opened.
    pub files: Vec<(usize, Vec<u8>)>,
}

impl Extractor for Collect {
    type Sink = Vec<u8>;
    fn open(&mut self, _: usize, _: &DirEntry) -> Result<Option<Vec<u8>>> {
        Ok(Some(Vec::new()))
    }
    fn close(
        &mut self,
        n: usize,
        _: &DirEntry,
        sink: Vec<u8>,
        _: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        self.files.push((n, sink));
        Ok(())
    }
}

struct Count;

impl Extractor for Count {
    type Sink = msox_codec::CountingSink;
    fn open(&mut self, _: usize, _: &DirEntry) -> Result<Option<Self::Sink>> {
        Ok(Some(msox_codec::CountingSink::default()))
    }
}

/// An open file of the LZX section: index, sink, range.
struct Open<S> {
    n: usize,
    sink: S,
    start: u64,
    end: u64,
}

/// The sink the LZX section decodes into: each piece goes to the files it
/// overlaps.
struct Dispatch<'x, E: Extractor> {
    ext: &'x mut E,
    files: &'x [&'x DirEntry],
    /// Section 1 files (indexes), by offset.
    order: Vec<usize>,
    next: usize,
    open: Vec<Open<E::Sink>>,
    pos: u64,
    outcomes: &'x mut Vec<FileOutcome>,
    fatal: Option<Error>,
}

impl<E: Extractor> Dispatch<'_, E> {
    fn open_until(&mut self, end: u64) -> Result<()> {
        while let Some(&n) = self.order.get(self.next) {
            let files = self.files;
            let Some(f) = files.get(n) else { break };
            if f.offset >= end {
                break;
            }
            self.next += 1;
            if let Some(sink) = self.ext.open(n, f)? {
                self.open.push(Open {
                    n,
                    sink,
                    start: f.offset,
                    end: f.offset.saturating_add(f.length),
                });
            }
        }
        Ok(())
    }

    fn close(&mut self, o: Open<E::Sink>, result: std::result::Result<u64, Error>) -> Result<()> {
        if let Some(f) = self.files.get(o.n) {
            self.ext.close(o.n, f, o.sink, &result)?;
        }
        self.outcomes.push(FileOutcome { file: o.n, result });
        Ok(())
    }
}

impl<E: Extractor> Sink for Dispatch<'_, E> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let end = self.pos + bytes.len() as u64;
        let res = (|| -> Result<()> {
            self.open_until(end)?;
            let mut i = 0;
            while let Some(o) = self.open.get_mut(i) {
                let from = o.start.max(self.pos);
                let to = o.end.min(end);
                if from < to {
                    let a = to_usize(from - self.pos);
                    let b = to_usize(to - self.pos);
                    o.sink.write(bytes.get(a..b).unwrap_or_default())?;
                }
                if o.end <= end {
                    let o = self.open.swap_remove(i);
                    let size = o.end - o.start;
                    self.close(o, Ok(size))?;
                } else {
                    i += 1;
                }
            }
            Ok(())
        })();
        if let Err(e) = &res {
            self.fatal = Some(e.clone());
        }
        self.pos = end;
        res
    }
}

impl<'a> ChmFile<'a> {
    /// Reads ControlData, the reset table (or SpanInfo) and the Content
    /// entry: how to decode the MSCompressed section.
    ///
    /// Errors: a missing `Content` or `ControlData`, ControlData that is
    /// not 28 bytes, not signed `LZXC`, of a version other than 1 or 2, with
    /// a window other than 2^15..2^21 or a reset interval that is not a
    /// non-zero multiple of 32 KiB; no usable reset table and no usable
    /// SpanInfo. A reset table is usable when it is 40 bytes to 1 MB long,
    /// in section 0, its frame length is 32 KiB and it has a first entry of
    /// 4 or 8 bytes; its length is then rounded up to a whole reset
    /// interval (libmspack's rule: the data is padded out to it).
    pub fn lzx_section(&self, r: &mut Reader<'a>) -> Result<LzxSection> {
        r.frame("MSCompressed", |r| {
            let content = self
                .entry(CONTENT)
                .ok_or_else(|| r.malformed("no ::DataSpace/Storage/MSCompressed/Content"))?;
            let control = self
                .entry(CONTROL_DATA)
                .ok_or_else(|| r.malformed("no ::DataSpace/Storage/MSCompressed/ControlData"))?;
            let (version, window_bits, reset_interval) = r.frame("ControlData", |r| {
                if control.length != 28 || control.section != 0 {
                    return Err(r.invalid("ControlData length", control.length));
                }
                let at = self.stored_at(r, control)?;
                r.seek(at)?;
                let _len = r.u32()?;
                let sig_at = r.pos();
                let sig = r.u32()?;
                if sig != 0x4358_5A4C {
                    return Err(r.error_at(
                        ErrorKind::BadSignature {
                            expected: 0x4358_5A4C,
                            found: u64::from(sig),
                        },
                        sig_at,
                    ));
                }
                let vat = r.pos();
                let version = r.u32()?;
                let ri = u64::from(r.u32()?);
                let ws = u64::from(r.u32()?);
                let (ri, ws) = match version {
                    1 => (ri, ws),
                    2 => (ri * FRAME, ws * FRAME),
                    v => return Err(r.invalid_at("ControlData version", u64::from(v), vat)),
                };
                let bits = match ws {
                    0x8000 => 15,
                    0x1_0000 => 16,
                    0x2_0000 => 17,
                    0x4_0000 => 18,
                    0x8_0000 => 19,
                    0x10_0000 => 20,
                    0x20_0000 => 21,
                    other => return Err(r.invalid_at("window size", other, vat + 8)),
                };
                if ri == 0 || ri % FRAME != 0 {
                    return Err(r.invalid_at("reset interval", ri, vat + 4));
                }
                Ok((version, bits, ri))
            })?;
            let from_table = self.reset_table(r)?;
            let (length, start) = match from_table {
                Some((len, off)) => {
                    // Padded out to a whole reset interval.
                    let len = len.div_ceil(reset_interval).saturating_mul(reset_interval);
                    (len, off)
                }
                None => (self.span_info(r)?, 0),
            };
            if content.section != 0 {
                return Err(r.invalid("section of Content", content.section));
            }
            let at = self.stored_at(r, content)?;
            let begin = at.saturating_add(to_usize(start));
            let end = at
                .saturating_add(to_usize(content.length))
                .min(self.buffer.len());
            Ok(LzxSection {
                version,
                window_bits,
                reset_interval,
                length,
                input: (begin.min(end), end.saturating_sub(begin)),
            })
        })
    }

    /// Where a section 0 entry's bytes start in the buffer.
    fn stored_at(&self, r: &Reader<'_>, e: &DirEntry) -> Result<usize> {
        let at = self.content_offset.saturating_add(e.offset);
        if at > self.buffer.len() as u64 {
            return Err(r.error(ErrorKind::UnexpectedEnd {
                needed: at,
                available: self.buffer.len() as u64,
            }));
        }
        Ok(to_usize(at))
    }

    /// The reset table's uncompressed length and first entry, if usable.
    fn reset_table(&self, r: &mut Reader<'a>) -> Result<Option<(u64, u64)>> {
        let Some(t) = self.entry(RESET_TABLE) else {
            return Ok(None);
        };
        if t.section != 0 || t.length < 0x28 || t.length > 1_000_000 {
            return Ok(None);
        }
        let Ok(at) = self.stored_at(r, t) else {
            return Ok(None);
        };
        let len = to_usize(t.length);
        let Some(data) = self.buffer.get(at..at.saturating_add(len)) else {
            return Ok(None);
        };
        let u32_at = |p: usize| {
            data.get(p..p + 4)
                .and_then(|b| b.try_into().ok())
                .map(u32::from_le_bytes)
        };
        let u64_at = |p: usize| {
            data.get(p..p + 8)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
        };
        let (Some(n), Some(size), Some(table), Some(uncomp), Some(frame)) =
            (u32_at(4), u32_at(8), u32_at(12), u64_at(0x10), u32_at(0x20))
        else {
            return Ok(None);
        };
        if u64::from(frame) != FRAME || n == 0 {
            return Ok(None);
        }
        let pos = table as usize;
        let first = match size {
            4 => u32_at(pos).map(u64::from),
            8 => u64_at(pos),
            _ => None,
        };
        if pos > len.saturating_sub(size as usize) {
            return Ok(None);
        }
        let _ = r;
        Ok(first.map(|f| (uncomp, f)))
    }

    /// SpanInfo's length: 8 bytes, positive.
    fn span_info(&self, r: &mut Reader<'a>) -> Result<u64> {
        r.frame("SpanInfo", |r| {
            let s = self
                .entry(SPAN_INFO)
                .ok_or_else(|| r.malformed("no usable reset table and no SpanInfo"))?;
            if s.length != 8 || s.section != 0 {
                return Err(r.invalid("SpanInfo length", s.length));
            }
            let at = self.stored_at(r, s)?;
            r.seek(at)?;
            let v = r.u64()?;
            if v == 0 || v > i64::MAX as u64 {
                return Err(r.invalid_at("SpanInfo length", v, at));
            }
            Ok(v)
        })
    }

    /// Extracts every file ([`ChmFile::files`]) into the sinks `ext`
    /// gives, in one session with `options`: section 0 files copied,
    /// section 1 files cut out of the LZX stream, which is decoded once,
    /// front to back, up to the frame that holds the last byte any file
    /// needs. Returns what became of each file.
    ///
    /// Errors (strict mode), or failed files with a defect (lenient mode):
    /// a file that runs past the end of the CHM (section 0) or of the
    /// decoded stream (section 1), parameters of the MSCompressed section
    /// that cannot be used (every section 1 file fails), LZX data that
    /// does not decode (the files not complete by then fail). An error of
    /// `ext` always stops the extraction.
    pub fn extract<E: Extractor>(
        &self,
        options: &Options,
        ext: &mut E,
    ) -> Result<Decoded<Vec<FileOutcome>>> {
        let mut r = Reader::with_options(self.buffer, options);
        let v = self.extract_in(&mut r, ext)?;
        Ok(r.into_decoded(v))
    }

    /// Every file decoded and checked, nothing kept.
    pub fn test(&self, options: &Options) -> Result<Decoded<Vec<FileOutcome>>> {
        self.extract(options, &mut Count)
    }

    /// Every file in memory.
    pub fn extract_all(&self, options: &Options) -> Result<Decoded<Vec<Extracted>>> {
        let mut c = Collect::default();
        let d = self.extract(options, &mut c)?;
        let mut bytes: Vec<Option<Vec<u8>>> = vec![None; self.files().len()];
        for (n, b) in c.files {
            if let Some(slot) = bytes.get_mut(n) {
                *slot = Some(b);
            }
        }
        Ok(d.map(|outcomes| {
            outcomes
                .into_iter()
                .map(|o| {
                    let data = bytes.get_mut(o.file).and_then(Option::take);
                    (o.file, o.result.map(|_| data.unwrap_or_default()))
                })
                .collect()
        }))
    }

    fn fail<E: Extractor>(
        r: &mut Reader<'_>,
        ext: &mut E,
        n: usize,
        f: &DirEntry,
        e: Error,
        outcomes: &mut Vec<FileOutcome>,
    ) -> Result<()> {
        if let Some(sink) = ext.open(n, f)? {
            ext.close(n, f, sink, &Err(e.clone()))?;
        }
        outcomes.push(FileOutcome {
            file: n,
            result: Err(e.clone()),
        });
        r.tolerate(e, "file not extracted")
    }

    /// [`ChmFile::extract`] inside the caller's session (`r` over the CHM).
    pub fn extract_in<E: Extractor>(
        &self,
        r: &mut Reader<'a>,
        ext: &mut E,
    ) -> Result<Vec<FileOutcome>> {
        let files = self.files();
        let mut outcomes = Vec::with_capacity(files.len());
        let mut lzx: Vec<usize> = Vec::new();
        for (n, f) in files.iter().enumerate() {
            if f.length == 0 {
                if let Some(sink) = ext.open(n, f)? {
                    ext.close(n, f, sink, &Ok(0))?;
                }
                outcomes.push(FileOutcome {
                    file: n,
                    result: Ok(0),
                });
                continue;
            }
            if f.section == 1 {
                lzx.push(n);
                continue;
            }
            let res = r.frame_indexed("File", n, |r| {
                let at = self.stored_at(r, f)?;
                r.seek(at)?;
                let len = to_usize(f.length);
                let data = r.bytes(len)?;
                r.charge_output(len)?;
                Ok(data)
            });
            match res {
                Ok(data) => {
                    if let Some(mut sink) = ext.open(n, f)? {
                        sink.write(data)?;
                        ext.close(n, f, sink, &Ok(f.length))?;
                    }
                    outcomes.push(FileOutcome {
                        file: n,
                        result: Ok(f.length),
                    });
                }
                Err(e) => Self::fail(r, ext, n, f, e, &mut outcomes)?,
            }
        }
        if !lzx.is_empty() {
            self.extract_lzx(r, ext, &files, lzx, &mut outcomes)?;
        }
        outcomes.sort_by_key(|o| o.file);
        Ok(outcomes)
    }

    fn extract_lzx<E: Extractor>(
        &self,
        r: &mut Reader<'a>,
        ext: &mut E,
        files: &[&DirEntry],
        mut order: Vec<usize>,
        outcomes: &mut Vec<FileOutcome>,
    ) -> Result<()> {
        let sec = match self.lzx_section(r) {
            Ok(s) => s,
            Err(e) => {
                for n in order {
                    if let Some(f) = files.get(n) {
                        Self::fail(r, ext, n, f, e.clone(), outcomes)?;
                    }
                }
                return Ok(());
            }
        };
        // Files past the end of the stream fail; the others are cut out of
        // it, decoded up to the frame that holds the last byte they need.
        let mut keep = Vec::with_capacity(order.len());
        for n in order.drain(..) {
            let Some(f) = files.get(n) else { continue };
            if f.offset.saturating_add(f.length) > sec.length {
                let e = r.frame_indexed("File", n, |r| {
                    Ok(r.error(ErrorKind::UnexpectedEnd {
                        needed: f.offset.saturating_add(f.length),
                        available: sec.length,
                    }))
                })?;
                Self::fail(r, ext, n, f, e, outcomes)?;
            } else {
                keep.push(n);
            }
        }
        if keep.is_empty() {
            return Ok(());
        }
        keep.sort_by_key(|&n| files.get(n).map_or(0, |f| f.offset));
        let need = keep
            .iter()
            .filter_map(|&n| files.get(n))
            .map(|f| f.offset + f.length)
            .max()
            .unwrap_or(0);
        let out_len = need.div_ceil(FRAME).saturating_mul(FRAME).min(sec.length);
        let params = StreamParams {
            reset_interval: u32::try_from(sec.reset_interval / FRAME).unwrap_or(u32::MAX),
            ..StreamParams::lzx(sec.window_bits)
        };
        let mut d = Dispatch {
            ext,
            files,
            order: keep,
            next: 0,
            open: Vec::new(),
            pos: 0,
            outcomes,
            fatal: None,
        };
        let res = r.frame("MSCompressed", |r| {
            r.seek(sec.input.0)?;
            let mut w = r.sub(sec.input.1)?;
            read_stream_prefix(&mut w, to_usize(out_len), &params, &[], &mut d)
        });
        if let Some(e) = d.fatal.take() {
            return Err(e);
        }
        if let Err(e) = res {
            d.open_until(u64::MAX)?;
            for o in std::mem::take(&mut d.open) {
                d.close(o, Err(e.clone()))?;
            }
            r.tolerate(e, "the section's files from there on not extracted")?;
        }
        Ok(())
    }
}
