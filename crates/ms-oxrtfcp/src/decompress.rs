//! [MS-OXRTFCP] 3.1.3.1 Decompression: a whole stream in one call
//! ([`decompress`] into a `Vec`, [`decompress_to`] into any [`Sink`],
//! [`read_compressed`] inside a caller's decoding session) or fed in pieces
//! ([`Decompressor`]).
//!
//! Output is charged to the session's output budget
//! ([`Limits::output_cap`](msox_codec::Limits::output_cap) of the input:
//! at most `max_ratio` bytes per input byte, `ratio_floor` at least,
//! `max_output` at most); past it decoding stops with
//! [`ErrorKind::LimitExceeded`]. The decoder keeps its 4096-byte
//! dictionary unrolled in front of the output it has not yet handed to the
//! sink (references are plain copies, 16 bytes at a time where they do not
//! overlap) and hands the output over in pieces of up to 64 KiB, so memory
//! stays flat whatever the output size.
//!
//! # Real-world defects
//!
//! Writers get the header wrong in a few recurring ways. In
//! [`Mode::Lenient`](msox_codec::Mode::Lenient) the decoder decodes what
//! is there and records a [`Defect`](msox_codec::Defect) for each, at the
//! header field it concerns; in [`Mode::Strict`](msox_codec::Mode::Strict)
//! the first one is the error. Offsets count from the start of the stream
//! (COMPSIZE at 0, RAWSIZE at 4, COMPTYPE at 8, CRC at 12):
//!
//! | defect | kind, offset, path | what lenient decoding does |
//! |---|---|---|
//! | `MELA` COMPSIZE leaves out the 12 header bytes (COMPSIZE = RAWSIZE) | invalid COMPSIZE, 0, `RTFCOMPRESSED > HEADER` | takes RAWSIZE bytes of CONTENTS |
//! | `MELA` RAWSIZE counts the 12 header bytes (RAWSIZE = COMPSIZE) | invalid RAWSIZE, 4, `.. > HEADER` | takes the CONTENTS there is (COMPSIZE - 12 bytes) |
//! | other `MELA` COMPSIZE than RAWSIZE + 12 | invalid COMPSIZE, 0, `.. > HEADER` | takes RAWSIZE bytes |
//! | `MELA` CRC not 0 | invalid CRC, 12, `.. > HEADER` | ignores it |
//! | `LZFu` COMPSIZE below 12, or before the end-of-data reference | invalid COMPSIZE, 0, `.. > HEADER` | decodes to the end-of-data reference |
//! | CRC mismatch | checksum mismatch, 12, `.. > HEADER` | keeps the output |
//! | RAWSIZE disagrees with the output | invalid RAWSIZE, 4, `.. > HEADER` | keeps the whole output |
//! | input ends before COMPSIZE (`LZFu`) or RAWSIZE (`MELA`) | unexpected end, end of input, `.. > CONTENTS` | keeps the output so far |
//! | no end-of-data reference | malformed, end of input, `.. > CONTENTS` | keeps the output so far |
//! | bytes inside COMPSIZE after the end-of-data reference | trailing bytes, after the reference, `.. > CONTENTS` | ignores them |
//! | bytes after the stream | trailing bytes, end of the stream, `RTFCOMPRESSED` | ignores them |
//!
//! An unknown COMPTYPE (invalid COMPTYPE at 8), a header shorter than 16
//! bytes and output over the budget are errors in both modes. Nothing here
//! panics or allocates per byte.

use std::borrow::Cow;
use std::fmt;

use msox_codec::{
    Decode, Decoded, Error, ErrorKind, Frame, Options, Reader, Result, Session, Sink,
    decode_bytes_with_reader,
};

use crate::crc;
use crate::dictionary::{DICTIONARY_SIZE, INITIAL_DICTIONARY, INITIAL_WRITE_OFFSET, MAX_MATCH};
use crate::header::{CompType, Header};

/// Ring-buffer index mask.
const MASK: usize = DICTIONARY_SIZE - 1;

/// The most output one byte of `LZFu` CONTENTS can produce: a control byte
/// and 8 references (17 bytes) give at most 8 × 17 bytes.
const MAX_EXPANSION: usize = 8;

/// The history the decoder's buffer keeps in front of the output: the
/// dictionary, unrolled.
const HIST: usize = DICTIONARY_SIZE;

/// Room the buffer must have after the write position before a control
/// byte is decoded: its 8 tokens (at most 8 × 17 bytes), plus the 16
/// bytes a reference may write past its end (it copies 16 bytes at a
/// time).
const RUN_ROOM: usize = 8 * MAX_MATCH + 16;

/// The most output the buffer holds before it is handed to the sink.
const MAX_CHUNK: usize = 1 << 16;

/// The structure names on the path of errors and defects.
const STREAM: &str = "RTFCOMPRESSED";
const HEADER: &str = "HEADER";
const CONTENTS: &str = "CONTENTS";

/// What a whole-stream decompression returns (with the defects, in
/// [`Decoded`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Decompressed {
    /// The header as read.
    pub header: Header,
    /// The uncompressed RTF.
    pub data: Vec<u8>,
}

/// Decompresses a whole stream (the reader's window, all of it: bytes after
/// the stream are a defect). The output vector is sized from RAWSIZE, but
/// never beyond what the input can expand to or the budget allows.
impl<'a> Decode<'a> for Decompressed {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let rest = r.rest();
        let raw = rest
            .get(4..8)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes);
        let contents = rest.len().saturating_sub(Header::SIZE);
        let bound = if rest.get(8..12) == Some(&b"LZFu"[..]) {
            contents.saturating_mul(MAX_EXPANSION)
        } else {
            contents
        };
        let cap = usize::try_from(raw)
            .unwrap_or(usize::MAX)
            .min(bound)
            .min(r.session().output_left());
        let mut data = Vec::with_capacity(cap);
        let header = read_compressed(r, &mut data)?;
        Ok(Decompressed { header, data })
    }
}

/// What [`Decompressor::finish`] reports about a streamed decompression
/// (with the defects, in [`Decoded`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// The header as read.
    pub header: Header,
    /// Bytes of output produced in total.
    pub output_len: u64,
    /// Bytes of input consumed in total (header included).
    pub input_len: u64,
    /// The CRC computed over the declared CONTENTS as read (0 for `MELA`).
    pub computed_crc: u32,
}

/// Decompresses a whole stream into a vector: the one entry shape, bytes
/// and [`Options`] in, value and defects out.
///
/// ```
/// use msox_codec::Options;
/// let stream = msox_codec::hex::decode(
///     "2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c0900206277\
///      05b06c647d0a800fa0",
/// ).unwrap();
/// let out = ms_oxrtfcp::decompress(&stream, &Options::default())?;
/// assert_eq!(out.value.data, b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
/// assert!(out.defects.is_empty());
///
/// // A damaged CRC: lenient decoding keeps the output and says where;
/// // strict decoding refuses with the same offset and path.
/// let mut bad = stream.clone();
/// bad[12] ^= 1;
/// let out = ms_oxrtfcp::decompress(&bad, &Options::lenient())?;
/// assert_eq!(out.defects[0].offset(), Some(12));
/// let e = ms_oxrtfcp::decompress(&bad, &Options::strict()).unwrap_err();
/// assert_eq!(e.to_string(),
///     "checksum mismatch: stored 0xA7C7C5F0, computed 0xA7C7C5F1 at byte 12 in RTFCOMPRESSED > HEADER");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(input: &[u8], options: &Options) -> Result<Decoded<Decompressed>> {
    Decompressed::decode_bytes(input, options)
}

/// Decompresses a whole stream into `out` (a file, a socket, a counter):
/// the header and the defects. What was written before an error stays
/// written.
///
/// ```
/// use msox_codec::{CountingSink, Options};
/// let stream = ms_oxrtfcp::compress(&b"{\\rtf1 x}".repeat(1000))?;
/// let mut n = CountingSink::default();
/// let read = ms_oxrtfcp::decompress_to(&stream, &Options::default(), &mut n)?;
/// assert_eq!(n.count, 9000);
/// assert_eq!(read.value.raw_size, 9000);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress_to<S: Sink + ?Sized>(
    input: &[u8],
    options: &Options,
    out: &mut S,
) -> Result<Decoded<Header>> {
    decode_bytes_with_reader(input, options, |r| read_compressed(r, out))
}

/// Decompresses the stream that fills the rest of `r`'s window into `out`,
/// inside the caller's decoding session (its mode, output budget, path and
/// defects; offsets are the reader's): for a `PidTagRtfCompressed` value
/// met while decoding a message. Consumes the whole window.
pub fn read_compressed<S: Sink + ?Sized>(r: &mut Reader<'_>, out: &mut S) -> Result<Header> {
    r.frame(STREAM, |r| {
        let base = r.pos();
        let header = Header::decode(r)?;
        let mut core = match Core::new(header) {
            Ok(c) => c,
            Err(p) => return Err(raise(r, base, p)),
        };
        let input = r.take_rest();
        let res = {
            let session = r.session_mut();
            core.feed(input, &mut |n| session.charge_output(n), out)
        };
        if let Err(f) = res {
            return Err(fail(r, base, f));
        }
        report(r, base, core.problems())?;
        Ok(header)
    })
}

/// A decompressor that takes its input in pieces.
///
/// Feed it slices as they arrive ([`Decompressor::feed`]); each call hands
/// what it decompressed to the sink, then [`Decompressor::finish`] makes
/// the checks that need the whole stream and returns the defects (strict
/// mode: the first is the error). The output budget is
/// [`Limits::output_cap`](msox_codec::Limits::output_cap) of the input
/// fed so far.
///
/// ```
/// use ms_oxrtfcp::Decompressor;
/// use msox_codec::Options;
/// let stream = ms_oxrtfcp::compress(b"{\\rtf1 streamed in pieces}")?;
/// let mut d = Decompressor::new(&Options::default());
/// let mut out = Vec::new();
/// for piece in stream.chunks(3) {
///     d.feed(piece, &mut out)?;
/// }
/// let report = d.finish()?;
/// assert_eq!(out, b"{\\rtf1 streamed in pieces}");
/// assert!(report.defects.is_empty());
/// assert_eq!(report.value.output_len, 26);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone)]
pub struct Decompressor {
    session: Session,
    header_buf: [u8; Header::SIZE],
    have: usize,
    core: Option<Core>,
    /// Input bytes fed so far.
    fed: u64,
    /// Output bytes charged so far.
    charged: usize,
}

impl fmt::Debug for Decompressor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decompressor")
            .field("options", self.session.options())
            .field("header", &self.header())
            .field("fed", &self.fed)
            .field("produced", &self.output_len())
            .field("done", &self.is_done())
            .finish_non_exhaustive()
    }
}

impl Decompressor {
    /// A decoder at the start of a stream, with `options` (mode and limits).
    pub fn new(options: &Options) -> Self {
        Self {
            session: Session::new(*options, 0),
            header_buf: [0; Header::SIZE],
            have: 0,
            core: None,
            fed: 0,
            charged: 0,
        }
    }

    /// The header, once 16 bytes have been fed.
    pub fn header(&self) -> Option<&Header> {
        self.core.as_ref().map(|c| &c.header)
    }

    /// Whether the data is complete: the `LZFu` end marker was read, or
    /// RAWSIZE bytes of `MELA` data were copied. Later input is trailing.
    pub fn is_done(&self) -> bool {
        self.core.as_ref().is_some_and(Core::is_done)
    }

    /// Output bytes produced so far.
    pub fn output_len(&self) -> u64 {
        self.core.as_ref().map_or(0, |c| c.produced)
    }

    /// Feeds the next piece of the stream and hands what it decompresses to
    /// `out`. Every byte of `input` is consumed (bytes after the end of the
    /// data are counted as trailing).
    ///
    /// Errors: an unknown COMPTYPE ([`ErrorKind::InvalidValue`] at byte 8),
    /// output beyond the budget ([`ErrorKind::LimitExceeded`]) and errors of
    /// the sink. After an error the decoder must not be fed again.
    pub fn feed<S: Sink + ?Sized>(&mut self, mut input: &[u8], out: &mut S) -> Result<()> {
        self.fed = self.fed.saturating_add(input.len() as u64);
        if self.core.is_none() {
            let take = input.len().min(Header::SIZE - self.have);
            let (head, rest) = input.split_at(take);
            if let Some(dst) = self.header_buf.get_mut(self.have..self.have + take) {
                dst.copy_from_slice(head);
            }
            self.have += take;
            input = rest;
            if self.have < Header::SIZE {
                return Ok(());
            }
            let buf = self.header_buf;
            let core = self.with_reader(&buf, |r| {
                let header = Header::decode(r)?;
                Core::new(header).map_err(|p| raise(r, 0, p))
            })?;
            self.core = Some(core);
        }
        let Some(core) = self.core.as_mut() else {
            return Ok(());
        };
        let cap = self
            .session
            .limits()
            .output_cap(usize::try_from(self.fed).unwrap_or(usize::MAX));
        let mut charged = self.charged;
        let res = core.feed(
            input,
            &mut |n| match charged.checked_add(n) {
                Some(v) if v <= cap => {
                    charged = v;
                    Ok(())
                }
                _ => Err(ErrorKind::LimitExceeded {
                    what: "output size",
                    value: charged.saturating_add(n) as u64,
                    max: cap as u64,
                }),
            },
            out,
        );
        self.charged = charged;
        match res {
            Ok(()) => Ok(()),
            Err(f) => self.with_reader(&[], |r| Err(fail(r, 0, f))),
        }
    }

    /// Ends the stream: makes the checks that need all of it and returns
    /// the report with the defects (strict mode: the first defect is the
    /// error).
    ///
    /// Errors: a stream shorter than its 16-byte header
    /// ([`ErrorKind::UnexpectedEnd`]), and every defect in strict mode.
    pub fn finish(mut self) -> Result<Decoded<Report>> {
        let Some(core) = self.core.take() else {
            let buf = self.header_buf;
            let have = self.have;
            let short = buf.get(..have).unwrap_or_default();
            return self.with_reader(short, |r| {
                Header::decode(r)?;
                Err(r.error(ErrorKind::UnexpectedEnd {
                    needed: Header::SIZE as u64,
                    available: have as u64,
                }))
            });
        };
        self.with_reader(&[], |r| report(r, 0, core.problems()))?;
        Ok(Decoded {
            value: Report {
                header: core.header,
                output_len: core.produced,
                input_len: core.pos,
                computed_crc: core.crc,
            },
            defects: self.session.take_defects(),
        })
    }

    /// Runs `f` in the `RTFCOMPRESSED` frame of a reader over `buf` (whose
    /// positions are stream offsets) that continues this decoder's session.
    fn with_reader<T>(
        &mut self,
        buf: &[u8],
        f: impl FnOnce(&mut Reader<'_>) -> Result<T>,
    ) -> Result<T> {
        let mut r = Reader::with_session(buf, std::mem::take(&mut self.session));
        let res = r.frame(STREAM, f);
        self.session = r.into_session();
        res
    }
}

/// Something wrong with the stream: what, at which stream offset, in which
/// part of it, and what lenient decoding does about it.
#[derive(Debug)]
struct Problem {
    kind: ErrorKind,
    /// Offset from the start of the stream.
    at: u64,
    /// `HEADER`, `CONTENTS`, or "" for the stream as a whole.
    frame: &'static str,
    action: Cow<'static, str>,
}

impl Problem {
    fn new(
        kind: ErrorKind,
        at: u64,
        frame: &'static str,
        action: impl Into<Cow<'static, str>>,
    ) -> Self {
        Problem {
            kind,
            at,
            frame,
            action: action.into(),
        }
    }

    fn invalid(
        field: &'static str,
        value: u32,
        at: u64,
        action: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self::new(
            ErrorKind::InvalidValue {
                field,
                value: u64::from(value),
            },
            at,
            HEADER,
            action,
        )
    }
}

/// Why decoding stopped.
enum Fail {
    /// A problem of the stream or the budget.
    At(Problem),
    /// The sink refused the output (at this stream offset).
    Sink(Error, u64),
}

fn pos_of(base: usize, at: u64) -> usize {
    base.saturating_add(usize::try_from(at).unwrap_or(usize::MAX))
}

/// The error for `p`, with `r`'s path (plus `p`'s frame); `base` is the
/// reader position of the stream's first byte.
fn raise(r: &mut Reader<'_>, base: usize, p: Problem) -> Error {
    in_frame(r, p.frame, |r| r.error_at(p.kind, pos_of(base, p.at)))
}

fn fail(r: &mut Reader<'_>, base: usize, f: Fail) -> Error {
    match f {
        Fail::At(p) => raise(r, base, p),
        Fail::Sink(e, at) => in_frame(r, CONTENTS, |r| r.locate(e, pos_of(base, at))),
    }
}

/// Runs `f` with `frame` pushed ("" = none).
fn in_frame<T>(r: &mut Reader<'_>, frame: &'static str, f: impl FnOnce(&mut Reader<'_>) -> T) -> T {
    if frame.is_empty() {
        return f(r);
    }
    r.push_frame(Frame::new(frame));
    let v = f(r);
    r.pop_frame();
    v
}

/// Records each problem as a defect (strict mode: the first is the error).
fn report(r: &mut Reader<'_>, base: usize, problems: Vec<Problem>) -> Result<()> {
    for p in problems {
        let pos = pos_of(base, p.at);
        in_frame(r, p.frame, |r| r.defect_at(p.kind, pos, p.action))?;
    }
    Ok(())
}

/// The decoder proper, after the header: the dictionary, the token state,
/// the counters for the final checks.
///
/// The dictionary is kept unrolled: `buf` holds the last 4096 bytes of
/// the dictionary's history (the initial dictionary, then the output) in
/// the order they were written, then the output not yet handed to the
/// sink, so a reference is an ordinary copy from `d` bytes back (`d` =
/// its offset's distance behind the write position, 1 to 4095) and the
/// output reaches the sink in large pieces. Ring position of buffer
/// index `x`: `(x + INITIAL_WRITE_OFFSET) mod 4096` (the buffer slides by
/// multiples of 4096).
#[derive(Clone)]
struct Core {
    header: Header,
    compressed: bool,
    /// History, then output (empty for `MELA`).
    buf: Vec<u8>,
    /// The write position in `buf` (at least [`HIST`]).
    write: usize,
    /// The first byte of `buf` not yet handed to the sink.
    flushed: usize,
    /// The current control byte.
    control: u8,
    /// The next bit of `control` to use; 8 = a new control byte is due.
    bit: u8,
    /// The first byte of a dictionary reference split across two feeds.
    pending: Option<u8>,
    /// Whether the end-of-data reference was read.
    ended: bool,
    /// Stream bytes consumed so far (header included).
    pos: u64,
    /// Stream position just after the end-of-data reference.
    end_pos: u64,
    /// Output bytes handed to the sink so far.
    produced: u64,
    /// CRC over the declared CONTENTS seen so far.
    crc: u32,
}

impl Core {
    fn new(header: Header) -> std::result::Result<Self, Problem> {
        let compressed = match header.comp_type {
            CompType::Compressed => true,
            CompType::Uncompressed => false,
            other => {
                return Err(Problem::invalid(
                    "COMPTYPE",
                    other.value(),
                    8,
                    "cannot decode",
                ));
            }
        };
        let mut buf = Vec::new();
        if compressed {
            // Sized for the output the declared CONTENTS can give, within
            // 4 KiB..64 KiB of output per piece.
            let chunk = (header.comp_size as usize)
                .saturating_mul(MAX_EXPANSION)
                .clamp(DICTIONARY_SIZE, MAX_CHUNK);
            buf = vec![0u8; HIST + chunk + RUN_ROOM];
            // The initial dictionary (ring 0..207) is the newest history;
            // ring 207..4096 (zeros) the oldest.
            let at = HIST - INITIAL_DICTIONARY.len();
            if let Some(dst) = buf.get_mut(at..HIST) {
                dst.copy_from_slice(INITIAL_DICTIONARY);
            }
        }
        Ok(Core {
            header,
            compressed,
            buf,
            write: HIST,
            flushed: HIST,
            control: 0,
            bit: 8,
            pending: None,
            ended: false,
            pos: Header::SIZE as u64,
            end_pos: 0,
            produced: 0,
            crc: 0,
        })
    }

    fn is_done(&self) -> bool {
        if self.compressed {
            self.ended
        } else {
            self.produced >= u64::from(self.header.raw_size)
        }
    }

    /// Decodes the next piece of the stream (after the header), charging
    /// and handing its output to `out`.
    fn feed<S: Sink + ?Sized>(
        &mut self,
        input: &[u8],
        charge: &mut impl FnMut(usize) -> std::result::Result<(), ErrorKind>,
        out: &mut S,
    ) -> std::result::Result<(), Fail> {
        let h = self.header;
        if self.compressed {
            // CRC over the part of this piece inside the declared CONTENTS.
            let contents_end = u64::from(h.comp_size).saturating_add(4);
            let in_contents = contents_end
                .saturating_sub(self.pos)
                .min(input.len() as u64);
            if let Some(c) = input.get(..in_contents as usize) {
                self.crc = crc::update(self.crc, c);
            }
            if !self.ended {
                let used = self.run(input, charge, out)?;
                if self.ended {
                    self.end_pos = self.pos + used as u64;
                }
            }
        } else {
            let want = u64::from(h.raw_size).saturating_sub(self.produced);
            let n = want.min(input.len() as u64) as usize;
            let chunk = input.get(..n).unwrap_or_default();
            if n > 0 {
                charge(n).map_err(|k| Fail::At(Problem::new(k, self.pos, CONTENTS, "")))?;
                out.write(chunk).map_err(|e| Fail::Sink(e, self.pos))?;
                self.produced += n as u64;
            }
        }
        self.pos += input.len() as u64;
        Ok(())
    }

    /// Decodes `LZFu` tokens from `input` until it runs out or the end
    /// marker is read, handing the output to `out`; returns the bytes used.
    ///
    /// The hot loop of the crate: one pass over the input, tokens written
    /// into the buffer after the history, which goes to the sink in pieces
    /// of up to 64 KiB.
    fn run<S: Sink + ?Sized>(
        &mut self,
        input: &[u8],
        charge: &mut impl FnMut(usize) -> std::result::Result<(), ErrorKind>,
        out: &mut S,
    ) -> std::result::Result<usize, Fail> {
        let n = input.len();
        let mut i = 0usize;
        let mut w = self.write;
        let mut control = self.control;
        let mut bit = self.bit;
        let mut ended = false;

        // A reference whose first byte came with the previous piece.
        if let Some(first) = self.pending {
            let Some(&second) = input.first() else {
                return Ok(0);
            };
            self.pending = None;
            i = 1;
            ended = reference(&mut self.buf, &mut w, u16::from_be_bytes([first, second]));
            bit += 1;
        }

        if !ended {
            'tokens: loop {
                if bit >= 8 {
                    if w + RUN_ROOM > self.buf.len() {
                        self.write = w;
                        self.flush(charge, out, self.pos + i as u64)?;
                        self.slide();
                        w = self.write;
                    }
                    let Some(&c) = input.get(i) else {
                        break;
                    };
                    control = c;
                    i += 1;
                    bit = 0;
                    // Fast path: the whole run (8 tokens, at most 16
                    // bytes) is in the input.
                    if let Some(run) = input.get(i..i + 16) {
                        let mut j = 0usize;
                        while bit < 8 {
                            if control & (1 << bit) == 0 {
                                literal(&mut self.buf, &mut w, run, j);
                                j += 1;
                            } else {
                                let v = u16::from_be_bytes([at16(run, j), at16(run, j + 1)]);
                                j += 2;
                                if reference(&mut self.buf, &mut w, v) {
                                    i += j;
                                    ended = true;
                                    break 'tokens;
                                }
                            }
                            bit += 1;
                        }
                        i += j;
                        continue;
                    }
                }
                if control & (1 << bit) == 0 {
                    let Some(&b) = input.get(i) else {
                        break;
                    };
                    literal(&mut self.buf, &mut w, &[b], 0);
                    i += 1;
                } else {
                    let (Some(&hi), Some(&lo)) = (input.get(i), input.get(i + 1)) else {
                        if let Some(&hi) = input.get(i) {
                            self.pending = Some(hi);
                            i += 1;
                        }
                        break;
                    };
                    i += 2;
                    if reference(&mut self.buf, &mut w, u16::from_be_bytes([hi, lo])) {
                        ended = true;
                        break;
                    }
                }
                bit += 1;
            }
        }
        self.write = w;
        self.control = control;
        self.bit = bit;
        self.ended = ended;
        self.flush(charge, out, self.pos + i as u64)?;
        Ok(i.min(n))
    }

    /// Charges and hands the output from `flushed` to the write position
    /// to `out`.
    fn flush<S: Sink + ?Sized>(
        &mut self,
        charge: &mut impl FnMut(usize) -> std::result::Result<(), ErrorKind>,
        out: &mut S,
        at: u64,
    ) -> std::result::Result<(), Fail> {
        let n = self.write.saturating_sub(self.flushed);
        if n == 0 {
            return Ok(());
        }
        charge(n).map_err(|k| Fail::At(Problem::new(k, at, CONTENTS, "")))?;
        let data = self.buf.get(self.flushed..self.write).unwrap_or_default();
        out.write(data).map_err(|e| Fail::Sink(e, at))?;
        self.flushed = self.write;
        self.produced += n as u64;
        Ok(())
    }

    /// Once flushed: moves the history to the front of the buffer, by a
    /// multiple of 4096 (so ring positions stay as they are).
    fn slide(&mut self) {
        let by = (self.write - HIST) & !MASK;
        if by > 0 {
            self.buf.copy_within(by..self.write, 0);
            self.write -= by;
            self.flushed = self.write;
        }
    }

    /// The problems of the stream, once it has all been fed, in the order
    /// strict mode reports the first.
    fn problems(&self) -> Vec<Problem> {
        let h = self.header;
        let total = self.pos;
        let mut v = Vec::new();
        let kept = "the output so far is kept";
        if self.compressed {
            let declared_end = u64::from(h.comp_size) + 4;
            if h.comp_size < 12 {
                let data_end = if self.ended { self.end_pos } else { total };
                v.push(Problem::invalid(
                    "COMPSIZE",
                    h.comp_size,
                    0,
                    format!(
                        "ignored: decoded to the end-of-data reference (COMPSIZE {})",
                        data_end - 4
                    ),
                ));
            }
            if total < declared_end {
                v.push(Problem::new(
                    ErrorKind::UnexpectedEnd {
                        needed: declared_end - total,
                        available: 0,
                    },
                    total,
                    CONTENTS,
                    kept,
                ));
            }
            if !self.ended {
                v.push(Problem::new(
                    ErrorKind::Malformed("no end-of-data reference".into()),
                    total,
                    CONTENTS,
                    kept,
                ));
            } else if self.end_pos > declared_end && h.comp_size >= 12 {
                v.push(Problem::invalid(
                    "COMPSIZE",
                    h.comp_size,
                    0,
                    format!(
                        "ignored: decoded to the end-of-data reference (COMPSIZE {})",
                        self.end_pos - 4
                    ),
                ));
            } else if self.end_pos < declared_end && total > self.end_pos {
                v.push(Problem::new(
                    ErrorKind::TrailingBytes {
                        count: declared_end.min(total) - self.end_pos,
                    },
                    self.end_pos,
                    CONTENTS,
                    "bytes after the end-of-data reference ignored",
                ));
            }
            if h.crc != self.crc {
                v.push(Problem::new(
                    ErrorKind::ChecksumMismatch {
                        stored: u64::from(h.crc),
                        computed: u64::from(self.crc),
                    },
                    12,
                    HEADER,
                    "the output is kept",
                ));
            }
            let stream_end = declared_end.max(if self.ended { self.end_pos } else { 0 });
            if total > stream_end {
                v.push(Problem::new(
                    ErrorKind::TrailingBytes {
                        count: total - stream_end,
                    },
                    stream_end,
                    "",
                    "bytes after the stream ignored",
                ));
            }
            if self.produced != u64::from(h.raw_size) {
                v.push(Problem::invalid(
                    "RAWSIZE",
                    h.raw_size,
                    4,
                    format!("the whole output ({} bytes) is kept", self.produced),
                ));
            }
        } else {
            let raw = u64::from(h.raw_size);
            let comp = u64::from(h.comp_size);
            // COMPSIZE == RAWSIZE has two readings, told apart by the length
            // of the stream: the data is RAWSIZE bytes long (COMPSIZE left
            // the 12 header bytes out), or COMPSIZE - 12 bytes long and the
            // stream ends there (RAWSIZE counted them).
            let raw_counts_header =
                comp == raw && raw >= 12 && self.produced == raw - 12 && total == comp + 4;
            if raw_counts_header {
                v.push(Problem::invalid(
                    "RAWSIZE",
                    h.raw_size,
                    4,
                    "MELA RAWSIZE equals COMPSIZE (it counts the 12 header bytes); the COMPSIZE - 12 bytes of CONTENTS are kept",
                ));
            } else if comp == raw && self.produced == raw {
                v.push(Problem::invalid(
                    "COMPSIZE",
                    h.comp_size,
                    0,
                    "MELA COMPSIZE equals RAWSIZE (the 12 header bytes are left out); RAWSIZE bytes of CONTENTS read",
                ));
            } else if comp != raw + 12 {
                v.push(Problem::invalid(
                    "COMPSIZE",
                    h.comp_size,
                    0,
                    "ignored: MELA CONTENTS is RAWSIZE bytes",
                ));
            }
            if h.crc != 0 {
                v.push(Problem::invalid(
                    "CRC",
                    h.crc,
                    12,
                    "ignored (a MELA CRC is 0)",
                ));
            }
            if self.produced < raw && !raw_counts_header {
                v.push(Problem::new(
                    ErrorKind::UnexpectedEnd {
                        needed: raw - self.produced,
                        available: 0,
                    },
                    total,
                    CONTENTS,
                    kept,
                ));
            }
            let stream_end = Header::SIZE as u64 + raw;
            if total > stream_end {
                v.push(Problem::new(
                    ErrorKind::TrailingBytes {
                        count: total - stream_end,
                    },
                    stream_end,
                    "",
                    "bytes after the stream ignored",
                ));
            }
        }
        v
    }
}

/// The byte at `run[j]` (`j` < 16 by construction: a run takes at most
/// 16 bytes of input).
#[inline(always)]
#[allow(clippy::indexing_slicing)] // masked to 0..16; `run` has 16 bytes
fn at16(run: &[u8], j: usize) -> u8 {
    run[j & 15]
}

/// Writes the literal `src[j]` (`j` < 16) at the write position.
#[inline(always)]
#[allow(clippy::indexing_slicing)]
// `*w + RUN_ROOM <= buf.len()` was checked before this run's control
// byte, and the run has written less than 8 × 17 bytes since: `*w <
// buf.len()`.
fn literal(buf: &mut [u8], w: &mut usize, src: &[u8], j: usize) {
    buf[*w] = src[j & 15];
    *w += 1;
}

/// [MS-OXRTFCP] 2.1.3.1.3: a dictionary reference `v` at the write
/// position `*w`: the end-of-data reference (true), or a run of 2 to 17
/// bytes copied from its offset, byte after byte as the ring would (a run
/// may read the bytes it writes).
#[inline(always)]
#[allow(clippy::indexing_slicing)]
// Bounds: `*w >= HIST` (4096) and the distance `d` is 1..=4095, so the
// source `*w - d` is in the buffer; the writes end before `*w + len + 16
// <= *w + RUN_ROOM <= buf.len()` (checked before this run's control byte,
// and the run has written less than 8 × 17 bytes since).
fn reference(buf: &mut [u8], w: &mut usize, v: u16) -> bool {
    let off = usize::from(v >> 4);
    let len = usize::from(v & 0xF) + 2;
    let dst = *w;
    let ring_w = (dst + usize::from(INITIAL_WRITE_OFFSET)) & MASK;
    if off == ring_w {
        return true;
    }
    let d = ring_w.wrapping_sub(off) & MASK;
    let src = dst - d;
    if d >= 16 {
        // The 16 bytes read were all written before: one block, then the
        // 17th byte of the longest run.
        buf.copy_within(src..src + 16, dst);
        buf[dst + 16] = buf[src + 16];
    } else {
        for k in 0..len {
            buf[dst + k] = buf[src + k];
        }
    }
    *w = dst + len;
    false
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    /// [MS-OXRTFCP] 3.1.3.1, transcribed: a 4096-byte ring written byte
    /// after byte.
    fn spec_decompress(contents: &[u8]) -> Vec<u8> {
        let mut ring = [0u8; DICTIONARY_SIZE];
        ring[..INITIAL_DICTIONARY.len()].copy_from_slice(INITIAL_DICTIONARY);
        let mut w = usize::from(INITIAL_WRITE_OFFSET);
        let mut out = Vec::new();
        let mut i = 0;
        'all: while i < contents.len() {
            let control = contents[i];
            i += 1;
            for bit in 0..8 {
                if control & (1 << bit) == 0 {
                    let Some(&b) = contents.get(i) else {
                        break 'all;
                    };
                    i += 1;
                    ring[w] = b;
                    w = (w + 1) & MASK;
                    out.push(b);
                } else {
                    let (Some(&hi), Some(&lo)) = (contents.get(i), contents.get(i + 1)) else {
                        break 'all;
                    };
                    i += 2;
                    let v = u16::from_be_bytes([hi, lo]);
                    let off = usize::from(v >> 4);
                    if off == w {
                        break 'all;
                    }
                    for k in 0..usize::from(v & 0xF) + 2 {
                        let b = ring[(off + k) & MASK];
                        ring[w] = b;
                        w = (w + 1) & MASK;
                        out.push(b);
                    }
                }
            }
        }
        out
    }

    /// Random tokens (references to every offset, near the write position
    /// and across it, end markers rarely): the unrolled dictionary gives
    /// what the ring gives, in one piece or fed in random pieces.
    #[test]
    fn unrolled_dictionary_equals_the_ring() {
        let mut x = 0x1234_5678_9abc_def0u64;
        let mut rnd = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for round in 0..300 {
            let n = (rnd() % 20_000) as usize + round;
            let mut contents = Vec::with_capacity(n);
            while contents.len() < n {
                contents.push(rnd() as u8);
            }
            let want = spec_decompress(&contents);
            let mut stream = Vec::new();
            stream.extend_from_slice(&((contents.len() + 12) as u32).to_le_bytes());
            stream.extend_from_slice(&(want.len() as u32).to_le_bytes());
            stream.extend_from_slice(b"LZFu");
            stream.extend_from_slice(&crc::crc32(&contents).to_le_bytes());
            stream.extend_from_slice(&contents);
            let got = decompress(&stream, &Options::lenient()).unwrap().value.data;
            assert!(got == want, "round {round}");
            let mut d = Decompressor::new(&Options::lenient());
            let mut pieces = Vec::new();
            let mut rest = &stream[..];
            while !rest.is_empty() {
                let k = ((rnd() % 300) as usize + 1).min(rest.len());
                d.feed(&rest[..k], &mut pieces).unwrap();
                rest = &rest[k..];
            }
            assert!(pieces == want, "round {round}, in pieces");
        }
    }
}
