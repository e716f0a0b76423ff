//! Conversions between the `_r` structures and the ms-oxcdata model
//! ([MS-OXNSPI] 2.2.2.12, 2.2.3, 2.2.5: "the semantic meaning is unchanged
//! from" the [MS-OXCDATA] structure each encodes).
//!
//! What one side cannot say is an error, never a silent change:
//! property types NSPI does not permit ([MS-OXNSPI] 2.2.1.1: no
//! PtypFloating64, PtypInteger64, ...), restrictions NSPI has no form for
//! (CommentRestriction, CountRestriction), NULL strings and GUIDs. A NULL
//! array pointer (Binary_r's lpb, a PtypMultiple* array) reads as an empty
//! value: ms-oxcdata has one value for both.

use ms_oxcdata::{
    BitmapRelOp, BitmaskRestriction, ComparePropertiesRestriction, ContentRestriction,
    FuzzyLevelLow, PropertyRestriction, PropertyTag, PropertyType, PropertyValue, RelOp,
    Restriction, SizeRestriction, SubObjectRestriction, TaggedValue, ValueEncoding,
};
use msox_codec::{Error, ErrorKind, Result};

use crate::types::{BinaryR, PropValUnion, PropertyRowR, PropertyValueR, RestrictionR};

fn unsupported(what: &'static str) -> Error {
    Error::new(ErrorKind::Unsupported(what.into()))
}

fn null(what: &'static str) -> Error {
    Error::new(ErrorKind::Malformed(
        format!("{what} is a NULL pointer, which ms-oxcdata cannot hold").into(),
    ))
}

fn some<T: Clone>(v: &Option<T>, what: &'static str) -> Result<T> {
    v.clone().ok_or_else(|| null(what))
}

fn all<T: Clone>(v: &Option<Vec<Option<T>>>, what: &'static str) -> Result<Vec<T>> {
    v.as_deref()
        .unwrap_or_default()
        .iter()
        .map(|x| some(x, what))
        .collect()
}

impl PropValUnion {
    /// The ms-oxcdata value of this arm. A PtypBoolean other than 0 or 1
    /// becomes [`PropertyValue::Raw`] (the NSPI encoding, the two bytes),
    /// as the one PtypBoolean policy keeps it; PtypEmbeddedTable's 32-bit
    /// value becomes a 4-byte [`PropertyValue::Object`].
    pub fn to_value(&self, prop_type: u16) -> Result<PropertyValue> {
        use PropValUnion as V;
        use PropertyValue as P;
        Ok(match self {
            V::Integer16(x) => P::Integer16(*x),
            V::Integer32(x) => P::Integer32(*x),
            V::Boolean(0) => P::Boolean(false),
            V::Boolean(1) => P::Boolean(true),
            V::Boolean(x) => P::Raw {
                prop_type: PropertyType::Boolean,
                bytes: x.to_le_bytes().to_vec(),
                encoding: ValueEncoding::Nspi,
            },
            V::String8(s) => P::String8(some(s, "lpszA")?),
            V::Binary(b) => P::Binary(b.bytes().to_vec()),
            V::String(s) => P::String(some(s, "lpszW")?),
            V::Guid(g) => P::Guid(some(g, "lpguid")?),
            V::Time(t) => P::Time(*t),
            V::ErrorCode(x) => P::ErrorCode(*x),
            V::MultipleInteger16(a) => P::MultipleInteger16(a.clone().unwrap_or_default()),
            V::MultipleInteger32(a) => P::MultipleInteger32(a.clone().unwrap_or_default()),
            V::MultipleString8(a) => P::MultipleString8(all(a, "lppszA element")?),
            V::MultipleBinary(a) => P::MultipleBinary(
                a.as_deref()
                    .unwrap_or_default()
                    .iter()
                    .map(|b| b.bytes().to_vec())
                    .collect(),
            ),
            V::MultipleGuid(a) => P::MultipleGuid(all(a, "lpguid element")?),
            V::MultipleString(a) => P::MultipleString(all(a, "lppszW element")?),
            V::MultipleTime(a) => P::MultipleTime(a.clone().unwrap_or_default()),
            V::Reserved(x) => {
                if prop_type == crate::constants::PTYP_EMBEDDED_TABLE {
                    P::Object(x.to_le_bytes().to_vec())
                } else {
                    P::Null
                }
            }
        })
    }

    /// The arm for an ms-oxcdata value, where NSPI permits its type.
    pub fn from_value(v: &PropertyValue) -> Result<Self> {
        use PropValUnion as V;
        use PropertyValue as P;
        Ok(match v {
            P::Null => V::Reserved(0),
            P::Integer16(x) => V::Integer16(*x),
            P::Integer32(x) => V::Integer32(*x),
            P::Boolean(b) => V::Boolean(u16::from(*b)),
            P::Raw {
                prop_type,
                bytes,
                encoding: ValueEncoding::Nspi,
            } if *prop_type == PropertyType::Boolean => match bytes.as_slice() {
                [a, b] => V::Boolean(u16::from_le_bytes([*a, *b])),
                _ => return Err(unsupported("a PtypBoolean kept in another width")),
            },
            P::String8(s) => V::String8(Some(s.clone())),
            P::Binary(b) => V::Binary(BinaryR(Some(b.clone()))),
            P::String(s) => V::String(Some(s.clone())),
            P::Guid(g) => V::Guid(Some(*g)),
            P::Time(t) => V::Time(*t),
            P::ErrorCode(x) => V::ErrorCode(*x),
            P::Object(b) => match b.as_slice() {
                [a, b2, c, d] => V::Reserved(i32::from_le_bytes([*a, *b2, *c, *d])),
                _ => {
                    return Err(unsupported(
                        "a PtypObject other than a 32-bit embedded table",
                    ));
                }
            },
            P::MultipleInteger16(a) => V::MultipleInteger16(Some(a.clone())),
            P::MultipleInteger32(a) => V::MultipleInteger32(Some(a.clone())),
            P::MultipleString8(a) => {
                V::MultipleString8(Some(a.iter().cloned().map(Some).collect()))
            }
            P::MultipleBinary(a) => {
                V::MultipleBinary(Some(a.iter().cloned().map(|b| BinaryR(Some(b))).collect()))
            }
            P::MultipleGuid(a) => V::MultipleGuid(Some(a.iter().copied().map(Some).collect())),
            P::MultipleString(a) => V::MultipleString(Some(a.iter().cloned().map(Some).collect())),
            P::MultipleTime(a) => V::MultipleTime(Some(a.clone())),
            _ => {
                return Err(unsupported(
                    "a property type NSPI does not permit ([MS-OXNSPI] 2.2.1.1)",
                ));
            }
        })
    }
}

impl TryFrom<&PropertyValueR> for TaggedValue {
    type Error = Error;
    fn try_from(v: &PropertyValueR) -> Result<Self> {
        let tag = PropertyTag::from_u32(v.prop_tag);
        Ok(TaggedValue {
            tag,
            value: v.value.to_value(tag.prop_type.value())?,
        })
    }
}

impl TryFrom<&TaggedValue> for PropertyValueR {
    type Error = Error;
    fn try_from(v: &TaggedValue) -> Result<Self> {
        let value = PropValUnion::from_value(&v.value)?;
        let tag = v.tag.to_u32();
        if !value.fits(tag as u16) {
            return Err(Error::new(ErrorKind::InvalidValue {
                field: "PropertyTag",
                value: u64::from(tag),
            }));
        }
        Ok(PropertyValueR::new(tag, value))
    }
}

impl PropertyRowR {
    /// The row's values as ms-oxcdata tagged values.
    pub fn to_tagged_values(&self) -> Result<Vec<TaggedValue>> {
        self.values().iter().map(TaggedValue::try_from).collect()
    }

    /// A row of these tagged values.
    pub fn from_tagged_values(values: &[TaggedValue]) -> Result<Self> {
        Ok(PropertyRowR::new(
            values
                .iter()
                .map(PropertyValueR::try_from)
                .collect::<Result<_>>()?,
        ))
    }

    /// The row as an ms-oxcdata StandardPropertyRow and its columns
    /// ([MS-OXNSPI] 2.2.3: PropertyRow_r encodes StandardPropertyRow).
    pub fn to_row(&self) -> Result<(Vec<PropertyTag>, ms_oxcdata::PropertyRow)> {
        let tv = self.to_tagged_values()?;
        let cols = tv.iter().map(|t| t.tag).collect();
        Ok((
            cols,
            ms_oxcdata::PropertyRow::Standard(tv.into_iter().map(|t| t.value).collect()),
        ))
    }

    /// A PropertyRow_r from a StandardPropertyRow and its columns. A
    /// FlaggedPropertyRow's error cells become PtypErrorCode values (the
    /// column's ID with type 0x000A, as NSPI servers return them); a cell
    /// without a value has no NSPI form.
    pub fn from_row(columns: &[PropertyTag], row: &ms_oxcdata::PropertyRow) -> Result<Self> {
        if columns.len() != row.len() {
            return Err(Error::new(ErrorKind::Malformed(
                format!("row has {} values for {} columns", row.len(), columns.len()).into(),
            )));
        }
        let mut out = Vec::with_capacity(columns.len());
        match row {
            ms_oxcdata::PropertyRow::Standard(values) => {
                for (c, v) in columns.iter().zip(values) {
                    let tag = if c.prop_type.value_type() == PropertyType::Unspecified {
                        c.with_type(v.prop_type())
                    } else {
                        *c
                    };
                    out.push(PropertyValueR::try_from(&TaggedValue {
                        tag,
                        value: v.clone(),
                    })?);
                }
            }
            ms_oxcdata::PropertyRow::Flagged(cells) => {
                for (c, cell) in columns.iter().zip(cells) {
                    match &cell.value {
                        ms_oxcdata::FlaggedPropertyValue::Value(v) => {
                            out.push(PropertyValueR::try_from(&TaggedValue {
                                tag: c.with_type(cell.prop_type),
                                value: v.clone(),
                            })?);
                        }
                        ms_oxcdata::FlaggedPropertyValue::Error(e) => {
                            out.push(PropertyValueR::new(
                                c.with_type(PropertyType::ErrorCode).to_u32(),
                                PropValUnion::ErrorCode(e.value()),
                            ))
                        }
                        ms_oxcdata::FlaggedPropertyValue::NotPresent => {
                            return Err(unsupported("a flagged cell without a value"));
                        }
                    }
                }
            }
        }
        Ok(PropertyRowR::new(out))
    }
}

fn rel_op(v: u32) -> Result<RelOp> {
    u8::try_from(v).map(RelOp::from).map_err(|_| {
        Error::new(ErrorKind::InvalidValue {
            field: "relop",
            value: u64::from(v),
        })
    })
}

fn tagged(p: &Option<Box<PropertyValueR>>) -> Result<TaggedValue> {
    match p {
        Some(p) => TaggedValue::try_from(&**p),
        None => Err(null("lpProp")),
    }
}

fn boxed(p: &Option<Box<RestrictionR>>) -> Result<Box<Restriction>> {
    match p {
        Some(r) => Ok(Box::new(Restriction::try_from(&**r)?)),
        None => Err(null("lpRes")),
    }
}

impl TryFrom<&RestrictionR> for Restriction {
    type Error = Error;
    /// [MS-OXNSPI] 2.2.5: each `_r` restriction encodes the [MS-OXCDATA]
    /// 2.12 restriction of the same name.
    fn try_from(r: &RestrictionR) -> Result<Self> {
        let list = |v: &Option<Vec<RestrictionR>>| -> Result<Vec<Restriction>> {
            v.as_deref()
                .unwrap_or_default()
                .iter()
                .map(Restriction::try_from)
                .collect()
        };
        Ok(match r {
            RestrictionR::And(v) => Restriction::And(list(v)?),
            RestrictionR::Or(v) => Restriction::Or(list(v)?),
            RestrictionR::Not(x) => Restriction::Not(boxed(x)?),
            RestrictionR::Content {
                fuzzy_level,
                prop_tag,
                prop,
            } => Restriction::Content(ContentRestriction {
                fuzzy_level_low: FuzzyLevelLow::from(*fuzzy_level as u16),
                fuzzy_level_high: (*fuzzy_level >> 16) as u16,
                prop_tag: PropertyTag::from_u32(*prop_tag),
                tagged_value: tagged(prop)?,
            }),
            RestrictionR::Property {
                relop,
                prop_tag,
                prop,
            } => Restriction::Property(PropertyRestriction {
                rel_op: rel_op(*relop)?,
                prop_tag: PropertyTag::from_u32(*prop_tag),
                tagged_value: tagged(prop)?,
            }),
            RestrictionR::CompareProps {
                relop,
                prop_tag1,
                prop_tag2,
            } => Restriction::CompareProperties(ComparePropertiesRestriction {
                rel_op: rel_op(*relop)?,
                prop_tag1: PropertyTag::from_u32(*prop_tag1),
                prop_tag2: PropertyTag::from_u32(*prop_tag2),
            }),
            RestrictionR::BitMask {
                rel_bmr,
                prop_tag,
                mask,
            } => Restriction::Bitmask(BitmaskRestriction {
                bitmap_rel_op: BitmapRelOp::from(u8::try_from(*rel_bmr).map_err(|_| {
                    Error::new(ErrorKind::InvalidValue {
                        field: "relBMR",
                        value: u64::from(*rel_bmr),
                    })
                })?),
                prop_tag: PropertyTag::from_u32(*prop_tag),
                mask: *mask,
            }),
            RestrictionR::Size {
                relop,
                prop_tag,
                cb,
            } => Restriction::Size(SizeRestriction {
                rel_op: rel_op(*relop)?,
                prop_tag: PropertyTag::from_u32(*prop_tag),
                size: *cb,
            }),
            RestrictionR::Exist { prop_tag, .. } => {
                Restriction::Exist(PropertyTag::from_u32(*prop_tag))
            }
            RestrictionR::Sub {
                sub_object,
                restriction,
            } => Restriction::SubObject(SubObjectRestriction {
                subobject: PropertyTag::from_u32(*sub_object),
                restriction: boxed(restriction)?,
            }),
        })
    }
}

impl TryFrom<&Restriction> for RestrictionR {
    type Error = Error;
    /// CommentRestriction and CountRestriction have no NSPI form.
    fn try_from(r: &Restriction) -> Result<Self> {
        let list = |v: &[Restriction]| -> Result<Option<Vec<RestrictionR>>> {
            v.iter()
                .map(RestrictionR::try_from)
                .collect::<Result<_>>()
                .map(Some)
        };
        let value = |t: &TaggedValue| -> Result<Option<Box<PropertyValueR>>> {
            Ok(Some(Box::new(PropertyValueR::try_from(t)?)))
        };
        Ok(match r {
            Restriction::And(v) => RestrictionR::And(list(v)?),
            Restriction::Or(v) => RestrictionR::Or(list(v)?),
            Restriction::Not(x) => RestrictionR::Not(Some(Box::new(RestrictionR::try_from(&**x)?))),
            Restriction::Content(c) => RestrictionR::Content {
                fuzzy_level: u32::from(c.fuzzy_level_low.value())
                    | u32::from(c.fuzzy_level_high) << 16,
                prop_tag: c.prop_tag.to_u32(),
                prop: value(&c.tagged_value)?,
            },
            Restriction::Property(p) => RestrictionR::Property {
                relop: u32::from(p.rel_op.value()),
                prop_tag: p.prop_tag.to_u32(),
                prop: value(&p.tagged_value)?,
            },
            Restriction::CompareProperties(c) => RestrictionR::CompareProps {
                relop: u32::from(c.rel_op.value()),
                prop_tag1: c.prop_tag1.to_u32(),
                prop_tag2: c.prop_tag2.to_u32(),
            },
            Restriction::Bitmask(b) => RestrictionR::BitMask {
                rel_bmr: u32::from(b.bitmap_rel_op.value()),
                prop_tag: b.prop_tag.to_u32(),
                mask: b.mask,
            },
            Restriction::Size(s) => RestrictionR::Size {
                relop: u32::from(s.rel_op.value()),
                prop_tag: s.prop_tag.to_u32(),
                cb: s.size,
            },
            Restriction::Exist(t) => RestrictionR::Exist {
                reserved1: 0,
                prop_tag: t.to_u32(),
                reserved2: 0,
            },
            Restriction::SubObject(s) => RestrictionR::Sub {
                sub_object: s.subobject.to_u32(),
                restriction: Some(Box::new(RestrictionR::try_from(&*s.restriction)?)),
            },
            Restriction::Comment(_) => {
                return Err(unsupported("CommentRestriction has no NSPI form"));
            }
            Restriction::Count(_) => return Err(unsupported("CountRestriction has no NSPI form")),
        })
    }
}
