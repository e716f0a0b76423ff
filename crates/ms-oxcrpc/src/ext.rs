//! [MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT and the extended buffers of
//! 3.1.4.1.1 / 3.1.4.2.1: a buffer of one or more header + payload
//! segments, each compressed ([`crate::lz77`]) and/or obfuscated
//! ([`crate::xor`]) as its header says, the Last flag ending the chain.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, Error, ErrorKind, Origin, Reader, Result, Unit, fit_u16};

use crate::{lz77, xor};

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT Flags.
    pub struct RpcHeaderExtFlags: u16 {
        /// Compressed: the payload is LZ77-compressed; SizeActual is its
        /// size uncompressed.
        const COMPRESSED = 0x0001 => "Compressed";
        /// XorMagic: the payload is obfuscated (after compression).
        const XOR_MAGIC = 0x0002 => "XorMagic";
        /// Last: no other RPC_HEADER_EXT follows this payload.
        const LAST = 0x0004 => "Last";
    }
}

/// The most payload one extended buffer may carry ([MS-OXCRPC] 3.1.4.1.1,
/// 3.1.4.2.1: "A single payload MUST NOT exceed 32 KB in size").
pub const MAX_PAYLOAD: usize = 32 * 1024;

/// The size of an RPC_HEADER_EXT.
pub const RPC_HEADER_EXT_SIZE: usize = 8;

/// [MS-OXCRPC] 2.2.2.1 RPC_HEADER_EXT Structure: Version, Flags, Size,
/// SizeActual, as read (no check: the checks belong to
/// [`ExtendedBuffer`], which knows the payload).
///
/// ```
/// use ms_oxcrpc::{RpcHeaderExt, RpcHeaderExtFlags};
/// use msox_codec::{Decode, Encode};
/// let h = RpcHeaderExt::decode_exact(&[0, 0, 5, 0, 0x45, 0x01, 0xcb, 0x01])?;
/// assert_eq!(h.flags, RpcHeaderExtFlags::COMPRESSED | RpcHeaderExtFlags::LAST);
/// assert_eq!((h.size, h.size_actual), (325, 459));
/// assert_eq!(h.to_vec()?, [0, 0, 5, 0, 0x45, 0x01, 0xcb, 0x01]);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RpcHeaderExt {
    /// Version: MUST be 0x0000 (kept as read).
    pub version: u16,
    /// Flags.
    pub flags: RpcHeaderExtFlags,
    /// Size: the payload's size on the wire (after compression).
    pub size: u16,
    /// SizeActual: the payload's size uncompressed.
    pub size_actual: u16,
}

impl<'a> Decode<'a> for RpcHeaderExt {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("RPC_HEADER_EXT", |r| {
            Ok(RpcHeaderExt {
                version: r.u16()?,
                flags: RpcHeaderExtFlags(r.u16()?),
                size: r.u16()?,
                size_actual: r.u16()?,
            })
        })
    }
}

impl Encode for RpcHeaderExt {
    fn encoded_len(&self) -> usize {
        RPC_HEADER_EXT_SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.version);
        buf.put_u16_le(self.flags.0);
        buf.put_u16_le(self.size);
        buf.put_u16_le(self.size_actual);
        Ok(())
    }
}

/// What an extended buffer's payload is read into: plain bytes
/// (`Vec<u8>`, a ROP buffer) or the auxiliary blocks of
/// [`crate::AuxPayload`].
///
/// The payload is the data after the XorMagic and Compressed transforms
/// are undone. It is read either straight from the input (a segment with
/// neither flag) or from a derived buffer (de-obfuscated or
/// decompressed), in the same decoding session.
pub trait Payload: Sized {
    /// Reads the payload from the next `len` bytes of the reader's window.
    fn read_window(r: &mut Reader<'_>, len: usize) -> Result<Self>;

    /// Reads the payload from `data`, produced from the input: at
    /// `Origin::At(offset)` for de-obfuscated bytes (which keep their
    /// positions), `Origin::Derived(..)` for decompressed ones.
    fn read_derived(r: &mut Reader<'_>, data: Vec<u8>, origin: Origin<'static>) -> Result<Self>;

    /// Writes the payload's bytes (before compression and obfuscation).
    fn write_payload(&self, out: &mut Vec<u8>) -> Result<()>;
}

impl Payload for Vec<u8> {
    fn read_window(r: &mut Reader<'_>, len: usize) -> Result<Self> {
        r.reserve_backed(len, "payload")?;
        Ok(r.bytes(len)?.to_vec())
    }
    fn read_derived(_r: &mut Reader<'_>, data: Vec<u8>, _origin: Origin<'static>) -> Result<Self> {
        // Already charged: de-obfuscated copies to the allocation budget,
        // decompressed data to the output budget.
        Ok(data)
    }
    fn write_payload(&self, out: &mut Vec<u8>) -> Result<()> {
        out.extend_from_slice(self);
        Ok(())
    }
}

/// The payload of one extended buffer segment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SegmentData<P> {
    /// The payload, read.
    Decoded {
        /// The payload after de-obfuscation and decompression.
        payload: P,
        /// For a Compressed segment read from the wire: the LZ77 stream
        /// as it was (de-obfuscated). Encoding writes it again while it
        /// still decompresses to the payload's bytes (so a decoded buffer
        /// re-encodes byte for byte), and compresses anew otherwise.
        compressed: Option<Vec<u8>>,
    },
    /// Lenient decoding only: a payload that could not be read (corrupt
    /// LZ77 stream, SizeActual that disagrees with the data, a payload
    /// that does not parse), kept as its wire bytes; encoding writes them,
    /// with the header, as read.
    Raw(Vec<u8>),
}

/// One RPC_HEADER_EXT and its payload ([MS-OXCRPC] 3.1.4.2.1.1: "each of
/// the extended buffers contains an RPC_HEADER_EXT structure followed by
/// payload data").
///
/// Encoding a [`SegmentData::Decoded`] segment writes Version and Flags
/// from [`ExtendedBufferSegment::header`], transforms the payload as the
/// flags say (compress, then obfuscate) and computes Size and SizeActual;
/// the header's Size and SizeActual are what was read (equal to the
/// computed ones for input that decoded). Compressed is honoured as a
/// request: a payload that does not shrink is written uncompressed, with
/// the flag cleared ("Size MUST be less than SizeActual", [MS-OXCRPC]
/// 2.2.2.1), unless the segment holds the compressed stream it was read
/// with.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtendedBufferSegment<P = Vec<u8>> {
    /// The RPC_HEADER_EXT as read.
    pub header: RpcHeaderExt,
    /// The payload.
    pub data: SegmentData<P>,
}

impl<P> ExtendedBufferSegment<P> {
    /// A segment of `payload` with `flags` (Version 0). Compressed and
    /// XorMagic in `flags` say how it is written.
    pub fn new(flags: RpcHeaderExtFlags, payload: P) -> Self {
        ExtendedBufferSegment {
            header: RpcHeaderExt {
                version: 0,
                flags,
                size: 0,
                size_actual: 0,
            },
            data: SegmentData::Decoded {
                payload,
                compressed: None,
            },
        }
    }

    /// The payload, unless the segment was kept raw.
    pub fn payload(&self) -> Option<&P> {
        match &self.data {
            SegmentData::Decoded { payload, .. } => Some(payload),
            SegmentData::Raw(_) => None,
        }
    }

    /// The payload, mutably; drops the cached compressed stream (it would
    /// be checked, and found stale, when encoding).
    pub fn payload_mut(&mut self) -> Option<&mut P> {
        match &mut self.data {
            SegmentData::Decoded {
                payload,
                compressed,
            } => {
                *compressed = None;
                Some(payload)
            }
            SegmentData::Raw(_) => None,
        }
    }

    /// Whether the Last flag is set.
    pub fn is_last(&self) -> bool {
        self.header.flags.contains(RpcHeaderExtFlags::LAST)
    }
}

impl<P: Payload> ExtendedBufferSegment<P> {
    /// The header and payload bytes as they go on the wire.
    pub fn to_wire(&self) -> Result<(RpcHeaderExt, Vec<u8>)> {
        match &self.data {
            SegmentData::Raw(bytes) => {
                if bytes.len() != usize::from(self.header.size) {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "Size",
                        value: u64::from(self.header.size),
                    })
                    .context("raw extended buffer segment"));
                }
                Ok((self.header, bytes.clone()))
            }
            SegmentData::Decoded {
                payload,
                compressed,
            } => {
                let mut data = Vec::new();
                payload.write_payload(&mut data)?;
                let mut flags = self.header.flags;
                let mut wire = if flags.contains(RpcHeaderExtFlags::COMPRESSED) {
                    match compressed {
                        Some(c)
                            if lz77::decompress_bytes(c, data.len()).is_ok_and(|d| d == data) =>
                        {
                            c.clone()
                        }
                        _ => {
                            let c = lz77::compress(&data);
                            if c.len() < data.len() {
                                c
                            } else {
                                // Size MUST be less than SizeActual: data
                                // that does not shrink goes uncompressed.
                                flags.remove(RpcHeaderExtFlags::COMPRESSED);
                                data.clone()
                            }
                        }
                    }
                } else {
                    data.clone()
                };
                if flags.contains(RpcHeaderExtFlags::XOR_MAGIC) {
                    xor::obfuscate(&mut wire);
                }
                let header = RpcHeaderExt {
                    version: self.header.version,
                    flags,
                    size: fit_u16(wire.len(), "Size")?,
                    size_actual: fit_u16(data.len(), "SizeActual")?,
                };
                Ok((header, wire))
            }
        }
    }
}

/// Reads the payload of a segment whose header is `h` from the window
/// (exactly Size bytes).
fn read_segment_data<P: Payload>(r: &mut Reader<'_>, h: &RpcHeaderExt) -> Result<SegmentData<P>> {
    let size = usize::from(h.size);
    let actual = usize::from(h.size_actual);
    let start = r.pos();
    // Positions of the header's Size and SizeActual fields.
    let size_at = start.saturating_sub(4);
    let actual_at = start.saturating_sub(2);
    let compressed = h.flags.contains(RpcHeaderExtFlags::COMPRESSED);
    let xor = h.flags.contains(RpcHeaderExtFlags::XOR_MAGIC);
    if actual > MAX_PAYLOAD {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "SizeActual",
                value: actual as u64,
            },
            actual_at,
            "payload over 32 KB read as it is",
        )?;
    }
    if !compressed {
        if size != actual {
            return Err(r.invalid_at("SizeActual", actual as u64, actual_at));
        }
        let payload = if xor {
            r.reserve_backed(size, "payload")?;
            let origin = Origin::At(r.offset_of(start));
            let data = xor::obfuscated(r.bytes(size)?);
            P::read_derived(r, data, origin)?
        } else {
            P::read_window(r, size)?
        };
        return Ok(SegmentData::Decoded {
            payload,
            compressed: None,
        });
    }
    if size >= actual {
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "Size",
                value: size as u64,
            },
            size_at,
            "compressed payload not smaller than SizeActual, read as it is",
        )?;
    }
    r.reserve_backed(size, "compressed payload")?;
    let origin = Origin::At(r.offset_of(start));
    let raw = r.bytes(size)?;
    let stream = if xor {
        xor::obfuscated(raw)
    } else {
        raw.to_vec()
    };
    let data = r.nested(&stream, origin, |n| lz77::decompress(n, size, actual))?;
    if data.len() != actual {
        return Err(r.error_at(
            ErrorKind::Malformed(
                format!(
                    "the payload decompresses to {} bytes, SizeActual says {actual}",
                    data.len()
                )
                .into(),
            ),
            actual_at,
        ));
    }
    let payload = P::read_derived(r, data, Origin::Derived("decompressed payload"))?;
    Ok(SegmentData::Decoded {
        payload,
        compressed: Some(stream),
    })
}

impl<'a, P: Payload> Decode<'a> for ExtendedBufferSegment<P> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let at = r.pos();
        let header = RpcHeaderExt::decode(r)?;
        if header.version != 0 {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "Version",
                    value: u64::from(header.version),
                },
                at,
                "value kept as read",
            )?;
        }
        let size = usize::from(header.size);
        let data = match r.unit(size, "payload kept as raw bytes", |r| {
            read_segment_data::<P>(r, &header)
        })? {
            Unit::Value(d) => d,
            Unit::Raw(bytes) => {
                r.reserve(bytes.len(), "raw payload")?;
                SegmentData::Raw(bytes.to_vec())
            }
        };
        Ok(ExtendedBufferSegment { header, data })
    }
}

impl<P: Payload> Encode for ExtendedBufferSegment<P> {
    fn encoded_len(&self) -> usize {
        self.to_wire()
            .map_or(0, |(_, w)| RPC_HEADER_EXT_SIZE + w.len())
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let (h, w) = self.to_wire()?;
        h.encode(buf)?;
        buf.put_slice(&w);
        Ok(())
    }
    fn to_vec(&self) -> Result<Vec<u8>> {
        let mut v = Vec::new();
        self.encode(&mut v)?;
        Ok(v)
    }
}

/// [MS-OXCRPC] 3.1.4.1.1 / 3.1.4.2.1 Extended Buffer Handling: the
/// contents of an rgbIn, rgbOut, rgbAuxIn or rgbAuxOut parameter, one or
/// more RPC_HEADER_EXT + payload segments ("packed" buffers,
/// 3.1.4.2.1.2), the Last flag on the final one.
///
/// `P` is what a payload is read into: `Vec<u8>` (the default, ROP
/// buffers) or [`crate::AuxPayload`] (auxiliary buffers,
/// [`crate::AuxBuffer`]). Every segment is read with its header kept and
/// its payload de-obfuscated and decompressed in a derived buffer of the
/// same decoding session; encoding transforms it back as the header says.
///
/// Strict decoding refuses a chain that ends without the Last flag, bytes
/// after the Last segment, Version other than 0, Size and SizeActual that
/// disagree, a Compressed payload not smaller than SizeActual, a payload
/// over 32 KB, and any LZ77 error. Lenient decoding keeps the values, a
/// segment it cannot read as [`SegmentData::Raw`], and bytes after the
/// Last segment in [`ExtendedBuffer::trailing`], each with a defect.
///
/// An empty buffer (no segment) is what a zero-length parameter holds; it
/// encodes to nothing, but decoding requires at least one header.
///
/// ```
/// use ms_oxcrpc::{ExtendedBuffer, RpcHeaderExtFlags as F};
/// use msox_codec::{Decode, Encode};
/// let rops = b"\x05\x00\xfe\x00\x00\x00\x00".repeat(20);
/// let buf = ExtendedBuffer::single(rops.clone(), F::COMPRESSED | F::XOR_MAGIC);
/// let wire = buf.to_vec()?;
/// assert!(wire.len() < 8 + rops.len());
/// let back = ExtendedBuffer::<Vec<u8>>::decode_exact(&wire)?;
/// assert_eq!(back.segments[0].payload(), Some(&rops));
/// assert_eq!(back.to_vec()?, wire);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExtendedBuffer<P = Vec<u8>> {
    /// The segments, in order.
    pub segments: Vec<ExtendedBufferSegment<P>>,
    /// Lenient decoding only: bytes after the segment with the Last flag.
    pub trailing: Vec<u8>,
}

impl<P> Default for ExtendedBuffer<P> {
    fn default() -> Self {
        ExtendedBuffer {
            segments: Vec::new(),
            trailing: Vec::new(),
        }
    }
}

impl<P> ExtendedBuffer<P> {
    /// A buffer of one segment: `payload` with `flags` and Last.
    pub fn single(payload: P, flags: RpcHeaderExtFlags) -> Self {
        ExtendedBuffer {
            segments: vec![ExtendedBufferSegment::new(
                flags | RpcHeaderExtFlags::LAST,
                payload,
            )],
            trailing: Vec::new(),
        }
    }

    /// A buffer of several segments ("packing", [MS-OXCRPC] 3.1.4.2.1.2),
    /// each with `flags`, the last one with Last.
    pub fn packed(payloads: impl IntoIterator<Item = P>, flags: RpcHeaderExtFlags) -> Self {
        let mut segments: Vec<_> = payloads
            .into_iter()
            .map(|p| {
                let mut f = flags;
                f.remove(RpcHeaderExtFlags::LAST);
                ExtendedBufferSegment::new(f, p)
            })
            .collect();
        if let Some(last) = segments.last_mut() {
            last.header.flags.insert(RpcHeaderExtFlags::LAST);
        }
        ExtendedBuffer {
            segments,
            trailing: Vec::new(),
        }
    }

    /// Whether the buffer has no segment (a zero-length parameter).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty() && self.trailing.is_empty()
    }

    /// The payloads of the segments that were read (raw ones skipped).
    pub fn payloads(&self) -> impl Iterator<Item = &P> {
        self.segments
            .iter()
            .filter_map(ExtendedBufferSegment::payload)
    }
}

impl ExtendedBuffer<Vec<u8>> {
    /// The payloads of all segments, concatenated (a packed ROP buffer as
    /// one); `None` if a segment was kept raw.
    pub fn joined(&self) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        for s in &self.segments {
            out.extend_from_slice(s.payload()?);
        }
        Some(out)
    }
}

impl<'a, P: Payload> Decode<'a> for ExtendedBuffer<P> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("ExtendedBuffer", |r| {
            let mut segments = Vec::new();
            loop {
                if r.is_empty() {
                    let e = r.error(ErrorKind::UnexpectedEnd {
                        needed: RPC_HEADER_EXT_SIZE as u64,
                        available: 0,
                    });
                    if segments.is_empty() {
                        return Err(e);
                    }
                    r.tolerate(e, "chain without the Last flag read as it is")?;
                    break;
                }
                // A segment must hold its header and the Size it declares.
                let left = r.remaining();
                let fits = left >= RPC_HEADER_EXT_SIZE
                    && r.rest()
                        .get(4..)
                        .and_then(<[u8]>::first_chunk::<2>)
                        .is_some_and(|s| {
                            RPC_HEADER_EXT_SIZE + usize::from(u16::from_le_bytes(*s)) <= left
                        });
                if !fits {
                    let at = r.pos();
                    let i = segments.len();
                    let e = r.frame_indexed("Segment", i, |r| {
                        ExtendedBufferSegment::<P>::decode(r).map(drop)
                    });
                    r.seek(at)?;
                    let e = e
                        .err()
                        .unwrap_or_else(|| r.malformed("segment does not fit"));
                    r.tolerate(e, "bytes after the last whole segment kept")?;
                    r.reserve_backed(left, "trailing bytes")?;
                    let trailing = r.take_rest().to_vec();
                    return Ok(ExtendedBuffer { segments, trailing });
                }
                r.check_count(1, RPC_HEADER_EXT_SIZE, "extended buffer count")?;
                let i = segments.len();
                let s = r.frame_indexed("Segment", i, ExtendedBufferSegment::<P>::decode)?;
                let last = s.is_last();
                segments.push(s);
                if last {
                    break;
                }
            }
            let mut trailing = Vec::new();
            if !r.is_empty() {
                let n = r.remaining();
                r.defect(
                    ErrorKind::TrailingBytes { count: n as u64 },
                    "bytes after the Last segment kept",
                )?;
                r.reserve_backed(n, "trailing bytes")?;
                trailing = r.take_rest().to_vec();
            }
            Ok(ExtendedBuffer { segments, trailing })
        })
    }
}

impl<P: Payload> Encode for ExtendedBuffer<P> {
    fn encoded_len(&self) -> usize {
        self.segments.iter().map(Encode::encoded_len).sum::<usize>() + self.trailing.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        for s in &self.segments {
            s.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
    fn to_vec(&self) -> Result<Vec<u8>> {
        let mut v = Vec::new();
        self.encode(&mut v)?;
        Ok(v)
    }
}
