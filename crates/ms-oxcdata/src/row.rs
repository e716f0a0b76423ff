//! [MS-OXCDATA] 2.8.1 PropertyRow Structures and 2.8.2 PropertyRowSet:
//! rows of values whose layout is given by a column set (the property tags
//! of the last RopSetColumns, or of a RopReadRecipients request), passed
//! explicitly as a [`RowContext`].

use msox_codec::bytes::BufMut;
use msox_codec::{DecodeWith, EncodeWith, Error, ErrorKind, Reader, Result, ResultExt};

use crate::property::{PropertyTag, PropertyType, PropertyValue};
use crate::value::{FlaggedPropertyValue, FlaggedPropertyValueWithType, ValueContext};

/// The context of a [`PropertyRow`]: its columns and how values are laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RowContext<'c> {
    /// The column set: one value per column, of the column's type.
    pub columns: &'c [PropertyTag],
    /// Count widths and code page of the values.
    pub values: ValueContext,
}

impl<'c> RowContext<'c> {
    /// Columns `columns` in ROP buffers ([`ValueContext::ROP`]).
    pub const fn rop(columns: &'c [PropertyTag]) -> Self {
        RowContext {
            columns,
            values: ValueContext::ROP,
        }
    }

    /// Columns `columns` with values laid out per `values`.
    pub const fn new(columns: &'c [PropertyTag], values: ValueContext) -> Self {
        RowContext { columns, values }
    }
}

/// [MS-OXCDATA] 2.8.1 PropertyRow Structures: a Flag byte, then one value
/// per column.
///
/// - Flag 0x00, 2.8.1.1 StandardPropertyRow: each value is a PropertyValue
///   of its column's type (a TypedPropertyValue for PtypUnspecified
///   columns, so the value carries its own type).
/// - Flag 0x01, 2.8.1.2 FlaggedPropertyRow: each value is a
///   FlaggedPropertyValue (a FlaggedPropertyValueWithType for PtypUnspecified
///   columns). In [`PropertyRow::Flagged`] every cell is a
///   [`FlaggedPropertyValueWithType`]; for typed columns its `prop_type` is
///   the column's type and is not written.
///
/// ```
/// use ms_oxcdata::{PropertyRow, PropertyTag, PropertyType, PropertyValue, RowContext};
/// use msox_codec::{DecodeWith, EncodeWith};
/// let columns = [PropertyTag::new(0x0E08, PropertyType::Integer32)];
/// let row = PropertyRow::decode_exact_with(&[0x00, 0x2A, 0, 0, 0], RowContext::rop(&columns)).unwrap();
/// assert_eq!(row, PropertyRow::Standard(vec![PropertyValue::Integer32(42)]));
/// assert_eq!(row.to_vec_with(RowContext::rop(&columns)).unwrap(), [0x00, 0x2A, 0, 0, 0]);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum PropertyRow {
    /// Flag 0x00: StandardPropertyRow.
    Standard(Vec<PropertyValue>),
    /// Flag 0x01: FlaggedPropertyRow.
    Flagged(Vec<FlaggedPropertyValueWithType>),
}

impl PropertyRow {
    /// The Flag byte.
    pub const fn flag(&self) -> u8 {
        match self {
            PropertyRow::Standard(_) => 0x00,
            PropertyRow::Flagged(_) => 0x01,
        }
    }

    /// Number of values in the row.
    pub fn len(&self) -> usize {
        match self {
            PropertyRow::Standard(v) => v.len(),
            PropertyRow::Flagged(v) => v.len(),
        }
    }

    /// Whether the row has no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of column `i`, if the row has one there (a flagged cell
    /// that is not present or an error has none).
    pub fn value(&self, i: usize) -> Option<&PropertyValue> {
        match self {
            PropertyRow::Standard(v) => v.get(i),
            PropertyRow::Flagged(v) => match v.get(i).map(|c| &c.value) {
                Some(FlaggedPropertyValue::Value(x)) => Some(x),
                _ => None,
            },
        }
    }

    /// Reads a row with the columns and layout of `ctx`.
    pub fn read(r: &mut Reader<'_>, ctx: &RowContext<'_>) -> Result<Self> {
        r.frame("PropertyRow", |r| Self::read_inner(r, ctx))
    }

    pub(crate) fn read_inner(r: &mut Reader<'_>, ctx: &RowContext<'_>) -> Result<Self> {
        let at = r.pos();
        let v = &ctx.values;
        match r.u8()? {
            0x00 => {
                let mut out = Vec::with_capacity(ctx.columns.len().min(r.remaining()));
                for c in ctx.columns {
                    out.push(PropertyValue::read(r, c.prop_type, v)?);
                }
                Ok(PropertyRow::Standard(out))
            }
            0x01 => {
                let mut out = Vec::with_capacity(ctx.columns.len().min(r.remaining()));
                for c in ctx.columns {
                    let cell = if c.prop_type.value_type() == PropertyType::Unspecified {
                        FlaggedPropertyValueWithType::read(r, v)?
                    } else {
                        FlaggedPropertyValueWithType {
                            prop_type: c.prop_type,
                            value: FlaggedPropertyValue::read(r, c.prop_type, v)?,
                        }
                    };
                    out.push(cell);
                }
                Ok(PropertyRow::Flagged(out))
            }
            f => Err(r.invalid_at("Flag", u64::from(f), at)),
        }
    }

    fn check_len(&self, ctx: &RowContext<'_>) -> Result<()> {
        if self.len() != ctx.columns.len() {
            return Err(Error::new(ErrorKind::Malformed(
                format!(
                    "row has {} values for {} columns",
                    self.len(),
                    ctx.columns.len()
                )
                .into(),
            ))
            .context("PropertyRow"));
        }
        Ok(())
    }

    /// Bytes [`PropertyRow::write`] writes.
    pub fn wire_len(&self, ctx: &RowContext<'_>) -> usize {
        let v = &ctx.values;
        1 + match self {
            PropertyRow::Standard(vals) => vals
                .iter()
                .zip(ctx.columns)
                .map(|(x, c)| x.wire_len(c.prop_type, v))
                .sum::<usize>(),
            PropertyRow::Flagged(cells) => cells
                .iter()
                .zip(ctx.columns)
                .map(|(x, c)| {
                    if c.prop_type.value_type() == PropertyType::Unspecified {
                        x.wire_len(v)
                    } else {
                        x.value.wire_len(c.prop_type, v)
                    }
                })
                .sum::<usize>(),
        }
    }

    /// Writes the row with the columns and layout of `ctx`; it must have
    /// one value per column, of the column's type.
    pub fn write<B: BufMut>(&self, ctx: &RowContext<'_>, buf: &mut B) -> Result<()> {
        self.check_len(ctx)?;
        let v = &ctx.values;
        buf.put_u8(self.flag());
        match self {
            PropertyRow::Standard(vals) => {
                for (x, c) in vals.iter().zip(ctx.columns) {
                    x.write(c.prop_type, v, buf).context("PropertyRow")?;
                }
            }
            PropertyRow::Flagged(cells) => {
                for (x, c) in cells.iter().zip(ctx.columns) {
                    if c.prop_type.value_type() == PropertyType::Unspecified {
                        x.write(v, buf)
                    } else {
                        x.value.write(c.prop_type, v, buf)
                    }
                    .context("PropertyRow")?;
                }
            }
        }
        Ok(())
    }
}

impl<'a, 'c> DecodeWith<'a, RowContext<'c>> for PropertyRow {
    fn decode_with(r: &mut Reader<'a>, ctx: RowContext<'c>) -> Result<Self> {
        let v = PropertyRow::read(r, &ctx)?;
        Ok(v)
    }
}

impl<'c> EncodeWith<RowContext<'c>> for PropertyRow {
    fn encoded_len_with(&self, ctx: RowContext<'c>) -> usize {
        self.wire_len(&ctx)
    }
    fn encode_with<B: BufMut>(&self, ctx: RowContext<'c>, buf: &mut B) -> Result<()> {
        self.write(&ctx, buf)
    }
}

/// [MS-OXCDATA] 2.8.2 PropertyRowSet Structure: RowCount (2 bytes) and
/// that many [`PropertyRow`]s, all with the same columns.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PropertyRowSet(pub Vec<PropertyRow>);

impl<'a, 'c> DecodeWith<'a, RowContext<'c>> for PropertyRowSet {
    fn decode_with(r: &mut Reader<'a>, ctx: RowContext<'c>) -> Result<Self> {
        r.frame("PropertyRowSet", |r| {
            let n = r.u16()?;
            let mut i = 0;
            let rows = r.counted(u64::from(n), 1, "RowCount", |r| {
                i += 1;
                r.frame_indexed("PropertyRow", i - 1, |r| PropertyRow::read_inner(r, &ctx))
            })?;
            Ok(PropertyRowSet(rows))
        })
    }
}

impl<'c> EncodeWith<RowContext<'c>> for PropertyRowSet {
    fn encoded_len_with(&self, ctx: RowContext<'c>) -> usize {
        2 + self.0.iter().map(|r| r.wire_len(&ctx)).sum::<usize>()
    }
    fn encode_with<B: BufMut>(&self, ctx: RowContext<'c>, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(self.0.len(), "RowCount")?);
        for row in &self.0 {
            row.write(&ctx, buf).context("PropertyRowSet")?;
        }
        Ok(())
    }
}
