//! [MS-OXTNEF] 2.1.3.4 Encapsulated Message and Attachment Properties:
//! the property lists inside attMsgProps (attMAPIProps), attAttachment and
//! attRecipTable.

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{NameId, PropertyName, PropertyTag, PropertyType, PropertyValue};
use msox_codec::bytes::BufMut;
use msox_codec::{CodePage, ErrorKind, Limits, Reader, Result, ResultExt, String8, Utf16String};

/// One property of a property list: tag, name (for IDs 0x8000 and above),
/// value, and what is needed to write it back byte for byte.
#[derive(Debug, Clone, PartialEq)]
pub struct TnefProperty {
    /// The tag as stored (the ID of a named property is the writer's mapping).
    pub tag: PropertyTag,
    /// The NamedPropSpec of a named property.
    pub name: Option<PropertyName>,
    /// The value. A PtypObject value holds the 16-byte interface ID followed
    /// by the object's data.
    pub value: PropertyValue,
    /// Non-canonical details (non-zero padding, strings without a
    /// terminator), so that re-encoding is byte-exact; `None` for canonical.
    pub quirks: Option<Box<Quirks>>,
}

/// Details of a property's encoding that the value does not carry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Quirks {
    /// Every padding byte of the property in order (only kept when one
    /// of them is non-zero).
    pub padding: Vec<u8>,
    /// Indexes of string values stored without a terminating null.
    pub unterminated: Vec<u32>,
}

impl TnefProperty {
    /// A property with canonical encoding.
    pub fn new(tag: PropertyTag, name: Option<PropertyName>, value: PropertyValue) -> Self {
        TnefProperty {
            tag,
            name,
            value,
            quirks: None,
        }
    }
}

/// IID_IMessage `{00020307-0000-0000-C000-000000000046}`: a PtypObject value
/// that is an embedded message (a TNEF stream follows the IID).
pub const IID_IMESSAGE: Guid = Guid::from_u128(0x0002_0307_0000_0000_C000_0000_0000_0046);
/// IID_IStorage `{0000000B-0000-0000-C000-000000000046}`: an OLE storage.
pub const IID_ISTORAGE: Guid = Guid::from_u128(0x0000_000B_0000_0000_C000_0000_0000_0046);
/// IID_IStream `{0000000C-0000-0000-C000-000000000046}`.
pub const IID_ISTREAM: Guid = Guid::from_u128(0x0000_000C_0000_0000_C000_0000_0000_0046);

fn pad_len(n: usize) -> usize {
    (4 - n % 4) % 4
}

struct PadReader {
    bytes: Vec<u8>,
    nonzero: bool,
    unterminated: Vec<u32>,
}

impl PadReader {
    fn read(&mut self, r: &mut Reader<'_>, n: usize) -> Result<()> {
        let p = r.bytes(n)?;
        self.nonzero |= p.iter().any(|&b| b != 0);
        self.bytes.extend_from_slice(p);
        Ok(())
    }
}

/// Reads a MsgPropertyList (count + properties) from `r`.
pub fn read_property_list(
    r: &mut Reader<'_>,
    code_page: CodePage,
    limits: &Limits,
) -> Result<Vec<TnefProperty>> {
    let count = r.u32().context("MsgPropertyCount")?;
    // Every property takes at least 8 bytes (tag + a 4-byte value).
    let n = r.check_count(count.into(), 8, "MsgPropertyCount", limits)?;
    let mut props = Vec::with_capacity(n.min(1024));
    for i in 0..n {
        let start = r.pos();
        let p = read_property(r, code_page, limits)
            .with_context(|| format!("property {i} at byte {start}"))?;
        props.push(p);
    }
    Ok(props)
}

/// Decodes a whole MsgPropertyList (attMAPIProps / attAttachment data).
pub fn decode_property_list(
    data: &[u8],
    code_page: CodePage,
    limits: &Limits,
) -> Result<Vec<TnefProperty>> {
    let mut r = Reader::new(data);
    let props = read_property_list(&mut r, code_page, limits)
        .and_then(|p| r.expect_end().map(|()| p))
        .context("MsgPropertyList")
        .map_err(|e| e.resolve(data.len()))?;
    Ok(props)
}

/// Decodes attRecipTable data: a row count and one property list per row.
pub fn decode_recipient_table(
    data: &[u8],
    code_page: CodePage,
    limits: &Limits,
) -> Result<Vec<Vec<TnefProperty>>> {
    decode_recipient_table_inner(data, code_page, limits).map_err(|e| e.resolve(data.len()))
}

fn decode_recipient_table_inner(
    data: &[u8],
    code_page: CodePage,
    limits: &Limits,
) -> Result<Vec<Vec<TnefProperty>>> {
    let mut r = Reader::new(data);
    let rows = r.u32().context("RecipTableData")?;
    let n = r.check_count(rows.into(), 4, "recipient row count", limits)?;
    let mut out = Vec::with_capacity(n.min(1024));
    for i in 0..n {
        out.push(
            read_property_list(&mut r, code_page, limits)
                .with_context(|| format!("recipient row {i}"))
                .context("RecipTableData")?,
        );
    }
    r.expect_end().context("RecipTableData")?;
    Ok(out)
}

fn read_property(r: &mut Reader<'_>, cp: CodePage, limits: &Limits) -> Result<TnefProperty> {
    let ty = r.u16()?;
    let id = r.u16()?;
    let tag = PropertyTag::new(id, PropertyType::from_value(ty));
    let mut pads = PadReader {
        bytes: Vec::new(),
        nonzero: false,
        unterminated: Vec::new(),
    };
    let name = if id >= 0x8000 {
        let guid = Guid::from_le_bytes(r.array()?);
        let kind = r.u32()?;
        Some(match kind {
            0 => PropertyName::lid(guid, r.u32()?),
            1 => {
                let size = r.u32_usize()?;
                let raw = r.bytes(size).context("PropMapString")?;
                let body = raw.strip_suffix(&[0, 0]).unwrap_or(raw);
                if body.len() == raw.len() {
                    pads.unterminated.push(u32::MAX);
                }
                pads.read(r, pad_len(size))?;
                PropertyName::name(guid, Utf16String::from_le_bytes(body))
            }
            k => return Err(r.invalid_at("PropIDType", k.into(), r.pos() - 4)),
        })
    } else {
        None
    };
    let value =
        read_value(r, tag.prop_type, cp, limits, &mut pads).with_context(|| format!("{tag:?}"))?;
    let quirks = if pads.nonzero || !pads.unterminated.is_empty() {
        Some(Box::new(Quirks {
            padding: if pads.nonzero { pads.bytes } else { Vec::new() },
            unterminated: pads.unterminated,
        }))
    } else {
        None
    };
    Ok(TnefProperty {
        tag,
        name,
        value,
        quirks,
    })
}

fn read_fixed(r: &mut Reader<'_>, t: PropertyType, pads: &mut PadReader) -> Result<PropertyValue> {
    use PropertyValue as V;
    Ok(match t {
        PropertyType::Integer16 => {
            let v = r.i16()?;
            pads.read(r, 2)?;
            V::Integer16(v)
        }
        PropertyType::Boolean => {
            let v = r.u16()?;
            if v > 1 {
                return Err(r.invalid_at("PtypBoolean", v.into(), r.pos() - 2));
            }
            pads.read(r, 2)?;
            V::Boolean(v != 0)
        }
        PropertyType::Integer32 => V::Integer32(r.i32()?),
        PropertyType::Floating32 => V::Floating32(f32::from_bits(r.u32()?)),
        PropertyType::ErrorCode => V::ErrorCode(r.u32()?),
        PropertyType::Floating64 => V::Floating64(f64::from_bits(r.u64()?)),
        PropertyType::Currency => V::Currency(r.i64()?),
        PropertyType::FloatingTime => V::FloatingTime(f64::from_bits(r.u64()?)),
        PropertyType::Integer64 => V::Integer64(r.i64()?),
        PropertyType::Time => V::Time(FileTime(r.u64()?)),
        PropertyType::Guid => V::Guid(Guid::from_le_bytes(r.array()?)),
        _ => {
            return Err(r.error(ErrorKind::Unsupported(
                format!("property type {t} in TNEF").into(),
            )));
        }
    })
}

fn read_sized<'a>(r: &mut Reader<'a>, pads: &mut PadReader, limits: &Limits) -> Result<&'a [u8]> {
    let size = r.u32_usize().context("PropValueSize")?;
    limits
        .check_alloc(size)
        .map_err(|e| r.error(e.kind().clone()))?;
    let b = r.bytes(size)?;
    pads.read(r, pad_len(size))?;
    Ok(b)
}

fn string8(raw: &[u8], cp: CodePage, index: u32, pads: &mut PadReader) -> String8 {
    match raw.strip_suffix(&[0]) {
        Some(b) => String8::new(b.to_vec(), cp),
        None => {
            pads.unterminated.push(index);
            String8::new(raw.to_vec(), cp)
        }
    }
}

fn string16(raw: &[u8], index: u32, pads: &mut PadReader) -> Utf16String {
    match raw
        .strip_suffix(&[0, 0])
        .filter(|_| raw.len().is_multiple_of(2))
    {
        Some(b) => Utf16String::from_le_bytes(b),
        None => {
            pads.unterminated.push(index);
            Utf16String::from_le_bytes(raw)
        }
    }
}

fn read_value(
    r: &mut Reader<'_>,
    t: PropertyType,
    cp: CodePage,
    limits: &Limits,
    pads: &mut PadReader,
) -> Result<PropertyValue> {
    use PropertyValue as V;
    if let Some(size) = t.fixed_size() {
        let _ = size;
        return read_fixed(r, t, pads);
    }
    match t {
        PropertyType::Null | PropertyType::Unspecified => {
            // No value bytes are defined; writers put 4 bytes of zero.
            let v = r.u32()?;
            if v != 0 {
                return Err(r.invalid_at("PtypNull value", v.into(), r.pos() - 4));
            }
            return Ok(V::Null);
        }
        _ => {}
    }
    let count = r.u32().context("PropValueCount")?;
    if !t.is_multiple() {
        if count != 1 {
            return Err(r.invalid_at(
                "PropValueCount of a single-valued property",
                count.into(),
                r.pos() - 4,
            ));
        }
        let raw = read_sized(r, pads, limits)?;
        return Ok(match t {
            PropertyType::String8 => V::String8(string8(raw, cp, 0, pads)),
            PropertyType::String => V::String(string16(raw, 0, pads)),
            PropertyType::Binary => V::Binary(raw.to_vec()),
            PropertyType::Object => V::Object(raw.to_vec()),
            PropertyType::ServerId => V::ServerId(raw.to_vec()),
            PropertyType::Restriction => V::Restriction(raw.to_vec()),
            PropertyType::RuleAction => V::RuleAction(raw.to_vec()),
            _ => {
                return Err(r.error(ErrorKind::Unsupported(
                    format!("property type {t} in TNEF").into(),
                )));
            }
        });
    }
    let elem = t.element_type();
    let min = elem.fixed_size().map_or(4, |s| s.max(4));
    let n = r.check_count(count.into(), min, "PropValueCount", limits)?;
    macro_rules! fixed_list {
        ($variant:ident, $single:ident) => {{
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                match read_fixed(r, elem, pads)? {
                    V::$single(x) => v.push(x),
                    _ => return Err(r.malformed("unexpected element type")),
                }
            }
            V::$variant(v)
        }};
    }
    Ok(match t {
        PropertyType::MultipleInteger16 => fixed_list!(MultipleInteger16, Integer16),
        PropertyType::MultipleInteger32 => fixed_list!(MultipleInteger32, Integer32),
        PropertyType::MultipleFloating32 => fixed_list!(MultipleFloating32, Floating32),
        PropertyType::MultipleFloating64 => fixed_list!(MultipleFloating64, Floating64),
        PropertyType::MultipleCurrency => fixed_list!(MultipleCurrency, Currency),
        PropertyType::MultipleFloatingTime => fixed_list!(MultipleFloatingTime, FloatingTime),
        PropertyType::MultipleInteger64 => fixed_list!(MultipleInteger64, Integer64),
        PropertyType::MultipleTime => fixed_list!(MultipleTime, Time),
        PropertyType::MultipleGuid => fixed_list!(MultipleGuid, Guid),
        PropertyType::MultipleString8 => {
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                let raw = read_sized(r, pads, limits)?;
                v.push(string8(raw, cp, i as u32, pads));
            }
            V::MultipleString8(v)
        }
        PropertyType::MultipleString => {
            let mut v = Vec::with_capacity(n);
            for i in 0..n {
                let raw = read_sized(r, pads, limits)?;
                v.push(string16(raw, i as u32, pads));
            }
            V::MultipleString(v)
        }
        PropertyType::MultipleBinary => {
            let mut v = Vec::with_capacity(n);
            for _ in 0..n {
                v.push(read_sized(r, pads, limits)?.to_vec());
            }
            V::MultipleBinary(v)
        }
        _ => {
            return Err(r.error(ErrorKind::Unsupported(
                format!("property type {t} in TNEF").into(),
            )));
        }
    })
}

/// Writes padding from the quirks (or zeros).
struct PadWriter<'q> {
    quirks: Option<&'q Quirks>,
    used: usize,
}

impl PadWriter<'_> {
    fn write<B: BufMut>(&mut self, buf: &mut B, n: usize) {
        for _ in 0..n {
            let b = self
                .quirks
                .and_then(|q| q.padding.get(self.used))
                .copied()
                .unwrap_or(0);
            buf.put_u8(b);
            self.used += 1;
        }
    }
    fn terminated(&self, index: u32) -> bool {
        !self.quirks.is_some_and(|q| q.unterminated.contains(&index))
    }
}

/// The encoded size of a property list.
pub fn property_list_len(props: &[TnefProperty]) -> usize {
    let mut v = Vec::new();
    // Encoding into a counting buffer would need a trait object; sizes are
    // small relative to the data, so encode and measure.
    match write_property_list(props, &mut v) {
        Ok(()) => v.len(),
        Err(_) => 0,
    }
}

/// Encodes a MsgPropertyList.
pub fn encode_property_list(props: &[TnefProperty]) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    write_property_list(props, &mut v)?;
    Ok(v)
}

/// Encodes attRecipTable data.
pub fn encode_recipient_table(rows: &[Vec<TnefProperty>]) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    v.put_u32_le(msox_codec::fit_u32(rows.len(), "recipient row count")?);
    for row in rows {
        write_property_list(row, &mut v)?;
    }
    Ok(v)
}

/// Writes a MsgPropertyList into `buf`.
pub fn write_property_list<B: BufMut>(props: &[TnefProperty], buf: &mut B) -> Result<()> {
    buf.put_u32_le(msox_codec::fit_u32(props.len(), "MsgPropertyCount")?);
    for p in props {
        write_property(p, buf)?;
    }
    Ok(())
}

fn write_sized<B: BufMut>(
    buf: &mut B,
    pads: &mut PadWriter<'_>,
    body: &[u8],
    terminator: &[u8],
) -> Result<()> {
    let size = body.len() + terminator.len();
    buf.put_u32_le(msox_codec::fit_u32(size, "PropValueSize")?);
    buf.put_slice(body);
    buf.put_slice(terminator);
    pads.write(buf, pad_len(size));
    Ok(())
}

fn write_fixed<B: BufMut>(buf: &mut B, pads: &mut PadWriter<'_>, v: &PropertyValue) -> Result<()> {
    use PropertyValue as V;
    match v {
        V::Integer16(x) => {
            buf.put_i16_le(*x);
            pads.write(buf, 2);
        }
        V::Boolean(b) => {
            buf.put_u16_le(u16::from(*b));
            pads.write(buf, 2);
        }
        V::Integer32(x) => buf.put_i32_le(*x),
        V::Floating32(x) => buf.put_u32_le(x.to_bits()),
        V::ErrorCode(x) => buf.put_u32_le(*x),
        V::Floating64(x) | V::FloatingTime(x) => buf.put_u64_le(x.to_bits()),
        V::Currency(x) | V::Integer64(x) => buf.put_i64_le(*x),
        V::Time(t) => buf.put_u64_le(t.0),
        V::Guid(g) => buf.put_slice(&g.to_le_bytes()),
        _ => {
            return Err(msox_codec::Error::new(ErrorKind::Unsupported(
                "value is not fixed-size".into(),
            )));
        }
    }
    Ok(())
}

fn write_property<B: BufMut>(p: &TnefProperty, buf: &mut B) -> Result<()> {
    use PropertyValue as V;
    let t = p.value.prop_type();
    let ty = if matches!(p.value, V::Null) {
        p.tag.prop_type
    } else {
        t
    };
    buf.put_u16_le(ty.value());
    buf.put_u16_le(p.tag.id);
    let mut pads = PadWriter {
        quirks: p.quirks.as_deref(),
        used: 0,
    };
    if p.tag.id >= 0x8000 {
        let Some(name) = &p.name else {
            return Err(msox_codec::Error::new(ErrorKind::Malformed(
                format!("named property {:?} has no NamedPropSpec", p.tag).into(),
            )));
        };
        buf.put_slice(&name.guid.to_le_bytes());
        match &name.id {
            NameId::Lid(l) => {
                buf.put_u32_le(0);
                buf.put_u32_le(*l);
            }
            NameId::Name(n) => {
                buf.put_u32_le(1);
                let body = n.to_le_bytes();
                let term: &[u8] = if pads.terminated(u32::MAX) {
                    &[0, 0]
                } else {
                    &[]
                };
                write_sized(buf, &mut pads, &body, term)?;
            }
        }
    }
    let one = |buf: &mut B| buf.put_u32_le(1);
    match &p.value {
        V::Null => buf.put_u32_le(0),
        V::String8(s) => {
            one(buf);
            let term: &[u8] = if pads.terminated(0) { &[0] } else { &[] };
            write_sized(buf, &mut pads, s.bytes(), term)?;
        }
        V::String(s) => {
            one(buf);
            let term: &[u8] = if pads.terminated(0) { &[0, 0] } else { &[] };
            write_sized(buf, &mut pads, &s.to_le_bytes(), term)?;
        }
        V::Binary(b) | V::Object(b) | V::ServerId(b) | V::Restriction(b) | V::RuleAction(b) => {
            one(buf);
            write_sized(buf, &mut pads, b, &[])?;
        }
        V::MultipleString8(list) => {
            buf.put_u32_le(msox_codec::fit_u32(list.len(), "PropValueCount")?);
            for (i, s) in list.iter().enumerate() {
                let term: &[u8] = if pads.terminated(i as u32) { &[0] } else { &[] };
                write_sized(buf, &mut pads, s.bytes(), term)?;
            }
        }
        V::MultipleString(list) => {
            buf.put_u32_le(msox_codec::fit_u32(list.len(), "PropValueCount")?);
            for (i, s) in list.iter().enumerate() {
                let term: &[u8] = if pads.terminated(i as u32) {
                    &[0, 0]
                } else {
                    &[]
                };
                write_sized(buf, &mut pads, &s.to_le_bytes(), term)?;
            }
        }
        V::MultipleBinary(list) => {
            buf.put_u32_le(msox_codec::fit_u32(list.len(), "PropValueCount")?);
            for b in list {
                write_sized(buf, &mut pads, b, &[])?;
            }
        }
        V::MultipleInteger16(l) => multi(buf, &mut pads, l, |x| V::Integer16(*x))?,
        V::MultipleInteger32(l) => multi(buf, &mut pads, l, |x| V::Integer32(*x))?,
        V::MultipleFloating32(l) => multi(buf, &mut pads, l, |x| V::Floating32(*x))?,
        V::MultipleFloating64(l) => multi(buf, &mut pads, l, |x| V::Floating64(*x))?,
        V::MultipleCurrency(l) => multi(buf, &mut pads, l, |x| V::Currency(*x))?,
        V::MultipleFloatingTime(l) => multi(buf, &mut pads, l, |x| V::FloatingTime(*x))?,
        V::MultipleInteger64(l) => multi(buf, &mut pads, l, |x| V::Integer64(*x))?,
        V::MultipleTime(l) => multi(buf, &mut pads, l, |x| V::Time(*x))?,
        V::MultipleGuid(l) => multi(buf, &mut pads, l, |x| V::Guid(*x))?,
        V::Unknown { prop_type, .. } => {
            return Err(msox_codec::Error::new(ErrorKind::Unsupported(
                format!("property type 0x{prop_type:04X} in TNEF").into(),
            )));
        }
        fixed => write_fixed(buf, &mut pads, fixed)?,
    }
    Ok(())
}

fn multi<B: BufMut, T>(
    buf: &mut B,
    pads: &mut PadWriter<'_>,
    list: &[T],
    f: impl Fn(&T) -> PropertyValue,
) -> Result<()> {
    buf.put_u32_le(msox_codec::fit_u32(list.len(), "PropValueCount")?);
    for x in list {
        write_fixed(buf, pads, &f(x))?;
    }
    Ok(())
}
