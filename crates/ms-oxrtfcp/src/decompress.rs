//! [MS-OXRTFCP] 3.1.3.1 Decompression, one-shot ([`decompress`]) and
//! streaming ([`Decompressor`]).
//!
//! # Real-world defects
//!
//! Writers get the header wrong in a few recurring ways. By default the
//! decoder decodes what is there and reports each [`Defect`] it met; with
//! [`DecompressOptions::strict`] the first defect is an error instead:
//!
//! | defect | what the lenient decoder does |
//! |---|---|
//! | `MELA` stream whose COMPSIZE leaves out the 12 header bytes | takes RAWSIZE bytes of CONTENTS |
//! | `MELA` stream whose RAWSIZE counts the 12 header bytes | takes the CONTENTS there is (COMPSIZE - 12 bytes) |
//! | COMPSIZE disagrees with where the `LZFu` data ends | decodes to the end marker, checks the CRC over the declared CONTENTS |
//! | CRC mismatch | keeps the output |
//! | RAWSIZE disagrees with the output | keeps the whole output |
//! | input ends early / no end marker | returns what was decoded |
//! | bytes after the stream | ignores them |
//!
//! An unknown COMPTYPE, a header shorter than 16 bytes and output over the
//! caller's limit are errors in both modes. Nothing here panics or
//! allocates per byte; the output is sized up front from RAWSIZE, capped
//! by the limit and by what the input can possibly expand to.

use std::fmt;

use msox_codec::{Decode, Error, ErrorKind, Limits, Result};

use crate::crc;
use crate::dictionary::{DICTIONARY_SIZE, INITIAL_DICTIONARY, INITIAL_WRITE_OFFSET};
use crate::header::{CompType, Header};

/// Ring-buffer index mask.
const MASK: usize = DICTIONARY_SIZE - 1;

/// The most output one byte of `LZFu` CONTENTS can produce: a control byte
/// and 8 references (17 bytes) give at most 8 × 17 bytes.
const MAX_EXPANSION: usize = 8;

/// Options for decompression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DecompressOptions {
    /// The largest output allowed, in bytes; more is
    /// [`ErrorKind::LimitExceeded`].
    pub max_output: usize,
    /// Refuse any [`Defect`] instead of reporting it.
    pub strict: bool,
}

impl DecompressOptions {
    /// Lenient decoding with the default output cap ([`Limits::DEFAULT`]).
    pub const fn new() -> Self {
        Self {
            max_output: Limits::DEFAULT.max_output,
            strict: false,
        }
    }

    /// Strict decoding (every defect is an error) with the default cap.
    pub const fn strict() -> Self {
        Self {
            max_output: Limits::DEFAULT.max_output,
            strict: true,
        }
    }

    /// Lenient decoding with the output cap of `limits`.
    pub const fn from_limits(limits: &Limits) -> Self {
        Self {
            max_output: limits.max_output,
            strict: false,
        }
    }

    /// The same options with the output cap `max_output`.
    #[must_use]
    pub const fn with_max_output(mut self, max_output: usize) -> Self {
        self.max_output = max_output;
        self
    }
}

impl Default for DecompressOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Something wrong with a stream that the lenient decoder worked around.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Defect {
    /// COMPSIZE is not CONTENTS + 12. For `LZFu`, `expected` is the value
    /// that matches the position of the end marker; for `MELA`, RAWSIZE + 12.
    CompSizeMismatch {
        /// COMPSIZE as stored.
        declared: u32,
        /// The value it should have.
        expected: u64,
    },
    /// A `MELA` stream whose COMPSIZE equals RAWSIZE and whose data is
    /// RAWSIZE bytes long: COMPSIZE leaves the 12 header bytes out (seen in
    /// the wild; the data is intact).
    MelaCompSizeExcludesHeader {
        /// COMPSIZE as stored.
        declared: u32,
    },
    /// A `MELA` stream whose RAWSIZE equals COMPSIZE and whose data ends
    /// after COMPSIZE - 12 bytes: RAWSIZE counts the 12 header bytes (seen
    /// in the wild, in .msg files; the data is intact).
    MelaRawSizeIncludesHeader {
        /// RAWSIZE as stored.
        declared: u32,
    },
    /// The CRC of CONTENTS does not match the header.
    CrcMismatch {
        /// CRC as stored.
        stored: u32,
        /// CRC computed over CONTENTS as read.
        computed: u32,
    },
    /// A `MELA` stream with a non-zero CRC field (the spec says 0).
    MelaCrcNotZero {
        /// CRC as stored.
        stored: u32,
    },
    /// RAWSIZE disagrees with the size of the output.
    RawSizeMismatch {
        /// RAWSIZE as stored.
        declared: u32,
        /// Bytes produced.
        actual: u64,
    },
    /// The input ended before the size COMPSIZE (`LZFu`) or RAWSIZE
    /// (`MELA`) declares.
    Truncated {
        /// Bytes missing.
        missing: u64,
    },
    /// `LZFu` CONTENTS ended without the end-of-data reference.
    MissingEndMarker,
    /// Bytes inside the declared CONTENTS after the end-of-data reference.
    DataAfterEndMarker {
        /// How many.
        count: u64,
    },
    /// Bytes after the end of the stream (past COMPSIZE and the end marker,
    /// or past RAWSIZE for `MELA`).
    TrailingBytes {
        /// How many.
        count: u64,
    },
}

impl Defect {
    /// The error strict mode reports for this defect.
    pub fn to_error(&self) -> Error {
        let kind = match *self {
            Defect::CompSizeMismatch { declared, .. }
            | Defect::MelaCompSizeExcludesHeader { declared } => ErrorKind::InvalidValue {
                field: "COMPSIZE",
                value: u64::from(declared),
            },
            Defect::CrcMismatch { stored, computed } => ErrorKind::ChecksumMismatch {
                stored: u64::from(stored),
                computed: u64::from(computed),
            },
            Defect::MelaCrcNotZero { stored } => ErrorKind::InvalidValue {
                field: "CRC",
                value: u64::from(stored),
            },
            Defect::RawSizeMismatch { declared, .. }
            | Defect::MelaRawSizeIncludesHeader { declared } => ErrorKind::InvalidValue {
                field: "RAWSIZE",
                value: u64::from(declared),
            },
            Defect::Truncated { missing } => ErrorKind::UnexpectedEnd {
                needed: missing,
                available: 0,
            },
            Defect::MissingEndMarker => ErrorKind::Malformed("no end-of-data reference".into()),
            Defect::DataAfterEndMarker { count } | Defect::TrailingBytes { count } => {
                ErrorKind::TrailingBytes { count }
            }
        };
        Error::new(kind).context("RTFCOMPRESSED")
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Defect::CompSizeMismatch { declared, expected } => {
                write!(f, "COMPSIZE is {declared}, the data says {expected}")
            }
            Defect::MelaCompSizeExcludesHeader { declared } => write!(
                f,
                "MELA COMPSIZE {declared} equals RAWSIZE (the 12 header bytes are left out)"
            ),
            Defect::CrcMismatch { stored, computed } => {
                write!(f, "CRC 0x{stored:08X} stored, 0x{computed:08X} computed")
            }
            Defect::MelaRawSizeIncludesHeader { declared } => write!(
                f,
                "MELA RAWSIZE {declared} equals COMPSIZE (it counts the 12 header bytes)"
            ),
            Defect::MelaCrcNotZero { stored } => write!(f, "MELA CRC is 0x{stored:08X}, not 0"),
            Defect::RawSizeMismatch { declared, actual } => {
                write!(f, "RAWSIZE is {declared}, the output has {actual} bytes")
            }
            Defect::Truncated { missing } => write!(f, "input ends {missing} bytes early"),
            Defect::MissingEndMarker => f.write_str("no end-of-data reference"),
            Defect::DataAfterEndMarker { count } => {
                write!(
                    f,
                    "{count} bytes of CONTENTS after the end-of-data reference"
                )
            }
            Defect::TrailingBytes { count } => write!(f, "{count} bytes after the stream"),
        }
    }
}

/// What a successful decompression returns.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Decompressed {
    /// The header as read.
    pub header: Header,
    /// The uncompressed RTF.
    pub data: Vec<u8>,
    /// What was wrong with the stream (always empty in strict mode).
    pub defects: Vec<Defect>,
}

/// What [`Decompressor::finish`] reports about a streamed decompression.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Report {
    /// The header as read.
    pub header: Header,
    /// Bytes of output produced in total.
    pub output_len: u64,
    /// Bytes of input consumed in total (header included).
    pub input_len: u64,
    /// The CRC computed over the declared CONTENTS as read.
    pub computed_crc: u32,
    /// What was wrong with the stream (always empty in strict mode).
    pub defects: Vec<Defect>,
}

/// Decompresses a whole stream with [`DecompressOptions::default`].
///
/// ```
/// let stream = msox_codec::hex::decode(
///     "2d0000002b0000004c5a4675f1c5c7a703000a007263706731323542320af32068656c0900206277\
///      05b06c647d0a800fa0",
/// ).unwrap();
/// let out = ms_oxrtfcp::decompress(&stream)?;
/// assert_eq!(out.data, b"{\\rtf1\\ansi\\ansicpg1252\\pard hello world}\r\n");
/// assert!(out.defects.is_empty());
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(input: &[u8]) -> Result<Decompressed> {
    decompress_with(input, &DecompressOptions::default())
}

/// Decompresses a whole stream with `options`.
pub fn decompress_with(input: &[u8], options: &DecompressOptions) -> Result<Decompressed> {
    let mut d = Decompressor::new(*options);
    let mut data = Vec::new();
    d.feed(input, &mut data)?;
    let report = d.finish()?;
    Ok(Decompressed {
        header: report.header,
        data,
        defects: report.defects,
    })
}

/// Where the streaming decoder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Collecting the 16 header bytes.
    Header,
    /// Decoding `LZFu` tokens.
    Compressed,
    /// Copying `MELA` bytes.
    Uncompressed,
}

/// A decompressor that takes its input in pieces.
///
/// Feed it slices as they arrive ([`Decompressor::feed`]); it appends the
/// decompressed bytes to the caller's vector (which the caller may drain
/// between calls: the decoder keeps its own 4096-byte dictionary), then
/// call [`Decompressor::finish`] for the defects and the final checks.
///
/// ```
/// use ms_oxrtfcp::{Decompressor, DecompressOptions};
/// let stream = ms_oxrtfcp::compress(b"{\\rtf1 streamed in pieces}")?;
/// let mut d = Decompressor::new(DecompressOptions::default());
/// let mut out = Vec::new();
/// for piece in stream.chunks(3) {
///     d.feed(piece, &mut out)?;
/// }
/// let report = d.finish()?;
/// assert_eq!(out, b"{\\rtf1 streamed in pieces}");
/// assert!(report.defects.is_empty());
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Clone)]
pub struct Decompressor {
    options: DecompressOptions,
    phase: Phase,
    header_buf: [u8; Header::SIZE],
    header: Option<Header>,
    /// The circular dictionary.
    ring: [u8; DICTIONARY_SIZE],
    /// Its write position.
    write: usize,
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
    /// Output bytes produced so far.
    produced: u64,
    /// CRC over the declared CONTENTS seen so far.
    crc: u32,
}

impl fmt::Debug for Decompressor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Decompressor")
            .field("options", &self.options)
            .field("phase", &self.phase)
            .field("header", &self.header)
            .field("pos", &self.pos)
            .field("produced", &self.produced)
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

impl Decompressor {
    /// A decoder at the start of a stream.
    pub fn new(options: DecompressOptions) -> Self {
        let mut ring = [0u8; DICTIONARY_SIZE];
        if let Some(dst) = ring.get_mut(..INITIAL_DICTIONARY.len()) {
            dst.copy_from_slice(INITIAL_DICTIONARY);
        }
        Self {
            options,
            phase: Phase::Header,
            header_buf: [0; Header::SIZE],
            header: None,
            ring,
            write: usize::from(INITIAL_WRITE_OFFSET),
            control: 0,
            bit: 8,
            pending: None,
            ended: false,
            pos: 0,
            end_pos: 0,
            produced: 0,
            crc: 0,
        }
    }

    /// The header, once 16 bytes have been fed.
    pub fn header(&self) -> Option<&Header> {
        self.header.as_ref()
    }

    /// Whether the data is complete: the `LZFu` end marker was read, or
    /// RAWSIZE bytes of `MELA` data were copied. Later input is trailing.
    pub fn is_done(&self) -> bool {
        match (self.phase, self.header) {
            (Phase::Compressed, _) => self.ended,
            (Phase::Uncompressed, Some(h)) => self.produced >= u64::from(h.raw_size),
            _ => false,
        }
    }

    /// Output bytes produced so far.
    pub fn output_len(&self) -> u64 {
        self.produced
    }

    /// Feeds the next piece of the stream and appends what it decompresses
    /// to `out`. Every byte of `input` is consumed (bytes after the end of
    /// the data are counted as trailing).
    ///
    /// Errors: an unknown COMPTYPE ([`ErrorKind::InvalidValue`] at byte 8)
    /// and output beyond [`DecompressOptions::max_output`]
    /// ([`ErrorKind::LimitExceeded`]). After an error the decoder must not
    /// be fed again.
    pub fn feed(&mut self, mut input: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if self.phase == Phase::Header {
            let have = self.pos as usize; // < 16 in this phase
            let take = input.len().min(Header::SIZE - have);
            let (head, rest) = input.split_at(take);
            if let Some(dst) = self.header_buf.get_mut(have..have + take) {
                dst.copy_from_slice(head);
            }
            self.pos += take as u64;
            input = rest;
            if (self.pos as usize) < Header::SIZE {
                return Ok(());
            }
            let header = Header::decode_exact(&self.header_buf)?;
            self.phase = match header.comp_type {
                CompType::Compressed => Phase::Compressed,
                CompType::Uncompressed => Phase::Uncompressed,
                CompType::Unknown(v) => {
                    return Err(Error::at_offset(
                        ErrorKind::InvalidValue {
                            field: "COMPTYPE",
                            value: u64::from(v),
                        },
                        8,
                    )
                    .context("Header"));
                }
            };
            self.header = Some(header);
            // Size the output once: RAWSIZE, but no more than the cap and no
            // more than this piece of input can expand to.
            let room = self.options.max_output.saturating_sub(out.len());
            let bound = match self.phase {
                Phase::Compressed => input.len().saturating_mul(MAX_EXPANSION),
                _ => input.len(),
            };
            out.reserve((header.raw_size as usize).min(room).min(bound));
        }
        let Some(header) = self.header else {
            return Ok(());
        };
        // CRC over the part of this piece that lies inside the declared CONTENTS.
        if header.comp_type == CompType::Compressed {
            let contents_end = u64::from(header.comp_size).saturating_add(4);
            let in_contents = contents_end
                .saturating_sub(self.pos)
                .min(input.len() as u64);
            if let Some(c) = input.get(..in_contents as usize) {
                self.crc = crc::update(self.crc, c);
            }
        }
        match self.phase {
            Phase::Compressed if !self.ended => {
                let used = self.run(input, out)?;
                if self.ended {
                    self.end_pos = self.pos + used as u64;
                }
            }
            Phase::Uncompressed => {
                let want = u64::from(header.raw_size).saturating_sub(self.produced);
                let n = want.min(input.len() as u64) as usize;
                let chunk = input.get(..n).unwrap_or_default();
                self.check_room(n)?;
                out.extend_from_slice(chunk);
                self.produced += n as u64;
            }
            _ => {}
        }
        self.pos += input.len() as u64;
        Ok(())
    }

    /// Ends the stream: checks what can only be checked at the end and
    /// reports the defects (strict mode: the first defect is the error).
    ///
    /// Errors: a stream shorter than its 16-byte header
    /// ([`ErrorKind::UnexpectedEnd`]), and every defect in strict mode.
    pub fn finish(self) -> Result<Report> {
        let Some(h) = self.header else {
            return Err(Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: Header::SIZE as u64,
                    available: self.pos,
                },
                self.pos as usize,
            )
            .context("Header"));
        };
        let mut defects = Vec::new();
        let total = self.pos;
        let mut computed_crc = 0;
        match h.comp_type {
            CompType::Compressed => {
                computed_crc = self.crc;
                let declared_end = u64::from(h.comp_size) + 4;
                if h.comp_size < 12 {
                    defects.push(Defect::CompSizeMismatch {
                        declared: h.comp_size,
                        expected: if self.ended {
                            self.end_pos - 4
                        } else {
                            total - 4
                        },
                    });
                }
                if total < declared_end {
                    defects.push(Defect::Truncated {
                        missing: declared_end - total,
                    });
                }
                if !self.ended {
                    defects.push(Defect::MissingEndMarker);
                } else if self.end_pos > declared_end && h.comp_size >= 12 {
                    defects.push(Defect::CompSizeMismatch {
                        declared: h.comp_size,
                        expected: self.end_pos - 4,
                    });
                } else if self.end_pos < declared_end && total > self.end_pos {
                    defects.push(Defect::DataAfterEndMarker {
                        count: declared_end.min(total) - self.end_pos,
                    });
                }
                if h.crc != self.crc {
                    defects.push(Defect::CrcMismatch {
                        stored: h.crc,
                        computed: self.crc,
                    });
                }
                let stream_end = declared_end.max(if self.ended { self.end_pos } else { 0 });
                if total > stream_end {
                    defects.push(Defect::TrailingBytes {
                        count: total - stream_end,
                    });
                }
                if self.produced != u64::from(h.raw_size) {
                    defects.push(Defect::RawSizeMismatch {
                        declared: h.raw_size,
                        actual: self.produced,
                    });
                }
            }
            _ => {
                let raw = u64::from(h.raw_size);
                let comp = u64::from(h.comp_size);
                // COMPSIZE == RAWSIZE has two readings, told apart by the
                // length of the stream: the data is RAWSIZE bytes long
                // (COMPSIZE left the 12 header bytes out), or COMPSIZE - 12
                // bytes long and the stream ends there (RAWSIZE counted them).
                let raw_counts_header =
                    comp == raw && raw >= 12 && self.produced == raw - 12 && total == comp + 4;
                if raw_counts_header {
                    defects.push(Defect::MelaRawSizeIncludesHeader {
                        declared: h.raw_size,
                    });
                } else if comp == raw && self.produced == raw {
                    defects.push(Defect::MelaCompSizeExcludesHeader {
                        declared: h.comp_size,
                    });
                } else if comp != raw + 12 {
                    defects.push(Defect::CompSizeMismatch {
                        declared: h.comp_size,
                        expected: raw + 12,
                    });
                }
                if h.crc != 0 {
                    defects.push(Defect::MelaCrcNotZero { stored: h.crc });
                }
                if self.produced < raw && !raw_counts_header {
                    defects.push(Defect::Truncated {
                        missing: raw - self.produced,
                    });
                }
                let stream_end = 16 + raw;
                if total > stream_end {
                    defects.push(Defect::TrailingBytes {
                        count: total - stream_end,
                    });
                }
            }
        }
        if self.options.strict
            && let Some(d) = defects.first()
        {
            return Err(d.to_error());
        }
        Ok(Report {
            header: h,
            output_len: self.produced,
            input_len: total,
            computed_crc,
            defects,
        })
    }

    #[cold]
    fn limit_error(&self, extra: usize) -> Error {
        Error::new(ErrorKind::LimitExceeded {
            what: "decompressed size",
            value: self.produced.saturating_add(extra as u64),
            max: self.options.max_output as u64,
        })
        .context("RTFCOMPRESSED")
    }

    fn check_room(&self, n: usize) -> Result<()> {
        if self.produced.saturating_add(n as u64) > self.options.max_output as u64 {
            return Err(self.limit_error(n));
        }
        Ok(())
    }

    /// Decodes `LZFu` tokens from `input` until it runs out or the end
    /// marker is read; returns the bytes used.
    ///
    /// The hot loop of the crate: one pass over the input, a fixed
    /// 4096-byte ring, output written straight into `out` (sized up front).
    #[allow(clippy::indexing_slicing)] // ring indices are masked with MASK (< 4096); input indices are checked against `n` first
    fn run(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<usize> {
        let n = input.len();
        let mut i = 0usize;
        let mut w = self.write;
        let mut control = self.control;
        let mut bit = self.bit;
        let budget = (self.options.max_output as u64).saturating_sub(self.produced);
        let budget = usize::try_from(budget).unwrap_or(usize::MAX);
        let start_len = out.len();
        let ring = &mut self.ring;
        let mut ended = false;
        let mut over = 0usize;

        // A reference whose first byte came with the previous piece.
        if let Some(first) = self.pending {
            if n == 0 {
                return Ok(0);
            }
            self.pending = None;
            let v = u16::from_be_bytes([first, input[0]]);
            i = 1;
            let off = usize::from(v >> 4);
            let len = usize::from(v & 0xF) + 2;
            if off == w {
                ended = true;
            } else if len > budget {
                over = len;
            } else {
                for k in 0..len {
                    let b = ring[(off + k) & MASK];
                    ring[w] = b;
                    w = (w + 1) & MASK;
                    out.push(b);
                }
            }
            bit += 1;
        }

        if !ended && over == 0 {
            'tokens: loop {
                if bit >= 8 {
                    if i >= n {
                        break;
                    }
                    control = input[i];
                    i += 1;
                    bit = 0;
                    // Fast path: the whole run (8 tokens, at most 16 bytes)
                    // is in the input and fits the budget.
                    if n - i >= 16 && out.len() - start_len + 8 * 17 <= budget {
                        while bit < 8 {
                            if control & (1 << bit) == 0 {
                                let b = input[i];
                                i += 1;
                                ring[w] = b;
                                w = (w + 1) & MASK;
                                out.push(b);
                            } else {
                                let v = u16::from_be_bytes([input[i], input[i + 1]]);
                                i += 2;
                                let off = usize::from(v >> 4);
                                if off == w {
                                    ended = true;
                                    break 'tokens;
                                }
                                let len = usize::from(v & 0xF) + 2;
                                copy_reference(ring, &mut w, off, len, out);
                            }
                            bit += 1;
                        }
                        continue;
                    }
                }
                if control & (1 << bit) == 0 {
                    if i >= n {
                        break;
                    }
                    if out.len() - start_len >= budget {
                        over = 1;
                        break;
                    }
                    let b = input[i];
                    i += 1;
                    ring[w] = b;
                    w = (w + 1) & MASK;
                    out.push(b);
                } else {
                    if i + 1 >= n {
                        if i < n {
                            self.pending = Some(input[i]);
                            i += 1;
                        }
                        break;
                    }
                    let v = u16::from_be_bytes([input[i], input[i + 1]]);
                    i += 2;
                    let off = usize::from(v >> 4);
                    if off == w {
                        ended = true;
                        break;
                    }
                    let len = usize::from(v & 0xF) + 2;
                    if out.len() - start_len + len > budget {
                        over = len;
                        break;
                    }
                    copy_reference(ring, &mut w, off, len, out);
                }
                bit += 1;
            }
        }
        self.produced += (out.len() - start_len) as u64;
        self.write = w;
        self.control = control;
        self.bit = bit;
        self.ended = ended;
        if over > 0 {
            return Err(self.limit_error(over));
        }
        Ok(i)
    }
}

/// Copies a dictionary reference: `len` bytes from ring offset `off` to the
/// write position, byte by byte (a reference may overlap the bytes it
/// writes), and to the output.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // ring indices are masked with MASK (< 4096)
fn copy_reference(
    ring: &mut [u8; DICTIONARY_SIZE],
    w: &mut usize,
    off: usize,
    len: usize,
    out: &mut Vec<u8>,
) {
    let mut dst = *w;
    // Common case: neither range wraps and they do not overlap, so the run
    // can be copied as one slice.
    if off + len <= DICTIONARY_SIZE
        && dst + len <= DICTIONARY_SIZE
        && (off + len <= dst || dst + len <= off)
    {
        ring.copy_within(off..off + len, dst);
        out.extend_from_slice(&ring[dst..dst + len]);
        *w = (dst + len) & MASK;
        return;
    }
    for k in 0..len {
        let b = ring[(off + k) & MASK];
        ring[dst] = b;
        dst = (dst + 1) & MASK;
        out.push(b);
    }
    *w = dst;
}
