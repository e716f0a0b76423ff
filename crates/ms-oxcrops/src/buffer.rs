//! [MS-OXCROPS] 2.2.1 ROP Input and Output Buffers: RopSize, the list of
//! ROP requests or responses, and the Server object handle table.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, DecodeWith, Encode, ErrorKind, Reader, Result};

use crate::context::{Cx, LogonKinds, ResponseBufferContext, ResponseContext};
use crate::rop::{RopRequest, RopResponse};
use crate::rop_id::RopId;

/// Reads RopSize and checks it: the size of itself and the ROP list, so
/// at least 2 and no more than the buffer. Returns the size of the list.
fn read_rop_size(r: &mut Reader<'_>) -> Result<usize> {
    let at = r.pos();
    let size = usize::from(r.u16()?);
    if size < 2 {
        return Err(r.invalid_at("RopSize", size as u64, at));
    }
    let list = size - 2;
    if list > r.remaining() {
        return Err(r.error_at(
            ErrorKind::UnexpectedEnd {
                needed: list as u64,
                available: r.remaining() as u64,
            },
            at,
        ));
    }
    Ok(list)
}

/// Reads the Server object handle table: the rest of the buffer, 4 bytes
/// per handle. Bytes after the last whole handle are left for the caller
/// (the entry point reports them).
fn read_handles(r: &mut Reader<'_>) -> Result<Vec<u32>> {
    r.frame("ServerObjectHandleTable", |r| {
        let n = r.remaining() / 4;
        r.counted(n as u64, 4, "ServerObjectHandleTable", |r| r.u32())
    })
}

fn write_buffer<B: BufMut, T: Encode>(rops: &[T], handles: &[u32], buf: &mut B) -> Result<()> {
    let size = 2 + rops.iter().map(Encode::encoded_len).sum::<usize>();
    buf.put_u16_le(msox_codec::fit_u16(size, "RopSize")?);
    for rop in rops {
        rop.encode(buf)?;
    }
    for h in handles {
        buf.put_u32_le(*h);
    }
    Ok(())
}

fn buffer_len<T: Encode>(rops: &[T], handles: &[u32]) -> usize {
    2 + rops.iter().map(Encode::encoded_len).sum::<usize>() + 4 * handles.len()
}

/// [MS-OXCROPS] 2.2.1 the ROP input buffer: RopSize (2 bytes, the size of
/// itself and the ROP list), RopsList (the ROP requests) and the Server
/// object handle table (4 bytes per handle, to the end of the buffer).
///
/// ```
/// use ms_oxcrops::{RopRequestBuffer, RopRequest};
/// use msox_codec::{Decode, Encode};
/// // RopSize 5, RopGetStoreState on handle index 0, two handles
/// let bytes = [0x05, 0x00, 0x7B, 0x00, 0x00,
///              0x42, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF];
/// let buffer = RopRequestBuffer::decode_exact(&bytes)?;
/// assert!(matches!(buffer.rops[0], RopRequest::GetStoreState(_)));
/// assert_eq!(buffer.handles, [0x42, 0xFFFF_FFFF]);
/// assert_eq!(buffer.to_vec()?, bytes);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopRequestBuffer<'a> {
    /// RopsList: the ROP requests, in order.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub rops: Vec<RopRequest<'a>>,
    /// ServerObjectHandleTable: the handle of the Server object at each
    /// handle index (0xFFFFFFFF for a slot an output object will fill).
    pub handles: Vec<u32>,
}

impl<'a, 'c> DecodeWith<'a, &'c LogonKinds> for RopRequestBuffer<'a> {
    fn decode_with(r: &mut Reader<'a>, logons: &'c LogonKinds) -> Result<Self> {
        r.frame("ROP input buffer", |r| {
            let list = read_rop_size(r)?;
            let mut logons = logons.clone();
            let mut rops = Vec::new();
            {
                let mut sub = r.sub(list)?;
                let mut i = 0usize;
                while !sub.is_empty() {
                    sub.check_count(1, 1, "RopsList")?;
                    let cx = Cx {
                        logons: &logons,
                        response: ResponseContext::default(),
                    };
                    let rop = sub.frame_indexed("RopsList", i, |r| RopRequest::read(r, &cx))?;
                    if let Some((id, kind)) = crate::effects::request_effect(&rop).logon {
                        logons.set(id, kind);
                    }
                    rops.push(rop);
                    i += 1;
                }
            }
            let handles = read_handles(r)?;
            Ok(RopRequestBuffer { rops, handles })
        })
    }
}

/// The ROP input buffer without context: the kind of each logon is learnt
/// from the RopLogon requests in the buffer only.
impl<'a> Decode<'a> for RopRequestBuffer<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, &LogonKinds::default())
    }
}

impl Encode for RopRequestBuffer<'_> {
    fn encoded_len(&self) -> usize {
        buffer_len(&self.rops, &self.handles)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        write_buffer(&self.rops, &self.handles, buf)
    }
}

/// [MS-OXCROPS] 2.2.1 the ROP output buffer: RopSize (2 bytes), RopsList
/// (the ROP responses, plus any RopNotify, RopPending, RopBackoff or
/// RopBufferTooSmall) and the Server object handle table.
///
/// Decoding without context keeps what needs the request (rows of a
/// RopQueryRows response...) as bytes; [`crate::RopContext`] or a
/// [`ResponseBufferContext`] gives it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RopResponseBuffer<'a> {
    /// RopsList: the ROP responses, in order.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub rops: Vec<RopResponse<'a>>,
    /// ServerObjectHandleTable: the handle of the Server object at each
    /// handle index after the ROPs ran.
    pub handles: Vec<u32>,
}

impl RopResponseBuffer<'_> {
    /// This buffer with the rows of its responses in the owned form
    /// ([`RopResponse::into_owned_rows`]).
    pub fn into_owned_rows(self) -> Result<Self> {
        let mut rops = Vec::with_capacity(self.rops.len());
        for rop in self.rops {
            rops.push(rop.into_owned_rows()?);
        }
        Ok(RopResponseBuffer {
            rops,
            handles: self.handles,
        })
    }
}

/// Whether a response answers no request (it takes no expectation).
fn answers_no_request(id: RopId) -> bool {
    matches!(
        id,
        RopId::Notify | RopId::Pending | RopId::Backoff | RopId::BufferTooSmall
    )
}

impl<'a, 'c> DecodeWith<'a, ResponseBufferContext<'c>> for RopResponseBuffer<'a> {
    fn decode_with(r: &mut Reader<'a>, ctx: ResponseBufferContext<'c>) -> Result<Self> {
        r.frame("ROP output buffer", |r| {
            let list = read_rop_size(r)?;
            let list_start = r.pos();
            // The handle table first: table notifications name their table by handle.
            r.skip(list)?;
            let handles = read_handles(r)?;
            let end = r.pos();
            r.seek(list_start)?;
            let logons = LogonKinds::default();
            let mut rops = Vec::new();
            {
                let mut sub = r.sub(list)?;
                let mut next = 0usize;
                let mut i = 0usize;
                // recipient columns told by responses of this buffer, by handle index
                let mut learned: Vec<(u8, Vec<ms_oxcdata::PropertyTag>)> = Vec::new();
                let mut filled: Option<crate::context::ResponseExpectation>;
                while !sub.is_empty() {
                    sub.check_count(1, 1, "RopsList")?;
                    let id = RopId::from_value(sub.peek_u8().unwrap_or_default());
                    let mut expected = None;
                    if let Some(k) = ctx
                        .expected
                        .get(next..)
                        .filter(|_| !answers_no_request(id))
                        .and_then(|e| e.iter().position(|x| x.rop_id == id))
                    {
                        expected = ctx.expected.get(next + k);
                        next += k + 1;
                    }
                    filled = None;
                    if let Some(e) = expected
                        && e.columns.is_none()
                        && e.rop_id == RopId::ReadRecipients
                        && let Some((_, cols)) = e
                            .handle_index
                            .and_then(|h| learned.iter().rev().find(|(i, _)| *i == h))
                    {
                        let mut e = e.clone();
                        e.columns = Some(cols.clone());
                        filled = Some(e);
                    }
                    let cx = Cx {
                        logons: &logons,
                        response: ResponseContext {
                            expected: filled.as_ref().or(expected),
                            tables: ctx.tables,
                            handles: &handles,
                            rows: ctx.rows,
                        },
                    };
                    let rop = sub.frame_indexed("RopsList", i, |r| RopResponse::read(r, &cx))?;
                    if let Some(l) = crate::effects::response_recipient_columns(&rop) {
                        learned.push(l);
                    }
                    rops.push(rop);
                    i += 1;
                }
            }
            r.seek(end)?;
            Ok(RopResponseBuffer { rops, handles })
        })
    }
}

/// The ROP output buffer without context.
impl<'a> Decode<'a> for RopResponseBuffer<'a> {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Self::decode_with(r, ResponseBufferContext::default())
    }
}

impl Encode for RopResponseBuffer<'_> {
    fn encoded_len(&self) -> usize {
        buffer_len(&self.rops, &self.handles)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        write_buffer(&self.rops, &self.handles, buf)
    }
}
