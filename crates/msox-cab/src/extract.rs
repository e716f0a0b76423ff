//! Extracting and testing: each folder's data decoded once, in order
//! (stored, MSZIP through `ms-mci`, LZX through `ms-patch`), and handed to
//! the files it holds as it is produced, each file to its own [`Sink`].

use ms_mci::MszipDecoder;
use ms_mci::cab::Compression;
use ms_patch::{StreamParams, read_stream};
use msox_codec::{CountingSink, Decoded, Error, ErrorKind, Options, Origin, Reader, Result, Sink};

use crate::set::{BlockRef, CabinetSet, FileEntry, SetFolder, in_cabinet};

/// [MS-CAB] 2.4: the most data one CFDATA block may stand for.
pub const MAX_BLOCK: usize = 32768;

/// Where extracted files go: [`CabinetSet::extract`] asks for a sink when
/// a file's first byte is ready (or at once for an empty file) and hands it
/// back when the file is complete or has failed. Files of one folder may
/// overlap (a cabinet may list one stretch of data twice); then several
/// are open at once.
pub trait Extractor {
    /// Where one file's bytes go.
    type Sink: Sink;

    /// A sink for `file` (the `n`th of [`CabinetSet::files`]), or `None`
    /// to skip it. An error stops the extraction.
    fn open(&mut self, n: usize, file: &FileEntry) -> Result<Option<Self::Sink>>;

    /// `file` is complete (`Ok` with its size) or failed (the error; what
    /// was written stays written). An error stops the extraction.
    fn close(
        &mut self,
        n: usize,
        file: &FileEntry,
        sink: Self::Sink,
        outcome: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        let _ = (n, file, sink, outcome);
        Ok(())
    }
}

/// What became of one file of the set.
#[derive(Debug, Clone, PartialEq)]
pub struct FileOutcome {
    /// Its index in [`CabinetSet::files`].
    pub file: usize,
    /// Its size when extracted in full, or why not.
    pub result: std::result::Result<u64, Error>,
}

/// One file of [`CabinetSet::extract_all`]: its index in
/// [`CabinetSet::files`], and its bytes or why not.
pub type Extracted = (usize, std::result::Result<Vec<u8>, Error>);

/// An [`Extractor`] that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect {
    /// (index in the set's files, bytes) of each file opened.
    pub files: Vec<(usize, Vec<u8>)>,
}

impl Extractor for Collect {
    type Sink = Vec<u8>;
    fn open(&mut self, _: usize, _: &FileEntry) -> Result<Option<Vec<u8>>> {
        Ok(Some(Vec::new()))
    }
    fn close(
        &mut self,
        n: usize,
        _: &FileEntry,
        sink: Vec<u8>,
        _: &std::result::Result<u64, Error>,
    ) -> Result<()> {
        self.files.push((n, sink));
        Ok(())
    }
}

/// The extractor [`CabinetSet::test`] uses: counts, keeps nothing.
struct Count;

impl Extractor for Count {
    type Sink = CountingSink;
    fn open(&mut self, _: usize, _: &FileEntry) -> Result<Option<CountingSink>> {
        Ok(Some(CountingSink::default()))
    }
}

/// An open file: its index, its sink, where it ends in the folder.
struct Open<S> {
    n: usize,
    sink: S,
    start: u64,
    end: u64,
}

/// The sink a folder decodes into: passes each piece of the folder's data
/// to the files it overlaps, opening them at their first byte and closing
/// them after their last.
struct Dispatch<'x, E: Extractor> {
    ext: &'x mut E,
    files: &'x [FileEntry],
    /// This folder's files (indexes), by offset.
    order: Vec<usize>,
    next: usize,
    open: Vec<Open<E::Sink>>,
    pos: u64,
    outcomes: &'x mut Vec<FileOutcome>,
    /// An error of the extractor (not of the input): stops everything.
    fatal: Option<Error>,
}

impl<E: Extractor> Dispatch<'_, E> {
    /// Opens the files that start before `end`.
    fn open_until(&mut self, end: u64) -> Result<()> {
        while let Some(&n) = self.order.get(self.next) {
            let files = self.files;
            let Some(f) = files.get(n) else { break };
            if u64::from(f.offset) >= end {
                break;
            }
            self.next += 1;
            let start = u64::from(f.offset);
            let stop = start + u64::from(f.size);
            if let Some(sink) = self.ext.open(n, f)? {
                self.open.push(Open {
                    n,
                    sink,
                    start,
                    end: stop,
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

    /// Ends the folder: every file not complete fails with `err` (the files
    /// not opened yet are opened first, so the caller sees them).
    fn fail_rest(&mut self, err: &Error) -> Result<()> {
        self.open_until(u64::MAX)?;
        for o in std::mem::take(&mut self.open) {
            self.close(o, Err(err.clone()))?;
        }
        Ok(())
    }
}

impl<E: Extractor> Sink for Dispatch<'_, E> {
    fn write(&mut self, bytes: &[u8]) -> Result<()> {
        let end = self.pos + bytes.len() as u64;
        if let Err(e) = self.open_until(end) {
            self.fatal = Some(e.clone());
            return Err(e);
        }
        let mut i = 0;
        while let Some(o) = self.open.get_mut(i) {
            let from = o.start.max(self.pos);
            let to = o.end.min(end);
            if from < to {
                let a = (from - self.pos) as usize;
                let b = (to - self.pos) as usize;
                if let Err(e) = o.sink.write(bytes.get(a..b).unwrap_or_default()) {
                    self.fatal = Some(e.clone());
                    return Err(e);
                }
            }
            if o.end <= end {
                let o = self.open.swap_remove(i);
                let size = o.end - o.start;
                if let Err(e) = self.close(o, Ok(size)) {
                    self.fatal = Some(e.clone());
                    return Err(e);
                }
            } else {
                i += 1;
            }
        }
        self.pos = end;
        Ok(())
    }
}

impl<'a> CabinetSet<'a> {
    /// Extracts every file of the set into the sinks `ext` gives, in one
    /// session with `options` (over the first cabinet; the others are read
    /// as `Cabinet[k]`). Each folder is decoded once, front to back.
    /// Returns what became of each file, in the order of
    /// [`CabinetSet::files`].
    ///
    /// Errors (strict mode), or failed files with a defect (lenient mode):
    /// a folder whose data does not decode (the files of that folder not
    /// yet complete fail with the error; other folders go on in lenient
    /// mode), Quantum or unknown compression (unsupported), a file in no
    /// folder, a file past the end of its folder's data, a folder that
    /// continues from or into a cabinet that was not given. An error of
    /// `ext` itself always stops the extraction.
    ///
    /// ```
    /// use msox_cab::{CabinetSet, Collect};
    /// use msox_codec::Options;
    /// let bytes = msox_testkit::vector("mci", "cab-mszip-two-files").bytes;
    /// let set = CabinetSet::open(&[&bytes], &Options::strict())?.value;
    /// let mut out = Collect::default();
    /// let done = set.extract(&Options::strict(), &mut out)?;
    /// assert!(done.value.iter().all(|o| o.result.is_ok()));
    /// assert_eq!(out.files[0].1, b"Hello, cabinet!\r\n");
    /// # Ok::<(), msox_codec::Error>(())
    /// ```
    pub fn extract<E: Extractor>(
        &self,
        options: &Options,
        ext: &mut E,
    ) -> Result<Decoded<Vec<FileOutcome>>> {
        let first = self.buffers.first().copied().unwrap_or_default();
        let mut r = Reader::with_options(first, options);
        let v = self.extract_in(&mut r, ext)?;
        Ok(r.into_decoded(v))
    }

    /// Decodes every folder and checks every file without keeping
    /// anything (`cabextract -t`): [`CabinetSet::extract`] into counting
    /// sinks.
    pub fn test(&self, options: &Options) -> Result<Decoded<Vec<FileOutcome>>> {
        self.extract(options, &mut Count)
    }

    /// Every file in memory: (file index, its bytes or why not).
    pub fn extract_all(&self, options: &Options) -> Result<Decoded<Vec<Extracted>>> {
        let mut c = Collect::default();
        let d = self.extract(options, &mut c)?;
        let mut bytes: Vec<Option<Vec<u8>>> = vec![None; self.files.len()];
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

    /// [`CabinetSet::extract`] inside the caller's session (`r` over the
    /// first cabinet).
    pub fn extract_in<E: Extractor>(
        &self,
        r: &mut Reader<'a>,
        ext: &mut E,
    ) -> Result<Vec<FileOutcome>> {
        let mut outcomes = Vec::with_capacity(self.files.len());
        // Files in no folder.
        for (n, f) in self.files.iter().enumerate() {
            if f.folder.is_none() {
                let e = self.file_error(
                    r,
                    f,
                    ErrorKind::InvalidValue {
                        field: "iFolder",
                        value: u64::from(f.i_folder),
                    },
                );
                self.fail_file(r, ext, n, f, e, &mut outcomes)?;
            }
        }
        for (id, sf) in self.folders.iter().enumerate() {
            let mut order: Vec<usize> = self
                .files
                .iter()
                .enumerate()
                .filter(|(_, f)| f.folder == Some(id))
                .map(|(n, _)| n)
                .collect();
            if order.is_empty() {
                continue;
            }
            order.sort_by_key(|&n| self.files.get(n).map_or(0, |f| f.offset));
            let mut d = Dispatch {
                ext: &mut *ext,
                files: &self.files,
                order,
                next: 0,
                open: Vec::new(),
                pos: 0,
                outcomes: &mut outcomes,
                fatal: None,
            };
            let (k, i) = sf.parts.first().copied().unwrap_or_default();
            let res = if sf.continued {
                let e = in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| {
                        Ok(r.unsupported("the folder continues from a cabinet that was not given"))
                    })
                })?;
                Err(e)
            } else {
                self.decode_folder(r, sf, &mut d)
            };
            if let Some(e) = d.fatal.take() {
                return Err(e);
            }
            let end_err = match res {
                Ok(total) => {
                    // Files past the end of the data (empty files end
                    // wherever they are).
                    d.open_until(u64::MAX)?;
                    let pos = d.pos;
                    let (done, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut d.open)
                        .into_iter()
                        .partition(|o| o.end <= pos || o.end == o.start);
                    d.open = rest;
                    for o in done {
                        let size = o.end - o.start;
                        d.close(o, Ok(size))?;
                    }
                    if d.open.is_empty() {
                        None
                    } else {
                        let kind = if sf.truncated {
                            ErrorKind::Unsupported(
                                "the folder continues in a cabinet that was not given".into(),
                            )
                        } else {
                            ErrorKind::UnexpectedEnd {
                                needed: d.open.iter().map(|o| o.end).max().unwrap_or(0),
                                available: total,
                            }
                        };
                        let f = d.open.first().and_then(|o| self.files.get(o.n));
                        Some(match f {
                            Some(f) => self.file_error(r, f, kind),
                            None => Error::new(kind),
                        })
                    }
                }
                Err(e) => Some(e),
            };
            if let Some(e) = end_err {
                d.fail_rest(&e)?;
                r.tolerate(e, "the folder's files from there on not extracted")?;
            }
        }
        outcomes.sort_by_key(|o| o.file);
        Ok(outcomes)
    }

    /// Where CFFILE entry `index` of cabinet `k` starts: after `coffFiles`,
    /// the entries before it (16 bytes and the name's, with its NUL).
    fn cffile_offset(&self, k: usize, index: usize) -> usize {
        let Some(cab) = self.cabinets.get(k) else {
            return 0;
        };
        let start = self.starts.get(k).copied().unwrap_or(0);
        let before: usize = cab
            .files
            .iter()
            .take(index)
            .map(|f| 16 + f.name.len() + 1)
            .sum();
        start + cab.header.coff_files as usize + before
    }

    /// An error about file `f`, located at its CFFILE entry.
    fn file_error(&self, r: &mut Reader<'a>, f: &FileEntry, kind: ErrorKind) -> Error {
        let (k, index) = (f.cabinet, f.index);
        let at = self.cffile_offset(k, index);
        let located = in_cabinet(r, &self.buffers, k, |r| {
            Ok(r.frame_indexed("CFFILE", index, |r| Ok(r.error_at(kind.clone(), at))))
        });
        match located {
            Ok(Ok(e)) | Ok(Err(e)) | Err(e) => e,
        }
    }

    fn fail_file<E: Extractor>(
        &self,
        r: &mut Reader<'a>,
        ext: &mut E,
        n: usize,
        f: &FileEntry,
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

    /// The bytes of a block's parts, joined when it is split over
    /// cabinets.
    fn joined(&self, b: &BlockRef) -> Vec<u8> {
        let mut v = Vec::new();
        for &(k, off, len) in &b.parts {
            let buf = self.buffers.get(k).copied().unwrap_or_default();
            v.extend_from_slice(buf.get(off..off + len).unwrap_or_default());
        }
        v
    }

    /// Runs `f` over block `b`'s data: a window of its cabinet (offsets in
    /// it), or for a split block the joined parts.
    fn with_block<T>(
        &self,
        r: &mut Reader<'a>,
        b: &BlockRef,
        f: impl FnOnce(&mut Reader<'_>) -> Result<T>,
    ) -> Result<T> {
        let (k, i, j) = b.at;
        match b.parts.as_slice() {
            [(pk, off, len)] if *pk == k => in_cabinet(r, &self.buffers, k, |r| {
                r.frame_indexed("CFFOLDER", i, |r| {
                    r.frame_indexed("CFDATA", j, |r| {
                        r.seek(*off)?;
                        let mut w = r.sub(*len)?;
                        f(&mut w)
                    })
                })
            }),
            _ => {
                let data = self.joined(b);
                in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| {
                        r.frame_indexed("CFDATA", j, |r| {
                            r.nested(
                                &data,
                                Origin::Derived("CFDATA block split over cabinets"),
                                f,
                            )
                        })
                    })
                })
            }
        }
    }

    /// Decodes folder `sf` into `out`; returns its size.
    fn decode_folder<E: Extractor>(
        &self,
        r: &mut Reader<'a>,
        sf: &SetFolder,
        out: &mut Dispatch<'_, E>,
    ) -> Result<u64> {
        let blocks = match sf.blocks.split_last() {
            Some((_, head)) if sf.truncated => head,
            _ => sf.blocks.as_slice(),
        };
        for b in blocks {
            let size = usize::from(b.uncompressed);
            if size > MAX_BLOCK {
                return self.with_block(r, b, |w| {
                    Err(w.error(ErrorKind::LimitExceeded {
                        what: "cbUncomp",
                        value: size as u64,
                        max: MAX_BLOCK as u64,
                    }))
                });
            }
        }
        match sf.compression {
            Compression::None => {
                let mut total = 0u64;
                for b in blocks {
                    let size = usize::from(b.uncompressed);
                    self.with_block(r, b, |w| {
                        if w.remaining() != size {
                            return Err(w.error(ErrorKind::InvalidValue {
                                field: "cbData of a stored block",
                                value: w.remaining() as u64,
                            }));
                        }
                        w.charge_output(size)?;
                        out.write(w.take_rest())
                    })?;
                    total += size as u64;
                }
                Ok(total)
            }
            Compression::Mszip => {
                let mut dec = MszipDecoder::new();
                let mut total = 0u64;
                for b in blocks {
                    let size = usize::from(b.uncompressed);
                    self.with_block(r, b, |w| dec.read_block(w, size, out))?;
                    total += size as u64;
                }
                Ok(total)
            }
            Compression::Lzx(bits) => {
                let (k, i) = sf.parts.first().copied().unwrap_or_default();
                in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| self.decode_lzx(r, k, blocks, bits, out))
                })
            }
            other => {
                let (k, i) = sf.parts.first().copied().unwrap_or_default();
                in_cabinet(r, &self.buffers, k, |r| {
                    r.frame_indexed("CFFOLDER", i, |r| {
                        Err(match other {
                            Compression::Quantum(_) => r.unsupported("Quantum compression"),
                            Compression::Unknown(v) => r.invalid("typeCompress", u64::from(v)),
                            _ => r.unsupported("folder compression"),
                        })
                    })
                })
            }
        }
    }

    /// An LZX folder: its blocks' data is one LZX stream ([MS-PATCH] LZX
    /// as cabinets use it: no chunk sizes), of the blocks' total size.
    fn decode_lzx<E: Extractor>(
        &self,
        r: &mut Reader<'_>,
        cab: usize,
        blocks: &[BlockRef],
        bits: u8,
        out: &mut Dispatch<'_, E>,
    ) -> Result<u64> {
        let total: usize = blocks.iter().map(|b| usize::from(b.uncompressed)).sum();
        let mut data = Vec::new();
        // (position in `data`, offset in the first cabinet) of each piece.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut one_cabinet = true;
        for b in blocks {
            for &(k, off, len) in &b.parts {
                one_cabinet &= k == cab;
                pieces.push((data.len(), off));
                let buf = self.buffers.get(k).copied().unwrap_or_default();
                data.extend_from_slice(buf.get(off..off + len).unwrap_or_default());
            }
        }
        let params = StreamParams::lzx(bits);
        let len = data.len();
        let map = |pos: usize| -> Option<usize> {
            if pos > len {
                return None;
            }
            let i = pieces.partition_point(|&(p, _)| p <= pos);
            let (p, off) = *pieces.get(i.checked_sub(1)?)?;
            Some(off + (pos - p))
        };
        let origin = if one_cabinet && !pieces.is_empty() {
            Origin::Mapped(&map)
        } else {
            Origin::Derived("LZX folder data")
        };
        r.nested(&data, origin, |r| read_stream(r, total, &params, &[], out))?;
        Ok(total as u64)
    }
}
