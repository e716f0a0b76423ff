//! [MS-OXTNEF] 2.1.3.4 Encapsulated Message and Attachment Properties:
//! the property lists inside attMsgProps (attMAPIProps), attAttachment and
//! attRecipTable.
//!
//! A thin layer over `ms-oxcdata`: this module delimits and unpads each
//! value in TNEF's framing (4-byte padding, a value count and a size before
//! variable-size values, a 16-bit PtypBoolean) and leaves the values to
//! [`read_fixed`], [`boolean_policy`] and [`unknown_type_policy`], the one
//! property-value policy every context shares. Lenient reading recovers at
//! the smallest unit: a property that breaks its type's rules but can be
//! delimited (a PtypBoolean of 2, a PtypNull that is not zero, a
//! single-valued property with several values) is kept as a
//! [`PropertyValue::Raw`] in [`ValueEncoding::Tnef`] with a defect; a
//! property that cannot be delimited (a type the spec does not define, a
//! size past the end) ends the list, and the rest of the list is kept as
//! [`Unread`] bytes with one defect. Re-encoding is byte for byte either way.

use ms_dtyp::Guid;
use ms_oxcdata::{
    NameId, PropertyName, PropertyTag, PropertyType, PropertyValue, Restriction, ValueContext,
    ValueEncoding, boolean_policy, read_fixed, unknown_type_policy,
};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CodePage, DecodeWith, Encode, Error, ErrorKind, Reader, Result, String8, Utf16String,
};

/// One property of a property list: tag, name (for IDs 0x8000 and above),
/// value, and what is needed to write it back byte for byte.
#[derive(Debug, Clone, PartialEq)]
pub struct TnefProperty {
    /// The tag as stored (the ID of a named property is the writer's mapping).
    pub tag: PropertyTag,
    /// The NamedPropSpec of a named property.
    pub name: Option<PropertyName>,
    /// The value. A PtypObject value holds the 16-byte interface ID followed
    /// by the object's data. A [`PropertyValue::Raw`] value holds every byte
    /// after the tag and name, padding included.
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
    /// Indexes of string values stored without a terminating null
    /// (`u32::MAX`: the name of a named property).
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

/// The value context of TNEF for values whose layout needs one
/// (PtypRestriction): 32-bit counts, 8-bit strings in `cp`.
pub fn value_context(cp: CodePage) -> ValueContext {
    ValueContext::EXTENDED_RULE
        .with_code_page(cp)
        .with_encoding(ValueEncoding::Tnef)
}

/// [MS-OXTNEF] 2.1.3.4 a MsgPropertyList (attMAPIProps / attAttachment
/// data): the properties, and what lenient reading could not delimit.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PropertyList {
    /// The properties read.
    pub properties: Vec<TnefProperty>,
    /// The bytes from the first property that could not be delimited to
    /// the end of the list (lenient reading), with the count as stored;
    /// `None` for a list read whole.
    pub unread: Option<Unread>,
}

/// What lenient reading kept of a property list it could not read to the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The MsgPropertyCount as stored.
    pub count: u32,
    /// The bytes after the last property read.
    pub bytes: Vec<u8>,
}

impl PropertyList {
    /// A list of properties with canonical encoding.
    pub fn new(properties: Vec<TnefProperty>) -> Self {
        PropertyList {
            properties,
            unread: None,
        }
    }
}

/// [MS-OXTNEF] 2.1.3.4 attRecipTable data: a row count and one property
/// list per row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecipientTable {
    /// The rows read.
    pub rows: Vec<PropertyList>,
    /// The row count as stored, when lenient reading could not read that
    /// many rows (the rest is the last row's [`PropertyList::unread`], or
    /// [`RecipientTable::trailing`]).
    pub count: Option<u32>,
    /// Bytes after the rows (lenient reading).
    pub trailing: Vec<u8>,
}

/// What the list reader does with a single-valued PtypObject value: called
/// with a window over the value's bytes; `Ok(true)` when it consumed the
/// value (the property is then left out of the list).
pub(crate) type ObjectHook<'a, 'h> = dyn FnMut(&mut Reader<'a>, PropertyTag) -> Result<bool> + 'h;

fn no_hook<'a>(_: &mut Reader<'a>, _: PropertyTag) -> Result<bool> {
    Ok(false)
}

/// Whether an error must end the decode even in lenient mode: the nesting
/// limit (embedded messages too deep).
pub(crate) fn is_depth_limit(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::LimitExceeded {
            what: "nesting depth",
            ..
        }
    )
}

/// Takes `n` bytes that are about to be copied, charged to the budget.
fn take<'a>(r: &mut Reader<'a>, n: usize, what: &'static str) -> Result<&'a [u8]> {
    let b = r.bytes(n)?;
    r.reserve(n, what)?;
    Ok(b)
}

/// The rest of the window as [`Unread`] bytes.
fn unread(r: &mut Reader<'_>, count: u32) -> Result<Unread> {
    let n = r.remaining();
    let bytes = take(r, n, "unread property list bytes")?.to_vec();
    Ok(Unread { count, bytes })
}

/// Reads a property list; with `whole`, it fills the reader's window
/// (bytes after it are a defect and kept as [`Unread`]).
pub(crate) fn read_list<'a>(
    r: &mut Reader<'a>,
    cp: CodePage,
    whole: bool,
    hook: &mut ObjectHook<'a, '_>,
) -> Result<PropertyList> {
    let mut properties = Vec::new();
    let unread = read_list_each(r, cp, whole, hook, &mut |p| properties.push(p))?;
    Ok(PropertyList { properties, unread })
}

/// [`read_list`] giving each property to `each` as it is read (a reader
/// that builds its own collection does not hold the list too); returns
/// what [`PropertyList::unread`] would hold.
pub(crate) fn read_list_each<'a>(
    r: &mut Reader<'a>,
    cp: CodePage,
    whole: bool,
    hook: &mut ObjectHook<'a, '_>,
    each: &mut dyn FnMut(TnefProperty),
) -> Result<Option<Unread>> {
    let count = r.u32()?;
    // Every property takes at least 8 bytes (tag + a 4-byte value).
    let n = match r.check_count(count.into(), 8, "MsgPropertyCount") {
        Ok(n) => n,
        Err(e) => {
            r.tolerate(e, "the property list kept as raw bytes")?;
            return Ok(Some(unread(r, count)?));
        }
    };
    for i in 0..n {
        let read = r
            .attempt(|r| r.frame_indexed("TaggedPropertyValue", i, |r| read_property(r, cp, hook)));
        match read {
            Ok(Some(p)) => each(p),
            Ok(None) => {}
            Err(e) if is_depth_limit(&e) => return Err(e),
            Err(e) => {
                r.tolerate(e, "the rest of the property list kept as raw bytes")?;
                return Ok(Some(unread(r, count)?));
            }
        }
    }
    if whole && !r.is_empty() {
        let n = r.remaining() as u64;
        r.defect(
            ErrorKind::TrailingBytes { count: n },
            "kept as raw bytes after the properties",
        )?;
        return Ok(Some(unread(r, count)?));
    }
    Ok(None)
}

/// [MS-OXTNEF] 2.1.3.4 a MsgPropertyList filling the reader's window, its
/// 8-bit strings in code page `cp`.
impl<'a> DecodeWith<'a, CodePage> for PropertyList {
    fn decode_with(r: &mut Reader<'a>, cp: CodePage) -> Result<Self> {
        read_list(r, cp, true, &mut no_hook)
    }
}

/// Reads attRecipTable data filling the reader's window.
pub(crate) fn read_recipient_table<'a>(
    r: &mut Reader<'a>,
    cp: CodePage,
    hook: &mut ObjectHook<'a, '_>,
) -> Result<RecipientTable> {
    let count = r.u32()?;
    let mut table = RecipientTable::default();
    let n = match r.check_count(count.into(), 4, "RowCount") {
        Ok(n) => n,
        Err(e) => {
            r.tolerate(e, "the recipient table kept as raw bytes")?;
            table.count = Some(count);
            table.trailing = unread(r, count)?.bytes;
            return Ok(table);
        }
    };
    for i in 0..n {
        let row = r.frame_indexed("RecipientRow", i, |r| read_list(r, cp, false, hook))?;
        let cut = row.unread.is_some();
        table.rows.push(row);
        if cut {
            break;
        }
    }
    if table.rows.len() != n {
        table.count = Some(count);
    }
    if !r.is_empty() {
        let n = r.remaining() as u64;
        r.defect(
            ErrorKind::TrailingBytes { count: n },
            "kept as raw bytes after the rows",
        )?;
        table.trailing = unread(r, count)?.bytes;
    }
    Ok(table)
}

/// [MS-OXTNEF] 2.1.3.4 attRecipTable data filling the reader's window, its
/// 8-bit strings in code page `cp`.
impl<'a> DecodeWith<'a, CodePage> for RecipientTable {
    fn decode_with(r: &mut Reader<'a>, cp: CodePage) -> Result<Self> {
        read_recipient_table(r, cp, &mut no_hook)
    }
}

// ---------------------------------------------------------------------------
// Reading one property

fn pad_len(n: usize) -> usize {
    (4 - n % 4) % 4
}

#[derive(Default)]
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

    fn quirks(self) -> Option<Box<Quirks>> {
        if self.nonzero || !self.unterminated.is_empty() {
            Some(Box::new(Quirks {
                padding: if self.nonzero { self.bytes } else { Vec::new() },
                unterminated: self.unterminated,
            }))
        } else {
            None
        }
    }
}

fn read_property<'a>(
    r: &mut Reader<'a>,
    cp: CodePage,
    hook: &mut ObjectHook<'a, '_>,
) -> Result<Option<TnefProperty>> {
    let tag_at = r.pos();
    let ty = PropertyType::from_value(r.u16()?);
    let id = r.u16()?;
    let tag = PropertyTag::new(id, ty);
    let mut pads = PadReader::default();
    let name = if id >= 0x8000 {
        Some(r.frame("PropertyName", |r| read_name(r, &mut pads))?)
    } else {
        None
    };
    let Some(value) = read_value(r, tag, tag_at, cp, &mut pads, hook)? else {
        return Ok(None);
    };
    let quirks = match value {
        PropertyValue::Raw { .. } => None,
        _ => pads.quirks(),
    };
    Ok(Some(TnefProperty {
        tag,
        name,
        value,
        quirks,
    }))
}

fn read_name(r: &mut Reader<'_>, pads: &mut PadReader) -> Result<PropertyName> {
    let guid = r.decode::<Guid>()?;
    let kind_at = r.pos();
    let kind = r.u32()?;
    Ok(match kind {
        0 => PropertyName::lid(guid, r.u32()?),
        1 => {
            let size = r.u32_usize()?;
            let raw = take(r, size, "PropMapString")?;
            let body = raw.strip_suffix(&[0, 0]).unwrap_or(raw);
            if body.len() == raw.len() {
                pads.unterminated.push(u32::MAX);
            }
            pads.read(r, pad_len(size))?;
            PropertyName::name(guid, Utf16String::from_le_bytes(body))
        }
        k => return Err(r.invalid_at("PropMapKind", k.into(), kind_at)),
    })
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
    // An odd length is broken anyway; its last two bytes are still taken as
    // the terminator when they are zero, as the writer adds one after the
    // kept bytes: write -> read -> write is then a fixed point.
    match raw.strip_suffix(&[0, 0]) {
        Some(b) => Utf16String::from_le_bytes(b),
        None => {
            pads.unterminated.push(index);
            Utf16String::from_le_bytes(raw)
        }
    }
}

/// A value kept as the bytes from `at` to the reader's position.
fn raw(r: &Reader<'_>, t: PropertyType, at: usize) -> PropertyValue {
    PropertyValue::Raw {
        prop_type: t,
        bytes: r.since(at).to_vec(),
        encoding: ValueEncoding::Tnef,
    }
}

/// One fixed-size value (not PtypBoolean) through the shared table, then
/// its padding to 4 bytes.
fn fixed_padded(
    r: &mut Reader<'_>,
    t: PropertyType,
    pads: &mut PadReader,
) -> Result<PropertyValue> {
    let size = t.fixed_size().unwrap_or(0);
    let at = r.pos();
    let v = read_fixed(r, t, ValueEncoding::Tnef)?
        .ok_or_else(|| r.invalid_at("PropertyType", u64::from(t.value()), at))?;
    pads.read(r, pad_len(size))?;
    Ok(v)
}

fn read_value<'a>(
    r: &mut Reader<'a>,
    tag: PropertyTag,
    tag_at: usize,
    cp: CodePage,
    pads: &mut PadReader,
    hook: &mut ObjectHook<'a, '_>,
) -> Result<Option<PropertyValue>> {
    use PropertyType as T;
    use PropertyValue as V;
    let t = tag.prop_type;
    Ok(Some(match t {
        // No value bytes are defined; writers put 4 bytes of zero.
        T::Null | T::Unspecified => {
            let at = r.pos();
            let v = r.u32()?;
            if v == 0 {
                V::Null
            } else {
                r.defect_at(
                    ErrorKind::InvalidValue {
                        field: "PtypNull value",
                        value: v.into(),
                    },
                    at,
                    "value kept as raw bytes",
                )?;
                raw(r, t, at)
            }
        }
        // TNEF carries PtypBoolean in 16 bits (then 2 bytes of padding).
        T::Boolean => {
            let at = r.pos();
            let v = r.u16()?;
            match boolean_policy(r, v.into(), at)? {
                Some(b) => {
                    pads.read(r, 2)?;
                    V::Boolean(b)
                }
                None => {
                    r.skip(2)?;
                    raw(r, t, at)
                }
            }
        }
        t if !t.is_multiple() && t.fixed_size().is_some() => fixed_padded(r, t, pads)?,
        T::String8
        | T::String
        | T::Binary
        | T::Object
        | T::ServerId
        | T::Restriction
        | T::RuleAction => return read_single(r, tag, cp, pads, hook),
        T::MultipleInteger16
        | T::MultipleInteger32
        | T::MultipleFloating32
        | T::MultipleFloating64
        | T::MultipleCurrency
        | T::MultipleFloatingTime
        | T::MultipleInteger64
        | T::MultipleTime
        | T::MultipleGuid => read_multi_fixed(r, t, pads)?,
        T::MultipleString8 | T::MultipleString | T::MultipleBinary => {
            let count = r.u32()?;
            let n = r.check_count(count.into(), 4, "PropValueCount")?;
            let mut items = Vec::with_capacity(n.min(1024));
            for i in 0..n {
                let size = r.u32_usize()?;
                let b = take(r, size, "PropValueSize")?;
                pads.read(r, pad_len(size))?;
                items.push((b, i as u32));
            }
            match t {
                T::MultipleString8 => V::MultipleString8(
                    items
                        .into_iter()
                        .map(|(b, i)| string8(b, cp, i, pads))
                        .collect(),
                ),
                T::MultipleString => V::MultipleString(
                    items
                        .into_iter()
                        .map(|(b, i)| string16(b, i, pads))
                        .collect(),
                ),
                _ => V::MultipleBinary(items.into_iter().map(|(b, _)| b.to_vec()).collect()),
            }
        }
        // A type the spec does not define: TNEF cannot delimit its value.
        _ => {
            unknown_type_policy(r, t, tag_at, false)?;
            return Err(r.invalid_at("PropertyType", t.value().into(), tag_at));
        }
    }))
}

/// A single-valued variable-size value: a count (1), a size, the bytes,
/// padding.
fn read_single<'a>(
    r: &mut Reader<'a>,
    tag: PropertyTag,
    cp: CodePage,
    pads: &mut PadReader,
    hook: &mut ObjectHook<'a, '_>,
) -> Result<Option<PropertyValue>> {
    use PropertyType as T;
    use PropertyValue as V;
    let t = tag.prop_type;
    let count_at = r.pos();
    let count = r.u32()?;
    if count != 1 {
        // Delimitable: `count` sized values. Kept as they are.
        r.defect_at(
            ErrorKind::InvalidValue {
                field: "PropValueCount of a single-valued property",
                value: count.into(),
            },
            count_at,
            "value kept as raw bytes",
        )?;
        let n = r.check_count(count.into(), 4, "PropValueCount")?;
        for _ in 0..n {
            let size = r.u32_usize()?;
            r.skip(size)?;
            r.skip(pad_len(size))?;
        }
        r.reserve(r.pos() - count_at, "PropValueSize")?;
        return Ok(Some(raw(r, t, count_at)));
    }
    let size = r.u32_usize()?;
    let body_at = r.pos();
    let v = match t {
        T::Object => {
            let consumed = {
                let mut w = r.sub(size)?;
                hook(&mut w, tag)?
            };
            if consumed {
                pads.read(r, pad_len(size))?;
                return Ok(None);
            }
            r.seek(body_at)?;
            V::Object(take(r, size, "PropValueSize")?.to_vec())
        }
        T::String8 => V::String8(string8(take(r, size, "PropValueSize")?, cp, 0, pads)),
        T::String => V::String(string16(take(r, size, "PropValueSize")?, 0, pads)),
        T::Binary => V::Binary(take(r, size, "PropValueSize")?.to_vec()),
        T::ServerId => V::ServerId(take(r, size, "PropValueSize")?.to_vec()),
        T::RuleAction => V::RuleAction {
            bytes: take(r, size, "PropValueSize")?.to_vec(),
            encoding: ValueEncoding::Tnef,
        },
        _ => {
            // PtypRestriction, in TNEF's context (32-bit counts).
            let ctx = value_context(cp);
            match r.attempt(|r| r.sized(size, |r| Restriction::read(r, &ctx))) {
                Ok(x) => V::Restriction(Box::new(x)),
                Err(e) if is_depth_limit(&e) => return Err(e),
                Err(e) => {
                    r.tolerate(e, "value kept as raw bytes")?;
                    r.skip(size)?;
                    r.skip(pad_len(size))?;
                    return Ok(Some(raw(r, t, count_at)));
                }
            }
        }
    };
    pads.read(r, pad_len(size))?;
    Ok(Some(v))
}

fn read_multi_fixed(
    r: &mut Reader<'_>,
    t: PropertyType,
    pads: &mut PadReader,
) -> Result<PropertyValue> {
    use PropertyValue as V;
    let elem = t.element_type();
    let size = elem.fixed_size().unwrap_or(4);
    let count = r.u32()?;
    let n = r.check_count(count.into(), size.max(4), "PropValueCount")?;
    let mut items = Vec::with_capacity(n);
    for _ in 0..n {
        items.push(fixed_padded(r, elem, pads)?);
    }
    macro_rules! collect {
        ($multi:ident, $one:ident) => {
            V::$multi(
                items
                    .into_iter()
                    .filter_map(|v| match v {
                        V::$one(x) => Some(x),
                        _ => None,
                    })
                    .collect(),
            )
        };
    }
    Ok(match t {
        PropertyType::MultipleInteger16 => collect!(MultipleInteger16, Integer16),
        PropertyType::MultipleInteger32 => collect!(MultipleInteger32, Integer32),
        PropertyType::MultipleFloating32 => collect!(MultipleFloating32, Floating32),
        PropertyType::MultipleFloating64 => collect!(MultipleFloating64, Floating64),
        PropertyType::MultipleCurrency => collect!(MultipleCurrency, Currency),
        PropertyType::MultipleFloatingTime => collect!(MultipleFloatingTime, FloatingTime),
        PropertyType::MultipleInteger64 => collect!(MultipleInteger64, Integer64),
        PropertyType::MultipleTime => collect!(MultipleTime, Time),
        _ => collect!(MultipleGuid, Guid),
    })
}

// ---------------------------------------------------------------------------
// Writing

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

fn terminated(p: &TnefProperty, index: u32) -> bool {
    !p.quirks
        .as_ref()
        .is_some_and(|q| q.unterminated.contains(&index))
}

/// Bytes of a sized value (size field, data, padding).
fn sized_len(n: usize) -> usize {
    4 + n + pad_len(n)
}

fn unsupported(what: String) -> Error {
    Error::new(ErrorKind::Unsupported(what.into()))
}

/// The bytes a property takes (what [`write_property`] writes).
fn property_len(p: &TnefProperty) -> usize {
    use PropertyValue as V;
    let name = match &p.name {
        Some(n) if p.tag.id >= 0x8000 => {
            20 + match &n.id {
                NameId::Lid(_) => 4,
                NameId::Name(s) => {
                    sized_len(s.byte_len() + if terminated(p, u32::MAX) { 2 } else { 0 })
                }
            }
        }
        _ => 0,
    };
    let s8 = |s: &String8, i: u32| sized_len(s.bytes().len() + usize::from(terminated(p, i)));
    let s16 =
        |s: &Utf16String, i: u32| sized_len(s.byte_len() + if terminated(p, i) { 2 } else { 0 });
    let value = match &p.value {
        V::Raw { bytes, .. } => bytes.len(),
        V::Null | V::Boolean(_) | V::Integer16(_) => 4,
        V::Integer32(_) | V::Floating32(_) | V::ErrorCode(_) => 4,
        V::Floating64(_) | V::FloatingTime(_) | V::Currency(_) | V::Integer64(_) | V::Time(_) => 8,
        V::Guid(_) => 16,
        V::String8(s) => 4 + s8(s, 0),
        V::String(s) => 4 + s16(s, 0),
        V::Binary(b) | V::Object(b) | V::ServerId(b) => 4 + sized_len(b.len()),
        V::RuleAction { bytes, .. } => 4 + sized_len(bytes.len()),
        V::Restriction(x) => 4 + sized_len(x.wire_len(&value_context(CodePage::WINDOWS_1252))),
        V::MultipleInteger16(l) => 4 + 4 * l.len(),
        V::MultipleInteger32(l) => 4 + 4 * l.len(),
        V::MultipleFloating32(l) => 4 + 4 * l.len(),
        V::MultipleFloating64(l) | V::MultipleFloatingTime(l) => 4 + 8 * l.len(),
        V::MultipleCurrency(l) | V::MultipleInteger64(l) => 4 + 8 * l.len(),
        V::MultipleTime(l) => 4 + 8 * l.len(),
        V::MultipleGuid(l) => 4 + 16 * l.len(),
        V::MultipleString8(l) => {
            4 + l
                .iter()
                .enumerate()
                .map(|(i, s)| s8(s, i as u32))
                .sum::<usize>()
        }
        V::MultipleString(l) => {
            4 + l
                .iter()
                .enumerate()
                .map(|(i, s)| s16(s, i as u32))
                .sum::<usize>()
        }
        V::MultipleBinary(l) => 4 + l.iter().map(|b| sized_len(b.len())).sum::<usize>(),
        // A value of a kind this writer does not know: writing fails.
        _ => 0,
    };
    4 + name + value
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
        V::Floating32(x) => buf.put_f32_le(*x),
        V::ErrorCode(x) => buf.put_u32_le(*x),
        V::Floating64(x) | V::FloatingTime(x) => buf.put_f64_le(*x),
        V::Currency(x) | V::Integer64(x) => buf.put_i64_le(*x),
        V::Time(t) => buf.put_u64_le(t.0),
        V::Guid(g) => g.encode(buf)?,
        _ => return Err(unsupported("value is not fixed-size".into())),
    }
    Ok(())
}

fn write_property<B: BufMut>(p: &TnefProperty, buf: &mut B) -> Result<()> {
    use PropertyValue as V;
    let ty = if matches!(p.value, V::Null) {
        p.tag.prop_type
    } else {
        p.value.prop_type()
    };
    buf.put_u16_le(ty.value());
    buf.put_u16_le(p.tag.id);
    let mut pads = PadWriter {
        quirks: p.quirks.as_deref(),
        used: 0,
    };
    if p.tag.id >= 0x8000 {
        let Some(name) = &p.name else {
            return Err(Error::new(ErrorKind::Malformed(
                format!("named property {:?} has no NamedPropSpec", p.tag).into(),
            )));
        };
        name.guid.encode(buf)?;
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
        V::Raw {
            bytes, encoding, ..
        } => {
            if *encoding != ValueEncoding::Tnef {
                return Err(unsupported(format!(
                    "a {} value kept as bytes of the {encoding:?} encoding cannot be written into TNEF",
                    p.value.prop_type()
                )));
            }
            buf.put_slice(bytes);
        }
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
        V::Binary(b) | V::Object(b) | V::ServerId(b) => {
            one(buf);
            write_sized(buf, &mut pads, b, &[])?;
        }
        V::RuleAction { bytes, encoding } => {
            if *encoding != ValueEncoding::Tnef {
                return Err(unsupported(format!(
                    "PtypRuleAction bytes of the {encoding:?} encoding cannot be written into TNEF"
                )));
            }
            one(buf);
            write_sized(buf, &mut pads, bytes, &[])?;
        }
        V::Restriction(x) => {
            one(buf);
            let mut body = Vec::new();
            x.write(&value_context(CodePage::WINDOWS_1252), &mut body)?;
            write_sized(buf, &mut pads, &body, &[])?;
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

impl Encode for PropertyList {
    fn encoded_len(&self) -> usize {
        4 + self.properties.iter().map(property_len).sum::<usize>()
            + self.unread.as_ref().map_or(0, |u| u.bytes.len())
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let count = match &self.unread {
            Some(u) => u.count,
            None => msox_codec::fit_u32(self.properties.len(), "MsgPropertyCount")?,
        };
        buf.put_u32_le(count);
        for p in &self.properties {
            write_property(p, buf)?;
        }
        if let Some(u) = &self.unread {
            buf.put_slice(&u.bytes);
        }
        Ok(())
    }
}

impl Encode for RecipientTable {
    fn encoded_len(&self) -> usize {
        4 + self.rows.iter().map(Encode::encoded_len).sum::<usize>() + self.trailing.len()
    }

    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        let count = match self.count {
            Some(c) => c,
            None => msox_codec::fit_u32(self.rows.len(), "RowCount")?,
        };
        buf.put_u32_le(count);
        for row in &self.rows {
            row.encode(buf)?;
        }
        buf.put_slice(&self.trailing);
        Ok(())
    }
}
