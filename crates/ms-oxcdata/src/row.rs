//! [MS-OXCDATA] 2.8.1 PropertyRow Structures and 2.8.2 PropertyRowSet:
//! rows of values whose layout is given by a column set (the property tags
//! of the last RopSetColumns, or of a RopReadRecipients request), passed
//! explicitly as a [`RowContext`].

use msox_codec::bytes::BufMut;
use msox_codec::{
    DecodeWith, Encode, EncodeWith, Error, ErrorKind, Limits, Options, Origin, Reader, Result,
    ResultExt, Session,
};

use crate::borrowed::{CellRef, PropertyValueRef};
use crate::property::{PropertyTag, PropertyType, PropertyValue};
use crate::value::{FlaggedPropertyValue, FlaggedPropertyValueWithType, ValueContext, skip_value};

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

// ---------------------------------------------------------------------------
// Borrowed rows

/// The limits of a row's values decoded on demand: the row was checked
/// against the session's limits when it was read, so only the depth cap
/// stays (restriction values recurse).
const ON_DEMAND: Options =
    Options::lenient().with_limits(Limits::unlimited().with_max_depth(Limits::DEFAULT.max_depth));

/// [MS-OXCDATA] 2.8.1 PropertyRow, borrowed and lazy: the row's bytes in
/// the input, checked when read, its values decoded on demand.
///
/// [`PropertyRowRef::read`] delimits the row with the same readers, checks,
/// edge policy and budget as [`PropertyRow::read`] (via [`skip_value`]), so
/// every error and defect is reported then, with its offset and path; it
/// allocates nothing. The values are read on demand with the columns the
/// row was read with ([`PropertyRowRef::cells`], [`PropertyRowRef::value`],
/// [`PropertyRowRef::to_owned`]), borrowed from the input
/// ([`PropertyValueRef`]).
///
/// The row does not keep its columns (a row set shares one column set):
/// the on-demand accessors take the [`RowContext`] again. With the columns
/// it was read with they cannot fail; with others they may, with an error
/// (never a panic). A value that lenient decoding repaired when the row was
/// read (a PtypBoolean of 2) is repaired again, without a second defect.
///
/// ```
/// use ms_oxcdata::{PropertyRow, PropertyRowRef, PropertyTag, PropertyType, PropertyValueRef, RowContext};
/// use msox_codec::{DecodeWith, Encode};
/// let columns = [
///     PropertyTag::new(0x0037, PropertyType::String),
///     PropertyTag::new(0x0E08, PropertyType::Integer32),
/// ];
/// let cx = RowContext::rop(&columns);
/// let bytes = [0x00, b'H', 0, b'i', 0, 0, 0, 0x2A, 0, 0, 0];
/// let row = PropertyRowRef::decode_exact_with(&bytes, cx)?;
/// assert_eq!(row.value(1, &cx)?, Some(PropertyValueRef::Integer32(42)));
/// for cell in row.cells(&cx) {
///     let cell = cell?;
///     println!("{}: {:?}", cell.prop_type, cell.value);
/// }
/// assert_eq!(row.to_owned(&cx)?, PropertyRow::decode_exact_with(&bytes, cx)?);
/// assert_eq!(row.to_vec()?, bytes);
///
/// // errors come when the row is read, with their offset and path
/// let e = PropertyRowRef::decode_exact_with(&bytes[..9], cx).unwrap_err();
/// assert_eq!(e.to_string(), "unexpected end of input (needed 4 bytes, 2 left) at byte 7 in PropertyRow");
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct PropertyRowRef<'a> {
    bytes: &'a [u8],
    offset: usize,
}

impl<'a> PropertyRowRef<'a> {
    /// Reads and checks a row with the columns and layout of `ctx`.
    pub fn read(r: &mut Reader<'a>, ctx: &RowContext<'_>) -> Result<Self> {
        r.frame("PropertyRow", |r| Self::read_inner(r, ctx))
    }

    #[inline]
    pub(crate) fn read_inner(r: &mut Reader<'a>, ctx: &RowContext<'_>) -> Result<Self> {
        let at = r.pos();
        let v = &ctx.values;
        match r.u8()? {
            0x00 => {
                for c in ctx.columns {
                    skip_value(r, c.prop_type, v)?;
                }
            }
            0x01 => {
                for c in ctx.columns {
                    CellRef::read_in_row(r, true, c.prop_type, v)?;
                }
            }
            f => return Err(r.invalid_at("Flag", u64::from(f), at)),
        }
        Ok(PropertyRowRef {
            bytes: r.since(at),
            offset: r.offset_of(at),
        })
    }

    /// The Flag byte (0x00 StandardPropertyRow, 0x01 FlaggedPropertyRow).
    pub fn flag(&self) -> u8 {
        self.bytes.first().copied().unwrap_or_default()
    }

    /// Whether this is a FlaggedPropertyRow.
    pub fn is_flagged(&self) -> bool {
        self.flag() == 0x01
    }

    /// The row's bytes as read: the Flag, then the values.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The absolute offset of the row in the input.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The cells, decoded one by one as the iterator goes, with the columns
    /// of `ctx` (those the row was read with). After an error (columns that
    /// are not the row's), the iterator ends.
    pub fn cells<'c>(&self, ctx: &RowContext<'c>) -> Cells<'a, 'c> {
        let body = self.bytes.get(1..).unwrap_or_default();
        let session = Session::new(ON_DEMAND, body.len());
        Cells {
            r: Reader::with_session_at(body, Origin::At(self.offset.saturating_add(1)), session),
            columns: ctx.columns.iter(),
            values: ctx.values,
            flagged: self.is_flagged(),
            done: false,
        }
    }

    /// The cell of column `i` (`None` past the last column).
    pub fn cell(&self, i: usize, ctx: &RowContext<'_>) -> Result<Option<CellRef<'a>>> {
        self.cells(ctx).nth(i).transpose()
    }

    /// The value of column `i`, if the row has one there (a flagged cell
    /// that is not present or an error has none), as [`PropertyRow::value`].
    pub fn value(&self, i: usize, ctx: &RowContext<'_>) -> Result<Option<PropertyValueRef<'a>>> {
        Ok(self.cell(i, ctx)?.and_then(CellRef::into_value))
    }

    /// The owned row ([`PropertyRow`]), decoded with the columns of `ctx`.
    pub fn to_owned(&self, ctx: &RowContext<'_>) -> Result<PropertyRow> {
        let mut cells = self.cells(ctx);
        let row = if cells.flagged {
            let mut out = Vec::with_capacity(ctx.columns.len());
            for c in cells.by_ref() {
                out.push(c?.into_owned());
            }
            PropertyRow::Flagged(out)
        } else {
            let mut out = Vec::with_capacity(ctx.columns.len());
            for c in cells.by_ref() {
                if let Some(v) = c?.into_value() {
                    out.push(v.into_owned());
                }
            }
            PropertyRow::Standard(out)
        };
        cells.r.expect_end()?;
        Ok(row)
    }
}

/// Rows are equal when their bytes are (where they are in the input does
/// not matter).
impl PartialEq for PropertyRowRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for PropertyRowRef<'_> {}

impl std::hash::Hash for PropertyRowRef<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bytes.hash(state);
    }
}

impl<'a, 'c> DecodeWith<'a, RowContext<'c>> for PropertyRowRef<'a> {
    fn decode_with(r: &mut Reader<'a>, ctx: RowContext<'c>) -> Result<Self> {
        PropertyRowRef::read(r, &ctx)
    }
}

/// A row is written as the bytes it was read from.
impl Encode for PropertyRowRef<'_> {
    fn encoded_len(&self) -> usize {
        self.bytes.len()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_slice(self.bytes);
        Ok(())
    }
}

/// A column set prepared for reading many borrowed rows ([`PropertyRowRef`]):
/// what [`PropertyRowRef::read`] does, with each run of fixed-size columns
/// of a StandardPropertyRow (PtypInteger64, PtypTime... not PtypBoolean,
/// which has a policy) delimited in one step, sized by
/// [`PropertyType::fixed_size`]. Same results, same errors (a run the input
/// cannot hold is re-read column by column to report it), same defects.
///
/// ```
/// use ms_oxcdata::{PropertyRowRef, PropertyTag, PropertyType, RowContext, RowReader};
/// use msox_codec::Reader;
/// let columns = [PropertyTag::new(0x674A, PropertyType::Integer64), PropertyTag::new(0x0E08, PropertyType::Integer32)];
/// let rows = RowReader::new(RowContext::rop(&columns));
/// let bytes = [0x00, 1, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0x00, 2, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0];
/// let mut r = Reader::new(&bytes);
/// let a = rows.read(&mut r)?;
/// let b = rows.read(&mut r)?;
/// assert_eq!(b.value(1, rows.context())?.and_then(|v| v.as_i64()), Some(9));
/// assert_eq!(a, PropertyRowRef::read(&mut Reader::new(&bytes), rows.context())?);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RowReader<'c> {
    ctx: RowContext<'c>,
    steps: Vec<Step>,
}

/// One step of delimiting a StandardPropertyRow.
#[derive(Debug, Clone, Copy)]
enum Step {
    /// Columns `from..to`, all of fixed size (not PtypBoolean): `bytes` in all.
    Fixed {
        bytes: usize,
        from: usize,
        to: usize,
    },
    /// A column read through the value dispatch.
    Value(PropertyType),
}

impl<'c> RowReader<'c> {
    /// Prepares the columns and layout of `ctx`.
    pub fn new(ctx: RowContext<'c>) -> Self {
        let mut steps: Vec<Step> = Vec::with_capacity(ctx.columns.len());
        for (i, c) in ctx.columns.iter().enumerate() {
            let t = c.prop_type.value_type();
            match t.fixed_size().filter(|_| t != PropertyType::Boolean) {
                Some(n) => match steps.last_mut() {
                    Some(Step::Fixed { bytes, to, .. }) => {
                        *bytes += n;
                        *to = i + 1;
                    }
                    _ => steps.push(Step::Fixed {
                        bytes: n,
                        from: i,
                        to: i + 1,
                    }),
                },
                None => steps.push(Step::Value(c.prop_type)),
            }
        }
        RowReader { ctx, steps }
    }

    /// The columns and layout.
    pub fn context(&self) -> &RowContext<'c> {
        &self.ctx
    }

    /// Reads and checks a row, as [`PropertyRowRef::read`].
    pub fn read<'a>(&self, r: &mut Reader<'a>) -> Result<PropertyRowRef<'a>> {
        r.frame("PropertyRow", |r| self.read_inner(r))
    }

    /// [`RowReader::read`] without the "PropertyRow" frame (for a caller
    /// that names the row itself, as PropertyRowSet does with its index).
    #[inline]
    pub(crate) fn read_inner<'a>(&self, r: &mut Reader<'a>) -> Result<PropertyRowRef<'a>> {
        if r.peek_u8() != Some(0x00) {
            return PropertyRowRef::read_inner(r, &self.ctx);
        }
        let at = r.pos();
        r.skip(1)?;
        let v = &self.ctx.values;
        for step in &self.steps {
            match *step {
                Step::Fixed { bytes, from, to } => {
                    if r.remaining() < bytes {
                        // report the first column the input cannot hold
                        for c in self.ctx.columns.get(from..to).unwrap_or_default() {
                            skip_value(r, c.prop_type, v)?;
                        }
                    }
                    r.skip(bytes)?;
                }
                Step::Value(t) => PropertyValueRef::read(r, t, v).map(drop)?,
            }
        }
        Ok(PropertyRowRef {
            bytes: r.since(at),
            offset: r.offset_of(at),
        })
    }
}

/// The cells of a [`PropertyRowRef`], decoded on demand
/// ([`PropertyRowRef::cells`]).
#[derive(Debug)]
pub struct Cells<'a, 'c> {
    r: Reader<'a>,
    columns: std::slice::Iter<'c, PropertyTag>,
    values: ValueContext,
    flagged: bool,
    done: bool,
}

impl<'a> Iterator for Cells<'a, '_> {
    type Item = Result<CellRef<'a>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let c = self.columns.next()?;
        match CellRef::read_in_row(&mut self.r, self.flagged, c.prop_type, &self.values) {
            Ok(cell) => Some(Ok(cell)),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.done {
            (0, Some(0))
        } else {
            (0, Some(self.columns.len()))
        }
    }
}

impl std::iter::FusedIterator for Cells<'_, '_> {}

/// [MS-OXCDATA] 2.8.2 PropertyRowSet, borrowed: RowCount and that many
/// [`PropertyRowRef`]s, each checked when read (see [`PropertyRowRef`]).
///
/// ```
/// use ms_oxcdata::{PropertyRowSetRef, PropertyTag, PropertyType, RowContext};
/// use msox_codec::DecodeWith;
/// let columns = [PropertyTag::new(0x0E08, PropertyType::Integer32)];
/// let cx = RowContext::rop(&columns);
/// let set = PropertyRowSetRef::decode_exact_with(&[2, 0, 0x00, 1, 0, 0, 0, 0x00, 2, 0, 0, 0], cx)?;
/// let sizes: Vec<_> = set.0.iter().map(|row| row.value(0, &cx)).collect::<Result<_, _>>()?;
/// assert_eq!(sizes.len(), 2);
/// assert_eq!(set.to_owned(&cx)?.0.len(), 2);
/// # Ok::<(), msox_codec::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PropertyRowSetRef<'a>(pub Vec<PropertyRowRef<'a>>);

impl PropertyRowSetRef<'_> {
    /// The owned row set, decoded with the columns of `ctx`.
    pub fn to_owned(&self, ctx: &RowContext<'_>) -> Result<PropertyRowSet> {
        let mut rows = Vec::with_capacity(self.0.len());
        for row in &self.0 {
            rows.push(row.to_owned(ctx)?);
        }
        Ok(PropertyRowSet(rows))
    }
}

impl<'a, 'c> DecodeWith<'a, RowContext<'c>> for PropertyRowSetRef<'a> {
    fn decode_with(r: &mut Reader<'a>, ctx: RowContext<'c>) -> Result<Self> {
        r.frame("PropertyRowSet", |r| {
            let n = r.u16()?;
            let mut i = 0;
            let rows_reader = RowReader::new(ctx);
            let rows = r.counted(u64::from(n), 1, "RowCount", |r| {
                i += 1;
                r.frame_indexed("PropertyRow", i - 1, |r| rows_reader.read_inner(r))
            })?;
            Ok(PropertyRowSetRef(rows))
        })
    }
}

impl Encode for PropertyRowSetRef<'_> {
    fn encoded_len(&self) -> usize {
        2 + self.0.iter().map(|r| r.bytes.len()).sum::<usize>()
    }
    fn encode<B: BufMut>(&self, buf: &mut B) -> Result<()> {
        buf.put_u16_le(msox_codec::fit_u16(self.0.len(), "RowCount")?);
        for row in &self.0 {
            buf.put_slice(row.bytes);
        }
        Ok(())
    }
}
