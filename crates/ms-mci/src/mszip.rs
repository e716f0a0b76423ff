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
use msox_codec::{Error, ErrorKind, Limits, Result};

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

/// How one block ended (internal).
struct Inflated {
    consumed: usize,
    produced: usize,
    stream_end: bool,
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

    /// Inflates `body` (a block without its signature) into `self.scratch`.
    fn inflate_body(&mut self, body: &[u8]) -> Result<Inflated> {
        self.inflate.reset(false);
        if !self.history.is_empty() {
            self.inflate.set_dictionary(&self.history).map_err(|e| {
                Error::new(ErrorKind::Malformed(
                    format!("deflate history refused: {e}").into(),
                ))
            })?;
        }
        let status = self
            .inflate
            .decompress(body, &mut self.scratch, FlushDecompress::Finish);
        let consumed = usize::try_from(self.inflate.total_in()).unwrap_or(usize::MAX);
        let produced = usize::try_from(self.inflate.total_out()).unwrap_or(usize::MAX);
        match status {
            Ok(Status::StreamEnd) => Ok(Inflated {
                consumed,
                produced,
                stream_end: true,
            }),
            Ok(_) => Ok(Inflated {
                consumed,
                produced,
                stream_end: false,
            }),
            Err(e) => Err(Error::at_offset(
                ErrorKind::Malformed(format!("invalid deflate data: {e}").into()),
                consumed.saturating_add(2),
            )),
        }
    }

    /// Decodes one MSZIP block (signature and deflate data, as a container
    /// frames it) that stands for `uncompressed_size` bytes, appending them to
    /// `out`.
    ///
    /// Errors: a missing `CK` signature, `uncompressed_size` over 32 KiB,
    /// invalid deflate data, and output that is shorter or longer than
    /// `uncompressed_size`. Bytes after the end of the deflate stream are
    /// ignored (cabinet writers pad); a stream without a final block is
    /// accepted once it has produced `uncompressed_size` bytes.
    pub fn decode_block(
        &mut self,
        block: &[u8],
        uncompressed_size: usize,
        out: &mut Vec<u8>,
    ) -> Result<()> {
        if uncompressed_size > MAX_BLOCK_DATA {
            return Err(Error::at_offset(
                ErrorKind::LimitExceeded {
                    what: "MSZIP block size",
                    value: uncompressed_size as u64,
                    max: MAX_BLOCK_DATA as u64,
                },
                0,
            )
            .context("MszipBlock"));
        }
        let body = check_signature(block).map_err(|e| e.context("MszipBlock"))?;
        let r = self
            .inflate_body(body)
            .map_err(|e| e.context("MszipBlock"))?;
        if r.produced != uncompressed_size {
            let kind = if r.produced > uncompressed_size {
                ErrorKind::Malformed(
                    format!("MSZIP block inflates to more than its {uncompressed_size} bytes")
                        .into(),
                )
            } else {
                ErrorKind::UnexpectedEnd {
                    needed: uncompressed_size as u64,
                    available: r.produced as u64,
                }
            };
            return Err(Error::at_offset(kind, r.consumed.saturating_add(2)).context("MszipBlock"));
        }
        let data = self.scratch.get(..r.produced).unwrap_or_default();
        out.extend_from_slice(data);
        push_history(&mut self.history, data);
        Ok(())
    }

    /// Decodes the block at the front of `input` whose size is not known:
    /// returns the bytes of `input` it used. The deflate stream must end.
    pub fn decode_next(&mut self, input: &[u8], out: &mut Vec<u8>) -> Result<usize> {
        let body = check_signature(input).map_err(|e| e.context("MszipBlock"))?;
        let r = self
            .inflate_body(body)
            .map_err(|e| e.context("MszipBlock"))?;
        if r.produced > MAX_BLOCK_DATA {
            return Err(Error::at_offset(
                ErrorKind::LimitExceeded {
                    what: "MSZIP block size",
                    value: r.produced as u64,
                    max: MAX_BLOCK_DATA as u64,
                },
                r.consumed.saturating_add(2),
            )
            .context("MszipBlock"));
        }
        if !r.stream_end {
            return Err(Error::at_offset(
                ErrorKind::UnexpectedEnd {
                    needed: 1,
                    available: 0,
                },
                r.consumed.saturating_add(2),
            )
            .context("MszipBlock"));
        }
        let data = self.scratch.get(..r.produced).unwrap_or_default();
        out.extend_from_slice(data);
        push_history(&mut self.history, data);
        Ok(r.consumed.saturating_add(2))
    }
}

fn check_signature(block: &[u8]) -> Result<&[u8]> {
    match block {
        [b'C', b'K', body @ ..] => Ok(body),
        [a, b, ..] => Err(Error::at_offset(
            ErrorKind::BadSignature {
                expected: 0x4B43,
                found: u64::from(u16::from_le_bytes([*a, *b])),
            },
            0,
        )),
        _ => Err(Error::at_offset(
            ErrorKind::UnexpectedEnd {
                needed: 2,
                available: block.len() as u64,
            },
            0,
        )),
    }
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

/// Decodes a concatenation of MSZIP blocks (each ending where its deflate
/// stream ends) with the default output cap ([`Limits::DEFAULT`]).
pub fn decompress(input: &[u8]) -> Result<Vec<u8>> {
    decompress_with(input, &Limits::DEFAULT)
}

/// [`decompress`] with the output cap of `limits` ([`Limits::max_output`]).
pub fn decompress_with(input: &[u8], limits: &Limits) -> Result<Vec<u8>> {
    let mut dec = MszipDecoder::new();
    let mut out = Vec::with_capacity(input.len().saturating_mul(4).min(limits.max_output));
    let mut pos = 0;
    while pos < input.len() {
        let rest = input.get(pos..).unwrap_or_default();
        let used = dec.decode_next(rest, &mut out).map_err(|e| e.shift(pos))?;
        pos += used;
        if out.len() > limits.max_output {
            return Err(Error::at_offset(
                ErrorKind::LimitExceeded {
                    what: "output size",
                    value: out.len() as u64,
                    max: limits.max_output as u64,
                },
                pos,
            ));
        }
    }
    Ok(out)
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
                assert_eq!(decompress(&c).unwrap(), data, "n={n} level={level}");
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
        assert_eq!(decompress(&c).unwrap(), data);
    }

    #[test]
    fn bad_signature() {
        let e = decompress(b"XX\x03\x00").unwrap_err();
        assert!(matches!(e.kind(), ErrorKind::BadSignature { .. }));
    }
}
