//! [MS-OXCFXICS] 2.2.4.1 the lexical structure of FastTransfer streams:
//! markers and propValue elements (2.2.4.1.2), property types
//! (2.2.4.1.1, code page types 2.2.4.1.1.1), the serialization of values
//! (2.2.4.1.3) through ms-oxcdata's one value policy, and named property
//! information.
//!
//! This module holds the token model and the codec of one token; the
//! incremental parser ([`crate::FxParser`]) finds token boundaries across
//! pieces and the writer ([`crate::FxWriter`]) lays tokens out.

use std::borrow::Cow;

use ms_dtyp::{FileTime, Guid};
use ms_oxcdata::{
    NameId, PropertyName, PropertyTag, PropertyType, PropertyValue, ValueEncoding, boolean_policy,
    read_fixed, unknown_type_policy,
};
use msox_codec::{CodePage, Error, ErrorKind, Reader, Result, String8, Utf16String, fit_u32};

use crate::tags::{META_TAG_IDSET_GIVEN, Marker, is_meta_property};

/// A property value as a FastTransfer stream carries it ([MS-OXCFXICS]
/// 2.2.4.1.2 propValue): what the one value policy of ms-oxcdata makes of
/// the bytes, plus what only this encoding has.
#[derive(Debug, Clone, PartialEq)]
pub enum FxValue<'a> {
    /// The bytes of a PtypBinary, PtypObject or PtypServerId value (without
    /// the length; a ServerId without [MS-OXCDATA]'s 16-bit COUNT), and of
    /// MetaTagIdsetGiven (typed PtypInteger32 but carried like PtypBinary).
    /// Borrowed from the piece of the stream that held the whole value,
    /// owned (copied once) when the value was split across pieces.
    Bytes(Cow<'a, [u8]>),
    /// A string value (PtypString, PtypString8, a code page string type, or
    /// their multi-valued forms): the value, and whether it was sent with
    /// its terminating null (servers SHOULD send it, 2.2.4.1.3; readers
    /// strip it only when it is there). Code page strings are
    /// [`PropertyValue::String8`] in the tag's code page.
    String {
        /// The value (PtypString/PtypString8 and multi-valued forms).
        value: PropertyValue,
        /// Whether the terminating null (of each value) was present.
        terminated: bool,
    },
    /// Any other value: fixed-size and multi-valued ones, and
    /// [`PropertyValue::Raw`] bytes (with [`ValueEncoding::FastTransfer`])
    /// that lenient decoding kept.
    Value(PropertyValue),
}

impl FxValue<'_> {
    /// The value with no borrowed data.
    pub fn into_owned(self) -> FxValue<'static> {
        match self {
            FxValue::Bytes(b) => FxValue::Bytes(Cow::Owned(b.into_owned())),
            FxValue::String { value, terminated } => FxValue::String { value, terminated },
            FxValue::Value(v) => FxValue::Value(v),
        }
    }
}

/// A property (or meta-property) of a FastTransfer stream ([MS-OXCFXICS]
/// 2.2.4.1 propValue): its tag as written (a code page type or
/// MetaTagIdsetGiven's PtypInteger32 included), the name of a named
/// property (ID 0x8000 and above, 2.2.4.1 namedPropInfo), and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct FxProperty<'a> {
    /// propType and propId as written.
    pub tag: PropertyTag,
    /// namedPropInfo: present exactly when the ID is 0x8000 or above.
    pub name: Option<PropertyName>,
    /// The value.
    pub value: FxValue<'a>,
}

impl<'a> FxProperty<'a> {
    /// A property with no borrowed data.
    pub fn into_owned(self) -> FxProperty<'static> {
        FxProperty {
            tag: self.tag,
            name: self.name,
            value: self.value.into_owned(),
        }
    }

    /// Whether this is a meta-property of 2.2.4.1.5.
    pub fn is_meta(&self) -> bool {
        is_meta_property(self.tag)
    }

    /// The value as the property model has it: bytes become PtypBinary,
    /// PtypObject or PtypServerId values by the tag's type
    /// (MetaTagIdsetGiven's bytes a PtypBinary value), strings their
    /// value.
    pub fn to_property_value(&self) -> PropertyValue {
        match &self.value {
            FxValue::Bytes(b) => bytes_value(self.tag, b.to_vec()),
            FxValue::String { value, .. } | FxValue::Value(value) => value.clone(),
        }
    }

    /// [`FxProperty::to_property_value`], consuming the property (an owned
    /// value moves, without a copy).
    pub fn into_property_value(self) -> PropertyValue {
        match self.value {
            FxValue::Bytes(b) => bytes_value(self.tag, b.into_owned()),
            FxValue::String { value, .. } | FxValue::Value(value) => value,
        }
    }

    /// For a PtypInteger32 value (MetaTagFXDelProp, MetaTagEcWarning,
    /// MetaTagIncrSyncGroupId...): the value as an unsigned number.
    pub fn as_u32(&self) -> Option<u32> {
        match &self.value {
            FxValue::Value(PropertyValue::Integer32(v)) => Some(*v as u32),
            _ => None,
        }
    }

    /// For a value carried as bytes: the bytes.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.value {
            FxValue::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

fn bytes_value(tag: PropertyTag, b: Vec<u8>) -> PropertyValue {
    match tag.prop_type {
        PropertyType::Object => PropertyValue::Object(b),
        PropertyType::ServerId => PropertyValue::ServerId(b),
        _ => PropertyValue::Binary(b),
    }
}

/// One lexical element of a FastTransfer stream (2.2.4.1 element).
#[derive(Debug, Clone, PartialEq)]
pub enum Token<'a> {
    /// A marker (2.2.4.1.4).
    Marker(Marker),
    /// A propValue.
    Property(FxProperty<'a>),
}

/// What follows a propDef, by property type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ValueClass {
    /// fixedSizeValue of this many bytes (PtypBoolean excluded).
    Fixed(usize),
    /// PtypBoolean: 2 bytes in FastTransfer streams (2.2.4.1.3).
    Boolean,
    /// length and varSizeValue.
    Var(VarKind),
    /// length (a count) and that many fixed-size values.
    MvFixed(usize),
    /// length (a count) and that many length + varSizeValue pairs.
    MvVar(VarKind),
}

/// What a varSizeValue holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VarKind {
    /// PtypBinary, PtypObject, PtypServerId (and MetaTagIdsetGiven).
    Bytes,
    /// PtypString: UTF-16LE.
    Unicode,
    /// PtypString8: the stream's code page.
    String8,
    /// A code page string type (2.2.4.1.1.1): the code page.
    CodePage(u16),
}

impl VarKind {
    /// Bytes of a terminating null.
    fn terminator(self) -> usize {
        match self {
            VarKind::Unicode => 2,
            VarKind::CodePage(cp) if cp == 1200 || cp == 1201 => 2,
            _ => 1,
        }
    }
}

/// The value class of a tag, or `None` for a type a FastTransfer stream
/// cannot delimit.
pub(crate) fn classify(tag: PropertyTag) -> Option<ValueClass> {
    use PropertyType as T;
    if tag == META_TAG_IDSET_GIVEN {
        return Some(ValueClass::Var(VarKind::Bytes));
    }
    let t = tag.prop_type;
    let v = t.value();
    if v & 0x8000 != 0 {
        return Some(ValueClass::Var(VarKind::CodePage(v & 0x7FFF)));
    }
    Some(match t {
        T::Boolean => ValueClass::Boolean,
        T::Null => ValueClass::Fixed(0),
        T::Binary | T::Object | T::ServerId => ValueClass::Var(VarKind::Bytes),
        T::String => ValueClass::Var(VarKind::Unicode),
        T::String8 => ValueClass::Var(VarKind::String8),
        T::MultipleBinary => ValueClass::MvVar(VarKind::Bytes),
        T::MultipleString => ValueClass::MvVar(VarKind::Unicode),
        T::MultipleString8 => ValueClass::MvVar(VarKind::String8),
        T::MultipleInteger16
        | T::MultipleInteger32
        | T::MultipleFloating32
        | T::MultipleFloating64
        | T::MultipleCurrency
        | T::MultipleFloatingTime
        | T::MultipleInteger64
        | T::MultipleTime
        | T::MultipleGuid => ValueClass::MvFixed(t.element_type().fixed_size()?),
        other => ValueClass::Fixed(other.fixed_size()?),
    })
}

// ---------------------------------------------------------------------------
// Token boundaries, found incrementally

/// Bytes of a token seen so far: what earlier pieces left (`a`) followed
/// by the current piece (`b`).
#[derive(Clone, Copy)]
pub(crate) struct View<'x> {
    pub a: &'x [u8],
    pub b: &'x [u8],
}

impl View<'_> {
    fn len(&self) -> usize {
        self.a.len() + self.b.len()
    }
    fn byte(&self, i: usize) -> Option<u8> {
        match self.a.get(i) {
            Some(&x) => Some(x),
            None => self.b.get(i - self.a.len()).copied(),
        }
    }
    fn u32_at(&self, i: usize) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte(i)?,
            self.byte(i + 1)?,
            self.byte(i + 2)?,
            self.byte(i + 3)?,
        ]))
    }
}

#[derive(Debug, Clone, Copy)]
enum Stage {
    Tag,
    NamedHead,
    Dispid,
    Name { next: usize },
    Value { at: usize },
    MvVarElem { at: usize, left: u64 },
}

/// What the scanner found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scanned {
    /// The token's head (everything but a single var value's body) has
    /// `head` bytes; for a single-valued varSizeValue, `body` bytes follow.
    Done { head: usize, body: Option<usize> },
    /// More bytes are needed.
    More,
    /// The token cannot be delimited: `kind` at token offset `at`.
    Bad {
        at: usize,
        field: &'static str,
        value: u64,
    },
    /// A size overflows (a hostile count).
    Overflow { at: usize },
}

/// Finds where a token ends, resumably: call [`Scanner::advance`] with the
/// token's bytes so far each time more arrive.
#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    stage: Stage,
    tag: u32,
}

impl Scanner {
    pub(crate) fn new() -> Self {
        Scanner {
            stage: Stage::Tag,
            tag: 0,
        }
    }

    pub(crate) fn advance(&mut self, v: View<'_>) -> Scanned {
        let len = v.len();
        loop {
            match self.stage {
                Stage::Tag => {
                    let Some(tag) = v.u32_at(0) else {
                        return Scanned::More;
                    };
                    self.tag = tag;
                    if Marker::from_tag(tag).is_some() {
                        return Scanned::Done {
                            head: 4,
                            body: None,
                        };
                    }
                    self.stage = if tag >> 16 >= 0x8000 {
                        Stage::NamedHead
                    } else {
                        Stage::Value { at: 4 }
                    };
                }
                Stage::NamedHead => {
                    let Some(kind) = v.byte(20) else {
                        return Scanned::More;
                    };
                    self.stage = match kind {
                        0 => Stage::Dispid,
                        1 => Stage::Name { next: 21 },
                        k => {
                            return Scanned::Bad {
                                at: 20,
                                field: "namedPropInfo kind",
                                value: u64::from(k),
                            };
                        }
                    };
                }
                Stage::Dispid => {
                    if len < 25 {
                        return Scanned::More;
                    }
                    self.stage = Stage::Value { at: 25 };
                }
                Stage::Name { mut next } => loop {
                    match (v.byte(next), v.byte(next + 1)) {
                        (Some(0), Some(0)) => {
                            self.stage = Stage::Value { at: next + 2 };
                            break;
                        }
                        (Some(_), Some(_)) => next += 2,
                        _ => {
                            self.stage = Stage::Name { next };
                            return Scanned::More;
                        }
                    }
                },
                Stage::Value { at } => {
                    let Some(class) = classify(PropertyTag::from_u32(self.tag)) else {
                        return Scanned::Bad {
                            at: 0,
                            field: "PropertyType",
                            value: u64::from(self.tag & 0xFFFF),
                        };
                    };
                    match class {
                        ValueClass::Fixed(n) => return need(len, at + n),
                        ValueClass::Boolean => return need(len, at + 2),
                        ValueClass::Var(_) => {
                            let Some(l) = v.u32_at(at) else {
                                return Scanned::More;
                            };
                            return Scanned::Done {
                                head: at + 4,
                                body: Some(l as usize),
                            };
                        }
                        ValueClass::MvFixed(n) => {
                            let Some(c) = v.u32_at(at) else {
                                return Scanned::More;
                            };
                            let Some(total) = (c as usize)
                                .checked_mul(n)
                                .and_then(|x| x.checked_add(at + 4))
                            else {
                                return Scanned::Overflow { at };
                            };
                            return need(len, total);
                        }
                        ValueClass::MvVar(_) => {
                            let Some(c) = v.u32_at(at) else {
                                return Scanned::More;
                            };
                            self.stage = Stage::MvVarElem {
                                at: at + 4,
                                left: u64::from(c),
                            };
                        }
                    }
                }
                Stage::MvVarElem { mut at, mut left } => {
                    while left > 0 {
                        let Some(l) = v.u32_at(at) else {
                            self.stage = Stage::MvVarElem { at, left };
                            return Scanned::More;
                        };
                        let Some(next) = at.checked_add(4).and_then(|x| x.checked_add(l as usize))
                        else {
                            return Scanned::Overflow { at };
                        };
                        at = next;
                        left -= 1;
                    }
                    self.stage = Stage::MvVarElem { at, left: 0 };
                    return need(len, at);
                }
            }
        }
    }
}

fn need(len: usize, head: usize) -> Scanned {
    if len >= head {
        Scanned::Done { head, body: None }
    } else {
        Scanned::More
    }
}

// ---------------------------------------------------------------------------
// Decoding one token

/// The stream-wide context of values: the code page of PtypString8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FxContext {
    /// Code page of PtypString8 values (the logon's; windows-1252 by default).
    pub code_page: CodePage,
}

impl Default for FxContext {
    fn default() -> Self {
        FxContext {
            code_page: CodePage::WINDOWS_1252,
        }
    }
}

/// Splits a terminating null of `unit` bytes off `b`, if it is there.
fn split_terminator(b: &[u8], unit: usize) -> (&[u8], bool) {
    match b.len().checked_sub(unit).map(|n| b.split_at(n)) {
        Some((text, z)) if z.iter().all(|&x| x == 0) => (text, true),
        _ => (b, false),
    }
}

fn string_value(kind: VarKind, b: &[u8], ctx: &FxContext) -> (PropertyValue, bool) {
    let (text, terminated) = split_terminator(b, kind.terminator());
    let v = match kind {
        VarKind::Unicode => PropertyValue::String(Utf16String::from_le_bytes(text)),
        VarKind::String8 => PropertyValue::String8(String8::new(text, ctx.code_page)),
        VarKind::CodePage(cp) => {
            PropertyValue::String8(String8::new(text, CodePage(u32::from(cp))))
        }
        VarKind::Bytes => PropertyValue::Binary(text.to_vec()),
    };
    (v, terminated)
}

/// Decodes a token from its head (the reader's window) and, for a
/// single-valued varSizeValue, its body.
pub(crate) fn decode_token<'p>(
    r: &mut Reader<'_>,
    body: Option<Cow<'p, [u8]>>,
    ctx: &FxContext,
) -> Result<Token<'p>> {
    let tag_at = r.pos();
    let raw = r.u32()?;
    if let Some(m) = Marker::from_tag(raw) {
        return Ok(Token::Marker(m));
    }
    r.frame("propValue", |r| {
        let tag = PropertyTag::from_u32(raw);
        r.check_count(1, 0, "propValue elements")?;
        let name = if tag.is_named() {
            Some(r.frame("namedPropInfo", |r| {
                let guid: Guid = r.decode()?;
                let at = r.pos();
                let id = match r.u8()? {
                    0 => NameId::Lid(r.u32()?),
                    1 => NameId::Name(Utf16String::read_nul_terminated(r)?),
                    k => return Err(r.invalid_at("namedPropInfo kind", u64::from(k), at)),
                };
                Ok(PropertyName { guid, id })
            })?)
        } else {
            None
        };
        let Some(class) = classify(tag) else {
            unknown_type_policy(r, tag.prop_type, tag_at, false)?;
            return Err(r.invalid_at("PropertyType", u64::from(tag.prop_type.value()), tag_at));
        };
        let value = decode_value(r, tag, class, body, ctx)?;
        Ok(Token::Property(FxProperty { tag, name, value }))
    })
}

fn decode_value<'p>(
    r: &mut Reader<'_>,
    tag: PropertyTag,
    class: ValueClass,
    body: Option<Cow<'p, [u8]>>,
    ctx: &FxContext,
) -> Result<FxValue<'p>> {
    let t = tag.prop_type;
    Ok(match class {
        ValueClass::Boolean => {
            let at = r.pos();
            let b = r.u16()?;
            match boolean_policy(r, u64::from(b), at)? {
                Some(v) => FxValue::Value(PropertyValue::Boolean(v)),
                None => FxValue::Value(PropertyValue::Raw {
                    prop_type: t,
                    bytes: b.to_le_bytes().to_vec(),
                    encoding: ValueEncoding::FastTransfer,
                }),
            }
        }
        ValueClass::Fixed(_) => match read_fixed(r, t, ValueEncoding::FastTransfer)? {
            Some(v) => FxValue::Value(v),
            None => return Err(r.invalid_at("PropertyType", u64::from(t.value()), r.pos())),
        },
        ValueClass::Var(kind) => {
            let at = r.pos();
            let len = r.u32_usize()?;
            let body = match body {
                Some(b) if b.len() == len => b,
                Some(b) => {
                    return Err(r.error_at(
                        ErrorKind::Malformed(
                            format!("value of {} bytes where the length says {len}", b.len())
                                .into(),
                        ),
                        at,
                    ));
                }
                None => {
                    // The body is in the window (a caller that read the
                    // whole token at once).
                    r.reserve_backed(len, "length")?;
                    Cow::Owned(r.bytes(len)?.to_vec())
                }
            };
            match kind {
                VarKind::Bytes => FxValue::Bytes(body),
                _ => {
                    r.reserve(body.len(), "string value")?;
                    let (value, terminated) = string_value(kind, &body, ctx);
                    FxValue::String { value, terminated }
                }
            }
        }
        ValueClass::MvFixed(n) => {
            let c = u64::from(r.u32()?);
            use PropertyType as T;
            use PropertyValue as V;
            FxValue::Value(match t {
                T::MultipleInteger16 => {
                    V::MultipleInteger16(r.counted(c, n, "COUNT", |r| r.i16())?)
                }
                T::MultipleInteger32 => {
                    V::MultipleInteger32(r.counted(c, n, "COUNT", |r| r.i32())?)
                }
                T::MultipleFloating32 => {
                    V::MultipleFloating32(r.counted(c, n, "COUNT", |r| r.f32())?)
                }
                T::MultipleFloating64 => {
                    V::MultipleFloating64(r.counted(c, n, "COUNT", |r| r.f64())?)
                }
                T::MultipleCurrency => V::MultipleCurrency(r.counted(c, n, "COUNT", |r| r.i64())?),
                T::MultipleFloatingTime => {
                    V::MultipleFloatingTime(r.counted(c, n, "COUNT", |r| r.f64())?)
                }
                T::MultipleInteger64 => {
                    V::MultipleInteger64(r.counted(c, n, "COUNT", |r| r.i64())?)
                }
                T::MultipleTime => {
                    V::MultipleTime(r.counted(c, n, "COUNT", |r| Ok(FileTime(r.u64()?)))?)
                }
                T::MultipleGuid => {
                    V::MultipleGuid(r.counted(c, n, "COUNT", |r| r.decode::<Guid>())?)
                }
                other => {
                    return Err(r.invalid_at("PropertyType", u64::from(other.value()), r.pos()));
                }
            })
        }
        ValueClass::MvVar(kind) => {
            let start = r.pos();
            let c = u64::from(r.u32()?);
            let mut terms = (0usize, 0usize);
            let items = r.counted(c, 4, "COUNT", |r| {
                let len = r.u32_usize()?;
                r.reserve_backed(len, "length")?;
                let b = r.bytes(len)?;
                if kind == VarKind::Bytes {
                    return Ok(PropertyValue::Binary(b.to_vec()));
                }
                let (v, term) = string_value(kind, b, ctx);
                if term {
                    terms.0 += 1;
                } else {
                    terms.1 += 1;
                }
                Ok(v)
            })?;
            use PropertyValue as V;
            let value = match kind {
                VarKind::Bytes => V::MultipleBinary(
                    items
                        .into_iter()
                        .map(|v| match v {
                            V::Binary(b) => b,
                            _ => Vec::new(),
                        })
                        .collect(),
                ),
                VarKind::Unicode => V::MultipleString(
                    items
                        .into_iter()
                        .map(|v| match v {
                            V::String(s) => s,
                            _ => Utf16String::default(),
                        })
                        .collect(),
                ),
                _ => V::MultipleString8(
                    items
                        .into_iter()
                        .map(|v| match v {
                            V::String8(s) => s,
                            _ => String8::new(Vec::new(), ctx.code_page),
                        })
                        .collect(),
                ),
            };
            match (kind, terms) {
                (VarKind::Bytes, _) => FxValue::Value(value),
                (_, (_, 0)) => FxValue::String {
                    value,
                    terminated: true,
                },
                (_, (0, _)) => FxValue::String {
                    value,
                    terminated: false,
                },
                _ => {
                    r.defect_at(
                        ErrorKind::Malformed(
                            "a multi-valued string mixes values with and without terminating nulls"
                                .into(),
                        ),
                        start,
                        "value kept as raw bytes",
                    )?;
                    FxValue::Value(V::Raw {
                        prop_type: t,
                        bytes: r.since(start).to_vec(),
                        encoding: ValueEncoding::FastTransfer,
                    })
                }
            }
        }
    })
}

// ---------------------------------------------------------------------------
// Encoding one token

/// Records the byte ranges of atoms (2.2.4.1: a stream is never split
/// inside one) while a token is written.
pub(crate) trait Atoms {
    fn atom(&mut self, start: usize, end: usize);
}

impl Atoms for () {
    fn atom(&mut self, _: usize, _: usize) {}
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_len(out: &mut Vec<u8>, atoms: &mut impl Atoms, n: usize, field: &'static str) -> Result<()> {
    let at = out.len();
    put_u32(out, fit_u32(n, field)?);
    atoms.atom(at, out.len());
    Ok(())
}

/// Writes a marker.
pub(crate) fn write_marker(out: &mut Vec<u8>, atoms: &mut impl Atoms, m: Marker) {
    let at = out.len();
    put_u32(out, m.value());
    atoms.atom(at, out.len());
}

fn type_error(tag: PropertyTag, v: &PropertyValue) -> Error {
    Error::new(ErrorKind::Malformed(
        format!(
            "a {} value cannot be written under tag {tag} ({})",
            v.prop_type(),
            tag.prop_type
        )
        .into(),
    ))
}

/// Writes the propDef: tag and, for a named property, namedPropInfo.
fn write_prop_def(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    tag: PropertyTag,
    name: Option<&PropertyName>,
) -> Result<()> {
    let at = out.len();
    if Marker::from_tag(tag.to_u32()).is_some() {
        return Err(Error::new(ErrorKind::InvalidValue {
            field: "propValue tag (a marker value)",
            value: u64::from(tag.to_u32()),
        }));
    }
    put_u32(out, tag.to_u32());
    match (tag.is_named(), name) {
        (false, None) => {}
        (true, Some(n)) => {
            out.extend_from_slice(&n.guid.to_le_bytes());
            match &n.id {
                NameId::Lid(l) => {
                    out.push(0);
                    put_u32(out, *l);
                }
                NameId::Name(s) => {
                    let ok = match s.raw_bytes() {
                        Some(raw) => {
                            raw.len() % 2 == 0 && !raw.chunks_exact(2).any(|c| c == [0, 0])
                        }
                        None => !s.as_str().contains('\0'),
                    };
                    if !ok {
                        return Err(Error::new(ErrorKind::InvalidValue {
                            field: "namedPropInfo name",
                            value: 0,
                        }));
                    }
                    out.push(1);
                    s.write_nul_terminated(out);
                }
            }
        }
        (true, None) => {
            return Err(Error::malformed(format!(
                "named property tag {tag} needs its property name"
            )));
        }
        (false, Some(_)) => {
            return Err(Error::malformed(format!(
                "tag {tag} is not a named property ID (below 0x8000) but has a name"
            )));
        }
    }
    atoms.atom(at, out.len());
    Ok(())
}

fn string_bytes(kind: VarKind, v: &PropertyValue, tag: PropertyTag) -> Result<Vec<u8>> {
    Ok(match (kind, v) {
        (VarKind::Unicode, PropertyValue::String(s)) => s.to_le_bytes(),
        (VarKind::String8, PropertyValue::String8(s)) => s.bytes().to_vec(),
        (VarKind::CodePage(cp), PropertyValue::String8(s))
            if s.code_page() == CodePage(u32::from(cp)) =>
        {
            s.bytes().to_vec()
        }
        _ => return Err(type_error(tag, v)),
    })
}

fn put_string(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    kind: VarKind,
    mut bytes: Vec<u8>,
    terminated: bool,
) -> Result<()> {
    let unit = kind.terminator();
    if terminated {
        bytes.extend(std::iter::repeat_n(0, unit));
    } else if split_terminator(&bytes, unit).1 {
        return Err(Error::malformed(
            "a string sent without its terminating null cannot end in a null",
        ));
    }
    put_len(out, atoms, bytes.len(), "length")?;
    out.extend_from_slice(&bytes);
    Ok(())
}

/// Writes a property: propDef and value. `terminated` applies to strings.
pub(crate) fn write_property_value(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    tag: PropertyTag,
    name: Option<&PropertyName>,
    value: &PropertyValue,
    terminated: bool,
) -> Result<()> {
    let class = classify(tag).ok_or_else(|| {
        Error::new(ErrorKind::InvalidValue {
            field: "PropertyType",
            value: u64::from(tag.prop_type.value()),
        })
    })?;
    write_prop_def(out, atoms, tag, name)?;
    write_value(out, atoms, tag, class, value, terminated)
}

/// Writes a property whose value is carried as bytes.
pub(crate) fn write_property_bytes(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    tag: PropertyTag,
    name: Option<&PropertyName>,
    bytes: &[u8],
) -> Result<()> {
    if classify(tag) != Some(ValueClass::Var(VarKind::Bytes)) {
        return Err(Error::malformed(format!(
            "tag {tag} does not carry its value as bytes"
        )));
    }
    write_prop_def(out, atoms, tag, name)?;
    put_len(out, atoms, bytes.len(), "length")?;
    out.extend_from_slice(bytes);
    Ok(())
}

/// Writes a token.
pub(crate) fn write_fx_property(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    p: &FxProperty<'_>,
) -> Result<()> {
    match &p.value {
        FxValue::Bytes(b) => write_property_bytes(out, atoms, p.tag, p.name.as_ref(), b),
        FxValue::String { value, terminated } => {
            write_property_value(out, atoms, p.tag, p.name.as_ref(), value, *terminated)
        }
        FxValue::Value(v) => write_property_value(out, atoms, p.tag, p.name.as_ref(), v, true),
    }
}

fn write_value(
    out: &mut Vec<u8>,
    atoms: &mut impl Atoms,
    tag: PropertyTag,
    class: ValueClass,
    value: &PropertyValue,
    terminated: bool,
) -> Result<()> {
    use PropertyValue as V;
    if let V::Raw {
        prop_type,
        bytes,
        encoding,
    } = value
    {
        if *encoding != ValueEncoding::FastTransfer || *prop_type != tag.prop_type {
            return Err(Error::new(ErrorKind::Unsupported(
                format!(
                    "a {prop_type} value kept as bytes of the {encoding:?} encoding cannot be written into a FastTransfer stream under tag {tag}"
                )
                .into(),
            )));
        }
        out.extend_from_slice(bytes);
        return Ok(());
    }
    let at = out.len();
    match class {
        ValueClass::Boolean => match value {
            V::Boolean(b) => out.extend_from_slice(&u16::from(*b).to_le_bytes()),
            _ => return Err(type_error(tag, value)),
        },
        ValueClass::Fixed(_) => {
            if value.prop_type() != tag.prop_type {
                return Err(type_error(tag, value));
            }
            match value {
                V::Null => {}
                V::Integer16(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::Integer32(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::Floating32(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::Floating64(v) | V::FloatingTime(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::Currency(v) | V::Integer64(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::ErrorCode(v) => out.extend_from_slice(&v.to_le_bytes()),
                V::Time(t) => out.extend_from_slice(&t.0.to_le_bytes()),
                V::Guid(g) => out.extend_from_slice(&g.to_le_bytes()),
                _ => return Err(type_error(tag, value)),
            }
        }
        ValueClass::Var(VarKind::Bytes) => match value {
            V::Binary(b) | V::Object(b) | V::ServerId(b)
                if value.prop_type() == tag.prop_type || tag == META_TAG_IDSET_GIVEN =>
            {
                put_len(out, atoms, b.len(), "length")?;
                out.extend_from_slice(b);
                return Ok(());
            }
            _ => return Err(type_error(tag, value)),
        },
        ValueClass::Var(kind) => {
            let bytes = string_bytes(kind, value, tag)?;
            return put_string(out, atoms, kind, bytes, terminated);
        }
        ValueClass::MvFixed(_) => {
            if value.prop_type() != tag.prop_type {
                return Err(type_error(tag, value));
            }
            macro_rules! mv {
                ($v:expr, |$x:ident| $e:expr) => {{
                    put_len(out, atoms, $v.len(), "COUNT")?;
                    for $x in $v.iter() {
                        let s = out.len();
                        out.extend_from_slice(&$e);
                        atoms.atom(s, out.len());
                    }
                }};
            }
            match value {
                V::MultipleInteger16(v) => mv!(v, |x| x.to_le_bytes()),
                V::MultipleInteger32(v) => mv!(v, |x| x.to_le_bytes()),
                V::MultipleFloating32(v) => mv!(v, |x| x.to_le_bytes()),
                V::MultipleFloating64(v) | V::MultipleFloatingTime(v) => {
                    mv!(v, |x| x.to_le_bytes())
                }
                V::MultipleCurrency(v) | V::MultipleInteger64(v) => mv!(v, |x| x.to_le_bytes()),
                V::MultipleTime(v) => mv!(v, |x| x.0.to_le_bytes()),
                V::MultipleGuid(v) => mv!(v, |x| x.to_le_bytes()),
                _ => return Err(type_error(tag, value)),
            }
            return Ok(());
        }
        ValueClass::MvVar(kind) => {
            match (kind, value) {
                (VarKind::Bytes, V::MultipleBinary(v)) => {
                    put_len(out, atoms, v.len(), "COUNT")?;
                    for b in v {
                        put_len(out, atoms, b.len(), "length")?;
                        out.extend_from_slice(b);
                    }
                }
                (VarKind::Unicode, V::MultipleString(v)) => {
                    put_len(out, atoms, v.len(), "COUNT")?;
                    for s in v {
                        put_string(out, atoms, kind, s.to_le_bytes(), terminated)?;
                    }
                }
                (VarKind::String8, V::MultipleString8(v)) => {
                    put_len(out, atoms, v.len(), "COUNT")?;
                    for s in v {
                        put_string(out, atoms, kind, s.bytes().to_vec(), terminated)?;
                    }
                }
                _ => return Err(type_error(tag, value)),
            }
            return Ok(());
        }
    }
    atoms.atom(at, out.len());
    Ok(())
}

/// Whether a property value can be written into a FastTransfer stream
/// under its own type (PtypRestriction, PtypRuleAction, PtypUnspecified
/// and undefined types cannot).
pub fn is_fast_transfer_type(t: PropertyType) -> bool {
    classify(PropertyTag::new(0, t)).is_some()
}
