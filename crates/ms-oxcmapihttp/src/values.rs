//! [MS-OXCMAPIHTTP] 2.2.1 Common Data Types: the address book property
//! values, rows and tag arrays of the address book request bodies.
//!
//! Values are the ms-oxcdata model ([`PropertyValue`]) read through its one
//! type table and edge policy, with MAPI/HTTP's counts (32 bits, [MS-OXCDATA]
//! 2.11.1) and the HasValue byte of 2.2.1.1 in front of strings, binaries
//! and multi-valued values (and of each string or binary inside one).

use ms_oxcdata::{
    ErrorCode, PropertyTag, PropertyTagArray, PropertyType, PropertyValue, ValueContext,
};
use msox_codec::bytes::BufMut;
use msox_codec::{
    CountWidth, Decode, DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result, String8,
    Utf16String,
};

/// The value context of MAPI/HTTP bodies: every count 32 bits.
pub const CONTEXT: ValueContext = ValueContext::EXTENDED_RULE;

/// HasValue TRUE ([MS-OXCMAPIHTTP] 2.2.1.1).
pub const TRUE: u8 = 0xFF;

fn has_value(r: &mut Reader<'_>) -> Result<bool> {
    let at = r.pos();
    match r.u8()? {
        0x00 => Ok(false),
        0xFF => Ok(true),
        b => {
            r.defect_at(
                ErrorKind::InvalidValue {
                    field: "HasValue",
                    value: u64::from(b),
                },
                at,
                "read as TRUE; written back as 0xFF",
            )?;
            Ok(true)
        }
    }
}

fn carries_has_value(t: PropertyType) -> bool {
    matches!(
        t,
        PropertyType::String | PropertyType::String8 | PropertyType::Binary
    ) || t.is_multiple()
}

fn read_binary(r: &mut Reader<'_>) -> Result<Vec<u8>> {
    let n = r.u32()?;
    let n = r.check_count(u64::from(n), 1, "COUNT")?;
    r.reserve_backed(n, "COUNT")?;
    Ok(r.bytes(n)?.to_vec())
}

fn write_binary<B: BufMut>(b: &[u8], buf: &mut B) -> Result<()> {
    buf.put_u32_le(msox_codec::fit_u32(b.len(), "COUNT")?);
    buf.put_slice(b);
    Ok(())
}

fn check_nul_free(ok: bool, field: &'static str) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::new(ErrorKind::InvalidValue { field, value: 0 }))
    }
}

/// A multi-valued string or binary value with elements whose HasValue is
/// FALSE (which the ms-oxcdata model has no place for).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SparseValues {
    /// PtypMultipleString8.
    String8(Vec<Option<String8>>),
    /// PtypMultipleString.
    String(Vec<Option<Utf16String>>),
    /// PtypMultipleBinary.
    Binary(Vec<Option<Vec<u8>>>),
}

/// [MS-OXCMAPIHTTP] 2.2.1.1 AddressBookPropertyValue: a property value
/// whose type the context gives, with a HasValue byte in front when the
/// type is PtypString, PtypString8, PtypBinary or PtypMultiple*.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AddressBookPropertyValue {
    /// A value (HasValue TRUE where there is one).
    Value(PropertyValue),
    /// HasValue FALSE: no value.
    NoValue,
    /// A multi-valued string or binary with some elements absent.
    Sparse(SparseValues),
}

impl AddressBookPropertyValue {
    /// Reads a value of type `t` (a multiple-instance type is its element).
    pub fn read(r: &mut Reader<'_>, t: PropertyType) -> Result<Self> {
        let t = t.value_type();
        if !carries_has_value(t) {
            return PropertyValue::read(r, t, &CONTEXT).map(AddressBookPropertyValue::Value);
        }
        if !has_value(r)? {
            return Ok(AddressBookPropertyValue::NoValue);
        }
        let cp = CONTEXT.code_page;
        Ok(match t {
            PropertyType::String => AddressBookPropertyValue::Value(PropertyValue::String(
                Utf16String::read_nul_terminated(r)?,
            )),
            PropertyType::String8 => AddressBookPropertyValue::Value(PropertyValue::String8(
                String8::read_nul_terminated(r, cp)?,
            )),
            PropertyType::Binary => {
                AddressBookPropertyValue::Value(PropertyValue::Binary(read_binary(r)?))
            }
            PropertyType::MultipleString
            | PropertyType::MultipleString8
            | PropertyType::MultipleBinary => {
                let n = r.u32()?;
                let n = r.check_count(u64::from(n), 1, "COUNT")?;
                let mut s8 = Vec::new();
                let mut sw = Vec::new();
                let mut sb = Vec::new();
                for i in 0..n {
                    r.frame_indexed("value", i, |r| {
                        let present = has_value(r)?;
                        match t {
                            PropertyType::MultipleString => sw.push(if present {
                                Some(Utf16String::read_nul_terminated(r)?)
                            } else {
                                None
                            }),
                            PropertyType::MultipleString8 => s8.push(if present {
                                Some(String8::read_nul_terminated(r, cp)?)
                            } else {
                                None
                            }),
                            _ => sb.push(if present { Some(read_binary(r)?) } else { None }),
                        }
                        Ok(())
                    })?;
                }
                match t {
                    PropertyType::MultipleString if sw.iter().all(Option::is_some) => {
                        AddressBookPropertyValue::Value(PropertyValue::MultipleString(
                            sw.into_iter().flatten().collect(),
                        ))
                    }
                    PropertyType::MultipleString => {
                        AddressBookPropertyValue::Sparse(SparseValues::String(sw))
                    }
                    PropertyType::MultipleString8 if s8.iter().all(Option::is_some) => {
                        AddressBookPropertyValue::Value(PropertyValue::MultipleString8(
                            s8.into_iter().flatten().collect(),
                        ))
                    }
                    PropertyType::MultipleString8 => {
                        AddressBookPropertyValue::Sparse(SparseValues::String8(s8))
                    }
                    _ if sb.iter().all(Option::is_some) => AddressBookPropertyValue::Value(
                        PropertyValue::MultipleBinary(sb.into_iter().flatten().collect()),
                    ),
                    _ => AddressBookPropertyValue::Sparse(SparseValues::Binary(sb)),
                }
            }
            // the fixed-size PtypMultiple* types: COUNT and values
            _ => AddressBookPropertyValue::Value(PropertyValue::read(r, t, &CONTEXT)?),
        })
    }

    /// Bytes [`AddressBookPropertyValue::write`] writes for type `t`.
    pub fn wire_len(&self, t: PropertyType) -> usize {
        let t = t.value_type();
        let hv = usize::from(carries_has_value(t));
        match self {
            AddressBookPropertyValue::NoValue => 1,
            AddressBookPropertyValue::Sparse(s) => {
                1 + 4
                    + match s {
                        SparseValues::String8(v) => v
                            .iter()
                            .map(|x| 1 + x.as_ref().map_or(0, |s| s.bytes().len() + 1))
                            .sum::<usize>(),
                        SparseValues::String(v) => v
                            .iter()
                            .map(|x| 1 + x.as_ref().map_or(0, |s| s.byte_len() + 2))
                            .sum(),
                        SparseValues::Binary(v) => v
                            .iter()
                            .map(|x| 1 + x.as_ref().map_or(0, |b| 4 + b.len()))
                            .sum(),
                    }
            }
            AddressBookPropertyValue::Value(v) => {
                hv + match v {
                    PropertyValue::MultipleString(a) => {
                        4 + a.iter().map(|s| 1 + s.byte_len() + 2).sum::<usize>()
                    }
                    PropertyValue::MultipleString8(a) => {
                        4 + a.iter().map(|s| 1 + s.bytes().len() + 1).sum::<usize>()
                    }
                    PropertyValue::MultipleBinary(a) => {
                        4 + a.iter().map(|b| 1 + 4 + b.len()).sum::<usize>()
                    }
                    other => other.wire_len(t, &CONTEXT),
                }
            }
        }
    }

    /// Writes the value for type `t`.
    pub fn write<B: BufMut>(&self, t: PropertyType, buf: &mut B) -> Result<()> {
        let t = t.value_type();
        let hv = carries_has_value(t);
        match self {
            AddressBookPropertyValue::NoValue => {
                if !hv {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "HasValue",
                        value: u64::from(t.value()),
                    }));
                }
                buf.put_u8(0);
                Ok(())
            }
            AddressBookPropertyValue::Sparse(s) => {
                let (ok, n) = match s {
                    SparseValues::String8(v) => (t == PropertyType::MultipleString8, v.len()),
                    SparseValues::String(v) => (t == PropertyType::MultipleString, v.len()),
                    SparseValues::Binary(v) => (t == PropertyType::MultipleBinary, v.len()),
                };
                if !ok {
                    return Err(Error::new(ErrorKind::InvalidValue {
                        field: "PropertyType",
                        value: u64::from(t.value()),
                    }));
                }
                buf.put_u8(TRUE);
                buf.put_u32_le(msox_codec::fit_u32(n, "COUNT")?);
                match s {
                    SparseValues::String8(v) => {
                        for x in v {
                            match x {
                                Some(s) => {
                                    check_nul_free(!s.bytes().contains(&0), "PtypString8")?;
                                    buf.put_u8(TRUE);
                                    buf.put_slice(s.bytes());
                                    buf.put_u8(0);
                                }
                                None => buf.put_u8(0),
                            }
                        }
                    }
                    SparseValues::String(v) => {
                        for x in v {
                            match x {
                                Some(s) => {
                                    check_nul_free(!s.as_str().contains('\0'), "PtypString")?;
                                    buf.put_u8(TRUE);
                                    s.write_nul_terminated(buf);
                                }
                                None => buf.put_u8(0),
                            }
                        }
                    }
                    SparseValues::Binary(v) => {
                        for x in v {
                            match x {
                                Some(b) => {
                                    buf.put_u8(TRUE);
                                    write_binary(b, buf)?;
                                }
                                None => buf.put_u8(0),
                            }
                        }
                    }
                }
                Ok(())
            }
            AddressBookPropertyValue::Value(v) => {
                if hv {
                    buf.put_u8(TRUE);
                }
                match v {
                    PropertyValue::MultipleString(a) if t == PropertyType::MultipleString => {
                        buf.put_u32_le(msox_codec::fit_u32(a.len(), "COUNT")?);
                        for s in a {
                            check_nul_free(!s.as_str().contains('\0'), "PtypString")?;
                            buf.put_u8(TRUE);
                            s.write_nul_terminated(buf);
                        }
                        Ok(())
                    }
                    PropertyValue::MultipleString8(a) if t == PropertyType::MultipleString8 => {
                        buf.put_u32_le(msox_codec::fit_u32(a.len(), "COUNT")?);
                        for s in a {
                            check_nul_free(!s.bytes().contains(&0), "PtypString8")?;
                            buf.put_u8(TRUE);
                            buf.put_slice(s.bytes());
                            buf.put_u8(0);
                        }
                        Ok(())
                    }
                    PropertyValue::MultipleBinary(a) if t == PropertyType::MultipleBinary => {
                        buf.put_u32_le(msox_codec::fit_u32(a.len(), "COUNT")?);
                        for b in a {
                            buf.put_u8(TRUE);
                            write_binary(b, buf)?;
                        }
                        Ok(())
                    }
                    other => other.write(t, &CONTEXT, buf),
                }
            }
        }
    }
}

impl<'a> DecodeWith<'a, PropertyType> for AddressBookPropertyValue {
    fn decode_with(r: &mut Reader<'a>, t: PropertyType) -> Result<Self> {
        r.frame("AddressBookPropertyValue", |r| Self::read(r, t))
    }
}

impl EncodeWith<PropertyType> for AddressBookPropertyValue {
    fn encoded_len_with(&self, t: PropertyType) -> usize {
        self.wire_len(t)
    }
    fn encode_with<B: BufMut>(&self, t: PropertyType, buf: &mut B) -> Result<()> {
        self.write(t, buf)
    }
}

fn read_type(r: &mut Reader<'_>) -> Result<PropertyType> {
    let at = r.pos();
    let t = PropertyType::from(r.u16()?);
    if t.value_type() == PropertyType::Unspecified {
        return Err(r.invalid_at("PropertyType", u64::from(t.value()), at));
    }
    Ok(t)
}

/// [MS-OXCMAPIHTTP] 2.2.1.2 AddressBookTaggedPropertyValue: a property
/// tag (type, then ID) and an AddressBookPropertyValue of that type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressBookTaggedPropertyValue {
    /// PropertyType and PropertyId.
    pub tag: PropertyTag,
    /// PropertyValue.
    pub value: AddressBookPropertyValue,
}

impl<'a> Decode<'a> for AddressBookTaggedPropertyValue {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AddressBookTaggedPropertyValue", |r| {
            let tag: PropertyTag = r.decode()?;
            let value = AddressBookPropertyValue::read(r, tag.prop_type)?;
            Ok(AddressBookTaggedPropertyValue { tag, value })
        })
    }
}

impl Encode for AddressBookTaggedPropertyValue {
    fn encoded_len(&self) -> usize {
        4 + self.value.wire_len(self.tag.prop_type)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.tag.encode(buf)?;
        self.value.write(self.tag.prop_type, buf)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.3 AddressBookPropertyValueList: a 32-bit count
/// and that many AddressBookTaggedPropertyValues.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressBookPropertyValueList(pub Vec<AddressBookTaggedPropertyValue>);

impl<'a> Decode<'a> for AddressBookPropertyValueList {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AddressBookPropertyValueList", |r| {
            let n = r.u32()?;
            let mut i = 0;
            r.counted(u64::from(n), 4, "PropertyValueCount", |r| {
                i += 1;
                r.frame_indexed(
                    "PropertyValues",
                    i - 1,
                    AddressBookTaggedPropertyValue::decode,
                )
            })
            .map(AddressBookPropertyValueList)
        })
    }
}

impl Encode for AddressBookPropertyValueList {
    fn encoded_len(&self) -> usize {
        4 + self.0.iter().map(Encode::encoded_len).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.0.len(), "PropertyValueCount")?);
        for v in &self.0 {
            v.encode(buf)?;
        }
        Ok(())
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.4 AddressBookTypedPropertyValue: a property type
/// and an AddressBookPropertyValue of it (a PtypUnspecified column's cell).
/// In a row whose column has a type, the type is the column's and is not
/// written.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressBookTypedPropertyValue {
    /// PropertyType.
    pub prop_type: PropertyType,
    /// PropertyValue.
    pub value: AddressBookPropertyValue,
}

impl<'a> Decode<'a> for AddressBookTypedPropertyValue {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AddressBookTypedPropertyValue", |r| {
            let prop_type = read_type(r)?;
            let value = AddressBookPropertyValue::read(r, prop_type)?;
            Ok(AddressBookTypedPropertyValue { prop_type, value })
        })
    }
}

impl Encode for AddressBookTypedPropertyValue {
    fn encoded_len(&self) -> usize {
        2 + self.value.wire_len(self.prop_type)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.prop_type.value());
        self.value.write(self.prop_type, buf)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.5 AddressBookFlaggedPropertyValue: a Flag, then
/// the value (0x0), nothing (0x1), or a PtypErrorCode (0xA).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AddressBookFlaggedPropertyValue {
    /// Flag 0x0.
    Value(AddressBookPropertyValue),
    /// Flag 0x1.
    NotPresent,
    /// Flag 0xA.
    Error(ErrorCode),
}

impl AddressBookFlaggedPropertyValue {
    /// Reads a flagged value of type `t`.
    pub fn read(r: &mut Reader<'_>, t: PropertyType) -> Result<Self> {
        let at = r.pos();
        Ok(match r.u8()? {
            0x0 => AddressBookFlaggedPropertyValue::Value(AddressBookPropertyValue::read(r, t)?),
            0x1 => AddressBookFlaggedPropertyValue::NotPresent,
            0xA => AddressBookFlaggedPropertyValue::Error(ErrorCode::from(r.u32()?)),
            f => return Err(r.invalid_at("Flag", u64::from(f), at)),
        })
    }

    /// Bytes written for type `t`.
    pub fn wire_len(&self, t: PropertyType) -> usize {
        1 + match self {
            AddressBookFlaggedPropertyValue::Value(v) => v.wire_len(t),
            AddressBookFlaggedPropertyValue::NotPresent => 0,
            AddressBookFlaggedPropertyValue::Error(_) => 4,
        }
    }

    /// Writes it for type `t`.
    pub fn write<B: BufMut>(&self, t: PropertyType, buf: &mut B) -> Result<()> {
        match self {
            AddressBookFlaggedPropertyValue::Value(v) => {
                buf.put_u8(0);
                v.write(t, buf)
            }
            AddressBookFlaggedPropertyValue::NotPresent => {
                buf.put_u8(1);
                Ok(())
            }
            AddressBookFlaggedPropertyValue::Error(e) => {
                buf.put_u8(0xA);
                buf.put_u32_le(e.value());
                Ok(())
            }
        }
    }
}

impl<'a> DecodeWith<'a, PropertyType> for AddressBookFlaggedPropertyValue {
    fn decode_with(r: &mut Reader<'a>, t: PropertyType) -> Result<Self> {
        r.frame("AddressBookFlaggedPropertyValue", |r| Self::read(r, t))
    }
}

impl EncodeWith<PropertyType> for AddressBookFlaggedPropertyValue {
    fn encoded_len_with(&self, t: PropertyType) -> usize {
        self.wire_len(t)
    }
    fn encode_with<B: BufMut>(&self, t: PropertyType, buf: &mut B) -> Result<()> {
        self.write(t, buf)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.6 AddressBookFlaggedPropertyValueWithType: a
/// property type, a Flag, then as in AddressBookFlaggedPropertyValue. In a
/// row whose column has a type, the type is the column's and is not written.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AddressBookFlaggedPropertyValueWithType {
    /// PropertyType.
    pub prop_type: PropertyType,
    /// Flag and PropertyValue.
    pub value: AddressBookFlaggedPropertyValue,
}

impl<'a> Decode<'a> for AddressBookFlaggedPropertyValueWithType {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("AddressBookFlaggedPropertyValueWithType", |r| {
            let prop_type = read_type(r)?;
            let value = AddressBookFlaggedPropertyValue::read(r, prop_type)?;
            Ok(AddressBookFlaggedPropertyValueWithType { prop_type, value })
        })
    }
}

impl Encode for AddressBookFlaggedPropertyValueWithType {
    fn encoded_len(&self) -> usize {
        2 + self.value.wire_len(self.prop_type)
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(self.prop_type.value());
        self.value.write(self.prop_type, buf)
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.8 LargePropertyTagArray: a 32-bit count and
/// that many property tags.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LargePropertyTagArray(pub Vec<PropertyTag>);

impl<'a> Decode<'a> for LargePropertyTagArray {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("LargePropertyTagArray", |r| {
            PropertyTagArray::decode_with(r, CountWidth::U32).map(|a| LargePropertyTagArray(a.0))
        })
    }
}

impl Encode for LargePropertyTagArray {
    fn encoded_len(&self) -> usize {
        4 + 4 * self.0.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u32_le(msox_codec::fit_u32(self.0.len(), "PropertyTagCount")?);
        for t in &self.0 {
            t.encode(buf)?;
        }
        Ok(())
    }
}

/// [MS-OXCMAPIHTTP] 2.2.1.7 AddressBookPropertyRow: a Flag (0x0 standard,
/// 0x1 flagged), then one cell per column of the LargePropertyTagArray the
/// row belongs to. Each cell carries its type; it is written only for
/// PtypUnspecified columns.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AddressBookPropertyRow {
    /// Flag 0x0: AddressBookPropertyValue / AddressBookTypedPropertyValue cells.
    Standard(Vec<AddressBookTypedPropertyValue>),
    /// Flag 0x1: AddressBookFlaggedPropertyValue(WithType) cells.
    Flagged(Vec<AddressBookFlaggedPropertyValueWithType>),
}

fn unspecified(t: PropertyType) -> bool {
    t.value_type() == PropertyType::Unspecified
}

impl AddressBookPropertyRow {
    /// Number of cells.
    pub fn len(&self) -> usize {
        match self {
            AddressBookPropertyRow::Standard(v) => v.len(),
            AddressBookPropertyRow::Flagged(v) => v.len(),
        }
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads a row for `columns`.
    pub fn read(r: &mut Reader<'_>, columns: &[PropertyTag]) -> Result<Self> {
        let at = r.pos();
        match r.u8()? {
            0x0 => {
                let mut v = Vec::with_capacity(columns.len().min(r.remaining()));
                for (i, c) in columns.iter().enumerate() {
                    v.push(r.frame_indexed("ValueArray", i, |r| {
                        if unspecified(c.prop_type) {
                            AddressBookTypedPropertyValue::decode(r)
                        } else {
                            Ok(AddressBookTypedPropertyValue {
                                prop_type: c.prop_type,
                                value: AddressBookPropertyValue::read(r, c.prop_type)?,
                            })
                        }
                    })?);
                }
                Ok(AddressBookPropertyRow::Standard(v))
            }
            0x1 => {
                let mut v = Vec::with_capacity(columns.len().min(r.remaining()));
                for (i, c) in columns.iter().enumerate() {
                    v.push(r.frame_indexed("ValueArray", i, |r| {
                        if unspecified(c.prop_type) {
                            AddressBookFlaggedPropertyValueWithType::decode(r)
                        } else {
                            Ok(AddressBookFlaggedPropertyValueWithType {
                                prop_type: c.prop_type,
                                value: AddressBookFlaggedPropertyValue::read(r, c.prop_type)?,
                            })
                        }
                    })?);
                }
                Ok(AddressBookPropertyRow::Flagged(v))
            }
            f => Err(r.invalid_at("Flag", u64::from(f), at)),
        }
    }

    fn check(&self, columns: &[PropertyTag]) -> Result<()> {
        let types: Vec<PropertyType> = match self {
            AddressBookPropertyRow::Standard(v) => v.iter().map(|c| c.prop_type).collect(),
            AddressBookPropertyRow::Flagged(v) => v.iter().map(|c| c.prop_type).collect(),
        };
        if types.len() != columns.len() {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "row has {} values for {} columns",
                    types.len(),
                    columns.len()
                )
                .into(),
            )));
        }
        for (t, c) in types.iter().zip(columns) {
            if !unspecified(c.prop_type) && *t != c.prop_type {
                return Err(Error::new(ErrorKind::InvalidValue {
                    field: "PropertyType",
                    value: u64::from(t.value()),
                }));
            }
        }
        Ok(())
    }

    /// Bytes written for `columns`.
    pub fn wire_len(&self, columns: &[PropertyTag]) -> usize {
        1 + match self {
            AddressBookPropertyRow::Standard(v) => v
                .iter()
                .zip(columns)
                .map(|(x, c)| {
                    if unspecified(c.prop_type) {
                        x.encoded_len()
                    } else {
                        x.value.wire_len(x.prop_type)
                    }
                })
                .sum::<usize>(),
            AddressBookPropertyRow::Flagged(v) => v
                .iter()
                .zip(columns)
                .map(|(x, c)| {
                    if unspecified(c.prop_type) {
                        x.encoded_len()
                    } else {
                        x.value.wire_len(x.prop_type)
                    }
                })
                .sum::<usize>(),
        }
    }

    /// Writes the row for `columns`.
    pub fn write<B: BufMut>(&self, columns: &[PropertyTag], buf: &mut B) -> Result<()> {
        self.check(columns)?;
        match self {
            AddressBookPropertyRow::Standard(v) => {
                buf.put_u8(0);
                for (x, c) in v.iter().zip(columns) {
                    if unspecified(c.prop_type) {
                        x.encode(buf)?;
                    } else {
                        x.value.write(x.prop_type, buf)?;
                    }
                }
            }
            AddressBookPropertyRow::Flagged(v) => {
                buf.put_u8(1);
                for (x, c) in v.iter().zip(columns) {
                    if unspecified(c.prop_type) {
                        x.encode(buf)?;
                    } else {
                        x.value.write(x.prop_type, buf)?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl<'a, 'c> DecodeWith<'a, &'c [PropertyTag]> for AddressBookPropertyRow {
    fn decode_with(r: &mut Reader<'a>, columns: &'c [PropertyTag]) -> Result<Self> {
        r.frame("AddressBookPropertyRow", |r| Self::read(r, columns))
    }
}

impl<'c> EncodeWith<&'c [PropertyTag]> for AddressBookPropertyRow {
    fn encoded_len_with(&self, columns: &'c [PropertyTag]) -> usize {
        self.wire_len(columns)
    }
    fn encode_with<B: BufMut>(&self, columns: &'c [PropertyTag], buf: &mut B) -> Result<()> {
        self.write(columns, buf)
    }
}

/// The columns and rows of a QueryRows / SeekEntries / GetMatches /
/// ResolveNames response (Columns, RowCount, RowData): rows of
/// [`AddressBookPropertyRow`] laid out by the columns before them.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ColumnsAndRows {
    /// Columns.
    pub columns: LargePropertyTagArray,
    /// RowData.
    pub rows: Vec<AddressBookPropertyRow>,
}

impl<'a> Decode<'a> for ColumnsAndRows {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        let columns: LargePropertyTagArray = r.decode()?;
        let n = r.u32()?;
        let mut i = 0;
        let cols = &columns.0;
        let rows = r.counted(u64::from(n), 1, "RowCount", |r| {
            i += 1;
            r.frame_indexed("AddressBookPropertyRow", i - 1, |r| {
                AddressBookPropertyRow::read(r, cols)
            })
        })?;
        Ok(ColumnsAndRows { columns, rows })
    }
}

impl Encode for ColumnsAndRows {
    fn encoded_len(&self) -> usize {
        self.columns.encoded_len()
            + 4
            + self
                .rows
                .iter()
                .map(|r| r.wire_len(&self.columns.0))
                .sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.columns.encode(buf)?;
        buf.put_u32_le(msox_codec::fit_u32(self.rows.len(), "RowCount")?);
        for r in &self.rows {
            r.write(&self.columns.0, buf)?;
        }
        Ok(())
    }
}
