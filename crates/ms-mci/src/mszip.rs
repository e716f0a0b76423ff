//! [MS-MCI] 2 Structures: MSZIP blocks, decoded and encoded.
//!
//! An MSZIP block is the signature `CK` (0x43 0x4B) followed by one raw
//! deflate stream (RFC 1951) whose last deflate block is marked final. A
//! block stands for at most 32 KiB of data. Blocks are not independent: the
//! deflate history (the last 32 KiB of output) carries over from one block to
//! the next, while the Huffman trees do not. That is exactly a raw deflate
//! stream started with the previous output as its preset dictionary, which is
//! how both directions are implemented here (flate2 on the pure-Rust zlib-rs
//! backend).
//!
//! - [`MszipDecoder`] / [`MszipEncoder`]: one block at a time, for
//!   containers that frame the blocks themselves (cabinet CFDATA, OAB).
//! - [`decompress`] / [`compress`]: a plain concatenation of blocks, each
//!   ending where its deflate stream ends (the framing `msox mszip` reads
//!   and writes).

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};
use msox_codec::{Decoded, Error, ErrorKind, Options, Reader, Result, Sink};

/// [MS-MCI] 2: the two signature bytes at the front of every MSZIP block.
pub const SIGNATURE: [u8; 2] = *b"CK";

/// [MS-MCI] 2: the most data one MSZIP block may stand for (32 KiB).
pub const MAX_BLOCK_DATA: usize = 32 * 1024;

/// [MS-MCI] 2: the largest compressed MSZIP block, signature included
/// (32 KiB + 12 bytes: the data split over two stored deflate blocks).
pub const MAX_BLOCK_COMPRESSED: usize = MAX_BLOCK_DATA + 12;

/// Deflate's window: the history a block may refer back into.
const HISTORY: usize = 32 * 1024;

/// Keeps the last [`HISTORY`] bytes of `data` appended to `history`.
fn push_history(history: &mut Vec<u8>, data: &[u8]) {
    if data.len() >= HISTORY {
        history.clear();
        history.extend_from_slice(data.get(data.len() - HISTORY..).unwrap_or_default());
    } else {
        let keep = HISTORY - data.len();
        if history.len() > keep {
            history.drain(..history.len() - keep);
        }
        history.extend_from_slice(data);
    }
}

/// [MS-MCI] 2: decodes MSZIP blocks one at a time, keeping the history
/// between them.
///
/// The decoder holds the 32 KiB history and one block's output; each
/// block's data goes to a [`Sink`] as soon as it is inflated, so memory
/// stays flat however many blocks a stream has.
///
/// ```
/// use ms_mci::{MszipDecoder, MszipEncoder};
///
/// let data = b"one block, then another block that repeats one block".repeat(2000);
/// let mut enc = MszipEncoder::new(6);
/// let mut dec = MszipDecoder::new();
/// let mut out = Vec::new();
/// for chunk in data.chunks(ms_mci::MAX_BLOCK_DATA) {
///     let mut block = Vec::new();
///     enc.encode_block(chunk, &mut block)?;
///     assert_eq!(&block[..2], b"CK");
///     dec.decode_block(&block, chunk.len(), &mut out)?;
/// }
/// assert_eq!(out, data);
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub struct MszipDecoder {
    inflate: Decompress,
    history: Vec<u8>,
    scratch: Vec<u8>,
}

impl std::fmt::Debug for MszipDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MszipDecoder")
            .field("history", &self.history.len())
            .finish()
    }
}

impl Default for MszipDecoder {
    fn default() -> Self {
        Self::new()
    }
}

/// How one block's deflate stream ended (internal).
struct Inflated {
    consumed: usize,
    produced: usize,
    stream_end: bool,
}

/// Invalid deflate data: zlib's message and the body bytes it had taken.
struct InflateError {
    message: String,
    consumed: usize,
}

impl MszipDecoder {
    /// A decoder with empty history (the start of a cabinet folder).
    pub fn new() -> Self {
        Self {
            inflate: Decompress::new(false),
            history: Vec::with_capacity(HISTORY),
            scratch: vec![0; MAX_BLOCK_DATA + 1],
        }
    }

    /// Forgets the history: the next block starts a new stream.
    pub fn reset(&mut self) {
        self.history.clear();
    }

    /// Takes `data`, produced outside MSZIP between two blocks (a stored
    /// block of a container that mixes them), as history for the next
    /// block.
    pub fn extend_history(&mut self, data: &[u8]) {
        push_history(&mut self.history, data);
    }

    /// Inflates `body` (a block without its signature) into `self.scratch`.
    fn inflate_body(&mut self, body: &[u8]) -> std::result::Result<Inflated, InflateError> {
        self.inflate.reset(false);
        if !self.history.is_empty() {
            self.inflate
                .set_dictionary(&self.history)
                .map_err(|e| InflateError {
                    message: format!("deflate history refused: {e}"),
                    consumed: 0,
                })?;
        }
        let status = self
            .inflate
            .decompress(body, &mut self.scratch, FlushDecompress::Finish);
        let consumed = usize::try_from(self.inflate.total_in())
            .unwrap_or(usize::MAX)
            .min(body.len());
        let produced = usize::try_from(self.inflate.total_out())
            .unwrap_or(usize::MAX)
            .min(self.scratch.len());
        match status {
            Ok(s) => Ok(Inflated {
                consumed,
                produced,
                stream_end: s == Status::StreamEnd,
            }),
            Err(e) => Err(InflateError {
                message: format!("invalid deflate data: {e}"),
                consumed,
            }),
        }
    }

    /// Reads the `CK` signature and inflates the deflate stream after it
    /// (in the rest of `r`'s window); `r` is left after the bytes inflate
    /// used.
    fn signature_and_body(&mut self, r: &mut Reader<'_>) -> Result<Inflated> {
        let at = r.pos();
        let sig = r.array::<2>()?;
        if sig != SIGNATURE {
            return Err(r.error_at(
                ErrorKind::BadSignature {
                    expected: u64::from(u16::from_le_bytes(SIGNATURE)),
                    found: u64::from(u16::from_le_bytes(sig)),
                },
                at,
            ));
        }
        let body_at = r.pos();
        match self.inflate_body(r.rest()) {
            Ok(i) => {
                r.skip(i.consumed)?;
                Ok(i)
            }
            Err(e) => Err(r.error_at(ErrorKind::Malformed(e.message.into()), body_at + e.consumed)),
        }
    }

    /// Charges the block just inflated (which started at `start`) to the
    /// session's output budget, hands it to `out` and keeps it as history.
    fn emit(
        &mut self,
        r: &mut Reader<'_>,
        start: usize,
        produced: usize,
        out: &mut impl Sink,
    ) -> Result<()> {
        r.session_mut()
            .charge_output(produced)
            .map_err(|k| r.error_at(k, start))?;
        let data = self.scratch.get(..produced).unwrap_or_default();
        out.write(data)?;
        if produced >= HISTORY {
            // A whole window: the block's buffer becomes the history (no
            // copy), the old history's buffer the next block's.
            std::mem::swap(&mut self.history, &mut self.scratch);
            self.history.drain(..produced - HISTORY);
            self.history.truncate(HISTORY);
            self.scratch.resize(MAX_BLOCK_DATA + 1, 0);
        } else {
            push_history(&mut self.history, data);
        }
        Ok(())
    }

    /// [MS-MCI] 2: decodes one MSZIP block framed by its container (a
    /// cabinet's CFDATA): the block is the rest of `r`'s window (give it
    /// one with [`Reader::sub`]) and stands for `uncompressed_size` bytes,
    /// which go to `out` and are charged to the session's output budget.
    ///
    /// Errors: `uncompressed_size` over 32 KiB, a missing `CK` signature,
    /// invalid deflate data, and output shorter or longer than
    /// `uncompressed_size`. Defects (errors in strict mode): a deflate
    /// stream whose last block is not marked final (read up to
    /// `uncompressed_size` bytes) and bytes after the end of the deflate
    /// stream (skipped).
    pub fn read_block(
        &mut self,
        r: &mut Reader<'_>,
        uncompressed_size: usize,
        out: &mut impl Sink,
    ) -> Result<()> {
        r.frame("MszipBlock", |r| {
            if uncompressed_size > MAX_BLOCK_DATA {
                return Err(r.error(ErrorKind::LimitExceeded {
                    what: "MSZIP block size",
                    value: uncompressed_size as u64,
                    max: MAX_BLOCK_DATA as u64,
                }));
            }
            let start = r.pos();
            let inflated = self.signature_and_body(r)?;
            if inflated.produced != uncompressed_size {
                let kind = if inflated.produced > uncompressed_size {
                    ErrorKind::Malformed(
                        format!("MSZIP block inflates to more than its {uncompressed_size} bytes")
                            .into(),
                    )
                } else {
                    ErrorKind::UnexpectedEnd {
                        needed: uncompressed_size as u64,
                        available: inflated.produced as u64,
                    }
                };
                return Err(r.error(kind));
            }
            if !inflated.stream_end {
                r.defect(
                    ErrorKind::Malformed("the last deflate block is not marked final".into()),
                    "block read up to its declared size",
                )?;
            }
            if !r.is_empty() {
                let count = r.remaining() as u64;
                r.defect(
                    ErrorKind::TrailingBytes { count },
                    "bytes after the deflate stream skipped",
                )?;
                r.take_rest();
            }
            self.emit(r, start, inflated.produced, out)
        })
    }

    /// [MS-MCI] 2: decodes the block at `r`'s position whose size is not
    /// known (a plain concatenation of blocks): its deflate stream must end
    /// with a final block; `r` is left after it. Returns the bytes produced
    /// (written to `out`, charged to the session's output budget).
    pub fn read_next(&mut self, r: &mut Reader<'_>, out: &mut impl Sink) -> Result<usize> {
        r.frame("MszipBlock", |r| self.next_block(r, out))
    }

    fn next_block(&mut self, r: &mut Reader<'_>, out: &mut impl Sink) -> Result<usize> {
        let start = r.pos();
        let inflated = self.signature_and_body(r)?;
        if inflated.produced > MAX_BLOCK_DATA {
            return Err(r.error(ErrorKind::LimitExceeded {
                what: "MSZIP block size",
                value: inflated.produced as u64,
                max: MAX_BLOCK_DATA as u64,
            }));
        }
        if !inflated.stream_end {
            return Err(r.error(ErrorKind::UnexpectedEnd {
                needed: 1,
                available: 0,
            }));
        }
        self.emit(r, start, inflated.produced, out)?;
        Ok(inflated.produced)
    }

    /// [`MszipDecoder::read_block`] on a block given as a slice (all of
    /// `block`), in strict mode; the data is appended to `out`.
    pub fn decode_block(
        &mut self,
        block: &[u8],
        uncompressed_size: usize,
        out: &mut impl Sink,
    ) -> Result<()> {
        let mut r = Reader::with_options(block, &Options::strict());
        self.read_block(&mut r, uncompressed_size, out)
    }
}

/// [MS-MCI] 2: decodes the concatenation of MSZIP blocks that fills the
/// rest of `r`'s window (each block ending where its deflate stream ends)
/// into `out`, one block at a time. Returns the bytes produced. Errors
/// name the block: `MszipBlock[3]`.
pub fn read_stream(r: &mut Reader<'_>, out: &mut impl Sink) -> Result<u64> {
    let mut dec = MszipDecoder::new();
    let mut total = 0u64;
    let mut i = 0usize;
    while !r.is_empty() {
        let n = r.frame_indexed("MszipBlock", i, |r| dec.next_block(r, out))?;
        total += n as u64;
        i += 1;
    }
    Ok(total)
}

/// Decodes a concatenation of MSZIP blocks into `out`, streaming: the
/// decoder holds one block and the 32 KiB history, whatever the output
/// size. The output is charged to the output budget of `options`
/// ([`msox_codec::Limits::output_cap`] of the input size). Returns the
/// bytes written, with the defects.
pub fn decompress_to(input: &[u8], options: &Options, out: &mut impl Sink) -> Result<Decoded<u64>> {
    let mut r = Reader::with_options(input, options);
    let n = read_stream(&mut r, out)?;
    Ok(r.into_decoded(n))
}

/// Decodes a concatenation of MSZIP blocks into a new vector (see
/// [`decompress_to`]).
///
/// ```
/// use msox_codec::{Limits, Options};
/// let packed = ms_mci::compress(&[7u8; 100_000], 9);
/// let out = ms_mci::decompress(&packed, &Options::strict())?;
/// assert_eq!(out.value.len(), 100_000);
///
/// // The output budget stops a decompression bomb.
/// let small = Options::strict().with_limits(Limits::DEFAULT.with_max_output(1000));
/// let err = ms_mci::decompress(&packed, &small).unwrap_err();
/// assert!(err.is_limit());
/// assert_eq!(err.path().to_string(), "MszipBlock[0]");
/// # Ok::<(), msox_codec::Error>(())
/// ```
pub fn decompress(input: &[u8], options: &Options) -> Result<Decoded<Vec<u8>>> {
    // Grown as blocks are produced; reserved up front only to a small cap.
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(1 << 20));
    let d = decompress_to(input, options, &mut out)?;
    Ok(d.map(|_| out))
}

/// [MS-MCI] 2: encodes MSZIP blocks one at a time, each using the data
/// before it as history.
pub struct MszipEncoder {
    deflate: Compress,
    history: Vec<u8>,
    scratch: Vec<u8>,
}

impl std::fmt::Debug for MszipEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MszipEncoder")
            .field("history", &self.history.len())
            .finish()
    }
}

impl MszipEncoder {
    /// An encoder at deflate level `level` (0 = stored, 1 = fastest, 9 =
    /// smallest; larger values are taken as 9).
    pub fn new(level: u32) -> Self {
        Self {
            deflate: Compress::new(Compression::new(level.min(9)), false),
            history: Vec::with_capacity(HISTORY),
            // Room for any deflate output of 32 KiB (level 1's static codes can
            // expand random data by 1/8); blocks over the spec's limit are
            // re-encoded as stored blocks.
            scratch: vec![0; 2 * MAX_BLOCK_DATA + 1024],
        }
    }

    /// Forgets the history: the next block starts a new stream.
    pub fn reset(&mut self) {
        self.history.clear();
    }

    /// Encodes `data` (at most 32 KiB) as one MSZIP block appended to `out`:
    /// `CK`, then a raw deflate stream that ends with a final block.
    pub fn encode_block(&mut self, data: &[u8], out: &mut Vec<u8>) -> Result<()> {
        if data.len() > MAX_BLOCK_DATA {
            return Err(Error::too_large(
                "MSZIP block data",
                data.len() as u64,
                MAX_BLOCK_DATA as u64,
            ));
        }
        self.deflate.reset();
        if !self.history.is_empty() {
            self.deflate.set_dictionary(&self.history).map_err(|e| {
                Error::new(ErrorKind::Unsupported(
                    format!("deflate preset dictionary: {e}").into(),
                ))
            })?;
        }
        let status = self
            .deflate
            .compress(data, &mut self.scratch, FlushCompress::Finish)
            .map_err(|e| Error::new(ErrorKind::Unsupported(format!("deflate: {e}").into())))?;
        let produced = usize::try_from(self.deflate.total_out()).unwrap_or(usize::MAX);
        out.extend_from_slice(&SIGNATURE);
        if status != Status::StreamEnd || produced + 2 > MAX_BLOCK_COMPRESSED {
            // Incompressible: one stored block (always within the limit).
            store(data, out);
        } else {
            out.extend_from_slice(self.scratch.get(..produced).unwrap_or_default());
        }
        push_history(&mut self.history, data);
        Ok(())
    }
}

/// Encodes `data` as a concatenation of MSZIP blocks of 32 KiB (the last
/// one shorter) at deflate level `level` (0..=9). Empty input gives no
/// blocks.
pub fn compress(data: &[u8], level: u32) -> Vec<u8> {
    let mut enc = MszipEncoder::new(level);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    for chunk in data.chunks(MAX_BLOCK_DATA) {
        // A chunk of at most 32 KiB always fits a block (stored at worst).
        if enc.encode_block(chunk, &mut out).is_err() {
            // Unreachable with zlib-rs; fall back to a stored block.
            out.extend_from_slice(&SIGNATURE);
            store(chunk, &mut out);
            push_history(&mut enc.history, chunk);
        }
    }
    out
}

/// Writes `data` (at most 65535 bytes) as one final stored deflate block.
fn store(data: &[u8], out: &mut Vec<u8>) {
    let len = u16::try_from(data.len()).unwrap_or(u16::MAX);
    out.push(1);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data.get(..usize::from(len)).unwrap_or(data));
}

// Unit tests: an unwrap/expect/panic here fails the test; no decoder input reaches them.
#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn round_trip_sizes() {
        for n in [0usize, 1, 100, 32768, 32769, 100_000] {
            let data: Vec<u8> = (0..n).map(|i| (i * 7 % 251) as u8).collect();
            for level in [0, 1, 6, 9] {
                let c = compress(&data, level);
                assert_eq!(
                    decompress(&c, &Options::strict()).unwrap().value,
                    data,
                    "n={n} level={level}"
                );
            }
        }
    }

    #[test]
    fn history_is_used() {
        // The second block repeats the first: it must be tiny.
        let first: Vec<u8> = (0..32768u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 24) as u8)
            .collect();
        let mut data = first.clone();
        data.extend_from_slice(&first);
        let c = compress(&data, 6);
        assert!(c.len() < 32768 + 2000, "{}", c.len());
        assert_eq!(decompress(&c, &Options::strict()).unwrap().value, data);
    }

    #[test]
    fn history_over_blocks_of_every_size() {
        // Short and whole blocks in any order: the history is the last
        // 32 KiB whichever way it was kept.
        let data: Vec<u8> = (0..250_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 27) as u8 ^ (i / 5000) as u8)
            .collect();
        let sizes = [
            100usize, 32768, 5000, 32768, 32768, 17, 32000, 32768, 1, 32768,
        ];
        let mut enc = MszipEncoder::new(6);
        let mut dec = MszipDecoder::new();
        let mut out = Vec::new();
        let mut at = 0;
        for n in sizes {
            let chunk = &data[at..at + n];
            at += n;
            let mut block = Vec::new();
            enc.encode_block(chunk, &mut block).unwrap();
            dec.decode_block(&block, n, &mut out).unwrap();
        }
        assert!(out == data[..at]);
    }

    #[test]
    fn bad_signature() {
        let e = decompress(b"XX\x03\x00", &Options::strict()).unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }));
    }
}
