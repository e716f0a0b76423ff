//! [MS-PATCH] 2 / 3.1: the LZX and LZXD decoder.
//!
//! A stream of known output size is decoded 32 KiB frame by frame, as the
//! format requires:
//! matches and blocks may not run over a frame's end, the bitstream is
//! re-aligned to 16 bits after each frame, and in LZXD (`delta`) streams
//! each frame starts with its 16-bit compressed chunk size (read and
//! skipped, as libmspack does). E8 call translation is undone frame by
//! frame after decoding.
//!
//! Two ways to hold the output: [`decompress`] keeps the whole output in
//! one buffer that is also the window (no ring buffer, no copying out of
//! it); [`decompress_to`] / [`read_stream`] hand each frame to a
//! [`Sink`] as soon as it is decoded and keep only the window (the buffer
//! slides when it reaches twice the window, at least window + 1 MiB), so
//! memory does not grow with the output. Frames of uncompressed blocks go from the
//! input straight to the sink, and into the window only when a compressed
//! block follows. Both go through the same frame decoder and charge their
//! output to the session's budget frame by frame.
//!
//! Errors carry the absolute offset of the input byte where decoding
//! stopped and the chunk (32 KiB frame) it was in:
//! `invalid Block Type 0x0 at byte 2 in Chunk[0] > BlockHeader`. A stream
//! must use its input exactly: reading past its end (up to two bytes are
//! read as zeros, as libmspack does) and bytes left after it are defects,
//! errors in strict mode.
//!
//! Time is linear in input plus output: every symbol produces at least one
//! byte, every block header consumes input, and tree reading is bounded by
//! the tree sizes. Allocation grows with decoded frames, never with a
//! declared size alone.

use std::collections::VecDeque;

use msox_codec::{Decoded, Error, ErrorKind, Frame, Options, Reader, Result, Sink};

use crate::bits::BitReader;
use crate::consts::{
    ALIGNED_SYMBOLS, EXTRA_BITS, FRAME_SIZE, LENGTH_SYMBOLS, MAX_MAIN_SYMBOLS, MAX_MATCH,
    MAX_WINDOW_BITS, MIN_MATCH, MIN_WINDOW_BITS, NUM_CHARS, NUM_PRIMARY_LENGTHS, POSITION_BASE,
    PRETREE_SYMBOLS, position_slots,
};
use crate::huffman::{DecodeTable, TreeError};

/// [MS-PATCH] 2.3.1.1 Block Type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BlockType {
    /// 1: verbatim block.
    Verbatim,
    /// 2: aligned offset block.
    Aligned,
    /// 3: uncompressed block.
    Uncompressed,
}

impl BlockType {
    /// The 3-bit wire value.
    pub fn value(self) -> u32 {
        match self {
            BlockType::Verbatim => 1,
            BlockType::Aligned => 2,
            BlockType::Uncompressed => 3,
        }
    }
}

/// Which LZX dialect a stream is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Dialect {
    /// LZX as in cabinet files: window 2^15..=2^21, no chunk sizes, matches
    /// up to 257 bytes.
    Lzx,
    /// LZXD ([MS-PATCH]): window 2^15..=2^25, a 16-bit chunk size before
    /// every frame, the extra length field for matches over 257 bytes, and
    /// optional reference data.
    Lzxd,
}

/// Parameters of an LZX stream: what the container says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreamParams {
    /// log2 of the window size (15..=21 for [`Dialect::Lzx`], 15..=25 for
    /// [`Dialect::Lzxd`]).
    pub window_bits: u8,
    /// The dialect.
    pub dialect: Dialect,
    /// Frames between decoder resets (0: never; CHM files use this).
    pub reset_interval: u32,
}

impl StreamParams {
    /// LZX as in a cabinet folder of `window_bits`.
    pub const fn lzx(window_bits: u8) -> Self {
        Self {
            window_bits,
            dialect: Dialect::Lzx,
            reset_interval: 0,
        }
    }

    /// LZXD ([MS-PATCH]) with a window of 2^`window_bits`.
    pub const fn lzxd(window_bits: u8) -> Self {
        Self {
            window_bits,
            dialect: Dialect::Lzxd,
            reset_interval: 0,
        }
    }

    fn check(&self) -> Result<usize> {
        let max = match self.dialect {
            Dialect::Lzx => 21,
            Dialect::Lzxd => MAX_WINDOW_BITS,
        };
        if self.window_bits < MIN_WINDOW_BITS || self.window_bits > max {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "window bits",
                value: u64::from(self.window_bits),
            }));
        }
        position_slots(self.window_bits).ok_or_else(|| {
            Error::new(ErrorKind::InvalidValue {
                field: "window bits",
                value: u64::from(self.window_bits),
            })
        })
    }
}

const MAIN_BITS: u32 = 11;
const LENGTH_BITS: u32 = 9;
const ALIGNED_BITS: u32 = 7;
const PRETREE_BITS: u32 = 6;

/// Decoder state that survives between blocks and frames.
struct State {
    main_lens: Vec<u8>,
    length_lens: Vec<u8>,
    aligned_lens: [u8; ALIGNED_SYMBOLS],
    pre_lens: [u8; PRETREE_SYMBOLS],
    main: DecodeTable,
    length: DecodeTable,
    aligned: DecodeTable,
    pre: DecodeTable,
    r: [u32; 3],
    block_type: Option<BlockType>,
    block_remaining: usize,
    block_odd: bool,
    header_read: bool,
    e8_size: Option<u32>,
    /// Whether E8 translation is undone at all: only once a block could
    /// have produced a 0xE8 byte (a main tree with a length for 0xE8, or an
    /// uncompressed block), as libmspack decides; kept over resets.
    e8_started: bool,
    /// Every block header read: type and size.
    blocks: Vec<(BlockType, usize)>,
}

impl State {
    fn new(main_symbols: usize) -> Self {
        Self {
            main_lens: vec![0; main_symbols],
            length_lens: vec![0; LENGTH_SYMBOLS],
            aligned_lens: [0; ALIGNED_SYMBOLS],
            pre_lens: [0; PRETREE_SYMBOLS],
            main: DecodeTable::new(),
            length: DecodeTable::new(),
            aligned: DecodeTable::new(),
            pre: DecodeTable::new(),
            r: [1, 1, 1],
            block_type: None,
            block_remaining: 0,
            block_odd: false,
            header_read: false,
            e8_size: None,
            e8_started: false,
            blocks: Vec::new(),
        }
    }

    /// The translation size in force for the frame just decoded: none when
    /// the header said none, when it is 0, or before any block could have
    /// produced a 0xE8 byte (libmspack's rules).
    fn e8_now(&self) -> Option<u32> {
        self.e8_size.filter(|&s| s != 0 && self.e8_started)
    }

    /// [MS-PATCH] 2.3: the state at the start of a stream (and at each
    /// reset point).
    fn reset(&mut self) {
        self.main_lens.fill(0);
        self.length_lens.fill(0);
        self.r = [1, 1, 1];
        self.block_type = None;
        self.block_remaining = 0;
        self.block_odd = false;
        self.header_read = false;
    }
}

/// A failure inside the bitstream: the error (its kind and the inner
/// structure names) and the input position where decoding stopped, placed
/// in the session by [`Fail::locate`].
pub(crate) struct Fail {
    err: Error,
    pos: usize,
}

type Res<T> = std::result::Result<T, Fail>;

impl Fail {
    /// The error at absolute position `base + pos` (clamped to the `len`
    /// bytes of the stream) inside chunk `chunk`, with `r`'s path.
    #[cold]
    fn locate(self, r: &mut Reader<'_>, base: usize, len: usize, chunk: u32) -> Error {
        r.push_frame(Frame::indexed("Chunk", u64::from(chunk)));
        let e = r.locate(self.err, base + self.pos.min(len));
        r.pop_frame();
        e
    }

    #[cold]
    fn within(mut self, name: &'static str) -> Self {
        self.err = self.err.context(name);
        self
    }
}

#[cold]
fn err(kind: ErrorKind, bits: &BitReader<'_>) -> Fail {
    Fail {
        err: Error::new(kind),
        pos: bits.word_pos(),
    }
}

#[cold]
fn malformed(msg: &'static str, bits: &BitReader<'_>) -> Fail {
    err(ErrorKind::Malformed(msg.into()), bits)
}

#[cold]
fn tree_error(e: TreeError, tree: &'static str, bits: &BitReader<'_>) -> Fail {
    let what = match e {
        TreeError::Oversubscribed => "oversubscribed",
        TreeError::Incomplete => "incomplete",
        TreeError::TooLong => "over-long",
    };
    err(
        ErrorKind::Malformed(format!("{what} {tree} tree").into()),
        bits,
    )
}

/// Decodes one symbol from `table`, whose primary table has `B` bits;
/// at least 16 bits must be buffered (a code is at most 16 bits).
#[inline(always)]
fn fast_sym<const B: u32>(table: &DecodeTable, bits: &mut BitReader<'_>) -> u32 {
    debug_assert_eq!(table.bits(), B);
    let mut e = table.entry(bits.peek(B) as usize);
    if DecodeTable::is_sub(e) {
        let (offset, sb) = DecodeTable::sub(e);
        let idx = bits.peek(B + sb) & ((1 << sb) - 1);
        e = table.entry(offset + idx as usize);
    }
    bits.consume(e & 0xFF);
    e >> 8
}

/// Decodes one symbol from `table`.
#[inline(always)]
fn decode_sym(table: &DecodeTable, bits: &mut BitReader<'_>) -> u32 {
    bits.ensure32();
    let tb = table.bits();
    let mut e = table.entry(bits.peek(tb) as usize);
    if DecodeTable::is_sub(e) {
        let (offset, sb) = DecodeTable::sub(e);
        let idx = bits.peek(tb + sb) & ((1 << sb) - 1);
        e = table.entry(offset + idx as usize);
    }
    bits.consume(e & 0xFF);
    e >> 8
}

/// [MS-PATCH] 2.5 Pretree: reads the pretree, then delta-coded path lengths
/// for `lens[first..last]` (runs may spill past `last` into the rest of the
/// table, as in libmspack; past the table they are dropped).
fn read_lengths(
    st: &mut State,
    which: Which,
    first: usize,
    last: usize,
    bits: &mut BitReader<'_>,
) -> Res<()> {
    for l in st.pre_lens.iter_mut() {
        *l = bits.read(4) as u8;
    }
    st.pre
        .build(&st.pre_lens, PRETREE_BITS)
        .map_err(|e| tree_error(e, "pretree", bits).within("pretree"))?;
    if st.pre.is_empty() {
        return Err(malformed("empty pretree", bits).within("pretree"));
    }
    let lens = match which {
        Which::Main => &mut st.main_lens,
        Which::Length => &mut st.length_lens,
    };
    let mut x = first;
    while x < last {
        let z = decode_sym(&st.pre, bits);
        match z {
            17 => {
                let run = bits.read(4) as usize + 4;
                fill(lens, x, run, 0);
                x += run;
            }
            18 => {
                let run = bits.read(5) as usize + 20;
                fill(lens, x, run, 0);
                x += run;
            }
            19 => {
                let run = bits.read(1) as usize + 4;
                let z = decode_sym(&st.pre, bits);
                if z > 16 {
                    return Err(malformed("pretree code over 16 after code 19", bits));
                }
                let prev = i32::from(lens.get(x).copied().unwrap_or(0));
                let v = (prev - z as i32).rem_euclid(17) as u8;
                fill(lens, x, run, v);
                x += run;
            }
            _ => {
                let prev = i32::from(lens.get(x).copied().unwrap_or(0));
                if let Some(l) = lens.get_mut(x) {
                    *l = (prev - z as i32).rem_euclid(17) as u8;
                }
                x += 1;
            }
        }
        if bits.overrun() > 2 {
            return Err(err(
                ErrorKind::UnexpectedEnd {
                    needed: 2,
                    available: 0,
                },
                bits,
            ));
        }
    }
    Ok(())
}

fn fill(lens: &mut [u8], at: usize, run: usize, v: u8) {
    let end = at.saturating_add(run).min(lens.len());
    if let Some(s) = lens.get_mut(at.min(end)..end) {
        s.fill(v);
    }
}

#[derive(Clone, Copy)]
enum Which {
    Main,
    Length,
}

/// The output of [`decompress_with_blocks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedStream {
    /// The decompressed bytes.
    pub data: Vec<u8>,
    /// Each block header met: its type and Block Size (the first 65536).
    pub blocks: Vec<(BlockType, usize)>,
}

/// Decodes an LZX or LZXD stream (all of `input`) of `output_len` bytes
/// into a new vector, which is also the window (the fastest form).
///
/// `reference` is LZX DELTA reference data: it logically precedes the
/// output in the window, so matches may reach back into it (empty for
/// plain LZX; must fit the window). The output is charged to the output
/// budget of `options` ([`msox_codec::Limits::output_cap`] of the input
/// size) frame by frame; an `output_len` over the budget is refused before
/// decoding.
///
/// ```
/// use ms_patch::{StreamParams, compress, decompress};
/// use msox_codec::Options;
///
/// let data = b"an LZXD stream, an LZXD stream, an LZXD stream".repeat(100);
/// let params = StreamParams::lzxd(17);
/// let z = compress(&data, &params, &[], &Default::default())?;
/// assert_eq!(decompress(&z, data.len(), &params, &[], &Options::strict())?.value, data);
///
/// // Damage is an error with the offset and the chunk it is in.
/// let err = decompress(&z[..z.len() - 4], data.len(), &params, &[], &Options::strict())
///     .unwrap_err();
/// assert_eq!(err.path().to_string(), "Chunk[0]");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(
    input: &[u8],
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    options: &Options,
) -> Result<Decoded<Vec<u8>>> {
    let mut r = Reader::with_options(input, options);
    let v = read_stream_vec(&mut r, output_len, params, reference)?;
    Ok(r.into_decoded(v))
}

/// [`decompress`], streaming: each 32 KiB frame goes to `out` once decoded
/// (E8 translation undone), and the decoder keeps only the window, so
/// memory does not grow with `output_len`. Returns the bytes written.
///
/// ```
/// use ms_patch::{StreamParams, compress, decompress_to};
/// use msox_codec::{CountingSink, Options};
///
/// let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
/// let params = StreamParams::lzx(15); // a 32 KiB window, as in a cabinet
/// let z = compress(&data, &params, &[], &Default::default())?;
/// let mut sink = CountingSink::default();
/// let d = decompress_to(&z, data.len(), &params, &[], &Options::strict(), &mut sink)?;
/// assert_eq!((d.value, sink.count), (300_000, 300_000));
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress_to(
    input: &[u8],
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    options: &Options,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    let mut r = Reader::with_options(input, options);
    read_stream(&mut r, output_len, params, reference, out)?;
    Ok(r.into_decoded(output_len as u64))
}

/// [`decompress_to`] with the window in `window` (see [`WindowMemory`]).
///
/// ```
/// use ms_patch::{StreamParams, compress, decompress_to_in};
/// use msox_codec::{CountingSink, Options};
///
/// let data = b"a window of the caller's choosing. ".repeat(5_000);
/// let params = StreamParams::lzx(16);
/// let z = compress(&data, &params, &[], &Default::default())?;
/// let mut window: Vec<u8> = Vec::new(); // or the caller's own WindowMemory
/// let mut sink = CountingSink::default();
/// decompress_to_in(&z, data.len(), &params, &[], &Options::strict(), &mut window, &mut sink)?;
/// assert_eq!(sink.count, data.len() as u64);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress_to_in(
    input: &[u8],
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    options: &Options,
    window: &mut dyn WindowMemory,
    out: &mut impl Sink,
) -> Result<Decoded<u64>> {
    let mut r = Reader::with_options(input, options);
    run(
        &mut r,
        output_len,
        params,
        reference,
        Window::Sliding(window),
        Some(out),
        true,
    )?;
    Ok(r.into_decoded(output_len as u64))
}

/// [`decompress`], also listing the blocks of the stream.
pub fn decompress_with_blocks(
    input: &[u8],
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    options: &Options,
) -> Result<Decoded<DecodedStream>> {
    let mut r = Reader::with_options(input, options);
    let mut data = Vec::new();
    let blocks = run(
        &mut r,
        output_len,
        params,
        reference,
        Window::Whole(&mut data),
        None::<&mut msox_codec::CountingSink>,
        true,
    )?;
    Ok(r.into_decoded(DecodedStream { data, blocks }))
}

/// Decodes the LZX / LZXD stream that fills the rest of `r`'s window (give
/// it one with [`Reader::sub`]) into `out`, frame by frame, in `r`'s
/// session: errors and defects get absolute offsets and `r`'s path, the
/// output is charged to its budget. For containers (LZXD files and
/// patches, cabinet folders through [`Reader::nested`]).
pub fn read_stream(
    r: &mut Reader<'_>,
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    out: &mut impl Sink,
) -> Result<()> {
    let mut window = Vec::new();
    run(
        r,
        output_len,
        params,
        reference,
        Window::Sliding(&mut window),
        Some(out),
        true,
    )
    .map(drop)
}

/// [`read_stream`] for the first `output_len` bytes of a longer stream
/// (a CHM content section read up to the last byte its files need):
/// decoding stops after the frame that completes `output_len`, and the
/// input after it is not looked at (no trailing-bytes check). `r` is left
/// at the end of its window.
pub fn read_stream_prefix(
    r: &mut Reader<'_>,
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    out: &mut impl Sink,
) -> Result<()> {
    let mut window = Vec::new();
    run(
        r,
        output_len,
        params,
        reference,
        Window::Sliding(&mut window),
        Some(out),
        false,
    )
    .map(drop)?;
    r.take_rest();
    Ok(())
}

/// [`read_stream`] into a new vector (the whole output is the window).
pub fn read_stream_vec(
    r: &mut Reader<'_>,
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
) -> Result<Vec<u8>> {
    let mut data = Vec::new();
    run(
        r,
        output_len,
        params,
        reference,
        Window::Whole(&mut data),
        None::<&mut msox_codec::CountingSink>,
        true,
    )?;
    Ok(data)
}

/// Where the decoder keeps its window, for [`run_stream`].
pub(crate) enum Window<'w> {
    /// The output is appended to this vector, which is also the window
    /// (the stream's window starts at its length on entry: reference data,
    /// then output; the reference is removed at the end). E8 translation is
    /// undone over the whole output at the end.
    Whole(&'w mut Vec<u8>),
    /// Memory that holds the window as a ring; the sink gets every frame.
    /// Reusable from stream to stream.
    Sliding(&'w mut dyn WindowMemory),
}

/// Where a streaming decoder keeps its window: a ring of the window size
/// plus one 32 KiB frame (or of the whole stream, when that is smaller).
/// The decoder writes every byte before it reads it, so what the memory
/// holds when it is handed over does not matter; it is reused from stream
/// to stream (an LZXD file's blocks).
///
/// `Vec<u8>` is the plain implementation (memory from the allocator,
/// whose pages the kernel supplies one fault at a time as the ring fills).
/// A caller that can do better (a command-line tool mapping the ring with
/// its pages populated up front) implements it and uses the `_in` forms:
/// [`decompress_to_in`], [`crate::lzxd::decompress_file_from`].
///
/// ```
/// use ms_patch::decode::WindowMemory;
/// let mut v: Vec<u8> = Vec::new();
/// assert_eq!(v.window(1 << 17).len(), 1 << 17);
/// ```
pub trait WindowMemory {
    /// At least `len` bytes (the decoder uses the first `len`).
    fn window(&mut self, len: usize) -> &mut [u8];
}

impl WindowMemory for Vec<u8> {
    fn window(&mut self, len: usize) -> &mut [u8] {
        if self.len() < len {
            if self.capacity() < len {
                // Zeroed by the allocator: pages the stream never reaches
                // are never touched.
                *self = vec![0; len];
            } else {
                self.resize(len, 0);
            }
        }
        self.as_mut_slice()
    }
}

/// The window buffer: a growing vector (whole) or a ring (sliding).
enum Mem<'w> {
    Grow(&'w mut Vec<u8>),
    Ring(&'w mut [u8]),
}

impl std::ops::Deref for Mem<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Mem::Grow(v) => v,
            Mem::Ring(r) => r,
        }
    }
}

impl std::ops::DerefMut for Mem<'_> {
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            Mem::Grow(v) => v,
            Mem::Ring(r) => r,
        }
    }
}

/// [`read_stream`] for the containers of this crate: the window where
/// `window` says; with [`Window::Whole`] the sink, if any, is shown each
/// frame (E8 translation undone) as it is decoded (for CRCs).
pub(crate) fn run_stream<S: Sink>(
    r: &mut Reader<'_>,
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    window: Window<'_>,
    sink: Option<&mut S>,
) -> Result<()> {
    run(r, output_len, params, reference, window, sink, true).map(drop)
}

/// The frame loop shared by every entry point: frames are decoded into
/// the window buffer (see [`Window`]) and shown to `sink` as they are
/// completed, E8 translation undone. Returns the block headers met.
fn run<S: Sink>(
    r: &mut Reader<'_>,
    output_len: usize,
    params: &StreamParams,
    reference: &[u8],
    window_buf: Window<'_>,
    mut sink: Option<&mut S>,
    check_end: bool,
) -> Result<Vec<(BlockType, usize)>> {
    let slots = params.check().map_err(|e| r.locate(e, r.pos()))?;
    let window = 1usize << params.window_bits;
    if reference.len() > window {
        return Err(r.error(ErrorKind::LimitExceeded {
            what: "reference data size",
            value: reference.len() as u64,
            max: window as u64,
        }));
    }
    let left = r.session().output_left();
    if output_len > left {
        return Err(r.error(ErrorKind::LimitExceeded {
            what: "output size",
            value: output_len as u64,
            max: left as u64,
        }));
    }
    let base = r.pos();
    let input = r.rest();
    let len = input.len();
    let ref_len = reference.len();
    let main_symbols = NUM_CHARS + 8 * slots;
    debug_assert!(main_symbols <= MAX_MAIN_SYMBOLS);
    let mut st = State::new(main_symbols);
    let mut bits = BitReader::new(input);
    // Whole: the stream's window starts at `buf`'s length on entry
    // (reference data, then output), and `buf` grows with the output,
    // reserved up front with at most what the input can plausibly back.
    // Sliding: `buf` is a ring of `ring` bytes (see `Win`).
    let total = ref_len.saturating_add(output_len);
    let (buf, whole, start, ring) = match window_buf {
        Window::Whole(b) => {
            let start = b.len();
            let want = start.saturating_add(
                ref_len.saturating_add(output_len.min(len.saturating_mul(8).max(1 << 16))),
            );
            b.reserve(want.saturating_sub(b.len()));
            (Mem::Grow(b), true, start, 0)
        }
        Window::Sliding(m) => {
            let ring = total.min(window + FRAME_SIZE);
            let buf = m.window(ring);
            let buf = buf.get_mut(..ring).unwrap_or_default();
            if buf.len() < ring {
                return Err(r.error(ErrorKind::Unsupported(
                    "the window memory is smaller than the window".into(),
                )));
            }
            (Mem::Ring(buf), false, 0, ring)
        }
    };
    let mut win = Win {
        buf,
        end: start,
        start,
        window,
        ring,
        abs: ref_len,
        lazy: VecDeque::new(),
        lazy_len: 0,
    };
    if whole {
        win.append(reference);
    } else if let Some(dst) = win.buf.get_mut(ring - ref_len..ring) {
        dst.copy_from_slice(reference);
    }
    let delta = params.dialect == Dialect::Lzxd;
    // Whole buffer: the E8 translation size in force for each frame.
    let mut e8_frames: Vec<Option<u32>> = Vec::new();
    // A frame with E8 translation undone, for the sink.
    let mut e8_scratch: Vec<u8> = Vec::new();
    let mut frame = 0u32;
    let mut produced = 0usize;
    while produced < output_len {
        if params.reset_interval != 0 && frame.is_multiple_of(params.reset_interval) {
            st.reset();
        }
        if delta {
            // [MS-PATCH] 2.2.1 Chunk Size: skipped (it only lets readers
            // walk the chunks without decoding).
            let in_bytes = st.block_type == Some(BlockType::Uncompressed) && st.block_remaining > 0;
            bits.read(16);
            if in_bytes {
                bits.to_bytes();
            }
        }
        if !st.header_read {
            // [MS-PATCH] 2.3: E8 translation bit, then the translation size.
            st.e8_size = if bits.read(1) == 1 {
                let hi = bits.read(16);
                let lo = bits.read(16);
                Some((hi << 16) | lo)
            } else {
                None
            };
            st.header_read = true;
        }
        let frame_size = FRAME_SIZE.min(output_len - produced);
        if let Err(k) = r.session_mut().charge_output(frame_size) {
            return Err(err(k, &bits).locate(r, base, len, frame));
        }
        let lazy = decode_frame(&mut st, &mut bits, &mut win, frame_size, delta)
            .map_err(|f| f.locate(r, base, len, frame))?;
        if bits.overrun() > 2 {
            let k = ErrorKind::UnexpectedEnd {
                needed: bits.overrun() as u64,
                available: 0,
            };
            return Err(err(k, &bits).locate(r, base, len, frame));
        }
        // Re-align to 16 bits after each frame.
        bits.align_word();
        let e8 = st.e8_now().filter(|_| frame < E8_FRAMES);
        if let Some(out) = sink.as_deref_mut() {
            let data = match lazy {
                Some(d) => d,
                None => win
                    .buf
                    .get(win.end.saturating_sub(frame_size)..win.end)
                    .unwrap_or_default(),
            };
            match e8 {
                // Translated in a copy (the window keeps the bytes as
                // decoded), unless the frame has no E8 byte to look at.
                Some(size) if has_e8(data) => {
                    e8_scratch.clear();
                    e8_scratch.extend_from_slice(data);
                    undo_e8_frame(&mut e8_scratch, produced, size);
                    out.write(&e8_scratch)?;
                }
                _ => out.write(data)?,
            }
        }
        if whole {
            e8_frames.push(e8);
        }
        produced += frame_size;
        frame = frame.wrapping_add(1);
    }
    let end = win.end;
    if check_end {
        finish(r, base, len, &bits)?;
    }
    if let Mem::Grow(buf) = win.buf {
        buf.truncate(end);
        if ref_len > 0 {
            buf.drain(start..start + ref_len);
        }
        if let Some(out) = buf.get_mut(start..) {
            undo_e8(out, &e8_frames);
        }
    }
    Ok(st.blocks)
}

/// The end of a stream: it must have used its input exactly. Reading past
/// the end (zeros, at most two bytes: checked per frame) and bytes left
/// over are defects; `r` is left at the end of its window.
fn finish(r: &mut Reader<'_>, base: usize, len: usize, bits: &BitReader<'_>) -> Result<()> {
    let used = bits.byte_pos();
    if used > len {
        r.defect_at(
            ErrorKind::UnexpectedEnd {
                needed: (used - len) as u64,
                available: 0,
            },
            base + len,
            "missing bytes at the end of the stream read as zeros",
        )?;
    } else if used < len {
        r.defect_at(
            ErrorKind::TrailingBytes {
                count: (len - used) as u64,
            },
            base + used,
            "bytes after the end of the stream skipped",
        )?;
    }
    r.take_rest();
    Ok(())
}

/// The window of a stream being decoded.
///
/// Whole: `buf[start..end]` is the output so far (and the window).
///
/// Sliding: `buf` is a ring of `ring` bytes, the window size plus one
/// frame (or the whole stream when that is smaller, which then never
/// wraps). Output byte `n` of the stream is at `n % ring`, the reference
/// data at the end of the ring before output byte 0. Frames start at
/// multiples of [`FRAME_SIZE`], so a frame never wraps; a match's source
/// may. The frame of slack means the bytes just after the frame being
/// decoded are more than a window old, so matches may copy 16 bytes at a
/// time past their end (bounded by the frame's end). Frames of
/// uncompressed blocks are not copied in while only they follow one
/// another (see `lazy`).
struct Win<'w, 'a> {
    buf: Mem<'w>,
    /// Whole: the end of the output. Sliding: where the next frame starts
    /// (`ring` after a frame that ends there: wrapped by [`Win::prepare`]).
    end: usize,
    /// Whole: where the stream's window starts in `buf`.
    start: usize,
    window: usize,
    /// Sliding: the ring's size; 0 when whole.
    ring: usize,
    /// Sliding: how many bytes (reference and output) precede `end`.
    abs: usize,
    /// Sliding: the last frames, when they were all uncompressed, as the
    /// input slices they were copied from, with the ring offsets they
    /// belong at. They go to the sink straight from the input, and into
    /// `buf` only if a compressed block follows; at most the last
    /// `window` bytes are kept.
    lazy: VecDeque<(usize, &'a [u8])>,
    lazy_len: usize,
}

impl<'a> Win<'_, 'a> {
    fn sliding(&self) -> bool {
        self.ring != 0
    }

    /// Whole: makes `buf` at least `len` bytes long.
    fn ensure(&mut self, len: usize) {
        if let Mem::Grow(v) = &mut self.buf
            && v.len() < len
        {
            v.resize(len, 0);
        }
    }

    /// Whole: appends `data` at `end`.
    fn append(&mut self, data: &[u8]) {
        let end = self.end + data.len();
        if let Mem::Grow(v) = &mut self.buf
            && v.len() == self.end
        {
            v.extend_from_slice(data);
        } else {
            self.ensure(end);
            if let Some(dst) = self.buf.get_mut(self.end..end) {
                dst.copy_from_slice(data);
            }
        }
        self.end = end;
    }

    /// Sliding: wraps `end` at the end of the ring.
    fn wrap(&mut self) {
        if self.end >= self.ring {
            self.end = 0;
        }
    }

    /// Sliding: keeps `frame` (a whole frame of uncompressed data) out of
    /// `buf`.
    fn push_lazy(&mut self, frame: &'a [u8]) {
        self.wrap();
        self.lazy.push_back((self.end, frame));
        self.end += frame.len();
        self.abs += frame.len();
        self.lazy_len += frame.len();
        while let Some((_, f)) = self.lazy.front() {
            if self.lazy_len - f.len() < self.window {
                break;
            }
            self.lazy_len -= f.len();
            self.lazy.pop_front();
        }
    }

    /// Sliding: makes `end` the start of the next frame and copies the
    /// lazy frames into the ring.
    fn prepare(&mut self) {
        if !self.sliding() {
            return;
        }
        self.wrap();
        for (at, f) in self.lazy.drain(..) {
            if let Some(dst) = self.buf.get_mut(at..at + f.len()) {
                dst.copy_from_slice(f);
            }
        }
        self.lazy_len = 0;
    }

    /// Ends a decoded frame of `size` bytes that started at `start`.
    fn finish_frame(&mut self, start: usize, size: usize) {
        self.end = start + size;
        self.abs += size;
    }
}

/// Decodes blocks until a frame of `frame_size` bytes is complete: at the
/// end of the window buffer, or (sliding, a frame all in one uncompressed
/// block) returned as the input slice it is.
fn decode_frame<'a>(
    st: &mut State,
    bits: &mut BitReader<'a>,
    win: &mut Win<'_, 'a>,
    frame_size: usize,
    delta: bool,
) -> Res<Option<&'a [u8]>> {
    let mut prepared = false;
    let mut frame_start = win.end;
    let mut pos = 0usize;
    while pos < frame_size {
        if st.block_remaining == 0 {
            if st.block_type == Some(BlockType::Uncompressed) {
                if st.block_odd && !bits.skip_bytes(1) {
                    return Err(err(
                        ErrorKind::UnexpectedEnd {
                            needed: 1,
                            available: 0,
                        },
                        bits,
                    ));
                }
                st.block_odd = false;
            }
            read_block_header(st, bits)?;
            if bits.overrun() > 2 {
                return Err(err(
                    ErrorKind::UnexpectedEnd {
                        needed: 2,
                        available: 0,
                    },
                    bits,
                ));
            }
        }
        let run = st.block_remaining.min(frame_size - pos);
        let uncompressed = st.block_type == Some(BlockType::Uncompressed);
        let whole_frame = uncompressed && run == frame_size && win.sliding();
        if !prepared && !whole_frame {
            win.prepare();
            frame_start = win.end;
            prepared = true;
        }
        let (at, run_end) = (frame_start + pos, frame_start + pos + run);
        let frame_end = frame_start + frame_size;
        match st.block_type {
            Some(BlockType::Uncompressed) => {
                let src = bits.take_bytes(run).ok_or_else(|| {
                    err(
                        ErrorKind::UnexpectedEnd {
                            needed: run as u64,
                            available: 0,
                        },
                        bits,
                    )
                    .within("UncompressedBlock")
                })?;
                if whole_frame {
                    // Not copied: straight from the input to the sink.
                    st.block_remaining -= run;
                    end_uncompressed(st, bits)?;
                    win.push_lazy(src);
                    return Ok(Some(src));
                }
                // Copied straight from the input into the window.
                if let Mem::Grow(v) = &mut win.buf
                    && v.len() == at
                {
                    v.extend_from_slice(src);
                } else {
                    win.ensure(run_end);
                    if let Some(dst) = win.buf.get_mut(at..run_end) {
                        dst.copy_from_slice(src);
                    }
                }
            }
            Some(bt) => {
                // Compressed runs write anywhere up to the frame's end
                // (matches may copy 16 bytes at a time past their end,
                // into bytes decoded later).
                // Whole: the output is `buf[start..]`, so the history at
                // `at` is `at - start`. Sliding: the ring, whose offset
                // `frame_start` follows `abs` bytes.
                let (len, history) = if win.sliding() {
                    (win.ring, win.abs - frame_start)
                } else {
                    win.ensure(frame_end);
                    (frame_end, 0usize.wrapping_sub(win.start))
                };
                let out = win.buf.get_mut(..len).unwrap_or_default();
                let span = Span {
                    pos: at,
                    run_end,
                    frame_end,
                    history,
                    window: win.window,
                };
                decode_run(st, bits, out, span, delta, bt)?;
            }
            None => return Err(malformed("no block", bits)),
        }
        pos += run;
        st.block_remaining -= run;
        end_uncompressed(st, bits)?;
    }
    win.finish_frame(frame_start, frame_size);
    Ok(None)
}

/// After a run: the padding byte after an uncompressed block of odd size,
/// once the block is done.
fn end_uncompressed(st: &mut State, bits: &mut BitReader<'_>) -> Res<()> {
    if st.block_remaining == 0 && st.block_type == Some(BlockType::Uncompressed) && st.block_odd {
        if !bits.skip_bytes(1) {
            return Err(err(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                bits,
            ));
        }
        st.block_odd = false;
    }
    Ok(())
}

/// [MS-PATCH] 2.3.1 Block Header and the type-specific headers.
fn read_block_header(st: &mut State, bits: &mut BitReader<'_>) -> Res<()> {
    let t = bits.read(3);
    let bt = match t {
        1 => BlockType::Verbatim,
        2 => BlockType::Aligned,
        3 => BlockType::Uncompressed,
        _ => {
            return Err(err(
                ErrorKind::InvalidValue {
                    field: "Block Type",
                    value: u64::from(t),
                },
                bits,
            )
            .within("BlockHeader"));
        }
    };
    let hi = bits.read(16);
    let lo = bits.read(8);
    let size = ((hi << 8) | lo) as usize;
    match bt {
        BlockType::Aligned | BlockType::Verbatim => {
            if bt == BlockType::Aligned {
                for l in st.aligned_lens.iter_mut() {
                    *l = bits.read(3) as u8;
                }
                st.aligned
                    .build(&st.aligned_lens, ALIGNED_BITS)
                    .map_err(|e| {
                        tree_error(e, "aligned offset", bits).within("AlignedOffsetTree")
                    })?;
                if st.aligned.is_empty() {
                    return Err(
                        malformed("empty aligned offset tree", bits).within("AlignedOffsetTree")
                    );
                }
            }
            let n = st.main_lens.len();
            read_lengths(st, Which::Main, 0, NUM_CHARS, bits).map_err(|e| e.within("MainTree"))?;
            read_lengths(st, Which::Main, NUM_CHARS, n, bits).map_err(|e| e.within("MainTree"))?;
            st.main
                .build(&st.main_lens, MAIN_BITS)
                .map_err(|e| tree_error(e, "main", bits).within("MainTree"))?;
            if st.main_lens.get(0xE8).is_some_and(|&l| l != 0) {
                st.e8_started = true;
            }
            if st.main.is_empty() {
                return Err(malformed("empty main tree", bits).within("MainTree"));
            }
            read_lengths(st, Which::Length, 0, LENGTH_SYMBOLS, bits)
                .map_err(|e| e.within("LengthTree"))?;
            st.length
                .build(&st.length_lens, LENGTH_BITS)
                .map_err(|e| tree_error(e, "length", bits).within("LengthTree"))?;
        }
        BlockType::Uncompressed => {
            st.e8_started = true;
            bits.align_uncompressed();
            let r = bits.take_bytes(12).ok_or_else(|| {
                err(
                    ErrorKind::UnexpectedEnd {
                        needed: 12,
                        available: 0,
                    },
                    bits,
                )
                .within("UncompressedBlock")
            })?;
            for (i, c) in r.chunks_exact(4).enumerate() {
                if let (Some(slot), [a, b, cc, d]) = (st.r.get_mut(i), c) {
                    *slot = u32::from_le_bytes([*a, *b, *cc, *d]);
                }
            }
            st.block_odd = size & 1 == 1;
        }
    }
    st.block_type = Some(bt);
    st.block_remaining = size;
    if st.blocks.len() < 1 << 16 {
        st.blocks.push((bt, size));
    }
    Ok(())
}

/// Where [`decode_run`] decodes: `out[pos..run_end]`, in a frame ending at
/// `frame_end`.
struct Span {
    pos: usize,
    run_end: usize,
    /// Bytes from `run_end` to here may be overwritten (they are decoded
    /// later).
    frame_end: usize,
    /// The bytes of history before `out[p]` are `p + history` (wrapping:
    /// whole windows pass minus their start).
    history: usize,
    window: usize,
}

/// Decodes verbatim or aligned symbols into `out[span.pos..span.run_end]`.
/// `out` is the window: linear (whole), or the ring (sliding; a match's
/// source wraps at `out.len()`, see [`Win`]).
#[inline(never)]
fn decode_run(
    st: &mut State,
    bits: &mut BitReader<'_>,
    out: &mut [u8],
    span: Span,
    delta: bool,
    bt: BlockType,
) -> Res<usize> {
    let Span {
        mut pos,
        run_end,
        frame_end,
        history,
        window,
    } = span;
    let aligned = bt == BlockType::Aligned;
    let mut r = st.r;
    let main = &st.main;
    let lengths = &st.length;
    let aligned_tree = &st.aligned;
    let result = loop {
        if pos >= run_end {
            break Ok(pos);
        }
        // Two symbols per refill: a code is at most 16 bits.
        bits.ensure32();
        let mut sym = fast_sym::<MAIN_BITS>(main, bits) as usize;
        if sym < NUM_CHARS {
            if let Some(b) = out.get_mut(pos) {
                *b = sym as u8;
            }
            pos += 1;
            if pos >= run_end {
                break Ok(pos);
            }
            sym = fast_sym::<MAIN_BITS>(main, bits) as usize;
            if sym < NUM_CHARS {
                if let Some(b) = out.get_mut(pos) {
                    *b = sym as u8;
                }
                pos += 1;
                continue;
            }
        }
        let m = sym - NUM_CHARS;
        let mut length = m & NUM_PRIMARY_LENGTHS;
        bits.ensure32();
        if length == NUM_PRIMARY_LENGTHS {
            if lengths.is_empty() {
                break Err(malformed(
                    "length symbol needed but the length tree is empty",
                    bits,
                ));
            }
            length += fast_sym::<LENGTH_BITS>(lengths, bits) as usize;
        }
        length += MIN_MATCH;
        let slot = m >> 3;
        let offset = match slot {
            0 => r[0],
            1 => {
                r.swap(0, 1);
                r[0]
            }
            2 => {
                r.swap(0, 2);
                r[0]
            }
            _ => {
                let extra = u32::from(EXTRA_BITS.get(slot).copied().unwrap_or(17));
                let base = POSITION_BASE.get(slot).copied().unwrap_or(0);
                let mut o = base.wrapping_sub(2);
                bits.ensure32();
                if aligned && extra >= 3 {
                    // At most 14 verbatim bits, then an aligned code of
                    // at most 7: within the 32 bits buffered.
                    let v = bits.peek(extra - 3);
                    bits.consume(extra - 3);
                    o = o.wrapping_add(v << 3);
                    o = o.wrapping_add(fast_sym::<ALIGNED_BITS>(aligned_tree, bits));
                } else {
                    let v = bits.peek(extra);
                    bits.consume(extra);
                    o = o.wrapping_add(v);
                }
                r[2] = r[1];
                r[1] = r[0];
                r[0] = o;
                o
            }
        };
        if delta && length == MAX_MATCH {
            // [MS-PATCH] 2.6.6 Extra Length Field.
            bits.ensure32();
            let extra = if bits.peek(1) == 0 {
                bits.consume(1);
                bits.read(8)
            } else if bits.peek(2) == 2 {
                bits.consume(2);
                bits.read(10) + 0x100
            } else if bits.peek(3) == 6 {
                bits.consume(3);
                bits.read(12) + 0x500
            } else {
                bits.consume(3);
                bits.read(15)
            };
            length += extra as usize;
        }
        let offset = offset as usize;
        if length > run_end - pos {
            break Err(malformed(
                "match runs past the end of its block or frame",
                bits,
            ));
        }
        if offset == 0 || offset > pos.wrapping_add(history) || offset > window {
            break Err(err(
                ErrorKind::InvalidValue {
                    field: "match offset",
                    value: offset as u64,
                },
                bits,
            ));
        }
        if offset <= pos {
            copy_match(out, pos, offset, length, frame_end);
        } else {
            copy_wrapped(out, pos, offset, length, frame_end);
        }
        pos += length;
        if bits.past_end() && bits.overrun() > 2 {
            break Err(err(
                ErrorKind::UnexpectedEnd {
                    needed: 2,
                    available: 0,
                },
                bits,
            ));
        }
    };
    st.r = r;
    result
}

/// A match whose source starts before the ring's offset 0 (sliding; `pos <
/// offset <= out.len()`, `pos + length <= limit <= out.len()`): the part
/// from the ring's end, then the rest as an ordinary match.
#[cold]
fn copy_wrapped(out: &mut [u8], pos: usize, offset: usize, length: usize, limit: usize) {
    let src = pos + out.len() - offset;
    let n = (out.len() - src).min(length);
    // The source is after the destination in the ring and more than a
    // window old: a forward copy never reads a byte it wrote, which is
    // what `copy_within` (memmove) gives.
    out.copy_within(src..src + n, pos);
    if n < length {
        // Now `pos + n == offset`: the rest comes from the ring's start.
        copy_match(out, pos + n, offset, length - n, limit);
    }
}

/// Copies `length` bytes from `offset` back (1 <= offset <= pos, pos +
/// length <= limit <= out.len(), both checked by the caller); may
/// overwrite up to 15 bytes after them, before `limit`.
#[inline(always)]
fn copy_match(out: &mut [u8], pos: usize, offset: usize, length: usize, limit: usize) {
    let src = pos - offset;
    let end = pos + length;
    if offset >= 16 && end + 16 <= limit && length <= 64 {
        // 16 bytes at a time: each chunk reads bytes written before it.
        let mut s = src;
        let mut d = pos;
        while d < end {
            out.copy_within(s..s + 16, d);
            s += 16;
            d += 16;
        }
    } else if offset >= length {
        out.copy_within(src..src + length, pos);
    } else if offset == 1 {
        let b = out.get(src).copied().unwrap_or(0);
        if let Some(d) = out.get_mut(pos..end) {
            d.fill(b);
        }
    } else if length <= 32 {
        for i in pos..end {
            let b = out.get(i - offset).copied().unwrap_or(0);
            if let Some(d) = out.get_mut(i) {
                *d = b;
            }
        }
    } else {
        // Overlapping: the copied pattern doubles each time.
        let mut done = 0;
        while done < length {
            let n = (pos + done - src).min(length - done);
            out.copy_within(src..src + n, pos + done);
            done += n;
        }
    }
}

/// E8 translation applies to the first 32768 frames (1 GiB) only.
const E8_FRAMES: u32 = 32768;

/// [MS-PATCH] 2.4 / 3.1: undoes E8 call translation, frame by frame, for
/// the first 32768 frames (1 GiB) of a whole output.
fn undo_e8(out: &mut [u8], frames: &[Option<u32>]) {
    for (i, size) in frames.iter().enumerate().take(E8_FRAMES as usize) {
        let Some(size) = *size else { continue };
        let start = i * FRAME_SIZE;
        let end = (start + FRAME_SIZE).min(out.len());
        if let Some(frame) = out.get_mut(start..end) {
            undo_e8_frame(frame, start, size);
        }
    }
}

/// [MS-PATCH] 2.4: undoes E8 call translation in one frame whose first
/// byte is byte `start` of the output, with translation size `size`.
// Indexing is in bounds: `j < limit == frame.len() - 10`, so `j + 4 <
// frame.len()`.
#[allow(clippy::indexing_slicing)]
fn undo_e8_frame(frame: &mut [u8], start: usize, size: u32) {
    if frame.len() <= 10 {
        return;
    }
    let filesize = i64::from(size as i32);
    let limit = frame.len() - 10;
    let mut j = 0;
    loop {
        j = find_e8(frame, j, limit);
        if j >= limit {
            break;
        }
        let curpos = (start + j) as i64;
        let abs = i64::from(i32::from_le_bytes([
            frame[j + 1],
            frame[j + 2],
            frame[j + 3],
            frame[j + 4],
        ]));
        if abs >= -curpos && abs < filesize {
            let rel = if abs >= 0 {
                abs - curpos
            } else {
                abs + filesize
            };
            frame[j + 1..j + 5].copy_from_slice(&(rel as i32).to_le_bytes());
        }
        j += 5;
    }
}

/// Whether [`undo_e8_frame`] would find an E8 byte to look at in `frame`.
fn has_e8(frame: &[u8]) -> bool {
    let limit = frame.len().saturating_sub(10);
    find_e8(frame, 0, limit) < limit
}

/// The first `j` in `from..limit` with `s[j] == 0xE8`, or `limit` (`limit
/// <= s.len()`): memchr's SSE2 search on x86-64 (every x86-64 CPU has
/// SSE2, so nothing is detected at run time: the detection's CPUID
/// instructions cost a process in a virtual machine more than the wider
/// search saves on a stream's frames), its general one elsewhere.
fn find_e8(s: &[u8], from: usize, limit: usize) -> usize {
    let Some(t) = s.get(from..limit) else {
        return limit;
    };
    #[cfg(target_arch = "x86_64")]
    if let Some(f) = memchr::arch::x86_64::sse2::memchr::One::new(0xE8) {
        return f.find(t).map_or(limit, |k| from + k);
    }
    memchr::memchr(0xE8, t).map_or(limit, |k| from + k)
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn find_e8_finds_the_first() {
        let mut v = vec![0u8; 40];
        assert_eq!(find_e8(&v, 0, 40), 40);
        for at in [0, 1, 7, 8, 9, 15, 33, 39] {
            v.fill(0xE7);
            v[at] = 0xE8;
            if at + 2 < 40 {
                v[at + 2] = 0xE8;
            }
            assert_eq!(find_e8(&v, 0, 40), at);
            assert_eq!(find_e8(&v, 0, at), at);
            assert_eq!(find_e8(&v, at + 1, 40), (at + 2).min(40));
        }
        // 0xE9 right after 0xE8 (a borrow) does not hide or fake a match.
        let w = [0x00, 0xE9, 0xE8, 0xE9, 0, 0, 0, 0, 0, 0];
        assert_eq!(find_e8(&w, 0, 10), 2);
    }

    /// The end of a stream read past (zeros, as libmspack supplies) is a
    /// defect at the end of the input; bytes left over are a defect where
    /// they start.
    #[test]
    fn stream_end_defects() {
        let input = [0x12u8, 0x34, 0x56];
        for (reads, kind_is_end, at) in [(2, true, 3), (1, false, 2)] {
            let mut bits = BitReader::new(&input);
            for _ in 0..reads {
                bits.read(16);
            }
            bits.align_word();
            let mut strict = Reader::with_options(&input, &Options::strict());
            let e = finish(&mut strict, 0, input.len(), &bits).unwrap_err();
            assert_eq!(e.is_unexpected_end(), kind_is_end, "{e}");
            assert_eq!(e.offset(), Some(at));
            let mut lenient = Reader::with_options(&input, &Options::lenient());
            finish(&mut lenient, 0, input.len(), &bits).unwrap();
            assert!(lenient.is_empty());
            assert_eq!(lenient.defects()[0].offset(), Some(at));
        }
    }
}
