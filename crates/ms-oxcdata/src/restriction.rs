//! [MS-OXCDATA] 2.12 Restrictions and 2.13 Sorting.
//!
//! One model ([`Restriction`]), one codec whose count widths come from the
//! [`ValueContext`]: RestrictCount is 16 bits in ROP buffers
//! ([`ValueContext::ROP`]) and 32 bits in extended rules
//! ([`ValueContext::EXTENDED_RULE`]); the values inside restrictions follow
//! the same context. Nesting is limited by the session's depth limit (decoding) and
//! [`crate::context::MAX_ENCODE_DEPTH`] (encoding), so hostile input cannot
//! overflow the stack.
//!
//! The NSPI forms (the `_r` structures of 2.12.x.2) are RPC/NDR encodings
//! and belong to an NSPI codec; they are not here.

use std::fmt;

use msox_codec::bytes::BufMut;
use msox_codec::{DecodeWith, Encode, EncodeWith, Error, ErrorKind, Reader, Result};

use crate::context::{MAX_ENCODE_DEPTH, ValueContext};
use crate::property::{PropertyTag, TaggedValue};

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.12 Restrictions: the RestrictType byte.
    pub enum RestrictType: u8 {
        /// 2.12.1 AndRestriction.
        And = 0x00 => "RES_AND",
        /// 2.12.2 OrRestriction.
        Or = 0x01 => "RES_OR",
        /// 2.12.3 NotRestriction.
        Not = 0x02 => "RES_NOT",
        /// 2.12.4 ContentRestriction.
        Content = 0x03 => "RES_CONTENT",
        /// 2.12.5 PropertyRestriction.
        Property = 0x04 => "RES_PROPERTY",
        /// 2.12.6 ComparePropertiesRestriction.
        CompareProperties = 0x05 => "RES_COMPAREPROPS",
        /// 2.12.7 BitMaskRestriction.
        Bitmask = 0x06 => "RES_BITMASK",
        /// 2.12.8 SizeRestriction.
        Size = 0x07 => "RES_SIZE",
        /// 2.12.9 ExistRestriction.
        Exist = 0x08 => "RES_EXIST",
        /// 2.12.10 SubObjectRestriction.
        SubObject = 0x09 => "RES_SUBRESTRICTION",
        /// 2.12.11 CommentRestriction.
        Comment = 0x0A => "RES_COMMENT",
        /// 2.12.12 CountRestriction.
        Count = 0x0B => "RES_COUNT",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.12.5.1 RelOp: how a property is compared with a value
    /// (PropertyRestriction, ComparePropertiesRestriction, SizeRestriction).
    pub enum RelOp: u8 {
        /// Less than.
        Lt = 0x00 => "RELOP_LT",
        /// Less than or equal.
        Le = 0x01 => "RELOP_LE",
        /// Greater than.
        Gt = 0x02 => "RELOP_GT",
        /// Greater than or equal.
        Ge = 0x03 => "RELOP_GE",
        /// Equal.
        Eq = 0x04 => "RELOP_EQ",
        /// Not equal.
        Ne = 0x05 => "RELOP_NE",
        /// A regular expression match (LIKE).
        Re = 0x06 => "RELOP_RE",
        /// Member of a distribution list.
        MemberOfDl = 0x64 => "RELOP_MEMBER_OF_DL",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.12.7.1 BitmapRelOp of a BitMaskRestriction.
    pub enum BitmapRelOp: u8 {
        /// True when `value & mask == 0`.
        Eqz = 0x00 => "BMR_EQZ",
        /// True when `value & mask != 0`.
        Nez = 0x01 => "BMR_NEZ",
    }
}

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.12.4.1 FuzzyLevelLow of a ContentRestriction: how
    /// much of the property must match.
    pub enum FuzzyLevelLow: u16 {
        /// The whole string.
        FullString = 0x0000 => "FL_FULLSTRING",
        /// A substring.
        Substring = 0x0001 => "FL_SUBSTRING",
        /// A prefix.
        Prefix = 0x0002 => "FL_PREFIX",
    }
}

/// [MS-OXCDATA] 2.12.4.1 FuzzyLevelHigh flag: ignore case.
pub const FL_IGNORECASE: u16 = 0x0001;
/// [MS-OXCDATA] 2.12.4.1 FuzzyLevelHigh flag: ignore non-spacing characters.
pub const FL_IGNORENONSPACE: u16 = 0x0002;
/// [MS-OXCDATA] 2.12.4.1 FuzzyLevelHigh flag: loose matching.
pub const FL_LOOSE: u16 = 0x0004;

/// [MS-OXCDATA] 2.12.4.1 ContentRestriction: a string or binary property
/// contains (or starts with, or is) a value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ContentRestriction {
    /// FuzzyLevelLow.
    pub fuzzy_level_low: FuzzyLevelLow,
    /// FuzzyLevelHigh (`FL_IGNORECASE` | `FL_IGNORENONSPACE` | `FL_LOOSE`).
    pub fuzzy_level_high: u16,
    /// PropertyTag: the property searched.
    pub prop_tag: PropertyTag,
    /// TaggedValue: the value searched for.
    pub tagged_value: TaggedValue,
}

/// [MS-OXCDATA] 2.12.5.1 PropertyRestriction: a property compared with a value.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyRestriction {
    /// RelOp.
    pub rel_op: RelOp,
    /// PropertyTag: the property compared.
    pub prop_tag: PropertyTag,
    /// TaggedValue: the value compared with.
    pub tagged_value: TaggedValue,
}

/// [MS-OXCDATA] 2.12.6.1 ComparePropertiesRestriction: two properties
/// compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ComparePropertiesRestriction {
    /// RelOp.
    pub rel_op: RelOp,
    /// PropTag1.
    pub prop_tag1: PropertyTag,
    /// PropTag2.
    pub prop_tag2: PropertyTag,
}

/// [MS-OXCDATA] 2.12.7.1 BitMaskRestriction: a bitwise AND of a property
/// and a mask is zero or nonzero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BitmaskRestriction {
    /// BitmapRelOp.
    pub bitmap_rel_op: BitmapRelOp,
    /// PropTag.
    pub prop_tag: PropertyTag,
    /// Mask.
    pub mask: u32,
}

/// [MS-OXCDATA] 2.12.8.1 SizeRestriction: the size of a property compared
/// with a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SizeRestriction {
    /// RelOp.
    pub rel_op: RelOp,
    /// PropTag.
    pub prop_tag: PropertyTag,
    /// Size, in bytes.
    pub size: u32,
}

/// [MS-OXCDATA] 2.12.10.1 SubObjectRestriction: a restriction applied to
/// the rows of a subobject table (recipients or attachments).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SubObjectRestriction {
    /// Subobject: PidTagMessageRecipients or PidTagMessageAttachments.
    pub subobject: PropertyTag,
    /// Restriction on the subobject's rows.
    pub restriction: Box<Restriction>,
}

/// [MS-OXCDATA] 2.12.11.1 CommentRestriction: tagged values kept with a
/// restriction, not evaluated.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CommentRestriction {
    /// TaggedValues (at most 255: TaggedValuesCount is one byte in every
    /// context).
    pub tagged_values: Vec<TaggedValue>,
    /// Restriction, present when RestrictionPresent is TRUE.
    pub restriction: Option<Box<Restriction>>,
}

/// [MS-OXCDATA] 2.12.12.1 CountRestriction: at most `count` matches of a
/// restriction.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CountRestriction {
    /// Count.
    pub count: u32,
    /// SubRestriction.
    pub sub_restriction: Box<Restriction>,
}

/// [MS-OXCDATA] 2.12 Restrictions: a filter over the rows of a table or the
/// properties of a message, as RopRestrict, RopFindRow, search folders and
/// rule conditions carry it.
///
/// ```
/// use ms_oxcdata::{Restriction, ValueContext};
/// use msox_codec::{DecodeWith, EncodeWith};
/// // NOT(EXIST(PidTagSubject)), 16-bit (ROP) form
/// let bytes = [0x02, 0x08, 0x1F, 0x00, 0x37, 0x00];
/// let r = Restriction::decode_exact_with(&bytes, ValueContext::ROP).unwrap();
/// assert_eq!(r.to_string(), "NOT(EXIST(0x0037001F))");
/// assert_eq!(r.to_vec_with(ValueContext::ROP).unwrap(), bytes);
/// // And([]) differs between the forms:
/// let and = Restriction::And(vec![]);
/// assert_eq!(and.to_vec_with(ValueContext::ROP).unwrap(), [0, 0, 0]);
/// assert_eq!(and.to_vec_with(ValueContext::EXTENDED_RULE).unwrap(), [0, 0, 0, 0, 0]);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Restriction {
    /// 2.12.1.1 AndRestriction: all of the restrictions hold.
    And(Vec<Restriction>),
    /// 2.12.2.1 OrRestriction: any of the restrictions holds.
    Or(Vec<Restriction>),
    /// 2.12.3.1 NotRestriction: the restriction does not hold.
    Not(Box<Restriction>),
    /// 2.12.4.1 ContentRestriction.
    Content(ContentRestriction),
    /// 2.12.5.1 PropertyRestriction.
    Property(PropertyRestriction),
    /// 2.12.6.1 ComparePropertiesRestriction.
    CompareProperties(ComparePropertiesRestriction),
    /// 2.12.7.1 BitMaskRestriction.
    Bitmask(BitmaskRestriction),
    /// 2.12.8.1 SizeRestriction.
    Size(SizeRestriction),
    /// 2.12.9.1 ExistRestriction: the property has a value.
    Exist(PropertyTag),
    /// 2.12.10.1 SubObjectRestriction.
    SubObject(SubObjectRestriction),
    /// 2.12.11.1 CommentRestriction.
    Comment(CommentRestriction),
    /// 2.12.12.1 CountRestriction.
    Count(CountRestriction),
}

impl Restriction {
    /// The RestrictType of this restriction.
    pub const fn restrict_type(&self) -> RestrictType {
        match self {
            Restriction::And(_) => RestrictType::And,
            Restriction::Or(_) => RestrictType::Or,
            Restriction::Not(_) => RestrictType::Not,
            Restriction::Content(_) => RestrictType::Content,
            Restriction::Property(_) => RestrictType::Property,
            Restriction::CompareProperties(_) => RestrictType::CompareProperties,
            Restriction::Bitmask(_) => RestrictType::Bitmask,
            Restriction::Size(_) => RestrictType::Size,
            Restriction::Exist(_) => RestrictType::Exist,
            Restriction::SubObject(_) => RestrictType::SubObject,
            Restriction::Comment(_) => RestrictType::Comment,
            Restriction::Count(_) => RestrictType::Count,
        }
    }

    /// Reads a restriction in context `ctx` (count widths, code page and
    /// the nesting depth left).
    pub fn read(r: &mut Reader<'_>, ctx: &ValueContext) -> Result<Self> {
        r.nest("Restriction", |r| Self::read_inner(r, ctx))
    }

    fn read_inner(r: &mut Reader<'_>, ctx: &ValueContext) -> Result<Self> {
        let at = r.pos();
        let t = RestrictType::from(r.u8()?);
        if let Some(name) = t.name() {
            r.set_variant(name);
        }
        Ok(match t {
            RestrictType::And | RestrictType::Or => {
                let n = ctx.restriction_count.read(r)?;
                let n = r.check_count(u64::from(n), 1, "RestrictCount")?;
                let mut v = Vec::with_capacity(n.min(1024));
                for _ in 0..n {
                    v.push(Restriction::read(r, ctx)?);
                }
                if t == RestrictType::And {
                    Restriction::And(v)
                } else {
                    Restriction::Or(v)
                }
            }
            RestrictType::Not => Restriction::Not(Box::new(Restriction::read(r, ctx)?)),
            RestrictType::Content => Restriction::Content(ContentRestriction {
                fuzzy_level_low: FuzzyLevelLow::from(r.u16()?),
                fuzzy_level_high: r.u16()?,
                prop_tag: r.decode()?,
                tagged_value: TaggedValue::read(r, ctx)?,
            }),
            RestrictType::Property => Restriction::Property(PropertyRestriction {
                rel_op: RelOp::from(r.u8()?),
                prop_tag: r.decode()?,
                tagged_value: TaggedValue::read(r, ctx)?,
            }),
            RestrictType::CompareProperties => {
                Restriction::CompareProperties(ComparePropertiesRestriction {
                    rel_op: RelOp::from(r.u8()?),
                    prop_tag1: r.decode()?,
                    prop_tag2: r.decode()?,
                })
            }
            RestrictType::Bitmask => Restriction::Bitmask(BitmaskRestriction {
                bitmap_rel_op: BitmapRelOp::from(r.u8()?),
                prop_tag: r.decode()?,
                mask: r.u32()?,
            }),
            RestrictType::Size => Restriction::Size(SizeRestriction {
                rel_op: RelOp::from(r.u8()?),
                prop_tag: r.decode()?,
                size: r.u32()?,
            }),
            RestrictType::Exist => Restriction::Exist(r.decode()?),
            RestrictType::SubObject => Restriction::SubObject(SubObjectRestriction {
                subobject: r.decode()?,
                restriction: Box::new(Restriction::read(r, ctx)?),
            }),
            RestrictType::Comment => {
                let n = r.u8()?;
                let n = r.check_count(u64::from(n), 4, "TaggedValuesCount")?;
                let mut tagged_values = Vec::with_capacity(n);
                for _ in 0..n {
                    tagged_values.push(TaggedValue::read(r, ctx)?);
                }
                let present_at = r.pos();
                let restriction = match r.u8()? {
                    0 => None,
                    1 => Some(Box::new(Restriction::read(r, ctx)?)),
                    b => {
                        return Err(r.invalid_at("RestrictionPresent", u64::from(b), present_at));
                    }
                };
                Restriction::Comment(CommentRestriction {
                    tagged_values,
                    restriction,
                })
            }
            RestrictType::Count => Restriction::Count(CountRestriction {
                count: r.u32()?,
                sub_restriction: Box::new(Restriction::read(r, ctx)?),
            }),
            other => {
                return Err(r.invalid_at("RestrictType", u64::from(other.value()), at));
            }
        })
    }

    /// Bytes [`Restriction::write`] writes in context `ctx`.
    pub fn wire_len(&self, ctx: &ValueContext) -> usize {
        1 + match self {
            Restriction::And(v) | Restriction::Or(v) => {
                ctx.restriction_count.size() + v.iter().map(|x| x.wire_len(ctx)).sum::<usize>()
            }
            Restriction::Not(x) => x.wire_len(ctx),
            Restriction::Content(c) => 8 + c.tagged_value.wire_len(ctx),
            Restriction::Property(p) => 5 + p.tagged_value.wire_len(ctx),
            Restriction::CompareProperties(_) => 9,
            Restriction::Bitmask(_) | Restriction::Size(_) => 9,
            Restriction::Exist(_) => 4,
            Restriction::SubObject(s) => 4 + s.restriction.wire_len(ctx),
            Restriction::Comment(c) => {
                2 + c
                    .tagged_values
                    .iter()
                    .map(|t| t.wire_len(ctx))
                    .sum::<usize>()
                    + c.restriction.as_ref().map_or(0, |x| x.wire_len(ctx))
            }
            Restriction::Count(c) => 4 + c.sub_restriction.wire_len(ctx),
        }
    }

    /// Writes the restriction in context `ctx`. Fails when a count does not
    /// fit its field, a value does not match its tag, or the tree is deeper
    /// than the context's depth limit.
    pub fn write<B: BufMut>(&self, ctx: &ValueContext, buf: &mut B) -> Result<()> {
        self.write_at(ctx, 1, buf)
    }

    fn write_at<B: BufMut>(&self, ctx: &ValueContext, depth: u32, buf: &mut B) -> Result<()> {
        if depth > MAX_ENCODE_DEPTH {
            return Err(Error::new(ErrorKind::LimitExceeded {
                what: "nesting depth",
                value: u64::from(depth),
                max: u64::from(MAX_ENCODE_DEPTH),
            })
            .context("Restriction"));
        }
        let d = depth + 1;
        buf.put_u8(self.restrict_type().value());
        match self {
            Restriction::And(v) | Restriction::Or(v) => {
                ctx.restriction_count.write(v.len(), "RestrictCount", buf)?;
                for x in v {
                    x.write_at(ctx, d, buf)?;
                }
            }
            Restriction::Not(x) => x.write_at(ctx, d, buf)?,
            Restriction::Content(c) => {
                buf.put_u16_le(c.fuzzy_level_low.value());
                buf.put_u16_le(c.fuzzy_level_high);
                c.prop_tag.encode(buf)?;
                c.tagged_value.write(ctx, buf)?;
            }
            Restriction::Property(p) => {
                buf.put_u8(p.rel_op.value());
                p.prop_tag.encode(buf)?;
                p.tagged_value.write(ctx, buf)?;
            }
            Restriction::CompareProperties(c) => {
                buf.put_u8(c.rel_op.value());
                c.prop_tag1.encode(buf)?;
                c.prop_tag2.encode(buf)?;
            }
            Restriction::Bitmask(b) => {
                buf.put_u8(b.bitmap_rel_op.value());
                b.prop_tag.encode(buf)?;
                buf.put_u32_le(b.mask);
            }
            Restriction::Size(s) => {
                buf.put_u8(s.rel_op.value());
                s.prop_tag.encode(buf)?;
                buf.put_u32_le(s.size);
            }
            Restriction::Exist(t) => t.encode(buf)?,
            Restriction::SubObject(s) => {
                s.subobject.encode(buf)?;
                s.restriction.write_at(ctx, d, buf)?;
            }
            Restriction::Comment(c) => {
                buf.put_u8(msox_codec::fit_u8(
                    c.tagged_values.len(),
                    "TaggedValuesCount",
                )?);
                for t in &c.tagged_values {
                    t.write(ctx, buf)?;
                }
                match &c.restriction {
                    None => buf.put_u8(0),
                    Some(x) => {
                        buf.put_u8(1);
                        x.write_at(ctx, d, buf)?;
                    }
                }
            }
            Restriction::Count(c) => {
                buf.put_u32_le(c.count);
                c.sub_restriction.write_at(ctx, d, buf)?;
            }
        }
        Ok(())
    }

    /// Nesting depth of the tree (1 for a leaf).
    pub fn depth(&self) -> usize {
        1 + match self {
            Restriction::And(v) | Restriction::Or(v) => {
                v.iter().map(Restriction::depth).max().unwrap_or(0)
            }
            Restriction::Not(x) => x.depth(),
            Restriction::SubObject(s) => s.restriction.depth(),
            Restriction::Comment(c) => c.restriction.as_ref().map_or(0, |x| x.depth()),
            Restriction::Count(c) => c.sub_restriction.depth(),
            _ => 0,
        }
    }
}

impl<'a> DecodeWith<'a, ValueContext> for Restriction {
    fn decode_with(r: &mut Reader<'a>, ctx: ValueContext) -> Result<Self> {
        let v = Restriction::read(r, &ctx)?;
        Ok(v)
    }
}

impl EncodeWith<ValueContext> for Restriction {
    fn encoded_len_with(&self, ctx: ValueContext) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: ValueContext, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}

fn fmt_value(v: &TaggedValue, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    use crate::property::PropertyValue as V;
    write!(f, "{}=", v.tag)?;
    match &v.value {
        V::String(s) => write!(f, "{:?}", s.as_str()),
        V::String8(s) => write!(f, "{:?}", s.to_string_lossy()),
        V::Binary(b) => write!(f, "0x{}", msox_codec::hex::encode(b)),
        V::Integer16(x) => write!(f, "{x}"),
        V::Integer32(x) => write!(f, "{x}"),
        V::Integer64(x) => write!(f, "{x}"),
        V::Boolean(x) => write!(f, "{x}"),
        V::Time(t) => write!(f, "{t}"),
        V::Guid(g) => write!(f, "{{{g}}}"),
        V::ErrorCode(e) => write!(f, "{}", crate::ErrorCode::from(*e)),
        other => write!(f, "{other:?}"),
    }
}

/// A compact expression: `AND(NOT(EXIST(0x0037001F)), CONTENT(...))`.
impl fmt::Display for Restriction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, name: &str, v: &[Restriction]| {
            write!(f, "{name}(")?;
            for (i, x) in v.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{x}")?;
            }
            f.write_str(")")
        };
        match self {
            Restriction::And(v) => list(f, "AND", v),
            Restriction::Or(v) => list(f, "OR", v),
            Restriction::Not(x) => write!(f, "NOT({x})"),
            Restriction::Content(c) => {
                write!(f, "CONTENT({} {}", c.prop_tag, c.fuzzy_level_low)?;
                if c.fuzzy_level_high != 0 {
                    write!(f, "|0x{:04X}", c.fuzzy_level_high)?;
                }
                f.write_str(" ")?;
                fmt_value(&c.tagged_value, f)?;
                f.write_str(")")
            }
            Restriction::Property(p) => {
                write!(f, "PROPERTY({} {} ", p.prop_tag, p.rel_op)?;
                fmt_value(&p.tagged_value, f)?;
                f.write_str(")")
            }
            Restriction::CompareProperties(c) => write!(
                f,
                "COMPAREPROPS({} {} {})",
                c.prop_tag1, c.rel_op, c.prop_tag2
            ),
            Restriction::Bitmask(b) => write!(
                f,
                "BITMASK({} {} 0x{:08X})",
                b.prop_tag, b.bitmap_rel_op, b.mask
            ),
            Restriction::Size(s) => {
                write!(f, "SIZE({} {} {})", s.prop_tag, s.rel_op, s.size)
            }
            Restriction::Exist(t) => write!(f, "EXIST({t})"),
            Restriction::SubObject(s) => {
                write!(f, "SUBRESTRICTION({} {})", s.subobject, s.restriction)
            }
            Restriction::Comment(c) => {
                f.write_str("COMMENT([")?;
                for (i, t) in c.tagged_values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    fmt_value(t, f)?;
                }
                f.write_str("]")?;
                if let Some(x) = &c.restriction {
                    write!(f, " {x}")?;
                }
                f.write_str(")")
            }
            Restriction::Count(c) => write!(f, "COUNT({} {})", c.count, c.sub_restriction),
        }
    }
}

// ---------------------------------------------------------------------------
// 2.13 Sorting

msox_codec::wire_enum! {
    /// [MS-OXCDATA] 2.13.1 SortOrder: the Order byte.
    pub enum SortOrderKind: u8 {
        /// Ascending.
        Ascending = 0x00 => "TABLE_SORT_ASCEND",
        /// Descending.
        Descending = 0x01 => "TABLE_SORT_DESCEND",
        /// Sort by the maximum value of the category (categorized tables).
        MaximumCategory = 0x04 => "TABLE_SORT_MAXIMUM_CATEGORY",
    }
}

/// [MS-OXCDATA] 2.13.1 SortOrder Structure: PropertyType (2 bytes),
/// PropertyId (2 bytes), Order (1 byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SortOrder {
    /// The column (its type may carry the multivalue-instance flag).
    pub tag: PropertyTag,
    /// Order.
    pub order: SortOrderKind,
}

impl<'a> msox_codec::Decode<'a> for SortOrder {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("SortOrder", |r| {
            let tag = r.decode()?;
            let order = SortOrderKind::from(r.u8()?);
            Ok(SortOrder { tag, order })
        })
    }
}

impl Encode for SortOrder {
    fn encoded_len(&self) -> usize {
        5
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        self.tag.encode(buf)?;
        buf.put_u8(self.order.value());
        Ok(())
    }
}

/// [MS-OXCDATA] 2.13.2 SortOrderSet Structure: SortOrderCount,
/// CategorizedCount and ExpandedCount (2 bytes each), then the sort orders.
/// The first `categorized_count` sort orders are categories, of which the
/// first `expanded_count` are expanded.
///
/// ```
/// use ms_oxcdata::{SortOrderSet, SortOrderKind};
/// use msox_codec::{Decode, Encode};
/// let b = [1, 0, 0, 0, 0, 0, 0x40, 0, 0x06, 0x0E, 0x01];
/// let s = SortOrderSet::decode_exact(&b).unwrap();
/// assert_eq!(s.sort_orders[0].order, SortOrderKind::Descending);
/// assert_eq!(s.to_vec().unwrap(), b);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SortOrderSet {
    /// CategorizedCount.
    pub categorized_count: u16,
    /// ExpandedCount.
    pub expanded_count: u16,
    /// SortOrders (SortOrderCount of them).
    pub sort_orders: Vec<SortOrder>,
}

impl<'a> msox_codec::Decode<'a> for SortOrderSet {
    fn decode(r: &mut Reader<'a>) -> Result<Self> {
        r.frame("SortOrderSet", |r| {
            let n = r.u16()?;
            let categorized_count = r.u16()?;
            let expanded_count = r.u16()?;
            let sort_orders = r.counted(u64::from(n), 5, "SortOrderCount", |r| r.decode())?;
            Ok(SortOrderSet {
                categorized_count,
                expanded_count,
                sort_orders,
            })
        })
    }
}

impl Encode for SortOrderSet {
    fn encoded_len(&self) -> usize {
        6 + 5 * self.sort_orders.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(
            self.sort_orders.len(),
            "SortOrderCount",
        )?);
        buf.put_u16_le(self.categorized_count);
        buf.put_u16_le(self.expanded_count);
        for s in &self.sort_orders {
            s.encode(buf)?;
        }
        Ok(())
    }
}
