//! [MS-OXNSPI] 2.2.2-2.2.8 ([MS-NSPI] 2.3) the `_r` structures and their
//! NDR encoding.

use ms_dtyp::{FileTime, Guid};
use msox_codec::bytes::BufMut;
use msox_codec::{Decode, Encode, ErrorKind, Reader, Result, String8, Utf16String};

use crate::constants::SortType;
use crate::ndr::{
    Ndr, NdrFull, NdrReader, NdrWriter, ndr_codec, read_array, read_pointee, write_array,
};
use crate::strings::{read_string8, read_wstring, write_string8, write_wstring};

/// The `[range]` most NSPI counts carry ([MS-OXNSPI] 2.2.2.x: "MUST NOT
/// exceed 100,000").
pub const MAX_COUNT: u32 = 100_000;
/// [MS-OXNSPI] 2.2.2.3 Binary_r: cb "MUST NOT exceed 2,097,152".
pub const MAX_BINARY: u32 = 2_097_152;

// ---------------------------------------------------------------------------
// STAT

/// [MS-OXNSPI] 2.2.8 STAT ([MS-NSPI] 2.3.7): the state of a table and a
/// position in it. 36 bytes, the same in NDR and in MAPI/HTTP bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Stat {
    /// SortType ([`SortType`]).
    pub sort_type: SortType,
    /// ContainerID: the MId of the address book container.
    pub container_id: u32,
    /// CurrentRec: a MId, the position.
    pub current_rec: u32,
    /// Delta: an offset from CurrentRec.
    pub delta: i32,
    /// NumPos: the (approximate) fractional position.
    pub num_pos: u32,
    /// TotalRecs: the number of rows in the table.
    pub total_recs: u32,
    /// CodePage of 8-bit strings.
    pub code_page: u32,
    /// TemplateLocale (an LCID).
    pub template_locale: u32,
    /// SortLocale (an LCID).
    pub sort_locale: u32,
}

impl Stat {
    /// The STAT's size on the wire.
    pub const SIZE: usize = 36;
}

impl Default for Stat {
    /// All zero: SortTypeDisplayName, the beginning of the table.
    fn default() -> Self {
        Stat {
            sort_type: SortType::DisplayName,
            container_id: 0,
            current_rec: 0,
            delta: 0,
            num_pos: 0,
            total_recs: 0,
            code_page: 0,
            template_locale: 0,
            sort_locale: 0,
        }
    }
}

impl<'a> Decode<'a> for Stat {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("STAT", |r| {
            Ok(Stat {
                sort_type: SortType::from(r.u32()?),
                container_id: r.u32()?,
                current_rec: r.u32()?,
                delta: r.i32()?,
                num_pos: r.u32()?,
                total_recs: r.u32()?,
                code_page: r.u32()?,
                template_locale: r.u32()?,
                sort_locale: r.u32()?,
            })
        })
    }
}

impl Encode for Stat {
    fn encoded_len(&self) -> usize {
        Self::SIZE
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(self.sort_type.value());
        buf.put_u32_le(self.container_id);
        buf.put_u32_le(self.current_rec);
        buf.put_i32_le(self.delta);
        buf.put_u32_le(self.num_pos);
        buf.put_u32_le(self.total_recs);
        buf.put_u32_le(self.code_page);
        buf.put_u32_le(self.template_locale);
        buf.put_u32_le(self.sort_locale);
        Ok(())
    }
}

impl Ndr for Stat {
    type Scalars = Stat;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Stat> {
        n.align(4)?;
        n.reader().decode()
    }
    fn read_buffers(_: &mut NdrReader<'_, '_>, s: Stat) -> Result<Stat> {
        Ok(s)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.align(4);
        let mut b = Vec::with_capacity(Self::SIZE);
        self.encode(&mut b)?;
        w.put(&b);
        Ok(())
    }
    fn write_buffers(&self, _: &mut NdrWriter) -> Result<()> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// FlatUID_r, NSPI_HANDLE

/// [MS-OXNSPI] 2.2.2.1 FlatUID_r: 16 ordered bytes, a GUID (alignment 1).
impl Ndr for Guid {
    type Scalars = Guid;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Guid> {
        n.reader().decode()
    }
    fn read_buffers(_: &mut NdrReader<'_, '_>, s: Guid) -> Result<Guid> {
        Ok(s)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.put(&self.to_le_bytes());
        Ok(())
    }
    fn write_buffers(&self, _: &mut NdrWriter) -> Result<()> {
        Ok(())
    }
}

/// [MS-OXNSPI] 2.2.10 NSPI_HANDLE: an RPC context handle (C706 2.3.1;
/// [MS-RPCE] 2.2.5.3.4.4: 4 bytes of attributes, then a 16-byte UUID).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NspiHandle {
    /// context_handle_attributes.
    pub attributes: u32,
    /// context_handle_uuid (all zero: the NULL handle).
    pub uuid: Guid,
}

impl NspiHandle {
    /// Whether this is the NULL context handle.
    pub fn is_null(&self) -> bool {
        self.attributes == 0 && self.uuid.is_nil()
    }
}

impl Ndr for NspiHandle {
    type Scalars = NspiHandle;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<NspiHandle> {
        n.frame("NSPI_HANDLE", |n| {
            let attributes = n.u32()?;
            let uuid = n.reader().decode()?;
            Ok(NspiHandle { attributes, uuid })
        })
    }
    fn read_buffers(_: &mut NdrReader<'_, '_>, s: NspiHandle) -> Result<NspiHandle> {
        Ok(s)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.u32(self.attributes);
        w.put(&self.uuid.to_le_bytes());
        Ok(())
    }
    fn write_buffers(&self, _: &mut NdrWriter) -> Result<()> {
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// PropertyTagArray_r

/// [MS-OXNSPI] 2.2.2.2 PropertyTagArray_r ([MS-NSPI] 2.3.1.2): a list of
/// DWORDs, proptags or MIds. A conformant varying structure: maximum count
/// `cValues + 1`, cValues, offset 0, actual count cValues, the values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyTagArrayR {
    /// aulPropTag: the values.
    pub values: Vec<u32>,
}

impl PropertyTagArrayR {
    /// From property tags.
    pub fn from_tags(tags: &[ms_oxcdata::PropertyTag]) -> Self {
        PropertyTagArrayR {
            values: tags.iter().map(|t| t.to_u32()).collect(),
        }
    }

    /// The values as property tags.
    pub fn tags(&self) -> Vec<ms_oxcdata::PropertyTag> {
        self.values
            .iter()
            .map(|&v| ms_oxcdata::PropertyTag::from_u32(v))
            .collect()
    }
}

impl NdrFull for PropertyTagArrayR {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("PropertyTagArray_r", |n| {
            let max_at = n.pos();
            let max = n.u32()?;
            let c_at = n.pos();
            let c_values = n.u32()?;
            n.range("cValues", c_values, MAX_COUNT, c_at)?;
            let off_at = n.pos();
            let offset = n.u32()?;
            n.reserved("offset", offset, 0, off_at)?;
            let a_at = n.pos();
            let actual_count = n.u32()?;
            if actual_count > max {
                return Err(n
                    .reader()
                    .invalid_at("actual_count", u64::from(actual_count), a_at));
            }
            let actual = n
                .reader()
                .check_count(u64::from(actual_count), 4, "cValues")?;
            // [size_is(cValues+1), length_is(cValues)]
            if u64::from(max) != u64::from(c_values) + 1 {
                n.reader().defect_at(
                    ErrorKind::InvalidValue {
                        field: "max_count",
                        value: u64::from(max),
                    },
                    max_at,
                    "size_is(cValues+1) not followed; re-encoded as cValues+1",
                )?;
            }
            n.agree("cValues", c_values, actual, c_at)?;
            let mut values = Vec::with_capacity(actual.min(4096));
            for _ in 0..actual {
                values.push(n.reader().u32()?);
            }
            Ok(PropertyTagArrayR { values })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        let c = msox_codec::fit_u32(self.values.len(), "cValues")?;
        w.u32(c.checked_add(1).ok_or_else(|| {
            msox_codec::Error::too_large("cValues", u64::from(c), u64::from(u32::MAX - 1))
        })?);
        w.u32(c);
        w.u32(0);
        w.u32(c);
        for v in &self.values {
            w.u32(*v);
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------
// Counted arrays behind a pointer (Binary_r and the PtypMultiple* arrays)

/// Fixed part of a `{ DWORD cValues; [size_is(cValues)] T* lp; }` pair.
#[derive(Debug, Clone, Copy)]
pub struct CountedScalars {
    count: u32,
    count_at: usize,
    present: bool,
}

fn read_counted_scalars(
    n: &mut NdrReader<'_, '_>,
    what: &'static str,
    max: u32,
) -> Result<CountedScalars> {
    let count_at = n.pos();
    let count = n.u32()?;
    n.range(what, count, max, count_at)?;
    let present = n.pointer()?;
    Ok(CountedScalars {
        count,
        count_at,
        present,
    })
}

/// The referent of a counted pointer: the array, with its own count checked
/// against the structure's.
fn read_counted<T>(
    n: &mut NdrReader<'_, '_>,
    s: CountedScalars,
    what: &'static str,
    min_size: usize,
    f: impl FnOnce(&mut NdrReader<'_, '_>, usize) -> Result<Vec<T>>,
) -> Result<Option<Vec<T>>> {
    if !s.present {
        if s.count != 0 {
            n.reserved(what, s.count, 0, s.count_at)?;
        }
        return Ok(None);
    }
    let len = n.conformance(min_size, what)?;
    n.agree(what, s.count, len, s.count_at)?;
    f(n, len).map(Some)
}

fn write_counted_scalars<T>(
    w: &mut NdrWriter,
    v: &Option<Vec<T>>,
    what: &'static str,
) -> Result<()> {
    w.count(v.as_ref().map_or(0, Vec::len), what)?;
    w.pointer(v.is_some());
    Ok(())
}

fn read_fixed_elems<T>(
    n: &mut NdrReader<'_, '_>,
    len: usize,
    align: usize,
    mut f: impl FnMut(&mut Reader<'_>) -> Result<T>,
) -> Result<Vec<T>> {
    if len > 0 {
        n.align(align)?;
    }
    let mut v = Vec::with_capacity(len.min(4096));
    for _ in 0..len {
        v.push(f(n.reader())?);
    }
    Ok(v)
}

fn read_bytes(n: &mut NdrReader<'_, '_>, len: usize) -> Result<Vec<u8>> {
    n.reader().reserve_backed(len, "cb")?;
    Ok(n.bytes(len)?.to_vec())
}

/// [MS-OXNSPI] 2.2.2.3 Binary_r: `cb`, then a pointer to `cb` bytes
/// (`None`: a NULL pointer).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BinaryR(pub Option<Vec<u8>>);

impl BinaryR {
    /// Bytes behind a non-NULL pointer.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        BinaryR(Some(bytes.into()))
    }

    /// The bytes (empty for a NULL pointer).
    pub fn bytes(&self) -> &[u8] {
        self.0.as_deref().unwrap_or_default()
    }
}

impl Ndr for BinaryR {
    type Scalars = CountedScalars;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<CountedScalars> {
        n.frame("Binary_r", |n| read_counted_scalars(n, "cb", MAX_BINARY))
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: CountedScalars) -> Result<Self> {
        n.frame("Binary_r", |n| {
            read_counted(n, s, "cb", 1, read_bytes).map(BinaryR)
        })
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        write_counted_scalars(w, &self.0, "cb")
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        if let Some(b) = &self.0 {
            w.count(b.len(), "cb")?;
            w.put(b);
        }
        Ok(())
    }
}

/// An optional string pointer (`[string] char*`), for arrays of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Str8(pub Option<String8>);

impl Ndr for Str8 {
    type Scalars = bool;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<bool> {
        n.pointer()
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: bool) -> Result<Self> {
        read_pointee(n, s, read_string8).map(Str8)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.pointer(self.0.is_some());
        Ok(())
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        match &self.0 {
            Some(s) => write_string8(w, s),
            None => Ok(()),
        }
    }
}

/// An optional wide string pointer (`[string] wchar_t*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StrW(pub Option<Utf16String>);

impl Ndr for StrW {
    type Scalars = bool;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<bool> {
        n.pointer()
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: bool) -> Result<Self> {
        read_pointee(n, s, read_wstring).map(StrW)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.pointer(self.0.is_some());
        Ok(())
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        match &self.0 {
            Some(s) => write_wstring(w, s),
            None => Ok(()),
        }
    }
}

/// An optional GUID pointer (`FlatUID_r*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GuidPtr(pub Option<Guid>);

impl Ndr for GuidPtr {
    type Scalars = bool;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<bool> {
        n.pointer()
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: bool) -> Result<Self> {
        read_pointee(n, s, Guid::read_full).map(GuidPtr)
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.pointer(self.0.is_some());
        Ok(())
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        match &self.0 {
            Some(g) => g.write_full(w),
            None => Ok(()),
        }
    }
}

fn unwrap_str8(v: Vec<Str8>) -> Vec<Option<String8>> {
    v.into_iter().map(|s| s.0).collect()
}

fn unwrap_strw(v: Vec<StrW>) -> Vec<Option<Utf16String>> {
    v.into_iter().map(|s| s.0).collect()
}

// ---------------------------------------------------------------------------
// PROP_VAL_UNION, PropertyValue_r

/// [MS-OXNSPI] 2.2.2.11 PROP_VAL_UNION ([MS-NSPI] 2.3.1.11): a property
/// value in its NDR form, one arm per permitted property type.
///
/// Pointers that may be NULL on the wire are `Option`s; `None` is a NULL
/// pointer. A PtypBoolean keeps its 16-bit wire value (`b`); decoding
/// applies the one PtypBoolean policy of ms-oxcdata (0 or 1; anything
/// else refused in strict mode, kept with a defect in lenient mode).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum PropValUnion {
    /// `i` (PtypInteger16, 0x0002).
    Integer16(i16),
    /// `l` (PtypInteger32, 0x0003).
    Integer32(i32),
    /// `b` (PtypBoolean, 0x000B): the unsigned short as sent.
    Boolean(u16),
    /// `lpszA` (PtypString8, 0x001E).
    String8(Option<String8>),
    /// `bin` (PtypBinary, 0x0102).
    Binary(BinaryR),
    /// `lpszW` (PtypString, 0x001F).
    String(Option<Utf16String>),
    /// `lpguid` (PtypGuid, 0x0048).
    Guid(Option<Guid>),
    /// `ft` (PtypTime, 0x0040).
    Time(FileTime),
    /// `err` (PtypErrorCode, 0x000A).
    ErrorCode(u32),
    /// `MVi` ShortArray_r (PtypMultipleInteger16, 0x1002).
    MultipleInteger16(Option<Vec<i16>>),
    /// `MVl` LongArray_r (PtypMultipleInteger32, 0x1003).
    MultipleInteger32(Option<Vec<i32>>),
    /// `MVszA` StringArray_r (PtypMultipleString8, 0x101E).
    MultipleString8(Option<Vec<Option<String8>>>),
    /// `MVbin` BinaryArray_r (PtypMultipleBinary, 0x1102).
    MultipleBinary(Option<Vec<BinaryR>>),
    /// `MVguid` FlatUIDArray_r (PtypMultipleGuid, 0x1048).
    MultipleGuid(Option<Vec<Option<Guid>>>),
    /// `MVszW` WStringArray_r (PtypMultipleString, 0x101F).
    MultipleString(Option<Vec<Option<Utf16String>>>),
    /// `MVft` DateTimeArray_r (PtypMultipleTime, 0x1040).
    MultipleTime(Option<Vec<FileTime>>),
    /// `lReserved` (PtypNull 0x0001, PtypEmbeddedTable 0x000D).
    Reserved(i32),
}

impl PropValUnion {
    /// Whether this arm is the one the union selects for property type
    /// `t` (the low 16 bits of ulPropTag).
    pub fn fits(&self, t: u16) -> bool {
        use PropValUnion as V;
        matches!(
            (self, t),
            (V::Integer16(_), 0x0002)
                | (V::Integer32(_), 0x0003)
                | (V::Boolean(_), 0x000B)
                | (V::String8(_), 0x001E)
                | (V::Binary(_), 0x0102)
                | (V::String(_), 0x001F)
                | (V::Guid(_), 0x0048)
                | (V::Time(_), 0x0040)
                | (V::ErrorCode(_), 0x000A)
                | (V::MultipleInteger16(_), 0x1002)
                | (V::MultipleInteger32(_), 0x1003)
                | (V::MultipleString8(_), 0x101E)
                | (V::MultipleBinary(_), 0x1102)
                | (V::MultipleGuid(_), 0x1048)
                | (V::MultipleString(_), 0x101F)
                | (V::MultipleTime(_), 0x1040)
                | (V::Reserved(_), 0x0001 | 0x000D)
        )
    }
}

/// The fixed part of a PROP_VAL_UNION arm.
#[derive(Debug, Clone)]
pub enum PropValScalars {
    /// An arm without pointers, complete.
    Done(PropValUnion),
    /// lpszA's pointer.
    String8(bool),
    /// bin's fixed part.
    Binary(CountedScalars),
    /// lpszW's pointer.
    String(bool),
    /// lpguid's pointer.
    Guid(bool),
    /// A counted array's fixed part, with its discriminant.
    Counted(u16, CountedScalars),
}

fn read_union_arm(n: &mut NdrReader<'_, '_>, t: u16, at: usize) -> Result<PropValScalars> {
    use PropValScalars as S;
    use PropValUnion as V;
    Ok(match t {
        0x0002 => S::Done(V::Integer16(n.i16()?)),
        0x0003 => S::Done(V::Integer32(n.i32()?)),
        0x000B => {
            let b_at = n.pos();
            let b = n.u16()?;
            // the one PtypBoolean policy; the u16 is kept either way
            ms_oxcdata::boolean_policy(n.reader(), u64::from(b), b_at)?;
            S::Done(V::Boolean(b))
        }
        0x001E => S::String8(n.pointer()?),
        0x0102 => S::Binary(read_counted_scalars(n, "cb", MAX_BINARY)?),
        0x001F => S::String(n.pointer()?),
        0x0048 => S::Guid(n.pointer()?),
        0x0040 => {
            let lo = n.u32()?;
            let hi = n.u32()?;
            S::Done(V::Time(FileTime(u64::from(hi) << 32 | u64::from(lo))))
        }
        0x000A => S::Done(V::ErrorCode(n.u32()?)),
        0x1002 | 0x1003 | 0x101E | 0x1102 | 0x1048 | 0x101F | 0x1040 => {
            S::Counted(t, read_counted_scalars(n, "cValues", MAX_COUNT)?)
        }
        0x0001 | 0x000D => {
            let r_at = n.pos();
            let v = n.i32()?;
            n.reserved("lReserved", v as u32, 0, r_at)?;
            S::Done(V::Reserved(v))
        }
        other => {
            return Err(n
                .reader()
                .invalid_at("PROP_VAL_UNION discriminant", u64::from(other), at));
        }
    })
}

fn read_union_buffers(n: &mut NdrReader<'_, '_>, s: PropValScalars) -> Result<PropValUnion> {
    use PropValScalars as S;
    use PropValUnion as V;
    Ok(match s {
        S::Done(v) => v,
        S::String8(p) => V::String8(read_pointee(n, p, read_string8)?),
        S::Binary(c) => V::Binary(BinaryR(read_counted(n, c, "cb", 1, read_bytes)?)),
        S::String(p) => V::String(read_pointee(n, p, read_wstring)?),
        S::Guid(p) => V::Guid(read_pointee(n, p, Guid::read_full)?),
        S::Counted(t, c) => match t {
            0x1002 => V::MultipleInteger16(read_counted(n, c, "cValues", 2, |n, k| {
                read_fixed_elems(n, k, 2, |r| r.i16())
            })?),
            0x1003 => V::MultipleInteger32(read_counted(n, c, "cValues", 4, |n, k| {
                read_fixed_elems(n, k, 4, |r| r.i32())
            })?),
            0x101E => V::MultipleString8(
                read_counted(n, c, "cValues", 4, |n, k| {
                    read_array::<Str8>(n, k, "lppszA")
                })?
                .map(unwrap_str8),
            ),
            0x1102 => V::MultipleBinary(read_counted(n, c, "cValues", 8, |n, k| {
                read_array::<BinaryR>(n, k, "lpbin")
            })?),
            0x1048 => V::MultipleGuid(
                read_counted(n, c, "cValues", 4, |n, k| {
                    read_array::<GuidPtr>(n, k, "lpguid")
                })?
                .map(|v| v.into_iter().map(|g| g.0).collect()),
            ),
            0x101F => V::MultipleString(
                read_counted(n, c, "cValues", 4, |n, k| {
                    read_array::<StrW>(n, k, "lppszW")
                })?
                .map(unwrap_strw),
            ),
            _ => V::MultipleTime(read_counted(n, c, "cValues", 8, |n, k| {
                read_fixed_elems(n, k, 4, |r| {
                    let lo = r.u32()?;
                    let hi = r.u32()?;
                    Ok(FileTime(u64::from(hi) << 32 | u64::from(lo)))
                })
            })?),
        },
    })
}

fn write_union_scalars(v: &PropValUnion, w: &mut NdrWriter) -> Result<()> {
    use PropValUnion as V;
    match v {
        V::Integer16(x) => w.u16(*x as u16),
        V::Integer32(x) => w.i32(*x),
        V::Boolean(x) => w.u16(*x),
        V::String8(p) => w.pointer(p.is_some()),
        V::Binary(b) => b.write_scalars(w)?,
        V::String(p) => w.pointer(p.is_some()),
        V::Guid(p) => w.pointer(p.is_some()),
        V::Time(t) => {
            w.u32(t.0 as u32);
            w.u32((t.0 >> 32) as u32);
        }
        V::ErrorCode(x) => w.u32(*x),
        V::MultipleInteger16(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleInteger32(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleString8(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleBinary(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleGuid(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleString(a) => write_counted_scalars(w, a, "cValues")?,
        V::MultipleTime(a) => write_counted_scalars(w, a, "cValues")?,
        V::Reserved(x) => w.i32(*x),
    }
    Ok(())
}

fn write_union_buffers(v: &PropValUnion, w: &mut NdrWriter) -> Result<()> {
    use PropValUnion as V;
    match v {
        V::String8(Some(s)) => write_string8(w, s)?,
        V::Binary(b) => b.write_buffers(w)?,
        V::String(Some(s)) => write_wstring(w, s)?,
        V::Guid(Some(g)) => g.write_full(w)?,
        V::MultipleInteger16(Some(a)) => {
            w.count(a.len(), "cValues")?;
            for x in a {
                w.u16(*x as u16);
            }
        }
        V::MultipleInteger32(Some(a)) => {
            w.count(a.len(), "cValues")?;
            for x in a {
                w.i32(*x);
            }
        }
        V::MultipleString8(Some(a)) => {
            w.count(a.len(), "cValues")?;
            let items: Vec<Str8> = a.iter().cloned().map(Str8).collect();
            write_array(w, &items)?;
        }
        V::MultipleBinary(Some(a)) => {
            w.count(a.len(), "cValues")?;
            write_array(w, a)?;
        }
        V::MultipleGuid(Some(a)) => {
            w.count(a.len(), "cValues")?;
            let items: Vec<GuidPtr> = a.iter().copied().map(GuidPtr).collect();
            write_array(w, &items)?;
        }
        V::MultipleString(Some(a)) => {
            w.count(a.len(), "cValues")?;
            let items: Vec<StrW> = a.iter().cloned().map(StrW).collect();
            write_array(w, &items)?;
        }
        V::MultipleTime(Some(a)) => {
            w.count(a.len(), "cValues")?;
            for t in a {
                w.u32(t.0 as u32);
                w.u32((t.0 >> 32) as u32);
            }
        }
        _ => {}
    }
    Ok(())
}

/// [MS-OXNSPI] 2.2.2.12 PropertyValue_r ([MS-NSPI] 2.3.1.12): a proptag,
/// a reserved DWORD, and the value in the arm the proptag's type selects.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyValueR {
    /// ulPropTag.
    pub prop_tag: u32,
    /// ulReserved (dwAlignPad): 0.
    pub reserved: u32,
    /// Value.
    pub value: PropValUnion,
}

impl PropertyValueR {
    /// A value with ulReserved 0.
    pub fn new(prop_tag: u32, value: PropValUnion) -> Self {
        PropertyValueR {
            prop_tag,
            reserved: 0,
            value,
        }
    }

    /// The proptag as a [`ms_oxcdata::PropertyTag`].
    pub fn tag(&self) -> ms_oxcdata::PropertyTag {
        ms_oxcdata::PropertyTag::from_u32(self.prop_tag)
    }

    fn check(&self) -> Result<()> {
        let t = self.prop_tag as u16;
        if self.value.fits(t) {
            Ok(())
        } else {
            Err(msox_codec::Error::new(ErrorKind::InvalidValue {
                field: "ulPropTag",
                value: u64::from(self.prop_tag),
            })
            .context("PropertyValue_r"))
        }
    }
}

impl Ndr for PropertyValueR {
    type Scalars = (u32, u32, PropValScalars);
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Self::Scalars> {
        n.frame("PropertyValue_r", |n| {
            let prop_tag = n.u32()?;
            let r_at = n.pos();
            let reserved = n.u32()?;
            n.reserved("ulReserved", reserved, 0, r_at)?;
            let d_at = n.pos();
            let disc = n.u32()?;
            let t = prop_tag as u16;
            if disc != u32::from(t) {
                n.reader().defect_at(
                    ErrorKind::InvalidValue {
                        field: "PROP_VAL_UNION discriminant",
                        value: u64::from(disc),
                    },
                    d_at,
                    "the arm of the proptag's type is read",
                )?;
            }
            let arm = read_union_arm(n, t, d_at)?;
            Ok((prop_tag, reserved, arm))
        })
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: Self::Scalars) -> Result<Self> {
        let (prop_tag, reserved, arm) = s;
        n.frame("PropertyValue_r", |n| {
            Ok(PropertyValueR {
                prop_tag,
                reserved,
                value: read_union_buffers(n, arm)?,
            })
        })
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        self.check()?;
        w.u32(self.prop_tag);
        w.u32(self.reserved);
        w.u32(self.prop_tag & 0xFFFF);
        write_union_scalars(&self.value, w)
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        write_union_buffers(&self.value, w)
    }
}

// ---------------------------------------------------------------------------
// PropertyRow_r, PropertyRowSet_r

/// [MS-OXNSPI] 2.2.3 PropertyRow_r ([MS-NSPI] 2.3.2): a row of values
/// (`values: None` is a NULL lpProps).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyRowR {
    /// Reserved (ulAdrEntryPad): 0.
    pub reserved: u32,
    /// lpProps.
    pub values: Option<Vec<PropertyValueR>>,
}

impl PropertyRowR {
    /// A row of these values.
    pub fn new(values: Vec<PropertyValueR>) -> Self {
        PropertyRowR {
            reserved: 0,
            values: Some(values),
        }
    }

    /// The values (empty for a NULL lpProps).
    pub fn values(&self) -> &[PropertyValueR] {
        self.values.as_deref().unwrap_or_default()
    }
}

impl Ndr for PropertyRowR {
    type Scalars = (u32, CountedScalars);
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Self::Scalars> {
        n.frame("PropertyRow_r", |n| {
            let r_at = n.pos();
            let reserved = n.u32()?;
            n.reserved("Reserved", reserved, 0, r_at)?;
            Ok((reserved, read_counted_scalars(n, "cValues", MAX_COUNT)?))
        })
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: Self::Scalars) -> Result<Self> {
        n.frame("PropertyRow_r", |n| {
            let values = read_counted(n, s.1, "cValues", 12, |n, k| {
                read_array::<PropertyValueR>(n, k, "PropertyValue_r")
            })?;
            Ok(PropertyRowR {
                reserved: s.0,
                values,
            })
        })
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.u32(self.reserved);
        write_counted_scalars(w, &self.values, "cValues")
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        if let Some(v) = &self.values {
            w.count(v.len(), "cValues")?;
            write_array(w, v)?;
        }
        Ok(())
    }
}

/// [MS-OXNSPI] 2.2.4 PropertyRowSet_r ([MS-NSPI] 2.3.3): rows, a
/// conformant structure (the array's count first, then cRows).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyRowSetR {
    /// aRow.
    pub rows: Vec<PropertyRowR>,
}

impl NdrFull for PropertyRowSetR {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("PropertyRowSet_r", |n| {
            let len = n.conformance(12, "cRows")?;
            let c_at = n.pos();
            let c_rows = n.u32()?;
            n.range("cRows", c_rows, MAX_COUNT, c_at)?;
            n.agree("cRows", c_rows, len, c_at)?;
            let rows = read_array::<PropertyRowR>(n, len, "PropertyRow_r")?;
            Ok(PropertyRowSetR { rows })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        w.count(self.rows.len(), "cRows")?;
        w.count(self.rows.len(), "cRows")?;
        write_array(w, &self.rows)
    }
}

// ---------------------------------------------------------------------------
// Restriction_r

/// [MS-OXNSPI] 2.2.5 Restrictions ([MS-NSPI] 2.3.4): Restriction_r, the
/// `rt` and the RestrictionUnion_r arm it selects. Pointers that may be
/// NULL on the wire are `Option`s.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum RestrictionR {
    /// rt 0x00, AndRestriction_r: all hold.
    And(Option<Vec<RestrictionR>>),
    /// rt 0x01, OrRestriction_r: any holds.
    Or(Option<Vec<RestrictionR>>),
    /// rt 0x02, NotRestriction_r.
    Not(Option<Box<RestrictionR>>),
    /// rt 0x03, ContentRestriction_r.
    Content {
        /// ulFuzzyLevel: FuzzyLevelLow in the low 16 bits, FuzzyLevelHigh above.
        fuzzy_level: u32,
        /// ulPropTag.
        prop_tag: u32,
        /// lpProp.
        prop: Option<Box<PropertyValueR>>,
    },
    /// rt 0x04, PropertyRestriction_r.
    Property {
        /// relop.
        relop: u32,
        /// ulPropTag.
        prop_tag: u32,
        /// lpProp.
        prop: Option<Box<PropertyValueR>>,
    },
    /// rt 0x05, ComparePropsRestriction_r.
    CompareProps {
        /// relop.
        relop: u32,
        /// ulPropTag1.
        prop_tag1: u32,
        /// ulPropTag2.
        prop_tag2: u32,
    },
    /// rt 0x06, BitMaskRestriction_r.
    BitMask {
        /// relBMR.
        rel_bmr: u32,
        /// ulPropTag.
        prop_tag: u32,
        /// ulMask.
        mask: u32,
    },
    /// rt 0x07, SizeRestriction_r.
    Size {
        /// relop.
        relop: u32,
        /// ulPropTag.
        prop_tag: u32,
        /// cb.
        cb: u32,
    },
    /// rt 0x08, ExistRestriction_r.
    Exist {
        /// ulReserved1: 0.
        reserved1: u32,
        /// ulPropTag.
        prop_tag: u32,
        /// ulReserved2: 0.
        reserved2: u32,
    },
    /// rt 0x09, SubRestriction_r.
    Sub {
        /// ulSubObject.
        sub_object: u32,
        /// lpRes.
        restriction: Option<Box<RestrictionR>>,
    },
}

impl RestrictionR {
    /// The rt value.
    pub const fn rt(&self) -> u32 {
        match self {
            RestrictionR::And(_) => 0,
            RestrictionR::Or(_) => 1,
            RestrictionR::Not(_) => 2,
            RestrictionR::Content { .. } => 3,
            RestrictionR::Property { .. } => 4,
            RestrictionR::CompareProps { .. } => 5,
            RestrictionR::BitMask { .. } => 6,
            RestrictionR::Size { .. } => 7,
            RestrictionR::Exist { .. } => 8,
            RestrictionR::Sub { .. } => 9,
        }
    }
}

const RT_NAMES: [&str; 10] = [
    "resAnd",
    "resOr",
    "resNot",
    "resContent",
    "resProperty",
    "resCompareProps",
    "resBitMask",
    "resSize",
    "resExist",
    "resSubRestriction",
];

/// The fixed part of a Restriction_r.
#[derive(Debug, Clone)]
pub enum RestrictionScalars {
    /// And/Or: rt, then cRes and the pointer.
    List(u32, CountedScalars),
    /// Not: the pointer.
    Not(bool),
    /// Content/Property: rt, two DWORDs, the value pointer.
    WithValue(u32, u32, u32, bool),
    /// Sub: ulSubObject, the pointer.
    Sub(u32, bool),
    /// A restriction without pointers, complete.
    Done(RestrictionR),
}

impl Ndr for RestrictionR {
    type Scalars = RestrictionScalars;
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<RestrictionScalars> {
        use RestrictionScalars as S;
        n.frame("Restriction_r", |n| {
            let rt_at = n.pos();
            let rt = n.u32()?;
            if let Some(name) = RT_NAMES.get(rt as usize) {
                n.reader().set_variant(name);
            }
            let d_at = n.pos();
            let disc = n.u32()?;
            if disc != rt {
                n.reader().defect_at(
                    ErrorKind::InvalidValue {
                        field: "RestrictionUnion_r discriminant",
                        value: u64::from(disc),
                    },
                    d_at,
                    "the arm rt selects is read",
                )?;
            }
            Ok(match rt {
                0 | 1 => S::List(rt, read_counted_scalars(n, "cRes", MAX_COUNT)?),
                2 => S::Not(n.pointer()?),
                3 | 4 => S::WithValue(rt, n.u32()?, n.u32()?, n.pointer()?),
                5 => S::Done(RestrictionR::CompareProps {
                    relop: n.u32()?,
                    prop_tag1: n.u32()?,
                    prop_tag2: n.u32()?,
                }),
                6 => S::Done(RestrictionR::BitMask {
                    rel_bmr: n.u32()?,
                    prop_tag: n.u32()?,
                    mask: n.u32()?,
                }),
                7 => S::Done(RestrictionR::Size {
                    relop: n.u32()?,
                    prop_tag: n.u32()?,
                    cb: n.u32()?,
                }),
                8 => {
                    let a = n.pos();
                    let reserved1 = n.u32()?;
                    n.reserved("ulReserved1", reserved1, 0, a)?;
                    let prop_tag = n.u32()?;
                    let b = n.pos();
                    let reserved2 = n.u32()?;
                    n.reserved("ulReserved2", reserved2, 0, b)?;
                    S::Done(RestrictionR::Exist {
                        reserved1,
                        prop_tag,
                        reserved2,
                    })
                }
                9 => S::Sub(n.u32()?, n.pointer()?),
                other => return Err(n.reader().invalid_at("rt", u64::from(other), rt_at)),
            })
        })
    }

    fn read_buffers(n: &mut NdrReader<'_, '_>, s: RestrictionScalars) -> Result<Self> {
        use RestrictionScalars as S;
        n.nest("Restriction_r", |n| {
            Ok(match s {
                S::Done(r) => r,
                S::List(rt, c) => {
                    let v = read_counted(n, c, "cRes", 8, |n, k| {
                        read_array::<RestrictionR>(n, k, "lpRes")
                    })?;
                    if rt == 0 {
                        RestrictionR::And(v)
                    } else {
                        RestrictionR::Or(v)
                    }
                }
                S::Not(p) => RestrictionR::Not(read_pointee(n, p, |n| {
                    RestrictionR::read_full(n).map(Box::new)
                })?),
                S::WithValue(rt, a, prop_tag, p) => {
                    let prop = read_pointee(n, p, |n| PropertyValueR::read_full(n).map(Box::new))?;
                    if rt == 3 {
                        RestrictionR::Content {
                            fuzzy_level: a,
                            prop_tag,
                            prop,
                        }
                    } else {
                        RestrictionR::Property {
                            relop: a,
                            prop_tag,
                            prop,
                        }
                    }
                }
                S::Sub(sub_object, p) => RestrictionR::Sub {
                    sub_object,
                    restriction: read_pointee(n, p, |n| RestrictionR::read_full(n).map(Box::new))?,
                },
            })
        })
    }

    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        let rt = self.rt();
        w.u32(rt);
        w.u32(rt);
        match self {
            RestrictionR::And(v) | RestrictionR::Or(v) => write_counted_scalars(w, v, "cRes")?,
            RestrictionR::Not(p) => w.pointer(p.is_some()),
            RestrictionR::Content {
                fuzzy_level: a,
                prop_tag,
                prop,
            }
            | RestrictionR::Property {
                relop: a,
                prop_tag,
                prop,
            } => {
                w.u32(*a);
                w.u32(*prop_tag);
                w.pointer(prop.is_some());
            }
            RestrictionR::CompareProps {
                relop: a,
                prop_tag1: b,
                prop_tag2: c,
            }
            | RestrictionR::BitMask {
                rel_bmr: a,
                prop_tag: b,
                mask: c,
            }
            | RestrictionR::Size {
                relop: a,
                prop_tag: b,
                cb: c,
            }
            | RestrictionR::Exist {
                reserved1: a,
                prop_tag: b,
                reserved2: c,
            } => {
                w.u32(*a);
                w.u32(*b);
                w.u32(*c);
            }
            RestrictionR::Sub {
                sub_object,
                restriction,
            } => {
                w.u32(*sub_object);
                w.pointer(restriction.is_some());
            }
        }
        Ok(())
    }

    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        w.nest(|w| match self {
            RestrictionR::And(Some(v)) | RestrictionR::Or(Some(v)) => {
                w.count(v.len(), "cRes")?;
                write_array(w, v)
            }
            RestrictionR::Not(Some(r))
            | RestrictionR::Sub {
                restriction: Some(r),
                ..
            } => r.write_full(w),
            RestrictionR::Content { prop: Some(p), .. }
            | RestrictionR::Property { prop: Some(p), .. } => p.write_full(w),
            _ => Ok(()),
        })
    }
}

// ---------------------------------------------------------------------------
// PropertyName_r, PropertyNameSet_r

/// [MS-OXNSPI] 2.2.6.1 PropertyName_r ([MS-NSPI] 2.3.5.1): a named
/// property, its GUID behind a pointer (the NDR form; ms-oxcdata's
/// `PropertyNameR` is the flat form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyNameR {
    /// lpguid.
    pub guid: Option<Guid>,
    /// ulReserved: 0.
    pub reserved: u32,
    /// lID.
    pub id: i32,
}

impl Ndr for PropertyNameR {
    type Scalars = (bool, u32, i32);
    fn read_scalars(n: &mut NdrReader<'_, '_>) -> Result<Self::Scalars> {
        n.frame("PropertyName_r", |n| {
            let p = n.pointer()?;
            let at = n.pos();
            let reserved = n.u32()?;
            n.reserved("ulReserved", reserved, 0, at)?;
            Ok((p, reserved, n.i32()?))
        })
    }
    fn read_buffers(n: &mut NdrReader<'_, '_>, s: Self::Scalars) -> Result<Self> {
        Ok(PropertyNameR {
            guid: read_pointee(n, s.0, Guid::read_full)?,
            reserved: s.1,
            id: s.2,
        })
    }
    fn write_scalars(&self, w: &mut NdrWriter) -> Result<()> {
        w.pointer(self.guid.is_some());
        w.u32(self.reserved);
        w.i32(self.id);
        Ok(())
    }
    fn write_buffers(&self, w: &mut NdrWriter) -> Result<()> {
        match &self.guid {
            Some(g) => g.write_full(w),
            None => Ok(()),
        }
    }
}

/// [MS-NSPI] 2.3.5.2 PropertyNameSet_r: names, a conformant structure.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyNameSetR {
    /// aNames.
    pub names: Vec<PropertyNameR>,
}

impl NdrFull for PropertyNameSetR {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("PropertyNameSet_r", |n| {
            let len = n.conformance(12, "cNames")?;
            let at = n.pos();
            let c = n.u32()?;
            n.range("cNames", c, MAX_COUNT, at)?;
            n.agree("cNames", c, len, at)?;
            Ok(PropertyNameSetR {
                names: read_array(n, len, "PropertyName_r")?,
            })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        w.count(self.names.len(), "cNames")?;
        w.count(self.names.len(), "cNames")?;
        write_array(w, &self.names)
    }
}

// ---------------------------------------------------------------------------
// StringsArray_r, WStringsArray_r

/// [MS-OXNSPI] 2.2.7.1 StringsArray_r ([MS-NSPI] 2.3.6.1): 8-bit strings,
/// a conformant structure of string pointers (`None`: a NULL pointer).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StringsArrayR {
    /// Strings.
    pub strings: Vec<Option<String8>>,
}

impl NdrFull for StringsArrayR {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("StringsArray_r", |n| {
            let len = n.conformance(4, "Count")?;
            let at = n.pos();
            let c = n.u32()?;
            n.range("Count", c, MAX_COUNT, at)?;
            n.agree("Count", c, len, at)?;
            Ok(StringsArrayR {
                strings: unwrap_str8(read_array::<Str8>(n, len, "Strings")?),
            })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        w.count(self.strings.len(), "Count")?;
        w.count(self.strings.len(), "Count")?;
        let items: Vec<Str8> = self.strings.iter().cloned().map(Str8).collect();
        write_array(w, &items)
    }
}

/// [MS-OXNSPI] 2.2.7.2 WStringsArray_r ([MS-NSPI] 2.3.6.2): UTF-16
/// strings, a conformant structure of string pointers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct WStringsArrayR {
    /// Strings.
    pub strings: Vec<Option<Utf16String>>,
}

impl NdrFull for WStringsArrayR {
    fn read_full(n: &mut NdrReader<'_, '_>) -> Result<Self> {
        n.frame("WStringsArray_r", |n| {
            let len = n.conformance(4, "Count")?;
            let at = n.pos();
            let c = n.u32()?;
            n.range("Count", c, MAX_COUNT, at)?;
            n.agree("Count", c, len, at)?;
            Ok(WStringsArrayR {
                strings: unwrap_strw(read_array::<StrW>(n, len, "Strings")?),
            })
        })
    }
    fn write_full(&self, w: &mut NdrWriter) -> Result<()> {
        w.count(self.strings.len(), "Count")?;
        w.count(self.strings.len(), "Count")?;
        let items: Vec<StrW> = self.strings.iter().cloned().map(StrW).collect();
        write_array(w, &items)
    }
}

ndr_codec!(
    PropertyTagArrayR,
    PropertyRowSetR,
    PropertyValueR,
    PropertyRowR,
    RestrictionR,
    PropertyNameSetR,
    StringsArrayR,
    WStringsArrayR,
);
