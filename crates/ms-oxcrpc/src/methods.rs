//! The parameters of the EMSMDB and AsyncEMSMDB calls that carry the
//! wire format: [MS-OXCRPC] 3.1.4.1 EcDoConnectEx, 3.1.4.2 EcDoRpcExt2,
//! 3.1.4.3 EcDoDisconnect, 3.1.4.4 EcDoAsyncConnectEx and 3.3.4.1
//! EcDoAsyncWaitEx, as the request and response stub data of a DCE/RPC
//! call: NDR, 32-bit transfer syntax (NDR20), little-endian ([MS-RPCE],
//! C706 chapter 14).
//!
//! Only what these calls' IDL uses is implemented (not a general NDR
//! engine): 4-byte aligned integers, 2-byte aligned shorts and fixed
//! `unsigned short[3]` arrays, context handles (20 bytes), `[string]
//! unsigned char` strings (conformant varying: MaxCount, Offset,
//! ActualCount, bytes with the null terminator), `[unique]` pointers to
//! them (a referent ID, 0 for null), conformant byte arrays
//! (`size_is`: MaxCount, bytes) and conformant varying byte arrays
//! (`size_is` + `length_is`: MaxCount, Offset, ActualCount, bytes).
//!
//! Alignment is counted from the start of the stub data (the buffer given
//! to the decoder). Alignment gaps are kept as read when any of their
//! bytes is not zero (`padding`), so stubs re-encode byte for byte.

use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result, fit_u32};

use ms_dtyp::Guid;

use crate::auxiliary::AuxBuffer;
use crate::ext::ExtendedBuffer;

/// The largest pcbOut / rgbOut size ([MS-OXCRPC] 2.2.1.3 BIG_RANGE_ULONG:
/// `range(0x0, 0x40000)`).
pub const BIG_RANGE_ULONG_MAX: u32 = 0x0004_0000;

/// The largest pcbAuxOut / rgbAuxOut size ([MS-OXCRPC] 2.2.1.4
/// SMALL_RANGE_ULONG: `range(0x0, 0x1008)`).
pub const SMALL_RANGE_ULONG_MAX: u32 = 0x0000_1008;

/// The referent ID of the `i`-th non-null unique pointer of a stub, as
/// Microsoft's RPC runtime numbers them; what encoding writes when no
/// referent ID was kept.
pub const fn default_referent_id(i: usize) -> u32 {
    0x0002_0000 + 4 * i as u32
}

/// [MS-OXCRPC] 2.2.1.1 CXH and 2.2.1.2 ACXH Data Types: a session (or
/// asynchronous) context handle as it travels in the stub data
/// (C706 `ndr_context_handle`): attributes and a UUID, 20 bytes.
/// All zero is the null handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContextHandle {
    /// The attributes word (context_handle_attributes).
    pub attributes: u32,
    /// The handle's UUID (context_handle_uuid).
    pub uuid: Guid,
}

impl ContextHandle {
    /// Whether this is the null handle (a destroyed session).
    pub fn is_null(&self) -> bool {
        self.attributes == 0 && self.uuid.is_nil()
    }
}

impl<'a> Decode<'a> for ContextHandle {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        Ok(ContextHandle {
            attributes: r.u32()?,
            uuid: Guid::decode(r)?,
        })
    }
}

impl Encode for ContextHandle {
    fn encoded_len(&self) -> usize {
        20
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.attributes);
        self.uuid.encode(buf)
    }
}

/// The MaxCount and Offset of an NDR conformant varying array or string,
/// kept when they are not the canonical ones (MaxCount equal to
/// ActualCount, Offset 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NdrArrayLayout {
    /// MaxCount (the allocated size).
    pub max_count: u32,
    /// Offset (of the first element sent).
    pub offset: u32,
}

/// An NDR `[string] unsigned char` string (C706 14.3.4.2): the bytes
/// without the null terminator, which is required on the wire and added
/// when encoding. The IDL gives no code page; DNs are ASCII.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NdrString {
    /// The characters, without the terminator.
    pub value: Vec<u8>,
    /// MaxCount and Offset as read, when not the canonical ones.
    pub layout: Option<NdrArrayLayout>,
}

impl NdrString {
    /// A string of `value` (without a terminator).
    pub fn new(value: impl Into<Vec<u8>>) -> Self {
        NdrString {
            value: value.into(),
            layout: None,
        }
    }

    /// The text, with invalid UTF-8 replaced.
    pub fn to_string_lossy(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.value)
    }
}

// ---- the stub reader and writer ----------------------------------------------------

/// A count of bytes that follow: refused before anything is sized when
/// the rest of the window cannot hold them.
fn backed(r: &Reader<'_>, what: &'static str, count: u32, at: usize) -> Result<usize> {
    let left = r.remaining();
    match usize::try_from(count) {
        Ok(n) if n <= left => Ok(n),
        _ => Err(r.error_at(
            ErrorKind::LimitExceeded {
                what,
                value: u64::from(count),
                max: left as u64,
            },
            at,
        )),
    }
}

/// Reads a stub: alignment from `start`, the gap bytes collected.
struct In<'r, 'a> {
    r: &'r mut Reader<'a>,
    start: usize,
    padding: Vec<u8>,
}

impl<'r, 'a> In<'r, 'a> {
    fn new(r: &'r mut Reader<'a>) -> Self {
        let start = r.pos();
        In {
            r,
            start,
            padding: Vec::new(),
        }
    }

    fn align(&mut self, n: usize) -> Result<()> {
        let rel = self.r.pos() - self.start;
        let gap = (n - rel % n) % n;
        let b = self.r.bytes(gap)?;
        self.padding.extend_from_slice(b);
        Ok(())
    }

    fn u32(&mut self) -> Result<u32> {
        self.align(4)?;
        self.r.u32()
    }

    fn u16(&mut self) -> Result<u16> {
        self.align(2)?;
        self.r.u16()
    }

    fn u16x3(&mut self) -> Result<[u16; 3]> {
        self.align(2)?;
        Ok([self.r.u16()?, self.r.u16()?, self.r.u16()?])
    }

    fn handle(&mut self) -> Result<ContextHandle> {
        self.align(4)?;
        self.r.frame("context handle", ContextHandle::decode)
    }

    /// A value that must lie in `0..=max` ([range]): a defect otherwise.
    fn ranged(&mut self, field: &'static str, max: u32) -> Result<u32> {
        self.align(4)?;
        let at = self.r.pos();
        let v = self.r.u32()?;
        if v > max {
            self.r.defect_at(
                ErrorKind::InvalidValue {
                    field,
                    value: u64::from(v),
                },
                at,
                "value kept as read",
            )?;
        }
        Ok(v)
    }

    /// `[string] unsigned char *` (a ref pointer: the string itself).
    fn string(&mut self, name: &'static str) -> Result<NdrString> {
        self.align(4)?;
        let r = &mut *self.r;
        r.frame(name, |r| {
            let max_count = r.u32()?;
            let offset = r.u32()?;
            let at = r.pos();
            let actual = r.u32()?;
            let n = backed(r, "ActualCount", actual, at)?;
            r.reserve(n, "string")?;
            let bytes = r.bytes(n)?;
            let Some((&0, value)) = bytes.split_last() else {
                return Err(r.error_at(
                    ErrorKind::Malformed("string without its null terminator".into()),
                    at,
                ));
            };
            let layout = (max_count != actual || offset != 0)
                .then_some(NdrArrayLayout { max_count, offset });
            Ok(NdrString {
                value: value.to_vec(),
                layout,
            })
        })
    }

    /// `[string] unsigned char **` in a response: a unique pointer
    /// (referent ID, 0 for null) and the string. Returns the string and the
    /// referent ID to keep (0 when it is the default for pointer `index`).
    fn unique_string(
        &mut self,
        name: &'static str,
        index: usize,
    ) -> Result<(Option<NdrString>, u32)> {
        let id = self.u32()?;
        if id == 0 {
            return Ok((None, 0));
        }
        let s = self.string(name)?;
        let kept = if id == default_referent_id(index) {
            0
        } else {
            id
        };
        Ok((Some(s), kept))
    }

    /// A conformant byte array (`size_is(count)`): MaxCount then the bytes,
    /// read with `f` from a window of MaxCount bytes.
    fn conformant<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut Reader<'a>, usize) -> Result<T>,
    ) -> Result<(T, u32)> {
        self.align(4)?;
        let r = &mut *self.r;
        r.frame(name, |r| {
            let at = r.pos();
            let max_count = r.u32()?;
            let n = backed(r, "MaxCount", max_count, at)?;
            let v = r.sized(n, |r| f(r, n))?;
            Ok((v, max_count))
        })
    }

    /// A conformant varying byte array (`size_is` + `length_is`):
    /// MaxCount, Offset, ActualCount, then the bytes, read with `f` from a
    /// window of ActualCount bytes.
    fn conformant_varying<T>(
        &mut self,
        name: &'static str,
        f: impl FnOnce(&mut Reader<'a>, usize) -> Result<T>,
    ) -> Result<(T, u32, Option<NdrArrayLayout>)> {
        self.align(4)?;
        let r = &mut *self.r;
        r.frame(name, |r| {
            let max_count = r.u32()?;
            let offset = r.u32()?;
            let at = r.pos();
            let actual = r.u32()?;
            let n = backed(r, "ActualCount", actual, at)?;
            let v = r.sized(n, |r| f(r, n))?;
            let layout = (max_count != actual || offset != 0)
                .then_some(NdrArrayLayout { max_count, offset });
            Ok((v, actual, layout))
        })
    }

    /// A count that must equal the size of the array it describes
    /// (`cbIn` after `rgbIn`, `*pcbOut` after `rgbOut`).
    fn count_of(&mut self, field: &'static str, expected: u32) -> Result<()> {
        self.align(4)?;
        let at = self.r.pos();
        let v = self.r.u32()?;
        if v != expected {
            return Err(self.r.invalid_at(field, u64::from(v), at));
        }
        Ok(())
    }
}

/// Writes a stub: alignment from its start, gap bytes from the kept
/// padding when there is one.
struct Out<'p> {
    out: Vec<u8>,
    padding: Option<&'p [u8]>,
    used: usize,
}

impl<'p> Out<'p> {
    fn new(padding: Option<&'p [u8]>) -> Self {
        Out {
            out: Vec::new(),
            padding,
            used: 0,
        }
    }

    fn align(&mut self, n: usize) {
        let gap = (n - self.out.len() % n) % n;
        for _ in 0..gap {
            let b = self
                .padding
                .and_then(|p| p.get(self.used))
                .copied()
                .unwrap_or(0);
            self.used += 1;
            self.out.push(b);
        }
    }

    fn u32(&mut self, v: u32) {
        self.align(4);
        self.out.put_u32_le(v);
    }

    fn u16(&mut self, v: u16) {
        self.align(2);
        self.out.put_u16_le(v);
    }

    fn u16x3(&mut self, v: [u16; 3]) {
        self.align(2);
        for x in v {
            self.out.put_u16_le(x);
        }
    }

    fn handle(&mut self, h: &ContextHandle) -> Result<()> {
        self.align(4);
        h.encode(&mut self.out)
    }

    fn string(&mut self, s: &NdrString) -> Result<()> {
        let actual = fit_u32(s.value.len() + 1, "ActualCount")?;
        let l = s.layout.unwrap_or(NdrArrayLayout {
            max_count: actual,
            offset: 0,
        });
        self.u32(l.max_count);
        self.out.put_u32_le(l.offset);
        self.out.put_u32_le(actual);
        self.out.put_slice(&s.value);
        self.out.put_u8(0);
        Ok(())
    }

    fn unique_string(&mut self, s: Option<&NdrString>, kept_id: u32, index: usize) -> Result<()> {
        match s {
            None => {
                self.u32(0);
                Ok(())
            }
            Some(s) => {
                self.u32(if kept_id == 0 {
                    default_referent_id(index)
                } else {
                    kept_id
                });
                self.string(s)
            }
        }
    }

    /// A conformant array of `bytes`; returns its count.
    fn conformant(&mut self, bytes: &[u8]) -> Result<u32> {
        let n = fit_u32(bytes.len(), "MaxCount")?;
        self.u32(n);
        self.out.put_slice(bytes);
        Ok(n)
    }

    /// A conformant varying array of `bytes`; returns its count.
    fn conformant_varying(&mut self, bytes: &[u8], layout: Option<NdrArrayLayout>) -> Result<u32> {
        let n = fit_u32(bytes.len(), "ActualCount")?;
        let l = layout.unwrap_or(NdrArrayLayout {
            max_count: n,
            offset: 0,
        });
        self.u32(l.max_count);
        self.out.put_u32_le(l.offset);
        self.out.put_u32_le(n);
        self.out.put_slice(bytes);
        Ok(n)
    }

    /// Whether the kept padding was used up exactly (else the caller
    /// writes again with zero gaps).
    fn padding_fits(&self) -> bool {
        self.padding.is_none_or(|p| p.len() == self.used)
    }
}

/// Encodes a stub with `write`: with the kept padding when it fits the
/// gaps exactly, with zero gaps otherwise.
fn write_stub(padding: &[u8], write: impl Fn(&mut Out<'_>) -> Result<()>) -> Result<Vec<u8>> {
    if !padding.is_empty() {
        let mut o = Out::new(Some(padding));
        write(&mut o)?;
        if o.padding_fits() {
            return Ok(o.out);
        }
    }
    let mut o = Out::new(None);
    write(&mut o)?;
    Ok(o.out)
}

/// Reads an extended buffer from an array window of `n` bytes: none for
/// an empty array.
fn ext_buffer<P: crate::ext::Payload>(r: &mut Reader<'_>, n: usize) -> Result<ExtendedBuffer<P>> {
    if n == 0 {
        Ok(ExtendedBuffer::default())
    } else {
        ExtendedBuffer::<P>::decode(r)
    }
}

/// Implements `Decode` / `Encode` for a stub type through its
/// `read` / `write` functions.
macro_rules! stub_codec {
    ($ty:ident, $name:literal) => {
        impl<'a> Decode<'a> for $ty {
            fn decode(r: &mut Reader<'a>) -> Result<Self> {
                r.frame($name, |r| $ty::read(&mut In::new(r)))
            }
        }

        impl Encode for $ty {
            fn encoded_len(&self) -> usize {
                self.to_vec().map_or(0, |v| v.len())
            }
            fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
                buf.put_slice(&self.to_vec()?);
                Ok(())
            }
            fn to_vec(&self) -> Result<Vec<u8>> {
                write_stub(&self.padding, |o| self.write(o))
            }
        }
    };
}

// ---- EcDoConnectEx ------------------------------------------------------------------

/// [MS-OXCRPC] 3.1.4.1 EcDoConnectEx Method (Opnum 10): the `[in]`
/// parameters, as the request stub carries them.
///
/// ```
/// use ms_oxcrpc::{EcDoConnectExRequest, NdrString};
/// use msox_codec::{Decode, Encode};
/// let req = EcDoConnectExRequest {
///     sz_user_dn: NdrString::new("/o=First Organization/cn=Recipients/cn=janedow"),
///     ul_cpid: 1252,
///     ul_lcid_string: 0x409,
///     ul_lcid_sort: 0x409,
///     ul_icxr_link: 0xFFFF_FFFF,
///     us_f_can_convert_code_pages: 1,
///     rgw_client_version: [0x000C, 0x1837, 0x0011],
///     pcb_aux_out: 0x1008,
///     ..Default::default()
/// };
/// let stub = req.to_vec()?;
/// assert_eq!(EcDoConnectExRequest::decode_exact(&stub)?, req);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoConnectExRequest {
    /// szUserDN: the DN of the user.
    pub sz_user_dn: NdrString,
    /// ulFlags.
    pub ul_flags: u32,
    /// ulConMod: the connection modulus hash.
    pub ul_con_mod: u32,
    /// cbLimit: MUST be 0.
    pub cb_limit: u32,
    /// ulCpid: the code page for strings.
    pub ul_cpid: u32,
    /// ulLcidString: the LCID for everything but sorting.
    pub ul_lcid_string: u32,
    /// ulLcidSort: the LCID for sorting.
    pub ul_lcid_sort: u32,
    /// ulIcxrLink: the session context to link to (0xFFFFFFFF for none).
    pub ul_icxr_link: u32,
    /// usFCanConvertCodePages.
    pub us_f_can_convert_code_pages: u16,
    /// rgwClientVersion.
    pub rgw_client_version: [u16; 3],
    /// pulTimeStamp (on input).
    pub pul_time_stamp: u32,
    /// rgbAuxIn (cbAuxIn bytes): the auxiliary buffer; empty when cbAuxIn is 0.
    pub rgb_aux_in: AuxBuffer,
    /// pcbAuxOut (on input): the size of the rgbAuxOut the client accepts
    /// (SMALL_RANGE_ULONG).
    pub pcb_aux_out: u32,
    /// Alignment gap bytes as read, when not all zero.
    pub padding: Vec<u8>,
}

impl EcDoConnectExRequest {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        let sz_user_dn = i.string("szUserDN")?;
        let ul_flags = i.u32()?;
        let ul_con_mod = i.u32()?;
        let cb_limit = i.u32()?;
        let ul_cpid = i.u32()?;
        let ul_lcid_string = i.u32()?;
        let ul_lcid_sort = i.u32()?;
        let ul_icxr_link = i.u32()?;
        let us_f_can_convert_code_pages = i.u16()?;
        let rgw_client_version = i.u16x3()?;
        let pul_time_stamp = i.u32()?;
        let (rgb_aux_in, cb) = i.conformant("rgbAuxIn", ext_buffer)?;
        i.count_of("cbAuxIn", cb)?;
        let pcb_aux_out = i.ranged("pcbAuxOut", SMALL_RANGE_ULONG_MAX)?;
        Ok(EcDoConnectExRequest {
            sz_user_dn,
            ul_flags,
            ul_con_mod,
            cb_limit,
            ul_cpid,
            ul_lcid_string,
            ul_lcid_sort,
            ul_icxr_link,
            us_f_can_convert_code_pages,
            rgw_client_version,
            pul_time_stamp,
            rgb_aux_in,
            pcb_aux_out,
            padding: zero_to_empty(std::mem::take(&mut i.padding)),
        })
    }

    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.string(&self.sz_user_dn)?;
        o.u32(self.ul_flags);
        o.u32(self.ul_con_mod);
        o.u32(self.cb_limit);
        o.u32(self.ul_cpid);
        o.u32(self.ul_lcid_string);
        o.u32(self.ul_lcid_sort);
        o.u32(self.ul_icxr_link);
        o.u16(self.us_f_can_convert_code_pages);
        o.u16x3(self.rgw_client_version);
        o.u32(self.pul_time_stamp);
        let aux = self.rgb_aux_in.to_vec()?;
        let n = o.conformant(&aux)?;
        o.u32(n);
        o.u32(self.pcb_aux_out);
        Ok(())
    }
}

stub_codec!(EcDoConnectExRequest, "EcDoConnectEx request");

/// [MS-OXCRPC] 3.1.4.1 EcDoConnectEx Method (Opnum 10): the `[out]`
/// parameters and the return value, as the response stub carries them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoConnectExResponse {
    /// pcxh: the new session context handle (null on failure).
    pub pcxh: ContextHandle,
    /// pcmsPollsMax.
    pub pcms_polls_max: u32,
    /// pcRetry.
    pub pc_retry: u32,
    /// pcmsRetryDelay.
    pub pcms_retry_delay: u32,
    /// picxr: the session context index.
    pub picxr: u16,
    /// szDNPrefix (a unique pointer: `None` for null).
    pub sz_dn_prefix: Option<NdrString>,
    /// szDisplayName (a unique pointer: `None` for null).
    pub sz_display_name: Option<NdrString>,
    /// The referent IDs of szDNPrefix and szDisplayName as read, 0 where
    /// it is the one encoding writes by itself ([`default_referent_id`]).
    pub referent_ids: [u32; 2],
    /// rgwServerVersion.
    pub rgw_server_version: [u16; 3],
    /// rgwBestVersion.
    pub rgw_best_version: [u16; 3],
    /// pulTimeStamp (on output).
    pub pul_time_stamp: u32,
    /// rgbAuxOut (*pcbAuxOut bytes): the auxiliary buffer; empty when
    /// *pcbAuxOut is 0.
    pub rgb_aux_out: AuxBuffer,
    /// rgbAuxOut's MaxCount and Offset as read, when not *pcbAuxOut and 0.
    pub rgb_aux_out_layout: Option<NdrArrayLayout>,
    /// The return value (an error code; 0 for success).
    pub return_value: u32,
    /// Alignment gap bytes as read, when not all zero.
    pub padding: Vec<u8>,
}

impl EcDoConnectExResponse {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        let pcxh = i.handle()?;
        let pcms_polls_max = i.u32()?;
        let pc_retry = i.u32()?;
        let pcms_retry_delay = i.u32()?;
        let picxr = i.u16()?;
        let (sz_dn_prefix, id0) = i.unique_string("szDNPrefix", 0)?;
        let next = usize::from(sz_dn_prefix.is_some());
        let (sz_display_name, id1) = i.unique_string("szDisplayName", next)?;
        let rgw_server_version = i.u16x3()?;
        let rgw_best_version = i.u16x3()?;
        let pul_time_stamp = i.u32()?;
        let (rgb_aux_out, n, rgb_aux_out_layout) = i.conformant_varying("rgbAuxOut", ext_buffer)?;
        i.count_of("pcbAuxOut", n)?;
        if n > SMALL_RANGE_ULONG_MAX {
            let at = i.r.pos().saturating_sub(4);
            i.r.defect_at(
                ErrorKind::InvalidValue {
                    field: "pcbAuxOut",
                    value: u64::from(n),
                },
                at,
                "value kept as read",
            )?;
        }
        let return_value = i.u32()?;
        Ok(EcDoConnectExResponse {
            pcxh,
            pcms_polls_max,
            pc_retry,
            pcms_retry_delay,
            picxr,
            sz_dn_prefix,
            sz_display_name,
            referent_ids: [id0, id1],
            rgw_server_version,
            rgw_best_version,
            pul_time_stamp,
            rgb_aux_out,
            rgb_aux_out_layout,
            return_value,
            padding: zero_to_empty(std::mem::take(&mut i.padding)),
        })
    }

    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pcxh)?;
        o.u32(self.pcms_polls_max);
        o.u32(self.pc_retry);
        o.u32(self.pcms_retry_delay);
        o.u16(self.picxr);
        let [id0, id1] = self.referent_ids;
        o.unique_string(self.sz_dn_prefix.as_ref(), id0, 0)?;
        let next = usize::from(self.sz_dn_prefix.is_some());
        o.unique_string(self.sz_display_name.as_ref(), id1, next)?;
        o.u16x3(self.rgw_server_version);
        o.u16x3(self.rgw_best_version);
        o.u32(self.pul_time_stamp);
        let aux = self.rgb_aux_out.to_vec()?;
        let n = o.conformant_varying(&aux, self.rgb_aux_out_layout)?;
        o.u32(n);
        o.u32(self.return_value);
        Ok(())
    }
}

stub_codec!(EcDoConnectExResponse, "EcDoConnectEx response");

// ---- EcDoRpcExt2 --------------------------------------------------------------------

msox_codec::wire_flags! {
    /// [MS-OXCRPC] 3.1.4.2 EcDoRpcExt2 pulFlags.
    pub struct RpcExt2Flags: u32 {
        /// The server MUST NOT compress the ROP response payload (rgbOut)
        /// or the auxiliary payload (rgbAuxOut).
        const NO_COMPRESSION = 0x0000_0001 => "NoCompression";
        /// The server MUST NOT obfuscate rgbOut or rgbAuxOut.
        const NO_XOR_MAGIC = 0x0000_0002 => "NoXorMagic";
        /// The client accepts chained (packed) extended buffers in rgbOut.
        const CHAIN = 0x0000_0004 => "Chain";
    }
}

/// [MS-OXCRPC] 3.1.4.2 EcDoRpcExt2 Method (Opnum 11): the `[in]`
/// parameters, as the request stub carries them. rgbIn holds the ROP
/// request buffers ([MS-OXCROPS]: RopSize, ROPs, handle table), one per
/// extended buffer segment, after decompression.
///
/// ```
/// use ms_oxcrpc::{EcDoRpcExt2Request, ExtendedBuffer, RpcExt2Flags, RpcHeaderExtFlags};
/// use msox_codec::{Decode, Encode};
/// let rops = vec![0x08, 0x00, 0xfe, 0x00, 0x00, 0x01, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff];
/// let req = EcDoRpcExt2Request {
///     pul_flags: RpcExt2Flags::NO_COMPRESSION | RpcExt2Flags::NO_XOR_MAGIC,
///     rgb_in: ExtendedBuffer::single(rops.clone(), RpcHeaderExtFlags::EMPTY),
///     pcb_out: 0x8007,
///     pcb_aux_out: 0x1008,
///     ..Default::default()
/// };
/// let stub = req.to_vec()?;
/// let back = EcDoRpcExt2Request::decode_exact(&stub)?;
/// assert_eq!(back.rgb_in.joined(), Some(rops));
/// assert_eq!(back.to_vec()?, stub);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoRpcExt2Request {
    /// pcxh: the session context handle.
    pub pcxh: ContextHandle,
    /// pulFlags (on input).
    pub pul_flags: RpcExt2Flags,
    /// rgbIn (cbIn bytes): the ROP request extended buffers.
    pub rgb_in: ExtendedBuffer,
    /// pcbOut (on input): the largest rgbOut the client accepts
    /// (BIG_RANGE_ULONG).
    pub pcb_out: u32,
    /// rgbAuxIn (cbAuxIn bytes): the auxiliary buffer; empty when cbAuxIn is 0.
    pub rgb_aux_in: AuxBuffer,
    /// pcbAuxOut (on input): the largest rgbAuxOut the client accepts
    /// (SMALL_RANGE_ULONG).
    pub pcb_aux_out: u32,
    /// Alignment gap bytes as read, when not all zero.
    pub padding: Vec<u8>,
}

impl EcDoRpcExt2Request {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        let pcxh = i.handle()?;
        let pul_flags = RpcExt2Flags(i.u32()?);
        let (rgb_in, cb_in) = i.conformant("rgbIn", ext_buffer)?;
        i.count_of("cbIn", cb_in)?;
        let pcb_out = i.ranged("pcbOut", BIG_RANGE_ULONG_MAX)?;
        let (rgb_aux_in, cb_aux_in) = i.conformant("rgbAuxIn", ext_buffer)?;
        i.count_of("cbAuxIn", cb_aux_in)?;
        let pcb_aux_out = i.ranged("pcbAuxOut", SMALL_RANGE_ULONG_MAX)?;
        let padding = std::mem::take(&mut i.padding);
        Ok(EcDoRpcExt2Request {
            pcxh,
            pul_flags,
            rgb_in,
            pcb_out,
            rgb_aux_in,
            pcb_aux_out,
            padding: zero_to_empty(padding),
        })
    }

    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pcxh)?;
        o.u32(self.pul_flags.0);
        let rgb_in = self.rgb_in.to_vec()?;
        let n = o.conformant(&rgb_in)?;
        o.u32(n);
        o.u32(self.pcb_out);
        let aux = self.rgb_aux_in.to_vec()?;
        let n = o.conformant(&aux)?;
        o.u32(n);
        o.u32(self.pcb_aux_out);
        Ok(())
    }
}

stub_codec!(EcDoRpcExt2Request, "EcDoRpcExt2 request");

/// [MS-OXCRPC] 3.1.4.2 EcDoRpcExt2 Method (Opnum 11): the `[out]`
/// parameters and the return value, as the response stub carries them.
/// rgbOut holds the ROP response buffers, one per extended buffer segment
/// (several when chained).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoRpcExt2Response {
    /// pcxh: the session context handle (null when the server destroyed it).
    pub pcxh: ContextHandle,
    /// pulFlags (on output).
    pub pul_flags: RpcExt2Flags,
    /// rgbOut (*pcbOut bytes): the ROP response extended buffers.
    pub rgb_out: ExtendedBuffer,
    /// rgbOut's MaxCount and Offset as read, when not *pcbOut and 0.
    pub rgb_out_layout: Option<NdrArrayLayout>,
    /// rgbAuxOut (*pcbAuxOut bytes): the auxiliary buffer; empty when
    /// *pcbAuxOut is 0.
    pub rgb_aux_out: AuxBuffer,
    /// rgbAuxOut's MaxCount and Offset as read, when not *pcbAuxOut and 0.
    pub rgb_aux_out_layout: Option<NdrArrayLayout>,
    /// pulTransTime: the server's processing time (milliseconds).
    pub pul_trans_time: u32,
    /// The return value (an error code; 0 for success).
    pub return_value: u32,
    /// Alignment gap bytes as read, when not all zero.
    pub padding: Vec<u8>,
}

impl EcDoRpcExt2Response {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        let pcxh = i.handle()?;
        let pul_flags = RpcExt2Flags(i.u32()?);
        let (rgb_out, n, rgb_out_layout) = i.conformant_varying("rgbOut", ext_buffer)?;
        i.count_of("pcbOut", n)?;
        if n > BIG_RANGE_ULONG_MAX {
            let at = i.r.pos().saturating_sub(4);
            i.r.defect_at(
                ErrorKind::InvalidValue {
                    field: "pcbOut",
                    value: u64::from(n),
                },
                at,
                "value kept as read",
            )?;
        }
        let (rgb_aux_out, n, rgb_aux_out_layout) = i.conformant_varying("rgbAuxOut", ext_buffer)?;
        i.count_of("pcbAuxOut", n)?;
        if n > SMALL_RANGE_ULONG_MAX {
            let at = i.r.pos().saturating_sub(4);
            i.r.defect_at(
                ErrorKind::InvalidValue {
                    field: "pcbAuxOut",
                    value: u64::from(n),
                },
                at,
                "value kept as read",
            )?;
        }
        let pul_trans_time = i.u32()?;
        let return_value = i.u32()?;
        let padding = std::mem::take(&mut i.padding);
        Ok(EcDoRpcExt2Response {
            pcxh,
            pul_flags,
            rgb_out,
            rgb_out_layout,
            rgb_aux_out,
            rgb_aux_out_layout,
            pul_trans_time,
            return_value,
            padding: zero_to_empty(padding),
        })
    }

    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pcxh)?;
        o.u32(self.pul_flags.0);
        let out = self.rgb_out.to_vec()?;
        let n = o.conformant_varying(&out, self.rgb_out_layout)?;
        o.u32(n);
        let aux = self.rgb_aux_out.to_vec()?;
        let n = o.conformant_varying(&aux, self.rgb_aux_out_layout)?;
        o.u32(n);
        o.u32(self.pul_trans_time);
        o.u32(self.return_value);
        Ok(())
    }
}

stub_codec!(EcDoRpcExt2Response, "EcDoRpcExt2 response");

fn zero_to_empty(padding: Vec<u8>) -> Vec<u8> {
    if padding.iter().all(|&b| b == 0) {
        Vec::new()
    } else {
        padding
    }
}

// ---- EcDoDisconnect, EcDoAsyncConnectEx, EcDoAsyncWaitEx ------------------------------

/// [MS-OXCRPC] 3.1.4.3 EcDoDisconnect Method (Opnum 1): the request
/// (`[in, out, ref] CXH *pcxh`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoDisconnectRequest {
    /// pcxh: the session context handle to close.
    pub pcxh: ContextHandle,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoDisconnectRequest {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoDisconnectRequest {
            pcxh: i.handle()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pcxh)
    }
}

stub_codec!(EcDoDisconnectRequest, "EcDoDisconnect request");

/// [MS-OXCRPC] 3.1.4.3 EcDoDisconnect Method (Opnum 1): the response (the
/// handle, null on success, and the return value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoDisconnectResponse {
    /// pcxh: null when the session was closed.
    pub pcxh: ContextHandle,
    /// The return value.
    pub return_value: u32,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoDisconnectResponse {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoDisconnectResponse {
            pcxh: i.handle()?,
            return_value: i.u32()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pcxh)?;
        o.u32(self.return_value);
        Ok(())
    }
}

stub_codec!(EcDoDisconnectResponse, "EcDoDisconnect response");

/// [MS-OXCRPC] 3.1.4.4 EcDoAsyncConnectEx Method (Opnum 14): the request
/// (`[in] CXH cxh`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoAsyncConnectExRequest {
    /// cxh: the session context handle.
    pub cxh: ContextHandle,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoAsyncConnectExRequest {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoAsyncConnectExRequest {
            cxh: i.handle()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.cxh)
    }
}

stub_codec!(EcDoAsyncConnectExRequest, "EcDoAsyncConnectEx request");

/// [MS-OXCRPC] 3.1.4.4 EcDoAsyncConnectEx Method (Opnum 14): the response
/// (`[out, ref] ACXH *pacxh` and the return value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoAsyncConnectExResponse {
    /// pacxh: the asynchronous context handle for EcDoAsyncWaitEx.
    pub pacxh: ContextHandle,
    /// The return value.
    pub return_value: u32,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoAsyncConnectExResponse {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoAsyncConnectExResponse {
            pacxh: i.handle()?,
            return_value: i.u32()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.pacxh)?;
        o.u32(self.return_value);
        Ok(())
    }
}

stub_codec!(EcDoAsyncConnectExResponse, "EcDoAsyncConnectEx response");

/// [MS-OXCRPC] 3.3.4.1 EcDoAsyncWaitEx Method (AsyncEMSMDB opnum 0): the
/// request (`[in] ACXH acxh`, `[in] unsigned long ulFlagsIn`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoAsyncWaitExRequest {
    /// acxh: the asynchronous context handle.
    pub acxh: ContextHandle,
    /// ulFlagsIn: MUST be 0.
    pub ul_flags_in: u32,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoAsyncWaitExRequest {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoAsyncWaitExRequest {
            acxh: i.handle()?,
            ul_flags_in: i.u32()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.handle(&self.acxh)?;
        o.u32(self.ul_flags_in);
        Ok(())
    }
}

stub_codec!(EcDoAsyncWaitExRequest, "EcDoAsyncWaitEx request");

/// [MS-OXCRPC] 3.3.4.1 EcDoAsyncWaitEx Method (AsyncEMSMDB opnum 0): the
/// response (`[out] unsigned long *pulFlagsOut` and the return value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EcDoAsyncWaitExResponse {
    /// pulFlagsOut: 0x00000001 (NotificationPending) when the client
    /// should call EcDoRpcExt2 to fetch notifications.
    pub pul_flags_out: u32,
    /// The return value.
    pub return_value: u32,
    /// Alignment gap bytes (none in this stub; kept for uniformity).
    pub padding: Vec<u8>,
}

impl EcDoAsyncWaitExResponse {
    fn read(i: &mut In<'_, '_>) -> Result<Self> {
        Ok(EcDoAsyncWaitExResponse {
            pul_flags_out: i.u32()?,
            return_value: i.u32()?,
            padding: Vec::new(),
        })
    }
    fn write(&self, o: &mut Out<'_>) -> Result<()> {
        o.u32(self.pul_flags_out);
        o.u32(self.return_value);
        Ok(())
    }
}

stub_codec!(EcDoAsyncWaitExResponse, "EcDoAsyncWaitEx response");
